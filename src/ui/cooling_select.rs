//! The cooling technology: choosing one sets the PUE to its typical value (editable after), and
//! racks denser than it can cool are warned of at the field.

use super::state::ScenarioState;
use crate::model::datacenter::Cooling;
use leptos::prelude::*;

/// A select bound to `facility.cooling`.
#[component]
pub fn CoolingSelect() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        if let Some(c) = Cooling::ALL.into_iter().find(|c| format!("{c:?}") == value) {
            state.edit(|s| {
                s.facility.cooling = c;
                s.facility.pue = c.typical_pue().0;
            });
        }
    };
    let note = move || {
        let (pue, source) = state.scenario.with(|s| s.facility.cooling.typical_pue());
        format!("Typical PUE {pue:.2}: {source}.")
    };
    view! {
        <div class="field select-field" data-field="facility.cooling">
            <div class="field-head"><label for="facility-cooling">"Cooling"</label></div>
            <select id="facility-cooling" on:change=on_change>
                {Cooling::ALL.into_iter().map(|c| view! {
                    <option value=format!("{c:?}") selected=move || state.scenario.with(|s| s.facility.cooling == c)>{c.label()}</option>
                }).collect_view()}
            </select>
            <p class="help">{note}</p>
            {move || state.scenario.with(|s| crate::model::datacenter::cooling_warning(&s.facility)).map(|w| view! {
                <p class="field-warning" role="status" data-testid="cooling-warning">{w}</p>
            })}
        </div>
    }
}
