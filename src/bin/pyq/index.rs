//! The index as this run uses it: opened, built when it must be (saying
//! why), read again after a rebuild when it turns out damaged, and the
//! reports of a build.

use std::io::{self, Write};

use serde::Serialize;

use pyq::error::{Error, ErrorKind, Result};
use pyq::guides::Guides;
use pyq::index::{BuildReason, BuildReport, Library, Store};
use pyq::render;

use crate::app::{Failed, Outcome};
use crate::config::{Config, OutputFormat, Source};
use crate::progress::BuildProgress;

/// The index as this run uses it: opened, or built when it must be.
pub struct Index<'a> {
    config: &'a Config,
    store: Store,
    guides: Guides,
}

impl<'a> Index<'a> {
    /// The index of `config`'s folder and guides (nothing is read yet but
    /// the guide folders' names); problems with the folders are told on
    /// `err`.
    pub fn locate(config: &'a Config, err: &mut impl Write) -> io::Result<Index<'a>> {
        let guides = Guides::new(&config.guide_dirs());
        for warning in &guides.roots.warnings {
            writeln!(err, "pyq: warning: {}", render::one_line(warning))?;
        }
        let store = Store::locate(
            &config.index_dir,
            config.origins.index_dir == Source::Default,
        );
        Ok(Index {
            config,
            store,
            guides,
        })
    }

    /// `pyq --reindex`: builds now and reports on stdout.
    pub fn reindex(&self, out: &mut dyn Write) -> std::result::Result<Outcome, Failed> {
        let (library, report) = self.build(BuildReason::Requested)?;
        index_report(out, self.config, &library, &report)?;
        Ok(Outcome::Found)
    }

    /// The configuration with `--guide` naming a guide of the index by its
    /// file name (it may have been given by its stem, as ids spell it), or
    /// an error listing the guides; `None` when there is nothing to change.
    pub fn resolve_guide(
        &self,
        library: &mut Library,
        err: &mut impl Write,
    ) -> std::result::Result<Option<Config>, Failed> {
        let Some(guide) = &self.config.filters.guide else {
            return Ok(None);
        };
        if self.read(library, err, |l| l.has_guide(guide))? {
            return Ok(None);
        }
        let names = self.read(library, err, Library::guide_names)?;
        let Some(name) = guide_by_stem(guide, &names) else {
            return Err(Error::failure(format!("there is no guide named {guide:?}"))
                .with_fix(format!("use one of: {}", names.join(", ")))
                .into());
        };
        Ok(Some(Config {
            filters: pyq::search::Filters {
                guide: Some(name),
                ..self.config.filters.clone()
            },
            ..self.config.clone()
        }))
    }

    /// Builds the index now, showing progress on a terminal.
    fn build(&self, reason: BuildReason) -> Result<(Library, BuildReport)> {
        let progress = BuildProgress::new(self.config.stderr_terminal);
        let built = self
            .store
            .build_with(&self.guides, reason, &|step| progress.update(step));
        progress.finish();
        built
    }

    /// Opens the current index, or builds it (telling the user why).
    pub fn open(&self, err: &mut impl Write) -> std::result::Result<Library, Failed> {
        match self.store.open_current(&self.guides) {
            Ok(library) => Ok(library),
            Err(reason) => self.rebuild(reason, "building", err),
        }
    }

    fn rebuild(
        &self,
        reason: BuildReason,
        doing: &str,
        err: &mut dyn Write,
    ) -> std::result::Result<Library, Failed> {
        writeln!(
            err,
            "pyq: {doing} the index ({})…",
            render::one_line(&reason.to_string())
        )?;
        err.flush()?;
        let (library, report) = self.build(reason)?;
        build_notice(err, &library, &report)?;
        Ok(library)
    }

    /// Reads from the index with `read`. When the index turns out to be
    /// damaged (a file removed or cut short under a running pyq), it is
    /// rebuilt and read again, once. Only reading is retried: rendering
    /// happens after, and a bug in it is not taken for damage.
    pub fn read<T>(
        &self,
        library: &mut Library,
        err: &mut dyn Write,
        read: impl Fn(&Library) -> Result<T>,
    ) -> std::result::Result<T, Failed> {
        match read(library) {
            Err(e) if e.kind == ErrorKind::Damaged => {
                let fresh = self.rebuild(BuildReason::Damaged(e.chain()), "rebuilding", err)?;
                *library = fresh;
                Ok(read(library)?)
            }
            other => Ok(other?),
        }
    }
}

/// The guide of `names` that `given` (a file name, `.md` added when it had
/// no extension) names by its stem as ids spell it: `--guide My-Notes`
/// and `--guide my-notes` both name `My Notes.md`.
fn guide_by_stem(given: &str, names: &[String]) -> Option<String> {
    let stem = |name: &str| -> String {
        name.rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .to_string()
    };
    let wanted = stem(given);
    // by the id's spelling (`my-notes`), or as messages show the name
    // (without what would drive the terminal)
    names
        .iter()
        .find(|n| {
            let own = stem(n);
            pyq::text::slug(&own) == pyq::text::slug(&wanted)
                || render::one_line(&own).eq_ignore_ascii_case(&wanted)
        })
        .cloned()
}

fn location(library: &Library) -> String {
    library.location().map_or_else(
        || "memory only (not saved)".to_string(),
        |p| p.display().to_string(),
    )
}

/// The stderr notice after an automatic build.
fn build_notice(err: &mut dyn Write, library: &Library, report: &BuildReport) -> io::Result<()> {
    for warning in &report.warnings {
        writeln!(err, "pyq: warning: {}", render::one_line(warning))?;
    }
    if let Some(why) = &report.not_saved {
        writeln!(
            err,
            "pyq: warning: {why}; answering from an index kept in memory"
        )?;
        writeln!(
            err,
            "  fix: use a writable folder: pyq --index-dir DIR, or set PYQ_INDEX_DIR"
        )?;
    }
    let c = &report.counts;
    writeln!(
        err,
        "pyq: indexed {} documents from {} guides in {} ms ({})",
        c.documents(),
        c.guides,
        report.elapsed.as_millis(),
        location(library)
    )
}

#[derive(Serialize)]
struct IndexJson<'a> {
    guides: &'a [String],
    sections: usize,
    questions: usize,
    documents: usize,
    millis: u128,
    location: Option<String>,
    warnings: &'a [String],
}

