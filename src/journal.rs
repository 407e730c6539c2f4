//! The update's journal, so that a process killed while moving files (SIGKILL, power
//! loss) leaves a project the next saasgen run can put back. Before the first move,
//! [`Journal::record`] writes and fsyncs every step [`crate::transaction`] is about to
//! take; undoing needs no memory of how far it got, because each step is one rename whose
//! effect is visible on disk. [`recover`] finds a journal left beside a project and rolls
//! it back; the same [`roll_back`] undoes a failure inside a live run.
//!
//! The journal sits in the staging folder and is locked (`flock`) for the whole run, so a
//! second saasgen never rolls back an update that is still going.
//!
//! Format, one step a line: `dir\tREL` (a folder created), `aside\tREL` (the owner's file
//! moved to `old/REL` in the staging folder), `place\tSHA256\tREL` (the staged file moved
//! in), then `end`. A journal without `end` was cut off before any move.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::pristine;

const HEADER: &str = "saasgen update journal 1";
const END: &str = "end";
const FILE: &str = "journal";

/// The staging folders of updates of `root` start with this (the process id follows).
pub fn staging_prefix(root: &Path) -> String {
    let name = root
        .file_name()
        .map_or_else(|| "project".into(), |n| n.to_string_lossy());
    format!(".{name}.saasgen-update-")
}

/// One step of applying an update to the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Create this folder (its parent exists by then).
    MakeDir(PathBuf),
    /// Move the owner's file to `old/` in the staging folder.
    PutAside(PathBuf),
    /// Move the staged file in; its SHA-256 tells it from anything else at that path.
    Place { path: PathBuf, hash: String },
}

/// The open, locked journal of a running update.
pub struct Journal {
    file: File,
    staging: PathBuf,
}

impl Journal {
    /// Creates the staging folder and its empty journal, locked until this is dropped.
    pub fn create(staging: &Path) -> Result<Self> {
        let fail = |e| {
            Error::io(
                format!("cannot start the update in `{}`", staging.display()),
                e,
            )
        };
        std::fs::create_dir_all(staging).map_err(fail)?;
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(staging.join(FILE))
            .map_err(fail)?;
        lock(&file).map_err(fail)?;
        Ok(Self {
            file,
            staging: staging.to_path_buf(),
        })
    }

    /// Writes every step and makes it durable (the file, its entry in the staging folder
    /// and the staging folder's entry beside the project): call before the first move.
    pub fn record(&mut self, steps: &[Step]) -> Result<()> {
        let mut text = format!("{HEADER}\n");
        steps.iter().for_each(|s| text.push_str(&line(s)));
        text.push_str(END);
        text.push('\n');
        self.file
            .write_all(text.as_bytes())
            .and_then(|()| self.file.sync_all())
            .and_then(|()| sync_dir(&self.staging))
            .and_then(|()| sync_dir(self.staging.parent().unwrap_or(Path::new("."))))
            .map_err(|e| Error::io("cannot write the update journal", e))
    }

    /// The run is over (done or rolled back): the journal goes first, durably, so that
    /// a crash while the staging folder is removed never rolls a finished update back.
    pub fn finish(self) {
        let _ = std::fs::remove_file(self.staging.join(FILE));
        let _ = sync_dir(&self.staging);
    }
}

/// Locks `file` for this process (released when it exits, however it exits), or fails
/// with `WouldBlock` when another process holds it.
fn lock(file: &File) -> std::io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    flock(file, FlockOperation::NonBlockingLockExclusive).map_err(std::io::Error::from)
}

fn line(step: &Step) -> String {
    match step {
        Step::MakeDir(dir) => format!("dir\t{}\n", dir.display()),
        Step::PutAside(path) => format!("aside\t{}\n", path.display()),
        Step::Place { path, hash } => format!("place\t{hash}\t{}\n", path.display()),
    }
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

fn parse(text: &str) -> Option<Vec<Step>> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return None;
    }
    let mut steps = Vec::new();
    for line in lines {
        let step = match line.split('\t').collect::<Vec<_>>()[..] {
            [END] => return Some(steps),
            ["dir", dir] => Step::MakeDir(dir.into()),
            ["aside", path] => Step::PutAside(path.into()),
            ["place", hash, path] => Step::Place {
                path: path.into(),
                hash: hash.into(),
            },
            _ => return None,
        };
        steps.push(step);
    }
    None
}

/// What a roll-back did, for the user.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Undone {
    pub restored: usize,
    pub removed: usize,
}

/// Undoes `steps` on `root`, newest first, whichever of them happened: a placed file is
/// removed when it is still the staged one, a file put aside comes back, a created folder
/// goes when empty. Best effort: each is a call of the kind the forward step made.
pub fn roll_back(root: &Path, staging: &Path, steps: &[Step]) -> Undone {
    let mut undone = Undone::default();
    for step in steps.iter().rev() {
        match step {
            Step::Place { path, hash } => {
                let dest = root.join(path);
                let placed = std::fs::read(&dest).is_ok_and(|b| pristine::hash(&b) == *hash);
                if placed && std::fs::remove_file(&dest).is_ok() {
                    undone.removed += 1;
                }
            }
            Step::PutAside(path) => {
                let aside = staging.join("old").join(path);
                if aside.symlink_metadata().is_ok()
                    && std::fs::rename(&aside, root.join(path)).is_ok()
                {
                    undone.restored += 1;
                }
            }
            Step::MakeDir(dir) => {
                let _ = std::fs::remove_dir(root.join(dir));
            }
        }
    }
    undone
}

