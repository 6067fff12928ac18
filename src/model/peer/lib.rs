//! The peer benchmark's deal model (`shared/peer/README.md`), drawn with the explorer's own
//! distributions and samplers, so its Monte Carlo engine can be measured side by side with
//! Squiggle and hand-written JavaScript on the same model. Not a planning model: its inputs are
//! the benchmark's, fixed by its README. Its own crate so that its draw loop can be compiled for
//! speed while the planning models are compiled for size (see `Cargo.toml`).

use deal_model::rng::Rng;
use deal_model::uncertainty::dist::{Dist, LognormalDraw, NormalDraw, UniformDraw};
use serde::Serialize;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod lanes;

const GPUS: f64 = 325_000.0;
const CONTRACT_USD_PER_MONTH: f64 = 1.25e9;
const TERM_MONTHS: f64 = 36.0;
const HOURS_IN_TERM: f64 = 36.0 * 730.0;
const WIDE: (f64, f64) = (f64::NEG_INFINITY, f64::INFINITY);

/// The benchmark's uncertain inputs, each with its kind of draw known (the model's samplers
/// without their choice of kind on every draw).
struct Inputs {
    kw_per_gpu: UniformDraw,
    pue: UniformDraw,
    utilization: NormalDraw,
    ramp_delay: UniformDraw,
    energy_price: LognormalDraw,
}

fn inputs() -> Inputs {
    let uniform = |low, high| Dist::Uniform { low, high }.sampler(WIDE).uniform();
    let utilization = Dist::Normal { mean: 0.85, sd: 0.07, low: Some(0.5), high: Some(1.0) };
    let energy_price = Dist::Lognormal { p5: 40.0, p95: 110.0 };
    let drawn = (
        uniform(1.2, 1.9),
        uniform(1.1, 1.4),
        utilization.sampler(WIDE).normal(),
        uniform(0.0, 9.0),
        energy_price.sampler(WIDE).lognormal(),
    );
    let (Some(kw_per_gpu), Some(pue), Some(utilization), Some(ramp_delay), Some(energy_price)) = drawn else {
        unreachable!("uniforms, and a normal and a lognormal that keep most of their mass");
    };
    Inputs { kw_per_gpu, pue, utilization, ramp_delay, energy_price }
}

impl Inputs {
    /// One sample's four outputs, drawn from `rng`.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn outputs(&self, rng: &mut Rng) -> [f64; 4] {
        let kw = self.kw_per_gpu.sample(rng);
        let pue = self.pue.sample(rng);
        let utilization = self.utilization.sample(rng);
        let delay = self.ramp_delay.sample(rng);
        let price = self.energy_price.sample(rng);
        let facility_mw = GPUS * kw * pue / 1000.0;
        let hours = GPUS * HOURS_IN_TERM * utilization * (TERM_MONTHS - delay) / TERM_MONTHS;
        [facility_mw, hours, cost_per_gpu_hr(hours), facility_mw * 8760.0 * price]
    }
}

/// The contract's cost per effective GPU-hour, from the effective GPU-hours. A decreasing
/// function of them (they are positive: utilization ≥ 0.5 and a delay of at most 9 of 36
/// months), and IEEE division rounds monotonically, so the k-th smallest cost of a run is
/// exactly `cost_per_gpu_hr` of its k-th largest GPU-hours: the cost needs no order keys,
/// histogram or pick of its own (see [`KEYED`]).
#[allow(clippy::inline_always)]
#[inline(always)]
fn cost_per_gpu_hr(hours: f64) -> f64 {
    CONTRACT_USD_PER_MONTH * TERM_MONTHS / hours
}

/// The outputs a share keeps order keys of, by output index: facility MW, effective GPU-hours,
/// annual energy cost. The cost per GPU-hour (output 2) takes its quantiles from the
/// GPU-hours' order statistics ([`cost_per_gpu_hr`]); every output keeps its block sums.
pub const KEYED: [usize; 3] = [0, 1, 3];
/// The keyed column the cost per GPU-hour is read from.
const HOURS: usize = 1;

/// Samples come in blocks of this many. Sample `i` of a block is drawn from the block's
/// generator stream `i mod STREAMS` ([`streams`]), so a run split on block boundaries, across any
/// number of workers, gives the same samples, and the WebAssembly build draws four samples at
/// once, one a SIMD lane (the `lanes` module).
pub const BLOCK: u64 = 4096;
/// Generator streams a block.
const STREAMS: usize = 4;
/// Most histogram bins per column of a share (see [`Hist`]).
pub const BINS: u64 = 4096;
/// The quantiles the benchmark asks for.
const PS: [f64; 3] = [0.05, 0.5, 0.95];

