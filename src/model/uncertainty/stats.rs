//! Sample statistics: mean, percentiles, histogram, exceedance probability.
//!
//! Percentiles interpolate linearly between order statistics at p × (n − 1) (Hyndman & Fan
//! 1996 definition 7; numpy's and Squiggle's default), so results agree with both.

use serde::{Deserialize, Serialize};

/// The percentiles reported for every KPI and month.
pub const PERCENTILES: [f64; 5] = [0.05, 0.25, 0.50, 0.75, 0.95];

/// The p-quantile of ascending `sorted` values (definition 7); NaN when empty.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else { return f64::NAN };
    let h = p.clamp(0.0, 1.0) * last as f64;
    let k = h.floor() as usize;
    let below = sorted[k];
    match sorted.get(k + 1) {
        Some(above) => below + (h - k as f64) * (above - below),
        None => below,
    }
}

/// The p-quantiles of `values` by selection, O(n) each instead of a full sort (reorders
/// `values`). `ps` must be ascending.
pub fn quantiles_unsorted(values: &mut [f64], ps: &[f64]) -> Vec<f64> {
    let Some(last) = values.len().checked_sub(1) else { return vec![f64::NAN; ps.len()] };
    let mut from = 0;
    ps.iter()
        .map(|p| {
            let h = p.clamp(0.0, 1.0) * last as f64;
            let k = (h.floor() as usize).max(from);
            // Everything before `from` is ≤ what follows it from the previous selection.
            let (_, below, rest) = values[from..].select_nth_unstable_by(k - from, f64::total_cmp);
            let below = *below;
            let above = rest.iter().copied().fold(f64::INFINITY, f64::min);
            from = k;
            if rest.is_empty() {
                below
            } else {
                below + (h - k as f64) * (above - below)
            }
        })
        .collect()
}

/// Sorts values ascending (NaN last), the order every statistic here expects.
pub fn sort(values: &mut [f64]) {
    values.sort_unstable_by(f64::total_cmp);
}

/// The spread of one result over the samples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Samples counted.
    pub n: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Smallest sample.
    pub min: f64,
    /// Largest sample.
    pub max: f64,
}

impl Summary {
    /// The summary of ascending, finite `sorted` values.
    pub fn of_sorted(sorted: &[f64]) -> Self {
        let q = |p| quantile_sorted(sorted, p);
        let n = sorted.len();
        Self {
            n,
            mean: sorted.iter().sum::<f64>() / n.max(1) as f64,
            p5: q(PERCENTILES[0]),
            p25: q(PERCENTILES[1]),
            p50: q(PERCENTILES[2]),
            p75: q(PERCENTILES[3]),
            p95: q(PERCENTILES[4]),
            min: sorted.first().copied().unwrap_or(f64::NAN),
            max: sorted.last().copied().unwrap_or(f64::NAN),
        }
    }
}

/// The share of ascending `sorted` values strictly above `threshold`.
pub fn exceedance(sorted: &[f64], threshold: f64) -> f64 {
    // No samples, or no threshold to compare with (a KPI whose point estimate is not a
    // number, e.g. no run finishing in the term, and none typed): no probability.
    if sorted.is_empty() || threshold.is_nan() {
        return f64::NAN;
    }
    let at_or_below = sorted.partition_point(|v| *v <= threshold);
    (sorted.len() - at_or_below) as f64 / sorted.len() as f64
}

/// One histogram bin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    /// Lower edge (inclusive).
    pub low: f64,
    /// Upper edge (exclusive, inclusive for the last bin).
    pub high: f64,
    /// Samples in the bin.
    pub count: usize,
    /// Share of samples at or below the bin's upper edge (the empirical CDF).
    pub cumulative: f64,
}

/// Bins of one round width (1, 2 or 5 × 10ⁿ) over ascending `sorted` values, edges on multiples
/// of the width, as few as that takes but at most `bins` (one bin when the values are all equal
/// or not finite). Round edges make the axis read "40M, 80M", not "37.5M, 80.3M"; the first
/// bin starts at or below the smallest value and the last (closed) ends at or above the largest.
pub fn histogram(sorted: &[f64], bins: usize) -> Vec<Bin> {
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else { return Vec::new() };
    let Some((width, first, count)) = round_bins(lo, hi, bins.max(1)) else {
        return vec![Bin { low: lo, high: hi, count: sorted.len(), cumulative: 1.0 }];
    };
    let mut out = Vec::with_capacity(count);
    let mut start = 0;
    for b in 0..count {
        let last = b + 1 == count;
        // Rounding in `first × width` must not leave the extremes outside their bins.
        let low = if b == 0 { (first * width).min(lo) } else { (first + b as f64) * width };
        let high = (first + (b + 1) as f64) * width;
        let high = if last { high.max(hi) } else { high };
        let end = if last { sorted.len() } else { sorted.partition_point(|v| *v < high) };
        out.push(Bin { low, high, count: end - start, cumulative: end as f64 / sorted.len() as f64 });
        start = end;
    }
    out
}

