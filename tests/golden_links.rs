//! Links handed out by every schema version keep opening to the same numbers. Each
//! `tests/golden/links/v<N>-*.txt` is a link payload minted when version N was current, with the
//! figures it opened to in the sibling `.expected.json`. These files are never regenerated: when
//! the schema changes, add new ones and keep the old.

use deal_explorer::model::alternatives::Choice;
use deal_explorer::model::{evaluate, link, resilience};
use std::path::Path;

#[test]
fn every_golden_link_opens_to_its_numbers() {
    let dir = Path::new("tests/golden/links");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let payload = std::fs::read_to_string(&path).unwrap();
        let expected_path = path.with_extension("expected.json");
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
        let scenario = link::decode(payload.trim())
            .unwrap_or_else(|e| panic!("{} no longer opens: {e}", path.display()));
        let r = evaluate(&scenario).unwrap();
        let got = [
            ("nominal_cost", r.contract.totals.nominal_cost.value()),
            ("npv_cost", r.contract.totals.npv_cost.value()),
            ("usd_per_delivered_gpu_hour", r.contract.totals.usd_per_delivered_gpu_hour.value()),
            ("peak_facility_mw", r.datacenter.totals.peak_facility_mw),
            ("capex", r.datacenter.totals.capex.value()),
        ];
        for (key, value) in got {
            let want = expected[key].as_f64().unwrap();
            assert!(
                (value - want).abs() <= 1e-9 * want.abs().max(1.0),
                "{}: {key} was {want}, now {value}",
                path.display()
            );
        }
        // Links from schema version 2 on also pin the energy model, from 3 on the training model,
        // from 5 on data movement and the premium it feeds.
        let training = &r.training;
        for (key, value) in [
            ("energy_cost", r.energy.totals.cost.value()),
            ("unserved_mwh", r.energy.totals.unserved_mwh),
            ("gpu_hours_lost", r.energy.totals.gpu_hours_lost.value()),
            ("training_term_flop", training.term_flop),
            ("training_days_to_train", training.fleet.days_to_train.unwrap_or(f64::NAN)),
            (
                "training_cost_per_run",
                training.fleet.cost_per_run.map_or(f64::NAN, deal_explorer::model::units::Usd::value),
            ),
            ("data_term_cost", r.alternatives.data.of(Choice::Contract).term_cost.value()),
            ("data_link_share", r.alternatives.data.link_share),
            ("premium_over_best", r.alternatives.premium_over(r.alternatives.best_alternative().option)),
            ("premium_over_reserved_3yr", r.alternatives.premium_over(Choice::Reserved3Yr)),
        ] {
            if let Some(want) = expected.get(key).and_then(serde_json::Value::as_f64) {
                assert!(
                    (value - want).abs() <= 1e-9 * want.abs().max(1.0),
                    "{}: {key} was {want}, now {value}",
                    path.display()
                );
            }
        }
        assert_eq!(serde_json::to_value(r.alternatives.cheapest).unwrap(), expected["cheapest"]);
        // Links from schema version 4 on reopen their uncertainty settings exactly.
        if let Some(want) = expected.get("uncertainty") {
            assert_eq!(&serde_json::to_value(&scenario.uncertainty).unwrap(), want, "{}", path.display());
        }
        // Links from before schema version 6 get the default layout over their facility's sites.
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let version: u32 = name[1..name.find('-').unwrap()].parse().unwrap();
        if version < 6 {
            let sites = scenario.facility.sites.min(resilience::MAX_SITES as u32);
            assert_eq!(scenario.resilience, resilience::Resilience::deal_default(sites), "{name}");
        } else {
            assert!(expected.get("resilience").is_some(), "{name} must pin its resilience settings");
        }
        // Links from schema version 6 on reopen their resilience settings and its figures exactly.
        if let Some(want) = expected.get("resilience") {
            assert_eq!(&serde_json::to_value(&scenario.resilience).unwrap(), want, "{}", path.display());
            let report = resilience::simulate(&scenario).unwrap();
            let got = serde_json::json!({
                "resilience_availability": report.layouts.iter().map(|l| l.availability).collect::<Vec<_>>(),
                "resilience_p_below_half": report.layouts.iter().map(|l| l.p_below[9]).collect::<Vec<_>>(),
                "resilience_largest_event": report.concentration.largest_event,
            });
            for key in ["resilience_availability", "resilience_p_below_half", "resilience_largest_event"] {
                assert_eq!(got[key], expected[key], "{}: {key}", path.display());
            }
        }
        checked += 1;
    }
    assert!(checked >= 9, "golden links are missing");
}
