//! Aggregation of the filtered codings into the matrix the components render as-is: grouped
//! rows (categories, plus an aggregate header row per dimension group), grouped columns
//! (evidence items), sparse cells with paper marks and quote counts, and totals.
//!
//! Transposition (`Layout::transposed`) is purely a view concern: the `MatrixView` is the same
//! either way and the grid component swaps axes when it renders.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{CategoryKind, Corpus};
use crate::query::filter::{category_passes, filter_codings, FilterIndex};
use crate::state::{ColGroup, RowGroup, RowKey, Selection, ViewState};

/// The label of the group of context categories (framing, not evidence for a dimension).
pub const CONTEXT_GROUP_LABEL: &str = "Framing and background";

/// One matrix row: a category, or the aggregate header row of a dimension group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    /// Stable key (selection, URL).
    pub key: RowKey,
    /// Index into `Corpus::categories`; None for a dimension header row.
    pub category: Option<usize>,
    /// Index into `Corpus::dimensions` (the category's, or the header's own); none for a context
    /// category.
    pub dimension: Option<usize>,
    /// The category label, or the dimension label for a header row.
    pub label: String,
    /// Index into `Corpus::papers` of the category's paper; None for a header row.
    pub paper: Option<usize>,
    /// The paper's mark letter(s); empty for a header row.
    pub mark: String,
    /// The category's partner, if any.
    pub partner: Option<String>,
    /// Index into `MatrixView::row_groups`.
    pub group: usize,
    /// Passing codings in this row.
    pub n_codings: usize,
    /// Quotes of those codings.
    pub n_quotes: usize,
}

impl MatrixRow {
    /// True for the aggregate header row of a dimension group.
    pub fn is_header(&self) -> bool {
        self.category.is_none()
    }
}

/// A group of consecutive rows (a paper, or a dimension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowGroupView {
    /// Paper id or dimension id.
    pub id: String,
    /// Paper short title or dimension label.
    pub label: String,
    /// Row position of the group's aggregate header row (dimension groups only).
    pub header: Option<usize>,
    /// Row positions of the group, header included.
    pub rows: Range<usize>,
}

/// One matrix column: an evidence item with at least one passing coding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixColumn {
    /// Index into `Corpus::evidence`.
    pub evidence: usize,
    /// Evidence id.
    pub id: String,
    /// Evidence title.
    pub title: String,
    /// Date as written in the codebook.
    pub date_text: String,
    /// Index into `MatrixView::col_groups`.
    pub group: usize,
    /// Passing codings of this item.
    pub n_codings: usize,
    /// Quotes of those codings.
    pub n_quotes: usize,
}

/// A group of consecutive columns (a year, a place or a kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColGroupView {
    /// The year, place or kind as text.
    pub id: String,
    /// Label shown (the `id`, except "no place given" for the empty place).
    pub label: String,
    /// Column positions of the group.
    pub cols: Range<usize>,
}

/// A non-empty cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// Indices into `Corpus::codings`, ordered by paper, then category.
    pub codings: Vec<usize>,
    /// Indices into `Corpus::papers` of the papers that make the link, ascending (for marks).
    pub papers: Vec<usize>,
    /// Quotes of those codings.
    pub n_quotes: usize,
}

/// Grand totals of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Passing codings (each counted once; header rows are not added again).
    pub n_codings: usize,
    /// Quotes of the passing codings.
    pub n_quotes: usize,
    /// Columns (evidence items shown).
    pub n_evidence: usize,
    /// Category rows (header rows not counted).
    pub n_categories: usize,
    /// Of those, context categories (framing and background), counted apart.
    pub n_context_categories: usize,
    /// Passing codings of context categories (included in `n_codings`), counted apart.
    pub n_context_codings: usize,
}

/// Everything the matrix grid renders.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MatrixView {
    /// Rows in display order.
    pub rows: Vec<MatrixRow>,
    /// Row groups in display order.
    pub row_groups: Vec<RowGroupView>,
    /// Columns in display order.
    pub columns: Vec<MatrixColumn>,
    /// Column groups in display order.
    pub col_groups: Vec<ColGroupView>,
    /// Per row: the non-empty cells as (column position, cell), sorted by column.
    cells: Vec<Vec<(usize, Cell)>>,
    /// Grand totals.
    pub totals: Totals,
    /// Evidence items of the corpus not shown as columns.
    pub hidden_evidence: usize,
}

