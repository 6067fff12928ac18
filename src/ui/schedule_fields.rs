//! The contract's non-numeric delivery inputs: the start month and an optional month-by-month
//! delivery schedule, typed as percentages ("25, 50, 75").

use super::state::ScenarioState;
use crate::model::calendar::YearMonth;
use crate::model::inputs::trim_number;
use crate::model::units::Fraction;
use leptos::prelude::*;

/// Parses a schedule typed as percentages separated by commas, semicolons or spaces.
///
/// # Errors
/// The first piece that is not a number, in words.
pub fn parse_schedule(text: &str) -> Result<Vec<Fraction>, String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|p| p.trim().trim_end_matches('%'))
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(|v| Fraction(v / 100.0))
                .ok_or_else(|| format!("\"{p}\" is not a percentage; write e.g. 25, 50, 75"))
        })
        .collect()
}

/// The schedule as the field shows it.
pub fn show_schedule(s: &[Fraction]) -> String {
    s.iter().map(|f| trim_number(f.value() * 100.0)).collect::<Vec<_>>().join(", ")
}

/// The start month and delivery schedule fields.
#[component]
pub fn ScheduleFields() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let start_error = RwSignal::new(None::<String>);
    let draft = RwSignal::new(None::<String>);
    let parse_error = move || draft.with(|d| d.as_deref().and_then(|t| parse_schedule(t).err()));
    let schedule_error = move || parse_error().or_else(|| state.error_for("contract.ramp_schedule"));
    let on_start = move |ev| match event_target_value(&ev).parse::<YearMonth>() {
        Ok(m) => {
            start_error.set(None);
            state.edit(|s| s.contract.start = m);
        }
        Err(_) => start_error.set(Some("Pick a month between 1900-01 and 2200-12".to_owned())),
    };
    let on_schedule = move |ev| {
        let text = event_target_value(&ev);
        if let Ok(list) = parse_schedule(&text) {
            state.edit(|s| s.contract.ramp_schedule = list);
        }
        draft.set(Some(text));
    };
    // Memos: each box is written only when its own value changes, not at every edit (a write
    // is a DOM update, and Chrome's autofill lays the page out after each).
    let start = Memo::new(move |_| state.scenario.with(|s| s.contract.start.to_string()));
    let schedule = Memo::new(move |_| state.scenario.with(|s| show_schedule(&s.contract.ramp_schedule)));
    view! {
        <div class="field" data-field="contract.start" class:invalid=move || start_error.get().is_some()>
            <div class="field-head"><label for="contract-start">"Start month"</label><span class="unit">"month"</span></div>
            <input id="contract-start" class="num wide" type="month" min="1900-01" max="2200-12"
                prop:value=move || start.get() on:change=on_start
                aria-describedby="contract-start-help" />
            <p class="error" role="alert">{move || start_error.get()}</p>
            <p class="help" id="contract-start-help">"First month of the term. Default: June 2026, the month after the S-1 filing."</p>
        </div>
        <div class="field" data-field="contract.ramp_schedule" class:invalid=move || schedule_error().is_some()>
            <div class="field-head"><label for="contract-ramp_schedule">"Delivery schedule"</label><span class="unit">"% per month"</span></div>
            <input id="contract-ramp_schedule" class="num wide" type="text" inputmode="decimal" placeholder="empty = linear ramp"
                prop:value=move || draft.get().unwrap_or_else(|| schedule.get())
                on:input=on_schedule on:change=move |_| if parse_error().is_none() { draft.set(None) }
                aria-describedby="contract-ramp_schedule-help contract-ramp_schedule-error" />
            <p class="error" id="contract-ramp_schedule-error" role="alert">{schedule_error}</p>
            <p class="help" id="contract-ramp_schedule-help">
                "Share of contracted GPUs planned for each month from the start, e.g. 25, 50, 75; full capacity after the last. Replaces the linear ramp; the ramp delay still shifts it."
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_parse_from_what_people_type() {
        assert_eq!(
            parse_schedule("25, 50,75%").unwrap(),
            vec![Fraction(0.25), Fraction(0.5), Fraction(0.75)]
        );
        assert_eq!(parse_schedule("  ").unwrap(), vec![]);
        assert_eq!(parse_schedule("10 20; 30").unwrap().len(), 3);
        assert!(parse_schedule("25, lots").unwrap_err().contains("\"lots\" is not a percentage"));
        assert_eq!(show_schedule(&[Fraction(0.25), Fraction(0.5)]), "25, 50");
    }
}
