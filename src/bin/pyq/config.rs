//! The resolved configuration: what to do and how to show it. Plain data,
//! made once by [`resolve`] from the command line ([`Args`]), the
//! environment ([`Environment`]) and the configuration file; nothing
//! downstream second-guesses it.

use std::path::PathBuf;

use pyq::document::Difficulty;
use pyq::error::{Error, Result};
use pyq::search::Filters;

use crate::settings::Settings;

/// What the command line says, as plain data (see `cli`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    pub query: Vec<String>,
    pub interactive: bool,
    pub show: Option<String>,
    pub topics: bool,
    pub reindex: bool,
    pub paths: bool,
    pub quiz: bool,
    pub seed: Option<u64>,
    pub stats: bool,
    pub generate: Option<Generate>,
    pub limit: Option<usize>,
    pub list: bool,
    pub json: bool,
    pub topic: Option<String>,
    pub level: Option<Difficulty>,
    pub guide: Option<String>,
    pub guides: Vec<PathBuf>,
    pub index_dir: Option<PathBuf>,
    pub no_pager: bool,
    pub color: Option<ColorSetting>,
}

/// `--color`, and `color` in the configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorSetting {
    Auto,
    Always,
    Never,
}

/// What `--generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generate {
    Man,
    Completion(Shell),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

/// What the environment contributes; read once by `main` (see
/// `environment`), made by hand in tests.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub index_dir: Option<PathBuf>,
    /// `PYQ_GUIDES`, split into folders.
    pub guides: Vec<PathBuf>,
    pub no_color: bool,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    pub stdin_is_terminal: bool,
    pub terminal_width: Option<usize>,
    pub terminal_height: Option<usize>,
    /// `PYQ_PAGER`, then `PAGER`; `Some("")` turns paging off.
    pub pager: Option<String>,
    /// The user's cache folder for the index, if there is one.
    pub default_index_dir: Option<PathBuf>,
    /// `PYQ_DATA_DIR`: where the study file is kept.
    pub data_dir: Option<PathBuf>,
    /// The user's data folder for the study file, if there is one.
    pub default_data_dir: Option<PathBuf>,
}

/// The configuration file: where it was looked for, why there, and what
/// it says (`None` when there is none).
#[derive(Debug, Clone, Default)]
pub struct ConfigFile {
    pub path: Option<PathBuf>,
    pub source: Source,
    pub settings: Option<Settings>,
}

/// What pyq is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Something answered from the index.
    Ask(Ask),
    /// Rebuild the index now, with a report.
    Reindex,
    /// Where the configuration, the index, the study file and the guides are.
    Paths,
    Generate(Generate),
}

/// What is answered from the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    Search(String),
    Show(String),
    /// The interactive picker, started with this query.
    Pick(String),
    /// A quiz; the seed draws the new questions (random when `None`).
    Quiz {
        seed: Option<u64>,
    },
    /// Study progress per topic.
    Stats,
    List,
    Topics,
}

impl Action {
    /// Whether the action's only effect is what it prints (so that with
    /// nowhere to print it, it is better not run).
    pub fn only_prints(&self) -> bool {
        !matches!(
            self,
            Action::Reindex | Action::Ask(Ask::Pick(_) | Ask::Quiz { .. })
        )
    }
}

/// Where a setting came from, strongest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Source {
    Flag,
    Environment,
    File,
    #[default]
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
/// `pyq --paths`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origins {
    /// The configuration file looked for (`None` when there is no config
    /// folder), whether `PYQ_CONFIG` named it, and whether it exists.
    pub config_file: Option<PathBuf>,
    pub config_source: Source,
    pub config_found: bool,
    pub index_dir: Source,
    pub data_dir: Source,
    pub guide_dirs: Vec<(PathBuf, Source)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// The best answer in full, then the next hits (on a terminal: styled).
    Rendered,
    /// One line per document.
    Lines,
    /// JSON.
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
    /// Where the study file is kept (`None`: no data folder is known).
    pub data_dir: Option<PathBuf>,
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
    /// The pager for answers on a terminal; `None` when output is not
    /// paged (not a terminal, `--no-pager`, an empty `PYQ_PAGER`).
    pub pager: Option<String>,
    pub origins: Origins,
}

/// The pager when neither `PYQ_PAGER`, `PAGER` nor the configuration file
/// names one.
pub const DEFAULT_PAGER: &str = "less";

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

