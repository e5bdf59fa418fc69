//! The matrix grid: an ARIA grid of categories against evidence (or transposed). Cells are
//! plain render functions; one click handler and one key handler on the table serve every
//! cell (the coordinates travel in `data-r`/`data-c`), so a re-render creates no closures
//! per cell. Arrow keys move a roving focus, Enter opens, Escape closes.

use std::rc::Rc;

use evidence_core::matrix::MatrixView;
use evidence_core::view::{Action, Layout, RowKey, Selection};
use yew::prelude::*;

use crate::app::Shared;
use crate::browser;

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
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// What one axis position stands for.
#[derive(Clone, PartialEq)]
enum Key {
    Row(RowKey),
    Evidence(String),
}

/// One position on an axis.
#[derive(Clone, PartialEq)]
struct Item {
    key: Key,
    label: String,
    sub: String,
    total: String,
    aggregate: bool,
    /// Colour slot of the paper mark in `sub` (rows only).
    slot: usize,
}

/// One axis: its groups (label, number of items) and items.
#[derive(Clone, PartialEq, Default)]
struct Axis {
    groups: Vec<(String, usize)>,
    items: Vec<Item>,
}

/// One non-empty cell: paper marks (letter, colour slot) and quote count.
#[derive(Clone, PartialEq, Eq)]
struct CellModel {
    marks: Vec<(String, usize)>,
    n_quotes: usize,
}

/// The cells of one on-screen row, shared with its `GridRow` (compared by value, so a row
/// whose cells did not change is not rendered again).
type RowCells = Rc<Vec<Option<CellModel>>>;

/// The grid as the component draws it, built from the core's `MatrixView`.
struct Grid {
    rows: Axis,
    cols: Axis,
    /// Category rows × evidence columns.
    cells: Vec<RowCells>,
    /// The same, evidence rows × category columns (the transposed layout).
    cells_t: Vec<RowCells>,
    /// Labels of the evidence columns and of the category rows, for cell descriptions.
    col_labels: Rc<Vec<String>>,
    row_labels: Rc<Vec<String>>,
}

fn build_grid(d: &Shared, v: &MatrixView) -> Grid {
    let c = &d.0.corpus;
    let rows = Axis {
        groups: v
            .row_groups
            .iter()
            .map(|g| (g.label.clone(), g.rows.len()))
            .collect(),
        items: v
            .rows
            .iter()
            .map(|r| Item {
                key: Key::Row(r.key.clone()),
                label: if r.is_header() {
                    format!("All: {}", r.label)
                } else {
                    r.label.clone()
                },
                sub: r.mark.clone(),
                total: r.n_codings.to_string(),
                aggregate: r.is_header(),
                slot: r.paper.unwrap_or(0) % 8,
            })
            .collect(),
    };
    let cols = Axis {
        groups: v
            .col_groups
            .iter()
            .map(|g| (g.label.clone(), g.cols.len()))
            .collect(),
        items: v
            .columns
            .iter()
            .map(|col| Item {
                key: Key::Evidence(col.id.clone()),
                label: col.title.clone(),
                sub: col.date_text.clone(),
                total: col.n_codings.to_string(),
                aggregate: false,
                slot: 0,
            })
            .collect(),
    };
    let cells: Vec<Vec<Option<CellModel>>> = (0..rows.items.len())
        .map(|r| {
            let mut line = vec![None; cols.items.len()];
            for (col, cell) in v.row_cells(r) {
                if let Some(slot) = line.get_mut(*col) {
                    *slot = Some(CellModel {
                        marks: cell
                            .papers
                            .iter()
                            .map(|&p| (c.papers[p].mark.clone(), p % 8))
                            .collect(),
                        n_quotes: cell.n_quotes,
                    });
                }
            }
            line
        })
        .collect();
    let cells_t = (0..cols.items.len())
        .map(|col| Rc::new(cells.iter().map(|line| line[col].clone()).collect()))
        .collect();
    let col_labels = Rc::new(cols.items.iter().map(|i| i.label.clone()).collect());
    let row_labels = Rc::new(rows.items.iter().map(|i| i.label.clone()).collect());
    Grid {
        cells: cells.into_iter().map(Rc::new).collect(),
        cells_t,
        col_labels,
        row_labels,
        rows,
        cols,
    }
}

