//! Module boundaries of the generated FastAPI backend: import-linter contracts in
//! pyproject.toml, run by `make lint` (tests/e2e/agency_checks.py proves they bite).

use saasgen::keys::Partial;
use saasgen::plan;

fn file(tier: &str, billing: &str, path: &str) -> String {
    let mut p = Partial::default();
    p.set("name", "acme", "t").unwrap();
    p.set("tier", tier, "t").unwrap();
    p.set("billing", billing, "t").unwrap();
    let plan = plan::plan(&p.build().unwrap()).unwrap();
    let file = plan.get(path).unwrap_or_else(|| panic!("no {path}"));
    String::from_utf8(file.contents.clone()).unwrap()
}

#[test]
fn make_lint_runs_import_linter_with_the_layers_contract_in_every_tier() {
    let makefile = file("starter", "stripe", "backend/Makefile");
    assert!(makefile.contains("$(UV_RUN) lint-imports"), "{makefile}");
    for tier in ["starter", "pro", "agency"] {
        let pyproject = file(tier, "none", "backend/pyproject.toml");
        assert!(pyproject.contains("\"import-linter>="), "{tier}");
        assert!(
            pyproject.contains("layers = [\"app.api\", \"app.services\", \"app.models\"]"),
            "{tier}"
        );
    }
}

#[test]
fn agency_keeps_domain_modules_independent_and_the_billing_adapter_private() {
    for billing in ["stripe", "lemonsqueezy", "paddle"] {
        let pyproject = file("agency", billing, "backend/pyproject.toml");
        assert!(pyproject.contains("type = \"independence\""), "{billing}");
        assert!(pyproject.contains("\"app.services.billing\"]"), "{billing}");
        assert!(
            pyproject.contains(&format!(
                "forbidden_modules = [\"app.services.billing.{billing}\"]"
            )),
            "{billing}"
        );
    }
    let none = file("agency", "none", "backend/pyproject.toml");
    assert!(
        !none.contains("app.services.billing"),
        "no billing module to name"
    );
    let pro = file("pro", "stripe", "backend/pyproject.toml");
    assert!(
        !pro.contains("independence"),
        "domain contracts are Agency's"
    );
}

fn plan_with(sets: &[(&str, &str)]) -> plan::Plan {
    let mut p = Partial::default();
    p.set("name", "acme", "t").unwrap();
    p.set("tier", "agency", "t").unwrap();
    for (k, v) in sets {
        p.set(k, *v, "t").unwrap();
    }
    plan::plan(&p.build().unwrap()).unwrap()
}

fn text(plan: &plan::Plan, path: &str) -> String {
    String::from_utf8(plan.get(path).unwrap().contents.clone()).unwrap()
}

#[test]
fn codeowners_names_one_owner_per_module_on_paths_that_exist() {
    for billing in ["stripe", "none"] {
        let plan = plan_with(&[("billing", billing), ("brand.company", "Acme Ltd.")]);
        let owners = text(&plan, "CODEOWNERS");
        let lines: Vec<&str> = owners
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        assert!(lines.len() > 15, "{owners}");
        for line in lines {
            let (path, owner) = line.split_once(' ').unwrap();
            let path = path.trim_start_matches('/');
            assert!(
                plan.files.iter().any(|f| f.path.starts_with(path)),
                "{billing}: CODEOWNERS names `{path}`, which is not generated"
            );
            assert!(owner.starts_with("@acme-ltd/"), "{line}");
        }
        for module in ["users", "billing", "organizations", "flags", "audit"] {
            assert!(
                owners.contains(&format!(" @acme-ltd/{module}\n")),
                "{module}"
            );
        }
    }
}

#[test]
fn an_owner_set_on_the_command_line_replaces_the_default_and_only_agency_has_the_file() {
    let plan = plan_with(&[("owners.billing", "@acme/payments pay@acme.io")]);
    let owners = text(&plan, "CODEOWNERS");
    assert!(owners.contains("/backend/app/services/billing/ @acme/payments pay@acme.io\n"));
    assert!(owners.contains("/backend/app/services/flags.py @acme/flags\n"));
    let mut pro = Partial::default();
    pro.set("name", "acme", "t").unwrap();
    pro.set("tier", "pro", "t").unwrap();
    assert!(
        plan::plan(&pro.build().unwrap())
            .unwrap()
            .get("CODEOWNERS")
            .is_none()
    );
}

/// Axum Agency projects get CODEOWNERS on the Rust module paths (a plain path names a
/// generated file or folder; `name*` globs cover the Pro modules, file or folder), the
/// handoff and white-label guide with the Rust visibility rule, `make docs-pdf`, and the
/// brand in the OpenAPI title and the checklist header.
#[test]
fn axum_agency_projects_get_owners_handoff_guide_and_pdfs() {
    for billing in ["stripe", "none"] {
        let plan = plan_with(&[
            ("backend", "axum"),
            ("billing", billing),
            ("brand.name", "Globex"),
        ]);
        let owners = text(&plan, "CODEOWNERS");
        let paths: Vec<&str> = owners
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split_once(' ').unwrap().0.trim_start_matches('/'))
            .collect();
        assert!(paths.contains(&"backend/src/users.rs"), "{owners}");
        assert_eq!(paths.contains(&"backend/src/billing/"), billing != "none");
        for path in paths {
            let stem = path.trim_end_matches('*');
            assert!(
                path.ends_with('*') || plan.files.iter().any(|f| f.path.starts_with(stem)),
                "{billing}: CODEOWNERS names `{path}`, which is not generated"
            );
            assert!(
                !path.contains("/app/"),
                "{billing}: a FastAPI path `{path}`"
            );
        }
        for module in ["users", "billing", "organizations", "flags", "audit"] {
            assert!(owners.contains(&format!(" @acme/{module}\n")), "{module}");
        }
        let guide = text(&plan, "docs/white-label.md");
        assert!(
            guide.contains("## Module boundaries") && guide.contains("`pub(crate)`"),
            "{guide}"
        );
        assert!(
            guide.contains("`backend/src/lib.rs` (`TITLE`, the OpenAPI title)"),
            "{guide}"
        );
        assert!(text(&plan, "docs/handoff.md").contains("Rust visibility"));
        assert!(text(&plan, "Makefile").contains("docs-pdf: ##"));
        assert!(text(&plan, "docs/pdf-template.typ").contains("name: \"Globex\","));
        assert!(text(&plan, "backend/src/lib.rs").contains("pub const TITLE: &str = \"Globex\";"));
    }
    let checklist = text(
        &plan_with(&[
            ("backend", "axum"),
            ("billing", "none"),
            ("brand.name", "Globex"),
        ]),
        "SECURITY_CHECKLIST.md",
    );
    assert!(
        checklist.starts_with("# Globex security checklist\n\n"),
        "{checklist}"
    );
}
