//! The index directory's lifecycle: use the index when it matches what pyq
//! would build now, otherwise build a new one beside it and switch to it.
//!
//! The folder is pyq's own (see `folder`); the names of its entries and the
//! locks that protect them are in `names`. A build writes `tmp-*`, renames
//! it to `gen-*`, then replaces the manifest. Readers follow the manifest,
//! so they see a complete index or none; two processes building at once
//! each finish with a complete index of their own, and the last manifest
//! written wins. Every run removes the generations and builds that no live
//! process holds, and only those.

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use tantivy::Index;

use super::folder::{self, Place};
use super::generation::Checked;
use super::manifest::{self, Counts, FileStat, Manifest, Read, Stamp};
use super::names::{self, Entry, Hold, InUse};
use super::schema::SCHEMA_VERSION;
use super::{Library, generation, writer};
use crate::classify::Taxonomy;
use crate::corpus;
use crate::document::Kind;
use crate::error::{Error, Result};
use crate::guides::{BUNDLED_FINGERPRINT, Guides, Watch};

/// Writes the index into a directory (or memory, for `None`).
type WriteIndex<'a> = dyn Fn(Option<&Path>) -> tantivy::Result<(Index, Counts)> + 'a;

/// The `order` of a document: its guide, then its place in the guide.
fn document_order(guide: usize, k: usize) -> u64 {
    ((guide as u64) << 32) | k as u64
}

/// Why pyq (re)built its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildReason {
    /// There was no index yet.
    Missing,
    /// `pyq --reindex` asked for it.
    Requested,
    /// The index was built by another version of pyq.
    OtherVersion(String),
    /// The index was built by another build of this version (its code or
    /// its bundled guides differ).
    OtherBuild,
    /// The guides changed since the index was built.
    GuidesChanged,
    /// The index could not be read.
    Damaged(String),
    /// There is no folder of pyq's own to keep an index in.
    NoFolder(String),
}

impl fmt::Display for BuildReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildReason::Missing => write!(f, "first run"),
            BuildReason::Requested => write!(f, "rebuild requested"),
            BuildReason::OtherVersion(v) => write!(f, "the index was built by pyq {v}"),
            BuildReason::OtherBuild => write!(f, "pyq itself changed"),
            BuildReason::GuidesChanged => write!(f, "the guides changed"),
            BuildReason::Damaged(why) => write!(f, "the index could not be read: {why}"),
            BuildReason::NoFolder(why) => write!(f, "{why}"),
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
    /// Names of the guides that went in, in order.
    pub guides: Vec<String>,
}

/// The index directory.
pub struct Store {
    place: Place,
}

impl Store {
    /// The store for the folder `dir`. `default` says `dir` is pyq's own
    /// cache folder rather than one the user named (see `folder::place`).
    pub fn locate(dir: &Path, default: bool) -> Store {
        Store {
            place: folder::place(dir, default),
        }
    }

    /// The folder the index is kept in; `None` when it is kept in memory.
    pub fn dir(&self) -> Option<&Path> {
        match &self.place {
            Place::Own(dir) => Some(dir),
            Place::Refused(_) => None,
        }
    }

    /// What an index built now by this pyq would be stamped with; the
    /// fingerprint of the user's guides is left empty (see
    /// [`Stamp::same_build`]).
    fn build_stamp() -> Stamp {
        Stamp {
            pyq_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version: SCHEMA_VERSION,
            bundled: BUNDLED_FINGERPRINT.to_string(),
            fingerprint: String::new(),
        }
    }

    /// Opens the index if it matches what would be built from `guides`
    /// now; otherwise says why it must be (re)built. The user's guide
    /// folders are listed again only when what the index watches of them
    /// changed (see `guides::watch`).
    pub fn open_current(&self, guides: &Guides) -> std::result::Result<Library, BuildReason> {
        let dir = match &self.place {
            Place::Own(dir) => dir,
            Place::Refused(why) => return Err(BuildReason::NoFolder(why.clone())),
        };
        let stamp = Store::build_stamp();
        let mut reason = BuildReason::Missing;
        // A failed open is retried when another process replaced the index
        // meanwhile; a few rounds are plenty.
        for _ in 0..3 {
            let manifest = match Manifest::read(dir, &stamp) {
                Ok(Read::Current(m)) => *m,
                Ok(Read::Missing) => return Err(BuildReason::Missing),
                Ok(Read::Stale(written)) => {
                    return Err(
                        if written.pyq_version != stamp.pyq_version
                            || written.schema_version != stamp.schema_version
                        {
                            BuildReason::OtherVersion(written.pyq_version)
                        } else if written.bundled != stamp.bundled {
                            BuildReason::OtherBuild
                        } else {
                            BuildReason::GuidesChanged
                        },
                    );
                }
                Err(e) => {
                    return Err(BuildReason::Damaged(format!(
                        "{}: {e}",
                        Manifest::path(dir).display()
                    )));
                }
            };
            let watch = if guides.unchanged(&manifest.watch) {
                None
            } else if guides.sources().fingerprint() == manifest.stamp.fingerprint {
                // a folder was touched, but the guides are the same
                Some(guides.watch())
            } else {
                return Err(BuildReason::GuidesChanged);
            };
            match open_generation(dir, &manifest, None, watch) {
                Ok(library) => {
                    sweep(dir, &manifest.generation);
                    return Ok(library);
                }
                Err(e) => {
                    reason = BuildReason::Damaged(e);
                    let now = match Manifest::read(dir, &stamp) {
                        Ok(Read::Current(m)) => Some(m.generation),
                        _ => None,
                    };
                    if now.as_ref() == Some(&manifest.generation) {
                        break;
                    }
                }
            }
        }
        Err(reason)
    }

