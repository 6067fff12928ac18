//! The root component: header, input sidebar, KPI strip, summary and charts.

use super::catalog_table::CatalogTable;
use super::changes::Changes;
use super::chart::Chart;
use super::comparison::ComparisonTable;
use super::cooling_select::CoolingSelect;
use super::datacenter_kpis::DatacenterKpis;
use super::decide::DecideSection;
use super::energy_section::EnergySection;
use super::energy_sites::{site_editor_matches, EnergySites};
use super::history::History;
use super::kpis::KpiStrip;
use super::library::{CompareSection, ScenariosMenu};
use super::live::Live;
use super::mix_table::MixTable;
use super::panel::{editor_filtered_out, InputFilter, Panel};
use super::persistence::{self, ShareLink};
use super::preset_picker::{PresetInfo, PresetPicker};
use super::pricing_select::PricingSelect;
use super::resilience::{ResilienceControls, ResilienceSection};
use super::schedule_fields::ScheduleFields;
use super::state::{ScenarioState, Theme};
use super::summary::Summary;
use super::training::{TrainingControls, TrainingSection};
use super::uncertainty::{UncertaintyControls, UncertaintySection};
use crate::charts;
use crate::model::inputs::Group;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const THEME_KEY: &str = "deal-explorer.theme";

/// The explorer.
#[component]
pub fn App() -> impl IntoView {
    let (start, notice) = persistence::initial_scenario();
    // The baseline for "modified" markers is the preset the scenario was started from.
    let preset = crate::model::presets::of(&start).scenario();
    let state = ScenarioState::new(start, preset, initial_theme());
    provide_context(state);
    let library_notice = super::library::provide();
    state.notice.set(match (notice, library_notice) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    });
    persistence::sync(state);
    let sim = super::uncertainty::provide();
    super::live::provide();

    // Sync the theme with the document and remember the choice.
    Effect::new(move |_| {
        let theme = state.theme.get();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            root.set_attribute("data-theme", theme.name()).ok();
        }
    });
    // Paper is white: a dark page prints in the light theme (the charts redraw with it before the
    // page is laid out for print) and goes back afterwards. The choice stored is not touched.
    // The printed page says when it was printed: a board pack is read weeks later.
    let printed_on = RwSignal::new(String::new());
    // And the scenario's permanent link as it is then (a board pack is opened again later).
    let printed_link = RwSignal::new(String::new());
    let printing = RwSignal::new(false);
    provide_context(super::chart::Printing(printing));
    super::changes::Changed::provide(state);
    if let Some(window) = web_sys::window() {
        let dark_before_print = StoredValue::new(false);
        let before = gloo::events::EventListener::new(&window, "beforeprint", move |_| {
            printed_on.set(today());
            printed_link.set(state.last_good.with_untracked(super::persistence::share_url));
            printing.set(true);
            if state.theme.get_untracked() == Theme::Dark {
                dark_before_print.set_value(true);
                state.theme.set(Theme::Light);
            }
        });
        let after = gloo::events::EventListener::new(&window, "afterprint", move |_| {
            printing.set(false);
            if dark_before_print.get_value() {
                dark_before_print.set_value(false);
                state.theme.set(Theme::Dark);
            }
        });
        let keep = send_wrapper::SendWrapper::new((before, after));
        on_cleanup(move || drop(keep));
    }
    let toggle_theme = move |_| {
        let next = match state.theme.get_untracked() {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        };
        state.theme.set(next);
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            storage.set_item(THEME_KEY, next.name()).ok();
        }
    };

    // Undo/redo from the keyboard, anywhere on the page. A field being typed in is blurred first
    // so its text shows the restored value. The up and down arrows step the number boxes other
    // than `NumberField`'s (table cells, list rows, distribution parameters), which step
    // themselves.
    if let Some(window) = web_sys::window() {
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let keys = gloo::events::EventListener::new_with_options(&window, "keydown", options, move |ev| {
            use wasm_bindgen::JsCast;
            let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            state.history.update_untracked(|h| h.stepping = true);
            super::number_field::step_box(ev);
            state.history.update_untracked(|h| h.stepping = false);
            let key = ev.key().to_ascii_lowercase();
            let command = ev.ctrl_key() || ev.meta_key();
            let redo = command && ((key == "z" && ev.shift_key()) || key == "y");
            let undo = command && key == "z" && !ev.shift_key();
            if !(undo || redo) {
                return;
            }
            ev.prevent_default();
            if let Some(active) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                active.blur().ok();
            }
            if redo {
                state.redo();
            } else {
                state.undo();
            }
        });
        // A gesture ends when a control commits its value (`change`: a field left or Enter, a
        // slider let go, a choice made) or an up or down arrow key (which step a field) is
        // released: the next edit of the same field is an undo step of its own, and a held
        // arrow key one step.
        let capture = gloo::events::EventListenerOptions::run_in_capture_phase();
        let seal = move |_: &web_sys::Event| state.seal();
        let committed = gloo::events::EventListener::new_with_options(&window, "change", capture, seal);
        let released = gloo::events::EventListener::new_with_options(&window, "keyup", capture, move |ev| {
            use wasm_bindgen::JsCast;
            if ev
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| matches!(k.key().as_str(), "ArrowUp" | "ArrowDown"))
            {
                state.seal();
            }
        });
        let keep = send_wrapper::SendWrapper::new((keys, committed, released));
        on_cleanup(move || drop(keep));
    }

    let spend = Memo::new(move |_| state.report.with(|r| charts::contract::cumulative_spend(&r.contract)));
    let unit = Memo::new(move |_| state.report.with(|r| charts::alternatives::unit_cost(&r.alternatives)));
    let invalid = move || !state.errors.with(Vec::is_empty);
    // Built after the first paint, in two tasks: the sidebar's lower panels, then the page's
    // lower sections (not in the printed summary, which shows the two charts above them).
    let (side_rest, main_rest) = (NodeRef::new(), NodeRef::new());
    fill_after_first_paint(side_rest, move || {
        view! {
            <Panel group=Group::Energy open_sections=1 children_match=site_editor_matches><EnergySites /></Panel>
            <Panel group=Group::Training open_sections=2><TrainingControls /></Panel>
            <Panel group=Group::Alternatives open_sections=1 />
            <section class="panel" aria-label="Uncertainty" class:filtered-out=editor_filtered_out("Uncertainty")>
                <h2 class="panel-title">"Uncertainty"</h2>
                <UncertaintyControls />
            </section>
            <section class="panel" aria-label="Resilience" class:filtered-out=editor_filtered_out("Resilience")>
                <h2 class="panel-title">"Resilience"</h2>
                <ResilienceControls />
            </section>
        }
    });
    fill_after_first_paint(main_rest, move || {
        view! {
            <Live>
                <ReportChart spec=|r| charts::contract::exit_cost(&r.contract) />
                <ReportChart spec=|r| charts::alternatives::cumulative_cost(&r.alternatives, &r.contract) />
            </Live>
            <Live>
                <DatacenterKpis />
                <ReportChart spec=|r| charts::datacenter::power_stack(&r.datacenter) />
                <ReportChart spec=|r| charts::datacenter::build_out(&r.datacenter) />
                <ReportChart spec=|r| charts::datacenter::capex(&r.datacenter) />
            </Live>
            <Live><EnergySection /></Live>
            <Live><ResilienceSection /></Live>
            <Live><TrainingSection /></Live>
            <Live><DecideSection /></Live>
        }
    });

    view! {
        // Keyboard users start in the header; the inputs come next in the page's order, ~200
        // stops before the first result.
        <button type="button" class="skip-link" on:click=move |_| jump_to("main")>"Skip to the results"</button>
        // Read with every select whose choice acts (`ui::action_select`).
        <p class="visually-hidden" id=super::action_select::HINT_ID>"Arrow keys show the choices; Enter applies the one shown."</p>
        <header class="app-header">
            <div class="brand">
                <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="7" fill="#0b3d5c"/>
                    <path d="M7 23V13m6 10V9m6 14v-7m6 7V6" stroke="#56b4e9" stroke-width="3" stroke-linecap="round"/>
                </svg>
                <div>
                    <h1>"Deal & Infrastructure Explorer"</h1>
                    // "(edited)" is its own box: a long name is cut with an ellipsis, never the mark.
                    <p class="scenario-name">
                        <span class="name">{move || state.scenario.with(|s| s.name.clone())}</span>
                        {move || state.scenario.with(|s| state.preset.with(|p| super::changes::edited_preset(s, p)))
                            .then(|| view! { <span class="edited">" (edited)"</span> })}
                    </p>
                    // On paper: the date, the scenario itself for whoever reads the page later (its
                    // permanent link, one line: cut on paper, whole in a PDF), and what the cards'
                    // simulated lines are, where the line has room.
                    {move || printed_on.with(|d| (!d.is_empty()).then(|| {
                        let url = printed_link.get();
                        view! {
                            <p class="printed-on printed-link">{format!("Printed {d} · this scenario (a link in a PDF): ")}<a href=url.clone()>{url.clone()}</a></p>
                            {super::kpis::spread_caption(sim).map(|c| view! { <p class="printed-on printed-caption">{c}</p> })}
                        }
                    }))}
                </div>
            </div>
            <div class="header-actions">
                <PresetPicker />
                <ScenariosMenu />
                <button type="button" class="button" id="undo" on:click=move |_| state.undo()
                    disabled=move || !state.history.with(History::can_undo) title="Undo (Ctrl+Z / ⌘Z)">"Undo"</button>
                <button type="button" class="button" id="redo" on:click=move |_| state.redo()
                    disabled=move || !state.history.with(History::can_redo) title="Redo (Shift+Ctrl+Z / ⇧⌘Z)">"Redo"</button>
                <ShareLink />
                <button type="button" class="button" id="print" title="A one-page summary for the board (or save it as PDF)"
                    on:click=move |_| { if let Some(w) = web_sys::window() { w.print().ok(); } }>"Print summary"</button>
                <button type="button" class="button" id="theme-toggle" on:click=toggle_theme
                    aria-label=move || format!("Switch to {} theme", if state.theme.get() == Theme::Light { "dark" } else { "light" })>
                    {move || if state.theme.get() == Theme::Light { "Dark theme" } else { "Light theme" }}
                </button>
            </div>
        </header>
        <div class="layout">
            <aside class="sidebar" aria-label="Inputs" id="inputs" tabindex="-1">
                <InputFilter />
                <Panel group=Group::Contract open_sections=2><PricingSelect /><ScheduleFields /></Panel>
                <section class="panel" aria-label="Hardware" class:filtered-out=editor_filtered_out("Hardware")>
                    <h2 class="panel-title">"Hardware"</h2>
                    <MixTable />
                    <CatalogTable />
                </section>
                <Panel group=Group::Datacenter open_sections=2><CoolingSelect /></Panel>
                // Below the fold: built after the first paint (one task for the sidebar's rest, one
                // for the page's; finer tasks were measured to delay the whole page by ~60 ms
                // without shortening the longest task).
                <div class="after-first-paint" node_ref=side_rest></div>
            </aside>
            <main class="content" id="main" tabindex="-1">
                // On a phone the results come first and the inputs after them, far down.
                <button type="button" class="link-button jump-inputs" on:click=move |_| jump_to("inputs")>"Go to the inputs ↓"</button>
                {move || state.notice.get().map(|n| view! {
                    <div class="banner warning" role="alert" data-testid="notice">
                        {n}
                        <button type="button" class="link-button" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
                    </div>
                })}
                <Show when=invalid>
                    <div class="banner warning stale" role="status">
                        "Some inputs are invalid: the figures shown are from the last valid scenario. "
                        {move || state.errors.with(|e| e.first().map(|first| {
                            let field = first.field.clone();
                            let more = if e.len() > 1 { format!(" (and {} more)", e.len() - 1) } else { String::new() };
                            view! {
                                <span class="stale-first">{format!("{}{more}. ", first.message)}</span>
                                <button type="button" class="link-button" id="go-to-invalid" on:click=move |_| {
                                    // A sidebar filter could be hiding it: clear the filter, then go once it is shown.
                                    let field = field.clone();
                                    if state.filter.with_untracked(String::is_empty) {
                                        go_to_field(&field);
                                    } else {
                                        state.filter.set(String::new());
                                        gloo::timers::callback::Timeout::new(0, move || go_to_field(&field)).forget();
                                    }
                                }>"Go to the field"</button>
                            }
                        }))}
                    </div>
                </Show>
                <PresetInfo />
                <CompareSection />
                <KpiStrip />
                <Summary />
                <Changes />
                <UncertaintySection />
                <Chart spec=spend />
                // Not printed: these follow edits in idle time while off the screen (`ui::live`).
                <Live>
                    <ReportChart spec=|r| charts::contract::cash_flow(&r.contract) />
                    <ReportChart spec=|r| charts::contract::capacity(&r.contract) />
                    <ComparisonTable />
                </Live>
                <Chart spec=unit />
                // Below the fold, and not in the printed summary (which shows the two charts above).
                <div class="after-first-paint" node_ref=main_rest></div>
            </main>
        </div>
        <footer class="app-footer">
            "Runs entirely in your browser: nothing you enter leaves this page. Figures are public estimates; every default shows its source."
        </footer>
    }
}

