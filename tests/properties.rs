//! Properties of the model over generated scenarios: every input drawn across its slider range
//! (valid scenarios) or from arbitrary floats (anything a URL or file could hold).

use deal_explorer::model::inputs::INPUTS;
use deal_explorer::model::scenario::PricingBasis;
use deal_explorer::model::training::{Precision, RunSize};
use deal_explorer::model::units::{Fraction, PerYear, Usd};
use deal_explorer::model::{codec, evaluate, link, Report, Scenario};
use proptest::prelude::*;

/// A valid scenario: each registry input at a point of its slider range, then the
/// cross-field rules made to hold (delay inside the term, ordered SLA bands, …).
fn valid_scenario() -> impl Strategy<Value = Scenario> {
    (prop::collection::vec(0.0..=1.0f64, INPUTS.len()), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(points, per_hour, by_model, fp8)| {
            let mut s = Scenario::default();
            for (spec, t) in INPUTS.iter().zip(points) {
                let (lo, hi) = spec.slider;
                spec.set(&mut s, lo + (hi - lo) * t);
            }
            let c = &mut s.contract;
            c.pricing = if per_hour { PricingBasis::PerGpuHour } else { PricingBasis::FixedMonthly };
            c.ramp_delay_months = c.ramp_delay_months.min(c.term_months - 1);
            c.ramp_months = c.ramp_months.min(c.term_months);
            c.termination.notice_days = c.termination.notice_days.min(c.term_months * 30);
            let term = c.term_months;
            let f = &mut s.facility;
            f.construction_months = f.construction_months.min(term - 1);
            f.interconnect_months = f.interconnect_months.min(term - 1);
            let c = &mut s.contract;
            let mut below: Vec<f64> = c.sla.credit_bands.iter().map(|b| b.below.value()).collect();
            below.sort_by(|a, b| b.total_cmp(a));
            for (i, band) in c.sla.credit_bands.iter_mut().enumerate() {
                band.below = Fraction(below[i] - 0.001 * i as f64);
            }
            s.training.run_size = if by_model { RunSize::ModelAndTokens } else { RunSize::Compute };
            s.training.precision = if fp8 { Precision::Fp8 } else { Precision::Bf16 };
            s
        },
    )
}

/// Sets a registry input by id (through its setter, which keeps dependent fields consistent).
fn set(s: &mut Scenario, id: &str, v: f64) {
    deal_explorer::model::inputs::input(id).expect("a registry input").set(s, v);
}

/// Every number in the report's JSON is finite (`serde_json` writes NaN and ±inf as null, so
/// a null anywhere but in the few optional fields means a non-finite number).
fn assert_finite(report: &Report) {
    fn walk(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::Null => {
                let optional = [
                    "fully_ramped",
                    "earliest_exit",
                    "breakeven_month",
                    "last_paid_month",
                    "days_to_train",
                    "cost_per_run",
                    "per_run",
                    "per_1e24_flop",
                    "mwh_per_run",
                    "co2_t_per_run",
                    "first_run_done",
                ];
                assert!(optional.iter().any(|k| path.ends_with(k)), "non-finite number at {path}");
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"));
                }
            }
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    walk(x, &format!("{path}.{k}"));
                }
            }
            _ => {}
        }
    }
    walk(&serde_json::to_value(report).unwrap(), "");
}

