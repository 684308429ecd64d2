//! The index: a tantivy index of documents, kept in a directory with a
//! manifest saying what it was built from. tantivy types stay in here: the
//! rest of pyq asks for documents, candidates and words in plain terms.

mod folder;
mod generation;
mod manifest;
mod names;
mod retrieve;
mod schema;
mod stem;
mod store;
mod title;
mod tokenizer;
mod vocabulary;
mod writer;

use std::collections::BTreeMap;
use std::path::PathBuf;

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

pub use folder::SUBFOLDER;
pub use manifest::{Counts, Manifest, Stamp};
pub use retrieve::{Candidate, DocRef, Filters, Places, Request, Retrieved, Weighted};
pub use schema::SCHEMA_VERSION;
pub(crate) use schema::{Fields, LEVEL_ROOT, TOPIC_ROOT, level_facet, topic_facet};
pub use stem::Stemmer;
pub use store::{BuildReason, BuildReport, Progress, Store};
pub use title::TitleFacts;
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
    /// The lock that keeps other processes from removing the generation
    /// while it is read (see `names`).
    _in_use: Option<names::InUse>,
}

/// What an id names.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    Found(Box<Document>),
    Missing,
    /// A short id that several guides have: their whole ids (a few).
    Ambiguous(Vec<String>),
}

/// Whole ids listed at most for a short id that several guides have.
const AMBIGUOUS_SHOWN: usize = 8;

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
/// crash nor print a panic for a damaged cache. Only tantivy's reads are
/// guarded (the public reading methods of [`Library`] do it themselves): a
/// panic anywhere else is a bug of pyq's, not damage.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Result<T> {
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
            .with_fix("rebuild the index: pyq --reindex")
    })
}

pub(crate) fn index_error(what: &str, e: tantivy::TantivyError) -> Error {
    Error::damaged(what)
        .caused_by(e)
        .with_fix("rebuild the index: pyq --reindex")
}

impl Library {
    fn new(
        index: Index,
        manifest: Manifest,
        location: Option<PathBuf>,
        in_use: Option<names::InUse>,
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
            _in_use: in_use,
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

    /// The document with this id, or with this short id (an id without its
    /// guide, when no other guide has it).
    pub fn get(&self, id: &str) -> Result<Lookup> {
        guarded(|| self.get_unguarded(id))?
    }

    fn get_unguarded(&self, id: &str) -> Result<Lookup> {
        let searcher = self.searcher();
        let by = |field: Field, limit: usize| {
            let query = TermQuery::new(Term::from_field_text(field, id), IndexRecordOption::Basic);
            searcher
                .search(
                    &query,
                    &TopDocs::with_limit(limit).order_by_u64_field("order", tantivy::Order::Asc),
                )
                .map_err(|e| index_error("cannot look up an id", e))
        };
        if let Some(&(_, address)) = by(self.fields.id, 1)?.first() {
            return Ok(Lookup::Found(Box::new(self.document(&searcher, address)?)));
        }
        // a short id names one document, or several: say which
        let found = by(self.fields.slug, AMBIGUOUS_SHOWN)?;
        match found.as_slice() {
            [] => Ok(Lookup::Missing),
            [(_, address)] => Ok(Lookup::Found(Box::new(self.document(&searcher, *address)?))),
            many => Ok(Lookup::Ambiguous(
                many.iter()
                    .map(|&(_, address)| self.document(&searcher, address).map(|d| d.id))
                    .collect::<Result<_>>()?,
            )),
        }
    }

    /// The shortest id that names `doc`: its id without the guide when no
    /// other guide has the same (`gil`), else the whole id.
    pub fn short_id<'d>(&self, doc: &'d Document) -> &'d str {
        let slug = schema::slug_of(&doc.id);
        let unique = guarded(|| {
            self.searcher()
                .doc_freq(&Term::from_field_text(self.fields.slug, slug))
                .is_ok_and(|n| n == 1)
        })
        .unwrap_or(false);
        if unique { slug } else { &doc.id }
    }

    /// Every document, in guide order.
    pub fn all(&self) -> Result<Vec<Document>> {
        guarded(|| self.all_unguarded())?
    }

    fn all_unguarded(&self) -> Result<Vec<Document>> {
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

    /// The names of the guides in the index, sorted.
    pub fn guide_names(&self) -> Result<Vec<String>> {
        guarded(|| {
            let mut names = std::collections::BTreeSet::new();
            for segment in self.searcher().segment_readers() {
                let inverted = segment
                    .inverted_index(self.fields.guide)
                    .map_err(|e| index_error("cannot list the guides", e))?;
                let mut terms = inverted
                    .terms()
                    .stream()
                    .map_err(|e| index_error("cannot list the guides", e.into()))?;
                while terms.advance() {
                    names.insert(String::from_utf8_lossy(terms.key()).into_owned());
                }
            }
            Ok(names.into_iter().collect())
        })?
    }

    /// Whether a guide of this file name is in the index.
    pub fn has_guide(&self, name: &str) -> Result<bool> {
        guarded(|| {
            self.searcher()
                .doc_freq(&Term::from_field_text(self.fields.guide, name))
                .map(|n| n > 0)
                .map_err(|e| index_error("cannot look up a guide", e))
        })?
    }

    /// How many documents each topic and each difficulty holds.
    pub fn facet_counts(&self) -> Result<FacetCounts> {
        guarded(|| self.facet_counts_unguarded())?
    }

    fn facet_counts_unguarded(&self) -> Result<FacetCounts> {
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
