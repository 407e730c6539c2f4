//! Tier 0: static checks over every combination of choice answers, in memory, within
//! `cargo test`. They catch in seconds what used to need the e2e static pass or a full
//! backend run: a manifest layer that no answers reach (a typo in its `when`), a choice
//! value that changes nothing, a Python or TypeScript import of a file the plan does not
//! contain, a TOML, JSON or YAML file that does not parse, Python that does not
//! compile, a GitHub action not pinned to a commit, and a Dockerfile or dependency
//! manifest the generated CI and Dependabot leave alone. Half of the combinations use hostile free text.

#[path = "tier0/ci.rs"]
mod ci;
#[path = "tier0/corpus.rs"]
mod corpus;
#[path = "tier0/python.rs"]
mod python;
#[path = "tier0/typescript.rs"]
mod typescript;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use saasgen::manifest::Manifest;
use saasgen::plan::ANSWERS_FILE;

use corpus::{choices, corpus};

/// Fails with every problem found, one per line.
fn assert_none(what: &str, problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{what} ({}):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Each combination's answers file records its own answers (so the corpus really holds
/// one project per combination of the option lists), and the files that only one value
/// of a key calls for are there exactly when it is chosen.
#[test]
fn every_combination_renders_the_files_its_answers_call_for() {
    let corpus = corpus();
    let mut recorded = BTreeSet::new();
    let mut problems = Vec::new();
    for combo in &corpus.combos {
        let text = corpus.text(combo.files[ANSWERS_FILE]);
        let answers: toml::Table = toml::from_str(text).unwrap();
        for (key, value) in &combo.choices {
            let written = answers
                .get("answers")
                .and_then(|a| a.get(*key))
                .and_then(toml::Value::as_str);
            if written != Some(value.as_str()) {
                problems.push(format!(
                    "{}: {ANSWERS_FILE} records {key} = {written:?}",
                    combo.label()
                ));
            }
        }
        recorded.insert(&combo.choices);
        for (path, key, value) in ONLY_FOR {
            if combo.files.contains_key(path) != (combo.choice(key) == value) {
                problems.push(format!(
                    "{}: {path} with {key} = {}",
                    combo.label(),
                    combo.choice(key)
                ));
            }
        }
    }
    assert_none("files present or missing against the answers", problems);
    let expected: usize = choices().iter().map(|(_, values)| values.len()).product();
    assert_eq!(
        recorded.len(),
        expected,
        "one combination per element of the product of the option lists"
    );
    let nasty = corpus.combos.iter().filter(|c| c.nasty).count();
    assert!(
        nasty * 3 >= expected && nasty * 3 <= expected * 2,
        "{nasty} of {expected} combinations use hostile text; about half should"
    );
}

/// Files that exactly one value of a key calls for.
const ONLY_FOR: [(&str, &str, &str); 4] = [
    ("backend/pyproject.toml", "backend", "fastapi"),
    ("frontend/package.json", "frontend", "nextjs"),
    (".github/workflows/ci.yml", "ci", "github"),
    (".gitlab-ci.yml", "ci", "gitlab"),
];

#[test]
fn every_manifest_layer_produces_files_for_some_combination() {
    let active: BTreeSet<&str> = corpus()
        .combos
        .iter()
        .flat_map(|c| c.layers.iter().map(String::as_str))
        .collect();
    let problems = Manifest::embedded()
        .unwrap()
        .layers
        .iter()
        .filter(|layer| !active.contains(layer.name.as_str()))
        .map(|layer| format!("layer `{}` (when = {:?})", layer.name, layer.when))
        .collect();
    assert_none(
        "manifest layers that no combination of answers activates",
        problems,
    );
}

/// For each choice key and each two of its values, some combination of the other
/// answers (with the same free text) renders a different project for the two.
#[test]
fn every_value_of_every_choice_changes_the_output() {
    let combos = &corpus().combos;
    let outputs: Vec<_> = combos.iter().map(corpus::Combo::output).collect();
    let mut problems = Vec::new();
    for (key, values) in choices() {
        let mut groups: HashMap<_, BTreeMap<&str, usize>> = HashMap::new();
        for (i, combo) in combos.iter().enumerate() {
            let others: Vec<_> = combo.choices.iter().filter(|(k, _)| *k != key).collect();
            groups
                .entry((others, combo.nasty))
                .or_default()
                .insert(combo.choice(key), i);
        }
        for (a, first) in values.iter().enumerate() {
            for second in &values[a + 1..] {
                let differ = groups.values().any(|g| {
                    match (g.get(first.as_str()), g.get(second.as_str())) {
                        (Some(x), Some(y)) => outputs[*x] != outputs[*y],
                        _ => false,
                    }
                });
                if !differ {
                    problems.push(format!(
                        "{key} = {first} and {key} = {second} render the same files whatever the other answers"
                    ));
                }
            }
        }
    }
    assert_none("choice values that change nothing", problems);
}

#[test]
fn python_compiles_and_every_app_and_tests_import_resolves() {
    let (ok, report) = python::check(corpus());
    assert!(ok, "generated Python:\n{report}");
}

#[test]
fn every_typescript_at_import_resolves_to_a_planned_file() {
    let corpus = corpus();
    let imports = typescript::imports(corpus);
    // One line per dangling import, naming the first combination that has it.
    let mut problems = BTreeMap::new();
    for combo in &corpus.combos {
        for problem in typescript::dangling(corpus, &imports, combo) {
            problems.entry(problem).or_insert_with(|| combo.label());
        }
    }
    let problems = problems
        .into_iter()
        .map(|(problem, label)| format!("{problem}  [e.g. {label}]"))
        .collect();
    assert_none("dangling `@/` imports", problems);
}

#[test]
fn every_toml_json_and_yaml_file_parses() {
    let corpus = corpus();
    let structured = |path: &str| {
        [".toml", ".json", ".yml", ".yaml"]
            .iter()
            .any(|ext| path.ends_with(ext))
    };
    let mut problems = Vec::new();
    for (id, path) in corpus.distinct(structured) {
        if let Err(e) = parse(path, corpus.text(id)) {
            problems.push(format!("{path}: {e}"));
        }
    }
    assert_none("files that do not parse", problems);
}

fn parse(path: &str, text: &str) -> Result<(), String> {
    if path.ends_with(".toml") {
        toml::from_str::<toml::Table>(text)
            .map(drop)
            .map_err(|e| e.to_string())
    } else if path.ends_with(".json") {
        serde_json::from_str::<serde_json::Value>(text)
            .map(drop)
            .map_err(|e| e.to_string())
    } else {
        serde_norway::from_str::<serde_norway::Value>(text)
            .map(drop)
            .map_err(|e| e.to_string())
    }
}

/// Every `uses:` of every distinct GitHub workflow is `action@<40-hex SHA> # vX.Y.Z`, and
/// the parsed YAML holds no `uses` the line scan missed.
#[test]
fn every_github_action_is_pinned_to_a_commit_sha_with_its_release() {
    let corpus = corpus();
    let mut problems = Vec::new();
    for (id, path) in corpus.distinct(|p| p.starts_with(".github/workflows/")) {
        let text = corpus.text(id);
        let lines = ci::uses(text);
        problems.extend(
            lines
                .iter()
                .filter_map(ci::pin_problem)
                .map(|p| format!("{path}: {p}")),
        );
        match ci::uses_keys(text) {
            Ok(n) if n == lines.len() => {}
            Ok(n) => problems.push(format!(
                "{path}: {n} `uses` keys but {} `uses:` lines",
                lines.len()
            )),
            Err(e) => problems.push(format!("{path}: {e}")),
        }
    }
    assert_none(
        "GitHub actions not pinned to a commit with its release",
        problems,
    );
}

/// One action, one pin, in every project: an update changes every workflow together.
#[test]
fn each_github_action_has_one_pin_across_all_projects() {
    let corpus = corpus();
    let mut pins: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for id in corpus
        .distinct(|p| p.starts_with(".github/workflows/"))
        .into_keys()
    {
        for u in ci::uses(corpus.text(id)) {
            let pin = format!("{} # {}", u.reference, u.comment.unwrap_or(""));
            pins.entry(u.action.to_owned()).or_default().insert(pin);
        }
    }
    let problems = pins
        .into_iter()
        .filter(|(_, p)| p.len() > 1)
        .map(|(action, p)| format!("{action}: {p:?}"))
        .collect();
    assert_none("actions pinned differently in different projects", problems);
}

/// Each Dockerfile a project ships is built by its CI (GitHub or GitLab) and, on GitHub,
/// watched by Dependabot; every dependency manifest has its Dependabot entry, and every
/// entry a cooldown.
#[test]
fn every_dockerfile_and_manifest_is_built_or_watched_by_the_generated_ci() {
    let corpus = corpus();
    let mut problems = Vec::new();
    for combo in &corpus.combos {
        let ci_path = match combo.choice("ci") {
            "github" => ".github/workflows/ci.yml",
            _ => ".gitlab-ci.yml",
        };
        let built = ci::docker_builds(corpus.text(combo.files[ci_path]));
        for path in combo.files.keys().filter(|p| p.ends_with("/Dockerfile")) {
            if !built.contains(path.as_str()) {
                problems.push(format!(
                    "{}: {ci_path} does not build {path}",
                    combo.label()
                ));
            }
        }
        for path in built.iter().filter(|p| !combo.files.contains_key(**p)) {
            problems.push(format!(
                "{}: {ci_path} builds {path}, which the project does not have",
                combo.label()
            ));
        }
        if let Some(id) = combo.files.get(".github/dependabot.yml") {
            problems.extend(
                dependabot_gaps(combo, corpus.text(*id))
                    .into_iter()
                    .map(|p| format!("{}: {p}", combo.label())),
            );
        }
    }
    assert_none("Dockerfiles or manifests the CI leaves alone", problems);
}

/// What a dependabot.yml misses for one project.
fn dependabot_gaps(combo: &corpus::Combo, text: &str) -> Vec<String> {
    let updates = match ci::dependabot(text) {
        Ok(u) => u,
        Err(e) => return vec![format!(".github/dependabot.yml: {e}")],
    };
    let watched = |ecosystem: &str, dir: &str| {
        updates
            .iter()
            .any(|u| u.ecosystem == ecosystem && u.directories.contains(dir))
    };
    let mut out = Vec::new();
    for (file, ecosystem) in DEPENDABOT {
        for path in combo.files.keys().filter(|p| p.ends_with(file)) {
            let dir = format!(
                "/{}",
                path.strip_suffix(file).unwrap().trim_end_matches('/')
            );
            if !watched(ecosystem, &dir) {
                out.push(format!("no `{ecosystem}` update for {dir} ({path})"));
            }
        }
    }
    if !watched("github-actions", "/") {
        out.push("no `github-actions` update for /".into());
    }
    for u in updates.iter().filter(|u| u.cooldown_days.unwrap_or(0) < 1) {
        out.push(format!("`{}` update without a cooldown", u.ecosystem));
    }
    out
}

/// The file that tells Dependabot a folder holds an ecosystem's dependencies.
const DEPENDABOT: [(&str, &str); 4] = [
    ("pyproject.toml", "uv"),
    ("package.json", "npm"),
    ("Cargo.toml", "cargo"),
    ("Dockerfile", "docker"),
];

/// Each backend's CI job installs exactly its lockfile, lints and tests against the
/// PostgreSQL service (TEST_DATABASE_URL), and checks frontend/openapi.json against the
/// backend's OpenAPI when a frontend uses it.
#[test]
fn every_backend_ci_job_installs_locked_lints_and_tests_against_postgresql() {
    let corpus = corpus();
    let mut problems = Vec::new();
    for combo in &corpus.combos {
        let ci_path = match combo.choice("ci") {
            "github" => ".github/workflows/ci.yml",
            _ => ".gitlab-ci.yml",
        };
        let Some(job) = ci::backend_job(corpus.text(combo.files[ci_path])) else {
            problems.push(format!("{}: {ci_path} has no backend job", combo.label()));
            continue;
        };
        let mut wanted: Vec<&str> = match combo.choice("backend") {
            "fastapi" => vec!["uv sync --locked", "make typecheck"],
            _ => vec!["make setup", "rustup component add clippy rustfmt"],
        };
        wanted.extend(["make lint", "make test", "TEST_DATABASE_URL"]);
        let github = ci_path.starts_with(".github");
        // The PostgreSQL service: GitHub's `services:` map, GitLab's list.
        wanted.push(if github {
            "image: postgres:"
        } else {
            "name: postgres:"
        });
        if combo.choice("frontend") == "nextjs" {
            wanted.push("make -s openapi");
        }
        if combo.choice("backend") == "axum" && github {
            wanted.retain(|w| !w.starts_with("rustup component"));
            wanted.extend(["uses: Swatinem/rust-cache@", "--component clippy,rustfmt"]);
        }
        problems.extend(
            wanted
                .iter()
                .filter(|w| !job.contains(*w))
                .map(|w| format!("{}: {ci_path}'s backend job lacks `{w}`", combo.label())),
        );
    }
    assert_none("backend CI jobs missing a step", problems);
}
