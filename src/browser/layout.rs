//! Measuring and fitting: grid geometry, what lies off screen, CSS variables, zoom to fit.

use super::{by_testid, document};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// How much of the grid inside the element `wrap` (a scroll box with overflow hidden) lies
/// outside it: (rows off screen, rows, columns off screen, columns), counting body rows
/// `[data-testid=matrix-row]` and column headers `[data-testid=col-head]`.
pub fn offscreen(wrap: &str) -> Option<(usize, usize, usize, usize)> {
    let w = by_testid(wrap)?;
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
    let w = by_testid(wrap)?;
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

/// Sets CSS custom properties on the element with this test id (through the CSSOM, which the
/// page's style policy allows where a `style` attribute is not).
pub fn set_css_vars(testid: &str, vars: &[(&str, String)]) {
    let Some(e) = by_testid(testid).and_then(|e| e.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    let style = e.style();
    for (k, v) in vars {
        let _ = style.set_property(k, v);
    }
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

/// Fits what the element with this test id holds to its width by CSS `zoom` (never below
/// `slide::MIN_SCALE`; what is still wider scrolls inside its own box). Starts from the
/// unscaled element on every call; the scale is written as `data-scale` (for tests).
pub fn fit_width(testid: &str) {
    use evidence_core::viewmodel::slide::MIN_SCALE;
    let Some(el) = by_testid(testid).and_then(|e| e.dyn_into::<HtmlElement>().ok()) else {
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
