//! The `taskline` command: parses the arguments and hands them to
//! [`taskline::cli::commands::execute`].

use std::process::ExitCode;

use clap::Parser;
use taskline::cli::commands::{Cli, execute};

fn main() -> ExitCode {
    execute(Cli::parse())
}
