//! Rendered answers compared with expected files in tests/snapshots/: in
//! colour (as a terminal gets them, with highlighted Python code) and
//! piped (plain Markdown). After a deliberate change of the output, write
//! the files anew with `PYQ_UPDATE_SNAPSHOTS=1 cargo test --test snapshots`
//! and review the diff.

mod common;

use std::path::PathBuf;

use common::{TestEnv, code, stdout};

/// Compares `actual` with the expected file `name`, or writes it when
/// `PYQ_UPDATE_SNAPSHOTS` is set.
fn assert_snapshot(name: &str, actual: &str) {
    let path = PathBuf::from("tests/snapshots").join(name);
    if std::env::var_os("PYQ_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with PYQ_UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let (n, (want, got)) = expected
        .lines()
        .chain(std::iter::repeat(""))
        .zip(actual.lines().chain(std::iter::repeat("")))
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .expect("a differing line");
    panic!(
        "{} differs from the output at line {}:\n expected: {:?}\n   actual: {:?}\n(PYQ_UPDATE_SNAPSHOTS=1 rewrites it after a deliberate change)",
        path.display(),
        n + 1,
        want,
        got
    );
}

fn show(env: &TestEnv, id: &str, color: &str) -> String {
    let o = env.run(&["--color", color, "--show", id]);
    assert_eq!(code(&o), 0, "{}", common::stderr(&o));
    stdout(&o)
}

const PROSE_AND_CODE: &str = "python-complete-mastery-guide/list-comprehensions";
const HEADINGS_STRINGS_LISTS: &str =
    "complete-python-interview-guide/memory-speed-list-vs-tuple-comprehension";

#[test]
fn answers_in_colour() {
    let env = TestEnv::new();
    let out = show(&env, PROSE_AND_CODE, "always");
    // keywords, numbers and comments of the code block have their colours
    for (what, sgr) in [
        ("keyword", "\x1b[38;5;176mfor"),
        ("number", "\x1b[38;5;215m1"),
        ("comment", "\x1b[3;38;5;245m# Basic list comprehension"),
        ("builtin", "\x1b[38;5;80mrange"),
    ] {
        assert!(out.contains(sgr), "{what} coloured");
    }
    assert_snapshot("list-comprehensions.color.txt", &out);
    let out = show(&env, HEADINGS_STRINGS_LISTS, "always");
    assert!(
        out.contains("\x1b[38;5;114m'[x**2 for x in range(1000)]'"),
        "string coloured"
    );
    assert_snapshot("memory-and-speed.color.txt", &out);
}

#[test]
fn answers_piped() {
    let env = TestEnv::new();
    let out = show(&env, PROSE_AND_CODE, "auto");
    assert!(!out.contains('\x1b'), "no escape sequences in a pipe");
    assert!(
        out.contains("```python\n# Basic list comprehension\n"),
        "code as written"
    );
    assert_snapshot("list-comprehensions.plain.txt", &out);
    assert_snapshot(
        "memory-and-speed.plain.txt",
        &show(&env, HEADINGS_STRINGS_LISTS, "never"),
    );
}
