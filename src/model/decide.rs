//! Decision tools: goal seek ("what ramp delay makes the deal cost the same as 3-year reserved
//! capacity?") and sweeps over one or two inputs (break-even maps). Every point is a full
//! [`evaluate`] of the scenario with the swept inputs set, so a map's cell is exactly what the
//! explorer shows for that scenario. Methods are listed in DESIGN.md §Decision tools.

use super::error::FieldError;
use super::fields::{self, Field};
use super::kpis::{self, Kpi};
use super::{evaluate, Scenario};
use serde::{Deserialize, Serialize};

/// Points a goal seek scans its range at before refining (enough to see a U-shape).
pub const SCAN_POINTS: usize = 25;
/// Most points along one axis of a sweep or map.
pub const MAX_STEPS: usize = 101;
/// Brent's method stops when the bracket is this small relative to the scanned range.
const X_TOLERANCE: f64 = 1e-9;
/// Brent iterations at most (it needs about 10 on the explorer's smooth KPIs).
const MAX_ITERATIONS: usize = 100;

/// One swept input: `steps` evenly spaced values from `from` to `to` (model units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    /// The input's field id (e.g. `contract.ramp_delay_months`, `energy.sites.0.sources.1.capacity_mw`;
    /// see [`fields`]).
    pub input: String,
    /// First value, model units.
    pub from: f64,
    /// Last value, model units.
    pub to: f64,
    /// Number of values, 2 to [`MAX_STEPS`].
    pub steps: usize,
}

impl Axis {
    /// An axis over the input's slider range; a whole-number input whose range has at most
    /// twice `steps` values gets every whole value (evenly spaced, none repeated).
    pub fn over_slider(spec: &Field, steps: usize) -> Self {
        let (from, to) = spec.slider;
        let whole = ((to - from).abs().round() as usize).saturating_add(1);
        let steps = if spec.integer && whole <= 2 * steps { whole.min(MAX_STEPS) } else { steps };
        Self { input: spec.id.clone(), from, to, steps }
    }

    /// The values, in order (whole-number inputs rounded, so neighbours may repeat).
    pub fn values(&self, spec: &Field) -> Vec<f64> {
        let last = (self.steps.max(2) - 1) as f64;
        (0..self.steps.max(2))
            .map(|i| {
                let v = self.from + (self.to - self.from) * i as f64 / last;
                if spec.integer {
                    v.round()
                } else {
                    v
                }
            })
            .collect()
    }

    /// Checks the axis against `s`'s fields; `field` is its path in messages (e.g. `x`).
    fn problems(&self, s: &Scenario, field: &str) -> Result<Field, Vec<FieldError>> {
        let Some(spec) = fields::field(s, &self.input) else {
            return Err(vec![FieldError::new(
                format!("{field}.input"),
                format!("no input `{}`", self.input),
            )]);
        };
        if !spec.applies(s) {
            return Err(vec![FieldError::new(format!("{field}.input"), spec.not_used())]);
        }
        let mut out = Vec::new();
        for (end, v) in [("from", self.from), ("to", self.to)] {
            if let Err(m) = spec.check(if spec.integer { v.round() } else { v }) {
                out.push(FieldError::new(format!("{field}.{end}"), m));
            }
        }
        if out.is_empty() && self.from == self.to {
            out.push(FieldError::new(format!("{field}.to"), "the range is empty: from and to are equal"));
        }
        if !(2..=MAX_STEPS).contains(&self.steps) {
            out.push(FieldError::new(
                format!("{field}.steps"),
                format!("steps must be between 2 and {MAX_STEPS}, got {}", self.steps),
            ));
        }
        if out.is_empty() {
            Ok(spec)
        } else {
            Err(out)
        }
    }
}

/// The KPI `id` or a message naming `field`.
fn kpi_of(id: &str, field: &str) -> Result<&'static Kpi, FieldError> {
    kpis::kpi(id).map(|(_, k)| k).ok_or_else(|| FieldError::new(field, format!("no KPI `{id}`")))
}

