//! Pure: what `update` does to each file, from three versions of it: the pristine base,
//! the owner's working copy and the fresh rendering. Nothing here touches the disk, so
//! the property tests (tests/update_merge.rs) drive it directly.
//!
//! The line merge is diffy's three-way merge; a conflict is written with git's 7-character
//! markers, labelled for the reader: `<<<<<<< yours (working tree)` opens the owner's
//! side, `>>>>>>> saasgen <version>` closes the template's ([`relabel`]).

use std::collections::{BTreeMap, BTreeSet};

use diffy::{ConflictStyle, IncompleteHunkStyle, MergeOptions};
use serde::Serialize;

use crate::plan::Plan;
use crate::pristine::{self, Base, RECORD_FILE};

/// A file as it is in the project now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Current {
    pub contents: Vec<u8>,
    pub executable: bool,
}

/// What happens to one file, as the plan (`--dry-run`, `--json`) names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// A new template file, written.
    Added,
    /// Untouched by the owner, so it takes the new content (or the new mode).
    Updated,
    /// Edited by the owner and changed by the template: merged without conflict.
    Merged,
    /// Overlapping changes: written with conflict markers, or left alone (see the reason).
    Conflicted,
    /// No longer produced and untouched by the owner: removed.
    Deleted,
    /// No longer produced but edited by the owner, or deleted by the owner and unchanged
    /// by the template: left as the owner has it.
    Kept,
}

/// The decision for one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub outcome: Outcome,
    /// Why, for people (`edited by you; no longer produced`).
    pub reason: &'static str,
    pub action: Action,
}

/// What to do on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Write { contents: Vec<u8>, executable: bool },
    Delete,
    Nothing,
}

/// The changes an update makes; files that stay as they are are left out. `current`
/// holds the project's files at every path of the base and the new plan that exists.
pub fn decide(base: &Base, current: &BTreeMap<String, Current>, new: &Plan) -> Vec<Change> {
    let mut paths: BTreeSet<&str> = base.files.keys().map(String::as_str).collect();
    paths.extend(new.files.iter().map(|f| f.path.as_str()));
    paths.remove(RECORD_FILE);
    let mut changes: Vec<Change> = paths
        .into_iter()
        .filter_map(|path| decide_one(path, base, current.get(path), new))
        .collect();
    // The record always describes the new rendering, whatever happened to the rest.
    if let Some(record) = new.get(RECORD_FILE)
        && current
            .get(RECORD_FILE)
            .is_none_or(|c| c.contents != record.contents)
    {
        changes.push(Change {
            path: RECORD_FILE.into(),
            outcome: Outcome::Updated,
            reason: "the hashes of the new rendering",
            action: write(&record.contents, false),
        });
    }
    changes
}

fn decide_one(path: &str, base: &Base, ours: Option<&Current>, new: &Plan) -> Option<Change> {
    let base = base.files.get(path);
    let new = new.get(path);
    let change = |outcome, reason, action| {
        Some(Change {
            path: path.to_owned(),
            outcome,
            reason,
            action,
        })
    };
    let untouched = |o: &Current| base.is_some_and(|b| pristine::hash(&o.contents) == b.hash);
    match (base, ours, new) {
        (_, None, None) => None,
        (None, None, Some(n)) => change(
            Outcome::Added,
            "new template file",
            write(&n.contents, n.executable),
        ),
        (Some(b), None, Some(n)) if pristine::hash(&n.contents) == b.hash => change(
            Outcome::Kept,
            "deleted by you; unchanged in the template",
            Action::Nothing,
        ),
        (Some(_), None, Some(_)) => change(
            Outcome::Conflicted,
            "deleted by you, changed by the template; not restored",
            Action::Nothing,
        ),
        (_, Some(o), None) if untouched(o) => {
            change(Outcome::Deleted, "no longer produced", Action::Delete)
        }
        (Some(_), Some(_), None) => change(
            Outcome::Kept,
            "edited by you; no longer produced",
            Action::Nothing,
        ),
        (None, Some(_), None) => None,
        (_, Some(o), Some(n)) if o.contents == n.contents => {
            (o.executable != n.executable).then(|| Change {
                path: path.to_owned(),
                outcome: Outcome::Updated,
                reason: "executable bit follows the template",
                action: write(&n.contents, n.executable),
            })
        }
        (_, Some(o), Some(n)) if untouched(o) => change(
            Outcome::Updated,
            "untouched by you",
            write(&n.contents, n.executable),
        ),
        (Some(b), Some(o), Some(n)) if pristine::hash(&n.contents) == b.hash => {
            // The template did not change it: the owner's edit stands, in the new mode.
            (o.executable != n.executable).then(|| Change {
                path: path.to_owned(),
                outcome: Outcome::Updated,
                reason: "executable bit follows the template",
                action: write(&o.contents, n.executable),
            })
        }
        (b, Some(o), Some(n)) => {
            let ancestor = b.and_then(|b| b.contents.as_deref());
            let (outcome, reason, merged) = merge(ancestor, &o.contents, &n.contents);
            change(outcome, reason, write(&merged, n.executable))
        }
    }
}

