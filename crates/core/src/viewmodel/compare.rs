//! The compare page's narrowing: the event and the dimension a selection narrows to (as the
//! page's two lists show them), the selection a choice in either list makes, and what the lists
//! offer (every event and dimension of the whole comparison).

use crate::query::compare::Comparison;
use crate::state::{RowKey, Selection};

/// The event id and the dimension id a selection narrows the comparison to.
pub fn focus(selection: Option<&Selection>) -> (Option<String>, Option<String>) {
    match selection {
        Some(Selection::Column(e)) => (Some(e.clone()), None),
        Some(Selection::Row(RowKey::Dimension(x))) => (None, Some(x.clone())),
        Some(Selection::Cell {
            row: RowKey::Dimension(x),
            evidence,
        }) => (Some(evidence.clone()), Some(x.clone())),
        _ => (None, None),
    }
}

/// The selection that narrows to the event `ev` and the dimension `dim` (either or both; none
/// is the whole comparison): the inverse of `focus`.
pub fn narrow(ev: Option<String>, dim: Option<String>) -> Option<Selection> {
    match (ev, dim) {
        (Some(e), Some(x)) => Some(Selection::Cell {
            row: RowKey::Dimension(x),
            evidence: e,
        }),
        (Some(e), None) => Some(Selection::Column(e)),
        (None, Some(x)) => Some(Selection::Row(RowKey::Dimension(x))),
        (None, None) => None,
    }
}

/// Every evidence item either side cites (indices into `Corpus::evidence`, in index order,
/// once each) with whether both papers cite it.
pub fn events(k: &Comparison) -> Vec<(usize, bool)> {
    let mut v: Vec<(usize, bool)> = k
        .rows
        .iter()
        .flat_map(|r| {
            r.left
                .evidence
                .iter()
                .chain(r.right.evidence.iter())
                .copied()
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The dimensions of the comparison's rows (the context row has none).
pub fn dimensions(k: &Comparison) -> Vec<usize> {
    k.rows.iter().filter_map(|r| r.dimension).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::compare::compare;
    use crate::query::filter::FilterIndex;
    use crate::state::ViewState;
    use crate::testkit;

    #[test]
    fn focus_and_narrow_are_inverse() {
        for (ev, dim) in [
            (None, None),
            (Some("e1".to_string()), None),
            (None, Some("d1".to_string())),
            (Some("e1".to_string()), Some("d1".to_string())),
        ] {
            let sel = narrow(ev.clone(), dim.clone());
            assert_eq!(focus(sel.as_ref()), (ev, dim));
        }
        // A selection of a category row (from the matrix) narrows neither list.
        let cat = Selection::Row(RowKey::Category("k".into()));
        assert_eq!(focus(Some(&cat)), (None, None));
    }

    #[test]
    fn the_lists_offer_every_event_once_and_every_dimension() {
        let c = testkit::sample();
        let i = FilterIndex::new(&c);
        let k = compare(&c, &i, &ViewState::default(), 0, 1);
        let ev = events(&k);
        let mut all: Vec<usize> = ev.iter().map(|&(e, _)| e).collect();
        all.dedup();
        assert_eq!(all.len(), ev.len(), "once each");
        assert!(all.windows(2).all(|w| w[0] < w[1]), "in index order");
        let shared: Vec<usize> = k.shared.iter().map(|s| s.evidence).collect();
        for &(e, both) in &ev {
            assert_eq!(both, shared.contains(&e), "{e}");
        }
        assert_eq!(dimensions(&k).len(), 3);
    }
}
