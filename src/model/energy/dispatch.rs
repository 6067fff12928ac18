//! Hourly merit-order dispatch of every site over the whole term, and what it adds up to:
//! energy by source, cost, emissions, curtailment, unserved energy and the GPU-hours it costs.
//!
//! Each hour at each site (DESIGN.md §Energy):
//! 1. solar and wind serve the load first; surplus charges batteries, the rest is curtailed;
//! 2. batteries discharge down to their reserve;
//! 3. firm PPAs, then gas plants of every kind and the grid within its capacity in order of
//!    marginal cost (the grid's at the hour's tariff);
//! 4. batteries discharge below their reserve; what is still missing is unserved;
//! 5. a battery below its reserve refills from spare firm or grid capacity, cheapest first.

use super::outages::units_down;
use super::weather::{self, HOURS_PER_YEAR};
use super::{Energy, Source, SourceKind, GAS_KG_CO2_PER_MMBTU};
use crate::calendar::YearMonth;
use crate::datacenter::DatacenterReport;
use crate::finance::capital_recovery_factor;
use crate::rng::Rng;
use crate::units::{Fraction, GpuHours, Usd, UsdPerMwh};
use serde::Serialize;

/// How supply is grouped in reports and charts (in report order; the dispatch's order is
/// [`merit_orders`]').
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Solar PV.
    Solar,
    /// Wind.
    Wind,
    /// Battery discharge.
    Storage,
    /// Firm clean PPAs.
    Clean,
    /// Gas combined cycle and reciprocating engines.
    Gas,
    /// Grid import.
    Grid,
    /// Simple-cycle gas turbines.
    Peaker,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Self; 7] =
        [Self::Solar, Self::Wind, Self::Storage, Self::Clean, Self::Gas, Self::Grid, Self::Peaker];

    /// A display name.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Solar => "Solar",
            Self::Wind => "Wind",
            Self::Storage => "Battery discharge",
            Self::Clean => "Firm clean PPA",
            Self::Gas => "Gas (CC, engines)",
            Self::Grid => "Grid",
            Self::Peaker => "Gas (simple cycle)",
        }
    }

    fn of(kind: SourceKind) -> Self {
        match kind {
            SourceKind::Solar => Self::Solar,
            SourceKind::Wind => Self::Wind,
            SourceKind::Battery => Self::Storage,
            SourceKind::FirmPpa => Self::Clean,
            SourceKind::GasCombinedCycle | SourceKind::GasReciprocating => Self::Gas,
            SourceKind::Grid => Self::Grid,
            SourceKind::GasSimpleCycle => Self::Peaker,
        }
    }
}

/// The number of supply categories.
pub const CATEGORIES: usize = Category::ALL.len();

/// One hour, summed over sites, MW (= MWh over the hour). Solar and wind are gross of
/// curtailment, so `Σ supply + unserved = load + charging + curtailed`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HourRow {
    /// Supply by [`Category`], in [`Category::ALL`] order.
    pub supply: [f64; CATEGORIES],
    /// Facility load.
    pub load: f64,
    /// Power into batteries (before losses).
    pub charging: f64,
    /// Solar and wind that could not be used or stored.
    pub curtailed: f64,
    /// Load not served.
    pub unserved: f64,
    /// Energy held in batteries at the end of the hour, MWh.
    pub stored: f64,
}

/// One month, summed over sites.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnergyMonth {
    /// The calendar month.
    pub month: YearMonth,
    /// Facility energy demanded, MWh.
    pub load_mwh: f64,
    /// Supply by [`Category`] (gross of curtailment), MWh.
    pub supply_mwh: [f64; CATEGORIES],
    /// Energy into batteries, MWh.
    pub charging_mwh: f64,
    /// Solar and wind curtailed, MWh.
    pub curtailed_mwh: f64,
    /// Load not served, MWh.
    pub unserved_mwh: f64,
    /// Hours in which some site was short of power.
    pub hours_short: u32,
    /// Energy cost: fuel, tariffs, PPAs, O&M and the capital charge of on-site plant.
    pub cost: Usd,
    /// The part of [`Self::cost`] that does not follow the energy used: fixed O&M, the capital
    /// charge of on-site plant, the grid's demand charges, and solar and wind output (paid as
    /// generated, curtailed or not, whatever the load).
    pub fixed_cost: Usd,
    /// Emissions, tonnes CO2.
    pub co2_t: f64,
    /// Installed accelerator-hours lost to unserved power.
    pub gpu_hours_lost: GpuHours,
    /// Share of installed accelerator-hours that had power (1 when nothing is installed).
    pub power_availability: Fraction,
    /// The fewest of the installed accelerators, as a share, that can have lost the month's
    /// unserved hours: each site's largest share without power in any one hour, summed over the
    /// sites (0 when every hour is served). The instances an instance-level SLA credits.
    pub short_share: Fraction,
}

/// One site's figures over the term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteSummary {
    /// The site's name.
    pub name: String,
    /// Highest hourly load, MW.
    pub peak_load_mw: f64,
    /// Capacity of sources that do not depend on weather or storage, MW.
    pub firm_capacity_mw: f64,
    /// Load not served, MWh.
    pub unserved_mwh: f64,
    /// Hours short of power.
    pub hours_short: u32,
    /// Energy cost.
    pub cost: Usd,
    /// Capital of on-site generation and storage.
    pub onsite_capex: Usd,
}

/// Totals over the term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnergyTotals {
    /// Facility energy demanded, MWh.
    pub load_mwh: f64,
    /// Facility energy served, MWh.
    pub served_mwh: f64,
    /// Energy cost over the term.
    pub cost: Usd,
    /// Cost per MWh served.
    pub blended_price: UsdPerMwh,
    /// Average cost per year of the term from the month the site is ready
    /// ([`crate::datacenter::DatacenterTotals::ready_month`]).
    pub annual_cost: Usd,
    /// Emissions, tonnes CO2.
    pub co2_t: f64,
    /// Average emissions per year from the month the site is ready, tonnes CO2.
    pub annual_co2_t: f64,
    /// Emissions per kWh served, g CO2.
    pub g_co2_per_kwh: f64,
    /// Share of energy drawn from sources that came from solar and wind.
    pub renewable_share: Fraction,
    /// Solar and wind curtailed, MWh.
    pub curtailed_mwh: f64,
    /// Load not served, MWh.
    pub unserved_mwh: f64,
    /// Hours in which some site was short of power.
    pub hours_short: u32,
    /// Share of hours with load in which every site was fully powered.
    pub fully_powered_share: Fraction,
    /// Installed accelerator-hours lost to unserved power.
    pub gpu_hours_lost: GpuHours,
    /// Capital of on-site generation and storage.
    pub onsite_capex: Usd,
    /// Battery energy capacity over all sites, MWh.
    pub storage_mwh: f64,
}

/// The energy model's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnergyReport {
    /// One row per month of the term.
    pub months: Vec<EnergyMonth>,
    /// Totals over the term.
    pub totals: EnergyTotals,
    /// One summary per site.
    pub sites: Vec<SiteSummary>,
    /// What it takes to dispatch any week again (not serialized). Charts ask for one week's
    /// hours at a time ([`EnergyReport::week`]) instead of the report keeping every hour of the
    /// term: 26,000 rows (2.5 MB) for three years cost about 40 % of an evaluation to write.
    #[serde(skip)]
    pub replay: Replay,
}

/// Hours in a week.
pub const WEEK_HOURS: usize = 168;

/// Each site's compiled sources and its batteries' charge at the start of every week of the
/// term, with each month's load: enough to dispatch any week again hour by hour, exactly as
/// the whole run did (the same steps on the same state; checked against dispatching every
/// hour of the term in the tests).
#[derive(Clone, PartialEq, Default)]
pub struct Replay {
    sites: Vec<SiteReplay>,
    /// First hour of each month, then one past the last hour of the term.
    month_start: Vec<usize>,
    /// Each month's load per site (MW), its first day's offset into the typical year and its
    /// first day's weekday (0 = Monday).
    months: Vec<(f64, usize, u32)>,
    /// Load not served in each week, MWh, summed over sites.
    weekly_unserved: Vec<f64>,
}

#[derive(Clone, PartialEq)]
struct SiteReplay {
    units: Vec<Unit>,
    /// Off-peak and peak merit orders ([`merit_orders`]).
    orders: [Vec<usize>; 2],
    batteries: Vec<usize>,
    renewables: Vec<usize>,
    /// Every unit's stored energy (MWh; zero but for batteries) at the start of each week,
    /// week after week.
    stored: Vec<f64>,
}

