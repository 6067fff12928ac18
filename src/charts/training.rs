//! Charts of training capacity: cumulative training compute over the term with the target
//! run's completions marked, and time to train against fleet size per accelerator.

use super::spec::{ChartSpec, Marker, Series, SeriesKind, ValueFormat, XColumn};
use crate::format;
use crate::model::hardware::Hardware;
use crate::model::training::{days_to_train, Precision, TrainingReport};

/// At most this many completions are marked; beyond it every k-th run is (k from 1, 2, 5, 10 …).
const MAX_MARKERS: u32 = 12;
/// Fleet sizes on the time-to-train chart, as multiples of the contracted accelerators: evenly
/// spaced, as the chart's axis places them in equal steps (until 2026-12-01 a missing 1.75 made
/// the last step twice as wide as the others, and the 1/N curve looked flatter than it is).
pub const FLEET_MULTIPLES: [f64; 8] = [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0];

/// The smallest step from 1, 2, 5, 10, 20, 50 … that marks at most [`MAX_MARKERS`] of `runs`.
fn marker_step(runs: u32) -> u32 {
    let mut decade = 1_u32;
    loop {
        for step in [decade, 2 * decade, 5 * decade] {
            if runs.div_ceil(step) <= MAX_MARKERS {
                return step;
            }
        }
        decade *= 10;
    }
}

/// `n` as an English ordinal: 2nd, 5th, 20th, 21st, 112th.
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Training FLOP done from the start of the term, with a marker at the month each target run
/// (back to back) completes.
pub fn cumulative_flop(r: &TrainingReport) -> ChartSpec {
    let values: Vec<f64> = r.months.iter().map(|m| m.cumulative_flop).collect();
    let step = marker_step(r.runs_in_term);
    let mut markers = Vec::new();
    let mut done = 0;
    for (i, m) in r.months.iter().enumerate() {
        // Mark the month in which the next marked run number is reached.
        let first = (done / step + 1) * step;
        if m.runs_completed >= first {
            let last = m.runs_completed / step * step;
            let label = if last > first && step == 1 {
                format!("Runs {first}–{last} done")
            } else if last > first {
                format!("Runs {first}–{last} done (every {} marked)", ordinal(step))
            } else if step > 1 {
                format!("Run {first} done (every {} marked)", ordinal(step))
            } else {
                format!("Run {first} done")
            };
            markers.push(Marker { series: 0, index: i, label });
        }
        done = m.runs_completed;
    }
    let note = if r.runs_in_term == 0 {
        format!(
            "The target run ({}) does not finish within the term; {} of training compute is done by its end.",
            format::flop(r.run_flop),
            format::flop(r.term_flop)
        )
    } else {
        let marked = if step > 1 { format!("every {} run", ordinal(step)) } else { "each run".to_owned() };
        format!(
            "{} target run{} of {} back to back from the start of the term, the first done {}. A dot marks the month {marked} finishes.",
            r.runs_in_term,
            if r.runs_in_term == 1 { "" } else { "s" },
            format::flop(r.run_flop),
            r.first_run_done.map_or_else(String::new, crate::model::calendar::YearMonth::label)
        )
    };
    ChartSpec {
        id: "training-flop",
        title: "Cumulative training compute".to_owned(),
        x_title: "Month".to_owned(),
        y_title: "Training FLOP".to_owned(),
        x_labels: super::spec::month_labels(r.months.iter().map(|m| m.month)),
        y_format: ValueFormat::Flop,
        series: vec![Series::new("Training FLOP, this fleet", SeriesKind::Area, 0, values)],
        markers,
        note: Some(note),
        y2: None,
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: Vec::new(),
    }
}

