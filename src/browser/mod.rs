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

/// The page's address without its fragment (what a view's link starts with).
pub fn base_url() -> String {
    let h = href();
    match h.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => h,
    }
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

/// The value of the input, text area or `<select>` an event came from (empty otherwise).
pub fn event_value(e: &web_sys::Event) -> String {
    let Some(t) = e.target() else {
        return String::new();
    };
    if let Some(i) = t.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(a) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        a.value()
    } else if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

/// How much of the grid inside the element `wrap` (a scroll box with overflow hidden) lies
/// outside it: (rows off screen, rows, columns off screen, columns), counting body rows
/// `[data-testid=matrix-row]` and column headers `[data-testid=col-head]`.
pub fn offscreen(wrap: &str) -> Option<(usize, usize, usize, usize)> {
    let doc = document()?;
    let w = doc
        .query_selector(&format!("[data-testid=\"{wrap}\"]"))
        .ok()??;
    let r = w.get_bounding_client_rect();
    let count = |sel: &str, off: &dyn Fn(&web_sys::DomRect) -> bool| -> (usize, usize) {
        let Ok(list) = w.query_selector_all(sel) else {
            return (0, 0);
        };
        let mut n_off = 0;
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                if off(&e.get_bounding_client_rect()) {
                    n_off += 1;
                }
            }
        }
        (n_off, list.length() as usize)
    };
    // Rows and columns scrolled under the sticky headers are off screen too.
    let edge = |sel: &str| {
        w.query_selector(sel)
            .ok()
            .flatten()
            .map(|e| e.get_bounding_client_rect())
    };
    let top = edge("thead").map_or(r.top(), |h| h.bottom());
    let left = edge(".corner").map_or(r.left(), |c| c.right());
    let (rows_off, rows) = count("[data-testid=\"matrix-row\"]", &|e| {
        e.bottom() > r.bottom() + 1.0 || e.top() < top - 1.0
    });
    let (cols_off, cols) = count("[data-testid=\"col-head\"]", &|e| {
        e.right() > r.right() + 1.0 || e.left() < left - 1.0
    });
    Some((rows_off, rows, cols_off, cols))
}

/// The geometry of a windowed grid in the box with this test id (`viewmodel::grid::Geometry`):
/// its scroll and visible size, the sticky headers' size, one column's width and one body
/// line's height. None until the grid is in the page.
pub fn grid_geometry(wrap: &str) -> Option<evidence_core::viewmodel::grid::Geometry> {
    let doc = document()?;
    let w = doc
        .query_selector(&format!("[data-testid=\"{wrap}\"]"))
        .ok()??;
    let size = |sel: &str| -> Option<(f64, f64)> {
        let e = w.query_selector(sel).ok()??;
        let r = e.get_bounding_client_rect();
        Some((r.width(), r.height()))
    };
    let head_w = size("tbody th.row-head").map_or(0.0, |s| s.0);
    let head_h = size("thead").map_or(0.0, |s| s.1);
    let cell_w = size("thead th.col-head-cell").map_or(0.0, |s| s.0);
    let line_h = size("tbody tr[data-testid=\"matrix-row\"]").map_or(0.0, |s| s.1);
    Some(evidence_core::viewmodel::grid::Geometry {
        scroll: (f64::from(w.scroll_left()), f64::from(w.scroll_top())),
        view: (f64::from(w.client_width()), f64::from(w.client_height())),
        head: (head_w, head_h),
        cell: (cell_w, line_h),
    })
}

/// Scrolls the box with this test id to (left, top); None leaves that axis alone.
pub fn scroll_box(wrap: &str, left: Option<f64>, top: Option<f64>) {
    let Some(w) = document().and_then(|d| {
        d.query_selector(&format!("[data-testid=\"{wrap}\"]"))
            .ok()
            .flatten()
    }) else {
        return;
    };
    if let Some(x) = left {
        w.set_scroll_left(x.round() as i32);
    }
    if let Some(y) = top {
        w.set_scroll_top(y.round() as i32);
    }
}

