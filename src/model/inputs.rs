//! The registry of numeric inputs: one row per field, with its label, unit, valid range, help
//! text and source. The UI renders its fields from this table, validation checks it, and
//! what-if tools (sweeps, goal seek) iterate over it, so adding an input is one row here.

use super::energy::sources as energy_sources;
use super::scenario::{PricingBasis, Scenario};
use super::sources::{self, Citation};
use super::training::RunSize;
use super::units::{Fraction, Kilowatts, PerYear, Usd, UsdPerGpuHour, UsdPerMmbtu};

/// Which panel an input belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Contract terms and finance.
    Contract,
    /// The datacenter design.
    Datacenter,
    /// The energy supply.
    Energy,
    /// Training efficiency and the target run.
    Training,
    /// The alternatives the contract is compared with.
    Alternatives,
}

impl Group {
    /// The panel's title.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Contract => "Contract",
            Self::Datacenter => "Datacenter",
            Self::Energy => "Energy",
            Self::Training => "Training",
            Self::Alternatives => "Alternatives",
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
    /// The sub-heading it sits under within the panel.
    pub section: &'static str,
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
    /// Whether the input affects this scenario (e.g. the per-hour price only with per-hour pricing).
    pub applies: fn(&Scenario) -> bool,
    get: fn(&Scenario) -> f64,
    set: fn(&mut Scenario, f64),
}

impl InputSpec {
    /// Whether setting this input also changes other parts of the scenario: the site count
    /// splits the energy supply across the sites ([`crate::energy::Energy::split_sites`]).
    /// Whatever sets several inputs at once sets such an input first, so the others keep the
    /// values asked for.
    pub fn reshapes(&self) -> bool {
        self.id == "facility.sites"
    }

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
        check_range(self.label, self.unit, self.scale, (self.min, self.max), self.integer, value)
    }
}

/// A numeric field of one row of a list in the scenario (an energy source, a resilience site or
/// region): what it is, its unit and valid range, and how to read and write it. Validation checks
/// every row against a table of these and the panels render their rows from the same table, so a
/// new parameter is one row of a table.
#[derive(Debug)]
pub struct ListField<T: 'static> {
    /// The field's key in the row's JSON, e.g. `capacity_mw`.
    pub key: &'static str,
    /// A short label.
    pub label: &'static str,
    /// One line on what it means.
    pub help: &'static str,
    /// The unit users see (after [`ListField::scale`]).
    pub unit: &'static str,
    /// Model value = shown value × scale (0.01 for percentages).
    pub scale: f64,
    /// Smallest valid value, model units.
    pub min: f64,
    /// Largest valid value, model units.
    pub max: f64,
    /// Field step, shown units.
    pub step: f64,
    /// Whole numbers only.
    pub integer: bool,
    /// Reads the value, model units; `None` when this row has no such field.
    pub read: fn(&T) -> Option<f64>,
    /// Writes the value, model units.
    pub write: fn(&mut T, f64),
}

impl<T> ListField<T> {
    /// The value, model units; `None` when this row has no such field.
    pub fn get(&self, row: &T) -> Option<f64> {
        (self.read)(row)
    }

    /// Sets the value, model units (rounded for whole-number fields). Does not validate.
    pub fn set(&self, row: &mut T, value: f64) {
        (self.write)(row, if self.integer { value.round() } else { value });
    }

    /// Checks a value against the field's range, with a message in the units users see.
    pub fn check(&self, value: f64) -> Result<(), String> {
        check_range(self.label, self.unit, self.scale, (self.min, self.max), self.integer, value)
    }
}

/// The range check shared by every numeric field (the scenario registry here and the energy
/// sources' fields): finite, whole when it must be, within `min..=max`; the message names the
/// field and gives the range in the units users see (model value ÷ `scale`).
pub fn check_range(
    label: &str,
    unit: &str,
    scale: f64,
    (min, max): (f64, f64),
    integer: bool,
    value: f64,
) -> Result<(), String> {
    let shown = |v: f64| trim_number(v / scale);
    if !value.is_finite() {
        return Err(format!("{label} must be a finite number"));
    }
    if integer && value.fract() != 0.0 {
        return Err(format!("{label} must be a whole number, got {}", shown(value)));
    }
    if value < min || value > max {
        return Err(format!(
            "{label} must be between {}, got {}",
            range_in_unit(&shown(min), &shown(max), " and ", unit),
            in_unit(&shown(value), unit)
        ));
    }
    Ok(())
}

/// The message for a whole-number setting (draws, samples, a seed) outside `range`, the
/// numbers grouped as every message's are: "Draws must be between 100 and 100,000, got -3".
pub fn whole_range(label: &str, (low, high): (u32, u32), got: &str) -> String {
    format!(
        "{label} must be between {}, got {}",
        range_in_unit(&low.to_string(), &high.to_string(), " and ", ""),
        grouped(got.trim())
    )
}

/// Whether a unit says nothing worth writing after a number: none, or a plain ratio ("between 1
/// and 3", not "between 1 and 3 ratio").
pub fn unit_is_bare(unit: &str) -> bool {
    unit.is_empty() || unit == "ratio"
}

/// A number written with its unit as people read it: a dollar unit's sign before the number and
/// its scale letter after it ("$2.95 / MMBtu", "$31K", "$1.2B / month", "-$3M / MW"), any other
/// unit after a space ("36 months", "1.2 MW"), no unit for a plain ratio. Every message, note and
/// label that writes an input's value with its unit goes through this.
pub fn in_unit(number: &str, unit: &str) -> String {
    let number = &grouped(number);
    match unit.strip_prefix('$') {
        Some(rest) => {
            let (sign, digits) = split_sign(number);
            // Nothing is "$0", whatever the scale ("$0B" read as a unit of its own).
            if is_zero(digits) {
                return format!("${digits}{}", &rest[scale_of(rest).len()..]);
            }
            // Less than a billion reads in millions: "$328.7M / month", not "$0.3287B / month".
            if let (Some(after), Ok(v)) = (rest.strip_prefix('B'), digits.parse::<f64>()) {
                if v > 0.0 && v < 1.0 && !digits.contains('e') {
                    return format!("{sign}${}M{after}", trim_number(v * 1000.0));
                }
            }
            format!("{sign}${}{rest}", cents(digits, rest))
        }
        None if unit_is_bare(unit) => number.to_owned(),
        None => format!("{number} {unit}"),
    }
}

