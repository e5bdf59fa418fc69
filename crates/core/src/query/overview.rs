//! The overview: an evidence gap map. Rows are the papers' categories (grouped by paper) or the
//! crosswalk dimensions; columns are the values of one attribute of the evidence (kind, domain,
//! place, paper, or bins of years); each cell counts what the `Measure` says over the codings
//! that pass the filters and the search.
//!
//! Two kinds of empty are kept apart: a cell that could hold evidence but holds none ("no
//! evidence cited", `Some(0)`), and a cell that cannot (`None`, "does not apply": a category
//! against another paper's column, a dimension against a paper with no category on it).
//! Context categories (framing and background) are never mixed with the analytic ones: they
//! form their own group with their own totals and their own shading scale. In dimension rows,
//! descriptive categories are counted in a group of their own, so that one paper is not counted
//! twice on one dimension.

use std::collections::BTreeSet;

use crate::model::{CategoryKind, Corpus, Stance};
use crate::query::filter::{category_passes, filter_codings, FilterIndex};
use crate::state::{
    Action, Facet, Measure, OverviewCols, Route, RowGroup, RowKey, Selection, ViewState,
};

/// Most year bins (not counting the open "earlier" bin).
pub const MAX_YEAR_BINS: usize = 8;

/// Bin widths tried, smallest first.
const BIN_WIDTHS: [i32; 9] = [1, 2, 5, 10, 20, 25, 50, 100, 200];

/// What clicking a column narrows the matrix to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Narrow {
    /// One value of a facet.
    Facet(Facet, String),
    /// An inclusive year range.
    Years(i32, i32),
}

/// One column of the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewColumn {
    /// Stable id (the value, the paper id, or `YYYY-YYYY`).
    pub id: String,
    /// Label shown in the header.
    pub label: String,
    /// What a click on the column's cells filters.
    pub narrow: Narrow,
}

/// Which part of the corpus a row group counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// The analytic categories (of one paper, or of every paper on the dimensions).
    Analytic,
    /// Descriptive categories on the dimensions, counted apart.
    Descriptive,
    /// Framing and background categories: shown and counted apart.
    Context,
}

/// One row: a category or a dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewRow {
    /// Row key (as in the matrix).
    pub key: RowKey,
    /// Label (category label or dimension label).
    pub label: String,
    /// The category's paper (category rows only).
    pub paper: Option<usize>,
    /// The category's kind (`Analytic` for dimension rows).
    pub kind: CategoryKind,
    /// The author argues this category without concrete evidence (the codebook says so).
    pub no_evidence: bool,
    /// How the row's categories weigh their dimension (the primary crosswalk link), distinct,
    /// in `Stance` order: one for a category row (none for context), one per distinct stance
    /// for a dimension row (two or more: the papers pull in opposite directions).
    pub stances: Vec<Stance>,
    /// Per column: the count, or None when the cell does not apply.
    pub cells: Vec<Option<usize>>,
    /// The row's total by the same rule (distinct items over the whole row, not a sum).
    pub total: usize,
}

/// A group of rows with its own column totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewGroup {
    /// Paper id, `dimensions`, `descriptive` or `context`.
    pub id: String,
    /// Heading of the group.
    pub label: String,
    /// What the group counts.
    pub kind: GroupKind,
    /// Rows in display order.
    pub rows: Vec<OverviewRow>,
}

/// A part of the overview with its own totals and shading scale (analytic and descriptive
/// together, or context).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OverviewPart {
    /// Row groups.
    pub groups: Vec<OverviewGroup>,
    /// Per column: the total over the part's rows (same rule as the cells).
    pub col_totals: Vec<usize>,
    /// The part's grand total.
    pub total: usize,
    /// Largest cell value (the darkest shade).
    pub max: usize,
}

/// Everything the overview renders.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overview {
    /// Columns in display order.
    pub columns: Vec<OverviewColumn>,
    /// Analytic (and descriptive) rows.
    pub main: OverviewPart,
    /// Context rows (framing and background), counted apart.
    pub context: OverviewPart,
}

