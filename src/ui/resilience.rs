//! Resilience: the sidebar editor (sites or providers with their shares and outages, regions
//! with their events, draws and seed) and the results section (concentration, the plan against
//! everything at the largest site and every site in its own region, the capacity curve and the
//! GPU-hours lost). The simulation runs in a worker ([`super::workers`]) once in the page's first
//! idle period and then while the section is on screen; a valid edit of what it reads cancels the run in flight and starts another, and the
//! last results stay up until the new ones arrive.

use super::chart::MaybeChart;
use super::kpi_card::KpiCard;
use super::number_field::WholeNumberField;
use super::state::ScenarioState;
use super::table_card::{Cell, Row, TableCard};
use super::workers::{self, get, now};
use crate::charts;
use crate::format;
use crate::model::datacenter::Facility;
use crate::model::hardware::Hardware;
use crate::model::inputs::{trim_number, ListField};
use crate::model::resilience::{
    self, free_name, region_path, site_path, Layout, Region, Resilience, ResilienceReport, ResilienceSite,
    LEVELS, MAX_REGIONS, MAX_SITES, REGION_FIELDS, SITE_FIELDS,
};
use crate::model::units::Fraction;
use crate::model::{codec, FieldError, Scenario};
use leptos::prelude::*;

/// What the resilience simulation reads of the scenario: its settings, the contract and what the
/// datacenter installs of it (outages take only the GPUs installed at the time).
type Read = (Resilience, crate::model::Contract, (Hardware, Facility, f64));

/// The settings' problems, memoized on the scenario being edited.
fn problems_memo(state: ScenarioState) -> Memo<Vec<FieldError>> {
    Memo::new(move |_| state.scenario.with(resilience::scenario_problems))
}

/// The message for `field`, if any.
fn message(problems: Memo<Vec<FieldError>>, field: &str) -> Option<String> {
    problems.with(|p| p.iter().find(|e| e.field == field).map(|e| e.message.clone()))
}

/// The sidebar editor.
#[component]
pub fn ResilienceControls() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let problems = problems_memo(state);
    // Row lists rebuild only when rows are added or removed (a rebuilt row loses typing).
    let sites = Memo::new(move |_| state.scenario.with(|s| s.resilience.sites.len()));
    let regions = Memo::new(move |_| state.scenario.with(|s| s.resilience.regions.len()));
    let add_site = move |_| {
        state.edit(|s| {
            let r = &mut s.resilience;
            let mut site =
                r.sites.last().cloned().unwrap_or_else(|| Resilience::deal_default(1).sites.remove(0));
            // Names must differ: the first "Site n" from the next number on that none has.
            let taken: Vec<&str> = r.sites.iter().map(|o| o.name.as_str()).collect();
            site.name = free_name("Site", r.sites.len() + 1, &taken);
            site.share = Fraction(0.0);
            r.sites.push(site);
        });
    };
    let split_evenly = move |_| {
        state.edit(|s| s.resilience.split_evenly());
    };
    let add_region = move |_| {
        state.edit(|s| {
            let r = &mut s.resilience;
            let taken: Vec<&str> = r.regions.iter().map(|g| g.name.as_str()).collect();
            let name = free_name("Region", 1, &taken);
            let mut region =
                r.regions.last().cloned().unwrap_or_else(|| Resilience::deal_default(1).regions.remove(0));
            region.name = name;
            r.regions.push(region);
        });
    };
    view! {
        <p class="help">"How the contracted capacity is split across sites or providers, and the outages that can take it away: each site's own, and regional or political events that hit every site in a region at once."</p>
        <h3 class="subhead">"Sites and providers"</h3>
        <p class="error" role="alert" data-testid="res-sites-error">{move || message(problems, "resilience.sites")}</p>
        <div class="res-rows" data-field="resilience.sites">
            {move || (0..sites.get()).map(|i| view! { <SiteRow index=i problems=problems /> }).collect_view()}
        </div>
        <div class="button-row">
            <button type="button" class="link-button" id="res-add-site" on:click=add_site disabled=move || { sites.get() >= MAX_SITES }>"Add a site or provider"</button>
            <button type="button" class="link-button" id="res-split" on:click=split_evenly>"Split evenly"</button>
        </div>
        <h3 class="subhead">"Regional and political events"</h3>
        <p class="error" role="alert" data-testid="res-regions-error">{move || message(problems, "resilience.regions")}</p>
        <div class="res-rows" data-field="resilience.regions">
            {move || (0..regions.get()).map(|i| view! { <RegionRow index=i problems=problems /> }).collect_view()}
        </div>
        <button type="button" class="link-button" id="res-add-region" on:click=add_region disabled=move || { regions.get() >= MAX_REGIONS }>"Add a region"</button>
        <div class="field-row">
            <WholeNumberField id="res-samples" label="Draws" range=crate::model::resilience::SAMPLES get=|s| s.resilience.samples put=|s, v| s.resilience.samples = v
                error=Signal::derive(move || message(problems, "resilience.samples")) />
            <WholeNumberField id="res-seed" label="Seed" get=|s| s.resilience.seed put=|s, v| s.resilience.seed = v
                error=Signal::derive(move || message(problems, "resilience.seed")) />
        </div>
        <details class="source">
            <summary>"Sources of the default figures"</summary>
            {Resilience::CITATIONS.iter().map(|c| view! { <p>{c.note}</p><p class="cite">{c.source} " (" {c.date} ", " {c.confidence.label()} ")"</p> }).collect_view()}
        </details>
    }
}

