//! Studying: the quiz remembers across runs (a clock moved between them
//! with `PYQ_NOW`), two quizzes at once both record, a quiz killed
//! half-way keeps what was answered, a study file that is not pyq's is
//! left alone, and cards are one per question with prompts that stand
//! alone.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::{TestEnv, code, stderr, stdout};
use serde_json::Value;

const T0: i64 = 1_900_000_000;
const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// `pyq --quiz ARGS` at time `now`, with `input` as its answers.
fn quiz(env: &TestEnv, now: i64, args: &[&str], input: &str) -> Output {
    let mut child = env
        .command()
        .arg("--quiz")
        .args(args)
        .env("PYQ_NOW", now.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The prompts a quiz asked, in order (the line after each header).
fn prompts(out: &str) -> Vec<String> {
    let lines: Vec<&str> = out.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].starts_with("Question ") && w[0].contains(" of "))
        .map(|w| w[1].to_string())
        .collect()
}

fn stats(env: &TestEnv, now: i64) -> Value {
    stats_with(env, now, &[])
}

fn stats_with(env: &TestEnv, now: i64, args: &[&str]) -> Value {
    let o = env
        .command()
        .args(["--stats", "--json"])
        .args(args)
        .env("PYQ_NOW", now.to_string())
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn a_card_not_known_comes_back_first_and_a_known_one_in_days() {
    let env = TestEnv::new();
    let args = ["--topic", "oop", "-n", "3", "--seed", "2"];
    let first = quiz(&env, T0, &args, "\nn\n\ny\n\ny\n");
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let asked = prompts(&stdout(&first));
    assert_eq!(asked.len(), 3);
    assert!(stdout(&first).contains("Known 2 of 3 (66%)"));

    // an hour later: the one not known is due, and asked first
    let later = quiz(&env, T0 + HOUR, &args, "q\n");
    let again = prompts(&stdout(&later));
    assert_eq!(again.first(), asked.first(), "{}", stdout(&later));
    assert!(
        stdout(&later).contains("(1 due for review"),
        "{}",
        stdout(&later)
    );
    assert!(
        !again.contains(&asked[1]) && !again.contains(&asked[2]),
        "known cards wait"
    );

    // weeks later the known ones are due too
    let weeks = quiz(&env, T0 + 30 * DAY, &args, "q\n");
    assert!(
        stdout(&weeks).contains("(3 due for review, 0 new)"),
        "{}",
        stdout(&weeks)
    );

    let s = stats(&env, T0 + HOUR);
    assert_eq!(s["reviewed"], 3);
    assert_eq!(s["due"], 1);
    assert_eq!(s["answers"], 3);
    let oop = &s["topics"].as_array().unwrap()[0];
    assert_eq!(
        (&oop["topic"], &oop["seen"], &oop["known"], &oop["due"]),
        (
            &Value::from("oop"),
            &Value::from(3),
            &Value::from(2),
            &Value::from(1)
        )
    );
}

#[test]
fn the_end_of_the_input_finishes_with_the_summary() {
    let env = TestEnv::new();
    let o = quiz(&env, T0, &["-n", "3", "--seed", "1"], "\ny\n");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Known 1 of 1 (100%)"), "{}", stdout(&o));
}

#[test]
fn two_quizzes_at_once_both_record() {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["--reindex"])), 0);
    let children: Vec<_> = [11u64, 12]
        .into_iter()
        .map(|seed| {
            let mut child = env
                .command()
                .args(["--quiz", "-n", "5", "--seed", &seed.to_string()])
                .env("PYQ_NOW", T0.to_string())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdin = child.stdin.take().unwrap();
            std::thread::spawn(move || {
                for _ in 0..5 {
                    let _ = stdin.write_all(b"\ny\n");
                    std::thread::sleep(Duration::from_millis(20));
                }
            });
            child
        })
        .collect();
    for child in children {
        let o = child.wait_with_output().unwrap();
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    assert_eq!(stats(&env, T0)["answers"], 10, "every answer of both");
}

