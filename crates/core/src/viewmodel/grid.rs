//! The matrix grid as the component draws it: two axes (row and column headers in groups),
//! the cells of every row in both orientations, the mapping between selections and on-screen
//! coordinates, the roving tab stop and the keys that move it.
//!
//! On-screen coordinates are `(row, column)` as `i32`, where row -1 is the column-header row
//! and column -1 the row-header column (the element ids are `mx-{row}-{column}`).

use std::rc::Rc;

use super::{count, PaperMark};
use crate::model::{CategoryKind, Corpus};
use crate::query::matrix::{MatrixColumn, MatrixRow, MatrixView};
use crate::state::{RowKey, Selection};

/// What one axis position stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AxisKey {
    /// A category row or a dimension's aggregate row.
    Row(RowKey),
    /// An evidence column (evidence id).
    Evidence(String),
}

/// One position on an axis (a row or a column header).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AxisItem {
    /// What it stands for.
    pub key: AxisKey,
    /// The header text ("All: …" for an aggregate row).
    pub label: String,
    /// The category's paper mark (category rows only).
    pub mark: Option<PaperMark>,
    /// The evidence date as written (evidence columns only; empty otherwise).
    pub date: String,
    /// Passing codings in this row or column.
    pub total: usize,
    /// The aggregate row of a dimension group.
    pub aggregate: bool,
    /// A tag naming what a category row is for in its paper's argument when it is not an
    /// analytic category ("framing", "descriptive"); empty otherwise.
    pub tag: &'static str,
    /// A category the author argues without citing concrete evidence (an honest gap).
    pub no_evidence: bool,
}

impl AxisItem {
    /// The header of a matrix row: a category (with its paper's mark) or a dimension's
    /// aggregate row ("All: …").
    pub fn row(corpus: &Corpus, r: &MatrixRow) -> AxisItem {
        AxisItem {
            key: AxisKey::Row(r.key.clone()),
            label: if r.is_header() {
                format!("All: {}", r.label)
            } else {
                r.label.clone()
            },
            mark: r.paper.map(|p| PaperMark::of(corpus, p)),
            date: String::new(),
            total: r.n_codings,
            aggregate: r.is_header(),
            tag: r
                .category
                .and_then(|k| corpus.categories.get(k))
                .map_or("", |k| match k.kind {
                    CategoryKind::Analytic => "",
                    CategoryKind::Descriptive => "descriptive",
                    CategoryKind::Context => "framing",
                }),
            no_evidence: r
                .category
                .and_then(|k| corpus.categories.get(k))
                .is_some_and(|k| k.no_evidence.is_some()),
        }
    }

    /// The header of a matrix column: an evidence item with its date.
    pub fn column(col: &MatrixColumn) -> AxisItem {
        AxisItem {
            key: AxisKey::Evidence(col.id.clone()),
            label: col.title.clone(),
            mark: None,
            date: col.date_text.clone(),
            total: col.n_codings,
            aggregate: false,
            tag: "",
            no_evidence: false,
        }
    }

    /// The short text beside the label: the date of an evidence item, the mark letter of a
    /// category, nothing for an aggregate row.
    pub fn sub(&self) -> &str {
        match &self.mark {
            Some(m) => &m.letter,
            None => &self.date,
        }
    }

    /// The header's tooltip: "label (date)" or "label (mark)".
    pub fn title(&self) -> String {
        format!("{} ({})", self.label, self.sub())
    }

    /// The accessible name of its total ("3 codings").
    pub fn total_label(&self) -> String {
        count(self.total, "coding", "codings")
    }

    /// A category row with no passing coding (it keeps its place, marked as a gap).
    pub fn is_gap(&self) -> bool {
        self.total == 0 && !self.aggregate
    }

    /// What the gap of an empty row means: the author cites no concrete evidence for the
    /// category at all, or the filters hide what it has.
    pub fn gap_note(&self) -> &'static str {
        if self.no_evidence {
            "no concrete evidence cited"
        } else {
            "no evidence in view"
        }
    }
}

