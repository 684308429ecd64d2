//! The names pyq gives the entries of its index folder, and the locks that
//! tell a live process's entries from a dead one's.
//!
//! ```text
//! CACHEDIR.TAG                    marks the folder as pyq's (see folder.rs)
//! manifest.json                   what is current (see manifest.rs)
//! manifest.json.<unique>.tmp      a manifest being written
//! gen-<unique>/                   a complete index, named by the manifest
//! tmp-<unique>/                   a build in progress (or a killed one)
//! ```
//!
//! `<unique>` is `<hex nanoseconds>-<process id>`. Only entries whose names
//! have exactly these shapes are ever removed, so a user's `tmp-project/`
//! or `thesis.tmp` is safe even in pyq's own folder.
//!
//! Every `gen-*` and `tmp-*` folder holds a `pyq.lock` file. A process
//! using the folder (building it, or answering from it) holds a shared lock
//! on it for as long as it runs; the operating system drops the lock when
//! the process ends, however it ends. A folder is removed only by a process
//! that gets the exclusive lock, so never while someone uses it, and as
//! soon as nobody does.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The lock file inside a generation or a build.
pub const LOCK_FILE: &str = "pyq.lock";
pub const GENERATION_PREFIX: &str = "gen-";
pub const BUILD_PREFIX: &str = "tmp-";

/// A name unique to this moment and this process.
pub fn unique() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{nanos:x}-{}", std::process::id())
}

/// Whether `s` has the shape of [`unique`]'s names.
fn is_unique(s: &str) -> bool {
    let Some((hex, pid)) = s.split_once('-') else {
        return false;
    };
    !hex.is_empty()
        && hex.len() <= 32
        && hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && !pid.is_empty()
        && pid.len() <= 10
        && pid.bytes().all(|b| b.is_ascii_digit())
}

/// What an entry of the index folder is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Generation,
    Build,
    ManifestInProgress,
}

/// The kind of a pyq-made entry, or `None` for any other name.
pub fn entry_kind(name: &str) -> Option<Entry> {
    if let Some(rest) = name.strip_prefix(GENERATION_PREFIX) {
        return is_unique(rest).then_some(Entry::Generation);
    }
    if let Some(rest) = name.strip_prefix(BUILD_PREFIX) {
        return is_unique(rest).then_some(Entry::Build);
    }
    let rest = name
        .strip_prefix(super::manifest::FILE_NAME)?
        .strip_prefix('.')?
        .strip_suffix(".tmp")?;
    is_unique(rest).then_some(Entry::ManifestInProgress)
}

/// A shared lock on a generation or build folder, held while it is used.
#[derive(Debug)]
pub struct InUse(#[allow(dead_code)] File);

/// Creates the lock file of a new build folder and holds it.
pub fn hold_new(dir: &Path) -> io::Result<InUse> {
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(dir.join(LOCK_FILE))?;
    file.lock_shared()?;
    Ok(InUse(file))
}

/// How holding a generation went.
#[derive(Debug)]
pub enum Hold {
    Held(InUse),
    /// It has no lock file (made by an older pyq), or the lock cannot be
    /// taken here (a read-only folder): it can be read all the same.
    Unlocked,
    /// Another process is removing it.
    Removing,
}

/// Takes a shared lock on a generation about to be read.
pub fn hold(dir: &Path) -> Hold {
    let Ok(file) = File::open(dir.join(LOCK_FILE)) else {
        return Hold::Unlocked;
    };
    match file.try_lock_shared() {
        Ok(()) => Hold::Held(InUse(file)),
        Err(TryLockError::WouldBlock) => Hold::Removing,
        Err(TryLockError::Error(_)) => Hold::Unlocked,
    }
}

/// A folder without a lock file is left this long before it counts as
/// abandoned: a build creates its lock file right after its folder, and
/// older versions of pyq made none at all.
pub const UNLOCKED_GRACE: Duration = Duration::from_secs(600);
/// A manifest being written is renamed into place within milliseconds.
pub const MANIFEST_GRACE: Duration = Duration::from_secs(60);

/// Removes `path`, a generation or build folder, if no process uses it and
/// `still_wanted` (asked once nobody can use it any more) says no. Returns
/// whether it was removed.
///
/// The question comes after the lock is taken because a generation is named
/// by its manifest only while its builder holds it: once the exclusive lock
/// is ours, no process can come to name it, so the answer cannot go stale.
pub fn remove_unused(path: &Path, still_wanted: impl Fn() -> bool) -> bool {
    match File::open(path.join(LOCK_FILE)) {
        Ok(file) => match file.try_lock() {
            // nobody holds it, and nobody can take it while it is removed
            Ok(()) => !still_wanted() && fs::remove_dir_all(path).is_ok(),
            Err(_) => false,
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            older_than(path, UNLOCKED_GRACE) && !still_wanted() && fs::remove_dir_all(path).is_ok()
        }
        Err(_) => false,
    }
}

/// Whether the entry at `path` was last modified longer than `grace` ago.
pub fn older_than(path: &Path, grace: Duration) -> bool {
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age >= grace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_pyq_makes_are_its_own() {
        let u = unique();
        assert_eq!(entry_kind(&format!("gen-{u}")), Some(Entry::Generation));
        assert_eq!(entry_kind(&format!("tmp-{u}")), Some(Entry::Build));
        assert_eq!(
            entry_kind(&format!("manifest.json.{u}.tmp")),
            Some(Entry::ManifestInProgress)
        );
        for name in [
            "tmp-project",
            "gen-notes",
            "thesis.tmp",
            "manifest.json",
            "gen-",
            "gen-18eafd3dad93270b",
            "gen-18eafd3dad93270b-",
            "gen-18EAFD3DAD93270B-12",
            "gen-zz-12",
            "tmp-18eafd3dad93270b-12/x",
            "manifest.json.tmp",
            "manifest.json.x.tmp",
        ] {
            assert_eq!(entry_kind(name), None, "{name}");
        }
    }

    #[test]
    fn a_folder_in_use_is_not_removed_until_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let build = dir.path().join(format!("tmp-{}", unique()));
        fs::create_dir(&build).unwrap();
        let held = hold_new(&build).unwrap();
        // a second holder shares it
        assert!(matches!(hold(&build), Hold::Held(_)));
        assert!(!remove_unused(&build, || false));
        assert!(build.exists());
        drop(held);
        assert!(!remove_unused(&build, || true), "still wanted");
        assert!(build.exists());
        assert!(remove_unused(&build, || false));
        assert!(!build.exists());
    }

    #[test]
    fn a_folder_without_a_lock_file_is_removed_only_when_old() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(format!("gen-{}", unique()));
        fs::create_dir(&old).unwrap();
        assert!(matches!(hold(&old), Hold::Unlocked));
        assert!(!remove_unused(&old, || false), "too young");
        assert!(old.exists());
    }
}
