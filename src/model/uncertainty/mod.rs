//! Uncertainty: any numeric input can carry a distribution instead of a point; a seeded Monte
//! Carlo run draws whole scenarios, evaluates each with the same [`crate::evaluate`] and
//! reports the spread of every headline result and of the training compute done month by month.
//!
//! Determinism: sample `i` of seed `s` draws from its own generator stream `Rng::new(s, i)`, so a
//! run split across any number of workers in any order gives bit-identical samples, natively
//! and in the browser.
//!
//! Correlation: a Gaussian copula. Each input's uniform draw becomes a standard normal
//! (Φ⁻¹), the normals are mixed by the Cholesky factor of the correlation matrix, and turned
//! back into uniforms (Φ) before each input's own quantile function. A Spearman rank
//! correlation ρₛ is achieved with the normal correlation r = 2 sin(π ρₛ / 6) (Pearson 1907;
//! Kruskal 1958), so what users enter is the rank correlation they get.

pub mod dist;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod lanes;
pub mod stats;
pub mod ziggurat;

use super::error::FieldError;
use super::fields::{self, Field};
use super::inputs;
#[cfg(test)]
use super::inputs::INPUTS;
pub use super::kpis::{kpi, Kpi, KpiUnit, KPIS};
use super::rng::Rng;
use super::sources::{self, Citation};
use super::Scenario;
use dist::{normal_cdf, normal_quantile, Dist};
use serde::{Deserialize, Serialize};
use stats::{Bin, Summary};

/// Fewest samples a run may ask for.
pub const MIN_SAMPLES: u32 = 100;
/// Most samples a run may ask for (each is a whole 3-year hourly evaluation).
pub const MAX_SAMPLES: u32 = 20_000;
/// Histogram bins for a KPI.
pub const BINS: usize = 24;
/// Points on the one-way sensitivity line of the widest tornado bar ([`Simulation::one_way`]).
pub const ONE_WAY_STEPS: usize = 11;

/// The uncertainty settings of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncertainty {
    /// Whether the explorer runs the simulation.
    pub enabled: bool,
    /// Scenarios drawn.
    pub samples: u32,
    /// The seed: the same seed and sample count give the same results everywhere.
    pub seed: u32,
    /// The inputs that carry a distribution.
    pub inputs: Vec<UncertainInput>,
    /// Rank correlations between pairs of uncertain inputs (others are independent).
    pub correlations: Vec<Correlation>,
    /// The result the histogram, threshold and tornado are about (an id from [`KPIS`]).
    pub kpi: String,
    /// The threshold for "probability of exceeding"; `None` = the point estimate.
    pub threshold: Option<f64>,
}

/// One uncertain input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UncertainInput {
    /// The input's field id ([`fields`]): a registry id (e.g. `energy.gas_price`) or a
    /// per-scenario path (`energy.sites.0.sources.1.capacity_mw`, `hardware.catalog.2.unit_price`).
    pub id: String,
    /// Its distribution, in model units.
    pub dist: Dist,
}

/// The message for an uncertain input whose id names no field of the scenario.
fn missing(id: &str) -> String {
    if fields::is_row_path(id) {
        format!("`{id}` is not in this scenario any more (its site, source or catalog entry was removed); remove it here")
    } else {
        format!("unknown input `{id}`")
    }
}

/// The row of the list at path `list` that `id` is on (`energy.sites.0.sources.3.capacity_mw` is
/// on row 3 of `energy.sites.0.sources`).
fn row_of(id: &str, list: &str) -> Option<usize> {
    let rest = id.strip_prefix(list)?.strip_prefix('.')?;
    rest.split('.').next()?.parse().ok()
}

impl Uncertainty {
    /// Follows the removal of row `index` of the list at path `list` (`energy.sites.0.sources`,
    /// `hardware.catalog`, `hardware.mix`): an uncertain input on that row goes, with its
    /// correlations, and inputs on later rows keep their fields (their ids move up one row).
    /// Returns how many inputs went.
    pub fn row_removed(&mut self, list: &str, index: usize) -> usize {
        let renumber = |id: &mut String| {
            if let Some(r) = row_of(id, list).filter(|&r| r > index) {
                let tail = &id[list.len() + 1 + r.to_string().len()..];
                *id = format!("{list}.{}{tail}", r - 1);
            }
        };
        let dropped = self.drop_inputs(|id| row_of(id, list) == Some(index));
        for x in &mut self.inputs {
            renumber(&mut x.id);
        }
        for c in &mut self.correlations {
            renumber(&mut c.a);
            renumber(&mut c.b);
        }
        dropped
    }

    /// Follows the replacement of every row of the list at path `list` (a site's sources by an
    /// energy preset): the inputs on its rows go, with their correlations, since the new rows are
    /// other sources. Returns how many inputs went.
    pub fn rows_replaced(&mut self, list: &str) -> usize {
        self.drop_inputs(|id| row_of(id, list).is_some())
    }

    /// Follows the energy supply's split from `before` to `after` ([`Energy::split_sites`]): the
    /// range simulated for a source's capacity scales as that capacity did, kept to nine
    /// significant digits as the split keeps it ([`energy::nine_digits`]), so the simulation
    /// draws around the split value and a split joined again gives back the range typed. A
    /// capacity on a site the split dropped scales by the site counts' ratio, so regrowing the
    /// count restores it. A gas plant's units are left: the split re-derives the count from the
    /// capacity in the technology's typical units, which no factor of the old range follows.
    ///
    /// [`Energy::split_sites`]: crate::energy::Energy::split_sites
    /// [`energy::nine_digits`]: crate::energy::nine_digits
    pub fn follow_split(&mut self, before: &crate::energy::Energy, after: &crate::energy::Energy) {
        let capacity = |e: &crate::energy::Energy, site: usize, source: usize| {
            e.sites.get(site).and_then(|x| x.sources.get(source)).map(crate::energy::Source::capacity_mw)
        };
        let sites = before.sites.len() as f64 / after.sites.len().max(1) as f64;
        for x in &mut self.inputs {
            let Some(rest) = x.id.strip_prefix("energy.sites.") else { continue };
            let [site, "sources", source, "capacity_mw"] = rest.split('.').collect::<Vec<_>>()[..] else {
                continue;
            };
            let (Ok(site), Ok(source)) = (site.parse::<usize>(), source.parse::<usize>()) else { continue };
            let factor = match (capacity(before, site, source), capacity(after, site, source)) {
                (Some(b), Some(a)) if b > 0.0 => a / b,
                (Some(_), None) => sites,
                _ => continue,
            };
            if factor != 1.0 {
                x.dist = x.dist.map(&|v| crate::energy::nine_digits(v * factor));
            }
        }
    }

