//! The index's own words, for correcting and suggesting query words.

use std::collections::HashMap;

use tantivy::Term;
use tantivy::schema::Field;

use super::Library;
use crate::query::{Similar, Vocabulary, similar_words};
use crate::search::stem;

impl Library {
    fn doc_freq(&self, field: Field, word: &str) -> u64 {
        self.searcher()
            .doc_freq(&Term::from_field_text(field, word))
            .unwrap_or(0)
    }
}

impl Vocabulary for Library {
    fn known(&self, word: &str) -> bool {
        let f = self.fields;
        self.doc_freq(f.words, word) > 0 || {
            let stemmed = stem(word);
            [f.title, f.text, f.path]
                .into_iter()
                .any(|field| self.doc_freq(field, &stemmed) > 0)
        }
    }

    fn similar(&self, word: &str, max_typos: usize) -> Vec<Similar> {
        if max_typos == 0 {
            return Vec::new();
        }
        // Every word of the index with its document count, summed over segments.
        let mut counts: HashMap<String, u64> = HashMap::new();
        for segment in self.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut terms) = inverted.terms().stream() else {
                continue;
            };
            while terms.advance() {
                if let Ok(w) = std::str::from_utf8(terms.key()) {
                    *counts.entry(w.to_string()).or_default() += u64::from(terms.value().doc_freq);
                }
            }
        }
        similar_words(
            word,
            max_typos,
            counts.iter().map(|(w, n)| (w.as_str(), *n)),
        )
    }
}
