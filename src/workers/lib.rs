//! Work off the main thread: a pool of module Web Workers (one per core, up to [`MAX_WORKERS`])
//! that run the page's own WebAssembly module. The worker script (`assets/worker.js`, the same
//! for the explorer and the peer benchmark page) imports the page's JS glue, instantiates the
//! already-compiled module the page posts it, so nothing is downloaded or compiled twice, and
//! runs each job's call of one of the module's exports ([`call`]).
//!
//! Jobs are plain objects; every answer carries the generation it was asked in, and
//! [`Pool::cancel`] moves to a new generation and drops the queue, so answers to a cancelled
//! run are ignored and a new run starts at once (a chunk already running finishes in the
//! background; chunks are small enough that this takes well under a second).
//!
//! A worker that stops (its script fails to load, say under a wiki's Content-Security-Policy,
//! or it throws outside a job) answers its job in flight with `{error}`, like a job that threw,
//! and gets no more jobs; once every worker has stopped, every job is answered that way, so no
//! caller waits forever.

use js_sys::{Object, Reflect};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// At most this many workers, whatever the core count.
pub const MAX_WORKERS: usize = 8;

type Handler = Rc<dyn Fn(&JsValue)>;

struct Slot {
    worker: web_sys::Worker,
    /// The jobs sent to it and not answered yet, oldest first (a worker answers in order; the
    /// peer benchmark's second round may send one worker two).
    jobs: VecDeque<Object>,
    /// It stopped (see the module's documentation) and gets no more jobs.
    stopped: bool,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

struct Inner {
    slots: Vec<Slot>,
    queue: VecDeque<Object>,
    generation: u32,
    handler: Handler,
    /// Why the last worker stopped, once every one has.
    stopped: Option<String>,
}

/// A pool of simulation workers. Cloning shares the pool.
#[derive(Clone)]
pub struct Pool(Rc<RefCell<Inner>>);

/// Sets `key` on a plain object.
pub fn set(o: &Object, key: &str, value: impl Into<JsValue>) {
    Reflect::set(o, &JsValue::from_str(key), &value.into()).ok();
}

/// Reads `key` of a plain object.
pub fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The URL of the page's JS glue (trunk preloads it with `<link rel=modulepreload>`).
fn glue_url() -> Option<String> {
    let link = web_sys::window()?.document()?.query_selector("link[rel=modulepreload]").ok()??;
    link.get_attribute("href")
        .and_then(|href| web_sys::Url::new_with_base(&href, &web_sys::window()?.location().href().ok()?).ok())
        .map(|u| u.href())
}

/// How many workers to start: the core count, 1 to [`MAX_WORKERS`].
pub fn worker_count() -> usize {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).clamp(1, MAX_WORKERS)
}

impl Pool {
    /// Starts `size` workers running `script` (relative to the page); `handler` receives every
    /// answer of the current generation.
    ///
    /// # Errors
    /// A message when workers cannot start (no glue URL, or the browser refuses module workers).
    pub fn new(script: &str, size: usize, handler: impl Fn(&JsValue) + 'static) -> Result<Self, String> {
        Self::start(script, size, Rc::new(handler))
    }

