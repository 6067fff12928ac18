//! The energy supply of each site: name, latitude, a preset picker sized to the site's load,
//! and the source rows (add, remove, edit every parameter with its unit and source). Rows are
//! rendered from the model's field table, so a new parameter needs no UI code.

use super::action_select::{self, ActionSelect};
use super::dropped::Dropped;
use super::state::ScenarioState;
use crate::model::energy::fields::{fields_of, path, role, SourceField, MAX_SOURCES_PER_SITE, SOURCE_FIELDS};
use crate::model::energy::presets::EnergyPreset;
use crate::model::energy::{Source, SourceKind};
use crate::model::inputs::{in_unit, trim_number};
use leptos::prelude::*;

/// The site editor's words the filter can name, apart from the source parameters: per site
/// (its heading, latitude, preset picker and add button), and the kinds of source.
const SITE_WORDS: [&str; 4] = ["Site", "Latitude", "Apply a preset", "Add a source"];

/// Case-insensitive containment of a trimmed filter (`None` when the filter is empty).
pub(super) fn containment(filter: &str) -> Option<impl Fn(&str) -> bool> {
    let f = filter.trim().to_ascii_lowercase();
    (!f.is_empty()).then_some(move |text: &str| text.to_ascii_lowercase().contains(&f))
}

/// Whether the sidebar's filter names something in the site editor: a site, its latitude, a
/// preset, a kind of source, or a source parameter's label or help (the editor's rows are not
/// registry inputs, so the panel's own match does not see them).
pub fn site_editor_matches(filter: &str) -> bool {
    containment(filter).is_some_and(|has| {
        SITE_WORDS.into_iter().any(&has)
            || SourceKind::ALL.iter().any(|k| has(k.label()))
            || EnergyPreset::ALL.iter().any(|p| has(p.label()))
            || SOURCE_FIELDS.iter().any(|s| has(s.label) || has(s.help))
    })
}

/// How many of the site editor's controls the filter names, in every site (by the same rules
/// as [`site_editor_matches`]; a kind counts each source of that kind), for the filter's count.
pub fn site_editor_count(filter: &str, energy: &crate::model::energy::Energy) -> usize {
    let Some(has) = containment(filter) else { return 0 };
    let preset = EnergyPreset::ALL.iter().any(|p| has(p.label()));
    let per_site = SITE_WORDS.into_iter().filter(|w| has(w) && !(preset && *w == "Apply a preset")).count()
        + usize::from(preset);
    energy
        .sites
        .iter()
        .map(|site| {
            per_site
                + site
                    .sources
                    .iter()
                    .map(|s| {
                        usize::from(has(s.kind().label()))
                            + fields_of(s).filter(|x| has(x.label) || has(x.help)).count()
                    })
                    .sum::<usize>()
        })
        .sum()
}

/// Every site's supply.
#[component]
pub fn EnergySites() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let count = Memo::new(move |_| state.scenario.with(|s| s.energy.sites.len()));
    let sites_error = move || state.error_for("energy.sites");
    view! {
        <div class="energy-sites" data-field="energy.sites">
            <p class="error" role="alert">{sites_error}</p>
            {move || (0..count.get()).map(|i| view! { <SiteEditor index=i /> }).collect_view()}
            <p class="help">"One supply per site (the Datacenter panel sets how many). Load is split evenly across sites and dispatched hour by hour: renewables, batteries, firm PPAs, then gas and the grid, cheapest first."</p>
        </div>
    }
}