/// The first number of a range written with its unit once, at the end ("$1.2B to $3B / month",
/// "0 to 100 MW"): a dollar unit's sign and scale letter (none for zero: "$0 to $3B"), nothing
/// else.
pub fn in_unit_alone(number: &str, unit: &str) -> String {
    let number = &grouped(number);
    match unit.strip_prefix('$') {
        Some(rest) => {
            let (sign, digits) = split_sign(number);
            let scale = if is_zero(digits) { "" } else { scale_of(rest) };
            format!("{sign}${}{scale}", cents(digits, rest))
        }
        None => number.to_owned(),
    }
}

/// A range as [`in_unit_alone`] and [`in_unit`] write its two ends: "$0 to $100 / MMBtu".
pub fn range_in_unit(low: &str, high: &str, joiner: &str, unit: &str) -> String {
    let (low, high) = alike(low, high, unit);
    format!("{}{joiner}{}", in_unit_alone(&low, unit), in_unit(&high, unit))
}

/// Two numbers read side by side (a range's ends, a value and the preset's): prices in plain
/// dollars with cents in one take them in both ("$7.00" beside "$3.50", not "$7").
pub fn alike(a: &str, b: &str, unit: &str) -> (String, String) {
    let plain = unit.strip_prefix('$').is_some_and(|rest| scale_of(rest).is_empty());
    let whole = |n: &str| n.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    if plain && (a.contains('.') || b.contains('.')) {
        let pad = |n: &str| if whole(n) { format!("{n}.00") } else { n.to_owned() };
        (pad(a), pad(b))
    } else {
        (a.to_owned(), b.to_owned())
    }
}

/// A number's whole part in groups of three from five digits on ("325,000", "12,500.5"; "2026"
/// and "1000" stay as they are); anything else (scientific notation, text) as it is.
fn grouped(number: &str) -> String {
    let (sign, digits) = split_sign(number);
    let (whole, rest) = digits.split_at(digits.find('.').unwrap_or(digits.len()));
    if whole.len() < 5
        || whole.starts_with('0')
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || rest.contains(|c: char| c != '.' && !c.is_ascii_digit())
    {
        return number.to_owned();
    }
    let mut out = String::with_capacity(number.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(rest);
    out
}

/// Plain dollars with one decimal take a second, as prices are written ("$3.50", not "$3.5");
/// an amount with a scale letter ("$1.5B") or other decimals is left as it is.
fn cents(digits: &str, unit_rest: &str) -> String {
    let plain = scale_of(unit_rest).is_empty();
    match digits.split_once('.') {
        Some((_, decimals)) if plain && decimals.len() == 1 => format!("{digits}0"),
        _ => digits.to_owned(),
    }
}

/// The scale letters a dollar unit puts after the number: "B" of "$B / month", none of
/// "$ / MMBtu" (`rest` is the unit after its "$").
fn scale_of(rest: &str) -> &str {
    &rest[..rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len())]
}

/// Whether a number's text is zero, however written ("0", "0.0", "0.00").
fn is_zero(digits: &str) -> bool {
    digits.parse::<f64>() == Ok(0.0)
}

fn split_sign(number: &str) -> (&str, &str) {
    for sign in ["-", "\u{2212}"] {
        if let Some(digits) = number.strip_prefix(sign) {
            return (sign, digits);
        }
    }
    ("", number)
}

