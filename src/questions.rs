//! Finds the interview questions written inside a guide, with their answers.
//!
//! The guides phrase questions in several ways; each is recognised by its
//! shape, never by its wording in a particular guide:
//!
//! - a heading that is a question: `### What is GIL?`, `#### 2. "Explain …"`
//!   (see [`heading_question`]; the section itself becomes the question);
//! - a list item whose first line is a question and whose rest answers it:
//!   `- **Q:** …` over `  - **A:** …`, `* "What …?"` over `  - Answer: …`,
//!   `1. **What is PEP 8?**` over `   - Answer: …`;
//! - a paragraph opening with `Q:` (`**Q: … ?**`), answered by what follows
//!   up to the next question or rule (`A: …`, lists, code);
//! - a numbered series of comments in a code block (`# 1. What is …?`), each
//!   answered by the code under it.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::text::markdown_options;
use crate::text::{
    cap_title, dedent, inline_text, squash_whitespace, strip_list_marker, trim_blank_lines,
};

/// A question found in a section's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question, without numbering, quotes, `Q:` or Markdown.
    pub title: String,
    /// The answer, as Markdown.
    pub answer: String,
    /// Byte offset of the question in the body it was found in.
    pub offset: usize,
}

/// Words that open a question or an interview task even without a
/// question mark ("How Generators Work", "Explain Scope: LEGB Rule").
/// Auxiliaries ("Is", "Can", "Does") open questions only when a `?` ends them:
/// "Is Operator (Identity)" is a topic.
const QUESTION_OPENERS: &[&str] = &[
    "what",
    "what's",
    "whats",
    "how",
    "why",
    "when",
    "where",
    "which",
    "who",
    "whose",
    "explain",
    "describe",
    "compare",
    "implement",
    "write",
    "define",
    "find",
    "difference",
    "differences",
];

/// The question a heading asks, cleaned up, or `None` when the heading is a
/// topic rather than a question.
pub fn heading_question(title: &str) -> Option<String> {
    let (text, marked) = clean_question(title);
    (marked || looks_like_question(&text)).then_some(text)
}

/// Removes an answer label (`**Answer:**`, `A:`, `- **A:**`) from the start
/// of an answer.
pub fn strip_answer_label(answer: &str) -> &str {
    let mut s = answer.trim_start();
    // A label may sit on a list item of its own: `- Answer: …`.
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(marker)
            && answer_label_len(rest).is_some()
        {
            s = rest;
            break;
        }
    }
    match answer_label_len(s) {
        Some(n) => s[n..]
            .trim_start_matches([' ', '\t'])
            .trim_start_matches(['\r', '\n']),
        None => answer,
    }
}

fn answer_label_len(s: &str) -> Option<usize> {
    const LABELS: &[&str] = &[
        "**Answer:**",
        "**Answer**:",
        "**A:**",
        "**A**:",
        "*Answer:*",
        "Answer:",
        "A:",
    ];
    LABELS.iter().find(|l| s.starts_with(*l)).map(|l| l.len())
}

/// Strips numbering, quotes and `Q:` from a question; the flag says whether
/// the text carried an explicit question mark-up (`Q:` or quotes).
fn clean_question(raw: &str) -> (String, bool) {
    let mut s = squash_whitespace(raw);
    let mut marked = false;
    loop {
        let before = s.len();
        let t = s.trim_start_matches(|c: char| c.is_ascii_digit());
        if t.len() < s.len() && (t.starts_with(". ") || t.starts_with(") ")) {
            s = t[2..].to_string();
        }
        for prefix in ["Q:", "Q.", "Question:"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start().to_string();
                marked = true;
            }
        }
        if let Some(rest) = s.strip_prefix('Q')
            && let Some(after) = rest
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .strip_prefix([':', '.'])
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            s = after.trim_start().to_string();
            marked = true;
        }
        let unquoted = strip_quotes(&s);
        if unquoted.len() < s.len() {
            s = unquoted.to_string();
            marked = true;
        }
        if s.len() == before {
            break;
        }
    }
    (cap_title(s.trim().to_string()), marked)
}

fn strip_quotes(s: &str) -> &str {
    let s = s.trim();
    for (open, close) in [('"', '"'), ('“', '”'), ('\'', '\'')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close))
            && !inner.trim().is_empty()
        {
            return inner.trim();
        }
    }
    s
}

