//! Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, "The Ziggurat Method
//! for Generating Random Variables", Journal of Statistical Software 5(8)), 128 layers: about
//! 97 % of draws cost one 64-bit random number, a multiply and a compare, against the two
//! logarithms-or-polynomials of drawing through the quantile function. Used where a draw needs
//! no copula (see [`super::dist::Sampler::sample`]).
//!
//! The layer table is computed once with `libm`, so draws are bit-identical natively and in the
//! browser. One 64-bit number gives the layer (low 7 bits) and the position in it (top 53 bits),
//! which never overlap.

use crate::rng::Rng;
use std::sync::OnceLock;

/// Layers.
const N: usize = 128;
/// Where the tail starts (Marsaglia & Tsang, table for 128 layers).
const R: f64 = 3.442_619_855_899;
/// The area of every layer, the base layer's rectangle and tail included.
const V: f64 = 9.912_563_035_262_17e-3;

/// The unnormalised density e^(−x²/2).
fn f(x: f64) -> f64 {
    libm::exp(-0.5 * x * x)
}

/// Right edges `x[i]` of the layers (`x[0]` the base rectangle's virtual edge V / f(R), `x[1]`
/// = R, falling to `x[N]` = 0), and the density there.
pub(super) struct Table {
    pub(super) x: [f64; N + 1],
    f: [f64; N + 1],
}

pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut x = [0.0; N + 1];
        x[0] = V / f(R);
        x[1] = R;
        for i in 1..N - 1 {
            x[i + 1] = libm::sqrt(-2.0 * libm::log(V / x[i] + f(x[i])));
        }
        x[N] = 0.0;
        Table { x, f: x.map(f) }
    })
}

/// One standard normal draw. The common case is inlined where it is called, so the caller's
/// generator can stay in registers (locals in WebAssembly); the rare edges of the layers take
/// a copy of it through [`edge`].
// Always inlined: in the draw loops the generator then stays in registers (WebAssembly
// locals) instead of memory; measured 44 → 35 ns a peer sample in wasm (BENCHMARKS.md).
#[allow(clippy::inline_always)]
#[inline(always)]
pub fn normal(rng: &mut Rng) -> f64 {
    let layers = table();
    loop {
        let bits = rng.next_u64();
        let layer = (bits & 0x7f) as usize;
        // Uniform in [−1, 1) from the top 53 bits.
        let u = (bits >> 11) as f64 * (2.0 / (1u64 << 53) as f64) - 1.0;
        let x = u * layers.x[layer];
        if x.abs() < layers.x[layer + 1] {
            return x;
        }
        let (accepted, after) = edge(layers, layer, u, x, rng.clone());
        *rng = after;
        if let Some(x) = accepted {
            return x;
        }
    }
}

/// A draw outside the layer's inner rectangle (about 2.7 % of them): the tail beyond R for the
/// base layer (Marsaglia 1964), otherwise accepted under the density with the generator after.
#[cold]
#[inline(never)]
fn edge(layers: &Table, layer: usize, u: f64, x: f64, mut rng: Rng) -> (Option<f64>, Rng) {
    if layer == 0 {
        loop {
            let a = -libm::log(rng.open01()) / R;
            let b = -libm::log(rng.open01());
            if b + b >= a * a {
                return (Some(if u < 0.0 { -(R + a) } else { R + a }), rng);
            }
        }
    }
    let under = layers.f[layer + 1] + (layers.f[layer] - layers.f[layer + 1]) * rng.unit() < f(x);
    (under.then_some(x), rng)
}

/// The rest of a draw whose first try (`bits` giving `layer`, `u` and `x`) fell outside its
/// layer's inner rectangle: the edge test, then new tries as [`normal`] makes them. For the
/// two-lane draw ([`super::lanes`]), which makes the first tries itself.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) fn after_first_try(layer: usize, u: f64, x: f64, rng: &mut Rng) -> f64 {
    let (accepted, after) = edge(table(), layer, u, x, rng.clone());
    *rng = after;
    accepted.unwrap_or_else(|| normal(rng))
}

#[cfg(test)]
mod tests {
    use super::super::dist::normal_cdf;
    use super::*;

    #[test]
    fn the_table_closes_at_zero_with_equal_layers() {
        let t = table();
        // The recurrence lands on the top layer whose area V must be the rectangle x[N−1] × (1 − f).
        assert!((t.x[N - 1] * (1.0 - t.f[N - 1]) - V).abs() < 1e-9, "{}", t.x[N - 1]);
        assert!(t.x.windows(2).skip(1).all(|w| w[0] > w[1]), "edges fall");
    }

    #[test]
    fn draws_follow_the_standard_normal() {
        let mut rng = Rng::new(2026, 5);
        let n = 1_000_000;
        let xs: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
        let mean = xs.iter().sum::<f64>() / f64::from(n);
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / f64::from(n - 1);
        let kurt = xs.iter().map(|x| (x - mean).powi(4)).sum::<f64>() / f64::from(n) / (var * var);
        assert!(mean.abs() < 0.004, "mean {mean}");
        assert!((var - 1.0).abs() < 0.005, "variance {var}");
        assert!((kurt - 3.0).abs() < 0.03, "kurtosis {kurt}");
        // The empirical CDF against Φ, the tail beyond R included (±4 standard errors).
        for z in [-4.0, -R, -2.5, -1.0, -0.3, 0.0, 0.7, 1.5, R, 4.0] {
            let p = normal_cdf(z);
            let seen = xs.iter().filter(|&&x| x < z).count() as f64 / f64::from(n);
            let se = (p * (1.0 - p) / f64::from(n)).sqrt();
            assert!((seen - p).abs() < 4.0 * se + 1e-6, "P(Z < {z}) = {seen}, Φ = {p}");
        }
    }
}