    fn drop_inputs(&mut self, gone: impl Fn(&str) -> bool) -> usize {
        let before = self.inputs.len();
        self.inputs.retain(|x| !gone(&x.id));
        self.correlations.retain(|c| !gone(&c.a) && !gone(&c.b));
        before - self.inputs.len()
    }
}

/// A rank correlation between two uncertain inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// One input's id.
    pub a: String,
    /// The other input's id.
    pub b: String,
    /// Spearman rank correlation, −1 to 1.
    pub rank: f64,
}

/// A sourced range for an input: what it carries when users switch uncertainty on.
pub struct DefaultRange {
    /// The input's registry id.
    pub id: &'static str,
    /// Low, most likely, high (model units): a triangular distribution over the published range.
    pub triangle: (f64, f64, f64),
    /// Where the range comes from.
    pub citation: &'static Citation,
}

/// Published ranges around the defaults (the reference set's low..high records).
pub static DEFAULT_RANGES: &[DefaultRange] = &[
    DefaultRange {
        id: "energy.gas_price",
        triangle: (2.5, 3.5, 4.5),
        citation: &super::energy::sources::GAS_PRICE,
    },
    DefaultRange { id: "training.mfu", triangle: (0.38, 0.40, 0.43), citation: &sources::TRAINING_MFU },
    DefaultRange {
        id: "contract.utilization",
        triangle: (0.90, 0.90, 0.95),
        citation: &sources::UTILIZATION,
    },
    DefaultRange { id: "facility.pue", triangle: (1.05, 1.10, 1.15), citation: &sources::PUE_LIQUID },
    DefaultRange {
        id: "alternatives.hyperscaler_on_demand",
        triangle: (4.0, 6.9, 12.3),
        citation: &sources::ON_DEMAND_H100,
    },
];

impl Default for Uncertainty {
    fn default() -> Self {
        Self {
            enabled: false,
            samples: 1000,
            seed: 42,
            inputs: DEFAULT_RANGES
                .iter()
                .map(|r| UncertainInput {
                    id: r.id.to_owned(),
                    dist: Dist::Triangular { low: r.triangle.0, mode: r.triangle.1, high: r.triangle.2 },
                })
                .collect(),
            correlations: Vec::new(),
            kpi: "usd-per-useful-gpu-hour".to_owned(),
            threshold: None,
        }
    }
}

/// The path of uncertain input `i`'s field in the scenario JSON (for field messages).
pub fn field_of(i: usize) -> String {
    format!("uncertainty.inputs.{i}")
}

/// A uniform number strictly inside (0, 1), so every quantile is finite.
fn open_open(rng: &mut Rng) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
}

/// The lower-triangular Cholesky factor of `m` (row-major, n × n), or `None` if `m` is not
/// positive semidefinite. A zero pivot (an input perfectly correlated, ±1, with those before
/// it) gets a zero column, as the factor of a semidefinite matrix has; the entries below it
/// must then vanish too, or the matrix is indefinite (Higham, "Analysis of the Cholesky
/// decomposition of a semi-definite matrix", 1990).
fn cholesky(m: &[f64], n: usize) -> Option<Vec<f64>> {
    /// Pivots within this of zero count as zero (rounding in `2 sin(π ρ / 6)` and the sums).
    const TOL: f64 = 1e-9;
    let mut l = vec![0.0; n * n];
    for j in 0..n {
        let dot = |l: &[f64], i: usize| (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum::<f64>();
        let d = m[j * n + j] - dot(&l, j);
        if d < -TOL {
            return None;
        }
        let pivot = if d > TOL { d.sqrt() } else { 0.0 };
        l[j * n + j] = pivot;
        for i in j + 1..n {
            let rest = m[i * n + j] - dot(&l, i);
            if pivot > 0.0 {
                l[i * n + j] = rest / pivot;
            } else if rest.abs() > TOL.sqrt() {
                return None;
            }
        }
    }
    Some(l)
}

/// An uncertain input resolved against the scenario's fields.
#[derive(Debug, Clone)]
struct Resolved {
    field: Field,
    sampler: dist::Sampler,
}

/// Resolved settings: the uncertain inputs and the Cholesky factor of their correlations.
type Resolution = (Vec<Resolved>, Option<Vec<f64>>);

/// A validated simulation: the base scenario, its uncertain inputs and the correlation factor.
#[derive(Debug, Clone)]
pub struct Simulation {
    base: Scenario,
    inputs: Vec<Resolved>,
    /// Cholesky factor of the normal correlation matrix; `None` when all are independent.
    mix: Option<Vec<f64>>,
    /// Months in the term (the width of the monthly series).
    pub months: usize,
}

/// What is wrong with the uncertainty settings of `s`, field by field (empty when it can run).
pub fn problems(s: &Scenario) -> Vec<FieldError> {
    Simulation::resolve(s).err().unwrap_or_default()
}

/// Where a simulated input's draws go: the 5th and 95th percentiles and the least and greatest
/// values any draw can take (model units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// 5th percentile.
    pub p5: f64,
    /// 95th percentile.
    pub p95: f64,
    /// The least value a draw can take (the input's own minimum for an unbounded kind).
    pub low: f64,
    /// The greatest value a draw can take.
    pub high: f64,
}

/// The [`Band`] of uncertain input `x` of a field with valid values `range` (model units);
/// `None` when its distribution is invalid (its row says why; the simulation runs the last valid
/// settings meanwhile).
pub fn band(x: &UncertainInput, range: (f64, f64)) -> Option<Band> {
    if x.dist.problem(range, &|v| v.to_string()).is_some() {
        return None;
    }
    let sampler = x.dist.sampler(range);
    Some(Band {
        p5: sampler.quantile(0.05),
        p95: sampler.quantile(0.95),
        low: sampler.quantile(0.0),
        high: sampler.quantile(1.0),
    })
}

/// The [`Band`] the simulation draws field `id` (valid values `range`) from, while it is on and
/// draws that field from a valid distribution (model units): what a field says of itself.
pub fn simulated(s: &Scenario, id: &str, range: (f64, f64)) -> Option<Band> {
    let u = &s.uncertainty;
    u.enabled.then(|| u.inputs.iter().find(|x| x.id == id)).flatten().and_then(|x| band(x, range))
}

/// Where a value lies against a [`Band`], when not inside its middle 90 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Below the 5th or above the 95th percentile, but draws reach it (goodput's 90 % default is
    /// the low corner of its 90/90/95 triangle): the spread lies mostly to one side of the point.
    Edge,
    /// Beyond every draw (a value edited after its range was set): the spread ignores it.
    Outside,
}