impl MatrixView {
    /// The cell at (row position, column position), if not empty. O(log cells in the row).
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        let cells = self.cells.get(row)?;
        let i = cells.binary_search_by_key(&col, |(c, _)| *c).ok()?;
        Some(&cells[i].1)
    }

    /// The non-empty cells of a row as (column position, cell), sorted by column.
    pub fn row_cells(&self, row: usize) -> &[(usize, Cell)] {
        self.cells.get(row).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Position of the row with this key.
    pub fn row_position(&self, key: &RowKey) -> Option<usize> {
        self.rows.iter().position(|r| &r.key == key)
    }

    /// Position of the column of this evidence id.
    pub fn column_position(&self, evidence_id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == evidence_id)
    }
}

/// Order key of a category inside a group: paper, then partner (corpus order, none last),
/// then category order.
fn category_order(corpus: &Corpus, k: usize) -> (usize, usize, usize) {
    let cat = &corpus.categories[k];
    (cat.paper, cat.partner.unwrap_or(usize::MAX), k)
}

fn category_row(corpus: &Corpus, k: usize, group: usize) -> MatrixRow {
    let cat = &corpus.categories[k];
    let paper = corpus.papers.get(cat.paper);
    MatrixRow {
        key: RowKey::Category(cat.id.clone()),
        category: Some(k),
        dimension: cat.dimension,
        label: cat.label.clone(),
        paper: paper.map(|_| cat.paper),
        mark: paper.map(|p| p.mark.clone()).unwrap_or_default(),
        partner: cat.partner.and_then(|p| corpus.partners.get(p)).cloned(),
        group,
        n_codings: 0,
        n_quotes: 0,
    }
}

/// Builds rows and row groups from the categories that pass the category-level facets.
fn build_rows(corpus: &Corpus, state: &ViewState) -> (Vec<MatrixRow>, Vec<RowGroupView>) {
    let mut visible: Vec<usize> = (0..corpus.categories.len())
        .filter(|&k| category_passes(corpus, &state.filters, k))
        .collect();
    crate::model::order::sort_by_key(&mut visible, |&k| category_order(corpus, k));
    let mut rows = Vec::new();
    let mut groups = Vec::new();
    match state.layout.rows {
        RowGroup::Paper => {
            for (p, paper) in corpus.papers.iter().enumerate() {
                let start = rows.len();
                let g = groups.len();
                for &k in visible.iter().filter(|&&k| corpus.categories[k].paper == p) {
                    rows.push(category_row(corpus, k, g));
                }
                if rows.len() > start {
                    groups.push(RowGroupView {
                        id: paper.id.clone(),
                        label: paper.short_title.clone(),
                        header: None,
                        rows: start..rows.len(),
                    });
                }
            }
        }
        RowGroup::Dimension => {
            for (d, dim) in corpus.dimensions.iter().enumerate() {
                let members: Vec<usize> = visible
                    .iter()
                    .copied()
                    .filter(|&k| corpus.categories[k].dimension == Some(d))
                    .collect();
                if members.is_empty() {
                    continue;
                }
                let start = rows.len();
                let g = groups.len();
                rows.push(MatrixRow {
                    key: RowKey::Dimension(dim.id.clone()),
                    category: None,
                    dimension: Some(d),
                    label: dim.label.clone(),
                    paper: None,
                    mark: String::new(),
                    partner: None,
                    group: g,
                    n_codings: 0,
                    n_quotes: 0,
                });
                rows.extend(members.iter().map(|&k| category_row(corpus, k, g)));
                groups.push(RowGroupView {
                    id: dim.id.clone(),
                    label: dim.label.clone(),
                    header: Some(start),
                    rows: start..rows.len(),
                });
            }
            // Context categories map onto no dimension: they follow, in a group of their own.
            let start = rows.len();
            let g = groups.len();
            for &k in visible
                .iter()
                .filter(|&&k| corpus.categories[k].dimension.is_none())
            {
                rows.push(category_row(corpus, k, g));
            }
            if rows.len() > start {
                groups.push(RowGroupView {
                    id: "context".into(),
                    label: CONTEXT_GROUP_LABEL.into(),
                    header: None,
                    rows: start..rows.len(),
                });
            }
        }
    }
    (rows, groups)
}

