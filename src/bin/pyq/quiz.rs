//! `pyq --quiz`: random questions one at a time. Enter reveals the answer,
//! `y`/`n` marks it known or not, `q` stops early; a summary per topic and
//! the questions to review end the session.
//!
//! Keys come from a [`Keys`] source: single key presses on a terminal, or
//! lines of standard input when it is a pipe (`printf '\ny\n' | pyq --quiz`).

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::style::Stylize;
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};

use pyq::document::{Document, Kind};
use pyq::render::{self, Style};

/// What the user pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Yes,
    No,
    /// `q` or Esc: stop and show the summary.
    Stop,
    /// Ctrl-C, or the end of input: leave at once.
    Abort,
    /// Ended by this signal (SIGTERM, SIGHUP) from outside.
    Signal(u8),
    Other,
}

/// A source of key presses.
pub trait Keys {
    fn next(&mut self) -> io::Result<Key>;
}

/// Single key presses on the terminal, read in raw mode one at a time (the
/// terminal is back to normal while pyq writes, and when a signal ends
/// the quiz).
pub struct TerminalKeys(crate::signals::Caught);

impl TerminalKeys {
    pub fn new() -> io::Result<TerminalKeys> {
        Ok(TerminalKeys(crate::signals::Caught::start()?))
    }
}

impl Keys for TerminalKeys {
    fn next(&mut self) -> io::Result<Key> {
        enable_raw_mode()?;
        let key = loop {
            if let Some(signal) = self.0.received() {
                disable_raw_mode()?;
                return Ok(Key::Signal(signal));
            }
            match event::poll(crate::signals::POLL).and_then(|ready| {
                if ready {
                    event::read().map(Some)
                } else {
                    Ok(None)
                }
            }) {
                Ok(Some(Event::Key(k))) if k.kind != KeyEventKind::Release => break Ok(k),
                Ok(_) => continue,
                Err(e) => break Err(e),
            }
        };
        disable_raw_mode()?;
        let key = key?;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        Ok(match key.code {
            KeyCode::Char('c' | 'd') if ctrl => Key::Abort,
            // Enter typed ahead, while the terminal was not in raw mode,
            // arrives translated to a line feed: Ctrl-J.
            KeyCode::Char('j') if ctrl => Key::Enter,
            KeyCode::Enter | KeyCode::Char(' ') => Key::Enter,
            KeyCode::Char('y' | 'Y') => Key::Yes,
            KeyCode::Char('n' | 'N') => Key::No,
            KeyCode::Char('q' | 'Q') | KeyCode::Esc => Key::Stop,
            _ => Key::Other,
        })
    }
}

/// Keys from lines of text: an empty line is Enter, `y`, `n`, `q` as typed.
pub struct LineKeys<R> {
    input: R,
    /// Lines in a row that were no answer.
    unanswered: usize,
}

/// An answer is a word; a longer line is not one (and `/dev/zero`, which
/// has no lines at all, must not be read into memory whole).
const MAX_ANSWER_LINE: usize = 1024;
/// Lines in a row that answer nothing before the input is taken for
/// something other than answers (a binary file, a stuck script).
const MAX_UNANSWERED: usize = 100;

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
            return Ok(Key::Abort);
        };
        // bytes that are not UTF-8 are no answer, not an error
        let key = match String::from_utf8_lossy(&line)
            .trim()
            .to_lowercase()
            .as_str()
        {
            "" => Key::Enter,
            "y" | "yes" => Key::Yes,
            "n" | "no" => Key::No,
            "q" | "quit" => Key::Stop,
            _ => Key::Other,
        };
        if key == Key::Other {
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

/// How a quiz ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// All questions asked, or `q`: the summary was shown.
    Finished,
    /// Ctrl-C or end of input: no summary.
    Aborted,
    /// Ended by this signal from outside: no summary.
    Signalled(u8),
}

/// The questions a quiz may ask: question documents with an answer.
pub fn questions(docs: Vec<Document>) -> Vec<Document> {
    docs.into_iter()
        .filter(|d| d.kind == Kind::Question && !d.body.trim().is_empty())
        .collect()
}

/// `count` of `questions` in random order (the same for the same seed).
pub fn draw(mut questions: Vec<Document>, count: usize, seed: u64) -> Vec<Document> {
    fastrand::Rng::with_seed(seed).shuffle(&mut questions);
    questions.truncate(count);
    questions
}