impl Band {
    /// Where `value` lies; `None` inside the 5th–95th percentiles. A hair of slack lets a value
    /// typed as a percentile or bound a field shows count as on it.
    pub fn place(&self, value: f64) -> Option<Placement> {
        let slack = 1e-9 * (self.p95 - self.p5).abs().max(value.abs()).max(1e-12);
        if value >= self.p5 - slack && value <= self.p95 + slack {
            None
        } else if value < self.low - slack || value > self.high + slack {
            Some(Placement::Outside)
        } else {
            Some(Placement::Edge)
        }
    }
}

/// A simulated input whose value in the scenario lies outside the middle 90 % of its range: the
/// point estimates use the value and the spread is drawn from the range, so a point estimate
/// can fall outside its own 5–95 % band.
#[derive(Debug, Clone)]
pub struct OffRange {
    /// The input's field.
    pub field: Field,
    /// The value the point estimates use, model units.
    pub value: f64,
    /// Where its draws go.
    pub band: Band,
    /// Where the value lies against them.
    pub placement: Placement,
}

/// The inputs simulated by settings `u` whose value in `s` lies outside the 5th–95th
/// percentiles of their range, in the order of the settings; none while the simulation is off.
/// Inputs the scenario does not know, and invalid distributions, are left to [`problems`].
pub fn off_range(s: &Scenario, u: &Uncertainty) -> Vec<OffRange> {
    if !u.enabled {
        return Vec::new();
    }
    u.inputs
        .iter()
        .filter_map(|x| {
            let field = fields::field(s, &x.id)?;
            let band = band(x, (field.min, field.max))?;
            let value = field.get(s);
            band.place(value).map(|placement| OffRange { field, value, band, placement })
        })
        .collect()
}

impl Simulation {
    /// Checks the settings against `s` and prepares the draws.
    ///
    /// # Errors
    /// Every problem, at its field: sample count, unknown or repeated inputs, invalid
    /// distributions, correlations of unknown inputs, out of −1..1, or inconsistent together.
    pub fn new(scenario: &Scenario) -> Result<Self, Vec<FieldError>> {
        let (inputs, mix) = Self::resolve(scenario)?;
        let months = scenario.contract.term_months as usize;
        Ok(Self { base: scenario.clone(), inputs, mix, months })
    }

    /// The settings of `s` checked and resolved against its fields: the uncertain inputs and the
    /// correlation factor.
    fn resolve(s: &Scenario) -> Result<Resolution, Vec<FieldError>> {
        let settings = &s.uncertainty;
        let mut out = Vec::new();
        if !(MIN_SAMPLES..=MAX_SAMPLES).contains(&settings.samples) {
            out.push(FieldError::new(
                "uncertainty.samples",
                crate::inputs::whole_range(
                    "Samples",
                    (MIN_SAMPLES, MAX_SAMPLES),
                    &settings.samples.to_string(),
                ),
            ));
        }
        if kpi(&settings.kpi).is_none() {
            out.push(FieldError::new("uncertainty.kpi", format!("unknown result `{}`", settings.kpi)));
        }
        if settings.threshold.is_some_and(|t| !t.is_finite()) {
            out.push(FieldError::new("uncertainty.threshold", "The threshold must be a finite number"));
        }
        let site_count_drawn =
            settings.inputs.iter().any(|x| fields::field(s, &x.id).is_some_and(|f| f.reshapes()));
        let mut resolved = Vec::new();
        for (i, input) in settings.inputs.iter().enumerate() {
            let Some(field) = fields::field(s, &input.id) else {
                out.push(FieldError::new(field_of(i), missing(&input.id)));
                continue;
            };
            if field.id != input.id {
                // `sources.01` finds `sources.1`, but duplicates, correlations and row removals
                // compare ids as written.
                out.push(FieldError::new(field_of(i), format!("Write `{}` as `{}`", input.id, field.id)));
                continue;
            }
            if field.on_a_site() && site_count_drawn {
                out.push(FieldError::new(field_of(i), field.not_with_the_site_count()));
                continue;
            }
            if settings.inputs[..i].iter().any(|x| x.id == input.id) {
                out.push(FieldError::new(field_of(i), format!("{} is listed twice", field.label)));
                continue;
            }
            let shown = |v: f64| inputs::in_unit(&inputs::trim_number(v / field.scale), field.unit);
            if let Some(message) = input.dist.problem((field.min, field.max), &shown) {
                out.push(FieldError::new(field_of(i), format!("{}: {message}", field.label)));
                continue;
            }
            let sampler = input.dist.sampler((field.min, field.max));
            resolved.push(Resolved { field, sampler });
        }
        let dim = resolved.len();
        let mut matrix: Vec<f64> = (0..dim * dim).map(|k| f64::from(u8::from(k % (dim + 1) == 0))).collect();
        for (c, corr) in settings.correlations.iter().enumerate() {
            let field = format!("uncertainty.correlations.{c}");
            let at = |id: &str| resolved.iter().position(|r| r.field.id == id);
            let same_pair =
                |o: &Correlation| (o.a == corr.a && o.b == corr.b) || (o.a == corr.b && o.b == corr.a);
            match (at(&corr.a), at(&corr.b)) {
                _ if !(-1.0..=1.0).contains(&corr.rank) => {
                    out.push(FieldError::new(field, "A rank correlation must be between −1 and 1"));
                }
                _ if settings.correlations[..c].iter().any(same_pair) => {
                    out.push(FieldError::new(field, "These two inputs are already correlated above"));
                }
                (Some(a), Some(b)) if a != b => {
                    let r = 2.0 * libm::sin(std::f64::consts::PI * corr.rank / 6.0);
                    matrix[a * dim + b] = r;
                    matrix[b * dim + a] = r;
                }
                _ => out.push(FieldError::new(field, "A correlation needs two different uncertain inputs")),
            }
        }
        let mix = if settings.correlations.is_empty() {
            None
        } else {
            let l = cholesky(&matrix, dim);
            if l.is_none() {
                out.push(FieldError::new(
                    "uncertainty.correlations",
                    "These correlations cannot hold together (the matrix is not positive semidefinite); weaken one",
                ));
            }
            l
        };
        if out.is_empty() {
            Ok((resolved, mix))
        } else {
            Err(out)
        }
    }

