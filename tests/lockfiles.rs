//! Generated projects install with `uv sync --locked` and `npm ci`, which refuse a lock that
//! does not match its manifest. The locks are template data made by `scripts/sync-lockfiles`
//! (a real resolution needs the network), so these checks, offline and cheap, tie them to
//! the manifests for every combination: the lock's root entry declares exactly the
//! manifest's dependencies. Editing a dependency in pyproject.toml.j2 or package.json.j2
//! without re-running the script fails here, naming the script.

#[allow(dead_code)] // the tier0 tests use the rest of it
#[path = "tier0/corpus.rs"]
mod corpus;

use std::collections::{BTreeMap, BTreeSet};

use corpus::{Combo, Corpus, corpus};
use serde_json::Value;

const FIX: &str = "run scripts/sync-lockfiles and commit the templates it rewrites";

fn file<'a>(corpus: &'a Corpus, combo: &Combo, path: &str) -> Option<&'a str> {
    combo.files.get(path).map(|&id| corpus.text(id))
}

/// A requirement as uv records it: normalised name, sorted extras, specifier.
type Requirement = (String, Vec<String>, String);

/// PEP 503 normalisation, as uv writes names.
fn normalise(name: &str) -> String {
    name.to_ascii_lowercase().replace(['_', '.'], "-")
}

/// `name[extra,...]specifier` (the manifests use no markers or URLs).
fn requirement(text: &str) -> Requirement {
    let split = text
        .find(['[', '<', '>', '=', '!', '~'])
        .unwrap_or(text.len());
    let (name, rest) = text.split_at(split);
    let (extras, specifier) = match rest.strip_prefix('[') {
        Some(rest) => {
            let (extras, specifier) = rest.split_once(']').expect("a closing `]`");
            (
                extras.split(',').map(|e| e.trim().to_owned()).collect(),
                specifier,
            )
        }
        None => (vec![], rest),
    };
    (
        normalise(name.trim()),
        sorted(extras),
        specifier.replace(' ', ""),
    )
}

fn sorted(mut items: Vec<String>) -> Vec<String> {
    items.sort();
    items
}

fn requirements(list: Option<&toml::Value>) -> BTreeSet<Requirement> {
    let list = list
        .and_then(toml::Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|r| requirement(r.as_str().expect("a requirement string")))
        .collect()
}

/// uv.lock's `{ name, extras, specifier }` tables.
fn locked(list: Option<&toml::Value>) -> BTreeSet<Requirement> {
    let list = list
        .and_then(toml::Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|r| {
            let field = |key: &str| r.get(key).and_then(toml::Value::as_str).unwrap_or_default();
            let extras = r.get("extras").and_then(toml::Value::as_array);
            let extras = extras.into_iter().flatten().filter_map(toml::Value::as_str);
            (
                field("name").to_owned(),
                sorted(extras.map(str::to_owned).collect()),
                field("specifier").replace(' ', ""),
            )
        })
        .collect()
}

/// What uv.lock says of the project against what pyproject.toml declares.
fn uv_problems(pyproject: &str, lock: &str) -> Vec<String> {
    let manifest: toml::Value = toml::from_str(pyproject).expect("pyproject.toml parses");
    let lock: toml::Value = match toml::from_str(lock) {
        Ok(lock) => lock,
        Err(e) => return vec![format!("backend/uv.lock does not parse: {e}")],
    };
    let project = &manifest["project"];
    let name = normalise(project["name"].as_str().unwrap());
    let packages = lock["package"].as_array().expect("[[package]] tables");
    let Some(root) = packages.iter().find(|p| p["name"].as_str() == Some(&name)) else {
        return vec![format!("backend/uv.lock has no package `{name}`")];
    };
    let metadata = root.get("metadata");
    let dev = manifest.get("dependency-groups").and_then(|g| g.get("dev"));
    let locked_dev = metadata
        .and_then(|m| m.get("requires-dev"))
        .and_then(|d| d.get("dev"));
    [
        (
            "requires-python",
            lock.get("requires-python") == project.get("requires-python"),
        ),
        (
            "dependencies",
            locked(metadata.and_then(|m| m.get("requires-dist")))
                == requirements(project.get("dependencies")),
        ),
        (
            "dependency group `dev`",
            locked(locked_dev) == requirements(dev),
        ),
    ]
    .into_iter()
    .filter(|(_, same)| !same)
    .map(|(what, _)| format!("backend/uv.lock: {what} differ from pyproject.toml's"))
    .collect()
}

