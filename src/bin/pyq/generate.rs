//! `pyq --generate`: the manual page and the shell completion scripts.
//!
//! The manual is clap's description of the options, framed by sections
//! written here as ripgrep's and fd's manuals have them: the picker's and
//! the quiz's keys, exit status, environment, files and examples. The
//! completion scripts are clap's, taught to complete `--show` with the ids
//! of the index and `--guide` with the guides' names (pyq lists them).

use std::io::Write;

use clap_complete::Shell as ClapShell;

use crate::cli::{EXAMPLES, command};
use crate::config::{Generate, Shell};

/// The text `--generate` prints.
pub fn text(what: Generate) -> std::io::Result<Vec<u8>> {
    match what {
        Generate::Man => manual(),
        Generate::Completion(shell) => Ok(completion(shell)),
    }
}

/// Escapes text for roff: backslashes, and dashes that are hyphens.
fn roff(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

fn manual() -> std::io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(command());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    out.write_all(DESCRIPTION.as_bytes())?;
    man.render_options_section(&mut out)?;
    out.write_all(SECTIONS.as_bytes())?;
    writeln!(out, ".SH EXAMPLES")?;
    for (command, what) in EXAMPLES {
        // one example per paragraph, never wrapped inside the command
        writeln!(out, ".TP\n.B \"{}\"\n{}", roff(command), roff(what))?;
    }
    for (command, what) in MORE_EXAMPLES {
        writeln!(out, ".TP\n.B \"{}\"\n{}", roff(command), roff(what))?;
    }
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// Examples that need a pipe or a shell, beyond those of `--help`.
const MORE_EXAMPLES: &[(&str, &str)] = &[
    (
        "pyq -l | fzf --preview 'pyq --color always --show {1}'",
        "browse every document with fzf, each answer previewed in colour",
    ),
    (
        "pyq --json gc | jq -r '.[0].body'",
        "the best answer's Markdown",
    ),
    (
        "pyq --guides ~/notes/python gil",
        "search your own Markdown guides too",
    ),
    ("pyq -- -m venv", "words that look like options go after --"),
];

const DESCRIPTION: &str = r#".PP
Every word is a query: \fBpyq list comprehension\fR searches for list comprehensions, and
every action that is not a search is a flag (\fB\-\-show\fR, \fB\-\-topics\fR,
\fB\-\-reindex\fR, \fB\-\-quiz\fR, ...).
On a terminal the best answer is rendered in full (Python code highlighted), then the same
question as answered in the other guides, then the next hits, each with its id.
When standard output is not a terminal the answer is printed as the guide's Markdown, with
no escape sequences.
.PP
A question the guides do not cover gets no answer: pyq says which words they do not cover
and exits with status 1.
"#;

const SECTIONS: &str = r#".SH OUTPUT
.TP
.B \-l, \-\-list
One line per hit, fields separated by a tab: the id, the title (with its parent heading
when the title does not stand alone) and a snippet of the text around the words matched.
With no query: one line per document, id and title.
.TP
.B \-\-json
An array of hits, best first. Each hit has \fIid\fR, \fIguide\fR, \fItitle\fR, \fIpath\fR
(the headings above it), \fIkind\fR ("section" or "question"), \fItopic\fR, \fIdifficulty\fR,
\fIlevel\fR, \fIline\fR, \fIscore\fR (null outside a search) and \fIbody\fR (Markdown).
A query the guides do not answer prints [].
.SH PICKER KEYS
\fBpyq \-i\fR [\fIQUERY\fR] draws on the terminal (like fzf), so its output can be piped.
Typing filters the list as fzf does ('exact, ^prefix, suffix$, !not); a mistyped word is
also tried as the nearest word of the guides.
.TP
.B Up, Down, Ctrl\-P, Ctrl\-N, Ctrl\-K, Ctrl\-J
move the selection
.TP
.B Home, End
first and last row
.TP
.B PageUp, PageDown, Ctrl\-D
scroll the answer
.TP
.B Ctrl\-U, Ctrl\-W
clear the query, delete its last word
.TP
.B Enter
print the selected answer and leave (exit status 0)
.TP
.B Esc, Ctrl\-C, Ctrl\-G
leave without an answer (exit status 130)
.SH QUIZ KEYS
\fBpyq \-\-quiz\fR asks the questions due for review first (those not known last time
before the others), then new ones (\-n in all, 10 by default), and remembers every answer
at once in the study file (see FILES). The same question in several guides is one card.
\fBpyq \-\-stats\fR shows what was seen, known and is due, per topic.
.TP
.B Enter, Space
show the answer
.TP
.B y, n
you knew it (it comes back in days, then weeks), or not (it comes back first in the next quiz)
.TP
.B 1, 2, 3, 4
Anki's grades: again, hard, good, easy
.TP
.B q, Esc
stop, with a summary
.TP
.B Ctrl\-C
leave at once (exit status 130; the answers given are saved)
.PP
From a pipe the quiz reads one answer per line: an empty line for Enter, then y, n, 1\-4 or
q; the end of the input ends the quiz with its summary. Each card begins with a line
\fBQuestion K of N \(bu topic \(bu level\fR and its question on the next line.
.SH EXIT STATUS
.TP
.B 0
an answer was found and shown (or the action succeeded)
.TP
.B 1
nothing answers the query, or no document has the id given to \-\-show
.TP
.B 2
an error: a bad argument, an unusable configuration file, output that cannot be written
.TP
.B 101
a bug in pyq; please report it
.TP
.B 130
the picker or the quiz was left with Esc or Ctrl\-C
.TP
.B 128+N
the picker or the quiz was ended by signal N (143 for SIGTERM), the terminal put back first
.SH ENVIRONMENT
.TP
.B PYQ_INDEX_DIR
where to keep the index (as \-\-index\-dir)
.TP
.B PYQ_GUIDES
more folders of Markdown guides, separated as in PATH (as \-\-guides)
.TP
.B PYQ_DATA_DIR
where to keep the study file of \-\-quiz and \-\-stats
.TP
.B PYQ_CONFIG
the configuration file to read instead of the default one
.TP
.B PYQ_PAGER, PAGER
the pager for answers on a terminal (PYQ_PAGER first; an empty PYQ_PAGER turns paging off).
The default is less; when LESS is not set pyq gives it FRX, as git does, so that an answer
that fits on the screen is printed directly and stays on the screen after less quits.
.TP
.B NO_COLOR
when set, no colours unless \-\-color always
.SH FILES
.TP
.I ~/.config/pyq/config.toml
the configuration file (on Linux; \fBpyq \-\-paths\fR shows where it is looked for):
guides, color, limit, pager and index_dir
.TP
.I ~/.cache/pyq/index/
the index, rebuilt by pyq whenever the guides or pyq change. pyq writes only in a folder of its
own, marked with a CACHEDIR.TAG; given a folder that holds other files it keeps its index in
a pyq\-index folder inside it.
.TP
.I ~/.local/share/pyq/study.sqlite3
what the quiz remembers (SQLite): each card's schedule, and every answer. A card is known
by the words of its questions and by its answers, so rewording a heading keeps its history.
"#;

/// A completion script, with ids and guide names completed by asking pyq.
fn completion(shell: Shell) -> Vec<u8> {
    let clap_shell = match shell {
        Shell::Bash => ClapShell::Bash,
        Shell::Zsh => ClapShell::Zsh,
        Shell::Fish => ClapShell::Fish,
        Shell::Powershell => ClapShell::PowerShell,
        Shell::Elvish => ClapShell::Elvish,
    };
    let mut script = Vec::new();
    clap_complete::generate(clap_shell, &mut command(), "pyq", &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    let dynamic = match shell {
        Shell::Bash => bash(script),
        Shell::Zsh => zsh(script),
        Shell::Fish => script + FISH,
        Shell::Powershell | Shell::Elvish => script,
    };
    dynamic.into_bytes()
}

/// The ids of every document, and the guides' names, as a shell command.
const IDS: &str = "pyq -l 2>/dev/null | cut -f1";
const GUIDES: &str = "pyq -l 2>/dev/null | cut -f1 | cut -d/ -f1 | sort -u";

fn bash(script: String) -> String {
    let file_values = r#"COMPREPLY=($(compgen -f "${cur}"))"#;
    let mut out = String::new();
    let mut option: Option<&str> = None;
    for line in script.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.ends_with(')') && trimmed.starts_with("--") {
            option = Some(match trimmed {
                "--show)" => "show",
                "--guide)" => "guide",
                _ => "",
            });
        }
        let words = match option {
            Some("show") => IDS,
            Some("guide") => GUIDES,
            _ => "",
        };
        if trimmed == file_values && !words.is_empty() {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!(
                "{indent}COMPREPLY=($(compgen -W \"$({words})\" -- \"${{cur}}\"))\n"
            ));
            option = None;
        } else {
            out.push_str(line);
        }
    }
    out
}

fn zsh(script: String) -> String {
    let script = script
        .replace(":ID:_default", ":ID:_pyq_ids")
        .replace(":NAME:_default", ":NAME:_pyq_guides");
    format!(
        "{script}\n_pyq_ids() {{\n    local -a ids\n    ids=(${{(f)\"$({IDS})\"}})\n    compadd -a ids\n}}\n\n_pyq_guides() {{\n    local -a guides\n    guides=(${{(f)\"$({GUIDES})\"}})\n    compadd -a guides\n}}\n"
    )
}

const FISH: &str = "
complete -c pyq -l show -r -f -a '(pyq -l 2>/dev/null | string replace -r \"\\t.*\" \"\")'
complete -c pyq -l guide -r -f -a '(pyq -l 2>/dev/null | string replace -r \"/.*\" \"\" | sort -u)'
";

#[cfg(test)]
mod tests {
    use super::*;

    fn script(shell: Shell) -> String {
        String::from_utf8(completion(shell)).unwrap()
    }

    #[test]
    fn ids_and_guides_complete_by_asking_pyq() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let s = script(shell);
            assert!(s.contains("pyq -l 2>/dev/null"), "{shell:?}");
        }
        let bash = script(Shell::Bash);
        let words = |command: &str| format!("compgen -W \"$({command})\"");
        assert_eq!(bash.matches(&words(IDS)).count(), 1, "--show completes ids");
        assert_eq!(
            bash.matches(&words(GUIDES)).count(),
            1,
            "--guide completes guides"
        );
        let zsh = script(Shell::Zsh);
        assert!(zsh.contains(":ID:_pyq_ids") && zsh.contains(":NAME:_pyq_guides"));
        assert!(!zsh.contains(":ID:_default"));
    }

    #[test]
    fn the_manual_has_the_sections_of_a_manual() {
        let page = String::from_utf8(manual().unwrap()).unwrap();
        for section in [
            "SYNOPSIS",
            "OPTIONS",
            "PICKER KEYS",
            "QUIZ KEYS",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "EXAMPLES",
        ] {
            assert!(page.contains(&format!(".SH {section}")), "{section}");
        }
        assert!(
            !page.contains("pyq\\-show(1)"),
            "no pages that do not exist"
        );
    }
}
