//! Keyset pagination for the list endpoints: the `limit`/`cursor` query and the page shape,
//! the same rules and cursors as the FastAPI backend's `services/pagination.py`.
//!
//! Keyset, not OFFSET: a page starts strictly after the previous page's last row in a stable
//! order (a `Keyset`'s columns, unique together), so rows added or removed meanwhile never
//! shift a page into duplicates or gaps, and the database seeks instead of counting skipped
//! rows. One extra row is fetched to know whether a next page exists.
//!
//! The cursor is base64url JSON `{"list": <keyset name>, "after": [<last row's sort key>]}`.
//! Clients treat it as opaque. One that does not decode, holds the wrong types or belongs to
//! another list is a 422 like any other bad query value (loc `["query", "cursor"]`, never
//! echoing the input), never a 500.
//!
//! A list query binds `Keyset::after(&page)?` and `page.fetch_limit()`, e.g. for
//! `(created_at, id)`: `WHERE ($1::timestamptz IS NULL OR (created_at, id) > ($1, $2))
//! ORDER BY created_at, id LIMIT $3`, then `Keyset::page(&page, rows, |row| key)`.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use base64::Engine;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use chrono::{DateTime, SecondsFormat, Timelike, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::{AppError, AppResult, FieldError};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 100;
/// A real cursor is far shorter; longer input is refused before it is decoded.
pub const MAX_CURSOR_LENGTH: usize = 500;

/// Unpadded on the way out; like Python's decoder, padding optional and loose final bits
/// accepted on the way in.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// The `limit` and `cursor` query of a list endpoint (an extractor: bad values are a 422).
#[derive(Debug, Clone, PartialEq, Eq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageRequest {
    /// How many items a page holds.
    #[param(required = false, minimum = 1, maximum = 100, default = 50)]
    pub limit: i64,
    /// `next_cursor` of the previous page; none for the first page.
    #[param(max_length = 500)]
    pub cursor: Option<String>,
}

impl PageRequest {
    /// The page request of a query string's pairs (the last value of a repeated name wins).
    pub fn from_pairs(pairs: &[(String, String)]) -> AppResult<Self> {
        let last = |name: &str| pairs.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value);
        let mut errors = Vec::new();
        let limit = match last("limit").map(|raw| parse_limit(raw)) {
            None => DEFAULT_LIMIT,
            Some(Ok(limit)) => limit,
            Some(Err(error)) => {
                errors.push(error);
                DEFAULT_LIMIT
            }
        };
        let cursor = last("cursor").cloned();
        if cursor.as_ref().is_some_and(|c| c.chars().count() > MAX_CURSOR_LENGTH) {
            errors.push(query_error(
                "cursor",
                &format!("String should have at most {MAX_CURSOR_LENGTH} characters"),
                "string_too_long",
            ));
        }
        if errors.is_empty() {
            Ok(Self { limit, cursor })
        } else {
            Err(AppError::validation(errors))
        }
    }

    /// Rows to fetch: one more than the page holds, to know whether a next page exists.
    pub fn fetch_limit(&self) -> i64 {
        self.limit + 1
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageRequest {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|_| AppError::validation(vec![query_error("cursor", "invalid query string", "value_error")]))?;
        Self::from_pairs(&pairs)
    }
}

/// pydantic's answer for an `int` query value with `ge=1, le=100`.
pub fn parse_limit(raw: &str) -> Result<i64, FieldError> {
    let Ok(limit) = raw.trim().parse::<i64>() else {
        return Err(query_error(
            "limit",
            "Input should be a valid integer, unable to parse string as an integer",
            "int_parsing",
        ));
    };
    if limit < 1 {
        Err(query_error(
            "limit",
            "Input should be greater than or equal to 1",
            "greater_than_equal",
        ))
    } else if limit > MAX_LIMIT {
        Err(query_error(
            "limit",
            &format!("Input should be less than or equal to {MAX_LIMIT}"),
            "less_than_equal",
        ))
    } else {
        Ok(limit)
    }
}

