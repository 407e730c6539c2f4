//! `saasgen batch FILE`: many projects from one TOML file, for agencies.
//!
//! Built-in defaults < the file's `[defaults]` < an entry's `preset` < the entry's own
//! answers. A failing entry is reported and the others still run; the exit status is
//! non-zero when any failed.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::BatchArgs;
use crate::error::{Error, Result};
use crate::keys::Partial;
use crate::new::target_dir;
use crate::output::Printer;
use crate::write::{self, RealFs};
use crate::{plan, post, presets};

/// One `[[project]]` entry, answers still raw.
#[derive(Debug)]
pub struct Entry {
    pub name: String,
    pub output: Option<PathBuf>,
    pub answers: Partial,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub name: String,
    pub path: Option<PathBuf>,
    pub tier: Option<String>,
    pub backend: Option<String>,
    pub files: usize,
    pub error: Option<String>,
}

/// Parses a batch file. Errors in the file as a whole (bad TOML, unknown tables) stop
/// everything; errors in one entry are reported for that entry only.
/// `file` is the path shown in error locations.
pub fn parse(text: &str, source: &str, file: &str) -> Result<(Vec<Result<Entry>>, usize)> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        crate::error::toml_syntax(source, file, text, &e)
            .with_hint("a batch file has a [defaults] table and one [[project]] table per project")
    })?;
    for key in table.keys() {
        if key != "defaults" && key != "project" {
            return Err(Error::user(format!("{source}: unknown table `{key}`"))
                .with_hint("a batch file has only [defaults] and [[project]] tables"));
        }
    }
    let defaults = match table.get("defaults") {
        Some(toml::Value::Table(t)) => Partial::from_table(t, &format!("{source} [defaults]"))?,
        Some(_) => return Err(Error::user(format!("{source}: `defaults` must be a table"))),
        None => Partial::default(),
    };
    let Some(toml::Value::Array(projects)) = table.get("project") else {
        return Err(Error::user(format!("{source} has no [[project]] entries"))
            .with_hint("add one [[project]] table per project, each with at least `name`"));
    };
    let entries = projects
        .iter()
        .enumerate()
        .map(|(i, p)| entry(p, &defaults, &format!("{source} project #{}", i + 1)))
        .collect();
    Ok((entries, projects.len()))
}

fn entry(value: &toml::Value, defaults: &Partial, source: &str) -> Result<Entry> {
    let toml::Value::Table(table) = value else {
        return Err(Error::user(format!("{source} is not a table")));
    };
    let mut table = table.clone();
    let output = match table.remove("output") {
        Some(toml::Value::String(s)) => Some(PathBuf::from(s)),
        Some(_) => {
            return Err(Error::user(format!(
                "{source}: `output` must be a string path"
            )));
        }
        None => None,
    };
    let preset = match table.remove("preset") {
        Some(toml::Value::String(s)) => Some(presets::load(&s)?),
        Some(_) => return Err(Error::user(format!("{source}: `preset` must be a string"))),
        None => None,
    };
    let own = Partial::from_table(&table, source)?;
    let Some(name) = own.get(crate::keys::Key::Name).map(str::to_owned) else {
        return Err(Error::user(format!("{source} has no `name`"))
            .with_hint("add name = \"client-app\" to the entry"));
    };
    let mut answers = defaults.clone();
    if let Some(p) = preset {
        answers.overlay(&p);
    }
    answers.overlay(&own);
    Ok(Entry {
        name,
        output,
        answers,
    })
}

pub fn run(args: &BatchArgs, printer: Printer) -> Result<bool> {
    let printer = printer.with_json(args.json);
    let source = format!("`{}`", args.file.display());
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| Error::user(format!("cannot read batch file {source}: {e}")))?;
    let (entries, count) = parse(&text, &source, &args.file.display().to_string())?;
    let bar = printer.progress_bar(count as u64, "projects");
    let mut outcomes = Vec::with_capacity(count);
    for (i, entry) in entries.into_iter().enumerate() {
        let outcome = match entry {
            Ok(entry) => {
                bar.set_message(entry.name.clone());
                generate(&entry, args, &printer)
            }
            Err(err) => failed(format!("project #{}", i + 1), None, &err),
        };
        outcomes.push(outcome);
        bar.inc(1);
    }
    bar.finish_and_clear();
    report(&outcomes, &printer);
    Ok(outcomes.iter().all(|o| o.error.is_none()))
}

