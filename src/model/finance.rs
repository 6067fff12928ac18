//! Discounting: the one place the model turns future dollars into present dollars.
//!
//! Convention: payments fall due at the start of each month (billed in advance, as capacity
//! contracts usually are), so month `m` (0-based from the valuation date) is discounted by
//! `(1 + r)^(-m/12)` with `r` the effective annual rate. Month 0 is undiscounted.

use super::math;
use super::units::{PerYear, Usd};

/// The factor that brings a payment at the start of month `m` back to the start of month 0.
pub fn discount_factor(rate: PerYear, month: u32) -> f64 {
    math::pow(1.0 + rate.value(), -f64::from(month) / 12.0)
}

/// Net present value of a monthly cash-flow series (first element at month 0).
pub fn npv(rate: PerYear, flows: impl IntoIterator<Item = Usd>) -> Usd {
    flows.into_iter().zip(0u32..).map(|(cf, m)| cf * discount_factor(rate, m)).sum()
}

/// The capital recovery factor: the constant annual payment, per dollar of capital, that repays
/// it with interest at `rate` over `years` years, `r (1 + r)^n / ((1 + r)^n − 1)` (`1/n` when
/// `r = 0`, 0 when `n = 0`). Used to turn on-site plant capital into a yearly charge.
pub fn capital_recovery_factor(rate: f64, years: u32) -> f64 {
    if years == 0 {
        return 0.0;
    }
    if rate.abs() < 1e-12 {
        return 1.0 / f64::from(years);
    }
    let growth = math::powi(1.0 + rate, years);
    rate * growth / (growth - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_recovery_by_hand() {
        // 10 % over 10 years: 0.1 × 1.1^10 / (1.1^10 − 1) = 0.162745…
        assert!((capital_recovery_factor(0.10, 10) - 0.162_745_394_9).abs() < 1e-9);
        assert_eq!(capital_recovery_factor(0.0, 20), 0.05);
        assert_eq!(capital_recovery_factor(0.1, 0), 0.0);
    }

    #[test]
    fn one_year_out_is_discounted_by_one_year_of_rate() {
        assert!((discount_factor(PerYear(0.10), 12) - 1.0 / 1.1).abs() < 1e-15);
        assert_eq!(discount_factor(PerYear(0.10), 0), 1.0);
    }

    #[test]
    fn npv_at_zero_rate_is_the_plain_sum() {
        let flows = [Usd(1.0), Usd(2.0), Usd(3.5)];
        assert_eq!(npv(PerYear(0.0), flows), Usd(6.5));
    }

    #[test]
    fn hand_checked_npv() {
        // 13 payments of $100 at months 0..=12 at 12 %/yr: the 13th is worth 100/1.12.
        let v = npv(PerYear(0.12), std::iter::repeat_n(Usd(100.0), 13));
        let by_hand: f64 = (0..=12).map(|m| 100.0 * 1.12f64.powf(-f64::from(m) / 12.0)).sum();
        assert!((v.value() - by_hand).abs() < 1e-9);
        assert!((100.0 * discount_factor(PerYear(0.12), 12) - 89.285_714_285_714_29).abs() < 1e-9);
    }
}
