//! The global keys: each key press read by `keys::key_command` and carried out by the
//! commands' `apply`; Escape in presentation taken before anything on the page sees it.

use std::cell::RefCell;
use std::rc::Rc;

use evidence_core::state::ViewState;
use evidence_core::viewmodel::keys::{self, Effect, KeyPress};
use yew::prelude::*;

use crate::browser;
use crate::data::Shared;
use crate::hooks::commands::with_scene;

/// Listens for the global keys in `state` (see `keys`), and does what they ask through
/// `apply`.
#[hook]
pub fn use_global_keys(
    d: &Shared,
    state: &ViewState,
    latest: &Rc<RefCell<ViewState>>,
    apply: &Callback<Effect>,
) {
    // The number typed so far for a jump to a step.
    let digits = use_mut_ref(String::new);
    {
        let d = d.clone();
        use_effect_with((state.clone(), apply.clone()), move |(state, apply)| {
            let (current, apply) = (state.clone(), apply.clone());
            let listener = browser::on_keydown(move |e| {
                let key = e.key();
                let press = KeyPress {
                    key: &key,
                    ctrl: e.ctrl_key(),
                    meta: e.meta_key(),
                    alt: e.alt_key(),
                    in_field: browser::typing_in_field(),
                    taken: e.default_prevented(),
                };
                let Some((prevent, effects)) = with_scene(&d.0, &current, |scene| {
                    let c = keys::key_command(&press, scene, &mut digits.borrow_mut())?;
                    Some((c.prevents_default(), keys::effects(c, scene)))
                }) else {
                    return;
                };
                if prevent {
                    e.prevent_default();
                }
                for effect in effects {
                    apply.emit(effect);
                }
            });
            move || drop(listener)
        });
    }
    {
        // One press of Escape leaves presentation, whatever is open (a menu, a field, the
        // panel): it is taken before any element sees it, and closes the top bar's menus.
        let (latest, apply) = (latest.clone(), apply.clone());
        use_effect_with((), move |_| {
            let listener = browser::on_escape_first(move || {
                let effects = keys::escape_first(&latest.borrow());
                let took = !effects.is_empty();
                if took {
                    browser::close_menus();
                }
                for effect in effects {
                    apply.emit(effect);
                }
                took
            });
            move || drop(listener)
        });
    }
}
