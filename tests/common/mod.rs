//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assert_cmd::Command;

/// The saasgen binary, never prompting, quiet about progress.
pub fn saasgen() -> Command {
    let mut cmd = Command::cargo_bin("saasgen").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("RUST_LOG");
    cmd
}

/// `saasgen new acme --tier TIER` in `dir` with `extra` flags, no prompts and no git; the
/// project's folder.
pub fn generate(dir: &Path, tier: &str, extra: &[&str]) -> std::path::PathBuf {
    saasgen()
        .current_dir(dir)
        .args([
            "new",
            "acme",
            "--tier",
            tier,
            "--no-input",
            "--no-git",
            "-q",
        ])
        .args(extra)
        .assert()
        .success();
    dir.join("acme")
}

/// Every file under `root` (skipping `.git`): path -> (mode bits, bytes).
pub fn tree(root: &Path) -> BTreeMap<String, (u32, Vec<u8>)> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
    {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
            out.insert(rel, (mode, std::fs::read(entry.path()).unwrap()));
        }
    }
    out
}

/// Names in a folder, to show that nothing was written.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
