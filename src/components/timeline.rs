//! The timeline page: the evidence that passes the filters, drawn by the app as SVG in lanes by
//! paper or by category (`timeline::build_timeline` in the core), where the core's
//! `timeline_layout` puts it. A day is a dot, a month a short bar, a year-only date a dashed
//! bar over the whole year, a range a solid bar; each item's title is written beside it (or
//! inside a long bar) where there is room. Hover or keyboard focus shows an item's details; dragging across the axis,
//! the period inputs or "Zoom to …" set the year range, which then fills the width.

use std::rc::Rc;

use evidence_core::query::timeline::{brush_years, build_timeline, Precision, Timeline};
use evidence_core::query::timeline_layout::{busy_period, layout, Geometry, ItemBox, Layout};
use evidence_core::state::{Action, Route, TimelineLanes, ViewState};
use evidence_core::viewmodel::facets::years_after_input;
use evidence_core::Corpus;
use yew::prelude::*;

use super::exports::ExportBar;
use super::filters_line::FiltersLine;
use super::PageProps;
use crate::browser;

/// The timeline page.
#[component]
pub fn TimelinePage(props: &PageProps) -> Html {
    let s = &props.state;
    let d = &props.dispatch;
    let data = props.data.clone();
    let t = {
        let data = data.clone();
        let s = s.clone();
        use_memo(
            (
                s.filters.clone(),
                s.search.clone(),
                s.selection.clone(),
                s.timeline_lanes,
            ),
            move |_| build_timeline(&data.0.corpus, &data.0.index, &s),
        )
    };
    let g = Geometry::default();
    let lay = {
        let data = data.clone();
        let t = t.clone();
        use_memo(t, move |t| {
            let c = &data.0.corpus;
            layout(
                t,
                |i| c.evidence[t.items[i].evidence].title.as_str(),
                &Geometry::default(),
            )
        })
    };
    let hover = use_state(|| None::<usize>);
    let brush = use_brush(&t, &g, d);
    let c = &data.0.corpus;
    let (first, last) = (t.first_year, t.last_year);
    let width = g.width;
    let height = lay.height;
    html! {
        <div class="timeline" data-testid="timeline-page">
            { controls(s, d, &t) }
            <div class="ov-sub">
                <FiltersLine data={data.clone()} state={s.clone()} dispatch={d.clone()} />
                <ExportBar data={data.clone()} state={s.clone()} />
            </div>
            { if t.items.is_empty() { html! { <p class="empty">{ "No evidence passes the current filters." }</p> } } else { html! {
                <>
                <p class="tl-help">{ "Each item's title is written beside it, or inside a long bar, where there is room. Drag across the axis, or type a period, to zoom to those years (they then fill the width). A dot is a day, a short bar a month, a dashed bar a date known only to the year, a solid bar a range; ◂ or ▸ marks a range that goes on past the period. Hover or focus an item (Tab) for its details; Enter opens its evidence card." }</p>
                <div class="tl-wrap tl-scroll" data-testid="timeline-wrap">
                <svg id="timeline-svg" class={classes!("tl-svg", brush.at.is_some().then_some("brushing"))} data-testid="timeline"
                    viewBox={format!("0 0 {width} {height}")} role="group" aria-label="Timeline of the evidence"
                    data-first={first.to_string()} data-last={last.to_string()}
                    data-x0={g.x0.to_string()} data-x1={g.x1.to_string()} data-w={width.to_string()}
                    onmousedown={brush.on_down} onmousemove={brush.on_move} onmouseup={brush.on_up} onmouseleave={brush.on_leave}>
                    { lanes_and_ticks(c, &t, &lay, &g) }
                    { for lay.items.iter().map(|b| item(c, d, &t, b, &hover, s.selection.is_some())) }
                    { for brush.at.map(|(a, b)| html! {
                        <rect class="tl-brush" x={a.min(b).to_string()} y={g.axis.to_string()} width={(a - b).abs().to_string()} height={(height - g.axis).to_string()} />
                    }) }
                </svg>
                </div>
                <p class="tl-caption" data-testid="tl-caption" aria-live="polite">{ caption(c, &t, *hover).unwrap_or_else(|| "Hover or focus an item for its date, place and lane.".into()) }</p>
                </>
            } } }
        </div>
    }
}

