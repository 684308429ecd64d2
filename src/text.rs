//! Small text helpers shared by the stages that read guide text: the
//! Markdown extensions, slugs, line numbers, inline-Markdown stripping.
//! Pure functions of strings.

use std::collections::HashMap;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Markdown extensions the guides use; shared by every stage that parses
/// them (splitting, questions, drawing code blocks).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Maps byte offsets of a text to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// The slug of a title with no letters or digits.
pub const EMPTY_SLUG: &str = "section";

/// Slugs longer than this (in characters) are shortened, so that an id
/// fits on a row of a 60-column terminal after its guide's name: first by
/// leaving out the words that every question has, then by cutting at a
/// word boundary.
pub const MAX_SLUG: usize = 40;

/// Words that say little in an id: question wording and glue. Left out of
/// slugs that would otherwise be longer than [`MAX_SLUG`].
const SLUG_FILLER: &[&str] = &[
    "a", "an", "and", "are", "between", "can", "do", "does", "for", "how", "in", "is", "it", "of",
    "or", "python", "s", "the", "to", "what", "when", "which", "why", "with", "would", "you",
    "your",
];

/// A URL- and shell-friendly slug: lowercase letters and digits joined by `-`.
/// Non-ASCII letters are kept (lowercased); everything else separates words.
/// At most [`MAX_SLUG`] characters (see there).
pub fn slug(title: &str) -> String {
    // escape sequences are not words (`\x1b[31m` leaves no `31m`)
    let title = crate::safe::spaced(title);
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let length = |words: &[String]| {
        words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len().saturating_sub(1)
    };
    if length(&words) > MAX_SLUG {
        let content: Vec<String> = words
            .iter()
            .filter(|w| !SLUG_FILLER.contains(&w.as_str()))
            .cloned()
            .collect();
        if !content.is_empty() {
            words = content;
        }
    }
    let mut out = String::new();
    for w in &words {
        let extra = usize::from(!out.is_empty()) + w.chars().count();
        if out.chars().count() + extra > MAX_SLUG {
            if out.is_empty() {
                // one word longer than a whole slug
                out.extend(w.chars().take(MAX_SLUG));
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out.push_str(EMPTY_SLUG);
    }
    out
}

/// Hands out slugs that are unique within one guide: `gil`, `gil-2`, `gil-3`.
#[derive(Default)]
pub struct SlugSet {
    seen: HashMap<String, usize>,
}

impl SlugSet {
    pub fn unique(&mut self, title: &str) -> String {
        let base = slug(title);
        let mut candidate = base.clone();
        loop {
            let count = self.seen.entry(candidate.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                return candidate;
            }
            let n = *count;
            // `gil-2` may itself be a heading's slug; keep counting until free.
            candidate = format!("{base}-{n}");
            if !self.seen.contains_key(&candidate) {
                self.seen.insert(candidate.clone(), 1);
                return candidate;
            }
        }
    }
}

/// The plain text of one line of inline Markdown: emphasis, code spans and
/// links reduced to their text.
pub fn inline_text(markdown: &str) -> String {
    let mut s = markdown.trim();
    // A line wrapped in bold is unwrapped by hand so that `*args` and
    // `**kwargs` inside it are not mistaken for emphasis; `**a** and **b**`
    // (a closing marker followed by a space inside) is left to the parser.
    for marker in ["**", "__"] {
        if let Some(inner) = s.strip_prefix(marker).and_then(|r| r.strip_suffix(marker))
            && !inner.contains(&format!("{marker} "))
        {
            s = inner;
        }
    }
    let mut plain = PlainInline::default();
    for (event, range) in Parser::new(s).into_offset_iter() {
        plain.event(&event, range, s);
    }
    plain.finish()
}

/// Collects the plain text of inline Markdown events.
///
/// Underscore emphasis keeps its underscores: in Python guides `__init__`
/// is a name, not the word "init" in bold.
#[derive(Default)]
pub struct PlainInline {
    text: String,
    markers: Vec<&'static str>,
}

impl PlainInline {
    /// Takes one event and its source range in `source`.
    pub fn event(&mut self, event: &Event, range: Range<usize>, source: &str) {
        match event {
            Event::Text(t) | Event::Code(t) => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::Start(tag @ (Tag::Strong | Tag::Emphasis)) => {
                let src = source.get(range.start..).unwrap_or("");
                let marker = match tag {
                    Tag::Strong if src.starts_with("__") => "__",
                    Tag::Emphasis if src.starts_with('_') => "_",
                    _ => "",
                };
                self.text.push_str(marker);
                self.markers.push(marker);
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                self.text.push_str(self.markers.pop().unwrap_or(""));
            }
            _ => {}
        }
    }

    pub fn finish(self) -> String {
        squash_whitespace(&self.text)
    }
}

/// Titles longer than this many characters are cut (with `…`): a title is
/// a line, however long the heading someone wrote.
pub const MAX_TITLE_CHARS: usize = 200;

/// `title` cut to [`MAX_TITLE_CHARS`].
pub fn cap_title(title: String) -> String {
    match title.char_indices().nth(MAX_TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", title[..cut].trim_end()),
        None => title,
    }
}

/// Collapses runs of whitespace into single spaces and trims the ends.
pub fn squash_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes the common leading indentation of all non-blank lines.
pub fn dedent(s: &str) -> String {
    let indent = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        out.push_str(line.get(indent..).unwrap_or(line.trim_start()));
        out.push('\n');
    }
    out
}

/// A Markdown body cut for searching: its words and its code apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyParts {
    /// The prose, and the comments of the code blocks
    /// (`# Enumerate for index and value`): words that explain.
    pub words: String,
    /// The lines of the fenced code blocks (fences excluded), without
    /// their comments.
    pub code: String,
    /// The lines of prose that say something (see `prose_bytes`) and the
    /// comments of the code: what the body says of a word, not what it
    /// only names in a list of names (`- **bisect module**`).
    pub sentences: String,
    /// How much the body explains in words, in bytes: the lines of prose,
    /// outside code blocks, that say something (at least
    /// [`EXPLAINING_WORDS`] words; a list of bare names explains nothing),
    /// and [`COMMENT_SHARE`] of the comments of its code that do.
    pub prose_bytes: usize,
    /// The word each sentence of the prose and each code comment opens
    /// with, an article passed over: what it says something of (`A mixin
    /// is …`, `- **Mixins:** reusable …`), not what it names on the way
    /// (`… prevents race conditions`).
    pub leads: String,
}

