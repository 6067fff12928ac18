//! What a chart shows, independent of how it is drawn: titles, the x categories, series with
//! units. Built from model reports by the `*_chart` functions; drawn by [`super::draw`];
//! rendered as a table by the UI's "show data".

use crate::format;
use serde::Serialize;

/// Axis labels for a run of calendar months ("Jun 2026", …).
pub fn month_labels(months: impl IntoIterator<Item = crate::model::calendar::YearMonth>) -> Vec<String> {
    months.into_iter().map(crate::model::calendar::YearMonth::label).collect()
}

/// How values on the y axis are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ValueFormat {
    /// US dollars, compact: `$1.25B`.
    Usd,
    /// Dollars per accelerator-hour: `$5.26`.
    UsdPerGpuHour,
    /// A plain count, compact: `325K`.
    Count,
    /// Megawatt-hours, shown as MWh, GWh or TWh.
    MegawattHours,
    /// Dollars per megawatt-hour.
    UsdPerMwh,
    /// Grams of CO2 per kWh.
    GramsPerKwh,
    /// Megawatts: `512 MW`, `1.2 GW`.
    Megawatts,
    /// Floating-point operations: `1e26 FLOP`.
    Flop,
    /// Days: `12.3 days`.
    Days,
    /// A share, 0–1, written as a percentage: `42.5 %`.
    Percent,
    /// A plain number to three significant figures (the unit is in the axis title): `12.5`.
    Number,
}

impl ValueFormat {
    /// A value written for a tooltip or table.
    pub fn format(self, v: f64) -> String {
        match self {
            Self::Usd => format::usd(v),
            Self::UsdPerGpuHour => format::usd_per_gpu_hour(v),
            Self::Count => format::compact(v),
            Self::Megawatts => format::megawatts(v),
            Self::MegawattHours => format::megawatt_hours(v),
            Self::UsdPerMwh => format::usd_per_mwh(v),
            Self::GramsPerKwh => format!("{} g/kWh", format::sig3(v)),
            Self::Flop => format::flop(v),
            Self::Days => format::days(v),
            Self::Percent => format::percent(v),
            Self::Number => format::sig3(v),
        }
    }

    /// The unit of the raw numbers (what a CSV holds): "US dollars", "MWh"; empty for counts
    /// and plain numbers.
    pub fn unit(self) -> &'static str {
        match self {
            Self::Usd => "US dollars",
            Self::UsdPerGpuHour => "$ per GPU-hour",
            Self::Count | Self::Number => "",
            Self::Megawatts => "MW",
            Self::MegawattHours => "MWh",
            Self::UsdPerMwh => "$ per MWh",
            Self::GramsPerKwh => "g CO2 per kWh",
            Self::Flop => "FLOP",
            Self::Days => "days",
            Self::Percent => "share, 0 to 1",
        }
    }

    /// `v` with `digits` significant digits (3 is [`ValueFormat::format`]) where the format
    /// counts them (dollars, counts, days), or a decimal more for each digit past 3 where it
    /// has fixed decimals (prices, shares); FLOP and plain numbers are as `format`.
    pub fn format_to(self, v: f64, digits: u8) -> String {
        let more = usize::from(digits.saturating_sub(3));
        match self {
            Self::Usd => format::usd_to(v, digits),
            Self::Count => format::compact_to(v, digits),
            Self::Days => format::days_to(v, digits),
            Self::Percent => format::percent_to(v, 1 + more),
            Self::UsdPerGpuHour => format::dollars_and_cents(v, 2 + more),
            Self::UsdPerMwh if v.is_finite() => format!("{}/MWh", format::dollars_and_cents(v, 2 + more)),
            _ => self.format(v),
        }
    }

    /// The fewest significant digits, 3 to 6, at which the different finite `values` all read
    /// differently ([`ValueFormat::format_to`]): "$28.21B" and "$28.24B" rather than "$28.2B"
    /// twice. 3 when no count of digits tells them apart.
    pub fn digits_apart(self, values: &[f64]) -> u8 {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        crate::model::uncertainty::stats::sort(&mut sorted);
        sorted.dedup();
        (3..=6)
            .find(|d| sorted.windows(2).all(|w| self.format_to(w[0], *d) != self.format_to(w[1], *d)))
            .unwrap_or(3)
    }

    /// `values` written as labels along an axis: short ticks, or as many digits as tell them
    /// apart when three do not ("99.992 %", "99.994 %", not "99.99 %" twice).
    pub fn labels_apart(self, values: &[f64]) -> Vec<String> {
        let digits = self.digits_apart(values);
        values.iter().map(|v| if digits > 3 { self.format_to(*v, digits) } else { self.tick(*v) }).collect()
    }

    /// A value written for an axis tick (shorter where it can be).
    pub fn tick(self, v: f64) -> String {
        match self {
            // Zero needs no unit: "0 MWh" under "100 GWh" read as two units on one axis.
            Self::MegawattHours | Self::Megawatts if v == 0.0 => "0".to_owned(),
            // Ticks are round numbers: "$100", not "$100.00/MWh" (the axis title gives the unit).
            Self::UsdPerMwh => format!("${}", format::sig3(v)),
            Self::GramsPerKwh | Self::Days => format::sig3(v),
            Self::Flop => format::scientific(v),
            _ => self.format(v),
        }
    }
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SeriesKind {
    /// A line.
    Line,
    /// A step line: each value holds until the next category, where the line rises or falls
    /// straight to the next value (for quantities that only change at levels, e.g. a chance
    /// over capacity levels; a diagonal would claim values in between).
    Step,
    /// A line with the area down to zero filled.
    Area,
    /// One bar per category.
    Bars,
    /// The area between [`Series::base`] and the values (e.g. a percentile band).
    Band,
    /// One labelled dot per category at ([`ChartSpec::x_values`], value): a scatter.
    Points,
}

