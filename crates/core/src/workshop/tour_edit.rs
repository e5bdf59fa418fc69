//! Building a tour in the app: the edits a facilitator makes (add the current view or a quote
//! as a step, retitle, write a note, reorder, duplicate, delete) as pure functions on the view
//! state, whose `tour` field carries the tour being built (so the address bar and "Copy link"
//! always hold it).
//!
//! `apply` decodes the state's tour against the corpus, applies one edit and encodes it again;
//! it never panics and ignores an edit that does not apply (an index out of range, a full
//! tour). The tour's link (`link_state`) opens the first step in presentation mode.

use crate::link::tour::{
    self, Step, StepKind, Tour, MAX_MINUTES, MAX_NOTE_CHARS, MAX_PART_CHARS, MAX_STEPS,
    MAX_TITLE_CHARS,
};
use crate::model::Corpus;
use crate::state::{Mode, OpenQuote, ViewState};
use crate::text::truncate_chars;

/// A part of a step's notes besides the point (`tour::Parts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// What to point at on screen.
    Show,
    /// The contrast, or why it matters.
    Contrast,
    /// The coding's judgement call.
    Judgement,
    /// The question for the room.
    Question,
    /// Planned minutes.
    Minutes,
}

/// One edit of the tour being built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Append the current view (normalised) as a step with this title.
    AddView(String),
    /// Append a quote slide with this title.
    AddQuote(String, OpenQuote),
    /// Set step `i`'s title (cut to `MAX_TITLE_CHARS`).
    Title(usize, String),
    /// Set step `i`'s speaker note, its point (cut to `MAX_NOTE_CHARS`).
    Note(usize, String),
    /// Set another part of step `i`'s notes (texts cut to `MAX_PART_CHARS`; minutes as typed:
    /// blank for none, else a whole number up to `MAX_MINUTES`, anything else refused).
    Part(usize, Part, String),
    /// Swap step `i` with the one before it.
    Up(usize),
    /// Swap step `i` with the one after it.
    Down(usize),
    /// Insert a copy of step `i` right after it.
    Duplicate(usize),
    /// Remove step `i`.
    Delete(usize),
    /// Remove the whole tour.
    Discard,
}

/// The tour of a state (empty when it has none).
pub fn tour_of(state: &ViewState, corpus: &Corpus) -> Tour {
    state
        .tour
        .as_deref()
        .map(|p| tour::decode(p, corpus).0)
        .unwrap_or_default()
}

