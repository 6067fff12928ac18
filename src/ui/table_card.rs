//! One shared results table: a titled card with a scrollable table whose first column heads
//! each row, an optional badge and highlight per row, exact values in `data-value` (what the
//! browser tests compare with the CLI) and a note. Every results table uses it, so the web build
//! carries one table renderer (each distinct Leptos view costs kilobytes of wasm).

use leptos::prelude::*;

/// One cell: the text shown and, where tests or exports need it, the exact number.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// What the cell shows.
    pub text: String,
    /// The exact value behind it.
    pub value: Option<f64>,
}

impl Cell {
    /// A cell with text only.
    pub fn text(text: impl Into<String>) -> Self {
        Self { text: text.into(), value: None }
    }

    /// A cell showing `text` for the exact `value`.
    pub fn number(text: impl Into<String>, value: f64) -> Self {
        Self { text: text.into(), value: Some(value) }
    }
}

/// One row: its heading cell, the other cells, and how it stands out.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// A stable key for tests (`data-key`).
    pub key: String,
    /// The row's heading (first column).
    pub head: String,
    /// A badge after the heading (e.g. "cheapest").
    pub badge: Option<&'static str>,
    /// Drawn in the emphasis colour.
    pub highlight: bool,
    /// The remaining cells, one per column after the first.
    pub cells: Vec<Cell>,
}

impl Row {
    /// A plain row.
    pub fn new(key: impl Into<String>, head: impl Into<String>, cells: Vec<Cell>) -> Self {
        Self { key: key.into(), head: head.into(), badge: None, highlight: false, cells }
    }
}

/// A titled table card.
#[component]
pub fn TableCard(
    /// The table's id (and the card's class) for styles and tests.
    id: &'static str,
    /// The heading above the table.
    #[prop(into)]
    title: Signal<String>,
    /// Column headings, the row heading's first.
    headers: &'static [&'static str],
    /// The rows.
    #[prop(into)]
    rows: Signal<Vec<Row>>,
    /// A note under the table.
    #[prop(optional)]
    note: &'static str,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <section class=format!("card table-card {id}") aria-labelledby=labelled_by>
            <h2 id=title_id class="chart-title">{title}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || title.get()>
                <table class="data-table" id=id>
                    <thead><tr>{headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|r| view! {
                            <tr class:highlight=r.highlight data-key=r.key>
                                <th scope="row">{r.head}{r.badge.map(|b| view! { <span class="badge">{b}</span> })}</th>
                                {r.cells.into_iter().map(|c| view! {
                                    <td data-value=c.value.map(|v| v.to_string())>{c.text}</td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(!note.is_empty()).then(|| view! { <p class="chart-note">{note}</p> })}
        </section>
    }
}
