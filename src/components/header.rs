//! The top bar: corpus title, navigation, search, "Copy link" and presentation mode.

use std::rc::Rc;

use evidence_core::view::{Action, Mode, Route, Theme, ViewState};
use evidence_core::viewmodel::{papers_route, same_page};
use yew::prelude::*;

use super::{href, on_nav};
use crate::browser;
use crate::data::Shared;

/// Props of `Header`.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view.
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
    /// Opens the presenter window (or the notes beside the slide).
    #[prop_or_default]
    pub on_presenter: Callback<()>,
    /// Opens the handout's print preview: the current view (false) or the whole tour (true).
    #[prop_or_default]
    pub on_handout: Callback<bool>,
}

#[derive(Clone, PartialEq)]
enum Copy {
    Idle,
    Copied,
    Manual(String),
}

/// The top bar.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let s = &props.state;
    let copy = use_state(|| Copy::Idle);
    let on_copy = {
        let copy = copy.clone();
        Callback::from(move |_: MouseEvent| {
            let copy = copy.clone();
            let url = browser::href();
            browser::spawn(async move {
                match browser::copy_text(&url).await {
                    Ok(()) => copy.set(Copy::Copied),
                    Err(()) => {
                        copy.set(Copy::Manual(url));
                        browser::sleep(0).await;
                        browser::select_input("copy-fallback");
                    }
                }
                browser::sleep(4000).await;
                copy.set(Copy::Idle);
            });
        })
    };
    let on_search = {
        let dispatch = props.dispatch.clone();
        let on_home = s.route == Route::Home;
        Callback::from(move |e: InputEvent| {
            if on_home {
                dispatch.emit(Action::Navigate(Route::Matrix));
            }
            dispatch.emit(Action::SetSearch(browser::field_value(&e)));
        })
    };
    let on_theme = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.emit(Action::SetTheme(Theme::from_key(&browser::select_value(
                &e,
            ))));
        })
    };
    let present = s.mode == Mode::Present;
    let mode_action = Action::SetMode(if present {
        Mode::Explore
    } else {
        Mode::Present
    });
    let nav = |label: &str, route: Route, test: &str| {
        let current = same_page(&s.route, &route);
        let aria = current.then_some("page");
        html! {
            <a class={classes!("nav-link", current.then_some("current"))} aria-current={aria}
               data-testid={test.to_string()}
               href={href(s, vec![Action::Navigate(route.clone())])}
               onclick={on_nav(&props.dispatch, vec![Action::Navigate(route)])}>{ label.to_string() }</a>
        }
    };
    html! {
        <header class="topbar">
            <a class="brand" href={href(s, vec![Action::Navigate(Route::Home)])}
               onclick={on_nav(&props.dispatch, vec![Action::Navigate(Route::Home)])}>
                { props.data.0.corpus.about.title.clone() }
            </a>
            <nav class="nav" aria-label="Main">
                { nav("Start", Route::Home, "nav-home") }
                { nav("Overview", Route::Overview, "nav-overview") }
                { nav("Matrix", Route::Matrix, "nav-matrix") }
                { nav("Timeline", Route::Timeline, "nav-timeline") }
                { nav("Compare", Route::Compare { left: None, right: None }, "nav-compare") }
                { nav("Papers", papers_route(&props.data.0.corpus, &s.route), "nav-papers") }
                { nav("Methods", Route::About, "nav-about") }
            </nav>
            <div class="search" role="search">
                <label for="search-input" class="visually-hidden">{ "Search evidence, quotes and papers" }</label>
                <input id="search-input" type="search" data-testid="search"
                    placeholder="Search evidence, quotes, papers  ( / )"
                    value={s.search.clone()} oninput={on_search} autocomplete="off" />
            </div>
            <div class="actions">
                <details class="open-link-menu" data-testid="open-link-menu">
                    <summary class="btn">{ "Open link" }</summary>
                    <div class="open-link-pop"><super::open_link::OpenLink id="menu" /></div>
                </details>
                <button type="button" class="btn" data-testid="copy-link" onclick={on_copy}>
                    { "Copy link" }
                </button>
                <button type="button" class="btn" data-testid="presenter-open" title="Presenter view (S)"
                    onclick={let p = props.on_presenter.clone(); move |_: MouseEvent| p.emit(())}>
                    { "Presenter view" }
                </button>
                <button type="button" class="btn" data-testid="print-view"
                    onclick={let p = props.on_handout.clone(); move |_: MouseEvent| p.emit(false)}>
                    { "Print" }
                </button>
                <label class="theme-pick">
                    <span class="visually-hidden">{ "Colour theme" }</span>
                    <select data-testid="theme-select" onchange={on_theme}>
                        <option value="" selected={s.theme.is_none()}>{ "Theme: system" }</option>
                        { for Theme::ALL.iter().map(|t| html! {
                            <option value={t.key()} selected={s.theme == Some(*t)}>{ format!("Theme: {}", t.label()) }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="btn" aria-pressed={present.to_string()}
                    data-testid="present-toggle"
                    onclick={let d = props.dispatch.clone(); move |_: MouseEvent| d.emit(mode_action.clone())}>
                    { if present { "Exit presentation" } else { "Present" } }
                </button>
            </div>
            <div class="copy-status" role="status" aria-live="polite" data-testid="copy-status">
                { match &*copy {
                    Copy::Idle => html! {},
                    Copy::Copied => html! { <span class="ok">{ "Link copied: it opens exactly this view." }</span> },
                    Copy::Manual(url) => html! {
                        <span class="manual">
                            <label for="copy-fallback">{ "The clipboard is not available here. Press Ctrl+C (⌘C) to copy:" }</label>
                            <input id="copy-fallback" readonly=true value={url.clone()} data-testid="copy-fallback" />
                        </span>
                    },
                } }
            </div>
        </header>
    }
}
