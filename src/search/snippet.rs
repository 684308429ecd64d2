//! One-line snippets of a document around the words a query matched.
//! Pure: the caller says which words match.

/// The text of a Markdown body as one line of prose: fence lines dropped,
/// markup characters removed, whitespace collapsed. Code inside fences is
/// kept (it is often the answer), joined like prose.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") || t.chars().all(|c| "-|:=*_ ".contains(c))
        {
            continue;
        }
        let t = t.trim_start_matches(['#', '>', '-', '*', '+', ' ']);
        for c in t.chars() {
            match c {
                '`' | '*' | '|' | '#' => out.push(' '),
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
