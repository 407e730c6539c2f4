//! `saasgen batch FILE`: many projects from one TOML file, for agencies.
//!
//! Built-in defaults < the file's `[defaults]` < an entry's presets (`preset = "pro"` or
//! `preset = ["agency", "acme.toml"]`, later wins) < the entry's own answers. A failing
//! entry is reported and the others still run; the exit status is non-zero when any
//! failed. [`read`] and [`parse`] are public so other commands read batch files the same
//! way. A relative preset path starts from the batch file's folder, not the current one:
//! the file and the client presets beside it move together (as copier and cargo paths do).

use std::path::{Path, PathBuf};

use crate::cli::BatchArgs;
use crate::error::{Error, Result, find_key, show_location};
use crate::keys::Partial;
use crate::new::target_dir;
use crate::output::Printer;
use crate::report::{Done, Report};
use crate::resolve::{self, Layer};
use crate::write::{self, RealFs};
use crate::{plan, post, presets};

/// One `[[project]]` entry, answers still raw.
#[derive(Debug)]
pub struct Entry {
    pub name: String,
    pub output: Option<PathBuf>,
    /// The entry's presets, lowest precedence first (recorded in `.saasgen.toml`).
    pub presets: Vec<String>,
    /// For `-v`: the sources in order and which one set each answer.
    pub precedence: Vec<String>,
    pub answers: Partial,
}

/// Parses a batch file. Errors in the file as a whole (bad TOML, unknown tables) stop
/// everything; errors in one entry are reported for that entry only.
/// `file` is the batch file's path: shown in error locations, and the folder that
/// relative preset paths start from.
/// Each entry comes with the name to report it by (its `name`, or `project #N`).
pub fn parse(text: &str, source: &str, file: &str) -> Result<Vec<(String, Result<Entry>)>> {
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
        Some(toml::Value::Table(t)) => Partial::from_table(t, &format!("{source} [defaults]"))
            .map_err(|mut err| {
                // [defaults] comes before the first [[project]]: look for the key there.
                let end = entry_starts(text).first().copied().unwrap_or(text.len());
                let key = presets::failing_key(t);
                if let Some(at) = key.and_then(|k| find_key(&text[..end], &k)) {
                    err.message = format!("{}\n{}", err.message, show_location(file, text, at));
                }
                err
            })?,
        Some(_) => return Err(Error::user(format!("{source}: `defaults` must be a table"))),
        None => Partial::default(),
    };
    let Some(toml::Value::Array(projects)) = table.get("project") else {
        return Err(Error::user(format!("{source} has no [[project]] entries"))
            .with_hint("add one [[project]] table per project, each with at least `name`"));
    };
    let starts = entry_starts(text);
    let entries = projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // Named by its project name everywhere; a number only when it has none.
            let (shown, in_file) = match p.get("name").and_then(toml::Value::as_str) {
                Some(name) => (name.to_owned(), format!("{source} project `{name}`")),
                None => (
                    format!("project #{}", i + 1),
                    format!("{source} project #{}", i + 1),
                ),
            };
            let folder = Path::new(file).parent().unwrap_or(Path::new(""));
            let entry = entry(p, &defaults, &in_file, folder).map_err(|err| {
                let (start, end) = match starts.len() == projects.len() {
                    true => (starts[i], starts.get(i + 1).copied().unwrap_or(text.len())),
                    false => (0, 0),
                };
                locate(err, p, file, text, start..end)
            });
            (shown, entry)
        })
        .collect();
    Ok(entries)
}