/// The scenario's problems, if it is invalid as given.
fn base_problems(s: &Scenario) -> Result<(), Vec<FieldError>> {
    let problems = super::validate::problems(s);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// KPIs of `s` with `settings` applied (NaN when that makes the scenario invalid, e.g. a delay
/// longer than the term). A field that reshapes the scenario (the site count) is set first, so
/// the others keep the values asked for.
pub fn kpis_at(s: &Scenario, settings: &[(&Field, f64)], kpis: &[&Kpi]) -> Vec<f64> {
    let mut t = s.clone();
    for (spec, v) in
        settings.iter().filter(|(f, _)| f.reshapes()).chain(settings.iter().filter(|(f, _)| !f.reshapes()))
    {
        spec.set(&mut t, *v);
    }
    evaluate(&t).map_or_else(|_| vec![f64::NAN; kpis.len()], |r| kpis.iter().map(|k| (k.value)(&r)).collect())
}

/// A one-input sweep: each value of the axis with the KPIs there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sweep {
    /// The input swept.
    pub input: String,
    /// The KPIs, in column order.
    pub kpis: Vec<String>,
    /// The input's values, model units.
    pub values: Vec<f64>,
    /// `rows[i][k]`: KPI `k` at value `i` (NaN where the scenario is invalid).
    pub rows: Vec<Vec<f64>>,
}

/// Sweeps one input over `axis`, reporting `kpi_ids` at each value.
///
/// # Errors
/// Every problem with the scenario, the axis or the KPI ids.
pub fn sweep(s: &Scenario, axis: &Axis, kpi_ids: &[String]) -> Result<Sweep, Vec<FieldError>> {
    base_problems(s)?;
    let spec = axis.problems(s, "axis")?;
    let kpis: Vec<&Kpi> =
        kpi_ids.iter().map(|id| kpi_of(id, "kpi")).collect::<Result<_, _>>().map_err(|e| vec![e])?;
    let values = axis.values(&spec);
    let rows = values.iter().map(|v| kpis_at(s, &[(&spec, *v)], &kpis)).collect();
    Ok(Sweep { input: axis.input.clone(), kpis: kpi_ids.to_vec(), values, rows })
}

/// A break-even map: one KPI over a grid of two inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// Across.
    pub x: Axis,
    /// Up.
    pub y: Axis,
    /// The KPI's id.
    pub kpi: String,
    /// The level whose contour is drawn (e.g. 0 for a premium: the break-even line).
    pub level: f64,
}

/// A map resolved against a scenario's fields.
#[derive(Debug, Clone)]
pub struct ResolvedMap {
    /// The x input.
    pub x: Field,
    /// The y input.
    pub y: Field,
    /// The KPI.
    pub kpi: &'static Kpi,
}

impl Map {
    /// Checks the map against `s`'s fields.
    ///
    /// # Errors
    /// Every problem: unknown ids, ranges outside the inputs' valid ranges, the same input twice.
    pub fn resolve(&self, s: &Scenario) -> Result<ResolvedMap, Vec<FieldError>> {
        let (x, y, kpi) = (self.x.problems(s, "x"), self.y.problems(s, "y"), kpi_of(&self.kpi, "kpi"));
        let mut out = Vec::new();
        if let (Ok(a), Ok(b)) = (&x, &y) {
            if a.id == b.id {
                out.push(FieldError::new("y.input", "pick two different inputs"));
            } else if let Some((f, message)) = fields::clash(a, b) {
                let axis = if f.id == a.id { "x" } else { "y" };
                out.push(FieldError::new(format!("{axis}.input"), message));
            }
        }
        if !self.level.is_finite() {
            out.push(FieldError::new("level", "the break-even level must be a finite number"));
        }
        match (x, y, kpi) {
            (Ok(x), Ok(y), Ok(kpi)) if out.is_empty() => Ok(ResolvedMap { x, y, kpi }),
            (x, y, kpi) => {
                out.extend(x.err().into_iter().flatten());
                out.extend(y.err().into_iter().flatten());
                out.extend(kpi.err());
                Err(out)
            }
        }
    }

