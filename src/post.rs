//! After writing: installs (with `--install`), `git init` with one initial commit, and
//! the next steps to print. Installs run before the commit so lockfiles are committed.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::answers::{Answers, Stack};
use crate::error::{Error, Result};
use crate::output::Printer;

/// The backend's and the frontend's installs, in that order (facts from
/// [`Backend::stack`](crate::answers::Backend::stack) and `Frontend::stack`).
pub fn install_steps(answers: &Answers) -> Vec<Stack> {
    std::iter::once(answers.backend.stack())
        .chain(answers.frontend.stack())
        .collect()
}

/// SIGINT's number on Linux and macOS.
const SIGINT: i32 = 2;

/// Runs the installs with a spinner each; stops at the first failure, whose hint names
/// the `make` targets still to run in `shown` (the project as the user typed it).
pub fn install(project: &Path, shown: &str, answers: &Answers, printer: &Printer) -> Result<()> {
    let steps = install_steps(answers);
    for (i, step) in steps.iter().enumerate() {
        let dir = project.join(step.dir);
        if !dir.is_dir() {
            continue;
        }
        let spinner = printer.spinner(step.install_label);
        printer.detail(format!(
            "running {} {} in {}",
            step.install_program,
            step.install_args.join(" "),
            dir.display()
        ));
        let output = Command::new(step.install_program)
            .args(step.install_args)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output();
        spinner.finish_and_clear();
        let rerun: Vec<String> = steps[i..]
            .iter()
            .map(|s| format!("make setup-{}", s.dir))
            .collect();
        let rerun = format!("cd {shown} && {}", rerun.join(" && "));
        match output {
            // The same Ctrl-C reached the install: report the interruption, not a failure.
            Ok(out) if out.status.signal() == Some(SIGINT) || crate::output::interrupted() => {
                crate::output::cancel()
            }
            Ok(out) if out.status.success() => {
                printer.info(format!("  ok  {}", step.install_label))
            }
            Ok(out) => {
                return Err(Error::user(format!(
                    "`{}` failed in `{}`:\n{}",
                    step.install_label,
                    dir.display(),
                    tail(&out.stderr, 15)
                ))
                .with_hint(format!(
                    "the project is written; fix the cause, then run `{rerun}`"
                )));
            }
            Err(e) => {
                return Err(
                    Error::user(format!("cannot run `{}`: {e}", step.install_program)).with_hint(
                        format!("install {}, then run `{rerun}`", step.install_program),
                    ),
                );
            }
        }
    }
    Ok(())
}

/// The last `n` lines of a command's output.
fn tail(output: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(output);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// `make setup` creates `.env`; `--install` replaces `make setup`, so it does the same.
pub fn create_env(project: &Path, printer: &Printer) -> Result<()> {
    let (example, env) = (project.join(".env.example"), project.join(".env"));
    if env.exists() || !example.is_file() {
        return Ok(());
    }
    std::fs::copy(&example, &env).map_err(|e| Error::io("cannot create .env", e))?;
    printer.info("  ok  created .env from .env.example: fill in your provider keys");
    Ok(())
}

/// Lockfiles an install may create; with `--force` into a folder of the user's, they are
/// committed with saasgen's files and nothing else is.
const LOCKFILES: [&str; 3] = [
    "backend/uv.lock",
    "backend/Cargo.lock",
    "frontend/package-lock.json",
];

/// `git init` and one commit, saying so. `only`: the folder held the user's files before
/// (`--force`), so the commit takes saasgen's files (and lockfiles) and nothing else;
/// otherwise it takes everything not ignored. A missing git is a warning, not a failure.
pub fn git_init(project: &Path, only: Option<&[String]>, printer: &Printer) {
    if project.join(".git").exists() {
        printer.info("a git repository already exists; not creating one or committing");
        return;
    }
    let git = |args: &[&str]| {
        printer.detail(format!("running git {}", args.join(" ")));
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
    let configured = |key: &str| git(&["config", key]).is_ok_and(|o| o.status.success());
    let has_identity = configured("user.email") && configured("user.name");
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        git(&args).is_ok_and(|o| o.status.success())
    };
    if !(run(add_args(project, only)) && run(commit_args(has_identity))) {
        printer.warn("created the git repository but could not make the initial commit");
        return;
    }
    printer.info("  ok  initialized a git repository with one commit");
    if !has_identity {
        printer.info(
            "      as saasgen <saasgen@localhost>: git has no user.name/user.email; set yours \
             with `git config --global user.name ...` and `git commit --amend --reset-author`",
        );
    }
}

/// `git add`: everything not ignored, or only `only` and the lockfiles installs made.
fn add_args(project: &Path, only: Option<&[String]>) -> Vec<String> {
    let Some(paths) = only else {
        return vec!["add".into(), "-A".into()];
    };
    let locks = LOCKFILES.iter().filter(|l| project.join(l).is_file());
    ["add", "--"]
        .iter()
        .map(|a| a.to_string())
        .chain(paths.iter().cloned())
        .chain(locks.map(|l| l.to_string()))
        .collect()
}

/// `git commit` with saasgen's message, as saasgen when git has no identity.
fn commit_args(has_identity: bool) -> Vec<String> {
    let mut args: Vec<String> = Vec::new();
    if !has_identity {
        let identity = [
            "-c",
            "user.name=saasgen",
            "-c",
            "user.email=saasgen@localhost",
        ];
        args.extend(identity.map(String::from));
    }
    let message = format!("Initial commit from saasgen {}", crate::VERSION);
    args.extend(["commit", "-q", "--no-verify", "-m", &message].map(String::from));
    args
}

/// One next step: the command, and why (shown after `#` in the terminal, not in JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub command: String,
    pub why: String,
}

