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
    let rest = title.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if rest.len() < title.len()
        && rest.starts_with([' ', ')'])
        && !rest.trim_start_matches([')', ' ']).is_empty()
    {
        rest.trim_start_matches([')', ' '])
    } else {
        title
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
