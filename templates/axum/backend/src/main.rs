//! `server [serve]` runs the API on port 8000 (PORT, HOST); `server migrate` applies the
//! migrations, `server migrate-check` fails while one is not applied; `server openapi`
//! prints the OpenAPI document.

use std::io::Write;
use std::process::ExitCode;

use backend::config::Settings;

#[tokio::main]
async fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    if command == "openapi" {
        // A closed pipe (`| head`) is not an error worth a panic.
        let _ = writeln!(std::io::stdout(), "{}", backend::openapi_json());
        return ExitCode::SUCCESS;
    }
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    backend::logging::init(&settings.log_level);
    let result = match command.as_str() {
        "serve" => backend::serve(settings).await,
        "migrate" => backend::migrate(&settings).await,
        "migrate-check" => backend::migrate_check(&settings).await,
        other => Err(format!(
            "unknown command `{other}`: use serve, migrate, migrate-check or openapi"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}