    /// The uncertain inputs' values in sample `index` (model units), in the order given.
    pub fn draw(&self, index: u64) -> Vec<f64> {
        let mut rng = Rng::new(u64::from(self.base.uncertainty.seed), index);
        let mut u: Vec<f64> = self.inputs.iter().map(|_| open_open(&mut rng)).collect();
        if let Some(l) = &self.mix {
            let n = u.len();
            let z: Vec<f64> = u.iter().map(|p| normal_quantile(*p)).collect();
            for (i, ui) in u.iter_mut().enumerate() {
                let y: f64 = (0..=i).map(|k| l[i * n + k] * z[k]).sum();
                *ui = normal_cdf(y).clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON);
            }
        }
        self.inputs.iter().zip(u).map(|(r, p)| r.sampler.quantile(p)).collect()
    }

    /// The scenario with the uncertain inputs set to `values`; one that reshapes the scenario
    /// (the site count) first, so the others keep their drawn values.
    fn scenario_with(&self, values: &[f64]) -> Scenario {
        let mut s = self.base.clone();
        let pairs = || self.inputs.iter().zip(values);
        for (r, v) in
            pairs().filter(|(r, _)| r.field.reshapes()).chain(pairs().filter(|(r, _)| !r.field.reshapes()))
        {
            r.field.set(&mut s, *v);
        }
        s
    }

    /// The values one sample reports: one per [`KPIS`], then the cumulative training FLOP at the
    /// end of each month of the term (how fast the fleet trains: MFU, goodput, delays and power
    /// all show in it) (NaN everywhere if the drawn scenario is invalid, e.g. a delay as
    /// long as the term).
    pub fn outcome(&self, s: &Scenario) -> Vec<f64> {
        let width = KPIS.len() + self.months;
        let Ok(report) = super::evaluate(s) else { return vec![f64::NAN; width] };
        let mut row: Vec<f64> = KPIS.iter().map(|k| (k.value)(&report)).collect();
        row.extend(report.training.months.iter().map(|m| m.cumulative_flop));
        row.resize(width, f64::NAN);
        row
    }

    /// Samples `start..start + count`, one row of [`Simulation::outcome`] after another.
    pub fn run(&self, start: u64, count: u64) -> Vec<f64> {
        (start..start + count).flat_map(|i| self.outcome(&self.scenario_with(&self.draw(i)))).collect()
    }

    /// One-at-a-time swings of each uncertain input between its 10th and 90th percentiles (the
    /// others at their point values), measured on KPI `kpi`, widest first.
    pub fn tornado(&self, kpi: usize) -> Vec<Swing> {
        let at = |r: &Resolved, p: f64| self.one_at(r, r.sampler.quantile(p), kpi);
        let mut swings: Vec<Swing> = self
            .inputs
            .iter()
            .map(|r| {
                let ((low_input, low), (high_input, high)) = (at(r, 0.1), at(r, 0.9));
                Swing {
                    id: r.field.id.clone(),
                    label: r.field.label.clone(),
                    low_input,
                    high_input,
                    low,
                    high,
                }
            })
            .collect();
        // Widest first; a swing with one end invalid (a delay as long as the term) is as wide as
        // its other end's distance from the point estimate, not none.
        let point = self.outcome(&self.base)[kpi];
        let width = |s: &Swing| match (s.low.is_finite(), s.high.is_finite()) {
            (true, true) => s.range(),
            (true, false) => (s.low - point).abs(),
            (false, true) => (s.high - point).abs(),
            (false, false) => 0.0,
        };
        let width = |s: &Swing| if width(s).is_nan() { 0.0 } else { width(s) };
        super::math::sort_by(&mut swings, |a, b| width(b).total_cmp(&width(a)));
        swings
    }

    /// The one-way sensitivity ("spider") line of uncertain input `id` on KPI `kpi`: the input
    /// at `steps` values evenly spaced from its 5th to its 95th percentile, the other inputs at
    /// their point values, and the KPI at each. `None` for an input that is not uncertain.
    pub fn one_way(&self, id: &str, kpi: usize, steps: usize) -> Option<Vec<(f64, f64)>> {
        let r = self.inputs.iter().find(|r| r.field.id == id)?;
        let (low, high) = (r.sampler.quantile(0.05), r.sampler.quantile(0.95));
        let steps = steps.max(2);
        Some(
            (0..steps)
                .map(|i| self.one_at(r, low + (high - low) * i as f64 / (steps - 1) as f64, kpi))
                .collect(),
        )
    }

    /// Input `r` set to `value` (the others at their point values): the value as the input
    /// stores it (whole months stay whole) and KPI `kpi` of the scenario.
    fn one_at(&self, r: &Resolved, value: f64, kpi: usize) -> (f64, f64) {
        let mut s = self.base.clone();
        r.field.set(&mut s, value);
        (r.field.get(&s), self.outcome(&s)[kpi])
    }

    /// The uncertain inputs' fields, in order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> + '_ {
        self.inputs.iter().map(|r| &r.field)
    }
}

/// How far one input's p10–p90 swing moves a KPI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    /// The input's field id.
    pub id: String,
    /// The input's label.
    pub label: String,
    /// The input at its 10th percentile (model units).
    pub low_input: f64,
    /// The input at its 90th percentile.
    pub high_input: f64,
    /// The KPI with the input at its 10th percentile.
    pub low: f64,
    /// The KPI with the input at its 90th percentile.
    pub high: f64,
}

impl Swing {
    /// |high − low|, NaN counted as no swing.
    pub fn range(&self) -> f64 {
        let r = (self.high - self.low).abs();
        if r.is_nan() {
            0.0
        } else {
            r
        }
    }
}

/// The spread of one KPI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiSpread {
    /// The KPI's id.
    pub id: &'static str,
    /// Mean and percentiles over the valid samples.
    pub summary: Summary,
    /// Histogram with the empirical CDF.
    pub histogram: Vec<Bin>,
}

/// What a (possibly partial) simulation shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    /// Samples received so far.
    pub done: usize,
    /// Samples asked for.
    pub total: usize,
    /// Samples whose drawn scenario was invalid (left out of the statistics).
    pub invalid: usize,
    /// One per [`KPIS`].
    pub kpis: Vec<KpiSpread>,
    /// Cumulative training FLOP by the end of each month: p5, p25, p50, p75, p95.
    pub months: Vec<[f64; 5]>,
    /// The probability that the chosen KPI exceeds the threshold.
    pub exceedance: f64,
    /// The threshold used (the point estimate when none was set).
    pub threshold: f64,
}

impl Spread {
    /// The samples KPI `kpi`'s statistics count: the valid draws that gave it a value (a KPI can
    /// be missing in a valid scenario, e.g. a ratio over nothing).
    pub fn counted(&self, kpi: usize) -> usize {
        self.kpis.get(kpi).map_or(0, |k| k.summary.n)
    }
}

