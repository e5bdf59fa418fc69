//! The presenter's console: the current step's title and every part of its notes, the quotes
//! the audience sees, planned against spent time (for the step and in all), live previews of
//! the current and the next step (the app itself in two small frames), whether the audience
//! screen is black, the step list to jump from, and a clock that can be paused and reset. It runs in the presenter window
//! (`PresenterWindow`, driven by messages from the audience window) or beside the slide in the
//! same window when the browser blocked the popup (`Console` with `split`).

use std::rc::Rc;

use evidence_core::link::tour;
use evidence_core::link::url;
use evidence_core::state::{Theme, ViewState};
use evidence_core::workshop::presenter::{
    format_elapsed, is_forwarded_key, timing, Clock, Command, Message, StepTimes,
};
use yew::prelude::*;

use crate::browser;
use crate::data::Shared;

/// One step as the console lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct StepInfo {
    /// The step's title.
    pub title: String,
    /// The speaker note's point (may be empty).
    pub note: String,
    /// The other parts of the notes.
    pub parts: tour::Parts,
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
    /// Where the tour comes from ("Corpus tour “…”", "Tour from a link").
    pub source: String,
    /// The fragments (without `#`) of the current and the next step as the audience sees them.
    pub previews: (Option<String>, Option<String>),
}

/// The tour of a view, if it is a tour step: its steps' titles and notes and the one shown.
fn tour_outline(data: &Shared, state: &ViewState) -> Option<Outline> {
    let payload = state.tour.as_deref()?;
    let t = data.0.tour(state)?;
    if t.steps.is_empty() {
        return None;
    }
    let steps: Vec<StepInfo> = t
        .steps
        .iter()
        .map(|s| StepInfo {
            title: s.title.clone(),
            note: s.note.clone(),
            parts: s.parts.clone(),
        })
        .collect();
    let current = state.step.min(steps.len() - 1);
    let preview = |i: usize| {
        tour::step_state(&t, i, state).map(|s| {
            url::encode(&ViewState {
                mode: evidence_core::state::Mode::Present,
                ..s
            })
        })
    };
    let source = match tour::source(payload, &data.0.corpus) {
        tour::Source::Named(title) => format!("Corpus tour “{title}”"),
        tour::Source::Link => "Tour from a link or a file".to_string(),
    };
    Some(Outline {
        title: format!("Tour of {} steps", steps.len()),
        steps,
        current,
        source,
        previews: (Some(url::encode(state)), preview(current + 1)),
    })
}

/// The parts of a step's notes, each under its name; a part not given is left out (the point
/// says so when there is none).
fn notes_html(s: &StepInfo) -> Html {
    let p = &s.parts;
    let part = |name: &'static str, key: &'static str, text: &str| {
        if text.trim().is_empty() {
            return html! {};
        }
        html! {
            <div class={classes!("pv-part", format!("pv-{key}"))} data-testid={format!("pv-part-{key}")}>
                <dt>{ name }</dt>
                <dd>{ for text.split("\n\n").map(|t| html! { <p>{ t.to_string() }</p> }) }</dd>
            </div>
        }
    };
    let point = if s.note.trim().is_empty() {
        html! { <p class="pv-empty">{ "No speaker note for this step." }</p> }
    } else if p.is_empty() {
        // A note without parts (a tour made before notes had them) reads as it always has.
        html! { <>{ for s.note.split("\n\n").map(|t| html! { <p>{ t.to_string() }</p> }) }</> }
    } else {
        html! { <dl class="pv-parts">{ part("Point", "point", &s.note) }</dl> }
    };
    html! {
        <>
            { point }
            <dl class="pv-parts">
                { part("Show", "show", &p.show) }
                { part("Contrast", "contrast", &p.contrast) }
                { part("Judgement call", "judgement", &p.judgement) }
                { part("Question for the room", "question", &p.question) }
            </dl>
        </>
    }
}

