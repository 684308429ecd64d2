//! The picker (`pyq -i`) and the quiz (`pyq --quiz`) driven in a real
//! pseudo-terminal: keys typed, the screen read back.

mod common;

use common::pty::Terminal;
use common::{TestEnv, code, stdout};

/// The number of rows the picker says match: `N/TOTAL` on its prompt line.
fn counts(screen: &str) -> (usize, usize) {
    count_field(screen).unwrap_or_else(|| {
        let prompt = screen.lines().next().unwrap_or("");
        panic!("no count on the prompt line: {prompt:?}")
    })
}

fn count_field(screen: &str) -> Option<(usize, usize)> {
    let prompt = screen.lines().next().unwrap_or("");
    let field = prompt
        .split_whitespace()
        .find(|w| w.contains('/') && w.chars().all(|c| c.is_ascii_digit() || c == '/'))?;
    let (shown, total) = field.split_once('/')?;
    Some((shown.parse().ok()?, total.parse().ok()?))
}

/// Waits until `needle` is on the screen with the count on the prompt line:
/// a screen read between two writes of a redraw may have one and not yet
/// the other.
fn wait_for_prompt(term: &Terminal, needle: &str) -> String {
    term.wait_for(&format!("{needle:?} and the count"), |screen| {
        screen.contains(needle) && count_field(screen).is_some()
    })
}

fn built() -> TestEnv {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["--reindex"])), 0);
    env
}

#[test]
fn the_picker_filters_as_you_type_and_prints_the_pick() {
    let env = built();
    let all = stdout(&env.run(&["-l"])).lines().count();
    let mut term = Terminal::spawn(&env, &["-i"], 30, 120);
    let screen = wait_for_prompt(&term, "pyq>");
    assert_eq!(counts(&screen), (all, all), "everything before typing");
    assert!(term.alternate(), "full screen");

    // a typo: forgiven through the index's words, and the list narrows
    term.type_keys("decorater");
    let screen = wait_for_prompt(&term, "(also: decorator)");
    let (shown, total) = counts(&screen);
    assert!(shown > 0 && shown < total / 4, "{shown} of {total}");
    let list: Vec<&str> = screen.lines().skip(2).take(4).collect();
    assert!(
        list.iter()
            .all(|row| row.to_lowercase().contains("decorat")),
        "the first rows are about decorators: {list:#?}"
    );
    assert!(screen.contains(" answer "), "a preview pane");

    // clear, type another query, move down one row and pick it
    term.type_keys("\x15gil global");
    let screen = term.wait_for("the GIL on top", |s| {
        s.starts_with("pyq> gil global ") && s.lines().nth(2).is_some_and(|row| row.contains("GIL"))
    });
    let second = screen.lines().nth(3).unwrap().to_string();
    let title = second
        .trim_start_matches([' ', '▌'])
        .split("  ")
        .next()
        .unwrap()
        .trim()
        .to_string();
    term.type_keys("\x1b[B");
    term.wait_for("the second row selected", |s| {
        s.lines().nth(3).is_some_and(|row| row.starts_with('▌'))
    });
    term.type_keys("\r");
    assert_eq!(term.exit_code(), 0);
    assert!(!term.alternate(), "the screen is given back");
    let printed = term.text();
    assert!(
        printed.lines().next().unwrap_or("").contains(&title),
        "the picked answer ({title:?}) is printed:\n{printed}"
    );
    assert!(printed.contains(".md:"), "with where it comes from");
}

#[test]
fn the_picker_respects_filters_and_esc_leaves_with_130() {
    let env = built();
    let beginner = stdout(&env.run(&["-l", "--level", "beginner"]))
        .lines()
        .count();
    let mut term = Terminal::spawn(&env, &["-i", "--level", "beginner", "clos"], 24, 80);
    // the frame is drawn in pieces: wait for the level of the preview too,
    // drawn after the count
    let screen = term.wait_for("the filtered count and a beginner preview", |screen| {
        screen.contains("pyq> clos")
            && count_field(screen).is_some_and(|(shown, all)| shown < all)
            && screen.contains("beginner")
    });
    let (shown, total) = counts(&screen);
    assert_eq!(total, beginner, "only beginner documents");
    assert!(shown < total);
    assert!(!screen.contains("· advanced ·"), "{screen}");
    term.type_keys("\x1b");
    assert_eq!(term.exit_code(), 130);
    assert!(!term.alternate());
}

