//! Probability distributions an input can carry instead of a point value, each drawn by its
//! inverse CDF (quantile function) from a uniform number. Drawing everything through quantiles
//! lets one Gaussian copula correlate any pair of inputs, truncates any continuous distribution
//! to its input's valid range exactly (no rejection loop), and gives p10/p90 for the tornado.
//!
//! The normal quantile is Wichura's AS 241 (PPND16, accurate to about 1e-16); the normal CDF uses
//! `libm::erfc`. Both are pure Rust, so draws are bit-identical natively and in the browser.

use super::ziggurat;
use crate::rng::Rng;
use serde::{Deserialize, Serialize};

/// z of the 95th percentile of the standard normal: a 90 % interval is μ ± 1.6449 σ.
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// A distribution over one input's value, in model units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Dist {
    /// Always the same value.
    Fixed {
        /// The value.
        value: f64,
    },
    /// Every value in `low..high` equally likely.
    Uniform {
        /// Smallest value.
        low: f64,
        /// Largest value.
        high: f64,
    },
    /// Rising linearly from `low` to the most likely value `mode`, falling to `high`.
    Triangular {
        /// Smallest value.
        low: f64,
        /// Most likely value.
        mode: f64,
        /// Largest value.
        high: f64,
    },
    /// Normal with mean and standard deviation, optionally cut to `low..high` (and always to
    /// the input's valid range).
    Normal {
        /// Mean before truncation.
        mean: f64,
        /// Standard deviation before truncation.
        sd: f64,
        /// Values below are not drawn.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        low: Option<f64>,
        /// Values above are not drawn.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        high: Option<f64>,
    },
    /// Lognormal given by its 90 % interval: 5 % of draws fall below `p5`, 5 % above `p95`
    /// (Squiggle's `p5 to p95`).
    Lognormal {
        /// The 5th percentile (> 0).
        p5: f64,
        /// The 95th percentile (> `p5`).
        p95: f64,
    },
    /// A few discrete scenarios with probabilities summing to 1.
    Discrete {
        /// The values.
        values: Vec<f64>,
        /// Their probabilities, one per value.
        weights: Vec<f64>,
    },
}

/// The standard normal CDF Φ(x).
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * std::f64::consts::FRAC_1_SQRT_2)
}

/// Evaluates a polynomial with coefficients from the constant term up (Horner).
fn poly(c: &[f64; 8], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, k| acc * x + k)
}

/// The standard normal quantile Φ⁻¹(p) for p in (0, 1) (Wichura 1988, algorithm AS 241,
/// PPND16); ±∞ at 0 and 1. The coefficients are the published ones, digit for digit.
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 8] = [
        3.387_132_872_796_366_5,
        133.141_667_891_784_38,
        1_971.590_950_306_551_3,
        13_731.693_765_509_461,
        45_921.953_931_549_87,
        67_265.770_927_008_7,
        33_430.575_583_588_13,
        2_509.080_928_730_122_7,
    ];
    const B: [f64; 8] = [
        1.0,
        42.313_330_701_600_91,
        687.187_007_492_057_9,
        5_394.196_021_424_751,
        21_213.794_301_586_596,
        39_307.895_800_092_71,
        28_729.085_735_721_943,
        5_226.495_278_852_546,
    ];
    const C: [f64; 8] = [
        1.423_437_110_749_683_5,
        4.630_337_846_156_545,
        5.769_497_221_460_691,
        3.647_848_324_763_204_5,
        1.270_458_252_452_368_4,
        0.241_780_725_177_450_6,
        0.022_723_844_989_269_184,
        7.745_450_142_783_414e-4,
    ];
    const D: [f64; 8] = [
        1.0,
        2.053_191_626_637_758_8,
        1.676_384_830_183_803_8,
        0.689_767_334_985_1,
        0.148_103_976_427_480_07,
        0.015_198_666_563_616_457,
        5.475_938_084_995_345e-4,
        1.050_750_071_644_416_8e-9,
    ];
    const E: [f64; 8] = [
        6.657_904_643_501_103_5,
        5.463_784_911_164_114,
        1.784_826_539_917_291_3,
        0.296_560_571_828_504_9,
        0.026_532_189_526_576_124,
        1.242_660_947_388_078_4e-3,
        2.711_555_568_743_487_6e-5,
        2.010_334_399_292_288_1e-7,
    ];
    const F: [f64; 8] = [
        1.0,
        0.599_832_206_555_887_9,
        0.136_929_880_922_735_8,
        0.014_875_361_290_850_615,
        7.868_691_311_456_133e-4,
        1.846_318_317_510_054_8e-5,
        1.421_511_758_316_446e-7,
        2.044_263_103_389_939_8e-15,
    ];
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = libm::sqrt(-libm::log(tail));
    let z = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly(&F, r)
    };
    if q < 0.0 {
        -z
    } else {
        z
    }
}

