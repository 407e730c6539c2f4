//! What an organization's plan entitles it to, enforced where the feature is used.
//!
//! The limits come from the plan catalog (`crate::plans`), the same data the pricing page
//! shows, so what is sold is what is enforced. A refusal answers 402 Payment Required with
//! a `detail` naming the plan that allows it: 402 rather than 403 because paying fixes it
//! (the frontend shows an upgrade hint), while 403 keeps meaning "your role does not allow
//! this". Without a payment provider (`BILLING_ENABLED` false) no plan can be bought, so
//! nothing is held back: every organization gets the top plan's entitlements.
//! FastAPI's `app/services/entitlements.py`, with the same texts.

use axum::http::StatusCode;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;
use crate::orgs::{self, Organization};
use crate::plans::{BILLING_ENABLED, PLANS, PlanInfo, plan_info};

/// The plan whose limits apply to an organization on `plan_id`.
fn entitlements(plan_id: &str) -> &'static PlanInfo {
    if BILLING_ENABLED {
        plan_info(plan_id)
    } else {
        &PLANS[PLANS.len() - 1]
    }
}

/// 402 naming the cheapest plan that `allows` the feature.
fn plan_required(feature: &str, allows: impl Fn(&PlanInfo) -> bool) -> AppError {
    let plan = PLANS
        .iter()
        .find(|plan| allows(plan))
        .unwrap_or(&PLANS[PLANS.len() - 1]);
    AppError::new(
        StatusCode::PAYMENT_REQUIRED,
        format!("{feature} requires the {} plan", plan.name),
    )
}

/// The audit log is a feature of some plans only (Business).
pub fn require_audit_log(org: &Organization) -> Result<(), AppError> {
    if entitlements(&org.plan).audit_log {
        Ok(())
    } else {
        Err(plan_required("the audit log", |plan| plan.audit_log))
    }
}

/// Members plus pending invitations: every invitation may become a member.
async fn seats_taken(conn: &mut PgConnection, org_id: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM memberships WHERE organization_id = $1) \
         + (SELECT count(*) FROM invitations WHERE organization_id = $1 \
            AND status = 'pending' AND expires_at > now())",
    )
    .bind(org_id)
    .fetch_one(conn)
    .await
}

/// Room for one more member under the plan's limit. The caller holds the organization's
/// row lock (`orgs::lock`) until its transaction ends, so concurrent invitations are
/// counted one after the other and cannot overshoot the limit together.
pub async fn require_member_seat(conn: &mut PgConnection, org_id: Uuid) -> Result<(), AppError> {
    let org = orgs::get(conn, org_id).await?;
    let Some(limit) = entitlements(&org.plan).max_members else {
        return Ok(());
    };
    if seats_taken(conn, org_id).await? < limit {
        return Ok(());
    }
    Err(plan_required(&format!("more than {limit} members"), |plan| {
        plan.max_members.is_none_or(|max| max > limit)
    }))
}
