//! Answer quality, measured the way `../shared/eval/relevance.py` measures
//! it: for each query of a judgement file, the rank of the first hit whose
//! guide is an expected guide and whose normalised title contains the
//! expected text. Runs the library's search on an index built in a
//! temporary directory.

use std::collections::BTreeMap;

use pyq::guides::Guides;
use pyq::index::{BuildReason, Library, Store};
use pyq::search::{Filters, Hit};

struct Judgement {
    id: String,
    query: String,
    kind: String,
    relevant: Vec<(String, String)>,
}

/// Lowercase, every run of characters other than a–z and 0–9 one space.
fn normalize(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::new();
    for c in lower.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

fn load(path: &str) -> Vec<Judgement> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "{path}: {line}");
            let relevant = cols[3]
                .split(" ;; ")
                .map(|item| {
                    let (guide, sub) = item.split_once("::").expect("guide::title");
                    (guide.trim().to_string(), normalize(sub))
                })
                .collect();
            Judgement {
                id: cols[0].into(),
                query: cols[1].into(),
                kind: cols[2].into(),
                relevant,
            }
        })
        .collect()
}

fn is_relevant(hit: &Hit, relevant: &[(String, String)]) -> bool {
    let title = normalize(&hit.doc.title);
    relevant
        .iter()
        .any(|(guide, sub)| *guide == hit.doc.guide && title.contains(sub.as_str()))
}

#[derive(Default)]
struct Score {
    hit1: f64,
    rr: f64,
    n: f64,
}

/// Scores every query; prints the figures and the misses; returns
/// (hit@1, MRR@10) over all queries.
fn evaluate(library: &Library, path: &str) -> (f64, f64) {
    let mut per_kind: BTreeMap<String, Score> = BTreeMap::new();
    for j in load(path) {
        let found = library
            .search(&j.query, &Filters::default(), 10)
            .expect("search works");
        let first = found.hits.iter().position(|h| is_relevant(h, &j.relevant));
        let rr = first.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
        if first != Some(0) {
            let top = found.hits.first().map_or("nothing".to_string(), |h| {
                format!("{}::{}", h.doc.guide, h.doc.title)
            });
            println!(
                "MISS {} {:?}: top={top} first relevant rank={:?}",
                j.id,
                j.query,
                first.map(|r| r + 1)
            );
        }
        for kind in [j.kind.as_str(), "all"] {
            let s = per_kind.entry(kind.to_string()).or_default();
            s.hit1 += f64::from(first == Some(0));
            s.rr += rr;
            s.n += 1.0;
        }
    }
    for (kind, s) in &per_kind {
        println!(
            "{path}: {kind:10} n={:3} hit@1={:.3} MRR@10={:.3}",
            s.n,
            s.hit1 / s.n,
            s.rr / s.n
        );
    }
    let all = &per_kind["all"];
    (all.hit1 / all.n, all.rr / all.n)
}

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let (library, _) = Store::locate(&dir.path().join("index"), false)
        .build(&Guides::bundled_only(), BuildReason::Requested)
        .unwrap();
    (dir, library)
}

/// The judgement set shipped with the project's brief (tests/data/queries.tsv).
#[test]
fn listed_queries_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/queries.tsv", 0.95, 0.97);
}

/// Real interview questions, verbatim from public question lists
/// (tests/data/real-questions.tsv): people type questions in their own
/// words. A question the guides cover but pyq declines counts as a miss.
#[test]
fn real_questions_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/real-questions.tsv", 0.85, 0.90);
}

/// Real interview questions the guides do not answer
/// (tests/data/uncovered.tsv): pyq should say so rather than show an
/// unrelated answer.
#[test]
fn uncovered_questions_are_declined() {
    let (_dir, library) = library();
    assert_declines(&library, "tests/data/uncovered.tsv", 0.8);
}

/// Real questions written down and judged by reading the guides, without
/// looking at pyq's answers (tests/data/blind-*.tsv); scored blind once,
/// then kept as a regression check.
#[test]
fn blind_questions_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/blind-real.tsv", 0.82, 0.89);
    assert_declines(&library, "tests/data/blind-uncovered.tsv", 0.95);
}

/// A second blind set (tests/data/blind2-*.tsv), written by another judge
/// from other question lists, after the first had been looked at; scored
/// once on the build it came to, then kept as a regression check.
#[test]
fn second_blind_questions_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/blind2-real.tsv", 0.77, 0.82);
    assert_declines(&library, "tests/data/blind2-uncovered.tsv", 0.93);
}

/// A third blind set (tests/data/blind3-*.tsv), written by another judge
/// who chose the questions from memory of public lists before reading the
/// guides; scored once on the build it came to (hit@1 0.644, 9 of 45
/// covered questions declined), then used to weigh everyday words and
/// follow-up sentences.
#[test]
fn third_blind_questions_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/blind3-real.tsv", 0.75, 0.85);
    assert_declines(&library, "tests/data/blind3-uncovered.tsv", 0.96);
}

/// A fourth blind set (tests/data/blind4-*.tsv), written like the third by
/// another judge, who cited the sections that answer a question by reading
/// the guides alone; scored once on the build it came to (hit@1 0.400, MRR
/// 0.479, 15 of 40 covered questions declined, 25 of 40 uncovered ones),
/// then kept as a regression check.
#[test]
fn fourth_blind_questions_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/blind4-real.tsv", 0.49, 0.56);
    assert_declines(&library, "tests/data/blind4-uncovered.tsv", 0.77);
}

