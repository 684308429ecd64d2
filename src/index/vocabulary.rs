//! The index's own words, for correcting and suggesting query words.
//! Close words come from the term dictionary's FST intersected with a
//! Levenshtein automaton, so the cost grows with the query, not with the
//! vocabulary: the automaton ([`Typos`]) computes the edit distance of the
//! prefix walked so far, row by row, and the walk leaves every branch of
//! the FST whose prefix is already too far from the word.

use std::collections::HashMap;

use tantivy::Term;
use tantivy::query::FuzzyTermQuery;
use tantivy::termdict::TermDictionary;
use tantivy_fst::Automaton;

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

/// Answers read from a damaged index count as "no such word": the search
/// that follows notices the damage and says so.
impl Vocabulary for Library {
    fn known(&self, word: &str) -> bool {
        super::guarded(|| self.known_unguarded(word)).unwrap_or(false)
    }

    fn written(&self, word: &str) -> bool {
        super::guarded(|| self.written_unguarded(word)).unwrap_or(false)
    }

    fn similar(&self, word: &str, max_typos: usize) -> Vec<Similar> {
        super::guarded(|| self.similar_unguarded(word, max_typos)).unwrap_or_default()
    }
}

impl Library {
    fn known_unguarded(&self, word: &str) -> bool {
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

    fn written_unguarded(&self, word: &str) -> bool {
        self.searcher()
            .doc_freq(&Term::from_field_text(self.fields.words, word))
            .unwrap_or(0)
            > 0
    }

    fn similar_unguarded(&self, word: &str, max_typos: usize) -> Vec<Similar> {
        let max_typos = max_typos.min(MAX_AUTOMATON_TYPOS);
        if max_typos == 0 || word.is_empty() {
            return Vec::new();
        }
        // Only the words the automaton accepts are visited, summed over
        // segments.
        let mut close: HashMap<String, Similar> = HashMap::new();
        for segment in self.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.words) else {
                continue;
            };
            let terms = inverted.terms();
            let found = match Typos::new(word, max_typos) {
                Some(typos) => accepted(terms, typos),
                None => {
                    // words beyond the byte automaton: tantivy's own
                    let query = FuzzyTermQuery::new(
                        Term::from_field_text(self.fields.words, word),
                        max_typos as u8,
                        true,
                    );
                    match query.automaton() {
                        Ok(automaton) => accepted(terms, automaton),
                        Err(_) => Vec::new(),
                    }
                }
            };
            for (candidate, doc_freq) in found {
                if candidate == word {
                    continue;
                }
                let Some(typos) = typo_distance(word, &candidate, max_typos) else {
                    continue;
                };
                close
                    .entry(candidate.clone())
                    .and_modify(|s| s.doc_freq += doc_freq)
                    .or_insert(Similar {
                        word: candidate,
                        typos,
                        doc_freq,
                    });
            }
        }
        close.into_values().collect()
    }
}

/// The words of a term dictionary that `automaton` accepts, with their
/// document counts.
fn accepted<A: Automaton>(terms: &TermDictionary, automaton: A) -> Vec<(String, u64)>
where
    A::State: Clone,
{
    let Ok(mut stream) = terms.search(automaton).into_stream() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while stream.advance() {
        if let Ok(word) = std::str::from_utf8(stream.key()) {
            out.push((word.to_string(), u64::from(stream.value().doc_freq)));
        }
    }
    out
}

/// Words longer than this (in bytes) are left to tantivy's automaton.
const MAX_WORD_BYTES: usize = 64;
/// Cells of a row of the edit distance table kept by the automaton: those
/// within [`MAX_AUTOMATON_TYPOS`] of the diagonal (the others are too far).
const BAND: usize = 2 * MAX_AUTOMATON_TYPOS + 1;

/// A Levenshtein automaton over the bytes of an ASCII word, with adjacent
/// transpositions counting as one edit (optimal string alignment, as
/// [`typo_distance`] counts). Its state is the band around the diagonal of
/// the last two rows of the edit distance table of the prefix read so far:
/// nothing is built in advance, and a state is a dozen bytes.
///
/// The first letter is never a typo (Meilisearch counts a typo there as
/// two): people rarely get it wrong, and holding it prunes the walk to one
/// branch of the dictionary in 26, which keeps a query of unknown words
/// cheap on a vocabulary of hundreds of thousands of words.
struct Typos<'a> {
    word: &'a [u8],
    max: u8,
}

/// Row `read` of the edit distance table (the prefix of `read` bytes
/// against every prefix of the word), and the row before it: cell `k` of a
/// band holds the distance to the word's prefix of `row - max + k` bytes.
#[derive(Clone, Copy)]
struct Rows {
    before: [u8; BAND],
    last: [u8; BAND],
    read: u8,
    byte: Option<u8>,
}

