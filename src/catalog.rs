//! `saasgen options` and `saasgen presets`: what can be chosen, printed for people, as
//! JSON for scripts (`options --json`, a stable schema documented in docs/cli.md), and as
//! the Markdown option tables the docs embed (kept current by a test).

use clap::ValueEnum;
use serde::Serialize;

use crate::answers::{Choice, Tier};
use crate::error::Result;
use crate::keys::Key;
use crate::output::Printer;
use crate::presets;

/// Bumped when a field of [`Schema`] changes meaning or goes away; adding a field or a
/// key does not bump it.
pub const SCHEMA_VERSION: u32 = 1;

/// Resolution order of answer sources, later wins.
pub const PRECEDENCE: [&str; 5] = [
    "defaults",
    "--preset (a built-in preset or a preset or .saasgen.toml file)",
    "--set KEY=VALUE",
    "dedicated flags (--tier, --auth, ...)",
    "NAME",
];

/// What `saasgen options --json` prints.
#[derive(Debug, Serialize)]
pub struct Schema {
    pub schema_version: u32,
    pub keys: Vec<KeySchema>,
    pub tiers: Vec<TierSchema>,
    pub precedence: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct KeySchema {
    pub key: &'static str,
    /// `choice` (one of `values`) or `text`.
    pub kind: &'static str,
    pub about: &'static str,
    pub values: Vec<ValueSchema>,
    /// The default rule, e.g. "`starter`" or "derived from the name, in Title Case".
    pub default: &'static str,
    /// What a valid value looks like.
    pub valid: &'static str,
    /// How to pass it: `NAME`, `--tier` or `--set brand.name=...`.
    pub flag: String,
    /// Asked by the wizard when no source gives it. Without a terminal and without
    /// `--no-input`, every `choice` key must be given.
    pub asked: bool,
}

#[derive(Debug, Serialize)]
pub struct ValueSchema {
    pub value: &'static str,
    /// How people write it (`Lemon Squeezy`); templates read it as `display.KEY`.
    pub name: &'static str,
    pub about: &'static str,
}

#[derive(Debug, Serialize)]
pub struct TierSchema {
    pub tier: &'static str,
    pub adds: &'static str,
}

impl KeySchema {
    fn new(key: Key) -> Self {
        let spec = key.spec();
        Self {
            key: spec.key,
            kind: if spec.is_choice() { "choice" } else { "text" },
            about: spec.about,
            flag: spec.flag(),
            asked: spec.asked(),
            values: spec
                .values
                .iter()
                .map(|&(value, about)| ValueSchema {
                    value,
                    name: key.display_name(value).unwrap_or(value),
                    about,
                })
                .collect(),
            default: spec.default,
            valid: spec.valid,
        }
    }
}

pub fn schema() -> Schema {
    Schema {
        schema_version: SCHEMA_VERSION,
        keys: Key::ALL.iter().map(|k| KeySchema::new(*k)).collect(),
        tiers: Tier::value_variants()
            .iter()
            .map(|t| TierSchema {
                tier: t.as_str(),
                adds: t.adds(),
            })
            .collect(),
        precedence: PRECEDENCE.to_vec(),
    }
}

pub fn options(printer: &Printer, json: bool) -> Result<()> {
    if json {
        let text = serde_json::to_string_pretty(&schema()).expect("schema serialises");
        printer.stdout(text);
    } else {
        printer.stdout(options_text().trim_end());
    }
    Ok(())
}

fn options_text() -> String {
    let schema = schema();
    let mut out = String::from(
        "Answer keys (use with --set KEY=VALUE, in presets, batch files and .saasgen.toml):\n",
    );
    for key in &schema.keys {
        out.push_str(&format!("\n  {:<22} {}\n", key.key, key.about));
        for v in &key.values {
            out.push_str(&format!("      {:<14} {}\n", v.value, v.about));
        }
        if key.values.is_empty() {
            out.push_str(&format!("      valid: {}\n", plain(key.valid)));
        }
        out.push_str(&format!(
            "      default: {}   flag: {}\n",
            plain(key.default),
            key.flag
        ));
    }
    out.push_str("\nTiers:\n");
    for t in &schema.tiers {
        out.push_str(&format!("  {:<8} {}\n", t.tier, t.adds));
    }
    out.push_str(&format!("\nPrecedence: {}.\n", PRECEDENCE.join(" < ")));
    out
}

/// Markdown code spans read as plain text in a terminal.
fn plain(text: &str) -> String {
    text.replace('`', "")
}

/// The answer-key table of docs/cli.md.
pub fn keys_markdown() -> String {
    let mut out = String::from("| key | values / format | default |\n|---|---|---|\n");
    for key in schema().keys {
        let values = if key.values.is_empty() {
            key.valid.to_owned()
        } else {
            code_list(&key.values)
        };
        out.push_str(&format!("| `{}` | {values} | {} |\n", key.key, key.default));
    }
    out
}

/// The flag table of the README: the keys with a dedicated flag.
pub fn flags_markdown() -> String {
    let mut out = String::from("| option | values |\n|---|---|\n");
    for key in schema().keys.iter().filter(|k| !k.values.is_empty()) {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            key.flag,
            code_list(&key.values)
        ));
    }
    out
}

