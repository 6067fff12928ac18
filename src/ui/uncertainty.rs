//! Uncertainty: the sidebar controls (switch, samples, seed, a distribution per uncertain input,
//! the result and threshold examined) and the results (progress with cancel, spread of every
//! headline result, fan chart, histogram with CDF, tornado). The simulation runs in the worker
//! pool ([`super::workers`]); every valid edit cancels the run in flight and starts a new one.

use super::action_select::{self, ActionSelect};
use super::chart::MaybeChart;
use super::number_field::WholeNumberField;
use super::state::ScenarioState;
use super::table_card::{Cell, Row, TableCard};
use super::workers::{self, get, now, set, Pool};
use crate::charts;
use crate::format;
use crate::model::fields::{self, Field};
use crate::model::inputs::{in_unit, trim_number};
use crate::model::uncertainty::dist::Dist;
use crate::model::uncertainty::{
    self, Collector, Correlation, Placement, Simulation, Spread, Swing, UncertainInput, Uncertainty, KPIS,
};
use crate::model::{codec, Scenario};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Valid uncertainty settings and their inputs' labels then.
type Valid = (Uncertainty, Vec<String>);

/// Samples in each worker's first chunk (the first bands appear after about this many).
const FIRST_CHUNK: u32 = 4;
/// Samples per chunk after the first.
const CHUNK: u32 = 16;
/// Least time between two recomputations of the statistics while samples stream in, ms.
const REFRESH_MS: f64 = 120.0;

/// The simulation's results, shared through context.
#[derive(Clone, Copy)]
pub struct SimState {
    /// The latest statistics (partial while running).
    pub spread: RwSignal<Option<Spread>>,
    /// The tornado of the chosen result.
    pub tornado: RwSignal<Vec<Swing>>,
    /// The one-way line of the widest tornado bar: (input, result) pairs in model units.
    pub one_way: RwSignal<Vec<(f64, f64)>>,
    /// Whether samples are still coming.
    pub running: RwSignal<bool>,
    /// Why the simulation could not run (no workers in this browser, or a worker failed).
    pub failure: RwSignal<Option<String>>,
    /// Milliseconds from start to the last statistics.
    pub elapsed: RwSignal<f64>,
    /// Runs started so far (a restart is visible even when it catches up at once).
    pub runs: RwSignal<u32>,
    /// The settings of the run shown (the panel's, or the last valid ones while the panel's
    /// are invalid): the section reads its result, threshold and ranges from these.
    pub settings: RwSignal<Option<Uncertainty>>,
    /// Whether earlier valid settings exist but no longer fit the scenario (so nothing runs);
    /// false when there never were any this session.
    pub unfit: RwSignal<bool>,
}

/// What the answer handler needs about the current run.
struct Run {
    collector: Collector,
    kpi: usize,
    threshold: Option<f64>,
    point: f64,
    started: f64,
    refreshed: f64,
    /// The scenario (JSON) of the tornado asked for and not answered yet: a Cancel drops the
    /// pool's queue, and this asks for it again.
    tornado: Option<String>,
}

