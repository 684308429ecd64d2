//! Answers a query: the analysed query (see `query`) becomes a tantivy
//! query over titles (boosted), heading paths, bodies and code names,
//! narrowed by the filters; the best candidates are then re-ranked (see
//! `rank`).
//!
//! The query text is never parsed as query syntax: every string is just
//! words, so no input can make a search fail.

use std::collections::{HashMap, HashSet};

use tantivy::collector::TopDocs;
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{DocAddress, DocId, SegmentReader, Term};

use crate::document::{Difficulty, Document};
use crate::error::Result;
use crate::index::{Library, analyzer, index_error, level_facet, topic_facet};
use crate::query::{self, Plan, Synonyms};
use crate::rank::{self, Candidate, QueryTerms};
use crate::snippet;
use crate::terms::{self, code_tokens};

/// How much a match in each field counts.
const TITLE_BOOST: f32 = 3.0;
const PATH_BOOST: f32 = 1.2;
const BODY_BOOST: f32 = 1.0;
const CODE_BOOST: f32 = 2.0;
/// Extra weight when the words appear together, in order.
const TITLE_PHRASE_BOOST: f32 = 2.0;
const BODY_PHRASE_BOOST: f32 = 1.0;
/// A synonym counts this much of a word the user typed.
const SYNONYM_WEIGHT: f32 = 0.6;
/// A word that says little alone (`in`) counts this much next to its
/// expansions (`membership`).
const ALONE_WORD_WEIGHT: f32 = 0.2;
/// Candidates retrieved for re-ranking, at least.
const CANDIDATES: usize = 40;

/// What a search is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub topic: Option<String>,
    pub level: Option<Difficulty>,
    /// A guide's file name.
    pub guide: Option<String>,
}

/// A document that matched, with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: Document,
    pub score: f32,
}

/// The outcome of a search.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Best first.
    pub hits: Vec<Hit>,
    /// What was searched for, corrections included.
    pub plan: Plan,
    /// Close words of the index, when nothing was found.
    pub suggestions: Vec<String>,
    /// Stems of the searched words and their synonyms, for highlighting
    /// and snippets.
    pub stems: HashSet<String>,
    /// Hits (by index) that answer the same question as the best hit, from
    /// other guides.
    pub same_as_best: Vec<usize>,
}

impl Found {
    /// Words of the best hit's body that the query matched, lowercase: what
    /// a terminal highlights.
    pub fn highlight(&self) -> HashSet<String> {
        self.hits
            .first()
            .map(|best| matched_words(&best.doc.body, &self.stems))
            .unwrap_or_default()
    }

    /// A one-line snippet of a hit's body around the words matched.
    pub fn snippet(&self, doc: &Document) -> String {
        let text = snippet::plain_text(&doc.body);
        let matched = matched_words(&text, &self.stems);
        snippet::best_window(&text, SNIPPET_WORDS, |w| matched.contains(w))
    }
}

/// The stems worth highlighting: those of the query's words that are not
/// fillers (`is`, `the`), and one-word synonyms. All stems when every word
/// is a filler.
fn telling_stems(terms: &QueryTerms) -> HashSet<String> {
    let telling: HashSet<String> = terms
        .stems
        .iter()
        .flatten()
        .filter(|s| !rank::is_filler(s))
        .cloned()
        .chain(
            terms
                .synonyms
                .iter()
                .filter(|(p, _)| p.len() == 1)
                .flat_map(|(p, _)| p.iter().cloned()),
        )
        .collect();
    if telling.is_empty() {
        terms.stems.iter().flatten().cloned().collect()
    } else {
        telling
    }
}

/// Words in a snippet.
const SNIPPET_WORDS: usize = 18;

/// The words of `body` (lowercase) whose stems are among `stems`.
fn matched_words(body: &str, stems: &HashSet<String>) -> HashSet<String> {
    // Stemming only rewrites endings, so a word and its stem begin alike:
    // words that begin like no stem are not stemmed at all.
    let head = |s: &str| -> String { s.chars().take(2).collect() };
    let heads: HashSet<String> = stems.iter().map(|s| head(s)).collect();
    let lower = body.to_lowercase();
    let mut checked: HashSet<&str> = HashSet::new();
    let mut out = HashSet::new();
    let mut stemmer = Stemmer::default();
    for word in terms::words(&lower) {
        if checked.insert(word)
            && heads.contains(&head(word))
            && stems.contains(&stemmer.stem(word))
        {
            out.insert(word.to_string());
        }
    }
    out
}

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

