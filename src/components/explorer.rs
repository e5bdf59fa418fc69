//! The matrix page: facets, layout switches, the matrix, the drill-down panel and the
//! paragraphs of the papers that match the search. Derived data is computed by the core in
//! `use_memo`, keyed on the parts of the state it depends on.

use std::rc::Rc;

use evidence_core::filter::facet_counts;
use evidence_core::matrix::{build_matrix, selection_codings};
use evidence_core::search::{ParagraphHit, Query};
use evidence_core::view::{Action, ColGroup, Route, RowGroup, ViewState};
use evidence_core::QuotePlace;
use yew::prelude::*;

use super::exports::ExportBar;
use super::facets::Facets;
use super::matrix::MatrixGrid;
use super::panel::Panel;
use super::{count, href, on_nav, paper_mark};
use crate::app::Shared;

/// Props of `Explorer`.
#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view.
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// The matrix page.
#[component]
pub fn Explorer(props: &ExplorerProps) -> Html {
    let s = &props.state;
    let d = &props.dispatch;
    let data = props.data.clone();
    // The matrix depends on filters, search and grouping, not on selection or transposition.
    let key = (
        s.filters.clone(),
        s.search.clone(),
        s.layout.rows,
        s.layout.cols,
    );
    let view = {
        let data = data.clone();
        let s = s.clone();
        use_memo(key.clone(), move |_| {
            build_matrix(&data.0.corpus, &data.0.index, &s)
        })
    };
    let counts = {
        let data = data.clone();
        let s = s.clone();
        use_memo((s.filters.clone(), s.search.clone()), move |_| {
            facet_counts(&data.0.corpus, &data.0.index, &s)
        })
    };
    let sel_codings = {
        let data = data.clone();
        let s = s.clone();
        use_memo((key, s.selection.clone()), move |_| match &s.selection {
            Some(sel) => selection_codings(&data.0.corpus, &data.0.index, &s, sel),
            None => Vec::new(),
        })
    };
    let hits = {
        let data = data.clone();
        use_memo(s.search.clone(), move |q| {
            let q = Query::parse(q);
            if q.is_empty() {
                Vec::new()
            } else {
                data.0.index.search.paragraph_hits(&data.0.corpus, &q, 30)
            }
        })
    };
    let filters = {
        let f = s.filters.clone();
        use_memo(f, |f| f.clone())
    };
    let c = &data.0.corpus;

    let seg = |label: &str, pressed: bool, action: Action, test: &str| {
        let d = d.clone();
        html! {
            <button type="button" class="btn" aria-pressed={pressed.to_string()} data-testid={test.to_string()}
                onclick={move |_: MouseEvent| d.emit(action.clone())}>{ label.to_string() }</button>
        }
    };
    let l = s.layout;
    let filtered = !s.filters.is_empty() || !s.search.trim().is_empty();
    let clear_all = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::ClearAll))
    };
    let chips = active_chips(c, s, d);
    let with_panel = s.selection.is_some();

    html! {
        <div class={classes!("explorer", with_panel.then_some("with-panel"))}>
            <Facets counts={counts.clone()} filters={filters} dispatch={d.clone()} />
            <section class="matrix-area" aria-labelledby="matrix-h">
                <h1 id="matrix-h" class="visually-hidden">{ "Matrix: the papers' categories against the evidence they cite" }</h1>
                <div class="toolbar">
                    <fieldset><legend>{ "Rows" }</legend>
                        { seg("By paper", l.rows == RowGroup::Paper, Action::SetRows(RowGroup::Paper), "rows-paper") }
                        { seg("By dimension", l.rows == RowGroup::Dimension, Action::SetRows(RowGroup::Dimension), "rows-dimension") }
                    </fieldset>
                    <fieldset><legend>{ "Columns" }</legend>
                        { seg("Date", l.cols == ColGroup::Date, Action::SetCols(ColGroup::Date), "cols-date") }
                        { seg("Place", l.cols == ColGroup::Place, Action::SetCols(ColGroup::Place), "cols-place") }
                        { seg("Kind", l.cols == ColGroup::Kind, Action::SetCols(ColGroup::Kind), "cols-kind") }
                    </fieldset>
                    <fieldset><legend>{ "View" }</legend>
                        { seg("Transpose", l.transposed, Action::ToggleTransposed, "transpose") }
                        { seg("Compact", l.compact, Action::ToggleCompact, "compact") }
                    </fieldset>
                </div>
                <p class="summary" data-testid="matrix-summary" aria-live="polite">
                    { format!("{} × {} · {} · {}",
                        count(view.totals.n_categories, "category", "categories"),
                        count(view.totals.n_evidence, "piece of evidence", "pieces of evidence"),
                        count(view.totals.n_codings, "coding", "codings"),
                        count(view.totals.n_quotes, "quote", "quotes")) }
                    { if view.hidden_evidence > 0 { format!(" · {} hidden by filters", count(view.hidden_evidence, "evidence item", "evidence items")) } else { String::new() } }
                </p>
                <ExportBar data={data.clone()} state={s.clone()} />
                { if filtered { html! {
                    <div class="active-filters" aria-label="Active filters">
                        { chips }
                        <button type="button" class="btn" onclick={clear_all} data-testid="clear-all">{ "Clear all filters" }</button>
                    </div>
                } } else { html! {} } }
                <MatrixGrid data={data.clone()} view={view.clone()} layout={l} selection={s.selection.clone()} dispatch={d.clone()} />
                { passages(&data, s, d, &hits) }
            </section>
            { if with_panel { html! {
                <Panel data={data.clone()} state={s.clone()} codings={sel_codings.clone()} dispatch={d.clone()} />
            } } else { html! {} } }
        </div>
    }
}

