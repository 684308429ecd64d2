//! Typo correction on a huge vocabulary, through the real binary: close
//! words come from the term dictionary's FST through a Levenshtein
//! automaton, so a query of unknown words costs about what a plain lookup
//! costs, however many words the guides have. Scanning the whole vocabulary
//! instead costs seconds per query on 300,000 words.

mod common;

use std::time::{Duration, Instant};

use common::{TestEnv, code, stderr};

/// Distinct words in the generated guide.
const VOCABULARY: usize = 300_000;
/// Words per section of the generated guide.
const WORDS_PER_SECTION: usize = 300;

/// A deterministic stream of lowercase words, 7 to 12 letters long.
fn words(mut seed: u64) -> impl Iterator<Item = String> {
    std::iter::repeat_with(move || {
        // xorshift: the same guide on every machine
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let len = 7 + (next() % 6) as usize;
        (0..len)
            .map(|_| (b'a' + (next() % 26) as u8) as char)
            .collect()
    })
}

/// The fastest of three runs of `pyq ARGS`, which must exit with `expected`.
fn fastest(env: &TestEnv, args: &[&str], expected: i32) -> Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            let o = env.run(args);
            let took = started.elapsed();
            assert_eq!(code(&o), expected, "{args:?}: {}", stderr(&o));
            took
        })
        .min()
        .unwrap()
}

#[test]
fn unknown_words_cost_about_a_lookup_on_a_huge_vocabulary() {
    let env = TestEnv::new();
    let mut text = String::from("# Known words\n\nThe zebrafish section is here.\n");
    let mut vocabulary = words(0x5eed);
    for section in 0..VOCABULARY / WORDS_PER_SECTION {
        text.push_str(&format!("\n## Section {section}\n\n"));
        let line: Vec<String> = vocabulary.by_ref().take(WORDS_PER_SECTION).collect();
        text.push_str(&line.join(" "));
        text.push('\n');
    }
    let dir = env.guide("huge", "huge.md", &text);
    let guides = dir.to_str().unwrap();
    assert_eq!(code(&env.run(&["--guides", guides, "index"])), 0);

    // 32 words that are in no guide, each long enough for two typos
    let unknown: Vec<String> = words(0xbad).map(|w| format!("{w}qz")).take(32).collect();
    let query = unknown.join(" ");
    let plain = fastest(&env, &["--guides", guides, "--json", "zebrafish"], 0);
    let corrected = fastest(&env, &["--guides", guides, "--json", &query], 1);
    // Measured: a few times a plain lookup with the automaton; hundreds of
    // times with a scan of the vocabulary. The bound leaves room for a slow
    // or busy machine and still fails a scan by far.
    let bound = plain * 10 + Duration::from_secs(1);
    assert!(
        corrected < bound,
        "32 unknown words took {corrected:?}, a plain lookup {plain:?}"
    );
}
