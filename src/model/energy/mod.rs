//! The energy model: what powers each site, hour by hour. Every site has a list of sources
//! (grid import, on-site gas, solar, wind, batteries, firm clean PPAs); the facility load from
//! the datacenter model is dispatched in merit order every hour of the term against synthetic
//! but calibrated weather and seeded equipment outages. Out come energy by source, cost,
//! emissions, curtailment and unserved energy — and from that, how many GPU-hours the power
//! supply costs the contract. Equations and sources: DESIGN.md §Energy.

pub mod dispatch;
pub mod fields;
pub mod outages;
pub mod presets;
pub mod sources;
pub mod weather;

pub use dispatch::{evaluate, EnergyMonth, EnergyReport, EnergyTotals, HourRow, SiteSummary};

use super::units::{Fraction, PerYear, UsdPerKw, UsdPerKwh, UsdPerMmbtu, UsdPerMwh};
use serde::{Deserialize, Serialize};

/// The energy supply of every site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Energy {
    /// Price of natural gas delivered to every on-site gas unit.
    pub gas_price: UsdPerMmbtu,
    /// Annual cost of capital used to turn on-site generation and storage capital into a monthly charge.
    pub cost_of_capital: PerYear,
    /// Seed for the synthetic weather and equipment outages (same seed, same hours).
    pub seed: u32,
    /// One supply per site of the facility, in site order.
    pub sites: Vec<SiteSupply>,
}

/// What powers one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSupply {
    /// A name for the site.
    pub name: String,
    /// Latitude in degrees (north positive); drives day length and the sun's height.
    pub latitude_deg: f64,
    /// The site's sources.
    pub sources: Vec<Source>,
}

/// One source of power at a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Import from the utility grid.
    Grid(Grid),
    /// On-site gas generation.
    Gas(Gas),
    /// Solar PV.
    Solar(Renewable),
    /// Onshore wind.
    Wind(Renewable),
    /// Battery storage.
    Battery(Battery),
    /// A firm clean power purchase agreement (e.g. nuclear).
    FirmPpa(FirmPpa),
}

/// Every kind of source, for pickers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// [`Source::Grid`]
    Grid,
    /// [`Source::Gas`] combined cycle.
    GasCombinedCycle,
    /// [`Source::Gas`] simple cycle.
    GasSimpleCycle,
    /// [`Source::Gas`] reciprocating engines.
    GasReciprocating,
    /// [`Source::Solar`]
    Solar,
    /// [`Source::Wind`]
    Wind,
    /// [`Source::Battery`]
    Battery,
    /// [`Source::FirmPpa`]
    FirmPpa,
}

impl SourceKind {
    /// Every kind, in the order pickers list them.
    pub const ALL: [Self; 8] = [
        Self::Grid,
        Self::GasCombinedCycle,
        Self::GasSimpleCycle,
        Self::GasReciprocating,
        Self::Solar,
        Self::Wind,
        Self::Battery,
        Self::FirmPpa,
    ];

    /// A display name.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Grid => "Grid import",
            Self::GasCombinedCycle => "Gas, combined cycle",
            Self::GasSimpleCycle => "Gas, simple-cycle turbines",
            Self::GasReciprocating => "Gas, reciprocating engines",
            Self::Solar => "Solar PV",
            Self::Wind => "Wind",
            Self::Battery => "Battery storage",
            Self::FirmPpa => "Firm clean PPA (nuclear)",
        }
    }

    /// A stable id for forms and tests.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Grid => "grid",
            Self::GasCombinedCycle => "gas_cc",
            Self::GasSimpleCycle => "gas_sc",
            Self::GasReciprocating => "gas_recip",
            Self::Solar => "solar",
            Self::Wind => "wind",
            Self::Battery => "battery",
            Self::FirmPpa => "firm_ppa",
        }
    }

    /// The kind with this id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Grid import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    /// Most the connection can import, MW.
    pub capacity_mw: f64,
    /// Energy tariff off-peak.
    pub price: UsdPerMwh,
    /// Tariff multiplier in peak hours (weekdays 14:00–20:00); 1 = a flat tariff.
    pub peak_multiplier: f64,
    /// Demand charge on each month's highest hourly import, US dollars per kW-month.
    pub demand_charge: UsdPerKw,
    /// Carbon intensity of imported power, g CO2 per kWh.
    pub carbon_g_per_kwh: f64,
    /// Grid interruptions per year.
    pub outages_per_year: f64,
    /// Hours without grid power per year, over all interruptions.
    pub outage_hours_per_year: f64,
    /// Months from the term's start until the connection is energised.
    pub online_month: u32,
}

