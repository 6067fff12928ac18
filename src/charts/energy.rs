//! Charts of the energy supply: one week of hourly dispatch, the monthly mix, and the energy
//! presets side by side on cost and carbon.

use super::spec::{ChartSpec, Series, SeriesKind, ValueFormat, XValues};
use crate::format;
use crate::model::calendar::YearMonth;
use crate::model::energy::dispatch::{evaluate_with, EnergyTotals};
use crate::model::energy::dispatch::{Category, CATEGORIES, WEEK_HOURS};
use crate::model::energy::presets::EnergyPreset;
use crate::model::energy::{Energy, EnergyReport, Grid, Source};
use crate::model::Report;

/// Palette slot of each supply category, in [`Category::ALL`] order, and of unserved load.
const COLORS: [usize; CATEGORIES] = [6, 5, 2, 3, 4, 0, 1];
const UNSERVED_COLOR: usize = 7;

/// The label of hour `h` from the start of month `start`: `2 Jun 14:00`.
fn hour_label(start: YearMonth, h: usize) -> String {
    const NAMES: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut day = h / 24;
    let mut month = start;
    while day >= month.days() as usize {
        day -= month.days() as usize;
        month = month.plus(1);
    }
    format!("{} {} {:02}:00", day + 1, NAMES[usize::from(month.month() - 1)], h % 24)
}

/// The first day of week `week` (0-based) of the term, e.g. `2 Jun 2026`.
pub fn week_label(start: YearMonth, week: usize) -> String {
    let label = hour_label(start, week * WEEK_HOURS);
    let date = label.rsplit_once(' ').map_or(label.as_str(), |(d, _)| d).to_owned();
    let mut day = week * WEEK_HOURS / 24;
    let mut month = start;
    while day >= month.days() as usize {
        day -= month.days() as usize;
        month = month.plus(1);
    }
    format!("{date} {}", month.year())
}

