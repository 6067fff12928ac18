//! The alternatives to the contract: buying the compute of the same delivered GPU-hours, month by month, on
//! hyperscaler on-demand, 1- and 3-year reservations, a specialist GPU cloud, or building the
//! capacity yourself. Equations are listed in DESIGN.md §Alternatives.

use super::contract::ContractReport;
use super::datacenter::DatacenterReport;
use super::energy::EnergyReport;
use super::finance::{discount_factor, npv};
use super::hardware::Hardware;
use super::scenario::{Alternatives, Contract, DataMovement};
use super::units::{Fraction, GpuHours, Usd, UsdPerGpuHour};
use serde::Serialize;

/// A way of buying the compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// The contract itself.
    Contract,
    /// Hyperscaler on-demand.
    OnDemand,
    /// Hyperscaler one-year reservation.
    #[serde(rename = "reserved_1yr")]
    Reserved1Yr,
    /// Hyperscaler three-year reservation.
    #[serde(rename = "reserved_3yr")]
    Reserved3Yr,
    /// Specialist GPU cloud contract.
    Neocloud,
    /// Build and run the capacity yourself.
    BuildOwn,
}

impl Choice {
    /// Every option, the contract first.
    pub const ALL: [Self; 6] = [
        Self::Contract,
        Self::OnDemand,
        Self::Reserved1Yr,
        Self::Reserved3Yr,
        Self::Neocloud,
        Self::BuildOwn,
    ];

    /// Whether this option runs outside the lab's home cloud and so pays egress on the data
    /// moved (the hyperscaler options are taken to be the home cloud).
    pub const fn pays_egress(self) -> bool {
        matches!(self, Self::Contract | Self::Neocloud | Self::BuildOwn)
    }

    /// A short name.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Contract => "This contract",
            Self::OnDemand => "Hyperscaler on-demand",
            Self::Reserved1Yr => "Hyperscaler 1-yr reserved",
            Self::Reserved3Yr => "Hyperscaler 3-yr reserved",
            Self::Neocloud => "GPU cloud 1-yr contract",
            Self::BuildOwn => "Build your own",
        }
    }
}

/// One option's cost of the same workload.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionCost {
    /// Which option.
    pub option: Choice,
    /// Cash paid each month of the term.
    pub monthly: Vec<Usd>,
    /// Cumulative cash paid by the end of each month.
    pub cumulative: Vec<Usd>,
    /// Total nominal cost.
    pub nominal_cost: Usd,
    /// Net present value at the contract's discount rate.
    pub npv_cost: Usd,
    /// Levelized cost per delivered GPU-hour: the present value of the cost over the present
    /// value of the delivered GPU-hours, both at the contract's discount rate (the GPU-hour's
    /// analogue of the levelized cost of energy). Capital paid ahead and a resale at the end
    /// count at their dates; where cost follows delivery month by month (rentals, a contract
    /// billed as it delivers) it equals the nominal cost over the hours.
    pub usd_per_gpu_hour: UsdPerGpuHour,
    /// Share of the contract's scheduled GPU-hours this option provides itself: 1 for rentals;
    /// for building your own and for the contract, what the datacenter design installs of the
    /// scheduled accelerators (power caps, construction, interconnection, a generation's first
    /// month). The shortfall is rented at the cheapest rental's price ([`Comparison::top_up`]),
    /// so every option still buys the same compute.
    pub own_share: f64,
    /// The first month from which this option has cost less, cumulatively, than the contract
    /// through the end of the term (index into the term); `None` if it never does.
    pub breakeven_month: Option<u32>,
}

/// All options side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The contract first, then the alternatives, in [`Choice::ALL`] order.
    pub options: Vec<OptionCost>,
    /// The option with the lowest present value.
    pub cheapest: Choice,
    /// Moving the data: egress cost and transfer times.
    pub data: DataReport,
    /// The rental with the lowest price per GPU-hour: building your own, and the contract when
    /// its datacenter falls short of the schedule, rent the shortfall from it.
    pub top_up: Choice,
    /// H100-class GPU-hours a rental buys for each delivered GPU-hour of the mix, to match its
    /// compute ([`crate::hardware::Hardware::h100_equivalents`]).
    pub h100_per_gpu_hour: f64,
}