/// A chart of the report as its section sees it (`ui::live`).
#[component]
fn ReportChart(spec: fn(&crate::model::Report) -> crate::charts::spec::ChartSpec) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let spec = Memo::new(move |_| state.report.with(|r| spec(r)));
    view! { <Chart spec /> }
}

/// Builds `view` into `target` once the page has painted: the sections below the fold (and the
/// sidebar's lower panels) are built then, so what is above the fold (the header, the first
/// inputs, the KPIs and the first charts) is on screen before the rest of the page is built
/// (issue 12: time to the first KPI). The view is built once and never rebuilt (so no rebuild
/// code is generated for it), under the calling component's owner (its contexts and cleanup).
/// The wrapper takes no part in the layout (`display: contents`) and carries `data-mounted` once
/// filled and `data-laid-out` once the browser has laid that out.
fn fill_after_first_paint<V: Render + 'static>(target: NodeRef<Div>, view: impl FnOnce() -> V + 'static) {
    let owner = Owner::current();
    let fill = move || {
        let Some(element) = target.try_get_untracked().flatten() else { return };
        let build = move || {
            let mut state = view().build();
            state.mount(&element, None);
            element.set_attribute("data-mounted", "").ok();
            // After the next frame's layout the browser has noted every new box's size: the
            // style sheet may then let it skip the ones off the screen (`content-visibility`).
            super::live::after_next_layout(move || {
                element.set_attribute("data-laid-out", "").ok();
            });
            state
        };
        // Mounted for the page's lifetime, like the rest of the app.
        std::mem::forget(match owner {
            Some(owner) => owner.with(build),
            None => build(),
        });
    };
    // The next animation frame comes before the first paint; a task queued from it runs after.
    // A hidden page (a background tab) has no animation frames: a timer fills it anyway.
    let once = Rc::new(Cell::new(Some(fill)));
    let later = once.clone();
    let after_paint = Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, move || later.take().map_or((), |fill| fill())).forget();
    });
    if let Some(window) = web_sys::window() {
        window.request_animation_frame(after_paint.unchecked_ref()).ok();
    }
    gloo::timers::callback::Timeout::new(1000, move || once.take().map_or((), |fill| fill())).forget();
}

