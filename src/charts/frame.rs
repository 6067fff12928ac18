//! What an exported chart carries from the page around it: its title and a legend of the series
//! drawn, above the chart, so a PNG or SVG pasted into a slide or a report still says what it
//! shows and which colour is which.

use super::draw::FONT;
use super::spec::ChartSpec;
use super::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Space around the header, CSS px.
const PAD: f64 = 14.0;
/// Title size and line height, CSS px (a title wider than the export wraps at its spaces).
const TITLE_PX: f64 = 16.0;
const TITLE_LINE_PX: f64 = 21.0;
/// Legend text size and row height, CSS px.
const LEGEND_PX: f64 = 13.0;
const ROW_PX: f64 = 20.0;
/// Legend swatch side, the gap after it and between entries, CSS px.
const SWATCH_PX: f64 = 10.0;
const SWATCH_GAP_PX: f64 = 6.0;
const ENTRY_GAP_PX: f64 = 18.0;

/// An export's header laid out for one width: the title's lines, and the legend's entries in
/// rows.
pub struct Frame {
    title: Vec<String>,
    /// Each row's entries: swatch colour (none on an entry's continuation line), text and left
    /// edge (device px).
    rows: Vec<Vec<(Option<RGBColor>, String, i32)>>,
    /// The header's height, device px: the chart goes below it.
    pub height: u32,
    scale: f64,
}

/// The legend of `spec` as drawn with `visible` (a missing flag counts as visible): each shown
/// series' colour and name, in the chart's order.
pub fn legend<'a>(spec: &'a ChartSpec, theme: &Theme, visible: &[bool]) -> Vec<(RGBColor, &'a str)> {
    spec.series
        .iter()
        .enumerate()
        .filter(|(i, _)| visible.get(*i).copied().unwrap_or(true))
        .map(|(i, s)| (theme.over_background(s.color, spec.swatch_alpha(i)), s.name.as_str()))
        .collect()
}

