//! Billing endpoints: the plan catalog, hosted checkout and the customer portal.
//!
//! One subscription per user: while one is live (trialing, active or past due), checkout
//! answers 409 and plan changes, payment methods and cancellation go through the provider's
//! customer portal, which changes that subscription instead of starting a second one.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::billing::event::CheckoutParams;
use crate::billing::plans::{PaidPlan, is_live};
use crate::billing::provider::BillingError;
use crate::billing::redirect::is_allowed_origin;
use crate::body::{FromJson, JsonBody, object, text};
use crate::error::{AppError, AppResult, FieldError};
use crate::openapi::{ErrorDetail, HTTPValidationError};
use crate::state::AppState;

pub const REDIRECT_NOT_ALLOWED: &str = "redirect url not allowed";
pub const ALREADY_SUBSCRIBED: &str = "already subscribed: change or cancel the plan in the customer portal";

#[derive(Debug, Serialize, ToSchema)]
pub struct RedirectUrl {
    pub url: String,
}

/// The body of `POST /api/billing/checkout`: both URLs must be on an allowed origin.
#[derive(Debug, ToSchema)]
#[schema(as = CheckoutRequest)]
#[allow(dead_code)] // the schema of the body; `CheckoutBody` is what is read
pub struct CheckoutRequest {
    #[schema(inline)]
    plan: PaidPlan,
    #[schema(min_length = 1, max_length = 2048)]
    success_url: String,
    #[schema(min_length = 1, max_length = 2048)]
    cancel_url: String,
}

/// The body of `POST /api/billing/portal`: the URL must be on an allowed origin.
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // the schema of the body; `PortalBody` is what is read
pub struct PortalRequest {
    #[schema(min_length = 1, max_length = 2048)]
    return_url: String,
}

pub struct CheckoutBody {
    pub plan: PaidPlan,
    pub success_url: String,
    pub cancel_url: String,
}

pub struct PortalBody {
    pub return_url: String,
}

/// A required field's value, or the 422 entry pydantic writes when it is missing.
fn required<'a>(body: &'a Map<String, Value>, field: &str, errors: &mut Vec<FieldError>) -> Option<&'a Value> {
    let value = body.get(field);
    if value.is_none() {
        errors.push(FieldError::body(field, "Field required", "missing"));
    }
    value
}

/// A redirect URL field: trimmed text of 1 to 2048 safe characters.
fn url_field(body: &Map<String, Value>, field: &str, errors: &mut Vec<FieldError>) -> String {
    let checked = required(body, field, errors).map(|value| text(field, value, 1, 2048));
    match checked {
        Some(Ok(url)) => url,
        Some(Err(error)) => {
            errors.push(error);
            String::new()
        }
        None => String::new(),
    }
}

impl FromJson for CheckoutBody {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let body = object(value)?;
        let mut errors = Vec::new();
        let plan = required(body, "plan", &mut errors).and_then(|plan| {
            let parsed = plan.as_str().and_then(PaidPlan::parse);
            if parsed.is_none() {
                errors.push(FieldError::body(
                    "plan",
                    "Input should be 'pro' or 'business'",
                    "literal_error",
                ));
            }
            parsed
        });
        let success_url = url_field(body, "success_url", &mut errors);
        let cancel_url = url_field(body, "cancel_url", &mut errors);
        match plan {
            Some(plan) if errors.is_empty() => Ok(Self {
                plan,
                success_url,
                cancel_url,
            }),
            _ => Err(errors),
        }
    }
}

impl FromJson for PortalBody {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let body = object(value)?;
        let mut errors = Vec::new();
        let return_url = url_field(body, "return_url", &mut errors);
        if errors.is_empty() {
            Ok(Self { return_url })
        } else {
            Err(errors)
        }
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_checkout))
        .routes(routes!(create_portal_session))
}

/// The open-redirect guard: the provider sends the customer back only to our origins.
fn ensure_allowed_redirects(state: &AppState, urls: &[&str]) -> AppResult<()> {
    if urls
        .iter()
        .all(|url| is_allowed_origin(url, &state.settings.allowed_origins))
    {
        Ok(())
    } else {
        Err(AppError::new(StatusCode::BAD_REQUEST, REDIRECT_NOT_ALLOWED))
    }
}

fn provider_failed(error: BillingError) -> AppError {
    match error {
        BillingError::NotConfigured(_) => AppError::unavailable("billing is not configured"),
        BillingError::Provider(detail) => {
            tracing::warn!(%detail, "payment provider call failed");
            AppError::new(StatusCode::BAD_GATEWAY, "payment provider unavailable")
        }
    }
}

/// Start a hosted checkout for a paid plan; returns the URL to send the customer to.
#[utoipa::path(
    post,
    path = "/api/billing/checkout",
    tag = "billing",
    request_body = CheckoutRequest,
    responses(
        (status = 200, description = "Successful Response", body = RedirectUrl),
        (status = 400, description = "A redirect URL is not on an allowed origin", body = ErrorDetail),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 409, description = "A subscription is already live: use the customer portal", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 502, description = "The payment provider failed", body = ErrorDetail),
        (status = 503, description = "Billing is not configured, or authentication is unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn create_checkout(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<CheckoutBody>,
) -> AppResult<Json<RedirectUrl>> {
    ensure_allowed_redirects(&state, &[&body.success_url, &body.cancel_url])?;
    if is_live(&user.subscription_status) {
        // A second checkout would start a second subscription, billed on top of the first.
        return Err(AppError::conflict(ALREADY_SUBSCRIBED));
    }
    let params = CheckoutParams {
        plan: body.plan,
        owner_id: user.id,
        success_url: body.success_url,
        cancel_url: body.cancel_url,
        customer_id: user.billing_customer_id,
        email: user.email,
    };
    let url = state.billing.create_checkout(&params).await.map_err(provider_failed)?;
    Ok(Json(RedirectUrl { url }))
}

/// Open the provider's customer portal: invoices, payment method, plan change, cancel.
#[utoipa::path(
    post,
    path = "/api/billing/portal",
    tag = "billing",
    request_body = PortalRequest,
    responses(
        (status = 200, description = "Successful Response", body = RedirectUrl),
        (status = 400, description = "The return URL is not on an allowed origin", body = ErrorDetail),
        (status = 401, description = "Missing or invalid access token", body = ErrorDetail),
        (status = 409, description = "The user has no billing account yet", body = ErrorDetail),
        (status = 422, description = "Validation Error", body = HTTPValidationError),
        (status = 429, description = "Rate limit exceeded (see Retry-After)", body = ErrorDetail),
        (status = 502, description = "The payment provider failed", body = ErrorDetail),
        (status = 503, description = "Billing is not configured, or authentication is unavailable", body = ErrorDetail),
    ),
    security(("bearerAuth" = []))
)]
pub async fn create_portal_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    JsonBody(body): JsonBody<PortalBody>,
) -> AppResult<Json<RedirectUrl>> {
    ensure_allowed_redirects(&state, &[&body.return_url])?;
    let Some(customer_id) = user.billing_customer_id else {
        return Err(AppError::conflict("user has no billing account"));
    };
    let url = state
        .billing
        .create_portal(&customer_id, &body.return_url)
        .await
        .map_err(provider_failed)?;
    Ok(Json(RedirectUrl { url }))
}
