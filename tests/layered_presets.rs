//! `--preset a --preset b`: later wins, `-v` shows which source set each answer, and
//! `.saasgen.toml` records the layers while its answers replay the project exactly.

mod common;

use common::saasgen;
use predicates::prelude::*;

const CLIENT: &str = "[answers]\nbilling = \"paddle\"\nbrand.name = \"Acme Portal\"\n";

#[test]
fn later_presets_win_and_verbose_prints_the_precedence() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("acme.toml"), CLIENT).unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--no-git", "-v"])
        .args(["--preset", "agency", "--preset", "acme.toml", "--auth", "clerk"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains(
                "answers: defaults < preset `agency` < preset `acme.toml` < --set < flags (later wins)",
            )
            .and(predicate::str::contains("tier = agency  (preset `agency`)"))
            .and(predicate::str::contains("billing = paddle  (preset `acme.toml`)"))
            .and(predicate::str::contains("auth = clerk  (flags)")),
        );
    let stored = std::fs::read_to_string(tmp.path().join("acme/.saasgen.toml")).unwrap();
    assert!(
        stored.contains("presets = [\"agency\", \"acme.toml\"]"),
        "{stored}"
    );
    for expected in [
        "tier = \"agency\"",
        "billing = \"paddle\"",
        "auth = \"clerk\"",
        "name = \"Acme Portal\"",
    ] {
        assert!(stored.contains(expected), "missing {expected} in\n{stored}");
    }
}

#[test]
fn a_replay_from_the_answers_file_is_exact() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("acme.toml"), CLIENT).unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--no-git", "-q"])
        .args(["--preset", "agency", "--preset", "acme.toml"])
        .assert()
        .success();
    saasgen()
        .current_dir(tmp.path())
        .args([
            "new",
            "acme",
            "--output",
            "replay",
            "--no-input",
            "--no-git",
            "-q",
        ])
        .args(["--preset", "acme/.saasgen.toml"])
        .assert()
        .success();
    // Byte for byte, `.saasgen.toml` included: it records the original layers.
    assert_eq!(
        common::tree(&tmp.path().join("acme")),
        common::tree(&tmp.path().join("replay"))
    );
}
