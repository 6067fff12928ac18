//! Charts of the contract model.

use super::spec::{self, ChartSpec, SecondaryAxis, Series, SeriesKind, ValueFormat};
use crate::model::contract::ContractReport;

fn month_labels(r: &ContractReport) -> Vec<String> {
    spec::month_labels(r.months.iter().map(|m| m.month))
}

/// Cumulative spend by month, with the part of it that paid for capacity not yet delivered.
pub fn cumulative_spend(r: &ContractReport) -> ChartSpec {
    let mut undelivered = 0.0;
    let undelivered_series: Vec<f64> = r
        .months
        .iter()
        .map(|m| {
            undelivered += m.paid_for_undelivered.value();
            undelivered
        })
        .collect();
    ChartSpec {
        id: "cumulative-spend",
        title: "Cumulative spend".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "US dollars (nominal)".to_owned(),
        x_labels: month_labels(r),
        y_format: ValueFormat::Usd,
        series: vec![
            Series::new(
                "Paid to date",
                SeriesKind::Area,
                0,
                r.months.iter().map(|m| m.cumulative_payment.value()).collect(),
            ),
            Series::new("Paid for undelivered capacity", SeriesKind::Line, 1, undelivered_series),
        ],
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

/// Monthly cash flow: what is paid, and the credits netted off the invoices.
pub fn cash_flow(r: &ContractReport) -> ChartSpec {
    ChartSpec {
        id: "cash-flow",
        title: "Monthly cash flow".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "US dollars per month".to_owned(),
        x_labels: month_labels(r),
        y_format: ValueFormat::Usd,
        series: vec![
            Series::new(
                "Payments",
                SeriesKind::Bars,
                0,
                r.months.iter().map(|m| m.payment.value()).collect(),
            ),
            Series::new("Credits", SeriesKind::Bars, 2, r.months.iter().map(|m| m.credits.value()).collect()),
            Series::new(
                "Paid for undelivered capacity",
                SeriesKind::Line,
                1,
                r.months.iter().map(|m| m.paid_for_undelivered.value()).collect(),
            ),
            Series {
                secondary: true,
                ..Series::new(
                    "Cumulative paid (right axis)",
                    SeriesKind::Line,
                    3,
                    r.months.iter().map(|m| m.cumulative_payment.value()).collect(),
                )
            },
        ],
        markers: Vec::new(),
        note: None,
        y2: Some(SecondaryAxis { title: "Cumulative US dollars".to_owned(), format: ValueFormat::Usd }),
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// Capacity by month: contracted, planned (the ramp without slip) and delivered. A plan with
/// no ramp is the contracted line: one line, named for both, rather than one hidden under the
/// other with a legend entry that matches nothing visible.
pub fn capacity(r: &ContractReport) -> ChartSpec {
    let series = |name: &str, kind, color, f: fn(&crate::model::contract::ContractMonth) -> f64| {
        Series::new(name, kind, color, r.months.iter().map(f).collect())
    };
    let delivered = series("Delivered", SeriesKind::Area, 2, |m| m.delivered_gpus.value());
    let lines = if r.months.iter().all(|m| m.planned_gpus.value() == m.contracted_gpus.value()) {
        vec![series("Contracted, as planned (no slip)", SeriesKind::Line, 0, |m| m.contracted_gpus.value())]
    } else {
        vec![
            series("Planned (no slip)", SeriesKind::Line, 4, |m| m.planned_gpus.value()),
            series("Contracted", SeriesKind::Line, 0, |m| m.contracted_gpus.value()),
        ]
    };
    ChartSpec {
        id: "capacity",
        title: "Capacity: contracted vs delivered".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "GPUs".to_owned(),
        x_labels: month_labels(r),
        y_format: ValueFormat::Count,
        series: std::iter::once(delivered).chain(lines).collect(),
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

/// What exercising the termination clause costs, by the month notice is given.
pub fn exit_cost(r: &ContractReport) -> ChartSpec {
    let full = r.totals.nominal_cost.value();
    ChartSpec {
        id: "exit-cost",
        title: "Total paid by the month notice is given".to_owned(),
        x_title: "Month notice is given".to_owned(),
        y_title: "Total paid, US dollars (nominal)".to_owned(),
        x_labels: spec::month_labels(r.termination.iter().map(|t| t.notice_month)),
        y_format: ValueFormat::Usd,
        series: vec![
            Series::new(
                "Total paid if notice is given then",
                SeriesKind::Area,
                0,
                r.termination.iter().map(|t| t.total_cost.value()).collect(),
            ),
            Series::new("Full term", SeriesKind::Line, 1, vec![full; r.termination.len()]),
        ],
        markers: Vec::new(),
        note: Some(
            "Payments continue through the notice period; the termination fee is added on exit.".to_owned(),
        ),
        y2: None,
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{draw::to_svg, theme::LIGHT};
    use crate::model::{evaluate, Scenario};

    #[test]
    fn series_follow_the_report() {
        let mut s = Scenario::default();
        s.contract.ramp_delay_months = 3;
        let r = evaluate(&s).unwrap().contract;
        let spec = cumulative_spend(&r);
        assert_eq!(spec.x_labels.len(), 36);
        assert_eq!(spec.x_labels[0], "Jun 2026");
        assert_eq!(spec.series[0].values[35], 45e9);
        // Three months paid with nothing delivered, then no more.
        assert_eq!(spec.series[1].values[2], 3.75e9);
        assert_eq!(spec.series[1].values[35], 3.75e9);
        let cf = cash_flow(&r);
        assert_eq!(cf.series[0].values, r.months.iter().map(|m| m.payment.value()).collect::<Vec<_>>());
        assert!(cf.series[3].secondary && cf.series[3].values[35] == 45e9);
        assert_eq!(cf.format_of(3), ValueFormat::Usd);
        assert_eq!(cf.unit_of(3), "Cumulative US dollars");
        let cap = capacity(&r);
        assert_eq!(cap.series[0].values[2], 0.0, "nothing delivered during the 3-month slip");
        assert_eq!(cap.series[1].values[2], 325_000.0, "but the plan had full capacity");
        // No ramp: the plan is the contracted line, drawn and named once.
        assert_eq!(
            cap.series.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(),
            ["Delivered", "Contracted, as planned (no slip)"]
        );
        // With a ramp the two part.
        s.contract.ramp_months = 6;
        let cap = capacity(&evaluate(&s).unwrap().contract);
        assert_eq!(
            cap.series.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(),
            ["Delivered", "Planned (no slip)", "Contracted"]
        );
        assert!(cap.series[1].values[1] < cap.series[2].values[1]);
    }

    #[test]
    fn exit_cost_starts_at_the_earliest_notice() {
        let r = evaluate(&Scenario::default()).unwrap().contract;
        let spec = exit_cost(&r);
        assert_eq!(spec.x_labels[0], "Sep 2026");
        assert_eq!(spec.series[0].values[0], 7.5e9);
        assert_eq!(*spec.series[0].values.last().unwrap(), 45e9);
    }

    #[test]
    fn the_cash_flow_chart_draws_a_right_axis_for_the_cumulative_line() {
        let r = evaluate(&Scenario::default()).unwrap().contract;
        let svg = to_svg(&cash_flow(&r), &LIGHT, 900, 320).unwrap();
        assert!(svg.contains("Cumulative US dollars"));
        assert!(svg.contains("$40B"), "right-axis ticks reach the cumulative total");
        assert!(svg.contains("$1.25B") || svg.contains("$1B"), "left-axis ticks are monthly amounts");
        // Each axis labels only its own side: a left tick label must not be repeated on the right.
        let count = |label: &str| svg.lines().filter(|l| l.trim() == label).count();
        assert_eq!(count("$500M"), 1, "left-axis tick drawn once");
        assert_eq!(count("$20B"), 1, "right-axis tick drawn once");
    }

    #[test]
    fn svg_has_axes_titles_and_month_labels_without_crowding() {
        let r = evaluate(&Scenario::default()).unwrap().contract;
        let spec = cumulative_spend(&r);
        let svg = to_svg(&spec, &LIGHT, 720, 320).unwrap();
        assert!(svg.contains("US dollars (nominal)"));
        // The axis's end, the term's last month, is always labelled.
        let last = spec.x_labels.last().unwrap();
        assert!(svg.lines().any(|l| l.trim() == last), "no label {last}");
        assert!(svg.contains("$40B"), "y ticks are dollar-formatted");
        // At 720 px there is room for at most 720/84 month labels.
        let labels =
            ["Jan ", "Feb ", "Mar ", "Apr ", "May ", "Jun ", "Jul ", "Aug ", "Sep ", "Oct ", "Nov ", "Dec "]
                .iter()
                .map(|m| svg.lines().filter(|l| l.starts_with(m)).count())
                .sum::<usize>();
        assert!((2..=8).contains(&labels), "{labels} month labels");
    }
}
