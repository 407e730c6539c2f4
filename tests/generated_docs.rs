//! The generated `docs/` tell the truth about the generated tree, for every combination of
//! answers (rendered in memory, like tests/combinations.rs): relative links resolve, the
//! configuration reference lists exactly the variables of `.env.example`, the ERD lists
//! exactly the models' tables and columns, the request lifecycle diagram has `app/main.py`'s
//! middlewares in order, Mermaid blocks avoid the pitfalls that stop them rendering, every
//! project path the prose names exists, every `cargo test <filter>` an Axum project's docs
//! show selects a test, a provider or a Pro feature is named only in the projects that have
//! it, and the Pro guides exist and are listed in the docs index for either backend.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use clap::ValueEnum;
use saasgen::answers::{Auth, Backend, Billing, Ci, Frontend, Tier};
use saasgen::keys::Partial;
use saasgen::plan::{self, Plan};

/// One rendered project and the answers it was made from.
struct Project {
    label: String,
    tier: String,
    backend: String,
    auth: String,
    billing: String,
    plan: Plan,
}

/// Rendered once, shared by the tests.
fn every_project() -> &'static [Project] {
    static PROJECTS: OnceLock<Vec<Project>> = OnceLock::new();
    PROJECTS.get_or_init(render_every_project)
}

fn render_every_project() -> Vec<Project> {
    let mut projects = Vec::new();
    for tier in Tier::value_variants() {
        for backend in Backend::value_variants() {
            for frontend in Frontend::value_variants() {
                for auth in Auth::value_variants() {
                    for billing in Billing::value_variants() {
                        for ci in Ci::value_variants() {
                            let answers = [
                                ("tier", tier.to_string()),
                                ("backend", backend.to_string()),
                                ("frontend", frontend.to_string()),
                                ("auth", auth.to_string()),
                                ("billing", billing.to_string()),
                                ("ci", ci.to_string()),
                            ];
                            projects.push(project(&answers));
                        }
                    }
                }
            }
        }
    }
    projects
}

fn project(answers: &[(&str, String)]) -> Project {
    let mut partial = Partial::default();
    partial.set("name", "acme", "test").unwrap();
    for (key, value) in answers {
        partial.set(key, value.clone(), "test").unwrap();
    }
    let built = partial.build().unwrap();
    Project {
        label: format!(
            "{}-{}-{}-{}-{}-{}",
            built.tier, built.backend, built.frontend, built.auth, built.billing, built.ci
        ),
        tier: built.tier.to_string(),
        backend: built.backend.to_string(),
        auth: built.auth.to_string(),
        billing: built.billing.to_string(),
        plan: plan::plan(&built).unwrap(),
    }
}

fn text(project: &Project, path: &str) -> String {
    let file = project.plan.get(path);
    let file = file.unwrap_or_else(|| panic!("{}: {path} is not planned", project.label));
    String::from_utf8(file.contents.clone()).unwrap()
}

/// `README.md` and every Markdown file under `docs/`.
fn markdown_files(project: &Project) -> Vec<(String, String)> {
    let paths = project.plan.files.iter().map(|f| f.path.as_str());
    let docs =
        paths.filter(|p| *p == "README.md" || (p.starts_with("docs/") && p.ends_with(".md")));
    docs.map(|p| (p.to_string(), text(project, p))).collect()
}

// --- links -------------------------------------------------------------------------------

/// Markdown prose: fenced code blocks and inline code spans removed.
fn prose(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if !in_fence {
            let spans: Vec<&str> = line.split('`').collect();
            out.extend(spans.iter().step_by(2).copied());
            out.push('\n');
        }
    }
    out
}

/// Targets of `[text](target)` links.
fn link_targets(markdown: &str) -> Vec<String> {
    let prose = prose(markdown);
    let mut targets = Vec::new();
    let mut rest = prose.as_str();
    while let Some(start) = rest.find("](") {
        rest = &rest[start + 2..];
        let end = rest.find(')').expect("a link is closed on its line");
        targets.push(rest[..end].to_string());
    }
    targets
}

