//! The manifest: what an index directory holds and what it was built from.
//!
//! It is the only file read before the index itself. Replacing it (write to
//! a temporary file, then rename) is what switches readers to a new build, so
//! a reader sees either the old complete index or the new complete one.
//!
//! It carries a checksum of its own content and a hash of the generation's
//! `meta.json` (the one tantivy file without a checksum of its own), so
//! that a damaged manifest or `meta.json` is noticed rather than believed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::Stat;
use crate::fingerprint::Fingerprint;
use crate::guides::Watch;

pub const FILE_NAME: &str = "manifest.json";
/// A manifest is well under a kilobyte per guide; a file much larger than
/// any could be is not read.
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

/// What an index must have been built from to be used as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub pyq_version: String,
    pub schema_version: u32,
    /// Hash of the bundled guides and data, fixed when pyq was built.
    #[serde(default)]
    pub bundled: String,
    /// Hash of the bundled guides and data and of the user's guide files
    /// (path and stat; see `guides::GuideSources::fingerprint`).
    pub fingerprint: String,
}

impl Stamp {
    /// Whether an index stamped `self` was built by the same pyq, with the
    /// same bundled guides (the user's guides aside).
    pub fn same_build(&self, other: &Stamp) -> bool {
        self.pyq_version == other.pyq_version
            && self.schema_version == other.schema_version
            && self.bundled == other.bundled
    }
}

/// Counts kept with an index, for reports and `pyq --topics`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub guides: usize,
    pub sections: usize,
    pub questions: usize,
}

impl Counts {
    pub fn documents(&self) -> usize {
        self.sections + self.questions
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    #[serde(flatten)]
    pub stamp: Stamp,
    /// Sub-directory of the index directory holding the tantivy index.
    pub generation: String,
    pub counts: Counts,
    pub build_millis: u64,
    /// Hash of the generation's `meta.json` as written.
    pub meta_hash: String,
    /// The segment files as they were when last checked whole: while they
    /// still look the same, their checksums need not be read again.
    pub files: Vec<FileStat>,
    /// What tells cheaply whether the user's guides changed.
    pub watch: Watch,
    /// When the segment files were last read whole (seconds since the
    /// epoch).
    #[serde(default)]
    pub checked_at: u64,
    /// Hash of everything above; see [`Manifest::sealed`].
    #[serde(default)]
    pub checksum: String,
}

/// A segment file and its stat.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStat {
    pub name: String,
    #[serde(flatten)]
    pub stat: Stat,
}

/// Segment files that look unchanged are read whole again after this
/// long: what the file system does not see (a bad sector, a disk image
/// edited directly) is caught within a day, at the cost of one full read a
/// day.
pub const FULL_CHECK_EVERY: u64 = 24 * 60 * 60;

/// Seconds since the epoch.
pub fn now_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Whether files last read whole at `checked_at` are to be read again.
pub fn full_check_due(checked_at: u64) -> bool {
    now_seconds().saturating_sub(checked_at) >= FULL_CHECK_EVERY || checked_at > now_seconds()
}

/// How reading the manifest went.
#[derive(Debug)]
pub enum Read {
    /// There is none.
    Missing,
    /// It was written by another pyq, or one with other bundled guides;
    /// the rest of it was not looked at.
    Stale(Stamp),
    Current(Box<Manifest>),
}

/// The hash of some bytes, as the manifest writes hashes.
pub fn hash(bytes: &[u8]) -> String {
    Fingerprint::new().bytes(bytes).hex()
}

impl Manifest {
    pub fn path(index_dir: &Path) -> PathBuf {
        index_dir.join(FILE_NAME)
    }

    fn content_hash(&self) -> String {
        let unsealed = Manifest {
            checksum: String::new(),
            ..self.clone()
        };
        hash(&serde_json::to_vec(&unsealed).unwrap_or_default())
    }

    /// The manifest with its checksum set.
    pub fn sealed(mut self) -> Manifest {
        self.checksum = self.content_hash();
        self
    }

