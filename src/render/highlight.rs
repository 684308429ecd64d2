//! Marks the words a query matched in a Markdown body, for the terminal
//! renderer. Marked words are wrapped in `~~`, which the terminal skin draws
//! as a highlight; code (fenced blocks and inline spans) is left as is.

use std::collections::HashSet;

/// `markdown` with every prose word whose lowercase form is in `words`
/// wrapped in `~~`.
pub fn mark(markdown: &str, words: &HashSet<String>) -> String {
    if words.is_empty() {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len() + 64);
    let mut fence: Option<String> = None;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        if marker.len() >= 3
            && marker
                .chars()
                .all(|c| c == marker.chars().next().unwrap_or('`'))
        {
            match &fence {
                Some(open)
                    if marker.starts_with(open.as_str())
                        && trimmed[marker.len()..].trim().is_empty() =>
                {
                    fence = None
                }
                None => fence = Some(marker),
                _ => {}
            }
            out.push_str(line);
            continue;
        }
        if fence.is_some() || line.starts_with("    ") || line.starts_with('\t') {
            out.push_str(line);
            continue;
        }
        mark_line(line, words, &mut out);
    }
    out
}

fn mark_line(line: &str, words: &HashSet<String>, out: &mut String) {
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            rest = &rest[1..];
        } else if (c.is_alphanumeric() || c == '_') && !in_code {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            if words.contains(&word.to_lowercase()) {
                out.push_str("~~");
                out.push_str(word);
                out.push_str("~~");
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn prose_words_are_marked_case_insensitively() {
        assert_eq!(
            mark("The GIL is a lock.", &set(&["gil", "lock"])),
            "The ~~GIL~~ is a ~~lock~~."
        );
    }

    #[test]
    fn code_is_never_marked() {
        let md = "Use `gil` here.\n```python\ngil = 1\n```\n    gil indented\nThe gil.";
        assert_eq!(
            mark(md, &set(&["gil"])),
            "Use `gil` here.\n```python\ngil = 1\n```\n    gil indented\nThe ~~gil~~."
        );
    }

    #[test]
    fn parts_of_words_are_not_marked() {
        assert_eq!(
            mark("gilded lock_free", &set(&["gil", "lock"])),
            "gilded lock_free"
        );
    }
}
