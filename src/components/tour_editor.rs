//! The tour editor: a facilitator builds a tour from the views they visit (add the current view
//! or the open quote as a step, give each a title and speaker notes in parts, reorder, duplicate,
//! delete), then presents it or copies its link. The tour lives in the view state (`tour=`), so
//! the address bar always holds it; the edits are `evidence_core::workshop::tour_edit`. A tour is also
//! saved as a small file and opened again (picker or drop, `evidence_core::workshop::tour_file`), and the
//! editor says where the open tour comes from (a corpus tour by name, a link, a file).

use std::rc::Rc;

use evidence_core::link::tour::{self, Step, StepKind, Tour};
use evidence_core::share::labels::view_title;
use evidence_core::share::versions::shared_fragment;
use evidence_core::state::{Action, Mode, ViewState};
use evidence_core::viewmodel::tour_editor::{link_length, opened_file, parts_given, tour_source};
use evidence_core::workshop::tour_edit::{self, Edit, Part};
use yew::prelude::*;

use super::copy::CopyButton;
use crate::browser;
use crate::data::Shared;

/// A tour file read by the editor: its file name, its title, the state that shows its first
/// step (`None` when nothing in it could be used) and the notices.
pub type OpenedFile = (String, String, Option<Box<ViewState>>, Vec<String>);

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
    /// The tour file opened last: (file name, its title, the tour value it gave).
    #[prop_or_default]
    pub opened: Option<Rc<(String, String, String)>>,
    /// A tour file was read: (file name, its title, the state that shows it, or `None` when
    /// nothing in it could be used, and the notices).
    pub on_open: Callback<OpenedFile>,
}

/// The tour editor, a panel beside the page.
#[component]
pub fn TourEditor(props: &EditorProps) -> Html {
    let c = &props.data.0.corpus;
    let s = &props.state;
    let t = props.data.0.tour(s).unwrap_or_default();
    let n = t.steps.len();
    // One edit: the new state replaces the current one (a history entry, like any change).
    let edit = {
        let (data, state, dispatch) = (props.data.clone(), s.clone(), props.dispatch.clone());
        Callback::from(move |e: Edit| {
            if let Some(next) = tour_edit::apply(&state, &data.0.corpus, &e) {
                dispatch.emit(Action::Replace(Box::new(next)));
            }
        })
    };
    let (source, file_title) = tour_source(c, s.tour.as_deref(), props.opened.as_deref());
    let file = use_tour_file(props);
    let steps = t
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| step_item(props, &t, &edit, i, step));
    html! {
        <aside class={classes!("tour-editor", file.dragging.then_some("dropping"))} data-testid="tour-editor" aria-labelledby="te-h"
            ondragover={file.on_dragover} ondragleave={file.on_dragleave} ondrop={file.on_drop}>
            <div class="te-head">
                <h2 id="te-h">{ format!("Tour · {}", evidence_core::viewmodel::count(n, "step", "steps")) }</h2>
                <button type="button" class="btn btn-small" data-testid="tour-close"
                    onclick={let f = props.on_close.clone(); move |_: MouseEvent| f.emit(())}>{ "Close" }</button>
            </div>
            <p class="te-help">{ "Go to a view (filters, selection, reveal or spotlight, an open quote), then add it as a step. Titles and notes are saved when you leave the field. The tour travels in the link; save it as a file when its notes are too long for a link, and open the file here (or drop it on this panel)." }</p>
            if !source.is_empty() {
                <p class="te-source" data-testid="tour-source">{ source.clone() }</p>
            }
            { add_buttons(props, n, &edit) }
            { file_buttons(props, &t, &file_title, file.on_pick) }
            if file.dragging {
                <p class="te-drop" role="status">{ "Drop the tour file to open it." }</p>
            }
            if n > 0 {
                <ol class="te-steps">{ for steps }</ol>
                { foot(props, &t, &edit) }
            } else {
                <p class="te-empty" data-testid="tour-empty">{ "No steps yet." }</p>
            }
        </aside>
    }
}

/// A small button that makes one edit of the tour.
fn edit_button(edit: &Callback<Edit>, label: &str, test: &str, e: Edit, disabled: bool) -> Html {
    let edit = edit.clone();
    html! {
        <button type="button" class="btn btn-small" data-testid={test.to_string()} {disabled}
            onclick={move |_: MouseEvent| edit.emit(e.clone())}>{ label.to_string() }</button>
    }
}

