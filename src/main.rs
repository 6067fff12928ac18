//! Mounts the explorer in the page (the web build's entry point; everything else is in lib).

fn main() {
    deal_explorer::ui::panic::install();
    leptos::mount::mount_to_body(deal_explorer::ui::App);
}
