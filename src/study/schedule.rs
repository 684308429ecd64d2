//! When a card comes back: FSRS, the scheduler Anki uses (the `rs-fsrs`
//! crate), with its default parameters and its long-term scheduler (a quiz
//! is a session of its own, not minutes of drilling: a card known today
//! comes back in days). One thing is pyq's own: a card not known is due
//! again at once, so that the next quiz asks it first; what FSRS learned of
//! it (stability, difficulty, lapses) is kept. This module otherwise only
//! converts between what the study file keeps and what the scheduler reads.

use chrono::{DateTime, TimeZone, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating, State};

/// How well an answer was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    /// Not known: the card comes back within minutes, so first in the
    /// next quiz.
    Again = 1,
    /// Known, with difficulty.
    Hard = 2,
    /// Known.
    Good = 3,
    /// Known at once.
    Easy = 4,
}

impl Grade {
    pub fn from_number(n: i64) -> Option<Grade> {
        match n {
            1 => Some(Grade::Again),
            2 => Some(Grade::Hard),
            3 => Some(Grade::Good),
            4 => Some(Grade::Easy),
            _ => None,
        }
    }

    /// Whether the answer was recalled at all.
    pub fn known(self) -> bool {
        self != Grade::Again
    }

    fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }
}

/// What the scheduler remembers of a card, as the study file keeps it
/// (times in seconds since the Unix epoch).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    /// 0 new, 1 learning, 2 review, 3 relearning.
    pub state: i64,
    pub due: i64,
    pub stability: f64,
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: i64,
    pub lapses: i64,
    pub last_review: i64,
    /// The grade of the last review.
    pub last_grade: Grade,
}

/// The most a counter of reviews or lapses can be: a lifetime of study
/// is far less; more is a damaged or hand-edited file.
const MAX_COUNT: i64 = 1_000_000;
/// FSRS's own bounds: stability in days (at least a hundredth of one),
/// difficulty from 1 to 10, intervals of at most a hundred years.
const MIN_STABILITY: f64 = 0.01;
const MAX_DAYS: i64 = 36_500;
/// Times are kept between the epoch and the year 2200.
const MAX_TIME: i64 = 7_258_118_400;

impl Memory {
    /// The memory with every value within what FSRS can work with: a study
    /// file edited by hand or damaged must not make the scheduler overflow
    /// or produce no number.
    pub fn sane(self) -> Memory {
        let finite = |x: f64, lo: f64, hi: f64, default: f64| {
            if x.is_finite() {
                x.clamp(lo, hi)
            } else {
                default
            }
        };
        Memory {
            state: self.state.clamp(0, 3),
            due: self.due.clamp(0, MAX_TIME),
            stability: finite(
                self.stability,
                MIN_STABILITY,
                MAX_DAYS as f64,
                MIN_STABILITY,
            ),
            difficulty: finite(self.difficulty, 1.0, 10.0, 5.0),
            elapsed_days: self.elapsed_days.clamp(0, MAX_DAYS),
            scheduled_days: self.scheduled_days.clamp(0, MAX_DAYS),
            reps: self.reps.clamp(0, MAX_COUNT),
            lapses: self.lapses.clamp(0, MAX_COUNT),
            last_review: self.last_review.clamp(0, MAX_TIME),
            last_grade: self.last_grade,
        }
    }
}

fn time(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(seconds, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

fn state(n: i64) -> State {
    match n {
        1 => State::Learning,
        2 => State::Review,
        3 => State::Relearning,
        _ => State::New,
    }
}

/// The card after an answer graded `grade` at `now`, from what was
/// remembered of it (`None`: a new card).
pub fn review(before: Option<&Memory>, grade: Grade, now: i64) -> Memory {
    let now = now.clamp(0, MAX_TIME);
    // a last review in the future (a clock set back, a hand-edited file)
    // is taken as now
    let before = before.map(|m| Memory {
        last_review: m.last_review.min(now),
        ..m.sane()
    });
    let card = match before.as_ref() {
        None => Card {
            due: time(now),
            last_review: time(now),
            ..Card::default()
        },
        Some(m) => Card {
            due: time(m.due),
            stability: m.stability,
            difficulty: m.difficulty,
            elapsed_days: m.elapsed_days,
            scheduled_days: m.scheduled_days,
            reps: i32::try_from(m.reps).unwrap_or(i32::MAX),
            lapses: i32::try_from(m.lapses).unwrap_or(i32::MAX),
            state: state(m.state),
            last_review: time(m.last_review),
        },
    };
    let parameters = Parameters {
        enable_short_term: false,
        ..Parameters::default()
    };
    let next = FSRS::new(parameters)
        .next(card, time(now), grade.rating())
        .card;
    let due = match grade {
        Grade::Again => now.min(next.due.timestamp()),
        _ => next.due.timestamp(),
    };
    Memory {
        state: next.state as i64,
        due,
        stability: next.stability,
        difficulty: next.difficulty,
        elapsed_days: next.elapsed_days,
        scheduled_days: next.scheduled_days,
        reps: i64::from(next.reps),
        lapses: i64::from(next.lapses),
        last_review: now,
        last_grade: grade,
    }
    .sane()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    const NOW: i64 = 1_800_000_000;

    #[test]
    fn a_forgotten_card_comes_back_at_once_and_a_known_one_later() {
        let forgotten = review(None, Grade::Again, NOW);
        assert_eq!(forgotten.due, NOW, "due again at once");
        let known = review(None, Grade::Good, NOW);
        assert!(known.due >= NOW + DAY, "known: not again today");
        let easy = review(None, Grade::Easy, NOW);
        assert!(easy.due > known.due, "easy waits longer");
    }

    #[test]
    fn a_memory_out_of_bounds_is_brought_back_within_them() {
        let wild = Memory {
            state: 9,
            due: i64::MIN,
            stability: f64::NAN,
            difficulty: -4.0,
            elapsed_days: i64::MAX,
            scheduled_days: -1,
            reps: i64::from(i32::MAX),
            lapses: i64::MAX,
            last_review: i64::MAX,
            last_grade: Grade::Good,
        };
        for grade in [Grade::Again, Grade::Good] {
            let next = review(Some(&wild), grade, NOW);
            assert!(next.stability.is_finite() && next.difficulty.is_finite());
            assert!(next.reps <= MAX_COUNT + 1 && next.due >= NOW);
        }
    }

    #[test]
    fn known_again_and_again_the_wait_grows() {
        let mut m = review(None, Grade::Good, NOW);
        let mut waits = Vec::new();
        for _ in 0..4 {
            let at = m.due;
            m = review(Some(&m), Grade::Good, at);
            waits.push(m.due - at);
        }
        assert!(waits.windows(2).all(|w| w[1] > w[0]), "{waits:?}");
        let lapsed = review(Some(&m), Grade::Again, m.due);
        assert_eq!(lapsed.lapses, 1);
        assert_eq!(lapsed.due, m.due, "due again at once");
        assert!(
            lapsed.stability < m.stability,
            "FSRS learned it was forgotten"
        );
    }
}
