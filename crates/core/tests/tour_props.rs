//! Property tests of the tour codec on the synthetic corpus (`evidence_core::testkit`).
//!
//! - Every tour of valid steps survives `decode(encode(t))` unchanged and without notices.
//! - `decode` never panics on arbitrary strings, tour-like token soup or mutated encodings;
//!   what it returns re-encodes and round-trips without notices; notices are capped.
//!
//! `PROPTEST_CASES` overrides the number of cases of each property.

mod common;
use common::state::*;

use evidence_core::link::fragment::MAX_NOTICES;
use evidence_core::link::tour::{decode, encode, Step, Tour};
use proptest::prelude::*;
use proptest::sample::select;

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
        (text(), text(), view(3)).prop_map(|(t, n, v)| Step::view(t, n, &v)),
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

fn check_result(t: &Tour, notes: &[evidence_core::link::fragment::Notice]) {
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
        let i = s.floor_char_boundary(at % (s.len() + 1));
        if cut { s.truncate(i); } else { s.insert(i, c); }
        let (back, notes) = decode(&s, corpus());
        check_result(&back, &notes);
    }
}
