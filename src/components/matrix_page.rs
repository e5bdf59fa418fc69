//! The matrix page: facets, layout switches, the matrix, the drill-down panel and the
//! paragraphs of the papers that match the search. Derived data is computed by the core in
//! `use_memo`, keyed on the parts of the state it depends on.

use std::rc::Rc;

use evidence_core::query::filter::{facet_counts, FacetCounts};
use evidence_core::query::matrix::{build_matrix, selection_codings, MatrixView};
use evidence_core::query::search::{ParagraphHit, Query};
use evidence_core::state::{Action, ColGroup, RevealBy, Route, RowGroup, ViewState};
use evidence_core::viewmodel::discussion::reveal_total;
use evidence_core::viewmodel::matrix_page::{chips, passages, MAX_PASSAGES};
use yew::prelude::*;

use super::exports::ExportBar;
use super::facets::Facets;
use super::matrix::MatrixGrid;
use super::panel::Panel;
use super::slide_quotes::SlideQuotes;
use super::{count, href, on_nav, paper_mark, PageProps};
use crate::data::Shared;

/// The matrix page.
#[component]
pub fn MatrixPage(props: &PageProps) -> Html {
    let s = &props.state;
    let d = &props.dispatch;
    let data = props.data.clone();
    let MatrixData {
        view,
        counts,
        sel_codings,
        hits,
    } = use_matrix_data(&data, s);
    let filters = Rc::new(s.filters.clone());
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
    let presenting = s.mode == evidence_core::state::Mode::Present;
    // On a phone the panel stands below the matrix: a selection (a shared link, a tap on a
    // cell) brings its quotes into view. A tour read on a phone keeps its own order.
    {
        let sel = s.selection.clone();
        use_effect_with((sel, presenting), move |(sel, presenting)| {
            let later = (sel.is_some() && !*presenting && crate::browser::is_phone()).then(|| {
                crate::browser::after(60, || crate::browser::scroll_testid_to_top("panel"))
            });
            move || drop(later)
        });
    }

    html! {
        <div class={classes!("explorer", with_panel.then_some("with-panel"))}>
            <Facets counts={counts.clone()} filters={filters} dispatch={d.clone()} corpus={data.clone()} />
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
                    { discuss_controls(&data, s, d) }
                </div>
                <p class="summary" data-testid="matrix-summary" aria-live="polite">
                    { format!("{} × {} · {} · {}",
                        count(view.totals.n_categories, "category", "categories"),
                        count(view.totals.n_evidence, "piece of evidence", "pieces of evidence"),
                        count(view.totals.n_codings, "coding", "codings"),
                        count(view.totals.n_quotes, "quote", "quotes")) }
                    { if view.totals.n_context_categories > 0 { format!(" · of these, framing and background (not evidence for an analytic category): {}, {}",
                        count(view.totals.n_context_categories, "category", "categories"),
                        count(view.totals.n_context_codings, "coding", "codings")) } else { String::new() } }
                    { if view.hidden_evidence > 0 { format!(" · {} hidden by filters", count(view.hidden_evidence, "evidence item", "evidence items")) } else { String::new() } }
                </p>
                <ExportBar data={data.clone()} state={s.clone()} />
                { if filtered { html! {
                    <div class="active-filters" aria-label="Active filters">
                        { chips }
                        <button type="button" class="btn" onclick={clear_all} data-testid="clear-all">{ "Clear all filters" }</button>
                    </div>
                } } else { html! {} } }
                <MatrixGrid data={data.clone()} view={view.clone()} layout={l} selection={s.selection.clone()}
                    reveal={s.reveal} spot={s.spot.clone()} fit={presenting && !crate::browser::is_phone()}
                    dispatch={d.clone()} />
                { passages_list(&data, s, d, &hits) }
            </section>
            { match (with_panel, presenting) {
                (true, false) => html! {
                    <Panel data={data.clone()} state={s.clone()} codings={sel_codings.clone()} dispatch={d.clone()} />
                },
                (true, true) => html! { <SlideQuotes data={data.clone()} state={s.clone()} /> },
                (false, _) => html! {},
            } }
        </div>
    }
}

