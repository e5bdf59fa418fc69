//! The matrix grid: an ARIA grid of categories against evidence (or transposed). Cells are
//! plain render functions; one click handler and one key handler on the table serve every
//! cell (the coordinates travel in the element id, `grid::cell_id`), so a re-render creates
//! no closures per cell. The cells carry few attributes (a `td` of a `role="grid"` table is
//! a gridcell without saying so): the grid's first draw is most of the start-up. Arrow keys
//! move a roving focus, Enter opens, Escape closes. What the grid shows and how selections,
//! coordinates and keys relate is `evidence_core::viewmodel::grid`.
//!
//! A large grid (`Grid::windowed`: a corpus ten or a hundred times this one) draws only the
//! lines and columns in view plus an overscan (`Geometry::window`), with fixed column widths
//! and line heights and spacers for the rest; scrolling, the keys and a selection far away
//! move the window. Every cell keeps its id `mx-{row}-{column}` and `aria-rowindex`/
//! `aria-colindex` say where the drawn part lies.

use std::rc::Rc;

use evidence_core::query::matrix::MatrixView;
use evidence_core::state::{Action, Layout, Reveal, Selection};
use evidence_core::viewmodel::discussion::{offscreen_note, Discussion, RowShow};
use evidence_core::viewmodel::grid::{
    cell_id, cell_label, parse_cell_id, AxisItem, AxisKey, Geometry, Grid, GridKey, Line, RowCells,
    Window,
};
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
    /// Draw a large grid as a window over what is in view (off for a printed handout, which
    /// has no scrolling box).
    #[prop_or(true)]
    pub windowing: bool,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// The matrix grid.
#[component]
pub fn MatrixGrid(props: &MatrixProps) -> Html {
    let transposed = props.layout.transposed;
    let (grid, discussion, lines) = use_grid_models(props);
    let (rows, cols) = grid.axes(transposed);
    let windowed = props.windowing && grid.windowed(transposed);
    let n_cols = cols.items.len();
    let focus = use_roving_focus();
    let view = use_grid_window(&props.view, transposed, windowed, lines.clone(), n_cols);
    use_focus_after_draw(&focus, windowed);
    let selected_pos = props
        .selection
        .as_ref()
        .and_then(|sel| grid.position_of(transposed, sel));
    use_show_selection(props, selected_pos, &focus, &view.show);
    let off_note = use_offscreen_note(
        props,
        OffscreenInput {
            windowed,
            lines: lines.clone(),
            n_cols,
            show: view.show.clone(),
            selected: selected_pos,
        },
    );
    let on = handlers(props, &grid, &focus, &view.show, windowed);

    if grid.is_empty() {
        return html! {
            <div class="matrix-empty" data-testid="matrix-empty">
                <p>{ "Nothing matches these filters. Remove a filter or clear the search to see evidence again." }</p>
            </div>
        };
    }
    let win = &view.win;
    let stop = drawn_tab_stop(&grid, transposed, *focus.at, &lines, win);
    let tab = |r: i32, c: i32| if (r, c) == stop { "0" } else { "-1" };
    let row_what = if transposed { "Evidence" } else { "Category" };
    let col_what = if transposed { "categories" } else { "evidence" };
    let header_cols = win.cols.clone().map(|ci| {
        let ci = ci as i32;
        let spot = discussion.spot.is_some_and(|(r, c)| r == -1 && c == ci);
        let selected = selected_pos == Some((-1, ci));
        column_header(
            ci,
            &cols.items[ci as usize],
            tab(-1, ci),
            selected,
            spot,
            windowed,
        )
    });
    let body = body_rows(
        &grid,
        &discussion,
        transposed,
        (stop, selected_pos),
        &lines,
        win,
        windowed,
    );
    let progress = discussion.progress().map(|p| {
        html! { <p class="reveal-progress" role="status" data-testid="reveal-progress">{ p }</p> }
    });
    let pad =
        |class: &'static str| windowed.then(|| html! { <th {class} aria-hidden="true"></th> });

    html! {
        <div class="matrix-wrap" data-testid="matrix-wrap">
            { for progress }
            { for off_note.map(|n| html! { <p class="offscreen-note" role="status" data-testid="offscreen-note">{ n }</p> }) }
            <table role="grid" class={classes!("matrix", props.layout.compact.then_some("compact"),
                    discussion.spot.is_some().then_some("spotlit"), discussion.by.is_some().then_some("revealing"),
                    windowed.then_some("windowed"),
                    (props.fit && !windowed && n_cols <= evidence_core::viewmodel::slide::ACROSS_MAX_COLS).then_some("across"))}
                aria-label={format!("{row_what} rows against {col_what} columns. Arrow keys move, Enter opens the quotes, Escape closes.")}
                aria-rowcount={(if windowed { lines.len() + 2 } else { rows.items.len() + 1 }).to_string()}
                aria-colcount={(n_cols + 1).to_string()}
                data-testid="matrix" data-transposed={transposed.to_string()} data-windowed={windowed.to_string()}
                tabindex={windowed.then_some("-1")}
                onclick={on.click} onkeydown={on.keydown} onfocusin={on.focusin} onfocusout={on.focusout}>
                if windowed {
                    <colgroup>
                        <col class="c-head" /><col class="c-pad-l" />
                        <col class="c-cell" span={win.cols.len().max(1).to_string()} />
                        <col class="c-pad-r" />
                    </colgroup>
                }
                <thead>
                    <tr class="groups" aria-rowindex={windowed.then_some("1")}>
                        <th class="corner" rowspan="2" scope="col">{ format!("{row_what} \\ {}", col_what) }</th>
                        { for pad("pad-l") }
                        { for column_groups(&cols.groups, &win.cols) }
                        { for pad("pad-r") }
                    </tr>
                    <tr class="cols" role="row" aria-rowindex={windowed.then_some("2")}>
                        { for pad("pad-l") }
                        { for header_cols }
                        { for pad("pad-r") }
                    </tr>
                </thead>
                <tbody>{ for body }</tbody>
            </table>
        </div>
    }
}

