//! Permanent links: a scenario as a short, URL-safe string that reopens to the same numbers
//! years later.
//!
//! Format: `base64url(deflate({"v": schema_version, "p": patch}))`, where `patch` is a JSON
//! merge patch (RFC 7386) against the *frozen* default of that schema version
//! (`src/model/bases/v<N>.json`, never edited once released). Links stay short because only
//! what differs from that base is written, and changing today's defaults can never change what
//! an old link opens. Decoding goes through [`codec::from_value`] and validation like every
//! other import path, so old versions are migrated and bad links are refused with a message.
//!
//! `encode`, `decode` and `base` are `#[inline]`: compiled by their caller, the web app, for size
//! (see [`codec::parse_value`]).

use super::codec;
use super::error::{FieldError, ModelError};
use super::scenario::{Scenario, SCHEMA_VERSION};
use super::validate;
use base64::Engine;
use serde_json::{json, Map, Value};

/// The longest link payload accepted, in characters.
pub const MAX_LINK_CHARS: usize = 32 * 1024;
/// The most a payload may inflate to, in bytes.
const MAX_INFLATED_BYTES: usize = 1 << 20;

/// The frozen base of schema version `v`.
#[inline]
fn base(v: u64) -> Option<Value> {
    let text = match v {
        1 => include_str!("bases/v1.json"),
        2 => include_str!("bases/v2.json"),
        3 => include_str!("bases/v3.json"),
        4 => include_str!("bases/v4.json"),
        5 => include_str!("bases/v5.json"),
        6 => include_str!("bases/v6.json"),
        7 => include_str!("bases/v7.json"),
        _ => return None,
    };
    Some(codec::parse_value(text).expect("frozen bases are valid JSON"))
}

/// The link payload for a scenario.
///
/// # Example
/// ```
/// use deal_model::{link, Scenario};
/// let mut s = Scenario::default();
/// s.contract.ramp_delay_months = 6;
/// let text = link::encode(&s);
/// assert!(text.len() < 200);
/// assert_eq!(link::decode(&text).unwrap(), s);
/// ```
#[inline]
pub fn encode(s: &Scenario) -> String {
    let base = base(u64::from(SCHEMA_VERSION)).expect("the current version has a frozen base");
    let value = codec::to_value(s);
    let mut patch = diff(&base, &value);
    whole_numbers(&mut patch);
    let payload = json!({ "v": SCHEMA_VERSION, "p": patch }).to_string();
    let packed = miniz_oxide::deflate::compress_to_vec(payload.as_bytes(), 9);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
}

/// Reads a link payload back into a validated scenario.
///
/// # Errors
/// [`ModelError::Unreadable`] for a damaged or truncated link, [`ModelError::NewerVersion`] for
/// a link from a newer version, [`ModelError::Invalid`] for out-of-range values.
#[inline]
pub fn decode(text: &str) -> Result<Scenario, ModelError> {
    let unreadable = |m: &str| {
        ModelError::Unreadable(FieldError::new("", format!("the link is damaged or incomplete ({m})")))
    };
    if text.len() > MAX_LINK_CHARS {
        return Err(ModelError::TooLarge { bytes: text.len(), limit: MAX_LINK_CHARS });
    }
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim().trim_end_matches('='))
        .map_err(|_| unreadable("not base64url"))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED_BYTES)
        .map_err(|_| unreadable("does not decompress"))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| unreadable("not UTF-8"))?;
    let payload: Value = codec::parse_value(text).map_err(|_| unreadable("not JSON"))?;
    let version = payload.get("v").and_then(Value::as_u64).ok_or_else(|| unreadable("no schema version"))?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ModelError::NewerVersion { found: version, supported: SCHEMA_VERSION });
    }
    let mut value = base(version).ok_or_else(|| unreadable("unknown schema version"))?;
    merge(&mut value, payload.get("p").ok_or_else(|| unreadable("no scenario"))?);
    // A patch that is not an object replaces the whole document (RFC 7386): not a scenario.
    let Some(object) = value.as_object_mut() else { return Err(unreadable("not a scenario")) };
    object.insert("schema_version".to_owned(), json!(version));
    let scenario = codec::from_value(value)?;
    let problems = validate::problems(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(ModelError::Invalid(problems))
    }
}

/// The merge patch that turns `base` into `new` (objects recursively; anything else whole).
fn diff(base: &Value, new: &Value) -> Value {
    match (base, new) {
        (Value::Object(b), Value::Object(n)) => {
            let mut patch = Map::new();
            for (k, v) in n {
                match b.get(k) {
                    Some(old) if old == v => {}
                    Some(old) => {
                        patch.insert(k.clone(), diff(old, v));
                    }
                    None => {
                        patch.insert(k.clone(), v.clone());
                    }
                }
            }
            for k in b.keys().filter(|k| !n.contains_key(*k)) {
                patch.insert(k.clone(), Value::Null);
            }
            Value::Object(patch)
        }
        _ => new.clone(),
    }
}