fn generate(entry: &Entry, args: &BatchArgs, printer: &Printer) -> Outcome {
    let result = (|| {
        let target = target_dir(&entry.name, entry.output.as_deref())?;
        let answers = entry.answers.build()?;
        let plan = plan::plan(&answers)?;
        let files = write::write(&plan, &target, args.force, &RealFs, &|_| {})?;
        if !args.no_git {
            post::git_init(&target, printer);
        }
        Ok::<_, Error>((target, answers, files))
    })();
    match result {
        Ok((target, answers, files)) => Outcome {
            name: entry.name.clone(),
            path: Some(target),
            tier: Some(answers.tier.to_string()),
            backend: Some(answers.backend.to_string()),
            files,
            error: None,
        },
        Err(err) => failed(entry.name.clone(), entry.output.as_deref(), &err),
    }
}

fn failed(name: String, path: Option<&Path>, err: &Error) -> Outcome {
    let mut msg = err.message.clone();
    if let Some(hint) = &err.hint {
        msg.push_str(&format!(" ({hint})"));
    }
    Outcome {
        name,
        path: path.map(Path::to_path_buf),
        tier: None,
        backend: None,
        files: 0,
        error: Some(msg),
    }
}

fn report(outcomes: &[Outcome], printer: &Printer) {
    if printer.json {
        printer.stdout(serde_json::to_string_pretty(outcomes).expect("outcomes serialise"));
        return;
    }
    let ok = outcomes.iter().filter(|o| o.error.is_none()).count();
    let mut table = format!(
        "{:<24} {:<8} {:<8} {:>6}  {}\n",
        "PROJECT", "TIER", "BACKEND", "FILES", "RESULT"
    );
    for o in outcomes {
        let result = match &o.error {
            None => format!(
                "ok  {}",
                o.path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ),
            Some(e) => format!("FAILED: {e}"),
        };
        table.push_str(&format!(
            "{:<24} {:<8} {:<8} {:>6}  {}\n",
            o.name,
            o.tier.as_deref().unwrap_or("-"),
            o.backend.as_deref().unwrap_or("-"),
            o.files,
            result
        ));
    }
    table.push_str(&format!("{ok} generated, {} failed", outcomes.len() - ok));
    if !printer.quiet {
        eprintln!("{table}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_layer_defaults_preset_and_own_answers() {
        let text = r#"
            [defaults]
            tier = "agency"
            auth = "auth0"

            [[project]]
            name = "acme"
            preset = "starter"
            billing = "paddle"
            brand.name = "Acme"
        "#;
        let (entries, n) = parse(text, "b", "b.toml").unwrap();
        assert_eq!(n, 1);
        let e = entries.into_iter().next().unwrap().unwrap();
        let a = e.answers.build().unwrap();
        assert_eq!(a.tier.to_string(), "starter", "the preset beats [defaults]");
        assert_eq!(a.auth.to_string(), "clerk", "the preset sets auth too");
        assert_eq!(a.billing.to_string(), "paddle");
        assert_eq!(a.brand.name, "Acme");
    }

    #[test]
    fn a_bad_entry_does_not_spoil_the_others() {
        let text = "[[project]]\nname = \"ok1\"\n[[project]]\nname = \"ok2\"\ntier = \"gold\"\n[[project]]\nname = \"ok3\"\n";
        let (entries, _) = parse(text, "b", "b.toml").unwrap();
        let oks: Vec<bool> = entries.iter().map(Result::is_ok).collect();
        assert_eq!(oks, [true, false, true]);
    }

    #[test]
    fn unknown_tables_are_rejected() {
        let err = parse("[defaults]\n[projects]\n", "b", "b.toml").unwrap_err();
        assert!(err.message.contains("unknown table `projects`"));
    }
}
