//! The address: the URL fragment, history entries, and the page's own address.

use super::{window, Listener};

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
pub fn on_fragment_change(f: impl Fn(String) + 'static) -> Listener {
    let Some(w) = window() else {
        return Listener::all([]);
    };
    let f = std::rc::Rc::new(f);
    let g = f.clone();
    Listener::all([
        Listener::new(&w, "popstate", move |_| f(fragment())),
        Listener::new(&w, "hashchange", move |_| g(fragment())),
    ])
}

/// Opens a fragment as if the address had been edited (a history entry; the app's fragment
/// listener decodes it, with its notices).
pub fn open_fragment(fragment: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_hash(&format!("#{fragment}"));
    }
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
