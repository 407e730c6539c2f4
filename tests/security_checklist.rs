//! SECURITY_CHECKLIST.md, checked in memory for every combination of answers: every test a
//! Part 1 item cites is planned (its file, and a `def` of that name in it), the items follow
//! the answers, and the item counts per tier and billing are fixed. `make security-check`
//! fails a renamed test when a project runs it; this fails it in saasgen's own build.

use clap::ValueEnum;
use saasgen::answers::{Auth, Billing, Tier};
use saasgen::keys::Partial;
use saasgen::plan::{self, Plan, PlannedFile};

const CHECKLIST: &str = "SECURITY_CHECKLIST.md";
const AUTH_NAMES: [(&str, &str); 3] = [
    ("clerk", "Clerk"),
    ("auth0", "Auth0"),
    ("supabase", "Supabase"),
];
const BILLING_NAMES: [(&str, &str); 3] = [
    ("stripe", "Stripe"),
    ("lemonsqueezy", "Lemon Squeezy"),
    ("paddle", "Paddle"),
];

#[derive(Debug)]
struct Item {
    id: String,
    part: u8,
    level: Option<String>,
    tests: Vec<String>,
}

fn plan_for(tier: &str, backend: &str, auth: &str, billing: &str) -> Plan {
    let mut p = Partial::default();
    for (k, v) in [
        ("name", "acme"),
        ("tier", tier),
        ("backend", backend),
        ("frontend", "nextjs"),
        ("auth", auth),
        ("billing", billing),
        ("ci", "github"),
    ] {
        p.set(k, v, "test").unwrap();
    }
    plan::plan(&p.build().unwrap()).unwrap()
}

/// Every FastAPI combination that changes the checklist: (tier, auth, billing, plan).
fn every_fastapi_plan() -> Vec<(String, String, String, Plan)> {
    let mut plans = Vec::new();
    for tier in Tier::value_variants() {
        for auth in Auth::value_variants() {
            for billing in Billing::value_variants() {
                let (t, a, b) = (tier.to_string(), auth.to_string(), billing.to_string());
                let plan = plan_for(&t, "fastapi", &a, &b);
                plans.push((t, a, b, plan));
            }
        }
    }
    plans
}

fn text<'a>(plan: &'a Plan, path: &str) -> &'a str {
    let file = plan
        .get(path)
        .unwrap_or_else(|| panic!("{path} is not planned"));
    std::str::from_utf8(&file.contents).unwrap()
}

/// The runner's line format (backend/scripts/checklist.py), read the same way.
fn items(checklist: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut part = 0;
    for line in checklist.lines() {
        if let Some(rest) = line.strip_prefix("## Part ") {
            part = rest[..1].parse().unwrap();
        } else if line.starts_with("- [") && line.contains("] **") {
            let id = line.split("**").nth(1).unwrap().to_string();
            let after = line.split("** ").nth(1).unwrap();
            let level = ["CRITICAL", "HIGH", "RECOMMENDED"]
                .into_iter()
                .find(|l| after.starts_with(&format!("{l}: ")))
                .map(str::to_string);
            items.push(Item {
                id,
                part,
                level,
                tests: Vec::new(),
            });
        } else if let Some(ids) = line.strip_prefix("  Tests: ") {
            let cited = ids.split('`').skip(1).step_by(2).map(str::to_string);
            items.last_mut().unwrap().tests.extend(cited);
        }
    }
    items
}

/// True when `source` defines the test `name` (`test_x`, or `TestClass::test_x`).
fn defines(source: &str, name: &str) -> bool {
    let (class, function) = match name.split_once("::") {
        Some((class, function)) => (Some(class), function),
        None => (None, name),
    };
    let indent = if class.is_some() { "    " } else { "" };
    let has_def = source.lines().any(|line| {
        ["def ", "async def "]
            .iter()
            .any(|k| line.starts_with(&format!("{indent}{k}{function}(")))
    });
    let has_class = class.is_none_or(|c| {
        source
            .lines()
            .any(|l| l.starts_with(&format!("class {c}(")) || l.starts_with(&format!("class {c}:")))
    });
    has_def && has_class
}

