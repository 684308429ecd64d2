//! Output: the best answer rendered for a terminal or as plain text, one
//! line per hit, or JSON. Renderers write to any `io::Write` (a locked,
//! buffered stdout in the program, a `Vec<u8>` in tests) and never print.

mod code;
mod highlight;
pub mod json;
mod plain;

mod syntax;
mod terminal;
mod title;

use std::collections::HashSet;
use std::io::{self, Write};

use crate::document::Document;
use crate::safe;
use crate::search::Hit;

/// How to lay out rendered answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Lay out for a terminal (wrap, draw tables) rather than print Markdown.
    pub styled: bool,
    /// Use colours and text attributes (only with `styled`).
    pub color: bool,
    /// Columns available.
    pub width: usize,
}

/// Prose is wrapped at this width at most, however wide the terminal.
pub const MAX_TEXT_WIDTH: usize = 100;

pub use terminal::{Tone, paint};

/// `text` cut into rows of at most `width` columns at spaces; a word wider
/// than a row has a row of its own.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for word in text.split_whitespace() {
        if !row.is_empty() && row.width() + 1 + word.width() > width {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        row.push_str(word);
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

/// The terminal's width in columns, if stdout is a terminal.
pub fn terminal_width() -> Option<usize> {
    let (w, _) = termimad::terminal_size();
    (w > 0).then_some(w as usize)
}

/// A search's answer as rendered: the best hit in full, the hits that
/// answer the same question in other guides, then the rest.
pub struct Answer<'a> {
    /// Best first.
    pub hits: &'a [Hit],
    /// Indices of hits answering the same question as the best one.
    pub same_as_best: &'a [usize],
    /// Words of the best hit's body to highlight (lowercase).
    pub highlight: &'a HashSet<String>,
    /// The id to show for each hit: the shortest that names it.
    pub ids: &'a [&'a str],
}

/// The terminal's height in lines, if stdout is a terminal.
pub fn terminal_height() -> Option<usize> {
    let (_, h) = termimad::terminal_size();
    (h > 0).then_some(h as usize)
}

/// The best hit in full, then where else it is answered, then the others
/// as a short list.
pub fn answer(out: &mut dyn Write, answer: &Answer, style: Style) -> io::Result<()> {
    crate::fault::point("render");
    let Some((best, _)) = answer.hits.split_first() else {
        return Ok(());
    };
    if style.styled {
        terminal::document(out, &best.doc, answer.highlight, style)?;
    } else {
        plain::document(out, &best.doc)?;
    }
    let pick = |same: bool| -> Vec<(&Document, &str)> {
        (1..answer.hits.len())
            .filter(|i| answer.same_as_best.contains(i) == same)
            .map(|i| {
                let id = answer.ids.get(i).copied().unwrap_or(&answer.hits[i].doc.id);
                (&answer.hits[i].doc, id)
            })
            .collect()
    };
    let (same, others) = (pick(true), pick(false));
    for (heading, docs) in [("Also answered in", &same), ("More results", &others)] {
        if docs.is_empty() {
            continue;
        }
        if style.styled {
            terminal::list(out, heading, docs, style)?;
        } else {
            plain::list(out, heading, docs)?;
        }
    }
    Ok(())
}

/// One document in full: title, where it comes from, body.
pub fn document(out: &mut dyn Write, doc: &Document, style: Style) -> io::Result<()> {
    if style.styled {
        terminal::document(out, doc, &HashSet::new(), style)
    } else {
        plain::document(out, doc)
    }
}

/// A document's body alone, without its title (the quiz's answers).
pub fn document_body(out: &mut dyn Write, doc: &Document, style: Style) -> io::Result<()> {
    if style.styled {
        terminal::document_body(out, doc, &HashSet::new(), style)
    } else {
        plain::document_body(out, doc)
    }
}

