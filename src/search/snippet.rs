//! One-line snippets of a document around the words a query matched.
//! Pure: the caller says which words match.

/// The text of a Markdown body as one line of prose: fence lines dropped,
/// markup removed (heading and list markers, emphasis, table bars,
/// backticks), whitespace collapsed. Code is kept as written, in fences
/// (it is often the answer) and in backticks: `*args`, `x ** 2` and
/// `# comment` keep their characters.
pub fn plain_text(markdown: &str) -> String {
    // escape sequences go whole, not their control character alone
    let markdown = &*crate::safe::clean(markdown);
    let mut out = String::with_capacity(markdown.len());
    // the fence that opened the code block we are in: ``` or ~~~, and its length
    let mut fence: Option<(char, usize)> = None;
    for line in markdown.lines() {
        let t = line.trim();
        let marker = t.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| t.chars().take_while(|c| *c == m).count());
        match (fence, marker) {
            (None, Some(m)) if run >= 3 => {
                fence = Some((m, run));
                continue;
            }
            (Some((f, n)), Some(m)) if m == f && run >= n && t.chars().all(|c| c == m) => {
                fence = None;
                continue;
            }
            _ => {}
        }
        if fence.is_some() {
            out.extend(t.chars().map(|c| if c.is_control() { ' ' } else { c }));
            out.push(' ');
            continue;
        }
        if t.chars().all(|c| "-|:=*_ ".contains(c)) {
            continue;
        }
        push_prose(without_block_markers(t), &mut out);
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line without its heading, quote and list markers (`## `, `> `, `- `,
/// `* `, `1. `), which are followed by a space; `*args` at the start of a
/// line is not a list marker.
fn without_block_markers(mut t: &str) -> &str {
    loop {
        let before = t;
        t = t.trim_start_matches('#').trim_start();
        for marker in ["> ", ">", "- ", "* ", "+ "] {
            if let Some(rest) = t.strip_prefix(marker) {
                t = rest.trim_start();
            }
        }
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        if digits > 0
            && let Some(rest) = t[digits..]
                .strip_prefix(". ")
                .or_else(|| t[digits..].strip_prefix(") "))
        {
            t = rest.trim_start();
        }
        if t == before {
            return t;
        }
    }
}

/// Prose with its inline markup removed: code spans kept as written,
/// emphasis stars and table bars dropped outside them.
fn push_prose(line: &str, out: &mut String) {
    let mut in_code = false;
    for c in line.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(' ');
            }
            c if c.is_control() => out.push(' '),
            '*' | '|' if !in_code => out.push(' '),
            c => out.push(c),
        }
    }
}

/// The stretch of `text` of about `width` words that holds the most
/// distinct matching words (earliest on ties), with `…` where it was cut.
pub fn best_window(text: &str, width: usize, is_match: impl Fn(&str) -> bool) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    let width = width.max(1);
    let keys: Vec<Option<String>> = words
        .iter()
        .map(|w| {
            let key: String = w
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
                .to_lowercase();
            (!key.is_empty() && is_match(&key)).then_some(key)
        })
        .collect();
    let mut best = (0usize, 0usize); // (distinct matches, start)
    for start in 0..words.len().saturating_sub(width - 1).max(1) {
        let end = (start + width).min(words.len());
        let mut seen: Vec<&str> = Vec::new();
        for k in keys[start..end].iter().flatten() {
            if !seen.contains(&k.as_str()) {
                seen.push(k);
            }
        }
        if seen.len() > best.0 {
            best = (seen.len(), start);
        }
    }
    // Start a little before the first match so that it has context.
    let first_match = (best.1..words.len())
        .find(|&i| keys[i].is_some())
        .unwrap_or(best.1);
    let start = first_match.saturating_sub(width / 4);
    let end = (start + width).min(words.len());
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(&words[start..end].join(" "));
    if end < words.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup() {
        let md = "## Title\n\n- **Purpose**: prevents `races`\n\n```python\nx = 1\n```\n| a | b |\n|---|---|\n";
        assert_eq!(plain_text(md), "Title Purpose : prevents races x = 1 a b");
    }

    #[test]
    fn code_keeps_its_characters() {
        let md = "Use `*args`:\n\n```python\ndef sum_all(*args):\n    # add them\n    return sum(args)\nsquare = lambda x: x ** 2\n```\n* *args collects **positional** ones\n";
        assert_eq!(
            plain_text(md),
            "Use *args : def sum_all(*args): # add them return sum(args) square = lambda x: x ** 2 args collects positional ones"
        );
    }

    #[test]
    fn a_fence_inside_a_longer_fence_is_code() {
        let md = "````markdown\n```python\nx = 1\n```\n````\nafter";
        assert_eq!(plain_text(md), "```python x = 1 ``` after");
    }

    #[test]
    fn the_window_holds_the_most_matches() {
        let text = "one two three gil four five six seven lock gil eight nine ten";
        let s = best_window(text, 4, |w| w == "gil" || w == "lock");
        assert!(s.contains("lock gil"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'));
    }

    #[test]
    fn short_texts_are_whole() {
        assert_eq!(
            best_window("just a few words", 10, |_| false),
            "just a few words"
        );
        assert_eq!(best_window("", 10, |_| true), "");
    }
}
