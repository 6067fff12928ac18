//! `window.runDeal(samples, seed)`: the explorer's Monte Carlo engine behind the peer benchmark's
//! contract (`shared/peer/README.md`), so it can be measured side by side with Squiggle and plain
//! JavaScript in the same Chromium run. The samples are drawn in the worker pool in blocks of
//! [`peer::BLOCK`]; the statistics are computed here, on the whole sample, by selection.

use super::workers::{self, get, set, Pool};
use crate::model::uncertainty::peer::{self, PeerStats};
use js_sys::{Object, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// One call in flight: the columns as they arrive, and how to answer.
struct Call {
    cols: [Vec<f64>; 4],
    waiting: usize,
    started: f64,
    resolve: js_sys::Function,
    samples: usize,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Defines `window.runDeal` and `window.runDealInfo` (the workers start on the first call).
pub fn register() {
    let Some(window) = web_sys::window() else { return };
    let pool: Rc<RefCell<Option<Pool>>> = Rc::new(RefCell::new(None));
    let call: Rc<RefCell<Option<Call>>> = Rc::new(RefCell::new(None));
    let run = Closure::<dyn FnMut(f64, f64) -> Promise>::new(move |samples: f64, seed: f64| {
        let samples = samples.max(1.0) as usize;
        let seed = seed as u32;
        let pool = pool.clone();
        let call = call.clone();
        Promise::new(&mut move |resolve, reject| {
            if pool.borrow().is_none() {
                let call = call.clone();
                let made = Pool::new(workers::worker_count(), move |data| answered(&call, data));
                match made {
                    Ok(p) => *pool.borrow_mut() = Some(p),
                    Err(e) => {
                        reject.call1(&JsValue::NULL, &JsValue::from_str(&e)).ok();
                        return;
                    }
                }
            }
            let guard = pool.borrow();
            let Some(p) = guard.as_ref() else { return };
            p.cancel();
            // Whole blocks, spread evenly: every worker gets about the same share.
            let block = peer::BLOCK as usize;
            let blocks = samples.div_ceil(block);
            let per = blocks.div_ceil(p.size()).max(1) * block;
            let jobs: Vec<Object> = (0..samples)
                .step_by(per)
                .map(|start| {
                    let job = workers::job("peer");
                    set(&job, "seed", seed);
                    set(&job, "start", start as f64);
                    set(&job, "count", (per.min(samples - start)) as f64);
                    job
                })
                .collect();
            *call.borrow_mut() = Some(Call {
                cols: std::array::from_fn(|_| vec![0.0; samples]),
                waiting: jobs.len(),
                started: now(),
                resolve,
                samples,
            });
            p.submit(jobs);
        })
    });
    js_sys::Reflect::set(&window, &JsValue::from_str("runDeal"), run.as_ref()).ok();
    run.forget();
    let info = Object::new();
    set(&info, "name", "deal-explorer wasm (workers)");
    set(&info, "version", env!("CARGO_PKG_VERSION"));
    js_sys::Reflect::set(&window, &JsValue::from_str("runDealInfo"), &info).ok();
}

fn answered(call: &Rc<RefCell<Option<Call>>>, data: &JsValue) {
    let mut guard = call.borrow_mut();
    let Some(c) = guard.as_mut() else { return };
    let start = get(data, "start").as_f64().unwrap_or(0.0) as usize;
    let flat = js_sys::Float64Array::new(&get(data, "cols"));
    let count = flat.length() as usize / 4;
    for (k, col) in c.cols.iter_mut().enumerate() {
        flat.subarray((k * count) as u32, ((k + 1) * count) as u32).copy_to(&mut col[start..start + count]);
    }
    c.waiting -= 1;
    if c.waiting > 0 {
        return;
    }
    let Some(done) = guard.take() else { return };
    let stats = PeerStats::of(done.cols);
    let out = Object::new();
    set(&out, "ms", now() - done.started);
    set(&out, "samples", done.samples as f64);
    for (name, s) in [
        ("facility_mw", stats.facility_mw),
        ("effective_gpu_hours", stats.effective_gpu_hours),
        ("cost_per_gpu_hr", stats.cost_per_gpu_hr),
        ("annual_energy_cost_usd", stats.annual_energy_cost_usd),
    ] {
        set(&out, &format!("{name}_mean"), s.mean);
        set(&out, &format!("{name}_p5"), s.p5);
        set(&out, &format!("{name}_p50"), s.p50);
        set(&out, &format!("{name}_p95"), s.p95);
    }
    done.resolve.call1(&JsValue::NULL, &out).ok();
}
