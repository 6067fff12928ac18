//! Ready-made supplies for a site, sized to its peak load. Sizing rules (DESIGN.md §Energy):
//! gas engines with enough spare units that more are down at once in at most 0.1 % of hours
//! ([`spare_units`]), grid connections with 10 % headroom, solar+storage sites with twice the
//! peak in solar and the peak in 4-hour batteries.

use super::{Battery, Gas, GasTechnology, Grid, SiteSupply, Source, SourceKind};
use crate::units::{Fraction, UsdPerKw, UsdPerKwh, UsdPerMwh};

/// The supply presets users can apply to a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnergyPreset {
    /// Like the reported provider's site: grid, on-site turbines, batteries.
    DealSite,
    /// Everything from the grid.
    GridOnly,
    /// No grid: reciprocating gas engines with spares for 99.9 % of hours.
    GasIslanded,
    /// Solar and batteries first, gas engines as backup, no grid.
    SolarStorageGas,
    /// A firm nuclear PPA for the load, the grid as backup.
    NuclearPpa,
}

impl EnergyPreset {
    /// Every preset, in picker order.
    pub const ALL: [Self; 5] =
        [Self::DealSite, Self::GridOnly, Self::GasIslanded, Self::SolarStorageGas, Self::NuclearPpa];

    /// A display name.
    pub const fn label(self) -> &'static str {
        match self {
            Self::DealSite => "Provider-style: grid + turbines + batteries",
            Self::GridOnly => "Grid only",
            Self::GasIslanded => "Gas-islanded (no grid)",
            Self::SolarStorageGas => "Solar + storage + gas backup",
            Self::NuclearPpa => "Nuclear PPA + grid backup",
        }
    }

    /// A short name for chart axes.
    pub const fn short_label(self) -> &'static str {
        match self {
            Self::DealSite => "Provider-style",
            Self::GridOnly => "Grid only",
            Self::GasIslanded => "Gas island",
            Self::SolarStorageGas => "Solar+storage+gas",
            Self::NuclearPpa => "Nuclear+grid",
        }
    }

    /// A stable id for forms and tests.
    pub const fn id(self) -> &'static str {
        match self {
            Self::DealSite => "deal",
            Self::GridOnly => "grid",
            Self::GasIslanded => "gas_island",
            Self::SolarStorageGas => "solar_storage_gas",
            Self::NuclearPpa => "nuclear",
        }
    }

    /// The preset with this id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The sources of this preset for a site whose load peaks at `peak_mw`.
    pub fn sources(self, peak_mw: f64) -> Vec<Source> {
        let peak = peak_mw.max(1.0);
        let engines = || {
            let unit = GasTechnology::Reciprocating.unit_mw();
            let needed = (peak / unit).ceil() as u32;
            let mut engines = Source::new(SourceKind::GasReciprocating, 0.0);
            if let Source::Gas(g) = &mut engines {
                g.units = needed + spare_units(needed, g.forced_outage_rate.value(), SHORT_HOURS);
                g.capacity_mw = f64::from(g.units) * unit;
            }
            engines
        };
        match self {
            // The reported site's supply in its proportions to its peak load, in whole typical
            // units ([`Source::split`]): as it is at the reported peak, or with no load yet.
            Self::DealSite => {
                let sources = deal_site(0).sources;
                if peak_mw > 0.0 && peak_mw != REPORTED_SITE_PEAK_MW {
                    sources.iter().map(|s| s.split(peak_mw / REPORTED_SITE_PEAK_MW)).collect()
                } else {
                    sources
                }
            }
            Self::GridOnly => vec![Source::new(SourceKind::Grid, (peak * 1.1).ceil())],
            Self::GasIslanded => vec![engines()],
            Self::SolarStorageGas => vec![
                Source::new(SourceKind::Solar, (2.0 * peak).ceil()),
                Source::new(SourceKind::Battery, peak.ceil()),
                engines(),
            ],
            Self::NuclearPpa => vec![
                Source::new(SourceKind::FirmPpa, peak.ceil()),
                Source::new(SourceKind::Grid, (peak * 1.1).ceil()),
            ],
        }
    }
}

/// The share of hours in which a preset's gas engines may fall short: more units down at once
/// than it has spare (a design target of 99.9 % of hours fully powered at the peak load).
pub const SHORT_HOURS: f64 = 1e-3;

/// The fewest spare units (at least two) for `needed` units, each down a share `q` of the time
/// independently, so that more than the spares are down at once with probability at most
/// `target`: the binomial tail `P(X > k) ≤ target`, `X ~ Bin(needed + k, q)`. Two spares
/// flat, the rule before 2026-12-01, left a 16-engine site short in 4 % of hours at the
/// default 5 % forced-outage rate (both sites together fully powered in 91 % of the term's
/// hours), and a 1 GW one (57 engines) fully powered in only 69 % of the term's hours.
pub fn spare_units(needed: u32, q: f64, target: f64) -> u32 {
    // A NaN rate counts as none; the search stops at four times the units needed, at most
    // 10,000 spares (a site too large or a rate too high to meet the target gets that many).
    let q = if q.is_nan() { 0.0 } else { q.clamp(0.0, 0.999) };
    let most = needed.max(2).saturating_mul(4).min(10_000);
    (2..=most)
        .find(|&k| {
            let n = needed.saturating_add(k);
            // P(X ≤ k), term by term: C(n, j) q^j (1 − q)^(n − j) (0 once (1 − q)^n underflows,
            // past thousands of units: no spares then meet the target).
            let mut term = (1.0 - q).powi(i32::try_from(n).unwrap_or(i32::MAX));
            let mut at_most = term;
            for j in 0..k {
                term *= f64::from(n - j) / f64::from(j + 1) * q / (1.0 - q);
                at_most += term;
            }
            1.0 - at_most <= target
        })
        .unwrap_or(most)
}

