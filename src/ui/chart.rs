//! The one chart component every chart uses: a `<canvas>` drawn by [`crate::charts::draw`],
//! crisp at any devicePixelRatio, redrawn when its container resizes, with a hover crosshair
//! and tooltip, a legend that toggles series, and a "show data" table.

use super::canvas_backend::{Backend, WebSvg};
use super::state::ScenarioState;
use crate::charts::{
    draw::draw,
    geometry::PlotGeometry,
    spec::{ChartSpec, SeriesKind},
};
use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};

/// Chart height in CSS px.
const HEIGHT: f64 = 300.0;
/// Charts narrower than this (CSS px) dock their tooltip to one side instead of beside the pointer.
const NARROW: f64 = 520.0;
/// How near (CSS px) the pointer must come to a scatter's dot to show its tooltip.
const DOT_REACH: f64 = 24.0;

/// The size (CSS px) every chart is drawn at while the page is printed: one of the printed page's
/// two chart columns (A4 or Letter less 10 mm margins, halved), so its text prints at the size it
/// is drawn. The print style keeps the canvas's proportions (`height: auto`).
const PRINT_SIZE: (f64, f64) = (340.0, 160.0);

/// Whether the page is being printed (`beforeprint` to `afterprint`), provided by the app: charts
/// redraw at [`PRINT_SIZE`] meanwhile.
#[derive(Clone, Copy)]
pub struct Printing(pub RwSignal<bool>);

