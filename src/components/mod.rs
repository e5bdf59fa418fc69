//! View components. Each file is one component (or a family of small render functions).
//! Components read the shared data and the view state, and send `Action`s up; none of them
//! touches web-sys directly (that is `browser`'s job).

pub mod compare;
pub mod evidence_card;
pub mod explorer;
pub mod exports;
pub mod facets;
pub mod filters_line;
pub mod header;
pub mod home;
pub mod matrix;
pub mod methods;
pub mod notices;
pub mod open_link;
pub mod overview;
pub mod panel;
pub mod print_head;
pub mod quote;
pub mod reader;
pub mod timeline;
pub mod trail;

use evidence_core::url;
use evidence_core::view::{reduce, Action, ViewState};
use yew::prelude::*;

/// The `href` of the view that `actions` lead to from `state` (real links: they can be opened
/// in a new tab or copied).
pub fn href(state: &ViewState, actions: Vec<Action>) -> String {
    let mut s = state.clone();
    for a in actions {
        s = reduce(&s, a);
    }
    format!("#{}", url::encode(&s))
}

/// A click handler that dispatches `actions` instead of following the link (plain clicks only:
/// a modified click opens the link's `href` as the browser would).
pub fn on_nav(dispatch: &Callback<Action>, actions: Vec<Action>) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
            return;
        }
        e.prevent_default();
        for a in actions.iter().cloned() {
            dispatch.emit(a);
        }
    })
}

/// A paper's mark: its letter in a box of its colour (the letter carries the meaning).
pub fn paper_mark(c: &evidence_core::Corpus, paper: usize) -> Html {
    let letter = c
        .papers
        .get(paper)
        .map(|p| p.mark.clone())
        .unwrap_or_default();
    html! { <span class={classes!("mark", format!("mark-{}", paper % 8))} aria-hidden="true">{ letter }</span> }
}

/// "1 quote", "2 quotes": a count with its noun in agreement.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}