/// Combines the command line, the environment and the configuration file,
/// strongest first: flag, environment, file, default.
pub fn resolve(args: Args, env: &Environment, file: ConfigFile) -> Result<Config> {
    if args.seed.is_some() && !args.quiz {
        return Err(Error::failure("--seed draws the questions of a quiz")
            .with_fix("use it with --quiz: pyq --quiz --seed N"));
    }
    let action = action(&args)?;
    let format = if args.json {
        OutputFormat::Json
    } else if args.list {
        OutputFormat::Lines
    } else {
        OutputFormat::Rendered
    };
    let config_found = file.settings.is_some();
    let settings = file.settings.unwrap_or_default();

    let color = match args.color.or(settings.color) {
        Some(ColorSetting::Always) => ColorChoice::Always,
        Some(ColorSetting::Never) => ColorChoice::Never,
        Some(ColorSetting::Auto) | None if env.no_color || !env.stdout_is_terminal => {
            ColorChoice::Never
        }
        Some(ColorSetting::Auto) | None => ColorChoice::Always,
    };
    let (index_dir, index_source) = [
        (args.index_dir, Source::Flag),
        (env.index_dir.clone(), Source::Environment),
        (settings.index_dir, Source::File),
        (env.default_index_dir.clone(), Source::Default),
    ]
    .into_iter()
    .find_map(|(dir, source)| dir.map(|d| (d, source)))
    .ok_or_else(|| {
        Error::failure("cannot find a cache folder for the index (no home directory)")
            .with_fix("name one: pyq --index-dir DIR, or set PYQ_INDEX_DIR")
    })?;
    let (data_dir, data_source) = match (&env.data_dir, &env.default_data_dir) {
        (Some(dir), _) => (Some(dir.clone()), Source::Environment),
        (None, dir) => (dir.clone(), Source::Default),
    };
    let sourced = |dirs: Vec<PathBuf>, source: Source| dirs.into_iter().map(move |d| (d, source));
    let guide_dirs: Vec<(PathBuf, Source)> = sourced(args.guides, Source::Flag)
        .chain(sourced(env.guides.clone(), Source::Environment))
        .chain(sourced(settings.guides, Source::File))
        .collect();
    let guide = args.guide.map(|g| {
        if g.ends_with(".md") || g.ends_with(".markdown") {
            g
        } else {
            format!("{g}.md")
        }
    });
    let pager = (env.stdout_is_terminal && !args.no_pager)
        .then(|| {
            env.pager
                .clone()
                .or(settings.pager)
                .unwrap_or_else(|| DEFAULT_PAGER.to_string())
        })
        .filter(|p| !p.trim().is_empty());
    Ok(Config {
        action,
        format,
        limit: args.limit.or(settings.limit),
        filters: Filters {
            topic: args.topic,
            level: args.level,
            guide,
        },
        index_dir,
        data_dir,
        color,
        terminal: env.stdout_is_terminal,
        width: env.terminal_width.unwrap_or(80),
        height: env.terminal_height.unwrap_or(0),
        stderr_terminal: env.stderr_is_terminal,
        stdin_terminal: env.stdin_is_terminal,
        pager,
        origins: Origins {
            config_file: file.path,
            config_source: file.source,
            config_found,
            index_dir: index_source,
            data_dir: data_source,
            guide_dirs,
        },
    })
}

