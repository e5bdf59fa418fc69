//! The timeline page: the evidence that passes the filters, drawn by the app as SVG in lanes by
//! paper or by category (`timeline::build_timeline` in the core). A day is a dot, a month a
//! short bar, a year-only date a dashed bar over the whole year, a range a solid bar. Hover or
//! keyboard focus shows an item's title; dragging across the axis sets the year range.

use std::rc::Rc;

use evidence_core::timeline::{brush_years, build_timeline, Precision, Timeline};
use evidence_core::view::{Action, Route, TimelineLanes, ViewState};
use yew::prelude::*;

use super::exports::ExportBar;
use super::filters_line::FiltersLine;
use crate::browser;
use crate::data::Shared;

/// Props of `TimelinePage`.
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view.
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

const W: f64 = 1000.0;
const X0: f64 = 230.0;
const X1: f64 = 990.0;
const AXIS: f64 = 22.0;
const ROW: f64 = 14.0;
const PAD: f64 = 5.0;

fn x_of(t: &Timeline, year: f64) -> f64 {
    let span = f64::from(t.last_year + 1 - t.first_year).max(1.0);
    X0 + (year - f64::from(t.first_year)) / span * (X1 - X0)
}

fn year_of(t: &Timeline, x: f64) -> f64 {
    let span = f64::from(t.last_year + 1 - t.first_year).max(1.0);
    f64::from(t.first_year) + (x - X0) / (X1 - X0) * span
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// The timeline page.
#[component]
pub fn TimelinePage(props: &TimelineProps) -> Html {
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
    let hover = use_state(|| None::<usize>);
    // Drag: start and current x in SVG units while the button is down.
    let brush = use_state(|| None::<(f64, f64)>);
    let c = &data.0.corpus;
    let svg_x = |e: &MouseEvent| -> Option<f64> {
        let (left, width) = browser::rect_of("timeline-svg")?;
        (width > 0.0).then(|| (f64::from(e.client_x()) - left) / width * W)
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
        Callback::from(move |e: MouseEvent| {
            if let (Some((a, _)), Some(x)) = (*brush, svg_x(&e)) {
                // A drag (not a click) across the axis sets the years.
                if (x - a).abs() > 6.0 {
                    if let Some(range) = brush_years(&t, year_of(&t, a), year_of(&t, x)) {
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
    let lanes = s.timeline_lanes;
    let seg = |label: &str, pressed: bool, action: Action, test: &str| {
        let d = d.clone();
        html! {
            <button type="button" class="btn" aria-pressed={pressed.to_string()} data-testid={test.to_string()}
                onclick={move |_: MouseEvent| d.emit(action.clone())}>{ label.to_string() }</button>
        }
    };
    // Lane tops.
    let mut tops = Vec::with_capacity(t.lanes.len());
    let mut y = AXIS + 4.0;
    for l in &t.lanes {
        tops.push(y);
        y += l.rows as f64 * ROW + 2.0 * PAD;
    }
    let height = y + 4.0;
    let years: Vec<i32> = (t.first_year..=t.last_year).collect();
    let step = ((years.len() as f64) / 16.0).ceil().max(1.0) as usize;
    let selecting = s.selection.is_some();
    let caption = hover.and_then(|i| t.items.get(i)).map(|it| {
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
    });
    html! {
        <div class="timeline" data-testid="timeline-page">
            <div class="ov-head">
                <h1>{ "Timeline" }</h1>
                <div class="toolbar ov-controls">
                    <fieldset><legend>{ "Lanes" }</legend>
                        { seg("By paper", lanes == TimelineLanes::Paper, Action::SetLanes(TimelineLanes::Paper), "tl-lanes-paper") }
                        { seg("By category", lanes == TimelineLanes::Category, Action::SetLanes(TimelineLanes::Category), "tl-lanes-category") }
                    </fieldset>
                    { if s.filters.years.is_some() { html! {
                        { seg("Show all years", false, Action::SetYears(None), "tl-all-years") }
                    } } else { html! {} } }
                </div>
            </div>
            <div class="ov-sub">
                <FiltersLine data={data.clone()} state={s.clone()} dispatch={d.clone()} />
                <ExportBar data={data.clone()} state={s.clone()} />
            </div>
            { if t.items.is_empty() { html! { <p class="empty">{ "No evidence passes the current filters." }</p> } } else { html! {
                <>
                <p class="tl-help">{ "Drag across the axis to set the year range. A dot is a day, a short bar a month, a dashed bar a date known only to the year, a solid bar a range. Hover or focus an item (Tab) to read it; Enter opens its evidence card." }</p>
                <div class="tl-scroll" data-testid="timeline-wrap">
                <svg id="timeline-svg" class={classes!("tl-svg", brush.is_some().then_some("brushing"))} data-testid="timeline"
                    viewBox={format!("0 0 {W} {height}")} role="group" aria-label="Timeline of the evidence"
                    data-first={t.first_year.to_string()} data-last={t.last_year.to_string()}
                    data-x0={X0.to_string()} data-x1={X1.to_string()} data-w={W.to_string()}
                    onmousedown={on_down} onmousemove={on_move} onmouseup={on_up} onmouseleave={on_leave}>
                    { for years.iter().enumerate().map(|(i, &yr)| {
                        let x = x_of(&t, f64::from(yr));
                        html! {
                            <g class="tl-tick">
                                <line x1={x.to_string()} x2={x.to_string()} y1={(AXIS - 4.0).to_string()} y2={height.to_string()} />
                                { if i % step == 0 { html! { <text x={(x + 2.0).to_string()} y={(AXIS - 8.0).to_string()}>{ yr }</text> } } else { html! {} } }
                            </g>
                        }
                    }) }
                    { for t.lanes.iter().enumerate().map(|(li, l)| html! {
                        <g class={classes!("tl-lane", (li % 2 == 1).then_some("odd"))} data-lane={l.id.clone()}>
                            <rect class="tl-lane-bg" x="0" y={tops[li].to_string()} width={W.to_string()} height={(l.rows as f64 * ROW + 2.0 * PAD).to_string()} />
                            <text class="tl-lane-label" x="4" y={(tops[li] + PAD + ROW * 0.75).to_string()}>
                                { format!("{} {}", c.papers.get(l.paper).map(|p| p.mark.as_str()).unwrap_or_default(), cut(&l.label, 34)) }
                                <title>{ l.label.clone() }</title>
                            </text>
                        </g>
                    }) }
                    { for t.items.iter().enumerate().map(|(i, it)| {
                        let ev = &c.evidence[it.evidence];
                        let yc = tops[it.lane] + PAD + it.row as f64 * ROW + ROW / 2.0;
                        let (xa, xb) = (x_of(&t, it.start), x_of(&t, it.end));
                        let title = format!("{} — {} ({})", ev.title, ev.date_text, it.precision.words());
                        let enter = { let hover = hover.clone(); Callback::from(move |_: MouseEvent| hover.set(Some(i))) };
                        let focus = { let hover = hover.clone(); Callback::from(move |_: FocusEvent| hover.set(Some(i))) };
                        let card = vec![Action::Navigate(Route::Evidence { id: ev.id.clone() })];
                        let open = { let d = d.clone(); let card = card.clone(); Callback::from(move |e: KeyboardEvent| if e.key() == "Enter" { for a in card.clone() { d.emit(a) } }) };
                        let click = { let d = d.clone(); Callback::from(move |_: MouseEvent| for a in card.clone() { d.emit(a) }) };
                        let shape = match it.precision {
                            Precision::Day => html! { <circle cx={xa.to_string()} cy={yc.to_string()} r="4" /> },
                            _ => html! { <rect x={xa.to_string()} y={(yc - 4.0).to_string()} width={(xb - xa).max(3.0).to_string()} height="8" rx="2" /> },
                        };
                        let prec = match it.precision { Precision::Day => "day", Precision::Month => "month", Precision::Year => "year", Precision::Range => "range" };
                        html! {
                            <g class={classes!("tl-item", format!("prec-{prec}"), format!("lane-p{}", t.lanes[it.lane].paper % 8), it.emphasised.then_some("em"), (selecting && !it.emphasised).then_some("dim"))}
                               tabindex="0" role="img" aria-label={title.clone()} data-testid="tl-item" data-evidence={ev.id.clone()}
                               data-emphasised={it.emphasised.to_string()}
                               onmouseenter={enter} onfocus={focus} onkeydown={open} onclick={click}>
                                <title>{ title }</title>
                                { shape }
                            </g>
                        }
                    }) }
                    { for brush.map(|(a, b)| html! {
                        <rect class="tl-brush" x={a.min(b).to_string()} y={AXIS.to_string()} width={(a - b).abs().to_string()} height={(height - AXIS).to_string()} />
                    }) }
                </svg>
                </div>
                <p class="tl-caption" data-testid="tl-caption" aria-live="polite">{ caption.unwrap_or_else(|| "Hover or focus an item to read its title.".into()) }</p>
                </>
            } } }
        </div>
    }
}
