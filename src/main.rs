//! Mounts the explorer in the page (the web build's entry point; everything else is in lib).
//! `?embed=ID` mounts one chart or KPI card instead (see `ui::embed`).

fn main() {
    // The Monte Carlo workers load this same module: there is no page to mount in a worker.
    if web_sys::window().is_none() {
        return;
    }
    deal_explorer::ui::panic::install();
    if let Some(id) = deal_explorer::ui::embed::embed_id() {
        leptos::mount::mount_to_body(move || leptos::view! { <deal_explorer::ui::embed::Embed id=id /> });
    } else {
        leptos::mount::mount_to_body(deal_explorer::ui::App);
    }
}