/// Counts only: a failing comparison of two reports should not print a year of weather.
impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replay")
            .field("sites", &self.sites.len())
            .field("months", &self.months.len())
            .field("weeks", &self.weekly_unserved.len())
            .finish_non_exhaustive()
    }
}

impl EnergyReport {
    /// Number of weeks in the term (the last may be partial).
    pub fn weeks(&self) -> usize {
        self.replay.month_start.last().copied().unwrap_or(0).div_ceil(WEEK_HOURS)
    }

    /// Load not served in each week of the term, MWh (empty for a report made without its
    /// hours, see [`evaluate_with`]).
    pub fn weekly_unserved(&self) -> &[f64] {
        &self.replay.weekly_unserved
    }

    /// The week to show first, and whether power falls short in it: the week with the most
    /// load unserved; with none short, the first whole week of the month with the most load
    /// (not an idle week before anything is delivered).
    pub fn telling_week(&self) -> (usize, bool) {
        let worst = self.weekly_unserved().iter().enumerate().fold((0, 0.0), |best, (w, u)| {
            if *u > best.1 {
                (w, *u)
            } else {
                best
            }
        });
        // Short as the KPIs count it (an hour short by more than a rounding error).
        if self.totals.hours_short > 0 && worst.1 > 0.0 {
            return (worst.0, true);
        }
        let busiest = self
            .months
            .iter()
            .enumerate()
            .fold((0, 0.0), |best, (m, e)| if e.load_mwh > best.1 { (m, e.load_mwh) } else { best })
            .0;
        let start = self.replay.month_start.get(busiest).copied().unwrap_or(0);
        (start.div_ceil(WEEK_HOURS).min(self.weeks().saturating_sub(1)), false)
    }

    /// Every hour of week `week` (0-based; the last week may be short), summed over sites:
    /// the week dispatched again from the state the whole run had at its start. Empty past the
    /// term's end, or for a report made without its hours.
    pub fn week(&self, week: usize) -> Vec<HourRow> {
        self.week_at(week, None)
    }

    /// Week `week` as [`EnergyReport::week`], at site `site` alone (an index into
    /// [`EnergyReport::sites`]) or summed over every site (`None`). Empty for a site that does
    /// not exist.
    pub fn week_at(&self, week: usize, site: Option<usize>) -> Vec<HourRow> {
        let r = &self.replay;
        let total = r.month_start.last().copied().unwrap_or(0);
        let from = week.saturating_mul(WEEK_HOURS).min(total);
        let to = (from + WEEK_HOURS).min(total);
        if r.sites.is_empty() || from == to || site.is_some_and(|i| i >= r.sites.len()) {
            return Vec::new();
        }
        let mut rows = vec![HourRow::default(); to - from];
        let sites = r.sites.iter().enumerate().filter(|(i, _)| site.is_none_or(|s| s == *i)).map(|(_, x)| x);
        for site in sites {
            let n = site.units.len();
            let mut stored = site.stored[week * n..(week + 1) * n].to_vec();
            let mut scratch = Scratch::new(n);
            for (h, row) in (from..to).zip(&mut rows) {
                let mi = r.month_start.partition_point(|s| *s <= h) - 1;
                let (load, year_offset, first_weekday) = r.months[mi];
                let into = h - r.month_start[mi];
                let hour_of_year = (year_offset + into / 24).min(364) * 24 + into % 24;
                let peak = is_peak_hour_into(first_weekday, into);
                let o = step(
                    &site.units,
                    &mut stored,
                    &site.orders[usize::from(peak)],
                    &site.batteries,
                    &site.renewables,
                    h,
                    hour_of_year,
                    load,
                    &mut scratch,
                );
                add_hour(row, &o, load);
            }
        }
        rows
    }
}

/// Adds one site's hour to the hour's row.
fn add_hour(row: &mut HourRow, o: &Outcome, load: f64) {
    for (acc, v) in row.supply.iter_mut().zip(o.supply) {
        *acc += v;
    }
    row.load += load;
    row.charging += o.charging;
    row.curtailed += o.curtailed;
    row.unserved += o.unserved;
    row.stored += o.stored;
}

/// One source compiled for dispatch.
#[derive(Debug, Clone, PartialEq)]
struct Unit {
    kind: SourceKind,
    category: usize,
    capacity: f64,
    online_hour: usize,
    /// Output per MW by hour of the typical year (solar, wind).
    profile: Vec<f64>,
    /// Units down by hour of the term (gas, PPA, grid).
    down: Vec<u16>,
    units: f64,
    /// Cost per MWh generated (before the grid's peak multiplier).
    energy_price: f64,
    /// t CO2 per MWh generated.
    co2: f64,
    /// Monthly fixed cost once online (fixed O&M and capital charge).
    monthly_fixed: f64,
    capex: f64,
    peak_multiplier: f64,
    demand_charge_per_mw: f64,
    // Batteries.
    energy_capacity: f64,
    efficiency: f64,
    reserve: f64,
}

impl Unit {
    fn available(&self, h: usize) -> f64 {
        if h < self.online_hour {
            0.0
        } else if self.down.is_empty() {
            self.capacity
        } else {
            self.capacity * (1.0 - f64::from(self.down[h]) / self.units)
        }
    }
}

/// Splits a seed into independent streams: one per site and purpose.
fn stream(seed: u32, site: usize, source: usize, purpose: u64) -> Rng {
    Rng::new(u64::from(seed), ((site as u64) << 32) | ((source as u64) << 8) | purpose)
}

/// The units of site `site`'s sources. A source comes online at the later of its own online
/// month and `ready_month`, the month its site is ready
/// ([`crate::datacenter::DatacenterTotals::ready_month`]): a
/// plant or power purchase built for a campus is commissioned with it, so it neither charges
/// its fixed costs nor delivers (or is curtailed) while there are no halls to power.
fn compile(e: &Energy, site: usize, hours: usize, month_start: &[usize], ready_month: u32) -> Vec<Unit> {
    let supply = &e.sites[site];
    let online = |m: u32| month_start[(m.max(ready_month) as usize).min(month_start.len() - 1)];
    let mut solar_shape: Option<Vec<f64>> = None;
    let mut wind_weather: Option<Vec<f64>> = None;
    let crf = |life: u32| capital_recovery_factor(e.cost_of_capital.value(), life);
    supply
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let kind = s.kind();
            let mut u = Unit {
                kind,
                category: Category::ALL.iter().position(|c| *c == Category::of(kind)).unwrap_or(0),
                capacity: s.capacity_mw(),
                online_hour: 0,
                profile: Vec::new(),
                down: Vec::new(),
                units: 1.0,
                energy_price: 0.0,
                co2: 0.0,
                monthly_fixed: 0.0,
                capex: 0.0,
                peak_multiplier: 1.0,
                demand_charge_per_mw: 0.0,
                energy_capacity: 0.0,
                efficiency: 1.0,
                reserve: 0.0,
            };
            match s {
                Source::Grid(g) => {
                    u.online_hour = online(g.online_month);
                    u.energy_price = g.price.value();
                    u.peak_multiplier = g.peak_multiplier;
                    u.demand_charge_per_mw = g.demand_charge.value() * 1000.0;
                    u.co2 = g.carbon_g_per_kwh / 1000.0;
                    if g.outages_per_year > 0.0 && g.outage_hours_per_year > 0.0 {
                        let rate = (g.outage_hours_per_year / HOURS_PER_YEAR as f64).min(1.0);
                        let repair = g.outage_hours_per_year / g.outages_per_year;
                        u.down = units_down(1, rate, repair, hours, &mut stream(e.seed, site, i, 1));
                    }
                }
                Source::Gas(g) => {
                    u.online_hour = online(g.online_month);
                    u.units = f64::from(g.units.max(1));
                    u.energy_price = g.heat_rate * e.gas_price.value() + g.variable_om.value();
                    u.co2 = g.heat_rate * GAS_KG_CO2_PER_MMBTU / 1000.0;
                    u.capex = g.capacity_mw * 1000.0 * g.capex_per_kw.value();
                    u.monthly_fixed = (g.capacity_mw * 1000.0 * g.fixed_om_per_kw_year.value()
                        + u.capex * crf(g.life_years))
                        / 12.0;
                    u.down = units_down(
                        g.units.max(1),
                        g.forced_outage_rate.value(),
                        g.repair_hours,
                        hours,
                        &mut stream(e.seed, site, i, 2),
                    );
                }
                Source::Solar(r) => {
                    u.online_hour = online(r.online_month);
                    u.energy_price = r.price.value();
                    let shape = solar_shape.get_or_insert_with(|| {
                        weather::solar_shape(supply.latitude_deg, &mut stream(e.seed, site, 0, 3))
                    });
                    u.profile = weather::calibrate(shape, r.capacity_factor.value());
                }
                Source::Wind(r) => {
                    u.online_hour = online(r.online_month);
                    u.energy_price = r.price.value();
                    let z = wind_weather
                        .get_or_insert_with(|| weather::wind_weather(&mut stream(e.seed, site, 0, 4)));
                    u.profile = weather::wind_from_weather(z, r.capacity_factor.value());
                }
                Source::Battery(b) => {
                    u.online_hour = online(b.online_month);
                    u.energy_capacity = b.capacity_mw * b.hours;
                    u.efficiency = libm::sqrt(b.round_trip_efficiency.value());
                    u.reserve = b.reserve_share.value() * u.energy_capacity;
                    u.capex = u.energy_capacity * 1000.0 * b.capex_per_kwh.value();
                    u.monthly_fixed = u.capex * crf(b.life_years) / 12.0;
                }
                Source::FirmPpa(p) => {
                    u.online_hour = online(p.online_month);
                    u.energy_price = p.price.value();
                    u.down = units_down(
                        1,
                        p.forced_outage_rate.value(),
                        p.repair_hours,
                        hours,
                        &mut stream(e.seed, site, i, 5),
                    );
                }
            }
            u
        })
        .collect()
}

