//! Where guides come from: the bundled ones, embedded in the binary at build
//! time, and Markdown files in folders the user adds (`--guides`,
//! `PYQ_GUIDES`).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::files::{self, Refused};
use crate::fingerprint::Fingerprint;
use crate::text::slug;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// A guide larger than this is not read (the largest bundled guide is
/// 160 KB; a Markdown file fifty times that is almost surely not a guide,
/// and reading it whole would cost the memory and time of a hundred guides).
pub const MAX_GUIDE_BYTES: u64 = 8 * 1024 * 1024;

/// A guide's name and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide {
    /// File name, e.g. `python-interview-guide.md`; unique among the guides.
    pub name: String,
    /// What its documents' ids start with: the file name's stem as a slug
    /// (`python-interview-guide`), made unique among all guides (bundled
    /// guides keep theirs; `notes.md` and `notes.markdown` become `notes`
    /// and `notes-2`). Made only of letters, digits and `-`, so every id
    /// can be printed and typed back.
    pub key: String,
    pub text: String,
}

/// A Markdown file found in one of the user's guide folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideFile {
    pub path: PathBuf,
    pub len: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 if unknown).
    pub modified: u128,
    /// Whether it is a regular file (not a FIFO, a device or a folder
    /// named `*.md`); only regular files are read.
    pub regular: bool,
}

/// The guides an index is built from, known by name, size and date only:
/// enough to tell whether an index is current without reading any guide.
#[derive(Debug, Clone, Default)]
pub struct GuideSources {
    pub files: Vec<GuideFile>,
    /// Problems found while looking (a missing folder, say); not fatal.
    pub warnings: Vec<String>,
}

/// Names of the bundled guides.
pub fn bundled_names() -> impl Iterator<Item = &'static str> {
    BUNDLED_GUIDES.iter().map(|(name, _)| *name)
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

impl GuideSources {
    /// Finds the Markdown files (`.md`, `.markdown`) in `dirs` and below.
    /// A folder is known by its canonical path, so `notes`, `./notes` and
    /// `/home/me/notes` are one folder (and one index).
    pub fn scan(dirs: &[PathBuf]) -> GuideSources {
        let mut sources = GuideSources::default();
        let mut seen: HashSet<PathBuf> = HashSet::new();
        for given in dirs {
            let dir = &fs::canonicalize(given).unwrap_or_else(|_| given.clone());
            if !seen.insert(dir.clone()) {
                continue;
            }
            match fs::metadata(dir) {
                Ok(meta) if meta.is_dir() => sources.walk(dir),
                Ok(meta) if is_markdown(dir) => sources.add_file(dir, Ok(meta)),
                Ok(_) => sources.warnings.push(format!(
                    "{} is not a folder of Markdown guides; skipped it (give --guides a folder)",
                    dir.display()
                )),
                Err(e) => sources.warnings.push(format!(
                    "cannot read the guide folder {}: {e}; skipped it (check the path given to --guides or PYQ_GUIDES)",
                    dir.display()
                )),
            }
        }
        sources.files.sort_by(|a, b| a.path.cmp(&b.path));
        sources
    }

    fn walk(&mut self, dir: &Path) {
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
                Ok(t) if t.is_dir() && !hidden => self.walk(&path),
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
                len: meta.len(),
                modified: meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos()),
                regular: meta.is_file(),
            }),
            Err(e) => self
                .warnings
                .push(format!("cannot read {}: {e}; skipped it", path.display())),
        }
    }

    /// A hash of everything that goes into an index: the bundled guides and
    /// data (fixed when pyq was built) and the user's files by path, size
    /// and modification time.
    pub fn fingerprint(&self) -> String {
        let mut fp = Fingerprint::new();
        fp.field(BUNDLED_FINGERPRINT.as_bytes());
        for f in &self.files {
            fp.field(f.path.to_string_lossy().as_bytes())
                .u64(f.len)
                .field(&f.modified.to_le_bytes())
                .u64(u64::from(f.regular));
        }
        fp.hex()
    }

    /// Reads every guide: the bundled ones first, then the user's files.
    /// Special, oversized, unreadable, binary or clashing files are skipped
    /// with a warning; invalid UTF-8 is replaced, with a warning.
    pub fn load(&self) -> (Vec<Guide>, Vec<String>) {
        let mut keys = GuideKeys::default();
        let mut guides: Vec<Guide> = BUNDLED_GUIDES
            .iter()
            .map(|(name, bytes)| Guide {
                name: name.to_string(),
                key: keys.unique(name),
                text: String::from_utf8_lossy(bytes).into_owned(),
            })
            .collect();
        let mut warnings = Vec::new();
        for file in &self.files {
            let name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if guides.iter().any(|g| g.name == name) {
                warnings.push(format!(
                    "{} has the same name as another guide; skipped it (rename the file to include it)",
                    file.path.display()
                ));
                continue;
            }
            let bytes = match files::read_regular(&file.path, MAX_GUIDE_BYTES) {
                Ok(bytes) => bytes,
                Err(Refused::TooLarge(size)) => {
                    warnings.push(format!(
                        "{} is {}, more than the {} a guide may have; skipped it",
                        file.path.display(),
                        files::human_size(size),
                        files::human_size(MAX_GUIDE_BYTES)
                    ));
                    continue;
                }
                Err(e) => {
                    warnings.push(format!(
                        "cannot read {}: {e}; skipped it",
                        file.path.display()
                    ));
                    continue;
                }
            };
            if bytes[..bytes.len().min(8192)].contains(&0) {
                warnings.push(format!(
                    "{} looks like a binary file, not Markdown; skipped it",
                    file.path.display()
                ));
                continue;
            }
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    warnings.push(format!(
                        "{} is not valid UTF-8; indexed it with the invalid bytes replaced by �",
                        file.path.display()
                    ));
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            };
            guides.push(Guide {
                key: keys.unique(&name),
                name,
                text,
            });
        }
        (guides, warnings)
    }
}

/// Hands out the id prefixes of guides, unique among all guides.
#[derive(Default)]
struct GuideKeys(HashSet<String>);

impl GuideKeys {
    fn unique(&mut self, file_name: &str) -> String {
        let stem = file_name
            .rsplit_once('.')
            .map_or(file_name, |(stem, _)| stem);
        let base = match slug(stem) {
            s if s == crate::text::EMPTY_SLUG => "guide".to_string(),
            s => s,
        };
        let mut key = base.clone();
        let mut n = 1;
        while !self.0.insert(key.clone()) {
            n += 1;
            key = format!("{base}-{n}");
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_keys_are_unique_slugs() {
        let mut keys = GuideKeys::default();
        assert_eq!(
            keys.unique("python-interview-guide.md"),
            "python-interview-guide"
        );
        assert_eq!(
            keys.unique("Python-Interview-Guide.MD"),
            "python-interview-guide-2"
        );
        assert_eq!(keys.unique("notes.md"), "notes");
        assert_eq!(keys.unique("notes.markdown"), "notes-2");
        assert_eq!(keys.unique("my\u{1b}[31mnotes\u{202e}.md"), "my-31mnotes");
        assert_eq!(keys.unique("🚀.md"), "guide");
    }
}
