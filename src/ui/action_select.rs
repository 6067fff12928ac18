//! Selects whose choice does something (load a preset, apply a site preset, add a source, make
//! an input uncertain). In a closed select, Chromium and Firefox on Windows and Linux change the
//! value on every arrow or letter key and fire `change` within that key's task, so arrowing
//! through "Add a source" added a source per key and one arrow on the header's preset replaced
//! the scenario. Such a change is browsing: Enter acts on the option shown, leaving the select
//! puts it back. A change with no key in its task (a pointer, or a choice made in the open list,
//! as on macOS) acts at once.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the page's one hint, for `aria-describedby` on every action select: keyboard users
/// learn that Enter applies.
pub const HINT_ID: &str = "action-select-hint";

/// The keyboard guard of one action select.
#[derive(Clone, Copy)]
pub struct ActionSelect {
    /// A key other than Enter went down in the current task.
    key_in_task: StoredValue<bool>,
    /// The option shown was reached by keys and not yet acted on.
    browsing: StoredValue<bool>,
}

impl ActionSelect {
    /// A guard for one select.
    pub fn new() -> Self {
        Self { key_in_task: StoredValue::new(false), browsing: StoredValue::new(false) }
    }

    /// For `on:keydown`: whether this Enter commits a browsed option (act on the select's value).
    pub fn keydown(self, ev: &web_sys::KeyboardEvent) -> bool {
        if ev.key() == "Enter" {
            let commit = self.browsing.get_value();
            self.browsing.set_value(false);
            if commit {
                ev.prevent_default();
            }
            return commit;
        }
        // Keys that open the list: a choice made in it commits on its own (the list's Enter may
        // not reach the select), so what was browsed before is no longer pending.
        let key = ev.key();
        if key == " " || key == "F4" || (ev.alt_key() && key.starts_with("Arrow")) {
            self.browsing.set_value(false);
            return false;
        }
        self.key_in_task.set_value(true);
        // The key's own `change` comes in this task; cleared in a later one.
        let flag = self.key_in_task;
        gloo::timers::callback::Timeout::new(0, move || flag.set_value(false)).forget();
        false
    }

    /// For `on:change`: whether to act now (else the option is only being browsed).
    pub fn change(self) -> bool {
        let browsing = self.key_in_task.get_value();
        self.browsing.set_value(browsing);
        !browsing
    }

    /// For `on:blur`: whether a browsed option was left without Enter (put the select back).
    pub fn blur(self) -> bool {
        let left = self.browsing.get_value();
        self.browsing.set_value(false);
        left
    }
}

impl Default for ActionSelect {
    fn default() -> Self {
        Self::new()
    }
}

/// The select an event came from, showing `value` (e.g. back to its "Choose…" option).
pub fn show(ev: &web_sys::Event, value: &str) {
    if let Some(target) = ev.target() {
        js_sys::Reflect::set(target.unchecked_ref(), &"value".into(), &value.into()).ok();
    }
}