/// A 422 entry for the query parameter `name`.
pub fn query_error(name: &str, msg: &str, kind: &str) -> FieldError {
    FieldError {
        loc: vec![json!("query"), json!(name)],
        msg: msg.into(),
        kind: kind.into(),
    }
}

/// One page of a list: its items and the cursor of the next page (`None` on the last).
/// Each list names its page schema with `page_schema!` (`FlagPage`, `OrganizationPage`...),
/// as the FastAPI document does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// Declares `$name`, the OpenAPI-named JSON of a `Page<$item>` (`From<Page<$item>>`).
#[macro_export]
macro_rules! page_schema {
    ($name:ident, $item:ty) => {
        /// One page of the list; pass `next_cursor` as `cursor` for the next one.
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Pass as `cursor` to get the next page; null on the last page. Opaque.
            #[schema(required = true)]
            pub next_cursor: Option<String>,
        }

        impl From<$crate::pagination::Page<$item>> for $name {
            fn from(page: $crate::pagination::Page<$item>) -> Self {
                Self {
                    items: page.items,
                    next_cursor: page.next_cursor,
                }
            }
        }
    };
}

/// A sort key as a cursor holds it: a JSON array, one value per column.
pub trait SortKey: Sized {
    fn to_json(&self) -> Value;
    /// `None` unless `after` is an array of exactly this key's types.
    fn from_json(after: &Value) -> Option<Self>;
}

/// `(created_at, id)`: the order of organizations, memberships and invitations.
impl SortKey for (DateTime<Utc>, Uuid) {
    fn to_json(&self) -> Value {
        json!([timestamp(&self.0), self.1.to_string()])
    }

    fn from_json(after: &Value) -> Option<Self> {
        let [time, id] = after.as_array()?.as_slice() else {
            return None;
        };
        let time = DateTime::parse_from_rfc3339(time.as_str()?).ok()?.with_timezone(&Utc);
        Some((time, Uuid::parse_str(id.as_str()?).ok()?))
    }
}

/// One text column (a flag's key).
impl SortKey for String {
    fn to_json(&self) -> Value {
        json!([self])
    }

    fn from_json(after: &Value) -> Option<Self> {
        let [text] = after.as_array()?.as_slice() else {
            return None;
        };
        Some(text.as_str()?.to_owned())
    }
}

/// pydantic's JSON for an aware UTC datetime: `...T00:00:00Z`, microseconds when not zero.
fn timestamp(time: &DateTime<Utc>) -> String {
    if time.nanosecond() == 0 {
        time.to_rfc3339_opts(SecondsFormat::Secs, true)
    } else {
        time.to_rfc3339_opts(SecondsFormat::Micros, true)
    }
}

fn accept_any<K>(_: &K) -> bool {
    true
}

/// A list's sort order: its name (kept in its cursors) and what a valid key is.
pub struct Keyset<K> {
    name: &'static str,
    accepts: fn(&K) -> bool,
}

#[derive(Serialize)]
struct Payload<'a> {
    list: &'a str,
    after: Value,
}

