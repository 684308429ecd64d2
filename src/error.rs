//! pyq's one error type: what went wrong, and the command or step that fixes it.

use std::fmt;

/// How an error maps to an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// What the user asked for does not exist (an unknown id): exit 1.
    NotFound,
    /// pyq could not do its job (bad arguments, unusable index): exit 2.
    Failure,
    /// The index could not be read while answering; a rebuild may fix it:
    /// exit 2 if it does not.
    Damaged,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// What to do about it, ideally a command to run.
    pub fix: Option<String>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn failure(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Failure,
            message: message.into(),
            fix: None,
        }
    }

    pub fn damaged(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Damaged,
            message: message.into(),
            fix: None,
        }
    }

    pub fn not_found(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::NotFound,
            message: message.into(),
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Error {
        self.fix = Some(fix.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(fix) = &self.fix {
            write!(f, "\n  fix: {fix}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
