//! The command line from the outside: flags, presets, exit codes, output modes.

mod common;

use common::{entries, saasgen, tree};
use predicates::prelude::*;

#[test]
fn help_starts_and_lists_the_commands() {
    saasgen().arg("--help").assert().success().stdout(
        predicate::str::contains("new")
            .and(predicate::str::contains("batch"))
            .and(predicate::str::contains("presets")),
    );
}

#[test]
fn new_with_flags_and_no_input_writes_the_project_and_next_steps() {
    let tmp = tempfile::tempdir().unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args([
            "new",
            "acme",
            "--tier",
            "pro",
            "--backend",
            "fastapi",
            "--auth",
            "auth0",
            "--billing",
            "paddle",
            "--no-input",
            "--no-git",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("Next steps").and(predicate::str::contains("make setup")));
    let answers = std::fs::read_to_string(tmp.path().join("acme/.saasgen.toml")).unwrap();
    assert!(
        answers.contains("tier = \"pro\"")
            && answers.contains("auth = \"auth0\"")
            && answers.contains("billing = \"paddle\"")
    );
    assert!(tmp.path().join("acme/Makefile").is_file());
    assert!(tmp.path().join("acme/.gitignore").is_file());
    assert!(!tmp.path().join("acme/.git").exists(), "--no-git");
}

#[test]
fn yes_and_defaults_are_aliases_of_no_input() {
    for flag in ["--yes", "--defaults", "-y"] {
        let tmp = tempfile::tempdir().unwrap();
        saasgen()
            .current_dir(tmp.path())
            .args(["new", "acme", flag, "--no-git"])
            .assert()
            .success();
        assert!(tmp.path().join("acme/.saasgen.toml").is_file(), "{flag}");
    }
}

#[test]
fn output_dir_is_the_project_root() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("clients/acme-site");
    saasgen()
        .args(["new", "acme", "--no-input", "--no-git", "--output"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.join(".saasgen.toml").is_file());
    assert!(!out.join("acme").exists());
}

#[test]
fn git_init_makes_one_initial_commit() {
    let tmp = tempfile::tempdir().unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input"])
        .assert()
        .success();
    let log = std::process::Command::new("git")
        .args(["log", "--oneline"])
        .current_dir(tmp.path().join("acme"))
        .output()
        .unwrap();
    let log = String::from_utf8(log.stdout).unwrap();
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("Initial commit from saasgen"));
    let status = std::process::Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(tmp.path().join("acme"))
        .output()
        .unwrap();
    assert!(
        status.stdout.is_empty(),
        "everything committed, nothing ignored by mistake"
    );
}

#[test]
fn missing_git_is_a_warning_not_a_failure() {
    let tmp = tempfile::tempdir().unwrap();
    saasgen()
        .current_dir(tmp.path())
        .env("PATH", "/nonexistent")
        .args(["new", "acme", "--no-input"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: git is not installed"));
    assert!(tmp.path().join("acme/.saasgen.toml").is_file());
}

#[test]
fn json_prints_one_object_with_path_answers_files_and_next_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let out = saasgen()
        .current_dir(tmp.path())
        .args([
            "new",
            "acme",
            "--no-input",
            "--no-git",
            "--json",
            "--tier",
            "agency",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
    assert_eq!(
        v["project"],
        tmp.path()
            .canonicalize()
            .unwrap()
            .join("acme")
            .to_str()
            .unwrap()
    );
    assert_eq!(v["answers"]["tier"], "agency");
    assert_eq!(v["answers"]["brand"]["name"], "Acme");
    let files = v["files"].as_array().unwrap();
    assert!(files.len() > 5);
    let makefile = files.iter().find(|f| f["path"] == "Makefile").unwrap();
    let on_disk = std::fs::metadata(tmp.path().join("acme/Makefile"))
        .unwrap()
        .len();
    assert_eq!(makefile["bytes"].as_u64().unwrap(), on_disk);
    let sum: u64 = files.iter().map(|f| f["bytes"].as_u64().unwrap()).sum();
    assert_eq!(v["bytes"].as_u64().unwrap(), sum);
    assert!(
        v["next_steps"]
            .as_array()
            .unwrap()
            .contains(&"make test".into())
    );
    assert!(v["error"].is_null() && v["dry_run"] == false);
}

#[test]
fn dry_run_json_lists_the_files_that_would_be_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--dry-run", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["dry_run"], true);
    let files = v["files"].as_array().unwrap();
    assert!(
        files
            .iter()
            .any(|f| f["path"] == ".saasgen.toml" && f["bytes"].as_u64().unwrap() > 0)
    );
    assert!(entries(tmp.path()).is_empty());
}

#[test]
fn dry_run_lists_files_with_sizes_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--dry-run"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Would write")
                .and(predicate::str::contains(".saasgen.toml"))
                .and(predicate::str::contains("Makefile")),
        );
    assert!(entries(tmp.path()).is_empty());
}

