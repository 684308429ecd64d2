//! `pyq --quiz`: spaced repetition over the guides' questions. The cards
//! due for review come first (those not known last time before the
//! others), then new ones; Enter shows the answer, `y`/`n` (or Anki's
//! 1–4) grades it, and every grade is saved at once in the study file (see
//! `pyq::study`). A summary per topic ends the quiz.

pub mod keys;

use std::collections::BTreeMap;
use std::io::{self, Write};

use pyq::document::Document;
use pyq::error::Error;
use pyq::render::{self, Style, Tone, paint};
use pyq::study::{Card, CardInfo, Grade, Known, Study};

use keys::{Key, Keys};

/// How a quiz ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// All questions asked, `q`, or the end of the input: the summary was
    /// shown.
    Finished,
    /// Ctrl-C: no summary (every grade given is saved).
    Aborted,
    /// Ended by this signal from outside: no summary.
    Signalled(u8),
}

/// Why a quiz stopped before its end.
#[derive(Debug)]
pub enum Failure {
    /// Writing the screen, or reading keys, failed.
    Io(io::Error),
    /// A grade could not be saved: the quiz stops rather than lose more.
    Save(Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// The cards to ask, in order: those due (the ones not known last time
/// first, then the longest overdue), then new ones in an order drawn from
/// `seed`; `limit` in all. `known[i]` is what the study file remembers of
/// `cards[i]`.
pub fn plan(known: &[Option<Known>], now: i64, limit: usize, seed: u64) -> Vec<usize> {
    let mut due: Vec<usize> = (0..known.len())
        .filter(|&i| known[i].as_ref().is_some_and(|k| k.memory.due <= now))
        .collect();
    due.sort_by_key(|&i| {
        let m = known[i].as_ref().map(|k| k.memory);
        (
            m.is_some_and(|m| m.last_grade.known()),
            m.map_or(0, |m| m.due),
        )
    });
    let mut new: Vec<usize> = (0..known.len()).filter(|&i| known[i].is_none()).collect();
    fastrand::Rng::with_seed(seed).shuffle(&mut new);
    due.into_iter().chain(new).take(limit).collect()
}

/// Everything a quiz needs besides its keys and its screen.
pub struct Session<'a> {
    pub docs: &'a [Document],
    pub cards: &'a [Card],
    /// What the study file remembered of each card when the quiz began.
    pub known: &'a [Option<Known>],
    /// Indices into `cards`, in the order asked.
    pub plan: &'a [usize],
    pub study: &'a mut Study,
    pub now: i64,
    pub seed: u64,
    pub style: Style,
    /// The pager for long answers (on a terminal).
    pub pager: Option<&'a str>,
    /// The shortest id that shows a document (see `Library::short_id`).
    pub short_id: &'a dyn Fn(&Document) -> String,
}

/// One answer given.
struct Mark {
    card: usize,
    grade: Grade,
}

impl Session<'_> {
    fn best(&self, card: usize) -> &Document {
        &self.docs[self.cards[card].members[0]]
    }

    fn info(&self, card: usize) -> CardInfo {
        let doc = self.best(card);
        CardInfo {
            aliases: self.cards[card].aliases.clone(),
            prompt: render::standalone_title(doc),
            topic: doc.topic.clone(),
            level: doc.difficulty.to_string(),
        }
    }

    /// Asks the planned cards one by one.
    pub fn run(&mut self, keys: &mut dyn Keys, out: &mut dyn Write) -> Result<Ending, Failure> {
        let color = self.style.color;
        let due = self
            .plan
            .iter()
            .filter(|&&c| self.known[c].is_some())
            .count();
        let intro = format!(
            "{} ({} due for review, {} new). Enter shows the answer; y or n says whether you knew it (or 1-4: again, hard, good, easy); q stops. (pyq --quiz --seed {} draws these new ones again)",
            match self.plan.len() {
                1 => "1 question".to_string(),
                n => format!("{n} questions"),
            },
            due,
            self.plan.len() - due,
            self.seed
        );
        writeln!(out, "{}", paint(&intro, Tone::Faint, color))?;
        let mut marks: Vec<Mark> = Vec::new();
        for (n, &card) in self.plan.iter().enumerate() {
            match self.ask(n, card, keys, out)? {
                Asked::Graded(grade) => marks.push(Mark { card, grade }),
                Asked::Stop => break,
                Asked::Left(ending) => return Ok(ending),
            }
        }
        self.summary(out, &marks)?;
        Ok(Ending::Finished)
    }