/// The head: the title, lanes by paper or by category, the period (typed, or zoomed to where
/// most events are) and "Show all years".
fn controls(s: &ViewState, d: &Callback<Action>, t: &Timeline) -> Html {
    let lanes = s.timeline_lanes;
    let (first, last) = (t.first_year, t.last_year);
    let seg = |label: &str, pressed: bool, action: Action, test: &str| {
        let d = d.clone();
        html! {
            <button type="button" class="btn" aria-pressed={pressed.to_string()} data-testid={test.to_string()}
                onclick={move |_: MouseEvent| d.emit(action.clone())}>{ label.to_string() }</button>
        }
    };
    let years = s.filters.years;
    let on_period = |is_start: bool| {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let text = browser::field_value(&e);
            d.emit(Action::SetYears(years_after_input(
                years,
                (first, last),
                is_start,
                &text,
            )));
        })
    };
    let busy = busy_period(t);
    html! {
        <div class="ov-head">
            <h1>{ "Timeline" }</h1>
            <div class="toolbar ov-controls">
                <fieldset><legend>{ "Lanes" }</legend>
                    { seg("By paper", lanes == TimelineLanes::Paper, Action::SetLanes(TimelineLanes::Paper), "tl-lanes-paper") }
                    { seg("By category", lanes == TimelineLanes::Category, Action::SetLanes(TimelineLanes::Category), "tl-lanes-category") }
                </fieldset>
                { if t.items.is_empty() { html! {} } else { html! {
                    <fieldset class="tl-period"><legend>{ "Period" }</legend>
                        <label for="tl-from" class="visually-hidden">{ "From year" }</label>
                        <input id="tl-from" type="number" data-testid="tl-from" value={first.to_string()} onchange={on_period(true)} />
                        <span aria-hidden="true">{ "–" }</span>
                        <label for="tl-to" class="visually-hidden">{ "To year" }</label>
                        <input id="tl-to" type="number" data-testid="tl-to" value={last.to_string()} onchange={on_period(false)} />
                        { for busy.map(|(a, b)| seg(&format!("Zoom to {a}–{b}, where most events are"), false, Action::SetYears(Some((a, b))), "tl-zoom-busy")) }
                    </fieldset>
                } } }
                { if years.is_some() { html! {
                    { seg("Show all years", false, Action::SetYears(None), "tl-all-years") }
                } } else { html! {} } }
            </div>
        </div>
    }
}

/// Dragging across the axis: the start and current x in SVG units while the button is down,
/// and the handlers that set the years when it is released.
struct Brush {
    at: Option<(f64, f64)>,
    on_down: Callback<MouseEvent>,
    on_move: Callback<MouseEvent>,
    on_up: Callback<MouseEvent>,
    on_leave: Callback<MouseEvent>,
}

/// A drag (not a click) across the axis sets the years it spans (`brush_years`).
#[hook]
fn use_brush(t: &Rc<Timeline>, g: &Geometry, d: &Callback<Action>) -> Brush {
    let brush = use_state(|| None::<(f64, f64)>);
    let width = g.width;
    let svg_x = move |e: &MouseEvent| -> Option<f64> {
        let (left, w) = browser::rect_of("timeline-svg")?;
        (w > 0.0).then(|| (f64::from(e.client_x()) - left) / w * width)
    };
    let on_down = {
        let brush = brush.clone();
        Callback::from(move |e: MouseEvent| {
            if e.button() != 0 {
                return;
            }
            if let Some(x) = svg_x(&e) {
                e.prevent_default();
                brush.set(Some((x, x)));
            }
        })
    };
    let on_move = {
        let brush = brush.clone();
        Callback::from(move |e: MouseEvent| {
            if let (Some((a, _)), Some(x)) = (*brush, svg_x(&e)) {
                brush.set(Some((a, x)));
            }
        })
    };
    let on_up = {
        let brush = brush.clone();
        let d = d.clone();
        let t = t.clone();
        let g = g.clone();
        Callback::from(move |e: MouseEvent| {
            if let (Some((a, _)), Some(x)) = (*brush, svg_x(&e)) {
                // A drag (not a click) across the axis sets the years.
                if (x - a).abs() > 6.0 {
                    let year = |x: f64| g.year_of(t.first_year, t.last_year, x);
                    if let Some(range) = brush_years(&t, year(a), year(x)) {
                        d.emit(Action::SetYears(Some(range)));
                    }
                }
            }
            brush.set(None);
        })
    };
    let on_leave = {
        let brush = brush.clone();
        Callback::from(move |_: MouseEvent| brush.set(None))
    };
    Brush {
        at: *brush,
        on_down,
        on_move,
        on_up,
        on_leave,
    }
}