/// The generators of block `block`'s samples, by sample index mod [`STREAMS`].
fn streams(seed: u32, block: u64) -> [Rng; STREAMS] {
    std::array::from_fn(|j| Rng::new(u64::from(seed), STREAMS as u64 * block + j as u64))
}

/// A block's sum from its streams' sums (each in draw order), paired as the SIMD lanes add up.
fn block_sum(s: [f64; STREAMS]) -> f64 {
    (s[0] + s[1]) + (s[2] + s[3])
}

/// The order key of a value: the unsigned integer whose order is `f64::total_cmp`'s (negative
/// values bit-flipped, positive ones with the sign bit set). Nearby values share their top bits,
/// so `key >> shift` buckets values into bins that are narrow in relative terms.
pub fn key(x: f64) -> u64 {
    let b = x.to_bits();
    // All ones for a negative value, the sign bit alone otherwise.
    b ^ ((b.cast_signed() >> 63).cast_unsigned() | 1 << 63)
}

/// Blocks `first_block..` of seed `seed`, `count` samples in all: the [`KEYED`] outputs as
/// order keys with their least and greatest, and the sum of each block's values of all four
/// outputs (facility MW, effective GPU-hours, cost per GPU-hour, annual energy cost), so the
/// mean adds up in the same order however a run is split.
#[derive(Debug, PartialEq)]
pub struct Share {
    keys: [Vec<u64>; 3],
    ranges: [(u64, u64); 3],
    sums: [Vec<f64>; 4],
}

impl Share {
    /// Draws the share: four samples at once, in two pairs of SIMD lanes, in the WebAssembly build
    /// (`lanes::draw`), otherwise by [`Share::draw_scalar`]; the two give the same share bit for
    /// bit (tested in the browser).
    pub fn draw(seed: u32, first_block: u64, count: usize) -> Self {
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        return lanes::draw(seed, first_block, count);
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        Self::draw_scalar(seed, first_block, count)
    }

    /// Draws the share one sample at a time.
    pub fn draw_scalar(seed: u32, first_block: u64, count: usize) -> Self {
        let d = inputs();
        let mut keys: [Vec<u64>; 3] = std::array::from_fn(|_| vec![0; count]);
        let mut ranges = [(u64::MAX, 0); 3];
        let mut sums: [Vec<f64>; 4] = std::array::from_fn(|_| Vec::new());
        for (b, start) in (0..count).step_by(BLOCK as usize).enumerate() {
            let mut rngs = streams(seed, first_block + b as u64);
            let mut sum = [[0.0; STREAMS]; 4];
            for i in start..count.min(start + BLOCK as usize) {
                let stream = (i - start) % STREAMS;
                let out = d.outputs(&mut rngs[stream]);
                for (c, value) in out.into_iter().enumerate() {
                    sum[c][stream] += value;
                }
                for ((column, range), c) in keys.iter_mut().zip(&mut ranges).zip(KEYED) {
                    let k = key(out[c]);
                    column[i] = k;
                    *range = (range.0.min(k), range.1.max(k));
                }
            }
            for c in 0..4 {
                sums[c].push(block_sum(sum[c]));
            }
        }
        Self { keys, ranges, sums }
    }

    /// What the share tells the page first: a histogram of each keyed column and every output's
    /// block sums.
    pub fn part(&self) -> Part {
        Part {
            hists: std::array::from_fn(|c| Hist::of(&self.keys[c], self.ranges[c])),
            sums: self.sums.clone(),
        }
    }

    /// The values of keyed column `c` ([`KEYED`]) that fall in the bins `bins` (keys shifted
    /// right by `shift`).
    pub fn pick(&self, c: usize, shift: u32, bins: &[u64]) -> Vec<f64> {
        let keys = &self.keys[c];
        if keys.is_empty() || bins.is_empty() {
            return Vec::new();
        }
        // Every key lies in the column's range, so a table over the range's bins needs no range
        // check a value. The plan's shift is
        // never finer than the share's histogram, so the table has at most [`BINS`] entries.
        let (lo, hi) = self.ranges[c];
        let base = lo >> shift;
        let span = (hi >> shift) - base;
        if span >= 1 << 16 {
            return keys.iter().filter(|&&k| bins.contains(&(k >> shift))).map(|&k| value(k)).collect();
        }
        let mut wanted = vec![false; span as usize + 1];
        for &b in bins {
            if let Some(w) = b.checked_sub(base).and_then(|i| wanted.get_mut(usize::try_from(i).ok()?)) {
                *w = true;
            }
        }
        // Two keys a step, one branch for both (almost never taken).
        let mut out = Vec::new();
        let pairs = keys.chunks_exact(2);
        let last = pairs.remainder().first().map(|&k| (k, wanted[((k >> shift) - base) as usize]));
        for pair in pairs {
            let (i, j) = pick_bins(pair[0], pair[1], shift, base);
            if wanted[i] | wanted[j] {
                out.extend(
                    [(pair[0], wanted[i]), (pair[1], wanted[j])].iter().filter(|p| p.1).map(|p| value(p.0)),
                );
            }
        }
        out.extend(last.filter(|p| p.1).map(|p| value(p.0)));
        out
    }

