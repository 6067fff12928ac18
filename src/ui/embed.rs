//! Embed mode for wikis: `?embed=ID#s=…` shows one chart ([`crate::charts::REPORT_CHARTS`]) or
//! one KPI card ([`crate::model::kpis::KPIS`]) of the linked scenario, filling its iframe, with a
//! link back to the full explorer. It reads the link only: never the visitor's autosave, and it
//! writes nothing (no address, no storage).

use super::chart::Chart;
use super::kpi_card::KpiCard;
use super::state::{ScenarioState, Theme};
use crate::charts;
use crate::model::kpis::{kpi, KPIS};
use crate::model::{link, Scenario};
use leptos::prelude::*;

/// Height of the chrome around an embedded chart (title, legend, link back), CSS px.
const CHROME_PX: f64 = 120.0;
/// The smallest chart an embed draws (axes and a band of plot), CSS px.
const MIN_CHART_PX: f64 = 100.0;

/// The `embed` parameter of the page's address, if any.
pub fn embed_id() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("embed=")).map(|v| {
        js_sys::decode_uri_component(v).ok().and_then(|s| s.as_string()).unwrap_or_else(|| v.to_owned())
    })
}

/// Whether `id` is something an embed can show.
pub fn embeddable(id: &str) -> bool {
    charts::REPORT_CHARTS.contains(&id) || kpi(id).is_some()
}

/// Every embeddable id with its title (for the "Embed" picker), charts then KPIs.
pub fn choices(report: &crate::model::Report) -> Vec<(&'static str, String)> {
    charts::REPORT_CHARTS
        .iter()
        .filter_map(|id| charts::of_report(report, id).map(|c| (*id, format!("Chart: {}", c.title))))
        .chain(KPIS.iter().map(|k| (k.id, format!("Number: {}", k.label))))
        .collect()
}

/// The iframe HTML embedding `id` of the scenario at `url` (a full explorer address with `#s=`).
pub fn iframe_code(url: &str, id: &str, title: &str) -> String {
    let (base, hash) = url.split_once('#').map_or((url, ""), |(b, h)| (b, h));
    let base = base.split('?').next().unwrap_or(base);
    let height = if charts::REPORT_CHARTS.contains(&id) { 440 } else { 190 };
    let title = title.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let hash = if hash.is_empty() { String::new() } else { format!("#{hash}") };
    format!(
        "<iframe src=\"{base}?embed={id}{hash}\" width=\"720\" height=\"{height}\" style=\"border:0;max-width:100%\" title=\"{title}\" loading=\"lazy\"></iframe>"
    )
}