/// The lanes' backgrounds, the year ticks and the lanes' heads (stripe, marks, label).
fn lanes_and_ticks(c: &Corpus, t: &Timeline, lay: &Layout, g: &Geometry) -> Html {
    let (width, height) = (g.width, lay.height);
    let lane_chars = ((g.x0 - 30.0) / 6.0) as usize;
    html! {
        <>
        { for t.lanes.iter().zip(lay.lanes.iter()).enumerate().map(|(li, (l, b))| html! {
            <g class={classes!("tl-lane", (li % 2 == 1).then_some("odd"))} data-lane={l.id.clone()}>
                <rect class="tl-lane-bg" x="0" y={b.top.to_string()} width={width.to_string()} height={b.height.to_string()} />
            </g>
        }) }
        { for lay.ticks.iter().map(|k| html! {
            <g class="tl-tick">
                <line x1={k.x.to_string()} x2={k.x.to_string()} y1={(g.axis - 4.0).to_string()} y2={height.to_string()} />
                { if k.labelled { html! { <text x={(k.x + 2.0).to_string()} y={(g.axis - 8.0).to_string()} data-testid="tl-year">{ k.year }</text> } } else { html! {} } }
            </g>
        }) }
        { for t.lanes.iter().zip(lay.lanes.iter()).map(|(l, b)| {
            let mark = c.papers.get(l.paper).map(|p| p.mark.clone()).unwrap_or_default();
            html! {
                <g class={classes!("tl-lane-head", format!("lane-p{}", l.paper % 8))} data-testid="tl-lane-head" data-lane={l.id.clone()}>
                    <rect class="tl-lane-stripe" x="0" y={b.top.to_string()} width="3" height={b.height.to_string()} />
                    { for b.marks.iter().map(|&y| html! { <>
                        <rect class="tl-lane-mark" x="4" y={y.to_string()} width="16" height="14" rx="3" />
                        <text class="tl-lane-mark-text" x="12" y={(y + 11.0).to_string()} text-anchor="middle">{ mark.clone() }</text>
                    </> }) }
                    <text class="tl-lane-label" x="25" y={(b.top + g.pad + 11.0).to_string()}>
                        { cut(&l.label, lane_chars) }
                        <title>{ l.label.clone() }</title>
                    </text>
                </g>
            }
        }) }
        </>
    }
}

/// One item: its shape (a dot, a bar), its label where there is room; hover or focus shows
/// its details, a click or Enter opens its evidence card.
fn item(
    c: &Corpus,
    d: &Callback<Action>,
    t: &Timeline,
    b: &ItemBox,
    hover: &UseStateHandle<Option<usize>>,
    selecting: bool,
) -> Html {
    let i = b.item;
    let it = &t.items[i];
    let ev = &c.evidence[it.evidence];
    let title = format!("{} — {} ({})", ev.title, ev.date_text, it.precision.words());
    let enter = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(Some(i)))
    };
    let focus = {
        let hover = hover.clone();
        Callback::from(move |_: FocusEvent| hover.set(Some(i)))
    };
    let card = vec![Action::Navigate(Route::Evidence { id: ev.id.clone() })];
    let open = {
        let d = d.clone();
        let card = card.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                for a in card.clone() {
                    d.emit(a)
                }
            }
        })
    };
    let click = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            for a in card.clone() {
                d.emit(a)
            }
        })
    };
    let shape = match it.precision {
        Precision::Day => html! { <circle cx={b.x.to_string()} cy={b.y.to_string()} r="4" /> },
        _ => {
            html! { <rect x={b.x.to_string()} y={(b.y - 4.0).to_string()} width={b.w.to_string()} height="8" rx="2" /> }
        }
    };
    let prec = match it.precision {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
        Precision::Range => "range",
    };
    let label = b.label.as_ref().map(|l| {
        let text = format!("{}{}{}", if b.cut_before { "◂ " } else { "" }, l.text, if b.cut_after { " ▸" } else { "" });
        html! { <text class={classes!("tl-label", l.inside.then_some("in"))} x={l.x.to_string()} y={l.y.to_string()} data-testid="tl-label" aria-hidden="true">{ text }</text> }
    });
    html! {
        <g class={classes!("tl-item", format!("prec-{prec}"), format!("lane-p{}", t.lanes[it.lane].paper % 8), it.emphasised.then_some("em"), (selecting && !it.emphasised).then_some("dim"))}
           tabindex="0" role="img" aria-label={title.clone()} data-testid="tl-item" data-evidence={ev.id.clone()}
           data-emphasised={it.emphasised.to_string()} data-cut={(b.cut_before || b.cut_after).to_string()}
           onmouseenter={enter} onfocus={focus} onkeydown={open} onclick={click}>
            <title>{ title }</title>
            { shape }
            { for label }
        </g>
    }
}

/// The caption of the item hovered or focused: title, date, precision, place and lane.
fn caption(c: &Corpus, t: &Timeline, hover: Option<usize>) -> Option<String> {
    hover.and_then(|i| t.items.get(i)).map(|it| {
        let ev = &c.evidence[it.evidence];
        let lane = &t.lanes[it.lane];
        format!(
            "{} — {} ({}){} · {}",
            ev.title,
            ev.date_text,
            it.precision.words(),
            if ev.place.is_empty() {
                String::new()
            } else {
                format!(", {}", ev.place)
            },
            lane.label
        )
    })
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    }
}
