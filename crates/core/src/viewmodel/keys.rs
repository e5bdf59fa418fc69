//! What a global key or a presenter window's command does in a given state. The app's key
//! handler reads a key into a [`Command`] (`key_command`); the presenter link turns the
//! presenter's `presenter::Command` into one (`From`); both then ask [`effects`] what to do, so
//! tour navigation, blacking the screen and leaving presentation are decided here, once.
//!
//! The keys, as the README lists them:
//! - `/` focuses the search (anywhere but a text field, whatever the modifiers);
//! - `S` opens the presenter window, `P` toggles presentation mode (no Ctrl, Alt or Meta, not
//!   in a text field);
//! - Escape closes the selection, else leaves presentation; in presentation it leaves at once,
//!   before anything on the page sees it (`escape_first`);
//! - in presentation, with no modifier and not in a text field: Right, Space and PageDown go to
//!   the next step, Left and PageUp to the previous one (a reveal in progress takes them first),
//!   Home and End to the first and last, a number then Enter to that step, B or `.` blacks the
//!   screen or brings it back (`tour::key_action`).

use crate::link::tour::{self, KeyAction, Nav, Tour};
use crate::query::filter::FilterIndex;
use crate::state::{Action, Mode, Theme, ViewState};
use crate::viewmodel::discussion::{reveal_move, reveal_total};
use crate::workshop::presenter;
use crate::Corpus;

/// A key press as the global handler sees it (the DOM `KeyboardEvent` and the focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`: "ArrowRight", " ", "b", "Escape", …
    pub key: &'a str,
    /// Ctrl was held.
    pub ctrl: bool,
    /// Meta (⌘, the Windows key) was held.
    pub meta: bool,
    /// Alt (⌥) was held.
    pub alt: bool,
    /// The keyboard focus is in a text field (an input, a text area or a select).
    pub in_field: bool,
    /// Something on the page already took the key (`defaultPrevented`).
    pub taken: bool,
}

impl<'a> KeyPress<'a> {
    /// A key pressed alone, the focus outside any text field.
    pub fn plain(key: &'a str) -> Self {
        KeyPress {
            key,
            ..KeyPress::default()
        }
    }

    /// No Ctrl, Meta or Alt (Shift does not count: it makes `B` of `b`).
    fn unmodified(&self) -> bool {
        !(self.ctrl || self.meta || self.alt)
    }

    /// A shortcut letter may act: no modifier, not typing in a field.
    fn shortcut(&self) -> bool {
        self.unmodified() && !self.in_field
    }
}

/// What the decisions read of the app: the corpus, the state shown and its tour, decoded.
#[derive(Clone, Copy)]
pub struct Scene<'a> {
    /// The corpus.
    pub corpus: &'a Corpus,
    /// Its filter index (a reveal counts the matrix's units).
    pub index: &'a FilterIndex,
    /// The state shown.
    pub state: &'a ViewState,
    /// `state.tour`, decoded (`None` when the state has no tour).
    pub tour: Option<&'a Tour>,
}

impl Scene<'_> {
    fn presenting(&self) -> bool {
        self.state.mode == Mode::Present
    }
}

/// What a key or a presenter command asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Move the tour (nothing without one).
    Go(Nav),
    /// Reveal one more unit of the matrix (`+1`) or hide the last one (`-1`), of `total`.
    Reveal(i32, usize),
    /// Black the screen, or show it again (only in presentation).
    Black,
    /// Switch the theme (`None`: follow the system).
    Theme(Option<Theme>),
    /// A digit typed for a jump: taken, nothing moves yet.
    Hold,
    /// Open the presenter window.
    OpenPresenter,
    /// Put the keyboard focus in the search field.
    FocusSearch,
    /// Presentation mode on or off.
    TogglePresenting,
    /// Escape: close the selection.
    Deselect,
    /// Escape: leave presentation.
    Leave,
}

