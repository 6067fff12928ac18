//! One numeric input: label, slider and number field kept in sync, unit, one-line help, its
//! source, a marker when it differs from the preset, reset, and the validation message.

use super::state::ScenarioState;
use crate::model::inputs::{in_unit, range_in_unit, InputSpec};
use crate::model::uncertainty::Placement;
use crate::model::Scenario;
use leptos::prelude::*;

/// A slider + number field bound to one registry input.
#[component]
pub fn NumberField(
    /// The input this field edits.
    spec: &'static InputSpec,
) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let dom_id = spec.id.replace('.', "-");
    let help_id = format!("{dom_id}-help");
    let err_id = format!("{dom_id}-error");
    // A field in percent also reads "50 %".
    let parse = move |t: &str| parse_in(spec.unit, t);
    // Text being typed that is not (yet) a number; `None` shows the scenario's value.
    let draft = RwSignal::new(None::<String>);
    // This field's value, whether it applies and its problem, which the state sets only when
    // they change: an edit elsewhere re-runs nothing below.
    let slice = state.input(spec);
    let value = slice.value;
    let shown = move || value.get() / spec.scale;
    let modified = Memo::new(move |_| {
        let preset = state.preset.with(|s| spec.get(s));
        (value.get() - preset).abs() > 1e-12 * preset.abs().max(1.0)
    });
    let parse_error = move || {
        draft.with(|d| d.as_deref().filter(|t| parse(t).is_none()).map(|_| "Enter a number".to_owned()))
    };
    // A number outside this input's own range (or a fraction for a whole-number input) is not
    // applied: the field says why, with what was typed, and every other edit keeps working on the
    // last valid value. Problems between fields are the model's (`slice.error`).
    let range_error = move || {
        draft.with(|d| d.as_deref().and_then(parse).and_then(|v| spec.check(in_model(spec, v)).err()))
    };
    // Said with the value the results still use, so nobody takes them for the typed one.
    let typed_error = move || {
        parse_error().or_else(range_error).map(|e| {
            // The results are the last valid scenario's (another field may hold it up).
            // With the digits it has: a small amount the field's steps round away still reads
            // as itself ("$0.4M / month", not "$0").
            let used = crate::model::inputs::trim_number(state.last_good.with(|s| spec.get(s)) / spec.scale);
            results_use(&e, &in_unit(&used, spec.unit))
        })
    };
    // Text left in the box is dropped when the value changes from elsewhere (undo, redo, a
    // preset, a link): the box then shows what the scenario now holds. Typing that applies a
    // number reads back as the same value and is kept as typed ("1,000").
    Effect::new(move |before: Option<f64>| {
        let now = value.get();
        if before.is_some_and(|b| b != now) {
            let stale = draft.with_untracked(|d| {
                d.as_deref().is_some_and(|t| {
                    parse(t).is_none_or(|v| {
                        (v - now / spec.scale).abs() > 1e-9 * (now / spec.scale).abs().max(1.0)
                    })
                })
            });
            if stale {
                draft.set(None);
            }
        }
        now
    });
    // A problem between fields holds the results at the last valid scenario: with this field's
    // value there, when it is not the one in the box.
    let model_error = move || {
        slice.error.get().map(|e| {
            let (now, used) = (value.get(), state.last_good.with(|s| spec.get(s)));
            if (now - used).abs() > 1e-12 * used.abs().max(1.0) {
                results_use(&e, &in_unit(&crate::model::inputs::trim_number(used / spec.scale), spec.unit))
            } else {
                e
            }
        })
    };
    let error = move || typed_error().or_else(model_error);
    let hidden = Memo::new(move |_| state.filter.with(|f| !super::panel::matches(spec, f)));
    let commit = move |shown_value: f64| {
        state.edit_field(Some(spec.id), |s| spec.set(s, shown_value * spec.scale));
    };

    let on_number = move |ev| {
        let text = event_target_value(&ev);
        if let Some(v) = parse(&text).filter(|&v| spec.check(in_model(spec, v)).is_ok()) {
            commit(v);
        }
        draft.set(Some(text));
    };
    // The arrow keys step the value as the slider would (Shift: ten steps), within the valid
    // range: the slider itself is hidden from keyboards and screen readers, the box is the control.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let up = match ev.key().as_str() {
            "ArrowUp" => 1.0,
            "ArrowDown" => -1.0,
            _ => return,
        };
        ev.prevent_default();
        let steps = if ev.shift_key() { 10.0 } else { 1.0 };
        let (min, max) = (spec.min / spec.scale, spec.max / spec.scale);
        // With the decimals of the value or the step, so 0.1 + 0.2 is 0.3 (and 62.3 + 1 stays 63.3).
        let Some(next) =
            stepped(&shown().to_string(), Some(spec.step), up * steps).as_deref().and_then(parse)
        else {
            return;
        };
        let next = next.clamp(min, max);
        if spec.check(in_model(spec, next)).is_ok() {
            draft.set(None);
            commit(next);
        }
    };
    let on_slider = move |ev| {
        if let Some(v) = parse(&event_target_value(&ev)) {
            draft.set(None);
            commit(v);
        }
    };
    let reset = move |_| {
        draft.set(None);
        let preset = state.preset.with(|s| spec.get(s));
        state.edit(|s| spec.set(s, preset));
    };
    let (lo, hi) = (spec.slider.0 / spec.scale, spec.slider.1 / spec.scale);
    let c = spec.citation;

    view! {
        <div class="field" class:modified=move || modified.get() class:invalid=move || error().is_some() class:inactive=move || !slice.applies.get() class:filtered-out=move || hidden.get() data-field=spec.id>
            <div class="field-head">
                <label for=dom_id.clone()>{spec.label}</label>
                <span class="unit">{spec.unit}</span>
                <Show when=move || modified.get()>
                    <button class="reset" type="button" on:click=reset title="Reset to the preset's value"
                        aria-label=format!("Reset {} to the preset's value", spec.label)>"reset"</button>
                </Show>
            </div>
            <div class="field-controls">
                <input type="range" min=lo max=hi step=spec.step tabindex="-1" aria-hidden="true"
                    prop:value=move || shown().clamp(lo, hi).to_string() on:input=on_slider />
                <input type="text" inputmode="decimal" id=dom_id.clone() class="num"
                    aria-describedby=format!("{help_id} {err_id}")
                    aria-invalid=move || error().is_some().to_string()
                    prop:value=move || draft.get().unwrap_or_else(|| shown_text(shown(), spec.step))
                    on:input=on_number on:keydown=on_key on:change=move |_| if typed_error().is_none() { draft.set(None) } />
            </div>
            <p class="error" id=err_id role="alert">{error}</p>
            {move || slice.uncertain.get().map(|band| {
                let range = format!(
                    "Simulated: drawn between {} (5th–95th percentile)",
                    range_with_unit(band.p5, band.p95, spec.step, spec.unit, " and ")
                );
                let placement = band.place(shown());
                let text = match placement {
                    None => format!("{range}; the spread uses that range, not the value above."),
                    Some(Placement::Edge) => format!("{range}. The value above is at the {} end of that range, so most draws lie {} it and the spread sits mostly to one side of the point estimates.",
                        if shown() < band.p5 { "low" } else { "high" }, if shown() < band.p5 { "above" } else { "below" }),
                    Some(Placement::Outside) => format!("{range}. The value above is outside that range, where no draw goes: the point estimates use it and the spread does not. Change the range under Uncertainty to include it."),
                };
                view! {
                    <p class="uncertain-note" class:outside=placement == Some(Placement::Outside) data-placement=placement.map(|p| if p == Placement::Edge { "edge" } else { "outside" }) data-uncertain=spec.id>{text}</p>
                }
            })}
            <p class="help" id=help_id>{spec.help}</p>
            <details class="source">
                <summary>"Source · " {c.confidence.label()}</summary>
                <p>{c.note}</p>
                <p class="cite">{c.source} " (" {c.date} ")"</p>
            </details>
        </div>
    }
}

