//! The store and the address bar: the state starts from the URL's fragment, follows Back,
//! Forward and edited addresses, and writes itself back (`Store::replace_history` says whether
//! as a new history entry).

use std::cell::RefCell;
use std::rc::Rc;

use evidence_core::share::versions;
use evidence_core::state::{opens_new_page, Action, ViewState};
use yew::prelude::*;

use crate::browser;
use crate::data::Shared;
use crate::store::{Msg, Store};

/// The store, with what callbacks made once need of it.
pub struct UrlStore {
    /// The store.
    pub store: UseReducerHandle<Store>,
    /// The state as last rendered (for callbacks made once).
    pub latest: Rc<RefCell<ViewState>>,
    /// Does a user action.
    pub dispatch: Callback<Action>,
    /// The reader scrolled to this block.
    pub read_at: Callback<String>,
    /// Hides the notices.
    pub dismiss: Callback<()>,
}

/// The store, kept in step with the URL both ways.
#[hook]
pub fn use_url_store(d: &Shared) -> UrlStore {
    let store = {
        let d = d.clone();
        use_reducer(move || {
            let (state, notices) = versions::open_fragment(&browser::fragment(), &d.0.corpus);
            Store {
                state,
                notices,
                replace_history: true,
                typing: false,
            }
        })
    };
    let latest = use_mut_ref(ViewState::default);
    *latest.borrow_mut() = store.state.clone();
    let dispatch = {
        let store = store.clone();
        let latest = latest.clone();
        use_callback((), move |a: Action, _| {
            // A link to another page opens it at its top (the window keeps its scroll
            // otherwise); done before the render so a page that selects something further down
            // scrolls to it afterwards.
            if let Action::Navigate(to) = &a {
                if opens_new_page(&latest.borrow().route, to) {
                    browser::scroll_page_top();
                }
            }
            store.dispatch(Msg::Do(a))
        })
    };
    // Listen for Back/Forward and edited addresses.
    {
        let store = store.clone();
        let d = d.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listeners = browser::on_fragment_change(move |frag| {
                let (state, notices) = versions::open_fragment(&frag, &d.0.corpus);
                if opens_new_page(&latest.borrow().route, &state.route) {
                    browser::scroll_page_top();
                }
                store.dispatch(Msg::FromUrl(Box::new(state), notices));
            });
            browser::mark_ready();
            move || drop(listeners)
        });
    }
    // Keep the URL in step with the state.
    {
        let replace = store.replace_history;
        let d = d.clone();
        use_effect_with(store.state.clone(), move |state| {
            let frag = versions::shared_fragment(state, &d.0.corpus);
            if frag != browser::fragment() {
                browser::set_fragment(&frag, replace);
            }
        });
    }
    let read_at = {
        let store = store.clone();
        use_callback((), move |b: String, _| store.dispatch(Msg::ReadAt(b)))
    };
    let dismiss = {
        let store = store.clone();
        use_callback((), move |_: (), _| store.dispatch(Msg::DismissNotices))
    };
    UrlStore {
        store,
        latest,
        dispatch,
        read_at,
        dismiss,
    }
}
