//! The `pyq` binary: parse arguments, run, map the outcome to an exit code
//! (0 found, 1 nothing found, 2 error).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use pyq::app::{self, Outcome};
use pyq::cli::{Cli, Environment};
use pyq::error::ErrorKind;

fn main() -> ExitCode {
    let config = match Cli::parse().into_config(Environment::from_process()) {
        Ok(config) => config,
        Err(e) => return fail(&e),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut err = io::stderr().lock();
    match app::run(&config, &mut out, &mut err) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) => fail(&e),
    }
}

fn fail(e: &pyq::error::Error) -> ExitCode {
    let _ = writeln!(io::stderr(), "pyq: {e}");
    ExitCode::from(if e.kind == ErrorKind::NotFound { 1 } else { 2 })
}
