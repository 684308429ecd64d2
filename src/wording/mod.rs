//! Words that say what kind of text a heading or a question is rather than
//! what it is about. Here, the words of headings and of the questions the
//! guides ask, from `index/titles.toml` (compiled by build.rs into sorted
//! lists); in [`question`], how a question is put, read the same way in a
//! query and in a title. Pure: used by the index (what a title is about,
//! worked out once) and by the search (what a query asks).

pub mod question;

mod compiled {
    include!(concat!(env!("OUT_DIR"), "/titles.rs"));
}

/// Whether `word` (lowercase) only says what kind of section a heading is
/// ("overview", "examples", "when to use each").
pub fn is_generic_heading_word(word: &str) -> bool {
    compiled::GENERIC_TITLE_WORDS.binary_search(&word).is_ok()
}

/// Whether `word` (lowercase) asks rather than says what a question is
/// about ("what", "explain", "does").
pub fn is_question_word(word: &str) -> bool {
    compiled::QUESTION_WORDS.binary_search(&word).is_ok()
}

/// Whether `word` (lowercase, singular) asks about an aspect of a subject
/// ("affect", "performance", "use") rather than another subject.
pub fn is_aspect_word(word: &str) -> bool {
    compiled::ASPECT_WORDS.binary_search(&word).is_ok()
}
