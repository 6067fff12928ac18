//! What differs between scenarios, in words a board member reads: the compare view's "Inputs
//! that differ" table.
//!
//! Every number the field registry knows ([`fields::field`]) is a row of its own, labelled as
//! the sidebar labels it and written to the digits its number box shows. Everything else — a
//! choice, a list, a schedule, a seed — is one row per structure whose value in each scenario
//! is a short description ("Price per GPU-hour", "65.2 % NVIDIA H100, …", "Jun 2026"), listed
//! only when those descriptions differ.
//!
//! The functions that reach [`codec::to_value`] are `#[inline]`: compiled by their caller, the web
//! app, for size (see [`codec::parse_value`]).

use crate::codec;
use crate::energy::fields::SOURCE_FIELDS;
use crate::fields::{self, fixed, percent_to, shown_decimals};
use crate::hardware::CATALOG_FIELDS;
use crate::inputs::{in_unit, range_in_unit, trim_number};
use crate::resilience::{REGION_FIELDS, SITE_FIELDS};
use crate::scenario::Scenario;
use crate::uncertainty::dist::Dist;
use serde_json::Value;

/// One input that differs between scenarios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The value's path in the scenario's JSON, dotted: a field's id, or the path of the
    /// structure a row describes (`hardware.mix`, `energy.sites.0.sources`); a simulated range's
    /// is `uncertainty.inputs.` and its input's id.
    pub path: String,
    /// What users call it ("Ramp delay (months)", "Site 1 · Gas … · Capacity (MW)",
    /// "Hardware · Mix").
    pub label: String,
    /// The value in each scenario, in the units and digits users see ("—" where a scenario has
    /// no such value).
    pub values: Vec<String>,
}

/// Every input whose value is not the same in all `scenarios` (names aside), in the order the
/// first scenario lists them, with what only later ones have where they would list it. Numbers
/// known to the field registry are labelled and written as their fields show them (with more
/// decimals, up to six, only where those would not tell two values apart); choices, lists,
/// schedules and the simulation's settings are described in words, one row each.
#[inline]
pub fn differences(scenarios: &[&Scenario]) -> Vec<Difference> {
    let remixed = remixed_sites(scenarios);
    let mut rows: Vec<Row> = Vec::new();
    for path in leaf_paths(scenarios) {
        if let Some(row) = row_of(&path, &remixed, scenarios) {
            if !rows.contains(&row) {
                rows.push(row);
            }
        }
    }
    rows.into_iter()
        .flat_map(|row| row.expand(scenarios))
        .filter_map(|row| row.difference(scenarios))
        .collect()
}

/// Every leaf path of every scenario, in the first one's order; a path only a later scenario
/// has comes right after the path before it there (a third site after the second).
#[inline]
fn leaf_paths(scenarios: &[&Scenario]) -> Vec<String> {
    union(scenarios, |s| {
        let mut list = Vec::new();
        leaves(&codec::to_value(s), String::new(), &mut list);
        list.into_iter().map(|(p, _)| p).collect()
    })
}

/// The sites whose sources are not the same kinds in the same order in every scenario: such a
/// site cannot be compared source by source (its second source a battery in one, gas in
/// another), so it gets one row, its whole supply.
#[inline]
fn remixed_sites(scenarios: &[&Scenario]) -> Vec<usize> {
    let kinds = |s: &Scenario, i: usize| {
        s.energy
            .sites
            .get(i)
            .map(|site| site.sources.iter().map(crate::energy::Source::kind).collect::<Vec<_>>())
    };
    let sites = scenarios.iter().map(|s| s.energy.sites.len()).max().unwrap_or(0);
    (0..sites).filter(|&i| scenarios.windows(2).any(|w| kinds(w[0], i) != kinds(w[1], i))).collect()
}

/// One row of the table, or the rows a structure stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    /// A number the field registry knows, by its path.
    Field(String),
    /// The catalog: its entries, then each figure of the entries every scenario has.
    Catalog,
    /// A figure (a [`CATALOG_FIELDS`] key) of the entry with this id.
    CatalogFigure(String, &'static str),
    /// A resilience site's outage figure (a [`SITE_FIELDS`] key).
    ResilienceFigure(usize, &'static str),
    /// Every simulated range: one [`Whole::Range`] per input any scenario simulates.
    Ranges,
    /// A structure described in words.
    Whole(Whole),
    /// A value no row above covers (an input added without its row here): its path and JSON.
    Other(String),
}

/// A structure compared by its description in each scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Whole {
    /// The contract's pricing basis.
    Pricing,
    /// The contract's first month.
    Start,
    /// The month-by-month delivery schedule.
    Schedule,
    /// The fleet's mix: accelerators, shares and first months.
    Mix,
    /// The catalog's entries, by name.
    CatalogEntries,
    /// Where the figures of the catalog entry with this id come from.
    CatalogSource(String),
    /// The cooling technology.
    Cooling,
    /// An energy site's name.
    SiteName(usize),
    /// An energy site's sources, when they are other kinds in some scenario.
    Supply(usize),
    /// The precision training counts in.
    Precision,
    /// How the target run is sized.
    RunSize,
    /// The resilience sites: names, shares and regions.
    ResilienceSites,
    /// The regional events.
    Regions,
    /// The resilience simulation's draws.
    ResilienceSamples,
    /// The resilience simulation's seed.
    ResilienceSeed,
    /// Whether the uncertainty simulation runs.
    Simulation,
    /// The uncertainty simulation's draws.
    SimulationSamples,
    /// The uncertainty simulation's seed.
    SimulationSeed,
    /// The simulated range of the input with this id.
    Range(String),
    /// The rank correlations between uncertain inputs.
    Correlations,
    /// The result the simulation examines.
    Kpi,
    /// The threshold it is examined against.
    Threshold,
}

