//! Chart geometry that the UI needs after drawing: where the plot area is, and which category
//! sits under the pointer. Pure, so hover behaviour is tested natively.

use serde::Serialize;

/// The plot area in the drawing's pixel coordinates and its data ranges.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PlotGeometry {
    /// Left edge of the plot area, px.
    pub left: f64,
    /// Right edge, px.
    pub right: f64,
    /// Top edge, px.
    pub top: f64,
    /// Bottom edge, px.
    pub bottom: f64,
    /// Number of x categories.
    pub categories: usize,
    /// The y value at the bottom edge.
    pub y_min: f64,
    /// The y value at the top edge.
    pub y_max: f64,
    /// The x value at the left edge (a scatter's numeric axis; `-0.5` for categories).
    pub x_min: f64,
    /// The x value at the right edge (`categories - 0.5` for categories).
    pub x_max: f64,
}

impl PlotGeometry {
    /// The x pixel of the centre of category `i` (the plot width is split into equal slots).
    pub fn x_of(&self, i: usize) -> f64 {
        self.left + (self.right - self.left) * (i as f64 + 0.5) / self.categories.max(1) as f64
    }

    /// The y pixel of value `v`.
    pub fn y_of(&self, v: f64) -> f64 {
        self.bottom - (self.bottom - self.top) * (v - self.y_min) / (self.y_max - self.y_min)
    }

    /// The x pixel of value `v` on a scatter's numeric axis.
    pub fn x_at(&self, v: f64) -> f64 {
        self.left + (self.right - self.left) * (v - self.x_min) / (self.x_max - self.x_min)
    }

    /// The point of a scatter nearest to pixel (`x`, `y`) within `reach` px, given each
    /// point's data coordinates (non-finite ones are skipped).
    pub fn nearest_point(&self, x: f64, y: f64, points: &[(f64, f64)], reach: f64) -> Option<usize> {
        points
            .iter()
            .enumerate()
            .filter(|(_, (px, py))| px.is_finite() && py.is_finite())
            .map(|(i, (px, py))| (i, (self.x_at(*px) - x).hypot(self.y_of(*py) - y)))
            .filter(|(_, d)| *d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// The category nearest to pixel `x`, or `None` outside the plot area.
    pub fn category_at(&self, x: f64) -> Option<usize> {
        if self.categories == 0 || x < self.left || x > self.right {
            return None;
        }
        let width = (self.right - self.left) / self.categories as f64;
        Some((((x - self.left) / width).floor() as usize).min(self.categories - 1))
    }

    /// The same geometry in CSS pixels when drawn at `scale` device pixels per CSS pixel.
    #[must_use]
    pub fn unscaled(self, scale: f64) -> Self {
        Self {
            left: self.left / scale,
            right: self.right / scale,
            top: self.top / scale,
            bottom: self.bottom / scale,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> PlotGeometry {
        PlotGeometry {
            left: 100.0,
            right: 460.0,
            top: 10.0,
            bottom: 210.0,
            categories: 36,
            y_min: 0.0,
            y_max: 50.0,
            x_min: -0.5,
            x_max: 35.5,
        }
    }

    #[test]
    fn pointer_maps_to_the_category_under_it_and_back() {
        let g = g();
        assert_eq!(g.category_at(99.0), None);
        assert_eq!(g.category_at(461.0), None);
        assert_eq!(g.category_at(100.0), Some(0));
        assert_eq!(g.category_at(460.0), Some(35));
        for i in 0..36 {
            assert_eq!(g.category_at(g.x_of(i)), Some(i));
        }
    }

    #[test]
    fn values_map_to_pixels_linearly() {
        let g = g();
        assert_eq!(g.y_of(0.0), 210.0);
        assert_eq!(g.y_of(50.0), 10.0);
        assert_eq!(g.y_of(25.0), 110.0);
        assert_eq!(g.unscaled(2.0).left, 50.0);
    }

    #[test]
    fn category_centres_sit_at_their_index_on_the_value_axis() {
        let g = g();
        for i in 0..36 {
            assert!((g.x_at(i as f64) - g.x_of(i)).abs() < 1e-9, "{i}");
        }
    }

    #[test]
    fn the_pointer_picks_the_nearest_dot_within_reach() {
        let g = PlotGeometry { x_min: 0.0, x_max: 100.0, ..g() };
        // x 0..100 over 360 px (3.6 px per unit); y 0..50 over 200 px (4 px per unit).
        let points = [(10.0, 10.0), (20.0, 10.0), (f64::NAN, 5.0), (90.0, 45.0)];
        assert_eq!(g.x_at(50.0), 280.0);
        assert_eq!(g.nearest_point(g.x_at(11.0), g.y_of(10.0), &points, 20.0), Some(0));
        assert_eq!(g.nearest_point(g.x_at(16.0), g.y_of(10.0), &points, 20.0), Some(1));
        assert_eq!(g.nearest_point(g.x_at(90.0), g.y_of(39.0), &points, 20.0), None, "24 px away");
        assert_eq!(g.nearest_point(g.x_at(90.0), g.y_of(41.0), &points, 20.0), Some(3));
        assert_eq!(g.nearest_point(g.x_at(50.0), g.y_of(25.0), &points, 20.0), None);
    }
}
