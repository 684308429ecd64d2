//! Cards: the interview questions of the guides, one card per question
//! however many guides ask it. Pure: documents in, cards out.
//!
//! Two questions are the same card when their content words (what they
//! are about, question wording left out, acronyms and their expansions
//! counted as one word) mostly agree, or when one asks about a subject and
//! the other about the same subject and more ("What is the GIL?", "What is
//! the GIL and how does it affect performance?"); a comparison ("list vs
//! tuple") is never folded into a question about one side.
//!
//! A card is known again in a later quiz by its *aliases*: the content
//! words of each of its questions and a hash of each answer. A heading
//! reworded, or an answer rewritten, leaves the other alias in place.

use std::collections::{BTreeSet, HashMap};

use crate::document::{Document, Kind};
use crate::fingerprint::Fingerprint;
use crate::terms::{code_tokens, words};
use crate::wording::{is_aspect_word, is_question_word};

/// Two questions whose content words overlap this much (shared over all,
/// Jaccard) ask the same: two words in three, so that "create custom
/// exceptions" and "create a custom iterator" (two of four) stay apart, and
/// "implement a queue or stack" and "implement a queue using two stacks"
/// (three of five) too.
const SAME_QUESTION: f64 = 2.0 / 3.0;
/// An answer is recognised by the hash of its first words; enough of them
/// to tell answers apart, few enough that an addition at the end of a long
/// answer leaves it the same.
const ANSWER_WORDS: usize = 60;

/// Words that make a question a comparison of two things.
const COMPARING: &[&str] = &[
    "between",
    "difference",
    "differences",
    "different",
    "differ",
    "vs",
    "versus",
    "compare",
    "compared",
    "comparison",
];

/// One card: the questions that ask it, the best answer first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// Indices into the documents given to [`cards`]; the first is the one
    /// whose answer is shown, the others are listed as also answering it.
    pub members: Vec<usize>,
    /// How the card is known again (see the module comment); the first
    /// names it when it is new.
    pub aliases: Vec<String>,
}

/// The cards of `docs`: every question with an answer, grouped, in the
/// order of their first question in the guides.
pub fn cards(docs: &[Document]) -> Vec<Card> {
    let questions: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].kind == Kind::Question && !docs[i].body.trim().is_empty())
        .collect();
    let acronyms = Acronyms::learn(questions.iter().map(|&i| docs[i].title.as_str()));
    // a question titled only "When to Use Each" is read with its parent
    let titles: Vec<String> = questions
        .iter()
        .map(|&i| crate::render::standalone_title(&docs[i]))
        .collect();
    let content: Vec<BTreeSet<String>> = titles.iter().map(|t| acronyms.content_words(t)).collect();
    let comparing: Vec<bool> = titles.iter().map(|t| is_comparison(t)).collect();

    // compare only questions that share a word
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (q, words) in content.iter().enumerate() {
        for w in words {
            by_word.entry(w.as_str()).or_default().push(q);
        }
    }
    let mut groups = UnionFind::new(questions.len());
    for sharing in by_word.values() {
        for (k, &a) in sharing.iter().enumerate() {
            for &b in &sharing[k + 1..] {
                if groups.find(a) != groups.find(b)
                    && same_question(&content[a], &content[b], comparing[a] || comparing[b])
                {
                    groups.union(a, b);
                }
            }
        }
    }

    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for q in 0..questions.len() {
        let root = groups.find(q);
        let s = *slot.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[s].push(q);
    }
    members
        .into_iter()
        .map(|group| {
            let mut docs_of: Vec<usize> = group.iter().map(|&q| questions[q]).collect();
            // the most explanatory answer first: the most prose
            docs_of.sort_by_key(|&i| std::cmp::Reverse(prose_len(&docs[i].body)));
            let mut aliases: Vec<String> = Vec::new();
            for &i in &docs_of {
                let q = questions.iter().position(|&d| d == i).unwrap_or(0);
                for alias in [title_alias(&content[q]), answer_alias(&docs[i].body)] {
                    if !aliases.contains(&alias) {
                        aliases.push(alias);
                    }
                }
            }
            Card {
                members: docs_of,
                aliases,
            }
        })
        .collect()
}