impl<K: SortKey> Keyset<K> {
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            accepts: accept_any::<K>,
        }
    }

    /// A keyset whose decoded keys must also pass `accepts` (e.g. a flag key's pattern).
    pub const fn accepting(name: &'static str, accepts: fn(&K) -> bool) -> Self {
        Self { name, accepts }
    }

    pub fn encode(&self, key: &K) -> String {
        let payload = Payload {
            list: self.name,
            after: key.to_json(),
        };
        BASE64.encode(serde_json::to_vec(&payload).expect("a cursor serializes"))
    }

    /// The sort key a cursor of this list holds; a 422 for anything else.
    pub fn decode(&self, cursor: &str) -> AppResult<K> {
        let payload: Value = BASE64
            .decode(cursor.trim_end_matches('='))
            .ok()
            .and_then(|raw| serde_json::from_slice(&raw).ok())
            .ok_or_else(|| invalid_cursor("not base64url JSON"))?;
        if payload.get("list").and_then(Value::as_str) != Some(self.name) {
            return Err(invalid_cursor("not from this list"));
        }
        payload
            .get("after")
            .and_then(K::from_json)
            .filter(|key| (self.accepts)(key))
            .ok_or_else(|| invalid_cursor("malformed sort key"))
    }

    /// The key a page starts after: `None` for the first page.
    pub fn after(&self, page: &PageRequest) -> AppResult<Option<K>> {
        page.cursor.as_deref().map(|cursor| self.decode(cursor)).transpose()
    }

    /// The page of `rows` (fetched with `page.fetch_limit()`), its cursor from `key_of`.
    pub fn page<T>(&self, page: &PageRequest, mut rows: Vec<T>, key_of: impl Fn(&T) -> K) -> Page<T> {
        let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|row| self.encode(&key_of(row)))
        } else {
            None
        };
        Page {
            items: rows,
            next_cursor,
        }
    }
}

fn invalid_cursor(reason: &str) -> AppError {
    let message = format!("not a valid cursor ({reason}): pass next_cursor from the previous page");
    AppError::validation(vec![query_error("cursor", &message, "value_error")])
}

/// Page requests as the query extractor reads them; the endpoints' tests cover the SQL.
#[cfg(test)]
mod tests {
    use super::*;

    const ORGS: Keyset<(DateTime<Utc>, Uuid)> = Keyset::new("orgs");
    const FLAGS: Keyset<String> = Keyset::accepting("flags", |key| !key.contains('\0'));

    fn request(query: &[(&str, &str)]) -> AppResult<PageRequest> {
        let pairs: Vec<(String, String)> = query.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        PageRequest::from_pairs(&pairs)
    }

    fn cursor_of(payload: Value) -> String {
        BASE64.encode(payload.to_string())
    }

    fn rejection(result: AppResult<impl std::fmt::Debug>) -> (Value, String) {
        let error = result.expect_err("a 422");
        assert_eq!(error.status().as_u16(), 422);
        let [entry] = error.detail().as_array().expect("a list").as_slice() else {
            panic!("one entry: {:?}", error.detail());
        };
        (
            entry["loc"].clone(),
            entry["msg"].as_str().unwrap_or_default().to_owned(),
        )
    }

    #[test]
    fn limit_defaults_to_50_and_accepts_1_to_100() {
        assert_eq!(request(&[]).unwrap().limit, 50);
        assert_eq!(request(&[("limit", "1")]).unwrap().limit, 1);
        assert_eq!(request(&[("limit", "100")]).unwrap().fetch_limit(), 101);
        assert_eq!(request(&[("limit", "5"), ("limit", "7")]).unwrap().limit, 7);
    }

    #[test]
    fn a_limit_out_of_range_or_not_a_number_is_a_422_on_limit() {
        for bad in ["0", "101", "-1", "abc", "", "1.5"] {
            let (loc, _) = rejection(request(&[("limit", bad)]));
            assert_eq!(loc, json!(["query", "limit"]), "{bad}");
        }
    }

    #[test]
    fn a_cursor_longer_than_500_characters_is_refused_before_decoding() {
        let (loc, msg) = rejection(request(&[("cursor", &"A".repeat(501))]));
        assert_eq!(loc, json!(["query", "cursor"]));
        assert!(msg.contains("at most 500"), "{msg}");
        assert!(request(&[("cursor", &"A".repeat(500))]).is_ok());
    }