/// Builds columns and column groups from the evidence items with a passing coding.
fn build_columns(
    corpus: &Corpus,
    index: &FilterIndex,
    state: &ViewState,
    shown: &[bool],
) -> (Vec<MatrixColumn>, Vec<ColGroupView>) {
    // (group order, group id) per shown evidence item.
    let group_of = |e: usize| -> (i64, String) {
        let ev = &corpus.evidence[e];
        match state.layout.cols {
            ColGroup::Date => (i64::from(ev.date.start.0), ev.date.start.0.to_string()),
            ColGroup::Place => {
                let t = index.places.iter().position(|t| *t == ev.place);
                (t.map_or(i64::MAX, |t| t as i64), ev.place.clone())
            }
            ColGroup::Kind => (
                ev.kind as i64,
                corpus.kinds.get(ev.kind).cloned().unwrap_or_default(),
            ),
        }
    };
    let mut items: Vec<((i64, String), usize)> = (0..corpus.evidence.len())
        .filter(|&e| shown.get(e).copied().unwrap_or(false))
        .map(|e| (group_of(e), e))
        .collect();
    crate::model::order::sort_by(&mut items, |(ga, a), (gb, b)| {
        let (ea, eb) = (&corpus.evidence[*a], &corpus.evidence[*b]);
        (ga, ea.date.start, ea.date.end, a).cmp(&(gb, eb.date.start, eb.date.end, b))
    });
    let mut columns: Vec<MatrixColumn> = Vec::with_capacity(items.len());
    let mut groups: Vec<ColGroupView> = Vec::new();
    for ((_, gid), e) in items {
        let pos = columns.len();
        match groups.last_mut() {
            Some(g) if g.id == gid => g.cols.end = pos + 1,
            _ => groups.push(ColGroupView {
                label: match state.layout.cols {
                    ColGroup::Place => crate::model::place_label(&gid).to_string(),
                    _ => gid.clone(),
                },
                id: gid,
                cols: pos..pos + 1,
            }),
        }
        let ev = &corpus.evidence[e];
        columns.push(MatrixColumn {
            evidence: e,
            id: ev.id.clone(),
            title: ev.title.clone(),
            date_text: ev.date_text.clone(),
            group: groups.len() - 1,
            n_codings: 0,
            n_quotes: 0,
        });
    }
    (columns, groups)
}

