//! The study file: what the quiz remembers, in SQLite (WAL), in the user's
//! data folder. Every grade is saved at once, in a transaction, so two
//! quizzes at once both record and a quiz killed half-way loses only the
//! card it was asking.
//!
//! The file is pyq's when its `application_id` says so; a file that is not
//! (another program's database, anything else) or that is damaged is
//! reported and never written. Its schema has a version (`user_version`)
//! and is migrated forward in a transaction; a file of a newer pyq is left
//! alone.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use super::schedule::{self, Grade, Memory};
use crate::error::{Error, Result};

/// "pyq!" as a big-endian number: what marks a SQLite file as pyq's.
const APPLICATION_ID: i64 = 0x7079_7121;

/// The schema each version of the file has; the file's `user_version` is
/// how many of these steps it has taken.
const MIGRATIONS: &[&str] = &[
    // 1: cards, the aliases they are known by, every review
    "CREATE TABLE cards (
        key TEXT PRIMARY KEY,
        prompt TEXT NOT NULL,
        topic TEXT NOT NULL,
        level TEXT NOT NULL,
        state INTEGER NOT NULL,
        due INTEGER NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        elapsed_days INTEGER NOT NULL,
        scheduled_days INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        last_review INTEGER NOT NULL,
        last_grade INTEGER NOT NULL
    );
    CREATE TABLE aliases (
        alias TEXT PRIMARY KEY,
        card TEXT NOT NULL REFERENCES cards(key)
    );
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        card TEXT NOT NULL REFERENCES cards(key),
        grade INTEGER NOT NULL,
        at INTEGER NOT NULL,
        due_after INTEGER NOT NULL
    );
    CREATE INDEX cards_due ON cards(due);",
];

/// Another quiz writing at the same moment is waited for this long.
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// What a card is, for the study file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardInfo {
    /// How the card is known (see `cards`); the first names a new card.
    pub aliases: Vec<String>,
    pub prompt: String,
    pub topic: String,
    pub level: String,
}

/// A card the study file knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub key: String,
    pub memory: Memory,
}

/// Study progress per topic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicProgress {
    pub topic: String,
    /// Cards answered at least once.
    pub seen: u64,
    /// Cards whose last answer was known.
    pub known: u64,
    /// Cards due for review now.
    pub due: u64,
}

/// The open study file.
pub struct Study {
    conn: Connection,
    path: PathBuf,
}

fn failure(path: &Path, what: &str, e: rusqlite::Error) -> Error {
    let damaged = matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    );
    if damaged {
        Error::failure(format!(
            "the study file {} is damaged or not a database",
            path.display()
        ))
        .caused_by(e)
        .with_fix(format!(
            "move it aside (mv {0} {0}.broken) and pyq starts a new one, or point PYQ_DATA_DIR elsewhere",
            path.display()
        ))
    } else {
        Error::failure(format!("cannot {what} the study file {}", path.display()))
            .caused_by(e)
            .with_fix(format!(
                "if the file was edited or damaged, move it aside (mv {0} {0}.broken) and pyq starts a new one; otherwise check that its folder can be written",
                path.display()
            ))
    }
}

