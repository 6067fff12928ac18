//! The default scenario's report, pinned in `tests/golden/default_report.json`. The same file is
//! checked by the wasm test in Chromium, so native and browser must agree to the last digit.
//! After an intended model change, regenerate with `UPDATE_GOLDEN=1 cargo test --test golden_report`.

use deal_explorer::model::{codec, evaluate, resilience, uncertainty, Scenario};

const GOLDEN: &str = "tests/golden/default_report.json";
const SIMULATION: &str = "tests/golden/simulation.json";
const RESILIENCE: &str = "tests/golden/resilience.json";

#[test]
fn default_report_matches_the_golden_file() {
    let now = serde_json::to_string_pretty(&evaluate(&Scenario::default()).unwrap()).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(GOLDEN, &now).unwrap();
    }
    let golden = std::fs::read_to_string(GOLDEN).expect("golden file exists (UPDATE_GOLDEN=1 to create)");
    assert!(
        now == golden,
        "the default report changed; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"
    );
}

/// A small correlated Monte Carlo run, pinned bit for bit; the wasm test compares the same
/// files, so browser and native must draw identical samples. The scenario
/// (`simulation_scenario.json`): 100 samples of seed 7, the sourced default ranges plus a 0–6
/// month ramp delay, gas price and PUE rank-correlated at 0.6.
#[test]
fn simulation_matches_the_golden_file() {
    let text = std::fs::read_to_string("tests/golden/simulation_scenario.json").unwrap();
    let spread = uncertainty::simulate(&codec::parse_json(&text).unwrap()).unwrap();
    let now = serde_json::to_string_pretty(&spread).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(SIMULATION, &now).unwrap();
    }
    let golden = std::fs::read_to_string(SIMULATION).expect("golden file exists (UPDATE_GOLDEN=1 to create)");
    assert!(
        now == golden,
        "the simulation changed; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"
    );
}

/// The default scenario's resilience simulation (10,000 draws of each layout), pinned bit for
/// bit; the wasm test compares the same file.
#[test]
fn resilience_matches_the_golden_file() {
    let now =
        serde_json::to_string_pretty(&resilience::simulate(&Scenario::default()).unwrap()).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(RESILIENCE, &now).unwrap();
    }
    let golden = std::fs::read_to_string(RESILIENCE).expect("golden file exists (UPDATE_GOLDEN=1 to create)");
    assert!(
        now == golden,
        "the resilience simulation changed; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"
    );
}