impl From<presenter::Command> for Command {
    fn from(c: presenter::Command) -> Self {
        match c {
            presenter::Command::Next => Command::Go(Nav::Next),
            presenter::Command::Prev => Command::Go(Nav::Prev),
            presenter::Command::First => Command::Go(Nav::First),
            presenter::Command::Last => Command::Go(Nav::Last),
            // The presenter counts steps from 0, a jump from 1 (as typed).
            presenter::Command::Step(n) => Command::Go(Nav::Jump(n.saturating_add(1))),
            presenter::Command::Black => Command::Black,
            presenter::Command::Theme(t) => Command::Theme(t),
        }
    }
}

impl Command {
    /// Whether the key that asked for it is taken from the browser (`preventDefault`). Escape
    /// is left to the browser (it also ends full screen there).
    pub fn prevents_default(self) -> bool {
        !matches!(self, Command::Deselect | Command::Leave)
    }
}

/// What the app does for a command: a view action for the store, or one of the shell's own
/// doings (the blacked-out screen, the presenter window, the focus, presentation mode with its
/// full screen).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Reduce this action.
    Act(Action),
    /// Black the screen, or show it again.
    ToggleBlack,
    /// Open the presenter window (or the notes beside the slide when it is blocked).
    OpenPresenter,
    /// Focus the search field.
    FocusSearch,
    /// Presentation mode on (`true`, with the whole screen) or off.
    Present(bool),
}

/// What a key press asks for in `scene`, if anything. `digits` holds the number typed so far
/// for a jump (see `tour::key_action`): presentation keys read and update it.
pub fn key_command(k: &KeyPress, scene: &Scene, digits: &mut String) -> Option<Command> {
    let state = scene.state;
    // Presentation keys first (Escape falls through below): a reveal in progress takes Next
    // and Previous until it is done, then a tour moves between steps.
    let action = if scene.presenting() && k.shortcut() {
        tour::key_action(k.key, digits)
    } else {
        None
    };
    if let Some(KeyAction::Go(nav @ (Nav::Next | Nav::Prev))) = action {
        if state.reveal.is_some() {
            let total = reveal_total(scene.corpus, scene.index, state);
            if let Some(delta) = reveal_move(state, total, nav == Nav::Prev) {
                return Some(Command::Reveal(delta, total));
            }
        }
    }
    match (action, scene.tour.is_some()) {
        (Some(KeyAction::Digit), true) => return Some(Command::Hold),
        (Some(KeyAction::Black), _) => return Some(Command::Black),
        (Some(KeyAction::Go(nav)), true) => return Some(Command::Go(nav)),
        _ => {}
    }
    match k.key {
        "s" | "S" if k.shortcut() => Some(Command::OpenPresenter),
        "/" if !k.in_field => Some(Command::FocusSearch),
        "p" | "P" if k.shortcut() => Some(Command::TogglePresenting),
        "Escape" if !k.taken && state.selection.is_some() => Some(Command::Deselect),
        "Escape" if !k.taken && scene.presenting() => Some(Command::Leave),
        _ => None,
    }
}

/// What Escape does before anything on the page sees it (the app reads it first, in the
/// capture phase): in presentation it leaves at once, whatever is open (a menu, a field, the
/// panel), as `Command::Leave` does; otherwise nothing (empty), and the key goes on to the
/// page and to `key_command`.
pub fn escape_first(state: &ViewState) -> Vec<Effect> {
    match state.mode {
        Mode::Present => vec![Effect::Present(false)],
        Mode::Explore => Vec::new(),
    }
}

/// What `command` does in `scene`.
pub fn effects(command: Command, scene: &Scene) -> Vec<Effect> {
    match command {
        Command::Go(nav) => tour_move(nav, scene)
            .map(|next| vec![Effect::Act(Action::Replace(Box::new(next)))])
            .unwrap_or_default(),
        Command::Reveal(delta, total) => vec![Effect::Act(Action::RevealStep(delta, total))],
        Command::Black if scene.presenting() => vec![Effect::ToggleBlack],
        Command::Black | Command::Hold => Vec::new(),
        Command::Theme(t) => vec![Effect::Act(Action::SetTheme(t))],
        Command::OpenPresenter => vec![Effect::OpenPresenter],
        Command::FocusSearch => vec![Effect::FocusSearch],
        Command::TogglePresenting => vec![Effect::Present(!scene.presenting())],
        Command::Deselect => vec![Effect::Act(Action::Select(None))],
        Command::Leave => vec![Effect::Present(false)],
    }
}

