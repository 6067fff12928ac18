//! The datacenter model: from the contract's delivered GPUs and the hardware mix to what is
//! physically installed each month, the power it draws (IT, cooling, other losses), racks,
//! water, capital and depreciation, and whether the sites' power caps bind. Equations are in
//! DESIGN.md §Datacenter.

use super::calendar::YearMonth;
use super::contract::ContractReport;
use super::hardware::Hardware;
use super::units::{Kilowatts, Usd};
use serde::{Deserialize, Serialize};

/// How the halls are cooled; each has a typical PUE (see [`Cooling::typical_pue`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cooling {
    /// Modern hyperscale air-cooled halls.
    Air,
    /// Rear-door heat exchangers on air-cooled racks.
    RearDoor,
    /// Direct-to-chip liquid cooling.
    DirectLiquid,
    /// Single- or two-phase immersion.
    Immersion,
}

impl Cooling {
    /// Every option, for selects.
    pub const ALL: [Self; 4] = [Self::Air, Self::RearDoor, Self::DirectLiquid, Self::Immersion];

    /// A display name.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Air => "Air",
            Self::RearDoor => "Rear-door heat exchangers",
            Self::DirectLiquid => "Direct-to-chip liquid",
            Self::Immersion => "Immersion",
        }
    }

    /// Typical PUE and its source: air 1.25 (operator reports, range 1.15–1.4), direct liquid
    /// 1.10 (vendor and operator figures, 1.05–1.15), immersion 1.03 (vendor figures,
    /// 1.02–1.05); rear-door 1.18 is an estimate midway between air and direct liquid.
    pub const fn typical_pue(self) -> (f64, &'static str) {
        match self {
            Self::Air => (1.25, "operator reports of hyperscale air-cooled halls (range 1.15–1.4)"),
            Self::RearDoor => (1.18, "estimate: between modern air (1.25) and direct liquid (1.10)"),
            Self::DirectLiquid => {
                (1.10, "vendor and operator figures, e.g. Schneider, Vertiv (range 1.05–1.15)")
            }
            Self::Immersion => (1.03, "vendor figures for single/two-phase immersion (range 1.02–1.05)"),
        }
    }
}

impl Cooling {
    /// The most IT power a rack can have with this cooling, kW, and where the figure comes from;
    /// `None` where it sets no limit in the model's range (direct-to-chip liquid and immersion
    /// carry GB200 NVL72 racks at ~132 kW).
    pub const fn max_rack_kw(self) -> Option<(f64, &'static str)> {
        match self {
            Self::Air => {
                Some((40.0, "air-cooled halls host about 15–40 kW per rack, per the rack density's source"))
            }
            Self::RearDoor => {
                Some((75.0, "an estimate from their vendors' ratings of about 50–75 kW per rack"))
            }
            Self::DirectLiquid | Self::Immersion => None,
        }
    }
}

/// What is wrong when the halls' rack density is more than their cooling can remove: a warning,
/// not a refusal (the scenario still evaluates, and links made before 2026-12-01 with air-cooled
/// 132 kW racks still open), shown at the cooling choice.
pub fn cooling_warning(f: &Facility) -> Option<String> {
    let (most, why) = f.cooling.max_rack_kw()?;
    let rack = f.rack_kw.value();
    (rack > most).then(|| {
        format!(
            "{} remove at most about {most} kW a rack ({why}), but the halls are designed for {} kW a rack; \
             a GB200 NVL72 rack draws about 132 kW. Choose direct-to-chip liquid or immersion, or lower the rack density.",
            if f.cooling == Cooling::Air { "Air-cooled halls" } else { "Rear-door heat exchangers" },
            super::inputs::trim_number(rack)
        )
    })
}

/// The facility design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// Cooling technology.
    pub cooling: Cooling,
    /// Annual-average power usage effectiveness (facility ÷ IT power).
    pub pue: f64,
    /// Seasonal swing of PUE around its average (± this much, highest in the sites' summer:
    /// July north of the equator, January south of it; [`monthly_pue`]).
    pub seasonal_pue_swing: f64,
    /// Share of the non-IT overhead that is cooling (the rest: electrical losses, lighting).
    pub cooling_share_of_overhead: f64,
    /// Water usage effectiveness, litres per kWh of IT energy.
    pub wue_l_per_kwh: f64,
    /// IT power per rack.
    pub rack_kw: Kilowatts,
    /// Number of sites.
    pub sites: u32,
    /// Facility power available at each site, MW.
    pub site_power_cap_mw: f64,
    /// Months from the term's start until halls are ready.
    pub construction_months: u32,
    /// Months from the term's start until the grid or on-site power connection is ready.
    pub interconnect_months: u32,
    /// Facility capital (shell, electrical, cooling) per MW of IT load.
    pub capex_per_mw_it: Usd,
    /// Depreciation life of IT equipment, years.
    pub it_life_years: u32,
    /// Depreciation life of the facility, years.
    pub facility_life_years: u32,
}

