//! The `pyq` binary: read the arguments, the environment and the
//! configuration file, run, and map the outcome to an exit code (0 found,
//! 1 nothing found, 2 error, 130 left by the user, 128 + N ended by signal
//! N, 101 a bug).

mod answers;
mod app;
mod cli;
mod clock;
mod config;
mod environment;
mod generate;
mod index;
mod pager;
mod paths;
mod picker;
mod progress;
mod quiz;
mod settings;
mod signals;
mod stats;
mod study;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use pyq::error::{Error, ErrorKind};

use crate::app::Outcome;

fn main() -> ExitCode {
    report_bugs();
    let args = cli::parse();
    let config = match settings::read(environment::config_file())
        .and_then(|file| config::resolve(args, &environment::from_process(), file))
    {
        Ok(config) => config,
        Err(e) => return fail(&e),
    };
    if config.action.only_prints()
        && let Err(e) = app::check_stdout()
    {
        return fail(&e);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    // not locked for the whole run: a progress bar draws to stderr from its own thread
    let mut err = io::stderr();
    match app::run(&config, &mut out, &mut err) {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::Cancelled) => ExitCode::from(130),
        Ok(Outcome::Signalled(signal)) => ExitCode::from(128u8.saturating_add(signal)),
        Err(e) => fail(&e),
    }
}

fn fail(e: &Error) -> ExitCode {
    let _ = writeln!(
        io::stderr(),
        "pyq: {}",
        pyq::render::terminal_safe(&e.to_string())
    );
    ExitCode::from(if e.kind == ErrorKind::NotFound { 1 } else { 2 })
}

/// A panic is a bug of pyq's: after Rust's own message, say so and how to
/// report it.
fn report_bugs() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        let _ = writeln!(
            io::stderr(),
            "pyq: this is a bug in pyq, not a problem with your guides or your index; \
             please report it with the command that caused it"
        );
    }));
}