    /// [`Pool::new`] once, not once per handler type.
    fn start(script: &str, size: usize, handler: Handler) -> Result<Self, String> {
        let glue = glue_url().ok_or("the page's script could not be found")?;
        let pool = Self(Rc::new(RefCell::new(Inner {
            slots: Vec::new(),
            queue: VecDeque::new(),
            generation: 0,
            handler,
            stopped: None,
        })));
        let init = Object::new();
        let spec = Object::new();
        set(&spec, "glue", glue);
        set(&spec, "module", wasm_bindgen::module());
        set(&init, "init", spec);
        for i in 0..size {
            let options = web_sys::WorkerOptions::new();
            options.set_type(web_sys::WorkerType::Module);
            let worker = web_sys::Worker::new_with_options(script, &options)
                .map_err(|e| format!("a worker could not start: {e:?}"))?;
            let weak = Rc::downgrade(&pool.0);
            let on_message =
                Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                    if let Some(inner) = weak.upgrade() {
                        Self(inner).answered(i, &ev.data());
                    }
                });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            let weak = Rc::downgrade(&pool.0);
            // An `ErrorEvent` when the script threw, a plain `Event` when it failed to load.
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                ev.prevent_default();
                if let Some(inner) = weak.upgrade() {
                    Self(inner).stopped(i, &get(&ev, "message").as_string().unwrap_or_default());
                }
            });
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            worker.post_message(&init).map_err(|e| format!("{e:?}"))?;
            let slot = Slot {
                worker,
                jobs: VecDeque::new(),
                stopped: false,
                _on_message: on_message,
                _on_error: on_error,
            };
            pool.0.borrow_mut().slots.push(slot);
        }
        Ok(pool)
    }

    /// Workers in the pool.
    pub fn size(&self) -> usize {
        self.0.borrow().slots.len()
    }

    /// Drops queued jobs and ignores answers to jobs already sent; returns the new generation.
    pub fn cancel(&self) -> u32 {
        let mut inner = self.0.borrow_mut();
        inner.queue.clear();
        inner.generation = inner.generation.wrapping_add(1);
        inner.generation
    }

    /// Queues jobs for the current generation and hands them to idle workers.
    pub fn submit(&self, jobs: impl IntoIterator<Item = Object>) {
        self.queue(jobs, false);
    }

    /// Queues `job` for the current generation ahead of every queued job: the next worker free
    /// takes it (a tornado asked for in the middle of a long run).
    pub fn submit_next(&self, job: Object) {
        self.queue([job], true);
    }

    /// Drops the queued jobs of `kind` (not those sent already): asked for again, an older one is
    /// no longer wanted.
    pub fn drop_queued(&self, kind: &str) {
        self.0.borrow_mut().queue.retain(|job| get(job, "kind").as_string().as_deref() != Some(kind));
    }

    fn queue(&self, jobs: impl IntoIterator<Item = Object>, first: bool) {
        {
            let mut inner = self.0.borrow_mut();
            let generation = inner.generation;
            for job in jobs {
                set(&job, "gen", generation);
                if first {
                    inner.queue.push_front(job);
                } else {
                    inner.queue.push_back(job);
                }
            }
        }
        for i in 0..self.size() {
            self.feed(i);
        }
        self.orphans_fail();
    }

    /// Jobs queued or running.
    pub fn pending(&self) -> usize {
        let inner = self.0.borrow();
        inner.queue.len() + inner.slots.iter().map(|s| s.jobs.len()).sum::<usize>()
    }

    fn feed(&self, i: usize) {
        let mut inner = self.0.borrow_mut();
        if !inner.slots[i].jobs.is_empty() || inner.slots[i].stopped {
            return;
        }
        if let Some(job) = inner.queue.pop_front() {
            inner.slots[i].worker.post_message(&job).ok();
            inner.slots[i].jobs.push_back(job);
        }
    }

    /// Sends `job` to worker `i` at once, past the queue: for a job that needs what that worker
    /// kept from its last one (the peer benchmark's second round).
    pub fn post_to(&self, i: usize, job: &Object) {
        let mut inner = self.0.borrow_mut();
        set(job, "gen", inner.generation);
        match inner.slots.get_mut(i) {
            Some(slot) if !slot.stopped => {
                slot.worker.post_message(job).ok();
                slot.jobs.push_back(job.clone());
            }
            // Nothing can answer it.
            _ => {
                drop(inner);
                self.fail_later(vec![job.clone()], "the worker holding this job stopped".to_owned());
            }
        }
    }

    fn answered(&self, i: usize, data: &JsValue) {
        self.0.borrow_mut().slots[i].jobs.pop_front();
        // Hand the worker its next job before the (possibly slower) handler runs.
        self.feed(i);
        self.deliver(i, data);
    }

    /// Hands worker `i`'s answer to the handler, if it belongs to the current generation.
    fn deliver(&self, i: usize, data: &JsValue) {
        // Which worker answered, for jobs that must go back to it.
        if let Some(o) = data.dyn_ref::<Object>() {
            set(o, "worker", i as f64);
        }
        let (current, handler) = {
            let inner = self.0.borrow();
            (get(data, "gen").as_f64() == Some(f64::from(inner.generation)), inner.handler.clone())
        };
        if current {
            handler(data);
        }
    }

    /// Worker `i` stopped: it is ended (so no late answer can follow the error), its jobs in
    /// flight are answered with the error, and it gets no more.
    fn stopped(&self, i: usize, message: &str) {
        let why = if message.is_empty() {
            "a worker stopped".to_owned()
        } else {
            format!("a worker stopped ({message})")
        };
        let jobs: Vec<Object> = {
            let mut inner = self.0.borrow_mut();
            let slot = &mut inner.slots[i];
            slot.worker.terminate();
            slot.stopped = true;
            let jobs = slot.jobs.drain(..).collect();
            if inner.slots.iter().all(|s| s.stopped) {
                inner.stopped = Some(why.clone());
            }
            jobs
        };
        for job in jobs {
            self.deliver(i, &error_reply(&job, &why));
        }
        self.orphans_fail();
    }

    /// Once no worker is left, answers every queued job with the error, after the current task
    /// (so a caller of [`Pool::submit`] never sees its handler run inside the call).
    fn orphans_fail(&self) {
        let (why, jobs): (String, Vec<Object>) = {
            let mut inner = self.0.borrow_mut();
            let Some(why) = inner.stopped.clone() else { return };
            if inner.queue.is_empty() {
                return;
            }
            (why, inner.queue.drain(..).collect())
        };
        self.fail_later(jobs, why);
    }

    /// Answers `jobs` with the error `why` after the current task.
    fn fail_later(&self, jobs: Vec<Object>, why: String) {
        let pool = self.clone();
        let later = Closure::once_into_js(move || {
            for job in jobs {
                let (current, handler) = {
                    let inner = pool.0.borrow();
                    (get(&job, "gen").as_f64() == Some(f64::from(inner.generation)), inner.handler.clone())
                };
                if current {
                    handler(&error_reply(&job, &why));
                }
            }
        });
        let later: &js_sys::Function = later.unchecked_ref();
        if web_sys::window().and_then(|w| w.set_timeout_with_callback(later).ok()).is_none() {
            later.call0(&JsValue::NULL).ok();
        }
    }
}

