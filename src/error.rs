//! Errors that know their exit code.
//!
//! The exit codes (docs/cli.md, "Exit codes"): 1 for anything the user can fix (bad name, bad
//! answer, target exists), 2 for a saasgen bug (a template that fails to render), 130 when
//! interrupted; quitting at the wizard's summary is no failure (0). Every user error
//! carries a hint that says what to do next.

use std::fmt;

/// The process exit status for each kind of failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    Success = 0,
    UserError = 1,
    InternalError = 2,
    Interrupted = 130,
}

/// A failure reported to the user: a lowercase message, an optional hint, an exit code.
#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The user can fix it: bad input, target exists, no TTY.
    User,
    /// A saasgen bug, usually a template that does not render.
    Internal,
    /// Ctrl-C at a prompt.
    Interrupted,
    /// The user chose to quit at the summary: nothing is wrong, nothing was written.
    Cancelled,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn user(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::User,
            message: message.into(),
            hint: None,
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Internal,
            message: message.into(),
            hint: None,
        }
    }

    pub fn interrupted() -> Self {
        Self {
            kind: ErrorKind::Interrupted,
            message: "interrupted".into(),
            hint: None,
        }
    }

    /// Quitting at the summary: exit 0, and not reported as an error.
    pub fn cancelled() -> Self {
        Self {
            kind: ErrorKind::Cancelled,
            message: crate::output::CANCELLED.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn exit_status(&self) -> ExitStatus {
        match self.kind {
            ErrorKind::User => ExitStatus::UserError,
            ErrorKind::Internal => ExitStatus::InternalError,
            ErrorKind::Interrupted => ExitStatus::Interrupted,
            ErrorKind::Cancelled => ExitStatus::Success,
        }
    }

    /// Wraps an I/O failure while writing: the disk said no, so the user must act.
    pub fn io(context: impl fmt::Display, err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::Interrupted {
            return Self::interrupted();
        }
        Self::user(format!("{context}: {err}"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Where in a file something went wrong: `  --> FILE:LINE:COL`, the line itself and a
/// caret under the column, as rustc and the toml crate show it. `offset` is a byte offset
/// into `text`, e.g. the start of a toml error's span.
pub fn show_location(file: &str, text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count();
    let content = text[line_start..].split('\n').next().unwrap_or_default();
    let number = (line + 1).to_string();
    let pad = " ".repeat(number.len());
    format!(
        "  --> {file}:{}:{}\n{pad} |\n{number} | {}\n{pad} | {}^",
        line + 1,
        column + 1,
        content.trim_end_matches('\r'),
        " ".repeat(column)
    )
}

/// The byte offset of the line that sets `key` (its last dotted part) in a TOML file,
/// for errors found after parsing, such as an unknown key.
pub fn find_key(text: &str, key: &str) -> Option<usize> {
    let last = key.rsplit('.').next().unwrap_or(key);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let sets = trimmed
            .strip_prefix(key)
            .or_else(|| trimmed.strip_prefix(last))
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if sets {
            return Some(offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    None
}

/// A TOML syntax error in `file`: the parser's message and where it is.
pub fn toml_syntax(what: &str, file: &str, text: &str, err: &toml::de::Error) -> Error {
    let mut message = format!("{what} is not valid TOML: {}", err.message().trim_end());
    if let Some(span) = err.span() {
        message = format!("{message}\n{}", show_location(file, text, span.start));
    }
    Error::user(message)
}

/// The closest candidate to `input` by edit distance, when it is close enough to be a
/// plausible typo. Used for "did you mean" hints on keys, values and preset names.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&input, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_suggests_close_typos() {
        assert_eq!(
            did_you_mean("strpe", ["stripe", "paddle", "none"]),
            Some("stripe")
        );
        assert_eq!(
            did_you_mean("Billing", ["billing", "backend"]),
            Some("billing")
        );
    }

    #[test]
    fn did_you_mean_stays_silent_for_unrelated_input() {
        assert_eq!(
            did_you_mean("kubernetes", ["stripe", "paddle", "none"]),
            None
        );
    }

    #[test]
    fn locations_show_file_line_column_and_a_caret() {
        let text = "[answers]\ntier = \"pro\"\n  backned = \"axum\"\n";
        let at = find_key(text, "backned").unwrap();
        assert_eq!(
            show_location("p.toml", text, at),
            "  --> p.toml:3:3\n  |\n3 |   backned = \"axum\"\n  |   ^"
        );
        assert_eq!(find_key(text, "brand.name"), None);
        assert_eq!(find_key("[brand]\nname = \"A\"\n", "brand.name"), Some(8));
    }

    #[test]
    fn exit_codes_follow_the_spec() {
        assert_eq!(Error::user("x").exit_status() as i32, 1);
        assert_eq!(Error::internal("x").exit_status() as i32, 2);
        assert_eq!(Error::interrupted().exit_status() as i32, 130);
        assert_eq!(Error::cancelled().exit_status() as i32, 0);
    }
}
