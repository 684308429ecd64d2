//! Question wording: which words of a query, or of a title, frame the
//! question ("what is", "how do I", "difference between", "in python") and
//! which say what it is about, and the sides of a comparison. The word
//! lists are data, in `index/wording.toml`, compiled into sorted tables by
//! build.rs. Pure.

mod compiled {
    // `index/wording.toml`, cut into tokens and sorted by build.rs.
    include!(concat!(env!("OUT_DIR"), "/wording.rs"));
}

/// What a query token does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Says what the question is about.
    Content,
    /// Part of a phrase that frames a question (`what is`, `how do you`).
    Template,
    /// A word that says nothing by itself (`the`, `of`, `some`).
    Filler,
}

/// A token of a query as typed: its text (lowercase) and what stood
/// between it and the token before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub text: String,
    /// Written in quotes or backticks: `'nonlocal'`, `` `with` ``.
    pub quoted: bool,
    /// Punctuation other than quotes separates it from the token before
    /// (`,` `;` `?`). A `/` between spaces does not: in question lists
    /// `X / Y` names one thing twice ("serialization / pickling",
    /// "dunder / magic attribute"), it neither compares nor separates.
    pub break_before: bool,
    /// A sentence ends before it: `?` or `!`, or a full stop and a space
    /// (not the stop of `vs.` or `e.g.`). The first sentence of a question
    /// of several usually asks it, the others follow it up ("What is a
    /// metaclass? Give a real use case.").
    pub sentence_before: bool,
    /// A hyphen joins it to the token before (`new-style`, `thread-safe`):
    /// the two are one word, found only together.
    pub joined_before: bool,
    /// A dot joins it to the token before: both are parts of one dotted
    /// name (`re.match`, `sys.exit`), never wording.
    pub dotted_before: bool,
    /// Written as code: in a stretch of the query without spaces that holds
    /// code punctuation (`f(items=[])`, `my_list[::-1]`).
    pub in_code: bool,
    /// Written as a call, `name()` or `name(args)`: it names a function
    /// (`all()`, `round(2.5)`), whatever the word says in English.
    pub called: bool,
    /// A slice, brackets and all (`[::-1]`, the `[1:3]` of `items[1:3]`):
    /// not a word.
    pub in_slice: bool,
}

/// Words whose full stop is an abbreviation's, not a sentence's.
const ABBREVIATIONS: &[&str] = &["vs", "e", "g", "i", "eg", "ie", "etc", "cf", "approx"];

/// Whether the characters between two tokens end a sentence: a `?` or
/// `!`, or a full stop followed by a space after a word that is not an
/// abbreviation.
fn ends_sentence(between: &str, before: Option<&Typed>) -> bool {
    let stop = between.contains(". ") || between.contains(".\n") || between.contains(".\t");
    let abbreviation = before.is_some_and(|t| ABBREVIATIONS.contains(&t.text.as_str()));
    between.contains(['?', '!']) || (stop && !abbreviation)
}

/// The slices of a text, as byte ranges from `[` to `]` inclusive: a
/// bracket without spaces that holds a `:` (`[::-1]`, `[1:3]`, `[:]`), not
/// a list (`[1, 2]`) or an index (`[0]`).
fn slices(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| from + i) {
        let Some(close) = text[open + 1..]
            .find(|c: char| c == ']' || c == '[' || c.is_whitespace())
            .map(|i| open + 1 + i)
        else {
            break;
        };
        if text[close..].starts_with(']') && text[open..close].contains(':') {
            out.push((open, close));
        }
        from = close;
    }
    out
}

/// Whether a stretch of a query without spaces is written as code: it
/// holds `=`, `[` or `{`. A name (`__slots__`, `my_list`) is not code by
/// itself, and a bare call (`sorted()`) is a way to name a function in
/// prose: asked about, both are explained in words.
fn looks_like_code(chunk: &str) -> bool {
    chunk.contains(['=', '[', '{'])
}

/// Whether a lowercase word says nothing by itself.
pub fn is_filler(word: &str) -> bool {
    compiled::FILLER.binary_search(&word).is_ok()
}

/// Whether a lowercase word is question wording by itself: a filler word
/// or a one-word template (`explain`, `describe`).
pub fn is_wording(word: &str) -> bool {
    is_filler(word) || phrases_at(compiled::TEMPLATES, &[word]).contains(&1)
}

/// Whether a word is a Python keyword that is also English (`with`, `is`).
pub fn is_keyword(word: &str) -> bool {
    compiled::KEYWORDS.binary_search(&word).is_ok()
}

/// Whether a lowercase word asks about a quality of a subject
/// (`advantages`, `pros`, `best`: the `aspects` of `index/wording.toml`)
/// rather than names a topic.
pub fn is_quality(word: &str) -> bool {
    compiled::ASPECTS.binary_search(&word).is_ok()
}

