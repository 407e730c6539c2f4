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
use crate::error::{Error, Result, did_you_mean, find_key, show_location};
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
    /// In `.saasgen.toml`: the presets the answers were layered from, lowest precedence
    /// first. For people: `[answers]` is already their result, so a replay is exact
    /// without them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presets: Vec<String>,
    #[serde(default)]
    pub answers: toml::Table,
}

impl AnswersFile {
    pub fn from_answers(answers: &Answers) -> Self {
        let answers = toml::Table::try_from(answers).expect("answers serialise to a table");
        Self {
            saasgen_version: Some(crate::VERSION.into()),
            summary: None,
            presets: Vec::new(),
            answers,
        }
    }

    pub fn with_presets(self, presets: &[String]) -> Self {
        Self {
            presets: presets.to_vec(),
            ..self
        }
    }

    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).expect("answers file serialises");
        format!(
            "# Written by saasgen. Reproduce this project with:\n\
             #   saasgen new NAME --preset .saasgen.toml --no-input\n\n{body}"
        )
    }

    /// Parses a preset or answers file; `source` names it in messages ("preset `x`").
    pub fn parse(text: &str, source: &str) -> Result<Self> {
        Self::parse_file(text, source, source)
    }

    /// Like [`parse`](Self::parse), with errors located in `file` (line, column, the line).
    fn parse_file(text: &str, source: &str, file: &str) -> Result<Self> {
        if let Err(e) = text.parse::<toml::Table>() {
            return Err(crate::error::toml_syntax(source, file, text, &e).with_hint(SHAPE));
        }
        toml::from_str(text).map_err(|e| {
            let mut message = format!("{source} is not a valid preset: {}", e.message().trim_end());
            if let Some(span) = e.span() {
                message = format!("{message}\n{}", show_location(file, text, span.start));
            }
            Error::user(message).with_hint(SHAPE)
        })
    }

    pub fn partial(&self, source: &str) -> Result<Partial> {
        Partial::from_table(&self.answers, source)
    }

    /// Like [`partial`](Self::partial), with a failing key located in `file`.
    fn partial_in(&self, source: &str, file: &str, text: &str) -> Result<Partial> {
        self.partial(source).map_err(|mut err| {
            if let Some(at) = failing_key(&self.answers).and_then(|key| find_key(text, &key)) {
                err.message = format!("{}\n{}", err.message, show_location(file, text, at));
            }
            err
        })
    }

    /// The version that wrote this file, when it is newer than this saasgen.
    fn newer_writer(text: &str) -> Option<String> {
        let table: toml::Table = text.parse().ok()?;
        let written = table.get("saasgen_version")?.as_str()?;
        (version_key(written) > version_key(crate::VERSION)).then(|| written.to_owned())
    }
}

/// What a preset looks like, for hints.
const SHAPE: &str =
    "a preset is TOML with an `[answers]` table, e.g.\n  [answers]\n  tier = \"pro\"";

/// `major.minor.patch` as numbers; a pre-release suffix is ignored.
fn version_key(version: &str) -> Vec<u64> {
    version
        .split(['-', '+'])
        .next()
        .unwrap_or_default()
        .split('.')
        .map(|part| part.parse().unwrap_or(0))
        .collect()
}

/// The first answer of `table` (dotted, `brand.name`) that does not pass its checks, to
/// point at its line: errors found after parsing have no span.
pub fn failing_key(table: &toml::Table) -> Option<String> {
    leaves("", table)
        .into_iter()
        .find(|(key, value)| {
            let one = toml::Table::from_iter([(key.clone(), (*value).clone())]);
            Partial::from_table(&one, "").is_err()
        })
        .map(|(key, _)| key)
}

/// Every `key = value` of a table with sub-tables as dotted keys (`brand.name`).
fn leaves<'a>(prefix: &str, table: &'a toml::Table) -> Vec<(String, &'a toml::Value)> {
    let mut out = Vec::new();
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => out.extend(leaves(&key, t)),
            other => out.push((key, other)),
        }
    }
    out
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

/// What `.saasgen.toml` records for presets given in this order: each preset's name or
/// path, except that an answers file written by saasgen stands for the presets it records
/// (its answers are their result), so a replay writes the same file again.
pub fn recorded(specs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for spec in specs {
        let written = std::fs::read_to_string(spec)
            .ok()
            .and_then(|text| AnswersFile::parse(&text, spec).ok())
            .filter(|file| file.saasgen_version.is_some());
        match written {
            Some(file) => out.extend(file.presets),
            None => out.push(spec.clone()),
        }
    }
    out
}

/// Loads `--preset NAME|PATH`: a path if it names a file (or looks like one), else a
/// built-in name.
pub fn load(spec: &str) -> Result<Partial> {
    let looks_like_path =
        spec.contains('/') || spec.ends_with(".toml") || Path::new(spec).is_file();
    let source = format!("preset `{spec}`");
    if !looks_like_path {
        let preset = builtin(spec)?;
        return AnswersFile::parse(preset.text, &source)?.partial(&source);
    }
    let text = std::fs::read_to_string(spec).map_err(|e| {
        Error::user(format!("cannot read preset `{spec}`: {e}"))
            .with_hint("pass a built-in preset name (`saasgen presets`) or a path to a .toml file")
    })?;
    let read = AnswersFile::parse_file(&text, &source, spec)
        .and_then(|file| file.partial_in(&source, spec, &text));
    match (read, AnswersFile::newer_writer(&text)) {
        (read, None) => read,
        (Ok(partial), Some(newer)) => {
            crate::output::warn(format!(
                "{source} was written by saasgen {newer}, newer than this saasgen {}; \
                 every answer in it is known here, but check the result",
                crate::VERSION
            ));
            Ok(partial)
        }
        (Err(err), Some(newer)) => Err(err.with_hint(format!(
            "{source} was written by saasgen {newer}; this is saasgen {}, which does not \
             know all of it: upgrade saasgen, or remove what this version does not know",
            crate::VERSION
        ))),
    }
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
    fn versions_compare_by_number() {
        assert!(version_key("0.10.0") > version_key("0.9.3"));
        assert!(version_key("1.0.0-beta.1") == version_key("1.0.0"));
        assert!(version_key("0.1.0") < version_key("0.1.1"));
    }

    #[test]
    fn invalid_toml_is_a_user_error() {
        let err = AnswersFile::parse("answers = [", "preset `x`").unwrap_err();
        assert_eq!(err.exit_status() as i32, 1);
        assert!(err.message.starts_with("preset `x` is not valid TOML"));
    }
}
