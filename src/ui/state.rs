//! The app's one piece of shared state: the scenario being edited, the preset it started from,
//! and the memoized evaluation. Components read slices of it through context.

use crate::model::{evaluate, FieldError, Report, Scenario};
use leptos::prelude::*;

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on light ground.
    Light,
    /// Light text on dark ground.
    Dark,
}

impl Theme {
    /// The chart colours for this theme.
    pub fn chart(self) -> &'static crate::charts::theme::Theme {
        match self {
            Self::Light => &crate::charts::theme::LIGHT,
            Self::Dark => &crate::charts::theme::DARK,
        }
    }

    /// The value of `<html data-theme>`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

/// Shared state, provided at the root through context. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct ScenarioState {
    /// The scenario as the user has edited it (may be invalid).
    pub scenario: RwSignal<Scenario>,
    /// The preset the scenario started from: inputs that differ from it are marked.
    pub preset: RwSignal<Scenario>,
    /// Field-level problems with the current scenario (empty when valid).
    pub errors: Memo<Vec<FieldError>>,
    /// The report of the last valid scenario: bad input never blanks the screen.
    pub report: Memo<Report>,
    /// The last valid scenario (what links and autosave hold).
    pub last_good: Memo<Scenario>,
    /// A message about the session (e.g. a link that could not be opened).
    pub notice: RwSignal<Option<String>>,
    /// The colour theme.
    pub theme: RwSignal<Theme>,
    /// Text in the sidebar's input filter.
    pub filter: RwSignal<String>,
}

impl ScenarioState {
    /// State starting from `scenario`, with `preset` as the reference for "modified" markers.
    pub fn new(scenario: Scenario, preset: Scenario, theme: Theme) -> Self {
        let scenario = RwSignal::new(scenario);
        let outcome = Memo::new(move |_| scenario.with(evaluate));
        let errors = Memo::new(move |_| {
            outcome.with(|o| o.as_ref().err().map(crate::model::ModelError::field_errors).unwrap_or_default())
        });
        let report = Memo::new(move |previous: Option<&Report>| {
            outcome.with(|o| match (o, previous) {
                (Ok(report), _) => report.clone(),
                (Err(_), Some(last_good)) => last_good.clone(),
                (Err(_), None) => evaluate(&Scenario::default()).expect("the default scenario is valid"),
            })
        });
        let last_good = Memo::new(move |previous: Option<&Scenario>| {
            let valid = outcome.with(Result::is_ok);
            match (valid, previous) {
                (false, Some(last)) => last.clone(),
                (false, None) => Scenario::default(),
                (true, _) => scenario.get(),
            }
        });
        Self {
            scenario,
            preset: RwSignal::new(preset),
            errors,
            report,
            last_good,
            notice: RwSignal::new(None),
            theme: RwSignal::new(theme),
            filter: RwSignal::new(String::new()),
        }
    }

    /// The message for field `id`, if it has a problem.
    pub fn error_for(&self, id: &str) -> Option<String> {
        self.errors.with(|list| list.iter().find(|e| e.field == id).map(|e| e.message.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_input_keeps_the_last_good_report_and_names_the_field() {
        let owner = Owner::new();
        owner.set();
        let state = ScenarioState::new(Scenario::default(), Scenario::default(), Theme::Light);
        state.scenario.update(|s| s.contract.ramp_delay_months = 6);
        let good = state.report.get();
        assert!(state.errors.get().is_empty());
        state.scenario.update(|s| s.contract.utilization.0 = 7.0);
        assert_eq!(state.report.get(), good, "the last valid result stays on screen");
        assert_eq!(
            state.last_good.get().contract.ramp_delay_months,
            6,
            "links and autosave keep the valid scenario"
        );
        assert!(state.error_for("contract.utilization").unwrap().contains("Useful utilization"));
        state.scenario.update(|s| s.contract.utilization.0 = 0.5);
        assert!(state.errors.get().is_empty());
        assert_ne!(state.report.get(), good);
    }
}
