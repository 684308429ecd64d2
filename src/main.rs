//! The `pyq` binary: parse arguments, run, map the outcome to an exit code
//! (0 found, 1 nothing found, 2 error, 130 left by the user).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use pyq::app::{self, Outcome};
use pyq::cli::{Cli, Environment, Resolved};
use pyq::error::ErrorKind;

fn main() -> ExitCode {
    let config = match Cli::parse().resolve(Environment::from_process()) {
        Ok(Resolved::Run(config)) => config,
        Ok(Resolved::Print(text)) => {
            // a closed pipe (`pyq man | head`) is not an error
            let _ = io::stdout().lock().write_all(&text);
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&e),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    // not locked for the whole run: a progress bar draws to stderr from its own thread
    let mut err = io::stderr();
    match app::run(&config, &mut out, &mut err) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::Cancelled) => ExitCode::from(130),
        Err(e) => fail(&e),
    }
}

fn fail(e: &pyq::error::Error) -> ExitCode {
    let _ = writeln!(io::stderr(), "pyq: {e}");
    ExitCode::from(if e.kind == ErrorKind::NotFound { 1 } else { 2 })
}
