//! The command line, as clap sees it. Nothing outside this module knows
//! clap: [`Cli::into_config`] resolves the arguments once into a [`Config`].

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::classify::topic_names;
use crate::config::{Action, ColorChoice, Config, Origins, OutputFormat, Source};
use crate::document::Difficulty;
use crate::error::{Error, Result};
use crate::search::Filters;
use crate::settings::{self, ColorSetting, Settings};

const EXAMPLES: &str = "\
Examples:
  pyq gil                              the best answer about the GIL
  pyq difference between list and tuple
  pyq decorator --level beginner       only beginner material
  pyq --topic concurrency lock         search one topic (see: pyq topics)
  pyq -i                               pick a question as you type (Esc leaves)
  pyq -i decorator --topic functions   the picker, started with a query
  pyq quiz --topic oop -n 5            five random questions to practise
  pyq -l mro | fzf                     one line per hit: id<TAB>title
  pyq --json gc | jq -r '.[0].body'    hits as JSON
  pyq show python-interview-guide/decorators
  pyq list | grep -i generator         every document
  pyq -- topics                        search for a word that is also a command";

/// Instant, offline answers to Python interview questions.
///
/// pyq looks up five bundled Python interview guides (and any folder of your
/// own Markdown guides) and prints the best answer, rendered for the
/// terminal, or as plain text or JSON when piped.
#[derive(Debug, Parser)]
#[command(name = "pyq", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// What to look up, e.g. `gil` or `difference between list and tuple`
    #[arg(value_name = "QUERY")]
    query: Vec<String>,

    #[command(flatten)]
    options: Options,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show one document by its id (ids come from `pyq list` and `pyq -l`)
    Show {
        /// A document id, e.g. `python-interview-guide/decorators`
        id: String,
    },
    /// List every document, one per line: id<TAB>title
    List,
    /// Show the topics and difficulties with their document counts
    Topics,
    /// Rebuild the index now and report what was indexed
    Index,
    /// Practise: random questions one at a time (Enter shows the answer, y/n marks it
    /// known or not, q stops), then a summary per topic; -n sets how many [default: 10]
    Quiz {
        /// Ask the questions drawn with this seed again (each quiz prints its seed)
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
    },
    /// Print a shell completion script (e.g. `pyq completions bash > ~/.local/share/bash-completion/completions/pyq`)
    Completions {
        /// The shell to complete for
        shell: Shell,
    },
    /// Print the manual page (roff), e.g. `pyq man | man -l -`
    Man,
    /// Show where pyq reads its configuration, keeps its index and finds guides
    Paths,
}

#[derive(Debug, Args)]
struct Options {
    /// Pick from every question and section in a full-screen list that filters as you
    /// type, with a preview; Enter prints the answer, Esc leaves (exit 130)
    #[arg(short = 'i', long, conflicts_with_all = ["json", "list"])]
    interactive: bool,

    /// Number of hits to show [default: 6 on a terminal, 10 with --list or --json; 10 questions in a quiz]
    #[arg(short = 'n', long, value_name = "N", global = true,
          value_parser = crate::config::parse_limit)]
    limit: Option<usize>,

    /// One line per hit: id<TAB>title (for fzf, grep, xargs)
    #[arg(short = 'l', long, global = true, conflicts_with = "json")]
    list: bool,

    /// Print hits as a JSON array
    #[arg(long, global = true)]
    json: bool,

    /// Only documents of this topic (see `pyq topics`)
    #[arg(long, value_name = "TOPIC", global = true, hide_possible_values = true,
          value_parser = PossibleValuesParser::new(topic_names()))]
    topic: Option<String>,

    /// Only documents of this difficulty
    #[arg(long, value_enum, value_name = "LEVEL", global = true)]
    level: Option<Level>,

    /// Only documents of this guide (file name, with or without .md)
    #[arg(long, value_name = "NAME", global = true)]
    guide: Option<String>,

    /// Also index the Markdown guides in this folder (repeatable; also PYQ_GUIDES,
    /// a list of folders separated like PATH)
    #[arg(long = "guides", value_name = "DIR", global = true)]
    guides: Vec<PathBuf>,

    /// Where to keep the index [default: the user cache folder; also PYQ_INDEX_DIR]
    #[arg(long, value_name = "DIR", global = true)]
    index_dir: Option<PathBuf>,

    /// Never page a long answer (otherwise it goes through PYQ_PAGER, PAGER or `less -R` on a terminal)
    #[arg(long, global = true)]
    no_pager: bool,

    /// When to use colours: auto (on a terminal, unless NO_COLOR is set), always, never [default: auto]
    #[arg(long, value_enum, value_name = "WHEN", global = true)]
    color: Option<Color>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// What the environment contributes to the configuration; read once by
/// `main`, so tests can supply their own.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `PYQ_CONFIG`: the configuration file to read instead of the default.
    pub config: Option<PathBuf>,
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
}

impl Environment {
    /// Reads the process environment and checks stdout once.
    pub fn from_process() -> Environment {
        use std::io::IsTerminal;
        let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let stdout_is_terminal = std::io::stdout().is_terminal();
        Environment {
            config: non_empty("PYQ_CONFIG").map(PathBuf::from),
            index_dir: non_empty("PYQ_INDEX_DIR").map(PathBuf::from),
            guides: non_empty("PYQ_GUIDES")
                .map(|v| std::env::split_paths(&v).collect())
                .unwrap_or_default(),
            no_color: non_empty("NO_COLOR").is_some(),
            stdout_is_terminal,
            stderr_is_terminal: std::io::stderr().is_terminal(),
            stdin_is_terminal: std::io::stdin().is_terminal(),
            terminal_width: stdout_is_terminal
                .then(crate::render::terminal_width)
                .flatten(),
            terminal_height: stdout_is_terminal
                .then(crate::render::terminal_height)
                .flatten(),
            pager: std::env::var("PYQ_PAGER")
                .ok()
                .or_else(|| non_empty("PAGER").and_then(|p| p.into_string().ok())),
        }
    }
}