/// `target` (relative to the file `from`) as a path from the project root.
fn resolve(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop().expect("a link leaves the project");
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// GitHub's anchors of a Markdown file's headings.
fn anchors(markdown: &str) -> BTreeSet<String> {
    let headings = prose(markdown);
    let headings = headings.lines().filter(|l| l.starts_with('#'));
    let slug = |heading: &str| -> String {
        let title = heading.trim_start_matches('#').trim().to_lowercase();
        let kept = title
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'));
        kept.map(|c| if c == ' ' { '-' } else { c }).collect()
    };
    headings.map(slug).collect()
}

/// A planned file, or a folder holding one.
fn is_planned(project: &Project, path: &str) -> bool {
    let folder = format!("{path}/");
    project.plan.get(path).is_some()
        || project
            .plan
            .files
            .iter()
            .any(|f| f.path.starts_with(&folder))
}

/// The relative links of one project that do not resolve, as `file -> target`.
fn broken_links(project: &Project) -> Vec<String> {
    let mut broken = Vec::new();
    for (path, markdown) in markdown_files(project) {
        for target in link_targets(&markdown) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let resolved = if file.is_empty() {
                path.clone()
            } else {
                resolve(&path, file)
            };
            let exists = is_planned(project, &resolved);
            let anchored = anchor.is_empty()
                || (exists && anchors(&text(project, &resolved)).contains(anchor));
            let resolves = exists && anchored;
            if !resolves {
                broken.push(format!("{path} -> {target}"));
            }
        }
    }
    broken
}

#[test]
fn every_relative_link_and_anchor_in_docs_and_the_readme_resolves() {
    for project in every_project() {
        let broken = broken_links(project);
        assert!(
            broken.is_empty(),
            "{}: broken links {broken:#?}",
            project.label
        );
    }
}

#[test]
fn a_link_to_a_missing_file_or_heading_is_reported() {
    let mut project = project(&[("tier", "starter".into())]);
    let readme = project
        .plan
        .files
        .iter_mut()
        .find(|f| f.path == "docs/README.md")
        .unwrap();
    readme
        .contents
        .extend(b"\n[gone](gone.md) [bad](configuration.md#no-such-heading)\n");
    readme
        .contents
        .extend(b"[ok](configuration.md#production-guard) `[code](x.md)`\n");
    assert_eq!(
        broken_links(&project),
        [
            "docs/README.md -> gone.md",
            "docs/README.md -> configuration.md#no-such-heading"
        ]
    );
}

// --- paths named in the prose ----------------------------------------------------------

/// Where every path of a generated project starts.
const ROOTS: [&str; 5] = [
    "backend/",
    "frontend/",
    "docs/",
    ".github/",
    ".gitlab-ci.yml",
];

/// Project paths named in inline code spans (`backend/app/main.py`, `docs/`), outside fenced
/// blocks; placeholders (`{org_id}`, `<your frontend>`) and globs are skipped.
fn named_paths(markdown: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let words = line
            .split('`')
            .skip(1)
            .step_by(2)
            .flat_map(str::split_whitespace);
        let named = words.filter(|w| ROOTS.iter().any(|r| w.starts_with(r)));
        let concrete = named.filter(|w| !w.contains(['{', '<', '>', '*']));
        paths.extend(concrete.map(|w| {
            w.trim_end_matches(['.', ',', ';', ':', ')', '/'])
                .to_string()
        }));
    }
    paths
}

/// Named paths the project lacks, as `file: path`. The customization guide is left out:
/// it names the files it tells you to create.
fn missing_paths(project: &Project) -> Vec<String> {
    let mut missing = Vec::new();
    for (path, markdown) in markdown_files(project) {
        if path == "docs/customization.md" {
            continue;
        }
        for named in named_paths(&markdown) {
            if !is_planned(project, &named) {
                missing.push(format!("{path}: {named}"));
            }
        }
    }
    missing
}

#[test]
fn every_project_path_the_docs_name_exists() {
    for project in every_project() {
        let missing = missing_paths(project);
        assert!(missing.is_empty(), "{}: {missing:#?}", project.label);
    }
}

