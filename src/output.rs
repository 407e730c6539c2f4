//! All terminal output goes through one printer, so `-q`, `-v` and `--json` are honoured
//! in one place. Human messages go to stderr; machine output (JSON, the dry-run plan, a
//! preset's text) goes to stdout. `error:` and `hint:` are coloured on a terminal unless
//! `NO_COLOR` is set.
//!
//! Ctrl-C is handled here too, because it is about the terminal: whether it arrives as a
//! signal or as a key read by a prompt, [`cancel`] shows the cursor again, says that
//! nothing was written and exits 130.

use std::io::{IsTerminal, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use dialoguer::console::Style;

use crate::error::{Error, ErrorKind};

/// What Ctrl-C before writing, and quitting at the summary, print.
pub const CANCELLED: &str = "cancelled, nothing written";

/// `-q`, for warnings raised where no printer is at hand (reading a preset).
static QUIET: AtomicBool = AtomicBool::new(false);

/// Prints a warning unless `-q` was given.
pub fn warn(msg: impl AsRef<str>) {
    if !QUIET.load(Ordering::SeqCst) {
        let warning = label("warning:", Style::new().yellow().bold());
        eprintln!("{warning} {}", msg.as_ref());
    }
}

/// How far `saasgen new` got, for what Ctrl-C can promise: a [`Phase`] as a number.
static PHASE: AtomicU8 = AtomicU8::new(Phase::Asking as u8);

/// What has happened on disk so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Nothing written yet.
    Asking = 0,
    /// Files are moving into place.
    Writing = 1,
    /// The project is complete on disk; installs and git may follow.
    Written = 2,
}

/// Routes SIGINT to [`cancel`]. Without it the default action kills the process with the
/// cursor still hidden by a prompt.
pub fn handle_interrupts() {
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        if !DEFERRED.load(Ordering::SeqCst) {
            cancel()
        }
    });
}

/// While set, Ctrl-C only raises [`interrupted`]: `saasgen update` is moving files and
/// must put them back before it exits.
static DEFERRED: AtomicBool = AtomicBool::new(false);

/// Defers (or, with `false`, restores) exiting on Ctrl-C; see [`DEFERRED`].
pub fn defer_interrupts(on: bool) {
    DEFERRED.store(on, Ordering::SeqCst);
}

/// Set by the SIGINT handler, so a child process that died of the same Ctrl-C is not
/// reported as a failure while the handler is still on its way to [`cancel`].
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether Ctrl-C was pressed.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Records progress, for the Ctrl-C message.
pub fn reached(phase: Phase) {
    PHASE.store(phase as u8, Ordering::SeqCst);
}

/// Restores the cursor, says what happened and exits 130. Runs once even when the signal
/// thread and a prompt both see the same Ctrl-C.
pub fn cancel() -> ! {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let mut err = std::io::stderr().lock();
        if err.is_terminal() {
            let _ = write!(err, "\x1b[?25h");
        }
        let message = match PHASE.load(Ordering::SeqCst) {
            0 => CANCELLED,
            1 => "interrupted while writing; the target may hold part of the project",
            _ => "interrupted; the project is written, but installs or git did not finish",
        };
        let _ = writeln!(err, "\n{message}");
        let _ = err.flush();
        std::process::exit(130);
    });
    unreachable!("the first caller exits")
}

/// Whether stderr gets colours: a terminal, `NO_COLOR` unset or empty, not `TERM=dumb`.
fn colour() -> bool {
    let set = |var: &str| std::env::var_os(var).is_some_and(|v| !v.is_empty());
    std::io::stderr().is_terminal()
        && !set("NO_COLOR")
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

fn label(text: &str, style: Style) -> String {
    if colour() {
        style.force_styling(true).apply_to(text).to_string()
    } else {
        text.to_owned()
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Printer {
    pub quiet: bool,
    pub verbose: bool,
    /// In JSON mode, stdout holds exactly one JSON object; human text is suppressed.
    pub json: bool,
}

impl Printer {
    pub fn new(quiet: bool, verbose: u8) -> Self {
        QUIET.store(quiet, Ordering::SeqCst);
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
            warn(msg);
        }
    }

    pub fn error(&self, err: &Error) {
        if err.kind == ErrorKind::Cancelled {
            eprintln!("{}", err.message);
            return;
        }
        let error = label("error:", Style::new().red().bold());
        eprintln!("{error} {}", err.message);
        if let Some(hint) = &err.hint {
            let hint_label = label("hint:", Style::new().cyan().bold());
            eprintln!("{hint_label} {hint}");
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
