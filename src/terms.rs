//! How text is cut into the words and code names pyq matches on. Pure
//! functions shared by indexing, classification and query analysis.

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
    let chars: Vec<char> = text.chars().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let at = |i: usize| chars.get(i).copied();
    let mut out = Vec::new();
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
    out
}

/// Edit distance with adjacent transpositions counting as one edit
/// (optimal string alignment), or `None` when it exceeds `max`.
pub fn typo_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
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
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
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
    fn typo_distance_counts_transpositions_once() {
        assert_eq!(typo_distance("decorater", "decorator", 2), Some(1));
        assert_eq!(typo_distance("mutabel", "mutable", 1), Some(1));
        assert_eq!(typo_distance("sqlalchmey", "sqlalchemy", 2), Some(1));
        assert_eq!(typo_distance("contex", "context", 1), Some(1));
        assert_eq!(typo_distance("pasword", "password", 1), Some(1));
        assert_eq!(typo_distance("abc", "abc", 0), Some(0));
        assert_eq!(typo_distance("generator", "decorator", 2), None);
        assert_eq!(typo_distance("a", "abcd", 2), None);
    }

    #[test]
    fn typos_allowed_follow_word_length() {
        assert_eq!(typos_allowed("gil"), 0);
        assert_eq!(typos_allowed("mutabel"), 1);
        assert_eq!(typos_allowed("decorater"), 2);
    }
}
