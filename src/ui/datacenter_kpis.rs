//! The datacenter's headline numbers and whether the sites' power caps bind.

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
        view! {
            <div class="kpi" data-kpi=id data-value=move || value(&t()).to_string()>
                <div class="kpi-label">{label}</div>
                <div class="kpi-value">{move || show(value(&t()))}</div>
                <div class="kpi-note">{note}</div>
            </div>
        }
    };
    view! {
        <section class="datacenter-summary" aria-labelledby="dc-title">
            <h2 id="dc-title" class="section-heading">"Datacenter"</h2>
            <Show when=move || t().power_limited>
                <div class="banner warning" role="status" data-testid="power-limited">
                    {move || {
                        let t = t();
                        format!(
                            "Power-limited: the sites' {} cap fits only {} of the {} accelerators planned in the hottest month. Add sites, power or a lower-PUE design.",
                            format::megawatts(t.power_cap_mw),
                            format::compact(t.gpus_that_fit),
                            format::compact(t.peak_planned_gpus)
                        )
                    }}
                </div>
            </Show>
            <div class="kpis">
                {card("peak-facility-mw", "Peak facility power", |t| t.peak_facility_mw, format::megawatts, "IT × PUE, hottest month")}
                {card("peak-it-mw", "Peak IT load", |t| t.peak_it_mw, format::megawatts, "accelerators, hosts, network")}
                {card("peak-installed", "Accelerators installed", |t| t.peak_installed_gpus, format::compact, "at the peak")}
                {card("racks", "Racks", |t| t.peak_racks, format::compact, "at the peak")}
                {card("dc-capex", "Capital", |t| t.capex.value(), format::usd, "IT and facility, if built")}
                {card("water", "Water", |t| t.water_m3, |v| format!("{} m³", format::compact(v)), "over the term")}
            </div>
        </section>
    }
}
