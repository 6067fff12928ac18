//! The contract against its alternatives, as a table: cost per GPU-hour, totals, present value
//! and break-even month, the cheapest highlighted.

use super::state::ScenarioState;
use crate::format;
use leptos::prelude::*;

/// The comparison table.
#[component]
pub fn ComparisonTable() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let rows = move || {
        state.report.with(|r| {
            let months: Vec<String> = r.contract.months.iter().map(|m| m.month.label()).collect();
            r.alternatives
                .options
                .iter()
                .map(|o| {
                    let cheapest = o.option == r.alternatives.cheapest;
                    let breakeven = match (o.breakeven_month, o.option) {
                        (_, crate::model::alternatives::Choice::Contract) => "—".to_owned(),
                        (None, _) => "never in term".to_owned(),
                        (Some(0), _) => "from the start".to_owned(),
                        (Some(m), _) => months.get(m as usize).cloned().unwrap_or_default(),
                    };
                    view! {
                        <tr class:cheapest=cheapest data-option=format!("{:?}", o.option)>
                            <th scope="row">{o.option.label()} {cheapest.then_some(view! { <span class="badge">"cheapest"</span> })}</th>
                            <td data-value=o.usd_per_gpu_hour.value().to_string()>{format::usd_per_gpu_hour(o.usd_per_gpu_hour.value())}</td>
                            <td>{format::usd(o.nominal_cost.value())}</td>
                            <td data-value=o.npv_cost.value().to_string()>{format::usd(o.npv_cost.value())}</td>
                            <td>{breakeven}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="card comparison" aria-labelledby="comparison-title">
            <h2 id="comparison-title" class="chart-title">"The same GPU-hours, bought another way"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Options compared">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">"Option"</th>
                            <th scope="col">"$ / delivered GPU-hr"</th>
                            <th scope="col">"Total (nominal)"</th>
                            <th scope="col">"Present value"</th>
                            <th scope="col">"Cheaper than the contract from"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="chart-note">
                "Rental prices are for H100-class GPUs; build-your-own buys the Hardware panel's mix on the contract's delivery schedule, "
                "with capital, electricity and resale at book value, but no staff, maintenance or construction lead time. Cheapest = lowest present value."
            </p>
        </section>
    }
}
