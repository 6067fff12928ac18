//! The editable numbers of an energy source, one row per field: label, unit, valid range and
//! which kinds of source have it. Validation checks every source against this table and the
//! energy panel renders its source rows from it, so adding a parameter is one row here.

use super::{Energy, Source, SourceKind};
use crate::error::FieldError;
use crate::inputs::{trim_number, ListField};
use crate::units::{Fraction, UsdPerKw, UsdPerKwh, UsdPerMwh};

/// Most sites a supply may describe (the facility's own limit).
pub const MAX_SITES: usize = 50;
/// Most sources one site may have.
pub const MAX_SOURCES_PER_SITE: usize = 16;
/// Furthest a site may be from the equator, degrees (the solar model's range).
pub const MAX_LATITUDE: f64 = 66.0;
/// Longest site name.
pub const MAX_SITE_NAME_CHARS: usize = 60;

/// A numeric parameter of an energy source.
pub type SourceField = ListField<Source>;

macro_rules! field {
    ($key:literal, $label:literal, $help:literal, $unit:literal, $scale:expr, $min:expr, $max:expr,
     $step:expr, $integer:expr, |$s:ident| $get:expr, |$t:ident, $v:ident| $set:expr) => {
        SourceField {
            key: $key,
            label: $label,
            help: $help,
            unit: $unit,
            scale: $scale,
            min: $min,
            max: $max,
            step: $step,
            integer: $integer,
            read: |$s| $get,
            write: |$t, $v| $set,
        }
    };
}

