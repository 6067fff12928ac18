//! Training throughput: what the fleet buys in frontier training runs.
//!
//! Sustained training FLOP/s in month m = Σ over mix rows of installed × dense peak × MFU × availability
//! × goodput × training share, where availability is the provider's expected availability
//! times the energy model's powered share. Everything else (time to train, runs a year, the
//! largest run in a window, cost, energy and CO2 per run) follows from that rate and the
//! other models' reports. Equations and sources: DESIGN.md, "Training throughput".

use super::alternatives::{Choice, Comparison};
use super::calendar::YearMonth;
use super::contract::ContractReport;
use super::datacenter::DatacenterReport;
use super::energy::EnergyReport;
use super::hardware::{Accelerator, Hardware};
use super::scenario::Contract;
use super::units::{Fraction, Usd};
use serde::{Deserialize, Serialize};

/// Seconds in a day.
pub const SECONDS_PER_DAY: f64 = 86_400.0;
/// Days in an average (Julian) year, for "runs per year".
pub const DAYS_PER_YEAR: f64 = 365.25;
/// Training FLOP per parameter per token for a dense transformer (C ≈ 6·N·D).
pub const FLOP_PER_PARAMETER_TOKEN: f64 = 6.0;
/// Compute-optimal tokens per parameter (Hoffmann et al. 2022).
pub const CHINCHILLA_TOKENS_PER_PARAMETER: f64 = 20.0;
/// The unit "cost per 1e24 FLOP" is quoted in.
pub const FLOP_UNIT: f64 = 1e24;
/// H100 dense peaks (BF16, FP8) in TFLOPS, for the yardstick when the catalog has no `h100`.
const H100_PEAKS: (f64, f64) = (crate::hardware::H100_BF16_TFLOPS, crate::hardware::H100_FP8_TFLOPS);

/// The number format the run's FLOP are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Bfloat16 dense peak.
    Bf16,
    /// FP8 dense peak.
    Fp8,
}

impl Precision {
    /// Both, in the order the UI lists them.
    pub const ALL: [Self; 2] = [Self::Bf16, Self::Fp8];

    /// A short label.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Bf16 => "BF16",
            Self::Fp8 => "FP8",
        }
    }

    /// The accelerator's dense peak at this precision, FLOP/s.
    pub fn peak_flops(self, a: &Accelerator) -> f64 {
        1e12 * match self {
            Self::Bf16 => a.bf16_tflops,
            Self::Fp8 => a.fp8_tflops,
        }
    }
}

/// How the target run's size is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunSize {
    /// A compute budget in FLOP ([`Training::target_flop`]).
    Compute,
    /// A dense model's parameters and training tokens, C = 6·N·D.
    ModelAndTokens,
}

impl RunSize {
    /// What users call it, in the training panel's select and the compare view.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Compute => "Compute budget (FLOP)",
            Self::ModelAndTokens => "Model size and tokens (6·N·D)",
        }
    }
}

/// How the fleet is used for training and what run it is measured against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Which dense peak the run's FLOP count against.
    pub precision: Precision,
    /// Model FLOP utilization: achieved model FLOP/s ÷ dense peak, in (0, 1].
    pub mfu: Fraction,
    /// Share of the fleet assigned to training (the rest serves inference).
    pub training_share: Fraction,
    /// How the target run is sized.
    pub run_size: RunSize,
    /// The target run's compute budget, FLOP (with [`RunSize::Compute`]).
    pub target_flop: f64,
    /// The target model's parameters (with [`RunSize::ModelAndTokens`]).
    pub parameters: f64,
    /// The target run's training tokens (with [`RunSize::ModelAndTokens`]).
    pub tokens: f64,
    /// The window for "the largest run trainable in N days".
    pub window_days: u32,
}

impl Default for Training {
    /// Llama 3.1's reported BF16 efficiency, OpenAI's reported 2024 split of training and inference,
    /// and the 1e26-FLOP frontier threshold as the target (sources in [`super::sources`]).
    fn default() -> Self {
        Self {
            precision: Precision::Bf16,
            mfu: Fraction(0.40),
            training_share: Fraction(0.43),
            run_size: RunSize::Compute,
            target_flop: 1e26,
            parameters: 405e9,
            tokens: 15.6e12,
            window_days: 90,
        }
    }
}

