//! The KPI strip: the headline numbers of the current report, each carrying its exact value in
//! `data-value` (what the browser tests compare with the CLI).

use super::kpi_card::KpiCard;
use super::state::ScenarioState;
use crate::format;
use crate::model::Report;
use leptos::prelude::*;

/// One headline number.
struct Kpi {
    id: &'static str,
    label: &'static str,
    value: fn(&Report) -> f64,
    show: fn(f64) -> String,
    note: &'static str,
}

const KPIS: &[Kpi] = &[
    Kpi {
        id: "usd-per-delivered-gpu-hour",
        label: "Cost per delivered GPU-hour",
        value: |r| r.contract.totals.usd_per_delivered_gpu_hour.value(),
        show: format::usd_per_gpu_hour,
        note: "total payments ÷ delivered GPU-hours",
    },
    Kpi {
        id: "usd-per-useful-gpu-hour",
        label: "Cost per useful GPU-hour",
        value: |r| r.contract.totals.usd_per_useful_gpu_hour.value(),
        show: format::usd_per_gpu_hour,
        note: "after utilization losses",
    },
    Kpi {
        id: "nominal-cost",
        label: "Total commitment",
        value: |r| r.contract.totals.nominal_cost.value(),
        show: format::usd,
        note: "nominal, over the term",
    },
    Kpi {
        id: "npv-cost",
        label: "Present value",
        value: |r| r.contract.totals.npv_cost.value(),
        show: format::usd,
        note: "payments discounted to the start",
    },
    Kpi {
        id: "paid-for-undelivered",
        label: "Paid for undelivered capacity",
        value: |r| r.contract.totals.paid_for_undelivered.value(),
        show: format::usd,
        note: "take-or-pay during slip and ramp",
    },
    Kpi {
        id: "earliest-exit-cost",
        label: "Walk-away cost",
        value: |r| r.contract.totals.earliest_exit.as_ref().map_or(f64::NAN, |e| e.total_cost.value()),
        show: format::usd,
        note: "notice at the earliest month allowed",
    },
    Kpi {
        id: "vs-best-alternative",
        label: "Premium over best alternative",
        value: |r| r.contract.totals.npv_cost.value() - r.alternatives.best_alternative().npv_cost.value(),
        show: format::usd,
        note: "present value, same GPU-hours",
    },
    Kpi {
        id: "delivered-gpu-hours",
        label: "Delivered GPU-hours",
        value: |r| r.contract.totals.delivered_gpu_hours.value(),
        show: format::compact,
        note: "GPU-hours over the term",
    },
];

/// The row of KPI cards.
#[component]
pub fn KpiStrip() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let sim = expect_context::<super::uncertainty::SimState>();
    view! {
        <section class="kpis" aria-label="Key figures">
            {KPIS.iter().map(|k| {
                let value = Signal::derive(move || state.report.with(|r| (k.value)(r)));
                let band = Signal::derive(move || {
                    sim.spread.with(|sp| {
                        let sp = sp.as_ref()?;
                        let s = sp.kpis.iter().find(|x| x.id == k.id)?.summary;
                        (s.n > 0).then_some((s.p5, s.p50, s.p95))
                    })
                });
                view! { <KpiCard id=k.id label=k.label note=k.note value=value show=k.show band=band /> }
            }).collect_view()}
        </section>
    }
}
