//! What pyq guarantees in a hostile environment, through the real binary:
//! it never deletes or overwrites what it did not create, never hangs on a
//! special file, never lets a number size an allocation, never answers from
//! a damaged index without noticing, and says what happened.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::{TestEnv, code, json, stderr, stdout};
use serde_json::Value;

/// Runs `cmd`, killing it after `limit`: a test of "never hangs" must fail,
/// not hang.
fn within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pyq starts");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("pyq still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Sets a file's or folder's modification time to an hour ago.
fn age(path: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::open(path)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
}

/// Files (path relative to `root`, content) below `root`, sorted.
fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// A user's folder with things whose names look like pyq's own.
fn user_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fs::create_dir_all(dir.join("tmp-project/src")).unwrap();
    fs::create_dir_all(dir.join("gen-notes")).unwrap();
    fs::write(dir.join("tmp-project/src/main.py"), "print('mine')\n").unwrap();
    fs::write(dir.join("gen-notes/n.txt"), "notes\n").unwrap();
    fs::write(dir.join("thesis.tmp"), "chapter 1\n").unwrap();
    fs::write(dir.join("manifest.json"), "{\"mine\": true}\n").unwrap();
    let made = [
        "tmp-project/src/main.py",
        "tmp-project/src",
        "tmp-project",
        "gen-notes/n.txt",
        "gen-notes",
        "thesis.tmp",
        "manifest.json",
    ];
    for p in made {
        age(&dir.join(p));
    }
    tree(dir)
        .into_iter()
        .filter(|(p, _)| made.contains(&p.as_str()))
        .collect()
}

fn answers_gil(o: &Output) {
    assert_eq!(code(o), 0, "{}", stderr(o));
    let hits = json(o);
    assert!(
        hits[0]["title"].as_str().unwrap().contains("GIL"),
        "{hits:?}"
    );
}

// 1. Nothing lost ---------------------------------------------------------------

#[test]
fn a_folder_that_is_not_pyqs_keeps_every_file() {
    let env = TestEnv::new();
    let victim = env.dir.path().join("victim");
    let before = user_files(&victim);
    let dir = victim.to_str().unwrap();
    for _ in 0..2 {
        answers_gil(&env.run(&["--index-dir", dir, "--json", "-n", "1", "gil"]));
    }
    let after: Vec<(String, Vec<u8>)> = tree(&victim)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("pyq-index/"))
        .collect();
    assert_eq!(after, before, "every file of the user's is as it was");
    assert!(victim.join("pyq-index/CACHEDIR.TAG").is_file());
    let paths = stdout(&env.run(&["--index-dir", dir, "--paths"]));
    assert!(paths.contains("pyq-index"), "{paths}");
}

#[test]
fn index_dir_home_in_the_config_file_leaves_home_alone() {
    let env = TestEnv::new();
    let home = env.dir.path().join("home");
    let before = user_files(&home);
    fs::write(env.config_file(), "index_dir = \"~\"\n").unwrap();
    let mut cmd = env.command();
    cmd.env_remove("PYQ_INDEX_DIR")
        .args(["--json", "-n", "1", "gil"]);
    answers_gil(&cmd.output().unwrap());
    let after: Vec<(String, Vec<u8>)> = tree(&home)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("pyq-index/"))
        .collect();
    assert_eq!(after, before);
    assert!(home.join("pyq-index/manifest.json").is_file());
}

#[test]
fn pyqs_own_folder_keeps_what_pyq_did_not_name() {
    let env = TestEnv::new();
    answers_gil(&env.run(&["--json", "gil"]));
    let before = user_files(&env.index_dir());
    // a rebuild, then a lookup: both clean up after themselves
    assert_eq!(code(&env.run(&["--reindex"])), 0);
    answers_gil(&env.run(&["--json", "gil"]));
    let kept = tree(&env.index_dir());
    for file in &before {
        if file.0 != "manifest.json" {
            assert!(kept.contains(file), "{} was kept", file.0);
        }
    }
}

#[test]
fn a_folder_of_the_users_that_is_taken_twice_over_is_never_written() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("busy");
    user_files(&dir);
    fs::create_dir_all(dir.join("pyq-index")).unwrap();
    fs::write(dir.join("pyq-index/mine.txt"), "mine").unwrap();
    let before = tree(&dir);
    let o = env.run(&["--index-dir", dir.to_str().unwrap(), "--json", "gil"]);
    answers_gil(&o);
    assert!(stderr(&o).contains("memory"), "{}", stderr(&o));
    assert_eq!(tree(&dir), before);
}