fn same_question(a: &BTreeSet<String>, b: &BTreeSet<String>, comparison: bool) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    let overlap = shared as f64 / union as f64;
    if comparison {
        // the same things compared, whatever aspect is asked ("list vs
        // tuple: when to use which?"); never a question about one side
        let subjects = |s: &BTreeSet<String>| -> BTreeSet<String> {
            s.iter().filter(|w| !is_aspect_word(w)).cloned().collect()
        };
        return subjects(a) == subjects(b);
    }
    // one asks about the other's subject and an aspect of it
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    overlap >= SAME_QUESTION
        || (shared == small.len() && large.difference(small).all(|w| is_aspect_word(w)))
}

fn is_comparison(title: &str) -> bool {
    let lower = title.to_lowercase();
    words(&lower).any(|w| COMPARING.contains(&w))
}

/// The alias of a question's content words: `t:gil lock`.
fn title_alias(content: &BTreeSet<String>) -> String {
    let words: Vec<&str> = content.iter().map(String::as_str).collect();
    format!("t:{}", words.join(" "))
}

/// The alias of an answer: a hash of its first words.
fn answer_alias(body: &str) -> String {
    let lower = body.to_lowercase();
    let mut fp = Fingerprint::new();
    for w in words(&lower).take(ANSWER_WORDS) {
        fp.field(w.as_bytes());
    }
    format!("a:{}", fp.hex())
}

/// How much prose (not code) an answer has, in bytes.
fn prose_len(body: &str) -> usize {
    let mut in_code = false;
    let mut len = 0;
    for line in body.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
        } else if !in_code {
            len += t.len();
        }
    }
    len
}

/// Acronyms the questions themselves spell out: "GIL (Global Interpreter
/// Lock)", "Method Resolution Order (MRO)". Their expansion counts as the
/// acronym.
struct Acronyms(HashMap<Vec<String>, String>);

impl Acronyms {
    fn learn<'a>(titles: impl Iterator<Item = &'a str>) -> Acronyms {
        let mut found = HashMap::new();
        for title in titles {
            let lower = title.to_lowercase();
            let mut rest = lower.as_str();
            while let Some(open) = rest.find('(') {
                let Some(close) = rest[open..].find(')').map(|c| open + c) else {
                    break;
                };
                let before: Vec<&str> = words(&rest[..open]).collect();
                let inside: Vec<&str> = words(&rest[open + 1..close]).collect();
                match inside.as_slice() {
                    // "Global Interpreter Lock (GIL)"
                    [acronym] => {
                        let n = acronym.chars().count();
                        if n >= 2 && before.len() >= n {
                            let long = &before[before.len() - n..];
                            if initials(long) == *acronym {
                                found.insert(owned(long), acronym.to_string());
                            }
                        }
                    }
                    // "GIL (Global Interpreter Lock)"
                    long if long.len() >= 2 => {
                        if let Some(acronym) = before.last()
                            && initials(long) == *acronym
                        {
                            found.insert(owned(long), acronym.to_string());
                        }
                    }
                    _ => {}
                }
                rest = &rest[close..];
            }
        }
        Acronyms(found)
    }

    /// The words of a question that say what it is about: lowercase,
    /// singular, question wording and comparing words left out ("list vs
    /// tuple" and "difference between a list and a tuple" are about the
    /// same), expansions of acronyms read as the acronym.
    fn content_words(&self, title: &str) -> BTreeSet<String> {
        // code names whole (`__init__.py` is not `__init__`), operators too
        let code = code_tokens(title);
        let mut lower = title.to_lowercase();
        for token in &code {
            lower = lower.replace(token.as_str(), " ");
        }
        let mut tokens: Vec<String> = words(&lower).map(str::to_string).collect();
        for (long, short) in &self.0 {
            let n = long.len();
            let mut i = 0;
            while i + n <= tokens.len() {
                if tokens[i..i + n] == long[..] {
                    tokens.splice(i..i + n, [short.clone()]);
                }
                i += 1;
            }
        }
        tokens
            .into_iter()
            .filter(|w| !is_question_word(w) && !COMPARING.contains(&w.as_str()))
            .map(|w| singular(&w))
            .chain(code)
            .collect()
    }
}

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn initials(words: &[&str]) -> String {
    words.iter().filter_map(|w| w.chars().next()).collect()
}

