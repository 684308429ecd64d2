//! How text is cut into the words and code names pyq matches on. Pure
//! functions shared by indexing, classification and query analysis (and
//! by `build.rs`, which cuts the synonyms at build time): std only.

/// Lowercase words of an already lowercased text: letters, digits and `_`
/// (so `__init__` and `lru_cache` stay whole); everything else separates
/// words. Returns slices of the text.
pub fn words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Operators that are asked about by themselves (`is vs ==`, `:=`).
pub const OPERATORS: &[&str] = &["==", "!=", ":=", "->", "//", "**", "<=", ">=", "+=", "-="];

/// The code-shaped tokens of a text, lowercased: names with underscores
/// (`__slots__`, `lru_cache`), dotted names (`threading.lock`,
/// `concurrent.futures`), decorators (`@staticmethod`), star arguments
/// (`*args`, `**kwargs`) and operators standing alone (`==`, `:=`). Plain
/// words are not code tokens: the word analyzers cover them.
pub fn code_tokens(text: &str) -> Vec<String> {
    // Tokens never span white space, and most words of prose hold none of
    // the characters a code token needs: look only at the chunks that do.
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        if may_hold_code(chunk) {
            chunk_code_tokens(chunk, &mut out);
        }
    }
    out
}

/// A quick test that rules out most words of prose: a code token needs an
/// `_`, `@` or `*`, an operator, or a dot followed by a letter.
fn may_hold_code(chunk: &str) -> bool {
    let b = chunk.as_bytes();
    b.iter().any(|&c| matches!(c, b'_' | b'@' | b'*'))
        || b.windows(2).any(|w| {
            (w[0] == b'.' && w[1].is_ascii_alphabetic())
                || (matches!(w[0], b'=' | b'!' | b':' | b'<' | b'>' | b'+' | b'-' | b'/')
                    && matches!(w[1], b'=' | b'>' | b'/'))
        })
}

fn chunk_code_tokens(text: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let at = |i: usize| chars.get(i).copied();
    let mut i = 0;
    while i < chars.len() {
        let before = i.checked_sub(1).and_then(at);
        // `@name`, `*name`, `**name`: a prefix where a name may start
        let prefix = match (chars[i], at(i + 1)) {
            ('*', Some('*')) => 2,
            ('*', _) | ('@', _) => 1,
            _ => 0,
        };
        let prefix_allowed = before.is_none_or(|c| c.is_whitespace() || "([,`".contains(c));
        let name_start = i + prefix;
        if at(name_start).is_some_and(|c| c.is_alphabetic() || c == '_')
            && (prefix == 0 || prefix_allowed)
        {
            let mut j = name_start;
            while let Some(c) = at(j) {
                let dotted = c == '.' && at(j + 1).is_some_and(ident) && j > name_start;
                if ident(c) || dotted {
                    j += 1;
                } else {
                    break;
                }
            }
            let name: String = chars[name_start..j].iter().collect();
            let continues_a_word = before.is_some_and(ident) && prefix == 0;
            // `e.g` and `i.e` are abbreviations, not names
            let real_dots = name.split('.').all(|part| part.chars().count() > 1);
            // `**bold**` and `*emphasis*` are Markdown, not star arguments
            let emphasis = chars[i] == '*' && at(j) == Some('*');
            if !continues_a_word
                && real_dots
                && !emphasis
                && (prefix > 0 || name.contains(['_', '.']))
                && name.len() <= 64
            {
                out.push(chars[i..j].iter().collect::<String>().to_lowercase());
            }
            i = j.max(i + 1);
            continue;
        }
        if let Some(op) = OPERATORS
            .iter()
            .find(|op| op.chars().zip(&chars[i..]).filter(|(a, b)| a == *b).count() == op.len())
        {
            let after = at(i + op.len());
            let alone = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "`()".contains(c));
            if alone(before) && alone(after) {
                out.push((*op).to_string());
            }
            i += op.len();
            continue;
        }
        i += 1;
    }
}

/// The tokens of a lowercased query or synonym: words (letters, digits,
/// `_`) and operators (`==`, `:=`); other punctuation separates them.
pub fn query_tokens(lower: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = lower;
    while let Some(c) = rest.chars().next() {
        if c.is_alphanumeric() || c == '_' {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        } else if let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(*op)) {
            out.push(op.to_string());
            rest = &rest[op.len()..];
        } else {
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Edit distance with adjacent transpositions counting as one edit
/// (optimal string alignment), or `None` when it exceeds `max`.
pub fn typo_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        if bag_distance(a.as_bytes(), b.as_bytes()) > max {
            return None;
        }
        osa(a.as_bytes(), b.as_bytes(), max)
    } else {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        osa(&a, &b, max)
    }
}

