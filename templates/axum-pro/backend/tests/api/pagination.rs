//! Cursor pagination as the admin flag list answers it (organizations, members and
//! invitations page the same way with `backend::pagination`): a page holds `limit` rows
//! (default 50, at most 100) and a `next_cursor` until the last page; a cursor that is not
//! one of the list's own is a 422 on `["query", "cursor"]`.

use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::flags::{admin, admin_app};
use crate::support::TestApp;

/// `n` flags; their keys in list order.
async fn seed_flags(app: &TestApp, n: usize) -> Vec<String> {
    let keys: Vec<String> = (0..n).map(|i| format!("flag-{i:03}")).collect();
    sqlx::query("INSERT INTO feature_flags (id, key) SELECT gen_random_uuid(), k FROM unnest($1::text[]) AS k")
        .bind(&keys)
        .execute(app.db())
        .await
        .unwrap();
    keys
}

async fn get_page(app: &TestApp, token: &str, query: &str) -> Value {
    let response = app.get(&format!("/api/admin/flags{query}"), Some(token)).await;
    assert_eq!(response.status, StatusCode::OK, "{query}: {:?}", response.body);
    let mut fields: Vec<&String> = response.body.as_object().unwrap().keys().collect();
    fields.sort();
    assert_eq!(fields, ["items", "next_cursor"]);
    response.body
}

fn keys_of(page: &Value) -> Vec<String> {
    let items = page["items"].as_array().unwrap();
    items
        .iter()
        .map(|item| item["key"].as_str().unwrap().to_owned())
        .collect()
}

fn b64(raw: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(raw)
}

fn cursor_of(payload: Value) -> String {
    b64(payload.to_string().as_bytes())
}

#[tokio::test]
async fn pages_walk_the_whole_list_in_order() {
    let app = admin_app().await;
    let token = admin(&app);
    let expected = seed_flags(&app, 7).await;
    let (mut sizes, mut seen, mut query) = (vec![], vec![], "?limit=3".to_owned());
    loop {
        let page = get_page(&app, &token, &query).await;
        sizes.push(page["items"].as_array().unwrap().len());
        seen.extend(keys_of(&page));
        let Some(cursor) = page["next_cursor"].as_str() else {
            assert!(page["next_cursor"].is_null());
            break;
        };
        query = format!("?limit=3&cursor={cursor}");
    }
    assert_eq!(sizes, [3, 3, 1]);
    assert_eq!(seen, expected); // in order: no duplicates, no gaps
}

#[tokio::test]
async fn the_default_page_holds_50_and_a_page_at_most_100() {
    let app = admin_app().await;
    let token = admin(&app);
    let expected = seed_flags(&app, 101).await;
    let first = get_page(&app, &token, "").await;
    assert_eq!(keys_of(&first), expected[..50]);
    assert!(first["next_cursor"].is_string());
    let full = get_page(&app, &token, "?limit=100").await;
    assert_eq!(keys_of(&full), expected[..100]);
    let cursor = full["next_cursor"].as_str().unwrap();
    let rest = get_page(&app, &token, &format!("?limit=100&cursor={cursor}")).await;
    assert_eq!(keys_of(&rest), expected[100..]);
    assert!(rest["next_cursor"].is_null());
    for limit in ["0", "101", "-1", "ten"] {
        let response = app.get(&format!("/api/admin/flags?limit={limit}"), Some(&token)).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{limit}");
        assert_eq!(response.body["detail"][0]["loc"], json!(["query", "limit"]));
    }
}

#[tokio::test]
async fn a_cursor_not_from_this_list_is_a_422() {
    let app = admin_app().await;
    let token = admin(&app);
    seed_flags(&app, 2).await;
    let bad = [
        "%25%25%25".to_owned(),
        "%C3%A9t%C3%A9".to_owned(),
        b64(b"\xff\xfe not json"),
        cursor_of(json!([1, 2])),
        cursor_of(json!({ "after": ["x"] })),
        cursor_of(json!({ "list": "orgs", "after": ["2026-01-01T00:00:00Z", "7b0b5a9e-0f58-4d36-9d7e-1a2b3c4d5e6f"] })),
        cursor_of(json!({ "list": "flags", "after": [1] })),
        cursor_of(json!({ "list": "flags", "after": ["a\u{0}b"] })),
        cursor_of(json!({ "list": "flags", "after": ["Not A Key"] })),
        cursor_of(json!({ "list": "flags" })),
        b64(br#"{"list":"flags","after":["\ud800"]}"#),
        b64(format!("{}{}", "[".repeat(150), "]".repeat(150)).as_bytes()),
        "A".repeat(501),
    ];
    for cursor in bad {
        let response = app
            .get(&format!("/api/admin/flags?cursor={cursor}"), Some(&token))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{cursor}");
        let detail = response.body["detail"].as_array().unwrap();
        assert_eq!(detail.len(), 1, "{cursor}");
        assert_eq!(detail[0]["loc"], json!(["query", "cursor"]), "{cursor}");
        assert_eq!(detail[0].as_object().unwrap().len(), 3, "no input echoed: {cursor}");
    }
}

#[tokio::test]
async fn a_cursor_of_another_list_says_so() {
    let app = admin_app().await;
    let token = admin(&app);
    let cursor = cursor_of(
        json!({ "list": "members", "after": ["2026-01-01T00:00:00Z", "7b0b5a9e-0f58-4d36-9d7e-1a2b3c4d5e6f"] }),
    );
    let response = app
        .get(&format!("/api/admin/flags?cursor={cursor}"), Some(&token))
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let msg = response.body["detail"][0]["msg"].as_str().unwrap();
    assert!(msg.contains("not from this list"), "{msg}");
}

#[tokio::test]
async fn members_still_cannot_page_flags() {
    let app = admin_app().await;
    seed_flags(&app, 3).await;
    let response = app.get("/api/admin/flags?limit=1", Some(&app.token("member_0"))).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
}
