//! Applies an update's changes so that the project is either fully updated or exactly
//! as it was: new contents are staged beside the project first; then each replaced or
//! deleted file is moved aside before its successor moves in, and any failure (or
//! Ctrl-C, deferred meanwhile) moves everything back.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::merge::{Action, Change};
use crate::output;
use crate::write::Fs;

/// One step done on the project, to undo in reverse on failure.
enum Done {
    /// The owner's file moved aside into the backup.
    MovedAside(PathBuf),
    /// A staged file moved into the project.
    Placed(PathBuf),
    /// A folder created in the project.
    MadeDir(PathBuf),
}

/// Writes `changes` into the project at `root`, all or nothing.
pub fn apply(root: &Path, changes: &[Change], fs: &dyn Fs) -> Result<()> {
    let staging = staging_path(root);
    output::defer_interrupts(true);
    let result = stage(&staging, changes, fs).and_then(|()| commit(root, &staging, changes, fs));
    let _ = fs.remove_dir_all(&staging);
    output::defer_interrupts(false);
    result
}

fn staging_path(root: &Path) -> PathBuf {
    let name = root
        .file_name()
        .map_or_else(|| "project".into(), |n| n.to_string_lossy());
    let parent = root.parent().unwrap_or(Path::new("."));
    parent.join(format!(".{name}.saasgen-update-{}", std::process::id()))
}

/// Every new content into `staging/new`, with its mode.
fn stage(staging: &Path, changes: &[Change], fs: &dyn Fs) -> Result<()> {
    let fail = |e| {
        Error::io(
            format!("cannot stage the update in `{}`", staging.display()),
            e,
        )
    };
    for change in changes {
        check_interrupt()?;
        if let Action::Write {
            contents,
            executable,
        } = &change.action
        {
            let dest = staging.join("new").join(&change.path);
            fs.create_dir_all(dest.parent().expect("a file has a folder"))
                .map_err(fail)?;
            fs.write(&dest, contents, *executable).map_err(fail)?;
        }
    }
    Ok(())
}

fn commit(root: &Path, staging: &Path, changes: &[Change], fs: &dyn Fs) -> Result<()> {
    let mut done = Vec::new();
    let result = changes
        .iter()
        .try_for_each(|change| commit_one(root, staging, change, fs, &mut done));
    if result.is_err() {
        undo(root, staging, done, fs);
    }
    result
}

fn commit_one(
    root: &Path,
    staging: &Path,
    change: &Change,
    fs: &dyn Fs,
    done: &mut Vec<Done>,
) -> Result<()> {
    check_interrupt()?;
    let rel = Path::new(&change.path);
    let dest = root.join(rel);
    let fail = |e| Error::io(format!("cannot update `{}`", dest.display()), e);
    if matches!(change.action, Action::Nothing) {
        return Ok(());
    }
    if std::fs::symlink_metadata(&dest).is_ok() {
        let aside = staging.join("old").join(rel);
        fs.create_dir_all(aside.parent().expect("a file has a folder"))
            .map_err(fail)?;
        fs.rename(&dest, &aside).map_err(fail)?;
        done.push(Done::MovedAside(rel.to_path_buf()));
    }
    if let Action::Write { .. } = change.action {
        for dir in missing_dirs(root, rel) {
            fs.create_dir_all(&root.join(&dir)).map_err(fail)?;
            done.push(Done::MadeDir(dir));
        }
        fs.rename(&staging.join("new").join(rel), &dest)
            .map_err(fail)?;
        done.push(Done::Placed(rel.to_path_buf()));
    }
    Ok(())
}

/// The folders on the way to `rel` that do not exist yet, outermost first.
fn missing_dirs(root: &Path, rel: &Path) -> Vec<PathBuf> {
    let mut missing: Vec<PathBuf> = rel
        .ancestors()
        .skip(1)
        .filter(|d| !d.as_os_str().is_empty() && !root.join(d).exists())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    missing
}