fn cut(s: &str, max: usize) -> String {
    truncate_chars(s, max)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Applies `edit` to a tour; `current` is the view an `AddView` adds. Returns the new tour and
/// the step to show (the edited or added one), or `None` when the edit does not apply.
pub fn edit_tour(t: &Tour, edit: &Edit, current: &ViewState) -> Option<(Tour, usize)> {
    let mut t = t.clone();
    let n = t.steps.len();
    let at = match edit {
        Edit::AddView(title) | Edit::AddQuote(title, _) => {
            if n >= MAX_STEPS {
                return None;
            }
            let title = cut(title, MAX_TITLE_CHARS);
            t.steps.push(match edit {
                Edit::AddQuote(_, q) => Step::quote(title, "", q.clone()),
                _ => Step::view(title, "", current),
            });
            n
        }
        Edit::Title(i, s) => {
            t.steps.get_mut(*i)?.title = cut(s, MAX_TITLE_CHARS);
            *i
        }
        Edit::Note(i, s) => {
            t.steps.get_mut(*i)?.note = cut(s, MAX_NOTE_CHARS);
            *i
        }
        Edit::Part(i, part, s) => {
            let p = &mut t.steps.get_mut(*i)?.parts;
            match part {
                Part::Show => p.show = cut(s, MAX_PART_CHARS),
                Part::Contrast => p.contrast = cut(s, MAX_PART_CHARS),
                Part::Judgement => p.judgement = cut(s, MAX_PART_CHARS),
                Part::Question => p.question = cut(s, MAX_PART_CHARS),
                Part::Minutes => {
                    let s = s.trim();
                    p.minutes = if s.is_empty() {
                        None
                    } else {
                        let digits = s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
                        Some(s.parse().ok().filter(|&m| digits && m <= MAX_MINUTES)?)
                    };
                }
            }
            *i
        }
        Edit::Up(i) if *i > 0 && *i < n => {
            t.steps.swap(*i - 1, *i);
            *i - 1
        }
        Edit::Down(i) if i.saturating_add(1) < n => {
            t.steps.swap(*i, *i + 1);
            *i + 1
        }
        Edit::Duplicate(i) if *i < n && n < MAX_STEPS => {
            let copy = t.steps[*i].clone();
            t.steps.insert(*i + 1, copy);
            *i + 1
        }
        Edit::Delete(i) if *i < n => {
            t.steps.remove(*i);
            (*i).min(t.steps.len().saturating_sub(1))
        }
        Edit::Discard => return Some((Tour::default(), 0)),
        _ => return None,
    };
    Some((t, at))
}

/// The state after `edit`: the same view, with the edited tour (none once it is empty) and the
/// step pointer on the edited step. `None` when the edit does not apply.
pub fn apply(state: &ViewState, corpus: &Corpus, edit: &Edit) -> Option<ViewState> {
    let (t, at) = edit_tour(&tour_of(state, corpus), edit, state)?;
    let empty = t.steps.is_empty();
    Some(ViewState {
        tour: (!empty).then(|| tour::encode(&t)),
        step: if empty { 0 } else { at },
        ..state.clone()
    })
}

/// The state a tour's link opens: step `step` in presentation mode, with `base`'s theme.
pub fn link_state(t: &Tour, step: usize, base: &ViewState) -> Option<ViewState> {
    let mut s = tour::step_state(t, step, base)?;
    s.mode = Mode::Present;
    Some(s)
}

/// The quote a presentation shows as a quote slide: the state presents a tour whose current
/// step is a quote slide, and that quote is still the open one. `tour` is the state's tour,
/// decoded (`tour::Memo`).
pub fn quote_slide(state: &ViewState, tour: Option<&Tour>) -> Option<OpenQuote> {
    if state.mode != Mode::Present || state.tour.is_none() {
        return None;
    }
    match &tour?.steps.get(state.step)?.kind {
        StepKind::Quote(q) if state.quote.as_ref() == Some(q) => Some(q.clone()),
        _ => None,
    }
}

/// What the editor lists for a step: its kind in words ("Matrix", "Quote", …).
pub fn step_kind_label(step: &Step) -> &'static str {
    match &step.kind {
        StepKind::Quote(_) => "Quote slide",
        StepKind::View(v) => crate::state::route_label(&v.route),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Route, RowKey, Selection};
    use crate::testkit;

    fn base(c: &Corpus) -> ViewState {
        ViewState {
            route: Route::Matrix,
            selection: Some(Selection::Row(RowKey::Category(c.categories[0].id.clone()))),
            theme: Some(crate::state::Theme::Dark),
            ..ViewState::default()
        }
    }

    fn titles(s: &ViewState, c: &Corpus) -> Vec<String> {
        tour_of(s, c).steps.into_iter().map(|s| s.title).collect()
    }

    #[test]
    fn adding_views_and_quotes_builds_a_tour_in_the_state() {
        let c = testkit::sample();
        let s0 = base(&c);
        let s1 = apply(&s0, &c, &Edit::AddView("Rows".into())).unwrap();
        assert_eq!(s1.step, 0);
        assert_eq!(s1.route, Route::Matrix, "the view stays");
        let q = OpenQuote {
            coding: c.codings[0].id.clone(),
            quote: 0,
        };
        let s2 = apply(&s1, &c, &Edit::AddQuote("Words".into(), q.clone())).unwrap();
        assert_eq!(s2.step, 1);
        let t = tour_of(&s2, &c);
        assert_eq!(t.steps.len(), 2);
        match &t.steps[0].kind {
            StepKind::View(v) => {
                assert_eq!(v.selection, s0.selection);
                assert_eq!(v.theme, None, "a step keeps no theme");
                assert_eq!(v.mode, Mode::Explore);
            }
            k => panic!("expected a view step, got {k:?}"),
        }
        assert_eq!(t.steps[1].kind, StepKind::Quote(q));
        assert_eq!(step_kind_label(&t.steps[1]), "Quote slide");
        assert_eq!(step_kind_label(&t.steps[0]), "Matrix");
    }

    #[test]
    fn reorder_duplicate_delete_and_text() {
        let c = testkit::sample();
        let mut s = base(&c);
        for t in ["a", "b", "c"] {
            s = apply(&s, &c, &Edit::AddView(t.into())).unwrap();
        }
        s = apply(&s, &c, &Edit::Up(2)).unwrap();
        assert_eq!(titles(&s, &c), ["a", "c", "b"]);
        assert_eq!(s.step, 1);
        s = apply(&s, &c, &Edit::Down(0)).unwrap();
        assert_eq!(titles(&s, &c), ["c", "a", "b"]);
        s = apply(&s, &c, &Edit::Duplicate(2)).unwrap();
        assert_eq!(titles(&s, &c), ["c", "a", "b", "b"]);
        assert_eq!(s.step, 3);
        s = apply(&s, &c, &Edit::Title(3, "d\nline".into())).unwrap();
        s = apply(&s, &c, &Edit::Note(3, "Say this.".into())).unwrap();
        let t = tour_of(&s, &c);
        assert_eq!(
            t.steps[3].title, "d line",
            "control characters become spaces"
        );
        assert_eq!(t.steps[3].note, "Say this.");
        s = apply(&s, &c, &Edit::Delete(0)).unwrap();
        assert_eq!(titles(&s, &c), ["a", "b", "d line"]);
        s = apply(&s, &c, &Edit::Delete(2)).unwrap();
        assert_eq!(
            s.step, 1,
            "after deleting the last step the pointer stays in range"
        );
        let long = "x".repeat(MAX_TITLE_CHARS + 10);
        s = apply(&s, &c, &Edit::Title(0, long)).unwrap();
        assert_eq!(
            tour_of(&s, &c).steps[0].title.chars().count(),
            MAX_TITLE_CHARS
        );
    }

    #[test]
    fn edits_that_do_not_apply_are_refused_and_never_panic() {
        let c = testkit::sample();
        let s = apply(&base(&c), &c, &Edit::AddView("only".into())).unwrap();
        for e in [
            Edit::Up(0),
            Edit::Down(0),
            Edit::Up(7),
            Edit::Down(usize::MAX),
            Edit::Duplicate(1),
            Edit::Delete(1),
            Edit::Title(5, "x".into()),
            Edit::Note(usize::MAX, "x".into()),
        ] {
            assert_eq!(apply(&s, &c, &e), None, "{e:?}");
        }
        assert_eq!(
            apply(&base(&c), &c, &Edit::Delete(0)),
            None,
            "no tour, nothing to delete"
        );
    }

    #[test]
    fn the_last_delete_or_discard_removes_the_tour() {
        let c = testkit::sample();
        let s = apply(&base(&c), &c, &Edit::AddView("only".into())).unwrap();
        let gone = apply(&s, &c, &Edit::Delete(0)).unwrap();
        assert_eq!((gone.tour.clone(), gone.step), (None, 0));
        let s = apply(&s, &c, &Edit::AddView("two".into())).unwrap();
        let gone = apply(&s, &c, &Edit::Discard).unwrap();
        assert_eq!((gone.tour, gone.step), (None, 0));
    }

    #[test]
    fn a_full_tour_takes_no_more_steps() {
        let c = testkit::sample();
        let mut s = base(&c);
        for i in 0..MAX_STEPS {
            s = apply(&s, &c, &Edit::AddView(format!("s{i}"))).unwrap();
        }
        assert_eq!(apply(&s, &c, &Edit::AddView("one too many".into())), None);
        assert_eq!(apply(&s, &c, &Edit::Duplicate(0)), None);
    }

    #[test]
    fn a_quote_step_presents_as_a_quote_slide() {
        let c = testkit::sample();
        let q = OpenQuote {
            coding: c.codings[0].id.clone(),
            quote: 0,
        };
        let s = apply(&base(&c), &c, &Edit::AddView("view".into())).unwrap();
        let s = apply(&s, &c, &Edit::AddQuote("quote".into(), q.clone())).unwrap();
        let t = tour_of(&s, &c);
        let at_view = link_state(&t, 0, &s).unwrap();
        let at_quote = link_state(&t, 1, &s).unwrap();
        assert_eq!(quote_slide(&at_view, Some(&t)), None);
        assert_eq!(quote_slide(&at_quote, Some(&t)), Some(q.clone()));
        assert_eq!(quote_slide(&at_quote, None), None, "no tour decoded");
        let exploring = ViewState {
            mode: Mode::Explore,
            ..at_quote.clone()
        };
        assert_eq!(
            quote_slide(&exploring, Some(&t)),
            None,
            "only in presentation mode"
        );
        let moved_on = ViewState {
            quote: None,
            ..at_quote
        };
        assert_eq!(
            quote_slide(&moved_on, Some(&t)),
            None,
            "the quote was closed"
        );
    }

    #[test]
    fn the_link_opens_the_first_step_presenting_and_round_trips() {
        let c = testkit::sample();
        let mut s = base(&c);
        for t in ["one", "two"] {
            s = apply(&s, &c, &Edit::AddView(t.into())).unwrap();
        }
        let t = tour_of(&s, &c);
        let l = link_state(&t, 0, &s).unwrap();
        assert_eq!((l.mode, l.step), (Mode::Present, 0));
        assert_eq!(l.theme, s.theme, "the presenter's theme is kept");
        let (back, notices) = crate::link::url::decode(&crate::link::url::encode(&l), &c);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(back, l);
        assert_eq!(link_state(&t, 2, &s), None);
    }

    #[test]
    fn note_parts_are_edited_and_travel_in_the_link() {
        let c = testkit::sample();
        let s0 = ViewState::default();
        let s1 = apply(&s0, &c, &Edit::AddView("A".into())).unwrap();
        let s2 = apply(&s1, &c, &Edit::Part(0, Part::Question, "Why?".into())).unwrap();
        let s3 = apply(&s2, &c, &Edit::Part(0, Part::Minutes, " 3 ".into())).unwrap();
        let t = tour_of(&s3, &c);
        assert_eq!(t.steps[0].parts.question, "Why?");
        assert_eq!(t.steps[0].parts.minutes, Some(3));
        let (back, notes) = crate::link::url::decode(&crate::link::url::encode(&s3), &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(tour_of(&back, &c), t);
        for bad in ["x", "-1", "99999", "1.5"] {
            assert_eq!(
                apply(&s3, &c, &Edit::Part(0, Part::Minutes, bad.into())),
                None,
                "{bad}"
            );
        }
        let cleared = apply(&s3, &c, &Edit::Part(0, Part::Minutes, String::new())).unwrap();
        assert_eq!(tour_of(&cleared, &c).steps[0].parts.minutes, None);
        assert_eq!(apply(&s3, &c, &Edit::Part(5, Part::Show, "x".into())), None);
    }
}