/// One axis: its groups (label, number of items) and its items.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Axis {
    /// Consecutive groups of items: (label, how many items).
    pub groups: Vec<(String, usize)>,
    /// The items in display order.
    pub items: Vec<AxisItem>,
}

impl Axis {
    /// Position of the item with this key.
    pub fn position(&self, key: &AxisKey) -> Option<i32> {
        self.items
            .iter()
            .position(|i| &i.key == key)
            .map(|p| p as i32)
    }
}

/// One non-empty cell: the marks of the papers that make the link, and its quotes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CellModel {
    /// Paper marks, in paper order.
    pub marks: Vec<PaperMark>,
    /// Quotes behind the cell.
    pub n_quotes: usize,
}

/// The cells of one on-screen row over the drawn columns (compared by value, so a row whose
/// cells did not change is not drawn again).
pub type RowCells = Rc<Vec<Option<CellModel>>>;

/// The non-empty cells of one row, as (column, cell) in column order: the grid keeps only
/// these, so a corpus a hundred times larger (thousands of rows and columns, few links) costs
/// memory by its links, not by rows times columns.
pub type SparseRow = Rc<Vec<(usize, CellModel)>>;

/// The grid, built once per `MatrixView`, in both orientations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// Category (and aggregate) rows.
    rows: Axis,
    /// Evidence columns.
    cols: Axis,
    /// Category rows × evidence columns (non-empty cells only).
    cells: Vec<SparseRow>,
    /// Evidence rows × category columns (the transposed layout).
    cells_t: Vec<SparseRow>,
    /// Labels of the evidence columns and of the category rows, for cell descriptions.
    col_labels: Rc<Vec<String>>,
    row_labels: Rc<Vec<String>>,
}

/// What a key does in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridKey {
    /// Move the focus to (row, column).
    Move(i32, i32),
    /// A movement key that leads nowhere (the empty corner): consumed, the focus stays.
    Stay,
    /// Select what has the focus (Enter, Space).
    Open,
    /// Clear the selection (Escape).
    Close,
}

/// Rows PageUp and PageDown move.
pub const PAGE_ROWS: i32 = 10;