/// μ and σ of the underlying normal of a lognormal with this 90 % interval.
fn lognormal_params(p5: f64, p95: f64) -> (f64, f64) {
    let (a, b) = (libm::log(p5), libm::log(p95));
    (f64::midpoint(a, b), (b - a) / (2.0 * Z95))
}

/// How far discrete weights may sum from 100 %: 0.15 points, so weights typed to a tenth of a
/// percent (three at 33.3 %) are accepted.
const WEIGHT_SLACK: f64 = 0.0015;

/// What discrete weights sum to when that is not 1 (they are read in proportion); exactly 1
/// otherwise, so weights that sum to 100 % draw exactly as they always have.
fn weight_scale(weights: &[f64]) -> f64 {
    let total: f64 = weights.iter().sum();
    if (total - 1.0).abs() > 1e-9 && total > 0.0 {
        total
    } else {
        1.0
    }
}

impl Dist {
    /// What is wrong with the parameters, given the input's valid range `min..=max` (in model
    /// units), as a sentence; `None` if the distribution can be drawn from. `shown` writes a
    /// model value in the units users see.
    pub fn problem(&self, (min, max): (f64, f64), shown: &dyn Fn(f64) -> String) -> Option<String> {
        let numbers: Vec<f64> = match self {
            Self::Fixed { value } => vec![*value],
            Self::Uniform { low, high } => vec![*low, *high],
            Self::Triangular { low, mode, high } => vec![*low, *mode, *high],
            Self::Normal { mean, sd, low, high } => {
                [Some(*mean), Some(*sd), *low, *high].into_iter().flatten().collect()
            }
            Self::Lognormal { p5, p95 } => vec![*p5, *p95],
            Self::Discrete { values, weights } => values.iter().chain(weights).copied().collect(),
        };
        if numbers.iter().any(|v| !v.is_finite()) {
            return Some("every parameter must be a finite number".to_owned());
        }
        let inside = |v: f64| v >= min && v <= max;
        let outside = |what: &str, v: f64| {
            Some(format!("{what} {} is outside the input's range {} to {}", shown(v), shown(min), shown(max)))
        };
        match self {
            Self::Fixed { value } if !inside(*value) => outside("the value", *value),
            Self::Uniform { low, high } | Self::Triangular { low, high, .. } if low >= high => {
                Some(format!("low ({}) must be below high ({})", shown(*low), shown(*high)))
            }
            Self::Triangular { low, mode, high } if mode < low || mode > high => {
                Some(format!("the most likely value ({}) must lie between low and high", shown(*mode)))
            }
            Self::Uniform { low, high } | Self::Triangular { low, high, .. }
                if !inside(*low) || !inside(*high) =>
            {
                if inside(*low) {
                    outside("high", *high)
                } else {
                    outside("low", *low)
                }
            }
            Self::Normal { sd, .. } if *sd <= 0.0 => {
                Some("the standard deviation must be above zero".to_owned())
            }
            Self::Normal { low: Some(lo), high: Some(hi), .. } if lo >= hi => {
                Some(format!("the lower cut ({}) must be below the upper cut ({})", shown(*lo), shown(*hi)))
            }
            Self::Lognormal { p5, p95 } if *p5 <= 0.0 || p5 >= p95 => {
                Some("a lognormal needs 0 < 5th percentile < 95th percentile".to_owned())
            }
            Self::Normal { .. } | Self::Lognormal { .. } if self.mass_in(min, max) < 1e-9 => Some(format!(
                "almost no probability lies in the input's range {} to {}",
                shown(min),
                shown(max)
            )),
            Self::Discrete { values, weights } if values.is_empty() || values.len() != weights.len() => {
                Some("give one weight per value".to_owned())
            }
            Self::Discrete { weights, .. } if weights.iter().any(|w| *w < 0.0) => {
                Some("weights cannot be negative".to_owned())
            }
            // Within a tenth of a point or so ("33.3, 33.3, 33.3" sums to 99.9 %): the weights are
            // then read in proportion ([`weight_scale`]).
            Self::Discrete { weights, .. } if (weights.iter().sum::<f64>() - 1.0).abs() > WEIGHT_SLACK => {
                Some(format!(
                    "weights must sum to 100 %, they sum to {}",
                    super::super::inputs::trim_number(weights.iter().sum::<f64>() * 100.0) + " %"
                ))
            }
            Self::Discrete { values, .. } => {
                values.iter().find(|v| !inside(**v)).and_then(|v| outside("the value", *v))
            }
            _ => None,
        }
    }

