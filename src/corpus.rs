//! Turns a guide's text into the documents pyq indexes: its sections, the
//! questions written in them, each with a topic and a difficulty.
//! Pure: text in, documents out.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::classify::{Part, Taxonomy};
use crate::document::{Document, Kind};
use crate::guides::Guide;
use crate::mojibake;
use crate::questions::{self, heading_question, strip_answer_label};
use crate::split::split;
use crate::text::{LineIndex, SlugSet};

/// A heading without its chapter number: `28. Design Patterns` → `Design
/// Patterns`, so that ids survive a renumbering of the guide.
fn strip_numbering(title: &str) -> &str {
    let after_digits = title.trim_start_matches(|c: char| c.is_ascii_digit());
    if after_digits.len() == title.len() {
        return title;
    }
    match after_digits
        .strip_prefix(". ")
        .or_else(|| after_digits.strip_prefix(") "))
    {
        Some(rest) if !rest.trim().is_empty() => rest.trim_start(),
        _ => title,
    }
}

/// Every document of one guide, in the order they appear in it; their ids
/// start with the guide's key.
pub fn documents(guide: &Guide, taxonomy: &Taxonomy) -> Vec<Document> {
    let text = &*mojibake::repair(&guide.text);
    let stem = guide.key.as_str();
    let guide = guide.name.as_str();
    let lines = LineIndex::new(text);
    let mut slugs = SlugSet::default();
    let mut docs = Vec::new();
    // indices in `docs` of the documents made from headings
    let mut headings = Vec::new();
    for section in split(text, stem) {
        let question = if section.level > 0 {
            heading_question(&section.title)
        } else {
            None
        };
        let (kind, title) = match question {
            Some(q) => (Kind::Question, q),
            None => (Kind::Section, section.title.clone()),
        };
        let own = match kind {
            Kind::Question => strip_answer_label(section.body),
            Kind::Section => section.body,
        };
        let body_is_subsections = own.trim().is_empty() && !section.subtree.trim().is_empty();
        let body = if body_is_subsections {
            section.subtree
        } else {
            own
        };
        let (topic, difficulty) = taxonomy.classify(kind, &title, &section.path, own);
        headings.push(docs.len());
        docs.push(Document {
            id: format!("{stem}/{}", slugs.unique(strip_numbering(&title))),
            guide: guide.to_string(),
            title: title.clone(),
            path: section.path.clone(),
            kind,
            level: section.level,
            line: section.line,
            body: body.to_string(),
            body_is_subsections,
            topic: topic.name.clone(),
            difficulty,
        });

        let mut path = section.path.clone();
        if section.level > 0 {
            path.push(section.title.clone());
        }
        for q in questions::extract(section.body) {
            let (topic, difficulty) = taxonomy.classify(Kind::Question, &q.title, &path, &q.answer);
            docs.push(Document {
                id: format!("{stem}/{}", slugs.unique(&q.title)),
                guide: guide.to_string(),
                title: q.title,
                path: path.clone(),
                kind: Kind::Question,
                level: section.level + 1,
                line: lines.line_of(section.body_offset + q.offset),
                body: q.answer,
                body_is_subsections: false,
                topic: topic.name.clone(),
                difficulty,
            });
        }
    }
    classify_chapters(&mut docs, &headings, taxonomy);
    outline_long_chapters(&mut docs, &headings);
    docs
}

/// A heading with no more text of its own than this, besides its questions
/// (a line or two that introduces its subsections or its questions), is a
/// chapter: it is about what its subsections and questions are about.
const CHAPTER_INTRO: usize = 300;
/// So is a heading whose own text is less than a tenth of the text below it
/// (a guide's introduction under its title).
const INTRO_SHARE: usize = 10;

