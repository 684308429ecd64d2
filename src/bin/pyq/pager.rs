//! Pages answers through the user's pager, as git does: only on a
//! terminal, and never at the cost of the answer (a pager that cannot start,
//! or fails, means printing). `less` is given `FRX` when `LESS` is unset, so
//! it decides by itself whether an answer fits the screen (`F`: quit when
//! it does), keeps colours (`R`) and leaves the answer on the screen when
//! it quits (`X`: no alternate screen).

use std::io::{self, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// What `LESS` is set to for the pager when the user has not set it.
const LESS_DEFAULT: &str = "FRX";
/// How often a pager that runs is checked for having ended, or for pyq
/// having been told to stop.
const POLL: Duration = Duration::from_millis(50);

/// The command that runs `pager`, a command line as the user wrote it: by
/// the shell, as git runs its pager (quotes, paths with spaces and
/// arguments all work); `None` for a blank one.
fn command(pager: &str) -> Option<Command> {
    if pager.trim().is_empty() {
        return None;
    }
    #[cfg(unix)]
    let command = {
        let mut c = Command::new("sh");
        c.arg("-c").arg(pager);
        c
    };
    #[cfg(not(unix))]
    let command = {
        let mut words = pager.split_whitespace();
        let mut c = Command::new(words.next()?);
        c.args(words);
        c
    };
    Some(command)
}

/// How paging went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paged {
    /// The pager showed the text.
    Shown,
    /// The pager could not be started, or started but failed (exited with
    /// an error, or was killed): the text may not have been seen. Says why.
    Failed(String),
    /// `interrupted` said to stop: the pager was ended.
    Interrupted,
}

/// Shows `text` through `pager`. A pager that cannot start or fails is
/// reported, so that the caller can print the text rather than lose it;
/// while it runs, `interrupted` is asked whether pyq must stop (a signal),
/// and then the pager is ended.
pub fn show(text: &[u8], pager: &str, interrupted: &dyn Fn() -> bool) -> io::Result<Paged> {
    let Some(mut command) = command(pager) else {
        return Ok(Paged::Failed("is empty".into()));
    };
    command.stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", LESS_DEFAULT);
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => return Ok(Paged::Failed(format!("cannot be started ({e})"))),
    };
    let Some(mut stdin) = child.stdin.take() else {
        return Ok(Paged::Failed("has no input".into()));
    };
    // written beside the wait: a long text fills the pipe until the pager
    // reads on, and the wait must still hear `interrupted`
    let text = text.to_vec();
    let writer = std::thread::spawn(move || match stdin.write_all(&text) {
        // the user may quit the pager before reading everything
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    });
    let Some(status) = wait(&mut child, interrupted)? else {
        // pyq is stopping: the writer may still wait on a pipe nobody reads
        return Ok(Paged::Interrupted);
    };
    writer.join().unwrap_or(Ok(()))?;
    Ok(match status.code() {
        Some(0) => Paged::Shown,
        Some(code) => Paged::Failed(format!("exited with status {code}")),
        None => Paged::Failed("was killed".to_string()),
    })
}

/// Waits for `child`; `None` when `interrupted` said to stop first (the
/// child is then killed).
fn wait(
    child: &mut Child,
    interrupted: &dyn Fn() -> bool,
) -> io::Result<Option<std::process::ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if interrupted() {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(POLL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never() -> bool {
        false
    }

    #[test]
    fn a_pager_that_cannot_start_or_fails_is_reported() {
        assert_eq!(
            show(b"answer\n", "/no/such/pager", &never).unwrap(),
            Paged::Failed("exited with status 127".into())
        );
        assert_eq!(
            show(b"answer\n", "false", &never).unwrap(),
            Paged::Failed("exited with status 1".into())
        );
        assert!(matches!(
            show(b"x", "  ", &never).unwrap(),
            Paged::Failed(_)
        ));
    }

    #[test]
    fn the_text_goes_through_the_pager_as_the_shell_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("with space");
        let pager = format!("cat > '{}'", file.display());
        assert_eq!(show(b"answer\n", &pager, &never).unwrap(), Paged::Shown);
        assert_eq!(std::fs::read(&file).unwrap(), b"answer\n");
        assert_eq!(
            show(b"x", "sh -c 'exit 3'", &never).unwrap(),
            Paged::Failed("exited with status 3".into())
        );
    }

    #[test]
    fn an_interrupted_pager_is_ended() {
        let started = std::time::Instant::now();
        let long = vec![b'x'; 1 << 20];
        assert_eq!(
            show(&long, "sleep 30", &|| true).unwrap(),
            Paged::Interrupted
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}