/// The reported deal's peak facility load per site, MW (the default scenario's 486.7499 MW over
/// its two sites): the load [`deal_site`]'s supply was reported for. A test checks it against
/// the default scenario.
pub const REPORTED_SITE_PEAK_MW: f64 = 486.7499 / 2.0;

/// The reported provider's first site ([`super::sources::SITE_GRID`],
/// [`super::sources::SITE_TURBINES`], [`super::sources::SITE_BATTERY`]), as site `index`.
pub fn deal_site(index: usize) -> SiteSupply {
    SiteSupply {
        name: format!("Site {}", index + 1),
        // Memphis, Tennessee.
        latitude_deg: 35.1,
        sources: vec![
            Source::Grid(Grid { capacity_mw: 150.0, ..grid_defaults() }),
            Source::Gas(Gas {
                technology: GasTechnology::SimpleCycle,
                capacity_mw: 247.5,
                units: 15,
                heat_rate: 10.0,
                variable_om: UsdPerMwh(5.0),
                fixed_om_per_kw_year: UsdPerKw(15.0),
                capex_per_kw: UsdPerKw(2400.0),
                forced_outage_rate: Fraction(0.05),
                repair_hours: 48.0,
                life_years: 20,
                online_month: 0,
            }),
            Source::Battery(Battery {
                capacity_mw: 150.0,
                hours: 2.0,
                round_trip_efficiency: Fraction(0.86),
                capex_per_kwh: UsdPerKwh(300.0),
                reserve_share: Fraction(0.5),
                life_years: 15,
                online_month: 0,
            }),
        ],
    }
}

fn grid_defaults() -> Grid {
    match Source::new(SourceKind::Grid, 0.0) {
        Source::Grid(g) => g,
        _ => unreachable!("Source::new(Grid) is a grid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `P(X > k)` for `X ~ Bin(n, q)`, summed from the top with each coefficient as a product.
    fn tail(n: u32, k: u32, q: f64) -> f64 {
        (k + 1..=n)
            .map(|j| {
                let c: f64 = (0..j).map(|i| f64::from(n - i) / f64::from(i + 1)).product();
                c * q.powf(f64::from(j)) * (1.0 - q).powf(f64::from(n - j))
            })
            .sum()
    }

    #[test]
    fn engines_get_the_fewest_spares_that_meet_the_target() {
        for needed in [1, 14, 57, 200] {
            for q in [0.0, 0.02, 0.05, 0.2] {
                let k = spare_units(needed, q, SHORT_HOURS);
                assert!(tail(needed + k, k, q) <= SHORT_HOURS, "{needed} {q}: {k}");
                assert!(k == 2 || tail(needed + k - 1, k - 1, q) > SHORT_HOURS, "{needed} {q}: {k}");
            }
        }
        // A NaN rate is none; a huge site or a near-certain outage ends the search.
        assert_eq!(spare_units(14, f64::NAN, SHORT_HOURS), 2);
        assert_eq!(spare_units(u32::MAX, 0.05, SHORT_HOURS), 10_000);
        assert_eq!(spare_units(10, 0.999, SHORT_HOURS), 40);
        // The default islanded site (243 MW, 14 engines at 5 %) gets five spares, not two.
        assert_eq!(spare_units(14, 0.05, SHORT_HOURS), 5);
        let Source::Gas(g) = &EnergyPreset::GasIslanded.sources(243.0)[0] else { panic!("engines") };
        assert_eq!((g.units, g.capacity_mw), (19, 19.0 * 18.0));
    }

    #[test]
    fn the_provider_style_supply_follows_the_sites_peak() {
        let s = crate::Scenario::default();
        let planned = crate::contract::evaluate(&s.contract);
        let dc = crate::datacenter::evaluate(&s.hardware, &s.facility, &planned, s.energy.seasons());
        assert_eq!(dc.totals.peak_facility_mw / f64::from(s.facility.sites), REPORTED_SITE_PEAK_MW);
        // At the reported peak (or with no load yet), the reported site; at four times it, four
        // times its plant in 60 turbines of the same size; a hair above it, still 15.
        assert_eq!(EnergyPreset::DealSite.sources(REPORTED_SITE_PEAK_MW), deal_site(0).sources);
        assert_eq!(EnergyPreset::DealSite.sources(0.0), deal_site(0).sources);
        let big = EnergyPreset::DealSite.sources(4.0 * REPORTED_SITE_PEAK_MW);
        for (b, r) in big.iter().zip(&deal_site(0).sources) {
            assert_eq!(b.kind(), r.kind());
            assert!((b.capacity_mw() - 4.0 * r.capacity_mw()).abs() < 1e-6, "{:?}", b.kind());
        }
        assert!(matches!(&big[1], Source::Gas(g) if g.units == 60));
        let hair = EnergyPreset::DealSite.sources(1.0001 * REPORTED_SITE_PEAK_MW);
        assert!(matches!(&hair[1], Source::Gas(g) if g.units == 15));
    }

    #[test]
    fn every_preset_covers_the_peak_with_firm_capacity() {
        for p in EnergyPreset::ALL {
            let sources = p.sources(243.0);
            let firm: f64 = sources
                .iter()
                .filter(|s| !matches!(s, Source::Solar(_) | Source::Wind(_) | Source::Battery(_)))
                .map(Source::capacity_mw)
                .sum();
            assert!(firm >= 243.0, "{p:?} has {firm} MW firm");
            assert_eq!(EnergyPreset::from_id(p.id()), Some(p));
        }
    }
}
