//! Messy guides, hostile input and a broken index, through the real binary.

mod common;

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{TestEnv, code, json, stderr, stdout};
use serde_json::Value;

const ESC: char = '\u{1b}';

// 1. Mojibake ---------------------------------------------------------------

#[test]
fn mojibake_in_the_bundled_guides_never_shows() {
    let env = TestEnv::new();
    let o = env.run(&["--json"]);
    assert_eq!(code(&o), 0);
    let text = String::from_utf8(o.stdout).unwrap();
    for bad in ["â€", "Â²", "ðŸ", "\\uf8ff", "üêç", "‚úÖ", "‚≠ê", "â”œ"] {
        assert!(!text.contains(bad), "{bad:?} is still shown");
    }
    let o = env.run(&[
        "--json",
        "--show",
        "python-complete-mastery-guide/python-complete-mastery-guide",
    ]);
    assert_eq!(json(&o)[0]["title"], "🐍 Python Complete Mastery Guide");
    let o = env.run(&["--json", "-n", "1", "immutable data types"]);
    assert!(json(&o)[0]["body"].as_str().unwrap().contains("doesn’t"));
}

#[test]
fn mojibake_in_a_user_guide_is_repaired_and_good_text_kept() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "notes.md",
        "# Notes ðŸš€\n\nItâ€™s O(nÂ²) â†’ fine. Café, naïve, ├── tree, 日本語 🐍.\n",
    );
    let o = env.run(&[
        "--guides",
        dir.to_str().unwrap(),
        "--json",
        "-n",
        "1",
        "notes",
    ]);
    let hit = &json(&o)[0];
    assert_eq!(hit["title"], "Notes 🚀");
    assert_eq!(
        hit["body"],
        "It’s O(n²) → fine. Café, naïve, ├── tree, 日本語 🐍."
    );
}

// 2. Terminal safety ----------------------------------------------------------

const HOSTILE: &str = "# Evil \u{1b}]0;pwned\u{7}title \u{1b}[31mred\u{1b}[0m\n\n\
    Clear \u{1b}[2J screen, bell \u{7}, back\u{8}space, bidi \u{202e}gnp.exe\u{202c}, C1 \u{9b}2J \
    and a \u{1b}]8;;http://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\ in zebracorn text.\n";

fn assert_only_own_styling(out: &str) {
    for bad in [
        "\u{1b}]",
        "\u{1b}[2J",
        "\u{1b}[31m",
        "\u{7}",
        "\u{8}",
        "\u{202e}",
        "\u{9b}",
        "pwned\u{7}",
    ] {
        assert!(!out.contains(bad), "{bad:?} reached the terminal");
    }
    // every escape left is a colour/attribute sequence of pyq's own skin
    for (i, _) in out.match_indices(ESC) {
        let rest = &out[i + 1..];
        assert!(
            rest.starts_with('['),
            "an escape that is not CSI: {:?}",
            &rest[..rest.len().min(12)]
        );
        let end = rest.find(|c: char| c.is_ascii_alphabetic()).unwrap();
        assert_eq!(
            &rest[end..=end],
            "m",
            "only SGR sequences: {:?}",
            &rest[..=end]
        );
    }
}

#[test]
fn control_characters_from_a_guide_never_reach_the_terminal() {
    let env = TestEnv::new();
    let dir = env.guide("evil", "evil.md", HOSTILE);
    let dir = dir.to_str().unwrap();
    let styled = stdout(&env.run(&["--guides", dir, "--color", "always", "zebracorn"]));
    assert!(styled.contains("Evil"), "{styled}");
    assert_only_own_styling(&styled);
    let piped = env.run(&["--guides", dir, "zebracorn"]);
    assert!(!piped.stdout.contains(&0x1b), "no escape at all in a pipe");
    assert!(stdout(&piped).contains("Clear  screen"));
    for args in [vec!["-l", "zebracorn"], vec!["-l"]] {
        let mut full = vec!["--guides", dir];
        full.extend(args);
        let o = env.run(&full);
        assert!(
            !o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07),
            "{full:?}"
        );
    }
}

