//! The index's own words, for correcting and suggesting query words.

use std::collections::HashMap;

use tantivy::Term;
use tantivy::schema::Field;

use super::Library;
use crate::query::{Similar, Vocabulary};
use crate::search::stem;
use crate::terms::typo_distance;

impl Library {
    fn doc_freq(&self, field: Field, word: &str) -> u64 {
        self.searcher()
            .doc_freq(&Term::from_field_text(field, word))
            .unwrap_or(0)
    }
}

/// Answers read from a damaged index count as "no such word": the search
/// that follows notices the damage and says so.
impl Vocabulary for Library {
    fn known(&self, word: &str) -> bool {
        super::guarded(|| self.known_unguarded(word)).unwrap_or(false)
    }

    fn similar(&self, word: &str, max_typos: usize) -> Vec<Similar> {
        super::guarded(|| self.similar_unguarded(word, max_typos)).unwrap_or_default()
    }
}

impl Library {
    fn known_unguarded(&self, word: &str) -> bool {
        let f = self.fields;
        self.doc_freq(f.words, word) > 0 || {
            let stemmed = stem(word);
            [f.title, f.text, f.path]
                .into_iter()
                .any(|field| self.doc_freq(field, &stemmed) > 0)
        }
    }

    fn similar_unguarded(&self, word: &str, max_typos: usize) -> Vec<Similar> {
        if max_typos == 0 {
            return Vec::new();
        }
        // Scan the words of every segment; only those close enough are kept,
        // with their document counts summed over segments.
        let chars = word.chars().count();
        let mut close: HashMap<String, Similar> = HashMap::new();
        for segment in self.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut terms) = inverted.terms().stream() else {
                continue;
            };
            while terms.advance() {
                let Ok(candidate) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                // a cheap length test before the edit distance
                if candidate.len().abs_diff(word.len()) > max_typos * 4
                    || candidate.chars().count().abs_diff(chars) > max_typos
                    || candidate == word
                {
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
