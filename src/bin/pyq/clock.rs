//! The time of this run, in seconds since the Unix epoch. Debug builds
//! read `PYQ_NOW` instead when it is set, so that tests can move the clock
//! between two quizzes; release builds always read the system clock.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn now() -> i64 {
    #[cfg(debug_assertions)]
    if let Some(now) = std::env::var("PYQ_NOW")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return now;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