/// One answer given.
struct Mark<'a> {
    doc: &'a Document,
    known: bool,
}

/// Asks `questions` one by one, reading keys from `keys`.
pub fn run(
    questions: &[Document],
    seed: u64,
    keys: &mut dyn Keys,
    out: &mut dyn Write,
    style: Style,
) -> io::Result<Ending> {
    let paint = |text: &str, f: fn(String) -> String| -> String {
        if style.color {
            f(text.to_string())
        } else {
            text.to_string()
        }
    };
    writeln!(
        out,
        "{}",
        paint(
            &format!(
                "{} questions. Enter shows the answer, y/n marks it known or not, q stops. (pyq --quiz --seed {seed} asks them again)",
                questions.len()
            ),
            |s| s.dim().to_string()
        )
    )?;
    let mut marks: Vec<Mark> = Vec::new();
    'questions: for (n, doc) in questions.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint(
                &format!(
                    "Question {} of {} · {} · {}",
                    n + 1,
                    questions.len(),
                    doc.topic,
                    doc.difficulty.as_str()
                ),
                |s| s.dim().to_string()
            )
        )?;
        writeln!(
            out,
            "{}",
            paint(&render::standalone_title(doc), |s| s
                .bold()
                .yellow()
                .to_string())
        )?;
        write!(
            out,
            "{}",
            paint("[Enter] answer  [q] stop ", |s| s.dim().to_string())
        )?;
        out.flush()?;
        loop {
            match keys.next()? {
                Key::Enter | Key::Yes | Key::No => break,
                Key::Stop => break 'questions,
                Key::Abort => {
                    writeln!(out)?;
                    return Ok(Ending::Aborted);
                }
                Key::Signal(signal) => {
                    writeln!(out)?;
                    return Ok(Ending::Signalled(signal));
                }
                Key::Other => {}
            }
        }
        writeln!(out)?;
        writeln!(out)?;
        render::document_body(&mut &mut *out, doc, style)?;
        writeln!(
            out,
            "{}",
            paint(&render::provenance(doc), |s| s.dim().to_string())
        )?;
        writeln!(out)?;
        write!(
            out,
            "{}",
            paint("Did you know it? [y] yes  [n] no  [q] stop ", |s| s
                .bold()
                .to_string())
        )?;
        out.flush()?;
        let known = loop {
            match keys.next()? {
                Key::Yes => break true,
                Key::No => break false,
                Key::Stop => {
                    writeln!(out)?;
                    break 'questions;
                }
                Key::Abort => {
                    writeln!(out)?;
                    return Ok(Ending::Aborted);
                }
                Key::Signal(signal) => {
                    writeln!(out)?;
                    return Ok(Ending::Signalled(signal));
                }
                Key::Enter | Key::Other => {}
            }
        };
        writeln!(out, "{}", if known { "yes" } else { "no" })?;
        marks.push(Mark { doc, known });
    }
    summary(out, &marks, style)?;
    Ok(Ending::Finished)
}