/// Builds the matrix for a state (filters, search and layout). See the module docs.
pub fn build_matrix(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> MatrixView {
    let pass = filter_codings(corpus, index, state);
    let passing: Vec<usize> = (0..pass.len()).filter(|&c| pass[c]).collect();
    let (mut rows, row_groups) = build_rows(corpus, state);

    let mut shown = vec![false; corpus.evidence.len()];
    let mut cat_row: HashMap<usize, usize> = HashMap::new();
    for (pos, r) in rows.iter().enumerate() {
        if let Some(k) = r.category {
            cat_row.insert(k, pos);
        }
    }
    let header_of = |pos: usize, rows: &[MatrixRow]| row_groups[rows[pos].group].header;
    // Only codings whose category has a row count (always true when the facets agree).
    let passing: Vec<usize> = passing
        .into_iter()
        .filter(|&c| cat_row.contains_key(&corpus.codings[c].category))
        .collect();
    for &c in &passing {
        if let Some(s) = shown.get_mut(corpus.codings[c].evidence) {
            *s = true;
        }
    }
    let (mut columns, col_groups) = build_columns(corpus, index, state, &shown);
    let ev_col: HashMap<usize, usize> = columns
        .iter()
        .enumerate()
        .map(|(pos, col)| (col.evidence, pos))
        .collect();

    // (row, col, paper, category, coding) for every cell entry, header rows included.
    let mut entries: Vec<[usize; 5]> = Vec::new();
    let mut totals = Totals::default();
    for &c in &passing {
        let coding = &corpus.codings[c];
        let (Some(&row), Some(&col)) =
            (cat_row.get(&coding.category), ev_col.get(&coding.evidence))
        else {
            continue;
        };
        let q = coding.quotes.len();
        totals.n_codings += 1;
        totals.n_quotes += q;
        columns[col].n_codings += 1;
        columns[col].n_quotes += q;
        entries.push([row, col, coding.paper, coding.category, c]);
        rows[row].n_codings += 1;
        rows[row].n_quotes += q;
        if let Some(h) = header_of(row, &rows) {
            entries.push([h, col, coding.paper, coding.category, c]);
            rows[h].n_codings += 1;
            rows[h].n_quotes += q;
        }
    }
    crate::model::order::sort(&mut entries);

    let mut cells: Vec<Vec<(usize, Cell)>> = vec![Vec::new(); rows.len()];
    for [row, col, _, _, c] in entries {
        let coding = &corpus.codings[c];
        let list = &mut cells[row];
        if list.last().is_none_or(|(k, _)| *k != col) {
            list.push((col, Cell::default()));
        }
        if let Some((_, cell)) = list.last_mut() {
            cell.codings.push(c);
            cell.n_quotes += coding.quotes.len();
            if let Err(i) = cell.papers.binary_search(&coding.paper) {
                cell.papers.insert(i, coding.paper);
            }
        }
    }
    totals.n_evidence = columns.len();
    totals.n_categories = rows.iter().filter(|r| !r.is_header()).count();
    let context = |r: &MatrixRow| {
        r.category
            .and_then(|k| corpus.categories.get(k))
            .is_some_and(|k| k.kind == CategoryKind::Context)
    };
    totals.n_context_categories = rows.iter().filter(|r| context(r)).count();
    totals.n_context_codings = rows
        .iter()
        .filter(|r| context(r))
        .map(|r| r.n_codings)
        .sum();
    MatrixView {
        hidden_evidence: corpus.evidence.len() - columns.len(),
        rows,
        row_groups,
        columns,
        col_groups,
        cells,
        totals,
    }
}

fn row_matches(corpus: &Corpus, key: &RowKey, category: usize) -> bool {
    let Some(cat) = corpus.categories.get(category) else {
        return false;
    };
    match key {
        RowKey::Category(id) => cat.id == *id,
        RowKey::Dimension(id) => corpus
            .dimensions
            .get(cat.dimension.unwrap_or(usize::MAX))
            .is_some_and(|d| d.id == *id),
    }
}

/// The passing codings behind a cell, row or column, ordered by paper, then category, then
/// evidence (date order), for the drill-down panel. Unknown ids give an empty list.
pub fn selection_codings(
    corpus: &Corpus,
    index: &FilterIndex,
    state: &ViewState,
    selection: &Selection,
) -> Vec<usize> {
    let pass = filter_codings(corpus, index, state);
    let evidence_is = |e: usize, id: &str| corpus.evidence.get(e).is_some_and(|ev| ev.id == id);
    let mut out: Vec<usize> = (0..corpus.codings.len())
        .filter(|&c| pass[c])
        .filter(|&c| {
            let coding = &corpus.codings[c];
            match selection {
                Selection::Cell { row, evidence } => {
                    row_matches(corpus, row, coding.category)
                        && evidence_is(coding.evidence, evidence)
                }
                Selection::Row(row) => row_matches(corpus, row, coding.category),
                Selection::Column(evidence) => evidence_is(coding.evidence, evidence),
            }
        })
        .collect();
    crate::model::order::sort_by_key(&mut out, |&c| {
        let coding = &corpus.codings[c];
        (coding.paper, coding.category, coding.evidence, c)
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, Facet};
    use crate::testkit::{self, state};

    fn matrix(actions: Vec<Action>) -> (Corpus, MatrixView) {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let m = build_matrix(&c, &index, &state(actions));
        (c, m)
    }

    #[test]
    fn context_categories_are_counted_apart_in_the_totals() {
        let mut c = testkit::sample();
        let index0 = FilterIndex::new(&c);
        let all = build_matrix(&c, &index0, &state(vec![]));
        let k = c.codings[0].category;
        c.categories[k].kind = CategoryKind::Context;
        let index = FilterIndex::new(&c);
        let m = build_matrix(&c, &index, &state(vec![]));
        let n = c.codings.iter().filter(|x| x.category == k).count();
        assert!(n > 0);
        assert_eq!(m.totals.n_context_categories, 1);
        assert_eq!(m.totals.n_context_codings, n);
        // Counted apart, not removed: the overall totals are unchanged.
        assert_eq!(m.totals.n_codings, all.totals.n_codings);
        assert_eq!(m.totals.n_categories, all.totals.n_categories);
    }

    fn key_text(k: &RowKey) -> String {
        match k {
            RowKey::Category(id) => id.clone(),
            RowKey::Dimension(id) => format!("[{id}]"),
        }
    }

    /// Checks the rows as `group: row row ...` lines, with each row's coding count.
    fn check_rows(actions: Vec<Action>, want: &[&str]) {
        let (_, m) = matrix(actions);
        let got: Vec<String> = m
            .row_groups
            .iter()
            .map(|g| {
                let rows: Vec<String> = m.rows[g.rows.clone()]
                    .iter()
                    .map(|r| format!("{}={}", key_text(&r.key), r.n_codings))
                    .collect();
                format!("{}: {}", g.id, rows.join(" "))
            })
            .collect();
        assert_eq!(got, want);
    }

    /// Checks the columns as `group: evidence evidence ...` lines.
    fn check_cols(actions: Vec<Action>, want: &[&str]) {
        let (_, m) = matrix(actions);
        let got: Vec<String> = m
            .col_groups
            .iter()
            .map(|g| {
                let cols: Vec<&str> = m.columns[g.cols.clone()]
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                format!("{}: {}", g.label, cols.join(" "))
            })
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn rows_grouped_by_paper_then_partner_and_kept_when_empty() {
        check_rows(
            vec![],
            &[
                "alpha: a-nato-political=1 a-nato-operational=1 a-eu-civilian=1 a-general=1",
                "beta: b-nato-political=1 b-eu-crisis=2",
                "gamma: g-nato=2 g-empty=0",
            ],
        );
        // The search hides evidence, not rows.
        check_rows(
            vec![Action::SetSearch("exercise".into())],
            &[
                "alpha: a-nato-political=0 a-nato-operational=0 a-eu-civilian=0 a-general=0",
                "beta: b-nato-political=0 b-eu-crisis=1",
                "gamma: g-nato=0 g-empty=0",
            ],
        );
        // Category-level facets remove rows and whole groups.
        check_rows(
            vec![Action::ToggleFacet(Facet::Partner, "EU".into())],
            &["alpha: a-eu-civilian=1", "beta: b-eu-crisis=2"],
        );
    }

    #[test]
    fn rows_grouped_by_dimension_with_aggregate_headers() {
        check_rows(
            vec![Action::SetRows(RowGroup::Dimension)],
            &[
                "political: [political]=5 a-nato-political=1 a-general=1 b-nato-political=1 g-nato=2",
                "operational: [operational]=3 a-nato-operational=1 b-eu-crisis=2",
                "capacity: [capacity]=1 a-eu-civilian=1 g-empty=0",
            ],
        );
        let (_, m) = matrix(vec![Action::SetRows(RowGroup::Dimension)]);
        let header = m
            .row_position(&RowKey::Dimension("political".into()))
            .unwrap();
        let col = m.column_position("abe-speech-2007").unwrap();
        let cell = m.cell(header, col).unwrap();
        assert_eq!(cell.codings.len(), 3);
        assert_eq!(cell.papers, [0, 1, 2]);
        assert_eq!(cell.n_quotes, 3);
        assert!(m.rows[header].is_header());
        assert_eq!(m.row_groups[0].header, Some(header));
        // Headers are not counted twice in the totals.
        assert_eq!(m.totals.n_codings, 9);
        assert_eq!(m.totals.n_categories, 8);
    }

    #[test]
    fn columns_grouped_by_date_place_and_kind() {
        check_cols(
            vec![],
            &[
                "2007: abe-speech-2007 bamyan-prt-2007",
                "2009: aden-escort-2009",
                "2010: exercise-2010",
                "2011: visit-2011",
            ],
        );
        check_cols(
            vec![Action::SetCols(ColGroup::Place)],
            &[
                "Bamyán: bamyan-prt-2007",
                "Brussels: abe-speech-2007 visit-2011",
                "Gulf of Aden: aden-escort-2009 exercise-2010",
            ],
        );
        check_cols(
            vec![Action::SetCols(ColGroup::Kind)],
            &[
                "speech: abe-speech-2007",
                "visit: visit-2011",
                "operation: bamyan-prt-2007 aden-escort-2009",
                "exercise: exercise-2010",
            ],
        );
        check_cols(
            vec![Action::SetYears(Some((2010, 2010)))],
            &["2009: aden-escort-2009", "2010: exercise-2010"],
        );
    }

    #[test]
    fn cells_totals_and_hidden_evidence() {
        let (c, m) = matrix(vec![]);
        let row = m
            .row_position(&RowKey::Category("a-nato-operational".into()))
            .unwrap();
        let col = m.column_position("aden-escort-2009").unwrap();
        let cell = m.cell(row, col).unwrap();
        assert_eq!(
            c.codings[cell.codings[0]].id,
            "aden-escort-2009~a-nato-operational"
        );
        assert_eq!(cell.n_quotes, 2);
        assert_eq!(cell.papers, [0]);
        assert!(m.cell(row, 0).is_none());
        assert!(m.cell(999, 0).is_none());
        assert_eq!(m.row_cells(row).len(), 1);
        assert_eq!(m.columns[col].n_codings, 3);
        assert_eq!(m.columns[col].n_quotes, 4);
        assert_eq!(m.rows[row].n_quotes, 2);
        assert_eq!(
            m.totals,
            Totals {
                n_codings: 9,
                n_quotes: 11,
                n_evidence: 5,
                n_categories: 8,
                n_context_categories: 0,
                n_context_codings: 0,
            }
        );
        // The uncoded item is always hidden.
        assert_eq!(m.hidden_evidence, 1);
        let (_, m) = matrix(vec![Action::ToggleFacet(Facet::Paper, "gamma".into())]);
        assert_eq!(m.hidden_evidence, 4);
        assert_eq!(m.totals.n_codings, 2);
    }

    #[test]
    fn transposition_does_not_change_the_matrix() {
        let (_, a) = matrix(vec![Action::SetRows(RowGroup::Dimension)]);
        let (_, b) = matrix(vec![
            Action::SetRows(RowGroup::Dimension),
            Action::ToggleTransposed,
            Action::ToggleCompact,
        ]);
        assert_eq!(a, b);
    }

    /// Checks the coding ids behind a selection.
    fn check_selection(actions: Vec<Action>, sel: Selection, want: &[&str]) {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let got: Vec<&str> = selection_codings(&c, &index, &state(actions), &sel)
            .into_iter()
            .map(|i| c.codings[i].id.as_str())
            .collect();
        assert_eq!(got, want, "{sel:?}");
    }

    #[test]
    fn selection_codings_respect_filters_and_group_by_paper() {
        let cat = |id: &str| RowKey::Category(id.into());
        check_selection(
            vec![],
            Selection::Column("aden-escort-2009".into()),
            &[
                "aden-escort-2009~a-nato-operational",
                "aden-escort-2009~b-eu-crisis",
                "aden-escort-2009~g-nato",
            ],
        );
        check_selection(
            vec![Action::ToggleFacet(Facet::Paper, "beta".into())],
            Selection::Column("aden-escort-2009".into()),
            &["aden-escort-2009~b-eu-crisis"],
        );
        check_selection(
            vec![],
            Selection::Row(RowKey::Dimension("political".into())),
            &[
                "abe-speech-2007~a-nato-political",
                "visit-2011~a-general",
                "abe-speech-2007~b-nato-political",
                "abe-speech-2007~g-nato",
                "aden-escort-2009~g-nato",
            ],
        );
        check_selection(
            vec![],
            Selection::Cell {
                row: cat("b-eu-crisis"),
                evidence: "exercise-2010".into(),
            },
            &["exercise-2010~b-eu-crisis"],
        );
        check_selection(vec![], Selection::Row(cat("nope")), &[]);
    }

    #[test]
    fn build_matrix_counts_all_300_codings_of_a_scaled_corpus() {
        let c = testkit::scaled(3, 8, 100, 3);
        let index = FilterIndex::new(&c);
        let s = state(vec![
            Action::SetRows(RowGroup::Dimension),
            Action::SetSearch("quoted".into()),
        ]);
        // Speed is measured by scripts/bench.sh, never asserted here.
        let m = build_matrix(&c, &index, &s);
        assert_eq!(m.totals.n_codings, 300);
        assert_eq!(m.totals.n_evidence, 100);
    }
}
