//! Seeded equipment outages. Each unit alternates between running and repair with exponential
//! durations (a two-state Markov process): mean repair `r` hours and mean run
//! `r × (1 − q) / q`, so a unit is down a share `q` of the time in the long run. Events are
//! generated directly (a few hundred over a term), so the cost does not grow with the hours.

use crate::rng::Rng;

/// An exponential draw with mean `mean`.
fn exponential(mean: f64, rng: &mut Rng) -> f64 {
    let u = rng.open01();
    -mean * libm::log(u)
}

/// Units down in each of `hours` hours, for `units` identical units each down a share
/// `rate` of the time with mean repair `repair_hours`. An hour counts a unit as down when the
/// unit is down at the middle of the hour.
pub fn units_down(units: u32, rate: f64, repair_hours: f64, hours: usize, rng: &mut Rng) -> Vec<u16> {
    let mut down = vec![0u16; hours];
    if units == 0 || rate <= 0.0 || hours == 0 {
        return down;
    }
    if rate >= 1.0 {
        down.fill(units.min(u32::from(u16::MAX)) as u16);
        return down;
    }
    let repair = repair_hours.max(1e-3);
    let run = repair * (1.0 - rate) / rate;
    let horizon = hours as f64;
    // Difference array: +1 where an outage starts covering hour midpoints, −1 after it ends.
    let mut diff = vec![0i32; hours + 1];
    for _ in 0..units.min(u32::from(u16::MAX)) {
        let uniform = rng.unit();
        let mut is_down = uniform < rate;
        let mut t = 0.0;
        while t < horizon {
            let length = exponential(if is_down { repair } else { run }, rng);
            if is_down {
                // Hours h whose midpoint h + 0.5 lies in [t, t + length).
                let first = libm::ceil(t - 0.5).max(0.0) as usize;
                let end = (libm::ceil(t + length - 0.5).max(0.0) as usize).min(hours);
                if first < end {
                    diff[first] += 1;
                    diff[end] -= 1;
                }
            }
            t += length;
            is_down = !is_down;
        }
    }
    let mut level = 0i32;
    for (d, out) in diff.iter().zip(down.iter_mut()) {
        level += d;
        *out = level as u16;
    }
    down
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_long_run_share_down_matches_the_rate() {
        let mut rng = Rng::new(11, 0);
        let hours = 200_000;
        let down = units_down(20, 0.05, 48.0, hours, &mut rng);
        let share = down.iter().map(|d| f64::from(*d)).sum::<f64>() / (20.0 * hours as f64);
        assert!((share - 0.05).abs() < 0.005, "{share}");
        assert!(down.iter().all(|d| *d <= 20));
    }

    #[test]
    fn outages_last_about_the_repair_time() {
        let mut rng = Rng::new(2, 0);
        let down = units_down(1, 0.1, 24.0, 500_000, &mut rng);
        let starts = down.windows(2).filter(|w| w[0] == 0 && w[1] == 1).count();
        let hours_down = down.iter().filter(|d| **d == 1).count();
        let mean = hours_down as f64 / starts as f64;
        assert!((mean - 24.0).abs() < 2.5, "{mean}");
    }

    #[test]
    fn no_rate_no_outages_and_full_rate_always_down() {
        let mut rng = Rng::new(1, 0);
        assert!(units_down(5, 0.0, 48.0, 100, &mut rng).iter().all(|d| *d == 0));
        assert!(units_down(5, 1.0, 48.0, 100, &mut rng).iter().all(|d| *d == 5));
    }
}