    fn ask(
        &mut self,
        n: usize,
        card: usize,
        keys: &mut dyn Keys,
        out: &mut dyn Write,
    ) -> Result<Asked, Failure> {
        let color = self.style.color;
        let terminal = self.style.styled;
        let doc = self.best(card);
        writeln!(out)?;
        let header = format!(
            "Question {} of {} · {} · {}",
            n + 1,
            self.plan.len(),
            render::one_line(&doc.topic),
            doc.difficulty
        );
        writeln!(out, "{}", paint(&header, Tone::Faint, color))?;
        writeln!(
            out,
            "{}",
            paint(&render::standalone_title(doc), Tone::Title, color)
        )?;
        let crumb = render::breadcrumb(doc);
        if terminal && !crumb.is_empty() {
            writeln!(out, "{}", paint(&crumb, Tone::Faint, color))?;
        }
        write!(
            out,
            "{}",
            paint("[Enter] answer  [q] stop ", Tone::Faint, color)
        )?;
        out.flush()?;
        loop {
            match keys.next()? {
                Key::Enter | Key::Grade(_) => break,
                Key::Stop => {
                    writeln!(out)?;
                    return Ok(Asked::Stop);
                }
                Key::Abort => {
                    writeln!(out)?;
                    return Ok(Asked::Left(Ending::Aborted));
                }
                Key::Signal(signal) => {
                    writeln!(out)?;
                    return Ok(Asked::Left(Ending::Signalled(signal)));
                }
                Key::Other => {}
            }
        }
        if terminal {
            // the prompt has done its job: clear it rather than leave it
            write!(out, "\r\x1b[2K")?;
        } else {
            writeln!(out)?;
        }
        writeln!(out)?;
        if let Some(signal) = self.answer(card, keys, out)? {
            return Ok(Asked::Left(Ending::Signalled(signal)));
        }

        let question =
            "Did you know it? [y] yes  [n] no  (1-4: again, hard, good, easy)  [q] stop ";
        write!(out, "{}", paint(question, Tone::Strong, color))?;
        out.flush()?;
        let grade = loop {
            match keys.next()? {
                Key::Grade(grade) => break grade,
                Key::Stop => {
                    writeln!(out)?;
                    return Ok(Asked::Stop);
                }
                Key::Abort => {
                    writeln!(out)?;
                    return Ok(Asked::Left(Ending::Aborted));
                }
                Key::Signal(signal) => {
                    writeln!(out)?;
                    return Ok(Asked::Left(Ending::Signalled(signal)));
                }
                Key::Enter | Key::Other => {}
            }
        };
        let info = self.info(card);
        let memory = self
            .study
            .record(&info, grade, self.now)
            .map_err(Failure::Save)?;
        writeln!(
            out,
            "{}",
            if grade.known() {
                format!("yes · next in {}", wait(memory.due - self.now))
            } else {
                "no · asked again in the next quiz".to_string()
            }
        )?;
        Ok(Asked::Graded(grade))
    }

    /// The best answer, paged on a terminal when long, then the other
    /// guides that answer it. `Some(signal)` when a signal asked pyq to stop
    /// while the pager showed it.
    fn answer(&self, card: usize, keys: &dyn Keys, out: &mut dyn Write) -> io::Result<Option<u8>> {
        let color = self.style.color;
        let doc = self.best(card);
        let mut text = Vec::new();
        render::document_body(&mut text, doc, self.style)?;
        writeln!(
            text,
            "{}",
            paint(&render::provenance(doc), Tone::Faint, color)
        )?;
        let others: Vec<String> = self.cards[card].members[1..]
            .iter()
            .map(|&i| (self.short_id)(&self.docs[i]))
            .collect();
        if !others.is_empty() {
            let also = format!("Also answered in: {}", others.join(", "));
            writeln!(
                text,
                "{}",
                paint(&render::one_line(&also), Tone::Faint, color)
            )?;
        }
        match self.pager {
            Some(pager) => {
                out.flush()?;
                let interrupted = || keys.signalled().is_some();
                match crate::pager::show(&text, pager, &interrupted)? {
                    crate::pager::Paged::Shown => {}
                    crate::pager::Paged::Failed(_) => out.write_all(&text)?,
                    crate::pager::Paged::Interrupted => return Ok(keys.signalled()),
                }
            }
            None => out.write_all(&text)?,
        }
        writeln!(out)?;
        Ok(None)
    }

