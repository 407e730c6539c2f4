//! After writing: installs (with `--install`), `git init` with one initial commit, and
//! the next steps to print. Installs run before the commit so lockfiles are committed.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::answers::{Answers, Backend, Frontend};
use crate::error::{Error, Result};
use crate::output::Printer;

/// One install step: a command run in a folder of the project.
pub struct Step {
    pub label: &'static str,
    pub dir: &'static str,
    pub program: &'static str,
    pub args: &'static [&'static str],
}

/// The package installs a project needs, by stack.
pub fn install_steps(answers: &Answers) -> Vec<Step> {
    let mut steps = Vec::new();
    match answers.backend {
        Backend::Fastapi => steps.push(Step {
            label: "backend: uv sync",
            dir: "backend",
            program: "uv",
            args: &["sync"],
        }),
        Backend::Axum => steps.push(Step {
            label: "backend: cargo fetch",
            dir: "backend",
            program: "cargo",
            args: &["fetch"],
        }),
    }
    if answers.frontend == Frontend::Nextjs {
        steps.push(Step {
            label: "frontend: npm install",
            dir: "frontend",
            program: "npm",
            args: &["install", "--no-audit", "--no-fund"],
        });
    }
    steps
}

/// Runs the installs with a spinner each; stops at the first failure.
pub fn install(project: &Path, answers: &Answers, printer: &Printer) -> Result<()> {
    for step in install_steps(answers) {
        let dir = project.join(step.dir);
        if !dir.is_dir() {
            continue;
        }
        let spinner = printer.spinner(step.label);
        printer.detail(format!(
            "running {} {} in {}",
            step.program,
            step.args.join(" "),
            dir.display()
        ));
        let output = Command::new(step.program)
            .args(step.args)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output();
        spinner.finish_and_clear();
        match output {
            Ok(out) if out.status.success() => printer.info(format!("  ok  {}", step.label)),
            Ok(out) => {
                let tail: String = String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .rev()
                    .take(15)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join("\n");
                return Err(Error::user(format!(
                    "`{}` failed in `{}`:\n{tail}",
                    step.label,
                    dir.display()
                ))
                .with_hint("the project is written; fix the cause and run `make setup` in it"));
            }
            Err(e) => {
                return Err(
                    Error::user(format!("cannot run `{}`: {e}", step.program)).with_hint(format!(
                        "install {} and run `make setup` in the project",
                        step.program
                    )),
                );
            }
        }
    }
    Ok(())
}

/// `git init` and one commit. A missing git is a warning, not a failure.
pub fn git_init(project: &Path, printer: &Printer) {
    if project.join(".git").exists() {
        printer.detail("a git repository already exists; not creating one");
        return;
    }
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(project)
            .stdin(Stdio::null())
            .output()
    };
    match git(&["init", "-q", "-b", "main"]) {
        Err(_) => {
            printer.warn("git is not installed; skipped `git init` (install git, then run `git init` in the project)");
            return;
        }
        Ok(out) if !out.status.success() => {
            printer.warn(format!(
                "`git init` failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
            return;
        }
        Ok(_) => {}
    }
    let has_identity = git(&["config", "user.email"])
        .map(|o| o.status.success())
        .unwrap_or(false);
    let mut commit: Vec<&str> = Vec::new();
    if !has_identity {
        commit.extend([
            "-c",
            "user.name=saasgen",
            "-c",
            "user.email=saasgen@localhost",
        ]);
    }
    let message = format!("Initial commit from saasgen {}", crate::VERSION);
    commit.extend(["commit", "-q", "--no-verify", "-m", &message]);
    let ok = git(&["add", "-A"])
        .map(|o| o.status.success())
        .unwrap_or(false)
        && git(&commit).map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        printer.warn("created the git repository but could not make the initial commit");
    }
}

/// The exact commands to go from here to a running, tested project.
pub fn next_steps(answers: &Answers, project_arg: &str, installed: bool) -> Vec<String> {
    let mut steps = vec![format!("cd {project_arg}")];
    if !installed {
        steps
            .push("make setup        # install dependencies, create .env from .env.example".into());
    }
    steps
        .push("make migrate      # create the database tables (needs DATABASE_URL in .env)".into());
    steps.push(
        "make dev          # start the backend on :8000".to_owned()
            + if answers.frontend == Frontend::Nextjs {
                " and the frontend on :3000"
            } else {
                ""
            },
    );
    steps.push(
        "make test         # run every test (set TEST_DATABASE_URL to an empty database)".into(),
    );
    steps
}
