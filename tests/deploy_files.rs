//! The deployment files agree with the rest of the generated project, for every tier,
//! backend, frontend and billing value (rendered in memory): compose.yaml's `db` service,
//! which `make db` starts, uses DATABASE_URL's default user, password, port and database;
//! Pro and Agency get their Dockerfiles at the paths CI builds, Starter none; every image
//! is pinned to a version; nginx and the Ingress refuse exactly the bodies the API refuses;
//! every kustomization names only files the project has. The tools' own verdicts (hadolint,
//! the Compose schema, `nginx -t`, systemd, Kubernetes schemas, shellcheck) are the
//! end-to-end suite's job: tests/e2e/deploy_checks.py.

use std::sync::OnceLock;

use clap::ValueEnum;
use saasgen::answers::{Backend, Billing, Frontend, Tier};
use saasgen::keys::Partial;
use saasgen::plan::{self, Plan};
use serde_norway::Value;

struct Project {
    label: String,
    pro: bool,
    fastapi: bool,
    nextjs: bool,
    billing: bool,
    plan: Plan,
}

impl Project {
    fn text(&self, path: &str) -> &str {
        let file = self.plan.get(path);
        let file = file.unwrap_or_else(|| panic!("{}: {path} is not planned", self.label));
        std::str::from_utf8(&file.contents).unwrap()
    }

    fn yaml(&self, path: &str) -> Value {
        serde_norway::from_str(self.text(path)).unwrap()
    }

    fn has(&self, path: &str) -> bool {
        self.plan.get(path).is_some()
    }
}

fn projects() -> &'static [Project] {
    static PROJECTS: OnceLock<Vec<Project>> = OnceLock::new();
    PROJECTS.get_or_init(|| {
        let mut all = Vec::new();
        for tier in Tier::value_variants() {
            for backend in Backend::value_variants() {
                for frontend in Frontend::value_variants() {
                    for billing in Billing::value_variants() {
                        all.push(project(*tier, *backend, *frontend, *billing));
                    }
                }
            }
        }
        all
    })
}

fn project(tier: Tier, backend: Backend, frontend: Frontend, billing: Billing) -> Project {
    let mut partial = Partial::default();
    partial.set("name", "acme", "test").unwrap();
    let answers = [
        ("tier", tier.to_string()),
        ("backend", backend.to_string()),
        ("frontend", frontend.to_string()),
        ("billing", billing.to_string()),
    ];
    for (key, value) in answers {
        partial.set(key, value, "test").unwrap();
    }
    let built = partial.build().unwrap();
    Project {
        label: format!("{tier}-{backend}-{frontend}-{billing}"),
        pro: tier != Tier::Starter,
        fastapi: backend.to_string() == "fastapi",
        nextjs: frontend.to_string() == "nextjs",
        billing: billing.to_string() != "none",
        plan: plan::plan(&built).unwrap(),
    }
}

/// `KEY=value` of `.env.example`.
fn env_value<'a>(env: &'a str, key: &str) -> &'a str {
    let line = env.lines().find(|l| l.starts_with(&format!("{key}=")));
    line.unwrap_or_else(|| panic!("{key} is not in .env.example"))[key.len() + 1..].trim()
}

/// The default of a `${NAME:-default}` interpolation.
fn interpolation_default<'a>(value: &'a str, name: &str) -> &'a str {
    let start = format!("${{{name}:-");
    let rest = value
        .split_once(&start)
        .unwrap_or_else(|| panic!("`{value}` does not interpolate {name} with a default"))
        .1;
    rest.split_once('}').unwrap().0
}

#[test]
fn compose_db_uses_the_user_password_port_and_database_of_env_example() {
    for p in projects() {
        let url = env_value(p.text(".env.example"), "DATABASE_URL");
        // postgresql://USER:PASSWORD@HOST:PORT/DATABASE
        let (credentials, location) = url["postgresql://".len()..].split_once('@').unwrap();
        let (user, password) = credentials.split_once(':').unwrap();
        let (host_port, database) = location.split_once('/').unwrap();
        let port = host_port.split_once(':').unwrap().1;

        let db = &p.yaml("compose.yaml")["services"]["db"];
        let env = &db["environment"];
        let field = |v: &Value| v.as_str().unwrap().to_owned();
        let label = &p.label;
        assert_eq!(
            interpolation_default(&field(&env["POSTGRES_USER"]), "POSTGRES_USER"),
            user,
            "{label}"
        );
        assert_eq!(
            interpolation_default(&field(&env["POSTGRES_PASSWORD"]), "POSTGRES_PASSWORD"),
            password,
            "{label}"
        );
        assert_eq!(
            interpolation_default(&field(&env["POSTGRES_DB"]), "POSTGRES_DB"),
            database,
            "{label}"
        );
        let published = field(&db["ports"][0]);
        assert_eq!(
            interpolation_default(&published, "POSTGRES_PORT"),
            port,
            "{label}"
        );
        assert!(published.starts_with("127.0.0.1:"), "{label}: {published}");
        assert!(db["healthcheck"]["test"].is_sequence(), "{label}");
    }
}

