//! Files documents under a topic and a difficulty.
//!
//! The rules are data: `index/topics.toml` (topics, their keywords, their
//! usual difficulty and the material that makes one of their documents
//! easier or harder) and `index/difficulty.toml` (material whose level is the
//! same in any topic, and the words a heading uses to state a level),
//! embedded at build time. Classification is a pure function of a
//! document's title, heading path and body:
//!
//! - **topic**: the topic whose keywords the document names most, in its
//!   title above all, then its body (prose more than code; words that any
//!   code uses, such as `list` in `List[str]`, are left out). A section's
//!   enclosing headings count too, less than its title (they decide for
//!   "Example" or "Basic Usage"); a question's only break ties: it keeps its
//!   own subject whatever section it sits in. A document that touches on
//!   many topics with none leading (a table of contents) is a survey, filed
//!   under the default topic.
//! - **difficulty**: the level of the material the document covers
//!   (metaclasses are advanced, slicing is beginner), found in its title,
//!   its body and, when the title names no material, its nearest heading.
//!   The topic's usual level is a weak prior; a level stated in a heading
//!   ("Advanced", "Basics", "Mastery") only breaks ties, because guides use
//!   those words loosely. Mixed beginner and advanced material, and a
//!   survey, are intermediate.
//! - a **chapter** with little text of its own is classified from its
//!   subsections and questions ([`Taxonomy::classify_chapter`]).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

use serde::Deserialize;

use crate::document::{Difficulty, Kind};
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

// Topic: points a keyword earns in each place it is found.

/// A keyword in the title: the title is what the document says it is about.
const TITLE_WEIGHT: f32 = 5.0;
/// Enclosing headings of a section, nearest first: a section is a part of
/// its chapter ("3. Use Local Variables" under "Optimization Techniques"),
/// but the nearest heading never counts as much as the title (3 < 5), and
/// headings further out describe more than this document.
const PATH_WEIGHTS: [f32; 4] = [3.0, 1.5, 0.75, 0.5];
/// A question is about what it asks, wherever it sits: its headings only
/// break ties, at a fifth of their weight, so that the nearest heading
/// (0.6) never outweighs a title keyword (5) or a body that keeps naming its
/// subject (0.3 a mention). The same factor applies to the level a
/// question's nearest heading suggests.
const PATH_TIEBREAK: f32 = 0.2;
/// A keyword in the body's prose, per mention.
const PROSE_WEIGHT: f32 = 0.3;
/// A keyword in the body's code, per mention: code names what it uses
/// (`threading.Lock`), but examples also use things they are not about.
const CODE_WEIGHT: f32 = 0.15;
/// A keyword's mentions in a body stop counting after this many: a long
/// answer that repeats one word is not more about it than a short one.
const BODY_CAP: usize = 5;
/// Only the start of a long body's prose, and of its code, is read (speed;
/// a document's subject shows long before this many words).
const BODY_TOKENS: usize = 1500;

// Difficulty: points a level earns.

/// Material named in the title: what the question asks of the candidate.
const CONCEPT_TITLE_WEIGHT: f32 = 3.0;
/// Material named in the nearest enclosing heading, counted only when the
/// title names none ("Overview" under "Advanced OOP (Metaclasses, …)"): a
/// third of a title's word, two mentions in the body.
const CONCEPT_PATH_WEIGHT: f32 = 1.0;
/// Material mentioned in the body's prose, per mention.
const CONCEPT_PROSE_WEIGHT: f32 = 0.5;
/// Material used in the body's code, per use: half a mention in prose.
const CONCEPT_CODE_WEIGHT: f32 = 0.25;
/// Mentions of one concept stop counting after this many, so that the
/// bulk of the material decides, not one word repeated.
const CONCEPT_CAP: usize = 3;
/// A level stated in the title ("Advanced Decorators"): authors use these
/// words loosely (a "Mastery" guide, "Basic Usage" of memory-mapped files),
/// so they are worth half a mention of real material: a tiebreak.
const STATED_TITLE_WEIGHT: f32 = 0.5;
/// A level stated in the nearest enclosing heading: less still. Headings
/// further out do not count.
const STATED_PATH_WEIGHT: f32 = 0.25;
/// The topic's usual level: what a document gets when its material says
/// nothing, outweighed by two mentions of material.
const TOPIC_PRIOR: f32 = 1.0;
/// When the winning level is beginner or advanced and the material of the
/// opposite level has at least this share of the winner's material, the
/// material is mixed and the document is intermediate: never call mixed
/// material by its extreme.
const MIXED_SHARE: f32 = 2.0 / 3.0;
/// Advanced material counts double: a question is as hard as the hardest
/// thing it asks of the candidate (a list of optimisations that ends with
/// C extensions, an MRO answer that names C3), while beginner words turn
/// up in every answer.
const ADVANCED_EMPHASIS: f32 = 2.0;

