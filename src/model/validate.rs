//! Validation at the edge: every range from the input registry, then the rules that tie
//! fields together. Evaluation only ever sees scenarios that passed.

use super::error::FieldError;
use super::hardware::{Hardware, CATALOG_FIELDS};
use super::inputs::{check_range, trim_number, INPUTS};
use super::scenario::{Scenario, SCHEMA_VERSION};

/// The longest scenario name accepted.
pub const MAX_NAME_CHARS: usize = 120;

/// Checks the name of row `i` of a list (sites, regions), whose rows are named `names`: it
/// needs one, of at most `max` characters, and may not repeat an earlier row's, because results
/// name the rows. `field` is its name field; `what` starts the messages ("A site"); `twice`
/// ends the repeat message (why it matters). A blank name gets only "needs a name".
pub fn check_name(
    out: &mut Vec<FieldError>,
    names: &[&str],
    i: usize,
    field: String,
    what: &str,
    max: usize,
    twice: &str,
) {
    let name = names[i];
    if name.trim().is_empty() {
        out.push(FieldError::new(field, format!("{what} needs a name")));
    } else if name.chars().count() > max {
        out.push(FieldError::new(field, format!("{what} name must be at most {max} characters")));
    } else if names[..i].contains(&name) {
        out.push(FieldError::new(field, format!("\"{name}\" is listed twice{twice}")));
    }
}

/// The first of "`prefix` `from`", "`prefix` `from + 1`", … that is not in `taken` (of one
/// more candidate than there are names taken, one always is): a new row's name (site, region).
pub fn free_name(prefix: &str, from: usize, taken: &[&str]) -> String {
    (from..=from + taken.len())
        .map(|i| format!("{prefix} {i}"))
        .find(|name| !taken.contains(&name.as_str()))
        .unwrap_or_default()
}

/// A sum of shares in percent as a message shows it: to two decimals ("156.67"), unless that
/// would read as exactly 100.
pub fn percent_sum(total: f64) -> String {
    let short = trim_number((total * 1e4).round() / 1e2);
    if short == "100" {
        trim_number(total * 100.0)
    } else {
        short
    }
}

/// Every problem with `s`, field by field; empty when the scenario is valid.
pub fn problems(s: &Scenario) -> Vec<FieldError> {
    let mut out = Vec::new();
    if s.schema_version != SCHEMA_VERSION {
        out.push(FieldError::new(
            "schema_version",
            format!("schema version must be {SCHEMA_VERSION}, got {}", s.schema_version),
        ));
    }
    if s.name.chars().count() > MAX_NAME_CHARS {
        out.push(FieldError::new("name", format!("Name must be at most {MAX_NAME_CHARS} characters")));
    }
    for spec in INPUTS {
        if let Err(message) = spec.check(spec.get(s)) {
            out.push(FieldError::new(spec.id, message));
        }
    }
    let (delivery, need) = delivery_checks(s);
    contract_checks(&s.contract, need, &mut out);
    out.extend(delivery);
    hardware_problems(&s.hardware, &mut out);
    out.extend(super::energy::fields::problems(&s.energy, s.facility.sites));
    out
}

/// The problems an edit of the contract alone can give a valid scenario: the ranges of the
/// inputs it holds and the checks between its terms (no check elsewhere reads the contract).
/// The same verdict as [`problems`] for such an edit, without re-checking the rest.
pub fn contract_problems(s: &Scenario) -> Vec<FieldError> {
    let mut out = Vec::new();
    for spec in INPUTS.iter().filter(|i| i.id.starts_with("contract.")) {
        if let Err(message) = spec.check(spec.get(s)) {
            out.push(FieldError::new(spec.id, message));
        }
    }
    let (delivery, need) = delivery_checks(s);
    contract_checks(&s.contract, need, &mut out);
    out.extend(delivery);
    out
}