/// The answer a job gets when no worker can run it: its generation, kind and start, and `error`.
fn error_reply(job: &Object, why: &str) -> JsValue {
    let reply = Object::new();
    for key in ["gen", "kind", "start"] {
        set(&reply, key, get(job, key));
    }
    set(&reply, "error", why);
    reply.into()
}

/// A lazily started worker pool whose answers go to `handler`.
pub struct LazyPool {
    pool: RefCell<Option<Pool>>,
    script: &'static str,
    size: usize,
    handler: Handler,
}

impl LazyPool {
    /// A pool of `size` workers running `script`, started by the first [`LazyPool::restart`].
    pub fn new(script: &'static str, size: usize, handler: impl Fn(&JsValue) + 'static) -> Rc<Self> {
        Rc::new(Self { pool: RefCell::new(None), script, size, handler: Rc::new(handler) })
    }

    /// Cancels what is in flight and submits `jobs` (starting the pool the first time).
    pub fn restart(&self, jobs: Vec<Object>) -> Result<(), String> {
        if self.pool.borrow().is_none() {
            let handler = self.handler.clone();
            *self.pool.borrow_mut() = Some(Pool::new(self.script, self.size, move |d| handler(d))?);
        }
        let guard = self.pool.borrow();
        let pool = guard.as_ref().expect("started above");
        pool.cancel();
        pool.submit(jobs);
        Ok(())
    }

    /// Drops what is queued and ignores answers in flight.
    pub fn cancel(&self) {
        if let Some(p) = self.pool.borrow().as_ref() {
            p.cancel();
        }
    }
}

/// Milliseconds since the page loaded (`performance.now()`).
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// A job of `kind` that calls the module's export `export` with `args` in a worker and is
/// answered with the result as the field `out` (a typed array is transferred, not copied).
pub fn call(kind: &str, export: &str, args: &[JsValue], out: &str) -> Object {
    let o = Object::new();
    set(&o, "kind", kind);
    set(&o, "call", export);
    set(&o, "args", args.iter().collect::<js_sys::Array>());
    set(&o, "out", out);
    o
}
