//! Invitations: created by admins, accepted by the invitee with the token, once
//! (FastAPI's tests/api/routes/test_invitations.py and its concurrent accept).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::support::{Org, audit_entries, create_org, on_plan, org_with, person, role_of};
use crate::support::{TestApp, TestResponse};

/// The token travels in the body: a path would carry it into access logs and Referers.
const ACCEPT: &str = "/api/invitations/accept";

async fn invite(app: &TestApp, org: &Org, actor: &str, email: &str, role: &str) -> TestResponse {
    app.send(
        Method::POST,
        &org.url("/invitations"),
        Some(org.token(actor)),
        Some(json!({ "email": email, "role": role })),
    )
    .await
}

async fn accept(app: &TestApp, token: &str, invitation_token: &str) -> TestResponse {
    app.send(
        Method::POST,
        ACCEPT,
        Some(token),
        Some(json!({ "token": invitation_token })),
    )
    .await
}

fn text(value: &Value) -> String {
    value.as_str().unwrap().to_string()
}

#[tokio::test]
async fn an_admin_invites_and_the_token_is_shown_once() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin")]).await;
    let created = invite(&app, &org, "adam", "Invitee@Example.com", "member").await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(created.body["email"], "invitee@example.com");
    assert_eq!(created.body["role"], "member");
    assert_eq!(created.body["status"], "pending");
    assert!(text(&created.body["token"]).len() >= 32);
    let mut keys: Vec<&String> = created.body.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["created_at", "email", "expires_at", "id", "role", "status", "token"]
    );
    let listed = app.get(&org.url("/invitations"), Some(org.token("owner"))).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed.body["items"][0]["id"], created.body["id"]);
    assert!(listed.body["items"][0].get("token").is_none());
    assert_eq!(listed.body["next_cursor"], Value::Null);
    let entries = audit_entries(&app, org.id).await;
    let entry = entries.iter().find(|e| e.0 == "invitation.created").expect("audited");
    assert_eq!(entry.1.as_deref(), Some("invitee@example.com"));
    assert_eq!(entry.2, json!({"role": "member"}));
}

#[tokio::test]
async fn the_role_defaults_to_member_and_expiry_is_seven_days() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let created = app
        .send(
            Method::POST,
            &org.url("/invitations"),
            Some(org.token("owner")),
            Some(json!({ "email": "invitee@example.com" })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.body["role"], "member");
    let expires: chrono::DateTime<chrono::Utc> = text(&created.body["expires_at"]).parse().unwrap();
    let made: chrono::DateTime<chrono::Utc> = text(&created.body["created_at"]).parse().unwrap();
    let days = (expires - made).num_hours();
    assert!((167..=168).contains(&days), "{days} hours");
}

#[tokio::test]
async fn only_the_tokens_sha256_is_stored() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let token = text(&invite(&app, &org, "owner", "invitee@example.com", "member").await.body["token"]);
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM invitations")
        .fetch_one(app.db())
        .await
        .unwrap();
    let digest: String = Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(stored, digest);
}

#[tokio::test]
async fn members_cannot_invite_or_list_and_outsiders_get_404() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let by_member = invite(&app, &org, "mia", "invitee@example.com", "member").await;
    assert_eq!(by_member.status, StatusCode::FORBIDDEN);
    assert_eq!(by_member.body, json!({"detail": "requires the admin role"}));
    let listed = app.get(&org.url("/invitations"), Some(org.token("mia"))).await;
    assert_eq!(listed.status, StatusCode::FORBIDDEN);
    let outsider = person(&app, "outsider").await;
    let by_outsider = app
        .send(
            Method::POST,
            &org.url("/invitations"),
            Some(&outsider.token),
            Some(json!({ "email": "x@example.com" })),
        )
        .await;
    assert_eq!(by_outsider.status, StatusCode::NOT_FOUND);
    assert_eq!(by_outsider.body, json!({"detail": "organization not found"}));
}

#[tokio::test]
async fn inviting_a_member_or_twice_conflicts() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let member = invite(&app, &org, "owner", "MIA@example.com", "member").await;
    assert_eq!(member.status, StatusCode::CONFLICT);
    assert_eq!(member.body, json!({"detail": "already a member"}));
    assert_eq!(
        invite(&app, &org, "owner", "invitee@example.com", "member")
            .await
            .status,
        StatusCode::CREATED
    );
    let again = invite(&app, &org, "owner", "invitee@example.com", "admin").await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.body, json!({"detail": "already invited"}));
}

#[tokio::test]
async fn only_owners_invite_owners() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin")]).await;
    let as_admin = invite(&app, &org, "adam", "invitee@example.com", "owner").await;
    assert_eq!(as_admin.status, StatusCode::FORBIDDEN);
    assert_eq!(as_admin.body, json!({"detail": "only an owner can invite owners"}));
    let as_owner = invite(&app, &org, "owner", "invitee@example.com", "owner").await;
    assert_eq!(as_owner.status, StatusCode::CREATED);
}

