//! Where answers come from: built-in defaults < each `--preset` in the order given <
//! `--set` < dedicated flags, then the wizard for what is still missing (or defaults with
//! `--no-input`). `-v` prints that order and which source set each answer.

use std::io::IsTerminal;

use crate::answers::{Answers, Tier};
use crate::cli::ChoiceArgs;
use crate::error::{Error, Result};
use crate::keys::{Key, Partial};
use crate::output::Printer;
use crate::presets;
use crate::prompt::{self, NameCheck};

/// What the user typed, before any merging.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    /// `None` when `saasgen new` ran without NAME: the wizard asks for it.
    pub name: Option<String>,
    /// `--preset`, repeatable: later presets win.
    pub presets: Vec<String>,
    pub sets: Vec<String>,
    pub choices: ChoiceArgs,
}

/// How to fill the answers nobody gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interaction {
    /// A person at a terminal: ask.
    Prompt,
    /// `--no-input`: take the defaults.
    Defaults,
    /// No terminal and no `--no-input`: refuse rather than guess or hang.
    Refuse,
}

impl Interaction {
    pub fn detect(no_input: bool) -> Self {
        if no_input {
            Interaction::Defaults
        } else if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            Interaction::Prompt
        } else {
            Interaction::Refuse
        }
    }
}

/// One source of answers, named for `-v` and messages.
#[derive(Debug)]
pub struct Layer {
    pub source: String,
    pub answers: Partial,
}

/// Every source the user gave, lowest precedence first: the presets in order, `--set`,
/// the flags.
pub fn layers(inputs: &Inputs) -> Result<Vec<Layer>> {
    let mut out = Vec::new();
    for spec in &inputs.presets {
        out.push(Layer {
            source: format!("preset `{spec}`"),
            answers: presets::load(spec)?,
        });
    }
    out.push(Layer {
        source: "--set".into(),
        answers: parse_sets(&inputs.sets)?,
    });
    out.push(Layer {
        source: "flags".into(),
        answers: flags(inputs)?,
    });
    Ok(out)
}

/// Later layers win. Defaults are not applied here, so the result tells what the user
/// gave.
pub fn merge(layers: &[Layer]) -> Partial {
    let mut merged = Partial::default();
    for layer in layers {
        merged.overlay(&layer.answers);
    }
    merged
}

/// For `-v`: the order of the sources, then each given answer with the source it came
/// from (the last one that set it).
pub fn precedence(layers: &[Layer]) -> Vec<String> {
    let order: Vec<&str> = std::iter::once("defaults")
        .chain(layers.iter().map(|l| l.source.as_str()))
        .collect();
    let mut lines = vec![format!("answers: {} (later wins)", order.join(" < "))];
    for key in Key::ALL {
        let winner = layers.iter().rev().find_map(|l| {
            let value = l.answers.get(*key)?;
            Some(format!("{} = {value}  ({})", key.as_str(), l.source))
        });
        lines.extend(winner);
    }
    lines
}

fn parse_sets(sets: &[String]) -> Result<Partial> {
    let mut partial = Partial::default();
    for set in sets {
        let Some((key, value)) = set.split_once('=') else {
            return Err(Error::user(format!("`--set {set}` has no `=`"))
                .with_hint("write --set key=value, e.g. --set brand.name=Acme"));
        };
        partial.set(key.trim(), value, "--set")?;
    }
    Ok(partial)
}

fn flags(inputs: &Inputs) -> Result<Partial> {
    let c = &inputs.choices;
    let mut p = Partial {
        tier: c.tier,
        backend: c.backend,
        frontend: c.frontend,
        auth: c.auth,
        billing: c.billing,
        ci: c.ci,
        ..Partial::default()
    };
    if let Some(name) = &inputs.name {
        p.insert(Key::Name, name.clone(), "NAME")?;
    }
    Ok(p)
}

