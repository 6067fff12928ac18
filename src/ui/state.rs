//! The app's one piece of shared state: the scenario being edited, the preset it started from,
//! and the memoized evaluation. Components read slices of it through context.

use super::history::History;
use crate::model::inputs::{InputSpec, INPUTS};
use crate::model::uncertainty::{self, Band};
use crate::model::{evaluate, validate, FieldError, Report, Scenario};
use leptos::prelude::*;
use std::sync::Arc;

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
    /// The scenario as the user has edited it (may be invalid). Change it with
    /// [`ScenarioState::edit`] (or undo and redo), which also records the last valid scenario.
    pub scenario: ReadSignal<Scenario>,
    /// The last valid scenario: what the figures, links and autosave show. Set with the
    /// scenario, at the moment a valid scenario is entered, so bad input never loses it.
    /// (Inside a [`super::live::Live`] section it is that section's view of it.)
    pub last_good: Memo<Scenario>,
    /// The preset the scenario started from: inputs that differ from it are marked.
    pub preset: RwSignal<Scenario>,
    /// Field-level problems with the current scenario (empty when valid). Set with the scenario.
    pub errors: ReadSignal<Vec<FieldError>>,
    /// The write halves of the three above: only [`ScenarioState::replace`] uses them, so the
    /// scenario, its problems and the input slices cannot drift apart.
    write: Writers,
    /// Each registry input's slice of the scenario, in [`INPUTS`] order (see [`InputSlice`]).
    inputs: StoredValue<Vec<InputSlice>>,
    /// The report of the last valid scenario: bad input never blanks the screen. Shared, so a
    /// section's view of it ([`super::live::Live`]) costs a pointer, not a copy.
    pub report: Memo<Arc<Report>>,
    /// A message about the session (e.g. a link that could not be opened).
    pub notice: RwSignal<Option<String>>,
    /// The colour theme.
    pub theme: RwSignal<Theme>,
    /// Text in the sidebar's input filter.
    pub filter: RwSignal<String>,
    /// Undo and redo steps.
    pub history: RwSignal<History>,
}

impl ScenarioState {
    /// State starting from `scenario` (the default if it is invalid), with `preset` as the
    /// reference for "modified" markers.
    pub fn new(scenario: Scenario, preset: Scenario, theme: Theme) -> Self {
        let start = if validate::problems(&scenario).is_empty() { scenario } else { Scenario::default() };
        let (last_good_signal, set_last_good) = signal(start.clone());
        // A memo, so a section's own view of it (`ui::live`) has the same type. Set only when the
        // scenario changes and is valid, so every new value is news.
        let last_good = Memo::new_with_compare(move |_| last_good_signal.get(), |_, _| true);
        let (scenario, set_scenario) = signal(start);
        let (errors, set_errors) = signal(Vec::new());
        let inputs = StoredValue::new(
            INPUTS
                .iter()
                .map(|spec| InputSlice {
                    value: RwSignal::new(scenario.with_untracked(|s| spec.get(s))),
                    applies: RwSignal::new(scenario.with_untracked(|s| (spec.applies)(s))),
                    error: RwSignal::new(None),
                    uncertain: RwSignal::new(scenario.with_untracked(|s| uncertain_range(spec, s))),
                })
                .collect(),
        );
        // `last_good` only changes when the scenario does, so a new report is always news: skip
        // comparing two reports field by field (26,000 hourly rows; and the code for it).
        let report = Memo::new_with_compare(
            move |_| {
                last_good.with(|s| {
                    Arc::new(timed(|| evaluate(s).expect("last_good only ever holds valid scenarios")))
                })
            },
            |_, _| true,
        );
        Self {
            scenario,
            last_good,
            preset: RwSignal::new(preset),
            errors,
            write: Writers { scenario: set_scenario, last_good: set_last_good, errors: set_errors },
            inputs,
            report,
            notice: RwSignal::new(None),
            theme: RwSignal::new(theme),
            filter: RwSignal::new(String::new()),
            history: RwSignal::new(History::default()),
        }
    }

    /// Applies an edit as its own undo step; when the result is valid it also becomes the last
    /// valid scenario (figures, link and autosave follow it).
    pub fn edit(&self, change: impl FnOnce(&mut Scenario)) {
        self.edit_field(None, change);
    }

    /// Applies an edit of field `key`; consecutive edits of the same field are one undo step.
    pub fn edit_field(&self, key: Option<&str>, change: impl FnOnce(&mut Scenario)) {
        let mut change = Some(change);
        self.apply_edit(key, &mut |s| {
            if let Some(f) = change.take() {
                f(s);
            }
        });
    }