/// The roving focus of the grid: the focused (row, column) (-1: a header), a move made by a
/// key that waits for its cell to be drawn, and whether the keyboard focus is in the grid.
struct RovingFocus {
    at: UseStateHandle<(i32, i32)>,
    moved: Rc<std::cell::RefCell<Option<(i32, i32)>>>,
    inside: Rc<std::cell::RefCell<bool>>,
}

#[hook]
fn use_roving_focus() -> RovingFocus {
    RovingFocus {
        at: use_state(|| (0i32, 0i32)),
        moved: use_mut_ref(|| None),
        inside: use_mut_ref(|| false),
    }
}

/// After every draw: focus the cell a key moved to once it is drawn; in a windowed grid, when
/// the focused cell was redrawn or left the window, focus it again (or the grid). Called after
/// `use_grid_window`, whose effects set the spacers first (so the cell is where it stays).
#[hook]
fn use_focus_after_draw(focus: &RovingFocus, windowed: bool) {
    let (moved, inside) = (focus.moved.clone(), focus.inside.clone());
    let (fr, fc) = *focus.at;
    use_effect(move || {
        let pending = *moved.borrow();
        if let Some((r, c)) = pending {
            if browser::focus(&cell_id(r, c)) {
                *moved.borrow_mut() = None;
            }
            return;
        }
        if !windowed {
            return;
        }
        // A windowed grid redraws its elements in place as the window moves: the focused
        // element may now stand for another cell, or be gone.
        let want = cell_id(fr, fc);
        match browser::active_id() {
            Some(id) if parse_cell_id(&id).is_some() && id != want => {
                browser::focus(&want);
            }
            _ if *inside.borrow() && browser::focus_lost() && !browser::focus(&want) => {
                browser::focus_testid("matrix");
            }
            _ => {}
        }
    });
}

/// What the grid draws and how to bring a position into view.
struct GridWindow {
    /// The lines and columns drawn (all of them unless windowed).
    win: Window,
    /// Brings on-screen (row, column) into view: the browser does it for a drawn element; a
    /// windowed grid scrolls to where it will be drawn.
    show: Callback<(i32, i32)>,
}