/// One line per document: `id<TAB>title`.
pub fn lines<'a>(
    out: &mut dyn Write,
    docs: impl IntoIterator<Item = &'a Document>,
) -> io::Result<()> {
    for doc in docs {
        writeln!(out, "{}\t{}", one_line(&doc.id), standalone_title(doc))?;
    }
    Ok(())
}

/// One line per hit: `id<TAB>title<TAB>snippet`.
pub fn hit_lines<'a>(
    out: &mut dyn Write,
    hits: impl IntoIterator<Item = (&'a Document, String)>,
) -> io::Result<()> {
    for (doc, snippet) in hits {
        writeln!(
            out,
            "{}\t{}\t{}",
            one_line(&doc.id),
            standalone_title(doc),
            one_line(&snippet)
        )?;
    }
    Ok(())
}

/// The breadcrumb of a document: its guide's title path joined by ›.
pub fn breadcrumb(doc: &Document) -> String {
    one_line(&doc.path.join(" › "))
}

/// A body made safe for a terminal (see `safe`).
pub fn body(doc: &Document) -> std::borrow::Cow<'_, str> {
    safe::clean(&doc.body)
}

/// Where a document comes from: `guide.md:LINE · topic · difficulty`.
pub fn provenance(doc: &Document) -> String {
    one_line(&format!(
        "{}:{} · {} · {} · {}",
        doc.guide,
        doc.line,
        doc.topic,
        doc.difficulty,
        doc.kind.as_str()
    ))
}

/// The title of a document as shown without its page (hit lists, `-l`,
/// the picker's rows, quiz prompts): given its parent heading when it does
/// not stand alone ("Deep vs Shallow Copy › When to Use Each"), on one
/// line, safe for a terminal.
pub fn standalone_title(doc: &Document) -> String {
    one_line(&title::standalone(doc))
}

/// Text made safe for a terminal, lines kept: escape sequences, control
/// characters and bidi overrides removed (see `safe`). For messages that
/// quote file names, ids or keys the user's files chose.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    safe::clean(s)
}

/// Text made safe to sit on one line of a terminal: control characters
/// removed (see `safe`), tabs and newlines turned into spaces.
pub fn one_line(s: &str) -> String {
    safe::clean(s)
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// [`one_line`], cut with `…` to at most `columns` columns of a terminal.
pub fn one_line_within(s: &str, columns: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let line = one_line(s);
    if unicode_width::UnicodeWidthStr::width(line.as_str()) <= columns {
        return line;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Rows of `pyq --topics`: name, description, documents.
pub struct TopicRow {
    pub name: String,
    pub description: String,
    pub count: u64,
}

/// The topic and difficulty table of `pyq --topics`.
pub fn topics(
    out: &mut dyn Write,
    topics: &[TopicRow],
    levels: &[(String, u64)],
    total: u64,
    style: Style,
) -> io::Result<()> {
    let name_width = topics
        .iter()
        .map(|t| t.name.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let heading = |out: &mut dyn Write, s: &str| -> io::Result<()> {
        writeln!(out, "{}", paint(s, Tone::Heading, style.color))
    };
    heading(out, "TOPIC")?;
    for t in topics {
        writeln!(
            out,
            "  {:<name_width$}  {:>5}  {}",
            t.name, t.count, t.description
        )?;
    }
    writeln!(out)?;
    heading(out, "LEVEL")?;
    for (name, count) in levels {
        writeln!(out, "  {name:<name_width$}  {count:>5}")?;
    }
    writeln!(out)?;
    writeln!(out, "  {:<name_width$}  {total:>5}", "total")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_cut_to_its_columns() {
        assert_eq!(one_line_within("Lists", 20), "Lists");
        assert_eq!(
            one_line_within("why list takes more memory than tuple", 16),
            "why list takes…"
        );
        // wide characters count twice
        assert_eq!(one_line_within("🐍🐍🐍🐍", 5), "🐍🐍…");
        assert_eq!(one_line_within("a\tb", 10), "a b");
    }
}
