//! Compare two papers: their categories aligned through the crosswalk (one row per dimension,
//! context categories last), the evidence each side cites on that dimension, and the evidence
//! both papers cite (shared), with each paper's codings of it so that their quotes can be read
//! side by side. Only codings that pass the filters and search count, and of those only the
//! two papers' codings behind the selection when there is one (`compare_codings`: one event,
//! one dimension or category, or both; the page says so and offers the whole comparison back).
//! What the page shows and what its exports hold are the same list.

use std::collections::BTreeSet;

use crate::model::{Corpus, Stance};
use crate::query::filter::{category_passes, filter_codings, FilterIndex};
use crate::query::matrix::selection_codings;
use crate::state::{Route, ViewState};

/// One side of a row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Side {
    /// Categories of the paper on this row (indices into `Corpus::categories`).
    pub categories: Vec<usize>,
    /// Evidence items those categories cite (indices into `Corpus::evidence`, date order), each
    /// with whether the other paper cites it too (anywhere).
    pub evidence: Vec<(usize, bool)>,
}

/// One row: a dimension (or, with `dimension` None, the categories on none: context).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareRow {
    /// Index into `Corpus::dimensions`.
    pub dimension: Option<usize>,
    /// The left paper's side.
    pub left: Side,
    /// The right paper's side.
    pub right: Side,
    /// The two papers weigh the dimension differently (their categories' stances differ):
    /// they pull in opposite directions on it.
    pub opposed: bool,
}

/// An evidence item both papers cite, with each paper's codings of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedItem {
    /// Index into `Corpus::evidence`.
    pub evidence: usize,
    /// The left paper's codings of it (indices into `Corpus::codings`).
    pub left: Vec<usize>,
    /// The right paper's codings of it.
    pub right: Vec<usize>,
}

/// The comparison.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// Left paper (index into `Corpus::papers`).
    pub left: usize,
    /// Right paper.
    pub right: usize,
    /// Rows in dimension order, context last; rows where neither side has a category are left
    /// out.
    pub rows: Vec<CompareRow>,
    /// Evidence both papers cite, in date order.
    pub shared: Vec<SharedItem>,
    /// Distinct evidence items the left paper cites.
    pub n_left: usize,
    /// Distinct evidence items the right paper cites.
    pub n_right: usize,
}

/// The two papers a compare route names: the given ids where they exist, else the first two
/// papers (distinct when the corpus has two).
pub fn pick_papers(
    corpus: &Corpus,
    left: Option<&str>,
    right: Option<&str>,
) -> Option<(usize, usize)> {
    let n = corpus.papers.len();
    if n == 0 {
        return None;
    }
    let l = left.and_then(|id| corpus.paper_idx(id)).unwrap_or(0);
    let r = right
        .and_then(|id| corpus.paper_idx(id))
        .unwrap_or(if l == 0 { 1.min(n - 1) } else { 0 });
    Some((l, r))
}

/// Whether two sides that both have categories weigh their dimension differently (the sets of
/// their categories' stances differ).
fn stances_differ(corpus: &Corpus, left: &[usize], right: &[usize]) -> bool {
    let set = |ks: &[usize]| -> BTreeSet<Stance> {
        ks.iter().map(|&k| corpus.categories[k].stance).collect()
    };
    !left.is_empty() && !right.is_empty() && set(left) != set(right)
}

/// The two papers a state's compare route shows (None on other routes or without papers).
pub fn route_papers(corpus: &Corpus, state: &ViewState) -> Option<(usize, usize)> {
    match &state.route {
        Route::Compare { left, right } => pick_papers(corpus, left.as_deref(), right.as_deref()),
        _ => None,
    }
}

/// Every coding the compare page shows for papers `left` and `right`: those that pass the
/// filters and search, narrowed to the selection when there is one, of the two papers only;
/// in paper, category, evidence order (the order of every export).
pub fn compare_codings(
    corpus: &Corpus,
    index: &FilterIndex,
    state: &ViewState,
    left: usize,
    right: usize,
) -> Vec<usize> {
    let mut out: Vec<usize> = match &state.selection {
        Some(sel) => selection_codings(corpus, index, state, sel),
        None => {
            let pass = filter_codings(corpus, index, state);
            (0..corpus.codings.len()).filter(|&c| pass[c]).collect()
        }
    };
    out.retain(|&c| {
        let p = corpus.codings[c].paper;
        p == left || p == right
    });
    crate::model::order::sort_by_key(&mut out, |&c| {
        let k = &corpus.codings[c];
        (k.paper, k.category, k.evidence, c)
    });
    out
}