/// The order dispatchable units (firm PPAs, gas plants, the grid) are called on in off-peak
/// hours (`[0]`) and in a time-of-use tariff's peak hours (`[1]`): firm PPAs first (a clean
/// baseload contract's energy is taken as delivered), then by marginal cost per MWh, the
/// grid's at the hour's price. Equal costs keep gas plants other than simple cycle first, then
/// the grid, then simple-cycle turbines (the order before 2026-12-01, which called the grid
/// before own turbines whatever they cost), then the order of the list.
fn merit_orders(units: &[Unit]) -> [Vec<usize>; 2] {
    let rank = |u: &Unit| match u.kind {
        SourceKind::GasCombinedCycle | SourceKind::GasReciprocating | SourceKind::FirmPpa => Some(0),
        SourceKind::Grid => Some(1),
        SourceKind::GasSimpleCycle => Some(2),
        SourceKind::Solar | SourceKind::Wind | SourceKind::Battery => None,
    };
    let order = |peak: bool| {
        // Firm PPAs first (among them, the cheaper first), then the hour's marginal cost.
        let class = |u: &Unit| u.kind != SourceKind::FirmPpa;
        let price = |u: &Unit| if peak { u.energy_price * u.peak_multiplier } else { u.energy_price };
        let mut order: Vec<usize> = (0..units.len()).filter(|i| rank(&units[*i]).is_some()).collect();
        crate::math::sort_by(&mut order, |a, b| {
            let (ua, ub) = (&units[*a], &units[*b]);
            class(ua).cmp(&class(ub)).then(price(ua).total_cmp(&price(ub))).then(rank(ua).cmp(&rank(ub)))
        });
        order
    };
    [order(false), order(true)]
}

/// Whether hour `hour_of_day` on weekday `weekday` (0 = Monday) is a peak hour of a
/// time-of-use tariff: weekdays 14:00–20:00.
pub const fn is_peak_hour(weekday: u32, hour_of_day: u32) -> bool {
    weekday < 5 && hour_of_day >= 14 && hour_of_day < 20
}

/// Whether the hour `into` hours after the start of a month whose first day is weekday
/// `first_weekday` (0 = Monday) is a peak hour ([`is_peak_hour`]).
fn is_peak_hour_into(first_weekday: u32, into: usize) -> bool {
    is_peak_hour((first_weekday + (into / 24) as u32) % 7, (into % 24) as u32)
}

/// Per-unit buffers reused every hour.
struct Scratch {
    generated: Vec<f64>,
    charge: Vec<f64>,
    discharge: Vec<f64>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Self { generated: vec![0.0; n], charge: vec![0.0; n], discharge: vec![0.0; n] }
    }
}

/// What one hour at one site comes to.
#[derive(Debug, Clone, Copy, Default)]
struct Outcome {
    supply: [f64; CATEGORIES],
    charging: f64,
    curtailed: f64,
    unserved: f64,
    stored: f64,
    cost_offpeak: f64,
    cost_peak: f64,
    /// The part of the cost the weather sets, not the load: solar and wind output.
    weather_cost: f64,
    co2: f64,
    renewable_used: f64,
    drawn: f64,
    /// No weather-driven source ran and no battery moved: the next hour with the same load, the
    /// same units available and the same merit order (peak or off-peak) comes out the same.
    steady: bool,
}

/// The hours, in order, at which some unit's availability changes: an outage starts or ends, or
/// a source comes online.
fn change_hours(units: &[Unit], hours: usize) -> Vec<usize> {
    // Unit by unit (a pass over one unit's hours compares neighbours in a slice, which the
    // compiler vectorises), then the few marked hours in order.
    let mut changes = vec![0u8; hours];
    for u in units {
        if u.online_hour < hours {
            changes[u.online_hour] = 1;
        }
        if u.down.len() == hours && hours > 1 {
            let (after, before) = (&u.down[1..], &u.down[..hours - 1]);
            for ((c, a), b) in changes[1..].iter_mut().zip(after).zip(before) {
                *c |= u8::from(a != b);
            }
        }
    }
    (1..hours).filter(|h| changes[*h] != 0).collect()
}

/// Dispatches one hour at one site (the five steps in the module docs) and prices it.
#[allow(clippy::too_many_arguments)]
fn step(
    units: &[Unit],
    stored: &mut [f64],
    order: &[usize],
    batteries: &[usize],
    renewables: &[usize],
    h: usize,
    hour_of_year: usize,
    load: f64,
    scratch: &mut Scratch,
) -> Outcome {
    let Scratch { generated, charge, discharge } = scratch;
    generated.fill(0.0);
    charge.fill(0.0);
    discharge.fill(0.0);

    // 1. Solar and wind first; surplus charges batteries, the rest is curtailed.
    let mut renewable = 0.0;
    let mut weather = false;
    for &i in renewables {
        let u = &units[i];
        if h >= u.online_hour {
            weather = true;
            generated[i] = u.capacity * u.profile[hour_of_year];
            renewable += generated[i];
        }
    }
    let mut deficit = (load - renewable).max(0.0);
    let mut surplus = (renewable - load).max(0.0);
    for &b in batteries {
        let u = &units[b];
        if h < u.online_hour || surplus <= 0.0 {
            continue;
        }
        let c = u.capacity.min((u.energy_capacity - stored[b]) / u.efficiency).min(surplus).max(0.0);
        stored[b] += c * u.efficiency;
        charge[b] += c;
        surplus -= c;
    }
    let curtailed = surplus;
    // 2. Batteries down to their reserve.
    for &b in batteries {
        let u = &units[b];
        if h < u.online_hour || deficit <= 0.0 || charge[b] > 0.0 {
            continue;
        }
        let d = u.capacity.min((stored[b] - u.reserve).max(0.0) * u.efficiency).min(deficit);
        stored[b] -= d / u.efficiency;
        discharge[b] += d;
        deficit -= d;
    }
    // 3. Firm PPAs, then gas and the grid, cheapest first.
    for &i in order {
        if deficit <= 0.0 {
            break;
        }
        let g = units[i].available(h).min(deficit);
        generated[i] += g;
        deficit -= g;
    }
    // 4. Batteries below their reserve.
    for &b in batteries {
        let u = &units[b];
        if h < u.online_hour || deficit <= 0.0 || charge[b] > 0.0 {
            continue;
        }
        let d = (u.capacity - discharge[b]).min(stored[b] * u.efficiency).min(deficit).max(0.0);
        stored[b] -= d / u.efficiency;
        discharge[b] += d;
        deficit -= d;
    }
    let unserved = deficit.max(0.0);
    // 5. Refill reserves from spare firm and grid capacity, cheapest first.
    if unserved <= 0.0 {
        for &b in batteries {
            if h < units[b].online_hour || discharge[b] > 0.0 || stored[b] >= units[b].reserve {
                continue;
            }
            let mut want =
                ((units[b].reserve - stored[b]) / units[b].efficiency).min(units[b].capacity - charge[b]);
            for &i in order {
                if want <= 0.0 {
                    continue;
                }
                let take = (units[i].available(h) - generated[i]).max(0.0).min(want);
                generated[i] += take;
                want -= take;
                charge[b] += take;
                stored[b] += take * units[b].efficiency;
            }
        }
    }

    let mut out = Outcome { curtailed, unserved, ..Outcome::default() };
    let mut moved = false;
    for (i, u) in units.iter().enumerate() {
        out.supply[u.category] += generated[i] + discharge[i];
        out.charging += charge[i];
        // A battery not yet commissioned holds nothing anyone can use.
        if h >= u.online_hour {
            out.stored += stored[i];
        }
        moved |= charge[i] > 0.0 || discharge[i] > 0.0;
        out.cost_offpeak += generated[i] * u.energy_price;
        out.cost_peak += generated[i] * u.energy_price * u.peak_multiplier;
        if matches!(u.kind, SourceKind::Solar | SourceKind::Wind) {
            out.weather_cost += generated[i] * u.energy_price;
        }
        out.co2 += generated[i] * u.co2;
    }
    out.renewable_used = renewable - curtailed;
    out.drawn = out.supply.iter().sum::<f64>() - out.supply[2] - curtailed;
    out.steady = !weather && !moved;
    out
}

