//! A plain-language reading of the current report, built from its numbers.

use super::state::ScenarioState;
use crate::format;
use crate::model::{sources, Report};
use leptos::prelude::*;
use std::fmt::Write as _;

/// The one-year H100 contract rate the summary compares against ($/GPU-hr).
const MARKET_1YR_H100: f64 = 2.50;

/// The summary sentence(s) for a report.
pub fn describe(r: &Report) -> String {
    let t = &r.contract.totals;
    let per_hour = t.usd_per_delivered_gpu_hour.value();
    let mut text = format!(
        "Effective cost is {} per delivered GPU-hour ({} per useful GPU-hour), {:.1}× the {} one-year H100 contract rate. \
         The commitment totals {} nominal, {} in today's dollars.",
        format::usd_per_gpu_hour(per_hour),
        format::usd_per_gpu_hour(t.usd_per_useful_gpu_hour.value()),
        per_hour / MARKET_1YR_H100,
        format::usd_per_gpu_hour(MARKET_1YR_H100),
        format::usd(t.nominal_cost.value()),
        format::usd(t.npv_cost.value()),
    );
    let undelivered = t.paid_for_undelivered.value();
    if undelivered > 0.0 {
        let share = undelivered / t.nominal_cost.value();
        let _ = write!(
            text,
            " {} ({}) pays for capacity that has not arrived; full capacity {}.",
            format::usd(undelivered),
            format::percent(share),
            t.fully_ramped.map_or_else(
                || "never arrives within the term".to_owned(),
                |m| format!("arrives in {}", m.label())
            ),
        );
    }
    text
}

/// The summary paragraph, with the comparison rate's source.
#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let c = sources::MARKET_1YR_H100;
    view! {
        <p class="summary" aria-live="polite">
            {move || state.report.with(describe)}
            <span class="cite-inline" title=format!("{} ({}): {}", c.source, c.date, c.note)>" Market rate: "{c.source}", "{c.date}"."</span>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{evaluate, Scenario};

    #[test]
    fn reads_the_numbers_of_the_report() {
        let text = describe(&evaluate(&Scenario::default()).unwrap());
        assert!(
            text.starts_with("Effective cost is $5.26 per delivered GPU-hour ($5.85 per useful"),
            "{text}"
        );
        assert!(text.contains("2.1× the $2.50"), "{text}");
        assert!(!text.contains("not arrived"));
        let mut s = Scenario::default();
        s.contract.ramp_delay_months = 6;
        let text = describe(&evaluate(&s).unwrap());
        assert!(text.contains("$7.5B (16.7 %) pays for capacity that has not arrived; full capacity arrives in Dec 2026"), "{text}");
    }
}