#[test]
fn force_writes_into_a_non_empty_dir_and_keeps_foreign_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("acme");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("NOTES.txt"), "mine").unwrap();
    std::fs::write(dir.join("Makefile"), "old").unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--no-git", "--force"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(dir.join("NOTES.txt")).unwrap(),
        "mine"
    );
    assert_ne!(
        std::fs::read_to_string(dir.join("Makefile")).unwrap(),
        "old"
    );
    assert!(
        entries(tmp.path()) == ["acme"],
        "no staging folder left: {:?}",
        entries(tmp.path())
    );
}

#[test]
fn an_empty_existing_dir_is_fine_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("acme")).unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--no-git"])
        .assert()
        .success();
    assert!(tmp.path().join("acme/Makefile").is_file());
}

#[test]
fn quiet_prints_nothing_on_success() {
    let tmp = tempfile::tempdir().unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--no-git", "-q"])
        .assert()
        .success()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::is_empty());
}

#[test]
fn verbose_lists_each_file_written() {
    let tmp = tempfile::tempdir().unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--no-git", "-v"])
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote Makefile"));
}

#[test]
fn presets_lists_the_builtins_and_shows_one() {
    saasgen().arg("presets").assert().success().stdout(
        predicate::str::contains("starter")
            .and(predicate::str::contains("agency"))
            .and(predicate::str::contains("rust-pro")),
    );
    saasgen()
        .args(["presets", "show", "pro"])
        .assert()
        .success()
        .stdout(predicate::str::contains("tier = \"pro\""));
    saasgen()
        .args(["presets", "show", "por"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no preset named `por`")
                .and(predicate::str::contains("did you mean `pro`")),
        );
}

#[test]
fn options_lists_every_key_with_values_and_defaults() {
    let out = saasgen().arg("options").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for key in [
        "name",
        "description",
        "tier",
        "backend",
        "frontend",
        "auth",
        "billing",
        "ci",
        "brand.name",
        "brand.company",
        "brand.domain",
        "brand.support_email",
        "brand.primary_color",
    ] {
        assert!(text.contains(&format!("  {key} ")), "missing {key}");
    }
    assert!(text.contains("lemonsqueezy") && text.contains("default: starter"));
    assert!(text.contains("Tiers:"));
}

#[test]
fn options_json_exports_the_schema_with_default_rules() {
    let out = saasgen().args(["options", "--json"]).output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["schema_version"], 1);
    let keys = schema["keys"].as_array().unwrap();
    let find = |name: &str| keys.iter().find(|k| k["key"] == name).unwrap().clone();
    for key in keys {
        let mut fields: Vec<&str> = key
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "about", "asked", "default", "flag", "key", "kind", "valid", "values"
            ],
            "{key}"
        );
    }
    let billing = find("billing");
    assert_eq!(billing["kind"], "choice");
    assert_eq!(billing["flag"], "--billing");
    assert_eq!(billing["default"], "`stripe`");
    let lemon = &billing["values"][1];
    assert_eq!(lemon["value"], "lemonsqueezy");
    assert!(lemon["about"].as_str().unwrap().contains("Lemon Squeezy"));
    let domain = find("brand.domain");
    assert_eq!(domain["kind"], "text");
    assert_eq!(domain["flag"], "--set brand.domain=...");
    assert!(
        domain["default"]
            .as_str()
            .unwrap()
            .starts_with("derived from the name")
    );
    assert_eq!(find("name")["default"], "required");
    assert_eq!(find("description")["asked"], true);
    assert_eq!(find("brand.name")["asked"], false);
    assert_eq!(find("auth")["asked"], true);
    assert_eq!(schema["tiers"].as_array().unwrap().len(), 3);
}

#[test]
fn every_choice_value_in_the_schema_is_accepted_by_its_flag() {
    let out = saasgen().args(["options", "--json"]).output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let choices = schema["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["kind"] == "choice");
    for key in choices {
        let flag = key["flag"].as_str().unwrap();
        for value in key["values"].as_array().unwrap() {
            let value = value["value"].as_str().unwrap();
            saasgen()
                .args(["new", "acme", "--no-input", "--dry-run", flag, value])
                .assert()
                .success();
        }
    }
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        saasgen()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("saasgen"));
    }
}

