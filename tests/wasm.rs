//! Runs in headless Chromium (`cargo test --target wasm32-unknown-unknown --test wasm`): the
//! model compiled to WebAssembly gives exactly the native golden report, and charts draw on a
//! real canvas.
#![cfg(target_arch = "wasm32")]

use deal_explorer::charts::{contract::cumulative_spend, draw::draw, theme::LIGHT};
use deal_explorer::model::{codec, evaluate, Scenario};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn wasm_report_equals_the_native_golden_file() {
    let golden = include_str!("golden/default_report.json");
    let now = serde_json::to_string_pretty(&evaluate(&Scenario::default()).unwrap()).unwrap() + "\n";
    assert_eq!(now, golden);
}

#[wasm_bindgen_test]
fn wasm_simulation_equals_the_native_golden_file() {
    let golden = include_str!("golden/simulation.json");
    let scenario = codec::parse_json(include_str!("golden/simulation_scenario.json")).unwrap();
    let spread = deal_explorer::model::uncertainty::simulate(&scenario).unwrap();
    assert_eq!(serde_json::to_string_pretty(&spread).unwrap() + "\n", golden);
}

#[wasm_bindgen_test]
fn wasm_resilience_equals_the_native_golden_file() {
    let golden = include_str!("golden/resilience.json");
    let report = deal_explorer::model::resilience::simulate(&Scenario::default()).unwrap();
    assert_eq!(serde_json::to_string_pretty(&report).unwrap() + "\n", golden);
}

#[wasm_bindgen_test]
fn parsing_errors_are_the_same_in_the_browser() {
    let mut v = serde_json::to_value(Scenario::default()).unwrap();
    v["contract"]["term_months"] = serde_json::json!(0);
    let e = codec::parse_json(&v.to_string()).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "contract.term_months");
}

#[wasm_bindgen_test]
fn the_chart_draws_on_a_canvas() {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(800);
    canvas.set_height(300);
    let report = evaluate(&Scenario::default()).unwrap();
    let area =
        plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone()).unwrap().into_drawing_area();
    let g = draw(&area, &cumulative_spend(&report.contract), &LIGHT, 1.0, &[]).unwrap();
    assert!(g.left > 0.0 && g.right < 800.0 && g.right - g.left > 500.0);
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let pixels = ctx.get_image_data(0.0, 0.0, 800.0, 300.0).unwrap().data();
    let inked = pixels.chunks(4).filter(|p| p[0] < 200).count();
    assert!(inked > 2000, "only {inked} inked pixels");
}

/// The model's two-lane samplers give each lane exactly the scalar draw.
#[cfg(target_feature = "simd128")]
mod lanes {
    use deal_explorer::model::math::exp_table;
    use deal_explorer::model::rng::Rng;
    use deal_explorer::model::uncertainty::dist::Dist;
    use deal_explorer::model::uncertainty::lanes::{exp2, normal2, Rng2, Tables};
    use deal_explorer::model::uncertainty::ziggurat;
    use std::arch::wasm32::{f64x2, f64x2_extract_lane, v128};
    use wasm_bindgen_test::*;

    fn lane(x: v128, l: usize) -> f64 {
        if l == 0 {
            f64x2_extract_lane::<0>(x)
        } else {
            f64x2_extract_lane::<1>(x)
        }
    }

