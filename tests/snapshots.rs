//! Reviewable snapshots of what the answers change: per preset, the generated tree
//! (paths and the executable bit) and the full text of the project-level files saasgen
//! owns; per option value, the files that value is about (`.env.example`, dependencies,
//! CI, Makefile), one snapshot per test case. A template change shows up here as a diff a
//! reviewer can read, and a new option value fails `every_option_value_has_its_snapshots`
//! until it has its own cases.

use std::fmt::Display;
use std::path::Path;

use clap::ValueEnum;
use rstest::rstest;
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

#[rstest]
#[case::starter("starter")]
#[case::pro("pro")]
#[case::agency("agency")]
#[case::rust_pro("rust-pro")]
#[case::api_only("api-only")]
fn preset_tree(#[case] preset: &str) {
    insta::assert_snapshot!(format!("tree_{preset}"), listing(&preset_plan(preset)));
}

#[rstest]
#[case::starter("starter")]
#[case::pro("pro")]
#[case::agency("agency")]
#[case::rust_pro("rust-pro")]
#[case::api_only("api-only")]
fn preset_owned_files(#[case] preset: &str) {
    insta::assert_snapshot!(format!("files_{preset}"), owned_files(&preset_plan(preset)));
}

/// Billing `none`, so that only the auth provider's variables differ.
#[rstest]
#[case::clerk("clerk")]
#[case::auth0("auth0")]
#[case::supabase("supabase")]
fn env_example_per_auth(#[case] auth: &str) {
    let plan = plan_with(&[("auth", auth), ("billing", "none")]);
    insta::assert_snapshot!(
        format!("env_example_auth_{auth}"),
        text(&plan, ".env.example")
    );
}

#[rstest]
#[case::stripe("stripe")]
#[case::lemonsqueezy("lemonsqueezy")]
#[case::paddle("paddle")]
#[case::none("none")]
fn env_example_per_billing(#[case] billing: &str) {
    let plan = plan_with(&[("billing", billing)]);
    insta::assert_snapshot!(
        format!("env_example_billing_{billing}"),
        text(&plan, ".env.example")
    );
}

/// `[project] dependencies` of the backend's pyproject.toml, one per line.
#[rstest]
#[case::stripe("stripe")]
#[case::lemonsqueezy("lemonsqueezy")]
#[case::paddle("paddle")]
#[case::none("none")]
fn backend_dependencies_per_billing(#[case] billing: &str) {
    let plan = plan_with(&[("billing", billing)]);
    let pyproject: toml::Table = toml::from_str(&text(&plan, "backend/pyproject.toml")).unwrap();
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
}

/// `dependencies` and `devDependencies` of the frontend's package.json, one per line.
#[rstest]
#[case::clerk("clerk")]
#[case::auth0("auth0")]
#[case::supabase("supabase")]
fn frontend_dependencies_per_auth(#[case] auth: &str) {
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
}

#[rstest]
#[case::github_fastapi("github", "fastapi", ".github/workflows/ci.yml")]
#[case::github_axum("github", "axum", ".github/workflows/ci.yml")]
#[case::gitlab_fastapi("gitlab", "fastapi", ".gitlab-ci.yml")]
#[case::gitlab_axum("gitlab", "axum", ".gitlab-ci.yml")]
fn ci_per_ci_and_backend(#[case] ci: &str, #[case] backend: &str, #[case] path: &str) {
    let plan = plan_with(&[("ci", ci), ("backend", backend)]);
    insta::assert_snapshot!(format!("ci_{ci}_{backend}"), text(&plan, path));
}

#[rstest]
#[case::nextjs("nextjs")]
#[case::none("none")]
fn makefile_per_frontend(#[case] frontend: &str) {
    let plan = plan_with(&[("frontend", frontend)]);
    insta::assert_snapshot!(
        format!("makefile_frontend_{frontend}"),
        text(&plan, "Makefile")
    );
}

fn values<T: ValueEnum + Display>() -> Vec<String> {
    T::value_variants()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// A preset or option value added without its cases above fails here, naming the
/// snapshot it lacks.
#[test]
fn every_option_value_has_its_snapshots() {
    let mut names: Vec<String> = Vec::new();
    for preset in presets::builtins() {
        names.push(format!("tree_{}", preset.name));
        names.push(format!("files_{}", preset.name));
    }
    for auth in values::<Auth>() {
        names.push(format!("env_example_auth_{auth}"));
        names.push(format!("frontend_dependencies_auth_{auth}"));
    }
    for billing in values::<Billing>() {
        names.push(format!("env_example_billing_{billing}"));
        names.push(format!("backend_dependencies_billing_{billing}"));
    }
    for ci in values::<Ci>() {
        for backend in values::<Backend>() {
            names.push(format!("ci_{ci}_{backend}"));
        }
    }
    for frontend in values::<Frontend>() {
        names.push(format!("makefile_frontend_{frontend}"));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let missing: Vec<&String> = names
        .iter()
        .filter(|name| !dir.join(format!("snapshots__{name}.snap")).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "no snapshot (add a test case): {missing:?}"
    );
}