/// One site's supply.
#[component]
fn SiteEditor(
    /// The site's position.
    index: usize,
) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    // Plain closures and `usize` memos: every distinct memo type costs the web build several KB.
    let read = move |f: fn(&crate::model::energy::SiteSupply) -> String| {
        state.scenario.with(|s| s.energy.sites.get(index).map(f).unwrap_or_default())
    };
    // Memos: the boxes are written only when their own value changes, not at every edit.
    let name = Memo::new(move |_| read(|s| s.name.clone()));
    let latitude = Memo::new(move |_| read(|s| trim_number(s.latitude_deg)));
    let source_count =
        Memo::new(move |_| state.scenario.with(|s| s.energy.sites.get(index).map_or(0, |x| x.sources.len())));
    let peak_mw = move || state.report.with(|r| r.energy.sites.get(index).map_or(0.0, |s| s.peak_load_mw));
    // While the filter names one of its fields the site is open; when the filter stops naming
    // them it is as the user left it before (a user's own toggles are never overridden).
    let details = NodeRef::<leptos::html::Details>::new();
    let named = Memo::new(move |_| state.filter.with(|f| site_editor_matches(f)));
    let before = StoredValue::new(None::<bool>);
    Effect::new(move |_| {
        let named = named.get();
        let Some(d) = details.get_untracked() else { return };
        if named {
            before.set_value(Some(d.open()));
            d.set_open(true);
        } else if let Some(open) = before.try_update_value(Option::take).flatten() {
            d.set_open(open);
        }
    });
    // Ranges that went with a removed source or a preset's replacement, said here.
    let dropped = Dropped::new();
    let lat_error = RwSignal::new(None::<String>);
    let lat_message = move || {
        lat_error
            .get()
            .map(|e| {
                let used = state.last_good.with(|s| s.energy.sites.get(index).map(|x| x.latitude_deg));
                used.map_or_else(
                    || e.clone(),
                    |v| super::number_field::results_use(&e, &format!("{}° N", trim_number(v))),
                )
            })
            .or_else(|| state.error_for(&format!("energy.sites.{index}.latitude_deg")))
    };
    let sources_error = move || state.error_for(&format!("energy.sites.{index}.sources"));
    // A name that is blank, too long or another site's is refused at the field (results and
    // pickers name sites); an imported scenario with such names gets the model's message here.
    let name_error = RwSignal::new(None::<String>);
    let name_message =
        move || name_error.get().or_else(|| state.error_for(&format!("energy.sites.{index}.name")));
    let rename = move |text: String| {
        let new = text.trim().to_owned();
        let taken = state
            .scenario
            .with(|s| s.energy.sites.iter().enumerate().any(|(i, x)| i != index && x.name == new));
        let most = crate::model::energy::fields::MAX_SITE_NAME_CHARS;
        let refused = if new.is_empty() {
            Some("A site needs a name".to_owned())
        } else if new.chars().count() > most {
            Some(format!("A site name must be at most {most} characters"))
        } else if taken {
            Some(format!("Another site is called \"{new}\"; pick a name of its own"))
        } else {
            None
        };
        if refused.is_none() {
            state.edit(|s| {
                if let Some(site) = s.energy.sites.get_mut(index) {
                    site.name = new;
                }
            });
        }
        name_error.set(refused);
    };
    let apply_preset = move |id: String| {
        if let Some(preset) = EnergyPreset::from_id(&id) {
            let peak = peak_mw();
            dropped.edit(state, |s| {
                let Some(site) = s.energy.sites.get_mut(index) else { return 0 };
                site.sources = preset.sources(peak);
                s.uncertainty.rows_replaced(&format!("energy.sites.{index}.sources"))
            });
        }
    };
    let add_source = move |id: String| {
        if let Some(kind) = SourceKind::from_id(&id) {
            let size = (peak_mw() * 0.5).max(10.0).round();
            state.edit(|s| {
                if let Some(site) = s.energy.sites.get_mut(index) {
                    site.sources.push(Source::new(kind, size));
                }
            });
        }
    };
    let set_latitude = move |text: String| match super::number_field::parse(&text) {
        Some(v) => {
            lat_error.set(None);
            state.edit_field(Some(&format!("energy.sites.{index}.latitude_deg")), |s| {
                if let Some(site) = s.energy.sites.get_mut(index) {
                    site.latitude_deg = v;
                }
            });
        }
        _ => lat_error.set(Some(format!("\"{text}\" is not a number of degrees"))),
    };
    let sources = move || {
        (0..source_count.get())
            .map(|i| view! { <SourceRow site=index index=i dropped=dropped /> })
            .collect_view()
    };
    // Each acts on a choice: arrow keys only browse, Enter acts.
    let (preset_guard, add_guard) = (ActionSelect::new(), ActionSelect::new());
    view! {
        <details class="site" open=index == 0 data-site=index node_ref=details>
            <summary class="section-title">
                {move || name.get()}
                <span class="site-meta">{move || {
                    let n = source_count.get();
                    format!(" · {n} source{} · peak {}", if n == 1 { "" } else { "s" }, crate::format::megawatts(peak_mw()))
                }}</span>
            </summary>
            <div class="site-fields">
                <label class="mini" class:invalid=move || name_message().is_some()>
                    <span class="label">"Name"</span>
                    <input type="text" data-input=format!("energy.sites.{index}.name")
                        prop:value=move || name.get()
                        on:change=move |ev| rename(event_target_value(&ev)) />
                    <span class="error" role="alert">{name_message}</span>
                </label>
                <label class="mini" class:invalid=move || lat_message().is_some()>
                    <span class="label">"Latitude" <span class="unit">"° N"</span></span>
                    <input class="num" type="text" inputmode="decimal" data-input=format!("energy.sites.{index}.latitude_deg")
                        aria-invalid=move || lat_message().is_some().to_string()
                        prop:value=move || latitude.get()
                        on:change=move |ev| set_latitude(event_target_value(&ev)) />
                    <span class="error" role="alert">{lat_message}</span>
                </label>
                <label class="mini">
                    <span class="label">"Apply a preset"</span>
                    <select data-testid=format!("site-{index}-preset") prop:value="" aria-describedby=action_select::HINT_ID
                        on:change=move |ev| if preset_guard.change() { apply_preset(event_target_value(&ev)); action_select::show(&ev, ""); }
                        on:keydown=move |ev| if preset_guard.keydown(&ev) { apply_preset(event_target_value(&ev)); action_select::show(&ev, ""); }
                        on:blur=move |ev| if preset_guard.blur() { action_select::show(&ev, ""); }>
                        <option value="" selected=true>"Choose… (sized to this site's peak)"</option>
                        {EnergyPreset::ALL.iter().map(|p| view! { <option value=p.id()>{p.label()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <p class="error" role="alert">{sources_error}</p>
            <div class="sources">{sources}</div>
            {dropped.view(state)}
            <label class="mini wide add-source">
                <span class="label">"Add a source"</span>
                <select data-testid=format!("site-{index}-add") prop:value="" aria-describedby=action_select::HINT_ID
                    disabled=move || { source_count.get() >= MAX_SOURCES_PER_SITE }
                    on:change=move |ev| if add_guard.change() { add_source(event_target_value(&ev)); action_select::show(&ev, ""); }
                    on:keydown=move |ev| if add_guard.keydown(&ev) { add_source(event_target_value(&ev)); action_select::show(&ev, ""); }
                    on:blur=move |ev| if add_guard.blur() { action_select::show(&ev, ""); }>
                    <option value="" selected=true>"Choose a kind…"</option>
                    {SourceKind::ALL.iter().map(|k| view! { <option value=k.id()>{k.label()}</option> }).collect_view()}
                </select>
            </label>
        </details>
    }
}

/// One source: its kind, its role in the merit order, its parameters and a remove button.
#[component]
fn SourceRow(
    /// The site's position.
    site: usize,
    /// The source's position at the site.
    index: usize,
    /// The site's note of ranges that went with a removed source.
    dropped: Dropped,
) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    // Re-rendered only when the row's kind changes (fields update themselves).
    let kind_index = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.energy.sites.get(site).and_then(|x| x.sources.get(index)).map_or(usize::MAX, |src| {
                SourceKind::ALL.iter().position(|k| *k == src.kind()).unwrap_or(usize::MAX)
            })
        })
    });
    move || {
        let _ = kind_index.get();
        let Some(current) = state
            .scenario
            .with_untracked(|s| s.energy.sites.get(site).and_then(|x| x.sources.get(index)).cloned())
        else {
            return ().into_any();
        };
        let kind = current.kind();
        let cites = current
            .citations()
            .into_iter()
            .map(|c| format!("{} ({}, {}): {}", c.source, c.date, c.confidence.label(), c.note))
            .collect::<Vec<_>>()
            .join("\n");
        let fields = fields_of(&current)
            .map(|f| view! { <SourceFieldInput site=site index=index field=f /> })
            .collect_view();
        view! {
            <fieldset class="energy-source" data-source=format!("{site}.{index}") data-kind=kind.id()>
                <legend>{kind.label()}</legend>
                <p class="help">{role(kind)}</p>
                <div class="source-fields">{fields}</div>
                <div class="source-foot">
                    <details class="source"><summary>"Sources"</summary><p class="cite">{cites}</p></details>
                    <button type="button" class="link-button" aria-label=format!("Remove {} from site {}", kind.label(), site + 1)
                        on:click=move |_| dropped.edit(state, |s| {
                            let Some(x) = s.energy.sites.get_mut(site).filter(|x| index < x.sources.len()) else { return 0 };
                            x.sources.remove(index);
                            s.uncertainty.row_removed(&format!("energy.sites.{site}.sources"), index)
                        })>
                        "Remove"
                    </button>
                </div>
            </fieldset>
        }
        .into_any()
    }
}

