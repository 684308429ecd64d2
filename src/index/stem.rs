//! The stemmer of the index: the words of titles, paths and bodies are
//! indexed as their English stems, and a query is stemmed the same way.

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::schema::analyzer;

/// Turns text into the stems the index uses (split, lowercased, stemmed);
/// one analyzer serves many calls.
pub struct Stemmer(TextAnalyzer);

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer(analyzer())
    }
}

impl Stemmer {
    pub fn stems(&mut self, text: &str) -> Vec<String> {
        let mut stream = self.0.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
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

    #[test]
    fn words_become_their_stems() {
        let mut s = Stemmer::default();
        assert_eq!(s.stems("Decorators decorate"), ["decor", "decor"]);
        assert_eq!(s.stem("threads"), "thread");
        assert_eq!(s.stem("=="), "==", "a word without a stem is itself");
    }
}
