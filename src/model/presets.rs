//! Whole-scenario presets: the reported deal and the ways executives compare it, each with a
//! description and the sources behind what it changes. The UI's preset picker lists these; the
//! scenario's name is the preset's, so a reopened link knows which preset it started from.

use super::energy::presets::EnergyPreset;

use super::resilience::Resilience;
use super::scenario::{PricingBasis, Scenario};
use super::sources::{self, Citation};
use super::units::{Fraction, UsdPerGpuHour};
use super::{contract, datacenter};

/// A named starting point.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// Stable id (URL- and test-friendly).
    pub id: &'static str,
    /// The name given to the scenario and shown above the results.
    pub name: &'static str,
    /// The header picker's label: a few words, so the chosen one shows in full beside the
    /// header's buttons (the full name is under the title and above the results).
    pub short: &'static str,
    /// What it is and what to look at, in a sentence or two.
    pub description: &'static str,
    /// Where the figures it changes come from (the default's inputs carry their own).
    pub sources: &'static [&'static Citation],
    build: fn() -> Scenario,
}

impl Preset {
    /// The preset's scenario, named after it.
    pub fn scenario(&self) -> Scenario {
        let mut s = (self.build)();
        self.name.clone_into(&mut s.name);
        s
    }
}

/// Every preset, in picker order; the first is the default.
pub static PRESETS: &[Preset] = &[
    Preset {
        id: "deal",
        name: "Reported lab–provider deal (S-1, May 2026)",
        short: "Reported deal",
        description: "$1.25B a month for 36 months (≈$45B) for about 325,000 GPUs at an integrated provider with \
                      its own turbines and batteries beside the grid.",
        sources: &[&sources::DEAL_MONTHLY, &sources::DEAL_TERM, &sources::DEAL_GPUS, &sources::SITE_POWER],
        build: Scenario::default,
    },
    Preset {
        id: "hyperscaler-on-demand",
        name: "Same GPUs, hyperscaler on-demand",
        short: "Cloud on-demand",
        description: "The deal's GPU count rented at the hyperscaler on-demand list price for its compute (the \
                      H100-class price × the H100-class hours that match a GPU-hour of the default mix, as the \
                      comparison rents; fixed when the preset is chosen), with no commitment and no notice: leave at any time. Charged on the contracted GPU-hours under the \
                      deal's SLA, it pays for the 0.5 % of hours the SLA lets go undelivered without a credit, so \
                      it costs slightly more per delivered hour than the comparison's on-demand row, which pays \
                      for delivered hours only.",
        sources: &[&sources::ON_DEMAND_H100],
        build: || {
            let mut s = Scenario::default();
            let k = s.hardware.h100_equivalents();
            let c = &mut s.contract;
            c.pricing = PricingBasis::PerGpuHour;
            c.price_per_gpu_hour = UsdPerGpuHour(s.alternatives.hyperscaler_on_demand.value() * k);
            c.take_or_pay = Fraction(0.0);
            c.termination.earliest_notice_month = 0;
            c.termination.notice_days = 0;
            s
        },
    },
    Preset {
        id: "hyperscaler-reserved",
        name: "Same GPUs, hyperscaler 3-year reserved",
        short: "Cloud reserved",
        description: "The deal's GPU count on a three-year reserved commitment at the hyperscaler's reserved \
                      discount off the on-demand price for the default mix's compute (as the comparison rents; fixed \
                      when the preset is chosen): committed for the whole term with no early exit, priced per GPU-hour.",
        sources: &[&sources::ON_DEMAND_H100, &sources::RESERVED_3YR],
        build: || {
            let mut s = Scenario::default();
            let od = s.alternatives.hyperscaler_on_demand.value() * s.hardware.h100_equivalents();
            let c = &mut s.contract;
            c.pricing = PricingBasis::PerGpuHour;
            c.price_per_gpu_hour = UsdPerGpuHour(od * (1.0 - s.alternatives.reserved_3yr_discount.value()));
            // A reservation runs its term: no notice to leave early.
            c.termination.earliest_notice_month = c.term_months;
            s
        },
    },
    Preset {
        id: "own-1gw-campus",
        name: "Build your own 1 GW campus",
        short: "Own 1 GW site",
        description: "One site of 500,000 GB200 (1.75 kW of IT each at PUE 1.10: about 1 GW), powered in the reported \
                      site's proportions. The contract row rents it at the deal's rate per delivered GPU-hour (no \
                      take-or-pay) from a provider building the same campus. Read the Build-your-own row against the \
                      rentals: it builds in 4 months, the fastest reported (xAI's first Colossus hall, 122 days), and \
                      both it and the contract rent what is not yet built; 18–24 months is typical, so set a longer \
                      construction time (and the grid's interconnection time) under Datacenter to see it.",
        sources: &[&sources::GB200_KW_PER_GPU, &sources::ABILENE_CAMPUS, &sources::DEAL_RATE_DERIVED, &sources::BUILD_TIME],
        build: || {
            let mut s = Scenario::default();
            s.contract.pricing = PricingBasis::PerGpuHour;
            // Billed as delivered: the provider builds the same campus, and the lab pays nothing
            // for the months before it stands (it rents meanwhile, as building your own does).
            s.contract.take_or_pay = Fraction(0.0);
            s.contract.gpus = 500_000;
            s.hardware.mix.truncate(1);
            "gb200".clone_into(&mut s.hardware.mix[0].accelerator);
            s.hardware.mix[0].share = Fraction(1.0);
            s.facility.sites = 1;
            s.facility.site_power_cap_mw = 1000.0;
            // A new campus is not there on day one: the fastest reported build (BUILD_TIME).
            s.facility.construction_months = 4;
            s.energy.resize_sites(1);
            // The reported site's supply scaled by the campus's peak load over that site's
            // (turbines for 102 % of the peak, grid and 2-hour batteries for 62 %).
            s.energy.sites[0].sources = crate::energy::presets::EnergyPreset::DealSite.sources(site_peak(&s));
            // One campus: one site's outages and its region's storms take the whole fleet.
            s.resilience = Resilience::deal_default(1);
            // Named alike in the energy panel and the resilience layout (more sites are "Site 2", …).
            "Campus".clone_into(&mut s.resilience.sites[0].name);
            "Campus".clone_into(&mut s.energy.sites[0].name);
            s
        },
    },
    Preset {
        id: "gas-islanded",
        name: "Deal on gas-islanded sites",
        short: "Gas-islanded",
        description: "The deal with both sites off the grid on reciprocating gas engines, each site with enough spare \
                      engines to be short in at most 0.1 % of hours: no grid connection to wait for, but every hour \
                      rides on the gas price.",
        sources: &[&sources::INTERCONNECT_TIME],
        build: || energy_variant(&[EnergyPreset::GasIslanded]),
    },
    Preset {
        id: "solar-storage-gas",
        name: "Deal on solar + storage + gas backup",
        short: "Solar + storage",
        description: "The deal with each site on twice its peak in solar, its peak in 4-hour batteries and gas \
                      engines for the nights and cloudy weeks.",
        sources: &[],
        build: || energy_variant(&[EnergyPreset::SolarStorageGas]),
    },
    Preset {
        id: "nuclear-ppa",
        name: "Deal on a nuclear PPA",
        short: "Nuclear PPA",
        description: "The deal with each site's load under a firm nuclear power-purchase agreement, the grid as \
                      backup: carbon-free and firm at a premium price.",
        sources: &[],
        build: || energy_variant(&[EnergyPreset::NuclearPpa]),
    },
    Preset {
        id: "three-sites",
        name: "Three-site decentralised portfolio",
        short: "Three sites",
        description: "The deal's 600 MW of site capacity split across three 200 MW sites with different supplies \
                      (gas-islanded in Texas, solar + storage + gas in Arizona, nuclear + grid in Pennsylvania), so \
                      no single site or fuel carries the whole fleet.",
        sources: &[&sources::SITE_POWER],
        build: || {
            let mut s = Scenario::default();
            s.facility.sites = 3;
            s.facility.site_power_cap_mw = 200.0;
            s.energy.resize_sites(3);
            for (site, (name, latitude)) in
                s.energy.sites.iter_mut().zip([("Abilene, TX", 32.4), ("Phoenix, AZ", 33.4), ("Susquehanna, PA", 41.1)])
            {
                name.clone_into(&mut site.name);
                site.latitude_deg = latitude;
            }
            supply_each_site(
                &mut s,
                &[EnergyPreset::GasIslanded, EnergyPreset::SolarStorageGas, EnergyPreset::NuclearPpa],
            );
            // A third of the fleet each; only the Texas site is in the winter-storm region.
            s.resilience = Resilience::deal_default(3);
            for (i, site) in s.resilience.sites.iter_mut().enumerate() {
                s.energy.sites[i].name.clone_into(&mut site.name);
                if i > 0 {
                    site.region.clear();
                }
            }
            s
        },
    },
];