/// Starts the simulation machinery: the pool is created the first time a run is asked for.
pub fn provide() -> SimState {
    let state = expect_context::<ScenarioState>();
    let sim = SimState {
        spread: RwSignal::new(None),
        tornado: RwSignal::new(Vec::new()),
        one_way: RwSignal::new(Vec::new()),
        running: RwSignal::new(false),
        failure: RwSignal::new(None),
        elapsed: RwSignal::new(0.0),
        runs: RwSignal::new(0),
        settings: RwSignal::new(None),
        unfit: RwSignal::new(false),
    };
    provide_context(sim);
    let run: Rc<RefCell<Option<Run>>> = Rc::new(RefCell::new(None));
    let pool: Rc<RefCell<Option<Pool>>> = Rc::new(RefCell::new(None));
    let on_answer = {
        let run = run.clone();
        let pool = pool.clone();
        move |data: &wasm_bindgen::JsValue| {
            let kind = get(data, "kind").as_string().unwrap_or_default();
            // A tornado asked for before the result examined changed is of another result (its
            // failure too: it must not end the run of the result shown).
            if kind == "tornado" {
                match run.borrow_mut().as_mut() {
                    Some(r) if get(data, "start").as_f64() == Some(r.kpi as f64) => r.tornado = None,
                    _ => return,
                }
            }
            // A job that failed (or a worker that stopped) ends the run with its message: the
            // run cannot complete, and the last result stays on screen.
            if let Some(e) = get(data, "error").as_string() {
                if let Some(p) = pool.try_borrow().ok().as_ref().and_then(|p| p.as_ref()) {
                    p.cancel();
                }
                run.borrow_mut().take();
                sim.running.set(false);
                sim.failure.set(Some(e));
                return;
            }
            if kind == "tornado" {
                let text = get(data, "swings").as_string().unwrap_or_default();
                if let Ok(answer) = serde_json::from_str::<TornadoAnswer>(&text) {
                    sim.tornado.set(answer.swings.into_iter().map(SwingRow::into_swing).collect());
                    let nan = f64::NAN;
                    sim.one_way.set(
                        answer.line.into_iter().map(|(x, y)| (x.unwrap_or(nan), y.unwrap_or(nan))).collect(),
                    );
                }
                return;
            }
            let mut guard = run.borrow_mut();
            let Some(r) = guard.as_mut() else { return };
            let rows: Vec<f64> = js_sys::Float64Array::new(&get(data, "rows")).to_vec();
            let start = get(data, "start").as_f64().unwrap_or(0.0) as usize;
            r.collector.add(start, &rows);
            let finished = r.collector.done() >= r.collector.total();
            let t = now();
            if finished || t - r.refreshed >= REFRESH_MS {
                r.refreshed = t;
                sim.spread.set(Some(r.collector.spread(r.kpi, r.threshold, r.point)));
                sim.elapsed.set(t - r.started);
            }
            if finished {
                sim.running.set(false);
            }
        }
    };
    let on_answer = Rc::new(on_answer);
    let pool_for_effect = pool.clone();
    let run_for_cancel = run.clone();
    // The last valid settings, and the scenario of the run shown or in flight (none while the
    // simulation is off). While the panel's settings are invalid, the last valid ones run on the
    // current scenario, so the spreads never lag the point estimates; when that is the run
    // already shown (only the settings changed), nothing restarts and a Cancel stays cancelled.
    // The last valid settings keep their inputs' labels: their ids name rows as they were, and
    // after a row is removed or replaced they may name other rows (the panel's own settings are
    // renumbered, these are not), so they run only while every id still names the same field.
    let last_valid: Rc<RefCell<Option<Valid>>> = Rc::default();
    let shown: Rc<RefCell<Option<Scenario>>> = Rc::default();
    Effect::new(move |_| {
        let mut scenario = state.last_good.get();
        let enabled = scenario.uncertainty.enabled;
        let simulation = if enabled {
            if let Ok(simulation) = Simulation::new(&scenario) {
                Some(simulation)
            } else {
                // Without valid settings that still fit the scenario there is no run: spreads of
                // another scenario must not sit beside this one's point estimates.
                let fallback = last_valid.borrow().clone().filter(|(settings, labels)| {
                    settings.inputs.len() == labels.len()
                        && settings.inputs.iter().zip(labels).all(|(x, label)| {
                            fields::field(&scenario, &x.id).is_some_and(|f| f.label == *label)
                        })
                });
                sim.unfit.set(fallback.is_none() && last_valid.borrow().is_some());
                match fallback {
                    Some((settings, _)) => {
                        scenario.uncertainty = settings;
                        if shown.borrow().as_ref() == Some(&scenario) {
                            return;
                        }
                        Simulation::new(&scenario).ok()
                    }
                    None => None,
                }
            }
        } else {
            None
        };
        // Only the result examined or its threshold changed: the run shown is re-read, not
        // drawn again (`reread`); a new result's tornado is asked for.
        if simulation.is_some() {
            if let Some(tornado) = reread(&scenario, &shown, &run, &last_valid, state, sim) {
                // Ahead of the run's remaining chunks, so it does not wait for the run's end.
                if let Some(p) = pool_for_effect.borrow().as_ref() {
                    for job in tornado {
                        // One result's tornado at a time: arrowing through the results queues none.
                        p.drop_queued("tornado");
                        p.submit_next(job);
                    }
                }
                return;
            }
        }
        if let Some(p) = pool_for_effect.borrow().as_ref() {
            p.cancel();
        }
        sim.running.set(false);
        // The tornado and its one-way line belong to one scenario and result: a new run (or
        // none) clears them until the workers answer for it.
        sim.tornado.set(Vec::new());
        sim.one_way.set(Vec::new());
        let Some(simulation) = simulation else {
            sim.spread.set(None);
            sim.settings.set(None);
            shown.borrow_mut().take();
            run.borrow_mut().take();
            return;
        };
        let labels = simulation.fields().map(|f| f.label.clone()).collect();
        *last_valid.borrow_mut() = Some((scenario.uncertainty.clone(), labels));
        *shown.borrow_mut() = Some(scenario.clone());
        sim.settings.set(Some(scenario.uncertainty.clone()));
        sim.failure.set(None);
        if pool_for_effect.borrow().is_none() {
            let handler = on_answer.clone();
            match workers::pool(workers::worker_count(), move |d| handler(d)) {
                Ok(p) => *pool_for_effect.borrow_mut() = Some(p),
                Err(e) => {
                    sim.failure.set(Some(e));
                    return;
                }
            }
        }
        let guard = pool_for_effect.borrow();
        let Some(p) = guard.as_ref() else { return };
        let (kpi, k) = uncertainty::kpi(&scenario.uncertainty.kpi).expect("checked by Simulation::new");
        let point = state.report.with_untracked(|r| (k.value)(r));
        let total = scenario.uncertainty.samples;
        let text = codec::to_value(&scenario).to_string();
        *run.borrow_mut() = Some(Run {
            collector: Collector::new(total as usize, simulation.months),
            kpi,
            threshold: scenario.uncertainty.threshold,
            point,
            started: now(),
            // The first answer is shown at once; later ones at most every REFRESH_MS.
            refreshed: f64::NEG_INFINITY,
            tornado: Some(text.clone()),
        });
        sim.running.set(true);
        sim.runs.update(|n| *n += 1);
        let mut jobs = Vec::new();
        let mut start = 0;
        let first_round = p.size() as u32;
        while start < total {
            let size = if (jobs.len() as u32) < first_round { FIRST_CHUNK } else { CHUNK };
            let count = size.min(total - start);
            let job =
                workers::call("mc", "mc_run", &[text.as_str().into(), start.into(), count.into()], "rows");
            set(&job, "start", start);
            jobs.push(job);
            start += count;
            if jobs.len() as u32 == first_round {
                // The tornado goes after the first round, so the first bands are not held up.
                jobs.push(tornado_job(&text, kpi));
            }
        }
        p.submit(jobs);
    });
    let cancel_pool = pool;
    CANCEL.with(|c| {
        *c.borrow_mut() = Some(Rc::new(move || {
            let Some(p) = cancel_pool.borrow().clone() else { return };
            p.cancel();
            sim.running.set(false);
            // The statistics of every sample received (they refresh at most every REFRESH_MS,
            // so the last ones may not be shown yet: "Cancelled at N" must be the count kept),
            // and the tornado again if the cancelled queue held it.
            let tornado = run_for_cancel.borrow().as_ref().and_then(|r| {
                if r.collector.done() > 0 {
                    sim.spread.set(Some(r.collector.spread(r.kpi, r.threshold, r.point)));
                    sim.elapsed.set(now() - r.started);
                }
                r.tornado.clone().map(|text| tornado_job(&text, r.kpi))
            });
            if let Some(job) = tornado {
                p.submit_next(job);
            }
        }));
    });
    sim
}

/// Re-reads the run shown for `next` when only the result examined or its threshold changed:
/// every result of every sample is kept, so its statistics (finished, in flight or cancelled) are
/// recomputed rather than drawn again. `None` when `next` needs a run of its own; otherwise the
/// jobs to submit: the tornado, if the result examined is new.
fn reread(
    next: &Scenario,
    shown: &RefCell<Option<Scenario>>,
    run: &RefCell<Option<Run>>,
    last_valid: &RefCell<Option<Valid>>,
    state: ScenarioState,
    sim: SimState,
) -> Option<Vec<js_sys::Object>> {
    let mut shown = shown.borrow_mut();
    let prev = shown.as_mut().filter(|prev| *prev != next && uncertainty::same_samples(prev, next))?;
    let mut run = run.borrow_mut();
    let r = run.as_mut()?;
    let (kpi, k) = uncertainty::kpi(&next.uncertainty.kpi)?;
    let new_kpi = kpi != r.kpi;
    r.kpi = kpi;
    r.threshold = next.uncertainty.threshold;
    r.point = state.report.with_untracked(|report| (k.value)(report));
    if r.collector.done() > 0 {
        sim.spread.set(Some(r.collector.spread(r.kpi, r.threshold, r.point)));
    }
    if let Some((settings, _)) = last_valid.borrow_mut().as_mut() {
        settings.clone_from(&next.uncertainty);
    }
    prev.clone_from(next);
    sim.settings.set(Some(next.uncertainty.clone()));
    if !new_kpi {
        return Some(Vec::new());
    }
    sim.tornado.set(Vec::new());
    sim.one_way.set(Vec::new());
    let text = codec::to_value(next).to_string();
    let job = tornado_job(&text, kpi);
    r.tornado = Some(text);
    Some(vec![job])
}