/// One named series, one value per x category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// Legend name.
    pub name: String,
    /// How it is drawn.
    pub kind: SeriesKind,
    /// Index into the palette.
    pub color: usize,
    /// One value per x category; non-finite values are gaps.
    pub values: Vec<f64>,
    /// A category drawn in the emphasis colour (e.g. the cheapest option), for bars.
    pub highlight: Option<usize>,
    /// Plotted against the right-hand axis ([`ChartSpec::y2`]).
    pub secondary: bool,
    /// The lower edge of a [`SeriesKind::Band`], one per category (empty otherwise).
    pub base: Vec<f64>,
}

impl Series {
    /// A series with no highlighted point.
    pub fn new(name: impl Into<String>, kind: SeriesKind, color: usize, values: Vec<f64>) -> Self {
        Self { name: name.into(), kind, color, values, highlight: None, secondary: false, base: Vec::new() }
    }
}

/// The opacity of a [`SeriesKind::Band`]'s fill; nested bands of one colour add up.
pub const BAND_ALPHA: f64 = 0.22;

/// A point called out on a series (e.g. a break-even month).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marker {
    /// The series it sits on.
    pub series: usize,
    /// The x category.
    pub index: usize,
    /// What it marks, for tooltips and the data table.
    pub label: String,
}

/// A chart over categorical x values (usually months).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartSpec {
    /// Stable id (used for embeds, exports and tests).
    pub id: &'static str,
    /// Title shown above the chart.
    pub title: String,
    /// The x axis's name.
    pub x_title: String,
    /// The y axis's name, with its unit.
    pub y_title: String,
    /// One label per x category.
    pub x_labels: Vec<String>,
    /// How y values are written.
    pub y_format: ValueFormat,
    /// The series, drawn in order.
    pub series: Vec<Series>,
    /// Points called out on series.
    pub markers: Vec<Marker>,
    /// A note under the chart (assumptions a reader must know).
    pub note: Option<String>,
    /// A right-hand axis for series marked `secondary`.
    pub y2: Option<SecondaryAxis>,
    /// Area series on the left axis are stacked (each drawn on top of the ones before it).
    pub stacked: bool,
    /// Categories that repeat with this period (24 for the hours of days): the axis is ticked on
    /// its multiples counted from the first category (midnights), instead of evenly back from the
    /// last one (the latest month).
    pub x_period: Option<usize>,
    /// A numeric x axis: each category sits at its value instead of in an equal slot (a
    /// scatter). `None` for the usual categorical axis.
    pub x_values: Option<XValues>,
    /// The numbers behind x labels that round them ("81.2K" accelerators, a histogram bin's
    /// edges), as extra CSV columns after the labels; empty when the labels are the data
    /// (months, names).
    pub x_numbers: Vec<XColumn>,
    /// A histogram's value axis: its categories are bins of one width, the axis is ticked at
    /// round values along it ("0, 50M, 100M") rather than at bin centres, and its secondary
    /// series (the share at or below) are drawn at the bins' upper edges.
    pub x_bins: Option<BinAxis>,
}

/// The values under a histogram's equal bins, for ticks at round values between their edges.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BinAxis {
    /// The first bin's lower edge.
    pub first: f64,
    /// The last bin's upper edge.
    pub last: f64,
    /// How the values are written.
    pub format: ValueFormat,
}

