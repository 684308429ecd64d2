//! Reading the user's files (guides, the configuration) without trusting
//! them: only regular files are read, opening never blocks (a FIFO named
//! `notes.md` would otherwise wait forever for a writer), and a file larger
//! than its limit is refused before a byte of it is read.

use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// What the file system says of a file or folder, enough to notice a
/// change: any write to a file, and any entry added to, removed from or
/// renamed in a folder, changes its modification time, and anything at all
/// changes its change time, which cannot be set back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    pub len: u64,
    /// Modification and change (status) times, in nanoseconds since the
    /// Unix epoch (0 where unknown; 64 bits last until the year 2554).
    pub modified: u64,
    pub changed: u64,
    /// The inode (0 where unknown): a file replaced by another has another.
    pub inode: u64,
}

impl Stat {
    pub fn of(meta: &Metadata) -> Stat {
        let nanos = |t: io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        };
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            let secs = u64::try_from(meta.ctime()).unwrap_or(0);
            let nsecs = u64::try_from(meta.ctime_nsec()).unwrap_or(0);
            (
                secs.saturating_mul(1_000_000_000).saturating_add(nsecs),
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (changed, inode) = (0, 0);
        Stat {
            len: meta.len(),
            modified: nanos(meta.modified()),
            changed,
            inode,
        }
    }

    /// The stat of `path` (following links), or `None` when it cannot be
    /// looked at.
    pub fn of_path(path: &Path) -> Option<Stat> {
        fs::metadata(path).ok().map(|m| Stat::of(&m))
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Refused {
    /// Not a regular file: a FIFO, a device, a socket or a folder.
    NotRegular(&'static str),
    /// Larger than the limit (its size in bytes).
    TooLarge(u64),
    Io(io::Error),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            Refused::TooLarge(size) => write!(f, "it is {}", human_size(*size)),
            Refused::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Refused {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Refused::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for Refused {
    fn from(e: io::Error) -> Self {
        Refused::Io(e)
    }
}

/// What kind of file `meta` describes, for messages: "a FIFO".
pub fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_file() {
        return "a regular file";
    }
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    "a special file"
}

/// `bytes` for people: `3.0 GB`, `12 KB`, `80 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let value = bytes as f64 / size as f64;
            return if value < 10.0 {
                format!("{value:.1} {unit}")
            } else {
                format!("{value:.0} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// Checks what `fs::metadata` (which follows symbolic links) said of a file
/// before it is read.
pub fn check(meta: &Metadata, limit: u64) -> Result<(), Refused> {
    if !meta.is_file() {
        return Err(Refused::NotRegular(kind_of(meta)));
    }
    if meta.len() > limit {
        return Err(Refused::TooLarge(meta.len()));
    }
    Ok(())
}

/// Reads the regular file at `path`, at most `limit` bytes of it.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    check(&fs::metadata(path)?, limit)?;
    let file = open_nonblocking(path)?;
    // the file may have been replaced since it was looked at
    let meta = file.metadata()?;
    check(&meta, limit)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // a file that grows while it is read is still cut at the limit
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens a file for reading without waiting: a FIFO without a writer would
/// block `open` itself.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "# A\ntext\n").unwrap();
        assert_eq!(read_regular(&path, 100).unwrap(), b"# A\ntext\n");
        assert!(matches!(read_regular(&path, 4), Err(Refused::TooLarge(9))));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(Refused::NotRegular("a folder"))
        ));
        assert!(matches!(
            read_regular(&dir.path().join("none.md"), 100),
            Err(Refused::Io(e)) if e.kind() == io::ErrorKind::NotFound
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 100),
            Err(Refused::NotRegular("a character device"))
        ));
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.md");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        assert!(matches!(
            read_regular(&fifo, 100),
            Err(Refused::NotRegular("a FIFO (named pipe)"))
        ));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(80), "80 bytes");
        assert_eq!(human_size(12 * 1024), "12 KB");
        assert_eq!(human_size(3 << 30), "3.0 GB");
        assert_eq!(human_size(8 << 20), "8.0 MB");
    }
}
