//! The one error type of ingest: what went wrong, and with which input.

use std::fmt;

/// A failure to read one input, or one record or line of it.
///
/// The `path` is the input as given (plus `#record N` or `:line N` for a
/// part of it); `reason` says what was wrong in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The input (and the part of it) that failed.
    pub path: String,
    /// Why.
    pub reason: String,
}

impl IngestError {
    /// An error for `path`.
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        IngestError { path: path.into(), reason: reason.into() }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for IngestError {}

/// Describes an I/O error the way a user wants to read it.
pub(crate) fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            "truncated input: the data ends unexpectedly (a cut-off .gz?)".into()
        }
        std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => {
            format!("corrupt data: {e}")
        }
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// At most 60 characters of `s`, for quoting input in a message.
pub(crate) fn short(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