    /// The values of output `c` in draw order (the cost per GPU-hour worked out from the
    /// GPU-hours, exactly as drawn).
    pub fn column(&self, c: usize) -> Vec<f64> {
        let keyed = |k: usize| self.keys[k].iter().map(|&k| value(k));
        match KEYED.iter().position(|&o| o == c) {
            Some(k) => keyed(k).collect(),
            None => keyed(HOURS).map(cost_per_gpu_hr).collect(),
        }
    }
}

/// The table indices of two keys' bins, `(key >> shift) - base`: worked out in one SIMD vector in
/// the WebAssembly build (a 10k-sample run about 8 % faster, BENCHMARKS.md).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[allow(clippy::inline_always)]
#[inline(always)]
fn pick_bins(a: u64, b: u64, shift: u32, base: u64) -> (usize, usize) {
    use core::arch::wasm32::{i64x2_sub, u64x2, u64x2_extract_lane, u64x2_shr, u64x2_splat};
    let v = i64x2_sub(u64x2_shr(u64x2(a, b), shift), u64x2_splat(base));
    (u64x2_extract_lane::<0>(v) as usize, u64x2_extract_lane::<1>(v) as usize)
}
/// The table indices of two keys' bins (see the WebAssembly twin).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn pick_bins(a: u64, b: u64, shift: u32, base: u64) -> (usize, usize) {
    (((a >> shift) - base) as usize, ((b >> shift) - base) as usize)
}

/// The value of an order key (the inverse of [`key`]).
fn value(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// A histogram of order keys: bin `j` counts the keys with `key >> shift == base + j`; `shift`
/// is the smallest that fits the column in at most a quarter as many bins as it has keys
/// (at least 64, at most [`BINS`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Hist {
    shift: u32,
    base: u64,
    counts: Vec<u64>,
}

impl Hist {
    /// The histogram of `keys`, all within `lo..=hi`.
    fn of(keys: &[u64], (lo, hi): (u64, u64)) -> Self {
        if keys.is_empty() {
            return Self { shift: 0, base: 0, counts: Vec::new() };
        }
        // About four keys a bin, at most [`BINS`]: fewer bins for a small share cost less to
        // count, send and merge, and the wanted bins stay small.
        let most = (keys.len() as u64 / 4).clamp(64, BINS);
        let shift = (0..64).find(|&s| (hi >> s) - (lo >> s) < most).unwrap_or(63);
        let base = lo >> shift;
        let mut counts = vec![0; ((hi >> shift) - base + 1) as usize];
        for &k in keys {
            counts[((k >> shift) - base) as usize] += 1;
        }
        Self { shift, base, counts }
    }

    /// The last bin's key.
    fn last(&self) -> u64 {
        self.base + self.counts.len().saturating_sub(1) as u64
    }
}

/// A share's first answer: a histogram of each keyed column and each output's block sums.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    hists: [Hist; 3],
    sums: [Vec<f64>; 4],
}

/// Splits a u64 into two f64s (high and low 32 bits), exactly.
fn push_u64(out: &mut Vec<f64>, x: u64) {
    out.push((x >> 32) as f64);
    out.push((x & 0xffff_ffff) as f64);
}

/// Reads numbers written by the `to_f64s` methods; `None` once anything is out of place.
struct Reader<'a>(std::slice::Iter<'a, f64>);

impl Reader<'_> {
    fn f64(&mut self) -> Option<f64> {
        self.0.next().copied()
    }
    fn count(&mut self) -> Option<usize> {
        self.f64().filter(|x| x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(x)).map(|x| x as usize)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(((self.count()? as u64) << 32) | self.count()? as u64)
    }
}

impl Part {
    /// As flat numbers, to cross to the page: per keyed column the shift, base, bin count and
    /// counts; then per output the block count and block sums.
    pub fn to_f64s(&self) -> Vec<f64> {
        let mut out = Vec::new();
        for h in &self.hists {
            out.push(f64::from(h.shift));
            push_u64(&mut out, h.base);
            out.push(h.counts.len() as f64);
            out.extend(h.counts.iter().map(|&n| n as f64));
        }
        for sums in &self.sums {
            out.push(sums.len() as f64);
            out.extend(sums);
        }
        out
    }

