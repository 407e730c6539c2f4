//! The Agency client handoff states how many tests the project ships, counted from the
//! generated test files (no placeholders left for the agency to fill in).

mod common;

use std::path::Path;

use common::generate;

/// Lines in the files under `dir` (ending in `suffix`) that `starts` a test function.
fn count(dir: &Path, suffix: &str, starts: &dyn Fn(&str) -> bool) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            n += count(&path, suffix, starts);
        } else if path.to_string_lossy().ends_with(suffix) {
            let text = std::fs::read_to_string(&path).unwrap();
            n += text.lines().filter(|l| starts(l.trim_start())).count();
        }
    }
    n
}

#[test]
fn the_handoff_counts_the_tests_each_suite_ships() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generate(tmp.path(), "agency", &["--billing", "stripe"]);
    let python = count(&root.join("backend/tests"), ".py", &|l| {
        l.starts_with("def test_") || l.starts_with("async def test_")
    });
    let vitest = count(&root.join("frontend/tests"), ".tsx", &|l| {
        l.starts_with("it(") || l.starts_with("it.each")
    }) + count(&root.join("frontend/tests"), ".ts", &|l| {
        l.starts_with("it(") || l.starts_with("it.each")
    });
    assert!(python > 300 && vitest > 100, "{python} {vitest}");
    let handoff = std::fs::read_to_string(root.join("docs/handoff.md")).unwrap();
    for row in [
        format!("| Backend | {python} | `make -C backend test` (pytest: `N passed`) |"),
        format!(
            "| Frontend | {vitest} | `npm --prefix frontend test` (Vitest: `Tests  N passed`) |"
        ),
    ] {
        assert!(handoff.contains(&row), "no `{row}` in\n{handoff}");
    }
    assert!(!handoff.contains("[tests-shipped"), "{handoff}");
}

#[test]
fn an_api_only_handoff_has_no_frontend_row_and_no_marker_left() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generate(tmp.path(), "agency", &["--frontend", "none"]);
    let handoff = std::fs::read_to_string(root.join("docs/handoff.md")).unwrap();
    assert!(handoff.contains("| Backend | "), "{handoff}");
    assert!(!handoff.contains("npm --prefix frontend test"), "{handoff}");
    assert!(!handoff.contains("[tests-shipped"), "{handoff}");
}

#[test]
fn an_axum_handoff_counts_the_rust_tests() {
    let tmp = tempfile::tempdir().unwrap();
    let root = generate(
        tmp.path(),
        "agency",
        &["--backend", "axum", "--billing", "stripe"],
    );
    let rust = count(&root.join("backend"), ".rs", &|l| {
        l == "#[test]" || l.starts_with("#[tokio::test")
    });
    assert!(rust > 100, "{rust}");
    let handoff = std::fs::read_to_string(root.join("docs/handoff.md")).unwrap();
    let row = format!("| Backend | {rust} | `make -C backend test` (cargo test: ");
    assert!(handoff.contains(&row), "no `{row}` in\n{handoff}");
}
