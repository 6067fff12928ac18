//! Synthetic hourly weather for one typical year (8,760 hours), seeded and calibrated:
//! solar output from the sun's height (latitude, day of year, hour) times a persistent daily
//! cloudiness, wind output from Rayleigh-distributed speeds with hourly persistence through a
//! generic turbine power curve. Each profile is scaled so its annual mean equals the capacity
//! factor entered. Sources: [`super::sources::WEATHER_SHAPES`]; equations in DESIGN.md §Energy.

use crate::math;
use crate::rng::Rng;

/// Hours in the typical year.
pub const HOURS_PER_YEAR: usize = 8760;
/// Day-to-day persistence of cloudiness (AR(1) coefficient of the daily clearness).
const CLOUD_PERSISTENCE: f64 = 0.6;
/// Hour-to-hour persistence of wind speed (AR(1) coefficient of the underlying normal).
const WIND_PERSISTENCE: f64 = 0.95;
/// Turbine cut-in, rated and cut-out speeds, m/s.
const CUT_IN: f64 = 3.0;
const RATED: f64 = 12.0;
const CUT_OUT: f64 = 25.0;

/// A pair of independent standard normal draws (Box–Muller).
fn normals(rng: &mut Rng) -> (f64, f64) {
    let r = libm::sqrt(-2.0 * libm::log(rng.open01()));
    let theta = 2.0 * std::f64::consts::PI * rng.open01();
    (r * math::cos(theta), r * libm::sin(theta))
}

/// A standard normal AR(1) series of `n` values with lag-1 correlation `rho`.
fn ar1(len: usize, rho: f64, rng: &mut Rng) -> Vec<f64> {
    let innovation = libm::sqrt(1.0 - rho * rho);
    let mut out = Vec::with_capacity(len);
    let mut level = normals(rng).0;
    while out.len() < len {
        let (first, second) = normals(rng);
        for shock in [first, second] {
            if out.len() < len {
                level = rho * level + innovation * shock;
                out.push(level);
            }
        }
    }
    out
}

/// Scales `raw` (≥ 0) by a factor `k` so that `min(1, k × raw)` averages `target` (when
/// `target` is reachable: below the share of hours with any output).
pub fn calibrate(raw: &[f64], target: f64) -> Vec<f64> {
    let n = raw.len() as f64;
    let base = raw.iter().sum::<f64>() / n;
    if base <= 0.0 || target <= 0.0 {
        return vec![0.0; raw.len()];
    }
    // Newton's method on m(k) = mean(min(1, k r)), whose slope is the mean of the unclipped r.
    let mut k = target / base;
    for _ in 0..30 {
        let (mut mean, mut slope) = (0.0, 0.0);
        for r in raw {
            let x = k * r;
            if x < 1.0 {
                mean += x;
                slope += r;
            } else {
                mean += 1.0;
            }
        }
        let (mean, slope) = (mean / n, slope / n);
        if (mean - target).abs() < 1e-12 || slope <= 0.0 {
            break;
        }
        k += (target - mean) / slope;
    }
    raw.iter().map(|r| (k * r).min(1.0)).collect()
}

/// Solar output per MW of capacity for each hour of a typical year at `latitude_deg`,
/// averaging `capacity_factor`.
pub fn solar(latitude_deg: f64, capacity_factor: f64, rng: &mut Rng) -> Vec<f64> {
    calibrate(&solar_shape(latitude_deg, rng), capacity_factor)
}

/// The uncalibrated shape of solar output at a site (sun height × daily clearness); every
/// solar source at the site shares it, scaled by [`calibrate`] to its own capacity factor.
pub fn solar_shape(latitude_deg: f64, rng: &mut Rng) -> Vec<f64> {
    let phi = latitude_deg.to_radians();
    let clouds = ar1(365, CLOUD_PERSISTENCE, rng);
    let mut raw = Vec::with_capacity(HOURS_PER_YEAR);
    for (d, z) in clouds.iter().enumerate() {
        // Cooper (1969): δ = 23.45° sin(2π (284 + n) / 365), n = 1 … 365.
        let delta =
            23.45f64.to_radians() * libm::sin(2.0 * std::f64::consts::PI * (284.0 + d as f64 + 1.0) / 365.0);
        let clearness = (0.7 + 0.25 * z).clamp(0.15, 1.0);
        for h in 0..24 {
            // Hour angle at the middle of the hour, local solar time.
            let omega = (15.0 * (f64::from(h) + 0.5 - 12.0)).to_radians();
            let cos_zenith =
                libm::sin(phi) * libm::sin(delta) + libm::cos(phi) * libm::cos(delta) * math::cos(omega);
            raw.push(cos_zenith.max(0.0) * clearness);
        }
    }
    raw
}

/// Output of the generic turbine at wind speed `v`, as a share of rated power.
fn power_curve(v: f64) -> f64 {
    if !(CUT_IN..CUT_OUT).contains(&v) {
        0.0
    } else if v >= RATED {
        1.0
    } else {
        (v * v * v - CUT_IN * CUT_IN * CUT_IN) / (RATED * RATED * RATED - CUT_IN * CUT_IN * CUT_IN)
    }
}