/// Hours in an average month (8,766 h a year ÷ 12).
const HOURS_PER_MONTH: f64 = 730.5;

/// One option's egress.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OptionEgress {
    /// Which option.
    pub option: Choice,
    /// Egress paid in each month with delivered GPU-hours.
    pub monthly_cost: Usd,
    /// Over the term.
    pub term_cost: Usd,
}

/// What moving data between the home cloud and the compute costs and takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataReport {
    /// Each option's egress, in [`Choice::ALL`] order (none for the hyperscaler options).
    pub egress: Vec<OptionEgress>,
    /// The sustained bandwidth the busier direction needs, Gbps.
    pub required_gbps: f64,
    /// That bandwidth as a share of the link's (over 1: the link cannot carry it).
    pub link_share: f64,
    /// Hours to move one checkpoint over the link.
    pub checkpoint_hours: f64,
    /// Hours to move one dataset over the link.
    pub dataset_hours: f64,
}

impl DataReport {
    /// One option's egress.
    pub fn of(&self, option: Choice) -> &OptionEgress {
        self.egress.iter().find(|e| e.option == option).expect("every option has a row")
    }
}

/// Egress and transfer times. An option outside the home cloud pays, each month with delivery,
/// `out · 1,000 GB/TB · p_home + back · 1,000 · p_own` with `p_own` its provider's price (the
/// contract's provider, the GPU cloud; building your own: 0, your own network). A transfer of
/// `tb` over `gbps` takes `tb × 8,000 / gbps` seconds (10¹² bytes × 8 bits ÷ 10⁹ bit/s); the link
/// is full duplex, so the busier direction sets the load.
pub fn data_report(d: &DataMovement, months_with_delivery: usize) -> DataReport {
    let gb = |tb: f64, price: f64| Usd(tb * 1000.0 * price);
    let egress = Choice::ALL
        .iter()
        .map(|&option| {
            let back = match option {
                Choice::Contract => d.provider_egress_usd_per_gb,
                Choice::Neocloud => d.neocloud_egress_usd_per_gb,
                _ => 0.0,
            };
            let monthly_cost = if option.pays_egress() {
                gb(d.out_tb, d.home_egress_usd_per_gb) + gb(d.back_tb, back)
            } else {
                Usd(0.0)
            };
            OptionEgress { option, monthly_cost, term_cost: monthly_cost * months_with_delivery as f64 }
        })
        .collect();
    let hours = |tb: f64| tb * 8000.0 / d.link_gbps / 3600.0;
    let required_gbps = d.out_tb.max(d.back_tb) * 8000.0 / (HOURS_PER_MONTH * 3600.0);
    DataReport {
        egress,
        required_gbps,
        link_share: required_gbps / d.link_gbps,
        checkpoint_hours: hours(d.checkpoint_tb),
        dataset_hours: hours(d.dataset_tb),
    }
}

impl OptionCost {
    /// Whether the option rents a visible part of the GPU-hours (building your own short of the
    /// contract's fleet by at least 0.05 %, so its share never reads "100 %").
    pub fn rents_part(&self) -> bool {
        self.own_share < 0.9995
    }
}

impl Comparison {
    /// The cheapest alternative to the contract (by present value).
    pub fn best_alternative(&self) -> &OptionCost {
        self.options
            .iter()
            .filter(|o| o.option != Choice::Contract)
            .min_by(|a, b| a.npv_cost.value().total_cmp(&b.npv_cost.value()))
            .expect("there are always alternatives")
    }

    /// One option's figures.
    pub fn get(&self, option: Choice) -> &OptionCost {
        self.options.iter().find(|o| o.option == option).expect("every option is evaluated")
    }