/// The window of a grid: measured before the frame after every draw, on scroll and on resize
/// (drawing again only when what is drawn would change), with the spacers' CSS variables set
/// after each draw.
#[hook]
fn use_grid_window(
    view: &Rc<MatrixView>,
    transposed: bool,
    windowed: bool,
    lines: Rc<Vec<Line>>,
    n_cols: usize,
) -> GridWindow {
    let n_lines = lines.len();
    let geometry = use_mut_ref(|| None::<Geometry>);
    let redraw = use_force_update();
    let measured = *geometry.borrow();
    let win = match (windowed, measured) {
        (false, _) => Window::all(n_lines, n_cols),
        (true, None) => Window::initial(n_lines, n_cols),
        (true, Some(g)) => g.window(n_lines, n_cols),
    };
    let show = {
        let geometry = geometry.clone();
        Callback::from(move |(r, c): (i32, i32)| {
            // Before the first measure (a link that selects a far cell is shown right after
            // the first draw), measure now; the measure before the next frame still redraws.
            let g = match *geometry.borrow() {
                None if windowed => browser::grid_geometry("matrix-wrap"),
                g => g,
            };
            match (windowed, g) {
                (true, Some(g)) => {
                    let line = usize::try_from(r)
                        .ok()
                        .and_then(|r| lines.iter().position(|l| *l == Line::Row(r)));
                    let (x, y) = g.scroll_to(line, usize::try_from(c).ok());
                    browser::scroll_box("matrix-wrap", x, y);
                }
                _ => browser::reveal(&cell_id(r, c)),
            }
        })
    };
    let measure = move || {
        if !windowed {
            return;
        }
        let Some(g) = browser::grid_geometry("matrix-wrap") else {
            return;
        };
        let old = *geometry.borrow();
        let changed = old.is_none_or(|o| {
            o.window(n_lines, n_cols) != g.window(n_lines, n_cols)
                || (o.cell, o.head, o.view) != (g.cell, g.head, g.view)
        });
        *geometry.borrow_mut() = Some(g);
        if changed {
            redraw.force_update();
        }
    };
    {
        // Measured before the next frame rather than at once: the draw has just changed the
        // page, and reading its layout now would lay it out twice (here and for the frame).
        let pending = use_mut_ref(|| None::<browser::Frame>);
        let measure = measure.clone();
        use_effect(move || {
            if windowed {
                *pending.borrow_mut() = Some(browser::next_frame(measure));
            }
        });
    }
    use_effect_with((view.clone(), transposed, windowed), move |_| {
        let on_scroll = browser::on_box_scroll("matrix-wrap", measure.clone());
        let on_resize = browser::on_resize(measure);
        move || drop((on_scroll, on_resize))
    });
    use_effect_with(
        (win.clone(), windowed, n_lines, n_cols),
        move |(w, on, _, _)| {
            if *on {
                browser::set_css_vars(
                    "matrix",
                    &[
                        ("--c0", w.cols.start.to_string()),
                        ("--c-after", (n_cols - w.cols.end).to_string()),
                        ("--ncols", w.cols.len().to_string()),
                        ("--l0", w.lines.start.to_string()),
                        ("--l-after", (n_lines - w.lines.end).to_string()),
                    ],
                );
            }
        },
    );
    GridWindow { win, show }
}

/// What `use_offscreen_note` needs besides the props.
struct OffscreenInput {
    windowed: bool,
    lines: Rc<Vec<Line>>,
    n_cols: usize,
    show: Callback<(i32, i32)>,
    selected: Option<(i32, i32)>,
}

