//! Deal & Infrastructure Explorer: what-if planning for giant AI-compute deals, the
//! datacenters and the energy behind them, computed entirely in the browser.
//!
//! Three layers, arrows pointing one way: [`ui`] → [`charts`] → [`model`]. The model is pure
//! and is what the CLI (`src/bin/cli.rs`), the tests and the benchmarks call.

pub mod charts;
pub mod format;
pub use deal_model as model;
pub use deal_peer as peer;
pub mod ui;
