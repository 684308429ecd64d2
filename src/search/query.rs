//! Query analysis: what the user typed becomes what pyq searches for —
//! question wording told apart from content (see `wording`), the sides of a
//! comparison found, typos corrected against the index's own words,
//! synonyms and acronyms added from `index/synonyms.toml`, related English
//! words from WordNet (see `related`), code names (`__slots__`, `==`) kept.
//! Pure: the index is reached only through the [`Vocabulary`] trait.

use std::collections::HashMap;

use serde::Deserialize;

use super::related::related;
pub use crate::index::{Similar, Vocabulary};
use crate::terms::{code_tokens, query_tokens, typos_allowed};
use crate::wording::question::{self as wording, Role, Typed};

/// The bundled synonyms.
pub const SYNONYMS_TOML: &str = include_str!("../../index/synonyms.toml");

#[derive(Deserialize)]
struct SynonymsFile {
    groups: Vec<Vec<String>>,
    #[serde(default)]
    alone: HashMap<String, Vec<String>>,
}

type Phrase = Vec<String>;

/// Groups of words and phrases that mean the same.
#[derive(Debug, PartialEq, Eq)]
pub struct Synonyms {
    groups: Vec<Vec<Phrase>>,
    alone: Vec<(Phrase, Vec<Phrase>)>,
}

mod compiled {
    // `index/synonyms.toml`, cut into tokens by build.rs.
    include!(concat!(env!("OUT_DIR"), "/synonyms.rs"));
}

impl Synonyms {
    /// The synonyms embedded in pyq (compiled from `index/synonyms.toml` at
    /// build time, so that no lookup parses TOML).
    pub fn bundled() -> Synonyms {
        let phrase = |p: &[&str]| p.iter().map(|t| t.to_string()).collect::<Phrase>();
        let mut alone: Vec<(Phrase, Vec<Phrase>)> = compiled::SYNONYMS_ALONE
            .iter()
            .map(|(key, expansions)| (phrase(key), expansions.iter().map(|e| phrase(e)).collect()))
            .collect();
        alone.sort();
        Synonyms {
            groups: compiled::SYNONYM_GROUPS
                .iter()
                .map(|g| g.iter().map(|m| phrase(m)).collect::<Vec<_>>())
                .filter(|g| g.len() > 1)
                .collect(),
            alone,
        }
    }

    pub fn from_toml(text: &str) -> Result<Synonyms, String> {
        let file: SynonymsFile = toml::from_str(text).map_err(|e| format!("synonyms.toml: {e}"))?;
        let phrase = |s: &str| query_tokens(&s.to_lowercase());
        let groups = file
            .groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|m| phrase(m))
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|g| g.len() > 1)
            .collect();
        let mut alone: Vec<(Phrase, Vec<Phrase>)> = file
            .alone
            .iter()
            .map(|(k, v)| (phrase(k), v.iter().map(|m| phrase(m)).collect()))
            .collect();
        alone.sort();
        Ok(Synonyms { groups, alone })
    }

    /// Whether words are a term of several words that a group names
    /// (`list comprehension`, `context manager`).
    fn is_term(&self, words: &[String]) -> bool {
        words.len() > 1
            && self.groups.iter().flatten().any(|p| {
                p.len() == words.len() && p.iter().zip(words).all(|(a, b)| same_word(a, b))
            })
    }

    /// Whether `word` is a one-word member of some group.
    fn has_word(&self, word: &str) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|p| p.len() == 1 && same_word(&p[0], word))
    }

    /// The alternatives for a query's tokens: the other members of every
    /// group a member of which appears in it, and the expansions of a query
    /// whose words asked about (`content`, indices of `tokens`) are a single
    /// `alone` word (`in`; "what is python").
    fn alternatives(&self, tokens: &[String], content: &[usize]) -> (Vec<Alternative>, bool) {
        let mut out: Vec<Alternative> = Vec::new();
        let asked: Vec<String> = content.iter().map(|&i| tokens[i].clone()).collect();
        let alone = self.alone.iter().any(|(key, _)| *key == asked);
        let mut add = |phrase: &Phrase, covers: &[usize]| {
            if !phrase_positions(tokens, phrase).is_empty() {
                return;
            }
            match out.iter_mut().find(|a| &a.phrase == phrase) {
                Some(known) => {
                    for &i in covers {
                        if !known.covers.contains(&i) {
                            known.covers.push(i);
                        }
                    }
                }
                None => out.push(Alternative {
                    phrase: phrase.clone(),
                    covers: covers.to_vec(),
                    source: Source::Synonym,
                }),
            }
        };
        for (key, expansions) in &self.alone {
            if *key == asked {
                expansions.iter().for_each(|e| add(e, content));
            }
        }
        for group in &self.groups {
            let covers: Vec<usize> = group
                .iter()
                .flat_map(|m| phrase_positions(tokens, m))
                .collect();
            if !covers.is_empty() {
                group.iter().for_each(|m| add(m, &covers));
            }
        }
        (out, alone)
    }
}