/// The checks between the term and what must come before anything is delivered: the halls, the
/// power connection, the mix's first generation and each site's first source of energy must all
/// come before the term ends. Returns those fields' messages and the longest term they need, for
/// the one message at the term ([`contract_checks`]), so both fields are told.
fn delivery_checks(s: &Scenario) -> (Vec<FieldError>, Option<(u32, &'static str)>) {
    let term = s.contract.term_months;
    let mut out = Vec::new();
    if term == 0 {
        return (out, None);
    }
    let f = &s.facility;
    // (field, month, the sentence's start, what never comes, what the term is too short for)
    let mut needs = vec![
        (
            "facility.construction_months".to_owned(),
            f.construction_months,
            "Construction must finish".to_owned(),
            "nothing is ever delivered",
            "construction",
        ),
        (
            "facility.interconnect_months".to_owned(),
            f.interconnect_months,
            "The power connection must be ready".to_owned(),
            "nothing is ever delivered",
            "the power connection",
        ),
    ];
    // A generation that arrives after the term is a shortfall the comparison rents; only a mix
    // of which nothing arrives delivers nothing.
    let first = s
        .hardware
        .mix
        .iter()
        .enumerate()
        .filter(|(_, r)| r.share.value() > 0.0)
        .min_by_key(|(_, r)| r.available_from_month);
    if let Some((i, r)) = first {
        needs.push((
            format!("hardware.mix.{i}.available_from_month"),
            r.available_from_month,
            format!("Row {} ({}), the mix's first to arrive, must be available", i + 1, r.accelerator),
            "nothing is ever delivered",
            "the mix's first accelerators",
        ));
    }
    // Each site needs a source of energy (not only storage) online before the term ends, or its
    // share of the fleet never has power.
    let online = super::energy::fields::SOURCE_FIELDS.iter().find(|f| f.key == "online_month");
    for (i, site) in s.energy.sites.iter().enumerate() {
        let first = site
            .sources
            .iter()
            .enumerate()
            .filter(|(_, src)| src.kind() != super::energy::SourceKind::Battery)
            .filter_map(|(j, src)| Some((j, (online?.read)(src)? as u32)))
            .min_by_key(|(_, month)| *month);
        if let Some((j, month)) = first {
            needs.push((
                super::energy::fields::path(i, j, "online_month"),
                month,
                format!("At {}, the first source of energy must be online", site.name),
                "the site never has power",
                "the sites' first power",
            ));
        }
    }
    let mut longest: Option<(u32, &'static str)> = None;
    for (field, month, what, never, reason) in needs.into_iter().filter(|n| n.1 >= term) {
        out.push(FieldError::new(
            field,
            format!("{what} before the term ends ({}), or {never}; got month {month}", months(term)),
        ));
        let need = month.saturating_add(1);
        if longest.is_none_or(|(m, _)| need > m) {
            longest = Some((need, reason));
        }
    }
    (out, longest)
}

/// "1 month", "12 months".
fn months(n: impl std::fmt::Display + PartialEq<u32>) -> String {
    format!("{n} month{}", if n == 1 { "" } else { "s" })
}

/// The checks between the contract's terms. A term too short for another term is said at both
/// fields: the one typed last may be either, and a message must be next to it. (A notice period
/// or earliest notice month past the term is not a problem: no exit shortens that contract.)
/// `delivery` is the longest term the datacenter's lead times need ([`delivery_checks`]): the
/// term gets one message, for the longest need of all.
fn contract_checks(c: &super::Contract, delivery: Option<(u32, &'static str)>, out: &mut Vec<FieldError>) {
    let term = c.term_months;
    // The longest term the other terms need, and for what.
    let mut need = (term, "");
    for (months, what) in [
        (c.ramp_delay_months.saturating_add(1), "capacity after the ramp delay"),
        (c.ramp_schedule.len() as u32, "the delivery schedule's months"),
        (c.ramp_months, "the ramp"),
    ]
    .into_iter()
    .chain(delivery)
    {
        if months > need.0 {
            need = (months, what);
        }
    }
    if need.0 > term && term > 0 {
        out.push(FieldError::new(
            "contract.term_months",
            format!("Term must be at least {}, for {}; got {term}", months(need.0), need.1),
        ));
    }
    if c.ramp_delay_months >= term && term > 0 {
        out.push(FieldError::new(
            "contract.ramp_delay_months",
            format!(
                "Ramp delay must be shorter than the term ({}), or no capacity is ever delivered; got {}",
                months(term),
                c.ramp_delay_months
            ),
        ));
    }
    let bands = &c.sla.credit_bands;
    for i in 1..bands.len() {
        if bands[i].below.value() >= bands[i - 1].below.value() {
            out.push(FieldError::new(
                format!("contract.sla.credit_bands.{i}.below"),
                format!(
                    "SLA band {} threshold must be below band {}'s ({}), got {}",
                    i + 1,
                    i,
                    crate::inputs::trim_number(bands[i - 1].below.value() * 100.0) + " %",
                    crate::inputs::trim_number(bands[i].below.value() * 100.0) + " %"
                ),
            ));
        }
    }
    if c.ramp_schedule.len() > term as usize {
        out.push(FieldError::new(
            "contract.ramp_schedule",
            format!(
                "Delivery schedule has {} but the term is {}",
                months(c.ramp_schedule.len() as u32),
                months(c.term_months)
            ),
        ));
    }
    if let Some((i, bad)) =
        c.ramp_schedule.iter().enumerate().find(|(_, f)| !(0.0..=1.0).contains(&f.value()))
    {
        out.push(FieldError::new(
            "contract.ramp_schedule",
            format!(
                "Delivery schedule month {} must be between 0 and 100 %, got {}",
                i + 1,
                crate::inputs::trim_number(bad.value() * 100.0)
            ),
        ));
    }
    if c.ramp_months > term {
        out.push(FieldError::new(
            "contract.ramp_months",
            format!(
                "Ramp length must not exceed the term ({}); got {}",
                months(c.term_months),
                c.ramp_months
            ),
        ));
    }
}

/// The latest month (from the term's start) a mix row may become available.
pub const MAX_AVAILABLE_FROM_MONTH: u32 = 1200;

/// The most catalog entries a scenario may carry.
pub const MAX_CATALOG: usize = 50;

fn hardware_problems(hw: &Hardware, out: &mut Vec<FieldError>) {
    if hw.catalog.len() > MAX_CATALOG {
        out.push(FieldError::new(
            "hardware.catalog",
            format!("At most {MAX_CATALOG} accelerators in the catalog"),
        ));
    }
    for (i, a) in hw.catalog.iter().enumerate() {
        let field = |name: &str| format!("hardware.catalog.{i}.{name}");
        if a.id.trim().is_empty() || a.name.trim().is_empty() || a.name.chars().count() > 60 {
            out.push(FieldError::new(
                field("name"),
                "Every accelerator needs an id and a name of at most 60 characters",
            ));
        }
        if hw.catalog[..i].iter().any(|b| b.id == a.id) {
            out.push(FieldError::new(field("id"), format!("Accelerator id \"{}\" is used twice", a.id)));
        }
        for f in CATALOG_FIELDS {
            if let Err(m) = check_range(
                &format!("{} of {}", f.label, a.name),
                f.unit,
                f.scale,
                (f.min, f.max),
                f.integer,
                f.get(a),
            ) {
                out.push(FieldError::new(field(f.key), m));
            }
        }
        // Between an entry's own figures: the all-in power includes the chip, and FP8 runs at
        // least as fast as BF16 on every accelerator listed (vendor datasheets).
        if a.tdp_w > 1000.0 * a.it_kw.value() {
            out.push(FieldError::new(
                field("it_kw"),
                format!(
                    "All-in power of {} ({} kW) must be at least its chip's TDP ({} W): it includes the chip",
                    a.name,
                    trim_number(a.it_kw.value()),
                    trim_number(a.tdp_w)
                ),
            ));
        }
        if a.fp8_tflops < a.bf16_tflops {
            out.push(FieldError::new(
                field("fp8_tflops"),
                format!(
                    "FP8 of {} ({} TFLOPS) must be at least its BF16 ({} TFLOPS)",
                    a.name,
                    trim_number(a.fp8_tflops),
                    trim_number(a.bf16_tflops)
                ),
            ));
        }
    }
    if hw.mix.is_empty() {
        out.push(FieldError::new("hardware.mix", "The fleet needs at least one accelerator type"));
    }
    let mut total = 0.0;
    for (i, r) in hw.mix.iter().enumerate() {
        if hw.get(&r.accelerator).is_none() {
            out.push(FieldError::new(
                format!("hardware.mix.{i}.accelerator"),
                format!("Row {} names \"{}\", which is not in the catalog", i + 1, r.accelerator),
            ));
        }
        let share = r.share.value();
        if !(0.0..=1.0).contains(&share) {
            out.push(FieldError::new(
                format!("hardware.mix.{i}.share"),
                format!(
                    "Share of row {} must be between 0 and 100 %, got {}",
                    i + 1,
                    trim_number(share * 100.0)
                ),
            ));
        }
        if r.available_from_month > MAX_AVAILABLE_FROM_MONTH {
            out.push(FieldError::new(
                format!("hardware.mix.{i}.available_from_month"),
                format!("Row {}: available-from month must be at most {MAX_AVAILABLE_FROM_MONTH}", i + 1),
            ));
        }
        total += share;
    }
    if !hw.mix.is_empty() && (total - 1.0).abs() > 1e-6 {
        out.push(FieldError::new(
            "hardware.mix",
            format!("Shares must add up to 100 %; they add up to {} %", percent_sum(total)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Contract edits of a valid scenario (each input below, inside and above its range, and
    /// the cross-term cases) get the same verdict and messages from `contract_problems` as from
    /// `problems`; the contract inputs are the contract's own fields.
    #[test]
    fn contract_problems_agree_with_the_whole_check_on_contract_edits() {
        use crate::inputs::Group;
        assert!(INPUTS.iter().filter(|i| i.group == Group::Contract).all(|i| i.id.starts_with("contract.")));
        let mut edits: Vec<Scenario> = Vec::new();
        for preset in crate::presets::PRESETS {
            let base = preset.scenario();
            for i in INPUTS.iter().filter(|i| i.id.starts_with("contract.")) {
                for to in [i.min - 1.0, i.min, f64::midpoint(i.min, i.max), i.max, i.max + 1.0] {
                    let mut x = base.clone();
                    i.set(&mut x, to);
                    edits.push(x);
                }
            }
            let mut x = base.clone();
            x.contract.ramp_delay_months = x.contract.term_months;
            x.contract.ramp_months = x.contract.term_months + 1;
            x.contract.sla.credit_bands[2].below.0 = 0.999;
            x.contract.ramp_schedule = vec![crate::units::Fraction(1.5); x.contract.term_months as usize + 1];
            x.contract.termination.notice_days = 3650;
            edits.push(x);
        }
        let mut invalid = 0;
        for x in &edits {
            let whole = problems(x);
            assert_eq!(contract_problems(x), whole, "{:?}", x.contract);
            invalid += usize::from(!whole.is_empty());
        }
        assert!(invalid > 100, "the edits include invalid ones ({invalid})");
    }

    #[test]
    fn halls_power_and_every_generation_must_come_before_the_term_ends() {
        let mut s = Scenario::default();
        s.facility.construction_months = 36;
        s.facility.interconnect_months = 40;
        s.hardware.mix[2].available_from_month = 37;
        let found = problems(&s);
        let at = |field: &str| {
            found.iter().filter(|e| e.field == field).map(|e| e.message.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(
            at("facility.construction_months"),
            ["Construction must finish before the term ends (36 months), or nothing is ever delivered; got month 36"]
        );
        assert_eq!(at("facility.interconnect_months").len(), 1);
        // A late generation alone is a shortfall, not a refusal; a mix of which nothing arrives is.
        assert_eq!(at("hardware.mix.2.available_from_month"), Vec::<&str>::new());
        // The term's message names the longest need; a contract-only edit (the term) sees it too.
        assert_eq!(
            at("contract.term_months"),
            ["Term must be at least 41 months, for the power connection; got 36"]
        );
        assert_eq!(contract_problems(&s).iter().filter(|e| e.field == "contract.term_months").count(), 1);
        // A month before the end is enough.
        (s.facility.construction_months, s.facility.interconnect_months) = (35, 35);
        assert_eq!(problems(&s), vec![]);
        // Every generation after the term: refused at the first to arrive; with a ramp delay
        // that needs a longer term still, the term's one message asks for the longer of the two.
        for row in &mut s.hardware.mix {
            row.available_from_month = 38;
        }
        s.hardware.mix[1].available_from_month = 37;
        s.contract.ramp_delay_months = 40;
        let found = problems(&s);
        let at = |field: &str| {
            found.iter().filter(|e| e.field == field).map(|e| e.message.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(
            at("hardware.mix.1.available_from_month"),
            ["Row 2 (h200), the mix's first to arrive, must be available before the term ends (36 months), or nothing is ever delivered; got month 37"]
        );
        assert_eq!(
            at("contract.term_months"),
            ["Term must be at least 41 months, for capacity after the ramp delay; got 36"]
        );
        s.contract.ramp_delay_months = 0;
        let found = problems(&s);
        let term: Vec<_> =
            found.iter().filter(|e| e.field == "contract.term_months").map(|e| e.message.as_str()).collect();
        assert_eq!(term, ["Term must be at least 38 months, for the mix's first accelerators; got 36"]);
        // A site whose every source of energy comes online after the term never has power.
        let mut s = Scenario::default();
        for src in &mut s.energy.sites[1].sources {
            let f = crate::energy::fields::SOURCE_FIELDS.iter().find(|f| f.key == "online_month").unwrap();
            (f.write)(src, 36.0);
        }
        let found = problems(&s);
        let site = &s.energy.sites[1];
        let first = site.sources.iter().position(|x| x.kind() != crate::energy::SourceKind::Battery).unwrap();
        let field = crate::energy::fields::path(1, first, "online_month");
        let at: Vec<_> = found.iter().filter(|e| e.field == field).map(|e| e.message.clone()).collect();
        assert_eq!(
            at,
            [format!("At {}, the first source of energy must be online before the term ends (36 months), or the site never has power; got month 36", site.name)]
        );
    }

    #[test]
    fn the_default_is_valid() {
        assert_eq!(problems(&Scenario::default()), vec![]);
    }

    #[test]
    fn each_bad_value_is_reported_against_its_field() {
        let mut s = Scenario::default();
        s.contract.term_months = 12;
        s.contract.ramp_delay_months = 12;
        s.contract.ramp_months = 13;
        s.contract.monthly_commitment.0 = -1.0;
        let found = problems(&s);
        let fields: Vec<_> = found.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "contract.monthly_commitment",
                "contract.term_months",
                "contract.ramp_delay_months",
                "contract.ramp_months"
            ]
        );
        // The term's own message, for whichever of the two was typed last: the most it needs.
        assert_eq!(
            found[1].message,
            "Term must be at least 13 months, for capacity after the ramp delay; got 12"
        );
        // One month is singular.
        s.contract.monthly_commitment.0 = 1e9;
        s.contract.term_months = 1;
        s.contract.ramp_months = 0;
        s.contract.ramp_delay_months = 1;
        let found = problems(&s);
        assert!(found[0].message.starts_with("Term must be at least 2 months, for capacity"), "{found:?}");
        assert!(
            found[1].message.starts_with("Ramp delay must be shorter than the term (1 month), or"),
            "{found:?}"
        );
    }

    /// A notice period or earliest notice longer than the term is a contract no exit shortens:
    /// valid, every exit paying the full term. Unordered SLA bands are refused.
    #[test]
    fn notice_past_the_term_is_no_exit_and_unordered_bands_are_rejected() {
        let mut s = Scenario::default();
        s.contract.termination.notice_days = 2000;
        assert_eq!(problems(&s), vec![]);
        let r = crate::contract::evaluate(&s.contract);
        assert!(r
            .termination
            .iter()
            .all(|t| t.total_cost == r.totals.nominal_cost && t.saving.value() == 0.0));
        s.contract.term_months = 1;
        s.contract.termination.notice_days = 90;
        assert_eq!(problems(&s), vec![], "a one-month term with 90 days' notice");
        s.contract.termination.earliest_notice_month = 20;
        assert_eq!(problems(&s), vec![]);
        assert_eq!(crate::contract::evaluate(&s.contract).totals.earliest_exit, None);
        s.contract.sla.credit_bands[2].below.0 = 0.999;
        let fields: Vec<_> = problems(&s).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["contract.sla.credit_bands.2.below"]);
    }

    #[test]
    fn mix_shares_must_add_up_and_name_known_accelerators() {
        let mut s = Scenario::default();
        s.hardware.mix[0].share.0 = 0.5;
        s.hardware.mix[1].accelerator = "h900".to_owned();
        let p = problems(&s);
        assert_eq!(p[0].field, "hardware.mix.1.accelerator");
        assert_eq!(p[1].field, "hardware.mix");
        assert!(p[1].message.contains("they add up to 84.8 %"), "{}", p[1].message);
    }

    #[test]
    fn catalog_entries_must_be_physical() {
        let mut s = Scenario::default();
        s.hardware.catalog[0].it_kw.0 = 0.0;
        s.hardware.catalog[1].id = "h100".to_owned();
        s.hardware.catalog[2].unit_price.0 = f64::NAN;
        let fields: Vec<_> = problems(&s).into_iter().map(|e| e.field).collect();
        assert!(fields.contains(&"hardware.catalog.0.it_kw".to_owned()), "{fields:?}");
        assert!(fields.contains(&"hardware.catalog.1.id".to_owned()), "{fields:?}");
        assert!(fields.contains(&"hardware.catalog.2.unit_price".to_owned()), "{fields:?}");
        // Figures that contradict each other: all-in power below the chip's TDP, FP8 below BF16.
        let mut s = Scenario::default();
        s.hardware.catalog[0].it_kw.0 = 0.5;
        s.hardware.catalog[1].fp8_tflops = 500.0;
        let found = problems(&s);
        let messages: Vec<_> = found.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                (
                    "hardware.catalog.0.it_kw",
                    "All-in power of NVIDIA H100 (0.5 kW) must be at least its chip's TDP (700 W): it includes the chip"
                ),
                ("hardware.catalog.1.fp8_tflops", "FP8 of NVIDIA H200 (500 TFLOPS) must be at least its BF16 (989 TFLOPS)"),
            ]
        );
    }

    #[test]
    fn nan_and_huge_values_are_rejected() {
        let mut s = Scenario::default();
        s.contract.discount_rate.0 = f64::NAN;
        s.contract.monthly_commitment.0 = 1e308;
        let p = problems(&s);
        assert_eq!(p.len(), 2, "{p:?}");
    }
}