/// Known per topic, then the questions to review with their ids.
fn summary(out: &mut dyn Write, marks: &[Mark], style: Style) -> io::Result<()> {
    writeln!(out)?;
    let known = marks.iter().filter(|m| m.known).count();
    let heading = if marks.is_empty() {
        "No questions answered.".to_string()
    } else {
        format!(
            "Known {known} of {} ({}%)",
            marks.len(),
            known * 100 / marks.len()
        )
    };
    if style.color {
        writeln!(out, "{}", heading.bold().cyan())?;
    } else {
        writeln!(out, "{heading}")?;
    }
    let mut topics: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for m in marks {
        let entry = topics.entry(m.doc.topic.as_str()).or_default();
        entry.0 += usize::from(m.known);
        entry.1 += 1;
    }
    let width = topics.keys().map(|t| t.len()).max().unwrap_or(0);
    for (topic, (known, asked)) in &topics {
        writeln!(out, "  {topic:<width$}  {known}/{asked}")?;
    }
    let review: Vec<&Mark> = marks.iter().filter(|m| !m.known).collect();
    if !review.is_empty() {
        writeln!(out)?;
        writeln!(out, "To review (pyq --show ID):")?;
        for m in review {
            writeln!(
                out,
                "  {}\t{}",
                render::one_line(&m.doc.id),
                render::standalone_title(m.doc)
            )?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyq::document::Difficulty;

    fn doc(id: &str, topic: &str, kind: Kind, body: &str) -> Document {
        Document {
            id: id.into(),
            guide: "g.md".into(),
            title: format!("Title of {id}?"),
            path: vec![],
            kind,
            level: 2,
            line: 1,
            body: body.into(),
            body_is_subsections: false,
            topic: topic.into(),
            difficulty: Difficulty::Beginner,
        }
    }

    fn plain() -> Style {
        Style {
            styled: false,
            color: false,
            width: 80,
        }
    }

    fn session(questions: &[Document], input: &str) -> (Ending, String) {
        let mut out = Vec::new();
        let ending = run(
            questions,
            7,
            &mut LineKeys::new(input.as_bytes()),
            &mut out,
            plain(),
        )
        .unwrap();
        (ending, String::from_utf8(out).unwrap())
    }

    #[test]
    fn only_questions_with_answers_are_asked() {
        let docs = vec![
            doc("a", "oop", Kind::Question, "Answer."),
            doc("b", "oop", Kind::Section, "Text."),
            doc("c", "oop", Kind::Question, "  \n"),
        ];
        let ids: Vec<String> = questions(docs).into_iter().map(|d| d.id).collect();
        assert_eq!(ids, ["a"]);
    }

    #[test]
    fn the_same_seed_draws_the_same_questions() {
        let docs: Vec<Document> = (0..50)
            .map(|i| doc(&format!("q{i}"), "oop", Kind::Question, "A."))
            .collect();
        let ids = |seed| -> Vec<String> {
            draw(docs.clone(), 5, seed)
                .into_iter()
                .map(|d| d.id)
                .collect()
        };
        assert_eq!(ids(1), ids(1));
        assert_ne!(ids(1), ids(2));
        assert_eq!(ids(1).len(), 5);
    }

    #[test]
    fn answers_are_revealed_marked_and_summed_up_per_topic() {
        let qs = [
            doc("a", "oop", Kind::Question, "Answer A."),
            doc("b", "async", Kind::Question, "Answer B."),
            doc("c", "oop", Kind::Question, "Answer C."),
        ];
        let (ending, out) = session(&qs, "\ny\n\nn\n\nmaybe\ny\n");
        assert_eq!(ending, Ending::Finished);
        assert!(out.contains("Question 1 of 3 · oop · beginner"));
        assert!(out.contains("Answer B."));
        assert!(out.contains("Known 2 of 3 (66%)"), "{out}");
        assert!(out.contains("  async  0/1\n  oop    2/2\n"), "{out}");
        assert!(out.contains("To review (pyq --show ID):\n  b\tTitle of b?"));
    }

    #[test]
    fn input_that_is_not_answers_ends_the_quiz_with_an_error() {
        let qs = [doc("a", "oop", Kind::Question, "Answer A.")];
        let run_on = |input: &[u8]| {
            let mut out = Vec::new();
            run(&qs, 7, &mut LineKeys::new(input), &mut out, plain())
        };
        // bytes that are not UTF-8 are no answer, not an error
        assert_eq!(run_on(b"\xff\xfe\n\ny\n").unwrap(), Ending::Finished);
        let endless = vec![0u8; 10 * MAX_ANSWER_LINE];
        let e = run_on(&endless).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert!(e.to_string().contains("not answers"), "{e}");
        let noise = "?\n".repeat(MAX_UNANSWERED + 5);
        assert!(run_on(noise.as_bytes()).is_err());
    }

    #[test]
    fn q_stops_with_a_summary_and_end_of_input_aborts() {
        let qs = [
            doc("a", "oop", Kind::Question, "Answer A."),
            doc("b", "oop", Kind::Question, "Answer B."),
        ];
        let (ending, out) = session(&qs, "\nn\nq\n");
        assert_eq!(ending, Ending::Finished);
        assert!(out.contains("Known 0 of 1 (0%)"));
        assert!(!out.contains("Answer B."), "stopped before revealing b");
        let (ending, out) = session(&qs, "\n");
        assert_eq!(ending, Ending::Aborted);
        assert!(!out.contains("Known"));
    }
}