impl<'a> Typos<'a> {
    fn new(word: &'a str, max_typos: usize) -> Option<Typos<'a>> {
        (word.is_ascii() && word.len() <= MAX_WORD_BYTES).then(|| Typos {
            word: word.as_bytes(),
            max: max_typos.min(MAX_AUTOMATON_TYPOS) as u8,
        })
    }

    /// Distances above the maximum are all alike: capping them keeps the
    /// cells small.
    fn cap(&self) -> u8 {
        self.max + 1
    }

    /// The prefix length of the word that cell `k` of row `row` stands for.
    fn column(&self, row: u8, k: usize) -> Option<usize> {
        let j = row as isize - self.max as isize + k as isize;
        (0..=self.word.len() as isize)
            .contains(&j)
            .then_some(j as usize)
    }
}

impl Automaton for Typos<'_> {
    type State = Rows;

    fn start(&self) -> Rows {
        let mut last = [self.cap(); BAND];
        for (k, cell) in last.iter_mut().enumerate() {
            if let Some(j) = self.column(0, k) {
                *cell = (j as u8).min(self.cap());
            }
        }
        Rows {
            before: [self.cap(); BAND],
            last,
            read: 0,
            byte: None,
        }
    }

    fn is_match(&self, rows: &Rows) -> bool {
        let k = self.word.len() as isize - rows.read as isize + self.max as isize;
        (0..BAND as isize).contains(&k) && rows.last[k as usize] <= self.max
    }

    fn can_match(&self, rows: &Rows) -> bool {
        rows.last.iter().any(|&d| d <= self.max)
    }

    fn accept(&self, rows: &Rows, byte: u8) -> Rows {
        let row = rows.read.saturating_add(1);
        let mut next = [self.cap(); BAND];
        let first_letter_wrong = rows.byte.is_none() && self.word.first() != Some(&byte);
        if !first_letter_wrong {
            let cell = |band: &[u8; BAND], k: usize| band.get(k).copied().unwrap_or(self.cap());
            for k in 0..BAND {
                let Some(j) = self.column(row, k) else {
                    continue;
                };
                if j == 0 {
                    next[k] = row.min(self.cap());
                    continue;
                }
                let cost = u8::from(self.word[j - 1] != byte);
                // cell k+1 of the last row is the same column, cell k the
                // column before
                let mut d = (cell(&rows.last, k + 1) + 1).min(cell(&rows.last, k) + cost);
                if k > 0 {
                    d = d.min(next[k - 1] + 1);
                }
                if j > 1 && rows.byte == Some(self.word[j - 1]) && byte == self.word[j - 2] {
                    d = d.min(cell(&rows.before, k) + 1);
                }
                next[k] = d.min(self.cap());
            }
        }
        Rows {
            before: rows.last,
            last: next,
            read: row,
            byte: Some(byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distance the automaton finds between `word` and `other`, if
    /// within `max`.
    fn walk(word: &str, other: &str, max: usize) -> Option<u8> {
        let typos = Typos::new(word, max).unwrap();
        let mut rows = typos.start();
        for &b in other.as_bytes() {
            if !typos.can_match(&rows) {
                return None;
            }
            rows = typos.accept(&rows, b);
        }
        typos
            .is_match(&rows)
            .then(|| rows.last[word.len() + max - other.len()])
    }

    #[test]
    fn the_automaton_counts_typos_as_typo_distance_does() {
        for (a, b) in [
            ("decorater", "decorator"),
            ("mutabel", "mutable"),
            ("sqlalchmey", "sqlalchemy"),
            ("contex", "context"),
            ("generator", "decorator"),
            ("abc", "abc"),
            ("a", "abcd"),
            ("listen", "silent"),
            ("pasword", "password"),
            ("ab", "ab"),
            ("ab", "abc"),
        ] {
            for max in 1..=2 {
                assert_eq!(
                    walk(a, b, max).map(usize::from),
                    typo_distance(a, b, max),
                    "{a} {b} {max}"
                );
            }
        }
    }

    #[test]
    fn the_first_letter_is_never_a_typo() {
        assert_eq!(walk("lsit", "list", 1), Some(1));
        assert_eq!(walk("mutable", "nutable", 2), None);
        assert_eq!(walk("decorator", "ecorator", 2), None);
    }

    #[test]
    fn long_or_non_ascii_words_are_left_to_tantivy() {
        assert!(Typos::new("café", 1).is_none());
        assert!(Typos::new(&"x".repeat(MAX_WORD_BYTES + 1), 2).is_none());
    }
}
