//! Paging: long answers go through the pager on a terminal, never in a pipe.
//! The terminal is a real pseudo-terminal made by `script` (util-linux).

mod common;

use common::{TestEnv, code};

/// Runs `pyq ARGS` in a pseudo-terminal of `rows` rows, with `PYQ_PAGER`
/// copying what it is given to a file; returns whether the pager ran and
/// what it got.
fn on_a_terminal(env: &TestEnv, rows: usize, args: &str) -> Option<String> {
    let paged = env.dir.path().join("paged.txt");
    let _ = std::fs::remove_file(&paged);
    let inner = format!(
        "stty rows {rows} cols 100; {} {args}",
        env!("CARGO_BIN_EXE_pyq")
    );
    let o = env
        .command()
        .env("PYQ_PAGER", format!("cp /dev/stdin {}", paged.display()))
        .env("TERM", "xterm-256color")
        .program_and_args("timeout", &[TIMEOUT, "script", "-qec", &inner, "/dev/null"])
        .output()
        .expect("`script` (util-linux) runs pyq in a pseudo-terminal");
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(&paged).ok()
}

/// Seconds a run in a pseudo-terminal may take: a pager left waiting for
/// keys must fail the test, not hang it.
const TIMEOUT: &str = "60";

trait ProgramAndArgs {
    fn program_and_args(&mut self, program: &str, args: &[&str]) -> std::process::Command;
}

impl ProgramAndArgs for std::process::Command {
    /// The same environment, another program.
    fn program_and_args(&mut self, program: &str, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.args(args);
        for (k, v) in self.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd
    }
}

#[test]
fn a_long_answer_is_paged_on_a_small_terminal() {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["gil"])), 0); // build first
    let paged = on_a_terminal(&env, 10, "gil").expect("the pager ran");
    assert!(paged.contains("GIL"), "{paged}");
    assert!(paged.contains('\u{1b}'), "with the terminal's colours");
}

#[test]
fn every_answer_goes_to_the_pager_unless_told_otherwise() {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["gil"])), 0);
    // less itself decides whether an answer fits (LESS=FRX)
    assert!(
        on_a_terminal(&env, 500, "gil").is_some(),
        "a short answer too"
    );
    assert_eq!(
        on_a_terminal(&env, 10, "--no-pager gil"),
        None,
        "--no-pager"
    );
    assert_eq!(
        on_a_terminal(&env, 10, "-l gil"),
        None,
        "lists are not paged"
    );
}

#[test]
fn a_pipe_is_never_paged() {
    let env = TestEnv::new();
    let marker = env.dir.path().join("paged.txt");
    let o = env
        .command()
        .args([
            "--show",
            "complete-python-interview-guide/complete-python-interview-guide",
        ])
        .env("PYQ_PAGER", format!("cp /dev/stdin {}", marker.display()))
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    assert!(!marker.exists());
    assert!(!o.stdout.is_empty());
}

#[test]
fn a_long_build_shows_a_progress_bar_on_a_terminal_only() {
    let env = TestEnv::new();
    let dir = env.guide_copies(12);
    let inner = format!(
        "stty rows 30 cols 100; {} --guides {} --reindex",
        env!("CARGO_BIN_EXE_pyq"),
        dir.display()
    );
    let o = env
        .command()
        .env("TERM", "xterm-256color")
        .program_and_args("timeout", &[TIMEOUT, "script", "-qec", &inner, "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    let screen = String::from_utf8_lossy(&o.stdout);
    assert!(
        screen.contains("/65 guides"),
        "a bar counts the guides: {screen}"
    );
    assert!(
        screen.contains("Indexed 65 guides"),
        "and the build finishes: {screen}"
    );

    let piped = env
        .command()
        .args(["--guides", dir.to_str().unwrap(), "--reindex"])
        .output()
        .unwrap();
    assert_eq!(code(&piped), 0);
    assert!(
        !String::from_utf8_lossy(&piped.stderr).contains("guides ["),
        "no bar off a terminal"
    );
    assert!(
        piped.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
}

/// Runs `script` (a shell command line, `$PYQ` being pyq) in a
/// pseudo-terminal of 30 rows; returns what it printed and its status.
fn in_a_terminal_session(env: &TestEnv, script: &str) -> (String, i32) {
    let inner = format!("stty rows 30 cols 100; {script}");
    let o = env
        .command()
        .env("PYQ", env!("CARGO_BIN_EXE_pyq"))
        .env("TERM", "xterm-256color")
        .program_and_args("timeout", &[TIMEOUT, "script", "-qec", &inner, "/dev/null"])
        .output()
        .unwrap();
    (String::from_utf8_lossy(&o.stdout).into_owned(), code(&o))
}

#[test]
fn a_pager_that_fails_does_not_lose_the_answer() {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["gil"])), 0);
    let (screen, status) = in_a_terminal_session(&env, "PYQ_PAGER=false \"$PYQ\" gil");
    assert_eq!(status, 0, "{screen}");
    assert!(screen.contains("Global Interpreter Lock"), "{screen}");
    assert!(screen.contains("printed the answer instead"), "{screen}");
}

/// The terminal's settings after `pyq ARGS` ran in the background and was
/// sent SIGTERM, and pyq's exit status.
fn terminated(env: &TestEnv, args: &str) -> String {
    let (screen, _) = in_a_terminal_session(
        env,
        &format!(
            "\"$PYQ\" {args} < /dev/tty & P=$!; sleep 3; kill -TERM $P; wait $P; echo \"exit=$?\"; stty -a"
        ),
    );
    screen
}

#[test]
fn sigterm_to_the_picker_or_the_quiz_gives_the_terminal_back() {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["--reindex"])), 0);
    for args in ["-i", "--quiz"] {
        let screen = terminated(&env, args);
        assert!(screen.contains("exit=143"), "{args}: {screen}");
        let settings = &screen[screen.find("exit=143").unwrap()..];
        for flag in ["icanon", "echo"] {
            assert!(
                settings.contains(&format!(" {flag}")) && !settings.contains(&format!("-{flag} ")),
                "{args}: the terminal is back in {flag} mode: {settings}"
            );
        }
        if args == "-i" {
            // the alternate screen was left (ESC [ ? 1049 l)
            assert!(screen.contains("\u{1b}[?1049l"), "{args}");
        }
    }
}