/// Classifies again, innermost first, the headings that have little text of
/// their own besides their questions and have subsections or questions
/// below them. Their parts are the sections and questions below and their
/// own text if any; a section's questions are parts of their own, so the
/// section's part is the rest of its text.
fn classify_chapters(docs: &mut [Document], headings: &[usize], taxonomy: &Taxonomy) {
    let own_size = |d: &Document| {
        if d.body_is_subsections {
            0
        } else {
            d.body.len()
        }
    };
    // each document's text that no other document holds
    let mut material: Vec<usize> = docs.iter().map(own_size).collect();
    for (k, &i) in headings.iter().enumerate() {
        let next = headings.get(k + 1).copied().unwrap_or(docs.len());
        let questions: usize = material[i + 1..next].iter().sum();
        material[i] = material[i].saturating_sub(questions);
    }
    for (k, &i) in headings.iter().enumerate().rev() {
        let level = docs[i].level;
        let end = headings[k + 1..]
            .iter()
            .copied()
            .find(|&j| docs[j].level <= level)
            .unwrap_or(docs.len());
        let below: usize = material[i + 1..end].iter().sum();
        if end == i + 1 || material[i] > CHAPTER_INTRO.max(below / INTRO_SHARE) {
            continue;
        }
        let parts: Vec<Part> = (i..end)
            .filter(|&j| material[j] > 0)
            .map(|j| Part {
                topic: &docs[j].topic,
                difficulty: docs[j].difficulty,
                size: material[j],
            })
            .collect();
        let (topic, difficulty) = taxonomy.classify_chapter(&docs[i].title, &docs[i].path, &parts);
        let topic = topic.name.clone();
        docs[i].topic = topic;
        docs[i].difficulty = difficulty;
    }
}

/// A chapter without text of its own is shown with its subsections; past
/// this size (a whole guide under its title, say) it is shown as an outline
/// of its sections instead.
pub const MAX_CHAPTER_BODY: usize = 16 * 1024;

/// Replaces the bodies of chapters longer than [`MAX_CHAPTER_BODY`] by an
/// outline: their direct subsections with the command that shows each.
fn outline_long_chapters(docs: &mut [Document], headings: &[usize]) {
    for (k, &i) in headings.iter().enumerate() {
        if !docs[i].body_is_subsections || docs[i].body.len() <= MAX_CHAPTER_BODY {
            continue;
        }
        let level = docs[i].level;
        let below: Vec<usize> = headings[k + 1..]
            .iter()
            .copied()
            .take_while(|&j| docs[j].level > level)
            .collect();
        let Some(child_level) = below.iter().map(|&j| docs[j].level).min() else {
            continue;
        };
        let mut outline = String::from("Sections:\n\n");
        for &j in below.iter().filter(|&&j| docs[j].level == child_level) {
            outline.push_str(&format!(
                "- **{}** — `pyq --show {}`\n",
                docs[j].title, docs[j].id
            ));
        }
        docs[i].body = outline;
    }
}

/// The documents of every guide, in guide order.
pub fn all_documents(guides: &[Guide], taxonomy: &Taxonomy) -> Vec<Document> {
    let mut per_guide: Vec<Vec<Document>> = vec![Vec::new(); guides.len()];
    each_guide(guides, taxonomy, |i, docs| per_guide[i] = docs);
    per_guide.into_iter().flatten().collect()
}

