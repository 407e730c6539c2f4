//! `saasgen update [DIR]`: render the project again with this saasgen and its recorded
//! answers (plus any changed now), and three-way merge the result into the owner's tree
//! against the pristine base ([`pristine`]). The per-file decisions are [`merge`]'s;
//! [`transaction`] applies them all or nothing. Several projects go to [`crate::fleet`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::answers::Answers;
use crate::cli::UpdateArgs;
use crate::error::{Error, Result};
use crate::keys::Partial;
use crate::merge::{self, Action, Change, Current, Outcome};
use crate::output::Printer;
use crate::plan::{self, ANSWERS_FILE, Plan};
use crate::presets::AnswersFile;
use crate::pristine::Base;
use crate::resolve::{self, Inputs};
use crate::templates::{self, Folder};
use crate::write::RealFs;
use crate::{git, journal, output, pristine_ref, transaction};

/// A generated project: where it is and what its `.saasgen.toml` says.
#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    /// The saasgen version that last generated or updated it.
    pub version: String,
    pub recorded: Partial,
    /// The presets it was made from, as recorded: carried into the new `.saasgen.toml`.
    pub presets: Vec<String>,
}

impl Project {
    /// Opens the project at `dir` (absolute afterwards), first rolling back an update
    /// of it that was killed halfway ([`journal::recover`]), and saying so.
    pub fn open(dir: &Path) -> Result<Self> {
        let root = std::path::absolute(dir)
            .map_err(|e| Error::io(format!("cannot resolve `{}`", dir.display()), e))?;
        if let Some(done) = journal::recover(&root)? {
            output::warn(done);
        }
        let file = root.join(ANSWERS_FILE);
        let text = std::fs::read_to_string(&file).map_err(|e| {
            Error::user(format!("`{}` is not a saasgen project: cannot read {ANSWERS_FILE}: {e}", root.display()))
                .with_hint("run `saasgen update` in a project that `saasgen new` generated, or pass its folder")
        })?;
        let source = format!("`{}`", file.display());
        let parsed = AnswersFile::parse(&text, &source)?;
        let version = parsed.saasgen_version.clone().ok_or_else(|| {
            Error::user(format!("{source} has no saasgen_version"))
                .with_hint(format!("restore {ANSWERS_FILE} from git"))
        })?;
        let recorded = parsed.partial(&source)?;
        Ok(Self {
            root,
            version,
            recorded,
            presets: parsed.presets,
        })
    }
}

/// An update worked out in memory: nothing is written yet.
#[derive(Debug, Serialize)]
pub struct Update {
    pub project: PathBuf,
    pub from_version: String,
    pub to_version: &'static str,
    pub answers: Answers,
    #[serde(skip)]
    pub changes: Vec<Change>,
    /// The fresh rendering: the next update's pristine base.
    #[serde(skip)]
    pub rendered: Plan,
}

impl Update {
    pub fn conflicts(&self) -> Vec<&str> {
        self.of(Outcome::Conflicted)
    }

    pub fn of(&self, outcome: Outcome) -> Vec<&str> {
        self.changes
            .iter()
            .filter(|c| c.outcome == outcome)
            .map(|c| c.path.as_str())
            .collect()
    }

    /// Whether applying it would change anything on disk.
    pub fn writes(&self) -> bool {
        self.changes.iter().any(|c| c.action != Action::Nothing)
    }
}

/// Works out the update of `project` to its recorded answers overlaid with `given`,
/// rendered from `folder` (or the embedded templates).
pub fn prepare(
    project: &Project,
    given: &Partial,
    folder: Option<&'static Folder>,
) -> Result<Update> {
    let base = Base::load(
        &project.root,
        &project.recorded.build()?,
        &project.presets,
        &project.version,
    )?;
    let mut wanted = project.recorded.clone();
    wanted.overlay(given);
    let answers = wanted.build()?;
    let plan = templates::with_folder(folder, || plan::plan_from(&answers, &project.presets))?;
    let mut paths: Vec<&str> = base.files.keys().map(String::as_str).collect();
    paths.extend(plan.files.iter().map(|f| f.path.as_str()));
    let current = read_current(&project.root, &paths)?;
    Ok(Update {
        project: project.root.clone(),
        from_version: project.version.clone(),
        to_version: crate::VERSION,
        answers,
        changes: merge::decide(&base, &current, &plan),
        rendered: plan,
    })
}

/// The project's files at `paths`, where they exist.
fn read_current(root: &Path, paths: &[&str]) -> Result<BTreeMap<String, Current>> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = BTreeMap::new();
    for path in paths {
        let full = root.join(path);
        let Ok(meta) = std::fs::metadata(&full) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let contents = std::fs::read(&full)
            .map_err(|e| Error::io(format!("cannot read `{}`", full.display()), e))?;
        let executable = meta.permissions().mode() & 0o100 != 0;
        out.insert(
            (*path).to_owned(),
            Current {
                contents,
                executable,
            },
        );
    }
    Ok(out)
}

