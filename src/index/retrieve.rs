//! Retrieval: a search request in plain terms (weighted stems and phrases,
//! code tokens, filters) becomes a tantivy query over titles (boosted),
//! heading paths, prose, code and code names; the best candidates come back
//! with what ranking needs to know of them, read from fast columns and
//! postings rather than from the document store: the title, the lengths of
//! body and prose, and where each watched stem occurs (title, path, code,
//! and its positions in the prose, for passage matching).

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::columnar::{Column, StrColumn};
use tantivy::postings::Postings;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, SegmentReader, TERMINATED, Term};

use super::schema::{self, Fields};
use super::title::TitleFacts;
use super::{Library, index_error, level_facet, topic_facet};
use crate::document::{Difficulty, Document};
use crate::error::Result;

/// How much a match in each field counts: a title says what a document is
/// about; a heading path gives its context; prose explains; code shows,
/// and its comments and names say less than prose does.
const TITLE_BOOST: f32 = 3.0;
const PATH_BOOST: f32 = 1.2;
const PROSE_BOOST: f32 = 1.0;
const CODE_TEXT_BOOST: f32 = 0.5;
/// A code name (`__slots__`, `==`) is as telling as a title word.
const CODE_BOOST: f32 = 2.0;
/// Extra weight when the query's words appear together, in order.
const TITLE_PHRASE_BOOST: f32 = 2.0;
const PROSE_PHRASE_BOOST: f32 = 1.0;

/// What a search is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub topic: Option<String>,
    pub level: Option<Difficulty>,
    /// A guide's file name.
    pub guide: Option<String>,
}

/// A stem, or a phrase of stems, or a code token, with how much a match
/// counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighted {
    pub terms: Vec<String>,
    pub weight: f32,
}

/// What to retrieve.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Stems and phrases of stems, searched in titles, paths, prose and
    /// code.
    pub words: Vec<Weighted>,
    /// Runs of stems that count extra when found together, in order.
    pub phrases: Vec<Weighted>,
    /// Code tokens, searched as written among the code names.
    pub code: Vec<Weighted>,
    /// Stems whose places in each candidate are reported.
    pub watched: Vec<String>,
    /// Code tokens whose presence in each candidate is reported.
    pub watched_code: Vec<String>,
    pub filters: Filters,
    /// Candidates to return at most.
    pub limit: usize,
}

/// Where a watched stem occurs in a candidate: its heading path, its code,
/// and its word positions in the prose (with code comments).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    pub path: bool,
    pub code: bool,
    /// Whether it is in a line of prose that says something or a code
    /// comment, not only in a list of names.
    pub sentence: bool,
    /// Whether a sentence of the prose or a code comment opens with it.
    pub lead: bool,
    /// Positions (in words) in the prose.
    pub prose: Vec<u32>,
}

/// A document the search engine found, as ranking sees it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub doc: DocRef,
    /// The search engine's relevance score (BM25 with field boosts).
    pub score: f32,
    pub title: String,
    /// What ranking reads of the title, worked out when indexing; ranking
    /// moves it into its own facts of the candidate.
    pub title_facts: TitleFacts,
    /// Length of the body (bytes of Markdown).
    pub body_len: usize,
    /// How much the body explains in words (bytes of prose that says
    /// something, and a share of its code's comments); of a chapter shown
    /// through its subsections, theirs.
    pub prose_len: usize,
    /// Whether the body holds subsections rather than text of its own.
    pub subsections: bool,
    /// Where each watched stem occurs, in the order of `Request::watched`.
    pub places: Vec<Places>,
    /// Whether each watched code token occurs, in the order of
    /// `Request::watched_code`.
    pub code: Vec<bool>,
}

/// A document of the index, to be read when it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocRef(DocAddress);

/// The candidates of a request.
#[derive(Debug, Clone, Default)]
pub struct Retrieved {
    pub candidates: Vec<Candidate>,
}

impl Library {
    /// The best `request.limit` candidates for `request`, best first.
    pub fn retrieve(&self, request: &Request) -> Result<Retrieved> {
        let query = compile(&self.fields, request);
        let searcher = self.searcher();
        let top = searcher
            .search(
                &query,
                &TopDocs::with_limit(request.limit.max(1)).order_by_score(),
            )
            .map_err(|e| index_error("search failed", e))?;
        let mut candidates = Vec::with_capacity(top.len());
        let mut by_segment: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut columns: HashMap<u32, RankColumns> = HashMap::new();
        for &(score, address) in &top {
            let segment = searcher.segment_reader(address.segment_ord);
            let cols = columns
                .entry(address.segment_ord)
                .or_insert_with(|| RankColumns::open(segment));
            by_segment
                .entry(address.segment_ord)
                .or_default()
                .push(candidates.len());
            candidates.push(cols.candidate(address, score, request));
        }
        for (segment_ord, indices) in by_segment {
            if let Some(cols) = columns.get(&segment_ord) {
                cols.fill_titles(&mut candidates, &indices);
            }
            let segment = searcher.segment_reader(segment_ord);
            self.fields
                .places(segment, request, &mut candidates, indices)
                .map_err(|e| index_error("cannot read postings", e.into()))?;
        }
        Ok(Retrieved { candidates })
    }

