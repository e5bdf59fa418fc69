//! The matrix grid: an ARIA grid of categories against evidence (or transposed). Cells are
//! plain render functions; one click handler and one key handler on the table serve every
//! cell (the coordinates travel in `data-r`/`data-c`), so a re-render creates no closures
//! per cell. Arrow keys move a roving focus, Enter opens, Escape closes. What the grid shows
//! and how selections, coordinates and keys relate is `evidence_core::viewmodel::grid`.

use std::rc::Rc;

use evidence_core::matrix::MatrixView;
use evidence_core::view::{Action, Layout, Reveal, Selection};
use evidence_core::viewmodel::discussion::{offscreen_note, Discussion, RowShow};
use evidence_core::viewmodel::grid::{cell_label, AxisItem, AxisKey, Grid, GridKey, RowCells};
use yew::prelude::*;

use super::mark;
use crate::browser;
use crate::data::Shared;

/// Props of `MatrixGrid`.
#[derive(Properties, PartialEq)]
pub struct MatrixProps {
    /// Corpus and index.
    pub data: Shared,
    /// The aggregated matrix from the core.
    pub view: Rc<MatrixView>,
    /// Layout switches (transposed, compact).
    pub layout: Layout,
    /// Current selection.
    pub selection: Option<Selection>,
    /// Marks hidden for discussion and revealed unit by unit, if any.
    #[prop_or_default]
    pub reveal: Option<Reveal>,
    /// The spotlight: this cell, row or column lit, the rest dimmed.
    #[prop_or_default]
    pub spot: Option<Selection>,
    /// Presentation mode: the grid must fit the screen, and says what it cannot show.
    #[prop_or_default]
    pub fit: bool,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// The matrix grid.
#[component]
pub fn MatrixGrid(props: &MatrixProps) -> Html {
    let grid = {
        let d = props.data.clone();
        use_memo(props.view.clone(), move |v| Grid::new(&d.0.corpus, v))
    };
    let transposed = props.layout.transposed;
    let (rows, cols) = grid.axes(transposed);
    let discussion = {
        let grid = grid.clone();
        use_memo(
            (
                props.view.clone(),
                transposed,
                props.reveal,
                props.spot.clone(),
            ),
            move |(_, t, reveal, spot)| Discussion::new(&grid, *t, *reveal, spot.as_ref()),
        )
    };
    // Roving focus: (row, col) where -1 means the header.
    let focus = use_state(|| (0i32, 0i32));
    let moved = use_mut_ref(|| false);
    {
        let moved = moved.clone();
        use_effect_with(*focus, move |&(r, c)| {
            if std::mem::take(&mut *moved.borrow_mut()) {
                browser::focus(&format!("mx-{r}-{c}"));
            }
        });
    }
    let selected_pos = props
        .selection
        .as_ref()
        .and_then(|sel| grid.position_of(transposed, sel));
    // Show the selected cell, row or column (a shared link may select one far to the right).
    {
        let focus = focus.clone();
        use_effect_with((props.selection.clone(), transposed), move |_| {
            if let Some((r, c)) = selected_pos {
                browser::reveal(&format!("mx-{r}-{c}"));
                if *focus != (r, c) {
                    focus.set((r, c));
                }
            }
        });
    }

    let onclick = {
        let dispatch = props.dispatch.clone();
        let focus = focus.clone();
        let grid = grid.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((r, c)) = browser::grid_coords(e.target()) {
                focus.set((r, c));
                if let Some(sel) = grid.selection_at(transposed, r, c) {
                    dispatch.emit(Action::Select(Some(sel)));
                }
            }
        })
    };
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        let focus = focus.clone();
        let moved = moved.clone();
        let grid = grid.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(key) = grid.key(transposed, *focus, &e.key(), e.ctrl_key()) else {
                return;
            };
            e.prevent_default();
            match key {
                GridKey::Move(r, c) => {
                    *moved.borrow_mut() = true;
                    focus.set((r, c));
                }
                GridKey::Stay => {}
                GridKey::Open => {
                    if let Some(sel) = grid.selection_at(transposed, focus.0, focus.1) {
                        dispatch.emit(Action::Select(Some(sel)));
                    }
                }
                GridKey::Close => dispatch.emit(Action::Select(None)),
            }
        })
    };
    let onfocusin = {
        let focus = focus.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some(rc) = browser::grid_coords(e.target()) {
                if rc != *focus {
                    focus.set(rc);
                }
            }
        })
    };

    if grid.is_empty() {
        return html! {
            <div class="matrix-empty" data-testid="matrix-empty">
                <p>{ "Nothing matches these filters. Remove a filter or clear the search to see evidence again." }</p>
            </div>
        };
    }
    let stop = grid.tab_stop(transposed, *focus);
    let tab = |r: i32, c: i32| if (r, c) == stop { "0" } else { "-1" };
    let row_what = if transposed { "Evidence" } else { "Category" };
    let col_what = if transposed { "categories" } else { "evidence" };

    let header_groups = cols.groups.iter().map(|(label, n)| {
        html! {
            <th colspan={n.to_string()} scope="colgroup" class="group-head">{ label.clone() }</th>
        }
    });
    let header_cols = cols.items.iter().enumerate().map(|(ci, it)| {
        let ci = ci as i32;
        let spot = discussion.spot.is_some_and(|(r, c)| r == -1 && c == ci);
        column_header(ci, it, tab(-1, ci), selected_pos == Some((-1, ci)), spot)
    });
    let body = body_rows(&grid, &discussion, transposed, stop, selected_pos);
    // In presentation the grid does not scroll: measure what lies outside it and say so.
    let offscreen = use_state(|| None::<String>);
    {
        let offscreen = offscreen.clone();
        let deps = (
            props.view.clone(),
            props.layout,
            props.fit,
            props.selection.clone(),
            props.reveal,
        );
        use_effect_with(deps, move |(_, _, fit, _, _)| {
            let measure = {
                let offscreen = offscreen.clone();
                move || {
                    let note = browser::offscreen("matrix-wrap")
                        .and_then(|(ro, r, co, c)| offscreen_note(ro, r, co, c));
                    if *offscreen != note {
                        offscreen.set(note);
                    }
                }
            };
            let listener = if *fit {
                measure();
                // Again once the page's own effects (the root's type size) have applied.
                // The selection is scrolled into view again in the presentation layout.
                let again = measure.clone();
                browser::spawn(async move {
                    browser::sleep(120).await;
                    if let Some((r, c)) = selected_pos {
                        browser::reveal(&format!("mx-{r}-{c}"));
                    }
                    again();
                });
                browser::on_resize(measure)
            } else {
                offscreen.set(None);
                None
            };
            move || drop(listener)
        });
    }
    let off_note = (*offscreen).clone().map(|n| {
        html! { <p class="offscreen-note" role="status" data-testid="offscreen-note">{ n }</p> }
    });
    let progress = discussion.progress().map(|p| {
        html! { <p class="reveal-progress" role="status" data-testid="reveal-progress">{ p }</p> }
    });

    html! {
        <div class="matrix-wrap" data-testid="matrix-wrap">
            { for progress }
            { for off_note }
            <table role="grid" class={classes!("matrix", props.layout.compact.then_some("compact"),
                    discussion.spot.is_some().then_some("spotlit"), discussion.by.is_some().then_some("revealing"))}
                aria-label={format!("{row_what} rows against {col_what} columns. Arrow keys move, Enter opens the quotes, Escape closes.")}
                aria-rowcount={(rows.items.len() + 1).to_string()} aria-colcount={(cols.items.len() + 1).to_string()}
                data-testid="matrix" data-transposed={transposed.to_string()}
                {onclick} {onkeydown} {onfocusin}>
                <thead>
                    <tr class="groups">
                        <th class="corner" rowspan="2" scope="col">{ format!("{row_what} \\ {}", col_what) }</th>
                        { for header_groups }
                    </tr>
                    <tr class="cols" role="row">{ for header_cols }</tr>
                </thead>
                <tbody>{ for body }</tbody>
            </table>
        </div>
    }
}

