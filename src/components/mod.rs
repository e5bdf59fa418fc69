//! View components. Each file is one component (or a family of small render functions).
//! Components read the shared data and the view state, and send `Action`s up; none of them
//! touches web-sys directly (that is `browser`'s job).

pub mod agreement;
pub mod compare;
pub mod copy;
pub mod evidence_card;
pub mod exports;
pub mod facets;
pub mod filters_line;
pub mod handout;
pub mod header;
pub mod home;
pub mod matrix;
pub mod matrix_page;
pub mod methods;
pub mod notices;
pub mod open_link;
pub mod overview;
pub mod panel;
pub mod presenter;
pub mod print_head;
pub mod quote;
pub mod quote_slide;
pub mod reader;
pub mod slide_quotes;
pub mod timeline;
pub mod tour_editor;
pub mod trail;

use std::rc::Rc;

use evidence_core::link::url;
use evidence_core::state::{reduce, Action, ViewState};
pub use evidence_core::viewmodel::count;
use evidence_core::viewmodel::PaperMark;
use yew::prelude::*;

use crate::data::Shared;

/// Props of a page and of the header: the data, the view and the store's dispatch.
#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view.
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

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
    mark(&PaperMark::of(c, paper), true)
}

/// How a paper weighs a crosswalk dimension, drawn as a sign and a word (never colour alone);
/// the word is what assistive technology reads, the meaning is the tooltip. (No visually hidden
/// text: absolutely positioned, it would stretch the document of a scrolling presented page.)
pub fn stance_tag(s: evidence_core::Stance) -> Html {
    html! {
        <span class={classes!("stance", format!("stance-{}", s.id()))} data-testid="stance" data-stance={s.id()} title={s.meaning()}>
            <span aria-hidden="true">{ s.sign() }</span>{ format!(" {}", s.id()) }
        </span>
    }
}

/// A mark as drawn everywhere: the letter in a box of its colour slot. `hidden` hides it from
/// assistive technology where the surrounding text already names the paper.
pub fn mark(m: &PaperMark, hidden: bool) -> Html {
    html! {
        <span class={classes!("mark", m.class())} aria-hidden={hidden.then_some("true")}>{ m.letter.clone() }</span>
    }
}
