//! The vocabulary tokenizer: words of letters, digits and `_`, cut exactly
//! as `terms::words` cuts them, so that `lru_cache` and `__init__` are words
//! of the index's vocabulary just as they are words of a query.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    next: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            next: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.next..];
        let Some(start) = rest.find(is_word_char) else {
            self.next = self.text.len();
            return false;
        };
        let start = self.next + start;
        let end = self.text[start..]
            .find(|c| !is_word_char(c))
            .map_or(self.text.len(), |e| start + e);
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.next = end;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::words;

    fn cut(text: &str) -> Vec<String> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn cuts_like_terms_words() {
        for text in [
            "",
            "  ",
            "__init__.py, lru_cache & f-strings!",
            "café — naïve 3.14 x",
            "end_",
        ] {
            let expected: Vec<String> = words(text).map(str::to_string).collect();
            assert_eq!(cut(text), expected, "{text:?}");
        }
    }

    #[test]
    fn positions_count_words() {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream("a b c");
        let mut positions = Vec::new();
        while stream.advance() {
            positions.push(stream.token().position);
        }
        assert_eq!(positions, [0, 1, 2]);
    }
}