#[test]
fn the_picker_without_a_terminal_says_so() {
    let env = built();
    // `setsid` leaves pyq without a controlling terminal
    let o = std::process::Command::new("setsid")
        .arg("-w")
        .arg(env!("CARGO_BIN_EXE_pyq"))
        .arg("-i")
        .env("PYQ_INDEX_DIR", env.index_dir())
        .env("PYQ_CONFIG", env.config_file())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("setsid (util-linux) runs pyq");
    assert_eq!(code(&o), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the picker needs a terminal"), "{err}");
    assert!(err.contains("fzf"), "and says what to do instead: {err}");
}

#[test]
fn the_quiz_reveals_marks_and_sums_up_with_single_keys() {
    let env = built();
    let mut term = Terminal::spawn(
        &env,
        &["--quiz", "-n", "2", "--seed", "11", "--topic", "oop"],
        40,
        100,
    );
    let screen = term.wait_for_text("Question 1 of 2 · oop");
    assert!(
        !screen.contains("Did you know it?"),
        "the answer waits for Enter"
    );
    term.type_keys("\r");
    term.wait_for_text("Did you know it?");
    term.type_keys("y");
    term.wait_for_text("Question 2 of 2 · oop");
    term.type_keys("x"); // ignored
    term.type_keys("\r");
    term.wait_for(" the second answer", |s| {
        s.matches("Did you know it?").count() == 2
    });
    term.type_keys("n");
    let screen = term.wait_for_text("Known 1 of 2 (50%)");
    assert!(screen.contains("  oop  1/2"), "{screen}");
    assert!(screen.contains("To review (pyq --show ID):"));
    assert_eq!(term.exit_code(), 0);
}

#[test]
fn keys_typed_ahead_of_the_quiz_count() {
    let env = built();
    let mut term = Terminal::spawn(&env, &["--quiz", "-n", "1", "--seed", "3"], 30, 100);
    // typed before pyq reads keys: the terminal turns Enter into a line feed
    term.type_keys("\r");
    term.wait_for_text("Did you know it?");
    term.type_keys("y");
    term.wait_for_text("Known 1 of 1 (100%)");
    assert_eq!(term.exit_code(), 0);
}

#[test]
fn ctrl_c_leaves_the_quiz_with_130() {
    let env = built();
    let mut term = Terminal::spawn(&env, &["--quiz"], 30, 100);
    term.wait_for_text("Question 1 of 10");
    term.type_keys("\x03");
    assert_eq!(term.exit_code(), 130);
    assert!(!term.text().contains("Known"), "no summary");
}

#[test]
fn the_picker_shows_names_without_their_control_characters() {
    let env = built();
    let dir = env.guide(
        "mine",
        "evil\u{202e}\u{1b}[31mname.md",
        "# Zebracorn \u{202e}reversed\n\nZebracorns.\n",
    );
    let mut term = Terminal::spawn(
        &env,
        &["-i", "--guides", dir.to_str().unwrap(), "zebracorn"],
        24,
        120,
    );
    // the whole row, guide included (a frame may be read half drawn)
    let screen = term.wait_for("the row with its guide", |s| {
        s.contains("Zebracorn") && s.contains("evil")
    });
    assert!(!screen.contains('\u{202e}'), "{screen:?}");
    assert!(!screen.contains("[31m"), "{screen:?}");
    term.type_keys("\x1b");
    assert_eq!(term.exit_code(), 130);
}

#[test]
fn wide_code_never_leaves_blank_rows() {
    let env = built();
    for cols in [60, 80, 120] {
        let mut term = Terminal::spawn(
            &env,
            &["--no-pager", "-n", "1", "threading vs multiprocessing"],
            200,
            cols,
        );
        assert_eq!(term.exit_code(), 0);
        let screen = term.text();
        assert!(
            screen.contains("import"),
            "{cols}: code is shown:\n{screen}"
        );
        assert_eq!(
            term.blank_continuations(),
            Vec::<u16>::new(),
            "{cols} columns:\n{screen}"
        );
    }
}

#[test]
fn no_line_runs_over_the_screen_edge() {
    let env = built();
    for cols in [60, 80, 120] {
        // a long title, heading path and code, as in the guides
        for query in ["asyncio vs threading", "gil"] {
            let mut term = Terminal::spawn(&env, &["--no-pager", query], 200, cols);
            assert_eq!(term.exit_code(), 0);
            // only what cannot be broken may run over: an id wider than
            // the screen
            let broken: Vec<String> = term
                .wrapped_lines()
                .into_iter()
                .filter(|line| line.trim().contains(' '))
                .collect();
            assert_eq!(
                broken,
                Vec::<String>::new(),
                "{query} at {cols} columns:\n{}",
                term.text()
            );
        }
        // the closest titles of a declined question, cut to the screen
        let query = "difference between append() and extend()";
        let mut term = Terminal::spawn(&env, &["--no-pager", query], 200, cols);
        assert_eq!(term.exit_code(), 1);
        assert_eq!(
            term.wrapped_lines(),
            Vec::<String>::new(),
            "{query} at {cols} columns:\n{}",
            term.text()
        );
        let closest: Vec<String> = term
            .text()
            .lines()
            .filter(|l| l.starts_with("  closest: "))
            .map(String::from)
            .collect();
        assert!(!closest.is_empty(), "{}", term.text());
        let mut unique = closest.clone();
        unique.dedup();
        assert_eq!(unique, closest, "each title once");
    }
}

#[test]
fn quitting_less_leaves_the_answer_on_the_screen() {
    let env = built();
    // a long answer: less waits for a key, and q leaves the page shown
    let mut term = Terminal::spawn_with(&env, &["gil"], 30, 60, &[("PYQ_PAGER", "less")]);
    term.wait_for_text("Global Interpreter Lock");
    term.type_keys("q");
    assert_eq!(term.exit_code(), 0);
    assert!(!term.alternate());
    let screen = term.text();
    assert!(screen.contains("Global Interpreter Lock"), "{screen}");

    // a short one: less prints it and quits by itself
    let mut term = Terminal::spawn_with(
        &env,
        &[
            "--show",
            "python-interview-preparation-0-6-years/explain-the-global-interpreter-lock-gil",
        ],
        60,
        100,
        &[("PYQ_PAGER", "less")],
    );
    assert_eq!(term.exit_code(), 0, "{}", term.text());
    assert!(term.text().contains("GIL"), "{}", term.text());
}

#[test]
fn the_quiz_in_a_terminal_remembers_across_runs() {
    let env = built();
    let now: i64 = 1_900_000_000;
    let args = ["--quiz", "-n", "1", "--seed", "4", "--topic", "oop"];
    let at = |t: i64| t.to_string();
    let first = at(now);
    let mut term = Terminal::spawn_with(&env, &args, 40, 100, &[("PYQ_NOW", &first)]);
    let screen = term.wait_for_text("Question 1 of 1");
    let prompt = screen
        .lines()
        .skip_while(|l| !l.starts_with("Question 1 of 1"))
        .nth(1)
        .unwrap()
        .trim()
        .to_string();
    assert!(screen.contains("[Enter] answer"));
    term.type_keys("\r");
    let screen = term.wait_for_text("Did you know it?");
    assert!(
        !screen.contains("[Enter] answer"),
        "the prompt goes once the answer shows:\n{screen}"
    );
    term.type_keys("n");
    term.wait_for_text("Known 0 of 1");
    assert_eq!(term.exit_code(), 0);

    // an hour later the card not known comes back first
    let later = at(now + 3600);
    let mut term = Terminal::spawn_with(&env, &args, 40, 100, &[("PYQ_NOW", &later)]);
    let screen = term.wait_for_text("Question 1 of 1");
    assert!(screen.contains("1 due for review"), "{screen}");
    assert!(screen.contains(&prompt), "{prompt:?} again:\n{screen}");
    term.type_keys("q");
    assert_eq!(term.exit_code(), 0);
}