/// Where each `[[project]]` table starts in the file.
fn entry_starts(text: &str) -> Vec<usize> {
    let mut offset = 0;
    let mut starts = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("[[project]]") {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
}

/// Adds `at FILE:LINE:COL` to an entry's error when the failing key is found within the
/// entry's part of the file (one line: it goes into the summary table).
fn locate(
    mut err: Error,
    entry: &toml::Value,
    file: &str,
    text: &str,
    part: std::ops::Range<usize>,
) -> Error {
    let key = entry.as_table().and_then(presets::failing_key);
    let Some(at) = key.and_then(|k| find_key(&text[part.clone()], &k)) else {
        return err;
    };
    let location = show_location(file, text, part.start + at);
    let place = location
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("  --> ");
    err.message = format!("{} (at {place})", err.message);
    err
}

fn entry(value: &toml::Value, defaults: &Partial, source: &str, folder: &Path) -> Result<Entry> {
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
    let presets: Vec<String> = preset_specs(table.remove("preset"), source)?
        .into_iter()
        .map(|spec| beside(folder, spec))
        .collect();
    let mut layers = vec![Layer {
        source: "[defaults]".into(),
        answers: defaults.clone(),
    }];
    for spec in &presets {
        layers.push(Layer {
            source: format!("preset `{spec}`"),
            answers: presets::load(spec)?,
        });
    }
    let own = Partial::from_table(&table, source)?;
    let Some(name) = own.get(crate::keys::Key::Name).map(str::to_owned) else {
        return Err(Error::user(format!("{source} has no `name`"))
            .with_hint("add name = \"client-app\" to the entry"));
    };
    layers.push(Layer {
        source: "the entry".into(),
        answers: own,
    });
    Ok(Entry {
        name,
        output,
        presets,
        precedence: resolve::precedence(&layers),
        answers: resolve::merge(&layers),
    })
}

/// `preset = "a"` or `preset = ["a", "b"]`.
fn preset_specs(value: Option<toml::Value>, source: &str) -> Result<Vec<String>> {
    let bad = || {
        Error::user(format!(
            "{source}: `preset` must be a preset name or path, or a list of them"
        ))
        .with_hint("preset = \"agency\" or preset = [\"agency\", \"clients/acme.toml\"]")
    };
    match value {
        None => Ok(Vec::new()),
        Some(toml::Value::String(s)) => Ok(vec![s]),
        Some(toml::Value::Array(items)) => items
            .into_iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(bad))
            .collect(),
        Some(_) => Err(bad()),
    }
}

/// A preset path relative to the batch file's `folder`; built-in names and absolute paths
/// stay as written. A path is what `presets::load` takes for one: it holds a `/`, ends in
/// `.toml` or names a file (here: in `folder`).
fn beside(folder: &Path, spec: String) -> String {
    let path = Path::new(&spec);
    if path.is_absolute() || folder.as_os_str().is_empty() {
        return spec;
    }
    let candidate = folder.join(path);
    match spec.contains('/') || spec.ends_with(".toml") || candidate.is_file() {
        true => candidate.display().to_string(),
        false => spec,
    }
}

/// Reads and parses a batch file (see [`parse`]).
pub fn read(path: &Path) -> Result<Vec<(String, Result<Entry>)>> {
    let source = format!("`{}`", path.display());
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::user(format!("cannot read batch file {source}: {e}")))?;
    parse(&text, &source, &path.display().to_string())
}

pub fn run(args: &BatchArgs, printer: Printer) -> Result<bool> {
    let printer = printer.with_json(args.json);
    let entries = read(&args.file)?;
    let count = entries.len();
    crate::output::reached(crate::output::Phase::Writing);
    let bar = printer.progress_bar(count as u64, "projects");
    let mut reports = Vec::with_capacity(count);
    for (shown, entry) in entries {
        let report = match entry {
            Ok(entry) => {
                bar.set_message(entry.name.clone());
                for line in &entry.precedence {
                    bar.suspend(|| printer.detail(format!("{}: {line}", entry.name)));
                }
                generate(&entry, args, &printer)
            }
            Err(err) => Report::failed(shown, None, &err),
        };
        reports.push(report);
        bar.inc(1);
    }
    bar.finish_and_clear();
    print_reports(&reports, &printer);
    Ok(reports.iter().all(|r| r.error.is_none()))
}

/// One entry, like `saasgen new NAME --no-input` with the entry's answers.
fn generate(entry: &Entry, args: &BatchArgs, printer: &Printer) -> Report {
    let result = (|| {
        let target = target_dir(&entry.name, entry.output.as_deref())?;
        let answers = entry.answers.build()?;
        let plan = plan::plan_from(&answers, &presets::recorded(&entry.presets))?;
        let had_entries = crate::new::has_entries(&target);
        write::write(&plan, &target, args.force, &RealFs, &|_| {})?;
        if !args.no_git {
            let paths: Vec<String> = plan.files.iter().map(|f| f.path.clone()).collect();
            post::git_init(&target, had_entries.then_some(&paths[..]), printer);
            let _ = crate::pristine_ref::store(&target, &plan.files); // for `saasgen update`
        }
        Ok::<_, Error>((target, answers, plan))
    })();
    match result {
        Ok((target, answers, plan)) => {
            let shown = entry
                .output
                .as_ref()
                .map_or_else(|| entry.name.clone(), |p| p.display().to_string());
            Report::done(&Done {
                answers: &answers,
                plan: &plan,
                target: &target,
                overwritten: &[],
                dry_run: false,
                next_steps: &post::next_steps(&answers, &shown, false),
            })
        }
        Err(err) => Report::failed(entry.name.clone(), entry.output.as_deref(), &err),
    }
}

