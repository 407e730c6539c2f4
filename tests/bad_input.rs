//! Every bad input (docs/cli.md, "Exit codes"): a non-zero exit with the right code, a clear
//! message that says what to do next, and nothing written.

mod common;

use common::{entries, saasgen};
use predicates::prelude::*;

/// Runs `saasgen new ARGS` in an empty folder and checks the failure left it empty.
fn refused(args: &[&str], code: i32, message: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = saasgen()
        .current_dir(tmp.path())
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(
        stderr.contains(message),
        "{args:?}: expected `{message}` in:\n{stderr}"
    );
    assert!(
        entries(tmp.path()).is_empty(),
        "{args:?} wrote {:?}",
        entries(tmp.path())
    );
    stderr
}

#[test]
fn invalid_and_reserved_names_are_refused() {
    let long = "a".repeat(51);
    let cases: [(&str, &str); 10] = [
        ("..", "is not a project name"),
        ("a/b", "contains a path separator"),
        ("con", "reserved device name"),
        ("", "the project name is empty"),
        ("class", "is a Python keyword"),
        ("1app", "starts with a digit"),
        (&long, "the limit is 50"),
        ("café", "non-ASCII"),
        ("my app", "contains ` `"),
        ("node_modules", "is reserved"),
    ];
    for (name, why) in cases {
        let stderr = refused(&["new", name, "--no-input", "--no-git"], 1, why);
        assert!(stderr.contains("hint:"), "{name}: no hint in {stderr}");
    }
}

#[test]
fn unknown_keys_get_a_did_you_mean_hint() {
    refused(
        &["new", "acme", "--no-input", "--set", "biling=stripe"],
        1,
        "did you mean `billing`",
    );
}

#[test]
fn unknown_values_in_set_list_the_allowed_ones() {
    let stderr = refused(
        &["new", "acme", "--no-input", "--set", "tier=gold"],
        1,
        "`gold` is not a valid value for `tier`",
    );
    assert!(stderr.contains("starter, pro, agency"));
}

#[test]
fn unknown_values_in_flags_are_user_errors_with_a_hint() {
    refused(
        &["new", "acme", "--no-input", "--billing", "strip"],
        1,
        "stripe",
    );
}

#[test]
fn bad_brand_values_are_refused() {
    refused(
        &[
            "new",
            "acme",
            "--no-input",
            "--set",
            "brand.primary_color=blue",
        ],
        1,
        "is not a colour",
    );
    refused(
        &[
            "new",
            "acme",
            "--no-input",
            "--set",
            "brand.domain=not a domain",
        ],
        1,
        "is not a valid domain",
    );
    refused(
        &[
            "new",
            "acme",
            "--no-input",
            "--set",
            "brand.support_email=nobody",
        ],
        1,
        "is not a valid e-mail",
    );
}

#[test]
fn control_characters_and_bidi_overrides_in_text_answers_are_refused() {
    let cases = [
        ("brand.name", "Acme\nInjected", "U+000A"),
        ("brand.name", "Acme\u{202e}gnp.exe", "U+202E"),
        ("brand.company", "Acme\tLtd", "U+0009"),
        ("brand.company", "Acme\u{2066}Ltd", "U+2066"),
        ("brand.company", "Acme\u{1b}[31mLtd", "U+001B"),
        ("description", "Safe \u{2069} text", "U+2069"),
        ("description", "Bell \u{7} here", "U+0007"),
        ("brand.domain", "acme\u{202e}.io", "is not a valid domain"),
        (
            "brand.support_email",
            "help@acme\n.io",
            "is not a valid e-mail",
        ),
    ];
    for (key, value, why) in cases {
        let set = format!("{key}={value}");
        let stderr = refused(&["new", "acme", "--no-input", "--set", &set], 1, why);
        assert!(stderr.contains("hint:"), "{key}: no hint in {stderr}");
        assert!(stderr.contains(&format!("`{key}`")), "{key}: {stderr}");
    }
}

#[test]
fn text_answers_are_trimmed_and_the_description_is_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = saasgen()
        .current_dir(tmp.path())
        .args([
            "new",
            "acme",
            "--no-input",
            "--no-git",
            "-q",
            "--frontend",
            "none",
        ])
        .args(["--set", "description=  One\n\tline,\r\n  please  "])
        .args(["--set", "brand.name=  Acme  \n"])
        .args(["--set", "brand.domain= acme.io "])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers = std::fs::read_to_string(tmp.path().join("acme/.saasgen.toml")).unwrap();
    assert!(
        answers.contains("description = \"One line, please\""),
        "{answers}"
    );
    assert!(answers.contains("name = \"Acme\""), "{answers}");
    assert!(answers.contains("domain = \"acme.io\""), "{answers}");
    let license = std::fs::read_to_string(tmp.path().join("acme/LICENSE")).unwrap();
    assert!(!license.contains('\t'), "{license}");
}

#[test]
fn a_preset_that_is_not_valid_toml_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = tmp.path().join("broken.toml");
    std::fs::write(&preset, "[answers\ntier = ").unwrap();
    let stderr = refused(
        &[
            "new",
            "acme",
            "--no-input",
            "--preset",
            preset.to_str().unwrap(),
        ],
        1,
        "is not valid TOML",
    );
    let location = format!(
        "  --> {}:1:9\n  |\n1 | [answers\n  |         ^\n",
        preset.display()
    );
    assert!(stderr.contains(&location), "{stderr}");
    assert!(!stderr.contains("\\n"), "a literal \\n in {stderr}");
    assert!(
        stderr.contains("e.g.\n  [answers]\n  tier = \"pro\""),
        "{stderr}"
    );
}

