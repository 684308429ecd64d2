//! Re-ranking of the candidates a search retrieved: a document whose title
//! answers the query beats one that merely mentions its words, and an
//! answer with substance beats a one-liner. Pure: terms in, scores out.

/// A query as the ranker sees it: one entry per query token (a word or an
/// operator), with its stems; the code tokens; and the synonyms with the
/// tokens they stand for.
#[derive(Debug, Clone, Default)]
pub struct QueryTerms {
    /// Stems of each query token (empty for an operator such as `==`).
    pub stems: Vec<Vec<String>>,
    /// Each query token as typed (lowercase), to match code tokens of titles.
    pub tokens: Vec<String>,
    /// Code-shaped tokens of the query.
    pub code: Vec<String>,
    /// Synonym phrases as stems, with the indices of the tokens they cover.
    pub synonyms: Vec<(Vec<String>, Vec<usize>)>,
    /// How telling each query token is (its inverse document frequency):
    /// `finally` says more than `what`.
    pub weights: Vec<f32>,
}

/// What the ranker knows of a candidate document.
pub struct Candidate {
    /// The search engine's relevance score (BM25 with field boosts).
    pub score: f32,
    /// Length of the body (bytes of Markdown).
    pub body_len: usize,
    /// Whether the body holds subsections rather than text of its own.
    pub subsections: bool,
    /// Stems of the title.
    pub title_stems: Vec<String>,
    /// Code tokens of the title.
    pub title_code: Vec<String>,
}

/// How much a fully covered title multiplies a score.
const COVERAGE_WEIGHT: f32 = 1.0;
/// How much a title that is nothing but the query adds on top.
const FOCUS_WEIGHT: f32 = 0.5;
/// Bodies shorter than this (in bytes of Markdown) count as thin.
const THIN_BODY: usize = 240;
/// Score factor of a body that is nearly empty; it grows to 1 at THIN_BODY.
const THIN_FLOOR: f32 = 0.6;
/// Score factor of a chapter shown through its subsections.
const CHAPTER_FACTOR: f32 = 0.85;

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Which query tokens the title holds: by stem, as a code token, or through
/// a synonym found in the title.
pub fn title_coverage(q: &QueryTerms, c: &Candidate) -> Vec<bool> {
    let mut covered: Vec<bool> = q
        .stems
        .iter()
        .zip(&q.tokens)
        .map(|(stems, token)| {
            (!stems.is_empty() && stems.iter().all(|s| c.title_stems.contains(s)))
                || c.title_code.contains(token)
        })
        .collect();
    for (phrase, covers) in &q.synonyms {
        if contains_run(&c.title_stems, phrase) {
            for &i in covers {
                if let Some(slot) = covered.get_mut(i) {
                    *slot = true;
                }
            }
        }
    }
    covered
}

/// The final score of a candidate.
pub fn score(q: &QueryTerms, c: &Candidate) -> f32 {
    let covered = title_coverage(q, c);
    let weight = |i: usize| q.weights.get(i).copied().unwrap_or(1.0);
    let total: f32 = (0..covered.len()).map(weight).sum();
    let found: f32 = (0..covered.len()).filter(|&i| covered[i]).map(weight).sum();
    let coverage = if total > 0.0 { found / total } else { 0.0 };
    // A focused title is mostly made of the query: `GIL` for "gil", not
    // `Multithreading and GIL in new Python versions`.
    let title_words = content_words(&c.title_stems).len().max(1) as f32;
    let covered_words = covered
        .iter()
        .zip(&q.stems)
        .filter(|(c, s)| **c && !content_words(s).is_empty())
        .count() as f32;
    let focus = (covered_words / title_words).min(1.0);
    let body = if c.subsections {
        CHAPTER_FACTOR
    } else {
        let len = c.body_len.min(THIN_BODY) as f32;
        THIN_FLOOR + (1.0 - THIN_FLOOR) * len / THIN_BODY as f32
    };
    c.score * (1.0 + COVERAGE_WEIGHT * coverage + FOCUS_WEIGHT * focus * coverage) * body
}