#[test]
fn a_path_the_project_lacks_is_reported() {
    let mut project = project(&[("tier", "starter".into())]);
    let faq = project
        .plan
        .files
        .iter_mut()
        .find(|f| f.path == "docs/faq.md")
        .unwrap();
    faq.contents
        .extend(b"\nSee `backend/app/nowhere.py`, `backend/app/`, `frontend/<x>/y`.\n");
    faq.contents.extend(b"```sh\ncat backend/gone.py\n```\n");
    assert_eq!(
        missing_paths(&project),
        ["docs/faq.md: backend/app/nowhere.py"]
    );
}

// --- configuration reference -------------------------------------------------------------

fn is_variable(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Variables set in `.env.example`, commented-out optional ones (`# NAME=value`) included.
fn env_example_variables(env: &str) -> BTreeSet<String> {
    let assignments = env.lines().map(|l| l.trim_start_matches('#').trim_start());
    let names = assignments.filter_map(|l| l.split_once('=').map(|(name, _)| name));
    names
        .filter(|n| is_variable(n))
        .map(str::to_string)
        .collect()
}

/// Variables in the first column of the configuration reference's tables.
fn reference_variables(reference: &str) -> BTreeSet<String> {
    let cells = reference.lines().filter_map(|l| l.strip_prefix("| `"));
    let names = cells.filter_map(|c| c.split_once('`').map(|(name, _)| name));
    names
        .filter(|n| is_variable(n))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_configuration_reference_lists_exactly_the_variables_of_env_example() {
    for project in every_project() {
        let env = env_example_variables(&text(project, ".env.example"));
        let reference = reference_variables(&text(project, "docs/configuration.md"));
        let undocumented: Vec<_> = env.difference(&reference).collect();
        let unknown: Vec<_> = reference.difference(&env).collect();
        assert!(
            undocumented.is_empty(),
            "{}: not in docs/configuration.md: {undocumented:?}",
            project.label
        );
        assert!(
            unknown.is_empty(),
            "{}: not in .env.example: {unknown:?}",
            project.label
        );
        assert!(env.contains("DATABASE_URL"), "{}: {env:?}", project.label);
    }
}

#[test]
fn variables_are_read_from_env_lines_and_reference_rows() {
    let env = "# a comment, e.g. X=1\nA_B=1\n# OPTIONAL_2=x\n#   not=lower\n";
    assert_eq!(
        env_example_variables(env),
        BTreeSet::from(["A_B".into(), "OPTIONAL_2".into()])
    );
    let reference = "| variable | default |\n| `A_B` | `1` |\n| `lower` | x |\ntext `C`\n";
    assert_eq!(
        reference_variables(reference),
        BTreeSet::from(["A_B".into()])
    );
}

// --- the ERD -----------------------------------------------------------------------------

type Tables = BTreeMap<String, BTreeSet<String>>;

/// A Python class of the models: its bases, table name and own mapped columns.
#[derive(Default)]
struct ModelClass {
    bases: Vec<String>,
    table: Option<String>,
    columns: BTreeSet<String>,
}

/// The column a `name: Mapped[...] = mapped_column(...)` line maps: the attribute's name,
/// or the column name given as the first argument (on this line or the next).
fn mapped_column(line: &str, next: &str) -> Option<String> {
    let (attribute, _) = line.trim().split_once(": Mapped[")?;
    let (_, arguments) = line.split_once("= mapped_column(")?;
    let first = if arguments.trim().is_empty() {
        next.trim()
    } else {
        arguments.trim()
    };
    let named = first
        .strip_prefix('"')
        .and_then(|s| s.split_once('"'))
        .map(|(n, _)| n);
    Some(named.unwrap_or(attribute).to_string())
}

fn model_classes(source: &str, classes: &mut BTreeMap<String, ModelClass>) {
    let lines: Vec<&str> = source.lines().collect();
    let mut current: Option<String> = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(header) = line.strip_prefix("class ") {
            let (name, rest) = header.split_once(['(', ':']).unwrap();
            let bases = rest.split_once(')').map_or("", |(b, _)| b);
            let bases = bases.split(',').map(|b| b.trim().to_string()).collect();
            classes.insert(
                name.to_string(),
                ModelClass {
                    bases,
                    ..ModelClass::default()
                },
            );
            current = Some(name.to_string());
        } else if !line.starts_with(' ') && !line.is_empty() {
            current = None;
        } else if let Some(class) = current.as_ref().and_then(|c| classes.get_mut(c)) {
            if let Some(table) = line.trim().strip_prefix("__tablename__ = \"") {
                class.table = Some(table.trim_end_matches('"').to_string());
            } else if let Some(column) = mapped_column(line, lines.get(i + 1).unwrap_or(&"")) {
                class.columns.insert(column);
            }
        }
    }
}

fn columns_with_bases(classes: &BTreeMap<String, ModelClass>, name: &str) -> BTreeSet<String> {
    let Some(class) = classes.get(name) else {
        return BTreeSet::new();
    };
    let inherited = class
        .bases
        .iter()
        .flat_map(|b| columns_with_bases(classes, b));
    class.columns.iter().cloned().chain(inherited).collect()
}

/// Every table of `backend/app/models/` with its columns, mixins' columns included.
fn model_tables(project: &Project) -> Tables {
    let mut classes = BTreeMap::new();
    let models = project
        .plan
        .files
        .iter()
        .filter(|f| f.path.starts_with("backend/app/models/"));
    for file in models.filter(|f| f.path.ends_with(".py")) {
        model_classes(&text(project, &file.path), &mut classes);
    }
    let tables = classes.iter().filter_map(|(name, class)| {
        Some((class.table.clone()?, columns_with_bases(&classes, name)))
    });
    tables.collect()
}

/// The entities and attributes of the `erDiagram` blocks of a Markdown file.
fn erd_tables(markdown: &str) -> Tables {
    let mut tables = Tables::new();
    let mut in_erd = false;
    let mut entity: Option<String> = None;
    for line in markdown.lines().map(str::trim) {
        if line == "erDiagram" {
            in_erd = true;
        } else if line.starts_with("```") {
            in_erd = false;
        } else if !in_erd {
        } else if let Some(name) = line.strip_suffix(" {") {
            tables.entry(name.to_string()).or_default();
            entity = Some(name.to_string());
        } else if line == "}" {
            entity = None;
        } else if let Some(name) = &entity {
            let column = line.split_whitespace().nth(1).unwrap().to_string();
            tables.get_mut(name).unwrap().insert(column);
        }
    }
    tables
}

/// Words that start a table constraint, not a column, inside `CREATE TABLE (...)`.
const SQL_CONSTRAINTS: [&str; 6] = [
    "CONSTRAINT",
    "PRIMARY",
    "UNIQUE",
    "FOREIGN",
    "CHECK",
    "EXCLUDE",
];

/// The tables and columns SQL migrations create: `CREATE TABLE name (` up to `);`, one
/// column per line, plus `ALTER TABLE name ADD COLUMN column`.
fn sql_tables(sql: &str, tables: &mut Tables) {
    let mut current: Option<String> = None;
    for line in sql.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let ["CREATE", "TABLE", name, ..] = words[..] {
            let name = name.trim_end_matches('(').to_string();
            tables.entry(name.clone()).or_default();
            current = Some(name);
        } else if line.starts_with(");") {
            current = None;
        } else if let ["ALTER", "TABLE", name, "ADD", "COLUMN", column, ..] = words[..] {
            tables.entry(name.into()).or_default().insert(column.into());
        } else if let (Some(table), Some(first)) = (&current, words.first()) {
            if !first.starts_with("--") && !SQL_CONSTRAINTS.contains(first) {
                tables.get_mut(table).unwrap().insert((*first).into());
            }
        }
    }
}