/// Samples as they arrive (in any order), summarised on demand.
#[derive(Debug, Clone)]
pub struct Collector {
    width: usize,
    total: usize,
    rows: Vec<f64>,
    filled: Vec<bool>,
    done: usize,
}

impl Collector {
    /// Room for `total` samples of a simulation with `months` months.
    pub fn new(total: usize, months: usize) -> Self {
        let width = KPIS.len() + months;
        Self { width, total, rows: vec![f64::NAN; total * width], filled: vec![false; total], done: 0 }
    }

    /// Samples asked for.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Samples received.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Takes the rows of samples `start..` (as [`Simulation::run`] returns them); rows past the
    /// end or already received are ignored.
    pub fn add(&mut self, start: usize, rows: &[f64]) {
        for (k, row) in rows.chunks_exact(self.width).enumerate() {
            let i = start + k;
            if i < self.total && !self.filled[i] {
                self.rows[i * self.width..(i + 1) * self.width].copy_from_slice(row);
                self.filled[i] = true;
                self.done += 1;
            }
        }
    }

    /// The sorted finite values of column `c` over the samples received.
    fn column(&self, c: usize) -> Vec<f64> {
        let mut v: Vec<f64> = (0..self.total)
            .filter(|i| self.filled[*i])
            .map(|i| self.rows[i * self.width + c])
            .filter(|x| x.is_finite())
            .collect();
        stats::sort(&mut v);
        v
    }

    /// Statistics of the samples so far; `kpi` and `threshold` as in [`Uncertainty`], with
    /// `point` the point estimate of that KPI.
    pub fn spread(&self, kpi: usize, threshold: Option<f64>, point: f64) -> Spread {
        let invalid =
            (0..self.total).filter(|i| self.filled[*i] && self.rows[i * self.width].is_nan()).count();
        let threshold = threshold.unwrap_or(point);
        let mut exceedance = f64::NAN;
        let kpis: Vec<KpiSpread> = KPIS
            .iter()
            .enumerate()
            .map(|(c, k)| {
                let v = self.column(c);
                if c == kpi {
                    exceedance = stats::exceedance(&v, threshold);
                }
                KpiSpread { id: k.id, summary: Summary::of_sorted(&v), histogram: stats::histogram(&v, BINS) }
            })
            .collect();
        let months = (KPIS.len()..self.width)
            .map(|c| {
                let v = self.column(c);
                stats::PERCENTILES.map(|p| stats::quantile_sorted(&v, p))
            })
            .collect();
        Spread { done: self.done, total: self.total, invalid, kpis, months, exceedance, threshold }
    }
}

/// Whether `a` and `b` draw the same samples: they differ at most in the result examined and its
/// threshold, which only read the samples ([`Collector::spread`], [`Simulation::tornado`]), and
/// in the scenario's name.
/// The explorer re-reads a run on such a change instead of drawing it again.
pub fn same_samples(a: &Scenario, b: &Scenario) -> bool {
    let (ua, ub) = (&a.uncertainty, &b.uncertainty);
    (ua.enabled, ua.samples, ua.seed, &ua.inputs, &ua.correlations)
        == (ub.enabled, ub.samples, ub.seed, &ub.inputs, &ub.correlations)
        && Scenario { uncertainty: ua.clone(), name: a.name.clone(), ..b.clone() } == *a
}

