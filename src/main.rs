//! Mounts the explorer in the page (the web build's entry point; everything else is in lib).

fn main() {
    // The Monte Carlo workers load this same module: there is no page to mount in a worker.
    if web_sys::window().is_none() {
        return;
    }
    deal_explorer::ui::panic::install();
    leptos::mount::mount_to_body(deal_explorer::ui::App);
}