/// A numeric field of a site or region row.
fn row_number<T: 'static>(
    state: ScenarioState,
    problems: Memo<Vec<FieldError>>,
    path: String,
    field: &'static ListField<T>,
    read: impl Fn(&Scenario) -> Option<&T> + Copy + Send + Sync + 'static,
    write: impl Fn(&mut Scenario) -> Option<&mut T> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let parse_error = RwSignal::new(None::<String>);
    let value = Memo::new(move |_| state.scenario.with(|s| read(s).and_then(|t| field.get(t))));
    // A new value from elsewhere (Split evenly, undo, another scenario) clears what was mistyped.
    Effect::new(move |_| {
        value.track();
        parse_error.set(None);
    });
    let key = path.clone();
    let error = {
        let path = path.clone();
        move || parse_error.get().or_else(|| message(problems, &path))
    };
    let invalid = error.clone();
    view! {
        <label class="mini" class:invalid=move || invalid().is_some() title=field.help>
            <span class="label">{field.label}" "<span class="unit">{field.unit}</span></span>
            <input class="num" type="text" inputmode="decimal" data-input=path data-step=field.step
                prop:value=move || value.get().map(|v| trim_number(v / field.scale)).unwrap_or_default()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    match super::number_field::parse_in(field.unit, &text) {
                        // Out of the field's range: refused here, so the scenario (and every
                        // other edit) stays valid.
                        Some(v) => {
                            let refused = field.check(v * field.scale).err();
                            if refused.is_none() {
                                state.edit_field(Some(&key), |s| if let Some(t) = write(s) { field.set(t, v * field.scale) });
                            }
                            parse_error.set(refused);
                        }
                        None => parse_error.set(Some(format!("{}: \"{text}\" is not a number", field.label))),
                    }
                } />
            <span class="error" role="alert">{error}</span>
        </label>
    }
}

