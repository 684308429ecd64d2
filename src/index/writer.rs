//! Writes documents into a new tantivy index, on disk or in memory.

use std::path::Path;

use tantivy::{Index, IndexWriter, TantivyDocument};

use super::schema::{Fields, register_analyzer};
use crate::document::Document;

/// Indexing memory per writer thread (tantivy's minimum is 15 MB).
const HEAP_PER_THREAD: usize = 48 * 1024 * 1024;
/// About this much text keeps one writer thread busy.
const BYTES_PER_THREAD: usize = 4 * 1024 * 1024;

/// Creates an index in `dir` (an empty directory), or in memory when `dir`
/// is `None`, holding `docs` in order.
pub fn write(dir: Option<&Path>, docs: &[Document]) -> tantivy::Result<Index> {
    let (schema, fields) = Fields::schema();
    let index = match dir {
        Some(dir) => Index::create_in_dir(dir, schema)?,
        None => Index::create_in_ram(schema),
    };
    register_analyzer(&index);
    let bytes: usize = docs.iter().map(|d| d.body.len() + d.title.len()).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = (bytes / BYTES_PER_THREAD + 1).clamp(1, cores.min(8));
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(threads, threads * HEAP_PER_THREAD)?;
    for (order, doc) in docs.iter().enumerate() {
        writer.add_document(fields.encode(doc, order as u64))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(index)
}
