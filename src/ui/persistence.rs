//! Where the scenario lives outside the page: the address (`#s=` permanent link) and the
//! browser's localStorage (autosave). Only valid scenarios are written, so both always reopen.

use super::state::ScenarioState;
use crate::model::{codec, link, Scenario};
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The localStorage key of the autosaved scenario.
pub const AUTOSAVE_KEY: &str = "deal-explorer.scenario";
/// Where an autosave that could not be read is moved, so it is never silently lost.
pub const CORRUPT_KEY: &str = "deal-explorer.scenario.unreadable";
/// Quiet time after the last edit before the address and autosave are written.
const DEBOUNCE_MS: u32 = 250;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn hash_payload() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#s=").map(str::to_owned)
}

/// The scenario to start with: the link in the address, else the autosave, else the default;
/// plus a notice when a link or autosave could not be opened.
pub fn initial_scenario() -> (Scenario, Option<String>) {
    if let Some(payload) = hash_payload() {
        return match link::decode(&payload) {
            Ok(s) => (s, None),
            Err(e) => (
                restore().0,
                Some(format!("This link could not be opened: {e}. Showing your last scenario instead.")),
            ),
        };
    }
    restore()
}

fn restore() -> (Scenario, Option<String>) {
    let Some(store) = storage() else { return (Scenario::default(), None) };
    let Some(text) = store.get_item(AUTOSAVE_KEY).ok().flatten() else { return (Scenario::default(), None) };
    match codec::parse_json(&text) {
        Ok(s) => (s, None),
        Err(e) => {
            store.set_item(CORRUPT_KEY, &text).ok();
            store.remove_item(AUTOSAVE_KEY).ok();
            (
                Scenario::default(),
                Some(format!(
                    "Your saved scenario could not be read ({e}); it was kept in this browser under \"{CORRUPT_KEY}\" and the default is shown."
                )),
            )
        }
    }
}

/// Writes the last valid scenario to the address and the autosave, 250 ms after the last edit,
/// and follows links pasted into the address bar.
pub fn sync(state: ScenarioState) {
    let pending = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        let scenario = state.last_good.get();
        let write = Timeout::new(DEBOUNCE_MS, move || {
            let payload = link::encode(&scenario);
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#s={payload}"))).ok();
            }
            if let Some(store) = storage() {
                store.set_item(AUTOSAVE_KEY, &codec::to_json_pretty(&scenario)).ok();
            }
        });
        // Replacing the handle drops (cancels) the previous timer.
        pending.set_value(Some(write));
    });
    let Some(window) = web_sys::window() else { return };
    let listener = gloo::events::EventListener::new(&window, "hashchange", move |_| {
        let Some(payload) = hash_payload() else { return };
        match link::decode(&payload) {
            Ok(s) => {
                state.edit(|x| *x = s);
                state.notice.set(None);
            }
            Err(e) => state.notice.set(Some(format!("This link could not be opened: {e}."))),
        }
    });
    let keep = send_wrapper::SendWrapper::new(listener);
    on_cleanup(move || drop(keep));
}

/// The permanent link of `s` at this page's address (what "Copy link" copies and the printed
/// summary gives).
pub fn share_url(s: &Scenario) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{base}#s={}", link::encode(s))
}

/// A "Copy link" button with the link shown, selectable, for browsers that refuse clipboard access.
#[component]
pub fn ShareLink() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let url = move || state.last_good.with(share_url);
    let copy = move |_| {
        open.set(true);
        let text = url();
        status.set(format!("{} characters", text.len()));
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let promise = clipboard.write_text(&text);
            leptos::task::spawn_local(async move {
                let done = wasm_bindgen_futures::JsFuture::from(promise).await;
                let invalid = !state.errors.with_untracked(Vec::is_empty);
                status.set(if done.is_ok() && invalid {
                    "Link copied. It holds the last valid scenario: the invalid inputs (see the note at the bottom) are not in it".to_owned()
                } else if done.is_ok() {
                    "Link copied to the clipboard".to_owned()
                } else {
                    "Select the link and copy it".to_owned()
                });
            });
        }
    };
    let embed = RwSignal::new("cumulative-spend".to_owned());
    let embed_code = move || {
        let id = embed.get();
        let title = state
            .report
            .with(|r| super::embed::choices(r))
            .into_iter()
            .find(|(c, _)| *c == id)
            .map(|(_, t)| t)
            .unwrap_or_default();
        super::embed::iframe_code(&url(), &id, &title)
    };
    let copy_embed = move |_| {
        let code = embed_code();
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let promise = clipboard.write_text(&code);
            leptos::task::spawn_local(async move {
                let done = wasm_bindgen_futures::JsFuture::from(promise).await;
                status.set(if done.is_ok() {
                    "Embed code copied to the clipboard".to_owned()
                } else {
                    "Select the embed code and copy it".to_owned()
                });
            });
        }
    };
    let root = NodeRef::<leptos::html::Div>::new();
    super::popover::dismissable(open, root);
    view! {
        <div class="share" node_ref=root>
            <button type="button" class="button" on:click=copy aria-expanded=move || open.get().to_string()>"Copy link"</button>
            <Show when=move || open.get()>
                <div class="share-popover" role="dialog" aria-label="Permanent link">
                    <label for="share-url">"Permanent link to this scenario"</label>
                    <input id="share-url" type="text" readonly prop:value=url on:focus=move |ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { input.select(); }
                    } />
                    <p class="share-status" role="status">{move || status.get()}</p>
                    <label for="embed-pick">"Embed one chart or number in a wiki"</label>
                    <select id="embed-pick" prop:value=move || embed.get() on:change=move |ev| embed.set(event_target_value(&ev))>
                        {move || state.report.with(|r| super::embed::choices(r)).into_iter().map(|(id, title)| view! {
                            <option value=id>{title}</option>
                        }).collect_view()}
                    </select>
                    <textarea id="embed-code" aria-label="Embed code (HTML)" readonly rows="3" prop:value=embed_code on:focus=move |ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) { t.select(); }
                    }></textarea>
                    <button type="button" class="link-button" id="copy-embed" on:click=copy_embed>"Copy embed code"</button>
                    <button type="button" class="link-button" on:click=move |_| open.set(false)>"Close"</button>
                </div>
            </Show>
        </div>
    }
}