/// Discussion aids: hide the marks and reveal them by cell, row or column; put the selection in
/// the spotlight. Both are part of the view (and of a tour step made from it).
fn discuss_controls(data: &Shared, s: &ViewState, d: &Callback<Action>) -> Html {
    let on_reveal = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = crate::browser::field_value(&e);
            d.emit(Action::SetReveal(RevealBy::from_key(&v)));
        })
    };
    let step = |delta: i32, label: &str, test: &str| {
        let (d, data, s) = (d.clone(), data.clone(), s.clone());
        html! {
            <button type="button" class="btn" data-testid={test.to_string()}
                onclick={move |_: MouseEvent| {
                    let total = reveal_total(&data.0.corpus, &data.0.index, &s);
                    d.emit(Action::RevealStep(delta, total));
                }}>{ label.to_string() }</button>
        }
    };
    let current = s.reveal.map_or("", |r| r.by.key());
    let spot = match (&s.spot, &s.selection) {
        (Some(_), _) => {
            let d = d.clone();
            html! { <button type="button" class="btn" aria-pressed="true" data-testid="spotlight"
            onclick={move |_: MouseEvent| d.emit(Action::Spotlight(None))}>{ "Spotlight on" }</button> }
        }
        (None, Some(sel)) => {
            let (d, sel) = (d.clone(), sel.clone());
            html! { <button type="button" class="btn" aria-pressed="false" data-testid="spotlight"
            title="Light the selected cell, row or column and dim the rest"
            onclick={move |_: MouseEvent| d.emit(Action::Spotlight(Some(sel.clone())))}>{ "Spotlight" }</button> }
        }
        (None, None) => {
            html! { <button type="button" class="btn" aria-pressed="false" data-testid="spotlight" disabled=true
            title="Select a cell, row or column first">{ "Spotlight" }</button> }
        }
    };
    html! {
        <fieldset class="discuss"><legend>{ "Discuss" }</legend>
            <label class="visually-hidden" for="reveal-by">{ "Marks" }</label>
            <select id="reveal-by" data-testid="reveal-by" onchange={on_reveal}>
                <option value="" selected={current.is_empty()}>{ "All marks shown" }</option>
                { for RevealBy::ALL.iter().map(|by| html! {
                    <option value={by.key()} selected={current == by.key()}>{ format!("Reveal by {}", by.singular()) }</option>
                }) }
            </select>
            if s.reveal.is_some() {
                { step(-1, "Hide", "reveal-prev") }
                { step(1, "Reveal", "reveal-next") }
            }
            { spot }
        </fieldset>
    }
}

/// Buttons naming each active filter; a click removes it.
fn active_chips(c: &evidence_core::Corpus, s: &ViewState, d: &Callback<Action>) -> Html {
    html! {
        <>{ for chips(c, s).into_iter().map(|chip| {
            let d = d.clone();
            let (facet, value) = match &chip.remove {
                Action::ToggleFacet(f, v) => (Some(f.key()), Some(v.clone())),
                _ => (None, None),
            };
            let remove = chip.remove;
            html! {
                <button type="button" class="chip" aria-label={chip.aria_label} data-testid="chip"
                    data-facet={facet} data-value={value}
                    onclick={move |_: MouseEvent| d.emit(remove.clone())}>{ format!("{} ✕", chip.text) }</button>
            }
        }) }</>
    }
}

/// Paragraphs of the papers that match the search, each opening the reader there.
fn passages_list(
    data: &Shared,
    s: &ViewState,
    d: &Callback<Action>,
    hits: &[ParagraphHit],
) -> Html {
    if s.search.trim().is_empty() {
        return html! {};
    }
    let c = &data.0.corpus;
    let more = if hits.len() >= MAX_PASSAGES { "+" } else { "" };
    html! {
        <section class="passages" aria-labelledby="passages-h" data-testid="passages">
            <h2 id="passages-h">{ format!("Passages in the papers matching “{}” ({}{more})", s.search, hits.len()) }</h2>
            { if hits.is_empty() { html! { <p class="empty">{ "No paragraph of the papers matches." }</p> } } else { html! {
                <ul>
                    { for passages(c, hits).into_iter().map(|p| {
                        let paper = &c.papers[p.paper];
                        let actions = vec![Action::Navigate(Route::Read { paper: paper.id.clone(), block: p.block_id })];
                        let t = p.snippet;
                        html! {
                            <li data-testid="passage">
                                <a href={href(s, actions.clone())} onclick={on_nav(d, actions)}>
                                    { paper_mark(c, p.paper) }
                                    { format!(" {} ", paper.short_title) }</a>
                                <span class="ctx">
                                    { if t.cut_before { "…" } else { "" } }
                                    { t.before }<mark class="hit">{ t.hit }</mark>{ t.after }
                                    { if t.cut_after { "…" } else { "" } }
                                </span>
                            </li>
                        }
                    }) }
                </ul>
            } } }
        </section>
    }
}

/// What the matrix page draws, derived from the view state.
struct MatrixData {
    view: Rc<MatrixView>,
    counts: Rc<FacetCounts>,
    sel_codings: Rc<Vec<usize>>,
    hits: Rc<Vec<ParagraphHit>>,
}

/// The page's derived data, each computed by the core in `use_memo` keyed on what it depends
/// on: the matrix, the facet counts, the selection's codings and the search's paragraphs.
#[hook]
fn use_matrix_data(data: &Shared, s: &Rc<ViewState>) -> MatrixData {
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
                data.0
                    .index
                    .search
                    .paragraph_hits(&data.0.corpus, &q, MAX_PASSAGES)
            }
        })
    };
    MatrixData {
        view,
        counts,
        sel_codings,
        hits,
    }
}
