//! The Leptos UI: thin components that wire signals to the model and the charts.

pub mod app;
pub mod chart;
pub mod kpis;
pub mod number_field;
pub mod state;
pub mod summary;

pub use app::App;