/// One month of the build-out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatacenterMonth {
    /// The calendar month.
    pub month: YearMonth,
    /// Accelerators the contract delivers this month (the plan).
    pub planned_gpus: f64,
    /// Accelerators installed, by mix row.
    pub installed_by_row: Vec<f64>,
    /// Accelerators installed in total.
    pub installed_gpus: f64,
    /// IT load, MW.
    pub it_mw: f64,
    /// Cooling load, MW.
    pub cooling_mw: f64,
    /// Electrical losses and other non-IT load, MW.
    pub other_mw: f64,
    /// Facility load (IT × PUE this month), MW.
    pub facility_mw: f64,
    /// Racks in use.
    pub racks: f64,
    /// Water used this month, m³.
    pub water_m3: f64,
    /// IT capital spent this month: accelerators as they are installed, and again as each
    /// reaches the end of its depreciation life within the term (replaced at the same price).
    pub it_capex: Usd,
    /// Facility capital spent this month: each hall's cost spread evenly over the construction
    /// months before it goes into service (all in its first month when construction takes none).
    pub facility_capex: Usd,
    /// Depreciation charged this month.
    pub depreciation: Usd,
    /// Whether the sites' power caps held installations back this month.
    pub power_limited: bool,
}

/// Totals over the term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatacenterTotals {
    /// Highest facility load, MW.
    pub peak_facility_mw: f64,
    /// Highest IT load, MW.
    pub peak_it_mw: f64,
    /// Most accelerators installed at once.
    pub peak_installed_gpus: f64,
    /// Most accelerators the contract plans at once.
    pub peak_planned_gpus: f64,
    /// Racks at the peak.
    pub peak_racks: f64,
    /// Capital spent: IT plus facility.
    pub capex: Usd,
    /// Capital per MW of peak IT load.
    pub capex_per_mw_it: Usd,
    /// Water over the term, m³.
    pub water_m3: f64,
    /// Energy drawn over the term, MWh.
    pub facility_mwh: f64,
    /// Total facility power the sites allow, MW.
    pub power_cap_mw: f64,
    /// Whether the power caps bind in any month.
    pub power_limited: bool,
    /// Accelerators of the planned mix that fit under the power caps in the worst month.
    pub gpus_that_fit: f64,
    /// The month (from the term's start) the halls and their power connection are ready: the
    /// later of construction and interconnection. Nothing is installed before it, and the
    /// energy model commissions each site's sources no earlier.
    pub ready_month: u32,
    /// What the IT and facility capital is still worth at the end of the term: each tranche's
    /// cost less straight-line depreciation from the month it went into service.
    pub book_value_at_end: Usd,
}

/// The build-out's monthly series and totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatacenterReport {
    /// One row per month of the term.
    pub months: Vec<DatacenterMonth>,
    /// Totals over the term.
    pub totals: DatacenterTotals,
}

/// PUE in calendar month `month` (1–12): the average plus a cosine seasonal swing peaking in July,
/// times `seasons` ([`crate::energy::Energy::seasons`]: -1 when every site is south of the
/// equator, where July is winter).
/// The swing is at most `PUE − 1`, so no month falls below 1 and the year still averages the PUE
/// set (until 2026-12-01 months were cut at 1, and a ±0.3 swing on 1.10 averaged 1.152).
pub fn monthly_pue(f: &Facility, month: u8, seasons: f64) -> f64 {
    let phase = 2.0 * std::f64::consts::PI * (f64::from(month) - 7.0) / 12.0;
    let swing = f.seasonal_pue_swing.min(f.pue - 1.0).max(0.0);
    (f.pue + swing * seasons * super::math::cos(phase)).max(1.0)
}