/// Puts the project back as it was, newest step first. Best effort: each step is a
/// rename within one file system, the same kind of call that just succeeded.
fn undo(root: &Path, staging: &Path, done: Vec<Done>, fs: &dyn Fs) {
    for step in done.into_iter().rev() {
        let _ = match step {
            Done::Placed(rel) => fs.rename(&root.join(&rel), &staging.join("new").join(&rel)),
            Done::MovedAside(rel) => fs.rename(&staging.join("old").join(&rel), &root.join(&rel)),
            Done::MadeDir(dir) => std::fs::remove_dir(root.join(dir)),
        };
    }
}

fn check_interrupt() -> Result<()> {
    match output::interrupted() {
        true => Err(Error {
            message: "interrupted; the project is as it was".into(),
            ..Error::interrupted()
        }),
        false => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::Outcome;
    use crate::write::RealFs;
    use std::cell::Cell;
    use std::io;

    /// Fails the nth rename, as a full disk or a vanished folder would mid-update.
    struct FailingFs {
        fail_at: usize,
        renames: Cell<usize>,
    }

    impl Fs for FailingFs {
        fn create_dir_all(&self, path: &Path) -> io::Result<()> {
            RealFs.create_dir_all(path)
        }
        fn write(&self, path: &Path, contents: &[u8], executable: bool) -> io::Result<()> {
            RealFs.write(path, contents, executable)
        }
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.renames.set(self.renames.get() + 1);
            if self.renames.get() == self.fail_at {
                return Err(io::Error::other("disk went away"));
            }
            RealFs.rename(from, to)
        }
        fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
            RealFs.remove_dir_all(path)
        }
    }

    fn change(path: &str, action: Action) -> Change {
        Change {
            path: path.into(),
            outcome: Outcome::Updated,
            reason: "test",
            action,
        }
    }

    fn changes() -> Vec<Change> {
        let write = |s: &str| Action::Write {
            contents: s.as_bytes().to_vec(),
            executable: false,
        };
        vec![
            change("a.txt", write("new a")),
            change("gone.txt", Action::Delete),
            change("new/deep/b.txt", write("new b")),
            change("z.txt", write("new z")),
        ]
    }

    /// Every file and folder under `root`, with file contents.
    fn snapshot(root: &Path) -> Vec<(String, Option<Vec<u8>>)> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                if path.is_dir() {
                    stack.push(path);
                    out.push((rel, None));
                } else {
                    out.push((rel, Some(std::fs::read(&path).unwrap())));
                }
            }
        }
        out.sort();
        out
    }

    fn project() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("p");
        std::fs::create_dir(&root).unwrap();
        for (name, text) in [("a.txt", "old a"), ("gone.txt", "old"), ("z.txt", "old z")] {
            std::fs::write(root.join(name), text).unwrap();
        }
        (tmp, root)
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_project_as_it_was() {
        for fail_at in 1..=6 {
            let (tmp, root) = project();
            let before = snapshot(&root);
            let fs = FailingFs {
                fail_at,
                renames: Cell::new(0),
            };
            let err = apply(&root, &changes(), &fs).unwrap_err();
            assert!(err.message.contains("disk went away"), "{}", err.message);
            assert_eq!(snapshot(&root), before, "failing rename #{fail_at}");
            assert_eq!(
                std::fs::read_dir(tmp.path()).unwrap().count(),
                1,
                "staging removed"
            );
        }
    }

    #[test]
    fn a_successful_update_writes_deletes_and_cleans_up() {
        let (tmp, root) = project();
        apply(&root, &changes(), &RealFs).unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join("a.txt")).unwrap(),
            "new a"
        );
        assert_eq!(
            std::fs::read_to_string(root.join("new/deep/b.txt")).unwrap(),
            "new b"
        );
        assert!(!root.join("gone.txt").exists());
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging removed"
        );
    }
}