    /// Rows `rows` of the map (row `j` = the `j`th y value), each across every x value, one
    /// after another.
    ///
    /// # Errors
    /// Every problem with the scenario or the map.
    pub fn rows(&self, s: &Scenario, rows: std::ops::Range<usize>) -> Result<Vec<f64>, Vec<FieldError>> {
        base_problems(s)?;
        let m = self.resolve(s)?;
        let (xs, ys) = (self.x.values(&m.x), self.y.values(&m.y));
        Ok(ys[rows.start.min(ys.len())..rows.end.min(ys.len())]
            .iter()
            .flat_map(|y| xs.iter().map(|x| kpis_at(s, &[(&m.x, *x), (&m.y, *y)], &[m.kpi])[0]))
            .collect())
    }
}

/// What to solve for: the value of `input` at which `kpi` equals `target`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The input to solve for.
    pub input: String,
    /// The KPI to hit.
    pub kpi: String,
    /// The KPI's target value (model units: dollars, shares 0–1, days…).
    pub target: f64,
    /// Where to look, model units; the input's whole valid range when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
    /// Where to look, model units; the input's whole valid range when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
}

/// The result of a goal seek.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Solution {
    /// The input's values scanned and the KPI at each (NaN: invalid scenario there; written as
    /// `null` in JSON).
    #[serde(deserialize_with = "nan_from_null")]
    pub scan: Vec<[f64; 2]>,
    /// Whether the KPI only rises or only falls over the scanned values.
    pub monotone: bool,
    /// Brackets in which the KPI crosses the target (each gives a solution).
    pub crossings: usize,
    /// The input's value that reaches the target (the crossing nearest the scenario's own value),
    /// model units; `None` when no value in range reaches it.
    pub value: Option<f64>,
    /// The KPI at `value` (equal to the target up to the solver's tolerance; for whole-number
    /// inputs, the first whole value past the target).
    pub kpi_value: Option<f64>,
    /// Model evaluations used.
    pub evaluations: usize,
}

/// Reads pairs whose NaNs JSON wrote as `null`.
fn nan_from_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<[f64; 2]>, D::Error> {
    let pairs = Vec::<[Option<f64>; 2]>::deserialize(d)?;
    Ok(pairs.into_iter().map(|p| p.map(|v| v.unwrap_or(f64::NAN))).collect())
}

impl Solution {
    /// The smallest and largest KPI values seen over the range (NaN if none were valid).
    pub fn kpi_range(&self) -> (f64, f64) {
        let finite = self.scan.iter().map(|p| p[1]).filter(|v| v.is_finite());
        finite.fold((f64::NAN, f64::NAN), |(lo, hi), v| (lo.min(v), hi.max(v)))
    }
}

