//! The Leptos UI: thin components that wire signals to the model and the charts.

pub mod app;
pub mod canvas_backend;
pub mod catalog_table;
pub mod changes;
pub mod chart;
pub mod comparison;
pub mod cooling_select;
pub mod datacenter_kpis;
pub mod decide;
pub mod embed;
pub mod energy_section;
pub mod energy_sites;
pub mod export;
pub mod history;
pub mod kpi_card;
pub mod kpis;
pub mod library;
pub mod mix_table;
pub mod number_field;
pub mod panel;
pub mod panic;
pub mod peer_bench;
pub mod persistence;
pub mod preset_picker;
pub mod pricing_select;
pub mod resilience;
pub mod schedule_fields;
pub mod state;
pub mod summary;
pub mod table_card;
pub mod training;
pub mod uncertainty;
pub mod workers;

pub use app::App;
pub use panel::InputFilter;
