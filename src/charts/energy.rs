//! Charts of the energy supply: one week of hourly dispatch, the monthly mix, and the energy
//! presets side by side on cost and carbon.

use super::spec::{ChartSpec, Marker, SecondaryAxis, Series, SeriesKind, ValueFormat};
use crate::model::calendar::YearMonth;
use crate::model::energy::dispatch::{Category, CATEGORIES};
use crate::model::energy::EnergyReport;

/// Palette slot of each supply category, in [`Category::ALL`] order, and of unserved load.
const COLORS: [usize; CATEGORIES] = [6, 5, 2, 3, 4, 0, 1];
const UNSERVED_COLOR: usize = 7;
/// Hours in a week.
pub const WEEK_HOURS: usize = 168;

/// Number of weeks (the last may be partial) in the report's hours.
pub fn weeks(r: &EnergyReport) -> usize {
    r.hours.len().div_ceil(WEEK_HOURS)
}

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

/// Hour-by-hour supply for week `week` of the term, stacked by source in merit order, with the
/// load on top. Solar and wind are shown net of curtailment, so the stack's top is the load plus
/// battery charging.
pub fn week_dispatch(r: &EnergyReport, start: YearMonth, week: usize) -> ChartSpec {
    let from = (week * WEEK_HOURS).min(r.hours.len());
    let to = (from + WEEK_HOURS).min(r.hours.len());
    let rows = &r.hours[from..to];
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
        title: format!("Hourly dispatch, week of {}", week_label(start, week)),
        x_title: "Hour".to_owned(),
        y_title: "Megawatts".to_owned(),
        x_labels: (from..to).map(|h| hour_label(start, h)).collect(),
        y_format: ValueFormat::Megawatts,
        series,
        markers: Vec::new(),
        note: Some(
            "Stacked in merit order: renewables, batteries, firm sources, grid, peakers; grey is load \
             left unserved. Where the stack rises above the load line, batteries are charging."
                .to_owned(),
        ),
        y2: None,
        stacked: true,
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
        note: Some(
            "Solar and wind net of curtailment; battery discharge is energy stored earlier.".to_owned(),
        ),
        y2: None,
        stacked: true,
    }
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

/// The energy presets (and the scenario's own supply) side by side: cost per MWh as bars,
/// carbon per kWh on the right axis.
pub fn cost_vs_carbon(points: &[OptionPoint]) -> ChartSpec {
    let current = points.iter().position(|p| p.current);
    ChartSpec {
        id: "energy-options",
        title: "Energy options: cost and carbon".to_owned(),
        x_title: "Supply at every site".to_owned(),
        y_title: "$ per MWh".to_owned(),
        x_labels: points.iter().map(|p| p.name.clone()).collect(),
        y_format: ValueFormat::UsdPerMwh,
        series: vec![
            Series { highlight: current, ..Series::new("Cost per MWh", SeriesKind::Bars, 0, points.iter().map(|p| p.usd_per_mwh).collect()) },
            Series {
                secondary: true,
                ..Series::new("Carbon (right axis)", SeriesKind::Line, 1, points.iter().map(|p| p.g_co2_per_kwh).collect())
            },
        ],
        markers: current
            .map(|i| vec![Marker { series: 0, index: i, label: "this scenario".to_owned() }])
            .unwrap_or_default(),
        note: Some(
            "Each preset is sized to the scenario's peak load per site and run through the same hourly dispatch. \
             Cost includes fuel, tariffs, PPAs, O&M and the capital charge of on-site plant."
                .to_owned(),
        ),
        y2: Some(SecondaryAxis { title: "g CO2 per kWh".to_owned(), format: ValueFormat::GramsPerKwh }),
        stacked: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{evaluate, Scenario};

    #[test]
    fn the_week_stack_reaches_the_load_plus_charging() {
        let s = Scenario::default();
        let r = evaluate(&s).unwrap();
        let spec = week_dispatch(&r.energy, s.contract.start, 3);
        assert_eq!(spec.x_labels.len(), WEEK_HOURS);
        assert_eq!(spec.x_labels[0], "22 Jun 00:00");
        let plotted = spec.plotted(&[]);
        let top = &plotted[spec.series.len() - 2];
        for (i, row) in r.energy.hours[3 * WEEK_HOURS..4 * WEEK_HOURS].iter().enumerate() {
            let want = row.load + row.charging;
            assert!((top[i] - want).abs() < 1e-6 * want.max(1.0), "hour {i}: {} vs {want}", top[i]);
        }
        assert_eq!(week_label(s.contract.start, 0), "1 Jun 2026");
        assert_eq!(weeks(&r.energy), r.energy.hours.len().div_ceil(168));
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
