//! Property tests of the tour codec on the synthetic corpus (`evidence_core::testkit`).
//!
//! - Every tour of valid steps survives `decode(encode(t))` unchanged and without notices.
//! - `decode` never panics on arbitrary strings, tour-like token soup or mutated encodings;
//!   what it returns re-encodes and round-trips without notices; notices are capped.
//!
//! `PROPTEST_CASES` overrides the number of cases of each property.

use std::sync::OnceLock;

use evidence_core::testkit;
use evidence_core::tour::{decode, encode, Step, Tour};
use evidence_core::url::MAX_NOTICES;
use evidence_core::view::*;
use evidence_core::Corpus;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(testkit::sample)
}

/// Cases for one property: `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn values(facet: Facet) -> Vec<String> {
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

fn route() -> impl Strategy<Value = Route> {
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

fn filters() -> impl Strategy<Value = Filters> {
    let sets: Vec<_> = Facet::ALL
        .iter()
        .map(|f| {
            let v = values(*f);
            let n = v.len();
            subsequence(v, 0..=n.min(3))
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

fn row_key() -> impl Strategy<Value = RowKey> {
    let c = corpus();
    let cats: Vec<String> = c.categories.iter().map(|x| x.id.clone()).collect();
    let dims: Vec<String> = c.dimensions.iter().map(|x| x.id.clone()).collect();
    prop_oneof![
        select(cats).prop_map(RowKey::Category),
        select(dims).prop_map(RowKey::Dimension),
    ]
}

fn selection() -> impl Strategy<Value = Selection> {
    let ev: Vec<String> = corpus().evidence.iter().map(|e| e.id.clone()).collect();
    prop_oneof![
        (row_key(), select(ev.clone()))
            .prop_map(|(row, evidence)| Selection::Cell { row, evidence }),
        row_key().prop_map(Selection::Row),
        select(ev).prop_map(Selection::Column),
    ]
}

fn open_quote() -> impl Strategy<Value = OpenQuote> {
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

fn search() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..40).prop_map(String::from_iter),
        "[a-z “”\"'’ ,&=#%+~.:-]{0,30}",
    ]
}

fn layout() -> impl Strategy<Value = Layout> {
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

fn view() -> impl Strategy<Value = ViewState> {
    (
        route(),
        filters(),
        search(),
        layout(),
        proptest::option::of(selection()),
        proptest::option::of(open_quote()),
    )
        .prop_map(
            |(route, filters, search, layout, selection, quote)| ViewState {
                route,
                filters,
                search,
                layout,
                selection,
                quote,
                ..ViewState::default()
            },
        )
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(
            any::<char>().prop_filter("no control", |c| !c.is_control()),
            0..30
        )
        .prop_map(String::from_iter),
        "[a-z !*;&=#%+~.:-]{0,40}",
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (text(), text(), view()).prop_map(|(t, n, v)| Step::view(t, n, &v)),
        (text(), text(), open_quote()).prop_map(|(t, n, q)| Step::quote(t, n, q)),
    ]
}

fn tour() -> impl Strategy<Value = Tour> {
    proptest::collection::vec(step(), 0..8).prop_map(|steps| Tour { steps })
}

fn token_soup() -> impl Strategy<Value = String> {
    let tokens = vec![
        "1", "2", "!", "*", "v", "q", "/matrix", "?", ";", "paper=", "sel=row:", "quote=", ".",
        "0", "%", "%2", "%FF", "+", "é", "~", "&", "#", "/read/", "\u{0}",
    ];
    proptest::collection::vec(select(tokens), 0..40).prop_map(|v| v.concat())
}

fn check_result(t: &Tour, notes: &[evidence_core::url::Notice]) {
    assert!(notes.len() <= MAX_NOTICES + 1, "{} notices", notes.len());
    let (again, again_notes) = decode(&encode(t), corpus());
    assert!(again_notes.is_empty(), "{again_notes:?}");
    assert_eq!(&again, t);
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn valid_tours_round_trip(t in tour()) {
        let (back, notes) = decode(&encode(&t), corpus());
        prop_assert!(notes.is_empty(), "{:?}", notes);
        prop_assert_eq!(back, t);
    }

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>()) {
        let (t, notes) = decode(&input, corpus());
        check_result(&t, &notes);
    }

    #[test]
    fn token_soup_never_panics(input in token_soup()) {
        let (t, notes) = decode(&input, corpus());
        check_result(&t, &notes);
    }

    #[test]
    fn mutated_encodings_never_panic(t in tour(), at in any::<usize>(), cut in any::<bool>(), c in any::<char>()) {
        let mut s = encode(&t);
        let mut i = at % (s.len() + 1);
        while !s.is_char_boundary(i) { i -= 1; }
        if cut { s.truncate(i); } else { s.insert(i, c); }
        let (back, notes) = decode(&s, corpus());
        check_result(&back, &notes);
    }
}
