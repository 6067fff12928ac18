//! A `<canvas>` drawing backend for plotters that measures text with the canvas's own
//! `measureText`. plotters' browser font code measures each label by appending a `<span>` to
//! the page and reading its size, which forces a layout of the whole document per label (dozens
//! per chart); this backend delegates all drawing to `plotters_canvas::CanvasBackend` and only
//! replaces that measurement. It also draws lines and text itself, setting the context's font,
//! colours, line width and text alignment only when they change: Chrome parses a font or colour
//! string on every set, and a chart draws dozens of grid lines and labels in one style.
//!
//! The page draws on one backend type, [`Backend`]: a canvas, or an SVG export. plotters' drawing
//! code is generic over the backend, so two types would compile it (and ours) twice.

use plotters::prelude::SVGBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas backend with fast text measurement.
pub struct FastCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// What this backend last set on the context.
    held: RefCell<Held>,
}

/// The context's state as this backend last set it; empty (or NaN) when unknown.
#[derive(Default)]
struct Held {
    font: String,
    fill: String,
    stroke: String,
    line_width: Option<f64>,
    align: &'static str,
    baseline: &'static str,
}

impl FastCanvas {
    /// Wraps `canvas`; `None` when it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        Some(Self { inner: CanvasBackend::with_canvas_object(canvas)?, context, held: RefCell::default() })
    }

    /// Forgets the colours and line width: `CanvasBackend`'s own drawing sets them.
    fn forget_colours(&self) {
        let mut held = self.held.borrow_mut();
        held.fill.clear();
        held.stroke.clear();
        held.line_width = None;
    }

    fn set_font(&self, font: String) {
        let mut held = self.held.borrow_mut();
        if held.font != font {
            self.context.set_font(&font);
            held.font = font;
        }
    }

    fn set_fill(&self, color: BackendColor) {
        let css = css_color(color);
        let mut held = self.held.borrow_mut();
        if held.fill != css {
            self.context.set_fill_style_str(&css);
            held.fill = css;
        }
    }

    fn set_line(&self, color: BackendColor, width: f64) {
        let css = css_color(color);
        let mut held = self.held.borrow_mut();
        if held.stroke != css {
            self.context.set_stroke_style_str(&css);
            held.stroke = css;
        }
        if held.line_width != Some(width) {
            self.context.set_line_width(width);
            held.line_width = Some(width);
        }
    }
}

type Result<E> = std::result::Result<(), DrawingErrorKind<E>>;