/// Sets CSS custom properties on the element with this test id (through the CSSOM, which the
/// page's style policy allows where a `style` attribute is not).
pub fn set_css_vars(testid: &str, vars: &[(&str, String)]) {
    let Some(e) = document()
        .and_then(|d| {
            d.query_selector(&format!("[data-testid=\"{testid}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let style = e.style();
    for (k, v) in vars {
        let _ = style.set_property(k, v);
    }
}

/// Calls `f` on every scroll of the box with this test id (None when it is not in the page).
pub fn on_box_scroll(wrap: &str, f: impl Fn() + 'static) -> Option<EventListener> {
    let w = document()?
        .query_selector(&format!("[data-testid=\"{wrap}\"]"))
        .ok()??;
    Some(EventListener::new(&w, "scroll", move |_| f()))
}

/// The height of the sticky top bar (`.topbar`) in CSS pixels (0 without one): what sticky
/// headings below it keep clear of.
pub fn topbar_height() -> f64 {
    document()
        .and_then(|d| d.query_selector(".topbar").ok().flatten())
        .map(|e| e.get_bounding_client_rect().height())
        .unwrap_or(0.0)
}

/// Calls `f` whenever the window changes size.
pub fn on_resize(f: impl Fn() + 'static) -> Option<EventListener> {
    let w = window()?;
    Some(EventListener::new(&w, "resize", move |_| f()))
}

/// Lays the presented page (`main#main`; its first child is the page) out for the screen:
/// `Scaled` zooms the page down until it fits (never below `slide::MIN_SCALE`, then it
/// scrolls), `Scrolls` lets it scroll, the others leave it as it is. The scale is written on
/// `main` as `data-scale` (for tests); every call starts from the unscaled page.
pub fn fit_page(fit: evidence_core::viewmodel::slide::PresentFit) {
    use evidence_core::viewmodel::slide::{fit_scale, PresentFit, MIN_SCALE};
    let Some(page) = document()
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let Some(content) = page
        .first_element_child()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let classes = page.class_list();
    let _ = classes.remove_2("page-scrolls", "page-scaled");
    let _ = content.style().remove_property("zoom");
    let _ = page.remove_attribute("data-scale");
    let room = || {
        (
            f64::from(page.client_width()),
            f64::from(page.client_height()),
        )
    };
    let need = || {
        (
            f64::from(page.scroll_width()),
            f64::from(page.scroll_height()),
        )
    };
    match fit {
        PresentFit::None | PresentFit::Measured => {}
        PresentFit::Scrolls => {
            let _ = classes.add_1("page-scrolls");
        }
        PresentFit::Scaled => {
            let mut scale = fit_scale(need(), room());
            if scale < 1.0 {
                let _ = classes.add_1("page-scaled");
                let _ = content.style().set_property("zoom", &format!("{scale:.3}"));
                // The page's padding does not scale: correct once from the scaled size.
                let again = fit_scale(need(), room());
                if again < 1.0 {
                    scale = (scale * again).max(MIN_SCALE);
                    let _ = content.style().set_property("zoom", &format!("{scale:.3}"));
                }
                let (n, r) = (need(), room());
                if n.0 > r.0 + 1.0 || n.1 > r.1 + 1.0 {
                    let _ = classes.add_1("page-scrolls");
                }
            }
            let _ = page.set_attribute("data-scale", &format!("{scale:.2}"));
        }
    }
}

/// Closes the `<details>` element of `node` (a menu); with `focus`, focus moves to its summary
/// (after Escape, so the keyboard user is where the menu was).
pub fn close_details(node: &yew::NodeRef, focus: bool) {
    let Some(d) = node.cast::<web_sys::Element>() else {
        return;
    };
    let _ = d.remove_attribute("open");
    if focus {
        if let Some(summary) = d
            .query_selector("summary")
            .ok()
            .flatten()
            .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = summary.focus();
        }
    }
}

/// Runs `f` on every `event` (click, keydown) of the document that happens outside the element
/// of `node` while it is open (a click elsewhere closes a menu).
pub fn on_outside(
    event: &'static str,
    node: yew::NodeRef,
    f: impl Fn() + 'static,
) -> Option<EventListener> {
    let doc = document()?;
    Some(EventListener::new(&doc, event, move |e| {
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
    let call = js_sys::Reflect::get(&root, &"requestFullscreen".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&root).ok());
    match call.and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
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
pub fn on_fullscreen_exit(f: impl Fn() + 'static) -> Option<EventListener> {
    let doc = document()?;
    let d = doc.clone();
    Some(EventListener::new(&doc, "fullscreenchange", move |_| {
        if d.fullscreen_element().is_none() {
            f();
        }
    }))
}

/// Leaves the whole screen, if the page holds it.
pub fn exit_fullscreen() {
    if let Some(doc) = document() {
        if doc.fullscreen_element().is_some() {
            let call = js_sys::Reflect::get(&doc, &"exitFullscreen".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .and_then(|f| f.call0(&doc).ok());
            if let Some(p) = call.and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
                spawn(async move {
                    let _ = JsFuture::from(p).await;
                });
            }
        }
    }
}

/// The value of the `<select>` an event came from (empty if it came from something else).
pub fn select_value(e: &web_sys::Event) -> String {
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
    target.map(|i| i.value()).unwrap_or_default()
}

/// Whether the checkbox an event came from is ticked.
pub fn field_checked(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// Puts the checkbox an event came from back as it was before the click: its state is then
/// drawn from the view state only (the next render ticks it when the state holds its value),
/// so a click the state does not take cannot leave a box that disagrees with the chips.
pub fn revert_checkbox(e: &web_sys::Event) {
    if let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    {
        input.set_checked(!input.checked());
    }
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

/// Scrolls the window to the top of the page (a page opened from a link starts there).
pub fn scroll_page_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
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

/// True when no element has the keyboard focus (it is on the body: the focused element was
/// taken out of the page).
pub fn focus_lost() -> bool {
    document()
        .and_then(|d| d.active_element())
        .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"))
}

/// The id of the element with the keyboard focus (None: no element, or no id).
pub fn active_id() -> Option<String> {
    let id = document()?.active_element()?.id();
    (!id.is_empty()).then_some(id)
}

/// Moves keyboard focus to the element with this test id.
pub fn focus_testid(testid: &str) {
    if let Some(el) = document()
        .and_then(|d| {
            d.query_selector(&format!("[data-testid=\"{testid}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Moves keyboard focus to the element with this id; false when there is no such element.
pub fn focus(id: &str) -> bool {
    match element(id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        Some(el) => {
            let _ = el.focus();
            true
        }
        None => false,
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
    // Not passive: the handlers call `prevent_default` for the keys they take.
    let opts = gloo::events::EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &d,
        "keydown",
        opts,
        move |e| {
            if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                f(k)
            }
        },
    ))
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

/// The grid coordinates of the closest matrix cell or header around an event target (from
/// its id, `viewmodel::grid::cell_id`).
pub fn grid_coords(target: Option<web_sys::EventTarget>) -> Option<(i32, i32)> {
    let el = target?.dyn_into::<Element>().ok()?;
    use evidence_core::viewmodel::grid::{parse_cell_id, CELL_ID_PREFIX};
    let cell = el
        .closest(&format!("[id^=\"{CELL_ID_PREFIX}\"]"))
        .ok()
        .flatten()?;
    parse_cell_id(&cell.id())
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
        let name = evidence_core::link::fragment::percent_decode(name).0;
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
    offer_blob(&doc, name, &blob)
}

/// Offers bytes as a download named `name` (a zip, for example), like `download`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), ()> {
    let doc = document().ok_or(())?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|_| ())?;
    offer_blob(&doc, name, &blob)
}

/// Offers a Blob as a download named `name` (a hidden link clicked once).
fn offer_blob(doc: &web_sys::Document, name: &str, blob: &web_sys::Blob) -> Result<(), ()> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| ())?;
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

/// A file the user picked or dropped (read it with `read_file`).
pub struct PickedFile(web_sys::File);

/// The first file of a file input's `change` event or of a `drop` event.
pub fn event_file(e: &web_sys::Event) -> Option<PickedFile> {
    let files = match e.dyn_ref::<web_sys::DragEvent>() {
        Some(d) => d.data_transfer()?.files()?,
        None => e
            .target()?
            .dyn_into::<web_sys::HtmlInputElement>()
            .ok()?
            .files()?,
    };
    files.get(0).map(PickedFile)
}

/// Empties a file input after its `change` (so picking the same file again reads it again).
pub fn clear_file_input(e: &web_sys::Event) {
    if let Some(i) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        i.set_value("");
    }
}

/// Whether a drag carries files (so a drop zone may take it).
pub fn drag_has_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer().is_some_and(|d| {
        d.types()
            .includes(&wasm_bindgen::JsValue::from_str("Files"), 0)
    })
}

/// Reads a file the user picked or dropped as text, then calls `done` with its name and text
/// (Err when the browser cannot read it). Larger than `max` bytes: Err without reading.
pub fn read_file(
    file: PickedFile,
    max: usize,
    done: impl FnOnce(String, Result<String, String>) + 'static,
) {
    let file = file.0;
    let name = file.name();
    if file.size() > max as f64 {
        done(
            name,
            Err(format!(
                "The file is {} KB; a tour file is at most {} KB.",
                (file.size() / 1024.0).round(),
                max / 1024
            )),
        );
        return;
    }
    spawn(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        match text.ok().and_then(|t| t.as_string()) {
            Some(t) => done(name, Ok(t)),
            None => done(name, Err("The browser could not read the file.".into())),
        }
    });
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
/// Mirrors the colour theme on `<html data-theme>`; `None` removes it, so the stylesheet
/// follows the system's `prefers-color-scheme`.
pub fn set_theme(theme: Option<&str>) {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = match theme {
            Some(t) => el.set_attribute("data-theme", t),
            None => el.remove_attribute("data-theme"),
        };
    }
}

/// Opens the browser's print dialog (the print stylesheet lays the page out).
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Calls `f` once after `ms` milliseconds, unless the value is dropped before.
pub fn after(ms: u32, f: impl FnOnce() + 'static) -> gloo::timers::callback::Timeout {
    gloo::timers::callback::Timeout::new(ms, f)
}

/// Calls `f` before the next frame is painted (once layout is needed anyway), unless the value
/// is dropped before.
pub fn next_frame(f: impl FnOnce() + 'static) -> Frame {
    Frame(gloo::render::request_animation_frame(move |_| f()))
}

/// A pending [`next_frame`] call: dropping it cancels the call.
pub struct Frame(#[allow(dead_code)] gloo::render::AnimationFrame);

/// Calls `f` when the browser is about to print the page (its own Print command too).
pub fn on_before_print(f: impl Fn() + 'static) -> Option<EventListener> {
    let w = window()?;
    Some(EventListener::new(&w, "beforeprint", move |_| f()))
}

/// Calls `f` every `ms` milliseconds until the value is dropped.
pub fn every(ms: u32, f: impl FnMut() + 'static) -> gloo::timers::callback::Interval {
    gloo::timers::callback::Interval::new(ms, f)
}

// ---------------------------------------------------------------------------------------------
// The presenter window and the audience window: `window.open` plus `postMessage`. Two windows
// of a page opened from disk have the origin "null" and may not share a BroadcastChannel, but
// the opener relationship works from file:// as over http. Each side accepts messages only
// from its peer window and from its own origin (the string "null" for both under file://).

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
pub fn on_peer_message(f: impl Fn(String) + 'static) -> Option<EventListener> {
    let w = window()?;
    let own = own_origin();
    Some(EventListener::new(&w, "message", move |e| {
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

/// Calls `f` when the page is going away (closed, reloaded, navigated).
pub fn on_page_hide(f: impl Fn() + 'static) -> Option<EventListener> {
    let w = window()?;
    Some(EventListener::new(&w, "pagehide", move |_| f()))
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

/// True when the window is phone-sized (`viewmodel::phone::PHONE_MAX_PX` wide or less): the
/// top bar folds into a menu there and a tour link reads as steps.
pub fn is_phone() -> bool {
    let q = format!(
        "(max-width: {}px)",
        evidence_core::viewmodel::phone::PHONE_MAX_PX
    );
    window()
        .and_then(|w| w.match_media(&q).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Calls `f` with the sideways and downward travel (CSS px) of every pointer gesture (touch,
/// pen or mouse) that starts and ends on the element with this test id; a gesture the browser
/// takes over (a scroll: `pointercancel`) is dropped. None until the element is in the page.
pub fn on_swipe(testid: &str, f: impl Fn(f64, f64) + 'static) -> Option<Vec<EventListener>> {
    let el = document()?
        .query_selector(&format!("[data-testid=\"{testid}\"]"))
        .ok()??;
    let start = std::rc::Rc::new(std::cell::Cell::new(None::<(i32, f64, f64)>));
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
    Some(vec![
        EventListener::new(&el, "pointerdown", move |e| {
            let primary = e
                .dyn_ref::<web_sys::PointerEvent>()
                .is_some_and(|p| p.is_primary());
            s1.set(point(e).filter(|_| primary));
        }),
        EventListener::new(&el, "pointerup", move |e| {
            if let (Some((id, x0, y0)), Some((id2, x, y))) = (s2.take(), point(e)) {
                if id == id2 {
                    f(x - x0, y - y0);
                }
            }
        }),
        EventListener::new(&el, "pointercancel", move |_| s3.set(None)),
    ])
}

/// Leaves nothing open in the top bar: closes every open `<details>` menu in it.
pub fn close_menus() {
    let Some(list) = document().and_then(|d| d.query_selector_all(".topbar details[open]").ok())
    else {
        return;
    };
    for i in 0..list.length() {
        if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let _ = e.remove_attribute("open");
        }
    }
}

/// Calls `f` for every Escape key before any element sees it (the capture phase on the
/// window), so that nothing open on the page (a menu, a field, a panel) can keep it. `f`
/// returns true when it took the key: the event then goes no further.
pub fn on_escape_first(f: impl Fn() -> bool + 'static) -> Option<EventListener> {
    let w = window()?;
    let opts = gloo::events::EventListenerOptions::run_in_capture_phase();
    let opts = gloo::events::EventListenerOptions {
        passive: false,
        ..opts
    };
    Some(EventListener::new_with_options(
        &w,
        "keydown",
        opts,
        move |e| {
            let esc = e
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == "Escape" || k.key() == "Esc");
            if esc && f() {
                e.prevent_default();
                e.stop_immediate_propagation();
            }
        },
    ))
}

/// Scrolls the page so the element with this test id starts at the top of the screen (a
/// phone: the drill-down panel, below the matrix, brought into view).
pub fn scroll_testid_to_top(testid: &str) {
    if let Some(el) = document().and_then(|d| {
        d.query_selector(&format!("[data-testid=\"{testid}\"]"))
            .ok()
            .flatten()
    }) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Start);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Fits what the element with this test id holds to its width by CSS `zoom` (never below
/// `slide::MIN_SCALE`; what is still wider scrolls inside its own box). Starts from the
/// unscaled element on every call; the scale is written as `data-scale` (for tests).
pub fn fit_width(testid: &str) {
    use evidence_core::viewmodel::slide::MIN_SCALE;
    let Some(el) = document()
        .and_then(|d| {
            d.query_selector(&format!("[data-testid=\"{testid}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let _ = el.style().remove_property("zoom");
    let room = f64::from(el.client_width());
    let need = f64::from(el.scroll_width());
    let scale = if need > room + 1.0 && room > 0.0 {
        (room / need).max(MIN_SCALE)
    } else {
        1.0
    };
    if scale < 1.0 {
        let _ = el.style().set_property("zoom", &format!("{scale:.3}"));
    }
    let _ = el.set_attribute("data-scale", &format!("{scale:.2}"));
}