impl Grid {
    /// Builds the grid of a matrix view.
    pub fn new(corpus: &Corpus, v: &MatrixView) -> Grid {
        let row_groups = v.row_groups.iter().map(|g| (g.label.clone(), g.rows.len()));
        let col_groups = v.col_groups.iter().map(|g| (g.label.clone(), g.cols.len()));
        let rows = Axis {
            groups: row_groups.collect(),
            items: v.rows.iter().map(|r| AxisItem::row(corpus, r)).collect(),
        };
        let cols = Axis {
            groups: col_groups.collect(),
            items: v.columns.iter().map(AxisItem::column).collect(),
        };
        let cells: Vec<Vec<(usize, CellModel)>> = (0..rows.items.len())
            .map(|r| {
                let mut line: Vec<(usize, CellModel)> = v
                    .row_cells(r)
                    .iter()
                    .filter(|(col, _)| *col < cols.items.len())
                    .map(|(col, cell)| {
                        let model = CellModel {
                            marks: cell
                                .papers
                                .iter()
                                .map(|&p| PaperMark::of(corpus, p))
                                .collect(),
                            n_quotes: cell.n_quotes,
                        };
                        (*col, model)
                    })
                    .collect();
                line.sort_by_key(|(col, _)| *col);
                line.dedup_by_key(|(col, _)| *col);
                line
            })
            .collect();
        let mut cells_t: Vec<Vec<(usize, CellModel)>> = vec![Vec::new(); cols.items.len()];
        for (r, line) in cells.iter().enumerate() {
            for (col, cell) in line {
                cells_t[*col].push((r, cell.clone()));
            }
        }
        let cells_t = cells_t.into_iter().map(Rc::new).collect();
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

    /// The on-screen (rows, columns) axes.
    pub fn axes(&self, transposed: bool) -> (&Axis, &Axis) {
        if transposed {
            (&self.cols, &self.rows)
        } else {
            (&self.rows, &self.cols)
        }
    }

    /// The cells of on-screen row `r` (every column), and the labels of the on-screen columns.
    pub fn row(&self, transposed: bool, r: usize) -> (RowCells, Rc<Vec<String>>) {
        let n_cols = self.axes(transposed).1.items.len();
        self.row_window(transposed, r, 0..n_cols)
    }

    /// The cells of on-screen row `r` in the columns `cols` (the first is column `cols.start`),
    /// and the labels of all on-screen columns.
    pub fn row_window(
        &self,
        transposed: bool,
        r: usize,
        cols: std::ops::Range<usize>,
    ) -> (RowCells, Rc<Vec<String>>) {
        let labels = if transposed {
            &self.row_labels
        } else {
            &self.col_labels
        };
        let mut line = vec![None; cols.len()];
        for (c, cell) in self.marks_in_row(transposed, r) {
            if cols.contains(c) {
                line[c - cols.start] = Some(cell.clone());
            }
        }
        (Rc::new(line), labels.clone())
    }

    /// The non-empty cells of on-screen row `r`, as (column, cell) in column order.
    pub fn marks_in_row(&self, transposed: bool, r: usize) -> &[(usize, CellModel)] {
        let cells = if transposed {
            &self.cells_t
        } else {
            &self.cells
        };
        cells.get(r).map_or(&[], |line| line.as_slice())
    }

    /// (rows, columns) on screen.
    pub fn size(&self, transposed: bool) -> (i32, i32) {
        let (rows, cols) = self.axes(transposed);
        (rows.items.len() as i32, cols.items.len() as i32)
    }

    /// True when there is nothing to draw (no row or no column).
    pub fn is_empty(&self) -> bool {
        self.rows.items.is_empty() || self.cols.items.is_empty()
    }

    /// The selection at on-screen coordinates: a cell, a row (column -1) or a column (row -1).
    pub fn selection_at(&self, transposed: bool, r: i32, c: i32) -> Option<Selection> {
        let (rows, cols) = self.axes(transposed);
        let row = usize::try_from(r).ok().and_then(|r| rows.items.get(r));
        let col = usize::try_from(c).ok().and_then(|c| cols.items.get(c));
        let (cat_item, ev_item) = if transposed { (col, row) } else { (row, col) };
        let row_key = cat_item.and_then(|i| match &i.key {
            AxisKey::Row(k) => Some(k.clone()),
            AxisKey::Evidence(_) => None,
        });
        let ev_key = ev_item.and_then(|i| match &i.key {
            AxisKey::Evidence(e) => Some(e.clone()),
            AxisKey::Row(_) => None,
        });
        match (row_key, ev_key) {
            (Some(row), Some(evidence)) => Some(Selection::Cell { row, evidence }),
            (Some(row), None) => Some(Selection::Row(row)),
            (None, Some(e)) => Some(Selection::Column(e)),
            (None, None) => None,
        }
    }

    /// On-screen coordinates of a selection; None when it is not in view.
    pub fn position_of(&self, transposed: bool, sel: &Selection) -> Option<(i32, i32)> {
        let row_pos = |k: &RowKey| self.rows.position(&AxisKey::Row(k.clone()));
        let ev_pos = |e: &str| self.cols.position(&AxisKey::Evidence(e.to_string()));
        let (cat, ev) = match sel {
            Selection::Cell { row, evidence } => (row_pos(row)?, ev_pos(evidence)?),
            Selection::Row(row) => (row_pos(row)?, -1),
            Selection::Column(e) => (-1, ev_pos(e)?),
        };
        Some(if transposed { (ev, cat) } else { (cat, ev) })
    }

    /// The roving tab stop: the focus, or the first cell when the focus lies outside the grid
    /// (after a filter shrank it).
    pub fn tab_stop(&self, transposed: bool, focus: (i32, i32)) -> (i32, i32) {
        let (n_rows, n_cols) = self.size(transposed);
        if focus.0 >= n_rows || focus.1 >= n_cols {
            (0, 0)
        } else {
            focus
        }
    }

    /// What `key` does with the focus at `focus` (`ctrl`: Control held). None for keys the
    /// grid leaves alone.
    pub fn key(
        &self,
        transposed: bool,
        focus: (i32, i32),
        key: &str,
        ctrl: bool,
    ) -> Option<GridKey> {
        let (n_rows, n_cols) = self.size(transposed);
        let (r, c) = focus;
        let to = match key {
            "ArrowRight" => (r, (c + 1).min(n_cols - 1)),
            "ArrowLeft" => (r, (c - 1).max(-1)),
            "ArrowDown" => ((r + 1).min(n_rows - 1), c),
            "ArrowUp" => ((r - 1).max(-1), c),
            "Home" if ctrl => (0, 0),
            "End" if ctrl => (n_rows - 1, n_cols - 1),
            "Home" => (r, -1),
            "End" => (r, n_cols - 1),
            "PageDown" => ((r + PAGE_ROWS).min(n_rows - 1), c),
            "PageUp" => ((r - PAGE_ROWS).max(-1), c),
            "Enter" | " " => return Some(GridKey::Open),
            "Escape" => return Some(GridKey::Close),
            _ => return None,
        };
        Some(if to == (-1, -1) {
            GridKey::Stay
        } else {
            GridKey::Move(to.0, to.1)
        })
    }
}

/// Above this many cells (rows times columns on screen) the grid draws only the part in view
/// (a window), with spacers for the rest; below it, every cell.
pub const WINDOW_CELLS: usize = 6000;

/// Lines and columns drawn beyond the visible part on each side, so a scroll shows no gap.
pub const OVERSCAN: usize = 8;

/// One line of the grid's body: a group's heading, or an on-screen row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// The heading of group `g` (index into the row axis's groups).
    Group(usize),
    /// On-screen row `r`.
    Row(usize),
}