// 2. Special files among guides ----------------------------------------------------

#[cfg(unix)]
#[test]
fn special_files_among_guides_are_skipped_without_blocking() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "good.md",
        "# Zebracorn facts\n\nZebracorns are rare.\n",
    );
    let status = Command::new("mkfifo")
        .arg(dir.join("x.md"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("z.md")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", dir.join("u.md")).unwrap();
    fs::create_dir(dir.join("folder.md")).unwrap();
    // a sparse file of 3 GB: nothing of it may be read
    fs::File::create(dir.join("big.md"))
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    let mut cmd = env.command();
    cmd.args(["--guides", dir.to_str().unwrap(), "--json", "zebracorn"]);
    let o = within(cmd, Duration::from_secs(60));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Zebracorn facts");
    let err = stderr(&o);
    for (name, why) in [
        ("x.md", "FIFO"),
        ("z.md", "character device"),
        ("u.md", "character device"),
        ("big.md", "3.0 GB"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(why)),
            "{name} is skipped because of its {why}: {err}"
        );
    }
    // and the bundled guides still answer
    answers_gil(&env.run(&[
        "--guides",
        dir.to_str().unwrap(),
        "--json",
        "-n",
        "1",
        "gil",
    ]));
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_configuration_file_is_refused_without_blocking() {
    let env = TestEnv::new();
    let status = Command::new("mkfifo")
        .arg(env.config_file())
        .status()
        .unwrap();
    assert!(status.success());
    let mut cmd = env.command();
    cmd.arg("gil");
    let o = within(cmd, Duration::from_secs(30));
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("FIFO"), "{}", stderr(&o));
}

// 3. Numbers from users ----------------------------------------------------------------

#[test]
fn limits_are_checked_alike_and_never_size_an_allocation() {
    let env = TestEnv::new();
    for n in [
        "1000000000000",
        "18446744073709551615",
        "99999999999999999999999999",
    ] {
        let o = env.run(&["--json", "-n", n, "gil"]);
        assert_eq!(code(&o), 0, "-n {n}: {}", stderr(&o));
        assert!(!json(&o).is_empty());
        assert!(!stderr(&o).contains("damaged"), "-n {n}: {}", stderr(&o));
    }
    let from_flag = env.run(&["-n", "0", "gil"]);
    assert_eq!(code(&from_flag), 2);
    assert!(stderr(&from_flag).contains("at least 1"));
    fs::write(env.config_file(), "limit = 0\n").unwrap();
    let from_file = env.run(&["gil"]);
    assert_eq!(code(&from_file), 2);
    assert!(
        stderr(&from_file).contains("at least 1"),
        "{}",
        stderr(&from_file)
    );
}

// 4. A damaged index is noticed -----------------------------------------------------

fn generation(env: &TestEnv) -> PathBuf {
    env.index_dir()
        .join(env.manifest()["generation"].as_str().unwrap())
}

/// What a user sees of the index: every document, and the facet counts.
fn view(env: &TestEnv) -> (String, String) {
    let list = env.run(&["-l"]);
    let topics = env.run(&["--topics", "--json"]);
    assert_eq!((code(&list), code(&topics)), (0, 0), "{}", stderr(&list));
    (stdout(&list), stdout(&topics))
}

/// The file of the current generation whose name ends with `suffix`, or
/// the manifest.
fn index_file(env: &TestEnv, suffix: &str) -> PathBuf {
    if suffix == "manifest.json" {
        return env.index_dir().join(suffix);
    }
    fs::read_dir(generation(env))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("a {suffix} file"))
}

#[test]
fn a_changed_byte_anywhere_in_the_index_is_noticed() {
    let env = TestEnv::new();
    let good = view(&env);
    for suffix in [
        "meta.json",
        ".idx",
        ".pos",
        ".term",
        ".store",
        ".fast",
        ".fieldnorm",
        "manifest.json",
    ] {
        for at in [0.5, 0.999] {
            let path = index_file(&env, suffix);
            let mut bytes = fs::read(&path).unwrap();
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] ^= 0x24;
            // written in place, as a stray write or a bad disk would
            let mut f = fs::OpenOptions::new().write(true).open(&path).unwrap();
            std::io::Write::write_all(&mut f, &bytes).unwrap();
            drop(f);
            assert_eq!(view(&env), good, "{suffix} changed at {at}");
            let again = env.run(&["gil"]);
            assert_eq!(stderr(&again), "", "{suffix} is rebuilt for good");
        }
    }
}

