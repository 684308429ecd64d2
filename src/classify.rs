//! Files documents under a topic and a difficulty.
//!
//! The rules are data: `index/topics.toml` (topics, their keywords and
//! default difficulty) and `index/difficulty.toml` (words that state or imply
//! a level), embedded at build time. Classification reads a document's title,
//! heading path and body; it is a pure function of those.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

use serde::Deserialize;

use crate::document::Difficulty;
use crate::terms::words;

/// The bundled topic taxonomy.
pub const TOPICS_TOML: &str = include_str!("../index/topics.toml");
/// The bundled difficulty rules.
pub const DIFFICULTY_TOML: &str = include_str!("../index/difficulty.toml");

mod compiled {
    // the topic names of `index/topics.toml`, listed by build.rs
    include!(concat!(env!("OUT_DIR"), "/topics.rs"));
}

/// The names of the bundled topics, without parsing the taxonomy: what the
/// command line offers and completes.
pub fn topic_names() -> &'static [&'static str] {
    compiled::TOPIC_NAMES
}

/// Points a keyword earns in each place it is found.
const TITLE_WEIGHT: f32 = 5.0;
/// Nearest enclosing heading first; headings further out count less.
const PATH_WEIGHTS: [f32; 4] = [3.0, 1.5, 0.75, 0.5];
const BODY_WEIGHT: f32 = 0.2;
/// A keyword's occurrences in a body stop counting after this many.
const BODY_CAP: usize = 5;
/// Only the start of a long body is read for classification.
const BODY_TOKENS: usize = 1500;
/// A level stated in the title ("Advanced Decorators") or in an enclosing
/// heading ("Advanced Topics"): the author's word, worth more than hints.
const STATED_TITLE_WEIGHT: f32 = 5.0;
const STATED_PATH_WEIGHTS: [f32; 4] = [4.0, 3.5, 3.0, 2.5];
/// Concepts only hint at a level.
const CONCEPT_TITLE_WEIGHT: f32 = 1.0;
const CONCEPT_BODY_WEIGHT: f32 = 0.2;
/// Weight of a topic's default difficulty in the level vote.
const DEFAULT_LEVEL_PRIOR: f32 = 1.5;

/// A topic of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Topic {
    pub name: String,
    pub description: String,
    pub difficulty: Difficulty,
    #[serde(default)]
    keywords: Vec<String>,
}

#[derive(Deserialize)]
struct TopicsFile {
    default: String,
    topic: Vec<Topic>,
}

#[derive(Deserialize)]
struct LevelWords {
    #[serde(default)]
    beginner: Vec<String>,
    #[serde(default)]
    intermediate: Vec<String>,
    #[serde(default)]
    advanced: Vec<String>,
}

#[derive(Deserialize)]
struct DifficultyFile {
    stated: LevelWords,
    concepts: LevelWords,
}

/// Topics and difficulty rules, compiled for matching.
pub struct Taxonomy {
    topics: Vec<Topic>,
    default_topic: usize,
    topic_keywords: Matcher<usize>,
    stated: Matcher<Difficulty>,
    concepts: Matcher<Difficulty>,
}

impl Taxonomy {
    /// The taxonomy embedded in pyq.
    pub fn bundled() -> Result<Taxonomy, String> {
        Taxonomy::from_toml(TOPICS_TOML, DIFFICULTY_TOML)
    }

    /// Reads a taxonomy from the text of `topics.toml` and `difficulty.toml`.
    pub fn from_toml(topics: &str, difficulty: &str) -> Result<Taxonomy, String> {
        let topics: TopicsFile = toml::from_str(topics).map_err(|e| format!("topics.toml: {e}"))?;
        let difficulty: DifficultyFile =
            toml::from_str(difficulty).map_err(|e| format!("difficulty.toml: {e}"))?;
        let default_topic = topics
            .topic
            .iter()
            .position(|t| t.name == topics.default)
            .ok_or_else(|| {
                format!(
                    "topics.toml: the default topic {:?} is not listed",
                    topics.default
                )
            })?;
        let mut topic_keywords = Matcher::default();
        for (i, topic) in topics.topic.iter().enumerate() {
            for k in &topic.keywords {
                topic_keywords.add(k, i);
            }
        }
        let level_matcher = |words: &LevelWords| {
            let mut m = Matcher::default();
            for (level, list) in [
                (Difficulty::Beginner, &words.beginner),
                (Difficulty::Intermediate, &words.intermediate),
                (Difficulty::Advanced, &words.advanced),
            ] {
                for w in list {
                    m.add(w, level);
                }
            }
            m
        };
        Ok(Taxonomy {
            stated: level_matcher(&difficulty.stated),
            concepts: level_matcher(&difficulty.concepts),
            topics: topics.topic,
            default_topic,
            topic_keywords,
        })
    }

