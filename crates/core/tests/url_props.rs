//! Property tests of the URL codec on the synthetic corpus (`evidence_core::testkit`).
//!
//! - Every valid state survives `decode(encode(s))` unchanged and without notices.
//! - `decode` never panics on arbitrary strings, URL-like token soup or mutated encodings, and
//!   what it returns is itself a valid state (re-encoding it round-trips without notices);
//!   its notices are capped, short and free of control chars.
//!
//! The default run is 11,000 cases in all (a few seconds in debug). For a longer run set
//! `PROPTEST_CASES`, which then applies to each property:
//! `PROPTEST_CASES=200000 cargo test --release -p evidence-core --test url_props`.

mod common;
use common::mutation::{mutate, Mutation};
use common::state::*;

use evidence_core::link::fragment::KEYS;
use evidence_core::link::fragment::{Notice, NoticeKind, MAX_FRAGMENT_BYTES, MAX_NOTICES};
use evidence_core::link::url::{decode, encode};
use evidence_core::state::*;
use proptest::prelude::*;
use proptest::sample::select;

/// Valid states: every id exists in the corpus, with or without a theme and a participants'
/// address.
fn state() -> impl Strategy<Value = ViewState> {
    (
        state_without_theme(),
        proptest::option::of(select(Theme::ALL.to_vec())),
        proptest::option::of("https?://[a-z0-9.-]{1,20}(:[0-9]{2,5})?(/[ -~]{0,40})?"),
    )
        .prop_map(|(mut s, theme, at)| {
            s.theme = theme;
            s.open_at = at.and_then(|a| evidence_core::state::clean_address(&a).ok());
            s
        })
}

/// Valid states without a theme.
fn state_without_theme() -> impl Strategy<Value = ViewState> {
    (
        view(usize::MAX),
        any::<bool>(),
        // Canonical tour payloads (`tour::encode`); tours have their own props in tour_props.rs.
        proptest::option::of(select(vec![
            "1!v*a*b*/".to_string(),
            "1!v*Start*Say+hi*/matrix!v*Two*%C3%A9*/timeline".to_string(),
        ])),
        0..10_000usize,
        (
            0..OverviewCols::ALL.len(),
            0..Measure::ALL.len(),
            any::<bool>(),
            proptest::option::of("[a-z0-9]{1,12}"),
        ),
    )
        .prop_map(|(base, present, tour, step, views)| ViewState {
            overview: OverviewLayout {
                cols: OverviewCols::ALL[views.0],
                measure: Measure::ALL[views.1],
            },
            timeline_lanes: if views.2 {
                TimelineLanes::Category
            } else {
                TimelineLanes::Paper
            },
            cv: views.3,
            mode: if present {
                Mode::Present
            } else {
                Mode::Explore
            },
            tour,
            step,
            theme: None,
            ..base
        })
}

/// Pieces of fragments (besides every key `decode` knows, `url::KEYS`).
const TOKENS: &[&str] = &[
    "/",
    "#",
    "?",
    "&",
    "=",
    ",",
    "%",
    "%4",
    "%zz",
    "%C3",
    "%A9",
    "%00",
    "%FF",
    "+",
    "~",
    ":",
    ".",
    "-",
    "matrix",
    "read",
    "evidence",
    "alpha",
    "p2",
    "s1",
    "1",
    "9",
    "2001",
    "2010-2001",
    "dim",
    "cell:",
    "row:",
    "col:",
    "dim:",
    "projector",
    "g-nato",
    "aden-escort-2009",
    "visit-2011~a-general.1",
    "Gulf%20of%20Aden",
    "é",
    "ō",
    "\u{202E}",
    "\n",
    "<script>",
    "\"",
    "99999999999999999999",
];

/// The pieces token soups and mutations are made of.
fn tokens() -> Vec<&'static str> {
    TOKENS.iter().chain(KEYS.iter()).copied().collect()
}

fn token_soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(select(tokens()), 0..60).prop_map(|t| t.concat())
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..8usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), select(tokens())).prop_map(|(a, t)| Mutation::Insert(a, t)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1..20usize).prop_map(|(a, n)| Mutation::Repeat(a, n)),
    ]
}

/// What must hold for any input: no panic (implicit), bounded plain notices, and the decoded
/// state is valid, so it round-trips without notices.
fn check_any(input: &str) -> Result<(), TestCaseError> {
    let c = corpus();
    let (state, notices) = decode(input, c);
    prop_assert!(notices.len() <= MAX_NOTICES + 1);
    for n in &notices {
        prop_assert!(n.value.chars().count() <= 61, "{n:?}");
        prop_assert!(!n.value.chars().any(char::is_control), "{n:?}");
        prop_assert!(!n.key.chars().any(char::is_control), "{n:?}");
        prop_assert!(!n.to_string().is_empty());
    }
    let more = notices
        .iter()
        .filter(|n| n.kind == NoticeKind::More)
        .count();
    prop_assert!(more <= 1);
    let again = encode(&state);
    if again.len() <= MAX_FRAGMENT_BYTES {
        let none: Vec<Notice> = vec![];
        prop_assert_eq!(decode(&again, c), (state, none), "re-encoded as {}", again);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(3_000))]

    #[test]
    fn valid_states_round_trip(s in state()) {
        let text = encode(&s);
        prop_assert!(text.len() <= MAX_FRAGMENT_BYTES);
        let none: Vec<Notice> = vec![];
        prop_assert_eq!(decode(&text, corpus()), (s, none), "encoded as {}", text);
    }

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>()) {
        check_any(&input)?;
        check_any(&format!("/matrix?{input}"))?;
    }
}

proptest! {
    #![proptest_config(config(2_500))]

    #[test]
    fn token_soup_never_panics(input in token_soup()) {
        check_any(&input)?;
        check_any(&format!("/read/alpha?v=1&{input}"))?;
    }

    #[test]
    fn mutated_encodings_never_panic(
        s in state(),
        muts in proptest::collection::vec(mutation(), 1..6),
    ) {
        check_any(&mutate(&encode(&s), &muts))?;
    }
}

#[test]
fn oversize_hostile_input_is_bounded() {
    let huge = format!("/matrix?{}", "paper=%zz,".repeat(2_000));
    let (_, notices) = decode(&huge, corpus());
    assert!(notices.len() <= MAX_NOTICES + 1);
    let many = format!("/?{}", "&x=1&y".repeat(5_000));
    let (s, _) = decode(&many, corpus());
    assert_eq!(s, ViewState::default());
}
