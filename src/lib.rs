//! saasgen: scaffold production-grade SaaS starters.
//!
//! The flow of `saasgen new`, one module per step: [`cli`] parses, [`resolve`] merges
//! defaults, presets, `--set` and flags (asking with [`prompt`] for the rest) into typed
//! [`answers`]; [`plan`] renders the layers [`manifest`] selects into memory through
//! [`render`]; [`write`] moves them onto the disk atomically; [`post`] runs git and
//! installs. [`batch`] repeats this for many projects.

pub mod answers;
pub mod batch;
pub mod brand;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod complete;
pub mod error;
pub mod filters;
pub mod fleet;
pub mod git;
pub mod journal;
pub mod keys;
pub mod manifest;
pub mod merge;
pub mod names;
pub mod new;
pub mod output;
pub mod plan;
pub mod post;
pub mod presets;
pub mod pristine;
pub mod pristine_ref;
pub mod prompt;
pub mod render;
pub mod report;
pub mod resolve;
pub mod templates;
pub mod tests_shipped;
pub mod transaction;
pub mod update;
pub mod write;

use crate::cli::{Cli, Command, PresetsCommand};
use crate::error::{ExitStatus, Result};
use crate::output::Printer;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Runs a parsed command line and returns the exit status; errors are printed here.
pub fn run(cli: Cli) -> ExitStatus {
    let printer = Printer::new(cli.quiet, cli.verbose);
    match dispatch(cli, printer) {
        Ok(true) => ExitStatus::Success,
        Ok(false) => ExitStatus::UserError,
        Err(err) => {
            printer.error(&err);
            err.exit_status()
        }
    }
}

/// `Ok(false)` is a run that reported its own failures (a batch with failed entries).
fn dispatch(cli: Cli, printer: Printer) -> Result<bool> {
    match cli.command {
        Command::New(args) => new::run(&args, printer).map(|()| true),
        Command::Presets { command: None } => catalog::list_presets(&printer).map(|()| true),
        Command::Presets {
            command: Some(PresetsCommand::Show { name }),
        } => catalog::show_preset(&name, &printer).map(|()| true),
        Command::Options { json } => catalog::options(&printer, json).map(|()| true),
        Command::Batch(args) => batch::run(&args, printer),
        Command::Update(args) => update::run(&args, printer),
        Command::Check(args) => check::run(&args, printer),
        Command::Completions { shell } => {
            printer.stdout(complete::registration(&shell.to_string())?.trim_end());
            Ok(true)
        }
    }
}