/// Every table the SQL migrations of `backend/migrations/` create (the Axum backend).
fn migration_tables(project: &Project) -> Tables {
    let mut tables = Tables::new();
    let migrations = project
        .plan
        .files
        .iter()
        .filter(|f| f.path.starts_with("backend/migrations/") && f.path.ends_with(".sql"));
    for file in migrations {
        sql_tables(&text(project, &file.path), &mut tables);
    }
    tables
}

#[test]
fn sql_migrations_are_read_from_create_and_alter_table() {
    let sql = "-- users\nCREATE TABLE users (\n    id UUID NOT NULL,\n    -- the subject\n    auth_subject VARCHAR(255) NOT NULL,\n    CONSTRAINT pk_users PRIMARY KEY (id)\n);\nCREATE INDEX ix ON users (id);\nALTER TABLE users ADD COLUMN plan VARCHAR(32);\n";
    let mut tables = Tables::new();
    sql_tables(sql, &mut tables);
    let users: Vec<_> = tables["users"].iter().map(String::as_str).collect();
    assert_eq!(users, ["auth_subject", "id", "plan"]);
    assert_eq!(tables.len(), 1);
}

#[test]
fn the_erd_lists_exactly_the_tables_and_columns_of_the_models() {
    for project in every_project() {
        let models = match project.backend.as_str() {
            "fastapi" => model_tables(project),
            _ => migration_tables(project),
        };
        assert!(
            models["users"].contains("auth_subject"),
            "{}: {models:?}",
            project.label
        );
        let erd = erd_tables(&text(project, "docs/architecture.md"));
        assert_eq!(
            erd, models,
            "{}: the ERD (left) differs from the models",
            project.label
        );
    }
}