/// The gas technologies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GasTechnology {
    /// Combined-cycle plant: efficient, slow to build.
    CombinedCycle,
    /// Simple-cycle combustion turbines: quick to build, the least efficient gas plant.
    SimpleCycle,
    /// Reciprocating engines: modular, quick to build.
    Reciprocating,
}

impl GasTechnology {
    /// A typical unit's size, MW: a 2×1 combined-cycle block ≈ 400 MW, an aeroderivative turbine
    /// ≈ 16.5 MW (`SITE_TURBINES`), a large gas engine ≈ 18 MW (Wärtsilä 50SG class).
    pub const fn unit_mw(self) -> f64 {
        match self {
            Self::CombinedCycle => 400.0,
            Self::SimpleCycle => 16.5,
            Self::Reciprocating => 18.0,
        }
    }
}

/// On-site gas generation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gas {
    /// Combined cycle, simple cycle or reciprocating engines.
    pub technology: GasTechnology,
    /// Nameplate capacity of all units together, MW.
    pub capacity_mw: f64,
    /// Number of identical units (each fails independently).
    pub units: u32,
    /// Fuel burned per MWh generated, MMBtu/MWh.
    pub heat_rate: f64,
    /// Non-fuel cost per MWh generated.
    pub variable_om: UsdPerMwh,
    /// Fixed operations and maintenance per kW of capacity per year.
    pub fixed_om_per_kw_year: UsdPerKw,
    /// Capital cost per kW of capacity.
    pub capex_per_kw: UsdPerKw,
    /// Share of hours a unit is on forced outage.
    pub forced_outage_rate: Fraction,
    /// Mean time to repair a unit, hours.
    pub repair_hours: f64,
    /// Years over which the capital is recovered.
    pub life_years: u32,
    /// Months from the term's start until the units run (permitting and lead time).
    pub online_month: u32,
}

/// Solar PV or wind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renewable {
    /// Nameplate capacity, MW.
    pub capacity_mw: f64,
    /// Annual energy ÷ (capacity × 8,760 h) at this site.
    pub capacity_factor: Fraction,
    /// Levelized cost or PPA price per MWh generated (curtailed energy is paid for too).
    pub price: UsdPerMwh,
    /// Months from the term's start until it generates.
    pub online_month: u32,
}

/// Battery storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Battery {
    /// Most it charges or discharges, MW.
    pub capacity_mw: f64,
    /// Hours of discharge at full power (energy = power × hours).
    pub hours: f64,
    /// Energy out ÷ energy in over a full cycle.
    pub round_trip_efficiency: Fraction,
    /// Capital cost per kWh of storage.
    pub capex_per_kwh: UsdPerKwh,
    /// Share of the energy held back for when firm sources and the grid fall short.
    pub reserve_share: Fraction,
    /// Years over which the capital is recovered.
    pub life_years: u32,
    /// Months from the term's start until it operates.
    pub online_month: u32,
}

/// A firm clean power purchase agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirmPpa {
    /// Contracted capacity, MW.
    pub capacity_mw: f64,
    /// Price per MWh taken.
    pub price: UsdPerMwh,
    /// Share of hours the plant is unavailable.
    pub forced_outage_rate: Fraction,
    /// Mean outage length, hours.
    pub repair_hours: f64,
    /// Months from the term's start until deliveries begin.
    pub online_month: u32,
}

/// kg CO2 per MMBtu of natural gas ([`sources::GAS_CO2`]).
pub const GAS_KG_CO2_PER_MMBTU: f64 = 53.06;

impl Source {
    /// The kind of this source.
    pub const fn kind(&self) -> SourceKind {
        match self {
            Self::Grid(_) => SourceKind::Grid,
            Self::Gas(g) => match g.technology {
                GasTechnology::CombinedCycle => SourceKind::GasCombinedCycle,
                GasTechnology::SimpleCycle => SourceKind::GasSimpleCycle,
                GasTechnology::Reciprocating => SourceKind::GasReciprocating,
            },
            Self::Solar(_) => SourceKind::Solar,
            Self::Wind(_) => SourceKind::Wind,
            Self::Battery(_) => SourceKind::Battery,
            Self::FirmPpa(_) => SourceKind::FirmPpa,
        }
    }

    /// Capacity (for batteries: power), MW.
    pub const fn capacity_mw(&self) -> f64 {
        match self {
            Self::Grid(g) => g.capacity_mw,
            Self::Gas(g) => g.capacity_mw,
            Self::Solar(r) | Self::Wind(r) => r.capacity_mw,
            Self::Battery(b) => b.capacity_mw,
            Self::FirmPpa(p) => p.capacity_mw,
        }
    }

