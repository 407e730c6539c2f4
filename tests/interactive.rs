//! The wizard, driven through a pseudo-terminal like a person would: it asks only what
//! flags did not answer, pre-selects defaults, confirms, and Ctrl-C writes nothing.

mod common;

use std::time::Duration;

use expectrl::WaitStatus;
use expectrl::{Eof, Session};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

fn spawn(dir: &std::path::Path, args: &[&str]) -> Session {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("saasgen"));
    cmd.current_dir(dir)
        .args(args)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

#[test]
fn the_wizard_asks_only_for_missing_answers_and_writes_the_choices() {
    let tmp = tempfile::tempdir().unwrap();
    // --backend and --ci are given, so the wizard must not ask for them.
    let mut s = spawn(
        tmp.path(),
        &[
            "new",
            "wizard-app",
            "--no-git",
            "--backend",
            "fastapi",
            "--ci",
            "gitlab",
        ],
    );
    s.expect("tier").unwrap();
    s.send(DOWN).unwrap(); // starter -> pro
    s.send(ENTER).unwrap();
    s.expect("frontend").unwrap();
    s.send(ENTER).unwrap(); // default: nextjs
    s.expect("auth").unwrap();
    s.send(DOWN).unwrap(); // clerk -> auth0
    s.send(ENTER).unwrap();
    s.expect("billing").unwrap();
    s.send(DOWN).unwrap();
    s.send(DOWN).unwrap(); // stripe -> lemonsqueezy -> paddle
    s.send(ENTER).unwrap();
    s.expect("description").unwrap();
    s.send("Invoices for \"plumbers\"").unwrap();
    s.send(ENTER).unwrap();
    s.expect("Generate this project?").unwrap();
    s.send("y").unwrap();
    s.expect("Next steps").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(
        s.get_process().wait().unwrap(),
        WaitStatus::Exited(s.get_process().pid(), 0)
    );

    let answers = std::fs::read_to_string(tmp.path().join("wizard-app/.saasgen.toml")).unwrap();
    for expected in [
        "tier = \"pro\"",
        "backend = \"fastapi\"",
        "ci = \"gitlab\"",
        "frontend = \"nextjs\"",
        "auth = \"auth0\"",
        "billing = \"paddle\"",
        "description = 'Invoices for \"plumbers\"'",
    ] {
        assert!(
            answers.contains(expected),
            "missing {expected} in\n{answers}"
        );
    }
}

#[test]
fn ctrl_c_at_a_prompt_exits_130_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = spawn(tmp.path(), &["new", "wizard-app", "--no-git"]);
    s.expect("tier").unwrap();
    s.send("\x03").unwrap();
    s.expect(Eof).unwrap();
    let status = s.get_process().wait().unwrap();
    let code = match status {
        WaitStatus::Exited(_, code) => code,
        WaitStatus::Signaled(_, sig, _) => 128 + sig as i32,
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(code, 130);
    assert!(common::entries(tmp.path()).is_empty());
}

#[test]
fn declining_the_summary_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = spawn(
        tmp.path(),
        &["new", "wizard-app", "--no-git", "--preset", "starter"],
    );
    s.expect("description").unwrap();
    s.send(ENTER).unwrap();
    s.expect("Generate this project?").unwrap();
    s.send("n").unwrap();
    s.expect("nothing was written").unwrap();
    s.expect(Eof).unwrap();
    assert!(common::entries(tmp.path()).is_empty());
}
