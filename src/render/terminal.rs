//! Output for a terminal: a styled header, the prose of the body rendered by
//! termimad, wrapped to the terminal (capped at a readable width), and its
//! code blocks highlighted (see `code`).

use std::collections::HashSet;
use std::io::{self, Write};

use termimad::crossterm::style::{Attribute, Color, Stylize};
use termimad::{CompoundStyle, MadSkin, gray};

use super::code::{self, Segment};
use super::{MAX_TEXT_WIDTH, Style, body, breadcrumb, highlight, one_line, provenance};
use crate::document::Document;

const TITLE_COLOR: Color = Color::Yellow;
const ACCENT: Color = Color::Cyan;
const HIGHLIGHT: Color = Color::Yellow;

fn skin(style: Style) -> MadSkin {
    if !style.color {
        return MadSkin::no_style();
    }
    let mut skin = MadSkin::default();
    skin.set_headers_fg(ACCENT);
    skin.bold.set_fg(Color::White);
    skin.inline_code.set_fgbg(Color::Green, gray(3));
    skin.code_block.set_fgbg(gray(20), gray(3));
    skin.bullet.set_fg(ACCENT);
    skin.quote_mark.set_fg(ACCENT);
    // `~~` marks the words a query matched (see highlight.rs), not strikeout.
    skin.strikeout = CompoundStyle::new(Some(HIGHLIGHT), None, Attribute::Bold.into());
    skin
}

/// How pyq styles its own words (titles, headings, notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A document's title.
    Title,
    /// A heading of pyq's own ("More results", a quiz's summary).
    Heading,
    /// Emphasis in pyq's own text.
    Strong,
    /// Secondary text: where a document comes from, ids, hints.
    Faint,
}

/// `text` in `tone` when `color` is on, else as it is: the one place that
/// chooses pyq's colours and attributes.
pub fn paint(text: &str, tone: Tone, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    match tone {
        Tone::Title => text.bold().with(TITLE_COLOR).to_string(),
        Tone::Heading => text.bold().with(ACCENT).to_string(),
        Tone::Strong => text.attribute(Attribute::Bold).to_string(),
        Tone::Faint => text.dim().to_string(),
    }
}

pub fn document(
    out: &mut dyn Write,
    doc: &Document,
    highlight: &HashSet<String>,
    style: Style,
) -> io::Result<()> {
    // the head lines wrap at word boundaries, never cut by the terminal
    let width = style.width.clamp(20, MAX_TEXT_WIDTH);
    let mut head = |text: &str, tone: Tone| -> io::Result<()> {
        for row in super::wrap_words(text, width) {
            writeln!(out, "{}", paint(&row, tone, style.color))?;
        }
        Ok(())
    };
    head(&one_line(&doc.title), Tone::Title)?;
    head(&breadcrumb(doc), Tone::Faint)?;
    head(&provenance(doc), Tone::Faint)?;
    writeln!(out)?;
    document_body(out, doc, highlight, style)
}

/// A document's body alone: prose by termimad, code highlighted.
pub fn document_body(
    out: &mut dyn Write,
    doc: &Document,
    highlight: &HashSet<String>,
    style: Style,
) -> io::Result<()> {
    let width = style.width.clamp(20, MAX_TEXT_WIDTH);
    let body = body(doc);
    if body.trim().is_empty() {
        return Ok(());
    }
    let skin = skin(style);
    for segment in code::segments(&body) {
        match segment {
            Segment::Prose(prose) => {
                let prose = if style.color {
                    highlight::mark(prose, highlight)
                } else {
                    prose.to_string()
                };
                write!(out, "{}", skin.text(&prose, Some(width)))?;
            }
            Segment::Code { info, code, indent } => {
                code::draw(out, &info, &code, indent, style.color, style.width)?;
            }
        }
    }
    Ok(())
}

/// A list of hits: each title (wrapped at word boundaries) and, on a row of
/// its own, the id that shows it, never cut.
pub fn list(
    out: &mut dyn Write,
    heading: &str,
    hits: &[(&Document, &str)],
    style: Style,
) -> io::Result<()> {
    writeln!(out)?;
    let heading = format!("{heading} (pyq --show ID):");
    writeln!(out, "{}", paint(&heading, Tone::Heading, style.color))?;
    let width = style.width.clamp(20, MAX_TEXT_WIDTH);
    for (doc, id) in hits {
        let title = super::standalone_title(doc);
        let mut rows = super::wrap_words(&title, width.saturating_sub(4)).into_iter();
        let bullet = if style.color {
            "•".with(ACCENT).to_string()
        } else {
            "•".to_string()
        };
        if let Some(first) = rows.next() {
            writeln!(
                out,
                "  {bullet} {}",
                paint(&first, Tone::Strong, style.color)
            )?;
        }
        for row in rows {
            writeln!(out, "    {}", paint(&row, Tone::Strong, style.color))?;
        }
        let id = one_line(id);
        // an id wider than its indented row starts at the margin instead
        let indent = if id.chars().count() + 4 <= style.width {
            "    "
        } else {
            ""
        };
        writeln!(out, "{indent}{}", paint(&id, Tone::Faint, style.color))?;
    }
    Ok(())
}
