//! Who a token belongs to, remembered for a few seconds in this process.
//!
//! "Which user is this token" runs on every authenticated request. Without this cache each
//! one reads the user row (and takes a pooled connection to do it); a hit needs no
//! database at all.
//!
//! An entry is found by the token's subject and expiry (`exp`) and used only while the
//! token also carries the same profile claims: a new token, or one whose e-mail, name or
//! picture changed, goes to the database (`users::sync_from_claims`) so a changed claim is
//! written. An entry lives at most USER_CACHE_SECONDS and never past its token's expiry.
//! Writes to the user in this process (PATCH or DELETE /api/users/me, a subscription
//! change) forget it at once; other replicas keep their copy until it expires, so keep the
//! setting short. USER_CACHE_SECONDS=0 turns the cache off.
//!
//! When an entry expires, every request in flight for that user misses at once:
//! `refilling` lets the first one read (and maybe write) the row while the others wait for
//! its entry, so a busy user costs one query per expiry, not one per concurrent request.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::Utc;
use tokio::sync::{Mutex as AsyncMutex, MutexGuard as AsyncMutexGuard};

use crate::auth::Profile;
use crate::users::User;

/// Enough for every user active within a few seconds; beyond it, expired entries go first,
/// then arbitrary ones.
const MAX_ENTRIES: usize = 4096;
/// Refills of different subjects rarely share one of these locks; one of the same subject
/// always does.
const REFILL_LOCKS: usize = 64;

struct Entry {
    token_expiry: Option<i64>,
    profile: Profile,
    fresh_until: Instant,
    user: User,
}

pub struct UserCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, Entry>>,
    refills: Vec<AsyncMutex<()>>,
    hasher: RandomState,
}