/// How much a byte of a code comment that says something explains,
/// against a byte of prose: an example whose comments say what its steps do
/// (`# Custom exception classes should inherit from Exception`) explains
/// more than bare code, less than sentences; a label (`# Array creation`)
/// explains nothing, as a list of names does not. On the judgement sets,
/// any share from 0.6 to 0.75 put 6 to 7 more of the 399 covered questions
/// first and 1 fewer (an example now comes before a one-line answer of a
/// question list); 0.5 gained less, 0.9 and more buried prose answers
/// under commented code, and counting labels too lost a shared real
/// question. A comment's words are counted as a line's are, numbers too, so
/// printed output (`# [1, 2, 3, 4]`) counts: counting only words of
/// letters lost a blind question and gained none.
pub const COMMENT_SHARE: f32 = 0.6;

/// A line of prose explains when it has at least this many words:
/// `- **namedtuple**: Tuple with named fields` does, `- deque` does not.
pub const EXPLAINING_WORDS: usize = 4;

/// Cuts a Markdown body into its words and its code. Line-based, so that
/// indexing stays cheap.
pub fn body_parts(markdown: &str) -> BodyParts {
    let mut parts = BodyParts::default();
    // the fence that opened the current code block: its character and length
    let mut fence: Option<(char, usize)> = None;
    for line in markdown.lines() {
        let t = line.trim_start();
        let marker = t.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| t.chars().take_while(|c| *c == m).count());
        match (fence, marker) {
            (None, Some(m)) if run >= 3 => fence = Some((m, run)),
            (Some((m, n)), Some(c)) if c == m && run >= n && t[run..].trim().is_empty() => {
                fence = None
            }
            (Some(_), _) => {
                let (statement, comment) = split_comment(line);
                parts.code.push_str(statement);
                parts.code.push('\n');
                if !comment.is_empty() {
                    parts.words.push_str(comment);
                    parts.words.push('\n');
                    // an example's comment says what its line does
                    // (`# Enumerate for index and value`), however short
                    parts.sentences.push_str(comment);
                    parts.sentences.push('\n');
                    if says_something(comment) {
                        parts.prose_bytes += (comment.len() as f32 * COMMENT_SHARE) as usize;
                        push_leads(comment, &mut parts.leads);
                    }
                }
            }
            (None, _) => {
                parts.words.push_str(line);
                parts.words.push('\n');
                if says_something(line) {
                    parts.prose_bytes += line.trim().len();
                    parts.sentences.push_str(line);
                    parts.sentences.push('\n');
                    push_leads(line, &mut parts.leads);
                }
            }
        }
    }
    parts
}

/// Words that open a sentence without being what it is about.
const ARTICLES: &[&str] = &["a", "an", "the"];
/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "vs", "cf", "approx", "mr", "dr"];

