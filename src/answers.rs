//! The typed answers: what a project is made of.
//!
//! One enum per choice serves clap (`ValueEnum`), the prompt menus, `saasgen options`,
//! presets and the template context alike, so adding a provider is adding a variant.
//! [`Answers`] is the validated, complete set; [`crate::resolve`] builds it.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use crate::names::Names;

/// An option whose values are a closed set: the lowercase name is the wire format
/// everywhere (flags, TOML, templates).
pub trait Choice: ValueEnum + Copy + 'static {
    /// One line per value, for menus and `saasgen options`.
    fn help(self) -> &'static str;

    /// The wire name: flags, TOML and templates.
    fn as_str(self) -> &'static str;

    /// The name people read in generated prose (`Lemon Squeezy`, `GitHub Actions`);
    /// templates see it as `display.<key>` (docs/templates.md).
    fn display_name(self) -> &'static str;

    fn names() -> Vec<&'static str> {
        Self::value_variants().iter().map(|v| v.as_str()).collect()
    }

    fn parse(s: &str) -> Option<Self> {
        Self::value_variants()
            .iter()
            .copied()
            .find(|v| v.as_str() == s)
    }
}

macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $wire:literal as $display:literal : $help:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ValueEnum, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name {
            $(#[value(name = $wire, help = $help)] $variant),+
        }

        impl Choice for $name {
            fn help(self) -> &'static str {
                match self { $(Self::$variant => $help),+ }
            }

            fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $wire),+ }
            }

            fn display_name(self) -> &'static str {
                match self { $(Self::$variant => $display),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

choice!(
    /// How much the project does (docs/cli.md, `saasgen options`).
    Tier {
        Starter = "starter" as "Starter": "auth, billing, users, security baseline, CI, core docs",
        Pro = "pro" as "Pro": "adds organizations, roles, feature flags, audit log, subscription lifecycle, Docker, observability",
        Agency = "agency" as "Agency": "adds white-label branding, CODEOWNERS, module boundaries, client handoff docs",
    }
);

choice!(
    Backend {
        Fastapi = "fastapi" as "FastAPI": "Python: FastAPI, SQLAlchemy 2 async, Alembic, uv",
        Axum = "axum" as "Axum": "Rust: axum, sqlx, tokio",
    }
);

choice!(
    Frontend {
        Nextjs = "nextjs" as "Next.js": "Next.js 15 App Router, React 19, Tailwind CSS",
        None = "none" as "none": "API only",
    }
);

choice!(
    Auth {
        Clerk = "clerk" as "Clerk": "Clerk",
        Auth0 = "auth0" as "Auth0": "Auth0",
        Supabase = "supabase" as "Supabase": "Supabase Auth",
    }
);

choice!(
    Billing {
        Stripe = "stripe" as "Stripe": "Stripe Checkout and Billing Portal",
        Lemonsqueezy = "lemonsqueezy" as "Lemon Squeezy": "Lemon Squeezy (merchant of record)",
        Paddle = "paddle" as "Paddle": "Paddle Billing (merchant of record)",
        None = "none" as "none": "no payments",
    }
);

choice!(
    Ci {
        Github = "github" as "GitHub Actions": "GitHub Actions",
        Gitlab = "gitlab" as "GitLab CI": "GitLab CI",
    }
);

/// What saasgen itself knows of a backend or frontend besides its templates: how
/// `--install` fetches its dependencies and where `make dev` serves it (the next steps
/// name the port). Everything else goes through the generated Makefile, whose targets
/// every stack honours, so a new backend adds one [`Backend::stack`] entry here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stack {
    /// The project folder it lives in; install commands run there.
    pub dir: &'static str,
    /// The spinner label of the install.
    pub install_label: &'static str,
    pub install_program: &'static str,
    pub install_args: &'static [&'static str],
    pub dev_port: u16,
}

impl Backend {
    pub fn stack(self) -> Stack {
        match self {
            Backend::Fastapi => Stack {
                dir: "backend",
                install_label: "backend: uv sync",
                install_program: "uv",
                // The shipped uv.lock, exactly; fails if it no longer matches pyproject.toml.
                install_args: &["sync", "--locked"],
                dev_port: 8000,
            },
            Backend::Axum => Stack {
                dir: "backend",
                install_label: "backend: cargo fetch",
                install_program: "cargo",
                install_args: &["fetch"],
                dev_port: 8000,
            },
        }
    }
}

