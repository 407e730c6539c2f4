//! Which template layers apply to which answers, read from `templates/manifest.toml`.
//!
//! A layer is a folder of templates and a `when` expression over the template context.
//! Layers decide which files a project gets; choices inside a file are the templates' own
//! `{% if %}` blocks (docs/templates.md). Each `when` is checked at load against the key
//! table, so a typo such as `billing == 'lemonsqeezy'` is an error, not a layer that
//! silently never applies: see [`check_when`].

use serde::Deserialize;

use crate::error::{Error, Result, did_you_mean};
use crate::keys::Key;
use crate::render::{self, Renderer};
use crate::templates;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(rename = "layer")]
    pub layers: Vec<Layer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// The folder under templates/.
    pub name: String,
    /// A minijinja expression; the layer applies when it is true.
    pub when: String,
}

impl Manifest {
    /// The embedded manifest. A broken manifest is a saasgen bug.
    pub fn embedded() -> Result<Self> {
        let text = templates::source(templates::MANIFEST_PATH)
            .ok_or_else(|| Error::internal("templates/manifest.toml is missing from the binary"))?;
        Self::parse(text)
    }

    /// Parses and checks a manifest's text.
    pub fn parse(text: &str) -> Result<Self> {
        let manifest: Self = toml::from_str(text)
            .map_err(|e| Error::internal(format!("templates/manifest.toml is invalid: {e}")))?;
        manifest.check()?;
        Ok(manifest)
    }

    /// Layer names are unique, each has a folder, and each `when` names only context
    /// values and compares choices only with their values.
    fn check(&self) -> Result<()> {
        let names = render::context_names();
        for (i, layer) in self.layers.iter().enumerate() {
            if self.layers[..i].iter().any(|l| l.name == layer.name) {
                return Err(Error::internal(format!(
                    "manifest lists layer `{}` twice",
                    layer.name
                )));
            }
            if templates::tree().get_dir(&layer.name).is_none() {
                return Err(Error::internal(format!(
                    "manifest layer `{}` has no folder in templates/",
                    layer.name
                )));
            }
            check_when(&layer.when, &names)
                .map_err(|e| Error::internal(format!("manifest layer `{}`: {e}", layer.name)))?;
        }
        Ok(())
    }

    /// The layers whose `when` holds for these answers, in manifest order.
    pub fn active<'m>(&'m self, renderer: &Renderer) -> Result<Vec<&'m Layer>> {
        let mut active = Vec::new();
        for layer in &self.layers {
            let origin = format!("manifest.toml layer `{}`", layer.name);
            if renderer.eval_condition(&origin, &layer.when)? {
                active.push(layer);
            }
        }
        Ok(active)
    }
}

/// A token of a `when` expression, as far as the check needs one.
#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Punct(String),
}

/// Words minijinja gives a meaning of its own; they are not context names.
const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "is", "true", "false", "none", "True", "False", "None",
];

/// Checks one `when` expression against the context and the key table:
/// - every name is a context value (`billing`, `is_pro`, ...) or a keyword;
/// - `KEY == 'value'`, `KEY != 'value'` (either side) and `KEY in ['a', 'b']` compare a
///   choice key only with its own values.
///
/// A focused scan of the token stream rather than minijinja's AST, which is not public;
/// the unit tests also evaluate every `when` for every combination of choices under
/// strict undefined, which catches what the scan cannot read.
pub fn check_when(expr: &str, context_names: &[String]) -> std::result::Result<(), String> {
    let tokens = tokenize(expr)?;
    for token in &tokens {
        if let Token::Ident(name) = token {
            let known = KEYWORDS.contains(&name.as_str()) || context_names.contains(name);
            if !known {
                let near = did_you_mean(name, context_names.iter().map(String::as_str))
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                return Err(format!(
                    "`{expr}` uses `{name}`, which is not an answer or context value{near}"
                ));
            }
        }
    }
    for (key, value) in compared_values(&tokens) {
        check_value(key, value)?;
    }
    Ok(())
}

/// The (name, string) pairs the expression compares.
fn compared_values(tokens: &[Token]) -> Vec<(&str, &str)> {
    let mut pairs = Vec::new();
    for (i, window) in tokens.windows(3).enumerate() {
        match window {
            [Token::Ident(k), Token::Punct(op), Token::Str(v)]
            | [Token::Str(v), Token::Punct(op), Token::Ident(k)]
                if op == "==" || op == "!=" =>
            {
                pairs.push((k.as_str(), v.as_str()));
            }
            [Token::Ident(k), Token::Ident(kw), Token::Punct(open)]
                if kw == "in" && open == "[" =>
            {
                for t in tokens[i + 3..]
                    .iter()
                    .take_while(|t| **t != Token::Punct("]".into()))
                {
                    if let Token::Str(v) = t {
                        pairs.push((k.as_str(), v.as_str()));
                    }
                }
            }
            _ => {}
        }
    }
    pairs
}

