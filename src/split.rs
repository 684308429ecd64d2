//! Cuts a guide into sections: one per Markdown heading, with its own body.
//!
//! Parsing is CommonMark (pulldown-cmark), so a `# comment` inside a fenced
//! code block is code, never a heading, and fences nested in list items or
//! fences showing fences are read the way a Markdown viewer reads them.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::{LineIndex, PlainInline, trim_blank_lines};

/// One heading of a guide and the Markdown under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    /// Heading text with inline Markdown removed.
    pub title: String,
    /// Titles of the enclosing headings, outermost first.
    pub path: Vec<String>,
    /// Heading level 1–6; 0 for text that stands before the first heading.
    pub level: u8,
    /// 1-based line of the heading in the guide.
    pub line: usize,
    /// The section's own content: up to the next heading of any level.
    pub body: &'a str,
    /// Byte offset of `body` in the guide.
    pub body_offset: usize,
    /// The content including all subsections: up to the next heading of the
    /// same or a higher level.
    pub subtree: &'a str,
}

/// Markdown extensions the guides use; shared by every stage that parses them.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

struct Heading {
    level: u8,
    title: String,
    start: usize,
    end: usize,
}

struct OpenHeading {
    level: u8,
    start: usize,
    end: usize,
    plain: PlainInline,
}

/// Splits `text` into sections, in document order.
///
/// Text before the first heading becomes a level-0 section titled
/// `preamble_title` when it holds anything but blank lines.
pub fn split<'a>(text: &'a str, preamble_title: &str) -> Vec<Section<'a>> {
    let headings = headings(text);
    let lines = LineIndex::new(text);
    let mut sections = Vec::with_capacity(headings.len() + 1);

    let first_start = headings.first().map_or(text.len(), |h| h.start);
    let preamble = trim_blank_lines(&text[..first_start]);
    if !preamble.is_empty() {
        let offset = preamble.as_ptr() as usize - text.as_ptr() as usize;
        sections.push(Section {
            title: preamble_title.to_string(),
            path: Vec::new(),
            level: 0,
            line: lines.line_of(offset),
            body: preamble,
            body_offset: offset,
            subtree: preamble,
        });
    }

    let mut stack: Vec<(u8, String)> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while stack.last().is_some_and(|(level, _)| *level >= h.level) {
            stack.pop();
        }
        let next_start = headings.get(i + 1).map_or(text.len(), |n| n.start);
        let subtree_end = headings[i + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(text.len(), |n| n.start);
        let body_start = h.end.min(next_start);
        let body = trim_blank_lines(&text[body_start..next_start]);
        let body_offset = if body.is_empty() {
            body_start
        } else {
            body.as_ptr() as usize - text.as_ptr() as usize
        };
        sections.push(Section {
            title: h.title.clone(),
            path: stack.iter().map(|(_, t)| t.clone()).collect(),
            level: h.level,
            line: lines.line_of(h.start),
            body,
            body_offset,
            subtree: trim_blank_lines(&text[body_start..subtree_end.max(body_start)]),
        });
        stack.push((h.level, h.title.clone()));
    }
    sections
}

/// Every heading outside code, with its plain text and source range.
fn headings(text: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut current: Option<OpenHeading> = None;
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some(OpenHeading {
                    level: level_number(level),
                    start: range.start,
                    end: range.end,
                    plain: PlainInline::default(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = current.take() {
                    let mut title = h.plain.finish();
                    if title.is_empty() {
                        title = "Untitled".to_string();
                    }
                    out.push(Heading {
                        level: h.level,
                        title,
                        start: h.start,
                        end: h.end,
                    });
                }
            }
            other => {
                if let Some(h) = current.as_mut() {
                    h.plain.event(&other, range, text);
                }
            }
        }
    }
    out
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
