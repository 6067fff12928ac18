//! Drawing. Charts are described as data ([`spec::ChartSpec`]), built from model reports, and
//! drawn by one function generic over the plotters backend ([`draw::draw`]): a `<canvas>` in
//! the browser, SVG natively and for exports.

pub mod alternatives;
pub mod compare;
pub mod contract;
pub mod datacenter;
pub mod decide;
pub mod draw;
pub mod energy;
pub mod export;
pub mod frame;
pub mod geometry;
pub mod heatmap;
pub mod resilience;
pub mod spec;
pub mod theme;
pub mod training;
pub mod uncertainty;

use crate::model::Report;

/// Charts drawn from a report alone, by id: the explorer's main charts, and what an embed
/// (`?embed=ID`) can show.
pub const REPORT_CHARTS: &[&str] = &[
    "cumulative-spend",
    "cash-flow",
    "capacity",
    "alternatives-unit-cost",
    "exit-cost",
    "alternatives-cumulative",
    "power-stack",
    "build-out",
    "capex",
    "energy-mix",
    "training-flop",
];

/// The report chart `id` (see [`REPORT_CHARTS`]).
pub fn of_report(r: &Report, id: &str) -> Option<spec::ChartSpec> {
    Some(match id {
        "cumulative-spend" => contract::cumulative_spend(&r.contract),
        "cash-flow" => contract::cash_flow(&r.contract),
        "capacity" => contract::capacity(&r.contract),
        "exit-cost" => contract::exit_cost(&r.contract),
        "alternatives-unit-cost" => alternatives::unit_cost(&r.alternatives),
        "alternatives-cumulative" => alternatives::cumulative_cost(&r.alternatives, &r.contract),
        "power-stack" => datacenter::power_stack(&r.datacenter),
        "build-out" => datacenter::build_out(&r.datacenter),
        "capex" => datacenter::capex(&r.datacenter),
        "energy-mix" => energy::monthly_mix(&r.energy),
        "training-flop" => training::cumulative_flop(&r.training),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_report_chart_is_found_under_its_own_id() {
        let r = crate::model::evaluate(&crate::model::Scenario::default()).unwrap();
        for id in super::REPORT_CHARTS {
            assert_eq!(super::of_report(&r, id).map(|c| c.id), Some(*id));
        }
        assert!(super::of_report(&r, "nope").is_none());
    }
}