/// A cheap lower bound of the edit distance: how many letters one word has
/// that the other lacks (as multisets), the larger of the two counts.
fn bag_distance(a: &[u8], b: &[u8]) -> usize {
    let mut counts = [0i32; 128];
    for &c in a {
        counts[usize::from(c & 0x7f)] += 1;
    }
    for &c in b {
        counts[usize::from(c & 0x7f)] -= 1;
    }
    let (mut extra, mut missing) = (0usize, 0usize);
    for n in counts {
        if n > 0 {
            extra += n as usize;
        } else {
            missing += (-n) as usize;
        }
    }
    extra.max(missing)
}

fn osa<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    // three rows of the dynamic programme: i-2, i-1, i
    let mut rows = vec![0usize; 3 * width];
    for (j, cell) in rows[width..2 * width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (before, cur) = rows.split_at_mut(2 * width);
        let (prev2, prev) = before.split_at(width);
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        rows.rotate_left(width);
    }
    Some(rows[width + b.len()]).filter(|&d| d <= max)
}

/// Typos allowed in a word of this many characters: none below 5, one
/// from 5, two from 9 (the Meilisearch rule).
pub fn typos_allowed(word: &str) -> usize {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_underscored_names() {
        assert_eq!(
            words("__init__.py, lru_cache & f-strings").collect::<Vec<_>>(),
            ["__init__", "py", "lru_cache", "f", "strings"]
        );
    }

    #[test]
    fn code_tokens_find_python_names_and_operators() {
        assert_eq!(code_tokens("__str__ vs __repr__"), ["__str__", "__repr__"]);
        assert_eq!(
            code_tokens("def f(*args, **kwargs):"),
            ["*args", "**kwargs"]
        );
        assert_eq!(
            code_tokens("@staticmethod vs @classmethod"),
            ["@staticmethod", "@classmethod"]
        );
        assert_eq!(
            code_tokens("use threading.Lock() and concurrent.futures."),
            ["threading.lock", "concurrent.futures"]
        );
        assert_eq!(code_tokens("is vs =="), ["=="]);
        assert_eq!(code_tokens("if (n := len(a)) > 10"), [":="]);
        assert_eq!(code_tokens("x ** 2 and a // b, x**2"), ["**", "//"]);
        assert_eq!(
            code_tokens("functools.lru_cache(maxsize=None)"),
            ["functools.lru_cache"]
        );
    }

    #[test]
    fn plain_words_and_prose_are_not_code_tokens() {
        assert!(code_tokens("What is the GIL? It is a lock. 3.14 is pi, e.g. not code").is_empty());
        assert!(code_tokens("a === b or --> or ==>").is_empty());
        assert!(code_tokens("**bold** text and *emphasis*").is_empty());
    }

    #[test]
    fn query_tokens_keep_operators() {
        assert_eq!(query_tokens("ci/cd"), ["ci", "cd"]);
        assert_eq!(query_tokens("a := b == c"), ["a", ":=", "b", "==", "c"]);
        assert_eq!(query_tokens("@staticmethod"), ["staticmethod"]);
    }

    #[test]
    fn typo_distance_counts_transpositions_once() {
        assert_eq!(typo_distance("decorater", "decorator", 2), Some(1));
        assert_eq!(typo_distance("mutabel", "mutable", 1), Some(1));
        assert_eq!(typo_distance("sqlalchmey", "sqlalchemy", 2), Some(1));
        assert_eq!(typo_distance("contex", "context", 1), Some(1));
        assert_eq!(typo_distance("pasword", "password", 1), Some(1));
        assert_eq!(typo_distance("abc", "abc", 0), Some(0));
        assert_eq!(typo_distance("generator", "decorator", 2), None);
        assert_eq!(typo_distance("a", "abcd", 2), None);
        assert_eq!(
            typo_distance("listen", "silent", 2),
            None,
            "same letters, far apart"
        );
        assert_eq!(typo_distance("café", "cafe", 1), Some(1));
    }

    #[test]
    fn typos_allowed_follow_word_length() {
        assert_eq!(typos_allowed("gil"), 0);
        assert_eq!(typos_allowed("mutabel"), 1);
        assert_eq!(typos_allowed("decorater"), 2);
    }
}