    /// The CDF at `x` of a continuous distribution (before cutting it to an input's range).
    fn cdf(&self, x: f64) -> f64 {
        match self {
            Self::Fixed { value } => f64::from(u8::from(x >= *value)),
            Self::Uniform { low, high } => ((x - low) / (high - low)).clamp(0.0, 1.0),
            Self::Triangular { low, mode, high } => {
                if x <= *low {
                    0.0
                } else if x >= *high {
                    1.0
                } else if x <= *mode {
                    (x - low) * (x - low) / ((high - low) * (mode - low))
                } else {
                    1.0 - (high - x) * (high - x) / ((high - low) * (high - mode))
                }
            }
            Self::Normal { mean, sd, low, high } => {
                let (lo, hi) = (low.unwrap_or(f64::NEG_INFINITY), high.unwrap_or(f64::INFINITY));
                let (a, b) = (normal_cdf((lo - mean) / sd), normal_cdf((hi - mean) / sd));
                ((normal_cdf((x.clamp(lo, hi) - mean) / sd) - a) / (b - a)).clamp(0.0, 1.0)
            }
            Self::Lognormal { p5, p95 } => {
                if x <= 0.0 {
                    return 0.0;
                }
                let (mu, sigma) = lognormal_params(*p5, *p95);
                normal_cdf((libm::log(x) - mu) / sigma)
            }
            Self::Discrete { values, weights } => {
                values.iter().zip(weights).filter(|(v, _)| **v <= x).map(|(_, w)| w).sum::<f64>()
                    / weight_scale(weights)
            }
        }
    }

    /// The probability the distribution puts in `min..=max`.
    fn mass_in(&self, min: f64, max: f64) -> f64 {
        self.cdf(max) - self.cdf(min)
    }

    /// The value at cumulative probability `u` in (0, 1) of the distribution (uncut).
    fn raw_quantile(&self, u: f64) -> f64 {
        match self {
            Self::Fixed { value } => *value,
            Self::Uniform { low, high } => low + u * (high - low),
            Self::Triangular { low, mode, high } => {
                let split = (mode - low) / (high - low);
                if u < split {
                    low + libm::sqrt(u * (high - low) * (mode - low))
                } else {
                    high - libm::sqrt((1.0 - u) * (high - low) * (high - mode))
                }
            }
            Self::Normal { .. } | Self::Lognormal { .. } => {
                self.sampler((f64::NEG_INFINITY, f64::INFINITY)).quantile(u)
            }
            Self::Discrete { values, weights } => {
                let u = u * weight_scale(weights);
                let mut cumulative = 0.0;
                for (v, w) in values.iter().zip(weights) {
                    cumulative += w;
                    if u < cumulative {
                        return *v;
                    }
                }
                values.last().copied().unwrap_or(f64::NAN)
            }
        }
    }

    /// The value at cumulative probability `u` in (0, 1) of the distribution cut to
    /// `min..=max` (an input's valid range): draws never leave the range, and inside it the
    /// shape is the distribution's own. Uniform, triangular, fixed and discrete distributions
    /// are checked to lie inside the range (see [`Dist::problem`]), so the cut only acts on the
    /// unbounded normal and lognormal. For many draws, [`Dist::sampler`] does the set-up once.
    pub fn quantile(&self, u: f64, range: (f64, f64)) -> f64 {
        self.sampler(range).quantile(u)
    }

