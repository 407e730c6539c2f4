//! `saasgen batch`: many projects, isolated failures, a summary, the exit status.

mod common;

use common::saasgen;
use predicates::prelude::*;

const FILE: &str = r#"
[defaults]
tier = "agency"
auth = "auth0"

[[project]]
name = "acme-portal"
output = "clients/acme"
brand.name = "Acme"
brand.domain = "portal.acme.com"

[[project]]
name = "globex"
preset = "pro"
billing = "paddle"

[[project]]
name = "broken"
tier = "platinum"

[[project]]
name = "initech"
"#;

#[test]
fn batch_generates_every_good_entry_and_reports_the_bad_one() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("clients.toml"), FILE).unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["batch", "clients.toml", "--no-git"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("3 generated, 1 failed")
                .and(predicate::str::contains(
                    "`platinum` is not a valid value for `tier`",
                ))
                .and(predicate::str::contains("acme-portal")),
        );
    let acme = std::fs::read_to_string(tmp.path().join("clients/acme/.saasgen.toml")).unwrap();
    assert!(
        acme.contains("tier = \"agency\"")
            && acme.contains("name = \"Acme\"")
            && acme.contains("auth = \"auth0\"")
    );
    let globex = std::fs::read_to_string(tmp.path().join("globex/.saasgen.toml")).unwrap();
    assert!(
        globex.contains("tier = \"pro\"") && globex.contains("billing = \"paddle\""),
        "{globex}"
    );
    assert!(
        tmp.path().join("initech/.saasgen.toml").is_file(),
        "entries after a failure still run"
    );
    assert!(!tmp.path().join("broken").exists());
}

#[test]
fn batch_succeeds_when_every_entry_does_and_prints_json() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("b.toml"),
        "[[project]]\nname = \"one\"\n[[project]]\nname = \"two\"\n",
    )
    .unwrap();
    let out = saasgen()
        .current_dir(tmp.path())
        .args(["batch", "b.toml", "--no-git", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert!(v[0]["error"].is_null() && v[0]["files"].as_array().unwrap().len() > 5);
    assert_eq!(v[1]["next_steps"][0], "cd two");

    // Each entry has exactly the shape `saasgen new --json` prints.
    let single = saasgen()
        .current_dir(tmp.path())
        .args(["new", "three", "--no-input", "--no-git", "--json"])
        .output()
        .unwrap();
    let single: serde_json::Value = serde_json::from_slice(&single.stdout).unwrap();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v[0]), keys(&single));
    assert_eq!(keys(&v[0]["files"][0]), ["bytes", "path"]);
}

#[test]
fn a_batch_file_that_is_not_toml_is_a_user_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("b.toml"), "[[project]\nname=").unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["batch", "b.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is not valid TOML: unclosed array table, expected `]`\n  --> b.toml:1:11\n  |\n1 | [[project]\n",
        ));
    assert_eq!(common::entries(tmp.path()), ["b.toml"]);
}

#[test]
fn an_existing_target_fails_only_its_entry() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("one")).unwrap();
    std::fs::write(tmp.path().join("one/mine.txt"), "x").unwrap();
    std::fs::write(
        tmp.path().join("b.toml"),
        "[[project]]\nname = \"one\"\n[[project]]\nname = \"two\"\n",
    )
    .unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["batch", "b.toml", "--no-git"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("is not empty")
                .and(predicate::str::contains("1 generated, 1 failed")),
        );
    assert_eq!(common::entries(&tmp.path().join("one")), ["mine.txt"]);
    assert!(tmp.path().join("two/.saasgen.toml").is_file());
}

#[test]
fn a_bad_entry_is_located_in_the_batch_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("clients.toml"), FILE).unwrap();
    // `tier = "agency"` in [defaults] comes first: the location must be the entry's own.
    let line = FILE
        .lines()
        .position(|l| l == "tier = \"platinum\"")
        .unwrap()
        + 1;
    saasgen()
        .current_dir(tmp.path())
        .args(["batch", "clients.toml", "--no-git"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "`platinum` is not a valid value for `tier` (at clients.toml:{line}:1)"
        )))
        .stderr(predicate::str::is_match(r"\nbroken +- +- +0  FAILED: ").unwrap());
}

