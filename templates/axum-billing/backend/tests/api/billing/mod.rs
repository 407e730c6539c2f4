//! Billing against a real PostgreSQL: webhooks through the real router and the provider's
//! real verification, checkout and portal with the fake provider, and account deletion
//! cancelling the subscription first.

mod checkout;
mod deletion;
mod support;
mod verification;
mod webhooks;
