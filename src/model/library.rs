//! Named scenarios together: the file "export all" writes and import reads (the browser's saved
//! scenarios, and what the CLI's `eval` accepts besides a single scenario), unique names, and
//! what differs between scenarios (the compare view's input table).
//!
//! A library file is `{"kind": "deal-explorer scenarios", "scenarios": [...]}`; each scenario in
//! it carries its own `schema_version` and is migrated on its own, so a library saved years ago
//! with scenarios of several schema versions still opens.

use super::codec;
use super::error::{FieldError, ModelError};
use super::fields;
use super::inputs::trim_number;
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
pub fn is_library(text: &str) -> bool {
    codec::parse_value(text).is_ok_and(|v| v.get("scenarios").is_some())
}

/// One scenario value, migrated and validated.
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

/// One input that differs between scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The value's path in the scenario's JSON, dotted (a field id where there is one).
    pub path: String,
    /// What users call it ("Ramp delay (months)", "Site 1 · Gas … · Capacity (MW)").
    pub label: String,
    /// The value in each scenario, in the units users see ("—" where a scenario has no such value).
    pub values: Vec<String>,
}

/// Every input whose value is not the same in all `scenarios` (names aside), in the order the
/// first scenario lists them, then what only later ones have. Numbers known to the field
/// registry are labelled and shown in its units; anything else (kinds, ids, schedules, the
/// uncertainty settings) by its path and value.
pub fn differences(scenarios: &[&Scenario]) -> Vec<Difference> {
    let flat: Vec<Vec<(String, Value)>> = scenarios
        .iter()
        .map(|s| {
            let mut out = Vec::new();
            leaves(&codec::to_value(s), String::new(), &mut out);
            out
        })
        .collect();
    let mut paths: Vec<&str> = Vec::new();
    for list in &flat {
        for (p, _) in list {
            if !paths.contains(&p.as_str()) {
                paths.push(p);
            }
        }
    }
    // A site whose sources are not the same kinds in the same order in every scenario cannot be
    // compared source by source (the second source is a battery in one, gas in another): it
    // gets one row, its whole supply, instead.
    let kinds = |s: &Scenario, i: usize| {
        s.energy
            .sites
            .get(i)
            .map(|site| site.sources.iter().map(super::energy::Source::kind).collect::<Vec<_>>())
    };
    let sites = scenarios.iter().map(|s| s.energy.sites.len()).max().unwrap_or(0);
    let remixed: Vec<usize> =
        (0..sites).filter(|&i| scenarios.windows(2).any(|w| kinds(w[0], i) != kinds(w[1], i))).collect();
    let in_remixed =
        |path: &str| remixed.iter().any(|i| path.starts_with(&format!("energy.sites.{i}.sources.")));
    let mut out: Vec<Difference> = paths
        .into_iter()
        .filter(|p| *p != "name" && *p != "schema_version" && !in_remixed(p))
        .filter_map(|path| {
            let values: Vec<Option<&Value>> =
                flat.iter().map(|l| l.iter().find(|(p, _)| p == path).map(|(_, v)| v)).collect();
            if values.windows(2).all(|w| w[0] == w[1]) {
                return None;
            }
            let field = scenarios.iter().find_map(|s| fields::field(s, path));
            let label = field.as_ref().map_or_else(
                || path.to_owned(),
                |f| if f.unit.is_empty() { f.label.clone() } else { format!("{} ({})", f.label, f.unit) },
            );
            let shown = values
                .into_iter()
                .map(|v| match (v, &field) {
                    (None, _) => "—".to_owned(),
                    (Some(Value::Number(n)), Some(f)) => {
                        trim_number(n.as_f64().unwrap_or(f64::NAN) / f.scale)
                    }
                    (Some(Value::String(s)), _) => s.clone(),
                    (Some(v), _) => v.to_string(),
                })
                .collect();
            Some(Difference { path: path.to_owned(), label, values: shown })
        })
        .collect();
    for i in remixed {
        let name = scenarios
            .iter()
            .find_map(|s| s.energy.sites.get(i))
            .map_or_else(|| format!("Site {}", i + 1), |x| x.name.clone());
        let supply = |s: &&Scenario| {
            s.energy.sites.get(i).map_or_else(
                || "—".to_owned(),
                |site| {
                    let parts: Vec<String> = site
                        .sources
                        .iter()
                        .map(|x| format!("{} {} MW", x.kind().label(), trim_number(x.capacity_mw())))
                        .collect();
                    if parts.is_empty() {
                        "no sources".to_owned()
                    } else {
                        parts.join(", ")
                    }
                },
            )
        };
        // With the site's other rows, else after the last energy row, else at the end.
        let site = format!("energy.sites.{i}.");
        let at = out.iter().position(|d| d.path.starts_with(&site)).unwrap_or_else(|| {
            out.iter().rposition(|d| d.path.starts_with("energy.")).map_or(out.len(), |k| k + 1)
        });
        out.insert(
            at,
            Difference {
                path: format!("energy.sites.{i}.sources"),
                label: format!("{name} · Supply (each source's capacity)"),
                values: scenarios.iter().map(supply).collect(),
            },
        );
    }
    out
}

