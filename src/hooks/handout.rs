//! The handout's print preview: whether it is open, for the current view or the whole tour,
//! and whether it prints the speaker notes.

use yew::prelude::*;

/// The handout preview's state and its switches.
pub struct HandoutPreview {
    /// Shown for the current view (`Some(false)`) or the whole tour (`Some(true)`), or not.
    pub shown: Option<bool>,
    /// Speaker notes are for the facilitator: a participants' handout leaves them out unless
    /// asked.
    pub notes: bool,
    /// Opens it (`true`: the whole tour).
    pub open: Callback<bool>,
    /// With or without the notes.
    pub set_notes: Callback<bool>,
    /// Closes it.
    pub close: Callback<()>,
}

/// The handout preview, closed at first.
#[hook]
pub fn use_handout() -> HandoutPreview {
    let shown = use_state(|| None::<bool>);
    let notes = use_state(|| false);
    let open = {
        let shown = shown.clone();
        use_callback((), move |tour: bool, _| shown.set(Some(tour)))
    };
    let set_notes = {
        let notes = notes.clone();
        use_callback((), move |b: bool, _| notes.set(b))
    };
    let close = {
        let shown = shown.clone();
        use_callback((), move |_: (), _| shown.set(None))
    };
    HandoutPreview {
        shown: *shown,
        notes: *notes,
        open,
        set_notes,
        close,
    }
}