impl BinAxis {
    /// The axis under `bins` (`None` for none or for bins of no width).
    pub fn of(bins: &[crate::model::uncertainty::stats::Bin], format: ValueFormat) -> Option<Self> {
        let (first, last) = (bins.first()?.low, bins.last()?.high);
        (last > first).then_some(Self { first, last, format })
    }
}

/// A numeric column behind a chart's x labels, for its CSV.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct XColumn {
    /// The column's header, with its unit.
    pub name: String,
    /// One value per category, unrounded.
    pub values: Vec<f64>,
}

impl XColumn {
    /// The exact values behind the labels of an x axis titled `x_title`.
    pub fn exact(x_title: &str, values: Vec<f64>) -> Self {
        Self { name: format!("{x_title}, exact"), values }
    }

    /// The lower and upper edges of histogram bins over values written as `format`.
    pub fn bin_edges(bins: &[crate::model::uncertainty::stats::Bin], format: ValueFormat) -> Vec<Self> {
        let unit = format.unit();
        let name =
            |edge: &str| if unit.is_empty() { format!("Bin {edge}") } else { format!("Bin {edge} ({unit})") };
        vec![
            Self { name: name("from"), values: bins.iter().map(|b| b.low).collect() },
            Self { name: name("to"), values: bins.iter().map(|b| b.high).collect() },
        ]
    }
}

/// The numeric x position of every category, for a scatter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct XValues {
    /// What the x value is, with its unit, for tooltips and the data table's column.
    pub name: String,
    /// What each category (each dot) is, for the data table's first column.
    pub category: String,
    /// One x value per category; a category with a non-finite value is left out.
    pub values: Vec<f64>,
    /// How they are written (the axis's name is [`ChartSpec::x_title`]).
    pub format: ValueFormat,
}

/// A right-hand y axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecondaryAxis {
    /// The axis's name, with its unit.
    pub title: String,
    /// How its values are written.
    pub format: ValueFormat,
}

impl ChartSpec {
    /// How series `i`'s values are written (its axis's format).
    pub fn format_of(&self, i: usize) -> ValueFormat {
        match (&self.y2, self.series.get(i)) {
            (Some(y2), Some(s)) if s.secondary => y2.format,
            _ => self.y_format,
        }
    }

    /// Series `k`'s column header in the data table and CSV: its name, without the legend's
    /// "(right axis)", and its axis title (the unit).
    pub fn column_title(&self, k: usize) -> String {
        let name = self.series.get(k).map_or("", |s| s.name.trim_end_matches(" (right axis)"));
        let unit = self.unit_of(k);
        // "Samples in range (Samples)" says its unit twice: the longer text alone.
        let (n, u) = (name.to_ascii_lowercase(), unit.to_ascii_lowercase());
        if n.contains(&u) {
            name.to_owned()
        } else if u.contains(&n) {
            unit.to_owned()
        } else {
            format!("{name} ({unit})")
        }
    }

    /// The title of series `i`'s axis (its unit).
    pub fn unit_of(&self, i: usize) -> &str {
        match (&self.y2, self.series.get(i)) {
            (Some(y2), Some(s)) if s.secondary => &y2.title,
            _ => &self.y_title,
        }
    }

    /// How opaque series `i` looks where it is drawn, for its legend swatch: 1 for lines, bars
    /// and dots; a band is filled at [`BAND_ALPHA`] over the bands of its colour before it (the
    /// bands of a fan are nested, the narrow one drawn last), so the k-th looks 1 − (1 − α)^k.
    pub fn swatch_alpha(&self, i: usize) -> f64 {
        let Some(series) = self.series.get(i).filter(|s| s.kind == SeriesKind::Band) else { return 1.0 };
        let layers = self.series[..=i]
            .iter()
            .filter(|s| s.kind == SeriesKind::Band && s.color == series.color)
            .count();
        1.0 - (1.0 - BAND_ALPHA).powf(layers as f64)
    }

    /// The x range of a chart with [`ChartSpec::x_values`]: the values' span widened by 8 % on
    /// each side, so no dot sits on the frame. Never empty; `(0, 1)` without x values.
    pub fn x_range(&self) -> (f64, f64) {
        padded_range(self.x_values.iter().flat_map(|x| x.values.iter().copied()), 0.08, true)
    }