/// Rolls back any update of `root` that was killed while moving files, and removes its
/// staging folder. Returns what it did, for the user; `None` when there was nothing.
///
/// A staging folder without a journal is left alone: its update may be starting right
/// now (the journal is created and locked just after the folder), and without a journal
/// no file of the project has moved.
pub fn recover(root: &Path) -> Result<Option<String>> {
    let parent = root.parent().unwrap_or(Path::new("."));
    let prefix = staging_prefix(root);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(None);
    };
    let mut report = None;
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            report = recover_one(root, &entry.path())?.or(report);
        }
    }
    Ok(report)
}

fn recover_one(root: &Path, staging: &Path) -> Result<Option<String>> {
    let fail = |e| {
        Error::io(
            format!(
                "cannot recover the interrupted update in `{}`",
                staging.display()
            ),
            e,
        )
    };
    let path = staging.join(FILE);
    let Ok(mut file) = OpenOptions::new().read(true).write(true).open(&path) else {
        return Ok(None);
    };
    match lock(&file) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Err(busy(root)),
        Err(e) => return Err(fail(e)),
    }
    if !still_linked(&file, &path) {
        // Its update finished between our open and our lock, and removed it.
        return Ok(None);
    }
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(fail)?;
    let report = parse(&text).map(|steps| {
        let undone = roll_back(root, staging, &steps);
        format!(
            "an update of `{}` was interrupted while moving files; rolled it back \
             ({} files put back, {} added files removed): the project is as it was before it",
            root.display(),
            undone.restored,
            undone.removed
        )
    });
    std::fs::remove_file(&path).map_err(fail)?;
    sync_dir(staging).map_err(fail)?;
    std::fs::remove_dir_all(staging).map_err(fail)?;
    Ok(report)
}

/// Whether the open `file` is still the one at `path`.
fn still_linked(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

fn busy(root: &Path) -> Error {
    Error::user(format!(
        "another saasgen is updating `{}` right now",
        root.display()
    ))
    .with_hint("wait for it to finish, then run this again")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps() -> Vec<Step> {
        vec![
            Step::MakeDir("new dir".into()),
            Step::PutAside("a b.txt".into()),
            Step::Place {
                path: "new dir/c.txt".into(),
                hash: pristine::hash(b"c"),
            },
        ]
    }

    #[test]
    fn a_recorded_journal_reads_back_and_a_cut_one_does_not() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = tmp.path().join("s");
        let mut journal = Journal::create(&staging).unwrap();
        journal.record(&steps()).unwrap();
        let text = std::fs::read_to_string(staging.join(FILE)).unwrap();
        assert_eq!(parse(&text), Some(steps()));
        assert_eq!(parse(text.trim_end().strip_suffix(END).unwrap()), None);
        journal.finish();
        assert!(!staging.join(FILE).exists());
    }

    #[test]
    fn a_locked_journal_is_not_recovered_while_its_update_runs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("p");
        std::fs::create_dir(&root).unwrap();
        let staging = tmp.path().join(format!("{}1", staging_prefix(&root)));
        let mut journal = Journal::create(&staging).unwrap();
        journal.record(&steps()).unwrap();
        let err = recover(&root).unwrap_err();
        assert!(err.message.contains("another saasgen"), "{}", err.message);
        assert!(staging.join(FILE).exists());
        drop(journal);
        assert!(recover(&root).unwrap().is_some());
        assert!(!staging.exists());
    }

    #[test]
    fn a_folder_without_a_journal_is_left_and_a_cut_journal_only_cleaned_up() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("p");
        std::fs::create_dir(&root).unwrap();
        let starting = tmp.path().join(format!("{}1", staging_prefix(&root)));
        std::fs::create_dir(&starting).unwrap();
        let cut = tmp.path().join(format!("{}2", staging_prefix(&root)));
        std::fs::create_dir(&cut).unwrap();
        std::fs::write(cut.join(FILE), format!("{HEADER}\naside\tx\n")).unwrap();
        assert_eq!(recover(&root).unwrap(), None);
        assert!(starting.exists(), "an update may be starting there");
        assert!(!cut.exists());
    }

    #[test]
    fn a_journal_removed_after_it_was_opened_is_not_the_one_at_its_path() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(FILE);
        std::fs::write(&path, "x").unwrap();
        let file = File::open(&path).unwrap();
        assert!(still_linked(&file, &path));
        std::fs::remove_file(&path).unwrap();
        assert!(!still_linked(&file, &path));
        std::fs::write(&path, "x").unwrap();
        assert!(
            !still_linked(&file, &path),
            "another journal at the same path"
        );
    }

    #[test]
    fn a_placed_file_the_owner_changed_since_is_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("c.txt"), "owner's").unwrap();
        let step = Step::Place {
            path: "c.txt".into(),
            hash: pristine::hash(b"c"),
        };
        assert_eq!(roll_back(tmp.path(), tmp.path(), &[step]).removed, 0);
        assert!(tmp.path().join("c.txt").exists());
    }
}
