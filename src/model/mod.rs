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

/// Each month's supply as the contract sees it: the share of the schedule the datacenter
/// installed, the energy model's powered share and the fewest instances that lost power
/// ([`energy::EnergyMonth::short_share`]).
pub fn contract_power(
    dc: &datacenter::DatacenterReport,
    energy: &energy::EnergyReport,
) -> Vec<contract::Power> {
    let power: Vec<contract::Power> = energy
        .months
        .iter()
        .map(|m| contract::Power {
            powered: m.power_availability,
            affected: m.short_share,
            ..contract::Power::FULL
        })
        .collect();
    with_installed(dc, &power)
}

/// `power` (missing months fully powered) with each month's installed share from `dc`.
pub fn with_installed(dc: &datacenter::DatacenterReport, power: &[contract::Power]) -> Vec<contract::Power> {
    dc.months
        .iter()
        .enumerate()
        .map(|(m, d)| contract::Power {
            installed: units::Fraction(installed_share(d)),
            ..power.get(m).copied().unwrap_or(contract::Power::FULL)
        })
        .collect()
}

/// The share of a month's planned accelerators the datacenter installed. The installed count is
/// a sum over the mix's rows, which can round a hair below the plan (and the mix's shares may
/// sum to 100 % within 1e-6): within that of the plan counts as all of it, so a full build never
/// reads as a shortfall. The contract and the comparison read it alike.
pub(crate) fn installed_share(d: &datacenter::DatacenterMonth) -> f64 {
    if d.planned_gpus <= 0.0 {
        return 1.0;
    }
    let share = d.installed_gpus / d.planned_gpus;
    if share >= 1.0 - 1e-6 {
        1.0
    } else {
        share
    }
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
    // The delivery plan does not depend on power, so the build-out comes from a fully installed
    // and powered contract; the contract is then re-evaluated with what the datacenter installed
    // and the energy model's powered share.
    let planned = contract::evaluate(&s.contract);
    let datacenter = datacenter::evaluate(&s.hardware, &s.facility, &planned, s.energy.seasons());
    let energy = energy::evaluate(&s.energy, &datacenter);
    let contract = contract::evaluate_with_power(&s.contract, &contract_power(&datacenter, &energy));
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

#[cfg(test)]
mod tests {
    use super::alternatives::Choice;
    use super::*;

    #[test]
    fn a_full_build_whose_rows_round_below_the_plan_is_no_shortfall() {
        // 123,457 GPUs in a 70/20/10 mix: the rows' installed counts sum to a hair below the plan.
        let mut s = Scenario::default();
        s.contract.gpus = 123_457;
        for (row, share) in s.hardware.mix.iter_mut().zip([0.7, 0.2, 0.1]) {
            row.share = units::Fraction(share);
        }
        let r = evaluate(&s).expect("valid");
        assert!(r.datacenter.months.iter().any(|m| m.installed_gpus != m.planned_gpus), "the case rounds");
        assert!(r.contract.months.iter().all(|m| m.delivered_gpu_hours == m.scheduled_gpu_hours));
        assert_eq!(r.contract.totals.paid_for_undelivered.value(), 0.0);
        assert!(r.contract.totals.fully_ramped.is_some());
    }

    #[test]
    fn the_provider_delivers_only_what_its_datacenter_installs_and_the_rest_is_rented() {
        let base = evaluate(&Scenario::default()).expect("default");
        let mut s = Scenario::default();
        s.facility.construction_months = 18;
        let late = evaluate(&s).expect("valid");
        // Nothing is installed, so nothing delivered, for 18 months; then the schedule as before.
        // The lab still pays (take-or-pay 100 %): those months are paid for undelivered capacity.
        for (m, (c, was)) in late.contract.months.iter().zip(&base.contract.months).enumerate() {
            assert_eq!(c.scheduled_gpu_hours, was.scheduled_gpu_hours, "month {m}");
            if m < 18 {
                assert_eq!(late.datacenter.months[m].installed_gpus, 0.0);
                assert_eq!(c.delivered_gpu_hours.value(), 0.0, "month {m}");
                assert_eq!(c.paid_for_undelivered, c.payment, "month {m}");
            } else {
                assert_eq!(c.delivered_gpu_hours, was.delivered_gpu_hours, "month {m}");
            }
        }
        let hours = |r: &Report| r.contract.totals.delivered_gpu_hours.value();
        assert!((hours(&late) / hours(&base) - 18.0 / 36.0).abs() < 0.01, "{}", hours(&late) / hours(&base));
        // The contract rents its shortfall at the cheapest rental, as building your own does.
        let cmp = &late.alternatives;
        let contract = cmp.get(Choice::Contract);
        assert_eq!(contract.own_share, cmp.get(Choice::BuildOwn).own_share);
        assert!((contract.own_share - hours(&late) / hours(&base)).abs() < 1e-9);
        let paid = late.contract.totals.nominal_cost.value();
        assert!(contract.nominal_cost.value() > paid * 1.05, "{} vs {paid}", contract.nominal_cost.value());
        // Renting does not wait for the provider's halls: the rentals' cost per run is unchanged
        // (a GPU-hour of the mix still buys the same training FLOP), while the contract's rises.
        let run = |r: &Report, o: Choice| {
            r.training.costs.iter().find(|c| c.option == o).and_then(|c| c.per_run).expect("trains").value()
        };
        for o in [Choice::OnDemand, Choice::Reserved3Yr, Choice::Neocloud] {
            assert!(
                (run(&late, o) / run(&base, o) - 1.0).abs() < 1e-6,
                "{o:?}: {} vs {}",
                run(&late, o),
                run(&base, o)
            );
        }
        assert!(run(&late, Choice::Contract) > run(&base, Choice::Contract) * 1.2);
    }
}