/// The preset with this id.
pub fn by_id(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The preset a scenario was started from, by its name (the default's when none matches).
pub fn of(s: &Scenario) -> &'static Preset {
    PRESETS.iter().find(|p| p.name == s.name).unwrap_or(&PRESETS[0])
}

/// The deal with every site on `kinds` (cycled over the sites).
fn energy_variant(kinds: &[EnergyPreset]) -> Scenario {
    let mut s = Scenario::default();
    supply_each_site(&mut s, kinds);
    s
}

/// Each site's peak facility load, MW.
fn site_peak(s: &Scenario) -> f64 {
    let planned = contract::evaluate(&s.contract);
    let dc = datacenter::evaluate(&s.hardware, &s.facility, &planned, s.energy.seasons());
    dc.totals.peak_facility_mw / f64::from(s.facility.sites.max(1))
}

/// Gives site i the supply `kinds[i % len]`, sized to that site's peak load.
fn supply_each_site(s: &mut Scenario, kinds: &[EnergyPreset]) {
    let peak = site_peak(s);
    for (i, site) in s.energy.sites.iter_mut().enumerate() {
        site.sources = kinds[i % kinds.len()].sources(peak);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, validate};

    #[test]
    fn every_preset_is_valid_named_distinct_and_described() {
        let scenarios: Vec<Scenario> = PRESETS.iter().map(Preset::scenario).collect();
        for (p, s) in PRESETS.iter().zip(&scenarios) {
            assert_eq!(validate::problems(s), vec![], "{}", p.id);
            assert_eq!(of(s).id, p.id, "the name finds the preset");
            assert!(p.description.len() > 60, "{}", p.id);
            assert!(evaluate(s).is_ok());
            assert_eq!(by_id(p.id).map(|q| q.name), Some(p.name));
            // The picker is ~120 px wide from 861 to 1280 px (the browser test measures it).
            assert!(p.short.chars().count() <= 15, "{}: {:?} is long for the picker", p.id, p.short);
        }
        let mut shorts: Vec<&str> = PRESETS.iter().map(|p| p.short).collect();
        shorts.sort_unstable();
        shorts.dedup();
        assert_eq!(shorts.len(), PRESETS.len(), "picker labels tell the presets apart");
        for i in 0..scenarios.len() {
            for j in i + 1..scenarios.len() {
                let (mut a, mut b) = (scenarios[i].clone(), scenarios[j].clone());
                a.name.clear();
                b.name.clear();
                assert_ne!(a, b, "{} and {} are the same scenario", PRESETS[i].id, PRESETS[j].id);
            }
        }
        assert_eq!(PRESETS[0].scenario(), Scenario::default());
    }

    #[test]
    fn presets_change_what_they_say() {
        let deal = evaluate(&Scenario::default()).unwrap();
        let on_demand = evaluate(&by_id("hyperscaler-on-demand").unwrap().scenario()).unwrap();
        // $6.90 an H100-class hour × 1.20 for the mix's compute × contracted GPU-hours (the deal
        // delivers in full from the first month), as the comparison's on-demand row rents.
        let k = 0.869 + 0.131 * 2500.0 / 989.0;
        let want = 6.90 * k * deal.contract.totals.contracted_gpu_hours.value();
        assert!((on_demand.contract.totals.nominal_cost.value() - want).abs() < 1e-6 * want);
        let reserved = evaluate(&by_id("hyperscaler-reserved").unwrap().scenario()).unwrap();
        let row = |r: &crate::Report, o| {
            r.alternatives.options.iter().find(|x| x.option == o).map(|x| x.usd_per_gpu_hour)
        };
        let reserved_row = row(&deal, crate::alternatives::Choice::Reserved3Yr).unwrap().value();
        assert!(
            (reserved.contract.totals.usd_per_delivered_gpu_hour.value() / reserved_row - 1.0).abs() < 0.01
        );
        assert!(reserved.contract.totals.earliest_exit.is_none(), "a reservation cannot be left early");
        let campus = evaluate(&by_id("own-1gw-campus").unwrap().scenario()).unwrap();
        let campus_mw = campus.datacenter.totals.peak_facility_mw;
        assert!((900.0..=1000.0).contains(&campus_mw), "{campus_mw}");
        assert!(!campus.datacenter.months.iter().any(|m| m.power_limited));
        // Powered in the reported site's proportions to its peak load, so, like that site, every
        // hour is served.
        let site_peak = deal.datacenter.totals.peak_facility_mw / 2.0;
        let campus_s = by_id("own-1gw-campus").unwrap().scenario();
        let reported = &Scenario::default().energy.sites[0].sources;
        assert_eq!(campus_s.energy.sites[0].sources.len(), reported.len());
        for (c, r) in campus_s.energy.sites[0].sources.iter().zip(reported) {
            assert_eq!(c.kind(), r.kind());
            let (ours, theirs) = (c.capacity_mw() / campus_mw, r.capacity_mw() / site_peak);
            assert!((ours - theirs).abs() < 0.005, "{:?}: {ours} vs {theirs}", c.kind());
        }
        assert!(deal.energy.totals.unserved_mwh.abs() < 1e-9);
        assert!(campus.energy.totals.unserved_mwh.abs() < 1e-9, "{}", campus.energy.totals.unserved_mwh);
        // Built in 4 of the 36 months: the build-your-own row rents about the first 4 months' hours.
        let own =
            campus.alternatives.options.iter().find(|o| o.option == crate::alternatives::Choice::BuildOwn);
        let own = own.expect("a build-your-own row");
        assert!(own.rents_part() && (0.85..0.92).contains(&own.own_share), "{}", own.own_share);
        let island = evaluate(&by_id("gas-islanded").unwrap().scenario()).unwrap();
        // All gas: more carbon per kWh than the grid it leaves (367 g/kWh); spares keep each
        // site fully powered in about 99.9 % of hours (at most 0.1 % at the peak load).
        let grid_g_per_kwh = match &Scenario::default().energy.sites[0].sources[0] {
            crate::energy::Source::Grid(g) => g.carbon_g_per_kwh,
            _ => unreachable!("the reported site's first source is its grid"),
        };
        assert!(island.energy.totals.g_co2_per_kwh > grid_g_per_kwh);
        let powered = island.energy.totals.fully_powered_share.value();
        assert!((0.997..1.0).contains(&powered), "{powered}");
        let nuclear = evaluate(&by_id("nuclear-ppa").unwrap().scenario()).unwrap();
        assert!(nuclear.energy.totals.g_co2_per_kwh < 0.2 * deal.energy.totals.g_co2_per_kwh);
        let three = by_id("three-sites").unwrap().scenario();
        assert_eq!(three.energy.sites.len(), 3);
        assert!(evaluate(&three).unwrap().datacenter.totals.peak_facility_mw <= 600.0);
        // Spreading buys resilience: one campus loses half the fleet far more often than three
        // sites of which one shares the storm region, and more often than the deal's two sites.
        let below_half = |s: &Scenario| {
            let mut s = s.clone();
            s.resilience.samples = 4_000;
            crate::resilience::simulate(&s).unwrap().of(crate::resilience::Layout::AsPlanned).p_below[9]
        };
        let one = below_half(&by_id("own-1gw-campus").unwrap().scenario());
        let two = below_half(&Scenario::default());
        let spread = below_half(&three);
        assert!(spread < two / 5.0 && two < one, "{spread} {two} {one}");
    }
}
