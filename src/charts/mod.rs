//! Drawing. Charts are described as data ([`spec::ChartSpec`]), built from model reports, and
//! drawn by one function generic over the plotters backend ([`draw::draw`]): a `<canvas>` in
//! the browser, SVG natively and for exports.

pub mod alternatives;
pub mod contract;
pub mod datacenter;
pub mod decide;
pub mod draw;
pub mod energy;
pub mod export;
pub mod geometry;
pub mod heatmap;
pub mod spec;
pub mod theme;
pub mod training;
pub mod uncertainty;