fn code_list(values: &[ValueSchema]) -> String {
    let names: Vec<String> = values.iter().map(|v| format!("`{}`", v.value)).collect();
    names.join(", ")
}

pub fn list_presets(printer: &Printer) -> Result<()> {
    for preset in presets::builtins() {
        printer.stdout(format!("{:<10} {}", preset.name, preset.summary()));
    }
    Ok(())
}

pub fn show_preset(name: &str, printer: &Printer) -> Result<()> {
    let preset = presets::builtin(name)?;
    printer.stdout(preset.text.trim_end());
    Ok(())
}

/// Where the generated tables live: (file under the repository root, block name, table).
pub fn generated_docs() -> [(&'static str, &'static str, String); 2] {
    [
        ("docs/cli.md", "answer-keys", keys_markdown()),
        ("README.md", "choice-flags", flags_markdown()),
    ]
}

/// Replaces the block between `<!-- BEGIN generated: NAME -->` and
/// `<!-- END generated: NAME -->` with `table`; `None` when the markers are missing.
pub fn replace_generated(text: &str, name: &str, table: &str) -> Option<String> {
    let begin = format!(
        "<!-- BEGIN generated: {name} (saasgen options; SAASGEN_UPDATE_DOCS=1 cargo test rewrites it) -->\n"
    );
    let end = format!("<!-- END generated: {name} -->");
    let start = text.find(&begin)? + begin.len();
    let stop = start + text[start..].find(&end)?;
    Some(format!("{}{table}{}", &text[..start], &text[stop..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option tables in the docs are generated from the key table. Like a snapshot:
    /// `SAASGEN_UPDATE_DOCS=1 cargo test` rewrites them, plain `cargo test` fails when
    /// they are stale.
    #[test]
    fn generated_doc_tables_are_current() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let update = std::env::var_os("SAASGEN_UPDATE_DOCS").is_some();
        for (file, name, table) in generated_docs() {
            let path = root.join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            let fresh = replace_generated(&text, name, &table)
                .unwrap_or_else(|| panic!("{file} has no generated block `{name}`"));
            if update {
                std::fs::write(&path, &fresh).unwrap();
            } else {
                assert!(
                    fresh == text,
                    "{file}: the `{name}` table is stale; run SAASGEN_UPDATE_DOCS=1 cargo test --lib generated_doc_tables"
                );
            }
        }
    }

    #[test]
    fn a_stale_block_is_replaced_and_missing_markers_are_reported() {
        let begin = "<!-- BEGIN generated: t (saasgen options; SAASGEN_UPDATE_DOCS=1 cargo test rewrites it) -->\n";
        let doc = format!("intro\n{begin}old\n<!-- END generated: t -->\nafter\n");
        assert_eq!(
            replace_generated(&doc, "t", "new\n").unwrap(),
            format!("intro\n{begin}new\n<!-- END generated: t -->\nafter\n")
        );
        assert_eq!(replace_generated("no markers", "t", "x"), None);
    }

    #[test]
    fn the_key_table_lists_every_key_value_and_default_rule() {
        let table = keys_markdown();
        for key in Key::ALL {
            let spec = key.spec();
            assert!(
                table.contains(&format!("| `{}` |", spec.key)),
                "{}",
                spec.key
            );
            assert!(table.contains(spec.default), "{}", spec.default);
            for (value, _) in spec.values {
                assert!(table.contains(&format!("`{value}`")), "{value}");
            }
        }
        assert!(table.contains("derived from the name"));
    }
}
