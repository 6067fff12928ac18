//! The header's popovers (the permanent link, the scenarios) behave like menus: Escape or a
//! click outside closes one and puts focus back on its button; opening one moves focus to its
//! first control.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Wires the popover shown while `open` inside `root` (the element holding both its button and
/// the popover).
pub fn dismissable(open: RwSignal<bool>, root: NodeRef<Div>) {
    let button = move || {
        root.get_untracked()
            .and_then(|r| r.query_selector("button").ok().flatten())
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    };
    // Focus goes to the first control inside once the popover is drawn.
    Effect::new(move |was_open: Option<bool>| {
        let now = open.get();
        if now && was_open != Some(true) {
            request_animation_frame(move || {
                let first = root.get_untracked().and_then(|r| {
                    r.query_selector("[role=dialog] input, [role=dialog] select, [role=dialog] button")
                        .ok()
                        .flatten()
                });
                if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    el.focus().ok();
                }
            });
        }
        now
    });
    let Some(window) = web_sys::window() else { return };
    let escape = gloo::events::EventListener::new(&window, "keydown", move |ev| {
        let escaped = ev.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| k.key() == "Escape");
        if escaped && open.get_untracked() {
            open.set(false);
            if let Some(b) = button() {
                b.focus().ok();
            }
        }
    });
    let outside = gloo::events::EventListener::new(&window, "pointerdown", move |ev| {
        if !open.get_untracked() {
            return;
        }
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = root.get_untracked().is_some_and(|r| r.contains(target.as_ref()));
        if !inside {
            open.set(false);
        }
    });
    let keep = send_wrapper::SendWrapper::new((escape, outside));
    on_cleanup(move || drop(keep));
}

/// Focuses (and scrolls to) the element with id `id` in a later task: after the reactive
/// updates that build it and any focus a closing popover hands back.
pub fn focus_later(id: &'static str) {
    gloo::timers::callback::Timeout::new(0, move || {
        let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
        if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            el.focus().ok();
        }
    })
    .forget();
}