    /// This distribution cut to `min..=max`, with everything that does not depend on the draw
    /// (the cut's CDF values, the normal's truncation, the lognormal's μ and σ) worked out once.
    pub fn sampler(&self, (min, max): (f64, f64)) -> Sampler {
        let kind = match *self {
            Self::Normal { mean, sd, low, high } => {
                let (lo, hi) =
                    (low.unwrap_or(f64::NEG_INFINITY).max(min), high.unwrap_or(f64::INFINITY).min(max));
                let (a, b) = (normal_cdf((lo - mean) / sd), normal_cdf((hi - mean) / sd));
                Kind::Normal { mean, sd, a, width: b - a, lo, hi }
            }
            Self::Lognormal { p5, p95 } => {
                let (mu, sigma) = lognormal_params(p5, p95);
                let (a, b) = (self.cdf(min), self.cdf(max));
                Kind::Lognormal { mu, sigma, a, width: b - a, lo: min, hi: max }
            }
            Self::Uniform { low, high } => Kind::Uniform { low, span: high - low },
            _ => Kind::Other(self.clone()),
        };
        Sampler { kind }
    }
}

/// A distribution ready to draw from (see [`Dist::sampler`]).
#[derive(Debug, Clone)]
pub struct Sampler {
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    Normal { mean: f64, sd: f64, a: f64, width: f64, lo: f64, hi: f64 },
    Lognormal { mu: f64, sigma: f64, a: f64, width: f64, lo: f64, hi: f64 },
    Uniform { low: f64, span: f64 },
    Other(Dist),
}

impl Sampler {
    /// The value at cumulative probability `u` in (0, 1).
    pub fn quantile(&self, u: f64) -> f64 {
        match &self.kind {
            Kind::Normal { mean, sd, a, width, lo, hi } => {
                (mean + sd * normal_quantile(a + u * width)).clamp(*lo, *hi)
            }
            Kind::Lognormal { mu, sigma, a, width, lo, hi } => {
                libm::exp(mu + sigma * normal_quantile(a + u * width)).clamp(*lo, *hi)
            }
            Kind::Uniform { low, span } => low + u * span,
            Kind::Other(d) => d.raw_quantile(u),
        }
    }

    /// One independent draw. Normal and lognormal draws whose cut keeps at least a quarter of
    /// the distribution come from the ziggurat (rejecting draws outside the cut, which leaves
    /// the truncated distribution exactly); everything else, and narrower cuts, from the
    /// quantile function. The same distribution as [`Sampler::quantile`] of a uniform, several
    /// times faster, but not a function of one uniform, so it cannot be correlated.
    // Always inlined: in the draw loops the generator then stays in registers (WebAssembly
    // locals) instead of memory; measured 44 → 35 ns a peer sample in wasm (BENCHMARKS.md).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        match self.kind {
            Kind::Normal { mean, sd, width, lo, hi, .. } if width >= ZIGGURAT_WIDTH => {
                NormalDraw { shift: mean, scale: sd, lo, hi }.sample(rng)
            }
            Kind::Lognormal { mu, sigma, width, lo, hi, .. } if width >= ZIGGURAT_WIDTH => {
                LognormalDraw { shift: mu, scale: sigma, lo, hi }.sample(rng)
            }
            Kind::Uniform { low, span } => UniformDraw { low, span }.sample(rng),
            _ => self.quantile(((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)),
        }
    }

    /// This sampler's draw if it is a uniform: for loops that draw one model many times, and so
    /// know each input's kind, without [`Sampler::sample`]'s choice on every draw.
    pub fn uniform(&self) -> Option<UniformDraw> {
        match self.kind {
            Kind::Uniform { low, span } => Some(UniformDraw { low, span }),
            _ => None,
        }
    }

    /// This sampler's draw if it is a normal drawn by the ziggurat (see [`Sampler::uniform`]).
    pub fn normal(&self) -> Option<NormalDraw> {
        match self.kind {
            Kind::Normal { mean, sd, width, lo, hi, .. } if width >= ZIGGURAT_WIDTH => {
                Some(NormalDraw { shift: mean, scale: sd, lo, hi })
            }
            _ => None,
        }
    }

    /// This sampler's draw if it is a lognormal drawn by the ziggurat (see [`Sampler::uniform`]).
    pub fn lognormal(&self) -> Option<LognormalDraw> {
        match self.kind {
            Kind::Lognormal { mu, sigma, width, lo, hi, .. } if width >= ZIGGURAT_WIDTH => {
                Some(LognormalDraw { shift: mu, scale: sigma, lo, hi })
            }
            _ => None,
        }
    }
}