/// 256 random cases a run; `PROPTEST_CASES=5000` for a longer hunt.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn valid_scenarios_evaluate_to_finite_reports(s in valid_scenario()) {
        let report = evaluate(&s).expect("generated scenarios are valid");
        assert_finite(&report);
    }

    #[test]
    fn arbitrary_inputs_are_rejected_or_evaluated_never_a_panic(
        values in prop::collection::vec(prop_oneof![any::<f64>(), -1e3..1e3f64, Just(f64::NAN), Just(1e308)], INPUTS.len())
    ) {
        let mut s = Scenario::default();
        for (spec, v) in INPUTS.iter().zip(values) {
            spec.set(&mut s, v);
        }
        if let Ok(report) = evaluate(&s) {
            assert_finite(&report);
        }
    }

    #[test]
    fn json_round_trip_is_identity(s in valid_scenario()) {
        let text = codec::to_json_pretty(&s);
        prop_assert_eq!(codec::parse_json(&text).unwrap(), s);
    }

    #[test]
    fn link_round_trip_is_identity(s in valid_scenario()) {
        prop_assert_eq!(link::decode(&link::encode(&s)).unwrap(), s);
    }

    #[test]
    fn arbitrary_link_text_is_refused_or_opened_never_a_panic(text in "[A-Za-z0-9_-]{0,400}") {
        let _ = link::decode(&text);
    }

    #[test]
    fn credits_never_exceed_invoices_and_payments_are_never_negative(s in valid_scenario()) {
        let r = evaluate(&s).unwrap();
        for m in &r.contract.months {
            prop_assert!(m.credits.value() <= m.invoice.value() + 1e-6);
            prop_assert!(m.payment.value() >= -1e-6);
        }
    }

    #[test]
    fn npv_at_zero_rate_equals_nominal(mut s in valid_scenario()) {
        s.contract.discount_rate = PerYear(0.0);
        let t = evaluate(&s).unwrap().contract.totals;
        prop_assert_eq!(t.npv_cost, t.nominal_cost);
    }

    /// Under a full take-or-pay commitment with no late-delivery credit (the reported deal's
    /// structure), a longer slip never lowers the cost per delivered GPU-hour.
    #[test]
    fn more_delay_never_lowers_cost_per_delivered_hour(mut s in valid_scenario(), extra in 1u32..12) {
        s.contract.take_or_pay = Fraction(1.0);
        s.contract.delay_credit = Fraction(0.0);
        let before = evaluate(&s).unwrap().contract.totals.usd_per_delivered_gpu_hour;
        s.contract.ramp_delay_months = (s.contract.ramp_delay_months + extra).min(s.contract.term_months - 1);
        let after = evaluate(&s).unwrap().contract.totals.usd_per_delivered_gpu_hour;
        prop_assert!(after.value() >= before.value() * (1.0 - 1e-12), "{before:?} -> {after:?}");
    }

    #[test]
    fn walking_away_never_costs_more_than_the_term_plus_the_fee(s in valid_scenario()) {
        let r = evaluate(&s).unwrap().contract;
        for t in &r.termination {
            prop_assert!(t.total_cost.value() <= r.totals.nominal_cost.value() + s.contract.termination.fee.value() + 1e-3);
        }
    }

    /// For the same installed fleet (no binding power cap: with one, a higher PUE installs fewer
    /// GPUs and so costs less), a higher PUE never makes building cheaper.
    #[test]
    fn a_higher_pue_never_makes_building_cheaper(mut s in valid_scenario(), bump in 0.01..0.5f64) {
        set(&mut s, "facility.sites", 10.0);
        s.facility.site_power_cap_mw = 10_000.0;
        let build = |s: &Scenario| evaluate(s).unwrap().alternatives.options.last().unwrap().nominal_cost;
        let before = build(&s);
        let mut t = s.clone();
        t.facility.pue = (t.facility.pue + bump).min(3.0);
        prop_assert!(build(&t) >= before);
    }

    #[test]
    fn a_higher_pue_never_lowers_facility_power(s in valid_scenario(), bump in 0.01..0.5f64) {
        let mut uncapped = s.clone();
        uncapped.facility.site_power_cap_mw = 10_000.0;
        set(&mut uncapped, "facility.sites", 10.0);
        let peak = |s: &Scenario| evaluate(s).unwrap().datacenter.totals.peak_facility_mw;
        let before = peak(&uncapped);
        uncapped.facility.pue = (uncapped.facility.pue + bump).min(3.0);
        prop_assert!(peak(&uncapped) >= before);
    }

    #[test]
    fn a_power_cap_is_never_exceeded(s in valid_scenario()) {
        let dc = evaluate(&s).unwrap().datacenter;
        for m in &dc.months {
            prop_assert!(m.facility_mw <= dc.totals.power_cap_mw * (1.0 + 1e-12), "{} > {}", m.facility_mw, dc.totals.power_cap_mw);
            prop_assert!(m.installed_gpus <= m.planned_gpus * (1.0 + 1e-12));
        }
    }

    #[test]
    fn a_bigger_commitment_never_costs_less(mut s in valid_scenario(), k in 1.0..3.0f64) {
        s.contract.pricing = PricingBasis::FixedMonthly;
        let before = evaluate(&s).unwrap().contract.totals.nominal_cost;
        s.contract.monthly_commitment = Usd((s.contract.monthly_commitment.value() * k).min(100e9));
        prop_assert!(evaluate(&s).unwrap().contract.totals.nominal_cost >= before);
    }

    /// More grid capacity never leaves more energy unserved or more GPU-hours unpowered (the
    /// outage draws of each source depend only on the seed and its position).
    #[test]
    fn more_grid_never_leaves_more_unserved(s in valid_scenario(), preset in 0usize..5, extra in 1.0..500.0f64) {
        use deal_explorer::model::energy::{presets::EnergyPreset, Source};
        let mut s = s;
        let peak = evaluate(&s).unwrap().datacenter.totals.peak_facility_mw / f64::from(s.facility.sites);
        for site in &mut s.energy.sites {
            site.sources = EnergyPreset::ALL[preset].sources(peak * 0.7);
            site.sources.push(Source::new(deal_explorer::model::energy::SourceKind::Grid, peak * 0.1));
        }
        let before = evaluate(&s).unwrap().energy.totals;
        for site in &mut s.energy.sites {
            if let Some(Source::Grid(g)) = site.sources.last_mut() {
                g.capacity_mw += extra;
            }
        }
        let after = evaluate(&s).unwrap().energy.totals;
        prop_assert!(after.unserved_mwh <= before.unserved_mwh * (1.0 + 1e-9) + 1e-6, "{} -> {}", before.unserved_mwh, after.unserved_mwh);
        prop_assert!(after.gpu_hours_lost.value() <= before.gpu_hours_lost.value() * (1.0 + 1e-9) + 1e-6);
    }

    /// More accelerators never lengthen the time to train the target run (delivery, power caps
    /// and energy shortfalls included), and neither does a higher MFU.
    ///
    /// For more accelerators, batteries are taken out: with one the claim does not hold in this
    /// model. The time to train is set by the fleet's best month, and the dispatch serves every
    /// accelerator it can hour by hour, carrying battery charge from month to month: a smaller
    /// fleet short for 8 hours in November meets December with a nearly full battery, a bigger
    /// one short all November meets it empty, so the smaller fleet's December can be the better
    /// one (CI found 0.72402 → 0.72425 days; the case is in properties.proptest-regressions). An
    /// operator could idle the extra accelerators to save the charge; the model does not.
    #[test]
    fn more_accelerators_or_mfu_never_lengthen_training(s in valid_scenario(), k in 1.0..2.0f64, mfu in 0.0..0.3f64) {
        use deal_explorer::model::energy::Source;
        let days = |s: &Scenario| evaluate(s).unwrap().training.fleet.days_to_train.unwrap_or(f64::INFINITY);
        // A higher MFU: batteries and all (the power drawn does not change).
        let mut faster = s.clone();
        faster.training.mfu = Fraction((faster.training.mfu.value() + mfu).min(1.0));
        prop_assert!(days(&faster) <= days(&s) * (1.0 + 1e-9));
        let mut s = s;
        for site in &mut s.energy.sites {
            site.sources.retain(|source| !matches!(source, Source::Battery(_)));
        }
        let before = days(&s);
        let mut bigger = s.clone();
        bigger.contract.gpus = ((f64::from(s.contract.gpus) * k).round() as u32).min(3_000_000);
        prop_assert!(days(&bigger) <= before * (1.0 + 1e-9), "{} -> {}", before, days(&bigger));
    }
}