/// Add the view, add the open quote as a slide, start from the corpus's default tour.
fn add_buttons(props: &EditorProps, n: usize, edit: &Callback<Edit>) -> Html {
    let c = &props.data.0.corpus;
    let s = &props.state;
    let add_view = edit_button(
        edit,
        "Add this view",
        "tour-add",
        Edit::AddView(view_title(c, s)),
        n >= tour::MAX_STEPS,
    );
    let add_quote = s.quote.clone().map(|q| {
        let title = evidence_core::viewmodel::slide::QuoteSlide::of(c, &q)
            .map_or_else(String::new, |sl| sl.category);
        edit_button(
            edit,
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
                    let t = data.0.tours.get(&payload, &data.0.corpus);
                    if let Some(mut next) = tour::step_state(&t, 0, &base) {
                        next.mode = Mode::Explore;
                        dispatch.emit(Action::Replace(Box::new(next)));
                    }
                }}>{ "Start from the default tour" }</button>
        }
    });
    html! {
        <div class="te-add">{ add_view }{ for add_quote }{ for default }</div>
    }
}

/// Open a tour file; save this one as a file.
fn file_buttons(props: &EditorProps, t: &Tour, title: &str, on_pick: Callback<Event>) -> Html {
    let save = {
        let (t, data) = (t.clone(), props.data.clone());
        let title = title.to_string();
        Callback::from(move |_: MouseEvent| {
            let c = &data.0.corpus;
            let text = evidence_core::workshop::tour_file::write(&t, &title, &c.about.hash);
            let _ = browser::download(
                &evidence_core::workshop::tour_file::file_name(&title),
                "application/json",
                &text,
            );
        })
    };
    html! {
        <div class="te-file">
            <label class="btn btn-small te-open" title="Open a tour saved as a file (or drop the file on this panel)">
                { "Open a tour file…" }
                <input type="file" class="visually-hidden" accept=".json,application/json" data-testid="tour-file-open"
                    onchange={on_pick} />
            </label>
            if !t.steps.is_empty() {
                <button type="button" class="btn btn-small" data-testid="tour-save" onclick={save}
                    title="Save this tour, with all its notes, as a small file to open again here">{ "Save as a file" }</button>
            }
        </div>
    }
}

/// Opening a tour file, picked or dropped on the panel.
struct TourFileInput {
    /// A file is dragged over the panel.
    dragging: bool,
    on_pick: Callback<Event>,
    on_dragover: Callback<DragEvent>,
    on_dragleave: Callback<DragEvent>,
    on_drop: Callback<DragEvent>,
}

/// Reads a picked or dropped tour file, then shows its first step (not presenting), with its
/// notices (`viewmodel::tour_editor::opened_file`).
#[hook]
fn use_tour_file(props: &EditorProps) -> TourFileInput {
    let open_file = {
        let (data, base, on_open) = (
            props.data.clone(),
            props.state.clone(),
            props.on_open.clone(),
        );
        Rc::new(move |file: browser::PickedFile| {
            let (data, base, on_open) = (data.clone(), base.clone(), on_open.clone());
            browser::read_file(
                file,
                evidence_core::workshop::tour_file::MAX_FILE_BYTES,
                move |name, text| {
                    let c = &data.0.corpus;
                    let read = text.map(|t| evidence_core::workshop::tour_file::read(&t, c));
                    let (read, next, notices) = opened_file(&name, read, &base);
                    on_open.emit((name, read.title, next, notices));
                },
            );
        })
    };
    let on_pick = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            if let Some(f) = browser::event_file(&e) {
                open_file(f);
            }
            browser::clear_file_input(&e);
        })
    };
    let dragging = use_state_eq(|| false);
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            if browser::drag_has_files(&e) {
                e.prevent_default();
                dragging.set(true);
            }
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(f) = browser::event_file(&e) {
                open_file(f);
            }
        })
    };
    TourFileInput {
        dragging: *dragging,
        on_pick,
        on_dragover,
        on_dragleave,
        on_drop,
    }
}

