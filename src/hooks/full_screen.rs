//! Presentation mode and the whole screen: entering presentation asks for full screen (or
//! shows a hint where the browser will not), and leaving either leaves the other.

use std::cell::RefCell;
use std::rc::Rc;

use evidence_core::state::{Action, Mode, ViewState};
use yew::prelude::*;

use crate::browser;

/// Presentation mode's switch and whether to show the full-screen hint.
pub struct Presenting {
    /// Presentation mode on (with the whole screen where the browser allows it) or off.
    pub set: Callback<bool>,
    /// The browser would not give the whole screen: say how to take it.
    pub hint: bool,
}

/// Presentation mode with the whole screen; `mode` is the state's.
#[hook]
pub fn use_presenting(
    dispatch: &Callback<Action>,
    latest: &Rc<RefCell<ViewState>>,
    mode: Mode,
) -> Presenting {
    let fs_hint = use_state(|| false);
    let set = {
        let dispatch = dispatch.clone();
        let fs_hint = fs_hint.clone();
        use_callback((), move |on: bool, _| {
            if on {
                let hint = fs_hint.clone();
                if !browser::enter_fullscreen_or(move || hint.set(true)) {
                    fs_hint.set(true);
                }
                dispatch.emit(Action::SetMode(Mode::Present));
            } else {
                browser::exit_fullscreen();
                dispatch.emit(Action::SetMode(Mode::Explore));
            }
        })
    };
    {
        // Leaving presentation by any way (Back, an edited address) gives the screen back.
        let fs_hint = fs_hint.clone();
        use_effect_with(mode, move |m| {
            if *m == Mode::Explore {
                browser::exit_fullscreen();
                fs_hint.set(false);
            }
        });
    }
    {
        // Escape in full screen is the browser's: it leaves the whole screen without a key
        // event, so leaving the whole screen leaves presentation mode too.
        let dispatch = dispatch.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = browser::on_fullscreen_exit(move || {
                if latest.borrow().mode == Mode::Present {
                    dispatch.emit(Action::SetMode(Mode::Explore));
                }
            });
            move || drop(listener)
        });
    }
    Presenting {
        set,
        hint: *fs_hint,
    }
}
