//! Topics and difficulties against judged samples: `tests/data/facets-dev.tsv`
//! (150 documents judged blind, by id) and `tests/data/facets-spot.tsv` (89
//! other documents, judged before looking at pyq's labels). The figures must
//! stay a little below what the rules reach today; see the README for them
//! and `tools/facets/score.py` for the same scoring with pyq's own output.

use std::collections::HashMap;

use pyq::classify::Taxonomy;
use pyq::corpus::all_documents;
use pyq::document::{Difficulty, Document};
use pyq::guides::GuideSources;

struct Scores {
    judged: usize,
    topic: f64,
    exact: f64,
    adjacent: f64,
    off_by_two: usize,
}

fn documents() -> Vec<Document> {
    let (guides, _) = GuideSources::default().load();
    all_documents(
        &guides,
        &Taxonomy::bundled().expect("the bundled taxonomy parses"),
    )
}

/// Scores `docs` against a judged sample (`id, topic, difficulty,
/// alt_topic, note`; a topic is right when it is `topic` or `alt_topic`).
fn score(docs: &[Document], sample: &str) -> Scores {
    let by_id: HashMap<&str, &Document> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut s = Scores {
        judged: 0,
        topic: 0.0,
        exact: 0.0,
        adjacent: 0.0,
        off_by_two: 0,
    };
    let (mut topic, mut exact, mut adjacent) = (0, 0, 0);
    let mut missing = Vec::new();
    for line in sample.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (id, judged_topic, level, alt) = (cols[0], cols[1], cols[2], cols.get(3).copied());
        let Some(doc) = by_id.get(id) else {
            missing.push(id);
            continue;
        };
        let level: Difficulty = level.parse().expect("a judged level");
        s.judged += 1;
        topic += usize::from(doc.topic == judged_topic || alt.is_some_and(|a| doc.topic == a));
        let gap = (doc.difficulty as i32 - level as i32).abs();
        exact += usize::from(gap == 0);
        adjacent += usize::from(gap <= 1);
        s.off_by_two += usize::from(gap == 2);
    }
    assert!(
        missing.is_empty(),
        "judged documents pyq no longer has: {missing:?}"
    );
    let n = s.judged as f64;
    (s.topic, s.exact, s.adjacent) = (topic as f64 / n, exact as f64 / n, adjacent as f64 / n);
    s
}

#[test]
fn the_development_sample_is_filed_as_judged() {
    let s = score(&documents(), include_str!("data/facets-dev.tsv"));
    assert_eq!(s.judged, 150);
    // reached: topic 0.993, difficulty 0.953 exact, 1.000 adjacent
    assert!(s.topic >= 0.97, "topic right {:.3}", s.topic);
    assert!(s.exact >= 0.92, "difficulty exact {:.3}", s.exact);
    assert!(s.adjacent >= 0.99, "difficulty adjacent {:.3}", s.adjacent);
    assert_eq!(
        s.off_by_two, 0,
        "beginner material called advanced, or the reverse"
    );
}

#[test]
fn the_spot_check_sample_is_filed_as_judged() {
    let s = score(&documents(), include_str!("data/facets-spot.tsv"));
    assert_eq!(s.judged, 89);
    // reached: topic 0.978, difficulty 0.933 exact, 1.000 adjacent
    assert!(s.topic >= 0.95, "topic right {:.3}", s.topic);
    assert!(s.exact >= 0.90, "difficulty exact {:.3}", s.exact);
    assert!(s.adjacent >= 0.99, "difficulty adjacent {:.3}", s.adjacent);
    assert_eq!(
        s.off_by_two, 0,
        "beginner material called advanced, or the reverse"
    );
}

#[test]
fn levels_are_shared_as_an_interviewer_would_expect() {
    let docs = documents();
    let share = |level: Difficulty| {
        docs.iter().filter(|d| d.difficulty == level).count() as f64 / docs.len() as f64
    };
    // today about 27% beginner, 63% intermediate, 10% advanced
    let advanced = share(Difficulty::Advanced);
    assert!((0.08..=0.25).contains(&advanced), "advanced {advanced:.3}");
    let beginner = share(Difficulty::Beginner);
    assert!((0.15..=0.40).contains(&beginner), "beginner {beginner:.3}");
    assert!(
        share(Difficulty::Intermediate) >= 0.4,
        "most material is intermediate"
    );
}
