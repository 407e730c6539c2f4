//! Who may use /api/admin/flags: subjects in SUPERUSER_SUBJECTS, or verified SUPERUSER_EMAILS.
//! (`admin_app` has FastAPI's test settings: root_subject and admin@example.com.)

use axum::http::StatusCode;
use backend::auth::Profile;
use serde_json::json;

use crate::flags::admin_app;
use crate::support::Answer;

fn profile(verified: bool) -> Answer {
    Answer::Profile(Some(Profile {
        email: Some("admin@example.com".into()),
        email_verified: verified,
        name: None,
        avatar_url: None,
    }))
}

#[tokio::test]
async fn an_unverified_email_of_a_superuser_gets_403() {
    let app = admin_app().await;
    let token = app.token_with(json!({ "sub": "mallory", "email": "admin@example.com", "email_verified": false }));
    let response = app.get("/api/admin/flags", Some(&token)).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(response.body, json!({ "detail": "superuser only" }));
}

#[tokio::test]
async fn a_superuser_email_without_a_verified_claim_gets_403() {
    let app = admin_app().await;
    // The claim is missing and the provider does not vouch for the address either.
    app.profiles.answer(profile(false));
    let token = app.token_with(json!({ "sub": "mallory", "email": "admin@example.com", "email_verified": null }));
    assert_eq!(
        app.get("/api/admin/flags", Some(&token)).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_subject_listed_in_superuser_subjects_gets_200_without_any_email() {
    let app = admin_app().await;
    let token = app.token_with(json!({ "sub": "root_subject", "email": null, "email_verified": null }));
    let response = app.get("/api/admin/flags", Some(&token)).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body, json!({ "items": [], "next_cursor": null }));
}

#[tokio::test]
async fn an_email_the_provider_verified_gets_200() {
    let app = admin_app().await;
    app.profiles.answer(profile(true));
    let token = app.token_with(json!({ "sub": "ops", "email": null, "email_verified": null }));
    assert_eq!(app.get("/api/admin/flags", Some(&token)).await.status, StatusCode::OK);
}