/// What a windowed grid draws: body lines and columns, as half-open ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Body lines (`Grid::lines`).
    pub lines: std::ops::Range<usize>,
    /// On-screen columns.
    pub cols: std::ops::Range<usize>,
}

/// The grid's geometry as measured in the page, in CSS pixels. In a windowed grid every
/// column has one width and every body line one height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Geometry {
    /// Scroll offset of the grid's box (left, top).
    pub scroll: (f64, f64),
    /// Size of the box's visible area (width, height).
    pub view: (f64, f64),
    /// Width of the row headers and height of the column headers (both sticky).
    pub head: (f64, f64),
    /// Width of a column and height of a body line.
    pub cell: (f64, f64),
}

impl Geometry {
    /// The first and one-past-last line and column at least partly visible.
    fn visible(&self, n_lines: usize, n_cols: usize) -> (usize, usize, usize, usize) {
        let span = |scroll: f64, view: f64, head: f64, size: f64, n: usize| {
            if size <= 0.0 {
                return (0, n);
            }
            let first = (scroll.max(0.0) / size).floor() as usize;
            let last = ((scroll.max(0.0) + (view - head).max(0.0)) / size).ceil() as usize;
            (first.min(n), last.clamp(first.min(n), n))
        };
        let (c0, c1) = span(self.scroll.0, self.view.0, self.head.0, self.cell.0, n_cols);
        let (l0, l1) = span(
            self.scroll.1,
            self.view.1,
            self.head.1,
            self.cell.1,
            n_lines,
        );
        (l0, l1, c0, c1)
    }

    /// The window to draw: the visible lines and columns and `OVERSCAN` more on each side.
    pub fn window(&self, n_lines: usize, n_cols: usize) -> Window {
        let (l0, l1, c0, c1) = self.visible(n_lines, n_cols);
        Window {
            lines: l0.saturating_sub(OVERSCAN)..(l1 + OVERSCAN).min(n_lines),
            cols: c0.saturating_sub(OVERSCAN)..(c1 + OVERSCAN).min(n_cols),
        }
    }

