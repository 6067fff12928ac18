//! Transcendental functions for the model. They go through the pure-Rust `libm` crate on every
//! platform, so native builds (which would otherwise call the system C library) and WebAssembly
//! give bit-identical results: the CLI, the browser and the golden files agree to the last digit.

/// `x` raised to the power `y`.
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// The cosine of `x` (radians).
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// `x` raised to a whole power by repeated multiplication (exact and platform-independent).
pub fn powi(x: f64, n: u32) -> f64 {
    (0..n).fold(1.0, |acc, _| acc * x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std_where_std_is_exact() {
        assert_eq!(pow(2.0, 10.0), 1024.0);
        assert_eq!(powi(1.1, 0), 1.0);
        assert_eq!(powi(1.5, 3), 3.375);
        assert!((pow(1.12, -1.0 / 12.0) - 1.12f64.powf(-1.0 / 12.0)).abs() < 1e-15);
    }
}
