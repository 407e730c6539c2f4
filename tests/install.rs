//! `--install` runs the package installs before the initial commit, with stand-in
//! package managers on PATH so the test needs no network.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::saasgen;
use predicates::prelude::*;

/// A fake tool that logs its name, arguments and folder, then creates a lockfile.
fn fake_tool(bin: &Path, name: &str, lockfile: &str, exit: i32) {
    let script = format!(
        "#!/bin/sh\necho \"{name} $* in $(basename \"$PWD\")\" >> \"$FAKE_LOG\"\necho lock > {lockfile}\nexit {exit}\n"
    );
    let path = bin.join(name);
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn path_with(bin: &Path) -> String {
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap())
}

#[test]
fn install_runs_uv_and_npm_then_commits_the_lockfiles() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    fake_tool(&bin, "uv", "uv.lock", 0);
    fake_tool(&bin, "npm", "package-lock.json", 0);
    let log = tmp.path().join("log");
    saasgen()
        .current_dir(tmp.path())
        .env("PATH", path_with(&bin))
        .env("FAKE_LOG", &log)
        .args(["new", "acme", "--no-input", "--install"])
        .assert()
        .success();
    let calls = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        calls,
        "uv sync --locked in backend\nnpm ci --no-audit --no-fund in frontend\n"
    );
    let tracked = std::process::Command::new("git")
        .args(["ls-files"])
        .current_dir(tmp.path().join("acme"))
        .output()
        .unwrap();
    let tracked = String::from_utf8(tracked.stdout).unwrap();
    assert!(
        tracked.contains("backend/uv.lock") && tracked.contains("frontend/package-lock.json"),
        "{tracked}"
    );
}

#[test]
fn install_creates_the_env_file_that_make_setup_would() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    fake_tool(&bin, "uv", "uv.lock", 0);
    fake_tool(&bin, "npm", "package-lock.json", 0);
    saasgen()
        .current_dir(tmp.path())
        .env("PATH", path_with(&bin))
        .env("FAKE_LOG", tmp.path().join("log"))
        .args(["new", "acme", "--no-input", "--install", "--no-git"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("created .env from .env.example")
                .and(predicate::str::contains("make setup").not()),
        );
    let project = tmp.path().join("acme");
    assert_eq!(
        std::fs::read(project.join(".env")).unwrap(),
        std::fs::read(project.join(".env.example")).unwrap()
    );
}

#[test]
fn a_failed_install_names_the_steps_to_rerun_and_still_initializes_git() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    fake_tool(&bin, "uv", "uv.lock", 3);
    saasgen()
        .current_dir(tmp.path())
        .env("PATH", path_with(&bin))
        .env("FAKE_LOG", tmp.path().join("log"))
        .args(["new", "acme", "--no-input", "--install"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("cd acme && make setup-backend && make setup-frontend")
                .and(predicate::str::contains("initialized a git repository")),
        );
    assert!(tmp.path().join("acme/.git").is_dir());
}

#[test]
fn a_failing_install_is_reported_with_a_hint_and_the_project_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    fake_tool(&bin, "uv", "uv.lock", 3);
    saasgen()
        .current_dir(tmp.path())
        .env("PATH", path_with(&bin))
        .env("FAKE_LOG", tmp.path().join("log"))
        .args(["new", "acme", "--no-input", "--install", "--no-git"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("`backend: uv sync` failed")
                .and(predicate::str::contains("make setup")),
        );
    assert!(tmp.path().join("acme/Makefile").is_file());
}
