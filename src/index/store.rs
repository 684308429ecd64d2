//! The index directory's lifecycle: use the index when it matches what pyq
//! would build now, otherwise build a new one beside it and switch to it.
//!
//! Layout of the directory:
//!
//! ```text
//! manifest.json    what is current (see manifest.rs)
//! gen-<unique>/    a complete tantivy index, named by the manifest
//! tmp-<unique>/    a build in progress (or one that was killed)
//! ```
//!
//! A build writes `tmp-*`, renames it to `gen-*`, then replaces the manifest.
//! Readers follow the manifest, so they see a complete index or none; two
//! processes building at once each finish with a complete index of their own,
//! and the last manifest written wins. Old generations and abandoned builds
//! are removed once they are old enough that no process can still be
//! starting to read them.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tantivy::Index;
use tantivy::index::SegmentComponent;

use super::manifest::{Counts, Manifest, Stamp};
use super::schema::SCHEMA_VERSION;
use super::{Library, writer};
use crate::classify::Taxonomy;
use crate::corpus;
use crate::document::Kind;
use crate::error::{Error, Result};
use crate::guides::GuideSources;

/// Writes the index into a directory (or memory, for `None`).
type WriteIndex<'a> = dyn Fn(Option<&Path>) -> tantivy::Result<(Index, Counts)> + 'a;

/// Every segment file ends with a footer longer than this; a shorter file
/// was cut short.
const MIN_SEGMENT_FILE: u64 = 16;

/// The `order` of a document: its guide, then its place in the guide.
fn document_order(guide: usize, k: usize) -> u64 {
    ((guide as u64) << 32) | k as u64
}

/// A generation no longer named by the manifest is removed after this long.
const OLD_GENERATION_GRACE: Duration = Duration::from_secs(60);
/// A build directory left behind (a killed build) is removed after this long.
const ABANDONED_BUILD_GRACE: Duration = Duration::from_secs(600);

/// Why pyq (re)built its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildReason {
    /// There was no index yet.
    Missing,
    /// `pyq index` asked for it.
    Requested,
    /// The index was built by another version of pyq.
    OtherVersion(String),
    /// The guides changed since the index was built.
    GuidesChanged,
    /// The index could not be read.
    Damaged(String),
}

impl fmt::Display for BuildReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildReason::Missing => write!(f, "first run"),
            BuildReason::Requested => write!(f, "rebuild requested"),
            BuildReason::OtherVersion(v) => write!(f, "the index was built by pyq {v}"),
            BuildReason::GuidesChanged => write!(f, "the guides changed"),
            BuildReason::Damaged(why) => write!(f, "the index could not be read: {why}"),
        }
    }
}

/// How far a build is, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// `guides` of `of` guides are cut into documents and being indexed.
    Indexed { guides: usize, of: usize },
    /// Every document is in; the index is being written out.
    Finishing,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub reason: BuildReason,
    pub counts: Counts,
    pub elapsed: Duration,
    /// Problems with the guides (skipped files, invalid UTF-8).
    pub warnings: Vec<String>,
    /// Set when the index could not be saved and lives in memory only.
    pub not_saved: Option<String>,
}

/// The index directory.
pub struct Store {
    dir: PathBuf,
}