#[test]
fn models_are_read_with_their_mixins_and_column_names() {
    let source = "class M:\n    id: Mapped[int] = mapped_column(primary_key=True)\n\n\
        class T(M, Base):\n    __tablename__ = \"t\"\n    a: Mapped[str] = mapped_column(\n        \"b\", X)\n\
        \x20   r: Mapped[list[M]] = relationship()\n    c: Mapped[int] = mapped_column(\n        Integer)\n";
    let mut classes = BTreeMap::new();
    model_classes(source, &mut classes);
    let names = ["b", "c", "id"].map(String::from);
    assert_eq!(columns_with_bases(&classes, "T"), BTreeSet::from(names));
    let erd = "```mermaid\nerDiagram\n    t {\n        int id PK\n        varchar b\n    }\n```\n";
    assert_eq!(
        erd_tables(erd)["t"],
        BTreeSet::from(["id".into(), "b".into()])
    );
}

// --- the request lifecycle -----------------------------------------------------------------

/// Middlewares in the order a request meets them: `app.add_middleware(...)` calls of
/// `backend/app/main.py`, last added first.
fn middleware_order(main_py: &str) -> Vec<String> {
    let lines: Vec<&str> = main_py.lines().map(str::trim).collect();
    let mut names = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(rest) = line.strip_prefix("app.add_middleware(") {
            // The class comes first, on this line or, when the call is split, the next.
            let first = if rest.is_empty() { lines[i + 1] } else { rest };
            names.push(first.split([',', ')']).next().unwrap().to_string());
        }
    }
    names.reverse();
    names
}