/// Buttons naming each active filter value; a click removes it.
fn active_chips(c: &evidence_core::Corpus, s: &ViewState, d: &Callback<Action>) -> Html {
    let mut out = Vec::new();
    for f in evidence_core::view::Facet::ALL {
        for v in s.filters.set(f) {
            let label = match f {
                evidence_core::view::Facet::Paper => {
                    c.paper_idx(v).map(|i| c.papers[i].short_title.clone())
                }
                evidence_core::view::Facet::Category => {
                    c.category_idx(v).map(|i| c.categories[i].label.clone())
                }
                evidence_core::view::Facet::Dimension => {
                    c.dimension_idx(v).map(|i| c.dimensions[i].label.clone())
                }
                _ => None,
            }
            .unwrap_or_else(|| v.clone());
            let d = d.clone();
            let action = Action::ToggleFacet(f, v.clone());
            out.push(html! {
                <button type="button" class="chip" aria-label={format!("Remove filter {}: {}", f.label(), label)}
                    onclick={move |_: MouseEvent| d.emit(action.clone())}>{ format!("{}: {} ✕", f.label(), label) }</button>
            });
        }
    }
    if s.filters.shared {
        let d = d.clone();
        out.push(html! {
            <button type="button" class="chip" onclick={move |_: MouseEvent| d.emit(Action::SetShared(false))}>{ "Cited by 2+ papers ✕" }</button>
        });
    }
    if let Some((a, b)) = s.filters.years {
        let d = d.clone();
        out.push(html! {
            <button type="button" class="chip" onclick={move |_: MouseEvent| d.emit(Action::SetYears(None))}>{ format!("Years: {a}–{b} ✕") }</button>
        });
    }
    if !s.search.trim().is_empty() {
        let d = d.clone();
        out.push(html! {
            <button type="button" class="chip" onclick={move |_: MouseEvent| d.emit(Action::SetSearch(String::new()))}>{ format!("Search: “{}” ✕", s.search) }</button>
        });
    }
    html! { <>{ for out }</> }
}

/// Paragraphs of the papers that match the search, each opening the reader there.
fn passages(data: &Shared, s: &ViewState, d: &Callback<Action>, hits: &[ParagraphHit]) -> Html {
    if s.search.trim().is_empty() {
        return html! {};
    }
    let c = &data.0.corpus;
    html! {
        <section class="passages" aria-labelledby="passages-h" data-testid="passages">
            <h2 id="passages-h">{ format!("Passages in the papers matching “{}” ({}{})", s.search, hits.len(), if hits.len() >= 30 { "+" } else { "" }) }</h2>
            { if hits.is_empty() { html! { <p class="empty">{ "No paragraph of the papers matches." }</p> } } else { html! {
                <ul>
                    { for hits.iter().map(|h| {
                        let p = &c.papers[h.paper];
                        let (text, block) = match h.place {
                            QuotePlace::Block => (p.doc.blocks[h.block].text.as_str(), Some(h.block)),
                            QuotePlace::Note => (p.doc.footnotes[h.block].text.as_str(), p.doc.footnotes[h.block].block),
                        };
                        let block_id = block.and_then(|b| p.doc.blocks.get(b)).map(|b| b.id.clone());
                        let actions = vec![Action::Navigate(Route::Read { paper: p.id.clone(), block: block_id })];
                        let (a, z) = h.ranges.first().copied().unwrap_or((0, 0));
                        let start = floor_char(text, a.saturating_sub(80));
                        let end = ceil_char(text, (z + 80).min(text.len()));
                        html! {
                            <li data-testid="passage">
                                <a href={href(s, actions.clone())} onclick={on_nav(d, actions)}>
                                    { paper_mark(c, h.paper) }
                                    { format!(" {} ", p.short_title) }</a>
                                <span class="ctx">
                                    { if start > 0 { "…" } else { "" } }
                                    { &text[start..a] }<mark class="hit">{ &text[a..z] }</mark>{ &text[z..end] }
                                    { if end < text.len() { "…" } else { "" } }
                                </span>
                            </li>
                        }
                    }) }
                </ul>
            } } }
        </section>
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
