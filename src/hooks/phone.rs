//! A phone-sized window (`viewmodel::phone::PHONE_MAX_PX`): a presented tour reads there as
//! a sequence of steps, moved by a swipe, its view fitted to the width.

use evidence_core::link::tour::Nav;
use evidence_core::state::ViewState;
use evidence_core::viewmodel::phone::swipe;
use evidence_core::workshop::presenter::Command;
use yew::prelude::*;

use crate::browser;

/// Whether the window is phone-sized (again on each resize).
#[hook]
pub fn use_phone() -> bool {
    let phone = use_state(browser::is_phone);
    {
        let phone = phone.clone();
        use_effect_with((), move |_| {
            let listener = browser::on_resize(move || {
                let now = browser::is_phone();
                if *phone != now {
                    phone.set(now);
                }
            });
            move || drop(listener)
        });
    }
    *phone
}

/// While a tour is read on a phone (`on`): a swipe to the left goes on, to the right goes back
/// (through `on_command`), and the step's view fits the width (what is still wider scrolls in
/// its box).
#[hook]
pub fn use_phone_tour(on: bool, state: &ViewState, on_command: &Callback<Command>) {
    {
        let on_command = on_command.clone();
        use_effect_with(on, move |on| {
            let listeners = on
                .then(|| {
                    browser::on_swipe("phone-tour", move |dx, dy| match swipe(dx, dy) {
                        Some(Nav::Next) => on_command.emit(Command::Next),
                        Some(Nav::Prev) => on_command.emit(Command::Prev),
                        _ => {}
                    })
                })
                .flatten();
            move || drop(listeners)
        });
    }
    use_effect_with((state.clone(), on), move |(_, on)| {
        let listener = on.then(|| {
            browser::fit_width("phone-view");
            browser::on_resize(|| browser::fit_width("phone-view"))
        });
        move || drop(listener)
    });
}