/// A field's message for text it did not apply, with the value the results still use, so
/// nobody takes them for the typed one.
pub fn results_use(message: &str, used: &str) -> String {
    format!("{}. The results use {used}.", message.trim_end_matches('.'))
}

/// A whole-number setting of a simulation (draws, seed): each valid keystroke applies, anything
/// else says "Enter a whole number"; `error` is the model's message for the field.
#[component]
pub fn WholeNumberField(
    /// The input's DOM id (also its undo-step key).
    id: &'static str,
    /// Its label.
    label: &'static str,
    /// Reads the value.
    get: fn(&Scenario) -> u32,
    /// Writes the value.
    put: fn(&mut Scenario, u32),
    /// The model's message for the field, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The values the model takes, for the message on a number no setting can hold (a negative
    /// one): every whole number a setting can hold when not given.
    #[prop(optional)]
    range: Option<(u32, u32)>,
) -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let draft = RwSignal::new(None::<String>);
    // A whole number, thousands separators allowed ("10,000").
    let whole = |t: &str| {
        parse(t).filter(|v| v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(v)).map(|v| v as u32)
    };
    // As for `NumberField`: text left in the box goes when the value changes from elsewhere.
    Effect::new(move |before: Option<u32>| {
        let now = state.scenario.with(get);
        if before.is_some_and(|b| b != now)
            && draft.with_untracked(|d| d.as_deref().is_some_and(|t| whole(t) != Some(now)))
        {
            draft.set(None);
        }
        now
    });
    // Written to the box only when it changes, not at every edit.
    let value = Memo::new(move |_| state.scenario.with(get));
    let message = move || {
        draft
            .with(|d| {
                d.as_ref().filter(|t| whole(t).is_none()).map(|t| match (t.trim(), parse(t)) {
                    ("", _) => "Enter a whole number".to_owned(),
                    // "-3" is a whole number; what is wrong is where it lies.
                    (t, Some(v)) if v.fract() == 0.0 => {
                        crate::model::inputs::whole_range(label, range.unwrap_or((0, u32::MAX)), t)
                    }
                    (t, _) => format!("Enter a whole number, not “{t}”"),
                })
            })
            .or_else(|| error.get())
    };
    view! {
        <div class="field compact-field" class:invalid=move || message().is_some()>
            <div class="field-head"><label for=id>{label}</label></div>
            <input type="text" inputmode="numeric" id=id class="num"
                aria-invalid=move || message().is_some().then_some("true")
                prop:value=move || draft.get().unwrap_or_else(|| value.get().to_string())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    if let Some(v) = whole(&text) {
                        state.edit_field(Some(id), |s| put(s, v));
                    }
                    draft.set(Some(text));
                }
                // Text that is not a whole number stays in the box with its message (the
                // scenario keeps its last value); a number is shown as the scenario holds it.
                on:change=move |_| {
                    if draft.with_untracked(|d| d.as_deref().is_some_and(|t| whole(t).is_some())) {
                        draft.set(None);
                    }
                } />
            <p class="error" role="alert">{message}</p>
        </div>
    }
}