/// What package-lock.json says of the project against what package.json declares.
fn npm_problems(package_json: &str, lock: &str) -> Vec<String> {
    let manifest: Value = serde_json::from_str(package_json).expect("package.json parses");
    let lock: Value = match serde_json::from_str(lock) {
        Ok(lock) => lock,
        Err(e) => return vec![format!("frontend/package-lock.json does not parse: {e}")],
    };
    let root = &lock["packages"][""];
    let mut problems: Vec<String> = ["name", "version"]
        .into_iter()
        .filter(|key| lock[key] != manifest[key])
        .map(|key| format!("frontend/package-lock.json: `{key}` differs from package.json's"))
        .collect();
    problems.extend(
        [
            "name",
            "version",
            "dependencies",
            "devDependencies",
            "engines",
        ]
        .into_iter()
        .filter(|key| root[key] != manifest[key])
        .map(|key| {
            format!(
                "frontend/package-lock.json: the root entry's `{key}` differs from package.json's"
            )
        }),
    );
    problems
}

/// The crates a Cargo.toml depends on (any dependency table), by package name.
fn cargo_dependencies(manifest: &toml::Value) -> BTreeSet<String> {
    ["dependencies", "dev-dependencies", "build-dependencies"]
        .into_iter()
        .filter_map(|table| manifest.get(table).and_then(toml::Value::as_table))
        .flat_map(|table| table.iter())
        .map(|(name, spec)| {
            let renamed = spec.get("package").and_then(toml::Value::as_str);
            renamed.unwrap_or(name).to_owned()
        })
        .collect()
}

/// What Cargo.lock says of the package against what Cargo.toml declares: its version and
/// the names of its dependencies (`name` or `name version` in the lock).
fn cargo_problems(cargo_toml: &str, lock: &str) -> Vec<String> {
    let manifest: toml::Value = toml::from_str(cargo_toml).expect("Cargo.toml parses");
    let lock: toml::Value = match toml::from_str(lock) {
        Ok(lock) => lock,
        Err(e) => return vec![format!("backend/Cargo.lock does not parse: {e}")],
    };
    let package = &manifest["package"];
    let packages = lock["package"].as_array().expect("[[package]] tables");
    let is_root = |p: &&toml::Value| p["name"] == package["name"] && p.get("source").is_none();
    let Some(root) = packages.iter().find(is_root) else {
        return vec![format!(
            "backend/Cargo.lock has no package {}",
            package["name"]
        )];
    };
    let locked: BTreeSet<String> = root
        .get("dependencies")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_str)
        .map(|entry| entry.split(' ').next().unwrap_or_default().to_owned())
        .collect();
    [
        ("version", root["version"] == package["version"]),
        ("dependencies", locked == cargo_dependencies(&manifest)),
    ]
    .into_iter()
    .filter(|(_, same)| !same)
    .map(|(what, _)| format!("backend/Cargo.lock: the package's {what} differ from Cargo.toml's"))
    .collect()
}

/// A manifest, its lockfile and the check of one against the other.
type Pair = (&'static str, &'static str, fn(&str, &str) -> Vec<String>);

const PAIRS: [Pair; 3] = [
    ("backend/Cargo.toml", "backend/Cargo.lock", cargo_problems),
    ("backend/pyproject.toml", "backend/uv.lock", uv_problems),
    (
        "frontend/package.json",
        "frontend/package-lock.json",
        npm_problems,
    ),
];