    /// Reads the manifest of `index_dir` for an index that must have been
    /// built as `stamp` says (see [`Stamp::same_build`]; whether the user's
    /// guides changed is for the caller to tell). An error means the file
    /// is there but damaged.
    pub fn read(index_dir: &Path, stamp: &Stamp) -> io::Result<Read> {
        let bytes = match crate::files::read_regular(&Self::path(index_dir), MAX_MANIFEST_BYTES) {
            Ok(bytes) => bytes,
            Err(crate::files::Refused::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Read::Missing);
            }
            Err(crate::files::Refused::Io(e)) => return Err(e),
            Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
        };
        let invalid = |e: serde_json::Error| io::Error::new(io::ErrorKind::InvalidData, e);
        // the stamp first: a manifest of another pyq may be shaped otherwise
        let written: Stamp = serde_json::from_slice(&bytes).map_err(invalid)?;
        if !written.same_build(stamp) {
            return Ok(Read::Stale(written));
        }
        let manifest: Manifest = serde_json::from_slice(&bytes).map_err(invalid)?;
        if manifest.checksum != manifest.content_hash() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "its checksum does not match its content",
            ));
        }
        Ok(Read::Current(Box::new(manifest)))
    }

    /// The generation the manifest names, whatever else it says (or `None`
    /// when it cannot be read).
    pub fn generation_named(index_dir: &Path) -> Option<String> {
        #[derive(Deserialize)]
        struct Named {
            generation: String,
        }
        let bytes = crate::files::read_regular(&Self::path(index_dir), MAX_MANIFEST_BYTES).ok()?;
        serde_json::from_slice::<Named>(&bytes)
            .ok()
            .map(|n| n.generation)
    }

    /// Replaces the manifest atomically, sealed with its checksum.
    pub fn write(&self, index_dir: &Path, unique: &str) -> io::Result<()> {
        let tmp = index_dir.join(format!("{FILE_NAME}.{unique}.tmp"));
        let sealed = self.clone().sealed();
        let result = (|| {
            let mut file = fs::File::create_new(&tmp)?;
            file.write_all(&serde_json::to_vec_pretty(&sealed).map_err(io::Error::other)?)?;
            file.sync_all()?;
            fs::rename(&tmp, Self::path(index_dir))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            stamp: Stamp {
                pyq_version: "1.0.0".into(),
                schema_version: 4,
                bundled: "b".into(),
                fingerprint: "abc".into(),
            },
            generation: "gen-1-2".into(),
            counts: Counts {
                guides: 1,
                sections: 2,
                questions: 3,
            },
            build_millis: 5,
            meta_hash: "0123".into(),
            files: vec![FileStat {
                name: "a.store".into(),
                stat: Stat {
                    len: 10,
                    ..Stat::default()
                },
            }],
            watch: Watch::default(),
            checked_at: 0,
            checksum: String::new(),
        }
    }

    #[test]
    fn a_written_manifest_reads_back_and_any_change_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let m = manifest();
        m.write(dir.path(), "1-1").unwrap();
        match Manifest::read(dir.path(), &m.stamp).unwrap() {
            Read::Current(read) => assert_eq!(*read, m.clone().sealed()),
            other => panic!("{other:?}"),
        }
        let path = Manifest::path(dir.path());
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replace("\"sections\": 2", "\"sections\": 9")).unwrap();
        assert!(Manifest::read(dir.path(), &m.stamp).is_err());
    }

    #[test]
    fn another_stamp_is_stale_whatever_the_rest_says() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            Manifest::path(dir.path()),
            r#"{"pyq_version": "0.0.1", "schema_version": 1, "fingerprint": "x"}"#,
        )
        .unwrap();
        assert!(matches!(
            Manifest::read(dir.path(), &manifest().stamp),
            Ok(Read::Stale(s)) if s.pyq_version == "0.0.1"
        ));
        assert!(matches!(
            Manifest::read(&dir.path().join("none"), &manifest().stamp),
            Ok(Read::Missing)
        ));
    }
}
