//! A note where rows were removed (a source, a catalog entry, a mix row, a site's sources
//! replaced by a preset): the simulated ranges that went with them, and that Undo brings them
//! back. Without it an uncertain input vanished from the Uncertainty panel unseen.

use super::state::ScenarioState;
use crate::model::Scenario;
use leptos::prelude::*;

/// How many ranges went, and the scenario the removal left: the note shows only while that is
/// the scenario, so an undo or any further edit retires it.
#[derive(Clone, Copy)]
pub struct Dropped(RwSignal<Option<(usize, Scenario)>>);

impl Dropped {
    /// No note yet.
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// Applies `change` as one edit; it returns how many simulated ranges it dropped (from
    /// [`crate::model::uncertainty::Uncertainty::row_removed`] or `rows_replaced`).
    pub fn edit(self, state: ScenarioState, change: impl FnOnce(&mut Scenario) -> usize) {
        let mut dropped = 0;
        state.edit(|s| dropped = change(s));
        self.0.set((dropped > 0).then(|| (dropped, state.scenario.get_untracked())));
    }

    /// The note, while it applies.
    pub fn view(self, state: ScenarioState) -> impl IntoView {
        move || {
            self.0.with(|d| {
                d.as_ref().filter(|(_, after)| state.scenario.with(|s| s == after)).map(|(n, _)| {
                    let text = if *n == 1 {
                        "1 simulated range under Uncertainty went with it; Undo brings it back.".to_owned()
                    } else {
                        format!(
                            "{n} simulated ranges under Uncertainty went with them; Undo brings them back."
                        )
                    };
                    view! { <p class="note dropped" role="status">{text}</p> }
                })
            })
        }
    }
}

impl Default for Dropped {
    fn default() -> Self {
        Self::new()
    }
}
