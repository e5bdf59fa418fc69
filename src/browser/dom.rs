//! The page itself: mount point, ready signal, title, root attributes, elements, menus, phone size.

use super::{document, window};
use wasm_bindgen::JsCast;
use web_sys::Element;

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

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// Mirrors the app's mode on `<html data-mode>` (presentation type scales from the root).
pub fn set_mode(mode: &str) {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("data-mode", mode);
    }
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

/// The element with this id.
pub fn element(id: &str) -> Option<Element> {
    document()?.get_element_by_id(id)
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

/// The height of the sticky top bar (`.topbar`) in CSS pixels (0 without one): what sticky
/// headings below it keep clear of.
pub fn topbar_height() -> f64 {
    document()
        .and_then(|d| d.query_selector(".topbar").ok().flatten())
        .map(|e| e.get_bounding_client_rect().height())
        .unwrap_or(0.0)
}

/// (left, width) of the element with this id in viewport pixels.
pub fn rect_of(id: &str) -> Option<(f64, f64)> {
    let r = element(id)?.get_bounding_client_rect();
    Some((r.left(), r.width()))
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
