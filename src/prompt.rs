//! The dialoguer wizard. It asks only for what flags, `--set` and the preset left open,
//! with the defaults pre-selected, then shows a summary to confirm.

use dialoguer::console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Select};

use crate::answers::Answers;
use crate::error::{Error, Result};
use crate::keys::{Key, Partial, Spec};
use crate::names::Names;

/// Asks for each missing choice, then each missing text key the table marks `ask` (the
/// description), defaults pre-filled; returns only the new answers.
pub fn ask_missing(given: &Partial) -> Result<Partial> {
    let defaults = given.with_defaults(&Names::derive(given.get(Key::Name).unwrap_or_default()));
    let missing = |k: &Key| k.spec().asked() && !given.contains(*k);
    let (choices, texts): (Vec<Key>, Vec<Key>) = Key::ALL
        .iter()
        .copied()
        .filter(missing)
        .partition(|k| k.spec().is_choice());
    let mut answered = Partial::default();
    for key in choices.into_iter().chain(texts) {
        let default = defaults.get(key).unwrap_or_default();
        let value = ask(key.spec(), default)?;
        answered.insert(key, value, "prompt")?;
    }
    Ok(answered)
}

/// One question: a menu for a choice, a line of text otherwise.
fn ask(spec: Spec, default: &str) -> Result<String> {
    let theme = ColorfulTheme::default();
    let term = Term::stderr();
    if !spec.is_choice() {
        return Input::with_theme(&theme)
            .with_prompt(spec.key)
            .default(default.to_owned())
            .interact_text_on(&term)
            .map_err(prompt_error);
    }
    let labels: Vec<String> = spec
        .values
        .iter()
        .map(|(v, help)| format!("{v:<13} {help}"))
        .collect();
    let index = Select::with_theme(&theme)
        .with_prompt(format!("{} ({})", spec.key, spec.about))
        .items(&labels)
        .default(
            spec.values
                .iter()
                .position(|(v, _)| *v == default)
                .unwrap_or(0),
        )
        .interact_on(&term)
        .map_err(prompt_error)?;
    Ok(spec.values[index].0.to_owned())
}

/// Shows the resolved answers and derived names; declining writes nothing.
pub fn confirm(answers: &Answers) -> Result<()> {
    let term = Term::stderr();
    let _ = term.write_line(&summary(answers));
    let ok = Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt("Generate this project?")
        .default(true)
        .interact_on(&term)
        .map_err(prompt_error)?;
    if ok {
        Ok(())
    } else {
        Err(Error::user("cancelled; nothing was written"))
    }
}

/// The answers and the names derived from them, as the user will see them.
pub fn summary(a: &Answers) -> String {
    let n = a.names();
    let mut out = format!("\n  {:<13} {}\n", "project", a.name);
    for key in Key::choices() {
        out.push_str(&format!("  {:<13} {}\n", key.as_str(), a.get(key)));
    }
    out.push_str(&format!(
        "  slug          {slug}\n  python        {module}\n  npm           {npm}\n  \
         brand         {brand} <{email}> at {domain}\n",
        slug = n.slug,
        module = n.module_name,
        npm = n.npm_name,
        brand = a.brand.name,
        email = a.brand.support_email,
        domain = a.brand.domain,
    ));
    out
}

/// Ctrl-C at a prompt is an interruption (exit 130), anything else an I/O failure.
fn prompt_error(err: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(io) = err;
    let _ = Term::stderr().show_cursor();
    if io.kind() == std::io::ErrorKind::Interrupted {
        Error::interrupted()
    } else {
        Error::user(format!("cannot prompt: {io}"))
            .with_hint("pass --no-input to take the defaults")
    }
}
