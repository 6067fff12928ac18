//! The contract model: month by month, what capacity arrives, what is invoiced, credited and
//! paid, what each delivered and useful GPU-hour really costs, and what walking away costs.
//! Equations are listed in DESIGN.md §Contract.

use super::calendar::YearMonth;
use super::finance::discount_factor;
use super::math;
use super::scenario::{Contract, PricingBasis, Sla};
use super::units::{Fraction, GpuHours, Gpus, Usd, UsdPerGpuHour};
use serde::Serialize;

/// Average days per month, for converting notice periods to months.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// One month of the contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractMonth {
    /// The calendar month.
    pub month: YearMonth,
    /// Accelerators contracted this month.
    pub contracted_gpus: Gpus,
    /// Accelerators delivered this month: the schedule (ramp and slip applied) as far as the
    /// datacenter has installed it ([`Power::installed`]).
    pub delivered_gpus: Gpus,
    /// Accelerators that would have been delivered on the planned ramp (no slip).
    pub planned_gpus: Gpus,
    /// Delivered accelerator-hours this month, after availability.
    pub delivered_gpu_hours: GpuHours,
    /// The accelerator-hours the schedule calls for this month, after availability, whether or
    /// not the datacenter installed them: the compute every option is compared on
    /// ([`crate::alternatives::compare`]).
    pub scheduled_gpu_hours: GpuHours,
    /// The month's charge at full capacity (after escalation).
    pub full_charge: Usd,
    /// Amount invoiced: the full charge × max(delivered share, take-or-pay floor).
    pub invoice: Usd,
    /// SLA and late-delivery credits (never more than the invoice).
    pub credits: Usd,
    /// Prepayment applied against this month's invoice.
    pub prepayment_applied: Usd,
    /// Cash paid this month (the prepayment itself is paid in month 0).
    pub payment: Usd,
    /// Cash paid so far, this month included.
    pub cumulative_payment: Usd,
    /// Of this month's payment, the part that paid for capacity not delivered.
    pub paid_for_undelivered: Usd,
    /// This month's payment discounted to the contract's start.
    pub discounted_payment: Usd,
}

/// What exercising the termination clause would cost, by the month notice is given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TerminationOption {
    /// The month notice is given.
    pub notice_month: YearMonth,
    /// The last month paid for (`None` when notice at the very start ends the contract unpaid).
    pub last_paid_month: Option<YearMonth>,
    /// Total cash paid over the contract's life if notice is given this month (fee included).
    pub total_cost: Usd,
    /// Saved against running the full term.
    pub saving: Usd,
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
    /// Accelerator-hours delivered (after ramp, slip and availability).
    pub delivered_gpu_hours: GpuHours,
    /// Delivered accelerator-hours that do useful work (× utilization).
    pub useful_gpu_hours: GpuHours,
    /// Nominal cost per delivered accelerator-hour.
    pub usd_per_delivered_gpu_hour: UsdPerGpuHour,
    /// Nominal cost per useful accelerator-hour.
    pub usd_per_useful_gpu_hour: UsdPerGpuHour,
    /// Credits received over the term.
    pub credits: Usd,
    /// Money paid for capacity that was contracted but not delivered (take-or-pay on a slip or ramp).
    pub paid_for_undelivered: Usd,
    /// Prepayment never used against an invoice (lost unless refunded).
    pub unused_prepayment: Usd,
    /// The month full contracted capacity is first delivered, if within the term.
    pub fully_ramped: Option<YearMonth>,
    /// The cheapest way out: notice at the earliest month allowed (`None` if the clause never applies).
    pub earliest_exit: Option<TerminationOption>,
}

/// The contract's month-by-month series and totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractReport {
    /// One row per month of the term.
    pub months: Vec<ContractMonth>,
    /// The cost of giving notice in each month the clause allows.
    pub termination: Vec<TerminationOption>,
    /// Totals over the term.
    pub totals: ContractTotals,
}

/// The planned share of contracted capacity in month `m` (0-based): the month-by-month schedule
/// when one is given (full capacity after it ends), else a linear ramp over `R` months reaching 1
/// at month `R − 1` (all at once when `R = 0`).
pub fn planned_share(c: &Contract, m: u32) -> Fraction {
    if !c.ramp_schedule.is_empty() {
        return c.ramp_schedule.get(m as usize).copied().unwrap_or(Fraction(1.0));
    }
    if c.ramp_months == 0 {
        return Fraction(1.0);
    }
    Fraction((f64::from(m + 1) / f64::from(c.ramp_months)).min(1.0))
}