    /// Reads [`Part::to_f64s`]; `None` if malformed.
    pub fn from_f64s(xs: &[f64]) -> Option<Self> {
        let mut reader = Reader(xs.iter());
        let mut hist = || -> Option<Hist> {
            let shift = u32::try_from(reader.count()?).ok().filter(|&s| s < 64)?;
            let base = reader.u64()?;
            let bins = reader.count()?;
            // The last bin must be a key shifted by `shift` (no overflow past it).
            base.checked_add(bins.saturating_sub(1) as u64).filter(|&last| last <= u64::MAX >> shift)?;
            let counts = (0..bins).map(|_| reader.count().map(|n| n as u64)).collect::<Option<_>>()?;
            Some(Hist { shift, base, counts })
        };
        let hists = [hist()?, hist()?, hist()?];
        let mut sums = || -> Option<Vec<f64>> {
            let blocks = reader.count()?;
            (0..blocks).map(|_| reader.f64()).collect()
        };
        let sums = [sums()?, sums()?, sums()?, sums()?];
        // Every column counts the same samples, in as many blocks.
        let total = |h: &Hist| h.counts.iter().sum::<u64>();
        let same = hists.iter().all(|h| total(h) == total(&hists[0]))
            && sums.iter().all(|s| s.len() == sums[0].len());
        (same && reader.0.next().is_none()).then_some(Self { hists, sums })
    }

    /// The samples this part counts.
    pub fn samples(&self) -> u64 {
        self.hists[0].counts.iter().sum()
    }
}

/// Where one wanted order statistic is: its bin, and its rank among that bin's values.
#[derive(Debug, Clone, Copy)]
struct Want {
    bin: u64,
    rank: u64,
}

/// The quantiles asked of keyed column `k` ([`KEYED`]), each with whether it is the cost per
/// GPU-hour's, read in reverse from the GPU-hours ([`cost_per_gpu_hr`]).
fn asks(k: usize) -> impl Iterator<Item = (f64, bool)> {
    let reversed = if k == HOURS { &PS[..] } else { &[] };
    PS.iter().map(|&p| (p, false)).chain(reversed.iter().map(|&p| (p, true)))
}

/// What the page works out from every share's [`Part`]: each output's mean, and which bins
/// hold the order statistics p5, p50 and p95 interpolate between.
#[derive(Debug, Clone)]
pub struct Plan {
    means: [f64; 4],
    shifts: [u32; 3],
    /// Per keyed column, per quantile it is asked ([`asks`]): the order statistic below
    /// h = p(n − 1) and, when h is not whole, the one above, with the weight h − ⌊h⌋. For the
    /// cost per GPU-hour, the GPU-hours' order statistics n − 1 − ⌊h⌋ and n − 2 − ⌊h⌋.
    wants: [Vec<(Want, Option<Want>, f64)>; 3],
    /// Per keyed column, each wanted bin and how many values all shares hold in it.
    counted: [Vec<(u64, u64)>; 3],
}

impl Plan {
    /// The plan for a run made of `parts`, in sample order. `None` for an empty run or parts
    /// that do not add up.
    pub fn of(parts: &[Part]) -> Option<Self> {
        let n: u64 = parts.iter().map(Part::samples).sum();
        if n == 0 {
            return None;
        }
        let means = std::array::from_fn(|c| parts.iter().flat_map(|p| &p.sums[c]).sum::<f64>() / n as f64);
        let mut shifts = [0; 3];
        let mut wants: [Vec<(Want, Option<Want>, f64)>; 3] = Default::default();
        let mut counted: [Vec<(u64, u64)>; 3] = Default::default();
        for k in 0..3 {
            // Every share's bins at one shift, the coarsest of theirs or coarser still until
            // all of them fit in one table of at most 2^16 bins (counts add up exactly).
            let hists: Vec<&Hist> =
                parts.iter().map(|p| &p.hists[k]).filter(|h| !h.counts.is_empty()).collect();
            let mut shift = hists.iter().map(|h| h.shift).max().unwrap_or(0);
            let span = |shift: u32| {
                let lo = hists.iter().map(|h| h.base >> (shift - h.shift)).min().unwrap_or(0);
                let hi = hists.iter().map(|h| h.last() >> (shift - h.shift)).max().unwrap_or(0);
                (lo, hi - lo)
            };
            while span(shift).1 >= 1 << 16 {
                shift += 1;
            }
            let (lo, width) = span(shift);
            let mut counts = vec![0u64; width as usize + 1];
            for h in &hists {
                for (j, &n) in h.counts.iter().enumerate() {
                    counts[(((h.base + j as u64) >> (shift - h.shift)) - lo) as usize] += n;
                }
            }
            // The samples at or below each bin; `None` only for parts whose columns count
            // different samples (a rank past the last bin).
            let below: Vec<u64> =
                counts.iter().scan(0, |sum, &n| Some(std::mem::replace(sum, *sum + n))).collect();
            let total = below.last().zip(counts.last()).map_or(0, |(b, n)| b + n);
            let find = |rank: u64| {
                let j = below.partition_point(|&b| b <= rank).checked_sub(1)?;
                (rank < total).then(|| Want { bin: lo + j as u64, rank: rank - below[j] })
            };
            shifts[k] = shift;
            for (p, reversed) in asks(k) {
                let h = p * (n - 1) as f64;
                let at = h.floor() as u64;
                let frac = h - at as f64;
                let rank = |r: u64| if reversed { n - 1 - r } else { r };
                let above = if frac > 0.0 && at + 1 < n { Some(find(rank(at + 1))?) } else { None };
                wants[k].push((find(rank(at))?, above, frac));
            }
            // How many values each wanted bin holds, to check the picks against.
            let wanted = wants[k].iter().flat_map(|(a, b, _)| std::iter::once(a.bin).chain(b.map(|w| w.bin)));
            for bin in wanted {
                if !counted[k].iter().any(|&(b, _)| b == bin) {
                    counted[k].push((bin, counts[(bin - lo) as usize]));
                }
            }
        }
        Some(Self { means, shifts, wants, counted })
    }