#[tokio::test]
async fn invalid_invitations_answer_422_naming_the_field() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let cases = [
        (json!({"email": "not-an-email"}), "email", "value_error"),
        (json!({"email": "a@b"}), "email", "value_error"),
        (json!({"role": "member"}), "email", "missing"),
        (json!({"email": "a@b.co", "role": "x"}), "role", "enum"),
        (json!({"email": "a@b.co", "extra": 1}), "extra", "extra_forbidden"),
        (json!({"email": "a\u{202e}@b.co"}), "email", "value_error"),
        (
            json!({"email": format!("{}@b.co", "a".repeat(320))}),
            "email",
            "string_too_long",
        ),
    ];
    for (body, field, kind) in cases {
        let response = app
            .send(
                Method::POST,
                &org.url("/invitations"),
                Some(org.token("owner")),
                Some(body.clone()),
            )
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let error = &response.body["detail"][0];
        assert_eq!(error["loc"], json!(["body", field]), "{body}");
        assert_eq!(error["type"], kind, "{body}");
    }
    let malformed = app
        .send(
            Method::POST,
            "/api/orgs/not-a-uuid/invitations",
            Some(org.token("owner")),
            Some(json!({"email": "a@b.co"})),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(malformed.body["detail"][0]["loc"], json!(["path", "org_id"]));
}

#[tokio::test]
async fn the_invitee_joins_with_the_invited_role_once() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let token = text(&invite(&app, &org, "owner", "invitee@example.com", "admin").await.body["token"]);
    let invitee = person(&app, "invitee").await;
    let accepted = accept(&app, &invitee.token, &token).await;
    assert_eq!(accepted.status, StatusCode::OK, "{:?}", accepted.body);
    assert_eq!(accepted.body["role"], "admin");
    assert_eq!(accepted.body["email"], "invitee@example.com");
    assert_eq!(accepted.body["user_id"], invitee.id.to_string());
    let orgs = app.get("/api/orgs", Some(&invitee.token)).await;
    assert_eq!(orgs.body["items"][0]["id"], org.id.to_string());
    let pending = app.get(&org.url("/invitations"), Some(org.token("owner"))).await;
    assert_eq!(pending.body, json!({"items": [], "next_cursor": null}));
    let reused = accept(&app, &invitee.token, &token).await;
    assert_eq!(reused.status, StatusCode::CONFLICT);
    assert_eq!(reused.body, json!({"detail": "invitation already accepted"}));
    let entries = audit_entries(&app, org.id).await;
    let entry = entries.iter().find(|e| e.0 == "invitation.accepted").expect("audited");
    assert_eq!(entry.2, json!({"role": "admin"}));
}

#[tokio::test]
async fn an_unknown_token_answers_404() {
    let app = TestApp::new().await;
    let someone = person(&app, "someone").await;
    let response = accept(&app, &someone.token, "nope").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.body, json!({"detail": "invitation not found"}));
}

#[tokio::test]
async fn an_expired_invitation_answers_410_and_is_not_listed() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let token = text(&invite(&app, &org, "owner", "invitee@example.com", "member").await.body["token"]);
    sqlx::query("UPDATE invitations SET expires_at = now() - interval '1 minute'")
        .execute(app.db())
        .await
        .unwrap();
    let invitee = person(&app, "invitee").await;
    let response = accept(&app, &invitee.token, &token).await;
    assert_eq!(response.status, StatusCode::GONE);
    assert_eq!(response.body, json!({"detail": "invitation expired or revoked"}));
    let listed = app.get(&org.url("/invitations"), Some(org.token("owner"))).await;
    assert_eq!(listed.body, json!({"items": [], "next_cursor": null}));
    // An expired invitation no longer blocks inviting the address again.
    let again = invite(&app, &org, "owner", "invitee@example.com", "member").await;
    assert_eq!(again.status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_revoked_invitation_answers_410() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin")]).await;
    let created = invite(&app, &org, "owner", "invitee@example.com", "member").await.body;
    let url = org.url(&format!("/invitations/{}", text(&created["id"])));
    let revoked = app.send(Method::DELETE, &url, Some(org.token("adam")), None).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    let invitee = person(&app, "invitee").await;
    assert_eq!(
        accept(&app, &invitee.token, &text(&created["token"])).await.status,
        StatusCode::GONE
    );
    let entries = audit_entries(&app, org.id).await;
    assert!(entries.iter().any(|e| e.0 == "invitation.revoked"));
}

#[tokio::test]
async fn revoking_twice_conflicts_and_unknown_ids_answer_404() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("mia", "member")]).await;
    let created = invite(&app, &org, "owner", "invitee@example.com", "member").await.body;
    let url = org.url(&format!("/invitations/{}", text(&created["id"])));
    let by_member = app.send(Method::DELETE, &url, Some(org.token("mia")), None).await;
    assert_eq!(by_member.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.send(Method::DELETE, &url, Some(org.token("owner")), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let twice = app.send(Method::DELETE, &url, Some(org.token("owner")), None).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.body, json!({"detail": "invitation is no longer pending"}));
    let unknown = org.url(&format!("/invitations/{}", Uuid::new_v4()));
    let missing = app.send(Method::DELETE, &unknown, Some(org.token("owner")), None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.body, json!({"detail": "invitation not found"}));
}

