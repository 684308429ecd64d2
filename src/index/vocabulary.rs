//! The index's own words, for correcting and suggesting query words.
//! Close words come from the term dictionary's FST intersected with a
//! Levenshtein automaton, so the cost grows with the query, not with the
//! vocabulary.

use std::collections::HashMap;

use tantivy::Term;
use tantivy::query::FuzzyTermQuery;

use super::Library;
use super::stem::Stemmer;
use crate::terms::typo_distance;

/// What the index knows about words.
pub trait Vocabulary {
    /// Whether any document has this (lowercase) word, as written or stemmed.
    fn known(&self, word: &str) -> bool;
    /// Whether any document has this (lowercase) word as written, not only
    /// as a word of the same stem.
    fn written(&self, word: &str) -> bool {
        self.known(word)
    }
    /// Words of the index within `max_typos` edits of `word` (an adjacent
    /// transposition is one edit), other than `word` itself.
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
    pub fn rank(list: &mut [Similar]) {
        list.sort_by(|a, b| {
            a.typos
                .cmp(&b.typos)
                .then(b.doc_freq.cmp(&a.doc_freq))
                .then(a.word.cmp(&b.word))
        });
    }
}

/// Levenshtein automata are built for at most this many typos (tantivy's
/// own limit, and the most the typo rule ever allows).
const MAX_AUTOMATON_TYPOS: usize = 2;

impl Vocabulary for Library {
    fn known(&self, word: &str) -> bool {
        let f = self.fields;
        let searcher = self.searcher();
        let has = |field, text: &str| {
            searcher
                .doc_freq(&Term::from_field_text(field, text))
                .unwrap_or(0)
                > 0
        };
        has(f.words, word) || {
            let stemmed = Stemmer::default().stem(word);
            f.stemmed().into_iter().any(|field| has(field, &stemmed))
        }
    }

    fn written(&self, word: &str) -> bool {
        self.searcher()
            .doc_freq(&Term::from_field_text(self.fields.words, word))
            .unwrap_or(0)
            > 0
    }

    fn similar(&self, word: &str, max_typos: usize) -> Vec<Similar> {
        let max_typos = max_typos.min(MAX_AUTOMATON_TYPOS);
        if max_typos == 0 || word.is_empty() {
            return Vec::new();
        }
        let query = FuzzyTermQuery::new(
            Term::from_field_text(self.fields.words, word),
            max_typos as u8,
            true,
        );
        let Ok(automaton) = query.automaton() else {
            return Vec::new();
        };
        // Only the words the automaton accepts are visited, summed over
        // segments.
        let mut close: HashMap<String, Similar> = HashMap::new();
        for segment in self.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut terms) = inverted.terms().search(&automaton).into_stream() else {
                continue;
            };
            while terms.advance() {
                let Ok(candidate) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if candidate == word {
                    continue;
                }
                let Some(typos) = typo_distance(word, candidate, max_typos) else {
                    continue;
                };
                let doc_freq = u64::from(terms.value().doc_freq);
                close
                    .entry(candidate.to_string())
                    .and_modify(|s| s.doc_freq += doc_freq)
                    .or_insert(Similar {
                        word: candidate.to_string(),
                        typos,
                        doc_freq,
                    });
            }
        }
        close.into_values().collect()
    }
}