/// The template folder of `--templates`, if given.
pub fn folder(templates: Option<&Path>) -> Result<Option<&'static Folder>> {
    templates.map(templates::load_folder).transpose()
}

/// The answers given on the command line (`--set` and the choice flags).
pub fn given(args: &UpdateArgs) -> Result<Partial> {
    let layers = resolve::layers(&Inputs {
        name: None,
        presets: Vec::new(),
        sets: args.sets.clone(),
        choices: args.choices.clone(),
    })?;
    Ok(resolve::merge(&layers))
}

/// `saasgen update`: `Ok(false)` when conflicts are left to resolve.
pub fn run(args: &UpdateArgs, printer: Printer) -> Result<bool> {
    let printer = printer.with_json(args.json);
    if args.batch.is_some() || args.dirs.len() > 1 {
        return crate::fleet::run(args, printer);
    }
    let dir = args
        .dirs
        .first()
        .map_or_else(|| PathBuf::from("."), PathBuf::clone);
    let project = Project::open(&dir)?;
    if !args.allow_dirty && !args.dry_run {
        git::require_clean(&project.root)?;
    }
    let update = prepare(&project, &given(args)?, folder(args.templates.as_deref())?)?;
    if !args.dry_run {
        transaction::apply(&project.root, &update.changes, &RealFs)?;
        if let Err(e) = pristine_ref::store(&project.root, &update.rendered.files) {
            printer.warn(format!("could not record the pristine tree in git: {e}"));
        }
    }
    report(&update, args.dry_run, &printer);
    Ok(update.conflicts().is_empty())
}

/// One line per change in the JSON report.
#[derive(Serialize)]
struct ChangeReport<'a> {
    path: &'a str,
    outcome: Outcome,
    reason: &'a str,
}

#[derive(Serialize)]
struct UpdateReport<'a> {
    #[serde(flatten)]
    update: &'a Update,
    dry_run: bool,
    changes: Vec<ChangeReport<'a>>,
    conflicts: Vec<&'a str>,
    counts: BTreeMap<Outcome, usize>,
}

fn counts(update: &Update) -> BTreeMap<Outcome, usize> {
    let mut counts = BTreeMap::new();
    for c in &update.changes {
        *counts.entry(c.outcome).or_insert(0) += 1;
    }
    counts
}

fn report(update: &Update, dry_run: bool, printer: &Printer) {
    if printer.json {
        let report = UpdateReport {
            update,
            dry_run,
            changes: update
                .changes
                .iter()
                .map(|c| ChangeReport {
                    path: &c.path,
                    outcome: c.outcome,
                    reason: c.reason,
                })
                .collect(),
            conflicts: update.conflicts(),
            counts: counts(update),
        };
        printer.stdout(serde_json::to_string_pretty(&report).expect("report serialises"));
        return;
    }
    let verb = if dry_run { "Would update" } else { "Updated" };
    let line = |c: &Change| format!("  {:<10}  {}  ({})", label(c.outcome), c.path, c.reason);
    if dry_run {
        printer.stdout(format!(
            "{verb} {} from saasgen {} to {}:",
            update.project.display(),
            update.from_version,
            update.to_version
        ));
        update.changes.iter().for_each(|c| printer.stdout(line(c)));
        printer.stdout(summary(update));
    } else {
        printer.info(format!(
            "{verb} {} to saasgen {}",
            update.project.display(),
            update.to_version
        ));
        for c in &update.changes {
            match c.outcome {
                Outcome::Added | Outcome::Updated => printer.detail(line(c)),
                _ => printer.info(line(c)),
            }
        }
        printer.info(summary(update));
    }
    let conflicts = update.conflicts();
    if !conflicts.is_empty() && !dry_run {
        printer.info(format!(
            "Resolve the conflicts in these files (from `<<<<<<< {}` to `>>>>>>> {}`), then commit:",
            merge::YOURS,
            merge::template_label()
        ));
        conflicts
            .iter()
            .for_each(|p| printer.info(format!("  {p}")));
    }
}

fn label(outcome: Outcome) -> String {
    serde_json::to_value(outcome)
        .expect("outcome serialises")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// `2 added, 5 updated, 1 merged, 0 conflicted, 0 deleted, 1 kept`.
pub fn summary(update: &Update) -> String {
    let counts = counts(update);
    [
        Outcome::Added,
        Outcome::Updated,
        Outcome::Merged,
        Outcome::Conflicted,
        Outcome::Deleted,
        Outcome::Kept,
    ]
    .iter()
    .map(|o| format!("{} {}", counts.get(o).copied().unwrap_or(0), label(*o)))
    .collect::<Vec<_>>()
    .join(", ")
}