impl UserCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::new(HashMap::new()),
            refills: (0..REFILL_LOCKS).map(|_| AsyncMutex::new(())).collect(),
            hasher: RandomState::new(),
        }
    }

    /// The remembered user for this token's subject, expiry and profile claims.
    pub fn get(&self, subject: &str, token_expiry: Option<i64>, profile: &Profile) -> Option<User> {
        let mut entries = self.entries.lock().expect("user cache lock");
        let entry = entries.get(subject)?;
        if entry.fresh_until <= Instant::now() {
            entries.remove(subject);
            return None;
        }
        (entry.token_expiry == token_expiry && entry.profile == *profile).then(|| entry.user.clone())
    }

    /// Held while the subject's row is read for the cache: one request at a time.
    pub async fn refilling(&self, subject: &str) -> AsyncMutexGuard<'_, ()> {
        let index = (self.hasher.hash_one(subject) % REFILL_LOCKS as u64) as usize;
        self.refills[index].lock().await
    }

    pub fn put(&self, user: &User, token_expiry: Option<i64>, profile: Profile) {
        let Some(fresh_until) = self.fresh_until(token_expiry) else {
            return;
        };
        let mut entries = self.entries.lock().expect("user cache lock");
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(&user.auth_subject) {
            let now = Instant::now();
            entries.retain(|_, entry| entry.fresh_until > now);
            if entries.len() >= MAX_ENTRIES {
                let victim = entries.keys().next().cloned();
                victim.map(|subject| entries.remove(&subject));
            }
        }
        let entry = Entry {
            token_expiry,
            profile,
            fresh_until,
            user: user.clone(),
        };
        entries.insert(user.auth_subject.clone(), entry);
    }

    /// Drop the subject's entry: call it after writing their user row.
    pub fn forget(&self, subject: &str) {
        self.entries.lock().expect("user cache lock").remove(subject);
    }

    /// Drop the entry of the user with this id (a write that knows only the id).
    pub fn forget_user(&self, id: uuid::Uuid) {
        self.entries
            .lock()
            .expect("user cache lock")
            .retain(|_, entry| entry.user.id != id);
    }

    /// Drop every entry (tests that delete users behind the app's back).
    pub fn clear(&self) {
        self.entries.lock().expect("user cache lock").clear();
    }

    /// Now plus the TTL, bounded by the token's remaining lifetime; `None` when either is
    /// zero (the cache is off, or the token expires now).
    fn fresh_until(&self, token_expiry: Option<i64>) -> Option<Instant> {
        let mut ttl = self.ttl;
        if let Some(expiry) = token_expiry {
            let left = u64::try_from(expiry - Utc::now().timestamp()).unwrap_or(0);
            ttl = ttl.min(Duration::from_secs(left));
        }
        (!ttl.is_zero()).then(|| Instant::now() + ttl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(subject: &str, name: &str) -> User {
        let now = Utc::now();
        User {
            id: uuid::Uuid::new_v4(),
            auth_subject: subject.to_owned(),
            email: None,
            email_verified: false,
            name: Some(name.to_owned()),
            avatar_url: None,
            plan: "free".to_owned(),
            subscription_status: "none".to_owned(),
            billing_customer_id: None,
            billing_subscription_id: None,
            last_seen_at: None,
            created_at: now,
            updated_at: now,
        }
    }

    fn in_an_hour() -> Option<i64> {
        Some(Utc::now().timestamp() + 3600)
    }

    #[test]
    fn a_remembered_user_is_found_by_subject_expiry_and_profile() {
        let cache = UserCache::new(Duration::from_secs(10));
        let expiry = in_an_hour();
        cache.put(&user("a", "Ada"), expiry, Profile::default());
        assert_eq!(
            cache.get("a", expiry, &Profile::default()).unwrap().name.as_deref(),
            Some("Ada")
        );
        assert!(cache.get("b", expiry, &Profile::default()).is_none());
        assert!(
            cache.get("a", expiry.map(|e| e + 1), &Profile::default()).is_none(),
            "another token"
        );
        let renamed = Profile {
            name: Some("Grace".into()),
            ..Profile::default()
        };
        assert!(
            cache.get("a", expiry, &renamed).is_none(),
            "a changed claim must reach the database"
        );
    }

    #[test]
    fn forget_drops_the_entry() {
        let cache = UserCache::new(Duration::from_secs(10));
        let expiry = in_an_hour();
        cache.put(&user("a", "Ada"), expiry, Profile::default());
        assert!(cache.get("a", expiry, &Profile::default()).is_some());
        cache.forget("a");
        assert!(cache.get("a", expiry, &Profile::default()).is_none());
    }

    #[test]
    fn forget_user_drops_the_entry_of_that_id_only() {
        let cache = UserCache::new(Duration::from_secs(10));
        let expiry = in_an_hour();
        let (ada, grace) = (user("a", "Ada"), user("g", "Grace"));
        cache.put(&ada, expiry, Profile::default());
        cache.put(&grace, expiry, Profile::default());
        cache.forget_user(ada.id);
        assert!(cache.get("a", expiry, &Profile::default()).is_none());
        assert!(cache.get("g", expiry, &Profile::default()).is_some());
    }

    #[test]
    fn a_zero_ttl_or_an_expired_token_stores_nothing() {
        let expiry = in_an_hour();
        let off = UserCache::new(Duration::ZERO);
        off.put(&user("a", "Ada"), expiry, Profile::default());
        assert!(off.get("a", expiry, &Profile::default()).is_none());
        let cache = UserCache::new(Duration::from_secs(10));
        let expired = Some(Utc::now().timestamp() - 1);
        cache.put(&user("a", "Ada"), expired, Profile::default());
        assert!(cache.get("a", expired, &Profile::default()).is_none());
    }

    #[test]
    fn an_entry_ends_with_its_ttl() {
        let cache = UserCache::new(Duration::from_millis(20));
        let expiry = in_an_hour();
        cache.put(&user("a", "Ada"), expiry, Profile::default());
        assert!(cache.get("a", expiry, &Profile::default()).is_some());
        std::thread::sleep(Duration::from_millis(40));
        assert!(cache.get("a", expiry, &Profile::default()).is_none());
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = UserCache::new(Duration::from_secs(10));
        let expiry = in_an_hour();
        for n in 0..MAX_ENTRIES + 10 {
            cache.put(&user(&format!("user_{n}"), "x"), expiry, Profile::default());
        }
        assert_eq!(cache.entries.lock().unwrap().len(), MAX_ENTRIES);
        let last = format!("user_{}", MAX_ENTRIES + 9);
        assert!(
            cache.get(&last, expiry, &Profile::default()).is_some(),
            "the newest entry is kept"
        );
    }
}
