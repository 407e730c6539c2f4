//! Pro and Agency: organizations, members, and their rules under concurrency.

mod accounts;
mod audit;
mod concurrency;
mod crud;
mod entitlements;
mod invitations;
mod lists;
mod members;
pub mod support;