/// Appends the word each sentence of a line that says something opens
/// with (see [`BodyParts::leads`]), one per line; a row of a table names
/// things, it says nothing of them. A sentence ends at `.`, `?` or `!`
/// before a space and a word not in lowercase, unless the stop is an
/// abbreviation's (`e.g. The`).
fn push_leads(line: &str, leads: &mut String) {
    let line = strip_list_marker(line);
    if line.starts_with('|') {
        return;
    }
    let ends_sentence = |i: usize| {
        let rest = &line[i + 1..];
        let next = rest.trim_start().chars().next();
        let word = line[..i].rsplit(char::is_whitespace).next().unwrap_or("");
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        rest.starts_with(char::is_whitespace)
            && next.is_some_and(|c| !c.is_lowercase())
            && !ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
    };
    let mut start = 0;
    let mut ends: Vec<usize> = line
        .char_indices()
        .filter(|&(i, c)| matches!(c, '.' | '?' | '!') && ends_sentence(i))
        .map(|(i, _)| i + 1)
        .collect();
    ends.push(line.len());
    for end in ends {
        let mut words = line[start..end]
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty());
        let lead = match words.next() {
            Some(w) if ARTICLES.iter().any(|a| w.eq_ignore_ascii_case(a)) => words.next(),
            other => other,
        };
        if let Some(word) = lead {
            leads.push_str(word);
            leads.push('\n');
        }
        start = end;
    }
}

/// Whether a line of prose says something: at least [`EXPLAINING_WORDS`]
/// words, its list marker (`-`, `2.`) and table bars not counted (`- Enums
/// (enum module)` names one thing).
fn says_something(line: &str) -> bool {
    strip_list_marker(line)
        .split_whitespace()
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .count()
        >= EXPLAINING_WORDS
}

/// A line without its leading indentation and list marker (`- `, `* `,
/// `+ `, `2. `, `2) `).
pub fn strip_list_marker(line: &str) -> &str {
    let t = line.trim_start();
    for m in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(m) {
            return rest;
        }
    }
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() < t.len() {
        for m in [". ", ") "] {
            if let Some(rest) = digits.strip_prefix(m) {
                return rest;
            }
        }
    }
    t
}

/// A line of code and its `#` comment (without the `#`), apart. A `#`
/// inside a string literal does not start a comment.
fn split_comment(line: &str) -> (&str, &str) {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') => return (&line[..i], line[i..].trim_start_matches('#').trim()),
            _ => {}
        }
        escaped = false;
    }
    (line, "")
}

