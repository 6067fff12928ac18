//! Mounts the explorer in the page (the web build's entry point; everything else is in lib).
//! `?embed=ID` mounts one chart or KPI card instead (see `ui::embed`).

fn main() {
    // The Monte Carlo workers load this same module: there is no page to mount in a worker.
    if web_sys::window().is_none() {
        return;
    }
    // The page's loading line stays only where this module cannot run (an older browser).
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    deal_explorer::ui::panic::install();
    if let Some(id) = deal_explorer::ui::embed::embed_id() {
        leptos::mount::mount_to_body(move || leptos::view! { <deal_explorer::ui::embed::Embed id=id /> });
    } else {
        leptos::mount::mount_to_body(deal_explorer::ui::App);
    }
}
