//! Decision tools: goal seek ("which ramp delay makes the deal cost as much as its best
//! alternative?") and the break-even map (one KPI over two inputs, the break-even contour drawn).
//! Both run in their own worker pools ([`super::workers`]) so the page never waits on them, and
//! restart on every valid edit while the section is on screen. The goal seek's first question is
//! answered in the page's first idle period instead (one solve on the main thread), so its card
//! has its full height before it is seen.

use super::chart::{watch_in_view, ExportButtons, MaybeChart};
use super::state::ScenarioState;
use super::workers::{self, get, now, set, LazyPool};
use crate::charts;
use crate::charts::heatmap::{MapGeometry, MapSpec};
use crate::charts::uncertainty::format_of;
use crate::format;
use crate::model::decide::{self, Axis, Goal, Map, Solution};
use crate::model::fields::{self, Field};
use crate::model::inputs::{in_unit, range_in_unit};
use crate::model::kpis::{kpi, Kpi, KPIS};
use crate::model::{codec, FieldError, Scenario};
use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use std::cell::RefCell;
use std::rc::Rc;

/// Map resolutions offered (cells per side).
const RESOLUTIONS: [usize; 4] = [12, 20, 30, 40];
/// Map height in CSS px.
const MAP_HEIGHT: f64 = 360.0;

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The input picker's options: every field of `s` (the registry's inputs, each site's energy
/// sources, the catalog entries in the mix) grouped by panel or site, as HTML (one string
/// instead of a reactive node per option).
fn input_options(s: &Scenario) -> String {
    let mut html = String::new();
    let mut group = String::new();
    // A seed picks a draw of weather and outages: no value of it is an answer to seek or map.
    for f in fields::fields(s).into_iter().filter(|f| f.id != "energy.seed") {
        if f.group != group {
            if !group.is_empty() {
                html.push_str("</optgroup>");
            }
            group.clone_from(&f.group);
            html.push_str("<optgroup label=\"");
            html.push_str(&escape(&group));
            html.push_str("\">");
        }
        // No unit that only repeats the label ("Sites (sites)") or says nothing ("ratio").
        let text = crate::model::fields::labelled(&f.label, f.unit);
        // Listed, so a kept choice still shows, but marked: seeking it is refused.
        // Short, so a narrow picker still shows it.
        let text = if f.applies(s) { text } else { format!("{} (not used)", f.label) };
        html.push_str(&option(&f.id, &text));
    }
    html.push_str("</optgroup>");
    html
}

/// The field `id` of the last valid scenario.
fn field_of(state: ScenarioState, id: &str) -> Option<Field> {
    state.last_good.with(|s| fields::field(s, id))
}

/// One `<option>`.
fn option(value: &str, text: &str) -> String {
    ["<option value=\"", value, "\">", &escape(text), "</option>"].concat()
}

/// The KPI picker's options, as HTML.
fn kpi_options() -> String {
    KPIS.iter().map(|k| option(k.id, k.label)).collect()
}

/// The map resolutions, as HTML options.
fn resolution_options() -> String {
    RESOLUTIONS.iter().map(|n| option(&n.to_string(), &format!("{n} × {n}"))).collect()
}

/// A labelled picker over prebuilt `options` HTML, bound to `value`.
#[component]
fn Picker(
    id: &'static str,
    label: &'static str,
    #[prop(into)] options: Signal<String>,
    value: RwSignal<String>,
    /// Picked when the current value leaves the list (a removed source or site).
    fallback: &'static str,
) -> impl IntoView {
    Effect::new(move |_| {
        let missing = options.with(|o| value.with(|v| !o.contains(&format!("value=\"{}\"", escape(v)))));
        if missing {
            value.set(fallback.to_owned());
        }
    });
    // The value is set again whenever the options are rebuilt (a new list resets the select).
    view! {
        <label class="decide-field pick">
            <span>{label}</span>
            <select id=id inner_html=move || options.get() prop:value=move || { options.track(); value.get() }
                on:change=move |ev| value.set(event_target_value(&ev))></select>
        </label>
    }
}

/// A number typed in `unit`s (model value = typed × scale), or as the cards write it ("$350M",
/// "8.5B"), as the uncertainty threshold reads it; `None` means "not a number".
fn typed(text: &str, scale: f64) -> Option<f64> {
    super::number_field::amount(text, scale)
}

/// The default level or target for a KPI: 0 for a premium (break-even), else its current value.
fn default_level(k: &Kpi, current: f64) -> String {
    if k.id.starts_with("premium") || k.id == "vs-best-alternative" || !current.is_finite() {
        "0".to_owned()
    } else {
        format::significant(current / k.unit.entry().1, 4)
    }
}

/// Sets `text` to the KPI's natural level or target (see [`default_level`]) whenever the KPI
/// picked changes (not when first shown).
fn follow_kpi(kpi_id: RwSignal<String>, text: RwSignal<String>, state: ScenarioState) {
    Effect::new(move |prev: Option<String>| {
        let id = kpi_id.get();
        if prev.is_some_and(|p| p != id) {
            if let Some((_, k)) = kpi(&id) {
                text.set(default_level(k, state.report.with_untracked(|r| (k.value)(r))));
            }
        }
        id
    });
}

/// The message for a typed `what` (target, level) that is not a number.
fn number_error(text: &str, what: &str, k: Option<&Kpi>) -> Option<String> {
    let unit = k.map_or("", |k| k.unit.entry().0);
    typed(text, 1.0)
        .is_none()
        .then(|| format!("Type the {what} as a number in {unit}, or as the cards write it ($350M, 8.5B)"))
}

