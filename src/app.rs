//! Runs one pyq command: opens (or builds) the index, does what the
//! configuration asks, writes the result. Knows neither clap nor tantivy.

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;

use crate::classify::Taxonomy;
use crate::config::{Action, ColorChoice, Config, OutputFormat};
use crate::document::Document;
use crate::error::{Error, ErrorKind, Result};
use crate::guides::GuideSources;
use crate::index::{BuildReason, BuildReport, Library, Store};
use crate::progress::BuildProgress;
use crate::render::{self, Style, TopicRow};

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found and shown: exit 0.
    Found,
    /// Nothing matched: exit 1.
    NothingFound,
    /// The user left (Esc in the picker, Ctrl-C in the quiz): exit 130.
    Cancelled,
}

/// Runs `config`'s command, writing results to `out` and notices to `err`.
/// A closed `out` (broken pipe) ends the command quietly.
pub fn run(config: &Config, out: &mut impl Write, err: &mut impl Write) -> Result<Outcome> {
    match execute(config, out, err) {
        Err(Failed::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Outcome::Found),
        Err(Failed::Io(e)) => Err(Error::failure(format!("cannot write the output: {e}"))),
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
    if config.action == Action::Paths {
        paths(config, out)?;
        return Ok(Outcome::Found);
    }
    let sources = GuideSources::scan(&config.guide_dirs());
    for warning in &sources.warnings {
        writeln!(err, "pyq: warning: {}", render::one_line(warning))?;
    }
    let store = Store::new(&config.index_dir);

    let build = |reason: BuildReason| {
        let progress = BuildProgress::new(config.stderr_terminal);
        let built = store.build_with(&sources, reason, &|step| progress.update(step));
        progress.finish();
        built
    };
    if config.action == Action::Index {
        let (library, report) = build(BuildReason::Requested)?;
        index_report(out, config, &library, &report)?;
        return Ok(Outcome::Found);
    }
    let library = match store.open_current(&sources) {
        Ok(library) => library,
        Err(reason) => {
            writeln!(err, "pyq: building the index ({reason})…")?;
            err.flush()?;
            let (library, report) = build(reason)?;
            build_notice(err, &library, &report)?;
            library
        }
    };
    if let Some(guide) = &config.filters.guide
        && !library.manifest().guides.contains(guide)
    {
        return Err(Error::failure(format!("there is no guide named {guide:?}"))
            .with_fix(format!(
                "use one of: {}",
                library.manifest().guides.join(", ")
            ))
            .into());
    }

    let style = Style {
        styled: config.styled(),
        color: config.color == ColorChoice::Always,
        width: config.width,
    };
    let answer = |library: &Library, mut out: &mut dyn Write, err: &mut _| match &config.action {
        Action::Search(query) => search(config, library, query, style, &mut out, err),
        Action::Show(id) => show(config, library, id, style, &mut out),
        Action::Pick(query) => pick(config, library, query, style, &mut out),
        Action::Quiz { seed } => quiz(config, library, *seed, style, &mut out),
        Action::List => list(config, library, &mut out),
        Action::Topics => topics(config, library, style, &mut out),
        Action::Index | Action::Paths => unreachable!("handled above"),
    };
    let guarded = |library: &Library, out: &mut dyn Write, err: &mut _| {
        crate::index::guarded(|| answer(library, out, err)).unwrap_or_else(|e| Err(Failed::Pyq(e)))
    };
    // A rendered answer on a terminal is written to a buffer first, to be
    // paged when it is taller than the screen.
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
    let outcome = match guarded(&library, target, err) {
        // The index broke under our feet (a file deleted or cut short):
        // rebuild it and answer again, once.
        Err(Failed::Pyq(e)) if e.kind == ErrorKind::Damaged => {
            let reason = BuildReason::Damaged(e.message);
            writeln!(err, "pyq: rebuilding the index ({reason})…")?;
            drop(library);
            let (library, report) = build(reason)?;
            build_notice(err, &library, &report)?;
            guarded(&library, target, err)
        }
        other => other,
    };
    if let Some(pager) = pager {
        let lines = buffer.iter().filter(|&&b| b == b'\n').count();
        if crate::pager::needed(lines, config.height) {
            crate::pager::show(&buffer, pager, out)?;
        } else {
            out.write_all(&buffer)?;
        }
        out.flush()?;
    }
    outcome
}

fn search(
    config: &Config,
    library: &Library,
    query: &str,
    style: Style,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    let found = library.search(query, &config.filters, config.limit())?;
    if let Some(declined) = &found.declined {
        return not_covered(config, declined, out, err);
    }
    if found.plan.truncated {
        writeln!(
            err,
            "pyq: the query is long; searched its first {} words",
            crate::query::MAX_QUERY_TOKENS
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
    declined: &crate::search::Declined,
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
    library: &Library,
    id: &str,
    style: Style,
    out: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    let Some(doc) = library.get(id)? else {
        return Err(Error::not_found(format!("no document has the id {id:?}"))
            .with_fix("find ids with pyq list, or pyq -l QUERY")
            .into());
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
/// shown as `pyq show` would.
fn pick(
    config: &Config,
    library: &Library,
    query: &str,
    style: Style,
    out: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    let docs = filtered_documents(config, library)?;
    match crate::picker::pick(&docs, query, library)? {
        crate::picker::Picked::Chosen(i) => {
            render::document(out, &docs[i], style)?;
            out.flush()?;
            Ok(Outcome::Found)
        }
        crate::picker::Picked::Cancelled => Ok(Outcome::Cancelled),
    }
}

/// Questions drawn from those the filters allow, asked one by one.
fn quiz(
    config: &Config,
    library: &Library,
    seed: Option<u64>,
    style: Style,
    out: &mut dyn Write,
) -> std::result::Result<Outcome, Failed> {
    let questions = crate::quiz::questions(filtered_documents(config, library)?);
    if questions.is_empty() {
        return Err(
            Error::not_found("there are no questions to ask with these filters")
                .with_fix("try without --topic/--level/--guide (see pyq topics)")
                .into(),
        );
    }
    let seed = seed.unwrap_or_else(|| fastrand::u64(..1_000_000));
    let questions = crate::quiz::draw(questions, config.limit.unwrap_or(10), seed);
    let ending = if config.stdin_terminal {
        crate::quiz::run(&questions, seed, &mut crate::quiz::TerminalKeys, out, style)?
    } else {
        let mut keys = crate::quiz::LineKeys(io::stdin().lock());
        crate::quiz::run(&questions, seed, &mut keys, out, style)?
    };
    Ok(match ending {
        crate::quiz::Ending::Finished => Outcome::Found,
        crate::quiz::Ending::Aborted => Outcome::Cancelled,
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
    library: &Library,
    out: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    let docs = filtered_documents(config, library)?;
    match config.format {
        OutputFormat::Json => render::json::hits(out, docs.iter().map(|d| (d, None)))?,
        OutputFormat::Lines | OutputFormat::Rendered => render::lines(out, &docs)?,
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
    library: &Library,
    style: Style,
    out: &mut impl Write,
) -> std::result::Result<Outcome, Failed> {
    let counts = library.facet_counts()?;
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
        let levels: Vec<(String, u64)> = crate::document::Difficulty::ALL
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

/// `pyq paths`: where the configuration, the index and the guides are, and
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
    rows.push(PathRow {
        what: "index",
        path: config.index_dir.display().to_string(),
        source: o.index_dir.as_str(),
        note: if config.index_dir.join("manifest.json").is_file() {
            "built".into()
        } else {
            "not built yet".into()
        },
    });
    rows.push(PathRow {
        what: "guides",
        path: "(built into pyq)".into(),
        source: "default",
        note: format!("{} bundled guides", crate::guides::bundled_names().count()),
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
            r.note
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

/// The report of `pyq index`, on stdout.
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
                guides: &library.manifest().guides,
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
            "  fix: use a writable folder: pyq --index-dir DIR index, or set PYQ_INDEX_DIR"
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
    for guide in &library.manifest().guides {
        writeln!(out, "  {guide}")?;
    }
    writeln!(out, "Index: {}", location(library))?;
    out.flush()
}