#[test]
fn a_meta_json_that_lies_is_noticed() {
    let env = TestEnv::new();
    let good = view(&env);
    type Lie = fn(&mut Value);
    let lies: [(&str, Lie); 3] = [
        ("max_doc", |m| {
            m["segments"][0]["max_doc"] = 4_000_000_000u64.into()
        }),
        ("no segments", |m| m["segments"] = Value::Array(vec![])),
        ("a segment twice", |m| {
            let first = m["segments"][0].clone();
            m["segments"].as_array_mut().unwrap().push(first);
        }),
    ];
    for (what, lie) in lies {
        let path = generation(&env).join("meta.json");
        let mut meta: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        lie(&mut meta);
        fs::write(&path, serde_json::to_vec(&meta).unwrap()).unwrap();
        assert_eq!(view(&env), good, "{what}");
    }
}

// 5. Only the index's reads are guarded ----------------------------------------------

#[test]
fn a_bug_in_rendering_is_reported_as_a_bug_not_as_damage() {
    let env = TestEnv::new();
    answers_gil(&env.run(&["--json", "gil"]));
    let before = env.manifest();
    let o = env
        .command()
        .arg("gil")
        .env("PYQ_FAULT", "render")
        .output()
        .unwrap();
    assert_eq!(code(&o), 101, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bug in pyq"), "{err}");
    assert!(
        !err.contains("damaged") && !err.contains("building"),
        "{err}"
    );
    assert_eq!(env.manifest(), before, "the index was not rebuilt");
}

// 6. Names with control characters ------------------------------------------------------

const NASTY: &str = "evil\u{1b}]0;pwned\u{7}\u{202e}\u{1b}[31m.md";

fn has_controls(text: &str) -> bool {
    text.chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{202e}')
}

#[test]
fn names_from_the_file_system_never_reach_the_terminal_raw() {
    let env = TestEnv::new();
    let dir = env.guide("mine", NASTY, "# Evil notes\n\nA zebracorn.\n");
    let guides = dir.to_str().unwrap();
    let report = env.run(&["--guides", guides, "--reindex"]);
    assert_eq!(code(&report), 0, "{}", stderr(&report));
    assert!(stdout(&report).contains("evil"), "{}", stdout(&report));
    assert!(!has_controls(&stdout(&report)), "{:?}", stdout(&report));
    assert!(!has_controls(&stderr(&report)));

    let o = env.run(&["--guides", guides, "--guide", "nope\u{1b}[2J", "zebracorn"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("fix: use one of:"), "{}", stderr(&o));
    assert!(!has_controls(&stderr(&o)), "{:?}", stderr(&o));

    // the name as messages show it names the guide
    let o = env.run(&["--guides", guides, "--guide", "evil", "--json", "zebracorn"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    for args in [
        vec!["zebracorn"],
        vec!["-l", "zebracorn"],
        vec!["--paths"],
        vec!["--topics"],
    ] {
        let mut full = vec!["--guides", guides];
        full.extend(args.iter().copied());
        let o = env.run(&full);
        assert!(!has_controls(&stdout(&o)), "{args:?}: {:?}", stdout(&o));
        assert!(!has_controls(&stderr(&o)), "{args:?}: {:?}", stderr(&o));
    }
}

// 7. Ids ----------------------------------------------------------------------------

#[test]
fn ids_are_unique_across_guides_and_each_shows_its_document() {
    let env = TestEnv::new();
    let dir = env.guide(
        "mine",
        "python-interview-guide.MD",
        "# Decorators\n\nZebracorn decorators.\n",
    );
    env.guide("mine", "notes.md", "## Setup\n\nZebracorn setup in md.\n");
    env.guide(
        "mine",
        "notes.markdown",
        "## Setup\n\nZebracorn setup in markdown.\n",
    );
    env.guide("mine", NASTY, "## Setup\n\nZebracorn setup, evil.\n");
    // the same file names in two folders, and a bundled guide's own name
    env.guide(
        "mine/talks",
        "notes.md",
        "## Setup\n\nZebracorn setup in talks.\n",
    );
    env.guide(
        "mine/talks",
        "python-interview-guide.md",
        "## Decorators\n\nZebracorn decorators, talks.\n",
    );
    let guides = dir.to_str().unwrap();
    let all = json(&env.run(&["--guides", guides, "--json"]));
    let mut ids: Vec<&str> = all.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "ids are unique");
    let mine: Vec<&Value> = all
        .iter()
        .filter(|d| d["body"].as_str().unwrap().contains("Zebracorn"))
        .collect();
    assert_eq!(mine.len(), 6, "no guide is skipped for its name");
    for doc in mine {
        let id = doc["id"].as_str().unwrap();
        assert!(!has_controls(id), "{id:?}");
        let shown = json(&env.run(&["--guides", guides, "--json", "--show", id]));
        assert_eq!(&shown[0], doc, "{id} shows its own document");
    }
}

// 9. Leftovers ----------------------------------------------------------------------

/// The entries of the index folder, sorted by name.
fn entries(env: &TestEnv) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(env.index_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn builds_killed_in_a_row_leave_nothing_behind() {
    let env = TestEnv::new();
    let copies = env.guide_copies(6);
    let copies = copies.to_str().unwrap();
    assert_eq!(code(&env.run(&["--guides", copies, "gil"])), 0);
    for k in 0..12u64 {
        env.run_and_kill(
            &["--guides", copies, "--reindex"],
            Duration::from_millis(30 + 15 * k),
        );
    }
    answers_gil(&env.run(&["--guides", copies, "--json", "-n", "1", "gil"]));
    let left = entries(&env);
    assert_eq!(left.len(), 3, "the tag, the manifest, one index: {left:?}");
    assert!(left.contains(&"CACHEDIR.TAG".to_string()));
}

#[test]
fn a_manifest_that_cannot_be_replaced_leaks_nothing() {
    let env = TestEnv::new();
    answers_gil(&env.run(&["--json", "gil"]));
    fs::remove_file(env.index_dir().join("manifest.json")).unwrap();
    fs::create_dir(env.index_dir().join("manifest.json")).unwrap();
    for _ in 0..3 {
        let o = env.run(&["--json", "-n", "1", "gil"]);
        answers_gil(&o);
        let err = stderr(&o);
        assert_eq!(err.matches("pyq: indexed").count(), 1, "one build: {err}");
        assert!(err.contains("manifest.json"), "{err}");
        let generations = entries(&env)
            .iter()
            .filter(|n| n.starts_with("gen-"))
            .count();
        assert!(generations <= 1, "{:?}", entries(&env));
    }
}

// 10. Environments ----------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_finished_index_is_read_without_writing_anything() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    answers_gil(&env.run(&["--json", "gil"]));
    let generation = generation(&env);
    for lock in [".tantivy-meta.lock", ".tantivy-writer.lock"] {
        let _ = fs::remove_file(generation.join(lock));
    }
    let read_only = |mode: u32| {
        for dir in [&generation, &env.index_dir()] {
            fs::set_permissions(dir, fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    read_only(0o555);
    let before = tree(&env.index_dir());
    let o = env.run(&["--json", "-n", "1", "gil"]);
    read_only(0o755);
    answers_gil(&o);
    assert_eq!(stderr(&o), "", "no rebuild");
    assert_eq!(tree(&env.index_dir()), before, "nothing was written");
}

#[test]
fn one_guide_folder_however_it_is_written_is_one_index() {
    let env = TestEnv::new();
    env.guide("gh/a", "notes.md", "# Zebracorn notes\n\nZebracorns.\n");
    let absolute = env.dir.path().join("gh/a");
    let spellings = [
        "gh/a".to_string(),
        "./gh/a".to_string(),
        "gh/a/".to_string(),
        "gh/../gh/a".to_string(),
        absolute.display().to_string(),
    ];
    for (k, spelling) in spellings.iter().enumerate() {
        let o = env
            .command()
            .current_dir(env.dir.path())
            .args(["--guides", spelling, "--json", "zebracorn"])
            .output()
            .unwrap();
        assert_eq!(code(&o), 0, "{spelling}: {}", stderr(&o));
        if k > 0 {
            assert_eq!(stderr(&o), "", "{spelling} is the same folder");
        }
    }
}

#[test]
fn changes_to_the_guides_are_noticed_and_others_are_not() {
    let env = TestEnv::new();
    let dir = env.guide("mine", "a.md", "# Zebracorn A\n\nfirst\n");
    fs::create_dir(dir.join("sub")).unwrap();
    let guides = dir.to_str().unwrap();
    let run = || env.run(&["--guides", guides, "--json", "zebracorn"]);
    assert_eq!(code(&run()), 0);
    assert_eq!(stderr(&run()), "", "unchanged");

    // edited in place, same size
    fs::write(dir.join("a.md"), "# Zebracorn B\n\nfirst\n").unwrap();
    let o = run();
    assert!(stderr(&o).contains("the guides changed"), "{}", stderr(&o));
    assert_eq!(json(&o)[0]["title"], "Zebracorn B");
    // added in a subfolder
    fs::write(dir.join("sub/c.md"), "# Zebracorn C\n\nthird\n").unwrap();
    assert!(stderr(&run()).contains("the guides changed"));
    // a folder touched, nothing changed
    fs::write(dir.join("sub/ignored.txt"), "not a guide").unwrap();
    let o = run();
    assert_eq!(stderr(&o), "", "{}", stderr(&o));
    // removed
    fs::remove_file(dir.join("sub/c.md")).unwrap();
    assert!(stderr(&run()).contains("the guides changed"));
}

#[test]
fn a_large_guide_folder_says_what_is_watched() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("many");
    fs::create_dir(&dir).unwrap();
    for i in 0..1001 {
        fs::write(
            dir.join(format!("n{i}.md")),
            format!("# Note {i}\n\nword{i}\n"),
        )
        .unwrap();
    }
    let o = env.run(&["--guides", dir.to_str().unwrap(), "--json", "word7"]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains("1001 guides") && stderr(&o).contains("--reindex"),
        "{}",
        stderr(&o)
    );
}

// 11. Output and input ---------------------------------------------------------------

#[cfg(unix)]
#[test]
fn output_that_cannot_be_written_is_an_error() {
    let env = TestEnv::new();
    for args in [
        vec!["--generate", "man"],
        vec!["--generate", "complete-bash"],
        vec!["gil"],
        vec!["-l"],
        vec!["--json", "--stats"],
        vec!["--json", "--paths"],
        vec!["--json", "--reindex"],
        vec!["--json", "--topics"],
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = env.command().args(&args).stdout(full).output().unwrap();
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(
            stderr(&o).contains("cannot write the output"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[cfg(unix)]
#[test]
fn a_closed_standard_output_is_an_error() {
    let env = TestEnv::new();
    let o = env
        .command()
        .program_in_shell("exec \"$0\" gil >&-")
        .output()
        .unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("standard output is closed"));
    // while writing to /dev/null is fine
    let o = env
        .command()
        .program_in_shell("exec \"$0\" gil > /dev/null")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

trait InShell {
    /// The same environment; `script` run by `sh` with pyq as `$0`.
    fn program_in_shell(&mut self, script: &str) -> Command;
}

impl InShell for Command {
    fn program_in_shell(&mut self, script: &str) -> Command {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", script, env!("CARGO_BIN_EXE_pyq")]);
        for (k, v) in self.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd
    }
}

#[cfg(unix)]
#[test]
fn quiz_input_that_is_not_answers_ends_the_quiz() {
    let env = TestEnv::new();
    let mut cmd = env.command();
    cmd.args(["--quiz", "-n", "2"])
        .stdin(fs::File::open("/dev/zero").unwrap());
    let o = within(cmd, Duration::from_secs(60));
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("not answers"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("cannot write"));

    // nor do endless empty lines make it spin (`yes '' | pyq --quiz`)
    let mut child = env
        .command()
        .args(["--quiz", "-n", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder =
        std::thread::spawn(
            move || while std::io::Write::write_all(&mut stdin, b"\n\n\n\n").is_ok() {},
        );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the quiz spins on empty lines");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    feeder.join().unwrap();
    assert_eq!(status.code(), Some(2));

    // bytes that are not UTF-8 are simply no answer
    let mut child = env
        .command()
        .args(["--quiz", "-n", "1", "--seed", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"\xff\xfe\n\ny\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Known 1 of 1"), "{}", stdout(&o));
}