/// The least share of a normal or lognormal a cut may keep for the ziggurat to draw it (by
/// rejection); narrower cuts draw through the quantile function.
const ZIGGURAT_WIDTH: f64 = 0.25;

/// A uniform draw, `low + u × span` ([`Sampler::uniform`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UniformDraw {
    pub(super) low: f64,
    pub(super) span: f64,
}

impl UniformDraw {
    /// One draw, the same as [`Sampler::sample`]'s.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        self.low + rng.unit() * self.span
    }
}

/// A ziggurat draw `shift + scale × z` of a standard normal `z` (with `LOG`, its exponential),
/// redrawn until it falls in `lo..=hi`: a normal or lognormal cut to its range
/// ([`Sampler::normal`], [`Sampler::lognormal`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZigguratDraw<const LOG: bool> {
    pub(super) shift: f64,
    pub(super) scale: f64,
    pub(super) lo: f64,
    pub(super) hi: f64,
}

/// A normal draw by the ziggurat.
pub type NormalDraw = ZigguratDraw<false>;
/// A lognormal draw by the ziggurat (and [`crate::math::exp_table`]).
pub type LognormalDraw = ZigguratDraw<true>;

impl<const LOG: bool> ZigguratDraw<LOG> {
    /// One draw, the same as [`Sampler::sample`]'s.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        loop {
            let x = self.shift + self.scale * ziggurat::normal(rng);
            let x = if LOG { crate::math::exp_table(x) } else { x };
            if self.lo <= x && x <= self.hi {
                return x;
            }
        }
    }
}

impl Dist {
    /// `value ± half_width` inside `min..=max`, each end moved outward onto `step` (model units;
    /// 0 = anywhere), forgiving the last bit of a sum that lands on a step.
    pub fn ends(value: f64, half_width: f64, (min, max): (f64, f64), step: f64) -> (f64, f64) {
        let (low, high) = (value - half_width, value + half_width);
        let (low, high) = if step > 0.0 {
            ((low / step + 1e-9).floor() * step, (high / step - 1e-9).ceil() * step)
        } else {
            (low, high)
        };
        (low.max(min), high.min(max))
    }

    /// The same distribution of a quantity mapped by `f`, increasing (a scale of the quantity:
    /// `|v| v * factor`, `factor` > 0): every value, width and cut is mapped; a discrete
    /// scenario keeps its probability. A normal's width is mapped as the distance from its mean.
    #[must_use]
    pub fn map(&self, f: &dyn Fn(f64) -> f64) -> Self {
        match self {
            Self::Fixed { value } => Self::Fixed { value: f(*value) },
            Self::Uniform { low, high } => Self::Uniform { low: f(*low), high: f(*high) },
            Self::Triangular { low, mode, high } => {
                Self::Triangular { low: f(*low), mode: f(*mode), high: f(*high) }
            }
            Self::Normal { mean, sd, low, high } => Self::Normal {
                mean: f(*mean),
                sd: f(*mean + *sd) - f(*mean),
                low: low.map(f),
                high: high.map(f),
            },
            Self::Lognormal { p5, p95 } => Self::Lognormal { p5: f(*p5), p95: f(*p95) },
            Self::Discrete { values, weights } => {
                Self::Discrete { values: values.iter().map(|v| f(*v)).collect(), weights: weights.clone() }
            }
        }
    }

