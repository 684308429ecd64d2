//! The unit pyq indexes, searches and shows: a section or a question of a guide.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a document is cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A heading and its content.
    Section,
    /// An interview question and its answer (a question-shaped heading, or a
    /// question written inside a section).
    Question,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Section => "section",
            Kind::Question => "question",
        }
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "section" => Ok(Kind::Section),
            "question" => Ok(Kind::Question),
            other => Err(format!("unknown kind {other:?}")),
        }
    }
}

/// How hard a document's material is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [
        Difficulty::Beginner,
        Difficulty::Intermediate,
        Difficulty::Advanced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Beginner => "beginner",
            Difficulty::Intermediate => "intermediate",
            Difficulty::Advanced => "advanced",
        }
    }
}

impl fmt::Display for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Difficulty {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Difficulty::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("unknown difficulty {s:?} (expected beginner, intermediate or advanced)")
            })
    }
}

/// A document as pyq stores and shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// `<guide stem>/<slug>`, unique within its guide and stable while the
    /// guide's headings stay the same.
    pub id: String,
    /// File name of the guide.
    pub guide: String,
    /// Heading text or question, without Markdown.
    pub title: String,
    /// Titles of the enclosing headings, outermost first.
    pub path: Vec<String>,
    pub kind: Kind,
    /// Heading level (1–6) of a section; for a question written inside a
    /// section, one below that section's level. 0 for text before the first
    /// heading.
    pub level: u8,
    /// 1-based line of the heading or question in the guide.
    pub line: usize,
    /// The content as Markdown. A section with no text of its own carries
    /// its subsections here, headings included.
    pub body: String,
    /// True when `body` holds subsections rather than the section's own
    /// text; such a body is shown but not searched, so that a chapter does
    /// not outrank the sections it is made of.
    #[serde(skip)]
    pub body_is_subsections: bool,
    pub topic: String,
    pub difficulty: Difficulty,
}

impl Document {
    /// The text search matches against besides title and path.
    pub fn searchable_body(&self) -> &str {
        if self.body_is_subsections {
            ""
        } else {
            &self.body
        }
    }
}
