//! Shell completion as a shell uses it: `saasgen completions bash` is sourced into a real
//! bash, whose completion function asks the binary; preset names and `--set` keys come
//! back, and choice values after `KEY=` where the shell keeps `KEY=` one word.

use std::path::Path;

/// What bash offers for the words typed so far (the last one is being completed).
fn bash_completes(words: &[&str]) -> Vec<String> {
    let bin = assert_cmd::cargo::cargo_bin("saasgen");
    let dir = bin.parent().unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <(saasgen completions bash)\n\
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_TYPE=9\n\
         _clap_complete_saasgen saasgen '{current}' '{previous}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = quoted.join(" "),
        cword = words.len() - 1,
        current = words[words.len() - 1],
        previous = words[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("PATH", path_with(dir))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn path_with(dir: &Path) -> String {
    format!("{}:{}", dir.display(), std::env::var("PATH").unwrap())
}

#[test]
fn bash_completes_builtin_preset_names() {
    assert_eq!(
        bash_completes(&["saasgen", "new", "--preset", "ag"]),
        ["agency"]
    );
    let all = bash_completes(&["saasgen", "new", "--preset", ""]);
    for preset in ["starter", "pro", "agency", "rust-pro", "api-only"] {
        assert!(
            all.contains(&preset.to_owned()),
            "{preset} missing in {all:?}"
        );
    }
}

#[test]
fn bash_completes_set_keys() {
    assert_eq!(
        bash_completes(&["saasgen", "new", "--set", "bil"]),
        ["billing="]
    );
}

/// zsh and fish keep `tier=` as one word (bash splits it at `=`, so there only keys
/// complete); asked the way zsh's registered function asks, values come back.
#[test]
fn zsh_completes_the_values_of_a_choice_key_after_set() {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("saasgen"))
        .env("COMPLETE", "zsh")
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .args(["--", "saasgen", "new", "--set", "tier="])
        .output()
        .unwrap();
    assert!(out.status.success());
    // zsh shows `value:description`.
    let values: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect();
    assert_eq!(values, ["tier=starter", "tier=pro", "tier=agency"]);
}

#[test]
fn completion_scripts_are_printed_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("saasgen"))
            .args(["completions", shell])
            .output()
            .unwrap();
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success() && script.contains("COMPLETE="),
            "{shell}: {script}"
        );
    }
}
