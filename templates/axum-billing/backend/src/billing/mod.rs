//! Billing: the plan catalog, one payment provider behind [`provider::BillingProvider`], its
//! signed webhooks, and the idempotent processing of their events.
//!
//! Shared modules are the same for every provider; `provider_settings.rs`, `adapter.rs`,
//! `webhook.rs` and `kit.rs` come from the provider chosen when the project was generated.

pub mod adapter;
pub mod event;
pub mod fake;
pub mod http;
pub mod kit;
pub mod owner;
pub mod plans;
pub mod provider;
pub mod provider_settings;
pub mod redirect;
pub mod service;
pub mod settings;
pub mod signature;
pub mod subscriptions;
pub mod webhook;

#[cfg(test)]
mod adapter_tests;
#[cfg(test)]
mod mock_api;
#[cfg(test)]
mod webhook_tests;

use std::sync::Arc;

pub use settings::BillingSettings;

/// The configured payment provider, calling its API through the app's shared client.
pub fn provider(settings: &BillingSettings, http: reqwest::Client) -> Arc<dyn provider::BillingProvider> {
    Arc::new(adapter::Provider::new(settings.clone(), http))
}
