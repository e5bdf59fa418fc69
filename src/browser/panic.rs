//! The panic notice over an app that stopped, and the test build's deliberate panics.

use super::document;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

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
    if super::fragment().contains("e2e-panic=start") {
        panic!("deliberate panic at start-up (test build with the e2e-panic feature)");
    }
    if let Some(d) = document() {
        gloo::events::EventListener::new(&d, "keydown", |e| {
            if e.dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == "F9")
            {
                panic!("deliberate panic in a key handler (test build with the e2e-panic feature)");
            }
        })
        .forget();
    }
}
