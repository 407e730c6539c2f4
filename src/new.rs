//! `saasgen new`: resolve answers, plan, write atomically, then git and next steps.

use std::path::{Path, PathBuf};

use crate::answers::{Answers, Backend};
use crate::cli::NewArgs;
use crate::error::{Error, Result};
use crate::output::{self, Phase, Printer};
use crate::plan::{self, Plan};
use crate::report::{Done, Report};
use crate::resolve::{self, Inputs, Interaction};
use crate::write::{self, RealFs};
use crate::{post, presets, prompt};

pub fn run(args: &NewArgs, printer: Printer) -> Result<()> {
    let printer = printer.with_json(args.json);
    let answers = resolve_answers(args, &printer)?;
    let target = target_dir(&answers.name, args.output.as_deref())?;
    let plan = plan::plan_from(&answers, &presets::recorded(&args.presets))?;
    let shown = args
        .output
        .as_ref()
        .map_or_else(|| answers.name.clone(), |p| p.display().to_string());
    let overwritten = existing_files(&plan, &target);
    let done = |dry_run: bool, next_steps: &[post::Step]| {
        report(
            &printer,
            &Done {
                answers: &answers,
                plan: &plan,
                target: &target,
                overwritten: &overwritten,
                dry_run,
                next_steps,
            },
        )
    };

    if args.dry_run {
        check_writable(&target)?;
        print_plan(&plan, &target, &overwritten, &printer);
        return done(true, &post::next_steps(&answers, &shown, false));
    }
    let had_entries = has_entries(&target);
    write_project(args, &answers, &plan, &target, &printer)?;
    print_overwritten(&overwritten, &printer);
    // A failed install still gets its git repository; the failure is reported after.
    let installed = match args.install {
        true => post::install(&target, &shown, &answers, &printer)
            .and_then(|()| post::create_env(&target, &printer)),
        false => Ok(()),
    };
    if !args.no_git {
        let paths: Vec<String> = plan.files.iter().map(|f| f.path.clone()).collect();
        post::git_init(&target, had_entries.then_some(&paths[..]), &printer);
        let _ = crate::pristine_ref::store(&target, &plan.files); // for `saasgen update`
    }
    installed?;
    done(false, &post::next_steps(&answers, &shown, args.install))
}

/// The answers from flags, presets and the wizard; a taken target fails before any
/// question, and a name typed into the wizard is checked against its target.
fn resolve_answers(args: &NewArgs, printer: &Printer) -> Result<Answers> {
    let inputs = Inputs {
        name: args.name.clone(),
        presets: args.presets.clone(),
        sets: args.sets.clone(),
        choices: args.choices.clone(),
    };
    let check_name = |name: &str| {
        let target = target_dir(name, args.output.as_deref())?;
        write::check_target(&target, args.force)
    };
    if let Some(name) = &args.name {
        check_name(name)?;
    }
    resolve::resolve(
        &inputs,
        Interaction::detect(args.no_input),
        &check_name,
        printer,
    )
}

fn write_project(
    args: &NewArgs,
    answers: &Answers,
    plan: &Plan,
    target: &Path,
    printer: &Printer,
) -> Result<()> {
    printer.detail(prompt::summary(answers));
    output::reached(Phase::Writing);
    let bar = printer.progress_bar(plan.files.len() as u64, "writing");
    let written = write::write(plan, target, args.force, &RealFs, &|path| {
        bar.inc(1);
        printer.detail(format!("wrote {path}"));
    })?;
    bar.finish_and_clear();
    output::reached(Phase::Written);
    printer.info(format!("Created {} files in {}", written, target.display()));
    let names: Vec<String> = derived_names(answers)
        .iter()
        .map(|(what, name)| format!("{what} `{name}`"))
        .collect();
    printer.info(format!("  names: {}", names.join(", ")));
    Ok(())
}

/// The JSON report, or the next steps for people (none after a dry run's plan).
fn report(printer: &Printer, done: &Done) -> Result<()> {
    if printer.json {
        let report = Report::done(done);
        printer.stdout(serde_json::to_string_pretty(&report).expect("report serialises"));
    } else if !done.dry_run {
        printer.info("\nNext steps:");
        for step in done.next_steps {
            printer.info(format!("  {}", step.line()));
        }
    }
    Ok(())
}

/// The planned files that already exist in the target (only possible with `--force`).
fn existing_files(plan: &Plan, target: &Path) -> Vec<String> {
    plan.files
        .iter()
        .filter(|f| std::fs::symlink_metadata(target.join(&f.path)).is_ok())
        .map(|f| f.path.clone())
        .collect()
}

/// Whether the target is a folder with something in it already: then the initial commit
/// takes only saasgen's files, never the user's.
pub fn has_entries(target: &Path) -> bool {
    std::fs::read_dir(target).is_ok_and(|mut entries| entries.next().is_some())
}

fn print_overwritten(overwritten: &[String], printer: &Printer) {
    if overwritten.is_empty() {
        return;
    }
    printer.info(format!("  overwrote {} existing files:", overwritten.len()));
    for path in overwritten {
        printer.info(format!("    {path}"));
    }
}

/// `--dry-run` writes nothing, but it must not promise what the real run cannot do: the
/// nearest existing folder on the way to the target must accept a new entry.
fn check_writable(target: &Path) -> Result<()> {
    let Some(existing) = target.ancestors().find(|p| p.exists()) else {
        return Ok(());
    };
    let probe = existing.join(format!(".saasgen-probe-{}", std::process::id()));
    std::fs::create_dir(&probe)
        .and_then(|()| std::fs::remove_dir(&probe))
        .map_err(|e| {
            Error::io(format!("cannot write into `{}`", existing.display()), e)
                .with_hint("check that the location is writable, or pass --output DIR")
        })
}

/// The names derived from the project name that this project uses: the Python package
/// only with FastAPI, the npm name only with a frontend. An Axum backend's crate is always
/// `backend` (one shipped Cargo.lock fits every project), so no name of it is derived.
pub fn derived_names(answers: &Answers) -> Vec<(&'static str, String)> {
    let n = answers.names();
    let mut out = vec![("slug", n.slug)];
    if answers.backend == Backend::Fastapi {
        out.push(("python", n.module_name));
    }
    if answers.frontend.stack().is_some() {
        out.push(("npm", n.npm_name));
    }
    out
}

fn print_plan(plan: &Plan, target: &Path, overwritten: &[String], printer: &Printer) {
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
        let note = match overwritten.contains(&f.path) {
            true => "  (overwrites an existing file)",
            false => "",
        };
        printer.stdout(format!(
            "  {mode} {:>8}  {}{note}",
            f.contents.len(),
            f.path
        ));
    }
    if !overwritten.is_empty() {
        printer.stdout(format!(
            "Would overwrite {} existing files.",
            overwritten.len()
        ));
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