    /// The same source at `factor` of its capacity, for a site's share of a split
    /// ([`Energy::split_sites`]): the capacity kept to nine significant digits, so splitting and
    /// joining again gives back the number typed (150 MW over 7 sites and back is 150, not
    /// 149.99999999999997). A gas plant gets as many of the technology's typical units
    /// ([`GasTechnology::unit_mw`], the size every preset uses) as come nearest its new capacity
    /// (at least one), so its count is a function of its capacity and splits joined back give
    /// back the count (scaling the count instead compounded the rounding: 15 turbines a site,
    /// 2 → 3 → 4 → 3 → 2 sites, ended with 17); a plant given units of its own size is resized
    /// in typical units.
    #[must_use]
    pub fn split(&self, factor: f64) -> Self {
        let mw = |c: f64| nine_digits(c * factor);
        let Self::Gas(g) = self else { return self.resized(mw, |u| u) };
        let capacity = mw(g.capacity_mw);
        self.resized(|_| capacity, |_| (capacity / g.technology.unit_mw()).round())
    }

    /// The same source with its capacity mapped by `mw` and a gas plant's unit count by `units`
    /// (at least one); a battery keeps its hours.
    fn resized(&self, mw: impl Fn(f64) -> f64, units: impl Fn(f64) -> f64) -> Self {
        let mut out = self.clone();
        match &mut out {
            Self::Grid(g) => g.capacity_mw = mw(g.capacity_mw),
            Self::Gas(g) => {
                g.capacity_mw = mw(g.capacity_mw);
                g.units = units(f64::from(g.units)).max(1.0) as u32;
            }
            Self::Solar(r) | Self::Wind(r) => r.capacity_mw = mw(r.capacity_mw),
            Self::Battery(b) => b.capacity_mw = mw(b.capacity_mw),
            Self::FirmPpa(p) => p.capacity_mw = mw(p.capacity_mw),
        }
        out
    }

    /// Where this kind's default figures come from.
    pub fn citations(&self) -> Vec<&'static crate::sources::Citation> {
        use sources as s;
        match self.kind() {
            SourceKind::Grid => vec![&s::GRID_PRICE_TN, &s::GRID_CARBON, &s::GRID_OUTAGES],
            SourceKind::GasCombinedCycle => {
                vec![&s::HEAT_RATE_CC, &s::GAS_OM, &s::GAS_CAPEX, &s::GAS_OUTAGE, &s::ASSET_LIFE]
            }
            SourceKind::GasSimpleCycle => {
                vec![&s::HEAT_RATE_SC, &s::GAS_OM, &s::GAS_CAPEX, &s::GAS_OUTAGE, &s::ASSET_LIFE]
            }
            SourceKind::GasReciprocating => vec![
                &s::HEAT_RATE_RECIP,
                &s::GAS_OM,
                &s::GAS_CAPEX,
                &s::GAS_OUTAGE,
                &s::GAS_LEAD_TIME,
                &s::ASSET_LIFE,
            ],
            SourceKind::Solar => vec![&s::SOLAR_CF, &s::SOLAR_LCOE, &s::WEATHER_SHAPES],
            SourceKind::Wind => vec![&s::WIND_CF, &s::WIND_LCOE, &s::WEATHER_SHAPES],
            SourceKind::Battery => vec![&s::BATTERY_RTE, &s::BATTERY_CAPEX, &s::ASSET_LIFE],
            SourceKind::FirmPpa => vec![&s::NUCLEAR_PPA, &s::NUCLEAR_AVAILABILITY],
        }
    }

    /// A new source of this kind with sourced defaults and the given capacity, MW.
    pub fn new(kind: SourceKind, capacity_mw: f64) -> Self {
        let gas = |technology: GasTechnology, heat_rate, variable_om, fixed_om| {
            Self::Gas(Gas {
                technology,
                capacity_mw,
                units: (capacity_mw / technology.unit_mw()).ceil().max(1.0) as u32,
                heat_rate,
                variable_om: UsdPerMwh(variable_om),
                fixed_om_per_kw_year: UsdPerKw(fixed_om),
                capex_per_kw: UsdPerKw(2400.0),
                forced_outage_rate: Fraction(0.05),
                repair_hours: 48.0,
                life_years: 20,
                online_month: 0,
            })
        };
        match kind {
            SourceKind::Grid => Self::Grid(Grid {
                capacity_mw,
                price: UsdPerMwh(62.3),
                peak_multiplier: 1.0,
                demand_charge: UsdPerKw(0.0),
                carbon_g_per_kwh: 367.0,
                outages_per_year: 1.4,
                outage_hours_per_year: 5.5,
                online_month: 0,
            }),
            SourceKind::GasCombinedCycle => gas(GasTechnology::CombinedCycle, 6.6, 3.0, 15.0),
            SourceKind::GasSimpleCycle => gas(GasTechnology::SimpleCycle, 10.0, 5.0, 15.0),
            SourceKind::GasReciprocating => gas(GasTechnology::Reciprocating, 8.5, 6.0, 35.0),
            SourceKind::Solar => Self::Solar(Renewable {
                capacity_mw,
                capacity_factor: Fraction(0.24),
                price: UsdPerMwh(58.0),
                online_month: 0,
            }),
            SourceKind::Wind => Self::Wind(Renewable {
                capacity_mw,
                capacity_factor: Fraction(0.34),
                price: UsdPerMwh(61.0),
                online_month: 0,
            }),
            SourceKind::Battery => Self::Battery(Battery {
                capacity_mw,
                hours: 4.0,
                round_trip_efficiency: Fraction(0.86),
                capex_per_kwh: UsdPerKwh(300.0),
                reserve_share: Fraction(0.5),
                life_years: 15,
                online_month: 0,
            }),
            SourceKind::FirmPpa => Self::FirmPpa(FirmPpa {
                capacity_mw,
                price: UsdPerMwh(112.0),
                forced_outage_rate: Fraction(0.07),
                repair_hours: 720.0,
                online_month: 0,
            }),
        }
    }
}