#[test]
fn a_bad_key_in_a_preset_file_is_shown_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = tmp.path().join("p.toml");
    std::fs::write(&preset, "[answers]\ntier = \"pro\"\nbilling = \"strip\"\n").unwrap();
    let stderr = refused(
        &[
            "new",
            "acme",
            "--no-input",
            "--preset",
            preset.to_str().unwrap(),
        ],
        1,
        "`strip` is not a valid value for `billing`",
    );
    assert!(
        stderr.contains(&format!(
            "--> {}:3:1\n  |\n3 | billing = \"strip\"",
            preset.display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_preset_from_a_newer_saasgen_is_refused_when_it_has_unknown_keys_and_warned_about_otherwise() {
    let tmp = tempfile::tempdir().unwrap();
    let unknown = tmp.path().join("unknown.toml");
    std::fs::write(
        &unknown,
        "saasgen_version = \"99.0.0\"\n[answers]\ntier = \"pro\"\ndatabase = \"mysql\"\n",
    )
    .unwrap();
    let stderr = refused(
        &[
            "new",
            "acme",
            "--no-input",
            "--preset",
            unknown.to_str().unwrap(),
        ],
        1,
        "unknown answer key `database`",
    );
    assert!(
        stderr.contains(&format!(
            "written by saasgen 99.0.0; this is saasgen {}",
            env!("CARGO_PKG_VERSION")
        )) && stderr.contains("upgrade saasgen"),
        "{stderr}"
    );

    let known = tmp.path().join("known.toml");
    std::fs::write(
        &known,
        "saasgen_version = \"99.0.0\"\n[answers]\ntier = \"pro\"\n",
    )
    .unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args([
            "new",
            "acme",
            "--no-input",
            "--no-git",
            "--dry-run",
            "--preset",
        ])
        .arg(&known)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("warning: preset `").and(predicate::str::contains(format!(
                "was written by saasgen 99.0.0, newer than this saasgen {}",
                env!("CARGO_PKG_VERSION")
            ))),
        );
}

#[test]
fn a_preset_with_an_unknown_key_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = tmp.path().join("typo.toml");
    std::fs::write(&preset, "[answers]\nbackned = \"axum\"\n").unwrap();
    refused(
        &[
            "new",
            "acme",
            "--no-input",
            "--preset",
            preset.to_str().unwrap(),
        ],
        1,
        "did you mean `backend`",
    );
}

#[test]
fn an_unknown_builtin_preset_is_refused() {
    refused(
        &["new", "acme", "--no-input", "--preset", "enterprise"],
        1,
        "no preset named `enterprise`",
    );
}

#[test]
fn a_target_that_exists_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("acme")).unwrap();
    std::fs::write(tmp.path().join("acme/keep.txt"), "mine").unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("directory")
                .and(predicate::str::contains("is not empty"))
                .and(predicate::str::contains("--force")),
        );
    assert_eq!(entries(&tmp.path().join("acme")), ["keep.txt"]);
    assert_eq!(entries(tmp.path()), ["acme"]);
}

#[test]
fn a_target_that_is_a_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("acme"), "a file").unwrap();
    saasgen()
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--force"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exists and is not a directory"));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("acme")).unwrap(),
        "a file"
    );
}

#[test]
fn a_non_writable_target_is_refused_with_nothing_written() {
    // /proc refuses new entries even for root, so this holds in CI as root.
    saasgen()
        .args([
            "new",
            "acme",
            "--no-input",
            "--no-git",
            "--output",
            "/proc/saasgen-test/acme",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot create").and(predicate::str::contains("hint:")));
    assert!(!std::path::Path::new("/proc/saasgen-test").exists());
}

#[test]
fn a_read_only_parent_is_refused_with_nothing_written() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let parent = tmp.path().join("ro");
    std::fs::create_dir(&parent).unwrap();
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permission bits, so as root run saasgen as `nobody` (a copy of the
    // binary where nobody may execute it). `cp` makes the copy: a copy written by this
    // process would hold a write descriptor that a concurrently forking test thread can
    // inherit, and exec would then fail with ETXTBSY ("text file busy") under load.
    let binary = tmp.path().join("saasgen");
    let copied = std::process::Command::new("cp")
        .arg(assert_cmd::cargo::cargo_bin("saasgen"))
        .arg(&binary)
        .status()
        .unwrap();
    assert!(copied.success());
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        == b"0\n";
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&binary);
        c
    } else {
        std::process::Command::new(&binary)
    };
    let out = cmd
        .current_dir(tmp.path())
        .args(["new", "acme", "--no-input", "--no-git", "--output"])
        .arg(parent.join("acme"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains("hint:"),
        "{stderr}"
    );
    assert!(entries(&parent).is_empty());
}

#[test]
fn no_tty_without_no_input_fails_at_once_naming_the_flags() {
    let stderr = refused(
        &["new", "acme", "--tier", "pro"],
        1,
        "no terminal to ask on",
    );
    for flag in [
        "--backend",
        "--frontend",
        "--auth",
        "--billing",
        "--ci",
        "--no-input",
    ] {
        assert!(stderr.contains(flag), "hint lacks {flag}: {stderr}");
    }
}

#[test]
fn set_without_equals_is_refused() {
    refused(
        &["new", "acme", "--no-input", "--set", "tier"],
        1,
        "has no `=`",
    );
}

#[test]
fn a_missing_name_without_a_terminal_says_how_to_pass_it() {
    let stderr = refused(&["new", "--no-input"], 1, "no project name given");
    assert!(stderr.contains("saasgen new NAME"), "{stderr}");
    refused(&["new", "--tier", "pro"], 1, "missing answers for `name`");
}