/// The default place of the index: the user's cache folder.
fn default_index_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pyq").map(|dirs| dirs.cache_dir().join("index"))
}

/// What the command line asks for.
pub enum Resolved {
    /// Run a command of pyq's.
    Run(Box<Config>),
    /// Print this (a completion script, the manual page) and stop.
    Print(Vec<u8>),
}

impl Cli {
    /// Resolves the arguments and the environment: a [`Config`] to run, or
    /// text about pyq itself to print.
    pub fn resolve(self, env: Environment) -> Result<Resolved> {
        match &self.command {
            Some(Command::Completions { shell }) => {
                let mut script = Vec::new();
                clap_complete::generate(*shell, &mut Cli::command(), "pyq", &mut script);
                Ok(Resolved::Print(script))
            }
            Some(Command::Man) => {
                let mut page = Vec::new();
                clap_mangen::Man::new(Cli::command())
                    .render(&mut page)
                    .map_err(|e| Error::failure(format!("cannot write the manual page: {e}")))?;
                Ok(Resolved::Print(page))
            }
            _ => self.into_config(env).map(|c| Resolved::Run(Box::new(c))),
        }
    }

    /// Resolves the arguments and the environment into a [`Config`].
    pub fn into_config(self, env: Environment) -> Result<Config> {
        let o = self.options;
        let action = match self.command {
            Some(Command::Show { id }) => Action::Show(id),
            Some(Command::List) => Action::List,
            Some(Command::Topics) => Action::Topics,
            Some(Command::Index) => Action::Index,
            Some(Command::Paths) => Action::Paths,
            Some(Command::Quiz { seed }) => Action::Quiz { seed },
            Some(Command::Completions { .. } | Command::Man) => unreachable!("resolved before"),
            None if o.interactive => Action::Pick(self.query.join(" ")),
            None => {
                if self.query.is_empty() {
                    return Err(Error::failure("nothing to look up")
                        .with_fix("give a query, e.g. pyq gil (or see pyq --help)"));
                }
                Action::Search(self.query.join(" "))
            }
        };
        let format = if o.json {
            OutputFormat::Json
        } else if o.list {
            OutputFormat::Lines
        } else {
            OutputFormat::Rendered
        };
        if matches!(action, Action::Quiz { .. }) && format != OutputFormat::Rendered {
            return Err(Error::failure(
                "the quiz is read, not piped: --json and --list do not apply",
            )
            .with_fix("for questions as data: pyq list --json"));
        }
        let (config_file, config_source) = match env.config {
            Some(path) => (Some(path), Source::Environment),
            None => (settings::default_path(), Source::Default),
        };
        let file = match &config_file {
            Some(path) => Settings::load(path)?,
            None => None,
        };
        let config_found = file.is_some();
        let file = file.unwrap_or_default();

        let color_setting = match (o.color, file.color) {
            (Some(flag), _) => flag,
            (None, Some(ColorSetting::Always)) => Color::Always,
            (None, Some(ColorSetting::Never)) => Color::Never,
            (None, Some(ColorSetting::Auto) | None) => Color::Auto,
        };
        let color = match color_setting {
            Color::Always => ColorChoice::Always,
            Color::Never => ColorChoice::Never,
            Color::Auto if env.no_color || !env.stdout_is_terminal => ColorChoice::Never,
            Color::Auto => ColorChoice::Always,
        };
        let (index_dir, index_source) = [
            (o.index_dir, Source::Flag),
            (env.index_dir, Source::Environment),
            (file.index_dir, Source::File),
            (default_index_dir(), Source::Default),
        ]
        .into_iter()
        .find_map(|(dir, source)| dir.map(|d| (d, source)))
        .ok_or_else(|| {
            Error::failure("cannot find a cache folder for the index (no home directory)")
                .with_fix("name one: pyq --index-dir DIR, or set PYQ_INDEX_DIR")
        })?;
        let sourced =
            |dirs: Vec<PathBuf>, source: Source| dirs.into_iter().map(move |d| (d, source));
        let guide_dirs: Vec<(PathBuf, Source)> = sourced(o.guides, Source::Flag)
            .chain(sourced(env.guides, Source::Environment))
            .chain(sourced(file.guides, Source::File))
            .collect();
        let guide = o.guide.map(|g| {
            if g.ends_with(".md") || g.ends_with(".markdown") {
                g
            } else {
                format!("{g}.md")
            }
        });
        Ok(Config {
            action,
            format,
            limit: o.limit.or(file.limit),
            filters: Filters {
                topic: o.topic,
                level: o.level.map(|l| match l {
                    Level::Beginner => Difficulty::Beginner,
                    Level::Intermediate => Difficulty::Intermediate,
                    Level::Advanced => Difficulty::Advanced,
                }),
                guide,
            },
            index_dir,
            color,
            terminal: env.stdout_is_terminal,
            width: env.terminal_width.unwrap_or(80),
            height: env.terminal_height.unwrap_or(0),
            stderr_terminal: env.stderr_is_terminal,
            stdin_terminal: env.stdin_is_terminal,
            pager: (env.stdout_is_terminal && !o.no_pager)
                .then(|| {
                    env.pager
                        .or(file.pager)
                        .unwrap_or_else(|| crate::pager::DEFAULT_PAGER.to_string())
                })
                .filter(|p| !p.trim().is_empty()),
            origins: Origins {
                config_file,
                config_source,
                config_found,
                index_dir: index_source,
                guide_dirs,
            },
        })
    }
}
