//! Named scenarios together: the file "export all" writes and import reads (the browser's saved
//! scenarios, and what the CLI's `eval` accepts besides a single scenario), unique names, and
//! what differs between scenarios (the compare view's input table).
//!
//! A library file is `{"kind": "deal-explorer scenarios", "scenarios": [...]}`; each scenario in
//! it carries its own `schema_version` and is migrated on its own, so a library saved years ago
//! with scenarios of several schema versions still opens.
//!
//! The public functions are `#[inline]`: compiled by their caller, the web app, for size (see
//! [`codec::parse_value`]).

mod differences;

pub use differences::{differences, Difference};

use super::codec;
use super::error::{FieldError, ModelError};
use super::scenario::Scenario;
use super::validate::MAX_NAME_CHARS;
use serde_json::Value;
use std::fmt;

/// The `kind` a library file names itself with.
pub const KIND: &str = "deal-explorer scenarios";
/// Larger files are refused before parsing (a scenario is a few kilobytes; this holds hundreds).
pub const MAX_LIBRARY_BYTES: usize = 4 << 20;
/// Most scenarios a library holds.
pub const MAX_SCENARIOS: usize = 200;

/// A library or scenario file that cannot be read, with the scenario that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryError {
    /// The failing scenario's position (0-based) and name, when the file is a library.
    pub item: Option<(usize, String)>,
    /// What is wrong.
    pub error: ModelError,
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item {
            Some((i, name)) if name.is_empty() => write!(f, "scenario {} of the file: {}", i + 1, self.error),
            Some((i, name)) => write!(f, "scenario {} (“{name}”): {}", i + 1, self.error),
            None => self.error.fmt(f),
        }
    }
}

impl std::error::Error for LibraryError {}

fn unreadable(message: impl Into<String>) -> LibraryError {
    LibraryError { item: None, error: ModelError::Unreadable(FieldError::new("", message)) }
}

/// The library file of `scenarios`, pretty-printed.
#[inline]
pub fn to_json(scenarios: &[Scenario]) -> String {
    let doc = serde_json::json!({
        "kind": KIND,
        "scenarios": scenarios.iter().map(codec::to_value).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&doc).expect("a JSON value always serializes")
}

/// Reads a library file or a single scenario: every scenario migrated and validated. All or
/// nothing: one bad scenario fails the whole file, naming it.
///
/// # Errors
/// The first scenario that cannot be read (with its position and name), or a file that is too
/// large, not JSON, or neither a scenario nor a library.
///
/// # Example
/// ```
/// use deal_model::{library, Scenario};
/// let text = library::to_json(&[Scenario::default(), Scenario::default()]);
/// assert_eq!(library::parse(&text).unwrap().len(), 2);
/// let one = serde_json::to_string(&Scenario::default()).unwrap();
/// assert_eq!(library::parse(&one).unwrap(), vec![Scenario::default()]);
/// ```
#[inline]
pub fn parse(text: &str) -> Result<Vec<Scenario>, LibraryError> {
    if text.len() > MAX_LIBRARY_BYTES {
        return Err(LibraryError {
            item: None,
            error: ModelError::TooLarge { bytes: text.len(), limit: MAX_LIBRARY_BYTES },
        });
    }
    let value = codec::parse_value(text).map_err(|e| unreadable(format!("not valid JSON: {e}")))?;
    let Some(list) = value.get("scenarios") else {
        return checked(value).map(|s| vec![s]).map_err(|error| LibraryError { item: None, error });
    };
    if value.get("kind").and_then(Value::as_str).is_some_and(|k| k != KIND) {
        return Err(unreadable(format!("this file is not a scenario library (its kind is not “{KIND}”)")));
    }
    let Some(list) = list.as_array() else {
        return Err(unreadable("`scenarios` must be a list of scenarios"));
    };
    if list.len() > MAX_SCENARIOS {
        return Err(unreadable(format!(
            "the file holds {} scenarios; the limit is {MAX_SCENARIOS}",
            list.len()
        )));
    }
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let name = v.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
            checked(v.clone()).map_err(|error| LibraryError { item: Some((i, name)), error })
        })
        .collect()
}

/// Whether `text` is a library file (rather than a single scenario).
#[inline]
pub fn is_library(text: &str) -> bool {
    codec::parse_value(text).is_ok_and(|v| v.get("scenarios").is_some())
}

/// One scenario value, migrated and validated.
#[inline]
fn checked(value: Value) -> Result<Scenario, ModelError> {
    let s = codec::from_value(value)?;
    let problems = super::validate::problems(&s);
    if problems.is_empty() {
        Ok(s)
    } else {
        Err(ModelError::Invalid(problems))
    }
}

