//! The peer benchmark's deal model (`shared/peer/README.md`), drawn with this module's
//! distributions and statistics, so the explorer's Monte Carlo engine can be measured side by
//! side with Squiggle and hand-written JavaScript on the same model. Not a planning model: its
//! inputs are the benchmark's, fixed by its README.

use super::dist::{Dist, Sampler};
use super::stats::quantiles_unsorted;
use crate::rng::Rng;
use serde::Serialize;

const GPUS: f64 = 325_000.0;
const CONTRACT_USD_PER_MONTH: f64 = 1.25e9;
const TERM_MONTHS: f64 = 36.0;
const HOURS_IN_TERM: f64 = 36.0 * 730.0;
const WIDE: (f64, f64) = (f64::NEG_INFINITY, f64::INFINITY);

/// The benchmark's uncertain inputs.
struct Inputs {
    kw_per_gpu: Sampler,
    pue: Sampler,
    utilization: Sampler,
    ramp_delay: Sampler,
    energy_price: Sampler,
}

fn inputs() -> Inputs {
    Inputs {
        kw_per_gpu: Dist::Uniform { low: 1.2, high: 1.9 }.sampler(WIDE),
        pue: Dist::Uniform { low: 1.1, high: 1.4 }.sampler(WIDE),
        utilization: Dist::Normal { mean: 0.85, sd: 0.07, low: Some(0.5), high: Some(1.0) }.sampler(WIDE),
        ramp_delay: Dist::Uniform { low: 0.0, high: 9.0 }.sampler(WIDE),
        energy_price: Dist::Lognormal { p5: 40.0, p95: 110.0 }.sampler(WIDE),
    }
}

/// Samples share one generator stream per block of this many (stream = index / `BLOCK`), so
/// any split of a run on block boundaries, or anywhere at the cost of skipping draws, gives the
/// same samples.
pub const BLOCK: u64 = 4096;
/// Uniform draws per sample.
const DRAWS: u64 = 5;

/// The four outputs of samples `start..start + count` of seed `seed`, as four columns
/// (facility MW, effective GPU-hours, cost per GPU-hour, annual energy cost), each `count` long.
pub fn draw(seed: u32, start: u64, count: usize) -> [Vec<f64>; 4] {
    let d = inputs();
    let mut cols: [Vec<f64>; 4] = std::array::from_fn(|_| Vec::with_capacity(count));
    let mut rng = Rng::new(u64::from(seed), start / BLOCK);
    for _ in 0..(start % BLOCK) * DRAWS {
        rng.next_u64();
    }
    for i in start..start + count as u64 {
        if i % BLOCK == 0 {
            rng = Rng::new(u64::from(seed), i / BLOCK);
        }
        let mut u = || ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64);
        let kw = d.kw_per_gpu.quantile(u());
        let pue = d.pue.quantile(u());
        let utilization = d.utilization.quantile(u());
        let delay = d.ramp_delay.quantile(u());
        let price = d.energy_price.quantile(u());
        let facility_mw = GPUS * kw * pue / 1000.0;
        let hours = GPUS * HOURS_IN_TERM * utilization * (TERM_MONTHS - delay) / TERM_MONTHS;
        cols[0].push(facility_mw);
        cols[1].push(hours);
        cols[2].push(CONTRACT_USD_PER_MONTH * TERM_MONTHS / hours);
        cols[3].push(facility_mw * 8760.0 * price);
    }
    cols
}

/// Mean, p5, p50, p95 of one output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stat {
    /// Mean.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Stat {
    /// The statistics of `values` (reordered in place).
    pub fn of(values: &mut [f64]) -> Self {
        let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
        let q = quantiles_unsorted(values, &[0.05, 0.5, 0.95]);
        Self { mean, p5: q[0], p50: q[1], p95: q[2] }
    }
}

/// The statistics the benchmark asks for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PeerStats {
    /// Facility power, MW.
    pub facility_mw: Stat,
    /// Effective GPU-hours over the term.
    pub effective_gpu_hours: Stat,
    /// Contract cost per effective GPU-hour, $.
    pub cost_per_gpu_hr: Stat,
    /// Annual energy cost, $.
    pub annual_energy_cost_usd: Stat,
}

impl PeerStats {
    /// The statistics of the four output columns.
    pub fn of(mut cols: [Vec<f64>; 4]) -> Self {
        let [a, b, c, d] = &mut cols;
        Self {
            facility_mw: Stat::of(a),
            effective_gpu_hours: Stat::of(b),
            cost_per_gpu_hr: Stat::of(c),
            annual_energy_cost_usd: Stat::of(d),
        }
    }
}

/// Runs `samples` draws of seed `seed` in this thread.
pub fn run(samples: usize, seed: u32) -> PeerStats {
    PeerStats::of(draw(seed, 0, samples))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_squiggle_on_the_benchmark_model() {
        // Squiggle 0.10.0 in Node, 1M samples, seed 42 (shared/peer/results.json, 2026-11-24).
        // A different generator: at 200k samples every statistic within 1 %.
        let s = run(200_000, 42);
        let reference = [
            (s.facility_mw.mean, 629.652_382_422_391_3),
            (s.facility_mw.p5, 484.257_016_890_509_8),
            (s.facility_mw.p50, 626.551_982_314_388_6),
            (s.facility_mw.p95, 788.792_201_103_533_7),
            (s.cost_per_gpu_hr.mean, 7.203_762_136_788_18),
            (s.cost_per_gpu_hr.p5, 5.954_412_442_874_993),
            (s.cost_per_gpu_hr.p50, 7.134_930_573_290_034),
            (s.cost_per_gpu_hr.p95, 8.683_104_408_214_67),
            (s.annual_energy_cost_usd.p50, 361_969_716.585_102_3),
        ];
        for (i, (ours, theirs)) in reference.into_iter().enumerate() {
            assert!((ours / theirs - 1.0).abs() < 0.01, "statistic {i}: {ours} vs Squiggle's {theirs}");
        }
        // And the closed form: facility MW mean = 325,000 × E[kW] × E[PUE] / 1000.
        assert!((s.facility_mw.mean / (325.0 * 1.55 * 1.25) - 1.0).abs() < 0.003, "{s:?}");
    }

    #[test]
    fn any_split_gives_the_same_samples() {
        let n = BLOCK as usize * 2 + 50;
        let whole = draw(9, 0, n);
        let split =
            [draw(9, 0, 100), draw(9, 100, BLOCK as usize), draw(9, 100 + BLOCK, n - 100 - BLOCK as usize)];
        for c in 0..4 {
            let joined: Vec<f64> = split.iter().flat_map(|p| p[c].iter().copied()).collect();
            assert_eq!(joined, whole[c], "column {c}");
        }
        assert_ne!(draw(10, 0, 3)[0], whole[0][..3]);
    }
}
