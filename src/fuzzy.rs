//! Fuzzy filtering of titles as the user types, for the picker: fzf's
//! matching (nucleo) and syntax (`'exact`, `^prefix`, `suffix$`, `!not`),
//! made tolerant of typos with the index's own vocabulary. A word that the
//! index does not know and that is close to one it does (`decorater`) is
//! also tried corrected; each title keeps the better of the two scores, so a
//! word still being typed (`decor`) loses nothing. Pure: no terminal.

use std::cmp::Reverse;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::query::{Vocabulary, nearest};
use crate::terms::typos_allowed;

/// Titles to filter, prepared once.
pub struct Fuzzy {
    titles: Vec<Utf32String>,
    matcher: Matcher,
    /// The patterns of the last filter: as typed, and corrected.
    patterns: Vec<Pattern>,
}

/// The result of filtering.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filtered {
    /// Indices of the matching titles, best first (all, in order, for an
    /// empty query).
    pub order: Vec<usize>,
    /// The query with its typos corrected, when that was tried.
    pub corrected: Option<String>,
}

impl Fuzzy {
    pub fn new<S: AsRef<str>>(titles: impl IntoIterator<Item = S>) -> Fuzzy {
        Fuzzy {
            titles: titles
                .into_iter()
                .map(|t| Utf32String::from(t.as_ref()))
                .collect(),
            matcher: Matcher::new(Config::DEFAULT),
            patterns: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.titles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.titles.is_empty()
    }

    /// The titles that match `query`, best first; ties keep their order.
    pub fn filter(&mut self, query: &str, vocab: &dyn Vocabulary) -> Filtered {
        self.patterns.clear();
        let typed = parse(query);
        if typed.atoms.is_empty() {
            return Filtered {
                order: (0..self.titles.len()).collect(),
                corrected: None,
            };
        }
        let corrected = correct(query, vocab);
        self.patterns.push(typed);
        self.patterns.extend(corrected.as_deref().map(parse));
        let mut scored: Vec<(usize, u32)> = Vec::new();
        for (i, title) in self.titles.iter().enumerate() {
            let haystack = title.slice(..);
            let best = self
                .patterns
                .iter()
                .filter_map(|p| p.score(haystack, &mut self.matcher))
                .max();
            if let Some(score) = best {
                scored.push((i, score));
            }
        }
        scored.sort_by_key(|&(i, score)| (Reverse(score), i));
        Filtered {
            order: scored.into_iter().map(|(i, _)| i).collect(),
            corrected,
        }
    }

    /// Character positions of title `index` that the last filter's query
    /// (or its correction) matched, sorted, for highlighting.
    pub fn positions(&mut self, index: usize) -> Vec<usize> {
        let Some(title) = self.titles.get(index) else {
            return Vec::new();
        };
        let mut best: Option<(u32, Vec<u32>)> = None;
        for pattern in &self.patterns {
            let mut indices = Vec::new();
            if let Some(score) = pattern.indices(title.slice(..), &mut self.matcher, &mut indices)
                && best.as_ref().is_none_or(|(s, _)| score > *s)
            {
                best = Some((score, indices));
            }
        }
        let mut indices: Vec<usize> = best
            .map(|(_, i)| i.into_iter().map(|i| i as usize).collect())
            .unwrap_or_default();
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

/// Case is ignored: titles capitalise words at random (and nucleo-matcher
/// 0.3 misses case-sensitive `^Prefix` atoms).
fn parse(query: &str) -> Pattern {
    Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart)
}

/// `query` with each plain word that the index does not know replaced by
/// the closest word it does; `None` when nothing changed.
fn correct(query: &str, vocab: &dyn Vocabulary) -> Option<String> {
    let mut changed = false;
    let words: Vec<String> = query
        .split_whitespace()
        .map(|word| {
            let lower = word.to_lowercase();
            if !lower.chars().all(char::is_alphanumeric) || vocab.known(&lower) {
                return word.to_string();
            }
            match nearest(&lower, typos_allowed(&lower), vocab) {
                Some(best) => {
                    changed = true;
                    best
                }
                None => word.to_string(),
            }
        })
        .collect();
    changed.then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Similar;
    use crate::terms::typo_distance;

    /// A vocabulary of a few words.
    struct Words(&'static [&'static str]);

    impl Vocabulary for Words {
        fn known(&self, word: &str) -> bool {
            self.0.contains(&word)
        }
        fn similar(&self, word: &str, max_typos: usize) -> Vec<Similar> {
            self.0
                .iter()
                .filter_map(|w| {
                    let typos = typo_distance(word, w, max_typos)?;
                    Some(Similar {
                        word: w.to_string(),
                        typos,
                        doc_freq: 1,
                    })
                })
                .collect()
        }
    }

    const VOCAB: Words = Words(&["decorator", "decorators", "generator", "threading", "the"]);

    const TITLES: &[&str] = &[
        "What is the GIL?",
        "Decorators with arguments",
        "Generators and yield",
        "Explain Python decorators",
        "Threading versus multiprocessing",
    ];

    fn titles(f: &Filtered) -> Vec<&'static str> {
        f.order.iter().map(|&i| TITLES[i]).collect()
    }

    #[test]
    fn an_empty_query_keeps_everything_in_order() {
        let mut fuzzy = Fuzzy::new(TITLES);
        assert_eq!(fuzzy.filter("  ", &VOCAB).order, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn letters_in_order_match_and_the_closest_ranks_first() {
        let mut fuzzy = Fuzzy::new(TITLES);
        let f = fuzzy.filter("deco", &VOCAB);
        assert_eq!(
            titles(&f),
            ["Decorators with arguments", "Explain Python decorators"]
        );
        assert_eq!(f.corrected, None);
        assert_eq!(
            titles(&fuzzy.filter("gnrtr", &VOCAB)),
            ["Generators and yield"]
        );
        assert_eq!(titles(&fuzzy.filter("thr mult", &VOCAB)), [TITLES[4]]);
    }

    #[test]
    fn typos_are_forgiven_through_the_vocabulary() {
        let mut fuzzy = Fuzzy::new(TITLES);
        let f = fuzzy.filter("decroator", &VOCAB);
        assert_eq!(f.corrected.as_deref(), Some("decorator"));
        assert!(titles(&f).contains(&"Explain Python decorators"));
        let f = fuzzy.filter("threadnig", &VOCAB);
        assert_eq!(titles(&f), [TITLES[4]]);
    }

    #[test]
    fn fzf_syntax_works() {
        let mut fuzzy = Fuzzy::new(TITLES);
        assert_eq!(titles(&fuzzy.filter("^Gen", &VOCAB)), [TITLES[2]]);
        assert_eq!(
            titles(&fuzzy.filter("decorators !with", &VOCAB)),
            [TITLES[3]]
        );
        assert!(fuzzy.filter("'xyz", &VOCAB).order.is_empty());
    }

    #[test]
    fn positions_mark_the_matched_characters() {
        let mut fuzzy = Fuzzy::new(TITLES);
        fuzzy.filter("gil", &VOCAB);
        assert_eq!(fuzzy.positions(0), [12, 13, 14]);
        fuzzy.filter("threadnig", &VOCAB);
        assert_eq!(fuzzy.positions(4).len(), 9, "through the correction");
        assert!(fuzzy.positions(99).is_empty());
    }
}