/// The value of a set of codings under a measure. `Presence` is 1 when the set is not empty.
pub fn measure_value(corpus: &Corpus, measure: Measure, codings: &[usize]) -> usize {
    match measure {
        Measure::Evidence => codings
            .iter()
            .filter_map(|&c| corpus.codings.get(c).map(|k| k.evidence))
            .collect::<BTreeSet<_>>()
            .len(),
        Measure::Codings => codings.len(),
        Measure::Quotes => codings
            .iter()
            .filter_map(|&c| corpus.codings.get(c).map(|k| k.quotes.len()))
            .sum(),
        Measure::Presence => usize::from(!codings.is_empty()),
    }
}

/// Shade level 0-4 of a value on a scale whose darkest value is `max` (0 only for 0).
pub fn shade(value: usize, max: usize) -> u8 {
    if value == 0 || max == 0 {
        return 0;
    }
    (value * 4).div_ceil(max).clamp(1, 4) as u8
}

/// Year bins `(first, last)` for the coded evidence, within `range` when given: at most
/// `MAX_YEAR_BINS` bins of one width from {1, 2, 5, 10, 20, 25, 50, 100, 200} years aligned on
/// multiples of the width, starting at the start year of the earliest tenth of the items; items
/// that start before fall into one open "earlier" bin in front. Empty when nothing is dated.
pub fn year_bins(corpus: &Corpus, range: Option<(i32, i32)>) -> Vec<(i32, i32)> {
    let coded: BTreeSet<usize> = corpus.codings.iter().map(|k| k.evidence).collect();
    let mut spans: Vec<(i32, i32)> = coded
        .iter()
        .filter_map(|&e| corpus.evidence.get(e))
        .map(|e| (e.date.start.0, e.date.end.0.max(e.date.start.0)))
        .filter_map(|(a, b)| match range {
            Some((lo, hi)) if b < lo || a > hi => None,
            Some((lo, hi)) => Some((a.max(lo), b.min(hi))),
            None => Some((a, b)),
        })
        .collect();
    if spans.is_empty() {
        return Vec::new();
    }
    crate::model::order::sort(&mut spans);
    let first = spans[0].0;
    let last = spans.iter().map(|s| s.1).max().unwrap_or(first);
    let tenth = spans[spans.len() / 10].0;
    for &w in &BIN_WIDTHS {
        let start = tenth.div_euclid(w) * w;
        let n = (last.div_euclid(w) * w - start) / w + 1;
        if n as usize <= MAX_YEAR_BINS || w == *BIN_WIDTHS.last().unwrap_or(&w) {
            let mut bins = Vec::new();
            if first < start {
                bins.push((first, start - 1));
            }
            let mut a = start;
            while a <= last && bins.len() <= MAX_YEAR_BINS + 1 {
                bins.push((a.max(first), a + w - 1));
                a += w;
            }
            return bins;
        }
    }
    Vec::new()
}

fn year_label((a, b): (i32, i32)) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}–{b}")
    }
}