    /// Every topic, in the order of the taxonomy file.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The topic called `name`, if there is one.
    pub fn topic(&self, name: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.name == name)
    }

    /// The topic and difficulty of a document.
    pub fn classify(&self, title: &str, path: &[String], body: &str) -> (&Topic, Difficulty) {
        let title_lower = title.to_lowercase();
        let title_tokens = words(&title_lower).collect::<Vec<_>>();
        let path_lower: Vec<String> = path.iter().rev().map(|p| p.to_lowercase()).collect();
        let path_tokens: Vec<Vec<&str>> = path_lower.iter().map(|p| words(p).collect()).collect();
        let body_lower = body.to_lowercase();
        let body_tokens: Vec<&str> = words(&body_lower).take(BODY_TOKENS).collect();

        let mut scores = vec![0f32; self.topics.len()];
        let mut add_distinct = |tokens: &[&str], weight: f32| {
            for (topic, w) in self.topic_keywords.distinct_matches(tokens) {
                scores[topic] += weight * w;
            }
        };
        add_distinct(&title_tokens, TITLE_WEIGHT);
        for (tokens, weight) in path_tokens.iter().zip(PATH_WEIGHTS) {
            add_distinct(tokens, weight);
        }
        for (topic, w, count) in self.topic_keywords.counted_matches(&body_tokens) {
            scores[topic] += BODY_WEIGHT * w * count.min(BODY_CAP) as f32;
        }
        let best = argmax(&scores)
            .filter(|&i| scores[i] > 0.0)
            .unwrap_or(self.default_topic);
        let topic = &self.topics[best];

        let mut levels = [0f32; 3];
        let slot = |d: Difficulty| d as usize;
        for (level, w) in self.stated.distinct_matches(&title_tokens) {
            levels[slot(level)] += STATED_TITLE_WEIGHT * w;
        }
        for (tokens, weight) in path_tokens.iter().zip(STATED_PATH_WEIGHTS) {
            for (level, w) in self.stated.distinct_matches(tokens) {
                levels[slot(level)] += weight * w;
            }
        }
        for (level, w) in self.concepts.distinct_matches(&title_tokens) {
            levels[slot(level)] += CONCEPT_TITLE_WEIGHT * w;
        }
        for (level, w, count) in self.concepts.counted_matches(&body_tokens) {
            levels[slot(level)] += CONCEPT_BODY_WEIGHT * w * count.min(BODY_CAP) as f32;
        }
        levels[slot(topic.difficulty)] += DEFAULT_LEVEL_PRIOR;
        let top = levels.iter().cloned().fold(f32::MIN, f32::max);
        let difficulty = if levels[slot(topic.difficulty)] >= top {
            topic.difficulty
        } else {
            Difficulty::ALL[argmax(&levels).unwrap_or(slot(topic.difficulty))]
        };
        (topic, difficulty)
    }
}

