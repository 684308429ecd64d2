//! JSON output. The shape of a hit is a contract (see README): `id`,
//! `guide`, `title`, `path`, `kind`, `topic`, `difficulty`, `level`,
//! `line`, `score` (null outside a search) and `body` (Markdown).

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{Difficulty, Document, Kind};

#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    guide: &'a str,
    title: &'a str,
    path: &'a [String],
    kind: Kind,
    topic: &'a str,
    difficulty: Difficulty,
    level: u8,
    line: usize,
    score: Option<f32>,
    body: &'a str,
}

/// Writes documents with their scores as one JSON array.
pub fn hits<'a>(
    out: &mut dyn Write,
    docs: impl IntoIterator<Item = (&'a Document, Option<f32>)>,
) -> io::Result<()> {
    let hits: Vec<JsonHit> = docs
        .into_iter()
        .map(|(d, score)| JsonHit {
            id: &d.id,
            guide: &d.guide,
            title: &d.title,
            path: &d.path,
            kind: d.kind,
            topic: &d.topic,
            difficulty: d.difficulty,
            level: d.level,
            line: d.line,
            score,
            body: &d.body,
        })
        .collect();
    value(out, &hits)
}

/// Writes any serialisable value as JSON.
pub fn value(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io_error)?;
    writeln!(out)
}

/// Keeps the kind of an I/O error (a broken pipe stays a broken pipe).
fn io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}