/// The stem of one word (see [`Stemmer`]).
pub fn stem(word: &str) -> String {
    Stemmer::default().stem(word)
}

impl Library {
    /// The best `limit` documents for `query`, best first.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Result<Found> {
        let synonyms = Synonyms::bundled();
        let plan = query::plan(query, self, &synonyms);
        let mut terms = query_terms(&plan);
        terms.weights = self.weights(&terms);
        if plan.alone {
            terms
                .weights
                .iter_mut()
                .for_each(|w| *w *= ALONE_WORD_WEIGHT);
        }
        let mut found = Found {
            stems: telling_stems(&terms),
            ..Found::default()
        };
        if !plan.is_empty() && limit > 0 {
            found.hits = self.ranked(&terms, filters, limit, plan.alone)?;
        }
        if let Some(best) = found.hits.first() {
            let mut stemmer = Stemmer::default();
            let best_title = stemmer.stems(&best.doc.title);
            found.same_as_best = (1..found.hits.len())
                .filter(|&i| found.hits[i].doc.guide != best.doc.guide)
                .filter(|&i| {
                    rank::same_question(&best_title, &stemmer.stems(&found.hits[i].doc.title))
                })
                .collect();
        } else {
            found.suggestions = query::suggestions(&plan, self);
        }
        found.plan = plan;
        Ok(found)
    }

    fn ranked(
        &self,
        terms: &QueryTerms,
        filters: &Filters,
        limit: usize,
        alone: bool,
    ) -> Result<Vec<Hit>> {
        let query = self.compile(terms, filters, alone);
        let searcher = self.searcher();
        let top = searcher
            .search(
                &query,
                &TopDocs::with_limit(limit.max(CANDIDATES)).order_by_score(),
            )
            .map_err(|e| index_error("search failed", e))?;
        // Rank on fast columns (title, body length); read the store only
        // for the hits kept.
        let mut stemmer = Stemmer::default();
        let mut columns: HashMap<u32, RankColumns> = HashMap::new();
        let mut ranked: Vec<(f32, DocAddress)> = top
            .iter()
            .map(|&(score, address)| {
                let segment = columns.entry(address.segment_ord).or_insert_with(|| {
                    RankColumns::open(searcher.segment_reader(address.segment_ord))
                });
                let candidate = segment.candidate(address.doc_id, score, &mut stemmer);
                (rank::score(terms, &candidate), address)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(score, address)| {
                Ok(Hit {
                    doc: self.document(&searcher, address)?,
                    score,
                })
            })
            .collect()
    }

    /// How telling each query token is: the inverse document frequency of
    /// its rarest stem (of the code token, for an operator).
    fn weights(&self, terms: &QueryTerms) -> Vec<f32> {
        let searcher = self.searcher();
        let n = searcher.num_docs() as f32;
        let idf = |field: Field, term: &str| {
            let df = searcher
                .doc_freq(&Term::from_field_text(field, term))
                .unwrap_or(0) as f32;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        };
        terms
            .stems
            .iter()
            .zip(&terms.tokens)
            .map(|(stems, token)| {
                let by_stem = stems
                    .iter()
                    .map(|s| idf(self.fields.text, s))
                    .fold(0.0, f32::max);
                if stems.is_empty() {
                    idf(self.fields.code, token)
                } else {
                    by_stem
                }
            })
            .collect()
    }

    /// The tantivy query for the analysed query and the filters.
    fn compile(&self, terms: &QueryTerms, filters: &Filters, alone: bool) -> BooleanQuery {
        let (word_weight, synonym_weight) = if alone {
            (ALONE_WORD_WEIGHT, 1.0)
        } else {
            (1.0, SYNONYM_WEIGHT)
        };
        let f = self.fields;
        let mut scoring: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let words = |stems: &[String], weight: f32, scoring: &mut Vec<(Occur, Box<dyn Query>)>| {
            for (field, boost) in [
                (f.title, TITLE_BOOST),
                (f.path, PATH_BOOST),
                (f.text, BODY_BOOST),
            ] {
                let q: Box<dyn Query> = match stems {
                    [] => continue,
                    [one] => term_query(field, one),
                    many => Box::new(PhraseQuery::new(
                        many.iter()
                            .map(|s| Term::from_field_text(field, s))
                            .collect(),
                    )),
                };
                scoring.push((Occur::Should, boosted(q, boost * weight)));
            }
        };
        for s in terms.stems.iter().flatten() {
            words(std::slice::from_ref(s), word_weight, &mut scoring);
        }
        let all: Vec<String> = terms.stems.iter().flatten().cloned().collect();
        if all.len() > 1 {
            for (field, boost) in [(f.title, TITLE_PHRASE_BOOST), (f.text, BODY_PHRASE_BOOST)] {
                let phrase = PhraseQuery::new(
                    all.iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                );
                scoring.push((Occur::Should, boosted(Box::new(phrase), boost)));
            }
        }
        for token in &terms.code {
            scoring.push((
                Occur::Should,
                boosted(term_query(f.code, token), CODE_BOOST),
            ));
        }
        for (phrase, _) in &terms.synonyms {
            words(phrase, synonym_weight, &mut scoring);
        }

        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(scoring)))];
        let mut filter = |term: Term| {
            let q = TermQuery::new(term, IndexRecordOption::Basic);
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(q), 0.0)),
            ));
        };
        if let Some(topic) = &filters.topic {
            filter(Term::from_facet(f.topic, &topic_facet(topic)));
        }
        if let Some(level) = filters.level {
            filter(Term::from_facet(f.difficulty, &level_facet(level)));
        }
        if let Some(guide) = &filters.guide {
            filter(Term::from_field_text(f.guide, guide));
        }
        BooleanQuery::new(clauses)
    }
}

