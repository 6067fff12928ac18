//! An input panel: one domain's inputs from the registry, under collapsible section headings.
//! The sidebar's filter box narrows every panel to the inputs whose label or help matches.

use super::number_field::NumberField;
use super::state::ScenarioState;
use crate::model::inputs::{Group, InputSpec, INPUTS};
use leptos::prelude::*;

/// Whether `spec` matches the filter text (case-insensitive, on label, help and unit).
pub fn matches(spec: &InputSpec, filter: &str) -> bool {
    let f = filter.trim().to_ascii_lowercase();
    f.is_empty()
        || spec.label.to_ascii_lowercase().contains(&f)
        || spec.help.to_ascii_lowercase().contains(&f)
        || spec.section.to_ascii_lowercase().contains(&f)
}

/// The inputs of `group`; sections after the first `open_sections` start collapsed.
#[component]
pub fn Panel(
    /// Which inputs to show.
    group: Group,
    /// How many sections start open.
    #[prop(default = 1)]
    open_sections: usize,
    /// Controls shown before the registry's numeric fields.
    #[prop(optional)]
    children: Option<Children>,
    /// Whether the filter names something in `children` (which are not registry inputs); without
    /// it they hide while filtering.
    #[prop(optional)]
    children_match: Option<fn(&str) -> bool>,
) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let mut sections: Vec<&'static str> = Vec::new();
    for spec in INPUTS.iter().filter(|i| i.group == group) {
        if !sections.contains(&spec.section) {
            sections.push(spec.section);
        }
    }
    let filtering = move || !state.filter.with(|f| f.trim().is_empty());
    let children_named = move || children_match.is_some_and(|m| state.filter.with(|f| m(f)));
    let panel_matches = move || {
        children_named() || state.filter.with(|f| INPUTS.iter().any(|i| i.group == group && matches(i, f)))
    };
    view! {
        <section class="panel" class:filtered-out=move || !panel_matches() aria-label=group.title()>
            <h2 class="panel-title">{group.title()}</h2>
            <div class:filtered-out=move || filtering() && !children_named()>{children.map(|c| c())}</div>
            {sections
                .into_iter()
                .enumerate()
                .map(|(k, section)| {
                    let any = move || state.filter.with(|f| INPUTS.iter().any(|i| i.group == group && i.section == section && matches(i, f)));
                    view! {
                        <details class="panel-section" class:filtered-out=move || !any() open=k < open_sections prop:open=move || filtering().then_some(true)>
                            <summary class="section-title">{section}</summary>
                            {INPUTS
                                .iter()
                                .filter(|i| i.group == group && i.section == section)
                                .map(|spec| view! { <NumberField spec=spec /> })
                                .collect_view()}
                        </details>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// The sidebar panels whose editors are not made of registry fields.
pub const EDITORS: [&str; 3] = ["Hardware", "Uncertainty", "Resilience"];

/// What the filter reads in such an editor, as (label, help) pairs: its headings' and controls'
/// labels, its rows' field labels and help, and for the hardware the accelerators' names (the
/// mix's choices). Searching "monte", "B200", "region" or "draws" found nothing: only the
/// panels' titles were read.
fn editor_words(title: &str, s: &crate::model::Scenario) -> Vec<(String, &'static str)> {
    let plain = |words: &[&str]| words.iter().map(|w| ((*w).to_owned(), "")).collect::<Vec<_>>();
    let mut words = plain(&[title]);
    match title {
        "Hardware" => {
            words.extend(plain(&[
                "Fleet mix",
                "Share %",
                "From month",
                "Add accelerator",
                "Accelerator catalog",
                "Price $K",
            ]));
            words.extend(s.hardware.catalog.iter().map(|a| (a.name.clone(), "")));
            words.extend(crate::model::hardware::CATALOG_FIELDS.iter().map(|f| (f.label.to_owned(), "")));
        }
        "Uncertainty" => words.extend(plain(&[
            "Simulate uncertainty (Monte Carlo)",
            "Samples",
            "Seed",
            "Uncertain inputs",
            "Make another input uncertain",
            "Correlations",
            "Add a correlation",
        ])),
        _ => {
            use crate::model::resilience::{REGION_FIELDS, SITE_FIELDS};
            words.extend(plain(&[
                "Sites and providers",
                "Add a site or provider",
                "Split evenly",
                "Regional and political events",
                "Add a region",
                "Draws",
                "Seed",
            ]));
            words.extend(SITE_FIELDS.iter().map(|f| (f.label.to_owned(), f.help)));
            words.extend(REGION_FIELDS.iter().map(|f| (f.label.to_owned(), f.help)));
        }
    }
    words
}

/// How many of an editor's words the filter names (0 with the filter empty).
fn editor_count(title: &str, filter: &str, s: &crate::model::Scenario) -> usize {
    let Some(has) = super::energy_sites::containment(filter) else { return 0 };
    editor_words(title, s).iter().filter(|(label, help)| has(label) || has(help)).count()
}

/// For a sidebar panel whose editor is not made of registry fields (the hardware mix, the
/// uncertainty and resilience editors): whether the filter hides it, i.e. the filter is on and
/// names nothing in the panel.
pub fn editor_filtered_out(title: &'static str) -> impl Fn() -> bool + Copy {
    let state = expect_context::<ScenarioState>();
    move || {
        state.filter.with(|f| !f.trim().is_empty() && state.scenario.with(|s| editor_count(title, f, s)) == 0)
    }
}

/// The filter box above the panels.
#[component]
pub fn InputFilter() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let count = move || {
        state.filter.with(|f| {
            INPUTS.iter().filter(|i| matches(i, f)).count()
                + state.scenario.with(|s| {
                    super::energy_sites::site_editor_count(f, &s.energy)
                        + EDITORS.iter().map(|t| editor_count(t, f, s)).sum::<usize>()
                })
        })
    };
    view! {
        <div class="filter">
            <label for="input-filter" class="visually-hidden">"Filter inputs"</label>
            <input id="input-filter" type="search" placeholder="Filter inputs (e.g. SLA, price, ramp)"
                prop:value=move || state.filter.get() on:input=move |ev| state.filter.set(event_target_value(&ev)) />
            <span class="filter-count" aria-live="polite">{move || if state.filter.with(|f| f.trim().is_empty()) { String::new() } else { format!("{} matching", count()) }}</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::input;

    #[test]
    fn filter_matches_label_help_and_section() {
        let sla = input("contract.sla.expected_availability").unwrap();
        assert!(matches(sla, ""));
        assert!(matches(sla, "  AVAILAB "));
        assert!(matches(sla, "service level"));
        // The placeholder's own example finds the whole service level, not only its bands.
        assert!(matches(sla, "SLA"));
        assert!(!matches(sla, "escalator"));
        assert!(INPUTS.iter().any(|i| matches(i, "ramp")));
    }

    #[test]
    fn filter_finds_the_editors_controls_not_only_their_titles() {
        let s = crate::model::Scenario::default();
        let found = |word: &str| {
            EDITORS.iter().filter(|t| editor_count(t, word, &s) > 0).copied().collect::<Vec<_>>()
        };
        assert_eq!(found("monte"), ["Uncertainty"]);
        assert_eq!(found("simulate"), ["Uncertainty"]);
        assert_eq!(found(" B200 "), ["Hardware"]);
        assert_eq!(found("accelerator"), ["Hardware"]);
        assert_eq!(found("region"), ["Resilience"]);
        assert_eq!(found("draws"), ["Resilience"]);
        assert_eq!(found("seed"), ["Uncertainty", "Resilience"]);
        // A panel named by its title counts (the count read "0 matching" beside a whole panel).
        assert_eq!(editor_count("Uncertainty", "uncertainty", &s), 2);
        assert!(found("zzzz").is_empty() && found("  ").is_empty());
    }

    #[test]
    fn filter_finds_the_site_editors_fields_and_counts_them_in_every_site() {
        use crate::ui::energy_sites::{site_editor_count, site_editor_matches};
        for word in ["latitude", " CARBON ", "heat rate", "battery", "solar", "site"] {
            assert!(site_editor_matches(word), "{word}");
        }
        assert!(!site_editor_matches("") && !site_editor_matches("zzzz"));
        let mut energy = crate::model::Scenario::default().energy;
        let grids = |e: &crate::model::energy::Energy| {
            e.sites
                .iter()
                .flat_map(|s| &s.sources)
                .filter(|s| matches!(s, crate::model::energy::Source::Grid(_)))
                .count()
        };
        assert!(grids(&energy) >= 1);
        assert_eq!(site_editor_count("grid carbon", &energy), grids(&energy));
        energy.resize_sites(energy.sites.len() + 2);
        assert_eq!(site_editor_count("latitude", &energy), energy.sites.len());
        assert_eq!(site_editor_count("grid carbon", &energy), grids(&energy));
        assert_eq!(site_editor_count("", &energy), 0);
    }
}