    /// The bins of keyed column `k` whose values the page needs (each once, in no particular
    /// order).
    pub fn bins(&self, k: usize) -> Vec<u64> {
        self.counted[k].iter().map(|&(bin, _)| bin).collect()
    }

    /// The shift of keyed column `k`'s bins.
    pub fn shift(&self, k: usize) -> u32 {
        self.shifts[k]
    }

    /// The request to every share, as flat numbers: per keyed column the shift, bin count and
    /// bins.
    pub fn request(&self) -> Vec<f64> {
        let mut out = Vec::new();
        for k in 0..3 {
            let bins = self.bins(k);
            out.push(f64::from(self.shifts[k]));
            out.push(bins.len() as f64);
            for b in bins {
                push_u64(&mut out, b);
            }
        }
        out
    }

    /// The statistics, from the values in the wanted bins of every share (`picked[k]` by keyed
    /// column, any order). `None` if those are not the values the plan counted (a share
    /// missing or answered twice).
    pub fn finish(&self, mut picked: [Vec<f64>; 3]) -> Option<PeerStats> {
        // Per keyed column, its quantiles in the order [`asks`] gives them.
        let mut quantiles: [Vec<f64>; 3] = Default::default();
        for (k, values) in picked.iter_mut().enumerate() {
            values.sort_unstable_by(f64::total_cmp);
            let shift = self.shifts[k];
            // Exactly the values of the wanted bins, as many as the histograms counted.
            let total: u64 = self.counted[k].iter().map(|&(_, n)| n).sum();
            let each_bin = self.counted[k]
                .iter()
                .all(|&(bin, n)| values.iter().filter(|&&v| key(v) >> shift == bin).count() as u64 == n);
            if values.len() as u64 != total || !each_bin {
                return None;
            }
            // Values of bin b start after those of the wanted bins below it.
            let at = |w: Want| {
                let before = values.partition_point(|&v| key(v) >> shift < w.bin);
                let x = *values.get(before + w.rank as usize)?;
                (key(x) >> shift == w.bin).then_some(x)
            };
            for (&(lo, hi, frac), (_, reversed)) in self.wants[k].iter().zip(asks(k)) {
                let f = |x: f64| if reversed { cost_per_gpu_hr(x) } else { x };
                let below = f(at(lo)?);
                quantiles[k].push(match hi {
                    Some(hi) => below + frac * (f(at(hi)?) - below),
                    None => below,
                });
            }
        }
        let stat = |c: usize, q: &[f64]| Stat { mean: self.means[c], p5: q[0], p50: q[1], p95: q[2] };
        Some(PeerStats {
            facility_mw: stat(0, &quantiles[0]),
            effective_gpu_hours: stat(1, &quantiles[HOURS][..3]),
            cost_per_gpu_hr: stat(2, &quantiles[HOURS][3..]),
            annual_energy_cost_usd: stat(3, &quantiles[2]),
        })
    }
}

/// Answers a [`Plan::request`] from one share, as flat numbers: per keyed column the count and
/// values. Empty if the request is malformed.
pub fn answer(share: &Share, request: &[f64]) -> Vec<f64> {
    let mut r = Reader(request.iter());
    let mut out = Vec::new();
    for c in 0..3 {
        let Some((shift, n)) = r.count().zip(r.count()) else { return Vec::new() };
        let Some(bins) = (0..n).map(|_| r.u64()).collect::<Option<Vec<u64>>>() else { return Vec::new() };
        let Ok(shift @ 0..64) = u32::try_from(shift) else { return Vec::new() };
        let values = share.pick(c, shift, &bins);
        out.push(values.len() as f64);
        out.extend(values);
    }
    out
}