#[tokio::test]
async fn an_invitation_cannot_be_revoked_through_another_org() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[("adam", "admin")]).await;
    let created = invite(&app, &org, "owner", "invitee@example.com", "member").await.body;
    let other = create_org(&app, org.token("adam"), "Other").await.body;
    let url = format!("/api/orgs/{}/invitations/{}", text(&other["id"]), text(&created["id"]));
    let response = app.send(Method::DELETE, &url, Some(org.token("adam")), None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let status: String = sqlx::query_scalar("SELECT status FROM invitations")
        .fetch_one(app.db())
        .await
        .unwrap();
    assert_eq!(status, "pending");
}

#[tokio::test]
async fn accepting_with_another_or_an_unverified_email_answers_403() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let token = text(&invite(&app, &org, "owner", "invitee@example.com", "member").await.body["token"]);
    let someone_else = person(&app, "someone_else").await;
    let other = accept(&app, &someone_else.token, &token).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert_eq!(
        other.body,
        json!({"detail": "invitation was sent to another e-mail address"})
    );
    let unverified = app.token_with(json!({
        "sub": "claimant", "email": "Invitee@example.com", "email_verified": false,
    }));
    let response = accept(&app, &unverified, &token).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(
        response.body,
        json!({"detail": "verify your e-mail address to accept invitations"})
    );
    let members: i64 = sqlx::query_scalar("SELECT count(*) FROM memberships")
        .fetch_one(app.db())
        .await
        .unwrap();
    assert_eq!(members, 1);
}

#[tokio::test]
async fn accepting_while_already_a_member_conflicts() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let token = text(&invite(&app, &org, "owner", "invitee@example.com", "admin").await.body["token"]);
    let invitee = person(&app, "invitee").await;
    super::support::add_member(&app, org.id, invitee.id, "member").await;
    let response = accept(&app, &invitee.token, &token).await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    assert_eq!(response.body, json!({"detail": "already a member"}));
    assert_eq!(role_of(&app, org.id, invitee.id).await.as_deref(), Some("member"));
}

#[tokio::test]
async fn a_token_in_the_path_is_not_a_route() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    let token = text(&invite(&app, &org, "owner", "invitee@example.com", "member").await.body["token"]);
    let invitee = person(&app, "invitee").await;
    let in_path = app
        .send(
            Method::POST,
            &format!("/api/invitations/{token}/accept"),
            Some(&invitee.token),
            None,
        )
        .await;
    assert_eq!(in_path.status, StatusCode::NOT_FOUND);
    assert_eq!(accept(&app, &invitee.token, &token).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_malformed_accept_body_answers_422() {
    let app = TestApp::new().await;
    let someone = person(&app, "someone").await;
    let cases = [
        (json!({}), "token", "missing"),
        (json!({"token": ""}), "token", "string_too_short"),
        (json!({"token": "x".repeat(129)}), "token", "string_too_long"),
        (json!({"token": "t", "role": "owner"}), "role", "extra_forbidden"),
    ];
    for (body, field, kind) in cases {
        let response = app
            .send(Method::POST, ACCEPT, Some(&someone.token), Some(body.clone()))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(response.body["detail"][0]["loc"], json!(["body", field]), "{body}");
        assert_eq!(response.body["detail"][0]["type"], kind, "{body}");
    }
}

#[tokio::test]
async fn pending_invitations_are_paged_oldest_first() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    on_plan(&app, &org, "business").await; // room for every invitee (src/entitlements.rs)
    let mut made = Vec::new();
    for n in 0..5 {
        let created = invite(&app, &org, "owner", &format!("invitee{n}@example.com"), "member").await;
        made.push(created.body["id"].clone());
    }
    let mut seen = Vec::new();
    let mut url = org.url("/invitations?limit=2");
    loop {
        let page = app.get(&url, Some(org.token("owner"))).await;
        assert_eq!(page.status, StatusCode::OK, "{:?}", page.body);
        seen.extend(
            page.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item["id"].clone()),
        );
        match page.body["next_cursor"].as_str() {
            Some(cursor) => url = org.url(&format!("/invitations?limit=2&cursor={cursor}")),
            None => break,
        }
    }
    assert_eq!(seen, made);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_one_invitation_twice_at_once_joins_once() {
    let app = TestApp::new().await;
    let org = org_with(&app, &[]).await;
    on_plan(&app, &org, "business").await; // room for every invitee (src/entitlements.rs)
    for round in 0..5 {
        let email = format!("invitee{round}@example.com");
        let token = text(&invite(&app, &org, "owner", &email, "member").await.body["token"]);
        let invitee = person(&app, &format!("invitee{round}")).await;
        let (first, second) = tokio::join!(
            accept(&app, &invitee.token, &token),
            accept(&app, &invitee.token, &token)
        );
        let mut statuses = [first.status, second.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "round {round}");
        assert_eq!(role_of(&app, org.id, invitee.id).await.as_deref(), Some("member"));
    }
}