/// The report of `pyq --reindex`, on stdout.
fn index_report(
    out: &mut dyn Write,
    config: &Config,
    library: &Library,
    report: &BuildReport,
) -> io::Result<()> {
    let c = &report.counts;
    if config.format == OutputFormat::Json {
        return render::json::value(
            out,
            &IndexJson {
                guides: &report.guides,
                sections: c.sections,
                questions: c.questions,
                documents: c.documents(),
                millis: report.elapsed.as_millis(),
                location: library.location().map(|p| p.display().to_string()),
                warnings: &report.warnings,
            },
        );
    }
    for warning in &report.warnings {
        writeln!(out, "warning: {}", render::one_line(warning))?;
    }
    if let Some(why) = &report.not_saved {
        writeln!(
            out,
            "warning: {why}; the index was built in memory only and is lost when pyq exits"
        )?;
        writeln!(
            out,
            "  fix: use a writable folder: pyq --index-dir DIR --reindex, or set PYQ_INDEX_DIR"
        )?;
    }
    writeln!(
        out,
        "Indexed {} guides: {} sections and {} questions ({} documents) in {} ms",
        c.guides,
        c.sections,
        c.questions,
        c.documents(),
        report.elapsed.as_millis()
    )?;
    for guide in &report.guides {
        writeln!(out, "  {}", render::one_line(guide))?;
    }
    writeln!(out, "Index: {}", location(library))?;
    out.flush()
}
