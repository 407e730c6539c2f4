//! The few git calls `update`, `check` and the fleet mode make, through the `git`
//! program (as `post` does for `git init`): the owner's own git, config and hooks apply.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// Runs git in `dir`; `Ok(stdout)` on success, `Err(stderr)` otherwise.
pub fn run(dir: &Path, args: &[&str]) -> std::result::Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    match out.status.success() {
        true => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
        false => Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
    }
}

/// Whether `dir` is inside a git work tree (false when git is missing).
pub fn is_repo(dir: &Path) -> bool {
    run(dir, &["rev-parse", "--is-inside-work-tree"]).is_ok_and(|o| o.trim() == "true")
}

/// Uncommitted changes (untracked files included) under `dir`, as `git status` lists them.
pub fn dirty_files(dir: &Path) -> Result<Vec<String>> {
    let out = run(dir, &["status", "--porcelain", "--", "."])
        .map_err(|e| Error::user(format!("`git status` failed in `{}`: {e}", dir.display())))?;
    Ok(out
        .lines()
        .map(|l| l.get(3..).unwrap_or(l).to_owned())
        .collect())
}

/// Refuses a work tree with uncommitted changes: the update's own changes must be
/// reviewable (and revertible) on their own.
pub fn require_clean(dir: &Path) -> Result<()> {
    if !is_repo(dir) {
        return Ok(());
    }
    let dirty = dirty_files(dir)?;
    if dirty.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = dirty.iter().take(5).map(String::as_str).collect();
    let more = if dirty.len() > 5 { ", ..." } else { "" };
    Err(Error::user(format!(
        "`{}` has uncommitted changes ({}{more})",
        dir.display(),
        shown.join(", ")
    ))
    .with_hint("commit or stash them first, or pass --allow-dirty"))
}

/// Files git knows or would add under `dir` (tracked and untracked, not ignored),
/// relative to `dir`; `None` outside a repository.
pub fn listed_files(dir: &Path) -> Option<Vec<String>> {
    let out = run(
        dir,
        &[
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "--",
            ".",
        ],
    )
    .ok()?;
    Some(out.lines().map(str::to_owned).collect())
}

/// `git commit` of everything under `dir`, as saasgen when git has no identity.
pub fn commit_all(dir: &Path, message: &str) -> std::result::Result<(), String> {
    run(dir, &["add", "-A", "--", "."])?;
    let configured = |key: &str| run(dir, &["config", key]).is_ok();
    let mut args = Vec::new();
    if !(configured("user.name") && configured("user.email")) {
        args.extend([
            "-c",
            "user.name=saasgen",
            "-c",
            "user.email=saasgen@localhost",
        ]);
    }
    args.extend(["commit", "-q", "--no-verify", "-m", message]);
    run(dir, &args).map(|_| ())
}