/// The delivered share in month `m`: the planned ramp shifted by the delay `d`.
pub fn delivered_share(c: &Contract, m: u32) -> Fraction {
    match m.checked_sub(c.ramp_delay_months) {
        None => Fraction(0.0),
        Some(k) => planned_share(c, k),
    }
}

/// The price multiplier in month `m`: `(1 + ε)^⌊m/12⌋`, a step at each contract anniversary.
pub fn escalation(c: &Contract, m: u32) -> f64 {
    math::powi(1.0 + c.annual_escalator.value(), m / 12)
}

/// The SLA credit, as a share of the charge, earned at availability `a`: the credit of the
/// worst band whose threshold `a` falls below (0 when the SLA is met).
pub fn sla_credit(sla: &Sla, a: Fraction) -> Fraction {
    sla.credit_bands
        .iter()
        .filter(|b| a.value() < b.below.value())
        .map(|b| b.credit)
        .fold(Fraction(0.0), |acc, c| if c.value() > acc.value() { c } else { acc })
}

/// The notice period in whole months (rounded up): 90 days → 3 months.
pub fn notice_months(c: &Contract) -> u32 {
    (f64::from(c.termination.notice_days) / DAYS_PER_MONTH).ceil() as u32
}

/// Evaluates a validated contract with a fully powered fleet.
pub fn evaluate(c: &Contract) -> ContractReport {
    evaluate_with_power(c, &[])
}

/// A month's power supply as the contract sees it (from the energy model's month).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Power {
    /// Share of the installed accelerator-hours that had power.
    pub powered: Fraction,
    /// The fewest of the installed accelerators, as a share, that can have lost the month's
    /// hours ([`crate::energy::EnergyMonth::short_share`]).
    pub affected: Fraction,
    /// Share of the month's scheduled accelerators the datacenter has installed: construction,
    /// interconnection, the sites' power caps and a generation's first month can hold it below
    /// 1, and the provider cannot deliver what is not installed.
    pub installed: Fraction,
}

impl Power {
    /// Everything scheduled installed, every hour powered.
    pub const FULL: Self = Self { powered: Fraction(1.0), affected: Fraction(0.0), installed: Fraction(1.0) };

    /// The SLA credit, as a share of the month's charge, when the provider's expected
    /// availability is `expected`. The SLA is instance-level ([`crate::sources::AWS_SLA`]): only
    /// the instances that lost power fall to a lower band. The shortfall is taken as falling on
    /// the fewest instances that can have lost it, the share `affected`, which are then down for
    /// `(1 − powered) / affected` of the month; the rest keep `expected`.
    pub fn sla_credit(self, sla: &Sla, expected: Fraction) -> Fraction {
        let lost = (1.0 - self.powered.value()).max(0.0);
        if lost == 0.0 {
            return sla_credit(sla, expected);
        }
        // A shortfall with no hour recorded (a caller's own figures) falls on the whole fleet.
        let affected = if self.affected.value() > 0.0 { self.affected.value().min(1.0) } else { 1.0 };
        let down = (lost / affected).min(1.0);
        let hit = sla_credit(sla, Fraction(expected.value() * (1.0 - down))).value();
        let rest = sla_credit(sla, expected).value();
        Fraction(affected * hit + (1.0 - affected) * rest)
    }
}

