//! The root: `App` loads the embedded data (or says why it cannot); `Shell` composes the
//! shell's hooks (`crate::hooks`: the store and the URL, presentation, the presenter link, the
//! global keys) and routes to the page the state names, under the header and the notices.

use std::rc::Rc;

use evidence_core::link::tour;
use evidence_core::share::versions;
use evidence_core::state::{route_key, Action, Mode, Route, ViewState};
use evidence_core::workshop::presenter::Command;
use yew::prelude::*;

use crate::browser;
use crate::components::compare::ComparePage;
use crate::components::evidence_card::EvidencePage;
use crate::components::handout::{Handout, PrintLink};
use crate::components::header::Header;
use crate::components::home::Home;
use crate::components::matrix_page::MatrixPage;
use crate::components::methods::Methods;
use crate::components::notices::Notices;
use crate::components::overview::OverviewPage;
use crate::components::presenter::{Console, PresenterWindow};
use crate::components::quote_slide::QuoteSlideView;
use crate::components::reader::Reader;
use crate::components::timeline::TimelinePage;
use crate::components::tour_editor::TourEditor;
use crate::data::{data, Shared};
use crate::hooks::commands::{use_commands, Commands};
use crate::hooks::document::{mode_name, use_document_sync};
use crate::hooks::fit::use_fit_page;
use crate::hooks::full_screen::use_presenting;
use crate::hooks::global_keys::use_global_keys;
use crate::hooks::handout::{use_handout, HandoutPreview};
use crate::hooks::opened_file::use_opened_file;
use crate::hooks::phone::{use_phone, use_phone_tour};
use crate::hooks::presenter_link::{use_presenter_link, use_presenter_notes, Notes};
use crate::hooks::url_sync::{use_url_store, UrlStore};
use crate::hooks::warm::use_warm_search;