// Chapters.

/// The topic a chapter's title names gets this share of the parts' votes
/// added: enough to decide between close runners-up, not to overrule
/// subsections that are about something else.
const CHAPTER_TITLE_SHARE: f32 = 0.25;
/// When a chapter's title names material, the level of that material
/// weighs this much relative to all of its parts together: a chapter is
/// what its title promises ("Memory Optimization") as much as what its
/// parts hold, which the title's promise alone cannot outvote.
const CHAPTER_TITLE_LEVEL_SHARE: f32 = 1.0;
/// A chapter whose leading topic has less than this share of the votes,
/// among parts of at least [`SURVEY_TOPICS`] topics, is a survey (a guide's
/// root, a question bank): it goes to the default topic. A chapter of a few
/// topics goes to the largest. The same holds for a document whose title
/// names no topic and whose body touches on many (a table of contents).
const SURVEY_SHARE: f32 = 0.35;
/// How many topics a survey spans at least: a fifth of the taxonomy. A
/// chapter on decorators, generators, context managers, classes and
/// metaclasses is not a survey but goes to its largest topic.
const SURVEY_TOPICS: usize = 6;
/// A document is a survey only if it names topics at least this many times
/// (a table of contents does; two lines that mention a loop, memory and
/// speed do not).
const SURVEY_MENTIONS: f32 = 10.0;
/// A survey spans every level: it is intermediate.
const SURVEY_LEVEL: Difficulty = Difficulty::Intermediate;

/// A topic of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Topic {
    pub name: String,
    pub description: String,
    /// The usual level of the topic's documents.
    pub difficulty: Difficulty,
    #[serde(default)]
    keywords: Vec<String>,
    /// Material that makes a document of this topic beginner, intermediate
    /// or advanced.
    #[serde(flatten)]
    levels: LevelWords,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
struct LevelWords {
    #[serde(default)]
    beginner: Vec<String>,
    #[serde(default)]
    intermediate: Vec<String>,
    #[serde(default)]
    advanced: Vec<String>,
}

impl LevelWords {
    fn each(&self) -> impl Iterator<Item = (Difficulty, &str)> {
        [
            (Difficulty::Beginner, &self.beginner),
            (Difficulty::Intermediate, &self.intermediate),
            (Difficulty::Advanced, &self.advanced),
        ]
        .into_iter()
        .flat_map(|(level, list)| list.iter().map(move |w| (level, w.as_str())))
    }
}

#[derive(Deserialize)]
struct TopicsFile {
    default: String,
    #[serde(default)]
    ignore_in_code: Vec<String>,
    topic: Vec<Topic>,
}

#[derive(Deserialize)]
struct DifficultyFile {
    stated: LevelWords,
    concepts: LevelWords,
}

/// Which documents a level concept counts for: any, or one topic's.
type Scope = Option<usize>;

/// One subsection of a chapter, as [`Taxonomy::classify_chapter`] weighs it.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    pub topic: &'a str,
    pub difficulty: Difficulty,
    /// Length of its own text, in bytes.
    pub size: usize,
}

/// Topics and difficulty rules, compiled for matching.
pub struct Taxonomy {
    topics: Vec<Topic>,
    default_topic: usize,
    topic_keywords: Matcher<usize>,
    stated: Matcher<Difficulty>,
    concepts: Matcher<(Scope, Difficulty)>,
    ignore_in_code: HashSet<String>,
}

