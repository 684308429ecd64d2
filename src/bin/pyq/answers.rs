//! Answers from the index: a search (or a decline), one document, the
//! picker's pick, every document, the topics.

use std::collections::HashSet;
use std::io::Write;

use serde::Serialize;

use pyq::classify::Taxonomy;
use pyq::document::Document;
use pyq::error::{Error, Result};
use pyq::index::{FacetCounts, Library, Lookup};
use pyq::render::{self, Style, TopicRow};
use pyq::search::Found;

use crate::app::{Failed, Outcome};
use crate::config::{Config, OutputFormat};

pub fn search(
    config: &Config,
    found: &Found,
    ids: &[&str],
    query: &str,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
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
            writeln!(err, "  fix: give a query with words, e.g. pyq gil")?;
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
/// `--list`; on stderr one line naming the words not covered (or the
/// things compared that the guides do not compare), and on a
/// terminal the closest titles to try.
fn not_covered(
    config: &Config,
    declined: &pyq::search::Declined,
    out: &mut dyn Write,
    err: &mut dyn Write,
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
    if let [first @ .., last] = declined.compared.as_slice()
        && !first.is_empty()
    {
        let first: Vec<String> = first.iter().map(|s| quoted(s)).collect();
        writeln!(
            err,
            "pyq: the guides don't compare {} and {}",
            first.join(", "),
            quoted(last)
        )?;
    } else if let (true, Some(thing)) = (words.is_empty(), &declined.in_passing) {
        writeln!(
            err,
            "pyq: the guides name {} only in passing, without saying what it is",
            quoted(thing)
        )?;
    } else if words.is_empty() {
        writeln!(
            err,
            "pyq: the guides have each of these words, but no section is about them together"
        )?;
    } else {
        writeln!(err, "pyq: the guides don't cover {}", words.join(", "))?;
    }
    if config.stderr_terminal && config.format == OutputFormat::Rendered {
        const LABEL: &str = "  closest: ";
        let mut shown: Vec<&String> = Vec::new();
        for title in &declined.closest {
            // the same question in two guides is one thing to try
            if !shown.contains(&title) {
                shown.push(title);
                let room = config.width.saturating_sub(LABEL.len()).max(20);
                writeln!(err, "{LABEL}{}", render::one_line_within(title, room))?;
            }
        }
    }
    Ok(Outcome::NothingFound)
}

/// A query as messages quote it: escaped, and cut when long.
pub fn quoted(query: &str) -> String {
    const MAX: usize = 60;
    match query.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}…", &query[..cut]),
        None => format!("{query:?}"),
    }
}

pub fn show(
    config: &Config,
    found: Lookup,
    id: &str,
    style: Style,
    out: &mut dyn Write,
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
pub fn pick(
    docs: &[Document],
    library: &Library,
    query: &str,
    style: Style,
    out: &mut dyn Write,
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

/// Every document that `--topic`, `--level` and `--guide` let through, in
/// guide order.
pub fn filtered_documents(config: &Config, library: &Library) -> Result<Vec<Document>> {
    let f = &config.filters;
    Ok(library
        .all()?
        .into_iter()
        .filter(|d| f.topic.as_ref().is_none_or(|t| &d.topic == t))
        .filter(|d| f.level.is_none_or(|l| d.difficulty == l))
        .filter(|d| f.guide.as_ref().is_none_or(|g| &d.guide == g))
        .collect())
}

pub fn list(
    config: &Config,
    docs: &[Document],
    out: &mut dyn Write,
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

pub fn topics(
    config: &Config,
    counts: &FacetCounts,
    style: Style,
    out: &mut dyn Write,
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
