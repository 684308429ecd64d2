//! Where guides come from: the bundled ones, embedded in the binary at build
//! time, and Markdown files in folders the user adds (`--guides`,
//! `PYQ_GUIDES`): finding them (`scan`), telling cheaply whether they
//! changed (`watch`), and reading them.

mod scan;
mod watch;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

pub use scan::{GuideFile, GuideSources};
pub use watch::{Roots, WATCHED_FILES, Watch, Watched};

use crate::files::{self, Refused};
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

/// Names of the bundled guides.
pub fn bundled_names() -> impl Iterator<Item = &'static str> {
    BUNDLED_GUIDES.iter().map(|(name, _)| *name)
}

/// The guides a run uses: the bundled ones and the user's folders, looked
/// at only as closely as the run needs (see `watch`).
#[derive(Debug, Default)]
pub struct Guides {
    pub roots: Roots,
    scanned: OnceLock<GuideSources>,
}

impl Guides {
    /// The guides of the user's folders `dirs` (and the bundled ones).
    pub fn new(dirs: &[PathBuf]) -> Guides {
        Guides {
            roots: Roots::resolve(dirs),
            scanned: OnceLock::new(),
        }
    }

    /// Only the bundled guides.
    pub fn bundled_only() -> Guides {
        Guides::new(&[])
    }

    /// Every guide file of the user's folders, found once.
    pub fn sources(&self) -> &GuideSources {
        self.scanned
            .get_or_init(|| GuideSources::scan(&self.roots.paths))
    }

    /// What a run checks to know these guides did not change.
    pub fn watch(&self) -> Watch {
        Watch::of(&self.roots, self.sources())
    }

    /// Whether the guides are those `watch` was made of, as far as it can
    /// tell without listing every folder.
    pub fn unchanged(&self, watch: &Watch) -> bool {
        watch.unchanged(&self.roots)
    }
}

impl GuideSources {
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
        // in the order of their paths, whatever order the folders listed them in
        let mut files: Vec<&GuideFile> = self.files.iter().collect();
        files.sort_unstable_by(|a, b| {
            a.path
                .as_os_str()
                .as_encoded_bytes()
                .cmp(b.path.as_os_str().as_encoded_bytes())
        });
        for file in files {
            let name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // two guides of one name (`notes/README.md`, `talks/README.md`,
            // or one named like a bundled guide) are told apart by folder
            let name = unique_name(&name, &file.path, &guides);
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

/// `name`, or, when another guide has it, the name with its folder's
/// (`talks/README.md`), numbered if need be (`talks/README-2.md`).
fn unique_name(name: &str, path: &std::path::Path, guides: &[Guide]) -> String {
    let taken = |n: &str| guides.iter().any(|g| g.name == n);
    if !taken(name) {
        return name.to_string();
    }
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let named = if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    };
    if !taken(&named) {
        return named;
    }
    let (stem, ext) = named.rsplit_once('.').unwrap_or((&named, "md"));
    (2..)
        .map(|n| format!("{stem}-{n}.{ext}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(named)
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
        assert_eq!(keys.unique("my\u{1b}[31mnotes\u{202e}.md"), "my-notes");
        assert_eq!(keys.unique("🚀.md"), "guide");
    }
}