/// How many tokens open a query that asks what a thing is or does (`what
/// is` of "what is a mixin", `what does` of "what does functools.partial
/// do"): it asks for a definition of what follows. `None` for any other
/// query, and for one that asks what tells things apart ("what is the
/// difference between a module and a package").
pub fn definition_opener(tokens: &[Typed]) -> Option<usize> {
    let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    let opener = longest_phrase(compiled::DEFINITIONS, &words);
    let compares = (opener..words.len())
        .any(|i| longest_phrase(compiled::COMPARISON_OPENERS, &words[i..]) > 0);
    (opener > 0 && !compares).then_some(opener)
}

/// Whether a lowercase word names the language itself (`python`).
pub fn is_language(word: &str) -> bool {
    compiled::LANGUAGE.binary_search(&word).is_ok()
}

pub fn is_keyword_noun(word: &str) -> bool {
    compiled::KEYWORD_NOUNS.binary_search(&word).is_ok()
}

fn joins_sides(word: &str) -> bool {
    compiled::COMPARISON.binary_search(&word).is_ok()
}

/// The longest phrase of `table` (sorted by first word) that `tokens`
/// start with: its length, or 0.
fn longest_phrase(table: &[&[&str]], tokens: &[impl AsRef<str>]) -> usize {
    phrases_at(table, tokens).into_iter().max().unwrap_or(0)
}

/// The role of each token as the query frames it. Question templates are
/// found first (longest phrase wins), then filler words; a Python keyword
/// that is also English (`with`, `is`, `for`) is content when quoted or
/// followed by a noun such as `statement` or `operator`.
fn framed(tokens: &[Typed]) -> Vec<Role> {
    let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    let mut roles = vec![Role::Content; words.len()];
    for (start, len) in template_runs(tokens) {
        roles[start..start + len].fill(Role::Template);
    }
    for (i, word) in words.iter().enumerate() {
        if roles[i] == Role::Content && is_filler(word) && !dotted(tokens, i) && !tokens[i].called {
            roles[i] = Role::Filler;
        }
    }
    for (i, word) in words.iter().enumerate() {
        // `the with statement`, `a for loop`, `instead of print
        // statements`, `'nonlocal'`; not `optional or keyword arguments`
        let article = i == 0 || roles[i - 1] != Role::Content;
        let named =
            tokens[i].quoted || (article && words.get(i + 1).is_some_and(|w| is_keyword_noun(w)));
        // the `is` of "what is operator overloading" asks the question;
        // the noun stays content, as what kind of word the keyword is (see
        // `keyword_nouns`)
        if is_keyword(word) && named && roles[i] != Role::Template {
            roles[i] = Role::Content;
        }
    }
    // `the super() function`, `split() and join() methods`: the noun only
    // says what the names written as calls are
    for i in 1..words.len() {
        let call_before =
            tokens[i - 1].called || (i >= 2 && tokens[i - 2].called && words[i - 1] == "and");
        if call_before && compiled::CALL_NOUNS.binary_search(&words[i]).is_ok() {
            roles[i] = Role::Filler;
        }
    }
    // a construct of keywords is what is asked about (`yield from`)
    for i in 0..words.len() {
        for len in phrases_at(compiled::CONSTRUCTS, &words[i..]) {
            if len > 1 {
                roles[i..i + len].fill(Role::Content);
            }
        }
    }
    // the sides of `x vs y` are content, whatever they are (`is vs ==`)
    for (i, word) in words.iter().enumerate() {
        if matches!(*word, "vs" | "versus") {
            for side in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
                if roles.get(side) == Some(&Role::Filler) {
                    roles[side] = Role::Content;
                }
            }
        }
    }
    // "the advantages of Python": the language is what a question about
    // a quality, and nothing else, is about
    let content: Vec<usize> = (0..words.len())
        .filter(|&i| roles[i] == Role::Content)
        .collect();
    if !content.is_empty() && content.iter().all(|&i| is_quality(words[i])) {
        for (i, word) in words.iter().enumerate() {
            if is_language(word) {
                roles[i] = Role::Content;
            }
        }
    }
    roles
}

/// The nouns that say what kind of word a keyword is (`keyword` of "the
/// global keyword", `statement` of "the with statement"), with the keyword
/// each names, as (noun, keyword) token indices.
pub fn keyword_nouns(tokens: &[Typed], roles: &[Role]) -> Vec<(usize, usize)> {
    (1..tokens.len())
        .filter(|&i| {
            roles[i] == Role::Content
                && roles[i - 1] == Role::Content
                && is_keyword_noun(&tokens[i].text)
                && is_keyword(&tokens[i - 1].text)
        })
        .map(|i| (i, i - 1))
        .collect()
}

