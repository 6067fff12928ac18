//! The contract's pricing basis: a fixed monthly commitment or a rate per GPU-hour.

use super::state::ScenarioState;
use crate::model::scenario::PricingBasis;
use leptos::prelude::*;

/// A select bound to `contract.pricing`.
#[component]
pub fn PricingSelect() -> impl IntoView {
    let state = expect_context::<ScenarioState>();
    let value = Memo::new(move |_| match state.scenario.with(|s| s.contract.pricing) {
        PricingBasis::FixedMonthly => "fixed_monthly",
        PricingBasis::PerGpuHour => "per_gpu_hour",
    });
    let on_change = move |ev| {
        let basis = match event_target_value(&ev).as_str() {
            "per_gpu_hour" => PricingBasis::PerGpuHour,
            _ => PricingBasis::FixedMonthly,
        };
        state.edit(|s| s.contract.pricing = basis);
    };
    view! {
        <div class="field select-field" data-field="contract.pricing">
            <div class="field-head">
                <label for="contract-pricing">"Pricing basis"</label>
            </div>
            <select id="contract-pricing" aria-describedby="contract-pricing-help" prop:value=move || value.get() on:change=on_change>
                <option value="fixed_monthly">{PricingBasis::FixedMonthly.label()}</option>
                <option value="per_gpu_hour">{PricingBasis::PerGpuHour.label()}</option>
            </select>
            <p class="help" id="contract-pricing-help">{move || match state.scenario.with(|s| s.contract.pricing) {
                PricingBasis::FixedMonthly => "A month's full charge is the monthly commitment below. The reported deal is priced this way.",
                PricingBasis::PerGpuHour => "A month's full charge is the price per GPU-hour below × the contracted GPUs × the month's hours. The reported deal is a fixed monthly commitment instead.",
            }}</p>
        </div>
    }
}
