//! The energy results: KPI cards, one week of hourly dispatch with a week picker, the monthly
//! mix, and the energy presets compared on cost and carbon.

use super::chart::Chart;
use super::kpi_card::{KpiCard, StatusBanner};
use super::state::ScenarioState;
use crate::charts::energy;
use crate::format;
use crate::model::energy::dispatch::EnergyTotals;
use leptos::prelude::*;

/// The week picker's value for "show the worst week".
const AUTO: usize = usize::MAX;

/// The energy section of the results.
#[component]
pub fn EnergySection() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    // The week picked on the slider; `AUTO` shows the worst week.
    let chosen = RwSignal::new(AUTO);
    let weeks = Memo::new(move |_| state.report.with(|r| r.energy.weeks()));
    let telling = Memo::new(move |_| state.report.with(|r| r.energy.telling_week()));
    let week = Memo::new(move |_| {
        let n = weeks.get().max(1);
        match chosen.get() {
            AUTO => telling.get().0,
            w => w.min(n - 1),
        }
    });
    // What the week shown is, when the explorer picked it.
    let why = move || {
        (chosen.get() == AUTO).then(|| {
            if telling.get().1 {
                " · the week with the most load unserved"
            } else {
                " · no hour is short of power: the first week of the busiest month"
            }
        })
    };
    let start = move || state.last_good.with(|s| s.contract.start);
    // The site whose week is shown (`None`: all of them, summed); a site since removed shows all.
    let site = RwSignal::new(None::<usize>);
    let site_names = Memo::new(move |_| {
        state.report.with(|r| r.energy.sites.iter().map(|s| s.name.clone()).collect::<Vec<_>>())
    });
    let shown_site = Signal::derive(move || site.get().filter(|i| *i < site_names.with(Vec::len)));
    let week_spec = Memo::new(move |_| {
        let w = week.get();
        let at = shown_site.get();
        state.report.with(|r| energy::week_dispatch(&r.energy, start(), w, at))
    });
    let compare = RwSignal::new(false);
    let mix = Memo::new(move |_| state.report.with(|r| energy::monthly_mix(&r.energy)));
    let options = Memo::new(move |_| {
        let scenario = state.last_good.get();
        state.report.with(|r| energy::cost_vs_carbon(&energy::option_points(&scenario.energy, r)))
    });
    let t = move || state.report.with(|r| r.energy.totals.clone());
    let card = move |id: &'static str,
                     label: &'static str,
                     value: fn(&EnergyTotals) -> f64,
                     show: fn(f64) -> String,
                     note: &'static str| {
        view! { <KpiCard id=id label=label note=note value=Signal::derive(move || value(&t())) show=show /> }
    };
    let short = move || t().hours_short > 0;
    view! {
        <section class="energy-summary" aria-labelledby="energy-title">
            <h2 id="energy-title" class="section-heading">"Energy"</h2>
            <StatusBanner testid="power-short" message=Signal::derive(move || short().then(|| {
                        let t = t();
                        format!(
                            "Power falls short in {} hours ({} unserved): {} GPU-hours lost, which lowers delivered capacity and can trigger SLA credits.",
                            format::count(f64::from(t.hours_short)),
                            format::megawatt_hours(t.unserved_mwh),
                            format::compact(t.gpu_hours_lost.value())
                        )
                    })) />
            <div class="kpis">
                {card("energy-blended", "Blended energy cost", |t| if t.served_mwh > 0.0 { t.blended_price.value() } else { f64::NAN }, format::usd_per_mwh, "per MWh served, incl. on-site capital")}
                {card("energy-annual-cost", "Energy cost per year", |t| t.annual_cost.value(), format::usd, "all sites")}
                {card("energy-co2", "Emissions per year", |t| t.annual_co2_t, |v| format!("{} t CO2", format::compact(v)), "grid and on-site gas")}
                {card("energy-intensity", "Carbon intensity", |t| t.g_co2_per_kwh, |v| format!("{} g/kWh", format::sig3(v)), "per kWh served")}
                {card("energy-powered", "Hours fully powered", |t| t.fully_powered_share.value(), format::percent, "every site, every hour with load")}
                {card("energy-renewable", "Renewable share", |t| t.renewable_share.value(), format::percent, "of energy drawn from sources")}
                {card("energy-capex", "On-site plant capital", |t| t.onsite_capex.value(), format::usd, "gas and batteries")}
            </div>
            <div class="week-picker">
                <label for="energy-week">"Week shown"</label>
                <input id="energy-week" type="range" min="1" max=move || weeks.get().max(1).to_string() step="1"
                    prop:value=move || (week.get() + 1).to_string()
                    on:input=move |ev| { if let Ok(w) = event_target_value(&ev).parse::<usize>() { chosen.set(w.saturating_sub(1)); } } />
                <span class="week-label" aria-live="polite">{move || format!("Week {} of {}: {}{}", week.get() + 1, weeks.get(), energy::week_label(start(), week.get()), why().unwrap_or(""))}</span>
                <Show when=move || chosen.get() != AUTO>
                    <button type="button" class="link-button" id="energy-week-auto"
                        on:click=move |_| { chosen.set(AUTO); super::popover::focus_later("energy-week"); }>
                        {move || if telling.get().1 { "Show the worst week" } else { "Show the busiest month's first week" }}
                    </button>
                </Show>
            </div>
            <Show when=move || site_names.with(|n| n.len() > 1)>
                <div class="week-picker site-picker">
                    <label for="energy-site">"Site shown"</label>
                    <select id="energy-site" on:change=move |ev| site.set(event_target_value(&ev).parse::<usize>().ok())>
                        <option value="all" selected=move || shown_site.get().is_none()>"All sites, summed"</option>
                        {move || site_names.get().into_iter().enumerate().map(|(i, name)| view! {
                            <option value=i.to_string() selected=move || shown_site.get() == Some(i)>{name}</option>
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <Chart spec=week_spec />
            <Chart spec=mix />
            // Five extra hourly dispatches per edit: computed only while the user asks for them.
            <button type="button" class="button compare-presets" aria-expanded=move || compare.get().to_string()
                on:click=move |_| compare.update(|c| *c = !*c)>
                {move || if compare.get() { "Hide the energy presets" } else { "Compare the energy presets on cost and carbon" }}
            </button>
            {move || compare.get().then(|| view! { <Chart spec=options /> })}
        </section>
    }
}
