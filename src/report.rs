//! What `--json` prints for one project, the same shape from `saasgen new` and for each
//! entry of `saasgen batch`, so a script reads both the same way (docs/cli.md, "JSON").

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::answers::Answers;
use crate::error::Error;
use crate::plan::Plan;
use crate::post::Step;

#[derive(Debug, Serialize)]
pub struct Report {
    pub name: String,
    /// The project root, absolute.
    pub project: Option<PathBuf>,
    pub answers: Option<Answers>,
    /// Every file written (or, with `--dry-run`, that would be), in plan order.
    pub files: Vec<FileReport>,
    /// The sum of the files' sizes.
    pub bytes: usize,
    /// Files that existed and were (or would be) replaced, with `--force`.
    pub overwritten: Vec<String>,
    pub dry_run: bool,
    /// Plain commands to run next, one per entry.
    pub next_steps: Vec<String>,
    /// Why this project failed (`null` on success); only `batch` reports failures here.
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    pub bytes: usize,
}

/// What went into a successful project.
pub struct Done<'a> {
    pub answers: &'a Answers,
    pub plan: &'a Plan,
    pub target: &'a Path,
    pub overwritten: &'a [String],
    pub dry_run: bool,
    pub next_steps: &'a [Step],
}

impl Report {
    pub fn done(d: &Done) -> Self {
        Self {
            name: d.answers.name.clone(),
            project: Some(d.target.to_path_buf()),
            answers: Some(d.answers.clone()),
            files: d
                .plan
                .files
                .iter()
                .map(|f| FileReport {
                    path: f.path.clone(),
                    bytes: f.contents.len(),
                })
                .collect(),
            bytes: d.plan.total_bytes(),
            overwritten: d.overwritten.to_vec(),
            dry_run: d.dry_run,
            next_steps: d.next_steps.iter().map(|s| s.command.clone()).collect(),
            error: None,
        }
    }

    /// A project that was not generated; the hint is kept with the message.
    pub fn failed(name: String, project: Option<&Path>, err: &Error) -> Self {
        let mut error = err.message.clone();
        if let Some(hint) = &err.hint {
            error.push_str(&format!(" ({hint})"));
        }
        Self {
            name,
            project: project.map(Path::to_path_buf),
            answers: None,
            files: Vec::new(),
            bytes: 0,
            overwritten: Vec::new(),
            dry_run: false,
            next_steps: Vec::new(),
            error: Some(error),
        }
    }
}
