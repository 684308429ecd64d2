//! What the learner presses: single keys on a terminal, or lines of
//! standard input from a pipe (`printf '\ny\n' | pyq --quiz`).

use std::io::{self, BufRead, Read};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};

use pyq::study::Grade;

/// What the learner pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    /// `y`: known (Good); `n`: not known (Again); `1`–`4`: Anki's again,
    /// hard, good, easy.
    Grade(Grade),
    /// `q`, Esc, or the end of the input: stop and show the summary.
    Stop,
    /// Ctrl-C: leave at once.
    Abort,
    /// Ended by this signal (SIGTERM, SIGHUP) from outside.
    Signal(u8),
    Other,
}

/// A source of key presses.
pub trait Keys {
    fn next(&mut self) -> io::Result<Key>;

    /// The signal that asked pyq to stop while no key was awaited (say,
    /// while a pager showed an answer), if any.
    fn signalled(&self) -> Option<u8> {
        None
    }
}

/// The key a letter or digit stands for.
fn key_of(c: char) -> Key {
    match c.to_ascii_lowercase() {
        'y' => Key::Grade(Grade::Good),
        'n' => Key::Grade(Grade::Again),
        'q' => Key::Stop,
        d @ '1'..='4' => Grade::from_number(i64::from(d as u8 - b'0'))
            .map(Key::Grade)
            .unwrap_or(Key::Other),
        _ => Key::Other,
    }
}

/// Single key presses on the terminal, read in raw mode one at a time (the
/// terminal is back to normal while pyq writes, and when a signal ends the
/// quiz).
pub struct TerminalKeys(crate::signals::Caught);

impl TerminalKeys {
    pub fn new() -> io::Result<TerminalKeys> {
        Ok(TerminalKeys(crate::signals::Caught::start()?))
    }
}

impl Keys for TerminalKeys {
    fn signalled(&self) -> Option<u8> {
        self.0.received()
    }

    fn next(&mut self) -> io::Result<Key> {
        enable_raw_mode()?;
        let key = loop {
            if let Some(signal) = self.0.received() {
                disable_raw_mode()?;
                return Ok(Key::Signal(signal));
            }
            let ready = event::poll(crate::signals::POLL).and_then(|ready| {
                if ready {
                    event::read().map(Some)
                } else {
                    Ok(None)
                }
            });
            match ready {
                Ok(Some(Event::Key(k))) if k.kind != KeyEventKind::Release => break Ok(k),
                Ok(_) => continue,
                Err(e) => break Err(e),
            }
        };
        disable_raw_mode()?;
        let key = key?;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        Ok(match key.code {
            KeyCode::Char('c') if ctrl => Key::Abort,
            KeyCode::Char('d') if ctrl => Key::Stop,
            // Enter typed ahead, while the terminal was not in raw mode,
            // arrives translated to a line feed: Ctrl-J.
            KeyCode::Char('j') if ctrl => Key::Enter,
            KeyCode::Enter | KeyCode::Char(' ') => Key::Enter,
            KeyCode::Esc => Key::Stop,
            KeyCode::Char(c) if !ctrl => key_of(c),
            _ => Key::Other,
        })
    }
}

/// Keys from lines of text: an empty line is Enter; `y`, `n`, `1`–`4`, `q`
/// as typed; the end of the input stops the quiz, with its summary.
pub struct LineKeys<R> {
    input: R,
    /// Lines in a row that were no answer.
    unanswered: usize,
}

/// An answer is a word; a longer line is not one (and `/dev/zero`, which
/// has no lines at all, must not be read into memory whole).
pub const MAX_ANSWER_LINE: usize = 1024;
/// Lines in a row that answer nothing before the input is taken for
/// something other than answers (a binary file, a stuck script).
pub const MAX_UNANSWERED: usize = 100;

impl<R: BufRead> LineKeys<R> {
    pub fn new(input: R) -> LineKeys<R> {
        LineKeys {
            input,
            unanswered: 0,
        }
    }

    /// The next line, at most [`MAX_ANSWER_LINE`] bytes; `None` at the end.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let read = (&mut self.input)
            .take(MAX_ANSWER_LINE as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| {
                // an input problem, not an output one (see `not_answers`)
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("cannot read the answers: {e}"),
                )
            })?;
        if read == 0 {
            return Ok(None);
        }
        if line.len() > MAX_ANSWER_LINE {
            return Err(not_answers(format!(
                "a line of more than {MAX_ANSWER_LINE} bytes"
            )));
        }
        Ok(Some(line))
    }
}

/// Problems with the answers read are `InvalidInput` errors, told apart
/// from failures to write.
fn not_answers(why: String) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("the quiz's input is not answers ({why})"),
    )
}

impl<R: BufRead> Keys for LineKeys<R> {
    fn next(&mut self) -> io::Result<Key> {
        let Some(line) = self.line()? else {
            return Ok(Key::Stop);
        };
        // bytes that are not UTF-8 are no answer, not an error
        let text = String::from_utf8_lossy(&line).trim().to_lowercase();
        let key = match text.as_str() {
            "" => Key::Enter,
            "yes" => Key::Grade(Grade::Good),
            "no" => Key::Grade(Grade::Again),
            "quit" => Key::Stop,
            one if one.chars().count() == 1 => key_of(one.chars().next().unwrap_or(' ')),
            _ => Key::Other,
        };
        // an empty line moves a quiz on only once per question: endless
        // empty lines (`yes ''`) are no answers either
        if matches!(key, Key::Other | Key::Enter) {
            self.unanswered += 1;
            if self.unanswered >= MAX_UNANSWERED {
                return Err(not_answers(format!(
                    "{MAX_UNANSWERED} lines in a row answered nothing"
                )));
            }
        } else {
            self.unanswered = 0;
        }
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(input: &[u8]) -> Vec<Key> {
        let mut keys = LineKeys::new(input);
        let mut out = Vec::new();
        loop {
            match keys.next().unwrap() {
                Key::Stop => break out,
                k => out.push(k),
            }
        }
    }

    #[test]
    fn lines_are_keys_and_the_end_stops() {
        assert_eq!(
            keys(b"\ny\nN\n3\nmaybe\n"),
            [
                Key::Enter,
                Key::Grade(Grade::Good),
                Key::Grade(Grade::Again),
                Key::Grade(Grade::Good),
                Key::Other
            ]
        );
        assert_eq!(
            keys(b"4\n1\n"),
            [Key::Grade(Grade::Easy), Key::Grade(Grade::Again)]
        );
        assert_eq!(keys(b"\xff\xfe\n"), [Key::Other], "not UTF-8: no answer");
    }

    #[test]
    fn input_that_is_not_answers_is_an_error() {
        let endless = vec![0u8; 10 * MAX_ANSWER_LINE];
        let e = LineKeys::new(endless.as_slice()).next().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        let blank = "\n".repeat(MAX_UNANSWERED + 1);
        let mut keys = LineKeys::new(blank.as_bytes());
        assert!(
            (0..=MAX_UNANSWERED).any(|_| keys.next().is_err()),
            "endless empty lines"
        );
        let noise = "?\n".repeat(MAX_UNANSWERED + 1);
        let mut keys = LineKeys::new(noise.as_bytes());
        let e = (0..=MAX_UNANSWERED)
            .find_map(|_| keys.next().err())
            .expect("an error");
        assert!(e.to_string().contains("not answers"), "{e}");
    }
}