#[test]
fn json_keeps_the_text_faithfully() {
    let env = TestEnv::new();
    let dir = env.guide("evil", "evil.md", HOSTILE);
    let o = env.run(&[
        "--guides",
        dir.to_str().unwrap(),
        "--json",
        "-n",
        "1",
        "zebracorn",
    ]);
    let raw = stdout(&o);
    assert!(!raw.contains(ESC), "escaped by the JSON encoder");
    let hit = &json(&o)[0];
    assert!(
        hit["title"]
            .as_str()
            .unwrap()
            .contains("\u{1b}]0;pwned\u{7}")
    );
    assert!(hit["body"].as_str().unwrap().contains("\u{1b}[2J"));
}

// 3. Broken guides ------------------------------------------------------------

#[test]
fn broken_guides_are_skipped_or_mended_and_the_rest_answers() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("messy");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    write("empty.md", b"");
    write("binary.md", &[0, 1, 2, 0x89, b'P', b'N', b'G', 0, 0, 0]);
    write("latin1.md", b"# Caf\xe9 quokkas\n\nna\xefve bytes\n");
    write(
        "one-line.md",
        format!("# Long line\n\n{}\n", "wombat words ".repeat(300_000)).as_bytes(),
    );
    write(
        "quotes.md",
        format!("# Deep quotes\n\n{} numbat\n", ">".repeat(20_000)).as_bytes(),
    );
    let lists: String = (0..2_000)
        .map(|i| format!("{}- level{i}\n", "  ".repeat(i)))
        .collect();
    write("lists.md", format!("# Deep lists\n\n{lists}").as_bytes());
    write(
        "unclosed.md",
        b"# Fence\n\n```python\n# not a heading\nprint('bandicoot')\n",
    );
    write("dupes.md", b"# Same\n\nA\n\n# Same\n\nB\n");

    let started = Instant::now();
    let o = env.run(&["--guides", dir.to_str().unwrap(), "--json", "gil"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(started.elapsed() < Duration::from_secs(60));
    let err = stderr(&o);
    assert!(
        err.contains("binary.md") && err.contains("skipped"),
        "{err}"
    );
    assert!(
        err.contains("latin1.md") && err.contains("not valid UTF-8"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
    assert!(
        json(&o)[0]["title"].as_str().unwrap().contains("GIL"),
        "the bundled guides still answer"
    );

    let find = |q: &str| {
        let o = env.run(&["--guides", dir.to_str().unwrap(), "--json", "-n", "1", q]);
        assert_eq!(code(&o), 0, "{q}: {}", stderr(&o));
        json(&o)[0]["guide"].as_str().unwrap().to_string()
    };
    assert_eq!(find("quokkas"), "latin1.md");
    assert_eq!(find("wombat"), "one-line.md");
    assert_eq!(find("numbat"), "quotes.md");
    assert_eq!(find("level1999"), "lists.md");
    assert_eq!(find("bandicoot"), "unclosed.md");
    let same = json(&env.run(&[
        "--guides",
        dir.to_str().unwrap(),
        "--json",
        "--guide",
        "dupes",
    ]));
    let ids: Vec<&str> = same.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["dupes/same", "dupes/same-2"]);
}

// 4. Hostile queries ------------------------------------------------------------

#[test]
fn hostile_queries_exit_0_or_1_with_a_sensible_message() {
    let env = TestEnv::new();
    assert_eq!(code(&env.run(&["gil"])), 0); // build once
    let long = "why ".repeat(25_000);
    let queries = [
        "\"unbalanced",
        "(((",
        "a) OR (b",
        "AND",
        "title:",
        "body:gil",
        "[a TO z]",
        "gil^100",
        "*",
        "?",
        "~",
        "-",
        "\\",
        "\u{1b}[2J",
        "\u{7}\u{8}\u{7f}",
        "🚀🐍",
        "!!!...???",
        "   ",
        "",
        &long,
        "NOT gil",
        "gil AND",
        "\"\"",
        "{}",
        "+-&&||",
        "ünïcödé",
        "\u{202e}evil",
    ];
    for q in queries {
        let o = env.run(&["--", q]);
        let err = stderr(&o);
        let shown: String = q.chars().take(20).collect();
        assert!(
            [0, 1].contains(&code(&o)),
            "{shown:?}: exit {} {err}",
            code(&o)
        );
        assert!(
            !err.contains("panicked") && !err.to_lowercase().contains("tantivy"),
            "{shown:?}: {err}"
        );
        assert!(!err.contains(ESC), "{shown:?}: the message is escaped");
        if code(&o) == 1 {
            assert!(err.starts_with("pyq: "), "{shown:?}: says why: {err}");
        }
        assert!(
            err.len() < 2_000,
            "{shown:?}: a short message, not the query echoed back"
        );
    }
    let o = env.run(&["--", &long]);
    assert!(stderr(&o).contains("the query is long"), "{}", stderr(&o));
    let o = env.run(&["--", ""]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("no words"), "{}", stderr(&o));
}

// 5. Index faults ---------------------------------------------------------------

fn gen_dir(env: &TestEnv) -> std::path::PathBuf {
    let manifest = env.manifest();
    env.index_dir()
        .join(manifest["generation"].as_str().unwrap())
}

fn assert_answers_and_heals(env: &TestEnv, expect_in_stderr: &str) {
    let o = env.run(&["--json", "-n", "1", "gil"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(json(&o)[0]["title"].as_str().unwrap().contains("GIL"));
    assert!(stderr(&o).contains(expect_in_stderr), "{}", stderr(&o));
    let again = env.run(&["gil"]);
    assert_eq!(
        (code(&again), stderr(&again)),
        (0, String::new()),
        "the index is sound again"
    );
}

#[test]
fn a_truncated_meta_json_is_rebuilt() {
    let env = TestEnv::new();
    env.run(&["gil"]);
    let meta = gen_dir(&env).join("meta.json");
    let bytes = std::fs::read(&meta).unwrap();
    std::fs::write(&meta, &bytes[..bytes.len() / 3]).unwrap();
    assert_answers_and_heals(&env, "building the index");
}

#[test]
fn deleted_segment_files_are_rebuilt() {
    for ext in ["store", "idx", "term", "fast"] {
        let env = TestEnv::new();
        env.run(&["gil"]);
        for entry in std::fs::read_dir(gen_dir(&env)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == ext) {
                std::fs::remove_file(path).unwrap();
            }
        }
        assert_answers_and_heals(&env, "is missing");
    }
}

#[test]
fn a_cut_short_segment_file_is_rebuilt_while_answering() {
    let env = TestEnv::new();
    env.run(&["gil"]);
    for entry in std::fs::read_dir(gen_dir(&env)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "store") {
            std::fs::write(&path, b"short").unwrap();
        }
    }
    let o = env.run(&["--json", "-n", "1", "gil"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(json(&o)[0]["title"].as_str().unwrap().contains("GIL"));
    assert!(stderr(&o).contains("building the index"), "{}", stderr(&o));
}

#[test]
fn an_index_of_another_version_or_schema_is_rebuilt() {
    for (field, value, says) in [
        ("pyq_version", Value::from("0.0.1"), "built by pyq 0.0.1"),
        ("schema_version", Value::from(0), "built by pyq"),
        (
            "fingerprint",
            Value::from("0000"),
            "its checksum does not match",
        ),
    ] {
        let env = TestEnv::new();
        env.run(&["gil"]);
        let path = env.index_dir().join("manifest.json");
        let mut manifest: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        manifest[field] = value;
        std::fs::write(&path, serde_json::to_vec(&manifest).unwrap()).unwrap();
        assert_answers_and_heals(&env, says);
    }
}

#[test]
fn an_unwritable_index_directory_still_answers_and_names_the_fix() {
    let env = TestEnv::new();
    let blocker = env.dir.path().join("not-a-folder");
    std::fs::write(&blocker, "a file where the index folder should be").unwrap();
    let o = env
        .command()
        .args(["--json", "-n", "1", "gil"])
        .env("PYQ_INDEX_DIR", blocker.join("index"))
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    assert!(json(&o)[0]["title"].as_str().unwrap().contains("GIL"));
    let err = stderr(&o);
    assert!(
        err.contains("memory") && err.contains("PYQ_INDEX_DIR"),
        "{err}"
    );
    let o = env
        .command()
        .arg("--reindex")
        .env("PYQ_INDEX_DIR", blocker.join("index"))
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("memory only"), "{}", stdout(&o));
}

#[test]
fn a_build_killed_half_way_leaves_a_sound_index() {
    let env = TestEnv::new();
    let copies = env.guide_copies(12);
    let copies = copies.to_str().unwrap();
    assert_eq!(code(&env.run(&["--guides", copies, "gil"])), 0);
    let before = env.manifest();
    // kill rebuilds at several moments
    for delay in [5u64, 40, 120] {
        env.run_and_kill(
            &["--guides", copies, "--reindex"],
            Duration::from_millis(delay),
        );
        let o = env.run(&["--guides", copies, "--json", "-n", "1", "gil"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(json(&o)[0]["title"].as_str().unwrap().contains("GIL"));
        assert!(
            !stderr(&o).contains("building"),
            "the killed build left the old index in place: {}",
            stderr(&o)
        );
    }
    let after = env.manifest();
    assert_eq!(after["counts"], before["counts"]);

    // and on an empty directory: a killed first build is simply redone
    let fresh = TestEnv::new();
    fresh.run_and_kill(
        &["--guides", copies, "--reindex"],
        Duration::from_millis(60),
    );
    let o = fresh.run(&["--guides", copies, "--json", "-n", "1", "gil"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&fresh.run(&["--guides", copies, "gil"])), "");
}

#[test]
fn eight_processes_starting_on_an_empty_index_directory_all_answer() {
    let env = TestEnv::new();
    let children: Vec<Child> = (0..8)
        .map(|_| {
            env.command()
                .args(["--json", "-n", "3", "gil"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let first = json(&outputs[0]);
    for o in &outputs {
        assert_eq!(code(o), 0, "{}", stderr(o));
        assert!(!stderr(o).contains("panicked"));
        assert_eq!(json(o), first, "every process gives the same answer");
    }
    assert!(first[0]["title"].as_str().unwrap().contains("GIL"));
    let after = env.run(&["gil"]);
    assert_eq!(
        (code(&after), stderr(&after)),
        (0, String::new()),
        "one sound index is left"
    );
    let leftovers: Vec<String> = std::fs::read_dir(env.index_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("tmp-") || n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no half-built index is left: {leftovers:?}"
    );
}

#[test]
fn garbage_inside_segment_files_never_panics() {
    for ext in ["term", "idx", "pos", "store", "fast", "fieldnorm"] {
        let env = TestEnv::new();
        env.run(&["gil"]);
        for entry in std::fs::read_dir(gen_dir(&env)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == ext) {
                let mut bytes = std::fs::read(&path).unwrap();
                let n = bytes.len();
                for b in &mut bytes[n / 4..n * 3 / 4] {
                    *b = b.wrapping_mul(31).wrapping_add(7);
                }
                std::fs::write(&path, bytes).unwrap();
            }
        }
        let o = env.run(&["--json", "-n", "1", "gil"]);
        let err = stderr(&o);
        assert_eq!(code(&o), 0, "{ext}: {err}");
        assert!(!err.contains("panicked"), "{ext}: {err}");
        assert!(!json(&o).is_empty(), "{ext}: still answers");
    }
}