/// What the arguments ask for (clap has ruled out asking for two things).
fn action(args: &Args) -> Result<Action> {
    let query = args.query.join(" ");
    Ok(if let Some(id) = &args.show {
        Action::Ask(Ask::Show(id.clone()))
    } else if let Some(generate) = args.generate {
        Action::Generate(generate)
    } else if args.topics {
        Action::Ask(Ask::Topics)
    } else if args.reindex {
        Action::Reindex
    } else if args.paths {
        Action::Paths
    } else if args.quiz {
        Action::Ask(Ask::Quiz { seed: args.seed })
    } else if args.stats {
        Action::Ask(Ask::Stats)
    } else if args.interactive {
        Action::Ask(Ask::Pick(query))
    } else if !args.query.is_empty() {
        Action::Ask(Ask::Search(query))
    } else if args.list || args.json {
        Action::Ask(Ask::List)
    } else {
        return Err(Error::failure("nothing to look up")
            .with_fix("give a query, e.g. pyq gil, or list every document: pyq -l"));
    })
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

    fn args(query: &str) -> Args {
        Args {
            query: query.split_whitespace().map(String::from).collect(),
            ..Args::default()
        }
    }

    fn env() -> Environment {
        Environment {
            default_index_dir: Some("/cache/pyq/index".into()),
            ..Environment::default()
        }
    }

    fn file(settings: Settings) -> ConfigFile {
        ConfigFile {
            path: Some("/config/pyq/config.toml".into()),
            source: Source::Default,
            settings: Some(settings),
        }
    }

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

    #[test]
    fn every_word_is_a_query() {
        for words in [
            "list comprehension",
            "index of a list",
            "show vs repr",
            "help",
        ] {
            let c = resolve(args(words), &env(), ConfigFile::default()).unwrap();
            assert_eq!(c.action, Action::Ask(Ask::Search(words.into())));
        }
    }

    #[test]
    fn list_and_json_without_a_query_list_every_document() {
        let mut a = args("");
        a.list = true;
        let c = resolve(a, &env(), ConfigFile::default()).unwrap();
        assert_eq!(
            (c.action, c.format),
            (Action::Ask(Ask::List), OutputFormat::Lines)
        );
        let mut a = args("");
        a.json = true;
        assert_eq!(
            resolve(a, &env(), ConfigFile::default()).unwrap().action,
            Action::Ask(Ask::List)
        );
        let e = resolve(args(""), &env(), ConfigFile::default()).unwrap_err();
        assert!(e.to_string().contains("pyq -l"), "{e}");
    }

    #[test]
    fn flags_beat_the_environment_which_beats_the_file() {
        let settings = Settings {
            index_dir: Some("/from/file".into()),
            limit: Some(4),
            color: Some(ColorSetting::Always),
            guides: vec!["/file/guides".into()],
            pager: Some("more".into()),
        };
        let mut e = env();
        e.stdout_is_terminal = true;
        e.index_dir = Some("/from/env".into());
        e.guides = vec!["/env/guides".into()];
        let c = resolve(args("gil"), &e, file(settings.clone())).unwrap();
        assert_eq!(c.index_dir, PathBuf::from("/from/env"));
        assert_eq!(c.origins.index_dir, Source::Environment);
        assert_eq!((c.limit, c.color), (Some(4), ColorChoice::Always));
        assert_eq!(c.pager.as_deref(), Some("more"));
        assert_eq!(
            c.guide_dirs(),
            [PathBuf::from("/env/guides"), "/file/guides".into()]
        );

        let mut a = args("gil");
        a.index_dir = Some("/from/flag".into());
        a.limit = Some(2);
        a.color = Some(ColorSetting::Never);
        a.no_pager = true;
        let c = resolve(a, &e, file(settings)).unwrap();
        assert_eq!(c.index_dir, PathBuf::from("/from/flag"));
        assert_eq!((c.limit, c.color), (Some(2), ColorChoice::Never));
        assert_eq!(c.pager, None);
    }

    #[test]
    fn colour_and_paging_follow_the_terminal() {
        let c = resolve(args("gil"), &env(), ConfigFile::default()).unwrap();
        assert_eq!((c.color, c.pager.as_deref()), (ColorChoice::Never, None));
        let mut e = env();
        e.stdout_is_terminal = true;
        let c = resolve(args("gil"), &e, ConfigFile::default()).unwrap();
        assert_eq!(c.color, ColorChoice::Always);
        assert_eq!(c.pager.as_deref(), Some(DEFAULT_PAGER));
        e.no_color = true;
        e.pager = Some(String::new());
        let c = resolve(args("gil"), &e, ConfigFile::default()).unwrap();
        assert_eq!((c.color, c.pager), (ColorChoice::Never, None));
    }

    #[test]
    fn a_seed_goes_with_a_quiz() {
        let mut a = args("gil");
        a.seed = Some(4);
        let e = resolve(a, &env(), ConfigFile::default()).unwrap_err();
        assert!(e.to_string().contains("--quiz"), "{e}");
    }

    #[test]
    fn a_guide_is_named_with_or_without_its_extension() {
        let mut a = args("mro");
        a.guide = Some("python-interview-guide".into());
        let c = resolve(a, &env(), ConfigFile::default()).unwrap();
        assert_eq!(
            c.filters.guide.as_deref(),
            Some("python-interview-guide.md")
        );
    }

    #[test]
    fn without_a_cache_folder_the_index_needs_a_place() {
        let e = Environment::default();
        let err = resolve(args("gil"), &e, ConfigFile::default()).unwrap_err();
        assert!(err.to_string().contains("--index-dir"), "{err}");
    }
}
