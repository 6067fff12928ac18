//! The peer benchmark page (`dist/peer/`, built by `scripts/peer-page.sh`):
//! `window.runDeal(samples, seed)`, the explorer's Monte Carlo engine behind the peer benchmark's
//! contract (`shared/peer/README.md`), so it can be measured side by side with Squiggle and plain
//! JavaScript in the same Chromium run. It is its own WebAssembly module (the peer model, the
//! worker pool, no UI), so the explorer itself ships no benchmark code.
//!
//! Small runs are drawn on the page at once (up to 50k samples on 2 cores, about 2 ms: less than
//! splitting them over warm workers saves on such a machine). Larger ones go to the worker pool in two
//! rounds, so the samples never leave the workers: each worker draws its share of whole
//! [`peer::BLOCK`]s and answers with histograms and block sums ([`peer::Part`]); the page works
//! out which bins hold p5, p50 and p95 ([`peer::Plan`]) and asks each worker for just the values
//! in those bins. The statistics are exact and the same as one share drawn here (tested in the
//! model).

use deal_peer::{self as peer, Part, PeerStats, Plan};
use deal_workers::{self as workers, get, set, Pool};
use js_sys::{Float64Array, Object, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Runs up to this many samples divided by the core count on the page itself (30,000 to
/// [`IN_PAGE_MOST`]): once the page has warmed the engine up (index.js), 100k samples take
/// 3.4 ms on the page and 2.3–2.5 ms over 2 workers on the 2-core VM (BENCHMARKS.md).
const IN_PAGE_OVER_CORES: usize = 100_000;
/// Never more than this many samples on the page (about 5 ms).
const IN_PAGE_MOST: usize = 150_000;
/// The most samples a call may ask for (the workers keep 32 bytes a sample between the rounds).
const MAX_SAMPLES: usize = 10_000_000;

/// Where a call in flight stands.
enum Round {
    /// Waiting for each job's part, by job index, and which worker drew it.
    Draw { parts: Vec<Option<(usize, Part)>> },
    /// Waiting for each worker's picked values.
    Pick { plan: Box<Plan>, answers: Vec<Vec<f64>>, waiting: usize },
}

/// One call in flight.
struct Call {
    round: Round,
    /// The pool's generation it runs in, which the workers keep its shares by.
    run: u32,
    started: f64,
    resolve: js_sys::Function,
    reject: js_sys::Function,
    samples: usize,
}

type Shared<T> = Rc<RefCell<Option<T>>>;

/// The page's worker script, relative to the page.
const SCRIPT: &str = "./worker.js";

/// Defines `window.runDealEngine` (the contract's `runDeal`, which index.js defines once the
/// engine is warm) and `window.runDealInfo` when the page's module starts (the workers start on
/// the first large call). In a worker, which has no window, it does nothing.
#[wasm_bindgen(start)]
pub fn register() {
    let Some(window) = web_sys::window() else { return };
    let pool: Shared<Pool> = Rc::default();
    let call: Shared<Call> = Rc::default();
    let run = Closure::<dyn FnMut(f64, f64) -> Promise>::new(move |samples: f64, seed: f64| {
        let seed = seed as u32;
        let pool = pool.clone();
        let call = call.clone();
        Promise::new(&mut move |resolve, reject| {
            let started = workers::now();
            if !(1.0..=MAX_SAMPLES as f64).contains(&samples) {
                let why = format!("samples must be 1 to {MAX_SAMPLES}");
                reject.call1(&JsValue::NULL, &JsValue::from_str(&why)).ok();
                return;
            }
            let samples = samples as usize;
            if samples <= (IN_PAGE_OVER_CORES / workers::worker_count()).clamp(30_000, IN_PAGE_MOST) {
                resolve.call1(&JsValue::NULL, &answer(&peer::run(samples, seed), started, samples)).ok();
                return;
            }
            if pool.borrow().is_none() {
                let (call, again) = (call.clone(), pool.clone());
                match Pool::new(SCRIPT, workers::worker_count(), move |data| answered(&call, &again, data)) {
                    Ok(p) => *pool.borrow_mut() = Some(p),
                    Err(e) => {
                        reject.call1(&JsValue::NULL, &JsValue::from_str(&e)).ok();
                        return;
                    }
                }
            }
            // A call still in flight is over: its answers are dropped from here on.
            fail(&call, None, "superseded by a newer runDeal call");
            let guard = pool.borrow();
            let Some(p) = guard.as_ref() else { return };
            // The new generation names this run in the workers, which keep its shares by it.
            let run = p.cancel();
            // Whole blocks, spread evenly: every worker gets about the same share.
            let block = peer::BLOCK as usize;
            let per = samples.div_ceil(block).div_ceil(p.size()).max(1) * block;
            let jobs: Vec<Object> = (0..samples)
                .step_by(per)
                .enumerate()
                .map(|(i, start)| {
                    let count = per.min(samples - start) as u32;
                    let args = [
                        run.into(),
                        (i as u32).into(),
                        seed.into(),
                        ((start / block) as u32).into(),
                        count.into(),
                    ];
                    let job = workers::call("peer", "peer_draw", &args, "part");
                    set(&job, "start", i as f64);
                    job
                })
                .collect();
            let parts = vec![None; jobs.len()];
            *call.borrow_mut() =
                Some(Call { round: Round::Draw { parts }, run, started, resolve, reject, samples });
            p.submit(jobs);
        })
    });
    // index.js warms the engine up with it, then defines `window.runDeal` as this.
    js_sys::Reflect::set(&window, &JsValue::from_str("runDealEngine"), run.as_ref()).ok();
    run.forget();
    let info = Object::new();
    set(&info, "name", "deal-explorer wasm (workers)");
    set(&info, "version", env!("CARGO_PKG_VERSION"));
    js_sys::Reflect::set(&window, &JsValue::from_str("runDealInfo"), &info).ok();
}

/// The contract's answer object.
fn answer(stats: &PeerStats, started: f64, samples: usize) -> Object {
    let out = Object::new();
    set(&out, "ms", workers::now() - started);
    set(&out, "samples", samples as f64);
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
    out
}

/// Ends the call in flight, if any, with an error, and drops what its workers still answer.
fn fail(call: &Shared<Call>, pool: Option<&Shared<Pool>>, why: &str) {
    let Some(c) = call.borrow_mut().take() else { return };
    if let Some(p) = pool.and_then(|p| p.try_borrow().ok()).as_ref().and_then(|p| p.as_ref()) {
        p.cancel();
    }
    c.reject.call1(&JsValue::NULL, &JsValue::from_str(why)).ok();
}

/// What an answer leads to, worked out while the call is borrowed.
enum Next {
    Wait,
    Fail(&'static str),
    /// Ask each job's worker (by job index) for the values in the plan's bins.
    Pick(u32, Vec<usize>, Float64Array),
    Resolve(Call, PeerStats),
}

fn answered(call: &Shared<Call>, pool: &Shared<Pool>, data: &JsValue) {
    if let Some(e) = get(data, "error").as_string() {
        return fail(call, Some(pool), &e);
    }
    let next = step(&mut call.borrow_mut(), data);
    match next {
        Next::Wait => {}
        Next::Fail(why) => fail(call, Some(pool), why),
        // Each job's values come from the worker that drew it (which keeps it by job).
        Next::Pick(run, who, request) => {
            let guard = pool.borrow();
            let Some(p) = guard.as_ref() else { return };
            for (job, &w) in who.iter().enumerate() {
                let pick = workers::call(
                    "peer-pick",
                    "peer_pick",
                    &[run.into(), (job as u32).into(), request.clone().into()],
                    "picked",
                );
                set(&pick, "start", job as f64);
                p.post_to(w, &pick);
            }
        }
        Next::Resolve(done, stats) => {
            done.resolve.call1(&JsValue::NULL, &answer(&stats, done.started, done.samples)).ok();
        }
    }
}

fn step(slot: &mut Option<Call>, data: &JsValue) -> Next {
    let Some(c) = slot.as_mut() else { return Next::Wait };
    match &mut c.round {
        Round::Draw { parts } => {
            let worker = get(data, "worker").as_f64().unwrap_or(0.0) as usize;
            let job = get(data, "start").as_f64().unwrap_or(0.0) as usize;
            let part = Part::from_f64s(&Float64Array::new(&get(data, "part")).to_vec());
            match (part, parts.get_mut(job)) {
                (Some(part), Some(slot @ None)) => *slot = Some((worker, part)),
                _ => return Next::Fail("a worker's histograms could not be read"),
            }
            if parts.iter().any(Option::is_none) {
                return Next::Wait;
            }
            let (who, parts): (Vec<usize>, Vec<Part>) = parts.drain(..).flatten().unzip();
            let counted: u64 = parts.iter().map(Part::samples).sum();
            let Some(plan) = Plan::of(&parts).filter(|_| counted == c.samples as u64) else {
                return Next::Fail("the workers' histograms do not add up");
            };
            let request = Float64Array::from(plan.request().as_slice());
            c.round = Round::Pick { plan: Box::new(plan), answers: Vec::new(), waiting: who.len() };
            Next::Pick(c.run, who, request)
        }
        Round::Pick { plan, answers, waiting } => {
            answers.push(Float64Array::new(&get(data, "picked")).to_vec());
            *waiting -= 1;
            if *waiting > 0 {
                return Next::Wait;
            }
            let stats =
                peer::gather(answers.iter().map(Vec::as_slice)).and_then(|picked| plan.finish(picked));
            let Some(stats) = stats else { return Next::Fail("the workers' values do not add up") };
            slot.take().map_or(Next::Wait, |done| Next::Resolve(done, stats))
        }
    }
}

// ---- Exported to the workers (called by worker.js through `workers::call` jobs) ----

thread_local! {
    /// The peer benchmark shares this worker drew and the page has not picked from yet.
    static SHARES: RefCell<peer::Held> = RefCell::new(peer::Held::default());
}

/// Draws job `job` of run `run`: `count` samples from block `first_block` of seed `seed`, kept
/// for [`peer_pick`]; answers with their [`peer::Part`] (histograms, block sums).
#[wasm_bindgen]
pub fn peer_draw(run: u32, job: u32, seed: u32, first_block: u32, count: u32) -> Vec<f64> {
    SHARES.with(|h| h.borrow_mut().draw(run, job, seed, u64::from(first_block), count as usize))
}

/// Job `job`'s values in the bins the page asks for ([`peer::answer`]); the share is let go.
#[wasm_bindgen]
pub fn peer_pick(run: u32, job: u32, request: &[f64]) -> Vec<f64> {
    SHARES.with(|h| h.borrow_mut().pick(run, job, request))
}
