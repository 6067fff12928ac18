//! Every number of a scenario the decision tools can vary, behind one handle: the registry's
//! inputs ([`super::inputs::INPUTS`]), and the fields that exist per scenario — each energy
//! source's parameters at each site ([`super::energy::fields::SOURCE_FIELDS`]) and each
//! figure of the catalog entries the fleet uses ([`super::hardware::CATALOG_FIELDS`]), each
//! site's latitude and each mix row's first month of availability. (A mix row's share is not a
//! field: one share cannot move alone without breaking the 100 % sum.)
//!
//! A field's id is its path in the scenario's JSON, dotted, without the source's kind tag
//! (`contract.ramp_delay_months`, `energy.sites.0.sources.1.capacity_mw`,
//! `hardware.catalog.2.unit_price`): the same path validation names in its messages.

use super::energy::fields::MAX_LATITUDE;
use super::energy::fields::{path as source_path, SourceField, SOURCE_FIELDS};
use super::hardware::{CatalogField, CATALOG_FIELDS};
use super::inputs::{check_range, InputSpec, INPUTS};
use super::scenario::Scenario;
use super::validate::MAX_AVAILABLE_FROM_MONTH;

/// One variable number of a scenario.
#[derive(Debug, Clone)]
pub struct Field {
    /// The field's path (see the module's documentation).
    pub id: String,
    /// What pickers and answers call it, e.g. "Site 1 · Gas, simple-cycle turbines · Capacity".
    pub label: String,
    /// Where pickers group it: the panel's title, the site's name, or "Accelerator catalog".
    pub group: String,
    /// The unit users see (after [`Field::scale`]).
    pub unit: &'static str,
    /// Model value = shown value × scale.
    pub scale: f64,
    /// Smallest valid value, model units.
    pub min: f64,
    /// Largest valid value, model units.
    pub max: f64,
    /// A comfortable range to explore, model units (the registry's slider; for per-scenario
    /// fields, half to twice the scenario's value within the valid range).
    pub slider: (f64, f64),
    /// Whole numbers only.
    pub integer: bool,
    /// A step of its number box, shown units.
    pub step: f64,
    at: At,
}