    /// The body of [`ScenarioState::edit_field`], not generic, so the web build carries one copy
    /// of it rather than one per edit handler.
    #[inline(never)]
    fn apply_edit(&self, key: Option<&str>, change: &mut dyn FnMut(&mut Scenario)) {
        let before = self.scenario.get_untracked();
        let mut next = before.clone();
        change(&mut next);
        if next == before {
            return;
        }
        self.history.update(|h| {
            h.record(&before, key);
            h.drop_if_unchanged(&next);
        });
        self.replace(next);
    }

    /// Renames the scenario being worked on, and every undo step that carries the same name,
    /// from `old` to `new` (a library rename: not a step of its own).
    pub fn rename(&self, old: &str, new: &str) {
        if self.scenario.with_untracked(|s| s.name != old) {
            return;
        }
        self.history.update(|h| h.rename(old, new));
        let mut next = self.scenario.get_untracked();
        new.clone_into(&mut next.name);
        self.replace(next);
    }

    /// Ends the current edit gesture ([`History::seal`]); nothing redraws.
    pub fn seal(&self) {
        self.history.update_untracked(History::seal);
    }

    /// Goes back one step.
    pub fn undo(&self) {
        let current = self.scenario.get_untracked();
        if let Some(previous) = self.history.try_update(|h| h.undo(&current)).flatten() {
            self.replace(previous);
        }
    }

    /// Goes forward one step.
    pub fn redo(&self) {
        let current = self.scenario.get_untracked();
        if let Some(next) = self.history.try_update(|h| h.redo(&current)).flatten() {
            self.replace(next);
        }
    }

    /// The one place the scenario changes: validates it once, keeps it as the last valid one if
    /// it is, and tells each registry input's slice only what changed for it.
    fn replace(&self, next: Scenario) {
        let problems = validate::problems(&next);
        if problems.is_empty() {
            self.write.last_good.set(next.clone());
        }
        self.inputs.with_value(|slices| {
            for (spec, slice) in INPUTS.iter().zip(slices) {
                set_if_changed(slice.value, spec.get(&next));
                set_if_changed(slice.applies, (spec.applies)(&next));
                let error = problems.iter().find(|e| e.field == spec.id).map(|e| e.message.clone());
                set_if_changed(slice.error, error);
                set_if_changed(slice.uncertain, uncertain_range(spec, &next));
            }
        });
        set_if_changed(self.write.errors, problems);
        self.write.scenario.set(next);
    }

    /// The signals of registry input `spec`.
    ///
    /// # Panics
    /// If `spec` is not in [`INPUTS`].
    pub fn input(&self, spec: &InputSpec) -> InputSlice {
        let index = INPUTS.iter().position(|i| i.id == spec.id).expect("a registry input");
        self.inputs.with_value(|slices| slices[index])
    }

    /// This state with `last_good` and `report` replaced by a section's own view of them (see
    /// [`super::live::Live`]): everything else, and every edit, is shared.
    #[must_use]
    pub fn seen_through(self, last_good: Memo<Scenario>, report: Memo<Arc<Report>>) -> Self {
        Self { last_good, report, ..self }
    }

    /// The message for field `id`, if it has a problem.
    pub fn error_for(&self, id: &str) -> Option<String> {
        self.errors.with(|list| list.iter().find(|e| e.field == id).map(|e| e.message.clone()))
    }
}

/// One registry input's slice of the scenario in signals of its own, which [`ScenarioState`]
/// sets only when they change. A field reading these re-runs when its own value does; reading
/// the scenario instead, each of the ~60 fields would re-run (and re-subscribe) on every edit.
#[derive(Clone, Copy)]
pub struct InputSlice {
    /// The input's value in the scenario (model units).
    pub value: RwSignal<f64>,
    /// Whether it applies to the scenario (a field that does not is greyed out).
    pub applies: RwSignal<bool>,
    /// The model's problem with it, if any.
    pub error: RwSignal<Option<String>>,
    /// While the simulation is on and draws this input from a valid distribution: where its
    /// draws go, in shown units (the simulation uses them, not the value).
    pub uncertain: RwSignal<Option<Band>>,
}