/// Solves for the input value at which the KPI meets the target: scans the range at
/// [`SCAN_POINTS`] values, keeps every bracket where `kpi − target` changes sign, and refines
/// the one nearest the scenario's current value by Brent's method (bisection over whole numbers
/// for whole-number inputs). Without a range in the goal, the input's slider range is scanned
/// first and its whole valid range only if the slider's holds no solution.
///
/// # Errors
/// Every problem with the scenario or the goal (unknown ids, a range outside the input's valid
/// range, a non-finite target).
pub fn solve(scenario: &Scenario, goal: &Goal) -> Result<Solution, Vec<FieldError>> {
    base_problems(scenario)?;
    let spec = fields::field(scenario, &goal.input)
        .ok_or_else(|| vec![FieldError::new("input", format!("no input `{}`", goal.input))])?
        .within(scenario);
    if !spec.applies(scenario) {
        return Err(vec![FieldError::new("input", spec.not_used())]);
    }
    if spec.max <= spec.min {
        // A one-month term allows no ramp delay but 0: nothing to seek.
        return Err(vec![FieldError::new(
            "input",
            format!(
                "“{}” can only be {} in this scenario: there is nothing to seek",
                spec.label,
                crate::inputs::in_unit(&crate::inputs::trim_number(spec.min / spec.scale), spec.unit)
            ),
        )]);
    }
    let kpi = kpi_of(&goal.kpi, "kpi").map_err(|e| vec![e])?;
    if !goal.target.is_finite() {
        return Err(vec![FieldError::new("target", "the target must be a finite number")]);
    }
    let whole = Axis {
        input: goal.input.clone(),
        from: goal.from.unwrap_or(spec.min),
        to: goal.to.unwrap_or(spec.max),
        steps: SCAN_POINTS,
    };
    whole.problems(scenario, "range")?;
    let mut evaluations = 0;
    let mut kpi_at = |x: f64| {
        evaluations += 1;
        kpis_at(scenario, &[(&spec, x)], &[kpi])[0]
    };
    // The scan keeps the KPI's values themselves: kept as gaps to the target and added back, a
    // huge target swallowed them ($5 − 1e20 + 1e20 = 0, and the scan's range changed with it).
    let gaps = |ks: &[f64]| -> Vec<f64> { ks.iter().map(|k| k - goal.target).collect() };
    let mut scan_over = |axis: &Axis| {
        let mut xs = axis.values(&spec);
        xs.dedup();
        let ks: Vec<f64> = xs.iter().map(|&x| kpi_at(x)).collect();
        (xs, ks)
    };
    // Without a range given, the slider's (where users work) is scanned first, finely; the whole
    // valid range only when the target is not met there.
    let slider = Axis { from: spec.slider.0, to: spec.slider.1, ..whole.clone() };
    let first = (goal.from.is_none() && goal.to.is_none()).then(|| scan_over(&slider));
    let (axis, (xs, ks)) = match first {
        Some(found) if !brackets(&gaps(&found.1)).is_empty() => (slider, found),
        _ => (whole.clone(), scan_over(&whole)),
    };
    let scan: Vec<[f64; 2]> = xs.iter().zip(&ks).map(|(&x, &k)| [x, k]).collect();
    let g = gaps(&ks);
    let mut gap = |x: f64| kpi_at(x) - goal.target;
    let brackets = brackets(&g);
    let here = spec.get(scenario);
    let nearest = brackets.iter().copied().min_by(|&a, &b| {
        let d = |i: usize| (f64::midpoint(xs[i], xs[(i + 1).min(xs.len() - 1)]) - here).abs();
        d(a).total_cmp(&d(b))
    });
    let (value, kpi_value) = match nearest {
        None => (None, None),
        Some(i) if g[i] == 0.0 => (Some(xs[i]), Some(scan[i][1])),
        Some(i) => {
            let (x, fx) = if spec.integer {
                bisect_whole(&mut gap, (xs[i], g[i]), (xs[i + 1], g[i + 1]))
            } else {
                brent(
                    &mut gap,
                    (xs[i], g[i]),
                    (xs[i + 1], g[i + 1]),
                    (axis.to - axis.from).abs() * X_TOLERANCE,
                )
            };
            (Some(x), Some(fx + goal.target))
        }
    };
    Ok(Solution { scan, monotone: monotone(&ks), crossings: brackets.len(), value, kpi_value, evaluations })
}

/// Indices `i` where `g` (KPI − target at the scan points) is zero or changes sign between
/// `i` and `i + 1` (NaN points, invalid scenarios, bracket nothing).
fn brackets(g: &[f64]) -> Vec<usize> {
    (0..g.len())
        .filter(|&i| {
            g[i] == 0.0
                || g.get(i + 1).is_some_and(|&h| {
                    g[i].is_finite() && h.is_finite() && (g[i] < 0.0) != (h < 0.0) && h != 0.0
                })
        })
        .collect()
}

/// Whether the finite values only rise or only fall.
fn monotone(g: &[f64]) -> bool {
    let finite: Vec<f64> = g.iter().copied().filter(|v| v.is_finite()).collect();
    finite.windows(2).all(|w| w[1] >= w[0]) || finite.windows(2).all(|w| w[1] <= w[0])
}

/// Over whole numbers: the first value past the sign change between `a` and `b` (consecutive
/// scan points), and `f` there.
fn bisect_whole(f: &mut impl FnMut(f64) -> f64, mut a: (f64, f64), mut b: (f64, f64)) -> (f64, f64) {
    while (b.0 - a.0).abs() > 1.0 {
        let m = (f64::midpoint(a.0, b.0)).round();
        let fm = f(m);
        if fm == 0.0 {
            return (m, fm);
        }
        if (fm < 0.0) == (a.1 < 0.0) {
            a = (m, fm);
        } else {
            b = (m, fm);
        }
    }
    b
}