fn looks_like_question(text: &str) -> bool {
    if text.trim_end().ends_with('?') {
        return true;
    }
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ':'])
        .to_lowercase()
        .replace('’', "'");
    QUESTION_OPENERS.contains(&first.as_str())
}

/// Every question written inside `body`, in order.
pub fn extract(body: &str) -> Vec<Question> {
    let blocks = blocks(body);
    let mut out = Vec::new();
    list_questions(body, &blocks.items, &mut out);
    paragraph_questions(body, &blocks.top, &mut out);
    code_comment_questions(body, &blocks.code, &mut out);
    out.sort_by_key(|q| q.offset);
    out
}

#[derive(Debug)]
enum TopKind {
    Paragraph,
    Rule,
    Other,
}

#[derive(Debug)]
struct TopBlock {
    kind: TopKind,
    range: Range<usize>,
}

#[derive(Debug)]
struct Item {
    range: Range<usize>,
    depth: usize,
}

#[derive(Default)]
struct Blocks {
    top: Vec<TopBlock>,
    items: Vec<Item>,
    code: Vec<Range<usize>>,
}

/// The block structure the question shapes need: top-level blocks, list
/// items with their nesting depth, and the content of fenced code blocks.
fn blocks(body: &str) -> Blocks {
    let mut b = Blocks::default();
    let mut depth = 0usize; // nesting of container blocks
    let mut item_depth = 0usize;
    let mut code_start: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let kind = match tag {
                        Tag::Paragraph => TopKind::Paragraph,
                        _ => TopKind::Other,
                    };
                    b.top.push(TopBlock {
                        kind,
                        range: range.clone(),
                    });
                }
                match tag {
                    Tag::Item => {
                        b.items.push(Item {
                            range: range.clone(),
                            depth: item_depth,
                        });
                        item_depth += 1;
                    }
                    Tag::CodeBlock(CodeBlockKind::Fenced(_)) => code_start = Some(range.start),
                    _ => {}
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                match tag {
                    TagEnd::Item => item_depth = item_depth.saturating_sub(1),
                    TagEnd::CodeBlock => {
                        if let Some(start) = code_start.take() {
                            b.code.push(start..range.end);
                        }
                    }
                    _ => {}
                }
            }
            Event::Rule if depth == 0 => b.top.push(TopBlock {
                kind: TopKind::Rule,
                range,
            }),
            _ if depth == 0 => b.top.push(TopBlock {
                kind: TopKind::Other,
                range,
            }),
            _ => {}
        }
    }
    b
}

/// `- **Q:** …` / `* "…?"` / `1. **…?**` items whose remaining lines answer them.
fn list_questions(body: &str, items: &[Item], out: &mut Vec<Question>) {
    let mut answered: Vec<Range<usize>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if answered
            .iter()
            .any(|r| r.start <= item.range.start && item.range.end <= r.end)
        {
            continue; // the answer of a question found above
        }
        let src = &body[item.range.clone()];
        let (first_line, rest) = src.split_once('\n').unwrap_or((src, ""));
        let lead = strip_list_marker(first_line);
        let text = inline_text(lead);
        let (title, marked) = clean_question(&text);
        if title.is_empty() || !(marked || is_bold(lead) && looks_like_question(&title)) {
            continue;
        }
        let mut answer = strip_answer_label(&dedent(rest)).trim().to_string();
        let mut end = item.range.end;
        if answer.is_empty() {
            // `- **Q:** …` answered by the next item of the same list: `- **A:** …`.
            if let Some(next) = items.get(i + 1).filter(|n| n.depth == item.depth) {
                let next_src = strip_list_marker(&body[next.range.clone()]);
                if answer_label_len(next_src.trim_start()).is_some() {
                    answer = strip_answer_label(&dedent(next_src)).trim().to_string();
                    end = next.range.end;
                }
            }
        }
        if answer.is_empty() {
            continue;
        }
        answered.push(item.range.start..end);
        out.push(Question {
            title,
            answer,
            offset: item.range.start,
        });
    }
}