/// Whether a query is nothing but wording ("what is python", "what is
/// in"): then its words are what it asks about.
pub fn all_wording(tokens: &[Typed]) -> bool {
    !framed(tokens).contains(&Role::Content)
}

/// What each token of a query does: as the query frames it, except that a
/// query with no content word keeps its filler words as content (`what is
/// python`), and a query of nothing but templates keeps everything (`what
/// is`).
pub fn roles(tokens: &[Typed]) -> Vec<Role> {
    let mut roles = framed(tokens);
    if !roles.contains(&Role::Content) {
        let filler_as_content = roles
            .iter()
            .map(|r| {
                if *r == Role::Filler {
                    Role::Content
                } else {
                    *r
                }
            })
            .collect::<Vec<_>>();
        roles = if filler_as_content.contains(&Role::Content) {
            filler_as_content
        } else {
            vec![Role::Content; tokens.len()]
        };
    }
    roles
}

/// The question templates of a query, as (start, length): the set of
/// non-overlapping phrases that covers the most words (`and when to avoid`
/// is `and` + `when to avoid`, not `and when` + `to avoid`). A template never
/// takes in a quoted word or a call (`all()`).
fn template_runs(tokens: &[Typed]) -> Vec<(usize, usize)> {
    let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    let n = words.len();
    // phrases starting at each position, their lengths
    let starts: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            let quoted = (i..n)
                .find(|&k| tokens[k].quoted || tokens[k].called)
                .unwrap_or(n);
            phrases_at(compiled::TEMPLATES, &words[i..quoted])
        })
        .collect();
    // best[i]: the most words templates can cover from position i on
    let mut best = vec![0usize; n + 1];
    let mut choice = vec![0usize; n + 1];
    for i in (0..n).rev() {
        best[i] = best[i + 1];
        for &len in &starts[i] {
            if len + best[i + len] > best[i] {
                best[i] = len + best[i + len];
                choice[i] = len;
            }
        }
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < n {
        if choice[i] > 0 {
            runs.push((i, choice[i]));
            i += choice[i];
        } else {
            i += 1;
        }
    }
    runs
}

/// The lengths of the phrases of `table` (sorted by first word) that
/// `tokens` start with, longest first.
fn phrases_at(table: &[&[&str]], tokens: &[impl AsRef<str>]) -> Vec<usize> {
    let Some(first) = tokens.first().map(AsRef::as_ref) else {
        return Vec::new();
    };
    let start = table.partition_point(|p| p[0] < first);
    table[start..]
        .iter()
        .take_while(|p| p[0] == first)
        .filter(|p| p.len() <= tokens.len() && p.iter().zip(tokens).all(|(a, b)| *a == b.as_ref()))
        .map(|p| p.len())
        .collect()
}

/// The sides of a comparison, as runs of content tokens (indices):
/// `difference between a module and a package` → `module`, `package`;
/// `list vs tuple`; `is python interpreted or compiled` → `interpreted`,
/// `compiled`. Empty when the query compares nothing; `X / Y` is one thing
/// named twice, not a comparison. The words that name what both sides are
/// ("language" of "compiled or interpreted language") are still in the
/// last side: [`share_the_last_head`] sets them apart.
pub fn sides(tokens: &[Typed], roles: &[Role]) -> Vec<Vec<usize>> {
    let words: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
    let opener = (0..words.len())
        .map(|i| (i, longest_phrase(compiled::COMPARISON_OPENERS, &words[i..])))
        .find(|&(_, n)| n > 0);
    let is_joiner = |i: usize| roles[i] != Role::Content && joins_sides(&words[i]);
    // Groups of content tokens separated by joiners or punctuation, from
    // `start` to the end of the sentence: the next one asks something else
    // ("the difference between an iterable and an iterator? How would you
    // make your own class iterable?").
    let groups = |start: usize| {
        let mut groups: Vec<Vec<usize>> = vec![Vec::new()];
        for i in start..words.len() {
            if tokens[i].sentence_before && i > start {
                break;
            }
            let split = tokens[i].break_before || is_joiner(i);
            if split && groups.last().is_some_and(|g| !g.is_empty()) {
                groups.push(Vec::new());
            }
            if roles[i] == Role::Content
                && let Some(last) = groups.last_mut()
            {
                last.push(i);
            }
        }
        groups.retain(|g| !g.is_empty());
        groups
    };
    if let Some((at, n)) = opener {
        let found = groups(at + n);
        return if found.len() >= 2 { found } else { Vec::new() };
    }
    // `x vs y`, `x or y`: the runs of content words right around
    // each joiner, when both are there.
    let run_before = |i: usize| {
        let mut run = Vec::new();
        let mut j = i;
        while j > 0 && roles[j - 1] == Role::Content {
            j -= 1;
            run.insert(0, j);
            if tokens[j].break_before {
                break;
            }
        }
        run
    };
    let run_after = |i: usize| {
        (i..words.len())
            .take_while(|&j| roles[j] == Role::Content && (j == i || !tokens[j].break_before))
            .collect::<Vec<_>>()
    };
    let mut found: Vec<Vec<usize>> = Vec::new();
    for i in 0..words.len() {
        let strong = matches!(words[i].as_str(), "vs" | "versus") && roles[i] != Role::Content;
        let or = words[i] == "or" && roles[i] != Role::Content;
        if !(strong || or) {
            continue;
        }
        let (before, after) = (run_before(i), run_after(i + 1));
        if before.is_empty() || after.is_empty() {
            continue;
        }
        for side in [before, after] {
            if !found.iter().any(|f| f.iter().any(|x| side.contains(x))) {
                found.push(side);
            }
        }
    }
    // `x or y` compares only when x and y are all the question is about
    // (`is python interpreted or compiled`), not in `optional or keyword
    // arguments of a function`
    let only_or = (0..words.len())
        .filter(|&i| roles[i] != Role::Content)
        .all(|i| !matches!(words[i].as_str(), "vs" | "versus"));
    let all_content_in_sides = (0..words.len())
        .filter(|&i| roles[i] == Role::Content)
        .all(|i| found.iter().any(|side| side.contains(&i)));
    if found.len() >= 2 && (!only_or || all_content_in_sides) {
        found
    } else {
        Vec::new()
    }
}