/// Where the number lives.
#[derive(Debug, Clone, Copy)]
enum At {
    Input(&'static InputSpec),
    Source { site: usize, index: usize, field: &'static SourceField },
    Catalog { entry: usize, field: &'static CatalogField },
    Latitude { site: usize },
    MixMonth { row: usize },
}

impl PartialEq for Field {
    /// Two handles are the same field when they name the same path with the same label.
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.label == other.label
    }
}

impl Field {
    /// The registry input `spec` as a field.
    pub fn input(spec: &'static InputSpec) -> Self {
        Self {
            id: spec.id.to_owned(),
            label: spec.label.to_owned(),
            group: spec.group.title().to_owned(),
            unit: spec.unit,
            scale: spec.scale,
            min: spec.min,
            max: spec.max,
            slider: spec.slider,
            integer: spec.integer,
            step: spec.step,
            at: At::Input(spec),
        }
    }

    /// This field with its range as far as `s` can take it: the ramp delay's, construction's and
    /// the power connection's valid values end a month before the term does. A goal seek scans and reports no further; a break-even map
    /// keeps the whole range (its term may vary too) and leaves invalid cells blank.
    #[must_use]
    pub fn within(mut self, s: &Scenario) -> Self {
        // Anything that must come before the term ends (see `validate`'s checks between them).
        if matches!(
            self.id.as_str(),
            "contract.ramp_delay_months" | "facility.construction_months" | "facility.interconnect_months"
        ) {
            self.max = self.max.min(f64::from(s.contract.term_months.saturating_sub(1)));
            self.slider.1 = self.slider.1.min(self.max);
        }
        self
    }

    /// The value in `s`, model units (NaN when `s` has no such field, e.g. a removed source).
    pub fn get(&self, s: &Scenario) -> f64 {
        match self.at {
            At::Input(spec) => spec.get(s),
            At::Source { site, index, field } => s
                .energy
                .sites
                .get(site)
                .and_then(|x| x.sources.get(index))
                .and_then(|src| field.get(src))
                .unwrap_or(f64::NAN),
            At::Catalog { entry, field } => s.hardware.catalog.get(entry).map_or(f64::NAN, |a| field.get(a)),
            At::Latitude { site } => s.energy.sites.get(site).map_or(f64::NAN, |x| x.latitude_deg),
            At::MixMonth { row } => {
                s.hardware.mix.get(row).map_or(f64::NAN, |r| f64::from(r.available_from_month))
            }
        }
    }

    /// Whether it affects `s` (a registry input's [`InputSpec::applies`]; a per-scenario field
    /// does whenever `s` has it).
    pub fn applies(&self, s: &Scenario) -> bool {
        match self.at {
            At::Input(spec) => (spec.applies)(s),
            _ => self.get(s).is_finite(),
        }
    }

    /// The registry entry behind it, for a registry input.
    pub fn spec(&self) -> Option<&'static InputSpec> {
        match self.at {
            At::Input(spec) => Some(spec),
            _ => None,
        }
    }

    /// Whether setting it changes other parts of the scenario ([`InputSpec::reshapes`]): set
    /// such a field before others.
    pub fn reshapes(&self) -> bool {
        matches!(self.at, At::Input(spec) if spec.reshapes())
    }

    /// The message for a field `s` does not use, sought or mapped: no value of it moves a result.
    pub fn not_used(&self) -> String {
        format!(
            "“{}” is not used with these settings, so no value of it changes a result: pick another input",
            self.label
        )
    }

    /// Whether it belongs to one site of the energy supply (a source's figure, a latitude): the
    /// site count splits the supply into new sites, so such a field cannot vary with it.
    pub fn on_a_site(&self) -> bool {
        matches!(self.at, At::Source { .. } | At::Latitude { .. })
    }

    /// The message for `self` varied together with the site count ([`Field::on_a_site`]).
    pub fn not_with_the_site_count(&self) -> String {
        format!(
            "{}: a site's own figure cannot vary with the site count (each count splits the supply into new \
             sites); pick one of the two",
            self.label
        )
    }

    /// Sets the value, model units (rounded for whole-number fields). Does not validate; a field
    /// `s` does not have is left alone.
    pub fn set(&self, s: &mut Scenario, value: f64) {
        match self.at {
            At::Input(spec) => spec.set(s, value),
            At::Source { site, index, field } => {
                if let Some(src) = s.energy.sites.get_mut(site).and_then(|x| x.sources.get_mut(index)) {
                    field.set(src, value);
                }
            }
            At::Catalog { entry, field } => {
                if let Some(a) = s.hardware.catalog.get_mut(entry) {
                    field.set(a, value);
                }
            }
            At::Latitude { site } => {
                if let Some(x) = s.energy.sites.get_mut(site) {
                    x.latitude_deg = value;
                }
            }
            At::MixMonth { row } => {
                if let Some(r) = s.hardware.mix.get_mut(row) {
                    r.available_from_month = value.round().clamp(0.0, f64::from(u32::MAX)) as u32;
                }
            }
        }
    }

    /// The value as users see it (divided by [`Field::scale`]).
    pub fn shown(&self, s: &Scenario) -> f64 {
        self.get(s) / self.scale
    }

    /// `value` (model units) written as the field's number box shows it ([`shown_text`]).
    pub fn text(&self, value: f64) -> String {
        shown_text(value / self.scale, self.step)
    }

    /// Checks a value against the field's range; the message names the field and the range in
    /// the units users see.
    pub fn check(&self, value: f64) -> Result<(), String> {
        check_range(&self.label, self.unit, self.scale, (self.min, self.max), self.integer, value)
    }

    fn source(s: &Scenario, site: usize, index: usize, field: &'static SourceField) -> Option<Self> {
        let supply = s.energy.sites.get(site)?;
        let src = supply.sources.get(index)?;
        let value = field.get(src)?;
        Some(Self {
            id: source_path(site, index, field.key),
            label: format!("{} · {} · {}", supply.name, source_name(&supply.sources, index), field.label),
            group: format!("Energy: {}", supply.name),
            unit: field.unit,
            scale: field.scale,
            min: field.min,
            max: field.max,
            slider: around(value, (field.min, field.max), field.integer),
            integer: field.integer,
            step: field.step,
            at: At::Source { site, index, field },
        })
    }

    fn latitude(s: &Scenario, site: usize) -> Option<Self> {
        let supply = s.energy.sites.get(site)?;
        let range = (-MAX_LATITUDE, MAX_LATITUDE);
        Some(Self {
            id: format!("energy.sites.{site}.latitude_deg"),
            label: format!("{} · Latitude", supply.name),
            group: format!("Energy: {}", supply.name),
            unit: "° N",
            scale: 1.0,
            min: range.0,
            max: range.1,
            slider: (range.0.max(supply.latitude_deg - 20.0), range.1.min(supply.latitude_deg + 20.0)),
            integer: false,
            step: 0.1,
            at: At::Latitude { site },
        })
    }

    fn mix_month(s: &Scenario, row: usize) -> Option<Self> {
        let r = s.hardware.mix.get(row)?;
        let name = s.hardware.get(&r.accelerator).map_or(r.accelerator.as_str(), |a| a.name.as_str());
        let max = f64::from(MAX_AVAILABLE_FROM_MONTH);
        Some(Self {
            id: format!("hardware.mix.{row}.available_from_month"),
            label: format!("{name} · Available from month"),
            group: "Hardware mix".to_owned(),
            unit: "months",
            scale: 1.0,
            min: 0.0,
            max,
            slider: (0.0, f64::from(s.contract.term_months).min(max)),
            integer: true,
            step: 1.0,
            at: At::MixMonth { row },
        })
    }

    fn catalog(s: &Scenario, entry: usize, field: &'static CatalogField) -> Option<Self> {
        let a = s.hardware.catalog.get(entry)?;
        let value = field.get(a);
        let mut slider = around(value, (field.min, field.max), field.integer);
        // All-in power below the chip's own TDP is refused (`validate`): a break-even map or a
        // goal seek over it would start with rows of nothing.
        if field.key == "it_kw" {
            // kW that read back as at least the TDP in watts (1001 W / 1000 × 1000 < 1001).
            let floor = a.tdp_w / 1000.0;
            let floor = if floor * 1000.0 < a.tdp_w { floor.next_up() } else { floor };
            slider.0 = slider.0.max(floor).min(value);
        }
        Some(Self {
            id: format!("hardware.catalog.{entry}.{}", field.key),
            label: format!("{} · {}", a.name, field.label),
            group: "Accelerator catalog".to_owned(),
            unit: field.unit,
            scale: field.scale,
            min: field.min,
            max: field.max,
            slider,
            integer: field.integer,
            step: if field.integer { 1.0 } else { step_for(value / field.scale) },
            at: At::Catalog { entry, field },
        })
    }
}

/// A source's kind, numbered when the site has more than one of that kind ("Wind #2").
fn source_name(sources: &[super::energy::Source], index: usize) -> String {
    let kind = sources[index].kind();
    let same: Vec<usize> = (0..sources.len()).filter(|&i| sources[i].kind() == kind).collect();
    if same.len() > 1 {
        let n = same.iter().position(|&i| i == index).unwrap_or(0) + 1;
        format!("{} #{n}", kind.label())
    } else {
        kind.label().to_owned()
    }
}

/// A power of ten about a hundredth of `shown` (1 for 989 TFLOPS, 0.01 for a 1.2 kW TDP), for
/// a field whose table gives no step.
fn step_for(shown: f64) -> f64 {
    if shown.is_finite() && shown > 0.0 {
        10f64.powi((shown / 100.0).log10().floor() as i32)
    } else {
        1.0
    }
}

/// Half to twice `value`, within `min..=max` (whole numbers for whole-number fields); a zero
/// value gets the bottom of the valid range up to 12 (months, units) or 1 (shares, prices).
fn around(value: f64, (min, max): (f64, f64), integer: bool) -> (f64, f64) {
    let (lo, hi) = if value > 0.0 {
        (value / 2.0, value * 2.0)
    } else if integer {
        (min, min + 12.0)
    } else {
        (min, min + 1.0)
    };
    let (lo, hi) = (lo.clamp(min, max), hi.clamp(min, max));
    if integer {
        (lo.floor().max(min), hi.ceil().min(max))
    } else {
        (lo, hi)
    }
}

/// Decimals a number box stepped by `step` (shown units) shows: one more than the step has, at
/// most four (step 1 → 1, step 0.01 → 3).
pub fn shown_decimals(step: f64) -> usize {
    let step_decimals = if step >= 1.0 { 0 } else { (-step.log10()).ceil() as usize };
    (step_decimals + 1).min(4)
}

/// `v` (shown units) as a number box stepped by `step` shows it: [`shown_decimals`] decimals,
/// trailing zeros dropped (996.610374 MW with step 1 → "996.6", 1.25 with step 0.01 → "1.25").
/// The UI's number fields write their values so.
pub fn shown_text(v: f64, step: f64) -> String {
    fixed(v, shown_decimals(step))
}

/// A field's label with its unit in brackets ("Ramp delay (months)"), none when the unit says
/// nothing ("ratio") or only repeats the label ("Sites (sites)").
pub fn labelled(label: &str, unit: &str) -> String {
    if super::inputs::unit_is_bare(unit) || unit.eq_ignore_ascii_case(label) {
        label.to_owned()
    } else {
        format!("{label} ({unit})")
    }
}

/// A share as a percentage box stepped by 1 % shows it: 0.652 → "65.2 %", 0.5 → "50 %"
/// ([`percent_to`] with one decimal).
pub fn percent_text(share: f64) -> String {
    percent_to(share, 1)
}

/// A share in percent with `decimals` decimals, trailing zeros dropped. A share short of the
/// whole never reads as all of it, nor a share above none as none (11 short hours in 26,000:
/// "99.96 %", not "100 %"): up to two more decimals to tell, else "> 99.999 %" / "< 0.001 %".
/// A share that is the whole or nothing up to rounding is that ([`whole_or_none`]).
pub fn percent_to(v: f64, decimals: usize) -> String {
    let p = whole_or_none(v) * 100.0;
    let misleading = |s: &str| {
        let shown: f64 = s.parse().unwrap_or(p);
        (shown == 100.0 && p < 100.0) || (shown == 0.0 && p > 0.0)
    };
    let mut s = format!("{p:.decimals$}");
    for decimals in decimals + 1..=decimals + 2 {
        if !misleading(&s) {
            break;
        }
        s = format!("{p:.decimals$}");
    }
    if misleading(&s) {
        return if p > 50.0 { "> 99.999 %".to_owned() } else { "< 0.001 %".to_owned() };
    }
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    format!("{s} %")
}

/// A share that is the whole or nothing up to rounding (seven sites' sevenths summing to
/// 0.9999999999999998) as exactly that: all of it reads "100 %", not "> 99.999 %".
pub fn whole_or_none(v: f64) -> f64 {
    if (v - 1.0).abs() < 1e-12 {
        1.0
    } else if v.abs() < 1e-12 {
        0.0
    } else {
        v
    }
}

/// `v` with `decimals` decimals, trailing zeros (and a bare point) dropped, never "-0".
pub fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
    if s == "-0" {
        "0".to_owned()
    } else {
        s
    }
}