/// The columns for a state: every value of the attribute (only the selected ones when the
/// matching facet is filtered), so that empty columns show as gaps.
pub fn columns(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> Vec<OverviewColumn> {
    let f = &state.filters;
    let keep = |facet: Facet, v: &str| f.set(facet).is_empty() || f.set(facet).contains(v);
    let values = |facet: Facet, list: Vec<(String, String)>| -> Vec<OverviewColumn> {
        list.into_iter()
            .filter(|(id, _)| keep(facet, id))
            .map(|(id, label)| OverviewColumn {
                narrow: Narrow::Facet(facet, id.clone()),
                id,
                label,
            })
            .collect()
    };
    let same = |v: &Vec<String>| -> Vec<(String, String)> {
        v.iter().map(|x| (x.clone(), x.clone())).collect()
    };
    match state.overview.cols {
        OverviewCols::Kind => values(Facet::Kind, same(&corpus.kinds)),
        OverviewCols::Domain => values(Facet::Domain, same(&corpus.domains)),
        OverviewCols::Place => values(
            Facet::Place,
            index
                .places
                .iter()
                .map(|p| (p.clone(), crate::model::place_label(p).to_string()))
                .collect(),
        ),
        OverviewCols::Paper => values(
            Facet::Paper,
            corpus
                .papers
                .iter()
                .map(|p| (p.id.clone(), p.short_title.clone()))
                .collect(),
        ),
        OverviewCols::Years => year_bins(corpus, f.years)
            .into_iter()
            .map(|(a, b)| OverviewColumn {
                id: format!("{a}-{b}"),
                label: year_label((a, b)),
                narrow: Narrow::Years(a, b),
            })
            .collect(),
    }
}

/// Whether coding `c` falls in column `col`.
fn in_column(corpus: &Corpus, c: usize, col: &OverviewColumn) -> bool {
    let k = &corpus.codings[c];
    let Some(ev) = corpus.evidence.get(k.evidence) else {
        return false;
    };
    let vocab = |list: &[String], i: usize, v: &str| list.get(i).is_some_and(|x| x == v);
    match &col.narrow {
        Narrow::Facet(Facet::Kind, v) => vocab(&corpus.kinds, ev.kind, v),
        Narrow::Facet(Facet::Domain, v) => vocab(&corpus.domains, ev.domain, v),
        Narrow::Facet(Facet::Place, v) => ev.place == *v,
        Narrow::Facet(Facet::Paper, v) => corpus.papers.get(k.paper).is_some_and(|p| p.id == *v),
        Narrow::Facet(..) => false,
        Narrow::Years(a, b) => {
            let (s, t) = (ev.date.start.0, ev.date.end.0.max(ev.date.start.0));
            s <= *b && t >= *a
        }
    }
}

/// A row before counting: which codings it holds and where it applies.
struct RowSpec {
    row: OverviewRow,
    codings: Vec<usize>,
    /// Papers the row has categories in (for the paper columns' "does not apply").
    papers: BTreeSet<usize>,
}

fn count_part(
    corpus: &Corpus,
    measure: Measure,
    columns: &[OverviewColumn],
    specs: Vec<GroupSpec>,
) -> OverviewPart {
    let members: Vec<Vec<usize>> = columns
        .iter()
        .map(|col| {
            (0..corpus.codings.len())
                .filter(|&c| in_column(corpus, c, col))
                .collect()
        })
        .collect();
    let mut all: Vec<usize> = Vec::new();
    let mut per_col: Vec<Vec<usize>> = vec![Vec::new(); columns.len()];
    let mut groups = Vec::new();
    let mut max = 0;
    let mut presence_cols = vec![0usize; columns.len()];
    let mut presence_total = 0;
    for (id, label, kind, rows) in specs {
        let mut out = Vec::new();
        for mut spec in rows {
            let mut present = 0;
            for (ci, col) in columns.iter().enumerate() {
                let applies = match &col.narrow {
                    Narrow::Facet(Facet::Paper, v) => {
                        spec.papers.iter().any(|&p| corpus.papers[p].id == *v)
                    }
                    _ => true,
                };
                if !applies {
                    spec.row.cells.push(None);
                    continue;
                }
                let cell: Vec<usize> = spec
                    .codings
                    .iter()
                    .copied()
                    .filter(|c| members[ci].binary_search(c).is_ok())
                    .collect();
                let v = measure_value(corpus, measure, &cell);
                max = max.max(v);
                present += usize::from(v > 0);
                presence_cols[ci] += usize::from(v > 0);
                per_col[ci].extend(cell);
                spec.row.cells.push(Some(v));
            }
            spec.row.total = if measure == Measure::Presence {
                present
            } else {
                measure_value(corpus, measure, &spec.codings)
            };
            presence_total += present;
            all.extend(spec.codings.iter().copied());
            out.push(spec.row);
        }
        groups.push(OverviewGroup {
            id,
            label,
            kind,
            rows: out,
        });
    }
    // Totals count each coding once even when two rows hold it (never in these groupings, but
    // the rule stays true if it happens).
    let dedup = |mut v: Vec<usize>| {
        crate::model::order::sort(&mut v);
        v.dedup();
        v
    };
    let (col_totals, total) = if measure == Measure::Presence {
        (presence_cols, presence_total)
    } else {
        (
            per_col
                .into_iter()
                .map(|v| measure_value(corpus, measure, &dedup(v)))
                .collect(),
            measure_value(corpus, measure, &dedup(all)),
        )
    };
    OverviewPart {
        groups,
        col_totals,
        total,
        max,
    }
}

/// Builds the overview for a state: filters and search apply; rows follow `layout.rows`;
/// columns and measure follow `overview`. Rows of categories (or dimensions) that the
/// category-level facets exclude are left out; empty groups are dropped.
pub fn build_overview(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> Overview {
    let columns = columns(corpus, index, state);
    let measure = state.overview.measure;
    let rows = Rows {
        corpus,
        pass: filter_codings(corpus, index, state),
        visible: (0..corpus.categories.len())
            .filter(|&k| category_passes(corpus, &state.filters, k))
            .collect(),
    };
    let main = match state.layout.rows {
        RowGroup::Paper => rows.paper_groups(),
        RowGroup::Dimension => rows.dimension_groups(),
    };
    Overview {
        main: count_part(corpus, measure, &columns, main),
        context: count_part(corpus, measure, &columns, rows.context_groups()),
        columns,
    }
}

/// A group of rows before counting: (id, label, kind, rows).
type GroupSpec = (String, String, GroupKind, Vec<RowSpec>);

/// The rows of the overview before counting: the codings that pass the filters and the
/// categories that are visible.
struct Rows<'a> {
    corpus: &'a Corpus,
    pass: Vec<bool>,
    visible: Vec<usize>,
}

impl Rows<'_> {
    /// The passing codings whose category satisfies `pred`.
    fn codings_of(&self, pred: &dyn Fn(usize) -> bool) -> Vec<usize> {
        (0..self.corpus.codings.len())
            .filter(|&c| self.pass[c] && pred(self.corpus.codings[c].category))
            .collect()
    }

    fn is_context(&self, k: usize) -> bool {
        self.corpus.categories[k].kind == CategoryKind::Context
    }

    /// The row of category `k`.
    fn category_spec(&self, k: usize) -> RowSpec {
        let cat = &self.corpus.categories[k];
        RowSpec {
            row: OverviewRow {
                key: RowKey::Category(cat.id.clone()),
                label: cat.label.clone(),
                paper: Some(cat.paper),
                kind: cat.kind,
                no_evidence: cat.no_evidence.is_some(),
                stances: if cat.dimension.is_some() {
                    vec![cat.stance]
                } else {
                    Vec::new()
                },
                cells: Vec::new(),
                total: 0,
            },
            codings: self.codings_of(&|c| c == k),
            papers: [cat.paper].into(),
        }
    }

    /// Rows by paper: the visible non-context categories of each paper.
    fn paper_groups(&self) -> Vec<GroupSpec> {
        let mut main = Vec::new();
        for (p, paper) in self.corpus.papers.iter().enumerate() {
            let rows: Vec<RowSpec> = self
                .visible
                .iter()
                .copied()
                .filter(|&k| self.corpus.categories[k].paper == p && !self.is_context(k))
                .map(|k| self.category_spec(k))
                .collect();
            if !rows.is_empty() {
                main.push((
                    paper.id.clone(),
                    paper.short_title.clone(),
                    GroupKind::Analytic,
                    rows,
                ));
            }
        }
        main
    }

    /// Rows by dimension: analytic categories, then descriptive parts (counted apart).
    fn dimension_groups(&self) -> Vec<GroupSpec> {
        let mut main = Vec::new();
        for (kind, id, label) in [
            (CategoryKind::Analytic, "dimensions", "Analytic categories"),
            (
                CategoryKind::Descriptive,
                "descriptive",
                "Descriptive parts (counted apart)",
            ),
        ] {
            let rows: Vec<RowSpec> = (0..self.corpus.dimensions.len())
                .filter_map(|d| self.dimension_spec(kind, d))
                .collect();
            let gk = if kind == CategoryKind::Analytic {
                GroupKind::Analytic
            } else {
                GroupKind::Descriptive
            };
            if !rows.is_empty() {
                main.push((id.to_string(), label.to_string(), gk, rows));
            }
        }
        main
    }

    /// The row of dimension `d` over its visible categories of `kind`; none when it has none.
    fn dimension_spec(&self, kind: CategoryKind, d: usize) -> Option<RowSpec> {
        let corpus = self.corpus;
        let dim = &corpus.dimensions[d];
        let cats: Vec<usize> = self
            .visible
            .iter()
            .copied()
            .filter(|&k| {
                let cat = &corpus.categories[k];
                cat.kind == kind && cat.dimension == Some(d)
            })
            .collect();
        if cats.is_empty() {
            return None;
        }
        let all_no_evidence = cats
            .iter()
            .all(|&k| corpus.categories[k].no_evidence.is_some());
        Some(RowSpec {
            row: OverviewRow {
                key: RowKey::Dimension(dim.id.clone()),
                label: dim.label.clone(),
                paper: None,
                kind,
                no_evidence: all_no_evidence,
                stances: cats
                    .iter()
                    .map(|&k| corpus.categories[k].stance)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                cells: Vec::new(),
                total: 0,
            },
            codings: self.codings_of(&|c| cats.contains(&c)),
            papers: cats.iter().map(|&k| corpus.categories[k].paper).collect(),
        })
    }

    /// The context categories, counted apart in their own group.
    fn context_groups(&self) -> Vec<GroupSpec> {
        let context_rows: Vec<RowSpec> = self
            .visible
            .iter()
            .copied()
            .filter(|&k| self.is_context(k))
            .map(|k| self.category_spec(k))
            .collect();
        if context_rows.is_empty() {
            Vec::new()
        } else {
            vec![(
                "context".to_string(),
                "Framing and background (context, counted apart)".to_string(),
                GroupKind::Context,
                context_rows,
            )]
        }
    }
}