/// A number typed in the picked KPI's entry unit (a target, a level), with its message.
#[component]
fn KpiNumber(
    id: &'static str,
    label: &'static str,
    text: RwSignal<String>,
    kpi_id: RwSignal<String>,
) -> impl IntoView {
    let k = move || kpi(&kpi_id.get()).map(|(_, k)| k);
    let error = move || number_error(&text.get(), &label.to_ascii_lowercase(), k());
    let error_id = format!("{id}-error");
    view! {
        <label class="decide-field" class:invalid=move || error().is_some()>
            <span>{label} " " <small class="unit">{move || k().map_or("", |k| k.unit.entry().0)}</small></span>
            <input type="text" inputmode="decimal" class="num" id=id aria-describedby=error_id.clone()
                aria-invalid=move || error().is_some().to_string()
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
            <span class="error" id=error_id role="alert">{error}</span>
        </label>
    }
}

/// Both tools.
#[component]
pub fn DecideSection() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let frame = NodeRef::<Div>::new();
    let (in_view, _) = watch_in_view(frame);
    // Sites, sources and the mix change which fields there are; the pickers follow.
    let options = Memo::new(move |_| state.last_good.with(input_options));
    view! {
        <section class="decide" id="decide" aria-labelledby="decide-title">
            <h2 id="decide-title" class="section-heading">"Decision tools"</h2>
            <div class="decide-body" node_ref=frame data-in-view=move || in_view.get().to_string()>
                <GoalSeek in_view=in_view options=options />
                <BreakEvenMap in_view=in_view options=options />
            </div>
        </section>
    }
}

/// What the goal seek shows: a solution, the goal's problems, or nothing yet.
#[derive(Clone, PartialEq)]
enum Seek {
    Idle,
    Running,
    /// An answer, with the scenario it was solved on.
    Done(Goal, Solution, Box<Scenario>),
    Failed(String),
}

