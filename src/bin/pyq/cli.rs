//! The command line, as clap sees it. Nothing outside this module knows
//! clap: [`parse`] turns the arguments into plain [`Args`], which
//! `config::resolve` combines with the environment and the configuration
//! file.
//!
//! pyq has no subcommands: Python's own words (list, index, show, help,
//! topics, type, print) are what people look up, so every word is a query
//! and every other action is a flag, as in ripgrep and tealdeer.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{ArgGroup, CommandFactory, Parser, ValueEnum, ValueHint};

use crate::config::{Args, ColorSetting, Generate, Shell, parse_limit};
use pyq::classify::topic_names;
use pyq::document::Difficulty;

/// The examples of `--help`; each one answers (a test runs them).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("pyq gil", "the best answer about the GIL"),
    (
        "pyq difference between list and tuple",
        "plain English works",
    ),
    ("pyq list comprehension", "every word is a query"),
    ("pyq decorater", "typos are forgiven"),
    ("pyq decorator --level beginner", "only beginner material"),
    (
        "pyq --topic concurrency lock",
        "one topic (see pyq --topics)",
    ),
    (
        "pyq -i decorator",
        "pick a question as you type (Esc leaves)",
    ),
    (
        "pyq --quiz --topic oop -n 5",
        "study five questions, due ones first",
    ),
    ("pyq --stats", "what you know, per topic"),
    ("pyq -l mro", "one line per hit: id, title, snippet"),
    ("pyq --json gc", "hits as JSON"),
    (
        "pyq --show python-interview-guide/decorators",
        "one document by id",
    ),
    ("pyq -l", "every document, one per line"),
];

fn examples() -> String {
    let width = EXAMPLES.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let mut text = String::from("Examples:\n");
    for (command, what) in EXAMPLES {
        text.push_str(&format!("  {command:<width$}  {what}\n"));
    }
    text.push_str("\nThe manual has more: pyq --generate man | man -l -");
    text
}

/// Instant, offline answers to Python interview questions.
///
/// pyq looks up five bundled Python interview guides (and any folder of your
/// own Markdown guides) and prints the best answer, rendered for the
/// terminal, or as plain text or JSON when piped. Every word is a query;
/// every other action is a flag.
#[derive(Debug, Parser)]
#[command(name = "pyq", version, after_help = examples(),
          group(ArgGroup::new("action").multiple(false).args(
              ["interactive", "show", "topics", "reindex", "paths", "quiz", "stats", "generate"])))]
pub struct Cli {
    /// What to look up, in your own words: `gil`, `list comprehension`,
    /// `difference between a module and a package`. Words that look like
    /// options go after `--`
    #[arg(value_name = "QUERY")]
    query: Vec<OsString>,

    /// Pick from every question and section in a full-screen list that
    /// filters as you type, with a preview; Enter prints the answer, Esc
    /// leaves (exit 130)
    #[arg(short = 'i', long, conflicts_with_all = ["json", "list"])]
    interactive: bool,

    /// Show one document by its id (ids come from `pyq -l`)
    #[arg(long, value_name = "ID", conflicts_with = "query")]
    show: Option<String>,

    /// Show the topics and difficulties with their document counts
    #[arg(long, conflicts_with_all = ["query", "list"])]
    topics: bool,

    /// Rebuild the index now and report what was indexed and how long it took
    #[arg(long, conflicts_with_all = ["query", "list"])]
    reindex: bool,

    /// Show where pyq reads its configuration, keeps its index and finds
    /// guides, and what decided each
    #[arg(long, conflicts_with_all = ["query", "list"])]
    paths: bool,

    /// Study with spaced repetition: the questions due for review first,
    /// then new ones; Enter shows the answer, y/n says whether you knew it
    /// (or 1-4: again, hard, good, easy), q stops. Every answer is saved
    /// (see --paths)
    #[arg(long, conflicts_with_all = ["query", "list", "json"])]
    quiz: bool,

    /// With --quiz: draw the new questions of an earlier quiz again (each
    /// quiz prints its seed)
    #[arg(long, value_name = "N", requires = "quiz")]
    seed: Option<u64>,

    /// Study progress per topic: questions seen, known, and due for review
    #[arg(long, conflicts_with_all = ["query", "list"])]
    stats: bool,

    /// Print the manual page (roff) or a shell completion script
    #[arg(long, value_name = "KIND", value_enum, conflicts_with_all = ["query", "list", "json"])]
    generate: Option<Generated>,

    /// Number of hits to show [default: 6 on a terminal, 10 with --list or
    /// --json; 10 questions in a quiz]
    #[arg(short = 'n', long, value_name = "N", value_parser = parse_limit)]
    limit: Option<usize>,

    /// One line per hit: id<TAB>title<TAB>snippet; with no query, every
    /// document: id<TAB>title
    #[arg(short = 'l', long, conflicts_with = "json")]
    list: bool,

    /// Print hits as a JSON array (with no query, every document); with
    /// --topics, --paths, --reindex and --stats, their report as JSON
    #[arg(long)]
    json: bool,

