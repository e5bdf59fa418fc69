//! The only module that touches the browser (web-sys, gloo): the URL fragment and history,
//! the clipboard, focus and scrolling, the document title and the start-up signal.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, HtmlInputElement};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// The element the app mounts on (`#app`), emptied of the loading indicator.
pub fn app_root() -> Element {
    let doc = document().expect("a browser document");
    match doc.get_element_by_id("app") {
        Some(el) => {
            el.set_inner_html("");
            el
        }
        None => doc.body().expect("a document body").into(),
    }
}

/// Tells the page (and its start-up watchdog) that the app has rendered, and marks the moment
/// as the performance mark `app-ready` (read by the engine tests and the benchmark).
pub fn mark_ready() {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("data-ready", "1");
    }
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark("app-ready");
    }
}

/// The current URL fragment without its `#`.
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The full current URL (what "Copy link" copies).
pub fn href() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Sets the fragment: a new history entry, or replacing the current one.
pub fn set_fragment(fragment: &str, replace: bool) {
    let Some(w) = window() else { return };
    let url = format!("#{fragment}");
    let done = w.history().ok().is_some_and(|h| {
        let r = if replace {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
        r.is_ok()
    });
    if !done {
        let _ = w.location().set_hash(&url);
    }
}

/// Calls `f` with the new fragment whenever the user moves in history or edits the URL.
pub fn on_fragment_change(f: impl Fn(String) + 'static) -> Vec<EventListener> {
    let Some(w) = window() else { return Vec::new() };
    let f = std::rc::Rc::new(f);
    let g = f.clone();
    vec![
        EventListener::new(&w, "popstate", move |_| f(fragment())),
        EventListener::new(&w, "hashchange", move |_| g(fragment())),
    ]
}

/// Copies text to the clipboard. Err when the clipboard is not available or refused.
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let clipboard = window().map(|w| w.navigator().clipboard()).ok_or(())?;
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// Selects the text of an input (the fallback when the clipboard is refused).
pub fn select_input(id: &str) {
    if let Some(input) = element(id).and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
        let _ = input.focus();
        input.select();
    }
}

/// The element with this id.
pub fn element(id: &str) -> Option<Element> {
    document()?.get_element_by_id(id)
}