impl Training {
    /// The target run's compute, FLOP.
    pub fn run_flop(&self) -> f64 {
        match self.run_size {
            RunSize::Compute => self.target_flop,
            RunSize::ModelAndTokens => FLOP_PER_PARAMETER_TOKEN * self.parameters * self.tokens,
        }
    }
}

/// Compute-optimal training tokens for a model of `parameters` (Chinchilla: 20 per parameter).
pub fn chinchilla_tokens(parameters: f64) -> f64 {
    CHINCHILLA_TOKENS_PER_PARAMETER * parameters
}

/// Days to train `flop` on `n` accelerators of `peak_flops` each at `efficiency`
/// (MFU × availability × goodput); infinite when nothing runs.
pub fn days_to_train(flop: f64, n: f64, peak_flops: f64, efficiency: f64) -> f64 {
    let rate = n * peak_flops * efficiency;
    if rate > 0.0 {
        flop / rate / SECONDS_PER_DAY
    } else {
        f64::INFINITY
    }
}

/// One month of training capacity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingMonth {
    /// The calendar month.
    pub month: YearMonth,
    /// Sustained training FLOP/s over the month (after MFU, availability, goodput and share).
    pub flops: f64,
    /// Training FLOP done in the month.
    pub flop: f64,
    /// Training FLOP done from the start of the term to the end of this month.
    pub cumulative_flop: f64,
    /// Target runs finished by the end of this month, back to back from the start of the term.
    pub runs_completed: u32,
}

/// A target run's cost bought one way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunCost {
    /// The way the compute is bought.
    pub option: Choice,
    /// Cost of one target run (`None` when the fleet trains nothing).
    pub per_run: Option<Usd>,
    /// Cost per 1e24 training FLOP.
    pub per_1e24_flop: Option<Usd>,
}

/// The headline training figures for one fleet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FleetTraining {
    /// Sustained training FLOP/s at the fleet's largest month.
    pub peak_flops: f64,
    /// Days to train the target run at that rate (`None` when the fleet trains nothing).
    pub days_to_train: Option<f64>,
    /// Target runs a year at that rate.
    pub runs_per_year: f64,
    /// The largest run (FLOP) trainable within the window at that rate.
    pub largest_run_in_window: f64,
    /// Contract cost of one target run (`None` when the fleet trains nothing).
    pub cost_per_run: Option<Usd>,
}

/// A public training run, for orientation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReferenceRun {
    /// The model.
    pub name: &'static str,
    /// Training compute, FLOP.
    pub flop: f64,
    /// The accelerator it ran on.
    pub hardware: &'static str,
    /// How many.
    pub accelerators: f64,
    /// That accelerator's dense BF16 peak, TFLOPS.
    pub peak_tflops: f64,
    /// Reported or estimated model FLOP utilization.
    pub mfu: f64,
    /// Reported wall-clock days, where published.
    pub reported_days: Option<f64>,
    /// Where the figures come from.
    pub source: &'static str,
}

/// Public runs with their compute, hardware and MFU.
pub const REFERENCE_RUNS: [ReferenceRun; 3] = [
    ReferenceRun {
        name: "Llama 3.1 405B",
        flop: 3.8e25,
        hardware: "H100",
        accelerators: 16_384.0,
        peak_tflops: 989.0,
        mfu: 0.40,
        reported_days: None,
        source: "Meta, The Llama 3 Herd of Models (2024-07): 3.8e25 FLOP, 16,384 H100, BF16 MFU 38–43 %; \
                 Llama 3.1 model card: 30.84M H100-hours",
    },
    ReferenceRun {
        name: "GPT-4",
        flop: 2.1e25,
        hardware: "A100",
        accelerators: 25_000.0,
        peak_tflops: 312.0,
        mfu: 0.34,
        reported_days: Some(95.0),
        source: "Epoch AI notable models database (compute estimate); SemiAnalysis (2023-07): ~25k A100 \
                 for 90–100 days at 32–36 % MFU",
    },
    ReferenceRun {
        name: "PaLM 540B",
        flop: 2.56e24,
        hardware: "TPU v4",
        accelerators: 6_144.0,
        peak_tflops: 275.0,
        mfu: 0.462,
        reported_days: None,
        source: "Chowdhery et al., PaLM: Scaling Language Modeling with Pathways (2022-04): 2.56e24 FLOP, \
                 6,144 TPU v4, 46.2 % MFU",
    },
];