    /// The hoverable points of a chart with numeric x values, one per category: its x value
    /// and the first visible [`SeriesKind::Points`], [`SeriesKind::Line`] or [`SeriesKind::Step`] series' value (NaN
    /// where either is missing). Empty for a categorical chart or when no such series is shown.
    pub fn dots(&self, visible: &[bool]) -> Vec<(f64, f64)> {
        let Some(xs) = &self.x_values else { return Vec::new() };
        let Some(series) = self.series.iter().enumerate().find(|(i, s)| {
            matches!(s.kind, SeriesKind::Points | SeriesKind::Line | SeriesKind::Step)
                && visible.get(*i).copied().unwrap_or(true)
        }) else {
            return Vec::new();
        };
        (0..self.x_labels.len())
            .map(|i| {
                (
                    xs.values.get(i).copied().unwrap_or(f64::NAN),
                    series.1.values.get(i).copied().unwrap_or(f64::NAN),
                )
            })
            .collect()
    }

    /// The header of the x value column in tables and CSV (for charts with numeric x values):
    /// the axis title when it already names the value, else "name (axis title)".
    pub fn x_column_title(&self) -> Option<String> {
        let x = self.x_values.as_ref()?;
        Some(if self.x_title.starts_with(&x.name) {
            self.x_title.clone()
        } else {
            format!("{} ({})", x.name, self.x_title)
        })
    }

    /// The header of the category column in tables and CSV: what the dots are for a scatter,
    /// the x axis's name otherwise.
    pub fn category_title(&self) -> &str {
        self.x_values.as_ref().map_or(&self.x_title, |x| &x.category)
    }

    /// The values as drawn: for a stacked chart, each visible left-axis area series is the
    /// running sum of the visible ones up to it; otherwise the values themselves.
    pub fn plotted(&self, visible: &[bool]) -> Vec<Vec<f64>> {
        let shown = |i: usize| visible.get(i).copied().unwrap_or(true);
        let mut base = vec![0.0; self.x_labels.len()];
        self.series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if !(self.stacked && s.kind == SeriesKind::Area && !s.secondary && shown(i)) {
                    return s.values.clone();
                }
                for (b, v) in base.iter_mut().zip(&s.values) {
                    *b += if v.is_finite() { *v } else { 0.0 };
                }
                base.clone()
            })
            .collect()
    }

    /// The y range covering the visible series on one axis (`secondary` picks the right-hand
    /// one), from zero (or below, for negatives) to a little above the top so lines do not touch
    /// the frame; with numeric x values (a scatter or one-way line) just the values' span, padded
    /// both ways, so a change of a few percent is not drawn flat. Never empty.
    pub fn y_range(&self, visible: &[bool], secondary: bool) -> (f64, f64) {
        let plotted = self.plotted(visible);
        let values = self
            .series
            .iter()
            .zip(&plotted)
            .enumerate()
            .filter(|(i, (s, _))| visible.get(*i).copied().unwrap_or(true) && s.secondary == secondary)
            .flat_map(|(_, (s, p))| p.iter().chain(&s.base).copied());
        // The right axis gets more headroom than the left, so a right-axis line that rises with
        // a left-axis one (facility power with accelerators) runs below it instead of over it.
        // A scatter's dots and their names get a tenth of the span above and below.
        let tight = self.x_values.is_some();
        padded_range(
            values,
            if secondary {
                0.25
            } else if tight {
                0.1
            } else {
                0.06
            },
            tight,
        )
    }
}

/// The range of the finite values widened by `pad` of its span: from zero (or the lowest
/// negative, padded) to the highest, or, when `tight`, from the lowest to the highest, padded
/// both ways but not below zero for non-negative values. Never empty.
fn padded_range(values: impl Iterator<Item = f64>, pad: f64, tight: bool) -> (f64, f64) {
    let start = if tight { (f64::INFINITY, f64::NEG_INFINITY) } else { (0.0, 0.0) };
    let (lo, hi) = values.filter(|v| v.is_finite()).fold(start, |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let (bottom, top) = if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        // One value: a window around it (±5 %, or ±0.5 around zero).
        if !tight {
            // Every value is zero (the range always includes zero).
            return (lo, lo + 1.0);
        }
        let half = if lo == 0.0 { 0.5 } else { lo.abs() * 0.05 };
        (lo - half, lo + half)
    } else {
        let pad = (hi - lo) * pad;
        (if tight || lo < 0.0 { lo - pad } else { lo }, hi + pad)
    };
    // Padding never takes an axis of non-negative values below zero, nor (tight) one of
    // non-positive values above it.
    let bottom = if lo >= 0.0 { bottom.max(0.0) } else { bottom };
    let top = if tight && hi <= 0.0 && lo < 0.0 { top.min(0.0) } else { top };
    (bottom, top)
}

