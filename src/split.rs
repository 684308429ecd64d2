//! Cuts a guide into sections: one per Markdown heading, with its own body.
//!
//! Parsing is CommonMark (pulldown-cmark), so a `# comment` inside a fenced
//! code block is code, never a heading, and fences nested in list items or
//! fences showing fences are read the way a Markdown viewer reads them.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::text::{LineIndex, PlainInline, cap_title, markdown_options, trim_blank_lines};

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
                    let mut title = cap_title(h.plain.finish());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(md: &str) -> Vec<(u8, String)> {
        split(md, "guide")
            .into_iter()
            .map(|s| (s.level, s.title))
            .collect()
    }

    #[test]
    fn one_section_per_heading_of_any_level() {
        let md = "# A\ntext a\n## B\ntext b\n### C\n#### D\n##### E\n###### F\nf\n";
        let t = titles(md);
        assert_eq!(
            t.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6]
        );
        assert_eq!(t[5].1, "F");
    }

    #[test]
    fn comments_in_code_fences_are_not_headings() {
        let md = "# Real\n```python\n# not a heading\nx = 1\n## nor this\n```\n~~~\n# nor this\n~~~\n    # indented code\n";
        assert_eq!(titles(md), [(1, "Real".to_string())]);
        let s = &split(md, "guide")[0];
        assert!(s.body.contains("# not a heading"));
        assert!(s.body.contains("# indented code"));
    }

    #[test]
    fn a_fence_shown_inside_a_longer_fence_does_not_close_it() {
        let md = "# Markdown tips\n````markdown\n```python\n# still code\n```\n# still code too\n````\n## After\n";
        assert_eq!(
            titles(md),
            [(1, "Markdown tips".to_string()), (2, "After".to_string())]
        );
    }

    #[test]
    fn a_fence_with_an_info_string_does_not_close_an_open_fence() {
        let md = "# A\n```\nprint(1)\n```python\n# code\n```\n## B\n";
        assert_eq!(titles(md), [(1, "A".to_string()), (2, "B".to_string())]);
    }

    #[test]
    fn setext_headings_are_headings() {
        let md = "Title\n=====\n\nintro\n\nPart\n----\nbody\n";
        assert_eq!(
            titles(md),
            [(1, "Title".to_string()), (2, "Part".to_string())]
        );
        assert_eq!(split(md, "g")[1].line, 6);
    }

    #[test]
    fn duplicate_headings_are_all_kept() {
        let md = "## Example\none\n## Example\ntwo\n";
        let s = split(md, "g");
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].body, s[1].body), ("one", "two"));
    }

    #[test]
    fn titles_lose_inline_markdown_but_keep_python_names() {
        let md = "## 6. Difference Between `is` and `==` **Operator**\n### What is `__init__`? And __str__?\n### [Links](http://x) *stay* text\n";
        let t = titles(md);
        assert_eq!(t[0].1, "6. Difference Between is and == Operator");
        assert_eq!(t[1].1, "What is __init__? And __str__?");
        assert_eq!(t[2].1, "Links stay text");
    }

    #[test]
    fn paths_follow_the_heading_tree() {
        let md = "# Guide\n## Chapter\n### Section\n## Next\n#### Deep\n";
        let s = split(md, "g");
        assert_eq!(s[2].path, ["Guide", "Chapter"]);
        assert_eq!(s[3].path, ["Guide"]);
        assert_eq!(s[4].path, ["Guide", "Next"]);
    }

    #[test]
    fn body_is_own_content_and_subtree_includes_subsections() {
        let md = "## Chapter\n\n### One\nfirst\n### Two\nsecond\n## Other\nx\n";
        let s = split(md, "g");
        assert_eq!(s[0].body, "");
        assert_eq!(s[0].subtree, "### One\nfirst\n### Two\nsecond");
        assert_eq!(s[1].body, "first");
    }

    #[test]
    fn lines_are_one_based_and_body_offsets_point_into_the_text() {
        let md = "intro\n\n# A\n\nbody of a\n";
        let s = split(md, "g");
        assert_eq!((s[0].level, s[0].title.as_str(), s[0].line), (0, "g", 1));
        assert_eq!(s[1].line, 3);
        assert_eq!(
            &md[s[1].body_offset..s[1].body_offset + s[1].body.len()],
            "body of a"
        );
    }

    #[test]
    fn an_empty_heading_gets_a_title() {
        assert_eq!(titles("#\n")[0].1, "Untitled");
    }

    #[test]
    fn unclosed_fence_runs_to_the_end() {
        let md = "# A\n```python\n# inside\n## inside too\n";
        assert_eq!(titles(md).len(), 1);
    }

    #[test]
    fn bundled_guides_have_their_headings() {
        let (guides, _) = crate::guides::GuideSources::default().load();
        let headings: usize = guides
            .iter()
            .map(|g| {
                split(&g.text, "g")
                    .into_iter()
                    .filter(|s| s.level > 0)
                    .count()
            })
            .sum();
        assert_eq!(headings, 756);
    }
}