/// The token positions covered by every occurrence of `phrase` in `tokens`
/// (a plural matches its singular: `dictionaries`, `dictionary`).
fn phrase_positions(tokens: &[String], phrase: &[String]) -> Vec<usize> {
    if phrase.is_empty() || phrase.len() > tokens.len() {
        return Vec::new();
    }
    (0..=tokens.len() - phrase.len())
        .filter(|&start| {
            tokens[start..start + phrase.len()]
                .iter()
                .zip(phrase)
                .all(|(a, b)| same_word(a, b))
        })
        .flat_map(|start| start..start + phrase.len())
        .collect()
}

/// Whether two words are the same but for a plural ending.
fn same_word(a: &str, b: &str) -> bool {
    // a plural ending adds at most two letters (`dictionary`, `dictionaries`),
    // and the first letters agree: most pairs are told apart without
    // building a singular
    let close = a.len().abs_diff(b.len()) <= 2 && a.as_bytes().first() == b.as_bytes().first();
    a == b || (close && singular(a) == singular(b))
}

/// A word without its plural ending: `dictionaries` → `dictionary`,
/// `classes` → `class`, `threads` → `thread`.
fn singular(word: &str) -> std::borrow::Cow<'_, str> {
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{stem}y").into();
    }
    if let Some(stem) = word.strip_suffix("sses") {
        return format!("{stem}ss").into();
    }
    match word.strip_suffix('s') {
        Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.into(),
        _ => word.into(),
    }
}

/// Another way to say part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    /// Words (or operators) of the synonym.
    pub phrase: Vec<String>,
    /// Positions of the query tokens it stands for.
    pub covers: Vec<usize>,
    pub source: Source,
}

/// Where an alternative comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `index/synonyms.toml`: the same thing in Python's vocabulary.
    Synonym,
    /// Query words the guides write as one (`thread pool executor`).
    Compound,
    /// A related English word (WordNet): `convert` → `conversion`.
    Related,
    /// The same word in an irregular form (WordNet): `indexes` → `indices`.
    Inflection,
}

fn is_word(token: &str) -> bool {
    token.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// A query word replaced by another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub typed: String,
    pub searched: String,
}

/// What to search for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The query's tokens to search for — words and operators, lowercase,
    /// in query order, corrected where the typed word is unknown.
    pub words: Vec<String>,
    /// What each word does: says what the question is about, or frames it.
    pub roles: Vec<Role>,
    /// The sides of a comparison (indices into `words`), when the query
    /// compares things.
    pub sides: Vec<Vec<usize>>,
    /// Runs of words that hyphens join into one (`new-style`), as indices
    /// into `words`.
    pub hyphenated: Vec<Vec<usize>>,
    /// The nouns that say what kind of word a keyword is, with the keyword
    /// each names: (noun, keyword) indices into `words`.
    pub keyword_nouns: Vec<(usize, usize)>,
    /// Code-shaped tokens of the query (`__slots__`, `*args`, `==`).
    pub code: Vec<String>,
    /// Per word, whether it was written as code (`f(items=[])`).
    pub in_code: Vec<bool>,
    /// Per word, the sentence of the query it is in, from 0: a question of
    /// several sentences asks in its first and follows up in the others.
    pub sentences: Vec<usize>,
    /// Whether the query ends with a question mark: a question, though it
    /// may have no question wording ("Is Python case-sensitive?").
    pub question_mark: bool,
    /// Synonyms and expansions.
    pub alternatives: Vec<Alternative>,
    pub corrections: Vec<Correction>,
    /// Words the index does not know and that nothing close corrects.
    pub unknown: Vec<String>,
    /// Unknown words already looked up with two typos, which found nothing
    /// (no need to look again for suggestions).
    pub searched_far: Vec<String>,
    /// The query is a single word that says little by itself (`in`); its
    /// expansions in `alternatives` carry it.
    pub alone: bool,
    /// The query had more than [`MAX_QUERY_TOKENS`] tokens; the rest were
    /// left out.
    pub truncated: bool,
}