/// The matrix grid.
#[component]
pub fn MatrixGrid(props: &MatrixProps) -> Html {
    let grid = {
        let d = props.data.clone();
        use_memo(props.view.clone(), move |v| build_grid(&d, v))
    };
    let transposed = props.layout.transposed;
    let (rows, cols) = if transposed {
        (&grid.cols, &grid.rows)
    } else {
        (&grid.rows, &grid.cols)
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
    // Show the selected cell, row or column (a shared link may select one far to the right).
    {
        let target = props
            .selection
            .as_ref()
            .and_then(|sel| position_of(rows, cols, transposed, sel));
        let focus = focus.clone();
        use_effect_with((props.selection.clone(), transposed), move |_| {
            if let Some((r, c)) = target {
                browser::reveal(&format!("mx-{r}-{c}"));
                if *focus != (r, c) {
                    focus.set((r, c));
                }
            }
        });
    }
    let n_rows = rows.items.len() as i32;
    let n_cols = cols.items.len() as i32;

    let selected = props.selection.clone();
    let is_sel = |r: i32, c: i32| {
        selected.is_some() && selection_at(rows, cols, transposed, r, c) == selected
    };

    let onclick = {
        let dispatch = props.dispatch.clone();
        let focus = focus.clone();
        let sel_of: Rc<dyn Fn(i32, i32) -> Option<Selection>> = {
            let rows = rows.clone();
            let cols = cols.clone();
            Rc::new(move |r, c| selection_at(&rows, &cols, transposed, r, c))
        };
        Callback::from(move |e: MouseEvent| {
            if let Some((r, c)) = browser::grid_coords(e.target()) {
                focus.set((r, c));
                if let Some(sel) = sel_of(r, c) {
                    dispatch.emit(Action::Select(Some(sel)));
                }
            }
        })
    };
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        let focus = focus.clone();
        let moved = moved.clone();
        let rows = rows.clone();
        let cols = cols.clone();
        Callback::from(move |e: KeyboardEvent| {
            let (r, c) = *focus;
            let page = 10;
            let next = match e.key().as_str() {
                "ArrowRight" => Some((r, (c + 1).min(n_cols - 1))),
                "ArrowLeft" => Some((r, (c - 1).max(-1))),
                "ArrowDown" => Some(((r + 1).min(n_rows - 1), c)),
                "ArrowUp" => Some(((r - 1).max(-1), c)),
                "Home" if e.ctrl_key() => Some((0, 0)),
                "End" if e.ctrl_key() => Some((n_rows - 1, n_cols - 1)),
                "Home" => Some((r, -1)),
                "End" => Some((r, n_cols - 1)),
                "PageDown" => Some(((r + page).min(n_rows - 1), c)),
                "PageUp" => Some(((r - page).max(-1), c)),
                "Enter" | " " => {
                    e.prevent_default();
                    if let Some(sel) = selection_at(&rows, &cols, transposed, r, c) {
                        dispatch.emit(Action::Select(Some(sel)));
                    }
                    None
                }
                "Escape" => {
                    e.prevent_default();
                    dispatch.emit(Action::Select(None));
                    None
                }
                _ => None,
            };
            if let Some((nr, nc)) = next {
                e.prevent_default();
                if (nr, nc) != (-1, -1) {
                    *moved.borrow_mut() = true;
                    focus.set((nr, nc));
                }
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

    if rows.items.is_empty() || cols.items.is_empty() {
        return html! {
            <div class="matrix-empty" data-testid="matrix-empty">
                <p>{ "Nothing matches these filters. Remove a filter or clear the search to see evidence again." }</p>
            </div>
        };
    }
    let (fr, fc) = *focus;
    let tab = |r: i32, c: i32| {
        if (r, c) == (fr, fc) || (fr >= n_rows || fc >= n_cols) && (r, c) == (0, 0) {
            "0"
        } else {
            "-1"
        }
    };
    let row_what = if transposed { "Evidence" } else { "Category" };
    let col_what = if transposed { "categories" } else { "evidence" };

    let header_groups = cols.groups.iter().map(|(label, n)| {
        html! {
            <th colspan={n.to_string()} scope="colgroup" class="group-head">{ label.clone() }</th>
        }
    });
    let header_cols = cols.items.iter().enumerate().map(|(ci, it)| {
        let ci = ci as i32;
        html! {
            <th role="columnheader" id={format!("mx--1-{ci}")} data-r="-1" data-c={ci.to_string()} tabindex={tab(-1, ci)}
                aria-selected={is_sel(-1, ci).to_string()} class="col-head-cell" title={format!("{} ({})", it.label, it.sub)}
                data-testid="col-head">
                <div class="col-head">
                    { if !it.sub.is_empty() && !transposed { html! { <span class="date">{ format!("{} ", it.sub) }</span> } } else { html! {} } }
                    { if transposed && !it.sub.is_empty() { html! { <span class={classes!("mark", format!("mark-{}", it.slot))}>{ it.sub.clone() }</span> } } else { html! {} } }
                    { format!(" {}", it.label) }
                </div>
                <span class="tot">{ it.total.clone() }</span>
            </th>
        }
    });
    let n_all_cols = cols.items.len() + 1;
    let mut body: Vec<Html> = Vec::with_capacity(rows.items.len() + rows.groups.len());
    let (row_cells, other_labels) = if transposed {
        (&grid.cells_t, &grid.row_labels)
    } else {
        (&grid.cells, &grid.col_labels)
    };
    let out_of_range = fr >= n_rows || fc >= n_cols;
    let selected_pos = props
        .selection
        .as_ref()
        .and_then(|sel| position_of(rows, cols, transposed, sel));
    let mut r = 0usize;
    for (label, n) in &rows.groups {
        body.push(html! {
            <tr class="row-group" role="row" key={format!("g-{label}-{r}")}>
                <th role="rowheader" colspan={n_all_cols.to_string()} scope="rowgroup"><span class="group-label">{ label.clone() }</span></th>
            </tr>
        });
        for _ in 0..*n {
            let ri = r as i32;
            let focus = if out_of_range {
                (ri == 0).then_some(0)
            } else {
                (ri == fr).then_some(fc)
            };
            let selected = selected_pos.and_then(|(sr, sc)| (sr == ri).then_some(sc));
            body.push(html! {
                <GridRow key={format!("r-{r}")} r={r} item={rows.items[r].clone()} cells={row_cells[r].clone()}
                    col_labels={other_labels.clone()} {transposed} {focus} {selected} />
            });
            r += 1;
        }
    }

    html! {
        <div class="matrix-wrap" data-testid="matrix-wrap">
            <table role="grid" class={classes!("matrix", props.layout.compact.then_some("compact"))}
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

/// The selection at on-screen coordinates (row -1 = column header, column -1 = row header).
fn selection_at(rows: &Axis, cols: &Axis, transposed: bool, r: i32, c: i32) -> Option<Selection> {
    let row = (r >= 0).then(|| rows.items.get(r as usize)).flatten();
    let col = (c >= 0).then(|| cols.items.get(c as usize)).flatten();
    let (cat_item, ev_item) = if transposed { (col, row) } else { (row, col) };
    let row_key = cat_item.and_then(|i| match &i.key {
        Key::Row(k) => Some(k.clone()),
        _ => None,
    });
    let ev_key = ev_item.and_then(|i| match &i.key {
        Key::Evidence(e) => Some(e.clone()),
        _ => None,
    });
    match (row_key, ev_key) {
        (Some(row), Some(evidence)) => Some(Selection::Cell { row, evidence }),
        (Some(row), None) => Some(Selection::Row(row)),
        (None, Some(e)) => Some(Selection::Column(e)),
        (None, None) => None,
    }
}

/// On-screen coordinates of a selection (row -1 = column header, column -1 = row header).
fn position_of(rows: &Axis, cols: &Axis, transposed: bool, sel: &Selection) -> Option<(i32, i32)> {
    let row_pos = |k: &RowKey| {
        let axis = if transposed { cols } else { rows };
        axis.items
            .iter()
            .position(|i| i.key == Key::Row(k.clone()))
            .map(|p| p as i32)
    };
    let ev_pos = |e: &str| {
        let axis = if transposed { rows } else { cols };
        axis.items
            .iter()
            .position(|i| i.key == Key::Evidence(e.to_string()))
            .map(|p| p as i32)
    };
    let (cat, ev) = match sel {
        Selection::Cell { row, evidence } => (Some(row_pos(row)?), Some(ev_pos(evidence)?)),
        Selection::Row(row) => (Some(row_pos(row)?), None),
        Selection::Column(e) => (None, Some(ev_pos(e)?)),
    };
    let (cat, ev) = (cat.unwrap_or(-1), ev.unwrap_or(-1));
    Some(if transposed { (ev, cat) } else { (cat, ev) })
}

/// Props of `GridRow`.
#[derive(Properties, PartialEq)]
struct RowProps {
    /// On-screen row position.
    r: usize,
    /// The row's header.
    item: Item,
    /// Its cells, one per column.
    cells: RowCells,
    /// Labels of the columns (for the cells' descriptions).
    col_labels: Rc<Vec<String>>,
    /// Evidence rows against category columns.
    transposed: bool,
    /// Column of the roving tab stop, when it is in this row (-1 = the row header).
    focus: Option<i32>,
    /// Column selected in this row, if any (-1 = the whole row).
    selected: Option<i32>,
}

/// One matrix row. A component of its own so that a change elsewhere in the grid (focus,
/// selection, an unchanged row after a search keystroke) does not render it again.
#[component]
fn GridRow(props: &RowProps) -> Html {
    let it = &props.item;
    let ri = props.r as i32;
    let tab = |c: i32| if props.focus == Some(c) { "0" } else { "-1" };
    let sel = |c: i32| (props.selected == Some(c)).to_string();
    let cells = props.cells.iter().enumerate().map(|(ci, cell)| {
        let ci = ci as i32;
        let id = format!("mx-{ri}-{ci}");
        match cell {
            None => html! {
                <td role="gridcell" {id} data-r={ri.to_string()} data-c={ci.to_string()}
                    tabindex={tab(ci)} aria-selected={sel(ci)} class="cell"></td>
            },
            Some(m) => {
                let col = props.col_labels.get(ci as usize).map(String::as_str).unwrap_or_default();
                let letters: Vec<&str> = m.marks.iter().map(|x| x.0.as_str()).collect();
                let label = format!("{} × {col}: {} ({})", it.label, letters.join(", "), super::count(m.n_quotes, "quote", "quotes"));
                html! {
                    <td role="gridcell" {id} data-r={ri.to_string()} data-c={ci.to_string()}
                        tabindex={tab(ci)} aria-selected={sel(ci)} class="cell has" data-label={label.clone()}>
                        <span class="visually-hidden">{ label }</span>
                        <span class="marks" aria-hidden="true">
                            { for m.marks.iter().map(|(l, slot)| html! { <span class={classes!("mark", format!("mark-{slot}"))}>{ l.clone() }</span> }) }
                        </span>
                        <span class="n" aria-hidden="true">{ m.n_quotes }</span>
                    </td>
                }
            }
        }
    });
    let empty = it.total == "0";
    let transposed = props.transposed;
    html! {
        <tr role="row" class={classes!(it.aggregate.then_some("agg"), empty.then_some("empty-row"))} data-testid="matrix-row">
            <th role="rowheader" id={format!("mx-{ri}--1")} data-r={ri.to_string()} data-c="-1" tabindex={tab(-1)}
                aria-selected={sel(-1)} class="row-head" scope="row">
                { if !it.sub.is_empty() && !transposed { html! { <span class={classes!("mark", format!("mark-{}", it.slot))} aria-hidden="true">{ it.sub.clone() }</span> } } else { html! {} } }
                { if transposed { html! { <span class="date">{ format!("{} ", it.sub) }</span> } } else { html! {} } }
                { format!(" {}", it.label) }
                <span class="tot" aria-label={super::count(it.total.parse().unwrap_or(0), "coding", "codings")}>{ format!(" {}", it.total) }</span>
                { if empty && !it.aggregate { html! { <span class="gap-note">{ " · no evidence in view" }</span> } } else { html! {} } }
            </th>
            { for cells }
        </tr>
    }
}
