//! Results off the screen follow an edit once the browser is idle, so an edit redraws what is
//! seen first (issue 12: input → redraw within a frame).
//!
//! A [`Live`] section reads the scenario and the report through its own view of them. While the
//! section is on (or within 300 px of) the screen, or the page is printed, that view follows
//! every edit at once, like the rest of the page. Off the screen it catches up in the browser's
//! next idle period (`requestIdleCallback`, at most [`CATCH_UP_MS`] later; a timer where there is
//! none): several edits in a row, such as a slider being dragged, are one catch-up. Measured in
//! a Chrome trace before this (2026-11-30): the sections below the fold were ~3.4 of the ~7.4 ms
//! of script an edit of the ramp delay ran on the default scenario.

use super::chart::watch_in_view;
use super::state::ScenarioState;
use leptos::context::Provider;
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::{closure::Closure, JsCast};

/// The longest an off-screen section waits for an idle period (ms).
const CATCH_UP_MS: u32 = 400;
/// How long a skipped section's content stays unchanged before it is laid out again (ms).
const SETTLE_MS: u32 = 1000;

/// Notified once the browser is idle after the report changed.
#[derive(Clone, Copy)]
struct Idle(Trigger);

/// Starts the catch-up of off-screen sections. Call once, under the state's owner.
///
/// While a catch-up is due the document element has `data-catching-up="true"`, so a reader of the
/// whole page (the browser tests, a script in an embedding wiki) can wait until every section
/// shows the latest report. No style depends on it.
pub fn provide() {
    let state = expect_context::<ScenarioState>();
    let idle = Trigger::new();
    let pending = StoredValue::new_local(false);
    Effect::new(move |_| {
        state.report.track();
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        mark_catching_up(true);
        when_idle(move || {
            pending.set_value(false);
            idle.notify();
            mark_catching_up(false);
        });
    });
    provide_context(Idle(idle));
}

fn mark_catching_up(due: bool) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        root.set_attribute("data-catching-up", if due { "true" } else { "false" }).ok();
    }
}

/// Runs `f` once in the browser's next idle period, or after [`CATCH_UP_MS`] if none comes
/// (50 ms in browsers without `requestIdleCallback`).
pub fn when_idle(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let callback = Closure::once_into_js(f);
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(CATCH_UP_MS);
    let function: &js_sys::Function = callback.unchecked_ref();
    // Safari has no `requestIdleCallback`: the call throws, and a timer does instead.
    if window.request_idle_callback_with_options(function, &options).is_err() {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(function, 50).ok();
    }
}

/// A section of results that follows edits at once while seen and in idle time otherwise. Its
/// children lay out as the page's own (the wrapper is a column with the page's gap).
#[component]
pub fn Live(children: Children) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let Idle(idle) = expect_context::<Idle>();
    let frame = NodeRef::<Div>::new();
    let (seen, reported) = watch_in_view(frame);
    let last_good = Memo::new(move |_| follow(seen, idle, state.last_good));
    let report = Memo::new_with_compare(
        move |_| follow(seen, idle, state.report),
        |a, b| match (a, b) {
            (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
            _ => true,
        },
    );
    // Once laid out (the observer's first report comes after layout, when the browser has noted
    // the section's size), the browser may also skip laying out and painting it while it is off
    // the screen (`content-visibility`), keeping that size for it. A section below the fold is
    // skipped from then on, before it is ever seen: the default's 1,613 layout objects an edit
    // become 749 (`frames.mjs`, BENCHMARKS.md 2026-12-03 midday).
    let relaying = RwSignal::new(false);
    keep_size(frame, seen, relaying);
    let skipping = move || reported.get() && !relaying.get();
    view! {
        <div class="live" class:laid-out=skipping node_ref=frame data-seen=move || if seen.get() { "true" } else { "false" }>
            // Provided to the children only: a component has no owner of its own, so a plain
            // `provide_context` here would hand this view to everything built after it.
            <Provider value=state.seen_through(last_good, report)>{children()}</Provider>
        </div>
    }
}