/// Writes whole-number floats as integers (`200` for `200.0`): a float field reads either the
/// same, so links are shorter and still decode to the same bits. Negative zero and numbers past
/// 2^53 stay floats.
fn whole_numbers(v: &mut Value) {
    match v {
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            if x.fract() == 0.0 && x.abs() < 9.0e15 && !(x == 0.0 && x.is_sign_negative()) {
                *v = Value::from(x as i64);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(whole_numbers),
        Value::Object(o) => o.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// Applies an RFC 7386 merge patch.
fn merge(target: &mut Value, patch: &Value) {
    if let Value::Object(p) = patch {
        if !target.is_object() {
            *target = Value::Object(Map::new());
        }
        let t = target.as_object_mut().expect("just made an object");
        for (k, v) in p {
            if v.is_null() {
                t.remove(k);
            } else {
                merge(t.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    } else {
        *target = patch.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_a_tiny_link_and_round_trips() {
        let text = encode(&Scenario::default());
        assert!(text.len() < 40, "{text}");
        assert_eq!(decode(&text).unwrap(), Scenario::default());
    }

    #[test]
    fn a_heavily_edited_scenario_stays_under_2000_characters() {
        let mut s = Scenario {
            name: "Three-site portfolio with custom silicon and a slipped ramp".to_owned(),
            ..Scenario::default()
        };
        s.contract.ramp_schedule = (1..=24).map(|m| crate::units::Fraction(f64::from(m) / 24.0)).collect();
        s.contract.annual_escalator.0 = 0.035;
        for a in &mut s.hardware.catalog {
            a.unit_price.0 *= 1.13;
            a.source = format!("{} (adjusted by the user)", a.source);
        }
        crate::inputs::input("facility.sites").unwrap().set(&mut s, 3.0);
        let text = encode(&s);
        assert!(text.len() < 2000, "{} characters", text.len());
        assert_eq!(decode(&text).unwrap(), s);
    }

    /// Whole-number floats travel as integers and come back as the same floats; negative zero
    /// and a float past 2^53 stay floats.
    #[test]
    fn whole_numbers_shorten_a_link_and_come_back_to_the_bit() {
        let mut s = Scenario::default();
        s.contract.monthly_commitment.0 = 1.3e9;
        s.facility.site_power_cap_mw = 200.0;
        let back = decode(&encode(&s)).unwrap();
        assert_eq!(back.contract.monthly_commitment.0.to_bits(), 1.3e9f64.to_bits());
        assert_eq!(back, s);
        let mut v = json!({"a": 200.0, "b": -0.0, "c": 1e300, "d": [2.5, 3.0], "e": 7});
        whole_numbers(&mut v);
        assert_eq!(v.to_string(), r#"{"a":200,"b":-0.0,"c":1e+300,"d":[2.5,3],"e":7}"#);
    }

    #[test]
    fn damaged_newer_and_invalid_links_are_refused_with_a_reason() {
        let text = encode(&Scenario::default());
        assert!(decode(&text[..text.len() / 2]).unwrap_err().to_string().contains("damaged"));
        assert!(decode("!!!").unwrap_err().to_string().contains("not base64url"));
        let pack = |payload: &str| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(miniz_oxide::deflate::compress_to_vec(payload.as_bytes(), 9))
        };
        let newer = SCHEMA_VERSION + 1;
        let payload = format!(r#"{{"v":{newer},"p":{{}}}}"#);
        assert!(
            matches!(decode(&pack(&payload)), Err(ModelError::NewerVersion { found, .. }) if found == u64::from(newer))
        );
        let bad = pack(r#"{"v":1,"p":{"contract":{"utilization":3}}}"#);
        assert!(matches!(decode(&bad), Err(ModelError::Invalid(_))));
        let unknown = pack(r#"{"v":1,"p":{"contract":{"surprise":3}}}"#);
        assert!(decode(&unknown).unwrap_err().to_string().contains("surprise"));
        assert!(matches!(decode(&"A".repeat(MAX_LINK_CHARS + 1)), Err(ModelError::TooLarge { .. })));
        // A patch that is not an object (found by tests/fuzz_decoder.rs; it used to panic).
        for patch in [r#""x""#, "[1]", "null", "7"] {
            let text = pack(&format!(r#"{{"v":3,"p":{patch}}}"#));
            assert!(decode(&text).unwrap_err().to_string().contains("not a scenario"), "{patch}");
        }
    }

    #[test]
    fn merge_patch_follows_rfc_7386() {
        let mut target = json!({"a": {"b": 1, "c": 2}, "d": [1, 2]});
        merge(&mut target, &json!({"a": {"b": null, "c": 3}, "d": [3], "e": "x"}));
        assert_eq!(target, json!({"a": {"c": 3}, "d": [3], "e": "x"}));
        let base = json!({"a": {"b": 1, "c": 2}, "d": [1, 2]});
        let new = json!({"a": {"c": 2}, "d": [1, 2], "e": 5});
        let mut t = base.clone();
        merge(&mut t, &diff(&base, &new));
        assert_eq!(t, new);
    }
}