/// A plural's singular, for the plurals that matter here: `decorators`,
/// `classes`, `dictionaries`.
fn singular(word: &str) -> String {
    if word.len() > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if word.len() > 4 && (word.ends_with("sses") || word.ends_with("xes")) {
        return word[..word.len() - 2].to_string();
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        // the earlier question stays the root, so groups keep guide order
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        self.0[high] = low;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Difficulty;

    fn question(title: &str, body: &str) -> Document {
        Document {
            id: format!("g/{}", crate::text::slug(title)),
            guide: "g.md".into(),
            title: title.into(),
            path: vec![],
            kind: Kind::Question,
            level: 3,
            line: 1,
            body: body.into(),
            body_is_subsections: false,
            topic: "concurrency".into(),
            difficulty: Difficulty::Intermediate,
        }
    }

    fn grouped(titles: &[&str]) -> Vec<Vec<usize>> {
        let docs: Vec<Document> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| question(t, &"answer ".repeat(i + 1)))
            .collect();
        let mut groups: Vec<Vec<usize>> = cards(&docs)
            .into_iter()
            .map(|c| {
                let mut m = c.members;
                m.sort();
                m
            })
            .collect();
        groups.sort();
        groups
    }

    #[test]
    fn the_same_question_in_other_words_is_one_card() {
        let groups = grouped(&[
            "What is the GIL (Global Interpreter Lock)?",
            "Explain Python's GIL (Global Interpreter Lock)",
            "Explain the Global Interpreter Lock (GIL).",
            "What is GIL? How Does it Affect Performance?",
            "What is the GIL and why does it exist?",
            "What is a decorator?",
            "Explain decorators in Python",
        ]);
        assert_eq!(groups, [vec![0, 1, 2, 3, 4], vec![5, 6]]);
    }

    #[test]
    fn a_question_about_more_is_another_question() {
        let groups = grouped(&[
            "What is a decorator?",
            "How do you create a decorator that accepts parameters?",
            "Why use decorators?",
            "How do you create custom exceptions?",
            "How do you create a custom iterator?",
        ]);
        assert_eq!(groups, [vec![0, 2], vec![1], vec![3], vec![4]]);
    }

    #[test]
    fn a_comparison_is_not_a_question_about_one_side() {
        let groups = grouped(&[
            "What is a list?",
            "What is the difference between a list and a tuple?",
            "List vs tuple: when to use which?",
            "What is a tuple?",
            "What are the differences between Flask and Django?",
            "How do you define routes in Flask or Django?",
        ]);
        assert_eq!(groups, [vec![0], vec![1, 2], vec![3], vec![4], vec![5]]);
    }

    #[test]
    fn sections_and_empty_answers_are_not_cards() {
        let mut section = question("What is the GIL?", "text");
        section.kind = Kind::Section;
        let empty = question("What is a closure?", "  ");
        assert!(cards(&[section, empty]).is_empty());
    }

    #[test]
    fn the_answer_with_most_prose_is_shown_and_every_question_is_an_alias() {
        let docs = [
            question("What is the GIL?", "```python\ncode only\n```"),
            question(
                "Explain the GIL",
                "The GIL is a lock that lets one thread run.",
            ),
        ];
        let card = &cards(&docs)[0];
        assert_eq!(card.members, [1, 0]);
        assert!(
            card.aliases.contains(&"t:gil".to_string()),
            "{:?}",
            card.aliases
        );
        assert_eq!(
            card.aliases.iter().filter(|a| a.starts_with("a:")).count(),
            2
        );
    }

    #[test]
    fn a_reworded_heading_keeps_the_answer_alias() {
        let shared =
            |a: &Card, b: &Card| a.aliases.iter().filter(|x| b.aliases.contains(x)).count();
        let before = cards(&[question("What is a metaclass?", "A class of a class.")]);
        let same = cards(&[question("Explain metaclasses", "A class of a class.")]);
        assert_eq!(
            shared(&before[0], &same[0]),
            2,
            "the same words, the same answer"
        );
        let reworded = cards(&[question("Metaclasses in depth", "A class of a class.")]);
        assert_eq!(shared(&before[0], &reworded[0]), 1, "the same answer");
        let rewritten = cards(&[question("What is a metaclass?", "Entirely new text.")]);
        assert!(rewritten[0].aliases.contains(&before[0].aliases[0]));
    }
}
