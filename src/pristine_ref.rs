//! The pristine tree kept in git: `refs/saasgen/pristine` points at a commit holding
//! exactly what saasgen last rendered for the project, unedited. It gives `update` the
//! base text to merge against when the base cannot be re-rendered (the project was made
//! by another saasgen version), as JHipster and SaaS Pegasus keep theirs. Each file read
//! from it is vetted against `.saasgen/manifest` ([`crate::pristine`]), so a stale ref
//! (from a fleet branch not merged yet, say) is never trusted.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::git;
use crate::plan::PlannedFile;

pub const PRISTINE_REF: &str = "refs/saasgen/pristine";

/// Records `files` as the pristine tree of the repository at `root`; nothing outside a
/// repository. One `git fast-import`, so a fleet stays fast; failure is only a warning
/// for the caller, as the hashes still guard every file.
pub fn store(root: &Path, files: &[PlannedFile]) -> Result<(), String> {
    if !git::is_repo(root) {
        return Ok(());
    }
    let message = format!("saasgen {}: the pristine generated tree", crate::VERSION);
    let mut stream = format!(
        "commit {PRISTINE_REF}\ncommitter saasgen <saasgen@localhost> 0 +0000\ndata {}\n{message}\ndeleteall\n",
        message.len()
    )
    .into_bytes();
    for f in files {
        let mode = if f.executable { "100755" } else { "100644" };
        stream.extend(format!("M {mode} inline {}\ndata {}\n", f.path, f.contents.len()).bytes());
        stream.extend(&f.contents);
        stream.push(b'\n');
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet", "--force"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(&stream)
        .map_err(|e| format!("git fast-import: {e}"))?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    match out.status.success() {
        true => Ok(()),
        false => Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
    }
}

/// The files of the pristine tree by path; empty without a repository or the ref.
pub fn load(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(listing) = git::run(root, &["ls-tree", "-r", "-z", PRISTINE_REF]) else {
        return BTreeMap::new();
    };
    // `MODE blob SHA\tPATH`, NUL-separated.
    let entries: Vec<(&str, &str)> = listing
        .split('\0')
        .filter_map(|e| e.split_once('\t'))
        .filter_map(|(meta, path)| meta.split(' ').nth(2).map(|sha| (sha, path)))
        .collect();
    let shas: Vec<&str> = entries.iter().map(|(sha, _)| *sha).collect();
    let Some(blobs) = cat_blobs(root, &shas) else {
        return BTreeMap::new();
    };
    entries
        .into_iter()
        .zip(blobs)
        .map(|((_, path), bytes)| (path.to_owned(), bytes))
        .collect()
}

/// The contents of each blob, in order, from one `git cat-file --batch`.
fn cat_blobs(root: &Path, shas: &[&str]) -> Option<Vec<Vec<u8>>> {
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let request = shas.join("\n") + "\n";
    // Written from a thread: git answers while we still write, and both pipes are finite.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    let mut rest = &out.stdout[..];
    let mut blobs = Vec::with_capacity(shas.len());
    for _ in shas {
        let header_end = rest.iter().position(|b| *b == b'\n')?;
        let header = std::str::from_utf8(&rest[..header_end]).ok()?;
        let size: usize = header.rsplit(' ').next()?.parse().ok()?;
        let start = header_end + 1;
        blobs.push(rest.get(start..start + size)?.to_vec());
        rest = rest.get(start + size + 1..)?;
    }
    Some(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &[u8], executable: bool) -> PlannedFile {
        PlannedFile {
            path: path.into(),
            contents: contents.to_vec(),
            executable,
            layer: "t".into(),
        }
    }

    #[test]
    fn the_pristine_tree_reads_back_byte_for_byte() {
        let tmp = tempfile::tempdir().unwrap();
        git::run(tmp.path(), &["init", "-q"]).unwrap();
        let files = [
            file("a dir/with space.txt", b"x\n", false),
            file("bin/tool", b"#!/bin/sh\n", true),
            file("empty", b"", false),
            file("logo.ico", &[0, 159, 146, 150, 10, 255], false),
        ];
        store(tmp.path(), &files).unwrap();
        store(tmp.path(), &files[1..]).unwrap();
        let read = load(tmp.path());
        let expected: BTreeMap<String, Vec<u8>> = files[1..]
            .iter()
            .map(|f| (f.path.clone(), f.contents.clone()))
            .collect();
        assert_eq!(read, expected, "the second store replaces the first tree");
    }

    #[test]
    fn outside_a_repository_nothing_is_stored_or_read() {
        let tmp = tempfile::tempdir().unwrap();
        store(tmp.path(), &[file("a", b"1", false)]).unwrap();
        assert!(load(tmp.path()).is_empty());
    }
}
