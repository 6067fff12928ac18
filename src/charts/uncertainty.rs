//! Charts of a Monte Carlo run: the fan of cumulative training compute over the term, and the
//! histogram with the empirical CDF of one result, the threshold marked.

use super::spec::{ChartSpec, Marker, SecondaryAxis, Series, SeriesKind, ValueFormat};
use crate::format;
use crate::model::calendar::YearMonth;
use crate::model::uncertainty::{KpiUnit, Spread, KPIS};

/// How values of a KPI of this unit are written.
pub const fn format_of(unit: KpiUnit) -> ValueFormat {
    match unit {
        KpiUnit::UsdPerGpuHour => ValueFormat::UsdPerGpuHour,
        KpiUnit::Usd => ValueFormat::Usd,
        KpiUnit::Count | KpiUnit::Tonnes => ValueFormat::Count,
        KpiUnit::Share => ValueFormat::Percent,
        KpiUnit::Days => ValueFormat::Days,
        KpiUnit::UsdPerMwh => ValueFormat::UsdPerMwh,
    }
}

/// Cumulative training FLOP by month: the 5–95 % and 25–75 % bands, the median, and the point
/// estimate (`point`, the scenario without uncertainty) for comparison.
pub fn fan(spread: &Spread, months: &[YearMonth], point: &[f64]) -> ChartSpec {
    let column = |k: usize| spread.months.iter().map(|m| m[k]).collect::<Vec<f64>>();
    let band = |name: &str, low: usize, high: usize| Series {
        base: column(low),
        ..Series::new(name, SeriesKind::Band, 0, column(high))
    };
    ChartSpec {
        id: "uncertainty-fan",
        title: "Training compute done, with uncertainty".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "Training FLOP".to_owned(),
        x_labels: super::spec::month_labels(months.iter().copied()),
        y_format: ValueFormat::Flop,
        series: vec![
            band("5–95 % of samples", 0, 4),
            band("25–75 % of samples", 1, 3),
            Series::new("Median", SeriesKind::Line, 0, column(2)),
            Series::new("Point estimate", SeriesKind::Line, 1, point.to_vec()),
        ],
        markers: Vec::new(),
        note: Some(format!(
            "{} of {} samples{}. Bands: 90 % and 50 % of samples fall inside.",
            format::compact(spread.done as f64),
            format::compact(spread.total as f64),
            if spread.invalid > 0 {
                format!(" ({} invalid draws left out)", spread.invalid)
            } else {
                String::new()
            }
        )),
        y2: None,
        stacked: false,
        x_values: None,
    }
}

/// The histogram of KPI `k` with its empirical CDF on the right axis and the threshold's bin
/// marked.
pub fn histogram(spread: &Spread, k: usize, kpi_of_threshold: bool) -> ChartSpec {
    let kpi = &KPIS[k];
    let format = format_of(kpi.unit);
    let bins = &spread.kpis[k].histogram;
    let counts: Vec<f64> = bins.iter().map(|b| b.count as f64).collect();
    let cdf: Vec<f64> = bins.iter().map(|b| b.cumulative).collect();
    let marked = bins
        .iter()
        .position(|b| spread.threshold >= b.low && spread.threshold <= b.high)
        .filter(|_| kpi_of_threshold);
    let markers = marked
        .map(|index| Marker {
            series: 0,
            index,
            label: format!(
                "Threshold {}: {} of samples above",
                format.format(spread.threshold),
                format::percent(spread.exceedance)
            ),
        })
        .into_iter()
        .collect();
    ChartSpec {
        id: "uncertainty-histogram",
        title: format!("{}: distribution", kpi.label),
        x_title: kpi.label.to_owned(),
        y_title: "Samples".to_owned(),
        x_labels: bins.iter().map(|b| format.tick(f64::midpoint(b.low, b.high))).collect(),
        y_format: ValueFormat::Count,
        series: vec![
            Series::new("Samples in range", SeriesKind::Bars, 0, counts),
            Series {
                secondary: true,
                ..Series::new("Share at or below (right axis)", SeriesKind::Line, 1, cdf)
            },
        ],
        markers,
        note: Some(format!(
            "Median {}, 90 % of samples between {} and {}.",
            format.format(spread.kpis[k].summary.p50),
            format.format(spread.kpis[k].summary.p5),
            format.format(spread.kpis[k].summary.p95)
        )),
        y2: Some(SecondaryAxis {
            title: "Share of samples at or below".to_owned(),
            format: ValueFormat::Percent,
        }),
        stacked: false,
        x_values: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{draw::to_svg, theme::LIGHT};
    use crate::model::{evaluate, uncertainty, Scenario};

    #[test]
    fn fan_bands_enclose_the_median_and_draw() {
        let mut s = Scenario::default();
        s.uncertainty.samples = 100;
        let spread = uncertainty::simulate(&s).unwrap();
        let r = evaluate(&s).unwrap();
        let months: Vec<YearMonth> = r.training.months.iter().map(|m| m.month).collect();
        let point: Vec<f64> = r.training.months.iter().map(|m| m.cumulative_flop).collect();
        let spec = fan(&spread, &months, &point);
        let (outer, inner, median) = (&spec.series[0], &spec.series[1], &spec.series[2]);
        for i in 0..months.len() {
            assert!(outer.base[i] <= inner.base[i] && inner.base[i] <= median.values[i]);
            assert!(median.values[i] <= inner.values[i] && inner.values[i] <= outer.values[i]);
        }
        let svg = to_svg(&spec, &LIGHT, 800, 300).unwrap();
        assert!(svg.contains("<polygon"), "bands are drawn as filled polygons");
        let (k, _) = uncertainty::kpi(&s.uncertainty.kpi).unwrap();
        let h = histogram(&spread, k, true);
        let total: f64 = h.series[0].values.iter().sum();
        assert_eq!(total, 100.0, "every sample in one bin");
        assert!(to_svg(&h, &LIGHT, 800, 300).is_ok());
    }
}
