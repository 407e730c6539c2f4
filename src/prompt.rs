//! The dialoguer wizard. It asks only for what flags, `--set` and the preset left open
//! (the project name first when none was given), re-asks a bad value instead of failing,
//! and ends on a summary where the user generates, changes any answer, or quits.
//!
//! Every line it draws is cut to the terminal width ([`theme::WizardTheme`]): dialoguer
//! clears a finished prompt by counting lines, and a line that wraps at 80 columns would
//! leave stale text behind.

mod theme;

use dialoguer::console::{Term, measure_text_width};
use dialoguer::{Input, Select};

use crate::answers::Answers;
use crate::error::{Error, Result};
use crate::keys::{Key, Partial};
use crate::names::Names;
use crate::output;
use theme::{WizardTheme, fit};

/// An extra check on a typed project name (the target folder must be free), so a taken
/// name is re-asked like any bad value.
pub type NameCheck<'a> = &'a dyn Fn(&str) -> Result<()>;

/// Asks for the name when missing, then each missing choice, then each missing text key
/// the table marks `ask` (the description) and, for an Agency project, the `brand.*`
/// keys, defaults pre-selected (derived from the answers so far); returns only the new
/// answers.
pub fn ask_missing(given: &Partial, check_name: NameCheck) -> Result<Partial> {
    let mut answered = Partial::default();
    if !given.contains(Key::Name) {
        let name = ask(Key::Name, None, check_name)?;
        answered.insert(Key::Name, name, "prompt")?;
    }
    for key in Key::choices().filter(|k| !given.contains(*k)) {
        let defaults = with_defaults(&merged(given, &answered));
        let value = ask(key, defaults.get(key), check_name)?;
        answered.insert(key, value, "prompt")?;
    }
    let agency = with_defaults(&merged(given, &answered)).get(Key::Tier) == Some("agency");
    let texts: Vec<Key> = Key::ALL
        .iter()
        .copied()
        .filter(|k| !k.spec().is_choice() && (k.spec().asked() || (agency && k.is_brand())))
        .filter(|k| !given.contains(*k))
        .collect();
    for key in texts {
        // Each default follows the answers before it: the support e-mail follows the domain.
        let defaults = with_defaults(&merged(given, &answered));
        let value = ask(key, defaults.get(key), check_name)?;
        answered.insert(key, value, "prompt")?;
    }
    Ok(answered)
}

fn merged(given: &Partial, answered: &Partial) -> Partial {
    let mut out = given.clone();
    out.overlay(answered);
    out
}

fn with_defaults(p: &Partial) -> Partial {
    p.with_defaults(&Names::derive(p.get(Key::Name).unwrap_or_default()))
}

/// Shows the answers and derived names until the user generates (the answers are in
/// `given`), or quits ([`Error::cancelled`]). "Change an answer" asks one key again.
pub fn review(given: &mut Partial, check_name: NameCheck) -> Result<()> {
    let term = Term::stderr();
    loop {
        let answers = given.build()?;
        let lines = summary_lines(&answers);
        for line in &lines {
            let _ = term.write_line(&fit(line, theme::width(&term)));
        }
        let next = choose(
            "Generate this project?",
            &[
                "yes, generate it",
                "change an answer",
                "quit, write nothing",
            ],
            0,
        )?;
        let _ = term.clear_last_lines(lines.len() + 1);
        match next {
            0 => return Ok(()),
            1 => change_one(given, check_name)?,
            _ => return Err(Error::cancelled()),
        }
    }
}

fn change_one(given: &mut Partial, check_name: NameCheck) -> Result<()> {
    let current = with_defaults(given);
    let labels: Vec<String> = Key::ALL
        .iter()
        .map(|k| format!("{:<20} {}", k.as_str(), current.get(*k).unwrap_or_default()))
        .collect();
    let index = choose("Which answer?", &labels, 0)?;
    let _ = Term::stderr().clear_last_lines(1);
    let key = Key::ALL[index];
    let value = ask(key, current.get(key), check_name)?;
    given.insert(key, value, "prompt")
}

fn choose<S: AsRef<str>>(prompt: &str, items: &[S], default: usize) -> Result<usize> {
    menu(WizardTheme::new(None), prompt, items, default)
}

