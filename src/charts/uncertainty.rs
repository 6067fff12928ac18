//! Charts of a Monte Carlo run: the fan of cumulative training compute over the term, and the
//! histogram with the empirical CDF of one result, the threshold marked.

use super::spec::{
    BinAxis, ChartSpec, Marker, SecondaryAxis, Series, SeriesKind, ValueFormat, XColumn, XValues,
};
use crate::format;
use crate::model::calendar::YearMonth;
use crate::model::fields::Field;
use crate::model::uncertainty::dist::Sampler;
use crate::model::uncertainty::stats::Bin;
use crate::model::uncertainty::{Kpi, KpiUnit, Spread, KPIS};

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

/// A distribution drawn small next to its input: equal-width bins between its 1st and 99th
/// percentiles, each bar the probability in its bin.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The 1st percentile (model units).
    pub low: f64,
    /// The 99th percentile.
    pub high: f64,
    /// Probability in each bin (they add up to 0.98, the mass between the two percentiles).
    pub heights: Vec<f64>,
}

/// Quantile-function evaluations behind a preview.
const PREVIEW_DRAWS: usize = 980;

/// The preview of `sampler` in `bins` bars: the quantile function at evenly spaced
/// probabilities between 1 % and 99 %, counted into bins (exact for any distribution, with no
/// random draws). A point mass (fixed value) is one bar in the middle.
pub fn preview(sampler: &Sampler, bins: usize) -> Preview {
    let bins = bins.max(1);
    let (low, high) = (sampler.quantile(0.01), sampler.quantile(0.99));
    let mut heights = vec![0.0; bins];
    let mass = 1.0 / PREVIEW_DRAWS as f64 * 0.98;
    for k in 0..PREVIEW_DRAWS {
        let x = sampler.quantile(0.01 + 0.98 * (k as f64 + 0.5) / PREVIEW_DRAWS as f64);
        let at = if high - low > f64::EPSILON * high.abs().max(1.0) {
            (((x - low) / (high - low)) * bins as f64).floor().clamp(0.0, (bins - 1) as f64) as usize
        } else {
            bins / 2
        };
        heights[at] += mass;
    }
    Preview { low, high, heights }
}

