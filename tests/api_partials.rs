//! The frontend's `openapi.json` and `schema.d.ts` come from one partial per tier group
//! and billing on/off, with the provider templated (docs/templates.md, "The frontend's API
//! types"). The provider's display name is written there and in the backend's webhook
//! route, so these checks tie the two together for every combination: the frontend
//! documents exactly the webhook route the backend serves, with the backend's docstring.

#[allow(dead_code)] // the tier0 tests use the rest of it
#[path = "tier0/corpus.rs"]
mod corpus;

use corpus::{Combo, Corpus, corpus};

const WEBHOOKS: &str = "backend/app/api/routes/webhooks.py";

fn file<'a>(corpus: &'a Corpus, combo: &Combo, path: &str) -> Option<&'a str> {
    combo.files.get(path).map(|&id| corpus.text(id))
}

/// `(path, description)` of every `/api/webhooks/...` route in an OpenAPI document.
fn webhook_routes(openapi: &str) -> Vec<(String, String)> {
    let doc: serde_json::Value = serde_json::from_str(openapi).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    paths
        .iter()
        .filter(|(path, _)| path.starts_with("/api/webhooks/"))
        .map(|(path, ops)| {
            let about = ops["post"]["description"].as_str().unwrap_or_default();
            (path.clone(), about.to_owned())
        })
        .collect()
}

/// The problems of one FastAPI combination's frontend API files against its backend (the
/// partials are the FastAPI backend's document whatever the backend).
fn problems(corpus: &Corpus, combo: &Combo) -> Vec<String> {
    let (Some(openapi), Some(types)) = (
        file(corpus, combo, "frontend/openapi.json"),
        file(corpus, combo, "frontend/src/lib/api/schema.d.ts"),
    ) else {
        return vec![];
    };
    let routes = webhook_routes(openapi);
    let Some(backend) = file(corpus, combo, WEBHOOKS) else {
        return match routes.is_empty() && !types.contains("/api/webhooks/") {
            true => vec![],
            false => vec![format!("documents a webhook route without {WEBHOOKS}")],
        };
    };
    let want = format!("/api/webhooks/{}", combo.choice("billing"));
    match routes.as_slice() {
        [(path, about)] if *path == want => [
            (
                backend.contains(&format!("\"\"\"{about}\"\"\"")),
                "its description is not the backend's docstring",
            ),
            (
                types.contains(&format!("\"{want}\": {{")),
                "schema.d.ts lacks the route",
            ),
            (
                types.contains(&format!("* @description {about}\n")),
                "schema.d.ts lacks its description",
            ),
        ]
        .into_iter()
        .filter(|(ok, _)| !ok)
        .map(|(_, problem)| format!("{want}: {problem}"))
        .collect(),
        _ => vec![format!("webhook routes {routes:?}, want only {want}")],
    }
}

#[test]
fn the_frontend_documents_the_webhook_route_the_backend_serves() {
    let corpus = corpus();
    let failures: Vec<String> = corpus
        .combos
        .iter()
        .filter(|combo| combo.choice("backend") == "fastapi")
        .flat_map(|combo| {
            let label = combo.label();
            problems(corpus, combo)
                .into_iter()
                .map(move |p| format!("{label}: {p}"))
        })
        .collect();
    let checked = corpus
        .combos
        .iter()
        .filter(|c| c.files.contains_key(WEBHOOKS) && c.files.contains_key("frontend/openapi.json"))
        .count();
    assert!(checked > 0, "no combination has {WEBHOOKS} and a frontend");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
