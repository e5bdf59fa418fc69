//! What keys and the presenter's commands do, carried out: `keys::effects` decides, the
//! callbacks here do it (the store, the blacked-out screen, the presenter window, the focus,
//! presentation mode).

use std::cell::RefCell;
use std::rc::Rc;

use evidence_core::state::{Action, ViewState};
use evidence_core::viewmodel::keys::{self, Effect, Scene};
use evidence_core::workshop::presenter::Command;
use yew::prelude::*;

use crate::browser;
use crate::data::{Data, Shared};

/// The callbacks of the commands.
pub struct Commands {
    /// Carries out one effect.
    pub apply: Callback<Effect>,
    /// Does a presenter command (its buttons, its link, a swipe on a phone).
    pub on_command: Callback<Command>,
}

/// What the shell does for an effect, and for a presenter command. `black` is the blacked-out
/// screen of a presentation.
#[hook]
pub fn use_commands(
    d: &Shared,
    latest: &Rc<RefCell<ViewState>>,
    dispatch: &Callback<Action>,
    black: &UseStateHandle<bool>,
    open_presenter: &Callback<()>,
    set_presenting: &Callback<bool>,
) -> Commands {
    let apply = {
        let (dispatch, black) = (dispatch.clone(), black.clone());
        let (open_presenter, set_presenting) = (open_presenter.clone(), set_presenting.clone());
        use_callback(*black, move |e: Effect, blacked| match e {
            Effect::Act(a) => dispatch.emit(a),
            Effect::ToggleBlack => black.set(!*blacked),
            Effect::OpenPresenter => open_presenter.emit(()),
            Effect::FocusSearch => {
                browser::focus("search-input");
            }
            Effect::Present(on) => set_presenting.emit(on),
        })
    };
    let on_command = {
        let (d, latest) = (d.clone(), latest.clone());
        use_callback(apply.clone(), move |c: Command, apply| {
            let effects = with_scene(&d.0, &latest.borrow(), |s| keys::effects(c.into(), s));
            for e in effects {
                apply.emit(e);
            }
        })
    };
    Commands { apply, on_command }
}

/// Calls `f` with the scene of `state` (its tour decoded once, `Data::tour`).
pub fn with_scene<R>(d: &Data, state: &ViewState, f: impl FnOnce(&Scene) -> R) -> R {
    let tour = d.tour(state);
    f(&Scene {
        corpus: &d.corpus,
        index: &d.index,
        state,
        tour: tour.as_deref(),
    })
}
