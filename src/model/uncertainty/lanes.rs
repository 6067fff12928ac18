//! Two draws at once, in the two 64-bit lanes of WebAssembly's 128-bit SIMD. Each lane runs its
//! own generator stream and gives, bit for bit, what the scalar code gives on that stream
//! ([`Rng`], [`UniformDraw::sample`], [`ZigguratDraw::sample`], [`math::exp_table`]): the same
//! operations in the same order, lane by lane (WebAssembly has no fused multiply-add to differ
//! by). The rare slow paths (a ziggurat draw outside its layer's inner rectangle, a draw
//! outside its cut, an exponent beyond the table's range) drop to the scalar code for the lane
//! that needs it. Used by the peer benchmark's draw loop, which draws sample `i` of a block from
//! the block's stream `i mod 4`, four at once in two generator pairs (`deal_peer`). Compiled for
//! `wasm32` with the `simd128` feature (`.cargo/config.toml`).

use super::dist::{UniformDraw, ZigguratDraw};
use super::ziggurat;
use crate::math;
use crate::rng::Rng;
use core::arch::wasm32::{
    f64x2, f64x2_abs, f64x2_add, f64x2_extract_lane, f64x2_le, f64x2_lt, f64x2_mul, f64x2_ne, f64x2_splat,
    f64x2_sub, i64x2_add, i64x2_all_true, i64x2_extract_lane, i64x2_shl, i64x2_shr, u64x2,
    u64x2_extract_lane, u64x2_replace_lane, u64x2_shr, u64x2_splat, v128, v128_and, v128_any_true, v128_or,
    v128_xor,
};

/// Two xoshiro256++ generators, one a lane (see [`Rng`]).
#[derive(Debug, Clone, Copy)]
pub struct Rng2 {
    s: [v128; 4],
}

impl Rng2 {
    /// Lane 0 continues `a`, lane 1 continues `b`.
    pub fn new(a: &Rng, b: &Rng) -> Self {
        let (a, b) = (a.words(), b.words());
        Self { s: std::array::from_fn(|i| u64x2(a[i], b[i])) }
    }

    /// The generator of lane `lane` (0 or 1) where it stands.
    pub fn lane(&self, lane: usize) -> Rng {
        Rng::from_words(self.s.map(|w| {
            if lane == 0 {
                u64x2_extract_lane::<0>(w)
            } else {
                u64x2_extract_lane::<1>(w)
            }
        }))
    }

    /// Lane `lane` continues `rng`.
    fn set_lane(&mut self, lane: usize, rng: &Rng) {
        for (w, x) in self.s.iter_mut().zip(rng.words()) {
            *w = if lane == 0 { u64x2_replace_lane::<0>(*w, x) } else { u64x2_replace_lane::<1>(*w, x) };
        }
    }

    /// The next 64 random bits of each lane ([`Rng::next_u64`]).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn next_u64(&mut self) -> v128 {
        let [s0, s1, s2, s3] = self.s;
        let sum = i64x2_add(s0, s3);
        let result = i64x2_add(v128_or(i64x2_shl(sum, 23), u64x2_shr(sum, 41)), s0);
        let t = i64x2_shl(s1, 17);
        let s2 = v128_xor(s2, s0);
        let s3 = v128_xor(s3, s1);
        let s1 = v128_xor(s1, s2);
        let s0 = v128_xor(s0, s3);
        let s2 = v128_xor(s2, t);
        let s3 = v128_or(i64x2_shl(s3, 45), u64x2_shr(s3, 19));
        self.s = [s0, s1, s2, s3];
        result
    }

    /// A uniform draw in [0, 1) in each lane ([`Rng::unit`]).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn unit(&mut self) -> v128 {
        f64x2_mul(top53(self.next_u64()), f64x2_splat(1.0 / (1u64 << 53) as f64))
    }
}

/// `(bits >> 11) as f64` in each lane, exactly: the two halves of the 53-bit integer become
/// doubles through the 2^52 exponent trick and add up without rounding (the sum is below 2^53).
/// WebAssembly has no 64-bit integer to double conversion in SIMD.
#[allow(clippy::inline_always)]
#[inline(always)]
fn top53(bits: v128) -> v128 {
    let v = u64x2_shr(bits, 11);
    let magic = u64x2_splat(0x4330_0000_0000_0000);
    let two52 = f64x2_splat(4_503_599_627_370_496.0);
    let high = f64x2_sub(v128_or(u64x2_shr(v, 32), magic), two52);
    let low = f64x2_sub(v128_or(v128_and(v, u64x2_splat(0xFFFF_FFFF)), magic), two52);
    f64x2_add(f64x2_mul(high, f64x2_splat(4_294_967_296.0)), low)
}

/// Both lanes of a double vector.
fn lanes(x: v128) -> [f64; 2] {
    [f64x2_extract_lane::<0>(x), f64x2_extract_lane::<1>(x)]
}

/// The tables the draws read ([`ziggurat`]'s layers, [`math::exp_table`]'s powers of two),
/// fetched once for a loop of draws rather than on every draw.
#[derive(Clone, Copy)]
pub struct Tables {
    layers: &'static ziggurat::Table,
    scales: &'static [f64; 64],
}

impl Tables {
    /// The tables (computed on first use).
    pub fn get() -> Self {
        Self { layers: ziggurat::table(), scales: math::exp_scales() }
    }
}

