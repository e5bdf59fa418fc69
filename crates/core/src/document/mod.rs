//! Cleaning a paper's text into a structured `Document` (work in progress).

use crate::{Diagnostic, Document};

/// How to clean one paper: the `[document]` table of its seed `.toml`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DocOptions {
    /// `markdown` or `plain`.
    pub format: String,
}

/// Parses `text` (the seed file `file`) into a clean document.
pub fn parse_document(_opts: &DocOptions, _text: &str, _file: &str) -> (Document, Vec<Diagnostic>) {
    (Document::default(), Vec::new())
}
