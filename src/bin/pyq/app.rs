//! Runs one pyq command: opens (or builds) the index, does what the
//! configuration asks, writes the result. Knows neither clap nor tantivy.

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;

use pyq::classify::Taxonomy;
use pyq::document::Document;
use pyq::error::{Error, ErrorKind, Result};
use pyq::guides::Guides;
use pyq::index::{BuildReason, BuildReport, FacetCounts, Library, Lookup, Store};
use pyq::render::{self, Style, TopicRow};
use pyq::search::Found;

use crate::config::{Action, ColorChoice, Config, OutputFormat, Source};
use crate::progress::BuildProgress;

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
pub fn run(config: &Config, out: &mut impl Write, err: &mut impl Write) -> Result<Outcome> {
    match execute(config, out, err) {
        Err(Failed::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Outcome::Found),
        Err(Failed::Io(e)) => Err(Error::failure("cannot write the output").caused_by(e)),
        Err(Failed::Pyq(e)) => Err(e),
        Ok(outcome) => Ok(outcome),
    }
}

enum Failed {
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
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    match &config.action {
        Action::Paths => {
            paths(config, out)?;
            return Ok(Outcome::Found);
        }
        Action::Generate(what) => {
            out.write_all(&crate::generate::text(*what)?)?;
            out.flush()?;
            return Ok(Outcome::Found);
        }
        _ => {}
    }
    let guides = Guides::new(&config.guide_dirs());
    for warning in &guides.roots.warnings {
        writeln!(err, "pyq: warning: {}", render::one_line(warning))?;
    }
    let store = Store::locate(
        &config.index_dir,
        config.origins.index_dir == Source::Default,
    );
    let index = Index {
        config,
        store: &store,
        guides: &guides,
    };
    if config.action == Action::Index {
        let (library, report) = index.build(BuildReason::Requested)?;
        index_report(out, config, &library, &report)?;
        return Ok(Outcome::Found);
    }
    let mut library = index.open(err)?;
    let resolved;
    let config = match &config.filters.guide {
        Some(guide) if !index.read(&mut library, err, |l| l.has_guide(guide))? => {
            let names = index.read(&mut library, err, Library::guide_names)?;
            let Some(name) = guide_by_stem(guide, &names) else {
                return Err(Error::failure(format!("there is no guide named {guide:?}"))
                    .with_fix(format!("use one of: {}", names.join(", ")))
                    .into());
            };
            resolved = Config {
                filters: pyq::search::Filters {
                    guide: Some(name),
                    ..config.filters.clone()
                },
                ..config.clone()
            };
            &resolved
        }
        _ => config,
    };
    let style = Style {
        styled: config.styled(),
        color: config.color == ColorChoice::Always,
        width: config.width,
    };
    // A rendered answer on a terminal is written to a buffer first, then
    // given to the pager (which prints it directly when it fits).
    let pager = config
        .pager
        .as_deref()
        .filter(|_| config.format == OutputFormat::Rendered)
        .filter(|_| {
            matches!(
                config.action,
                Action::Search(_) | Action::Show(_) | Action::Pick(_)
            )
        });
    let mut buffer = Vec::new();
    let target: &mut dyn Write = if pager.is_some() { &mut buffer } else { out };
    let mut target = target;
    let outcome = match &config.action {
        Action::Search(query) => {
            let found = index.read(&mut library, err, |l| {
                l.search(query, &config.filters, config.limit())
            })?;
            let ids: Vec<&str> = found
                .hits
                .iter()
                .map(|h| library.short_id(&h.doc))
                .collect();
            search(config, &found, &ids, query, style, &mut target, err)?
        }
        Action::Show(id) => {
            let doc = index.read(&mut library, err, |l| l.get(id))?;
            show(config, doc, id, style, &mut target)?
        }
        Action::Pick(query) => {
            let docs = index.read(&mut library, err, |l| filtered_documents(config, l))?;
            pick(&docs, &library, query, style, &mut target)?
        }
        Action::Quiz { seed } => {
            let docs = index.read(&mut library, err, |l| filtered_documents(config, l))?;
            quiz(config, &library, &docs, *seed, style, &mut target)?
        }
        Action::Stats => {
            let docs = index.read(&mut library, err, Library::all)?;
            let study = study(config)?;
            let report = crate::stats::report(&study, &docs, crate::clock::now())?;
            if config.format == OutputFormat::Json {
                render::json::value(&mut target, &report)?;
            } else {
                crate::stats::write(&mut target, &report, &study, style.color)?;
            }
            Outcome::Found
        }
        Action::List => {
            let docs = index.read(&mut library, err, |l| filtered_documents(config, l))?;
            list(config, &docs, &mut target)?
        }
        Action::Topics => {
            let counts = index.read(&mut library, err, Library::facet_counts)?;
            topics(config, &counts, style, &mut target)?
        }
        Action::Index | Action::Paths | Action::Generate(_) => {
            unreachable!("answered without the index, above")
        }
    };
    if let Some(pager) = pager
        && !buffer.is_empty()
    {
        if let crate::pager::Paged::Failed(why) = crate::pager::show(&buffer, pager, out)? {
            out.write_all(&buffer)?;
            writeln!(
                err,
                "pyq: warning: the pager {} {why}; printed the answer instead",
                quoted(pager)
            )?;
            writeln!(
                err,
                "  fix: set PYQ_PAGER to a pager that works, or use --no-pager"
            )?;
        }
        out.flush()?;
    }
    Ok(outcome)
}