    /// The contract's present value less `option`'s, data movement included (negative: the
    /// contract is cheaper).
    pub fn premium_over(&self, option: Choice) -> f64 {
        self.get(Choice::Contract).npv_cost.value() - self.get(option).npv_cost.value()
    }
}

/// Building your own capacity as cash: the monthly flows, and the resale at the end of the term.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildOwnCash {
    /// Each month of the term: capital as the datacenter model spends it, and the energy
    /// model's running cost: the part that follows the load (fuel, grid energy, firm PPAs)
    /// scaled by the expected availability, since accelerators draw power while they run; the
    /// fixed part ([`crate::energy::EnergyMonth::fixed_cost`]: fixed charges, solar and wind
    /// output) in full.
    pub monthly: Vec<Usd>,
    /// The undepreciated book value credited back at the end of the term (straight-line over
    /// the facility's IT and building lives, from the month each asset goes into service).
    pub resale: Usd,
}

/// Builds the cash of building your own capacity from the datacenter model's build-out.
pub fn build_own_monthly(
    dc: &DatacenterReport,
    energy: &EnergyReport,
    availability: Fraction,
) -> BuildOwnCash {
    let monthly: Vec<Usd> = dc
        .months
        .iter()
        .zip(&energy.months)
        .map(|(m, e)| {
            m.it_capex + m.facility_capex + e.fixed_cost + (e.cost - e.fixed_cost) * availability.value()
        })
        .collect();
    BuildOwnCash { monthly, resale: dc.totals.book_value_at_end }
}