/// In "compiled or interpreted language", "factory vs strategy pattern" or
/// ".py and .pyc files", the words after the last side's first word name
/// what both sides are, not the last side alone: when the first side is one
/// word (hyphens join words: `new-style`), the last side becomes its first
/// word, and the rest counts as the question's. Left whole: a term of Python's (`is_term`: "list
/// comprehension" of "generator vs list comprehension"), a construct
/// (`yield from`, `is not`), a name written as code (`os.path`), and a last
/// side whose first word or rest repeats the first side ("list vs linked
/// list", "thread vs thread pool"); and comparisons of three or more.
pub fn share_the_last_head(
    sides: &mut [Vec<usize>],
    tokens: &[Typed],
    is_term: impl Fn(&[String]) -> bool,
) {
    let [first, last] = sides else {
        return;
    };
    // how many tokens the word that starts a run spans
    let word_len = |run: &[usize]| -> usize {
        let mut n = 1;
        while n < run.len() && run[n] == run[n - 1] + 1 && tokens[run[n]].joined_before {
            n += 1;
        }
        n
    };
    let text =
        |run: &[usize]| -> Vec<String> { run.iter().map(|&i| tokens[i].text.clone()).collect() };
    let code = |i: usize| tokens[i].quoted || written_as_code(tokens, i);
    let n = word_len(last);
    let words: Vec<String> = text(last);
    let first_words = text(first);
    let repeats =
        words[..n] == first_words[..] || words[n..].iter().any(|w| first_words.contains(w));
    let construct = phrases_at(compiled::CONSTRUCTS, &words)
        .iter()
        .any(|&len| len > 1);
    if word_len(first) != first.len()
        || n == last.len()
        || repeats
        || construct
        || is_term(&words)
        || last.iter().chain(first.iter()).any(|&i| code(i))
    {
        return;
    }
    last.truncate(n);
}

/// Whether token `i` is a part of a dotted name (`re` or `compile` of
/// `re.compile`).
pub fn dotted(tokens: &[Typed], i: usize) -> bool {
    tokens[i].dotted_before || tokens.get(i + 1).is_some_and(|t| t.dotted_before)
}

/// Whether token `i` is written as code: in a stretch of code, as a call or
/// as part of a dotted name (`my_list[::-1]`, `round(2.5)`, `os.path`). It
/// is Python's name, not the English word.
pub fn written_as_code(tokens: &[Typed], i: usize) -> bool {
    tokens[i].in_code || tokens[i].called || dotted(tokens, i)
}

/// The runs of tokens that hyphens join into one word (`new-style`), as
/// token indices.
pub fn hyphenated(tokens: &[Typed]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (i, t) in tokens.iter().enumerate().skip(1) {
        if !t.joined_before {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.last() == Some(&(i - 1)) => run.push(i),
            _ => runs.push(vec![i - 1, i]),
        }
    }
    runs
}

