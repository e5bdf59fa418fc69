//! The tour editor: a facilitator builds a tour from the views they visit (add the current view
//! or the open quote as a step, give each a title and a speaker note, reorder, duplicate,
//! delete), then presents it or copies its link. The tour lives in the view state (`tour=`), so
//! the address bar always holds it; the edits are `evidence_core::tour_edit`.

use std::rc::Rc;

use evidence_core::selection::shared_fragment;
use evidence_core::tour::{self, StepKind};
use evidence_core::tour_edit::{self, Edit};
use evidence_core::view::{Action, Mode, ViewState};
use evidence_core::viewmodel::view_title;
use yew::prelude::*;

use super::copy::CopyButton;
use crate::browser;
use crate::data::Shared;

/// Props of `TourEditor`.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view (its `tour` is the tour being built).
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
    /// Closes the editor.
    pub on_close: Callback<()>,
    /// Opens the print preview of the whole tour's handout (one page per step).
    pub on_handout: Callback<bool>,
}

/// The tour editor, a panel beside the page.
#[component]
pub fn TourEditor(props: &EditorProps) -> Html {
    let c = &props.data.0.corpus;
    let s = &props.state;
    let t = tour_edit::tour_of(s, c);
    let n = t.steps.len();
    // One edit: the new state replaces the current one (a history entry, like any change).
    let edit = {
        let (data, state, dispatch) = (props.data.clone(), s.clone(), props.dispatch.clone());
        move |e: Edit| {
            if let Some(next) = tour_edit::apply(&state, &data.0.corpus, &e) {
                dispatch.emit(Action::Replace(Box::new(next)));
            }
        }
    };
    let button = |label: &str, test: &str, e: Edit, disabled: bool| {
        let edit = edit.clone();
        html! {
            <button type="button" class="btn btn-small" data-testid={test.to_string()} {disabled}
                onclick={move |_: MouseEvent| edit(e.clone())}>{ label.to_string() }</button>
        }
    };
    let add_view = button(
        "Add this view",
        "tour-add",
        Edit::AddView(view_title(c, s)),
        n >= tour::MAX_STEPS,
    );
    let add_quote = s.quote.clone().map(|q| {
        let title = evidence_core::viewmodel::slide::QuoteSlide::of(c, &q)
            .map_or_else(String::new, |sl| sl.category);
        button(
            "Add the open quote as a slide",
            "tour-add-quote",
            Edit::AddQuote(title, q),
            n >= tour::MAX_STEPS,
        )
    });
    let default = c.default_tour().map(|d| {
        let (dispatch, data, base) = (props.dispatch.clone(), props.data.clone(), s.clone());
        let payload = d.payload.clone();
        html! {
            <button type="button" class="btn btn-small" data-testid="tour-load-default"
                title="Replace this tour by the corpus's default tour, to change it"
                onclick={move |_: MouseEvent| {
                    let (t, _) = tour::decode(&payload, &data.0.corpus);
                    if let Some(mut next) = tour::step_state(&t, 0, &base) {
                        next.mode = Mode::Explore;
                        dispatch.emit(Action::Replace(Box::new(next)));
                    }
                }}>{ "Start from the default tour" }</button>
        }
    });
    let link = tour_edit::link_state(&t, 0, s)
        .map(|l| format!("{}#{}", browser::base_url(), shared_fragment(&l, c)));
    let present = {
        let (dispatch, t, base) = (props.dispatch.clone(), t.clone(), s.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(l) = tour_edit::link_state(&t, 0, &base) {
                browser::enter_fullscreen();
                dispatch.emit(Action::Replace(Box::new(l)));
            }
        })
    };
    let steps = t.steps.iter().enumerate().map(|(i, step)| {
        let current = s.tour.is_some() && s.step == i;
        let on_title = {
            let edit = edit.clone();
            Callback::from(move |e: Event| edit(Edit::Title(i, browser::event_value(&e))))
        };
        let on_note = {
            let edit = edit.clone();
            Callback::from(move |e: Event| edit(Edit::Note(i, browser::event_value(&e))))
        };
        let show = {
            let (dispatch, t, base) = (props.dispatch.clone(), t.clone(), s.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(mut v) = tour::step_state(&t, i, &base) {
                    v.mode = Mode::Explore;
                    dispatch.emit(Action::Replace(Box::new(v)));
                }
            })
        };
        let kind = match &step.kind {
            StepKind::Quote(_) => "Quote slide".to_string(),
            StepKind::View(v) => format!("{}: {}", tour_edit::step_kind_label(step), evidence_core::url::encode(v)),
        };
        html! {
            <li class={classes!("te-step", current.then_some("current"))} data-testid="tour-step-item"
                aria-current={current.then_some("step")}>
                <div class="te-row">
                    <span class="te-n">{ i + 1 }</span>
                    <span class="te-kind" title={kind.clone()}>{ tour_edit::step_kind_label(step) }</span>
                    <button type="button" class="btn btn-small" data-testid="te-show" onclick={show}
                        aria-label={format!("Show step {}", i + 1)}>{ "Show" }</button>
                    { button("↑", "te-up", Edit::Up(i), i == 0) }
                    { button("↓", "te-down", Edit::Down(i), i + 1 == n) }
                    { button("Duplicate", "te-duplicate", Edit::Duplicate(i), n >= tour::MAX_STEPS) }
                    { button("Delete", "te-delete", Edit::Delete(i), false) }
                </div>
                <label class="te-field">{ "Title" }
                    <input type="text" data-testid="te-title" value={step.title.clone()} maxlength={tour::MAX_TITLE_CHARS.to_string()}
                        onchange={on_title} />
                </label>
                <label class="te-field">{ "Speaker note" }
                    <textarea data-testid="te-note" rows="2" value={step.note.clone()} maxlength={tour::MAX_NOTE_CHARS.to_string()}
                        onchange={on_note} />
                </label>
            </li>
        }
    });
    html! {
        <aside class="tour-editor" data-testid="tour-editor" aria-labelledby="te-h">
            <div class="te-head">
                <h2 id="te-h">{ format!("Tour · {}", evidence_core::viewmodel::count(n, "step", "steps")) }</h2>
                <button type="button" class="btn btn-small" data-testid="tour-close"
                    onclick={let f = props.on_close.clone(); move |_: MouseEvent| f.emit(())}>{ "Close" }</button>
            </div>
            <p class="te-help">{ "Go to a view (filters, selection, reveal or spotlight, an open quote), then add it as a step. Titles and notes are saved when you leave the field. The tour travels in the link." }</p>
            <div class="te-add">{ add_view }{ for add_quote }{ for default }</div>
            if n > 0 {
                <ol class="te-steps">{ for steps }</ol>
                <div class="te-foot">
                    <button type="button" class="btn" data-testid="tour-present" onclick={present}>{ "Present from step 1" }</button>
                    <button type="button" class="btn" data-testid="tour-handout"
                        title="Print preview of the handout: one page per step, with its quotes and link"
                        onclick={let h = props.on_handout.clone(); move |_: MouseEvent| h.emit(true)}>{ "Print handout" }</button>
                    { for link.map(|l| html! {
                        <>
                            <CopyButton id="tour-copy" label="Copy tour link" text={AttrValue::from(l.clone())}
                                done="Tour link copied: it opens the tour at step 1 in presentation mode." />
                            <p class="te-length" data-testid="tour-length">{ format!("Link: {} characters{}", l.chars().count(),
                                if l.chars().count() > 2000 { " (chat tools may cut links over 2,000: shorten the notes)" } else { "" }) }</p>
                        </>
                    }) }
                    { button("Discard tour", "tour-discard", Edit::Discard, false) }
                </div>
            } else {
                <p class="te-empty" data-testid="tour-empty">{ "No steps yet." }</p>
            }
        </aside>
    }
}
