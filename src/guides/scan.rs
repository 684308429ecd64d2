//! Finding the user's guide files: every Markdown file in the guide folders
//! and below, known by path and stat only (no guide is read), which is
//! enough to fingerprint what an index would be built from.

use std::fs;
use std::path::{Path, PathBuf};

use crate::files::Stat;
use crate::fingerprint::Fingerprint;

use super::BUNDLED_FINGERPRINT;

/// A Markdown file found in one of the user's guide folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideFile {
    pub path: PathBuf,
    pub stat: Stat,
    /// Whether it is a regular file (not a FIFO, a device or a folder
    /// named `*.md`); only regular files are read.
    pub regular: bool,
}

/// The guides an index is built from, known by path and stat only.
#[derive(Debug, Clone, Default)]
pub struct GuideSources {
    pub files: Vec<GuideFile>,
    /// Every folder looked into, with its stat: a file added, removed or
    /// renamed in it changes the folder's stat.
    pub folders: Vec<(PathBuf, Stat)>,
    /// Problems found while looking (a folder that cannot be listed); not
    /// fatal.
    pub warnings: Vec<String>,
}

pub(super) fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

impl GuideSources {
    /// Finds the Markdown files (`.md`, `.markdown`) in the folders `roots`
    /// (canonical paths; see `Roots`) and below; a root may also be a file.
    pub fn scan(roots: &[PathBuf]) -> GuideSources {
        let mut sources = GuideSources::default();
        for root in roots {
            match fs::metadata(root) {
                Ok(meta) if meta.is_dir() => sources.walk(root, Stat::of(&meta)),
                Ok(meta) if is_markdown(root) => sources.add_file(root, Ok(meta)),
                // reported by `Roots`
                _ => {}
            }
        }
        // a folder given twice, or inside another one given, lists its
        // files once
        sources.files.sort_unstable_by(|a, b| {
            a.path
                .as_os_str()
                .as_encoded_bytes()
                .cmp(b.path.as_os_str().as_encoded_bytes())
        });
        sources.files.dedup_by(|a, b| a.path == b.path);
        sources
    }

    fn walk(&mut self, dir: &Path, stat: Stat) {
        self.folders.push((dir.to_path_buf(), stat));
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.warnings
                    .push(format!("cannot list {}: {e}; skipped it", dir.display()));
                return;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            // symbolic links to folders are not followed (no loops); links
            // to files are looked at through the link
            match entry.file_type() {
                Ok(t) if t.is_dir() && !hidden => {
                    if let Ok(meta) = entry.metadata() {
                        self.walk(&path, Stat::of(&meta));
                    }
                }
                Ok(t) if !hidden && is_markdown(&path) => {
                    let meta = if t.is_symlink() {
                        fs::metadata(&path)
                    } else {
                        entry.metadata()
                    };
                    self.add_file(&path, meta);
                }
                _ => {}
            }
        }
    }

    fn add_file(&mut self, path: &Path, meta: std::io::Result<fs::Metadata>) {
        match meta {
            Ok(meta) => self.files.push(GuideFile {
                path: path.to_path_buf(),
                stat: Stat::of(&meta),
                regular: meta.is_file(),
            }),
            Err(e) => self
                .warnings
                .push(format!("cannot read {}: {e}; skipped it", path.display())),
        }
    }

    /// A hash of everything that goes into an index: the bundled guides and
    /// data (fixed when pyq was built) and the user's files by path, size,
    /// modification and change time. The files are hashed one by one and the hashes
    /// summed, so that the order folders list them in does not matter and
    /// nothing needs sorting.
    pub fn fingerprint(&self) -> String {
        let mut sum = 0u64;
        for f in &self.files {
            let mut fp = Fingerprint::new();
            fp.field(f.path.as_os_str().as_encoded_bytes())
                .u64(f.stat.len)
                .field(&f.stat.modified.to_le_bytes())
                .field(&f.stat.changed.to_le_bytes())
                .u64(u64::from(f.regular));
            sum = sum.wrapping_add(fp.finish());
        }
        let mut fp = Fingerprint::new();
        fp.field(BUNDLED_FINGERPRINT.as_bytes())
            .u64(self.files.len() as u64)
            .u64(sum);
        fp.hex()
    }
}
