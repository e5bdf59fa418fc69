//! The one store at the root: the core's `ViewState` plus what the URL decoder had to ignore,
//! and whether the next URL update should add a history entry or replace the current one.

use std::rc::Rc;

use evidence_core::state::{reduce, Action, Route, ViewState};
use yew::Reducible;

/// The store: view state, notices from the URL, and history bookkeeping.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Store {
    /// What is shown.
    pub state: ViewState,
    /// What the URL decoder ignored, as sentences (shown until dismissed).
    pub notices: Vec<String>,
    /// The next URL update replaces the history entry instead of adding one.
    pub replace_history: bool,
    /// The last change was a search keystroke (so the next one coalesces into one step).
    pub typing: bool,
}

/// What can change the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A user action, reduced by the core.
    Do(Action),
    /// The URL changed (load, Back/Forward, an edited address): adopt its state.
    FromUrl(Box<ViewState>, Vec<String>),
    /// The reader scrolled to this block: the route follows it, replacing the history entry.
    ReadAt(String),
    /// Open a state from a file (a tour file): a new history entry, with its notices (or none).
    Open(Box<ViewState>, Vec<String>),
    /// Hide the notices.
    DismissNotices,
}

impl Reducible for Store {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Do(action) => {
                let is_search = matches!(action, Action::SetSearch(_));
                next.state = reduce(&self.state, action);
                // A typed search is one history step: the first keystroke adds an entry, the
                // following ones replace it.
                next.replace_history = is_search && self.typing;
                next.typing = is_search;
            }
            Msg::FromUrl(state, notices) => {
                next.state = *state;
                next.replace_history = true;
                next.typing = false;
                if !notices.is_empty() {
                    next.notices = notices;
                }
            }
            Msg::ReadAt(block) => {
                if let Route::Read { paper, .. } = &self.state.route {
                    let route = Route::Read {
                        paper: paper.clone(),
                        block: Some(block),
                    };
                    next.state = reduce(&self.state, Action::Navigate(route));
                    next.replace_history = true;
                    next.typing = false;
                }
            }
            Msg::Open(state, notices) => {
                next.state = *state;
                next.replace_history = false;
                next.typing = false;
                next.notices = notices;
            }
            Msg::DismissNotices => next.notices.clear(),
        }
        Rc::new(next)
    }
}
