//! Training: the precision and target-run controls in the sidebar, and the results (KPI cards,
//! cost per run by way of buying, the H100 yardstick, public reference runs, two charts).

use super::chart::Chart;
use super::kpi_card::{KpiCard, StatusBanner};
use super::state::ScenarioState;
use super::table_card::{Cell, Row, TableCard};
use crate::charts;
use crate::format;
use crate::model::training::{
    chinchilla_tokens, days_to_train, FleetTraining, Precision, RunSize, TrainingReport, REFERENCE_RUNS,
};
use crate::model::units::Usd;
use leptos::prelude::*;

/// Precision and how the target run is sized, with the Chinchilla helper.
#[component]
pub fn TrainingControls() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let precision = move || state.scenario.with(|s| s.training.precision);
    let by_model = move || state.scenario.with(|s| s.training.run_size == RunSize::ModelAndTokens);
    let implied = move || {
        state.scenario.with(|s| {
            let t = &s.training;
            format!(
                "6 × {}B parameters × {}T tokens = {}.",
                format::sig3(t.parameters / 1e9),
                format::sig3(t.tokens / 1e12),
                format::flop(t.run_flop())
            )
        })
    };
    view! {
        <div class="field select-field" data-field="training.precision">
            <div class="field-head"><label for="training-precision">"Precision"</label></div>
            <select id="training-precision" on:change=move |ev| {
                let fp8 = event_target_value(&ev) == "fp8";
                state.edit(|s| s.training.precision = if fp8 { Precision::Fp8 } else { Precision::Bf16 });
            }>
                {Precision::ALL.into_iter().map(|p| view! {
                    <option value=p.label().to_ascii_lowercase() selected=move || precision() == p>{format!("{} dense peak", p.label())}</option>
                }).collect_view()}
            </select>
            <p class="help">"Llama 3.1 trained in BF16. FP8 doubles the peak but runs at a lower MFU against it; the MFU below does not change with the precision, so set it to what your FP8 runs reach."</p>
        </div>
        <div class="field select-field" data-field="training.run_size">
            <div class="field-head"><label for="training-run-size">"Target run given by"</label></div>
            <select id="training-run-size" on:change=move |ev| {
                let model = event_target_value(&ev) == "model";
                state.edit(|s| s.training.run_size = if model { RunSize::ModelAndTokens } else { RunSize::Compute });
            }>
                <option value="compute" selected=move || !by_model()>{RunSize::Compute.label()}</option>
                <option value="model" selected=by_model>{RunSize::ModelAndTokens.label()}</option>
            </select>
            <Show when=by_model>
                <p class="help">{implied}</p>
                <button type="button" class="link-button" id="chinchilla-tokens"
                    on:click=move |_| state.edit(|s| s.training.tokens = chinchilla_tokens(s.training.parameters))>
                    "Use compute-optimal tokens (20 per parameter, Hoffmann et al. 2022)"
                </button>
            </Show>
        </div>
    }
}

fn days_value(f: &FleetTraining) -> f64 {
    f.days_to_train.unwrap_or(f64::INFINITY)
}

fn usd_or_dash(v: f64) -> String {
    if v.is_finite() {
        format::usd(v)
    } else {
        "–".to_owned()
    }
}

