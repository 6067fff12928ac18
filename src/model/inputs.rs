//! The registry of numeric inputs: one row per field, with its label, unit, valid range, help
//! text and source. The UI renders its fields from this table, validation checks it, and
//! what-if tools (sweeps, goal seek) iterate over it, so adding an input is one row here.

use super::scenario::Scenario;
use super::sources::{self, Citation};
use super::units::{Fraction, PerYear, Usd};

/// Which panel an input belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Contract terms and finance.
    Contract,
}

impl Group {
    /// The panel's title.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Contract => "Contract",
        }
    }
}

/// A numeric input of the scenario.
#[derive(Debug, Clone, Copy)]
pub struct InputSpec {
    /// The field's path in the scenario JSON, e.g. `contract.ramp_delay_months`.
    pub id: &'static str,
    /// The panel it sits in.
    pub group: Group,
    /// A short label.
    pub label: &'static str,
    /// One line on what it means.
    pub help: &'static str,
    /// The unit users see (after [`InputSpec::scale`]).
    pub unit: &'static str,
    /// Model value = shown value × scale (e.g. 1e9 for "$B").
    pub scale: f64,
    /// Smallest valid value, in model units.
    pub min: f64,
    /// Largest valid value, in model units.
    pub max: f64,
    /// The slider's range in model units (a comfortable sub-range of `min..=max`).
    pub slider: (f64, f64),
    /// Slider and field step, in shown units.
    pub step: f64,
    /// Whole numbers only.
    pub integer: bool,
    /// Where the default comes from.
    pub citation: &'static Citation,
    get: fn(&Scenario) -> f64,
    set: fn(&mut Scenario, f64),
}

impl InputSpec {
    /// The current value, in model units.
    pub fn get(&self, s: &Scenario) -> f64 {
        (self.get)(s)
    }

    /// Sets the value, in model units (rounded for whole-number inputs). Does not validate.
    pub fn set(&self, s: &mut Scenario, value: f64) {
        let v = if self.integer { value.round() } else { value };
        (self.set)(s, v);
    }

    /// The value as users see it (divided by [`InputSpec::scale`]).
    pub fn shown(&self, s: &Scenario) -> f64 {
        self.get(s) / self.scale
    }

    /// Checks a value against this input's range; the message names the field and the range in
    /// the units users see.
    pub fn check(&self, value: f64) -> Result<(), String> {
        let shown = |v: f64| trim_number(v / self.scale);
        if !value.is_finite() {
            return Err(format!("{} must be a finite number", self.label));
        }
        if self.integer && value.fract() != 0.0 {
            return Err(format!(
                "{} must be a whole number, got {}",
                self.label,
                shown(value)
            ));
        }
        if value < self.min || value > self.max {
            return Err(format!(
                "{} must be between {} and {} {}, got {}",
                self.label,
                shown(self.min),
                shown(self.max),
                self.unit,
                shown(value)
            ));
        }
        Ok(())
    }
}

