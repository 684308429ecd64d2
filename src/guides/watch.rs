//! Telling, cheaply, whether the user's guides changed since the index was
//! built, without listing every folder and looking at every file on every
//! run (a folder of 20,000 guides takes tens of milliseconds to list and
//! stat, many times a lookup).
//!
//! A build records a [`Watch`]: the guide folders as given, every folder
//! below them with its stat, and the files with theirs, up to
//! [`WATCHED_FILES`] of them (the ones modified most recently when there
//! are more). A run looks only at those; when one of them changed, it
//! lists everything again and compares fingerprints (see `scan`).
//!
//! What this notices at once: any file added, removed or renamed (the
//! folder holding it changes; editors that save by writing a new file and
//! renaming it, `git`, `sed -i`), and any change to a watched file. With
//! more than [`WATCHED_FILES`] guides, a file edited in place (without a
//! rename) that was not among the most recently modified when the index
//! was built is noticed at the next change to its folder, or with
//! `pyq --reindex`; the build says so.

use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::scan::{GuideSources, is_markdown};
use crate::files::Stat;

/// Files whose stats a run checks at most: about a millisecond and a half
/// of `stat` calls on a small virtual machine, a fraction of a lookup.
pub const WATCHED_FILES: usize = 1000;

/// The guide folders as the user named them, made canonical, so that
/// `notes`, `./notes` and `/home/me/notes` are one folder (and one index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roots {
    pub paths: Vec<PathBuf>,
    /// Folders that cannot be used (missing, not a folder); reported on
    /// every run, as they would be by a scan.
    pub warnings: Vec<String>,
}

impl Roots {
    pub fn resolve(given: &[PathBuf]) -> Roots {
        let mut roots = Roots::default();
        for dir in given {
            let path = fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
            if roots.paths.contains(&path) {
                continue;
            }
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() || is_markdown(&path) => {}
                Ok(_) => roots.warnings.push(format!(
                    "{} is not a folder of Markdown guides; skipped it (give --guides a folder)",
                    path.display()
                )),
                Err(e) => roots.warnings.push(format!(
                    "cannot read the guide folder {}: {e}; skipped it (check the path given to --guides or PYQ_GUIDES)",
                    path.display()
                )),
            }
            roots.paths.push(path);
        }
        roots
    }
}

/// A path and what it looked like (`None`: it could not be looked at).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watched {
    /// The path as text; a path that is not valid Unicode never matches,
    /// so its folders are listed again on every run.
    pub path: String,
    pub stat: Option<Stat>,
}

impl Watched {
    fn unchanged(&self) -> bool {
        Stat::of_path(std::path::Path::new(&self.path)) == self.stat
    }
}

/// What a run checks to know the guides are as they were; see the module
/// comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    pub roots: Vec<String>,
    pub folders: Vec<Watched>,
    pub files: Vec<Watched>,
    /// How many guide files there were (more than `files` holds when some
    /// are not watched).
    pub total_files: usize,
}

fn text(path: &std::path::Path) -> String {
    path.to_string_lossy().into_owned()
}

impl Watch {
    /// What to watch of the guides found in `roots`.
    pub fn of(roots: &Roots, sources: &GuideSources) -> Watch {
        let mut files: Vec<&super::GuideFile> = sources.files.iter().collect();
        if files.len() > WATCHED_FILES {
            files.sort_unstable_by_key(|f| std::cmp::Reverse(f.stat.modified));
            files.truncate(WATCHED_FILES);
        }
        Watch {
            roots: roots.paths.iter().map(|p| text(p)).collect(),
            // a root that is missing or a file is watched too: it may appear
            folders: roots
                .paths
                .iter()
                .filter(|r| !sources.folders.iter().any(|(f, _)| f == *r))
                .map(|r| Watched {
                    path: text(r),
                    stat: Stat::of_path(r),
                })
                .chain(sources.folders.iter().map(|(path, stat)| Watched {
                    path: text(path),
                    stat: Some(*stat),
                }))
                .collect(),
            files: files
                .into_iter()
                .map(|f| Watched {
                    path: text(&f.path),
                    stat: Some(f.stat),
                })
                .collect(),
            total_files: sources.files.len(),
        }
    }

    /// Whether everything watched is as it was, for the same folders.
    pub fn unchanged(&self, roots: &Roots) -> bool {
        self.roots.len() == roots.paths.len()
            && self
                .roots
                .iter()
                .zip(&roots.paths)
                .all(|(a, b)| *a == text(b))
            && self.folders.iter().all(Watched::unchanged)
            && self.files.iter().all(Watched::unchanged)
    }

    /// Whether some guide files are not watched (see the module comment).
    pub fn partial(&self) -> bool {
        self.total_files > self.files.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watch_of(dir: &std::path::Path) -> (Roots, Watch) {
        let roots = Roots::resolve(&[dir.to_path_buf()]);
        let sources = GuideSources::scan(&roots.paths);
        let watch = Watch::of(&roots, &sources);
        (roots, watch)
    }

    #[test]
    fn added_removed_and_edited_files_are_noticed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/a.md"), "# A\n").unwrap();
        let (roots, watch) = watch_of(dir.path());
        assert!(watch.unchanged(&roots));
        assert_eq!(watch.files.len(), 1);

        fs::write(dir.path().join("sub/b.md"), "# B\n").unwrap();
        assert!(!watch.unchanged(&roots), "a file added");
        let (roots, watch) = watch_of(dir.path());
        // an edit in place, keeping the size
        fs::write(dir.path().join("sub/a.md"), "# Z\n").unwrap();
        assert!(!watch.unchanged(&roots), "a file edited in place");
        let (roots, watch) = watch_of(dir.path());
        fs::remove_file(dir.path().join("sub/b.md")).unwrap();
        assert!(!watch.unchanged(&roots), "a file removed");
    }

    #[test]
    fn the_same_folder_spelled_otherwise_is_the_same_watch() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "# A\n").unwrap();
        let (_, watch) = watch_of(dir.path());
        let other = Roots::resolve(&[dir
            .path()
            .join(".")
            .join("..")
            .join(dir.path().file_name().unwrap())]);
        assert!(watch.unchanged(&other));
        let elsewhere = tempfile::tempdir().unwrap();
        assert!(!watch.unchanged(&Roots::resolve(&[elsewhere.path().into()])));
    }

    #[test]
    fn a_missing_folder_is_reported_and_watched() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("later");
        let (roots, watch) = watch_of(&missing);
        assert_eq!(roots.warnings.len(), 1);
        assert!(watch.unchanged(&roots));
        fs::create_dir(&missing).unwrap();
        assert!(!watch.unchanged(&roots), "the folder appeared");
    }
}
