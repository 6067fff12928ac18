//! The KPI strip: the headline numbers of the current report, each carrying its exact value in
//! `data-value` (what the browser tests compare with the CLI).

use super::kpi_card::KpiCard;
use super::state::ScenarioState;
use crate::format;
use crate::model::kpis::{kpi, KpiUnit};
use leptos::prelude::*;

/// The strip's cards: a KPI of [`model::kpis::KPIS`] and a note on what it counts.
const STRIP: &[(&str, &str)] = &[
    ("usd-per-delivered-gpu-hour", "nominal payments ÷ delivered GPU-hours"),
    ("usd-per-useful-gpu-hour", "nominal payments ÷ (delivered hours × goodput)"),
    ("nominal-cost", "nominal, over the term, after any credits"),
    ("npv-cost", "payments discounted to the start"),
    ("paid-for-undelivered", "take-or-pay during slip and ramp"),
    ("earliest-exit-cost", "notice at the earliest month allowed, if in the term"),
    ("vs-best-alternative", "present value, same compute, incl. data egress"),
    ("delivered-gpu-hours", "GPU-hours over the term"),
];

/// The premium's note when the contract delivers only part of the compute: its row in the
/// comparison (what the premium is taken from) rents the rest, so the premium is not the
/// present value card's figure less the alternative's.
fn premium_note(state: &ScenarioState) -> Option<String> {
    use crate::model::alternatives::Choice;
    state.report.with(|r| {
        let c = r.alternatives.get(Choice::Contract);
        c.rents_part().then(|| {
            format!(
                "present value of the contract's row below ({}: with egress and renting the {} the sites cannot install) less the alternative's",
                format::usd(c.npv_cost.value()),
                format::percent(1.0 - c.own_share).replace(' ', "\u{a0}")
            )
        })
    })
}

/// How a value of this unit is written on a card.
pub fn show_of(unit: KpiUnit) -> fn(f64) -> String {
    match unit {
        KpiUnit::UsdPerGpuHour => format::usd_per_gpu_hour,
        KpiUnit::Usd => format::usd,
        KpiUnit::Count | KpiUnit::Tonnes => format::compact,
        KpiUnit::Share => format::percent,
        KpiUnit::Days => format::days,
        KpiUnit::UsdPerMwh => format::usd_per_mwh,
    }
}

/// How `v` differs from `base` in the KPI's unit, for the compare view: "+$0.33 (+6.3 %)",
/// "-12 days (-12 %)", shares in percentage points ("+2.1 percentage points"), "same" when equal
/// (two runs that never finish included), "–" when only one has a value. The relative change is
/// left out when either figure is below zero or the base is zero (across zero it means
/// nothing); a change too small for the unit's rounding keeps two significant digits
/// ("+$0.0042").
pub fn difference(unit: KpiUnit, v: f64, base: f64) -> String {
    if !(v.is_finite() && base.is_finite()) {
        return if v.is_finite() == base.is_finite() { "same" } else { "–" }.to_owned();
    }
    let d = v - base;
    if d.abs() <= 1e-9 * v.abs().max(base.abs()) || d == 0.0 {
        return "same".to_owned();
    }
    let sign = if d > 0.0 { "+" } else { "-" };
    if unit == KpiUnit::Share {
        return format!("{sign}{} percentage points", format::significant(d.abs() * 100.0, 2));
    }
    let show = show_of(unit);
    let mut absolute = show(d.abs());
    if absolute == show(0.0) {
        // Rounded away by the unit's format: the digits that show it, with the unit's sign.
        let digits = format::significant(d.abs(), 2);
        absolute = if absolute.starts_with('$') { format!("${digits}") } else { digits };
    }
    // A relative change of a negative figure, or across zero ("a saving became a premium"),
    // says nothing a reader can use: the difference stands alone.
    if base <= 0.0 || v < 0.0 {
        return format!("{sign}{absolute}");
    }
    // "< 0.001 %" and "> 99.999 %" carry their own comparison: no sign before them.
    let relative = format::percent(d.abs() / base.abs());
    let relative = if relative.starts_with(['<', '>']) { relative } else { format!("{sign}{relative}") };
    format!("{sign}{absolute} ({relative})")
}

