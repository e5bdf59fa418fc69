//! A codebook record (one TOML table) with its file and byte extent, so every problem can be
//! reported at the line of the field it concerns.

use std::ops::Range;

use toml::Table;

use super::SeedFile;
use crate::diag::line_of;

/// A codebook record: a TOML table with its file and byte span, for precise line numbers.
pub(super) struct Rec<'a> {
    pub(super) file: &'a SeedFile,
    pub(super) table: Table,
    pub(super) span: Range<usize>,
    pub(super) kind: &'static str,
}

impl Rec<'_> {
    /// Line where the record starts.
    pub(super) fn line(&self) -> u32 {
        line_of(&self.file.text, self.span.start)
    }

    /// Line of `key = …` inside the record (falls back to the record's line).
    pub(super) fn key_line(&self, key: &str) -> u32 {
        let src = &self.file.text[self.span.clone()];
        let mut offset = 0;
        for l in src.split_inclusive('\n') {
            let t = l.trim_start();
            if let Some(rest) = t.strip_prefix(key) {
                if rest.trim_start().starts_with('=') {
                    return line_of(&self.file.text, self.span.start + offset);
                }
            }
            offset += l.len();
        }
        self.line()
    }

    /// Line where `needle` first appears inside the record (for list items such as quotes).
    pub(super) fn text_line(&self, key: &str, needle: &str) -> u32 {
        let src = &self.file.text[self.span.clone()];
        let probe: String = needle.chars().take(24).collect();
        match src.find(&probe) {
            Some(i) if !probe.is_empty() => line_of(&self.file.text, self.span.start + i),
            _ => self.key_line(key),
        }
    }
}
