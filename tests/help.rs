//! `--help` is the first thing a new user reads: examples, flags grouped by what they do
//! (answers, output, behaviour), every alias visible. Snapshots, so a change is reviewed.

mod common;

use common::saasgen;

fn help(args: &[&str]) -> String {
    let out = saasgen().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn top_level_help_has_examples() {
    let text = help(&["--help"]);
    assert!(text.contains("Examples:\n  saasgen new "), "{text}");
    insta::assert_snapshot!("help_top", text);
}

#[test]
fn new_help_groups_the_flags_and_shows_examples_and_aliases() {
    let text = help(&["new", "--help"]);
    let at = |heading: &str| text.find(heading).unwrap_or_else(|| panic!("{heading}"));
    assert!(at("\nAnswers:\n") < at("\nOutput:\n") && at("\nOutput:\n") < at("\nBehaviour:\n"));
    assert!(at("--tier") > at("\nAnswers:\n") && at("--tier") < at("\nOutput:\n"));
    assert!(at("--quiet") > at("\nOutput:\n") && at("--quiet") < at("\nBehaviour:\n"));
    assert!(text.contains("-y, --yes, --defaults"), "hidden aliases");
    assert!(text.contains("Examples:\n  saasgen new\n"), "{text}");
    insta::assert_snapshot!("help_new", text);
}

#[test]
fn new_short_help_snapshot() {
    insta::assert_snapshot!("help_new_short", help(&["new", "-h"]));
}
