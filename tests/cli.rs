//! The CLI end to end: default scenario, evaluation, and clear errors with exit code 2.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_deal-explorer"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn default_scenario() -> serde_json::Value {
    let out = run(&["default"], "");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn evaluates_the_default_scenario() {
    let out = run(&["eval", "-"], &default_scenario().to_string());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["contract"]["totals"]["nominal_cost"], 45e9);
    assert_eq!(report["contract"]["months"].as_array().unwrap().len(), 36);
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `deal-explorer eval … | head`: the report is ~400 KB; the reader takes a line and goes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_deal-explorer"))
        .args(["eval", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(default_scenario().to_string().as_bytes()).unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.is_empty(), "{:?}: {err}", out.status);
}

#[test]
fn an_invalid_field_exits_2_naming_the_field() {
    let mut s = default_scenario();
    s["contract"]["utilization"] = 1.7.into();
    let out = run(&["eval", "-"], &s.to_string());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("contract.utilization") && err.contains("between 1 and 100 %"), "{err}");
}

#[test]
fn a_wrong_type_and_bad_json_exit_2() {
    let mut s = default_scenario();
    s["contract"]["gpus"] = "many".into();
    let out = run(&["eval", "-"], &s.to_string());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("contract.gpus"));
    let out = run(&["eval", "-"], "{ not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid JSON"));
}

#[test]
fn reads_files_and_documents_itself() {
    let dir = std::env::temp_dir().join(format!("deal-explorer-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.json");
    std::fs::write(&path, default_scenario().to_string()).unwrap();
    assert!(run(&["eval", path.to_str().unwrap()], "").status.success());
    assert_eq!(run(&["eval", dir.join("missing.json").to_str().unwrap()], "").status.code(), Some(1));
    let help = run(&["--help"], "");
    assert!(String::from_utf8_lossy(&help.stdout).contains("deal-explorer eval"));
    assert_eq!(run(&["frobnicate"], "").status.code(), Some(2));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn lists_and_prints_every_preset_and_names_the_choices_for_an_unknown_one() {
    let out = run(&["presets"], "");
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = list.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert!(ids.len() >= 8 && ids[0] == "deal", "{ids:?}");
    for id in &ids {
        let out = run(&["preset", id], "");
        assert!(out.status.success(), "{id}");
        let text = String::from_utf8(out.stdout).unwrap();
        let eval = run(&["eval", "-"], &text);
        assert!(eval.status.success(), "{id}: {}", String::from_utf8_lossy(&eval.stderr));
    }
    let out = run(&["preset", "nope"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no preset `nope`") && err.contains("three-sites"), "{err}");
}

#[test]
fn a_50_mb_file_is_refused_as_too_large() {
    // A valid scenario padded with 50 MB of whitespace: refused before parsing, exit code 2.
    let mut text = default_scenario().to_string();
    text.push_str(&" ".repeat(50 * 1024 * 1024));
    let out = run(&["eval", "-"], &text);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    // (The limit is a library's: a file may hold many scenarios.)
    assert!(err.contains("bytes; the limit is 4194304 bytes"), "{err}");
}

#[test]
fn solve_finds_the_break_even_commitment_and_eval_confirms_it() {
    let s = default_scenario();
    let args = [
        "solve",
        "-",
        "--input",
        "contract.monthly_commitment",
        "--kpi",
        "vs-best-alternative",
        "--target",
        "0",
    ];
    let out = run(&args, &s.to_string());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let value = answer["solution"]["value"].as_f64().unwrap();
    // Evaluating the scenario at the answer gives a premium of (about) zero.
    let mut at = s.clone();
    at["contract"]["monthly_commitment"] = value.into();
    let report: serde_json::Value =
        serde_json::from_slice(&run(&["eval", "-"], &at.to_string()).stdout).unwrap();
    // Both sides from the comparison, which counts each option's data movement.
    let options = report["alternatives"]["options"].as_array().unwrap();
    let npv = |o: &serde_json::Value| o["npv_cost"].as_f64().unwrap();
    let contract = options.iter().find(|o| o["option"] == "contract").map(npv).unwrap();
    let best = options.iter().filter(|o| o["option"] != "contract").map(npv).fold(f64::INFINITY, f64::min);
    assert!((contract - best).abs() < 1e3, "premium at the answer: {}", contract - best);
}

#[test]
fn sweep_prints_one_csv_row_per_value_and_a_map_row_per_cell() {
    let s = default_scenario().to_string();
    let args = [
        "sweep",
        "-",
        "--input",
        "energy.gas_price",
        "--from",
        "2",
        "--to",
        "12",
        "--steps",
        "6",
        "--kpi",
        "npv-cost",
        "--kpi",
        "blended-usd-per-mwh",
    ];
    let out = run(&args, &s);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "energy.gas_price,npv-cost,blended-usd-per-mwh");
    assert_eq!(lines.len(), 7);
    let price = |l: &str| l.split(',').nth(2).unwrap().parse::<f64>().unwrap();
    assert!(price(lines[6]) > price(lines[1]), "dearer gas, dearer energy");

    let map = [
        "sweep",
        "-",
        "--input",
        "contract.ramp_delay_months",
        "--from",
        "0",
        "--to",
        "6",
        "--steps",
        "3",
        "--y",
        "energy.gas_price",
        "--y-from",
        "2",
        "--y-to",
        "8",
        "--y-steps",
        "2",
        "--kpi",
        "premium-over-build-own",
    ];
    let out = run(&map, &s);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1 + 6);
    assert!(text.starts_with("contract.ramp_delay_months,energy.gas_price,premium-over-build-own\n0,2,"));
}

#[test]
fn decision_commands_name_what_is_wrong_and_exit_2() {
    let s = default_scenario().to_string();
    for (args, expect) in [
        (
            vec!["solve", "-", "--input", "contract.nope", "--kpi", "npv-cost", "--target", "0"],
            "no input `contract.nope`",
        ),
        (vec!["solve", "-", "--input", "contract.gpus", "--kpi", "npv-cost"], "missing --target"),
        (
            vec!["solve", "-", "--input", "contract.gpus", "--kpi", "npv-cost", "--target", "lots"],
            "--target must be a number",
        ),
        (
            vec!["sweep", "-", "--input", "energy.gas_price", "--from", "2", "--to", "12", "--steps", "500"],
            "steps must be between 2 and 101",
        ),
        (
            vec!["sweep", "-", "--input", "energy.gas_price", "--from", "-5", "--to", "12", "--steps", "5"],
            "axis.from",
        ),
    ] {
        let out = run(&args, &s);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expect), "{args:?}: {err}");
    }
}