impl DrawingBackend for FastCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<Self::ErrorType> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<Self::ErrorType> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<Self::ErrorType> {
        self.forget_colours();
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<Self::ErrorType> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        // Horizontal and vertical lines on pixel centres, as `CanvasBackend` draws them: crisp.
        let centre = |a: i32, b: i32| {
            if a == b {
                (f64::from(a) - 0.5, f64::from(b) - 0.5)
            } else {
                (f64::from(a), f64::from(b))
            }
        };
        let (x0, x1) = centre(from.0, to.0);
        let (y0, y1) = centre(from.1, to.1);
        self.set_line(style.color(), f64::from(style.stroke_width()));
        self.context.begin_path();
        self.context.move_to(x0, y0);
        self.context.line_to(x1, y1);
        self.context.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<Self::ErrorType> {
        self.forget_colours();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<Self::ErrorType> {
        self.forget_colours();
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<Self::ErrorType> {
        self.forget_colours();
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<Self::ErrorType> {
        self.forget_colours();
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<Self::ErrorType> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let turn = match style.transform() {
            FontTransform::Rotate90 => 0.5,
            FontTransform::Rotate180 => 1.0,
            FontTransform::Rotate270 => 1.5,
            FontTransform::None => 0.0,
        } * std::f64::consts::PI;
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if turn != 0.0 {
            // Restoring afterwards puts back what was set before: forget what is set inside.
            self.context.save();
            self.context.translate(x, y).map_err(canvas_error)?;
            self.context.rotate(turn).map_err(canvas_error)?;
            (x, y) = (0.0, 0.0);
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        {
            let mut held = self.held.borrow_mut();
            if held.baseline != baseline {
                self.context.set_text_baseline(baseline);
                held.baseline = baseline;
            }
            if held.align != align {
                self.context.set_text_align(align);
                held.align = align;
            }
        }
        self.set_fill(color);
        self.set_font(font_of(style));
        let drawn = self.context.fill_text(text, x, y).map_err(canvas_error);
        if turn != 0.0 {
            self.context.restore();
            *self.held.borrow_mut() = Held::default();
        }
        drawn
    }

    /// Width from `measureText` with the same font string `CanvasBackend::draw_text` sets;
    /// height as a line box (1.2 × the font size), as the span measurement reported.
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.set_font(font_of(style));
        let width = self.context.measure_text(text).map_or(0.0, |m| m.width());
        Ok((width.ceil() as u32, (style.size() * 1.2).ceil() as u32))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<Self::ErrorType> {
        self.forget_colours();
        self.inner.blit_bitmap(pos, size, src)
    }
}

/// What the page draws on: a canvas, or plotters' SVG backend for an export.
pub enum Backend<'a> {
    /// A `<canvas>` on the page or made for a PNG.
    Canvas(FastCanvas),
    /// An SVG document being written.
    Svg(SVGBackend<'a>),
}

impl Backend<'static> {
    /// `canvas` as a backend; `None` when it has no 2D context.
    pub fn canvas(canvas: HtmlCanvasElement) -> Option<Self> {
        FastCanvas::new(canvas).map(Backend::Canvas)
    }
}

/// The page's SVG exports, on [`Backend`].
pub struct WebSvg;

impl crate::charts::frame::SvgBackend for WebSvg {
    type Backend<'a> = Backend<'a>;
    fn wrap(svg: SVGBackend<'_>) -> Backend<'_> {
        Backend::Svg(svg)
    }
}

/// Both backends' errors as one type (the SVG backend's).
type Failure = DrawingErrorKind<std::io::Error>;

/// A canvas error as a [`Failure`].
fn from_canvas<T>(
    r: std::result::Result<T, DrawingErrorKind<<FastCanvas as DrawingBackend>::ErrorType>>,
) -> std::result::Result<T, Failure> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(std::io::Error::other(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

/// Calls `$call` on whichever backend `$self` is.
macro_rules! either {
    ($self:expr, $b:ident => $call:expr) => {
        match $self {
            Backend::Canvas($b) => from_canvas($call),
            Backend::Svg($b) => $call,
        }
    };
}

impl DrawingBackend for Backend<'_> {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Backend::Canvas(b) => b.get_size(),
            Backend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> std::result::Result<(), Failure> {
        either!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> std::result::Result<(), Failure> {
        either!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> std::result::Result<(), Failure> {
        either!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> std::result::Result<(), Failure> {
        either!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> std::result::Result<(), Failure> {
        either!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> std::result::Result<(), Failure> {
        either!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> std::result::Result<(), Failure> {
        either!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> std::result::Result<(), Failure> {
        either!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> std::result::Result<(), Failure> {
        either!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> std::result::Result<(u32, u32), Failure> {
        either!(self, b => b.estimate_text_size(text, style))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> std::result::Result<(), Failure> {
        either!(self, b => b.blit_bitmap(pos, size, src))
    }
}

/// A colour as CSS, as `CanvasBackend` writes it.
fn css_color(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", color.alpha)
}

/// A canvas call's exception as a plotters error (`CanvasBackend`'s own error type is private).
fn canvas_error(e: wasm_bindgen::JsValue) -> DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType> {
    DrawingErrorKind::FontError(format!("canvas: {e:?}").into())
}

/// The CSS font string for `style`, as `CanvasBackend` writes it.
fn font_of<S: BackendTextStyle>(style: &S) -> String {
    format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str())
}
