//! What a user sees if the app ever panics: a banner (built with plain DOM calls, since the
//! reactive runtime may be what failed) saying their work is safe, a link that reopens the last
//! good scenario (the address always holds it, see `persistence`; the link works even if the
//! app can run nothing more), and a "Copy diagnostic" button with the details selectable beside it. The console still gets the full report.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the panic hook (once, before mounting).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
    #[cfg(debug_assertions)]
    test_hook();
}

/// Shows the banner with `message` (only the first panic's).
fn show(message: &str) {
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    if document.get_element_by_id("panic-banner").is_some() {
        return;
    }
    let href = window.location().href().unwrap_or_default();
    let agent = window.navigator().user_agent().unwrap_or_default();
    let detail = format!(
        "Deal & Infrastructure Explorer {}\n{message}\nAddress: {href}\nBrowser: {agent}",
        env!("CARGO_PKG_VERSION")
    );
    let el = |tag: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let build = || -> Option<web_sys::Element> {
        let banner = el("div", "")?;
        banner.set_id("panic-banner");
        banner.set_class_name("banner panic-banner");
        banner.set_attribute("role", "alert").ok()?;
        let title = el("strong", "Something went wrong in the explorer.")?;
        banner.append_child(&title).ok()?;
        let body = el(
            "p",
            "Your scenario is safe: it is kept in this page's address and in this browser. Reopen it to carry on; \
             if it happens again, copy the diagnostic and send it to whoever maintains this page.",
        )?;
        banner.append_child(&body).ok()?;
        // A link to the same address with a fresh query, so following it reloads the page (a
        // fragment-only change would not) without needing the stopped app to run anything.
        let location = window.location();
        let fresh = format!(
            "{}{}?reopened={}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            js_sys::Date::now() as u64,
            location.hash().unwrap_or_default()
        );
        let reopen = el("a", "Reopen the last good scenario")?;
        reopen.set_attribute("href", &fresh).ok()?;
        reopen.set_attribute("id", "panic-reopen").ok()?;
        reopen.set_class_name("button");
        banner.append_child(&reopen).ok()?;
        let copy = el("button", "Copy diagnostic")?;
        copy.set_attribute("type", "button").ok()?;
        copy.set_attribute("id", "panic-copy").ok()?;
        copy.set_class_name("button");
        let text = detail.clone();
        let on_copy = Closure::<dyn FnMut()>::new(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&text);
            }
        });
        copy.add_event_listener_with_callback("click", on_copy.as_ref().unchecked_ref()).ok()?;
        on_copy.forget();
        banner.append_child(&copy).ok()?;
        let pre = el("pre", &detail)?;
        pre.set_attribute("id", "panic-detail").ok()?;
        pre.set_attribute("tabindex", "0").ok()?;
        banner.append_child(&pre).ok()?;
        Some(banner)
    };
    if let (Some(banner), Some(body)) = (build(), document.body()) {
        body.prepend_with_node_1(&banner).ok();
    }
}

/// Debug builds only (the browser tests' dev build): `window.__dealExplorerPanic()` panics, so
/// a test can check the banner without a real bug. Release builds carry no such hook.
#[cfg(debug_assertions)]
fn test_hook() {
    let Some(window) = web_sys::window() else { return };
    let hook = Closure::<dyn Fn()>::new(|| panic!("forced by the browser tests' debug hook"));
    js_sys::Reflect::set(&window, &JsValue::from_str("__dealExplorerPanic"), hook.as_ref()).ok();
    hook.forget();
}