/// A document's text, lowercased and cut into words.
struct Words<'t> {
    /// A question is about what it asks: its headings only break ties.
    question: bool,
    title: Vec<&'t str>,
    /// Nearest enclosing heading first.
    path: Vec<Vec<&'t str>>,
    prose: Vec<&'t str>,
    code: Vec<&'t str>,
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
        let mut concepts = Matcher::default();
        for (level, w) in difficulty.concepts.each() {
            concepts.add(w, (None, level));
        }
        for (i, topic) in topics.topic.iter().enumerate() {
            for k in &topic.keywords {
                topic_keywords.add(k, i);
            }
            for (level, w) in topic.levels.each() {
                concepts.add(w, (Some(i), level));
            }
        }
        let mut stated = Matcher::default();
        for (level, w) in difficulty.stated.each() {
            stated.add(w, level);
        }
        Ok(Taxonomy {
            stated,
            concepts,
            topics: topics.topic,
            default_topic,
            topic_keywords,
            ignore_in_code: topics
                .ignore_in_code
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
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
    pub fn classify(
        &self,
        kind: Kind,
        title: &str,
        path: &[String],
        body: &str,
    ) -> (&Topic, Difficulty) {
        self.read(kind, title, path, body, |words| {
            let Filed { topic, survey } = self.topic_of(words, &self.topic_scores(words));
            let level = if survey {
                SURVEY_LEVEL
            } else {
                decide_level(
                    self.level_points(words, topic),
                    self.topics[topic].difficulty,
                )
            };
            (&self.topics[topic], level)
        })
    }

    /// Why a document gets its topic and difficulty: the keywords found in
    /// each place, the topics' scores and the levels' points (for tuning the
    /// rules; `examples/facets.rs --explain`).
    pub fn explain(&self, kind: Kind, title: &str, path: &[String], body: &str) -> String {
        self.read(kind, title, path, body, |words| {
            let mut out = String::new();
            let mut places = vec![("title", &words.title)];
            places.extend(words.path.iter().map(|p| ("heading", p)));
            places.extend([("prose", &words.prose), ("code", &words.code)]);
            for (place, tokens) in places {
                let mut found = Vec::new();
                for (k, count) in self.topic_keywords.found(tokens) {
                    let kw = &self.topic_keywords.keywords[k];
                    found.push(format!("{}→{}", kw.text(), self.topics[kw.label].name) + &times(count));
                }
                for (k, count) in self.concepts.found(tokens) {
                    let kw = &self.concepts.keywords[k];
                    let (scope, level) = kw.label;
                    let scope = scope.map_or("", |t| self.topics[t].name.as_str());
                    found.push(format!("{}⇒{scope}:{level}", kw.text()) + &times(count));
                }
                for (k, count) in self.stated.found(tokens) {
                    let kw = &self.stated.keywords[k];
                    found.push(format!("{}⇒stated:{}", kw.text(), kw.label) + &times(count));
                }
                if !found.is_empty() {
                    out.push_str(&format!("  {place}: {}\n", found.join(", ")));
                }
            }
            let scores = self.topic_scores(words);
            let mut ranked: Vec<usize> = (0..scores.len()).filter(|&t| scores[t] > 0.0).collect();
            ranked.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
            let ranked: Vec<String> = ranked
                .iter()
                .take(4)
                .map(|&t| format!("{} {:.2}", self.topics[t].name, scores[t]))
                .collect();
            let Filed { topic, survey } = self.topic_of(words, &scores);
            if survey {
                out.push_str("  a survey of many topics\n");
            }
            let levels = self.level_points(words, topic);
            let [b, i, a] = levels.all;
            let [mb, mi, ma] = levels.material;
            out.push_str(&format!(
                "  topics: {}\n  levels of {}: beginner {b:.2}, intermediate {i:.2}, advanced {a:.2} (material {mb:.2}, {mi:.2}, {ma:.2})\n",
                ranked.join(", "),
                self.topics[topic].name,
            ));
            out
        })
    }

    /// Hands `then` the document's words: lowercased, cut, the body's prose
    /// apart from its code, the words that say nothing in code left out.
    fn read<T>(
        &self,
        kind: Kind,
        title: &str,
        path: &[String],
        body: &str,
        then: impl FnOnce(&Words) -> T,
    ) -> T {
        let title = title.to_lowercase();
        let path: Vec<String> = path.iter().rev().map(|p| p.to_lowercase()).collect();
        let (prose, code) = prose_and_code(body);
        let words = Words {
            question: kind == Kind::Question,
            title: words(&title).collect(),
            path: path.iter().map(|p| words(p).collect()).collect(),
            prose: words(&prose).take(BODY_TOKENS).collect(),
            code: words(&code)
                .filter(|w| !self.ignore_in_code.contains(*w))
                .take(BODY_TOKENS)
                .collect(),
        };
        then(&words)
    }

    /// The topic with the highest score; the default topic when no keyword
    /// was found, or when a document whose title names no topic touches on
    /// many with none leading (a table of contents, a reading list).
    fn topic_of(&self, words: &Words, scores: &[f32]) -> Filed {
        let best = argmax(scores)
            .filter(|&i| scores[i] > 0.0)
            .unwrap_or(self.default_topic);
        let title_names_one = !self
            .topic_keywords
            .distinct_matches(&words.title)
            .is_empty();
        let enough = scores.iter().sum::<f32>() >= SURVEY_MENTIONS * PROSE_WEIGHT;
        if !title_names_one && enough && is_survey(scores, best) {
            Filed {
                topic: self.default_topic,
                survey: true,
            }
        } else {
            Filed {
                topic: best,
                survey: false,
            }
        }
    }

    fn topic_scores(&self, words: &Words) -> Vec<f32> {
        let mut scores = vec![0f32; self.topics.len()];
        let in_title = self.topic_keywords.distinct_matches(&words.title);
        // a question is about what it asks: its headings only break ties
        let path_factor = if words.question { PATH_TIEBREAK } else { 1.0 };
        for (topic, w) in in_title {
            scores[topic] += TITLE_WEIGHT * w;
        }
        for (tokens, weight) in words.path.iter().zip(PATH_WEIGHTS) {
            for (topic, w) in self.topic_keywords.distinct_matches(tokens) {
                scores[topic] += path_factor * weight * w;
            }
        }
        for (tokens, weight) in [(&words.prose, PROSE_WEIGHT), (&words.code, CODE_WEIGHT)] {
            for (topic, w, count) in self.topic_keywords.counted_matches(tokens) {
                scores[topic] += weight * w * count.min(BODY_CAP) as f32;
            }
        }
        scores
    }

    /// Each level's points for a document of `topic`. A concept counts the
    /// same whatever its number of words: "abstract base class" is one
    /// piece of material, as "gil" is.
    fn level_points(&self, words: &Words, topic: usize) -> Levels {
        let mut levels = Levels::default();
        let applies = |scope: Scope| scope.is_none_or(|t| t == topic);
        let in_title: Vec<_> = self
            .concepts
            .distinct_matches(&words.title)
            .into_iter()
            .filter(|&((scope, _), _)| applies(scope))
            .collect();
        let nearest = words.path.first().map_or(&[][..], |p| p.as_slice());
        // a question's section only breaks ties
        let path_factor = if words.question { PATH_TIEBREAK } else { 1.0 };
        let in_path = if in_title.is_empty() {
            self.concepts.distinct_matches(nearest)
        } else {
            Vec::new()
        };
        for (found, weight) in [
            (in_title, CONCEPT_TITLE_WEIGHT),
            (in_path, path_factor * CONCEPT_PATH_WEIGHT),
        ] {
            for ((scope, level), _) in found {
                if applies(scope) {
                    levels.material(level, weight);
                }
            }
        }
        for (tokens, weight) in [
            (&words.prose, CONCEPT_PROSE_WEIGHT),
            (&words.code, CONCEPT_CODE_WEIGHT),
        ] {
            for ((scope, level), _, count) in self.concepts.counted_matches(tokens) {
                if applies(scope) {
                    levels.material(level, weight * count.min(CONCEPT_CAP) as f32);
                }
            }
        }
        for (tokens, weight) in [
            (&words.title[..], STATED_TITLE_WEIGHT),
            (nearest, path_factor * STATED_PATH_WEIGHT),
        ] {
            for (level, _) in self.stated.distinct_matches(tokens) {
                levels.all[level as usize] += weight;
            }
        }
        levels.all[self.topics[topic].difficulty as usize] += TOPIC_PRIOR;
        levels
    }

    /// The topic and difficulty of a chapter that has little or no text of
    /// its own, from its parts (the documents below it, and its own text if
    /// any). Topic: the one most of the material is about, the title's
    /// topic (if it names one) adding a share; the default topic when no
    /// topic leads (a survey of many). Level: the mean of the parts' levels,
    /// so that a few hard subsections do not make a chapter advanced; when
    /// the title names material ("Memory Optimization", "Compiled or
    /// Interpreted?") the level that material has counts as much as all the
    /// parts together: a chapter is what its title promises as much as what
    /// its parts hold. Each part weighs the square root of its size: longer
    /// parts count more, but one long listing does not drown the rest.
    pub fn classify_chapter(
        &self,
        title: &str,
        path: &[String],
        parts: &[Part],
    ) -> (&Topic, Difficulty) {
        let mut votes = vec![0f32; self.topics.len()];
        let (mut total, mut level_sum) = (0f32, 0f32);
        for part in parts {
            let weight = (part.size.max(1) as f32).sqrt();
            if let Some(i) = self.topics.iter().position(|t| t.name == part.topic) {
                votes[i] += weight;
            }
            total += weight;
            level_sum += weight * part.difficulty as usize as f32;
        }
        if total == 0.0 {
            return self.classify(Kind::Section, title, path, "");
        }
        self.read(Kind::Section, title, &[], "", |words| {
            let named = self.topic_scores(words);
            if let Some(t) = argmax(&named).filter(|&t| named[t] > 0.0) {
                votes[t] += CHAPTER_TITLE_SHARE * total;
            }
            let Some(topic) = argmax(&votes).filter(|&t| votes[t] > 0.0 && !is_survey(&votes, t))
            else {
                return (&self.topics[self.default_topic], SURVEY_LEVEL);
            };
            let applies = |scope: Scope| scope.is_none_or(|t| t == topic);
            let names_material = self
                .concepts
                .distinct_matches(&words.title)
                .iter()
                .any(|&((scope, _), _)| applies(scope));
            if names_material {
                let points = self.level_points(words, topic);
                let promised = decide_level(points, self.topics[topic].difficulty);
                level_sum += CHAPTER_TITLE_LEVEL_SHARE * total * promised as usize as f32;
                total += CHAPTER_TITLE_LEVEL_SHARE * total;
            }
            let level = Difficulty::ALL[((level_sum / total).round() as usize).min(2)];
            (&self.topics[topic], level)
        })
    }
}

/// The points of each level: all of them, and those the material earned.
#[derive(Debug, Clone, Copy, Default)]
struct Levels {
    all: [f32; 3],
    material: [f32; 3],
}

impl Levels {
    /// Points earned by material of `level`.
    fn material(&mut self, level: Difficulty, points: f32) {
        let points = if level == Difficulty::Advanced {
            ADVANCED_EMPHASIS * points
        } else {
            points
        };
        self.all[level as usize] += points;
        self.material[level as usize] += points;
    }
}

/// The level with the most points; on a tie the one with more material,
/// then the topic's usual level, then intermediate. Mixed material (an
/// extreme winning while the material of the other extreme is close behind)
/// is intermediate.
fn decide_level(levels: Levels, usual: Difficulty) -> Difficulty {
    let (all, material) = (levels.all, levels.material);
    let rank = |d: Difficulty| {
        let i = d as usize;
        (
            all[i],
            material[i],
            d == usual,
            d == Difficulty::Intermediate,
        )
    };
    let best = Difficulty::ALL
        .into_iter()
        .max_by(|&a, &b| {
            let (a, b) = (rank(a), rank(b));
            a.0.total_cmp(&b.0)
                .then(a.1.total_cmp(&b.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        })
        .unwrap_or(usual);
    let opposite = match best {
        Difficulty::Beginner => Difficulty::Advanced,
        Difficulty::Advanced => Difficulty::Beginner,
        Difficulty::Intermediate => return best,
    };
    if material[opposite as usize] > 0.0
        && material[opposite as usize] >= MIXED_SHARE * material[best as usize]
    {
        Difficulty::Intermediate
    } else {
        best
    }
}

/// A Markdown body's prose and the text of its fenced code blocks, each
/// lowercased. Type hints and examples in code use words (`List[str]`,
/// `dict`) that in prose would name a subject.
fn prose_and_code(body: &str) -> (String, String) {
    let body = body.to_lowercase();
    let mut prose = String::with_capacity(body.len());
    let mut code = String::new();
    // the fence that opened the current code block: its character and length
    let mut fence: Option<(char, usize)> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        let marker = trimmed
            .chars()
            .next()
            .filter(|&c| c == '`' || c == '~')
            .map(|c| (c, trimmed.chars().take_while(|&d| d == c).count()))
            .filter(|&(_, n)| n >= 3);
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                continue;
            }
            (Some((c, n)), Some((d, m)))
                if c == d && m >= n && trimmed[m * c.len_utf8()..].trim().is_empty() =>
            {
                fence = None;
                continue;
            }
            _ => {}
        }
        let out = if fence.is_some() {
            &mut code
        } else {
            &mut prose
        };
        out.push_str(line);
        out.push('\n');
    }
    (prose, code)
}