/// The round width, the first edge as a multiple of it and the bin count of [`histogram`]:
/// the narrowest width of 1, 2 or 5 × 10ⁿ whose bins from `lo` to `hi` number at most `bins`.
fn round_bins(lo: f64, hi: f64, bins: usize) -> Option<(f64, f64, usize)> {
    if !(hi > lo && lo.is_finite() && hi.is_finite()) {
        return None;
    }
    let raw = (hi - lo) / bins as f64;
    let mut decade = 10f64.powf(raw.log10().floor());
    loop {
        for step in [1.0, 2.0, 5.0] {
            let width = step * decade;
            if width < raw * (1.0 - 1e-12) {
                continue;
            }
            let first = (lo / width).floor();
            // The largest value on an edge closes the bin below it rather than opening one.
            let count = ((hi / width).ceil() - first).max(1.0);
            if count <= bins as f64 {
                return Some((width, first, count as usize));
            }
        }
        decade *= 10.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exceedance_counts_strictly_above_and_has_none_without_a_threshold() {
        let v = [1.0, 2.0, 2.0, 3.0];
        assert_eq!(exceedance(&v, 2.0), 0.25);
        assert_eq!(exceedance(&v, 0.0), 1.0);
        assert!(exceedance(&v, f64::NAN).is_nan());
        assert!(exceedance(&[], 1.0).is_nan());
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        // numpy.percentile([1, 2, 3, 4, 10], [5, 50, 90]) = [1.2, 3.0, 7.6].
        let v = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert!((quantile_sorted(&v, 0.05) - 1.2).abs() < 1e-12);
        assert_eq!(quantile_sorted(&v, 0.5), 3.0);
        assert!((quantile_sorted(&v, 0.9) - 7.6).abs() < 1e-12);
        assert!(quantile_sorted(&[], 0.5).is_nan());
    }

    #[test]
    fn selection_agrees_with_sorting() {
        let mut rng = crate::rng::Rng::new(5, 0);
        for n in [1, 2, 3, 10, 101, 1000] {
            let mut v: Vec<f64> = (0..n).map(|_| (rng.unit() * 50.0).floor()).collect();
            let mut sorted = v.clone();
            sort(&mut sorted);
            let ps = [0.0, 0.05, 0.5, 0.5, 0.95, 1.0];
            let fast = quantiles_unsorted(&mut v, &ps);
            for (p, f) in ps.iter().zip(fast) {
                assert_eq!(f, quantile_sorted(&sorted, *p), "n {n} p {p}");
            }
        }
    }

    #[test]
    fn histogram_counts_every_sample_once() {
        let v: Vec<f64> = (0..100).map(f64::from).collect();
        let h = histogram(&v, 10);
        assert_eq!(h.len(), 10);
        assert!(h.iter().all(|b| b.count == 10), "{h:?}");
        assert_eq!(h[9].cumulative, 1.0);
        assert_eq!(histogram(&[3.0, 3.0], 10).len(), 1);
        assert_eq!(exceedance(&v, 89.5), 0.1);
        assert_eq!(exceedance(&v, 99.0), 0.0);
    }

    #[test]
    fn histogram_bins_have_round_edges_and_cover_every_sample() {
        let mut rng = crate::rng::Rng::new(9, 0);
        for (scale, offset) in [(1.0, 0.0), (2.52e8, 0.0), (0.37, 5.29), (1.3e4, -40.0), (3e-3, 0.9)] {
            let mut v: Vec<f64> = (0..997).map(|_| offset + scale * rng.unit().powi(3)).collect();
            sort(&mut v);
            let h = histogram(&v, 24);
            assert!((6..=24).contains(&h.len()), "{} bins for scale {scale}", h.len());
            let width = h[0].high - h[0].low;
            let mantissa = width / 10f64.powf(width.log10().floor());
            assert!(
                [1.0, 2.0, 5.0, 10.0].iter().any(|m| (mantissa - m).abs() < 1e-9),
                "width {width} is not 1, 2 or 5 × 10^n"
            );
            for b in &h {
                let k = b.low / width;
                assert!((k - k.round()).abs() < 1e-6, "edge {} is not a multiple of {width}", b.low);
                assert!((b.high - b.low - width).abs() <= width * 1e-9);
            }
            assert!(h[0].low <= v[0] && h[h.len() - 1].high >= v[v.len() - 1]);
            assert_eq!(h.iter().map(|b| b.count).sum::<usize>(), v.len());
            assert_eq!(h[h.len() - 1].cumulative, 1.0);
            // Each bin holds exactly the values in [low, high) (the last is closed).
            for (i, b) in h.iter().enumerate() {
                let inside = v
                    .iter()
                    .filter(|x| **x >= b.low && (**x < b.high || (i + 1 == h.len() && **x <= b.high)))
                    .count();
                assert_eq!(inside, b.count, "bin {i} of scale {scale}");
            }
        }
        // A largest value on an edge closes the bin below it: 0..=100 in tens is ten bins.
        let v: Vec<f64> = (0..=100).map(f64::from).collect();
        let h = histogram(&v, 10);
        assert_eq!(h.len(), 10);
        assert_eq!((h[0].low, h[9].high, h[9].count), (0.0, 100.0, 11));
    }
}