/// Paragraphs opening with `Q:`, answered by what follows them.
fn paragraph_questions(body: &str, top: &[TopBlock], out: &mut Vec<Question>) {
    let is_q = |b: &TopBlock| {
        let line = first_line(&body[b.range.clone()]);
        matches!(b.kind, TopKind::Paragraph)
            && line.trim_start_matches(['*', '_', ' ']).starts_with('Q')
            && clean_question(&inline_text(line)).1
    };
    for (i, block) in top.iter().enumerate() {
        if !is_q(block) {
            continue;
        }
        let src = &body[block.range.clone()];
        let (title, _) = clean_question(&inline_text(first_line(src)));
        let answer_start = block.range.start + first_line(src).len();
        let answer_end = top[i + 1..]
            .iter()
            .find(|b| is_q(b) || matches!(b.kind, TopKind::Rule))
            .map_or(body.len(), |b| b.range.start);
        let answer = strip_answer_label(trim_blank_lines(
            &body[answer_start..answer_end.max(answer_start)],
        ));
        if title.is_empty() || answer.trim().is_empty() {
            continue;
        }
        out.push(Question {
            title,
            answer: answer.trim().to_string(),
            offset: block.range.start,
        });
    }
}

/// A numbered series of comments in a code block, most of them questions:
/// each item is a question answered by the code under it.
fn code_comment_questions(body: &str, code: &[Range<usize>], out: &mut Vec<Question>) {
    for range in code {
        let src = &body[range.clone()];
        let Some((fence_line, _)) = src.split_once('\n') else {
            continue;
        };
        let fence = fence_line.trim_start();
        let lang = fence.trim_start_matches(['`', '~']).trim();
        // (offset in src, title) of every `# N. …` line
        let mut items: Vec<(usize, String)> = Vec::new();
        let mut pos = 0;
        for line in src.split_inclusive('\n') {
            if let Some(rest) = line.trim().strip_prefix("# ") {
                let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                if digits.len() < rest.len() && digits.starts_with(". ") {
                    items.push((pos, digits[2..].trim().to_string()));
                }
            }
            pos += line.len();
        }
        let questions = items.iter().filter(|(_, t)| looks_like_question(t)).count();
        if items.len() < 3 || questions * 2 < items.len() {
            continue;
        }
        let code_end = src.trim_end().rfind('\n').unwrap_or(src.len());
        for (k, (start, title)) in items.iter().enumerate() {
            let end = items.get(k + 1).map_or(code_end, |(next, _)| *next);
            let snippet = src[*start..end.max(*start)].trim_end();
            out.push(Question {
                title: title.clone(),
                answer: format!("```{lang}\n{snippet}\n```"),
                offset: range.start + start,
            });
        }
    }
}

fn first_line(s: &str) -> &str {
    s.split('\n').next().unwrap_or("")
}