/// Wind output per MW of capacity for each hour of a typical year, averaging `capacity_factor`.
///
/// Speeds are `c × s(z)` with `s(z) = √(−ln(1 − Φ(z)))` (a Rayleigh quantile, Weibull shape 2)
/// of an hourly AR(1) normal `z`; the scale `c` is solved so the expected output equals the
/// capacity factor, then the sampled year is rescaled to hit it exactly.
pub fn wind(capacity_factor: f64, rng: &mut Rng) -> Vec<f64> {
    wind_from_weather(&wind_weather(rng), capacity_factor)
}

/// The hourly standard-normal wind "weather" of a site; every wind source at the site shares
/// it, each through its own calibrated speed scale ([`wind_from_weather`]).
pub fn wind_weather(rng: &mut Rng) -> Vec<f64> {
    ar1(HOURS_PER_YEAR, WIND_PERSISTENCE, rng)
}

/// Wind output per MW for the site weather `z`, averaging `capacity_factor`.
pub fn wind_from_weather(weather: &[f64], capacity_factor: f64) -> Vec<f64> {
    const N: usize = 801;
    const Z_MAX: f64 = 5.0;
    let dz = 2.0 * Z_MAX / (N - 1) as f64;
    let zs: Vec<f64> = (0..N).map(|i| -Z_MAX + i as f64 * dz).collect();
    let shape: Vec<f64> = zs
        .iter()
        .map(|z| {
            let upper_tail = 0.5 * libm::erfc(z / std::f64::consts::SQRT_2);
            libm::sqrt(-libm::log(upper_tail.max(1e-300)))
        })
        .collect();
    let weights: Vec<f64> = zs.iter().map(|z| libm::exp(-0.5 * z * z)).collect();
    let wsum: f64 = weights.iter().sum();
    let expected =
        |c: f64| shape.iter().zip(&weights).map(|(s, w)| power_curve(c * s) * w).sum::<f64>() / wsum;
    // The expected output rises with the scale until cut-out bites; solve on the rising part.
    let mut lo = 0.5f64;
    let peak = (0..=78).map(|i| 0.5 + 0.25 * f64::from(i)).fold(0.5, |best, c| {
        if expected(c) > expected(best) {
            c
        } else {
            best
        }
    });
    let mut hi = peak;
    for _ in 0..50 {
        let mid = 0.5 * (lo + hi);
        if expected(mid) < capacity_factor {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let c = 0.5 * (lo + hi);
    let table: Vec<f64> = shape.iter().map(|s| power_curve(c * s)).collect();
    let raw: Vec<f64> = weather
        .iter()
        .map(|&z| {
            let x = ((z.clamp(-Z_MAX, Z_MAX) + Z_MAX) / dz).min((N - 1) as f64);
            let i = (x as usize).min(N - 2);
            let t = x - i as f64;
            table[i] * (1.0 - t) + table[i + 1] * t
        })
        .collect();
    calibrate(&raw, capacity_factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rng(seed: u64) -> Rng {
        Rng::new(seed, 0)
    }

    fn mean(v: &[f64]) -> f64 {
        v.iter().sum::<f64>() / v.len() as f64
    }

    #[test]
    fn profiles_hit_their_capacity_factor_and_stay_in_bounds() {
        for cf in [0.15, 0.24, 0.3] {
            let s = solar(35.0, cf, &mut rng(7));
            assert_eq!(s.len(), HOURS_PER_YEAR);
            assert!((mean(&s) - cf).abs() < 1e-6, "solar {cf}: {}", mean(&s));
            assert!(s.iter().all(|p| (0.0..=1.0).contains(p)));
        }
        for cf in [0.2, 0.34, 0.45] {
            let w = wind(cf, &mut rng(7));
            assert!((mean(&w) - cf).abs() < 1e-6, "wind {cf}: {}", mean(&w));
            assert!(w.iter().all(|p| (0.0..=1.0).contains(p)));
        }
    }

    #[test]
    fn solar_is_dark_at_night_and_days_are_longer_in_summer() {
        let s = solar(40.0, 0.24, &mut rng(1));
        let daylight = |day: usize| s[day * 24..day * 24 + 24].iter().filter(|p| **p > 0.0).count();
        // Midnight is dark every day; June days are longer than December days at 40° N.
        assert!((0..365).all(|d| s[d * 24] == 0.0));
        assert!(daylight(172) > daylight(355) + 3, "{} vs {}", daylight(172), daylight(355));
    }

    #[test]
    fn wind_is_persistent_hour_to_hour() {
        let w = wind(0.34, &mut rng(3));
        let m = mean(&w);
        let var: f64 = w.iter().map(|x| (x - m) * (x - m)).sum();
        let cov: f64 = w.windows(2).map(|p| (p[0] - m) * (p[1] - m)).sum();
        assert!(cov / var > 0.8, "lag-1 autocorrelation {}", cov / var);
    }

    #[test]
    fn same_seed_same_weather_different_seed_different_weather() {
        assert_eq!(wind(0.3, &mut rng(5)), wind(0.3, &mut rng(5)));
        assert_ne!(wind(0.3, &mut rng(5)), wind(0.3, &mut rng(6)));
        assert_eq!(solar(30.0, 0.25, &mut rng(5)), solar(30.0, 0.25, &mut rng(5)));
    }
}
