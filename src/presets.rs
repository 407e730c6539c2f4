//! Presets and the answers file: one TOML shape for both.
//!
//! A preset is a file with an optional `summary` and an `[answers]` table that may set any
//! answer. `.saasgen.toml`, written into every project, has the same shape plus the
//! saasgen version, so `saasgen new NAME --preset path/.saasgen.toml` reproduces a project.
//! Built-in presets are embedded from `presets/`.

use std::path::Path;

use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::error::{Error, Result, did_you_mean};
use crate::keys::Partial;

static PRESETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/presets");

/// The on-disk shape of presets and of `.saasgen.toml`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saasgen_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default)]
    pub answers: toml::Table,
}

impl AnswersFile {
    pub fn from_answers(answers: &Answers) -> Self {
        let answers = toml::Table::try_from(answers).expect("answers serialise to a table");
        Self {
            saasgen_version: Some(crate::VERSION.into()),
            summary: None,
            answers,
        }
    }

    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).expect("answers file serialises");
        format!(
            "# Written by saasgen. Reproduce this project with:\n\
             #   saasgen new NAME --preset .saasgen.toml --no-input\n\n{body}"
        )
    }

    pub fn parse(text: &str, source: &str) -> Result<Self> {
        toml::from_str(text).map_err(|e| {
            Error::user(format!(
                "{source} is not a valid preset: {}",
                e.message().trim_end()
            ))
            .with_hint(
                "a preset is TOML with an `[answers]` table, e.g. [answers]\\ntier = \"pro\"",
            )
        })
    }

    pub fn partial(&self, source: &str) -> Result<Partial> {
        Partial::from_table(&self.answers, source)
    }
}

/// A built-in preset.
pub struct Builtin {
    pub name: &'static str,
    pub text: &'static str,
}

impl Builtin {
    pub fn summary(&self) -> String {
        AnswersFile::parse(self.text, self.name)
            .ok()
            .and_then(|f| f.summary)
            .unwrap_or_default()
    }
}

pub fn builtins() -> Vec<Builtin> {
    let mut out: Vec<Builtin> = PRESETS
        .files()
        .filter_map(|f| {
            let name = f.path().file_stem()?.to_str()?;
            Some(Builtin {
                name,
                text: f.contents_utf8()?,
            })
        })
        .collect();
    out.sort_by_key(|b| b.name);
    out
}

pub fn builtin(name: &str) -> Result<Builtin> {
    let all = builtins();
    let names: Vec<&str> = all.iter().map(|b| b.name).collect();
    let hint = match did_you_mean(name, names.iter().copied()) {
        Some(near) => format!(
            "did you mean `{near}`? built-in presets: {}",
            names.join(", ")
        ),
        None => format!(
            "built-in presets: {}; or pass a path to a .toml file",
            names.join(", ")
        ),
    };
    all.into_iter()
        .find(|b| b.name == name)
        .ok_or_else(|| Error::user(format!("no preset named `{name}`")).with_hint(hint))
}

/// Loads `--preset NAME|PATH`: a path if it names a file (or looks like one), else a
/// built-in name.
pub fn load(spec: &str) -> Result<Partial> {
    let looks_like_path =
        spec.contains('/') || spec.ends_with(".toml") || Path::new(spec).is_file();
    if looks_like_path {
        let text = std::fs::read_to_string(spec).map_err(|e| {
            Error::user(format!("cannot read preset `{spec}`: {e}")).with_hint(
                "pass a built-in preset name (`saasgen presets`) or a path to a .toml file",
            )
        })?;
        let source = format!("preset `{spec}`");
        return AnswersFile::parse(&text, &source)?.partial(&source);
    }
    let preset = builtin(spec)?;
    let source = format!("preset `{spec}`");
    AnswersFile::parse(preset.text, &source)?.partial(&source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_required_builtins_exist_and_parse() {
        for name in ["starter", "pro", "agency", "rust-pro"] {
            let preset = builtin(name).unwrap();
            assert!(!preset.summary().is_empty(), "{name} has no summary");
            load(name).unwrap();
        }
    }

    #[test]
    fn unknown_builtin_suggests_a_near_name() {
        let err = builtin("agncy").err().unwrap();
        assert!(err.hint.unwrap().contains("did you mean `agency`"));
    }

    #[test]
    fn invalid_toml_is_a_user_error() {
        let err = AnswersFile::parse("answers = [", "preset `x`").unwrap_err();
        assert_eq!(err.exit_status() as i32, 1);
        assert!(err.message.starts_with("preset `x` is not a valid preset"));
    }
}
