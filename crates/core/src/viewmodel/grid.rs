//! The matrix grid as the component draws it: two axes (row and column headers in groups),
//! the cells of every row in both orientations, the mapping between selections and on-screen
//! coordinates, the roving tab stop and the keys that move it.
//!
//! On-screen coordinates are `(row, column)` as `i32`, where row -1 is the column-header row
//! and column -1 the row-header column (the element ids are `mx-{row}-{column}`).

use std::rc::Rc;

use super::{count, PaperMark};
use crate::matrix::{MatrixColumn, MatrixRow, MatrixView};
use crate::model::{CategoryKind, Corpus};
use crate::view::{RowKey, Selection};

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

/// The cells of one on-screen row (compared by value, so a row whose cells did not change is
/// not drawn again).
pub type RowCells = Rc<Vec<Option<CellModel>>>;

/// The grid, built once per `MatrixView`, in both orientations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// Category (and aggregate) rows.
    rows: Axis,
    /// Evidence columns.
    cols: Axis,
    /// Category rows × evidence columns.
    cells: Vec<RowCells>,
    /// Evidence rows × category columns (the transposed layout).
    cells_t: Vec<RowCells>,
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
        let cells: Vec<Vec<Option<CellModel>>> = (0..rows.items.len())
            .map(|r| {
                let mut line = vec![None; cols.items.len()];
                for (col, cell) in v.row_cells(r) {
                    if let Some(slot) = line.get_mut(*col) {
                        *slot = Some(CellModel {
                            marks: cell
                                .papers
                                .iter()
                                .map(|&p| PaperMark::of(corpus, p))
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

    /// The on-screen (rows, columns) axes.
    pub fn axes(&self, transposed: bool) -> (&Axis, &Axis) {
        if transposed {
            (&self.cols, &self.rows)
        } else {
            (&self.rows, &self.cols)
        }
    }

    /// The cells of on-screen row `r`, and the labels of the on-screen columns.
    pub fn row(&self, transposed: bool, r: usize) -> (RowCells, Rc<Vec<String>>) {
        let (cells, labels) = if transposed {
            (&self.cells_t, &self.row_labels)
        } else {
            (&self.cells, &self.col_labels)
        };
        (cells.get(r).cloned().unwrap_or_default(), labels.clone())
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
    use super::*;
    use crate::filter::FilterIndex;
    use crate::matrix::build_matrix;
    use crate::testkit;
    use crate::view::{RowGroup, ViewState};

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
