//! UUID path parameters read the way FastAPI reads them: a malformed id is a 422 naming
//! `["path", <name>]`, never axum's plain-text 400, so clients see one error shape.

use std::collections::BTreeMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde_json::json;
use uuid::Uuid;

use crate::error::{AppError, FieldError};

/// Every path parameter of the route, parsed as a UUID: `ids.get("org_id")`.
pub struct PathIds(BTreeMap<String, Uuid>);

impl PathIds {
    /// The parameter `name`; the route template guarantees it is there.
    pub fn get(&self, name: &str) -> Uuid {
        self.0.get(name).copied().unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PathIds {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(raw) = Path::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::internal())?;
        let mut ids = BTreeMap::new();
        let mut errors = Vec::new();
        for (name, value) in raw {
            match Uuid::parse_str(&value) {
                Ok(id) => {
                    ids.insert(name, id);
                }
                Err(error) => errors.push(FieldError {
                    loc: vec![json!("path"), json!(name)],
                    msg: format!("Input should be a valid UUID, {error}"),
                    kind: "uuid_parsing".into(),
                }),
            }
        }
        if errors.is_empty() {
            Ok(Self(ids))
        } else {
            Err(AppError::validation(errors))
        }
    }
}