/// The row a leaf belongs to; `None` for what is not an input (the name, the schema version)
/// and for a source's kind on a site whose sources are the same kinds everywhere.
#[inline]
fn row_of(path: &str, remixed: &[usize], scenarios: &[&Scenario]) -> Option<Row> {
    let parts: Vec<&str> = path.split('.').collect();
    let index = |i: &str| i.parse::<usize>().ok();
    let whole = match parts.as_slice() {
        ["name" | "schema_version"] => return None,
        ["hardware", "catalog", ..] => return Some(Row::Catalog),
        ["uncertainty", "inputs", ..] => return Some(Row::Ranges),
        ["resilience", "sites", i, key] if SITE_FIELDS.iter().any(|f| f.key == *key && f.key != "share") => {
            let field = SITE_FIELDS.iter().find(|f| f.key == *key)?;
            return Some(Row::ResilienceFigure(index(i)?, field.key));
        }
        ["contract", "pricing"] => Whole::Pricing,
        ["contract", "start"] => Whole::Start,
        ["contract", "ramp_schedule", ..] => Whole::Schedule,
        ["hardware", "mix", ..] => Whole::Mix,
        ["facility", "cooling"] => Whole::Cooling,
        ["energy", "sites", i, "name"] => Whole::SiteName(index(i)?),
        ["energy", "sites", i, "sources", ..] if remixed.contains(&index(i)?) => Whole::Supply(index(i)?),
        ["training", "precision"] => Whole::Precision,
        ["training", "run_size"] => Whole::RunSize,
        ["resilience", "sites", ..] => Whole::ResilienceSites,
        ["resilience", "regions", ..] => Whole::Regions,
        ["resilience", "samples"] => Whole::ResilienceSamples,
        ["resilience", "seed"] => Whole::ResilienceSeed,
        ["uncertainty", "enabled"] => Whole::Simulation,
        ["uncertainty", "samples"] => Whole::SimulationSamples,
        ["uncertainty", "seed"] => Whole::SimulationSeed,
        ["uncertainty", "correlations", ..] => Whole::Correlations,
        ["uncertainty", "kpi"] => Whole::Kpi,
        ["uncertainty", "threshold"] => Whole::Threshold,
        _ if scenarios.iter().any(|s| fields::field(s, path).is_some()) => {
            return Some(Row::Field(path.to_owned()))
        }
        // A source's kind and a gas plant's technology, on a site whose sources are the same
        // kinds in every scenario: the same everywhere by construction.
        ["energy", "sites", _, "sources", ..] => return None,
        _ => return Some(Row::Other(path.to_owned())),
    };
    Some(Row::Whole(whole))
}

impl Row {
    /// The rows this one stands for: the catalog's entries and figures, each simulated range.
    fn expand(self, scenarios: &[&Scenario]) -> Vec<Self> {
        match self {
            Self::Catalog => {
                let ids = union(scenarios, |s| s.hardware.catalog.iter().map(|a| a.id.clone()).collect());
                let mut out = vec![Self::Whole(Whole::CatalogEntries)];
                // Entries some scenario lacks are told apart by the entries' row.
                for id in ids.into_iter().filter(|id| scenarios.iter().all(|s| s.hardware.get(id).is_some()))
                {
                    out.extend(CATALOG_FIELDS.iter().map(|f| Self::CatalogFigure(id.clone(), f.key)));
                    out.push(Self::Whole(Whole::CatalogSource(id)));
                }
                out
            }
            Self::Ranges => union(scenarios, |s| s.uncertainty.inputs.iter().map(|u| u.id.clone()).collect())
                .into_iter()
                .map(|id| Self::Whole(Whole::Range(id)))
                .collect(),
            row => vec![row],
        }
    }

