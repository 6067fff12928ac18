//! Charts of the contract model.

use super::spec::{ChartSpec, Series, SeriesKind, ValueFormat};
use crate::model::contract::ContractReport;

/// Cumulative spend by month, with the part of it that paid for capacity not yet delivered.
pub fn cumulative_spend(r: &ContractReport) -> ChartSpec {
    let mut undelivered = 0.0;
    let undelivered_series: Vec<f64> = r
        .months
        .iter()
        .map(|m| {
            undelivered += m.payment.value() * (1.0 - m.delivered_gpus / m.contracted_gpus);
            undelivered
        })
        .collect();
    ChartSpec {
        id: "cumulative-spend",
        title: "Cumulative spend".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "US dollars (nominal)".to_owned(),
        x_labels: r.months.iter().map(|m| m.month.label()).collect(),
        y_format: ValueFormat::Usd,
        series: vec![
            Series {
                name: "Paid to date".to_owned(),
                kind: SeriesKind::Area,
                color: 0,
                values: r
                    .months
                    .iter()
                    .map(|m| m.cumulative_payment.value())
                    .collect(),
            },
            Series {
                name: "…of which for undelivered capacity".to_owned(),
                kind: SeriesKind::Line,
                color: 1,
                values: undelivered_series,
            },
        ],
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
    }

    #[test]
    fn svg_has_axes_titles_and_month_labels_without_crowding() {
        let r = evaluate(&Scenario::default()).unwrap().contract;
        let svg = to_svg(&cumulative_spend(&r), &LIGHT, 720, 320).unwrap();
        assert!(svg.contains("US dollars (nominal)"));
        assert!(svg.contains("Jun 2026"));
        assert!(svg.contains("$40B"), "y ticks are dollar-formatted");
        // At 720 px there is room for at most 720/84 month labels.
        let labels = [
            "Jan ", "Feb ", "Mar ", "Apr ", "May ", "Jun ", "Jul ", "Aug ", "Sep ", "Oct ", "Nov ",
            "Dec ",
        ]
        .iter()
        .map(|m| svg.lines().filter(|l| l.starts_with(m)).count())
        .sum::<usize>();
        assert!((2..=8).contains(&labels), "{labels} month labels");
    }
}
