//! Mounts the explorer in the page (the web build's entry point; everything else is in lib).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(deal_explorer::ui::App);
}