/// Trims blank lines from both ends of a block of Markdown, keeping the
/// indentation of its first line.
pub fn trim_blank_lines(s: &str) -> &str {
    let start = s
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map(|(i, _)| s[..i].rfind('\n').map_or(0, |nl| nl + 1))
        .unwrap_or(s.len());
    s[start..].trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_from_one() {
        let idx = LineIndex::new("a\nbb\n\nc");
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(2), 2);
        assert_eq!(idx.line_of(4), 2);
        assert_eq!(idx.line_of(5), 3);
        assert_eq!(idx.line_of(6), 4);
    }

    #[test]
    fn slugs_are_lowercase_words() {
        assert_eq!(
            slug("What is the GIL? Explain it"),
            "what-is-the-gil-explain-it"
        );
        assert_eq!(slug("`__str__` vs `__repr__`"), "str-vs-repr");
        assert_eq!(slug("Café & crème"), "café-crème");
        assert_eq!(slug("🚀 !!"), "section");
        assert_eq!(slug("evil\u{1b}[2J\u{1b}]0;pwned\u{7}title"), "evil-title");
    }

    #[test]
    fn long_slugs_leave_out_question_wording_then_whole_words() {
        assert_eq!(
            slug("What is the difference between a list and a tuple in Python?"),
            "difference-list-tuple"
        );
        let long = slug(
            "How would you implement a producer-consumer pattern using Python's queue module?",
        );
        assert_eq!(long, "implement-producer-consumer-pattern");
        assert!(long.chars().count() <= MAX_SLUG);
        assert_eq!(slug(&"x".repeat(100)).len(), MAX_SLUG);
        assert_eq!(
            slug("What is GIL? How Does it Affect Performance?"),
            "gil-affect-performance"
        );
        assert_eq!(
            slug("What is the difference between is and ==?"),
            "what-is-the-difference-between-is-and",
            "short enough as it is"
        );
    }

    #[test]
    fn slug_set_makes_duplicates_unique() {
        let mut set = SlugSet::default();
        assert_eq!(set.unique("Example"), "example");
        assert_eq!(set.unique("Example"), "example-2");
        assert_eq!(set.unique("Example 2"), "example-2-2");
        assert_eq!(set.unique("Example"), "example-3");
    }

    #[test]
    fn inline_text_drops_markup_only() {
        assert_eq!(
            inline_text("**Q:** What is `__init__`?"),
            "Q: What is __init__?"
        );
        assert_eq!(
            inline_text("**Q: What are *args and **kwargs?**"),
            "Q: What are *args and **kwargs?"
        );
        assert_eq!(
            inline_text("[PEP 8](https://peps.python.org) *style*"),
            "PEP 8 style"
        );
        assert_eq!(
            inline_text("**What is __init__.py used for?**"),
            "What is __init__.py used for?"
        );
        assert_eq!(inline_text("__str__ and __repr__"), "__str__ and __repr__");
    }

    #[test]
    fn long_titles_are_capped() {
        assert_eq!(cap_title("short".into()), "short");
        let long = cap_title("é".repeat(500));
        assert_eq!(long.chars().count(), MAX_TITLE_CHARS + 1);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn dedent_removes_common_indent() {
        assert_eq!(dedent("    a\n      b\n\n    c"), "a\n  b\n\nc\n");
    }

    #[test]
    fn a_line_says_something_in_four_words_not_counting_marks() {
        assert!(says_something("- **namedtuple**: Tuple with named fields"));
        assert!(!says_something("- Enums (enum module)"));
        assert!(!says_something("| list | [] | - |"));
        assert!(!says_something("2. Catch Multiple Exceptions"));
        assert!(says_something("2. Catch several exceptions at once"));
        assert!(says_something("Generators yield values lazily."));
    }

    #[test]
    fn commented_code_explains_more_than_bare_code() {
        let bare = "```python\nclass AppError(Exception):\n    pass\n```\n";
        let labelled = "```python\n# Custom exception\nclass AppError(Exception):\n    pass\n```\n";
        let commented = "```python\n# Custom exceptions inherit from Exception\nclass AppError(Exception):\n    pass\n```\n";
        assert_eq!(body_parts(bare).prose_bytes, 0);
        assert_eq!(body_parts(labelled).prose_bytes, 0);
        let comment = "Custom exceptions inherit from Exception".len() as f32;
        assert_eq!(
            body_parts(commented).prose_bytes,
            (comment * COMMENT_SHARE) as usize
        );
    }

    #[test]
    fn words_and_code_are_told_apart() {
        let md = "Text `zip()` is here.\n\n```python\nx = zip(a, b)  # pairs\n```\n- item\n  ~~~~\n  code\n  ```\n  still code\n  ~~~~\nafter";
        let parts = body_parts(md);
        assert_eq!(
            parts.words,
            "Text `zip()` is here.\n\npairs\n- item\nafter\n"
        );
        assert_eq!(parts.code, "x = zip(a, b)  \n  code\n  ```\n  still code\n");
        // the comment `pairs` is a label: it explains nothing
        assert_eq!(parts.prose_bytes, "Text `zip()` is here.".len());
        assert_eq!(parts.sentences, "Text `zip()` is here.\npairs\n");
        let parts = body_parts("```\nunclosed");
        assert_eq!(
            (parts.words.as_str(), parts.code.as_str()),
            ("", "unclosed\n")
        );
    }

    #[test]
    fn sentences_and_comments_are_led_by_their_first_word() {
        let md = "A mixin is a small class. It adds methods, e.g. The logger to log.\n\
                  - **Mixins:** reusable parts of classes\n\
                  - Name mangling\n\
                  | Potoroo | eats | fungi and roots on the forest floor |\n\
                  The GIL prevents race conditions in 3.12 too!\n\n\
                  ```python\nx = 1  # the answer to everything here\ny = 2  # label\n```\n";
        let parts = body_parts(md);
        let leads: Vec<&str> = parts.leads.lines().collect();
        assert_eq!(leads, ["mixin", "It", "Mixins", "GIL", "answer"]);
    }

    #[test]
    fn comments_are_cut_from_code() {
        assert_eq!(split_comment("s = '#no' # yes"), ("s = '#no' ", "yes"));
        assert_eq!(split_comment("s = \"a\\\"#b\""), ("s = \"a\\\"#b\"", ""));
        assert_eq!(
            split_comment("# 3. What is a decorator?"),
            ("", "3. What is a decorator?")
        );
    }

    #[test]
    fn trim_blank_lines_keeps_first_indent() {
        assert_eq!(trim_blank_lines("\n\n  code\n\n"), "  code");
        assert_eq!(trim_blank_lines(" \n"), "");
    }
}
