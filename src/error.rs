//! The one error type. It crosses the IPC boundary as data (`{kind, message, fields}`) so the
//! UI can put each message on the field that caused it, and the CLI prints `message`.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ErrorKind.ts")]
pub enum ErrorKind {
    /// The input was wrong; `fields` says where.
    Validation,
    NotFound,
    /// The signed-in role may not do this, or the credentials did not match.
    Forbidden,
    /// The database is locked (no session), or unlocking is throttled.
    Locked,
    /// The change clashes with existing data (for example a user name already taken).
    Conflict,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(rename = "AppError", export_to = "AppError.ts")]
pub struct Error {
    pub kind: ErrorKind,
    /// Plain English, fit to show a volunteer.
    pub message: String,
    /// Field path (camelCase, as in the input type) → message for that field.
    pub fields: BTreeMap<String, String>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            fields: BTreeMap::new(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Forbidden, message)
    }

    pub fn locked(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Locked, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    /// A validation error on a single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut fields = FieldErrors::default();
        fields.add(field, message);
        fields.into_error()
    }
}

/// Collects field errors so a form shows every problem at once, not one per submit.
#[derive(Debug, Default)]
pub struct FieldErrors(BTreeMap<String, String>);

impl FieldErrors {
    /// Keeps the first message for a field: it is usually the most basic problem.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_insert_with(|| message.into());
    }

    /// Takes in the field errors of a validation error, so one form reports every problem at
    /// once; any other kind of error is passed back.
    pub fn merge(&mut self, result: Result<()>) -> Result<()> {
        match result {
            Err(err) if err.kind == ErrorKind::Validation => {
                for (field, message) in err.fields {
                    self.add(&field, message);
                }
                Ok(())
            }
            other => other,
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn into_error(self) -> Error {
        let message = match self.0.len() {
            1 => self.0.values().next().cloned().unwrap_or_default(),
            n => format!("There are {n} problems with what was entered."),
        };
        Error {
            kind: ErrorKind::Validation,
            message,
            fields: self.0,
        }
    }

    /// `Ok(())` when nothing was added.
    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.into_error())
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        // SQLCipher reports a wrong key as "file is not a database" (SQLITE_NOTADB).
        if let sqlx::Error::Database(db) = &err {
            if db.code().as_deref() == Some("26") {
                return Error::forbidden("The database could not be opened with that key.");
            }
            if db.code().as_deref() == Some("5") || db.code().as_deref() == Some("517") {
                return Error::conflict(
                    "The forum database is busy in another program. Try again in a moment.",
                );
            }
        }
        tracing::error!(error = %err, "database error");
        Error::internal(format!("The forum database reported a problem: {err}"))
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        Error::internal(format!("The forum database could not be upgraded: {err}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::internal(format!("A file could not be read or written: {err}"))
    }
}