    /// The row's line in the table, if its values are not the same in every scenario.
    #[inline]
    fn difference(&self, scenarios: &[&Scenario]) -> Option<Difference> {
        match self {
            Self::Field(path) => {
                let field = scenarios.iter().find_map(|s| fields::field(s, path))?;
                let values: Vec<f64> = scenarios.iter().map(|s| field.get(s)).collect();
                let shown = numbers(&values, field.scale, field.step)?;
                Some(Difference {
                    path: path.clone(),
                    label: with_unit(&field.label, field.unit),
                    values: shown,
                })
            }
            Self::CatalogFigure(id, key) => {
                // Labelled and stepped as the first scenario's field of the entry.
                let first = scenarios.first()?;
                let entry = first.hardware.catalog.iter().position(|a| a.id == *id)?;
                let path = format!("hardware.catalog.{entry}.{key}");
                let field = fields::field(first, &path)?;
                let figure = CATALOG_FIELDS.iter().find(|f| f.key == *key)?;
                let values: Vec<f64> = scenarios
                    .iter()
                    .map(|s| s.hardware.get(id).map_or(f64::NAN, |a| figure.get(a)))
                    .collect();
                let shown = numbers(&values, field.scale, field.step)?;
                Some(Difference { path, label: with_unit(&field.label, field.unit), values: shown })
            }
            Self::ResilienceFigure(site, key) => {
                let field = SITE_FIELDS.iter().find(|f| f.key == *key)?;
                let values: Vec<f64> = scenarios
                    .iter()
                    .map(|s| s.resilience.sites.get(*site).and_then(|x| field.get(x)).unwrap_or(f64::NAN))
                    .collect();
                let name = &scenarios.iter().find_map(|s| s.resilience.sites.get(*site))?.name;
                Some(Difference {
                    path: crate::resilience::site_path(*site, key),
                    label: with_unit(&format!("Resilience · {name} · {}", field.label), field.unit),
                    values: numbers(&values, field.scale, field.step)?,
                })
            }
            Self::Whole(whole) => {
                let (path, label) = whole.path_and_label(scenarios);
                // Numbers rounded alike must not hide a difference (a mix of 65.24 % against
                // 65.2 %): more decimals, up to five more than the fields show, until the
                // descriptions differ.
                (0..=5).find_map(|extra| {
                    let values: Vec<Option<String>> =
                        scenarios.iter().map(|s| whole.describe(s, extra)).collect();
                    described(&path, &label, &values)
                })
            }
            Self::Other(path) => {
                let value = |s: &Scenario| {
                    let mut list = Vec::new();
                    leaves(&codec::to_value(s), String::new(), &mut list);
                    list.into_iter().find(|(p, _)| p == path).map(|(_, v)| match v {
                        Value::String(text) => text,
                        v => v.to_string(),
                    })
                };
                described(path, path, &scenarios.iter().map(|s| value(s)).collect::<Vec<_>>())
            }
            Self::Catalog | Self::Ranges => None,
        }
    }
}

impl Whole {
    /// The row's path and label.
    fn path_and_label(&self, scenarios: &[&Scenario]) -> (String, String) {
        let named = |path: &str, label: &str| (path.to_owned(), label.to_owned());
        match self {
            Self::Pricing => named("contract.pricing", "Contract · Pricing basis"),
            Self::Start => named("contract.start", "Contract · Start month"),
            Self::Schedule => named("contract.ramp_schedule", "Contract · Delivery schedule"),
            Self::Mix => named("hardware.mix", "Hardware · Mix"),
            Self::CatalogEntries => named("hardware.catalog", "Hardware · Catalog"),
            Self::CatalogSource(id) => {
                let entry =
                    scenarios.first().and_then(|s| s.hardware.catalog.iter().position(|a| a.id == *id));
                let name = scenarios
                    .iter()
                    .find_map(|s| s.hardware.get(id))
                    .map_or(id.as_str(), |a| a.name.as_str());
                (
                    entry.map_or_else(
                        || "hardware.catalog".to_owned(),
                        |i| format!("hardware.catalog.{i}.source"),
                    ),
                    format!("{name} · Source of figures"),
                )
            }
            Self::Cooling => named("facility.cooling", "Datacenter · Cooling"),
            Self::SiteName(i) => {
                (format!("energy.sites.{i}.name"), format!("{} · Name", site_name(scenarios, *i)))
            }
            Self::Supply(i) => (
                format!("energy.sites.{i}.sources"),
                format!("{} · Supply (each source's capacity)", site_name(scenarios, *i)),
            ),
            Self::Precision => named("training.precision", "Training · Precision"),
            Self::RunSize => named("training.run_size", "Training · Run size"),
            Self::ResilienceSites => named("resilience.sites", "Resilience · Sites"),
            Self::Regions => named("resilience.regions", "Resilience · Regional events"),
            Self::ResilienceSamples => named("resilience.samples", "Resilience · Draws"),
            Self::ResilienceSeed => named("resilience.seed", "Resilience · Seed"),
            Self::Simulation => named("uncertainty.enabled", "Uncertainty · Simulation"),
            Self::SimulationSamples => named("uncertainty.samples", "Uncertainty · Samples"),
            Self::SimulationSeed => named("uncertainty.seed", "Uncertainty · Seed"),
            Self::Range(id) => (
                format!("uncertainty.inputs.{id}"),
                format!("Uncertainty · {} · Simulated range", input_label(scenarios, id)),
            ),
            Self::Correlations => named("uncertainty.correlations", "Uncertainty · Correlations"),
            Self::Kpi => named("uncertainty.kpi", "Uncertainty · Result to examine"),
            Self::Threshold => named("uncertainty.threshold", "Uncertainty · Threshold"),
        }
    }

