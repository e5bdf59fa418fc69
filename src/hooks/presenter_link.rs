//! The presenter window: opening it (or the notes beside the slide when the browser blocks
//! it), and the link both ways (`presenter::Message`): this window tells it the view and
//! whether the screen is black; it sends commands and the keys pressed there.

use std::cell::RefCell;
use std::rc::Rc;

use evidence_core::link::url;
use evidence_core::state::ViewState;
use evidence_core::workshop::presenter::{Command, Message};
use yew::prelude::*;

use crate::browser;

/// Where the presenter's notes are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notes {
    /// Nowhere (or in a presenter window this page does not know of yet).
    Hidden,
    /// In the presenter window.
    Window,
    /// Beside the slide, because the browser blocked the presenter window.
    Split,
}

/// Where the notes are, and the callback that opens the presenter window.
#[hook]
pub fn use_presenter_notes() -> (UseStateHandle<Notes>, Callback<()>) {
    let notes = use_state(|| Notes::Hidden);
    let open = {
        let notes = notes.clone();
        use_callback((), move |_: (), _| {
            notes.set(match browser::open_presenter() {
                browser::Opened::Window => Notes::Window,
                browser::Opened::Blocked => Notes::Split,
            })
        })
    };
    (notes, open)
}

/// The link with the presenter window: answers its hello with the view and the screen, sends
/// each new view and each change of `screen_black` (black only in presentation), follows its
/// commands (`on_command`) and replays its keys here.
#[hook]
pub fn use_presenter_link(
    latest: &Rc<RefCell<ViewState>>,
    notes: &UseStateHandle<Notes>,
    on_command: &Callback<Command>,
    state: &ViewState,
    screen_black: bool,
) {
    let black_now = use_mut_ref(|| false);
    *black_now.borrow_mut() = screen_black;
    {
        let latest = latest.clone();
        let notes = notes.clone();
        let black_now = black_now.clone();
        use_effect_with(on_command.clone(), move |on_command| {
            let on_command = on_command.clone();
            let listener = browser::on_peer_message(move |text| match Message::parse(&text) {
                Some(Message::Hello) => {
                    let frag = url::encode(&latest.borrow());
                    browser::post_to_peer(&Message::State(frag).encode());
                    browser::post_to_peer(&Message::Screen(*black_now.borrow()).encode());
                    if *notes != Notes::Window {
                        notes.set(Notes::Window);
                    }
                }
                Some(Message::Go(c)) => on_command.emit(c),
                Some(Message::Key(k)) => browser::replay_key(&k),
                Some(Message::Bye) => {
                    browser::forget_presenter();
                    notes.set(Notes::Hidden);
                }
                _ => {}
            });
            let bye = browser::on_page_hide(|| browser::post_to_peer(&Message::Bye.encode()));
            move || drop((listener, bye))
        });
    }
    use_effect_with(state.clone(), move |state| {
        if browser::presenter_open() {
            browser::post_to_peer(&Message::State(url::encode(state)).encode());
        }
    });
    use_effect_with(screen_black, move |black| {
        if browser::presenter_open() {
            browser::post_to_peer(&Message::Screen(*black).encode());
        }
    });
}