/// Keeps the size the browser holds for a skipped section true: once something changes in it off
/// the screen (an idle catch-up, a worker's answer) and then nothing for [`SETTLE_MS`], it is laid
/// out once, for one frame, with `relaying` set meanwhile. Without this the resilience section,
/// skipped before its first simulation's answer came, was held 1,044 px short, and anything below
/// it was out of place until it was scrolled to. At once after every catch-up instead, a frame
/// laid the skipped sections out after every edit (4.1 ms of frame an edit, not 2.0). Watched
/// only off the screen: an edit of a section on it costs nothing here.
fn keep_size(frame: NodeRef<Div>, seen: RwSignal<bool>, relaying: RwSignal<bool>) {
    let settle = StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(element) = frame.get() else { return };
        if seen.get() {
            return;
        }
        let root: web_sys::Element = element.into();
        let watched = root.clone();
        let changed = Closure::<dyn FnMut(js_sys::Array)>::new(move |records: js_sys::Array| {
            // The section's own attributes (its class, `data-seen`) are not its content.
            let inside = records
                .iter()
                .any(|r| r.unchecked_into::<web_sys::MutationRecord>().target().as_ref() != Some(&*root));
            if inside {
                // Marked meanwhile, for readers of the page's length (the browser tests).
                root.set_attribute("data-settling", "").ok();
                let root = root.clone();
                // A later change replaces (and so cancels) the timer.
                settle.set_value(Some(gloo::timers::callback::Timeout::new(SETTLE_MS, move || {
                    relaying.set(true);
                    after_next_layout(move || {
                        relaying.set(false);
                        root.remove_attribute("data-settling").ok();
                    });
                })));
            }
        });
        let Ok(observer) = web_sys::MutationObserver::new(changed.as_ref().unchecked_ref()) else { return };
        let options = web_sys::MutationObserverInit::new();
        options.set_subtree(true);
        options.set_child_list(true);
        options.set_attributes(true);
        options.set_character_data(true);
        observer.observe_with_options(&watched, &options).ok();
        let keep = send_wrapper::SendWrapper::new((observer, changed));
        on_cleanup(move || keep.0.disconnect());
    });
}

/// Runs `f` in a task after the next frame, whose layout has then noted every box's size.
pub fn after_next_layout(f: impl FnOnce() + 'static) {
    let next = Closure::once_into_js(move || gloo::timers::callback::Timeout::new(0, f).forget());
    if let Some(window) = web_sys::window() {
        window.request_animation_frame(next.unchecked_ref()).ok();
    }
}

/// `source`'s value: tracked while the section is seen, else read as of the last idle period.
fn follow<T: Clone + Send + Sync + 'static>(
    seen: RwSignal<bool>,
    idle: Trigger,
    source: impl Get<Value = T> + GetUntracked<Value = T>,
) -> T {
    if seen.get() {
        source.get()
    } else {
        idle.track();
        source.get_untracked()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unseen_view_waits_for_idle_time_and_a_seen_one_follows_at_once() {
        let owner = Owner::new();
        owner.set();
        let source = RwSignal::new(1);
        let (seen, idle) = (RwSignal::new(false), Trigger::new());
        let view = Memo::new(move |_| follow(seen, idle, source));
        assert_eq!(view.get_untracked(), 1);
        source.set(2);
        source.set(3);
        assert_eq!(view.get_untracked(), 1, "off the screen, edits wait");
        idle.notify();
        assert_eq!(view.get_untracked(), 3, "idle time catches up with the latest edit");
        source.set(4);
        seen.set(true);
        assert_eq!(view.get_untracked(), 4, "coming into view catches up");
        source.set(5);
        assert_eq!(view.get_untracked(), 5, "in view, every edit shows at once");
    }
}
