//! The one place that knows the tantivy schema: fields, the text analyzer,
//! and the conversion between [`Document`] and tantivy documents.

use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    WhitespaceTokenizer,
};
use tantivy::{Index, TantivyDocument};

use super::tokenizer::WordTokenizer;
use crate::document::{Difficulty, Document, Kind};
use crate::terms::code_tokens;
use crate::text::body_parts;

/// Bumped whenever the schema, the analyzer or the way guides are cut into
/// documents changes meaning; an index with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 16;

/// Name under which the analyzer is registered with tantivy.
const ANALYZER: &str = "pyq";
/// Analyzer of fields that hold words pyq cut itself, space-separated.
const PRECUT: &str = "pyq_precut";
/// Analyzer of the vocabulary: words as written (see `terms::words`).
const WORDS: &str = "pyq_words";

/// Names of the fields read by name: fast columns and facets.
pub const TITLE_FACTS: &str = "title_facts";
pub const ORDER: &str = "order";
pub const SUBSECTIONS: &str = "subsections";
pub const BODY_LEN: &str = "body_len";
pub const PROSE_LEN: &str = "prose_len";
pub const TOPIC: &str = "topic";
pub const DIFFICULTY: &str = "difficulty";

/// Facet roots.
pub const TOPIC_ROOT: &str = "/topic";
pub const LEVEL_ROOT: &str = "/level";

/// Handles to every field of the schema.
#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    /// The id without its guide (`gil` of `python-interview-guide/gil`):
    /// what `--show` also accepts, and lists show, when no other guide has
    /// it.
    pub slug: Field,
    pub guide: Field,
    pub title: Field,
    /// The title and what ranking reads of it, worked out when indexing
    /// ([`TitleFacts::encode`](crate::index::TitleFacts::encode)): a fast
    /// column, neither searched nor stored, so that ranking reads both
    /// without the store.
    pub title_facts: Field,
    pub path: Field,
    pub kind: Field,
    pub level: Field,
    pub line: Field,
    pub order: Field,
    /// Markdown shown to the user; stored, not searched.
    pub body: Field,
    /// The words of the body: its prose and the comments of its code,
    /// stemmed; indexed, not stored.
    pub text: Field,
    /// The code of the body's code blocks, comments left out, stemmed: a
    /// match there says less than one in the words.
    pub code_text: Field,
    /// The lines of the body's prose that say something and the comments of
    /// its code, stemmed: a word there is said, not only named in a list.
    pub sentences: Field,
    /// The word each sentence of the body and each code comment opens with
    /// (see `BodyParts::leads`), stemmed: what the body says something of.
    pub leads: Field,
    /// Every word of title, path and body as written (lowercase, not
    /// stemmed): the vocabulary for typo correction.
    pub words: Field,
    /// Code-shaped tokens of title and body (`__slots__`, `*args`, `==`).
    pub code: Field,
    /// Whether the body holds subsections rather than text of its own.
    pub subsections: Field,
    /// Length of the body in bytes (a fast column, for ranking).
    pub body_len: Field,
    /// How much the body explains in words, in bytes (see
    /// `BodyParts::prose_bytes`; a fast column, for ranking).
    pub prose_len: Field,
    pub topic: Field,
    pub difficulty: Field,
}

