//! The `taskline` command: parses the arguments and hands them to
//! [`taskline::cli::commands::execute`].

use std::process::ExitCode;

use clap::Parser;
use taskline::cli::commands::{Cli, execute};
use taskline::cli::term;

fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(cli) => execute(cli),
        // Help and version go to stdout as clap prints them.
        Err(e) if !e.use_stderr() => e.exit(),
        // A usage error quotes what was given: shown with its control characters escaped.
        Err(e) => {
            eprint!("{}", term::escape_controls(&e.render().to_string(), true));
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
    }
}