/// Three-way merge of the owner's and the template's versions. Without the base text
/// (a file the owner made where the template now adds one, or a base known only by its
/// hash) the whole file is one conflict, never a silent pick of either side.
fn merge(ancestor: Option<&[u8]>, ours: &[u8], theirs: &[u8]) -> (Outcome, &'static str, Vec<u8>) {
    let mut options = MergeOptions::new();
    options
        .set_conflict_style(ConflictStyle::Merge)
        .set_incomplete_hunk_style(IncompleteHunkStyle::Git);
    match ancestor {
        Some(base) => match options
            .merge_bytes(base, ours, theirs)
            .map_err(|c| relabel(c, &[base, ours, theirs]))
        {
            Ok(merged) => (
                Outcome::Merged,
                "edited by you and changed by the template",
                merged,
            ),
            Err(conflicted) => (Outcome::Conflicted, "overlapping edits", conflicted),
        },
        None => {
            let conflicted = options
                .merge_bytes(b"", ours, theirs)
                .unwrap_or_else(|c| relabel(c, &[ours, theirs]));
            (
                Outcome::Conflicted,
                "edited by you; no pristine copy to merge against",
                conflicted,
            )
        }
    }
}

/// The label of the owner's side of a conflict.
pub const YOURS: &str = "yours (working tree)";

/// The label of the template's side of a conflict.
pub fn template_label() -> String {
    format!("saasgen {}", crate::VERSION)
}

/// diffy labels the sides `ours` and `theirs` (fixed in 0.5); this names them [`YOURS`]
/// and [`template_label`]. Unless an input already has such a line (an unresolved
/// conflict committed earlier): then every marker line is kept as diffy wrote it, so that
/// no line of the owner's is ever rewritten.
fn relabel(conflicted: Vec<u8>, inputs: &[&[u8]]) -> Vec<u8> {
    const OURS: &[u8] = b"<<<<<<< ours";
    const THEIRS: &[u8] = b">>>>>>> theirs";
    let lines = |text: &[u8]| {
        text.split(|b| *b == b'\n')
            .map(<[u8]>::to_vec)
            .collect::<Vec<_>>()
    };
    if inputs
        .iter()
        .any(|i| lines(i).iter().any(|l| l == OURS || l == THEIRS))
    {
        return conflicted;
    }
    let (ours, theirs) = (
        format!("<<<<<<< {YOURS}"),
        format!(">>>>>>> {}", template_label()),
    );
    let relabelled: Vec<Vec<u8>> = lines(&conflicted)
        .into_iter()
        .map(|l| match &l[..] {
            OURS => ours.clone().into_bytes(),
            THEIRS => theirs.clone().into_bytes(),
            _ => l,
        })
        .collect();
    relabelled.join(&b'\n')
}

fn write(contents: &[u8], executable: bool) -> Action {
    Action::Write {
        contents: contents.to_vec(),
        executable,
    }
}