/// Evaluates a validated contract when month `m`'s power is `power[m]` (from the datacenter and
/// energy models; missing months count as fully installed and powered). The provider delivers
/// the schedule as far as it is installed; delivered GPU-hours that month are at the provider's
/// expected availability × the powered share; the SLA credit is [`Power::sla_credit`]. Capacity
/// scheduled but not installed is late, as a ramp delay is.
pub fn evaluate_with_power(c: &Contract, power: &[Power]) -> ContractReport {
    let contracted = Gpus(f64::from(c.gpus));
    let mut prepayment_left = c.prepayment;
    let mut cumulative = Usd(0.0);
    let mut months = Vec::with_capacity(c.term_months as usize);
    for m in 0..c.term_months {
        let month = c.start.plus(m);
        let hours = month.hours();
        let power = power.get(m as usize).copied().unwrap_or(Power::FULL);
        let availability = Fraction(c.sla.expected_availability.value() * power.powered.value());
        let sla_share = power.sla_credit(&c.sla, c.sla.expected_availability);
        let scheduled = delivered_share(c, m);
        let share = Fraction(scheduled.value() * power.installed.value());
        let planned = planned_share(c, m);
        let full_charge = match c.pricing {
            PricingBasis::FixedMonthly => c.monthly_commitment * escalation(c, m),
            PricingBasis::PerGpuHour => c.price_per_gpu_hour * (contracted * hours) * escalation(c, m),
        };
        let owed = Fraction(share.value().max(c.take_or_pay.value()));
        let invoice = full_charge * owed;
        // The late-delivery credit is a share of what is charged for late capacity: the part of
        // the take-or-pay invoice above what was delivered, as far as it is late against plan.
        let late = Fraction((planned.value() - share.value()).max(0.0));
        let charged_undelivered = owed.value() - share.value();
        let raw_credits = full_charge * Fraction(share.value() * sla_share.value())
            + full_charge * Fraction(late.value().min(charged_undelivered) * c.delay_credit.value());
        let credits = Usd(raw_credits.value().min(invoice.value()));
        let net = invoice - credits;
        let applied = Usd(prepayment_left.value().min(net.value()));
        prepayment_left = prepayment_left - applied;
        let payment = net - applied + if m == 0 { c.prepayment } else { Usd(0.0) };
        cumulative += payment;
        let undelivered_share =
            if owed.value() > 0.0 { (owed.value() - share.value()) / owed.value() } else { 0.0 };
        months.push(ContractMonth {
            month,
            contracted_gpus: contracted,
            delivered_gpus: contracted * share,
            planned_gpus: contracted * planned,
            delivered_gpu_hours: (contracted * share) * hours * availability,
            scheduled_gpu_hours: (contracted * scheduled) * hours * availability,
            full_charge,
            invoice,
            credits,
            prepayment_applied: applied,
            payment,
            cumulative_payment: cumulative,
            paid_for_undelivered: net * Fraction(undelivered_share),
            discounted_payment: payment * discount_factor(c.discount_rate, m),
        });
    }

    let nominal_cost: Usd = months.iter().map(|r| r.payment).sum();
    let termination = termination_options(c, &months, nominal_cost);
    let delivered_gpu_hours: GpuHours = months.iter().map(|r| r.delivered_gpu_hours).sum();
    let useful_gpu_hours = delivered_gpu_hours * c.utilization;
    let totals = ContractTotals {
        nominal_cost,
        npv_cost: months.iter().map(|r| r.discounted_payment).sum(),
        contracted_gpu_hours: months.iter().map(|r| r.contracted_gpus * r.month.hours()).sum(),
        delivered_gpu_hours,
        useful_gpu_hours,
        usd_per_delivered_gpu_hour: nominal_cost / delivered_gpu_hours,
        usd_per_useful_gpu_hour: nominal_cost / useful_gpu_hours,
        credits: months.iter().map(|r| r.credits).sum(),
        paid_for_undelivered: months.iter().map(|r| r.paid_for_undelivered).sum(),
        unused_prepayment: prepayment_left,
        fully_ramped: months
            .iter()
            .find(|r| r.delivered_gpus.value() >= r.contracted_gpus.value())
            .map(|r| r.month),
        earliest_exit: termination.first().cloned(),
    };
    ContractReport { months, termination, totals }
}

