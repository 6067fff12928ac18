//! The default scenario's report, pinned in `tests/golden/default_report.json`. The same file is
//! checked by the wasm test in Chromium, so native and browser must agree to the last digit.
//! After an intended model change, regenerate with `UPDATE_GOLDEN=1 cargo test --test golden_report`.

use deal_explorer::model::{evaluate, Scenario};

const GOLDEN: &str = "tests/golden/default_report.json";

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
