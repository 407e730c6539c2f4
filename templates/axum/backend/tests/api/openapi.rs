//! The OpenAPI document: served under /api, generated from the handlers.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

async fn document() -> Value {
    let app = TestApp::new().await;
    let response = app.get("/api/openapi.json", None).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("content-type"), Some("application/json"));
    response.body
}

#[tokio::test]
async fn openapi_is_served_under_api() {
    let document = document().await;
    assert_eq!(document["info"]["title"], backend::TITLE);
    let paths = document["paths"].as_object().unwrap();
    assert!(paths.contains_key("/api/health"));
    assert!(paths.contains_key("/api/users/me"));
}

#[tokio::test]
async fn operation_ids_are_readable() {
    let document = document().await;
    let me = &document["paths"]["/api/users/me"];
    assert_eq!(me["get"]["operationId"], "get_current_user");
    assert_eq!(me["patch"]["operationId"], "update_current_user");
    assert_eq!(me["delete"]["operationId"], "delete_current_user");
    assert_eq!(document["paths"]["/api/health"]["get"]["operationId"], "get_health");
}

#[tokio::test]
async fn error_answers_are_documented() {
    let document = document().await;
    let responses = document["paths"]["/api/users/me"]["get"]["responses"]
        .as_object()
        .unwrap();
    for code in ["200", "401", "429", "503"] {
        assert!(responses.contains_key(code), "{code}");
    }
    assert!(document["paths"]["/api/users/me"]["patch"]["responses"]["422"].is_object());
    assert!(document["paths"]["/api/health"]["get"]["responses"]["503"].is_object());
}

#[tokio::test]
async fn bearer_tokens_are_the_security_scheme() {
    let document = document().await;
    assert_eq!(
        document["components"]["securitySchemes"]["bearerAuth"]["scheme"],
        "bearer"
    );
}

#[test]
fn the_served_document_is_what_the_binary_prints() {
    let printed: Value = serde_json::from_str(&backend::openapi_json()).unwrap();
    assert!(printed["paths"]["/api/users/me"].is_object());
}

#[tokio::test]
async fn the_user_schema_matches_the_frontends_types() {
    let document = document().await;
    let schemas = &document["components"]["schemas"];
    let mut required: Vec<&str> = schemas["User"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    required.sort_unstable();
    assert_eq!(
        required,
        [
            "avatar_url",
            "created_at",
            "email",
            "id",
            "name",
            "plan",
            "subscription_status"
        ]
    );
    assert_eq!(
        schemas["PlanId"]["enum"],
        serde_json::json!(["free", "pro", "business"])
    );
    let statuses = serde_json::json!(["none", "trialing", "active", "past_due", "canceled"]);
    assert_eq!(schemas["SubscriptionStatus"]["enum"], statuses);
}
