//! Where bytes hit the disk: into a staging folder beside the target, then moved into
//! place, so that a failure at any point leaves nothing behind.
//!
//! File operations go through [`Fs`] so tests can inject a failure halfway through.

use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::plan::Plan;

/// The file-system calls writing needs.
pub trait Fs {
    fn create_dir_all(&self, path: &Path) -> io::Result<()>;
    fn write(&self, path: &Path, contents: &[u8], executable: bool) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove_dir_all(&self, path: &Path) -> io::Result<()>;
}

/// The real disk.
pub struct RealFs;

impl Fs for RealFs {
    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        std::fs::create_dir_all(path)
    }

    /// Creates the file with its final mode in one call; the umask applies, as it does
    /// for `git checkout`.
    fn write(&self, path: &Path, contents: &[u8], executable: bool) -> io::Result<()> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mode = if executable { 0o777 } else { 0o666 };
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(path)?;
        file.write_all(contents)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_dir_all(path)
    }
}

/// What the target looks like before writing.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    Missing,
    EmptyDir,
    NonEmptyDir,
}

/// Checks the target without touching it: it must not exist, or be an empty folder, or
/// `force` must be given.
pub fn check_target(target: &Path, force: bool) -> Result<()> {
    inspect(target, force).map(|_| ())
}

fn inspect(target: &Path, force: bool) -> Result<Target> {
    let shown = target.display();
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::Missing),
        Err(e) => Err(Error::io(format!("cannot inspect `{shown}`"), e)),
        Ok(meta) if !meta.is_dir() => Err(Error::user(format!(
            "`{shown}` exists and is not a directory"
        ))
        .with_hint("choose another name or --output DIR")),
        Ok(_) => {
            let mut entries = std::fs::read_dir(target)
                .map_err(|e| Error::io(format!("cannot read `{shown}`"), e))?;
            if entries.next().is_none() {
                Ok(Target::EmptyDir)
            } else if force {
                Ok(Target::NonEmptyDir)
            } else {
                Err(
                    Error::user(format!("directory `{shown}` is not empty")).with_hint(
                        "pass --force to write into it (files saasgen does not produce are kept)",
                    ),
                )
            }
        }
    }
}

/// Writes the plan to `target`. Returns the number of files written.
pub fn write(
    plan: &Plan,
    target: &Path,
    force: bool,
    fs: &dyn Fs,
    on_file: &dyn Fn(&str),
) -> Result<usize> {
    let state = inspect(target, force)?;
    let parent = parent_of(target);
    let created_parents = create_parents(&parent, fs)?;
    let staging = staging_path(target);
    let result = stage(plan, &staging, fs, on_file).and_then(|()| match state {
        Target::Missing | Target::EmptyDir => fs.rename(&staging, target).map_err(|e| {
            Error::io(
                format!("cannot move the project into `{}`", target.display()),
                e,
            )
        }),
        Target::NonEmptyDir => merge(plan, &staging, target, fs),
    });
    if let Err(err) = result {
        let _ = fs.remove_dir_all(&staging);
        for dir in created_parents.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
        return Err(err);
    }
    Ok(plan.files.len())
}

fn parent_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Creates missing ancestors of the target; returns them (outermost first) so that a
/// failure can remove exactly what it made.
fn create_parents(parent: &Path, fs: &dyn Fs) -> Result<Vec<PathBuf>> {
    let missing: Vec<PathBuf> = parent
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
        .map(Path::to_path_buf)
        .collect();
    fs.create_dir_all(parent).map_err(|e| {
        Error::io(format!("cannot create `{}`", parent.display()), e)
            .with_hint("check that the location exists and is writable, or pass --output DIR")
    })?;
    Ok(missing.into_iter().rev().collect())
}

fn staging_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into());
    parent_of(target).join(format!(".{name}.saasgen-staging-{}", std::process::id()))
}

