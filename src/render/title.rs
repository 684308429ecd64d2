//! Titles that stand on their own. A heading such as "When to Use Each" or
//! "Threading:" means something only under its parent heading; wherever a
//! title is shown without its page, it is given its parent (see
//! `index/titles.toml`).

use crate::document::Document;
use crate::terms::words;
use crate::wording::is_generic_heading_word;

/// Ancestors given to a title at most: "Copying › Deep vs Shallow › When
/// to Use Each" is as far as context helps.
const MAX_ANCESTORS: usize = 2;

/// Whether `title` says nothing of its subject by itself: it ends with ":"
/// (it introduces what follows), or all its words are generic ones.
pub fn is_generic(title: &str) -> bool {
    let title = title.trim();
    if title.ends_with(':') {
        return true;
    }
    let lower = title.to_lowercase();
    let mut any = false;
    for word in words(&lower).filter(|w| !w.chars().all(|c| c.is_ascii_digit())) {
        any = true;
        if !is_generic_heading_word(word) {
            return false;
        }
    }
    any
}

/// The title of `doc` as shown without its page: with its nearest
/// ancestor headings when it does not stand alone, the trailing colon
/// dropped. Not yet made terminal-safe.
pub fn standalone(doc: &Document) -> String {
    let own = doc.title.trim().trim_end_matches(':').trim_end();
    if !is_generic(&doc.title) {
        return own.to_string();
    }
    let mut parts: Vec<&str> = Vec::new();
    for ancestor in doc.path.iter().rev().take(MAX_ANCESTORS) {
        parts.push(ancestor.trim().trim_end_matches(':').trim_end());
        if !is_generic(ancestor) {
            break;
        }
    }
    parts.reverse();
    parts.push(own);
    parts.join(" › ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Difficulty, Kind};

    fn doc(title: &str, path: &[&str]) -> Document {
        Document {
            id: "g/x".into(),
            guide: "g.md".into(),
            title: title.into(),
            path: path.iter().map(|p| p.to_string()).collect(),
            kind: Kind::Section,
            level: 3,
            line: 1,
            body: String::new(),
            body_is_subsections: false,
            topic: "basics".into(),
            difficulty: Difficulty::Beginner,
        }
    }

    #[test]
    fn generic_titles_get_their_parent() {
        assert_eq!(
            standalone(&doc("When to Use Each", &["Guide", "Deep vs Shallow Copy"])),
            "Deep vs Shallow Copy › When to Use Each"
        );
        assert_eq!(
            standalone(&doc(
                "Threading:",
                &["Guide", "Compare threading and asyncio"]
            )),
            "Compare threading and asyncio › Threading"
        );
        assert_eq!(
            standalone(&doc("Overview", &["Guide", "Descriptors", "Key Concepts"])),
            "Descriptors › Key Concepts › Overview"
        );
    }

    #[test]
    fn titles_that_say_their_subject_stand_alone() {
        for title in [
            "Descriptors",
            "What is the GIL?",
            "2. Data Structures",
            "List vs Tuple",
        ] {
            assert_eq!(standalone(&doc(title, &["Guide", "Parent"])), title);
        }
        assert_eq!(
            standalone(&doc("Overview", &[])),
            "Overview",
            "no parent to give"
        );
    }
}