    /// The document a candidate stands for.
    pub fn document_at(&self, doc: DocRef) -> Result<Document> {
        self.document(&self.searcher(), doc.0)
    }

    /// How many documents hold this stem, in the field that holds it most
    /// (title, path, prose or code).
    pub fn stem_doc_freq(&self, stem: &str) -> u64 {
        let searcher = self.searcher();
        self.fields
            .stemmed()
            .into_iter()
            .map(|f| {
                searcher
                    .doc_freq(&Term::from_field_text(f, stem))
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    }

    /// How many documents have this stem in their title.
    pub fn stem_title_freq(&self, stem: &str) -> u64 {
        self.searcher()
            .doc_freq(&Term::from_field_text(self.fields.title, stem))
            .unwrap_or(0)
    }

    /// How many documents hold this code token.
    pub fn code_doc_freq(&self, token: &str) -> u64 {
        self.searcher()
            .doc_freq(&Term::from_field_text(self.fields.code, token))
            .unwrap_or(0)
    }

    /// How many documents the index holds.
    pub fn num_docs(&self) -> u64 {
        self.searcher().num_docs()
    }
}

/// The tantivy query of a request.
fn compile(f: &Fields, request: &Request) -> BooleanQuery {
    let mut scoring: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut add = |field: Field, terms: &[String], boost: f32| {
        let q: Box<dyn Query> = match terms {
            [] => return,
            [one] => Box::new(TermQuery::new(
                Term::from_field_text(field, one),
                IndexRecordOption::WithFreqs,
            )),
            many => Box::new(PhraseQuery::new(
                many.iter()
                    .map(|s| Term::from_field_text(field, s))
                    .collect(),
            )),
        };
        if boost > 0.0 {
            scoring.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
        }
    };
    for w in &request.words {
        for (field, boost) in [
            (f.title, TITLE_BOOST),
            (f.path, PATH_BOOST),
            (f.text, PROSE_BOOST),
        ] {
            add(field, &w.terms, boost * w.weight);
        }
        // code has no positions for phrases: single stems only
        if let [stem] = w.terms.as_slice() {
            add(
                f.code_text,
                std::slice::from_ref(stem),
                CODE_TEXT_BOOST * w.weight,
            );
        }
    }
    for p in request.phrases.iter().filter(|p| p.terms.len() > 1) {
        add(f.title, &p.terms, TITLE_PHRASE_BOOST * p.weight);
        add(f.text, &p.terms, PROSE_PHRASE_BOOST * p.weight);
    }
    for c in &request.code {
        for token in &c.terms {
            add(f.code, std::slice::from_ref(token), CODE_BOOST * c.weight);
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
    let filters = &request.filters;
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

impl Fields {
    /// Fills in where the watched stems and code tokens occur in the
    /// candidates of one segment (`indices` into `candidates`).
    fn places(
        &self,
        segment: &SegmentReader,
        request: &Request,
        candidates: &mut [Candidate],
        mut indices: Vec<usize>,
    ) -> std::io::Result<()> {
        // postings are read forward: visit the candidates in document order
        indices.sort_by_key(|&i| candidates[i].doc.0.doc_id);
        let mut positions = Vec::new();
        let fields = [
            (self.path, IndexRecordOption::Basic),
            (self.code_text, IndexRecordOption::Basic),
            (self.sentences, IndexRecordOption::Basic),
            (self.leads, IndexRecordOption::Basic),
            (self.text, IndexRecordOption::WithFreqsAndPositions),
        ];
        for (field, record) in fields {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            for (w, stem) in request.watched.iter().enumerate() {
                let term = Term::from_field_text(field, stem);
                let Some(mut postings) = inverted.read_postings(&term, record)? else {
                    continue;
                };
                for &i in &indices {
                    let doc = candidates[i].doc.0.doc_id;
                    if !reaches(&mut postings, doc) {
                        continue;
                    }
                    let places = &mut candidates[i].places[w];
                    if field == self.path {
                        places.path = true;
                    } else if field == self.code_text {
                        places.code = true;
                    } else if field == self.sentences {
                        places.sentence = true;
                    } else if field == self.leads {
                        places.lead = true;
                    } else {
                        postings.positions(&mut positions);
                        places.prose = positions.clone();
                    }
                }
            }
        }
        let Ok(inverted) = segment.inverted_index(self.code) else {
            return Ok(());
        };
        for (w, token) in request.watched_code.iter().enumerate() {
            let term = Term::from_field_text(self.code, token);
            let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            for &i in &indices {
                let doc = candidates[i].doc.0.doc_id;
                if reaches(&mut postings, doc) {
                    candidates[i].code[w] = true;
                }
            }
        }
        Ok(())
    }
}

/// Moves postings forward to `doc`: whether `doc` holds the term. Postings
/// only move forward, and `doc` never decreases from one call to the next.
fn reaches(postings: &mut impl DocSet, doc: DocId) -> bool {
    let current = postings.doc();
    if current == TERMINATED || current > doc {
        return false;
    }
    current == doc || postings.seek(doc) == doc
}

/// The fast columns of a segment that ranking reads.
struct RankColumns {
    /// Titles and what ranking reads of them (see `TitleFacts::encode`).
    titles: Option<StrColumn>,
    body_lengths: Option<Column<u64>>,
    prose_lengths: Option<Column<u64>>,
    chapters: Option<Column<bool>>,
}

impl RankColumns {
    fn open(segment: &SegmentReader) -> RankColumns {
        let fast = segment.fast_fields();
        RankColumns {
            titles: fast.str(schema::TITLE_FACTS).ok().flatten(),
            body_lengths: fast.u64(schema::BODY_LEN).ok(),
            prose_lengths: fast.u64(schema::PROSE_LEN).ok(),
            chapters: fast.bool(schema::SUBSECTIONS).ok(),
        }
    }

    /// A candidate without its title (see [`RankColumns::fill_titles`]).
    fn candidate(&self, address: DocAddress, score: f32, request: &Request) -> Candidate {
        let doc: DocId = address.doc_id;
        let number = |c: &Option<Column<u64>>| c.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        Candidate {
            doc: DocRef(address),
            score,
            title: String::new(),
            title_facts: TitleFacts::default(),
            body_len: number(&self.body_lengths) as usize,
            prose_len: number(&self.prose_lengths) as usize,
            subsections: self
                .chapters
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(false),
            places: vec![Places::default(); request.watched.len()],
            code: vec![false; request.watched_code.len()],
        }
    }

    /// Gives the candidates at `indices`, all of this segment, their
    /// titles and what ranking reads of them. The column is a sorted
    /// dictionary read block by block: looked up in the dictionary's order,
    /// each block is read once for all candidates rather than once for
    /// each. A title that cannot be read stays empty, as a document without
    /// one.
    fn fill_titles(&self, candidates: &mut [Candidate], indices: &[usize]) {
        let Some(column) = &self.titles else {
            return;
        };
        let mut wanted: Vec<(u64, usize)> = indices
            .iter()
            .filter_map(|&i| {
                let doc = candidates[i].doc.0.doc_id;
                column.ords().first(doc).map(|ord| (ord, i))
            })
            .collect();
        wanted.sort_unstable();
        let ords: Vec<u64> = wanted.iter().map(|&(ord, _)| ord).collect();
        let mut next = wanted.iter().map(|&(_, i)| i);
        let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            let Some(i) = next.next() else {
                return;
            };
            let decoded = std::str::from_utf8(bytes).ok().and_then(TitleFacts::decode);
            // the schema's version rules out another encoding: a value
            // that does not decode is a bug, ranked without title or facts
            debug_assert!(decoded.is_some(), "title facts that do not decode");
            if let Some((title, facts)) = decoded {
                candidates[i].title = title.to_string();
                candidates[i].title_facts = facts;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::stem::Stemmer;
    use super::super::writer::Builder;
    use super::*;
    use crate::document::Kind;

    fn doc(k: usize, title: &str) -> Document {
        Document {
            id: format!("g/{k}"),
            guide: "g.md".into(),
            title: title.into(),
            path: Vec::new(),
            kind: Kind::Section,
            level: 2,
            line: k + 1,
            body: "Some text about it.".into(),
            body_is_subsections: false,
            topic: "basics".into(),
            difficulty: Difficulty::Beginner,
        }
    }

    #[test]
    fn each_candidate_gets_its_own_title_and_its_facts() {
        // titles repeated, and titles apart whose facts are the same
        // ("Lists" and "lists"), so that the two columns sort differently
        let titles = [
            "Lists",
            "lists",
            "What is a list?",
            "Lists",
            "Zebra stripes",
            "`==` vs `is`",
            "lists",
            "",
        ];
        let mut builder = Builder::new(None, 0).unwrap();
        for (k, title) in titles.iter().enumerate() {
            builder.add(k as u64, &doc(k, title)).unwrap();
        }
        let index = builder.finish().unwrap();
        let fields = Fields::of(&index).unwrap();
        let searcher = index.reader().unwrap().searcher();
        let request = Request::default();
        let mut stemmer = Stemmer::default();
        let mut seen = 0;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let columns = RankColumns::open(segment);
            let mut candidates: Vec<Candidate> = (0..segment.max_doc())
                .map(|d| columns.candidate(DocAddress::new(ord as u32, d), 0.0, &request))
                .collect();
            // asked for in any order
            let indices: Vec<usize> = (0..candidates.len()).rev().collect();
            columns.fill_titles(&mut candidates, &indices);
            for c in &candidates {
                let stored: tantivy::TantivyDocument = searcher.doc(c.doc.0).unwrap();
                let title = fields.decode(&stored).title;
                assert_eq!(c.title, title);
                assert_eq!(
                    c.title_facts,
                    TitleFacts::of(&title, &mut stemmer),
                    "{title}"
                );
                seen += 1;
            }
        }
        assert_eq!(seen, titles.len());
    }
}