#[test]
fn preset_file_and_set_and_flags_combine_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = tmp.path().join("client.toml");
    std::fs::write(&preset, "[answers]\ntier = \"agency\"\nauth = \"supabase\"\nbilling = \"paddle\"\n[answers.brand]\nname = \"Client Co\"\n").unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--no-git", "--preset"])
        .arg(&preset)
        .args([
            "--set",
            "billing=stripe",
            "--set",
            "auth=auth0",
            "--auth",
            "clerk",
        ])
        .assert()
        .success();
    let answers = std::fs::read_to_string(tmp.path().join("acme/.saasgen.toml")).unwrap();
    assert!(answers.contains("tier = \"agency\""), "preset");
    assert!(
        answers.contains("billing = \"stripe\""),
        "--set beats preset"
    );
    assert!(answers.contains("auth = \"clerk\""), "flag beats --set");
    assert!(answers.contains("name = \"Client Co\""));
}

#[test]
fn the_same_answers_give_byte_identical_trees_and_a_replay_matches() {
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "--tier",
        "pro",
        "--auth",
        "supabase",
        "--billing",
        "lemonsqueezy",
        "--no-input",
        "--no-git",
        "--set",
        "description=Ledger for \"plumbers\"",
    ];
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--output", "one"])
        .args(args)
        .assert()
        .success();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--output", "two"])
        .args(args)
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
            "--preset",
            "one/.saasgen.toml",
        ])
        .assert()
        .success();
    let one = tree(&tmp.path().join("one"));
    assert!(one.len() > 5);
    assert_eq!(one, tree(&tmp.path().join("two")), "two runs differ");
    assert_eq!(
        one,
        tree(&tmp.path().join("replay")),
        "replay from .saasgen.toml differs"
    );
}

