//! The manifest: what an index directory holds and what it was built from.
//!
//! It is the only file read before the index itself. Replacing it (write to
//! a temporary file, then rename) is what switches readers to a new build, so
//! a reader sees either the old complete index or the new complete one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "manifest.json";

/// What an index must have been built from to be used as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub pyq_version: String,
    pub schema_version: u32,
    /// Hash of the bundled guides and data, and of the user's guide files
    /// (path, size, modification time).
    pub fingerprint: String,
}

/// Counts kept with an index, for reports and `pyq topics`.
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
    /// Names of the guides that went in, in order.
    pub guides: Vec<String>,
    pub build_millis: u64,
}

impl Manifest {
    pub fn path(index_dir: &Path) -> PathBuf {
        index_dir.join(FILE_NAME)
    }

    /// Reads the manifest; `Ok(None)` when there is none.
    pub fn read(index_dir: &Path) -> io::Result<Option<Manifest>> {
        match fs::read(Self::path(index_dir)) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Replaces the manifest atomically.
    pub fn write(&self, index_dir: &Path, unique: &str) -> io::Result<()> {
        let tmp = index_dir.join(format!("{FILE_NAME}.{unique}.tmp"));
        let result = (|| {
            let mut file = fs::File::create(&tmp)?;
            file.write_all(&serde_json::to_vec_pretty(self).map_err(io::Error::other)?)?;
            file.sync_all()?;
            fs::rename(&tmp, Self::path(index_dir))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }
}