/// Runs the hourly dispatch of a validated energy supply against the datacenter's load.
pub fn evaluate(e: &Energy, dc: &DatacenterReport) -> EnergyReport {
    evaluate_with(e, dc, true)
}

/// Like [`evaluate`]; with `keep_hours` false the report cannot give the hours of a week
/// again ([`EnergyReport::week`] is empty; for comparisons that only need the totals).
pub fn evaluate_with(e: &Energy, dc: &DatacenterReport, keep_hours: bool) -> EnergyReport {
    let n_sites = e.sites.len().max(1) as f64;
    let mut month_start = Vec::with_capacity(dc.months.len() + 1);
    let mut total_hours = 0usize;
    for m in &dc.months {
        month_start.push(total_hours);
        total_hours += m.month.days() as usize * 24;
    }
    month_start.push(total_hours);

    let mut months: Vec<EnergyMonth> = dc
        .months
        .iter()
        .map(|m| EnergyMonth {
            month: m.month,
            load_mwh: 0.0,
            supply_mwh: [0.0; CATEGORIES],
            charging_mwh: 0.0,
            curtailed_mwh: 0.0,
            unserved_mwh: 0.0,
            hours_short: 0,
            cost: Usd(0.0),
            fixed_cost: Usd(0.0),
            co2_t: 0.0,
            gpu_hours_lost: GpuHours(0.0),
            power_availability: Fraction(1.0),
            short_share: Fraction(0.0),
        })
        .collect();
    let weeks = total_hours.div_ceil(WEEK_HOURS);
    let mut replay = Replay {
        sites: Vec::new(),
        month_start: month_start.clone(),
        months: dc
            .months
            .iter()
            .map(|m| {
                (
                    m.facility_mw / n_sites,
                    m.month.typical_year_offset_days() as usize,
                    m.month.first_weekday(),
                )
            })
            .collect(),
        weekly_unserved: vec![0.0; if keep_hours { weeks } else { 0 }],
    };
    let mut short = vec![false; total_hours];
    let mut sites = Vec::with_capacity(e.sites.len());
    let mut onsite_capex = 0.0;
    let mut storage_mwh = 0.0;
    let mut drawn_mwh = 0.0;
    let mut renewable_used_mwh = 0.0;

    for (si, supply) in e.sites.iter().enumerate() {
        let units = compile(e, si, total_hours, &month_start, dc.totals.ready_month);
        // Batteries start full.
        let mut stored: Vec<f64> = units.iter().map(|u| u.energy_capacity).collect();
        let mut week_stored = Vec::with_capacity(if keep_hours { weeks * units.len() } else { 0 });
        let orders = merit_orders(&units);
        // A time-of-use tariff can reorder the merit order in its peak hours.
        let tou = orders[0] != orders[1];
        let batteries: Vec<usize> =
            (0..units.len()).filter(|i| units[*i].kind == SourceKind::Battery).collect();
        let renewables: Vec<usize> = (0..units.len())
            .filter(|i| matches!(units[*i].kind, SourceKind::Solar | SourceKind::Wind))
            .collect();
        let site_capex: f64 = units.iter().map(|u| u.capex).sum();
        onsite_capex += site_capex;
        storage_mwh += batteries.iter().map(|b| units[*b].energy_capacity).sum::<f64>();
        let mut summary = SiteSummary {
            name: supply.name.clone(),
            peak_load_mw: 0.0,
            firm_capacity_mw: orders[0].iter().map(|i| units[*i].capacity).sum(),
            unserved_mwh: 0.0,
            hours_short: 0,
            cost: Usd(0.0),
            onsite_capex: Usd(site_capex),
        };
        let change_hours = change_hours(&units, total_hours);
        // The first of `change_hours` after the hour dispatched last.
        let mut next_change = 0;
        let mut scratch = Scratch::new(units.len());
        let mut outcome = Outcome::default();

        for (mi, dm) in dc.months.iter().enumerate() {
            let load = dm.facility_mw / n_sites;
            let gpus = dm.installed_gpus / n_sites;
            let year_offset = dm.month.typical_year_offset_days() as usize;
            let (mut day, mut hour_of_day, mut weekday) = (0usize, 0u32, dm.month.first_weekday());
            let (mut cost, mut fixed) = (0.0, 0.0);
            let mut co2 = 0.0;
            let mut grid_peak = vec![0.0f64; units.len()];
            let row = &mut months[mi];
            let month_end = month_start[mi + 1];
            let mut reuse_until = month_start[mi];
            let mut dispatched_at_peak = false;
            let mut worst_site_share = 0.0f64;
            summary.peak_load_mw = summary.peak_load_mw.max(load);
            let mut h = month_start[mi];
            while h < month_end {
                if keep_hours && h % WEEK_HOURS == 0 {
                    week_stored.extend_from_slice(&stored);
                }
                let peak = is_peak_hour(weekday, hour_of_day);
                if h >= reuse_until || (tou && peak != dispatched_at_peak) {
                    let hour_of_year = (year_offset + day).min(364) * 24 + hour_of_day as usize;
                    dispatched_at_peak = peak;
                    outcome = step(
                        &units,
                        &mut stored,
                        &orders[usize::from(peak)],
                        &batteries,
                        &renewables,
                        h,
                        hour_of_year,
                        load,
                        &mut scratch,
                    );
                    for (i, u) in units.iter().enumerate() {
                        if u.kind == SourceKind::Grid {
                            grid_peak[i] = grid_peak[i].max(scratch.generated[i]);
                        }
                    }
                    // With no weather and no storage moving, every hour until some unit's
                    // availability changes is the same as this one.
                    reuse_until = if outcome.steady {
                        while change_hours.get(next_change).is_some_and(|c| *c <= h) {
                            next_change += 1;
                        }
                        change_hours.get(next_change).map_or(month_end, |c| (*c).min(month_end))
                    } else {
                        h + 1
                    };
                }
                // The span of hours from `h` that come out as this one: to `reuse_until`, within
                // the week (a week's replay starts from its stored levels) and, under a
                // time-of-use tariff, while the hour stays on the same side of the peak. Its
                // totals are the hour's times the span's length (peak hours priced apart).
                let end = reuse_until.min((h / WEEK_HOURS + 1) * WEEK_HOURS);
                let (mut span, mut peak_hours) = (0usize, 0usize);
                while h + span < end {
                    let p = is_peak_hour(weekday, hour_of_day);
                    if tou && p != dispatched_at_peak {
                        break;
                    }
                    span += 1;
                    peak_hours += usize::from(p);
                    hour_of_day += 1;
                    if hour_of_day == 24 {
                        hour_of_day = 0;
                        day += 1;
                        weekday = (weekday + 1) % 7;
                    }
                }
                let n = span as f64;
                cost +=
                    outcome.cost_peak * peak_hours as f64 + outcome.cost_offpeak * (span - peak_hours) as f64;
                fixed += outcome.weather_cost * n;
                co2 += outcome.co2 * n;
                renewable_used_mwh += outcome.renewable_used * n;
                drawn_mwh += outcome.drawn * n;
                for (acc, v) in row.supply_mwh.iter_mut().zip(outcome.supply) {
                    *acc += v * n;
                }
                row.load_mwh += load * n;
                row.charging_mwh += outcome.charging * n;
                row.curtailed_mwh += outcome.curtailed * n;
                row.unserved_mwh += outcome.unserved * n;
                if outcome.unserved > 1e-9 * load.max(1e-9) {
                    short[h..h + span].fill(true);
                    summary.hours_short += span as u32;
                    summary.unserved_mwh += outcome.unserved * n;
                    if load > 0.0 {
                        row.gpu_hours_lost += GpuHours(gpus * outcome.unserved / load * n);
                        if dm.installed_gpus > 0.0 {
                            // The site's instances that lost power at its worst hour of the
                            // month, as a share of the fleet (each site holds 1/n of it; one
                            // site's instances cannot stand in for another's).
                            worst_site_share =
                                worst_site_share.max((outcome.unserved / load).min(1.0) / n_sites);
                        }
                    }
                }
                if keep_hours {
                    replay.weekly_unserved[h / WEEK_HOURS] += outcome.unserved * n;
                }
                h += span;
            }
            for (i, u) in units.iter().enumerate() {
                if month_end > u.online_hour {
                    let f = u.monthly_fixed + grid_peak[i] * u.demand_charge_per_mw;
                    cost += f;
                    fixed += f;
                }
            }
            row.cost += Usd(cost);
            row.fixed_cost += Usd(fixed);
            row.co2_t += co2;
            row.short_share = Fraction((row.short_share.value() + worst_site_share).min(1.0));
            summary.cost += Usd(cost);
        }
        sites.push(summary);
        if keep_hours {
            replay.sites.push(SiteReplay { units, orders, batteries, renewables, stored: week_stored });
        }
    }

    for (mi, (row, dm)) in months.iter_mut().zip(&dc.months).enumerate() {
        row.hours_short = short[month_start[mi]..month_start[mi + 1]].iter().filter(|s| **s).count() as u32;
        let installed = dm.installed_gpus * dm.month.hours().value();
        row.power_availability = Fraction(if installed > 0.0 {
            (1.0 - row.gpu_hours_lost.value() / installed).max(0.0)
        } else {
            1.0
        });
    }
    let sum = |f: fn(&EnergyMonth) -> f64| months.iter().map(f).sum::<f64>();
    let load_mwh = sum(|m| m.load_mwh);
    let unserved_mwh = sum(|m| m.unserved_mwh);
    let served_mwh = load_mwh - unserved_mwh;
    let cost = Usd(sum(|m| m.cost.value()));
    let co2_t = sum(|m| m.co2_t);
    // Per year once the site is ready: no source is online before (`compile`), so a long
    // construction does not dilute the running cost.
    let years = months.len().saturating_sub(dc.totals.ready_month as usize) as f64 / 12.0;
    let hours_with_load = (0..months.len())
        .filter(|mi| dc.months[*mi].facility_mw > 0.0)
        .map(|mi| month_start[mi + 1] - month_start[mi])
        .sum::<usize>();
    let hours_short = short.iter().filter(|s| **s).count() as u32;
    let totals = EnergyTotals {
        load_mwh,
        served_mwh,
        cost,
        blended_price: UsdPerMwh(if served_mwh > 0.0 { cost.value() / served_mwh } else { 0.0 }),
        annual_cost: Usd(if years > 0.0 { cost.value() / years } else { 0.0 }),
        co2_t,
        annual_co2_t: if years > 0.0 { co2_t / years } else { 0.0 },
        g_co2_per_kwh: if served_mwh > 0.0 { co2_t * 1000.0 / served_mwh } else { 0.0 },
        renewable_share: Fraction(if drawn_mwh > 0.0 { renewable_used_mwh / drawn_mwh } else { 0.0 }),
        curtailed_mwh: sum(|m| m.curtailed_mwh),
        unserved_mwh,
        hours_short,
        fully_powered_share: Fraction(if hours_with_load > 0 {
            1.0 - f64::from(hours_short) / hours_with_load as f64
        } else {
            1.0
        }),
        gpu_hours_lost: GpuHours(sum(|m| m.gpu_hours_lost.value())),
        onsite_capex: Usd(onsite_capex),
        storage_mwh,
    };
    EnergyReport { months, totals, sites, replay }
}

