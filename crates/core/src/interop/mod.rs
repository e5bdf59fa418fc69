//! Exchange with the QDA world: the coding as REFI-QDA (`codebook.qdc`, `project.qdpx`, the
//! QDA-XML 1.0 standard of 2019) and as W3C Web Annotations (`annotations.jsonld`), and a
//! REFI-QDA project or codebook back in as seed files (`import`).
//!
//! | file | what |
//! |---|---|
//! | `plain.rs` | a paper as one plain text (the reader's clean text), with the offset of every block and note, and quote ranges in Unicode code points |
//! | `guid.rs` | GUIDs as UUID v5 of ids under one fixed namespace (same corpus, same bytes) |
//! | `xml.rs` | XML escaping that keeps CR, LF and TAB through a parser |
//! | `refi.rs` | `codebook.qdc` and `project.qdpx` (the `project.qde` and `sources/<guid>.txt`) |
//! | `annotations.rs` | `annotations.jsonld`: a W3C AnnotationCollection |
//! | `import.rs` | reading a `.qdpx` / `.qdc` (checked) into seed files |
//!
//! Positions are zero-based Unicode code points (scalar values) of the plain text; a range's
//! end is exclusive (the position after its last character), in both formats.

pub mod annotations;
pub mod guid;
#[cfg(feature = "seeds")]
pub mod import;
pub mod plain;
pub mod refi;
pub mod xml;

/// What the exchange files leave out (shown by the methods view; the README says the same).
pub const OMITTED: &[&str] = &[
    "the footnote structure: the notes follow the text as “[label] text”, the markers that point to them are not in it",
    "emphasis, paragraph ids and heading levels (headings are plain paragraphs)",
    "the completeness sweep of dated mentions and the inter-coder agreement study",
    "tours and the links into this explorer",
];

/// The file names of the whole corpus's exchange files, as the build writes them into `dist/`.
pub const FILES: [&str; 3] = ["codebook.qdc", "project.qdpx", "annotations.jsonld"];

/// Which codings an export holds: all of them, or a subset (the app's selection or filtered
/// view), as indices into `Corpus::codings`.
pub fn all_codings(corpus: &crate::Corpus) -> Vec<usize> {
    (0..corpus.codings.len()).collect()
}
