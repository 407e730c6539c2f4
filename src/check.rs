//! `saasgen check [DIR]`: the drift report, for people and CI. It compares the project
//! with its pristine base (what the owner changed, deleted or added) and works out the
//! update without writing it (whether the project is behind, and whether updating would
//! conflict).
//!
//! Exit codes: 0 current, 1 behind (or, with `--strict`, drifted), 2 any error, so a CI
//! job can tell "needs an update" from "cannot tell".

use std::collections::BTreeSet;

use serde::Serialize;

use crate::cli::CheckArgs;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::Partial;
use crate::output::Printer;
use crate::pristine::{self, Base, RECORD_FILE};
use crate::update::{self, Project};

#[derive(Debug, Serialize)]
pub struct Drift {
    pub project: std::path::PathBuf,
    pub version: String,
    pub installed: &'static str,
    /// An update would change files.
    pub behind: bool,
    /// Generated files the owner edited.
    pub changed: Vec<String>,
    /// Generated files the owner deleted.
    pub deleted: Vec<String>,
    /// Files the owner added (from git; `null` outside a repository).
    pub added: Option<Vec<String>>,
    /// Files an update would leave with conflicts.
    pub conflicts: Vec<String>,
    /// What an update would do, as `update --dry-run` counts it.
    pub update: String,
}

impl Drift {
    pub fn drifted(&self) -> bool {
        !self.changed.is_empty()
            || !self.deleted.is_empty()
            || self.added.as_ref().is_some_and(|a| !a.is_empty())
    }
}

pub fn run(args: &CheckArgs, printer: Printer) -> Result<bool> {
    let printer = printer.with_json(args.json);
    // Any failure exits 2, whatever its kind: 1 means "behind" to CI.
    let drift = measure(args).map_err(|err| Error {
        kind: ErrorKind::Internal,
        ..err
    })?;
    report(&drift, &printer);
    Ok(!(drift.behind || (args.strict && drift.drifted())))
}

fn measure(args: &CheckArgs) -> Result<Drift> {
    let dir = args.dir.clone().unwrap_or_else(|| ".".into());
    let project = Project::open(&dir)?;
    let base = Base::load(
        &project.root,
        &project.recorded.build()?,
        &project.presets,
        &project.version,
    )?;
    let update = update::prepare(
        &project,
        &Partial::default(),
        update::folder(args.templates.as_deref())?,
    )?;
    let (mut changed, mut deleted) = (Vec::new(), Vec::new());
    for (path, file) in &base.files {
        match std::fs::read(project.root.join(path)) {
            Ok(bytes) if pristine::hash(&bytes) != file.hash => changed.push(path.clone()),
            Ok(_) => {}
            Err(_) => deleted.push(path.clone()),
        }
    }
    let known: BTreeSet<&str> = base
        .files
        .keys()
        .map(String::as_str)
        .chain([RECORD_FILE])
        .collect();
    let added = crate::git::listed_files(&project.root).map(|files| {
        // `--cached` also lists files deleted since the last commit: keep what exists.
        files
            .into_iter()
            .filter(|f| !known.contains(f.as_str()) && project.root.join(f).is_file())
            .collect()
    });
    Ok(Drift {
        behind: project.version != crate::VERSION
            || update.writes()
            || !update.conflicts().is_empty(),
        conflicts: update.conflicts().into_iter().map(str::to_owned).collect(),
        update: update::summary(&update),
        project: project.root,
        version: project.version,
        installed: crate::VERSION,
        changed,
        deleted,
        added,
    })
}

fn report(d: &Drift, printer: &Printer) {
    if printer.json {
        printer.stdout(serde_json::to_string_pretty(d).expect("drift serialises"));
        return;
    }
    let status = match (d.behind, d.drifted()) {
        (true, _) => "behind: run `saasgen update`",
        (false, true) => "current, with your changes",
        (false, false) => "current",
    };
    printer.stdout(format!("{}: {status}", d.project.display()));
    printer.stdout(format!(
        "  saasgen {} (installed {})",
        d.version, d.installed
    ));
    list(printer, "changed by you", &d.changed);
    list(printer, "deleted by you", &d.deleted);
    match &d.added {
        Some(added) => list(printer, "added by you", added),
        None => printer.stdout("  added by you: unknown (not a git repository)"),
    }
    if d.behind {
        printer.stdout(format!("  an update would do: {}", d.update));
        list(printer, "would conflict", &d.conflicts);
    }
}

fn list(printer: &Printer, what: &str, paths: &[String]) {
    printer.stdout(format!("  {what}: {}", paths.len()));
    for p in paths {
        printer.stdout(format!("    {p}"));
    }
}
