//! Request metrics for Prometheus, labelled by route template (`/api/orgs/{org_id}`), never
//! the raw path: ids must not become label values (one series each), and a raw path may
//! hold anything, including a secret someone pasted into a URL. Unmatched paths share the
//! value `unmatched`. The same series, labels and buckets as the FastAPI backend's
//! `core/metrics.py` (prometheus_client), written in its text exposition format by hand:
//! two metrics do not need a metrics crate.
//!
//! The registry is per process, like prometheus_client's.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{LazyLock, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// The media type of the text exposition format.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// prometheus_client's default histogram buckets, in seconds (plus `+Inf`).
const BUCKETS: [f64; 14] = [
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
];

#[derive(Default)]
struct Histogram {
    /// Observations at or below each bucket's bound (not cumulative here).
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Registry {
    /// (method, route, status) -> requests.
    requests: BTreeMap<(String, String, u16), u64>,
    /// (method, route) -> durations.
    latency: BTreeMap<(String, String), Histogram>,
}

static REGISTRY: LazyLock<Mutex<Registry>> = LazyLock::new(Mutex::default);

/// Count one answered request and its duration.
pub fn observe(method: &str, route: &str, status: u16, seconds: f64) {
    let mut registry = REGISTRY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    *registry
        .requests
        .entry((method.to_owned(), route.to_owned(), status))
        .or_default() += 1;
    let histogram = registry
        .latency
        .entry((method.to_owned(), route.to_owned()))
        .or_default();
    if let Some(index) = BUCKETS.iter().position(|bound| seconds <= *bound) {
        histogram.counts[index] += 1;
    }
    histogram.count += 1;
    histogram.sum += seconds;
}

/// Every request's route template, status and duration (a layer outside the routes: the
/// route layer `expose_matched_path` puts the template on the response).
pub async fn record(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str);
    observe(
        &method,
        route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// The metrics in the text exposition format.
pub fn render() -> String {
    let registry = REGISTRY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut out = String::new();
    out.push_str("# HELP http_requests_total HTTP requests by method, route and status.\n");
    out.push_str("# TYPE http_requests_total counter\n");
    for ((method, route, status), count) in &registry.requests {
        let labels = labels(&[("method", method), ("route", route), ("status", &status.to_string())]);
        let _ = writeln!(out, "http_requests_total{{{labels}}} {}", float(*count as f64));
    }
    out.push_str("# HELP http_request_duration_seconds HTTP request duration by method and route.\n");
    out.push_str("# TYPE http_request_duration_seconds histogram\n");
    for ((method, route), histogram) in &registry.latency {
        let base = [("method", method.as_str()), ("route", route.as_str())];
        let mut cumulative = 0;
        let bounds = BUCKETS.iter().map(|b| float(*b)).chain(["+Inf".to_owned()]);
        for (index, bound) in bounds.enumerate() {
            cumulative += histogram.counts.get(index).copied().unwrap_or_default();
            let count = if index == BUCKETS.len() {
                histogram.count
            } else {
                cumulative
            };
            let labels = labels(&[base[0], base[1], ("le", &bound)]);
            let _ = writeln!(
                out,
                "http_request_duration_seconds_bucket{{{labels}}} {}",
                float(count as f64)
            );
        }
        let labels = labels(&base);
        let _ = writeln!(
            out,
            "http_request_duration_seconds_count{{{labels}}} {}",
            float(histogram.count as f64)
        );
        let _ = writeln!(
            out,
            "http_request_duration_seconds_sum{{{labels}}} {}",
            float(histogram.sum)
        );
    }
    out
}

fn labels(pairs: &[(&str, &str)]) -> String {
    let escaped: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}=\"{}\"", escape(value)))
        .collect();
    escaped.join(",")
}

/// A label value as the exposition format quotes it.
fn escape(value: &str) -> String {
    value.replace('\\', r"\\").replace('"', "\\\"").replace('\n', r"\n")
}

/// Python's float repr for the values written here: `1.0`, `0.005`, `2.5`.
fn float(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.1}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_labels_are_written_as_prometheus_client_writes_them() {
        assert_eq!(float(1.0), "1.0");
        assert_eq!(float(0.005), "0.005");
        assert_eq!(escape("a\"b\\c\nd"), r#"a\"b\\c\nd"#);
    }

    #[test]
    fn a_histogram_is_cumulative_and_ends_at_inf() {
        let route = "/test/histogram/{id}";
        observe("GET", route, 200, 0.003);
        observe("GET", route, 200, 0.2);
        observe("GET", route, 200, 60.0);
        let text = render();
        let line =
            |le: &str| format!(r#"http_request_duration_seconds_bucket{{method="GET",route="{route}",le="{le}"}} "#);
        assert!(text.contains(&format!("{}1.0", line("0.005"))), "{text}");
        assert!(text.contains(&format!("{}2.0", line("0.25"))), "{text}");
        assert!(text.contains(&format!("{}2.0", line("10.0"))), "{text}");
        assert!(text.contains(&format!("{}3.0", line("+Inf"))), "{text}");
        assert!(text.contains(&format!(
            r#"http_request_duration_seconds_count{{method="GET",route="{route}"}} 3.0"#
        )));
        assert!(text.contains(&format!(
            r#"http_requests_total{{method="GET",route="{route}",status="200"}} 3.0"#
        )));
    }
}
