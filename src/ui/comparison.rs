//! The contract against its alternatives, as a table: cost per GPU-hour, totals, present value
//! and break-even month, the cheapest highlighted.

use super::state::ScenarioState;
use super::table_card::{Cell, Row, TableCard};
use crate::format;
use crate::model::alternatives::Choice;
use leptos::prelude::*;

/// The comparison table.
#[component]
pub fn ComparisonTable() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let rows = Signal::derive(move || {
        state.report.with(|r| {
            r.alternatives
                .options
                .iter()
                .map(|o| {
                    let cheapest = o.option == r.alternatives.cheapest;
                    let breakeven = match (o.breakeven_month, o.option) {
                        (_, Choice::Contract) => "—".to_owned(),
                        (None, _) => "never in term".to_owned(),
                        (Some(0), _) => "from the start".to_owned(),
                        (Some(m), _) => {
                            r.contract.months.get(m as usize).map(|x| x.month.label()).unwrap_or_default()
                        }
                    };
                    // A design that cannot install the whole fleet rents the rest: said in the row.
                    let head = if o.rents_part() {
                        let own = if o.option == Choice::Contract { "delivered" } else { "built" };
                        format!(
                            "{} ({} {own}, the rest rented)",
                            o.option.label(),
                            format::percent(o.own_share)
                        )
                    } else {
                        o.option.label().to_owned()
                    };
                    let mut row = Row::new(
                        format!("{:?}", o.option),
                        head,
                        vec![
                            Cell::number(
                                format::usd_per_gpu_hour(o.usd_per_gpu_hour.value()),
                                o.usd_per_gpu_hour.value(),
                            ),
                            Cell::number(format::usd(o.nominal_cost.value()), o.nominal_cost.value()),
                            Cell::number(format::usd(o.npv_cost.value()), o.npv_cost.value()),
                            Cell::text(breakeven),
                        ],
                    );
                    row.highlight = cheapest;
                    row.badge = cheapest.then_some("cheapest");
                    row
                })
                .collect()
        })
    });
    let data = move || state.report.with(|r| data_text(&r.alternatives.data));
    let matched = move || {
        let h200 = state.last_good.with(|s| s.hardware.mix.iter().any(|r| r.accelerator == "h200"));
        state.report.with(|r| rental_text(r.alternatives.h100_per_gpu_hour, h200))
    };
    let over = move || state.report.with(|r| r.alternatives.data.link_share > 1.0);
    view! {
        <TableCard
            id="comparison"
            title="The same compute, bought another way".to_owned()
            headers=&["Option", "Levelized $ / scheduled GPU-hr", "Total (nominal)", "Present value", "Cheaper than the contract from (nominal)"]
            rows=rows
            note="Rental prices are per H100-class GPU-hour, and the rentals buy as many as match the compute the contract delivers (below); build-your-own buys the Hardware panel's mix on the contract's delivery schedule, \
                  with capital (halls paid for during construction, accelerators bought again at the end of their life), electricity and a resale at book value at the end of the term (straight-line over the Facility panel's depreciation lives: \
                  half of the IT's cost after 3 of 6 years by default), but no staff or maintenance, and with the Facility panel's construction and interconnection times (none in the reported deal, whose halls stand and are connected). \
                  Its present value can exceed its nominal total: the capital is paid as it is built and the resale comes back, discounted, only at the end. The contract, the GPU cloud and \
                  building your own also pay egress on the data moved (Alternatives › Data movement); the hyperscaler is taken to be the lab's home cloud. \
                  Cheapest = lowest present value. $ per GPU-hour is levelized: the present value of the cost over the present value of the hours, so money spent ahead counts at its date; \
                  where cost follows delivery it is the nominal cost over the hours. Every option supplies the hours the contract schedules: where the datacenter's power caps, \
                  construction or interconnection install fewer accelerators, the provider delivers only those, and the contract's row, like building your own, rents the rest at the cheapest rental's price."
        />
        <p class="data-movement" id="rental-match">{matched}</p>
        <p class="data-movement" id="data-movement" class:warning=over role="status">{data}</p>
    }
}