/// The fast columns of a segment that ranking reads.
struct RankColumns {
    titles: Option<StrColumn>,
    lengths: Option<Column<u64>>,
    chapters: Option<Column<bool>>,
}

impl RankColumns {
    fn open(segment: &SegmentReader) -> RankColumns {
        let fast = segment.fast_fields();
        RankColumns {
            titles: fast.str("title").ok().flatten(),
            lengths: fast.u64("body_len").ok(),
            chapters: fast.bool("subsections").ok(),
        }
    }

    fn candidate(&self, doc: DocId, score: f32, stemmer: &mut Stemmer) -> Candidate {
        let mut title = String::new();
        if let Some(titles) = &self.titles
            && let Some(ord) = titles.ords().first(doc)
        {
            let _ = titles.ord_to_str(ord, &mut title);
        }
        Candidate {
            score,
            body_len: self
                .lengths
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(0) as usize,
            subsections: self
                .chapters
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(false),
            title_stems: stemmer.stems(&title),
            title_code: code_tokens(&title),
        }
    }
}

/// The analysed query in the index's terms.
fn query_terms(plan: &Plan) -> QueryTerms {
    let mut stemmer = Stemmer::default();
    let mut synonyms = Vec::new();
    for alternative in &plan.alternatives {
        let phrase = stemmer.stems(&alternative.phrase.join(" "));
        if !phrase.is_empty() {
            synonyms.push((phrase, alternative.covers.clone()));
        }
    }
    QueryTerms {
        stems: plan.words.iter().map(|w| stemmer.stems(w)).collect(),
        tokens: plan.words.clone(),
        code: plan.code.clone(),
        synonyms,
        weights: Vec::new(),
    }
}

fn term_query(field: Field, term: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, term),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, boost))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_words_are_the_body_words_sharing_a_stem() {
        let stems: HashSet<String> = ["thread", "lock", "decor"].map(String::from).into();
        let body =
            "Threads take the Lock; threading locks. A decorator decorates. Unrelated words.";
        let mut got: Vec<String> = matched_words(body, &stems).into_iter().collect();
        got.sort();
        assert_eq!(
            got,
            [
                "decorates",
                "decorator",
                "lock",
                "locks",
                "threading",
                "threads"
            ]
        );
    }
}
