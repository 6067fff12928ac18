//! Downloads made in the page (nothing is sent anywhere): a file built from text, or a canvas's
//! PNG, saved through a temporary link.

use wasm_bindgen::{JsCast, JsValue};

/// Saves `url`'s content as `name`.
///
/// # Errors
/// A message when the page has no document or the link cannot be made.
pub fn save_url(name: &str, url: &str) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not a link".to_owned())?;
    link.set_href(url);
    link.set_download(name);
    link.click();
    Ok(())
}

/// Saves `text` as a file `name` of type `mime`.
///
/// # Errors
/// A message when the browser refuses to make the file.
pub fn save_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
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

/// Saves a canvas as PNG.
///
/// # Errors
/// A message when the canvas cannot be read.
pub fn save_canvas(name: &str, canvas: &web_sys::HtmlCanvasElement) -> Result<(), String> {
    let data = canvas.to_data_url().map_err(|e| format!("{e:?}"))?;
    save_url(name, &data)
}
