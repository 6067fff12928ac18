//! Draws a [`ChartSpec`] on any plotters backend: `<canvas>` in the browser, SVG in tests and
//! exports. All sizes scale with `scale` (device pixels per CSS pixel) so charts stay crisp on
//! high-DPI screens; tick counts follow the pixel width so labels never overlap.

use super::frame;
use super::geometry::PlotGeometry;
use super::spec::{BinAxis, ChartSpec, SeriesKind};
use super::theme::Theme;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The font family charts use (the system UI font; nothing is downloaded). The enum, not the
/// text "sans-serif": plotters reads a family given as text through `str::to_lowercase`, which
/// brings Unicode's case tables into the site.
pub const FONT: FontFamily<'static> = FontFamily::SansSerif;

/// Widest x tick label we allow room for, in CSS px ("Sep 2027" at 12 px is about 56 px).
const X_LABEL_SLOT: f64 = 84.0;
/// Tick label size, in CSS px.
const LABEL_PX: f64 = 13.5;
/// Vertical room per y tick label, in CSS px.
const Y_LABEL_SLOT: f64 = 44.0;

/// An x axis whose ticks are given ([`draw`] picks them). Every chart's x axis is one (the
/// secondary axes' and the heatmap's too), so plotters' drawing code is compiled for one
/// coordinate type: a second would add about 9 KB gzip to the site.
#[derive(Clone)]
pub(super) struct Ticked {
    range: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Ticked {
    /// `range` with plotters' own round-number ticks, about `count` of them.
    pub(super) fn round(range: std::ops::Range<f64>, count: usize) -> Self {
        let range = RangedCoordf64::from(range);
        let ticks = range.key_points(count);
        Self { range, ticks }
    }
}

impl Ranged for Ticked {
    // Labels always come from the chart's own formatter.
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.range.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.range.range()
    }
}

/// At most `most` of `n` category indices, evenly spaced and counted back from the last one.
/// When a spacing up to twice the closest that fits divides the axis evenly, that one, so the
/// first category is labelled too (36 months: every 5th, 7th or the two ends).
fn category_ticks(n: usize, most: usize) -> Vec<f64> {
    let fits = n.saturating_sub(1).div_ceil(most.max(2) - 1).max(1);
    let step = (fits..=2 * fits).find(|d| n.saturating_sub(1).is_multiple_of(*d)).unwrap_or(fits);
    let mut ticks: Vec<f64> = (0..n).rev().step_by(step).map(|i| i as f64).collect();
    ticks.reverse();
    ticks
}

/// At most `most` (at least one) ticks on multiples of `period` from the first of `n`
/// categories, the smallest such multiple that fits (every midnight of a week, or every second).
fn period_ticks(n: usize, period: usize, most: usize) -> Vec<f64> {
    let period = period.max(1);
    let step =
        (1..=n.max(1)).map(|k| k * period).find(|&step| n.div_ceil(step) <= most.max(1)).unwrap_or(n.max(1));
    (0..n).step_by(step).map(|i| i as f64).collect()
}

/// About `most` ticks at round values (plotters' 1, 2, 5 × 10ⁿ steps) along a histogram's
/// value axis, each as its slot position (bin `i` spans `i − 0.5` to `i + 0.5` of `n`) and its
/// label.
fn bin_ticks(bins: BinAxis, n: usize, most: usize) -> Vec<(f64, String)> {
    let values = RangedCoordf64::from(bins.first..bins.last).key_points(most);
    let at = |v: f64| (v - bins.first) / (bins.last - bins.first) * n as f64 - 0.5;
    // `+ 0.0` writes a tick at minus zero as "0".
    let labels = bins.format.labels_apart(&values.iter().map(|v| v + 0.0).collect::<Vec<_>>());
    values.iter().map(|v| at(*v)).zip(labels).collect()
}

/// The bar series whose bars are labelled with their values, so a printed or exported chart
/// reads without its table: the only visible bar series of a chart of at most 12 named
/// categories (the options compared; no numeric or periodic x axis, no secondary bars).
fn labelled_bars(spec: &ChartSpec, visible: &[bool]) -> Option<usize> {
    let shown = |i: usize| visible.get(i).copied().unwrap_or(true);
    let mut bars = (0..spec.series.len()).filter(|&i| shown(i) && spec.series[i].kind == SeriesKind::Bars);
    let only = bars.next().filter(|_| bars.next().is_none())?;
    let categories = spec.x_values.is_none() && spec.x_period.is_none() && spec.x_labels.len() <= 12;
    (categories && !spec.series[only].secondary).then_some(only)
}