/// Whether the element is on (or within 300 px of) the screen, or the page is being printed
/// (printing needs everything drawn; the app's [`Printing`] says when).
///
/// Also whether the browser has reported on the element yet: its first report comes after the
/// element was laid out, on the screen or not.
pub fn watch_in_view(frame: NodeRef<Div>) -> (RwSignal<bool>, RwSignal<bool>) {
    let in_view = RwSignal::new(false);
    let reported = RwSignal::new(false);
    // What the observer last said: after printing, the element is back to that.
    let observed = RwSignal::new(false);
    let printing = use_context::<Printing>().map(|p| p.0);
    Effect::new(move |_| {
        let now = observed.get() || printing.is_some_and(|p| p.get());
        if in_view.get_untracked() != now {
            in_view.set(now);
        }
    });
    Effect::new(move |_| {
        let Some(el) = frame.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(entry) = entries
                .get(entries.length().saturating_sub(1))
                .dyn_into::<web_sys::IntersectionObserverEntry>()
            {
                observed.set(entry.is_intersecting());
                if !reported.get_untracked() {
                    reported.set(true);
                }
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("300px 0px");
        let Ok(observer) =
            web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
        else {
            observed.set(true);
            return;
        };
        observer.observe(&el);
        let keep = SendWrapper::new((observer, callback));
        on_cleanup(move || keep.0.disconnect());
    });
    (in_view, reported)
}

/// A chart of `spec`.
#[component]
pub fn Chart(
    /// What to draw; the chart redraws only when this changes.
    #[prop(into)]
    spec: Signal<ChartSpec>,
    /// Height in CSS px (300 unless given; an embed fills its frame).
    #[prop(optional, into)]
    height: Option<Signal<f64>>,
) -> impl IntoView {
    let height = move || height.map_or(HEIGHT, |h| h.get());
    let printing = use_context::<Printing>().map(|p| p.0);
    let state = expect_context::<ScenarioState>();
    let canvas = NodeRef::<Canvas>::new();
    let frame = NodeRef::<Div>::new();
    let width = RwSignal::new(0.0f64);
    let hidden = RwSignal::new(Vec::<bool>::new());
    let hover = RwSignal::new(None::<usize>);
    let show_data = RwSignal::new(false);
    let geometry = StoredValue::new(None::<PlotGeometry>);

    // Track the container's width (sidebar toggles and window resizes alike). The observer
    // reports the first width itself, after the browser's own layout: reading `clientWidth`
    // here instead forced a synchronous layout of the whole page for every chart mounted
    // (~40 ms when the uncertainty charts appear, measured in a Chrome profile).
    Effect::new(move |_| {
        let Some(el) = frame.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                width.set(entry.content_rect().width());
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
            // No observer: measure once, so the chart still draws.
            width.set(f64::from(el.client_width()));
            return;
        };
        observer.observe(&el);
        let keep = SendWrapper::new((observer, callback));
        on_cleanup(move || keep.0.disconnect());
    });

    // Off-screen charts skip redraws and catch up when scrolled into view, so an edit redraws
    // only what is seen.
    let (in_view, _) = watch_in_view(frame);

    // Whether the canvas shows the spec as it is now. Off the screen the spec is not read, so
    // what the canvas holds may be out of date: it is hidden until drawn again, so that a jump
    // to the chart (a link, Page Down) shows an empty frame for that one frame, never an old
    // picture under a new title.
    let drawn = RwSignal::new(false);
    // Draw whenever the data, the visible series, the theme or the size change, while on screen.
    // (Returning before reading the spec leaves it untracked, so off-screen edits cost nothing.)
    Effect::new(move |_| {
        let (Some(canvas), w) = (canvas.get(), width.get()) else {
            return;
        };
        if w < 10.0 || !in_view.get() {
            if drawn.get_untracked() {
                drawn.set(false);
            }
            return;
        }
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
        let (w, h) = if printing.is_some_and(|p| p.get()) { PRINT_SIZE } else { (w, height()) };
        canvas.set_width((w * dpr).round() as u32);
        canvas.set_height((h * dpr).round() as u32);
        let visible: Vec<bool> = hidden.with(|h| {
            (0..spec.with(|s| s.series.len())).map(|i| !h.get(i).copied().unwrap_or(false)).collect()
        });
        let Some(backend) = Backend::canvas(canvas) else {
            return;
        };
        let area = backend.into_drawing_area();
        let result = spec.with(|s| state.theme.with(|t| draw(&area, s, t.chart(), dpr, &visible)));
        match result {
            Ok(g) => geometry.set_value(Some(g.unscaled(dpr))),
            Err(e) => leptos::logging::error!("chart drawing failed: {e}"),
        }
        if !drawn.get_untracked() {
            drawn.set(true);
        }
    });

    // A scatter picks the dot nearest the pointer; other charts the category under it.
    let on_move = move |ev: web_sys::MouseEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let picked = geometry.with_value(|g| {
            let g = (*g)?;
            spec.with_untracked(|s| {
                if s.x_values.is_none() {
                    return g.category_at(x);
                }
                let visible: Vec<bool> = hidden.with_untracked(|h| h.iter().map(|off| !off).collect());
                g.nearest_point(x, y, &s.dots(&visible), DOT_REACH)
            })
        });
        hover.set(picked);
    };
    let tooltip = move || {
        let i = hover.get()?;
        let g = geometry.get_value()?;
        let (label, rows, notes, x_row, at) = spec.with(|s| {
            let rows: Vec<(usize, String, String)> = s
                .series
                .iter()
                .enumerate()
                .filter(|(k, _)| !hidden.with(|h| h.get(*k).copied().unwrap_or(false)))
                .map(|(k, se)| {
                    (
                        se.color,
                        se.name.clone(),
                        se.values.get(i).map_or_else(String::new, |v| s.format_of(k).format(*v)),
                    )
                })
                .collect();
            let notes: Vec<String> =
                s.markers.iter().filter(|m| m.index == i).map(|m| m.label.clone()).collect();
            let xv = s.x_values.as_ref().and_then(|xs| Some((xs, *xs.values.get(i)?)));
            let x_row = xv.map(|(xs, v)| (xs.name.clone(), xs.format.format(v)));
            let at = xv.map_or_else(|| g.x_of(i), |(_, v)| g.x_at(v));
            // A scatter's dot height, so a docked tooltip can keep clear of it.
            let dot_y = s.dots(&[]).get(i).map(|(_, y)| g.y_of(*y)).filter(|y| y.is_finite());
            (s.x_labels.get(i).cloned().unwrap_or_default(), rows, notes, x_row, (at, dot_y))
        });
        let (x, dot_y) = at;
        // A scatter's tooltip belongs to one dot: no crosshair across the plot.
        let crosshair = x_row.is_none();
        let flip = x > f64::midpoint(g.left, g.right);
        // Beside the pointer where there is room. On a narrow chart (a phone) that would run
        // off the screen, so the tooltip spans the frame's left edge at the top of the plot, or
        // at its bottom when the hovered dot is in the upper half.
        let top = g.top + 8.0;
        let place = if width.get_untracked() >= NARROW {
            format!("left:{x:.1}px;top:{top:.1}px")
        } else if dot_y.is_some_and(|y| y < f64::midpoint(g.top, g.bottom)) {
            format!("left:4px;bottom:{:.1}px;transform:none", height() - g.bottom + 8.0)
        } else {
            format!("left:4px;top:{top:.1}px;transform:none")
        };
        let theme = state.theme.get();
        Some(view! {
            {crosshair.then(|| view! {
                <div class="crosshair" style=format!("left:{x:.1}px;top:{:.1}px;height:{:.1}px", g.top, g.bottom - g.top)></div>
            })}
            <div class="tooltip" role="status" class:flip=flip style=place>
                <div class="tooltip-title">{label}</div>
                {x_row.map(|(name, value)| view! {
                    <div class="tooltip-row"><span class="swatch swatch-none"></span><span>{name}</span><strong>{value}</strong></div>
                })}
                {rows.into_iter().map(|(c, name, value)| view! {
                    <div class="tooltip-row">
                        <span class="swatch" style=format!("background:{}", theme.chart().css(c))></span>
                        <span>{name}</span><strong>{value}</strong>
                    </div>
                }).collect_view()}
            {notes.into_iter().map(|n| view! { <div class="tooltip-note">{n}</div> }).collect_view()}
            </div>
        })
    };

    // The legend is rebuilt only when the series' names or colours change, not on every edit
    // (rebuilding every chart's buttons on every edit cost time and, measured, wasm memory that
    // was never given back); the swatches follow the theme in place.
    let entries = Memo::new(move |_| {
        spec.with(|s| {
            s.series
                .iter()
                .enumerate()
                .map(|(i, se)| (se.name.clone(), se.color, s.swatch_alpha(i)))
                .collect::<Vec<_>>()
        })
    });
    // Hidden series are kept by position: when the series themselves change (the capacity
    // chart's plan joining its contracted line), every series shows again.
    Effect::new(move |before: Option<Vec<String>>| {
        let names: Vec<String> = entries.with(|e| e.iter().map(|(n, _, _)| n.clone()).collect());
        if before.is_some_and(|b| b != names) {
            hidden.set(Vec::new());
        }
        names
    });
    // One button per slot, never rebuilt: a slot shows the series at its position and hides
    // when there is none. Rebuilding the buttons whenever the series changed (a PUE edit adds and
    // drops the dispatch's "Unserved" and "Battery discharge") grew the wasm memory by about a
    // kilobyte an edit, never given back (`tests/e2e/memory.mjs`); slots are added only when a
    // chart shows more series than ever before, so that costs a bounded amount.
    let slots =
        Memo::new(move |before: Option<&usize>| entries.with(Vec::len).max(before.copied().unwrap_or(0)));
    let legend = move || {
        (0..slots.get())
            .map(|i| {
                let entry = move || entries.with(|e| e.get(i).cloned());
                let shown = move || entries.with(|e| i < e.len());
                let off = move || hidden.with(|h| h.get(i).copied().unwrap_or(false));
                let toggle = move |_| {
                    hidden.update(|h| {
                        if h.len() <= i {
                            h.resize(i + 1, false);
                        }
                        h[i] = !h[i];
                    });
                };
                let swatch = move || {
                    entry().map_or_else(String::new, |(_, color, alpha)| {
                        format!("background:{}", state.theme.get().chart().css_over_background(color, alpha))
                    })
                };
                view! {
                    <button type="button" class:legend-item=shown hidden=move || !shown()
                        aria-pressed=move || (!off()).to_string() on:click=toggle>
                        <span class="swatch" style=swatch></span>
                        {move || entry().map(|(name, _, _)| name).unwrap_or_default()}
                    </button>
                }
            })
            .collect_view()
    };

    let table = move || {
        show_data.get().then(|| {
            spec.with(|s| {
                view! {
                    <div class="data-table-wrap" tabindex="0" role="region" aria-label=format!("{} data", s.title)>
                        <table class="data-table">
                            <caption class="visually-hidden">{format!("{} by {}", s.title, crate::format::in_sentence(s.category_title()))}</caption>
                            <thead><tr>
                                <th scope="col">{s.category_title().to_owned()}</th>
                                {s.x_column_title().map(|t| view! { <th scope="col">{t}</th> })}
                                {(0..s.series.len()).map(|k| view! { <th scope="col">{s.column_title(k)}</th> }).collect_view()}
                                {(!s.markers.is_empty()).then(|| view! { <th scope="col">"Notes"</th> })}
                            </tr></thead>
                            <tbody>
                                {s.x_labels.iter().enumerate().map(|(i, label)| view! {
                                    <tr>
                                        <th scope="row">{label.clone()}</th>
                                        {s.x_values.as_ref().map(|x| {
                                            let v = x.values.get(i).copied().unwrap_or(f64::NAN);
                                            view! { <td data-value=v.to_string()>{if v.is_finite() { x.format.format(v) } else { String::new() }}</td> }
                                        })}
                                        {s.series.iter().enumerate().map(|(k, se)| view! {
                                            <td data-value=se.values.get(i).copied().unwrap_or(f64::NAN).to_string()>
                                                {se.values.get(i).map(|v| {
                                                    let f = s.format_of(k);
                                                    // A band's cell gives both edges.
                                                    match se.base.get(i).filter(|_| se.kind == SeriesKind::Band) {
                                                        Some(low) => format!("{} – {}", f.format(*low), f.format(*v)),
                                                        None => f.format(*v),
                                                    }
                                                }).unwrap_or_default()}
                                            </td>
                                        }).collect_view()}
                                        {(!s.markers.is_empty()).then(|| {
                                            let notes: Vec<&str> = s.markers.iter().filter(|m| m.index == i).map(|m| m.label.as_str()).collect();
                                            view! { <td class="marker-note">{notes.join("; ")}</td> }
                                        })}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })
        })
    };

    let export = move |format: &'static str| {
        let visible: Vec<bool> = hidden.with_untracked(|h| h.iter().map(|off| !off).collect());
        let id = spec.with_untracked(|s| s.id);
        let name = crate::charts::export::file_name(id, format);
        let saved = match format {
            "png" => spec.with_untracked(|s| {
                state.theme.with_untracked(|t| {
                    let t = t.chart();
                    let size = (width.get_untracked().max(320.0), height());
                    let legend = crate::charts::frame::legend(s, t, &visible);
                    super::export::save_png(&name, size, t, &s.title, legend, |area, scale| {
                        draw(area, s, t, scale, &visible).map(|_| ())
                    })
                })
            }),
            "svg" => spec
                .with_untracked(|s| {
                    state.theme.with_untracked(|t| {
                        let w = width.get_untracked().max(320.0).round() as u32;
                        crate::charts::draw::export_svg::<WebSvg>(
                            s,
                            t.chart(),
                            (w, height().round() as u32),
                            &visible,
                        )
                    })
                })
                .and_then(|svg| super::export::save_text(&name, "image/svg+xml", &svg)),
            _ => super::export::save_text(
                &name,
                "text/csv",
                &spec.with_untracked(|s| crate::charts::export::csv(s, &visible)),
            ),
        };
        if let Err(e) = saved {
            leptos::logging::warn!("export failed: {e}");
        }
    };
    let id = move || spec.with(|s| s.id);
    let title = move || spec.with(|s| s.title.clone());
    let summary = move || {
        spec.with(|s| {
            if let Some(xs) = &s.x_values {
                let dots: Vec<String> = s
                    .dots(&[])
                    .iter()
                    .zip(&s.x_labels)
                    .filter(|((x, y), _)| x.is_finite() && y.is_finite())
                    .map(|((x, y), label)| {
                        format!("{label}: {} {}, {}", xs.name, xs.format.format(*x), s.y_format.format(*y))
                    })
                    .collect();
                return format!("{}: {}.", s.title, dots.join("; "));
            }
            let last = s.x_labels.len().saturating_sub(1);
            let parts: Vec<String> = s
                .series
                .iter()
                .enumerate()
                .map(|(k, se)| {
                    format!(
                        "{} reaches {} by {}",
                        se.name,
                        se.values.last().map_or_else(String::new, |v| s.format_of(k).format(*v)),
                        s.x_labels.get(last).cloned().unwrap_or_default()
                    )
                })
                .collect();
            format!("{}: {}.", s.title, parts.join("; "))
        })
    };

    view! {
        <figure class="chart" data-chart=id>
            <figcaption>
                <h2 class="chart-title">{title}</h2>
                <div class="legend">{legend}</div>
                <button type="button" class="link-button" aria-pressed=move || show_data.get().to_string()
                    on:click=move |_| show_data.update(|v| *v = !*v)>
                    {move || if show_data.get() { "Hide data" } else { "Show data" }}
                </button>
                <ExportButtons on_export=export />
            </figcaption>
            <div
                class="chart-frame"
                node_ref=frame
                data-in-view=move || if in_view.get() { "true" } else { "false" }
                on:mouseleave=move |_| hover.set(None)>
                <canvas node_ref=canvas role="img" aria-label=summary on:mousemove=on_move class:stale=move || !drawn.get()
                    style=move || format!("height:{}px", height())></canvas>
                {tooltip}
            </div>
            {move || spec.with(|s| s.note.clone()).map(|n| view! { <p class="chart-note">{n}</p> })}
            {table}
        </figure>
    }
}

/// A chart of `spec` while there is one (a simulation's result, an answer): built with the first
/// spec and kept, hidden while there is none. A `Chart` built in a `{move || …}` block instead is
/// a new one at every change, and each left effects behind that were never given back (the ones
/// its legend's swatches and its visibility watch subscribe to signals that rarely change, such as
/// the theme, which keep them; `tests/e2e/memory.mjs` measured ~250 B of wasm memory an edit).
#[component]
pub fn MaybeChart(
    /// What to draw, if anything yet.
    #[prop(into)]
    spec: Signal<Option<ChartSpec>>,
) -> impl IntoView {
    let ever = Memo::new(move |was: Option<&bool>| was == Some(&true) || spec.with(Option::is_some));
    move || {
        ever.get().then(|| spec.get_untracked()).flatten().map(|first| {
            let shown = Memo::new(move |kept: Option<&ChartSpec>| {
                spec.get().unwrap_or_else(|| kept.cloned().unwrap_or_else(|| first.clone()))
            });
            view! { <div class="maybe-chart" hidden=move || spec.with(Option::is_none)><Chart spec=shown /></div> }
        })
    }
}

/// PNG, SVG and CSV download buttons; `on_export` receives the extension.
#[component]
pub fn ExportButtons(
    /// Called with "png", "svg" or "csv".
    on_export: impl Fn(&'static str) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <span class="export" role="group" aria-label="Download">
            {["png", "svg", "csv"].map(|f| view! {
                <button type="button" class="link-button" data-export=f title=format!("Download as {}", f.to_ascii_uppercase())
                    on:click=move |_| on_export(f)>{f.to_ascii_uppercase()}</button>
            })}
        </span>
    }
}
