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

use crate::error::{Error, Result};

/// `color` in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorSetting {
    Auto,
    Always,
    Never,
}

/// What the file says; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default)]
    pub guides: Vec<PathBuf>,
    pub color: Option<ColorSetting>,
    pub limit: Option<usize>,
    pub index_dir: Option<PathBuf>,
    pub pager: Option<String>,
}

/// Where the file is looked for when `PYQ_CONFIG` is not set.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pyq").map(|dirs| dirs.config_dir().join("config.toml"))
}

impl Settings {
    /// Reads the file at `path`; `Ok(None)` when there is none. Paths in it
    /// may start with `~/` and are relative to the file's folder.
    pub fn load(path: &Path) -> Result<Option<Settings>> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::failure(format!(
                    "cannot read the configuration {}: {e}",
                    path.display()
                ))
                .with_fix("fix its permissions, or point PYQ_CONFIG elsewhere"));
            }
        };
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

    pub fn parse(text: &str) -> std::result::Result<Settings, String> {
        let settings: Settings = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if settings.limit == Some(0) {
            return Err("limit must be at least 1".into());
        }
        Ok(settings)
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
        assert!(Settings::parse("limit = 0").is_err());
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