/// A query cut into tokens with what separates them; words and operators
/// as [`crate::terms::query_tokens`] cuts them.
pub fn typed_tokens(query: &str) -> Vec<Typed> {
    let is_quote = |c: char| matches!(c, '\'' | '"' | '`' | '‘' | '’' | '“' | '”');
    let lower = query.to_lowercase();
    // where each stretch without spaces ends, and whether it is code
    let mut chunks: Vec<(usize, bool)> = Vec::new();
    let mut at = 0;
    for chunk in lower.split(char::is_whitespace) {
        at += chunk.len();
        chunks.push((at, looks_like_code(chunk)));
        at += lower[at..].chars().next().map_or(0, char::len_utf8);
    }
    let slices = slices(&lower);
    let mut out: Vec<Typed> = Vec::new();
    let mut rest = lower.as_str();
    let mut gap = String::new();
    while let Some(c) = rest.chars().next() {
        // a slice is one token, bounds and all
        let slice = slices
            .iter()
            .find(|&&(open, _)| open == lower.len() - rest.len())
            .map(|&(open, close)| close + 1 - open);
        let token_len = if let Some(len) = slice {
            len
        } else if c.is_alphanumeric() || c == '_' {
            rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len())
        } else {
            crate::terms::OPERATORS
                .iter()
                .find(|op| rest.starts_with(*op))
                .map_or(0, |op| op.len())
        };
        // an operator glued to a name is part of a code name (`**kwargs`),
        // which the query keeps whole among its code tokens
        let glued = slice.is_none()
            && !(c.is_alphanumeric() || c == '_')
            && rest[token_len..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphanumeric() || n == '_');
        if token_len == 0 || glued {
            gap.push_str(&rest[..token_len.max(c.len_utf8())]);
            rest = &rest[token_len.max(c.len_utf8())..];
            continue;
        }
        let after = &rest[token_len..];
        let mut next = after.chars();
        let closes = next.next().is_some_and(is_quote);
        // `python's` is a possessive, not a quoted `python`
        let possessive = closes && next.next() == Some('s');
        // `e.g.` and `i.e.` are abbreviations, not dotted names
        let abbreviation = token_len == 1 && out.last().is_some_and(|t| t.text.len() == 1);
        // the empty parentheses of a call (`append() and extend() methods`)
        // belong to the name before, and the dot of a dotted name
        // (`sys.exit`) joins it: they separate nothing
        let between = gap.replace("()", "");
        let dotted = !out.is_empty() && between == "." && !abbreviation;
        out.push(Typed {
            text: rest[..token_len].to_string(),
            quoted: gap.chars().last().is_some_and(is_quote) && closes && !possessive,
            break_before: !out.is_empty()
                && !dotted
                && between
                    .chars()
                    .any(|c| matches!(c, ',' | ';' | '?' | '!' | '.' | ':' | '(' | ')')),
            sentence_before: !out.is_empty() && ends_sentence(&between, out.last()),
            joined_before: !out.is_empty() && gap == "-",
            dotted_before: dotted,
            in_code: {
                let start = lower.len() - rest.len();
                chunks
                    .iter()
                    .find(|&&(end, _)| start < end)
                    .is_some_and(|&(_, code)| code)
            },
            called: after.starts_with('('),
            in_slice: slice.is_some(),
        });
        gap.clear();
        rest = after;
    }
    // a follow-up question after a comma or another break ("what is CORS,
    // and how do you enable it?") is a sentence of its own
    let words: Vec<&str> = out.iter().map(|t| t.text.as_str()).collect();
    let follow_ups: Vec<usize> = (1..out.len())
        .filter(|&i| {
            out[i].break_before && !phrases_at(compiled::FOLLOW_UPS, &words[i..]).is_empty()
        })
        .collect();
    for i in follow_ups {
        out[i].sentence_before = true;
    }
    out
}

/// The question word a question starts with, which says what kind of
/// answer it wants.
pub fn question_kind(tokens: &[Typed]) -> Option<String> {
    let first = tokens.first()?;
    ANSWER_KINDS
        .contains(&first.text.as_str())
        .then(|| first.text.clone())
}

