//! `GET /api/billing/plans`: the plan catalog, for the pricing page (no sign-in needed).

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::plans::{PLANS, PlanId};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Plan {
    pub id: PlanId,
    pub name: String,
    pub description: String,
    pub price_monthly_cents: i64,
    pub currency: String,
    pub features: Vec<String>,
    pub purchasable: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanList {
    pub plans: Vec<Plan>,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_plans))
}

/// Every plan with its price and features; `purchasable` tells which can be bought.
#[utoipa::path(get, path = "/api/billing/plans", tag = "billing", responses((status = 200, description = "Successful Response", body = PlanList)))]
pub async fn list_plans() -> Json<PlanList> {
    let plans = PLANS
        .iter()
        .map(|plan| Plan {
            id: plan.id,
            name: plan.name.into(),
            description: plan.description.into(),
            price_monthly_cents: plan.price_monthly_cents,
            currency: "usd".into(),
            features: plan.features.iter().map(|feature| (*feature).to_owned()).collect(),
            purchasable: plan.purchasable(),
        })
        .collect();
    Json(PlanList { plans })
}