/// Where the simulation draws `spec` from, in the units the field shows, while it is on and
/// draws it from a valid distribution.
fn uncertain_range(spec: &InputSpec, s: &Scenario) -> Option<Band> {
    let b = uncertainty::simulated(s, spec.id, (spec.min, spec.max))?;
    Some(Band {
        p5: b.p5 / spec.scale,
        p95: b.p95 / spec.scale,
        low: b.low / spec.scale,
        high: b.high / spec.scale,
    })
}

/// See [`ScenarioState::write`].
#[derive(Clone, Copy)]
struct Writers {
    scenario: WriteSignal<Scenario>,
    last_good: WriteSignal<Scenario>,
    errors: WriteSignal<Vec<FieldError>>,
}

/// Sets `signal` to `value` and notifies its readers only if that changes it.
fn set_if_changed<T: PartialEq>(signal: impl Update<Value = T>, value: T) {
    signal.maybe_update(|v| {
        let changed = *v != value;
        if changed {
            *v = value;
        }
        changed
    });
}

/// The User Timing measure that holds the last model evaluation's duration in the browser.
pub const EVALUATE_MEASURE: &str = "deal-explorer:evaluate";

/// Runs `f` (the model) and, in the browser, keeps its duration as the User Timing measure
/// [`EVALUATE_MEASURE`] (only the latest), so the browser benchmark can read the model's time in
/// the release build apart from drawing. Natively it only runs `f`.
fn timed<T>(f: impl FnOnce() -> T) -> T {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        const START: &str = "deal-explorer:evaluate-start";
        p.mark(START).ok();
        let out = f();
        p.clear_measures_with_measure_name(EVALUATE_MEASURE);
        p.measure_with_start_mark(EVALUATE_MEASURE, START).ok();
        p.clear_marks_with_mark_name(START);
        return out;
    }
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_edit_is_kept_even_if_nothing_read_it_before_an_invalid_one() {
        let owner = Owner::new();
        owner.set();
        let state = ScenarioState::new(Scenario::default(), Scenario::default(), Theme::Light);
        state.edit(|s| s.contract.ramp_delay_months = 6);
        state.edit(|s| s.contract.utilization.0 = 7.0);
        assert_eq!(state.last_good.get().contract.ramp_delay_months, 6);
        assert_eq!(state.report.get().contract.totals.fully_ramped.unwrap().to_string(), "2026-12");
        assert!(!state.errors.get().is_empty());
    }

    /// A slider dragged across site counts and back is the scenario it started from (a split's
    /// gas units follow its capacity, so their rounding never compounds), and leaves no undo
    /// step; dragged to 7, it is one.
    #[test]
    fn dragging_the_site_count_and_back_is_where_it_started() {
        let owner = Owner::new();
        owner.set();
        let start = Scenario::default();
        let state = ScenarioState::new(start.clone(), start.clone(), Theme::Light);
        let sites = crate::model::inputs::input("facility.sites").unwrap();
        for n in (3..=10).chain((2..10).rev()) {
            state.edit_field(Some(sites.id), |s| sites.set(s, f64::from(n)));
        }
        assert_eq!(state.scenario.get(), start);
        assert!(!state.history.with(History::can_undo), "a drag back where it began is no step");
        state.edit_field(Some(sites.id), |s| sites.set(s, 7.0));
        let units: u32 = state.scenario.with(|s| {
            s.energy
                .sites
                .iter()
                .flat_map(|x| &x.sources)
                .map(|x| match x {
                    crate::model::energy::Source::Gas(g) => g.units,
                    _ => 0,
                })
                .sum()
        });
        // 15 turbines a site over 2 sites, split over 7: round(15 × 2/7) = 4 each.
        assert_eq!(units, 7 * 4);
        state.undo();
        assert_eq!(state.scenario.get(), start);
    }

    #[test]
    fn undo_restores_the_figures_and_redo_reapplies() {
        let owner = Owner::new();
        owner.set();
        let state = ScenarioState::new(Scenario::default(), Scenario::default(), Theme::Light);
        let base = state.report.get();
        state.edit_field(Some("delay"), |s| s.contract.ramp_delay_months = 3);
        state.edit_field(Some("delay"), |s| s.contract.ramp_delay_months = 6);
        let slipped = state.report.get();
        state.undo();
        assert_eq!(state.report.get(), base, "one step for the whole drag");
        state.redo();
        assert_eq!(state.report.get(), slipped);
        state.edit(|s| s.contract.utilization.0 = 7.0);
        state.undo();
        assert!(state.errors.get().is_empty(), "undoing an invalid edit clears its error");
    }

    #[test]
    fn each_field_slice_follows_its_own_input_value_and_message() {
        let owner = Owner::new();
        owner.set();
        let state = ScenarioState::new(Scenario::default(), Scenario::default(), Theme::Light);
        let spec = |id: &str| INPUTS.iter().find(|i| i.id == id).unwrap();
        let (delay, utilization) = (spec("contract.ramp_delay_months"), spec("contract.utilization"));
        let slice = |spec| state.input(spec);
        assert_eq!(slice(delay).value.get(), 0.0);
        state.edit(|s| s.contract.ramp_delay_months = 6);
        state.edit(|s| s.contract.utilization.0 = 7.0);
        assert_eq!(slice(delay).value.get(), 6.0);
        assert_eq!(slice(utilization).value.get(), 7.0);
        assert_eq!(slice(utilization).error.get(), state.error_for("contract.utilization"));
        assert!(slice(utilization).error.get().is_some() && slice(delay).error.get().is_none());
        state.undo();
        assert_eq!(slice(utilization).error.get(), None, "undo clears the message");
        assert_eq!(slice(utilization).value.get(), Scenario::default().contract.utilization.0);
        // Every slice agrees with the scenario after any edit; switching the pricing basis
        // flips which of the monthly commitment and the hourly price applies.
        let monthly = spec("contract.monthly_commitment");
        assert!(slice(monthly).applies.get());
        state.edit(|s| s.contract.pricing = crate::model::scenario::PricingBasis::PerGpuHour);
        assert!(!slice(monthly).applies.get());
        state.undo();
        assert!(slice(monthly).applies.get());
        state.redo();
        assert!(!slice(monthly).applies.get());
        state.scenario.with(|s| {
            for spec in INPUTS {
                assert_eq!(state.input(spec).value.get(), spec.get(s), "{}", spec.id);
                assert_eq!(state.input(spec).applies.get(), (spec.applies)(s), "{}", spec.id);
            }
        });
    }

    #[test]
    fn an_edit_does_not_wake_the_other_fields() {
        let owner = Owner::new();
        owner.set();
        let state = ScenarioState::new(Scenario::default(), Scenario::default(), Theme::Light);
        let spec = |id: &str| INPUTS.iter().find(|i| i.id == id).unwrap();
        let delay = state.input(spec("contract.ramp_delay_months"));
        let term = state.input(spec("contract.term_months"));
        // Lazy memos re-run when read only if something they read changed.
        let runs = StoredValue::new((0, 0));
        let delay_reader = Memo::new(move |_| {
            runs.update_value(|r| r.0 += 1);
            (delay.value.get(), delay.applies.get(), delay.error.get())
        });
        let term_reader = Memo::new(move |_| {
            runs.update_value(|r| r.1 += 1);
            (term.value.get(), term.applies.get(), term.error.get())
        });
        let read = || (delay_reader.get(), term_reader.get());
        read();
        state.edit(|s| s.contract.term_months = 24);
        read();
        state.edit(|s| s.contract.term_months = 30);
        read();
        assert_eq!(runs.get_value(), (1, 3), "only the term's field woke, once an edit");
        state.edit(|s| s.contract.ramp_delay_months = 40);
        read();
        assert_eq!(runs.get_value().0, 2, "a delay past the term wakes the delay's field (its message)");
        assert!(delay.error.get().is_some());
    }

    #[test]
    fn an_invalid_start_falls_back_to_the_default() {
        let owner = Owner::new();
        owner.set();
        let mut bad = Scenario::default();
        bad.contract.term_months = 0;
        let state = ScenarioState::new(bad, Scenario::default(), Theme::Light);
        assert_eq!(state.scenario.get(), Scenario::default());
    }

    #[test]
    fn invalid_input_keeps_the_last_good_report_and_names_the_field() {
        let owner = Owner::new();
        owner.set();
        let state = ScenarioState::new(Scenario::default(), Scenario::default(), Theme::Light);
        state.edit(|s| s.contract.ramp_delay_months = 6);
        let good = state.report.get();
        assert!(state.errors.get().is_empty());
        state.edit(|s| s.contract.utilization.0 = 7.0);
        assert_eq!(state.report.get(), good, "the last valid result stays on screen");
        assert_eq!(
            state.last_good.get().contract.ramp_delay_months,
            6,
            "links and autosave keep the valid scenario"
        );
        assert!(state.error_for("contract.utilization").unwrap().contains("Goodput"));
        state.edit(|s| s.contract.utilization.0 = 0.5);
        assert!(state.errors.get().is_empty());
        assert_ne!(state.report.get(), good);
    }
}
