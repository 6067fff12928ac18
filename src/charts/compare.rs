//! Several scenarios on one chart (the compare view): one line per scenario over the union of
//! their months, so scenarios that start or end at different dates line up by calendar month.

use super::spec::{self, ChartSpec, Series, SeriesKind, ValueFormat};
use crate::model::contract::{ContractMonth, ContractReport};

/// One line per scenario of `value` by calendar month (gaps where a scenario has no such month).
fn overlay(
    id: &'static str,
    title: &str,
    y_title: &str,
    y_format: ValueFormat,
    runs: &[(&str, &ContractReport)],
    value: fn(&ContractMonth) -> f64,
) -> ChartSpec {
    let mut months: Vec<_> = runs.iter().flat_map(|(_, r)| r.months.iter().map(|m| m.month)).collect();
    crate::model::math::sort_by(&mut months, Ord::cmp);
    months.dedup();
    let series = runs
        .iter()
        .enumerate()
        .map(|(i, (name, r))| {
            let values = months
                .iter()
                .map(|ym| r.months.iter().find(|m| m.month == *ym).map_or(f64::NAN, value))
                .collect();
            Series::new(*name, SeriesKind::Line, i, values)
        })
        .collect();
    ChartSpec {
        id,
        title: title.to_owned(),
        x_title: "Month".to_owned(),
        y_title: y_title.to_owned(),
        x_labels: spec::month_labels(months),
        y_format,
        series,
        markers: Vec::new(),
        note: None,
        y2: None,
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// Cumulative spend of each scenario.
pub fn spend(runs: &[(&str, &ContractReport)]) -> ChartSpec {
    overlay(
        "compare-spend",
        "Cumulative spend by scenario",
        "US dollars (nominal)",
        ValueFormat::Usd,
        runs,
        |m| m.cumulative_payment.value(),
    )
}

/// Delivered GPUs of each scenario.
pub fn delivered(runs: &[(&str, &ContractReport)]) -> ChartSpec {
    overlay("compare-delivered", "Delivered GPUs by scenario", "GPUs", ValueFormat::Count, runs, |m| {
        m.delivered_gpus.value()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{evaluate, Scenario};

    #[test]
    fn scenarios_with_different_terms_line_up_by_calendar_month() {
        let a = Scenario::default();
        let mut b = a.clone();
        b.contract.term_months = 48;
        b.contract.start = a.contract.start.plus(1);
        let (ra, rb) = (evaluate(&a).unwrap(), evaluate(&b).unwrap());
        let chart = spend(&[("A", &ra.contract), ("B", &rb.contract)]);
        // 36 months of A, 48 of B starting a month later: 49 calendar months in all.
        assert_eq!(chart.x_labels.len(), 49);
        assert_eq!(chart.series.len(), 2);
        assert!(chart.series[1].values[0].is_nan(), "B has not started in A's first month");
        assert!(chart.series[0].values[48].is_nan(), "A has ended by B's last month");
        assert_eq!(chart.series[0].values[35], ra.contract.months[35].cumulative_payment.value());
        assert_eq!(chart.series[1].values[1], rb.contract.months[0].cumulative_payment.value());
        let gpus = delivered(&[("A", &ra.contract)]);
        assert_eq!(gpus.series[0].values.len(), 36);
    }
}