/// A number without trailing zeros, for messages (12.5, 36, 0.001).
pub fn trim_number(v: f64) -> String {
    if v == 0.0 {
        // Never "-0".
        return "0".to_owned();
    }
    if !v.is_finite() {
        return v.to_string();
    }
    if v.abs() >= 1e15 || (v != 0.0 && v.abs() < 1e-6) {
        // Six significant digits at most: "1e30", not the "1.0000000000000002e30" of a
        // value scaled there and back.
        let s = format!("{v:.5e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        return format!("{}e{exponent}", mantissa.trim_end_matches('0').trim_end_matches('.'));
    }
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Every numeric input, in the order panels show them.
pub static INPUTS: &[InputSpec] = &[
    InputSpec {
        id: "contract.monthly_commitment",
        group: Group::Contract,
        section: "Pricing",
        label: "Monthly commitment",
        help: "What the lab owes each month at full capacity, before escalation (fixed-monthly pricing).",
        unit: "$B / month",
        scale: 1e9,
        min: 0.0,
        max: 100e9,
        slider: (0.1e9, 5e9),
        step: 0.01,
        integer: false,
        citation: &sources::DEAL_MONTHLY,
        applies: |s| s.contract.pricing == PricingBasis::FixedMonthly,
        get: |s| s.contract.monthly_commitment.value(),
        set: |s, v| s.contract.monthly_commitment = Usd(v),
    },
    InputSpec {
        id: "contract.price_per_gpu_hour",
        group: Group::Contract,
        section: "Pricing",
        label: "Price per GPU-hour",
        help: "Rate per contracted GPU-hour, before escalation (per-GPU-hour pricing).",
        unit: "$ / GPU-hr",
        scale: 1.0,
        min: 0.0,
        max: 100.0,
        slider: (0.5, 12.0),
        step: 0.01,
        integer: false,
        citation: &sources::DEAL_RATE_DERIVED,
        applies: |s| s.contract.pricing == PricingBasis::PerGpuHour,
        get: |s| s.contract.price_per_gpu_hour.value(),
        set: |s, v| s.contract.price_per_gpu_hour = UsdPerGpuHour(v),
    },
    InputSpec {
        id: "contract.annual_escalator",
        group: Group::Contract,
        section: "Pricing",
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
        applies: always,
        get: |s| s.contract.annual_escalator.value(),
        set: |s, v| s.contract.annual_escalator = PerYear(v),
    },
    InputSpec {
        id: "contract.take_or_pay",
        group: Group::Contract,
        section: "Pricing",
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
        applies: always,
        get: |s| s.contract.take_or_pay.value(),
        set: |s, v| s.contract.take_or_pay = Fraction(v),
    },
    InputSpec {
        id: "contract.prepayment",
        group: Group::Contract,
        section: "Pricing",
        label: "Prepayment",
        help: "Paid at signing and credited against invoices until used up.",
        unit: "$B",
        scale: 1e9,
        min: 0.0,
        max: 1e12,
        slider: (0.0, 10e9),
        step: 0.1,
        integer: false,
        citation: &sources::PREPAYMENT_UNDISCLOSED,
        applies: always,
        get: |s| s.contract.prepayment.value(),
        set: |s, v| s.contract.prepayment = Usd(v),
    },
    InputSpec {
        id: "contract.term_months",
        group: Group::Contract,
        section: "Delivery",
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
        applies: always,
        get: |s| f64::from(s.contract.term_months),
        set: |s, v| s.contract.term_months = v as u32,
    },
    InputSpec {
        id: "contract.gpus",
        group: Group::Contract,
        section: "Delivery",
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
        applies: always,
        get: |s| f64::from(s.contract.gpus),
        set: |s, v| s.contract.gpus = v as u32,
    },
    InputSpec {
        id: "contract.ramp_delay_months",
        group: Group::Contract,
        section: "Delivery",
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
        applies: always,
        get: |s| f64::from(s.contract.ramp_delay_months),
        set: |s, v| s.contract.ramp_delay_months = v as u32,
    },
    InputSpec {
        id: "contract.ramp_months",
        group: Group::Contract,
        section: "Delivery",
        label: "Ramp length",
        help: "Months over which capacity grows linearly to the contracted count (0 = all at once).",
        unit: "months",
        scale: 1.0,
        min: 0.0,
        max: 120.0,
        slider: (0.0, 24.0),
        step: 1.0,
        integer: true,
        citation: &sources::RAMP_UNDISCLOSED,
        applies: always,
        get: |s| f64::from(s.contract.ramp_months),
        set: |s, v| s.contract.ramp_months = v as u32,
    },
    InputSpec {
        id: "contract.delay_credit",
        group: Group::Contract,
        section: "Delivery",
        label: "Late-delivery credit",
        help: "Share of what is charged for capacity arriving later than planned (the take-or-pay charge above what is delivered) that the provider credits back.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.0, 1.0),
        step: 1.0,
        integer: false,
        citation: &sources::DELAY_CREDIT_UNDISCLOSED,
        applies: always,
        get: |s| s.contract.delay_credit.value(),
        set: |s, v| s.contract.delay_credit = Fraction(v),
    },
    InputSpec {
        id: "contract.sla.expected_availability",
        group: Group::Contract,
        section: "Service level (SLA)",
        label: "Expected availability",
        help: "Share of each month the delivered capacity is actually up.",
        unit: "%",
        scale: 0.01,
        min: 0.5,
        max: 1.0,
        slider: (0.9, 1.0),
        step: 0.1,
        integer: false,
        citation: &sources::AVAILABILITY_ASSUMED,
        applies: always,
        get: |s| s.contract.sla.expected_availability.value(),
        set: |s, v| s.contract.sla.expected_availability = Fraction(v),
    },
    InputSpec {
        id: "contract.sla.credit_bands.0.below",
        group: Group::Contract,
        section: "Service level (SLA)",
        label: "SLA band 1: below",
        help: "An instance whose availability falls below this earns the band's credit; thresholds must fall band by band.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.9, 1.0),
        step: 0.1,
        integer: false,
        citation: &sources::AWS_SLA,
        applies: always,
        get: |s| s.contract.sla.credit_bands[0].below.value(),
        set: |s, v| s.contract.sla.credit_bands[0].below = Fraction(v),
    },
    InputSpec {
        id: "contract.sla.credit_bands.0.credit",
        group: Group::Contract,
        section: "Service level (SLA)",
        label: "SLA band 1: credit",
        help: "Share of an instance's monthly charge credited back when its availability falls in this band.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.0, 1.0),
        step: 1.0,
        integer: false,
        citation: &sources::AWS_SLA,
        applies: always,
        get: |s| s.contract.sla.credit_bands[0].credit.value(),
        set: |s, v| s.contract.sla.credit_bands[0].credit = Fraction(v),
    },
    InputSpec {
        id: "contract.sla.credit_bands.1.below",
        group: Group::Contract,
        section: "Service level (SLA)",
        label: "SLA band 2: below",
        help: "An instance whose availability falls below this earns the band's credit; thresholds must fall band by band.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.9, 1.0),
        step: 0.1,
        integer: false,
        citation: &sources::AWS_SLA,
        applies: always,
        get: |s| s.contract.sla.credit_bands[1].below.value(),
        set: |s, v| s.contract.sla.credit_bands[1].below = Fraction(v),
    },
    InputSpec {
        id: "contract.sla.credit_bands.1.credit",
        group: Group::Contract,
        section: "Service level (SLA)",
        label: "SLA band 2: credit",
        help: "Share of an instance's monthly charge credited back when its availability falls in this band.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.0, 1.0),
        step: 1.0,
        integer: false,
        citation: &sources::AWS_SLA,
        applies: always,
        get: |s| s.contract.sla.credit_bands[1].credit.value(),
        set: |s, v| s.contract.sla.credit_bands[1].credit = Fraction(v),
    },
    InputSpec {
        id: "contract.sla.credit_bands.2.below",
        group: Group::Contract,
        section: "Service level (SLA)",
        label: "SLA band 3: below",
        help: "An instance whose availability falls below this earns the band's credit; thresholds must fall band by band.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.9, 1.0),
        step: 0.1,
        integer: false,
        citation: &sources::AWS_SLA,
        applies: always,
        get: |s| s.contract.sla.credit_bands[2].below.value(),
        set: |s, v| s.contract.sla.credit_bands[2].below = Fraction(v),
    },
    InputSpec {
        id: "contract.sla.credit_bands.2.credit",
        group: Group::Contract,
        section: "Service level (SLA)",
        label: "SLA band 3: credit",
        help: "Share of an instance's monthly charge credited back when its availability falls in this band.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.0, 1.0),
        step: 1.0,
        integer: false,
        citation: &sources::AWS_SLA,
        applies: always,
        get: |s| s.contract.sla.credit_bands[2].credit.value(),
        set: |s, v| s.contract.sla.credit_bands[2].credit = Fraction(v),
    },
    InputSpec {
        id: "contract.termination.earliest_notice_month",
        group: Group::Contract,
        section: "Exit",
        label: "Earliest notice",
        help: "Months into the term before notice to terminate may be given.",
        unit: "months",
        scale: 1.0,
        min: 0.0,
        max: 120.0,
        slider: (0.0, 24.0),
        step: 1.0,
        integer: true,
        citation: &sources::DEAL_TERMINATION,
        applies: always,
        get: |s| f64::from(s.contract.termination.earliest_notice_month),
        set: |s, v| s.contract.termination.earliest_notice_month = v as u32,
    },
    InputSpec {
        id: "contract.termination.notice_days",
        group: Group::Contract,
        section: "Exit",
        label: "Notice period",
        help: "Days of notice; payments continue until it runs out.",
        unit: "days",
        scale: 1.0,
        min: 0.0,
        max: 3650.0,
        slider: (0.0, 365.0),
        step: 1.0,
        integer: true,
        citation: &sources::DEAL_TERMINATION,
        applies: always,
        get: |s| f64::from(s.contract.termination.notice_days),
        set: |s, v| s.contract.termination.notice_days = v as u32,
    },
    InputSpec {
        id: "contract.termination.fee",
        group: Group::Contract,
        section: "Exit",
        label: "Termination fee",
        help: "One-off fee owed on an early exit.",
        unit: "$B",
        scale: 1e9,
        min: 0.0,
        max: 1e12,
        slider: (0.0, 10e9),
        step: 0.1,
        integer: false,
        citation: &sources::DEAL_TERMINATION_FEE,
        applies: always,
        get: |s| s.contract.termination.fee.value(),
        set: |s, v| s.contract.termination.fee = Usd(v),
    },
    InputSpec {
        id: "contract.discount_rate",
        group: Group::Contract,
        section: "Finance",
        label: "Discount rate",
        help: "Cost of capital used to discount future payments to the contract's start (NPV).",
        unit: "% / year",
        scale: 0.01,
        min: 0.0,
        max: 0.5,
        slider: (0.0, 0.25),
        step: 0.5,
        integer: false,
        citation: &sources::DISCOUNT_RATE,
        applies: always,
        get: |s| s.contract.discount_rate.value(),
        set: |s, v| s.contract.discount_rate = PerYear(v),
    },
    InputSpec {
        id: "facility.pue",
        group: Group::Datacenter,
        section: "Cooling and efficiency",
        label: "PUE (annual average)",
        help: "Facility power ÷ IT power; picking a cooling technology sets its typical value.",
        unit: "ratio",
        scale: 1.0,
        min: 1.0,
        max: 3.0,
        slider: (1.0, 2.0),
        step: 0.01,
        integer: false,
        citation: &sources::PUE_LIQUID,
        applies: always,
        get: |s| s.facility.pue,
        set: |s, v| s.facility.pue = v,
    },
    InputSpec {
        id: "facility.seasonal_pue_swing",
        group: Group::Datacenter,
        section: "Cooling and efficiency",
        label: "Seasonal PUE swing",
        help: "PUE rises this much above average in the sites' summer (July north of the equator, January south of it) and falls as much in their winter; sites on both sides even out. At most PUE − 1 is applied, so no month goes below 1.",
        unit: "± ratio",
        scale: 1.0,
        min: 0.0,
        max: 0.5,
        slider: (0.0, 0.2),
        step: 0.01,
        integer: false,
        citation: &sources::PUE_SEASONAL,
        applies: always,
        get: |s| s.facility.seasonal_pue_swing,
        set: |s, v| s.facility.seasonal_pue_swing = v,
    },
    InputSpec {
        id: "facility.cooling_share_of_overhead",
        group: Group::Datacenter,
        section: "Cooling and efficiency",
        label: "Cooling share of overhead",
        help: "Part of the non-IT load that is cooling; the rest is electrical losses and other loads.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.3, 1.0),
        step: 1.0,
        integer: false,
        citation: &sources::COOLING_SHARE,
        applies: always,
        get: |s| s.facility.cooling_share_of_overhead,
        set: |s, v| s.facility.cooling_share_of_overhead = v,
    },
    InputSpec {
        id: "facility.wue_l_per_kwh",
        group: Group::Datacenter,
        section: "Cooling and efficiency",
        label: "Water use (WUE)",
        help: "Litres of water per kWh of IT energy.",
        unit: "L / kWh",
        scale: 1.0,
        min: 0.0,
        max: 10.0,
        slider: (0.0, 3.0),
        step: 0.1,
        integer: false,
        citation: &sources::WUE_AVERAGE,
        applies: always,
        get: |s| s.facility.wue_l_per_kwh,
        set: |s, v| s.facility.wue_l_per_kwh = v,
    },
    InputSpec {
        id: "facility.rack_kw",
        group: Group::Datacenter,
        section: "Cooling and efficiency",
        label: "Rack density",
        help: "IT power per rack.",
        unit: "kW / rack",
        scale: 1.0,
        min: 1.0,
        max: 500.0,
        slider: (10.0, 200.0),
        step: 1.0,
        integer: false,
        citation: &sources::RACK_DENSITY,
        applies: always,
        get: |s| s.facility.rack_kw.value(),
        set: |s, v| s.facility.rack_kw = Kilowatts(v),
    },
    InputSpec {
        id: "facility.sites",
        group: Group::Datacenter,
        section: "Sites and power",
        label: "Sites",
        help: "Number of campuses the fleet is split across. Changing it splits the energy supply across the new number: each site's sources (and the ranges simulated for their capacities) scale by old ÷ new count, a new site copies the last one's. The power per site stays (each site's limit).",
        unit: "sites",
        scale: 1.0,
        min: 1.0,
        max: 50.0,
        slider: (1.0, 10.0),
        step: 1.0,
        integer: true,
        citation: &sources::SITES_ASSUMED,
        applies: always,
        get: |s| f64::from(s.facility.sites),
        set: |s, v| {
            let from = s.facility.sites;
            // The ranges follow only when some are on a site's figures (a draw of the site count
            // in the simulation has none, `fields::clash`), so the supply is not copied for nothing.
            let before = s.uncertainty.inputs.iter().any(|x| x.id.starts_with("energy.sites.")).then(|| s.energy.clone());
            s.facility.sites = v as u32;
            s.energy.split_sites(v as usize);
            if let Some(before) = before {
                s.uncertainty.follow_split(&before, &s.energy);
            }
            s.resilience.follow_sites(from, v as u32);
        },
    },
    InputSpec {
        id: "facility.site_power_cap_mw",
        group: Group::Datacenter,
        section: "Sites and power",
        label: "Power per site",
        help: "Facility power available at each site.",
        unit: "MW",
        scale: 1.0,
        min: 1.0,
        max: 10000.0,
        slider: (50.0, 2000.0),
        step: 10.0,
        integer: false,
        citation: &sources::SITE_POWER,
        applies: always,
        get: |s| s.facility.site_power_cap_mw,
        set: |s, v| s.facility.site_power_cap_mw = v,
    },
    InputSpec {
        id: "facility.construction_months",
        group: Group::Datacenter,
        section: "Sites and power",
        label: "Construction lead time",
        help: "Months from the start of the term until halls are ready.",
        unit: "months",
        scale: 1.0,
        min: 0.0,
        max: 120.0,
        slider: (0.0, 48.0),
        step: 1.0,
        integer: true,
        citation: &sources::BUILD_TIME,
        applies: always,
        get: |s| f64::from(s.facility.construction_months),
        set: |s, v| s.facility.construction_months = v as u32,
    },
    InputSpec {
        id: "facility.interconnect_months",
        group: Group::Datacenter,
        section: "Sites and power",
        label: "Power connection lead time",
        help: "Months until grid or on-site power is connected.",
        unit: "months",
        scale: 1.0,
        min: 0.0,
        max: 120.0,
        slider: (0.0, 72.0),
        step: 1.0,
        integer: true,
        citation: &sources::INTERCONNECT_TIME,
        applies: always,
        get: |s| f64::from(s.facility.interconnect_months),
        set: |s, v| s.facility.interconnect_months = v as u32,
    },
    InputSpec {
        id: "facility.capex_per_mw_it",
        group: Group::Datacenter,
        section: "Capital",
        label: "Facility capital",
        help: "Shell, electrical and cooling per MW of IT load.",
        unit: "$M / MW",
        scale: 1e6,
        min: 0.0,
        max: 1e9,
        slider: (3e6, 30e6),
        step: 0.1,
        integer: false,
        citation: &sources::FACILITY_CAPEX,
        applies: always,
        get: |s| s.facility.capex_per_mw_it.value(),
        set: |s, v| s.facility.capex_per_mw_it = Usd(v),
    },
    InputSpec {
        id: "facility.it_life_years",
        group: Group::Datacenter,
        section: "Capital",
        label: "IT depreciation life",
        help: "Years over which servers and accelerators are depreciated. Building your own buys them again at the end of this life when the term runs longer, and sells them at book value at its end.",
        unit: "years",
        scale: 1.0,
        min: 1.0,
        max: 15.0,
        slider: (2.0, 10.0),
        step: 1.0,
        integer: true,
        citation: &sources::SERVER_LIFE,
        applies: always,
        get: |s| f64::from(s.facility.it_life_years),
        set: |s, v| s.facility.it_life_years = v as u32,
    },
    InputSpec {
        id: "facility.facility_life_years",
        group: Group::Datacenter,
        section: "Capital",
        label: "Facility depreciation life",
        help: "Years over which buildings and plant are depreciated. Building your own rebuilds them at the end of this life when the term runs longer.",
        unit: "years",
        scale: 1.0,
        min: 1.0,
        max: 60.0,
        slider: (5.0, 40.0),
        step: 1.0,
        integer: true,
        citation: &sources::FACILITY_LIFE,
        applies: always,
        get: |s| f64::from(s.facility.facility_life_years),
        set: |s, v| s.facility.facility_life_years = v as u32,
    },
    InputSpec {
        id: "alternatives.hyperscaler_on_demand",
        group: Group::Alternatives,
        section: "Rent",
        label: "Hyperscaler on-demand",
        help: "List price per H100-class GPU-hour, no commitment.",
        unit: "$ / H100-hr",
        scale: 1.0,
        min: 0.0,
        max: 100.0,
        slider: (1.0, 15.0),
        step: 0.05,
        integer: false,
        citation: &sources::ON_DEMAND_H100,
        applies: always,
        get: |s| s.alternatives.hyperscaler_on_demand.value(),
        set: |s, v| s.alternatives.hyperscaler_on_demand = UsdPerGpuHour(v),
    },
    InputSpec {
        id: "alternatives.reserved_1yr_discount",
        group: Group::Alternatives,
        section: "Rent",
        label: "1-year reserved discount",
        help: "Discount off on-demand for a one-year reservation.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 0.95,
        slider: (0.0, 0.8),
        step: 0.5,
        integer: false,
        citation: &sources::RESERVED_1YR,
        applies: always,
        get: |s| s.alternatives.reserved_1yr_discount.value(),
        set: |s, v| s.alternatives.reserved_1yr_discount = Fraction(v),
    },
    InputSpec {
        id: "alternatives.reserved_3yr_discount",
        group: Group::Alternatives,
        section: "Rent",
        label: "3-year reserved discount",
        help: "Discount off on-demand for a three-year reservation.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 0.95,
        slider: (0.0, 0.8),
        step: 0.5,
        integer: false,
        citation: &sources::RESERVED_3YR,
        applies: always,
        get: |s| s.alternatives.reserved_3yr_discount.value(),
        set: |s, v| s.alternatives.reserved_3yr_discount = Fraction(v),
    },
    InputSpec {
        id: "alternatives.neocloud_price",
        group: Group::Alternatives,
        section: "Rent",
        label: "GPU cloud 1-yr price",
        help: "Specialist GPU cloud price per H100-class GPU-hour on a one-year contract.",
        unit: "$ / H100-hr",
        scale: 1.0,
        min: 0.0,
        max: 100.0,
        slider: (1.0, 10.0),
        step: 0.05,
        integer: false,
        citation: &sources::MARKET_1YR_H100,
        applies: always,
        get: |s| s.alternatives.neocloud_price.value(),
        set: |s, v| s.alternatives.neocloud_price = UsdPerGpuHour(v),
    },
    InputSpec {
        id: "alternatives.data_movement.out_tb",
        group: Group::Alternatives,
        section: "Data movement",
        label: "Data out per month",
        help: "Sent from the lab’s home cloud to the compute each month (datasets, requests); the hyperscaler options are taken to be the home cloud and send nothing.",
        unit: "TB / month",
        scale: 1.0,
        min: 0.0,
        max: 1e6,
        slider: (0.0, 2000.0),
        step: 5.0,
        integer: false,
        citation: &sources::DATA_OUT,
        applies: always,
        get: |s| s.alternatives.data_movement.out_tb,
        set: |s, v| s.alternatives.data_movement.out_tb = v,
    },
    InputSpec {
        id: "alternatives.data_movement.back_tb",
        group: Group::Alternatives,
        section: "Data movement",
        label: "Data back per month",
        help: "Returned to the home cloud each month (checkpoints, results).",
        unit: "TB / month",
        scale: 1.0,
        min: 0.0,
        max: 1e6,
        slider: (0.0, 2000.0),
        step: 5.0,
        integer: false,
        citation: &sources::DATA_BACK,
        applies: always,
        get: |s| s.alternatives.data_movement.back_tb,
        set: |s, v| s.alternatives.data_movement.back_tb = v,
    },
    InputSpec {
        id: "alternatives.data_movement.dataset_tb",
        group: Group::Alternatives,
        section: "Data movement",
        label: "Training dataset",
        help: "One full dataset, for its transfer time over the link.",
        unit: "TB",
        scale: 1.0,
        min: 0.0,
        max: 1e6,
        slider: (1.0, 1000.0),
        step: 1.0,
        integer: false,
        citation: &sources::DATASET_LLAMA3,
        applies: always,
        get: |s| s.alternatives.data_movement.dataset_tb,
        set: |s, v| s.alternatives.data_movement.dataset_tb = v,
    },
    InputSpec {
        id: "alternatives.data_movement.checkpoint_tb",
        group: Group::Alternatives,
        section: "Data movement",
        label: "Checkpoint",
        help: "One full checkpoint (weights and optimizer state), for its transfer time over the link.",
        unit: "TB",
        scale: 1.0,
        min: 0.0,
        max: 1e5,
        slider: (0.1, 50.0),
        step: 0.1,
        integer: false,
        citation: &sources::CHECKPOINT_SIZE,
        applies: always,
        get: |s| s.alternatives.data_movement.checkpoint_tb,
        set: |s, v| s.alternatives.data_movement.checkpoint_tb = v,
    },
    InputSpec {
        id: "alternatives.data_movement.link_gbps",
        group: Group::Alternatives,
        section: "Data movement",
        label: "Link bandwidth",
        help: "Dedicated link between the home cloud and the compute, in each direction.",
        unit: "Gbps",
        scale: 1.0,
        min: 0.1,
        max: 1e5,
        slider: (1.0, 800.0),
        step: 1.0,
        integer: false,
        citation: &sources::LINK_SPEED,
        applies: always,
        get: |s| s.alternatives.data_movement.link_gbps,
        set: |s, v| s.alternatives.data_movement.link_gbps = v,
    },
    InputSpec {
        id: "alternatives.data_movement.home_egress_usd_per_gb",
        group: Group::Alternatives,
        section: "Data movement",
        label: "Home cloud egress",
        help: "The home cloud’s price for data leaving it, paid on data out by every option outside it.",
        unit: "$ / GB",
        scale: 1.0,
        min: 0.0,
        max: 10.0,
        slider: (0.0, 0.2),
        step: 0.005,
        integer: false,
        citation: &sources::EGRESS_PRICE,
        applies: always,
        get: |s| s.alternatives.data_movement.home_egress_usd_per_gb,
        set: |s, v| s.alternatives.data_movement.home_egress_usd_per_gb = v,
    },
    InputSpec {
        id: "alternatives.data_movement.provider_egress_usd_per_gb",
        group: Group::Alternatives,
        section: "Data movement",
        label: "Provider egress",
        help: "The contract’s provider’s price for data leaving it, paid on data back.",
        unit: "$ / GB",
        scale: 1.0,
        min: 0.0,
        max: 10.0,
        slider: (0.0, 0.2),
        step: 0.005,
        integer: false,
        citation: &sources::PROVIDER_EGRESS_UNDISCLOSED,
        applies: always,
        get: |s| s.alternatives.data_movement.provider_egress_usd_per_gb,
        set: |s, v| s.alternatives.data_movement.provider_egress_usd_per_gb = v,
    },
    InputSpec {
        id: "alternatives.data_movement.neocloud_egress_usd_per_gb",
        group: Group::Alternatives,
        section: "Data movement",
        label: "GPU cloud egress",
        help: "The GPU cloud’s price for data leaving it, paid on data back.",
        unit: "$ / GB",
        scale: 1.0,
        min: 0.0,
        max: 10.0,
        slider: (0.0, 0.2),
        step: 0.005,
        integer: false,
        citation: &sources::NEOCLOUD_EGRESS,
        applies: always,
        get: |s| s.alternatives.data_movement.neocloud_egress_usd_per_gb,
        set: |s, v| s.alternatives.data_movement.neocloud_egress_usd_per_gb = v,
    },
    InputSpec {
        id: "energy.gas_price",
        group: Group::Energy,
        section: "Fuel and finance",
        label: "Gas price",
        help: "Delivered price of natural gas for every on-site gas unit.",
        unit: "$ / MMBtu",
        scale: 1.0,
        min: 0.0,
        max: 100.0,
        slider: (1.0, 15.0),
        step: 0.05,
        integer: false,
        citation: &energy_sources::GAS_PRICE,
        applies: always,
        get: |s| s.energy.gas_price.value(),
        set: |s, v| s.energy.gas_price = UsdPerMmbtu(v),
    },
    InputSpec {
        id: "energy.cost_of_capital",
        group: Group::Energy,
        section: "Fuel and finance",
        label: "Cost of capital",
        help: "Turns on-site generation and storage capital into a yearly charge.",
        unit: "% / year",
        scale: 0.01,
        min: 0.0,
        max: 0.5,
        slider: (0.0, 0.2),
        step: 0.1,
        integer: false,
        citation: &energy_sources::ENERGY_WACC,
        applies: always,
        get: |s| s.energy.cost_of_capital.value(),
        set: |s, v| s.energy.cost_of_capital = PerYear(v),
    },
    InputSpec {
        id: "energy.seed",
        group: Group::Energy,
        section: "Fuel and finance",
        label: "Weather and outage seed",
        help: "Picks one draw of synthetic weather and equipment outages; same seed, same hours.",
        unit: "",
        scale: 1.0,
        min: 0.0,
        max: 4_294_967_295.0,
        slider: (1.0, 100.0),
        step: 1.0,
        integer: true,
        citation: &energy_sources::WEATHER_SHAPES,
        applies: always,
        get: |s| f64::from(s.energy.seed),
        set: |s, v| s.energy.seed = v as u32,
    },
    InputSpec {
        id: "training.mfu",
        group: Group::Training,
        section: "Efficiency",
        label: "Model FLOP utilization",
        help: "Achieved model FLOP/s as a share of the accelerators' dense peak.",
        unit: "%",
        scale: 0.01,
        min: 0.001,
        max: 1.0,
        slider: (0.1, 0.7),
        step: 0.5,
        integer: false,
        citation: &sources::TRAINING_MFU,
        applies: always,
        get: |s| s.training.mfu.value(),
        set: |s, v| s.training.mfu = Fraction(v),
    },
    InputSpec {
        id: "contract.utilization",
        group: Group::Training,
        section: "Efficiency",
        label: "Goodput",
        help: "Share of delivered GPU-hours doing useful work after failures, checkpoints and restarts; also sets the contract's $ per useful GPU-hour.",
        unit: "%",
        scale: 0.01,
        min: 0.01,
        max: 1.0,
        slider: (0.3, 1.0),
        step: 1.0,
        integer: false,
        citation: &sources::UTILIZATION,
        applies: always,
        get: |s| s.contract.utilization.value(),
        set: |s, v| s.contract.utilization = Fraction(v),
    },
    InputSpec {
        id: "training.training_share",
        group: Group::Training,
        section: "Efficiency",
        label: "Share of the fleet training",
        help: "The rest of the fleet serves inference.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        slider: (0.0, 1.0),
        step: 1.0,
        integer: false,
        citation: &sources::TRAINING_SHARE,
        applies: always,
        get: |s| s.training.training_share.value(),
        set: |s, v| s.training.training_share = Fraction(v),
    },
    InputSpec {
        id: "training.target_flop",
        group: Group::Training,
        section: "Target run",
        label: "Target run compute",
        help: "The run's total training compute.",
        unit: "× 10²⁴ FLOP",
        scale: 1e24,
        min: 1e18,
        max: 1e32,
        slider: (1e24, 1e27),
        step: 1.0,
        integer: false,
        citation: &sources::FRONTIER_THRESHOLD,
        applies: |s| s.training.run_size == RunSize::Compute,
        get: |s| s.training.target_flop,
        set: |s, v| s.training.target_flop = v,
    },
    InputSpec {
        id: "training.parameters",
        group: Group::Training,
        section: "Target run",
        label: "Model parameters",
        help: "Dense parameters; compute is 6 × parameters × tokens.",
        unit: "B",
        scale: 1e9,
        min: 1e6,
        max: 1e14,
        slider: (1e9, 1e13),
        step: 1.0,
        integer: false,
        citation: &sources::LLAMA_SIZE,
        applies: |s| s.training.run_size == RunSize::ModelAndTokens,
        get: |s| s.training.parameters,
        set: |s, v| s.training.parameters = v,
    },
    InputSpec {
        id: "training.tokens",
        group: Group::Training,
        section: "Target run",
        label: "Training tokens",
        help: "Tokens seen in training (compute-optimal is about 20 per parameter).",
        unit: "T",
        scale: 1e12,
        min: 1e6,
        max: 1e17,
        slider: (1e11, 1e14),
        step: 0.1,
        integer: false,
        citation: &sources::LLAMA_SIZE,
        applies: |s| s.training.run_size == RunSize::ModelAndTokens,
        get: |s| s.training.tokens,
        set: |s, v| s.training.tokens = v,
    },
    InputSpec {
        id: "training.window_days",
        group: Group::Training,
        section: "Target run",
        label: "Run window",
        help: "For the largest run this fleet can train within the window.",
        unit: "days",
        scale: 1.0,
        min: 1.0,
        max: 3650.0,
        slider: (7.0, 365.0),
        step: 1.0,
        integer: true,
        citation: &sources::TRAINING_WINDOW,
        applies: always,
        get: |s| f64::from(s.training.window_days),
        set: |s, v| s.training.window_days = v as u32,
    },
];

/// For inputs that always apply.
const fn always(_: &Scenario) -> bool {
    true
}

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
            assert!(spec.check(v).is_ok(), "default of {} is out of its own range", spec.id);
            assert!(spec.slider.0 >= spec.min && spec.slider.1 <= spec.max, "{} slider", spec.id);
            let mut t = s.clone();
            spec.set(&mut t, v);
            assert_eq!(t, s, "{} set(get) changed the scenario", spec.id);
        }
    }

    /// A site's capacity drawn around its value keeps being drawn around it when the site count
    /// splits the supply: 2 → 3 sites scales the range as the capacity, to the same nine digits
    /// (before, the range stayed at the two-site plant, so the simulation undid the split for
    /// it); dragging the count 2 → 10 → 2 gives back the range typed, bit for bit. A price does
    /// not split, and a gas plant's units are re-derived from its capacity, so neither range moves.
    #[test]
    fn the_sites_input_scales_the_ranges_drawn_for_site_capacities() {
        use crate::uncertainty::{dist::Dist, UncertainInput};
        let mut s = Scenario::default();
        let capacity = "energy.sites.0.sources.0.capacity_mw";
        let price = "energy.sites.0.sources.0.price";
        let units = "energy.sites.0.sources.1.units";
        let value = |s: &Scenario, id: &str| crate::fields::field(s, id).unwrap().get(s);
        let (c, tariff, count) = (value(&s, capacity), value(&s, price), value(&s, units));
        s.uncertainty.inputs = vec![
            UncertainInput {
                id: capacity.into(),
                dist: Dist::Triangular { low: c - 27.3, mode: c, high: c + 31.7 },
            },
            UncertainInput {
                id: price.into(),
                dist: Dist::Uniform { low: 0.5 * tariff, high: 1.5 * tariff },
            },
            UncertainInput {
                id: units.into(),
                dist: Dist::Triangular { low: count - 2.0, mode: count, high: count + 2.0 },
            },
        ];
        let sites = input("facility.sites").unwrap();
        let mut t = s.clone();
        sites.set(&mut t, 3.0);
        let now = value(&t, capacity);
        assert!((now / c - 2.0 / 3.0).abs() < 1e-6, "{c} → {now} MW");
        let Dist::Triangular { low, mode, high } = t.uncertainty.inputs[0].dist else {
            panic!("still triangular")
        };
        assert_eq!(mode, now, "the range's mode is the split value, to the bit");
        assert!((low / (c - 27.3) - 2.0 / 3.0).abs() < 1e-6 && (high / (c + 31.7) - 2.0 / 3.0).abs() < 1e-6);
        assert_eq!(t.uncertainty.inputs[1..], s.uncertainty.inputs[1..]);
        for n in (4..=10).chain((2..10).rev()) {
            sites.set(&mut t, f64::from(n));
        }
        assert_eq!(value(&t, capacity), c);
        assert_eq!(
            t.uncertainty.inputs, s.uncertainty.inputs,
            "2 → 10 → 2 sites gives back the ranges typed"
        );
    }

    /// Splitting the reported deal's two sites into three keeps each kind of supply, so the
    /// energy bill barely moves (copying the two sites' plants onto a third took it from $393M
    /// to $505M a year); the power per site stays; back to two is exactly where it started, and
    /// so is 150 MW split over seven sites and joined again.
    #[test]
    fn the_sites_input_splits_the_supply_across_the_new_count() {
        use crate::energy::{Source, SourceKind};
        let s = Scenario::default();
        let sites = input("facility.sites").unwrap();
        let mut t = s.clone();
        sites.set(&mut t, 3.0);
        assert_eq!((t.facility.sites, t.energy.sites.len()), (3, 3));
        assert_eq!(t.facility.site_power_cap_mw, s.facility.site_power_cap_mw);
        let total = |s: &Scenario, kind: SourceKind| -> f64 {
            s.energy
                .sites
                .iter()
                .flat_map(|site| &site.sources)
                .filter(|x| x.kind() == kind)
                .map(Source::capacity_mw)
                .sum()
        };
        for kind in SourceKind::ALL {
            let (before, after) = (total(&s, kind), total(&t, kind));
            assert!((after - before).abs() < 1e-9, "{kind:?}: {before} → {after} MW");
        }
        let cost = |s: &Scenario| crate::evaluate(s).unwrap().energy.totals.annual_cost.value();
        let (before, after) = (cost(&s), cost(&t));
        assert!((after / before - 1.0).abs() < 0.03, "${before:.0} → ${after:.0} a year");
        sites.set(&mut t, 2.0);
        assert_eq!(t, s);
        // Separate steps (arrow presses, typed counts) give back the preset too: the turbines'
        // count follows their capacity at their 16.5 MW size.
        for n in [3.0, 4.0, 3.0, 2.0, 7.0, 2.0, 10.0, 5.0, 2.0] {
            sites.set(&mut t, n);
        }
        assert_eq!(t, s);
        let grid = Source::new(SourceKind::Grid, 150.0);
        assert_eq!(grid.split(2.0 / 7.0).split(7.0 / 2.0), grid);
    }

    #[test]
    fn ids_are_unique_and_name_real_json_paths() {
        let json = serde_json::to_value(Scenario::default()).unwrap();
        for (i, spec) in INPUTS.iter().enumerate() {
            assert!(INPUTS[..i].iter().all(|o| o.id != spec.id), "duplicate id {}", spec.id);
            let ptr = format!("/{}", spec.id.replace('.', "/"));
            assert!(json.pointer(&ptr).is_some(), "{} is not a path in the scenario JSON", spec.id);
        }
    }

    #[test]
    fn range_messages_name_the_unit_unless_it_is_a_bare_ratio() {
        let pue = INPUTS.iter().find(|i| i.id == "facility.pue").unwrap();
        assert_eq!(pue.check(4.0).unwrap_err(), "PUE (annual average) must be between 1 and 3, got 4");
        let gas = INPUTS.iter().find(|i| i.id == "energy.gas_price").unwrap();
        let gas_message = gas.check(-1.0).unwrap_err();
        assert!(gas_message.ends_with(" and $100 / MMBtu, got -$1 / MMBtu"), "{gas_message}");
    }

    #[test]
    fn dollar_units_put_their_sign_before_the_number() {
        let one = [
            ("2.95", "$ / MMBtu", "$2.95 / MMBtu"),
            ("31", "$K", "$31K"),
            ("1.2", "$B / month", "$1.2B / month"),
            ("-3", "$M / MW", "-$3M / MW"),
            ("\u{2212}3", "$B", "\u{2212}$3B"),
            // Plain dollars read as prices; amounts with a scale letter keep their digits.
            ("3.5", "$ / MMBtu", "$3.50 / MMBtu"),
            ("7", "$ / MMBtu", "$7 / MMBtu"),
            ("0.005", "$ / GB", "$0.005 / GB"),
            ("1.5", "$B", "$1.5B"),
            // Less than a billion reads in millions.
            ("0.3287", "$B / month", "$328.7M / month"),
            ("-0.05", "$B", "-$50M"),
            ("0", "$B", "$0"),
            ("-0", "$B / month", "$0 / month"),
            // Other units follow the number; a plain ratio has none.
            ("36", "months", "36 months"),
            ("1.1", "ratio", "1.1"),
            ("7", "", "7"),
            // Five digits and more in groups of three; four, such as a year, as they are.
            ("1000000", "$ / MMBtu", "$1,000,000 / MMBtu"),
            ("325000", "GPUs", "325,000 GPUs"),
            ("-12500.5", "MW", "-12,500.5 MW"),
            ("2026", "", "2026"),
            ("1e30", "$B / month", "$1e30B / month"),
        ];
        for (number, unit, want) in one {
            assert_eq!(in_unit(number, unit), want, "{number} {unit}");
        }
        // Zero is never "-0".
        assert_eq!(in_unit(&trim_number(-0.0), "$ / MMBtu"), "$0 / MMBtu");
        // A huge value typed in $B and scaled back reads as typed.
        assert_eq!(trim_number(1e30 * 1e9 / 1e9), "1e30");
        assert_eq!(trim_number(-1.234_567_89e-9), "-1.23457e-9");
        assert_eq!(trim_number(f64::INFINITY), "inf");
        // Digits as typed with leading zeros are not a number to group.
        assert_eq!(in_unit("00012", ""), "00012");
        let ranges = [
            ("2.5", "4.5", " to ", "$ / MMBtu", "$2.50 to $4.50 / MMBtu"),
            ("2.5", "4", " to ", "$ / MMBtu", "$2.50 to $4.00 / MMBtu"),
            ("2", "4", " to ", "$ / MMBtu", "$2 to $4 / MMBtu"),
            ("1.5", "3", " to ", "$B", "$1.5B to $3B"),
            ("1.2", "3", " to ", "$B / month", "$1.2B to $3B / month"),
            // Zero, however written, has no scale letter.
            ("0", "100", " and ", "$ / GB", "$0 and $100 / GB"),
            ("0", "100", " and ", "$B / month", "$0 and $100B / month"),
            ("0.0", "3", " to ", "$B", "$0.0 to $3B"),
            ("0", "100", "–", "%", "0–100 %"),
            ("0", "1000000", " and ", "MW", "0 and 1,000,000 MW"),
        ];
        for (low, high, joiner, unit, want) in ranges {
            assert_eq!(range_in_unit(low, high, joiner, unit), want, "{low}{joiner}{high} {unit}");
        }
    }

    #[test]
    fn every_default_has_a_source() {
        for spec in INPUTS {
            let c = spec.citation;
            assert!(!c.source.is_empty() && !c.date.is_empty(), "{}", spec.id);
            // Shown as "source (date)": a source that ends with its date reads it twice.
            assert!(!c.source.ends_with(c.date), "{}: {}", spec.id, c.source);
        }
    }

    #[test]
    fn messages_use_the_units_people_see() {
        let spec = input("contract.take_or_pay").unwrap();
        assert_eq!(spec.check(1.5).unwrap_err(), "Take-or-pay floor must be between 0 and 100 %, got 150 %");
        assert!(spec.check(f64::NAN).unwrap_err().contains("finite"));
        let term = input("contract.term_months").unwrap();
        assert!(term.check(12.5).unwrap_err().contains("whole number"));
    }
}