/// One site or provider.
#[component]
fn SiteRow(index: usize, problems: Memo<Vec<FieldError>>) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let region_names = Memo::new(move |_| {
        state.scenario.with(|s| s.resilience.regions.iter().map(|g| g.name.clone()).collect::<Vec<_>>())
    });
    let text = move |f: fn(&ResilienceSite) -> &String| {
        Memo::new(move |_| {
            state.scenario.with(|s| s.resilience.sites.get(index).map(|x| f(x).clone()).unwrap_or_default())
        })
    };
    let (region, name) = (text(|x| &x.region), text(|x| &x.name));
    let (region, name) = (move || region.get(), move || name.get());
    let fields = SITE_FIELDS
        .iter()
        .map(|f| {
            row_number(
                state,
                problems,
                site_path(index, f.key),
                f,
                move |s: &Scenario| s.resilience.sites.get(index),
                move |s: &mut Scenario| s.resilience.sites.get_mut(index),
            )
        })
        .collect_view();
    let edit = move |f: Box<dyn FnOnce(&mut ResilienceSite)>| {
        state.edit(|s| {
            if let Some(x) = s.resilience.sites.get_mut(index) {
                f(x);
            }
        });
    };
    view! {
        <fieldset class="res-row" data-site=index>
            <legend>
                <input type="text" class="name-input" aria-label=format!("Name of site {}", index + 1) data-input=site_path(index, "name")
                    prop:value=name on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |x| x.name = v)); } />
            </legend>
            <div class="source-fields">
                {fields}
                <label class="mini" class:invalid=move || message(problems, &site_path(index, "region")).is_some()>
                    <span class="label">"Region"</span>
                    <select data-input=site_path(index, "region") prop:value=region
                        on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |x| x.region = v)); }>
                        <option value="" selected=move || region().is_empty()>"None shared"</option>
                        {move || region_names.get().into_iter().map(|n| {
                            let selected = n == region();
                            view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <span class="error" role="alert">{move || message(problems, &site_path(index, "region"))}</span>
                </label>
            </div>
            <p class="error" role="alert">{move || message(problems, &site_path(index, "name"))}</p>
            <button type="button" class="link-button" aria-label=move || format!("Remove {}", name())
                title="The capacity sits somewhere: the last site cannot be removed"
                disabled=move || state.scenario.with(|s| s.resilience.sites.len() <= 1)
                on:click=move |_| state.edit(|s| { if index < s.resilience.sites.len() && s.resilience.sites.len() > 1 { s.resilience.sites.remove(index); } })>"Remove"</button>
        </fieldset>
    }
}

/// One region and its events.
#[component]
fn RegionRow(index: usize, problems: Memo<Vec<FieldError>>) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let name = Memo::new(move |_| {
        state.scenario.with(|s| s.resilience.regions.get(index).map(|g| g.name.clone()).unwrap_or_default())
    });
    // A rename that would leave the region without a name, or merge it into another, is refused
    // here (its sites follow it by name, so either would move sites that are not its own).
    let name_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        name.track();
        name_error.set(None);
    });
    let fields = REGION_FIELDS
        .iter()
        .map(|f| {
            row_number(
                state,
                problems,
                region_path(index, f.key),
                f,
                move |s: &Scenario| s.resilience.regions.get(index),
                move |s: &mut Scenario| s.resilience.regions.get_mut(index),
            )
        })
        .collect_view();
    // Renaming a region keeps its sites in it; removing it leaves them in none.
    let rename = move |new: String| {
        let new = new.trim().to_owned();
        let taken = state
            .scenario
            .with(|s| s.resilience.regions.iter().enumerate().any(|(i, g)| i != index && g.name == new));
        if new.is_empty() || taken {
            name_error.set(Some(if taken {
                format!("Another region is called \"{new}\"; pick a name of its own")
            } else {
                "A region needs a name".to_owned()
            }));
            return;
        }
        state.edit(|s| {
            let r = &mut s.resilience;
            let Some(old) = r.regions.get(index).map(|g: &Region| g.name.clone()) else { return };
            for site in r.sites.iter_mut().filter(|x| !old.is_empty() && x.region == old) {
                site.region.clone_from(&new);
            }
            r.regions[index].name = new;
        });
    };
    let remove = move |_| {
        state.edit(|s| {
            let r = &mut s.resilience;
            if index < r.regions.len() {
                let old = r.regions.remove(index).name;
                for site in r.sites.iter_mut().filter(|x| x.region == old) {
                    site.region.clear();
                }
            }
        });
    };
    view! {
        <fieldset class="res-row" data-region=index>
            <legend>
                <input type="text" class="name-input" aria-label=format!("Name of region {}", index + 1) data-input=region_path(index, "name")
                    prop:value=move || name.get() on:change=move |ev| rename(event_target_value(&ev)) />
            </legend>
            <div class="source-fields">{fields}</div>
            <p class="error" role="alert">{move || name_error.get().or_else(|| message(problems, &region_path(index, "name")))}</p>
            <button type="button" class="link-button" aria-label=move || format!("Remove {}", name.get()) on:click=remove>"Remove"</button>
        </fieldset>
    }
}