/// The quotes the audience sees (the open quote, or those behind the selection), as the
/// handout lists them.
fn quotes_html(data: &Shared, state: &ViewState) -> Html {
    let c = &data.0.corpus;
    let (quotes, total) = evidence_core::workshop::handout::view_quotes(c, &data.0.index, state);
    if quotes.is_empty() {
        return html! {};
    }
    let more = total.saturating_sub(quotes.len());
    html! {
        <section class="pv-quotes" aria-labelledby="pv-quotes-h" data-testid="pv-quotes">
            <h3 id="pv-quotes-h">{ if total == 1 { "The quote on screen".to_string() } else { format!("The {total} quotes on screen") } }</h3>
            <ul>
                { for quotes.iter().map(|&(k, q)| {
                    let coding = &c.codings[k];
                    let source = format!("{} · {}", c.papers[coding.paper].short_title, c.categories[coding.category].label);
                    html! {
                        <li data-testid="pv-quote">
                            <blockquote>{ coding.quotes[q].text.clone() }</blockquote>
                            <p class="pv-source">{ source }</p>
                        </li>
                    }
                }) }
            </ul>
            if more > 0 {
                <p class="pv-empty">{ format!("and {more} more") }</p>
            }
        </section>
    }
}

/// A live preview: the app itself at `fragment`, scaled down, inert (the audience window is
/// where things are clicked).
fn preview_html(label: &str, testid: &'static str, fragment: Option<&String>) -> Html {
    let body = match fragment {
        Some(f) => html! {
            <div class="pv-frame">
                <iframe src={format!("{}#{f}", browser::base_url())} title={format!("Preview: {label}")}
                    tabindex="-1" inert=true loading="eager" data-testid={format!("{testid}-frame")}></iframe>
            </div>
        },
        None => html! { <p class="pv-frame pv-end">{ "The end of the tour." }</p> },
    };
    html! {
        <figure class="pv-preview" data-testid={testid}>
            <figcaption>{ label.to_string() }</figcaption>
            { body }
        </figure>
    }
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
    /// The audience screen is blacked out.
    #[prop_or_default]
    pub black: bool,
}

/// The presenter's console.
#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let outline = tour_outline(&props.data, &props.state);
    let clock = use_console_clock(outline.as_ref().map(|o| o.current));
    let view_title = evidence_core::share::labels::page_title(&props.data.0.corpus, &props.state);
    let black = html! {
        <p class={classes!("pv-screen", props.black.then_some("black"))} role="status" data-testid="pv-screen"
            data-black={props.black.to_string()}>
            { if props.black { "The audience screen is black (B or . shows it again)." } else { "The audience screen shows the view." } }
        </p>
    };
    let body = match &outline {
        Some(o) => tour_body(props, o, &clock, black),
        None => html! {
            <>
                { black }
                <section class="pv-now" aria-labelledby="pv-now-h">
                    <h2 id="pv-now-h" data-testid="pv-current">{ view_title }</h2>
                    <p class="pv-empty" data-testid="pv-note">
                        { "This view is not a tour step: the audience window shows it as it is. Start a tour there to get its steps and notes here." }
                    </p>
                    { quotes_html(&props.data, &props.state) }
                </section>
            </>
        },
    };
    html! {
        <aside class={classes!("presenter-console", props.split.then_some("split"))}
               data-testid="presenter-console" aria-label="Presenter view">
            { console_bar(props, &clock) }
            if !props.connected {
                <p class="pv-lost" role="status" data-testid="pv-disconnected">
                    { "The audience window is not answering (closed or reloading). This window reconnects when it is back." }
                </p>
            }
            { body }
        </aside>
    }
}

/// The console's clock: elapsed time (redrawn every second), paused or running, and the time
/// spent on each step (banked whenever the audience window shows another step).
struct ConsoleClock {
    /// Elapsed ms now.
    now: f64,
    running: bool,
    times: StepTimes,
    on_toggle: Callback<MouseEvent>,
    on_reset: Callback<MouseEvent>,
}

/// The clock of the console, given the step shown (`None`: not a tour step).
#[hook]
fn use_console_clock(current: Option<usize>) -> ConsoleClock {
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
    // Time on each step: banked whenever the audience window shows another step.
    let times = use_state(StepTimes::default);
    {
        let (times, clock) = (times.clone(), clock.clone());
        use_effect_with(current, move |current| {
            if let Some(step) = *current {
                times.set(times.show(step, clock.elapsed(browser::now())));
            }
        });
    }
    let on_toggle = {
        let clock = clock.clone();
        Callback::from(move |_: MouseEvent| clock.set(clock.toggle(browser::now())))
    };
    let on_reset = {
        let (clock, times) = (clock.clone(), times.clone());
        Callback::from(move |_: MouseEvent| {
            clock.set(clock.reset(browser::now()));
            times.set(StepTimes::reset(current, 0.0));
        })
    };
    ConsoleClock {
        now: clock.elapsed(browser::now()),
        running: clock.running(),
        times: (*times).clone(),
        on_toggle,
        on_reset,
    }
}