impl Study {
    /// Opens the study file at `path`, making it (and its folder) when
    /// there is none.
    pub fn open(path: &Path) -> Result<Study> {
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(Error::failure(format!(
                    "{} is {}, not a study file",
                    path.display(),
                    crate::files::kind_of(&meta)
                ))
                .with_fix("point PYQ_DATA_DIR at another folder"));
            }
            Ok(_) => check_identity(path)?,
            Err(_) => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        Error::failure(format!("cannot create the folder {}", dir.display()))
                            .caused_by(e)
                            .with_fix("point PYQ_DATA_DIR at a folder you can write")
                    })?;
                }
            }
        }
        let conn = Connection::open(path).map_err(|e| failure(path, "open", e))?;
        conn.busy_timeout(BUSY_WAIT)
            .map_err(|e| failure(path, "open", e))?;
        use_wal(&conn).map_err(|e| failure(path, "open", e))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| failure(path, "open", e))?;
        let mut study = Study {
            conn,
            path: path.to_path_buf(),
        };
        study.migrate()?;
        Ok(study)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Brings the schema up to date, in one transaction; a new file is
    /// marked as pyq's.
    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| failure(&path, "write", e))?;
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| failure(&path, "read", e))?;
        let id: i64 = tx
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| failure(&path, "read", e))?;
        if id == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(|e| failure(&path, "write", e))?;
        }
        let current = MIGRATIONS.len() as i64;
        for (step, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.execute_batch(sql)
                .map_err(|e| failure(&path, "update", e))?;
            tx.pragma_update(None, "user_version", step as i64 + 1)
                .map_err(|e| failure(&path, "update", e))?;
        }
        debug_assert!(version <= current, "checked by check_identity");
        tx.commit().map_err(|e| failure(&path, "write", e))
    }

    /// The card known by any of `aliases`, if the study file has one.
    pub fn find(&self, aliases: &[String]) -> Result<Option<Known>> {
        find(&self.conn, aliases).map_err(|e| failure(&self.path, "read", e))
    }

    /// Records an answer to `card` graded `grade` at `now`, at once, and
    /// returns when the card comes back.
    pub fn record(&mut self, card: &CardInfo, grade: Grade, now: i64) -> Result<Memory> {
        let path = self.path.clone();
        let fail = |e| failure(&path, "write", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        // read again inside the transaction: another quiz may have graded it
        let known = find(&tx, &card.aliases).map_err(fail)?;
        let key = known
            .as_ref()
            .map(|k| k.key.clone())
            .or_else(|| card.aliases.first().cloned())
            .unwrap_or_default();
        let memory = schedule::review(known.as_ref().map(|k| &k.memory), grade, now);
        tx.execute(
            "INSERT INTO cards (key, prompt, topic, level, state, due, stability, difficulty,
                elapsed_days, scheduled_days, reps, lapses, last_review, last_grade)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT(key) DO UPDATE SET prompt = ?2, topic = ?3, level = ?4, state = ?5,
                due = ?6, stability = ?7, difficulty = ?8, elapsed_days = ?9,
                scheduled_days = ?10, reps = ?11, lapses = ?12, last_review = ?13,
                last_grade = ?14",
            params![
                key,
                card.prompt,
                card.topic,
                card.level,
                memory.state,
                memory.due,
                memory.stability,
                memory.difficulty,
                memory.elapsed_days,
                memory.scheduled_days,
                memory.reps,
                memory.lapses,
                memory.last_review,
                memory.last_grade as i64,
            ],
        )
        .map_err(fail)?;
        for alias in &card.aliases {
            tx.execute(
                "INSERT OR IGNORE INTO aliases (alias, card) VALUES (?1, ?2)",
                params![alias, key],
            )
            .map_err(fail)?;
        }
        tx.execute(
            "INSERT INTO reviews (card, grade, at, due_after) VALUES (?1, ?2, ?3, ?4)",
            params![key, grade as i64, now, memory.due],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(memory)
    }

    /// Every card the study file knows: its key and every alias.
    pub fn cards(&self) -> Result<Vec<(String, Vec<String>)>> {
        let fail = |e| failure(&self.path, "read", e);
        let mut stmt = self
            .conn
            .prepare("SELECT c.key, a.alias FROM cards c LEFT JOIN aliases a ON a.card = c.key ORDER BY c.key")
            .map_err(fail)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .map_err(fail)?;
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for row in rows {
            let (key, alias) = row.map_err(fail)?;
            match out.last_mut() {
                Some((k, aliases)) if *k == key => aliases.extend(alias),
                _ => out.push((key, alias.into_iter().collect())),
            }
        }
        Ok(out)
    }

    /// Progress per topic at `now`, topics in name order.
    pub fn progress(&self, now: i64) -> Result<Vec<TopicProgress>> {
        let fail = |e| failure(&self.path, "read", e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT topic, COUNT(*), SUM(last_grade > 1), SUM(due <= ?1)
                 FROM cards GROUP BY topic ORDER BY topic",
            )
            .map_err(fail)?;
        let rows = stmt
            .query_map([now], |r| {
                Ok(TopicProgress {
                    topic: r.get(0)?,
                    seen: r.get::<_, i64>(1)? as u64,
                    known: r.get::<_, Option<i64>>(2)?.unwrap_or(0) as u64,
                    due: r.get::<_, Option<i64>>(3)?.unwrap_or(0) as u64,
                })
            })
            .map_err(fail)?;
        rows.collect::<rusqlite::Result<_>>().map_err(fail)
    }

    /// How many answers were ever recorded.
    pub fn reviews(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| failure(&self.path, "read", e))
    }
}

