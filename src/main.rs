use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use saasgen::error::ExitStatus;

fn main() -> ExitCode {
    // `COMPLETE=bash saasgen ...` is the shell asking for completions: answer and exit.
    clap_complete::CompleteEnv::with_factory(saasgen::cli::Cli::command).complete();
    saasgen::output::handle_interrupts();
    let status = match saasgen::cli::Cli::try_parse() {
        Ok(cli) => saasgen::run(cli),
        // clap exits 2 on a usage error; for us a bad flag is a user error (1).
        Err(err) => {
            let _ = err.print();
            if err.use_stderr() {
                ExitStatus::UserError
            } else {
                ExitStatus::Success
            }
        }
    };
    ExitCode::from(status as u8)
}