fn check_value(key: &str, value: &str) -> std::result::Result<(), String> {
    let Some(spec) = Key::ALL.iter().map(|k| k.spec()).find(|s| s.key == key) else {
        return Ok(());
    };
    if !spec.is_choice() || spec.values.iter().any(|(v, _)| *v == value) {
        return Ok(());
    }
    let allowed: Vec<&str> = spec.values.iter().map(|(v, _)| *v).collect();
    let near = did_you_mean(value, allowed.iter().copied())
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    Err(format!(
        "`{value}` is not a value of `{key}`; {near}allowed values: {}",
        allowed.join(", ")
    ))
}

fn tokenize(expr: &str) -> std::result::Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = expr.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '\'' || c == '"' {
            chars.next();
            let s: String = chars.by_ref().take_while(|&x| x != c).collect();
            tokens.push(Token::Str(s));
        } else if c.is_alphanumeric() || c == '_' {
            let mut word = String::new();
            while let Some(&x) = chars.peek().filter(|x| x.is_alphanumeric() || **x == '_') {
                word.push(x);
                chars.next();
            }
            if !word.starts_with(|d: char| d.is_ascii_digit()) {
                tokens.push(Token::Ident(word));
            }
        } else {
            chars.next();
            let two = chars.peek().map(|&n| format!("{c}{n}"));
            match two.as_deref() {
                Some("==" | "!=" | "<=" | ">=") => {
                    chars.next();
                    tokens.push(Token::Punct(two.unwrap_or_default()));
                }
                _ if c == '.' || c == '|' => {
                    return Err(format!(
                        "`{expr}`: attributes and filters are not checked; compare answers directly"
                    ));
                }
                _ => tokens.push(Token::Punct(c.to_string())),
            }
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Billing, Choice};
    use crate::keys::Partial;

    #[test]
    fn embedded_manifest_parses_and_starts_with_common() {
        let m = Manifest::embedded().unwrap();
        assert_eq!(m.layers[0].name, "common");
        assert_eq!(m.layers[0].when, "true");
    }

    #[test]
    fn unknown_manifest_fields_are_rejected() {
        let err = toml::from_str::<Manifest>("[[layer]]\nname='x'\nwhen='true'\nif='y'\n");
        assert!(err.is_err());
    }

    #[test]
    fn a_misspelt_value_names_the_layer_key_and_allowed_values() {
        let text = "[[layer]]\nname = 'common'\nwhen = \"backend == 'fastapi' and billing == 'lemonsqeezy'\"\n";
        let err = Manifest::parse(text).unwrap_err();
        assert_eq!(err.exit_status() as i32, 2);
        let allowed = format!("allowed values: {}", Billing::names().join(", "));
        for part in [
            "layer `common`",
            "`lemonsqeezy` is not a value of `billing`",
            "did you mean `lemonsqueezy`?",
            &allowed,
        ] {
            assert!(err.message.contains(part), "{part}: {}", err.message);
        }
    }

    #[test]
    fn unknown_keys_and_values_are_caught_in_every_form() {
        let names = render::context_names();
        for bad in [
            "biling == 'stripe'",
            "'strip' == billing",
            "billing != 'Stripe'",
            "auth in ['clerk', 'okta']",
            "frontend == 'nextjs' and is_enterprise",
            "brand.name == 'x'",
        ] {
            assert!(check_when(bad, &names).is_err(), "{bad}");
        }
        for good in [
            "true",
            "billing != 'none'",
            "frontend == \"nextjs\" and not is_pro",
            "auth in ['clerk', 'auth0']",
            "tier == 'agency' or is_agency",
        ] {
            assert_eq!(check_when(good, &names), Ok(()), "{good}");
        }
    }

    /// Every choice value of every choice key, in every combination.
    fn every_combination() -> Vec<Partial> {
        let mut all = vec![Partial::default()];
        for key in Key::choices() {
            let values = key.spec().values;
            all = all
                .iter()
                .flat_map(|p| {
                    values.iter().map(move |(v, _)| {
                        let mut next = p.clone();
                        next.insert(key, *v, "test").unwrap();
                        next
                    })
                })
                .collect();
        }
        all
    }

    /// Strict undefined makes an unknown name in any branch an error, and every layer
    /// must apply to some combination (a layer that never applies is dead templates).
    #[test]
    fn every_when_evaluates_for_every_combination_and_every_layer_applies_somewhere() {
        let manifest = Manifest::embedded().unwrap();
        let mut used = vec![false; manifest.layers.len()];
        let combinations = every_combination();
        let expected: usize = Key::choices().map(|k| k.spec().values.len()).product();
        assert_eq!(combinations.len(), expected);
        for mut p in combinations {
            p.set("name", "combo", "test").unwrap();
            let renderer = Renderer::new(&p.build().unwrap());
            for (i, layer) in manifest.layers.iter().enumerate() {
                used[i] |= renderer.eval_condition(&layer.name, &layer.when).unwrap();
            }
        }
        for (layer, used) in manifest.layers.iter().zip(used) {
            assert!(used, "layer `{}` applies to no combination", layer.name);
        }
    }
}
