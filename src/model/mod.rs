//! The planning models, pure Rust: no browser, no clock, no I/O, no global randomness.
//! A [`Scenario`] goes in, a [`Report`] comes out; the browser, the CLI, the tests and the
//! benchmarks all call [`evaluate`].

pub mod alternatives;
pub mod calendar;
pub mod codec;
pub mod contract;
pub mod datacenter;
pub mod decide;
pub mod energy;
pub mod error;
pub mod fields;
pub mod finance;
pub mod hardware;
pub mod inputs;
pub mod kpis;
pub mod library;
pub mod link;
pub mod math;
pub mod presets;
pub mod resilience;
pub mod rng;
pub mod scenario;
pub mod sensitivity;
pub mod sources;
pub mod training;
pub mod uncertainty;
pub mod units;
pub mod validate;

pub use error::{FieldError, ModelError};
pub use scenario::{Contract, Scenario, SCHEMA_VERSION};

use serde::Serialize;

/// Everything the explorer shows for one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The schema version of the scenario this came from.
    pub schema_version: u32,
    /// The contract's cash flows and unit costs.
    pub contract: contract::ContractReport,
    /// The physical build-out: installed accelerators, power, water, capital.
    pub datacenter: datacenter::DatacenterReport,
    /// What powers the sites, hour by hour: cost, emissions, unserved energy.
    pub energy: energy::EnergyReport,
    /// The contract against the alternatives, on the compute of the same delivered GPU-hours.
    pub alternatives: alternatives::Comparison,
    /// What the fleet buys in training runs.
    pub training: training::TrainingReport,
}

/// Each month's power as the contract sees it: the energy model's powered share and the fewest
/// instances that lost power ([`energy::EnergyMonth::short_share`]).
pub fn contract_power(energy: &energy::EnergyReport) -> Vec<contract::Power> {
    energy
        .months
        .iter()
        .map(|m| contract::Power { powered: m.power_availability, affected: m.short_share })
        .collect()
}

/// Validates and evaluates a scenario.
///
/// # Errors
/// [`ModelError::Invalid`] listing every field that is out of range or inconsistent.
///
/// # Example
/// ```
/// use deal_model::{evaluate, Scenario};
/// let report = evaluate(&Scenario::default()).unwrap();
/// // The reported deal: $1.25B a month for 36 months.
/// assert_eq!(report.contract.totals.nominal_cost.value(), 45e9);
/// ```
pub fn evaluate(s: &Scenario) -> Result<Report, ModelError> {
    let problems = validate::problems(s);
    if !problems.is_empty() {
        return Err(ModelError::Invalid(problems));
    }
    // The delivery plan does not depend on power, so the build-out comes from a fully powered
    // contract; the contract is then re-evaluated with the energy model's powered share.
    let planned = contract::evaluate(&s.contract);
    let datacenter = datacenter::evaluate(&s.hardware, &s.facility, &planned, s.energy.seasons());
    let energy = energy::evaluate(&s.energy, &datacenter);
    let contract = contract::evaluate_with_power(&s.contract, &contract_power(&energy));
    let alternatives =
        alternatives::compare(&s.contract, &contract, &s.alternatives, &datacenter, &energy, &s.hardware);
    let training = training::evaluate(
        &s.training,
        &s.contract,
        &s.hardware,
        &contract,
        &datacenter,
        &energy,
        &alternatives,
    );
    Ok(Report { schema_version: s.schema_version, contract, datacenter, energy, alternatives, training })
}