/// The complete, validated answers. `check_name` vets a name typed into the wizard (the
/// target folder must be free) so that a taken one is asked again.
pub fn resolve(
    inputs: &Inputs,
    interaction: Interaction,
    check_name: NameCheck,
    printer: &Printer,
) -> Result<Answers> {
    let layers = layers(inputs)?;
    for line in precedence(&layers) {
        printer.detail(line);
    }
    let mut given = merge(&layers);
    let missing: Vec<Key> = std::iter::once(Key::Name)
        .chain(Key::choices())
        .filter(|k| !given.contains(*k))
        .collect();
    match interaction {
        Interaction::Defaults => given.build(),
        Interaction::Refuse if missing.is_empty() => given.build(),
        Interaction::Refuse => {
            let keys: Vec<String> = missing
                .iter()
                .map(|k| format!("`{}`", k.as_str()))
                .collect();
            let flags: Vec<String> = missing.iter().map(|k| k.spec().flag()).collect();
            Err(Error::user(format!(
                "missing answers for {} and no terminal to ask on",
                keys.join(", ")
            ))
            .with_hint(format!(
                "pass {}, or --no-input to take the defaults",
                flags.join(", ")
            )))
        }
        Interaction::Prompt => {
            let answered = prompt::ask_missing(&given, check_name)?;
            given.overlay(&answered);
            if given.build()?.tier == Tier::Agency || answered != Partial::default() {
                prompt::review(&mut given, check_name)?;
            }
            given.build()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Auth, Billing};

    fn inputs(name: &str) -> Inputs {
        Inputs {
            name: Some(name.into()),
            ..Default::default()
        }
    }

    #[test]
    fn flags_beat_set_which_beats_the_preset() {
        let mut i = inputs("acme");
        i.presets = vec!["pro".into()];
        i.sets = vec!["billing=paddle".into(), "auth=auth0".into()];
        i.choices.auth = Some(Auth::Supabase);
        let a = resolve(&i, Interaction::Defaults, &|_| Ok(()), &Printer::default()).unwrap();
        assert_eq!(a.tier, Tier::Pro, "from the preset");
        assert_eq!(a.billing, Billing::Paddle, "--set over the preset");
        assert_eq!(a.auth, Auth::Supabase, "the flag over --set");
    }

    #[test]
    fn later_presets_win_and_the_precedence_names_each_source() {
        let dir = tempfile::tempdir().unwrap();
        let client = dir.path().join("acme.toml");
        std::fs::write(
            &client,
            "[answers]\nbilling = \"paddle\"\nbrand.name = \"Acme\"\n",
        )
        .unwrap();
        let mut i = inputs("acme");
        i.presets = vec!["agency".into(), client.display().to_string()];
        i.choices.auth = Some(Auth::Clerk);
        let layers = layers(&i).unwrap();
        let a = merge(&layers).build().unwrap();
        assert_eq!(a.tier, Tier::Agency, "from the first preset");
        assert_eq!(
            a.billing,
            Billing::Paddle,
            "the second preset over the first"
        );
        assert_eq!(a.auth, Auth::Clerk, "the flag over both");
        let lines = precedence(&layers);
        let client = format!("preset `{}`", client.display());
        assert_eq!(
            lines[0],
            format!("answers: defaults < preset `agency` < {client} < --set < flags (later wins)")
        );
        assert!(
            lines.contains(&"tier = agency  (preset `agency`)".to_owned()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&format!("billing = paddle  ({client})")),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"auth = clerk  (flags)".to_owned()),
            "{lines:?}"
        );
    }

    #[test]
    fn no_terminal_and_missing_answers_name_the_flags() {
        let mut i = inputs("acme");
        i.choices.tier = Some(Tier::Pro);
        let err = resolve(&i, Interaction::Refuse, &|_| Ok(()), &Printer::default()).unwrap_err();
        assert!(err.message.contains("`backend`"), "{}", err.message);
        assert!(!err.message.contains("`tier`"), "{}", err.message);
        let hint = err.hint.unwrap();
        assert!(
            hint.contains("--backend") && hint.contains("--no-input"),
            "{hint}"
        );
    }

    #[test]
    fn no_terminal_is_fine_when_everything_is_given() {
        let mut i = inputs("acme");
        i.presets = vec!["starter".into()];
        assert!(resolve(&i, Interaction::Refuse, &|_| Ok(()), &Printer::default()).is_ok());
    }

    #[test]
    fn set_without_equals_is_explained() {
        let mut i = inputs("acme");
        i.sets = vec!["tier".into()];
        let err = resolve(&i, Interaction::Defaults, &|_| Ok(()), &Printer::default()).unwrap_err();
        assert!(err.message.contains("has no `=`"));
    }
}