    /// The value in `s`, in words, its numbers with `extra` decimals more than their fields
    /// show; `None` where `s` has no such thing (a site it lacks).
    fn describe(&self, s: &Scenario, extra: usize) -> Option<String> {
        let pct = |share: f64| percent_to(share, 1 + extra);
        let num = |v: f64, step: f64| fixed(v, shown_decimals(step) + extra);
        let (contract, resilience, sim) = (&s.contract, &s.resilience, &s.uncertainty);
        Some(match self {
            Self::Pricing => contract.pricing.label().to_owned(),
            Self::Start => contract.start.label(),
            Self::Schedule => schedule_text(&contract.ramp_schedule, &pct),
            Self::Mix => s.hardware.mix_text_to(1 + extra),
            Self::CatalogEntries => {
                s.hardware.catalog.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
            }
            Self::CatalogSource(id) => s.hardware.get(id)?.source.clone(),
            Self::Cooling => s.facility.cooling.label().to_owned(),
            Self::SiteName(i) => s.energy.sites.get(*i)?.name.clone(),
            Self::Supply(i) => supply_text(s.energy.sites.get(*i)?, &num),
            Self::Precision => s.training.precision.label().to_owned(),
            Self::RunSize => s.training.run_size.label().to_owned(),
            Self::ResilienceSites => or_none(resilience.sites.iter().map(|x| {
                let region = if x.region.is_empty() { "no shared region" } else { x.region.as_str() };
                format!("{}: {}, {region}", x.name, pct(x.share.value()))
            })),
            Self::Regions => or_none(resilience.regions.iter().map(|x| {
                let figure = |key: &str| {
                    REGION_FIELDS
                        .iter()
                        .find(|f| f.key == key)
                        .and_then(|f| Some(in_unit(&num(f.get(x)? / f.scale, f.step), f.unit)))
                        .unwrap_or_default()
                };
                format!(
                    "{}: {}, {} each, {} of capacity lost",
                    x.name,
                    figure("events_per_year"),
                    figure("mean_event_hours"),
                    figure("capacity_lost")
                )
            })),
            Self::ResilienceSamples => resilience.samples.to_string(),
            Self::ResilienceSeed => resilience.seed.to_string(),
            Self::Simulation => if sim.enabled { "on" } else { "off" }.to_owned(),
            Self::SimulationSamples => sim.samples.to_string(),
            Self::SimulationSeed => sim.seed.to_string(),
            Self::Range(id) => sim
                .inputs
                .iter()
                .find(|x| x.id == *id)
                .map_or_else(|| "not simulated".to_owned(), |x| range_text(s, id, &x.dist, &num, &pct)),
            Self::Correlations => or_none(sim.correlations.iter().map(|x| {
                format!(
                    "{} and {}: {}",
                    input_label(&[s], &x.a),
                    input_label(&[s], &x.b),
                    fixed(x.rank, 2 + extra)
                )
            })),
            Self::Kpi => {
                crate::kpis::kpi(&sim.kpi).map_or_else(|| sim.kpi.clone(), |(_, k)| k.label.to_owned())
            }
            Self::Threshold => match sim.threshold {
                None => "none (the point estimate)".to_owned(),
                Some(threshold) => {
                    let (unit, scale) = crate::kpis::kpi(&sim.kpi).map_or(("", 1.0), |(_, k)| k.unit.entry());
                    in_unit(&trim_number(threshold / scale), unit)
                }
            },
        })
    }
}

/// Each scenario's items of a list, in the first one's order, then each new one after the item
/// before it.
fn union(scenarios: &[&Scenario], items: impl Fn(&Scenario) -> Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in scenarios {
        let mut at = 0;
        for item in items(s) {
            if let Some(i) = out.iter().position(|x| *x == item) {
                at = i + 1;
            } else {
                out.insert(at, item);
                at += 1;
            }
        }
    }
    out
}

/// A row of `values` (one per scenario, "—" for `None`), if they are not all the same.
fn described(path: &str, label: &str, values: &[Option<String>]) -> Option<Difference> {
    if values.windows(2).all(|w| w[0] == w[1]) {
        return None;
    }
    Some(Difference {
        path: path.to_owned(),
        label: label.to_owned(),
        values: values.iter().map(|v| v.clone().unwrap_or_else(|| "—".to_owned())).collect(),
    })
}