/// The results section.
#[component]
pub fn ResilienceSection() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    // The first run does not wait to be seen: in the page's first idle period, so the section
    // has its results (and its full height) before anyone scrolls to it. Coming into view
    // with its charts missing, it grew by ~1,000 px under the reader.
    let primed = RwSignal::new(false);
    super::live::when_idle(move || primed.set(true));
    let report = RwSignal::new(None::<ResilienceReport>);
    let running = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let elapsed = RwSignal::new(0.0);
    let runs = RwSignal::new(0u32);
    let started = StoredValue::new(0.0);
    let pool = workers::lazy_pool(1, move |d| {
        if let Some(e) = get(d, "error").as_string() {
            failure.set(Some(e));
            running.set(false);
            return;
        }
        let text = get(d, "result").as_string().unwrap_or_default();
        match serde_json::from_str::<Result<ResilienceReport, Vec<FieldError>>>(&text) {
            Ok(Ok(r)) => {
                report.set(Some(r));
                failure.set(None);
            }
            Ok(Err(problems)) => {
                failure.set(Some(problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")));
            }
            Err(e) => failure.set(Some(format!("the answer could not be read: {e}"))),
        }
        elapsed.set(now() - started.get_value());
        running.set(false);
    });
    // What the simulation reads: an edit of anything else does not run it again.
    let inputs = Memo::new(move |_| {
        state.last_good.with(|s| {
            let dc = (s.hardware.clone(), s.facility.clone(), s.energy.seasons());
            (s.resilience.clone(), s.contract.clone(), dc)
        })
    });
    let problems = problems_memo(state);
    let submitted = StoredValue::new(None::<Read>);
    Effect::new(move |_| {
        // Then it follows what it reads: at once on the screen, in idle time off it (the
        // section's `Live` view of the scenario catches up then), so the page never shows an
        // earlier scenario's figures (to find-in-page or a screen reader).
        let current = inputs.get();
        if !primed.get() || submitted.with_value(|s| s.as_ref() == Some(&current)) {
            return;
        }
        let scenario = state.last_good.get_untracked();
        if !resilience::scenario_problems(&scenario).is_empty() {
            return;
        }
        submitted.set_value(Some(current));
        let text = codec::to_value(&scenario).to_string();
        let job = workers::call("resilience", "resilience_run", &[text.into()], "result");
        started.set_value(now());
        running.set(true);
        runs.update(|n| *n += 1);
        if let Err(e) = pool.restart(vec![job]) {
            running.set(false);
            failure.set(Some(format!("the simulation cannot run in this browser: {e}")));
        }
    });
    let curve = Memo::new(move |_| report.with(|r| r.as_ref().map(charts::resilience::capacity_curve)));
    let lost = Memo::new(move |_| report.with(|r| r.as_ref().map(charts::resilience::lost_histogram)));
    let price = move || state.report.with(|r| r.contract.totals.usd_per_delivered_gpu_hour.value());
    let plan = move |f: fn(&resilience::LayoutResult) -> f64| {
        Signal::derive(move || report.with(|r| r.as_ref().map_or(f64::NAN, |r| f(r.of(Layout::AsPlanned)))))
    };
    let conc = move |f: fn(&resilience::Concentration) -> f64| {
        Signal::derive(move || report.with(|r| r.as_ref().map_or(f64::NAN, |r| f(&r.concentration))))
    };
    let half = LEVELS / 2 - 1;
    let table = move || {
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let price = price();
            // A layout with the plan's figures (one site, or every site already in its own
            // region) is the plan: one row, which says it stands for the others.
            let same: Vec<Option<usize>> = (0..r.layouts.len())
                .map(|i| (0..i).find(|j| r.layouts[*j].same_figures(&r.layouts[i])))
                .collect();
            r.layouts
                .iter()
                .enumerate()
                .filter(|(i, _)| same[*i].is_none())
                .map(|(i, l)| {
                    let also: Vec<String> = (0..r.layouts.len())
                        .filter(|k| same[*k] == Some(i))
                        .map(|k| r.layouts[k].layout.label().to_ascii_lowercase())
                        .collect();
                    let head = match also.as_slice() {
                        [] => l.layout.label().to_owned(),
                        [one] => format!("{} (also {one} here)", l.layout.label()),
                        _ => format!("{} (also the other two layouts here)", l.layout.label()),
                    };
                    let n = |v: f64, text: String| Cell::number(text, v);
                    let s = &l.lost_gpu_hours;
                    let mut row = Row::new(
                        format!("{:?}", l.layout),
                        head,
                        vec![
                            n(l.availability, format::percent_column(l.availability)),
                            n(s.mean, format::compact(s.mean)),
                            n(s.p95, format::compact(s.p95)),
                            n(s.mean * price, format::usd(s.mean * price)),
                            n(l.p_below[half], format::percent(l.p_below[half])),
                            n(l.p_below[0], format::percent(l.p_below[0])),
                            n(
                                l.hours_below_per_year[LEVELS - 1],
                                format!("{} h", format::sig3(l.hours_below_per_year[LEVELS - 1])),
                            ),
                        ],
                    );
                    row.highlight = l.layout == Layout::AsPlanned;
                    row
                })
                .collect()
        })
    };
    let status = move || {
        let draws = report.with(|r| r.as_ref().map_or(0, |r| r.samples));
        if running.get() {
            "Simulating…".to_owned()
        } else if draws > 0 {
            format!(
                "{} draws of each layout in {:.2} s",
                format::compact(f64::from(draws)),
                elapsed.get() / 1000.0
            )
        } else {
            String::new()
        }
    };
    let invalid = move || problems.with(|p| !p.is_empty());
    // The contract prices delivery at its expected availability; set that against what these
    // outages alone leave. Power the sites' supplies cannot give is the energy dispatch's, not
    // this simulation's: said here, so two GPU-hours-lost figures are never read as one.
    let sla = move || {
        let promised = state.last_good.with(|s| s.contract.sla.expected_availability.value());
        let power = state.report.with(|r| {
            let t = &r.energy.totals;
            (t.hours_short > 0 && t.gpu_hours_lost.value() > 0.0).then(|| {
                format!(
                    " Power shortfalls are not among them: the energy dispatch loses another {} GPU-hours in {} hours short of power (Energy, above), already in the delivered figures.",
                    format::compact(t.gpu_hours_lost.value()),
                    format::count(f64::from(t.hours_short))
                )
            })
        });
        report.with(|r| {
            r.as_ref().map(|r| {
                let a = r.of(Layout::AsPlanned).availability;
                format!(
                    "The contract expects {} availability; these site and regional outages alone leave {} of the capacity as planned{}.{}",
                    format::percent_precise(promised),
                    format::percent_precise(a),
                    if a < promised { ", short of it: expect service credits or a lower delivered count" } else { "" },
                    power.unwrap_or_default()
                )
            })
        })
    };
    view! {
        <section class="resilience-summary" id="resilience" aria-labelledby="resilience-title">
            <h2 id="resilience-title" class="section-heading">"Resilience"</h2>
            <div>
            <Show when=invalid>
                <div class="banner warning" role="status" data-testid="res-invalid">
                    {move || if report.with(Option::is_some) {
                        "Some resilience settings are invalid (see the Resilience panel); the results below are from the last valid settings."
                    } else {
                        "Some resilience settings are invalid (see the Resilience panel): the simulation runs once they are fixed."
                    }}
                </div>
            </Show>
            {move || failure.get().map(|f| view! { <div class="banner warning" role="alert">{format!("The resilience simulation cannot run: {f}")}</div> })}
            <p class="muted" id="res-status" data-running=move || running.get().to_string() data-run=move || runs.get()>{status}</p>
            <div class="kpis">
                <KpiCard id="res-availability" label="Capacity available" note="share of the term's GPU-hours after site and regional outages, as planned" value=plan(|l| l.availability) show=format::percent_precise />
                <KpiCard id="res-lost" label="GPU-hours lost" note="to site and regional outages: mean over the term, as planned" value=plan(|l| l.lost_gpu_hours.mean) show=format::compact />
                <KpiCard id="res-below-half" label="Below half the fleet" note="chance, at some point in the term" value=plan(|l| l.p_below[LEVELS / 2 - 1]) show=format::percent />
                <KpiCard id="res-largest-event" label="Largest single event" note="share of the fleet one event can take: a site outage or a regional one" value=conc(|c| c.largest_event) show=format::percent />
                <KpiCard id="res-effective-sites" label="Effective sites" note="1 / Σ share² (inverse HHI)" value=conc(|c| c.effective_sites) show=format::sig3 />
            </div>
            <p class="muted" id="res-sla">{sla}</p>
            <TableCard id="res-layouts" title="What spreading the capacity buys".to_owned()
                headers=&["Layout", "Capacity available", "GPU-hours lost (mean)", "GPU-hours lost (95th pct)", "Value lost (mean)", "P(below 50 %)", "P(below 5 %)", "Hours a year below 100 %"]
                rows=Signal::derive(table)
                note="The same fleet and events laid out three ways. Value lost prices the mean lost GPU-hours at the contract's cost per delivered GPU-hour. Probabilities are of falling below the level at some moment of the term." />
            <MaybeChart spec=curve />
            <MaybeChart spec=lost />
            </div>
        </section>
    }
}
