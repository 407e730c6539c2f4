//! Runs `pycheck.py` once over the whole corpus: Rust has no Python parser, and one
//! `python3` process for every distinct text keeps the check to about a second.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::json;

use super::corpus::Corpus;

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
