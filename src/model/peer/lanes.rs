//! The share drawn four samples at a time, one a SIMD lane: two generator pairs, each in the
//! two lanes of a vector, draw samples `4j`, `4j + 1` and `4j + 2`, `4j + 3` of a block from the
//! same four streams as [`Share::draw_scalar`], with the model's two-lane samplers
//! (`deal_model::uncertainty::lanes`), which give each lane exactly the scalar draw. Two pairs
//! rather than one: each draw is a long chain of dependent steps, and two independent chains in
//! flight keep the processor busier (28 → 24 ns a sample, BENCHMARKS.md). The outputs'
//! arithmetic, the keyed outputs' keys and ranges, and all four sums are done in the lanes too,
//! so the share is the same bit for bit (tested in the browser, `tests/wasm.rs`).

use super::{
    block_sum, inputs, key, streams, Inputs, Share, BLOCK, CONTRACT_USD_PER_MONTH, GPUS, HOURS_IN_TERM,
    KEYED, STREAMS, TERM_MONTHS,
};
use core::arch::wasm32::{
    f64x2_add, f64x2_div, f64x2_extract_lane, f64x2_mul, f64x2_splat, f64x2_sub, i64x2_extract_lane,
    i64x2_gt, i64x2_lt, i64x2_shr, i64x2_splat, u64x2_extract_lane, u64x2_shr, u64x2_splat, v128,
    v128_bitselect, v128_xor,
};
use deal_model::uncertainty::lanes::{Rng2, Tables};

impl Inputs {
    /// Two samples' four outputs, one a lane ([`Inputs::outputs`]).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn outputs2(&self, rng: &mut Rng2, tables: &Tables) -> [v128; 4] {
        let kw = self.kw_per_gpu.sample2(rng);
        let pue = self.pue.sample2(rng);
        let utilization = self.utilization.sample2(rng, tables);
        let delay = self.ramp_delay.sample2(rng);
        let price = self.energy_price.sample2(rng, tables);
        let facility_mw = f64x2_div(f64x2_mul(f64x2_mul(f64x2_splat(GPUS), kw), pue), f64x2_splat(1000.0));
        let hours = f64x2_mul(f64x2_splat(GPUS * HOURS_IN_TERM), utilization);
        let hours =
            f64x2_div(f64x2_mul(hours, f64x2_sub(f64x2_splat(TERM_MONTHS), delay)), f64x2_splat(TERM_MONTHS));
        // As [`super::cost_per_gpu_hr`].
        let cost = f64x2_div(f64x2_splat(CONTRACT_USD_PER_MONTH * TERM_MONTHS), hours);
        let energy = f64x2_mul(f64x2_mul(facility_mw, f64x2_splat(8760.0)), price);
        [facility_mw, hours, cost, energy]
    }
}

/// The order key of each lane's value ([`key`]) with its sign bit flipped: the signed integers
/// in that order, which SIMD can compare (it has no unsigned 64-bit compare).
#[allow(clippy::inline_always)]
#[inline(always)]
pub fn signed_key2(x: v128) -> v128 {
    // Negative values: all bits but the sign flipped; others unchanged.
    v128_xor(x, u64x2_shr(i64x2_shr(x, 63), 1))
}

/// The order key ([`key`]) of a lane of [`signed_key2`].
fn unsigned(signed: i64) -> u64 {
    signed.cast_unsigned() ^ 1 << 63
}

/// [`Share::draw`] in the WebAssembly build.
pub(super) fn draw(seed: u32, first_block: u64, count: usize) -> Share {
    let d = inputs();
    let tables = Tables::get();
    let mut keys: [Vec<u64>; 3] = std::array::from_fn(|_| vec![0; count]);
    let blocks = count.div_ceil(BLOCK as usize);
    let mut sums: [Vec<f64>; 4] = std::array::from_fn(|_| Vec::with_capacity(blocks));
    // Least and greatest signed key of each keyed column, per lane; and of the last block's
    // last samples (fewer than four).
    let (mut low, mut high) = ([i64x2_splat(i64::MAX); 3], [i64x2_splat(i64::MIN); 3]);
    let mut ranges = [(u64::MAX, 0); 3];
    let [k0, k1, k2] = &mut keys;
    let size = BLOCK as usize;
    let chunks = k0.chunks_mut(size).zip(k1.chunks_mut(size)).zip(k2.chunks_mut(size));
    for (b, ((c0, c1), c2)) in chunks.enumerate() {
        let [s0, s1, s2, s3] = streams(seed, first_block + b as u64);
        let mut pairs = [Rng2::new(&s0, &s1), Rng2::new(&s2, &s3)];
        let mut sum = [[f64x2_splat(0.0); 2]; 4];
        let quads = c0.chunks_exact_mut(STREAMS).zip(c1.chunks_exact_mut(STREAMS));
        for ((q0, q1), q2) in quads.zip(c2.chunks_exact_mut(STREAMS)) {
            let [a, b] = &mut pairs;
            let out = [d.outputs2(a, &tables), d.outputs2(b, &tables)];
            for (pair, out) in out.iter().enumerate() {
                for c in 0..4 {
                    sum[c][pair] = f64x2_add(sum[c][pair], out[c]);
                }
            }
            for (k, slot) in [q0, q1, q2].into_iter().enumerate() {
                for (pair, out) in out.iter().enumerate() {
                    let signed = signed_key2(out[KEYED[k]]);
                    low[k] = v128_bitselect(signed, low[k], i64x2_lt(signed, low[k]));
                    high[k] = v128_bitselect(signed, high[k], i64x2_gt(signed, high[k]));
                    let key = v128_xor(signed, u64x2_splat(1 << 63));
                    slot[2 * pair] = u64x2_extract_lane::<0>(key);
                    slot[2 * pair + 1] = u64x2_extract_lane::<1>(key);
                }
            }
        }
        // Each stream's sum, by output.
        let mut stream_sums: [[f64; STREAMS]; 4] = std::array::from_fn(|c| {
            let [a, b] = sum[c];
            [
                f64x2_extract_lane::<0>(a),
                f64x2_extract_lane::<1>(a),
                f64x2_extract_lane::<0>(b),
                f64x2_extract_lane::<1>(b),
            ]
        });
        // The last block's last samples (fewer than four), one stream each.
        let done = c0.len() / STREAMS * STREAMS;
        for (stream, i) in (done..c0.len()).enumerate() {
            let out = d.outputs(&mut pairs[stream / 2].lane(stream % 2));
            for (c, x) in out.into_iter().enumerate() {
                stream_sums[c][stream] += x;
            }
            for (k, column) in [&mut *c0, &mut *c1, &mut *c2].into_iter().enumerate() {
                let key = key(out[KEYED[k]]);
                column[i] = key;
                ranges[k] = (ranges[k].0.min(key), ranges[k].1.max(key));
            }
        }
        for c in 0..4 {
            sums[c].push(block_sum(stream_sums[c]));
        }
    }
    for k in 0..3 {
        let least = i64x2_extract_lane::<0>(low[k]).min(i64x2_extract_lane::<1>(low[k]));
        let most = i64x2_extract_lane::<0>(high[k]).max(i64x2_extract_lane::<1>(high[k]));
        ranges[k] = (ranges[k].0.min(unsigned(least)), ranges[k].1.max(unsigned(most)));
    }
    Share { keys, ranges, sums }
}
