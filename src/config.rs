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