/// Compares the contract with every alternative on the compute of the same delivered
/// GPU-hours. Rentals are quoted per H100-class GPU-hour and buy
/// [`crate::hardware::Hardware::h100_equivalents`] of them for each delivered GPU-hour of the
/// mix; building your own rents what its design does not install, row by row, at each row's
/// H100-class hours.
pub fn compare(
    contract: &Contract,
    report: &ContractReport,
    alt: &Alternatives,
    dc: &DatacenterReport,
    energy: &EnergyReport,
    hardware: &Hardware,
) -> Comparison {
    // Every option supplies the GPU-hours the contract schedules; the contract's own delivery
    // falls short of them where the datacenter has not installed the schedule.
    let hours: Vec<GpuHours> = report.months.iter().map(|m| m.scheduled_gpu_hours).collect();
    let total_hours: GpuHours = hours.iter().copied().sum();
    let h100_per_gpu_hour = hardware.h100_equivalents();
    let rent = |price: UsdPerGpuHour| {
        hours.iter().map(|h| price * GpuHours(h.value() * h100_per_gpu_hour)).collect::<Vec<_>>()
    };
    let od = alt.hyperscaler_on_demand;
    let rentals = [
        (Choice::OnDemand, od),
        (Choice::Reserved1Yr, UsdPerGpuHour(od.value() * (1.0 - alt.reserved_1yr_discount.value()))),
        (Choice::Reserved3Yr, UsdPerGpuHour(od.value() * (1.0 - alt.reserved_3yr_discount.value()))),
        (Choice::Neocloud, alt.neocloud_price),
    ];
    // Building your own provides what its design installs of the planned accelerators, and the
    // contract's provider delivers what its datacenter (the same design) installs; the hours
    // either falls short are rented at the cheapest rental's price.
    let own: Vec<f64> =
        hours.iter().zip(&dc.months).map(|(h, m)| crate::installed_share(m) * h.value()).collect();
    // The H100-class hours that stand in for what is not installed, row by row: a generation
    // not yet available leaves its own accelerators out, not the mix's average.
    let ratios = hardware.h100_ratios();
    let missing: Vec<f64> = hours
        .iter()
        .zip(&dc.months)
        .map(|(h, m)| {
            // Nothing missing when the build is the plan (to rounding, as the contract reads it).
            if m.planned_gpus <= 0.0 || crate::installed_share(m) == 1.0 {
                return 0.0;
            }
            let short: f64 = hardware
                .mix
                .iter()
                .zip(&ratios)
                .zip(&m.installed_by_row)
                .map(|((row, k), installed)| (m.planned_gpus * row.share.value() - installed).max(0.0) * k)
                .sum();
            h.value() / m.planned_gpus * short
        })
        .collect();
    let (top_up, top_up_price) = rentals
        .iter()
        .copied()
        .min_by(|a, b| a.1.value().total_cmp(&b.1.value()))
        .expect("there are always rentals");
    let own_cash = build_own_monthly(dc, energy, contract.sla.expected_availability);
    let mut build = own_cash.monthly;
    for (m, rented) in build.iter_mut().zip(&missing) {
        *m += top_up_price * GpuHours(*rented);
    }
    // The resale shows in the last month's cash; its present value is dated at the end of the
    // term, a month after that month's start.
    let term = build.len() as u32;
    if let Some(last) = build.last_mut() {
        *last = *last - own_cash.resale;
    }
    let resale_later = own_cash.resale
        * (discount_factor(contract.discount_rate, term.saturating_sub(1))
            - discount_factor(contract.discount_rate, term));
    let pv_hours: f64 =
        hours.iter().zip(0u32..).map(|(h, m)| h.value() * discount_factor(contract.discount_rate, m)).sum();
    let flows = [
        (
            Choice::Contract,
            report
                .months
                .iter()
                .zip(&missing)
                .map(|(m, rented)| m.payment + top_up_price * GpuHours(*rented))
                .collect(),
        ),
        (rentals[0].0, rent(rentals[0].1)),
        (rentals[1].0, rent(rentals[1].1)),
        (rentals[2].0, rent(rentals[2].1)),
        (rentals[3].0, rent(rentals[3].1)),
        (Choice::BuildOwn, build),
    ];
    let data = data_report(&alt.data_movement, hours.iter().filter(|h| h.value() > 0.0).count());
    // Options outside the home cloud pay egress in every month they deliver.
    let flows = flows.map(|(option, mut monthly): (Choice, Vec<Usd>)| {
        let egress = data.of(option).monthly_cost;
        for (m, h) in monthly.iter_mut().zip(&hours) {
            if h.value() > 0.0 {
                *m += egress;
            }
        }
        (option, monthly)
    });
    let own_share =
        if total_hours.value() > 0.0 { own.iter().sum::<f64>() / total_hours.value() } else { 1.0 };
    let deal_cumulative = cumulative(&flows[0].1);
    let options: Vec<OptionCost> = flows
        .into_iter()
        .map(|(option, monthly)| {
            let cum = cumulative(&monthly);
            let nominal_cost = cum.last().copied().unwrap_or_default();
            let mut npv_cost = npv(contract.discount_rate, monthly.iter().copied());
            if option == Choice::BuildOwn {
                npv_cost += resale_later;
            }
            OptionCost {
                option,
                breakeven_month: if option == Choice::Contract {
                    None
                } else {
                    breakeven(&cum, &deal_cumulative)
                },
                npv_cost,
                usd_per_gpu_hour: UsdPerGpuHour(if pv_hours > 0.0 {
                    npv_cost.value() / pv_hours
                } else {
                    f64::NAN
                }),
                own_share: if matches!(option, Choice::BuildOwn | Choice::Contract) {
                    own_share
                } else {
                    1.0
                },
                nominal_cost,
                cumulative: cum,
                monthly,
            }
        })
        .collect();
    let cheapest = options
        .iter()
        .min_by(|a, b| a.npv_cost.value().total_cmp(&b.npv_cost.value()))
        .map_or(Choice::Contract, |o| o.option);
    debug_assert!(discount_factor(contract.discount_rate, 0) == 1.0);
    Comparison { options, cheapest, data, top_up, h100_per_gpu_hour }
}

