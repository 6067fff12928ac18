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
