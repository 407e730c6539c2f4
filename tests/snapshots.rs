//! Reviewable snapshots of what the answers change: per preset, the generated tree
//! (paths and the executable bit) and the full text of the project-level files saasgen
//! owns; per option value, the files that value is about (`.env.example`, dependencies,
//! CI, Makefile), one named snapshot per value. Presets and values come from
//! `presets::builtins()` and the answer enums, so a new provider gets its snapshots without
//! a change here: its first run fails until they are reviewed and accepted.

use std::fmt::Display;
use std::panic::{self, AssertUnwindSafe};

use clap::ValueEnum;
use saasgen::answers::{Auth, Backend, Billing, Ci, Frontend};
use saasgen::keys::Partial;
use saasgen::plan::{self, Plan};
use saasgen::presets;

fn preset_plan(preset: &str) -> Plan {
    let mut p = presets::load(preset).unwrap();
    let mut name = Partial::default();
    name.set("name", "snapshot-app", "test").unwrap();
    p.overlay(&name);
    plan::plan(&p.build().unwrap()).unwrap()
}

/// A full-featured project (Pro, FastAPI, Next.js, Clerk, Stripe, GitHub) with `changes`.
fn plan_with(changes: &[(&str, &str)]) -> Plan {
    let mut p = Partial::default();
    let base = [
        ("name", "snapshot-app"),
        ("tier", "pro"),
        ("backend", "fastapi"),
        ("frontend", "nextjs"),
        ("auth", "clerk"),
        ("billing", "stripe"),
        ("ci", "github"),
    ];
    for (key, value) in base.iter().chain(changes) {
        p.set(key, *value, "test").unwrap();
    }
    plan::plan(&p.build().unwrap()).unwrap()
}

/// A file's text; versions are filtered so that a release does not rewrite every snapshot.
fn text(plan: &Plan, path: &str) -> String {
    let file = plan
        .get(path)
        .unwrap_or_else(|| panic!("{path} is not planned"));
    String::from_utf8_lossy(&file.contents).replace(saasgen::VERSION, "[VERSION]")
}

fn listing(plan: &Plan) -> String {
    plan.files
        .iter()
        .map(|f| format!("{} {}", if f.executable { "x" } else { "-" }, f.path))
        .collect::<Vec<_>>()
        .join("\n")
}

const OWNED: &[&str] = &[
    ".saasgen.toml",
    "Makefile",
    "README.md",
    ".gitignore",
    ".github/workflows/ci.yml",
    ".gitlab-ci.yml",
];

fn owned_files(plan: &Plan) -> String {
    let mut out = String::new();
    for f in plan
        .files
        .iter()
        .filter(|f| OWNED.contains(&f.path.as_str()))
    {
        out.push_str(&format!(
            "===== {} =====\n{}\n",
            f.path,
            text(plan, &f.path)
        ));
    }
    out
}

/// Runs `snapshot` for each name, then fails naming every one whose snapshot is new or
/// differs (insta prints each diff), so one run shows them all.
fn each(names: Vec<String>, snapshot: impl Fn(&str)) {
    let failed: Vec<String> = names
        .into_iter()
        .filter(|name| panic::catch_unwind(AssertUnwindSafe(|| snapshot(name))).is_err())
        .collect();
    assert!(
        failed.is_empty(),
        "snapshots new or changed for {failed:?}: review them (cargo insta review, or INSTA_UPDATE=always and git diff)"
    );
}

fn values<T: ValueEnum + Display>() -> Vec<String> {
    T::value_variants()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn preset_names() -> Vec<String> {
    presets::builtins()
        .iter()
        .map(|p| p.name.to_owned())
        .collect()
}

#[test]
fn tree_per_preset() {
    each(preset_names(), |preset| {
        insta::assert_snapshot!(format!("tree_{preset}"), listing(&preset_plan(preset)));
    });
}

#[test]
fn owned_files_per_preset() {
    each(preset_names(), |preset| {
        insta::assert_snapshot!(format!("files_{preset}"), owned_files(&preset_plan(preset)));
    });
}

/// Billing `none`, so that only the auth provider's variables differ.
#[test]
fn env_example_per_auth() {
    each(values::<Auth>(), |auth| {
        let plan = plan_with(&[("auth", auth), ("billing", "none")]);
        insta::assert_snapshot!(
            format!("env_example_auth_{auth}"),
            text(&plan, ".env.example")
        );
    });
}

#[test]
fn env_example_per_billing() {
    each(values::<Billing>(), |billing| {
        let plan = plan_with(&[("billing", billing)]);
        insta::assert_snapshot!(
            format!("env_example_billing_{billing}"),
            text(&plan, ".env.example")
        );
    });
}

/// `[project] dependencies` of the backend's pyproject.toml, one per line.
#[test]
fn backend_dependencies_per_billing() {
    each(values::<Billing>(), |billing| {
        let plan = plan_with(&[("billing", billing)]);
        let pyproject: toml::Table =
            toml::from_str(&text(&plan, "backend/pyproject.toml")).unwrap();
        let deps: Vec<&str> = pyproject["project"]["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect();
        insta::assert_snapshot!(
            format!("backend_dependencies_billing_{billing}"),
            deps.join("\n")
        );
    });
}

/// `dependencies` and `devDependencies` of the frontend's package.json, one per line.
#[test]
fn frontend_dependencies_per_auth() {
    each(values::<Auth>(), |auth| {
        let plan = plan_with(&[("auth", auth)]);
        let package: serde_json::Value =
            serde_json::from_str(&text(&plan, "frontend/package.json")).unwrap();
        let mut lines = Vec::new();
        for group in ["dependencies", "devDependencies"] {
            for (name, version) in package[group].as_object().unwrap() {
                lines.push(format!("{group}: {name} {}", version.as_str().unwrap()));
            }
        }
        insta::assert_snapshot!(
            format!("frontend_dependencies_auth_{auth}"),
            lines.join("\n")
        );
    });
}

/// The files of the `ci-<ci>` layer, for each backend.
#[test]
fn ci_per_ci_and_backend() {
    let pairs = values::<Ci>()
        .iter()
        .flat_map(|ci| {
            values::<Backend>()
                .into_iter()
                .map(move |b| format!("{ci}_{b}"))
        })
        .collect();
    each(pairs, |pair| {
        let (ci, backend) = pair.split_once('_').unwrap();
        let plan = plan_with(&[("ci", ci), ("backend", backend)]);
        let layer = format!("ci-{ci}");
        let files: Vec<&str> = plan
            .files
            .iter()
            .filter(|f| f.layer == layer)
            .map(|f| f.path.as_str())
            .collect();
        assert!(!files.is_empty(), "layer {layer} planned no files");
        let texts: Vec<String> = files
            .iter()
            .map(|path| format!("===== {path} =====\n{}", text(&plan, path)))
            .collect();
        insta::assert_snapshot!(format!("ci_{pair}"), texts.join("\n"));
    });
}

#[test]
fn makefile_per_frontend() {
    each(values::<Frontend>(), |frontend| {
        let plan = plan_with(&[("frontend", frontend)]);
        insta::assert_snapshot!(
            format!("makefile_frontend_{frontend}"),
            text(&plan, "Makefile")
        );
    });
}