/// Everything the training panel shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingReport {
    /// The target run's compute, FLOP.
    pub run_flop: f64,
    /// MFU × availability × goodput × training share at the fleet's largest month: the share
    /// of the installed dense peak that becomes training FLOP.
    pub efficiency: f64,
    /// The mix's dense peak per accelerator (share-weighted), FLOP/s.
    pub mix_peak_flops: f64,
    /// Month by month over the term.
    pub months: Vec<TrainingMonth>,
    /// The fleet as planned.
    pub fleet: FleetTraining,
    /// The same accelerator count, all H100, as a yardstick.
    pub h100_only: FleetTraining,
    /// The first target run's finish, back to back from the start of the term.
    pub first_run_done: Option<YearMonth>,
    /// Target runs finished within the term.
    pub runs_in_term: u32,
    /// Training FLOP over the term.
    pub term_flop: f64,
    /// Cost of the target run under the contract and each alternative, in [`Choice::ALL`] order.
    pub costs: Vec<RunCost>,
    /// Facility energy attributed to one target run, MWh (`None` when the fleet trains nothing).
    pub mwh_per_run: Option<f64>,
    /// Emissions attributed to one target run, t CO2.
    pub co2_t_per_run: Option<f64>,
}

/// Evaluates training capacity from the other models' reports.
pub fn evaluate(
    t: &Training,
    contract: &Contract,
    hardware: &Hardware,
    report: &ContractReport,
    dc: &DatacenterReport,
    energy: &EnergyReport,
    comparison: &Comparison,
) -> TrainingReport {
    let run_flop = t.run_flop();
    let peaks: Vec<f64> = hardware
        .mix
        .iter()
        .map(|row| hardware.get(&row.accelerator).map_or(0.0, |a| t.precision.peak_flops(a)))
        .collect();
    let h100_peak = hardware.get("h100").map_or(
        1e12 * match t.precision {
            Precision::Bf16 => H100_PEAKS.0,
            Precision::Fp8 => H100_PEAKS.1,
        },
        |a| t.precision.peak_flops(a),
    );
    let per_accelerator = t.mfu.value() * t.training_share.value();

    let mut cumulative = 0.0;
    let mut fleet_flop = 0.0; // the whole fleet's useful FLOP, as if all of it trained
                              // (training FLOP/s, H100-only FLOP/s, efficiency) at the largest month
    let mut best = (0.0_f64, 0.0_f64, 0.0_f64);
    let months: Vec<TrainingMonth> = dc
        .months
        .iter()
        .enumerate()
        .map(|(m, d)| {
            let powered = energy.months.get(m).map_or(1.0, |e| e.power_availability.value());
            let availability = contract.sla.expected_availability.value() * powered;
            let efficiency = per_accelerator * availability * contract.utilization.value();
            let peak: f64 = d.installed_by_row.iter().zip(&peaks).map(|(n, p)| n * p).sum();
            let flops = peak * efficiency;
            if flops > best.0 {
                best = (flops, d.installed_gpus * h100_peak * efficiency, efficiency);
            }
            let seconds = d.month.hours().value() * 3600.0;
            cumulative += flops * seconds;
            if t.training_share.value() > 0.0 {
                fleet_flop += flops * seconds / t.training_share.value();
            }
            TrainingMonth {
                month: d.month,
                flops,
                flop: flops * seconds,
                cumulative_flop: cumulative,
                runs_completed: runs_done(cumulative, run_flop),
            }
        })
        .collect();

    // A GPU-hour of the mix buys this many training FLOP: the share-weighted peak at the MFU and
    // goodput (availability cancels: it removes hours and FLOP alike). Every option buys the
    // scheduled mix's compute, so this is the mix's, not that of what happens to be installed
    // (a generation that arrives late leaves the installed mix slower for a while; the
    // options rent its hours meanwhile).
    let delivered_hours: f64 = report.months.iter().map(|m| m.delivered_gpu_hours.value()).sum();
    let mix_peak = hardware.weighted(|a| t.precision.peak_flops(a));
    let flop_per_gpu_hour = if delivered_hours > 0.0 && t.training_share.value() > 0.0 {
        mix_peak * t.mfu.value() * contract.utilization.value() * 3600.0
    } else {
        0.0
    };
    let cost_of = |usd_per_gpu_hour: f64, flop: f64| {
        (flop_per_gpu_hour > 0.0).then(|| Usd(flop / flop_per_gpu_hour * usd_per_gpu_hour))
    };
    let costs: Vec<RunCost> = comparison
        .options
        .iter()
        .map(|o| RunCost {
            option: o.option,
            per_run: cost_of(o.usd_per_gpu_hour.value(), run_flop),
            per_1e24_flop: cost_of(o.usd_per_gpu_hour.value(), FLOP_UNIT),
        })
        .collect();
    let contract_rate = comparison.get(Choice::Contract).usd_per_gpu_hour.value();
    let per_fleet_flop = |x: f64| (fleet_flop > 0.0).then(|| x * run_flop / fleet_flop);
    // The H100-only fleet rents the same GPU-hours at the same price but does less with each.
    let h100_cost =
        cost_of(contract_rate, run_flop).filter(|_| best.1 > 0.0).map(|c| Usd(c.value() * best.0 / best.1));

    TrainingReport {
        run_flop,
        efficiency: best.2,
        mix_peak_flops: mix_peak,
        first_run_done: months.iter().find(|m| m.runs_completed >= 1).map(|m| m.month),
        runs_in_term: months.last().map_or(0, |m| m.runs_completed),
        term_flop: cumulative,
        months,
        fleet: fleet_figures(best.0, run_flop, t.window_days, cost_of(contract_rate, run_flop)),
        h100_only: fleet_figures(best.1, run_flop, t.window_days, h100_cost),
        costs,
        mwh_per_run: per_fleet_flop(energy.totals.served_mwh),
        co2_t_per_run: per_fleet_flop(energy.totals.co2_t),
    }
}

