//! Printing: the print dialog, and a call before the page is printed.

use super::{window, Listener};

/// Opens the browser's print dialog (the print stylesheet lays the page out).
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Calls `f` when the browser is about to print the page (its own Print command too).
pub fn on_before_print(f: impl Fn() + 'static) -> Option<Listener> {
    let w = window()?;
    Some(Listener::new(&w, "beforeprint", move |_| f()))
}