/// Tokens of a query searched at most: a question is a few words, and a
/// pasted page must not take a second per word.
pub const MAX_QUERY_TOKENS: usize = 32;
/// Unknown words looked up for a correction at most per query: each lookup
/// walks the dictionary, and a query of many unknown words is rarely a
/// query of typos.
const MAX_CORRECTIONS: usize = 4;

impl Plan {
    /// The query as searched, when a correction changed it.
    pub fn corrected_query(&self) -> Option<String> {
        (!self.corrections.is_empty()).then(|| self.words.join(" "))
    }

    /// Whether there is anything to search for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.code.is_empty() && self.alternatives.is_empty()
    }
}

/// What a slice written in a query (`[::-1]`) is called.
const SLICING: &str = "slicing";

/// The tokens of a query with its slices (`[::-1]`, `[1:3]`, `[:]`)
/// searched as the word for them, once: the guides explain slices under
/// that name, and their numbers are in every example.
fn slices_named(typed: Vec<Typed>) -> Vec<Typed> {
    let named = |t: &Typed| matches!(t.text.as_str(), "slice" | "slices" | "slicing");
    let mut said = typed.iter().any(named);
    let mut out: Vec<Typed> = Vec::with_capacity(typed.len());
    for token in typed {
        if !token.in_slice {
            out.push(token);
        } else if !said {
            said = true;
            out.push(Typed {
                text: SLICING.to_string(),
                in_code: false,
                ..token
            });
        }
    }
    out
}

/// Analyses a query.
pub fn plan(query: &str, vocab: &dyn Vocabulary, synonyms: &Synonyms) -> Plan {
    let mut typed = slices_named(wording::typed_tokens(query));
    let mut code = code_tokens(query);
    let truncated = typed.len() > MAX_QUERY_TOKENS || code.len() > MAX_QUERY_TOKENS;
    typed.truncate(MAX_QUERY_TOKENS);
    code.truncate(MAX_QUERY_TOKENS);
    let mut plan = Plan {
        code,
        truncated,
        question_mark: query.trim_end().ends_with('?'),
        ..Plan::default()
    };
    let mut tokens: Vec<Typed> = Vec::new();
    // words looked up in the dictionary for a correction
    let mut attempts = 0;
    for token in typed {
        let word = token.text.as_str();
        // question wording is never a typo of a word of the guides
        // (`along` is not `alone`)
        if !is_word(word)
            || vocab.known(word)
            || synonyms.has_word(word)
            || wording::is_wording(word)
        {
            tokens.push(token);
            continue;
        }
        // an English word that WordNet relates to words of the guides
        // (`decide`: decision) is not a typo of one they use (`decode`):
        // it is searched through its relations
        if related(word).iter().any(|r| vocab.known(r.word)) {
            tokens.push(token);
            continue;
        }
        if let Some(parts) = split_letters_digits(word).filter(|p| p.iter().all(|w| vocab.known(w)))
        {
            plan.corrections.push(Correction {
                typed: word.to_string(),
                searched: parts.join(" "),
            });
            for (k, part) in parts.into_iter().enumerate() {
                tokens.push(Typed {
                    text: part,
                    break_before: token.break_before && k == 0,
                    sentence_before: token.sentence_before && k == 0,
                    joined_before: token.joined_before && k == 0,
                    dotted_before: token.dotted_before && k == 0,
                    ..token.clone()
                });
            }
            continue;
        }
        let allowed = if attempts < MAX_CORRECTIONS {
            typos_allowed(word)
        } else {
            0
        };
        if allowed > 0 {
            attempts += 1;
        }
        match nearest(word, allowed, vocab) {
            Some(best) => {
                plan.corrections.push(Correction {
                    typed: word.to_string(),
                    searched: best.clone(),
                });
                tokens.push(Typed {
                    text: best,
                    ..token
                });
            }
            None => {
                if allowed >= SUGGESTION_TYPOS {
                    plan.searched_far.push(word.to_string());
                }
                plan.unknown.push(word.to_string());
                tokens.push(token);
            }
        }
    }
    let words: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
    plan.roles = wording::roles(&tokens);
    plan.keyword_nouns = wording::keyword_nouns(&tokens, &plan.roles);
    // a query of nothing but wording asks about its words that could be
    // content ("what is python", "what is in"); a keyword named as such
    // ("the with statement") is content by itself
    let asked: Vec<usize> = if wording::all_wording(&tokens) {
        (0..words.len())
            .filter(|&i| plan.roles[i] == Role::Content)
            .collect()
    } else {
        (0..words.len()).collect()
    };
    (plan.alternatives, plan.alone) = synonyms.alternatives(&words, &asked);
    // a function named as a call (`int()`, `str()`) is that function, not
    // the thing its name abbreviates ("first missing positive integer")
    plan.alternatives.retain(|a| {
        !a.covers
            .iter()
            .all(|&i| tokens.get(i).is_some_and(|t| t.called))
    });
    plan.alternatives
        .extend(compounds(&words, &plan.roles, vocab));
    plan.sides = wording::sides(&tokens, &plan.roles);
    wording::share_the_last_head(&mut plan.sides, &tokens, |words| synonyms.is_term(words));
    plan.hyphenated = wording::hyphenated(&tokens);
    // a name written as code (`round(2.5)`, `list.reverse()`) is Python's,
    // not the English word's: it has no English relations
    let code: Vec<bool> = (0..tokens.len())
        .map(|i| wording::written_as_code(&tokens, i))
        .collect();
    plan.alternatives.extend(related_words(
        &words,
        &plan.roles,
        &code,
        &plan.alternatives,
        vocab,
    ));
    plan.alternatives.extend(splits(&words, &plan.roles, vocab));
    plan.in_code = tokens.iter().map(|t| t.in_code).collect();
    plan.sentences = tokens
        .iter()
        .scan(0, |sentence, t| {
            *sentence += usize::from(t.sentence_before);
            Some(*sentence)
        })
        .collect();
    plan.words = words;
    plan
}

