//! Code blocks on a terminal: a Markdown body cut into prose (for termimad)
//! and fenced code blocks, and the code blocks drawn with Python syntax
//! colours on a dark panel, never wrapped, so that what is copied runs.

use std::io::{self, Write};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

use super::syntax::{self, Class};
use crate::text::markdown_options;

/// A piece of a Markdown body.
#[derive(Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Markdown to render as prose.
    Prose(&'a str),
    /// A fenced code block: its info string, its code, and the column its
    /// fence starts at (inside a list item, say).
    Code {
        info: String,
        code: String,
        indent: usize,
    },
}

/// `markdown` cut into prose and the fenced code blocks that start a line
/// (a fence inside a quote stays in the prose).
pub fn segments(markdown: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut prose_start = 0;
    let mut open: Option<(String, String, Range<usize>)> = None;
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some((info.to_string(), String::new(), range));
            }
            Event::Text(text) => {
                if let Some((_, code, _)) = open.as_mut() {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((info, code, range)) = open.take() else {
                    continue;
                };
                let line_start = markdown[..range.start].rfind('\n').map_or(0, |i| i + 1);
                let before = &markdown[line_start..range.start];
                if !before.chars().all(|c| c == ' ') || line_start < prose_start {
                    continue;
                }
                if line_start > prose_start {
                    out.push(Segment::Prose(&markdown[prose_start..line_start]));
                }
                out.push(Segment::Code {
                    info,
                    code,
                    indent: before.len(),
                });
                prose_start = markdown[range.end..]
                    .find('\n')
                    .map_or(markdown.len(), |i| range.end + i + 1);
            }
            _ => {}
        }
    }
    if prose_start < markdown.len() {
        out.push(Segment::Prose(&markdown[prose_start..]));
    }
    out
}

/// The panel behind code, and the colour of plain code on it (256-colour
/// palette numbers).
const PANEL: u8 = 235;
const PLAIN: u8 = 252;

/// A colour scheme for the dark panel, close to One Dark.
fn palette(class: Class) -> u8 {
    match class {
        Class::Keyword => 176,
        Class::String => 114,
        Class::Comment => 245,
        Class::Number | Class::Constant => 215,
        Class::Function => 75,
        Class::Type | Class::Decorator => 180,
        Class::Builtin => 80,
        Class::Escape => 73,
    }
}

/// Draws a code block: with `color`, Python is highlighted on the panel,
/// every line padded to the block's width; without, the code as is. Lines
/// are indented by `indent` and never wrapped.
pub fn draw(
    out: &mut dyn Write,
    info: &str,
    code: &str,
    indent: usize,
    color: bool,
    columns: usize,
) -> io::Result<()> {
    let code = expand_tabs(code);
    let code = code.trim_end_matches('\n');
    let margin = " ".repeat(indent);
    if !color {
        for line in code.split('\n') {
            writeln!(out, "{margin}{line}")?;
        }
        return Ok(());
    }
    let spans = if syntax::is_python(info) {
        syntax::spans(code, info.trim().is_empty())
    } else {
        Vec::new()
    };
    // The panel is as wide as the longest line, but never wider than the
    // screen (less one column, as some terminals wrap on the last): a line
    // wider than the screen wraps once, visibly, and no row is ever only
    // padding.
    let room = columns.saturating_sub(indent + 1).max(1);
    let width = (code.split('\n').map(|l| l.width()).max().unwrap_or(0) + 1).min(room);
    let mut spans = spans.iter().peekable();
    let mut line_start = 0;
    for line in code.split('\n') {
        let line_end = line_start + line.len();
        write!(out, "{margin}\x1b[48;5;{PANEL}m")?;
        let mut at = line_start;
        while at < line_end {
            // Skip spans that ended before this point.
            while spans.peek().is_some_and(|(r, _)| r.end <= at) {
                spans.next();
            }
            let (end, class) = match spans.peek() {
                Some((r, class)) if r.start <= at => (r.end.min(line_end), Some(*class)),
                Some((r, _)) => (r.start.min(line_end), None),
                None => (line_end, None),
            };
            let text = &code[at..end];
            match class {
                Some(Class::Comment) => write!(
                    out,
                    "\x1b[3;38;5;{}m{text}\x1b[23m",
                    palette(Class::Comment)
                )?,
                Some(class) => write!(out, "\x1b[38;5;{}m{text}", palette(class))?,
                None => write!(out, "\x1b[38;5;{PLAIN}m{text}")?,
            }
            at = end;
        }
        let pad = width.saturating_sub(line.width());
        writeln!(out, "{:pad$}\x1b[0m", "")?;
        line_start = line_end + 1;
    }
    Ok(())
}

