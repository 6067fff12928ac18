//! The contract model: month by month, what capacity arrives, what is paid, and what each
//! delivered and useful GPU-hour really costs. Equations are listed in DESIGN.md §Contract.

use super::calendar::YearMonth;
use super::finance::discount_factor;
use super::math;
use super::scenario::Contract;
use super::units::{Fraction, GpuHours, Gpus, Usd, UsdPerGpuHour};
use serde::Serialize;

/// One month of the contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractMonth {
    /// The calendar month.
    pub month: YearMonth,
    /// Accelerators contracted this month.
    pub contracted_gpus: Gpus,
    /// Accelerators actually delivered this month (ramp and slip applied).
    pub delivered_gpus: Gpus,
    /// Delivered accelerator-hours this month.
    pub delivered_gpu_hours: GpuHours,
    /// Amount owed this month.
    pub payment: Usd,
    /// Payments so far, this month included.
    pub cumulative_payment: Usd,
    /// This month's payment in today's dollars.
    pub discounted_payment: Usd,
}

/// Totals over the whole term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractTotals {
    /// Sum of all payments (nominal dollars).
    pub nominal_cost: Usd,
    /// Net present value of all payments at the contract's discount rate.
    pub npv_cost: Usd,
    /// Accelerator-hours contracted (full capacity every hour of the term).
    pub contracted_gpu_hours: GpuHours,
    /// Accelerator-hours delivered.
    pub delivered_gpu_hours: GpuHours,
    /// Delivered accelerator-hours that do useful work (× utilization).
    pub useful_gpu_hours: GpuHours,
    /// Nominal cost per delivered accelerator-hour.
    pub usd_per_delivered_gpu_hour: UsdPerGpuHour,
    /// Nominal cost per useful accelerator-hour.
    pub usd_per_useful_gpu_hour: UsdPerGpuHour,
    /// Money paid for capacity that was contracted but not delivered (take-or-pay on a slip).
    pub paid_for_undelivered: Usd,
    /// The month full contracted capacity is first delivered, if within the term.
    pub fully_ramped: Option<YearMonth>,
}

/// The contract's month-by-month series and totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractReport {
    /// One row per month of the term.
    pub months: Vec<ContractMonth>,
    /// Totals over the term.
    pub totals: ContractTotals,
}

/// The share of contracted capacity delivered in month `m` (0-based):
/// `0` before the delay `d`, then a linear ramp over `R` months reaching 1 at month `d + R - 1`.
pub fn delivered_share(c: &Contract, m: u32) -> Fraction {
    let d = c.ramp_delay_months;
    if m < d {
        return Fraction(0.0);
    }
    if c.ramp_months == 0 {
        return Fraction(1.0);
    }
    Fraction((f64::from(m - d + 1) / f64::from(c.ramp_months)).min(1.0))
}

/// The price multiplier in month `m`: `(1 + e)^⌊m/12⌋`, a step at each contract anniversary.
pub fn escalation(c: &Contract, m: u32) -> f64 {
    math::powi(1.0 + c.annual_escalator.value(), m / 12)
}

