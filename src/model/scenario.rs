//! The versioned `Scenario`: every input the explorer has, grouped by domain, with sourced
//! defaults (see [`crate::sources`] and the table in DESIGN.md). This is what the CLI
//! reads, the URL encodes and the browser edits.

use super::calendar::YearMonth;
use super::datacenter::{Cooling, Facility};
use super::energy::Energy;
use super::hardware::{default_catalog, default_mix, Hardware};
use super::resilience::Resilience;
use super::training::Training;
use super::uncertainty::Uncertainty;
use super::units::{Fraction, Kilowatts, PerYear, Usd, UsdPerGpuHour};
use serde::{Deserialize, Serialize};

/// The schema version this build writes. Older versions are migrated on read (see
/// [`crate::codec`]); newer ones are refused with a clear message.
pub const SCHEMA_VERSION: u32 = 7;

/// A complete what-if scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Always [`SCHEMA_VERSION`] once read; see the versioning policy in DESIGN.md.
    pub schema_version: u32,
    /// A name the user gives the scenario.
    pub name: String,
    /// The compute contract's terms.
    pub contract: Contract,
    /// The accelerator catalog and the fleet's mix.
    pub hardware: Hardware,
    /// The datacenter design.
    pub facility: Facility,
    /// What powers each site.
    pub energy: Energy,
    /// How the fleet trains and the run it is measured against.
    pub training: Training,
    /// What the same workload would cost bought another way.
    pub alternatives: Alternatives,
    /// Which inputs are uncertain and how the Monte Carlo simulation runs.
    pub uncertainty: Uncertainty,
    /// How the capacity is split across sites or providers and what outages can take away.
    pub resilience: Resilience,
}

/// How the contract's monthly charge is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PricingBasis {
    /// A fixed amount per month at full capacity ([`Contract::monthly_commitment`]).
    FixedMonthly,
    /// A rate per GPU-hour × contracted GPUs × hours in the month ([`Contract::price_per_gpu_hour`]).
    PerGpuHour,
}

impl PricingBasis {
    /// What users call it, in the pricing select and wherever a scenario's basis is quoted.
    pub const fn label(self) -> &'static str {
        match self {
            Self::FixedMonthly => "Fixed monthly commitment",
            Self::PerGpuHour => "Price per GPU-hour",
        }
    }
}

/// The terms of a multi-year compute commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// How the monthly charge is set.
    pub pricing: PricingBasis,
    /// The fixed amount owed each month at full contracted capacity, before escalation
    /// (used with [`PricingBasis::FixedMonthly`]).
    pub monthly_commitment: Usd,
    /// The rate per contracted GPU-hour, before escalation (used with [`PricingBasis::PerGpuHour`]).
    pub price_per_gpu_hour: UsdPerGpuHour,
    /// The first month of the term.
    pub start: YearMonth,
    /// The term's length in months.
    pub term_months: u32,
    /// Accelerators contracted at full capacity.
    pub gpus: u32,
    /// Months over which delivered capacity ramps linearly to the contracted count (0 = all at once).
    /// Ignored when [`Contract::ramp_schedule`] is given.
    pub ramp_months: u32,
    /// A month-by-month delivery plan: the share of contracted capacity planned for each month
    /// from the start (full capacity after the last entry). Empty = the linear ramp.
    pub ramp_schedule: Vec<Fraction>,
    /// Months by which the start of delivery slips after the term begins.
    pub ramp_delay_months: u32,
    /// Price escalation applied at the start of each contract year.
    pub annual_escalator: PerYear,
    /// The share of the full monthly charge owed even when less capacity is delivered.
    pub take_or_pay: Fraction,
    /// Paid at the start of the term and credited against invoices until used up.
    pub prepayment: Usd,
    /// Availability promised, what is expected, and the credits for falling short.
    pub sla: Sla,
    /// Share of the charge for capacity delivered later than planned that the provider credits back.
    pub delay_credit: Fraction,
    /// The early-termination clause.
    pub termination: Termination,
    /// The annual rate used to discount payments to today (net present value).
    pub discount_rate: PerYear,
    /// The share of available GPU-hours that does useful work (after failures, restarts, idle time).
    pub utilization: Fraction,
}

/// An availability service level with service credits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    /// The monthly availability the provider expects to achieve (drives delivered GPU-hours and credits).
    pub expected_availability: Fraction,
    /// Credit bands, from the mildest shortfall to the worst: availability below `below` earns
    /// `credit` of the month's charge for delivered capacity. Thresholds must decrease.
    pub credit_bands: [CreditBand; 3],
}

/// One service-credit band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditBand {
    /// Availability below this earns the credit.
    pub below: Fraction,
    /// The credit, as a share of the month's charge.
    pub credit: Fraction,
}

/// An early-termination clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Termination {
    /// The first month (counted from the start, 0-based) in which notice may be given.
    pub earliest_notice_month: u32,
    /// Days of notice; payments continue until it runs out.
    pub notice_days: u32,
    /// A one-off fee owed on exit.
    pub fee: Usd,
}

