//! The overview page: an evidence gap map computed by the core (`overview::build_overview`).
//! A real `<table>` (column and row headers with `scope`), one per part: the analytic
//! categories, then the context categories counted apart. Each non-empty cell is a link that
//! opens the matrix narrowed to it.

use std::rc::Rc;

use evidence_core::query::overview::{
    build_overview, narrow_actions, rule_text, shade, Overview, OverviewPart,
};
use evidence_core::state::{Action, Measure, OverviewCols, RowGroup, RowKey, ViewState};
use yew::prelude::*;

use super::exports::ExportBar;
use super::filters_line::FiltersLine;
use super::{href, on_nav, paper_mark, stance_tag};
use crate::data::Shared;

/// Props of `OverviewPage`.
#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view.
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// The overview page.
#[component]
pub fn OverviewPage(props: &OverviewProps) -> Html {
    let s = &props.state;
    let d = &props.dispatch;
    let data = props.data.clone();
    let ov = {
        let data = data.clone();
        let s = s.clone();
        use_memo(
            (
                s.filters.clone(),
                s.search.clone(),
                s.layout.rows,
                s.overview,
            ),
            move |_| build_overview(&data.0.corpus, &data.0.index, &s),
        )
    };
    let seg = |label: &str, pressed: bool, action: Action, test: String| {
        let d = d.clone();
        html! {
            <button type="button" class="btn" aria-pressed={pressed.to_string()} data-testid={test}
                onclick={move |_: MouseEvent| d.emit(action.clone())}>{ label.to_string() }</button>
        }
    };
    let o = s.overview;
    let rows = s.layout.rows;
    // Words (kinds, domains, places) stand sideways so that many columns fit one screen.
    let sideways = matches!(
        o.cols,
        OverviewCols::Kind | OverviewCols::Domain | OverviewCols::Place
    );
    html! {
        <div class={classes!("overview", sideways.then_some("many-cols"), (ov.columns.len() > 20).then_some("very-many"))} data-testid="overview-page">
            <div class="ov-head">
                <h1 id="overview-h" title="Where the evidence is dense or thin">{ "Overview" }</h1>
                <div class="toolbar ov-controls">
                    <fieldset><legend>{ "Rows" }</legend>
                        { seg("Categories", rows == RowGroup::Paper, Action::SetRows(RowGroup::Paper), "ov-rows-paper".into()) }
                        { seg("Dimensions", rows == RowGroup::Dimension, Action::SetRows(RowGroup::Dimension), "ov-rows-dimension".into()) }
                    </fieldset>
                    <fieldset><legend>{ "Columns" }</legend>
                        { for OverviewCols::ALL.iter().map(|&c| seg(c.label(), o.cols == c, Action::SetOverviewCols(c), format!("ov-cols-{}", c.key()))) }
                    </fieldset>
                    <fieldset><legend>{ "Count" }</legend>
                        { for Measure::ALL.iter().map(|&m| seg(m.label(), o.measure == m, Action::SetMeasure(m), format!("ov-count-{}", m.key()))) }
                    </fieldset>
                </div>
            </div>
            <FiltersLine data={data.clone()} state={s.clone()} dispatch={d.clone()} />
            { if ov.main.groups.is_empty() && ov.context.groups.is_empty() {
                html! { <p class="empty" data-testid="overview-empty">{ "No category passes the current filters." }</p> }
            } else { html! {
                { table(&data, s, d, &ov) }
            } } }
            <div class="ov-legend" data-testid="overview-legend">
                <p class="ov-rule" data-testid="overview-rule">{ rule_text(o.measure, o.cols, rows) }</p>
                <ul class="ov-keys" aria-label="Legend">
                    <li><span class="ov-swatch shade-1" aria-hidden="true">{ "1" }</span><span class="ov-swatch shade-4" aria-hidden="true">{ "9" }</span>{ " darker = more" }</li>
                    <li><span class="ov-swatch zero" aria-hidden="true">{ "0" }</span>{ " no evidence cited" }</li>
                    <li title="another paper's category, or no category of this paper on this dimension"><span class="ov-swatch na" aria-hidden="true">{ "—" }</span>{ " does not apply" }</li>
                    <li><span class="ov-ne">{ "no concrete evidence cited" }</span>{ " argued without concrete evidence" }</li>
                    <li class="ov-export"><ExportBar data={data.clone()} state={s.clone()} /></li>
                </ul>
            </div>
        </div>
    }
}

