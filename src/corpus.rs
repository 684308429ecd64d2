//! Turns a guide's text into the documents pyq indexes: its sections, the
//! questions written in them, each with a topic and a difficulty.
//! Pure: text in, documents out.

use crate::classify::Taxonomy;
use crate::document::{Document, Kind};
use crate::guides::Guide;
use crate::questions::{self, heading_question, strip_answer_label};
use crate::split::split;
use crate::text::{LineIndex, SlugSet};

/// The stem of a guide's file name: `python-interview-guide.md` → `python-interview-guide`.
pub fn guide_stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

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

/// Every document of one guide, in the order they appear in it.
pub fn documents(guide: &str, text: &str, taxonomy: &Taxonomy) -> Vec<Document> {
    let stem = guide_stem(guide);
    let lines = LineIndex::new(text);
    let mut slugs = SlugSet::default();
    let mut docs = Vec::new();
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
        let (topic, difficulty) = taxonomy.classify(&title, &section.path, own);
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
            let (topic, difficulty) = taxonomy.classify(&q.title, &path, &q.answer);
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
    docs
}

/// The documents of every guide, in guide order. Large sets of guides are
/// split across threads.
pub fn all_documents(guides: &[Guide], taxonomy: &Taxonomy) -> Vec<Document> {
    let bytes: usize = guides.iter().map(|g| g.text.len()).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = (bytes / (2 * 1024 * 1024) + 1)
        .min(cores)
        .min(guides.len())
        .max(1);
    if threads == 1 {
        return guides
            .iter()
            .flat_map(|g| documents(&g.name, &g.text, taxonomy))
            .collect();
    }
    let chunk = guides.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = guides
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .flat_map(|g| documents(&g.name, &g.text, taxonomy))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::document::Kind;

    fn docs(md: &str) -> Vec<Document> {
        documents("my-guide.md", md, &Taxonomy::bundled().unwrap())
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
