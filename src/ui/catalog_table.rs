//! The accelerator catalog, editable: every figure of every entry, plus custom accelerators.
//! Each entry's source is shown on its row.

use super::state::ScenarioState;
use crate::model::hardware::Accelerator;
use crate::model::inputs::trim_number;
use crate::model::units::{Kilowatts, Usd};
use leptos::prelude::*;

/// One editable numeric column: header, unit scale, getter and setter.
struct Column {
    key: &'static str,
    header: &'static str,
    scale: f64,
    get: fn(&Accelerator) -> f64,
    set: fn(&mut Accelerator, f64),
}

const COLUMNS: &[Column] = &[
    Column {
        key: "year",
        header: "Year",
        scale: 1.0,
        get: |a| f64::from(a.year),
        set: |a, v| a.year = v.round() as u32,
    },
    Column {
        key: "bf16_tflops",
        header: "BF16 TFLOPS",
        scale: 1.0,
        get: |a| a.bf16_tflops,
        set: |a, v| a.bf16_tflops = v,
    },
    Column {
        key: "fp8_tflops",
        header: "FP8 TFLOPS",
        scale: 1.0,
        get: |a| a.fp8_tflops,
        set: |a, v| a.fp8_tflops = v,
    },
    Column { key: "hbm_gb", header: "HBM GB", scale: 1.0, get: |a| a.hbm_gb, set: |a, v| a.hbm_gb = v },
    Column { key: "tdp_w", header: "TDP W", scale: 1.0, get: |a| a.tdp_w, set: |a, v| a.tdp_w = v },
    Column {
        key: "it_kw",
        header: "All-in kW",
        scale: 1.0,
        get: |a| a.it_kw.value(),
        set: |a, v| a.it_kw = Kilowatts(v),
    },
    Column {
        key: "unit_price",
        header: "Price $K",
        scale: 1e3,
        get: |a| a.unit_price.value(),
        set: |a, v| a.unit_price = Usd(v),
    },
];

/// The catalog editor, collapsed by default.
#[component]
pub fn CatalogTable() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let parse_error = RwSignal::new(None::<String>);
    let hardware = Memo::new(move |_| state.scenario.with(|s| s.hardware.clone()));
    let errors = move || {
        let mut list: Vec<String> = state.errors.with(|e| {
            e.iter().filter(|e| e.field.starts_with("hardware.catalog")).map(|e| e.message.clone()).collect()
        });
        if let Some(p) = parse_error.get() {
            list.insert(0, p);
        }
        list
    };
    let add = move |_| {
        state.edit(|s| {
            let limit = crate::model::validate::MAX_CATALOG + 1;
            let n = (1..=limit).find(|n| s.hardware.get(&format!("custom-{n}")).is_none()).unwrap_or(limit);
            let mut a = s
                .hardware
                .catalog
                .first()
                .cloned()
                .unwrap_or_else(|| crate::model::hardware::default_catalog()[0].clone());
            a.id = format!("custom-{n}");
            a.name = format!("Custom accelerator {n}");
            "Custom entry: figures set by the user (copied from the first entry as a start)"
                .clone_into(&mut a.source);
            s.hardware.catalog.push(a);
        });
    };
    let rows = move || {
        let (catalog, used): (Vec<Accelerator>, Vec<String>) =
            hardware.with(|h| (h.catalog.clone(), h.mix.iter().map(|r| r.accelerator.clone()).collect()));
        catalog
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let removable = a.id.starts_with("custom-") && !used.contains(&a.id);
                let cells = COLUMNS
                    .iter()
                    .map(|c| {
                        let on_change = move |ev| {
                            let text = event_target_value(&ev);
                            match text.trim().replace(',', ".").parse::<f64>() {
                                Ok(v) if v.is_finite() => {
                                    parse_error.set(None);
                                    state.edit(|s| (c.set)(&mut s.hardware.catalog[i], v * c.scale));
                                }
                                _ => parse_error.set(Some(format!("\"{text}\" is not a number ({})", c.header))),
                            }
                        };
                        let invalid = move || state.error_for(&format!("hardware.catalog.{i}.{}", c.key)).is_some();
                        view! {
                            <td><input class="num" class:invalid-input=invalid type="text" inputmode="decimal"
                                aria-label=format!("{} of {}", c.header, a.name)
                                prop:value=trim_number((c.get)(&a) / c.scale) on:change=on_change /></td>
                        }
                    })
                    .collect_view();
                let on_name = move |ev| {
                    let name = event_target_value(&ev);
                    state.edit(|s| s.hardware.catalog[i].name = name);
                };
                view! {
                    <tr>
                        <th scope="row">
                            <input class="name-input" type="text" aria-label="Name" prop:value=a.name.clone() on:change=on_name />
                            <div class="cite" title=a.source.clone()>{a.source.clone()}</div>
                        </th>
                        {cells}
                        <td>{removable.then(|| view! {
                            <button type="button" class="icon-button" aria-label=format!("Remove {}", a.name)
                                on:click=move |_| state.edit(|s| { s.hardware.catalog.remove(i); })>"×"</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <details class="catalog">
            <summary>"Accelerator catalog: edit figures or add your own"</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Accelerator catalog">
                <table class="data-table catalog-table">
                    <thead><tr>
                        <th scope="col">"Accelerator and source"</th>
                        {COLUMNS.iter().map(|c| view! { <th scope="col">{c.header}</th> }).collect_view()}
                        <th><span class="visually-hidden">"Remove"</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <ul class="error-list" role="alert">{move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            <button type="button" class="button" on:click=add>"+ Add custom accelerator"</button>
        </details>
    }
}