/// A fifth blind set (tests/data/blind5-*.tsv): a judge wrote 90 questions
/// from memory of mainstream public lists before reading the guides, then
/// judged them by reading the guides alone, listed questions and short
/// answers included, and left out the 13 it could not judge surely (the
/// guides touch them only in passing or in code); most are answered, so it
/// holds 72 covered questions and only 5 uncovered ones. Scored once on the build it came to (hit@1
/// 0.861, MRR 0.910, 2 covered questions declined, 4 of 5 uncovered ones),
/// then kept as a regression check; its two declines led to the rule that
/// the words after a comparison's last side name what every side is, and
/// to "speed up" as a synonym of optimise.
#[test]
fn fifth_blind_questions_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/blind5-real.tsv", 0.88, 0.93);
    assert_declines(&library, "tests/data/blind5-uncovered.tsv", 0.8);
}

/// A sixth blind set (tests/data/blind6-*.tsv): a judge wrote 110
/// questions from memory of public lists before reading the guides, aiming
/// at half the guides would not cover, then judged them by reading the
/// guides alone and left out 12 it could not judge surely; the guides
/// cover more than it expected, so it holds 76 covered questions and 22
/// uncovered ones. Its titles include headings that repeat in a guide
/// ("Sample Interview Questions"), so its hit@1 flatters. Scored once, on
/// the build it came to and on the rule that a passing mention does not
/// say what a thing is, written before it came: both hit@1 0.974, MRR
/// 0.980, 1 covered question declined, 16 of 22 uncovered ones declined.
#[test]
fn sixth_blind_questions_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/blind6-real.tsv", 0.96, 0.96);
    assert_declines(&library, "tests/data/blind6-uncovered.tsv", 0.81);
}

/// A seventh blind set (tests/data/blind7-*.tsv): a judge wrote 100
/// questions from memory of public lists before reading the guides, then
/// judged them by reading the guides alone and left out 12 it could not
/// judge surely: 71 covered, 17 uncovered. It often cites the heading above
/// a listed question rather than the question itself ("Performance
/// Optimization" for "How do you profile Python code?"), so its hit@1
/// understates. Scored once, on the build it came to: hit@1 0.746, MRR
/// 0.842, no covered question declined, 13 of 17 uncovered ones declined.
#[test]
fn seventh_blind_questions_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/blind7-real.tsv", 0.75, 0.85);
    assert_declines(&library, "tests/data/blind7-uncovered.tsv", 0.82);
}

/// An eighth blind set (tests/data/blind8-*.tsv): a judge wrote 100
/// questions from memory of public lists (InterviewBit, GeeksforGeeks,
/// Toptal, DataCamp and others) before reading the guides, then judged them
/// by reading the guides alone and left out 13 it could not judge surely:
/// 69 covered, 18 uncovered. It cited numbered headings with their numbers
/// ("48. What is the difference between .py and .pyc files?"), which pyq's
/// titles of questions leave out; the numbers were taken off the citations
/// (nothing else changed). Scored once: hit@1 0.681 and MRR 0.770 as
/// written, 0.783 and 0.859 with the numbers off; 15 of 18 uncovered
/// questions declined. Like the seventh, it often cites the heading above a
/// listed question ("Fundamentals" for "What is PEP 8?").
#[test]
fn eighth_blind_questions_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/blind8-real.tsv", 0.78, 0.85);
    assert_declines(&library, "tests/data/blind8-uncovered.tsv", 0.83);
}

/// Asserts that a judgement set's covered questions reach these hit@1 and
/// MRR@10.
fn assert_ranks(library: &Library, path: &str, min_hit1: f64, min_mrr: f64) {
    let (hit1, mrr) = evaluate(library, path);
    assert!(hit1 >= min_hit1, "{path}: hit@1 {hit1:.3} < {min_hit1}");
    assert!(mrr >= min_mrr, "{path}: MRR@10 {mrr:.3} < {min_mrr}");
}

/// Asserts that pyq declines at least this share of a set of uncovered
/// questions.
fn assert_declines(library: &Library, path: &str, min_share: f64) {
    let share = declined_share(library, path);
    assert!(
        share >= min_share,
        "{path}: declined {share:.3} < {min_share}"
    );
}

/// The share of a set of uncovered questions that pyq declines.
fn declined_share(library: &Library, path: &str) -> f64 {
    let text = std::fs::read_to_string(path).unwrap();
    let queries: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id\t") && !l.trim().is_empty())
        .map(|l| l.split('\t').nth(1).expect("id, query, source"))
        .collect();
    let mut declined = 0;
    for query in &queries {
        let found = library
            .search(query, &Filters::default(), 10)
            .expect("search works");
        match found.hits.first() {
            None => declined += 1,
            Some(top) => println!(
                "ANSWERED {query:?}: top={}::{}",
                top.doc.guide, top.doc.title
            ),
        }
    }
    println!("{path}: declined {declined} of {}", queries.len());
    declined as f64 / queries.len() as f64
}

/// A second, independent set written for pyq's development, so that ranking
/// is improved in general rather than for the listed queries.
#[test]
fn extra_queries_meet_the_bar() {
    let (_dir, library) = library();
    assert_ranks(&library, "tests/data/queries-extra.tsv", 0.97, 0.98);
}
