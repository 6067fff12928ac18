//! One-at-a-time sensitivity: swing each input ±10 % around its value (±1 percentage point for
//! inputs given in %, where ±10 % of 99.5 % availability would be a collapse, not a swing) and
//! see how far a KPI moves. The explorer's summary names the contract term that moves the cost per delivered
//! GPU-hour most; the same swings are the basis of a tornado chart.

use super::contract;
use super::inputs::{Group, INPUTS};
use super::validate;
use super::Scenario;

/// The relative swing applied to each input.
pub const SWING: f64 = 0.10;
/// The absolute swing of inputs given in percent (one percentage point).
pub const POINT_SWING: f64 = 0.01;

/// How far one input's swing moves the KPI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Driver {
    /// The input's registry id.
    pub id: &'static str,
    /// The input's label.
    pub label: &'static str,
    /// The input's unit ("%" inputs swing ±1 point).
    pub unit: &'static str,
    /// The KPI with the input swung down (or at its minimum).
    pub low: f64,
    /// The KPI with the input swung up (or at its maximum).
    pub high: f64,
    /// Whether the swing down stopped at the input's minimum.
    pub low_at_limit: bool,
    /// Whether the swing up stopped at the input's maximum.
    pub high_at_limit: bool,
    /// The input's value (model units) the swing down applied; `None` if it was refused or
    /// did not move the input (then `low` is today's figure).
    pub low_input: Option<f64>,
    /// The same for the swing up.
    pub high_input: Option<f64>,
}

impl Driver {
    /// The width of the swing, |high − low|.
    pub fn range(&self) -> f64 {
        (self.high - self.low).abs()
    }
}

