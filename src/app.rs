//! The root component: loads the embedded data, keeps the store in step with the URL, and
//! routes to the page the state names.

use std::rc::Rc;

use evidence_core::url;
use evidence_core::view::{Action, Mode, Route};
use yew::prelude::*;

use crate::browser;
use crate::components::evidence_card::EvidencePage;
use crate::components::explorer::Explorer;
use crate::components::header::Header;
use crate::components::home::Home;
use crate::components::notices::Notices;
use crate::components::reader::Reader;
use crate::data::{data, Data};
use crate::store::{Msg, Store};

/// Shared, immutable data compared by pointer, so props stay cheap.
#[derive(Clone)]
pub struct Shared(pub Rc<Data>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The root component.
#[component]
pub fn App() -> Html {
    match data() {
        Ok(d) => html! { <Explorer_ data={Shared(d)} /> },
        Err(e) => html! {
            <div class="startup-error" role="alert">
                <h1>{ "The explorer could not start" }</h1>
                <p>{ e }</p>
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
struct RootProps {
    data: Shared,
}

#[allow(non_camel_case_types)]
#[component]
fn Explorer_(props: &RootProps) -> Html {
    let d = props.data.clone();
    let store = {
        let d = d.clone();
        use_reducer(move || {
            let (state, notices) = url::decode(&browser::fragment(), &d.0.corpus);
            Store {
                state,
                notices: notices.iter().map(|n| n.to_string()).collect(),
                replace_history: true,
                typing: false,
            }
        })
    };
    let dispatch = {
        let store = store.clone();
        use_callback((), move |a: Action, _| store.dispatch(Msg::Do(a)))
    };
    let read_at = {
        let store = store.clone();
        use_callback((), move |b: String, _| store.dispatch(Msg::ReadAt(b)))
    };
    let dismiss = {
        let store = store.clone();
        use_callback((), move |_: (), _| store.dispatch(Msg::DismissNotices))
    };

    // Listen for Back/Forward and edited addresses.
    {
        let store = store.clone();
        let d = d.clone();
        use_effect_with((), move |_| {
            let listeners = browser::on_fragment_change(move |frag| {
                let (state, notices) = url::decode(&frag, &d.0.corpus);
                store.dispatch(Msg::FromUrl(
                    Box::new(state),
                    notices.iter().map(|n| n.to_string()).collect(),
                ));
            });
            browser::mark_ready();
            move || drop(listeners)
        });
    }

    // Keep the URL in step with the state.
    {
        let state = store.state.clone();
        let replace = store.replace_history;
        let title = d.0.corpus.about.title.clone();
        let d = d.clone();
        use_effect_with(state, move |state| {
            let frag = url::encode(state);
            if frag != browser::fragment() {
                browser::set_fragment(&frag, replace);
            }
            browser::set_title(&page_title(&title, state, &d.0));
            browser::set_mode(if state.mode == Mode::Present {
                "present"
            } else {
                "explore"
            });
        });
    }

    // Global keys: "/" focuses the search, P toggles presentation, Escape closes the panel or
    // leaves presentation.
    {
        let dispatch = dispatch.clone();
        let state = store.state.clone();
        use_effect_with(state, move |state| {
            let has_selection = state.selection.is_some();
            let presenting = state.mode == Mode::Present;
            let listener = browser::on_keydown(move |e| {
                let plain = !(e.ctrl_key() || e.meta_key() || e.alt_key());
                if e.key() == "/" && !browser::typing_in_field() {
                    e.prevent_default();
                    browser::focus("search-input");
                } else if (e.key() == "p" || e.key() == "P") && plain && !browser::typing_in_field()
                {
                    // P toggles presentation mode (Escape also leaves it).
                    e.prevent_default();
                    dispatch.emit(Action::SetMode(if presenting {
                        Mode::Explore
                    } else {
                        Mode::Present
                    }));
                } else if e.key() == "Escape" && !e.default_prevented() {
                    if has_selection {
                        dispatch.emit(Action::Select(None));
                    } else if presenting {
                        dispatch.emit(Action::SetMode(Mode::Explore));
                    }
                }
            });
            move || drop(listener)
        });
    }

    let state = Rc::new(store.state.clone());
    let page = match &state.route {
        Route::Home => html! { <Home data={d.clone()} dispatch={dispatch.clone()} /> },
        Route::Matrix => html! {
            <Explorer data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
        },
        Route::Read { .. } => html! {
            <Reader data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} on_read_at={read_at.clone()} />
        },
        Route::Evidence { .. } => html! {
            <EvidencePage data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
        },
    };
    let mode = if state.mode == Mode::Present {
        "present"
    } else {
        "explore"
    };
    html! {
        <div class="app" data-mode={mode}>
            <Header data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
            <Notices notices={store.notices.clone()} on_dismiss={dismiss} />
            <main id="main" class="page" tabindex="-1">{ page }</main>
        </div>
    }
}

fn page_title(corpus_title: &str, state: &evidence_core::view::ViewState, d: &Data) -> String {
    let c = &d.corpus;
    match &state.route {
        Route::Home => corpus_title.to_string(),
        Route::Matrix => format!("Matrix · {corpus_title}"),
        Route::Read { paper, .. } => {
            let t = c
                .paper_idx(paper)
                .map(|i| c.papers[i].short_title.clone())
                .unwrap_or_default();
            format!("{t} · {corpus_title}")
        }
        Route::Evidence { id } => {
            let t = c
                .evidence_idx(id)
                .map(|i| c.evidence[i].title.clone())
                .unwrap_or_default();
            format!("{t} · {corpus_title}")
        }
    }
}
