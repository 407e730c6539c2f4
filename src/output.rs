//! All terminal output goes through one printer, so `-q`, `-v` and `--json` are honoured
//! in one place. Human messages go to stderr; machine output (JSON, the dry-run plan, a
//! preset's text) goes to stdout.

use std::io::{IsTerminal, Write};

use crate::error::Error;

#[derive(Clone, Copy, Debug, Default)]
pub struct Printer {
    pub quiet: bool,
    pub verbose: bool,
    /// In JSON mode, stdout holds exactly one JSON object; human text is suppressed.
    pub json: bool,
}

impl Printer {
    pub fn new(quiet: bool, verbose: u8) -> Self {
        Self {
            quiet,
            verbose: verbose > 0,
            json: false,
        }
    }

    pub fn with_json(self, json: bool) -> Self {
        Self { json, ..self }
    }

    fn human(&self) -> bool {
        !self.quiet && !self.json
    }

    /// A normal progress message.
    pub fn info(&self, msg: impl AsRef<str>) {
        if self.human() {
            eprintln!("{}", msg.as_ref());
        }
    }

    /// Detail shown with `-v`.
    pub fn detail(&self, msg: impl AsRef<str>) {
        if self.verbose && self.human() {
            eprintln!("  {}", msg.as_ref());
        }
    }

    pub fn warn(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("warning: {}", msg.as_ref());
        }
    }

    pub fn error(&self, err: &Error) {
        eprintln!("error: {}", err.message);
        if let Some(hint) = &err.hint {
            eprintln!("hint: {hint}");
        }
    }

    /// Data for stdout (JSON, plans, preset text): printed even with `-q`.
    pub fn stdout(&self, text: impl AsRef<str>) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", text.as_ref());
    }

    /// Whether progress bars may draw: a human is watching a terminal.
    pub fn progress_visible(&self) -> bool {
        self.human() && std::io::stderr().is_terminal()
    }

    pub fn progress_bar(&self, len: u64, what: &str) -> indicatif::ProgressBar {
        if !self.progress_visible() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(len);
        let style =
            indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len}")
                .expect("valid template")
                .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(what.to_owned());
        bar
    }

    pub fn spinner(&self, what: &str) -> indicatif::ProgressBar {
        if !self.progress_visible() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(what.to_owned());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }
}
