//! The model layer's errors: what is wrong with a scenario, field by field, in words a user
//! can act on.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem with one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's path in the scenario JSON (e.g. `contract.term_months`), or `""` for the
    /// whole document.
    pub field: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl FieldError {
    /// A problem with the field at `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// Why a scenario could not be read or evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The scenario is well-formed but some values are out of range or inconsistent.
    #[error("invalid scenario:\n{}", list(.0))]
    Invalid(Vec<FieldError>),
    /// The text is not a scenario (bad JSON, wrong types, unknown or missing fields).
    #[error("{0}")]
    Unreadable(FieldError),
    /// The scenario was written by a newer version of the explorer.
    #[error("this scenario uses schema version {found}; this version of the explorer reads up to {supported}. Open it in a newer version.")]
    NewerVersion {
        /// The version in the document.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The document is larger than any real scenario.
    #[error("the scenario is {bytes} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

impl ModelError {
    /// Every field-level problem (one for the non-field variants, with an empty field path).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            Self::Invalid(errors) => errors.clone(),
            Self::Unreadable(e) => vec![e.clone()],
            other => vec![FieldError::new("", other.to_string())],
        }
    }
}

fn list(errors: &[FieldError]) -> String {
    errors.iter().map(|e| format!("  - {e}")).collect::<Vec<_>>().join("\n")
}
