//! Users: created on first sight from token claims, updated, deleted.
//!
//! First sight is an `INSERT ... ON CONFLICT DO NOTHING` on the unique `auth_subject`, so
//! concurrent first requests of one person make exactly one row.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::{Claims, Profile, ProfileError, ProfileSource};
use crate::config::Settings;
use crate::error::AppError;

/// `last_seen_at` is written at most this often; the provider is asked for a missing or
/// unverified e-mail at most this often too.
pub const SEEN_RESOLUTION: Duration = Duration::minutes(1);

/// A row of `users`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: Uuid,
    /// The token's `sub`: the provider's stable id of this person.
    pub auth_subject: String,
    pub email: Option<String>,
    /// True only when the auth provider vouches for `email`.
    pub email_verified: bool,
    pub name: Option<String>,
    pub avatar_url: Option<String>,
    pub plan: String,
    pub subscription_status: String,
    pub billing_customer_id: Option<String>,
    pub billing_subscription_id: Option<String>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Asks the auth provider for the person's profile, the token bound in.
pub struct ProfileLookup<'a> {
    pub source: &'a dyn ProfileSource,
    pub subject: &'a str,
    pub access_token: &'a str,
}

/// Superusers are listed by token subject in SUPERUSER_SUBJECTS, or by an e-mail in
/// SUPERUSER_EMAILS that the provider has verified (never an unverified one).
pub fn is_superuser(settings: &Settings, user: &User) -> bool {
    if settings.superuser_subjects.contains(&user.auth_subject) {
        return true;
    }
    user.email_verified
        && user
            .email
            .as_ref()
            .is_some_and(|email| settings.superuser_emails.contains(&email.to_lowercase()))
}

fn due(last_seen_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_seen_at.is_none_or(|seen| now - seen >= SEEN_RESOLUTION)
}

/// On first sight, then at most once per SEEN_RESOLUTION while the e-mail is unverified.
fn needs_lookup(user: Option<&User>, token: &Profile, now: DateTime<Utc>) -> bool {
    if token.email_verified {
        return false;
    }
    user.is_none_or(|user| !user.email_verified && due(user.last_seen_at, now))
}

/// The provider's answer wins for the e-mail; a failed lookup keeps the token's profile.
async fn ask_provider(token: Profile, lookup: &ProfileLookup<'_>) -> Result<Profile, AppError> {
    let fetched = match lookup.source.fetch(lookup.subject, lookup.access_token).await {
        Ok(Some(fetched)) => fetched.storable(),
        Ok(None) => return Ok(token),
        Err(ProfileError::Unavailable(error)) => {
            tracing::warn!(error = %error, "profile lookup failed");
            return Ok(token);
        }
        Err(ProfileError::Config(problem)) => {
            tracing::error!("{problem}");
            return Err(AppError::internal());
        }
    };
    let email_verified = if fetched.email.is_some() {
        fetched.email_verified
    } else {
        token.email_verified
    };
    Ok(Profile {
        email: fetched.email.or(token.email),
        email_verified,
        name: token.name.or(fetched.name),
        avatar_url: token.avatar_url.or(fetched.avatar_url),
    })
}

pub async fn find_by_subject(db: &PgPool, subject: &str) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM users WHERE auth_subject = $1")
        .bind(subject)
        .fetch_optional(db)
        .await
}

/// The user with the token's `sub`, created on first sight (safe under races). The
/// profile comes from the token; when it has no verified e-mail, `lookup` asks the provider.
pub async fn sync_from_claims(
    db: &PgPool,
    claims: &Claims,
    profile: Profile,
    lookup: Option<ProfileLookup<'_>>,
) -> Result<User, AppError> {
    let subject = claims.get("sub").and_then(|sub| sub.as_str()).unwrap_or_default();
    let mut profile = profile.storable();
    let now = Utc::now();
    let user = find_by_subject(db, subject).await?;
    if let Some(lookup) = &lookup {
        if needs_lookup(user.as_ref(), &profile, now) {
            profile = ask_provider(profile, lookup).await?;
        }
    }
    match user {
        None => create(db, subject, &profile, now).await,
        Some(user) => refresh(db, user, &profile, now).await,
    }
}

async fn create(db: &PgPool, subject: &str, profile: &Profile, now: DateTime<Utc>) -> Result<User, AppError> {
    let created: Option<(Uuid,)> = sqlx::query_as(
        "INSERT INTO users (id, auth_subject, email, email_verified, name, avatar_url, last_seen_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (auth_subject) DO NOTHING RETURNING id",
    )
    .bind(Uuid::new_v4())
    .bind(subject)
    .bind(&profile.email)
    .bind(profile.email_verified)
    .bind(&profile.name)
    .bind(&profile.avatar_url)
    .bind(now)
    .fetch_optional(db)
    .await?;
    if let Some((id,)) = created {
        tracing::info!(user_id = %id, "user created");
    }
    // Inserted above, or by a concurrent request.
    find_by_subject(db, subject).await?.ok_or_else(AppError::internal)
}

/// Store a new e-mail (the provider owns it) or a verification, a missing name, and
/// `last_seen_at` at most once per SEEN_RESOLUTION.
async fn refresh(db: &PgPool, mut user: User, profile: &Profile, now: DateTime<Utc>) -> Result<User, AppError> {
    let mut changed = false;
    if let Some(email) = &profile.email {
        if user.email.as_ref() != Some(email) {
            user.email = Some(email.clone());
            user.email_verified = profile.email_verified;
            changed = true;
        } else if profile.email_verified && !user.email_verified {
            user.email_verified = true;
            changed = true;
        }
    }
    if user.name.is_none() && profile.name.is_some() {
        user.name.clone_from(&profile.name);
        changed = true;
    }
    if due(user.last_seen_at, now) {
        user.last_seen_at = Some(now);
        changed = true;
    }
    if !changed {
        return Ok(user);
    }
    Ok(sqlx::query_as(
        "UPDATE users SET email = $2, email_verified = $3, name = $4, last_seen_at = $5, updated_at = now() \
         WHERE id = $1 RETURNING *",
    )
    .bind(user.id)
    .bind(&user.email)
    .bind(user.email_verified)
    .bind(&user.name)
    .bind(user.last_seen_at)
    .fetch_one(db)
    .await?)
}

/// The fields of a PATCH: `None` leaves a field as it is; `Some(None)` clears the avatar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChanges {
    pub name: Option<String>,
    pub avatar_url: Option<Option<String>>,
}

pub async fn update_profile(db: &PgPool, user: &User, changes: ProfileChanges) -> Result<User, AppError> {
    let name = changes.name.or_else(|| user.name.clone());
    let avatar_url = changes.avatar_url.unwrap_or_else(|| user.avatar_url.clone());
    Ok(
        sqlx::query_as("UPDATE users SET name = $2, avatar_url = $3, updated_at = now() WHERE id = $1 RETURNING *")
            .bind(user.id)
            .bind(name)
            .bind(avatar_url)
            .fetch_one(db)
            .await?,
    )
}

pub async fn delete_account(db: &PgPool, user: &User) -> Result<(), AppError> {
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(user.id)
        .execute(db)
        .await?;
    Ok(())
}
