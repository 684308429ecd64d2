//! Where guides come from: the bundled ones, embedded in the binary at build
//! time, and Markdown files in folders the user adds (`--guides`,
//! `PYQ_GUIDES`).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::fingerprint::Fingerprint;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// A guide's name and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide {
    /// File name, e.g. `python-interview-guide.md`; unique among the guides.
    pub name: String,
    pub text: String,
}

/// A Markdown file found in one of the user's guide folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideFile {
    pub path: PathBuf,
    pub len: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 if unknown).
    pub modified: u128,
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
    pub fn scan(dirs: &[PathBuf]) -> GuideSources {
        let mut sources = GuideSources::default();
        for dir in dirs {
            match fs::metadata(dir) {
                Ok(meta) if meta.is_dir() => sources.walk(dir),
                Ok(_) if is_markdown(dir) => sources.add_file(dir),
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
            match entry.file_type() {
                Ok(t) if t.is_dir() && !hidden => self.walk(&path),
                Ok(_) if !hidden && is_markdown(&path) => self.add_file(&path),
                _ => {}
            }
        }
    }

    fn add_file(&mut self, path: &Path) {
        match fs::metadata(path) {
            Ok(meta) => self.files.push(GuideFile {
                path: path.to_path_buf(),
                len: meta.len(),
                modified: meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos()),
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
                .field(&f.modified.to_le_bytes());
        }
        fp.hex()
    }

    /// Reads every guide: the bundled ones first, then the user's files.
    /// Unreadable, binary or clashing files are skipped with a warning;
    /// invalid UTF-8 is replaced, with a warning.
    pub fn load(&self) -> (Vec<Guide>, Vec<String>) {
        let mut guides: Vec<Guide> = BUNDLED_GUIDES
            .iter()
            .map(|(name, bytes)| Guide {
                name: name.to_string(),
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
            let bytes = match fs::read(&file.path) {
                Ok(bytes) => bytes,
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
            guides.push(Guide { name, text });
        }
        (guides, warnings)
    }
}
