//! `saasgen update` killed halfway through moving files (SIGKILL, as a power loss would
//! stop it): the next saasgen run on the project finds the journal and puts the tree back
//! byte for byte. The hidden `SAASGEN_TEST_PAUSE_AT_STEP` hook holds the child between two
//! moves so the kill lands there.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use common::saasgen;

/// Everything under `root`: files with mode and bytes, folders, symlinks.
fn everything(root: &Path) -> BTreeMap<String, (u32, Option<Vec<u8>>)> {
    walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(root).unwrap().display().to_string();
            let mode = e.path().symlink_metadata().unwrap().permissions().mode();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, (mode, bytes))
        })
        .collect()
}

/// Starts `saasgen update` to Pro/Paddle, waits until it pauses before `step` and
/// SIGKILLs it there. Returns the number of steps the update had.
fn kill_update_at(project: &Path, step: usize) -> usize {
    let mut child = Command::new(env!("CARGO_BIN_EXE_saasgen"))
        .current_dir(project)
        .args(["update", "--tier", "pro", "--billing", "paddle"])
        .env("SAASGEN_TEST_PAUSE_AT_STEP", step.to_string())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("paused before step") {
        line.clear();
        assert_ne!(stderr.read_line(&mut line).unwrap(), 0, "never paused");
    }
    child.kill().unwrap();
    child.wait().unwrap();
    line.trim().rsplit(' ').next().unwrap().parse().unwrap()
}

fn staging_dirs(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("saasgen-update"))
        .collect()
}

/// Kills an update before `step`, then runs `recover_with`: the tree is as generated.
fn killed_then_recovered(step: impl Fn(usize) -> usize, recover_with: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("acme");
    saasgen()
        .args(["new", "acme", "--output"])
        .arg(&project)
        .args(["--preset", "starter", "--no-input", "--no-git", "-q"])
        .assert()
        .success();
    std::fs::write(project.join("ours.txt"), "the owner's file").unwrap();
    let before = everything(&project);
    let steps = kill_update_at(&project, 1);
    let at = step(steps);
    if at != 1 {
        // The first kill left a journal: recover it, then kill later in the update.
        saasgen()
            .current_dir(&project)
            .arg("check")
            .assert()
            .success();
        assert_eq!(everything(&project), before);
        assert_eq!(kill_update_at(&project, at), steps);
    }
    assert_eq!(staging_dirs(tmp.path()).len(), 1, "a journal was left");
    if at > 1 {
        assert_ne!(everything(&project), before, "the kill came after a move");
    }

    let out = saasgen()
        .current_dir(&project)
        .args(recover_with)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("was interrupted while moving files; rolled it back"),
        "{err}"
    );
    assert_eq!(everything(&project), before, "step {at} of {steps}");
    assert!(
        staging_dirs(tmp.path()).is_empty(),
        "staging and journal removed"
    );
}

#[test]
fn an_update_killed_before_its_first_move_leaves_the_tree_as_it_was() {
    killed_then_recovered(|_| 1, &["check"]);
}

#[test]
fn an_update_killed_halfway_is_rolled_back_by_the_next_check() {
    killed_then_recovered(|steps| steps / 2, &["check"]);
}

#[test]
fn an_update_killed_before_its_last_move_is_rolled_back_by_the_next_update() {
    killed_then_recovered(|steps| steps, &["update", "--dry-run"]);
}
