//! Command-line types only: no logic. `resolve` turns them into answers.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::ArgValueCompleter;

use crate::answers::{Auth, Backend, Billing, Ci, Frontend, Tier};
use crate::complete;

const EXAMPLES: &str = "\
Examples:
  saasgen new                          the wizard asks for the name and every choice
  saasgen new acme --preset pro --no-input
                                       a Pro project with default answers, no questions
  saasgen options                      every answer key, its values and default
  saasgen batch clients.toml           one project per [[project]] entry of the file
  saasgen update                       merge this saasgen's templates into the project here
  saasgen check                        exit 1 when the project here is behind its templates";

const NEW_EXAMPLES: &str = "\
Examples:
  saasgen new
      the wizard asks for the name and every choice
  saasgen new acme --tier pro --auth auth0 --billing paddle --no-input
      no questions: flags for some answers, defaults for the rest
  saasgen new acme --preset agency --set brand.name=\"Acme Corp\" --no-input
      start from a preset, override one answer
  saasgen new acme --dry-run --json
      list the files and their sizes as JSON; write nothing
  saasgen new acme --preset agency --preset clients/acme.toml --no-input
      layer presets: the client's file over the agency's defaults (later wins)
  saasgen new acme --preset old-acme/.saasgen.toml --no-input
      reproduce a project from its answers file";

const UPDATE_EXAMPLES: &str = "\
Examples:
  saasgen update
      merge this saasgen's templates into the project in the current folder
  saasgen update acme --billing paddle --tier pro --dry-run
      show what switching acme to Pro with Paddle would add, update, merge and delete
  saasgen update --batch clients.toml
      update every project of a batch file, each on a branch saasgen/update-VERSION
  saasgen update client-a client-b client-c --json
      the same for a list of projects, with a JSON summary";

#[derive(Debug, Parser)]
#[command(
    name = "saasgen",
    version,
    about = "Scaffold production-grade SaaS starters: backend, Next.js frontend, tests, CI, docs",
    propagate_version = true,
    max_term_width = 100,
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Print only errors
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Output",
        display_order = 0
    )]
    pub quiet: bool,

    /// Print more detail (each file written, each command run)
    // Listed first among a subcommand's output flags, however many subcommands there are.
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = "Output", display_order = 0)]
    pub verbose: u8,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a new project
    #[command(after_help = NEW_EXAMPLES)]
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
    /// Carry template improvements and changed answers into generated projects
    #[command(after_help = UPDATE_EXAMPLES)]
    Update(UpdateArgs),
    /// Report how far a generated project is from its templates (for CI)
    Check(CheckArgs),
    /// Print the script that sets up shell completion (see docs/cli.md)
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
    /// Project name: letters, digits, `-` and `_`, starting with a letter (asked when
    /// omitted at a terminal)
    pub name: Option<String>,

    #[command(flatten)]
    pub choices: ChoiceArgs,

    /// Start from a built-in preset or a preset file (`.saasgen.toml` works too); repeat
    /// to layer presets, later wins
    #[arg(
        long = "preset",
        value_name = "NAME|PATH",
        help_heading = "Answers",
        add = ArgValueCompleter::new(complete::preset)
    )]
    pub presets: Vec<String>,

    /// Set any answer, e.g. --set brand.name="Acme" (repeatable)
    #[arg(
        long = "set",
        value_name = "KEY=VALUE",
        help_heading = "Answers",
        add = ArgValueCompleter::new(complete::set)
    )]
    pub sets: Vec<String>,

    /// Write the project into DIR itself (DIR is the project root) instead of ./NAME
    #[arg(short, long, value_name = "DIR", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Print the files that would be written, with sizes, and write nothing
    #[arg(long, help_heading = "Output")]
    pub dry_run: bool,

    /// Print one JSON object on stdout instead of text
    #[arg(long, help_heading = "Output")]
    pub json: bool,

    /// Never prompt; take defaults for what is not given
    #[arg(
        long,
        visible_aliases = ["yes", "defaults"],
        visible_short_alias = 'y',
        help_heading = "Behaviour"
    )]
    pub no_input: bool,

    /// Write into a non-empty directory (files the templates do not produce are kept)
    #[arg(long, help_heading = "Behaviour")]
    pub force: bool,

    /// Do not create a git repository
    #[arg(long, help_heading = "Behaviour")]
    pub no_git: bool,

    /// Install the locked dependencies after writing (uv sync --locked, npm ci)
    #[arg(long, help_heading = "Behaviour")]
    pub install: bool,
}

/// The dedicated flags; they win over presets and `--set`.
#[derive(Debug, Args, Default, Clone)]
#[command(next_help_heading = "Answers")]
pub struct ChoiceArgs {
    /// How much the project does
    #[arg(long, value_enum)]
    pub tier: Option<Tier>,
    /// The API server
    #[arg(long, value_enum)]
    pub backend: Option<Backend>,
    /// The web app
    #[arg(long, value_enum)]
    pub frontend: Option<Frontend>,
    /// The identity provider
    #[arg(long, value_enum)]
    pub auth: Option<Auth>,
    /// The payment provider
    #[arg(long, value_enum)]
    pub billing: Option<Billing>,
    /// Where CI runs
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

#[derive(Debug, Args, Default)]
pub struct UpdateArgs {
    /// The project (default: the current folder); several projects run the fleet mode
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,

    /// Fleet mode: update every project of a batch file (the `saasgen batch` format)
    #[arg(long, value_name = "FILE", conflicts_with = "dirs")]
    pub batch: Option<PathBuf>,

    #[command(flatten)]
    pub choices: ChoiceArgs,

    /// Change any answer, e.g. --set brand.name="Acme" (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,

    /// Print what would be added, updated, merged, conflicted, deleted and kept; write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Print one JSON object on stdout instead of text
    #[arg(long)]
    pub json: bool,

    /// Update even though git shows uncommitted changes (single project only)
    #[arg(long)]
    pub allow_dirty: bool,

    /// Render from this copy of saasgen's templates/ folder (for template authors)
    #[arg(long, value_name = "DIR", hide = true)]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct CheckArgs {
    /// The project (default: the current folder)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Also exit 1 when you changed, deleted or added files, not only when behind
    #[arg(long)]
    pub strict: bool,

    /// Print one JSON object on stdout instead of text
    #[arg(long)]
    pub json: bool,

    /// Render from this copy of saasgen's templates/ folder (for template authors)
    #[arg(long, value_name = "DIR", hide = true)]
    pub templates: Option<PathBuf>,
}
