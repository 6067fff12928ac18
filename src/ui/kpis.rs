//! The KPI strip: the headline numbers of the current report, each carrying its exact value in
//! `data-value` (what the browser tests compare with the CLI).

use super::kpi_card::KpiCard;
use super::state::ScenarioState;
use crate::format;
use crate::model::kpis::{kpi, KpiUnit};
use leptos::prelude::*;

/// The strip's cards: a KPI of [`model::kpis::KPIS`] and a note on what it counts.
const STRIP: &[(&str, &str)] = &[
    ("usd-per-delivered-gpu-hour", "total payments ÷ delivered GPU-hours"),
    ("usd-per-useful-gpu-hour", "after utilization losses"),
    ("nominal-cost", "nominal, over the term, after any credits"),
    ("npv-cost", "payments discounted to the start"),
    ("paid-for-undelivered", "take-or-pay during slip and ramp"),
    ("earliest-exit-cost", "notice at the earliest month allowed"),
    ("vs-best-alternative", "present value, same GPU-hours, incl. data egress"),
    ("delivered-gpu-hours", "GPU-hours over the term"),
];

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

/// The row of KPI cards.
#[component]
pub fn KpiStrip() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let sim = expect_context::<super::uncertainty::SimState>();
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
                view! { <KpiCard id=k.id label=k.label note=note value=value show=show_of(k.unit) band=band /> }
            }).collect_view()}
        </section>
    }
}