/// A value in the units of a number box stepped by `step` in `unit`, with its unit
/// ([`in_unit`]: none for a plain ratio such as PUE); the unit's spaces do not break.
pub(super) fn value_with_unit(v: f64, step: f64, unit: &str) -> String {
    // The space before a unit may break; the unit's own spaces may not.
    in_unit(&shown_text(v, step), &unit.replace(' ', "\u{a0}"))
}

/// A range of values in a number box's unit, the unit written once: "$1.2B to $3B / month",
/// "0–100 %" (`joiner` between the ends).
pub(super) fn range_with_unit(low: f64, high: f64, step: f64, unit: &str, joiner: &str) -> String {
    range_in_unit(&shown_text(low, step), &shown_text(high, step), joiner, &unit.replace(' ', "\u{a0}"))
}

/// The value as the field shows it: one decimal more than the step, at most four, trailing
/// zeros dropped (47.2222 with step 0.1 → "47.22"; 1.25 with step 0.01 → "1.25").
pub(super) use crate::model::fields::shown_text;

/// A number as typed, in the model's unit. A whole-number input shown at a scale (GPUs in
/// thousands) is snapped to the nearest whole number when it is one up to rounding: "1.001"
/// thousand is 1,001 GPUs, not the 1000.9999999999999 of the multiplication.
fn in_model(spec: &InputSpec, shown: f64) -> f64 {
    let v = shown * spec.scale;
    if spec.integer && (v - v.round()).abs() <= 1e-9 * v.abs().max(1.0) {
        v.round()
    } else {
        v
    }
}

