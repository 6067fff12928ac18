//! Charts of the resilience simulation: the chance capacity falls below each level during the
//! term for the plan and the two counterfactual layouts, and the distribution of GPU-hours lost.

use super::spec::{BinAxis, ChartSpec, SecondaryAxis, Series, SeriesKind, ValueFormat, XColumn};
use super::uncertainty::{bars_with_cdf, bin_labels};
use crate::format;
use crate::model::resilience::{level, Layout, ResilienceReport, LEVELS};

/// For each capacity level (5 % … 100 % of the fleet), the probability that available capacity
/// falls below it at some moment of the term: one line per layout.
pub fn capacity_curve(report: &ResilienceReport) -> ChartSpec {
    let plan = report.of(Layout::AsPlanned);
    let half = LEVELS / 2 - 1;
    ChartSpec {
        id: "resilience-capacity",
        title: "Chance capacity falls below each level during the term".to_owned(),
        x_title: "Capacity available (share of the fleet)".to_owned(),
        y_title: "Probability over the term".to_owned(),
        x_labels: (0..LEVELS).map(|k| format!("< {}", format::percent(level(k)))).collect(),
        y_format: ValueFormat::Percent,
        series: report
            .layouts
            .iter()
            .enumerate()
            .map(|(i, l)| Series::new(l.layout.label(), SeriesKind::Step, i, l.p_below.clone()))
            .collect(),
        markers: Vec::new(),
        note: Some(format!(
            "{} draws of the term's outages per layout. As planned, capacity falls below half the fleet at some point with probability {} (all at the largest site: {}; each site in its own region: {}).{}",
            format::compact(f64::from(report.samples)),
            format::percent(plan.p_below[half]),
            format::percent(report.of(Layout::OneSite).p_below[half]),
            format::percent(report.of(Layout::Spread).p_below[half]),
            coinciding(report),
        )),
        y2: None,
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// A sentence naming the layouts whose lines coincide (the last drawn hides the others), or
/// nothing. Every layout draws the same outages, so layouts that are the same (one site in one
/// region) have the same line.
fn coinciding(report: &ResilienceReport) -> String {
    let l = &report.layouts;
    let same = |a: usize, b: usize| l[a].p_below == l[b].p_below;
    let name = |i: usize| l[i].layout.label().to_ascii_lowercase();
    if l.len() == 3 && same(0, 1) && same(1, 2) {
        return " The three layouts' lines coincide here: one line shows them all.".to_owned();
    }
    let mut out = String::new();
    for (a, b) in [(0, 1), (0, 2), (1, 2)] {
        if b < l.len() && same(a, b) {
            out.push_str(" “");
            out.push_str(l[a].layout.label());
            out.push_str("” and “");
            out.push_str(&name(b));
            out.push_str("” coincide here: one line hides the other.");
        }
    }
    out
}

/// The distribution of GPU-hours lost over the term as planned, with its empirical CDF on the
/// right axis.
pub fn lost_histogram(report: &ResilienceReport) -> ChartSpec {
    let plan = report.of(Layout::AsPlanned);
    let bins = &plan.lost_histogram;
    let s = &plan.lost_gpu_hours;
    ChartSpec {
        id: "resilience-lost",
        title: "GPU-hours lost to outages over the term, as planned".to_owned(),
        x_title: "GPU-hours lost".to_owned(),
        y_title: "Draws".to_owned(),
        x_labels: bin_labels(bins, ValueFormat::Count),
        y_format: ValueFormat::Count,
        series: bars_with_cdf(bins, "Draws in range"),
        markers: Vec::new(),
        note: Some(format!(
            "Mean {} GPU-hours ({} of the term's capacity); median {}, 95th percentile {}. {} of draws see at least one outage.",
            format::compact(s.mean),
            format::percent(1.0 - plan.availability),
            format::compact(s.p50),
            format::compact(s.p95),
            format::percent(plan.p_any_event)
        )),
        y2: Some(SecondaryAxis { title: "Share of draws at or below".to_owned(), format: ValueFormat::Percent }),
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: BinAxis::of(bins, ValueFormat::Count),
        x_numbers: XColumn::bin_edges(bins, ValueFormat::Count),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{draw::to_svg, theme::LIGHT};
    use crate::model::{resilience, Scenario};

    #[test]
    fn the_capacity_curve_has_a_line_per_layout_and_the_histogram_every_draw() {
        let mut s = Scenario::default();
        s.resilience.samples = 2_000;
        let report = resilience::simulate(&s).unwrap();
        let curve = capacity_curve(&report);
        assert_eq!(curve.series.len(), 3);
        for (series, layout) in curve.series.iter().zip(&report.layouts) {
            assert_eq!(series.name, layout.layout.label());
            assert_eq!(series.values, layout.p_below);
            // Falling below a higher level is never less likely than below a lower one.
            assert!(series.values.windows(2).all(|w| w[0] <= w[1]));
        }
        assert_eq!(curve.x_labels[9], "< 50 %");
        // The two sites are apart: no line hides another. One site in one region: all three
        // layouts are that site, draw the same outages and say so; three sites in two regions,
        // one alone in its region: as planned is each site in its own region.
        assert!(!curve.note.as_deref().unwrap().contains("coincide"));
        let one = crate::model::presets::by_id("own-1gw-campus").unwrap().scenario();
        let note = capacity_curve(&resilience::simulate(&one).unwrap()).note.unwrap();
        assert!(note.ends_with("The three layouts' lines coincide here: one line shows them all."), "{note}");
        let three = crate::model::presets::by_id("three-sites").unwrap().scenario();
        let note = capacity_curve(&resilience::simulate(&three).unwrap()).note.unwrap();
        assert!(
            note.ends_with(
                "“As planned” and “each site in its own region” coincide here: one line hides the other."
            ),
            "{note}"
        );
        let svg = to_svg(&curve, &LIGHT, 800, 300).unwrap();
        // Each line is a staircase: every segment is level or upright, never a diagonal.
        let lines: Vec<Vec<(f64, f64)>> = svg
            .split("<polyline")
            .skip(1)
            .filter_map(|l| l.split("points=\"").nth(1)?.split('"').next())
            .map(|p| {
                p.split_whitespace()
                    .filter_map(|xy| xy.split_once(','))
                    .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
                    .collect()
            })
            .filter(|l: &Vec<(f64, f64)>| l.len() > 2 * LEVELS - 2)
            .collect();
        assert_eq!(lines.len(), 3, "a staircase per layout");
        for line in &lines {
            assert!(line.windows(2).all(|w| w[0].0 == w[1].0 || w[0].1 == w[1].1), "a diagonal in {line:?}");
        }
        // The highest level is labelled (plotters' own ticks stopped at "< 95 %").
        assert!(svg.contains("&lt; 100 %"), "no label for the last level");
        let h = lost_histogram(&report);
        assert_eq!(h.series[0].values.iter().sum::<f64>(), 2_000.0);
        assert_eq!(h.series[1].values.last().copied(), Some(1.0));
        assert!(to_svg(&h, &LIGHT, 800, 300).is_ok());
    }
}
