//! Settings: names and parsing as in `.env.example`, and the production guard.

use backend::config::{ConfigError, Env, Secret, Settings, is_placeholder};

use crate::support::test_env;

fn with(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    let mut env = test_env();
    for (name, value) in pairs {
        env.set(name, value);
    }
    Settings::from_env(&env)
}

#[test]
fn database_urls_of_either_backend_are_accepted() {
    for (url, expected) in [
        ("postgresql://u:p@h/db", "postgresql://u:p@h/db"),
        ("postgres://u:p@h/db", "postgresql://u:p@h/db"),
        ("postgresql+asyncpg://u:p@h/db", "postgresql://u:p@h/db"),
    ] {
        assert_eq!(with(&[("DATABASE_URL", url)]).unwrap().database_url, expected);
    }
}

#[test]
fn a_non_postgres_database_url_is_refused() {
    let error = with(&[("DATABASE_URL", "mysql://u:p@h/db")]).unwrap_err();
    assert_eq!(error.0, "DATABASE_URL must start with postgresql://");
}

#[test]
fn allowed_origins_are_read_comma_separated() {
    let settings = with(&[("ALLOWED_ORIGINS", " https://a.example.com/ ,https://b.example.com,, ")]).unwrap();
    assert_eq!(
        settings.allowed_origins,
        ["https://a.example.com", "https://b.example.com"]
    );
}

#[test]
fn superuser_subjects_are_kept_as_is_and_emails_lowercased() {
    let settings = with(&[
        ("SUPERUSER_SUBJECTS", "user_A, user_b"),
        ("SUPERUSER_EMAILS", "Boss@Example.COM"),
    ])
    .unwrap();
    assert_eq!(settings.superuser_subjects, ["user_A", "user_b"]);
    assert_eq!(settings.superuser_emails, ["boss@example.com"]);
}

#[test]
fn placeholders_are_recognised() {
    for (value, expected) in [
        ("", true),
        ("your-key", true),
        ("replace-with-a-secret", true),
        ("CHANGE-ME", true),
        ("sk_live_abc123", false),
        ("https://app.example.com", false),
    ] {
        assert_eq!(is_placeholder(value), expected, "{value}");
    }
}

/// Settings a real production deployment could have.
fn production() -> Vec<(&'static str, &'static str)> {
    vec![
        ("ENVIRONMENT", "production"),
        ("DATABASE_URL", "postgresql://app:s3cret-Pw@db.internal:5432/app"),
        ("ALLOWED_ORIGINS", "https://app.example.com"),
        ("FRONTEND_URL", "https://app.example.com"),
    ]
}

#[test]
fn production_accepts_real_settings() {
    assert!(with(&production()).is_ok(), "{:?}", with(&production()).err());
}

#[test]
fn production_refuses_the_provider_placeholders_by_name() {
    let mut env = Env::from_pairs(production());
    env.set("RATE_LIMIT", "10/second");
    let error = Settings::from_env(&env).unwrap_err();
    assert!(
        error
            .0
            .starts_with("placeholder values are not allowed in production: "),
        "{error}"
    );
}

#[test]
fn production_refuses_laptop_settings_naming_the_setting() {
    for (name, value, message) in [
        (
            "ALLOWED_ORIGINS",
            "http://localhost:3000",
            "ALLOWED_ORIGINS must list public https:// origins",
        ),
        (
            "FRONTEND_URL",
            "http://app.example.com",
            "FRONTEND_URL must be a public https:// URL",
        ),
        (
            "DATABASE_URL",
            "postgresql://postgres:postgres@db/app",
            "DATABASE_URL uses the example password",
        ),
        (
            "FRONTEND_URL",
            "https://your-app.example.com",
            "placeholder values are not allowed in production: FRONTEND_URL",
        ),
    ] {
        let mut pairs = production();
        pairs.push((name, value));
        let error = with(&pairs).unwrap_err();
        assert!(error.0.contains(message), "{name}: {error}");
    }
}

#[test]
fn a_database_url_without_password_is_not_an_example_value() {
    let mut pairs = production();
    pairs.push(("DATABASE_URL", "postgresql://app@db.internal/app"));
    assert!(with(&pairs).is_ok());
}

#[test]
fn development_allows_placeholders() {
    let env = Env::from_pairs([("ENVIRONMENT", "development")]);
    let settings = Settings::from_env(&env).unwrap();
    assert!(!settings.is_production());
}

#[test]
fn an_unknown_environment_is_refused() {
    let error = with(&[("ENVIRONMENT", "prod")]).unwrap_err();
    assert!(error.0.starts_with("ENVIRONMENT must be one of"), "{error}");
}

#[test]
fn numbers_of_seconds_are_checked() {
    assert!(
        with(&[("JWKS_CACHE_TTL_SECONDS", "soon")])
            .unwrap_err()
            .0
            .contains("JWKS_CACHE_TTL_SECONDS")
    );
    assert_eq!(
        with(&[("JWKS_TIMEOUT_SECONDS", "2.5")])
            .unwrap()
            .jwks_timeout
            .as_millis(),
        2500
    );
}

#[test]
fn the_user_cache_lasts_ten_seconds_unless_set_and_zero_turns_it_off() {
    let default = with(&[]).unwrap().user_cache_ttl;
    assert_eq!(default.as_secs(), 10);
    assert!(with(&[("USER_CACHE_SECONDS", "0")]).unwrap().user_cache_ttl.is_zero());
    let error = with(&[("USER_CACHE_SECONDS", "-1")]).unwrap_err();
    assert!(error.0.contains("USER_CACHE_SECONDS"), "{error}");
}

#[test]
fn the_pool_size_is_a_whole_number_of_at_least_one() {
    assert_eq!(with(&[]).unwrap().db_pool_size, 10);
    assert_eq!(with(&[("DB_POOL_SIZE", "25")]).unwrap().db_pool_size, 25);
    for bad in ["0", "-1", "ten", "2.5"] {
        let error = with(&[("DB_POOL_SIZE", bad)]).unwrap_err();
        assert!(error.0.contains("DB_POOL_SIZE"), "{bad}: {error}");
    }
}

#[test]
fn secrets_never_appear_in_debug_output() {
    assert_eq!(format!("{:?}", Secret("sk_live_123".into())), "Secret(***)");
}