fn print_reports(reports: &[Report], printer: &Printer) {
    if printer.json {
        printer.stdout(serde_json::to_string_pretty(reports).expect("reports serialise"));
        return;
    }
    let ok = reports.iter().filter(|r| r.error.is_none()).count();
    let mut table = format!(
        "{:<24} {:<8} {:<8} {:>6}  {}\n",
        "PROJECT", "TIER", "BACKEND", "FILES", "RESULT"
    );
    for r in reports {
        let result = match &r.error {
            None => format!(
                "ok  {}",
                r.project
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ),
            Some(e) => format!("FAILED: {e}"),
        };
        let choice = |f: fn(&crate::answers::Answers) -> String| {
            r.answers.as_ref().map_or_else(|| "-".to_owned(), f)
        };
        table.push_str(&format!(
            "{:<24} {:<8} {:<8} {:>6}  {}\n",
            r.name,
            choice(|a| a.tier.to_string()),
            choice(|a| a.backend.to_string()),
            r.files.len(),
            result
        ));
    }
    table.push_str(&format!("{ok} generated, {} failed", reports.len() - ok));
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
        let entries = parse(text, "b", "b.toml").unwrap();
        assert_eq!(entries.len(), 1);
        let (shown, e) = entries.into_iter().next().unwrap();
        assert_eq!(shown, "acme");
        let e = e.unwrap();
        let a = e.answers.build().unwrap();
        assert_eq!(a.tier.to_string(), "starter", "the preset beats [defaults]");
        assert_eq!(a.auth.to_string(), "clerk", "the preset sets auth too");
        assert_eq!(a.billing.to_string(), "paddle");
        assert_eq!(a.brand.name, "Acme");
    }

    #[test]
    fn a_bad_entry_does_not_spoil_the_others() {
        let text = "[[project]]\nname = \"ok1\"\n[[project]]\nname = \"ok2\"\ntier = \"gold\"\n[[project]]\nname = \"ok3\"\n";
        let entries = parse(text, "b", "b.toml").unwrap();
        let oks: Vec<(&str, bool)> = entries
            .iter()
            .map(|(n, e)| (n.as_str(), e.is_ok()))
            .collect();
        assert_eq!(oks, [("ok1", true), ("ok2", false), ("ok3", true)]);
    }

    #[test]
    fn an_entry_layers_a_list_of_presets_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let client = dir.path().join("acme.toml");
        std::fs::write(&client, "[answers]\nbilling = \"paddle\"\n").unwrap();
        let text = format!(
            "[defaults]\nci = \"gitlab\"\n[[project]]\nname = \"acme\"\npreset = [\"agency\", {:?}]\nauth = \"clerk\"\n",
            client.display().to_string()
        );
        let (_, e) = parse(&text, "b", "b.toml").unwrap().remove(0);
        let e = e.unwrap();
        let a = e.answers.build().unwrap();
        assert_eq!(a.tier.to_string(), "agency", "the first preset");
        assert_eq!(a.billing.to_string(), "paddle", "the second preset wins");
        assert_eq!(a.auth.to_string(), "clerk", "the entry wins");
        assert_eq!(
            a.ci.to_string(),
            "github",
            "the agency preset beats [defaults]"
        );
        assert_eq!(
            e.presets,
            ["agency".to_owned(), client.display().to_string()]
        );
        assert!(
            e.precedence[0]
                .starts_with("answers: defaults < [defaults] < preset `agency` < preset `"),
            "{:?}",
            e.precedence
        );
        assert!(
            e.precedence
                .contains(&"auth = clerk  (the entry)".to_owned())
        );
    }

    #[test]
    fn a_preset_that_is_not_a_name_or_list_fails_its_entry_by_name() {
        let text = "[[project]]\nname = \"acme\"\npreset = 3\n[[project]]\nname = \"ok\"\n";
        let entries = parse(text, "b", "b.toml").unwrap();
        let err = entries[0].1.as_ref().unwrap_err();
        assert!(
            err.message
                .starts_with("b project `acme`: `preset` must be"),
            "{}",
            err.message
        );
        assert!(entries[1].1.is_ok());
    }

    #[test]
    fn unknown_tables_are_rejected() {
        let err = parse("[defaults]\n[projects]\n", "b", "b.toml").unwrap_err();
        assert!(err.message.contains("unknown table `projects`"));
    }
}
