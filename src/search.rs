//! Answers a query: the user's words become a tantivy query over titles
//! (boosted), heading paths and bodies, narrowed by the filters.
//!
//! The query text is never parsed as query syntax: every string is just
//! words, so no input can make a search fail.

use tantivy::Term;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenStream;

use crate::document::{Difficulty, Document};
use crate::error::Result;
use crate::index::{Library, analyzer, index_error, level_facet, topic_facet};

/// How much a match in each field counts.
const TITLE_BOOST: f32 = 3.0;
const PATH_BOOST: f32 = 1.2;
const BODY_BOOST: f32 = 1.0;
/// Extra weight when the words appear together, in order.
const TITLE_PHRASE_BOOST: f32 = 2.0;
const BODY_PHRASE_BOOST: f32 = 1.0;

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

/// The words of a query as the index knows them: split, lowercased, stemmed.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(query);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}

impl Library {
    /// The best `limit` documents for `query`, best first.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Result<Vec<Hit>> {
        let terms = query_terms(query);
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let f = self.fields;
        let mut scoring: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut distinct = terms.clone();
        distinct.sort();
        distinct.dedup();
        for term in &distinct {
            for (field, boost) in [
                (f.title, TITLE_BOOST),
                (f.path, PATH_BOOST),
                (f.text, BODY_BOOST),
            ] {
                scoring.push((Occur::Should, boosted(term_query(field, term), boost)));
            }
        }
        if terms.len() > 1 {
            for (field, boost) in [(f.title, TITLE_PHRASE_BOOST), (f.text, BODY_PHRASE_BOOST)] {
                let phrase = PhraseQuery::new(
                    terms
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                );
                scoring.push((Occur::Should, boosted(Box::new(phrase), boost)));
            }
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

        let searcher = self.searcher();
        let top = searcher
            .search(
                &BooleanQuery::new(clauses),
                &TopDocs::with_limit(limit).order_by_score(),
            )
            .map_err(|e| index_error("search failed", e))?;
        top.into_iter()
            .map(|(score, address)| {
                Ok(Hit {
                    doc: self.document(&searcher, address)?,
                    score,
                })
            })
            .collect()
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
