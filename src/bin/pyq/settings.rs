//! The optional configuration file, `config.toml` in the user's config
//! folder (`PYQ_CONFIG` names another): defaults for what the command line
//! and the environment do not say.
//!
//! ```toml
//! guides = ["~/notes/python"]   # more folders of Markdown guides
//! color = "auto"                # auto, always or never
//! limit = 8                     # hits to show
//! pager = "less -R"             # for answers taller than the terminal
//! index_dir = "~/.pyq-index"    # where the index lives
//! ```

use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use pyq::error::{Error, Result};
use pyq::files::{self, Refused};

use crate::config::{ColorSetting, ConfigFile, Source, check_limit};

/// What the file says; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub guides: Vec<PathBuf>,
    pub color: Option<ColorSetting>,
    /// Checked as `-n` is (see [`check_limit`]).
    pub limit: Option<usize>,
    pub index_dir: Option<PathBuf>,
    pub pager: Option<String>,
}

/// The file as written, before its values are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    #[serde(default)]
    guides: Vec<PathBuf>,
    color: Option<ColorSetting>,
    limit: Option<i64>,
    index_dir: Option<PathBuf>,
    pager: Option<String>,
}

/// A configuration file is a few lines; anything larger is not one.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Where the file is looked for when `PYQ_CONFIG` is not set.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pyq").map(|dirs| dirs.config_dir().join("config.toml"))
}

/// Finds and reads the configuration file: the one `PYQ_CONFIG` names
/// (`named`), else the default one.
pub fn read(named: Option<PathBuf>) -> Result<ConfigFile> {
    let (path, source) = match named {
        Some(path) => (Some(path), Source::Environment),
        None => (default_path(), Source::Default),
    };
    let settings = match &path {
        Some(path) => Settings::load(path)?,
        None => None,
    };
    Ok(ConfigFile {
        path,
        source,
        settings,
    })
}

impl Settings {
    /// Reads the file at `path`; `Ok(None)` when there is none. Paths in it
    /// may start with `~/` and are relative to the file's folder.
    pub fn load(path: &Path) -> Result<Option<Settings>> {
        let bytes = match files::read_regular(path, MAX_CONFIG_BYTES) {
            Ok(bytes) => bytes,
            Err(Refused::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(Refused::TooLarge(size)) => {
                return Err(Error::failure(format!(
                    "the configuration {} is {}, more than the {} a configuration file may have",
                    path.display(),
                    files::human_size(size),
                    files::human_size(MAX_CONFIG_BYTES)
                ))
                .with_fix("keep only pyq's settings in it, or point PYQ_CONFIG elsewhere"));
            }
            Err(e) => {
                return Err(Error::failure(format!(
                    "cannot read the configuration {}",
                    path.display()
                ))
                .caused_by(e)
                .with_fix("make it a readable text file, or point PYQ_CONFIG elsewhere"));
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::failure(format!(
                "the configuration {} is not UTF-8 text",
                path.display()
            ))
            .caused_by(e)
            .with_fix(format!("correct or remove {}", path.display()))
        })?;
        let mut settings = Settings::parse(&text).map_err(|e| {
            Error::failure(format!(
                "the configuration {} is not valid: {e}",
                path.display()
            ))
            .with_fix(format!("correct or remove {}", path.display()))
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        settings.guides = settings.guides.iter().map(|g| expand(g, base)).collect();
        settings.index_dir = settings.index_dir.as_deref().map(|d| expand(d, base));
        Ok(Some(settings))
    }

    /// The settings of a file's text; a mistake is told with its line.
    pub fn parse(text: &str) -> std::result::Result<Settings, String> {
        let written: Written = toml::from_str(text).map_err(|e| {
            let message = e.message().trim_end_matches('.').to_string();
            match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                    let shown = text.lines().nth(line - 1).unwrap_or("").trim();
                    format!("line {line} ({shown}): {message}")
                }
                None => message,
            }
        })?;
        Ok(Settings {
            guides: written.guides,
            color: written.color,
            limit: written.limit.map(|n| check_limit(n.into())).transpose()?,
            index_dir: written.index_dir,
            pager: written.pager,
        })
    }
}

/// `~/x` → home/x; a relative path → relative to `base`.
fn expand(path: &Path, base: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
    {
        return home.join(rest);
    }
    if path.is_relative() {
        base.join(path)
    } else {
        path.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional() {
        assert_eq!(Settings::parse("").unwrap(), Settings::default());
        let s = Settings::parse(
            "guides = [\"a\", \"/b\"]\ncolor = \"never\"\nlimit = 3\nindex_dir = \"idx\"",
        )
        .unwrap();
        assert_eq!(s.color, Some(ColorSetting::Never));
        assert_eq!(s.limit, Some(3));
        assert_eq!(s.guides.len(), 2);
    }

    #[test]
    fn mistakes_are_reported() {
        assert!(
            Settings::parse("colour = \"never\"")
                .unwrap_err()
                .contains("colour")
        );
        assert!(Settings::parse("color = \"blue\"").is_err());
        assert!(
            Settings::parse("limit = 0")
                .unwrap_err()
                .contains("at least 1")
        );
        assert!(Settings::parse("limit = -4").is_err());
        let e = Settings::parse("color = \"never\"\nlimit = 1.5\n").unwrap_err();
        assert!(e.starts_with("line 2 (limit = 1.5):"), "{e}");
        let e = Settings::parse("limit = 3\nlimit = 3\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        assert!(Settings::parse("guides = 3").is_err());
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "guides = [\"notes\", \"/abs\"]\nindex_dir = \"idx\"").unwrap();
        let s = Settings::load(&file).unwrap().unwrap();
        assert_eq!(s.guides, [dir.path().join("notes"), PathBuf::from("/abs")]);
        assert_eq!(s.index_dir, Some(dir.path().join("idx")));
        assert_eq!(Settings::load(&dir.path().join("none.toml")).unwrap(), None);
    }
}