/// Tabs expanded to the next multiple of four columns.
fn expand_tabs(code: &str) -> std::borrow::Cow<'_, str> {
    if !code.contains('\t') {
        return code.into();
    }
    let mut out = String::with_capacity(code.len() + 16);
    let mut column = 0;
    for c in code.chars() {
        match c {
            '\t' => {
                let n = 4 - column % 4;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            '\n' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(info: &str, code: &str, color: bool) -> String {
        drawn_in(info, code, color, 100)
    }

    fn drawn_in(info: &str, code: &str, color: bool, columns: usize) -> String {
        let mut out = Vec::new();
        draw(&mut out, info, code, 2, color, columns).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// `s` without SGR sequences.
    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn prose_and_fenced_code_are_cut_apart() {
        let md = "Intro\n\n```python\n# a comment\nx = 1\n```\n\nAfter\n";
        assert_eq!(
            segments(md),
            vec![
                Segment::Prose("Intro\n\n"),
                Segment::Code {
                    info: "python".into(),
                    code: "# a comment\nx = 1\n".into(),
                    indent: 0
                },
                Segment::Prose("\nAfter\n"),
            ]
        );
    }

    #[test]
    fn a_fence_inside_a_fence_is_code() {
        let md = "````markdown\n```python\nx = 1\n```\n````\ntail\n";
        let segs = segments(md);
        assert_eq!(segs.len(), 2);
        assert!(
            matches!(&segs[0], Segment::Code { info, code, .. } if info == "markdown" && code == "```python\nx = 1\n```\n")
        );
        assert_eq!(segs[1], Segment::Prose("tail\n"));
    }

    #[test]
    fn fences_in_list_items_keep_their_column_and_quotes_stay_prose() {
        let md = "1. Step\n\n   ```python\n   x = 1\n   ```\n\n> ```\n> quoted\n> ```\n";
        let segs = segments(md);
        assert!(
            segs.iter()
                .any(|s| matches!(s, Segment::Code { indent: 3, code, .. } if code == "x = 1\n"))
        );
        assert!(matches!(segs.last(), Some(Segment::Prose(p)) if p.contains("> quoted")));
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        let segs = segments("Text\n```python\nx = 1\n");
        assert!(matches!(&segs[1], Segment::Code { code, .. } if code == "x = 1\n"));
    }

    #[test]
    fn colour_draws_the_same_text_padded_on_a_panel() {
        let code = "def f():\n    return 'x'  # why\n";
        let out = drawn("python", code, true);
        assert!(out.contains("\x1b[48;5;235m"), "panel background");
        assert!(out.contains("\x1b[38;5;176m"), "keyword colour");
        assert!(out.contains("\x1b[38;5;114m"), "string colour");
        let lines: Vec<String> = strip(&out).lines().map(String::from).collect();
        assert_eq!(
            lines,
            ["  def f():              ", "      return 'x'  # why "]
        );
    }

    #[test]
    fn a_panel_is_never_wider_than_the_screen() {
        let code = format!("short = 1\nlong = '{}'\n", "x".repeat(100));
        let lines: Vec<String> = strip(&drawn_in("python", &code, true, 40))
            .lines()
            .map(String::from)
            .collect();
        // padding stops at the screen's edge: one row per source line, the
        // long one left to wrap once
        assert_eq!(lines[0].chars().count(), 39, "{:?}", lines[0]);
        assert_eq!(lines[1], format!("  long = '{}'", "x".repeat(100)));
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn other_languages_are_not_highlighted_and_no_colour_is_plain() {
        let out = drawn("bash", "echo 'hi'  # x\n", true);
        assert!(!out.contains("38;5;114"), "no string colour for bash");
        assert_eq!(
            drawn("python", "x = 1\n\ty = 2\n", false),
            "  x = 1\n      y = 2\n"
        );
    }

    #[test]
    fn unlabelled_blocks_are_highlighted_only_when_they_parse() {
        assert!(drawn("", "for x in y:\n    print(x)\n", true).contains("38;5;176"));
        assert!(!drawn("", "Output: 1 2 3 (done)\n", true).contains("38;5;176"));
    }
}
