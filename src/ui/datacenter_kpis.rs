//! The datacenter's headline numbers and whether the sites' power caps bind.

use super::kpi_card::{KpiCard, StatusBanner};
use super::state::ScenarioState;
use crate::format;
use leptos::prelude::*;

/// Datacenter KPI cards and a power-cap notice.
#[component]
pub fn DatacenterKpis() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let t = move || state.report.with(|r| r.datacenter.totals.clone());
    let card = move |id: &'static str,
                     label: &'static str,
                     value: fn(&crate::model::datacenter::DatacenterTotals) -> f64,
                     show: fn(f64) -> String,
                     note: &'static str| {
        view! { <KpiCard id=id label=label note=note value=Signal::derive(move || value(&t())) show=show /> }
    };
    view! {
        <section class="datacenter-summary" aria-labelledby="dc-title">
            <h2 id="dc-title" class="section-heading">"Datacenter"</h2>
            <StatusBanner testid="power-limited" message=Signal::derive(move || t().power_limited.then(|| {
                        let t = t();
                        format!(
                            "Power-limited: the sites' {} cap fits only {} of the {} accelerators planned in the hottest month. Add sites, power or a lower-PUE design.",
                            format::megawatts(t.power_cap_mw),
                            format::compact(t.gpus_that_fit),
                            format::compact(t.peak_planned_gpus)
                        )
                    })) />
            <div class="kpis">
                {card("peak-facility-mw", "Peak facility power", |t| t.peak_facility_mw, format::megawatts, "IT × PUE, hottest month")}
                {card("peak-it-mw", "Peak IT load", |t| t.peak_it_mw, format::megawatts, "accelerators, hosts, network")}
                {card("peak-installed", "Accelerators installed", |t| t.peak_installed_gpus, format::compact, "at the peak")}
                {card("racks", "Racks", |t| t.peak_racks, format::count, "at the peak")}
                {card("dc-capex", "Capital", |t| t.capex.value(), format::usd, "IT and facility, if built; replacements too")}
                {card("water", "Water", |t| t.water_m3, |v| format!("{} m³", format::compact(v)), "over the term")}
            </div>
        </section>
    }
}