/// Related English words (WordNet, and a word without its negating prefix)
/// of the content words that no synonym already stands for, when the
/// guides use them and they are not question wording (`usage` is related
/// to `use`, which says nothing).
fn related_words(
    words: &[String],
    roles: &[Role],
    code: &[bool],
    known: &[Alternative],
    vocab: &dyn Vocabulary,
) -> Vec<Alternative> {
    let mut out: Vec<Alternative> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if roles[i] != Role::Content
            || code.get(i).copied().unwrap_or(false)
            || known.iter().any(|a| a.covers.contains(&i))
        {
            continue;
        }
        for r in related(word) {
            let known = vocab.known(r.word) && !wording::is_wording(r.word);
            if known && !out.iter().any(|a| a.phrase[0] == r.word) {
                out.push(Alternative {
                    phrase: vec![r.word.to_string()],
                    covers: vec![i],
                    source: if r.same {
                        Source::Inflection
                    } else {
                        Source::Related
                    },
                });
            }
        }
        // the opposite made with a prefix, when the guides do not use it,
        // is about the same thing: `nonblocking`, blocking (a word they
        // use, `unordered`, is searched as it is: "Ordered" is not its
        // answer)
        if let Some(base) = unprefixed(word)
            && !vocab.known(word)
            && vocab.known(base)
            && !wording::is_wording(base)
            && !out.iter().any(|a| a.phrase[0] == base)
        {
            out.push(Alternative {
                phrase: vec![base.to_string()],
                covers: vec![i],
                source: Source::Related,
            });
        }
    }
    out
}

/// A word without its negating prefix (`nonblocking`: blocking), when what is
/// left is a word of its own; not a keyword (`nonlocal` is not about
/// `local`).
fn unprefixed(word: &str) -> Option<&str> {
    if wording::is_keyword(word) {
        return None;
    }
    /// Shorter rests are too often not words (`under`: der).
    const MIN_REST: usize = 4;
    ["un", "non"]
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix))
        .filter(|rest| rest.len() >= MIN_REST && rest.chars().all(|c| c.is_ascii_lowercase()))
}