/// Notice given at the start of month `k` (from the earliest allowed) keeps payments running for
/// the notice period: months `0 … min(T, k + n) − 1` are paid, plus the fee when the exit
/// shortens the term. Unused prepayment is assumed lost.
fn termination_options(c: &Contract, months: &[ContractMonth], full: Usd) -> Vec<TerminationOption> {
    let n = notice_months(c);
    let term = c.term_months;
    (c.termination.earliest_notice_month..term)
        .map(|k| {
            let end = (k + n).min(term);
            let paid: Usd = months[..end as usize].iter().map(|r| r.payment).sum();
            let total = if end < term { paid + c.termination.fee } else { full };
            TerminationOption {
                notice_month: c.start.plus(k),
                last_paid_month: end.checked_sub(1).map(|m| c.start.plus(m)),
                total_cost: total,
                saving: full - total,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use crate::units::PerYear;

    fn deal() -> Contract {
        Scenario::default().contract
    }

    /// Jun 2026 – May 2029: 1,096 days (Feb 2028 is a leap month).
    const TERM_HOURS: f64 = 1_096.0 * 24.0;

    #[test]
    fn the_reported_deal_by_hand() {
        let r = evaluate(&deal());
        // 36 × $1.25B = $45B, the reported total.
        assert_eq!(r.totals.nominal_cost, Usd(45e9));
        // 325,000 GPUs × 26,304 h × 99.5 % availability.
        let gpu_hours = 325_000.0 * TERM_HOURS * 0.995;
        assert!((r.totals.delivered_gpu_hours.value() - gpu_hours).abs() < 1.0);
        let per_hour = 45e9 / gpu_hours; // ≈ $5.29
        assert!((r.totals.usd_per_delivered_gpu_hour.value() - per_hour).abs() < 1e-9);
        assert!((r.totals.usd_per_useful_gpu_hour.value() - per_hour / 0.9).abs() < 1e-9);
        assert_eq!(r.totals.paid_for_undelivered, Usd(0.0));
        assert_eq!(r.totals.credits, Usd(0.0), "99.5 % meets the SLA");
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
        let hours = 325_000.0 * (1_096.0 - 183.0) * 24.0 * 0.995;
        assert!((r.totals.delivered_gpu_hours.value() - hours).abs() < 1.0);
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
        // Month 0 owes max(0.25, 0.5) = 50 %, half of it for capacity not there; month 2 owes 75 %.
        assert_eq!(r.months[0].payment, Usd(0.625e9));
        assert_eq!(r.months[0].paid_for_undelivered, Usd(0.3125e9));
        assert_eq!(r.months[2].payment, Usd(0.9375e9));
        assert_eq!(r.months[2].paid_for_undelivered, Usd(0.0));
    }

    #[test]
    fn a_month_by_month_schedule_replaces_the_linear_ramp_and_shifts_with_the_delay() {
        let mut c = deal();
        c.ramp_months = 12;
        c.ramp_schedule = vec![Fraction(0.2), Fraction(0.6)];
        c.ramp_delay_months = 1;
        let shares: Vec<f64> = (0..4).map(|m| delivered_share(&c, m).value()).collect();
        assert_eq!(shares, [0.0, 0.2, 0.6, 1.0]);
        let r = evaluate(&c);
        // Month 1 (July 2026, 744 h) delivers 20 % of 325,000 GPUs at 99.5 % availability.
        assert!((r.months[1].delivered_gpu_hours.value() - 65_000.0 * 744.0 * 0.995).abs() < 1e-6);
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
    fn per_gpu_hour_pricing_bills_the_calendar() {
        let mut c = deal();
        c.pricing = PricingBasis::PerGpuHour;
        c.price_per_gpu_hour = UsdPerGpuHour(2.0);
        let r = evaluate(&c);
        // June 2026: 325,000 × 720 h × $2 = $468M; total 325,000 × 26,304 h × $2.
        assert_eq!(r.months[0].payment, Usd(468e6));
        assert!((r.totals.nominal_cost.value() - 325_000.0 * TERM_HOURS * 2.0).abs() < 1.0);
    }

    #[test]
    fn sla_bands_credit_the_worst_band_reached() {
        let sla = deal().sla;
        assert_eq!(sla_credit(&sla, Fraction(0.995)), Fraction(0.0));
        assert_eq!(sla_credit(&sla, Fraction(0.994)), Fraction(0.10));
        assert_eq!(sla_credit(&sla, Fraction(0.98)), Fraction(0.30));
        assert_eq!(sla_credit(&sla, Fraction(0.90)), Fraction(1.0));
        let mut c = deal();
        c.sla.expected_availability = Fraction(0.98);
        let r = evaluate(&c);
        // 30 % of every month's $1.25B back: 36 × $375M.
        assert!((r.totals.credits.value() - 36.0 * 0.375e9).abs() < 1.0);
        assert!((r.totals.nominal_cost.value() - 36.0 * 0.875e9).abs() < 1.0);
    }

    #[test]
    fn an_instance_level_sla_credits_only_the_instances_that_lost_power() {
        let c = deal();
        let expected = c.sla.expected_availability;
        // 0.02 % of the accelerator-hours lost, the worst hour 5 % of the fleet: those 5 % are
        // down 0.4 % of the month (99.5 % × 99.6 % = 99.1 %, the 10 % band); the rest meet it.
        let some = Power { powered: Fraction(0.9998), affected: Fraction(0.05), ..Power::FULL };
        assert!((some.sla_credit(&c.sla, expected).value() - 0.05 * 0.10).abs() < 1e-15);
        // The same loss on the whole fleet at once: every instance in the 10 % band.
        let all = Power { powered: Fraction(0.9998), affected: Fraction(1.0), ..Power::FULL };
        assert_eq!(all.sla_credit(&c.sla, expected), Fraction(0.10));
        // A long outage of a tenth of the fleet: those instances fall to the 100 % band.
        let tenth = Power { powered: Fraction(0.99), affected: Fraction(0.10), ..Power::FULL };
        assert!((tenth.sla_credit(&c.sla, expected).value() - 0.10).abs() < 1e-15);
        // A shortfall with no worst hour recorded falls on the whole fleet.
        let unknown = Power { powered: Fraction(0.9998), affected: Fraction(0.0), ..Power::FULL };
        assert_eq!(unknown.sla_credit(&c.sla, expected), Fraction(0.10));
        // Fully powered: the band of the expected availability alone.
        assert_eq!(Power::FULL.sla_credit(&c.sla, Fraction(0.98)), Fraction(0.30));
        // In the contract: one month at `some`, the others fully powered.
        let mut power = vec![Power::FULL; 36];
        power[5] = some;
        let r = evaluate_with_power(&c, &power);
        assert!((r.totals.credits.value() - 1.25e9 * 0.005).abs() < 1.0, "{}", r.totals.credits.value());
        let delivered = evaluate(&c).months[5].delivered_gpu_hours.value() * 0.9998;
        assert!((r.months[5].delivered_gpu_hours.value() - delivered).abs() < 1e-6 * delivered);
    }

    #[test]
    fn delay_credits_pay_back_only_for_late_capacity() {
        let mut c = deal();
        c.ramp_delay_months = 2;
        c.delay_credit = Fraction(0.5);
        let r = evaluate(&c);
        // Two months late: half of $1.25B credited in each.
        assert_eq!(r.months[0].credits, Usd(0.625e9));
        assert_eq!(r.months[1].credits, Usd(0.625e9));
        assert_eq!(r.months[2].credits, Usd(0.0));
        assert_eq!(r.totals.nominal_cost, Usd(45e9 - 1.25e9));
        // Take-or-pay at 50 %: a month delivering half the plan is invoiced for what it
        // delivered, nothing for the late half, so nothing is credited back for it.
        // (A month's slip: month 1 plans 100 % and delivers the schedule's first 50 %.)
        c.ramp_delay_months = 1;
        c.ramp_schedule = vec![Fraction(0.5), Fraction(1.0)];
        c.take_or_pay = Fraction(0.5);
        let half = evaluate(&c);
        assert_eq!(half.months[1].planned_gpus.value() / half.months[1].delivered_gpus.value(), 2.0);
        assert_eq!(half.months[1].credits, Usd(0.0));
        assert_eq!(half.months[1].payment, Usd(0.625e9));
        // Late against a full plan with nothing delivered: the half invoiced is credited by half.
        c.ramp_schedule = Vec::new();
        let r = evaluate(&c);
        assert_eq!(r.months[0].credits, Usd(1.25e9 * 0.5 * 0.5));
        assert_eq!(r.months[0].payment, Usd(1.25e9 * 0.5 * 0.5));
    }

    #[test]
    fn prepayment_is_paid_up_front_and_used_against_invoices() {
        let mut c = deal();
        c.prepayment = Usd(2e9);
        let r = evaluate(&c);
        // Month 0: $2B prepaid, $1.25B of it used; month 1: the remaining $0.75B used.
        assert_eq!(r.months[0].payment, Usd(2e9));
        assert_eq!(r.months[1].payment, Usd(0.5e9));
        assert_eq!(r.months[2].payment, Usd(1.25e9));
        assert_eq!(r.totals.nominal_cost, Usd(45e9));
        assert!(r.totals.npv_cost > evaluate(&deal()).totals.npv_cost, "paying early costs more today");
    }

    #[test]
    fn termination_at_the_earliest_month_by_hand() {
        let r = evaluate(&deal());
        // Notice in month 3 (Sep 2026) + 90 days (3 months) → months 0–5 paid: 6 × $1.25B.
        let exit = r.totals.earliest_exit.clone().unwrap();
        assert_eq!(exit.notice_month.to_string(), "2026-09");
        assert_eq!(exit.last_paid_month.unwrap().to_string(), "2026-11");
        assert_eq!(exit.total_cost, Usd(7.5e9));
        assert_eq!(exit.saving, Usd(37.5e9));
        assert_eq!(r.termination.len(), 33);
        // Notice in the last three months saves nothing.
        assert_eq!(r.termination.last().unwrap().saving, Usd(0.0));
    }

    #[test]
    fn immediate_exit_with_no_notice_pays_nothing() {
        let mut c = deal();
        c.termination.earliest_notice_month = 0;
        c.termination.notice_days = 0;
        let exit = evaluate(&c).totals.earliest_exit.unwrap();
        assert_eq!(exit.last_paid_month, None);
        assert_eq!(exit.total_cost, Usd(0.0));
    }

    #[test]
    fn npv_at_zero_rate_equals_nominal() {
        let mut c = deal();
        c.discount_rate = PerYear(0.0);
        let r = evaluate(&c);
        assert_eq!(r.totals.npv_cost, r.totals.nominal_cost);
    }
}