    #[test]
    fn a_cursor_round_trips_and_matches_the_fastapi_encoding() {
        let time = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().to_utc();
        let id = Uuid::parse_str("7b0b5a9e-0f58-4d36-9d7e-1a2b3c4d5e6f").unwrap();
        let cursor = ORGS.encode(&(time, id));
        // base64url of {"list":"orgs","after":["2026-01-01T00:00:00Z","7b0b5a9e-..."]}, as
        // FastAPI's encode_cursor writes it.
        assert_eq!(
            cursor,
            "eyJsaXN0Ijoib3JncyIsImFmdGVyIjpbIjIwMjYtMDEtMDFUMDA6MDA6MDBaIiwiN2IwYjVhOWUtMGY1OC00ZDM2LTlkN2UtMWEyYjNjNGQ1ZTZmIl19"
        );
        assert_eq!(ORGS.decode(&cursor).unwrap(), (time, id));
        let precise = time + chrono::Duration::microseconds(123_456);
        assert_eq!(ORGS.decode(&ORGS.encode(&(precise, id))).unwrap(), (precise, id));
        assert_eq!(FLAGS.decode(&FLAGS.encode(&"beta".into())).unwrap(), "beta");
    }

    #[test]
    fn a_cursor_not_from_this_list_is_a_422_on_cursor() {
        let id = Uuid::new_v4().to_string();
        let bad = [
            ("%%%".to_owned(), "not base64url JSON"),
            ("\u{e9}t\u{e9}".to_owned(), "not base64url JSON"),
            (BASE64.encode(b"\xff\xfe not json"), "not base64url JSON"),
            (
                BASE64.encode(format!("{}{}", "[".repeat(150), "]".repeat(150))),
                "not base64url JSON",
            ),
            (cursor_of(json!([1, 2])), "not from this list"),
            (cursor_of(json!({"after": ["x"]})), "not from this list"),
            (
                cursor_of(json!({"list": "flags", "after": ["x"]})),
                "not from this list",
            ),
            (
                cursor_of(json!({"list": "orgs", "after": [1, 2]})),
                "malformed sort key",
            ),
            (
                cursor_of(json!({"list": "orgs", "after": ["2026-01-01T00:00:00", id]})),
                "malformed sort key",
            ),
            (
                cursor_of(json!({"list": "orgs", "after": ["2026-01-01T00:00:00Z"]})),
                "malformed sort key",
            ),
            (cursor_of(json!({"list": "orgs"})), "malformed sort key"),
        ];
        for (cursor, reason) in bad {
            let (loc, msg) = rejection(ORGS.after(&request(&[("cursor", &cursor)]).unwrap()));
            assert_eq!(loc, json!(["query", "cursor"]), "{cursor}");
            assert!(msg.contains(reason), "{cursor}: {msg}");
            assert!(!msg.contains(&cursor) || cursor.is_empty(), "echoes the input: {msg}");
        }
    }

    #[test]
    fn a_key_the_list_does_not_accept_is_malformed() {
        let surrogate = BASE64.encode(br#"{"list":"flags","after":["\ud800"]}"#);
        assert!(FLAGS.decode(&surrogate).is_err());
        let (_, msg) = rejection(FLAGS.decode(&cursor_of(json!({"list": "flags", "after": ["a\u{0}b"]}))));
        assert!(msg.contains("malformed sort key"), "{msg}");
    }

    #[test]
    fn a_page_holds_limit_items_and_a_cursor_only_when_more_follow() {
        let page = request(&[("limit", "2")]).unwrap();
        let keys: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let full = FLAGS.page(&page, keys.clone(), Clone::clone);
        assert_eq!(full.items, ["a", "b"]);
        assert_eq!(FLAGS.decode(full.next_cursor.as_deref().unwrap()).unwrap(), "b");
        let last = FLAGS.page(&page, keys[2..].to_vec(), Clone::clone);
        assert_eq!((last.items.len(), last.next_cursor), (1, None));
        assert_eq!(FLAGS.after(&request(&[]).unwrap()).unwrap(), None);
    }
}