#[cfg(test)]
mod tests {
    use super::super::{Battery, Grid, Renewable, SiteSupply};
    use super::*;
    use crate::units::{UsdPerKw, UsdPerKwh};
    use crate::{contract, datacenter, Scenario};

    fn dc(s: &Scenario) -> DatacenterReport {
        datacenter::evaluate(&s.hardware, &s.facility, &contract::evaluate(&s.contract), s.energy.seasons())
    }

    /// An 8-hour battery of `peak` MW held full as backup (all of it reserve).
    fn backup_battery(peak: f64) -> Source {
        Source::Battery(Battery {
            capacity_mw: peak,
            hours: 8.0,
            round_trip_efficiency: Fraction(0.86),
            capex_per_kwh: UsdPerKwh(300.0),
            reserve_share: Fraction(1.0),
            life_years: 15,
            online_month: 0,
        })
    }

    fn one_site(sources: Vec<Source>) -> Energy {
        Energy {
            gas_price: crate::units::UsdPerMmbtu(3.5),
            cost_of_capital: crate::units::PerYear(0.096),
            seed: 42,
            sites: vec![SiteSupply { name: "A".into(), latitude_deg: 35.0, sources }],
        }
    }

    fn single_site_scenario() -> Scenario {
        let mut s = Scenario::default();
        s.facility.sites = 1;
        s.facility.site_power_cap_mw = 1000.0;
        s
    }