/// `values` (model units, NaN where a scenario has none) as a number box stepped by `step`
/// shows them (÷ `scale`), with more decimals, up to six, only where those would not tell two
/// of them apart; `None` when they are the same to six decimals.
fn numbers(values: &[f64], scale: f64, step: f64) -> Option<Vec<String>> {
    let shown = shown_decimals(step);
    let texts = |decimals: usize| -> Vec<String> {
        values.iter().map(|v| if v.is_nan() { "—".to_owned() } else { fixed(v / scale, decimals) }).collect()
    };
    let distinct = |t: &[String]| t.iter().enumerate().filter(|(i, x)| !t[..*i].contains(x)).count();
    // As many different texts as the values have to six decimals: [1.00001, 1.00002, 5] at
    // step 1 is "1.00001", "1.00002", "5", not "1", "1", "5".
    let most = distinct(&texts(shown.max(6)));
    if most < 2 {
        return None;
    }
    (shown..=shown.max(6)).map(texts).find(|t| distinct(t) == most)
}

/// A label with its unit in brackets, if it has one: "Ramp delay (months)".
fn with_unit(label: &str, unit: &str) -> String {
    fields::labelled(label, unit)
}

/// The items joined by "; ", or "none".
fn or_none(items: impl Iterator<Item = String>) -> String {
    let list: Vec<String> = items.collect();
    if list.is_empty() {
        "none".to_owned()
    } else {
        list.join("; ")
    }
}

/// Energy site `i`'s name in the first scenario that has it: what the field registry's labels
/// of its figures say ([`fields::field`] reads it from the same scenario).
fn site_name(scenarios: &[&Scenario], i: usize) -> String {
    scenarios
        .iter()
        .find_map(|s| s.energy.sites.get(i))
        .map_or_else(|| format!("Site {}", i + 1), |x| x.name.clone())
}

/// What users call the field with this id, as the first scenario that has it labels it.
fn input_label(scenarios: &[&Scenario], id: &str) -> String {
    scenarios.iter().find_map(|s| fields::field(s, id)).map_or_else(|| id.to_owned(), |f| f.label)
}

/// A delivery schedule in a line: "10 %, 40 %, 80 % in months 1–3, then 100 %", or the linear
/// ramp when there is none.
fn schedule_text(schedule: &[crate::units::Fraction], pct: &dyn Fn(f64) -> String) -> String {
    let shares: Vec<String> = schedule.iter().map(|f| pct(f.value())).collect();
    match shares.len() {
        0 => "none (a linear ramp)".to_owned(),
        1 => format!("{} in month 1, then 100 %", shares[0]),
        n => format!("{} in months 1–{n}, then 100 %", shares.join(", ")),
    }
}

