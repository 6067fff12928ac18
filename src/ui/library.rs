//! Named scenarios: save the current one under a name, open, duplicate, rename and delete saved
//! ones, export one or all as JSON (the file the CLI reads), import such a file, and pick two to
//! four to compare. Saved scenarios live in this browser's localStorage as one library file
//! ([`crate::model::library`]), so each keeps its schema version and is migrated on read.

use super::state::ScenarioState;
use crate::charts;
use crate::model::kpis::KPIS;
use crate::model::library::MAX_SCENARIOS;
use crate::model::validate::MAX_NAME_CHARS;
use crate::model::{codec, evaluate, library, presets, Report, Scenario};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The localStorage key of the saved scenarios.
pub const LIBRARY_KEY: &str = "deal-explorer.library";
/// Where a library that could not be read is moved, so it is never silently lost.
pub const LIBRARY_CORRUPT_KEY: &str = "deal-explorer.library.unreadable";
/// Most scenarios compared at once.
pub const MAX_COMPARED: usize = 4;

/// One column of the compare view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// The scenario being edited (live).
    Current,
    /// A saved scenario, by name.
    Saved(String),
}

/// The saved scenarios and the compare selection, provided at the root through context.
#[derive(Clone, Copy)]
pub struct Library {
    /// Saved scenarios, in the order they were saved.
    pub saved: RwSignal<Vec<Scenario>>,
    /// What the compare view shows (empty: closed).
    pub compared: RwSignal<Vec<Pick>>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the saved scenarios and keeps localStorage in step with them; returns a notice when
/// the stored library could not be read (it is moved aside, not deleted).
pub fn provide() -> Option<String> {
    let (saved, notice) = match storage().and_then(|s| s.get_item(LIBRARY_KEY).ok().flatten()) {
        None => (Vec::new(), None),
        Some(text) => match library::parse(&text) {
            Ok(list) => (list, None),
            Err(e) => {
                // An earlier unreadable copy is kept too: a second failure never overwrites it.
                let key = match storage().and_then(|s| s.get_item(LIBRARY_CORRUPT_KEY).ok().flatten()) {
                    None => LIBRARY_CORRUPT_KEY.to_owned(),
                    Some(_) => format!("{LIBRARY_CORRUPT_KEY}.{}", js_sys::Date::now()),
                };
                if let Some(s) = storage() {
                    s.set_item(&key, &text).ok();
                    s.remove_item(LIBRARY_KEY).ok();
                }
                (
                    Vec::new(),
                    Some(format!(
                        "Your saved scenarios could not be read ({e}); they were kept in this browser under \"{key}\"."
                    )),
                )
            }
        },
    };
    let lib = Library { saved: RwSignal::new(saved), compared: RwSignal::new(Vec::new()) };
    Effect::new(move |first: Option<()>| {
        let text = lib.saved.with(|list| library::to_json(list));
        if first.is_some() {
            if let Some(s) = storage() {
                s.set_item(LIBRARY_KEY, &text).ok();
            }
        }
    });
    provide_context(lib);
    notice
}

/// A file name for `name` (letters, digits and dashes).
fn file_stem(name: &str) -> String {
    let stem: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let stem = stem.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if stem.is_empty() {
        "scenario".to_owned()
    } else {
        stem
    }
}

/// The names in `list`.
fn names(list: &[Scenario]) -> Vec<String> {
    list.iter().map(|s| s.name.clone()).collect()
}

/// `wanted` made unique among `list`'s names.
fn unique(list: &[Scenario], wanted: &str) -> String {
    let taken = names(list);
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    library::unique_name(&taken, if wanted.trim().is_empty() { "Scenario" } else { wanted })
}

/// The "Scenarios" button and its panel.
#[component]
pub fn ScenariosMenu() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let lib = expect_context::<Library>();
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let import_error = RwSignal::new(None::<String>);
    // One message at a time: a success clears the last failure and a failure the last success
    // ("Imported 3 scenarios" beside "… was not imported" contradicted itself).
    let say = move |message: String| {
        import_error.set(None);
        status.set(message);
    };
    let fail = move |message: String| {
        status.set(String::new());
        import_error.set(Some(message));
    };
    // A model message ends its own sentence; ours follows it.
    let sentence = |e: &dyn std::fmt::Display| e.to_string().trim_end_matches('.').to_owned();
    let picks = RwSignal::new(Vec::<Pick>::new());
    // The last deletion, so it can be undone: position and scenario.
    let deleted = RwSignal::new(None::<(usize, Scenario)>);