/// What the lines under the figures are, for the strip's caption on screen and the printed
/// header (where no tooltip reads); `None` while nothing is simulated.
pub fn spread_caption(sim: super::uncertainty::SimState) -> Option<String> {
    sim.spread.with(|sp| {
        let sp = sp.as_ref().filter(|sp| sp.done > 0)?;
        let seed = sim.settings.with(|s| s.as_ref().map(|u| u.seed))?;
        let total = format::compact(sp.total as f64);
        let so_far = match (sp.done < sp.total, sim.running.get()) {
            (false, _) => String::new(),
            (true, true) => format!(" (so far, of {total})"),
            (true, false) => format!(" (stopped before {total})"),
        };
        Some(format!(
            "Under a figure: its median, and in parentheses the 5th to 95th percentile, over {} simulated scenarios{so_far}, seed {seed}.",
            format::compact(sp.done as f64)
        ))
    })
}

/// The row of KPI cards.
#[component]
pub fn KpiStrip() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let sim = expect_context::<super::uncertainty::SimState>();
    // One paragraph, its text updated as the samples arrive (not rebuilt at each refresh).
    let caption = Memo::new(move |_| spread_caption(sim));
    view! {
        <section class="kpis" aria-label="Key figures">
            {STRIP.iter().filter_map(|&(id, note)| kpi(id).map(|(_, k)| (k, note))).map(|(k, note)| {
                let value = Signal::derive(move || state.report.with(|r| (k.value)(r)));
                let band = Signal::derive(move || {
                    sim.spread.with(|sp| {
                        let sp = sp.as_ref()?;
                        let s = sp.kpis.iter().find(|x| x.id == k.id)?.summary;
                        (s.n > 0).then_some((s.p5, s.p50, s.p95))
                    })
                });
                let note_now = Signal::derive(move || (k.id == "vs-best-alternative").then(|| premium_note(&state)).flatten());
                view! { <KpiCard id=k.id label=k.label note=note value=value show=show_of(k.unit) band=band note_now=note_now /> }
            }).collect_view()}
        </section>
        <p class="kpi-caption muted" id="kpi-caption" hidden=move || caption.with(Option::is_none)>
            {move || caption.get().unwrap_or_default()}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_carry_sign_unit_and_relative_change() {
        assert_eq!(difference(KpiUnit::UsdPerGpuHour, 5.59, 5.26), "+$0.33 (+6.3 %)");
        assert_eq!(difference(KpiUnit::Usd, 40e9, 45e9), "-$5B (-11.1 %)");
        assert_eq!(difference(KpiUnit::Days, 88.0, 100.0), "-12 days (-12 %)");
        assert_eq!(difference(KpiUnit::Share, 0.921, 0.9), "+2.1 percentage points");
        assert_eq!(difference(KpiUnit::Usd, 3e6, 0.0), "+$3M");
        assert_eq!(difference(KpiUnit::Usd, 45e9, 45e9), "same");
        // A loss made larger reads as a larger negative; across zero or below it, no percentage.
        assert_eq!(difference(KpiUnit::Usd, -2e9, -1e9), "-$1B");
        assert_eq!(difference(KpiUnit::Usd, 29.3e9, -2.89e9), "+$32.2B");
        assert_eq!(difference(KpiUnit::Usd, -1e9, 2e9), "-$3B");
        // Runs that never finish: both never is the same; one never has no difference to give.
        assert_eq!(difference(KpiUnit::Days, f64::INFINITY, f64::NAN), "same");
        assert_eq!(difference(KpiUnit::Days, f64::INFINITY, 100.0), "–");
        // Too small for the unit's rounding: still shown, and the tiny relative change unsigned.
        assert_eq!(difference(KpiUnit::UsdPerGpuHour, 5.2642, 5.26), "+$0.0042 (+0.1 %)");
        assert_eq!(difference(KpiUnit::Usd, 45e9 + 300.0, 45e9), "+$300 (< 0.001 %)");
    }
}