/// `text` in lines no wider than `room` as `width` measures them, broken at spaces (a
/// word wider than `room` gets a line of its own, and is cut at the edge); none for a blank text.
fn wrap(text: &str, room: i32, width: impl Fn(&str) -> i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(line) if width(&format!("{line} {word}")) <= room => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

impl Frame {
    /// Lays out `title` and the legend `entries` across `area`'s width, measuring text with
    /// `area`'s backend; `scale` is device pixels per CSS pixel. Entries share a row while they
    /// fit; one too wide for a row of its own wraps onto the rows below its swatch.
    pub fn new<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        title: &str,
        entries: Vec<(RGBColor, &str)>,
        scale: f64,
    ) -> Self {
        let measure = |text: &str, size: f64, bold: bool| {
            let font = (FONT, size * scale).into_font();
            let font = if bold { font.style(FontStyle::Bold) } else { font };
            area.estimate_text_size(text, &font.into())
                .map_or(0, |(w, _)| i32::try_from(w).unwrap_or(i32::MAX))
        };
        let width = i32::try_from(area.dim_in_pixel().0).unwrap_or(i32::MAX);
        Self::lay_out(&measure, width, title, entries, scale)
    }

    /// [`Frame::new`] for a width in device px, with `measure` giving a text's width at a size
    /// (CSS px) in bold or not (one copy of the layout code for every backend).
    fn lay_out(
        measure: &dyn Fn(&str, f64, bool) -> i32,
        width: i32,
        title: &str,
        entries: Vec<(RGBColor, &str)>,
        scale: f64,
    ) -> Self {
        let px = |v: f64| (v * scale).round() as i32;
        let (left, right) = (px(PAD), width - px(PAD));
        let text_width = |size: f64, bold: bool| move |text: &str| measure(text, size, bold);
        let title = wrap(title, right - left, text_width(TITLE_PX, true));
        let legend_width = text_width(LEGEND_PX, false);
        let indent = px(SWATCH_PX + SWATCH_GAP_PX);
        let mut rows: Vec<Vec<(Option<RGBColor>, String, i32)>> = Vec::new();
        let mut x = left;
        for (color, name) in entries {
            let w = indent + legend_width(name);
            if rows.is_empty() || (x + w > right && x > left) {
                rows.push(Vec::new());
                x = left;
            }
            if x + w <= right {
                if let Some(row) = rows.last_mut() {
                    row.push((Some(color), name.to_owned(), x));
                }
                x += w + px(ENTRY_GAP_PX);
                continue;
            }
            for (i, line) in wrap(name, right - left - indent, legend_width).into_iter().enumerate() {
                if i > 0 {
                    rows.push(Vec::new());
                }
                if let Some(row) = rows.last_mut() {
                    row.push(((i == 0).then_some(color), line, x));
                }
            }
            // The next entry starts a row of its own.
            x = right;
        }
        let legend_px = if rows.is_empty() { 0.0 } else { 6.0 + ROW_PX * rows.len() as f64 };
        let height = ((PAD + TITLE_LINE_PX * title.len() as f64 + legend_px + 4.0) * scale).round() as u32;
        Self { title, rows, height, scale }
    }

    /// Draws the header across the top of `area` and returns the rest of it, for the chart.
    ///
    /// # Errors
    /// The backend's drawing error, as text.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<DrawingArea<DB, Shift>, String> {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        let px = |v: f64| (v * self.scale).round() as i32;
        area.fill(&theme.background).map_err(err)?;
        let (head, body) = area.split_vertically(self.height);
        let title = (FONT, TITLE_PX * self.scale).into_font().style(FontStyle::Bold).color(&theme.text);
        for (i, line) in self.title.iter().enumerate() {
            head.draw_text(line, &title, (px(PAD), px(PAD + TITLE_LINE_PX * i as f64))).map_err(err)?;
        }
        let legend_top = PAD + TITLE_LINE_PX * self.title.len() as f64;
        let text = (FONT, LEGEND_PX * self.scale).into_font().color(&theme.text);
        let swatch = px(SWATCH_PX);
        for (r, row) in self.rows.iter().enumerate() {
            let y = px(legend_top + 6.0 + ROW_PX * r as f64);
            for (color, name, x) in row {
                if let Some(color) = color {
                    let top = y + px(3.0);
                    head.draw(&Rectangle::new([(*x, top), (x + swatch, top + swatch)], color.filled()))
                        .map_err(err)?;
                }
                head.draw_text(name, &text, (x + swatch + px(SWATCH_GAP_PX), y)).map_err(err)?;
            }
        }
        Ok(body)
    }
}

