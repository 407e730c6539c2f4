//! After writing: installs (with `--install`), `git init` with one initial commit, and
//! the next steps to print. Installs run before the commit so lockfiles are committed.

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

/// Runs the installs with a spinner each; stops at the first failure.
pub fn install(project: &Path, answers: &Answers, printer: &Printer) -> Result<()> {
    for step in install_steps(answers) {
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
        match output {
            Ok(out) if out.status.success() => {
                printer.info(format!("  ok  {}", step.install_label))
            }
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
                    step.install_label,
                    dir.display()
                ))
                .with_hint("the project is written; fix the cause and run `make setup` in it"));
            }
            Err(e) => {
                return Err(
                    Error::user(format!("cannot run `{}`: {e}", step.install_program)).with_hint(
                        format!(
                            "install {} and run `make setup` in the project",
                            step.install_program
                        ),
                    ),
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
    let mut dev = format!(
        "make dev          # start the backend on :{}",
        answers.backend.stack().dev_port
    );
    if let Some(frontend) = answers.frontend.stack() {
        dev += &format!(" and the frontend on :{}", frontend.dev_port);
    }
    steps.push(dev);
    steps.push(
        "make test         # run every test (set TEST_DATABASE_URL to an empty database)".into(),
    );
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
