//! The fleet mix: which accelerators, in what shares, available from when. Rows can be added
//! and removed; shares must add up to 100 % (the model says so next to the table).

use super::state::ScenarioState;
use crate::model::hardware::MixRow;
use crate::model::inputs::trim_number;
use crate::model::units::Fraction;
use leptos::prelude::*;

/// The editable mix table.
#[component]
pub fn MixTable() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let parse_error = RwSignal::new(None::<String>);
    let dropped = super::dropped::Dropped::new();
    let hardware = Memo::new(move |_| state.scenario.with(|s| s.hardware.clone()));
    let total = move || hardware.with(|h| h.mix.iter().map(|r| r.share.value()).sum::<f64>());
    // Every problem of the table, its rows' first: a row's own message says which row and why.
    let mix_error = move || {
        parse_error.get().or_else(|| {
            let messages: Vec<String> = state.errors.with(|list| {
                let rows = list.iter().filter(|e| e.field.starts_with("hardware.mix."));
                rows.chain(list.iter().filter(|e| e.field == "hardware.mix"))
                    .map(|e| e.message.clone())
                    .collect()
            });
            // One message as the model words it; several as sentences.
            match messages.len() {
                0 => None,
                1 => messages.into_iter().next(),
                _ => Some(
                    messages
                        .iter()
                        .map(|m| format!("{}.", m.trim_end_matches('.')))
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            }
        })
    };
    let sum_off = move || state.error_for("hardware.mix").is_some();
    let set_share = move |i: usize, text: String| match super::number_field::parse_percent(&text) {
        Some(v) => {
            parse_error.set(None);
            state.edit(|s| s.hardware.mix[i].share = Fraction(v / 100.0));
        }
        None => parse_error.set(Some(format!("Row {}: \"{text}\" is not a percentage", i + 1))),
    };
    // A whole number of months from 0, thousands separators allowed ("1,000").
    let set_from = move |i: usize, text: String| match super::number_field::parse(&text) {
        Some(v) if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) => {
            parse_error.set(None);
            state.edit(|s| s.hardware.mix[i].available_from_month = v as u32);
        }
        Some(v) if v < 0.0 => parse_error.set(Some(format!(
            "Row {}: available from month must be 0 (the term's start) or later, got {}",
            i + 1,
            text.trim()
        ))),
        _ => parse_error
            .set(Some(format!("Row {}: available from month must be a whole number of months", i + 1))),
    };
    let add = move |_| {
        state.edit(|s| {
            let next = s
                .hardware
                .catalog
                .iter()
                .find(|a| s.hardware.mix.iter().all(|r| r.accelerator != a.id))
                .or(s.hardware.catalog.first())
                .map(|a| a.id.clone());
            if let Some(id) = next {
                s.hardware.mix.push(MixRow {
                    accelerator: id,
                    share: Fraction(0.0),
                    available_from_month: 0,
                });
            }
        });
    };
    let rows = move || {
        // The rows are built again when the hardware changes (an edit, undo, a preset): their
        // boxes then show the scenario's values, and a refusal of text typed before is stale.
        parse_error.set(None);
        let (mix, catalog) = hardware.with(|h| {
            (h.mix.clone(), h.catalog.iter().map(|a| (a.id.clone(), a.name.clone())).collect::<Vec<_>>())
        });
        let single = mix.len() == 1;
        mix.into_iter()
            .enumerate()
            .map(|(i, row)| {
                let options = catalog
                    .iter()
                    .map(|(id, name)| view! { <option value=id.clone() selected=*id == row.accelerator>{name.clone()}</option> })
                    .collect_view();
                // Each cell is marked for its own problem; a total off 100 % marks the shares.
                let bad = move |key: &'static str| state.error_for(&format!("hardware.mix.{i}.{key}")).is_some();
                view! {
                    <tr>
                        <td class:invalid-cell=move || bad("accelerator")>
                            // The options' `selected` sets the first build; the property
                            // keeps a reused box on the row's value after undo and redo.
                            <select aria-label=format!("Accelerator, row {}", i + 1) prop:value=row.accelerator.clone()
                                on:change=move |ev| { let id = event_target_value(&ev); state.edit(|s| s.hardware.mix[i].accelerator = id); }>
                                {options}
                            </select>
                        </td>
                        <td class:invalid-cell=move || bad("share") || sum_off()><input class="num" type="text" inputmode="decimal" aria-label=format!("Share %, row {}", i + 1) data-step="1"
                            prop:value=trim_number(row.share.value() * 100.0) on:change=move |ev| set_share(i, event_target_value(&ev)) /></td>
                        <td class:invalid-cell=move || bad("available_from_month")><input class="num" type="text" inputmode="numeric" aria-label=format!("Available from month, row {}", i + 1) data-step="1"
                            prop:value=row.available_from_month.to_string() on:change=move |ev| set_from(i, event_target_value(&ev)) /></td>
                        <td><button type="button" class="icon-button" disabled=single aria-label=format!("Remove row {}", i + 1)
                            on:click=move |_| dropped.edit(state, |s| { s.hardware.mix.remove(i); s.uncertainty.row_removed("hardware.mix", i) })>"×"</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field mix" data-field="hardware.mix" class:has-error=move || mix_error().is_some() class:sum-off=sum_off>
            <div class="field-head"><span class="label">"Fleet mix"</span><span class="unit">"share of contracted GPUs"</span></div>
            <table class="mix-table">
                <thead><tr><th scope="col">"Accelerator"</th><th scope="col">"Share %"</th><th scope="col">"From month"</th><th><span class="visually-hidden">"Remove"</span></th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr>
                    <td><button type="button" class="link-button" on:click=add>"+ Add accelerator"</button></td>
                    <td class="mix-total" data-value=move || total().to_string()>{move || format!("{} %", trim_number((total() * 1e4).round() / 100.0))}</td>
                    <td colspan="2"></td>
                </tr></tfoot>
            </table>
            {dropped.view(state)}
            <p class="error" role="alert">{mix_error}</p>
            <p class="help">"Default: the provider's first cluster as reported (≈150k H100, 50k H200, 30k GB200; xAI statements 2024–25). The deal's own mix is not public. \"From month\" counts from the start of the term. The contract's price does not follow the mix: newer accelerators at the same price buy more compute, so set the price the provider would quote for them."</p>
        </div>
    }
}
