//! The top bar: corpus title, navigation, search, "Copy link", the "More" menu (open a
//! shared link, presenter view, print, theme), the tour editor and presentation mode.

use std::rc::Rc;

use evidence_core::state::{Action, Mode, Route, Theme, ViewState};
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
            dispatch.emit(Action::SetTheme(Theme::from_key(&browser::field_value(&e))));
        })
    };
    let present = s.mode == Mode::Present;
    // The "More" menu: closed after an action in it, and by a click outside it or Escape.
    let (menu, close, on_menu_key) = use_more_menu();
    // On a phone the navigation, search and actions fold into a menu under one button; a
    // route change (a link in it followed) folds it again. Wider screens show them all.
    let folded_open = use_state(|| false);
    {
        let folded_open = folded_open.clone();
        use_effect_with(s.route.clone(), move |_| folded_open.set(false));
    }
    let toggle_fold = {
        let folded_open = folded_open.clone();
        Callback::from(move |_: MouseEvent| folded_open.set(!*folded_open))
    };
    html! {
        <header class="topbar">
            <a class="brand" href={href(s, vec![Action::Navigate(Route::Home)])}
               onclick={on_nav(&props.dispatch, vec![Action::Navigate(Route::Home)])}>
                { props.data.0.corpus.about.title.clone() }
            </a>
            <button type="button" class="btn menu-toggle" data-testid="menu-toggle"
                aria-expanded={folded_open.to_string()} aria-controls="topbar-fold" onclick={toggle_fold}>
                { if *folded_open { "Close menu" } else { "Menu" } }
            </button>
            <div id="topbar-fold" class={classes!("topbar-fold", folded_open.then_some("open"))}>
            { main_nav(props) }
            <div class="search" role="search">
                <label for="search-input" class="visually-hidden">{ "Search evidence, quotes and papers" }</label>
                <input id="search-input" type="search" data-testid="search"
                    placeholder="Search evidence, quotes, papers  ( / )"
                    value={s.search.clone()} oninput={on_search} autocomplete="off" />
            </div>
            <div class="actions">
                <CopyButton id="copy-link" label="Copy link" done="Link copied: it opens exactly this view." />
                <details class="more-menu" data-testid="more-menu" ref={menu.clone()} onkeydown={on_menu_key}>
                    <summary class="btn" title="Open a shared link, presenter view, print, theme">{ "More" }</summary>
                    <div class="more-pop">
                        <super::open_link::OpenLink id="menu" on_done={close.clone()} />
                        <div class="more-row">
                            <button type="button" class="btn" data-testid="presenter-open" title="Presenter view (S)"
                                onclick={let p = props.on_presenter.clone(); let close = close.clone(); move |_: MouseEvent| { close.emit(()); p.emit(()) }}>
                                { "Presenter view" }
                            </button>
                            <button type="button" class="btn" data-testid="print-view" title="Print preview of this view, or of the whole tour"
                                onclick={let p = props.on_handout.clone(); let close = close.clone(); move |_: MouseEvent| { close.emit(()); p.emit(false) }}>
                                { "Print…" }
                            </button>
                            <label class="theme-pick">
                                <span>{ "Theme" }</span>
                                <select data-testid="theme-select" onchange={on_theme}>
                                    <option value="" selected={s.theme.is_none()}>{ "System" }</option>
                                    { for Theme::ALL.iter().map(|t| html! {
                                        <option value={t.key()} selected={s.theme == Some(*t)}>{ t.label().to_string() }</option>
                                    }) }
                                </select>
                            </label>
                        </div>
                    </div>
                </details>
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
            </div>
        </header>
    }
}

/// The "More" menu's node, what closes it (after an action in it) and its key handler (Escape
/// closes it, and only it); a click outside it closes it too.
#[hook]
fn use_more_menu() -> (NodeRef, Callback<()>, Callback<KeyboardEvent>) {
    let menu = use_node_ref();
    let close = {
        let menu = menu.clone();
        Callback::from(move |_: ()| browser::close_details(&menu, false))
    };
    let on_menu_key = {
        let menu = menu.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                // Closing the menu is all Escape does here (not leaving a mode).
                e.stop_propagation();
                browser::close_details(&menu, true);
            }
        })
    };
    {
        let close = close.clone();
        let menu = menu.clone();
        use_effect_with((), move |_| {
            let listener = browser::on_outside("click", menu, move || close.emit(()));
            move || drop(listener)
        });
    }
    (menu, close, on_menu_key)
}

/// The main navigation, the current page marked.
fn main_nav(props: &HeaderProps) -> Html {
    let s = &props.state;
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
        <nav class="nav" aria-label="Main">
            { nav("Start", Route::Home, "nav-home") }
            { nav("Overview", Route::Overview, "nav-overview") }
            { nav("Matrix", Route::Matrix, "nav-matrix") }
            { nav("Timeline", Route::Timeline, "nav-timeline") }
            { nav("Compare", Route::Compare { left: None, right: None }, "nav-compare") }
            { nav("Papers", papers_route(&props.data.0.corpus, &s.route), "nav-papers") }
            { nav("Methods", Route::About, "nav-about") }
        </nav>
    }
}
