//! A plain-language reading of the current report, built from its numbers.

use super::state::ScenarioState;
use crate::format;
use crate::model::alternatives::Choice;
use crate::model::{Report, Scenario};
use leptos::prelude::*;
use std::fmt::Write as _;

/// The summary sentences for a scenario and its report.
pub fn describe(s: &Scenario, r: &Report) -> String {
    let t = &r.contract.totals;
    let per_hour = t.usd_per_delivered_gpu_hour.value();
    // The GPU cloud's price for a delivered GPU-hour's compute: its H100-class rate times the
    // H100-class hours that match one (said when the mix is not H100-class).
    let rate = s.alternatives.neocloud_price.value();
    let h100s = r.alternatives.h100_per_gpu_hour;
    let market = rate * h100s;
    let matched = if (h100s - 1.0).abs() < 0.005 {
        String::new()
    } else {
        format!(" for this compute ({} an H100-hour × {:.2})", format::usd_per_gpu_hour(rate), h100s)
    };
    let mut text = format!(
        "Effective cost is {} per delivered GPU-hour ({} per useful GPU-hour), {:.1}× the GPU cloud's {}{matched}. \
         Payments total {} nominal, {} discounted at {} a year to {}.",
        format::usd_per_gpu_hour(per_hour),
        format::usd_per_gpu_hour(t.usd_per_useful_gpu_hour.value()),
        per_hour / market,
        format::usd_per_gpu_hour(market),
        format::usd(t.nominal_cost.value()),
        format::usd(t.npv_cost.value()),
        // Two decimals where it has them (9.25 %, not 9.2 %).
        format::percent_to(s.contract.discount_rate.value(), 2),
        s.contract.start.label(),
    );
    let undelivered = t.paid_for_undelivered.value();
    if undelivered > 0.0 {
        let _ = write!(
            text,
            " {} ({}) pays for capacity that has not arrived; full capacity {}.",
            format::usd(undelivered),
            format::percent(undelivered / t.nominal_cost.value()),
            t.fully_ramped.map_or_else(
                || "never arrives within the term".to_owned(),
                |m| format!("arrives in {}", m.label())
            ),
        );
        // Take-or-pay bills a slip whoever causes it; a late-delivery credit, which the filing
        // does not disclose (0 by default), is what would return a provider's own lateness.
        if s.contract.ramp_delay_months > 0 && s.contract.delay_credit.value() == 0.0 {
            text.push_str(
                " A late-delivery credit would return part of a provider's slip (not disclosed; 0 % here).",
            );
        }
    }
    let credits = t.credits.value();
    if credits > 0.0 {
        let months = r.contract.months.iter().filter(|m| m.credits.value() > 0.0).count();
        let _ = write!(
            text,
            " Credits for missed availability or late delivery take {} off the bill in {months} {} of the term: a shortfall lowers the bill, not by what the lost compute was worth.",
            format::usd(credits),
            if months == 1 { "month" } else { "months" },
        );
    }
    let best = r.alternatives.best_alternative();
    let gap = r.alternatives.premium_over(best.option);
    // The contract's row of the comparison rents what its provider cannot install: said, so the
    // gap is not read against the present value above.
    let contract = r.alternatives.get(Choice::Contract);
    let with = if contract.rents_part() {
        format!(
            "with its data egress and renting the {} its provider's sites cannot install",
            format::percent(1.0 - contract.own_share)
        )
    } else {
        "with its data egress".to_owned()
    };
    // A gap that rounds to nothing (a goal seek's break-even) is "the same", not "$0 less".
    let versus = match format::usd(gap.abs()) {
        zero if zero == "$0" => "the same as the contract".to_owned(),
        amount => format!("{amount} {} than the contract", if gap >= 0.0 { "less" } else { "more" }),
    };
    let _ = write!(
        text,
        " The cheapest alternative for the same compute is {} at {} per scheduled GPU-hour (levelized; the contract {} on the same basis), {versus} ({with}) in present value.",
        crate::format::in_sentence(best.option.label()),
        format::usd_per_gpu_hour(best.usd_per_gpu_hour.value()),
        format::usd_per_gpu_hour(contract.usd_per_gpu_hour.value()),
    );
    if r.alternatives.cheapest == Choice::Contract {
        text.push_str(" The contract is the cheapest option.");
    }
    let power = crate::model::contract_power(&r.datacenter, &r.energy);
    if let Some(d) =
        crate::model::sensitivity::contract_drivers(s, &power).first().filter(|d| d.range() > 1e-9 * per_hour)
    {
        // Each direction from today's figure, with the value the model applied (whole-number
        // inputs round): the cost need not lie between the two (an SLA's credits lower it on
        // both sides of the default availability). A swing the model refused is not named.
        let spec = crate::model::inputs::input(d.id);
        let at = |v: f64| {
            spec.map_or_else(String::new, |x| {
                format!(" ({})", crate::model::inputs::in_unit(&format::significant(v / x.scale, 4), x.unit))
            })
        };
        let (lower, higher) =
            if d.unit == "%" { ("a point lower", "a point higher") } else { ("10 % lower", "10 % higher") };
        let side = |input: Option<f64>, at_limit: bool, limit: &str, step: &str, kpi: f64| {
            input.map(|value| {
                let how = if at_limit { format!("at its {limit}") } else { step.to_owned() };
                (format!("{how}{}", at(value)), format::usd_per_gpu_hour(kpi))
            })
        };
        let down = side(d.low_input, d.low_at_limit, "minimum", lower, d.low);
        let up = side(d.high_input, d.high_at_limit, "maximum", higher, d.high);
        let moves = match (down, up) {
            (Some((first, to)), Some((second, then))) => {
                let now = format::usd_per_gpu_hour(per_hour);
                // A side that moves it by less than a cent says so rather than "$5.26 to $5.26".
                let second = if then == now {
                    format!("{second} leaves it at {then}")
                } else {
                    format!("{second} to {then}")
                };
                format!("{first} takes the cost per delivered GPU-hour from {now} to {to}, and {second}")
            }
            (Some((only, to)), None) | (None, Some((only, to))) => format!(
                "{only} takes the cost per delivered GPU-hour from {} to {to}",
                format::usd_per_gpu_hour(per_hour)
            ),
            (None, None) => String::new(),
        };
        if !moves.is_empty() {
            let _ = write!(text, " The largest driver among the contract terms is “{}”: {moves}.", d.label);
        }
        if d.id == "contract.sla.expected_availability" && d.low < per_hour {
            text.push_str(" Lower availability costs less per delivered hour: the SLA's credits start below its commitment.");
        }
    }
    // The provider delivers only what its datacenter installs, which may fall short of the
    // schedule (power caps, halls, lead times, a generation not yet available). Say so, with the
    // month it falls shortest, rather than let the headline hide it.
    let gap = |m: &crate::model::datacenter::DatacenterMonth| m.planned_gpus - m.installed_gpus;
    let short: Vec<_> = r
        .datacenter
        .months
        .iter()
        .filter(|m| m.planned_gpus > 0.0 && gap(m) > 0.005 * m.planned_gpus)
        .collect();
    // The first month of the largest gap (a build that starts from nothing is short by all of it
    // until the first hall opens: name when that starts, not when it ends).
    let worst = short.iter().copied().reduce(|a, b| if gap(b) > gap(a) { b } else { a });
    if let (Some(m), Some(first), Some(last)) = (worst, short.first(), short.last()) {
        let when = if short.len() == 1 {
            format!(": in {}", m.month.label())
        } else {
            format!(
                " in {} months between {} and {}; at worst, in {},",
                short.len(),
                first.month.label(),
                last.month.label(),
                m.month.label()
            )
        };
        let _ = write!(
            text,
            " The datacenter plan falls short of the contract{when} it has {} of the {} accelerators due online{}: the provider delivers only what is installed, and the comparison rents the rest.",
            format::compact(m.installed_gpus),
            format::compact(m.planned_gpus),
            if m.power_limited { " (the sites' power caps bind)" } else { "" },
        );
    }
    let e = &r.energy.totals;
    let _ = write!(
        text,
        " Power costs {} blended ({} and {} t CO2 a year, the provider's cost: the contract's price does not follow it), with {} of hours fully powered.",
        format::usd_per_mwh(e.blended_price.value()),
        format::usd(e.annual_cost.value()),
        format::compact(e.annual_co2_t),
        format::percent(e.fully_powered_share.value()),
    );
    // Only from valid resilience settings (they do not make the scenario invalid: they only
    // stop the simulation), counting the sites that hold capacity.
    let res = &s.resilience;
    let holding = res.sites.iter().filter(|x| x.share.value() > 0.0).count();
    if holding > 0 && crate::model::resilience::scenario_problems(s).is_empty() {
        if holding == 1 {
            text.push_str(" All the capacity sits at one site: one outage there stops the whole fleet.");
        } else {
            let spread = crate::model::resilience::concentration(res);
            let _ = write!(
                text,
                " The capacity is split across {holding} sites (the largest holds {}); the worst single event, an outage or a regional one, takes {} of it at once.",
                format::percent(spread.largest_site),
                format::percent(spread.largest_event),
            );
            // A facility past the layout's limit: the outage model has its first sites only.
            let facility = s.facility.sites as usize;
            if res.sites.len() == crate::model::resilience::MAX_SITES && facility > res.sites.len() {
                let _ = write!(
                    text,
                    " (The outage model lists the first {} of the facility's {facility} sites.)",
                    res.sites.len()
                );
            }
        }
    }
    let tr = &r.training;
    if let (Some(days), Some(cost)) = (tr.fleet.days_to_train, tr.fleet.cost_per_run) {
        let _ = write!(
            text,
            " At its peak, the fleet's training share trains a {} run in {} for {} under the contract.",
            format::flop(tr.run_flop),
            format::days(days),
            format::usd(cost.value()),
        );
    }
    if let Some(exit) = &t.earliest_exit {
        // Nothing owed at all (no commitment, no notice): said so, not "still costs $0"; and
        // what is paid before the notice apart from what the exit itself costs.
        let cost = exit.total_cost.value();
        let notice = s.contract.termination.earliest_notice_month as usize;
        let before: f64 = r.contract.months.iter().take(notice).map(|m| m.payment.value()).sum();
        let _ = write!(
            text,
            " Walking away at the first chance (notice in {}) {}.",
            exit.notice_month.label(),
            if cost <= 0.0 {
                "costs nothing".to_owned()
            } else if exit.saving.value() < 0.0 {
                format!(
                    "costs {} more than running the full term ({} in all, with the fee and any unused prepayment lost)",
                    format::usd(-exit.saving.value()),
                    format::usd(cost)
                )
            } else if exit.saving.value() == 0.0 {
                format!(
                    "saves nothing: the notice runs to the end of the term ({} in all)",
                    format::usd(cost)
                )
            } else if before > 0.0 {
                format!(
                    "costs {} more than paid by then ({} in all)",
                    format::usd(cost - before),
                    format::usd(cost)
                )
            } else {
                format!("still costs {}", format::usd(cost))
            }
        );
    } else if s.contract.termination.earliest_notice_month >= s.contract.term_months {
        text.push_str(" The termination clause opens only after the term ends: no exit shortens it.");
    }
    text
}

