//! pyq: instant, offline answers to Python interview questions.
//!
//! Data flows one way: guides → [`split`] (sections) → [`questions`] →
//! [`classify`] (topic, difficulty) → [`index`] (tantivy) → [`search`] (hits)
//! → [`render`] (terminal, plain text, JSON). [`app`] wires the stages to
//! the command line ([`cli`]).

pub mod app;
pub mod classify;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod document;
pub mod error;
pub mod fingerprint;
pub mod fuzzy;
pub mod guides;
pub mod index;
pub mod mojibake;
pub mod pager;
pub mod picker;
pub mod progress;
pub mod questions;
pub mod quiz;
pub mod render;
pub mod search;
pub mod settings;
pub mod split;
pub mod terms;
pub mod text;

/// Query analysis, reached as `pyq::query` by the picker and the command
/// line.
pub use search::query;
