//! The evidence trail: the quotes behind the selected cell, row or column, in the drill-down
//! panel's order (paper, category, evidence, then the coding's quotes), so that a reader can
//! step through them with next and previous ("quote 3 of 7").

use crate::model::Corpus;
use crate::query::filter::FilterIndex;
use crate::query::matrix::selection_codings;
use crate::state::{quote_route, Action, OpenQuote, ViewState};

/// The quotes of the state's selection, in order. Empty without a selection.
pub fn trail(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> Vec<OpenQuote> {
    let Some(sel) = &state.selection else {
        return Vec::new();
    };
    selection_codings(corpus, index, state, sel)
        .into_iter()
        .flat_map(|c| {
            let k = &corpus.codings[c];
            (0..k.quotes.len()).map(move |q| OpenQuote {
                coding: k.id.clone(),
                quote: q,
            })
        })
        .collect()
}

/// Position of `quote` in the trail.
pub fn position(trail: &[OpenQuote], quote: Option<&OpenQuote>) -> Option<usize> {
    let q = quote?;
    trail.iter().position(|t| t == q)
}

/// The quote `delta` steps from the current one (from before the first when there is no
/// current one: next gives the first, previous the last). None past either end.
pub fn step(trail: &[OpenQuote], current: Option<&OpenQuote>, delta: isize) -> Option<OpenQuote> {
    let at = match position(trail, current) {
        Some(i) => i as isize + delta,
        None if delta > 0 => delta - 1,
        None => trail.len() as isize + delta,
    };
    usize::try_from(at).ok().and_then(|i| trail.get(i)).cloned()
}

/// The actions that open a trail quote: in the reader (its paper, at its paragraph), or only
/// marking it as current where the panel shows the trail.
pub fn open_actions(corpus: &Corpus, q: &OpenQuote, in_reader: bool) -> Vec<Action> {
    let mut out = Vec::new();
    if in_reader {
        if let Some(route) = quote_route(corpus, q) {
            out.push(Action::Navigate(route));
        }
    }
    out.push(Action::OpenQuote(Some(q.clone())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Route, RowKey, Selection};
    use crate::testkit;

    fn q(c: &str, n: usize) -> OpenQuote {
        OpenQuote {
            coding: c.into(),
            quote: n,
        }
    }

    #[test]
    fn the_trail_of_a_column_and_of_a_row() {
        let c = testkit::sample();
        let i = FilterIndex::new(&c);
        let s = reduce(
            &ViewState::default(),
            Action::Select(Some(Selection::Column("aden-escort-2009".into()))),
        );
        assert_eq!(
            trail(&c, &i, &s),
            vec![
                q("aden-escort-2009~a-nato-operational", 0),
                q("aden-escort-2009~a-nato-operational", 1),
                q("aden-escort-2009~b-eu-crisis", 0),
                q("aden-escort-2009~g-nato", 0),
            ]
        );
        let s = reduce(
            &s,
            Action::Select(Some(Selection::Row(RowKey::Category("a-general".into())))),
        );
        assert_eq!(
            trail(&c, &i, &s),
            vec![q("visit-2011~a-general", 0), q("visit-2011~a-general", 1)]
        );
        assert!(trail(&c, &i, &ViewState::default()).is_empty());
    }

    #[test]
    fn stepping() {
        let t = vec![q("a", 0), q("a", 1), q("b", 0)];
        assert_eq!(position(&t, Some(&q("a", 1))), Some(1));
        assert_eq!(position(&t, None), None);
        assert_eq!(step(&t, Some(&q("a", 1)), 1), Some(q("b", 0)));
        assert_eq!(step(&t, Some(&q("a", 1)), -1), Some(q("a", 0)));
        assert_eq!(step(&t, Some(&q("b", 0)), 1), None);
        assert_eq!(step(&t, Some(&q("a", 0)), -1), None);
        assert_eq!(step(&t, None, 1), Some(q("a", 0)));
        assert_eq!(step(&t, None, -1), Some(q("b", 0)));
        assert_eq!(step(&t, Some(&q("zz", 0)), 1), Some(q("a", 0)));
        assert_eq!(step(&[], None, 1), None);
    }

    #[test]
    fn opening_a_trail_quote() {
        let c = testkit::sample();
        let open = q("aden-escort-2009~b-eu-crisis", 0);
        let s = open_actions(&c, &open, true)
            .into_iter()
            .fold(ViewState::default(), |s, a| reduce(&s, a));
        assert_eq!(
            s.route,
            Route::Read {
                paper: "beta".into(),
                block: Some("p1".into())
            }
        );
        assert_eq!(s.quote, Some(open.clone()));
        assert_eq!(
            open_actions(&c, &open, false),
            vec![Action::OpenQuote(Some(open))]
        );
    }
}
