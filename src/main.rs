use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let status = saasgen::run(saasgen::cli::Cli::parse());
    ExitCode::from(status as u8)
}
