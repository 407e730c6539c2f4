//! `saasgen new`: resolve answers, plan, write atomically, then git and next steps.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::answers::{Answers, Backend};
use crate::cli::NewArgs;
use crate::error::{Error, Result};
use crate::output::Printer;
use crate::plan::{self, Plan};
use crate::resolve::{self, Inputs, Interaction};
use crate::write::{self, RealFs};
use crate::{post, prompt};

/// What `--json` prints.
#[derive(Debug, Serialize)]
pub struct Report {
    pub project: PathBuf,
    pub answers: Answers,
    pub files: usize,
    pub bytes: usize,
    pub dry_run: bool,
    pub next_steps: Vec<String>,
}

pub fn run(args: &NewArgs, printer: Printer) -> Result<()> {
    let printer = printer.with_json(args.json);
    let inputs = Inputs {
        name: args.name.clone(),
        preset: args.preset.clone(),
        sets: args.sets.clone(),
        choices: args.choices.clone(),
    };
    let check_name = |name: &str| {
        let target = target_dir(name, args.output.as_deref())?;
        write::check_target(&target, args.force)
    };
    // Fail on a taken target before asking any question.
    if let Some(name) = &args.name {
        check_name(name)?;
    }
    let interaction = Interaction::detect(args.no_input);
    let answers = resolve::resolve(&inputs, interaction, &check_name)?;
    let target = target_dir(&answers.name, args.output.as_deref())?;
    let plan = plan::plan(&answers)?;
    let shown = args
        .output
        .as_ref()
        .map_or_else(|| answers.name.clone(), |p| p.display().to_string());

    if args.dry_run {
        print_plan(&plan, &target, &printer);
        return finish(&printer, &answers, &plan, &target, &shown, true, false);
    }

    printer.detail(prompt::summary(&answers));
    crate::output::writing_started();
    let bar = printer.progress_bar(plan.files.len() as u64, "writing");
    let written = write::write(&plan, &target, args.force, &RealFs, &|path| {
        bar.inc(1);
        printer.detail(format!("wrote {path}"));
    })?;
    bar.finish_and_clear();
    printer.info(format!("Created {} files in {}", written, target.display()));
    let names: Vec<String> = derived_names(&answers)
        .iter()
        .map(|(what, name)| format!("{what} `{name}`"))
        .collect();
    printer.info(format!("  names: {}", names.join(", ")));

    if args.install {
        post::install(&target, &answers, &printer)?;
    }
    if !args.no_git {
        post::git_init(&target, &printer);
    }
    finish(
        &printer,
        &answers,
        &plan,
        &target,
        &shown,
        false,
        args.install,
    )
}

fn finish(
    printer: &Printer,
    answers: &Answers,
    plan: &Plan,
    target: &Path,
    shown: &str,
    dry_run: bool,
    installed: bool,
) -> Result<()> {
    let next_steps = post::next_steps(answers, shown, installed);
    if printer.json {
        let report = Report {
            project: target.to_path_buf(),
            answers: answers.clone(),
            files: plan.files.len(),
            bytes: plan.total_bytes(),
            dry_run,
            next_steps,
        };
        printer.stdout(serde_json::to_string_pretty(&report).expect("report serialises"));
    } else if !dry_run {
        printer.info("\nNext steps:");
        for step in &next_steps {
            printer.info(format!("  {step}"));
        }
    }
    Ok(())
}

/// The names derived from the project name that this project uses: the Python package
/// only with FastAPI, the crate only with Axum, the npm name only with a frontend.
pub fn derived_names(answers: &Answers) -> Vec<(&'static str, String)> {
    let n = answers.names();
    let mut out = vec![("slug", n.slug)];
    match answers.backend {
        Backend::Fastapi => out.push(("python", n.module_name)),
        Backend::Axum => out.push(("crate", n.crate_name)),
    }
    if answers.frontend.stack().is_some() {
        out.push(("npm", n.npm_name));
    }
    out
}

fn print_plan(plan: &Plan, target: &Path, printer: &Printer) {
    if printer.json {
        return;
    }
    printer.stdout(format!(
        "Would write {} files ({} bytes) into {}:",
        plan.files.len(),
        plan.total_bytes(),
        target.display()
    ));
    for f in &plan.files {
        let mode = if f.executable { "x" } else { " " };
        printer.stdout(format!("  {mode} {:>8}  {}", f.contents.len(), f.path));
    }
}

/// `./NAME`, or DIR itself with `--output DIR`; absolute, with `.` resolved.
pub fn target_dir(name: &str, output: Option<&Path>) -> Result<PathBuf> {
    crate::names::validate_name(name)?;
    let raw = output.map_or_else(|| PathBuf::from(name), Path::to_path_buf);
    let cwd =
        std::env::current_dir().map_err(|e| Error::io("cannot read the current directory", e))?;
    let mut out = PathBuf::new();
    for c in cwd.join(raw).components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.parent().is_none() {
        return Err(
            Error::user("cannot write a project at the file system root")
                .with_hint("pass --output DIR"),
        );
    }
    Ok(out)
}