/// The state after `nav` in the scene's tour: `None` without a tour, or when it would show
/// the same state (the first step's Previous, the last step's Next).
fn tour_move(nav: Nav, scene: &Scene) -> Option<ViewState> {
    let t = scene.tour.filter(|_| scene.state.tour.is_some())?;
    let to = tour::navigate(scene.state.step, t.steps.len(), nav);
    tour::step_state(t, to, scene.state).filter(|next| next != scene.state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::tour::Step;
    use crate::state::{Reveal, RevealBy, Route, Selection};
    use crate::testkit;

    /// A three-step tour over the matrix, presented at `step`.
    fn presented(step: usize) -> (Tour, ViewState) {
        let views = [Route::Matrix, Route::Overview, Route::Timeline].map(|route| ViewState {
            route,
            ..ViewState::default()
        });
        let t = Tour {
            steps: vec![
                Step::view("One", "", &views[0]),
                Step::view("Two", "", &views[1]),
                Step::view("Three", "", &views[2]),
            ],
        };
        let s = tour::step_state(&t, step, &ViewState::default()).unwrap();
        (t, s)
    }

    struct Fixture {
        corpus: Corpus,
        index: FilterIndex,
    }

    impl Fixture {
        fn new() -> Self {
            let corpus = testkit::sample();
            let index = FilterIndex::new(&corpus);
            Fixture { corpus, index }
        }

        fn scene<'a>(&'a self, state: &'a ViewState, tour: Option<&'a Tour>) -> Scene<'a> {
            Scene {
                corpus: &self.corpus,
                index: &self.index,
                state,
                tour,
            }
        }
    }

    fn key(f: &Fixture, state: &ViewState, t: Option<&Tour>, k: KeyPress) -> Option<Command> {
        key_command(&k, &f.scene(state, t), &mut String::new())
    }

    fn run(f: &Fixture, state: &ViewState, t: Option<&Tour>, c: Command) -> Vec<Effect> {
        effects(c, &f.scene(state, t))
    }

    fn step_of(effects: &[Effect]) -> Option<usize> {
        match effects {
            [Effect::Act(Action::Replace(s))] => Some(s.step),
            _ => None,
        }
    }

    #[test]
    fn presentation_keys_move_the_tour() {
        let f = Fixture::new();
        let (t, s) = presented(1);
        for (k, nav) in [
            ("ArrowRight", Nav::Next),
            (" ", Nav::Next),
            ("Spacebar", Nav::Next),
            ("PageDown", Nav::Next),
            ("ArrowLeft", Nav::Prev),
            ("PageUp", Nav::Prev),
            ("Home", Nav::First),
            ("End", Nav::Last),
        ] {
            let c = key(&f, &s, Some(&t), KeyPress::plain(k));
            assert_eq!(c, Some(Command::Go(nav)), "{k}");
            assert!(c.unwrap().prevents_default());
        }
        let go = |nav| step_of(&run(&f, &s, Some(&t), Command::Go(nav)));
        assert_eq!(go(Nav::Next), Some(2));
        assert_eq!(go(Nav::Prev), Some(0));
        assert_eq!(go(Nav::First), Some(0));
        assert_eq!(go(Nav::Last), Some(2));
        assert_eq!(go(Nav::Jump(3)), Some(2));
        assert_eq!(go(Nav::Jump(2)), None, "already there");
        let next = run(&f, &s, Some(&t), Command::Go(Nav::Next));
        let [Effect::Act(Action::Replace(next))] = next.as_slice() else {
            panic!("{next:?}")
        };
        assert_eq!(next.route, Route::Timeline, "the step's view");
        assert_eq!(next.mode, Mode::Present);
    }

    #[test]
    fn the_ends_of_a_tour_stay_put() {
        let f = Fixture::new();
        let (t, first) = presented(0);
        let (_, last) = presented(2);
        assert_eq!(run(&f, &first, Some(&t), Command::Go(Nav::Prev)), vec![]);
        assert_eq!(run(&f, &first, Some(&t), Command::Go(Nav::First)), vec![]);
        assert_eq!(run(&f, &last, Some(&t), Command::Go(Nav::Next)), vec![]);
        assert_eq!(run(&f, &last, Some(&t), Command::Go(Nav::Last)), vec![]);
        assert_eq!(run(&f, &last, Some(&t), Command::Go(Nav::Jump(99))), vec![]);
        assert_eq!(
            step_of(&run(&f, &last, Some(&t), Command::Go(Nav::Jump(0)))),
            Some(0),
            "a jump to 0 is to the first step"
        );
        // The key is still taken at the ends (the page does not scroll under the slide).
        assert_eq!(
            key(&f, &last, Some(&t), KeyPress::plain("ArrowRight")),
            Some(Command::Go(Nav::Next))
        );
    }

    #[test]
    fn a_number_then_enter_jumps() {
        let f = Fixture::new();
        let (t, s) = presented(0);
        let scene = f.scene(&s, Some(&t));
        let mut digits = String::new();
        let press = |k, d: &mut String| key_command(&KeyPress::plain(k), &scene, d);
        assert_eq!(press("3", &mut digits), Some(Command::Hold));
        assert!(Command::Hold.prevents_default());
        assert_eq!(effects(Command::Hold, &scene), vec![]);
        assert_eq!(press("Enter", &mut digits), Some(Command::Go(Nav::Jump(3))));
        assert!(digits.is_empty());
        assert_eq!(
            step_of(&effects(Command::Go(Nav::Jump(3)), &scene)),
            Some(2)
        );
        // Enter with nothing typed, or after another key, is not a jump.
        assert_eq!(press("Enter", &mut digits), None);
        press("2", &mut digits);
        press("x", &mut digits);
        assert_eq!(press("Enter", &mut digits), None);
    }

    #[test]
    fn without_a_tour_moves_and_digits_are_not_taken() {
        let f = Fixture::new();
        let s = ViewState {
            mode: Mode::Present,
            ..ViewState::default()
        };
        for k in ["ArrowRight", "ArrowLeft", "Home", "End", "1"] {
            assert_eq!(key(&f, &s, None, KeyPress::plain(k)), None, "{k}");
        }
        assert_eq!(run(&f, &s, None, Command::Go(Nav::Next)), vec![]);
        assert_eq!(
            run(&f, &s, None, presenter::Command::Step(1).into()),
            vec![]
        );
        // Blacking the screen needs no tour.
        assert_eq!(
            key(&f, &s, None, KeyPress::plain("b")),
            Some(Command::Black)
        );
        assert_eq!(run(&f, &s, None, Command::Black), vec![Effect::ToggleBlack]);
    }

    #[test]
    fn black_is_for_presentation_only() {
        let f = Fixture::new();
        let (t, mut s) = presented(1);
        for k in ["b", "B", "."] {
            assert_eq!(
                key(&f, &s, Some(&t), KeyPress::plain(k)),
                Some(Command::Black)
            );
        }
        assert_eq!(
            run(&f, &s, Some(&t), Command::Black),
            vec![Effect::ToggleBlack]
        );
        s.mode = Mode::Explore;
        assert_eq!(key(&f, &s, Some(&t), KeyPress::plain("b")), None);
        assert_eq!(
            run(&f, &s, Some(&t), Command::Black),
            vec![],
            "the presenter's button"
        );
    }

    #[test]
    fn not_presenting_the_tour_keys_do_nothing() {
        let f = Fixture::new();
        let (t, mut s) = presented(1);
        s.mode = Mode::Explore;
        for k in [
            "ArrowRight",
            " ",
            "ArrowLeft",
            "Home",
            "End",
            "2",
            "Enter",
            ".",
        ] {
            assert_eq!(key(&f, &s, Some(&t), KeyPress::plain(k)), None, "{k}");
        }
        // The presenter's buttons move the tour all the same.
        assert_eq!(
            step_of(&run(&f, &s, Some(&t), presenter::Command::Next.into())),
            Some(2)
        );
    }

    #[test]
    fn typing_in_a_field_or_a_modifier_leaves_the_key_alone() {
        let f = Fixture::new();
        let (t, s) = presented(1);
        let mut digits = String::from("2");
        for k in ["ArrowRight", "b", "s", "p", "/", "3", "Home"] {
            let typing = KeyPress {
                in_field: true,
                ..KeyPress::plain(k)
            };
            let scene = f.scene(&s, Some(&t));
            assert_eq!(key_command(&typing, &scene, &mut digits), None, "{k}");
        }
        assert_eq!(digits, "2", "typing in a field keeps the number typed");
        for held in [
            KeyPress {
                ctrl: true,
                ..KeyPress::default()
            },
            KeyPress {
                meta: true,
                ..KeyPress::default()
            },
            KeyPress {
                alt: true,
                ..KeyPress::default()
            },
        ] {
            for k in ["ArrowRight", "b", "s", "p", "P", "Home"] {
                let k = KeyPress { key: k, ..held };
                assert_eq!(key(&f, &s, Some(&t), k), None, "{k:?}");
            }
            // "/" focuses the search whatever is held (a keyboard may need Shift or Alt for it).
            let slash = KeyPress { key: "/", ..held };
            assert_eq!(key(&f, &s, Some(&t), slash), Some(Command::FocusSearch));
        }
    }

    #[test]
    fn letters_open_the_presenter_focus_the_search_and_toggle_presentation() {
        let f = Fixture::new();
        let explore = ViewState::default();
        let (t, present) = presented(0);
        for (s, t) in [(&explore, None), (&present, Some(&t))] {
            for k in ["s", "S"] {
                assert_eq!(
                    key(&f, s, t, KeyPress::plain(k)),
                    Some(Command::OpenPresenter)
                );
            }
            assert_eq!(
                key(&f, s, t, KeyPress::plain("/")),
                Some(Command::FocusSearch)
            );
            for k in ["p", "P"] {
                assert_eq!(
                    key(&f, s, t, KeyPress::plain(k)),
                    Some(Command::TogglePresenting)
                );
            }
            assert_eq!(key(&f, s, t, KeyPress::plain("x")), None);
        }
        assert_eq!(
            run(&f, &explore, None, Command::OpenPresenter),
            vec![Effect::OpenPresenter]
        );
        assert_eq!(
            run(&f, &explore, None, Command::FocusSearch),
            vec![Effect::FocusSearch]
        );
        assert_eq!(
            run(&f, &explore, None, Command::TogglePresenting),
            vec![Effect::Present(true)]
        );
        assert_eq!(
            run(&f, &present, Some(&t), Command::TogglePresenting),
            vec![Effect::Present(false)]
        );
    }

    #[test]
    fn escape_closes_the_selection_then_leaves_presentation() {
        let f = Fixture::new();
        let selected = ViewState {
            selection: Some(Selection::Column("e".into())),
            ..ViewState::default()
        };
        let esc = KeyPress::plain("Escape");
        assert_eq!(key(&f, &selected, None, esc), Some(Command::Deselect));
        assert!(
            !Command::Deselect.prevents_default(),
            "the browser's Escape too"
        );
        assert_eq!(
            run(&f, &selected, None, Command::Deselect),
            vec![Effect::Act(Action::Select(None))]
        );
        assert_eq!(
            key(&f, &ViewState::default(), None, esc),
            None,
            "nothing to close"
        );
        let (t, mut present) = presented(1);
        assert_eq!(key(&f, &present, Some(&t), esc), Some(Command::Leave));
        assert!(!Command::Leave.prevents_default());
        assert_eq!(
            run(&f, &present, Some(&t), Command::Leave),
            vec![Effect::Present(false)]
        );
        present.selection = Some(Selection::Column("e".into()));
        assert_eq!(key(&f, &present, Some(&t), esc), Some(Command::Deselect));
        // A field or a menu that took Escape keeps it; typing in a field does not.
        let taken = KeyPress { taken: true, ..esc };
        assert_eq!(key(&f, &selected, None, taken), None);
        let in_field = KeyPress {
            in_field: true,
            ..esc
        };
        assert_eq!(key(&f, &selected, None, in_field), Some(Command::Deselect));
    }

    #[test]
    fn escape_in_presentation_is_taken_first_always() {
        let f = Fixture::new();
        let (t, mut s) = presented(1);
        let leave = run(&f, &s, Some(&t), Command::Leave);
        assert_eq!(escape_first(&s), leave);
        s.selection = Some(Selection::Column("e".into()));
        assert_eq!(escape_first(&s), leave, "even with a selection open");
        s.mode = Mode::Explore;
        assert_eq!(escape_first(&s), vec![], "left to the page");
        assert_eq!(escape_first(&ViewState::default()), vec![]);
    }

    #[test]
    fn a_reveal_takes_next_and_previous_first() {
        let f = Fixture::new();
        let (t, mut s) = presented(0);
        s.reveal = Some(Reveal {
            by: RevealBy::Row,
            shown: 0,
        });
        let total = reveal_total(&f.corpus, &f.index, &s);
        assert!(total > 1, "the sample's matrix has rows to reveal");
        let next = key(&f, &s, Some(&t), KeyPress::plain("ArrowRight"));
        assert_eq!(next, Some(Command::Reveal(1, total)));
        assert_eq!(
            run(&f, &s, Some(&t), next.unwrap()),
            vec![Effect::Act(Action::RevealStep(1, total))]
        );
        // Nothing shown yet: Previous moves the tour (here: stays on the first step).
        assert_eq!(
            key(&f, &s, Some(&t), KeyPress::plain("ArrowLeft")),
            Some(Command::Go(Nav::Prev))
        );
        s.reveal = Some(Reveal {
            by: RevealBy::Row,
            shown: total,
        });
        assert_eq!(
            key(&f, &s, Some(&t), KeyPress::plain("PageUp")),
            Some(Command::Reveal(-1, total))
        );
        assert_eq!(
            key(&f, &s, Some(&t), KeyPress::plain(" ")),
            Some(Command::Go(Nav::Next)),
            "all shown: Next moves on"
        );
        // Home, End and the presenter's buttons move the tour whatever is revealed.
        assert_eq!(
            key(&f, &s, Some(&t), KeyPress::plain("End")),
            Some(Command::Go(Nav::Last))
        );
        assert_eq!(
            step_of(&run(&f, &s, Some(&t), presenter::Command::Next.into())),
            Some(1)
        );
    }

    #[test]
    fn presenter_commands_are_read_as_commands() {
        let f = Fixture::new();
        let (t, s) = presented(1);
        assert_eq!(
            Command::from(presenter::Command::Step(0)),
            Command::Go(Nav::Jump(1))
        );
        assert_eq!(
            Command::from(presenter::Command::Step(usize::MAX)),
            Command::Go(Nav::Jump(usize::MAX)),
            "no overflow"
        );
        for (c, step) in [
            (presenter::Command::Next, Some(2)),
            (presenter::Command::Prev, Some(0)),
            (presenter::Command::First, Some(0)),
            (presenter::Command::Last, Some(2)),
            (presenter::Command::Step(0), Some(0)),
            (presenter::Command::Step(1), None),
            (presenter::Command::Step(7), Some(2)),
        ] {
            assert_eq!(step_of(&run(&f, &s, Some(&t), c.into())), step, "{c:?}");
        }
        assert_eq!(
            run(&f, &s, Some(&t), presenter::Command::Black.into()),
            vec![Effect::ToggleBlack]
        );
        let dark = presenter::Command::Theme(Some(Theme::Dark));
        assert_eq!(
            run(&f, &s, Some(&t), dark.into()),
            vec![Effect::Act(Action::SetTheme(Some(Theme::Dark)))]
        );
        assert_eq!(
            run(
                &f,
                &ViewState::default(),
                None,
                presenter::Command::Theme(None).into()
            ),
            vec![Effect::Act(Action::SetTheme(None))],
            "the theme changes outside presentation too"
        );
    }
}