/// A job for the tornado of result `kpi` of the scenario `text` (JSON); the answer carries `kpi`
/// as its start, so an answer about a result no longer examined is dropped.
fn tornado_job(text: &str, kpi: usize) -> js_sys::Object {
    let job = workers::call("tornado", "mc_tornado", &[text.into()], "swings");
    set(&job, "start", kpi as u32);
    job
}

thread_local! {
    static CANCEL: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Stops the run in flight (the statistics so far stay).
fn cancel() {
    if let Some(f) = CANCEL.with(|c| c.borrow().clone()) {
        f();
    }
}

/// A worker's answer to a tornado job (`workers::mc_tornado`).
/// JSON writes NaN (a result a scenario does not have, e.g. no exit) as `null`; numbers here
/// read `null` back as NaN so one such point does not lose the whole answer.
#[derive(serde::Deserialize)]
struct TornadoAnswer {
    swings: Vec<SwingRow>,
    line: Vec<(Option<f64>, Option<f64>)>,
}

/// A swing as it comes back from a worker.
#[derive(serde::Deserialize)]
struct SwingRow {
    id: String,
    label: String,
    low_input: Option<f64>,
    high_input: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
}

impl SwingRow {
    fn into_swing(self) -> Swing {
        Swing {
            id: self.id,
            label: self.label,
            low_input: self.low_input.unwrap_or(f64::NAN),
            high_input: self.high_input.unwrap_or(f64::NAN),
            low: self.low.unwrap_or(f64::NAN),
            high: self.high.unwrap_or(f64::NAN),
        }
    }
}

/// The field of uncertain input `i` of `s`.
fn field_of(s: &Scenario, i: usize) -> Option<Field> {
    fields::field(s, &s.uncertainty.inputs.get(i)?.id)
}

/// The distribution's parameters as (name, model value) pairs, for editing.
fn params(d: &Dist) -> Vec<(&'static str, f64)> {
    match d {
        Dist::Fixed { value } => vec![("value", *value)],
        Dist::Uniform { low, high } => vec![("low", *low), ("high", *high)],
        Dist::Triangular { low, mode, high } => vec![("low", *low), ("most likely", *mode), ("high", *high)],
        Dist::Normal { mean, sd, .. } => vec![("mean", *mean), ("std. dev.", *sd)],
        Dist::Lognormal { p5, p95 } => vec![("5th pct", *p5), ("95th pct", *p95)],
        Dist::Discrete { .. } => Vec::new(),
    }
}

/// Sets parameter `k` of the distribution (model units).
fn set_param(d: &mut Dist, k: usize, v: f64) {
    match (d, k) {
        (
            Dist::Fixed { value }
            | Dist::Uniform { low: value, .. }
            | Dist::Triangular { low: value, .. }
            | Dist::Normal { mean: value, .. }
            | Dist::Lognormal { p5: value, .. },
            0,
        )
        | (
            Dist::Uniform { high: value, .. }
            | Dist::Triangular { mode: value, .. }
            | Dist::Normal { sd: value, .. }
            | Dist::Lognormal { p95: value, .. },
            1,
        )
        | (Dist::Triangular { high: value, .. }, 2) => *value = v,
        _ => {}
    }
}

/// A distribution of `kind` around the input's current value (±10 % of its slider's span).
fn of_kind(kind: &str, spec: &Field, value: f64) -> Dist {
    let d = (spec.slider.1 - spec.slider.0) * 0.1;
    let (range, step) = ((spec.min, spec.max), spec.step * spec.scale);
    let (lo, hi) = Dist::ends(value, d, range, step);
    match kind {
        "fixed" => Dist::Fixed { value },
        "uniform" => Dist::Uniform { low: lo, high: hi },
        "normal" => Dist::Normal { mean: value, sd: d / 2.0, low: None, high: None },
        "lognormal" => {
            Dist::Lognormal { p5: lo.max(value * 0.5).max(f64::MIN_POSITIVE), p95: hi.max(value * 1.5) }
        }
        "discrete" => Dist::Discrete { values: vec![lo, value, hi], weights: vec![0.25, 0.5, 0.25] },
        _ => Dist::around(value, d, range, step),
    }
}

const KINDS: [(&str, &str); 6] = [
    ("fixed", "Fixed"),
    ("uniform", "Uniform"),
    ("triangular", "Triangular"),
    ("normal", "Normal (cut to the valid range)"),
    ("lognormal", "Lognormal (90 % interval)"),
    ("discrete", "Discrete scenarios"),
];

fn kind_of(d: &Dist) -> &'static str {
    match d {
        Dist::Fixed { .. } => "fixed",
        Dist::Uniform { .. } => "uniform",
        Dist::Triangular { .. } => "triangular",
        Dist::Normal { .. } => "normal",
        Dist::Lognormal { .. } => "lognormal",
        Dist::Discrete { .. } => "discrete",
    }
}

/// Parses a list of numbers separated by commas or semicolons.
fn parse_list(text: &str) -> Option<Vec<f64>> {
    text.split([',', ';']).map(|t| t.trim().parse::<f64>().ok().filter(|v| v.is_finite())).collect()
}