    /// Lines and columns wholly visible without scrolling (for "N of M … off screen").
    pub fn fitting(&self, n_lines: usize, n_cols: usize) -> (usize, usize) {
        let whole = |view: f64, head: f64, size: f64, n: usize| {
            if size <= 0.0 {
                n
            } else {
                (((view - head).max(0.0) / size).floor() as usize).min(n)
            }
        };
        (
            whole(self.view.1, self.head.1, self.cell.1, n_lines),
            whole(self.view.0, self.head.0, self.cell.0, n_cols),
        )
    }

    /// The scroll offset (left, top) that shows line `line` and column `col` (None: that
    /// axis needs no scroll; -1 is the header), moving as little as possible.
    pub fn scroll_to(&self, line: Option<usize>, col: Option<usize>) -> (Option<f64>, Option<f64>) {
        let axis = |pos: Option<usize>, scroll: f64, view: f64, head: f64, size: f64| {
            let p = pos? as f64 * size;
            let room = (view - head).max(size);
            if p < scroll {
                Some(p)
            } else if p + size > scroll + room {
                Some(p + size - room)
            } else {
                None
            }
        };
        (
            axis(col, self.scroll.0, self.view.0, self.head.0, self.cell.0),
            axis(line, self.scroll.1, self.view.1, self.head.1, self.cell.1),
        )
    }
}

impl Window {
    /// The window before anything is measured: the top left corner.
    pub fn initial(n_lines: usize, n_cols: usize) -> Window {
        Window {
            lines: 0..n_lines.min(40),
            cols: 0..n_cols.min(40),
        }
    }

    /// The whole grid (an unwindowed grid draws everything).
    pub fn all(n_lines: usize, n_cols: usize) -> Window {
        Window {
            lines: 0..n_lines,
            cols: 0..n_cols,
        }
    }
}

impl Grid {
    /// The body's lines in order: each row group's heading, then its rows.
    pub fn lines(&self, transposed: bool) -> Vec<Line> {
        let rows = self.axes(transposed).0;
        let mut out = Vec::with_capacity(rows.items.len() + rows.groups.len());
        let mut r = 0;
        for (g, (_, n)) in rows.groups.iter().enumerate() {
            out.push(Line::Group(g));
            out.extend((r..r + n).map(Line::Row));
            r += n;
        }
        out
    }

    /// True when the grid is large enough to be drawn as a window (`WINDOW_CELLS`).
    pub fn windowed(&self, transposed: bool) -> bool {
        let (r, c) = self.size(transposed);
        (r.max(0) as usize) * (c.max(0) as usize) > WINDOW_CELLS
    }
}

/// How every grid element id begins (`cell_id`).
pub const CELL_ID_PREFIX: &str = "mx-";

/// The element id of on-screen position (row, column): `mx-{row}-{column}` (-1 for a header).
pub fn cell_id(r: i32, c: i32) -> String {
    format!("{CELL_ID_PREFIX}{r}-{c}")
}

/// The on-screen position an element id of `cell_id` stands for; None for any other id.
pub fn parse_cell_id(id: &str) -> Option<(i32, i32)> {
    let rest = id.strip_prefix(CELL_ID_PREFIX)?;
    // The row may be negative: the separator is the first '-' after its first character.
    let split = rest.get(1..)?.find('-')? + 1;
    let (r, c) = (&rest[..split], &rest[split + 1..]);
    let num = |t: &str| -> Option<i32> {
        let digits = t.strip_prefix('-').unwrap_or(t);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok().filter(|n: &i32| *n >= -1)
    };
    Some((num(r)?, num(c)?))
}

