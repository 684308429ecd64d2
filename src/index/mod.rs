//! The index: a tantivy index of documents, kept in a directory with a
//! manifest saying what it was built from. tantivy types stay in here: the
//! rest of pyq asks for documents, candidates and words in plain terms.

mod manifest;
mod retrieve;
mod schema;
mod stem;
mod store;
mod tokenizer;
mod vocabulary;
mod writer;

use std::collections::BTreeMap;
use std::path::PathBuf;

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

pub use manifest::{Counts, Manifest, Stamp};
pub use retrieve::{Candidate, DocRef, Filters, Places, Request, Retrieved, Weighted};
pub use schema::SCHEMA_VERSION;
pub(crate) use schema::{Fields, LEVEL_ROOT, TOPIC_ROOT, level_facet, topic_facet};
pub use stem::Stemmer;
pub use store::{BuildReason, BuildReport, Progress, Store};
pub use vocabulary::{Similar, Vocabulary};

use crate::document::Document;
use crate::error::{Error, Result};

/// An opened index, ready to answer.
pub struct Library {
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    manifest: Manifest,
    /// Where the index lives; `None` when it was built in memory only.
    location: Option<PathBuf>,
}

/// Document counts per topic and per difficulty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub topics: BTreeMap<String, u64>,
    pub levels: BTreeMap<String, u64>,
    pub total: u64,
}

thread_local! {
    /// Set while `guarded` runs, to keep the panic hook quiet.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, which reads an index, and returns its value, or a "damaged
/// index" error when it panicked. tantivy trusts its files; a file cut short or
/// overwritten can make it panic rather than fail, and pyq must neither
/// crash nor print a panic for a damaged cache.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(|g| g.get()) {
                previous(info);
            }
        }));
    });
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unreadable data".to_string());
        Error::damaged(format!("the index is damaged ({why})"))
            .with_fix("rebuild the index: pyq index")
    })
}

pub(crate) fn index_error(what: &str, e: tantivy::TantivyError) -> Error {
    Error::damaged(format!("{what}: {e}")).with_fix("rebuild the index: pyq index")
}

impl Library {
    fn new(
        index: Index,
        manifest: Manifest,
        location: Option<PathBuf>,
    ) -> tantivy::Result<Option<Library>> {
        schema::register_analyzer(&index);
        let Some(fields) = Fields::of(&index) else {
            return Ok(None);
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Some(Library {
            reader,
            fields,
            manifest,
            location,
        }))
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The directory holding the index, or `None` for an in-memory index.
    pub fn location(&self) -> Option<&PathBuf> {
        self.location.as_ref()
    }

    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    pub(crate) fn document(&self, searcher: &Searcher, address: DocAddress) -> Result<Document> {
        let doc: TantivyDocument = searcher
            .doc(address)
            .map_err(|e| index_error("cannot read a document", e))?;
        Ok(self.fields.decode(&doc))
    }

    /// The document with this id.
    pub fn get(&self, id: &str) -> Result<Option<Document>> {
        let searcher = self.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| index_error("cannot look up an id", e))?;
        top.first()
            .map(|&(_, address)| self.document(&searcher, address))
            .transpose()
    }

    /// Every document, in guide order.
    pub fn all(&self) -> Result<Vec<Document>> {
        let searcher = self.searcher();
        let total = searcher
            .search(&AllQuery, &Count)
            .map_err(|e| index_error("cannot count documents", e))?;
        let top = searcher
            .search(
                &AllQuery,
                &TopDocs::with_limit(total.max(1))
                    .order_by_u64_field(schema::ORDER, tantivy::Order::Asc),
            )
            .map_err(|e| index_error("cannot list documents", e))?;
        top.into_iter()
            .map(|(_, address)| self.document(&searcher, address))
            .collect()
    }

    /// How many documents each topic and each difficulty holds.
    pub fn facet_counts(&self) -> Result<FacetCounts> {
        let searcher = self.searcher();
        let mut topics = FacetCollector::for_field(schema::TOPIC);
        topics.add_facet(TOPIC_ROOT);
        let mut levels = FacetCollector::for_field(schema::DIFFICULTY);
        levels.add_facet(LEVEL_ROOT);
        let (topic_counts, level_counts, total) = searcher
            .search(&AllQuery, &(topics, levels, Count))
            .map_err(|e| index_error("cannot count topics", e))?;
        let leaf = |facet: &tantivy::schema::Facet| {
            facet
                .to_path()
                .last()
                .map(|s| s.to_string())
                .unwrap_or_default()
        };
        Ok(FacetCounts {
            topics: topic_counts
                .get(TOPIC_ROOT)
                .map(|(f, n)| (leaf(f), n))
                .collect(),
            levels: level_counts
                .get(LEVEL_ROOT)
                .map(|(f, n)| (leaf(f), n))
                .collect(),
            total: total as u64,
        })
    }
}