/// Whether a stem is a filler of questions (`what`, `the`, `in`…) rather
/// than what they are about.
pub fn is_filler(stem: &str) -> bool {
    FILLER.contains(&stem)
}

const FILLER: &[&str] = &[
    "a", "an", "the", "what", "whi", "why", "how", "is", "are", "do", "doe", "you", "in", "of",
    "to", "and", "or", "for", "s", "python", "it", "use", "when", "between", "differ", "explain",
    "with", "vs", "work", "would", "can", "on", "i", "should", "be",
];

/// Words of a title that say what it is about (not `what`, `the`, `in`…).
fn content_words(stems: &[String]) -> Vec<&str> {
    stems
        .iter()
        .map(String::as_str)
        .filter(|s| !is_filler(s))
        .collect()
}

/// Whether two titles ask the same question: their content words mostly
/// agree (Jaccard similarity of at least one half).
pub fn same_question(a: &[String], b: &[String]) -> bool {
    let (a, b) = (content_words(a), content_words(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let union = a.len() + b.len() - shared;
    shared * 2 >= union
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Doc {
        title: String,
        body: String,
    }

    fn doc(title: &str, body: &str) -> Doc {
        Doc {
            title: title.into(),
            body: body.into(),
        }
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    fn terms(query: &str) -> QueryTerms {
        QueryTerms {
            stems: query
                .split_whitespace()
                .map(|w| vec![w.to_string()])
                .collect(),
            tokens: words(query),
            ..QueryTerms::default()
        }
    }

    fn candidate(doc: &Doc, score: f32) -> Candidate {
        Candidate {
            score,
            body_len: doc.body.len(),
            subsections: false,
            title_stems: words(&doc.title.to_lowercase()),
            title_code: vec![],
        }
    }

    #[test]
    fn a_title_that_answers_beats_a_body_that_mentions() {
        let long = "x".repeat(500);
        let (answer, mention) = (doc("list tuple differ", &long), doc("memory tips", &long));
        let q = terms("list tuple");
        assert!(score(&q, &candidate(&answer, 5.0)) > score(&q, &candidate(&mention, 8.0)));
    }

    #[test]
    fn a_thin_answer_loses_to_a_substantial_one_with_the_same_title() {
        let (thin, full) = (doc("gil", "A lock."), doc("gil", &"the gil ".repeat(60)));
        let q = terms("gil");
        assert!(score(&q, &candidate(&full, 5.0)) > score(&q, &candidate(&thin, 5.5)));
    }

    #[test]
    fn synonyms_in_the_title_cover_the_tokens_they_stand_for() {
        let d = doc("global interpret lock", "body");
        let mut q = terms("gil perform");
        q.synonyms.push((words("global interpret lock"), vec![0]));
        assert_eq!(title_coverage(&q, &candidate(&d, 1.0)), [true, false]);
    }

    #[test]
    fn operators_are_covered_by_code_tokens_of_the_title() {
        let d = doc("differ is and", "body");
        let q = QueryTerms {
            stems: vec![vec!["is".into()], vec![]],
            tokens: words("is =="),
            ..QueryTerms::default()
        };
        let mut c = candidate(&d, 1.0);
        c.title_code = vec!["==".into()];
        assert_eq!(title_coverage(&q, &c), [true, true]);
    }

    #[test]
    fn same_question_compares_content_words() {
        assert!(same_question(
            &words("what is the gil"),
            &words("explain python' gil")
        ));
        assert!(same_question(
            &words("what the differ between list and tupl"),
            &words("differ between list and tupl")
        ));
        assert!(!same_question(
            &words("what is a metaclass"),
            &words("what is a descriptor")
        ));
        assert!(!same_question(&words("what is the"), &words("what is the")));
    }
}
