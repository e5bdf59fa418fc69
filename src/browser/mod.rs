//! The only module that touches the browser (web-sys, gloo, wasm-bindgen-futures): the URL
//! fragment and history, the clipboard, focus and scrolling, the document title, form fields
//! behind events, timers and tasks, and the start-up signal. Components call these functions
//! and never name a web-sys type.

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

/// Tells the page (and its start-up watchdog) that the app has rendered.
pub fn mark_ready() {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("data-ready", "1");
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

/// Runs a task on the browser's event loop.
pub fn spawn(task: impl std::future::Future<Output = ()> + 'static) {
    wasm_bindgen_futures::spawn_local(task);
}

/// Resolves after `ms` milliseconds (0: on the next turn of the event loop).
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// The value of the form field an event came from (empty if it came from something else).
pub fn field_value(e: &web_sys::Event) -> String {
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
    target.map(|i| i.value()).unwrap_or_default()
}

/// An attribute of the element an event came from.
pub fn target_attribute(e: &web_sys::Event, name: &str) -> Option<String> {
    e.target()?.dyn_into::<Element>().ok()?.get_attribute(name)
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

/// The page links in exports point to: the page's own absolute address when served, the file's
/// name (normally `explorer.html`, relative) when opened from a file.
pub fn link_page() -> String {
    let Some(loc) = window().map(|w| w.location()) else {
        return "explorer.html".into();
    };
    let path = loc.pathname().unwrap_or_default();
    if loc.protocol().unwrap_or_default() == "file:" {
        let name = path.rsplit('/').next().unwrap_or_default();
        let name = evidence_core::url::percent_decode(name).0;
        return if name.is_empty() {
            "explorer.html".into()
        } else {
            name
        };
    }
    format!("{}{}", loc.origin().unwrap_or_default(), path)
}

/// Offers `text` as a download named `name` (a Blob URL on a temporary link, revoked after
/// the click). Err when the browser refuses.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), ()> {
    let doc = document().ok_or(())?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| ())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ())?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("visually-hidden");
    let body = doc.body().ok_or(())?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    // Revoke later: the download reads the Blob after the click returns.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Selects the text of a textarea (the fallback when the clipboard is refused).
pub fn select_textarea(id: &str) {
    if let Some(t) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        let _ = t.focus();
        t.select();
    }
}

/// (left, width) of the element with this id in viewport pixels.
pub fn rect_of(id: &str) -> Option<(f64, f64)> {
    let r = element(id)?.get_bounding_client_rect();
    Some((r.left(), r.width()))
}

/// Opens a fragment as if the address had been edited (a history entry; the app's fragment
/// listener decodes it, with its notices).
pub fn open_fragment(fragment: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_hash(&format!("#{fragment}"));
    }
}

/// The value of the input with this id ("" when there is none).
pub fn input_value(id: &str) -> String {
    element(id)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}
