//! The presenter's console: the current step's title and note, the next step's title, the step
//! list to jump from, and a clock that can be paused and reset. It runs in the presenter window
//! (`PresenterWindow`, driven by messages from the audience window) or beside the slide in the
//! same window when the browser blocked the popup (`Console` with `split`).

use std::rc::Rc;

use evidence_core::presenter::{format_elapsed, is_forwarded_key, Clock, Command, Message};
use evidence_core::tour;
use evidence_core::url;
use evidence_core::view::{Theme, ViewState};
use yew::prelude::*;

use crate::browser;
use crate::data::Shared;

/// One step as the console lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct StepInfo {
    /// The step's title.
    pub title: String,
    /// The speaker note (may be empty).
    pub note: String,
}

/// The tour a view belongs to, as the console shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// The tour's title.
    pub title: String,
    /// Its steps.
    pub steps: Vec<StepInfo>,
    /// The step shown (0-based, within `steps`).
    pub current: usize,
}

/// The tour of a view, if it is a tour step: its steps' titles and notes and the one shown.
fn tour_outline(data: &Shared, state: &ViewState) -> Option<Outline> {
    let payload = state.tour.as_deref()?;
    let (t, _) = tour::decode(payload, &data.0.corpus);
    if t.steps.is_empty() {
        return None;
    }
    let steps: Vec<StepInfo> = t
        .steps
        .iter()
        .map(|s| StepInfo {
            title: s.title.clone(),
            note: s.note.clone(),
        })
        .collect();
    let current = state.step.min(steps.len() - 1);
    Some(Outline {
        title: format!("Tour of {} steps", steps.len()),
        steps,
        current,
    })
}

/// Props of `Console`.
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// Corpus and index.
    pub data: Shared,
    /// What the audience sees.
    pub state: Rc<ViewState>,
    /// Moves the audience window's tour.
    pub on_command: Callback<Command>,
    /// Shown beside the slide in the audience window (the popup was blocked).
    #[prop_or_default]
    pub split: bool,
    /// The audience window is connected (always true beside the slide).
    #[prop_or(true)]
    pub connected: bool,
    /// Closes the split view.
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

/// The presenter's console.
#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let clock = use_state(|| Clock::started(browser::now()));
    let tick = use_state(|| 0u32);
    {
        let tick = tick.clone();
        use_effect_with((), move |_| {
            let mut n = 0u32;
            let interval = browser::every(1000, move || {
                n = n.wrapping_add(1);
                tick.set(n);
            });
            move || drop(interval)
        });
    }
    let elapsed = format_elapsed(clock.elapsed(browser::now()));
    let running = clock.running();
    let on_toggle = {
        let clock = clock.clone();
        Callback::from(move |_: MouseEvent| clock.set(clock.toggle(browser::now())))
    };
    let on_reset = {
        let clock = clock.clone();
        Callback::from(move |_: MouseEvent| clock.set(clock.reset(browser::now())))
    };
    let cmd = |c: Command| {
        let on = props.on_command.clone();
        Callback::from(move |_: MouseEvent| on.emit(c))
    };
    let on_theme = {
        let on = props.on_command.clone();
        Callback::from(move |e: Event| {
            on.emit(Command::Theme(Theme::from_key(&browser::select_value(&e))));
        })
    };
    let theme = props.state.theme;
    let outline = tour_outline(&props.data, &props.state);
    let view_title = evidence_core::viewmodel::page_title(&props.data.0.corpus, &props.state);
    let body = match &outline {
        Some(o) => {
            let n = o.steps.len();
            let cur = o.steps.get(o.current);
            let next = o.steps.get(o.current + 1);
            html! {
                <>
                    <p class="pv-tour">{ o.title.clone() }</p>
                    <section class="pv-now" aria-labelledby="pv-now-h">
                        <h2 id="pv-now-h" data-testid="pv-current">
                            <span class="pv-k">{ format!("Step {} of {n}", o.current + 1) }</span>
                            { cur.map(|s| s.title.clone()).unwrap_or_default() }
                        </h2>
                        <div class="pv-note" data-testid="pv-note">
                            { match cur.map(|s| s.note.as_str()).filter(|t| !t.trim().is_empty()) {
                                Some(t) => html! { <>{ for t.split("\n\n").map(|p| html! { <p>{ p.to_string() }</p> }) }</> },
                                None => html! { <p class="pv-empty">{ "No speaker note for this step." }</p> },
                            } }
                        </div>
                    </section>
                    <p class="pv-next" data-testid="pv-next">
                        { match next {
                            Some(s) => html! { <>{ "Next: " }<strong>{ s.title.clone() }</strong></> },
                            None => html! { { "Next: the end of the tour." } },
                        } }
                    </p>
                    <div class="pv-buttons">
                        <button type="button" class="btn" data-testid="pv-prev" onclick={cmd(Command::Prev)}
                            disabled={o.current == 0}>{ "← Previous" }</button>
                        <button type="button" class="btn" data-testid="pv-next-btn" onclick={cmd(Command::Next)}
                            disabled={o.current + 1 >= n}>{ "Next →" }</button>
                    </div>
                    <nav aria-label="Steps" class="pv-steps">
                        <ol>
                            { for o.steps.iter().enumerate().map(|(i, s)| {
                                let current = i == o.current;
                                html! {
                                    <li>
                                        <button type="button" class={classes!("pv-step", current.then_some("current"))}
                                            aria-current={current.then_some("step")}
                                            data-testid="pv-step" onclick={cmd(Command::Step(i))}>
                                            <span class="pv-num">{ i + 1 }</span>{ s.title.clone() }
                                        </button>
                                    </li>
                                }
                            }) }
                        </ol>
                    </nav>
                </>
            }
        }
        None => html! {
            <section class="pv-now" aria-labelledby="pv-now-h">
                <h2 id="pv-now-h" data-testid="pv-current">{ view_title }</h2>
                <p class="pv-empty" data-testid="pv-note">
                    { "This view is not a tour step: the audience window shows it as it is. Start a tour there to get its steps and notes here." }
                </p>
            </section>
        },
    };
    html! {
        <aside class={classes!("presenter-console", props.split.then_some("split"))}
               data-testid="presenter-console" aria-label="Presenter view">
            <div class="pv-bar">
                <h1 class="pv-title">{ "Presenter view" }</h1>
                <div class="pv-clock" role="timer" aria-label="Elapsed time" data-testid="pv-clock"
                     data-running={running.to_string()}>{ elapsed }</div>
                <button type="button" class="btn" data-testid="pv-clock-toggle" aria-pressed={(!running).to_string()}
                    onclick={on_toggle}>{ if running { "Pause clock" } else { "Resume clock" } }</button>
                <button type="button" class="btn" data-testid="pv-clock-reset" onclick={on_reset}>{ "Reset" }</button>
                <label class="theme-pick">
                    <span class="visually-hidden">{ "Theme of the audience window" }</span>
                    <select data-testid="pv-theme" onchange={on_theme}>
                        <option value="" selected={theme.is_none()}>{ "Audience theme: system" }</option>
                        { for Theme::ALL.iter().map(|t| html! {
                            <option value={t.key()} selected={theme == Some(*t)}>{ format!("Audience theme: {}", t.label()) }</option>
                        }) }
                    </select>
                </label>
                { match &props.on_close {
                    Some(close) => {
                        let close = close.clone();
                        html! { <button type="button" class="btn" data-testid="pv-close"
                            onclick={move |_: MouseEvent| close.emit(())}>{ "Close notes" }</button> }
                    }
                    None => html! {},
                } }
            </div>
            if !props.connected {
                <p class="pv-lost" role="status" data-testid="pv-disconnected">
                    { "The audience window is not answering (closed or reloading). This window reconnects when it is back." }
                </p>
            }
            { body }
        </aside>
    }
}

