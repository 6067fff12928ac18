//! Colours and sizes for charts. The palette is Okabe & Ito's colour-blind-safe set
//! (Okabe & Ito, "Color Universal Design", 2008), reordered so the first colours contrast most.

use plotters::style::RGBColor;

/// Colours for one UI theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Chart background.
    pub background: RGBColor,
    /// Titles and tick labels.
    pub text: RGBColor,
    /// Axis lines.
    pub axis: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Series colours.
    pub palette: [RGBColor; 8],
}

/// The light theme.
pub const LIGHT: Theme = Theme {
    background: RGBColor(255, 255, 255),
    text: RGBColor(55, 65, 81),
    axis: RGBColor(156, 163, 175),
    grid: RGBColor(233, 236, 240),
    palette: [
        RGBColor(0, 114, 178),
        RGBColor(213, 94, 0),
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(230, 159, 0),
        RGBColor(86, 180, 233),
        RGBColor(240, 228, 66),
        RGBColor(55, 65, 81),
    ],
};

/// The dark theme: the same hues, lightened for contrast on a dark ground.
pub const DARK: Theme = Theme {
    background: RGBColor(22, 27, 34),
    text: RGBColor(209, 213, 219),
    axis: RGBColor(107, 114, 128),
    grid: RGBColor(45, 52, 62),
    palette: [
        RGBColor(86, 180, 233),
        RGBColor(240, 140, 70),
        RGBColor(60, 200, 150),
        RGBColor(224, 150, 190),
        RGBColor(240, 190, 60),
        RGBColor(150, 210, 245),
        RGBColor(240, 228, 66),
        RGBColor(209, 213, 219),
    ],
};

impl Theme {
    /// The colour of palette slot `i` (wrapping).
    pub fn color(&self, i: usize) -> RGBColor {
        self.palette[i % self.palette.len()]
    }

    /// The colour as CSS hex, for legends drawn in HTML.
    pub fn css(&self, i: usize) -> String {
        let RGBColor(r, g, b) = self.color(i);
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Palette slot `i` as it looks laid at `alpha` over the background (a band's swatch).
    pub fn over_background(&self, i: usize, alpha: f64) -> RGBColor {
        let (RGBColor(r, g, b), RGBColor(br, bg, bb)) = (self.color(i), self.background);
        let mix =
            |c: u8, under: u8| (f64::from(under) + (f64::from(c) - f64::from(under)) * alpha).round() as u8;
        RGBColor(mix(r, br), mix(g, bg), mix(b, bb))
    }

    /// [`Theme::over_background`] as CSS hex.
    pub fn css_over_background(&self, i: usize, alpha: f64) -> String {
        let RGBColor(r, g, b) = self.over_background(i, alpha);
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colour_over_the_background_mixes_by_its_opacity() {
        assert_eq!(LIGHT.over_background(0, 1.0), LIGHT.color(0));
        assert_eq!(LIGHT.over_background(0, 0.0), LIGHT.background);
        // (0, 114, 178) at 50 % over white.
        assert_eq!(LIGHT.over_background(0, 0.5), RGBColor(128, 185, 217));
        assert_eq!(DARK.css_over_background(0, 1.0), DARK.css(0));
    }
}