#[test]
fn pro_projects_have_dockerfiles_where_ci_builds_them_and_starter_only_compose() {
    for p in projects() {
        let services = p.yaml("compose.yaml")["services"].clone();
        let names: Vec<_> = services
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap().to_owned())
            .collect();
        if !p.pro {
            assert_eq!(names, ["db"], "{}", p.label);
            assert!(
                !p.plan
                    .files
                    .iter()
                    .any(|f| f.path.starts_with("deploy/") || f.path.ends_with("Dockerfile"))
            );
            continue;
        }
        let mut expected = vec!["db", "migrate", "backend"];
        if p.nextjs {
            expected.push("frontend");
        }
        expected.push("nginx");
        assert_eq!(names, expected, "{}", p.label);
        assert!(p.has("backend/Dockerfile"), "{}", p.label);
        let entrypoint = p.plan.get("backend/docker-entrypoint.sh");
        assert!(entrypoint.is_some_and(|f| f.executable), "{}", p.label);
        assert_eq!(p.has("frontend/Dockerfile"), p.nextjs, "{}", p.label);
    }
}

/// `image:` values of compose and Kubernetes files, and Dockerfile base images.
fn images(p: &Project) -> Vec<String> {
    let mut found = Vec::new();
    for file in &p.plan.files {
        let text = std::str::from_utf8(&file.contents).unwrap_or_default();
        if file.path == "compose.yaml" {
            found.extend(
                text.lines()
                    .filter_map(|l| l.trim().strip_prefix("image: "))
                    .map(str::to_owned),
            );
        }
        if file.path.ends_with("Dockerfile") {
            let base = text
                .lines()
                .filter_map(|l| l.strip_prefix("ARG ").and_then(|a| a.split_once("_IMAGE=")));
            found.extend(base.map(|(_, image)| image.to_owned()));
        }
    }
    found
}

#[test]
fn every_third_party_image_is_pinned_to_a_version() {
    let own = |image: &str| image.starts_with("acme-");
    for p in projects() {
        let pinned = |image: &String| {
            let tag = image.rsplit_once(':').map_or("", |(_, t)| t);
            tag.split('-').next().unwrap().split('.').count() >= 2
        };
        let loose: Vec<_> = images(p)
            .into_iter()
            .filter(|i| !own(i) && !pinned(i))
            .collect();
        assert!(loose.is_empty(), "{}: {loose:?}", p.label);
        assert!(
            images(p).iter().any(|i| i.starts_with("postgres:")),
            "{}",
            p.label
        );
    }
}

/// `MAX_WEBHOOK_BYTES = 1024 * 1024` in the webhook route, in bytes.
fn webhook_limit(p: &Project) -> u64 {
    let source = p.text("backend/app/api/routes/webhooks.py");
    let line = source
        .lines()
        .find_map(|l| l.strip_prefix("MAX_WEBHOOK_BYTES = "))
        .unwrap();
    line.split('*')
        .map(|f| f.trim().parse::<u64>().unwrap())
        .product()
}

/// nginx's `1m` / `512k` sizes, in bytes.
fn nginx_size(size: &str) -> u64 {
    let (number, unit) = size.split_at(size.len() - 1);
    let factor = match unit {
        "m" => 1024 * 1024,
        "k" => 1024,
        _ => panic!("unexpected size `{size}`"),
    };
    number.parse::<u64>().unwrap() * factor
}

#[test]
fn nginx_and_the_ingress_refuse_bodies_larger_than_the_api_accepts() {
    for p in projects()
        .iter()
        .filter(|p| p.pro && p.fastapi && p.billing)
    {
        let limit = webhook_limit(p);
        let nginx = p.text("deploy/nginx.conf");
        let directive = nginx
            .lines()
            .find_map(|l| l.trim().strip_prefix("client_max_body_size "));
        let nginx_limit = nginx_size(directive.unwrap().trim_end_matches(';'));
        assert_eq!(nginx_limit, limit, "{}: deploy/nginx.conf", p.label);
        let ingress = p.yaml("deploy/k8s/base/ingress.yaml");
        let annotation =
            &ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"];
        assert_eq!(
            nginx_size(annotation.as_str().unwrap()),
            limit,
            "{}: ingress",
            p.label
        );
    }
}

#[test]
fn every_kustomization_names_only_files_the_project_has() {
    for p in projects().iter().filter(|p| p.pro) {
        let kustomizations = p
            .plan
            .files
            .iter()
            .filter(|f| f.path.ends_with("kustomization.yaml"));
        for file in kustomizations {
            let dir = file.path.trim_end_matches("kustomization.yaml");
            let k = p.yaml(&file.path);
            let resources = k["resources"].as_sequence().unwrap().iter();
            let patches = k["patches"]
                .as_sequence()
                .into_iter()
                .flatten()
                .map(|x| &x["path"]);
            for entry in resources.chain(patches) {
                let target = normalize(&format!("{dir}{}", entry.as_str().unwrap()));
                let exists = p.has(&target) || p.has(&format!("{target}/kustomization.yaml"));
                assert!(exists, "{}: {} names {target}", p.label, file.path);
            }
        }
    }
}