/// Days to train the target run on fleets of 25 %–200 % of the contracted accelerators, one
/// line per accelerator in the mix (as if the whole fleet were that type), the mix itself, and
/// H100 as a yardstick, all at the scenario's efficiency (MFU × availability × goodput × share).
pub fn time_vs_fleet(
    r: &TrainingReport,
    hardware: &Hardware,
    precision: Precision,
    contracted: f64,
) -> ChartSpec {
    let sizes: Vec<f64> = FLEET_MULTIPLES.iter().map(|k| k * contracted).collect();
    let line = |name: String, color: usize, peak: f64| {
        let values = sizes.iter().map(|n| days_to_train(r.run_flop, *n, peak, r.efficiency)).collect();
        Series::new(name, SeriesKind::Line, color, values)
    };
    let mut ids: Vec<&str> = Vec::new();
    for row in &hardware.mix {
        if !ids.contains(&row.accelerator.as_str()) {
            ids.push(&row.accelerator);
        }
    }
    if !ids.contains(&"h100") && hardware.get("h100").is_some() {
        ids.push("h100");
    }
    // Accelerators with the same dense peak draw the same line: one series names them all.
    let mut lines: Vec<(String, f64)> = Vec::new();
    for a in ids.iter().filter_map(|id| hardware.get(id)) {
        let peak = precision.peak_flops(a);
        match lines.iter_mut().find(|(_, p)| *p == peak) {
            Some((name, _)) => {
                name.push_str(" / ");
                name.push_str(&a.name);
            }
            None => lines.push((format!("All {}", a.name), peak)),
        }
    }
    let mut series: Vec<Series> =
        lines.into_iter().enumerate().map(|(i, (name, peak))| line(name, i + 1, peak)).collect();
    if hardware.mix.len() > 1 {
        series.insert(0, line("This mix".to_owned(), 0, r.mix_peak_flops));
    }
    ChartSpec {
        id: "training-time",
        title: "Time to train the target run by fleet size".to_owned(),
        x_title: "Accelerators".to_owned(),
        y_title: "Days".to_owned(),
        x_labels: sizes.iter().map(|n| format::compact(*n)).collect(),
        y_format: ValueFormat::Days,
        series,
        markers: Vec::new(),
        note: Some(format!(
            "{} at {} of peak ({} precision: MFU × availability × goodput × training share); the contract's fleet is {}.",
            format::flop(r.run_flop),
            format::percent(r.efficiency),
            precision.label(),
            format::compact(contracted)
        )),
        y2: None,
        stacked: false,
        x_period: None,
        x_values: None,
        x_bins: None,
        x_numbers: vec![XColumn::exact("Accelerators", sizes.clone())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{evaluate, Scenario};

    #[test]
    fn ordinals_read_as_english() {
        let o: Vec<String> = [1, 2, 3, 4, 5, 11, 12, 13, 20, 21, 22, 50, 112, 200].map(ordinal).into();
        assert_eq!(o.join(" "), "1st 2nd 3rd 4th 5th 11th 12th 13th 20th 21st 22nd 50th 112th 200th");
    }

    #[test]
    fn marker_steps_keep_at_most_twelve() {
        assert_eq!(marker_step(0), 1);
        assert_eq!(marker_step(12), 1);
        assert_eq!(marker_step(13), 2);
        assert_eq!(marker_step(60), 5);
        assert_eq!(marker_step(61), 10);
        assert_eq!(marker_step(1000), 100);
        for runs in 0_u32..3000 {
            assert!(runs.div_ceil(marker_step(runs)) <= MAX_MARKERS);
        }
    }

    #[test]
    fn markers_sit_where_runs_complete() {
        let s = Scenario::default();
        let r = evaluate(&s).unwrap().training;
        let spec = cumulative_flop(&r);
        assert!(!spec.markers.is_empty() && spec.markers.len() <= MAX_MARKERS as usize);
        for m in &spec.markers {
            let month = &r.months[m.index];
            let before = m.index.checked_sub(1).map_or(0, |i| r.months[i].runs_completed);
            assert!(month.runs_completed > before, "{m:?}");
        }
    }

    #[test]
    fn more_accelerators_train_faster_and_the_yardstick_is_listed() {
        let s = Scenario::default();
        let r = evaluate(&s).unwrap().training;
        let spec = time_vs_fleet(&r, &s.hardware, Precision::Bf16, f64::from(s.contract.gpus));
        // H100 and H200 share a dense peak, so they share a line.
        let names: Vec<&str> = spec.series.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["This mix", "All NVIDIA H100 / NVIDIA H200", "All NVIDIA GB200 NVL72"]);
        for series in &spec.series {
            assert!(series.values.windows(2).all(|w| w[1] < w[0]), "{}", series.name);
        }
        // At 100 % of the contract, the mix's line is the fleet's own time to train at its
        // largest month when every accelerator is installed.
        let at_contract = spec.series[0].values[3];
        let fleet = r.fleet.days_to_train.unwrap();
        assert!((at_contract - fleet).abs() / fleet < 0.01, "{at_contract} vs {fleet}");
        // The axis places the sizes in equal steps, so the sizes must be evenly spaced.
        let sizes = &spec.x_numbers[0].values;
        let step = sizes[1] - sizes[0];
        assert!(sizes.windows(2).all(|w| ((w[1] - w[0]) / step - 1.0).abs() < 1e-9), "{sizes:?}");
    }
}
