//! `saasgen update` and `saasgen check` on real projects: a newer template (through the
//! hidden `--templates DIR`), changed answers, conflicts, `--dry-run`, the dirty-tree
//! refusal and check's exit codes. The fleet mode is in tests/update_fleet.rs.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{saasgen, tree};

fn generate(dir: &Path, args: &[&str], git: bool) {
    let mut cmd = saasgen();
    cmd.args(["new", "acme", "--output"]).arg(dir).args(args);
    cmd.args(["--no-input", "-q"]);
    if !git {
        cmd.arg("--no-git");
    }
    cmd.assert().success();
}

/// A copy of saasgen's templates/ with the changes a newer release might bring.
fn newer_templates(tmp: &Path) -> PathBuf {
    let copy = tmp.join("templates");
    let status = Command::new("cp")
        .args(["-a", concat!(env!("CARGO_MANIFEST_DIR"), "/templates")])
        .arg(&copy)
        .status()
        .unwrap();
    assert!(status.success());
    let readme = copy.join("common/README.md.j2");
    let text = std::fs::read_to_string(&readme).unwrap();
    let text = text.replacen(
        "# {= brand.name | md =}\n",
        "# {= brand.name | md =} (New in this release: update notes.)\n",
        1,
    );
    std::fs::write(&readme, text).unwrap();
    let tool = copy.join("common/scripts/new-tool");
    std::fs::write(&tool, "#!/bin/sh\necho new\n").unwrap();
    std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
    for gone in ["philosophy.md.j2", "configuration.md.j2"] {
        std::fs::remove_file(copy.join("docs/docs").join(gone)).unwrap();
    }
    copy
}

fn append(path: &Path, text: &str) {
    let mut body = std::fs::read_to_string(path).unwrap();
    body.push_str(text);
    std::fs::write(path, body).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = saasgen().current_dir(dir).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap(),
        text(&out.stdout),
        text(&out.stderr),
    )
}

