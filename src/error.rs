//! pyq's one error type: what went wrong, its cause, and the command or
//! step that fixes it.

use std::fmt;
use std::sync::Arc;

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

/// The underlying error, shared so that an [`Error`] stays cheap to clone.
type Cause = Arc<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    /// What pyq was doing and what went wrong, without the cause.
    pub message: String,
    /// What to do about it, ideally a command to run.
    pub fix: Option<String>,
    cause: Option<Cause>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            fix: None,
            cause: None,
        }
    }

    pub fn failure(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Failure, message)
    }

    pub fn damaged(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Damaged, message)
    }

    pub fn not_found(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::NotFound, message)
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Error {
        self.fix = Some(fix.into());
        self
    }

    /// Records the error that caused this one (shown after the message, and
    /// returned by [`std::error::Error::source`]).
    pub fn caused_by(mut self, cause: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.cause = Some(Arc::new(cause));
        self
    }

    /// The message followed by every cause in the chain: `cannot read x:
    /// permission denied`.
    pub fn chain(&self) -> String {
        let mut text = self.message.clone();
        let mut next: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(self);
        while let Some(cause) = next {
            let cause_text = cause.to_string();
            // a cause that only repeats what was said adds nothing
            if !text.ends_with(&cause_text) {
                text.push_str(": ");
                text.push_str(&cause_text);
            }
            next = cause.source();
        }
        text
    }
}

/// The message and its causes, then the fix on a line of its own.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.chain())?;
        if let Some(fix) = &self.fix {
            write!(f, "\n  fix: {fix}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_deref()
            .map(|c| c as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn the_cause_is_kept_and_shown_once() {
        let e = Error::failure("cannot read the guide x.md")
            .caused_by(io::Error::from(io::ErrorKind::PermissionDenied))
            .with_fix("fix its permissions");
        let source = std::error::Error::source(&e).expect("a source");
        assert_eq!(
            source.downcast_ref::<io::Error>().map(|e| e.kind()),
            Some(io::ErrorKind::PermissionDenied)
        );
        assert_eq!(
            e.to_string(),
            "cannot read the guide x.md: permission denied\n  fix: fix its permissions"
        );
    }

    #[test]
    fn an_error_without_cause_is_its_message() {
        let e = Error::not_found("no document has the id \"x\"");
        assert!(std::error::Error::source(&e).is_none());
        assert_eq!(e.chain(), "no document has the id \"x\"");
    }
}