/// The topic a document is filed under, and whether it was filed there as a
/// survey of many topics.
struct Filed {
    topic: usize,
    survey: bool,
}

/// Whether scores spread over many topics with none leading (`best` has
/// less than [`SURVEY_SHARE`] of them, at least [`SURVEY_TOPICS`] score).
fn is_survey(scores: &[f32], best: usize) -> bool {
    let all: f32 = scores.iter().sum();
    let spread = scores.iter().filter(|&&v| v > 0.0).count();
    spread >= SURVEY_TOPICS && scores[best] < SURVEY_SHARE * all
}

fn times(count: usize) -> String {
    if count > 1 {
        format!("×{count}")
    } else {
        String::new()
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
    /// What a match is worth: the number of words as written, so that a
    /// phrase ("global interpreter lock") says more than a word, but a word
    /// that punctuation cuts in two ("I/O", "built-in") counts once.
    weight: f32,
    label: L,
}

/// Finds keywords (words and phrases) in token streams.
struct Matcher<L> {
    keywords: Vec<Keyword<L>>,
    by_first_word: HashMap<String, Vec<usize>>,
    /// Keywords whose only word is a prefix, by the prefix's first
    /// [`PREFIX_HEAD`] bytes: a token is checked against those its own first
    /// bytes name, not against every prefix.
    prefixes: HashMap<String, Vec<usize>>,
    /// Prefixes shorter than that: checked against every token.
    short_prefixes: Vec<usize>,
}

/// How many leading bytes of a prefix keyword index it.
const PREFIX_HEAD: usize = 3;

impl<L> Keyword<L> {
    fn text(&self) -> String {
        self.words.join(" ") + if self.prefix { "*" } else { "" }
    }
}

impl<L> Default for Matcher<L> {
    fn default() -> Self {
        Matcher {
            keywords: Vec::new(),
            by_first_word: HashMap::default(),
            prefixes: HashMap::default(),
            short_prefixes: Vec::new(),
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
            match words[0].get(..PREFIX_HEAD) {
                Some(head) => self.prefixes.entry(head.to_string()).or_default().push(i),
                None => self.short_prefixes.push(i),
            }
        } else {
            self.by_first_word
                .entry(words[0].clone())
                .or_default()
                .push(i);
        }
        self.keywords.push(Keyword {
            words,
            prefix,
            weight: keyword.split_whitespace().count() as f32,
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
            let by_head = token
                .get(..PREFIX_HEAD)
                .and_then(|head| self.prefixes.get(head))
                .map_or(&[][..], Vec::as_slice);
            let prefixed = by_head
                .iter()
                .chain(&self.short_prefixes)
                .copied()
                .filter(move |&k| token.starts_with(&self.keywords[k].words[0]));
            exact.chain(prefixed).map(move |k| (k, pos))
        })
    }

    /// The keywords found, at most one per label and position (the longest:
    /// `algorithms` is not counted again as `algorithm`), and none inside a
    /// longer keyword found before it (`list comprehension` is not also
    /// `list`, `multiple inheritance` not also `inheritance`).
    fn best_per_position(&self, tokens: &[&str]) -> Vec<usize> {
        let len = |k: usize| self.keywords[k].words.len();
        let mut found: Vec<(usize, usize)> = self.occurrences(tokens).collect();
        found.sort_by_key(|&(k, pos)| (pos, std::cmp::Reverse(len(k))));
        let mut kept: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        // the kept keyword that reaches furthest: (end, its length)
        let mut reach = (0, 0);
        for (k, pos) in found {
            let label = self.keywords[k].label;
            let end = pos + len(k);
            if end <= reach.0 && len(k) < reach.1 {
                continue;
            }
            let mut same_position = kept.iter().rev().take_while(|&&(_, p)| p == pos);
            if !same_position.any(|&(j, _)| self.keywords[j].label == label) {
                kept.push((k, pos));
                if end > reach.0 {
                    reach = (end, len(k));
                }
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

    /// The keywords found, each with its number of occurrences.
    fn found(&self, tokens: &[&str]) -> Vec<(usize, usize)> {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for k in self.best_per_position(tokens) {
            match counts.iter_mut().find(|(j, _)| *j == k) {
                Some((_, c)) => *c += 1,
                None => counts.push((k, 1)),
            }
        }
        counts
    }

    /// Labels of the distinct keywords found, each with its weight.
    fn distinct_matches(&self, tokens: &[&str]) -> Vec<(L, f32)> {
        let mut seen = self.best_per_position(tokens);
        seen.sort_unstable();
        seen.dedup();
        seen.into_iter()
            .map(|k| (self.keywords[k].label, self.keywords[k].weight))
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
            .map(|(k, c)| (self.keywords[k].label, self.keywords[k].weight, c))
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

    /// A small taxonomy, so that each rule is tested on its own and not
    /// through the bundled data's tuning.
    const TOPICS: &str = r#"
default = "basics"
ignore_in_code = ["list", "dict", "str", "int"]

[[topic]]
name = "files"
description = ""
difficulty = "beginner"
keywords = ["file", "i/o", "mmap", "memory-mapped"]
intermediate = ["pickle"]

[[topic]]
name = "concurrency"
description = ""
difficulty = "intermediate"
keywords = ["thread*", "lock", "gil", "global interpreter lock"]
advanced = ["free-threaded"]

[[topic]]
name = "data"
description = ""
difficulty = "beginner"
keywords = ["list", "dict", "tuple"]
intermediate = ["deque"]

[[topic]]
name = "functional"
description = ""
difficulty = "beginner"
keywords = ["list comprehension", "lambda"]

[[topic]]
name = "performance"
description = ""
difficulty = "intermediate"
keywords = ["performance", "optimization", "profiling"]

[[topic]]
name = "memory"
description = ""
difficulty = "intermediate"
keywords = ["memory", "garbage collection"]

[[topic]]
name = "decorators"
description = ""
difficulty = "intermediate"
keywords = ["decorator"]

[[topic]]
name = "basics"
description = ""
difficulty = "beginner"
keywords = ["variable", "loop", "built-in"]
"#;

    const LEVELS: &str = r#"
[concepts]
beginner = ["variable", "loop", "tuple", "list"]
intermediate = ["decorator", "thread*"]
advanced = ["metaclass", "mmap", "memory-mapped", "garbage collection", "reference counting"]

[stated]
beginner = ["basic", "basics"]
intermediate = []
advanced = ["advanced", "mastery"]
"#;

    fn taxonomy() -> Taxonomy {
        Taxonomy::from_toml(TOPICS, LEVELS).expect("the test taxonomy parses")
    }

    fn path(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    fn section(title: &str, p: &[&str], body: &str) -> (String, Difficulty) {
        let t = taxonomy();
        let (topic, level) = t.classify(Kind::Section, title, &path(p), body);
        (topic.name.clone(), level)
    }

    fn question(title: &str, p: &[&str], body: &str) -> (String, Difficulty) {
        let t = taxonomy();
        let (topic, level) = t.classify(Kind::Question, title, &path(p), body);
        (topic.name.clone(), level)
    }

    fn chapter(title: &str, parts: &[(&str, Difficulty, usize)]) -> (String, Difficulty) {
        let t = taxonomy();
        let parts: Vec<Part> = parts
            .iter()
            .map(|&(topic, difficulty, size)| Part {
                topic,
                difficulty,
                size,
            })
            .collect();
        let (topic, level) = t.classify_chapter(title, &[], &parts);
        (topic.name.clone(), level)
    }

    use Difficulty::{Advanced, Beginner, Intermediate};

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
    fn bundled_rules_file_everyday_questions_sensibly() {
        let t = Taxonomy::bundled().unwrap();
        let classify = |title: &str| {
            let (topic, level) = t.classify(Kind::Question, title, &[], "");
            (topic.name.as_str(), level)
        };
        assert_eq!(classify("What is the GIL?"), ("concurrency", Intermediate));
        assert_eq!(
            classify("What is a metaclass?"),
            ("metaprogramming", Advanced)
        );
        assert_eq!(
            classify("Difference between list and tuple"),
            ("data-structures", Beginner)
        );
        assert_eq!(
            classify("Custom context managers"),
            ("context-managers", Intermediate)
        );
        assert_eq!(classify("Pytest basics").0, "testing");
    }

    #[test]
    fn title_keywords_decide_the_topic() {
        assert_eq!(section("Thread pools", &[], "").0, "concurrency");
        assert_eq!(section("Lists and tuples", &["Threads"], "").0, "data");
        assert_eq!(section("Final thoughts", &[], "Good luck!").0, "basics");
    }

    #[test]
    fn plurals_and_prefixes_match() {
        assert_eq!(section("Decorators", &[], "").0, "decorators");
        assert_eq!(section("Threading", &[], "").0, "concurrency");
        assert_eq!(
            section("Multithreading", &[], "").0,
            "basics",
            "a prefix starts the word"
        );
    }

    #[test]
    fn the_nearest_heading_decides_when_the_title_names_no_topic() {
        assert_eq!(
            section("Example", &["Performance", "Threads"], "").0,
            "concurrency"
        );
        assert_eq!(
            section("Basic usage", &["Memory-mapped files"], "").0,
            "files"
        );
    }

    #[test]
    fn a_question_keeps_its_own_subject_whatever_section_it_sits_in() {
        let p = ["Performance optimization", "Performance and profiling"];
        assert_eq!(question("What is the GIL?", &p, "").0, "concurrency");
        // a section is a part of its chapter: "3. Use local variables"
        assert_eq!(section("What is the GIL?", &p, "").0, "performance");
    }

    #[test]
    fn a_question_that_names_nothing_takes_its_section_as_a_tiebreak() {
        let (topic, level) = question(
            "What's the difference between == and is?",
            &["Garbage collection"],
            "```python\na == b\na is b\n```",
        );
        assert_eq!(topic, "memory", "the section is the only clue to the topic");
        assert_eq!(
            level, Intermediate,
            "but its material does not make the question advanced"
        );
        let (_, level) = section("Overview", &["Garbage collection"], "");
        assert_eq!(
            level, Advanced,
            "a section with a generic title is its heading's material"
        );
    }

    #[test]
    fn a_keyword_that_punctuation_cuts_counts_once() {
        let t = taxonomy();
        let tokens = ["file", "i", "o", "global", "interpreter", "lock"];
        let mut found = t.topic_keywords.distinct_matches(&tokens);
        found.sort_by_key(|&(topic, _)| topic);
        // files: "file" 1 + "i/o" 1; concurrency: the three-word phrase 3
        let files = found
            .iter()
            .filter(|&&(t, _)| t == 0)
            .map(|&(_, w)| w)
            .sum::<f32>();
        let concurrency = found
            .iter()
            .filter(|&&(t, _)| t == 1)
            .map(|&(_, w)| w)
            .sum::<f32>();
        assert_eq!((files, concurrency), (2.0, 3.0));
    }

    #[test]
    fn the_longest_of_overlapping_keywords_wins() {
        assert_eq!(section("List comprehensions", &[], "").0, "functional");
        let t = taxonomy();
        // "memory-mapped" (files) is not also "memory" (memory)
        let found = t
            .topic_keywords
            .distinct_matches(&["memory", "mapped", "file"]);
        assert!(found.iter().all(|&(topic, _)| topic == 0), "{found:?}");
    }

    #[test]
    fn words_in_code_that_say_nothing_are_left_out() {
        let body = "Each thread takes a job.\n\n```python\ndef run(jobs: list[str], out: list[str]) -> dict[str, int]:\n    ...\n```\n";
        assert_eq!(
            section("Workers", &[], body),
            ("concurrency".into(), Intermediate)
        );
        // the same words in prose do count
        let prose = "Each thread takes a list, a list and a dict.";
        assert_eq!(section("Workers", &[], prose).0, "data");
    }

    #[test]
    fn prose_and_code_are_read_apart() {
        let (prose, code) =
            prose_and_code("Text\n```python\nCode = 1\n```\nMore\n  ~~~\n  x\n  ~~~\n");
        assert_eq!(prose, "text\nmore\n");
        assert_eq!(code, "code = 1\n  x\n");
    }

    #[test]
    fn level_words_in_enclosing_headings_do_not_decide() {
        let p = ["Python Mastery", "Advanced Topics", "Data"];
        assert_eq!(
            section("Tuples", &p, "A tuple is a fixed list."),
            ("data".into(), Beginner)
        );
    }

    #[test]
    fn a_level_word_in_the_title_only_breaks_ties() {
        let mmap = "mmap maps a file into memory.\n```python\nm = mmap.mmap(f.fileno(), 0)\n```";
        assert_eq!(
            section("Basic usage", &["Memory-mapped files"], mmap).1,
            Advanced
        );
        assert_eq!(
            section("Advanced loops", &[], "A loop over a tuple.").1,
            Beginner
        );
    }

    #[test]
    fn material_outweighs_the_topic_default() {
        assert_eq!(
            section("Starting a thread", &[], ""),
            ("concurrency".into(), Intermediate)
        );
        let body = "Free-threaded builds run threads without the GIL.";
        assert_eq!(section("Free-threaded builds", &[], body).1, Advanced);
        let body = "A loop over a tuple, a list and a variable.";
        assert_eq!(
            section("Performance", &[], body),
            ("performance".into(), Beginner)
        );
    }

    #[test]
    fn a_topic_level_word_counts_only_for_its_topic() {
        assert_eq!(section("Deques", &["Lists"], "A deque.").1, Intermediate);
        // "deque" is intermediate material for data, not for files
        assert_eq!(
            section("Files", &[], "Read a file into a deque, a deque.").1,
            Beginner
        );
    }

    #[test]
    fn mixed_material_is_intermediate() {
        let body = "A loop, a tuple and a variable; a metaclass and reference counting.";
        assert_eq!(section("Notes", &[], body).1, Intermediate);
    }

    #[test]
    fn a_survey_of_many_topics_goes_to_the_default_topic() {
        let toc = "Files, file i/o, threads, a lock, lists, tuples, list comprehensions, \
                   lambda, performance, profiling, memory, garbage collection, decorators.";
        assert_eq!(
            section("Contents", &[], toc),
            ("basics".into(), Intermediate)
        );
        // a short text that touches on a few things is not a survey
        assert_eq!(
            section("Notes", &[], "A thread, a file, a tuple.").0,
            "files"
        );
    }

    #[test]
    fn a_chapter_is_about_what_most_of_its_parts_are_about() {
        let parts = [
            ("concurrency", Intermediate, 900),
            ("concurrency", Advanced, 400),
            ("data", Beginner, 300),
        ];
        assert_eq!(
            chapter("Part two", &parts),
            ("concurrency".into(), Intermediate)
        );
        // a few advanced parts do not make the chapter advanced
        let parts = [
            ("concurrency", Intermediate, 900),
            ("concurrency", Intermediate, 900),
            ("concurrency", Advanced, 900),
        ];
        assert_eq!(chapter("Part two", &parts).1, Intermediate);
    }

    #[test]
    fn a_chapter_title_that_names_material_counts_as_much_as_its_parts() {
        let parts = [("memory", Intermediate, 500), ("memory", Intermediate, 500)];
        assert_eq!(
            chapter("Garbage collection", &parts),
            ("memory".into(), Advanced)
        );
        assert_eq!(chapter("Memory", &parts), ("memory".into(), Intermediate));
    }

    #[test]
    fn a_chapter_of_many_topics_is_a_survey() {
        let parts: Vec<(&str, Difficulty, usize)> = [
            "files",
            "concurrency",
            "data",
            "functional",
            "performance",
            "memory",
            "decorators",
        ]
        .into_iter()
        .map(|t| (t, Beginner, 400))
        .collect();
        assert_eq!(chapter("Guide", &parts), ("basics".into(), Intermediate));
        assert_eq!(
            chapter("Guide", &parts[..3]).0,
            "files",
            "a few topics: the first largest"
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