/// How an SVG export gets its backend. Natively ([`PlainSvg`]) plotters' SVG backend as it is;
/// the browser wraps it in the one backend type its canvases also use, so that plotters' generic
/// drawing code (and ours) is compiled once for the screen and the exports rather than once a
/// backend (about 10 KB gzip of the site).
pub trait SvgBackend {
    /// The backend the chart is drawn on.
    type Backend<'a>: DrawingBackend;
    /// `svg` as that backend.
    fn wrap(svg: SVGBackend<'_>) -> Self::Backend<'_>;
}

/// plotters' SVG backend, unwrapped.
pub struct PlainSvg;

impl SvgBackend for PlainSvg {
    type Backend<'a> = SVGBackend<'a>;
    fn wrap(svg: SVGBackend<'_>) -> SVGBackend<'_> {
        svg
    }
}

/// An SVG document of a chart `width` × `height` CSS px with `title` and the legend `entries`
/// above it; `chart` draws the chart into the area below them, on `W`'s backend.
///
/// # Errors
/// The backend's drawing error, as text.
pub fn svg<W: SvgBackend>(
    (width, height): (u32, u32),
    title: &str,
    entries: Vec<(RGBColor, &str)>,
    theme: &Theme,
    chart: impl for<'a> FnOnce(&DrawingArea<W::Backend<'a>, Shift>) -> Result<(), String>,
) -> Result<String, String> {
    let mut scratch = String::new();
    let frame = {
        let measure = W::wrap(SVGBackend::with_string(&mut scratch, (width, 1))).into_drawing_area();
        Frame::new(&measure, title, entries, 1.0)
    };
    let mut out = String::new();
    {
        let area =
            W::wrap(SVGBackend::with_string(&mut out, (width, height + frame.height))).into_drawing_area();
        chart(&frame.draw(&area, theme)?)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::{draw, heatmap, theme::LIGHT};
    use crate::model::{evaluate, Scenario};

    /// Whether `svg` has a text element of exactly `text`.
    fn drawn(svg: &str, text: &str) -> bool {
        svg.contains(&format!("\n{text}\n</text>"))
    }

    /// The SVG's height attribute.
    fn height(svg: &str) -> u32 {
        let at = svg.find("height=\"").expect("an SVG height") + 8;
        svg[at..].split('"').next().and_then(|h| h.parse().ok()).expect("a number")
    }

    #[test]
    fn an_exported_chart_is_titled_and_names_the_series_drawn_and_only_those() {
        let r = evaluate(&Scenario::default()).unwrap();
        let spec = super::super::contract::cumulative_spend(&r.contract);
        assert!(spec.series.len() >= 2);
        let hidden = &spec.series[0].name;
        let visible: Vec<bool> = (0..spec.series.len()).map(|i| i != 0).collect();
        let svg = draw::export_svg::<super::PlainSvg>(&spec, &LIGHT, (800, 300), &visible).unwrap();
        assert!(drawn(&svg, &spec.title), "title drawn");
        for s in &spec.series[1..] {
            assert!(drawn(&svg, &s.name), "{} in the legend", s.name);
        }
        assert!(!drawn(&svg, hidden), "the hidden series is not in the legend");
        // The chart keeps its own size below the header; the page's canvas has no title.
        assert!(height(&svg) > 300 + 20);
        assert!(!drawn(&draw::to_svg(&spec, &LIGHT, 800, 300).unwrap(), &spec.title));
    }

    /// Every text element of `svg`: its x, its y and what it says.
    fn texts(svg: &str) -> Vec<(i64, i64, String)> {
        let attr = |tag: &str, name: &str| -> i64 {
            let at = tag.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
            tag[at..].split('"').next().and_then(|v| v.parse().ok()).expect("a whole number")
        };
        svg.split("<text")
            .skip(1)
            .map(|t| {
                let (tag, rest) = t.split_once('>').expect("a tag");
                (attr(tag, "x"), attr(tag, "y"), rest.split("</text>").next().unwrap_or("").trim().to_owned())
            })
            .collect()
    }

    /// Below the header an export is the chart as drawn alone, every label moved down by the
    /// header's height and nothing else: text placed from the chart's own pixel positions
    /// (staggered category labels, scatter dot names) included.
    fn assert_shifted_by_the_header(spec: &crate::charts::spec::ChartSpec, width: u32) {
        let alone = draw::to_svg(spec, &LIGHT, width, 300).unwrap();
        let framed = draw::export_svg::<super::PlainSvg>(spec, &LIGHT, (width, 300), &[]).unwrap();
        let header = i64::from(height(&framed)) - 300;
        let moved: Vec<(i64, i64, String)> = texts(&framed).into_iter().filter(|t| t.1 >= header).collect();
        let want: Vec<(i64, i64, String)> =
            texts(&alone).into_iter().map(|(x, y, s)| (x, y + header, s)).collect();
        assert!(!want.is_empty());
        assert_eq!(moved, want);
    }

    #[test]
    fn staggered_labels_and_dot_names_move_with_the_chart_below_the_header() {
        let r = evaluate(&Scenario::default()).unwrap();
        // Six options at 400 px: their names take two staggered rows.
        let bars = super::super::alternatives::unit_cost(&r.alternatives);
        assert_shifted_by_the_header(&bars, 400);
        let point = |name: &str, usd_per_mwh: f64, g_co2_per_kwh: f64| super::super::energy::OptionPoint {
            name: name.to_owned(),
            usd_per_mwh,
            g_co2_per_kwh,
            fully_powered: 1.0,
            current: false,
        };
        let scatter = super::super::energy::cost_vs_carbon(&[
            point("Grid only", 62.0, 367.0),
            point("Gas on site", 48.0, 350.0),
            point("Solar and storage", 71.0, 40.0),
        ]);
        assert_shifted_by_the_header(&scatter, 800);
    }

    #[test]
    fn a_narrow_export_wraps_its_legend_onto_more_rows() {
        let r = evaluate(&Scenario::default()).unwrap();
        let spec = super::super::alternatives::cumulative_cost(&r.alternatives, &r.contract);
        assert!(spec.series.len() >= 4);
        let wide = height(&draw::export_svg::<super::PlainSvg>(&spec, &LIGHT, (1400, 300), &[]).unwrap());
        let narrow = height(&draw::export_svg::<super::PlainSvg>(&spec, &LIGHT, (320, 300), &[]).unwrap());
        assert!(narrow > wide, "{narrow} ≤ {wide}");
    }

    #[test]
    fn a_legend_entry_wider_than_the_export_wraps_below_its_swatch_and_the_next_starts_a_row() {
        use plotters::prelude::*;
        let mut scratch = String::new();
        let area = SVGBackend::with_string(&mut scratch, (320, 1)).into_drawing_area();
        let long = "$ per delivered GPU-hour (cheapest by present value of the options compared here)";
        let frame =
            super::Frame::new(&area, "Cost", vec![(LIGHT.color(0), long), (LIGHT.color(1), "Next")], 1.0);
        let (last, wrapped) = frame.rows.split_last().expect("rows");
        assert!(wrapped.len() >= 2, "{:?}", frame.rows);
        let text: Vec<&str> = wrapped.iter().flatten().map(|e| e.1.as_str()).collect();
        assert_eq!(text.join(" "), long);
        assert!(wrapped[0][0].0.is_some() && wrapped[1..].iter().flatten().all(|e| e.0.is_none()));
        assert_eq!(last.len(), 1);
        assert_eq!(last[0].1, "Next");
    }

    #[test]
    fn an_exported_map_says_what_it_shows_and_what_its_colours_mean() {
        let spec = heatmap::MapSpec {
            xs: vec![0.0, 1.0, 2.0],
            ys: vec![0.0, 1.0],
            cells: vec![-1.0, 0.0, 1.0, 0.0, 1.0, 2.0],
            x_title: "Ramp delay (months)".into(),
            y_title: "Gas price ($/MMBtu)".into(),
            result: "Premium".into(),
            format: super::super::spec::ValueFormat::Usd,
            level: 0.5,
            current: None,
        };
        let svg = heatmap::export_svg::<super::PlainSvg>(&spec, &LIGHT, 640, 320).unwrap();
        assert!(drawn(&svg, &heatmap::title(&spec)));
        assert!(heatmap::title(&spec).contains("Ramp delay (months)"));
        for (_, name) in heatmap::legend(&spec, &LIGHT) {
            assert!(drawn(&svg, &name), "{name}");
        }
        assert!(height(&svg) > 320);
        // Narrower than its title, the export wraps it at spaces onto lines that read as it.
        let narrow = heatmap::export_svg::<super::PlainSvg>(&spec, &LIGHT, 320, 320).unwrap();
        let lines: Vec<&str> = narrow
            .split("font-weight=\"bold\">\n")
            .skip(1)
            .filter_map(|t| t.split("\n</text>").next())
            .collect();
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.join(" "), heatmap::title(&spec));
        assert!(height(&narrow) > height(&svg));
    }
}
