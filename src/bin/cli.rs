//! `deal-explorer`: evaluates a scenario JSON with the same model code the browser runs and
//! prints the report as JSON.

use deal_explorer::model::decide::{self, Axis, Goal, Map};
use deal_explorer::model::{
    codec, evaluate, fields, inputs, kpis, library, link, presets, resilience, uncertainty, FieldError,
    Report, Scenario,
};
use std::io::Read;
use std::process::ExitCode;

/// `println!` that ends the program quietly when the reader has gone (`| head`), where
/// `println!` would panic on the broken pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("error: cannot write the output: {e}");
                std::process::exit(1);
            }
            std::process::exit(0);
        }
    }};
}

const HELP: &str = "\
deal-explorer: evaluate AI-compute deal scenarios with the explorer's model

USAGE:
    deal-explorer eval <FILE|->     Read a scenario (JSON; '-' = stdin), validate it, evaluate it,
                                    and print the report as pretty JSON on stdout. A library
                                    (the explorer's \"Export all\") prints [{name, report}, ...].
    deal-explorer scenarios <FILE>  List the names of the scenarios a file holds.
    deal-explorer pick <FILE> <NAME>
                                    Print one scenario of a library as JSON (pipe it into any
                                    command with '-').
    deal-explorer default           Print the default scenario (the publicly reported deal) as JSON.
    deal-explorer presets           List the presets: id, name and description.
    deal-explorer preset <ID>       Print a preset's scenario as JSON (the same as the explorer's picker).
    deal-explorer link <FILE|->     Print the permanent-link payload of a scenario (what follows
                                    \"#s=\" in the explorer's address).
    deal-explorer open <LINK>       Print the scenario a link payload (or a whole explorer URL) holds.
    deal-explorer simulate <FILE|-> Run the scenario's Monte Carlo simulation (its `uncertainty`
                                    settings, whether or not switched on) and print the spread of
                                    every result, the monthly bands, the tornado and the
                                    one-way line of its widest bar as JSON.
    deal-explorer resilience <FILE|->
                                    Simulate the scenario's outages (its `resilience` sites,
                                    regions, draws and seed) over the term and print, for the
                                    plan and for everything at one site and for every site in a
                                    region of its own: availability, GPU-hours lost, the worst
                                    moment and the capacity curve; plus the concentration.
    deal-explorer solve <FILE|-> --input ID --kpi ID --target X [--from A --to B]
                                    Goal seek: the input's value at which the KPI equals X, as JSON;
                                    searches A..B if given, else the input's slider range and then
                                    its whole valid range; says when no value reaches X and when
                                    the KPI is not monotone.
    deal-explorer sweep <FILE|-> --input ID --from A --to B --steps N [--kpi ID ...] [--json]
                                    Evaluate the scenario at N values of one input; print CSV (the
                                    input, then each KPI; all KPIs when none are named).
    deal-explorer sweep <FILE|-> --input ID --from A --to B --steps N
                                 --y ID --y-from A --y-to B --y-steps M --kpi ID [--json]
                                    A two-input map of one KPI: CSV rows of x, y, KPI.
    deal-explorer inputs [FILE]     List the input ids with their unit, scale and valid range;
                                    with a scenario, also each site's energy-source fields and
                                    the catalog entries its mix uses (solve and sweep take these).
    deal-explorer kpis              List the KPI ids.
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
    deal-explorer solve deal.json --input contract.ramp_delay_months --kpi premium-over-reserved-3yr --target 0
    deal-explorer sweep deal.json --input energy.gas_price --from 2 --to 12 --steps 11 --kpi npv-cost