/// The description of a non-empty cell, read by screen readers and shown as its tooltip:
/// "row × column: A, B (3 quotes)".
pub fn cell_label(row: &str, col: &str, cell: &CellModel) -> String {
    let letters: Vec<&str> = cell.marks.iter().map(|m| m.letter.as_str()).collect();
    format!(
        "{row} × {col}: {} ({})",
        letters.join(", "),
        count(cell.n_quotes, "quote", "quotes")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_ids_round_trip_and_other_ids_are_refused() {
        for (r, c) in [(0, 0), (-1, 0), (0, -1), (-1, -1), (12, 345), (9999, 7)] {
            assert_eq!(super::parse_cell_id(&super::cell_id(r, c)), Some((r, c)));
        }
        for id in [
            "",
            "mx-",
            "mx-1",
            "mx-1-",
            "mx--1",
            "mx-a-1",
            "mx-1-b",
            "mx-1--2",
            "mx--2-1",
            "mx-1-2-3",
            "mx- 1-2",
            "mx-+1-2",
            "xx-1-2",
            "mx-99999999999-1",
            "mx-1-2x",
        ] {
            assert_eq!(super::parse_cell_id(id), None, "{id:?}");
        }
    }

    use super::*;
    use crate::query::filter::FilterIndex;
    use crate::query::matrix::build_matrix;
    use crate::state::{RowGroup, ViewState};
    use crate::testkit;

    fn grid(rows: RowGroup) -> (Corpus, Grid) {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let mut s = ViewState::default();
        s.layout.rows = rows;
        let v = build_matrix(&c, &index, &s);
        let g = Grid::new(&c, &v);
        (c, g)
    }

    fn cat(id: &str) -> RowKey {
        RowKey::Category(id.into())
    }

    #[test]
    fn sparse_rows_give_the_same_cells_in_any_window() {
        let (_, g) = grid(RowGroup::Paper);
        for t in [false, true] {
            let (n_rows, n_cols) = g.size(t);
            for r in 0..n_rows as usize {
                let (all, _) = g.row(t, r);
                assert_eq!(all.len(), n_cols as usize);
                let marks: Vec<usize> = (0..all.len()).filter(|&c| all[c].is_some()).collect();
                let sparse: Vec<usize> = g.marks_in_row(t, r).iter().map(|(c, _)| *c).collect();
                assert_eq!(marks, sparse);
                let (part, _) = g.row_window(t, r, 2..5.min(n_cols as usize));
                assert_eq!(part.as_slice(), &all[2..5.min(n_cols as usize)]);
            }
        }
        // Lines: one heading per group, then its rows.
        let lines = g.lines(false);
        let (rows, _) = g.axes(false);
        assert_eq!(lines.len(), rows.items.len() + rows.groups.len());
        assert_eq!(lines[0], Line::Group(0));
        assert_eq!(lines[1], Line::Row(0));
        assert!(!g.windowed(false), "the sample grid is drawn whole");
    }

    #[test]
    fn the_window_follows_the_scroll_with_overscan_and_clamps() {
        let g = Geometry {
            scroll: (0.0, 0.0),
            view: (1000.0, 600.0),
            head: (200.0, 100.0),
            cell: (40.0, 25.0),
        };
        // 800 px of columns (20) and 500 px of lines (20) visible at the top left.
        assert_eq!(
            g.window(1000, 1000),
            Window {
                lines: 0..28,
                cols: 0..28
            }
        );
        assert_eq!(g.fitting(1000, 1000), (20, 20));
        let far = Geometry {
            scroll: (4000.0, 2500.0),
            ..g
        };
        assert_eq!(
            far.window(1000, 1000),
            Window {
                lines: 92..128,
                cols: 92..128
            }
        );
        assert_eq!(
            far.window(110, 105),
            Window {
                lines: 92..110,
                cols: 92..105
            }
        );
        // Scrolling to show a line and a column: only as far as needed.
        assert_eq!(g.scroll_to(Some(5), Some(5)), (None, None));
        assert_eq!(g.scroll_to(Some(30), Some(30)), (Some(440.0), Some(275.0)));
        assert_eq!(far.scroll_to(Some(10), None), (None, Some(250.0)));
        // Nothing measured yet: everything counts as visible.
        assert_eq!(Geometry::default().fitting(3, 4), (3, 4));
        assert_eq!(
            Window::initial(100, 10),
            Window {
                lines: 0..40,
                cols: 0..10
            }
        );
    }

    #[test]
    fn rows_say_what_a_category_is_for_and_what_its_gap_means() {
        let mut c = testkit::sample();
        let empty = c.category_idx("g-empty").unwrap();
        c.categories[empty].no_evidence = Some(Default::default());
        let framing = (0..c.categories.len()).find(|&k| k != empty).unwrap();
        c.categories[framing].kind = CategoryKind::Context;
        let framing_id = c.categories[framing].id.clone();
        let index = FilterIndex::new(&c);
        let v = build_matrix(&c, &index, &ViewState::default());
        let g = Grid::new(&c, &v);
        let (rows, _) = g.axes(false);
        let item = |id: &str| {
            rows.items
                .iter()
                .find(|i| i.key == AxisKey::Row(cat(id)))
                .unwrap()
                .clone()
        };
        let gap = item("g-empty");
        assert!(gap.is_gap());
        assert_eq!(gap.gap_note(), "no concrete evidence cited");
        assert_eq!(item(&framing_id).tag, "framing");
        let other = rows
            .items
            .iter()
            .find(|i| i.key != AxisKey::Row(cat(&framing_id)) && !i.aggregate)
            .unwrap();
        assert_eq!(other.tag, "");
    }

    #[test]
    fn axes_carry_labels_marks_dates_and_typed_totals() {
        let (_, g) = grid(RowGroup::Dimension);
        let (rows, cols) = g.axes(false);
        let agg = &rows.items[0];
        assert!(agg.aggregate && agg.label.starts_with("All: ") && agg.mark.is_none());
        assert_eq!(agg.sub(), "");
        let first_cat = rows.items.iter().find(|i| !i.aggregate).unwrap();
        assert_eq!(first_cat.sub(), first_cat.mark.as_ref().unwrap().letter);
        let aden = cols
            .items
            .iter()
            .find(|i| i.key == AxisKey::Evidence("aden-escort-2009".into()))
            .unwrap();
        assert_eq!(aden.total, 3);
        assert_eq!(aden.total_label(), "3 codings");
        assert_eq!(aden.title(), "Escorts in the Gulf of Aden (2009/2010)");
        let never = rows
            .items
            .iter()
            .find(|i| i.key == AxisKey::Row(cat("g-empty")))
            .unwrap();
        assert!(never.is_gap() && never.total == 0);
        assert!(!agg.is_gap() || agg.total > 0);
        assert_eq!(
            rows.groups.iter().map(|g| g.1).sum::<usize>(),
            rows.items.len()
        );
    }

    #[test]
    fn cells_are_the_same_in_both_orientations() {
        let (_, g) = grid(RowGroup::Paper);
        let (n_rows, n_cols) = g.size(false);
        assert_eq!(g.size(true), (n_cols, n_rows));
        for r in 0..n_rows as usize {
            let (line, labels) = g.row(false, r);
            assert_eq!(labels.len(), n_cols as usize);
            for (c, cell) in line.iter().enumerate() {
                assert_eq!(cell, &g.row(true, c).0[r]);
            }
        }
    }

    #[test]
    fn cell_descriptions_name_row_column_papers_and_quotes() {
        let (c, g) = grid(RowGroup::Paper);
        let pos = g
            .position_of(
                false,
                &Selection::Cell {
                    row: cat("a-nato-operational"),
                    evidence: "aden-escort-2009".into(),
                },
            )
            .unwrap();
        let (line, labels) = g.row(false, pos.0 as usize);
        let cell = line[pos.1 as usize].as_ref().unwrap();
        assert_eq!(cell.marks, [PaperMark::of(&c, 0)]);
        assert_eq!(
            cell_label("NATO in operations", &labels[pos.1 as usize], cell),
            "NATO in operations × Escorts in the Gulf of Aden: A (2 quotes)"
        );
    }

    #[test]
    fn selections_and_coordinates_map_both_ways_in_both_orientations() {
        let (_, g) = grid(RowGroup::Dimension);
        let sels = [
            Selection::Cell {
                row: cat("b-eu-crisis"),
                evidence: "exercise-2010".into(),
            },
            Selection::Row(RowKey::Dimension("political".into())),
            Selection::Column("visit-2011".into()),
        ];
        for transposed in [false, true] {
            for sel in &sels {
                let (r, c) = g.position_of(transposed, sel).unwrap();
                assert_eq!(g.selection_at(transposed, r, c).as_ref(), Some(sel));
            }
        }
        let (r, c) = g.position_of(false, &sels[1]).unwrap();
        assert_eq!(c, -1, "a row selection is its row header");
        assert_eq!(g.position_of(true, &sels[1]), Some((-1, r)));
        assert_eq!(
            g.selection_at(false, -1, -1),
            None,
            "the corner selects nothing"
        );
        assert_eq!(g.selection_at(false, 999, 0), g.selection_at(false, -1, 0));
        assert_eq!(
            g.position_of(false, &Selection::Column("uncoded-2012".into())),
            None,
            "an evidence item without coding has no column"
        );
    }

    #[test]
    fn keys_move_within_the_grid_and_its_headers() {
        let (_, g) = grid(RowGroup::Paper);
        let (n_rows, n_cols) = g.size(false);
        let key = |f, k, ctrl| g.key(false, f, k, ctrl);
        assert_eq!(key((0, 0), "ArrowRight", false), Some(GridKey::Move(0, 1)));
        assert_eq!(
            key((0, n_cols - 1), "ArrowRight", false),
            Some(GridKey::Move(0, n_cols - 1))
        );
        assert_eq!(key((0, 0), "ArrowLeft", false), Some(GridKey::Move(0, -1)));
        assert_eq!(
            key((0, -1), "ArrowUp", false),
            Some(GridKey::Stay),
            "the corner is not a stop"
        );
        assert_eq!(key((-1, 3), "ArrowUp", false), Some(GridKey::Move(-1, 3)));
        assert_eq!(key((2, 2), "Home", false), Some(GridKey::Move(2, -1)));
        assert_eq!(
            key((2, 2), "End", false),
            Some(GridKey::Move(2, n_cols - 1))
        );
        assert_eq!(key((2, 2), "Home", true), Some(GridKey::Move(0, 0)));
        assert_eq!(
            key((2, 2), "End", true),
            Some(GridKey::Move(n_rows - 1, n_cols - 1))
        );
        assert_eq!(
            key((0, 1), "PageDown", false),
            Some(GridKey::Move((PAGE_ROWS).min(n_rows - 1), 1))
        );
        assert_eq!(key((1, 1), "PageUp", false), Some(GridKey::Move(-1, 1)));
        assert_eq!(key((1, 1), "Enter", false), Some(GridKey::Open));
        assert_eq!(key((1, 1), " ", false), Some(GridKey::Open));
        assert_eq!(key((1, 1), "Escape", false), Some(GridKey::Close));
        assert_eq!(key((1, 1), "a", false), None);
    }

    #[test]
    fn the_tab_stop_falls_back_to_the_first_cell_outside_the_grid() {
        let (_, g) = grid(RowGroup::Paper);
        let (n_rows, n_cols) = g.size(false);
        assert_eq!(g.tab_stop(false, (1, 2)), (1, 2));
        assert_eq!(g.tab_stop(false, (-1, 2)), (-1, 2));
        assert_eq!(g.tab_stop(false, (n_rows, 0)), (0, 0));
        assert_eq!(g.tab_stop(false, (0, n_cols)), (0, 0));
    }

    #[test]
    fn an_empty_view_is_an_empty_grid() {
        assert!(Grid::new(&testkit::sample(), &MatrixView::default()).is_empty());
        assert!(!grid(RowGroup::Paper).1.is_empty());
    }
}
