//! Runs the real `pyq` binary against a temporary index directory, isolated
//! from the user's environment (no NO_COLOR, TERM or PYQ_* from outside).

mod common;

use std::collections::HashSet;
use std::io::Read;
use std::process::Stdio;

use common::{TestEnv, code, json, stderr, stdout};
use serde_json::Value;

#[test]
fn gil_is_answered_with_a_gil_section() {
    let env = TestEnv::new();
    let o = env.run(&["gil"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let title = out.lines().next().unwrap();
    assert!(
        title.contains("GIL") || title.contains("Global Interpreter Lock"),
        "first line: {title}"
    );
    assert!(out.contains("More results"), "the next hits are listed");
}

#[test]
fn first_run_builds_the_index_and_later_runs_reuse_it() {
    let env = TestEnv::new();
    let first = env.run(&["decorator"]);
    assert_eq!(code(&first), 0);
    assert!(
        stderr(&first).contains("building the index (first run)"),
        "{}",
        stderr(&first)
    );
    assert!(env.index_dir().join("manifest.json").is_file());
    let second = env.run(&["decorator"]);
    assert_eq!(code(&second), 0);
    assert_eq!(stderr(&second), "", "no rebuild, no noise");
    assert_eq!(stdout(&first), stdout(&second));
}

#[test]
fn an_index_of_another_build_says_pyq_changed_not_the_guides() {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["decorator"])), 0);
    // the same version, made by a pyq whose code or bundled guides differ
    let mut manifest = env.manifest();
    manifest["bundled"] = Value::from("made-by-another-build");
    std::fs::write(
        env.index_dir().join("manifest.json"),
        serde_json::to_vec(&manifest).unwrap(),
    )
    .unwrap();
    let o = env.run(&["decorator"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("building the index (pyq itself changed)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&env.run(&["decorator"])), "", "rebuilt once");
}

#[test]
fn nothing_found_exits_1_with_a_message() {
    let env = TestEnv::new();
    let o = env.run(&["zqxjkv"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("the guides don't cover \"zqxjkv\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_hits_have_the_documented_shape() {
    let env = TestEnv::new();
    let o = env.run(&["--json", "-n", "3", "generator"]);
    assert_eq!(code(&o), 0);
    let hits = json(&o);
    assert_eq!(hits.len(), 3);
    let expected: HashSet<&str> = [
        "id",
        "guide",
        "title",
        "path",
        "kind",
        "topic",
        "difficulty",
        "level",
        "line",
        "score",
        "body",
    ]
    .into();
    for hit in &hits {
        let obj = hit.as_object().expect("a hit is an object");
        assert_eq!(
            obj.keys().map(String::as_str).collect::<HashSet<_>>(),
            expected
        );
        assert!(hit["id"].as_str().unwrap().contains('/'));
        assert!(hit["guide"].as_str().unwrap().ends_with(".md"));
        assert!(!hit["title"].as_str().unwrap().is_empty());
        assert!(hit["path"].as_array().unwrap().iter().all(Value::is_string));
        assert!(["section", "question"].contains(&hit["kind"].as_str().unwrap()));
        assert!(
            ["beginner", "intermediate", "advanced"].contains(&hit["difficulty"].as_str().unwrap())
        );
        assert!(hit["line"].as_u64().unwrap() >= 1);
        assert!(hit["level"].as_u64().unwrap() <= 7);
        assert!(hit["score"].as_f64().unwrap() > 0.0);
        assert!(hit["body"].is_string());
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
}

#[test]
fn piped_output_has_no_escape_sequences_unless_forced() {
    let env = TestEnv::new();
    let plain = env.run(&["context manager"]);
    assert_eq!(code(&plain), 0);
    assert!(!plain.stdout.contains(&0x1b), "no ESC byte when piped");
    let forced = env.run(&["--color", "always", "context manager"]);
    assert!(
        forced.stdout.contains(&0x1b),
        "--color always styles even a pipe"
    );
    let never = env
        .command()
        .args(["--color", "never", "context manager"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!never.stdout.contains(&0x1b));
}

#[test]
fn topic_and_level_filter_a_search() {
    let env = TestEnv::new();
    let o = env.run(&["--json", "--topic", "concurrency", "lock"]);
    assert_eq!(code(&o), 0);
    let hits = json(&o);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["topic"] == "concurrency"));

    let o = env.run(&["--json", "--level", "beginner"]);
    let hits = json(&o);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["difficulty"] == "beginner"));

    let o = env.run(&["--json", "--guide", "python-interview-guide", "decorator"]);
    let hits = json(&o);
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["guide"] == "python-interview-guide.md")
    );
}

#[test]
fn an_unknown_topic_is_an_error_that_lists_the_topics() {
    let env = TestEnv::new();
    let o = env.run(&["--topic", "cooking", "gil"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("invalid value 'cooking'"), "{err}");
    assert!(err.contains("concurrency"), "{err}");
}

#[test]
fn list_covers_all_five_guides_and_show_renders_its_ids() {
    let env = TestEnv::new();
    let o = env.run(&["-l"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 800, "{} documents", lines.len());
    assert!(
        lines.iter().all(|l| l.split('\t').count() == 2),
        "id<TAB>title"
    );
    let stems: HashSet<&str> = lines.iter().map(|l| l.split('/').next().unwrap()).collect();
    for guide in std::fs::read_dir("guides").unwrap() {
        let name = guide.unwrap().file_name().into_string().unwrap();
        assert!(
            stems.contains(name.trim_end_matches(".md")),
            "{name} is listed"
        );
    }
    let (id, title) = lines[lines.len() / 2].split_once('\t').unwrap();
    let shown = env.run(&["--show", id]);
    assert_eq!(code(&shown), 0);
    assert_eq!(stdout(&shown).lines().next(), Some(title));
}

#[test]
fn show_of_an_unknown_id_exits_1() {
    let env = TestEnv::new();
    let o = env.run(&["--show", "no/such-id"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("pyq -l"),
        "says how to find ids: {}",
        stderr(&o)
    );
}

#[test]
fn list_and_show_speak_json_too() {
    let env = TestEnv::new();
    let all = json(&env.run(&["--json"]));
    assert!(all.len() > 800);
    assert!(all.iter().all(|d| d["score"].is_null()));
    let id = all[10]["id"].as_str().unwrap();
    let one = json(&env.run(&["--show", id, "--json"]));
    assert_eq!(one.len(), 1);
    assert_eq!(one[0], all[10]);
}

#[test]
fn every_word_is_a_query() {
    let env = TestEnv::new();
    for words in [
        "list comprehension",
        "index of a list",
        "show vs repr",
        "help function",
        "topics in oop",
        "quiz questions on generators",
        "paths",
        "man",
    ] {
        let args: Vec<&str> = std::iter::once("--json").chain(words.split(' ')).collect();
        let o = env.run(&args);
        assert!(
            [0, 1].contains(&code(&o)),
            "{words:?} is searched: {}",
            stderr(&o)
        );
        let _ = json(&o);
    }
    let o = env.run(&["--json", "topics"]);
    assert_eq!(code(&o), 0);
    assert!(json(&o).iter().any(|h| {
        h["title"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("topics")
    }));
}

#[test]
fn list_mode_prints_one_line_per_hit() {
    let env = TestEnv::new();
    let o = env.run(&["-l", "-n", "4", "mro"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 4);
    assert!(out.lines().all(|l| l.contains('\t')));
}

#[test]
fn topics_counts_documents() {
    let env = TestEnv::new();
    let o = env.run(&["--topics", "--json"]);
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let topics = v["topics"].as_array().unwrap();
    let used = topics
        .iter()
        .filter(|t| t["documents"].as_u64().unwrap() > 0)
        .count();
    assert!(used >= 15, "{used} topics in use");
    let sum: u64 = topics
        .iter()
        .map(|t| t["documents"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, v["total"].as_u64().unwrap());
    let levels: u64 = v["levels"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(levels, sum);
    let text = stdout(&env.run(&["--topics"]));
    assert!(text.contains("concurrency") && text.contains("advanced"));
}

#[test]
fn reindex_rebuilds_and_reports() {
    let env = TestEnv::new();
    let o = env.run(&["--reindex"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Indexed 5 guides"), "{out}");
    assert!(out.contains(" ms"));
    let v: Value = serde_json::from_slice(&env.run(&["--reindex", "--json"]).stdout).unwrap();
    assert!(v["questions"].as_u64().unwrap() > 100);
    assert_eq!(v["guides"].as_array().unwrap().len(), 5);
}

#[test]
fn user_guides_are_indexed_and_changes_rebuild() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "notes.md",
        "# Walrus notes\n\nThe zyzzyva operator assigns in expressions.\n",
    );
    let dir_arg = dir.to_str().unwrap();
    let o = env.run(&["--guides", dir_arg, "--json", "zyzzyva"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["id"], "notes/walrus-notes");

    let o = env
        .command()
        .args(["--json", "zyzzyva"])
        .env("PYQ_GUIDES", &dir)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "PYQ_GUIDES works too");

    std::thread::sleep(std::time::Duration::from_millis(20));
    env.guide(
        "mine",
        "notes.md",
        "# Walrus notes\n\nNow about the quokka.\n",
    );
    let o = env.run(&["--guides", dir_arg, "--json", "quokka"]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("the guides changed"), "{}", stderr(&o));
    let o = env.run(&["--guides", dir_arg, "zyzzyva"]);
    assert_eq!(code(&o), 1, "the old text is gone");
}

#[test]
fn a_missing_guide_folder_is_a_warning_not_a_failure() {
    let env = TestEnv::new();
    let o = env.run(&["--guides", "/no/such/folder", "gil"]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("/no/such/folder"), "{}", stderr(&o));
}

#[test]
fn an_unwritable_index_dir_still_answers() {
    let env = TestEnv::new();
    let file = env.dir.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let o = env
        .command()
        .args(["--json", "gil"])
        .env("PYQ_INDEX_DIR", file.join("index"))
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!json(&o).is_empty());
    assert!(
        stderr(&o).contains("--index-dir"),
        "names the fix: {}",
        stderr(&o)
    );
}

#[test]
fn a_damaged_manifest_is_rebuilt() {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["gil"])), 0);
    std::fs::write(env.index_dir().join("manifest.json"), "{ truncated").unwrap();
    let o = env.run(&["gil"]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("could not be read"), "{}", stderr(&o));
    assert_eq!(stderr(&env.run(&["gil"])), "", "and is sound again");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["gil"])), 0); // build first
    let mut child = env
        .command()
        .args(["list", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {err}");
    assert_eq!(err, "");
}

#[test]
fn an_empty_query_is_a_usage_error() {
    let env = TestEnv::new();
    let o = env.run(&[]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("pyq gil"), "{}", stderr(&o));
}

#[test]
fn punctuation_only_queries_find_nothing_without_failing() {
    let env = TestEnv::new();
    for q in ["???", "\"(", "title:", "AND OR NOT", "[a TO z]^100"] {
        let o = env.run(&["--", q]);
        assert!([0, 1].contains(&code(&o)), "{q}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{q}");
    }
}

#[test]
fn completions_are_generated_for_each_shell_with_topics_and_levels() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = env.run(&["--generate", &format!("complete-{shell}")]);
        assert_eq!(code(&o), 0, "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains("pyq"), "{shell}");
        for word in ["topic", "level", "show", "topics", "reindex", "generate"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
        // clap's PowerShell and Elvish scripts complete option names only
        if ["bash", "zsh", "fish"].contains(&shell) {
            for value in ["concurrency", "data-structures", "advanced", "beginner"] {
                assert!(
                    script.contains(value),
                    "{shell} completes the value {value}"
                );
            }
        }
    }
    assert_eq!(
        code(&env.run(&["--generate", "complete-tcsh"])),
        2,
        "an unknown shell is a usage error"
    );
    assert!(
        !env.index_dir().exists(),
        "printing completions needs no index"
    );
}

#[test]
fn the_manual_page_is_roff_with_the_flags() {
    let env = TestEnv::new();
    let o = env.run(&["--generate", "man"]);
    assert_eq!(code(&o), 0);
    let page = stdout(&o);
    assert!(page.contains(".TH pyq 1"));
    for word in [
        "\\-\\-show",
        "\\-\\-topics",
        "\\-\\-reindex",
        "\\-\\-json",
        "\\-\\-topic",
        "EXIT STATUS",
    ] {
        assert!(page.contains(word), "the page mentions {word}");
    }
}

#[test]
fn help_shows_examples() {
    let env = TestEnv::new();
    let o = env.run(&["--help"]);
    assert_eq!(code(&o), 0);
    let help = stdout(&o);
    assert!(
        help.contains("Examples:") && help.contains("pyq -l mro"),
        "{help}"
    );
}

/// `pyq --quiz ARGS` with `input` as its standard input.
fn quiz(env: &TestEnv, args: &[&str], input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = env
        .command()
        .arg("--quiz")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
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

#[test]
fn the_quiz_reads_answers_from_a_pipe_and_repeats_with_its_seed() {
    let env = TestEnv::new();
    let o = quiz(
        &env,
        &["-n", "2", "--seed", "4", "--level", "beginner"],
        "\ny\n\nn\n",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("2 questions (0 due for review, 2 new)"),
        "{out}"
    );
    assert!(out.contains("pyq --quiz --seed 4"), "the seed to ask again");
    assert!(out.contains("Question 2 of 2 · "));
    assert_eq!(out.matches(" · beginner\n").count(), 2, "{out}");
    assert!(out.contains("Known 1 of 2 (50%)"), "{out}");
    assert!(!out.contains('\u{1b}'), "plain in a pipe");
    let titles = |out: &str| -> Vec<String> {
        out.lines()
            .skip_while(|l| !l.starts_with("Question "))
            .nth(1)
            .map(String::from)
            .into_iter()
            .collect()
    };
    // a learner who has answered nothing yet gets the same new questions
    let other = TestEnv::new();
    let again = stdout(&quiz(
        &other,
        &["-n", "2", "--seed", "4", "--level", "beginner"],
        "q\n",
    ));
    assert_eq!(
        titles(&out),
        titles(&again),
        "the same seed, the same questions"
    );
    assert!(again.contains("No questions answered."));
}

#[test]
fn a_quiz_with_nothing_to_ask_says_so() {
    let env = TestEnv::new();
    let dir = env.guide("mine", "notes.md", "# Notes\n\nJust prose, no questions.\n");
    let o = quiz(
        &env,
        &["--guides", dir.to_str().unwrap(), "--guide", "notes"],
        "",
    );
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("there are no questions to ask"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_quiz_refuses_json_and_list() {
    let env = TestEnv::new();
    for flag in ["--json", "-l"] {
        let o = env.run(&["--quiz", flag]);
        assert_eq!(code(&o), 2, "{flag}");
        assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
    }
}