/// Whole runs of `run_flop` in `flop` (saturating; zero-size runs never complete).
fn runs_done(flop: f64, run_flop: f64) -> u32 {
    if run_flop > 0.0 {
        // A relative tolerance so k runs' worth of FLOP, summed month by month, counts as k.
        ((flop / run_flop) * (1.0 + 1e-12)).floor().min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

fn fleet_figures(flops: f64, run_flop: f64, window_days: u32, cost_per_run: Option<Usd>) -> FleetTraining {
    let days = Some(days_to_train(run_flop, 1.0, flops, 1.0)).filter(|d| d.is_finite());
    FleetTraining {
        peak_flops: flops,
        days_to_train: days,
        runs_per_year: days.map_or(0.0, |d| DAYS_PER_YEAR / d),
        largest_run_in_window: flops * f64::from(window_days) * SECONDS_PER_DAY,
        cost_per_run,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate as evaluate_all, Scenario};

    #[test]
    fn gpt4_duration_from_its_flop_gpus_peak_and_mfu() {
        // 2.1e25 / (25,000 × 312 TFLOPS × 0.34) = 7.92e6 s = 91.6 days; reported 90–100.
        let r = REFERENCE_RUNS[1];
        let days = days_to_train(r.flop, r.accelerators, r.peak_tflops * 1e12, r.mfu);
        assert!((days - 91.6).abs() < 0.1, "{days}");
        let reported = r.reported_days.unwrap();
        assert!((days - reported).abs() / reported < 0.05, "{days} vs {reported}");
    }

    #[test]
    fn llama_gpu_hours_from_its_flop_peak_mfu_and_goodput() {
        // Meta's model card reports 30.84M H100-hours for Llama 3.1 405B.
        let r = REFERENCE_RUNS[0];
        let days = days_to_train(r.flop, r.accelerators, r.peak_tflops * 1e12, r.mfu * 0.90);
        let gpu_hours = days * 24.0 * r.accelerators;
        assert!((gpu_hours - 30.84e6).abs() / 30.84e6 < 0.05, "{gpu_hours}");
    }

    #[test]
    fn six_n_d_and_chinchilla() {
        let t = Training {
            run_size: RunSize::ModelAndTokens,
            parameters: 70e9,
            tokens: chinchilla_tokens(70e9),
            ..Training::default()
        };
        // Chinchilla 70B on 1.4T tokens: 6 × 70e9 × 1.4e12 = 5.88e23 FLOP.
        assert_eq!(t.tokens, 1.4e12);
        assert!((t.run_flop() - 5.88e23).abs() < 1e9);
    }

    #[test]
    fn the_default_fleet_by_hand() {
        let scenario = Scenario::default();
        let r = evaluate_all(&scenario).unwrap();
        let t = &r.training;
        // A fully powered month: each row's count × its BF16 peak, × MFU × availability ×
        // goodput × share.
        let m = r.energy.months.iter().position(|e| e.power_availability.value() == 1.0).unwrap();
        let d = &r.datacenter.months[m];
        let peak: f64 = d
            .installed_by_row
            .iter()
            .zip(&scenario.hardware.mix)
            .map(|(n, row)| n * scenario.hardware.get(&row.accelerator).unwrap().bf16_tflops * 1e12)
            .sum();
        let want = peak * 0.40 * 0.995 * 0.90 * 0.43;
        assert!((t.months[m].flops - want).abs() <= 1e-9 * want, "{} vs {want}", t.months[m].flops);
        let days = t.run_flop / t.fleet.peak_flops / SECONDS_PER_DAY;
        let fleet_days = t.fleet.days_to_train.unwrap();
        assert!((fleet_days - days).abs() < 1e-12);
        assert!((t.fleet.runs_per_year * fleet_days - DAYS_PER_YEAR).abs() < 1e-9);
        // The H100-only yardstick is slower in proportion to its peak.
        let ratio = t.h100_only.days_to_train.unwrap() / fleet_days;
        let mix_peak = peak / d.installed_gpus;
        assert!((ratio - mix_peak / 989e12).abs() < 1e-9, "{ratio}");
        // Costs follow the rent per GPU-hour; the contract comes first.
        assert_eq!(t.costs[0].option, Choice::Contract);
        assert_eq!(t.costs[0].per_run, t.fleet.cost_per_run);
        assert!(t.runs_in_term >= 1 && t.first_run_done.is_some());
    }

    #[test]
    fn cost_per_run_by_hand_on_a_flat_fleet() {
        // One accelerator type, full delivery, fully powered grid: a delivered GPU-hour buys
        // peak × MFU × goodput × 3600 FLOP, so a run costs C ÷ that × $/GPU-hour.
        let mut s = Scenario::default();
        s.hardware.mix.truncate(1);
        s.hardware.mix[0].share = Fraction(1.0);
        for site in &mut s.energy.sites {
            site.sources = vec![crate::energy::Source::new(crate::energy::SourceKind::Grid, 1e4)];
            if let crate::energy::Source::Grid(g) = &mut site.sources[0] {
                g.outages_per_year = 0.0;
                g.outage_hours_per_year = 0.0;
            }
        }
        s.facility.site_power_cap_mw = 1e4;
        let r = evaluate_all(&s).unwrap();
        let per_hour = 989e12 * 0.40 * 0.90 * 3600.0;
        let rate = r.alternatives.get(Choice::Contract).usd_per_gpu_hour.value();
        let want = 1e26 / per_hour * rate;
        let got = r.training.costs[0].per_run.unwrap().value();
        assert!((got - want).abs() <= 1e-9 * want, "{got} vs {want}");
        let per_unit = r.training.costs[0].per_1e24_flop.unwrap().value();
        assert!((per_unit * 100.0 - want).abs() <= 1e-9 * want);
    }

    #[test]
    fn a_fleet_that_never_trains_has_no_time_or_cost() {
        let mut s = Scenario::default();
        s.training.training_share = Fraction(0.0);
        let t = evaluate_all(&s).unwrap().training;
        assert_eq!(t.fleet.days_to_train, None);
        assert_eq!(t.fleet.runs_per_year, 0.0);
        assert!(t.costs.iter().all(|c| c.per_run.is_none()));
        assert_eq!((t.runs_in_term, t.first_run_done, t.mwh_per_run), (0, None, None));
    }

    #[test]
    fn runs_complete_back_to_back() {
        let s = Scenario::default();
        let r = evaluate_all(&s).unwrap();
        for m in &r.training.months {
            assert_eq!(
                m.runs_completed,
                (m.cumulative_flop / r.training.run_flop * (1.0 + 1e-12)).floor() as u32
            );
        }
        assert!(r.training.months.windows(2).all(|w| w[1].cumulative_flop >= w[0].cumulative_flop));
    }
}
