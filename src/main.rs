//! The `pyq` binary: parse arguments, run, map the outcome to an exit code
//! (0 found, 1 nothing found, 2 error, 130 left by the user, 101 a bug).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use pyq::app::{self, Outcome};
use pyq::cli::{Cli, Environment, Resolved};
use pyq::error::{Error, ErrorKind};

fn main() -> ExitCode {
    report_bugs();
    let config = match Cli::parse().resolve(Environment::from_process()) {
        Ok(Resolved::Run(config)) => config,
        Ok(Resolved::Print(text)) => {
            return match app::check_stdout()
                .and_then(|()| app::print(&text, &mut io::stdout().lock()))
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            };
        }
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
        Ok(Outcome::Signalled(signal)) => ExitCode::from(128 + signal),
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