/// Parses a number as people type it: "1.25", " 6 ", "-3", "1,250" and "12,500.5" (commas
/// between groups of three digits separate thousands), "1,25" and "0,125" (any other single
/// comma is a decimal comma). Anything else is not a number: letters, "1,2,3", "1.250,5" (which
/// reading of it was meant cannot be told), infinities. A leading "−" (the minus sign the help
/// texts print, U+2212) is read as "-".
pub fn parse(text: &str) -> Option<f64> {
    let t = text.trim();
    let minus;
    let t = match t.strip_prefix('−') {
        Some(rest) => {
            minus = format!("-{rest}");
            minus.as_str()
        }
        None => t,
    };
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let normal = if !t.contains(',') {
        t.to_owned()
    } else if frac.contains(',') {
        return None;
    } else if int.split(',').skip(1).all(|g| g.len() == 3 && digits(g))
        && int.split(',').next().is_some_and(|g| g.len() <= 3 && digits(g) && g != "0")
    {
        t.replace(',', "")
    } else if t.matches(',').count() == 1 && frac.is_empty() && !unsigned.contains('.') {
        t.replace(',', ".")
    } else {
        return None;
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Steps a number box other than a [`NumberField`]'s (a table cell, a list row's value, a
/// distribution's parameter) on the up or down arrow ([`stepped`]: by its `data-step`, or else by
/// the last decimal place its value needs; Shift, ten steps). The new text goes in and bubbling
/// `input` and `change` events apply it through the box's own handlers (some apply as typed,
/// most when committed), so the box's checks and messages are the ones typing meets. The box is
/// then blurred and focused again, which makes the stepped text the one the browser compares
/// with when the box is next left: without it the text at the first focus stayed the browser's
/// reference, so typing that text back after a step sent no `change` and the box showed it
/// while the model kept the stepped value. Boxes of class `list` (several values) and text
/// that is not one number are left alone.
pub fn step_box(ev: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let up = match ev.key().as_str() {
        "ArrowUp" => 1.0,
        "ArrowDown" => -1.0,
        _ => return,
    };
    if ev.default_prevented() || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return;
    };
    let classes = input.class_list();
    if input.type_() != "text" || !classes.contains("num") || classes.contains("list") {
        return;
    }
    let step = input.get_attribute("data-step").and_then(|s| s.parse::<f64>().ok());
    let Some(next) = stepped(&input.value(), step, up * if ev.shift_key() { 10.0 } else { 1.0 }) else {
        return;
    };
    ev.prevent_default();
    input.set_value(&next);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    for kind in ["input", "change"] {
        if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
            input.dispatch_event(&event).ok();
        }
    }
    input.blur().ok();
    input.focus().ok();
}

/// The text of a number box after `steps` steps (negative: down) of `step`, or, without one, of
/// the last decimal place the value needs ("4.5" and "4,5" by 0.1, "1,000" by 1), written with
/// the decimals of the value or the step, whichever has more (2 + 0.25 is "2.25", not "2.3");
/// `None` when the text is not one number.
pub fn stepped(text: &str, step: Option<f64>, steps: f64) -> Option<String> {
    let value = parse_percent(text)?;
    // The decimal places `x` needs, up to six.
    let places = |x: f64| {
        (0..=6i32)
            .find(|d| {
                let scaled = x * 10f64.powi(*d);
                (scaled.round() - scaled).abs() <= 1e-6 * scaled.abs().max(1.0)
            })
            .unwrap_or(6)
    };
    let step = step.filter(|s| s.is_finite() && *s > 0.0).unwrap_or_else(|| 10f64.powi(-places(value)));
    let decimals = places(value).max(places(step));
    let grain = 10f64.powi(decimals);
    let next = ((value + steps * step) * grain).round() / grain;
    let text = format!("{next:.*}", usize::try_from(decimals).unwrap_or(0));
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    Some(if text == "-0" { "0".to_owned() } else { text.to_owned() })
}

