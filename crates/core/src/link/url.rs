//! Links: the whole view state as a URL fragment, its tour included (the grammar and the view
//! keys are in `fragment`; a tour's payload is `tour`'s, whose steps are view fragments).
//!
//! `decode` never fails and never panics: it keeps what it can and reports every dropped or
//! adjusted part as a plain-text `Notice`.

use crate::link::fragment::{
    decode_with, encode_with, percent_decode, Notes, Notice, NoticeKind, TourKeys, TOUR_VIEW_PATH,
};
use crate::link::tour;
use crate::model::{Corpus, NamedTour};
use crate::state::{Route, ViewState};

/// The fragment for a state, without the `#`. Canonical: defaults omitted, sets sorted, keys
/// in grammar order, `v=1` first whenever there is a query.
pub fn encode(state: &ViewState) -> String {
    // A tour link showing its step's view as stored writes `/tour` instead of the view: the
    // tour already holds it (a tour link is at most 2,000 characters; the view would be there
    // twice).
    encode_with(state, tour::shows_step_view(state))
}

/// Reads a fragment (a leading `#` is optional), its tour included. Never fails, never
/// panics: keeps what it can and explains everything it dropped or repaired in the notices
/// (deduplicated, at most `MAX_NOTICES` plus one "and N more"). Ids are validated against
/// `corpus`.
pub fn decode(fragment: &str, corpus: &Corpus) -> (ViewState, Vec<Notice>) {
    decode_with(fragment, corpus, &Tours)
}

/// The fragment (without `#`) that starts `tour` at its first step in presentation mode:
/// `tour::step_state` of step 0 through `encode`. `None` for an empty tour.
pub fn start_fragment(tour: &tour::Tour) -> Option<String> {
    tour::step_state(tour, 0, &ViewState::default()).map(|s| encode(&s))
}

/// The fragment that starts the corpus's default tour (`Corpus::default_tour`), if it has one.
pub fn default_tour_fragment(corpus: &Corpus) -> Option<String> {
    named_tour_fragment(corpus.default_tour()?, corpus)
}

/// The fragment that starts the corpus tour `t` at its first step, linked by name.
pub fn named_tour_fragment(t: &NamedTour, corpus: &Corpus) -> Option<String> {
    let raw = tour::named_ref(t);
    let (tour, _) = tour::decode(&raw, corpus);
    let s = tour::step_state(&tour, 0, &ViewState::default())?;
    Some(encode(&ViewState {
        tour: Some(raw),
        ..s
    }))
}

/// The tour keys of a link, read with the tour codec.
struct Tours;

impl TourKeys for Tours {
    type Tour = tour::Tour;
    fn tour(
        &self,
        raw: &str,
        corpus: &Corpus,
        notes: &mut Notes,
        state: &mut ViewState,
    ) -> Option<tour::Tour> {
        decode_tour(raw, corpus, notes, state)
    }
    fn step_view(
        &self,
        state: ViewState,
        tour: Option<tour::Tour>,
        notes: &mut Notes,
    ) -> ViewState {
        step_view(state, tour, notes)
    }
}

/// A `/tour` link: the view of its tour's current step (the link's own view keys, if any, give
/// way), or the start page with a notice when there is no such step. `tour` is the link's
/// tour as `decode_tour` read it.
fn step_view(mut state: ViewState, tour: Option<tour::Tour>, notes: &mut Notes) -> ViewState {
    if let Some(n) = tour.as_ref().map(|t| t.steps.len()) {
        if state.step >= n {
            notes.adjusted(
                "step",
                &state.step.to_string(),
                "no such step, the last one is shown",
            );
            state.step = n.saturating_sub(1);
        }
    }
    match tour.and_then(|t| tour::step_state(&t, state.step, &state)) {
        Some(view) => {
            if tour::normalise_view(&state) != ViewState::default() {
                notes.ignored(
                    "route",
                    TOUR_VIEW_PATH,
                    "the link's own view keys give way to its tour step's view",
                );
            }
            ViewState {
                mode: state.mode,
                ..view
            }
        }
        None => {
            notes.ignored(
                "route",
                TOUR_VIEW_PATH,
                "no tour step to show, the start page is shown",
            );
            ViewState {
                route: Route::Home,
                ..state
            }
        }
    }
}

/// The `tour` key: the whole tour (`tour::encode`), read raw: its texts carry their own
/// escapes. Its problems become notices of the URL. The tour, when it has a usable step (the
/// state then carries it).
fn decode_tour(
    raw: &str,
    corpus: &Corpus,
    notes: &mut Notes,
    state: &mut ViewState,
) -> Option<tour::Tour> {
    let (tour, tour_notes) = tour::decode(raw, corpus);
    for n in tour_notes {
        match n.kind {
            NoticeKind::Ignored => notes.ignored(&n.key, &n.value, n.reason),
            NoticeKind::Missing => notes.missing(&n.key, &n.value, n.reason),
            NoticeKind::Adjusted => notes.adjusted(&n.key, &n.value, n.reason),
            NoticeKind::More => notes.ignored("tour", &n.value, "further tour problems not listed"),
        }
    }
    if tour.steps.is_empty() {
        notes.ignored("tour", &percent_decode(raw).0, "no usable step");
        None
    } else {
        state.tour = Some(tour::canonical(raw, &tour, corpus));
        Some(tour)
    }
}
