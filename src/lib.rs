//! pyq: instant, offline answers to Python interview questions.
//!
//! Data flows one way: guides → [`split`] (sections) → [`questions`] →
//! [`classify`] (topic, difficulty) → [`index`] (tantivy) → [`search`] (hits)
//! → [`render`] (terminal, plain text, JSON). The `pyq` binary
//! (`src/bin/pyq`) wires the stages to the command line and owns the
//! interactive parts: the picker, the quiz, the pager.

pub mod classify;
pub mod corpus;
pub mod document;
pub mod error;
pub mod fault;
pub mod files;
pub mod fingerprint;
pub mod fuzzy;
pub mod guides;
pub mod index;
pub mod mojibake;
pub mod questions;
pub mod render;
pub mod safe;
pub mod search;
pub mod split;
pub mod study;
pub mod terms;
pub mod text;
pub mod wording;

/// Query analysis, reached as `pyq::query` by the picker and the command
/// line.
pub use search::query;
