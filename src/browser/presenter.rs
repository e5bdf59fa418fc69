//! The presenter window and the audience window: `window.open` plus `postMessage`.

// Two windows of a page opened from disk have the origin "null" and may not share a
// BroadcastChannel, but the opener relationship works from file:// as over http. Each side
// accepts messages only from its peer window and from its own origin (the string "null" for
// both under file://).

use super::{href, window, Listener};
use wasm_bindgen::JsCast;

/// The name of the presenter window (how a page knows it is one).
const PRESENTER_NAME: &str = "evidence-presenter";

thread_local! {
    /// The audience window's handle on the presenter window it opened (or adopted).
    static PEER: std::cell::RefCell<Option<web_sys::Window>> = const { std::cell::RefCell::new(None) };
}

/// The window that opened this one, if this page is a presenter window (it was opened by
/// `open_presenter` and its opener is still there).
fn opener() -> Option<web_sys::Window> {
    let w = window()?;
    if w.name().ok()? != PRESENTER_NAME {
        return None;
    }
    let o = w.opener().ok()?;
    if o.is_null() || o.is_undefined() {
        return None;
    }
    Some(o.unchecked_into())
}

/// True when this page runs as the presenter window.
pub fn is_presenter_window() -> bool {
    opener().is_some()
}

/// What happened when the audience window asked for the presenter window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// The presenter window is open (or was already, and is brought forward).
    Window,
    /// The browser blocked the popup.
    Blocked,
}

/// Opens this page as the presenter window (a popup named `evidence-presenter`), or brings the
/// open one forward. Must run in a user gesture (a key press or a click).
pub fn open_presenter() -> Opened {
    let Some(w) = window() else {
        return Opened::Blocked;
    };
    let open_one = PEER.with(|p| {
        p.borrow()
            .as_ref()
            .is_some_and(|p| !p.closed().unwrap_or(true))
    });
    if open_one {
        PEER.with(|p| {
            if let Some(p) = p.borrow().as_ref() {
                let _ = p.focus();
            }
        });
        return Opened::Window;
    }
    let url = href();
    let features = "popup=yes,width=1100,height=760";
    match w.open_with_url_and_target_and_features(&url, PRESENTER_NAME, features) {
        Ok(Some(p)) => {
            PEER.with(|peer| *peer.borrow_mut() = Some(p));
            Opened::Window
        }
        _ => Opened::Blocked,
    }
}

/// True while the audience window has an open presenter window.
pub fn presenter_open() -> bool {
    PEER.with(|p| {
        p.borrow()
            .as_ref()
            .is_some_and(|p| !p.closed().unwrap_or(true))
    })
}

/// Forgets the presenter window (it said goodbye).
pub fn forget_presenter() {
    PEER.with(|p| *p.borrow_mut() = None);
}

fn own_origin() -> String {
    window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// `postMessage`'s target origin: the page's own origin, or "*" where that is opaque ("null",
/// a page opened from disk), which `postMessage` cannot name.
fn target_origin() -> String {
    let o = own_origin();
    if o.is_empty() || o == "null" || o == "file://" {
        "*".to_string()
    } else {
        o
    }
}

/// Sends a message to the peer window: the presenter window (from the audience window) or the
/// opener (from the presenter window). Does nothing when there is none.
pub fn post_to_peer(message: &str) {
    let peer = opener().or_else(|| {
        PEER.with(|p| {
            p.borrow()
                .as_ref()
                .filter(|p| !p.closed().unwrap_or(true))
                .cloned()
        })
    });
    if let Some(p) = peer {
        let _ = p.post_message(&wasm_bindgen::JsValue::from_str(message), &target_origin());
    }
}

/// Calls `f` with the text of every message from the peer window. In the presenter window the
/// peer is the opener; in the audience window it is the presenter window it opened, or a window
/// that this page opened before a reload (its `opener` is this window) and that says hello:
/// that one is adopted. Messages from any other window or origin are dropped.
pub fn on_peer_message(f: impl Fn(String) + 'static) -> Option<Listener> {
    let w = window()?;
    let own = own_origin();
    Some(Listener::new(&w, "message", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        // From disk the page's origin is opaque: Chromium spells it "file://" in `location`
        // and "null" in the event, Firefox "null" in both.
        let opaque = |o: &str| o == "null" || o == "file://";
        if e.origin() != own && !(opaque(&own) && opaque(&e.origin())) {
            return;
        }
        let Some(text) = e.data().as_string() else {
            return;
        };
        let Some(source) = e.source() else { return };
        let source: wasm_bindgen::JsValue = source.into();
        let from_peer = if let Some(o) = opener() {
            wasm_bindgen::JsValue::from(o) == source
        } else {
            let known = PEER.with(|p| {
                p.borrow()
                    .as_ref()
                    .is_some_and(|p| wasm_bindgen::JsValue::from(p.clone()) == source)
            });
            known || adopt(&source)
        };
        if from_peer {
            f(text);
        }
    }))
}

/// Adopts `source` as the presenter window when this window opened it (after a reload of the
/// audience window, the presenter window is still there and keeps saying hello).
fn adopt(source: &wasm_bindgen::JsValue) -> bool {
    let Some(me) = window() else { return false };
    let candidate: web_sys::Window = source.clone().unchecked_into();
    let opened_by_me = candidate
        .opener()
        .is_ok_and(|o| o == wasm_bindgen::JsValue::from(me));
    if opened_by_me {
        PEER.with(|p| *p.borrow_mut() = Some(candidate));
    }
    opened_by_me
}