/// Draws `spec` onto `area`, with series whose `visible` flag is false left out (missing flags
/// count as visible). Returns where the plot area landed, for hover lookups.
///
/// # Errors
/// The backend's drawing error, as text.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    theme: &Theme,
    scale: f64,
    visible: &[bool],
) -> Result<PlotGeometry, String> {
    let px = |v: f64| (v * scale).round() as i32;
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&theme.background).map_err(err)?;
    let (width, height) = area.dim_in_pixel();
    let n = spec.x_labels.len().max(1);
    let plot_h = f64::from(height) / scale - 60.0;
    let labelled = labelled_bars(spec, visible);
    let (y_min, y_max) = spec.y_range(visible, false);
    // Room for the value written at the end of each labelled bar (about 20 px).
    let room = if labelled.is_some() { (y_max - y_min) * 20.0 / (plot_h - 20.0).max(20.0) } else { 0.0 };
    let (y_min, y_max) =
        (if y_min < 0.0 { y_min - room } else { y_min }, if y_max > 0.0 { y_max + room } else { y_max });
    let dual = spec.y2.is_some() && spec.series.iter().any(|s| s.secondary);
    let (y2_min, y2_max) = if dual { spec.y_range(visible, true) } else { (0.0, 1.0) };
    // A scatter has a numeric x axis; otherwise each category gets an equal slot.
    let (x_min, x_max) = if spec.x_values.is_some() { spec.x_range() } else { (-0.5, n as f64 - 0.5) };

    let plot_w = f64::from(width) / scale - if dual { 190.0 } else { 114.0 };
    let fit = (plot_w / X_LABEL_SLOT).floor() as usize;
    let text = |size: f64| (FONT, size * scale).into_font().color(&theme.text);
    // A few named categories (the options compared) are each labelled: in one row when their
    // real widths fit their slots, else every second one a line lower (two slots each, in type
    // down to 10 px); past that, spaced ticks.
    let rows = if spec.x_values.is_none() && spec.x_period.is_none() && n <= 12 {
        let widest = spec
            .x_labels
            .iter()
            .filter_map(|l| area.estimate_text_size(l, &text(LABEL_PX)).ok())
            .map(|(w, _)| f64::from(w) / scale)
            .fold(0.0, f64::max);
        let slot = plot_w / n as f64;
        let room = |rows: f64| rows * slot - 8.0;
        if widest <= room(1.0) {
            Some((1, LABEL_PX))
        } else {
            // Two rows, in smaller type if need be (not below 10 px).
            Some((2, LABEL_PX * (room(2.0) / widest).min(1.0))).filter(|&(_, size)| size >= 10.0)
        }
    } else {
        None
    };
    // A numeric x axis gets plotters' round numbers; categories with a period are ticked on its
    // multiples from the first (midnights); others are labelled every one (above) or evenly
    // spaced and counted back from the last, so the axis's end (the latest month, the highest
    // level) is labelled.
    let bin_labels = spec.x_bins.map_or_else(Vec::new, |bins| bin_ticks(bins, n, fit.clamp(3, 10)));
    let x_axis = if spec.x_values.is_some() {
        Ticked::round(x_min..x_max, fit.clamp(3, 10))
    } else if !bin_labels.is_empty() {
        Ticked { range: (x_min..x_max).into(), ticks: bin_labels.iter().map(|(x, _)| *x).collect() }
    } else if let Some(period) = spec.x_period.filter(|&p| p > 0) {
        Ticked { range: (x_min..x_max).into(), ticks: period_ticks(n, period, fit.clamp(2, 12)) }
    } else if rows.is_some() {
        Ticked { range: (x_min..x_max).into(), ticks: (0..n).map(|i| i as f64).collect() }
    } else {
        Ticked { range: (x_min..x_max).into(), ticks: category_ticks(n, fit.clamp(2, 12)) }
    };
    let staggered = matches!(rows, Some((2, _)));
    let stagger_px = rows.map_or(LABEL_PX, |(_, size)| size);
    // At least four: asked for two or three, plotters may keep only 0 of a 0–45B axis (a short
    // printed or embedded chart).
    let y_ticks = ((plot_h / Y_LABEL_SLOT).floor() as usize).clamp(4, 10);

    // A label on the last category is centred on the plot's right edge: without a right axis to
    // overhang, the margin makes room for its right half (period ticks seldom label the last).
    let mut right = px(if dual { 6.0 } else { 18.0 });
    let last_label = match (bin_labels.last(), x_axis.ticks.last()) {
        (Some((x, label)), _) if *x > n as f64 - 1.5 => Some(label),
        (None, Some(&x)) if spec.x_values.is_none() && x == (n - 1) as f64 => spec.x_labels.last(),
        _ => None,
    };
    if let (false, Some(last)) = (dual, last_label) {
        let half = area.estimate_text_size(last, &text(LABEL_PX)).map_or(0, |(w, _)| w.div_ceil(2) + 2);
        right = right.max(i32::try_from(half).unwrap_or(i32::MAX));
    }
    let mut chart = ChartBuilder::on(area)
        .margin_top(px(10.0))
        .margin_right(right)
        .margin_left(px(6.0))
        .margin_bottom(px(4.0))
        .x_label_area_size(px(if staggered { 56.0 } else { 40.0 }))
        .y_label_area_size(px(84.0))
        .right_y_label_area_size(px(if dual { 84.0 } else { 0.0 }))
        .build_cartesian_2d(x_axis.clone(), y_min..y_max)
        .map_err(err)?
        // Always dual: the right-hand label area belongs to the secondary axis (unused and of zero
        // width without one), so the primary mesh labels only the left.
        .set_secondary_coord(x_axis, y2_min..y2_max);

    let labels = &spec.x_labels;
    let x_fmt = |x: &f64| {
        if let Some(xs) = &spec.x_values {
            return xs.format.tick(*x);
        }
        if !bin_labels.is_empty() {
            let at = bin_labels.iter().find(|(at, _)| (at - x).abs() < 1e-6);
            return at.map(|(_, label)| label.clone()).unwrap_or_default();
        }
        let i = x.round();
        // Staggered labels are drawn below, each at its own height.
        if staggered || (x - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        labels.get(i as usize).cloned().unwrap_or_default()
    };
    let y_fmt = |y: &f64| spec.y_format.tick(*y);
    // An axis title longer than the plot is tall (a chart in a short embed) would be cut at both
    // ends: it is left out (the chart's title and the table still say what is plotted).
    let fits = |title: &str| {
        area.estimate_text_size(title, &text(13.5))
            .map_or(true, |(w, _)| f64::from(w) / scale <= plot_h + 24.0)
    };
    let y_title = if fits(&spec.y_title) { spec.y_title.as_str() } else { "" };
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(12)
        .y_labels(y_ticks)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .x_desc(spec.x_title.as_str())
        .y_desc(y_title)
        .label_style(text(LABEL_PX))
        .axis_desc_style(text(13.5))
        .axis_style(ShapeStyle::from(theme.axis).stroke_width(px(1.0).max(1) as u32))
        .bold_line_style(ShapeStyle::from(theme.grid).stroke_width(px(1.0).max(1) as u32))
        .light_line_style(TRANSPARENT);
    if spec.x_values.is_none() {
        mesh.disable_x_mesh();
    }
    mesh.draw().map_err(err)?;
    // Pixel positions from the chart are the backend's; `area` draws from its own corner (not
    // the backend's when the chart sits below an export's title).
    let (base_x, base_y) = area.get_base_pixel();
    if staggered {
        let top = chart.plotting_area().get_pixel_range().1.end - base_y + px(7.0);
        let style = text(stagger_px).pos(Pos::new(HPos::Center, VPos::Top));
        for (i, label) in labels.iter().enumerate() {
            let x = chart.backend_coord(&(i as f64, y_min)).0 - base_x;
            let y = top + if i % 2 == 1 { px(stagger_px + 3.0) } else { 0 };
            area.draw_text(label, &style, (x, y)).map_err(err)?;
        }
    }

    let stroke = px(2.0).max(1) as u32;
    let shown = |i: usize| visible.get(i).copied().unwrap_or(true);
    // Bar series visible side by side share each category's slot.
    let bar_slots: Vec<usize> = (0..spec.series.len())
        .filter(|i| shown(*i) && spec.series[*i].kind == SeriesKind::Bars && !spec.series[*i].secondary)
        .collect();
    let bar_width = 0.76 / bar_slots.len().max(1) as f64;
    let plotted = spec.plotted(visible);
    // Stacked areas are drawn top layer first so each lower band is painted over it, and lines
    // after them: a limit drawn first was hidden where the stack reached it (the sites' power
    // cap under a facility load at the cap).
    let n_series = spec.series.len();
    let mut order: Vec<usize> = (0..n_series).collect();
    if spec.stacked {
        order.clear();
        let area = |i: usize| spec.series[i].kind == SeriesKind::Area;
        order.extend((0..n_series).rev().filter(|i| area(*i)));
        order.extend((0..n_series).filter(|i| !area(*i)));
    }
    let fill = if spec.stacked { 0.75 } else { 0.18 };
    // Each category at its numeric x value when the chart has them, else at its index (NaN:
    // not drawn).
    let x_at =
        |i: usize| spec.x_values.as_ref().map_or(i as f64, |x| x.values.get(i).copied().unwrap_or(f64::NAN));
    for i in order {
        let series = &spec.series[i];
        if !shown(i) || series.secondary {
            continue;
        }
        let color = theme.color(series.color);
        let values = &plotted[i];
        let points = || {
            values
                .iter()
                .enumerate()
                .map(|(i, y)| (x_at(i), *y))
                .filter(|(x, y)| x.is_finite() && y.is_finite())
        };
        match series.kind {
            SeriesKind::Points => {
                // The emphasised dot is named first and drawn last, so a dot on the same spot
                // never hides it.
                let mut dots: Vec<(usize, (f64, f64))> = values
                    .iter()
                    .enumerate()
                    .map(|(i, y)| (i, (x_at(i), *y)))
                    .filter(|(_, (x, y))| x.is_finite() && y.is_finite())
                    .collect();
                crate::model::math::sort_by(&mut dots, |(a, _), (b, _)| {
                    (series.highlight != Some(*a)).cmp(&(series.highlight != Some(*b)))
                });
                for (i, at) in dots.iter().rev() {
                    let c = if series.highlight == Some(*i) { theme.color(series.color + 2) } else { color };
                    chart
                        .draw_series([
                            Circle::new(*at, px(7.0), theme.background.filled()),
                            Circle::new(*at, px(6.0), c.mix(0.9).filled()),
                        ])
                        .map_err(err)?;
                }
                let centres: Vec<(usize, (i32, i32))> = dots
                    .iter()
                    .map(|(i, at)| {
                        let (x, y) = chart.backend_coord(at);
                        (*i, (x - base_x, y - base_y))
                    })
                    .collect();
                let (xr, yr) = chart.plotting_area().get_pixel_range();
                label_dots(
                    area,
                    &centres,
                    labels,
                    (xr.start - base_x..xr.end - base_x, yr.start - base_y..yr.end - base_y),
                    &text(12.5),
                    scale,
                )
                .map_err(err)?;
            }
            SeriesKind::Line => {
                chart.draw_series(LineSeries::new(points(), color.stroke_width(stroke))).map_err(err)?;
            }
            SeriesKind::Step => {
                // Along at the last value to the next category, then straight up or down.
                let mut corners: Vec<(f64, f64)> = Vec::new();
                for (x, y) in points() {
                    if let Some(&(_, last)) = corners.last() {
                        corners.push((x, last));
                    }
                    corners.push((x, y));
                }
                chart.draw_series(LineSeries::new(corners, color.stroke_width(stroke))).map_err(err)?;
            }
            SeriesKind::Area => {
                chart
                    .draw_series(
                        AreaSeries::new(points(), 0.0, color.mix(fill))
                            .border_style(color.stroke_width(stroke)),
                    )
                    .map_err(err)?;
            }
            SeriesKind::Band => {
                let edge: Vec<(f64, f64)> = points()
                    .chain(
                        series
                            .base
                            .iter()
                            .enumerate()
                            .rev()
                            .map(|(i, y)| (x_at(i), *y))
                            .filter(|(x, y)| x.is_finite() && y.is_finite()),
                    )
                    .collect();
                chart
                    .draw_series([Polygon::new(edge, color.mix(super::spec::BAND_ALPHA).filled())])
                    .map_err(err)?;
            }
            SeriesKind::Bars => {
                let slot = bar_slots.iter().position(|s| *s == i).unwrap_or(0) as f64;
                let left = -0.38 + slot * bar_width;
                let bars = values.iter().enumerate().filter(|(_, y)| y.is_finite());
                chart
                    .draw_series(bars.map(|(i, y)| {
                        let (x, y) = (x_at(i), *y);
                        let c =
                            if series.highlight == Some(i) { theme.color(series.color + 2) } else { color };
                        Rectangle::new(
                            [(x + left, 0.0), (x + left + bar_width * 0.92, y)],
                            c.mix(0.9).filled(),
                        )
                    }))
                    .map_err(err)?;
                if labelled == Some(i) {
                    let slot = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
                    let written: Vec<(usize, f64, String)> = values
                        .iter()
                        .enumerate()
                        .filter(|(_, y)| y.is_finite())
                        .map(|(j, y)| (j, *y, spec.y_format.format(*y)))
                        .collect();
                    // In 12.5 px type, or smaller on a small chart (10.5 px on the printed
                    // page, 9 px for five-digit prices there or on a phone); none when some
                    // value is wider than its category even then.
                    let fits = |size: f64| {
                        written.iter().all(|(_, _, t)| {
                            area.estimate_text_size(t, &text(size))
                                .is_ok_and(|(w, _)| f64::from(w) + 4.0 * scale <= f64::from(slot))
                        })
                    };
                    if let Some(size) = [12.5, 10.5, 9.0].into_iter().find(|&size| fits(size)) {
                        for (j, y, t) in &written {
                            let (bx, by) = chart.backend_coord(&(x_at(*j) + left + bar_width * 0.46, *y));
                            let (v, gap) =
                                if *y < 0.0 { (VPos::Top, px(3.0)) } else { (VPos::Bottom, -px(3.0)) };
                            let style = text(size).pos(Pos::new(HPos::Center, v));
                            let at = (bx - base_x, by - base_y + gap);
                            // On the page's colour, so a gridline behind the value never crosses it.
                            let (wide, tall) = area.estimate_text_size(t, &style).map_err(err)?;
                            let half = i32::try_from(wide).unwrap_or(0) / 2 + px(2.0);
                            let tall = i32::try_from(tall).unwrap_or(0);
                            let (top, bottom) =
                                if *y < 0.0 { (at.1, at.1 + tall) } else { (at.1 - tall, at.1) };
                            let back = Rectangle::new(
                                [(at.0 - half, top), (at.0 + half, bottom)],
                                theme.background.filled(),
                            );
                            area.draw(&back).map_err(err)?;
                            area.draw_text(t, &style, at).map_err(err)?;
                        }
                    }
                }
            }
        }
    }
    for marker in &spec.markers {
        let Some(series) = spec.series.get(marker.series).filter(|_| shown(marker.series)) else { continue };
        let Some(y) = series.values.get(marker.index).copied().filter(|y| y.is_finite()) else { continue };
        let color = theme.color(series.color);
        let at = (x_at(marker.index), y);
        if !at.0.is_finite() {
            continue;
        }
        chart
            .draw_series([
                Circle::new(at, px(6.0), theme.background.filled()),
                Circle::new(at, px(6.0), color.stroke_width(stroke)),
                Circle::new(at, px(3.0), color.filled()),
            ])
            .map_err(err)?;
    }
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    if let Some(y2) = spec.y2.as_ref().filter(|_| dual) {
        let y2_fmt = |y: &f64| y2.format.tick(*y);
        chart
            .configure_secondary_axes()
            .y_labels(y_ticks)
            .y_label_formatter(&y2_fmt)
            .y_desc(if fits(&y2.title) { y2.title.as_str() } else { "" })
            .label_style(text(13.5))
            .axis_desc_style(text(13.5))
            .axis_style(ShapeStyle::from(theme.axis).stroke_width(px(1.0).max(1) as u32))
            .draw()
            .map_err(err)?;
        // On a histogram's value axis a secondary line is the share at or below each bin's
        // upper edge, so it is drawn there.
        let edge = if spec.x_bins.is_some() { 0.5 } else { 0.0 };
        for (_, series) in spec.series.iter().enumerate().filter(|(i, s)| shown(*i) && s.secondary) {
            let color = theme.color(series.color);
            let points = series
                .values
                .iter()
                .enumerate()
                .map(|(i, y)| (x_at(i) + edge, *y))
                .filter(|(x, y)| x.is_finite() && y.is_finite());
            chart.draw_secondary_series(LineSeries::new(points, color.stroke_width(stroke))).map_err(err)?;
        }
    }
    area.present().map_err(err)?;

    Ok(PlotGeometry {
        left: f64::from(xr.start),
        right: f64::from(xr.end),
        top: f64::from(yr.start),
        bottom: f64::from(yr.end),
        categories: spec.x_labels.len(),
        y_min,
        y_max,
        x_min,
        x_max,
    })
}

