//! The root: `App` loads the embedded data (or says why it cannot); `Shell` holds the store,
//! keeps it in step with the URL, handles the global keys and routes to the page the state
//! names, under the header and the notices.

use std::rc::Rc;

use evidence_core::link::tour::{self, KeyAction};
use evidence_core::link::url;
use evidence_core::share::labels::page_title;
use evidence_core::share::versions;
use evidence_core::state::{opens_new_page, Action, Mode, Route, ViewState};
use evidence_core::viewmodel::discussion::{reveal_move, reveal_total};
use evidence_core::workshop::presenter::{Command, Message};
use evidence_core::Corpus;
use yew::prelude::*;

use crate::browser;
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
use crate::components::tour_editor::{OpenedFile, TourEditor};
use crate::data::{data, Shared};
use crate::store::{Msg, Store};

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

/// Where the presenter's notes are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notes {
    /// Nowhere (or in a presenter window this page does not know of yet).
    Hidden,
    /// In the presenter window.
    Window,
    /// Beside the slide, because the browser blocked the presenter window.
    Split,
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
    // The state as last rendered (for callbacks made once).
    let latest = use_mut_ref(ViewState::default);
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
    let read_at = {
        let store = store.clone();
        use_callback((), move |b: String, _| store.dispatch(Msg::ReadAt(b)))
    };
    let dismiss = {
        let store = store.clone();
        use_callback((), move |_: (), _| store.dispatch(Msg::DismissNotices))
    };

    // The presenter window: open it (or the notes beside the slide when the popup is blocked),
    // keep it in step with this window, and follow its commands and keys.
    let notes = use_state(|| Notes::Hidden);
    *latest.borrow_mut() = store.state.clone();
    // A phone-sized window (`viewmodel::phone::PHONE_MAX_PX`): a presented tour reads there
    // as a sequence of steps instead of presenting.
    let phone = use_state(browser::is_phone);
    {
        let phone = phone.clone();
        use_effect_with((), move |_| {
            let listener = browser::on_resize(move || {
                let now = browser::is_phone();
                if *phone != now {
                    phone.set(now);
                }
            });
            move || drop(listener)
        });
    }
    let phone_tour = *phone && store.state.mode == Mode::Present && store.state.tour.is_some();
    let open_presenter = {
        let notes = notes.clone();
        use_callback((), move |_: (), _| {
            notes.set(match browser::open_presenter() {
                browser::Opened::Window => Notes::Window,
                browser::Opened::Blocked => Notes::Split,
            })
        })
    };
    // The blacked-out screen of a presentation (B or `.`, or the presenter's button).
    let black = use_state(|| false);
    let on_command = {
        let dispatch = dispatch.clone();
        let latest = latest.clone();
        let d = d.clone();
        let black = black.clone();
        use_callback(*black, move |c: Command, blacked| {
            if c == Command::Black {
                if latest.borrow().mode == Mode::Present {
                    black.set(!*blacked);
                }
                return;
            }
            for a in command_actions(&d.0.corpus, &latest.borrow(), c) {
                dispatch.emit(a);
            }
        })
    };
    // What the presenter window is told: the view, and whether the screen is black (shown only
    // in presentation mode).
    let screen_black = *black && store.state.mode == Mode::Present;
    let black_now = use_mut_ref(|| false);
    *black_now.borrow_mut() = screen_black;
    {
        let latest = latest.clone();
        let notes = notes.clone();
        let on_command = on_command.clone();
        let black_now = black_now.clone();
        use_effect_with(on_command.clone(), move |_| {
            let listener = browser::on_peer_message(move |text| match Message::parse(&text) {
                Some(Message::Hello) => {
                    let frag = url::encode(&latest.borrow());
                    browser::post_to_peer(&Message::State(frag).encode());
                    browser::post_to_peer(&Message::Screen(*black_now.borrow()).encode());
                    if *notes != Notes::Window {
                        notes.set(Notes::Window);
                    }
                }
                Some(Message::Go(c)) => on_command.emit(c),
                Some(Message::Key(k)) => browser::replay_key(&k),
                Some(Message::Bye) => {
                    browser::forget_presenter();
                    notes.set(Notes::Hidden);
                }
                _ => {}
            });
            let bye = browser::on_page_hide(|| browser::post_to_peer(&Message::Bye.encode()));
            move || drop((listener, bye))
        });
    }
    {
        let state = store.state.clone();
        use_effect_with(state, move |state| {
            browser::set_theme(state.theme.map(|t| t.key()));
            if browser::presenter_open() {
                browser::post_to_peer(&Message::State(url::encode(state)).encode());
            }
        });
    }
    use_effect_with(screen_black, move |black| {
        if browser::presenter_open() {
            browser::post_to_peer(&Message::Screen(*black).encode());
        }
    });

    {
        // Presentation has no scrollbars: each page meets the screen its own way (the matrix
        // measures itself; see `slide::present_fit`), again once the root type size has
        // applied and whenever the window changes size.
        let fit = match phone_tour {
            true => evidence_core::viewmodel::slide::PresentFit::None,
            false => evidence_core::viewmodel::slide::present_fit(&d.0.corpus, &store.state),
        };
        use_effect_with((store.state.clone(), fit), move |(_, fit)| {
            let fit = *fit;
            browser::fit_page(fit);
            browser::spawn(async move {
                browser::sleep(150).await;
                browser::fit_page(fit);
            });
            let listener = browser::on_resize(move || browser::fit_page(fit));
            move || drop(listener)
        });
    }

    // The handout's print preview: the current view (false) or the whole tour (true).
    let handout = use_state(|| None::<bool>);
    // Speaker notes are for the facilitator: a participants' handout leaves them out unless asked.
    let handout_notes = use_state(|| false);
    let open_handout = {
        let handout = handout.clone();
        use_callback((), move |tour: bool, _| handout.set(Some(tour)))
    };

    // Listen for Back/Forward and edited addresses.
    {
        let store = store.clone();
        let d = d.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listeners = browser::on_fragment_change(move |frag| {
                let (state, notices) = decode_versioned(&frag, &d.0.corpus);
                if opens_new_page(&latest.borrow().route, &state.route) {
                    browser::scroll_page_top();
                }
                store.dispatch(Msg::FromUrl(Box::new(state), notices));
            });
            browser::mark_ready();
            move || drop(listeners)
        });
    }

    // Fold the texts for search once the first view is painted: start-up does not wait for it
    // (at a hundred times this corpus it takes a good part of a second), and by the time
    // someone types, the first keystroke does not either.
    {
        let d = d.clone();
        let frame = use_mut_ref(|| None::<browser::Frame>);
        use_effect_with((), move |_| {
            *frame.borrow_mut() = Some(browser::next_frame(move || {
                browser::after(0, move || d.0.index.search.warm(&d.0.corpus)).forget();
            }));
        });
    }

    // Keep the URL in step with the state.
    {
        let state = store.state.clone();
        let replace = store.replace_history;
        let d = d.clone();
        use_effect_with((state, phone_tour), move |(state, phone_tour)| {
            let frag = versions::shared_fragment(state, &d.0.corpus);
            if frag != browser::fragment() {
                browser::set_fragment(&frag, replace);
            }
            browser::set_title(&page_title(&d.0.corpus, state));
            browser::set_mode(display_mode(state.mode, *phone_tour));
        });
    }

    // Presentation mode on (the whole screen where the browser allows it, else a hint) or off.
    let fs_hint = use_state(|| false);
    let set_presenting = {
        let dispatch = dispatch.clone();
        let fs_hint = fs_hint.clone();
        use_callback((), move |on: bool, _| {
            if on {
                let hint = fs_hint.clone();
                if !browser::enter_fullscreen_or(move || hint.set(true)) {
                    fs_hint.set(true);
                }
                dispatch.emit(Action::SetMode(Mode::Present));
            } else {
                browser::exit_fullscreen();
                dispatch.emit(Action::SetMode(Mode::Explore));
            }
        })
    };
    {
        // Leaving presentation by any way (Back, an edited address) gives the screen back.
        let fs_hint = fs_hint.clone();
        use_effect_with(store.state.mode, move |m| {
            if *m == Mode::Explore {
                browser::exit_fullscreen();
                fs_hint.set(false);
            }
        });
    }
    {
        // Escape in full screen is the browser's: it leaves the whole screen without a key
        // event, so leaving the whole screen leaves presentation mode too.
        let dispatch = dispatch.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = browser::on_fullscreen_exit(move || {
                if latest.borrow().mode == Mode::Present {
                    dispatch.emit(Action::SetMode(Mode::Explore));
                }
            });
            move || drop(listener)
        });
    }
    {
        // One press of Escape leaves presentation, whatever is open (a menu, a field, the
        // panel): it is taken before any element sees it, and closes the top bar's menus.
        let set_presenting = set_presenting.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = browser::on_escape_first(move || {
                let presenting = latest.borrow().mode == Mode::Present;
                if presenting {
                    browser::close_menus();
                    set_presenting.emit(false);
                }
                presenting
            });
            move || drop(listener)
        });
    }
    {
        // A tour read on a phone: a swipe to the left goes on, to the right goes back.
        let on_command = on_command.clone();
        use_effect_with(phone_tour, move |on| {
            let listeners = on
                .then(|| {
                    browser::on_swipe("phone-tour", move |dx, dy| {
                        match evidence_core::viewmodel::phone::swipe(dx, dy) {
                            Some(tour::Nav::Next) => on_command.emit(Command::Next),
                            Some(tour::Nav::Prev) => on_command.emit(Command::Prev),
                            _ => {}
                        }
                    })
                })
                .flatten();
            move || drop(listeners)
        });
    }
    {
        // A phone fits the step's view to its width (what is still wider scrolls in its box).
        let state = store.state.clone();
        use_effect_with((state, phone_tour), move |(_, on)| {
            let listener = on.then(|| {
                browser::fit_width("phone-view");
                browser::on_resize(|| browser::fit_width("phone-view"))
            });
            move || drop(listener)
        });
    }
    // The tour editor beside the page, and the tour file it opened last (file name, title, the
    // tour value it gave), so it can say where the tour comes from.
    let editor = use_state(|| false);
    let opened_file = use_state(|| None::<Rc<(String, String, String)>>);
    let on_open_file = {
        let (store, opened_file, latest) = (store.clone(), opened_file.clone(), latest.clone());
        use_callback(
            (),
            move |(name, title, state, notices): OpenedFile, _| match state {
                Some(state) => {
                    if let Some(t) = state.tour.clone() {
                        opened_file.set(Some(Rc::new((name, title, t))));
                    }
                    store.dispatch(Msg::Open(state, notices));
                }
                // Nothing usable: the view stays, the notices say why.
                None => store.dispatch(Msg::Open(Box::new(latest.borrow().clone()), notices)),
            },
        )
    };

    // Presentation of a tour: the number typed for a jump (the blacked-out screen is above).
    let jump_digits = use_mut_ref(String::new);

    // Global keys: "/" focuses the search, P toggles presentation, Escape closes the panel or
    // leaves presentation.
    {
        let dispatch = dispatch.clone();
        let state = store.state.clone();
        let open_presenter = open_presenter.clone();
        let set_presenting = set_presenting.clone();
        let digits = jump_digits.clone();
        let black = black.clone();
        let corpus = d.clone();
        let blacked = *black;
        use_effect_with((state, blacked), move |(state, _)| {
            let has_selection = state.selection.is_some();
            let presenting = state.mode == Mode::Present;
            let current = state.clone();
            let listener = browser::on_keydown(move |e| {
                let plain = !(e.ctrl_key() || e.meta_key() || e.alt_key());
                // Presentation keys first (Escape falls through below): a reveal in progress
                // takes Next and Previous until it is done, then a tour moves between steps.
                let key = if presenting && plain && !browser::typing_in_field() {
                    tour::key_action(&e.key(), &mut digits.borrow_mut())
                } else {
                    None
                };
                match (key, &current.tour) {
                    (Some(KeyAction::Go(nav @ (tour::Nav::Next | tour::Nav::Prev))), _)
                        if current.reveal.is_some() =>
                    {
                        let (c, index) = (&corpus.0.corpus, &corpus.0.index);
                        let total = reveal_total(c, index, &current);
                        if let Some(delta) = reveal_move(&current, total, nav == tour::Nav::Prev) {
                            e.prevent_default();
                            dispatch.emit(Action::RevealStep(delta, total));
                            return;
                        }
                    }
                    _ => {}
                }
                match (key, &current.tour) {
                    (Some(KeyAction::Digit), Some(_)) => {
                        e.prevent_default();
                        return;
                    }
                    (Some(KeyAction::Black), _) => {
                        e.prevent_default();
                        black.set(!*black);
                        return;
                    }
                    (Some(KeyAction::Go(nav)), Some(payload)) => {
                        e.prevent_default();
                        let (t, _) = tour::decode(payload, &corpus.0.corpus);
                        let to = tour::navigate(current.step, t.steps.len(), nav);
                        if let Some(next) = tour::step_state(&t, to, &current) {
                            if next != current {
                                dispatch.emit(Action::Replace(Box::new(next)));
                            }
                        }
                        return;
                    }
                    _ => {}
                }
                if (e.key() == "s" || e.key() == "S") && plain && !browser::typing_in_field() {
                    e.prevent_default();
                    open_presenter.emit(());
                } else if e.key() == "/" && !browser::typing_in_field() {
                    e.prevent_default();
                    browser::focus("search-input");
                } else if (e.key() == "p" || e.key() == "P") && plain && !browser::typing_in_field()
                {
                    // P toggles presentation mode (Escape also leaves it).
                    e.prevent_default();
                    set_presenting.emit(!presenting);
                } else if e.key() == "Escape" && !e.default_prevented() {
                    if has_selection {
                        dispatch.emit(Action::Select(None));
                    } else if presenting {
                        set_presenting.emit(false);
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
    // A tour's quote slide replaces the page it was opened over.
    let page = match evidence_core::workshop::tour_edit::quote_slide(&state, &d.0.corpus) {
        Some(q) => html! {
            <QuoteSlideView data={d.clone()} state={state.clone()} quote={q} dispatch={dispatch.clone()} />
        },
        None => page,
    };
    let page = match *handout {
        Some(tour) => {
            let (heading, steps) =
                evidence_core::workshop::handout::pages(&d.0.corpus, &state, tour);
            let tour_steps = state.tour.as_deref().map_or(0, |p| {
                evidence_core::link::tour::decode(p, &d.0.corpus)
                    .0
                    .steps
                    .len()
            });
            html! {
                <Handout data={d.clone()} {heading} steps={Rc::new(steps)} base={browser::base_url()}
                    open_at={state.open_at.clone()}
                    on_open_at={let d = dispatch.clone(); Callback::from(move |a: Option<String>| d.emit(Action::SetOpenAt(a)))}
                    whole={tour} {tour_steps} on_scope={open_handout.clone()}
                    notes={*handout_notes}
                    on_notes={let n = handout_notes.clone(); Callback::from(move |b: bool| n.set(b))}
                    on_print={Callback::from(|_: ()| browser::print())}
                    on_close={let h = handout.clone(); Callback::from(move |_: ()| h.set(None))} />
            }
        }
        None => page,
    };
    if phone_tour {
        let step = evidence_core::viewmodel::phone::phone_step(&d.0.corpus, &state);
        let go = |c: Command| {
            let on_command = on_command.clone();
            Callback::from(move |_: MouseEvent| on_command.emit(c))
        };
        let leave = set_presenting.clone();
        return html! {
            <div class="app" data-mode="tour-phone" data-route={evidence_core::state::route_key(&state.route)}>
                <Notices notices={store.notices.clone()} on_dismiss={dismiss} />
                { phone_tour_view(step, page, go(Command::Prev), go(Command::Next),
                    Callback::from(move |_: MouseEvent| leave.emit(false))) }
            </div>
        };
    }
    let print_link = match *handout {
        Some(_) => html! {},
        None => {
            let page_base = browser::base_url();
            let base =
                evidence_core::workshop::handout::link_base(&page_base, state.open_at.as_deref());
            html! { <PrintLink link={format!("{base}#{}", versions::shared_fragment(&state, &d.0.corpus))} /> }
        }
    };
    let main = html! { <main id="main" class="page" tabindex="-1">{ page }{ print_link }</main> };
    let presenting = state.mode == Mode::Present;
    let main = if *editor && !presenting && handout.is_none() {
        html! {
            <div class="with-editor">
                { main }
                <TourEditor data={d.clone()} state={state.clone()} dispatch={dispatch.clone()}
                    on_handout={open_handout.clone()} opened={(*opened_file).clone()} on_open={on_open_file.clone()}
                    on_close={let e = editor.clone(); Callback::from(move |_: ()| e.set(false))} />
            </div>
        }
    } else {
        main
    };
    let close_notes = {
        let notes = notes.clone();
        Callback::from(move |_: ()| notes.set(Notes::Hidden))
    };
    html! {
        <div class="app" data-mode={mode_name(state.mode)} data-route={evidence_core::state::route_key(&state.route)}>
            <crate::components::print_head::PrintHead data={d.clone()} state={state.clone()} />
            <Header data={d.clone()} state={state.clone()} dispatch={dispatch.clone()}
                on_presenter={open_presenter.clone()} on_handout={open_handout.clone()}
                on_present={set_presenting.clone()} tour_open={*editor}
                on_tour={let e = editor.clone(); Callback::from(move |_: ()| e.set(!*e))} />
            <Notices notices={store.notices.clone()} on_dismiss={dismiss} />
            if presenting {
                <div class="present-controls">
                    if *fs_hint {
                        <p class="fs-hint" role="status" data-testid="fullscreen-hint">
                            { "Full screen is not available in this window: press F11 (⌃⌘F on a Mac) to fill the screen." }
                        </p>
                    }
                    <button type="button" class="btn present-exit" data-testid="present-exit"
                        onclick={let p = set_presenting.clone(); move |_: MouseEvent| p.emit(false)}>
                        { "Exit presentation (Esc)" }
                    </button>
                </div>
            }
            { tour_bar(&d.0.corpus, &state) }
            if *black && state.mode == Mode::Present {
                <div class="blackout" data-testid="blackout" aria-hidden="true"
                    onclick={let b = black.clone(); move |_: MouseEvent| b.set(false)}></div>
            }
            if *notes == Notes::Split {
                <div class="split-view" data-testid="split-view">
                    { main }
                    <div class="split-notes">
                        <p class="popup-blocked" role="status" data-testid="popup-blocked">
                            { "The browser blocked the presenter window, so the notes are shown here beside the slide. To use a second screen, allow pop-ups for this page and press S again." }
                        </p>
                        <Console data={d.clone()} state={state.clone()} on_command={on_command.clone()}
                            split=true on_close={close_notes} black={screen_black} />
                    </div>
                </div>
            } else {
                { main }
            }
        </div>
    }
}

/// The step indicator of a tour in presentation mode: the step's title, "Step k of n" and a
/// progress bar. Nothing outside a tour or outside presentation mode.
fn tour_bar(corpus: &Corpus, state: &ViewState) -> Html {
    let Some(payload) = state
        .tour
        .as_deref()
        .filter(|_| state.mode == Mode::Present)
    else {
        return html! {};
    };
    let (t, _) = tour::decode(payload, corpus);
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

/// Decodes a fragment; a link made with another corpus version gets a first notice naming the
/// versions and what no longer exists.
fn decode_versioned(frag: &str, corpus: &Corpus) -> (ViewState, Vec<String>) {
    let (mut state, notices) = url::decode(frag, corpus);
    let mut out: Vec<String> = Vec::new();
    if let Some(v) = versions::version_notice(state.cv.as_deref(), corpus, &notices) {
        out.push(v);
    }
    out.extend(notices.iter().map(|n| n.to_string()));
    // The state never holds a version: every link the app writes (the address bar, "Copy
    // link", printouts, exports) gets this corpus's version from `versions::shared_fragment`.
    state.cv = None;
    (state, out)
}

/// A tour read on a phone: the step's title and place in the tour, its view fitted to the
/// width, the point and the question, "Back" and "Next" (a swipe does the same), and a way out
/// to explore the view.
fn phone_tour_view(
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

/// The name on `<html data-mode>`: the mode's, or `tour-phone` for a tour read on a phone
/// (which is not laid out as a presentation).
fn display_mode(mode: Mode, phone_tour: bool) -> &'static str {
    if phone_tour {
        "tour-phone"
    } else {
        mode_name(mode)
    }
}

/// The name of a mode in `data-mode` attributes (the stylesheet keys on it).
fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Present => "present",
        Mode::Explore => "explore",
    }
}

/// What a presenter command does to the audience window's view.
fn command_actions(c: &Corpus, state: &ViewState, cmd: Command) -> Vec<Action> {
    let nav = match cmd {
        Command::Theme(t) => return vec![Action::SetTheme(t)],
        Command::Next => tour::Nav::Next,
        Command::Prev => tour::Nav::Prev,
        Command::First => tour::Nav::First,
        Command::Last => tour::Nav::Last,
        Command::Step(n) => tour::Nav::Jump(n + 1),
        // Blacking the screen is the audience window's own state (B or `.` there).
        Command::Black => return Vec::new(),
    };
    let Some(payload) = state.tour.as_deref() else {
        return Vec::new();
    };
    let (t, _) = tour::decode(payload, c);
    let to = tour::navigate(state.step, t.steps.len(), nav);
    match tour::step_state(&t, to, state) {
        Some(next) if next != *state => vec![Action::Replace(Box::new(next))],
        _ => Vec::new(),
    }
}