/// The index's word closest to `word` within `max_typos` edits: fewest
/// typos, then most frequent (see [`Similar`]).
pub fn nearest(word: &str, max_typos: usize, vocab: &dyn Vocabulary) -> Option<String> {
    if max_typos == 0 {
        return None;
    }
    let mut candidates = vocab.similar(word, max_typos);
    Similar::rank(&mut candidates);
    candidates.into_iter().next().map(|s| s.word)
}

/// Consecutive query words written as one word in the guides: `thread pool
/// executor` also searches `threadpoolexecutor` (and `threadpool`).
/// Wording joins nothing: "me an" is not `mean`.
fn compounds(tokens: &[String], roles: &[Role], vocab: &dyn Vocabulary) -> Vec<Alternative> {
    let mut out = Vec::new();
    for start in 0..tokens.len() {
        for len in 2..=3 {
            let Some(parts) = tokens.get(start..start + len) else {
                break;
            };
            // words only: a code name (`__init__`) is written as it is
            if !parts.iter().all(|t| t.chars().all(char::is_alphanumeric)) {
                break;
            }
            if !roles[start..start + len].contains(&Role::Content) {
                continue;
            }
            let joined = parts.concat();
            if vocab.known(&joined) {
                out.push(Alternative {
                    phrase: vec![joined],
                    covers: (start..start + len).collect(),
                    source: Source::Compound,
                });
            }
        }
    }
    out
}

/// Content words the guides write as two (`namespace`: `name spaces`):
/// each way to cut a word into two words the guides write, searched as a
/// phrase.
fn splits(tokens: &[String], roles: &[Role], vocab: &dyn Vocabulary) -> Vec<Alternative> {
    /// Parts shorter than this are too often pieces of words (`ing`,
    /// `ion`) rather than words of their own.
    const MIN_PART: usize = 4;
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if roles[i] != Role::Content
            || !token.chars().all(|c| c.is_ascii_lowercase())
            || token.len() < 2 * MIN_PART
        {
            continue;
        }
        for cut in MIN_PART..=token.len() - MIN_PART {
            let (left, right) = token.split_at(cut);
            // both halves say something: `pythonstartup` is not "python
            // startup", a startup of Python's
            let says = |part: &str| vocab.written(part) && !wording::is_filler(part);
            if says(left) && says(right) {
                out.push(Alternative {
                    phrase: vec![left.to_string(), right.to_string()],
                    covers: vec![i],
                    source: Source::Compound,
                });
            }
        }
    }
    out
}

/// `pep8` → `pep`, `8`; `py3` → `py`, `3`. `None` when the word does not
/// mix letters and digits.
fn split_letters_digits(word: &str) -> Option<Vec<String>> {
    let mut parts: Vec<String> = Vec::new();
    for c in word.chars() {
        let digit = c.is_ascii_digit();
        match parts.last_mut() {
            Some(last)
                if last
                    .chars()
                    .last()
                    .is_some_and(|p| p.is_ascii_digit() == digit) =>
            {
                last.push(c)
            }
            _ => parts.push(c.to_string()),
        }
    }
    (parts.len() > 1 && !word.contains('_')).then_some(parts)
}

/// Typos a suggestion may have, whatever the word's length.
const SUGGESTION_TYPOS: usize = 2;

