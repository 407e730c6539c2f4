//! Each request gets an id, its client address and, once signed in, its user id; one
//! JSON log line is written when it ends. The line names the route template
//! (`/api/users/me`), never the raw path: a path may hold anything, even a pasted secret.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use uuid::Uuid;

use crate::state::AppState;

/// Shared by the middlewares and the `CurrentUser` extractor of one request.
#[derive(Clone, Debug)]
pub struct RequestContext {
    pub request_id: String,
    pub client_ip: Option<IpAddr>,
    user_id: Arc<OnceLock<Uuid>>,
}

impl RequestContext {
    pub fn set_user(&self, id: Uuid) {
        let _ = self.user_id.set(id);
    }

    pub fn user_id(&self) -> Option<Uuid> {
        self.user_id.get().copied()
    }
}

/// The client: the peer, or from a trusted proxy the right-most X-Forwarded-For hop
/// that is not itself a trusted proxy.
pub fn client_ip(peer: Option<IpAddr>, forwarded_for: Option<&str>, trusted: &[IpNet]) -> Option<IpAddr> {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let peer = peer?;
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let Some(forwarded) = forwarded_for else {
        return Some(peer);
    };
    let hops: Vec<IpAddr> = forwarded.split(',').filter_map(|hop| hop.trim().parse().ok()).collect();
    Some(
        hops.iter()
            .rev()
            .find(|hop| !is_trusted(hop))
            .or(hops.first())
            .copied()
            .unwrap_or(peer),
    )
}

pub async fn request_context(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let forwarded = request
        .headers()
        .get("x-forwarded-for")
        .and_then(|value| value.to_str().ok());
    let context = RequestContext {
        request_id: Uuid::new_v4().simple().to_string(),
        client_ip: client_ip(peer, forwarded, &state.settings.trusted_proxies),
        user_id: Arc::default(),
    };
    let method = request.method().clone();
    request.extensions_mut().insert(context.clone());
    let response = next.run(request).await;
    let path = response
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_string();
    tracing::info!(
        request_id = %context.request_id,
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        duration_ms = started.elapsed().as_secs_f64() * 1000.0,
        user_id = context.user_id().map(|id| id.to_string()),
        "request"
    );
    response
}

/// Copies the matched route template onto the response, where the context middleware
/// (which runs before routing) can read it. Added as a route layer.
pub async fn expose_matched_path(request: Request, next: Next) -> Response {
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(matched) = matched {
        response.extensions_mut().insert(matched);
    }
    response
}