/// The root component: the explorer once its data is loaded, or why it could not start.
#[component]
pub fn App() -> Html {
    match data() {
        Ok(d) if browser::is_presenter_window() => html! { <PresenterWindow data={Shared(d)} /> },
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

/// The explorer around its pages: the store in step with the URL, presentation, the presenter
/// link, the global keys (`hooks`), then the header, the notices and the page the state names.
#[component]
fn Shell(props: &ShellProps) -> Html {
    let d = props.data.clone();
    let UrlStore {
        store,
        latest,
        dispatch,
        read_at,
        dismiss,
    } = use_url_store(&d);
    let state = Rc::new(store.state.clone());
    let presenting = state.mode == Mode::Present;
    let phone_tour = use_phone() && presenting && state.tour.is_some();
    use_document_sync(&d, &state, phone_tour);
    use_warm_search(&d);
    let present = use_presenting(&dispatch, &latest, state.mode);
    let (notes, open_presenter) = use_presenter_notes();
    // The blacked-out screen of a presentation (B or `.`, or the presenter's button).
    let black = use_state(|| false);
    let Commands { apply, on_command } = use_commands(
        &d,
        &latest,
        &dispatch,
        &black,
        &open_presenter,
        &present.set,
    );
    let screen_black = *black && presenting;
    use_presenter_link(&latest, &notes, &on_command, &state, screen_black);
    use_global_keys(&d, &state, &latest, &apply);
    use_fit_page(&d, &state, phone_tour);
    use_phone_tour(phone_tour, &state, &on_command);
    let handout = use_handout();
    let editor = use_state(|| false);
    let (opened_file, on_open_file) = use_opened_file(&store, &latest);

    let page = page_view(&d, &state, &dispatch, &read_at);
    let page = match handout.shown {
        Some(whole) => handout_view(&d, &state, &dispatch, &handout, whole),
        None => page,
    };
    let notices = html! { <Notices notices={store.notices.clone()} on_dismiss={dismiss} /> };
    if phone_tour {
        return phone_tour_view(&d, &state, notices, page, &on_command, &present.set);
    }
    let print_link = match handout.shown {
        Some(_) => html! {},
        None => print_link(&d, &state),
    };
    let main = html! { <main id="main" class="page" tabindex="-1">{ page }{ print_link }</main> };
    let main = match *editor && !presenting && handout.shown.is_none() {
        true => html! {
            <div class="with-editor">
                { main }
                <TourEditor data={d.clone()} state={state.clone()} dispatch={dispatch.clone()}
                    on_handout={handout.open.clone()} opened={opened_file} on_open={on_open_file}
                    on_close={let e = editor.clone(); Callback::from(move |_: ()| e.set(false))} />
            </div>
        },
        false => main,
    };
    let main = match *notes {
        Notes::Split => split_view(&d, &state, main, &on_command, &notes, screen_black),
        _ => main,
    };
    html! {
        <div class="app" data-mode={mode_name(state.mode)} data-route={route_key(&state.route)}>
            <crate::components::print_head::PrintHead data={d.clone()} state={state.clone()} />
            <Header data={d.clone()} state={state.clone()} dispatch={dispatch.clone()}
                on_presenter={open_presenter} on_handout={handout.open.clone()}
                on_present={present.set.clone()} tour_open={*editor}
                on_tour={let e = editor.clone(); Callback::from(move |_: ()| e.set(!*e))} />
            { notices }
            if presenting {
                { present_controls(present.hint, &present.set) }
            }
            { tour_bar(&d, &state) }
            if screen_black {
                <div class="blackout" data-testid="blackout" aria-hidden="true"
                    onclick={let b = black.clone(); move |_: MouseEvent| b.set(false)}></div>
            }
            { main }
        </div>
    }
}

/// The page the state's route names; a tour's quote slide replaces the page it was opened
/// over.
fn page_view(
    d: &Shared,
    state: &Rc<ViewState>,
    dispatch: &Callback<Action>,
    read_at: &Callback<String>,
) -> Html {
    if let Some(q) =
        evidence_core::workshop::tour_edit::quote_slide(state, d.0.tour(state).as_deref())
    {
        return html! {
            <QuoteSlideView data={d.clone()} state={state.clone()} quote={q} dispatch={dispatch.clone()} />
        };
    }
    let (data, state, dispatch) = (d.clone(), state.clone(), dispatch.clone());
    match &state.route {
        Route::Home => html! { <Home {data} {dispatch} /> },
        Route::Matrix => html! { <MatrixPage {data} {state} {dispatch} /> },
        Route::Read { .. } => html! {
            <Reader {data} {state} {dispatch} on_read_at={read_at.clone()} />
        },
        Route::Evidence { .. } => html! { <EvidencePage {data} {state} {dispatch} /> },
        Route::Overview => html! { <OverviewPage {data} {state} {dispatch} /> },
        Route::Timeline => html! { <TimelinePage {data} {state} {dispatch} /> },
        Route::Compare { .. } => html! { <ComparePage {data} {state} {dispatch} /> },
        Route::About => html! { <Methods {data} {state} {dispatch} /> },
    }
}

/// The handout's print preview, of the current view or (`whole`) of the whole tour.
fn handout_view(
    d: &Shared,
    state: &ViewState,
    dispatch: &Callback<Action>,
    h: &HandoutPreview,
    whole: bool,
) -> Html {
    let tour = d.0.tour(state);
    let (heading, steps) =
        evidence_core::workshop::handout::pages(&d.0.corpus, state, tour.as_deref(), whole);
    let tour_steps = tour.map_or(0, |t| t.steps.len());
    let on_open_at = {
        let d = dispatch.clone();
        Callback::from(move |a: Option<String>| d.emit(Action::SetOpenAt(a)))
    };
    html! {
        <Handout data={d.clone()} {heading} steps={Rc::new(steps)} base={browser::base_url()}
            open_at={state.open_at.clone()} {on_open_at}
            {whole} {tour_steps} on_scope={h.open.clone()}
            notes={h.notes} on_notes={h.set_notes.clone()}
            on_print={Callback::from(|_: ()| browser::print())}
            on_close={h.close.clone()} />
    }
}

/// The link a printout carries of this view (the participants' address when set).
fn print_link(d: &Shared, state: &ViewState) -> Html {
    let page_base = browser::base_url();
    let base = evidence_core::workshop::handout::link_base(&page_base, state.open_at.as_deref());
    html! { <PrintLink link={format!("{base}#{}", versions::shared_fragment(state, &d.0.corpus))} /> }
}

/// The way out of presentation, and the hint when the browser would not give the whole
/// screen.
fn present_controls(hint: bool, set_presenting: &Callback<bool>) -> Html {
    let leave = set_presenting.clone();
    html! {
        <div class="present-controls">
            if hint {
                <p class="fs-hint" role="status" data-testid="fullscreen-hint">
                    { "Full screen is not available in this window: press F11 (⌃⌘F on a Mac) to fill the screen." }
                </p>
            }
            <button type="button" class="btn present-exit" data-testid="present-exit"
                onclick={move |_: MouseEvent| leave.emit(false)}>
                { "Exit presentation (Esc)" }
            </button>
        </div>
    }
}

/// The slide with the presenter's notes beside it (the browser blocked the presenter window).
fn split_view(
    d: &Shared,
    state: &Rc<ViewState>,
    main: Html,
    on_command: &Callback<Command>,
    notes: &UseStateHandle<Notes>,
    black: bool,
) -> Html {
    let close_notes = {
        let notes = notes.clone();
        Callback::from(move |_: ()| notes.set(Notes::Hidden))
    };
    html! {
        <div class="split-view" data-testid="split-view">
            { main }
            <div class="split-notes">
                <p class="popup-blocked" role="status" data-testid="popup-blocked">
                    { "The browser blocked the presenter window, so the notes are shown here beside the slide. To use a second screen, allow pop-ups for this page and press S again." }
                </p>
                <Console data={d.clone()} state={state.clone()} on_command={on_command.clone()}
                    split=true on_close={close_notes} {black} />
            </div>
        </div>
    }
}

/// The step indicator of a tour in presentation mode: the step's title, "Step k of n" and a
/// progress bar. Nothing outside a tour or outside presentation mode.
fn tour_bar(d: &Shared, state: &ViewState) -> Html {
    let Some(t) = d.0.tour(state).filter(|_| state.mode == Mode::Present) else {
        return html! {};
    };
    let (label, _) = tour::indicator(state.step, t.steps.len());
    let title = t
        .steps
        .get(state.step)
        .map(|s| s.title.clone())
        .unwrap_or_default();
    html! {
        <div class="tour-bar" data-testid="tour-bar">
            <span class="tour-title" data-testid="tour-title">{ title }</span>
            <span class="tour-step" role="status" data-testid="tour-step">{ label }</span>
            <progress class="tour-progress" aria-label="Tour progress"
                max={t.steps.len().to_string()}
                value={(state.step + 1).min(t.steps.len()).to_string()}></progress>
        </div>
    }
}

/// A tour read on a phone, under the notices (`phone_steps`); Back and Next do the
/// presenter's Previous and Next (`on_command`), the way out leaves presentation.
fn phone_tour_view(
    d: &Shared,
    state: &ViewState,
    notices: Html,
    page: Html,
    on_command: &Callback<Command>,
    set_presenting: &Callback<bool>,
) -> Html {
    let step = evidence_core::viewmodel::phone::phone_step(state, d.0.tour(state).as_deref());
    let go = |c: Command| {
        let on_command = on_command.clone();
        Callback::from(move |_: MouseEvent| on_command.emit(c))
    };
    let leave = set_presenting.clone();
    html! {
        <div class="app" data-mode="tour-phone" data-route={route_key(&state.route)}>
            { notices }
            { phone_steps(step, page, go(Command::Prev), go(Command::Next),
                Callback::from(move |_: MouseEvent| leave.emit(false))) }
        </div>
    }
}

/// A tour read on a phone: the step's title and place in the tour, its view fitted to the
/// width, the point and the question, "Back" and "Next" (a swipe does the same), and a way out
/// to explore the view.
fn phone_steps(
    step: Option<evidence_core::viewmodel::phone::PhoneStep>,
    page: Html,
    on_prev: Callback<MouseEvent>,
    on_next: Callback<MouseEvent>,
    on_leave: Callback<MouseEvent>,
) -> Html {
    let Some(step) = step else {
        return html! {};
    };
    html! {
        <div class="phone-tour" data-testid="phone-tour">
            <header class="pt-head">
                <p class="pt-step" role="status" data-testid="tour-step">{ step.label.clone() }</p>
                <progress class="pt-progress" aria-label="Tour progress" max="100"
                    value={format!("{:.0}", step.done * 100.0)}></progress>
                <h1 class="pt-title" data-testid="tour-title">{ step.title.clone() }</h1>
            </header>
            <section class="pt-notes" aria-label="The point of this step" data-testid="pt-notes">
                if !step.point.is_empty() {
                    <p class="pt-point" data-testid="pt-point">{ step.point.clone() }</p>
                }
            </section>
            <main id="main" class="page pt-page" tabindex="-1">
                <div class="phone-view" data-testid="phone-view">{ page }</div>
            </main>
            if let Some(q) = step.question.clone() {
                <section class="pt-ask" aria-label="Question for the room">
                    <p class="pt-question" data-testid="pt-question"><strong>{ "Question: " }</strong>{ q }</p>
                </section>
            }
            <nav class="pt-nav" aria-label="Tour steps">
                <button type="button" class="btn pt-back" data-testid="pt-back"
                    disabled={!step.has_prev} onclick={on_prev}>{ "← Back" }</button>
                <button type="button" class="btn pt-next" data-testid="pt-next"
                    disabled={!step.has_next} onclick={on_next}>{ "Next →" }</button>
            </nav>
            <footer class="pt-leave">
                <button type="button" class="linklike" data-testid="pt-leave" onclick={on_leave}>
                    { "Leave the tour and explore this view" }</button>
            </footer>
        </div>
    }
}