impl Step {
    fn new(command: impl Into<String>, why: impl Into<String>) -> Self {
        Self {
            command: command.into(),
            why: why.into(),
        }
    }

    /// `make setup        # install dependencies, ...`, aligned.
    pub fn line(&self) -> String {
        if self.why.is_empty() {
            return self.command.clone();
        }
        format!("{:<17} # {}", self.command, self.why)
    }
}

/// The exact commands to go from here to a running, tested project.
pub fn next_steps(answers: &Answers, project_arg: &str, installed: bool) -> Vec<Step> {
    let mut steps = vec![Step::new(format!("cd {project_arg}"), "")];
    if !installed {
        steps.push(Step::new(
            "make setup",
            "install dependencies, create .env from .env.example",
        ));
    }
    steps.push(Step::new(
        "make db",
        "start a development PostgreSQL with both databases .env names",
    ));
    steps.push(Step::new(
        "make migrate",
        "create the database tables (needs DATABASE_URL in .env)",
    ));
    let mut dev = format!("start the backend on :{}", answers.backend.stack().dev_port);
    if let Some(frontend) = answers.frontend.stack() {
        dev += &format!(" and the frontend on :{}", frontend.dev_port);
    }
    steps.push(Step::new("make dev", dev));
    steps.push(Step::new(
        "make test",
        "run every test (on TEST_DATABASE_URL, which make db created)",
    ));
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(backend: &str, frontend: &str) -> Answers {
        let mut p = crate::keys::Partial::default();
        p.set("name", "acme", "test").unwrap();
        p.set("backend", backend, "test").unwrap();
        p.set("frontend", frontend, "test").unwrap();
        p.build().unwrap()
    }

    fn steps(backend: &str, frontend: &str) -> Vec<String> {
        install_steps(&answers(backend, frontend))
            .iter()
            .map(|s| {
                let args = s.install_args.join(" ");
                format!("{}|{}|{} {args}", s.install_label, s.dir, s.install_program)
            })
            .collect()
    }

    #[test]
    fn install_steps_follow_the_stack() {
        let npm = "frontend: npm install|frontend|npm ci --no-audit --no-fund";
        assert_eq!(
            steps("fastapi", "nextjs"),
            ["backend: uv sync|backend|uv sync --locked", npm]
        );
        assert_eq!(
            steps("axum", "nextjs"),
            ["backend: cargo fetch|backend|cargo fetch", npm]
        );
        assert_eq!(
            steps("axum", "none"),
            ["backend: cargo fetch|backend|cargo fetch"]
        );
    }
}
