//! `pyq quiz`: random questions one at a time. Enter reveals the answer,
//! `y`/`n` marks it known or not, `q` stops early; a summary per topic and
//! the questions to review end the session.
//!
//! Keys come from a [`Keys`] source: single key presses on a terminal, or
//! lines of standard input when it is a pipe (`printf '\ny\n' | pyq quiz`).

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::style::Stylize;
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};

use crate::document::{Document, Kind};
use crate::render::{self, Style};

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
    Other,
}

/// A source of key presses.
pub trait Keys {
    fn next(&mut self) -> io::Result<Key>;
}

/// Single key presses on the terminal, read in raw mode one at a time (the
/// terminal is back to normal while pyq writes).
pub struct TerminalKeys;

impl Keys for TerminalKeys {
    fn next(&mut self) -> io::Result<Key> {
        enable_raw_mode()?;
        let key = loop {
            match event::read() {
                Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => break Ok(k),
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
pub struct LineKeys<R>(pub R);

impl<R: BufRead> Keys for LineKeys<R> {
    fn next(&mut self) -> io::Result<Key> {
        let mut line = String::new();
        if self.0.read_line(&mut line)? == 0 {
            return Ok(Key::Abort);
        }
        Ok(match line.trim().to_lowercase().as_str() {
            "" => Key::Enter,
            "y" | "yes" => Key::Yes,
            "n" | "no" => Key::No,
            "q" | "quit" => Key::Stop,
            _ => Key::Other,
        })
    }
}

/// How a quiz ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// All questions asked, or `q`: the summary was shown.
    Finished,
    /// Ctrl-C or end of input: no summary.
    Aborted,
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
                "{} questions. Enter shows the answer, y/n marks it known or not, q stops. (pyq quiz --seed {seed} asks them again)",
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
            paint(&render::one_line(&doc.title), |s| s
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
        writeln!(out, "To review (pyq show ID):")?;
        for m in review {
            writeln!(
                out,
                "  {}\t{}",
                render::one_line(&m.doc.id),
                render::one_line(&m.doc.title)
            )?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Difficulty;

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
            &mut LineKeys(input.as_bytes()),
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
        assert!(out.contains("To review (pyq show ID):\n  b\tTitle of b?"));
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