/// Hands the documents of each guide to `take` (with the guide's index),
/// on the calling thread, as soon as they are ready; large sets of guides
/// are cut on several threads meanwhile. Guides may arrive out of order.
pub fn each_guide(
    guides: &[Guide],
    taxonomy: &Taxonomy,
    mut take: impl FnMut(usize, Vec<Document>),
) {
    let bytes: usize = guides.iter().map(|g| g.text.len()).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = (bytes / (2 * 1024 * 1024) + 1).min(cores).min(guides.len());
    if threads <= 1 {
        for (i, g) in guides.iter().enumerate() {
            take(i, documents(g, taxonomy));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel(threads * 2);
        for _ in 0..threads {
            let (sender, next) = (sender.clone(), &next);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(g) = guides.get(i) else { break };
                    if sender.send((i, documents(g, taxonomy))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (i, docs) in receiver {
            take(i, docs);
        }
    });
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::document::Kind;

    fn docs(md: &str) -> Vec<Document> {
        let guide = Guide {
            name: "my-guide.md".into(),
            key: "my-guide".into(),
            text: md.into(),
        };
        documents(&guide, &Taxonomy::bundled().unwrap())
    }

    #[test]
    fn ids_are_guide_stem_and_slug_unique_within_the_guide() {
        let d = docs("# Guide\n## 1. Example\na\n## 2. Example\nb\n");
        let ids: Vec<&str> = d.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            ["my-guide/guide", "my-guide/example", "my-guide/example-2"]
        );
    }

    #[test]
    fn question_headings_become_questions_without_their_answer_label() {
        let d = docs(
            "### Common Interview Questions\n#### 1. \"What's the difference between is and ==?\"\n\n**Answer:**\n- `==` compares values\n",
        );
        let q = &d[1];
        assert_eq!(
            (q.kind, q.title.as_str()),
            (Kind::Question, "What's the difference between is and ==?")
        );
        assert_eq!(q.body, "- `==` compares values");
        assert_eq!(q.path, ["Common Interview Questions"]);
    }

    #[test]
    fn questions_inside_a_section_sit_below_it() {
        let md = "# Guide\n## Async\nIntro.\n\n- **Q:** What is the event loop?\n  - **A:** It runs coroutines.\n";
        let d = docs(md);
        let q = d.iter().find(|d| d.kind == Kind::Question).unwrap();
        assert_eq!(q.path, ["Guide", "Async"]);
        assert_eq!((q.level, q.line), (3, 5));
        assert_eq!(q.topic, "async");
        assert!(
            d[1].body.contains("What is the event loop?"),
            "the section keeps its text"
        );
    }

    #[test]
    fn a_chapter_without_text_carries_its_subsections() {
        let d = docs("## Chapter\n### One\nfirst\n");
        assert!(d[0].body_is_subsections);
        assert_eq!(d[0].body, "### One\nfirst");
        assert_eq!(d[0].searchable_body(), "");
        assert!(!d[1].body_is_subsections);
    }

    #[test]
    fn a_chapter_is_classified_from_its_subsections() {
        let d = docs(
            "## Part two\n### One\nA lock guards shared state; take the lock.\n### Two\nA thread pool runs threads.\n",
        );
        assert_eq!(
            d[0].topic, "concurrency",
            "no text of its own: its subsections"
        );
    }

    #[test]
    fn a_long_chapter_is_outlined() {
        let long = "word ".repeat(MAX_CHAPTER_BODY / 4);
        let md = format!("# Guide\n## One\n{long}\n### Deep\nx\n## Two\ny\n");
        let d = docs(&md);
        assert_eq!(
            d[0].body,
            "Sections:\n\n- **One** — `pyq --show my-guide/one`\n- **Two** — `pyq --show my-guide/two`\n"
        );
        assert!(d[0].body_is_subsections);
        assert!(d[1].body.starts_with("word"), "sections with text keep it");
    }

    #[test]
    fn bundled_guides_give_unique_ids_and_many_topics() {
        let (guides, _) = crate::guides::GuideSources::default().load();
        let docs = all_documents(&guides, &Taxonomy::bundled().unwrap());
        let ids: HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), docs.len());
        let topics: HashSet<&str> = docs.iter().map(|d| d.topic.as_str()).collect();
        assert!(topics.len() >= 15, "{} topics used", topics.len());
        for level in crate::document::Difficulty::ALL {
            assert!(
                docs.iter().filter(|d| d.difficulty == level).count() > 50,
                "{level} is used"
            );
        }
    }

    #[test]
    fn numbering_is_left_out_of_ids() {
        assert_eq!(strip_numbering("28. Design Patterns"), "Design Patterns");
        assert_eq!(strip_numbering("3) Sets"), "Sets");
        assert_eq!(strip_numbering("3.10 features"), "3.10 features");
        assert_eq!(strip_numbering("2024"), "2024");
    }
}
