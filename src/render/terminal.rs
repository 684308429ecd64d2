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

fn styled(
    out: &mut dyn Write,
    text: &str,
    color: bool,
    f: impl Fn(String) -> String,
) -> io::Result<()> {
    if color {
        writeln!(out, "{}", f(text.to_string()))
    } else {
        writeln!(out, "{text}")
    }
}

pub fn heading(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", text.bold().with(ACCENT))
}

pub fn document(
    out: &mut impl Write,
    doc: &Document,
    highlight: &HashSet<String>,
    style: Style,
) -> io::Result<()> {
    styled(out, &one_line(&doc.title), style.color, |s| {
        s.bold().with(TITLE_COLOR).to_string()
    })?;
    let crumb = breadcrumb(doc);
    if !crumb.is_empty() {
        styled(out, &one_line(&crumb), style.color, |s| s.dim().to_string())?;
    }
    styled(out, &provenance(doc), style.color, |s| s.dim().to_string())?;
    writeln!(out)?;
    document_body(out, doc, highlight, style)
}

/// A document's body alone: prose by termimad, code highlighted.
pub fn document_body(
    out: &mut impl Write,
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
                code::draw(out, &info, &code, indent, style.color)?;
            }
        }
    }
    Ok(())
}

pub fn list(
    out: &mut impl Write,
    heading: &str,
    others: &[&Document],
    style: Style,
) -> io::Result<()> {
    writeln!(out)?;
    styled(
        out,
        &format!("{heading} (pyq --show ID):"),
        style.color,
        |s| s.bold().with(ACCENT).to_string(),
    )?;
    for doc in others {
        let title = one_line(&doc.title);
        if style.color {
            writeln!(
                out,
                "  {} {}",
                "•".with(ACCENT),
                title.attribute(Attribute::Bold)
            )?;
            writeln!(
                out,
                "    {}",
                one_line(&format!("{} · {}", doc.guide, doc.id)).dim()
            )?;
        } else {
            writeln!(out, "  • {title}")?;
            writeln!(
                out,
                "    {}",
                one_line(&format!("{} · {}", doc.guide, doc.id))
            )?;
        }
    }
    Ok(())
}