/// In presentation the grid does not scroll: what lies outside it, in words (None when all
/// of it is on screen or when not presenting). Measured once drawn, again once the page's own
/// effects (the root's type size) have applied, with the selection brought back into view,
/// and on resize.
#[hook]
fn use_offscreen_note(props: &MatrixProps, input: OffscreenInput) -> Option<String> {
    let offscreen = use_state(|| None::<String>);
    let deps = (
        props.view.clone(),
        props.layout,
        props.fit,
        props.selection.clone(),
        props.reveal,
    );
    {
        let offscreen = offscreen.clone();
        use_effect_with(deps, move |(_, _, fit, _, _)| {
            let OffscreenInput {
                windowed,
                lines,
                n_cols,
                show,
                selected,
            } = input;
            let measure = {
                let offscreen = offscreen.clone();
                move || {
                    let counts = if windowed {
                        browser::grid_geometry("matrix-wrap")
                            .map(|g| window_offscreen(&g, &lines, n_cols))
                    } else {
                        browser::offscreen("matrix-wrap")
                    };
                    let note = counts.and_then(|(ro, r, co, c)| offscreen_note(ro, r, co, c));
                    if *offscreen != note {
                        offscreen.set(note);
                    }
                }
            };
            let listener = if *fit {
                measure();
                let again = measure.clone();
                browser::spawn(async move {
                    browser::sleep(120).await;
                    if let Some(pos) = selected {
                        show.emit(pos);
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
    (*offscreen).clone()
}

/// (rows off screen, rows, columns off screen, columns) of a windowed grid, from its geometry
/// (only part of it is drawn, so its elements cannot be counted).
fn window_offscreen(g: &Geometry, lines: &[Line], n_cols: usize) -> (usize, usize, usize, usize) {
    let (n_fit, c_fit) = g.fitting(lines.len(), n_cols);
    let first = (g.scroll.1 / g.cell.1.max(1.0)).floor() as usize;
    let is_row = |l: &&Line| matches!(l, Line::Row(_));
    let shown = lines.iter().skip(first).take(n_fit).filter(is_row).count();
    let n_rows = lines.iter().filter(is_row).count();
    (n_rows - shown.min(n_rows), n_rows, n_cols - c_fit, n_cols)
}

/// The grid's event handlers: one of each for every cell (coordinates in the element id).
struct Handlers {
    click: Callback<MouseEvent>,
    keydown: Callback<KeyboardEvent>,
    focusin: Callback<FocusEvent>,
    focusout: Callback<FocusEvent>,
}

fn handlers(
    props: &MatrixProps,
    grid: &Rc<Grid>,
    focus: &RovingFocus,
    show: &Callback<(i32, i32)>,
    windowed: bool,
) -> Handlers {
    let transposed = props.layout.transposed;
    let click = {
        let (dispatch, at, grid) = (props.dispatch.clone(), focus.at.clone(), grid.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some((r, c)) = browser::grid_coords(e.target()) {
                at.set((r, c));
                if let Some(sel) = grid.selection_at(transposed, r, c) {
                    dispatch.emit(Action::Select(Some(sel)));
                }
            }
        })
    };
    let keydown = {
        let (dispatch, at, grid) = (props.dispatch.clone(), focus.at.clone(), grid.clone());
        let (moved, show) = (focus.moved.clone(), show.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(key) = grid.key(transposed, *at, &e.key(), e.ctrl_key()) else {
                return;
            };
            e.prevent_default();
            match key {
                GridKey::Move(r, c) => {
                    *moved.borrow_mut() = Some((r, c));
                    if windowed {
                        show.emit((r, c));
                    }
                    at.set((r, c));
                }
                GridKey::Stay => {}
                GridKey::Open => {
                    if let Some(sel) = grid.selection_at(transposed, at.0, at.1) {
                        dispatch.emit(Action::Select(Some(sel)));
                    }
                }
                GridKey::Close => dispatch.emit(Action::Select(None)),
            }
        })
    };
    let focusin = {
        let (at, inside) = (focus.at.clone(), focus.inside.clone());
        Callback::from(move |e: FocusEvent| {
            *inside.borrow_mut() = true;
            if let Some(rc) = browser::grid_coords(e.target()) {
                if rc != *at {
                    at.set(rc);
                }
            }
        })
    };
    let focusout = {
        let inside = focus.inside.clone();
        Callback::from(move |e: FocusEvent| {
            // Focus going somewhere else; a cell taken out of the window goes nowhere.
            if e.related_target().is_some() {
                *inside.borrow_mut() = false;
            }
        })
    };
    Handlers {
        click,
        keydown,
        focusin,
        focusout,
    }
}

/// The roving tab stop, which must be drawn: in a windowed grid it falls back to the first
/// drawn cell when the focus lies outside the window.
fn drawn_tab_stop(
    grid: &Grid,
    transposed: bool,
    focus: (i32, i32),
    lines: &[Line],
    win: &Window,
) -> (i32, i32) {
    let stop = grid.tab_stop(transposed, focus);
    let line_of = |r: i32| {
        usize::try_from(r)
            .ok()
            .and_then(|r| lines.iter().position(|l| *l == Line::Row(r)))
    };
    let (r, c) = stop;
    let col_in = c < 0 || win.cols.contains(&(c as usize));
    let line_in = r < 0 || line_of(r).is_some_and(|l| win.lines.contains(&l));
    if col_in && line_in {
        return stop;
    }
    let first_row = lines[win.lines.clone()].iter().find_map(|l| match l {
        Line::Row(r) => Some(*r as i32),
        Line::Group(_) => None,
    });
    (first_row.unwrap_or(-1), win.cols.start as i32)
}

/// The column groups' headings, cut to the drawn columns.
fn column_groups(groups: &[(String, usize)], cols: &std::ops::Range<usize>) -> Vec<Html> {
    let mut start = 0;
    groups
        .iter()
        .filter_map(|(label, n)| {
            let (a, b) = (start.max(cols.start), (start + n).min(cols.end));
            start += n;
            (a < b).then(|| html! {
                <th colspan={(b - a).to_string()} scope="colgroup" class="group-head"><span>{ label.clone() }</span></th>
            })
        })
        .collect()
}

/// The header of on-screen column `ci`.
fn column_header(
    ci: i32,
    it: &AxisItem,
    tabindex: &'static str,
    selected: bool,
    spot: bool,
    windowed: bool,
) -> Html {
    html! {
        <th role="columnheader" id={cell_id(-1, ci)} {tabindex}
            aria-colindex={windowed.then(|| (ci + 2).to_string())}
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

/// The body: each row group's heading line, then its rows, for the drawn lines and columns
/// (`stop`: the roving tab stop and the selection's on-screen position), with spacer lines
/// above and below when windowed.
fn body_rows(
    grid: &Grid,
    discussion: &Discussion,
    transposed: bool,
    (stop, selected): ((i32, i32), Option<(i32, i32)>),
    lines: &[Line],
    win: &Window,
    windowed: bool,
) -> Vec<Html> {
    let (rows, _) = grid.axes(transposed);
    let span = (win.cols.len() + if windowed { 3 } else { 1 }).to_string();
    let pad = |class: &'static str| {
        html! {
            <tr class={class} aria-hidden="true" key={class}><td colspan={span.clone()}></td></tr>
        }
    };
    // Keys: a whole grid keys its lines by what they are (a row that did not change is not
    // drawn again); a windowed one by their place in the window, so that moving the window
    // redraws elements in place instead of moving them (which would drop the focus).
    let key = |li: usize, what: &str| {
        if windowed {
            format!("w{}", li - win.lines.start)
        } else {
            what.to_string()
        }
    };
    let mut body: Vec<Html> = Vec::with_capacity(win.lines.len() + 2);
    if windowed {
        body.push(pad("pad-t"));
    }
    for (li, line) in lines
        .iter()
        .enumerate()
        .take(win.lines.end)
        .skip(win.lines.start)
    {
        let rowindex = windowed.then(|| (li + 3).to_string());
        match *line {
            Line::Group(g) => {
                let label = rows
                    .groups
                    .get(g)
                    .map(|(l, _)| l.clone())
                    .unwrap_or_default();
                body.push(html! {
                    <tr class="row-group" role="row" key={key(li, &format!("g-{g}"))} aria-rowindex={rowindex}>
                        <th role="rowheader" colspan={span.clone()} scope="rowgroup"><span class="group-label">{ label }</span></th>
                    </tr>
                });
            }
            Line::Row(r) => {
                let ri = r as i32;
                let focus = (ri == stop.0).then_some(stop.1);
                let selected = selected.and_then(|(sr, sc)| (sr == ri).then_some(sc));
                let (cells, col_labels) = grid.row_window(transposed, r, win.cols.clone());
                let nth0 = grid
                    .marks_in_row(transposed, r)
                    .iter()
                    .take_while(|(c, _)| *c < win.cols.start)
                    .count();
                body.push(html! {
                    <GridRow key={key(li, &format!("r-{r}"))} r={r} item={rows.items[r].clone()} {cells}
                        {col_labels} {focus} {selected} show={discussion.row(r)}
                        spot={discussion.spot.is_some_and(|(sr, sc)| sr == ri && sc == -1)}
                        c0={win.cols.start} {nth0} {windowed} {rowindex} />
                });
            }
        }
    }
    if windowed {
        body.push(pad("pad-b"));
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
    /// On-screen column of the first drawn cell (0 unless windowed).
    c0: usize,
    /// Non-empty cells of the row before the first drawn column (for the reveal order).
    nth0: usize,
    /// The grid is windowed: spacer cells before and after, and the position attributes.
    windowed: bool,
    /// `aria-rowindex` of the row (windowed only).
    rowindex: Option<String>,
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
    let mut nth = props.nth0;
    let colindex = |col_i: usize| props.windowed.then(|| (col_i + 2).to_string());
    let cells = props.cells.iter().enumerate().map(|(k, cell)| {
        let col_i = props.c0 + k;
        let ci = col_i as i32;
        let aria_colindex = colindex(col_i);
        let id = cell_id(ri, ci);
        let dim = show.dimmed(col_i).then_some("dim");
        match cell {
            None => html! {
                <td {id} aria-colindex={aria_colindex}
                    tabindex={tab(ci)} aria-selected={sel(ci)} class={classes!("cell", dim)}></td>
            },
            Some(m) => {
                let col = props.col_labels.get(col_i).map(String::as_str).unwrap_or_default();
                let label = cell_label(&it.label, col, m);
                let revealed = show.revealed(col_i, nth);
                nth += 1;
                if !revealed {
                    return html! {
                        <td {id} aria-colindex={aria_colindex}
                            tabindex={tab(ci)} aria-selected={sel(ci)} class={classes!("cell", "has", "concealed", dim)}
                            data-label={label} data-testid="concealed">
                            <span class="visually-hidden">{ "not revealed yet" }</span>
                        </td>
                    };
                }
                html! {
                    <td {id} aria-colindex={aria_colindex}
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
        <tr role="row" class={classes!(it.aggregate.then_some("agg"), (it.total == 0).then_some("empty-row"), props.spot.then_some("spot"))} data-testid="matrix-row"
            aria-rowindex={props.rowindex.clone()}>
            <th role="rowheader" id={cell_id(ri, -1)} tabindex={tab(-1)}
                aria-colindex={props.windowed.then_some("1")}
                aria-selected={sel(-1)} class="row-head" scope="row">
                { for it.mark.as_ref().filter(|m| !m.letter.is_empty()).map(|m| mark(m, true)) }
                { if matches!(it.key, AxisKey::Evidence(_)) { html! { <span class="date">{ format!("{} ", it.date) }</span> } } else { html! {} } }
                { format!(" {}", it.label) }
                { if it.tag.is_empty() { html! {} } else { html! { <span class="kind-tag" data-testid="row-tag">{ format!(" {}", it.tag) }</span> } } }
                <span class="tot" aria-label={it.total_label()}>{ format!(" {}", it.total) }</span>
                { if it.is_gap() { html! { <span class="gap-note" data-testid="gap-note">{ format!(" · {}", it.gap_note()) }</span> } } else { html! {} } }
            </th>
            if props.windowed { <td class="pad-l" aria-hidden="true"></td> }
            { for cells }
            if props.windowed { <td class="pad-r" aria-hidden="true"></td> }
        </tr>
    }
}

/// The grid's models, each memoised on what it depends on: the grid of the matrix, the
/// discussion aids (reveal, spotlight) and the drawn lines.
#[hook]
fn use_grid_models(props: &MatrixProps) -> (Rc<Grid>, Rc<Discussion>, Rc<Vec<Line>>) {
    let grid = {
        let d = props.data.clone();
        use_memo(props.view.clone(), move |v| Grid::new(&d.0.corpus, v))
    };
    let transposed = props.layout.transposed;
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
    let lines = {
        let grid = grid.clone();
        use_memo((props.view.clone(), transposed), move |(_, t)| {
            grid.lines(*t)
        })
    };
    (grid, discussion, lines)
}

/// Shows the selected cell, row or column and moves the roving focus there when the
/// selection (or the transposition) changes.
#[hook]
fn use_show_selection(
    props: &MatrixProps,
    selected_pos: Option<(i32, i32)>,
    focus: &RovingFocus,
    show: &Callback<(i32, i32)>,
) {
    // Show the selected cell, row or column (a shared link may select one far away).
    let (at, show) = (focus.at.clone(), show.clone());
    use_effect_with(
        (props.selection.clone(), props.layout.transposed),
        move |_| {
            if let Some(pos) = selected_pos {
                show.emit(pos);
                if *at != pos {
                    at.set(pos);
                }
            }
        },
    );
}
