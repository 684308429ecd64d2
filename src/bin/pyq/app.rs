//! Runs one pyq action: what needs no index (paths, a manual page), a
//! rebuild, or an answer from the index, paged on a terminal. Knows
//! neither clap nor tantivy.

use std::io::{self, Write};

use pyq::error::{Error, Result};
use pyq::index::Library;
use pyq::render::Style;

use crate::config::{Action, Ask, ColorChoice, Config, OutputFormat};
use crate::index::Index;

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found and shown: exit 0.
    Found,
    /// Nothing matched: exit 1.
    NothingFound,
    /// The user left (Esc in the picker, Ctrl-C in the quiz): exit 130.
    Cancelled,
    /// The picker or the quiz was ended by this signal (SIGTERM, SIGHUP)
    /// and put the terminal back first: exit 128 + the signal's number.
    Signalled(u8),
}

/// Stops pyq before it opens any file when its standard output was closed
/// (`pyq gil >&-`). The Rust runtime points a closed standard output at
/// `/dev/null`, opened for reading and writing, so the answer would vanish
/// without a word; a `/dev/null` that the shell opened for writing is the
/// user's choice and fine.
pub fn check_stdout() -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::{AsFd, AsRawFd};
        use std::os::unix::fs::MetadataExt;
        let stdout = io::stdout();
        let fd = stdout.as_raw_fd();
        // SAFETY: F_GETFL only reads the flags of a descriptor of ours.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        let read_write = flags >= 0 && flags & libc::O_ACCMODE == libc::O_RDWR;
        let is_null = |m: &std::fs::Metadata| {
            std::fs::metadata("/dev/null").is_ok_and(|null| null.rdev() == m.rdev())
        };
        let opened = stdout
            .as_fd()
            .try_clone_to_owned()
            .and_then(|fd| std::fs::File::from(fd).metadata())
            .is_ok_and(|m| is_null(&m));
        if read_write && opened {
            return Err(
                Error::failure("standard output is closed; the answer would be lost")
                    .with_fix("give pyq somewhere to write, e.g. pyq gil > answer.txt"),
            );
        }
    }
    Ok(())
}

/// Runs `config`'s command, writing results to `out` and notices to `err`.
/// A closed `out` (broken pipe) ends the command quietly.
pub fn run(config: &Config, out: &mut dyn Write, err: &mut impl Write) -> Result<Outcome> {
    // what is left in `out`'s buffer is written now, while a failure can
    // still be reported
    match execute(config, out, err).and_then(|outcome| Ok(out.flush().map(|()| outcome)?)) {
        Err(Failed::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Outcome::Found),
        Err(Failed::Io(e)) => Err(Error::failure("cannot write the output").caused_by(e)),
        Err(Failed::Pyq(e)) => Err(e),
        Ok(outcome) => Ok(outcome),
    }
}

/// Why an action stopped: output that could not be written, or anything
/// else pyq has a message for.
pub enum Failed {
    Io(io::Error),
    Pyq(Error),
}

impl From<io::Error> for Failed {
    fn from(e: io::Error) -> Self {
        Failed::Io(e)
    }
}

impl From<Error> for Failed {
    fn from(e: Error) -> Self {
        Failed::Pyq(e)
    }
}

fn execute(
    config: &Config,
    out: &mut dyn Write,
    err: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    match &config.action {
        Action::Paths => {
            crate::paths::write(config, out)?;
            Ok(Outcome::Found)
        }
        Action::Generate(what) => {
            out.write_all(&crate::generate::text(*what)?)?;
            out.flush()?;
            Ok(Outcome::Found)
        }
        Action::Reindex => Index::locate(config, err)?.reindex(out),
        Action::Ask(ask) => {
            let index = Index::locate(config, err)?;
            let mut library = index.open(err)?;
            let resolved = index.resolve_guide(&mut library, err)?;
            let config = resolved.as_ref().unwrap_or(config);
            let style = Style {
                styled: config.styled(),
                color: config.color == ColorChoice::Always,
                width: config.width,
            };
            // A rendered answer on a terminal goes to the pager, which
            // prints it directly when it fits.
            let pager = config
                .pager
                .as_deref()
                .filter(|_| config.format == OutputFormat::Rendered)
                .filter(|_| matches!(ask, Ask::Search(_) | Ask::Show(_) | Ask::Pick(_)));
            let Some(pager) = pager else {
                return answer(ask, config, &index, &mut library, style, out, err);
            };
            let mut buffer = Vec::new();
            let outcome = answer(ask, config, &index, &mut library, style, &mut buffer, err)?;
            page(&buffer, pager, out, err)?;
            Ok(outcome)
        }
    }
}

/// Answers `ask` from the index.
fn answer(
    ask: &Ask,
    config: &Config,
    index: &Index,
    library: &mut Library,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::result::Result<Outcome, Failed> {
    use crate::answers;
    let filtered = |l: &Library| answers::filtered_documents(config, l);
    match ask {
        Ask::Search(query) => {
            let found = index.read(library, err, |l| {
                l.search(query, &config.filters, config.limit())
            })?;
            let ids: Vec<&str> = found
                .hits
                .iter()
                .map(|h| library.short_id(&h.doc))
                .collect();
            answers::search(config, &found, &ids, query, style, out, err)
        }
        Ask::Show(id) => {
            let doc = index.read(library, err, |l| l.get(id))?;
            answers::show(config, doc, id, style, out)
        }
        Ask::Pick(query) => {
            let docs = index.read(library, err, filtered)?;
            answers::pick(&docs, library, query, style, out)
        }
        Ask::Quiz { seed } => {
            let docs = index.read(library, err, filtered)?;
            crate::study::quiz(config, library, &docs, *seed, style, out)
        }
        Ask::Stats => {
            let docs = index.read(library, err, Library::all)?;
            crate::study::stats(config, &docs, style, out)
        }
        Ask::List => {
            let docs = index.read(library, err, filtered)?;
            answers::list(config, &docs, out)
        }
        Ask::Topics => {
            let counts = index.read(library, err, Library::facet_counts)?;
            answers::topics(config, &counts, style, out)
        }
    }
}

/// Shows `text` through the pager; when the pager fails, prints it and
/// says so, rather than lose the answer.
fn page(
    text: &[u8],
    pager: &str,
    out: &mut dyn Write,
    err: &mut impl Write,
) -> std::result::Result<(), Failed> {
    if text.is_empty() {
        return Ok(());
    }
    if let crate::pager::Paged::Failed(why) = crate::pager::show(text, pager, &|| false)? {
        out.write_all(text)?;
        writeln!(
            err,
            "pyq: warning: the pager {} {why}; printed the answer instead",
            crate::answers::quoted(pager)
        )?;
        writeln!(
            err,
            "  fix: set PYQ_PAGER to a pager that works, or use --no-pager"
        )?;
    }
    out.flush()?;
    Ok(())
}