/// Every source parameter, in the order a source row shows them.
pub static SOURCE_FIELDS: &[SourceField] = &[
    field!(
        "capacity_mw",
        "Capacity",
        "Nameplate capacity; for batteries, the most they charge or discharge.",
        "MW",
        1.0,
        0.0,
        100_000.0,
        1.0,
        false,
        |s| Some(s.capacity_mw()),
        |s, v| match s {
            Source::Grid(g) => g.capacity_mw = v,
            Source::Gas(g) => g.capacity_mw = v,
            Source::Solar(r) | Source::Wind(r) => r.capacity_mw = v,
            Source::Battery(b) => b.capacity_mw = v,
            Source::FirmPpa(p) => p.capacity_mw = v,
        }
    ),
    field!(
        "units",
        "Units",
        "Identical units sharing the capacity; each fails on its own.",
        "",
        1.0,
        1.0,
        1000.0,
        1.0,
        true,
        |s| if let Source::Gas(g) = s { Some(f64::from(g.units)) } else { None },
        |s, v| if let Source::Gas(g) = s {
            g.units = v as u32;
        }
    ),
    field!(
        "price",
        "Energy price",
        "Tariff, PPA price or levelized cost per MWh.",
        "$ / MWh",
        1.0,
        0.0,
        2000.0,
        0.1,
        false,
        |s| match s {
            Source::Grid(g) => Some(g.price.value()),
            Source::Solar(r) | Source::Wind(r) => Some(r.price.value()),
            Source::FirmPpa(p) => Some(p.price.value()),
            Source::Gas(_) | Source::Battery(_) => None,
        },
        |s, v| match s {
            Source::Grid(g) => g.price = UsdPerMwh(v),
            Source::Solar(r) | Source::Wind(r) => r.price = UsdPerMwh(v),
            Source::FirmPpa(p) => p.price = UsdPerMwh(v),
            Source::Gas(_) | Source::Battery(_) => {}
        }
    ),
    field!(
        "peak_multiplier",
        "Peak tariff",
        "Tariff multiplier on weekdays 14:00–20:00 (1 = flat).",
        "×",
        1.0,
        1.0,
        10.0,
        0.05,
        false,
        |s| if let Source::Grid(g) = s { Some(g.peak_multiplier) } else { None },
        |s, v| if let Source::Grid(g) = s {
            g.peak_multiplier = v;
        }
    ),
    field!(
        "demand_charge",
        "Demand charge",
        "Charged on each month's highest hourly import.",
        "$ / kW-month",
        1.0,
        0.0,
        200.0,
        0.5,
        false,
        |s| if let Source::Grid(g) = s { Some(g.demand_charge.value()) } else { None },
        |s, v| if let Source::Grid(g) = s {
            g.demand_charge = UsdPerKw(v);
        }
    ),
    field!(
        "carbon_g_per_kwh",
        "Grid carbon",
        "Carbon intensity of imported power.",
        "g CO2 / kWh",
        1.0,
        0.0,
        1500.0,
        1.0,
        false,
        |s| if let Source::Grid(g) = s { Some(g.carbon_g_per_kwh) } else { None },
        |s, v| if let Source::Grid(g) = s {
            g.carbon_g_per_kwh = v;
        }
    ),
    field!(
        "outages_per_year",
        "Interruptions",
        "Grid interruptions per year.",
        "per year",
        1.0,
        0.0,
        365.0,
        0.1,
        false,
        |s| if let Source::Grid(g) = s { Some(g.outages_per_year) } else { None },
        |s, v| if let Source::Grid(g) = s {
            g.outages_per_year = v;
        }
    ),
    field!(
        "outage_hours_per_year",
        "Hours without grid",
        "Total hours of interruption per year.",
        "h / year",
        1.0,
        0.0,
        8760.0,
        0.5,
        false,
        |s| if let Source::Grid(g) = s { Some(g.outage_hours_per_year) } else { None },
        |s, v| if let Source::Grid(g) = s {
            g.outage_hours_per_year = v;
        }
    ),
    field!(
        "heat_rate",
        "Heat rate",
        "Fuel burned per MWh generated.",
        "MMBtu / MWh",
        1.0,
        5.0,
        20.0,
        0.1,
        false,
        |s| if let Source::Gas(g) = s { Some(g.heat_rate) } else { None },
        |s, v| if let Source::Gas(g) = s {
            g.heat_rate = v;
        }
    ),
    field!(
        "variable_om",
        "Variable O&M",
        "Non-fuel cost per MWh generated.",
        "$ / MWh",
        1.0,
        0.0,
        200.0,
        0.5,
        false,
        |s| if let Source::Gas(g) = s { Some(g.variable_om.value()) } else { None },
        |s, v| if let Source::Gas(g) = s {
            g.variable_om = UsdPerMwh(v);
        }
    ),
    field!(
        "fixed_om_per_kw_year",
        "Fixed O&M",
        "Yearly cost per kW of capacity, run or not.",
        "$ / kW-year",
        1.0,
        0.0,
        500.0,
        0.5,
        false,
        |s| if let Source::Gas(g) = s { Some(g.fixed_om_per_kw_year.value()) } else { None },
        |s, v| if let Source::Gas(g) = s {
            g.fixed_om_per_kw_year = UsdPerKw(v);
        }
    ),
    field!(
        "capex_per_kw",
        "Capital cost",
        "Cost to build per kW of capacity.",
        "$ / kW",
        1.0,
        0.0,
        20_000.0,
        10.0,
        false,
        |s| if let Source::Gas(g) = s { Some(g.capex_per_kw.value()) } else { None },
        |s, v| if let Source::Gas(g) = s {
            g.capex_per_kw = UsdPerKw(v);
        }
    ),
    field!(
        "capacity_factor",
        "Capacity factor",
        "Annual energy ÷ (capacity × 8,760 h) at this site.",
        "%",
        0.01,
        0.01,
        0.35,
        0.5,
        false,
        |s| if let Source::Solar(r) = s { Some(r.capacity_factor.value()) } else { None },
        |s, v| if let Source::Solar(r) = s {
            r.capacity_factor = Fraction(v);
        }
    ),
    field!(
        "capacity_factor",
        "Capacity factor",
        "Annual energy ÷ (capacity × 8,760 h) at this site.",
        "%",
        0.01,
        0.05,
        0.6,
        0.5,
        false,
        |s| if let Source::Wind(r) = s { Some(r.capacity_factor.value()) } else { None },
        |s, v| if let Source::Wind(r) = s {
            r.capacity_factor = Fraction(v);
        }
    ),
    field!(
        "hours",
        "Duration",
        "Hours of discharge at full power.",
        "h",
        1.0,
        0.25,
        24.0,
        0.25,
        false,
        |s| if let Source::Battery(b) = s { Some(b.hours) } else { None },
        |s, v| if let Source::Battery(b) = s {
            b.hours = v;
        }
    ),
    field!(
        "round_trip_efficiency",
        "Round trip",
        "Energy out ÷ energy in over a full cycle.",
        "%",
        0.01,
        0.5,
        1.0,
        0.5,
        false,
        |s| if let Source::Battery(b) = s { Some(b.round_trip_efficiency.value()) } else { None },
        |s, v| if let Source::Battery(b) = s {
            b.round_trip_efficiency = Fraction(v);
        }
    ),
    field!(
        "capex_per_kwh",
        "Capital cost",
        "Cost to build per kWh of storage.",
        "$ / kWh",
        1.0,
        0.0,
        2000.0,
        5.0,
        false,
        |s| if let Source::Battery(b) = s { Some(b.capex_per_kwh.value()) } else { None },
        |s, v| if let Source::Battery(b) = s {
            b.capex_per_kwh = UsdPerKwh(v);
        }
    ),
    field!(
        "reserve_share",
        "Backup reserve",
        "Energy held back for when firm sources and the grid fall short, kept topped up from them; the rest only stores solar and wind surplus, so at 0 % a battery at a site without either is used once, from its first charge, and then stands idle.",
        "%",
        0.01,
        0.0,
        1.0,
        1.0,
        false,
        |s| if let Source::Battery(b) = s { Some(b.reserve_share.value()) } else { None },
        |s, v| if let Source::Battery(b) = s {
            b.reserve_share = Fraction(v);
        }
    ),
    field!(
        "forced_outage_rate",
        "Forced outage",
        "Share of hours a unit is broken down.",
        "%",
        0.01,
        0.0,
        0.5,
        0.5,
        false,
        |s| match s {
            Source::Gas(g) => Some(g.forced_outage_rate.value()),
            Source::FirmPpa(p) => Some(p.forced_outage_rate.value()),
            _ => None,
        },
        |s, v| match s {
            Source::Gas(g) => g.forced_outage_rate = Fraction(v),
            Source::FirmPpa(p) => p.forced_outage_rate = Fraction(v),
            _ => {}
        }
    ),
    field!(
        "repair_hours",
        "Mean repair",
        "Average length of an outage.",
        "h",
        1.0,
        1.0,
        8760.0,
        1.0,
        false,
        |s| match s {
            Source::Gas(g) => Some(g.repair_hours),
            Source::FirmPpa(p) => Some(p.repair_hours),
            _ => None,
        },
        |s, v| match s {
            Source::Gas(g) => g.repair_hours = v,
            Source::FirmPpa(p) => p.repair_hours = v,
            _ => {}
        }
    ),
    field!(
        "life_years",
        "Life",
        "Years over which the capital is recovered.",
        "years",
        1.0,
        1.0,
        60.0,
        1.0,
        true,
        |s| match s {
            Source::Gas(g) => Some(f64::from(g.life_years)),
            Source::Battery(b) => Some(f64::from(b.life_years)),
            _ => None,
        },
        |s, v| match s {
            Source::Gas(g) => g.life_years = v as u32,
            Source::Battery(b) => b.life_years = v as u32,
            _ => {}
        }
    ),
    field!(
        "online_month",
        "Online from",
        "Months from the term's start until it delivers (lead time); never before the site's halls and power connection are ready.",
        "month",
        1.0,
        0.0,
        240.0,
        1.0,
        true,
        |s| Some(f64::from(match s {
            Source::Grid(g) => g.online_month,
            Source::Gas(g) => g.online_month,
            Source::Solar(r) | Source::Wind(r) => r.online_month,
            Source::Battery(b) => b.online_month,
            Source::FirmPpa(p) => p.online_month,
        })),
        |s, v| {
            let m = v as u32;
            match s {
                Source::Grid(g) => g.online_month = m,
                Source::Gas(g) => g.online_month = m,
                Source::Solar(r) | Source::Wind(r) => r.online_month = m,
                Source::Battery(b) => b.online_month = m,
                Source::FirmPpa(p) => p.online_month = m,
            }
        }
    ),
];