fn argmax(scores: &[f32]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

struct Keyword<L> {
    words: Vec<String>,
    /// The last word matches any word it starts.
    prefix: bool,
    label: L,
}

/// Finds keywords (words and phrases) in token streams.
struct Matcher<L> {
    keywords: Vec<Keyword<L>>,
    by_first_word: HashMap<String, Vec<usize>>,
    /// Keywords whose only word is a prefix: checked against every token.
    prefixes: Vec<usize>,
}

impl<L> Default for Matcher<L> {
    fn default() -> Self {
        Matcher {
            keywords: Vec::new(),
            by_first_word: HashMap::default(),
            prefixes: Vec::new(),
        }
    }
}

impl<L: Copy + PartialEq> Matcher<L> {
    fn add(&mut self, keyword: &str, label: L) {
        let prefix = keyword.ends_with('*');
        let words: Vec<String> = words(&keyword.trim_end_matches('*').to_lowercase())
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            return;
        }
        let i = self.keywords.len();
        if prefix && words.len() == 1 {
            self.prefixes.push(i);
        } else {
            self.by_first_word
                .entry(words[0].clone())
                .or_default()
                .push(i);
        }
        self.keywords.push(Keyword {
            words,
            prefix,
            label,
        });
    }

    /// Every keyword occurrence: (keyword index, position).
    fn occurrences<'s>(
        &'s self,
        tokens: &'s [&'s str],
    ) -> impl Iterator<Item = (usize, usize)> + 's {
        tokens.iter().enumerate().flat_map(move |(pos, token)| {
            let exact = singular_forms(token)
                .into_iter()
                .flatten()
                .filter_map(|form| self.by_first_word.get(&*form))
                .flatten()
                .copied()
                .filter(move |&k| self.matches_at(k, tokens, pos));
            let prefixed = self
                .prefixes
                .iter()
                .copied()
                .filter(move |&k| token.starts_with(&self.keywords[k].words[0]));
            exact.chain(prefixed).map(move |k| (k, pos))
        })
    }

    /// The keywords found, at most one per label and position (the longest:
    /// `algorithms` is not counted again as `algorithm`).
    fn best_per_position(&self, tokens: &[&str]) -> Vec<usize> {
        let mut found: Vec<(usize, usize)> = self.occurrences(tokens).collect();
        found.sort_by_key(|&(k, pos)| (pos, std::cmp::Reverse(self.keywords[k].words.len())));
        let mut kept: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        for (k, pos) in found {
            let label = self.keywords[k].label;
            let mut same_position = kept.iter().rev().take_while(|&&(_, p)| p == pos);
            if !same_position.any(|&(j, _)| self.keywords[j].label == label) {
                kept.push((k, pos));
            }
        }
        kept.into_iter().map(|(k, _)| k).collect()
    }

    fn matches_at(&self, k: usize, tokens: &[&str], pos: usize) -> bool {
        let kw = &self.keywords[k];
        let n = kw.words.len();
        tokens.len() >= pos + n
            && kw
                .words
                .iter()
                .zip(&tokens[pos..pos + n])
                .enumerate()
                .all(|(j, (word, token))| {
                    if kw.prefix && j == n - 1 {
                        token.starts_with(word.as_str())
                    } else {
                        word_matches(word, token)
                    }
                })
    }

    /// Labels of the distinct keywords found, each with its weight (its
    /// number of words: a phrase says more than a word).
    fn distinct_matches(&self, tokens: &[&str]) -> Vec<(L, f32)> {
        let mut seen = self.best_per_position(tokens);
        seen.sort_unstable();
        seen.dedup();
        seen.into_iter()
            .map(|k| (self.keywords[k].label, self.keywords[k].words.len() as f32))
            .collect()
    }

    /// Labels of the keywords found, with weight and number of occurrences.
    fn counted_matches(&self, tokens: &[&str]) -> Vec<(L, f32, usize)> {
        let mut counts: HashMap<usize, usize> = HashMap::default();
        for k in self.best_per_position(tokens) {
            *counts.entry(k).or_default() += 1;
        }
        counts
            .into_iter()
            .map(|(k, c)| {
                (
                    self.keywords[k].label,
                    self.keywords[k].words.len() as f32,
                    c,
                )
            })
            .collect()
    }
}

/// The token itself and the singulars it may be the plural of.
fn singular_forms(token: &str) -> [Option<Cow<'_, str>>; 4] {
    let s = token.strip_suffix('s').filter(|s| s.len() > 1);
    let es = s.and_then(|s| s.strip_suffix('e')).filter(|s| s.len() > 1);
    let ies = es
        .and_then(|s| s.strip_suffix('i'))
        .map(|stem| Cow::Owned(format!("{stem}y")));
    [
        Some(Cow::Borrowed(token)),
        s.map(Cow::Borrowed),
        es.map(Cow::Borrowed),
        ies,
    ]
}

