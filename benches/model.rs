//! Native benchmarks of every model entry point on the default scenario and on a large one
//! (5-year term, 8 accelerator types, 10 sites over 3 resilience regions, a 24-month schedule). Run with
//! `cargo bench --bench model`; results are recorded in BENCHMARKS.md.
// criterion_group! generates a public function we cannot document.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use deal_explorer::model::hardware::MixRow;
use deal_explorer::model::uncertainty::Simulation;
use deal_explorer::model::units::Fraction;
use deal_explorer::model::{
    alternatives, codec, contract, datacenter, energy, evaluate, link, resilience, sensitivity, training,
    Scenario,
};
use deal_explorer::peer;

fn large() -> Scenario {
    let mut s = Scenario::default();
    s.contract.term_months = 60;
    s.contract.ramp_schedule = (1..=24).map(|m| Fraction(f64::from(m) / 24.0)).collect();
    s.contract.ramp_delay_months = 3;
    s.hardware.mix = s
        .hardware
        .catalog
        .iter()
        .enumerate()
        .map(|(i, a)| MixRow {
            accelerator: a.id.clone(),
            share: Fraction(0.125),
            available_from_month: i as u32 * 3,
        })
        .collect();
    deal_explorer::model::inputs::input("facility.sites").expect("registry input").set(&mut s, 10.0);
    s.facility.site_power_cap_mw = 80.0;
    // Every kind of source at every site.
    for site in &mut s.energy.sites {
        site.sources.extend([
            energy::Source::new(energy::SourceKind::Solar, 60.0),
            energy::Source::new(energy::SourceKind::Wind, 40.0),
            energy::Source::new(energy::SourceKind::FirmPpa, 20.0),
        ]);
    }
    // Ten sites or providers over three regions, 10,000 draws of each layout.
    s.resilience = resilience::Resilience::deal_default(10);
    let mut regions = s.resilience.regions.clone();
    for (i, name) in ["Texas (ERCOT)", "Pacific Northwest"].into_iter().enumerate() {
        let mut r = regions[0].clone();
        name.clone_into(&mut r.name);
        r.events_per_year = 0.2 + 0.1 * i as f64;
        regions.push(r);
    }
    for (i, site) in s.resilience.sites.iter_mut().enumerate() {
        site.region.clone_from(&regions[i % 3].name);
    }
    s.resilience.regions = regions;
    s
}

fn benches(c: &mut Criterion) {
    for (name, s) in [("default", Scenario::default()), ("large", large())] {
        assert!(evaluate(&s).is_ok(), "{name} scenario is valid");
        c.bench_function(&format!("evaluate/{name}"), |b| b.iter(|| evaluate(black_box(&s)).unwrap()));
        let r = contract::evaluate(&s.contract);
        c.bench_function(&format!("contract/{name}"), |b| {
            b.iter(|| contract::evaluate(black_box(&s.contract)));
        });
        c.bench_function(&format!("datacenter/{name}"), |b| {
            b.iter(|| datacenter::evaluate(black_box(&s.hardware), &s.facility, &r, s.energy.seasons()));
        });
        let dc = datacenter::evaluate(&s.hardware, &s.facility, &r, s.energy.seasons());
        c.bench_function(&format!("energy_dispatch/{name}"), |b| {
            b.iter(|| energy::evaluate(black_box(&s.energy), &dc));
        });
        let e = energy::evaluate(&s.energy, &dc);
        c.bench_function(&format!("alternatives/{name}"), |b| {
            b.iter(|| {
                alternatives::compare(black_box(&s.contract), &r, &s.alternatives, &dc, &e, &s.hardware)
            });
        });
        let cmp = alternatives::compare(&s.contract, &r, &s.alternatives, &dc, &e, &s.hardware);
        c.bench_function(&format!("training/{name}"), |b| {
            b.iter(|| {
                training::evaluate(black_box(&s.training), &s.contract, &s.hardware, &r, &dc, &e, &cmp)
            });
        });
        let power = deal_explorer::model::contract_power(&dc, &e);
        c.bench_function(&format!("sensitivity/{name}"), |b| {
            b.iter(|| sensitivity::contract_drivers(black_box(&s), &power));
        });
        let text = codec::to_json_pretty(&s);
        c.bench_function(&format!("parse_json/{name}"), |b| {
            b.iter(|| codec::parse_json(black_box(&text)).unwrap());
        });
        let url = link::encode(&s);
        c.bench_function(&format!("link_encode/{name}"), |b| b.iter(|| link::encode(black_box(&s))));
        c.bench_function(&format!("resilience/{name}"), |b| {
            b.iter(|| resilience::simulate(black_box(&s)).unwrap());
        });
        c.bench_function(&format!("link_decode/{name}"), |b| {
            b.iter(|| link::decode(black_box(&url)).unwrap());
        });
        // The Monte Carlo of the whole model (each sample a whole evaluation, the hourly dispatch
        // included) with the five sourced default ranges: 10 samples an iteration (×100 for 1k).
        let sim = Simulation::new(&s).unwrap();
        c.bench_function(&format!("monte_carlo_10/{name}"), |b| b.iter(|| sim.run(0, black_box(10))));
    }
    // The peer benchmark's model (shared/peer), one thread: per 1k and per 100k samples.
    for n in [1_000, 100_000] {
        c.bench_function(&format!("peer/{n}"), |b| b.iter(|| peer::run(black_box(n), 42)));
    }
}

criterion_group! {
    name = model;
    config = Criterion::default().sample_size(40).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = benches
}
criterion_main!(model);
