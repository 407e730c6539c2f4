//! The minijinja environment: one syntax for every template, strict undefined values,
//! the escaping filters, and the context built from the answers.
//!
//! Delimiters are `{= =}`, `{% %}` and `{## ##}` in every file (see docs/templates.md):
//! they clash with none of the generated languages, so no file needs raw blocks.

use std::collections::BTreeMap;

use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::answers::{Answers, Tier};
use crate::error::{Error, Result};
use crate::keys::Key;
use crate::names::Names;
use crate::{filters, templates};

/// Everything a template can see: every answer under its own name (so a new answer
/// reaches the templates without a change here) plus values derived from them. Field
/// names are part of the template contract (docs/templates.md).
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    #[serde(flatten)]
    pub answers: &'a Answers,
    #[serde(flatten)]
    pub names: Names,
    pub is_pro: bool,
    pub is_agency: bool,
    /// Text colour on `brand.primary_color` that reaches WCAG AA ([`crate::brand`]).
    pub brand_foreground: &'static str,
    /// The logo's file name in the frontend's `public/` (`logo.svg` or `logo.png`).
    pub logo_file: &'static str,
    pub saasgen_version: &'static str,
    /// The display name of every choice answer, by key: `display.billing` is
    /// `Lemon Squeezy` when `billing` is `lemonsqueezy`. Templates name providers with it
    /// instead of copying a map of names.
    pub display: BTreeMap<&'static str, &'static str>,
}

impl<'a> Context<'a> {
    pub fn new(answers: &'a Answers) -> Self {
        Self {
            answers,
            names: Names {
                display_name: answers.brand.name.clone(),
                ..answers.names()
            },
            is_pro: answers.is_pro(),
            is_agency: answers.tier == Tier::Agency,
            brand_foreground: crate::brand::foreground(&answers.brand.primary_color),
            logo_file: crate::brand::logo_file(&answers.brand.logo),
            saasgen_version: crate::VERSION,
            display: display_names(answers),
        }
    }
}

/// `display` of the [`Context`]: every choice key (so a new one needs no change here).
fn display_names(answers: &Answers) -> BTreeMap<&'static str, &'static str> {
    Key::choices()
        .map(|key| {
            let name = key
                .display_name(&answers.get(key))
                .expect("a choice answer has a display name");
            (key.as_str(), name)
        })
        .collect()
}

/// The top-level names a template or a manifest `when` can use.
pub fn context_names() -> Vec<String> {
    let mut p = crate::keys::Partial::default();
    p.set("name", "sample", "context_names")
        .expect("a valid name");
    let answers = p.build().expect("defaults build");
    match serde_json::to_value(Context::new(&answers)).expect("context serialises") {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        _ => unreachable!("a struct serialises to an object"),
    }
}

/// Renders embedded templates and expressions against one context.
pub struct Renderer {
    env: Environment<'static>,
    ctx: Value,
}

impl Renderer {
    pub fn new(answers: &Answers) -> Self {
        let mut env = environment();
        env.set_loader(|name| Ok(templates::source(name).map(str::to_owned)));
        Self {
            env,
            ctx: Value::from_serialize(Context::new(answers)),
        }
    }

    /// Renders the template at `path` (relative to templates/).
    pub fn render_file(&self, path: &str) -> Result<String> {
        let tmpl = self
            .env
            .get_template(path)
            .map_err(|e| template_bug(path, &e))?;
        tmpl.render(&self.ctx).map_err(|e| template_bug(path, &e))
    }

    /// Renders a path component such as `{= module_name =}`.
    pub fn render_str(&self, origin: &str, source: &str) -> Result<String> {
        self.env
            .render_str(source, &self.ctx)
            .map_err(|e| template_bug(origin, &e))
    }

    /// Evaluates a manifest `when` expression.
    pub fn eval_condition(&self, origin: &str, expr: &str) -> Result<bool> {
        let compiled = self
            .env
            .compile_expression(expr)
            .map_err(|e| template_bug(origin, &e))?;
        let value = compiled
            .eval(&self.ctx)
            .map_err(|e| template_bug(origin, &e))?;
        Ok(value.is_true())
    }
}

/// The environment without a loader: syntax, undefined behaviour, whitespace, filters.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    let syntax = SyntaxConfig::builder()
        .block_delimiters("{%", "%}")
        .variable_delimiters("{=", "=}")
        .comment_delimiters("{##", "##}")
        .build()
        .expect("valid delimiters");
    env.set_syntax(syntax);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    filters::register(&mut env);
    env
}

