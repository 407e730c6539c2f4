//! `saasgen options` and `saasgen presets`: what can be chosen, printed for people.

use crate::error::Result;
use crate::keys::Key;
use crate::names::Names;
use crate::output::Printer;
use crate::presets;

/// What each tier adds, from SPEC section 5.
const TIERS: &[(&str, &str)] = &[
    (
        "starter",
        "backend + Next.js, health, users, JWKS auth, checkout + signed idempotent webhooks, rate limits, security headers, CORS, CI, core docs",
    ),
    (
        "pro",
        "starter + subscription lifecycle and portal, organizations with roles and invitations, feature flags, audit log, Docker/compose/nginx/systemd, JSON logs, request ids, Sentry, metrics, all docs",
    ),
    (
        "agency",
        "pro + white-label branding, CODEOWNERS, enforced module boundaries, client handoff document, docs as PDF",
    ),
];

pub fn options(printer: &Printer) -> Result<()> {
    let names = Names::derive("myapp");
    let mut out = String::from(
        "Answer keys (use with --set KEY=VALUE, in presets, batch files and .saasgen.toml):\n",
    );
    for key in Key::ALL {
        out.push_str(&format!("\n  {:<22} {}\n", key.as_str(), key.describe()));
        match key.values() {
            Some(values) => {
                for (v, help) in values {
                    out.push_str(&format!("      {v:<14} {help}\n"));
                }
                out.push_str(&format!(
                    "      default: {}   flag: {}\n",
                    key.default_value(&names),
                    key.flag()
                ));
            }
            None => {
                let default = match key {
                    Key::Name => "(required)".to_owned(),
                    _ => key.default_value(&names).replace("myapp", "NAME"),
                };
                out.push_str(&format!(
                    "      default: {default}   flag: {}\n",
                    key.flag()
                ));
            }
        }
    }
    out.push_str("\nTiers:\n");
    for (tier, adds) in TIERS {
        out.push_str(&format!("  {tier:<8} {adds}\n"));
    }
    out.push_str("\nPrecedence: defaults < --preset < --set < dedicated flags.\n");
    printer.stdout(out.trim_end());
    Ok(())
}

pub fn list_presets(printer: &Printer) -> Result<()> {
    for preset in presets::builtins() {
        printer.stdout(format!("{:<10} {}", preset.name, preset.summary()));
    }
    Ok(())
}

pub fn show_preset(name: &str, printer: &Printer) -> Result<()> {
    let preset = presets::builtin(name)?;
    printer.stdout(preset.text.trim_end());
    Ok(())
}