fn measure_noun(m: Measure, n: usize) -> String {
    let (one, many) = match m {
        Measure::Evidence => ("evidence item", "evidence items"),
        Measure::Codings => ("coding", "codings"),
        Measure::Quotes => ("quote", "quotes"),
        Measure::Presence => ("cell with evidence", "cells with evidence"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

fn key_id(k: &RowKey) -> String {
    match k {
        RowKey::Category(id) => id.clone(),
        RowKey::Dimension(id) => format!("dim:{id}"),
    }
}

fn table(data: &Shared, s: &ViewState, d: &Callback<Action>, ov: &Overview) -> Html {
    let m = s.overview.measure;
    let row_head = if s.layout.rows == RowGroup::Paper {
        "Category"
    } else {
        "Dimension"
    };
    html! {
        <div class="ov-wrap">
        <table class="ov-table" data-testid="overview">
            <caption class="visually-hidden">{ format!("The papers' categories against the evidence they cite. Columns: {}. Cells count {}. Context categories follow, counted apart.", s.overview.cols.label(), m.label().to_lowercase()) }</caption>
            <thead>
                <tr>
                    <th scope="col" class="ov-corner">{ row_head }</th>
                    { for ov.columns.iter().map(|col| html! {
                        <th scope="col" class="ov-col" data-testid="ov-col" data-col={col.id.clone()} title={col.label.clone()}>
                            <span>{ col.label.clone() }</span>
                        </th>
                    }) }
                    <th scope="col" class="ov-col ov-total-col">{ "Total" }</th>
                </tr>
            </thead>
            { part(data, s, d, ov, &ov.main, "main", if ov.context.groups.is_empty() { "All rows (distinct)" } else { "All analytic rows (distinct)" }) }
            { if ov.context.groups.is_empty() { html! {} } else {
                part(data, s, d, ov, &ov.context, "context", "All context rows (distinct)")
            } }
        </table>
        </div>
    }
}

fn part(
    data: &Shared,
    s: &ViewState,
    d: &Callback<Action>,
    ov: &Overview,
    part: &OverviewPart,
    name: &str,
    totals_label: &str,
) -> Html {
    let c = &data.0.corpus;
    let m = s.overview.measure;
    let presence = m == Measure::Presence;
    let n_cols = ov.columns.len() + 2;
    let cell_text = |v: usize| -> String {
        if presence {
            if v > 0 {
                "●".into()
            } else {
                String::new()
            }
        } else {
            v.to_string()
        }
    };
    let totals_label = if presence {
        "Cells with evidence"
    } else {
        totals_label
    };
    html! {
        <>
            { for part.groups.iter().map(|g| html! {
                <tbody data-part={name.to_string()}>
                    <tr class="ov-group"><th scope="rowgroup" colspan={n_cols.to_string()}>{ g.label.clone() }</th></tr>
                    { for g.rows.iter().map(|r| {
                        let rid = key_id(&r.key);
                        let row_actions = narrow_actions(&r.key, None);
                        html! {
                            <tr data-testid="ov-row" data-row={rid.clone()}>
                                <th scope="row" class="ov-row-head">
                                    { for r.paper.map(|p| paper_mark(c, p)) }
                                    { format!(" {}", r.label) }
                                    { if r.no_evidence { html! { <span class="ov-ne" data-testid="ov-no-evidence">{ " no concrete evidence cited" }</span> } } else { html! {} } }
                                    { for r.stances.iter().map(|&st| stance_tag(st)) }
                                    { if r.stances.len() > 1 { html! { <span class="ov-opposed" data-testid="ov-opposed" title="the papers' categories on this dimension weigh it differently">{ "papers differ" }</span> } } else { html! {} } }
                                </th>
                                { for r.cells.iter().zip(&ov.columns).map(|(v, col)| match v {
                                    None => html! {
                                        <td class="ov-cell na" data-col={col.id.clone()} data-value="na">
                                            <span aria-hidden="true">{ "—" }</span><span class="visually-hidden">{ "does not apply" }</span>
                                        </td>
                                    },
                                    Some(0) => html! {
                                        <td class="ov-cell zero" data-col={col.id.clone()} data-value="0">
                                            <span aria-hidden="true">{ if presence { "" } else { "0" } }</span><span class="visually-hidden">{ "no evidence cited" }</span>
                                        </td>
                                    },
                                    Some(n) => {
                                        let actions = narrow_actions(&r.key, Some(&col.narrow));
                                        let label = format!("{}: {} × {}. Open in the matrix", measure_noun(m, *n), r.label, col.label);
                                        html! {
                                            <td class={classes!("ov-cell", format!("shade-{}", shade(*n, part.max)))} data-col={col.id.clone()} data-value={n.to_string()}>
                                                <a href={href(s, actions.clone())} onclick={on_nav(d, actions)} aria-label={label.clone()} title={label}>{ cell_text(*n) }</a>
                                            </td>
                                        }
                                    }
                                }) }
                                <td class="ov-cell ov-total" data-col="total" data-value={r.total.to_string()}>
                                    { if r.total > 0 { html! {
                                        <a href={href(s, row_actions.clone())} onclick={on_nav(d, row_actions)}
                                           aria-label={format!("{} in total: {}. Open in the matrix", measure_noun(m, r.total), r.label)}>{ r.total }</a>
                                    } } else { html! { <span>{ "0" }</span> } } }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            }) }
            <tbody class="ov-totals-body" data-part={name.to_string()}>
                <tr class="ov-totals" data-testid="ov-totals" data-part={name.to_string()}>
                    <th scope="row" class="ov-row-head">{ totals_label }</th>
                    { for part.col_totals.iter().zip(&ov.columns).map(|(v, col)| html! {
                        <td class="ov-cell ov-total" data-col={col.id.clone()} data-value={v.to_string()}>{ v }</td>
                    }) }
                    <td class="ov-cell ov-total" data-col="total" data-value={part.total.to_string()}>{ part.total }</td>
                </tr>
            </tbody>
        </>
    }
}
