//! Fuzzing the import paths (issue 11): every way a scenario enters the app — a link payload,
//! a JSON file, an autosaved document — is attacked with structured mutations of valid
//! documents and raw byte edits. Each case must be refused with an error or open to a valid
//! scenario that evaluates to finite numbers; never a panic. Cases: `PROPTEST_CASES` (default
//! 512); RELIABILITY.md records a long run.

use base64::Engine;
use deal_explorer::model::{codec, evaluate, link, validate, Scenario};
use proptest::prelude::*;
use serde_json::{json, Value};

fn default_value() -> Value {
    codec::to_value(&Scenario::default())
}

/// Every path to a leaf or container in a JSON value, as keys and indices.
fn paths(v: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                here.push(k.clone());
                paths(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(i.to_string());
                paths(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, k| match v {
        Value::Object(o) => o.get_mut(k),
        Value::Array(a) => k.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
        _ => None,
    })
}

/// Hostile replacement values: wrong types, extremes, markup, deep nesting, empties.
fn hostile() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        prop_oneof![Just(1e308), Just(-1e308), Just(0.0), Just(-0.0), Just(5e-324), any::<f64>()]
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[\\PC]{0,40}".prop_map(Value::String),
        Just(json!("<script>alert(1)</script><img src=x onerror=alert(1)>")),
        Just(json!([])),
        Just(json!({})),
        Just(json!({ "grid": {} })),
        Just(json!([[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]])),
        Just(json!("9".repeat(400))),
    ]
}

/// The outcome every import must have: an error, or a valid scenario with a finite report.
fn check(result: Result<Scenario, deal_explorer::model::ModelError>) -> Result<(), TestCaseError> {
    if let Ok(s) = result {
        prop_assert!(validate::problems(&s).is_empty(), "an import returned an invalid scenario");
        let r = evaluate(&s).expect("a validated scenario evaluates");
        let text = serde_json::to_string(&r).unwrap();
        prop_assert!(!text.contains("NaN") && !text.contains("inf"));
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Up to four values anywhere in a valid document replaced by hostile ones, read as a file.
    #[test]
    fn json_documents_with_hostile_values(picks in prop::collection::vec((any::<prop::sample::Index>(), hostile()), 1..4)) {
        let mut doc = default_value();
        let mut all = Vec::new();
        paths(&doc, &mut Vec::new(), &mut all);
        for (index, value) in picks {
            let path = index.get(&all).clone();
            if path.is_empty() {
                doc = value;
            } else if let Some(slot) = at(&mut doc, &path) {
                *slot = value;
            }
        }
        check(codec::parse_json(&doc.to_string()))?;
    }

    /// The same hostile documents delivered as links (deflate + base64url, any version number).
    #[test]
    fn links_with_hostile_patches(index in any::<prop::sample::Index>(), value in hostile(), version in prop_oneof![Just(1u64), Just(2), Just(3), Just(4), any::<u64>()]) {
        let mut all = Vec::new();
        paths(&default_value(), &mut Vec::new(), &mut all);
        let path = index.get(&all);
        let mut patch = value;
        for key in path.iter().rev() {
            patch = json!({ key.clone(): patch });
        }
        let payload = json!({ "v": version, "p": patch }).to_string();
        let packed = miniz_oxide::deflate::compress_to_vec(payload.as_bytes(), 6);
        check(link::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)))?;
    }

    /// Raw byte edits (insert, delete, overwrite, truncate) of a valid JSON document.
    #[test]
    fn json_text_with_byte_edits(edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..8)) {
        let mut bytes = codec::to_json_pretty(&Scenario::default()).into_bytes();
        for (index, op, b) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = index.index(bytes.len());
            match op {
                0 => bytes.insert(i, b),
                1 => { bytes.remove(i); }
                2 => bytes[i] = b,
                _ => bytes.truncate(i),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        check(codec::parse_json(&text))?;
    }

    /// Byte edits of a valid link payload.
    #[test]
    fn link_text_with_byte_edits(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..6)) {
        let mut s = Scenario::default();
        s.contract.ramp_delay_months = 4;
        s.training.mfu.0 = 0.3;
        let mut text: Vec<char> = link::encode(&s).chars().collect();
        for (index, c) in edits {
            let i = index.index(text.len());
            text[i] = c;
        }
        check(link::decode(&text.into_iter().collect::<String>()))?;
    }
}
