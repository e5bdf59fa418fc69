//! The whole screen (presentation mode): entering, leaving, noticing the browser left it.

use super::{document, spawn, Listener};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Asks for the whole screen (presentation mode), where the browser allows it. Must run in the
/// handler of a click or key (browsers require a user gesture). Returns false at once when the
/// Fullscreen API is missing or disabled here; `on_refused` runs if the browser says no later.
pub fn enter_fullscreen_or(on_refused: impl FnOnce() + 'static) -> bool {
    let Some(doc) = document() else { return false };
    if doc.fullscreen_element().is_some() {
        return true;
    }
    if !doc.fullscreen_enabled() {
        return false;
    }
    let Some(root) = doc.document_element() else {
        return false;
    };
    // `requestFullscreen` returns a promise; awaiting it keeps a refusal from surfacing as an
    // unhandled rejection.
    match call_promise(&root, "requestFullscreen") {
        Some(p) => {
            spawn(async move {
                if JsFuture::from(p).await.is_err() {
                    on_refused();
                }
            });
            true
        }
        None => false,
    }
}

/// `enter_fullscreen_or` with nothing to do on a refusal.
pub fn enter_fullscreen() -> bool {
    enter_fullscreen_or(|| {})
}

/// Calls `f` when the page leaves the whole screen (the browser takes Escape for that, so the
/// page never sees the key).
pub fn on_fullscreen_exit(f: impl Fn() + 'static) -> Option<Listener> {
    let doc = document()?;
    let d = doc.clone();
    Some(Listener::new(&doc, "fullscreenchange", move |_| {
        if d.fullscreen_element().is_none() {
            f();
        }
    }))
}

/// Leaves the whole screen, if the page holds it.
pub fn exit_fullscreen() {
    if let Some(doc) = document() {
        if doc.fullscreen_element().is_some() {
            if let Some(p) = call_promise(&doc, "exitFullscreen") {
                spawn(async move {
                    let _ = JsFuture::from(p).await;
                });
            }
        }
    }
}

/// Calls the method `name` of `target` (looked up at run time: older engines lack the
/// Fullscreen API) and returns the promise it returns; None when there is no such method or it
/// returns no promise.
fn call_promise(target: &wasm_bindgen::JsValue, name: &str) -> Option<js_sys::Promise> {
    js_sys::Reflect::get(target, &name.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(target)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}
