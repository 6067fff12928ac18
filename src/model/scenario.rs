//! The versioned `Scenario`: every input the explorer has, grouped by domain, with sourced
//! defaults. This is what the CLI reads, the URL encodes and the browser edits.

use super::calendar::YearMonth;
use super::units::{Fraction, PerYear, Usd};
use serde::{Deserialize, Serialize};

/// The schema version this build writes. Older versions are migrated on read (see
/// [`crate::model::codec`]); newer ones are refused with a clear message.
pub const SCHEMA_VERSION: u32 = 1;

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
}

/// The terms of a multi-year compute commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// The fixed amount owed each month at full contracted capacity, before escalation.
    pub monthly_commitment: Usd,
    /// The first month of the term.
    pub start: YearMonth,
    /// The term's length in months.
    pub term_months: u32,
    /// Accelerators contracted at full capacity.
    pub gpus: u32,
    /// Months over which delivered capacity ramps linearly to the contracted count (0 = all at once).
    pub ramp_months: u32,
    /// Months by which the start of delivery slips after the term begins.
    pub ramp_delay_months: u32,
    /// Price escalation applied at the start of each contract year.
    pub annual_escalator: PerYear,
    /// The share of the full monthly charge owed even when less capacity is delivered.
    pub take_or_pay: Fraction,
    /// The annual rate used to discount payments to today (net present value).
    pub discount_rate: PerYear,
    /// The share of delivered GPU-hours that does useful work (after failures, restarts, idle time).
    pub utilization: Fraction,
}

impl Default for Scenario {
    /// The publicly reported lab–provider deal (see [`crate::model::sources`]).
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            name: "Reported lab–provider deal (S-1, May 2026)".to_owned(),
            contract: Contract {
                monthly_commitment: Usd(1.25e9),
                start: YearMonth::new(2026, 6).expect("valid constant month"),
                term_months: 36,
                gpus: 325_000,
                ramp_months: 0,
                ramp_delay_months: 0,
                annual_escalator: PerYear(0.0),
                take_or_pay: Fraction(1.0),
                discount_rate: PerYear(0.12),
                utilization: Fraction(0.90),
            },
        }
    }
}
