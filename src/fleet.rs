//! The fleet mode of `saasgen update`: many projects, from a batch file (the format of
//! `saasgen batch`, whose parser this reuses) or a list of folders. Each project is
//! updated on a new branch `saasgen/update-<version>`, never on the checked-out one, so
//! its owner reviews and merges the update like any other branch; the checked-out branch
//! and the working tree stay as they were. One failing project does not stop the others.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::UpdateArgs;
use crate::error::{Error, Result};
use crate::keys::Partial;
use crate::new::target_dir;
use crate::output::Printer;
use crate::templates::Folder;
use crate::update::{self, Project, Update};
use crate::write::RealFs;
use crate::{batch, git, pristine_ref, transaction};

/// How one project's update ended.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Updated cleanly on the branch.
    Updated,
    /// Updated on the branch, with conflict markers in `conflicts`.
    Conflicts,
    /// Nothing to update; no branch made.
    Current,
    /// Not updated; `error` says why.
    Failed,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub name: String,
    pub project: Option<PathBuf>,
    pub status: Status,
    pub branch: Option<String>,
    /// Files changed on the branch.
    pub changes: usize,
    pub conflicts: Vec<String>,
    pub error: Option<String>,
}

/// The branch every project's update goes on.
pub fn branch() -> String {
    format!("saasgen/update-{}", crate::VERSION)
}

pub fn run(args: &UpdateArgs, printer: Printer) -> Result<bool> {
    let targets = targets(args)?;
    let given = update::given(args)?;
    let folder = update::folder(args.templates.as_deref())?;
    crate::output::reached(crate::output::Phase::Writing);
    let bar = printer.progress_bar(targets.len() as u64, "projects");
    let mut outcomes = Vec::with_capacity(targets.len());
    for (name, target) in targets {
        bar.set_message(name.clone());
        let outcome = match target {
            Ok((dir, answers)) => update_one(name, &dir, &answers, &given, folder, args.dry_run),
            Err(err) => failed(name, None, &err),
        };
        outcomes.push(outcome);
        bar.inc(1);
    }
    bar.finish_and_clear();
    print(&outcomes, &printer);
    Ok(outcomes
        .iter()
        .all(|o| matches!(o.status, Status::Updated | Status::Current)))
}

type Target = Result<(PathBuf, Partial)>;

/// Each project's folder and the answers its entry gives (none for a plain folder).
fn targets(args: &UpdateArgs) -> Result<Vec<(String, Target)>> {
    let Some(file) = &args.batch else {
        return Ok(args
            .dirs
            .iter()
            .map(|d| (d.display().to_string(), Ok((d.clone(), Partial::default()))))
            .collect());
    };
    let source = format!("`{}`", file.display());
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::user(format!("cannot read batch file {source}: {e}")))?;
    let entries = batch::parse(&text, &source, &file.display().to_string())?;
    Ok(entries
        .into_iter()
        .map(|(shown, entry)| {
            let target =
                entry.and_then(|e| Ok((target_dir(&e.name, e.output.as_deref())?, e.answers)));
            (shown, target)
        })
        .collect())
}

fn update_one(
    name: String,
    dir: &Path,
    answers: &Partial,
    given: &Partial,
    folder: Option<&'static Folder>,
    dry_run: bool,
) -> Outcome {
    let result = (|| {
        let project = Project::open(dir)?;
        if !git::is_repo(&project.root) {
            return Err(Error::user(
                "not a git repository; the fleet mode updates on a branch",
            ));
        }
        git::require_clean(&project.root)?;
        let mut wanted = answers.clone();
        wanted.overlay(given);
        let update = update::prepare(&project, &wanted, folder)?;
        if update.writes() && !dry_run {
            on_branch(&project.root, &update)?;
        }
        Ok(update)
    })();
    match result {
        Ok(update) => done(name, &update, dry_run),
        Err(err) => failed(name, Some(dir), &err),
    }
}