fn stage(plan: &Plan, staging: &Path, fs: &dyn Fs, on_file: &dyn Fn(&str)) -> Result<()> {
    let fail = |e: io::Error| {
        Error::io(
            format!("cannot write into `{}`", parent_of(staging).display()),
            e,
        )
        .with_hint("check that the location is writable and has free space, or pass --output DIR")
    };
    fs.create_dir_all(staging).map_err(fail)?;
    let mut made = std::collections::HashSet::new();
    for file in &plan.files {
        let dest = staging.join(&file.path);
        if let Some(dir) = dest.parent()
            && made.insert(dir.to_path_buf())
        {
            fs.create_dir_all(dir).map_err(fail)?;
        }
        fs.write(&dest, &file.contents, file.executable)
            .map_err(fail)?;
        on_file(&file.path);
    }
    Ok(())
}

/// `--force` into a non-empty folder: move each staged file over its destination;
/// files the plan does not name are left alone.
fn merge(plan: &Plan, staging: &Path, target: &Path, fs: &dyn Fs) -> Result<()> {
    for file in &plan.files {
        let dest = target.join(&file.path);
        if let Some(dir) = dest.parent() {
            fs.create_dir_all(dir)
                .map_err(|e| Error::io(format!("cannot create `{}`", dir.display()), e))?;
        }
        fs.rename(&staging.join(&file.path), &dest)
            .map_err(|e| Error::io(format!("cannot write `{}`", dest.display()), e))?;
    }
    fs.remove_dir_all(staging)
        .map_err(|e| Error::io("cannot remove the staging folder", e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PlannedFile;
    use std::cell::Cell;

    /// Fails the nth file write, like a full disk would.
    struct FailingFs {
        fail_at: usize,
        writes: Cell<usize>,
    }

    impl Fs for FailingFs {
        fn create_dir_all(&self, path: &Path) -> io::Result<()> {
            RealFs.create_dir_all(path)
        }
        fn write(&self, path: &Path, contents: &[u8], executable: bool) -> io::Result<()> {
            self.writes.set(self.writes.get() + 1);
            if self.writes.get() == self.fail_at {
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "no space left on device",
                ));
            }
            RealFs.write(path, contents, executable)
        }
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            RealFs.rename(from, to)
        }
        fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
            RealFs.remove_dir_all(path)
        }
    }

    fn plan_of(n: usize) -> Plan {
        let files = (0..n)
            .map(|i| PlannedFile {
                path: format!("dir{}/file{i}.txt", i % 3),
                contents: vec![b'x'; i],
                executable: i == 1,
                layer: "test".into(),
            })
            .collect();
        Plan { files }
    }

    #[test]
    fn a_failure_midway_leaves_no_target_and_no_staging_behind() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("deep/er/project");
        let fs = FailingFs {
            fail_at: 5,
            writes: Cell::new(0),
        };
        let err = write(&plan_of(10), &target, false, &fs, &|_| {}).unwrap_err();
        assert!(err.message.contains("no space left"), "{}", err.message);
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            0,
            "nothing left in {:?}",
            tmp.path()
        );
    }

    #[test]
    fn writes_every_file_with_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("p");
        assert_eq!(
            write(&plan_of(4), &target, false, &RealFs, &|_| {}).unwrap(),
            4
        );
        let mode = std::fs::metadata(target.join("dir1/file1.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_ne!(mode & 0o100, 0, "owner may execute");
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging folder removed"
        );
    }

    #[test]
    fn force_keeps_files_the_plan_does_not_produce() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("mine.txt"), "keep me").unwrap();
        std::fs::create_dir(tmp.path().join("dir0")).unwrap();
        std::fs::write(tmp.path().join("dir0/file0.txt"), "old").unwrap();
        write(&plan_of(3), tmp.path(), true, &RealFs, &|_| {}).unwrap();
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("mine.txt")).unwrap(),
            "keep me"
        );
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("dir0/file0.txt")).unwrap(),
            ""
        );
    }

    #[test]
    fn a_non_empty_target_without_force_is_refused_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("mine.txt"), "x").unwrap();
        let err = write(&plan_of(2), tmp.path(), false, &RealFs, &|_| {}).unwrap_err();
        assert!(err.message.contains("is not empty"));
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
