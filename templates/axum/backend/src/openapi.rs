//! The OpenAPI document, generated from the handlers' annotations and served at
//! `/api/openapi.json` (`server openapi` prints it; `make openapi` writes it).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

/// The body of every error answer but 422.
#[derive(ToSchema)]
#[allow(dead_code)] // documents `crate::error::AppError`'s JSON
pub struct ErrorDetail {
    detail: String,
}

/// One invalid field of a 422 answer.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ValidationError {
    loc: Vec<String>,
    msg: String,
    #[schema(rename = "type")]
    kind: String,
}

/// The body of a 422 answer.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct HTTPValidationError {
    detail: Vec<ValidationError>,
}

/// What every signed-in endpoint may answer besides its own results (`responses(...,
/// SignedInErrors)`): no or a bad token, an invalid request, too many requests, the
/// identity provider out of reach.
#[derive(IntoResponses)]
#[allow(dead_code)] // documents what `crate::auth` and `crate::error` answer
pub enum SignedInErrors {
    #[response(status = 401, description = "Missing or invalid access token")]
    Unauthorized(ErrorDetail),
    #[response(status = 422, description = "Validation Error")]
    Invalid(HTTPValidationError),
    #[response(status = 429, description = "Rate limit exceeded (see Retry-After)")]
    RateLimited(ErrorDetail),
    #[response(status = 503, description = "Authentication temporarily unavailable")]
    AuthUnavailable(ErrorDetail),
}

/// What an organization's endpoint answers a member below the role it needs (403) and
/// anyone else (404: a non-member cannot tell the organization exists).
#[derive(IntoResponses)]
#[allow(dead_code)] // documents what `crate::orgs::require_role` answers (Pro and Agency)
pub enum OrgAccessErrors {
    #[response(status = 403, description = "The caller's role does not allow this")]
    Forbidden(ErrorDetail),
    #[response(status = 404, description = "Not found (or not visible to the caller)")]
    NotFound(ErrorDetail),
}

/// The plans an account can be on (`users.plan`), named like the FastAPI backend's schema so
/// the frontend's generated types are the same.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // documents the values of a text column
pub enum PlanId {
    Free,
    Pro,
    Business,
}

/// The states of an account's subscription (`users.subscription_status`).
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // documents the values of a text column
pub enum SubscriptionStatus {
    None,
    Trialing,
    Active,
    PastDue,
    Canceled,
}

#[derive(OpenApi)]
#[openapi(modifiers(&BearerAuth), components(schemas(ErrorDetail, ValidationError, HTTPValidationError)))]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("JWT")
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearerAuth", SecurityScheme::Http(scheme));
    }
}
