//! Structured JSON logs on stdout, one object per line. Fields are what the code passes
//! explicitly: tokens, secrets and request bodies are never logged.

use tracing::Level;

/// LOG_LEVEL (DEBUG, INFO, WARNING, ERROR, as for the FastAPI backend); INFO if unknown.
pub fn level(name: &str) -> Level {
    match name.trim().to_uppercase().as_str() {
        "TRACE" => Level::TRACE,
        "DEBUG" => Level::DEBUG,
        "WARNING" | "WARN" => Level::WARN,
        "ERROR" | "CRITICAL" => Level::ERROR,
        _ => Level::INFO,
    }
}

/// Install the JSON subscriber (a second call, as in tests, keeps the first).
pub fn init(log_level: &str) {
    let _ = tracing_subscriber::fmt()
        .json()
        .with_max_level(level(log_level))
        .with_current_span(false)
        .with_target(true)
        .try_init();
}
