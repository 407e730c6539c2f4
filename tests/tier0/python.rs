//! Runs `pycheck.py` once over the whole corpus: Rust has no Python parser, and one
//! `python3` process for every distinct text keeps the check to about a second.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::json;

use super::corpus::{Combo, Corpus};

const CHECKER: &str = include_str!("pycheck.py");

/// Compiles every distinct generated `.py` text and resolves the imports of every
/// distinct backend; returns python3's report and whether it passed.
pub fn check(corpus: &Corpus) -> (bool, String) {
    let is_py = |path: &str| path.ends_with(".py");
    let texts: BTreeMap<String, (&str, &str)> = corpus
        .distinct(is_py)
        .into_iter()
        .map(|(id, path)| (id.to_string(), (path, corpus.text(id))))
        .collect();
    // Combinations that differ only outside the Python files are one project here.
    let mut seen = BTreeSet::new();
    let mut projects = Vec::new();
    for combo in &corpus.combos {
        let files: BTreeMap<&str, usize> = combo
            .files
            .iter()
            .filter(|(path, _)| is_py(path))
            .map(|(path, id)| (path.as_str(), *id))
            .collect();
        if seen.insert(files.clone()) {
            projects.push(json!({ "label": combo.label(), "files": files }));
        }
    }
    let payload = json!({ "texts": texts, "projects": projects });
    run(&serde_json::to_vec(&payload).unwrap())
}

fn run(input: &[u8]) -> (bool, String) {
    let mut child = Command::new("python3")
        .args(["-c", CHECKER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("python3 is a prerequisite of saasgen's tests and could not be run ({e}); install it, e.g. apt-get install python3")
        });
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), report)
}

/// A one-project corpus from `(path, source)` pairs.
fn project(files: &[(&str, &str)]) -> Corpus {
    Corpus {
        combos: vec![Combo {
            index: 0,
            choices: Vec::new(),
            nasty: false,
            files: files
                .iter()
                .enumerate()
                .map(|(id, (path, _))| ((*path).to_owned(), id))
                .collect(),
            layers: BTreeSet::new(),
        }],
        texts: files
            .iter()
            .map(|(_, src)| src.as_bytes().to_vec())
            .collect(),
    }
}

const LIBRARY: [(&str, &str); 4] = [
    ("backend/app/__init__.py", ""),
    (
        "backend/app/x.py",
        "import os\nfrom typing import Any as A\n\nZ: int = 1\nif os.name:\n    W = 2\n\n\ndef y() -> None:\n    local = 3\n",
    ),
    ("backend/app/pkg/__init__.py", ""),
    ("backend/app/pkg/sub.py", "class C:\n    pass\n"),
];

fn check_with(user: &str) -> (bool, String) {
    let mut files = LIBRARY.to_vec();
    files.push(("backend/tests/test_user.py", user));
    check(&project(&files))
}

#[test]
fn every_import_form_resolves() {
    let user = "import app.pkg.sub\nfrom app.x import (\n    y,  # a comment\n    Z,\n    A,\n    W,\n    os,\n)\nfrom app.pkg import sub\n\n\ndef f() -> None:\n    from app.pkg.sub import C\n";
    let (ok, report) = check_with(user);
    assert!(ok, "{report}");
}

#[test]
fn dangling_imports_and_syntax_errors_are_reported() {
    for (user, expected) in [
        ("import app.nope\n", "app.nope is neither"),
        (
            "from app.x import (\n    y,\n    local,\n)\n",
            "no submodule or top-level name `local`",
        ),
        (
            "def f():\n    from app.pkg.nope import C\n",
            "app.pkg.nope is neither",
        ),
        (
            "from app.pkg.sub.C import x\n",
            "app.pkg.sub is not a package",
        ),
        ("def broken(:\n", "does not compile"),
    ] {
        let (ok, report) = check_with(user);
        assert!(!ok && report.contains(expected), "{user:?}: {report}");
    }
}