/// The field with this id in `s`.
pub fn field(s: &Scenario, id: &str) -> Option<Field> {
    if let Some(spec) = super::inputs::input(id) {
        return Some(Field::input(spec));
    }
    let parts: Vec<&str> = id.split('.').collect();
    match parts.as_slice() {
        ["energy", "sites", site, "sources", index, key] => {
            let (site, index) = (site.parse().ok()?, index.parse().ok()?);
            // Solar and wind both have a `capacity_factor`: the one of this source's kind.
            SOURCE_FIELDS.iter().filter(|f| f.key == *key).find_map(|f| Field::source(s, site, index, f))
        }
        ["energy", "sites", site, "latitude_deg"] => Field::latitude(s, site.parse().ok()?),
        ["hardware", "mix", row, "available_from_month"] => Field::mix_month(s, row.parse().ok()?),
        ["hardware", "catalog", entry, key] => {
            let field = CATALOG_FIELDS.iter().find(|f| f.key == *key)?;
            Field::catalog(s, entry.parse().ok()?, field)
        }
        _ => None,
    }
}

/// When `a` and `b` cannot vary together, the one to drop and why: a site's own figure with the
/// site count ([`Field::on_a_site`]).
pub fn clash<'a>(a: &'a Field, b: &'a Field) -> Option<(&'a Field, String)> {
    [(a, b), (b, a)]
        .into_iter()
        .find(|(f, other)| f.on_a_site() && other.reshapes())
        .map(|(f, _)| (f, f.not_with_the_site_count()))
}

