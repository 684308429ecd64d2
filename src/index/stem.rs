//! The stemmer of the index: the words of titles, paths and bodies are
//! indexed as their English stems, and a query is stemmed the same way.

use std::collections::HashMap;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::schema::{word_splitter, word_stemmer};

/// Turns text into the stems the index uses (split, lowercased, stemmed).
/// One stemmer serves many calls and remembers each word's stem: indexing
/// stems the title of every document, and titles share most words; a
/// query stems its words and the alternatives found for them.
pub struct Stemmer {
    split: TextAnalyzer,
    stem: TextAnalyzer,
    known: HashMap<String, String>,
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer {
            split: word_splitter(),
            stem: word_stemmer(),
            known: HashMap::new(),
        }
    }
}

impl Stemmer {
    /// The stems of `text`'s words, in order: what the index's analyzer
    /// makes of it.
    pub fn stems(&mut self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut words = self.split.token_stream(text);
        while let Some(word) = words.next() {
            if let Some(stem) = self.known.get(&word.text) {
                out.push(stem.clone());
                continue;
            }
            let mut one = self.stem.token_stream(&word.text);
            let stem = one.next().map_or_else(String::new, |t| t.text.clone());
            self.known.insert(word.text.clone(), stem.clone());
            out.push(stem);
        }
        out
    }

    /// The stem of one word (the word itself when it has none).
    pub fn stem(&mut self, word: &str) -> String {
        self.stems(word)
            .into_iter()
            .next()
            .unwrap_or_else(|| word.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::analyzer;

    #[test]
    fn words_become_their_stems() {
        let mut s = Stemmer::default();
        assert_eq!(s.stems("Decorators decorate"), ["decor", "decor"]);
        assert_eq!(s.stem("threads"), "thread");
        assert_eq!(s.stem("=="), "==", "a word without a stem is itself");
    }

    #[test]
    fn remembered_stems_are_the_analyzers() {
        let texts = [
            "What's the difference between threads and processes?",
            "Threading THREADS threaded: __init__ self.x2 café naïve Straße",
            "ÀÉÎ İstanbul ǅemal",
            &"x".repeat(60),
            "a-b_c d.e f/g 3.14 2024",
        ];
        let mut remembering = Stemmer::default();
        for round in 0..2 {
            for text in texts {
                let mut whole = analyzer();
                let mut stream = whole.token_stream(text);
                let mut expected = Vec::new();
                while let Some(t) = stream.next() {
                    expected.push(t.text.clone());
                }
                assert_eq!(
                    remembering.stems(text),
                    expected,
                    "{text:?} (round {round})"
                );
            }
        }
    }
}
