//! The keyboard: key listeners (Escape first), where the focus is, keys the presenter passes on.

use super::{document, window, Listener};
use gloo::events::EventListenerOptions;
use wasm_bindgen::JsCast;

/// Calls `f` for every keydown on the document.
pub fn on_keydown(f: impl Fn(&web_sys::KeyboardEvent) + 'static) -> Option<Listener> {
    let d = document()?;
    // Not passive: the handlers call `prevent_default` for the keys they take.
    let opts = EventListenerOptions::enable_prevent_default();
    Some(Listener::with_options(&d, "keydown", opts, move |e| {
        if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
            f(k)
        }
    }))
}

/// Calls `f` for every Escape key before any element sees it (the capture phase on the
/// window), so that nothing open on the page (a menu, a field, a panel) can keep it. `f`
/// returns true when it took the key: the event then goes no further.
pub fn on_escape_first(f: impl Fn() -> bool + 'static) -> Option<Listener> {
    let w = window()?;
    let opts = EventListenerOptions::run_in_capture_phase();
    let opts = EventListenerOptions {
        passive: false,
        ..opts
    };
    Some(Listener::with_options(&w, "keydown", opts, move |e| {
        let esc = e
            .dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|k| k.key() == "Escape" || k.key() == "Esc");
        if esc && f() {
            e.prevent_default();
            e.stop_immediate_propagation();
        }
    }))
}

/// True when the keyboard focus is in a text field (global shortcuts stay out of its way).
pub fn typing_in_field() -> bool {
    document()
        .and_then(|d| d.active_element())
        .map(|e| {
            let tag = e.tag_name().to_ascii_lowercase();
            tag == "input" || tag == "textarea" || tag == "select"
        })
        .unwrap_or(false)
}

/// True when the keyboard focus is on a button (Enter and Space belong to it).
pub fn focus_on_button() -> bool {
    document()
        .and_then(|d| d.active_element())
        .is_some_and(|e| e.tag_name().eq_ignore_ascii_case("button"))
}

/// Replays a key on this page's document, as if pressed here (a key the presenter window passed
/// on); the page's own key handlers decide what it does.
pub fn replay_key(key: &str) {
    let Some(d) = document() else { return };
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    if let Ok(e) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
        let _ = d.dispatch_event(&e);
    }
}
