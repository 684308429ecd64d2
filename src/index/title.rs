//! What ranking reads of a title, worked out once when a guide is indexed
//! rather than for every candidate of every query: its stems, the stems of
//! its content words, its code tokens, its words as written and the
//! question word it opens with. Kept in the index with the title, as one
//! string ([`TitleFacts::encode`]), so that a candidate's title and facts
//! are read together. Pure, but for the stemmer's memory.

use super::stem::Stemmer;
use crate::terms::code_tokens;
use crate::wording::question::{self as wording, Role, Typed};

/// Ends each token of an encoded list, so that an empty stem keeps its
/// place. Neither it nor [`FIELD`] is kept in a token (a title holding
/// one, from a broken guide, loses it).
const END: char = '\u{1f}';
/// Separates the title and the lists of an encoded title. The title, read
/// back up to the last [`LISTS`] separators, may hold it.
const FIELD: char = '\n';
/// The lists of the facts, each ended by [`FIELD`]; the question word
/// follows the last.
const LISTS: usize = 4;

/// What ranking reads of a title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleFacts {
    /// Stems of the title, in order.
    pub stems: Vec<String>,
    /// Stems of its content words: its question wording and its numbering
    /// (`29. Docstrings`) left out.
    pub content: Vec<String>,
    /// Its code tokens (`__init__`, `==`).
    pub code: Vec<String>,
    /// Its words as written (lowercase), as a query's are cut.
    pub words: Vec<String>,
    /// The question word it opens with, when it asks a question.
    pub kind: Option<String>,
}

impl TitleFacts {
    /// Works out the facts of `title`.
    pub fn of(title: &str, stemmer: &mut Stemmer) -> TitleFacts {
        let tokens = wording::typed_tokens(title);
        TitleFacts {
            stems: stemmer.stems(title),
            content: content_stems(&tokens, stemmer),
            code: code_tokens(title),
            kind: wording::question_kind(&tokens),
            words: tokens.into_iter().map(|t| t.text).collect(),
        }
    }

    /// `title` and its facts as one string, for the index: the title
    /// first, so that values sort by title, then each list, then the
    /// question word.
    pub fn encode(&self, title: &str) -> String {
        let mut out = String::from(title);
        out.push(FIELD);
        for list in [&self.stems, &self.content, &self.code, &self.words] {
            for token in list {
                out.extend(token.chars().filter(|&c| c != END && c != FIELD));
                out.push(END);
            }
            out.push(FIELD);
        }
        out.push_str(self.kind.as_deref().unwrap_or_default());
        out
    }

    /// The title and facts [`TitleFacts::encode`] wrote; `None` for a
    /// string it did not write.
    pub fn decode(encoded: &str) -> Option<(&str, TitleFacts)> {
        let (at, _) = encoded.rmatch_indices(FIELD).nth(LISTS)?;
        let (title, facts) = (&encoded[..at], &encoded[at + 1..]);
        let mut fields = facts.split(FIELD);
        let mut list = || -> Option<Vec<String>> {
            Some(
                fields
                    .next()?
                    .split_terminator(END)
                    .map(str::to_string)
                    .collect(),
            )
        };
        let (stems, content, code, words) = (list()?, list()?, list()?, list()?);
        let kind = fields.next()?;
        let facts = TitleFacts {
            stems,
            content,
            code,
            words,
            kind: (!kind.is_empty()).then(|| kind.to_string()),
        };
        Some((title, facts))
    }
}

/// The stems of a title's content words (its question wording and its
/// numbering, as in `29. Docstrings`, left out), from the title cut into
/// tokens.
fn content_stems(tokens: &[Typed], stemmer: &mut Stemmer) -> Vec<String> {
    let numbered = tokens
        .first()
        .is_some_and(|t| t.text.chars().all(|c| c.is_ascii_digit()));
    let tokens = &tokens[usize::from(numbered)..];
    let roles = wording::roles(tokens);
    tokens
        .iter()
        .zip(roles)
        .filter(|(_, r)| *r == Role::Content)
        .flat_map(|(t, _)| stemmer.stems(&t.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_content_leaves_wording_out() {
        let mut s = Stemmer::default();
        let mut content = |title: &str| TitleFacts::of(title, &mut s).content;
        assert_eq!(content("What is a decorator?"), ["decor"]);
        assert_eq!(content("29. Docstrings"), ["docstr"]);
        assert_eq!(
            content("What's the difference between list and tuple?"),
            ["list", "tupl"]
        );
    }

    #[test]
    fn a_title_s_facts() {
        let facts = TitleFacts::of("How does __init__ work?", &mut Stemmer::default());
        assert_eq!(facts.stems, ["how", "doe", "init", "work"]);
        assert_eq!(facts.code, ["__init__"]);
        assert_eq!(facts.words, ["how", "does", "__init__", "work"]);
        assert_eq!(facts.kind.as_deref(), Some("how"));
    }

    #[test]
    fn facts_come_back_as_they_were_encoded() {
        let mut s = Stemmer::default();
        for title in [
            "What is the GIL?",
            "29. Docstrings",
            "",
            "`==` vs `is`",
            "Lists",
        ] {
            let facts = TitleFacts::of(title, &mut s);
            let encoded = facts.encode(title);
            assert_eq!(
                TitleFacts::decode(&encoded),
                Some((title, facts)),
                "{title}"
            );
        }
        // a title holding the separator keeps it
        let facts = TitleFacts::of("two\nlines", &mut s);
        let encoded = facts.encode("two\nlines");
        assert_eq!(TitleFacts::decode(&encoded), Some(("two\nlines", facts)));
        // an empty stem keeps its place; no question word is none
        let odd = TitleFacts {
            stems: vec!["a".into(), String::new(), "b".into()],
            ..TitleFacts::default()
        };
        assert_eq!(TitleFacts::decode(&odd.encode("t")), Some(("t", odd)));
        // a separator in a token is dropped, not taken for one
        let broken = TitleFacts {
            words: vec!["a\u{1f}b".into(), "c\nd".into()],
            ..TitleFacts::default()
        };
        let encoded = broken.encode("t");
        let (_, back) = TitleFacts::decode(&encoded).expect("decodes");
        assert_eq!(back.words, ["ab", "cd"]);
    }

    #[test]
    fn a_string_it_did_not_write_is_refused() {
        assert_eq!(TitleFacts::decode("just a title"), None);
        assert_eq!(TitleFacts::decode("a\nb\nc\nwhat"), None);
    }
}