/// Scrolls the element with this id into the middle of the view.
pub fn scroll_to(id: &str) {
    if let Some(el) = element(id) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Scrolls the element with this id just enough to show it (inside scrolling containers too).
pub fn reveal(id: &str) {
    if let Some(el) = element(id) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        opts.set_inline(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Moves keyboard focus to the element with this id.
pub fn focus(id: &str) {
    if let Some(el) = element(id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Mirrors the app's mode on `<html data-mode>` (presentation type scales from the root).
pub fn set_mode(mode: &str) {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("data-mode", mode);
    }
}

/// Milliseconds since the page started (`performance.now()`).
pub fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Calls `f` once scrolling has paused for `ms` milliseconds, counting only scroll events for
/// which `counts()` is true. Dropping the returned value stops listening (and cancels a
/// pending call).
pub fn on_scroll_settled(
    ms: u32,
    counts: impl Fn() -> bool + 'static,
    f: impl Fn() + 'static,
) -> Option<ScrollWatch> {
    let w = window()?;
    let f = std::rc::Rc::new(f);
    let pending: std::rc::Rc<std::cell::RefCell<Option<gloo::timers::callback::Timeout>>> =
        Default::default();
    let p = pending.clone();
    let listener = EventListener::new(&w, "scroll", move |_| {
        if !counts() {
            return;
        }
        let f = f.clone();
        // Replacing the pending timeout drops (cancels) the previous one.
        *p.borrow_mut() = Some(gloo::timers::callback::Timeout::new(ms, move || f()));
    });
    Some(ScrollWatch {
        _listener: listener,
        _pending: pending,
    })
}

/// A scroll listener with its pending call (see `on_scroll_settled`).
pub struct ScrollWatch {
    _listener: EventListener,
    _pending: std::rc::Rc<std::cell::RefCell<Option<gloo::timers::callback::Timeout>>>,
}

/// The `data-block` id of the paragraph or heading at the vertical middle of the view.
pub fn block_at_middle() -> Option<String> {
    let w = window()?;
    let middle = w.inner_height().ok()?.as_f64()? / 2.0;
    let list = document()?
        .query_selector_all(".reader [data-block]")
        .ok()?;
    let mut best: Option<(f64, String)> = None;
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let r = el.get_bounding_client_rect();
        let d = if r.top() <= middle && r.bottom() >= middle {
            0.0
        } else {
            (r.top() - middle).abs().min((r.bottom() - middle).abs())
        };
        if best.as_ref().is_none_or(|b| d < b.0) {
            best = el.get_attribute("data-block").map(|id| (d, id));
        }
    }
    best.map(|b| b.1)
}

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// Calls `f` for every keydown on the document.
pub fn on_keydown(f: impl Fn(&web_sys::KeyboardEvent) + 'static) -> Option<EventListener> {
    let d = document()?;
    Some(EventListener::new(&d, "keydown", move |e| {
        if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
            f(k)
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

/// The `data-r` / `data-c` grid coordinates of the closest element around an event target.
pub fn grid_coords(target: Option<web_sys::EventTarget>) -> Option<(i32, i32)> {
    let el = target?.dyn_into::<Element>().ok()?;
    let cell = el.closest("[data-r][data-c]").ok().flatten()?;
    let r = cell.get_attribute("data-r")?.parse().ok()?;
    let c = cell.get_attribute("data-c")?.parse().ok()?;
    Some((r, c))
}

/// Installs the panic hook: the panic goes to the console (with the JavaScript stack, by
/// `console_error_panic_hook`) and a readable notice covers the view, which is made inert.
///
/// The release profile has `panic = "abort"` (and wasm32-unknown-unknown cannot unwind anyway):
/// the hook still runs first, then the wasm executes `unreachable` and the browser throws a
/// `RuntimeError` into whatever JavaScript called it (an event listener, the start-up
/// promise). Nothing of the app runs correctly after that, so the notice is built here with
/// plain DOM calls (no Yew) and asks for a reload; it must not panic itself (a panic inside the
/// hook aborts at once), so every step is fallible and its failure ignored.
///
/// Installed through Yew: its renderer otherwise replaces any hook set with `std::panic::set_hook`
/// by its own (console only) when it starts.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_error(&info.to_string());
    }));
}

/// The panic notice: `#fatal-error` (role alert) at the top of the page, the app made inert.
fn show_fatal_error(detail: &str) {
    let Some(doc) = document() else { return };
    if doc.get_element_by_id("fatal-error").is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let Ok(panel) = doc.create_element("div") else {
        return;
    };
    panel.set_id("fatal-error");
    panel.set_class_name("fatal-error");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("tabindex", "-1");
    let _ = panel.set_attribute("data-testid", "fatal-error");
    let parts: [(&str, &str, &str); 3] = [
        (
            "p",
            "fatal-title",
            "The evidence explorer stopped because of an internal error.",
        ),
        (
            "p",
            "fatal-message",
            "Nothing you did caused it, and nothing is lost: the address still holds your view. \
             Reload the page (F5, or Cmd+R on a Mac) to continue. If it happens again, please \
             report it with the details below.",
        ),
        ("pre", "fatal-detail", detail),
    ];
    for (tag, class, text) in parts {
        if let Ok(el) = doc.create_element(tag) {
            el.set_class_name(class);
            el.set_text_content(Some(text));
            let _ = panel.append_child(&el);
        }
    }
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.set_attribute("inert", "");
        let _ = app.set_attribute("aria-hidden", "true");
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-failed", "panic");
    }
    let _ = body.insert_before(&panel, body.first_child().as_ref());
    if let Ok(el) = panel.dyn_into::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// Test builds only (feature `e2e-panic`): panics on purpose at start-up when the fragment
/// contains `e2e-panic=start`, and in a keydown handler on F9.
#[cfg(feature = "e2e-panic")]
pub fn e2e_panic_triggers() {
    if fragment().contains("e2e-panic=start") {
        panic!("deliberate panic at start-up (test build with the e2e-panic feature)");
    }
    if let Some(d) = document() {
        EventListener::new(&d, "keydown", |e| {
            if e.dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == "F9")
            {
                panic!("deliberate panic in a key handler (test build with the e2e-panic feature)");
            }
        })
        .forget();
    }
}
