//! The break-even map: one KPI over a grid of two inputs, coloured by how far each cell is above
//! or below a level (a diverging blue–vermillion scale from the colour-blind-safe palette), with
//! the level's contour drawn by marching squares and the current scenario marked.

use super::draw::{Ticked, FONT};
use super::frame;
use super::spec::ValueFormat;
use super::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What a map shows. Cells are row-major, `y` rows of `x` cells; NaN cells (not computed yet,
/// or an invalid scenario there) are drawn in the grid colour.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSpec {
    /// Across: the input's values as users see them.
    pub xs: Vec<f64>,
    /// Up.
    pub ys: Vec<f64>,
    /// The KPI at each cell.
    pub cells: Vec<f64>,
    /// Axis title across, with its unit.
    pub x_title: String,
    /// Axis title up, with its unit.
    pub y_title: String,
    /// The result mapped, with the unit its raw values are in (for exports).
    pub result: String,
    /// How the KPI is written.
    pub format: ValueFormat,
    /// The level whose contour is drawn.
    pub level: f64,
    /// The current scenario, in shown units, if it lies in the map's ranges.
    pub current: Option<(f64, f64)>,
}

/// Where the cells landed, for hover lookups.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapGeometry {
    /// Left edge of the cells, px.
    pub left: f64,
    /// Right edge, px.
    pub right: f64,
    /// Top edge, px.
    pub top: f64,
    /// Bottom edge, px.
    pub bottom: f64,
    /// Cells across.
    pub nx: usize,
    /// Cells up.
    pub ny: usize,
    /// Contour segments drawn.
    pub segments: usize,
}

impl MapGeometry {
    /// The cell (column, row) under pixel `(x, y)`, row 0 at the bottom.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        if self.nx == 0 || self.ny == 0 || x < self.left || x > self.right || y < self.top || y > self.bottom
        {
            return None;
        }
        let i = ((x - self.left) / (self.right - self.left) * self.nx as f64).floor() as usize;
        let j = ((self.bottom - y) / (self.bottom - self.top) * self.ny as f64).floor() as usize;
        Some((i.min(self.nx - 1), j.min(self.ny - 1)))
    }

    /// The same geometry in CSS pixels when drawn at `scale` device pixels per CSS pixel.
    #[must_use]
    pub fn unscaled(self, scale: f64) -> Self {
        Self {
            left: self.left / scale,
            right: self.right / scale,
            top: self.top / scale,
            bottom: self.bottom / scale,
            ..self
        }
    }
}

/// A line segment in cell coordinates (cell `i`'s centre is at `i`).
pub type Segment = [(f64, f64); 2];