/// One step of the list: show it, move, duplicate or delete it, its title and notes.
fn step_item(props: &EditorProps, t: &Tour, edit: &Callback<Edit>, i: usize, step: &Step) -> Html {
    let s = &props.state;
    let n = t.steps.len();
    let current = s.tour.is_some() && s.step == i;
    let on_field = |make: fn(usize, String) -> Edit| {
        let edit = edit.clone();
        Callback::from(move |e: Event| edit.emit(make(i, browser::field_value(&e))))
    };
    let on_part = |part: Part| {
        let edit = edit.clone();
        Callback::from(move |e: Event| edit.emit(Edit::Part(i, part, browser::field_value(&e))))
    };
    let p = &step.parts;
    let part_field = |label: &'static str, key: &'static str, part: Part, value: &str| {
        html! {
            <label class="te-field">{ label }
                <textarea data-testid={format!("te-{key}")} rows="2" value={value.to_string()}
                    maxlength={tour::MAX_PART_CHARS.to_string()} onchange={on_part(part)} />
            </label>
        }
    };
    let filled = parts_given(p);
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
        StepKind::View(v) => format!(
            "{}: {}",
            tour_edit::step_kind_label(step),
            evidence_core::link::url::encode(v)
        ),
    };
    html! {
        <li class={classes!("te-step", current.then_some("current"))} data-testid="tour-step-item"
            aria-current={current.then_some("step")}>
            <div class="te-row">
                <span class="te-n">{ i + 1 }</span>
                <span class="te-kind" title={kind.clone()}>{ tour_edit::step_kind_label(step) }</span>
                <button type="button" class="btn btn-small" data-testid="te-show" onclick={show}
                    aria-label={format!("Show step {}", i + 1)}>{ "Show" }</button>
                { edit_button(edit, "↑", "te-up", Edit::Up(i), i == 0) }
                { edit_button(edit, "↓", "te-down", Edit::Down(i), i + 1 == n) }
                { edit_button(edit, "Duplicate", "te-duplicate", Edit::Duplicate(i), n >= tour::MAX_STEPS) }
                { edit_button(edit, "Delete", "te-delete", Edit::Delete(i), false) }
            </div>
            <label class="te-field">{ "Title" }
                <input type="text" data-testid="te-title" value={step.title.clone()} maxlength={tour::MAX_TITLE_CHARS.to_string()}
                    onchange={on_field(Edit::Title)} />
            </label>
            <label class="te-field">{ "Speaker note" }
                <textarea data-testid="te-note" rows="2" value={step.note.clone()} maxlength={tour::MAX_NOTE_CHARS.to_string()}
                    onchange={on_field(Edit::Note)} />
            </label>
            <details class="te-more" data-testid="te-more">
                <summary>{ format!("More notes: show, contrast, judgement, question, minutes ({filled} of 5 given)") }</summary>
                { part_field("What to show", "show", Part::Show, &p.show) }
                { part_field("Contrast, or why it matters", "contrast", Part::Contrast, &p.contrast) }
                { part_field("The coding's judgement call", "judgement", Part::Judgement, &p.judgement) }
                { part_field("Question for the room", "question", Part::Question, &p.question) }
                <label class="te-field">{ "Planned minutes" }
                    <input type="number" min="0" max={tour::MAX_MINUTES.to_string()} step="1" data-testid="te-minutes"
                        value={p.minutes.map(|m| m.to_string()).unwrap_or_default()}
                        onchange={on_part(Part::Minutes)} />
                </label>
            </details>
        </li>
    }
}

/// Under the steps: present, print the handout, copy the tour's link (with its length), discard.
fn foot(props: &EditorProps, t: &Tour, edit: &Callback<Edit>) -> Html {
    let (c, s) = (&props.data.0.corpus, &props.state);
    let link = tour_edit::link_state(t, 0, s)
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
    html! {
        <div class="te-foot">
            <button type="button" class="btn" data-testid="tour-present" onclick={present}>{ "Present from step 1" }</button>
            <button type="button" class="btn" data-testid="tour-handout"
                title="Print preview of the handout: one page per step, with its quotes and link"
                onclick={let h = props.on_handout.clone(); move |_: MouseEvent| h.emit(true)}>{ "Print handout" }</button>
            { for link.map(|l| html! {
                <>
                    <CopyButton id="tour-copy" label="Copy tour link" text={AttrValue::from(l.clone())}
                        done="Tour link copied: it opens the tour at step 1 in presentation mode." />
                    <p class="te-length" data-testid="tour-length">{ link_length(&l) }</p>
                </>
            }) }
            { edit_button(edit, "Discard tour", "tour-discard", Edit::Discard, false) }
        </div>
    }
}