/// The one-way sensitivity ("spider") line: `kpi` as `input` walks from its 5th to its 95th
/// percentile (`line`, model units, from [`crate::model::uncertainty::Simulation::one_way`]),
/// the other inputs at their point values. `point` (input, KPI) is the point estimate, which
/// lies on the same line: it is put in its place and marked.
pub fn one_way(input: &Field, kpi: &Kpi, line: &[(f64, f64)], point: (f64, f64)) -> ChartSpec {
    let mut line = line.to_vec();
    let at = line.iter().position(|(x, _)| *x > point.0).unwrap_or(line.len());
    let marked = if line.iter().any(|(x, _)| *x == point.0) {
        line.iter().position(|(x, _)| *x == point.0).unwrap_or(at)
    } else {
        line.insert(at, point);
        at
    };
    let shown: Vec<f64> = line.iter().map(|(x, _)| x / input.scale).collect();
    let f = format_of(kpi.unit);
    ChartSpec {
        id: "mc-one-way",
        // A registry label reads in lower case in the sentence, keeping its acronyms ("model FLOP
        // utilization"); a per-scenario field's label starts with a name users gave (a site's,
        // an accelerator's), kept as written.
        title: format!(
            "{} as {} moves",
            kpi.label,
            if input.spec().is_some() { format::in_sentence(&input.label) } else { input.label.clone() }
        ),
        x_title: format!("{} ({})", input.label, input.unit),
        y_title: kpi.label.to_owned(),
        x_labels: shown.iter().map(|x| crate::model::inputs::in_unit(&format::sig3(*x), input.unit)).collect(),
        y_format: f,
        series: vec![Series::new(kpi.label, SeriesKind::Line, 0, line.iter().map(|(_, y)| *y).collect())],
        markers: vec![Marker { series: 0, index: marked, label: "point estimate".to_owned() }],
        note: Some(format!(
            "The widest bar above, walked from its 5th to its 95th percentile with every other input at its point value; the ringed point is the point estimate ({} at {}).",
            f.format(point.1),
            crate::model::inputs::in_unit(&format::sig3(point.0 / input.scale), input.unit)
        )),
        y2: None,
        stacked: false,
        x_period: None,
        x_values: Some(XValues {
            name: input.label.clone(),
            category: format!("{} ({})", input.label, input.unit),
            values: shown,
            format: ValueFormat::Number,
        }),
        x_bins: None,
        x_numbers: Vec::new(),
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
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// Each bin's label: its midpoint written as a tick.
pub fn bin_labels(bins: &[Bin], format: ValueFormat) -> Vec<String> {
    let mids: Vec<f64> = bins.iter().map(|b| f64::midpoint(b.low, b.high)).collect();
    // A narrow spread of dollars read "$28.2B" under five bins: as many digits as tell them apart.
    format.labels_apart(&mids)
}

/// A histogram's two series: the count in each bin (bars named `bars`) and the share at or
/// below each bin's upper edge on the right axis.
pub fn bars_with_cdf(bins: &[Bin], bars: &str) -> Vec<Series> {
    vec![
        Series::new(bars, SeriesKind::Bars, 0, bins.iter().map(|b| b.count as f64).collect()),
        Series {
            secondary: true,
            ..Series::new(
                "Share at or below (right axis)",
                SeriesKind::Line,
                1,
                bins.iter().map(|b| b.cumulative).collect(),
            )
        },
    ]
}

/// The histogram of KPI `k` with its empirical CDF on the right axis and the threshold's bin
/// marked.
pub fn histogram(spread: &Spread, k: usize, kpi_of_threshold: bool) -> ChartSpec {
    let kpi = &KPIS[k];
    let format = format_of(kpi.unit);
    let bins = &spread.kpis[k].histogram;
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
        x_labels: bin_labels(bins, format),
        y_format: ValueFormat::Count,
        series: bars_with_cdf(bins, "Samples in range"),
        markers,
        note: Some({
            let summary = &spread.kpis[k].summary;
            let digits = format.digits_apart(&[summary.p5, summary.p50, summary.p95]);
            let shown = |v: f64| format.format_to(v, digits);
            let (p5, p95) = (shown(summary.p5), shown(summary.p95));
            // "between 100 % and 100 %" read as broken: a band too narrow to show is said so.
            let band =
                if p5 == p95 { format!("at {p5} as shown") } else { format!("between {p5} and {p95}") };
            format!("Median {}, 90 % of samples {band}.", shown(summary.p50))
        }),
        y2: Some(SecondaryAxis {
            title: "Share of samples at or below".to_owned(),
            format: ValueFormat::Percent,
        }),
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: BinAxis::of(bins, format),
        x_numbers: XColumn::bin_edges(bins, format),
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
        // The legend tells the bands apart: the inner one looks as dark as where it overlies
        // the outer, the lines are solid.
        let alphas: Vec<f64> = (0..4).map(|i| spec.swatch_alpha(i)).collect();
        assert!(
            (alphas[0] - 0.22).abs() < 1e-12 && (alphas[1] - (1.0 - 0.78 * 0.78)).abs() < 1e-12,
            "{alphas:?}"
        );
        assert_eq!(&alphas[2..], &[1.0, 1.0]);
        let legend = crate::charts::frame::legend(&spec, &LIGHT, &[]);
        assert_eq!(legend[0].0, LIGHT.over_background(0, 0.22));
        assert_ne!(legend[0].0, legend[1].0);
        assert_eq!(legend[2].0, LIGHT.color(0));
        let (k, _) = uncertainty::kpi(&s.uncertainty.kpi).unwrap();
        let h = histogram(&spread, k, true);
        let total: f64 = h.series[0].values.iter().sum();
        assert_eq!(total, 100.0, "every sample in one bin");
        assert!(to_svg(&h, &LIGHT, 800, 300).is_ok());
    }

    #[test]
    fn previews_show_each_distribution_shape() {
        use crate::model::uncertainty::dist::Dist;
        let range = (0.0, 100.0);
        let of = |d: Dist| preview(&d.sampler(range), 10);
        let flat = of(Dist::Uniform { low: 10.0, high: 20.0 });
        assert!((flat.low - 10.1).abs() < 1e-9 && (flat.high - 19.9).abs() < 1e-9);
        for h in &flat.heights {
            assert!((h - 0.098).abs() < 0.002, "uniform bins are level: {:?}", flat.heights);
        }
        assert!((flat.heights.iter().sum::<f64>() - 0.98).abs() < 1e-9);
        let peak = of(Dist::Triangular { low: 0.0, mode: 50.0, high: 100.0 });
        let (top, _) =
            peak.heights.iter().enumerate().fold((0, 0.0), |b, (i, h)| if *h > b.1 { (i, *h) } else { b });
        assert!(top == 4 || top == 5, "a symmetric triangle peaks mid-range: {:?}", peak.heights);
        assert!(peak.heights[0] < peak.heights[4] / 4.0);
        let point = of(Dist::Fixed { value: 30.0 });
        assert_eq!((point.low, point.high), (30.0, 30.0));
        assert!((point.heights[5] - 0.98).abs() < 1e-9, "a fixed value is one bar: {:?}", point.heights);
    }

    #[test]
    fn the_one_way_title_keeps_an_inputs_acronym() {
        let s = Scenario::default();
        let (_, kpi) = uncertainty::kpi(&s.uncertainty.kpi).unwrap();
        let mfu = crate::model::fields::field(&s, "training.mfu").unwrap();
        assert_eq!(mfu.label, "Model FLOP utilization");
        let spec = one_way(&mfu, kpi, &[(0.38, 1.0), (0.43, 2.0)], (0.4, 1.5));
        assert!(spec.title.ends_with(" as model FLOP utilization moves"), "{}", spec.title);
    }

    #[test]
    fn the_one_way_line_is_drawn_at_its_input_values_in_display_units() {
        let s = Scenario::default();
        let sim = uncertainty::Simulation::new(&s).unwrap();
        let (k, kpi) = uncertainty::kpi(&s.uncertainty.kpi).unwrap();
        let top = sim.tornado(k).remove(0);
        let line = sim.one_way(&top.id, k, 11).unwrap();
        let input = crate::model::fields::field(&s, &top.id).unwrap();
        let point = (input.get(&s), (kpi.value)(&evaluate(&s).unwrap()));
        let spec = one_way(&input, kpi, &line, point);
        let xs = &spec.x_values.as_ref().unwrap().values;
        // The 11 steps and the point estimate in its place, marked.
        let mut with_point = line.clone();
        with_point.push(point);
        with_point.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(xs.len(), 12);
        for ((x, y), (shown, dot)) in with_point.iter().zip(xs.iter().zip(spec.dots(&[]))) {
            assert_eq!(*shown, x / input.scale);
            assert_eq!(dot, (*shown, *y));
        }
        let m = &spec.markers[0];
        assert_eq!(spec.dots(&[])[m.index], (point.0 / input.scale, point.1));
        assert_eq!(m.label, "point estimate");
        // The y axis spans the line, not zero to the top: a few percent is not drawn flat.
        let (lo, hi) = spec.y_range(&[], false);
        let (min, max) =
            line.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (_, y)| (a.min(*y), b.max(*y)));
        assert!(lo > 0.0 && lo <= min && hi >= max, "{lo}..{hi} around {min}..{max}");
        let svg = to_svg(&spec, &LIGHT, 800, 300).unwrap();
        assert!(svg.contains("<polyline"), "drawn as a line");
        assert!(svg.contains(input.unit));
    }
}
