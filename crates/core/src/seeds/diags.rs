//! The problems a build collects: every check pushes here and keeps going.

use crate::Diagnostic;

/// Every problem found so far, in any order (sorted and deduplicated at the end).
#[derive(Debug, Default)]
pub(super) struct Diags(Vec<Diagnostic>);

impl Diags {
    /// Starts from problems found earlier (for example while pairing files).
    pub(super) fn from_vec(v: Vec<Diagnostic>) -> Self {
        Diags(v)
    }

    /// Records a problem at `file:line`.
    pub(super) fn push(
        &mut self,
        file: &str,
        line: u32,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) {
        self.0.push(Diagnostic::new(file, line, message, expected));
    }

    /// Takes problems found by another part (the document parser).
    pub(super) fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(more);
    }

    /// How many problems so far.
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// No problem so far.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, sorted by file and line, each once.
    pub(super) fn into_sorted(self) -> Vec<Diagnostic> {
        let mut d = self.0;
        d.sort();
        d.dedup();
        d
    }
}