/// Evaluates a validated contract.
pub fn evaluate(c: &Contract) -> ContractReport {
    let contracted = Gpus(f64::from(c.gpus));
    let mut cumulative = Usd(0.0);
    let months: Vec<ContractMonth> = (0..c.term_months)
        .map(|m| {
            let month = c.start.plus(m);
            let share = delivered_share(c, m);
            let delivered = contracted * share;
            let full_charge = c.monthly_commitment * escalation(c, m);
            let owed = Fraction(share.value().max(c.take_or_pay.value()));
            let payment = full_charge * owed;
            cumulative += payment;
            ContractMonth {
                month,
                contracted_gpus: contracted,
                delivered_gpus: delivered,
                delivered_gpu_hours: delivered * month.hours(),
                payment,
                cumulative_payment: cumulative,
                discounted_payment: payment * discount_factor(c.discount_rate, m),
            }
        })
        .collect();

    let nominal_cost: Usd = months.iter().map(|r| r.payment).sum();
    let delivered_gpu_hours: GpuHours = months.iter().map(|r| r.delivered_gpu_hours).sum();
    let contracted_gpu_hours: GpuHours = months
        .iter()
        .map(|r| r.contracted_gpus * r.month.hours())
        .sum();
    let useful_gpu_hours = delivered_gpu_hours * c.utilization;
    let paid_for_undelivered = months
        .iter()
        .map(|r| r.payment * Fraction(1.0 - r.delivered_gpus / r.contracted_gpus))
        .sum();
    let fully_ramped = months
        .iter()
        .find(|r| r.delivered_gpus.value() >= r.contracted_gpus.value())
        .map(|r| r.month);
    let totals = ContractTotals {
        nominal_cost,
        npv_cost: months.iter().map(|r| r.discounted_payment).sum(),
        contracted_gpu_hours,
        delivered_gpu_hours,
        useful_gpu_hours,
        usd_per_delivered_gpu_hour: nominal_cost / delivered_gpu_hours,
        usd_per_useful_gpu_hour: nominal_cost / useful_gpu_hours,
        paid_for_undelivered,
        fully_ramped,
    };
    ContractReport { months, totals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::Scenario;
    use crate::model::units::PerYear;

    fn deal() -> Contract {
        Scenario::default().contract
    }

    #[test]
    fn the_reported_deal_by_hand() {
        let r = evaluate(&deal());
        // 36 × $1.25B = $45B, the reported total.
        assert_eq!(r.totals.nominal_cost, Usd(45e9));
        // Jun 2026 – May 2029 has 1,096 days (Feb 2028 is a leap month): 325,000 × 1,096 × 24 h.
        let gpu_hours = 325_000.0 * 1_096.0 * 24.0;
        assert_eq!(r.totals.delivered_gpu_hours, GpuHours(gpu_hours));
        let per_hour = 45e9 / gpu_hours; // ≈ $5.264
        assert!((r.totals.usd_per_delivered_gpu_hour.value() - per_hour).abs() < 1e-12);
        assert!((r.totals.usd_per_useful_gpu_hour.value() - per_hour / 0.9).abs() < 1e-12);
        assert_eq!(r.totals.paid_for_undelivered, Usd(0.0));
        assert_eq!(r.months.last().unwrap().cumulative_payment, Usd(45e9));
        assert_eq!(r.totals.fully_ramped.unwrap().to_string(), "2026-06");
    }

    #[test]
    fn a_six_month_slip_pays_for_nothing_for_six_months() {
        let mut c = deal();
        c.ramp_delay_months = 6;
        let r = evaluate(&c);
        assert_eq!(r.totals.nominal_cost, Usd(45e9), "take-or-pay: still owed");
        // Jun–Nov 2026 = 30+31+31+30+31+30 = 183 days lost.
        let hours = 325_000.0 * (1_096.0 - 183.0) * 24.0;
        assert_eq!(r.totals.delivered_gpu_hours, GpuHours(hours));
        assert_eq!(r.totals.paid_for_undelivered, Usd(6.0 * 1.25e9));
        assert_eq!(r.totals.fully_ramped.unwrap().to_string(), "2026-12");
    }

    #[test]
    fn linear_ramp_and_take_or_pay_floor() {
        let mut c = deal();
        c.ramp_months = 4;
        c.take_or_pay = Fraction(0.5);
        let shares: Vec<f64> = (0..5).map(|m| delivered_share(&c, m).value()).collect();
        assert_eq!(shares, [0.25, 0.5, 0.75, 1.0, 1.0]);
        let r = evaluate(&c);
        // Month 0 owes max(0.25, 0.5) = 50 %; month 2 owes 75 %.
        assert_eq!(r.months[0].payment, Usd(0.625e9));
        assert_eq!(r.months[2].payment, Usd(0.9375e9));
    }

    #[test]
    fn escalator_steps_each_contract_year() {
        let mut c = deal();
        c.annual_escalator = PerYear(0.10);
        let r = evaluate(&c);
        assert_eq!(r.months[11].payment, Usd(1.25e9));
        assert!((r.months[12].payment.value() - 1.375e9).abs() < 1e-3);
        assert!((r.months[24].payment.value() - 1.5125e9).abs() < 1e-3);
        // 12 × 1.25 × (1 + 1.1 + 1.21) = 49.65 $B
        assert!((r.totals.nominal_cost.value() - 49.65e9).abs() < 1.0);
    }

    #[test]
    fn npv_at_zero_rate_equals_nominal() {
        let mut c = deal();
        c.discount_rate = PerYear(0.0);
        let r = evaluate(&c);
        assert_eq!(r.totals.npv_cost, r.totals.nominal_cost);
    }
}