/// A template that fails to render is a saasgen bug: say so, with the place.
fn template_bug(origin: &str, err: &minijinja::Error) -> Error {
    let place = match (err.name(), err.line()) {
        (Some(name), Some(line)) => format!("{name}:{line}"),
        _ => origin.to_owned(),
    };
    let mut detail = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        detail.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    Error::internal(format!("template `{place}` failed to render: {detail}"))
        .with_hint("this is a bug in saasgen; please report it with the command you ran")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(src: &str, ctx: Value) -> std::result::Result<String, minijinja::Error> {
        environment().render_str(src, ctx)
    }

    #[test]
    fn uses_the_project_syntax_and_leaves_other_braces_alone() {
        let ctx = minijinja::context! { name => "acme" };
        let src = "run: ${{ matrix.os }} {## gone ##}{= name =} <div style={{a: 1}}/> ${#arr}\n";
        assert_eq!(
            render(src, ctx).unwrap(),
            "run: ${{ matrix.os }} acme <div style={{a: 1}}/> ${#arr}\n"
        );
    }

    #[test]
    fn block_lines_vanish_with_their_newline() {
        let ctx = minijinja::context! { on => true };
        assert_eq!(
            render("a\n  {% if on %}\nb\n{% endif %}\nc\n", ctx).unwrap(),
            "a\nb\nc\n"
        );
    }

    #[test]
    fn a_template_bug_is_an_internal_error_that_names_the_template() {
        let mut p = crate::keys::Partial::default();
        p.set("name", "acme", "test").unwrap();
        let renderer = Renderer::new(&p.build().unwrap());
        let err = renderer
            .render_str("backend/app/main.py.j2", "ok\n{= no_such_answer =}")
            .unwrap_err();
        assert_eq!(err.exit_status() as i32, 2);
        assert!(err.message.contains("failed to render"), "{}", err.message);
        assert!(err.hint.unwrap().contains("bug in saasgen"));
        assert!(
            renderer
                .eval_condition("manifest", "tier == 'starter'")
                .unwrap()
        );
    }

    #[test]
    fn undefined_variables_are_errors() {
        assert!(render("{= nope =}", minijinja::context! {}).is_err());
        assert!(render("{% if nope.x %}{% endif %}", minijinja::context! {}).is_err());
    }

    #[test]
    fn display_names_every_choice_answer_by_key() {
        let mut p = crate::keys::Partial::default();
        p.set("name", "acme", "test").unwrap();
        p.set("billing", "lemonsqueezy", "test").unwrap();
        p.set("ci", "gitlab", "test").unwrap();
        let renderer = Renderer::new(&p.build().unwrap());
        let out = renderer
            .render_str(
                "t",
                "{= display.billing =}|{= display.auth =}|{= display.backend =}|{= display.ci =}",
            )
            .unwrap();
        assert_eq!(out, "Lemon Squeezy|Clerk|FastAPI|GitLab CI");
        let keys: Vec<_> = display_names(&p.build().unwrap()).into_keys().collect();
        let choices: Vec<_> = Key::choices().map(Key::as_str).collect();
        assert_eq!(keys.len(), choices.len());
        assert!(choices.iter().all(|k| keys.contains(k)), "{keys:?}");
    }

    /// A backend's CI job is a partial included by the backend's name: a backend without
    /// one is a render error, never another backend's job.
    /// Renders each template with the default answers (it must succeed), then with `key`
    /// set to a value that has no partials, and expects the missing partial named `missing`.
    fn fails_without_its_partial(key: &str, value: &str, missing: &str, templates: &[&str]) {
        let mut p = crate::keys::Partial::default();
        p.set("name", "acme", "test").unwrap();
        let answers = p.build().unwrap();
        let mut env = environment();
        env.set_loader(|name| Ok(templates::source(name).map(str::to_owned)));
        for name in templates {
            let tmpl = env.get_template(name).unwrap();
            let mut ctx = serde_json::to_value(Context::new(&answers)).unwrap();
            assert!(tmpl.render(&ctx).is_ok(), "{name}");
            ctx[key] = value.into();
            let err = tmpl.render(&ctx).unwrap_err();
            assert_eq!(err.kind(), minijinja::ErrorKind::TemplateNotFound, "{name}");
            assert!(err.to_string().contains(missing), "{name}: {err}");
        }
    }

    #[test]
    fn ci_for_a_backend_without_its_partial_fails_to_render() {
        fails_without_its_partial(
            "backend",
            "rails",
            "backend-rails",
            &[
                "ci-github/.github/workflows/ci.yml.j2",
                "ci-gitlab/.gitlab-ci.yml.j2",
                "common/README.md.j2",
                "common/Makefile.j2",
                "docs/docs/README.md.j2",
                "docs/docs/philosophy.md.j2",
                "docs-billing/_partials/billing-common.md.j2",
            ],
        );
    }

    #[test]
    fn the_checklist_for_a_billing_provider_without_its_layer_fails_to_render() {
        fails_without_its_partial(
            "billing",
            "mollie",
            "fastapi-billing-mollie",
            &["fastapi/SECURITY_CHECKLIST.md.j2"],
        );
    }

    #[test]
    fn backend_files_for_an_auth_provider_without_its_layer_fail_to_render() {
        fails_without_its_partial(
            "auth",
            "okta",
            "fastapi-auth-okta",
            &[
                "fastapi/SECURITY_CHECKLIST.md.j2",
                "fastapi/backend/README.md.j2",
            ],
        );
    }
}