/// The training results.
#[component]
pub fn TrainingSection() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    // Read the training report in place: cloning it (36 months of rows) for each of the seven
    // cards and the tables on every edit is work on the input path for nothing.
    let with_t = move |f: &dyn Fn(&TrainingReport) -> f64| state.report.with(|r| f(&r.training));
    let flop = Memo::new(move |_| state.report.with(|r| charts::training::cumulative_flop(&r.training)));
    let time = Memo::new(move |_| {
        state.last_good.with(|s| {
            state.report.with(|r| {
                charts::training::time_vs_fleet(
                    &r.training,
                    &s.hardware,
                    s.training.precision,
                    f64::from(s.contract.gpus),
                )
            })
        })
    });
    let window = move || state.last_good.with(|s| s.training.window_days);
    let card = move |id: &'static str,
                     label: &'static str,
                     value: fn(&TrainingReport) -> f64,
                     show: fn(f64) -> String,
                     note: &'static str| {
        view! { <KpiCard id=id label=label note=note value=Signal::derive(move || with_t(&value)) show=show /> }
    };
    let never = move || {
        state.report.with(|r| {
            let t = &r.training;
            (t.runs_in_term == 0).then(|| {
                if t.fleet.days_to_train.is_none() {
                    "No accelerator trains: raise the share of the fleet training or check the mix."
                        .to_owned()
                } else {
                    format!(
                        "The target run ({}) does not finish within the contract term on this fleet.",
                        format::flop(t.run_flop)
                    )
                }
            })
        })
    };
    let costs = Signal::derive(move || {
        state.report.with(|r| {
            r.training
                .costs
                .iter()
                .map(|c| {
                    let per_run = c.per_run.map_or(f64::INFINITY, Usd::value);
                    let per_unit = c.per_1e24_flop.map_or(f64::INFINITY, Usd::value);
                    Row::new(
                        format!("{:?}", c.option),
                        c.option.label(),
                        vec![
                            Cell::number(usd_or_dash(per_run), per_run),
                            Cell::number(usd_or_dash(per_unit), per_unit),
                        ],
                    )
                })
                .collect()
        })
    });
    let yardstick = Signal::derive(move || {
        state.report.with(|r| {
            let t = &r.training;
            [("mix", "This mix", &t.fleet), ("h100", "All H100", &t.h100_only)]
                .into_iter()
                .map(|(key, head, f)| {
                    let days = days_value(f);
                    let cost = f.cost_per_run.map_or(f64::INFINITY, Usd::value);
                    Row::new(
                        key,
                        head,
                        vec![
                            Cell::number(format::days(days), days),
                            Cell::number(format::sig3(f.runs_per_year), f.runs_per_year),
                            Cell::number(format::flop(f.largest_run_in_window), f.largest_run_in_window),
                            Cell::number(usd_or_dash(cost), cost),
                        ],
                    )
                })
                .collect()
        })
    });
    let references = Signal::derive(move || {
        let rate = state.report.with(|r| r.training.fleet.peak_flops);
        REFERENCE_RUNS
            .iter()
            .map(|run| {
                let here = days_to_train(run.flop, 1.0, rate, 1.0);
                Row::new(
                    run.name,
                    run.name,
                    vec![
                        Cell::number(format::flop(run.flop), run.flop),
                        Cell::text(format!("{} × {}", format::compact(run.accelerators), run.hardware)),
                        Cell::text(format::percent(run.mfu)),
                        Cell::number(format::days(here), here),
                        Cell::text(run.source),
                    ],
                )
            })
            .collect()
    });
    view! {
        <section class="training-summary" aria-labelledby="training-title">
            <h2 id="training-title" class="section-heading">"Training"</h2>
            <StatusBanner testid="training-never" message=Signal::derive(never) />
            <div class="kpis">
                {card("training-days", "Days to train the target run", |t| days_value(&t.fleet), format::days, "on the fleet's training share, at its peak")}
                {card("training-runs-per-year", "Target runs per year", |t| t.fleet.runs_per_year, format::sig3, "on the training share, back to back")}
                {card("training-cost-per-run", "Contract cost per run", |t| t.fleet.cost_per_run.map_or(f64::INFINITY, Usd::value), usd_or_dash, "GPU-hours the run needs × levelized $/GPU-hr")}
                {card("training-largest-run", "Largest run in the window", |t| t.fleet.largest_run_in_window, format::flop, "set the window under Training")}
                {card("training-runs-in-term", "Target runs in the term", |t| f64::from(t.runs_in_term), format::sig3, "from the first delivery")}
                {card("training-energy-per-run", "Energy per run", |t| t.mwh_per_run.unwrap_or(f64::INFINITY), format::megawatt_hours, "facility energy, incl. cooling")}
                {card("training-co2-per-run", "Emissions per run", |t| t.co2_t_per_run.unwrap_or(f64::INFINITY), |v| if v.is_finite() { format!("{} t CO2", format::compact(v)) } else { "–".to_owned() }, "from the energy mix")}
            </div>
            <Chart spec=flop />
            <Chart spec=time />
            <TableCard id="training-costs" title="One target run, bought each way".to_owned()
                headers=&["Option", "Cost per run", "Cost per 10²⁴ FLOP"] rows=costs
                note="Each option pays for the GPU-hours the run needs at its own levelized $ per delivered GPU-hour (the table above)." />
            <TableCard id="training-yardstick"
                title=Signal::derive(move || format!("This fleet against the same number of H100s ({}-day window)", window()))
                headers=&["Fleet", "Days per run", "Runs / yr", "Largest run in window", "Cost per run"] rows=yardstick />
            <TableCard id="training-references" title="Public training runs, for orientation".to_owned()
                headers=&["Run", "Compute", "Hardware", "MFU", "On this fleet", "Source"] rows=references />
        </section>
    }
}
