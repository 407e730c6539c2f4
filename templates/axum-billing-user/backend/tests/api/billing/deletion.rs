//! Deleting the account cancels its live subscription at the provider first.

use axum::extract::State;
use axum::http::StatusCode;
use backend::auth::CurrentUser;
use backend::billing::fake::Call;
use backend::billing::provider::BillingError;
use backend::billing::subscriptions::CANCEL_FAILED;
use backend::routes::users::delete_current_user;
use backend::users::User;
use serde_json::json;

use super::support::BillingApp;

async fn delete(app: &BillingApp, user: &User) -> Result<StatusCode, backend::AppError> {
    delete_current_user(State(app.app.state.clone()), CurrentUser(user.clone())).await
}

#[tokio::test]
async fn deleting_the_account_cancels_its_subscription_first() {
    let app = BillingApp::new().await;
    let user = app
        .user_row(app.subscriber("active", "sub_live", "cus_1").await.id)
        .await;
    assert_eq!(delete(&app, &user).await.unwrap(), StatusCode::NO_CONTENT);
    assert_eq!(app.fake.calls(), [Call::Cancel("sub_live".into())]);
    assert!(!app.exists(user.id).await);
}

#[tokio::test]
async fn when_the_provider_cannot_cancel_nothing_is_deleted() {
    let app = BillingApp::new().await;
    let user = app
        .user_row(app.subscriber("past_due", "sub_live", "cus_1").await.id)
        .await;
    app.fake.fail_with(BillingError::Provider("down".into()));
    let error = delete(&app, &user).await.unwrap_err();
    assert_eq!(
        (error.status(), error.detail().clone()),
        (StatusCode::BAD_GATEWAY, json!(CANCEL_FAILED))
    );
    assert!(app.exists(user.id).await);
    assert_eq!(
        app.plan_of(&app.reload(&user.id).await).await,
        ("pro".to_owned(), "past_due".to_owned())
    );
}

#[tokio::test]
async fn without_a_live_subscription_the_provider_is_not_called() {
    let app = BillingApp::new().await;
    let never_paid = app.user().await;
    let cancelled = app
        .user_row(app.subscriber("canceled", "sub_old", "cus_1").await.id)
        .await;
    for user in [&never_paid, &cancelled] {
        assert_eq!(delete(&app, user).await.unwrap(), StatusCode::NO_CONTENT);
        assert!(!app.exists(user.id).await);
    }
    assert!(app.fake.calls().is_empty());
}