/// Every leaf of `v` with its dotted path. An energy source's kind tag is folded into a leaf of
/// its own (`energy.sites.0.sources.1` = "gas") so its fields keep the paths validation and the
/// field registry use.
fn leaves(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match v {
        Value::Object(map) if is_source(&path) && map.len() == 1 => {
            let (tag, inner) = map.iter().next().expect("one entry");
            out.push((path.clone(), Value::String(tag.clone())));
            leaves(inner, path, out);
        }
        Value::Object(map) => {
            for (k, x) in map {
                leaves(x, join(k), out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                leaves(x, join(&i.to_string()), out);
            }
        }
        _ => out.push((path, v.clone())),
    }
}

/// Whether `path` is one energy source (`energy.sites.N.sources.M`).
fn is_source(path: &str) -> bool {
    let parts: Vec<&str> = path.split('.').collect();
    matches!(parts.as_slice(), ["energy", "sites", _, "sources", _])
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

    #[test]
    fn differences_list_only_what_differs_in_the_units_users_see() {
        let a = Scenario::default();
        assert!(differences(&[&a, &a.clone()]).is_empty());
        let mut b = a.clone();
        b.name = "Other name".into();
        assert!(differences(&[&a, &b]).is_empty(), "names are not inputs");
        b.contract.ramp_delay_months = 6;
        b.contract.monthly_commitment.0 = 1.0e9;
        b.energy.sites[0].sources[1] = crate::energy::Source::new(crate::energy::SourceKind::Solar, 100.0);
        let d = differences(&[&a, &b]);
        let row = |p: &str| d.iter().find(|r| r.path == p).unwrap_or_else(|| panic!("{p}: {d:?}"));
        assert_eq!(row("contract.ramp_delay_months").values, ["0", "6"]);
        let money = row("contract.monthly_commitment");
        assert_eq!(money.values, ["1.25", "1"], "shown in $B");
        assert!(money.label.contains("$B"), "{}", money.label);
        // A source of another kind: the site is compared as a whole supply, not source by
        // source (its second source's fields would be gas in one column and solar in the other).
        assert!(!d.iter().any(|r| r.path.starts_with("energy.sites.0.sources.")), "{d:?}");
        let supply = row("energy.sites.0.sources");
        assert_eq!(supply.label, format!("{} · Supply (each source's capacity)", a.energy.sites[0].name));
        let listed = |s: &Scenario| {
            s.energy.sites[0]
                .sources
                .iter()
                .map(|x| format!("{} {} MW", x.kind().label(), trim_number(x.capacity_mw())))
                .collect::<Vec<_>>()
                .join(", ")
        };
        assert_eq!(supply.values, [listed(&a), listed(&b)]);
        assert!(
            supply.values[1].contains("Solar") && !supply.values[0].contains("Solar"),
            "{:?}",
            supply.values
        );
        assert!(d.iter().all(|r| r.values.len() == 2));
        // The same kinds with another capacity: compared field by field, labelled by its source.
        let mut c = a.clone();
        let Some(crate::energy::Source::Grid(grid)) = c.energy.sites[1].sources.first_mut() else {
            panic!("the default's first source is the grid")
        };
        grid.capacity_mw *= 2.0;
        let d = differences(&[&a, &c]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "energy.sites.1.sources.0.capacity_mw");
        assert!(d[0].label.contains("Grid"), "{}", d[0].label);
    }
}