#[allow(clippy::many_single_char_names)] // The published algorithm's names, kept to check against it.
/// Brent's method (Brent 1973, ch. 4; as in Press et al., Numerical Recipes §9.3): the root of
/// `f` in `[a, b]` where `f(a)` and `f(b)` have opposite signs, to within `tol`. Returns the
/// point and `f` there.
fn brent(
    f: &mut impl FnMut(f64) -> f64,
    (mut a, mut fa): (f64, f64),
    (mut b, mut fb): (f64, f64),
    tol: f64,
) -> (f64, f64) {
    let (mut c, mut fc) = (b, fb);
    let (mut d, mut e) = (b - a, b - a);
    for _ in 0..MAX_ITERATIONS {
        if (fb > 0.0) == (fc > 0.0) {
            (c, fc) = (a, fa);
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            (a, fa) = (b, fb);
            (b, fb) = (c, fc);
            (c, fc) = (a, fa);
        }
        let tol1 = 2.0 * f64::EPSILON * b.abs() + 0.5 * tol;
        let xm = 0.5 * (c - b);
        if xm.abs() <= tol1 || fb == 0.0 {
            break;
        }
        if e.abs() >= tol1 && fa.abs() > fb.abs() {
            // Inverse quadratic interpolation (secant when only two points differ).
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * xm * s, 1.0 - s)
            } else {
                let (qa, r) = (fa / fc, fb / fc);
                (s * (2.0 * xm * qa * (qa - r) - (b - a) * (r - 1.0)), (qa - 1.0) * (r - 1.0) * (s - 1.0))
            };
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            if 2.0 * p < (3.0 * xm * q - (tol1 * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        (a, fa) = (b, fb);
        b += if d.abs() > tol1 { d } else { tol1.copysign(xm) };
        fb = f(b);
    }
    (b, fb)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(input: &str, kpi: &str, target: f64) -> Goal {
        Goal { input: input.into(), kpi: kpi.into(), target, from: None, to: None }
    }

    #[test]
    fn brent_finds_a_cubic_root_to_tolerance() {
        let mut calls = 0;
        let mut f = |x: f64| {
            calls += 1;
            x * x * x - 2.0 * x - 5.0
        };
        let (x, fx) = brent(&mut f, (2.0, -1.0), (3.0, 16.0), 1e-12);
        // Newton's classic example: the real root is 2.0945514815423265.
        assert!((x - 2.094_551_481_542_326_5).abs() < 1e-11, "{x}");
        assert!(fx.abs() < 1e-9);
        assert!(calls < 15, "{calls} evaluations");
    }

    #[test]
    fn nominal_cost_is_linear_in_the_monthly_commitment() {
        // Fixed-monthly pricing, no escalator: nominal cost = commitment × term, so a $30B
        // target over 36 months needs $833.3M a month.
        let mut s = Scenario::default();
        s.contract.annual_escalator = crate::units::PerYear(0.0);
        let base = evaluate(&s).unwrap().contract.totals.nominal_cost.value();
        let per_month = base / s.contract.monthly_commitment.value();
        let sol = solve(&s, &goal("contract.monthly_commitment", "nominal-cost", 30e9)).unwrap();
        let v = sol.value.unwrap();
        assert!((v - 30e9 / per_month).abs() < 1.0, "{v}");
        assert!((sol.kpi_value.unwrap() - 30e9).abs() < 1e-3 * 30e9 / per_month);
        assert!(sol.monotone);
        assert_eq!(sol.crossings, 1);
    }

    #[test]
    fn whole_number_inputs_give_the_first_whole_value_past_the_target() {
        // Paid-for-undelivered capacity grows with the ramp delay; solve for a target between two
        // delays and check the answer against direct evaluations on both sides.
        let s = Scenario::default();
        let spec = fields::field(&s, "contract.ramp_delay_months").unwrap();
        let (_, kpi) = kpis::kpi("paid-for-undelivered").unwrap();
        let at = |m: f64| kpis_at(&s, &[(&spec, m)], &[kpi])[0];
        let target = f64::midpoint(at(5.0), at(6.0));
        let sol =
            solve(&s, &Goal { from: Some(0.0), to: Some(12.0), ..goal(&spec.id, kpi.id, target) }).unwrap();
        assert_eq!(sol.value, Some(6.0));
        assert_eq!(sol.kpi_value, Some(at(6.0)));
    }

    #[test]
    fn an_unreachable_target_says_so_with_the_range_reached() {
        let s = Scenario::default();
        let sol = solve(&s, &goal("contract.ramp_delay_months", "nominal-cost", 1e15)).unwrap();
        assert_eq!(sol.value, None);
        assert_eq!(sol.crossings, 0);
        let (lo, hi) = sol.kpi_range();
        assert!(lo.is_finite() && hi < 1e15);
        // The scan is the KPI's values whatever the target: kept as gaps to a huge target and
        // added back, $5 a GPU-hour read as $0.00 at 1e20 and the range moved with the target.
        let scan = |target: f64| {
            let sol = solve(&s, &goal("contract.monthly_commitment", "usd-per-delivered-gpu-hour", target))
                .unwrap();
            assert_eq!(sol.value, None, "{target}");
            assert!(sol.monotone, "{target}");
            sol.scan
        };
        let near = scan(1e3);
        for far in [1e15, 1e18, 1e20, -1e20] {
            assert_eq!(scan(far), near, "{far}");
        }
    }

    #[test]
    fn a_falling_kpi_is_solved_to_the_value_it_came_from() {
        // Present value falls as the discount rate rises: monotone, one crossing, and the
        // solver recovers the rate whose present value was the target.
        let s = Scenario::default();
        let spec = fields::field(&s, "contract.discount_rate").unwrap();
        let (_, kpi) = kpis::kpi("npv-cost").unwrap();
        let mid = kpis_at(&s, &[(&spec, 0.1)], &[kpi])[0];
        let sol = solve(&s, &Goal { from: Some(0.0), to: Some(0.3), ..goal(&spec.id, kpi.id, mid) }).unwrap();
        assert!(sol.monotone);
        assert_eq!(sol.crossings, 1);
        assert!((sol.value.unwrap() - 0.1).abs() < 1e-6, "{:?}", sol.value);
    }

    #[test]
    fn a_u_shape_has_two_brackets_and_is_not_monotone() {
        // |x − 5| − 2 at x = 0..=10: negative for 4, 5, 6; zero at 3 and 7.
        let g: Vec<f64> = (0..=10).map(|x| (f64::from(x) - 5.0).abs() - 2.0).collect();
        assert_eq!(brackets(&g), vec![3, 7]);
        assert!(!monotone(&g));
        // Sign changes between points; NaN gaps bracket nothing.
        assert_eq!(brackets(&[1.0, -1.0, f64::NAN, 1.0, 2.0, -3.0]), vec![0, 4]);
        assert!(monotone(&[1.0, f64::NAN, 2.0, 2.0, 3.0]));
        // Brent refines each bracket to its own root.
        let mut f = |x: f64| (x - 5.0).abs() - 2.5;
        let (r1, _) = brent(&mut f, (0.0, 2.5), (5.0, -2.5), 1e-12);
        let (r2, _) = brent(&mut f, (5.0, -2.5), (10.0, 2.5), 1e-12);
        assert!((r1 - 2.5).abs() < 1e-9 && (r2 - 7.5).abs() < 1e-9, "{r1} {r2}");
    }

    #[test]
    fn map_cells_equal_direct_evaluations() {
        let s = Scenario::default();
        let map = Map {
            x: Axis { input: "contract.ramp_delay_months".into(), from: 0.0, to: 12.0, steps: 4 },
            y: Axis { input: "energy.gas_price".into(), from: 2.0, to: 8.0, steps: 3 },
            kpi: "premium-over-reserved-3yr".into(),
            level: 0.0,
        };
        let cells = map.rows(&s, 0..3).unwrap();
        assert_eq!(cells.len(), 12);
        let m = map.resolve(&s).unwrap();
        for (j, y) in [2.0, 5.0, 8.0].into_iter().enumerate() {
            for (i, x) in [0.0, 4.0, 8.0, 12.0].into_iter().enumerate() {
                let mut t = s.clone();
                m.x.set(&mut t, x);
                m.y.set(&mut t, y);
                let direct = (m.kpi.value)(&evaluate(&t).unwrap());
                assert_eq!(cells[j * 4 + i].to_bits(), direct.to_bits(), "cell ({i}, {j})");
            }
        }
        // A slice of rows is the same cells.
        assert_eq!(map.rows(&s, 1..2).unwrap(), cells[4..8]);
        // Nor do they depend on the axes' own values in the scenario, which each cell sets: the
        // page keeps a map when only an axis input is edited (ui::decide).
        let mut t = s.clone();
        m.x.set(&mut t, 7.0);
        m.y.set(&mut t, 5.5);
        assert_ne!(evaluate(&t).unwrap(), evaluate(&s).unwrap());
        let bits = |c: &[f64]| c.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&map.rows(&t, 0..3).unwrap()), bits(&cells));
    }

    #[test]
    fn a_solution_with_invalid_points_survives_a_json_round_trip() {
        // Ramps longer than the term are invalid: their KPI is NaN, written as null.
        let s = Scenario::default();
        let sol = solve(&s, &goal("contract.ramp_months", "npv-cost", 0.0)).unwrap();
        assert!(sol.scan.iter().any(|p| p[1].is_nan()));
        let back: Solution = serde_json::from_str(&serde_json::to_string(&sol).unwrap()).unwrap();
        for (a, b) in sol.scan.iter().zip(&back.scan) {
            assert!(a[1].to_bits() == b[1].to_bits() || (a[1].is_nan() && b[1].is_nan()));
        }
        assert_eq!(back.value, sol.value);
    }

    /// The ramp delay is sought only over delays the term allows (up to a month before its end),
    /// so a target it cannot reach is said of that range.
    #[test]
    fn the_ramp_delay_is_sought_within_the_term() {
        let mut s = Scenario::default();
        s.contract.term_months = 24;
        let delay = fields::field(&s, "contract.ramp_delay_months").unwrap().within(&s);
        assert_eq!((delay.max, delay.slider.1.min(23.0)), (23.0, delay.slider.1));
        let sol = solve(&s, &goal("contract.ramp_delay_months", "npv-cost", 0.0)).unwrap();
        assert_eq!(sol.value, None);
        assert!(sol.scan.iter().all(|p| p[0] <= 23.0 && p[1].is_finite()), "{:?}", sol.scan);
        assert_eq!(sol.scan.last().map(|p| p[0]), Some(23.0));
        // A one-month term leaves only a delay of 0: said, with nothing sought.
        let mut one = s.clone();
        one.contract.term_months = 1;
        let e = solve(&one, &goal("contract.ramp_delay_months", "npv-cost", 0.0)).unwrap_err();
        assert_eq!(
            e[0].message,
            "“Ramp delay” can only be 0 months in this scenario: there is nothing to seek"
        );
        // A map may vary the term as well: it keeps the delay's whole range, and a delay the
        // row's term does not allow is a blank cell.
        let map = Map {
            x: Axis { input: "contract.term_months".into(), from: 12.0, to: 60.0, steps: 3 },
            y: Axis { input: "contract.ramp_delay_months".into(), from: 0.0, to: 48.0, steps: 3 },
            kpi: "npv-cost".into(),
            level: 0.0,
        };
        let cells = map.rows(&s, 0..3).unwrap();
        // Rows: delay 0, 24, 48; columns: term 12, 36, 60.
        let blank: Vec<bool> = cells.iter().map(|c| c.is_nan()).collect();
        assert_eq!(blank, [false, false, false, true, false, false, true, true, false]);
    }

    /// An input the scenario does not use (the monthly commitment of a contract priced per
    /// GPU-hour) moves no result: sought or mapped, it is refused at its picker.
    #[test]
    fn an_input_the_scenario_does_not_use_is_refused() {
        let mut s = Scenario::default();
        s.contract.pricing = crate::scenario::PricingBasis::PerGpuHour;
        let e = solve(&s, &goal("contract.monthly_commitment", "vs-best-alternative", 0.0)).unwrap_err();
        assert_eq!((e[0].field.as_str(), e.len()), ("input", 1));
        assert!(
            e[0].message.starts_with("“Monthly commitment” is not used with these settings"),
            "{}",
            e[0].message
        );
        assert!(solve(&s, &goal("contract.price_per_gpu_hour", "vs-best-alternative", 0.0)).is_ok());
        let map = Map {
            x: Axis { input: "contract.monthly_commitment".into(), from: 1.0e9, to: 2.0e9, steps: 3 },
            y: Axis { input: "energy.gas_price".into(), from: 2.0, to: 8.0, steps: 3 },
            kpi: "npv-cost".into(),
            level: 0.0,
        };
        let e = map.resolve(&s).unwrap_err();
        assert_eq!(e.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["x.input"]);
        // With fixed-monthly pricing, the same map is fine.
        assert!(map.resolve(&Scenario::default()).is_ok());
    }

    #[test]
    fn whole_number_axes_take_every_whole_value_when_few() {
        let s = Scenario::default();
        let delay = fields::field(&s, "contract.ramp_delay_months").unwrap();
        let axis = Axis::over_slider(&delay, 12);
        let values = axis.values(&delay);
        assert!(values.windows(2).all(|w| w[1] - w[0] == 1.0), "{values:?}");
        let gas = fields::field(&s, "energy.gas_price").unwrap();
        assert_eq!(Axis::over_slider(&gas, 12).steps, 12);
        // A whole-number slider wider than `usize` counts (a huge value's slider is around it)
        // keeps the steps asked for instead of overflowing the count of whole values.
        let mut wide = delay;
        wide.slider = (0.0, 1e300);
        assert_eq!(Axis::over_slider(&wide, 12).steps, 12);
    }

    #[test]
    fn bad_goals_and_maps_name_the_field() {
        let s = Scenario::default();
        let e = solve(&s, &goal("contract.nope", "npv-cost", 1.0)).unwrap_err();
        assert_eq!(e[0].field, "input");
        let e = solve(&s, &goal("contract.gpus", "nope", 1.0)).unwrap_err();
        assert_eq!(e[0].field, "kpi");
        let e = solve(&s, &goal("contract.gpus", "npv-cost", f64::NAN)).unwrap_err();
        assert_eq!(e[0].field, "target");
        let e = solve(&s, &Goal { from: Some(-5.0), ..goal("contract.ramp_delay_months", "npv-cost", 1.0) })
            .unwrap_err();
        assert_eq!(e[0].field, "range.from");
        let axis = Axis { input: "energy.gas_price".into(), from: 2.0, to: 8.0, steps: 3 };
        let e = Map { x: axis.clone(), y: axis, kpi: "npv-cost".into(), level: 0.0 }.resolve(&s).unwrap_err();
        assert_eq!(e[0].field, "y.input");
        // A site's own figure against the site count: at one site, site 2's turbines would be
        // a no-op and the row a silent copy of the site-count axis.
        let sites = Axis { input: "facility.sites".into(), from: 1.0, to: 3.0, steps: 3 };
        let gas =
            Axis { input: "energy.sites.1.sources.1.capacity_mw".into(), from: 50.0, to: 200.0, steps: 3 };
        let e = Map { x: sites.clone(), y: gas.clone(), kpi: "npv-cost".into(), level: 0.0 }
            .resolve(&s)
            .unwrap_err();
        assert_eq!((e.len(), e[0].field.as_str()), (1, "y.input"), "{e:?}");
        assert!(e[0].message.contains("cannot vary with the site count"), "{e:?}");
        let e = Map { x: gas, y: sites.clone(), kpi: "npv-cost".into(), level: 0.0 }.resolve(&s).unwrap_err();
        assert_eq!(e[0].field, "x.input");
        let price = Axis { input: "hardware.catalog.0.unit_price".into(), from: 2e4, to: 4e4, steps: 3 };
        assert!(Map { x: sites, y: price, kpi: "npv-cost".into(), level: 0.0 }.resolve(&s).is_ok());
    }
}