/// Builds the comparison of papers `left` and `right` under the state's filters (and its
/// selection, which narrows it: see `compare_codings`).
pub fn compare(
    corpus: &Corpus,
    index: &FilterIndex,
    state: &ViewState,
    left: usize,
    right: usize,
) -> Comparison {
    let shown = compare_codings(corpus, index, state, left, right);
    let narrowed = state.selection.is_some();
    let codings_of = |p: usize| -> Vec<usize> {
        shown
            .iter()
            .copied()
            .filter(|&c| corpus.codings[c].paper == p)
            .collect()
    };
    let (lc, rc) = (codings_of(left), codings_of(right));
    let evidence = |cs: &[usize]| -> BTreeSet<usize> {
        cs.iter().map(|&c| corpus.codings[c].evidence).collect()
    };
    let (le, re) = (evidence(&lc), evidence(&rc));
    let both: BTreeSet<usize> = le.intersection(&re).copied().collect();
    let side = |p: usize, cs: &[usize], dim: Option<usize>| -> Side {
        let categories: Vec<usize> = (0..corpus.categories.len())
            .filter(|&k| {
                let cat = &corpus.categories[k];
                cat.paper == p
                    && cat.dimension == dim
                    && category_passes(corpus, &state.filters, k)
                    // Narrowed, a category is on the page only with a coding shown.
                    && (!narrowed || cs.iter().any(|&c| corpus.codings[c].category == k))
            })
            .collect();
        let ev: BTreeSet<usize> = cs
            .iter()
            .filter(|&&c| categories.contains(&corpus.codings[c].category))
            .map(|&c| corpus.codings[c].evidence)
            .collect();
        // Evidence is sorted by date in the corpus, so index order is date order.
        Side {
            categories,
            evidence: ev.into_iter().map(|e| (e, both.contains(&e))).collect(),
        }
    };
    let dims = (0..corpus.dimensions.len()).map(Some).chain([None]);
    let rows = dims
        .map(|d| {
            let (l, r) = (side(left, &lc, d), side(right, &rc, d));
            CompareRow {
                dimension: d,
                opposed: d.is_some() && stances_differ(corpus, &l.categories, &r.categories),
                left: l,
                right: r,
            }
        })
        .filter(|r| !r.left.categories.is_empty() || !r.right.categories.is_empty())
        .collect();
    let shared = both
        .iter()
        .map(|&e| SharedItem {
            evidence: e,
            left: lc
                .iter()
                .copied()
                .filter(|&c| corpus.codings[c].evidence == e)
                .collect(),
            right: rc
                .iter()
                .copied()
                .filter(|&c| corpus.codings[c].evidence == e)
                .collect(),
        })
        .collect();
    Comparison {
        left,
        right,
        rows,
        shared,
        n_left: le.len(),
        n_right: re.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action, Facet, RowKey, Selection};
    use crate::testkit;

    fn ids(c: &Corpus, ev: &[(usize, bool)]) -> Vec<(String, bool)> {
        ev.iter()
            .map(|&(e, s)| (c.evidence[e].id.clone(), s))
            .collect()
    }

    #[test]
    fn picking_papers() {
        let c = testkit::sample();
        assert_eq!(pick_papers(&c, None, None), Some((0, 1)));
        assert_eq!(pick_papers(&c, Some("beta"), None), Some((1, 0)));
        assert_eq!(pick_papers(&c, Some("gamma"), Some("alpha")), Some((2, 0)));
        assert_eq!(pick_papers(&c, Some("nope"), Some("gamma")), Some((0, 2)));
        assert_eq!(pick_papers(&Corpus::default(), None, None), None);
    }

    #[test]
    fn alpha_against_beta() {
        let c = testkit::sample();
        let i = FilterIndex::new(&c);
        let k = compare(&c, &i, &ViewState::default(), 0, 1);
        assert_eq!((k.n_left, k.n_right), (4, 3));
        let dims: Vec<Option<&str>> = k
            .rows
            .iter()
            .map(|r| r.dimension.map(|d| c.dimensions[d].id.as_str()))
            .collect();
        assert_eq!(
            dims,
            [Some("political"), Some("operational"), Some("capacity")]
        );
        // Political: alpha's speech (shared with beta) and visit; beta's speech.
        assert_eq!(
            ids(&c, &k.rows[0].left.evidence),
            vec![
                ("abe-speech-2007".into(), true),
                ("visit-2011".into(), false)
            ]
        );
        assert_eq!(
            ids(&c, &k.rows[0].right.evidence),
            vec![("abe-speech-2007".into(), true)]
        );
        assert_eq!(
            ids(&c, &k.rows[1].right.evidence),
            vec![
                ("aden-escort-2009".into(), true),
                ("exercise-2010".into(), false)
            ]
        );
        assert!(k.rows[2].right.categories.is_empty());
        let shared: Vec<(&str, usize, usize)> = k
            .shared
            .iter()
            .map(|s| {
                (
                    c.evidence[s.evidence].id.as_str(),
                    s.left.len(),
                    s.right.len(),
                )
            })
            .collect();
        assert_eq!(
            shared,
            [("abe-speech-2007", 1, 1), ("aden-escort-2009", 1, 1)]
        );
    }

    #[test]
    fn rows_where_the_stances_differ_are_opposed() {
        let mut c = testkit::sample();
        let i = FilterIndex::new(&c);
        let k = compare(&c, &i, &ViewState::default(), 0, 1);
        assert!(k.rows.iter().all(|r| !r.opposed));
        // Beta weighs the political dimension as a liability: the first row pulls apart, the
        // row where beta has no category cannot.
        let beta_political = (0..c.categories.len())
            .find(|&k| c.categories[k].paper == 1 && c.categories[k].dimension == k_row_dim(&c))
            .unwrap();
        c.categories[beta_political].stance = Stance::Negative;
        let k = compare(&c, &i, &ViewState::default(), 0, 1);
        let opposed: Vec<bool> = k.rows.iter().map(|r| r.opposed).collect();
        assert_eq!(opposed, [true, false, false]);
    }

    fn k_row_dim(c: &Corpus) -> Option<usize> {
        c.dimensions.iter().position(|d| d.id == "political")
    }

    #[test]
    fn filters_apply() {
        let c = testkit::sample();
        let i = FilterIndex::new(&c);
        let s = reduce(
            &ViewState::default(),
            Action::ToggleFacet(Facet::Kind, "operation".into()),
        );
        let k = compare(&c, &i, &s, 0, 2);
        let shared: Vec<&str> = k
            .shared
            .iter()
            .map(|s| c.evidence[s.evidence].id.as_str())
            .collect();
        assert_eq!(shared, ["aden-escort-2009"]);
        assert_eq!((k.n_left, k.n_right), (2, 1));
    }

    #[test]
    fn a_selection_narrows_the_comparison_and_keeps_its_two_papers() {
        let c = testkit::sample();
        let i = FilterIndex::new(&c);
        let s = reduce(
            &ViewState::default(),
            Action::Select(Some(Selection::Column("aden-escort-2009".into()))),
        );
        let k = compare(&c, &i, &s, 0, 1);
        let shown = compare_codings(&c, &i, &s, 0, 1);
        assert!(shown.iter().all(|&x| c.codings[x].paper < 2));
        assert_eq!(k.shared.len(), 1);
        assert_eq!((k.n_left, k.n_right), (1, 1));
        // Only the categories that code the event are on the page, each listing it.
        for row in &k.rows {
            for side in [&row.left, &row.right] {
                assert_eq!(side.categories.is_empty(), side.evidence.is_empty());
                assert!(side
                    .evidence
                    .iter()
                    .all(|&(e, _)| c.evidence[e].id == "aden-escort-2009"));
            }
        }
        // A dimension: only its row.
        let s = reduce(
            &ViewState::default(),
            Action::Select(Some(Selection::Row(RowKey::Dimension("political".into())))),
        );
        let k = compare(&c, &i, &s, 0, 1);
        let dims: Vec<Option<usize>> = k.rows.iter().map(|r| r.dimension).collect();
        assert_eq!(dims, [c.dimension_idx("political")]);
        // Every route but compare has no papers to compare.
        assert_eq!(route_papers(&c, &s), None);
    }
}
