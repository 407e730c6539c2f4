//! Structured JSON logs on stdout, one object per line. Fields are what the code passes
//! explicitly: tokens, secrets and request bodies are never logged.

use tracing::Level;
use tracing_subscriber::fmt::MakeWriter;

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

/// The JSON subscriber, writing to `writer` (stdout in the server, a buffer in tests).
pub fn subscriber<W>(log_level: &str, writer: W) -> impl tracing::Subscriber + Send + Sync + 'static
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_target(true)
        .with_max_level(level(log_level))
        .with_writer(writer)
        .finish()
}

/// Install the JSON subscriber on stdout (a second call keeps the first).
pub fn init(log_level: &str) {
    let _ = tracing::subscriber::set_global_default(subscriber(log_level, std::io::stdout));
}