/// Evaluates the build-out of a validated scenario's hardware mix and facility, its sites'
/// seasons lined up as `seasons` says ([`monthly_pue`]).
pub fn evaluate(hw: &Hardware, f: &Facility, contract: &ContractReport, seasons: f64) -> DatacenterReport {
    let rows: Vec<(f64, Kilowatts, Usd, u32)> = hw
        .mix
        .iter()
        .map(|r| {
            let a = hw.get(&r.accelerator).expect("validated: every mix row names a catalog entry");
            (r.share.value(), a.it_kw, a.unit_price, r.available_from_month)
        })
        .collect();
    let cap_mw = f64::from(f.sites) * f.site_power_cap_mw;
    let ready = f.construction_months.max(f.interconnect_months);
    // The most of each row ever installed: accelerators switched off when a hot month's PUE
    // leaves less power for IT are idle, not sold, and are not bought again in winter.
    let mut bought = vec![0.0; rows.len()];
    let mut it_mw_built = 0.0f64;
    // (month index into service, capital, life in months, whether IT) for depreciation.
    let mut tranches: Vec<(usize, f64, f64, bool)> = Vec::new();
    let mut gpus_that_fit = f64::INFINITY;
    // The capital of the halls going into service each month.
    let mut in_service_halls: Vec<f64> = Vec::new();
    let mut months: Vec<DatacenterMonth> = contract
        .months
        .iter()
        .enumerate()
        .map(|(m, c)| {
            let plan = c.delivered_gpus.value();
            let pue = monthly_pue(f, c.month.month(), seasons);
            let desired: Vec<f64> = rows
                .iter()
                .map(|(share, _, _, from)| if (m as u32) < ready.max(*from) { 0.0 } else { plan * share })
                .collect();
            let desired_it_kw: f64 = desired.iter().zip(&rows).map(|(n, r)| n * r.1.value()).sum();
            let desired_mw = desired_it_kw / 1000.0 * pue;
            let scale = if desired_mw > cap_mw { cap_mw / desired_mw } else { 1.0 };
            if plan > 0.0 {
                let plan_kw_per_gpu: f64 = rows.iter().map(|r| r.0 * r.1.value()).sum();
                gpus_that_fit = gpus_that_fit.min(cap_mw * 1000.0 / (plan_kw_per_gpu * pue));
            }
            let installed: Vec<f64> = desired.iter().map(|n| n * scale).collect();
            let it_kw: f64 = installed.iter().zip(&rows).map(|(n, r)| n * r.1.value()).sum();
            let it_mw = it_kw / 1000.0;
            let it_capex: f64 = installed
                .iter()
                .zip(&bought)
                .zip(&rows)
                .map(|((now, before), r)| (now - before).max(0.0) * r.2.value())
                .sum();
            let new_it_mw = (it_mw - it_mw_built).max(0.0);
            it_mw_built = it_mw_built.max(it_mw);
            let new_halls = new_it_mw * f.capex_per_mw_it.value();
            tranches.push((m, it_capex, f64::from(f.it_life_years * 12), true));
            // Assets at the end of their life are bought again, as new, this month.
            let (mut it_capex, mut replaced_halls) = (it_capex, 0.0);
            for i in 0..tranches.len() {
                let (start, k, life, it) = tranches[i];
                if k > 0.0 && life > 0.0 && (m - start) as f64 == life {
                    tranches.push((m, k, life, it));
                    *(if it { &mut it_capex } else { &mut replaced_halls }) += k;
                }
            }
            tranches.push((m, new_halls, f64::from(f.facility_life_years * 12), false));
            in_service_halls.push(new_halls);
            let depreciation: f64 = tranches
                .iter()
                .filter(|(start, _, life, _)| ((m - start) as f64) < *life)
                .map(|(_, k, life, _)| k / life)
                .sum();
            for (most, now) in bought.iter_mut().zip(&installed) {
                *most = f64::max(*most, *now);
            }
            let overhead = it_mw * (pue - 1.0);
            let hours = c.month.hours().value();
            DatacenterMonth {
                month: c.month,
                planned_gpus: plan,
                installed_gpus: installed.iter().sum(),
                installed_by_row: installed,
                it_mw,
                cooling_mw: overhead * f.cooling_share_of_overhead,
                other_mw: overhead * (1.0 - f.cooling_share_of_overhead),
                facility_mw: it_mw * pue,
                racks: (it_kw / f.rack_kw.value()).ceil(),
                water_m3: it_mw * hours * f.wue_l_per_kwh,
                it_capex: Usd(it_capex),
                facility_capex: Usd(replaced_halls),
                depreciation: Usd(depreciation),
                power_limited: scale < 1.0,
            }
        })
        .collect();
    // Each hall is paid for evenly over the construction months before it goes into service
    // (nothing goes into service before construction ends, so those months are in the term).
    let build = f.construction_months as usize;
    for (m, cost) in in_service_halls.into_iter().enumerate() {
        let before = build.min(m);
        if before == 0 {
            months[m].facility_capex += Usd(cost);
        }
        for row in &mut months[m - before..m] {
            row.facility_capex += Usd(cost / before as f64);
        }
    }
    let term = months.len() as f64;
    let book_value_at_end = tranches
        .iter()
        .filter(|(_, _, life, _)| *life > 0.0)
        .map(|(start, k, life, _)| k * (1.0 - (term - *start as f64) / life).max(0.0))
        .sum();
    let max = |g: fn(&DatacenterMonth) -> f64| months.iter().map(g).fold(0.0, f64::max);
    let capex: Usd = months.iter().map(|m| m.it_capex + m.facility_capex).sum();
    let peak_it_mw = max(|m| m.it_mw);
    let totals = DatacenterTotals {
        peak_facility_mw: max(|m| m.facility_mw),
        peak_it_mw,
        peak_installed_gpus: max(|m| m.installed_gpus),
        peak_planned_gpus: max(|m| m.planned_gpus),
        peak_racks: max(|m| m.racks),
        capex,
        capex_per_mw_it: Usd(if peak_it_mw > 0.0 { capex.value() / peak_it_mw } else { 0.0 }),
        water_m3: months.iter().map(|m| m.water_m3).sum(),
        facility_mwh: months.iter().map(|m| m.facility_mw * m.month.hours().value()).sum(),
        power_cap_mw: cap_mw,
        power_limited: months.iter().any(|m| m.power_limited),
        gpus_that_fit: if gpus_that_fit.is_finite() { gpus_that_fit } else { 0.0 },
        ready_month: ready,
        book_value_at_end: Usd(book_value_at_end),
    };
    DatacenterReport { months, totals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{contract, Scenario};

    fn run(s: &Scenario) -> DatacenterReport {
        evaluate(&s.hardware, &s.facility, &contract::evaluate(&s.contract), s.energy.seasons())
    }

    #[test]
    fn a_swing_larger_than_the_pue_allows_keeps_the_annual_average() {
        let mut f = Scenario::default().facility;
        f.seasonal_pue_swing = 0.3;
        let months: Vec<f64> = (1..=12).map(|m| monthly_pue(&f, m, 1.0)).collect();
        let mean = months.iter().sum::<f64>() / 12.0;
        assert!((mean - f.pue).abs() < 1e-12, "{mean}");
        assert!(months.iter().all(|p| *p >= 1.0) && (months[6] - 1.2).abs() < 1e-12, "{months:?}");
    }

    #[test]
    fn racks_too_dense_for_their_cooling_are_warned_of() {
        let mut f = Scenario::default().facility;
        assert_eq!(cooling_warning(&f), None, "the default: direct liquid at 132 kW");
        f.cooling = Cooling::Air;
        let warning = cooling_warning(&f).expect("air cannot cool 132 kW racks");
        assert!(warning.starts_with("Air-cooled halls remove at most about 40 kW a rack"), "{warning}");
        assert!(warning.contains("designed for 132 kW a rack"), "{warning}");
        f.rack_kw = Kilowatts(40.0);
        assert_eq!(cooling_warning(&f), None, "40 kW air-cooled racks are common");
        f.cooling = Cooling::RearDoor;
        f.rack_kw = Kilowatts(80.0);
        assert!(cooling_warning(&f).is_some());
        f.cooling = Cooling::Immersion;
        f.rack_kw = Kilowatts(250.0);
        assert_eq!(cooling_warning(&f), None);
    }

    #[test]
    fn conversions_by_hand() {
        let mut s = Scenario::default();
        s.facility.seasonal_pue_swing = 0.0;
        s.facility.site_power_cap_mw = 1e6;
        let r = run(&s);
        let m = &r.months[0];
        // 325,000 × (86.9 % × 1.275 + 13.1 % × 1.75) kW = IT load; × 1.1 PUE = facility.
        let kw_per_gpu = 0.652 * 1.275 + 0.217 * 1.275 + 0.131 * 1.75;
        let it_mw = 325_000.0 * kw_per_gpu / 1000.0;
        assert!((m.it_mw - it_mw).abs() < 1e-9);
        assert!((m.facility_mw - it_mw * 1.1).abs() < 1e-9);
        assert!((m.cooling_mw + m.other_mw - it_mw * 0.1).abs() < 1e-9);
        // June: 720 h × IT MW × 1.8 L/kWh = m³ (MWh × L/kWh = m³).
        assert!((m.water_m3 - it_mw * 720.0 * 1.8).abs() < 1e-6);
        assert_eq!(m.racks, (it_mw * 1000.0 / 132.0).ceil());
        // Capital in month 0: every GPU at its price, plus $11M per MW of IT.
        let gpu_capex = 325_000.0 * (0.869 * 270_000.0 / 8.0 + 0.131 * 3.4e6 / 72.0);
        assert!((m.it_capex.value() - gpu_capex).abs() < 1.0);
        assert!((m.facility_capex.value() - it_mw * 11e6).abs() < 1.0);
        // Straight-line: 1/72 of IT and 1/300 of the facility each month.
        let dep = gpu_capex / 72.0 + it_mw * 11e6 / 300.0;
        assert!((m.depreciation.value() - dep).abs() < 1.0);
        assert!(!r.totals.power_limited);
    }

    #[test]
    fn a_binding_power_cap_installs_only_what_fits() {
        let mut s = Scenario::default();
        s.facility.sites = 1;
        s.facility.site_power_cap_mw = 200.0;
        let r = run(&s);
        assert!(r.totals.power_limited);
        for m in &r.months {
            assert!(m.facility_mw <= 200.0 + 1e-9, "{} MW in {}", m.facility_mw, m.month);
        }
        assert!(r.totals.gpus_that_fit < 325_000.0 && r.totals.gpus_that_fit > 100_000.0);
        // The worst month (July, highest PUE) installs exactly what fits; cooler months fit more.
        let july = r.months.iter().find(|m| m.month.month() == 7).unwrap();
        assert!((july.installed_gpus - r.totals.gpus_that_fit).abs() / r.totals.gpus_that_fit < 1e-9);
        assert!(r.totals.peak_installed_gpus >= r.totals.gpus_that_fit);
        // Accelerators idled in summer are not bought again in winter: the IT capital is each
        // row's most ever installed at its price.
        let most: Vec<f64> = (0..s.hardware.mix.len())
            .map(|row| r.months.iter().map(|m| m.installed_by_row[row]).fold(0.0, f64::max))
            .collect();
        let want: f64 = s
            .hardware
            .mix
            .iter()
            .zip(&most)
            .map(|(row, n)| n * s.hardware.get(&row.accelerator).unwrap().unit_price.value())
            .sum();
        let it: f64 = r.months.iter().map(|m| m.it_capex.value()).sum();
        assert!((it - want).abs() <= 1e-9 * want, "{it} vs {want}");
    }

    /// Halls are paid for over their construction, evenly, before they go into service;
    /// depreciation starts when they do, and the total is what the same halls cost built at once.
    #[test]
    fn halls_are_paid_for_during_construction() {
        let mut s = Scenario::default();
        let at_once = run(&s);
        s.facility.construction_months = 18;
        let r = run(&s);
        // The whole fleet goes in at month 18 (no ramp): its halls cost what they did.
        let halls = at_once.months[0].facility_capex.value();
        assert!(halls > 1e9);
        for (m, row) in r.months.iter().enumerate() {
            let want = if m < 18 { halls / 18.0 } else { 0.0 };
            assert!((row.facility_capex.value() - want).abs() <= 1e-9 * halls, "month {m}");
            assert_eq!(row.depreciation.value() > 0.0, m >= 18, "month {m}");
        }
        // A ramp adds halls month by month: each is paid for over the 18 months before its
        // own month, so month m pays for the halls going in over months m+1 … m+18.
        s.contract.ramp_months = 24;
        let r = run(&s);
        let new_halls: Vec<f64> = (0..r.months.len())
            .map(|m| {
                let before =
                    if m == 0 { 0.0 } else { r.months[..m].iter().map(|x| x.it_mw).fold(0.0, f64::max) };
                (r.months[m].it_mw - before).max(0.0) * 11e6
            })
            .collect();
        for (m, row) in r.months.iter().enumerate() {
            let want: f64 = new_halls.iter().skip(m + 1).take(18).sum::<f64>() / 18.0;
            assert!((row.facility_capex.value() - want).abs() <= 1e-6 * halls, "month {m}");
        }
        assert!(r.months[20].facility_capex.value() > 0.0, "halls for the ramp's later months");
        // Halls with a one-year life are rebuilt in months 12 and 24 (at once, as replaced).
        s.contract.ramp_months = 0;
        s.facility.construction_months = 0;
        s.facility.facility_life_years = 1;
        let r = run(&s);
        for m in [12, 24] {
            assert!((r.months[m].facility_capex.value() - halls).abs() <= 1e-9 * halls, "month {m}");
        }
        // The last halls, 12 of 12 months old at the end of the 36-month term: no book value.
        let it = r.months[0].it_capex.value();
        assert!((r.totals.book_value_at_end.value() - it * (1.0 - 36.0 / 72.0)).abs() <= 1e-9 * it);
    }

    /// Accelerators at the end of their life within the term are bought again, and the book
    /// value at the end counts the replacements' age, not the originals'.
    #[test]
    fn accelerators_past_their_life_are_replaced() {
        let mut s = Scenario::default();
        s.contract.term_months = 120;
        s.facility.seasonal_pue_swing = 0.0;
        let r = run(&s);
        let (first, it_life) = (r.months[0].it_capex.value(), 72);
        assert!(first > 1e9);
        assert!((r.months[it_life].it_capex.value() - first).abs() <= 1e-9 * first);
        let later: f64 = r.months[1..].iter().map(|m| m.it_capex.value()).sum();
        assert!((later - first).abs() <= 1e-9 * first, "bought once more, at month 72 only");
        // Replaced at month 72, 48 months old at the end: a third of the IT left; the halls
        // 120 of 300 months old.
        let halls = r.months[0].facility_capex.value();
        let want = first / 3.0 + halls * (1.0 - 120.0 / 300.0);
        assert!(
            (r.totals.book_value_at_end.value() - want).abs() <= 1e-9 * want,
            "{} against {want} ({first}, {halls})",
            r.totals.book_value_at_end.value()
        );
    }

    #[test]
    fn lead_times_and_generation_availability_hold_installs_back() {
        let mut s = Scenario::default();
        s.facility.construction_months = 4;
        s.hardware.mix[2].available_from_month = 10;
        let r = run(&s);
        assert_eq!(r.months[3].installed_gpus, 0.0);
        let gb200_share = 0.131;
        assert!((r.months[4].installed_gpus - 325_000.0 * (1.0 - gb200_share)).abs() < 1e-6);
        assert!((r.months[10].installed_gpus - 325_000.0).abs() < 1e-6);
    }

    /// PUE peaks in the sites' summer: July in the north, January in the south, flat in the
    /// fleet's total with as many sites each side.
    #[test]
    fn seasonal_pue_peaks_in_the_sites_summer() {
        let mut s = Scenario::default();
        let f = s.facility.clone();
        assert_eq!(s.energy.seasons(), 1.0, "the reported sites are northern");
        assert!((monthly_pue(&f, 7, 1.0) - (f.pue + f.seasonal_pue_swing)).abs() < 1e-12);
        assert!((monthly_pue(&f, 1, 1.0) - (f.pue - f.seasonal_pue_swing)).abs() < 1e-12);
        // Both sites in the south (Chile's Atacama, about 23 °S): the hottest month is January.
        for site in &mut s.energy.sites {
            site.latitude_deg = -23.0;
        }
        assert_eq!(s.energy.seasons(), -1.0);
        let r = run(&s);
        let (mut months, pue) = (r.months.clone(), |m: &DatacenterMonth| m.facility_mw / m.it_mw);
        months.retain(|m| m.it_mw > 0.0);
        let hottest = months.iter().max_by(|a, b| pue(a).total_cmp(&pue(b))).unwrap();
        assert_eq!(hottest.month.month(), 1);
        assert!((pue(hottest) - (f.pue + f.seasonal_pue_swing)).abs() < 1e-12);
        // One site each side: no swing in the total.
        s.energy.sites[0].latitude_deg = 31.0;
        assert_eq!(s.energy.seasons(), 0.0);
        assert!(run(&s).months.iter().all(|m| (m.facility_mw / m.it_mw - f.pue).abs() < 1e-12));
    }
}