#[component]
fn GoalSeek(in_view: RwSignal<bool>, options: Memo<String>) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let input = RwSignal::new("contract.monthly_commitment".to_owned());
    let kpi_id = RwSignal::new("vs-best-alternative".to_owned());
    let target = RwSignal::new("0".to_owned());
    let result = RwSignal::new(Seek::Idle);
    // The last answer, shown again when a newer question is withdrawn (bad target, scrolled away).
    let last_done = StoredValue::new(None::<Seek>);
    let runs = RwSignal::new(0u32);
    let pending = Rc::new(RefCell::new(None::<(Goal, Box<Scenario>)>));
    // Whether any question has been answered (the first is asked in the page's first idle period
    // until one has: one asked on the screen before it, then cancelled by scrolling away, left
    // no answer).
    let answered = StoredValue::new(false);
    let show = move |seek: Seek| {
        if matches!(seek, Seek::Done(..)) {
            last_done.set_value(Some(seek.clone()));
        }
        answered.set_value(true);
        result.set(seek);
    };
    let pool = {
        let pending = pending.clone();
        workers::lazy_pool(1, move |d| {
            if let Some(e) = get(d, "error").as_string() {
                result.set(Seek::Failed(format!("the goal seek could not run: {e}")));
                return;
            }
            let asked = pending.borrow().clone();
            let text = get(d, "result").as_string().unwrap_or_default();
            show(seek_of(asked, serde_json::from_str(&text).map_err(|e| e.to_string())));
        })
    };
    let k = move || kpi(&kpi_id.get()).map(|(_, k)| k);
    // A new KPI brings its natural target.
    follow_kpi(kpi_id, target, state);
    {
        let pool = pool.clone();
        // What was last sent, so scrolling back to an unchanged question does not ask it again.
        let submitted = StoredValue::new(None::<String>);
        let stop = move |pool: &LazyPool| {
            pool.cancel();
            submitted.set_value(None);
            if result.get_untracked() == Seek::Running {
                result.set(last_done.get_value().unwrap_or(Seek::Idle));
            }
        };
        // The first question does not wait to be seen: it is asked in the page's first idle
        // period, so the card has its answer and its chart (and its full height) before anyone
        // scrolls to it. Coming into view without them, it grew by 412 px under the reader.
        // Later questions are asked only on the screen.
        let primed = RwSignal::new(false);
        super::live::when_idle(move || primed.set(true));
        Effect::new(move |_| {
            let first = primed.get() && !answered.get_value();
            if !(in_view.get() || first) {
                stop(&pool);
                return;
            }
            let scenario = state.last_good.get();
            let (Some(k), Some(t)) = (k(), typed(&target.get(), k().map_or(1.0, |k| k.unit.entry().1)))
            else {
                stop(&pool);
                return;
            };
            let goal = Goal { input: input.get(), kpi: k.id.to_owned(), target: t, from: None, to: None };
            let scenario_text = codec::to_value(&scenario).to_string();
            let goal_text = serde_json::to_string(&goal).unwrap_or_default();
            let key = format!("{scenario_text}{goal_text}");
            if submitted.with_value(|s| s.as_deref() == Some(key.as_str())) {
                return;
            }
            submitted.set_value(Some(key));
            runs.update(|n| *n += 1);
            if !in_view.get_untracked() {
                // The first question, off the screen: answered here, in the idle period (one
                // solve, ~35 evaluations), where a worker would first take ~0.3 s to start.
                let answer = decide::solve(&scenario, &goal);
                show(seek_of(Some((goal, Box::new(scenario))), Ok(answer)));
                return;
            }
            let job =
                workers::call("solve", "decide_solve", &[scenario_text.into(), goal_text.into()], "result");
            *pending.borrow_mut() = Some((goal, Box::new(scenario)));
            result.set(Seek::Running);
            if let Err(e) = pool.restart(vec![job]) {
                result.set(Seek::Failed(format!("the goal seek cannot run in this browser: {e}")));
            }
        });
    }
    let apply = move |_| {
        if let Seek::Done(g, sol, on) = result.get_untracked() {
            // Only onto the scenario it was solved on (not one edited since, before it is asked again).
            if !state.scenario.with_untracked(|s| *s == *on) {
                return;
            }
            if let (Some(spec), Some(v)) = (field_of(state, &g.input), sol.value) {
                state.edit(|s| spec.set(s, v));
                // The button is disabled while the new question is solved: keep the keyboard in
                // the card.
                super::popover::focus_later("goal-seek");
            }
        }
    };
    // What an answer says: its status, its words, its value for the question the fields ask,
    // and whether that value may be applied (solved on the scenario as it is now).
    let said = move |seek: Seek| match seek {
        Seek::Idle => ("idle", "Scroll here to solve.".to_owned(), None, false),
        Seek::Running => ("running", "Solving…".to_owned(), None, false),
        Seek::Failed(e) => ("failed", e, None, false),
        Seek::Done(g, sol, on) => {
            let (Some(spec), Some((_, k))) = (field_of(state, &g.input), kpi(&g.kpi)) else {
                return ("failed", "unknown input or result".to_owned(), None, false);
            };
            // An answer for the scenario before the latest edit (the section catching up, or
            // shown again while off the screen) is not offered to apply (its button disabled);
            // nor is one to another question than the fields now ask (a bad target keeps the
            // last answer on screen, without the button).
            let current = state.scenario.with(|s| *s == *on);
            let asked = input.with(|i| *i == g.input)
                && kpi_id.with(|i| *i == g.kpi)
                && typed(&target.get(), k.unit.entry().1) == Some(g.target);
            let text = describe(&g, &sol, &spec, k);
            let status = if sol.value.is_some() {
                "solved"
            } else if met_at_end(&sol, format_of(k.unit), g.target).is_some() {
                "nearest"
            } else {
                "unreachable"
            };
            (
                status,
                if asked { text } else { format!("Last answer, to the question before: {text}") },
                sol.value.filter(|_| asked),
                current,
            )
        }
    };
    // What the answer line says: a memo, read by the line's parts in place (see the view).
    // While a new question is solved the last answer stays, with its button disabled, so the
    // card keeps its size: "Solving…" alone, without the button and with the scan's chart
    // hidden meanwhile, it shrank by 412 px at every edit, moving the map below up and down.
    let answer = Memo::new(move |_| match (result.get(), last_done.get_value()) {
        (Seek::Running, Some(done)) => {
            let (_, text, value, _) = said(done);
            ("running", text, value, false)
        }
        (seek, _) => said(seek),
    });
    let scan = Memo::new(move |kept: Option<&Option<charts::spec::ChartSpec>>| match result.get() {
        Seek::Done(g, sol, _) => {
            let spec = field_of(state, &g.input)?;
            let (_, k) = kpi(&g.kpi)?;
            Some(charts::decide::goal_scan(&sol, &spec, k, g.target, format_of(k.unit)))
        }
        Seek::Running => kept.cloned().flatten(),
        _ => None,
    });
    let has_value = Memo::new(move |_| answer.with(|a| a.2.is_some()));
    // The value offered to apply.
    let offered = Memo::new(move |_| answer.with(|a| a.2.filter(|_| a.3)));
    let current = move || {
        let spec = field_of(state, &input.get())?;
        // As the field shows it (an applied answer's exact value would read "1.384246").
        Some(format!(
            "now {}",
            in_unit(
                &super::number_field::shown_text(state.last_good.with(|s| spec.shown(s)), spec.step),
                spec.unit
            )
        ))
    };
    view! {
        <div class="card decide-card" id="goal-seek" tabindex="-1">
            <h3 class="chart-title">"Goal seek"</h3>
            <p class="muted">"Which value of one input makes a result hit a target? The search scans the input's slider range, and its whole valid range when no value on the slider reaches the target."</p>
            <div class="decide-controls">
                <Picker id="goal-input" label="Solve for" options=options value=input fallback="contract.monthly_commitment" />
                <Picker id="goal-kpi" label="Result" options=kpi_options() value=kpi_id fallback="vs-best-alternative" />
                <KpiNumber id="goal-target" label="Target" text=target kpi_id=kpi_id />
            </div>
            // The line and the scan's chart stay and change in place: rebuilt with every answer
            // (each edit asks again), they grew the wasm memory by ~250 B an edit, never given
            // back (`tests/e2e/memory.mjs`, the section on screen; see `MaybeChart`).
            <div class="goal-answer" id="goal-result" data-status=move || answer.with(|a| a.0) data-run=move || runs.get()
                data-value=move || offered.get().map(|v| v.to_string()).unwrap_or_default() role="status">
                <span>{move || answer.with(|a| a.1.clone())}</span>
                <span class="muted">{current}</span>
                {move || has_value.get().then(|| view! {
                    <button type="button" class="button" id="goal-apply" disabled=move || offered.with(Option::is_none)
                        title=move || offered.with(Option::is_none).then(|| if result.with(|r| *r == Seek::Running) {
                            "Solving again for your latest edit…"
                        } else {
                            "Answered before your latest edit, so not for the scenario as it is now"
                        })
                        on:click=apply>"Use this value"</button>
                })}
            </div>
            <MaybeChart spec=scan />
        </div>
    }
}

