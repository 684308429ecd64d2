//! The resolved configuration: what to do and how to show it. Plain data,
//! built once from the command line and the environment (see `cli`).

use std::path::PathBuf;

use crate::search::Filters;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Search(String),
    Show(String),
    /// The interactive picker, started with this query.
    Pick(String),
    /// A quiz; the seed draws the questions (random when `None`).
    Quiz {
        seed: Option<u64>,
    },
    List,
    Topics,
    Index,
    Paths,
}

impl Action {
    /// Whether the action's only effect is what it prints (so that with
    /// nowhere to print it, it is better not run).
    pub fn only_prints(&self) -> bool {
        !matches!(self, Action::Index | Action::Pick(_) | Action::Quiz { .. })
    }
}

/// Where a setting came from, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Environment,
    File,
    Default,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Flag => "flag",
            Source::Environment => "environment",
            Source::File => "config file",
            Source::Default => "default",
        }
    }
}

/// Where the configuration, the index and the guide folders came from, for
/// `pyq paths`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origins {
    /// The configuration file looked for (`None` when there is no config
    /// folder), whether `PYQ_CONFIG` named it, and whether it exists.
    pub config_file: Option<PathBuf>,
    pub config_source: Source,
    pub config_found: bool,
    pub index_dir: Source,
    pub guide_dirs: Vec<(PathBuf, Source)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// The best answer in full, then the next hits (on a terminal: styled).
    Rendered,
    /// One line per document: id<TAB>title.
    Lines,
    /// A JSON array of hits.
    Json,
}

/// Whether escape sequences for colour and style may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Always,
    Never,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub action: Action,
    pub format: OutputFormat,
    /// Hits to show; `None` for the default of the format.
    pub limit: Option<usize>,
    pub filters: Filters,
    pub index_dir: PathBuf,
    pub color: ColorChoice,
    /// Whether stdout is a terminal (checked once, at start).
    pub terminal: bool,
    /// Terminal width in columns (80 when unknown).
    pub width: usize,
    /// Whether stderr is a terminal (for progress bars).
    pub stderr_terminal: bool,
    /// Whether stdin is a terminal (the quiz reads key presses, else lines).
    pub stdin_terminal: bool,
    /// Terminal height in lines (0 when unknown or not a terminal).
    pub height: usize,
    /// The pager for answers taller than the terminal; `None` when output
    /// is not paged (not a terminal, `--no-pager`, an empty `PYQ_PAGER`).
    pub pager: Option<String>,
    pub origins: Origins,
}

/// Checks a number of hits or questions (`-n`, or `limit` in the
/// configuration file): a whole number, at least 1. Any larger number is
/// fine: it never sizes an allocation (a search asks the index for at most
/// as many hits as it has documents).
pub fn check_limit(n: i128) -> std::result::Result<usize, String> {
    if n < 1 {
        return Err(format!("the limit must be at least 1, not {n}"));
    }
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// [`check_limit`] of a number as typed.
pub fn parse_limit(text: &str) -> std::result::Result<usize, String> {
    let digits = text.trim().trim_start_matches('+');
    match digits.parse::<i128>() {
        Ok(n) => check_limit(n),
        // more digits than any count of documents
        Err(_) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(usize::MAX)
        }
        Err(_) => Err(format!("the limit must be a whole number, not {text:?}")),
    }
}

impl Config {
    /// Hits to show: the user's choice or the format's default.
    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(match self.format {
            OutputFormat::Rendered => 6,
            OutputFormat::Lines | OutputFormat::Json => 10,
        })
    }

    /// The user's guide folders, strongest source first.
    pub fn guide_dirs(&self) -> Vec<PathBuf> {
        self.origins
            .guide_dirs
            .iter()
            .map(|(dir, _)| dir.clone())
            .collect()
    }

    /// Whether answers are laid out for a terminal (wrapped, tables drawn):
    /// on a terminal, or when colour is forced into a pipe.
    pub fn styled(&self) -> bool {
        self.terminal || self.color == ColorChoice::Always
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_whole_numbers_from_one() {
        assert_eq!(parse_limit("3"), Ok(3));
        assert_eq!(parse_limit("18446744073709551615"), Ok(usize::MAX));
        assert_eq!(parse_limit("99999999999999999999999"), Ok(usize::MAX));
        assert_eq!(parse_limit(&"9".repeat(60)), Ok(usize::MAX));
        assert!(parse_limit("0").unwrap_err().contains("at least 1"));
        assert!(parse_limit("-2").unwrap_err().contains("at least 1"));
        assert!(parse_limit("2.5").unwrap_err().contains("whole number"));
        assert!(parse_limit("").is_err());
    }
}