/// A pixel rectangle: left, top, right, bottom.
type Rect = (i32, i32, i32, i32);

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Names each scatter dot with its category label, trying right, left, above and below the
/// dot and keeping the first place that stays inside the plot and clear of every dot and of
/// the labels already placed. A label with no clear place is left out (the tooltip and the
/// data table still name it) rather than drawn over another.
fn label_dots<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    centres: &[(usize, (i32, i32))],
    labels: &[String],
    (xr, yr): (std::ops::Range<i32>, std::ops::Range<i32>),
    font: &TextStyle,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let gap = (9.0 * scale).round() as i32;
    let radius = (7.0 * scale).round() as i32;
    let mut taken: Vec<Rect> =
        centres.iter().map(|(_, (x, y))| (x - radius, y - radius, x + radius, y + radius)).collect();
    for (i, (x, y)) in centres {
        let Some(label) = labels.get(*i) else { continue };
        let (w, h) = area.estimate_text_size(label, font)?;
        // Bounded so the arithmetic below cannot overflow (no label is a million pixels wide).
        let fit = |v: u32| i32::try_from(v.min(1 << 20)).unwrap_or(0);
        let (w, h) = (fit(w), fit(h));
        let candidates =
            [(x + gap, y - h / 2), (x - gap - w, y - h / 2), (x - w / 2, y - gap - h), (x - w / 2, y + gap)];
        let own = (x - radius, y - radius, x + radius, y + radius);
        let place = candidates.into_iter().map(|(l, t)| (l, t, l + w, t + h)).find(|r| {
            r.0 >= xr.start
                && r.2 <= xr.end
                && r.1 >= yr.start
                && r.3 <= yr.end
                && taken.iter().all(|o| *o == own || !overlaps(*r, *o))
        });
        if let Some(r) = place {
            area.draw(&Text::new(label.as_str(), (r.0, r.1), font.clone()))?;
            taken.push(r);
        }
    }
    Ok(())
}

