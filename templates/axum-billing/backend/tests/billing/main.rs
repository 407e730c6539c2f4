//! Billing against a real PostgreSQL (TEST_DATABASE_URL): webhooks through the real router
//! and the provider's real verification, checkout and portal through their handlers with
//! a fake provider, and account deletion cancelling the subscription first.

mod checkout;
mod deletion;
mod support;
mod webhooks;
