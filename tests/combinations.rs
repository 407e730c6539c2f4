//! Every combination of answers renders without error (SPEC section 7), through the
//! library so that all of them run in seconds.

use clap::ValueEnum;
use saasgen::answers::{Auth, Backend, Billing, Ci, Frontend, Tier};
use saasgen::keys::Partial;
use saasgen::plan;

#[test]
fn every_tier_backend_frontend_auth_billing_and_ci_combination_renders() {
    let mut count = 0;
    for tier in Tier::value_variants() {
        for backend in Backend::value_variants() {
            for frontend in Frontend::value_variants() {
                for auth in Auth::value_variants() {
                    for billing in Billing::value_variants() {
                        for ci in Ci::value_variants() {
                            let mut p = Partial::default();
                            for (k, v) in [
                                ("name", "combo".to_string()),
                                ("tier", tier.to_string()),
                                ("backend", backend.to_string()),
                                ("frontend", frontend.to_string()),
                                ("auth", auth.to_string()),
                                ("billing", billing.to_string()),
                                ("ci", ci.to_string()),
                            ] {
                                p.set(k, v, "test").unwrap();
                            }
                            let answers = p.build().unwrap();
                            let plan = plan::plan(&answers)
                                .unwrap_or_else(|e| panic!("{answers:?}: {e} {:?}", e.hint));
                            assert!(plan.get(".saasgen.toml").is_some());
                            assert!(plan.get("Makefile").is_some());
                            assert_eq!(
                                plan.get("frontend/package.json").is_some(),
                                frontend == &Frontend::Nextjs,
                                "{answers:?}"
                            );
                            count += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(count, 3 * 2 * 2 * 3 * 4 * 2);
}