    fn grid(capacity_mw: f64) -> Grid {
        match Source::new(SourceKind::Grid, capacity_mw) {
            Source::Grid(g) => g,
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_grid_only_site_costs_tariff_times_energy_by_hand() {
        let s = single_site_scenario();
        let d = dc(&s);
        let g = Grid { outages_per_year: 0.0, outage_hours_per_year: 0.0, ..grid(1000.0) };
        let r = evaluate(&one_site(vec![Source::Grid(g)]), &d);
        let mwh: f64 = d.months.iter().map(|m| m.facility_mw * m.month.hours().value()).sum();
        assert!((r.totals.load_mwh - mwh).abs() < 1e-6 * mwh);
        assert!((r.totals.cost.value() - 62.3 * mwh).abs() < 1e-6 * 62.3 * mwh);
        assert!((r.totals.blended_price.value() - 62.3).abs() < 1e-9);
        assert!((r.totals.co2_t - mwh * 367.0 / 1000.0).abs() < 1e-6 * mwh);
        assert_eq!(r.totals.hours_short, 0);
        assert_eq!(r.totals.fully_powered_share, Fraction(1.0));
        assert!(r.months.iter().all(|m| m.power_availability == Fraction(1.0)));
    }

    #[test]
    fn peak_tariff_and_demand_charge_by_hand() {
        let s = single_site_scenario();
        let d = dc(&s);
        let g = Grid {
            outages_per_year: 0.0,
            outage_hours_per_year: 0.0,
            peak_multiplier: 2.0,
            demand_charge: UsdPerKw(10.0),
            ..grid(1000.0)
        };
        let r = evaluate(&one_site(vec![Source::Grid(g)]), &d);
        // June 2026: 22 weekdays × 6 peak hours at double price; demand charge on the flat load.
        let june = &r.months[0];
        let load = d.months[0].facility_mw;
        let expected = 62.3 * load * (720.0 + 22.0 * 6.0) + 10.0 * 1000.0 * load;
        assert!(
            (june.cost.value() - expected).abs() < 1e-6 * expected,
            "{} vs {expected}",
            june.cost.value()
        );
        // The demand charge is the month's fixed cost; the energy bought is not.
        assert!((june.fixed_cost.value() - 10.0 * 1000.0 * load).abs() < 1e-6 * expected);
        // Solar is paid as generated, curtailed or not, whatever the load: all of it fixed.
        let mut solar = Source::new(SourceKind::Solar, 2000.0);
        if let Source::Solar(r) = &mut solar {
            r.price = UsdPerMwh(40.0);
        }
        let r = evaluate(&one_site(vec![solar]), &d);
        for m in &r.months {
            assert!(
                m.cost.value() > 0.0 && (m.fixed_cost.value() - m.cost.value()).abs() < 1e-9 * m.cost.value()
            );
        }
    }

    /// Simple-cycle turbines at $40/MWh and a grid at $30 off-peak, $60 in peak hours: the grid
    /// serves first off-peak, the turbines first in peak hours; and at a flat $62.3 (the
    /// reported deal's tariff) the turbines always run first.
    fn time_of_use_tariff_and_turbines() -> Vec<Source> {
        let g = Grid {
            outages_per_year: 0.0,
            outage_hours_per_year: 0.0,
            price: UsdPerMwh(30.0),
            peak_multiplier: 2.0,
            ..grid(1000.0)
        };
        let mut turbines = Source::new(SourceKind::GasSimpleCycle, 1000.0);
        if let Source::Gas(t) = &mut turbines {
            t.forced_outage_rate = Fraction(0.0);
        }
        vec![turbines, Source::Grid(g)]
    }

    #[test]
    fn the_cheapest_firm_source_or_grid_runs_first_at_the_hours_tariff() {
        let s = single_site_scenario();
        let d = dc(&s);
        let (grid_at, turbines_at) = (Category::ALL.iter().position(|c| *c == Category::Grid).unwrap(), 6);
        assert_eq!(Category::ALL[turbines_at], Category::Peaker);
        // Turbines: 10.0 MMBtu/MWh × $3.50 + $5 VOM = $40/MWh.
        let r = evaluate(&one_site(time_of_use_tariff_and_turbines()), &d);
        let june = &r.months[0];
        let load = d.months[0].facility_mw;
        let peak_hours = 22.0 * 6.0;
        assert!((june.supply_mwh[turbines_at] - load * peak_hours).abs() < 1e-6 * load);
        assert!((june.supply_mwh[grid_at] - load * (720.0 - peak_hours)).abs() < 1e-6 * load);
        let expected = load * (peak_hours * 40.0 + (720.0 - peak_hours) * 30.0);
        let fixed = june.cost.value() - expected;
        let mut flat = time_of_use_tariff_and_turbines();
        if let Source::Grid(g) = &mut flat[1] {
            (g.price, g.peak_multiplier) = (UsdPerMwh(62.3), 1.0);
        }
        let r = evaluate(&one_site(flat), &d);
        assert!((r.months[0].supply_mwh[turbines_at] - load * 720.0).abs() < 1e-6 * load);
        assert_eq!(r.months[0].supply_mwh[grid_at], 0.0);
        // The turbines' fixed charges are the same either way: only the hours' prices differ.
        assert!((r.months[0].cost.value() - load * 720.0 * 40.0 - fixed).abs() < 1e-6 * fixed);
    }

    #[test]
    fn energy_balances_every_hour_and_storage_stays_in_bounds() {
        let s = single_site_scenario();
        let d = dc(&s);
        let peak = d.totals.peak_facility_mw;
        for preset in super::super::presets::EnergyPreset::ALL {
            let mut e = one_site(preset.sources(peak * 0.6));
            e.sites[0].sources.push(Source::new(SourceKind::Wind, peak * 0.5));
            let r = evaluate(&e, &d);
            let hours: Vec<HourRow> = (0..r.weeks()).flat_map(|w| r.week(w)).collect();
            assert_eq!(hours.len(), d.months.iter().map(|m| m.month.days() as usize * 24).sum::<usize>());
            for (h, row) in hours.iter().enumerate() {
                let supply: f64 = row.supply.iter().sum();
                let lhs = supply + row.unserved;
                let rhs = row.load + row.charging + row.curtailed;
                assert!((lhs - rhs).abs() <= 1e-9 * rhs.max(1.0), "{preset:?} hour {h}: {lhs} vs {rhs}");
                assert!(row.stored >= -1e-9 && row.stored <= r.totals.storage_mwh + 1e-9);
                assert!(row.curtailed >= 0.0 && row.unserved >= 0.0 && row.charging >= 0.0);
            }
        }
    }

    #[test]
    fn a_battery_covers_grid_outages_it_can_reach() {
        let s = single_site_scenario();
        let d = dc(&s);
        let peak = d.totals.peak_facility_mw;
        let g = Grid { outages_per_year: 6.0, outage_hours_per_year: 12.0, ..grid(peak * 1.2) };
        let without = evaluate(&one_site(vec![Source::Grid(g.clone())]), &d);
        assert!(without.totals.hours_short > 0, "outages must bite");
        let battery = backup_battery(peak);
        let with = evaluate(&one_site(vec![Source::Grid(g), battery]), &d);
        assert!(with.totals.unserved_mwh < 0.5 * without.totals.unserved_mwh);
        assert!(with.totals.gpu_hours_lost.value() < without.totals.gpu_hours_lost.value());
        assert!(with.totals.cost.value() > without.totals.cost.value(), "batteries are not free");
    }

    /// An islanded site on simple-cycle turbines: a battery that covers a turbine's outage is
    /// refilled from the other's spare capacity (until 2026-12-01 turbines, then "peakers",
    /// never refilled a battery, so its backup was spent once).
    #[test]
    fn turbines_refill_the_battery_that_covered_their_outage() {
        let s = single_site_scenario();
        let d = dc(&s);
        let peak = d.totals.peak_facility_mw;
        let mut turbines = Source::new(SourceKind::GasSimpleCycle, 1.5 * peak);
        if let Source::Gas(t) = &mut turbines {
            (t.units, t.forced_outage_rate, t.repair_hours) = (2, Fraction(0.02), 6.0);
        }
        let battery = backup_battery(peak);
        let r = evaluate(&one_site(vec![turbines, battery]), &d);
        let hours: Vec<HourRow> = (0..r.weeks()).flat_map(|w| r.week(w)).collect();
        let full = r.totals.storage_mwh;
        let used = hours.iter().position(|h| h.stored < full - 1e-6).expect("an outage draws on the battery");
        let refilled = hours[used..].iter().position(|h| h.stored >= full - 1e-6).map(|k| k + used);
        let drawn_again = refilled.and_then(|k| hours[k..].iter().position(|h| h.stored < full - 1e-6));
        assert!(refilled.is_some() && drawn_again.is_some(), "the battery is refilled and used again");
    }

    #[test]
    fn the_week_shown_first_is_the_worst_or_else_one_of_the_busiest_month() {
        // Every hour served, delivery six months late: not week 1 (nothing installed), but the
        // first whole week of the month with the most load.
        let mut s = single_site_scenario();
        s.contract.ramp_delay_months = 6;
        s.contract.ramp_months = 12;
        let d = dc(&s);
        let steady = Grid { outages_per_year: 0.0, outage_hours_per_year: 0.0, ..grid(1000.0) };
        let r = evaluate(&one_site(vec![Source::Grid(steady)]), &d);
        let (week, short) = r.telling_week();
        assert!(!short);
        let start = week * WEEK_HOURS;
        let mut before = 0;
        let month = r.months.iter().position(|m| {
            before += m.month.hours().value() as usize;
            start < before
        });
        let most = r.months.iter().map(|m| m.load_mwh).fold(0.0, f64::max);
        let month = month.unwrap();
        assert!(month >= 17 && r.months[month].load_mwh == most, "week {week} is in month {month}");
        assert!(start >= before - r.months[month].month.hours().value() as usize, "a whole week inside it");
        // Short of power: the week with the most load unserved.
        let peak = d.totals.peak_facility_mw;
        let r = evaluate(&one_site(vec![Source::Grid(grid(0.6 * peak))]), &d);
        let (week, short) = r.telling_week();
        let most = r.weekly_unserved().iter().copied().fold(0.0, f64::max);
        assert!(short && most > 0.0 && r.weekly_unserved()[week] == most);
    }

    #[test]
    fn solar_without_storage_leaves_nights_unserved_and_curtails_noon() {
        let s = single_site_scenario();
        let d = dc(&s);
        let peak = d.totals.peak_facility_mw;
        let solar = Source::Solar(Renewable {
            capacity_mw: 3.0 * peak,
            capacity_factor: Fraction(0.24),
            price: UsdPerMwh(58.0),
            online_month: 0,
        });
        let r = evaluate(&one_site(vec![solar]), &d);
        assert!(r.totals.curtailed_mwh > 0.0);
        assert!(r.totals.fully_powered_share.value() < 0.5);
        let lost = r.totals.gpu_hours_lost.value();
        let installed: f64 = d.months.iter().map(|m| m.installed_gpus * m.month.hours().value()).sum();
        assert!(lost > 0.4 * installed && lost < installed);
        assert!((r.totals.renewable_share.value() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn sources_wait_for_their_online_month() {
        let s = single_site_scenario();
        let d = dc(&s);
        let g = Grid { outages_per_year: 0.0, outage_hours_per_year: 0.0, online_month: 3, ..grid(1e4) };
        let r = evaluate(&one_site(vec![Source::Grid(g)]), &d);
        assert!(r.months[..3]
            .iter()
            .all(|m| m.unserved_mwh == m.load_mwh && m.power_availability.value() == 0.0));
        assert!(r.months[3..].iter().all(|m| m.unserved_mwh == 0.0));
    }

    #[test]
    fn gas_costs_fuel_om_and_capital_and_emits_by_its_heat_rate() {
        let s = single_site_scenario();
        let d = dc(&s);
        let mut gas = Source::new(SourceKind::GasReciprocating, 1000.0);
        if let Source::Gas(g) = &mut gas {
            g.forced_outage_rate = Fraction(0.0);
        }
        let r = evaluate(&one_site(vec![gas]), &d);
        let mwh = r.totals.load_mwh;
        let fuel_om = mwh * (8.5 * 3.5 + 6.0);
        let monthly =
            (1000.0 * 1000.0 * 35.0 + 1000.0 * 1000.0 * 2400.0 * capital_recovery_factor(0.096, 20)) / 12.0;
        let expected = fuel_om + 36.0 * monthly;
        assert!((r.totals.cost.value() - expected).abs() < 1e-6 * expected);
        assert!((r.totals.co2_t - mwh * 8.5 * 53.06 / 1000.0).abs() < 1e-6 * r.totals.co2_t);
        assert_eq!(r.totals.onsite_capex, Usd(1000.0 * 1000.0 * 2400.0));
    }

    #[test]
    fn a_campus_plant_is_commissioned_with_its_halls_but_is_paid_through_a_delivery_slip() {
        // Gas and a battery (their fixed costs a month) and solar, all online from month 0 in their own
        // inputs. With the halls 6 months away, neither charges nor delivers (nor is curtailed)
        // before month 6; with the halls ready and the accelerators 6 months late, the plant
        // stands idle and is paid from month 0.
        let monthly =
            (1000.0 * 1000.0 * 35.0 + 1000.0 * 1000.0 * 2400.0 * capital_recovery_factor(0.096, 20)) / 12.0;
        let mut gas = Source::new(SourceKind::GasReciprocating, 1000.0);
        if let Source::Gas(g) = &mut gas {
            g.forced_outage_rate = Fraction(0.0);
        }
        let battery = Source::new(SourceKind::Battery, 100.0);
        let monthly = monthly
            + match &battery {
                Source::Battery(b) => {
                    b.capacity_mw
                        * b.hours
                        * 1000.0
                        * b.capex_per_kwh.value()
                        * capital_recovery_factor(0.096, b.life_years)
                        / 12.0
                }
                _ => unreachable!(),
            };
        let e = one_site(vec![gas, Source::new(SourceKind::Solar, 300.0), battery]);
        let fixed = |r: &EnergyReport, m: usize| {
            // A month's cost less its fuel, O&M and solar energy (solar is paid per MWh used).
            let mwh =
                |k: Category| r.months[m].supply_mwh[Category::ALL.iter().position(|c| *c == k).unwrap_or(0)];
            r.months[m].cost.value() - mwh(Category::Gas) * (8.5 * 3.5 + 6.0) - mwh(Category::Solar) * 58.0
        };
        let mut halls_late = single_site_scenario();
        halls_late.facility.construction_months = 6;
        let r = evaluate(&e, &dc(&halls_late));
        assert_eq!(dc(&halls_late).totals.ready_month, 6);
        for m in &r.months[..6] {
            assert_eq!((m.cost, m.curtailed_mwh, m.supply_mwh.iter().sum::<f64>()), (Usd(0.0), 0.0, 0.0));
        }
        // The battery stores nothing the week chart shows until it is commissioned.
        assert!(r.week(0).iter().all(|h| h.stored == 0.0));
        assert!(r.week(r.weeks() - 1).iter().any(|h| h.stored > 0.0));
        assert!((fixed(&r, 6) - monthly).abs() < 1e-6 * monthly, "{}", fixed(&r, 6));
        // The cost a year is the running cost: over the 30 months from the halls on.
        assert!(
            (r.totals.annual_cost.value() - r.totals.cost.value() / 2.5).abs()
                < 1e-6 * r.totals.annual_cost.value()
        );
        let mut gpus_late = single_site_scenario();
        gpus_late.contract.ramp_delay_months = 6;
        let r = evaluate(&e, &dc(&gpus_late));
        assert_eq!(r.months[0].load_mwh, 0.0);
        for m in 0..6 {
            assert!((fixed(&r, m) - monthly).abs() < 1e-6 * monthly, "month {m}: {}", fixed(&r, m));
        }
    }

    #[test]
    fn same_seed_same_hours() {
        let s = Scenario::default();
        let d = dc(&s);
        let e = super::super::Energy::deal_default(2);
        assert_eq!(evaluate(&e, &d), evaluate(&e, &d));
        let mut other = e.clone();
        other.seed = 2;
        let hours = |e: &Energy| {
            let r = evaluate(e, &d);
            (0..r.weeks()).flat_map(|w| r.week(w)).collect::<Vec<_>>()
        };
        assert!(hours(&e) != hours(&other), "another seed, other outages and weather");
    }

    /// Every hour of the term dispatched one after another, none reused: the reference a
    /// replayed week must equal.
    /// Every hour of the term dispatched one by one, with what the term's hours cost beyond
    /// their sources' fixed costs and what they emit (t CO2).
    fn every_hour(e: &Energy, d: &DatacenterReport) -> (Vec<HourRow>, f64, f64) {
        let r = evaluate(e, d);
        let (month_start, months) = (&r.replay.month_start, &r.replay.months);
        let total = month_start.last().copied().unwrap_or(0);
        let mut rows = vec![HourRow::default(); total];
        let (mut cost, mut co2) = (0.0, 0.0);
        for si in 0..e.sites.len() {
            let units = compile(e, si, total, month_start, d.totals.ready_month);
            let orders = merit_orders(&units);
            let of = |k: &[SourceKind]| {
                (0..units.len()).filter(|i| k.contains(&units[*i].kind)).collect::<Vec<_>>()
            };
            let (batteries, renewables) =
                (of(&[SourceKind::Battery]), of(&[SourceKind::Solar, SourceKind::Wind]));
            let mut stored: Vec<f64> = units.iter().map(|u| u.energy_capacity).collect();
            let mut scratch = Scratch::new(units.len());
            for (mi, (load, year_offset, first_weekday)) in months.iter().enumerate() {
                for (k, h) in (month_start[mi]..month_start[mi + 1]).enumerate() {
                    let hour_of_year = (year_offset + k / 24).min(364) * 24 + k % 24;
                    let peak = is_peak_hour_into(*first_weekday, k);
                    let o = step(
                        &units,
                        &mut stored,
                        &orders[usize::from(peak)],
                        &batteries,
                        &renewables,
                        h,
                        hour_of_year,
                        *load,
                        &mut scratch,
                    );
                    add_hour(&mut rows[h], &o, *load);
                    cost += if peak { o.cost_peak } else { o.cost_offpeak } - o.weather_cost;
                    co2 += o.co2;
                }
            }
        }
        (rows, cost, co2)
    }

    #[test]
    fn a_replayed_week_is_exactly_those_hours_of_the_whole_run() {
        let s = Scenario::default();
        let d = dc(&s);
        let peak = d.totals.peak_facility_mw;
        // The default; every preset as it is (no weather in some: runs of repeated hours are
        // reused) and with wind added (weather every hour); and sources coming online mid-term
        // (a battery in month 5, a gas plant in month 7: what ends a run of reused hours).
        let mut energies = vec![super::super::Energy::deal_default(2)];
        for preset in super::super::presets::EnergyPreset::ALL {
            for wind in [false, true] {
                let mut e = super::super::Energy::deal_default(2);
                for site in &mut e.sites {
                    site.sources = preset.sources(peak * 0.3);
                    if wind {
                        site.sources.push(Source::new(SourceKind::Wind, peak * 0.25));
                    }
                }
                energies.push(e);
            }
        }
        let mut late = super::super::Energy::deal_default(2);
        for site in &mut late.sites {
            site.sources = vec![Source::Grid(Grid { outages_per_year: 4.0, ..grid(peak * 0.3) })];
            let mut battery = Source::new(SourceKind::Battery, peak * 0.2);
            let mut gas = Source::new(SourceKind::GasCombinedCycle, peak * 0.4);
            if let (Source::Battery(b), Source::Gas(g)) = (&mut battery, &mut gas) {
                b.online_month = 5;
                g.online_month = 7;
            }
            site.sources.extend([battery, gas]);
        }
        energies.push(late);
        let mut tou = super::super::Energy::deal_default(2);
        for site in &mut tou.sites {
            site.sources = time_of_use_tariff_and_turbines();
        }
        energies.push(tou);
        // One site on a grid alone, dearer in peak hours, with outages: long spans of steady
        // hours, each part peak and part off-peak, and hours short of power.
        let mut outages = super::super::Energy::deal_default(1);
        outages.sites[0].sources = vec![Source::Grid(Grid {
            outages_per_year: 6.0,
            outage_hours_per_year: 60.0,
            peak_multiplier: 1.5,
            ..grid(peak * 1.2)
        })];
        energies.push(outages);
        for e in &energies {
            let r = evaluate(e, &d);
            let (all, hourly_cost, hourly_co2) = every_hour(e, &d);
            // The whole run, which counts a span of identical hours once (a time-of-use
            // tariff ends a span where its order changes and prices its peak hours apart),
            // adds up to what dispatching every hour does.
            let close = |whole: f64, hourly: f64, what: &str| {
                assert!(
                    (whole - hourly).abs() <= 1e-9 * hourly.abs().max(1.0),
                    "{what}: {whole} vs {hourly}"
                );
            };
            let sum = |f: &dyn Fn(&EnergyMonth) -> f64| r.months.iter().map(f).sum::<f64>();
            let sum_hours = |f: &dyn Fn(&HourRow) -> f64| all.iter().map(f).sum::<f64>();
            for (c, name) in Category::ALL.iter().enumerate() {
                close(sum(&|m| m.supply_mwh[c]), sum_hours(&|h| h.supply[c]), &format!("{name:?}"));
            }
            close(sum(&|m| m.load_mwh), sum_hours(&|h| h.load), "load");
            close(sum(&|m| m.charging_mwh), sum_hours(&|h| h.charging), "charging");
            close(sum(&|m| m.curtailed_mwh), sum_hours(&|h| h.curtailed), "curtailed");
            close(sum(&|m| m.unserved_mwh), sum_hours(&|h| h.unserved), "unserved");
            close(sum(&|m| m.cost.value() - m.fixed_cost.value()), hourly_cost, "cost by the hour");
            close(r.totals.co2_t, hourly_co2, "CO2");
            let short = all.iter().filter(|h| h.unserved > 1e-9 * h.load.max(1e-9)).count();
            if e.sites.len() == 1 {
                assert_eq!(r.totals.hours_short as usize, short, "hours short");
            }
            assert_eq!(r.weeks(), all.len().div_ceil(WEEK_HOURS));
            for w in 0..r.weeks() {
                let week = r.week(w);
                assert!(
                    week.as_slice() == &all[w * WEEK_HOURS..((w + 1) * WEEK_HOURS).min(all.len())],
                    "week {w}"
                );
                let unserved: f64 = week.iter().map(|h| h.unserved).sum();
                assert!((r.weekly_unserved()[w] - unserved).abs() <= 1e-9 * unserved.max(1.0), "week {w}");
            }
            assert!(r.week(r.weeks()).is_empty());
            assert!(evaluate_with(e, &d, false).week(0).is_empty());
        }

        // Batteries charge in some of these, and some hours are short of power.
        assert!(energies.iter().any(|e| every_hour(e, &d).0.iter().any(|h| h.charging > 0.0)));
        assert!(energies.iter().any(|e| evaluate(e, &d).totals.unserved_mwh > 0.0));
    }

    #[test]
    fn each_sites_week_adds_up_to_the_whole_week() {
        let s = Scenario::default();
        let d = dc(&s);
        let peak = d.totals.peak_facility_mw;
        // Two sites with different supplies: a grid site and an island with gas and batteries.
        let mut e = super::super::Energy::deal_default(2);
        e.sites[1].sources = super::super::presets::EnergyPreset::ALL[1].sources(peak * 0.3);
        let r = evaluate(&e, &d);
        assert_eq!(r.sites.len(), 2);
        let week = r.telling_week().0;
        let (whole, first, second) = (r.week(week), r.week_at(week, Some(0)), r.week_at(week, Some(1)));
        assert_eq!(whole.len(), WEEK_HOURS);
        assert_ne!(first, second, "the sites' supplies differ");
        for ((all, a), b) in whole.iter().zip(&first).zip(&second) {
            let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
            assert!(close(all.load, a.load + b.load) && close(all.unserved, a.unserved + b.unserved));
            for c in 0..all.supply.len() {
                assert!(close(all.supply[c], a.supply[c] + b.supply[c]), "{all:?} {a:?} {b:?}");
            }
        }
        assert!(r.week_at(week, Some(2)).is_empty(), "no third site");
    }

    #[test]
    fn short_share_sums_each_sites_worst_hour() {
        // Two gas-islanded sites with outage-prone engines: each is short now and then, in hours
        // of its own (each site draws its outages from its own stream).
        let d = dc(&Scenario::default());
        let site_peak = d.totals.peak_facility_mw / 2.0;
        let mut energy = super::super::Energy::deal_default(2);
        for site in &mut energy.sites {
            site.sources = super::super::presets::EnergyPreset::GasIslanded.sources(site_peak);
            for src in &mut site.sources {
                if let Source::Gas(g) = src {
                    g.forced_outage_rate = Fraction(0.15);
                }
            }
        }
        let r = evaluate(&energy, &d);
        assert!(r.totals.hours_short > 0);
        // Every hour again, site by site from the replay, each site holding half the fleet: per
        // month, each site's worst share, and (for contrast) the worst of the hours' sums.
        let mut month_of_hour = Vec::new();
        for (i, m) in r.months.iter().enumerate() {
            month_of_hour.extend(std::iter::repeat_n(i, m.month.days() as usize * 24));
        }
        let mut site_worst = vec![[0.0f64; 2]; r.months.len()];
        let mut hour_worst = vec![0.0f64; r.months.len()];
        for w in 0..r.weeks() {
            let sites: Vec<Vec<HourRow>> = (0..2).map(|i| r.week_at(w, Some(i))).collect();
            for h in 0..sites[0].len() {
                let month = month_of_hour[w * WEEK_HOURS + h];
                let shares = [0, 1].map(|i| {
                    let row = &sites[i][h];
                    if row.load > 0.0 {
                        row.unserved / row.load / 2.0
                    } else {
                        0.0
                    }
                });
                for (worst, share) in site_worst[month].iter_mut().zip(shares) {
                    *worst = worst.max(share);
                }
                hour_worst[month] = hour_worst[month].max(shares[0] + shares[1]);
            }
        }
        for (i, m) in r.months.iter().enumerate() {
            let want = site_worst[i][0] + site_worst[i][1];
            assert!(
                (m.short_share.value() - want).abs() < 1e-12,
                "{}: {} vs {want}",
                m.month.label(),
                m.short_share.value()
            );
            let lost = 1.0 - m.power_availability.value();
            assert!(m.short_share.value() <= 1.0 && lost <= m.short_share.value() + 1e-12, "{m:?}");
            assert_eq!(m.short_share.value() > 0.0, m.hours_short > 0, "{m:?}");
        }
        // The sites' worst hours differ in some month: there the fewest instances that can have
        // lost the hours are more than the worst single hour's.
        assert!((0..r.months.len()).any(|i| site_worst[i][0] + site_worst[i][1] > hour_worst[i] + 1e-9));
        // The reported deal's supply serves every hour.
        let deal = evaluate(&super::super::Energy::deal_default(2), &d);
        assert!(deal.months.iter().all(|m| m.short_share == Fraction(0.0)));
    }
}