/// `wanted`, or `wanted (2)`, `wanted (3)`… — the first that `taken` does not hold, shortened
/// to fit [`MAX_NAME_CHARS`]. A trailing number already in `wanted` is counted on from
/// ("Plan (2)" → "Plan (3)").
pub fn unique_name(taken: &[&str], wanted: &str) -> String {
    let wanted: String = wanted.trim().chars().take(MAX_NAME_CHARS).collect();
    if !taken.contains(&wanted.as_str()) {
        return wanted;
    }
    let (stem, from) = wanted
        .strip_suffix(')')
        .and_then(|w| w.rsplit_once(" ("))
        .and_then(|(stem, n)| n.parse::<u64>().ok().and_then(|n| n.checked_add(1)).map(|n| (stem, n)))
        .filter(|(_, n)| n.checked_add(taken.len() as u64).is_some())
        .unwrap_or((wanted.as_str(), 2));
    // Among taken.len() + 1 numbers one is always free.
    (from..=from + taken.len() as u64)
        .map(|n| {
            let suffix = format!(" ({n})");
            let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
            format!("{}{suffix}", stem.chars().take(room).collect::<String>())
        })
        .find(|name| !taken.contains(&name.as_str()))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PRESETS;
    use crate::scenario::SCHEMA_VERSION;

    #[test]
    fn a_library_of_every_preset_round_trips() {
        let all: Vec<Scenario> = PRESETS.iter().map(crate::presets::Preset::scenario).collect();
        assert_eq!(parse(&to_json(&all)).unwrap(), all);
        assert_eq!(parse(&to_json(&[])).unwrap(), Vec::<Scenario>::new());
    }

    #[test]
    fn old_scenarios_in_a_library_are_migrated_one_by_one() {
        // A schema-4 scenario: no data movement yet (migration adds none).
        let mut doc: Value = serde_json::from_str(&to_json(&[Scenario::default()])).unwrap();
        let mut v4 = codec::to_value(&Scenario::default());
        v4["schema_version"] = Value::from(4);
        v4["alternatives"].as_object_mut().unwrap().remove("data_movement");
        doc["scenarios"].as_array_mut().unwrap().push(v4);
        let back = parse(&doc.to_string()).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].alternatives.data_movement, crate::scenario::DataMovement::NONE);
        assert_eq!(back[1].schema_version, SCHEMA_VERSION);
    }

    #[test]
    fn one_bad_scenario_fails_the_file_and_is_named() {
        let mut bad = Scenario { name: "Too late".into(), ..Scenario::default() };
        bad.contract.ramp_delay_months = 999;
        let text = to_json(&[Scenario::default(), bad]);
        let e = parse(&text).unwrap_err();
        assert_eq!(e.item, Some((1, "Too late".to_owned())));
        assert!(e.to_string().starts_with("scenario 2 (“Too late”)"), "{e}");

        let mut newer: Value = serde_json::from_str(&to_json(&[Scenario::default()])).unwrap();
        newer["scenarios"][0]["schema_version"] = Value::from(SCHEMA_VERSION + 1);
        let e = parse(&newer.to_string()).unwrap_err();
        assert!(matches!(e.error, ModelError::NewerVersion { .. }), "{e}");

        for junk in ["{", "[]", "{\"kind\": \"other\", \"scenarios\": []}", "{\"scenarios\": 3}"] {
            assert!(parse(junk).is_err(), "{junk}");
        }
    }

    #[test]
    fn names_are_made_unique_by_counting_on() {
        assert_eq!(unique_name(&[], "Plan"), "Plan");
        assert_eq!(unique_name(&["Plan"], "Plan"), "Plan (2)");
        assert_eq!(unique_name(&["Plan", "Plan (2)"], "Plan"), "Plan (3)");
        assert_eq!(unique_name(&["Plan (2)"], "Plan (2)"), "Plan (3)");
        assert_eq!(unique_name(&["A (x)"], "A (x)"), "A (x) (2)");
        // Never longer than validation allows, and no overflow on huge numbers.
        let long = "x".repeat(MAX_NAME_CHARS);
        let next = unique_name(&[long.as_str()], &long);
        assert_eq!(next.chars().count(), MAX_NAME_CHARS);
        assert!(next.ends_with(" (2)"), "{next}");
        let huge = format!("X ({})", u32::MAX - 1);
        assert_eq!(unique_name(&[huge.as_str()], &huge), format!("X ({})", u32::MAX));
        let max = format!("X ({})", u64::MAX);
        assert_eq!(unique_name(&[max.as_str()], &max), format!("{max} (2)"));
    }
}
