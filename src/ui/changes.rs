//! What differs from the preset: every numeric input whose value moved (with the preset's value
//! and the input's source) and every edited table or choice. On screen it tells a reader what
//! was assumed; in print it is the board summary's assumptions block.

use super::state::ScenarioState;
use crate::model::inputs::{trim_number, INPUTS};
use crate::model::presets;
use crate::model::Scenario;
use leptos::prelude::*;

/// One changed assumption: what, now, before, and where the preset's figure came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The input's label (with its panel).
    pub what: String,
    /// The value now, with its unit.
    pub now: String,
    /// The preset's value, with its unit (empty for an edited structure such as the mix).
    pub was: String,
    /// The source of the preset's value.
    pub source: String,
}

impl Change {
    /// What follows the value in the list: the preset's value and its source.
    pub fn detail(&self) -> String {
        if self.was.is_empty() {
            format!(" ({})", self.source)
        } else {
            format!(" (preset {}; source: {})", self.was, self.source)
        }
    }
}

/// The name to show for `s`: a preset's own name on a scenario whose assumptions were changed
/// gets "(edited)", so a figure is never credited to the reported deal (in the header, on
/// paper, in an embed) after its terms were changed. A name the user gave is shown as it is.
pub fn shown_name(s: &Scenario, preset: &Scenario) -> String {
    if edited_preset(s, preset) {
        format!("{} (edited)", s.name)
    } else {
        s.name.clone()
    }
}

/// Whether `s` carries its preset's name but not all its assumptions (see [`shown_name`]).
pub fn edited_preset(s: &Scenario, preset: &Scenario) -> bool {
    s.name == preset.name && !changes(s, preset).is_empty()
}

/// The differences between `s` and its `preset`, in panel order.
pub fn changes(s: &Scenario, preset: &Scenario) -> Vec<Change> {
    let mut out: Vec<Change> = INPUTS
        .iter()
        .filter(|i| (i.applies)(s) && i.get(s) != i.get(preset))
        .map(|i| {
            let shown = |n: String| {
                match i.unit {
                    "" => n,
                    // "1 site", "1 month": a count of one is singular.
                    "months" | "sites" | "days" | "years" if n == "1" => {
                        format!("1 {}", &i.unit[..i.unit.len() - 1])
                    }
                    unit => crate::model::inputs::in_unit(&n, unit),
                }
            };
            // Read side by side: "$7.00 / MMBtu (preset $3.50 / MMBtu …)".
            let (now, was) = crate::model::inputs::alike(
                &trim_number(i.get(s) / i.scale),
                &trim_number(i.get(preset) / i.scale),
                i.unit,
            );
            Change {
                what: format!("{} · {}", i.group.title(), i.label),
                now: shown(now),
                was: shown(was),
                source: format!(
                    "{}, {}; {}",
                    i.citation.source,
                    i.citation.date,
                    i.citation.confidence.label()
                ),
            }
        })
        .collect();
    let edited = |what: &str, differs: bool, out: &mut Vec<Change>| {
        if differs {
            out.push(Change {
                what: what.to_owned(),
                now: "edited".to_owned(),
                // A structure (a list, a schedule) has no one value to quote.
                was: String::new(),
                // A user's edit, or an older link's figures from before today's defaults.
                source: "differs from the preset".to_owned(),
            });
        }
    };
    // A choice is quoted both ways, as the mix is.
    if s.contract.pricing != preset.contract.pricing {
        out.push(Change {
            what: "Contract · pricing basis".to_owned(),
            now: s.contract.pricing.label().to_owned(),
            was: String::new(),
            source: format!("preset: {}", preset.contract.pricing.label()),
        });
    }
    edited(
        "Contract · delivery schedule",
        s.contract.ramp_schedule != preset.contract.ramp_schedule,
        &mut out,
    );
    // The mix is short enough to quote both ways, which a board reads better than "edited".
    if s.hardware.mix != preset.hardware.mix {
        out.push(Change {
            what: "Hardware · mix".to_owned(),
            now: s.hardware.mix_text(),
            was: String::new(),
            source: format!("preset: {}", preset.hardware.mix_text()),
        });
    }
    edited("Hardware · catalog", s.hardware.catalog != preset.hardware.catalog, &mut out);
    edited("Datacenter · cooling", s.facility.cooling != preset.facility.cooling, &mut out);
    // Supplies the site count split as its field does (listed above as the Sites change) are
    // not a change of their own.
    let split = (s.facility.sites != preset.facility.sites)
        .then(|| {
            let mut p = preset.clone();
            crate::model::inputs::input("facility.sites")?.set(&mut p, f64::from(s.facility.sites));
            Some(p.energy.sites)
        })
        .flatten();
    let supplies = split.as_ref().unwrap_or(&preset.energy.sites);
    edited("Energy · site supplies", s.energy.sites != *supplies, &mut out);
    // The simulation's ranges, when it runs: what made the spreads on the cards.
    let (u, was) = (&s.uncertainty, &preset.uncertainty);
    if u.enabled && (u.inputs != was.inputs || u.correlations != was.correlations) {
        let moved: Vec<String> = u
            .inputs
            .iter()
            .filter(|x| !was.inputs.contains(x))
            .map(|x| crate::model::fields::field(s, &x.id).map_or_else(|| x.id.clone(), |f| f.label))
            .collect();
        let dropped = was.inputs.iter().filter(|x| !u.inputs.iter().any(|y| y.id == x.id)).count();
        let mut now =
            if moved.is_empty() { String::new() } else { format!("ranges of {}", moved.join(", ")) };
        for (n, one, many) in [
            (dropped, "input fixed again", "inputs fixed again"),
            (u.correlations.len(), "pair correlated", "pairs correlated"),
        ] {
            if n > 0 {
                let sep = if now.is_empty() { "" } else { "; " };
                now = format!("{now}{sep}{n} {}", if n == 1 { one } else { many });
            }
        }
        out.push(Change {
            what: "Uncertainty · simulated ranges".to_owned(),
            now,
            was: String::new(),
            source: "differs from the preset's sourced ranges".to_owned(),
        });
    }
    edited(
        "Training · precision and run size",
        s.training.precision != preset.training.precision || s.training.run_size != preset.training.run_size,
        &mut out,
    );
    out
}