#[test]
fn a_library_evaluates_every_scenario_and_one_can_be_picked_from_it() {
    let mut slipped = default_scenario();
    slipped["name"] = "Slipped".into();
    slipped["contract"]["ramp_delay_months"] = 6.into();
    let library = serde_json::json!({
        "kind": "deal-explorer scenarios",
        "scenarios": [default_scenario(), slipped],
    })
    .to_string();
    let out = run(&["eval", "-"], &library);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[1]["name"], "Slipped");
    // The slipped scenario pays the same term for fewer delivered GPU-hours.
    let hours =
        |r: &serde_json::Value| r["report"]["contract"]["totals"]["delivered_gpu_hours"].as_f64().unwrap();
    assert!(hours(&reports[1]) < hours(&reports[0]));

    let out = run(&["scenarios", "-"], &library);
    let names = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(names.lines().count(), 2, "{names}");
    assert_eq!(names.lines().nth(1), Some("Slipped"));

    // A command that needs one scenario names the choices; `pick` gives one.
    let out =
        run(&["solve", "-", "--input", "contract.gpus", "--kpi", "npv-cost", "--target", "1"], &library);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Slipped"));
    let out = run(&["pick", "-", "Slipped"], &library);
    assert!(out.status.success());
    let picked: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(picked["contract"]["ramp_delay_months"], 6);
    let out = run(&["pick", "-", "Nope"], &library);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn solve_and_inputs_reach_a_sites_energy_source() {
    let s = default_scenario().to_string();
    let out = run(&["inputs", "-"], &s);
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(listed.contains("energy.sites.1.sources.1.capacity_mw"), "{listed}");
    assert!(listed.contains("hardware.catalog.0.unit_price") || listed.contains("unit_price"), "{listed}");
    // The heat rate of site 1's turbines at which the blended price reaches $90/MWh.
    let out = run(
        &[
            "solve",
            "-",
            "--input",
            "energy.sites.0.sources.1.heat_rate",
            "--kpi",
            "blended-usd-per-mwh",
            "--target",
            "90",
        ],
        &s,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sol: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let v = sol["solution"]["value"].as_f64().expect("a heat rate reaches the target");
    let mut t = default_scenario();
    t["energy"]["sites"][0]["sources"][1]["gas"]["heat_rate"] = v.into();
    let out = run(&["eval", "-"], &t.to_string());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let blended = report["energy"]["totals"]["blended_price"].as_f64().unwrap();
    assert!((blended - 90.0).abs() < 0.01, "{blended}");
}

#[test]
fn resilience_prints_every_layout_and_names_bad_shares() {
    let mut s = default_scenario();
    s["resilience"]["samples"] = 500.into();
    let out = run(&["resilience", "-"], &s.to_string());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let layouts = report["layouts"].as_array().unwrap();
    let names: Vec<_> = layouts.iter().map(|l| l["layout"].as_str().unwrap()).collect();
    assert_eq!(names, ["as_planned", "one_site", "spread"]);
    for l in layouts {
        assert_eq!(l["lost_gpu_hours"]["n"], 500);
        assert_eq!(l["p_below"].as_array().unwrap().len(), 20);
        let a = l["availability"].as_f64().unwrap();
        assert!(a > 0.99 && a < 1.0, "{a}");
    }
    assert_eq!(report["concentration"]["effective_sites"], 2.0);
    s["resilience"]["sites"][0]["share"] = 0.7.into();
    let out = run(&["resilience", "-"], &s.to_string());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("resilience.sites") && err.contains("add up to 100 %, now 120 %"), "{err}");
}
