//! A provider API on loopback for the adapters' tests: it records each request and answers
//! every one with the status and JSON the test chose.

use std::sync::{Arc, Mutex};

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::Value;

/// One request the adapter made.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub body: String,
}

#[derive(Clone)]
struct Shared {
    reply: (StatusCode, Value),
    requests: Arc<Mutex<Vec<Recorded>>>,
}

pub struct MockApi {
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl MockApi {
    /// Serve on a free loopback port until the test ends.
    pub async fn start(status: u16, reply: Value) -> MockApi {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            reply: (StatusCode::from_u16(status).expect("a status code"), reply),
            requests: requests.clone(),
        };
        let app = axum::Router::new().fallback(record).with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        MockApi { url, requests }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }

    /// The only request made; fails the test when there were none or several.
    pub fn only_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected one request, got {requests:?}");
        requests[0].clone()
    }
}

async fn record(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<Value>) {
    shared.requests.lock().expect("lock").push(Recorded {
        method,
        path: uri.path().to_owned(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    (shared.reply.0, Json(shared.reply.1))
}