/// Whether `token` is `word` or a plural of it.
fn word_matches(word: &str, token: &str) -> bool {
    if token == word {
        return true;
    }
    match token.strip_prefix(word) {
        Some("s") | Some("es") => true,
        _ => word
            .strip_suffix('y')
            .is_some_and(|stem| token.strip_prefix(stem) == Some("ies")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(title: &str, path: &[&str], body: &str) -> (String, Difficulty) {
        let t = Taxonomy::bundled().expect("the bundled taxonomy parses");
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        let (topic, level) = t.classify(title, &path, body);
        (topic.name.clone(), level)
    }

    #[test]
    fn bundled_taxonomy_has_enough_distinct_topics() {
        let t = Taxonomy::bundled().unwrap();
        assert!(t.topics().len() >= 20, "{} topics", t.topics().len());
        let mut names: Vec<&str> = t.topics().iter().map(|t| t.name.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), t.topics().len(), "topic names are unique");
    }

    #[test]
    fn listed_topic_names_match_the_taxonomy() {
        let t = Taxonomy::bundled().unwrap();
        let names: Vec<&str> = t.topics().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(topic_names(), names.as_slice());
    }

    #[test]
    fn title_keywords_decide_the_topic() {
        assert_eq!(classify("What is the GIL?", &[], "").0, "concurrency");
        assert_eq!(
            classify("Decorators", &["Advanced Topics"], "").0,
            "decorators"
        );
        assert_eq!(
            classify("Custom Context Managers", &[], "").0,
            "context-managers"
        );
        assert_eq!(
            classify("What is a metaclass?", &[], "").0,
            "metaprogramming"
        );
        assert_eq!(
            classify("Difference Between List and Tuple", &[], "").0,
            "data-structures"
        );
        assert_eq!(classify("Pytest Basics", &["19. Testing"], "").0, "testing");
    }

    #[test]
    fn plurals_and_prefixes_match() {
        assert_eq!(classify("Dictionaries", &[], "").0, "data-structures");
        assert_eq!(
            classify("Multithreading in New Python Versions", &[], "").0,
            "concurrency"
        );
    }

    #[test]
    fn the_title_outweighs_an_unrelated_enclosing_heading() {
        let (topic, _) = classify(
            "Explain the differences between lists and tuples.",
            &["3. Algorithms", "Graph Algorithms"],
            "Lists are mutable, tuples are immutable.",
        );
        assert_eq!(topic, "data-structures");
    }

    #[test]
    fn the_path_decides_when_the_title_is_generic() {
        assert_eq!(
            classify(
                "Example",
                &["Regular Expressions (Regex)", "Regex Basics"],
                ""
            )
            .0,
            "regex"
        );
        assert_eq!(
            classify("Best Practices", &["27. Docker & Deployment"], "").0,
            "deployment"
        );
    }

    #[test]
    fn nothing_recognisable_falls_back_to_the_default_topic() {
        assert_eq!(classify("Final Thoughts", &[], "Good luck!").0, "basics");
    }

    #[test]
    fn stated_levels_override_the_topic_default() {
        assert_eq!(classify("Python Basics", &[], "").1, Difficulty::Beginner);
        assert_eq!(
            classify("Advanced Decorator Patterns", &[], "").1,
            Difficulty::Advanced
        );
        assert_eq!(
            classify("Generators", &["Advanced Topics"], "").1,
            Difficulty::Advanced
        );
        assert_eq!(
            classify("Lists", &["Fundamentals"], "").1,
            Difficulty::Beginner
        );
    }

    #[test]
    fn a_topic_default_applies_when_nothing_else_speaks() {
        let (topic, level) = classify("Decorators", &[], "");
        assert_eq!(
            (topic.as_str(), level),
            ("decorators", Difficulty::Intermediate)
        );
        let (topic, level) = classify("Thread Pools", &[], "");
        assert_eq!(
            (topic.as_str(), level),
            ("concurrency", Difficulty::Advanced)
        );
    }

    #[test]
    fn a_broken_taxonomy_is_an_error_not_a_panic() {
        assert!(Taxonomy::from_toml("default = 3", DIFFICULTY_TOML).is_err());
        let unknown_default = "default = \"nope\"\n[[topic]]\nname = \"a\"\ndescription = \"\"\ndifficulty = \"beginner\"\n";
        assert!(
            Taxonomy::from_toml(unknown_default, DIFFICULTY_TOML)
                .err()
                .is_some_and(|e| e.contains("nope"))
        );
    }
}