fn initial_theme() -> Theme {
    let window = web_sys::window();
    let stored = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten());
    match stored.as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ => {
            let dark = window
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches());
            if dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        }
    }
}

/// Scrolls to the element with id `id` and focuses it (the skip link and the phone's jump to the
/// inputs; a link to `#id` would rewrite the address, which holds the scenario).
fn jump_to(id: &str) {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    el.scroll_into_view();
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        el.focus().ok();
    }
}

/// Brings the field `path` (a scenario path as validation names it) into view and focuses it: the
/// input tagged with it, else the field block, else the nearest enclosing path that has one
/// (`hardware.mix.2.share` → `hardware.mix`), opening any collapsed section around it.
fn go_to_field(path: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let mut at = path;
    let found = loop {
        let selector = format!("[data-input=\"{at}\"], [data-field=\"{at}\"]");
        if let Ok(Some(el)) = doc.query_selector(&selector) {
            break Some(el);
        }
        match at.rsplit_once('.') {
            Some((parent, _)) => at = parent,
            None => break None,
        }
    };
    let Some(el) = found else { return };
    let mut up = el.parent_element();
    while let Some(node) = up {
        if let Ok(details) = node.clone().dyn_into::<web_sys::HtmlDetailsElement>() {
            details.set_open(true);
        }
        up = node.parent_element();
    }
    // The field's typing box, not its slider (which keyboard users reach through the box).
    let controls = "input:not([type=range]), select, textarea";
    let target = el
        .matches(controls)
        .ok()
        .filter(|m| *m)
        .map(|_| el.clone())
        .or_else(|| el.query_selector(controls).ok().flatten());
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    if let Some(input) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        input.focus().ok();
    }
}

/// Today's date in the browser's time zone, e.g. "30 Nov 2026" (no ambiguous day/month order).
fn today() -> String {
    use crate::model::calendar::YearMonth;
    let d = js_sys::Date::new_0();
    let month = i32::try_from(d.get_full_year())
        .ok()
        .zip(u8::try_from(d.get_month() + 1).ok())
        .and_then(|(year, month)| YearMonth::new(year, month));
    format!("{} {}", d.get_date(), month.map(YearMonth::label).unwrap_or_default())
}