/// The sidebar controls.
#[component]
pub fn UncertaintyControls() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let enabled = Memo::new(move |_| state.scenario.with(|s| s.uncertainty.enabled));
    // Row lists rebuild only when their length changes, not on every edit: a rebuilt row loses
    // what is being typed in it (and its distribution preview is drawn again for nothing).
    let count = Memo::new(move |_| state.scenario.with(|s| s.uncertainty.inputs.len()));
    let correlation_count = Memo::new(move |_| state.scenario.with(|s| s.uncertainty.correlations.len()));
    let problems = Memo::new(move |_| state.scenario.with(uncertainty::problems));
    let problem = move |field: String| {
        problems.with(|p| p.iter().find(|e| e.field == field).map(|e| e.message.clone()))
    };
    let rows = move || {
        (0..count.get())
            .map(|i| view! { <InputRow index=i problem=Signal::derive(move || problem(uncertainty::field_of(i))) /> })
            .collect_view()
    };
    // Every field of the scenario (the registry's inputs, each site's sources, the catalog
    // entries the mix uses), grouped as the decision tools' pickers group them: (group, [(id,
    // label)]). A memo: the options are rebuilt only when the list changes. Adding acts on a
    // choice: arrow keys only browse, Enter adds.
    let add_guard = ActionSelect::new();
    let add = move |id: String| {
        state.edit(|s| {
            if let Some(f) = fields::field(s, &id) {
                let dist = of_kind("triangular", &f, f.get(s));
                s.uncertainty.inputs.push(UncertainInput { id, dist });
            }
        });
    };
    let addable = Memo::new(move |_| {
        state.scenario.with(|s| {
            let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
            // A seed is not a quantity anyone is unsure of: it is not offered.
            for f in fields::fields(s).into_iter().filter(|f| {
                f.id.rsplit('.').next() != Some("seed")
                    && f.applies(s)
                    && !s.uncertainty.inputs.iter().any(|u| u.id == f.id)
            }) {
                match groups.last_mut() {
                    Some((g, list)) if *g == f.group => list.push((f.id, f.label)),
                    _ => groups.push((f.group, vec![(f.id, f.label)])),
                }
            }
            groups
        })
    });
    let correlation_rows = move || {
        (0..correlation_count.get())
            .map(|c| {
                view! { <CorrelationRow index=c problem=Signal::derive(move || problem(format!("uncertainty.correlations.{c}"))) /> }
            })
            .collect_view()
    };
    // The first pair of uncertain inputs not yet correlated.
    let next_pair = move || {
        state.scenario.with(|s| {
            let u = &s.uncertainty;
            let ids: Vec<&str> = u.inputs.iter().map(|i| i.id.as_str()).collect();
            let taken = |a: &str, b: &str| {
                u.correlations.iter().any(|c| (c.a == a && c.b == b) || (c.a == b && c.b == a))
            };
            ids.iter()
                .enumerate()
                .flat_map(|(i, a)| ids[i + 1..].iter().map(move |b| (*a, *b)))
                .find(|(a, b)| !taken(a, b))
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
        })
    };
    let kpi = move || state.scenario.with(|s| s.uncertainty.kpi.clone());
    // The threshold is typed in the result's entry unit ($B, %, …) and kept in its own.
    let entry = move || {
        state
            .scenario
            .with(|s| uncertainty::kpi(&s.uncertainty.kpi).map_or(("", 1.0), |(_, k)| k.unit.entry()))
    };
    let threshold_draft = RwSignal::new(None::<String>);
    // Written to the box only when it changes, not at every edit.
    let threshold = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.uncertainty.threshold.map(|t| trim_number(t / entry().1)).unwrap_or_default())
    });
    view! {
        <label class="switch-field">
            <input type="checkbox" id="uncertainty-enabled" prop:checked=move || enabled.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    state.edit(|s| s.uncertainty.enabled = on);
                } />
            "Simulate uncertainty (Monte Carlo)"
        </label>
        <p class="help">"Draws whole scenarios from the ranges below and shows the spread of every result. Runs in background threads; the page stays responsive."</p>
        <div class="field-row">
            <WholeNumberField id="mc-samples" label="Samples" range=(crate::model::uncertainty::MIN_SAMPLES, crate::model::uncertainty::MAX_SAMPLES) get=|s| s.uncertainty.samples put=|s, v| s.uncertainty.samples = v
                error=Signal::derive(move || problem("uncertainty.samples".to_owned())) />
            <WholeNumberField id="mc-seed" label="Seed" get=|s| s.uncertainty.seed put=|s, v| s.uncertainty.seed = v
                error=Signal::derive(move || problem("uncertainty.seed".to_owned())) />
        </div>
        <h3 class="subhead">"Uncertain inputs"</h3>
        <div class="uncertain-inputs">{rows}</div>
        <div class="field select-field">
            <div class="field-head"><label for="mc-add">"Make another input uncertain"</label></div>
            <select id="mc-add" prop:value="" aria-describedby=action_select::HINT_ID
                on:change=move |ev| if add_guard.change() { add(event_target_value(&ev)); action_select::show(&ev, ""); }
                on:keydown=move |ev| if add_guard.keydown(&ev) { add(event_target_value(&ev)); action_select::show(&ev, ""); }
                on:blur=move |ev| if add_guard.blur() { action_select::show(&ev, ""); }>
                <option value="" selected>"Choose an input…"</option>
                {move || addable.get().into_iter().map(|(group, list)| view! {
                    <optgroup label=group>
                        {list.into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </div>
        <h3 class="subhead">"Correlations"</h3>
        <p class="help">"Rank correlation between two uncertain inputs (−1 to 1), e.g. the gas price and the cost of capital rising together, or 1 to tie two inputs in lockstep. Others are independent."</p>
        <div class="correlations">{correlation_rows}</div>
        <p class="error" role="alert" data-testid="mc-correlations-error">{move || problem("uncertainty.correlations".to_owned())}</p>
        <button type="button" class="link-button" id="mc-add-correlation" disabled=move || next_pair().is_none()
            on:click=move |_| {
                if let Some((a, b)) = next_pair() {
                    state.edit(|s| s.uncertainty.correlations.push(Correlation { a, b, rank: 0.5 }));
                }
            }>
            {move || if count.get() < 2 { "Add a correlation (needs two uncertain inputs)" } else { "Add a correlation" }}
        </button>
        <div class="field select-field">
            <div class="field-head"><label for="mc-kpi">"Result to examine"</label></div>
            <select id="mc-kpi" on:change=move |ev| {
                let id = event_target_value(&ev);
                state.edit(|s| { s.uncertainty.kpi = id; s.uncertainty.threshold = None; });
            }>
                {KPIS.iter().map(|k| view! { <option value=k.id selected=move || kpi() == k.id>{k.label}</option> }).collect_view()}
            </select>
        </div>
        <div class="field compact-field" class:invalid=move || threshold_draft.with(|d| d.as_ref().is_some_and(|t| unreadable(t)))>
            <div class="field-head"><label for="mc-threshold">"Threshold"</label><span class="unit">{move || format!("{} · blank = the point estimate", entry().0)}</span></div>
            <input type="text" inputmode="decimal" id="mc-threshold" class="num"
                prop:value=move || threshold_draft.get().unwrap_or_else(|| threshold.get())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let t = text.trim();
                    let typed = super::number_field::amount(t, entry().1);
                    if t.is_empty() {
                        state.edit_field(Some("mc-threshold"), |s| s.uncertainty.threshold = None);
                    } else if let Some(v) = typed {
                        state.edit_field(Some("mc-threshold"), |s| s.uncertainty.threshold = Some(v));
                    }
                    threshold_draft.set(Some(text));
                }
                on:change=move |_| threshold_draft.set(None) />
            <p class="error" role="alert">{move || threshold_draft.with(|d| d.as_ref().filter(|t| unreadable(t)).map(|_| "Enter a number, or leave blank".to_owned()))}</p>
            <p class="help">"In the unit named above the box, as in the goal seek (6 for $6 per GPU-hour, 99 for 99 %, 40 for $40B), or as the cards write it: 8.5B, $350M, 2M."</p>
        </div>
    }
}

/// Whether a threshold's text is neither blank nor a number ([`super::number_field::amount`]).
fn unreadable(t: &str) -> bool {
    !t.trim().is_empty() && super::number_field::amount(t, 1.0).is_none()
}

/// One uncertain input: its distribution's kind and parameters, in the units users see.
#[component]
fn InputRow(index: usize, #[prop(into)] problem: Signal<Option<String>>) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    // The row's field, memoized (by id and label): the row's closures then re-run when this
    // row changes, not on every edit of the scenario.
    let field = Memo::new(move |_| state.scenario.with(|s| field_of(s, index)));
    let spec = move || field.get();
    // What the row is called: its field's label, or its id when the scenario has no such field
    // any more (its message says so).
    let id =
        Memo::new(move |_| state.scenario.with(|s| s.uncertainty.inputs.get(index).map(|u| u.id.clone())));
    let name = move || spec().map_or_else(|| id.get().unwrap_or_default(), |s| s.label);
    let dist =
        Memo::new(move |_| state.scenario.with(|s| s.uncertainty.inputs.get(index).map(|u| u.dist.clone())));
    let bad = RwSignal::new(None::<String>);
    let dom = format!("mc-input-{index}");
    let edit = move |f: &dyn Fn(&mut Dist, &Field)| {
        let Some(spec) = spec() else { return };
        state.edit_field(Some(&format!("uncertainty.inputs.{index}")), |s| {
            if let Some(u) = s.uncertainty.inputs.get_mut(index) {
                f(&mut u.dist, &spec);
            }
        });
    };
    let fields = move || {
        // Built again when the distribution changes: a refusal of text typed before is stale.
        bad.set(None);
        let (Some(spec), Some(d)) = (spec(), dist.get()) else { return ().into_any() };
        if let Dist::Discrete { values, weights } = &d {
            let values_text =
                values.iter().map(|v| trim_number(v / spec.scale)).collect::<Vec<_>>().join(", ");
            let unit = spec.unit;
            let weights_text = weights.iter().map(|w| trim_number(w * 100.0)).collect::<Vec<_>>().join(", ");
            return view! {
                <label class="param wide">{format!("values ({unit})")}
                    <input type="text" class="num list" prop:value=values_text on:change=move |ev| {
                        match parse_list(&event_target_value(&ev)) {
                            Some(list) => { bad.set(None); edit(&|d, sp| if let Dist::Discrete { values, .. } = d { *values = list.iter().map(|v| v * sp.scale).collect(); }); }
                            None => bad.set(Some("Values: numbers separated by commas".to_owned())),
                        }
                    } />
                </label>
                <label class="param wide">"weights (%)"
                    <input type="text" class="num list" prop:value=weights_text on:change=move |ev| {
                        match parse_list(&event_target_value(&ev)) {
                            Some(list) => { bad.set(None); edit(&|d, _| if let Dist::Discrete { weights, .. } = d { *weights = list.iter().map(|w| w / 100.0).collect(); }); }
                            None => bad.set(Some("Weights: percentages separated by commas".to_owned())),
                        }
                    } />
                </label>
            }
            .into_any();
        }
        let step = spec.step;
        params(&d)
            .into_iter()
            .enumerate()
            .map(|(k, (name, v))| {
                // Standard deviations scale like values; every parameter is in the input's units.
                view! {
                    <label class="param">{name}
                        <input type="text" inputmode="decimal" class="num" data-param=name data-step=step
                            prop:value=trim_number(v / spec.scale)
                            on:change=move |ev| {
                                match super::number_field::parse(&event_target_value(&ev)).ok_or(()) {
                                    Ok(x) if x.is_finite() => { bad.set(None); edit(&|d, sp| set_param(d, k, x * sp.scale)); }
                                    _ => bad.set(Some(format!("{name}: enter a number"))),
                                }
                            } />
                    </label>
                }
            })
            .collect_view()
            .into_any()
    };
    let message = move || bad.get().or_else(|| problem.get());
    view! {
        <div class="uncertain-input" class:invalid=move || message().is_some() data-input=move || id.get()>
            <div class="field-head">
                <span class="label">{name}</span>
                <span class="unit">{move || spec().map(|s| s.unit)}</span>
                <button type="button" class="reset" aria-label=move || format!("Remove {} from the uncertain inputs", name())
                    on:click=move |_| state.edit(|s| {
                        if index < s.uncertainty.inputs.len() {
                            // Its correlations go with it: they would name an input no longer uncertain.
                            let id = s.uncertainty.inputs.remove(index).id;
                            s.uncertainty.correlations.retain(|c| c.a != id && c.b != id);
                        }
                    })>"remove"</button>
            </div>
            // `prop:value` (not the options' `selected` alone, nor the boxes' `value` attributes,
            // which a box typed in no longer shows): the editor follows a switch of kind, undo
            // and redo.
            <select id=dom.clone() aria-label="Distribution" prop:value=move || dist.with(|d| d.as_ref().map(|d| kind_of(d).to_owned()).unwrap_or_default()) on:change=move |ev| {
                let kind = event_target_value(&ev);
                bad.set(None);
                let Some(spec) = spec() else { return };
                state.edit(|s| {
                    let value = spec.get(s);
                    if let Some(u) = s.uncertainty.inputs.get_mut(index) { u.dist = of_kind(&kind, &spec, value); }
                });
            }>
                {KINDS.iter().map(|(k, label)| view! { <option value=*k selected=move || dist.with(|d| d.as_ref().is_some_and(|d| kind_of(d) == *k))>{*label}</option> }).collect_view()}
            </select>
            <div class="params">{fields}</div>
            {move || {
                let (Some(spec), Some(d)) = (spec(), dist.get()) else { return None };
                d.problem((spec.min, spec.max), &|v| v.to_string()).is_none().then(|| view! { <DistPreview dist=d spec=spec /> })
            }}
            <p class="error" role="alert">{message}</p>
            {move || spec().and_then(|s| uncertainty::DEFAULT_RANGES.iter().find(|r| r.id == s.id.as_str())).map(|r| view! {
                <p class="help">{format!("Sourced range: {} ({})", r.citation.source, r.citation.date)}</p>
            })}
        </div>
    }
}

/// The sentence naming the simulated inputs whose value is outside their range's middle 90 %
/// ([`uncertainty::off_range`]); `None` when there are none.
fn off_range_note(off: &[uncertainty::OffRange]) -> Option<String> {
    let list: Vec<String> = off
        .iter()
        .map(|o| {
            let (spec, b) = (&o.field, o.band);
            let at = |v: f64| super::number_field::value_with_unit(v / spec.scale, spec.step, spec.unit);
            let range = super::number_field::range_with_unit(
                b.p5 / spec.scale,
                b.p95 / spec.scale,
                spec.step,
                spec.unit,
                " to ",
            );
            let side = if o.value < b.p5 { "below the 5th" } else { "above the 95th" };
            match o.placement {
                Placement::Edge => format!(
                    "{} is {}, {side} percentile of its simulated range ({range})",
                    spec.label,
                    at(o.value)
                ),
                Placement::Outside => format!(
                    "{} is {}, outside its simulated range, where no draw goes ({range} for 90 % of draws)",
                    spec.label,
                    at(o.value)
                ),
            }
        })
        .collect();
    (!list.is_empty()).then(|| {
        format!(
            "{}. The point estimates use {} and the spreads are drawn from the ranges, so a point estimate can sit at the edge of its 5–95 % band or outside it.",
            list.join("; "),
            if list.len() == 1 { "that value" } else { "these values" }
        )
    })
}

/// The results section.
#[component]
pub fn UncertaintySection() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let sim = expect_context::<SimState>();
    let enabled = move || state.last_good.with(|s| s.uncertainty.enabled);
    let invalid =
        move || state.scenario.with(|s| s.uncertainty.enabled && !uncertainty::problems(s).is_empty());
    // Whether settings run (the panel's, or the last valid ones while the panel's are invalid).
    let running_settings = move || sim.settings.with(Option::is_some);
    let kpi_index = move || {
        sim.settings.with(|u| u.as_ref().and_then(|u| uncertainty::kpi(&u.kpi)).map_or(0, |(i, _)| i))
    };
    let fan = Memo::new(move |_| {
        sim.spread.with(|sp| {
            sp.as_ref().map(|sp| {
                state.report.with(|r| {
                    let months: Vec<_> = r.training.months.iter().map(|m| m.month).collect();
                    let point: Vec<f64> = r.training.months.iter().map(|m| m.cumulative_flop).collect();
                    charts::uncertainty::fan(sp, &months, &point)
                })
            })
        })
    });
    // A result the uncertain inputs do not move (or by less than its format shows) has no
    // distribution to draw: 24 bins labelled "$38.3B" each read as broken. It is said instead.
    let histogram = Memo::new(move |_| {
        let k = kpi_index();
        sim.spread.with(|sp| {
            let sp = sp.as_ref()?;
            let summary = &sp.kpis.get(k)?.summary;
            let f = charts::uncertainty::format_of(KPIS[k].unit);
            if summary.n > 0 && f.format(summary.min) == f.format(summary.max) {
                return Some(Err(format!(
                    "Every sample gives {}: the uncertain inputs do not move {} (or by less than shows), so there is no distribution to draw.",
                    f.format(summary.p50),
                    format::in_sentence(KPIS[k].label)
                )));
            }
            Some(Ok(charts::uncertainty::histogram(sp, k, true)))
        })
    });
    let progress = move || sim.spread.with(|sp| sp.as_ref().map_or((0, 1), |s| (s.done, s.total)));
    let table = move || {
        sim.spread.with(|sp| {
            let Some(sp) = sp else { return Vec::new() };
            KPIS.iter()
                .zip(&sp.kpis)
                .map(|(k, s)| {
                    let f = charts::uncertainty::format_of(k.unit);
                    let point = state.report.with(|r| (k.value)(r));
                    let c = |v: f64| Cell::number(f.format(v), v);
                    Row::new(
                        k.id,
                        k.label,
                        vec![
                            c(point),
                            c(s.summary.p5),
                            c(s.summary.p50),
                            c(s.summary.p95),
                            c(s.summary.mean),
                        ],
                    )
                })
                .collect()
        })
    };
    let exceed = move || {
        sim.spread.with(|sp| {
            sp.as_ref().map(|sp| {
                let k = &KPIS[kpi_index()];
                let f = charts::uncertainty::format_of(k.unit);
                if sp.threshold.is_nan() {
                    return format!("{} has no point estimate to compare with: type a threshold.", k.label);
                }
                if sp.exceedance.is_nan() {
                    return format!("No sample has a value for {}.", format::in_sentence(k.label));
                }
                let left_out = if sp.invalid > 0 {
                    format!(
                        "; {} drawn scenarios ({}) were invalid (e.g. a delay as long as the term) and are left out of every figure here",
                        format::compact(sp.invalid as f64),
                        format::percent(sp.invalid as f64 / sp.done.max(1) as f64)
                    )
                } else {
                    String::new()
                };
                format!(
                    "P({} > {}) = {} of {} samples{left_out}",
                    k.label,
                    f.format(sp.threshold),
                    format::percent(sp.exceedance),
                    format::compact(sp.counted(kpi_index()) as f64)
                )
            })
        })
    };
    view! {
        <section class="uncertainty-summary" id="uncertainty" aria-labelledby="uncertainty-title">
            <h2 id="uncertainty-title" class="section-heading">"Uncertainty"</h2>
            <Show when=move || !enabled()>
                <p class="muted">"Switch on “Simulate uncertainty” under Uncertainty in the inputs to see the spread of every result over the ranges of the uncertain inputs."</p>
            </Show>
            <Show when=invalid>
                <div class="banner warning" role="status">{move || if running_settings() {
                    "Some uncertainty settings are invalid (see Uncertainty in the inputs); the spreads below use the last valid settings on the current scenario."
                } else if sim.unfit.get() {
                    "Some uncertainty settings are invalid (see Uncertainty in the inputs), and no earlier valid settings fit this scenario: fix them to see the spreads."
                } else {
                    // None valid yet this session (e.g. 30,000 samples typed before switching on).
                    "Some uncertainty settings are invalid (see Uncertainty in the inputs): fix them to run the simulation."
                }}</div>
            </Show>
            {move || sim.failure.get().map(|f| view! { <div class="banner warning" role="alert">{format!("The simulation could not run: {f}")}</div> })}
            {move || {
                let off = sim.settings.with(|u| u.as_ref().map(|u| state.last_good.with(|s| uncertainty::off_range(s, u))).unwrap_or_default());
                let outside = off.iter().any(|o| o.placement == Placement::Outside);
                off_range_note(&off).map(|text| view! { <p class="note off-range" class:outside=outside data-testid="off-range">{text}</p> })
            }}
            <Show when=move || enabled() && running_settings()>
                <div class="progress-row">
                    <progress id="mc-progress" max=move || progress().1 value=move || progress().0></progress>
                    <span id="mc-status" data-done=move || progress().0 data-total=move || progress().1 data-running=move || sim.running.get().to_string() data-run=move || sim.runs.get()>
                        {move || {
                            let (done, total) = progress();
                            let secs = format!("{:.1} s", sim.elapsed.get() / 1000.0);
                            if sim.running.get() { format!("{} of {} samples…", format::compact(done as f64), format::compact(total as f64)) }
                            else if sim.spread.with(Option::is_none) { "No samples drawn".to_owned() }
                            else if done < total {
                                // Only Cancel stops a run (invalid settings run the last valid
                                // ones); the next edit, or a fix, starts another.
                                format!("Cancelled at {} of {} samples ({secs}); the next change to an input starts a new run", format::compact(done as f64), format::compact(total as f64))
                            }
                            else { format!("{} samples in {secs}", format::compact(done as f64)) }
                        }}
                    </span>
                    <button type="button" class="button" id="mc-cancel" on:click=move |_| cancel() disabled=move || !sim.running.get()>"Cancel"</button>
                </div>
                <p class="exceedance" id="mc-exceedance">{exceed}</p>
                <TableCard id="mc-spread" title="Spread of the results".to_owned() headers=&["Result", "Point estimate", "5th pct", "Median", "95th pct", "Mean"] rows=Signal::derive(table)
                    note="Over the valid samples; the point estimate is the scenario with every input at its value." />
                <MaybeChart spec=fan />
                // A histogram, or a sentence where every sample gives one value.
                <MaybeChart spec=Signal::derive(move || histogram.get().and_then(Result::ok)) />
                {move || histogram.get().and_then(Result::err).map(|text| view! {
                    <figure class="card tornado" id="mc-histogram-flat">
                        <figcaption><strong>{format!("{}: distribution", KPIS[kpi_index()].label)}</strong></figcaption>
                        <p class="note">{text}</p>
                    </figure>
                })}
                <Tornado />
            </Show>
        </section>
    }
}

