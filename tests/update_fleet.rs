//! The fleet mode of `saasgen update`: twenty projects from one batch file, three with
//! owner edits that conflict with the newer template, one broken. Each project is
//! updated on its own branch, the checked-out branch is left alone, and the summary is
//! exact.

mod common;

use std::path::Path;
use std::process::Command;

use common::saasgen;

fn git(dir: &Path, args: &[&str]) -> String {
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
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A copy of templates/ whose README heading changed and which adds a file.
fn newer_templates(tmp: &Path) -> std::path::PathBuf {
    let copy = tmp.join("templates");
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
    assert!(
        Command::new("cp")
            .args(["-a", src])
            .arg(&copy)
            .status()
            .unwrap()
            .success()
    );
    let readme = copy.join("common/README.md.j2");
    let text = std::fs::read_to_string(&readme).unwrap();
    let text = text.replacen(
        "# {= brand.name | md =}\n",
        "# {= brand.name | md =} (v2)\n",
        1,
    );
    std::fs::write(&readme, text).unwrap();
    std::fs::write(copy.join("common/UPGRADING.md"), "# Upgrading\n").unwrap();
    copy
}

const CONFLICTING: [usize; 3] = [4, 9, 14];
const BROKEN: usize = 17;

#[test]
fn a_fleet_of_twenty_updates_on_branches_with_an_exact_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let mut batch = String::from("[defaults]\ntier = \"starter\"\nfrontend = \"none\"\n");
    for i in 1..=20 {
        let out = root.join(format!("client-{i:02}"));
        batch += &format!(
            "\n[[project]]\nname = \"client-{i:02}\"\noutput = \"{}\"\n",
            out.display()
        );
    }
    let file = root.join("clients.toml");
    std::fs::write(&file, batch).unwrap();
    saasgen()
        .args(["batch", "-q"])
        .arg(&file)
        .assert()
        .success();
    let tpl = newer_templates(root);
    for i in CONFLICTING {
        let p = root.join(format!("client-{i:02}"));
        let readme = std::fs::read_to_string(p.join("README.md")).unwrap();
        std::fs::write(
            p.join("README.md"),
            readme.replacen("\n", " - our client\n", 1),
        )
        .unwrap();
        git(&p, &["commit", "-qam", "our heading"]);
    }
    let broken = root.join(format!("client-{BROKEN:02}"));
    git(&broken, &["rm", "-q", ".saasgen.toml"]);
    git(&broken, &["commit", "-qm", "oops"]);

    let out = saasgen()
        .args(["update", "--batch"])
        .arg(&file)
        .arg("--templates")
        .arg(&tpl)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "conflicts and a failure exit 1");
    let err = String::from_utf8(out.stderr).unwrap();
    let branch = format!("saasgen/update-{}", env!("CARGO_PKG_VERSION"));
    let mut expected = format!(
        "{:<24} {:<10} {:>7}  DETAIL\n",
        "PROJECT", "RESULT", "CHANGES"
    );
    for i in 1..=20 {
        let name = format!("client-{i:02}");
        let row = match i {
            BROKEN => format!(
                "{name:<24} {:<10} {:>7}  `{}` is not a saasgen project",
                "failed",
                0,
                broken.display()
            ),
            i if CONFLICTING.contains(&i) => {
                format!(
                    "{name:<24} {:<10} {:>7}  {branch}: README.md",
                    "conflicts", 3
                )
            }
            _ => format!("{name:<24} {:<10} {:>7}  {branch}", "updated", 3),
        };
        expected += &row;
        if i == BROKEN {
            let line = err.lines().find(|l| l.starts_with(&name)).unwrap();
            assert!(line.starts_with(&row), "{line}");
            expected += &line[row.len()..];
        }
        expected += "\n";
    }
    expected += "16 updated, 3 with conflicts, 0 current, 1 failed\n";
    assert_eq!(err, expected);

    for i in 1..=20 {
        let p = root.join(format!("client-{i:02}"));
        assert_eq!(
            git(&p, &["branch", "--show-current"]).trim(),
            "main",
            "client-{i:02}"
        );
        assert_eq!(
            git(&p, &["status", "--porcelain"]),
            "",
            "client-{i:02} left clean"
        );
        assert!(
            !p.join("UPGRADING.md").exists(),
            "the checked-out branch is untouched"
        );
        if i == BROKEN {
            assert_eq!(git(&p, &["branch", "--list", &branch]), "");
            continue;
        }
        let readme = git(&p, &["show", &format!("{branch}:README.md")]);
        assert_eq!(
            readme.contains("<<<<<<< yours (working tree)\n"),
            CONFLICTING.contains(&i),
            "client-{i:02}"
        );
        assert!(readme.contains("(v2)"), "client-{i:02}");
        git(&p, &["show", &format!("{branch}:UPGRADING.md")]);
    }
}

#[test]
fn a_fleet_of_folders_reports_json_and_skips_a_project_without_git() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for (dir, git) in [(&a, true), (&b, false)] {
        let mut cmd = saasgen();
        cmd.args([
            "new",
            "acme",
            "--frontend",
            "none",
            "--no-input",
            "-q",
            "--output",
        ])
        .arg(dir);
        if !git {
            cmd.arg("--no-git");
        }
        cmd.assert().success();
    }
    let out = saasgen()
        .args(["update", "--json", "--tier", "pro"])
        .args([&a, &b])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["status"], "updated");
    assert_eq!(report[0]["conflicts"], serde_json::json!([]));
    assert_eq!(report[1]["status"], "failed");
    let error = report[1]["error"].as_str().unwrap();
    assert!(error.starts_with("not a git repository"), "{error}");
    assert!(!b.join("backend/app/models/organization.py").exists());
}
