//! The clipboard, and a field's text selected where the clipboard is refused.

use super::{element, window};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

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

/// Selects the text of a textarea (the fallback when the clipboard is refused).
pub fn select_textarea(id: &str) {
    if let Some(t) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        let _ = t.focus();
        t.select();
    }
}