/// A number without trailing zeros, for messages (12.5, 36, 0.001).
pub fn trim_number(v: f64) -> String {
    if v.abs() >= 1e15 || (v != 0.0 && v.abs() < 1e-6) {
        return format!("{v:e}");
    }
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Every numeric input, in the order panels show them.
pub static INPUTS: &[InputSpec] = &[
    InputSpec {
        id: "contract.monthly_commitment",
        group: Group::Contract,
        label: "Monthly commitment",
        help: "What the lab owes each month at full capacity, before escalation.",
        unit: "$B / month",
        scale: 1e9,
        min: 0.0,
        max: 100e9,
        slider: (0.1e9, 5e9),
        step: 0.01,
        integer: false,
        citation: &sources::DEAL_MONTHLY,
        get: |s| s.contract.monthly_commitment.value(),
        set: |s, v| s.contract.monthly_commitment = Usd(v),
    },
    InputSpec {
        id: "contract.term_months",
        group: Group::Contract,
        label: "Term",
        help: "How long the commitment runs.",
        unit: "months",
        scale: 1.0,
        min: 1.0,
        max: 120.0,
        slider: (6.0, 84.0),
        step: 1.0,
        integer: true,
        citation: &sources::DEAL_TERM,
        get: |s| f64::from(s.contract.term_months),
        set: |s, v| s.contract.term_months = v as u32,
    },
    InputSpec {
        id: "contract.gpus",
        group: Group::Contract,
        label: "Contracted GPUs",
        help: "Accelerators the provider delivers once fully ramped.",
        unit: "thousand GPUs",
        scale: 1e3,
        min: 1.0,
        max: 10e6,
        slider: (10e3, 1e6),
        step: 1.0,
        integer: true,
        citation: &sources::DEAL_GPUS,
        get: |s| f64::from(s.contract.gpus),
        set: |s, v| s.contract.gpus = v as u32,
    },
    InputSpec {
        id: "contract.ramp_delay_months",
        group: Group::Contract,
        label: "Ramp delay",
        help: "How many months delivery slips after the term starts; payments still fall due.",
        unit: "months",
        scale: 1.0,
        min: 0.0,
        max: 119.0,
        slider: (0.0, 18.0),
        step: 1.0,
        integer: true,
        citation: &sources::RAMP_UNDISCLOSED,
        get: |s| f64::from(s.contract.ramp_delay_months),
        set: |s, v| s.contract.ramp_delay_months = v as u32,
    },
    InputSpec {
        id: "contract.ramp_months",
        group: Group::Contract,
        label: "Ramp length",
        help:
            "Months over which capacity grows linearly to the contracted count (0 = all at once).",
        unit: "months",
        scale: 1.0,
        min: 0.0,
        max: 120.0,
        slider: (0.0, 24.0),
        step: 1.0,
        integer: true,
        citation: &sources::RAMP_UNDISCLOSED,
        get: |s| f64::from(s.contract.ramp_months),
        set: |s, v| s.contract.ramp_months = v as u32,
    },
    InputSpec {
        id: "contract.take_or_pay",
        group: Group::Contract,
        label: "Take-or-pay floor",
        help: "Share of the monthly charge owed even when capacity is missing.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.0, 1.0),
        step: 1.0,
        integer: false,
        citation: &sources::DEAL_COMMITTED,
        get: |s| s.contract.take_or_pay.value(),
        set: |s, v| s.contract.take_or_pay = Fraction(v),
    },
    InputSpec {
        id: "contract.annual_escalator",
        group: Group::Contract,
        label: "Annual price escalator",
        help: "Price step at the start of each contract year.",
        unit: "% / year",
        scale: 0.01,
        min: -0.5,
        max: 1.0,
        slider: (-0.1, 0.2),
        step: 0.5,
        integer: false,
        citation: &sources::DEAL_FLAT_PRICE,
        get: |s| s.contract.annual_escalator.value(),
        set: |s, v| s.contract.annual_escalator = PerYear(v),
    },
    InputSpec {
        id: "contract.discount_rate",
        group: Group::Contract,
        label: "Discount rate",
        help: "Cost of capital used to bring future payments to today's dollars (NPV).",
        unit: "% / year",
        scale: 0.01,
        min: 0.0,
        max: 0.5,
        slider: (0.0, 0.25),
        step: 0.5,
        integer: false,
        citation: &sources::DISCOUNT_RATE,
        get: |s| s.contract.discount_rate.value(),
        set: |s, v| s.contract.discount_rate = PerYear(v),
    },
    InputSpec {
        id: "contract.utilization",
        group: Group::Contract,
        label: "Useful utilization",
        help: "Share of delivered GPU-hours doing useful work after failures and restarts.",
        unit: "%",
        scale: 0.01,
        min: 0.01,
        max: 1.0,
        slider: (0.3, 1.0),
        step: 1.0,
        integer: false,
        citation: &sources::UTILIZATION,
        get: |s| s.contract.utilization.value(),
        set: |s, v| s.contract.utilization = Fraction(v),
    },
];

/// Looks an input up by its field path.
pub fn input(id: &str) -> Option<&'static InputSpec> {
    INPUTS.iter().find(|i| i.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_round_trips_and_its_default_is_valid() {
        let s = Scenario::default();
        for spec in INPUTS {
            let v = spec.get(&s);
            assert!(
                spec.check(v).is_ok(),
                "default of {} is out of its own range",
                spec.id
            );
            assert!(
                spec.slider.0 >= spec.min && spec.slider.1 <= spec.max,
                "{} slider",
                spec.id
            );
            let mut t = s.clone();
            spec.set(&mut t, v);
            assert_eq!(t, s, "{} set(get) changed the scenario", spec.id);
        }
    }

    #[test]
    fn ids_are_unique_and_name_real_json_paths() {
        let json = serde_json::to_value(Scenario::default()).unwrap();
        for (i, spec) in INPUTS.iter().enumerate() {
            assert!(
                INPUTS[..i].iter().all(|o| o.id != spec.id),
                "duplicate id {}",
                spec.id
            );
            let ptr = format!("/{}", spec.id.replace('.', "/"));
            assert!(
                json.pointer(&ptr).is_some(),
                "{} is not a path in the scenario JSON",
                spec.id
            );
        }
    }

    #[test]
    fn every_default_has_a_source() {
        for spec in INPUTS {
            assert!(
                !spec.citation.source.is_empty() && !spec.citation.date.is_empty(),
                "{}",
                spec.id
            );
        }
    }

    #[test]
    fn messages_use_the_units_people_see() {
        let spec = input("contract.take_or_pay").unwrap();
        assert_eq!(
            spec.check(1.5).unwrap_err(),
            "Take-or-pay floor must be between 0 and 100 %, got 150"
        );
        assert!(spec.check(f64::NAN).unwrap_err().contains("finite"));
        let term = input("contract.term_months").unwrap();
        assert!(term.check(12.5).unwrap_err().contains("whole number"));
    }
}
