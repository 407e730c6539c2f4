//! The embedded migrations: they apply, `migrate-check` sees what is missing, and the
//! constraints the code relies on exist.

use backend::db::unapplied_migrations;

use crate::support::TestApp;

#[tokio::test]
async fn a_migrated_database_is_up_to_date() {
    let app = TestApp::new().await;
    assert_eq!(unapplied_migrations(app.db()).await.unwrap(), Vec::<String>::new());
}

#[tokio::test]
async fn a_database_without_the_migrations_is_reported() {
    let app = TestApp::new().await;
    sqlx::query("DROP TABLE _sqlx_migrations")
        .execute(app.db())
        .await
        .unwrap();
    let missing = unapplied_migrations(app.db()).await.unwrap();
    assert_eq!(missing.first().map(String::as_str), Some("1 initial not applied"));
}

#[tokio::test]
async fn an_edited_migration_is_reported() {
    let app = TestApp::new().await;
    sqlx::query("UPDATE _sqlx_migrations SET checksum = '\\x00' WHERE version = 1")
        .execute(app.db())
        .await
        .unwrap();
    let changed = unapplied_migrations(app.db()).await.unwrap();
    assert_eq!(changed, ["1 initial changed since it was applied"]);
}

#[tokio::test]
async fn one_subject_is_one_user() {
    let app = TestApp::new().await;
    let insert = "INSERT INTO users (id, auth_subject) VALUES (gen_random_uuid(), 'user_1')";
    sqlx::query(insert).execute(app.db()).await.unwrap();
    let error = sqlx::query(insert).execute(app.db()).await.unwrap_err();
    let code = error.as_database_error().and_then(|e| e.code()).map(|c| c.to_string());
    assert_eq!(code.as_deref(), Some("23505"));
}

#[test]
fn the_tests_never_use_the_applications_database() {
    use crate::support::same_database;
    assert!(same_database(
        "postgresql://a:x@db:5432/app",
        "postgresql://b@db/app?sslmode=require"
    ));
    assert!(!same_database(
        "postgresql://a@db:5432/app",
        "postgresql://a@db:5432/app_test"
    ));
    assert!(!same_database(
        "postgresql://a@db:5432/app",
        "postgresql://a@other:5432/app"
    ));
}