    let full = move || lib.saved.with_untracked(|l| l.len() >= MAX_SCENARIOS);
    let full_message =
        || format!("This browser keeps at most {MAX_SCENARIOS} scenarios: delete or export some first.");
    let save = move || {
        // The figures (and so what is saved) are the last valid scenario's, under the name shown.
        let mut current = state.last_good.get_untracked();
        current.name = state.scenario.with_untracked(|s| s.name.clone());
        let name = current.name.clone();
        let exists = lib.saved.with_untracked(|l| l.iter().any(|s| s.name == name));
        if !exists && full() {
            say(full_message());
            return;
        }
        lib.saved.update(|list| match list.iter_mut().find(|s| s.name == name) {
            Some(slot) => *slot = current,
            None => list.push(current),
        });
        say(if exists { format!("Updated “{name}”.") } else { format!("Saved “{name}”.") });
    };
    let rename_current = move |ev| {
        let name = event_target_value(&ev);
        let name = name.trim().to_owned();
        if name.is_empty() {
            say("A scenario needs a name.".to_owned());
            return;
        }
        state.edit(|s| s.name = name);
    };
    let open_saved = move |i: usize| {
        let Some(s) = lib.saved.with_untracked(|l| l.get(i).cloned()) else { return };
        state.preset.set(presets::of(&s).scenario());
        say(format!("Opened “{}”.", s.name));
        state.edit(|x| *x = s);
    };
    let duplicate = move |i: usize| {
        if full() {
            say(full_message());
            return;
        }
        lib.saved.update(|l| {
            if let Some(mut copy) = l.get(i).cloned() {
                copy.name = unique(l, &copy.name);
                say(format!("Saved a copy as “{}”.", copy.name));
                l.insert(i + 1, copy);
            }
        });
    };
    let rename = move |i: usize, wanted: String| {
        let wanted = wanted.trim().to_owned();
        let mut renamed = None;
        lib.saved.update(|l| {
            if wanted.is_empty() {
                if let Some(s) = l.get(i) {
                    say(format!("A scenario needs a name: it keeps “{}”.", s.name));
                }
                return;
            }
            if i >= l.len() || l[i].name == wanted {
                return;
            }
            let others: Vec<Scenario> =
                l.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, s)| s.clone()).collect();
            let name = unique(&others, &wanted);
            let old = std::mem::replace(&mut l[i].name, name.clone());
            for list in [picks, lib.compared] {
                list.update(|p| {
                    p.iter_mut()
                        .filter(|x| **x == Pick::Saved(old.clone()))
                        .for_each(|x| *x = Pick::Saved(name.clone()));
                });
            }
            say(format!("Renamed “{old}” to “{name}”."));
            renamed = Some((old, name));
        });
        // The scenario being worked on, if it carries the renamed one's name (opened or saved
        // under it), follows it: saving it again then updates the renamed entry instead of
        // bringing back the old name.
        if let Some((old, name)) = renamed {
            state.rename(&old, &name);
        }
    };
    let delete = move |i: usize| {
        lib.saved.update(|l| {
            if i < l.len() {
                let s = l.remove(i);
                for list in [picks, lib.compared] {
                    list.update(|p| p.retain(|x| *x != Pick::Saved(s.name.clone())));
                }
                say(format!("Deleted “{}”.", s.name));
                deleted.set(Some((i, s)));
            }
        });
    };
    let undo_delete = move |_| {
        if let Some((i, s)) = deleted.get_untracked() {
            lib.saved.update(|l| {
                let mut s = s;
                s.name = unique(l, &s.name);
                say(format!("Restored “{}”.", s.name));
                l.insert(i.min(l.len()), s);
            });
            deleted.set(None);
        }
    };
    let export_one = move |s: Scenario| {
        let name = format!("{}.json", file_stem(&s.name));
        if let Err(e) = super::export::save_text(&name, "application/json", &codec::to_json_pretty(&s)) {
            fail(format!("The file could not be saved: {}.", sentence(&e)));
        }
    };
    let export_all = move |_| {
        let text = lib.saved.with_untracked(|l| library::to_json(l));
        if let Err(e) = super::export::save_text("deal-explorer-scenarios.json", "application/json", &text) {
            fail(format!("The file could not be saved: {}.", sentence(&e)));
        }
    };
    let import = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let file_name = file.name();
        input.set_value("");
        // Refused before reading: a 50 MB file is never loaded into memory.
        if file.size() > library::MAX_LIBRARY_BYTES as f64 {
            let error = crate::model::ModelError::TooLarge {
                bytes: file.size() as usize,
                limit: library::MAX_LIBRARY_BYTES,
            };
            fail(format!("{file_name} was not imported: {}. Nothing was changed.", sentence(&error)));
            return;
        }
        let text = file.text();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(text).await.ok().and_then(|v| v.as_string());
            let Some(text) = text else {
                fail(format!("{file_name} could not be read."));
                return;
            };
            match library::parse(&text) {
                Err(e) => {
                    fail(format!("{file_name} was not imported: {}. Nothing was changed.", sentence(&e)));
                }
                Ok(list) if lib.saved.with_untracked(Vec::len) + list.len() > MAX_SCENARIOS => {
                    fail(format!(
                        "{file_name} holds {} scenarios; with yours that is more than the {MAX_SCENARIOS} this browser keeps. Nothing was changed.",
                        list.len()
                    ));
                }
                Ok(list) => {
                    import_error.set(None);
                    let count = list.len();
                    let mut added = Vec::new();
                    lib.saved.update(|l| {
                        for mut s in list {
                            s.name = unique(l, &s.name);
                            added.push(s.name.clone());
                            l.push(s);
                        }
                    });
                    say(match count {
                        0 => format!("{file_name} holds no scenarios."),
                        1 => format!("Imported “{}” from {file_name}.", added[0]),
                        n => format!("Imported {n} scenarios from {file_name}."),
                    });
                }
            }
        });
    };
    let toggle_pick = move |p: Pick| {
        picks.update(|list| {
            if let Some(i) = list.iter().position(|x| *x == p) {
                list.remove(i);
            } else if list.len() < MAX_COMPARED {
                list.push(p);
            }
        });
    };
    let compare = move |_| {
        lib.compared.set(picks.get_untracked());
        open.set(false);
        // Focus follows the view that opened (the button that had it is gone), once it is built
        // and after the closing panel has handed focus back to its button.
        super::popover::focus_later("compare");
    };

    let rows = move || {
        lib.saved.with(|l| {
            l.iter()
                .enumerate()
                .map(|(i, s)| {
                    let name = s.name.clone();
                    let pick = Pick::Saved(name.clone());
                    let checked = {
                        let pick = pick.clone();
                        move || picks.with(|p| p.contains(&pick))
                    };
                    let full = {
                        let pick = pick.clone();
                        move || picks.with(|p| p.len() >= MAX_COMPARED && !p.contains(&pick))
                    };
                    let scenario = s.clone();
                    view! {
                        <tr data-saved=name.clone()>
                            <td><input type="checkbox" aria-label=format!("Compare “{name}”") prop:checked=checked
                                disabled=full on:change=move |_| toggle_pick(pick.clone()) /></td>
                            <td><input type="text" class="name-input" aria-label=format!("Name of saved scenario {}", i + 1)
                                prop:value=name.clone() maxlength=MAX_NAME_CHARS.to_string() on:change=move |ev| rename(i, event_target_value(&ev)) /></td>
                            <td class="library-actions">
                                <button type="button" class="link-button" data-action="open" aria-label=format!("Open “{name}”") on:click=move |_| open_saved(i)>"Open"</button>
                                <button type="button" class="link-button" data-action="duplicate" aria-label=format!("Duplicate “{name}”") on:click=move |_| duplicate(i)>"Duplicate"</button>
                                <button type="button" class="link-button" data-action="export" aria-label=format!("Export “{name}”") on:click=move |_| export_one(scenario.clone())>"Export"</button>
                                <button type="button" class="link-button danger" data-action="delete" aria-label=format!("Delete “{name}”") on:click=move |_| delete(i)>"Delete"</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let current_checked = move || picks.with(|p| p.contains(&Pick::Current));
    let current_full = move || picks.with(|p| p.len() >= MAX_COMPARED && !p.contains(&Pick::Current));

    let root = NodeRef::<leptos::html::Div>::new();
    super::popover::dismissable(open, root);
    view! {
        <div class="library" node_ref=root>
            <button type="button" class="button" id="scenarios-button" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"Scenarios"</button>
            <Show when=move || open.get()>
                <div class="share-popover library-popover" role="dialog" aria-label="Scenarios" id="scenarios">
                    <div class="library-current">
                        <label for="scenario-name">"This scenario's name"</label>
                        <input id="scenario-name" type="text" maxlength=MAX_NAME_CHARS.to_string()
                            prop:value=move || state.scenario.with(|s| s.name.clone()) on:change=rename_current
                            // Enter names and saves, as the button beside it does.
                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                if ev.key() == "Enter" && !event_target_value(&ev).trim().is_empty() {
                                    rename_current(ev.into());
                                    save();
                                }
                            } />
                        <button type="button" class="button" id="save-scenario" on:click=move |_| save()>"Save to my scenarios"</button>
                        <button type="button" class="link-button" id="export-current"
                            on:click=move |_| export_one(state.last_good.get_untracked())>"Export as JSON"</button>
                    </div>
                    <table class="library-table">
                        <caption>"My scenarios (saved in this browser). Tick two to four to compare."</caption>
                        <thead><tr><th scope="col">"Compare"</th><th scope="col">"Name"</th><th scope="col">"Actions"</th></tr></thead>
                        <tbody>
                            <tr data-saved="">
                                <td><input type="checkbox" id="pick-current" aria-label="Compare this scenario"
                                    prop:checked=current_checked disabled=current_full on:change=move |_| toggle_pick(Pick::Current) /></td>
                                <td colspan="2"><em>"This scenario, as edited"</em></td>
                            </tr>
                            {rows}
                        </tbody>
                    </table>
                    <Show when=move || lib.saved.with(Vec::is_empty)>
                        <p class="muted">"Nothing saved yet: name this scenario and save it, or import a file."</p>
                    </Show>
                    <div class="library-foot">
                        <button type="button" class="button" id="compare-button"
                            disabled=move || !(2..=MAX_COMPARED).contains(&picks.with(Vec::len)) on:click=compare>
                            {move || format!("Compare ({})", picks.with(Vec::len))}
                        </button>
                        <button type="button" class="link-button" id="export-all" on:click=export_all
                            disabled=move || lib.saved.with(Vec::is_empty)>"Export all as JSON"</button>
                        <label class="link-button file-button">
                            "Import JSON…"
                            <input type="file" id="import-file" accept=".json,application/json" class="visually-hidden" on:change=import />
                        </label>
                        <button type="button" class="link-button" on:click=move |_| open.set(false)>"Close"</button>
                    </div>
                    <p class="share-status" role="status" id="library-status">
                        {move || status.get()}
                        {move || deleted.get().map(|_| view! {
                            " " <button type="button" class="link-button" id="undo-delete" on:click=undo_delete>"Undo"</button>
                        })}
                    </p>
                    <p class="error" role="alert" id="import-error">{move || import_error.get()}</p>
                </div>
            </Show>
        </div>
    }
}

/// The scenarios the compare view shows with their column headings ("(this scenario)" on the
/// live one); picks no longer saved are dropped.
fn compared_scenarios(state: ScenarioState, lib: Library) -> (Vec<String>, Vec<Scenario>) {
    lib.compared.with(|picks| {
        picks
            .iter()
            .filter_map(|p| match p {
                Pick::Current => {
                    let s = state.last_good.get();
                    Some((format!("{} (this scenario)", s.name), s))
                }
                Pick::Saved(name) => lib
                    .saved
                    .with(|l| l.iter().find(|s| &s.name == name).cloned())
                    .map(|s| (s.name.clone(), s)),
            })
            .unzip()
    })
}

/// The compare view: KPIs side by side, the inputs that differ, and the main charts overlaid.
#[component]
pub fn CompareSection() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let lib = expect_context::<Library>();
    // A new set of scenarios is always news: skip comparing reports field by field.
    let runs = Memo::new_with_compare(
        move |_| {
            let (names, list) = compared_scenarios(state, lib);
            // A scenario that cannot be evaluated is left out with its name, so every column's
            // heading, figures and difference from the first stay its own.
            let (names, (list, reports)): (Vec<String>, (Vec<Scenario>, Vec<Report>)) = names
                .into_iter()
                .zip(list)
                .filter_map(|(n, s)| evaluate(&s).ok().map(|r| (n, (s, r))))
                .unzip();
            (names, list, reports)
        },
        |_, _| true,
    );
    let active = move || runs.with(|(_, list, _)| list.len() >= 2);
    let spend = Memo::new(move |_| {
        runs.with(|(names, _, reports)| {
            let r: Vec<(&str, &_)> =
                names.iter().map(String::as_str).zip(reports.iter().map(|r| &r.contract)).collect();
            charts::compare::spend(&r)
        })
    });
    let delivered = Memo::new(move |_| {
        runs.with(|(names, _, reports)| {
            let r: Vec<(&str, &_)> =
                names.iter().map(String::as_str).zip(reports.iter().map(|r| &r.contract)).collect();
            charts::compare::delivered(&r)
        })
    });
    let head = move || {
        runs.with(|(names, _, _)| {
            names.iter().map(|n| view! { <th scope="col">{n.clone()}</th> }).collect_view()
        })
    };
    let kpi_rows = move || {
        runs.with(|(_, _, reports)| {
            KPIS.iter()
                .map(|k| {
                    let show = super::kpis::show_of(k.unit);
                    let base = reports.first().map_or(f64::NAN, |r| (k.value)(r));
                    let cells = reports
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let v = (k.value)(r);
                            // Every column after the first says how it differs from the first.
                            let delta = (i > 0).then(|| {
                                view! { <span class="delta">{super::kpis::difference(k.unit, v, base)}</span> }
                            });
                            view! { <td data-value=v.to_string()>{show(v)}{delta}</td> }
                        })
                        .collect_view();
                    view! { <tr data-result=k.id><th scope="row">{k.label}</th>{cells}</tr> }
                })
                .collect_view()
        })
    };
    let diff_rows = move || {
        runs.with(|(_, list, _)| {
            let refs: Vec<&Scenario> = list.iter().collect();
            let rows = library::differences(&refs);
            if rows.is_empty() {
                let n = list.len() + 1;
                return view! { <tr><td colspan=n.to_string() class="muted">"No input differs: the scenarios are the same."</td></tr> }.into_any();
            }
            rows.into_iter()
                .map(|d| {
                    view! {
                        <tr data-path=d.path.clone()>
                            <th scope="row">{d.label}</th>
                            {d.values.into_iter().map(|v| view! { <td>{v}</td> }).collect_view()}
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <Show when=active>
            <section class="compare card" id="compare" aria-labelledby="compare-title" tabindex="-1">
                <div class="compare-head">
                    <h2 id="compare-title" class="section-heading">"Compare scenarios"</h2>
                    <button type="button" class="link-button" id="close-compare" on:click=move |_| lib.compared.set(Vec::new())>"Close"</button>
                </div>
                <div class="data-table-wrap" tabindex="0" role="region" aria-label="Results side by side">
                    <table class="data-table compare-table" id="compare-kpis">
                        <caption>"Results (under each, the difference from the first column)"</caption>
                        <thead><tr><th scope="col">"Result"</th>{head}</tr></thead>
                        <tbody>{kpi_rows}</tbody>
                    </table>
                </div>
                <div class="data-table-wrap" tabindex="0" role="region" aria-label="Inputs that differ">
                    <table class="data-table compare-table" id="compare-inputs">
                        <caption>"Inputs that differ"</caption>
                        <thead><tr><th scope="col">"Input"</th>{head}</tr></thead>
                        <tbody>{diff_rows}</tbody>
                    </table>
                </div>
                <super::chart::Chart spec=spend />
                <super::chart::Chart spec=delivered />
            </section>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_letters_and_digits() {
        assert_eq!(
            file_stem("Reported lab–provider deal (S-1, May 2026)"),
            "reported-lab-provider-deal-s-1-may-2026"
        );
        assert_eq!(file_stem("  "), "scenario");
    }
}