fn unique_suffix() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{nanos:x}-{}", std::process::id())
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What an index built now from `sources` would be stamped with.
    pub fn stamp(sources: &GuideSources) -> Stamp {
        Stamp {
            pyq_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version: SCHEMA_VERSION,
            fingerprint: sources.fingerprint(),
        }
    }

    /// Opens the index if it matches what would be built from `sources`
    /// now; otherwise says why it must be (re)built.
    pub fn open_current(
        &self,
        sources: &GuideSources,
    ) -> std::result::Result<Library, BuildReason> {
        let stamp = Store::stamp(sources);
        let mut reason = BuildReason::Missing;
        // A failed open is retried when another process replaced the index
        // meanwhile; a few rounds are plenty.
        for _ in 0..3 {
            let manifest = match Manifest::read(&self.dir) {
                Ok(Some(m)) => m,
                Ok(None) => return Err(BuildReason::Missing),
                Err(e) => {
                    return Err(BuildReason::Damaged(format!(
                        "{}: {e}",
                        Manifest::path(&self.dir).display()
                    )));
                }
            };
            if manifest.stamp != stamp {
                return Err(
                    if manifest.stamp.pyq_version != stamp.pyq_version
                        || manifest.stamp.schema_version != stamp.schema_version
                    {
                        BuildReason::OtherVersion(manifest.stamp.pyq_version.clone())
                    } else {
                        BuildReason::GuidesChanged
                    },
                );
            }
            let opened = super::guarded(|| self.open_generation(&manifest))
                .unwrap_or_else(|e| Err(e.message));
            match opened {
                Ok(library) => return Ok(library),
                Err(e) => {
                    reason = BuildReason::Damaged(e);
                    if Manifest::read(&self.dir).ok().flatten().as_ref() == Some(&manifest) {
                        break;
                    }
                }
            }
        }
        Err(reason)
    }

    fn open_generation(&self, manifest: &Manifest) -> std::result::Result<Library, String> {
        let gen_dir = self.dir.join(&manifest.generation);
        if !manifest.generation.starts_with("gen-") || !gen_dir.is_dir() {
            return Err(format!("{} is missing", gen_dir.display()));
        }
        let index =
            Index::open_in_dir(&gen_dir).map_err(|e| format!("{}: {e}", gen_dir.display()))?;
        // tantivy opens segment files lazily; a deleted one would fail a
        // search later rather than here.
        let metas = index
            .searchable_segment_metas()
            .map_err(|e| format!("{}: {e}", gen_dir.display()))?;
        let components = [
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
            SegmentComponent::Terms,
            SegmentComponent::Store,
        ];
        let files = metas
            .iter()
            .flat_map(|m| components.iter().map(|c| m.relative_path(c.clone())));
        for file in files {
            let path = gen_dir.join(&file);
            match fs::metadata(&path) {
                Ok(meta) if meta.len() >= MIN_SEGMENT_FILE => {}
                Ok(_) => return Err(format!("{} is cut short", path.display())),
                Err(_) => return Err(format!("{} is missing", path.display())),
            }
        }
        Library::new(index, manifest.clone(), Some(self.dir.clone()))
            .map_err(|e| format!("{}: {e}", gen_dir.display()))?
            .ok_or_else(|| format!("{} has another schema", gen_dir.display()))
    }

    /// Builds a new index from `sources` and makes it current. When the
    /// directory cannot be written, the index is built in memory and the
    /// report says why it was not saved.
    pub fn build(
        &self,
        sources: &GuideSources,
        reason: BuildReason,
    ) -> Result<(Library, BuildReport)> {
        self.build_with(sources, reason, &|_| {})
    }

    /// [`Store::build`], telling `progress` how far it is.
    pub fn build_with(
        &self,
        sources: &GuideSources,
        reason: BuildReason,
        progress: &dyn Fn(Progress),
    ) -> Result<(Library, BuildReport)> {
        let started = Instant::now();
        let taxonomy = Taxonomy::bundled()
            .map_err(|e| Error::failure(format!("pyq's bundled taxonomy is broken: {e}")))?;
        let (guides, mut warnings) = sources.load();
        warnings.splice(0..0, sources.warnings.iter().cloned());
        let bytes = guides.iter().map(|g| g.text.len()).sum();
        // Cuts the guides into documents and indexes them as they come.
        let write = |dir: Option<&Path>| -> tantivy::Result<(Index, Counts)> {
            let mut builder = writer::Builder::new(dir, bytes)?;
            let mut counts = Counts {
                guides: guides.len(),
                ..Counts::default()
            };
            let mut added = Ok(());
            let mut done = 0;
            corpus::each_guide(&guides, &taxonomy, |guide, docs| {
                done += 1;
                progress(Progress::Indexed {
                    guides: done,
                    of: guides.len(),
                });
                for (k, doc) in docs.iter().enumerate() {
                    match doc.kind {
                        Kind::Section => counts.sections += 1,
                        Kind::Question => counts.questions += 1,
                    }
                    if added.is_ok() {
                        added = builder.add(document_order(guide, k), doc);
                    }
                }
            });
            added?;
            progress(Progress::Finishing);
            Ok((builder.finish()?, counts))
        };
        let names: Vec<String> = guides.iter().map(|g| g.name.clone()).collect();
        let manifest = |generation: String, counts: &Counts| Manifest {
            stamp: Store::stamp(sources),
            generation,
            counts: counts.clone(),
            guides: names.clone(),
            build_millis: started.elapsed().as_millis() as u64,
        };

        let (library, counts, not_saved) = match self.write_generation(&write, &manifest) {
            Ok((library, counts)) => (library, counts, None),
            Err(why) => {
                let (index, counts) =
                    write(None).map_err(|e| super::index_error("cannot build the index", e))?;
                let library = Library::new(index, manifest("memory".into(), &counts), None)
                    .map_err(|e| super::index_error("cannot open the index", e))?
                    .ok_or_else(|| {
                        Error::failure("the index built in memory has an unexpected schema")
                    })?;
                (library, counts, Some(why))
            }
        };
        let report = BuildReport {
            reason,
            counts,
            elapsed: started.elapsed(),
            warnings,
            not_saved,
        };
        Ok((library, report))
    }

    /// Writes a new generation, switches the manifest to it and opens it.
    fn write_generation(
        &self,
        write: &WriteIndex,
        manifest: &dyn Fn(String, &Counts) -> Manifest,
    ) -> std::result::Result<(Library, Counts), String> {
        let unique = unique_suffix();
        let tmp = self.dir.join(format!("tmp-{unique}"));
        let generation = format!("gen-{unique}");
        let gen_dir = self.dir.join(&generation);
        let io_err = |what: &str, path: &Path, e: io::Error| {
            format!("cannot {what} {}: {e}", path.display())
        };

        fs::create_dir_all(&self.dir).map_err(|e| io_err("create", &self.dir, e))?;
        fs::create_dir(&tmp).map_err(|e| io_err("write to", &self.dir, e))?;
        let counts = match write(Some(&tmp)) {
            Ok((index, counts)) => {
                drop(index);
                counts
            }
            Err(e) => {
                let _ = fs::remove_dir_all(&tmp);
                return Err(format!(
                    "cannot write the index in {}: {e}",
                    self.dir.display()
                ));
            }
        };
        fs::rename(&tmp, &gen_dir).map_err(|e| {
            let _ = fs::remove_dir_all(&tmp);
            io_err("rename the new index into", &gen_dir, e)
        })?;
        let manifest = manifest(generation.clone(), &counts);
        manifest
            .write(&self.dir, &unique)
            .map_err(|e| io_err("write the manifest in", &self.dir, e))?;
        self.remove_stale(&generation);
        Ok((self.open_generation(&manifest)?, counts))
    }

    /// Removes generations other than `current` and abandoned builds, once
    /// they are old enough (see the module comment).
    fn remove_stale(&self, current: &str) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let now = SystemTime::now();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let grace = if name.starts_with("gen-") && name != current {
                OLD_GENERATION_GRACE
            } else if name.starts_with("tmp-") || name.ends_with(".tmp") {
                ABANDONED_BUILD_GRACE
            } else {
                continue;
            };
            let age = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .unwrap_or_default();
            if age >= grace {
                let path = entry.path();
                let _ = if path.is_dir() {
                    fs::remove_dir_all(&path)
                } else {
                    fs::remove_file(&path)
                };
            }
        }
    }
}