/// Puts the file in WAL mode (it stays so), so that a quiz reading does not
/// wait for one writing. Switching needs the file to itself for a moment,
/// and SQLite does not wait for that: another pyq opening the same new file
/// is waited for here.
fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        let mode =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
        match mode {
            Ok(_) => return Ok(()),
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && started.elapsed() < BUSY_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Refuses, before anything is written, a file that is not pyq's, is
/// damaged, or was made by a newer pyq.
fn check_identity(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| failure(path, "open", e))?;
    let read = |pragma: &str| -> Result<i64> {
        conn.pragma_query_value(None, pragma, |r| r.get(0))
            .map_err(|e| failure(path, "read", e))
    };
    let (id, version) = (read("application_id")?, read("user_version")?);
    let objects: i64 = conn
        .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| failure(path, "read", e))?;
    // a database with nothing in it and no mark is a study file not begun
    // (another pyq may be making it this very moment); one with pyq's
    // tables but no mark was made by two pyqs at once, and is marked when
    // opened (see `migrate`)
    let empty = id == 0 && version == 0 && objects == 0;
    let unmarked_ours = id == 0 && has_our_tables(&conn);
    if !empty && !unmarked_ours && id != APPLICATION_ID {
        return Err(Error::failure(format!(
            "{} is not pyq's study file (another program's database?); pyq leaves it as it is",
            path.display()
        ))
        .with_fix("point PYQ_DATA_DIR at another folder, or move the file away"));
    }
    if version > MIGRATIONS.len() as i64 {
        return Err(Error::failure(format!(
            "the study file {} was written by a newer pyq",
            path.display()
        ))
        .with_fix("update pyq, or point PYQ_DATA_DIR at another folder"));
    }
    Ok(())
}

/// Whether the file has the tables pyq makes, and only those.
fn has_our_tables(conn: &Connection) -> bool {
    let names: rusqlite::Result<Vec<String>> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        });
    names.is_ok_and(|n| n == ["aliases", "cards", "reviews"])
}