/// The header of on-screen column `ci`.
fn column_header(
    ci: i32,
    it: &AxisItem,
    tabindex: &'static str,
    selected: bool,
    spot: bool,
) -> Html {
    html! {
        <th role="columnheader" id={format!("mx--1-{ci}")} data-r="-1" data-c={ci.to_string()} {tabindex}
            aria-selected={selected.to_string()} class={classes!("col-head-cell", spot.then_some("spot"))} title={it.title()}
            data-testid="col-head">
            <div class="col-head">
                { if it.date.is_empty() { html! {} } else { html! { <span class="date">{ format!("{} ", it.date) }</span> } } }
                { for it.mark.as_ref().filter(|m| !m.letter.is_empty()).map(|m| mark(m, false)) }
                { format!(" {}", it.label) }
            </div>
            <span class="tot">{ it.total }</span>
        </th>
    }
}

/// The body: each row group's heading row, then its rows (`stop`: the roving tab stop;
/// `selected`: the selection's on-screen position).
fn body_rows(
    grid: &Grid,
    discussion: &Discussion,
    transposed: bool,
    stop: (i32, i32),
    selected: Option<(i32, i32)>,
) -> Vec<Html> {
    let (rows, cols) = grid.axes(transposed);
    let n_all_cols = cols.items.len() + 1;
    let mut body: Vec<Html> = Vec::with_capacity(rows.items.len() + rows.groups.len());
    let mut r = 0usize;
    for (label, n) in &rows.groups {
        body.push(html! {
            <tr class="row-group" role="row" key={format!("g-{label}-{r}")}>
                <th role="rowheader" colspan={n_all_cols.to_string()} scope="rowgroup"><span class="group-label">{ label.clone() }</span></th>
            </tr>
        });
        for _ in 0..*n {
            let ri = r as i32;
            let focus = (ri == stop.0).then_some(stop.1);
            let selected = selected.and_then(|(sr, sc)| (sr == ri).then_some(sc));
            let (cells, col_labels) = grid.row(transposed, r);
            body.push(html! {
                <GridRow key={format!("r-{r}")} r={r} item={rows.items[r].clone()} {cells}
                    {col_labels} {focus} {selected} show={discussion.row(r)}
                    spot={discussion.spot.is_some_and(|(sr, sc)| sr == ri && sc == -1)} />
            });
            r += 1;
        }
    }
    body
}