/// `a/b/../../c` to `c`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "" | "." => {}
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// `deploy/...` paths and `compose.yaml` named in inline code of the docs, outside fenced
/// blocks (tests/generated_docs.rs checks the backend/, frontend/ and docs/ ones).
fn named_deploy_paths(markdown: &str) -> Vec<String> {
    let mut named = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence {
            continue;
        }
        let spans = line.split('`').skip(1).step_by(2);
        let words = spans.flat_map(str::split_whitespace);
        let paths = words.filter(|w| w.starts_with("deploy/") || *w == "compose.yaml");
        named.extend(paths.map(|w| w.trim_end_matches(['.', ',', ':', ')', '/']).to_owned()));
    }
    named
}

#[test]
fn every_deployment_file_the_docs_name_exists() {
    for p in projects() {
        let docs = p.plan.files.iter().filter(|f| f.path.ends_with(".md"));
        for doc in docs {
            let text = std::str::from_utf8(&doc.contents).unwrap();
            for path in named_deploy_paths(text) {
                let exists = p.has(&path)
                    || p.plan
                        .files
                        .iter()
                        .any(|f| f.path.starts_with(&format!("{path}/")));
                assert!(exists, "{}: {} names `{path}`", p.label, doc.path);
            }
        }
    }
}

/// The `VALUE` of the first line starting with `prefix` (`ARG RUST_IMAGE=`), up to `end`.
fn value_after<'a>(text: &'a str, prefix: &str, end: char) -> &'a str {
    let rest = text
        .split_once(prefix)
        .unwrap_or_else(|| panic!("no `{prefix}`"))
        .1;
    rest.split(end).next().unwrap().trim()
}

#[test]
fn the_axum_image_builds_exactly_cargo_lock_and_runs_one_binary_as_a_non_root_user() {
    for p in projects().iter().filter(|p| p.pro && !p.fastapi) {
        let docker = p.text("backend/Dockerfile");
        let label = &p.label;
        assert!(
            docker.starts_with("# syntax=docker/dockerfile:1\n"),
            "{label}"
        );
        assert!(docker.contains("cargo build --locked --release"), "{label}");
        assert!(docker.contains("\nUSER 10001:10001\n"), "{label}");
        assert!(docker.contains("\nHEALTHCHECK "), "{label}");
        assert!(docker.contains("/api/health"), "{label}");
        // The runtime stage starts from the slim image and copies the binary, no toolchain.
        let runtime = docker.split_once("AS runtime").unwrap().1;
        assert!(!runtime.contains("cargo "), "{label}");
        // One binary name across the image, its entrypoint and the systemd unit.
        let bin = value_after(docker, "target/release/", ' ');
        assert!(
            runtime.contains(&format!("/usr/local/bin/{bin}")),
            "{label}"
        );
        let entrypoint = p.text("backend/docker-entrypoint.sh");
        assert!(entrypoint.contains(&format!("exec {bin} serve")), "{label}");
        assert!(
            entrypoint.contains(&format!("exec {bin} migrate")),
            "{label}"
        );
        let unit = p.text("deploy/systemd/acme-backend.service");
        assert!(
            unit.contains(&format!("release/{bin} migrate\n")),
            "{label}"
        );
        assert!(unit.contains(&format!("release/{bin} serve\n")), "{label}");
    }
}

#[test]
fn the_axum_image_and_ci_use_one_rust_release() {
    for p in projects().iter().filter(|p| p.pro && !p.fastapi) {
        let image = value_after(p.text("backend/Dockerfile"), "ARG RUST_IMAGE=rust:", '-');
        let ci = p.text(".github/workflows/ci.yml");
        let installed = value_after(ci, "rustup toolchain install ", ' ');
        assert_eq!(image, installed, "{}", p.label);
    }
}

#[test]
fn compose_lets_each_backend_read_the_client_address_nginx_forwards() {
    for p in projects().iter().filter(|p| p.pro) {
        let backend = &p.yaml("compose.yaml")["services"]["backend"]["environment"];
        let setting = if p.fastapi {
            "FORWARDED_ALLOW_IPS"
        } else {
            "TRUSTED_PROXIES"
        };
        let value = backend[setting].as_str().unwrap_or_default();
        assert!(!value.is_empty(), "{}: {setting} is not set", p.label);
    }
}

/// The Axum server refuses to start on a RATE_LIMIT_STORAGE_URL other than `memory://`:
/// no deployment template of an Axum project may set one.
#[test]
fn axum_deployment_templates_set_no_shared_rate_limit_storage() {
    for p in projects().iter().filter(|p| p.pro && !p.fastapi) {
        let secret = p.yaml("deploy/k8s/base/secret.example.yaml");
        let storage = &secret["stringData"]["RATE_LIMIT_STORAGE_URL"];
        assert!(storage.is_null(), "{}: {storage:?}", p.label);
    }
    let fastapi = projects().iter().find(|p| p.pro && p.fastapi).unwrap();
    let secret = fastapi.yaml("deploy/k8s/base/secret.example.yaml");
    assert!(secret["stringData"]["RATE_LIMIT_STORAGE_URL"].is_string());
}