    /// Only documents of this topic (see `pyq --topics`)
    #[arg(long, value_name = "TOPIC", hide_possible_values = true,
          value_parser = PossibleValuesParser::new(topic_names()))]
    topic: Option<String>,

    /// Only documents of this difficulty
    #[arg(long, value_enum, value_name = "LEVEL")]
    level: Option<Level>,

    /// Only documents of this guide (its file name, with or without .md)
    #[arg(long, value_name = "NAME")]
    guide: Option<String>,

    /// Also index the Markdown guides in this folder (repeatable; also
    /// PYQ_GUIDES, folders separated as in PATH)
    #[arg(long = "guides", value_name = "DIR", value_hint = ValueHint::DirPath)]
    guides: Vec<PathBuf>,

    /// Where to keep the index [default: the user cache folder; also
    /// PYQ_INDEX_DIR]
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    index_dir: Option<PathBuf>,

    /// Never page a long answer (otherwise it goes through PYQ_PAGER, PAGER
    /// or less on a terminal)
    #[arg(long)]
    no_pager: bool,

    /// When to use colours: auto (on a terminal, unless NO_COLOR is set),
    /// always, never [default: auto]
    #[arg(long, value_enum, value_name = "WHEN")]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Generated {
    /// The manual page, as roff: `pyq --generate man | man -l -`
    Man,
    CompleteBash,
    CompleteZsh,
    CompleteFish,
    CompletePowershell,
    CompleteElvish,
}

/// The arguments of this process, parsed (clap prints usage errors and
/// `--help` itself, and exits).
pub fn parse() -> Args {
    let given: Vec<OsString> = std::env::args_os().skip(1).collect();
    words_only(&given).unwrap_or_else(|| Cli::parse().into_args())
}

/// The arguments when they are words and nothing else (`pyq what is a
/// decorator`), by far the most common command line. Such words can only
/// be the query, so they need no parser: building clap's command for them
/// would take a sixth of the lookup's time. Anything that starts with `-`
/// goes to clap.
fn words_only(given: &[OsString]) -> Option<Args> {
    let words = !given.is_empty()
        && given
            .iter()
            .all(|w| !w.as_encoded_bytes().starts_with(b"-"));
    words.then(|| Args {
        query: given
            .iter()
            .map(|w| w.to_string_lossy().into_owned())
            .collect(),
        ..Args::default()
    })
}

impl Cli {
    fn into_args(self) -> Args {
        Args {
            query: self
                .query
                .iter()
                .map(|w| w.to_string_lossy().into_owned())
                .collect(),
            interactive: self.interactive,
            show: self.show,
            topics: self.topics,
            reindex: self.reindex,
            paths: self.paths,
            quiz: self.quiz,
            seed: self.seed,
            stats: self.stats,
            generate: self.generate.map(|g| match g {
                Generated::Man => Generate::Man,
                Generated::CompleteBash => Generate::Completion(Shell::Bash),
                Generated::CompleteZsh => Generate::Completion(Shell::Zsh),
                Generated::CompleteFish => Generate::Completion(Shell::Fish),
                Generated::CompletePowershell => Generate::Completion(Shell::Powershell),
                Generated::CompleteElvish => Generate::Completion(Shell::Elvish),
            }),
            limit: self.limit,
            list: self.list,
            json: self.json,
            topic: self.topic,
            level: self.level.map(|l| match l {
                Level::Beginner => Difficulty::Beginner,
                Level::Intermediate => Difficulty::Intermediate,
                Level::Advanced => Difficulty::Advanced,
            }),
            guide: self.guide,
            guides: self.guides,
            index_dir: self.index_dir,
            no_pager: self.no_pager,
            color: self.color.map(|c| match c {
                Color::Auto => ColorSetting::Auto,
                Color::Always => ColorSetting::Always,
                Color::Never => ColorSetting::Never,
            }),
        }
    }
}

/// The command line's definition, for the manual page and completions.
pub fn command() -> clap::Command {
    Cli::command()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clap_args(given: &[OsString]) -> Args {
        let argv = std::iter::once(OsString::from("pyq")).chain(given.iter().cloned());
        Cli::try_parse_from(argv).unwrap().into_args()
    }

    #[test]
    fn words_alone_are_read_as_clap_reads_them() {
        #[cfg(unix)]
        let not_utf8 = {
            use std::os::unix::ffi::OsStringExt;
            OsString::from_vec(b"caf\xe9".to_vec())
        };
        #[cfg(not(unix))]
        let not_utf8 = OsString::from("café");
        let cases: Vec<Vec<OsString>> = vec![
            vec!["gil".into()],
            ["what's", "the", "difference", "between", "is", "and", "=="]
                .map(OsString::from)
                .to_vec(),
            ["list", "comprehension"].map(OsString::from).to_vec(),
            ["help", "show", "list", "index", "version"]
                .map(OsString::from)
                .to_vec(),
            ["", "a=b", "x-y", "**kwargs"].map(OsString::from).to_vec(),
            vec![not_utf8],
        ];
        for given in cases {
            let fast = words_only(&given).expect("words only");
            assert_eq!(fast, clap_args(&given), "{given:?}");
        }
    }

    #[test]
    fn anything_like_an_option_goes_to_clap() {
        for given in [
            vec!["-l"],
            vec!["gil", "--json"],
            vec!["--", "-x"],
            vec!["-"],
            vec![],
        ] {
            let given: Vec<OsString> = given.into_iter().map(OsString::from).collect();
            assert_eq!(words_only(&given), None, "{given:?}");
        }
    }
}