/// One numeric parameter of a source, with its unit and message.
#[component]
fn SourceFieldInput(
    /// The site's position.
    site: usize,
    /// The source's position at the site.
    index: usize,
    /// The parameter.
    field: &'static SourceField,
) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let id = path(site, index, field.key);
    let parse_error = RwSignal::new(None::<String>);
    let number = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.energy.sites.get(site).and_then(|x| x.sources.get(index)).and_then(|src| field.get(src))
        })
    });
    // A new value from elsewhere (undo, a preset, another scenario) clears what was mistyped.
    Effect::new(move |_| {
        number.track();
        parse_error.set(None);
    });
    let value = move || number.get().map(|v| trim_number(v / field.scale)).unwrap_or_default();
    // Read by the label's class, the box's aria-invalid and the text: worked out once.
    let message = {
        let id = id.clone();
        Memo::new(move |_| {
            parse_error
                .get()
                .map(|e| {
                    // Refused text leaves the value as it was: the one the results use, when the
                    // last valid scenario has this same kind of source here (not one since
                    // removed or added).
                    let kind = state.scenario.with(|s| {
                        s.energy.sites.get(site).and_then(|x| x.sources.get(index)).map(Source::kind)
                    });
                    let used = state.last_good.with(|s| {
                        s.energy
                            .sites
                            .get(site)
                            .and_then(|x| x.sources.get(index))
                            .filter(|src| Some(src.kind()) == kind)
                            .and_then(|src| field.get(src))
                    });
                    used.map_or_else(
                        || e.clone(),
                        |v| {
                            super::number_field::results_use(
                                &e,
                                &in_unit(&trim_number(v / field.scale), field.unit),
                            )
                        },
                    )
                })
                .or_else(|| state.error_for(&id))
        })
    };
    let key = id.clone();
    let set = move |text: String| match super::number_field::parse_in(field.unit, &text) {
        // Out of the field's range: refused here, so the scenario (and every other edit) stays
        // valid.
        Some(v) => {
            let refused = field.check(v * field.scale).err();
            if refused.is_none() {
                state.edit_field(Some(&key), |s| {
                    if let Some(src) = s.energy.sites.get_mut(site).and_then(|x| x.sources.get_mut(index)) {
                        field.set(src, v * field.scale);
                    }
                });
            }
            parse_error.set(refused);
        }
        None => parse_error.set(Some(format!("{}: \"{text}\" is not a number", field.label))),
    };
    // While the simulation draws this parameter, the field says from where.
    let simulated = {
        let id = id.clone();
        Memo::new(move |_| {
            state.scenario.with(|s| crate::model::uncertainty::simulated(s, &id, (field.min, field.max)))
        })
    };
    view! {
        <label class="mini" class:invalid=move || message.with(Option::is_some) title=field.help>
            <span class="label">{field.label}" "<span class="unit">{field.unit}</span></span>
            <input class="num" type="text" inputmode="decimal" data-input=id.clone() data-step=field.step prop:value=value
                aria-invalid=move || message.with(Option::is_some).to_string()
                on:change=move |ev| set(event_target_value(&ev)) />
            <span class="error" role="alert">{message}</span>
            {move || simulated.get().map(|b| view! {
                <span class="uncertain-note" data-uncertain=id.clone()>{format!(
                    "Simulated: {} (5th–95th percentile)",
                    super::number_field::range_with_unit(b.p5 / field.scale, b.p95 / field.scale, field.step, field.unit, "–")
                )}</span>
            })}
        </label>
    }
}