#[test]
fn a_newer_template_merges_into_owner_edits_adds_deletes_and_keeps() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("acme");
    generate(&p, &["--preset", "starter"], false);
    let tpl = newer_templates(tmp.path());
    append(&p.join("README.md"), "\n## Our notes\n");
    append(&p.join("docs/configuration.md"), "\nOur setting.\n");
    std::fs::write(p.join("ours.txt"), "not saasgen's").unwrap();

    let (code, _, err) = run(&p, &["update", "--templates", tpl.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let readme = std::fs::read_to_string(p.join("README.md")).unwrap();
    assert!(
        readme.contains("New in this release: update notes."),
        "{readme}"
    );
    assert!(readme.ends_with("\n## Our notes\n"), "{readme}");
    let mode = std::fs::metadata(p.join("scripts/new-tool"))
        .unwrap()
        .permissions()
        .mode();
    assert_ne!(
        mode & 0o100,
        0,
        "the new script is executable, as its template"
    );
    assert!(
        !p.join("docs/philosophy.md").exists(),
        "untouched and no longer produced"
    );
    assert!(
        std::fs::read_to_string(p.join("docs/configuration.md"))
            .unwrap()
            .contains("Our setting.")
    );
    assert_eq!(
        std::fs::read_to_string(p.join("ours.txt")).unwrap(),
        "not saasgen's"
    );
    assert!(err.contains("merged      README.md"), "{err}");
    assert!(
        err.contains("kept        docs/configuration.md  (edited by you; no longer produced)"),
        "{err}"
    );
    // The one update is .saasgen/manifest, the record of the new rendering.
    assert!(
        err.contains("1 added, 1 updated, 1 merged, 0 conflicted, 1 deleted, 1 kept"),
        "{err}"
    );

    // The record now describes the newer template: nothing is left to do with it.
    let (code, out, _) = run(&p, &["check", "--templates", tpl.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn overlapping_edits_are_conflicts_with_git_markers_and_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("acme");
    generate(&p, &["--preset", "starter"], false);
    let tpl = newer_templates(tmp.path());
    let readme = std::fs::read_to_string(p.join("README.md")).unwrap();
    let mine = readme.replacen("# Acme\n", "# Acme, by us: Our own introduction.\n", 1);
    std::fs::write(p.join("README.md"), &mine).unwrap();
    let twin = tmp.path().join("twin");
    assert!(
        Command::new("cp")
            .arg("-a")
            .args([&p, &twin])
            .status()
            .unwrap()
            .success()
    );

    let (code, out, err) = run(
        &p,
        &["update", "--json", "--templates", tpl.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["conflicts"], serde_json::json!(["README.md"]));
    assert_eq!(report["counts"]["conflicted"], 1);
    let merged = std::fs::read_to_string(p.join("README.md")).unwrap();
    let hunk = format!(
        "<<<<<<< yours (working tree)\n\
         # Acme, by us: Our own introduction.\n\
         =======\n\
         # Acme (New in this release: update notes.)\n\
         >>>>>>> saasgen {}\n",
        env!("CARGO_PKG_VERSION")
    );
    assert!(merged.starts_with(&hunk), "{merged}");
    let (code, _, err) = run(&twin, &["update", "--templates", tpl.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    let tell = format!(
        "Resolve the conflicts in these files (from `<<<<<<< yours (working tree)` to \
         `>>>>>>> saasgen {}`), then commit:\n  README.md\n",
        env!("CARGO_PKG_VERSION")
    );
    assert!(err.ends_with(&tell), "{err}");
    // git's own tooling sees the markers as a leftover conflict.
    let check = Command::new("git")
        .args(["diff", "--no-index", "--check", "/dev/null"])
        .arg(p.join("README.md"))
        .output()
        .unwrap();
    let flagged = String::from_utf8_lossy(&check.stdout);
    assert_eq!(
        flagged.matches("leftover conflict marker").count(),
        3,
        "{flagged}"
    );
}

#[test]
fn switching_answers_adds_the_new_providers_files_and_removes_the_old_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("acme");
    generate(&p, &["--tier", "starter", "--billing", "stripe"], false);
    append(&p.join("backend/app/main.py"), "# owner: keep this line\n");

    let (code, _, err) = run(&p, &["update", "--tier", "pro", "--billing", "paddle"]);
    assert_eq!(code, 0, "{err}");
    let fresh = tmp.path().join("fresh");
    generate(&fresh, &["--tier", "pro", "--billing", "paddle"], false);
    let (updated, fresh) = (tree(&p), tree(&fresh));
    let differ: Vec<&String> = fresh
        .keys()
        .filter(|path| updated.get(*path) != fresh.get(*path))
        .collect();
    assert_eq!(
        differ,
        ["backend/app/main.py"],
        "all but the edited file as generated"
    );
    let main = String::from_utf8(updated["backend/app/main.py"].1.clone()).unwrap();
    assert!(main.ends_with("# owner: keep this line\n"));
    assert!(!p.join("backend/app/services/billing/stripe.py").exists());
    let answers = std::fs::read_to_string(p.join(".saasgen.toml")).unwrap();
    assert!(answers.contains("billing = \"paddle\"") && answers.contains("tier = \"pro\""));
    assert_eq!(run(&p, &["check"]).0, 0, "current afterwards");
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("acme");
    generate(&p, &["--preset", "starter"], false);
    append(&p.join("README.md"), "mine\n");
    let before = tree(&p);
    let (code, out, err) = run(&p, &["update", "--dry-run", "--tier", "pro"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(tree(&p), before);
    assert!(
        out.contains("  added       backend/app/models/organization.py"),
        "{out}"
    );
    assert!(out.contains("  merged      README.md"), "{out}");
    assert_eq!(tree(&p), before);
    assert_eq!(common::entries(tmp.path()), ["acme"], "no staging folder");
}

#[test]
fn a_dirty_git_tree_is_refused_unless_allow_dirty() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("acme");
    generate(&p, &["--preset", "starter"], true);
    append(&p.join("README.md"), "uncommitted\n");
    let before = tree(&p);
    let (code, _, err) = run(&p, &["update", "--tier", "pro"]);
    assert_eq!(code, 1);
    assert!(err.contains("has uncommitted changes (README.md)"), "{err}");
    assert!(err.contains("--allow-dirty"), "{err}");
    assert_eq!(tree(&p), before, "nothing written");

    let (code, _, err) = run(&p, &["update", "--tier", "pro", "--allow-dirty"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(p.join("README.md"))
            .unwrap()
            .ends_with("uncommitted\n")
    );
    assert!(p.join("backend/app/models/organization.py").exists());
}

#[test]
fn check_exit_codes_tell_current_behind_drifted_and_broken_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("acme");
    generate(&p, &["--preset", "starter"], true);
    let tpl = newer_templates(tmp.path());
    let tpl = tpl.to_str().unwrap();

    let (code, out, _) = run(&p, &["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(": current\n"), "{out}");

    append(&p.join("Makefile"), "# ours\n");
    std::fs::write(p.join("notes.md"), "ours\n").unwrap();
    std::fs::remove_file(p.join("LICENSE")).unwrap();
    assert_eq!(run(&p, &["check"]).0, 0, "drift alone is fine");
    let (code, out, _) = run(&p, &["check", "--strict", "--json"]);
    assert_eq!(code, 1, "--strict: drift fails");
    let drift: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(drift["changed"], serde_json::json!(["Makefile"]));
    assert_eq!(drift["deleted"], serde_json::json!(["LICENSE"]));
    assert_eq!(drift["added"], serde_json::json!(["notes.md"]));
    assert_eq!(drift["behind"], false);

    let (code, out, _) = run(&p, &["check", "--templates", tpl]);
    assert_eq!(code, 1, "behind a newer template: {out}");
    assert!(out.contains("behind: run `saasgen update`"), "{out}");

    let (code, _, err) = run(tmp.path(), &["check"]);
    assert_eq!(code, 2, "not a project: {err}");
    assert!(err.contains("is not a saasgen project"), "{err}");
}

#[test]
fn update_of_a_project_generated_by_another_version_without_a_record_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("acme");
    generate(&p, &["--preset", "starter"], false);
    std::fs::remove_file(p.join(".saasgen/manifest")).unwrap();
    let answers = std::fs::read_to_string(p.join(".saasgen.toml")).unwrap();
    let old = answers.replace(
        &format!("saasgen_version = \"{}\"", env!("CARGO_PKG_VERSION")),
        "saasgen_version = \"0.0.1\"",
    );
    std::fs::write(p.join(".saasgen.toml"), old).unwrap();
    let before = tree(&p);
    let (code, _, err) = run(&p, &["update"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot tell which files you edited"), "{err}");
    assert_eq!(tree(&p), before);
}

#[test]
fn the_record_lets_a_later_version_tell_edited_files_from_untouched_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("acme");
    generate(&p, &["--preset", "starter"], false);
    let answers = std::fs::read_to_string(p.join(".saasgen.toml")).unwrap();
    let old = answers.replace(
        &format!("saasgen_version = \"{}\"", env!("CARGO_PKG_VERSION")),
        "saasgen_version = \"0.0.1\"",
    );
    std::fs::write(p.join(".saasgen.toml"), &old).unwrap();
    // As 0.0.1 would have recorded it: the answers file's hash is that of its text.
    let record = std::fs::read_to_string(p.join(".saasgen/manifest")).unwrap();
    let record = record.replace(
        &saasgen::pristine::hash(answers.as_bytes()),
        &saasgen::pristine::hash(old.as_bytes()),
    );
    std::fs::write(p.join(".saasgen/manifest"), record).unwrap();
    let tpl = newer_templates(tmp.path());
    append(&p.join("Makefile"), "# ours\n");
    append(&p.join("README.md"), "# ours\n");
    let (code, out, err) = run(
        &p,
        &["update", "--json", "--templates", tpl.to_str().unwrap()],
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(code, 1, "{err}");
    assert_eq!(report["from_version"], "0.0.1");
    // No base text for 0.0.1, but its hashes: the untouched philosophy.md is deleted,
    // the edited Makefile that the template did not change is left alone, and the edited
    // README.md that it did change cannot be merged silently: the whole file conflicts.
    assert!(!p.join("docs/philosophy.md").exists());
    assert!(
        std::fs::read_to_string(p.join("Makefile"))
            .unwrap()
            .ends_with("# ours\n")
    );
    assert_eq!(report["conflicts"], serde_json::json!(["README.md"]));
    let readme = std::fs::read_to_string(p.join("README.md")).unwrap();
    assert!(
        readme.contains("<<<<<<< yours (working tree)\n") && readme.contains("New in this release")
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_later_version_merges_against_the_pristine_tree_kept_in_git() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("acme");
    generate(&p, &["--preset", "starter"], true);
    // As if saasgen 0.0.1 had generated it: its own version, its own record of that file.
    let answers = std::fs::read_to_string(p.join(".saasgen.toml")).unwrap();
    let old = answers.replace(
        &format!("saasgen_version = \"{}\"", env!("CARGO_PKG_VERSION")),
        "saasgen_version = \"0.0.1\"",
    );
    std::fs::write(p.join(".saasgen.toml"), &old).unwrap();
    let record = std::fs::read_to_string(p.join(".saasgen/manifest")).unwrap();
    let record = record.replace(
        &saasgen::pristine::hash(answers.as_bytes()),
        &saasgen::pristine::hash(old.as_bytes()),
    );
    std::fs::write(p.join(".saasgen/manifest"), record).unwrap();
    append(&p.join("README.md"), "# ours\n");
    git(&p, &["commit", "-qam", "as 0.0.1, with our README line"]);
    let tpl = newer_templates(tmp.path());

    let (code, out, err) = run(
        &p,
        &["update", "--json", "--templates", tpl.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["from_version"], "0.0.1");
    assert_eq!(report["conflicts"], serde_json::json!([]));
    let readme = std::fs::read_to_string(p.join("README.md")).unwrap();
    assert!(
        readme.contains("New in this release") && readme.ends_with("# ours\n"),
        "{readme}"
    );
    assert!(!readme.contains("<<<<<<<"), "{readme}");
    let recorded = std::fs::read_to_string(p.join(".saasgen.toml")).unwrap();
    let now = format!("saasgen_version = \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(recorded.contains(&now), "{recorded}");
}

#[test]
fn the_template_folder_option_is_for_template_authors_only_and_hidden_from_help() {
    for command in ["update", "check"] {
        let out = saasgen().args([command, "--help"]).output().unwrap();
        assert!(out.status.success());
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(
            help.contains("--dry-run") || help.contains("--strict"),
            "{help}"
        );
        assert!(!help.contains("--templates"), "{command} --help: {help}");
    }
}
