//! Feature-flag administration for superusers: /api/admin/flags.
//!
//! Superusers are named by token subject (SUPERUSER_SUBJECTS), or by a verified e-mail in
//! SUPERUSER_EMAILS (`users::is_superuser`, enforced by the `Superuser` extractor, which
//! runs before any path, query or body check, as FastAPI's dependency does).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::body::{FromJson, JsonBody, object, refuse_extra, text};
use crate::error::{AppError, AppResult, FieldError};
use crate::flags::{self, StoredFlag, Subject};
use crate::openapi::{ErrorDetail, OrgAccessErrors, SignedInErrors};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::users::{self, User};

/// The caller, when a superuser; 403 "superuser only" for anyone else.
pub struct Superuser(pub User);

impl FromRequestParts<AppState> for Superuser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if users::is_superuser(&state.settings, &user) {
            Ok(Self(user))
        } else {
            Err(AppError::forbidden("superuser only"))
        }
    }
}

/// The `{key}` of the path, matching `flags::KEY_PATTERN` (a 422 otherwise).
pub struct FlagKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for FlagKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let key = Path::<String>::from_request_parts(parts, state).await.ok();
        match key {
            Some(Path(key)) if flags::is_flag_key(&key) => Ok(Self(key)),
            _ => Err(AppError::validation(vec![FieldError {
                loc: vec![json!("path"), json!("key")],
                msg: format!("String should match pattern '{}'", flags::KEY_PATTERN),
                kind: "string_pattern_mismatch".into(),
            }])),
        }
    }
}

/// A flag as administrators see it: its values and every override.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Flag {
    pub key: String,
    pub description: String,
    pub enabled: bool,
    pub rollout_percentage: i32,
    pub user_overrides: BTreeMap<String, bool>,
    pub org_overrides: BTreeMap<String, bool>,
}

impl From<StoredFlag> for Flag {
    fn from(stored: StoredFlag) -> Self {
        let of = |subject: fn(&flags::FlagOverride) -> Option<Uuid>| {
            stored
                .overrides
                .iter()
                .filter_map(|o| subject(o).map(|id| (id.to_string(), o.enabled)))
                .collect()
        };
        Self {
            user_overrides: of(|o| o.user_id),
            org_overrides: of(|o| o.organization_id),
            key: stored.flag.key,
            description: stored.flag.description,
            enabled: stored.flag.enabled,
            rollout_percentage: stored.flag.rollout_percentage,
        }
    }
}

crate::page_schema!(FlagPage, Flag);

/// The body of PUT /api/admin/flags/{key}; an omitted description keeps the stored one.
#[derive(Debug, ToSchema)]
#[schema(as = FlagUpsert)]
#[allow(dead_code)] // the schema of the body; `flags::FlagUpsert` is what is read
pub struct FlagUpsertBody {
    #[schema(max_length = 500)]
    description: Option<String>,
    enabled: bool,
    #[schema(minimum = 0, maximum = 100)]
    rollout_percentage: i32,
}

impl FromJson for flags::FlagUpsert {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let body = object(value)?;
        let mut errors = refuse_extra(body, &["description", "enabled", "rollout_percentage"]);
        let description = match body.get("description") {
            None | Some(Value::Null) => None,
            Some(raw) => text("description", raw, 0, 500).map_err(|e| errors.push(e)).ok(),
        };
        let enabled = required_bool(body.get("enabled"), "enabled").map_err(|e| errors.push(e));
        let rollout = match body.get("rollout_percentage") {
            None => Err(FieldError::body("rollout_percentage", "Field required", "missing")),
            Some(raw) => percentage(raw),
        }
        .map_err(|e| errors.push(e));
        match (enabled, rollout) {
            (Ok(enabled), Ok(rollout_percentage)) if errors.is_empty() => Ok(Self {
                description,
                enabled,
                rollout_percentage,
            }),
            _ => Err(errors),
        }
    }
}

/// The body of PUT /api/admin/flags/{key}/overrides: exactly one subject.
#[derive(Debug)]
pub struct OverrideChange {
    pub subject: Subject,
    pub enabled: Option<bool>,
}

/// Force the flag for one user or one organization; `enabled: null` removes it.
#[derive(Debug, ToSchema)]
#[schema(as = FlagOverride)]
#[allow(dead_code)] // the schema of the body; `OverrideChange` is what is read
pub struct FlagOverrideBody {
    user_id: Option<Uuid>,
    org_id: Option<Uuid>,
    #[schema(required = true)]
    enabled: Option<bool>,
}

impl FromJson for OverrideChange {
    fn from_json(value: &Value) -> Result<Self, Vec<FieldError>> {
        let body = object(value)?;
        let mut errors = refuse_extra(body, &["user_id", "org_id", "enabled"]);
        let user_id = optional_uuid(body.get("user_id"), "user_id").map_err(|e| errors.push(e));
        let org_id = optional_uuid(body.get("org_id"), "org_id").map_err(|e| errors.push(e));
        let enabled = match body.get("enabled") {
            Some(Value::Null) => Ok(None),
            raw => required_bool(raw, "enabled").map(Some),
        }
        .map_err(|e| errors.push(e));
        let (Ok(user_id), Ok(org_id), Ok(enabled)) = (user_id, org_id, enabled) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let subject = match (user_id, org_id) {
            (Some(id), None) => Subject::User(id),
            (None, Some(id)) => Subject::Organization(id),
            _ => {
                return Err(vec![FieldError {
                    loc: vec![json!("body")],
                    msg: "Value error, set exactly one of user_id and org_id".into(),
                    kind: "value_error".into(),
                }]);
            }
        };
        Ok(Self { subject, enabled })
    }
}