/// What the goal seek shows for an answer to the question `asked` (a goal and the scenario it
/// was asked on), or for an answer that could not be read.
fn seek_of(
    asked: Option<(Goal, Box<Scenario>)>,
    answer: Result<Result<Solution, Vec<FieldError>>, String>,
) -> Seek {
    match (asked, answer) {
        (Some((g, on)), Ok(Ok(sol))) => Seek::Done(g, sol, on),
        // The goal's own fields are the pickers beside the answer: their messages stand alone
        // ("input: …" would only repeat where they are).
        (_, Ok(Err(problems))) => Seek::Failed(
            problems
                .iter()
                .map(|p| {
                    if ["input", "kpi", "target"].contains(&p.field.as_str()) {
                        p.message.clone()
                    } else {
                        p.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (_, Err(e)) => Seek::Failed(format!("the answer could not be read: {e}")),
        (None, _) => Seek::Idle,
    }
}

/// Where an unreachable target reads as the result's lowest or highest value over the scan (a
/// current value typed rounded, at the range's end): that point, input and result. It is met
/// there to the digits shown: "no value reaches $5.29 … stays between $5.29 and …" read as a
/// contradiction.
fn met_at_end(sol: &Solution, f: charts::spec::ValueFormat, target: f64) -> Option<(f64, f64)> {
    let (lo, hi) = sol.kpi_range();
    // The end on the target's side.
    let end = if target < lo { lo } else { hi };
    if f.format(end) != f.format(target) {
        return None;
    }
    sol.scan.iter().find(|p| p[1] == end).map(|p| (p[0], p[1]))
}

/// The goal seek's answer in words.
fn describe(g: &Goal, sol: &Solution, spec: &Field, k: &Kpi) -> String {
    let f = format_of(k.unit);
    // Four significant digits: "$294.2M / month", not "0.294187" (applying uses the exact value).
    let shown = |v: f64| in_unit(&format::significant(v / spec.scale, 4), spec.unit);
    let target = f.format(g.target);
    let Some(v) = sol.value else {
        let (lo, hi) = sol.kpi_range();
        let (from, to) =
            (sol.scan.first().map_or(f64::NAN, |p| p[0]), sol.scan.last().map_or(f64::NAN, |p| p[0]));
        if !lo.is_finite() {
            return format!("No value of “{}” gives a valid scenario.", spec.label);
        }
        let range = range_in_unit(
            &format::significant(from / spec.scale, 4),
            &format::significant(to / spec.scale, 4),
            " and ",
            spec.unit,
        );
        if let Some((x, end)) = met_at_end(sol, f, g.target) {
            return format!(
                "“{}” comes nearest {target} at {} = {}: {}, its {} between {range}.",
                k.label,
                spec.label,
                shown(x),
                f.format_to(end, f.digits_apart(&[end, g.target])),
                if end == lo { "lowest" } else { "highest" }
            );
        }
        // A result the input does not move says so, rather than "between 100 % and 100 %".
        if f.format(lo) == f.format(hi) {
            return format!(
                "No value of “{}” between {range} reaches {target}: “{}” stays at {}.",
                spec.label,
                k.label,
                f.format(lo)
            );
        }
        return format!(
            "No value of “{}” between {range} reaches {target}: “{}” stays between {} and {}.",
            spec.label,
            k.label,
            f.format(lo),
            f.format(hi)
        );
    };
    let shape = if sol.monotone {
        String::new()
    } else if sol.crossings > 1 {
        format!(
            " The result is not monotone over the range: {} values reach the target; this is the one nearest the current value.",
            sol.crossings
        )
    } else {
        " The result is not monotone over the range, but only this value reaches the target.".to_owned()
    };
    // Where the result reads as the target, the value brings it there; where it does not (a
    // whole-number input between two whole values, or a result that jumps, such as an SLA's
    // credit bands), say what the value gives instead.
    let reached = sol.kpi_value.unwrap_or(f64::NAN);
    if f.format(reached) == target {
        format!("{} = {} brings “{}” to {target}.{shape}", spec.label, shown(v), k.label)
    } else if spec.integer {
        format!(
            "No whole value of “{}” gives exactly {target}: {} is the first past it, at {}.{shape}",
            spec.label,
            shown(v),
            f.format(reached)
        )
    } else {
        format!(
            "No value of “{}” gives exactly {target}: “{}” jumps past it at {} = {}, to {}.{shape}",
            spec.label,
            k.label,
            spec.label,
            shown(v),
            f.format(reached)
        )
    }
}

#[component]
fn BreakEvenMap(in_view: RwSignal<bool>, options: Memo<String>) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let x_input = RwSignal::new("contract.ramp_delay_months".to_owned());
    let y_input = RwSignal::new("contract.monthly_commitment".to_owned());
    let kpi_id = RwSignal::new("premium-over-reserved-3yr".to_owned());
    let level = RwSignal::new("0".to_owned());
    let resolution = RwSignal::new(20usize);
    // The map being computed and its cells as they arrive.
    let map = RwSignal::new(None::<Map>);
    let cells = RwSignal::new(Vec::<f64>::new());
    let done = RwSignal::new(0usize);
    let runs = RwSignal::new(0u32);
    let failure = RwSignal::new(None::<String>);
    // When the map was asked for, and how long it took (ms) once complete.
    let started = StoredValue::new(0.0f64);
    let elapsed = RwSignal::new(0.0f64);
    // The blank cells of the last complete map on the grid shown (none yet on a new grid).
    let blanks = RwSignal::new(0usize);
    // The grid size the map shown was asked with (each axis takes that many values unless a
    // whole-number input has fewer).
    let built = StoredValue::new(0usize);
    let pool = workers::lazy_pool(workers::worker_count(), move |d| {
        // A row that failed says why and still counts as done (its cells stay "not computed"),
        // so the map finishes instead of waiting for it.
        if let Some(e) = get(d, "error").as_string() {
            failure.set(Some(format!("The map could not be computed: {e}")));
        }
        let start = get(d, "start").as_f64().unwrap_or(0.0) as usize;
        let row: Vec<f64> = js_sys::Float64Array::new(&get(d, "cells")).to_vec();
        cells.update(|c| {
            let at = start * row.len();
            if at + row.len() <= c.len() {
                c[at..at + row.len()].copy_from_slice(&row);
            }
        });
        done.update(|n| *n += 1);
        if map.with_untracked(|m| m.as_ref().is_some_and(|m| m.y.steps == done.get_untracked())) {
            elapsed.set(now() - started.get_value());
            blanks.set(cells.with_untracked(|c| c.iter().filter(|v| v.is_nan()).count()));
        }
    });
    let k = move || kpi(&kpi_id.get()).map(|(_, k)| k);
    follow_kpi(kpi_id, level, state);
    // Two inputs the map cannot put on its axes together, and why (the model refuses them too).
    let settings_error = move || -> Option<String> {
        let (x, y) = (field_of(state, &x_input.get())?, field_of(state, &y_input.get())?);
        if x.id == y.id {
            return Some("Pick two different inputs.".to_owned());
        }
        fields::clash(&x, &y).map(|(_, message)| format!("{message}."))
    };
    // The map the settings ask for, whatever the scenario: the inputs on its axes, and the grid.
    let plan = move || -> Option<(Field, Field, Map)> {
        let (xs, ys, k) = (field_of(state, &x_input.get())?, field_of(state, &y_input.get())?, k()?);
        let level = typed(&level.get(), k.unit.entry().1)?;
        // With a clash the pickers say why; a map still computing for the last valid pair finishes.
        if settings_error().is_some() {
            return None;
        }
        let n = resolution.get();
        let m =
            Map { x: Axis::over_slider(&xs, n), y: Axis::over_slider(&ys, n), kpi: k.id.to_owned(), level };
        Some((xs, ys, m))
    };
    {
        let pool = pool.clone();
        let submitted = StoredValue::new(None::<String>);
        Effect::new(move |_| {
            if !in_view.get() {
                // Leaving the screen mid-map stops it; a finished map stays as it is.
                if done.get_untracked() < map.with_untracked(|m| m.as_ref().map_or(0, |m| m.y.steps)) {
                    pool.cancel();
                    submitted.set_value(None);
                }
                return;
            }
            let scenario = state.last_good.get();
            let n = resolution.get();
            let Some((xs, ys, m)) = plan() else { return };
            // The cells depend on the scenario, the axes and the result, not on the level: a new
            // level redraws the contour and the colours over the cells there are. Nor on the
            // axes' own values in the scenario, which each cell sets: an edit of either (the
            // default map's ramp delay is the page's headline slider) moves only the ring. (A
            // reshaping input, the site count, changes other figures as it is set: kept.)
            let base = (!xs.reshapes() && !ys.reshapes()).then(|| {
                let mut b = scenario.clone();
                xs.set(&mut b, m.x.from);
                ys.set(&mut b, m.y.from);
                codec::to_value(&b).to_string()
            });
            // The scenario as the workers read it, written only when it is sent (or is the key).
            let text = base.is_none().then(|| codec::to_value(&scenario).to_string());
            let key = format!(
                "{}{}",
                base.as_deref().or(text.as_deref()).unwrap_or_default(),
                serde_json::to_string(&Map { level: 0.0, ..m.clone() }).unwrap_or_default()
            );
            if submitted.with_value(|s| s.as_deref() == Some(key.as_str())) {
                if map.with_untracked(|old| old.as_ref().is_some_and(|old| old.level != m.level)) {
                    map.set(Some(m));
                }
                return;
            }
            submitted.set_value(Some(key));
            let text = text.unwrap_or_else(|| codec::to_value(&scenario).to_string());
            let map_text = serde_json::to_string(&m).unwrap_or_default();
            // On the same grid (an edit of the scenario), the last map's cells stay until each
            // row's new ones arrive: cleared, the map went blank at every edit and filled in over
            // ~170 ms, flashing at every step of a drag.
            let same_grid = map.with_untracked(|old| {
                old.as_ref().is_some_and(|o| o.x == m.x && o.y == m.y && o.kpi == m.kpi)
            });
            // One job per row of the map as resolved (a whole-number input may have more or fewer
            // values than the grid setting).
            let jobs = (0..m.y.steps)
                .map(|row| {
                    let args =
                        [text.as_str().into(), map_text.as_str().into(), (row as u32).into(), 1u32.into()];
                    let job = workers::call("map", "decide_map", &args, "cells");
                    set(&job, "start", row as u32);
                    job
                })
                .collect();
            failure.set(None);
            elapsed.set(0.0);
            if !same_grid {
                cells.set(vec![f64::NAN; m.x.steps * m.y.steps]);
                blanks.set(0);
            }
            done.set(0);
            started.set_value(now());
            built.set_value(n);
            map.set(Some(m));
            runs.update(|r| *r += 1);
            if let Err(e) = pool.restart(jobs) {
                failure.set(Some(format!("The map cannot be computed in this browser: {e}")));
            }
        });
    }
    let spec = Memo::new(move |_| {
        let m = map.get()?;
        let r = state.last_good.with(|s| m.resolve(s)).ok()?;
        let (xs, ys) = (m.x.values(&r.x), m.y.values(&r.y));
        let current = state.last_good.with(|s| (r.x.get(s), r.y.get(s)));
        let inside = |v: f64, a: &Axis| v >= a.from.min(a.to) && v <= a.from.max(a.to);
        Some(MapSpec {
            xs: xs.iter().map(|v| v / r.x.scale).collect(),
            ys: ys.iter().map(|v| v / r.y.scale).collect(),
            cells: cells.get(),
            x_title: format!("{} ({})", r.x.label, r.x.unit),
            y_title: format!("{} ({})", r.y.label, r.y.unit),
            result: format!("{} ({})", r.kpi.label, r.kpi.unit.raw()),
            format: format_of(r.kpi.unit),
            level: m.level,
            current: (inside(current.0, &m.x) && inside(current.1, &m.y))
                .then(|| (current.0 / r.x.scale, current.1 / r.y.scale)),
        })
    });
    let status = move || {
        let total = map.with(|m| m.as_ref().map_or(0, |m| m.y.steps));
        let d = done.get();
        let text = if total == 0 {
            "Scroll here to draw the map.".to_owned()
        } else if d < total {
            format!("Computing row {} of {total}…", d + 1)
        } else {
            let (below, valid, all) = cells.with(|c| {
                let lv = map.with(|m| m.as_ref().map_or(0.0, |m| m.level));
                (c.iter().filter(|v| **v < lv).count(), c.iter().filter(|v| v.is_finite()).count(), c.len())
            });
            map.with(|m| {
                m.as_ref()
                    .map(|m| summary(state, m, built.get_value(), below, valid, all, elapsed.get() / 1000.0))
            })
            .unwrap_or_default()
        };
        (d, total, text)
    };
    // The status line keeps the height of the map's complete status from the start, in a hidden
    // copy under it with the widest figures: "Computing row 3 of 20…" and "Scroll here…" are one
    // line where the complete status takes two, and the map under it moved as each map ended.
    let room = move || {
        let (_, _, m) = plan()?;
        let all = m.x.steps * m.y.steps;
        // The last complete map's blanks, if it is on this grid.
        let same = map.with(|o| o.as_ref().is_some_and(|o| o.x == m.x && o.y == m.y));
        let blank = if same { blanks.get() } else { 0 };
        Some(summary(state, &m, resolution.get(), all, all - blank, all, 10.0))
    };
    view! {
        <div class="card decide-card" id="break-even">
            <h3 class="chart-title">"Break-even map"</h3>
            <p class="muted">"One result over two inputs (each across its slider's range); the contour line (in the text colour: dark on the light theme, light on the dark one) is where the result equals the level — for a premium, where the contract and the alternative cost the same. The ring marks the current scenario."</p>
            <div class="decide-controls">
                <Picker id="map-x" label="Across" options=options value=x_input fallback="contract.ramp_delay_months" />
                <Picker id="map-y" label="Up" options=options value=y_input fallback="contract.monthly_commitment" />
                <Picker id="map-kpi" label="Result" options=kpi_options() value=kpi_id fallback="premium-over-reserved-3yr" />
                <KpiNumber id="map-level" label="Level" text=level kpi_id=kpi_id />
                <label class="decide-field">
                    <span>"Grid"</span>
                    <select id="map-resolution" inner_html=resolution_options()
                        prop:value=move || resolution.get().to_string()
                        on:change=move |ev| resolution.set(event_target_value(&ev).parse().unwrap_or(20))></select>
                </label>
            </div>
            <p class="error" role="alert">{settings_error}</p>
            {move || failure.get().map(|f| view! { <div class="banner warning" role="alert">{f}</div> })}
            <p class="muted stack">
                <span id="map-status" data-ms=move || elapsed.get() data-map=move || map.with(|m| serde_json::to_string(m).unwrap_or_default()) data-done=move || status().0 data-total=move || status().1 data-run=move || runs.get()
                    data-blank=move || cells.with(|c| c.iter().filter(|v| v.is_nan()).count())>{move || status().2}</span>
                <span class="room" aria-hidden="true">{room}</span>
            </p>
            <MapCanvas spec=spec />
        </div>
    }
}

/// The status of a complete map `m` asked on an `n` × `n` grid (`secs` in seconds).
#[inline(never)]
fn summary(
    state: ScenarioState,
    m: &Map,
    n: usize,
    below: usize,
    valid: usize,
    all: usize,
    secs: f64,
) -> String {
    // Cells without a result (an invalid scenario, e.g. a delay as long as the term) are
    // left blank: say how many, so the count adds up to the grid.
    let blank = match all - valid {
        0 => String::new(),
        n => format!(
            " {n} {} no value (an invalid scenario, or a result it does not have) and {} blank.",
            if n == 1 { "has" } else { "have" },
            if n == 1 { "is" } else { "are" }
        ),
    };
    // A whole-number input with few values takes each of them, not the grid's count:
    // "380 of 380" under a 20 × 20 grid read as a miscount.
    let odd: Vec<String> = [(&m.x, "across"), (&m.y, "up")]
        .into_iter()
        .filter(|(a, _)| a.steps != n)
        .filter_map(|(a, side)| {
            let f = field_of(state, &a.input).filter(|f| f.integer)?;
            Some(format!("each of the {} whole values of {} {side}", a.steps, f.label))
        })
        .collect();
    let whole = if odd.is_empty() {
        String::new()
    } else {
        format!(" ({} × {}: {})", m.x.steps, m.y.steps, odd.join("; "))
    };
    format!(
        "{valid} of {all} scenarios{whole} evaluated in {secs:.1} s; {below} of them below the level (blue).{blank}"
    )
}

/// The map's canvas with a hover readout of the cell under the pointer.
#[component]
fn MapCanvas(spec: Memo<Option<MapSpec>>) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let canvas = NodeRef::<Canvas>::new();
    let frame = NodeRef::<Div>::new();
    let width = RwSignal::new(0.0f64);
    let geometry = StoredValue::new(None::<MapGeometry>);
    let hover = RwSignal::new(None::<(usize, usize, f64, f64)>);
    let segments = RwSignal::new(0usize);
    Effect::new(move |_| {
        let Some(el) = frame.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        width.set(f64::from(el.client_width()));
    });
    if let Some(window) = web_sys::window() {
        let resize = gloo::events::EventListener::new(&window, "resize", move |_| {
            if let Some(el) = frame.get_untracked() {
                let el: web_sys::HtmlElement = el.into();
                width.set(f64::from(el.client_width()));
            }
        });
        let keep = send_wrapper::SendWrapper::new(resize);
        on_cleanup(move || drop(keep));
    }
    Effect::new(move |_| {
        let (Some(canvas), w) = (canvas.get(), width.get()) else { return };
        if w < 10.0 {
            return;
        }
        spec.with(|s| {
            let Some(s) = s else { return };
            let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
            canvas.set_width((w * dpr).round() as u32);
            canvas.set_height((MAP_HEIGHT * dpr).round() as u32);
            let Some(backend) = super::canvas_backend::Backend::canvas(canvas) else { return };
            let area = backend.into_drawing_area();
            match state.theme.with(|t| charts::heatmap::draw(&area, s, t.chart(), dpr)) {
                Ok(g) => {
                    segments.set(g.segments);
                    geometry.set_value(Some(g.unscaled(dpr)));
                }
                Err(e) => leptos::logging::error!("map drawing failed: {e}"),
            }
        });
    });
    // A new map may have fewer cells than the one the pointer rests on.
    Effect::new(move |_| {
        spec.track();
        hover.set(None);
    });
    let on_move = move |ev: web_sys::MouseEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        hover.set(geometry.with_value(|g| g.and_then(|g| g.cell_at(x, y))).map(|(i, j)| (i, j, x, y)));
    };
    let tooltip = move || {
        let (i, j, x, y) = hover.get()?;
        spec.with(|s| {
            let s = s.as_ref()?;
            let (x_value, y_value) = (*s.xs.get(i)?, *s.ys.get(j)?);
            let v = *s.cells.get(j * s.xs.len() + i)?;
            let value = if v.is_finite() { s.format.format(v) } else { "not computed / invalid".to_owned() };
            // Beside the pointer, on the side of the map with room: the section clips what
            // overflows it (`content-visibility` contains its paint).
            let (left, up) = geometry.with_value(|g| {
                g.map_or((false, false), |g| (x > f64::midpoint(g.left, g.right), y > f64::midpoint(g.top, g.bottom)))
            });
            let shift = |back: bool| if back { "calc(-100% - 12px)" } else { "12px" };
            let place = format!("left:{x:.1}px;top:{y:.1}px;transform:translate({},{})", shift(left), shift(up));
            Some(view! {
                <div class="tooltip" role="status" id="map-tooltip" data-i=i data-j=j style=place>
                    <div class="tooltip-row"><span>{s.x_title.clone()}</span><strong>{crate::format::sig3(x_value)}</strong></div>
                    <div class="tooltip-row"><span>{s.y_title.clone()}</span><strong>{crate::format::sig3(y_value)}</strong></div>
                    <div class="tooltip-row"><span>{s.result.clone()}</span><strong data-value=v.to_string()>{value}</strong></div>
                </div>
            })
        })
    };
    let label = move || {
        spec.with(|s| match s {
            Some(s) => {
                let below = s.cells.iter().filter(|v| **v < s.level).count();
                let valid = s.cells.iter().filter(|v| v.is_finite()).count();
                format!(
                    "Break-even map over {} and {}: {below} of {valid} scenarios are below the level of {}",
                    s.x_title,
                    s.y_title,
                    s.format.format(s.level)
                )
            }
            None => "Break-even map, drawn when scrolled into view".to_owned(),
        })
    };
    let export = move |format: &'static str| {
        let name = charts::export::file_name("break-even-map", format);
        let saved = spec.with_untracked(|s| {
            let s = s.as_ref().ok_or_else(|| "the map is not computed yet".to_owned())?;
            match format {
                "png" => state.theme.with_untracked(|t| {
                    let t = t.chart();
                    let legend = charts::heatmap::legend(s, t);
                    let entries = legend.iter().map(|(c, n)| (*c, n.as_str())).collect();
                    let size = (width.get_untracked().max(320.0), MAP_HEIGHT);
                    super::export::save_png(
                        &name,
                        size,
                        t,
                        &charts::heatmap::title(s),
                        entries,
                        |area, scale| charts::heatmap::draw(area, s, t, scale).map(|_| ()),
                    )
                }),
                "svg" => {
                    let w = width.get_untracked().max(320.0).round() as u32;
                    state
                        .theme
                        .with_untracked(|t| {
                            charts::heatmap::export_svg::<super::canvas_backend::WebSvg>(
                                s,
                                t.chart(),
                                w,
                                MAP_HEIGHT as u32,
                            )
                        })
                        .and_then(|svg| super::export::save_text(&name, "image/svg+xml", &svg))
                }
                _ => super::export::save_text(&name, "text/csv", &charts::export::map_csv(s)),
            }
        });
        if let Err(e) = saved {
            leptos::logging::warn!("export failed: {e}");
        }
    };
    view! {
        <div class="map-export"><ExportButtons on_export=export /></div>
        <div class="chart-frame map-frame" node_ref=frame on:mouseleave=move |_| hover.set(None) data-contour=move || segments.get()>
            <canvas node_ref=canvas role="img" aria-label=label on:mousemove=on_move id="map-canvas"
                style=format!("height:{MAP_HEIGHT}px")></canvas>
            {tooltip}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scenario;

    #[test]
    fn a_premium_defaults_to_break_even_and_other_results_to_their_current_value() {
        let premium = kpi("premium-over-neocloud").unwrap().1;
        assert_eq!(default_level(premium, 5e9), "0");
        let days = kpi("days-per-run").unwrap().1;
        assert_eq!(default_level(days, 19.5), "19.5");
        let npv = kpi("npv-cost").unwrap().1;
        assert_eq!(default_level(npv, 38.3e9), "38.3");
        assert_eq!(typed("38,3", 1e9), Some(38.3e9));
        assert_eq!(typed("x", 1.0), None);
        // As the cards write it, whatever the entry unit: the goal seek reads what the threshold reads.
        assert_eq!(typed("$350M", 1e9), Some(350e6));
        assert_eq!(typed("-8.5B", 1e6), Some(-8.5e9));
    }

    /// The answer's text for seeking `target` of KPI `kpi` with `input`, and the KPI there.
    fn answer(s: &Scenario, input: &str, kpi_id: &str, target: f64) -> (String, f64) {
        let goal = Goal { input: input.into(), kpi: kpi_id.into(), target, from: None, to: None };
        let sol = crate::model::decide::solve(s, &goal).unwrap();
        let (spec, k) = (fields::field(s, input).unwrap(), kpi(kpi_id).unwrap().1);
        (describe(&goal, &sol, &spec, k), sol.kpi_value.unwrap_or(f64::NAN))
    }

    #[test]
    fn the_answer_names_the_value_or_the_range_reached() {
        let s = Scenario::default();
        let (text, _) = answer(&s, "contract.monthly_commitment", "vs-best-alternative", 0.0);
        assert!(text.starts_with("Monthly commitment = $328.7M / month brings"), "{text}");
        let (text, _) = answer(&s, "contract.monthly_commitment", "vs-best-alternative", 1e15);
        assert!(text.starts_with("No value of “Monthly commitment” between $0 and $100B / month"), "{text}");
    }

    #[test]
    fn a_value_that_only_passes_the_target_is_not_said_to_reach_it() {
        let s = Scenario::default();
        let cost = |input: &str, target: f64| answer(&s, input, "usd-per-delivered-gpu-hour", target);
        // Whole months: 4 give less than $6.00, 5 more.
        let (text, at) = cost("contract.ramp_delay_months", 6.0);
        assert!(at > 6.005, "{at}");
        assert!(
            text.starts_with(
                "No whole value of “Ramp delay” gives exactly $6.00: 5 months is the first past it, at $6."
            ),
            "{text}"
        );
        // The SLA's credit bands make the cost jump at 99 % availability.
        let (text, at) = cost("contract.sla.expected_availability", 4.5);
        assert!((at - 4.5).abs() > 0.1, "{at}");
        assert!(text.starts_with("No value of “Expected availability” gives exactly $4.50: “Cost per delivered GPU-hour” jumps past it at Expected availability = 99"), "{text}");
        // A straight line ($B premium) lands a hair below $0: that is $0, not a jump to "-$0".
        let (text, _) = answer(&s, "contract.monthly_commitment", "premium-over-neocloud", 0.0);
        assert!(text.starts_with("Monthly commitment = $70"), "{text}");
        assert!(text.contains("brings “Premium over GPU cloud” to $0."), "{text}");
    }

    #[test]
    fn a_target_at_the_results_end_is_met_there_and_a_flat_result_stays_at_one_value() {
        let s = Scenario::default();
        // The cost's current value, $5.2903 at no delay, typed as the field fills it in ($5.29):
        // just past its lowest, so no delay reaches it, but it reads as met at 0 months.
        let (text, _) = answer(&s, "contract.ramp_delay_months", "usd-per-delivered-gpu-hour", 5.29);
        assert!(text.starts_with("“Cost per delivered GPU-hour” comes nearest $5.29 at Ramp delay = 0 months: $5.2903, its lowest between 0 and 35 months"), "{text}");
        // Past the end by more than the digits shown: unreachable, between its two ends.
        let (text, _) = answer(&s, "contract.ramp_delay_months", "usd-per-delivered-gpu-hour", 5.0);
        assert!(text.starts_with("No value of “Ramp delay” between 0 and 35 months reaches $5.00: “Cost per delivered GPU-hour” stays between $5.29 and $"), "{text}");
        // The commitment does not change the hours the supply powers fully.
        let (text, _) = answer(&s, "contract.monthly_commitment", "fully-powered-share", 0.5);
        assert!(text.ends_with("“Hours fully powered” stays at 100 %."), "{text}");
    }

    #[test]
    fn a_target_is_met_at_the_end_on_its_side() {
        // Both ends and the target read "$5.30": the target is above the highest, met there.
        let sol = Solution {
            scan: vec![[0.0, 5.2970], [1.0, 5.2980], [2.0, 5.2990]],
            monotone: true,
            crossings: 0,
            value: None,
            kpi_value: None,
            evaluations: 3,
        };
        let f = format_of(kpi("usd-per-delivered-gpu-hour").unwrap().1.unit);
        assert_eq!(met_at_end(&sol, f, 5.2999), Some((2.0, 5.2990)));
        assert_eq!(met_at_end(&sol, f, 5.2960), Some((0.0, 5.2970)));
        // Past the end by more than the digits shown: not met.
        assert_eq!(met_at_end(&sol, f, 5.31), None);
    }
}