/// What a click on a cell does: the matrix, narrowed to the cell's row (category or dimension
/// facet set to it) and column (its facet set to the value, or the year range), with the row
/// selected so that the drill-down panel lists the quotes behind the cell. A cell in the
/// row-total column (`col` None) narrows by the row only.
pub fn narrow_actions(row: &RowKey, col: Option<&Narrow>) -> Vec<Action> {
    let one = |v: &str| -> BTreeSet<String> { [v.to_string()].into() };
    let mut out = vec![Action::Navigate(Route::Matrix)];
    match row {
        RowKey::Category(id) => out.push(Action::SetFacet(Facet::Category, one(id))),
        RowKey::Dimension(id) => out.push(Action::SetFacet(Facet::Dimension, one(id))),
    }
    match col {
        Some(Narrow::Facet(f, v)) => out.push(Action::SetFacet(*f, one(v))),
        Some(Narrow::Years(a, b)) => out.push(Action::SetYears(Some((*a, *b)))),
        None => {}
    }
    out.push(Action::Select(Some(Selection::Row(row.clone()))));
    out
}

/// The counting rule in words, for the legend.
pub fn rule_text(measure: Measure, cols: OverviewCols, rows: RowGroup) -> String {
    let row = match rows {
        RowGroup::Paper => "the row's category",
        RowGroup::Dimension => "the categories the crosswalk maps onto the row's dimension",
    };
    let attr = match cols {
        OverviewCols::Kind => "whose kind is the column's",
        OverviewCols::Domain => "whose domain is the column's",
        OverviewCols::Place => "whose place is the column's",
        OverviewCols::Paper => "as cited by the column's paper",
        OverviewCols::Years => "dated within the column's years",
    };
    let what = match measure {
        Measure::Evidence => format!(
            "Each number counts the distinct evidence items (real events, each recorded once) that {row} cites and {attr}; an item cited under two categories of one row counts once."
        ),
        Measure::Codings => format!(
            "Each number counts codings: the links a paper makes between one evidence item and {row}, for items {attr}."
        ),
        Measure::Quotes => format!(
            "Each number counts the verbatim quotes behind the codings of {row} for items {attr}."
        ),
        Measure::Presence => format!(
            "A dot marks a cell where {row} cites at least one evidence item {attr}; totals count the marked cells."
        ),
    };
    let years = if cols == OverviewCols::Years {
        " An item dated as a range counts in every bin it overlaps, so a row's bins can add up to more than its total."
    } else {
        ""
    };
    format!(
        "{what}{years} Totals apply the same rule to the whole row or column (distinct items, not a sum). Only codings that pass the active filters and search are counted. Context categories (framing and background) are counted apart."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, OverviewLayout};
    use crate::testkit;

    fn state(rows: RowGroup, cols: OverviewCols, measure: Measure) -> ViewState {
        let mut s = ViewState::default();
        s.layout.rows = rows;
        s.overview = OverviewLayout { cols, measure };
        s
    }

    fn grid(o: &Overview) -> Vec<(String, Vec<Option<usize>>, usize)> {
        testkit::overview_grid(o, |k| match k {
            RowKey::Category(id) => id.clone(),
            RowKey::Dimension(id) => format!("[{id}]"),
        })
    }

    fn build(s: &ViewState) -> (Corpus, Overview) {
        let c = testkit::sample();
        let i = FilterIndex::new(&c);
        let o = build_overview(&c, &i, s);
        (c, o)
    }

    #[test]
    fn measures_on_a_set_of_codings() {
        let c = testkit::sample();
        // Codings 4 (aden~a-nato-operational, 2 quotes) and 5 (aden~b-eu-crisis, 1 quote).
        let set = [4, 5];
        assert_eq!(c.codings[4].quotes.len(), 2);
        assert_eq!(measure_value(&c, Measure::Evidence, &set), 1);
        assert_eq!(measure_value(&c, Measure::Codings, &set), 2);
        assert_eq!(measure_value(&c, Measure::Quotes, &set), 3);
        assert_eq!(measure_value(&c, Measure::Presence, &set), 1);
        assert_eq!(measure_value(&c, Measure::Presence, &[]), 0);
    }

    #[test]
    fn categories_by_kind_counting_evidence() {
        let (c, o) = build(&state(
            RowGroup::Paper,
            OverviewCols::Kind,
            Measure::Evidence,
        ));
        let ids: Vec<&str> = o.columns.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["speech", "visit", "operation", "exercise"]);
        let s = Some;
        assert_eq!(
            grid(&o),
            vec![
                ("a-nato-political".into(), vec![s(1), s(0), s(0), s(0)], 1),
                ("a-nato-operational".into(), vec![s(0), s(0), s(1), s(0)], 1),
                ("a-eu-civilian".into(), vec![s(0), s(0), s(1), s(0)], 1),
                ("a-general".into(), vec![s(0), s(1), s(0), s(0)], 1),
                ("b-eu-crisis".into(), vec![s(0), s(0), s(1), s(1)], 2),
                ("b-nato-political".into(), vec![s(1), s(0), s(0), s(0)], 1),
                ("g-nato".into(), vec![s(1), s(0), s(1), s(0)], 2),
                ("g-empty".into(), vec![s(0), s(0), s(0), s(0)], 0),
            ]
        );
        // The speech is one item cited by three papers: its column total is 1, not 3.
        assert_eq!(o.main.col_totals, vec![1, 1, 2, 1]);
        assert_eq!(o.main.total, 5);
        assert_eq!(o.main.max, 1);
        assert!(o.context.groups.is_empty());
        let groups: Vec<&str> = o.main.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(groups, ["alpha", "beta", "gamma"]);
        assert_eq!(c.papers.len(), 3);
    }

    #[test]
    fn dimensions_by_paper_counting_quotes_with_does_not_apply() {
        let (_, o) = build(&state(
            RowGroup::Dimension,
            OverviewCols::Paper,
            Measure::Quotes,
        ));
        let s = Some;
        // Capacity: alpha (a-eu-civilian) and gamma (g-empty) have categories; beta has none.
        assert_eq!(
            grid(&o),
            vec![
                ("[political]".into(), vec![s(3), s(1), s(2)], 6),
                ("[operational]".into(), vec![s(2), s(2), None], 4),
                ("[capacity]".into(), vec![s(1), None, s(0)], 1),
            ]
        );
        assert_eq!(o.main.col_totals, vec![6, 3, 2]);
        assert_eq!(o.main.total, 11);
        assert_eq!(o.main.max, 3);
    }

    #[test]
    fn dimension_rows_carry_the_distinct_stances_of_their_categories() {
        let st = state(RowGroup::Dimension, OverviewCols::Paper, Measure::Codings);
        let (_, o) = build(&st);
        let stances = |o: &Overview| -> Vec<Vec<Stance>> {
            o.main.groups[0]
                .rows
                .iter()
                .map(|r| r.stances.clone())
                .collect()
        };
        assert_eq!(stances(&o), vec![vec![Stance::Positive]; 3]);
        let mut c = testkit::sample();
        let k = c.categories.iter().position(|k| k.id == "g-nato").unwrap();
        c.categories[k].stance = Stance::Negative;
        let o = build_overview(&c, &FilterIndex::new(&c), &st);
        let political = &o.main.groups[0].rows[0];
        assert_eq!(political.stances, [Stance::Positive, Stance::Negative]);
        // A category row carries its own stance.
        let st = state(RowGroup::Paper, OverviewCols::Paper, Measure::Codings);
        let o = build_overview(&c, &FilterIndex::new(&c), &st);
        let row = o.main.groups[2]
            .rows
            .iter()
            .find(|r| r.label.contains("NATO"))
            .unwrap();
        assert_eq!(row.stances, [Stance::Negative]);
    }

    #[test]
    fn category_rows_against_paper_columns_apply_only_to_their_paper() {
        let (_, o) = build(&state(
            RowGroup::Paper,
            OverviewCols::Paper,
            Measure::Codings,
        ));
        let g = grid(&o);
        assert_eq!(g[0].1, vec![Some(1), None, None]);
        assert_eq!(g[7], ("g-empty".into(), vec![None, None, Some(0)], 0));
    }

    #[test]
    fn presence_totals_count_marked_cells() {
        let (_, o) = build(&state(
            RowGroup::Dimension,
            OverviewCols::Kind,
            Measure::Presence,
        ));
        let s = Some;
        assert_eq!(
            grid(&o),
            vec![
                ("[political]".into(), vec![s(1), s(1), s(1), s(0)], 3),
                ("[operational]".into(), vec![s(0), s(0), s(1), s(1)], 2),
                ("[capacity]".into(), vec![s(0), s(0), s(1), s(0)], 1),
            ]
        );
        assert_eq!(o.main.col_totals, vec![1, 1, 3, 1]);
        assert_eq!(o.main.total, 6);
    }

    #[test]
    fn year_bins_and_columns() {
        let (_, o) = build(&state(
            RowGroup::Paper,
            OverviewCols::Years,
            Measure::Evidence,
        ));
        // Coded evidence spans 2007-2011 (the 2012 item is never coded): one bin per year.
        let labels: Vec<&str> = o.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["2007", "2008", "2009", "2010", "2011"]);
        // Aden escort (2009/2010) counts in both its years; b-eu-crisis also cites 2010's exercise.
        let g = grid(&o);
        let crisis = g.iter().find(|r| r.0 == "b-eu-crisis").unwrap();
        assert_eq!(crisis.1, vec![Some(0), Some(0), Some(1), Some(2), Some(0)]);
        assert_eq!(crisis.2, 2);
        let bamyan = g.iter().find(|r| r.0 == "a-eu-civilian").unwrap();
        assert_eq!(bamyan.1, vec![Some(1), Some(1), Some(0), Some(0), Some(0)]);
        assert_eq!(o.main.col_totals, vec![2, 1, 1, 2, 1]);
    }

    #[test]
    fn year_bins_widen_and_keep_an_earlier_bin() {
        let mut c = testkit::sample();
        // Twelve items over 1949-2011: the earliest tenth starts the regular bins.
        for (i, y) in [
            1949, 2000, 2001, 2002, 2003, 2004, 2005, 2006, 2008, 2011, 2011, 2011,
        ]
        .into_iter()
        .enumerate()
        {
            let mut e = c.evidence[0].clone();
            e.id = format!("x{i}");
            e.date.start = (y, 1, 1);
            e.date.end = (y, 12, 31);
            c.evidence.push(e);
            let mut k = c.codings[0].clone();
            k.evidence = c.evidence.len() - 1;
            c.codings.push(k);
        }
        // 17 coded spans sorted by start: 1949, 2000, 2001, ...; the tenth (index 1) starts 2000,
        // and two-year bins are the narrowest that fit 2000-2011 in eight.
        let bins = year_bins(&c, None);
        assert_eq!(
            bins,
            vec![
                (1949, 1999),
                (2000, 2001),
                (2002, 2003),
                (2004, 2005),
                (2006, 2007),
                (2008, 2009),
                (2010, 2011)
            ]
        );
        assert_eq!(
            year_bins(&c, Some((2003, 2004))),
            vec![(2003, 2003), (2004, 2004)]
        );
        assert_eq!(year_bins(&c, Some((1800, 1801))), vec![]);
    }

    #[test]
    fn filters_apply_and_restrict_the_columns() {
        let mut s = state(RowGroup::Paper, OverviewCols::Kind, Measure::Evidence);
        s = reduce(&s, Action::ToggleFacet(Facet::Kind, "operation".into()));
        s = reduce(&s, Action::ToggleFacet(Facet::Paper, "beta".into()));
        let (_, o) = build(&s);
        assert_eq!(o.columns.len(), 1);
        assert_eq!(
            grid(&o),
            vec![
                ("b-eu-crisis".into(), vec![Some(1)], 1),
                ("b-nato-political".into(), vec![Some(0)], 0),
            ]
        );
    }

    #[test]
    fn context_categories_are_counted_apart() {
        let mut c = testkit::sample();
        let k = c.category_idx("a-general").unwrap();
        c.categories[k].kind = CategoryKind::Context;
        c.categories[k].dimension = None;
        let g = c.category_idx("g-empty").unwrap();
        c.categories[g].no_evidence = Some(Default::default());
        let i = FilterIndex::new(&c);
        for rows in [RowGroup::Paper, RowGroup::Dimension] {
            let o = build_overview(&c, &i, &state(rows, OverviewCols::Kind, Measure::Evidence));
            assert_eq!(o.context.groups.len(), 1);
            let r = &o.context.groups[0].rows[0];
            assert_eq!(r.key, RowKey::Category("a-general".into()));
            assert_eq!(r.cells, vec![Some(0), Some(1), Some(0), Some(0)]);
            assert_eq!(o.context.col_totals, vec![0, 1, 0, 0]);
            assert_eq!(o.context.total, 1);
            // The visit is context only: the analytic part does not count it.
            assert_eq!(o.main.col_totals, vec![1, 0, 2, 1]);
            assert_eq!(o.main.total, 4);
        }
        let o = build_overview(
            &c,
            &i,
            &state(RowGroup::Paper, OverviewCols::Kind, Measure::Evidence),
        );
        let empty = o.main.groups[2]
            .rows
            .iter()
            .find(|r| r.label == "Never coded");
        assert!(empty.unwrap().no_evidence);
    }

    #[test]
    fn shades() {
        assert_eq!(shade(0, 5), 0);
        assert_eq!(shade(1, 5), 1);
        assert_eq!(shade(2, 5), 2);
        assert_eq!(shade(5, 5), 4);
        assert_eq!(shade(4, 0), 0);
    }

    #[test]
    fn narrowing_a_cell() {
        let row = RowKey::Category("b-eu-crisis".into());
        let a = narrow_actions(&row, Some(&Narrow::Facet(Facet::Kind, "exercise".into())));
        let s = a
            .into_iter()
            .fold(ViewState::default(), |s, a| reduce(&s, a));
        assert_eq!(s.route, Route::Matrix);
        assert_eq!(s.filters.categories, ["b-eu-crisis".to_string()].into());
        assert_eq!(s.filters.kinds, ["exercise".to_string()].into());
        assert_eq!(s.selection, Some(Selection::Row(row)));
        let dim = RowKey::Dimension("political".into());
        let s = narrow_actions(&dim, Some(&Narrow::Years(2007, 2008)))
            .into_iter()
            .fold(ViewState::default(), |s, a| reduce(&s, a));
        assert_eq!(s.filters.dimensions, ["political".to_string()].into());
        assert_eq!(s.filters.years, Some((2007, 2008)));
        let c = testkit::sample();
        let i = FilterIndex::new(&c);
        // The narrowed matrix holds exactly the cell's codings.
        let cell = crate::query::matrix::build_matrix(&c, &i, &s);
        assert_eq!(cell.totals.n_codings, 3);
    }

    #[test]
    fn rule_text_names_the_rule() {
        let t = rule_text(Measure::Evidence, OverviewCols::Years, RowGroup::Paper);
        assert!(t.contains("distinct evidence items"));
        assert!(t.contains("every bin it overlaps"));
        assert!(t.contains("counted apart"));
        let t = rule_text(Measure::Presence, OverviewCols::Kind, RowGroup::Dimension);
        assert!(t.contains("totals count the marked cells"));
        assert!(!t.contains("bin"));
    }
}