/// Both lanes of a comparison's mask.
fn flags(mask: v128) -> [bool; 2] {
    [i64x2_extract_lane::<0>(mask) != 0, i64x2_extract_lane::<1>(mask) != 0]
}

/// A standard normal draw in each lane ([`ziggurat::normal`]).
#[allow(clippy::inline_always)]
#[inline(always)]
pub fn normal2(rng: &mut Rng2, tables: &Tables) -> v128 {
    let layers = tables.layers;
    let bits = rng.next_u64();
    let layer =
        [(u64x2_extract_lane::<0>(bits) & 0x7f) as usize, (u64x2_extract_lane::<1>(bits) & 0x7f) as usize];
    let u = f64x2_sub(f64x2_mul(top53(bits), f64x2_splat(2.0 / (1u64 << 53) as f64)), f64x2_splat(1.0));
    let x = f64x2_mul(u, f64x2(layers.x[layer[0]], layers.x[layer[1]]));
    let inner = f64x2_lt(f64x2_abs(x), f64x2(layers.x[layer[0] + 1], layers.x[layer[1] + 1]));
    if i64x2_all_true(inner) {
        return x;
    }
    normal2_edges(rng, layer, u, x, inner)
}

/// The lanes whose first try fell outside their layer's inner rectangle finish as the scalar
/// draw does.
#[cold]
#[inline(never)]
fn normal2_edges(rng: &mut Rng2, layer: [usize; 2], u: v128, x: v128, inner: v128) -> v128 {
    let (u, mut x) = (lanes(u), lanes(x));
    for (lane, done) in flags(inner).into_iter().enumerate() {
        if !done {
            let mut r = rng.lane(lane);
            x[lane] = ziggurat::after_first_try(layer[lane], u[lane], x[lane], &mut r);
            rng.set_lane(lane, &r);
        }
    }
    f64x2(x[0], x[1])
}

/// e^x in each lane ([`math::exp_table`]).
#[allow(clippy::inline_always)]
#[inline(always)]
pub fn exp2(x: v128, tables: &Tables) -> v128 {
    let out = v128_or(f64x2_le(f64x2_splat(700.0), f64x2_abs(x)), f64x2_ne(x, x));
    if v128_any_true(out) {
        let [a, b] = lanes(x);
        return f64x2(math::exp_table(a), math::exp_table(b));
    }
    let shifted = f64x2_add(f64x2_mul(x, f64x2_splat(math::EXP_INV)), f64x2_splat(math::EXP_SHIFT));
    // The low 32 bits hold k = round(x × 64 / ln 2); only its bits 0–17 are used below (the
    // table index and, shifted into the exponent, ⌊k / 64⌋), so the bits above need no clearing.
    let k = shifted;
    let kf = f64x2_sub(shifted, f64x2_splat(math::EXP_SHIFT));
    let r = f64x2_sub(
        f64x2_sub(x, f64x2_mul(kf, f64x2_splat(math::EXP_HI))),
        f64x2_mul(kf, f64x2_splat(math::EXP_LO)),
    );
    let inner = f64x2_add(f64x2_splat(1.0 / 24.0), f64x2_mul(r, f64x2_splat(1.0 / 120.0)));
    let inner = f64x2_add(f64x2_splat(1.0 / 6.0), f64x2_mul(r, inner));
    let inner = f64x2_add(f64x2_splat(0.5), f64x2_mul(r, inner));
    let series = f64x2_add(r, f64x2_mul(f64x2_mul(r, r), inner));
    let table = tables.scales;
    let j = [(i64x2_extract_lane::<0>(k) & 63) as usize, (i64x2_extract_lane::<1>(k) & 63) as usize];
    let scale = f64x2(table[j[0]], table[j[1]]);
    let scaled = f64x2_add(scale, f64x2_mul(scale, series));
    i64x2_add(scaled, i64x2_shl(i64x2_shr(k, 6), 52))
}

impl UniformDraw {
    /// A draw in each lane ([`UniformDraw::sample`]).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn sample2(&self, rng: &mut Rng2) -> v128 {
        f64x2_add(f64x2_splat(self.low), f64x2_mul(rng.unit(), f64x2_splat(self.span)))
    }
}

impl<const LOG: bool> ZigguratDraw<LOG> {
    /// A draw in each lane ([`ZigguratDraw::sample`]).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub fn sample2(&self, rng: &mut Rng2, tables: &Tables) -> v128 {
        let x = f64x2_add(f64x2_splat(self.shift), f64x2_mul(f64x2_splat(self.scale), normal2(rng, tables)));
        let x = if LOG { exp2(x, tables) } else { x };
        let inside = v128_and(f64x2_le(f64x2_splat(self.lo), x), f64x2_le(x, f64x2_splat(self.hi)));
        if i64x2_all_true(inside) {
            return x;
        }
        self.redraw(rng, x, inside)
    }

    /// The lanes whose draw fell outside the cut draw again as the scalar loop does.
    #[cold]
    #[inline(never)]
    fn redraw(&self, rng: &mut Rng2, x: v128, inside: v128) -> v128 {
        let mut x = lanes(x);
        for (x, (lane, ok)) in x.iter_mut().zip(flags(inside).into_iter().enumerate()) {
            if !ok {
                let mut r = rng.lane(lane);
                *x = self.sample(&mut r);
                rng.set_lane(lane, &r);
            }
        }
        f64x2(x[0], x[1])
    }
}