/// [`parse`], with a trailing percent sign allowed ("50 %", "50%"): for fields in percent.
pub fn parse_percent(text: &str) -> Option<f64> {
    parse(text.trim().strip_suffix('%').unwrap_or(text))
}

/// A number's sign (`-1.0` for a leading "-" or "−") and the rest of it, a leading "$" dropped:
/// "-$350M" is (-1, "350M").
pub fn signed_amount(text: &str) -> (f64, &str) {
    let t = text.trim();
    let (sign, t) = t.strip_prefix(['-', '−']).map_or((1.0, t), |rest| (-1.0, rest.trim_start()));
    (sign, t.strip_prefix('$').unwrap_or(t).trim())
}

/// A number written as the KPI cards write it, with a magnitude suffix ("8.5B", "$350M", "2M",
/// "40k"): its value in units; `None` if the text has no such suffix or is not a number then.
pub fn parse_magnitude(text: &str) -> Option<f64> {
    let (sign, t) = signed_amount(text);
    let scale = match t.chars().last()? {
        'k' | 'K' => 1e3,
        'M' => 1e6,
        'B' | 'b' => 1e9,
        'T' => 1e12,
        _ => return None,
    };
    parse(&t[..t.len() - 1]).filter(|v| *v >= 0.0).map(|v| sign * v * scale)
}

/// An amount typed for a result (a threshold, a goal seek's target, a map's level): in the
/// result's entry unit (`scale` model units each; "$5.29" and "40" alike), or with a suffix as
/// the cards write it ("8.5B", "-$350M"); model units.
pub fn amount(text: &str, scale: f64) -> Option<f64> {
    parse_magnitude(text).or_else(|| {
        let (sign, rest) = signed_amount(text);
        parse(rest).filter(|v| *v >= 0.0).map(|v| sign * v * scale)
    })
}