/// The fields `s` has, in display order.
pub fn fields_of(s: &Source) -> impl Iterator<Item = &'static SourceField> + '_ {
    SOURCE_FIELDS.iter().filter(move |f| f.get(s).is_some())
}

/// The JSON path of a source's field, e.g. `energy.sites.0.sources.2.capacity_mw`.
pub fn path(site: usize, source: usize, key: &str) -> String {
    format!("energy.sites.{site}.sources.{source}.{key}")
}

/// Every problem with the energy supply of a facility with `facility_sites` sites.
pub fn problems(e: &Energy, facility_sites: u32) -> Vec<FieldError> {
    let mut out = Vec::new();
    if e.sites.len() != facility_sites as usize {
        out.push(FieldError::new(
            "energy.sites",
            format!(
                "The facility has {facility_sites} site(s) but the energy supply describes {}; give every site a supply",
                e.sites.len()
            ),
        ));
    }
    let names: Vec<&str> = e.sites.iter().map(|s| s.name.as_str()).collect();
    let twice = ": results and pickers name sites, give each its own";
    for (si, site) in e.sites.iter().enumerate() {
        let at = |key: &str| format!("energy.sites.{si}.{key}");
        crate::validate::check_name(&mut out, &names, si, at("name"), "A site", MAX_SITE_NAME_CHARS, twice);
        if !(site.latitude_deg.is_finite() && (-MAX_LATITUDE..=MAX_LATITUDE).contains(&site.latitude_deg)) {
            out.push(FieldError::new(
                at("latitude_deg"),
                format!(
                    "Latitude must be between -66 and 66 degrees (outside the polar circles), got {}",
                    trim_number(site.latitude_deg)
                ),
            ));
        }
        if site.sources.is_empty() {
            out.push(FieldError::new(
                at("sources"),
                format!("{} has no power sources; add at least one", site.name),
            ));
        }
        if site.sources.len() > MAX_SOURCES_PER_SITE {
            out.push(FieldError::new(
                at("sources"),
                format!("A site can have at most {MAX_SOURCES_PER_SITE} sources, got {}", site.sources.len()),
            ));
        }
        for (i, source) in site.sources.iter().enumerate() {
            for f in fields_of(source) {
                if let Err(message) = f.check(f.get(source).unwrap_or(f64::NAN)) {
                    out.push(FieldError::new(path(si, i, f.key), message));
                }
            }
            if let Source::Grid(g) = source {
                if g.outage_hours_per_year > 0.0 && g.outages_per_year == 0.0 {
                    out.push(FieldError::new(
                        path(si, i, "outages_per_year"),
                        "Hours without grid need at least one interruption per year to happen in",
                    ));
                }
            }
            if let Source::Gas(g) = source {
                if f64::from(g.units) > g.capacity_mw.max(1.0) * 10.0 {
                    out.push(FieldError::new(
                        path(si, i, "units"),
                        format!(
                            "{} units share only {} MW: units must be at least 0.1 MW each",
                            g.units,
                            trim_number(g.capacity_mw)
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// The kind label and a one-line description of where each kind sits in the merit order.
pub const fn role(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Solar | SourceKind::Wind => {
            "Used first; surplus charges batteries, the rest is curtailed."
        }
        SourceKind::Battery => {
            "Discharges before firm sources down to its reserve, then below it as a last resort."
        }
        SourceKind::GasCombinedCycle | SourceKind::GasReciprocating | SourceKind::GasSimpleCycle => {
            "Firm: called with the grid in order of marginal cost, after renewables, storage and firm PPAs."
        }
        SourceKind::FirmPpa => "Firm: its energy is taken as delivered, after renewables and storage.",
        SourceKind::Grid => {
            "Called with gas plants in order of marginal cost (at the hour's tariff), up to the connection's capacity."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sidebar writes every rate one way, a source's "$ / MWh" as the registry's
    /// "$ / MMBtu": a slash between spaces.
    #[test]
    fn units_write_a_rate_as_the_registry_does() {
        let units = SOURCE_FIELDS.iter().map(|f| f.unit).chain(crate::inputs::INPUTS.iter().map(|i| i.unit));
        for unit in units.filter(|u| u.contains('/')) {
            assert_eq!(unit.matches('/').count(), unit.matches(" / ").count(), "{unit:?}");
        }
    }

    #[test]
    fn every_kind_has_capacity_and_online_month_and_set_round_trips() {
        for kind in SourceKind::ALL {
            let mut s = Source::new(kind, 100.0);
            let keys: Vec<_> = fields_of(&s).map(|f| f.key).collect();
            assert!(keys.contains(&"capacity_mw") && keys.contains(&"online_month"), "{kind:?}");
            for f in fields_of(&s.clone()) {
                let v = f.get(&s).unwrap();
                assert!(f.check(v).is_ok(), "{kind:?}.{} default {v} out of range", f.key);
                f.set(&mut s, f.max);
                assert_eq!(f.get(&s), Some(f.max), "{kind:?}.{}", f.key);
            }
        }
    }

    #[test]
    fn bad_sources_are_named_by_path() {
        let mut e = Energy::deal_default(2);
        if let Source::Battery(b) = &mut e.sites[1].sources[2] {
            b.round_trip_efficiency = Fraction(1.2);
        }
        e.sites[0].sources[0] = Source::new(SourceKind::Grid, -5.0);
        let fields: Vec<String> = problems(&e, 2).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["energy.sites.0.sources.0.capacity_mw", "energy.sites.1.sources.2.round_trip_efficiency"]
        );
        assert_eq!(problems(&e, 3)[0].field, "energy.sites");
    }

    #[test]
    fn every_site_needs_its_own_name_and_new_sites_get_a_free_one() {
        let mut e = Energy::deal_default(3);
        let named = |e: &Energy| -> Vec<(String, String)> {
            problems(e, 3).into_iter().map(|p| (p.field, p.message)).collect()
        };
        assert!(named(&e).is_empty());
        e.sites[2].name = e.sites[0].name.clone();
        e.sites[1].name = "  ".to_owned();
        let found = named(&e);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], ("energy.sites.1.name".to_owned(), "A site needs a name".to_owned()));
        assert_eq!(found[1].0, "energy.sites.2.name");
        assert!(found[1].1.starts_with("\"Site 1\" is listed twice"), "{found:?}");
        // A site renamed to what the next new one would be called: the new one skips it.
        let mut e = Energy::deal_default(1);
        "Site 2".clone_into(&mut e.sites[0].name);
        e.resize_sites(2);
        assert_eq!(e.sites[1].name, "Site 3");
        assert!(problems(&e, 2).is_empty());
    }
}