fn cumulative(flows: &[Usd]) -> Vec<Usd> {
    let mut total = Usd(0.0);
    flows
        .iter()
        .map(|f| {
            total += *f;
            total
        })
        .collect()
}

/// The first index from which `alt` stays at or below `deal` to the end; `None` if it ends above.
fn breakeven(alt: &[Usd], deal: &[Usd]) -> Option<u32> {
    let mut first = None;
    for (m, (a, d)) in alt.iter().zip(deal).enumerate() {
        if a.value() <= d.value() {
            first.get_or_insert(m as u32);
        } else {
            first = None;
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract;
    use crate::scenario::Scenario;

    fn compare_default(s: &Scenario) -> Comparison {
        let r = contract::evaluate(&s.contract);
        let dc = crate::datacenter::evaluate(&s.hardware, &s.facility, &r, s.energy.seasons());
        let energy = crate::energy::evaluate(&s.energy, &dc);
        compare(&s.contract, &r, &s.alternatives, &dc, &energy, &s.hardware)
    }

    #[test]
    fn rentals_pay_their_price_for_the_h100_class_hours_that_match_every_delivered_hour() {
        let s = Scenario::default();
        let cmp = compare_default(&s);
        let hours = 325_000.0 * 1_096.0 * 24.0 * 0.995;
        // The default mix: 86.9 % H100 and H200 (989 dense BF16 TFLOPS each), 13.1 % GB200
        // (2,500): each delivered GPU-hour is 1.20 H100-class hours.
        let factor = 0.869 + 0.131 * 2500.0 / 989.0;
        assert!((cmp.h100_per_gpu_hour - factor).abs() < 1e-12, "{}", cmp.h100_per_gpu_hour);
        let od = cmp.get(Choice::OnDemand);
        assert!((od.nominal_cost.value() - 6.90 * factor * hours).abs() < 10.0);
        assert!((od.usd_per_gpu_hour.value() - 6.90 * factor).abs() < 1e-12);
        let r1 = cmp.get(Choice::Reserved1Yr);
        assert!((r1.usd_per_gpu_hour.value() - 6.90 * 0.625 * factor).abs() < 1e-12);
        // The contract and the GPU cloud also pay the home cloud's egress on 60 TB out a month
        // at $0.05/GB ($3,000 a month, 36 months; nothing on the way back by default); the
        // hyperscaler options (the home cloud) pay none.
        let egress = 60.0 * 1000.0 * 0.05;
        assert_eq!(cmp.data.of(Choice::Contract).monthly_cost, Usd(egress));
        assert_eq!(cmp.data.of(Choice::OnDemand).monthly_cost, Usd(0.0));
        let neo = cmp.get(Choice::Neocloud).nominal_cost.value();
        assert!((neo - (2.5 * factor * hours + 36.0 * egress)).abs() < 10.0, "{neo}");
        assert!((cmp.get(Choice::Contract).nominal_cost.value() - (45e9 + 36.0 * egress)).abs() < 1e-3);
        // All H100s: one rented hour a delivered hour. All GB200s: 2.53.
        let mut h100 = s.clone();
        h100.hardware.mix.truncate(1);
        h100.hardware.mix[0].share = Fraction(1.0);
        assert_eq!(h100.hardware.h100_equivalents(), 1.0);
        assert!((compare_default(&h100).get(Choice::OnDemand).usd_per_gpu_hour.value() - 6.90).abs() < 1e-12);
        let mut gb200 = h100;
        "gb200".clone_into(&mut gb200.hardware.mix[0].accelerator);
        assert!((gb200.hardware.h100_equivalents() - 2500.0 / 989.0).abs() < 1e-15);
    }

    #[test]
    fn data_movement_by_hand() {
        use crate::scenario::DataMovement;
        let d = DataMovement {
            out_tb: 60.0,
            back_tb: 195.0,
            dataset_tb: 60.0,
            checkpoint_tb: 6.5,
            link_gbps: 100.0,
            home_egress_usd_per_gb: 0.05,
            provider_egress_usd_per_gb: 0.02,
            neocloud_egress_usd_per_gb: 0.0,
        };
        let r = data_report(&d, 36);
        // Contract: 60,000 GB × $0.05 out + 195,000 GB × $0.02 back = $3,000 + $3,900.
        assert!((r.of(Choice::Contract).monthly_cost.value() - 6_900.0).abs() < 1e-9);
        assert!((r.of(Choice::Contract).term_cost.value() - 36.0 * 6_900.0).abs() < 1e-6);
        // GPU cloud: free egress back; building: own network back; hyperscalers: nothing crosses.
        assert!((r.of(Choice::Neocloud).monthly_cost.value() - 3_000.0).abs() < 1e-9);
        assert!((r.of(Choice::BuildOwn).monthly_cost.value() - 3_000.0).abs() < 1e-9);
        for o in [Choice::OnDemand, Choice::Reserved1Yr, Choice::Reserved3Yr] {
            assert_eq!(r.of(o).monthly_cost, Usd(0.0));
        }
        // 6.5 TB × 8,000 Gbit/TB ÷ 100 Gbps = 520 s; 60 TB = 4,800 s.
        assert!((r.checkpoint_hours - 520.0 / 3600.0).abs() < 1e-12);
        assert!((r.dataset_hours - 4800.0 / 3600.0).abs() < 1e-12);
        // The busier direction, 195 TB back: 1,560,000 Gbit ÷ 2,629,800 s = 0.593 Gbps.
        assert!((r.required_gbps - 1_560_000.0 / 2_629_800.0).abs() < 1e-12);
        assert!((r.link_share - r.required_gbps / 100.0).abs() < 1e-15);
        // Nothing moved, nothing paid.
        let none = data_report(&DataMovement::NONE, 36);
        assert!(none.egress.iter().all(|e| e.term_cost == Usd(0.0)));
    }

    #[test]
    fn build_own_by_hand_for_one_month() {
        let mut s = Scenario::default();
        s.contract.term_months = 1;
        s.contract.sla.expected_availability = Fraction(1.0);
        s.contract.gpus = 1000;
        s.facility.seasonal_pue_swing = 0.0;
        s.hardware.mix = vec![crate::hardware::MixRow {
            accelerator: "gb200".to_owned(),
            share: Fraction(1.0),
            available_from_month: 0,
        }];
        let r = contract::evaluate(&s.contract);
        let dc = crate::datacenter::evaluate(&s.hardware, &s.facility, &r, s.energy.seasons());
        // A flat $66/MWh grid with no interruptions.
        let mut grid = crate::energy::Source::new(crate::energy::SourceKind::Grid, 1e4);
        if let crate::energy::Source::Grid(g) = &mut grid {
            g.price = crate::units::UsdPerMwh(66.0);
            g.outages_per_year = 0.0;
            g.outage_hours_per_year = 0.0;
        }
        for site in &mut s.energy.sites {
            site.sources = vec![grid.clone()];
        }
        let energy = crate::energy::evaluate(&s.energy, &dc);
        let cash = build_own_monthly(&dc, &energy, Fraction(1.0));
        // 1,000 GPUs × ($47,222 IT + $11M/MW × 1.75 kW = $19,250 facility)
        let capex = 1000.0 * (3.4e6 / 72.0 + 19_250.0);
        // June: 720 h × 1,000 × 1.75 kW × 1.1 PUE = 1,386 MWh × $66
        let energy_cost = 1_386.0 * 66.0;
        // After one month, 1/72 of the IT and 1/300 of the facility is depreciated.
        let residual = 1000.0 * (3.4e6 / 72.0 * (1.0 - 1.0 / 72.0) + 19_250.0 * (1.0 - 1.0 / 300.0));
        assert!((cash.monthly[0].value() - (capex + energy_cost)).abs() < 1e-6, "{cash:?}");
        assert!((cash.resale.value() - residual).abs() < 1e-6, "{cash:?}");
        // The resale comes at the end of the month, discounted a month: at 12 % a year,
        // 1.12^(-1/12).
        let cmp = compare(&s.contract, &r, &s.alternatives, &dc, &energy, &s.hardware);
        let egress = cmp.data.of(Choice::BuildOwn).monthly_cost.value();
        let pv = capex + energy_cost + egress - residual * 1.12f64.powf(-1.0 / 12.0);
        let own = cmp.get(Choice::BuildOwn);
        assert!((own.npv_cost.value() - pv).abs() < 1e-6 * pv, "{} against {pv}", own.npv_cost.value());
        assert!((own.nominal_cost.value() - (capex + energy_cost + egress - residual)).abs() < 1e-6 * pv);
    }

    /// A cost per GPU-hour is levelized: present value of the cost over present value of the
    /// hours. Rentals (cost follows the hours) read the same nominally; building your own,
    /// whose capital comes first and resale last, costs more than its nominal total over the
    /// hours.
    #[test]
    fn cost_per_gpu_hour_is_levelized() {
        let s = Scenario::default();
        let cmp = compare_default(&s);
        let r = contract::evaluate(&s.contract);
        let pv_hours: f64 = r
            .months
            .iter()
            .zip(0u32..)
            .map(|(m, i)| m.delivered_gpu_hours.value() * 1.12f64.powf(-f64::from(i) / 12.0))
            .sum();
        let hours: f64 = r.months.iter().map(|m| m.delivered_gpu_hours.value()).sum();
        for o in &cmp.options {
            assert!(
                (o.usd_per_gpu_hour.value() - o.npv_cost.value() / pv_hours).abs() < 1e-9,
                "{:?}",
                o.option
            );
        }
        let od = cmp.get(Choice::OnDemand);
        assert!((od.usd_per_gpu_hour.value() - od.nominal_cost.value() / hours).abs() < 1e-3);
        let own = cmp.get(Choice::BuildOwn);
        assert!(own.usd_per_gpu_hour.value() > 1.3 * own.nominal_cost.value() / hours, "{own:?}");
    }

    #[test]
    fn breakeven_is_where_the_alternative_stays_cheaper() {
        let u = |v: &[f64]| v.iter().map(|x| Usd(*x)).collect::<Vec<_>>();
        assert_eq!(breakeven(&u(&[5.0, 6.0, 7.0]), &u(&[1.0, 4.0, 8.0])), Some(2));
        assert_eq!(breakeven(&u(&[1.0, 2.0, 3.0]), &u(&[1.0, 4.0, 8.0])), Some(0));
        assert_eq!(breakeven(&u(&[1.0, 5.0, 9.0]), &u(&[1.0, 4.0, 8.0])), None);
    }

    #[test]
    fn building_your_own_rents_what_its_design_cannot_install_at_the_cheapest_rental() {
        let full = compare_default(&Scenario::default());
        assert_eq!(full.get(Choice::BuildOwn).own_share, 1.0);
        // One 100 MW site holds about a fifth of the default fleet (~500 MW at its peak).
        let mut s = Scenario::default();
        crate::inputs::input("facility.sites").unwrap().set(&mut s, 1.0);
        s.facility.site_power_cap_mw = 100.0;
        let r = contract::evaluate(&s.contract);
        let dc = crate::datacenter::evaluate(&s.hardware, &s.facility, &r, s.energy.seasons());
        let energy = crate::energy::evaluate(&s.energy, &dc);
        let factor = s.hardware.h100_equivalents();
        let cmp = compare(&s.contract, &r, &s.alternatives, &dc, &energy, &s.hardware);
        let own = cmp.get(Choice::BuildOwn);
        let hours: Vec<f64> = r.months.iter().map(|c| c.delivered_gpu_hours.value()).collect();
        let built: Vec<f64> = hours
            .iter()
            .zip(&dc.months)
            .map(|(h, m)| if m.planned_gpus > 0.0 { h * m.installed_gpus / m.planned_gpus } else { *h })
            .collect();
        let total: f64 = hours.iter().sum();
        assert!((own.own_share - built.iter().sum::<f64>() / total).abs() < 1e-12);
        assert!(own.own_share < 0.5, "{}", own.own_share);
        // The GPU cloud is the cheapest rental by default ($2.50 an H100-class hour): the
        // shortfall is rented there, as many H100-class hours as match its compute.
        assert_eq!(cmp.top_up, Choice::Neocloud);
        let cash = build_own_monthly(&dc, &energy, s.contract.sla.expected_availability);
        let egress = data_report(&s.alternatives.data_movement, 0).of(Choice::BuildOwn).monthly_cost.value();
        let last = hours.len() - 1;
        for (m, ((f, h), b)) in cash.monthly.iter().zip(&hours).zip(&built).enumerate() {
            let resale = if m == last { cash.resale.value() } else { 0.0 };
            let want = f.value() - resale + 2.50 * factor * (h - b) + if *h > 0.0 { egress } else { 0.0 };
            assert!((own.monthly[m].value() - want).abs() <= 1e-6 * want.abs().max(1.0), "month {m}");
        }
        let min = cmp.options.iter().map(|o| o.npv_cost.value()).fold(f64::INFINITY, f64::min);
        assert_eq!(cmp.get(cmp.cheapest).npv_cost.value(), min);
        // A cheaper reserved price takes over the top-up.
        s.alternatives.reserved_3yr_discount = crate::units::Fraction(0.7);
        let cmp = compare(&s.contract, &r, &s.alternatives, &dc, &energy, &s.hardware);
        assert_eq!(cmp.top_up, Choice::Reserved3Yr);
    }

    #[test]
    fn a_late_generation_is_rented_as_its_own_compute_not_the_mix_average() {
        // The default mix with its GB200s (13.1 %, 2.53 H100-class hours each) available from
        // month 12: until then building your own lacks exactly those, and rents
        // 0.131 × 2,500 / 989 H100-class hours for each delivered GPU-hour, not the mix's 1.20.
        let mut s = Scenario::default();
        s.hardware.mix[2].available_from_month = 12;
        let r = contract::evaluate(&s.contract);
        let dc = crate::datacenter::evaluate(&s.hardware, &s.facility, &r, s.energy.seasons());
        let energy = crate::energy::evaluate(&s.energy, &dc);
        let cmp = compare(&s.contract, &r, &s.alternatives, &dc, &energy, &s.hardware);
        let cash = build_own_monthly(&dc, &energy, s.contract.sla.expected_availability);
        let egress = data_report(&s.alternatives.data_movement, 0).of(Choice::BuildOwn).monthly_cost.value();
        let own = cmp.get(Choice::BuildOwn);
        for (m, ((row, flow), paid)) in
            r.months.iter().zip(&cash.monthly).zip(&own.monthly).take(14).enumerate()
        {
            let h = row.delivered_gpu_hours.value();
            let rented = if m < 12 { 2.50 * h * 0.131 * 2500.0 / 989.0 } else { 0.0 };
            let want = flow.value() + rented + egress;
            assert!((paid.value() - want).abs() <= 1e-9 * want, "month {m}");
        }
        assert!((own.own_share - (1.0 - 0.131 * 12.0 / 36.0)).abs() < 0.01, "{}", own.own_share);
    }

    #[test]
    fn cheapest_is_the_lowest_present_value() {
        let cmp = compare_default(&Scenario::default());
        let min = cmp.options.iter().map(|o| o.npv_cost.value()).fold(f64::INFINITY, f64::min);
        assert_eq!(cmp.get(cmp.cheapest).npv_cost.value(), min);
        assert_ne!(cmp.best_alternative().option, Choice::Contract);
    }
}
