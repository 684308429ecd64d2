//! `pyq --stats`: study progress per topic, from the study file: cards
//! seen, known (the last answer was known) and due for review now.

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;

use pyq::document::Document;
use pyq::error::Result;
use pyq::render::{Tone, paint};
use pyq::study::{Study, TopicProgress};

/// What `--stats` shows.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Cards answered at least once.
    pub reviewed: u64,
    /// Cards due for review now.
    pub due: u64,
    pub topics: Vec<TopicRow>,
    /// Answers ever recorded.
    pub answers: u64,
    /// Cards whose question the guides no longer have (their history is
    /// kept, and comes back if the question does).
    pub orphaned: u64,
}

#[derive(Debug, Serialize)]
pub struct TopicRow {
    pub topic: String,
    pub seen: u64,
    pub known: u64,
    pub due: u64,
}

/// The progress kept in `study` at `now`, for the questions of `docs`.
pub fn report(study: &Study, docs: &[Document], now: i64) -> Result<Report> {
    let progress: Vec<TopicProgress> = study.progress(now)?;
    let current: HashSet<String> = pyq::study::cards(docs)
        .into_iter()
        .flat_map(|c| c.aliases)
        .collect();
    let orphaned = study
        .cards()?
        .iter()
        .filter(|(_, aliases)| !aliases.iter().any(|a| current.contains(a)))
        .count() as u64;
    Ok(Report {
        reviewed: progress.iter().map(|t| t.seen).sum(),
        due: progress.iter().map(|t| t.due).sum(),
        answers: study.reviews()?,
        orphaned,
        topics: progress
            .into_iter()
            .map(|t| TopicRow {
                topic: t.topic,
                seen: t.seen,
                known: t.known,
                due: t.due,
            })
            .collect(),
    })
}

/// The report as a table (or JSON), with the study file's place.
pub fn write(out: &mut dyn Write, report: &Report, study: &Study, color: bool) -> io::Result<()> {
    if report.reviewed == 0 {
        writeln!(
            out,
            "No answers recorded yet: pyq --quiz asks the first questions."
        )?;
        return out.flush();
    }
    let width = report
        .topics
        .iter()
        .map(|t| t.topic.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let heading = format!(
        "{:<width$}  {:>5}  {:>5}  {:>5}",
        "TOPIC", "SEEN", "KNOWN", "DUE"
    );
    writeln!(out, "{}", paint(&heading, Tone::Heading, color))?;
    for t in &report.topics {
        writeln!(
            out,
            "{:<width$}  {:>5}  {:>5}  {:>5}",
            pyq::render::one_line(&t.topic),
            t.seen,
            t.known,
            t.due
        )?;
    }
    let known: u64 = report.topics.iter().map(|t| t.known).sum();
    writeln!(
        out,
        "{:<width$}  {:>5}  {:>5}  {:>5}",
        "total", report.reviewed, known, report.due
    )?;
    writeln!(out)?;
    let due = match report.due {
        0 => "nothing is due now".to_string(),
        1 => "1 card is due now (pyq --quiz)".to_string(),
        n => format!("{n} cards are due now (pyq --quiz)"),
    };
    writeln!(out, "{} answers recorded; {due}.", report.answers)?;
    if report.orphaned > 0 {
        writeln!(
            out,
            "{} of the cards ask questions the guides no longer have; their history is kept, and comes back with them.",
            report.orphaned
        )?;
    }
    let place = format!("Study file: {}", study.path().display());
    writeln!(
        out,
        "{}",
        paint(&pyq::render::one_line(&place), Tone::Faint, color)
    )?;
    out.flush()
}