/// Horizontal bars: how far each uncertain input's 10th–90th percentile swing moves the chosen
/// result, widest first, around the point estimate.
#[component]
fn Tornado() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let sim = expect_context::<SimState>();
    let kpi =
        move || sim.settings.with(|u| u.as_ref().and_then(|u| uncertainty::kpi(&u.kpi)).map(|(_, k)| k));
    // Whether any bar is drawn (the legend explains bars, so it goes when none is).
    let bars = move || {
        sim.tornado.with(|t| t.iter().any(|s| s.low.is_finite() != s.high.is_finite() || s.range() > 0.0))
    };
    let body = move || {
        let Some(k) = kpi() else { return ().into_any() };
        let f = charts::uncertainty::format_of(k.unit);
        let point = state.report.with(|r| (k.value)(r));
        let swings = sim.tornado.get();
        let finite: Vec<f64> =
            swings.iter().flat_map(|s| [s.low, s.high]).chain([point]).filter(|v| v.is_finite()).collect();
        let (lo, hi) =
            finite.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
        let span = (hi - lo).max(f64::EPSILON);
        let pos = move |v: f64| ((v - lo) / span * 100.0).clamp(0.0, 100.0);
        let center = pos(point);
        // Digits enough to tell every end apart, across rows too ("$28.26B → $28.21B" and
        // "$28.24B → $28.23B", not "$28.3B → $28.2B" twice).
        let digits = f.digits_apart(&finite);
        let shown_end = move |v: f64| f.format_to(v, digits);
        // No input moves the result (e.g. a present value fixed by take-or-pay): said once, not
        // drawn as a column of empty bars.
        if !swings.is_empty() && swings.iter().all(|s| s.low == s.high) {
            return view! {
                <p class="note" id="mc-tornado-none">{format!("None of the uncertain inputs moves {} on its own between its 10th and 90th percentiles, the others at their point values. Make an input it depends on uncertain to see what does.", format::in_sentence(k.label))}</p>
            }
            .into_any();
        }
        swings
            .into_iter()
            .map(|s| {
                let spec = state.last_good.with(|sc| fields::field(sc, &s.id));
                let shown = |v: f64| spec.as_ref().map_or_else(String::new, |sp| in_unit(&format::sig3(v / sp.scale), sp.unit));
                // The input's two ends with its unit once, as its field writes values (the same
                // decimals at both ends, as the note under the field): "$2.95 → $4.05 / MMBtu".
                let ends_in = spec.as_ref().map_or_else(String::new, |sp| {
                    super::number_field::range_with_unit(s.low_input / sp.scale, s.high_input / sp.scale, sp.step, sp.unit, " → ")
                });
                // Each end's bar runs from the point estimate to the result at that end, in its
                // own colour, so the direction reads (a higher utilization lowers the cost); an end
                // with no value has no bar.
                // Both ends on one side (a point estimate outside the range): the shorter bar is
                // drawn over the longer, so both show.
                let longest = (s.low - point).abs().max((s.high - point).abs());
                let one_side = (s.low - point) * (s.high - point) > 0.0;
                let bar = move |end: f64, class: &'static str| {
                    end.is_finite().then(|| {
                        let (a, b) = (pos(end.min(point)), pos(end.max(point)));
                        let over = if one_side && (end - point).abs() < longest { ";z-index:1" } else { "" };
                        view! { <span class=class style=format!("left:{a:.2}%;width:{:.2}%{over}", (b - a).max(0.4))></span> }
                    })
                };
                // An end with no value (its scenario invalid, e.g. a delay as long as the term, or
                // a result it does not have) is said, not shown as no swing.
                let ends = match (s.low.is_finite(), s.high.is_finite()) {
                    (true, true) if s.low == s.high && s.low == point => "does not move it".to_owned(),
                    (true, true) if s.low == s.high => format!("{} at both ends", shown_end(s.low)),
                    // The pair never breaks at its arrow.
                    (true, true) => format!("{}\u{a0}→\u{a0}{}", shown_end(s.low), shown_end(s.high)),
                    (true, false) => format!("{}; no value at {}", shown_end(s.low), shown(s.high_input)),
                    (false, true) => format!("no value at {}; {}", shown(s.low_input), shown_end(s.high)),
                    (false, false) => "no value at either end".to_owned(),
                };
                let range = s.range().to_string();
                view! {
                    <div class="tornado-row" role="listitem" data-input=s.id data-range=range>
                        <span class="tornado-label">{s.label}<small>{ends_in}</small></span>
                        <span class="tornado-track">
                            {bar(s.low, "tornado-bar low")}
                            {bar(s.high, "tornado-bar high")}
                            <span class="tornado-point" style=format!("left:{center:.2}%")></span>
                        </span>
                        <span class="tornado-values">{ends}</span>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    // The widest bar's one-way line, once the worker has answered.
    let one_way = Memo::new(move |_| {
        let line = sim.one_way.get();
        let k = kpi()?;
        // A flat line says nothing the tornado does not already say.
        let top = sim.tornado.with(|t| t.first().filter(|s| s.low != s.high).map(|s| s.id.clone()))?;
        let input = state.last_good.with(|s| fields::field(s, &top))?;
        let point = (state.last_good.with(|s| input.get(s)), state.report.with(|r| (k.value)(r)));
        (!line.is_empty()).then(|| charts::uncertainty::one_way(&input, k, &line, point))
    });
    view! {
        <figure class="card tornado" id="mc-tornado">
            <figcaption><strong>{move || kpi().map(|k| format!("What moves it most: {}", k.label))}</strong>
                " — each uncertain input from its 10th to its 90th percentile, the others at their point values; the line is the point estimate."
                {move || bars().then(|| view! {
                    <span class="tornado-ends"><span><span class="swatch low"></span>"input at its 10th percentile"</span><span><span class="swatch high"></span>"at its 90th"</span></span>
                })}</figcaption>
            <div role="list">{body}</div>
        </figure>
        <MaybeChart spec=one_way />
    }
}

/// One rank correlation: the two inputs it ties and its strength.
#[component]
fn CorrelationRow(index: usize, #[prop(into)] problem: Signal<Option<String>>) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let field = format!("uncertainty.correlations.{index}");
    let corr = Memo::new(move |_| state.scenario.with(|s| s.uncertainty.correlations.get(index).cloned()));
    let uncertain = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.uncertainty
                .inputs
                .iter()
                .filter_map(|u| fields::field(s, &u.id))
                .map(|x| (x.id, x.label))
                .collect::<Vec<_>>()
        })
    });
    let draft = RwSignal::new(None::<String>);
    // Text left in the box goes when the strength changes from elsewhere (undo, redo, a
    // preset), as in a `NumberField`; typing that applies reads back as the same value.
    Effect::new(move |before: Option<Option<f64>>| {
        let now = corr.with(|c| c.as_ref().map(|c| c.rank));
        if before.is_some_and(|b| b != now)
            && draft.with_untracked(|d| d.as_deref().is_some_and(|t| super::number_field::parse(t) != now))
        {
            draft.set(None);
        }
        now
    });
    let bad = move || {
        draft.with(|d| {
            d.as_ref()
                .filter(|t| super::number_field::parse(t).is_none())
                .map(|_| "Enter a number between −1 and 1".to_owned())
        })
    };
    let message = move || bad().or_else(|| problem.get());
    let pick = move |which: usize| {
        let field = field.clone();
        move |ev: web_sys::Event| {
            let id = event_target_value(&ev);
            state.edit_field(Some(&field), |s| {
                if let Some(c) = s.uncertainty.correlations.get_mut(index) {
                    if which == 0 {
                        c.a = id;
                    } else {
                        c.b = id;
                    }
                }
            });
        }
    };
    let select = move |which: usize, label: &'static str| {
        let current = move || {
            corr.with(|c| {
                c.as_ref().map(|c| if which == 0 { c.a.clone() } else { c.b.clone() }).unwrap_or_default()
            })
        };
        view! {
            <select aria-label=format!("{label} input of correlation {}", index + 1) data-side=which on:change=pick(which)>
                {move || uncertain.get().into_iter().map(|(id, name)| { let this = id.clone(); view! { <option value=id selected=move || current() == this>{name}</option> } }).collect_view()}
            </select>
        }
    };
    let rank_field = format!("uncertainty.correlations.{index}");
    view! {
        <div class="uncertain-input correlation" class:invalid=move || message().is_some() data-correlation=index>
            <div class="field-head">
                <span class="label">{format!("Correlation {}", index + 1)}</span>
                <button type="button" class="reset" aria-label=format!("Remove correlation {}", index + 1)
                    on:click=move |_| state.edit(|s| { if index < s.uncertainty.correlations.len() { s.uncertainty.correlations.remove(index); } })>"remove"</button>
            </div>
            {select(0, "First")}
            {select(1, "Second")}
            <label class="param">"rank correlation (−1 to 1)"
                <input type="text" inputmode="decimal" class="num" data-param="rank" data-step="0.05"
                    prop:value=move || draft.get().unwrap_or_else(|| corr.with(|c| c.as_ref().map(|c| trim_number(c.rank)).unwrap_or_default()))
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        if let Some(v) = super::number_field::parse(&text) {
                            if v.is_finite() {
                                state.edit_field(Some(&rank_field), |s| {
                                    if let Some(c) = s.uncertainty.correlations.get_mut(index) { c.rank = v; }
                                });
                            }
                        }
                        draft.set(Some(text));
                    }
                    on:change=move |_| { if bad().is_none() { draft.set(None); } } />
            </label>
            <p class="error" role="alert">{message}</p>
        </div>
    }
}