/// Draws `spec` alone (no title or legend) to an SVG document of `width` × `height` CSS pixels,
/// every series shown: what the page's canvas shows, for tests.
///
/// # Errors
/// The backend's drawing error, as text.
pub fn to_svg(spec: &ChartSpec, theme: &Theme, width: u32, height: u32) -> Result<String, String> {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&area, spec, theme, 1.0, &[])?;
    }
    Ok(out)
}

/// The chart as exported to SVG: `size` is the chart's own (as on screen), with the title and
/// a legend of the series drawn (`visible`, as the legend on the page has them) added above it.
///
/// # Errors
/// The backend's drawing error, as text.
pub fn export_svg<W: frame::SvgBackend>(
    spec: &ChartSpec,
    theme: &Theme,
    size: (u32, u32),
    visible: &[bool],
) -> Result<String, String> {
    frame::svg::<W>(size, &spec.title, frame::legend(spec, theme, visible), theme, |area| {
        draw(area, spec, theme, 1.0, visible).map(|_| ())
    })
}

#[cfg(test)]
mod tests {
    use super::{bin_ticks, category_ticks, period_ticks};
    use crate::charts::spec::{BinAxis, ValueFormat};

    /// A histogram's axis is ticked at round values inside its bins' span, each written as
    /// that value: "0, 50M, 100M" under bins of 20M, "$5.70" under bins of 2 cents, and with
    /// the digits that tell close ticks apart.
    #[test]
    fn histogram_axes_are_ticked_at_round_values() {
        let cases = [
            (BinAxis { first: 0.0, last: 2.6e8, format: ValueFormat::Count }, 13, "50M"),
            (BinAxis { first: 5.58, last: 5.88, format: ValueFormat::UsdPerGpuHour }, 15, "$5.70"),
            (BinAxis { first: -6e10, last: 1e10, format: ValueFormat::Usd }, 14, "-$20B"),
            (BinAxis { first: 0.999_915, last: 1.000_005, format: ValueFormat::Percent }, 18, "99.998 %"),
        ];
        for (bins, n, expected) in cases {
            let ticks = bin_ticks(bins, n, 8);
            assert!((3..=9).contains(&ticks.len()), "{ticks:?}");
            let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
            assert!(labels.contains(&expected), "{labels:?} lacks {expected}");
            assert!(labels.windows(2).all(|w| w[0] != w[1]), "{labels:?} repeat a label");
            let span = bins.last - bins.first;
            let step = (ticks[1].0 - ticks[0].0) / n as f64 * span;
            let mantissa = step / 10f64.powf(step.log10().floor());
            assert!([1.0, 2.0, 2.5, 5.0, 10.0].iter().any(|m| (mantissa - m).abs() < 1e-6), "step {step}");
            for (x, _) in &ticks {
                assert!((-0.5 - 1e-9..=n as f64 - 0.5 + 1e-9).contains(x), "{x} outside the bins");
                let v = bins.first + (x + 0.5) / n as f64 * span;
                assert!((v / step - (v / step).round()).abs() < 1e-6, "{v} is not a multiple of {step}");
            }
        }
        // A bin's edge sits between two slots.
        let bins = BinAxis { first: 0.0, last: 100.0, format: ValueFormat::Number };
        let ticks = bin_ticks(bins, 10, 6);
        assert!(
            ticks.contains(&(-0.5, "0".to_owned())) && ticks.contains(&(3.5, "40".to_owned())),
            "{ticks:?}"
        );
    }

