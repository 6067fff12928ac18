//! The contract against its alternatives, as a table: cost per GPU-hour, totals, present value
//! and break-even month, the cheapest highlighted.

use super::state::ScenarioState;
use super::table_card::{Cell, Row, TableCard};
use crate::format;
use crate::model::alternatives::Choice;
use leptos::prelude::*;

/// The comparison table.
#[component]
pub fn ComparisonTable() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let rows = Signal::derive(move || {
        state.report.with(|r| {
            r.alternatives
                .options
                .iter()
                .map(|o| {
                    let cheapest = o.option == r.alternatives.cheapest;
                    let breakeven = match (o.breakeven_month, o.option) {
                        (_, Choice::Contract) => "—".to_owned(),
                        (None, _) => "never in term".to_owned(),
                        (Some(0), _) => "from the start".to_owned(),
                        (Some(m), _) => {
                            r.contract.months.get(m as usize).map(|x| x.month.label()).unwrap_or_default()
                        }
                    };
                    let mut row = Row::new(
                        format!("{:?}", o.option),
                        o.option.label(),
                        vec![
                            Cell::number(
                                format::usd_per_gpu_hour(o.usd_per_gpu_hour.value()),
                                o.usd_per_gpu_hour.value(),
                            ),
                            Cell::number(format::usd(o.nominal_cost.value()), o.nominal_cost.value()),
                            Cell::number(format::usd(o.npv_cost.value()), o.npv_cost.value()),
                            Cell::text(breakeven),
                        ],
                    );
                    row.highlight = cheapest;
                    row.badge = cheapest.then_some("cheapest");
                    row
                })
                .collect()
        })
    });
    view! {
        <TableCard
            id="comparison"
            title="The same GPU-hours, bought another way".to_owned()
            headers=&["Option", "$ / delivered GPU-hr", "Total (nominal)", "Present value", "Cheaper than the contract from"]
            rows=rows
            note="Rental prices are for H100-class GPUs; build-your-own buys the Hardware panel's mix on the contract's delivery schedule, \
                  with capital, electricity and resale at book value, but no staff, maintenance or construction lead time. Cheapest = lowest present value."
        />
    }
}