/// The guide of `names` that `given` (a file name, `.md` added when it had
/// no extension) names by its stem as ids spell it: `--guide My-Notes`
/// and `--guide my-notes` both name `My Notes.md`.
fn guide_by_stem(given: &str, names: &[String]) -> Option<String> {
    let stem = |name: &str| {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        pyq::text::slug(stem)
    };
    let wanted = stem(given);
    names.iter().find(|n| stem(n) == wanted).cloned()
}

/// The index as this run uses it: opened, or built when it must be.
struct Index<'a> {
    config: &'a Config,
    store: &'a Store,
    guides: &'a Guides,
}

impl Index<'_> {
    /// Builds the index now, showing progress on a terminal.
    fn build(&self, reason: BuildReason) -> Result<(Library, BuildReport)> {
        let progress = BuildProgress::new(self.config.stderr_terminal);
        let built = self
            .store
            .build_with(self.guides, reason, &|step| progress.update(step));
        progress.finish();
        built
    }

    /// Opens the current index, or builds it (telling the user why).
    fn open(&self, err: &mut impl Write) -> std::result::Result<Library, Failed> {
        match self.store.open_current(self.guides) {
            Ok(library) => Ok(library),
            Err(reason) => self.rebuild(reason, "building", err),
        }
    }

    fn rebuild(
        &self,
        reason: BuildReason,
        doing: &str,
        err: &mut impl Write,
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
    fn read<T>(
        &self,
        library: &mut Library,
        err: &mut impl Write,
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

fn search(
    config: &Config,
    found: &Found,
    ids: &[&str],
    query: &str,
    style: Style,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    if let Some(declined) = &found.declined {
        return not_covered(config, declined, out, err);
    }
    if found.plan.truncated {
        writeln!(
            err,
            "pyq: the query is long; searched its first {} words",
            pyq::query::MAX_QUERY_TOKENS
        )?;
    }
    if let Some(corrected) = found.plan.corrected_query()
        && !found.hits.is_empty()
    {
        writeln!(err, "pyq: showing results for \"{corrected}\"")?;
    }
    let hits = &found.hits;
    match config.format {
        OutputFormat::Json => {
            render::json::hits(out, hits.iter().map(|h| (&h.doc, Some(h.score))))?
        }
        OutputFormat::Lines => {
            render::hit_lines(out, hits.iter().map(|h| (&h.doc, found.snippet(&h.doc))))?
        }
        OutputFormat::Rendered => {
            // highlighting shows only in colour
            let highlight = if style.color {
                found.highlight()
            } else {
                HashSet::new()
            };
            let answer = render::Answer {
                hits,
                same_as_best: &found.same_as_best,
                highlight: &highlight,
                ids,
            };
            render::answer(out, &answer, style)?
        }
    }
    out.flush()?;
    if hits.is_empty() {
        let narrowed = config.filters.topic.is_some()
            || config.filters.level.is_some()
            || config.filters.guide.is_some();
        let hint = if narrowed {
            " with these filters; try without --topic/--level/--guide"
        } else {
            ""
        };
        if found.plan.is_empty() {
            writeln!(
                err,
                "pyq: nothing to search for in {}: it has no words",
                quoted(query)
            )?;
            return Ok(Outcome::NothingFound);
        }
        write!(err, "pyq: nothing found for {}{hint}", quoted(query))?;
        if !found.suggestions.is_empty() {
            write!(err, "; did you mean: {}?", found.suggestions.join(", "))?;
        }
        writeln!(err)?;
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Found)
}

/// A query the guides do not answer: `[]` with `--json`, nothing with
/// `--list`; on stderr one line naming the words not covered, and on a
/// terminal the closest titles to try.
fn not_covered(
    config: &Config,
    declined: &pyq::search::Declined,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    /// Words named at most: the most telling ones come first.
    const WORDS_NAMED: usize = 3;
    if config.format == OutputFormat::Json {
        render::json::hits(out, std::iter::empty())?;
        out.flush()?;
    }
    let words: Vec<String> = declined
        .words
        .iter()
        .take(WORDS_NAMED)
        .map(|w| quoted(w))
        .collect();
    if words.is_empty() {
        writeln!(err, "pyq: the guides don't answer this question")?;
    } else {
        writeln!(err, "pyq: the guides don't cover {}", words.join(", "))?;
    }
    if config.stderr_terminal && config.format == OutputFormat::Rendered {
        for title in &declined.closest {
            writeln!(err, "  closest: {}", render::one_line(title))?;
        }
    }
    Ok(Outcome::NothingFound)
}

/// A query as messages quote it: escaped, and cut when long.
fn quoted(query: &str) -> String {
    const MAX: usize = 60;
    match query.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}…", &query[..cut]),
        None => format!("{query:?}"),
    }
}

