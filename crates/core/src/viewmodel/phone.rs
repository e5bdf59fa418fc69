//! Participants on phones: a tour link opened on a narrow screen reads as a sequence of steps
//! (the step's title, its view fitted to the width, the point and the question, "Back" and
//! "Next") instead of presenting, and a sideways swipe moves between the steps.

use crate::link::tour::{self, Nav, Step, Tour};
use crate::state::{Mode, ViewState};

/// The widest screen (CSS px) laid out for a phone: the top bar folds into a menu and a tour
/// reads as steps. `style/app.css` uses the same width (`40rem` at 16 px).
pub const PHONE_MAX_PX: u32 = 640;

/// Shortest sideways move (CSS px) that counts as a swipe.
pub const SWIPE_MIN_PX: f64 = 60.0;

/// What a phone shows of the current tour step.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneStep {
    /// "Step k of n".
    pub label: String,
    /// The step's title.
    pub title: String,
    /// The point of the step (one or two sentences).
    pub point: String,
    /// The question for the room, if the step has one.
    pub question: Option<String>,
    /// A step before this one.
    pub has_prev: bool,
    /// A step after this one.
    pub has_next: bool,
    /// Share of the tour done, 0.0 to 1.0.
    pub done: f64,
}

/// The point and the question of a step's notes (the other parts are the facilitator's).
fn note_parts(step: &Step) -> (String, Option<String>) {
    let question = step.parts.question.trim();
    (
        step.note.trim().to_string(),
        (!question.is_empty()).then(|| question.to_string()),
    )
}

/// The phone's reading of `state`: `Some` when it presents a tour (a tour link), else `None`.
pub fn phone_step(state: &ViewState, tour: Option<&Tour>) -> Option<PhoneStep> {
    if state.mode != Mode::Present || state.tour.is_none() {
        return None;
    }
    let t = tour?;
    let n = t.steps.len();
    let (label, done) = tour::indicator(state.step, n);
    let step = t.steps.get(state.step.min(n.saturating_sub(1)));
    let (point, question) = step.map(note_parts).unwrap_or_default();
    Some(PhoneStep {
        label,
        title: step.map(|s| s.title.clone()).unwrap_or_default(),
        point,
        question,
        has_prev: n > 0 && state.step > 0,
        has_next: n > 0 && state.step + 1 < n,
        done,
    })
}

/// The move a finished pointer gesture makes, from its sideways (`dx`) and downward (`dy`)
/// travel in CSS px: a swipe to the left goes on, to the right goes back. A gesture that is
/// short or more up-and-down than sideways (scrolling) moves nothing.
pub fn swipe(dx: f64, dy: f64) -> Option<Nav> {
    if !dx.is_finite() || !dy.is_finite() || dx.abs() < SWIPE_MIN_PX || dx.abs() < 1.5 * dy.abs() {
        return None;
    }
    Some(if dx < 0.0 { Nav::Next } else { Nav::Prev })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Route;
    use crate::testkit;

    /// `phone_step` with the state's tour decoded.
    fn read(c: &crate::Corpus, s: &ViewState) -> Option<PhoneStep> {
        let t = s.tour.as_deref().map(|p| tour::decode(p, c).0);
        phone_step(s, t.as_ref())
    }

    fn tour_state(step: usize) -> ViewState {
        let v = ViewState {
            route: Route::Matrix,
            ..ViewState::default()
        };
        let mut first = Step::view("First", "  The point.  ", &v);
        first.parts.question = "What do you make of it?".into();
        first.parts.show = "The facilitator's, not the phone's.".into();
        let t = Tour {
            steps: vec![
                first,
                Step::view("Second", "", &v),
                Step::view("Third", "Last point.", &v),
            ],
        };
        tour::step_state(&t, step, &ViewState::default()).unwrap()
    }

    #[test]
    fn a_presented_tour_reads_as_steps() {
        let c = testkit::sample();
        let first = read(&c, &tour_state(0)).unwrap();
        assert_eq!(first.label, "Step 1 of 3");
        assert_eq!(first.title, "First");
        assert_eq!(first.point, "The point.");
        assert_eq!(first.question.as_deref(), Some("What do you make of it?"));
        assert_eq!(read(&c, &tour_state(1)).unwrap().question, None);
        assert!(!first.has_prev && first.has_next);
        let last = read(&c, &tour_state(2)).unwrap();
        assert!(last.has_prev && !last.has_next);
        assert_eq!(last.done, 1.0);
        let mut explore = tour_state(1);
        explore.mode = Mode::Explore;
        assert_eq!(read(&c, &explore), None, "not presenting");
        assert_eq!(read(&c, &ViewState::default()), None, "no tour");
    }

    #[test]
    fn a_swipe_is_long_and_sideways() {
        assert_eq!(swipe(-120.0, 10.0), Some(Nav::Next));
        assert_eq!(swipe(120.0, -30.0), Some(Nav::Prev));
        assert_eq!(swipe(-30.0, 0.0), None, "too short");
        assert_eq!(swipe(-100.0, 90.0), None, "a scroll, not a swipe");
        assert_eq!(swipe(f64::NAN, 0.0), None);
    }
}
