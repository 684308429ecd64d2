//! Pages answers through the user's pager, as git does: only on a
//! terminal, and never at the cost of the answer (a pager that cannot start,
//! or fails, means printing). `less` is given `FRX` when `LESS` is unset, so
//! it decides by itself whether an answer fits the screen (`F`: quit when
//! it does), keeps colours (`R`) and leaves the answer on the screen when
//! it quits (`X`: no alternate screen).

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// What `LESS` is set to for the pager when the user has not set it.
const LESS_DEFAULT: &str = "FRX";

/// The program and arguments of a pager command line. `less` is given
/// `-R` when it lacks it, so that colours pass through.
pub fn command_line(pager: &str) -> Option<(String, Vec<String>)> {
    let mut words = pager.split_whitespace().map(str::to_string);
    let program = words.next()?;
    let mut args: Vec<String> = words.collect();
    let is_less = std::path::Path::new(&program)
        .file_stem()
        .is_some_and(|s| s == "less");
    let raw =
        |a: &String| a == "-R" || a == "-r" || a.starts_with("--RAW") || a.starts_with("--raw");
    if is_less && !args.iter().any(raw) {
        args.push("-R".into());
    }
    Some((program, args))
}

/// How paging went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paged {
    /// The pager showed the text (or the text was printed because no pager
    /// could be started).
    Shown,
    /// The pager started but failed (exited with an error, or was killed):
    /// the text may not have been seen. Says how it ended.
    Failed(String),
}

/// Shows `text` through `pager`; writes it to `out` instead when the
/// pager cannot be started. A pager that fails is reported, so that the
/// caller can print the text rather than lose it.
pub fn show(text: &[u8], pager: &str, out: &mut dyn Write) -> io::Result<Paged> {
    let Some((program, args)) = command_line(pager) else {
        out.write_all(text)?;
        return Ok(Paged::Shown);
    };
    let mut command = Command::new(&program);
    command.args(&args).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", LESS_DEFAULT);
    }
    let child = command.spawn();
    let Ok(mut child) = child else {
        out.write_all(text)?;
        return Ok(Paged::Shown);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // the user may quit the pager before reading everything
        match stdin.write_all(text) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
            _ => {}
        }
    }
    let status = child.wait()?;
    Ok(if status.success() {
        Paged::Shown
    } else {
        Paged::Failed(match status.code() {
            Some(code) => format!("exited with status {code}"),
            None => "was killed".to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn less_gets_raw_control_characters() {
        assert_eq!(
            command_line("less"),
            Some(("less".into(), vec!["-R".into()]))
        );
        assert_eq!(
            command_line("less -R"),
            Some(("less".into(), vec!["-R".into()]))
        );
        assert_eq!(
            command_line("/usr/bin/less -FX"),
            Some(("/usr/bin/less".into(), vec!["-FX".into(), "-R".into()]))
        );
        assert_eq!(command_line("more"), Some(("more".into(), vec![])));
        assert_eq!(command_line("  "), None);
    }

    #[test]
    fn a_pager_that_cannot_start_means_printing() {
        let mut out = Vec::new();
        assert_eq!(
            show(b"answer\n", "/no/such/pager", &mut out).unwrap(),
            Paged::Shown
        );
        assert_eq!(out, b"answer\n");
    }

    #[test]
    fn a_pager_that_fails_is_reported() {
        let mut out = Vec::new();
        assert_eq!(
            show(b"answer\n", "false", &mut out).unwrap(),
            Paged::Failed("exited with status 1".into())
        );
        assert!(out.is_empty(), "the caller decides what to print");
    }

    #[test]
    fn the_text_goes_through_the_pager() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("paged");
        let mut out = Vec::new();
        show(
            b"answer\n",
            &format!("cp /dev/stdin {}", file.display()),
            &mut out,
        )
        .unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"answer\n");
    }
}
