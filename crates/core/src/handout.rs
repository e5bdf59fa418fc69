//! Printed handouts: which quotes a view's page lists.

use crate::filter::FilterIndex;
use crate::matrix::selection_codings;
use crate::model::Corpus;
use crate::view::{Route, ViewState};

/// Most quotes one handout page lists (the rest are counted), so a step fits one page.
pub const MAX_QUOTES: usize = 6;

/// The quotes a view shows, as (coding index, quote index) pairs, at most `MAX_QUOTES`, and how
/// many there are in all: the open quote; else the quotes behind the matrix selection; else, on
/// an evidence page, every quote citing that evidence. Nothing for other views. A passage that
/// supports several codings of one paper is listed once.
pub fn view_quotes(
    corpus: &Corpus,
    index: &FilterIndex,
    state: &ViewState,
) -> (Vec<(usize, usize)>, usize) {
    let mut all: Vec<(usize, usize)> = Vec::new();
    if let Some(q) = &state.quote {
        if let Some(c) = corpus.coding_idx(&q.coding) {
            if q.quote < corpus.codings[c].quotes.len() {
                all.push((c, q.quote));
            }
        }
    }
    if all.is_empty() {
        let codings: Vec<usize> = match (&state.route, &state.selection) {
            (Route::Matrix, Some(sel)) => selection_codings(corpus, index, state, sel),
            (Route::Evidence { id }, _) => match corpus.evidence_idx(id) {
                Some(e) => (0..corpus.codings.len())
                    .filter(|&c| corpus.codings[c].evidence == e)
                    .collect(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        let mut seen = std::collections::HashSet::new();
        for c in codings {
            let k = &corpus.codings[c];
            for (q, quote) in k.quotes.iter().enumerate() {
                let note = quote.place == crate::model::QuotePlace::Note;
                if seen.insert((k.paper, note, quote.index, quote.range)) {
                    all.push((c, q));
                }
            }
        }
    }
    let total = all.len();
    all.truncate(MAX_QUOTES);
    (all, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;
    use crate::view::{OpenQuote, RowKey, Selection};

    #[test]
    fn open_quote_then_selection_then_evidence() {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let coding = &c.codings[0];
        let mut s = ViewState {
            route: Route::Matrix,
            quote: Some(OpenQuote {
                coding: coding.id.clone(),
                quote: 0,
            }),
            ..ViewState::default()
        };
        assert_eq!(view_quotes(&c, &index, &s), (vec![(0, 0)], 1));

        s.quote = None;
        assert_eq!(
            view_quotes(&c, &index, &s).1,
            0,
            "a bare matrix lists no quotes"
        );
        let ev = c.evidence[coding.evidence].id.clone();
        s.selection = Some(Selection::Cell {
            row: RowKey::Category(c.categories[coding.category].id.clone()),
            evidence: ev.clone(),
        });
        let (quotes, total) = view_quotes(&c, &index, &s);
        assert_eq!(total, coding.quotes.len());
        assert!(quotes.iter().all(|&(k, _)| k == 0));

        let s = ViewState {
            route: Route::Evidence { id: ev },
            ..ViewState::default()
        };
        let want: usize = c
            .codings
            .iter()
            .filter(|k| k.evidence == coding.evidence)
            .map(|k| k.quotes.len())
            .sum();
        let (quotes, total) = view_quotes(&c, &index, &s);
        assert_eq!(total, want);
        assert_eq!(quotes.len(), want.min(MAX_QUOTES));
    }

    #[test]
    fn a_passage_shared_by_two_codings_is_listed_once() {
        let c = testkit::Builder::new()
            .vocab(&["NATO"], &["speech"], &["political"])
            .dimension("d", "D")
            .paper("a", "A", &["# One", "Japan and NATO met twice."])
            .category("c", "a", "Meetings", "NATO", "d")
            .evidence("e1", "First", "2001", "Brussels")
            .evidence("e2", "Second", "2002", "Brussels")
            .coding("e1", "c", &["Japan and NATO met twice."])
            .coding("e2", "c", &["Japan and NATO met twice."])
            .build();
        let index = FilterIndex::new(&c);
        let s = ViewState {
            route: Route::Matrix,
            selection: Some(Selection::Row(RowKey::Category("c".into()))),
            ..ViewState::default()
        };
        let (quotes, total) = view_quotes(&c, &index, &s);
        assert_eq!((quotes.len(), total), (1, 1), "{quotes:?}");
    }

    #[test]
    fn a_stale_quote_is_skipped() {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let s = ViewState {
            quote: Some(OpenQuote {
                coding: c.codings[0].id.clone(),
                quote: 999,
            }),
            ..ViewState::default()
        };
        assert_eq!(view_quotes(&c, &index, &s), (vec![], 0));
    }
}