#[test]
fn a_quiz_killed_half_way_keeps_what_was_answered() {
    let env = TestEnv::new();
    let mut child = env
        .command()
        .args(["--quiz", "-n", "5", "--seed", "3"])
        .env("PYQ_NOW", T0.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // one answered, the second shown and waiting for its grade
    stdin.write_all(b"\ny\n\n").unwrap();
    stdin.flush().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let started = Instant::now();
    let mut waiting = false;
    while let Some(Ok(line)) = lines.next() {
        if line.starts_with("Question 2 of 5") {
            waiting = true;
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60));
    }
    assert!(waiting, "the quiz reached its second question");
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    let s = stats(&env, T0);
    assert_eq!(s["answers"], 1, "{s}");
    assert_eq!(s["reviewed"], 1);
}

#[test]
fn a_study_file_that_is_not_pyqs_is_refused_and_left_alone() {
    let env = TestEnv::new();
    let file = env.data_dir().join("study.sqlite3");
    std::fs::create_dir_all(env.data_dir()).unwrap();

    std::fs::write(&file, b"my own notes, not a database ".repeat(200)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let o = quiz(&env, T0, &["-n", "1"], "\ny\n");
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("damaged or not a database"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("fix:"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), before);

    std::fs::remove_file(&file).unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch("CREATE TABLE mine (x); INSERT INTO mine VALUES (1);")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&file).unwrap();
    for args in [vec!["--stats"], vec!["--quiz", "-n", "1"]] {
        let o = env.command().args(&args).output().unwrap();
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(
            stderr(&o).contains("not pyq's study file"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_concurrency_quiz_asks_each_question_once_with_prompts_that_stand_alone() {
    let env = TestEnv::new();
    let o = quiz(
        &env,
        T0,
        &["--topic", "concurrency", "-n", "15", "--seed", "8"],
        &"\ny\n".repeat(15),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let asked = prompts(&stdout(&o));
    assert!(asked.len() >= 5, "{asked:?}");
    let gil = asked
        .iter()
        .filter(|p| {
            let p = p.to_lowercase();
            p.contains("gil") || p.contains("global interpreter lock")
        })
        .count();
    assert!(gil <= 1, "the GIL is one card: {asked:#?}");
    for prompt in &asked {
        assert!(!prompt.trim_end().ends_with(':'), "{prompt:?}");
        let bare = [
            "when to use each",
            "examples",
            "key concepts",
            "overview",
            "definition",
        ];
        assert!(
            !bare.contains(&prompt.trim().to_lowercase().as_str()),
            "a bare prompt: {prompt:?}"
        );
    }
}

#[test]
fn a_reworded_heading_keeps_the_learners_history() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "notes.md",
        "# Notes\n\n## What is a zebracorn?\n\nA zebracorn is a striped unicorn that lives in test guides.\n",
    );
    let guides = dir.to_str().unwrap();
    let args = ["--guides", guides, "--guide", "notes"];
    let o = quiz(&env, T0, &args, "\ny\n");
    assert!(stdout(&o).contains("Known 1 of 1"), "{}", stdout(&o));

    std::fs::write(
        dir.join("notes.md"),
        "# Notes\n\n## Zebracorns, explained in depth?\n\nA zebracorn is a striped unicorn that lives in test guides.\n",
    )
    .unwrap();
    let o = quiz(&env, T0 + HOUR, &args, "\ny\n");
    assert!(
        stdout(&o).contains("Nothing to study now"),
        "the card is known, not new: {}",
        stdout(&o)
    );
    let s = stats_with(&env, T0 + HOUR, &["--guides", guides]);
    assert_eq!(
        (&s["reviewed"], &s["orphaned"]),
        (&Value::from(1), &Value::from(0))
    );
    // a question gone from the guides keeps its history, and says so
    let s = stats(&env, T0 + HOUR);
    assert_eq!(s["orphaned"], 1);
}