/// Applies the update on a new branch and commits it there, then checks out the
/// owner's branch again. On failure the branch is removed and the tree is as before.
fn on_branch(root: &Path, update: &Update) -> Result<()> {
    let git_err = |what: &str, e: String| Error::user(format!("git {what} failed: {e}"));
    let original = git::run(root, &["symbolic-ref", "--short", "-q", "HEAD"])
        .map(|b| b.trim().to_owned())
        .map_err(|_| Error::user("HEAD is detached; check out a branch first"))?;
    let branch = branch();
    if git::run(
        root,
        &[
            "rev-parse",
            "--verify",
            "-q",
            &format!("refs/heads/{branch}"),
        ],
    )
    .is_ok()
    {
        return Err(Error::user(format!("branch `{branch}` already exists"))
            .with_hint("merge or delete it, then run the update again"));
    }
    git::run(root, &["switch", "-q", "-c", &branch]).map_err(|e| git_err("switch", e))?;
    let message = format!("saasgen update to {}", crate::VERSION);
    let result = transaction::apply(root, &update.changes, &RealFs)
        .and_then(|()| git::commit_all(root, &message).map_err(|e| git_err("commit", e)))
        .and_then(|()| {
            pristine_ref::store(root, &update.rendered.files).map_err(|e| git_err("fast-import", e))
        });
    if result.is_err() {
        let _ = git::run(root, &["reset", "-q", "--hard"]);
    }
    git::run(root, &["switch", "-q", &original]).map_err(|e| git_err("switch", e))?;
    if result.is_err() {
        let _ = git::run(root, &["branch", "-q", "-D", &branch]);
    }
    result
}

fn done(name: String, update: &Update, dry_run: bool) -> Outcome {
    let conflicts: Vec<String> = update.conflicts().into_iter().map(str::to_owned).collect();
    let status = match (
        update.writes() || !conflicts.is_empty(),
        conflicts.is_empty(),
    ) {
        (false, _) => Status::Current,
        (true, true) => Status::Updated,
        (true, false) => Status::Conflicts,
    };
    Outcome {
        name,
        project: Some(update.project.clone()),
        branch: (status != Status::Current && !dry_run).then(branch),
        status,
        changes: update
            .changes
            .iter()
            .filter(|c| c.action != crate::merge::Action::Nothing)
            .count(),
        conflicts,
        error: None,
    }
}

fn failed(name: String, dir: Option<&Path>, err: &Error) -> Outcome {
    let mut error = err.message.clone();
    if let Some(hint) = &err.hint {
        error.push_str(&format!(" ({hint})"));
    }
    Outcome {
        name,
        project: dir.map(Path::to_path_buf),
        status: Status::Failed,
        branch: None,
        changes: 0,
        conflicts: Vec::new(),
        error: Some(error),
    }
}

fn print(outcomes: &[Outcome], printer: &Printer) {
    if printer.json {
        printer.stdout(serde_json::to_string_pretty(outcomes).expect("outcomes serialise"));
        return;
    }
    let mut table = format!(
        "{:<24} {:<10} {:>7}  {}\n",
        "PROJECT", "RESULT", "CHANGES", "DETAIL"
    );
    for o in outcomes {
        let detail = match o.status {
            Status::Failed => o.error.clone().unwrap_or_default(),
            Status::Conflicts => format!(
                "{}: {}",
                o.branch.as_deref().unwrap_or("-"),
                o.conflicts.join(", ")
            ),
            _ => o.branch.clone().unwrap_or_else(|| "-".into()),
        };
        let status = serde_json::to_value(&o.status).expect("status serialises");
        table.push_str(&format!(
            "{:<24} {:<10} {:>7}  {detail}\n",
            o.name,
            status.as_str().unwrap_or_default(),
            o.changes
        ));
    }
    let count = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
    table.push_str(&format!(
        "{} updated, {} with conflicts, {} current, {} failed",
        count(Status::Updated),
        count(Status::Conflicts),
        count(Status::Current),
        count(Status::Failed)
    ));
    if !printer.quiet {
        eprintln!("{table}");
    }
}
