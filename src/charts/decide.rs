//! The goal seek's picture: the KPI over the scanned range of the input, the target as a flat
//! line, and the solution marked, so users see why an answer is unique, missing or one of several.

use super::spec::{ChartSpec, Marker, Series, SeriesKind, ValueFormat, XValues};
use crate::model::decide::Solution;
use crate::model::fields::Field;
use crate::model::inputs::in_unit;
use crate::model::kpis::Kpi;

/// The scan of `solution`: input values (as users see them) across on a numeric axis with
/// round ticks, the KPI up.
pub fn goal_scan(
    solution: &Solution,
    input: &Field,
    kpi: &Kpi,
    target: f64,
    format: ValueFormat,
) -> ChartSpec {
    let shown: Vec<f64> = solution.scan.iter().map(|p| p[0] / input.scale).collect();
    let labels: Vec<String> = shown.iter().map(|x| in_unit(&crate::format::sig3(*x), input.unit)).collect();
    let values: Vec<f64> = solution.scan.iter().map(|p| p[1]).collect();
    let markers = solution
        .value
        .and_then(|v| {
            // The scanned point nearest the solution carries its note.
            let nearest = solution
                .scan
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1[0] - v).abs().total_cmp(&(b.1[0] - v).abs()))?;
            Some(Marker {
                series: 0,
                index: nearest.0,
                label: format!(
                    "{} = {} reaches the target",
                    input.label,
                    in_unit(&crate::format::significant(v / input.scale, 4), input.unit)
                ),
            })
        })
        .into_iter()
        .collect();
    // A target far outside the result's values (more than their spread beyond them) is left off:
    // drawn, it squashed the result's line flat against one edge ($1e15 against $0 to $150B).
    let (lo, hi) = solution.kpi_range();
    // (A flat result's spread is its size; a flat zero has none, and any target is drawn.)
    let spread = if hi > lo { hi - lo } else { lo.abs() };
    let far = lo.is_finite() && spread > 0.0 && (target > hi + spread || target < lo - spread);
    let mut series = vec![Series::new(kpi.label, SeriesKind::Line, 0, values)];
    if !far {
        series.push(Series::new("Target", SeriesKind::Line, 7, vec![target; solution.scan.len()]));
    }
    let note = far.then(|| {
        format!(
            "The target, {}, is far {} these values and is left off the chart.",
            format.format(target),
            if target > hi { "above" } else { "below" }
        )
    });
    ChartSpec {
        id: "goal-scan",
        title: format!("{} by {}", kpi.label, input.label),
        x_title: if input.unit.is_empty() {
            input.label.clone()
        } else {
            format!("{} ({})", input.label, input.unit)
        },
        y_title: kpi.label.to_owned(),
        x_labels: labels,
        y_format: format,
        series,
        markers,
        note,
        y2: None,
        stacked: false,
        x_period: None,
        x_values: Some(XValues {
            name: input.label.clone(),
            category: "Scanned value".to_owned(),
            values: shown,
            format: ValueFormat::Number,
        }),
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{decide, fields, kpis, Scenario};

    #[test]
    fn the_scan_chart_has_the_scanned_kpi_the_target_and_the_solution_marked() {
        let s = Scenario::default();
        let goal = decide::Goal {
            input: "contract.monthly_commitment".into(),
            kpi: "vs-best-alternative".into(),
            target: 0.0,
            from: None,
            to: None,
        };
        let sol = decide::solve(&s, &goal).unwrap();
        let input = fields::field(&s, &goal.input).unwrap();
        let (_, kpi) = kpis::kpi(&goal.kpi).unwrap();
        let chart = goal_scan(&sol, &input, kpi, 0.0, ValueFormat::Usd);
        assert_eq!(chart.x_labels.len(), sol.scan.len());
        assert_eq!(chart.series[0].values, sol.scan.iter().map(|p| p[1]).collect::<Vec<_>>());
        assert!(chart.series[1].values.iter().all(|v| *v == 0.0));
        assert_eq!(chart.markers.len(), 1);
        // In money as people write it: the scan starts at the slider's $0.1B, on a numeric
        // axis (round ticks, not the scanned points' values).
        assert_eq!(chart.x_labels[0], "$100M / month");
        let xs = chart.x_values.as_ref().expect("numeric x axis");
        assert_eq!(xs.values.len(), sol.scan.len());
        assert!((xs.values[0] - 0.1).abs() < 1e-12);
        assert_eq!(chart.note, None);
    }

    #[test]
    fn a_target_far_from_the_results_values_is_left_off_with_a_note() {
        let s = Scenario::default();
        let input = fields::field(&s, "contract.monthly_commitment").unwrap();
        let (_, kpi) = kpis::kpi("vs-best-alternative").unwrap();
        for (target, side) in [(1e15, "above"), (-1e15, "below")] {
            let goal =
                decide::Goal { input: input.id.clone(), kpi: kpi.id.into(), target, from: None, to: None };
            let sol = decide::solve(&s, &goal).unwrap();
            let chart = goal_scan(&sol, &input, kpi, target, ValueFormat::Usd);
            assert_eq!(chart.series.len(), 1, "{target}");
            let note = chart.note.unwrap();
            assert!(
                note.starts_with("The target, ") && note.contains(&format!("is far {side} these values")),
                "{note}"
            );
        }
        // Just past the values (the solver's "unreachable" by a little): drawn.
        let (lo, _) = decide::solve(
            &s,
            &decide::Goal { input: input.id.clone(), kpi: kpi.id.into(), target: 0.0, from: None, to: None },
        )
        .unwrap()
        .kpi_range();
        let goal = decide::Goal {
            input: input.id.clone(),
            kpi: kpi.id.into(),
            target: lo - 1e9,
            from: None,
            to: None,
        };
        let sol = decide::solve(&s, &goal).unwrap();
        assert_eq!(goal_scan(&sol, &input, kpi, lo - 1e9, ValueFormat::Usd).series.len(), 2);
    }
}