    /// A chart too short for its axis titles (a small embed) leaves them out rather than cut
    /// them at both ends; at its usual height it has both.
    #[test]
    fn axis_titles_longer_than_the_plot_is_tall_are_left_out() {
        use crate::charts::{datacenter::build_out, draw::to_svg, theme::LIGHT};
        let s = crate::model::Scenario::default();
        let spec = build_out(&crate::model::evaluate(&s).unwrap().datacenter);
        // plotters writes each text's content on a line of its own.
        let has = |svg: &str, text: &str| svg.lines().any(|l| l.trim() == text);
        let tall = to_svg(&spec, &LIGHT, 720, 300).unwrap();
        assert!(has(&tall, "Accelerators") && has(&tall, "Facility megawatts"));
        let short = to_svg(&spec, &LIGHT, 720, 100).unwrap();
        assert!(!has(&short, "Accelerators") && !has(&short, "Facility megawatts"));
        assert!(has(&short, "Month"), "the x title stays");
    }

    /// A chart drawn at the printed size (340 × 180 CSS px) still has a scale: the cumulative
    /// spend's 0–45B axis kept only "$0" when two or three labels were asked for.
    #[test]
    fn a_short_chart_keeps_a_readable_y_scale() {
        use crate::charts::{contract::cumulative_spend, draw::to_svg, theme::LIGHT};
        let r = crate::model::evaluate(&crate::model::Scenario::default()).unwrap();
        let svg = to_svg(&cumulative_spend(&r.contract), &LIGHT, 340, 180).unwrap();
        let labels = ["$0", "$10B", "$20B", "$30B", "$40B"];
        let shown = labels.iter().filter(|t| svg.lines().any(|l| l.trim() == **t)).count();
        assert!(shown >= 3, "{shown} of {labels:?}");
    }