/// Close words of the index for the words a query did not find: the
/// "did you mean" of an empty result. Looser than correction: two typos
/// from 3 letters.
pub fn suggestions(plan: &Plan, vocab: &dyn Vocabulary) -> Vec<String> {
    /// Unknown words looked up at most: a few suggestions help, a list of
    /// thirty does not, and each lookup walks the dictionary.
    const SUGGESTED_WORDS: usize = 3;
    let mut out: Vec<String> = Vec::new();
    for word in plan.unknown.iter().take(SUGGESTED_WORDS) {
        if word.chars().count() < 3 || plan.searched_far.contains(word) {
            continue;
        }
        let mut close = vocab.similar(word, SUGGESTION_TYPOS);
        Similar::rank(&mut close);
        for s in close.into_iter().take(3) {
            if s.word.chars().count() >= 3 && !out.contains(&s.word) {
                out.push(s.word);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::typo_distance;

    /// Finds the words of `candidates` within the typos allowed of `word`.
    fn similar_words<'a>(
        word: &str,
        max_typos: usize,
        candidates: impl IntoIterator<Item = (&'a str, u64)>,
    ) -> Vec<Similar> {
        candidates
            .into_iter()
            .filter(|(w, _)| *w != word)
            .filter_map(|(w, doc_freq)| {
                typo_distance(word, w, max_typos).map(|typos| Similar {
                    word: w.to_string(),
                    typos,
                    doc_freq,
                })
            })
            .collect()
    }

    /// A vocabulary of a few words with document frequencies.
    struct Words(Vec<(&'static str, u64)>);

    impl Vocabulary for Words {
        fn known(&self, word: &str) -> bool {
            self.0.iter().any(|(w, _)| *w == word)
        }
        fn similar(&self, word: &str, max_typos: usize) -> Vec<Similar> {
            similar_words(word, max_typos, self.0.iter().copied())
        }
    }

    fn vocab() -> Words {
        Words(vec![
            ("decorator", 40),
            ("decorated", 3),
            ("context", 20),
            ("contest", 1),
            ("manager", 30),
            ("pep", 5),
            ("8", 50),
            ("list", 100),
            ("tuple", 60),
            ("slots", 4),
            ("is", 500),
            ("alone", 2),
            ("through", 9),
        ])
    }

    fn synonyms() -> Synonyms {
        Synonyms::bundled()
    }

    #[test]
    fn compiled_synonyms_match_the_data_file() {
        assert_eq!(
            Synonyms::bundled(),
            Synonyms::from_toml(SYNONYMS_TOML).unwrap()
        );
    }

    #[test]
    fn known_words_are_searched_as_typed() {
        let p = plan("List Tuple", &vocab(), &synonyms());
        assert_eq!(p.words, ["list", "tuple"]);
        assert!(p.corrections.is_empty());
        assert_eq!(p.corrected_query(), None);
    }

    #[test]
    fn a_slice_is_searched_as_slicing() {
        let words = |q: &str| plan(q, &vocab(), &synonyms()).words;
        assert_eq!(
            words("what does [::-1] do"),
            ["what", "does", "slicing", "do"]
        );
        assert_eq!(words("my_list[1:3]"), ["my_list", "slicing"]);
        // an empty slice is one too, and a slice is named once
        assert_eq!(words("x[:]"), ["x", "slicing"]);
        assert_eq!(words("a[1:2] b[3:4]"), ["a", "slicing", "b"]);
        assert_eq!(words("slicing [::-1]"), ["slicing"]);
        // a list and an index are not slices
        assert_eq!(words("[1, 2]"), ["1", "2"]);
        assert_eq!(words("items[0]"), ["items", "0"]);
    }

    #[test]
    fn a_function_named_as_a_call_stands_for_nothing_else() {
        let phrases = |q: &str| -> Vec<String> {
            plan(q, &vocab(), &synonyms())
                .alternatives
                .iter()
                .map(|a| a.phrase.join(" "))
                .collect()
        };
        assert!(phrases("what is an int").contains(&"integer".to_string()));
        assert!(!phrases("what does int() do").contains(&"integer".to_string()));
        // a dotted name's module is still itself ("gc.collect()")
        assert!(phrases("gc.collect()").contains(&"garbage collection".to_string()));
    }

    #[test]
    fn a_question_mark_makes_a_question() {
        assert!(plan("is python case sensitive?", &vocab(), &synonyms()).question_mark);
        assert!(plan("is a list ordered ?  ", &vocab(), &synonyms()).question_mark);
        assert!(!plan("list tuple", &vocab(), &synonyms()).question_mark);
        assert!(!plan("what? no. lists", &vocab(), &synonyms()).question_mark);
    }

    #[test]
    fn typos_are_corrected_to_the_closest_then_most_frequent_word() {
        let p = plan("decorater", &vocab(), &synonyms());
        assert_eq!(p.words, ["decorator"]);
        assert_eq!(p.corrected_query().as_deref(), Some("decorator"));
        // `contex` is one typo from both `context` (20 documents) and `contest` (1)
        let p = plan("contex manager", &vocab(), &synonyms());
        assert_eq!(p.words, ["context", "manager"]);
        assert_eq!(
            p.corrections,
            [Correction {
                typed: "contex".into(),
                searched: "context".into()
            }]
        );
    }

    #[test]
    fn question_wording_is_never_corrected() {
        // `along` and `though` are one letter from `alone` and `through`
        let p = plan(
            "log it along with the traceback though",
            &vocab(),
            &synonyms(),
        );
        assert!(p.corrections.is_empty(), "{:?}", p.corrections);
        assert_eq!(p.roles[2], Role::Filler);
        assert_eq!(p.roles[6], Role::Filler);
    }

    #[test]
    fn short_words_are_never_corrected() {
        let p = plan("lsit", &vocab(), &synonyms());
        assert_eq!(p.words, ["lsit"]);
        assert_eq!(p.unknown, ["lsit"]);
        assert_eq!(
            suggestions(&p, &vocab()),
            ["list"],
            "but they get suggestions"
        );
    }

    #[test]
    fn a_name_written_as_code_has_no_english_relations() {
        let words = Words(vec![("round", 3), ("around", 5), ("circular", 2)]);
        let none = Synonyms::from_toml("groups = []").unwrap();
        let related = |query: &str| {
            plan(query, &words, &none)
                .alternatives
                .into_iter()
                .filter(|a| a.source == Source::Related)
                .count()
        };
        assert!(related("why round") > 0, "the English word");
        assert_eq!(related("why round(2.5)"), 0, "the function");
        assert_eq!(related("why math.round"), 0, "a dotted name");
    }

    #[test]
    fn a_word_without_its_negating_prefix_is_related() {
        let words = Words(vec![
            ("blocking", 5),
            ("local", 5),
            ("unordered", 1),
            ("ordered", 5),
        ]);
        let none = Synonyms::from_toml("groups = []").unwrap();
        // too far from `blocking` to be a typo of it
        let p = plan("why nonblocking", &words, &none);
        assert!(p.alternatives.contains(&Alternative {
            phrase: vec!["blocking".into()],
            covers: vec![1],
            source: Source::Related,
        }));
        // a word the guides use is searched as it is
        let p = plan("why unordered", &words, &none);
        assert!(p.alternatives.is_empty(), "{:?}", p.alternatives);
        assert_eq!(unprefixed("nonlocal"), None, "a keyword is itself");
        assert_eq!(unprefixed("under"), None, "der is no word");
    }

    #[test]
    fn letters_and_digits_are_split_when_the_parts_are_known() {
        let p = plan(
            "pep8",
            &vocab(),
            &Synonyms::from_toml("groups = []").unwrap(),
        );
        assert_eq!(p.words, ["pep", "8"]);
    }

    #[test]
    fn synonyms_add_the_other_members_of_a_group() {
        let p = plan("gil", &Words(vec![("gil", 9)]), &synonyms());
        let gil = Alternative {
            phrase: vec!["global".into(), "interpreter".into(), "lock".into()],
            covers: vec![0],
            source: Source::Synonym,
        };
        assert!(p.alternatives.contains(&gil));
        let p = plan(
            "how does method resolution order work",
            &Words(vec![]),
            &synonyms(),
        );
        let mro = p
            .alternatives
            .iter()
            .find(|a| a.phrase == ["mro"])
            .expect("mro is offered");
        assert_eq!(mro.covers, [2, 3, 4]);
    }

    #[test]
    fn a_hyphenated_term_finds_its_synonym() {
        // the guides say "pass-by-value"; interview lists say either
        let p = plan("is python call-by-value?", &Words(vec![]), &synonyms());
        let pass = p
            .alternatives
            .iter()
            .find(|a| a.phrase == ["pass", "by", "value"])
            .expect("pass by value is offered");
        assert_eq!(pass.covers, [2, 3, 4]);
    }

    #[test]
    fn synonyms_match_plurals() {
        let p = plan("dictionaries", &Words(vec![]), &synonyms());
        assert!(p.alternatives.iter().any(|a| a.phrase == ["dict"]));
        assert_eq!(singular("classes"), "class");
        assert_eq!(singular("process"), "process");
        assert_eq!(singular("is"), "is");
    }

    #[test]
    fn words_written_together_in_the_guides_are_joined() {
        let v = Words(vec![
            ("thread", 9),
            ("pool", 3),
            ("executor", 4),
            ("threadpoolexecutor", 2),
        ]);
        let p = plan(
            "thread pool executor",
            &v,
            &Synonyms::from_toml("groups = []").unwrap(),
        );
        assert_eq!(
            p.alternatives,
            [Alternative {
                phrase: vec!["threadpoolexecutor".into()],
                covers: vec![0, 1, 2],
                source: Source::Compound,
            }]
        );
        // wording joins nothing: "me an" is not `mean`
        let v = Words(vec![("mean", 9), ("decorator", 3)]);
        let p = plan(
            "give me an example of a decorator",
            &v,
            &Synonyms::from_toml("groups = []").unwrap(),
        );
        assert_eq!(p.alternatives, []);
    }

    #[test]
    fn words_written_apart_in_the_guides_are_split() {
        let v = Words(vec![("name", 9), ("space", 3), ("namespace", 1)]);
        let p = plan(
            "namespace",
            &v,
            &Synonyms::from_toml("groups = []").unwrap(),
        );
        assert_eq!(
            p.alternatives,
            [Alternative {
                phrase: vec!["name".into(), "space".into()],
                covers: vec![0],
                source: Source::Compound,
            }]
        );
        // a half that is wording says nothing: no "python startup"
        let v = Words(vec![("python", 90), ("startup", 2)]);
        let p = plan(
            "pythonstartup",
            &v,
            &Synonyms::from_toml("groups = []").unwrap(),
        );
        assert_eq!(p.alternatives, []);
    }

    #[test]
    fn alone_words_expand_only_when_alone() {
        let membership = |p: &Plan| p.alternatives.iter().any(|a| a.phrase == ["membership"]);
        assert!(membership(&plan("in", &vocab(), &synonyms())));
        assert!(plan("in", &vocab(), &synonyms()).alone);
        // worded as a question, the word is still asked about alone
        assert!(membership(&plan("what is in", &vocab(), &synonyms())));
        assert!(plan("what is in?", &vocab(), &synonyms()).alone);
        // but not a keyword named as one, which says what it asks
        assert!(!plan("the 'in' operator", &vocab(), &synonyms()).alone);
        assert!(!membership(&plan(
            "strings in python",
            &vocab(),
            &synonyms()
        )));
    }

    #[test]
    fn code_shapes_are_kept() {
        let p = plan("__slots__", &vocab(), &synonyms());
        assert_eq!(p.code, ["__slots__"]);
        assert_eq!(p.words, ["__slots__"]);
        let p = plan("is vs ==", &vocab(), &synonyms());
        assert_eq!(p.code, ["=="]);
        assert_eq!(p.words, ["is", "vs", "=="]);
    }

    #[test]
    fn long_queries_are_cut() {
        let long = "list ".repeat(10_000);
        let p = plan(&long, &vocab(), &synonyms());
        assert!(p.truncated);
        assert_eq!(p.words.len(), MAX_QUERY_TOKENS);
        assert!(!plan("list tuple", &vocab(), &synonyms()).truncated);
    }

    #[test]
    fn wording_and_comparisons_are_planned() {
        let p = plan(
            "What's the difference between a list and a tuple?",
            &vocab(),
            &synonyms(),
        );
        let content: Vec<&str> = p
            .words
            .iter()
            .zip(&p.roles)
            .filter(|(_, r)| **r == Role::Content)
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(content, ["list", "tuple"]);
        let sides: Vec<Vec<&str>> = p
            .sides
            .iter()
            .map(|s| s.iter().map(|&i| p.words[i].as_str()).collect())
            .collect();
        assert_eq!(sides, [["list"], ["tuple"]]);
    }

    #[test]
    fn related_english_words_are_offered_when_the_guides_use_them() {
        let v = Words(vec![("convert", 2), ("conversion", 5)]);
        let p = plan("how do i convert a number", &v, &synonyms());
        let conversion = p
            .alternatives
            .iter()
            .find(|a| a.phrase == ["conversion"])
            .expect("conversion is offered");
        assert_eq!(
            (conversion.covers.as_slice(), conversion.source),
            (&[3][..], Source::Related)
        );
        let p = plan("how do i convert a number", &Words(vec![]), &synonyms());
        assert!(p.alternatives.iter().all(|a| a.source != Source::Related));
    }

    #[test]
    fn a_query_of_punctuation_plans_nothing() {
        assert!(plan("?!.,", &vocab(), &synonyms()).is_empty());
    }
}