    /// Known per topic, then the questions to review with their ids.
    fn summary(&self, out: &mut dyn Write, marks: &[Mark]) -> io::Result<()> {
        let color = self.style.color;
        writeln!(out)?;
        let known = marks.iter().filter(|m| m.grade.known()).count();
        let heading = if marks.is_empty() {
            "No questions answered.".to_string()
        } else {
            format!(
                "Known {known} of {} ({}%)",
                marks.len(),
                known * 100 / marks.len()
            )
        };
        writeln!(out, "{}", paint(&heading, Tone::Heading, color))?;
        let mut topics: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for m in marks {
            let entry = topics
                .entry(render::one_line(&self.best(m.card).topic))
                .or_default();
            entry.0 += usize::from(m.grade.known());
            entry.1 += 1;
        }
        let width = topics.keys().map(|t| t.len()).max().unwrap_or(0);
        for (topic, (known, asked)) in &topics {
            writeln!(out, "  {topic:<width$}  {known}/{asked}")?;
        }
        let review: Vec<&Mark> = marks.iter().filter(|m| !m.grade.known()).collect();
        if !review.is_empty() {
            writeln!(out)?;
            writeln!(out, "To review (pyq --show ID):")?;
            for m in review {
                let doc = self.best(m.card);
                writeln!(
                    out,
                    "  {}\t{}",
                    render::one_line(&(self.short_id)(doc)),
                    render::standalone_title(doc)
                )?;
            }
        }
        if !marks.is_empty() {
            let saved = format!(
                "Saved in {}; pyq --stats shows your progress.",
                self.study.path().display()
            );
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                paint(&render::one_line(&saved), Tone::Faint, color)
            )?;
        }
        out.flush()
    }
}

enum Asked {
    Graded(Grade),
    Stop,
    Left(Ending),
}

/// A wait in words: "3 days", "5 hours", "a few minutes".
pub fn wait(seconds: i64) -> String {
    const HOUR: i64 = 3600;
    const DAY: i64 = 24 * HOUR;
    match seconds {
        s if s >= 2 * DAY => format!("{} days", (s + DAY / 2) / DAY),
        s if s >= DAY => "a day".to_string(),
        s if s >= 2 * HOUR => format!("{} hours", s / HOUR),
        s if s >= HOUR => "an hour".to_string(),
        _ => "a few minutes".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyq::study::Memory;

    fn known(due: i64, grade: Grade) -> Option<Known> {
        Some(Known {
            key: format!("k{due}"),
            memory: Memory {
                state: 2,
                due,
                stability: 1.0,
                difficulty: 5.0,
                elapsed_days: 0,
                scheduled_days: 1,
                reps: 1,
                lapses: 0,
                last_review: 0,
                last_grade: grade,
            },
        })
    }

    #[test]
    fn due_cards_come_first_those_forgotten_before_the_others_then_new_ones() {
        let cards = [
            None,                    // 0 new
            known(50, Grade::Good),  // 1 due, known last time
            known(500, Grade::Good), // 2 not due
            known(90, Grade::Again), // 3 due, forgotten last time
            None,                    // 4 new
            known(10, Grade::Good),  // 5 due, longest overdue
        ];
        let order = plan(&cards, 100, 10, 1);
        assert_eq!(&order[..3], [3, 5, 1]);
        let mut new = order[3..].to_vec();
        new.sort();
        assert_eq!(new, [0, 4]);
        assert_eq!(plan(&cards, 100, 2, 1), [3, 5], "the limit holds");
        assert_eq!(
            plan(&cards, 100, 10, 7)[..3],
            [3, 5, 1],
            "whatever the seed"
        );
    }

    #[test]
    fn waits_read_as_people_say_them() {
        assert_eq!(wait(120), "a few minutes");
        assert_eq!(wait(3 * 3600), "3 hours");
        assert_eq!(wait(86_400), "a day");
        assert_eq!(wait(6 * 86_400 + 100), "6 days");
    }
}