/// A menu whose items are cut to the width first: dialoguer sizes its redraws from the
/// items it was given, so a long item would make it clear lines that are not its own.
fn menu<S: AsRef<str>>(
    theme: WizardTheme,
    prompt: &str,
    items: &[S],
    default: usize,
) -> Result<usize> {
    let room = theme::width(&Term::stderr()).saturating_sub(3);
    let items: Vec<String> = items.iter().map(|i| fit(i.as_ref(), room)).collect();
    Select::with_theme(&theme)
        .with_prompt(prompt)
        .items(&items)
        .default(default)
        .interact_on(&Term::stderr())
        .map_err(prompt_error)
}

/// One question: a menu for a choice, a validated line of text otherwise.
fn ask(key: Key, default: Option<&str>, check_name: NameCheck) -> Result<String> {
    let spec = key.spec();
    if !spec.is_choice() {
        return ask_text(key, default, check_name);
    }
    let labels: Vec<String> = spec
        .values
        .iter()
        .map(|(v, help)| match Some(*v) == default {
            true => format!("{v:<13} (default) {help}"),
            false => format!("{v:<13} {help}"),
        })
        .collect();
    let selected = spec
        .values
        .iter()
        .position(|(v, _)| Some(*v) == default)
        .unwrap_or(0);
    let index = menu(
        WizardTheme::new(Some(spec.about)),
        spec.key,
        &labels,
        selected,
    )?;
    Ok(spec.values[index].0.to_owned())
}

/// A line of text. dialoguer clears only the row the cursor is on, so an answer that
/// wrapped while typed would leave rows behind: the rows above are cleared here, after a
/// rejected answer (before dialoguer prints the error) and after the accepted one, which
/// is then written as one line.
fn ask_text(key: Key, default: Option<&str>, check_name: NameCheck) -> Result<String> {
    let term = Term::stderr();
    let theme = WizardTheme::new(None);
    let rows_above = |value: &str| {
        let typed = match Some(value) == default {
            true => 0,
            false => measure_text_width(value),
        };
        let used = theme.input_prompt_width(key.as_str(), default) + typed;
        used.div_ceil(theme::width(&term)).saturating_sub(1)
    };
    let mut input = Input::<String>::with_theme(&theme)
        .with_prompt(key.as_str())
        .report(false)
        .validate_with(|raw: &String| {
            let checked = validate(key, raw, check_name);
            if checked.is_err() {
                let _ = term.clear_line();
                let _ = term.clear_last_lines(rows_above(raw));
            }
            checked
        });
    if let Some(default) = default {
        input = input.default(default.to_owned());
    }
    let value = input.interact_text_on(&term).map_err(prompt_error)?;
    let _ = term.clear_last_lines(rows_above(&value));
    let _ = term.write_line(&theme.input_selection(key.as_str(), &value));
    Ok(value)
}

/// The same checks as every other source; the message is shown under the prompt, which
/// asks again.
fn validate(key: Key, raw: &str, check_name: NameCheck) -> Result<(), String> {
    let checked = Partial::default()
        .insert(key, raw, "prompt")
        .and_then(|()| match key {
            Key::Name => check_name(raw),
            _ => Ok(()),
        });
    checked.map_err(|e| {
        let message = e.message.trim_start_matches("prompt: ").to_owned();
        match e.hint {
            Some(hint) => format!("{message}\n{hint}"),
            None => message,
        }
    })
}

/// The answers and the names derived from them, as the user will see them.
pub fn summary(a: &Answers) -> String {
    let mut out = String::from("\n");
    for line in summary_lines(a) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn summary_lines(a: &Answers) -> Vec<String> {
    let mut lines = vec![
        format!("  {:<13} {}", "project", a.name),
        format!("  {:<13} {}", "description", a.description),
    ];
    for key in Key::choices() {
        lines.push(format!("  {:<13} {}", key.as_str(), a.get(key)));
    }
    let names: Vec<String> = crate::new::derived_names(a)
        .iter()
        .map(|(what, name)| format!("{what} {name}"))
        .collect();
    lines.push(format!("  {:<13} {}", "names", names.join(", ")));
    lines.push(format!(
        "  {:<13} {} at {}",
        "brand", a.brand.name, a.brand.domain
    ));
    lines.push(format!("  {:<13} {}", "support", a.brand.support_email));
    lines
}

/// Ctrl-C at a prompt ends the run here (exit 130, cursor restored); anything else is
/// an I/O failure.
fn prompt_error(err: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(io) = err;
    if io.kind() == std::io::ErrorKind::Interrupted {
        output::cancel();
    }
    let _ = Term::stderr().show_cursor();
    Error::user(format!("cannot prompt: {io}")).with_hint("pass --no-input to take the defaults")
}