#[test]
fn a_bad_default_is_shown_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("b.toml"),
        "[defaults]\ntier = \"pro\"\nauth = \"okta\"\n\n[[project]]\nname = \"one\"\n",
    )
    .unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["batch", "b.toml", "--no-git"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`okta` is not a valid value for `auth`\n  --> b.toml:3:1\n  |\n3 | auth = \"okta\"\n",
        ));
    assert_eq!(common::entries(tmp.path()), ["b.toml"]);
}

/// `preset = [...]` layers in order per entry, `-v` prints each entry's precedence, and
/// an entry whose preset file is missing fails alone, reported by its project name.
#[test]
fn entries_layer_preset_lists_and_a_missing_preset_fails_only_its_entry() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("acme.toml"),
        "[answers]\nbilling = \"paddle\"\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("b.toml"),
        "[[project]]\nname = \"acme\"\npreset = [\"agency\", \"acme.toml\"]\n\
         [[project]]\nname = \"globex\"\npreset = [\"agency\", \"gone.toml\"]\n\
         [[project]]\nname = \"initech\"\n",
    )
    .unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["batch", "b.toml", "--no-git", "-v"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(
                "acme: answers: defaults < [defaults] < preset `agency` < preset `acme.toml` < the entry (later wins)",
            )
            .and(predicate::str::contains("acme: billing = paddle  (preset `acme.toml`)"))
            .and(predicate::str::is_match(r"globex +- +- +0  FAILED: cannot read preset `gone.toml`").unwrap())
            .and(predicate::str::contains("2 generated, 1 failed")),
        );
    let acme = std::fs::read_to_string(tmp.path().join("acme/.saasgen.toml")).unwrap();
    assert!(
        acme.contains("presets = [\"agency\", \"acme.toml\"]"),
        "{acme}"
    );
    assert!(acme.contains("tier = \"agency\"") && acme.contains("billing = \"paddle\""));
    assert!(tmp.path().join("initech/.saasgen.toml").is_file());
    assert!(!tmp.path().join("globex").exists());
}

/// A relative preset path starts from the batch file's folder: run from elsewhere, the
/// entry still layers the client preset beside the batch file (not one in the current
/// folder), and `.saasgen.toml` records where it was found.
#[test]
fn preset_paths_are_relative_to_the_batch_file_not_the_current_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let clients = tmp.path().join("clients");
    std::fs::create_dir_all(clients.join("presets")).unwrap();
    std::fs::write(
        clients.join("acme.toml"),
        "[answers]\nbilling = \"paddle\"\n",
    )
    .unwrap();
    std::fs::write(
        clients.join("presets/brand.toml"),
        "[answers]\nauth = \"auth0\"\n",
    )
    .unwrap();
    // A decoy where the old behaviour (the current folder) would have looked.
    std::fs::write(
        tmp.path().join("acme.toml"),
        "[answers]\nbilling = \"stripe\"\n",
    )
    .unwrap();
    std::fs::write(
        clients.join("batch.toml"),
        "[[project]]\nname = \"acme\"\npreset = [\"agency\", \"acme.toml\", \"presets/brand.toml\"]\n",
    )
    .unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["batch", "clients/batch.toml", "--no-git", "-q"])
        .assert()
        .success();
    let acme = std::fs::read_to_string(tmp.path().join("acme/.saasgen.toml")).unwrap();
    assert!(acme.contains("billing = \"paddle\""), "{acme}");
    assert!(acme.contains("auth = \"auth0\""), "{acme}");
    assert!(
        acme.contains(
            "presets = [\"agency\", \"clients/acme.toml\", \"clients/presets/brand.toml\"]"
        ),
        "{acme}"
    );
}
