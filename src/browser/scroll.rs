//! Scrolling and focus: elements brought into view, the reading position, moving the focus.

use super::{by_testid, document, element, window};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ScrollLogicalPosition as Position};

/// Scrolls the window to the top of the page (a page opened from a link starts there).
pub fn scroll_page_top() {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Scrolls the element with this id into the middle of the view.
pub fn scroll_to(id: &str) {
    if let Some(el) = element(id) {
        into_view(&el, Position::Center, None);
    }
}

/// Scrolls the element with this id just enough to show it (inside scrolling containers too).
pub fn reveal(id: &str) {
    if let Some(el) = element(id) {
        into_view(&el, Position::Nearest, Some(Position::Center));
    }
}

/// Scrolls the page so the element with this test id starts at the top of the screen (a
/// phone: the drill-down panel, below the matrix, brought into view).
pub fn scroll_testid_to_top(testid: &str) {
    if let Some(el) = by_testid(testid) {
        into_view(&el, Position::Start, None);
    }
}

/// Scrolls `el` into view at `block` (vertically) and `inline` (sideways; None: the default).
fn into_view(el: &Element, block: Position, inline: Option<Position>) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(block);
    if let Some(i) = inline {
        opts.set_inline(i);
    }
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Scrolls the box with this test id to (left, top); None leaves that axis alone.
pub fn scroll_box(wrap: &str, left: Option<f64>, top: Option<f64>) {
    let Some(w) = by_testid(wrap) else {
        return;
    };
    if let Some(x) = left {
        w.set_scroll_left(x.round() as i32);
    }
    if let Some(y) = top {
        w.set_scroll_top(y.round() as i32);
    }
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
    if let Some(el) = by_testid(testid).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
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
