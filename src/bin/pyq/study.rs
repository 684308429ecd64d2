//! The study actions: a quiz, and the progress of `--stats`, over the
//! study file of this configuration.

use std::io::{self, Write};

use pyq::document::Document;
use pyq::error::{Error, Result};
use pyq::index::Library;
use pyq::render::{self, Style};

use crate::app::{Failed, Outcome};
use crate::config::{Config, OutputFormat};

/// The study file of this configuration, opened.
pub fn study(config: &Config) -> Result<pyq::study::Study> {
    let dir = config.data_dir.as_ref().ok_or_else(|| {
        Error::failure("cannot find a data folder for the study file (no home directory)")
            .with_fix("name one: set PYQ_DATA_DIR")
    })?;
    pyq::study::Study::open(&dir.join(pyq::study::FILE_NAME))
}

/// A quiz over the questions the filters allow: due ones first, then new.
pub fn quiz(
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

/// `pyq --stats`: progress per topic, for the questions of `docs`.
pub fn stats(
    config: &Config,
    docs: &[Document],
    style: Style,
    out: &mut dyn Write,
) -> std::result::Result<Outcome, Failed> {
    let study = study(config)?;
    let report = crate::stats::report(&study, docs, crate::clock::now())?;
    if config.format == OutputFormat::Json {
        render::json::value(out, &report)?;
    } else {
        crate::stats::write(out, &report, &study, style.color)?;
    }
    Ok(Outcome::Found)
}
