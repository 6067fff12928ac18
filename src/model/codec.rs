//! Reading scenarios from text: size limit, schema version and migration, strict field
//! checking with the offending field's path, then validation. Every import path (CLI file,
//! pasted JSON, saved scenarios, links) goes through [`parse_json`].

use super::error::{FieldError, ModelError};
use super::scenario::{Scenario, SCHEMA_VERSION};
use super::validate;

/// Larger documents are refused before parsing (a real scenario is a few kilobytes).
pub const MAX_SCENARIO_BYTES: usize = 1 << 20;

/// Parses, migrates and validates a scenario from JSON text.
///
/// # Errors
/// [`ModelError::TooLarge`], [`ModelError::Unreadable`] (syntax, wrong type, unknown or missing
/// field, with the field's path), [`ModelError::NewerVersion`], or [`ModelError::Invalid`] with
/// every out-of-range field.
///
/// # Example
/// ```
/// use deal_model::{codec, Scenario};
/// let text = serde_json::to_string(&Scenario::default()).unwrap();
/// assert_eq!(codec::parse_json(&text).unwrap(), Scenario::default());
/// assert!(codec::parse_json("{\"schema_version\": 1}").is_err());
/// ```
#[inline]
pub fn parse_json(text: &str) -> Result<Scenario, ModelError> {
    if text.len() > MAX_SCENARIO_BYTES {
        return Err(ModelError::TooLarge { bytes: text.len(), limit: MAX_SCENARIO_BYTES });
    }
    let value: serde_json::Value = parse_value(text)
        .map_err(|e| ModelError::Unreadable(FieldError::new("", format!("not valid JSON: {e}"))))?;
    let scenario = from_value(value)?;
    let problems = validate::problems(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(ModelError::Invalid(problems))
    }
}

/// Parses JSON text into a value. Every reader of scenario text goes through this one function,
/// so the web build carries a single copy of the JSON parser.
///
/// The readers and writers of scenario text here, in [`super::link`] and in [`super::library`]
/// are `#[inline]` so that they, and the `serde_json` code they instantiate for every model
/// type, are compiled in the crate that calls them: the web app, at `opt-level = "z"`, rather
/// than this crate's `"s"`, which is for the hourly dispatch and the Monte Carlo. None of them is
/// called from the model's own computations; kept that way, each is compiled once (−9 KB gzip of
/// wasm, BENCHMARKS.md).
#[inline]
pub fn parse_value(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::from_str(text)
}

/// The scenario as a JSON value (one serializer for links, export and autosave).
#[inline]
pub fn to_value(s: &Scenario) -> serde_json::Value {
    serde_json::to_value(s).expect("a scenario always serializes")
}

/// Migrates a JSON value to the current schema and deserializes it (no range validation).
#[inline]
pub fn from_value(mut value: serde_json::Value) -> Result<Scenario, ModelError> {
    let version = match value.get("schema_version") {
        None if value.is_object() => {
            return Err(ModelError::Unreadable(FieldError::new(
                "schema_version",
                "missing field `schema_version`: every scenario names the schema it was written with",
            )))
        }
        None => return Err(ModelError::Unreadable(FieldError::new("", "a scenario must be a JSON object"))),
        Some(v) => v.as_u64().filter(|v| *v >= 1).ok_or_else(|| {
            ModelError::Unreadable(FieldError::new(
                "schema_version",
                "schema_version must be a positive whole number",
            ))
        })?,
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ModelError::NewerVersion { found: version, supported: SCHEMA_VERSION });
    }
    migrate(&mut value, version);
    // Deserialize from pretty text so an error's line number leads back to the field's path
    // (cheaper in the web build than tracking the path through every nested deserializer).
    let text = serde_json::to_string_pretty(&value).expect("a JSON value always serializes");
    serde_json::from_str(&text).map_err(|e| {
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]).to_owned();
        ModelError::Unreadable(FieldError::new(path_at_line(&text, e.line()), message))
    })
}