/// Props of `PresenterWindow`.
#[derive(Properties, PartialEq)]
pub struct PresenterWindowProps {
    /// Corpus and index.
    pub data: Shared,
}

/// The root of the presenter window: follows the audience window's view, sends it the keys
/// and the buttons pressed here.
#[component]
pub fn PresenterWindow(props: &PresenterWindowProps) -> Html {
    let state = use_state(|| Rc::new(ViewState::default()));
    // (`_eq`: setting the same value again, as the heartbeat does, renders nothing.)
    let connected = use_state_eq(|| false);
    // When the audience window last sent its view (ms, `browser::now`).
    let heard = use_mut_ref(|| f64::NEG_INFINITY);
    {
        let state = state.clone();
        let connected = connected.clone();
        let data = props.data.clone();
        let heard = heard.clone();
        use_effect_with((), move |_| {
            let on_message = {
                let connected = connected.clone();
                let heard = heard.clone();
                move |text: String| match Message::parse(&text) {
                    Some(Message::State(frag)) => {
                        let (s, _) = url::decode(&frag, &data.0.corpus);
                        browser::set_theme(s.theme.map(|t| t.key()));
                        state.set(Rc::new(s));
                        *heard.borrow_mut() = browser::now();
                        connected.set(true);
                    }
                    Some(Message::Bye) => {
                        *heard.borrow_mut() = f64::NEG_INFINITY;
                        connected.set(false);
                    }
                    _ => {}
                }
            };
            let listener = browser::on_peer_message(on_message);
            let keys = browser::on_keydown(|e| {
                if browser::typing_in_field() || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let key = e.key();
                let for_button = (key == " " || key == "Enter") && browser::focus_on_button();
                if is_forwarded_key(&key) && !for_button {
                    e.prevent_default();
                    browser::post_to_peer(&Message::Key(key).encode());
                }
            });
            let bye = browser::on_page_hide(|| browser::post_to_peer(&Message::Bye.encode()));
            browser::post_to_peer(&Message::Hello.encode());
            // A heartbeat: say hello when the audience window has been quiet for a while (it
            // answers with its view, and a reloaded audience window adopts this one); after
            // five quiet seconds, say that it is not answering.
            let heartbeat = browser::every(1000, move || {
                let quiet = browser::now() - *heard.borrow();
                if quiet > 1500.0 {
                    browser::post_to_peer(&Message::Hello.encode());
                }
                if quiet > 5000.0 {
                    connected.set(false);
                }
            });
            browser::mark_ready();
            move || drop((listener, keys, bye, heartbeat))
        });
    }
    {
        let title = format!("Presenter · {}", props.data.0.corpus.about.title);
        use_effect_with((), move |_| browser::set_title(&title));
    }
    let on_command = Callback::from(|c: Command| browser::post_to_peer(&Message::Go(c).encode()));
    html! {
        <div class="app presenter-window" data-mode="presenter">
            <main id="main" class="page" tabindex="-1">
                <Console data={props.data.clone()} state={(*state).clone()} {on_command}
                    connected={*connected} />
            </main>
        </div>
    }
}