fn find(conn: &Connection, aliases: &[String]) -> rusqlite::Result<Option<Known>> {
    for alias in aliases {
        let known = conn
            .query_row(
                "SELECT c.key, c.state, c.due, c.stability, c.difficulty, c.elapsed_days,
                        c.scheduled_days, c.reps, c.lapses, c.last_review, c.last_grade
                 FROM aliases a JOIN cards c ON c.key = a.card WHERE a.alias = ?1",
                [alias],
                |r| {
                    Ok(Known {
                        key: r.get(0)?,
                        memory: Memory {
                            state: r.get(1)?,
                            due: r.get(2)?,
                            stability: r.get(3)?,
                            difficulty: r.get(4)?,
                            elapsed_days: r.get(5)?,
                            scheduled_days: r.get(6)?,
                            reps: r.get(7)?,
                            lapses: r.get(8)?,
                            last_review: r.get(9)?,
                            last_grade: Grade::from_number(r.get(10)?).unwrap_or(Grade::Good),
                        },
                    })
                },
            )
            .optional()?;
        if known.is_some() {
            return Ok(known);
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn card(alias: &str, topic: &str) -> CardInfo {
        CardInfo {
            aliases: vec![format!("t:{alias}"), format!("a:{alias}")],
            prompt: format!("What is {alias}?"),
            topic: topic.into(),
            level: "beginner".into(),
        }
    }

    #[test]
    fn answers_are_remembered_across_openings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/study.sqlite3");
        let mut study = Study::open(&path).unwrap();
        study
            .record(&card("gil", "concurrency"), Grade::Again, NOW)
            .unwrap();
        study.record(&card("mro", "oop"), Grade::Good, NOW).unwrap();
        drop(study);
        let study = Study::open(&path).unwrap();
        let gil = study
            .find(&card("gil", "concurrency").aliases)
            .unwrap()
            .unwrap();
        assert_eq!(gil.memory.last_grade, Grade::Again);
        let progress = study.progress(NOW + 3600).unwrap();
        assert_eq!(
            progress,
            [
                TopicProgress {
                    topic: "concurrency".into(),
                    seen: 1,
                    known: 0,
                    due: 1
                },
                TopicProgress {
                    topic: "oop".into(),
                    seen: 1,
                    known: 1,
                    due: 0
                },
            ]
        );
        assert_eq!(study.reviews().unwrap(), 2);
    }

    #[test]
    fn a_card_is_found_by_any_of_its_aliases() {
        let dir = tempfile::tempdir().unwrap();
        let mut study = Study::open(&dir.path().join("s.sqlite3")).unwrap();
        study
            .record(&card("gil", "concurrency"), Grade::Good, NOW)
            .unwrap();
        // the heading was reworded: only the answer is as it was
        let reworded = CardInfo {
            aliases: vec!["t:global lock".into(), "a:gil".into()],
            ..card("gil", "concurrency")
        };
        let known = study.find(&reworded.aliases).unwrap().unwrap();
        assert_eq!(known.key, "t:gil");
        study.record(&reworded, Grade::Good, NOW + 86_400).unwrap();
        assert_eq!(study.cards().unwrap().len(), 1, "still one card");
        assert_eq!(
            study.cards().unwrap()[0].1.len(),
            3,
            "known by the new words too"
        );
    }

    #[test]
    fn two_writers_at_once_both_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        Study::open(&path).unwrap();
        let writers: Vec<_> = (0..2)
            .map(|k| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut study = Study::open(&path).unwrap();
                    for i in 0..20 {
                        study
                            .record(&card(&format!("c{k}-{i}"), "oop"), Grade::Good, NOW)
                            .unwrap();
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        assert_eq!(Study::open(&path).unwrap().reviews().unwrap(), 40);
    }

    #[test]
    fn a_foreign_or_damaged_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let foreign = dir.path().join("other.sqlite3");
        let conn = Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('mine');")
            .unwrap();
        drop(conn);
        let before = std::fs::read(&foreign).unwrap();
        let e = Study::open(&foreign).err().unwrap();
        assert!(e.to_string().contains("not pyq's study file"), "{e}");
        assert_eq!(std::fs::read(&foreign).unwrap(), before);

        let damaged = dir.path().join("damaged.sqlite3");
        std::fs::write(
            &damaged,
            b"this is not a database at all, just text".repeat(100),
        )
        .unwrap();
        let before = std::fs::read(&damaged).unwrap();
        let e = Study::open(&damaged).err().unwrap();
        assert!(e.to_string().contains("damaged"), "{e}");
        assert_eq!(std::fs::read(&damaged).unwrap(), before);
    }

    #[test]
    fn a_file_of_a_newer_pyq_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        drop(Study::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let e = Study::open(&path).err().unwrap();
        assert!(e.to_string().contains("newer pyq"), "{e}");
    }
}