    #[wasm_bindgen_test]
    fn each_lane_draws_what_the_scalar_code_draws() {
        let wide = (f64::NEG_INFINITY, f64::INFINITY);
        let uniform = Dist::Uniform { low: -3.0, high: 8.0 }.sampler(wide).uniform().unwrap();
        // Cut at ±1.2 sd: about a quarter of the draws fall outside and are drawn again.
        let normal = Dist::Normal { mean: 1.0, sd: 2.0, low: Some(-1.4), high: Some(3.4) };
        let normal = normal.sampler(wide).normal().unwrap();
        let lognormal = Dist::Lognormal { p5: 0.5, p95: 900.0 }.sampler((1.0, 500.0)).lognormal().unwrap();
        let (mut a, mut b) = (Rng::new(9, 0), Rng::new(9, 1));
        let mut two = Rng2::new(&a, &b);
        let tables = Tables::get();
        for _ in 0..20_000 {
            let drawn = [
                uniform.sample2(&mut two),
                normal.sample2(&mut two, &tables),
                lognormal.sample2(&mut two, &tables),
            ];
            let normal_drawn = normal2(&mut two, &tables);
            for (l, rng) in [&mut a, &mut b].into_iter().enumerate() {
                let want = [uniform.sample(rng), normal.sample(rng), lognormal.sample(rng)];
                for (x, want) in drawn.iter().zip(want) {
                    assert_eq!(lane(*x, l).to_bits(), want.to_bits());
                }
                assert_eq!(lane(normal_drawn, l).to_bits(), ziggurat::normal(rng).to_bits());
            }
        }
        assert_eq!(two.lane(0).next_u64(), a.next_u64());
        assert_eq!(two.lane(1).next_u64(), b.next_u64());
        // Beyond the table's range, not a number, and inside.
        let e = exp2(f64x2(-745.0, f64::NAN), &tables);
        assert_eq!(lane(e, 0).to_bits(), exp_table(-745.0).to_bits());
        assert!(lane(e, 1).is_nan());
        let e = exp2(f64x2(-5.25, 3.0e-9), &tables);
        assert_eq!((lane(e, 0), lane(e, 1)), (exp_table(-5.25), exp_table(3.0e-9)));
    }

    #[wasm_bindgen_test]
    fn the_peer_share_drawn_in_lanes_equals_the_scalar_draw() {
        use deal_explorer::peer::{lanes::signed_key2, Share, BLOCK};
        let block = BLOCK as usize;
        let cases = [(0, 0), (0, 1), (0, 2), (3, 1001), (0, block), (2, block + 3), (7, 2 * block + 1)];
        for (first, count) in cases.into_iter().chain([(1, 3 * block - 2)]) {
            assert_eq!(Share::draw(42, first, count), Share::draw_scalar(42, first, count), "{count}");
        }
        // Signed keys are the order keys with the sign bit flipped, for every kind of value, so
        // they keep the order of negatives and zeros too.
        let xs = [f64::NEG_INFINITY, -1e300, -2.5, -0.0, 0.0, 1e-310, 3.0, f64::INFINITY];
        let signed: Vec<i64> = xs
            .iter()
            .map(|&x| std::arch::wasm32::i64x2_extract_lane::<0>(signed_key2(f64x2(x, x))))
            .collect();
        assert!(signed.windows(2).all(|w| w[0] < w[1]), "{signed:?}");
        for x in xs.into_iter().chain([f64::NAN, -f64::NAN]) {
            let k = std::arch::wasm32::i64x2_extract_lane::<1>(signed_key2(f64x2(0.0, x)));
            assert_eq!(k.cast_unsigned() ^ 1 << 63, deal_explorer::peer::key(x), "{x}");
        }
    }

    #[wasm_bindgen_test]
    fn the_pick_finds_exactly_the_values_in_the_bins() {
        use deal_explorer::peer::{key, Share, KEYED};
        // Odd lengths (a last key outside the pairs), coarse and fine bins (a span past the
        // table's 2^16 bins takes the other path).
        for count in [1, 2, 1001, 4099] {
            let share = Share::draw(7, 0, count);
            for (k, &c) in KEYED.iter().enumerate() {
                let column = share.column(c);
                for shift in [0, 20, 40, 63] {
                    let bins: Vec<u64> =
                        [0, count / 2, count - 1].iter().map(|&i| key(column[i]) >> shift).collect();
                    let want: Vec<f64> =
                        column.iter().copied().filter(|&v| bins.contains(&(key(v) >> shift))).collect();
                    assert_eq!(share.pick(k, shift, &bins), want, "{count} {c} {shift}");
                }
            }
        }
    }
}
