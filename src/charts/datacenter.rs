//! Charts of the datacenter build-out.

use super::spec::{ChartSpec, SecondaryAxis, Series, SeriesKind, ValueFormat};
use crate::model::datacenter::{DatacenterMonth, DatacenterReport};

fn months(r: &DatacenterReport) -> Vec<String> {
    super::spec::month_labels(r.months.iter().map(|m| m.month))
}

fn series(
    r: &DatacenterReport,
    name: &str,
    kind: SeriesKind,
    color: usize,
    f: fn(&DatacenterMonth) -> f64,
) -> Series {
    Series::new(name, kind, color, r.months.iter().map(f).collect())
}

/// The power stack: IT load, cooling and other losses, stacked to the facility load.
pub fn power_stack(r: &DatacenterReport) -> ChartSpec {
    ChartSpec {
        id: "power-stack",
        title: "Power: IT, cooling and losses".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "Megawatts".to_owned(),
        x_labels: months(r),
        y_format: ValueFormat::Megawatts,
        series: vec![
            series(r, "IT load", SeriesKind::Area, 0, |m| m.it_mw),
            series(r, "Cooling", SeriesKind::Area, 5, |m| m.cooling_mw),
            series(r, "Electrical losses and other", SeriesKind::Area, 4, |m| m.other_mw),
            Series::new("Sites' power cap", SeriesKind::Line, 1, vec![r.totals.power_cap_mw; r.months.len()]),
        ],
        markers: Vec::new(),
        note: Some(
            "Stacked: the top of the coloured area is the facility load (IT × the month's PUE).".to_owned(),
        ),
        y2: None,
        stacked: true,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// Build-out: accelerators online against the contract's plan, with facility power on the right.
pub fn build_out(r: &DatacenterReport) -> ChartSpec {
    ChartSpec {
        id: "build-out",
        title: "Build-out: accelerators online vs plan".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "Accelerators".to_owned(),
        x_labels: months(r),
        y_format: ValueFormat::Count,
        series: vec![
            series(r, "Installed", SeriesKind::Area, 2, |m| m.installed_gpus),
            series(r, "Planned (contract deliveries)", SeriesKind::Line, 0, |m| m.planned_gpus),
            Series { secondary: true, ..series(r, "Facility power (right axis)", SeriesKind::Line, 1, |m| m.facility_mw) },
        ],
        markers: Vec::new(),
        note: Some(
            "Installed stays below plan while halls or power are not ready, a generation is not yet available, \
             or the sites' power caps bind."
                .to_owned(),
        ),
        y2: Some(SecondaryAxis { title: "Facility megawatts".to_owned(), format: ValueFormat::Megawatts }),
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// Capital by month (IT and facility), with the running total on the right.
pub fn capex(r: &DatacenterReport) -> ChartSpec {
    let mut total = 0.0;
    let cumulative: Vec<f64> = r
        .months
        .iter()
        .map(|m| {
            total += (m.it_capex + m.facility_capex).value();
            total
        })
        .collect();
    ChartSpec {
        id: "capex",
        title: "Capital spending".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "US dollars per month".to_owned(),
        x_labels: months(r),
        y_format: ValueFormat::Usd,
        series: vec![
            series(r, "IT (accelerators, hosts, network)", SeriesKind::Bars, 0, |m| m.it_capex.value()),
            series(r, "Facility (shell, electrical, cooling)", SeriesKind::Bars, 4, |m| {
                m.facility_capex.value()
            }),
            Series {
                secondary: true,
                ..Series::new("Cumulative (right axis)", SeriesKind::Line, 3, cumulative)
            },
        ],
        markers: Vec::new(),
        note: None,
        y2: Some(SecondaryAxis { title: "Cumulative US dollars".to_owned(), format: ValueFormat::Usd }),
        stacked: false,
        x_period: None,
        x_values: None,
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
    fn the_power_stack_tops_out_at_the_facility_load() {
        let r = evaluate(&Scenario::default()).unwrap().datacenter;
        let spec = power_stack(&r);
        let plotted = spec.plotted(&[]);
        for (i, m) in r.months.iter().enumerate() {
            assert!((plotted[2][i] - m.facility_mw).abs() < 1e-9, "stack top = facility MW in {}", m.month);
        }
        assert_eq!(spec.series[3].values[0], 600.0, "two 300 MW sites");
        // Hiding cooling drops it from the stack.
        let without = spec.plotted(&[true, false, true, true]);
        assert!((without[2][0] - (r.months[0].it_mw + r.months[0].other_mw)).abs() < 1e-9);
        let svg = to_svg(&spec, &LIGHT, 800, 300).unwrap();
        assert!(svg.contains("Megawatts") && svg.contains("MW"));
        // With the cap binding, the stack reaches the cap's line, which is drawn over it.
        let mut s = Scenario::default();
        s.facility.site_power_cap_mw = 100.0;
        let svg = to_svg(&power_stack(&evaluate(&s).unwrap().datacenter), &LIGHT, 800, 300).unwrap();
        let c = LIGHT.color(1);
        let cap = format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        let last_area = svg.rfind("<polygon").expect("the stack's areas");
        let cap_line = svg.rfind(&format!("stroke=\"{cap}\"")).expect("the cap's line");
        assert!(cap_line > last_area, "the cap is drawn under the stack");
    }

    #[test]
    fn build_out_and_capex_follow_the_report() {
        let r = evaluate(&Scenario::default()).unwrap().datacenter;
        let b = build_out(&r);
        assert_eq!(b.series[0].values[0], r.months[0].installed_gpus);
        let c = capex(&r);
        let total = r.totals.capex.value();
        assert!((c.series[2].values.last().unwrap() - total).abs() < 1.0);
    }
}