/// The contract terms that apply to `s`, each swung ±10 % or ±1 point (within its valid range;
/// whole-number inputs rounded), ranked by how far they move the cost per delivered GPU-hour. `power` is the
/// energy model's power per month (powered and short shares), held fixed; what the datacenter
/// installs of each swung schedule is worked out again (more GPUs than the sites' caps hold are
/// not delivered). Swings that make the scenario invalid (e.g. a delay as long as the term) or do
/// not move the input are left out.
pub fn contract_drivers(s: &Scenario, power: &[contract::Power]) -> Vec<Driver> {
    // What the datacenter installs depends on the schedule alone: worked out again only for a
    // swing that moves it (the GPUs, the term, the ramp and its delay), not for a price's.
    let installed = |c: &super::Contract| {
        let dc =
            super::datacenter::evaluate(&s.hardware, &s.facility, &contract::evaluate(c), s.energy.seasons());
        super::with_installed(&dc, power)
    };
    let schedule = |c: &super::Contract| {
        (c.gpus, c.term_months, c.start, c.ramp_months, c.ramp_delay_months, c.ramp_schedule.clone())
    };
    let base_power = installed(&s.contract);
    let base_schedule = schedule(&s.contract);
    let kpi = |x: &Scenario| {
        let swung;
        let power = if schedule(&x.contract) == base_schedule {
            &base_power
        } else {
            swung = installed(&x.contract);
            &swung
        };
        contract::evaluate_with_power(&x.contract, power).totals.usd_per_delivered_gpu_hour.value()
    };
    let base = kpi(s);
    // One copy, its contract put back after each swing (only the contract is swung, so only
    // its checks can fail).
    let mut x = s.clone();
    let mut drivers: Vec<Driver> = INPUTS
        .iter()
        .filter(|i| i.group == Group::Contract && (i.applies)(s))
        .filter_map(|i| {
            let v = i.get(s);
            let mut at = |to: f64| {
                i.set(&mut x, to.clamp(i.min, i.max));
                let applied = i.get(&x);
                let kpi =
                    (applied != v && validate::contract_problems(&x).is_empty()).then(|| (applied, kpi(&x)));
                x.contract.clone_from(&s.contract);
                kpi
            };
            let (down, up) = if i.unit == "%" {
                (v - POINT_SWING, v + POINT_SWING)
            } else {
                (v * (1.0 - SWING), v * (1.0 + SWING))
            };
            let (low, high) = (at(down), at(up));
            if low.is_none() && high.is_none() {
                return None;
            }
            let (low_input, high_input) = (low.map(|l| l.0), high.map(|h| h.0));
            let (low, high) = (low.map_or(base, |l| l.1), high.map_or(base, |h| h.1));
            (low.is_finite() && high.is_finite()).then_some(Driver {
                id: i.id,
                label: i.label,
                unit: i.unit,
                low,
                high,
                low_at_limit: down < i.min,
                high_at_limit: up > i.max,
                low_input,
                high_input,
            })
        })
        .collect();
    super::math::sort_by(&mut drivers, |a, b| b.range().total_cmp(&a.range()));
    drivers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_gpus_than_the_sites_hold_are_not_delivered_so_swinging_them_moves_nothing() {
        // One 200 MW site holds about 41 % of the default fleet: ±10 % contracted GPUs change
        // nothing installed, so nothing delivered, under a fixed monthly price.
        let mut s = Scenario::default();
        crate::inputs::input("facility.sites").unwrap().set(&mut s, 1.0);
        s.facility.site_power_cap_mw = 200.0;
        let d = contract_drivers(&s, &[]);
        let gpus = d.iter().find(|x| x.id == "contract.gpus").expect("swung");
        assert!(gpus.range() < 1e-9 * gpus.low, "{gpus:?}");
        assert_ne!(d[0].id, "contract.gpus");
    }

    #[test]
    fn the_default_deal_by_hand() {
        let deal = Scenario::default();
        let d = contract_drivers(&deal, &[]);
        let base = contract::evaluate(&deal.contract).totals.usd_per_delivered_gpu_hour.value();
        let find = |id: &str| d.iter().find(|x| x.id == id).copied().unwrap();
        // Fixed monthly pricing: the cost per hour is proportional to the commitment …
        let commitment = find("contract.monthly_commitment");
        assert!((commitment.low - 0.9 * base).abs() < 1e-9 && (commitment.high - 1.1 * base).abs() < 1e-9);
        // … and inversely proportional to the GPUs delivered (325,000 ± 32,500).
        let gpus = find("contract.gpus");
        assert!((gpus.low - base / 0.9).abs() < 1e-9 && (gpus.high - base / 1.1).abs() < 1e-9);
        assert_eq!((gpus.low_input, gpus.high_input), (Some(292_500.0), Some(357_500.0)));
        // A whole-number input reports the value it was set to, not the 10 % step: a 5-month
        // delay swung down lands on 4.5, which rounds back to 5 (no move, not named).
        let mut late = Scenario::default();
        late.contract.ramp_delay_months = 5;
        let delay = contract_drivers(&late, &[]).into_iter().find(|x| x.id == "contract.ramp_delay_months");
        if let Some(delay) = delay {
            assert!(delay.low_input.is_none_or(|v| v.fract() == 0.0 && v != 5.0), "{delay:?}");
            assert!(delay.high_input.is_none_or(|v| v.fract() == 0.0 && v != 5.0), "{delay:?}");
        }
        // 1/0.9 − 1/1.1 = 0.2020… > 0.2: the GPU count moves the cost a little more.
        assert!(gpus.range() > commitment.range());
        // Availability ±1 point: at 98.5 % the 30 % credit band applies and fewer hours are
        // delivered, 0.7 × 0.995 / 0.985 of the cost; at 100 % no credit and 0.995 of it. The
        // SLA cliff makes it the largest driver.
        let availability = find("contract.sla.expected_availability");
        assert!((availability.low - base * 0.7 * 0.995 / 0.985).abs() < 1e-9, "{availability:?}");
        assert!((availability.high - base * 0.995).abs() < 1e-9, "{availability:?}");
        assert_eq!(d[0].id, "contract.sla.expected_availability");
        assert!(d.windows(2).all(|w| w[0].range() >= w[1].range()));
        // The term moves payments and hours alike; a zero escalator has nothing to swing.
        assert!(find("contract.term_months").range() < 0.01 * base);
        assert!(d.iter().all(|x| x.id != "contract.annual_escalator"));
        // The per-hour price does not apply to fixed monthly pricing.
        assert!(d.iter().all(|x| x.id != "contract.price_per_gpu_hour"));
    }
}