/// The page in embed mode.
#[component]
pub fn Embed(
    /// The chart or KPI id.
    id: String,
) -> impl IntoView {
    let window = web_sys::window();
    let hash = window.as_ref().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let (scenario, problem) = match hash.strip_prefix("#s=").map(link::decode) {
        None => (Scenario::default(), None),
        Some(Ok(s)) => (s, None),
        Some(Err(e)) => (
            Scenario::default(),
            Some(format!("The link could not be opened ({e}); showing the default scenario.")),
        ),
    };
    let dark = window
        .as_ref()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    let theme = if dark { Theme::Dark } else { Theme::Light };
    if let Some(root) = window.as_ref().and_then(web_sys::Window::document).and_then(|d| d.document_element())
    {
        root.set_attribute("data-theme", theme.name()).ok();
        root.set_attribute("data-embed", &id).ok();
    }
    // The preset it started from (by name), so an edited preset is named so in the footer.
    let preset = crate::model::presets::of(&scenario).scenario();
    let state = ScenarioState::new(scenario, preset, theme);
    provide_context(state);

    // Fill the frame: follow the window's height.
    let inner = move || {
        web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(440.0)
    };
    let height = RwSignal::new((inner() - CHROME_PX).max(MIN_CHART_PX));
    // In a small or narrow frame the title and legend wrap and take more than CHROME_PX: once
    // laid out, what still overflows the frame comes off the chart (down to MIN_CHART_PX).
    // A frame that grew first gives the chart the full estimate (one redraw), then trims.
    let fit = move || {
        let estimate = (inner() - CHROME_PX).max(MIN_CHART_PX);
        if estimate > height.get_untracked() + 0.5 {
            height.set(estimate);
        }
        gloo::timers::callback::Timeout::new(0, move || {
            let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
            if let Some(root) = root {
                let over = f64::from(root.scroll_height() - root.client_height());
                if over > 0.5 {
                    height.update(|h| *h = (*h - over).max(MIN_CHART_PX));
                }
            }
        })
        .forget();
    };
    Effect::new(move |_| fit());
    if let Some(w) = window.as_ref() {
        let resize = gloo::events::EventListener::new(w, "resize", move |_| fit());
        let keep = send_wrapper::SendWrapper::new(resize);
        on_cleanup(move || drop(keep));
    }
    let full = window
        .as_ref()
        .and_then(|w| w.location().href().ok())
        .map(|h| {
            let (before, hash) =
                h.split_once('#').map_or((h.as_str(), String::new()), |(b, x)| (b, format!("#{x}")));
            format!("{}{hash}", before.split('?').next().unwrap_or(before))
        })
        .unwrap_or_default();

    let body = if charts::REPORT_CHARTS.contains(&id.as_str()) {
        let chart_id = id.clone();
        let spec = Memo::new(move |_| {
            state.report.with(|r| charts::of_report(r, &chart_id).expect("listed in REPORT_CHARTS"))
        });
        view! { <Chart spec=spec height=height /> }.into_any()
    } else if let Some((_, k)) = kpi(&id) {
        let value = Signal::derive(move || state.report.with(|r| (k.value)(r)));
        view! {
            <div class="kpi-strip embed-kpi">
                <KpiCard id=k.id label=k.label note="" value=value show=super::kpis::show_of(k.unit) />
            </div>
        }
        .into_any()
    } else {
        let known: Vec<&str> =
            charts::REPORT_CHARTS.iter().copied().chain(KPIS.iter().map(|k| k.id)).collect();
        view! {
            <div class="banner warning" role="alert">
                {format!("Nothing to embed under “{id}”. Use one of: {}.", known.join(", "))}
            </div>
        }
        .into_any()
    };
    view! {
        <main class="embed" id="main">
            {problem.map(|p| view! { <div class="banner warning" role="alert">{p}</div> })}
            {body}
            <p class="embed-foot">
                <span class="muted">{move || state.last_good.with(|s| state.preset.with(|p| super::changes::shown_name(s, p)))}</span>
                " · "
                <a href=full target="_blank" rel="noopener">"Open in the Deal & Infrastructure Explorer ↗"</a>
            </p>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iframe_code_keeps_the_scenario_and_names_the_embed() {
        let code = iframe_code("https://x.example/app/?embed=old#s=abc", "capacity", "Capacity \"GPUs\"");
        assert!(code.contains("src=\"https://x.example/app/?embed=capacity#s=abc\""), "{code}");
        assert!(code.contains("title=\"Capacity &quot;GPUs&quot;\""), "{code}");
        assert!(code.contains("height=\"440\""));
        let kpi = iframe_code("https://x.example/", "npv-cost", "NPV");
        assert!(
            kpi.contains("src=\"https://x.example/?embed=npv-cost\"") && kpi.contains("height=\"190\""),
            "{kpi}"
        );
    }

    #[test]
    fn every_choice_is_embeddable() {
        let r = crate::model::evaluate(&Scenario::default()).unwrap();
        let list = choices(&r);
        assert_eq!(list.len(), charts::REPORT_CHARTS.len() + KPIS.len());
        assert!(list.iter().all(|(id, _)| embeddable(id)));
        assert!(!embeddable("nope"));
    }
}