impl Frontend {
    /// `None` for an API-only project.
    pub fn stack(self) -> Option<Stack> {
        match self {
            Frontend::Nextjs => Some(Stack {
                dir: "frontend",
                install_label: "frontend: npm install",
                install_program: "npm",
                // The shipped package-lock.json, exactly (`npm ci`).
                install_args: &["ci", "--no-audit", "--no-fund"],
                dev_port: 3000,
            }),
            Frontend::None => None,
        }
    }
}

impl Tier {
    /// What this tier adds, in full, for `saasgen options`.
    pub fn adds(self) -> &'static str {
        match self {
            Tier::Starter => {
                "backend + Next.js, health, users, JWKS auth, checkout + signed idempotent webhooks, rate limits, security headers, CORS, CI, core docs"
            }
            Tier::Pro => {
                "starter + subscription lifecycle and portal, organizations with roles and invitations, feature flags, audit log, Docker/compose/nginx/systemd, JSON logs, request ids, Sentry, metrics, all docs"
            }
            Tier::Agency => {
                "pro + white-label branding, CODEOWNERS, enforced module boundaries, client handoff document, docs as PDF"
            }
        }
    }
}

/// White-label details. Only Agency projects expose them prominently, but every project
/// uses them for its name, domain and e-mails.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brand {
    pub name: String,
    pub company: String,
    pub domain: String,
    pub support_email: String,
    pub primary_color: String,
    /// `none`, or the absolute path of the client's SVG or PNG logo ([`crate::brand`]).
    pub logo: String,
}

/// Who owns each domain module: the Agency project's CODEOWNERS lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owners {
    pub users: String,
    pub billing: String,
    pub organizations: String,
    pub flags: String,
    pub audit: String,
}

/// Every answer, validated. Serialised as the `[answers]` table of `.saasgen.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub name: String,
    pub description: String,
    pub tier: Tier,
    pub backend: Backend,
    pub frontend: Frontend,
    pub auth: Auth,
    pub billing: Billing,
    pub ci: Ci,
    pub brand: Brand,
    pub owners: Owners,
}

impl Answers {
    /// Identifiers derived from the name (slug, module, npm and crate names).
    pub fn names(&self) -> Names {
        Names::derive(&self.name)
    }

    /// The value of `key` in its wire form, found by the key's dotted path in the
    /// serialised answers (so no list of keys is repeated here).
    pub fn get(&self, key: crate::keys::Key) -> String {
        let json = serde_json::to_value(self).expect("answers serialise");
        let pointer = format!("/{}", key.as_str().replace('.', "/"));
        match json.pointer(&pointer) {
            Some(serde_json::Value::String(s)) => s.clone(),
            other => panic!(
                "answer key `{}` is not a string field: {other:?}",
                key.as_str()
            ),
        }
    }

    pub fn is_pro(&self) -> bool {
        matches!(self.tier, Tier::Pro | Tier::Agency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_through_their_wire_names() {
        for b in Billing::value_variants() {
            assert_eq!(Billing::parse(b.as_str()), Some(*b));
        }
        assert_eq!(Billing::Lemonsqueezy.to_string(), "lemonsqueezy");
        assert_eq!(Tier::parse("enterprise"), None);
    }

    #[test]
    fn every_key_reads_back_from_the_answers() {
        let mut p = crate::keys::Partial::default();
        p.set("name", "acme", "x").unwrap();
        p.set("billing", "paddle", "x").unwrap();
        let a = p.build().unwrap();
        for key in crate::keys::Key::ALL {
            assert!(!a.get(*key).is_empty(), "{key:?}");
        }
        assert_eq!(a.get(crate::keys::Key::Billing), "paddle");
        assert_eq!(a.get(crate::keys::Key::BrandDomain), "acme.example.com");
    }

    #[test]
    fn serde_uses_the_same_wire_names_as_clap() {
        let json = serde_json::to_string(&Auth::Auth0).unwrap();
        assert_eq!(json, "\"auth0\"");
    }
}
