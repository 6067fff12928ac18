//! `deal-explorer`: evaluates a scenario JSON with the same model code the browser runs and
//! prints the report as JSON.

use deal_explorer::model::{codec, evaluate, link, presets, uncertainty, Scenario};
use std::io::Read;
use std::process::ExitCode;

const HELP: &str = "\
deal-explorer: evaluate AI-compute deal scenarios with the explorer's model

USAGE:
    deal-explorer eval <FILE|->     Read a scenario (JSON; '-' = stdin), validate it, evaluate it,
                                    and print the report as pretty JSON on stdout.
    deal-explorer default           Print the default scenario (the publicly reported deal) as JSON.
    deal-explorer presets           List the presets: id, name and description.
    deal-explorer preset <ID>       Print a preset's scenario as JSON (the same as the explorer's picker).
    deal-explorer link <FILE|->     Print the permanent-link payload of a scenario (what follows
                                    \"#s=\" in the explorer's address).
    deal-explorer open <LINK>       Print the scenario a link payload (or a whole explorer URL) holds.
    deal-explorer simulate <FILE|-> Run the scenario's Monte Carlo simulation (its `uncertainty`
                                    settings, whether or not switched on) and print the spread of
                                    every result, the monthly bands and the tornado as JSON.
    deal-explorer peer <N> <SEED>   Run the peer benchmark's deal model (shared/peer) for N samples.
    deal-explorer --help            Print this help.

EXIT CODES:
    0  success
    2  the scenario is unreadable or invalid (the message names the field), or bad usage
    1  the file could not be read

EXAMPLES:
    deal-explorer default > deal.json
    # edit deal.json, e.g. \"ramp_delay_months\": 6
    deal-explorer eval deal.json | jq .contract.totals.usd_per_delivered_gpu_hour
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--help" | "-h" | "help"] => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        ["default"] => {
            println!("{}", codec::to_json_pretty(&Scenario::default()));
            ExitCode::SUCCESS
        }
        ["presets"] => {
            for p in presets::PRESETS {
                println!("{}\t{}\t{}", p.id, p.name, p.description);
            }
            ExitCode::SUCCESS
        }
        ["preset", id] => {
            if let Some(p) = presets::by_id(id) {
                println!("{}", codec::to_json_pretty(&p.scenario()));
                return ExitCode::SUCCESS;
            }
            let ids: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
            eprintln!("error: no preset `{id}`; the presets are: {}", ids.join(", "));
            ExitCode::from(2)
        }
        ["eval", path] => eval(path),
        ["simulate", path] => with_scenario(path, |s| {
            let (spread, sim) = match (uncertainty::simulate(&s), uncertainty::Simulation::new(&s)) {
                (Ok(spread), Ok(sim)) => (spread, sim),
                (Err(problems), _) | (_, Err(problems)) => {
                    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    eprintln!("error: {path}: {}", list.join("; "));
                    return ExitCode::from(2);
                }
            };
            let kpi = uncertainty::kpi(&s.uncertainty.kpi).map_or(0, |(i, _)| i);
            let out = serde_json::json!({ "spread": spread, "tornado": sim.tornado(kpi) });
            println!("{}", serde_json::to_string_pretty(&out).expect("serializes"));
            ExitCode::SUCCESS
        }),
        ["peer", n, seed] => match (n.parse::<usize>(), seed.parse::<u32>()) {
            (Ok(n), Ok(seed)) if n > 0 => {
                let started = std::time::Instant::now();
                let stats = uncertainty::peer::run(n, seed);
                let ms = started.elapsed().as_secs_f64() * 1e3;
                let out = serde_json::json!({ "samples": n, "seed": seed, "ms": ms, "stats": stats });
                println!("{}", serde_json::to_string_pretty(&out).expect("serializes"));
                ExitCode::SUCCESS
            }
            _ => {
                eprintln!("error: `peer` takes a sample count above 0 and a 32-bit seed");
                ExitCode::from(2)
            }
        },
        ["link", path] => with_scenario(path, |s| {
            println!("{}", link::encode(&s));
            ExitCode::SUCCESS
        }),
        ["open", url] => {
            let payload = url.rsplit_once("#s=").map_or(*url, |(_, p)| p);
            match link::decode(payload) {
                Ok(s) => {
                    println!("{}", codec::to_json_pretty(&s));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        _ => {
            eprintln!("error: expected `eval <FILE|->` or `default`\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

fn eval(path: &str) -> ExitCode {
    with_scenario(path, |s| match evaluate(&s) {
        Ok(report) => {
            println!("{}", serde_json::to_string_pretty(&report).expect("reports serialize"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {path}: {e}");
            ExitCode::from(2)
        }
    })
}

/// Reads and validates the scenario at `path` ('-' = stdin) and runs `then` on it.
fn with_scenario(path: &str, then: impl FnOnce(Scenario) -> ExitCode) -> ExitCode {
    let text = if path == "-" {
        let mut buf = String::new();
        std::io::stdin().read_to_string(&mut buf).map(|_| buf)
    } else {
        std::fs::read_to_string(path)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            return ExitCode::from(1);
        }
    };
    match codec::parse_json(&text) {
        Ok(s) => then(s),
        Err(e) => {
            eprintln!("error: {path}: {e}");
            ExitCode::from(2)
        }
    }
}
