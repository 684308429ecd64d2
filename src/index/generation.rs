//! Opening a generation (one complete tantivy index) for reading: checked
//! against its manifest, read without writing anything.
//!
//! A generation never changes once its build has finished, so reading it
//! needs no lock of tantivy's (tantivy would create `.tantivy-meta.lock`,
//! which fails on a read-only mount or in another user's folder). The
//! checks here keep a damaged index from answering wrongly:
//! - `meta.json` (which lists the segments and their sizes) must hash to
//!   what the manifest recorded; it is read on every run anyway;
//! - every segment file must exist and match the checksum in its footer.
//!   Reading every byte costs a little per megabyte of index, so, as git
//!   and make do, a file whose size, modification time, change time and
//!   inode are those recorded when it was last checked is not read again:
//!   no write to a file, nor its replacement, leaves all four as they
//!   were (the change time cannot be set back);
//! - the index must hold as many documents as the manifest says went in
//!   (checked by the caller, on the opened index).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::index::SegmentComponent;
use tantivy::{Index, SegmentMeta};

use super::manifest::{self, FileStat, Manifest};

/// The file tantivy lists an index's segments in.
const META_FILE: &str = "meta.json";
/// `meta.json` is a few kilobytes; one far larger is not tantivy's.
const MAX_META_BYTES: u64 = 64 * 1024 * 1024;

/// The files of a segment; each ends with a footer holding its checksum.
const COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
    SegmentComponent::Terms,
    SegmentComponent::Store,
];

/// An index folder seen as immutable: reads go to the files (`meta.json`
/// from the bytes that were checked), writes are refused, and locks are
/// not needed.
#[derive(Clone)]
struct Sealed {
    files: MmapDirectory,
    meta: Arc<Vec<u8>>,
}

impl fmt::Debug for Sealed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sealed({:?})", self.files)
    }
}

fn read_only(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("{} belongs to a finished index", path.display()),
    )
}

impl Directory for Sealed {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.files.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.files.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            read_only(path),
            path.to_path_buf(),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        if path == Path::new(META_FILE) {
            return Ok(self.meta.as_ref().clone());
        }
        self.files.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only(path))
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        // nothing writes a finished generation, so there is nothing to
        // keep out
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

/// Why a generation cannot be used.
#[derive(Debug)]
pub struct Unusable {
    pub path: PathBuf,
    pub why: String,
}

impl fmt::Display for Unusable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.path.display(), self.why)
    }
}

/// How the segment files were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// They look as they did when last checked; not read.
    Unchanged,
    /// They were read whole and are sound; these are their stats now.
    Verified(Vec<FileStat>),
}

/// Opens the generation `dir` that `manifest` names, checking it (see the
/// module comment).
pub fn open(dir: &Path, manifest: &Manifest) -> Result<(Index, Checked), Unusable> {
    let unusable = |path: &Path, why: String| Unusable {
        path: path.to_path_buf(),
        why,
    };
    let meta_path = dir.join(META_FILE);
    let meta = crate::files::read_regular(&meta_path, MAX_META_BYTES)
        .map_err(|e| unusable(&meta_path, format!("cannot be read ({e})")))?;
    if manifest::hash(&meta) != manifest.meta_hash {
        return Err(unusable(
            &meta_path,
            "is not the one this index was built with".into(),
        ));
    }
    let files =
        MmapDirectory::open(dir).map_err(|e| unusable(dir, format!("cannot be opened ({e})")))?;
    let sealed = Sealed {
        files,
        meta: Arc::new(meta),
    };
    let index =
        Index::open(sealed).map_err(|e| unusable(dir, format!("cannot be opened ({e})")))?;
    // `meta.json` is the one the manifest's files were listed from (its
    // hash says so), so their names are its segments' files; reading them
    // from the manifest spares parsing `meta.json` once more
    let listed = !manifest.files.is_empty()
        && manifest
            .files
            .iter()
            .all(|f| Path::new(&f.name).file_name() == Some(std::ffi::OsStr::new(&f.name)));
    let files: Vec<PathBuf> = if !listed {
        let metas = index
            .searchable_segment_metas()
            .map_err(|e| unusable(dir, format!("cannot be opened ({e})")))?;
        segment_files(&metas)
    } else {
        manifest
            .files
            .iter()
            .map(|f| PathBuf::from(&f.name))
            .collect()
    };
    let now = stats(dir, &files)?;
    if now == manifest.files && !manifest::full_check_due(manifest.checked_at) {
        return Ok((index, Checked::Unchanged));
    }
    check_segments(dir, &index, &files)?;
    Ok((index, Checked::Verified(now)))
}

/// The stats of a generation's segment files as they are now, to be
/// recorded in its manifest.
pub fn current_stats(dir: &Path, index: &Index) -> Result<Vec<FileStat>, Unusable> {
    let metas = index.searchable_segment_metas().map_err(|e| Unusable {
        path: dir.to_path_buf(),
        why: format!("cannot be opened ({e})"),
    })?;
    stats(dir, &segment_files(&metas))
}

/// Every file of every segment.
fn segment_files(metas: &[SegmentMeta]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for meta in metas {
        files.extend(COMPONENTS.iter().map(|c| meta.relative_path(c.clone())));
        if meta.has_deletes() {
            files.push(meta.relative_path(SegmentComponent::Delete));
        }
    }
    files
}

fn stats(dir: &Path, files: &[PathBuf]) -> Result<Vec<FileStat>, Unusable> {
    files
        .iter()
        .map(|file| {
            let path = dir.join(file);
            let meta = std::fs::metadata(&path).map_err(|e| Unusable {
                path: path.clone(),
                why: if e.kind() == io::ErrorKind::NotFound {
                    "is missing".into()
                } else {
                    format!("cannot be read ({e})")
                },
            })?;
            Ok(file_stat(file, &meta))
        })
        .collect()
}

fn file_stat(file: &Path, meta: &std::fs::Metadata) -> FileStat {
    FileStat {
        name: file.to_string_lossy().into_owned(),
        stat: crate::files::Stat::of(meta),
    }
}

/// Checks that every file of every segment is there and whole.
fn check_segments(dir: &Path, index: &Index, files: &[PathBuf]) -> Result<(), Unusable> {
    let managed = index.directory();
    for file in files {
        let path = dir.join(file);
        match managed.validate_checksum(file) {
            Ok(true) => {}
            Ok(false) => {
                return Err(Unusable {
                    path,
                    why: "fails its checksum".into(),
                });
            }
            Err(OpenReadError::FileDoesNotExist(_)) => {
                return Err(Unusable {
                    path,
                    why: "is missing".into(),
                });
            }
            Err(e) => {
                return Err(Unusable {
                    path,
                    why: format!("cannot be read ({e})"),
                });
            }
        }
    }
    Ok(())
}