/// Middlewares in the order the docs' lifecycle diagram shows them (`...Middleware<br/>`).
fn diagram_middlewares(architecture: &str) -> Vec<String> {
    let labelled = architecture.lines().filter_map(|l| l.split_once("<br/>"));
    let names = labelled.filter_map(|(before, _)| before.rsplit_once("[\"").map(|(_, n)| n));
    names
        .filter(|n| n.ends_with("Middleware"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_request_lifecycle_diagram_has_the_middlewares_of_main_py_in_order() {
    for project in every_project().iter().filter(|p| p.backend == "fastapi") {
        let order = middleware_order(&text(project, "backend/app/main.py"));
        // Proxy headers, edge, CORS, rate limit, catch-all: the parse found them all.
        assert!(order.len() >= 5, "{}: {order:?}", project.label);
        let shown = diagram_middlewares(&text(project, "docs/architecture.md"));
        assert_eq!(
            shown, order,
            "{}: the diagram (left) differs from app/main.py",
            project.label
        );
    }
}

#[test]
fn middlewares_are_read_from_main_py_and_the_diagram() {
    let main_py = "    app.add_middleware(A)\n    app.add_middleware(\n        B,\n    )\n    app.add_middleware(C, x=1)\n";
    assert_eq!(middleware_order(main_py), ["C", "B", "A"]);
    let diagram = "    a([\"in\"]) --> b[\"BMiddleware<br/>what\"]\n    b --> c[\"route<br/>x\"]\n";
    assert_eq!(diagram_middlewares(diagram), ["BMiddleware"]);
}

// --- Mermaid pitfalls ---------------------------------------------------------------------

/// Mermaid blocks that would not render for a reason cheap to see: an unknown diagram type,
/// or a `;`, which ends a Mermaid statement (a message cut in two is a parse error).
fn mermaid_problems(markdown: &str) -> Vec<String> {
    let kinds = ["flowchart ", "sequenceDiagram", "erDiagram"];
    let mut problems = Vec::new();
    let mut block: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        match (line.trim(), &mut block) {
            ("```mermaid", None) => block = Some(Vec::new()),
            ("```", Some(lines)) => {
                if !lines
                    .first()
                    .is_some_and(|f| kinds.iter().any(|k| f.starts_with(k)))
                {
                    problems.push(format!("unknown diagram type: {:?}", lines.first()));
                }
                problems.extend(
                    lines
                        .iter()
                        .filter(|l| l.contains(';'))
                        .map(|l| l.to_string()),
                );
                block = None;
            }
            (_, Some(lines)) => lines.push(line.trim()),
            _ => {}
        }
    }
    problems
}

#[test]
fn every_mermaid_block_has_a_known_type_and_no_semicolon() {
    for project in every_project() {
        for (path, markdown) in markdown_files(project) {
            let problems = mermaid_problems(&markdown);
            assert!(
                problems.is_empty(),
                "{} {path}: {problems:?}",
                project.label
            );
        }
    }
}

#[test]
fn a_semicolon_or_an_unknown_diagram_is_reported() {
    let markdown = "```mermaid\nsequenceDiagram\n    A->>B: a; b\n```\n```mermaid\npie\n```\n";
    assert_eq!(
        mermaid_problems(markdown),
        ["A->>B: a; b", "unknown diagram type: Some(\"pie\")"]
    );
}

// --- what the answers did not choose -----------------------------------------------------

/// Each provider's names as they appear in prose or paths (lower case).
const AUTH_NAMES: &[(&str, &[&str])] = &[
    ("clerk", &["clerk"]),
    ("auth0", &["auth0"]),
    ("supabase", &["supabase"]),
];
const BILLING_NAMES: &[(&str, &[&str])] = &[
    ("stripe", &["stripe"]),
    ("lemonsqueezy", &["lemonsqueezy", "lemon squeezy"]),
    ("paddle", &["paddle"]),
];

/// Names of providers other than the chosen ones found in the project's docs and README.
fn foreign_providers(project: &Project) -> Vec<String> {
    let chosen = [project.auth.as_str(), project.billing.as_str()];
    let others = AUTH_NAMES
        .iter()
        .chain(BILLING_NAMES)
        .filter(|(id, _)| !chosen.contains(id));
    let mut found = Vec::new();
    for (path, markdown) in markdown_files(project) {
        let lower = markdown.to_lowercase();
        let named = others.clone().flat_map(|(_, names)| names.iter());
        found.extend(
            named
                .filter(|n| lower.contains(*n))
                .map(|n| format!("{path}: {n}")),
        );
    }
    found
}

#[test]
fn a_provider_is_named_only_in_the_docs_of_projects_that_use_it() {
    for project in every_project() {
        let found = foreign_providers(project);
        assert!(found.is_empty(), "{}: {found:?}", project.label);
        assert!(
            project
                .plan
                .get(&format!("docs/auth-{}.md", project.auth))
                .is_some()
        );
        let billing_guides = project
            .plan
            .files
            .iter()
            .filter(|f| f.path.starts_with("docs/billing-"));
        let billing_guides: Vec<_> = billing_guides.map(|f| f.path.as_str()).collect();
        let expected = format!("docs/billing-{}.md", project.billing);
        let expected: Vec<_> = if project.billing == "none" {
            vec![]
        } else {
            vec![expected.as_str()]
        };
        assert_eq!(billing_guides, expected, "{}", project.label);
    }
}

#[test]
fn another_providers_name_in_the_docs_is_reported() {
    let mut project = project(&[("auth", "clerk".into()), ("billing", "none".into())]);
    assert!(foreign_providers(&project).is_empty());
    let faq = project
        .plan
        .files
        .iter_mut()
        .find(|f| f.path == "docs/faq.md")
        .unwrap();
    faq.contents.extend(b"\nPay with Lemon Squeezy.\n");
    assert_eq!(foreign_providers(&project), ["docs/faq.md: lemon squeezy"]);
}

/// Guides of Pro features (for either backend), and words that only their docs use.
const PRO_GUIDES: &[&str] = &[
    "docs/organizations.md",
    "docs/feature-flags.md",
    "docs/audit-log.md",
    "docs/monitoring.md",
    "docs/operations.md",
    "docs/scaling.md",
];
const PRO_WORDS: &[&str] = &[
    "organization",
    "feature flag",
    "audit log",
    "invitation",
    "/api/metrics",
    "sentry",
];

fn pro_words(project: &Project) -> Vec<String> {
    let mut found = Vec::new();
    for (path, markdown) in markdown_files(project) {
        let lower = markdown.to_lowercase();
        let words = PRO_WORDS.iter().filter(|w| lower.contains(*w));
        found.extend(words.map(|w| format!("{path}: {w}")));
    }
    found
}

#[test]
fn pro_features_are_documented_in_pro_projects_only() {
    for project in every_project() {
        let pro = project.tier != "starter";
        for guide in PRO_GUIDES {
            let planned = project.plan.get(guide).is_some();
            assert_eq!(planned, pro, "{}: {guide}", project.label);
        }
        if !pro {
            let found = pro_words(project);
            assert!(found.is_empty(), "{}: {found:?}", project.label);
        }
    }
}

/// The Pro guides that `docs/README.md` (the index) does not link to.
fn unlisted_pro_guides(project: &Project) -> Vec<String> {
    let listed: BTreeSet<String> = link_targets(&text(project, "docs/README.md"))
        .iter()
        .map(|target| resolve("docs/README.md", target))
        .collect();
    let unlisted = PRO_GUIDES.iter().filter(|guide| !listed.contains(**guide));
    unlisted.map(|guide| (*guide).to_string()).collect()
}

#[test]
fn the_docs_index_lists_every_pro_guide_for_either_backend() {
    for project in every_project().iter().filter(|p| p.tier != "starter") {
        let unlisted = unlisted_pro_guides(project);
        assert!(unlisted.is_empty(), "{}: {unlisted:?}", project.label);
    }
}

#[test]
fn a_pro_guide_missing_from_the_docs_index_is_reported() {
    let mut project = project(&[("tier", "pro".into()), ("backend", "axum".into())]);
    assert!(unlisted_pro_guides(&project).is_empty());
    let index = project
        .plan
        .files
        .iter_mut()
        .find(|f| f.path == "docs/README.md")
        .unwrap();
    let without = String::from_utf8(index.contents.clone())
        .unwrap()
        .replace("(scaling.md)", "(scaling-gone.md)");
    index.contents = without.into_bytes();
    assert_eq!(unlisted_pro_guides(&project), ["docs/scaling.md"]);
}

#[test]
fn a_pro_feature_in_starter_docs_is_reported() {
    let mut project = project(&[("tier", "starter".into())]);
    assert!(pro_words(&project).is_empty());
    let faq = project
        .plan
        .files
        .iter_mut()
        .find(|f| f.path == "docs/faq.md")
        .unwrap();
    faq.contents.extend(b"\nInvite your Organization.\n");
    assert_eq!(pro_words(&project), ["docs/faq.md: organization"]);
}

// --- cargo test filters ----------------------------------------------------------------

/// The module path a test in `path` gets in `cargo test`'s names (`orgs::audit::` for
/// `backend/tests/api/orgs/audit.rs`, `flags::tests::` for a unit test of
/// `backend/src/flags.rs`), or None for a file that holds no Rust tests.
fn test_module(path: &str) -> Option<String> {
    let (rest, suffix) = if let Some(rest) = path.strip_prefix("backend/tests/api/") {
        (rest, "")
    } else {
        (path.strip_prefix("backend/src/")?, "tests::")
    };
    let module = rest.strip_suffix(".rs")?;
    let module = module.strip_suffix("/mod").unwrap_or(module);
    let module = if matches!(module, "main" | "lib") {
        ""
    } else {
        module
    };
    let prefix = if module.is_empty() {
        String::new()
    } else {
        format!("{}::", module.replace('/', "::"))
    };
    Some(format!("{prefix}{suffix}"))
}

/// The full names of the Rust tests in one source file: functions under `#[test]` or
/// `#[tokio::test...]`.
fn tests_in(module: &str, source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut marked = false;
    for line in source.lines().map(str::trim) {
        if line == "#[test]" || line.starts_with("#[tokio::test") {
            marked = true;
        } else if marked && let Some((_, rest)) = line.split_once("fn ") {
            let name = rest.split(['(', '<']).next().unwrap_or_default();
            names.push(format!("{module}{name}"));
            marked = false;
        }
    }
    names
}

/// Every Rust test of an Axum project, by its full `cargo test` name.
fn rust_tests(project: &Project) -> Vec<String> {
    let files = project.plan.files.iter();
    let sources = files.filter_map(|f| Some((test_module(&f.path)?, &f.path)));
    let found = sources.flat_map(|(module, path)| tests_in(&module, &text(project, path)));
    found.collect()
}

/// The filters of the `cargo test <filter>` commands the docs show (code spans and fenced
/// lines); the customization guide is left out: it names the tests it tells you to write.
fn cargo_test_filters(project: &Project) -> Vec<(String, String)> {
    let mut filters = Vec::new();
    for (path, markdown) in markdown_files(project) {
        if path == "docs/customization.md" {
            continue;
        }
        for command in markdown.split('`').chain(markdown.lines()) {
            let Some(args) = command.trim().strip_prefix("cargo test ") else {
                continue;
            };
            let filter = args.split_whitespace().next().unwrap_or_default();
            if !filter.is_empty() && !filter.starts_with(['-', '#']) {
                filters.push((path.clone(), filter.to_string()));
            }
        }
    }
    filters
}

/// The `cargo test` filters the docs show that select no test, as `file: filter`.
fn empty_cargo_test_filters(project: &Project) -> Vec<String> {
    let tests = rust_tests(project);
    let filters = cargo_test_filters(project).into_iter();
    let empty = filters.filter(|(_, filter)| !tests.iter().any(|t| t.contains(filter.as_str())));
    empty
        .map(|(path, filter)| format!("{path}: {filter}"))
        .collect()
}

#[test]
fn every_cargo_test_filter_the_docs_show_selects_a_test() {
    for project in every_project().iter().filter(|p| p.backend == "axum") {
        let empty = empty_cargo_test_filters(project);
        assert!(empty.is_empty(), "{}: {empty:?}", project.label);
    }
}

#[test]
fn a_cargo_test_filter_that_selects_nothing_is_reported() {
    let mut project = project(&[("tier", "pro".into()), ("backend", "axum".into())]);
    let names = rust_tests(&project);
    assert!(names.contains(&"orgs::audit::pages_follow_next_before_until_the_end".to_string()));
    assert!(
        names.contains(&"orgs::role::tests::roles_rank_owner_over_admin_over_member".to_string())
    );
    assert!(!cargo_test_filters(&project).is_empty());
    let guide = project
        .plan
        .files
        .iter_mut()
        .find(|f| f.path == "docs/audit-log.md")
        .unwrap();
    guide
        .contents
        .extend(b"\n`cargo test orgs::no_such_test`\n");
    assert_eq!(
        empty_cargo_test_filters(&project),
        ["docs/audit-log.md: orgs::no_such_test"]
    );
}

/// Words of the Python toolchain, wrong in the docs of a Rust backend.
const PYTHON_WORDS: &[&str] = &[
    "pytest",
    "alembic",
    "uvicorn",
    "mypy",
    "ruff",
    "uv sync",
    "uv run",
    "pyproject",
    "/api/docs",
];

fn python_words(project: &Project) -> Vec<String> {
    let mut found = Vec::new();
    for (path, markdown) in markdown_files(project) {
        let lower = markdown.to_lowercase();
        let words = PYTHON_WORDS.iter().filter(|w| lower.contains(*w));
        found.extend(words.map(|w| format!("{path}: {w}")));
    }
    found
}

#[test]
fn axum_projects_docs_and_readme_name_no_python_tool() {
    for project in every_project().iter().filter(|p| p.backend == "axum") {
        let found = python_words(project);
        assert!(found.is_empty(), "{}: {found:?}", project.label);
        assert!(
            text(project, "README.md").contains("Rust"),
            "{}",
            project.label
        );
    }
}
