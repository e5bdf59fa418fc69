//! Listeners, held by a [`Listener`]: resize, scroll, clicks outside a menu, page hide, swipes.

use super::{after, by_testid, document, window, Timer};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Listening to one or more events: dropping the value stops listening.
#[must_use = "dropping a Listener stops listening"]
pub struct Listener(#[allow(dead_code)] Vec<EventListener>);

impl Listener {
    /// Calls `f` for every `event` on `target`.
    pub(super) fn new(
        target: &web_sys::EventTarget,
        event: &'static str,
        f: impl FnMut(&web_sys::Event) + 'static,
    ) -> Self {
        Self(vec![EventListener::new(target, event, f)])
    }

    /// [`Listener::new`] with options (capture phase, a handler that may prevent the default).
    pub(super) fn with_options(
        target: &web_sys::EventTarget,
        event: &'static str,
        options: EventListenerOptions,
        f: impl FnMut(&web_sys::Event) + 'static,
    ) -> Self {
        Self(vec![EventListener::new_with_options(
            target, event, options, f,
        )])
    }

    /// Several listeners held as one.
    pub(super) fn all(listeners: impl IntoIterator<Item = Listener>) -> Self {
        Self(listeners.into_iter().flat_map(|l| l.0).collect())
    }
}

/// Calls `f` whenever the window changes size.
pub fn on_resize(f: impl Fn() + 'static) -> Option<Listener> {
    let w = window()?;
    Some(Listener::new(&w, "resize", move |_| f()))
}

/// Calls `f` on every scroll of the box with this test id (None when it is not in the page).
pub fn on_box_scroll(wrap: &str, f: impl Fn() + 'static) -> Option<Listener> {
    let w = by_testid(wrap)?;
    Some(Listener::new(&w, "scroll", move |_| f()))
}

/// Runs `f` on every `event` (click, keydown) of the document that happens outside the element
/// of `node` while it is open (a click elsewhere closes a menu).
pub fn on_outside(
    event: &'static str,
    node: yew::NodeRef,
    f: impl Fn() + 'static,
) -> Option<Listener> {
    let doc = document()?;
    Some(Listener::new(&doc, event, move |e| {
        let Some(el) = node.cast::<web_sys::Element>() else {
            return;
        };
        if !el.has_attribute("open") {
            return;
        }
        let inside = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|t| el.contains(Some(&t)));
        if !inside {
            f();
        }
    }))
}

/// Calls `f` when the page is going away (closed, reloaded, navigated).
pub fn on_page_hide(f: impl Fn() + 'static) -> Option<Listener> {
    let w = window()?;
    Some(Listener::new(&w, "pagehide", move |_| f()))
}

/// Calls `f` once scrolling has paused for `ms` milliseconds, counting only scroll events for
/// which `counts()` is true. Dropping the returned value stops listening (and cancels a
/// pending call).
pub fn on_scroll_settled(
    ms: u32,
    counts: impl Fn() -> bool + 'static,
    f: impl Fn() + 'static,
) -> Option<Listener> {
    let w = window()?;
    let f = Rc::new(f);
    // Held by the listener's closure: dropping the listener drops (cancels) the pending call.
    let pending = RefCell::new(None::<Timer>);
    Some(Listener::new(&w, "scroll", move |_| {
        if !counts() {
            return;
        }
        let f = f.clone();
        // Replacing the pending timer drops (cancels) the previous one.
        *pending.borrow_mut() = Some(after(ms, move || f()));
    }))
}

/// Calls `f` with the sideways and downward travel (CSS px) of every pointer gesture (touch,
/// pen or mouse) that starts and ends on the element with this test id; a gesture the browser
/// takes over (a scroll: `pointercancel`) is dropped. None until the element is in the page.
pub fn on_swipe(testid: &str, f: impl Fn(f64, f64) + 'static) -> Option<Listener> {
    let el = by_testid(testid)?;
    let start = Rc::new(Cell::new(None::<(i32, f64, f64)>));
    let point = |e: &web_sys::Event| {
        e.dyn_ref::<web_sys::PointerEvent>().map(|p| {
            (
                p.pointer_id(),
                f64::from(p.client_x()),
                f64::from(p.client_y()),
            )
        })
    };
    let (s1, s2, s3) = (start.clone(), start.clone(), start);
    Some(Listener::all([
        Listener::new(&el, "pointerdown", move |e| {
            let primary = e
                .dyn_ref::<web_sys::PointerEvent>()
                .is_some_and(|p| p.is_primary());
            s1.set(point(e).filter(|_| primary));
        }),
        Listener::new(&el, "pointerup", move |e| {
            if let (Some((id, x0, y0)), Some((id2, x, y))) = (s2.take(), point(e)) {
                if id == id2 {
                    f(x - x0, y - y0);
                }
            }
        }),
        Listener::new(&el, "pointercancel", move |_| s3.set(None)),
    ]))
}