/// Reads the answers of every share to a [`Plan::request`] into the keyed columns' picked values.
pub fn gather<'a>(answers: impl IntoIterator<Item = &'a [f64]>) -> Option<[Vec<f64>; 3]> {
    let mut picked: [Vec<f64>; 3] = Default::default();
    for a in answers {
        let mut r = Reader(a.iter());
        for col in &mut picked {
            let m = r.count()?;
            for _ in 0..m {
                col.push(r.f64()?);
            }
        }
        r.0.next().is_none().then_some(())?;
    }
    Some(picked)
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

#[cfg(test)]
impl Stat {
    /// The statistics of `values` (reordered in place).
    pub fn of(values: &mut [f64]) -> Self {
        let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
        let q = deal_model::uncertainty::stats::quantiles_unsorted(values, &PS);
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

#[cfg(test)]
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

/// Runs `samples` draws of seed `seed` in this thread, the same way the page runs them across
/// workers: one share, its plan, its picks.
pub fn run(samples: usize, seed: u32) -> PeerStats {
    let share = Share::draw(seed, 0, samples);
    Plan::of(&[share.part()])
        .and_then(|plan| plan.finish(std::array::from_fn(|c| share.pick(c, plan.shift(c), &plan.bins(c)))))
        .unwrap_or_else(PeerStats::nan)
}

impl PeerStats {
    /// Not a number everywhere (an empty run).
    fn nan() -> Self {
        let none = Stat { mean: f64::NAN, p5: f64::NAN, p50: f64::NAN, p95: f64::NAN };
        Self {
            facility_mw: none,
            effective_gpu_hours: none,
            cost_per_gpu_hr: none,
            annual_energy_cost_usd: none,
        }
    }
}

/// The shares one worker holds between the page's two rounds, by job: a worker may be handed
/// more than one job of a run (when another was still busy), and each pick must come from the
/// share it names. Shares of an older run are dropped when a newer one starts, and each share
/// is let go once picked from.
#[derive(Default)]
pub struct Held {
    run: u32,
    shares: Vec<(u32, Share)>,
}

impl Held {
    /// Draws job `job` of run `run` (see [`Share::draw`]), keeps it and answers with its
    /// [`Part`] as flat numbers.
    pub fn draw(&mut self, run: u32, job: u32, seed: u32, first_block: u64, count: usize) -> Vec<f64> {
        if run != self.run {
            self.shares.clear();
            self.run = run;
        }
        let share = Share::draw(seed, first_block, count);
        let part = share.part().to_f64s();
        self.shares.retain(|(j, _)| *j != job);
        self.shares.push((job, share));
        part
    }

    /// Answers `request` ([`Plan::request`]) from job `job` of run `run` and lets that share
    /// go. Empty if this worker does not hold it.
    pub fn pick(&mut self, run: u32, job: u32, request: &[f64]) -> Vec<f64> {
        let at = self.shares.iter().position(|(j, _)| *j == job).filter(|_| run == self.run);
        at.map_or_else(Vec::new, |i| answer(&self.shares.swap_remove(i).1, request))
    }

    /// Shares held.
    pub fn len(&self) -> usize {
        self.shares.len()
    }

    /// Whether none is held.
    pub fn is_empty(&self) -> bool {
        self.shares.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_and_stream_draws_its_own_numbers() {
        // The first four samples of each of three blocks (one from each stream): twelve different
        // values. Streams shared between blocks (ids overlapping) would repeat some.
        let share = Share::draw_scalar(42, 5, 2 * BLOCK as usize + 4);
        let column = share.column(0);
        let firsts: Vec<u64> =
            (0..3).flat_map(|b| &column[b * BLOCK as usize..][..4]).map(|v| v.to_bits()).collect();
        let mut distinct = firsts.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), firsts.len(), "{firsts:?}");
        // A share starting at block 6 is the same as blocks 6.. of one starting at 5.
        let later = Share::draw_scalar(42, 6, 4);
        assert_eq!(later.column(0), column[BLOCK as usize..][..4]);
    }

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

    impl Share {
        /// A share whose keyed columns are all `values` (one block).
        fn of(values: &[f64]) -> Self {
            let keys: Vec<u64> = values.iter().map(|&x| key(x)).collect();
            let range =
                (keys.iter().copied().min().unwrap_or(u64::MAX), keys.iter().copied().max().unwrap_or(0));
            let sums = vec![values.iter().sum::<f64>()];
            Self {
                keys: std::array::from_fn(|_| keys.clone()),
                ranges: [range; 3],
                sums: std::array::from_fn(|_| sums.clone()),
            }
        }
    }

    #[test]
    fn the_columns_are_the_model_outputs_as_drawn_and_the_cost_follows_the_hours_in_reverse() {
        // Each column against the model's outputs drawn directly, stream by stream: the cost per
        // GPU-hour a share gives back from its GPU-hours is the cost the draw worked out.
        let n = BLOCK as usize + 9;
        let share = Share::draw_scalar(11, 2, n);
        let d = inputs();
        let mut direct: [Vec<f64>; 4] = Default::default();
        for (b, start) in (0..n).step_by(BLOCK as usize).enumerate() {
            let mut rngs = streams(11, 2 + b as u64);
            for i in start..n.min(start + BLOCK as usize) {
                let out = d.outputs(&mut rngs[(i - start) % STREAMS]);
                for (c, x) in out.into_iter().enumerate() {
                    direct[c].push(x);
                }
            }
        }
        for (c, column) in direct.iter().enumerate() {
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&share.column(c)), bits(column), "output {c}");
        }
        // The cost falls as the hours rise, so the cost's order is the hours' reversed.
        let mut by_hours: Vec<(f64, f64)> =
            direct[1].iter().copied().zip(direct[2].iter().copied()).collect();
        by_hours.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(by_hours.windows(2).all(|w| w[0].1 >= w[1].1));
    }

    #[test]
    fn any_split_on_blocks_gives_the_same_samples() {
        let n = BLOCK as usize * 3 + 50;
        let whole = Share::draw(9, 0, n);
        let split = [Share::draw(9, 0, BLOCK as usize), Share::draw(9, 1, n - BLOCK as usize)];
        for c in 0..4 {
            let joined: Vec<f64> = split.iter().flat_map(|p| p.column(c)).collect();
            assert_eq!(joined, whole.column(c), "column {c}");
        }
        assert_ne!(Share::draw(10, 0, 3).column(0), whole.column(0)[..3]);
    }

    /// The statistics of `samples` split into shares of `per` blocks, through the flat numbers
    /// the workers and the page exchange.
    fn distributed(samples: usize, seed: u32, per: usize) -> PeerStats {
        let size = per * BLOCK as usize;
        let shares: Vec<Share> = (0..samples)
            .step_by(size)
            .map(|start| Share::draw(seed, (start / BLOCK as usize) as u64, size.min(samples - start)))
            .collect();
        let parts: Vec<Part> =
            shares.iter().map(|s| Part::from_f64s(&s.part().to_f64s()).expect("round trip")).collect();
        let plan = Plan::of(&parts).expect("not empty");
        let request = plan.request();
        let answers: Vec<Vec<f64>> = shares.iter().map(|s| answer(s, &request)).collect();
        plan.finish(gather(answers.iter().map(Vec::as_slice)).expect("well formed")).expect("consistent")
    }

    #[test]
    fn binned_selection_gives_the_exact_order_statistics_however_the_run_is_split() {
        for (samples, per) in [(1, 1), (2, 1), (21, 1), (1_000, 1), (BLOCK as usize * 5 + 7, 2), (100_000, 7)]
        {
            let share = Share::draw(3, 0, samples);
            // The oracle: selection over the whole columns, and a plain sum for the mean.
            let exact = PeerStats::of(std::array::from_fn(|c| share.column(c)));
            let ours = distributed(samples, 3, per);
            let pairs = |s: &PeerStats| {
                [s.facility_mw, s.effective_gpu_hours, s.cost_per_gpu_hr, s.annual_energy_cost_usd]
            };
            for (c, (a, b)) in pairs(&ours).into_iter().zip(pairs(&exact)).enumerate() {
                assert_eq!((a.p5, a.p50, a.p95), (b.p5, b.p50, b.p95), "n {samples}, column {c}");
                assert!((a.mean / b.mean - 1.0).abs() < 1e-12, "n {samples}, column {c}: {a:?} vs {b:?}");
            }
            assert_eq!(ours, run(samples, 3), "one share in this thread = any split across workers");
        }
    }

    #[test]
    fn ties_and_a_single_bin_still_select_exactly() {
        // Every value equal but one: one bin, ranks inside it.
        let share = Share::of(&[5.0, 5.0, 5.0, -1.0, 5.0]);
        let plan = Plan::of(&[share.part()]).expect("five values");
        let s = plan
            .finish(std::array::from_fn(|c| share.pick(c, plan.shift(c), &plan.bins(c))))
            .expect("consistent");
        // h = 0.05 × 4 = 0.2 between −1 and 5.
        assert_eq!((s.facility_mw.p5, s.facility_mw.p50, s.facility_mw.p95), (-1.0 + 0.2 * 6.0, 5.0, 5.0));
        // A pick at a finer shift than the share's histogram (too many bins for its table)
        // still finds exactly the values asked for.
        assert_eq!(share.pick(0, 0, &[key(-1.0)]), [-1.0]);
        assert_eq!(share.pick(0, 0, &[key(5.0), key(7.0)]), [5.0; 4]);
        for x in [-3.5, -0.0, 0.0, 1e-300, 2.0, f64::MAX] {
            assert_eq!(value(key(x)).to_bits(), x.to_bits());
        }
        assert!(key(-1.0) < key(-0.0) && key(-0.0) < key(0.0) && key(0.0) < key(1e-300));
    }

    #[test]
    fn shares_far_apart_are_merged_at_a_coarser_shift_and_still_select_exactly() {
        // Two shares whose values differ by 200 orders of magnitude (and a negative one): their
        // bins cannot share one table at their own shifts.
        let share = Share::of;
        let a: Vec<f64> = (0..500).map(|i| 1.0 + f64::from(i) * 1e-3).collect();
        let b: Vec<f64> = (0..300).map(|i| 1e200 * (1.0 + f64::from(i) * 1e-3)).chain([-7.0]).collect();
        let shares = [share(&a), share(&b)];
        let plan = Plan::of(&shares.iter().map(Share::part).collect::<Vec<_>>()).expect("801 values");
        let picked = std::array::from_fn(|c| {
            shares.iter().flat_map(|s| s.pick(c, plan.shift(c), &plan.bins(c))).collect()
        });
        let ours = plan.finish(picked).expect("consistent");
        let exact = Stat::of(&mut [a, b].concat());
        assert_eq!(
            (ours.facility_mw.p5, ours.facility_mw.p50, ours.facility_mw.p95),
            (exact.p5, exact.p50, exact.p95)
        );
    }

    #[test]
    fn a_worker_holding_two_shares_answers_each_from_its_own_and_a_doubled_answer_is_refused() {
        let (n, seed) = (BLOCK as usize * 3 + 11, 5);
        // One worker drew jobs 0 and 1 of run 7 (another was busy), a second worker job 2.
        let (mut one, mut two) = (Held::default(), Held::default());
        let parts = [
            one.draw(7, 0, seed, 0, BLOCK as usize),
            one.draw(7, 1, seed, 1, BLOCK as usize),
            two.draw(7, 2, seed, 2, n - 2 * BLOCK as usize),
        ];
        let parts: Vec<Part> = parts.iter().map(|p| Part::from_f64s(p).expect("well formed")).collect();
        let plan = Plan::of(&parts).expect("consistent");
        let request = plan.request();
        let answers = [one.pick(7, 0, &request), one.pick(7, 1, &request), two.pick(7, 2, &request)];
        let picked = gather(answers.iter().map(Vec::as_slice)).expect("well formed");
        assert_eq!(plan.finish(picked), Some(run(n, seed)));
        assert!(one.is_empty() && two.is_empty(), "picked shares are let go");
        // Job 0's answer twice (the old bug: one share per worker) is refused, not used.
        let doubled = [answers[0].clone(), answers[0].clone(), answers[2].clone()];
        assert_eq!(plan.finish(gather(doubled.iter().map(Vec::as_slice)).expect("well formed")), None);
        // A pick for a share not held, or of an older run, answers nothing.
        assert!(one.pick(7, 0, &request).is_empty());
        one.draw(8, 0, seed, 0, 10);
        assert!(one.pick(7, 0, &request).is_empty());
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn malformed_messages_are_refused_not_trusted() {
        let part = Share::draw(1, 0, 100).part().to_f64s();
        assert!(Part::from_f64s(&part[..part.len() - 1]).is_none(), "cut short");
        assert!(Part::from_f64s(&[part.clone(), vec![1.0]].concat()).is_none(), "trailing");
        assert!(Part::from_f64s(&[vec![64.0], part[1..].to_vec()].concat()).is_none(), "shift 64");
        // Columns that count different samples, and a last bin past the largest key.
        let mut uneven = Share::draw(1, 0, 100).part();
        uneven.hists[1].counts[0] += 1;
        assert!(Part::from_f64s(&uneven.to_f64s()).is_none(), "uneven columns");
        let mut past = Share::draw(1, 0, 100).part();
        past.hists[0].base = u64::MAX >> past.hists[0].shift;
        assert!(Part::from_f64s(&past.to_f64s()).is_none(), "base past the last key");
        let share = Share::draw(1, 0, 100);
        assert!(answer(&share, &[1.5, 0.0]).is_empty());
        assert!(gather([[3.0, 1.0].as_slice()]).is_none());
    }
}