Values on the command line are in the scenario JSON's units (dollars, shares 0-1, months), not
the explorer's display units; `inputs` lists each input's scale.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--help" | "-h" | "help"] => {
            out!("{}", HELP.trim_end());
            ExitCode::SUCCESS
        }
        ["default"] => {
            out!("{}", codec::to_json_pretty(&Scenario::default()));
            ExitCode::SUCCESS
        }
        ["presets"] => {
            for p in presets::PRESETS {
                out!("{}\t{}\t{}", p.id, p.name, p.description);
            }
            ExitCode::SUCCESS
        }
        ["preset", id] => {
            if let Some(p) = presets::by_id(id) {
                out!("{}", codec::to_json_pretty(&p.scenario()));
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
            let tornado = sim.tornado(kpi);
            let one_way = tornado
                .first()
                .and_then(|top| sim.one_way(&top.id, kpi, uncertainty::ONE_WAY_STEPS))
                .unwrap_or_default();
            let out = serde_json::json!({ "spread": spread, "tornado": tornado, "one_way": one_way });
            out!("{}", serde_json::to_string_pretty(&out).expect("serializes"));
            ExitCode::SUCCESS
        }),
        ["resilience", path] => with_scenario(path, |s| match resilience::simulate(&s) {
            Ok(report) => {
                out!("{}", serde_json::to_string_pretty(&report).expect("serializes"));
                ExitCode::SUCCESS
            }
            Err(problems) => {
                let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                eprintln!("error: {path}: {}", list.join("; "));
                ExitCode::from(2)
            }
        }),
        ["inputs"] => {
            out!("id\tunit\tscale\tmin\tmax\tlabel");
            for i in inputs::INPUTS {
                out!("{}\t{}\t{}\t{}\t{}\t{}", i.id, i.unit, i.scale, i.min, i.max, i.label);
            }
            ExitCode::SUCCESS
        }
        ["inputs", path] => with_scenario(path, |s| {
            out!("id\tunit\tscale\tmin\tmax\tlabel");
            for f in fields::fields(&s) {
                out!("{}\t{}\t{}\t{}\t{}\t{}", f.id, f.unit, f.scale, f.min, f.max, f.label);
            }
            ExitCode::SUCCESS
        }),
        ["scenarios", path] => with_library(path, |list, _| {
            for s in list {
                out!("{}", s.name);
            }
            ExitCode::SUCCESS
        }),
        ["pick", path, name] => with_library(path, |list, _| {
            if let Some(s) = list.iter().find(|s| s.name == *name) {
                out!("{}", codec::to_json_pretty(s));
                return ExitCode::SUCCESS;
            }
            let names: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
            eprintln!("error: {path} holds no scenario named “{name}”; it holds: {}", names.join(", "));
            ExitCode::from(2)
        }),
        ["kpis"] => {
            for k in kpis::KPIS {
                out!("{}\t{}", k.id, k.label);
            }
            ExitCode::SUCCESS
        }
        ["solve", path, flags @ ..] => decision(path, flags, solve),
        ["sweep", path, flags @ ..] => decision(path, flags, sweep),
        ["peer", n, seed] => match (n.parse::<usize>(), seed.parse::<u32>()) {
            (Ok(n), Ok(seed)) if n > 0 => {
                let started = std::time::Instant::now();
                let stats = deal_explorer::peer::run(n, seed);
                let ms = started.elapsed().as_secs_f64() * 1e3;
                let out = serde_json::json!({ "samples": n, "seed": seed, "ms": ms, "stats": stats });
                out!("{}", serde_json::to_string_pretty(&out).expect("serializes"));
                ExitCode::SUCCESS
            }
            _ => {
                eprintln!("error: `peer` takes a sample count above 0 and a 32-bit seed");
                ExitCode::from(2)
            }
        },
        ["link", path] => with_scenario(path, |s| {
            out!("{}", link::encode(&s));
            ExitCode::SUCCESS
        }),
        ["open", url] => {
            let payload = url.rsplit_once("#s=").map_or(*url, |(_, p)| p);
            match link::decode(payload) {
                Ok(s) => {
                    out!("{}", codec::to_json_pretty(&s));
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
    with_library(path, |list, is_library| {
        let reports: Vec<(String, Report)> = list
            .into_iter()
            .map(|s| evaluate(&s).map(|r| (s.name, r)))
            .collect::<Result<_, _>>()
            .expect("read scenarios are valid");
        let out = if is_library {
            let named: Vec<_> = reports
                .iter()
                .map(|(name, report)| serde_json::json!({ "name": name, "report": report }))
                .collect();
            serde_json::to_string_pretty(&named)
        } else {
            serde_json::to_string_pretty(&reports[0].1)
        };
        out!("{}", out.expect("reports serialize"));
        ExitCode::SUCCESS
    })
}

/// Reads and validates the scenario at `path` ('-' = stdin) and runs `then` on it. A library
/// holding one scenario is that scenario; one holding more is refused with its names.
fn with_scenario(path: &str, then: impl FnOnce(Scenario) -> ExitCode) -> ExitCode {
    with_library(path, |mut list, _| {
        if list.len() == 1 {
            return then(list.remove(0));
        }
        if list.is_empty() {
            eprintln!("error: {path} holds no scenarios");
            return ExitCode::from(2);
        }
        let names: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
        eprintln!(
            "error: {path} holds {} scenarios ({}); pick one: deal-explorer pick {path} NAME | deal-explorer ... -",
            list.len(),
            names.join(", ")
        );
        ExitCode::from(2)
    })
}

/// Reads and validates every scenario at `path` ('-' = stdin), a single scenario or a library,
/// and runs `then` on them with whether the file is a library.
fn with_library(path: &str, then: impl FnOnce(Vec<Scenario>, bool) -> ExitCode) -> ExitCode {
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
    match library::parse(&text) {
        Ok(list) => then(list, library::is_library(&text)),
        Err(e) => {
            eprintln!("error: {path}: {e}");
            ExitCode::from(2)
        }
    }
}

/// Command-line flags: `--name value` pairs (repeatable) and bare `--switch`es.
struct Flags(Vec<(String, Option<String>)>);

impl Flags {
    fn parse(args: &[&str]) -> Result<Self, String> {
        let mut out = Vec::new();
        let mut it = args.iter().peekable();
        while let Some(a) = it.next() {
            let name = a.strip_prefix("--").ok_or_else(|| format!("unexpected argument `{a}`"))?;
            let value =
                it.next_if(|v| !v.starts_with("--") || v.parse::<f64>().is_ok()).map(|v| (*v).to_owned());
            out.push((name.to_owned(), value));
        }
        Ok(Self(out))
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(n, _)| n == name).filter_map(|(_, v)| v.clone()).collect()
    }

    fn text(&self, name: &str) -> Option<String> {
        self.all(name).pop()
    }

    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(n, _)| n == name)
    }

    fn need(&self, name: &str) -> Result<String, String> {
        self.text(name).ok_or_else(|| format!("missing --{name}"))
    }

    fn number(&self, name: &str) -> Result<Option<f64>, String> {
        self.text(name)
            .map(|v| v.parse::<f64>().map_err(|_| format!("--{name} must be a number, got `{v}`")))
            .transpose()
    }

    fn need_number(&self, name: &str) -> Result<f64, String> {
        self.number(name)?.ok_or_else(|| format!("missing --{name}"))
    }

    fn steps(&self, name: &str) -> Result<usize, String> {
        let v = self.need(name)?;
        v.parse().map_err(|_| format!("--{name} must be a whole number, got `{v}`"))
    }
}

