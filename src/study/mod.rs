//! Studying with pyq: the guides' questions as cards (`cards`), when each
//! comes back (`schedule`, FSRS) and what the quiz remembers (`store`, a
//! SQLite file in the user's data folder). The quiz itself, which asks and
//! reads answers, belongs to the binary.

pub mod cards;
pub mod schedule;
pub mod store;

pub use cards::{Card, cards};
pub use schedule::{Grade, Memory};
pub use store::{CardInfo, Known, Study, TopicProgress};

/// The study file's name in the data folder.
pub const FILE_NAME: &str = "study.sqlite3";
