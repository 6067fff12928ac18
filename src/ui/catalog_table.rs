//! The accelerator catalog, editable: every figure of every entry, plus custom accelerators.
//! Each entry's source is shown on its row.

use super::state::ScenarioState;
use crate::model::hardware::{Accelerator, CatalogField, CATALOG_FIELDS};
use leptos::prelude::*;

/// The catalog editor, collapsed by default.
#[component]
pub fn CatalogTable() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let parse_error = RwSignal::new(None::<String>);
    let dropped = super::dropped::Dropped::new();
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
    // The figures the simulation draws, and where from: the rows are built again when these
    // change, not on every edit.
    let drawn = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.uncertainty
                .inputs
                .iter()
                .filter(|x| x.id.starts_with("hardware.catalog."))
                .filter_map(|x| {
                    let key = x.id.rsplit('.').next()?;
                    let c = CATALOG_FIELDS.iter().find(|c| c.key == key)?;
                    Some((x.id.clone(), crate::model::uncertainty::simulated(s, &x.id, (c.min, c.max))?))
                })
                .collect::<Vec<_>>()
        })
    });
    let rows = move || {
        // Built again when the hardware changes: a refusal of text typed before is stale.
        parse_error.set(None);
        let (catalog, used): (Vec<Accelerator>, Vec<String>) =
            hardware.with(|h| (h.catalog.clone(), h.mix.iter().map(|r| r.accelerator.clone()).collect()));
        catalog
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let removable = a.id.starts_with("custom-") && !used.contains(&a.id);
                let cells = CATALOG_FIELDS
                    .iter()
                    .map(|c| {
                        let on_change = move |ev| {
                            let text = event_target_value(&ev);
                            match super::number_field::parse(&text) {
                                Some(v) => {
                                    parse_error.set(None);
                                    state.edit(|s| c.set(&mut s.hardware.catalog[i], v * c.scale));
                                }
                                None => parse_error.set(Some(format!("\"{text}\" is not a number ({})", header(c)))),
                            }
                        };
                        let invalid = move || state.error_for(&format!("hardware.catalog.{i}.{}", c.key)).is_some();
                        // A figure the simulation draws says so, and from where, on hover.
                        let simulated = drawn.with(|d| {
                            d.iter().find(|(id, _)| *id == format!("hardware.catalog.{i}.{}", c.key)).map(|(_, b)| *b)
                        });
                        let title = simulated.map(|b| format!(
                            "Simulated: drawn between {} (5th–95th percentile)",
                            crate::model::inputs::range_in_unit(
                                &crate::format::significant(b.p5 / c.scale, 4),
                                &crate::format::significant(b.p95 / c.scale, 4),
                                " and ",
                                c.unit
                            )
                        ));
                        view! {
                            <td><input class="num" class:invalid-input=invalid class:simulated=simulated.is_some() title=title type="text" inputmode="decimal"
                                aria-label=format!("{} of {}", header(c), a.name)
                                prop:value=crate::format::significant(c.get(&a) / c.scale, 4) on:change=on_change /></td>
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
                                on:click=move |_| dropped.edit(state, |s| { s.hardware.catalog.remove(i); s.uncertainty.row_removed("hardware.catalog", i) })>"×"</button>
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
                        {CATALOG_FIELDS.iter().map(|c| view! { <th scope="col">{header(c)}</th> }).collect_view()}
                        <th><span class="visually-hidden">"Remove"</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {dropped.view(state)}
            <ul class="error-list" role="alert">{move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            <button type="button" class="button" on:click=add>"+ Add custom accelerator"</button>
        </details>
    }
}

/// A column's header: the label and its unit ("Price $K").
fn header(c: &CatalogField) -> String {
    if c.unit.is_empty() {
        c.label.to_owned()
    } else {
        format!("{} {}", c.label, c.unit)
    }
}
