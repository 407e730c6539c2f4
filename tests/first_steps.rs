//! What a new user reads before running anything: the install line, the licence, the
//! completion instructions. Checked here so the docs cannot drift from the repository.

use std::path::Path;

fn repo_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn readme_installs_with_the_lockfile_and_warns_about_the_build_time() {
    let readme = repo_file("README.md");
    assert!(
        readme.contains("cargo install --locked --path ."),
        "README must install with --locked"
    );
    assert!(
        !readme.contains("cargo install --path"),
        "an install line without --locked is left"
    );
    assert!(readme.contains("3 to 5 minutes"), "no build time note");
}

#[test]
fn the_licence_file_exists_and_matches_cargo_toml() {
    let manifest = repo_file("Cargo.toml");
    assert!(manifest.contains("license = \"MIT\""));
    assert!(
        manifest.contains("\"LICENSE\""),
        "Cargo.toml includes LICENSE"
    );
    let licence = repo_file("LICENSE");
    assert!(licence.starts_with("MIT License"), "{licence}");
    assert!(licence.contains("Permission is hereby granted, free of charge"));
}

#[test]
fn the_cli_reference_says_how_to_install_completions_for_each_shell() {
    let docs = repo_file("docs/cli.md");
    let section = &docs[docs
        .find("## Shell completions")
        .expect("a completions section")..];
    for line in [
        "source <(saasgen completions bash)",
        "source <(saasgen completions zsh)",
        "saasgen completions fish > ~/.config/fish/completions/saasgen.fish",
    ] {
        assert!(section.contains(line), "missing `{line}`");
    }
}