/// Words that open a question and say what kind of answer it wants.
const ANSWER_KINDS: &[&str] = &["what", "how", "why", "when", "which", "where", "who"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_that_ask_what_a_thing_is_ask_for_a_definition() {
        for (query, opener) in [
            ("what is a mixin?", 2),
            ("What's name mangling", 2),
            ("what does functools.partial do", 2),
            ("what is the use of __slots__", 5),
        ] {
            assert_eq!(
                definition_opener(&typed_tokens(query)),
                Some(opener),
                "{query}"
            );
        }
        for query in [
            "how do I sort a list",
            "why is python slow",
            "what happens if you divide by zero",
            "what is the difference between / and //",
            "mixin",
        ] {
            assert_eq!(definition_opener(&typed_tokens(query)), None, "{query}");
        }
    }

    #[test]
    fn sentences_end_at_question_marks_and_full_stops_not_abbreviations() {
        let starts = |query: &str| -> Vec<String> {
            typed_tokens(query)
                .into_iter()
                .filter(|t| t.sentence_before)
                .map(|t| t.text)
                .collect()
        };
        assert_eq!(
            starts("What is a metaclass? Give a real use case. Thanks"),
            ["give", "thanks"]
        );
        assert!(starts("python vs. java, e.g. in sys.path or re.match()").is_empty());
        assert!(starts("what is 3.14").is_empty());
        // a follow-up question after a comma
        assert_eq!(starts("What is CORS, and how do you enable it?"), ["and"]);
        assert_eq!(
            starts("What does re.compile() do, and is it worth it?"),
            ["and"]
        );
        assert!(starts("lists, tuples, and sets").is_empty());
        assert!(starts("what is a list and how is it sorted").is_empty());
    }

    fn analyse(query: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let tokens = typed_tokens(query);
        let roles = roles(&tokens);
        let content = tokens
            .iter()
            .zip(&roles)
            .filter(|(_, r)| **r == Role::Content)
            .map(|(t, _)| t.text.clone())
            .collect();
        let sides = sides(&tokens, &roles)
            .into_iter()
            .map(|s| s.into_iter().map(|i| tokens[i].text.clone()).collect())
            .collect();
        (content, sides)
    }

    fn content(query: &str) -> Vec<String> {
        analyse(query).0
    }

    #[test]
    fn question_wording_is_not_content() {
        assert_eq!(content("What is a namedtuple?"), ["namedtuple"]);
        assert_eq!(
            content("How do you remove duplicates from a list?"),
            ["remove", "duplicates", "list"]
        );
        assert_eq!(
            content("What is the use of enumerate() in Python?"),
            ["enumerate"]
        );
        assert_eq!(
            content("Explain the ternary operator in Python?"),
            ["ternary", "operator"]
        );
        assert_eq!(
            content("When would you use a metaclass and why?"),
            ["metaclass"]
        );
        // whether a thing is useful, or not, is what is asked of it
        assert_eq!(
            content("What is __slots__ and when is it useful?"),
            ["__slots__"]
        );
        // `even` stays content: "even or odd", "even numbers"
        assert_eq!(
            content("Do functions return even if they do not return?"),
            ["functions", "return", "even", "return"]
        );
        // so is asking what a thing is good for, or why it matters
        assert_eq!(
            content("What are Python decorators good for?"),
            ["decorators"]
        );
        assert_eq!(content("What is the GIL and why does it matter?"), ["gil"]);
        assert_eq!(content("Give me an example of a decorator"), ["decorator"]);
        // and figures of speech for how a thing works, or when
        assert_eq!(content("How does a set work under the hood?"), ["set"]);
        assert_eq!(
            content("In what situations would you use a generator?"),
            ["generator"]
        );
        assert_eq!(
            content("please explain decorators in simple terms"),
            ["decorators"]
        );
        assert_eq!(content("what's the deal with the GIL"), ["gil"]);
        assert_eq!(
            content("Explain the concept of inheritance."),
            ["inheritance"]
        );
        assert_eq!(
            content("Write a Python function to reverse a string"),
            ["reverse", "string"]
        );
        // English's closed classes are wording too
        assert_eq!(
            content("How to log an exception along with its traceback, though?"),
            ["log", "exception", "traceback"]
        );
        // the particle of a phrasal verb says nothing of its own
        assert_eq!(
            content("How would you speed up a slow program?"),
            ["speed", "slow"]
        );
        // `e.g.` is an abbreviation, not a dotted name
        assert_eq!(
            content("slicing, e.g. my_list[::-1]"),
            ["slicing", "my_list", "[::-1]"]
        );
        // how many says what is asked about no more than "a" does
        assert_eq!(
            content("How do you merge two dictionaries in Python?"),
            ["merge", "dictionaries"]
        );
    }

    #[test]
    fn wording_words_are_known_alone() {
        assert!(is_wording("use"));
        assert!(is_wording("explain"));
        assert!(!is_wording("usage"));
        assert!(!is_wording("decorator"));
    }

    #[test]
    fn templates_cover_as_many_words_as_they_can() {
        assert_eq!(
            content("When to use list comprehensions and when to avoid them?"),
            ["list", "comprehensions"]
        );
    }

    #[test]
    fn a_query_of_wording_keeps_its_words() {
        assert_eq!(content("What is Python?"), ["python"]);
        assert_eq!(content("what is"), ["what", "is"]);
        assert_eq!(content("in"), ["in"]);
    }

    #[test]
    fn keywords_named_as_such_are_content() {
        assert_eq!(
            content("Explain the use \"with\" statement in python?"),
            ["with", "statement"]
        );
        assert_eq!(
            content("Explain the use of the 'nonlocal' keyword."),
            ["nonlocal", "keyword"]
        );
        assert_eq!(content("what does the is operator do"), ["is", "operator"]);
        assert_eq!(
            content("what is operator overloading"),
            ["operator", "overloading"]
        );
        assert_eq!(
            content("what does the yield statement do"),
            ["yield", "statement"]
        );
        assert_eq!(
            content("pass optional or keyword parameters"),
            ["pass", "optional", "keyword", "parameters"]
        );
        assert_eq!(content("python's gil"), ["gil"]);
        // the keywords of one construct
        assert_eq!(content("yield from"), ["yield", "from"]);
        // after any wording, and Python 2's keywords too
        assert_eq!(
            content("How do you use the logging module instead of print statements?"),
            ["logging", "module", "print", "statements"]
        );
    }

    #[test]
    fn a_keyword_s_noun_is_known_as_such() {
        let nouns = |q: &str| {
            let tokens = typed_tokens(q);
            keyword_nouns(&tokens, &roles(&tokens))
        };
        // (noun, keyword)
        assert_eq!(nouns("what does the global keyword do"), [(4, 3)]);
        assert_eq!(nouns("Explain the use \"with\" statement"), [(4, 3)]);
        // a noun after a word that is not a keyword names nothing
        assert!(nouns("what is a return value").is_empty());
        assert!(nouns("what is operator overloading").is_empty());
        assert_eq!(nouns("how do you write an if else block"), [(7, 6)]);
    }

    #[test]
    fn the_language_is_what_a_question_about_a_quality_is_about() {
        let (content, _) = analyse("What are the advantages of using Python?");
        assert_eq!(content, ["advantages", "python"]);
        let (content, _) = analyse("Why is Python so popular?");
        assert_eq!(content, ["python", "popular"]);
        // beside a topic, the language is only where the question is set
        let (content, _) = analyse("What are the advantages of generators in Python?");
        assert_eq!(content, ["advantages", "generators"]);
        let (content, _) = analyse("How do decorators work in Python?");
        assert_eq!(content, ["decorators"]);
    }

    #[test]
    fn setting_a_scene_and_asking_for_output_are_wording() {
        let (content, _) = analyse("Suppose class C inherits from A and B");
        assert_eq!(content, ["class", "c", "inherits", "b"]);
        let (content, _) = analyse("What will be the output of sorted(names)?");
        assert_eq!(content, ["sorted", "names"]);
        let (content, _) = analyse("Which function do you use to reverse a list?");
        assert_eq!(content, ["function", "reverse", "list"]);
    }

    #[test]
    fn the_noun_after_a_call_only_says_what_it_is() {
        let (content, _) = analyse("What is the purpose of the super() function?");
        assert_eq!(content, ["super"]);
        let (content, _) = analyse("Explain split() and join() methods");
        assert_eq!(content, ["split", "join"]);
        // said of no call, the noun is what is asked about
        let (content, _) = analyse("What is a lambda function?");
        assert_eq!(content, ["lambda", "function"]);
    }

    #[test]
    fn a_call_names_a_function_whatever_the_word() {
        let (content, sides) = analyse("What is the difference between any() and all()?");
        assert_eq!(content, ["any", "all"]);
        assert_eq!(sides, [["any"], ["all"]]);
        // said as English, the same words are wording
        let (content, _) = analyse("Explain all the file processing modes");
        assert_eq!(content, ["file", "processing", "modes"]);
    }

    #[test]
    fn comparisons_have_sides() {
        let (_, sides) = analyse("What's the difference between a module and a package?");
        assert_eq!(sides, [["module"], ["package"]]);
        // the apostrophe left out, as people type
        let (content, sides) = analyse("whats the difference between sort and sorted");
        assert_eq!(content, ["sort", "sorted"]);
        assert_eq!(sides, [["sort"], ["sorted"]]);
        let (_, sides) = analyse("difference between a set and a list");
        assert_eq!(sides, [["set"], ["list"]]);
        let (_, sides) = analyse("list comprehension vs generator expression");
        assert_eq!(
            sides,
            [["list", "comprehension"], ["generator", "expression"]]
        );
        let (_, sides) = analyse("Is Python interpreted or compiled?");
        assert_eq!(sides, [["interpreted"], ["compiled"]]);
        let (_, sides) = analyse("Explain the difference between map(), reduce(), and filter()?");
        assert_eq!(sides, [["map"], ["reduce"], ["filter"]]);
        // a call's parentheses and a dotted name's dots separate nothing
        let (_, sides) = analyse("Differentiate between append() and extend() methods.");
        assert_eq!(sides, [["append"], ["extend"]]);
        let (_, sides) = analyse("What's the difference between sys.exit() and os._exit()?");
        assert_eq!(sides, [vec!["sys", "exit"], vec!["os", "_exit"]]);
        // and a dotted name's parts are never wording (`re` of "we're")
        let (_, sides) = analyse("What is the difference between re.match() and re.search()?");
        assert_eq!(sides, [vec!["re", "match"], vec!["re", "search"]]);
        let (_, sides) = analyse("Namespace vs scope?");
        assert_eq!(sides, [["namespace"], ["scope"]]);
        let (_, sides) = analyse("is vs ==");
        assert_eq!(sides, [["is"], ["=="]]);
        // the sentence after asks something else
        let (_, sides) = analyse(
            "What is the difference between an iterable and an iterator? How would you \
             make your own class iterable?",
        );
        assert_eq!(sides, [["iterable"], ["iterator"]]);
    }

    #[test]
    fn the_words_after_the_last_side_name_what_every_side_is() {
        // the sides once the words they share are set apart; `terms` are
        // the terms of several words Python has
        let shared = |q: &str, terms: &[&str]| -> Vec<Vec<String>> {
            let tokens = typed_tokens(q);
            let mut sides = sides(&tokens, &roles(&tokens));
            share_the_last_head(&mut sides, &tokens, |w| {
                terms.contains(&w.join(" ").as_str())
            });
            sides
                .into_iter()
                .map(|s| s.into_iter().map(|i| tokens[i].text.clone()).collect())
                .collect()
        };
        assert_eq!(
            shared("Is Python a compiled or interpreted language?", &[]),
            [["compiled"], ["interpreted"]]
        );
        assert_eq!(
            shared("factory vs strategy pattern", &[]),
            [["factory"], ["strategy"]]
        );
        // hyphens join a side's words
        assert_eq!(
            shared("new-style vs old-style classes", &[]),
            [["new", "style"], ["old", "style"]]
        );
        // a term of Python's is one thing
        assert_eq!(
            shared("decorator vs context manager", &["context manager"]),
            [vec!["decorator"], vec!["context", "manager"]]
        );
        // so are a construct, a name written as code, and a kind of the
        // first side
        assert_eq!(
            shared("yield vs yield from", &[]),
            [vec!["yield"], vec!["yield", "from"]]
        );
        assert_eq!(
            shared("`is` vs `is not`", &[]),
            [vec!["is"], vec!["is", "not"]]
        );
        assert_eq!(
            shared("pathlib vs os.path", &[]),
            [vec!["pathlib"], vec!["os", "path"]]
        );
        assert_eq!(
            shared("list vs linked list", &[]),
            [vec!["list"], vec!["linked", "list"]]
        );
        // and a side of several words first says them all
        assert_eq!(
            shared("list comprehension vs generator expression", &[]),
            [["list", "comprehension"], ["generator", "expression"]]
        );
    }

    #[test]
    fn plain_questions_compare_nothing() {
        assert!(analyse("What is a descriptor?").1.is_empty());
        assert!(analyse("How do you read and write files?").1.is_empty());
        assert!(analyse("ci/cd pipelines").1.is_empty());
        // `X / Y` names one thing twice
        assert!(
            analyse("What does dynamically / duck typed mean?")
                .1
                .is_empty()
        );
        assert!(
            analyse("Explain serialization and deserialization / Pickling and unpickling?")
                .1
                .is_empty()
        );
        assert!(
            analyse("How can I pass optional or keyword parameters to a function?")
                .1
                .is_empty()
        );
    }

    #[test]
    fn hyphens_join_words() {
        let t = typed_tokens("new-style vs old-style classes, a - b, built-in-ish");
        assert_eq!(hyphenated(&t), [vec![0, 1], vec![3, 4], vec![8, 9, 10]]);
    }

    #[test]
    fn tokens_know_their_quotes_and_breaks() {
        // the tokens that have a mark
        fn marked(t: &[Typed], mark: fn(&Typed) -> bool) -> Vec<&str> {
            t.iter()
                .filter(|t| mark(t))
                .map(|t| t.text.as_str())
                .collect()
        }
        let t = typed_tokens("the 'with' statement, python's list / tuple");
        assert_eq!(marked(&t, |t| t.quoted), ["with"]);
        assert_eq!(marked(&t, |t| t.break_before), ["python"]);
        // what is written as code is known as such; a bare call is a name
        let t = typed_tokens("a default like def f(items=[]), or sorted()");
        assert_eq!(marked(&t, |t| t.in_code), ["f", "items"]);
        let t = typed_tokens("the 'with' statement, python's list / tuple");
        let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            words,
            ["the", "with", "statement", "python", "s", "list", "tuple"]
        );
        let words: Vec<String> = typed_tokens("*args and **kwargs vs == x")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(words, ["args", "and", "kwargs", "vs", "==", "x"]);
    }
}