/// A number typed into a field whose unit is `unit`: a percent sign is allowed where the unit
/// is one ("%", "% / year").
pub fn parse_in(unit: &str, text: &str) -> Option<f64> {
    if unit.starts_with('%') {
        parse_percent(text)
    } else if let Some(rest) = unit.strip_prefix('$') {
        // Money as it is written: "$1.5" and "1.5B" in a $B box, "1250M" for 1.25 there, "$3.50"
        // in a $ / MMBtu box.
        let scale = match rest.chars().next() {
            Some('K') => 1e3,
            Some('M') => 1e6,
            Some('B') => 1e9,
            _ => 1.0,
        };
        amount(text, scale).map(|v| v / scale)
    } else {
        parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::{in_model, parse, parse_magnitude, parse_percent, stepped};
    use crate::model::inputs::INPUTS;

    #[test]
    fn money_boxes_read_money_as_it_is_written() {
        use super::parse_in;
        assert_eq!(parse_in("$B / month", "1.25"), Some(1.25));
        assert_eq!(parse_in("$B / month", "$2"), Some(2.0));
        assert_eq!(parse_in("$B / month", "2B"), Some(2.0));
        assert_eq!(parse_in("$B / month", "1250M"), Some(1.25));
        assert_eq!(parse_in("$B / month", "-$1.5B"), Some(-1.5), "the box's own check refuses it");
        assert_eq!(parse_in("$ / MMBtu", "$3.50"), Some(3.5));
        assert_eq!(parse_in("$M / MW", "11"), Some(11.0));
        assert_eq!(parse_in("$K", "$31K"), Some(31.0));
        assert_eq!(parse_in("$B / month", "lots"), None);
        assert_eq!(parse_in("MW", "$2"), None, "a dollar sign only where the unit is money");
    }

    #[test]
    fn a_box_steps_by_its_step_or_its_last_decimal_and_keeps_both_decimals() {
        assert_eq!(stepped("2", Some(0.25), 1.0).as_deref(), Some("2.25"));
        assert_eq!(stepped("2.25", Some(0.25), 1.0).as_deref(), Some("2.5"));
        assert_eq!(stepped("33.34", Some(1.0), 1.0).as_deref(), Some("34.34"));
        assert_eq!(stepped("4.5", None, 1.0).as_deref(), Some("4.6"));
        assert_eq!(stepped("4,5", None, 1.0).as_deref(), Some("4.6"), "a decimal comma");
        assert_eq!(stepped("1,000", None, 10.0).as_deref(), Some("1010"), "thousands");
        assert_eq!(stepped("60", None, -1.0).as_deref(), Some("59"));
        assert_eq!(stepped("0.1", None, 2.0).as_deref(), Some("0.3"), "no float noise");
        assert_eq!(stepped("50 %", None, 1.0).as_deref(), Some("51"));
        assert_eq!(stepped("-0.5", Some(0.5), 1.0).as_deref(), Some("0"));
        assert_eq!(stepped("0", Some(1.0), -1.0).as_deref(), Some("-1"), "the box's own check refuses it");
        assert_eq!(stepped("abc", Some(1.0), 1.0), None);
        assert_eq!(stepped("", None, 1.0), None);
    }

    #[test]
    fn the_printed_minus_sign_reads_as_a_minus() {
        assert_eq!(parse("−1"), Some(-1.0));
        assert_eq!(parse(" −0.5 "), Some(-0.5));
        assert_eq!(parse("1−2"), None);
    }

    #[test]
    fn magnitudes_read_as_the_cards_write_them() {
        assert_eq!(parse_magnitude("8.5B"), Some(8.5e9));
        assert_eq!(parse_magnitude(" $350M "), Some(350e6));
        assert_eq!(parse_magnitude("2M"), Some(2e6));
        assert_eq!(parse_magnitude("40k"), Some(40e3));
        assert_eq!(parse_magnitude("1,200B"), Some(1.2e12));
        assert_eq!(parse_magnitude("1.5T"), Some(1.5e12));
        assert_eq!(parse_magnitude("-$350M"), Some(-350e6), "a negative premium as the cards write it");
        assert_eq!(parse_magnitude("−2.5B"), Some(-2.5e9));
        // No suffix, a suffix alone, or a milli-"m": not a magnitude.
        assert_eq!(parse_magnitude("350"), None);
        assert_eq!(parse_magnitude("B"), None);
        assert_eq!(parse_magnitude("5m"), None);
    }

    #[test]
    fn whole_numbers_typed_at_a_scale_are_whole() {
        let gpus = INPUTS.iter().find(|i| i.id == "contract.gpus").unwrap();
        assert_eq!(gpus.scale, 1e3);
        // 1.001 × 1000 is 1000.9999999999999 in floating point.
        assert_eq!(in_model(gpus, 1.001), 1001.0);
        assert!(gpus.check(in_model(gpus, 1.001)).is_ok());
        assert!(gpus.check(in_model(gpus, 1.0005)).is_err(), "half a GPU is still refused");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse(" 1.25 "), Some(1.25));
        assert_eq!(parse("1,5"), Some(1.5));
        assert_eq!(parse("0,125"), Some(0.125));
        // Thousands separators, as an English page's readers type them.
        assert_eq!(parse("1,000"), Some(1000.0));
        assert_eq!(parse("-12,500.5"), Some(-12_500.5));
        assert_eq!(parse("1,250,000"), Some(1_250_000.0));
        // Readings that cannot be told apart are refused rather than guessed.
        assert_eq!(parse("1,2,3"), None);
        assert_eq!(parse("1.250,5"), None);
        assert_eq!(parse("1,00"), Some(1.0), "not groups of three: a decimal comma");
        assert_eq!(parse("12,50.5"), None);
        assert_eq!(parse_percent(" 50 % "), Some(50.0));
        assert_eq!(parse_percent("7,5%"), Some(7.5));
        assert_eq!(parse("50 %"), None, "a percent sign only where the unit is one");
        assert_eq!(parse("-3"), Some(-3.0));
        assert_eq!(parse(""), None);
        assert_eq!(parse("abc"), None);
        assert_eq!(parse("inf"), None);
        assert_eq!(parse("NaN"), None);
    }
}