/// Hour-by-hour supply for week `week` of the term, stacked by source category, with the
/// load on top, at site `site` (an index into the report's sites) or over all of them (`None`).
/// Solar and wind are shown net of curtailment, so the stack's top is the load plus battery
/// charging.
pub fn week_dispatch(r: &EnergyReport, start: YearMonth, week: usize, site: Option<usize>) -> ChartSpec {
    let rows = r.week_at(week, site);
    let at = site.and_then(|i| r.sites.get(i)).map(|s| format!(" at {}", s.name)).unwrap_or_default();
    let from = week * WEEK_HOURS;
    let to = from + rows.len();
    let renewable_net = |row: &crate::model::energy::HourRow, c: usize| {
        let gross = row.supply[0] + row.supply[1];
        if gross > 0.0 {
            row.supply[c] * (1.0 - row.curtailed / gross)
        } else {
            0.0
        }
    };
    let mut series: Vec<Series> = Category::ALL
        .iter()
        .enumerate()
        .filter(|(c, _)| rows.iter().any(|row| row.supply[*c] > 0.0))
        .map(|(c, cat)| {
            let values =
                rows.iter().map(|row| if c < 2 { renewable_net(row, c) } else { row.supply[c] }).collect();
            Series::new(cat.label(), SeriesKind::Area, COLORS[c], values)
        })
        .collect();
    if rows.iter().any(|row| row.unserved > 0.0) {
        series.push(Series::new(
            "Unserved",
            SeriesKind::Area,
            UNSERVED_COLOR,
            rows.iter().map(|row| row.unserved).collect(),
        ));
    }
    series.push(Series::new("Load", SeriesKind::Line, 7, rows.iter().map(|row| row.load).collect()));
    ChartSpec {
        id: "energy-week",
        title: format!("Hourly dispatch{at}, week of {}", week_label(start, week)),
        x_title: "Hour".to_owned(),
        y_title: "Megawatts".to_owned(),
        x_labels: (from..to).map(|h| hour_label(start, h)).collect(),
        y_format: ValueFormat::Megawatts,
        series,
        markers: Vec::new(),
        note: Some(format!(
            "{}Stacked by kind (renewables, batteries, firm PPAs and gas, grid, simple-cycle gas), not in the order \
             sources are called, which follows their cost; grey is load \
             left unserved. Where the stack rises above the load line, batteries are charging.{}",
            // An empty chart says why.
            if rows.iter().all(|row| row.load == 0.0) {
                "No load this week: nothing is installed yet (construction, the power connection or the \
                 delivery ramp). "
            } else {
                ""
            },
            if site.is_none() && r.sites.len() > 1 {
                format!(" Summed over the {} sites; each dispatches its own supply.", r.sites.len())
            } else {
                String::new()
            }
        )),
        y2: None,
        stacked: true,
        x_period: Some(24),
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// Energy by source per month, stacked, with load not served on top.
pub fn monthly_mix(r: &EnergyReport) -> ChartSpec {
    let mut series: Vec<Series> = Category::ALL
        .iter()
        .enumerate()
        .filter(|(c, _)| r.months.iter().any(|m| m.supply_mwh[*c] > 0.0))
        .map(|(c, cat)| {
            let values = r
                .months
                .iter()
                .map(|m| {
                    let gross = m.supply_mwh[0] + m.supply_mwh[1];
                    if c < 2 && gross > 0.0 {
                        m.supply_mwh[c] * (1.0 - m.curtailed_mwh / gross)
                    } else {
                        m.supply_mwh[c]
                    }
                })
                .collect();
            Series::new(cat.label(), SeriesKind::Area, COLORS[c], values)
        })
        .collect();
    if r.totals.unserved_mwh > 0.0 {
        series.push(Series::new(
            "Unserved",
            SeriesKind::Area,
            UNSERVED_COLOR,
            r.months.iter().map(|m| m.unserved_mwh).collect(),
        ));
    }
    ChartSpec {
        id: "energy-mix",
        title: "Energy by source per month".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "Energy".to_owned(),
        x_labels: super::spec::month_labels(r.months.iter().map(|m| m.month)),
        y_format: ValueFormat::MegawattHours,
        series,
        markers: Vec::new(),
        note: Some(format!(
            "Solar and wind net of curtailment; battery discharge is energy stored earlier.{}",
            battery_use(r)
        )),
        y2: None,
        stacked: true,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// What the batteries did over the term, or nothing without batteries. The dispatch charges
/// them only from surplus solar and wind (and refills a reserve spent in a shortfall), never on
/// price, so a battery beside a supply that never has a surplus stands by: said so, since a
/// planner adding one may expect it to shift energy every day.
fn battery_use(r: &EnergyReport) -> String {
    let capacity = r.totals.storage_mwh;
    if capacity <= 0.0 {
        return String::new();
    }
    let discharged: f64 = r.months.iter().map(|m| m.supply_mwh[Category::Storage as usize]).sum();
    let cycles = discharged / capacity / (r.months.len() as f64 / 12.0);
    format!(
        " The batteries ({}) discharged {} over the term, {} full cycles a year: they charge from surplus solar or wind and refill their reserve after a shortfall, never on price{}.",
        format::megawatt_hours(capacity),
        format::megawatt_hours(discharged),
        format::sig3(cycles),
        if cycles < 1.0 { ", so here they mostly stand by as backup" } else { "" }
    )
}

/// One energy option's headline figures.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionPoint {
    /// The option's name.
    pub name: String,
    /// Cost per MWh served.
    pub usd_per_mwh: f64,
    /// Emissions per kWh served, g CO2.
    pub g_co2_per_kwh: f64,
    /// Share of hours fully powered.
    pub fully_powered: f64,
    /// Whether this is the scenario's own supply.
    pub current: bool,
}

/// The scenario's own supply, then each energy preset sized to the scenario's peak load per
/// site and run through the same hourly dispatch (five dispatches: the UI computes this only
/// while the comparison is open).
pub fn option_points(energy: &Energy, report: &Report) -> Vec<OptionPoint> {
    let point = |name: &str, t: &EnergyTotals, current: bool| OptionPoint {
        name: name.to_owned(),
        usd_per_mwh: t.blended_price.value(),
        g_co2_per_kwh: t.g_co2_per_kwh,
        fully_powered: t.fully_powered_share.value(),
        current,
    };
    let mut points = vec![point("This scenario", &report.energy.totals, true)];
    for preset in EnergyPreset::ALL {
        let mut e = energy.clone();
        for (site, summary) in e.sites.iter_mut().zip(&report.energy.sites) {
            // A preset's grid connection is on the site's own grid terms (tariff, carbon,
            // interruptions), where the site has a grid; the gas price is the scenario's.
            let own_grid =
                site.sources
                    .iter()
                    .find_map(|s| if let Source::Grid(g) = s { Some(g.clone()) } else { None });
            site.sources = preset.sources(summary.peak_load_mw);
            if let Some(own) = own_grid {
                for s in &mut site.sources {
                    if let Source::Grid(g) = s {
                        *g = Grid { capacity_mw: g.capacity_mw, ..own.clone() };
                    }
                }
            }
        }
        let totals = evaluate_with(&e, &report.datacenter, false).totals;
        points.push(point(preset.short_label(), &totals, false));
    }
    points
}

/// The energy presets (and the scenario's own supply) as a scatter: carbon per kWh across,
/// cost per MWh up, the scenario's own supply in the emphasis colour. A dot that leaves hours
/// short of power says so in its label, since a cheap supply that drops load is no bargain.
pub fn cost_vs_carbon(points: &[OptionPoint]) -> ChartSpec {
    let label = |p: &OptionPoint| {
        if p.fully_powered < 0.9995 {
            format!("{} ({} of hours powered)", p.name, crate::format::percent(p.fully_powered))
        } else {
            p.name.clone()
        }
    };
    ChartSpec {
        id: "energy-options",
        title: "Energy options: cost and carbon".to_owned(),
        x_title: "g CO2 per kWh served".to_owned(),
        y_title: "$ per MWh served".to_owned(),
        x_labels: points.iter().map(label).collect(),
        y_format: ValueFormat::UsdPerMwh,
        series: vec![Series {
            highlight: points.iter().position(|p| p.current),
            ..Series::new("Cost per MWh", SeriesKind::Points, 0, points.iter().map(|p| p.usd_per_mwh).collect())
        }],
        markers: Vec::new(),
        note: Some(
            "Each preset is sized to the scenario's peak load per site and run through the same hourly dispatch, \
             at this scenario's gas price and each site's own grid terms (tariff, carbon, interruptions) where it has a grid. \
             Cost includes fuel, tariffs, PPAs, O&M and the capital charge of on-site plant; \
             the highlighted dot is this scenario's own supply."
                .to_owned(),
        ),
        y2: None,
        stacked: false,
        x_period: None,
        x_values: Some(XValues {
            name: "Carbon intensity".to_owned(),
            category: "Supply at every site".to_owned(),
            values: points.iter().map(|p| p.g_co2_per_kwh).collect(),
            format: ValueFormat::GramsPerKwh,
        }),
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{draw::to_svg, theme::LIGHT};
    use crate::model::{evaluate, Scenario};

    #[test]
    fn a_week_before_the_halls_says_why_it_is_empty() {
        let mut s = Scenario::default();
        s.facility.construction_months = 6;
        let r = evaluate(&s).unwrap();
        let note = |w| week_dispatch(&r.energy, s.contract.start, w, None).note.unwrap_or_default();
        assert!(note(2).starts_with("No load this week: nothing is installed yet"), "{}", note(2));
        assert!(note(r.energy.weeks() - 2).starts_with("Stacked by kind"), "{}", note(r.energy.weeks() - 2));
    }

    #[test]
    fn the_week_stack_reaches_the_load_plus_charging() {
        let s = Scenario::default();
        let r = evaluate(&s).unwrap();
        let spec = week_dispatch(&r.energy, s.contract.start, 3, None);
        assert_eq!(spec.x_labels.len(), WEEK_HOURS);
        assert_eq!(spec.x_labels[0], "22 Jun 00:00");
        let plotted = spec.plotted(&[]);
        let top = &plotted[spec.series.len() - 2];
        for (i, row) in r.energy.week(3).iter().enumerate() {
            let want = row.load + row.charging;
            assert!((top[i] - want).abs() < 1e-6 * want.max(1.0), "hour {i}: {} vs {want}", top[i]);
        }
        assert_eq!(week_label(s.contract.start, 0), "1 Jun 2026");
        let hours: usize = r.datacenter.months.iter().map(|m| m.month.days() as usize * 24).sum();
        assert_eq!(r.energy.weeks(), hours.div_ceil(168));
        // The term's last week is short: 36 months are not a whole number of weeks.
        assert_eq!(r.energy.week(r.energy.weeks() - 1).len(), hours - 168 * (r.energy.weeks() - 1));
    }

    #[test]
    fn the_week_is_ticked_at_midnights() {
        let s = Scenario::default();
        let r = evaluate(&s).unwrap();
        let spec = week_dispatch(&r.energy, s.contract.start, 3, None);
        for (width, every) in [(1400, 1), (600, 2), (420, 3)] {
            let svg = to_svg(&spec, &LIGHT, width, 320).unwrap();
            let ticked: Vec<&String> = spec.x_labels.iter().filter(|l| drawn(&svg, l) == 1).collect();
            let midnights: Vec<&String> = spec.x_labels.iter().step_by(24 * every).collect();
            assert_eq!(ticked, midnights, "{width} px");
        }
    }

    fn option(name: &str, usd_per_mwh: f64, g_co2_per_kwh: f64, fully_powered: f64) -> OptionPoint {
        OptionPoint { name: name.to_owned(), usd_per_mwh, g_co2_per_kwh, fully_powered, current: false }
    }

    /// How many text lines of the SVG are exactly `label`.
    fn drawn(svg: &str, label: &str) -> usize {
        svg.lines().filter(|l| l.trim() == label).count()
    }

    #[test]
    fn the_presets_scatter_puts_each_option_at_its_carbon_and_cost() {
        let points = vec![
            OptionPoint { current: true, ..option("This scenario", 80.0, 400.0, 1.0) },
            option("Grid only", 80.0, 400.0, 1.0),
            option("Nuclear PPA", 95.0, 0.0, 1.0),
            option("Solar + storage", 60.0, 120.0, 0.971),
        ];
        let spec = cost_vs_carbon(&points);
        assert_eq!(spec.dots(&[]), vec![(400.0, 80.0), (400.0, 80.0), (0.0, 95.0), (120.0, 60.0)]);
        assert!(spec.dots(&[false]).is_empty(), "no dots while the series is hidden");
        assert_eq!(spec.series[0].highlight, Some(0));
        assert_eq!(spec.x_labels[2], "Nuclear PPA");
        assert_eq!(spec.x_labels[3], "Solar + storage (97.1 % of hours powered)");
        assert_eq!(spec.category_title(), "Supply at every site");
        let (x_lo, x_hi) = spec.x_range();
        assert!(x_lo == 0.0 && x_hi > 400.0, "carbon runs from zero (nuclear) past 400 g: {x_lo}..{x_hi}");
        let svg = to_svg(&spec, &LIGHT, 800, 320).unwrap();
        assert!(svg.contains("g CO2 per kWh served") && svg.contains("$ per MWh served"));
        // Two dots share a spot: both are named, each label once, in different places.
        for label in &spec.x_labels {
            assert_eq!(drawn(&svg, label), 1, "{label}");
        }
        assert_eq!(svg.matches("<circle").count(), 2 * points.len(), "a halo and a dot each");
        let csv = crate::charts::export::csv(&spec, &[]);
        assert!(csv.starts_with("Supply at every site,Carbon intensity (g CO2 per kWh served),Cost per MWh ($ per MWh served)\r\n"));
        assert!(csv.contains("\r\nNuclear PPA,0,95\r\n"), "{csv}");
    }

    #[test]
    fn scatter_labels_never_overlap_a_label_without_room_is_left_out() {
        // Five dots on one spot: right, left, above and below take four names; the fifth has
        // no clear place and is left to the tooltip and the table.
        // Two dots in opposite corners put the five mid-plot, with room on every side.
        let mut points: Vec<OptionPoint> =
            (0..5).map(|i| option(&format!("Option {i}"), 50.0, 200.0, 1.0)).collect();
        points.push(option("Far", 100.0, 400.0, 1.0));
        points.push(option("Near", 20.0, 40.0, 1.0));
        let svg = to_svg(&cost_vs_carbon(&points), &LIGHT, 800, 320).unwrap();
        let named = (0..5).filter(|i| drawn(&svg, &format!("Option {i}")) == 1).count();
        assert_eq!(drawn(&svg, "Far") + drawn(&svg, "Near"), 2);
        assert_eq!(named, 4);
    }

    #[test]
    fn every_energy_preset_lands_on_the_scatter_for_the_default_scenario() {
        let s = Scenario::default();
        let r = evaluate(&s).unwrap();
        let points = option_points(&s.energy, &r);
        assert_eq!(points.len(), 1 + EnergyPreset::ALL.len());
        assert!(points[0].current && points[1..].iter().all(|p| !p.current));
        assert_eq!(points[0].usd_per_mwh, r.energy.totals.blended_price.value());
        for p in &points {
            assert!(p.usd_per_mwh.is_finite() && p.usd_per_mwh > 0.0, "{p:?}");
            assert!(p.g_co2_per_kwh.is_finite() && p.g_co2_per_kwh >= 0.0, "{p:?}");
        }
        // The presets are different supplies: they do not all land on one spot.
        let spots: std::collections::BTreeSet<(u64, u64)> =
            points[1..].iter().map(|p| (p.usd_per_mwh.to_bits(), p.g_co2_per_kwh.to_bits())).collect();
        assert_eq!(spots.len(), EnergyPreset::ALL.len());
        // On the sites' own grid terms: at $120/MWh and 0 g/kWh, grid only costs $120 a MWh
        // served and emits nothing.
        let mut s = Scenario::default();
        for site in &mut s.energy.sites {
            if let Source::Grid(g) = &mut site.sources[0] {
                (g.price.0, g.carbon_g_per_kwh) = (120.0, 0.0);
            }
        }
        let r = evaluate(&s).unwrap();
        let grid_only = option_points(&s.energy, &r).into_iter().find(|p| p.name == "Grid only").unwrap();
        assert!((grid_only.usd_per_mwh - 120.0).abs() < 1e-9, "{grid_only:?}");
        assert_eq!(grid_only.g_co2_per_kwh, 0.0);
    }

    /// The note says what the batteries did: standing by beside the deal's turbines and grid
    /// (no surplus to store), about a hundred full cycles a year beside twice the peak in solar;
    /// nothing without one.
    #[test]
    fn the_monthly_mix_says_what_the_batteries_did() {
        let note = |s: &Scenario| monthly_mix(&evaluate(s).unwrap().energy).note.unwrap_or_default();
        let deal = note(&Scenario::default());
        assert!(
            deal.contains("The batteries (600 MWh) discharged ") && deal.contains("mostly stand by"),
            "{deal}"
        );
        let solar = note(&crate::model::presets::by_id("solar-storage-gas").unwrap().scenario());
        let cycles: f64 = solar
            .split(" full cycles a year")
            .next()
            .and_then(|t| t.rsplit(", ").next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{solar}"));
        assert!((100.0..366.0).contains(&cycles) && !solar.contains("stand by"), "{solar}");
        let mut none = Scenario::default();
        for site in &mut none.energy.sites {
            site.sources.retain(|src| !matches!(src, crate::model::energy::Source::Battery(_)));
        }
        assert!(!note(&none).contains("batteries"), "{}", note(&none));
    }

    #[test]
    fn the_monthly_mix_adds_up_to_served_energy_plus_charging() {
        let r = evaluate(&Scenario::default()).unwrap();
        let spec = monthly_mix(&r.energy);
        let plotted = spec.plotted(&[]);
        let top = plotted.last().unwrap();
        for (m, month) in r.energy.months.iter().enumerate() {
            let want = month.load_mwh + month.charging_mwh;
            assert!((top[m] - want).abs() < 1e-6 * want, "{m}");
        }
    }
}