/// Runs a whole simulation in this thread (the CLI and tests; the browser spreads
/// [`Simulation::run`] over workers and feeds a [`Collector`]).
///
/// # Errors
/// The settings' problems, as from [`Simulation::new`].
pub fn simulate(s: &Scenario) -> Result<Spread, Vec<FieldError>> {
    let sim = Simulation::new(s)?;
    let total = s.uncertainty.samples as usize;
    let mut c = Collector::new(total, sim.months);
    c.add(0, &sim.run(0, total as u64));
    let (k, kpi) = kpi(&s.uncertainty.kpi).expect("checked by Simulation::new");
    let point = super::evaluate(s).map_or(f64::NAN, |r| (kpi.value)(&r));
    Ok(c.spread(k, s.uncertainty.threshold, point))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(u: impl FnOnce(&mut Uncertainty)) -> Scenario {
        let mut s = Scenario::default();
        u(&mut s.uncertainty);
        s
    }

    #[test]
    fn default_ranges_contain_their_defaults_and_are_valid() {
        let s = Scenario::default();
        for r in DEFAULT_RANGES {
            let spec = INPUTS.iter().find(|x| x.id == r.id).expect("a registry input");
            let v = spec.get(&s);
            assert!(r.triangle.0 <= v && v <= r.triangle.2, "{}: {v} outside {:?}", r.id, r.triangle);
        }
        assert!(problems(&Scenario::default()).is_empty());
    }

    #[test]
    fn scenarios_that_differ_only_in_the_result_examined_draw_the_same_samples() {
        let a = with(|u| u.samples = 100);
        let b = with(|u| {
            u.samples = 100;
            u.kpi = "npv-cost".into();
            u.threshold = Some(38e9);
        });
        assert!(same_samples(&a, &b) && same_samples(&b, &a));
        let bits = |s: &Scenario| {
            Simulation::new(s).unwrap().run(0, 20).iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        };
        assert_eq!(bits(&a), bits(&b), "the result examined must not change the samples drawn");
        // Anything else that the draws read does.
        assert!(!same_samples(&a, &with(|u| u.samples = 101)));
        assert!(!same_samples(
            &a,
            &with(|u| {
                u.samples = 100;
                u.seed = 8;
            })
        ));
        let mut named = a.clone();
        named.name = "Renamed".into();
        assert!(same_samples(&a, &named), "a name draws nothing");
        let mut c = a.clone();
        c.contract.ramp_delay_months += 1;
        assert!(!same_samples(&a, &c));
        let mut d = a.clone();
        d.uncertainty.inputs.pop();
        assert!(!same_samples(&a, &d));
    }

    #[test]
    fn samples_do_not_depend_on_how_the_run_is_split() {
        let s = with(|u| u.samples = 100);
        let sim = Simulation::new(&s).unwrap();
        let whole = sim.run(0, 6);
        let parts: Vec<f64> = [sim.run(0, 2), sim.run(2, 1), sim.run(3, 3)].concat();
        assert_eq!(whole.len(), 6 * (KPIS.len() + 36));
        assert_eq!(
            whole.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            parts.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
        // Another seed draws other scenarios.
        let other = Simulation::new(&with(|u| u.seed = 7)).unwrap();
        assert_ne!(other.draw(0), sim.draw(0));
    }

    /// Spearman's rank correlation of columns `a` and `b` of `draws` (no ties: continuous draws).
    fn spearman(draws: &[Vec<f64>], a: usize, b: usize) -> f64 {
        let ranks = |c: usize| {
            let mut idx: Vec<usize> = (0..draws.len()).collect();
            idx.sort_by(|x, y| draws[*x][c].total_cmp(&draws[*y][c]));
            let mut r = vec![0.0; idx.len()];
            for (rank, i) in idx.into_iter().enumerate() {
                r[i] = rank as f64;
            }
            r
        };
        let (x, y) = (ranks(a), ranks(b));
        let mid = (draws.len() as f64 - 1.0) / 2.0;
        let cov: f64 = x.iter().zip(&y).map(|(x, y)| (x - mid) * (y - mid)).sum();
        let var: f64 = x.iter().map(|x| (x - mid) * (x - mid)).sum();
        cov / var
    }

    #[test]
    fn rank_correlation_is_achieved() {
        let s = with(|u| {
            u.correlations =
                vec![Correlation { a: "energy.gas_price".into(), b: "facility.pue".into(), rank: 0.7 }];
        });
        let sim = Simulation::new(&s).unwrap();
        let draws: Vec<Vec<f64>> = (0..20_000).map(|i| sim.draw(i)).collect();
        let rho = spearman(&draws, 0, 3);
        assert!((rho - 0.7).abs() < 0.02, "Spearman {rho}");
        // Uncorrelated pairs stay near zero.
        assert!(spearman(&draws, 0, 1).abs() < 0.03);
    }

    #[test]
    fn perfect_correlations_tie_the_inputs_and_only_impossible_patterns_are_refused() {
        let corr = |a: &str, b: &str, rank: f64| Correlation { a: a.into(), b: b.into(), rank };
        let (gas, mfu, pue) = ("energy.gas_price", "training.mfu", "facility.pue");
        let draws = |correlations: Vec<Correlation>| {
            let s = with(|u| u.correlations = correlations);
            Simulation::new(&s).map(|sim| (0..4000).map(|i| sim.draw(i)).collect::<Vec<_>>())
        };
        // ±1: the two inputs move in lockstep (the same order, or the reverse).
        let d = draws(vec![corr(gas, pue, 1.0)]).expect("a +1 correlation is possible");
        assert!(spearman(&d, 0, 3) > 0.9999, "{}", spearman(&d, 0, 3));
        let d = draws(vec![corr(gas, pue, -1.0)]).expect("a −1 correlation is possible");
        assert!(spearman(&d, 0, 3) < -0.9999, "{}", spearman(&d, 0, 3));
        // Gas tied to MFU, and PUE correlated 0.5 with both: consistent, and PUE's correlation
        // with each comes out.
        let d =
            draws(vec![corr(gas, mfu, 1.0), corr(gas, pue, 0.5), corr(mfu, pue, 0.5)]).expect("consistent");
        assert!((spearman(&d, 0, 3) - 0.5).abs() < 0.04 && (spearman(&d, 1, 3) - 0.5).abs() < 0.04);
        // Gas tied to MFU but PUE correlated with only one of them, or gas and PUE tied both
        // ways through MFU: impossible, refused.
        for impossible in [
            vec![corr(gas, mfu, 1.0), corr(gas, pue, 0.5)],
            vec![corr(gas, mfu, 1.0), corr(mfu, pue, 1.0), corr(gas, pue, -1.0)],
        ] {
            let e = draws(impossible.clone()).expect_err("impossible");
            assert!(e[0].message.contains("cannot hold together"), "{impossible:?}: {e:?}");
        }
    }

    #[test]
    fn inconsistent_or_invalid_settings_are_named_at_their_field() {
        let corr = |a: &str, b: &str, rank: f64| Correlation { a: a.into(), b: b.into(), rank };
        let s = with(|u| {
            u.samples = 5;
            u.inputs.push(UncertainInput { id: "nope".into(), dist: Dist::Fixed { value: 1.0 } });
            u.inputs[0].dist = Dist::Uniform { low: 4.0, high: 3.0 };
            u.correlations = vec![corr("energy.gas_price", "energy.gas_price", 0.5)];
        });
        let fields: Vec<String> = Simulation::new(&s).unwrap_err().into_iter().map(|e| e.field).collect();
        assert!(fields.contains(&"uncertainty.samples".to_owned()));
        assert!(fields.contains(&"uncertainty.inputs.0".to_owned()));
        assert!(fields.contains(&format!("uncertainty.inputs.{}", DEFAULT_RANGES.len())));
        assert!(fields.contains(&"uncertainty.correlations.0".to_owned()));
        // Three inputs pairwise strongly correlated in an impossible pattern.
        let s = with(|u| {
            u.correlations = vec![
                corr("energy.gas_price", "training.mfu", 0.9),
                corr("training.mfu", "facility.pue", 0.9),
                corr("energy.gas_price", "facility.pue", -0.9),
            ];
        });
        let e = Simulation::new(&s).unwrap_err();
        assert!(e[0].message.contains("not positive semidefinite"), "{e:?}");
        // The same pair twice (either way round) is named at the second.
        let s = with(|u| {
            u.correlations = vec![
                corr("energy.gas_price", "training.mfu", 0.5),
                corr("training.mfu", "energy.gas_price", 0.2),
            ];
        });
        let e = Simulation::new(&s).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].field, "uncertainty.correlations.1");
        assert!(e[0].message.contains("already correlated"), "{e:?}");
    }

    #[test]
    fn a_site_s_source_and_a_catalog_figure_can_be_uncertain() {
        let gas = "energy.sites.0.sources.1.capacity_mw";
        let price = "hardware.catalog.0.unit_price";
        let base = Scenario::default();
        let (mw, usd) =
            (fields::field(&base, gas).unwrap().get(&base), fields::field(&base, price).unwrap().get(&base));
        let s = with(|u| {
            u.samples = 100;
            u.kpi = "fully-powered-share".into();
            u.inputs = vec![
                UncertainInput { id: gas.into(), dist: Dist::Uniform { low: 0.2 * mw, high: 0.6 * mw } },
                UncertainInput { id: price.into(), dist: Dist::Uniform { low: 0.8 * usd, high: 1.5 * usd } },
            ];
            u.correlations = vec![Correlation { a: gas.into(), b: price.into(), rank: -0.5 }];
        });
        let sim = Simulation::new(&s).unwrap();
        let labels: Vec<&str> = sim.fields().map(|f| f.label.as_str()).collect();
        assert!(labels[0].contains("Gas") && labels[1].contains("Price"), "{labels:?}");
        // Each draw is set in the scenario it evaluates: the turbines cut to 20–60 % leave
        // load unserved in every sample, where the point estimate is fully powered.
        let (k, kpi) = kpi("fully-powered-share").unwrap();
        let point = (kpi.value)(&crate::evaluate(&s).unwrap());
        let rows = sim.run(0, 20);
        let width = KPIS.len() + sim.months;
        for row in rows.chunks(width) {
            assert!(row[k] < point, "{} against {point}", row[k]);
        }
        for i in 0..20 {
            let d = sim.draw(i);
            assert!(
                (0.2 * mw..=0.6 * mw).contains(&d[0]) && (0.8 * usd..=1.5 * usd).contains(&d[1]),
                "{d:?}"
            );
            let drawn = sim.scenario_with(&d);
            assert_eq!(fields::field(&drawn, price).unwrap().get(&drawn), d[1]);
        }
        // The tornado names them by their labels; the turbines move the share, the price not.
        let swings = sim.tornado(k);
        assert_eq!(swings[0].id, gas);
        assert!(swings[0].range() > 0.0 && swings[1].range() == 0.0, "{swings:?}");
        assert_eq!(swings[1].label, fields::field(&s, price).unwrap().label);
    }

    #[test]
    fn an_input_on_a_removed_row_is_named_and_later_rows_keep_their_inputs() {
        let on = |id: &str| UncertainInput { id: id.into(), dist: Dist::Fixed { value: 1.0 } };
        let mut u = Uncertainty {
            inputs: vec![
                on("energy.sites.0.sources.0.capacity_mw"),
                on("energy.sites.0.sources.1.capacity_mw"),
                on("energy.sites.0.sources.12.capex_per_kw"),
                on("energy.sites.1.sources.1.capacity_mw"),
                on("hardware.catalog.1.unit_price"),
            ],
            correlations: vec![
                Correlation {
                    a: "energy.sites.0.sources.1.capacity_mw".into(),
                    b: "hardware.catalog.1.unit_price".into(),
                    rank: 0.3,
                },
                Correlation {
                    a: "energy.sites.0.sources.12.capex_per_kw".into(),
                    b: "energy.sites.1.sources.1.capacity_mw".into(),
                    rank: 0.3,
                },
            ],
            ..Uncertainty::default()
        };
        assert_eq!(u.row_removed("energy.sites.0.sources", 1), 1, "the input on the removed row, counted");
        let ids: Vec<&str> = u.inputs.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "energy.sites.0.sources.0.capacity_mw",
                "energy.sites.0.sources.11.capex_per_kw",
                "energy.sites.1.sources.1.capacity_mw",
                "hardware.catalog.1.unit_price"
            ]
        );
        assert_eq!(u.correlations.len(), 1);
        assert_eq!(u.correlations[0].a, "energy.sites.0.sources.11.capex_per_kw");
        assert_eq!(u.row_removed("hardware.catalog", 0), 0);
        assert_eq!(u.inputs[3].id, "hardware.catalog.0.unit_price");
        // An energy preset replaces a site's sources: their inputs go, other sites' stay.
        assert_eq!(u.rows_replaced("energy.sites.0.sources"), 2);
        let ids: Vec<&str> = u.inputs.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["energy.sites.1.sources.1.capacity_mw", "hardware.catalog.0.unit_price"]);
        assert!(u.correlations.is_empty());
        // An id no row of the scenario has any more is named at its row, not dropped quietly; a
        // misspelt one is not said to be removed; one written otherwise is refused as written.
        for (id, says) in [
            ("energy.sites.7.sources.0.capacity_mw", "not in this scenario any more"),
            ("energy.sites.0.sources.0.capcity_mw", "unknown input"),
            ("energy.sites.0.sources.01.capacity_mw", "as `energy.sites.0.sources.1.capacity_mw`"),
        ] {
            let s = with(|u| u.inputs.push(on(id)));
            let e = Simulation::new(&s).unwrap_err();
            assert_eq!(e[0].field, field_of(DEFAULT_RANGES.len()));
            assert!(e[0].message.contains(says), "{id}: {e:?}");
        }
    }

    #[test]
    fn a_site_s_own_figure_is_refused_while_the_site_count_is_drawn() {
        // Each drawn count splits the supply anew, so "site 2's turbines" has no fixed meaning.
        let on = |id: &str, value: f64| UncertainInput { id: id.into(), dist: Dist::Fixed { value } };
        let s = with(|u| {
            u.inputs = vec![on("facility.sites", 1.0), on("energy.sites.1.sources.1.capacity_mw", 0.0)];
        });
        let e = Simulation::new(&s).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].field, field_of(1));
        assert!(e[0].message.contains("cannot vary with the site count"), "{e:?}");
        // Either alone runs; a catalog figure runs with the site count.
        for inputs in [
            vec![on("facility.sites", 1.0)],
            vec![on("energy.sites.1.sources.1.capacity_mw", 10.0)],
            vec![on("facility.sites", 3.0), on("hardware.catalog.0.unit_price", 30_000.0)],
        ] {
            let s = with(|u| u.inputs = inputs.clone());
            assert!(Simulation::new(&s).is_ok(), "{inputs:?}");
        }
    }

    #[test]
    fn a_fixed_distribution_reproduces_the_point_estimate() {
        let s = with(|u| {
            u.samples = 100;
            u.inputs =
                vec![UncertainInput { id: "energy.gas_price".into(), dist: Dist::Fixed { value: 3.5 } }];
        });
        let sim = Simulation::new(&s).unwrap();
        let point = super::super::evaluate(&s).unwrap();
        let row = sim.run(3, 1);
        for (k, v) in KPIS.iter().zip(&row) {
            assert_eq!(*v, (k.value)(&point), "{}", k.id);
        }
    }

    #[test]
    fn the_spread_brackets_the_median_and_moves_with_the_input() {
        let base = with(|u| {
            u.samples = 200;
            u.inputs = vec![UncertainInput {
                id: "contract.ramp_delay_months".into(),
                dist: Dist::Uniform { low: 0.0, high: 12.0 },
            }];
        });
        let spread = simulate(&base).unwrap();
        let cost = &spread.kpis[0].summary;
        assert!(cost.p5 <= cost.p25 && cost.p25 <= cost.p50 && cost.p50 <= cost.p75 && cost.p75 <= cost.p95);
        assert!(cost.p95 > cost.p5, "a ramp delay moves the cost per delivered GPU-hour");
        assert_eq!(spread.done, 200);
        // Months: with a delay of 0–12 months, the training compute done by month 6 spreads wide.
        let m = spread.months[6];
        assert!(m[0] < m[4], "{m:?}");
        // Exceedance against the point estimate (delay 0): delays only make it dearer.
        assert!(spread.exceedance > 0.8, "{}", spread.exceedance);
        let swings = Simulation::new(&base).unwrap().tornado(0);
        assert_eq!(swings.len(), 1);
        assert!(swings[0].high > swings[0].low);
    }

    #[test]
    fn inputs_valued_outside_their_simulated_range_are_named() {
        let on = |edit: fn(&mut Scenario)| {
            let mut s = with(|u| u.enabled = true);
            edit(&mut s);
            off_range(&s, &s.uncertainty)
                .into_iter()
                .map(|o| (o.field.id, o.value, o.band.p5, o.band.p95, o.placement))
                .collect::<Vec<_>>()
        };
        // The defaults: goodput's triangle 90/90/95 (the source says "more than 90 %") puts the
        // value, 90 %, below its 5th percentile: 1 − F(x) = ((95 % − x) / 5 %)² = 0.95 at
        // x = 95 % − 5 % × √0.95 ≈ 90.13 %. Draws reach 90 %: at the range's edge.
        let defaults = on(|_| {});
        assert_eq!(
            defaults.iter().map(|o| o.0.as_str()).collect::<Vec<_>>(),
            ["contract.utilization"],
            "{defaults:?}"
        );
        let (_, value, p5, p95, placement) = defaults[0].clone();
        assert_eq!((value, placement), (0.9, Placement::Edge));
        assert!((p5 - (0.95 - 0.05 * 0.95f64.sqrt())).abs() < 1e-12 && p95 < 0.95, "{p5} {p95}");
        // Gas edited to $7 with its range still 2.5–4.5: beyond every draw.
        let gas = on(|s| s.energy.gas_price = super::super::units::UsdPerMmbtu(7.0));
        assert!(
            gas.iter()
                .any(|o| o.0 == "energy.gas_price" && o.1 == 7.0 && o.3 < 4.5 && o.4 == Placement::Outside),
            "{gas:?}"
        );
        // $4.3: above the 95th percentile (4.5 − √0.1 ≈ 4.184) but drawn: the edge.
        let high = on(|s| s.energy.gas_price = super::super::units::UsdPerMmbtu(4.3));
        assert!(high.iter().any(|o| o.0 == "energy.gas_price" && o.4 == Placement::Edge), "{high:?}");
        // Inside the range, or the simulation off: nothing.
        assert!(!on(|s| s.energy.gas_price = super::super::units::UsdPerMmbtu(4.0))
            .iter()
            .any(|o| o.0 == "energy.gas_price"));
        let off = Scenario::default();
        assert!(off_range(&off, &off.uncertainty).is_empty(), "off");
        // An invalid distribution (low above high) has no band: its row says why, not this.
        let mut bad = with(|u| u.enabled = true);
        bad.uncertainty.inputs[0].dist = Dist::Triangular { low: 9.0, mode: 9.5, high: 8.0 };
        assert!(!off_range(&bad, &bad.uncertainty)
            .iter()
            .any(|o| o.field.id == bad.uncertainty.inputs[0].id));
    }

    #[test]
    fn each_kpi_counts_the_samples_that_gave_it_a_value() {
        // Three samples: one from an invalid scenario (every column missing), one valid scenario
        // whose second KPI is missing, one whole.
        let width = KPIS.len();
        let mut c = Collector::new(3, 0);
        let mut gap = vec![1.0; width];
        gap[1] = f64::NAN;
        c.add(0, &[vec![f64::NAN; width], gap, vec![2.0; width]].concat());
        let spread = c.spread(1, Some(1.5), f64::NAN);
        assert_eq!(spread.invalid, 1);
        assert_eq!((spread.counted(0), spread.counted(1)), (2, 1));
        // P(KPI 1 > 1.5) over the one sample that has it, not over two.
        assert_eq!(spread.exceedance, 1.0);
        assert_eq!(spread.counted(KPIS.len()), 0, "no such KPI");
    }

    #[test]
    fn a_swing_with_an_invalid_end_ranks_by_the_end_it_has() {
        // A delay drawn up to 40 months on a 36-month term: its p90 (36) is invalid, yet it is
        // the only input that moves the cost per delivered GPU-hour here.
        let s = with(|u| {
            u.inputs = vec![
                UncertainInput {
                    id: "energy.gas_price".into(),
                    dist: Dist::Uniform { low: 2.0, high: 12.0 },
                },
                UncertainInput {
                    id: "contract.ramp_delay_months".into(),
                    dist: Dist::Uniform { low: 0.0, high: 40.0 },
                },
            ];
        });
        let sim = Simulation::new(&s).unwrap();
        let k = KPIS.iter().position(|k| k.id == "usd-per-delivered-gpu-hour").unwrap();
        let t = sim.tornado(k);
        assert_eq!(t[0].id, "contract.ramp_delay_months", "{t:?}");
        assert!(t[0].low.is_finite() && t[0].high.is_nan(), "{:?}", t[0]);
    }

    #[test]
    fn the_spider_line_walks_one_input_from_p5_to_p95_and_evaluates_each_step() {
        let base = with(|u| {
            u.inputs = vec![
                UncertainInput {
                    id: "energy.gas_price".into(),
                    dist: Dist::Uniform { low: 2.0, high: 12.0 },
                },
                UncertainInput {
                    id: "contract.ramp_delay_months".into(),
                    dist: Dist::Uniform { low: 0.0, high: 12.0 },
                },
            ];
        });
        let sim = Simulation::new(&base).unwrap();
        let k = kpi("usd-per-delivered-gpu-hour").unwrap().0;
        let line = sim.one_way("contract.ramp_delay_months", k, 7).unwrap();
        assert_eq!(line.len(), 7);
        // Uniform 0–12: p5 = 0.6 and p95 = 11.4 months, set as whole months by the input.
        let spec = inputs::input("contract.ramp_delay_months").unwrap();
        for (i, (x, y)) in line.iter().enumerate() {
            let mut s = base.clone();
            spec.set(&mut s, 0.6 + 10.8 * i as f64 / 6.0);
            assert_eq!(*x, spec.get(&s), "step {i}");
            assert_eq!(*y, (KPIS[k].value)(&super::super::evaluate(&s).unwrap()), "step {i}");
        }
        assert!(
            line.windows(2).all(|w| w[1].0 >= w[0].0 && w[1].1 >= w[0].1),
            "later ramp, dearer: {line:?}"
        );
        assert!(line[6].1 > line[0].1);
        assert!(sim.one_way("contract.monthly_commitment", k, 7).is_none(), "not an uncertain input");
    }
}
