//! The Next.js build type-checks once: a plain `npm run build` / `make build` refuses a type
//! error, while the generated CI (which runs `npm run typecheck` just before the build) and
//! saasgen's e2e rows set SKIP_BUILD_TYPECHECK=1 so `next build` does not repeat tsc.

use saasgen::keys::Partial;
use saasgen::plan::{self, Plan};

const SKIP: &str = "SKIP_BUILD_TYPECHECK";

fn plan_for(ci: &str) -> Plan {
    let mut p = Partial::default();
    for (k, v) in [
        ("name", "acme"),
        ("tier", "pro"),
        ("backend", "fastapi"),
        ("frontend", "nextjs"),
        ("auth", "clerk"),
        ("billing", "stripe"),
        ("ci", ci),
    ] {
        p.set(k, v, "test").unwrap();
    }
    plan::plan(&p.build().unwrap()).unwrap()
}

fn text<'a>(plan: &'a Plan, path: &str) -> &'a str {
    let file = plan
        .get(path)
        .unwrap_or_else(|| panic!("{path} is not planned"));
    std::str::from_utf8(&file.contents).unwrap()
}

#[test]
fn next_build_skips_its_type_check_only_when_the_variable_says_so() {
    let plan = plan_for("github");
    let config = text(&plan, "frontend/next.config.ts");
    let expected = format!("typescript: {{ ignoreBuildErrors: process.env.{SKIP} === \"1\" }}");
    assert!(
        config.contains(&expected),
        "next.config.ts lacks `{expected}`"
    );
}

#[test]
fn a_users_plain_build_still_type_checks() {
    let plan = plan_for("github");
    for path in [
        "frontend/package.json",
        "Makefile",
        ".env.example",
        "frontend/.env.example",
    ] {
        if let Some(file) = plan.get(path) {
            let text = std::str::from_utf8(&file.contents).unwrap();
            assert!(!text.contains(SKIP), "{path} sets {SKIP}");
        }
    }
}

#[test]
fn ci_sets_the_variable_and_type_checks_before_the_build() {
    for (ci, path) in [
        ("github", ".github/workflows/ci.yml"),
        ("gitlab", ".gitlab-ci.yml"),
    ] {
        let plan = plan_for(ci);
        let ci_file = text(&plan, path);
        let frontend = &ci_file[ci_file.find("frontend:").expect("a frontend job")..];
        assert!(
            frontend.contains(&format!("{SKIP}: \"1\"")),
            "{path}: the frontend job does not set {SKIP}"
        );
        let typecheck = frontend
            .find("npm run typecheck")
            .expect("a type-check step");
        let build = frontend.find("npm run build").expect("a build step");
        assert!(
            typecheck < build,
            "{path}: the build runs before the type-check"
        );
    }
}
