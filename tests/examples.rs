//! Every example the README's usage block and `pyq --help` give answers:
//! searches find something, the picker opens on a list that is not empty,
//! the quiz has questions to ask.

mod common;

use common::pty::Terminal;
use common::{TestEnv, code, stderr, stdout};

/// Splits a command line as a POSIX shell would for these examples: words
/// separated by spaces, single and double quotes grouping, `~` left as is.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    out
}

/// A line of an example without its comment (`  # …`).
fn without_comment(line: &str) -> &str {
    match line.find("  #") {
        Some(i) => line[..i].trim_end(),
        None => line.trim_end(),
    }
}

/// The `pyq …` lines of the README's first code block under "## Usage".
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let usage = &readme[readme.find("## Usage").expect("a Usage section")..];
    let block = usage
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a sh block");
    block
        .lines()
        .map(without_comment)
        .filter(|l| l.starts_with("pyq "))
        .map(str::to_string)
        .collect()
}

/// The examples of `pyq --help`.
fn help_examples(env: &TestEnv) -> Vec<String> {
    let help = stdout(&env.run(&["--help"]));
    let examples = &help[help.find("Examples:").expect("examples in --help")..];
    examples
        .lines()
        .skip(1)
        .map(str::trim)
        .take_while(|l| l.starts_with("pyq "))
        .map(|l| {
            // the command, then two spaces or more, then what it does
            l.split("  ").next().unwrap().trim().to_string()
        })
        .collect()
}

/// Runs one example as a user would, and says why it does not answer.
fn check(env: &TestEnv, example: &str) -> Result<(), String> {
    let args = words(example);
    let args: Vec<&str> = args[1..].iter().map(String::as_str).collect();
    if args.contains(&"-i") {
        let mut term = Terminal::spawn(env, &args, 30, 120);
        // the prompt is drawn before the list: wait for the whole frame
        let first_row = |screen: &str| screen.lines().nth(2).unwrap_or("").trim().to_string();
        let screen = term.wait_for("the picker's first row", |s| {
            s.contains("pyq>") && (!first_row(s).is_empty() || s.contains("nothing matches"))
        });
        let listed = first_row(&screen);
        term.type_keys("\x1b");
        let status = term.exit_code();
        return if listed.is_empty() || screen.contains("nothing matches") {
            Err(format!("the picker lists nothing:\n{screen}"))
        } else if status != 130 {
            Err(format!("the picker left with {status}"))
        } else {
            Ok(())
        };
    }
    let mut cmd = env.command();
    cmd.args(&args);
    if args.contains(&"--quiz") {
        cmd.stdin(std::process::Stdio::piped());
        let mut child = cmd
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"q\n").unwrap();
        let o = child.wait_with_output().unwrap();
        return if code(&o) == 0 && stdout(&o).contains("Question 1 of") {
            Ok(())
        } else {
            Err(format!("{}: {}{}", code(&o), stdout(&o), stderr(&o)))
        };
    }
    let o = cmd.output().unwrap();
    if code(&o) == 0 && !o.stdout.is_empty() {
        Ok(())
    } else {
        Err(format!("exit {}: {}", code(&o), stderr(&o)))
    }
}

#[test]
fn every_example_answers() {
    let env = TestEnv::new();
    let readme = readme_examples();
    assert!(readme.len() >= 15, "{readme:?}");
    let help = help_examples(&env);
    assert!(help.len() >= 8, "{help:?}");
    let failures: Vec<String> = readme
        .iter()
        .chain(&help)
        .filter_map(|e| check(&env, e).err().map(|why| format!("{e}: {why}")))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn examples_are_read_as_a_shell_reads_them() {
    assert_eq!(
        words("pyq '__str__ vs __repr__' -n 3"),
        ["pyq", "__str__ vs __repr__", "-n", "3"]
    );
    assert_eq!(without_comment("pyq gil    # the GIL"), "pyq gil");
}
