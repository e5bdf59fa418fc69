//! Links: the view state and a tour as the text of a URL fragment, and back.

pub mod fragment;
pub mod tour;
pub mod url;