/// Reads the scenario and the flags and runs a decision command; usage errors and invalid
/// settings exit 2 with the message.
fn decision(path: &str, flags: &[&str], run: fn(&Scenario, &Flags) -> Result<String, String>) -> ExitCode {
    let flags = match Flags::parse(flags) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    with_scenario(path, |s| match run(&s, &flags) {
        Ok(out) => {
            out!("{}", out.trim_end_matches('\n'));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    })
}

fn listed(problems: &[FieldError]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

fn solve(s: &Scenario, f: &Flags) -> Result<String, String> {
    let goal = Goal {
        input: f.need("input")?,
        kpi: f.need("kpi")?,
        target: f.need_number("target")?,
        from: f.number("from")?,
        to: f.number("to")?,
    };
    let solution = decide::solve(s, &goal).map_err(|p| listed(&p))?;
    let (lowest, highest) = solution.kpi_range();
    let out = serde_json::json!({
        "goal": goal,
        "solution": solution,
        "kpi_range": [lowest, highest],
    });
    Ok(format!("{}\n", serde_json::to_string_pretty(&out).expect("serializes")))
}

fn sweep(scenario: &Scenario, flags: &Flags) -> Result<String, String> {
    use std::fmt::Write;
    let f = flags;
    let across = Axis {
        input: f.need("input")?,
        from: f.need_number("from")?,
        to: f.need_number("to")?,
        steps: f.steps("steps")?,
    };
    let json = f.has("json");
    if let Some(y_input) = f.text("y") {
        let up = Axis {
            input: y_input,
            from: f.need_number("y-from")?,
            to: f.need_number("y-to")?,
            steps: f.steps("y-steps")?,
        };
        let map = Map { x: across, y: up, kpi: f.need("kpi")?, level: f.number("level")?.unwrap_or(0.0) };
        let resolved = map.resolve(scenario).map_err(|p| listed(&p))?;
        let cells = map.rows(scenario, 0..map.y.steps).map_err(|p| listed(&p))?;
        let (xs, ys) = (map.x.values(&resolved.x), map.y.values(&resolved.y));
        if json {
            let out = serde_json::json!({ "map": map, "x": xs, "y": ys, "cells": cells });
            return Ok(format!("{}\n", serde_json::to_string_pretty(&out).expect("serializes")));
        }
        let mut out = format!("{},{},{}\n", map.x.input, map.y.input, map.kpi);
        for (j, y) in ys.iter().enumerate() {
            for (i, x) in xs.iter().enumerate() {
                writeln!(out, "{x},{y},{}", cells[j * xs.len() + i]).expect("writes to a string");
            }
        }
        return Ok(out);
    }
    let mut ids = f.all("kpi");
    if ids.is_empty() {
        ids = kpis::KPIS.iter().map(|k| k.id.to_owned()).collect();
    }
    let sweep = decide::sweep(scenario, &across, &ids).map_err(|p| listed(&p))?;
    if json {
        return Ok(format!("{}\n", serde_json::to_string_pretty(&sweep).expect("serializes")));
    }
    let mut out = format!("{},{}\n", sweep.input, sweep.kpis.join(","));
    for (v, row) in sweep.values.iter().zip(&sweep.rows) {
        let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
        writeln!(out, "{v},{}", cells.join(",")).expect("writes to a string");
    }
    Ok(out)
}