/// Changes listed on the printed one-page summary; more are counted in one line.
const PRINTED: usize = 4;

/// The changes of the last valid scenario from its preset, worked out once an edit for every
/// reader (this card, the preset line) and only telling them when the list itself changes.
#[derive(Clone, Copy)]
pub struct Changed(pub Memo<Vec<Change>>);

impl Changed {
    /// Provides the list at the root through context.
    pub fn provide(state: ScenarioState) {
        provide_context(Self(Memo::new(move |_| {
            state.last_good.with(|s| state.preset.with(|p| changes(s, p)))
        })));
    }
}

/// The "changed from the preset" card.
#[component]
pub fn Changes() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let Changed(changed) = expect_context::<Changed>();
    let list = move || changed.get();
    let preset = move || state.preset.with(|p| presets::of(p).name);
    view! {
        <section class="card changes" aria-labelledby="changes-title">
            <h2 id="changes-title" class="chart-title">{move || format!("Assumptions changed from the preset “{}”", preset())}</h2>
            {move || {
                let list = list();
                if list.is_empty() {
                    view! { <p class="chart-note">"None: every input is the preset's sourced default."</p> }.into_any()
                } else {
                    // Paper has room for the first few; the rest are counted there, never cut off
                    // (one more is printed rather than counted: the line takes its room).
                    let printed = if list.len() <= PRINTED + 1 { list.len() } else { PRINTED };
                    let more = list.len() - printed;
                    view! {
                        <ul class="change-list">
                            {list.into_iter().enumerate().map(|(i, c)| {
                                let value = format!("{}{}", c.now, c.detail());
                                view! { <li class=("screen-only", i >= printed)><strong>{c.what}</strong>": "{value}</li> }
                            }).collect_view()}
                            {(more > 0).then(|| view! {
                                <li class="print-only change-more">{format!(
                                    "… and {more} more changed assumptions (every change is listed in the explorer; in a PDF, the link above opens it)."
                                )}</li>
                            })}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_preset_is_named_so_and_a_users_name_is_kept() {
        let preset = Scenario::default();
        assert_eq!(shown_name(&preset, &preset), preset.name);
        let mut s = preset.clone();
        s.contract.ramp_delay_months = 6;
        assert_eq!(shown_name(&s, &preset), format!("{} (edited)", preset.name));
        // Switching the simulation on changes no assumption.
        let mut t = preset.clone();
        t.uncertainty.enabled = true;
        assert_eq!(shown_name(&t, &preset), preset.name);
        s.name = "Slip 6 months".to_owned();
        assert_eq!(shown_name(&s, &preset), "Slip 6 months");
    }

    #[test]
    fn a_count_of_one_is_singular() {
        let preset = Scenario::default();
        let mut s = preset.clone();
        s.contract.ramp_delay_months = 1;
        crate::model::inputs::input("facility.sites").unwrap().set(&mut s, 1.0);
        let c = changes(&s, &preset);
        let now = |what: &str| c.iter().find(|x| x.what.ends_with(what)).map(|x| x.now.clone());
        assert_eq!(now("Ramp delay").as_deref(), Some("1 month"), "{c:?}");
        assert_eq!(now("Sites").as_deref(), Some("1 site"), "{c:?}");
        // The supplies the site count split are its change, not one of their own; a supply
        // edited after the split is.
        assert_eq!(now("site supplies"), None, "{c:?}");
        s.energy.sites[0].sources.pop();
        assert_eq!(now_in(&changes(&s, &preset), "site supplies").as_deref(), Some("edited"));
    }

    #[test]
    fn a_price_and_its_presets_read_alike() {
        let preset = Scenario::default();
        let mut s = preset.clone();
        s.energy.gas_price.0 = 7.0;
        let c = changes(&s, &preset);
        let gas = c.iter().find(|x| x.what.ends_with("Gas price")).expect("the gas price changed");
        assert_eq!((gas.now.as_str(), gas.was.as_str()), ("$7.00 / MMBtu", "$3.50 / MMBtu"));
    }

    #[test]
    fn a_changed_pricing_basis_is_quoted_both_ways() {
        let preset = Scenario::default();
        let mut s = preset.clone();
        s.contract.pricing = crate::model::scenario::PricingBasis::PerGpuHour;
        let c = changes(&s, &preset);
        let basis = c.iter().find(|x| x.what == "Contract · pricing basis").expect("listed");
        assert_eq!(
            format!("{}{}", basis.now, basis.detail()),
            "Price per GPU-hour (preset: Fixed monthly commitment)"
        );
    }

    fn now_in(c: &[Change], what: &str) -> Option<String> {
        c.iter().find(|x| x.what.ends_with(what)).map(|x| x.now.clone())
    }

    #[test]
    fn lists_moved_inputs_with_both_values_and_edited_tables() {
        let preset = Scenario::default();
        assert_eq!(changes(&preset, &preset), vec![]);
        let mut s = preset.clone();
        s.contract.ramp_delay_months = 6;
        s.energy.gas_price = crate::model::units::UsdPerMmbtu(7.0);
        s.hardware.mix[0].share.0 -= 0.1;
        s.hardware.mix[1].share.0 += 0.1;
        let c = changes(&s, &preset);
        let what: Vec<&str> = c.iter().map(|c| c.what.as_str()).collect();
        assert_eq!(what, ["Contract · Ramp delay", "Energy · Gas price", "Hardware · mix"]);
        assert_eq!((c[0].now.as_str(), c[0].was.as_str()), ("6 months", "0 months"));
        assert!(c[0].detail().starts_with(" (preset 0 months; source: SpaceX"), "{}", c[0].detail());
        assert_eq!(
            (c[2].now.as_str(), c[2].detail().as_str()),
            (
                "55.2 % NVIDIA H100, 31.7 % NVIDIA H200, 13.1 % NVIDIA GB200 NVL72",
                " (preset: 65.2 % NVIDIA H100, 21.7 % NVIDIA H200, 13.1 % NVIDIA GB200 NVL72)"
            )
        );
        s.hardware.mix[2].available_from_month = 12;
        assert!(changes(&s, &preset)[2].now.ends_with("13.1 % NVIDIA GB200 NVL72 from month 12"));
        assert!(c[1].source.contains("20"), "{}", c[1].source);
        // The ramp's default is not disclosed: its line must not read as the filing's figure.
        assert!(c[0].source.ends_with(", 2026-05; assumption (not disclosed)"), "{}", c[0].source);
        // An input that does not apply (the per-hour price under fixed pricing) is not listed.
        s.contract.price_per_gpu_hour.0 = 9.0;
        assert_eq!(changes(&s, &preset).len(), 3);
    }

    #[test]
    fn the_simulated_ranges_are_listed_when_the_simulation_runs() {
        use crate::model::uncertainty::{dist::Dist, Correlation};
        let preset = Scenario::default();
        let mut s = preset.clone();
        s.uncertainty.inputs[0].dist = Dist::Uniform { low: 2.0, high: 9.0 };
        s.uncertainty.inputs.pop();
        s.uncertainty.correlations =
            vec![Correlation { a: "energy.gas_price".into(), b: "training.mfu".into(), rank: 0.5 }];
        // Off, the ranges made nothing on the page: not an assumption of these figures.
        assert_eq!(changes(&s, &preset), vec![]);
        s.uncertainty.enabled = true;
        let c = changes(&s, &preset);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].what, "Uncertainty · simulated ranges");
        assert_eq!(c[0].now, "ranges of Gas price; 1 input fixed again; 1 pair correlated");
    }
}