fn show(
    config: &Config,
    found: Lookup,
    id: &str,
    style: Style,
    out: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    let doc = match found {
        Lookup::Found(doc) => *doc,
        Lookup::Missing => {
            return Err(Error::not_found(format!("no document has the id {id:?}"))
                .with_fix("find ids with pyq -l (every document) or pyq -l QUERY")
                .into());
        }
        Lookup::Ambiguous(ids) => {
            return Err(Error::failure(format!(
                "{id:?} is the end of the ids of several guides' documents"
            ))
            .with_fix(format!("give the whole id: {}", ids.join(", ")))
            .into());
        }
    };
    match config.format {
        OutputFormat::Json => render::json::hits(out, [(&doc, None)])?,
        OutputFormat::Lines => render::lines(out, [&doc])?,
        OutputFormat::Rendered => render::document(out, &doc, style)?,
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// The picker over the documents the filters allow; the chosen one is
/// shown as `pyq --show` would.
fn pick(
    docs: &[Document],
    library: &Library,
    query: &str,
    style: Style,
    out: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    match crate::picker::pick(docs, query, library)? {
        crate::picker::Picked::Chosen(i) => {
            render::document(out, &docs[i], style)?;
            out.flush()?;
            Ok(Outcome::Found)
        }
        crate::picker::Picked::Cancelled => Ok(Outcome::Cancelled),
        crate::picker::Picked::Signalled(signal) => Ok(Outcome::Signalled(signal)),
    }
}

/// The study file of this configuration, opened.
fn study(config: &Config) -> Result<pyq::study::Study> {
    let dir = config.data_dir.as_ref().ok_or_else(|| {
        Error::failure("cannot find a data folder for the study file (no home directory)")
            .with_fix("name one: set PYQ_DATA_DIR")
    })?;
    pyq::study::Study::open(&dir.join(pyq::study::FILE_NAME))
}

/// A quiz over the questions the filters allow: due ones first, then new.
fn quiz(
    config: &Config,
    library: &Library,
    docs: &[Document],
    seed: Option<u64>,
    style: Style,
    out: &mut dyn Write,
) -> std::result::Result<Outcome, Failed> {
    let cards = pyq::study::cards(docs);
    if cards.is_empty() {
        return Err(
            Error::not_found("there are no questions to ask with these filters")
                .with_fix("try without --topic/--level/--guide (see pyq --topics)")
                .into(),
        );
    }
    let mut study = study(config)?;
    let known = cards
        .iter()
        .map(|c| study.find(&c.aliases))
        .collect::<Result<Vec<_>>>()?;
    let now = crate::clock::now();
    let seed = seed.unwrap_or_else(|| fastrand::u64(..1_000_000));
    let plan = crate::quiz::plan(&known, now, config.limit.unwrap_or(10), seed);
    if plan.is_empty() {
        let next = known.iter().flatten().map(|k| k.memory.due).min();
        let when = next.map_or_else(String::new, |due| {
            format!(
                "; the next review is due in {}",
                crate::quiz::wait(due - now)
            )
        });
        writeln!(
            out,
            "Nothing to study now: every question here has been answered{when}. (pyq --stats shows your progress)"
        )?;
        out.flush()?;
        return Ok(Outcome::Found);
    }
    let short_id = |doc: &Document| library.short_id(doc).to_string();
    let mut session = crate::quiz::Session {
        docs,
        cards: &cards,
        known: &known,
        plan: &plan,
        study: &mut study,
        now,
        seed,
        style,
        pager: config.pager.as_deref(),
        short_id: &short_id,
    };
    let ended = if config.stdin_terminal {
        let mut keys = crate::quiz::keys::TerminalKeys::new()?;
        session.run(&mut keys, out)
    } else {
        let mut keys = crate::quiz::keys::LineKeys::new(io::stdin().lock());
        session.run(&mut keys, out)
    };
    let ending = match ended {
        Ok(ending) => ending,
        // bad input is not a failure to write
        Err(crate::quiz::Failure::Io(e)) if e.kind() == io::ErrorKind::InvalidInput => {
            return Err(Error::failure(e.to_string())
                .with_fix("answer with y, n, 1-4, q or an empty line, one per line")
                .into());
        }
        Err(crate::quiz::Failure::Io(e)) => return Err(e.into()),
        Err(crate::quiz::Failure::Save(e)) => return Err(e.into()),
    };
    Ok(match ending {
        crate::quiz::Ending::Finished => Outcome::Found,
        crate::quiz::Ending::Aborted => Outcome::Cancelled,
        crate::quiz::Ending::Signalled(signal) => Outcome::Signalled(signal),
    })
}

/// Every document that `--topic`, `--level` and `--guide` let through, in
/// guide order.
fn filtered_documents(config: &Config, library: &Library) -> Result<Vec<Document>> {
    let f = &config.filters;
    Ok(library
        .all()?
        .into_iter()
        .filter(|d| f.topic.as_ref().is_none_or(|t| &d.topic == t))
        .filter(|d| f.level.is_none_or(|l| d.difficulty == l))
        .filter(|d| f.guide.as_ref().is_none_or(|g| &d.guide == g))
        .collect())
}

fn list(
    config: &Config,
    docs: &[Document],
    out: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    match config.format {
        OutputFormat::Json => render::json::hits(out, docs.iter().map(|d| (d, None)))?,
        OutputFormat::Lines | OutputFormat::Rendered => render::lines(out, docs)?,
    }
    out.flush()?;
    Ok(if docs.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

#[derive(Serialize)]
struct TopicsJson<'a> {
    topics: Vec<TopicJson<'a>>,
    levels: &'a std::collections::BTreeMap<String, u64>,
    total: u64,
}

#[derive(Serialize)]
struct TopicJson<'a> {
    name: &'a str,
    description: &'a str,
    documents: u64,
}

fn topics(
    config: &Config,
    counts: &FacetCounts,
    style: Style,
    out: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    let taxonomy = Taxonomy::bundled().map_err(Error::failure)?;
    let rows: Vec<TopicRow> = taxonomy
        .topics()
        .iter()
        .map(|t| TopicRow {
            name: t.name.clone(),
            description: t.description.clone(),
            count: counts.topics.get(&t.name).copied().unwrap_or(0),
        })
        .collect();
    if config.format == OutputFormat::Json {
        let json = TopicsJson {
            topics: rows
                .iter()
                .map(|r| TopicJson {
                    name: &r.name,
                    description: &r.description,
                    documents: r.count,
                })
                .collect(),
            levels: &counts.levels,
            total: counts.total,
        };
        render::json::value(out, &json)?;
    } else {
        let levels: Vec<(String, u64)> = pyq::document::Difficulty::ALL
            .iter()
            .map(|d| {
                (
                    d.to_string(),
                    counts.levels.get(d.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();
        render::topics(out, &rows, &levels, counts.total, style)?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}

#[derive(Serialize)]
struct PathRow {
    what: &'static str,
    path: String,
    source: &'static str,
    note: String,
}

/// `pyq --paths`: where the configuration, the index and the guides are, and
/// what said so.
fn paths(config: &Config, out: &mut impl Write) -> io::Result<()> {
    let o = &config.origins;
    let mut rows = vec![PathRow {
        what: "config",
        path: o
            .config_file
            .as_ref()
            .map_or("(no config folder)".into(), |p| p.display().to_string()),
        source: o.config_source.as_str(),
        note: if o.config_found {
            "read".into()
        } else {
            "not present".into()
        },
    }];
    let store = Store::locate(&config.index_dir, o.index_dir == Source::Default);
    rows.push(match store.dir() {
        Some(dir) => PathRow {
            what: "index",
            path: dir.display().to_string(),
            source: o.index_dir.as_str(),
            note: match (dir == config.index_dir, dir.join("manifest.json").is_file()) {
                (true, true) => "built".into(),
                (true, false) => "not built yet".into(),
                (false, built) => format!(
                    "{} holds other files, so the index has a folder of its own in it{}",
                    config.index_dir.display(),
                    if built { "" } else { "; not built yet" }
                ),
            },
        },
        None => PathRow {
            what: "index",
            path: "(memory only)".into(),
            source: o.index_dir.as_str(),
            note: format!(
                "{} and its {} subfolder hold files that are not pyq's",
                config.index_dir.display(),
                pyq::index::SUBFOLDER
            ),
        },
    });
    let study_file = config
        .data_dir
        .as_ref()
        .map(|d| d.join(pyq::study::FILE_NAME));
    rows.push(PathRow {
        what: "study",
        path: study_file
            .as_ref()
            .map_or("(no data folder)".into(), |p| p.display().to_string()),
        source: o.data_dir.as_str(),
        note: if study_file.as_ref().is_some_and(|p| p.is_file()) {
            "what the quiz remembers".into()
        } else {
            "no answers yet".into()
        },
    });
    rows.push(PathRow {
        what: "guides",
        path: "(built into pyq)".into(),
        source: "default",
        note: format!("{} bundled guides", pyq::guides::bundled_names().count()),
    });
    for (dir, source) in &o.guide_dirs {
        rows.push(PathRow {
            what: "guides",
            path: dir.display().to_string(),
            source: source.as_str(),
            note: if dir.is_dir() {
                "folder".into()
            } else {
                "missing".into()
            },
        });
    }
    if config.format == OutputFormat::Json {
        return render::json::value(out, &rows);
    }
    let width = rows
        .iter()
        .map(|r| r.path.chars().count())
        .max()
        .unwrap_or(0);
    for r in &rows {
        writeln!(
            out,
            "{:<7} {:<width$}  ({}; {})",
            r.what,
            render::one_line(&r.path),
            r.source,
            render::one_line(&r.note)
        )?;
    }
    out.flush()
}

fn location(library: &Library) -> String {
    library.location().map_or_else(
        || "memory only (not saved)".to_string(),
        |p| p.display().to_string(),
    )
}

/// The stderr notice after an automatic build.
fn build_notice(err: &mut impl Write, library: &Library, report: &BuildReport) -> io::Result<()> {
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
    out: &mut impl Write,
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
