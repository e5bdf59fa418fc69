//! Shared by the property tests: the test corpus and generators of valid view states.
#![allow(dead_code)] // Each test crate uses the generators it needs.

use std::sync::OnceLock;

use evidence_core::state::*;
use evidence_core::testkit;
use evidence_core::Corpus;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

pub fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(testkit::sample)
}

/// Cases for one property: `PROPTEST_CASES` when set, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

pub fn values(facet: Facet) -> Vec<String> {
    let c = corpus();
    let mut v: Vec<String> = match facet {
        Facet::Paper => c.papers.iter().map(|p| p.id.clone()).collect(),
        Facet::Partner => c.partners.clone(),
        Facet::Category => c.categories.iter().map(|x| x.id.clone()).collect(),
        Facet::Dimension => c.dimensions.iter().map(|x| x.id.clone()).collect(),
        Facet::Place => c.evidence.iter().map(|e| e.place.clone()).collect(),
        Facet::Kind => c.kinds.clone(),
        Facet::Domain => c.domains.clone(),
        Facet::Actor => c.evidence.iter().flat_map(|e| e.actors.clone()).collect(),
    };
    v.sort();
    v.dedup();
    v
}

pub fn route() -> impl Strategy<Value = Route> {
    let c = corpus();
    let reads: Vec<Route> = c
        .papers
        .iter()
        .flat_map(|p| {
            let with_block = p.doc.blocks.iter().map(|b| Route::Read {
                paper: p.id.clone(),
                block: Some(b.id.clone()),
            });
            std::iter::once(Route::Read {
                paper: p.id.clone(),
                block: None,
            })
            .chain(with_block)
        })
        .collect();
    let evidence: Vec<Route> = c
        .evidence
        .iter()
        .map(|e| Route::Evidence { id: e.id.clone() })
        .collect();
    let ids: Vec<Option<String>> = std::iter::once(None)
        .chain(c.papers.iter().map(|p| Some(p.id.clone())))
        .collect();
    let compares: Vec<Route> = ids
        .iter()
        .flat_map(|l| {
            ids.iter().map(move |r| Route::Compare {
                left: l.clone(),
                right: r.clone(),
            })
        })
        .collect();
    prop_oneof![
        Just(Route::Home),
        Just(Route::Matrix),
        select(reads),
        select(evidence),
        Just(Route::Overview),
        Just(Route::About),
        Just(Route::Timeline),
        select(compares),
    ]
}

pub fn row_key() -> impl Strategy<Value = RowKey> {
    let c = corpus();
    let cats: Vec<String> = c.categories.iter().map(|x| x.id.clone()).collect();
    let dims: Vec<String> = c.dimensions.iter().map(|x| x.id.clone()).collect();
    prop_oneof![
        select(cats).prop_map(RowKey::Category),
        select(dims).prop_map(RowKey::Dimension),
    ]
}

pub fn selection() -> impl Strategy<Value = Selection> {
    let ev: Vec<String> = corpus().evidence.iter().map(|e| e.id.clone()).collect();
    prop_oneof![
        (row_key(), select(ev.clone()))
            .prop_map(|(row, evidence)| Selection::Cell { row, evidence }),
        row_key().prop_map(Selection::Row),
        select(ev).prop_map(Selection::Column),
    ]
}

pub fn open_quote() -> impl Strategy<Value = OpenQuote> {
    let quotes: Vec<OpenQuote> = corpus()
        .codings
        .iter()
        .flat_map(|c| {
            (0..c.quotes.len()).map(|q| OpenQuote {
                coding: c.id.clone(),
                quote: q,
            })
        })
        .collect();
    select(quotes)
}

pub fn search() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..40).prop_map(String::from_iter),
        "[a-z “”\"'’ ,&=#%+~.:-]{0,30}",
    ]
}

pub fn layout() -> impl Strategy<Value = Layout> {
    (
        prop_oneof![Just(RowGroup::Paper), Just(RowGroup::Dimension)],
        prop_oneof![
            Just(ColGroup::Date),
            Just(ColGroup::Place),
            Just(ColGroup::Kind)
        ],
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(rows, cols, transposed, compact)| Layout {
            rows,
            cols,
            transposed,
            compact,
        })
}

/// Reveal and spotlight (discussion aids on the matrix): a unit with how many are shown, and a
/// spotlight in the same form as a selection.
pub fn discussion() -> impl Strategy<Value = (Option<Reveal>, Option<Selection>)> {
    (
        proptest::option::of(
            (select(RevealBy::ALL.to_vec()), 0..=MAX_REVEAL)
                .prop_map(|(by, shown)| Reveal { by, shown }),
        ),
        proptest::option::of(selection()),
    )
}

/// Valid filters: up to `most` values of each facet (and all of them when it has fewer), any
/// year range, shared or not.
pub fn filters(most: usize) -> impl Strategy<Value = Filters> {
    let sets: Vec<_> = Facet::ALL
        .iter()
        .map(|f| {
            let v = values(*f);
            let n = v.len();
            subsequence(v, 0..=n.min(most))
        })
        .collect();
    let years = proptest::option::of((1000..=3000i32, 1000..=3000i32))
        .prop_map(|y| y.map(|(a, b)| (a.min(b), a.max(b))));
    (sets, years, proptest::bool::ANY).prop_map(|(sets, years, shared)| {
        let mut f = Filters {
            years,
            shared,
            ..Filters::default()
        };
        for (facet, values) in Facet::ALL.iter().zip(sets) {
            *f.set_mut(*facet) = values.into_iter().collect();
        }
        f
    })
}

/// Valid states of the route, filters (at most `most` values a facet), search, layout,
/// selection, open quote, reveal and spotlight; the rest is the default.
pub fn view(most: usize) -> impl Strategy<Value = ViewState> {
    (
        route(),
        filters(most),
        search(),
        layout(),
        proptest::option::of(selection()),
        proptest::option::of(open_quote()),
        discussion(),
    )
        .prop_map(
            |(route, filters, search, layout, selection, quote, (reveal, spot))| ViewState {
                route,
                filters,
                search,
                layout,
                selection,
                quote,
                reveal,
                spot,
                ..ViewState::default()
            },
        )
}