    /// The options compared carry their values above their bars when each fits its slot, and
    /// the values are the comparison's own; a narrow chart, or a month-by-month bar chart, has
    /// none.
    #[test]
    fn a_few_bars_alone_are_labelled_with_their_values_when_they_fit() {
        use crate::charts::spec::ValueFormat;
        use crate::charts::{alternatives::unit_cost, contract::cash_flow, draw::to_svg, theme::LIGHT};
        let written = |r: &crate::model::Report| -> Vec<String> {
            r.alternatives
                .options
                .iter()
                .map(|o| ValueFormat::UsdPerGpuHour.format(o.usd_per_gpu_hour.value()))
                .collect()
        };
        let r = crate::model::evaluate(&crate::model::Scenario::default()).unwrap();
        let spec = unit_cost(&r.alternatives);
        let values = written(&r);
        let has = |svg: &str, text: &str| svg.lines().any(|l| l.trim() == text);
        let wide = to_svg(&spec, &LIGHT, 900, 320).unwrap();
        assert!(values.iter().all(|v| has(&wide, v)), "{values:?}");
        // The printed page's size (`ui::chart::PRINT_SIZE`), in smaller type.
        let printed = to_svg(&spec, &LIGHT, 340, 160).unwrap();
        assert!(values.iter().all(|v| has(&printed, v)), "{values:?}");
        let narrow = to_svg(&spec, &LIGHT, 260, 320).unwrap();
        assert!(!values.iter().any(|v| has(&narrow, v)), "{values:?}");
        // Five-digit prices (the 1 GW campus rented at $17.44) still fit the printed chart, in
        // smaller type.
        let campus = crate::model::presets::by_id("own-1gw-campus").unwrap();
        let r2 = crate::model::evaluate(&campus.scenario()).unwrap();
        let dear = written(&r2);
        assert!(dear.iter().any(|v| v.len() >= 6), "{dear:?}");
        let printed = to_svg(&unit_cost(&r2.alternatives), &LIGHT, 340, 160).unwrap();
        assert!(dear.iter().all(|v| has(&printed, v)), "{dear:?}");
        // 36 monthly payments are not written out (at most once, as a tick).
        let monthly = to_svg(&cash_flow(&r.contract), &LIGHT, 900, 320).unwrap();
        let payment = ValueFormat::Usd.format(r.contract.months[12].payment.value());
        assert!(monthly.lines().filter(|l| l.trim() == payment).count() <= 1, "{payment}");
    }

