//! Charts comparing the contract with its alternatives.

use super::spec::{ChartSpec, Marker, Series, SeriesKind, ValueFormat};
use crate::model::alternatives::{Choice, Comparison};
use crate::model::contract::ContractReport;

const NOTE: &str =
    "The same compute for every option: rentals buy the H100-class hours that match the mix's; \
                    build-your-own buys the mix on the contract's schedule and counts capital, \
                    electricity and resale at book value, but no staff or maintenance.";

/// Levelized cost per delivered GPU-hour of each option, the cheapest by present value emphasised.
pub fn unit_cost(cmp: &Comparison) -> ChartSpec {
    let cheapest = cmp.options.iter().position(|o| o.option == cmp.cheapest);
    ChartSpec {
        id: "alternatives-unit-cost",
        title: "Levelized cost per GPU-hour by option".to_owned(),
        x_title: "Option".to_owned(),
        y_title: "US dollars per GPU-hour".to_owned(),
        x_labels: cmp.options.iter().map(|o| short(o.option).to_owned()).collect(),
        y_format: ValueFormat::UsdPerGpuHour,
        series: vec![Series {
            highlight: cheapest,
            ..Series::new(
                "$ per scheduled GPU-hour (cheapest by present value emphasised)",
                SeriesKind::Bars,
                0,
                cmp.options.iter().map(|o| o.usd_per_gpu_hour.value()).collect(),
            )
        }],
        markers: Vec::new(),
        note: Some(note(cmp)),
        y2: None,
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// Cumulative cost of each option over the term, with each alternative's break-even month marked.
pub fn cumulative_cost(cmp: &Comparison, contract: &ContractReport) -> ChartSpec {
    let series: Vec<Series> = cmp
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            Series::new(
                o.option.label(),
                SeriesKind::Line,
                i,
                o.cumulative.iter().map(|v| v.value()).collect(),
            )
        })
        .collect();
    let markers = cmp
        .options
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            o.breakeven_month.filter(|m| *m > 0).map(|m| Marker {
                series: i,
                index: m as usize,
                label: format!("{} cheaper than the contract from here", o.option.label()),
            })
        })
        .collect();
    ChartSpec {
        id: "alternatives-cumulative",
        title: "Cumulative cost by option".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "US dollars (nominal)".to_owned(),
        x_labels: super::spec::month_labels(contract.months.iter().map(|m| m.month)),
        y_format: ValueFormat::Usd,
        series,
        markers,
        note: Some(format!(
            "{} Dots mark where an option's cumulative cash falls below the contract's for good (nominal: the cheapest is by present value).",
            note(cmp)
        )),
        y2: None,
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// The charts' note, saying how much of the GPU-hours building your own rents when its design
/// cannot install them all.
fn note(cmp: &Comparison) -> String {
    match build_shortfall(cmp) {
        None => NOTE.to_owned(),
        Some(said) => format!("{NOTE} {said}"),
    }
}

/// "The datacenter installs 41 % of …", when building your own and the contract rent part of
/// the hours.
pub fn build_shortfall(cmp: &Comparison) -> Option<String> {
    let own = cmp.get(Choice::BuildOwn);
    own.rents_part().then(|| {
        format!(
            "The datacenter installs {} of the scheduled GPU-hours (power caps, construction, a late generation); \
             the contract and building your own rent the rest at the {} price.",
            crate::format::percent(own.own_share),
            crate::format::in_sentence(cmp.top_up.label())
        )
    })
}

/// Short category names for the bar chart's axis.
const fn short(c: Choice) -> &'static str {
    match c {
        Choice::Contract => "Contract",
        Choice::OnDemand => "On-demand",
        Choice::Reserved1Yr => "1-yr reserved",
        Choice::Reserved3Yr => "3-yr reserved",
        Choice::Neocloud => "GPU cloud",
        Choice::BuildOwn => "Build own",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{evaluate, Scenario};

    #[test]
    fn bars_and_lines_follow_the_comparison() {
        let r = evaluate(&Scenario::default()).unwrap();
        let bars = unit_cost(&r.alternatives);
        assert_eq!(bars.x_labels.len(), 6);
        assert_eq!(bars.series[0].values[0], r.alternatives.get(Choice::Contract).usd_per_gpu_hour.value());
        let cheapest = bars.series[0].highlight.unwrap();
        assert_eq!(r.alternatives.options[cheapest].option, r.alternatives.cheapest);
        let lines = cumulative_cost(&r.alternatives, &r.contract);
        assert_eq!(lines.series.len(), 6);
        for m in &lines.markers {
            let o = &r.alternatives.options[m.series];
            assert_eq!(Some(m.index as u32), o.breakeven_month);
        }
    }

    #[test]
    fn every_option_is_named_on_a_narrow_chart() {
        // At print width the six options do not fit in one row: all are still named, every
        // second a line lower; far too narrow for that, only spaced ones are.
        let bars = unit_cost(&evaluate(&Scenario::default()).unwrap().alternatives);
        let named = |width| {
            let svg = crate::charts::draw::to_svg(&bars, &crate::charts::theme::LIGHT, width, 300).unwrap();
            bars.x_labels.iter().filter(|l| svg.lines().any(|x| x.trim() == l.as_str())).count()
        };
        assert_eq!(named(900), 6);
        assert_eq!(named(420), 6);
        assert!(named(180) < 6);
    }

    #[test]
    fn the_notes_say_what_building_your_own_rents() {
        let r = evaluate(&Scenario::default()).unwrap();
        assert!(!unit_cost(&r.alternatives).note.unwrap().contains("installs"));
        let mut s = Scenario::default();
        s.facility.site_power_cap_mw = 200.0;
        let r = evaluate(&s).unwrap();
        let share = r.alternatives.get(Choice::BuildOwn).own_share;
        let said = format!(
            "installs {} of the scheduled GPU-hours (power caps, construction, a late generation); the contract and building your own rent the rest at the GPU cloud 1-yr contract price.",
            crate::format::percent(share)
        );
        assert!(unit_cost(&r.alternatives).note.unwrap().contains(&said));
        assert!(cumulative_cost(&r.alternatives, &r.contract).note.unwrap().contains(&said));
    }

    #[test]
    fn every_break_even_after_the_start_is_marked() {
        // An all-GB200 build costs more up front than the contract's first months, so it only
        // overtakes the contract later in the term.
        let mut s = Scenario::default();
        s.hardware.mix = vec![crate::model::hardware::MixRow {
            accelerator: "gb200".to_owned(),
            share: crate::model::units::Fraction(1.0),
            available_from_month: 0,
        }];
        // Power enough for all of them (two 300 MW sites hold only ~90 %).
        s.facility.site_power_cap_mw = 500.0;
        let r = evaluate(&s).unwrap();
        assert_eq!(r.alternatives.get(Choice::BuildOwn).own_share, 1.0);
        let lines = cumulative_cost(&r.alternatives, &r.contract);
        let later =
            r.alternatives.options.iter().filter(|o| o.breakeven_month.is_some_and(|m| m > 0)).count();
        assert!(later >= 1, "the build-your-own option breaks even after the start");
        assert_eq!(lines.markers.len(), later);
    }
}