/// The contour of `level` through a row-major grid of `nx` columns, by marching squares (Lorensen
/// & Cline 1987, in two dimensions) with linear interpolation along each edge; squares with a NaN
/// corner are skipped, saddles are split by the square's mean.
pub fn contour(cells: &[f64], nx: usize, level: f64) -> Vec<Segment> {
    let ny = cells.len().checked_div(nx).unwrap_or(0);
    let mut out = Vec::new();
    for j in 0..ny.saturating_sub(1) {
        for i in 0..nx.saturating_sub(1) {
            // Corners counter-clockwise from bottom-left, with their positions.
            let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            let v: Vec<f64> = corners.iter().map(|&(a, b)| cells[b * nx + a] - level).collect();
            if v.iter().any(|x| !x.is_finite()) {
                continue;
            }
            let mut points = Vec::with_capacity(4);
            for e in 0..4 {
                let (a, b) = (e, (e + 1) % 4);
                if (v[a] < 0.0) != (v[b] < 0.0) {
                    let t = v[a] / (v[a] - v[b]);
                    let (pa, pb) = (corners[a], corners[b]);
                    points.push((
                        pa.0 as f64 + t * (pb.0 as f64 - pa.0 as f64),
                        pa.1 as f64 + t * (pb.1 as f64 - pa.1 as f64),
                    ));
                }
            }
            match points.as_slice() {
                [p, q] => out.push([*p, *q]),
                [p0, p1, p2, p3] => {
                    // A saddle: all four edges are crossed. The centre takes the sign of the
                    // square's mean; the two corners of the other sign are each cut off by a
                    // segment between their own two edges (corner 1: edges 0 and 1; corner 0:
                    // edges 3 and 0).
                    let mean = v.iter().sum::<f64>() / 4.0;
                    if (mean < 0.0) == (v[0] < 0.0) {
                        out.extend([[*p0, *p1], [*p2, *p3]]);
                    } else {
                        out.extend([[*p3, *p0], [*p1, *p2]]);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// How far the finite cells reach below and above the level (each side 1 when it has none), so
/// each side of the contour uses its whole colour ramp however lopsided the map is.
fn spread(cells: &[f64], level: f64) -> (f64, f64) {
    let side = |f: fn(f64) -> bool| {
        let d = cells
            .iter()
            .map(|v| v - level)
            .filter(|d| d.is_finite() && f(*d))
            .map(f64::abs)
            .fold(0.0, f64::max);
        if d > 0.0 {
            d
        } else {
            1.0
        }
    };
    (side(|d| d < 0.0), side(|d| d > 0.0))
}

fn blend(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// The colour of a value: below the level towards the palette's blue, above towards its
/// vermillion, by its distance from the level as a share of that side's `(below, above)` reach
/// (never quite the background, so a cell at the level still reads as a cell).
pub fn color_of(theme: &Theme, v: f64, level: f64, (below, above): (f64, f64)) -> RGBColor {
    if !v.is_finite() {
        return theme.grid;
    }
    let d = v - level;
    let t = (d / if d < 0.0 { below } else { above }).clamp(-1.0, 1.0);
    let towards = if t < 0.0 { theme.color(0) } else { theme.color(1) };
    blend(theme.background, towards, 0.12 + 0.88 * t.abs())
}

/// Draws the map onto `area`. Returns where the cells landed.
///
/// # Errors
/// The backend's drawing error, as text.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &MapSpec,
    theme: &Theme,
    scale: f64,
) -> Result<MapGeometry, String> {
    let px = |v: f64| (v * scale).round() as i32;
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&theme.background).map_err(err)?;
    let (nx, ny) = (spec.xs.len(), spec.ys.len());
    let (width, height) = area.dim_in_pixel();
    let legend_w = px(86.0).max(1) as u32;
    let (plot_area, legend_area) = area.split_horizontally(width.saturating_sub(legend_w));
    let text = |size: f64| (FONT, size * scale).into_font().color(&theme.text);
    // Cells are centred on their values; the axes run half a cell beyond the first and last, in
    // the units users see, so plotters picks round tick values.
    let (x_at, x_range) = axis(&spec.xs);
    let (y_at, y_range) = axis(&spec.ys);
    let plot_w = f64::from(width) / scale - 86.0 - 94.0;
    let plot_h = f64::from(height) / scale - 54.0;
    let x_ticks = ((plot_w / 80.0).floor() as usize).clamp(2, 10);
    let y_ticks = ((plot_h / 40.0).floor() as usize).clamp(2, 8);
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_top(px(10.0))
        .margin_right(px(8.0))
        .margin_left(px(6.0))
        .margin_bottom(px(4.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(80.0))
        // The charts' x axis type (see `Ticked`), with the same round-number ticks.
        .build_cartesian_2d(Ticked::round(x_range, x_ticks), y_range)
        .map_err(err)?;
    let tick = |v: &f64| crate::model::inputs::trim_number(*v);
    chart
        .configure_mesh()
        .x_labels(x_ticks)
        .y_labels(y_ticks)
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc(spec.x_title.as_str())
        .y_desc(spec.y_title.as_str())
        .label_style(text(12.5))
        .axis_desc_style(text(13.5))
        .axis_style(ShapeStyle::from(theme.axis).stroke_width(px(1.0).max(1) as u32))
        .disable_mesh()
        .draw()
        .map_err(err)?;

    let reach = spread(&spec.cells, spec.level);
    chart
        .draw_series(spec.cells.iter().enumerate().map(|(k, v)| {
            let (i, j) = ((k % nx.max(1)) as f64, (k / nx.max(1)) as f64);
            Rectangle::new(
                [(x_at(i - 0.5), y_at(j - 0.5)), (x_at(i + 0.5), y_at(j + 0.5))],
                color_of(theme, *v, spec.level, reach).filled(),
            )
        }))
        .map_err(err)?;
    let line = theme.text.stroke_width(px(2.5).max(1) as u32);
    let segments = contour(&spec.cells, nx, spec.level);
    chart
        .draw_series(
            segments.iter().map(|s| PathElement::new(s.map(|(i, j)| (x_at(i), y_at(j))).to_vec(), line)),
        )
        .map_err(err)?;
    if let Some(at) = spec.current {
        chart
            .draw_series([
                Circle::new(at, px(7.0), theme.background.stroke_width(px(4.0).max(1) as u32)),
                Circle::new(at, px(7.0), theme.text.stroke_width(px(2.0).max(1) as u32)),
            ])
            .map_err(err)?;
    }
    let (xr, yr) = chart.plotting_area().get_pixel_range();

    // The colour bar: the KPI from the lowest to the highest cell, the level marked.
    let finite = spec.cells.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if lo.is_finite() {
        // The plot's pixel range is the backend's; the legend area draws from its own corner
        // (not the backend's when the map sits below an export's title).
        let base = legend_area.get_base_pixel().1;
        let (top, bottom) = (yr.start - base + px(8.0), yr.end - base - px(8.0));
        let x0 = px(8.0);
        let steps = 40;
        let y_of = |v: f64| {
            if hi > lo {
                f64::from(bottom) - (v - lo) / (hi - lo) * f64::from(bottom - top)
            } else {
                f64::from(top + bottom) / 2.0
            }
        };
        for s in 0..steps {
            let v0 = lo + (hi - lo) * f64::from(s) / f64::from(steps);
            let v1 = lo + (hi - lo) * f64::from(s + 1) / f64::from(steps);
            let c = color_of(theme, f64::midpoint(v0, v1), spec.level, reach);
            legend_area
                .draw(&Rectangle::new(
                    [(x0, y_of(v1).round() as i32), (x0 + px(12.0), y_of(v0).round() as i32)],
                    c.filled(),
                ))
                .map_err(err)?;
        }
        let mut ticks = vec![lo, hi];
        if spec.level > lo && spec.level < hi {
            ticks.push(spec.level);
        }
        let style = text(11.5).pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        ));
        let mut drawn: Vec<f64> = Vec::new();
        for v in ticks {
            let y = y_of(v);
            // Skip a tick that would overlap one already drawn.
            if drawn.iter().any(|d| (d - y).abs() < 14.0 * scale) {
                continue;
            }
            drawn.push(y);
            legend_area
                .draw(&Text::new(spec.format.tick(v), (x0 + px(16.0), y.round() as i32), style.clone()))
                .map_err(err)?;
        }
    }
    area.present().map_err(err)?;
    Ok(MapGeometry {
        left: f64::from(xr.start),
        right: f64::from(xr.end),
        top: f64::from(yr.start),
        bottom: f64::from(yr.end),
        nx,
        ny,
        segments: segments.len(),
    })
}

/// For evenly spaced `values`: the value at (fractional) cell position `p`, and the axis range
/// from half a cell before the first to half a cell after the last.
fn axis(values: &[f64]) -> (impl Fn(f64) -> f64 + '_, std::ops::Range<f64>) {
    let (first, last) = (values.first().copied().unwrap_or(0.0), values.last().copied().unwrap_or(1.0));
    let step = if values.len() > 1 { (last - first) / (values.len() - 1) as f64 } else { 1.0 };
    let step = if step == 0.0 { 1.0 } else { step };
    let at = move |p: f64| first + p * step;
    let (a, b) = (at(-0.5), at((values.len().max(1) - 1) as f64 + 0.5));
    (at, a.min(b)..a.max(b))
}

/// Draws the map alone (no title or legend) to an SVG document of `width` × `height` CSS pixels:
/// what the page's canvas shows, for tests ([`export_svg`] is the exported picture).
///
/// # Errors
/// The backend's drawing error, as text.
pub fn to_svg(spec: &MapSpec, theme: &Theme, width: u32, height: u32) -> Result<String, String> {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&area, spec, theme, 1.0)?;
    }
    Ok(out)
}

/// The map's title in exports (the page heads it "Break-even map" beside the pickers that
/// say what it shows): the result over both inputs.
pub fn title(spec: &MapSpec) -> String {
    format!("{} by {} and {}", spec.result, spec.x_title, spec.y_title)
}

/// The map's legend in exports: what its two colours and its contour line mean.
pub fn legend(spec: &MapSpec, theme: &Theme) -> Vec<(RGBColor, String)> {
    let level = spec.format.format(spec.level);
    vec![
        (theme.color(0), format!("Below {level}")),
        (theme.color(1), format!("Above {level}")),
        (theme.text, format!("Equal to {level}")),
    ]
}

/// The map as exported to SVG: `width` × `height` as on screen, with [`title`] and [`legend`]
/// above it.
///
/// # Errors
/// The backend's drawing error, as text.
pub fn export_svg<W: frame::SvgBackend>(
    spec: &MapSpec,
    theme: &Theme,
    width: u32,
    height: u32,
) -> Result<String, String> {
    let entries = legend(spec, theme);
    let entries = entries.iter().map(|(c, n)| (*c, n.as_str())).collect();
    frame::svg::<W>((width, height), &title(spec), entries, theme, |area| {
        draw(area, spec, theme, 1.0).map(|_| ())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::theme::LIGHT;

    #[test]
    fn the_contour_of_a_plane_is_the_straight_line_where_it_meets_the_level() {
        // v = x + y on a 5 × 5 grid; the level 3.5 runs from (3.5, 0) to (0, 3.5).
        let nx = 5;
        let cells: Vec<f64> = (0..25).map(|k| f64::from(k % 5 + k / 5)).collect();
        let segments = contour(&cells, nx, 3.5);
        assert!(!segments.is_empty());
        for s in &segments {
            for (x, y) in s {
                assert!((x + y - 3.5).abs() < 1e-12, "({x}, {y}) is off the line");
            }
        }
        // It crosses the 7 squares whose corner sums straddle 3.5 (i + j = 2 or 3).
        assert_eq!(segments.len(), 7);
    }

    #[test]
    fn no_contour_when_the_level_is_outside_the_cells_or_a_corner_is_missing() {
        let cells = vec![1.0, 2.0, 3.0, 4.0];
        assert!(contour(&cells, 2, 10.0).is_empty());
        assert_eq!(contour(&cells, 2, 2.5).len(), 1);
        assert!(contour(&[1.0, f64::NAN, 3.0, 4.0], 2, 2.5).is_empty());
    }

    #[test]
    fn a_saddle_cuts_off_the_corners_whose_sign_the_centre_does_not_share() {
        // Corners (0,0) = 3, (1,0) = -1, (0,1) = -1, (1,1) = 3: the mean 1 is positive, so the
        // positive corners join through the centre and each negative corner is cut off alone.
        let cells = vec![3.0, -1.0, -1.0, 3.0];
        let segments = contour(&cells, 2, 0.0);
        assert_eq!(segments.len(), 2);
        let near = |s: &Segment, corner: (f64, f64)| {
            s.iter().all(|(x, y)| (x - corner.0).abs() + (y - corner.1).abs() <= 1.0 + 1e-12)
        };
        assert!(segments.iter().any(|s| near(s, (1.0, 0.0))), "{segments:?}");
        assert!(segments.iter().any(|s| near(s, (0.0, 1.0))), "{segments:?}");
        // Flipped signs: now the centre is negative and the positive corners are cut off.
        let flipped: Vec<f64> = cells.iter().map(|v| -v).collect();
        let segments = contour(&flipped, 2, 0.0);
        assert!(segments.iter().any(|s| near(s, (1.0, 0.0))), "{segments:?}");
        assert!(segments.iter().any(|s| near(s, (0.0, 1.0))), "{segments:?}");
        // With a negative mean the cut-off corners are (0,0) and (1,1).
        let cells = vec![1.0, -3.0, -3.0, 1.0];
        let segments = contour(&cells, 2, 0.0);
        assert!(segments.iter().any(|s| near(s, (0.0, 0.0))), "{segments:?}");
        assert!(segments.iter().any(|s| near(s, (1.0, 1.0))), "{segments:?}");
    }

    #[test]
    fn colours_diverge_from_the_level_and_missing_cells_are_grey() {
        let t = &LIGHT;
        assert_eq!(color_of(t, f64::NAN, 0.0, (1.0, 1.0)), t.grid);
        assert_eq!(color_of(t, -1.0, 0.0, (1.0, 30.0)), t.color(0));
        assert_eq!(color_of(t, 30.0, 0.0, (1.0, 30.0)), t.color(1));
        assert_ne!(color_of(t, 0.2, 0.0, (1.0, 1.0)), color_of(t, -0.2, 0.0, (1.0, 1.0)));
        // Each side has its own reach: a lopsided map still shows its small side in full.
        assert_eq!(spread(&[-1.0, 30.0, f64::NAN], 0.0), (1.0, 30.0));
        assert_eq!(spread(&[2.0, 3.0], 0.0), (1.0, 3.0));
    }

    #[test]
    fn hover_finds_the_cell_under_the_pointer() {
        let g =
            MapGeometry { left: 100.0, right: 300.0, top: 10.0, bottom: 110.0, nx: 4, ny: 2, segments: 0 };
        assert_eq!(g.cell_at(101.0, 109.0), Some((0, 0)));
        assert_eq!(g.cell_at(299.0, 11.0), Some((3, 1)));
        assert_eq!(g.cell_at(99.0, 50.0), None);
    }

    #[test]
    fn the_svg_has_a_cell_per_value_and_the_contour() {
        let spec = MapSpec {
            xs: vec![0.0, 1.0, 2.0],
            ys: vec![0.0, 1.0],
            cells: vec![-2.0, 0.0, 2.0, -1.0, 1.0, 3.0],
            x_title: "Ramp delay (months)".into(),
            y_title: "Gas price ($/MMBtu)".into(),
            result: "Premium ($)".into(),
            format: ValueFormat::Usd,
            level: 0.5,
            current: Some((1.0, 0.0)),
        };
        let svg = to_svg(&spec, &LIGHT, 640, 320).unwrap();
        assert!(svg.contains("Ramp delay (months)") && svg.contains("Gas price"));
        assert!(svg.contains("<polyline") || svg.contains("<path"), "no contour drawn");
        assert!(svg.matches("<rect").count() >= 6 + 40, "cells and colour bar");
    }
}
