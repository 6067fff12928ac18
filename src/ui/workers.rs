//! The explorer's worker pool ([`deal_workers`]) and the functions its workers call
//! (`assets/worker.js`, through [`call`] jobs): Monte Carlo chunks, tornado swings, goal seeks,
//! break-even map rows and resilience runs, each on the page's own WebAssembly module.

use crate::model::uncertainty::Simulation;
use crate::model::{codec, decide, resilience, FieldError};
pub use deal_workers::{call, get, now, set, worker_count, LazyPool, Pool, MAX_WORKERS};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

/// The explorer's worker script, relative to the page.
const SCRIPT: &str = "./worker.js";

/// Starts `size` model workers; `handler` receives every answer of the current generation.
///
/// # Errors
/// A message when workers cannot start ([`Pool::new`]).
pub fn pool(size: usize, handler: impl Fn(&JsValue) + 'static) -> Result<Pool, String> {
    Pool::new(SCRIPT, size, handler)
}

/// `size` model workers started by the first job ([`LazyPool::restart`]).
pub fn lazy_pool(size: usize, handler: impl Fn(&JsValue) + 'static) -> Rc<LazyPool> {
    LazyPool::new(SCRIPT, size, handler)
}

// ---- Exported to the workers (called by assets/worker.js) ----

/// Samples `start..start + count` of the scenario's simulation, as rows of
/// [`Simulation::outcome`] (empty if the scenario or its settings are invalid).
#[wasm_bindgen]
pub fn mc_run(scenario: &str, start: u32, count: u32) -> Vec<f64> {
    codec::parse_json(scenario)
        .ok()
        .and_then(|s| Simulation::new(&s).ok())
        .map_or_else(Vec::new, |sim| sim.run(u64::from(start), u64::from(count)))
}

/// A tornado job's answer: the swings, widest first, and the one-way line of the widest.
#[derive(serde::Serialize, Default)]
struct TornadoAnswer {
    swings: Vec<crate::model::uncertainty::Swing>,
    line: Vec<(f64, f64)>,
}

/// The tornado of the scenario's chosen KPI and the one-way line of its widest input, as the
/// JSON `{"swings": [...], "line": [[input, kpi], ...]}` (both empty if invalid).
#[wasm_bindgen]
pub fn mc_tornado(scenario: &str) -> String {
    let answer = codec::parse_json(scenario).ok().and_then(|s| {
        let sim = Simulation::new(&s).ok()?;
        let (k, _) = crate::model::uncertainty::kpi(&s.uncertainty.kpi)?;
        let swings = sim.tornado(k);
        let line = swings
            .first()
            .and_then(|top| sim.one_way(&top.id, k, crate::model::uncertainty::ONE_WAY_STEPS))
            .unwrap_or_default();
        Some(TornadoAnswer { swings, line })
    });
    serde_json::to_string(&answer.unwrap_or_default()).unwrap_or_default()
}

/// A goal seek on the scenario (`goal`: a [`decide::Goal`] as JSON), answered as the JSON of
/// `{"Ok": Solution}` or `{"Err": [field errors]}`.
#[wasm_bindgen]
pub fn decide_solve(scenario: &str, goal: &str) -> String {
    let result = codec::parse_json(scenario).map_err(|e| e.field_errors()).and_then(|s| {
        let goal: decide::Goal =
            serde_json::from_str(goal).map_err(|e| vec![FieldError::new("goal", e.to_string())])?;
        decide::solve(&s, &goal)
    });
    serde_json::to_string(&result).unwrap_or_default()
}

/// Rows `start..start + count` of a break-even map (`map`: a [`decide::Map`] as JSON), one
/// after another (empty if the scenario or the map is invalid).
#[wasm_bindgen]
pub fn decide_map(scenario: &str, map: &str, start: u32, count: u32) -> Vec<f64> {
    let (Ok(s), Ok(map)) = (codec::parse_json(scenario), serde_json::from_str::<decide::Map>(map)) else {
        return Vec::new();
    };
    map.rows(&s, start as usize..(start + count) as usize).unwrap_or_default()
}

/// The scenario's resilience simulation, as the JSON of `{"Ok": ResilienceReport}` or
/// `{"Err": [field errors]}`.
#[wasm_bindgen]
pub fn resilience_run(scenario: &str) -> String {
    let result =
        codec::parse_json(scenario).map_err(|e| e.field_errors()).and_then(|s| resilience::simulate(&s));
    serde_json::to_string(&result).unwrap_or_default()
}
