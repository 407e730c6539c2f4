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
