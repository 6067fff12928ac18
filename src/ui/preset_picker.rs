//! The preset picker in the header and the current preset's description and sources. Picking a
//! preset replaces the scenario (one undo step) and makes it the baseline that "modified"
//! markers compare against.

use super::action_select::{self, ActionSelect};
use super::state::ScenarioState;
use crate::model::presets::{self, PRESETS};
use leptos::prelude::*;

/// A select of every preset.
#[component]
pub fn PresetPicker() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    // A memo: the picker is written only when the preset changes, not at every edit.
    let current = Memo::new(move |_| state.scenario.with(|s| presets::of(s).id));
    let load = move |id: String| {
        if let Some(p) = presets::by_id(&id) {
            let scenario = p.scenario();
            state.preset.set(scenario.clone());
            state.edit(|s| *s = scenario);
        }
    };
    // Loading replaces the scenario: arrow keys only browse the presets, Enter loads.
    let guard = ActionSelect::new();
    view! {
        <label class="preset-picker">
            <span class="visually-hidden">"Preset"</span>
            // `prop:value`, not `selected` attributes: once a user has picked, browsers ignore
            // later changes to `selected`, and undo or a link must still move the picker.
            <select id="preset" prop:value=move || current.get() aria-describedby=action_select::HINT_ID
                on:change=move |ev| if guard.change() { load(event_target_value(&ev)) }
                on:keydown=move |ev| if guard.keydown(&ev) { load(event_target_value(&ev)) }
                on:blur=move |ev| if guard.blur() { action_select::show(&ev, current.get_untracked()) }>
                {PRESETS.iter().map(|p| view! { <option value=p.id>{p.short}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// What the current preset is, with the sources of what it changes.
#[component]
pub fn PresetInfo() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let super::changes::Changed(changed) = expect_context::<super::changes::Changed>();
    let preset = move || state.preset.with(presets::of);
    view! {
        <details class="preset-info card" class:edited=move || changed.with(|c| !c.is_empty()) data-preset=move || preset().id>
            <summary>
                // An edited scenario is no longer the preset: its description is where it started
                // (on paper left out: the changed assumptions below say what the scenario is).
                {move || changed.with(|c| !c.is_empty()).then_some("Started from the preset ")}
                <strong>{move || preset().name}</strong>
                <span class="preset-description">": "{move || preset().description}</span>
            </summary>
            <ul class="preset-sources">
                {move || preset().sources.iter().map(|c| view! {
                    <li>{c.note}" "<span class="cite">{c.source}" ("{c.date}")"</span></li>
                }).collect_view()}
                <li>"Every other input shows its own source next to it (Source · …)."</li>
            </ul>
        </details>
    }
}