/// A small picture of a distribution: its density as bars between its 1st and 99th
/// percentiles, with those bounds written underneath in the input's units.
#[component]
fn DistPreview(dist: Dist, spec: Field) -> impl IntoView {
    let preview = charts::uncertainty::preview(&dist.sampler((spec.min, spec.max)), PREVIEW_BINS);
    let top = preview.heights.iter().copied().fold(0.0f64, f64::max).max(f64::MIN_POSITIVE);
    let w = 100.0 / PREVIEW_BINS as f64;
    let bars = preview
        .heights
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let hh = 28.0 * h / top;
            view! { <rect x=format!("{:.2}", i as f64 * w + 0.3) y=format!("{:.2}", 30.0 - hh) width=format!("{:.2}", w - 0.6) height=format!("{hh:.2}") /> }
        })
        .collect_view();
    let shown = move |v: f64| in_unit(&format::sig3(v / spec.scale), spec.unit);
    let text = format!(
        "Distribution from {} to {} (1st to 99th percentile)",
        shown(preview.low),
        shown(preview.high)
    );
    view! {
        <figure class="dist-preview">
            <svg viewBox="0 0 100 30" preserveAspectRatio="none" role="img" aria-label=text>{bars}</svg>
            // Which percentiles the ends are: the field's note gives the 5th–95th and the
            // tornado the 10th–90th, so unlabelled ends read as a third, conflicting range.
            <figcaption><span>{shown(preview.low)}</span><span class="faint">"1st – 99th percentile"</span><span>{shown(preview.high)}</span></figcaption>
        </figure>
    }
}

/// Bars in a distribution preview.
const PREVIEW_BINS: usize = 24;
