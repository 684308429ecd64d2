//! Whose folder the index lives in. pyq writes, replaces and removes files
//! only in a folder of its own: one it created, found empty, or marked
//! before with a `CACHEDIR.TAG` that says it is pyq's (the tag also tells
//! backup tools that the folder is a cache). Given a folder that holds
//! other things (`--index-dir ~`), pyq keeps its index in a subfolder of
//! its own, and when even that is taken, builds in memory and says so.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The name of the marker file (see <https://bford.info/cachedir/>).
pub const TAG_NAME: &str = "CACHEDIR.TAG";
/// The first line every cache directory tag begins with.
const TAG_SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";
/// What pyq writes after the signature, and looks for to know the tag is
/// its own.
const TAG_OWNER: &str = "# This file is a cache directory tag created by pyq.";
/// Where the index goes when the given folder holds other things.
pub const SUBFOLDER: &str = "pyq-index";

/// Where the index is kept, as decided from the folder the user named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In this folder, which is pyq's (or will be, once the tag is written).
    Own(PathBuf),
    /// Nowhere on disk: no folder of pyq's own could be found there. The
    /// text says why.
    Refused(String),
}

/// Whether pyq may treat a folder as its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// Marked with pyq's tag.
    Tagged,
    /// Missing or empty: pyq may create it and mark it.
    Free,
    /// Holds things that are not pyq's, or is not a folder.
    Taken,
}

fn claim(dir: &Path) -> Claim {
    if is_tagged(dir) {
        return Claim::Tagged;
    }
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_none() {
                Claim::Free
            } else {
                Claim::Taken
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::symlink_metadata(dir) {
            // a dangling symbolic link is not a free place
            Ok(_) => Claim::Taken,
            Err(_) => Claim::Free,
        },
        Err(_) => Claim::Taken,
    }
}

/// Whether `dir` holds pyq's cache directory tag.
pub fn is_tagged(dir: &Path) -> bool {
    let Ok(bytes) = crate::files::read_regular(&dir.join(TAG_NAME), 4096) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes);
    text.starts_with(TAG_SIGNATURE) && text.lines().any(|l| l.trim() == TAG_OWNER)
}

/// Decides where the index is kept, given the folder the user named (or
/// the default). `default` is true for pyq's own cache folder, which older
/// versions of pyq filled without a tag.
pub fn place(dir: &Path, default: bool) -> Place {
    if let Ok(meta) = fs::metadata(dir)
        && !meta.is_dir()
    {
        return Place::Refused(format!(
            "{} is {}, not a folder",
            dir.display(),
            crate::files::kind_of(&meta)
        ));
    }
    match claim(dir) {
        Claim::Tagged | Claim::Free => return Place::Own(dir.to_path_buf()),
        Claim::Taken if default && dir.is_dir() => return Place::Own(dir.to_path_buf()),
        Claim::Taken => {}
    }
    let sub = dir.join(SUBFOLDER);
    match claim(&sub) {
        Claim::Tagged | Claim::Free if dir.is_dir() => Place::Own(sub),
        _ => Place::Refused(format!(
            "{} holds files that are not pyq's, and so does {}",
            dir.display(),
            sub.display()
        )),
    }
}

/// Marks `dir` (which exists) as pyq's, unless it is already marked. Never
/// replaces a file: a tag that is not pyq's stays, and the folder is then
/// not pyq's.
pub fn mark(dir: &Path) -> io::Result<()> {
    if is_tagged(dir) {
        return Ok(());
    }
    let path = dir.join(TAG_NAME);
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        // another pyq may have marked it meanwhile
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && is_tagged(dir) => return Ok(()),
        Err(e) => return Err(e),
    };
    write!(
        file,
        "{TAG_SIGNATURE}\n{TAG_OWNER}\n# It holds pyq's search index, rebuilt from the guides whenever needed.\n# For information about cache directory tags, see https://bford.info/cachedir/\n"
    )?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_empty_folder_is_taken_as_is() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("new");
        assert_eq!(place(&missing, false), Place::Own(missing.clone()));
        assert_eq!(place(dir.path(), false), Place::Own(dir.path().into()));
    }

    #[test]
    fn a_folder_with_other_files_gets_a_subfolder() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.tmp"), "mine").unwrap();
        let sub = dir.path().join(SUBFOLDER);
        assert_eq!(place(dir.path(), false), Place::Own(sub.clone()));
        // pyq's own cache folder is pyq's even before it is marked
        assert_eq!(place(dir.path(), true), Place::Own(dir.path().into()));
        // a subfolder of that name holding the user's files is refused too
        fs::create_dir(&sub).unwrap();
        fs::write(sub.join("notes.txt"), "mine").unwrap();
        assert!(matches!(place(dir.path(), false), Place::Refused(_)));
    }

    #[test]
    fn a_marked_folder_is_pyqs_and_marking_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("manifest.json"), "{}").unwrap();
        mark(dir.path()).unwrap();
        assert!(is_tagged(dir.path()));
        assert_eq!(place(dir.path(), false), Place::Own(dir.path().into()));
        mark(dir.path()).unwrap();

        let other = tempfile::tempdir().unwrap();
        let foreign = format!("{TAG_SIGNATURE}\n# created by another tool\n");
        fs::write(other.path().join(TAG_NAME), &foreign).unwrap();
        assert!(!is_tagged(other.path()));
        assert!(mark(other.path()).is_err());
        assert_eq!(
            fs::read_to_string(other.path().join(TAG_NAME)).unwrap(),
            foreign
        );
    }
}