    /// A triangular distribution `value ± half_width` (model units), kept inside `min..=max`:
    /// the starting point when users make an input uncertain. (Before 2026-12-01 the width was
    /// taken as relative while the panel passed an absolute one, so a $1.25B monthly commitment
    /// started at $0–100B.)
    /// Its ends lie on `step` (model units; 0 = anywhere), outward, so users start from round
    /// figures ("210–285 MW", not 210.375–284.625; whole sites).
    pub fn around(value: f64, half_width: f64, range: (f64, f64), step: f64) -> Self {
        let (low, high) = Self::ends(value, half_width, range, step);
        if low < high {
            Self::Triangular { low, mode: value.clamp(low, high), high }
        } else {
            Self::Fixed { value }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    const WIDE: (f64, f64) = (-1e12, 1e12);

    fn shown(v: f64) -> String {
        crate::inputs::trim_number(v)
    }

    #[test]
    fn normal_quantile_matches_published_values_and_inverts_the_cdf() {
        // z-table values (Abramowitz & Stegun, table 26.5).
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-14);
        assert!((normal_quantile(0.95) - Z95).abs() < 1e-14);
        assert!((normal_quantile(0.5)).abs() < 1e-16);
        assert!((normal_quantile(1e-10) + 6.361_340_902_404_056).abs() < 1e-10);
        for p in [1e-300, 1e-20, 1e-6, 0.01, 0.2, 0.42, 0.5, 0.7, 0.93, 0.999_999] {
            let z = normal_quantile(p);
            let back = normal_cdf(z);
            assert!((back - p).abs() <= 1e-13 * p.max(1e-3), "p {p}: z {z} → {back}");
            if p >= 1e-6 {
                // (1 − p rounds to 1 below that.)
                assert!((normal_quantile(1.0 - p) + z).abs() < 1e-9 * z.abs().max(1.0), "symmetry at {p}");
            }
        }
    }

    /// Mean and variance of `n` draws.
    fn moments(d: &Dist, range: (f64, f64), n: u32) -> (f64, f64) {
        let mut rng = Rng::new(2026, 1);
        let xs: Vec<f64> = (0..n).map(|_| d.quantile(rng.open01(), range)).collect();
        let mean = xs.iter().sum::<f64>() / f64::from(n);
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / f64::from(n - 1);
        (mean, var)
    }

    #[test]
    fn sample_moments_match_each_distribution() {
        let n = 200_000;
        // (distribution, range, exact mean, exact variance) from the textbook formulas.
        let tri_var = (1.0 + 4.0 + 9.0 - 2.0 - 3.0 - 6.0) / 18.0;
        let (mu, sigma) = lognormal_params(40.0, 110.0);
        let ln_mean = libm::exp(mu + sigma * sigma / 2.0);
        let ln_var = (libm::exp(sigma * sigma) - 1.0) * libm::exp(2.0 * mu + sigma * sigma);
        // Normal(0, 1) cut to [0, ∞): the half-normal, mean √(2/π), variance 1 − 2/π.
        let half_mean = (2.0 / std::f64::consts::PI).sqrt();
        let cases = [
            (Dist::Uniform { low: 2.0, high: 6.0 }, WIDE, 4.0, 16.0 / 12.0),
            (Dist::Triangular { low: 1.0, mode: 2.0, high: 3.0 }, WIDE, 2.0, tri_var),
            (Dist::Normal { mean: 5.0, sd: 2.0, low: None, high: None }, WIDE, 5.0, 4.0),
            (
                Dist::Normal { mean: 0.0, sd: 1.0, low: Some(0.0), high: None },
                WIDE,
                half_mean,
                1.0 - half_mean * half_mean,
            ),
            (
                Dist::Normal { mean: 0.0, sd: 1.0, low: None, high: None },
                (0.0, 1e9),
                half_mean,
                1.0 - half_mean * half_mean,
            ),
            (Dist::Lognormal { p5: 40.0, p95: 110.0 }, WIDE, ln_mean, ln_var),
            (Dist::Discrete { values: vec![1.0, 5.0], weights: vec![0.25, 0.75] }, WIDE, 4.0, 3.0),
        ];
        for (d, range, mean, var) in cases {
            let (m, v) = moments(&d, range, n);
            let se = (var / f64::from(n)).sqrt();
            assert!((m - mean).abs() < 5.0 * se, "{d:?}: mean {m} vs {mean}");
            assert!((v - var).abs() < 0.02 * var, "{d:?}: variance {v} vs {var}");
        }
    }

    #[test]
    fn lognormal_interval_holds_90_percent_of_draws() {
        let d = Dist::Lognormal { p5: 40.0, p95: 110.0 };
        assert!((d.quantile(0.05, WIDE) - 40.0).abs() < 1e-9);
        assert!((d.quantile(0.95, WIDE) - 110.0).abs() < 1e-9);
        assert!((d.cdf(110.0) - 0.95).abs() < 1e-12);
    }

    #[test]
    fn draws_never_leave_the_inputs_range() {
        let d = Dist::Normal { mean: 0.9, sd: 0.2, low: None, high: None };
        let mut rng = Rng::new(3, 0);
        for _ in 0..10_000 {
            let x = d.quantile(rng.open01(), (0.0, 1.0));
            assert!((0.0..=1.0).contains(&x), "{x}");
        }
        assert_eq!(d.quantile(1e-300, (0.0, 1.0)), 0.0);
    }

    #[test]
    fn invalid_parameters_are_named() {
        let range = (0.0, 100.0);
        let problem = |d: Dist| d.problem(range, &shown).unwrap_or_default();
        assert!(problem(Dist::Uniform { low: 5.0, high: 2.0 }).contains("low (5) must be below high (2)"));
        assert!(problem(Dist::Triangular { low: 1.0, mode: 9.0, high: 3.0 }).contains("most likely"));
        assert!(problem(Dist::Uniform { low: 5.0, high: 200.0 }).contains("high 200 is outside"));
        assert!(problem(Dist::Lognormal { p5: -1.0, p95: 3.0 }).contains("0 < 5th percentile"));
        assert!(problem(Dist::Normal { mean: 1.0, sd: 0.0, low: None, high: None })
            .contains("standard deviation"));
        assert!(
            problem(Dist::Normal { mean: -900.0, sd: 1.0, low: None, high: None }).contains("no probability")
        );
        assert!(problem(Dist::Discrete { values: vec![1.0, 2.0], weights: vec![0.5, 0.4] })
            .contains("sum to 90 %"));
        // Three thirds typed to a tenth of a percent: accepted, and drawn in proportion.
        let thirds = Dist::Discrete { values: vec![1.0, 2.0, 3.0], weights: vec![0.333; 3] };
        assert_eq!(thirds.problem(range, &shown), None);
        assert!((thirds.cdf(1.0) - 1.0 / 3.0).abs() < 1e-12 && (thirds.cdf(3.0) - 1.0).abs() < 1e-12);
        assert_eq!(
            (thirds.raw_quantile(0.332), thirds.raw_quantile(0.334), thirds.raw_quantile(0.999)),
            (1.0, 2.0, 3.0)
        );
        assert!(problem(Dist::Discrete { values: vec![1.0], weights: vec![0.5, 0.5] })
            .contains("one weight per value"));
        assert!(problem(Dist::Fixed { value: f64::NAN }).contains("finite"));
        assert_eq!(Dist::Triangular { low: 1.0, mode: 2.0, high: 3.0 }.problem(range, &shown), None);
        assert_eq!(Dist::around(50.0, 5.0, range, 0.0).problem(range, &shown), None);
        assert_eq!(
            Dist::around(50.0, 5.0, range, 0.0),
            Dist::Triangular { low: 45.0, mode: 50.0, high: 55.0 }
        );
        assert_eq!(
            Dist::around(100.0, 10.0, range, 0.0),
            Dist::Triangular { low: 90.0, mode: 100.0, high: 100.0 }
        );
        // A large value keeps an absolute width (the panel's tenth of the slider's span).
        assert_eq!(
            Dist::around(1.25e9, 5e8, (0.0, 1e11), 0.0),
            Dist::Triangular { low: 7.5e8, mode: 1.25e9, high: 1.75e9 }
        );
        // Ends on the field's step, outward: the turbines' 247.5 ± 37.125 MW on whole MW, two
        // sites ± 0.9 on whole sites, and a sum landing on a step (1.25e9 − 4.9e8) kept there.
        assert_eq!(Dist::ends(247.5, 37.125, (0.0, 1e5), 1.0), (210.0, 285.0));
        assert_eq!(Dist::ends(2.0, 0.9, (1.0, 64.0), 1.0), (1.0, 3.0));
        assert_eq!(Dist::ends(1.25e9, (5e9 - 0.1e9) * 0.1, (0.0, 1e11), 1e7), (0.76e9, 1.74e9));
    }
}
