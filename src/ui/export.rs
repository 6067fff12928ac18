//! Downloads made in the page (nothing is sent anywhere): a file built from text, or a chart
//! drawn as PNG with its title and legend, saved through a temporary link.

use super::canvas_backend::Backend;
use crate::charts::frame::Frame;
use crate::charts::theme::Theme;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea, RGBColor};
use wasm_bindgen::{JsCast, JsValue};

/// A new, detached `<tag>` element of type `T`.
fn element<T: JsCast>(tag: &str) -> Result<T, String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    document
        .create_element(tag)
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| format!("not a <{tag}>"))
}

/// Saves `url`'s content as `name`.
///
/// # Errors
/// A message when the page has no document or the link cannot be made.
pub fn save_url(name: &str, url: &str) -> Result<(), String> {
    let link: web_sys::HtmlAnchorElement = element("a")?;
    link.set_href(url);
    link.set_download(name);
    link.click();
    Ok(())
}

/// Saves `text` as a file `name` of type `mime` (a CSV with a UTF-8 byte order mark).
///
/// # Errors
/// A message when the browser refuses to make the file.
pub fn save_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    // A CSV starts with a UTF-8 byte order mark: without it Excel on Windows reads the file
    // as a legacy code page and garbles "5–95 %" and "CO₂".
    let (mime, text) = if mime == "text/csv" {
        ("text/csv;charset=utf-8", format!("\u{feff}{text}"))
    } else {
        (mime, text.to_owned())
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    save_url(name, &url)?;
    // The download has its own reference to the blob once started; free ours a little later.
    gloo::timers::callback::Timeout::new(10_000, move || {
        web_sys::Url::revoke_object_url(&url).ok();
    })
    .forget();
    Ok(())
}

/// Draws a chart `width` × `height` CSS px on a new canvas at the screen's pixel density, with
/// `title` and the `legend` entries above it ([`Frame`]), and saves it as PNG: the picture on
/// the page plus what the page shows around it. `chart` draws into the area it is given, at
/// the scale it is given (device pixels per CSS pixel).
///
/// # Errors
/// A message when the canvas cannot be made, drawn on or read.
pub fn save_png(
    name: &str,
    (width, height): (f64, f64),
    theme: &Theme,
    title: &str,
    legend: Vec<(RGBColor, &str)>,
    chart: impl FnOnce(&DrawingArea<Backend<'static>, Shift>, f64) -> Result<(), String>,
) -> Result<(), String> {
    let canvas: web_sys::HtmlCanvasElement = element("canvas")?;
    let scale = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    canvas.set_width((width * scale).round() as u32);
    canvas.set_height(1);
    let backend = || Backend::canvas(canvas.clone()).ok_or_else(|| "no 2D canvas".to_owned());
    let frame = Frame::new(&backend()?.into_drawing_area(), title, legend, scale);
    canvas.set_height(frame.height + (height * scale).round() as u32);
    let area = backend()?.into_drawing_area();
    let body = frame.draw(&area, theme)?;
    chart(&body, scale)?;
    let data = canvas.to_data_url().map_err(|e| format!("{e:?}"))?;
    save_url(name, &data)
}