#[cfg(test)]
mod tests {
    use super::padded_range;

    #[test]
    fn different_values_read_differently() {
        use super::ValueFormat;
        let apart = |f: ValueFormat, values: &[f64]| {
            let d = f.digits_apart(values);
            values.iter().map(|v| f.format_to(*v, d)).collect::<Vec<_>>()
        };
        // In any order (the ends of a tornado's rows), not only neighbours.
        let close = [28.262e9, 28.214e9, 28.236e9, 28.214e9];
        assert_eq!(apart(ValueFormat::Usd, &close), ["$28.26B", "$28.21B", "$28.24B", "$28.21B"]);
        // Apart already: as `format`.
        let nan = ValueFormat::Usd.format(f64::NAN);
        assert_eq!(apart(ValueFormat::Usd, &[1e9, 2e9, f64::NAN]), ["$1B", "$2B", nan.as_str()]);
        assert_eq!(apart(ValueFormat::Count, &[8_506_100.0, 8_509_900.0]), ["8.506M", "8.51M"]);
        // Formats with fixed decimals take more of them; durations more digits.
        assert_eq!(apart(ValueFormat::Days, &[19.51, 19.52]), ["19.51 days", "19.52 days"]);
        assert_eq!(apart(ValueFormat::Days, &[19.5, 21.0]), ["19.5 days", "21 days"]);
        assert_eq!(apart(ValueFormat::UsdPerGpuHour, &[4.512, 4.508]), ["$4.512", "$4.508"]);
        assert_eq!(apart(ValueFormat::UsdPerGpuHour, &[4.51, 4.62]), ["$4.51", "$4.62"]);
        assert_eq!(apart(ValueFormat::UsdPerMwh, &[71.231, 71.234]), ["$71.231/MWh", "$71.234/MWh"]);
        assert_eq!(apart(ValueFormat::Percent, &[0.9012, 0.9014]), ["90.12 %", "90.14 %"]);
        assert_eq!(apart(ValueFormat::Percent, &[0.9, 0.95]), ["90 %", "95 %"]);
        // Still no share short of the whole reads as all of it.
        assert_eq!(ValueFormat::Percent.format_to(0.999_999, 5), "99.9999 %");
    }

    #[test]
    fn a_zero_tick_has_no_unit_to_disagree_with_the_others() {
        use super::ValueFormat;
        assert_eq!(ValueFormat::MegawattHours.tick(0.0), "0");
        assert_eq!(ValueFormat::MegawattHours.tick(1e5), "100 GWh");
        assert_eq!(ValueFormat::Megawatts.tick(0.0), "0");
        assert_eq!(ValueFormat::Megawatts.tick(1500.0), "1.5 GW");
        assert_eq!(ValueFormat::MegawattHours.format(0.0), "0 MWh", "tooltips keep the unit");
    }

    #[test]
    fn ranges_start_at_zero_unless_tight_and_padding_never_crosses_zero() {
        let r = |v: &[f64], tight| padded_range(v.iter().copied(), 0.1, tight);
        assert_eq!(r(&[50.0, 100.0], false), (0.0, 110.0));
        assert_eq!(r(&[50.0, 100.0], true), (45.0, 105.0));
        assert_eq!(r(&[2.0, 100.0], true), (0.0, 109.8), "2 − 9.8 would cross zero");
        assert_eq!(r(&[-10.0, 10.0], true), (-12.0, 12.0));
        assert_eq!(r(&[-10.0, 10.0], false), (-12.0, 12.0));
        assert_eq!(r(&[f64::NAN], true), (0.0, 1.0));
        assert_eq!(r(&[], false), (0.0, 1.0));
        let close = |(a, b): (f64, f64), (c, d): (f64, f64)| (a - c).abs() < 1e-12 && (b - d).abs() < 1e-12;
        assert!(close(r(&[8.0, 8.0], true), (7.6, 8.4)), "a single value gets a window around it");
        assert_eq!(r(&[0.0], true), (0.0, 0.5), "…never below zero");
        assert!(close(r(&[-10.0, -2.0], true), (-10.8, -1.2)));
        assert!(close(r(&[-10.0, -0.5], true), (-10.95, 0.0)), "…nor above zero for negatives");
        assert!(close(r(&[3.0], false), (0.0, 3.3)));
        assert_eq!(r(&[0.0, 0.0], false), (0.0, 1.0));
    }
}