/// Every lock problem of one combination: a manifest without its lock, or a lock whose
/// root entry does not declare the manifest's dependencies.
fn problems(corpus: &Corpus, combo: &Combo) -> Vec<String> {
    PAIRS
        .into_iter()
        .filter_map(|(manifest, lock, check)| {
            let manifest = file(corpus, combo, manifest)?;
            Some(match file(corpus, combo, lock) {
                Some(lock) => check(manifest, lock),
                None => vec![format!("{lock} is missing")],
            })
        })
        .flatten()
        .collect()
}

#[test]
fn every_lockfile_declares_exactly_its_manifests_dependencies() {
    let corpus = corpus();
    // problem -> (combinations with it, one of them)
    let mut failures: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for combo in &corpus.combos {
        for problem in problems(corpus, combo) {
            let seen = failures.entry(problem).or_insert((0, combo.label()));
            seen.0 += 1;
        }
    }
    let checked = corpus
        .combos
        .iter()
        .filter(|c| c.files.contains_key("backend/uv.lock"));
    assert!(checked.count() > 0, "no combination has backend/uv.lock");
    let cargo = corpus
        .combos
        .iter()
        .filter(|c| c.files.contains_key("backend/Cargo.lock"));
    assert!(cargo.count() > 0, "no combination has backend/Cargo.lock");
    let report: Vec<String> = failures
        .iter()
        .map(|(problem, (n, example))| format!("{problem} ({n} combinations, e.g. {example})"))
        .collect();
    assert!(report.is_empty(), "{}\n{FIX}", report.join("\n"));
}

#[test]
fn a_changed_dependency_is_reported() {
    let pyproject = "[project]\nname = \"a_b-backend\"\nrequires-python = \">=3.11\"\n\
                     dependencies = [\"fastapi[all]>=0.115,<1\"]\n";
    let lock = "requires-python = \">=3.11\"\n[[package]]\nname = \"a-b-backend\"\n\
                [package.metadata]\nrequires-dist = [{ name = \"fastapi\", extras = [\"all\"], \
                specifier = \">=0.115,<1\" }]\n";
    assert_eq!(uv_problems(pyproject, lock), Vec::<String>::new());
    let bumped = pyproject.replace("0.115", "0.116");
    assert_eq!(
        uv_problems(&bumped, lock),
        ["backend/uv.lock: dependencies differ from pyproject.toml's"]
    );
    let manifest = r#"{"name": "a", "version": "1", "dependencies": {"next": "~15.5.9"}}"#;
    let lock = r#"{"name": "a", "version": "1", "packages": {"": {"name": "a", "version": "1",
                  "dependencies": {"next": "~15.5.9"}}}}"#;
    assert_eq!(npm_problems(manifest, lock), Vec::<String>::new());
    assert_eq!(
        npm_problems(&manifest.replace("15.5.9", "15.5.10"), lock),
        ["frontend/package-lock.json: the root entry's `dependencies` differs from package.json's"]
    );
}

#[test]
fn a_changed_cargo_dependency_is_reported() {
    let cargo_toml = "[package]\nname = \"backend\"\nversion = \"0.1.0\"\n\
                      [dependencies]\naxum = \"0.8\"\n[dev-dependencies]\nrand = \"0.9\"\n";
    let lock = "version = 4\n[[package]]\nname = \"backend\"\nversion = \"0.1.0\"\n\
                dependencies = [\"axum\", \"rand 0.9.2\"]\n";
    assert_eq!(cargo_problems(cargo_toml, lock), Vec::<String>::new());
    let added = format!("{cargo_toml}serde = \"1\"\n");
    assert_eq!(
        cargo_problems(&added, lock),
        ["backend/Cargo.lock: the package's dependencies differ from Cargo.toml's"]
    );
}
