//! Applies an update's changes so that the project is either fully updated or exactly
//! as it was: new contents are staged beside the project first; then the steps (each
//! replaced or deleted file moved aside before its successor moves in) are written to a
//! [`Journal`] and taken. Any failure (or Ctrl-C, deferred meanwhile) rolls them back at
//! once; a killed process leaves the journal for the next run's [`journal::recover`].
//!
//! Hidden test hook: `SAASGEN_TEST_PAUSE_AT_STEP=N` stops before step N for good, saying
//! so on stderr, so that a test can kill the process halfway (tests/update_interrupt.rs).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::journal::{self, Journal, Step};
use crate::merge::{Action, Change};
use crate::write::Fs;
use crate::{output, pristine};

/// Writes `changes` into the project at `root`, all or nothing.
pub fn apply(root: &Path, changes: &[Change], fs: &dyn Fs) -> Result<()> {
    let staging = staging_path(root);
    output::defer_interrupts(true);
    let result = Journal::create(&staging).and_then(|mut journal| {
        let result = stage(&staging, changes, fs).and_then(|()| {
            let steps = steps(root, changes);
            journal.record(&steps)?;
            commit(root, &staging, &steps, fs)
        });
        journal.finish();
        result
    });
    let _ = fs.remove_dir_all(&staging);
    output::defer_interrupts(false);
    result
}

fn staging_path(root: &Path) -> PathBuf {
    let parent = root.parent().unwrap_or(Path::new("."));
    parent.join(format!(
        "{}{}",
        journal::staging_prefix(root),
        std::process::id()
    ))
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

/// The moves that apply `changes`, in order: what is at a path goes aside before its
/// successor (in folders made first) comes in.
fn steps(root: &Path, changes: &[Change]) -> Vec<Step> {
    let mut made = BTreeSet::new();
    let mut steps = Vec::new();
    for change in changes {
        let rel = PathBuf::from(&change.path);
        if change.action == Action::Nothing {
            continue;
        }
        if root.join(&rel).symlink_metadata().is_ok() {
            steps.push(Step::PutAside(rel.clone()));
        }
        if let Action::Write { contents, .. } = &change.action {
            for dir in missing_dirs(root, &rel) {
                if made.insert(dir.clone()) {
                    steps.push(Step::MakeDir(dir));
                }
            }
            let hash = pristine::hash(contents);
            steps.push(Step::Place { path: rel, hash });
        }
    }
    steps
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

fn commit(root: &Path, staging: &Path, steps: &[Step], fs: &dyn Fs) -> Result<()> {
    let result = steps.iter().enumerate().try_for_each(|(i, step)| {
        pause_for_tests(i + 1, steps.len());
        check_interrupt()?;
        take(root, staging, step, fs)
    });
    if result.is_err() {
        journal::roll_back(root, staging, steps);
    }
    result
}

fn take(root: &Path, staging: &Path, step: &Step, fs: &dyn Fs) -> Result<()> {
    let (rel, done) = match step {
        Step::MakeDir(dir) => (dir, fs.create_dir_all(&root.join(dir))),
        Step::PutAside(path) => {
            let aside = staging.join("old").join(path);
            let parent = aside.parent().expect("a file has a folder");
            let moved = fs
                .create_dir_all(parent)
                .and_then(|()| fs.rename(&root.join(path), &aside));
            (path, moved)
        }
        Step::Place { path, .. } => (
            path,
            fs.rename(&staging.join("new").join(path), &root.join(path)),
        ),
    };
    done.map_err(|e| Error::io(format!("cannot update `{}`", root.join(rel).display()), e))
}

/// See the module doc: lets a test kill the process between two moves.
fn pause_for_tests(step: usize, of: usize) {
    if std::env::var("SAASGEN_TEST_PAUSE_AT_STEP").is_ok_and(|v| v == step.to_string()) {
        eprintln!("paused before step {step} of {of}");
        loop {
            std::thread::park();
        }
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
