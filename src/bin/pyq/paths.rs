//! `pyq --paths`: where the configuration, the index, the study file and
//! the guides are, and what decided each.

use std::io::{self, Write};

use serde::Serialize;

use pyq::index::Store;
use pyq::render;

use crate::config::{Config, OutputFormat, Source};

#[derive(Serialize)]
struct PathRow {
    what: &'static str,
    path: String,
    source: &'static str,
    note: String,
}

/// `pyq --paths`: where the configuration, the index and the guides are, and
/// what said so.
pub fn write(config: &Config, out: &mut dyn Write) -> io::Result<()> {
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