impl Energy {
    /// How the load's seasons line up: the share of sites north of the equator less the share
    /// south of it (the load is split evenly across sites). A southern summer is the northern
    /// winter, so 1 has the fleet's hottest month in July, -1 in January, and 0 (as many sites
    /// each side) no seasonal swing in the fleet's total. 1 when there are no sites.
    pub fn seasons(&self) -> f64 {
        if self.sites.is_empty() {
            return 1.0;
        }
        let north = self.sites.iter().filter(|s| s.latitude_deg >= 0.0).count() as f64;
        (2.0 * north - self.sites.len() as f64) / self.sites.len() as f64
    }

    /// Splits the supply across `n` sites instead of the current number: every site's sources
    /// scaled by `current ÷ n` ([`Source::split`]), then [`Energy::resize_sites`] (a new site
    /// copies the last, a surplus one is dropped from the end). The fleet and its load are split
    /// evenly across sites, so a site added takes load from the others rather than bringing a
    /// plant of its own (two sites' plants copied onto three sites at two thirds of the load
    /// added 50 % of idle capacity and its fixed costs). With identical sites the totals stay.
    pub fn split_sites(&mut self, n: usize) {
        let n = n.clamp(1, fields::MAX_SITES);
        let current = self.sites.len();
        if current > 0 && current != n {
            let factor = current as f64 / n as f64;
            for site in &mut self.sites {
                site.sources = site.sources.iter().map(|s| s.split(factor)).collect();
            }
        }
        self.resize_sites(n);
    }

    /// Gives the supply `n` sites: extra sites copy the last site's sources (or the reported
    /// provider's site when there is none); surplus sites are dropped from the end.
    pub fn resize_sites(&mut self, n: usize) {
        let n = n.min(fields::MAX_SITES);
        self.sites.truncate(n);
        while self.sites.len() < n {
            let index = self.sites.len();
            let mut site = self.sites.last().cloned().unwrap_or_else(|| presets::deal_site(index));
            // "Site n", or the next name no site (perhaps renamed) has yet.
            let taken: Vec<&str> = self.sites.iter().map(|s| s.name.as_str()).collect();
            site.name = crate::validate::free_name("Site", index + 1, &taken);
            self.sites.push(site);
        }
    }

    /// The reported deal's supply at each of `sites` sites, modelled on the provider's first
    /// site: 150 MW of grid, 15 gas turbines (≈247 MW) and 150 MW / 300 MWh of batteries.
    pub fn deal_default(sites: u32) -> Self {
        Self {
            gas_price: UsdPerMmbtu(3.5),
            cost_of_capital: PerYear(0.096),
            seed: 1,
            sites: (0..sites).map(|i| presets::deal_site(i as usize)).collect(),
        }
    }
}

/// `x` to nine significant digits: what a site split keeps of a capacity (and of the ranges
/// simulated for it), so a split and a join give back the number typed. Out of line: the web
/// build calls it from every arm of [`crate::uncertainty::dist::Dist::map`].
#[inline(never)]
pub fn nine_digits(x: f64) -> f64 {
    // The scale that makes x a nine-digit whole number.
    let scale = 10f64.powi(8 - x.abs().log10().floor() as i32);
    if x == 0.0 || !x.is_finite() || !scale.is_finite() {
        x
    } else {
        (x * scale).round() / scale
    }
}
