//! Command-line types only: no logic. `resolve` turns them into answers.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::answers::{Auth, Backend, Billing, Ci, Frontend, Tier};

#[derive(Debug, Parser)]
#[command(
    name = "saasgen",
    version,
    about = "Scaffold production-grade SaaS starters: backend, Next.js frontend, tests, CI, docs",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more detail (each file written, each command run)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a new project
    New(NewArgs),
    /// List built-in presets, or show one
    Presets {
        #[command(subcommand)]
        command: Option<PresetsCommand>,
    },
    /// List every answer key, its values and default, and what each tier adds
    Options {
        /// Print the schema as JSON (stable; see docs/cli.md)
        #[arg(long)]
        json: bool,
    },
    /// Generate one project per entry of a TOML file
    Batch(BatchArgs),
    /// Print shell completions
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum PresetsCommand {
    /// Print a preset's TOML
    Show {
        /// A built-in preset name
        name: String,
    },
}

#[derive(Debug, Args, Default)]
pub struct NewArgs {
    /// Project name: letters, digits, `-` and `_`, starting with a letter
    pub name: String,

    /// Write the project into DIR itself (DIR is the project root) instead of ./NAME
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub choices: ChoiceArgs,

    /// Start from a built-in preset or a preset file (`.saasgen.toml` works too)
    #[arg(long, value_name = "NAME|PATH")]
    pub preset: Option<String>,

    /// Set any answer, e.g. --set brand.name="Acme" (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,

    /// Never prompt; take defaults for what is not given
    #[arg(long, visible_alias = "yes", alias = "defaults", short_alias = 'y')]
    pub no_input: bool,

    /// Print the files that would be written, with sizes, and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Write into a non-empty directory (files the templates do not produce are kept)
    #[arg(long)]
    pub force: bool,

    /// Do not create a git repository
    #[arg(long)]
    pub no_git: bool,

    /// Install the locked dependencies after writing (uv sync --locked, npm ci)
    #[arg(long)]
    pub install: bool,

    /// Print one JSON object on stdout instead of text
    #[arg(long)]
    pub json: bool,
}

/// The dedicated flags; they win over presets and `--set`.
#[derive(Debug, Args, Default, Clone)]
pub struct ChoiceArgs {
    #[arg(long, value_enum)]
    pub tier: Option<Tier>,
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,
    #[arg(long, value_enum)]
    pub frontend: Option<Frontend>,
    #[arg(long, value_enum)]
    pub auth: Option<Auth>,
    #[arg(long, value_enum)]
    pub billing: Option<Billing>,
    #[arg(long, value_enum)]
    pub ci: Option<Ci>,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// A TOML file: a [defaults] table and one [[project]] table per project
    pub file: PathBuf,

    /// Write into non-empty directories
    #[arg(long)]
    pub force: bool,

    /// Do not create git repositories
    #[arg(long)]
    pub no_git: bool,

    /// Print one JSON object on stdout instead of the summary table
    #[arg(long)]
    pub json: bool,
}
