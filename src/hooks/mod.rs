//! The shell's effects as custom hooks, one concern a file: the store and the address bar,
//! the document's title, theme and mode, full screen, the presenter link, the commands that
//! keys and the presenter share, the global keys, a tour on a phone, the presentation's fit,
//! the handout preview, the tour file opened last, and warming the search.

pub mod commands;
pub mod document;
pub mod fit;
pub mod full_screen;
pub mod global_keys;
pub mod handout;
pub mod opened_file;
pub mod phone;
pub mod presenter_link;
pub mod url_sync;
pub mod warm;