/// The summary's first sentence (the headline cost) and the rest, which starts with its space.
fn headline(text: &str) -> (&str, &str) {
    text.find(". ").map_or((text, ""), |i| text.split_at(i + 1))
}

/// The summary paragraph. Its first sentence is what a screen reader reads out after an edit:
/// the whole paragraph, ~150 words, was read again at every step of a slider.
#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let text = Memo::new(move |_| state.report.with(|r| state.last_good.with(|s| describe(s, r))));
    view! {
        <p class="summary">
            <span aria-live="polite">{move || text.with(|t| headline(t).0.to_owned())}</span>
            {move || text.with(|t| headline(t).1.to_owned())}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evaluate;

    fn text(s: &Scenario) -> String {
        describe(s, &evaluate(s).unwrap())
    }

    #[test]
    fn reads_the_numbers_of_the_report() {
        let s = Scenario::default();
        let t = text(&s);
        let (head, rest) = headline(&t);
        assert!(head.starts_with("Effective cost is $5.29") && head.ends_with("× 1.20)."), "{head}");
        assert!(rest.starts_with(" Payments total $"), "{rest}");
        assert_eq!(headline("One sentence."), ("One sentence.", ""));
        assert!(t.starts_with("Effective cost is $5.29 per delivered GPU-hour ($5.88 per useful"), "{t}");
        // 5.29 ÷ (2.50 × 1.20): the mix's GB200s are 2.53 H100-class hours each.
        assert!(
            t.contains("1.8× the GPU cloud's $3.00 for this compute ($2.50 an H100-hour × 1.20)."),
            "{t}"
        );
        let mut h100 = Scenario::default();
        h100.hardware.mix.truncate(1);
        h100.hardware.mix[0].share.0 = 1.0;
        assert!(text(&h100).contains("2.1× the GPU cloud's $2.50. Payments"), "{}", text(&h100));
        assert!(t.contains("notice in Sep 2026) costs $3.75B more than paid by then ($7.5B in all)."), "{t}");
        // The alternative's levelized cost stands beside the contract's on the same basis, not
        // only beside the nominal figure that opens the paragraph.
        let r = evaluate(&s).unwrap();
        let contract =
            format::usd_per_gpu_hour(r.alternatives.get(Choice::Contract).usd_per_gpu_hour.value());
        assert!(t.contains(&format!("(levelized; the contract {contract} on the same basis)")), "{t}");
        assert!(t.contains("discounted at 12 % a year"), "{t}");
        let mut rate = Scenario::default();
        crate::model::inputs::input("contract.discount_rate").unwrap().set(&mut rate, 0.0925);
        assert!(text(&rate).contains("discounted at 9.25 % a year"), "{}", text(&rate));
        // A notice that runs past the term shortens nothing.
        let mut long = Scenario::default();
        long.contract.termination.notice_days = 2000;
        let t = text(&long);
        assert!(
            t.contains(
                "(notice in Sep 2026) saves nothing: the notice runs to the end of the term ($45B in all)."
            ),
            "{t}"
        );
        // A fee larger than the rest of the term: leaving costs more than staying.
        let mut fee = Scenario::default();
        fee.contract.termination.fee = crate::model::units::Usd(50e9);
        let t = text(&fee);
        assert!(
            t.contains("(notice in Sep 2026) costs $12.5B more than running the full term ($57.5B in all"),
            "{t}"
        );
        // A clause that opens after the term: said, not left out.
        let mut late = Scenario::default();
        late.contract.termination.earliest_notice_month = 40;
        assert!(
            text(&late)
                .ends_with("The termination clause opens only after the term ends: no exit shortens it."),
            "{}",
            text(&late)
        );
        // On demand, no notice: leaving owes nothing.
        let on_demand = crate::model::presets::by_id("hyperscaler-on-demand").unwrap().scenario();
        assert!(text(&on_demand).contains("notice in Jun 2026) costs nothing."), "{}", text(&on_demand));
        assert!(!t.contains("not arrived"));
        assert!(!t.contains("Credits"), "no credits by default: {t}");
        // Availability a point below the SLA's 99.5 %: 30 % back in every month of the 36.
        let mut low = Scenario::default();
        low.contract.sla.expected_availability.0 = 0.985;
        let r = evaluate(&low).unwrap();
        let credits = r.contract.totals.credits.value();
        assert!(credits > 0.0);
        assert!(
            text(&low).contains(&format!(
                "Credits for missed availability or late delivery take {} off the bill in 36 months of the term",
                format::usd(credits)
            )),
            "{}",
            text(&low)
        );
        let mut s = Scenario::default();
        s.contract.ramp_delay_months = 6;
        let t = text(&s);
        assert!(
            t.contains(
                "$7.5B (16.7 %) pays for capacity that has not arrived; full capacity arrives in Dec 2026"
            ),
            "{t}"
        );
        assert!(
            t.contains(
                "A late-delivery credit would return part of a provider's slip (not disclosed; 0 % here)."
            ),
            "{t}"
        );
        // With a late-delivery credit set, the slip is credited and the hint is gone.
        s.contract.delay_credit.0 = 1.0;
        assert!(!text(&s).contains("A late-delivery credit would return"));
    }

    #[test]
    fn names_the_largest_driver_energy_and_training() {
        let s = Scenario::default();
        let r = evaluate(&s).unwrap();
        let t = describe(&s, &r);
        // A point lower crosses the 99 % SLA band (30 % credit): $3.74; raised to 100 %, $5.26.
        // Both are below today's $5.29, so each direction is named from it.
        assert!(t.contains("The largest driver among the contract terms is “Expected availability”: a point lower (98.5 %) takes the cost per delivered GPU-hour from $5.29 to $3.74, and at its maximum (100 %) to $5.26. Lower availability costs less per delivered hour: the SLA's credits start below its commitment."), "{t}");
        assert!(t.contains("Power costs $80.39/MWh blended ($337M and 2.2M t CO2 a year"), "{t}");
        assert!(t.contains("trains a 1e26 FLOP run in 19.5 days for $344M under the contract"), "{t}");
        // With full availability and no credits the GPU count leads: $5.26 / 1.1 = $4.79 and
        // $5.26 / 0.9 = $5.85.
        let mut s = Scenario::default();
        s.contract.sla.credit_bands.iter_mut().for_each(|b| b.credit.0 = 0.0);
        s.contract.sla.expected_availability.0 = 1.0;
        let t = describe(&s, &evaluate(&s).unwrap());
        assert!(
            t.contains(
                "is “Contracted GPUs”: 10 % lower (292.5 thousand GPUs) takes the cost per delivered GPU-hour from $5.26 to $5.85, and 10 % higher (357.5 thousand GPUs) to $4.79."
            ),
            "{t}"
        );
    }

    #[test]
    fn says_when_the_datacenter_plan_falls_short_of_the_contract() {
        let s = Scenario::default();
        assert!(!text(&s).contains("falls short"), "the default plan keeps up: {}", text(&s));
        // A 100 MW cap per site: the fleet needs several hundred MW, so most of it never fits.
        let mut capped = Scenario::default();
        capped.facility.site_power_cap_mw = 100.0;
        let r = evaluate(&capped).unwrap();
        let gap = |m: &crate::model::datacenter::DatacenterMonth| m.planned_gpus - m.installed_gpus;
        let months = &r.datacenter.months;
        let most = months.iter().map(gap).fold(0.0, f64::max);
        // The first month with the largest gap; every month is short here.
        let worst = months.iter().find(|m| gap(m) == most).unwrap();
        assert!(months.iter().all(|m| gap(m) > 0.005 * m.planned_gpus));
        assert!(worst.power_limited && worst.installed_gpus < 0.8 * worst.planned_gpus);
        let t = describe(&capped, &r);
        let want = format!(
            "The datacenter plan falls short of the contract in 36 months between Jun 2026 and May 2029; at worst, in {}, it has {} of the {} accelerators due online (the sites' power caps bind): the provider delivers only what is installed, and the comparison rents the rest.",
            worst.month.label(),
            format::compact(worst.installed_gpus),
            format::compact(worst.planned_gpus)
        );
        assert!(t.contains(&want), "{t}");
        // The gap to the cheapest alternative is taken from the comparison's contract row, which
        // rents what the sites cannot install: said, with the share, and not said without one.
        let rented = 1.0 - r.alternatives.get(Choice::Contract).own_share;
        let with = format!(
            "with its data egress and renting the {} its provider's sites cannot install",
            format::percent(rented)
        );
        assert!(rented > 0.1 && t.contains(&with), "{t}");
        assert!(
            text(&s).contains("than the contract (with its data egress) in present value"),
            "{}",
            text(&s)
        );
    }

    #[test]
    fn says_how_concentrated_the_capacity_is() {
        use crate::model::resilience::scenario_problems;
        // The default: two equal sites in one region, whose winter storm takes both.
        let mut s = Scenario::default();
        assert!(text(&s).contains("split across 2 sites (the largest holds 50 %); the worst single event, an outage or a regional one, takes 100 % of it at once."), "{}", text(&s));
        // A third site in no region: the storm takes the first two.
        let mut third = s.resilience.sites[0].clone();
        "Site 3".clone_into(&mut third.name);
        third.region.clear();
        s.resilience.sites.push(third);
        for (site, share) in s.resilience.sites.iter_mut().zip([0.5, 0.3, 0.2]) {
            site.share.0 = share;
        }
        assert!(scenario_problems(&s).is_empty());
        assert!(text(&s).contains("split across 3 sites (the largest holds 50 %); the worst single event, an outage or a regional one, takes 80 % of it at once."), "{}", text(&s));
        // A site holding nothing is not one the capacity is split across.
        s.resilience.sites[1].share.0 = 0.5;
        s.resilience.sites[2].share.0 = 0.0;
        assert!(text(&s).contains("split across 2 sites"), "{}", text(&s));
        // Shares that do not add up (the resilience editor says so): no sentence at all.
        s.resilience.sites[2].share.0 = 0.3;
        assert!(!scenario_problems(&s).is_empty());
        assert!(!text(&s).contains("split across") && !text(&s).contains("one site"), "{}", text(&s));
        s.resilience.sites.truncate(1);
        s.resilience.sites[0].share.0 = 1.0;
        assert!(
            text(&s).contains("All the capacity sits at one site: one outage there stops the whole fleet.")
        );
    }

    #[test]
    fn a_swing_that_moves_the_cost_by_less_than_a_cent_says_so() {
        // Expected availability a hair under its maximum: 100 % moves the cost by a hundredth of
        // a cent.
        let mut s = Scenario::default();
        s.contract.sla.expected_availability = crate::model::units::Fraction(0.99995);
        let t = describe(&s, &evaluate(&s).unwrap());
        assert!(t.contains("and at its maximum (100 %) leaves it at $5.26."), "{t}");
    }

    #[test]
    fn names_the_cheapest_alternative_from_the_comparison() {
        let s = Scenario::default();
        let r = evaluate(&s).unwrap();
        let best = crate::format::in_sentence(r.alternatives.best_alternative().option.label());
        assert!(describe(&s, &r).contains(&format!("cheapest alternative for the same compute is {best}")));
    }

    #[test]
    fn a_facility_past_the_outage_models_limit_says_so() {
        let sites = crate::model::inputs::input("facility.sites").unwrap();
        let mut s = Scenario::default();
        sites.set(&mut s, 20.0);
        let t = describe(&s, &evaluate(&s).unwrap());
        assert!(
            t.contains("split across 16 sites")
                && t.contains("(The outage model lists the first 16 of the facility's 20 sites.)"),
            "{t}"
        );
        sites.set(&mut s, 16.0);
        assert!(!describe(&s, &evaluate(&s).unwrap()).contains("The outage model lists"));
    }
}