/// Every cited id that the plan does not define, with the reason.
fn missing_tests(plan: &Plan) -> Vec<String> {
    let mut missing = Vec::new();
    for item in items(text(plan, CHECKLIST)) {
        for id in &item.tests {
            let Some((path, name)) = id.split_once("::") else {
                missing.push(format!("{}: {id} is not a node id", item.id));
                continue;
            };
            match plan.get(path) {
                None => missing.push(format!("{}: {path} is not planned", item.id)),
                Some(file) if !defines(std::str::from_utf8(&file.contents).unwrap(), name) => {
                    missing.push(format!("{}: {id} is not defined", item.id))
                }
                Some(_) => {}
            }
        }
    }
    missing
}

#[test]
fn every_cited_test_is_defined_in_every_combination() {
    let mut problems = Vec::new();
    for (tier, auth, billing, plan) in every_fastapi_plan() {
        for problem in missing_tests(&plan) {
            problems.push(format!("{tier}-{auth}-{billing}: {problem}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_cited_id_is_a_backend_test_node_id_and_each_part1_item_names_one() {
    for (tier, auth, billing, plan) in every_fastapi_plan() {
        for item in items(text(&plan, CHECKLIST)) {
            let variant = format!("{tier}-{auth}-{billing} {}", item.id);
            assert_eq!(item.part == 1, !item.tests.is_empty(), "{variant}");
            assert_eq!(item.part == 2, item.level.is_some(), "{variant}");
            for id in &item.tests {
                assert!(
                    id.starts_with("backend/tests/") && id.contains(".py::test"),
                    "{variant}: {id}"
                );
            }
        }
    }
}

#[test]
fn items_name_only_the_chosen_providers() {
    for (tier, auth, billing, plan) in every_fastapi_plan() {
        let checklist = text(&plan, CHECKLIST);
        for (value, name) in AUTH_NAMES.iter().chain(BILLING_NAMES.iter()) {
            let chosen = *value == auth || *value == billing;
            assert_eq!(
                checklist.contains(name),
                chosen,
                "{tier}-{auth}-{billing}: {name} {}",
                if chosen {
                    "missing"
                } else {
                    "named without being chosen"
                }
            );
        }
        let is_pro = tier != "starter";
        assert_eq!(checklist.contains("**P01**"), is_pro, "{tier}: Pro items");
        assert_eq!(
            checklist.contains("METRICS_TOKEN"),
            is_pro,
            "{tier}: metrics"
        );
        assert_eq!(
            checklist.contains("**B01**"),
            billing != "none",
            "{billing}: billing items"
        );
        assert_eq!(
            checklist.contains("**N01**"),
            billing == "none",
            "{billing}: no-billing item"
        );
    }
}

/// (part 1, CRITICAL, HIGH, RECOMMENDED) for a tier and billing, whatever the auth.
fn expected_counts(tier: &str, billing: &str) -> (usize, usize, usize, usize) {
    match (tier == "starter", billing == "none") {
        (true, true) => (13, 5, 3, 1),
        (true, false) => (20, 7, 4, 1),
        (false, true) => (23, 6, 4, 1),
        (false, false) => (30, 8, 5, 1),
    }
}

#[test]
fn item_counts_per_tier_and_billing_with_44_for_pro_with_a_provider() {
    for (tier, auth, billing, plan) in every_fastapi_plan() {
        let items = items(text(&plan, CHECKLIST));
        let level = |l: &str| {
            items
                .iter()
                .filter(|i| i.level.as_deref() == Some(l))
                .count()
        };
        let counts = (
            items.iter().filter(|i| i.part == 1).count(),
            level("CRITICAL"),
            level("HIGH"),
            level("RECOMMENDED"),
        );
        assert_eq!(
            counts,
            expected_counts(&tier, &billing),
            "{tier}-{auth}-{billing}"
        );
        let mut ids: Vec<_> = items.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(
            ids.len(),
            items.len(),
            "{tier}-{auth}-{billing}: an id appears twice"
        );
    }
    let pro = items(text(
        &plan_for("pro", "fastapi", "clerk", "stripe"),
        CHECKLIST,
    ));
    assert_eq!(pro.len(), 44);
}

#[test]
fn the_make_target_exists_exactly_where_the_checklist_does() {
    for backend in ["fastapi", "axum"] {
        let plan = plan_for("pro", backend, "clerk", "stripe");
        // Every backend has the checklist with billing too (Axum: since its billing
        // items cite the axum-billing layers' tests).
        assert!(plan.get(CHECKLIST).is_some(), "{backend}");
        let root = text(&plan, "Makefile");
        assert!(root.contains("\nsecurity-check: ## "), "{backend}");
        if backend == "fastapi" {
            assert!(text(&plan, "backend/Makefile").contains("python -m scripts.security_check"));
            assert!(plan.get("backend/scripts/security_check.py").is_some());
        }
    }
}

fn replace(plan: &mut Plan, path: &str, from: &str, to: &str) {
    let file: &mut PlannedFile = plan.files.iter_mut().find(|f| f.path == path).unwrap();
    let source = std::str::from_utf8(&file.contents).unwrap();
    assert!(source.contains(from), "{from} not in {path}");
    file.contents = source.replace(from, to).into_bytes();
}

#[test]
fn a_renamed_or_removed_test_is_reported() {
    let mut plan = plan_for("pro", "fastapi", "auth0", "stripe");
    assert_eq!(missing_tests(&plan), Vec::<String>::new());

    let auth = "backend/tests/core/test_auth.py";
    replace(
        &mut plan,
        auth,
        "def test_alg_none_is_rejected(",
        "def test_alg_none_is_refused(",
    );
    plan.files
        .retain(|f| f.path != "backend/tests/core/test_urls.py");

    assert_eq!(
        missing_tests(&plan),
        [
            "C01: backend/tests/core/test_auth.py::test_alg_none_is_rejected is not defined",
            "C09: backend/tests/core/test_urls.py is not planned",
            "C09: backend/tests/core/test_urls.py is not planned",
        ]
    );
}

#[test]
fn class_qualified_and_async_tests_are_found() {
    let source = "class TestTokens:\n    async def test_a(self):\n        pass\n\nasync def test_b():\n    pass\n";
    assert!(defines(source, "TestTokens::test_a"));
    assert!(defines(source, "test_b"));
    assert!(
        !defines(source, "test_a"),
        "a method is not a module-level test"
    );
    assert!(!defines(source, "TestOther::test_a"));
    assert!(!defines(source, "test_b_more"));
}

// --- the Axum backend's checklist ------------------------------------------------------

/// Every Axum combination (each has a checklist): (label, plan).
fn every_axum_checklist_plan() -> Vec<(String, Plan)> {
    let mut plans = Vec::new();
    for tier in Tier::value_variants() {
        for auth in Auth::value_variants() {
            for billing in Billing::value_variants() {
                let (t, a, b) = (tier.to_string(), auth.to_string(), billing.to_string());
                let plan = plan_for(&t, "axum", &a, &b);
                plans.push((format!("{t}-axum-{a}-{b}"), plan));
            }
        }
    }
    plans
}

/// True when `source` defines `name` as a test: `fn name(` (or `async fn`) right under a
/// `#[test]`-like attribute.
fn defines_rust_test(source: &str, name: &str) -> bool {
    let lines: Vec<&str> = source.lines().collect();
    lines.iter().enumerate().any(|(i, line)| {
        let def = [format!("fn {name}("), format!("async fn {name}(")];
        def.iter().any(|d| line.starts_with(d.as_str()))
            && i > 0
            && lines[i - 1].starts_with("#[")
            && lines[i - 1].contains("test")
    })
}

/// The first `mod` line a nested test module lacks: `billing/webhooks` needs `mod billing;`
/// in the `api` binary's main.rs and `mod webhooks;` in billing/mod.rs.
fn unmounted_module(plan: &Plan, module: &str) -> Option<String> {
    let mut parent = "backend/tests/api/main.rs".to_owned();
    let mut dir = "backend/tests/api".to_owned();
    for part in module.split('/') {
        let declared = plan.get(&parent).is_some()
            && text(plan, &parent)
                .lines()
                .any(|l| l == format!("mod {part};"));
        if !declared {
            return Some(format!("mod {part};"));
        }
        dir = format!("{dir}/{part}");
        parent = format!("{dir}/mod.rs");
    }
    None
}

/// Cited Axum tests (`backend/tests/api/MODULE.rs::name`, MODULE may be nested as
/// `billing/webhooks`) the plan lacks, with the reason: the file, its `mod` lines in the
/// `api` test binary, or the test function.
fn missing_rust_tests(plan: &Plan) -> Vec<String> {
    let mut missing = Vec::new();
    for item in items(text(plan, CHECKLIST)) {
        for id in &item.tests {
            let parsed = id
                .strip_prefix("backend/tests/api/")
                .and_then(|rest| rest.split_once(".rs::"));
            let Some((module, name)) = parsed else {
                missing.push(format!(
                    "{}: {id} is not backend/tests/api/MODULE.rs::NAME",
                    item.id
                ));
                continue;
            };
            let path = format!("backend/tests/api/{module}.rs");
            if plan.get(&path).is_none() {
                missing.push(format!("{}: {path} is not planned", item.id));
            } else if let Some(line) = unmounted_module(plan, module) {
                missing.push(format!("{}: the api test binary has no `{line}`", item.id));
            } else if !defines_rust_test(text(plan, &path), name) {
                missing.push(format!("{}: {id} is not defined", item.id));
            }
        }
    }
    missing
}

#[test]
fn every_axum_cited_test_is_defined_and_compiled_in_every_combination() {
    let mut problems = Vec::new();
    for (label, plan) in every_axum_checklist_plan() {
        problems.extend(
            missing_rust_tests(&plan)
                .into_iter()
                .map(|p| format!("{label}: {p}")),
        );
        let items = items(text(&plan, CHECKLIST));
        assert!(
            items.iter().filter(|i| i.part == 1).count() >= 10,
            "{label}"
        );
        for item in &items {
            assert_eq!(
                item.part == 1,
                !item.tests.is_empty(),
                "{label} {}",
                item.id
            );
            assert_eq!(item.part == 2, item.level.is_some(), "{label} {}", item.id);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn axum_projects_run_their_checklist_with_make_security_check() {
    for (label, plan) in every_axum_checklist_plan() {
        let root = text(&plan, "Makefile");
        assert!(root.contains("\nsecurity-check: ## "), "{label}");
        assert!(
            root.contains("sh backend/scripts/security-check"),
            "{label}"
        );
        let runner = plan.get("backend/scripts/security-check");
        assert!(runner.is_some_and(|f| f.executable), "{label}");
        let checklist = text(&plan, CHECKLIST);
        for (value, name) in AUTH_NAMES.into_iter().chain(BILLING_NAMES) {
            assert_eq!(
                checklist.contains(name),
                label.contains(value),
                "{label}: {name}"
            );
        }
    }
}

#[test]
fn a_renamed_or_uncompiled_rust_test_is_reported() {
    let mut plan = plan_for("starter", "axum", "clerk", "none");
    assert_eq!(missing_rust_tests(&plan), Vec::<String>::new());
    replace(
        &mut plan,
        "backend/tests/api/auth.rs",
        "async fn alg_none_is_rejected(",
        "async fn alg_none_is_refused(",
    );
    replace(&mut plan, "backend/tests/api/main.rs", "mod health;\n", "");
    let missing = missing_rust_tests(&plan);
    assert!(
        missing.contains(
            &"C01: backend/tests/api/auth.rs::alg_none_is_rejected is not defined".to_string()
        ),
        "{missing:?}"
    );
    assert!(
        missing.contains(&"C08: the api test binary has no `mod health;`".to_string()),
        "{missing:?}"
    );
}

#[test]
fn a_test_of_a_nested_module_is_found_and_an_unmounted_one_reported() {
    let mut plan = plan_for("starter", "axum", "auth0", "paddle");
    assert_eq!(missing_rust_tests(&plan), Vec::<String>::new());
    replace(
        &mut plan,
        "backend/tests/api/billing/mod.rs",
        "mod verification;\n",
        "",
    );
    let missing = missing_rust_tests(&plan);
    assert!(
        missing.contains(&"B01: the api test binary has no `mod verification;`".to_string()),
        "{missing:?}"
    );
    assert!(
        !missing.iter().any(|m| m.starts_with("B03")),
        "billing/webhooks.rs is still mounted: {missing:?}"
    );
}
