//! Diagnostics: one problem in one seed file, reported as `file:line: problem; expected`.

use std::fmt;

/// One problem found in a seed or codebook file. Parsers collect these and keep going, so a
/// single build reports every problem at once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path as the user knows it, for example `seeds/codebook/evidence.toml`.
    pub file: String,
    /// 1-based line number (1 when the problem concerns the whole file).
    pub line: u32,
    /// What is wrong.
    pub message: String,
    /// What was expected instead.
    pub expected: String,
}

impl Diagnostic {
    /// A diagnostic at `file:line`.
    pub fn new(
        file: impl Into<String>,
        line: u32,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            message: message.into(),
            expected: expected.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}; {}",
            self.file,
            self.line.max(1),
            self.message,
            self.expected
        )
    }
}

/// 1-based line number of byte offset `pos` in `text` (clamped to the text).
pub fn line_of(text: &str, pos: usize) -> u32 {
    let pos = pos.min(text.len());
    text.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_file_line_problem_expected() {
        let d = Diagnostic::new("seeds/a.toml", 12, "duplicate id `x`", "ids unique");
        assert_eq!(
            d.to_string(),
            "seeds/a.toml:12: duplicate id `x`; ids unique"
        );
    }

    #[test]
    fn line_of_counts_newlines_before_offset() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