/// Props of `GridRow`.
#[derive(Properties, PartialEq)]
struct RowProps {
    /// On-screen row position.
    r: usize,
    /// The row's header.
    item: AxisItem,
    /// Its cells, one per column.
    cells: RowCells,
    /// Labels of the columns (for the cells' descriptions).
    col_labels: Rc<Vec<String>>,
    /// Column of the roving tab stop, when it is in this row (-1 = the row header).
    focus: Option<i32>,
    /// Column selected in this row, if any (-1 = the whole row).
    selected: Option<i32>,
    /// Which of its marks are revealed and which cells are in the light.
    show: RowShow,
    /// The row is in the spotlight.
    spot: bool,
}

/// One matrix row. A component of its own so that a change elsewhere in the grid (focus,
/// selection, an unchanged row after a search keystroke) does not render it again.
#[component]
fn GridRow(props: &RowProps) -> Html {
    let it = &props.item;
    let ri = props.r as i32;
    let tab = |c: i32| if props.focus == Some(c) { "0" } else { "-1" };
    let sel = |c: i32| (props.selected == Some(c)).to_string();
    let show = props.show;
    let mut nth = 0;
    let cells = props.cells.iter().enumerate().map(|(col_i, cell)| {
        let ci = col_i as i32;
        let id = format!("mx-{ri}-{ci}");
        let dim = show.dimmed(col_i).then_some("dim");
        match cell {
            None => html! {
                <td role="gridcell" {id} data-r={ri.to_string()} data-c={ci.to_string()}
                    tabindex={tab(ci)} aria-selected={sel(ci)} class={classes!("cell", dim)}></td>
            },
            Some(m) => {
                let col = props.col_labels.get(col_i).map(String::as_str).unwrap_or_default();
                let label = cell_label(&it.label, col, m);
                let revealed = show.revealed(col_i, nth);
                nth += 1;
                if !revealed {
                    return html! {
                        <td role="gridcell" {id} data-r={ri.to_string()} data-c={ci.to_string()}
                            tabindex={tab(ci)} aria-selected={sel(ci)} class={classes!("cell", "has", "concealed", dim)}
                            data-label={label} data-testid="concealed">
                            <span class="visually-hidden">{ "not revealed yet" }</span>
                        </td>
                    };
                }
                html! {
                    <td role="gridcell" {id} data-r={ri.to_string()} data-c={ci.to_string()}
                        tabindex={tab(ci)} aria-selected={sel(ci)} class={classes!("cell", "has", dim)} data-label={label.clone()}>
                        <span class="visually-hidden">{ label }</span>
                        <span class="marks" aria-hidden="true">
                            { for m.marks.iter().map(|x| mark(x, false)) }
                        </span>
                        <span class="n" aria-hidden="true">{ m.n_quotes }</span>
                    </td>
                }
            }
        }
    });
    html! {
        <tr role="row" class={classes!(it.aggregate.then_some("agg"), (it.total == 0).then_some("empty-row"), props.spot.then_some("spot"))} data-testid="matrix-row">
            <th role="rowheader" id={format!("mx-{ri}--1")} data-r={ri.to_string()} data-c="-1" tabindex={tab(-1)}
                aria-selected={sel(-1)} class="row-head" scope="row">
                { for it.mark.as_ref().filter(|m| !m.letter.is_empty()).map(|m| mark(m, true)) }
                { if matches!(it.key, AxisKey::Evidence(_)) { html! { <span class="date">{ format!("{} ", it.date) }</span> } } else { html! {} } }
                { format!(" {}", it.label) }
                { if it.tag.is_empty() { html! {} } else { html! { <span class="kind-tag" data-testid="row-tag">{ format!(" {}", it.tag) }</span> } } }
                <span class="tot" aria-label={it.total_label()}>{ format!(" {}", it.total) }</span>
                { if it.is_gap() { html! { <span class="gap-note" data-testid="gap-note">{ format!(" · {}", it.gap_note()) }</span> } } else { html! {} } }
            </th>
            { for cells }
        </tr>
    }
}