/// pydantic's lax bool: true/false, 0/1 and their usual spellings.
fn required_bool(raw: Option<&Value>, field: &str) -> Result<bool, FieldError> {
    let parsed = match raw {
        None => return Err(FieldError::body(field, "Field required", "missing")),
        Some(Value::Bool(value)) => Some(*value),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(0.0) => Some(false),
            Some(1.0) => Some(true),
            _ => None,
        },
        Some(Value::String(s)) => match s.to_lowercase().as_str() {
            "0" | "off" | "f" | "false" | "n" | "no" => Some(false),
            "1" | "on" | "t" | "true" | "y" | "yes" => Some(true),
            _ => None,
        },
        Some(_) => None,
    };
    parsed.ok_or_else(|| FieldError::body(field, "Input should be a valid boolean", "bool_parsing"))
}

/// An integer 0..=100 (pydantic's `int` with `ge=0, le=100`; whole floats count).
fn percentage(raw: &Value) -> Result<i32, FieldError> {
    let field = "rollout_percentage";
    let number = match raw {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    let Some(number) = number else {
        return Err(FieldError::body(field, "Input should be a valid integer", "int_type"));
    };
    if number < 0 {
        Err(FieldError::body(
            field,
            "Input should be greater than or equal to 0",
            "greater_than_equal",
        ))
    } else if number > 100 {
        Err(FieldError::body(
            field,
            "Input should be less than or equal to 100",
            "less_than_equal",
        ))
    } else {
        Ok(i32::try_from(number).unwrap_or_default())
    }
}

fn optional_uuid(raw: Option<&Value>, field: &str) -> Result<Option<Uuid>, FieldError> {
    match raw {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Uuid::parse_str(s)
            .map(Some)
            .map_err(|_| FieldError::body(field, "Input should be a valid UUID", "uuid_parsing")),
        Some(_) => Err(FieldError::body(
            field,
            "UUID input should be a string, bytes or UUID object",
            "uuid_type",
        )),
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_flags))
        .routes(routes!(upsert_flag))
        .routes(routes!(set_flag_override))
}

/// Every flag by key, one page at a time.
#[utoipa::path(
    get,
    path = "/api/admin/flags",
    tag = "admin",
    params(PageRequest),
    responses(
        (status = 200, description = "Successful Response", body = FlagPage),
        (status = 403, description = "The caller's role does not allow this", body = ErrorDetail),
        SignedInErrors,
    ),
    security(("bearerAuth" = []))
)]
pub async fn list_flags(State(state): State<AppState>, _: Superuser, page: PageRequest) -> AppResult<Json<FlagPage>> {
    let page = flags::page_flags(&state.db, &page).await?;
    Ok(Json(FlagPage {
        items: page.items.into_iter().map(Flag::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

#[utoipa::path(
    put,
    path = "/api/admin/flags/{key}",
    tag = "admin",
    params(("key" = String, Path, pattern = "^[a-z0-9][a-z0-9_.-]{0,99}$")),
    request_body = FlagUpsertBody,
    responses(
        (status = 200, description = "Successful Response", body = Flag),
        (status = 403, description = "The caller's role does not allow this", body = ErrorDetail),
        SignedInErrors,
    ),
    security(("bearerAuth" = []))
)]
pub async fn upsert_flag(
    State(state): State<AppState>,
    _: Superuser,
    FlagKey(key): FlagKey,
    JsonBody(values): JsonBody<flags::FlagUpsert>,
) -> AppResult<Json<Flag>> {
    Ok(Json(flags::upsert(&state.db, &key, &values).await?.into()))
}

#[utoipa::path(
    put,
    path = "/api/admin/flags/{key}/overrides",
    tag = "admin",
    params(("key" = String, Path, pattern = "^[a-z0-9][a-z0-9_.-]{0,99}$")),
    request_body = FlagOverrideBody,
    responses(
        (status = 200, description = "Successful Response", body = Flag),
        SignedInErrors,
        OrgAccessErrors,
    ),
    security(("bearerAuth" = []))
)]
pub async fn set_flag_override(
    State(state): State<AppState>,
    _: Superuser,
    FlagKey(key): FlagKey,
    JsonBody(change): JsonBody<OverrideChange>,
) -> AppResult<Json<Flag>> {
    let Some(stored) = flags::get_flag(&state.db, &key).await? else {
        return Err(AppError::not_found("flag not found"));
    };
    if !change.subject.exists(&state.db).await? {
        return Err(AppError::not_found(match change.subject {
            Subject::User(_) => "user not found",
            Subject::Organization(_) => "organization not found",
        }));
    }
    let updated = flags::set_override(&state.db, &stored, change.subject, change.enabled).await?;
    Ok(Json(updated.into()))
}