    #[test]
    fn period_ticks_fall_on_whole_periods_from_the_first() {
        let days = |every: usize| (0..168u32).step_by(24 * every).map(f64::from).collect::<Vec<_>>();
        assert_eq!(period_ticks(168, 24, 12), days(1));
        assert_eq!(period_ticks(168, 24, 6), days(2));
        assert_eq!(period_ticks(168, 24, 3), days(3));
        for n in 1..200 {
            for most in 1..13 {
                let t = period_ticks(n, 24, most);
                assert!(t.len() <= most && t.first() == Some(&0.0), "{n} {most}: {t:?}");
                assert!(
                    t.iter().all(|&x| (x as usize).is_multiple_of(24) && (x as usize) < n),
                    "{n} {most}: {t:?}"
                );
            }
        }
    }

    #[test]
    fn category_ticks_are_even_end_at_the_last_and_never_too_many() {
        // 19 steps have no divisor near 2: every other level, ending at the last.
        assert_eq!(category_ticks(20, 12), (1..20).step_by(2).map(f64::from).collect::<Vec<_>>());
        assert_eq!(category_ticks(5, 2), vec![0.0, 4.0]);
        // 36 months: both ends whenever a spacing allows it.
        assert_eq!(category_ticks(36, 12), (0..36).step_by(5).map(f64::from).collect::<Vec<_>>());
        assert_eq!(category_ticks(36, 6), (0..36).step_by(7).map(f64::from).collect::<Vec<_>>());
        assert_eq!(category_ticks(36, 3), vec![0.0, 35.0]);
        for n in 1..80 {
            for most in 2..13 {
                let t = category_ticks(n, most);
                assert!(t.len() <= most.max(1) && !t.is_empty(), "{n} {most}: {t:?}");
                assert_eq!(t.last().copied(), Some((n - 1) as f64));
                let steps: Vec<f64> = t.windows(2).map(|w| w[1] - w[0]).collect();
                assert!(steps.windows(2).all(|s| s[0] == s[1]), "{n} {most}: {t:?}");
            }
        }
    }
}