/// The next steps are the same make targets for every backend (the Makefile is the
/// contract): plain commands in JSON, with the reason after `#` in the terminal, where
/// only the frontend adds its port. Exact text, so moving the per-stack facts into data
/// cannot change what users read.
#[test]
fn next_steps_are_exact_for_each_backend_and_frontend() {
    let steps = |backend: &str, frontend: &str| {
        let tmp = tempfile::tempdir().unwrap();
        let out = saasgen()
            .current_dir(tmp.path())
            .args(["new", "acme", "--no-input", "--no-git", "--json"])
            .args(["--backend", backend, "--frontend", frontend])
            .output()
            .unwrap();
        assert!(out.status.success(), "{backend} {frontend}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["next_steps"].as_array().unwrap().clone()
    };
    let commands = serde_json::json!([
        "cd acme",
        "make setup",
        "make db",
        "make migrate",
        "make dev",
        "make test"
    ]);
    for backend in ["fastapi", "axum"] {
        for frontend in ["nextjs", "none"] {
            assert_eq!(serde_json::Value::Array(steps(backend, frontend)), commands);
        }
    }
    let text = |frontend: &str| {
        let tmp = tempfile::tempdir().unwrap();
        let out = saasgen()
            .current_dir(tmp.path())
            .args([
                "new",
                "acme",
                "--no-input",
                "--no-git",
                "--frontend",
                frontend,
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        stderr[stderr.find("Next steps:").unwrap()..].to_owned()
    };
    let expected = |dev: &str| {
        format!(
            "Next steps:\n  cd acme\n  \
             make setup        # install dependencies, create .env from .env.example\n  \
             make db           # start a development PostgreSQL with both databases .env names\n  \
             make migrate      # create the database tables (needs DATABASE_URL in .env)\n  \
             {dev}\n  \
             make test         # run every test (on TEST_DATABASE_URL, which make db created)\n"
        )
    };
    assert_eq!(
        text("nextjs"),
        expected("make dev          # start the backend on :8000 and the frontend on :3000")
    );
    assert_eq!(
        text("none"),
        expected("make dev          # start the backend on :8000")
    );
}

#[test]
fn errors_are_not_coloured_when_stderr_is_not_a_terminal() {
    let out = saasgen()
        .env_remove("NO_COLOR")
        .args(["new", "my app", "--no-input"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: ") && stderr.contains("\nhint: "),
        "{stderr}"
    );
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
}

/// Runs `saasgen new ARGS` with a git whose global config is `gitconfig` (or none).
fn with_git_config(dir: &std::path::Path, gitconfig: Option<&str>, args: &[&str]) -> String {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let global = home.join("gitconfig");
    std::fs::write(&global, gitconfig.unwrap_or("")).unwrap();
    let out = saasgen()
        .current_dir(dir)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", &home)
        .env("GIT_CONFIG_GLOBAL", &global)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn git_init_says_so_and_names_the_fallback_identity() {
    let tmp = tempfile::tempdir().unwrap();
    let stderr = with_git_config(tmp.path(), None, &["new", "acme", "--no-input"]);
    assert!(
        stderr.contains("initialized a git repository with one commit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("as saasgen <saasgen@localhost>"),
        "{stderr}"
    );

    let config = "[user]\n\tname = Ada\n\temail = ada@example.com\n";
    let stderr = with_git_config(tmp.path(), Some(config), &["new", "beta", "--no-input"]);
    assert!(
        stderr.contains("initialized a git repository with one commit"),
        "{stderr}"
    );
    assert!(!stderr.contains("saasgen@localhost"), "{stderr}");
}

#[test]
fn verbose_shows_every_git_command() {
    let tmp = tempfile::tempdir().unwrap();
    let stderr = with_git_config(tmp.path(), None, &["new", "acme", "--no-input", "-v"]);
    for command in [
        "running git init -q -b main",
        "running git add -A",
        "running git -c user.name=saasgen",
    ] {
        assert!(stderr.contains(command), "{command} missing in {stderr}");
    }
}

#[test]
fn force_lists_what_it_overwrites_and_commits_only_saasgen_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("acme");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("NOTES.txt"), "mine").unwrap();
    std::fs::write(dir.join("Makefile"), "old").unwrap();

    let dry = saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--force", "--dry-run"])
        .output()
        .unwrap();
    let plan = String::from_utf8(dry.stdout).unwrap();
    assert!(
        plan.contains("  Makefile  (overwrites an existing file)\n"),
        "{plan}"
    );
    assert!(plan.contains("Would overwrite 1 existing files."), "{plan}");
    assert_eq!(
        std::fs::read_to_string(dir.join("Makefile")).unwrap(),
        "old"
    );

    let stderr = with_git_config(tmp.path(), None, &["new", "acme", "--no-input", "--force"]);
    assert!(
        stderr.contains("  overwrote 1 existing files:\n    Makefile\n"),
        "{stderr}"
    );
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let tracked = git(&["ls-files"]);
    assert!(tracked.lines().any(|l| l == "Makefile"), "{tracked}");
    assert!(
        !tracked.contains("NOTES.txt"),
        "the user's file was committed: {tracked}"
    );
    assert_eq!(git(&["status", "--porcelain"]), "?? NOTES.txt\n");
}

#[test]
fn only_the_names_a_project_uses_are_printed() {
    let names = |args: &[&str]| {
        let tmp = tempfile::tempdir().unwrap();
        let out = saasgen()
            .current_dir(tmp.path())
            .args(["new", "acme-cloud", "--no-input", "--no-git"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        stderr
            .lines()
            .find(|l| l.contains("names:"))
            .unwrap()
            .trim()
            .to_owned()
    };
    assert_eq!(
        names(&[]),
        "names: slug `acme-cloud`, python `acme_cloud`, npm `acme-cloud`"
    );
    assert_eq!(
        names(&["--frontend", "none"]),
        "names: slug `acme-cloud`, python `acme_cloud`"
    );
    // The Axum package is `backend` whatever the project is called: no crate name is
    // derived, so none is printed.
    assert_eq!(
        names(&["--backend", "axum"]),
        "names: slug `acme-cloud`, npm `acme-cloud`"
    );
}

#[test]
fn dry_run_into_an_unwritable_place_fails_like_the_real_run() {
    // /proc refuses new entries even for root.
    saasgen()
        .args([
            "new",
            "acme",
            "--no-input",
            "--dry-run",
            "--output",
            "/proc/saasgen-test/acme",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("cannot write into `/proc`")
                .and(predicate::str::contains("hint:")),
        );
}

/// Issue 10 item 16: derived keys show their rule, never a sample value such as `Myapp`.
#[test]
fn options_show_the_rule_for_derived_defaults_not_a_sample() {
    let out = saasgen().arg("options").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for key in [
        "brand.name",
        "brand.company",
        "brand.domain",
        "brand.support_email",
    ] {
        let block = &text[text.find(&format!("  {key} ")).unwrap()..];
        let default = block.lines().find(|l| l.contains("default:")).unwrap();
        assert!(
            default.contains("default: derived from the "),
            "{key}: {default}"
        );
    }
    assert!(!text.contains("Myapp"), "{text}");
}