/// The dotted path (`contract.sla.credit_bands.1.below`) of what is on line `line` (1-based) of
/// `serde_json`'s pretty output: one key or array element per line, closing brackets alone.
fn path_at_line(pretty: &str, line: usize) -> String {
    enum Frame {
        Object(String),
        Array(i64),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let opens = |rest: &str| rest.ends_with('{') || rest.ends_with('[');
    for text in pretty.lines().take(line) {
        let t = text.trim().trim_end_matches(',');
        if t.starts_with('}') || t.starts_with(']') {
            stack.pop();
            continue;
        }
        let rest = match (t.strip_prefix('"'), stack.last_mut()) {
            (Some(after), Some(Frame::Object(key))) => {
                let end = after.find("\": ").unwrap_or(after.len());
                after[..end].clone_into(key);
                after.get(end + 3..).unwrap_or("")
            }
            (_, Some(Frame::Array(index))) => {
                *index += 1;
                t
            }
            _ => t,
        };
        if opens(rest) {
            stack.push(if rest.ends_with('{') { Frame::Object(String::new()) } else { Frame::Array(-1) });
        }
    }
    // The innermost frame opened on the error's own line is the value that failed, not a parent.
    stack
        .iter()
        .filter_map(|f| match f {
            Frame::Object(k) if !k.is_empty() => Some(k.clone()),
            Frame::Array(i) if *i >= 0 => Some(i.to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Upgrades a document from `from` to [`SCHEMA_VERSION`] in place, one version at a time. Each
/// step has a golden link under `tests/golden/links/` from the version it upgrades.
fn migrate(value: &mut serde_json::Value, from: u64) {
    debug_assert!(from <= u64::from(SCHEMA_VERSION));
    if from < 2 {
        v1_to_v2(value);
    }
    if from < 3 {
        v2_to_v3(value);
    }
    if from < 4 {
        v3_to_v4(value);
    }
    if from < 5 {
        v4_to_v5(value);
    }
    if from < 6 {
        v5_to_v6(value);
    }
    // Version 7 changed no field, only today's default catalog (H100 and H200 priced per GPU
    // of a server, as the Blackwell parts are): a v6 document carries its own catalog, so it
    // opens unchanged, and v6 links keep their v6 base.
    value["schema_version"] = serde_json::json!(SCHEMA_VERSION);
}

/// Version 2 added the energy model. A version-1 scenario priced the build-your-own option's
/// electricity at one flat price (`alternatives.build.energy_price`); it becomes a grid supply
/// at that price at every site, as large as the site's power cap and never interrupted, so the
/// scenario opens to the same numbers it always did.
fn v1_to_v2(value: &mut serde_json::Value) {
    use serde_json::json;
    let Some(object) = value.as_object_mut() else { return };
    let price = object
        .get_mut("alternatives")
        .and_then(serde_json::Value::as_object_mut)
        .and_then(|a| a.remove("build"))
        .and_then(|b| b.get("energy_price").cloned())
        .unwrap_or(json!(66.0));
    let facility = object.get("facility");
    let field = |name: &str| facility.and_then(|f| f.get(name)).cloned();
    // Out-of-range site counts are reported by validation; cap what is built here.
    let sites = field("sites").and_then(|v| v.as_u64()).unwrap_or(1).min(64);
    let cap = field("site_power_cap_mw").unwrap_or(json!(1e5));
    let sites: Vec<serde_json::Value> = (1..=sites)
        .map(|i| {
            json!({
                "name": format!("Site {i}"),
                "latitude_deg": 35.1,
                "sources": [{ "grid": {
                    "capacity_mw": cap,
                    "price": price,
                    "peak_multiplier": 1.0,
                    "demand_charge": 0.0,
                    "carbon_g_per_kwh": 367.0,
                    "outages_per_year": 0.0,
                    "outage_hours_per_year": 0.0,
                    "online_month": 0
                }}]
            })
        })
        .collect();
    object.insert(
        "energy".to_owned(),
        json!({ "gas_price": 3.5, "cost_of_capital": 0.096, "seed": 1, "sites": sites }),
    );
}

/// Version 3 added the training model. It reads the fleet and prices the other models already
/// compute, so a version-2 scenario gets the version-3 defaults and opens to the same figures.
fn v2_to_v3(value: &mut serde_json::Value) {
    let Some(object) = value.as_object_mut() else { return };
    object.insert(
        "training".to_owned(),
        serde_json::json!({
            "precision": "bf16",
            "mfu": 0.4,
            "training_share": 0.43,
            "run_size": "compute",
            "target_flop": 1e26,
            "parameters": 405e9,
            "tokens": 15.6e12,
            "window_days": 90
        }),
    );
}

/// Version 4 added uncertainty: older scenarios open with it switched off (and the sourced
/// default ranges ready for when it is switched on), so their figures do not change.
fn v3_to_v4(value: &mut serde_json::Value) {
    let Some(object) = value.as_object_mut() else { return };
    let default = serde_json::to_value(super::uncertainty::Uncertainty::default()).expect("serializes");
    object.insert("uncertainty".to_owned(), default);
}

/// Version 5 added data movement to the alternatives: older scenarios move nothing (so their
/// figures do not change), with the sourced sizes and prices ready.
fn v4_to_v5(value: &mut serde_json::Value) {
    let Some(alternatives) = value.get_mut("alternatives").and_then(|a| a.as_object_mut()) else { return };
    let none = serde_json::to_value(super::scenario::DataMovement::NONE).expect("serializes");
    alternatives.insert("data_movement".to_owned(), none);
}

/// Version 6 added resilience: older scenarios get the sourced default layout over as many
/// sites as their facility has (nothing else reads it, so their figures do not change).
fn v5_to_v6(value: &mut serde_json::Value) {
    let sites = value.pointer("/facility/sites").and_then(serde_json::Value::as_u64).unwrap_or(1);
    let sites = sites.clamp(1, super::resilience::MAX_SITES as u64) as u32;
    let Some(object) = value.as_object_mut() else { return };
    let default =
        serde_json::to_value(super::resilience::Resilience::deal_default(sites)).expect("serializes");
    object.insert("resilience".to_owned(), default);
}

/// The scenario as pretty JSON, as the CLI and "export" write it.
#[inline]
pub fn to_json_pretty(s: &Scenario) -> String {
    // Through a `Value`, so the web build carries one serializer of the scenario (links use it too).
    serde_json::to_string_pretty(&to_value(s)).expect("a JSON value always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_json() -> serde_json::Value {
        serde_json::to_value(Scenario::default()).unwrap()
    }

    fn err_field(text: &str) -> String {
        parse_json(text).unwrap_err().field_errors()[0].field.clone()
    }

    #[test]
    fn round_trips_the_default() {
        let text = to_json_pretty(&Scenario::default());
        assert_eq!(parse_json(&text).unwrap(), Scenario::default());
    }

    #[test]
    fn wrong_type_names_the_field() {
        let mut v = default_json();
        v["contract"]["term_months"] = "three years".into();
        assert_eq!(err_field(&v.to_string()), "contract.term_months");
    }

    #[test]
    fn wrong_types_deep_in_arrays_name_the_path() {
        let mut v = default_json();
        v["energy"]["sites"][1]["sources"][2]["battery"]["hours"] = "two".into();
        assert_eq!(err_field(&v.to_string()), "energy.sites.1.sources.2.battery.hours");
        let mut v = default_json();
        v["hardware"]["mix"][1]["share"] = serde_json::json!([1]);
        assert_eq!(err_field(&v.to_string()), "hardware.mix.1.share");
        let mut v = default_json();
        v["contract"]["sla"]["credit_bands"][2]["credit"] = true.into();
        assert_eq!(err_field(&v.to_string()), "contract.sla.credit_bands.2.credit");
    }

    #[test]
    fn unknown_and_missing_fields_name_the_field() {
        let mut v = default_json();
        v["contract"]["surprise"] = 1.into();
        let e = parse_json(&v.to_string()).unwrap_err().to_string();
        assert!(e.contains("surprise"), "{e}");
        let mut v = default_json();
        v["contract"].as_object_mut().unwrap().remove("gpus");
        let e = parse_json(&v.to_string()).unwrap_err().to_string();
        assert!(e.contains("gpus"), "{e}");
    }

    #[test]
    fn out_of_range_is_invalid_with_every_field() {
        let mut v = default_json();
        v["contract"]["utilization"] = 1.5.into();
        v["contract"]["monthly_commitment"] = 1e308.into();
        match parse_json(&v.to_string()).unwrap_err() {
            ModelError::Invalid(list) => assert_eq!(list.len(), 2),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn versions_syntax_and_size() {
        let mut v = default_json();
        v["schema_version"] = 99.into();
        assert!(matches!(parse_json(&v.to_string()), Err(ModelError::NewerVersion { found: 99, .. })));
        v["schema_version"] = 0.into();
        assert_eq!(err_field(&v.to_string()), "schema_version");
        assert!(matches!(parse_json("{\"schema_version\": 1,"), Err(ModelError::Unreadable(_))));
        assert!(matches!(parse_json("[1,2]"), Err(ModelError::Unreadable(_))));
        assert!(matches!(parse_json(&" ".repeat(MAX_SCENARIO_BYTES + 1)), Err(ModelError::TooLarge { .. })));
        assert!(parse_json("NaN").is_err());
    }
}