    /// Builds a new index from `guides` and makes it current. When the
    /// directory cannot be written, the index is built in memory and the
    /// report says why it was not saved.
    pub fn build(&self, guides: &Guides, reason: BuildReason) -> Result<(Library, BuildReport)> {
        self.build_with(guides, reason, &|_| {})
    }

    /// [`Store::build`], telling `progress` how far it is.
    pub fn build_with(
        &self,
        guides: &Guides,
        reason: BuildReason,
        progress: &dyn Fn(Progress),
    ) -> Result<(Library, BuildReport)> {
        let sources = guides.sources();
        let started = Instant::now();
        let taxonomy = Taxonomy::bundled()
            .map_err(|e| Error::failure(format!("pyq's bundled taxonomy is broken: {e}")))?;
        let (loaded, mut warnings) = sources.load();
        warnings.splice(0..0, sources.warnings.iter().cloned());
        let watch = guides.watch();
        if watch.partial() {
            warnings.push(format!(
                "the guide folders hold {} guides; to keep lookups fast pyq watches the {} edited most recently and every folder, so a file edited in place among the others is noticed when its folder changes or with pyq --reindex",
                watch.total_files,
                watch.files.len()
            ));
        }
        let guides = loaded;
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
        let manifest = |generation: String, counts: &Counts, written: Written| Manifest {
            stamp: Stamp {
                fingerprint: sources.fingerprint(),
                ..Store::build_stamp()
            },
            generation,
            counts: counts.clone(),
            build_millis: started.elapsed().as_millis() as u64,
            meta_hash: written.meta_hash,
            files: written.files,
            checked_at: manifest::now_seconds(),
            watch: watch.clone(),
            checksum: String::new(),
        };

        let saved = match &self.place {
            Place::Own(dir) => write_generation(dir, &write, &manifest),
            Place::Refused(why) => Err(why.clone()),
        };
        let (library, counts, not_saved) = match saved {
            Ok((library, counts, not_saved)) => (library, counts, not_saved),
            Err(why) => {
                let (index, counts) =
                    write(None).map_err(|e| super::index_error("cannot build the index", e))?;
                let library = Library::new(
                    index,
                    manifest("memory".into(), &counts, Written::default()),
                    None,
                    None,
                )
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
            guides: names,
        };
        Ok((library, report))
    }
}

/// What a build left on disk, for its manifest.
#[derive(Default)]
struct Written {
    meta_hash: String,
    files: Vec<FileStat>,
}

/// Opens the generation `manifest` names in `dir`, checked (see
/// `generation`); `held` is the lock of a generation this process built.
fn open_generation(
    dir: &Path,
    manifest: &Manifest,
    held: Option<InUse>,
    watch: Option<Watch>,
) -> std::result::Result<Library, String> {
    if names::entry_kind(&manifest.generation) != Some(Entry::Generation) {
        return Err(format!(
            "{} names no index of pyq's ({:?})",
            Manifest::path(dir).display(),
            manifest.generation
        ));
    }
    let gen_dir = dir.join(&manifest.generation);
    let held = match held {
        Some(held) => Some(held),
        None => match names::hold(&gen_dir) {
            Hold::Held(held) => Some(held),
            Hold::Unlocked => None,
            Hold::Removing => return Err(format!("{} is being removed", gen_dir.display())),
        },
    };
    if !gen_dir.is_dir() {
        return Err(format!("{} is missing", gen_dir.display()));
    }
    let (index, checked) = super::guarded(|| generation::open(&gen_dir, manifest))
        .map_err(|e| e.chain())?
        .map_err(|e| e.to_string())?;
    let library = super::guarded(|| Library::new(index, manifest.clone(), Some(dir.into()), held))
        .map_err(|e| e.chain())?
        .map_err(|e| format!("{}: {e}", gen_dir.display()))?
        .ok_or_else(|| format!("{} has another schema", gen_dir.display()))?;
    let documents = library.searcher().num_docs();
    if documents != manifest.counts.documents() as u64 {
        return Err(format!(
            "{} holds {documents} documents where {} went in",
            gen_dir.display(),
            manifest.counts.documents()
        ));
    }
    let files = match checked {
        Checked::Verified(files) => Some(files),
        Checked::Unchanged => None,
    };
    if files.is_some() || watch.is_some() {
        remember(dir, manifest, files, watch);
    }
    Ok(library)
}

/// Records in the manifest what this run found out at a cost: that the
/// generation's files were checked whole as they are now, or what to watch
/// of guides that were listed again and found unchanged. The next run need
/// not do it again. Best effort: a read-only folder keeps the old manifest,
/// and the next run does the same work.
fn remember(dir: &Path, manifest: &Manifest, files: Option<Vec<FileStat>>, watch: Option<Watch>) {
    // only while the manifest still names this generation
    match Manifest::read(dir, &manifest.stamp) {
        Ok(Read::Current(now)) if *now == *manifest => {}
        _ => return,
    }
    let mut updated = manifest.clone();
    if let Some(files) = files {
        updated.files = files;
        updated.checked_at = manifest::now_seconds();
    }
    if let Some(watch) = watch {
        updated.watch = watch;
    }
    let _ = updated.write(dir, &names::unique());
}

/// Writes a new generation in `dir`, switches the manifest to it and opens
/// it. The third value says why the manifest could not be switched: the
/// index is then used once and left for the next run to remove.
fn write_generation(
    dir: &Path,
    write: &WriteIndex,
    manifest: &dyn Fn(String, &Counts, Written) -> Manifest,
) -> std::result::Result<(Library, Counts, Option<String>), String> {
    let io_err =
        |what: &str, path: &Path, e: io::Error| format!("cannot {what} {}: {e}", path.display());
    fs::create_dir_all(dir).map_err(|e| io_err("create", dir, e))?;
    folder::mark(dir).map_err(|e| io_err("mark as pyq's the folder", dir, e))?;
    let unique = names::unique();
    let tmp = dir.join(format!("{}{unique}", names::BUILD_PREFIX));
    let generation = format!("{}{unique}", names::GENERATION_PREFIX);
    let gen_dir = dir.join(&generation);

    fs::create_dir(&tmp).map_err(|e| io_err("write to", dir, e))?;
    let held = match names::hold_new(&tmp) {
        Ok(held) => held,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(io_err("write to", dir, e));
        }
    };
    let built = write(Some(&tmp))
        .map_err(|e| e.to_string())
        .and_then(|(index, counts)| {
            // renaming the folder leaves its files' stats as they are
            let files = generation::current_stats(&tmp, &index).map_err(|e| e.to_string())?;
            let meta = fs::read(tmp.join("meta.json")).map_err(|e| e.to_string())?;
            Ok((
                counts,
                Written {
                    meta_hash: manifest::hash(&meta),
                    files,
                },
            ))
        });
    let (counts, written) = match built {
        Ok(built) => built,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(format!("cannot write the index in {}: {e}", dir.display()));
        }
    };
    if let Err(e) = fs::rename(&tmp, &gen_dir) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(io_err("rename the new index into", &gen_dir, e));
    }
    let manifest = manifest(generation.clone(), &counts, written).sealed();
    let not_saved = manifest
        .write(dir, &unique)
        .err()
        .map(|e| io_err("replace", &Manifest::path(dir), e));
    let library = open_generation(dir, &manifest, Some(held), None)?;
    // also when the manifest could not be switched: earlier runs' unnamed
    // generations go, and this one goes at the next run
    sweep(dir, &generation);
    Ok((library, counts, not_saved))
}

/// Removes, from pyq's own folder `dir`, the generations and builds that
/// no live process holds, but `current` and the one the manifest names now
/// (another pyq may have switched it meanwhile), and manifests left
/// half-written long ago. Nothing else is touched.
fn sweep(dir: &Path, current: &str) {
    if !folder::is_tagged(dir) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    // asked only once a folder's lock is ours (see `names::remove_unused`)
    let named_now = |name: &str| Manifest::generation_named(dir).as_deref() == Some(name);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let path = entry.path();
        match names::entry_kind(name) {
            Some(Entry::Generation) if name != current => {
                names::remove_unused(&path, || named_now(name));
            }
            Some(Entry::Build) => {
                names::remove_unused(&path, || false);
            }
            Some(Entry::ManifestInProgress) if names::older_than(&path, names::MANIFEST_GRACE) => {
                let _ = fs::remove_file(&path);
            }
            _ => {}
        }
    }
}
