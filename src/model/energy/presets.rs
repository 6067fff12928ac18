//! Ready-made supplies for a site, sized to its peak load. Sizing rules (DESIGN.md §Energy):
//! firm on-site plant is built N+2 (two units spare), grid connections with 10 % headroom,
//! solar+storage sites with twice the peak in solar and the peak in 4-hour batteries.

use super::{Battery, Gas, GasTechnology, Grid, SiteSupply, Source, SourceKind};
use crate::units::{Fraction, UsdPerKw, UsdPerKwh, UsdPerMwh};

/// The supply presets users can apply to a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnergyPreset {
    /// Like the reported provider's site: grid, on-site turbines, batteries.
    DealSite,
    /// Everything from the grid.
    GridOnly,
    /// No grid: reciprocating gas engines with two spare units.
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
        let engines = |spare: f64| {
            let unit = 18.0;
            let units = (peak / unit).ceil() + spare;
            Source::new(SourceKind::GasReciprocating, units * unit)
        };
        match self {
            // The reported site's supply in its proportions to its peak load: as it is at the
            // reported peak, scaled (rounded up) at any other.
            Self::DealSite => {
                let scale = peak_mw.max(0.0) / REPORTED_SITE_PEAK_MW;
                let sources = deal_site(0).sources;
                if scale == 1.0 {
                    sources
                } else {
                    sources.iter().map(|s| s.scaled(scale)).collect()
                }
            }
            Self::GridOnly => vec![Source::new(SourceKind::Grid, (peak * 1.1).ceil())],
            Self::GasIslanded => vec![engines(2.0)],
            Self::SolarStorageGas => vec![
                Source::new(SourceKind::Solar, (2.0 * peak).ceil()),
                Source::new(SourceKind::Battery, peak.ceil()),
                engines(2.0),
            ],
            Self::NuclearPpa => vec![
                Source::new(SourceKind::FirmPpa, peak.ceil()),
                Source::new(SourceKind::Grid, (peak * 1.1).ceil()),
            ],
        }
    }
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

    #[test]
    fn the_provider_style_supply_follows_the_sites_peak() {
        let s = crate::Scenario::default();
        let planned = crate::contract::evaluate(&s.contract);
        let dc = crate::datacenter::evaluate(&s.hardware, &s.facility, &planned);
        assert_eq!(dc.totals.peak_facility_mw / f64::from(s.facility.sites), REPORTED_SITE_PEAK_MW);
        // At the reported peak, the reported site; at four times it, four times its plant
        // (rounded up), and 60 turbines of the same size.
        assert_eq!(EnergyPreset::DealSite.sources(REPORTED_SITE_PEAK_MW), deal_site(0).sources);
        let big = EnergyPreset::DealSite.sources(4.0 * REPORTED_SITE_PEAK_MW);
        for (b, r) in big.iter().zip(&deal_site(0).sources) {
            assert_eq!(b.kind(), r.kind());
            assert!((b.capacity_mw() - 4.0 * r.capacity_mw()).abs() <= 1.0, "{:?}", b.kind());
        }
        assert!(matches!(&big[1], Source::Gas(g) if g.units == 60));
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
