//! How the wizard looks: dialoguer's colourful theme with every line cut to the terminal
//! width, a choice's description shown only while it is asked (a confirmed answer is
//! `✔ key · value`), and a default written as `default: ...`, unlike a description.

use std::fmt;

use dialoguer::console::{Style, Term, measure_text_width};
use dialoguer::theme::{ColorfulTheme, Theme};

/// The width to cut lines to: the terminal's, or 80 when it cannot tell.
pub fn width(term: &Term) -> usize {
    term.size_checked()
        .map_or(80, |(_, cols)| usize::from(cols))
        .max(20)
}

/// `text` cut to `max` characters, with `…` when cut.
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `text` broken at spaces into lines of at most `max` characters (a longer word is cut).
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(fit(word, max)),
        }
    }
    lines
}

pub struct WizardTheme {
    inner: ColorfulTheme,
    /// The question's description, shown beside the key while it is asked.
    about: Option<&'static str>,
    width: usize,
}

impl WizardTheme {
    pub fn new(about: Option<&'static str>) -> Self {
        Self {
            inner: ColorfulTheme::default(),
            about,
            width: width(&Term::stderr()),
        }
    }

    /// How many columns the input prompt takes before what the user types.
    pub fn input_prompt_width(&self, prompt: &str, default: Option<&str>) -> usize {
        let mut shown = String::new();
        let _ = self.format_input_prompt(&mut shown, prompt, default);
        measure_text_width(&shown)
    }

    /// The confirmed line of a text answer, `✔ key · value`.
    pub fn input_selection(&self, prompt: &str, value: &str) -> String {
        let mut shown = String::new();
        let _ = self.format_input_prompt_selection(&mut shown, prompt, value);
        shown
    }

    /// Room left on a line after `used` characters of decoration.
    fn room(&self, used: usize) -> usize {
        self.width.saturating_sub(used + 1)
    }
}

impl Theme for WizardTheme {
    /// The message, and its hint on a line of its own, each cut to the width.
    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        let (message, hint) = err.split_once('\n').unwrap_or((err, ""));
        self.inner.format_error(f, &fit(message, self.room(2)))?;
        for line in wrap(hint, self.room(2)) {
            write!(f, "\n  {}", self.inner.hint_style.apply_to(line))?;
        }
        Ok(())
    }

    /// `? key  description`, the description dimmed.
    fn format_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        let Some(about) = self.about else {
            return self
                .inner
                .format_select_prompt(f, &fit(prompt, self.room(4)));
        };
        write!(
            f,
            "{} {}",
            self.inner.prompt_prefix,
            self.inner.prompt_style.apply_to(prompt)
        )?;
        let about = fit(about, self.room(prompt.chars().count() + 4));
        write!(f, "  {}", self.inner.hint_style.apply_to(about))
    }

    /// `✔ key · value`: the value is the item's first word, without its description.
    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        let value = sel.split_whitespace().next().unwrap_or(sel);
        let used = prompt.chars().count() + 5;
        self.inner
            .format_select_prompt_selection(f, prompt, &fit(value, self.room(used)))
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.inner
            .format_select_prompt_item(f, &fit(text, self.room(2)), active)
    }

    /// `? key [default: value] ›`, so a default never reads like a description.
    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.inner.prompt_prefix,
            self.inner.prompt_style.apply_to(prompt)
        )?;
        if let Some(default) = default {
            let shown = fit(default, self.room(prompt.chars().count() + 20));
            let hint = Style::new().dim().apply_to(format!("[default: {shown}]"));
            write!(f, " {hint}")?;
        }
        write!(f, " {} ", self.inner.prompt_suffix)
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        let used = prompt.chars().count() + 5;
        self.inner
            .format_input_prompt_selection(f, prompt, &fit(sel, self.room(used)))
    }
}