/// A site's sources in a line, each with its capacity as its field shows it: "Grid import
/// 604 MW, Gas, simple-cycle turbines 996.6 MW".
fn supply_text(site: &crate::energy::SiteSupply, num: &dyn Fn(f64, f64) -> String) -> String {
    let capacity =
        SOURCE_FIELDS.iter().find(|f| f.key == "capacity_mw").expect("every source has a capacity");
    if site.sources.is_empty() {
        return "no sources".to_owned();
    }
    site.sources
        .iter()
        .map(|x| {
            let mw = in_unit(&num(x.capacity_mw() / capacity.scale, capacity.step), capacity.unit);
            format!("{} {mw}", x.kind().label())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The range simulated for input `id` of `s`, in its field's units: "$2.50 to $4.50 / MMBtu,
/// most likely $3.10 / MMBtu".
fn range_text(
    s: &Scenario,
    id: &str,
    dist: &Dist,
    num: &dyn Fn(f64, f64) -> String,
    pct: &dyn Fn(f64) -> String,
) -> String {
    let (unit, scale, step) = fields::field(s, id).map_or(("", 1.0, 1e-4), |f| (f.unit, f.scale, f.step));
    let n = |v: f64| num(v / scale, step);
    let one = |v: f64| in_unit(&n(v), unit);
    let range = |a: f64, b: f64| range_in_unit(&n(a), &n(b), " to ", unit);
    match dist {
        Dist::Fixed { value } => format!("fixed at {}", one(*value)),
        Dist::Uniform { low, high } => format!("{}, evenly", range(*low, *high)),
        Dist::Triangular { low, mode, high } => format!("{}, most likely {}", range(*low, *high), one(*mode)),
        Dist::Normal { mean, sd, low, high } => {
            let cut = match (low, high) {
                (Some(a), Some(b)) => format!(", within {}", range(*a, *b)),
                (Some(a), None) => format!(", not below {}", one(*a)),
                (None, Some(b)) => format!(", not above {}", one(*b)),
                (None, None) => String::new(),
            };
            format!("normal, mean {}, standard deviation {}{cut}", one(*mean), one(*sd))
        }
        Dist::Lognormal { p5, p95 } => format!("lognormal, 90 % of draws {}", range(*p5, *p95)),
        Dist::Discrete { values, weights } => {
            let total: f64 = weights.iter().sum();
            values
                .iter()
                .zip(weights)
                .map(|(v, w)| format!("{} ({})", one(*v), pct(if total > 0.0 { w / total } else { 0.0 })))
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// Every leaf of `v` with its dotted path. An energy source's kind tag is folded into a leaf of
/// its own (`energy.sites.0.sources.1` = "gas") so its fields keep the paths validation and the
/// field registry use.
fn leaves(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match v {
        Value::Object(map) if is_source(&path) && map.len() == 1 => {
            let (tag, inner) = map.iter().next().expect("one entry");
            out.push((path.clone(), Value::String(tag.clone())));
            leaves(inner, path, out);
        }
        Value::Object(map) => {
            for (k, x) in map {
                leaves(x, join(k), out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                leaves(x, join(&i.to_string()), out);
            }
        }
        _ => out.push((path, v.clone())),
    }
}

/// Whether `path` is one energy source (`energy.sites.N.sources.M`).
fn is_source(path: &str) -> bool {
    let parts: Vec<&str> = path.split('.').collect();
    matches!(parts.as_slice(), ["energy", "sites", _, "sources", _])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::YearMonth;
    use crate::energy::{Source, SourceKind};
    use crate::presets::PRESETS;
    use crate::uncertainty::{Correlation, UncertainInput};
    use crate::units::Fraction;

    fn row<'a>(d: &'a [Difference], path: &str) -> &'a Difference {
        d.iter().find(|r| r.path == path).unwrap_or_else(|| panic!("{path}: {d:#?}"))
    }

    #[test]
    fn differences_list_only_what_differs_in_the_units_users_see() {
        let a = Scenario::default();
        assert!(differences(&[&a, &a.clone()]).is_empty());
        let mut b = a.clone();
        b.name = "Other name".into();
        assert!(differences(&[&a, &b]).is_empty(), "names are not inputs");
        b.contract.ramp_delay_months = 6;
        b.contract.monthly_commitment.0 = 1.0e9;
        b.energy.sites[0].sources[1] = Source::new(SourceKind::Solar, 100.0);
        let d = differences(&[&a, &b]);
        assert_eq!(row(&d, "contract.ramp_delay_months").values, ["0", "6"]);
        let money = row(&d, "contract.monthly_commitment");
        assert_eq!(money.values, ["1.25", "1"], "shown in $B");
        assert!(money.label.contains("$B"), "{}", money.label);
        // A source of another kind: the site is compared as a whole supply, not source by
        // source (its second source's fields would be gas in one column and solar in the other).
        assert!(!d.iter().any(|r| r.path.starts_with("energy.sites.0.sources.")), "{d:?}");
        let supply = row(&d, "energy.sites.0.sources");
        assert_eq!(supply.label, format!("{} · Supply (each source's capacity)", a.energy.sites[0].name));
        assert_eq!(
            supply.values,
            [
                "Grid import 150 MW, Gas, simple-cycle turbines 247.5 MW, Battery storage 150 MW",
                "Grid import 150 MW, Solar PV 100 MW, Battery storage 150 MW"
            ]
        );
        assert!(d.iter().all(|r| r.values.len() == 2));
        // The same kinds with another capacity: compared field by field, labelled by its source.
        let mut c = a.clone();
        let Some(Source::Grid(grid)) = c.energy.sites[1].sources.first_mut() else {
            panic!("the default's first source is the grid")
        };
        grid.capacity_mw *= 2.0;
        let d = differences(&[&a, &c]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "energy.sites.1.sources.0.capacity_mw");
        assert!(d[0].label.contains("Grid"), "{}", d[0].label);
    }

    /// Whether `text` has a dotted path or a code in it: an underscore, or a dot between two
    /// letters ("contract.pricing"; "0.652" and "S-1, May" are not).
    fn raw(text: &str) -> bool {
        let c: Vec<char> = text.chars().collect();
        text.contains('_')
            || c.windows(3).any(|w| w[1] == '.' && w[0].is_ascii_alphabetic() && w[2].is_ascii_alphabetic())
    }

    /// The tester's comparisons: the default against every preset, and the presets against each
    /// other. Every row reads in words, every number to the digits its field shows.
    #[test]
    fn every_row_between_presets_reads_in_words_and_shown_digits() {
        let all: Vec<Scenario> = PRESETS.iter().map(crate::presets::Preset::scenario).collect();
        for a in &all {
            for b in &all {
                let pair = [a, b];
                for d in differences(&pair) {
                    assert!(!raw(&d.label), "{}: {}", d.path, d.label);
                    assert!(d.values.iter().all(|v| !raw(v)), "{} vs {}: {d:?}", a.name, b.name);
                    let Some(field) = pair.iter().find_map(|s| fields::field(s, &d.path)) else { continue };
                    for v in d.values.iter().filter(|v| *v != "—") {
                        let decimals = v.split_once('.').map_or(0, |(_, x)| x.len());
                        assert!(decimals <= shown_decimals(field.step), "{} vs {}: {d:?}", a.name, b.name);
                    }
                }
            }
        }
        let default = Scenario::default();
        let preset = |id: &str| crate::presets::by_id(id).expect("a preset").scenario();
        let campus = preset("own-1gw-campus");
        let d = differences(&[&default, &campus]);
        assert_eq!(row(&d, "contract.pricing").values, ["Fixed monthly commitment", "Price per GPU-hour"]);
        assert_eq!(row(&d, "contract.pricing").label, "Contract · Pricing basis");
        assert_eq!(row(&d, "energy.sites.0.sources.1.capacity_mw").values, ["247.5", "996.6"]);
        let mix = row(&d, "hardware.mix");
        assert_eq!(mix.label, "Hardware · Mix");
        assert_eq!(mix.values[0], "65.2 % NVIDIA H100, 21.7 % NVIDIA H200, 13.1 % NVIDIA GB200 NVL72");
        // The second site only one has: compared as a whole, named as its fields are.
        let gone = row(&d, "energy.sites.1.sources");
        assert_eq!(gone.label, "Site 2 · Supply (each source's capacity)");
        assert_eq!(gone.values[1], "—");
        assert!(row(&d, "energy.sites.1.latitude_deg").label.starts_with("Site 2 · "));
        assert!(!d.iter().any(|r| r.path.starts_with("hardware.mix.")), "one row for the mix: {d:?}");

        let three = preset("three-sites");
        let d = differences(&[&default, &three]);
        let sites = row(&d, "resilience.sites");
        assert_eq!(sites.label, "Resilience · Sites");
        assert_eq!(
            sites.values[1],
            "Abilene, TX: 33.3 %, US South Central; Phoenix, AZ: 33.3 %, no shared region; \
             Susquehanna, PA: 33.3 %, no shared region"
        );
        assert_eq!(row(&d, "energy.sites.1.name").values, ["Site 2", "Phoenix, AZ"]);
        // The third site comes after the second, not after everything else.
        let at = |p: &str| d.iter().position(|r| r.path == p).unwrap();
        assert!(at("energy.sites.2.sources") < at("facility.sites"), "{d:#?}");
        let supply = &row(&d, "energy.sites.2.sources").values;
        assert_eq!(supply[1], "Firm clean PPA (nuclear) 163 MW, Grid import 179 MW");
    }

    /// A scenario with every structure changed: each gets a row in words, none is left to its
    /// path.
    /// Two scenarios whose mix differs by less than the digits a share shows are not "the
    /// same": the row takes the decimals that tell them apart (a reviewer's case).
    #[test]
    fn rounding_never_hides_a_difference() {
        let a = Scenario::default();
        let mut b = a.clone();
        b.hardware.mix[0].share = Fraction(a.hardware.mix[0].share.value() + 0.0004);
        b.hardware.mix[1].share = Fraction(a.hardware.mix[1].share.value() - 0.0004);
        let d = differences(&[&a, &b]);
        let mix = row(&d, "hardware.mix");
        assert_ne!(mix.values[0], mix.values[1], "{mix:?}");
        assert!(mix.values[1].starts_with("65.24 % "), "{mix:?}");
        // A number: as many different texts as the values have, not the first that differs.
        let three = numbers(&[1.000_01, 1.000_02, 5.0], 1.0, 1.0).unwrap();
        assert_eq!(three, ["1.00001", "1.00002", "5"]);
        assert_eq!(numbers(&[2.0, 2.0], 1.0, 1.0), None);
        // A unit that says nothing or repeats the label is not written after it.
        let mut c = a.clone();
        c.facility.pue = 1.3;
        c.facility.sites = 3;
        let d = differences(&[&a, &c]);
        assert_eq!(row(&d, "facility.pue").label, "PUE (annual average)");
        assert!(!row(&d, "facility.sites").label.contains("(sites)"), "{d:?}");
    }

    #[test]
    fn every_structure_is_described_in_words() {
        let a = Scenario::default();
        let mut b = a.clone();
        b.contract.start = YearMonth::new(2027, 1).unwrap();
        b.contract.ramp_schedule = vec![Fraction(0.1), Fraction(0.4), Fraction(0.8)];
        let mut custom = b.hardware.catalog[0].clone();
        custom.id = "custom-1".into();
        custom.name = "Custom accelerator 1".into();
        b.hardware.catalog.push(custom);
        b.hardware.catalog[0].unit_price.0 = 30_000.0;
        b.hardware.catalog[0].source = "Our own quote".into();
        b.hardware.mix[2].available_from_month = 12;
        b.facility.cooling = crate::datacenter::Cooling::Immersion;
        b.energy.sites[1].name = "Abilene, TX".into();
        b.energy.sites[1].sources = SourceKind::ALL.iter().map(|&k| Source::new(k, 100.0)).collect();
        b.training.precision = crate::training::Precision::Fp8;
        b.training.run_size = crate::training::RunSize::ModelAndTokens;
        b.resilience.sites[1].region = String::new();
        b.resilience.sites[1].outages_per_year = 0.2;
        b.resilience.regions[0].mean_event_hours = 48.0;
        b.resilience.samples = 2000;
        b.resilience.seed = 7;
        let u = &mut b.uncertainty;
        u.enabled = true;
        u.samples = 500;
        u.seed = 3;
        u.inputs[0].dist = Dist::Normal { mean: 4.0, sd: 0.5, low: Some(2.0), high: None };
        u.inputs.push(UncertainInput {
            id: "energy.sites.0.sources.1.capacity_mw".into(),
            dist: Dist::Discrete { values: vec![200.0, 247.5], weights: vec![1.0, 3.0] },
        });
        let gas = u.inputs.last().unwrap().id.clone();
        u.correlations = vec![Correlation { a: u.inputs[0].id.clone(), b: gas, rank: 0.5 }];
        u.kpi = "npv-cost".into();
        u.threshold = Some(40e9);
        let pair = [&a, &b];

        // No value falls through to its path.
        let remixed = remixed_sites(&pair);
        for p in leaf_paths(&pair) {
            assert!(!matches!(row_of(&p, &remixed, &pair), Some(Row::Other(_))), "{p} has no row of its own");
        }
        let d = differences(&pair);
        for r in &d {
            assert!(!raw(&r.label), "{r:?}");
            assert!(r.values.iter().all(|v| !raw(v)), "{r:?}");
        }
        let values = |p: &str| row(&d, p).values.clone();
        assert_eq!(values("contract.start"), ["Jun 2026", "Jan 2027"]);
        assert_eq!(
            values("contract.ramp_schedule"),
            ["none (a linear ramp)", "10 %, 40 %, 80 % in months 1–3, then 100 %"]
        );
        assert!(values("hardware.mix")[1].ends_with("13.1 % NVIDIA GB200 NVL72 from month 12"));
        assert!(!d.iter().any(|r| r.path.starts_with("hardware.mix.")), "{d:?}");
        assert!(values("hardware.catalog")[1].ends_with(", Custom accelerator 1"));
        // The entry both have still compares figure by figure, as its field shows it.
        let price = row(&d, "hardware.catalog.0.unit_price");
        assert_eq!(
            (price.label.as_str(), price.values.clone()),
            ("NVIDIA H100 · Price ($K)", vec!["33.75".into(), "30".into()])
        );
        assert_eq!(row(&d, "hardware.catalog.0.source").label, "NVIDIA H100 · Source of figures");
        assert_eq!(values("facility.cooling"), ["Direct-to-chip liquid", "Immersion"]);
        assert_eq!(values("energy.sites.1.name"), ["Site 2", "Abilene, TX"]);
        assert!(values("energy.sites.1.sources")[1].contains("Gas, combined cycle 100 MW"));
        assert_eq!(values("training.precision"), ["BF16", "FP8"]);
        assert_eq!(values("training.run_size"), ["Compute budget (FLOP)", "Model size and tokens (6·N·D)"]);
        assert_eq!(
            values("resilience.sites")[1],
            "Site 1: 50 %, US South Central; Site 2: 50 %, no shared region"
        );
        assert_eq!(
            row(&d, "resilience.sites.1.outages_per_year").label,
            "Resilience · Site 2 · Outages (per year)"
        );
        assert_eq!(
            values("resilience.regions"),
            [
                "US South Central: 0.1 per year, 96 h each, 100 % of capacity lost",
                "US South Central: 0.1 per year, 48 h each, 100 % of capacity lost"
            ]
        );
        assert_eq!(values("resilience.samples"), ["10000", "2000"]);
        assert_eq!(values("resilience.seed"), ["1", "7"]);
        assert_eq!(values("uncertainty.enabled"), ["off", "on"]);
        assert_eq!(values("uncertainty.samples"), ["1000", "500"]);
        assert_eq!(values("uncertainty.seed"), ["42", "3"]);
        let first = &a.uncertainty.inputs[0].id;
        let range = row(&d, &format!("uncertainty.inputs.{first}"));
        assert!(range.label.starts_with("Uncertainty · ") && range.label.ends_with(" · Simulated range"));
        assert!(range.values[0].contains("most likely"), "{range:?}");
        assert!(range.values[1].starts_with("normal, mean "), "{range:?}");
        let gas = row(&d, "uncertainty.inputs.energy.sites.0.sources.1.capacity_mw");
        assert_eq!(gas.values, ["not simulated", "200 MW (25 %), 247.5 MW (75 %)"]);
        assert!(gas.label.contains("Gas, simple-cycle turbines · Capacity"), "{}", gas.label);
        let pairs = values("uncertainty.correlations");
        assert_eq!(pairs[0], "none");
        assert_eq!(pairs[1], "Gas price and Site 1 · Gas, simple-cycle turbines · Capacity: 0.5");
        assert_eq!(values("uncertainty.kpi")[1], crate::kpis::kpi("npv-cost").unwrap().1.label);
        assert_eq!(values("uncertainty.threshold"), ["none (the point estimate)", "$40B"]);
    }
}
