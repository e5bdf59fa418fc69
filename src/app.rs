//! The root: `App` loads the embedded data (or says why it cannot); `Shell` holds the store,
//! keeps it in step with the URL, handles the global keys and routes to the page the state
//! names, under the header and the notices.

use std::rc::Rc;

use evidence_core::selection;
use evidence_core::url;
use evidence_core::view::{Action, Mode, Route, ViewState};
use evidence_core::Corpus;
use yew::prelude::*;

use crate::browser;
use crate::components::evidence_card::EvidencePage;
use crate::components::header::Header;
use crate::components::home::Home;
use crate::components::matrix_page::MatrixPage;
use crate::components::methods::Methods;
use crate::components::notices::Notices;
use crate::components::overview::OverviewPage;
use crate::components::reader::Reader;
use crate::components::timeline::TimelinePage;
use crate::data::{data, Shared};
use crate::store::{Msg, Store};

/// The root component: the explorer once its data is loaded, or why it could not start.
#[component]
pub fn App() -> Html {
    match data() {
        Ok(d) => html! { <Shell data={Shared(d)} /> },
        Err(e) => html! {
            <div class="startup-error" role="alert">
                <h1>{ "The explorer could not start" }</h1>
                <p>{ e }</p>
            </div>
        },
    }
}

/// Props of `Shell`.
#[derive(Properties, PartialEq)]
struct ShellProps {
    /// Corpus and index.
    data: Shared,
}

/// The explorer around its pages: store, URL sync, global keys, header, notices, routing.
#[component]
fn Shell(props: &ShellProps) -> Html {
    let d = props.data.clone();
    let store = {
        let d = d.clone();
        use_reducer(move || {
            let (state, notices) = decode_versioned(&browser::fragment(), &d.0.corpus);
            Store {
                state,
                notices,
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
                let (state, notices) = decode_versioned(&frag, &d.0.corpus);
                store.dispatch(Msg::FromUrl(Box::new(state), notices));
            });
            browser::mark_ready();
            move || drop(listeners)
        });
    }

    // Keep the URL in step with the state.
    {
        let state = store.state.clone();
        let replace = store.replace_history;
        let d = d.clone();
        use_effect_with(state, move |state| {
            let frag = url::encode(state);
            if frag != browser::fragment() {
                browser::set_fragment(&frag, replace);
            }
            browser::set_title(&page_title(&d.0.corpus, state));
            browser::set_mode(mode_name(state.mode));
        });
    }

    // Global keys: "/" focuses the search, Escape closes the panel or leaves presentation.
    {
        let dispatch = dispatch.clone();
        let state = store.state.clone();
        use_effect_with(state, move |state| {
            let has_selection = state.selection.is_some();
            let presenting = state.mode == Mode::Present;
            let listener = browser::on_keydown(move |e| {
                if e.key() == "/" && !browser::typing_in_field() {
                    e.prevent_default();
                    browser::focus("search-input");
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
            <MatrixPage data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
        },
        Route::Read { .. } => html! {
            <Reader data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} on_read_at={read_at.clone()} />
        },
        Route::Evidence { .. } => html! {
            <EvidencePage data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
        },
        Route::Overview => html! {
            <OverviewPage data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
        },
        Route::Timeline => html! {
            <TimelinePage data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
        },
        Route::Compare { .. } => html! {
            <crate::components::compare::ComparePage data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
        },
        Route::About => html! {
            <Methods data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
        },
    };
    html! {
        <div class="app" data-mode={mode_name(state.mode)}>
            <crate::components::print_head::PrintHead data={d.clone()} state={state.clone()} />
            <Header data={d.clone()} state={state.clone()} dispatch={dispatch.clone()} />
            <Notices notices={store.notices.clone()} on_dismiss={dismiss} />
            <main id="main" class="page" tabindex="-1">{ page }</main>
        </div>
    }
}

/// Decodes a fragment; a link made with another corpus version gets a first notice naming the
/// versions and what no longer exists.
fn decode_versioned(frag: &str, corpus: &Corpus) -> (ViewState, Vec<String>) {
    let (mut state, notices) = url::decode(frag, corpus);
    let mut out: Vec<String> = Vec::new();
    if let Some(v) = selection::version_notice(state.cv.as_deref(), corpus, &notices) {
        out.push(v);
    }
    out.extend(notices.iter().map(|n| n.to_string()));
    // The address bar stays without `cv=` (other suites compare fragments exactly); the links
    // that leave the page (exports, Markdown, printouts) carry `selection::link_version`.
    state.cv = None;
    (state, out)
}

/// The name of a mode in `data-mode` attributes (the stylesheet keys on it).
fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Present => "present",
        Mode::Explore => "explore",
    }
}

/// The document title of a view: the page, then the corpus title.
fn page_title(c: &Corpus, state: &ViewState) -> String {
    let corpus_title = &c.about.title;
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
        Route::Overview => format!("Overview · {corpus_title}"),
        Route::About => format!("Methods · {corpus_title}"),
        Route::Timeline => format!("Timeline · {corpus_title}"),
        Route::Compare { .. } => format!("Compare · {corpus_title}"),
    }
}