/// The compute of the same delivered GPU-hours bought another way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternatives {
    /// Hyperscaler on-demand price per GPU-hour (H100-class).
    pub hyperscaler_on_demand: UsdPerGpuHour,
    /// Discount off on-demand for a one-year reservation.
    pub reserved_1yr_discount: Fraction,
    /// Discount off on-demand for a three-year reservation.
    pub reserved_3yr_discount: Fraction,
    /// Specialist GPU cloud ("neocloud") one-year contract price per GPU-hour (H100-class).
    /// Building your own uses the scenario's hardware, facility and energy.
    pub neocloud_price: UsdPerGpuHour,
    /// Data moved between the lab's home cloud and wherever the compute runs.
    pub data_movement: DataMovement,
}

/// Datasets, checkpoints and inference traffic moved between the lab's home cloud and the
/// compute. The hyperscaler options are taken to be the home cloud (nothing crosses); every
/// other option pays the home cloud's egress on what goes out, and its own provider's egress on
/// what comes back (building your own: your own network, not charged per GB here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataMovement {
    /// Sent from the home cloud to the compute each month of the term (datasets, requests), TB
    /// (10¹² bytes).
    pub out_tb: f64,
    /// Returned to the home cloud each month (checkpoints, results), TB.
    pub back_tb: f64,
    /// One full training dataset, TB.
    pub dataset_tb: f64,
    /// One full training checkpoint (weights and optimizer state), TB.
    pub checkpoint_tb: f64,
    /// The dedicated link between the two, Gbps in each direction.
    pub link_gbps: f64,
    /// The home cloud's price for data leaving it, $ per GB.
    pub home_egress_usd_per_gb: f64,
    /// The contract's provider's price for data leaving it, $ per GB.
    pub provider_egress_usd_per_gb: f64,
    /// The GPU cloud's price for data leaving it, $ per GB.
    pub neocloud_egress_usd_per_gb: f64,
}

impl DataMovement {
    /// Nothing moved: what scenarios written before version 5 had.
    pub const NONE: Self = Self {
        out_tb: 0.0,
        back_tb: 0.0,
        dataset_tb: 60.0,
        checkpoint_tb: 6.5,
        link_gbps: 100.0,
        home_egress_usd_per_gb: 0.05,
        provider_egress_usd_per_gb: 0.0,
        neocloud_egress_usd_per_gb: 0.0,
    };
}

impl Default for Scenario {
    /// The publicly reported lab–provider deal (see [`crate::sources`]).
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            name: "Reported lab–provider deal (S-1, May 2026)".to_owned(),
            contract: Contract {
                pricing: PricingBasis::FixedMonthly,
                monthly_commitment: Usd(1.25e9),
                price_per_gpu_hour: UsdPerGpuHour(5.26),
                start: YearMonth::new(2026, 6).expect("valid constant month"),
                term_months: 36,
                gpus: 325_000,
                ramp_months: 0,
                ramp_schedule: Vec::new(),
                ramp_delay_months: 0,
                annual_escalator: PerYear(0.0),
                take_or_pay: Fraction(1.0),
                prepayment: Usd(0.0),
                sla: Sla {
                    expected_availability: Fraction(0.995),
                    credit_bands: [
                        CreditBand { below: Fraction(0.995), credit: Fraction(0.10) },
                        CreditBand { below: Fraction(0.99), credit: Fraction(0.30) },
                        CreditBand { below: Fraction(0.95), credit: Fraction(1.0) },
                    ],
                },
                delay_credit: Fraction(0.0),
                termination: Termination { earliest_notice_month: 3, notice_days: 90, fee: Usd(0.0) },
                discount_rate: PerYear(0.12),
                utilization: Fraction(0.90),
            },
            hardware: Hardware { catalog: default_catalog(), mix: default_mix() },
            facility: Facility {
                cooling: Cooling::DirectLiquid,
                pue: 1.10,
                seasonal_pue_swing: 0.02,
                cooling_share_of_overhead: 0.75,
                wue_l_per_kwh: 1.8,
                rack_kw: Kilowatts(132.0),
                sites: 2,
                site_power_cap_mw: 300.0,
                construction_months: 0,
                interconnect_months: 0,
                capex_per_mw_it: Usd(11e6),
                it_life_years: 6,
                facility_life_years: 25,
            },
            energy: Energy::deal_default(2),
            training: Training::default(),
            alternatives: Alternatives {
                hyperscaler_on_demand: UsdPerGpuHour(6.90),
                reserved_1yr_discount: Fraction(0.375),
                reserved_3yr_discount: Fraction(0.50),
                neocloud_price: UsdPerGpuHour(2.50),
                // A full dataset out and a checkpoint a day back each month (`sources::DATA_OUT`,
                // `sources::DATA_BACK`).
                data_movement: DataMovement { out_tb: 60.0, back_tb: 195.0, ..DataMovement::NONE },
            },
            uncertainty: Uncertainty::default(),
            resilience: Resilience::deal_default(2),
        }
    }
}
