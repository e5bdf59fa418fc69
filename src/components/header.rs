//! The top bar: corpus title, navigation, search, "Copy link" and presentation mode.

use std::rc::Rc;

use evidence_core::view::{Action, Mode, Route, Theme, ViewState};
use evidence_core::viewmodel::{papers_route, same_page};
use yew::prelude::*;

use super::copy::CopyButton;
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
    /// Enters (true) or leaves (false) presentation mode.
    #[prop_or_default]
    pub on_present: Callback<bool>,
    /// Opens or closes the tour editor.
    #[prop_or_default]
    pub on_tour: Callback<()>,
    /// The tour editor is open.
    #[prop_or_default]
    pub tour_open: bool,
}

/// The top bar.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let s = &props.state;
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
                <CopyButton id="copy-link" label="Copy link" done="Link copied: it opens exactly this view." />
                <button type="button" class="btn" data-testid="presenter-open" title="Presenter view (S)"
                    onclick={let p = props.on_presenter.clone(); move |_: MouseEvent| p.emit(())}>
                    { "Presenter" }
                </button>
                <button type="button" class="btn" data-testid="print-view"
                    onclick={let p = props.on_handout.clone(); move |_: MouseEvent| p.emit(false)}>
                    { "Print" }
                </button>
                <label class="theme-pick">
                    <span class="visually-hidden">{ "Colour theme" }</span>
                    <select data-testid="theme-select" onchange={on_theme}>
                        <option value="" selected={s.theme.is_none()}>{ "System theme" }</option>
                        { for Theme::ALL.iter().map(|t| html! {
                            <option value={t.key()} selected={s.theme == Some(*t)}>{ t.label().to_string() }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="btn" aria-pressed={props.tour_open.to_string()} data-testid="tour-open"
                    title="Build a tour: an ordered list of views with speaker notes"
                    onclick={let t = props.on_tour.clone(); move |_: MouseEvent| t.emit(())}>
                    { "Tour" }
                </button>
                <button type="button" class="btn" aria-pressed={present.to_string()}
                    data-testid="present-toggle" title="Presentation mode (P)"
                    onclick={let p = props.on_present.clone(); move |_: MouseEvent| p.emit(!present)}>
                    { if present { "Exit presentation" } else { "Present" } }
                </button>
            </div>
        </header>
    }
}