/// Whether `id` has the shape of a per-scenario field's path (a site's source figure or latitude,
/// a mix row's month, a catalog figure), whether or not a given scenario has that row: an id
/// that does but that [`field`] does not find names a row that was removed.
pub fn is_row_path(id: &str) -> bool {
    let parts: Vec<&str> = id.split('.').collect();
    let index = |x: &str| x.parse::<usize>().is_ok();
    match parts.as_slice() {
        ["energy", "sites", site, "sources", i, key] => {
            index(site) && index(i) && SOURCE_FIELDS.iter().any(|f| f.key == *key)
        }
        ["energy", "sites", site, "latitude_deg"] => index(site),
        ["hardware", "mix", row, "available_from_month"] => index(row),
        ["hardware", "catalog", entry, key] => index(entry) && CATALOG_FIELDS.iter().any(|f| f.key == *key),
        _ => false,
    }
}

/// Every field of `s`, in the order pickers list them: the registry's inputs, then each site's
/// sources, then the figures the model reads of the catalog entries the fleet's mix uses.
pub fn fields(s: &Scenario) -> Vec<Field> {
    let mut out: Vec<Field> = INPUTS.iter().map(Field::input).collect();
    for (site, supply) in s.energy.sites.iter().enumerate() {
        out.extend(Field::latitude(s, site));
        for (index, src) in supply.sources.iter().enumerate() {
            out.extend(
                SOURCE_FIELDS
                    .iter()
                    .filter(|f| f.get(src).is_some())
                    .filter_map(|f| Field::source(s, site, index, f)),
            );
        }
    }
    out.extend((0..s.hardware.mix.len()).filter_map(|row| Field::mix_month(s, row)));
    for (entry, a) in s.hardware.catalog.iter().enumerate() {
        if s.hardware.mix.iter().any(|r| r.accelerator == a.id) {
            out.extend(
                CATALOG_FIELDS.iter().filter(|f| f.modelled).filter_map(|f| Field::catalog(s, entry, f)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, validate};

    /// The span the decision tools start from (a break-even map's axis, a goal seek's search)
    /// holds valid scenarios at both ends: a catalog entry's all-in power once went down to half,
    /// below the chip's TDP, and the map's first rows were blank.
    #[test]
    fn every_catalog_fields_span_ends_are_valid_scenarios() {
        let s = Scenario::default();
        for f in fields(&s).iter().filter(|f| f.id.starts_with("hardware.catalog.")) {
            for end in [f.slider.0, f.slider.1] {
                let mut t = s.clone();
                f.set(&mut t, end);
                assert_eq!(validate::problems(&t), vec![], "{} at {end}", f.id);
            }
        }
    }

    /// A TDP whose kilowatts read back short of it (1001 W / 1000 × 1000 < 1001) still starts the
    /// all-in power's span at a valid value.
    #[test]
    fn the_all_in_power_span_starts_at_a_valid_value_for_any_tdp() {
        let mut s = Scenario::default();
        for tdp in [1001.0, 2002.0, 500.1, 700.0] {
            s.hardware.catalog[0].tdp_w = tdp;
            s.hardware.catalog[0].it_kw = crate::units::Kilowatts(1.5 * tdp / 1000.0);
            let f = field(&s, "hardware.catalog.0.it_kw").unwrap();
            let mut t = s.clone();
            f.set(&mut t, f.slider.0);
            assert_eq!(validate::problems(&t), vec![], "TDP {tdp} W, all-in {} kW", f.slider.0);
        }
    }

    #[test]
    fn every_field_reads_back_what_was_set_and_is_found_by_its_id() {
        let s = Scenario::default();
        let all = fields(&s);
        assert!(all.len() > INPUTS.len() + 20, "{} fields", all.len());
        for f in &all {
            assert_eq!(field(&s, &f.id).as_ref(), Some(f), "{}", f.id);
            let v = f.get(&s);
            assert!(v.is_finite(), "{} = {v}", f.id);
            let mut t = s.clone();
            let target = if f.integer { f.slider.1.round() } else { f.slider.1 };
            f.set(&mut t, target);
            assert_eq!(f.get(&t), target, "{}", f.id);
            assert!(
                f.slider.0 <= f.slider.1 && f.min <= f.slider.0 && f.slider.1 <= f.max,
                "{}: {:?}",
                f.id,
                f.slider
            );
        }
    }

    #[test]
    fn every_kind_of_source_s_fields_are_found_by_their_ids() {
        // Solar's and wind's capacity factors share a key: each must resolve to its own source.
        use crate::energy::{Source, SourceKind};
        let mut s = Scenario::default();
        s.energy.sites[0].sources = SourceKind::ALL.iter().map(|&k| Source::new(k, 100.0)).collect();
        let listed: Vec<Field> =
            fields(&s).into_iter().filter(|f| f.id.starts_with("energy.sites.0.sources.")).collect();
        for (index, kind) in SourceKind::ALL.iter().enumerate() {
            let prefix = format!("energy.sites.0.sources.{index}.");
            assert!(listed.iter().any(|f| f.id.starts_with(&prefix)), "{kind:?} has no field");
        }
        for f in &listed {
            assert_eq!(field(&s, &f.id).as_ref(), Some(f), "{}", f.id);
        }
    }

    #[test]
    fn per_scenario_ids_are_the_paths_validation_names() {
        let s = Scenario::default();
        let gas =
            field(&s, "energy.sites.0.sources.1.capacity_mw").expect("the default site 1 has gas second");
        assert!(gas.label.contains("Gas"), "{}", gas.label);
        let mut t = s.clone();
        gas.set(&mut t, -5.0);
        let problems = validate::problems(&t);
        assert!(problems.iter().any(|p| p.field == gas.id), "{problems:?}");
        let price = field(&s, "hardware.catalog.0.unit_price").unwrap();
        price.set(&mut t, -1.0);
        assert!(validate::problems(&t).iter().any(|p| p.field == price.id));
        assert!(field(&s, "energy.sites.9.sources.0.capacity_mw").is_none());
        assert!(field(&s, "hardware.catalog.0.nonsense").is_none());
        assert!(field(&s, "no.such.input").is_none());
        for id in ["energy.sites.1.latitude_deg", "hardware.mix.0.available_from_month"] {
            let f = field(&s, id).unwrap();
            f.set(&mut t, f.max + 1.0);
            assert!(validate::problems(&t).iter().any(|p| p.field == f.id), "{id}");
        }
    }

    #[test]
    fn a_per_site_field_moves_the_results() {
        let s = Scenario::default();
        let gas = field(&s, "energy.sites.0.sources.1.capacity_mw").unwrap();
        let mut t = s.clone();
        gas.set(&mut t, 20.0);
        let (a, b) = (evaluate(&s).unwrap(), evaluate(&t).unwrap());
        assert!(
            b.energy.totals.unserved_mwh > a.energy.totals.unserved_mwh,
            "shrinking site 1's turbines must leave load unserved"
        );
    }

    #[test]
    fn every_catalog_figure_offered_moves_the_report() {
        // The pickers offer a catalog figure only if the model reads it (FP8 throughput when
        // training in FP8): sweeping or simulating the year, the memory or the TDP would move nothing.
        let s = Scenario::default();
        let mut fp8 = s.clone();
        fp8.training.precision = crate::training::Precision::Fp8;
        let report = |t: &Scenario| serde_json::to_string(&evaluate(t).unwrap()).unwrap();
        let offered: Vec<Field> =
            fields(&s).into_iter().filter(|f| f.id.starts_with("hardware.catalog.")).collect();
        for key in ["year", "hbm_gb", "tdp_w"] {
            assert!(!offered.iter().any(|f| f.id.ends_with(key)), "{key} offered");
        }
        for f in &offered {
            let moved = [&s, &fp8].iter().any(|base| {
                let mut t = (*base).clone();
                f.set(&mut t, f.slider.1);
                validate::problems(&t).is_empty() && report(&t) != report(base)
            });
            assert!(moved, "{} moves nothing", f.id);
        }
        assert!(field(&s, "hardware.catalog.0.year").is_some(), "older settings still resolve");
    }

    #[test]
    fn pickers_list_only_the_catalog_entries_the_mix_uses() {
        let s = Scenario::default();
        let used: Vec<&str> = s.hardware.mix.iter().map(|r| r.accelerator.as_str()).collect();
        for f in fields(&s).iter().filter(|f| f.id.starts_with("hardware.catalog.")) {
            let entry: usize = f.id.split('.').nth(2).unwrap().parse().unwrap();
            assert!(used.contains(&s.hardware.catalog[entry].id.as_str()), "{}", f.id);
        }
    }

    #[test]
    fn values_are_written_to_the_digits_their_number_box_shows() {
        assert_eq!(shown_text(996.610_374, 1.0), "996.6");
        assert_eq!(shown_text(47.2222, 0.1), "47.22");
        assert_eq!(shown_text(1.25, 0.01), "1.25");
        assert_eq!(shown_text(0.074, 0.01), "0.074");
        assert_eq!(shown_text(1.234_567, 0.000_01), "1.2346", "at most four decimals");
        assert_eq!(shown_text(-0.000_01, 1.0), "0", "never -0");
        assert_eq!(percent_text(0.652_173_9), "65.2 %");
        assert_eq!(percent_text(0.5), "50 %");
        // Short of the whole is never all of it.
        assert_eq!(percent_text(0.9996), "99.96 %");
        assert_eq!(percent_text(0.0004), "0.04 %");
        let s = Scenario::default();
        let gas = field(&s, "energy.sites.0.sources.1.capacity_mw").unwrap();
        assert_eq!(gas.text(996.610_374), "996.6");
        assert_eq!(field(&s, "contract.monthly_commitment").unwrap().text(1.25e9), "1.25");
    }

    #[test]
    fn the_explored_range_is_half_to_twice_the_value_within_the_valid_range() {
        assert_eq!(around(10.0, (0.0, 100.0), false), (5.0, 20.0));
        assert_eq!(around(10.0, (8.0, 15.0), false), (8.0, 15.0));
        assert_eq!(around(0.0, (0.0, 100.0), true), (0.0, 12.0));
        assert_eq!(around(5.0, (0.0, 100.0), true), (2.0, 10.0));
    }
}
