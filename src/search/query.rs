//! Query analysis: what the user typed becomes what pyq searches for —
//! typos corrected against the index's own words, synonyms and acronyms
//! added from `index/synonyms.toml`, code names (`__slots__`, `==`) kept.
//! Pure: the index is reached only through the [`Vocabulary`] trait.

use std::collections::HashMap;

use serde::Deserialize;

use crate::terms::{code_tokens, query_tokens, typos_allowed};

/// The bundled synonyms.
pub const SYNONYMS_TOML: &str = include_str!("../index/synonyms.toml");

/// What the index knows about words.
pub trait Vocabulary {
    /// Whether any document has this (lowercase) word, as written or stemmed.
    fn known(&self, word: &str) -> bool;
    /// Words of the index within `max_typos` edits of `word`.
    fn similar(&self, word: &str, max_typos: usize) -> Vec<Similar>;
}

/// A word of the index close to a query word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Similar {
    pub word: String,
    pub typos: usize,
    /// Documents holding the word.
    pub doc_freq: u64,
}

impl Similar {
    /// Best first: fewest typos, then most frequent, then alphabetical.
    fn rank(list: &mut [Similar]) {
        list.sort_by(|a, b| {
            a.typos
                .cmp(&b.typos)
                .then(b.doc_freq.cmp(&a.doc_freq))
                .then(a.word.cmp(&b.word))
        });
    }
}

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

    /// Whether `word` is a one-word member of some group.
    fn has_word(&self, word: &str) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|p| p.len() == 1 && p[0] == word)
    }

    /// The alternatives for a query's tokens: the other members of every
    /// group a member of which appears in it, and the expansions of a query
    /// that is a single `alone` word.
    fn alternatives(&self, tokens: &[String]) -> (Vec<Alternative>, bool) {
        let mut out: Vec<Alternative> = Vec::new();
        let alone = self.alone.iter().any(|(key, _)| key.as_slice() == tokens);
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
                }),
            }
        };
        for (key, expansions) in &self.alone {
            if key.as_slice() == tokens {
                let all: Vec<usize> = (0..tokens.len()).collect();
                expansions.iter().for_each(|e| add(e, &all));
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

/// The token positions covered by every occurrence of `phrase` in `tokens`.
fn phrase_positions(tokens: &[String], phrase: &[String]) -> Vec<usize> {
    if phrase.is_empty() || phrase.len() > tokens.len() {
        return Vec::new();
    }
    (0..=tokens.len() - phrase.len())
        .filter(|&start| tokens[start..start + phrase.len()] == *phrase)
        .flat_map(|start| start..start + phrase.len())
        .collect()
}

/// Another way to say part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    /// Words (or operators) of the synonym.
    pub phrase: Vec<String>,
    /// Positions of the query tokens it stands for.
    pub covers: Vec<usize>,
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
    /// Code-shaped tokens of the query (`__slots__`, `*args`, `==`).
    pub code: Vec<String>,
    /// Synonyms and expansions.
    pub alternatives: Vec<Alternative>,
    pub corrections: Vec<Correction>,
    /// Words the index does not know and that nothing close corrects.
    pub unknown: Vec<String>,
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
/// Unknown words corrected at most per query.
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

/// Analyses a query.
pub fn plan(query: &str, vocab: &dyn Vocabulary, synonyms: &Synonyms) -> Plan {
    let lower = query.to_lowercase();
    let mut typed = query_tokens(&lower);
    let mut code = code_tokens(query);
    let truncated = typed.len() > MAX_QUERY_TOKENS || code.len() > MAX_QUERY_TOKENS;
    typed.truncate(MAX_QUERY_TOKENS);
    code.truncate(MAX_QUERY_TOKENS);
    let mut plan = Plan {
        code,
        truncated,
        ..Plan::default()
    };
    let mut tokens: Vec<String> = Vec::new();
    for token in typed {
        if !is_word(&token) || vocab.known(&token) || synonyms.has_word(&token) {
            tokens.push(token);
            continue;
        }
        if let Some(parts) =
            split_letters_digits(&token).filter(|p| p.iter().all(|w| vocab.known(w)))
        {
            plan.corrections.push(Correction {
                typed: token.clone(),
                searched: parts.join(" "),
            });
            tokens.extend(parts);
            continue;
        }
        let allowed = if plan.corrections.len() < MAX_CORRECTIONS {
            typos_allowed(&token)
        } else {
            0
        };
        match nearest(&token, allowed, vocab) {
            Some(best) => {
                plan.corrections.push(Correction {
                    typed: token.clone(),
                    searched: best.clone(),
                });
                tokens.push(best);
            }
            None => {
                plan.unknown.push(token.clone());
                tokens.push(token);
            }
        }
    }
    (plan.alternatives, plan.alone) = synonyms.alternatives(&tokens);
    plan.alternatives.extend(compounds(&tokens, vocab));
    plan.words = tokens;
    plan
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
fn compounds(tokens: &[String], vocab: &dyn Vocabulary) -> Vec<Alternative> {
    let mut out = Vec::new();
    for start in 0..tokens.len() {
        for len in 2..=3 {
            let Some(parts) = tokens.get(start..start + len) else {
                break;
            };
            if !parts.iter().all(|t| is_word(t)) {
                break;
            }
            let joined = parts.concat();
            if vocab.known(&joined) {
                out.push(Alternative {
                    phrase: vec![joined],
                    covers: (start..start + len).collect(),
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

/// Close words of the index for the words a query did not find: the
/// "did you mean" of an empty result. Looser than correction: two typos
/// from 3 letters.
pub fn suggestions(plan: &Plan, vocab: &dyn Vocabulary) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in &plan.unknown {
        if word.chars().count() < 3 {
            continue;
        }
        let mut close = vocab.similar(word, 2);
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
                covers: vec![0, 1, 2]
            }]
        );
    }

    #[test]
    fn alone_words_expand_only_when_alone() {
        let membership = |p: &Plan| p.alternatives.iter().any(|a| a.phrase == ["membership"]);
        assert!(membership(&plan("in", &vocab(), &synonyms())));
        assert!(plan("in", &vocab(), &synonyms()).alone);
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
    fn a_query_of_punctuation_plans_nothing() {
        assert!(plan("?!.,", &vocab(), &synonyms()).is_empty());
    }
}