/// A button's click that sends `c` to the audience window.
fn command(on: &Callback<Command>, c: Command) -> Callback<MouseEvent> {
    let on = on.clone();
    Callback::from(move |_: MouseEvent| on.emit(c))
}

/// The console's bar: its title, the clock (pause, reset), the audience's theme, and "Close
/// notes" beside the slide.
fn console_bar(props: &ConsoleProps, clock: &ConsoleClock) -> Html {
    let running = clock.running;
    let on_theme = {
        let on = props.on_command.clone();
        Callback::from(move |e: Event| {
            on.emit(Command::Theme(Theme::from_key(&browser::field_value(&e))));
        })
    };
    let theme = props.state.theme;
    html! {
        <div class="pv-bar">
            <h1 class="pv-title">{ "Presenter view" }</h1>
            <div class="pv-clock" role="timer" aria-label="Elapsed time" data-testid="pv-clock"
                 data-running={running.to_string()}>{ format_elapsed(clock.now) }</div>
            <button type="button" class="btn" data-testid="pv-clock-toggle" aria-pressed={(!running).to_string()}
                onclick={clock.on_toggle.clone()}>{ if running { "Pause clock" } else { "Resume clock" } }</button>
            <button type="button" class="btn" data-testid="pv-clock-reset" onclick={clock.on_reset.clone()}>{ "Reset" }</button>
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
    }
}

/// The console of a tour step: its source, the screen, the timing, the step's notes and
/// quotes, the previews of now and next, the buttons and the step list.
fn tour_body(props: &ConsoleProps, o: &Outline, clock: &ConsoleClock, black: Html) -> Html {
    let n = o.steps.len();
    let cur = o.steps.get(o.current);
    let next = o.steps.get(o.current + 1);
    let minutes: Vec<Option<u32>> = o.steps.iter().map(|s| s.parts.minutes).collect();
    let now = clock.now;
    let t = timing(&minutes, o.current, clock.times.spent(o.current, now), now);
    let cmd = |c: Command| command(&props.on_command, c);
    html! {
        <>
            <p class="pv-tour" data-testid="pv-source">{ format!("{} · {}", o.title, o.source) }</p>
            { black }
            <div class="pv-timing" data-testid="pv-timing">
                <p class={classes!("pv-step-time", t.step_over.then_some("over"))} data-testid="pv-step-time"
                    data-over={t.step_over.to_string()}>{ t.step.clone() }</p>
                <p class={classes!("pv-total-time", t.behind.then_some("over"))} data-testid="pv-total-time">
                    { t.total.clone() }
                    if !t.plan.is_empty() { <span class="pv-plan">{ format!(" · {}", t.plan) }</span> }
                </p>
            </div>
            <div class="pv-main">
                <section class="pv-now" aria-labelledby="pv-now-h">
                    <h2 id="pv-now-h" data-testid="pv-current">
                        <span class="pv-k">{ format!("Step {} of {n}", o.current + 1) }
                            { cur.and_then(|s| s.parts.minutes).map(|m| format!(" · {m} min planned")).unwrap_or_default() }</span>
                        { cur.map(|s| s.title.clone()).unwrap_or_default() }
                    </h2>
                    <div class="pv-note" data-testid="pv-note">
                        { cur.map(notes_html).unwrap_or_default() }
                    </div>
                    { quotes_html(&props.data, &props.state) }
                </section>
                <div class="pv-previews">
                    { preview_html("Now on screen", "pv-preview-current", o.previews.0.as_ref()) }
                    { preview_html(&match next {
                        Some(s) => format!("Next: {}", s.title),
                        None => "Next: the end of the tour".to_string(),
                    }, "pv-preview-next", o.previews.1.as_ref()) }
                </div>
            </div>
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
                <button type="button" class="btn" data-testid="pv-black" aria-pressed={props.black.to_string()}
                    onclick={cmd(Command::Black)}>{ if props.black { "Show the screen" } else { "Black the screen" } }</button>
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
    // The audience screen is blacked out.
    let black = use_state_eq(|| false);
    {
        let black = black.clone();
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
                    Some(Message::Screen(b)) => black.set(b),
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
                    connected={*connected} black={*black} />
            </main>
        </div>
    }
}