impl Fields {
    /// Builds the schema and the handles to its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let analyzed = TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let searched_and_stored = TextOptions::default()
            .set_indexing_options(analyzed.clone())
            .set_stored();
        let searched = TextOptions::default().set_indexing_options(analyzed);
        // indexed, not stored, with this tokenizer and what it records
        let indexed = |tokenizer, record| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(record),
            )
        };
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            slug: b.add_text_field("slug", STRING),
            guide: b.add_text_field("guide", STRING | STORED),
            title: b.add_text_field("title", searched_and_stored.clone()),
            title_facts: b.add_text_field(TITLE_FACTS, TextOptions::default().set_fast("raw")),
            path: b.add_text_field("path", searched_and_stored),
            kind: b.add_text_field("kind", STRING | STORED),
            level: b.add_u64_field("level", STORED),
            line: b.add_u64_field("line", STORED),
            order: b.add_u64_field(ORDER, INDEXED | STORED | FAST),
            body: b.add_text_field("body", STORED),
            text: b.add_text_field("text", searched),
            // no positions: code is never searched for phrases
            code_text: b
                .add_text_field("code_text", indexed(ANALYZER, IndexRecordOption::WithFreqs)),
            // no positions: only whether a word is in a sentence is read
            sentences: b.add_text_field("sentences", indexed(ANALYZER, IndexRecordOption::Basic)),
            leads: b.add_text_field("leads", indexed(ANALYZER, IndexRecordOption::Basic)),
            words: b.add_text_field("words", indexed(WORDS, IndexRecordOption::Basic)),
            code: b.add_text_field("code", indexed(PRECUT, IndexRecordOption::WithFreqs)),
            subsections: b.add_bool_field(SUBSECTIONS, STORED | FAST),
            body_len: b.add_u64_field(BODY_LEN, FAST),
            prose_len: b.add_u64_field(PROSE_LEN, FAST),
            topic: b.add_facet_field(TOPIC, FacetOptions::default().set_stored()),
            difficulty: b.add_facet_field(DIFFICULTY, FacetOptions::default().set_stored()),
        };
        (b.build(), fields)
    }

    /// The fields whose words are indexed as stems.
    pub fn stemmed(&self) -> [Field; 4] {
        [self.title, self.path, self.text, self.code_text]
    }

    /// Reads the field handles of an opened index, checking that its schema
    /// is the one pyq writes.
    pub fn of(index: &Index) -> Option<Fields> {
        let (expected, fields) = Fields::schema();
        (index.schema() == expected).then_some(fields)
    }

    /// The tantivy document of `doc`, whose title and its facts, encoded,
    /// are `title_facts` ([`TitleFacts::encode`](crate::index::TitleFacts::encode)).
    pub fn encode(&self, doc: &Document, order: u64, title_facts: &str) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_text(self.id, &doc.id);
        d.add_text(self.slug, slug_of(&doc.id));
        d.add_text(self.guide, &doc.guide);
        d.add_text(self.title, &doc.title);
        d.add_text(self.title_facts, title_facts);
        for p in &doc.path {
            d.add_text(self.path, p);
        }
        d.add_text(self.kind, doc.kind.as_str());
        d.add_u64(self.level, u64::from(doc.level));
        d.add_u64(self.line, doc.line as u64);
        d.add_u64(self.order, order);
        d.add_text(self.body, &doc.body);
        let parts = body_parts(doc.searchable_body());
        d.add_text(self.text, &parts.words);
        d.add_text(self.code_text, &parts.code);
        d.add_text(self.sentences, &parts.sentences);
        d.add_text(self.leads, &parts.leads);
        d.add_text(self.words, &doc.title);
        for p in &doc.path {
            d.add_text(self.words, p);
        }
        d.add_text(self.words, doc.searchable_body());
        let code = format!("{}\n{}", doc.title, doc.searchable_body());
        d.add_text(self.code, code_tokens(&code).join(" "));
        d.add_bool(self.subsections, doc.body_is_subsections);
        d.add_u64(self.body_len, doc.body.trim().len() as u64);
        // a chapter shown through its subsections explains what they do
        let prose_bytes = if doc.body_is_subsections {
            body_parts(&doc.body).prose_bytes
        } else {
            parts.prose_bytes
        };
        d.add_u64(self.prose_len, prose_bytes as u64);
        d.add_facet(self.topic, topic_facet(&doc.topic));
        d.add_facet(self.difficulty, level_facet(doc.difficulty));
        d
    }

    pub fn decode(&self, d: &TantivyDocument) -> Document {
        let text = |f: Field| {
            d.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let number = |f: Field| d.get_first(f).and_then(|v| v.as_u64()).unwrap_or_default();
        let facet_leaf = |f: Field| {
            d.get_first(f)
                .and_then(|v| v.as_facet())
                .and_then(|encoded| Facet::from_encoded(encoded.as_bytes().to_vec()).ok())
                .and_then(|facet| facet.to_path().last().map(|s| s.to_string()))
                .unwrap_or_default()
        };
        let body = text(self.body);
        Document {
            id: text(self.id),
            guide: text(self.guide),
            title: text(self.title),
            path: d
                .get_all(self.path)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            kind: text(self.kind).parse().unwrap_or(Kind::Section),
            level: number(self.level).min(6) as u8,
            line: number(self.line) as usize,
            body_is_subsections: d
                .get_first(self.subsections)
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            body,
            topic: facet_leaf(self.topic),
            difficulty: facet_leaf(self.difficulty)
                .parse()
                .unwrap_or(Difficulty::Intermediate),
        }
    }
}

/// The part of an id after its guide.
pub fn slug_of(id: &str) -> &str {
    id.split_once('/').map_or(id, |(_, slug)| slug)
}

pub fn topic_facet(topic: &str) -> Facet {
    Facet::from_path([&TOPIC_ROOT[1..], topic])
}

pub fn level_facet(level: Difficulty) -> Facet {
    Facet::from_path([&LEVEL_ROOT[1..], level.as_str()])
}

/// The analyzer for titles, paths and bodies: words split on punctuation,
/// lowercased, stemmed (English). Queries go through the same analyzer.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Words longer than this are left out of the index (a long run of
/// letters is data, not a word).
const MAX_WORD_BYTES: usize = 48;

/// [`analyzer`] in two halves, for [`super::stem::Stemmer`] to remember the
/// stem of each word: the words, split and lowercased as `analyzer` cuts
/// them, and the stemming of one such word.
pub fn word_splitter() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .build()
}

pub fn word_stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The analyzer of the vocabulary field: words of letters, digits and `_`
/// (as `terms::words` cuts them), lowercased, not stemmed.
fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .build()
}

/// Makes the analyzers known to an index (needed after every open).
pub fn register_analyzer(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
    index
        .tokenizers()
        .register(PRECUT, TextAnalyzer::from(WhitespaceTokenizer::default()));
    index.tokenizers().register(WORDS, words_analyzer());
}