fn is_bold(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("**") && s.ends_with("**")) || (s.starts_with("__") && s.ends_with("__"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(md: &str) -> Vec<String> {
        extract(md).into_iter().map(|q| q.title).collect()
    }

    #[test]
    fn question_headings_are_recognised_and_cleaned() {
        assert_eq!(
            heading_question("What is GIL? How Does it Affect Performance?").as_deref(),
            Some("What is GIL? How Does it Affect Performance?")
        );
        assert_eq!(
            heading_question("2. \"Explain Python's GIL (Global Interpreter Lock)\"").as_deref(),
            Some("Explain Python's GIL (Global Interpreter Lock)")
        );
        assert_eq!(
            heading_question("Q3: Why tuples?").as_deref(),
            Some("Why tuples?")
        );
        assert_eq!(
            heading_question("46. How to implement unit testing in Python?").as_deref(),
            Some("How to implement unit testing in Python?")
        );
        assert_eq!(
            heading_question("“Implement a queue using two stacks”").as_deref(),
            Some("Implement a queue using two stacks")
        );
    }

    #[test]
    fn topic_headings_are_not_questions() {
        for title in [
            "Decorators",
            "28. Design Patterns",
            "is Operator (Identity)",
            "Lists",
            "Best Practices",
        ] {
            assert_eq!(heading_question(title), None, "{title}");
        }
    }

    #[test]
    fn answer_labels_are_stripped() {
        assert_eq!(
            strip_answer_label("**Answer:**\n- The GIL is a mutex"),
            "- The GIL is a mutex"
        );
        assert_eq!(strip_answer_label("A: yes"), "yes");
        assert_eq!(
            strip_answer_label("- Answer: Lists are mutable"),
            "Lists are mutable"
        );
        assert_eq!(strip_answer_label("No label here"), "No label here");
    }

    #[test]
    fn q_and_a_list_items() {
        let md = "- **Q:** How does asyncio differ from threading?\n  - **A:** asyncio uses one thread.\n- **Q:** What is the event loop?\n  - **A:** It schedules coroutines.\n";
        let qs = extract(md);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].title, "How does asyncio differ from threading?");
        assert_eq!(qs[0].answer, "asyncio uses one thread.");
        assert_eq!(qs[1].answer, "It schedules coroutines.");
        assert_eq!(qs[1].offset, md.find("- **Q:** What").unwrap());
    }

    #[test]
    fn q_and_a_as_sibling_items() {
        let qs = extract("- **Q:** Why?\n- **A:** Because.\n- **Q:** How?\n- **A:** Like this.\n");
        assert_eq!(
            qs.iter()
                .map(|q| (q.title.as_str(), q.answer.as_str()))
                .collect::<Vec<_>>(),
            [("Why?", "Because."), ("How?", "Like this.")]
        );
    }

    #[test]
    fn bold_q_paragraph_answered_by_following_blocks() {
        let md = "**Q: What's the difference between list and tuple?**\nA: \n- **List**: mutable\n- **Tuple**: immutable\n\n**Q: What are *args and **kwargs?**\n```python\ndef f(*args, **kwargs): ...\n```\n\n---\n\nUnrelated text.\n";
        let qs = extract(md);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].title, "What's the difference between list and tuple?");
        assert_eq!(qs[0].answer, "- **List**: mutable\n- **Tuple**: immutable");
        assert_eq!(qs[1].title, "What are *args and **kwargs?");
        assert!(qs[1].answer.starts_with("```python"));
        assert!(!qs[1].answer.contains("Unrelated"));
    }

    #[test]
    fn quoted_list_items_with_nested_answers() {
        let md = "* **Interview Questions:**\n    * \"Explain the differences between lists and tuples.\"\n      - Answer: Lists are mutable.\n    * \"When would you use a set?\"\n      - Answer: For membership tests.\n";
        let qs = extract(md);
        assert_eq!(
            titles(md),
            [
                "Explain the differences between lists and tuples.",
                "When would you use a set?"
            ]
        );
        assert_eq!(qs[0].answer, "Lists are mutable.");
    }

    #[test]
    fn numbered_bold_questions_with_answers() {
        let md = "1. **What is PEP 8?**\n   - Answer: The style guide.\n\n2. **How is Python interpreted?**\n   - Answer: Bytecode on a VM.\n";
        assert_eq!(titles(md), ["What is PEP 8?", "How is Python interpreted?"]);
    }

    #[test]
    fn list_items_that_are_not_questions_are_ignored() {
        let md = "- **Purpose**: prevents races\n- Use `threading` for I/O\n  - nested detail\n1. **Use Built-in Functions**\n   - they are fast\n- \"quoted but unanswered?\"\n";
        assert!(extract(md).is_empty());
    }

    #[test]
    fn numbered_question_comments_in_code() {
        let md = "```python\n# 1. What is the difference between list and tuple?\n# Lists are mutable\n\n# 2. Explain *args and **kwargs\ndef f(*args, **kwargs): pass\n\n# 3. Context managers\nclass M: pass\n```\n";
        let qs = extract(md);
        assert_eq!(
            qs.iter().map(|q| q.title.as_str()).collect::<Vec<_>>(),
            [
                "What is the difference between list and tuple?",
                "Explain *args and **kwargs",
                "Context managers"
            ]
        );
        assert_eq!(
            qs[1].answer,
            "```python\n# 2. Explain *args and **kwargs\ndef f(*args, **kwargs): pass\n```"
        );
    }

    #[test]
    fn numbered_comments_that_are_not_questions_stay_code() {
        let md = "```python\n# 1. Faster loading\n# 2. Source code protection\n# 3. Reduced startup time\n```\n";
        assert!(extract(md).is_empty());
    }

    #[test]
    fn bundled_guides_hold_well_over_a_hundred_questions() {
        let taxonomy = crate::classify::Taxonomy::bundled().unwrap();
        let (guides, _) = crate::guides::GuideSources::default().load();
        let docs = crate::corpus::all_documents(&guides, &taxonomy);
        let questions = docs
            .iter()
            .filter(|d| d.kind == crate::document::Kind::Question)
            .count();
        assert!(questions > 150, "{questions} questions");
        assert!(
            docs.iter()
                .filter(|d| d.kind == crate::document::Kind::Question)
                .all(|d| !d.body.trim().is_empty())
        );
    }
}