/// How many H100-class GPU-hours the rentals buy for each delivered GPU-hour, in a sentence.
fn rental_text(h100s: f64, h200: bool) -> String {
    // Within half a hundredth of one H100-hour: said as one, with no remark on newer GPUs.
    let one = (h100s - 1.0).abs() < 0.005;
    let mut text = if one {
        "Rentals buy one H100-class GPU-hour for each delivered GPU-hour: the mix has an H100's dense BF16 compute (Hardware panel)."
            .to_owned()
    } else {
        format!(
            "Rentals buy {h100s:.2} H100-class GPU-hours for each delivered GPU-hour: the mix's dense BF16 compute \
             over an H100's (Hardware panel)."
        )
    };
    if h100s > 1.0 && !one {
        text.push_str(" Newer GPUs rented as such usually cost less per TFLOP, so the rental costs shown are likely on the high side.");
    }
    if h200 {
        text.push_str(" H200s count as H100s: the same compute, though they rent for more.");
    }
    text
}

/// The data-movement figures in a sentence (the link's shortfall first when it cannot keep up).
fn data_text(d: &crate::model::alternatives::DataReport) -> String {
    let duration = |hours: f64| {
        if hours < 1.0 {
            format!("{} min", format::sig3(hours * 60.0))
        } else if hours < 48.0 {
            format!("{} h", format::sig3(hours))
        } else {
            format!("{} days", format::sig3(hours / 24.0))
        }
    };
    let link = if d.link_share > 1.0 {
        format!(
            "needs {} Gbps sustained, {}× the link: the link cannot carry the monthly volume. ",
            format::sig3(d.required_gbps),
            format::sig3(d.link_share)
        )
    } else {
        format!(
            "needs {} Gbps sustained ({} of the link). ",
            format::sig3(d.required_gbps),
            format::percent(d.link_share)
        )
    };
    let paid: Vec<String> = d
        .egress
        .iter()
        .filter(|e| e.monthly_cost.value() > 0.0)
        .map(|e| {
            format!(
                "{} {}",
                crate::format::in_sentence(e.option.label()),
                format::usd(e.monthly_cost.value())
            )
        })
        .collect();
    let egress = if paid.is_empty() {
        "No option pays egress. ".to_owned()
    } else {
        format!("Egress a month: {} (the hyperscaler, the home cloud, pays none). ", paid.join(", "))
    };
    format!(
        "Data movement {link}{egress}A checkpoint crosses the link in {}, the dataset in {}.",
        duration(d.checkpoint_hours),
        duration(d.dataset_hours)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rental_line_says_what_the_mix_buys_and_remarks_only_on_what_applies() {
        let one = rental_text(1.002, false);
        assert!(one.starts_with("Rentals buy one H100-class GPU-hour"), "{one}");
        assert!(!one.contains("high side") && !one.contains("H200"), "{one}");
        let newer = rental_text(1.2001, true);
        assert!(newer.starts_with("Rentals buy 1.20 H100-class GPU-hours"), "{newer}");
        assert!(
            newer.contains("likely on the high side") && newer.contains("H200s count as H100s"),
            "{newer}"
        );
        assert!(!rental_text(0.8, false).contains("high side"));
    }
    use crate::model::alternatives::data_report;
    use crate::model::scenario::DataMovement;

    #[test]
    fn the_sentence_gives_cost_bandwidth_and_times_and_flags_a_short_link() {
        let d = DataMovement { out_tb: 60.0, back_tb: 195.0, ..DataMovement::NONE };
        let text = data_text(&data_report(&d, 36));
        assert!(text.starts_with("Data movement needs 0.59 Gbps sustained (0.6 % of the link). "), "{text}");
        assert!(
            text.contains(
                "Egress a month: this contract $3K, GPU cloud 1-yr contract $3K, build your own $3K"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("A checkpoint crosses the link in 8.67 min, the dataset in 1.33 h."),
            "{text}"
        );
        let slow = DataMovement { link_gbps: 0.5, ..d };
        let text = data_text(&data_report(&slow, 36));
        assert!(
            text.starts_with("Data movement needs 0.59 Gbps sustained, 1.19× the link: the link cannot carry the monthly volume."),
            "{text}"
        );
        assert!(data_text(&data_report(&DataMovement::NONE, 36)).contains("No option pays egress."));
    }
}
