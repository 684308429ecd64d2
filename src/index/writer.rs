//! Writes documents into a new tantivy index, on disk or in memory.

use std::collections::HashMap;
use std::path::Path;

use tantivy::{Index, IndexSettings, IndexWriter, TantivyDocument};

use super::schema::{Fields, register_analyzer};
use super::stem::Stemmer;
use super::title::TitleFacts;
use crate::document::Document;

/// Indexing memory per writer thread (tantivy's minimum is 15 MB).
const HEAP_PER_THREAD: usize = 48 * 1024 * 1024;
/// About this much text keeps one writer thread busy.
const BYTES_PER_THREAD: usize = 4 * 1024 * 1024;
/// The documents' stored text is compressed in blocks of this many bytes,
/// and a block is read whole to show one document of it. An answer shows
/// the best hit's body and the titles of five more, each read from its
/// block: at 4 KiB rather than tantivy's 16 KiB, `pyq gil` runs 5 % fewer
/// instructions for an index 20 % larger (1.2 MB for the bundled guides);
/// 2 KiB gained little more.
const DOCSTORE_BLOCK_BYTES: usize = 4096;

/// A new index being filled.
pub struct Builder {
    index: Index,
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    /// Stems the titles, remembering the words they share.
    stemmer: Stemmer,
    /// Each title seen with its facts, encoded: the same title in many
    /// guides (or many copies of one) is worked out once.
    title_facts: HashMap<String, String>,
}

impl Builder {
    /// Starts an index in `dir` (an empty directory), or in memory when
    /// `dir` is `None`, for about `bytes` of guide text.
    pub fn new(dir: Option<&Path>, bytes: usize) -> tantivy::Result<Builder> {
        let (schema, fields) = Fields::schema();
        let settings = IndexSettings {
            docstore_blocksize: DOCSTORE_BLOCK_BYTES,
            ..IndexSettings::default()
        };
        let builder = Index::builder().schema(schema).settings(settings);
        let index = match dir {
            Some(dir) => builder.create_in_dir(dir)?,
            None => builder.create_in_ram()?,
        };
        register_analyzer(&index);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = (bytes / BYTES_PER_THREAD + 1).clamp(1, cores.min(8));
        let writer = index.writer_with_num_threads(threads, threads * HEAP_PER_THREAD)?;
        Ok(Builder {
            index,
            writer,
            fields,
            stemmer: Stemmer::default(),
            title_facts: HashMap::new(),
        })
    }

    /// Adds a document; `order` sorts documents for `pyq -l`.
    pub fn add(&mut self, order: u64, doc: &Document) -> tantivy::Result<()> {
        let stemmer = &mut self.stemmer;
        let title_facts = self
            .title_facts
            .entry(doc.title.clone())
            .or_insert_with(|| TitleFacts::of(&doc.title, stemmer).encode(&doc.title));
        self.writer
            .add_document(self.fields.encode(doc, order, title_facts))
            .map(drop)
    }

    /// Commits what was added and waits for the segments to be merged.
    pub fn finish(mut self) -> tantivy::Result<Index> {
        self.writer.commit()?;
        self.writer.wait_merging_threads()?;
        Ok(self.index)
    }
}
