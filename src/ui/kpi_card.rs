//! One headline number: label, formatted value, a note, and the exact value in `data-value`
//! (what the browser tests compare with the CLI). Every KPI strip uses this one component.

use leptos::prelude::*;

/// A KPI card.
#[component]
pub fn KpiCard(
    /// Stable id for tests (`data-kpi`).
    id: &'static str,
    /// What the number is.
    label: &'static str,
    /// A few words on how it is computed.
    note: &'static str,
    /// The exact value.
    #[prop(into)]
    value: Signal<f64>,
    /// How to show it.
    show: fn(f64) -> String,
    /// The spread under uncertainty, shown as "p50 (p5–p95)" when there is one.
    #[prop(optional, into)]
    band: Option<Signal<Option<(f64, f64, f64)>>>,
    /// What the note says instead, where the scenario calls for more (`None`: the note).
    #[prop(optional, into)]
    note_now: Option<Signal<Option<String>>>,
) -> impl IntoView {
    // A spread too narrow to show ("$5.29 ($5.29 – $5.29)" read as broken) says that the
    // uncertain inputs do not move this result, or barely: such a line is "flat".
    let band_text = move || {
        band.and_then(|b| b.get()).filter(|(_, p50, _)| p50.is_finite()).map(|(p5, p50, p95)| {
            let (low, high) = (show(p5), show(p95));
            if p5 == p95 {
                ("No spread: the uncertain inputs do not move it".to_owned(), true)
            } else if low == high {
                (format!("{} (a spread too small to show)", show(p50)), true)
            } else {
                (format!("{} ({low} – {high})", show(p50)), false)
            }
        })
    };
    view! {
        <div class="kpi" data-kpi=id data-value=move || value.get().to_string()>
            <div class="kpi-label">{label}</div>
            // Not a number: no result yet (e.g. a simulation still running), shown as a dash.
            <div class="kpi-value">{move || Some(value.get()).filter(|v| !v.is_nan()).map_or_else(|| "–".to_owned(), show)}</div>
            // A card the simulation does not move (or moves by less than its rounding) says so on
            // screen; on paper, where the line repeats on most cards, it is left out (the spread
            // table is not printed either).
            {move || band_text().map(|(t, flat)| view! { <div class="kpi-band" class:flat=flat title="Median (5th – 95th percentile) over the Monte Carlo samples">{t}</div> })}
            <div class="kpi-note">{move || note_now.and_then(|n| n.get()).unwrap_or_else(|| note.to_owned())}</div>
        </div>
    }
}

/// A warning under a section heading, shown while `message` is `Some`.
#[component]
pub fn StatusBanner(
    /// Stable id for tests (`data-testid`).
    testid: &'static str,
    /// The warning, or `None` to hide the banner.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message
            .get()
            .map(|text| view! { <div class="banner warning" role="status" data-testid=testid>{text}</div> })
    }
}
