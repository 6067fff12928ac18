//! Transcendental functions for the model. They go through the pure-Rust `libm` crate on every
//! platform, so native builds (which would otherwise call the system C library) and WebAssembly
//! give bit-identical results: the CLI, the browser and the golden files agree to the last digit.
//! Also the one stable sort the model and charts share ([`sort_by`]).

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, as `slice::sort_by` does. Every caller shares one compiled
/// sort (of indices, comparing through `&dyn Fn`): `slice::sort_by` compiles the whole sort
/// again for each element type and comparison, 3–4 KB of the web build each.
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    // In place: the item for place `i` is the one first at `order[i]`; places before `i` are
    // settled, so one that was there has moved on along the chain of swaps that displaced it.
    for i in 0..order.len() {
        let mut from = order[i];
        while from < i {
            from = order[from];
        }
        items.swap(i, from);
    }
}

/// `0..n` sorted stably by `cmp` of two indices.
#[inline(never)]
fn sorted_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// `x` raised to the power `y`.
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// The cosine of `x` (radians).
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// e^x by a 64-entry table of 2^(j/64) and a degree-5 polynomial on |r| ≤ ln 2 / 128 (Tang
/// 1989, "Table-driven implementation of the exponential function in IEEE floating-point
/// arithmetic", ACM TOMS 15(2)): within 2 ulp of `libm::exp` (tested), and no division, so
/// about a third of its time. For |x| ≥ 700 it is `libm::exp`. Used where exponentials are
/// drawn millions of times (lognormal samples); everything else keeps `libm::exp`.
// Always inlined, like the samplers it serves (see `Sampler::sample`).
#[allow(clippy::inline_always)]
#[inline(always)]
pub fn exp_table(x: f64) -> f64 {
    if x.is_nan() || x.abs() >= 700.0 {
        return libm::exp(x);
    }
    let shifted = x * EXP_INV + EXP_SHIFT;
    // The low 32 bits hold k = round(x × 64 / ln 2), two's complement.
    let k = (shifted.to_bits() as u32).cast_signed();
    let kf = shifted - EXP_SHIFT;
    let r = (x - kf * EXP_HI) - kf * EXP_LO;
    let series = r + r * r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0))));
    let scale = exp_scales()[(k & 63) as usize];
    let scaled = scale + scale * series;
    // Times 2^(k / 64, rounded down): added to the exponent bits (the result stays normal).
    f64::from_bits(scaled.to_bits().wrapping_add((i64::from(k >> 6) << 52).cast_unsigned()))
}

/// 64 / ln 2.
pub(crate) const EXP_INV: f64 = 92.332_482_616_893_66;
/// ln 2 / 64, split so `k × HI` is exact for |k| < 2^21 (Cody & Waite 1980).
pub(crate) const EXP_HI: f64 = 0.010_830_424_693_267_56;
pub(crate) const EXP_LO: f64 = 2.981_585_826_985_293_3e-12;
/// Adding 1.5 × 2^52 rounds to a whole number in round-to-nearest.
pub(crate) const EXP_SHIFT: f64 = 6_755_399_441_055_744.0;

/// [`exp_table`]'s table: 2^(j / 64) for j in 0..64.
pub(crate) fn exp_scales() -> &'static [f64; 64] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<[f64; 64]> = OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|j| libm::pow(2.0, j as f64 / 64.0)))
}

/// `x` raised to a whole power by repeated multiplication (exact and platform-independent).
pub fn powi(x: f64, n: u32) -> f64 {
    (0..n).fold(1.0, |acc, _| acc * x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shared sort orders as `slice::sort_by` does, ties kept in their order (pairs with
    /// many equal keys; the second field tells equal keys apart).
    #[test]
    fn shared_sort_is_the_standard_stable_sort() {
        let mut rng = crate::rng::Rng::new(7, 0);
        for n in [0, 1, 2, 19, 20, 21, 500] {
            let items: Vec<(u32, usize)> = (0..n).map(|i| ((rng.unit() * 8.0) as u32, i)).collect();
            let (mut ours, mut std) = (items.clone(), items);
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            std.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(ours, std, "{n} items");
        }
    }

    #[test]
    fn agrees_with_std_where_std_is_exact() {
        assert_eq!(pow(2.0, 10.0), 1024.0);
        assert_eq!(powi(1.1, 0), 1.0);
        assert_eq!(powi(1.5, 3), 3.375);
        assert!((pow(1.12, -1.0 / 12.0) - 1.12f64.powf(-1.0 / 12.0)).abs() < 1e-15);
    }

    #[test]
    fn table_exp_is_within_two_ulp_of_libm() {
        let ulp = |y: f64| f64::from_bits(y.to_bits() + 1) - y;
        let mut worst: f64 = 0.0;
        for i in 0..=1_000_000 {
            // −700 … 700, plus the points around whole multiples of ln 2 / 64.
            let x = -700.0 + 1400.0 * f64::from(i) / 1e6;
            for x in [x, (x * 64.0 / std::f64::consts::LN_2).round() * std::f64::consts::LN_2 / 64.0] {
                let (ours, theirs) = (exp_table(x), libm::exp(x));
                worst = worst.max((ours - theirs).abs() / ulp(theirs));
            }
        }
        assert!(worst <= 2.0, "worst {worst} ulp");
        assert_eq!(exp_table(0.0), 1.0);
        for x in [700.0, 709.0, 710.0, -745.0, -800.0, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(exp_table(x).to_bits(), libm::exp(x).to_bits(), "{x}");
        }
        assert!(exp_table(f64::NAN).is_nan());
    }
}
