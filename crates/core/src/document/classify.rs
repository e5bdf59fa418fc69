//! Phase 3: the lines grouped into body items (headings, paragraphs) and notes, still raw.
//!
//! Implements the line-level generic rules: blank lines end a paragraph; page breaks (a line
//! of only `_`, or of three or more `-`) are dropped; `#` headings (Markdown) and declared
//! headings; note lines (`<sup>n</sup> `, `\*… `, superscript digits and a space, or declared
//! in `[[document.note]]`), which take the following lines until a blank line. Front-matter
//! lines are read only for their footnote markers.

use super::declared::Declared;
use super::inline::{superscript_digit, Inline, Marker, Scanner};
use super::lines::{Lines, Role};
use super::Format;

/// A heading or paragraph before joining: raw `pieces` until cleaned, then `inline`.
#[derive(Debug, Default)]
pub(super) struct BodyItem {
    /// `Some(hashes)` for headings (0 when declared in `headings`).
    pub heading: Option<usize>,
    /// Raw text of each source line (heading: its title), until the cleaning phase.
    pub pieces: Vec<(u32, String)>,
    /// Clean text, after the cleaning phase.
    pub inline: Inline,
    /// Source lines of the item.
    pub lines: Vec<u32>,
    /// Notes, page breaks or skipped lines stood between this and the previous body item.
    pub interrupted: bool,
}

#[cfg(test)]
impl BodyItem {
    /// A cleaned one-line item (tests of the later phases).
    pub fn cleaned(heading: Option<usize>, line: u32, text: &str) -> Self {
        BodyItem {
            heading,
            inline: Inline {
                text: text.into(),
                ..Default::default()
            },
            lines: vec![line],
            ..Default::default()
        }
    }
}

/// A footnote's text before numbering: raw `pieces` until cleaned, then `inline`.
#[derive(Debug, Default)]
pub(super) struct NoteItem {
    /// The label; `None` when the number was lost.
    pub label: Option<String>,
    /// Declared `front`: no marker in the body.
    pub front: bool,
    /// Declared `continues`: the rest of the previous note.
    pub continues: bool,
    /// Raw text of each source line, until the cleaning phase.
    pub pieces: Vec<(u32, String)>,
    /// Clean text, after the cleaning phase.
    pub inline: Inline,
    /// The line the note starts at.
    pub line: u32,
    /// Index of the body item it stood after.
    pub after: Option<usize>,
}

/// What the front matter (title, byline) yields: its footnote markers only.
#[derive(Debug, Default)]
pub(super) struct FrontMatter {
    /// Markers found in front-matter lines, all at offset 0.
    pub markers: Vec<Marker>,
    /// Front-matter lines where character references were decoded.
    pub decoded_lines: Vec<u32>,
}

/// The output of classification (and, with the pieces cleaned, of the later phases).
#[derive(Debug, Default)]
pub(super) struct Items {
    /// Headings and paragraphs in source order.
    pub body: Vec<BodyItem>,
    /// Notes in source order.
    pub notes: Vec<NoteItem>,
    /// Front matter.
    pub front: FrontMatter,
}

#[derive(Debug, Clone, Copy)]
enum Open {
    None,
    Para(usize),
    Note(usize),
}

/// Groups the lines into body items and notes.
pub(super) fn classify(format: Format, lines: &Lines, declared: &Declared) -> Items {
    let mut c = Classifier {
        format,
        items: Items::default(),
        front_scanner: Scanner::new(format),
        open: Open::None,
        interrupted: false,
    };
    for l in 1..=lines.total() {
        let s = lines.content[l as usize];
        match lines.role[l as usize] {
            Role::Skip => c.stop(true),
            Role::Front => c.front_line(l, s),
            Role::Body => c.body_line(l, s, declared),
        }
    }
    c.items.front.decoded_lines = c.front_scanner.decoded_lines;
    c.items
}

struct Classifier {
    format: Format,
    items: Items,
    front_scanner: Scanner,
    /// The paragraph or note the next non-blank line continues.
    open: Open,
    /// Whether something stood between the last body item and the next one.
    interrupted: bool,
}

impl Classifier {
    /// Ends the open paragraph or note; `interrupts` if the line stands between body items.
    fn stop(&mut self, interrupts: bool) {
        self.open = Open::None;
        if interrupts {
            self.interrupted = true;
        }
    }

    fn front_line(&mut self, l: u32, s: &str) {
        self.stop(true);
        let scanned = self.front_scanner.clean(s, l, true);
        self.items.front.markers.extend(
            scanned
                .markers
                .into_iter()
                .map(|m| Marker { offset: 0, ..m }),
        );
    }

    fn body_line(&mut self, l: u32, s: &str, declared: &Declared) {
        if let Some(rule) = declared.notes.get(&l) {
            let text = match &rule.label {
                Some(label) => strip_label(self.format, s, label),
                None => s,
            };
            self.push_note(NoteItem {
                label: rule.label.clone(),
                front: rule.front,
                continues: rule.continues,
                pieces: vec![(l, text.to_string())],
                line: l,
                ..Default::default()
            });
            return;
        }
        if s.trim().is_empty() {
            self.stop(false);
            return;
        }
        let heading = if declared.headings.contains(&l) {
            Some((0, s.trim()))
        } else if self.format == Format::Markdown {
            atx_heading(s)
        } else {
            None
        };
        if let Some((hashes, title)) = heading {
            self.push_body(Some(hashes), l, title);
            self.open = Open::None;
            return;
        }
        if is_page_break(s) {
            self.stop(true);
            return;
        }
        if let Some((label, rest)) = auto_note(self.format, s) {
            self.push_note(NoteItem {
                label: Some(label),
                pieces: vec![(l, rest.to_string())],
                line: l,
                ..Default::default()
            });
            return;
        }
        match self.open {
            Open::Para(i) => {
                let item = &mut self.items.body[i];
                item.pieces.push((l, s.to_string()));
                item.lines.push(l);
            }
            Open::Note(i) => self.items.notes[i].pieces.push((l, s.to_string())),
            Open::None => {
                self.push_body(None, l, s);
                self.open = Open::Para(self.items.body.len() - 1);
            }
        }
    }

    fn push_note(&mut self, note: NoteItem) {
        self.items.notes.push(NoteItem {
            after: self.items.body.len().checked_sub(1),
            ..note
        });
        self.open = Open::Note(self.items.notes.len() - 1);
        self.interrupted = true;
    }

    fn push_body(&mut self, heading: Option<usize>, l: u32, text: &str) {
        self.items.body.push(BodyItem {
            heading,
            pieces: vec![(l, text.to_string())],
            lines: vec![l],
            interrupted: self.interrupted,
            ..Default::default()
        });
        self.interrupted = false;
    }
}

fn is_page_break(s: &str) -> bool {
    let t = s.trim();
    (!t.is_empty() && t.chars().all(|c| c == '_')) || (t.len() >= 3 && t.chars().all(|c| c == '-'))
}

/// `#`-heading: (number of hashes, title text).
fn atx_heading(s: &str) -> Option<(usize, &str)> {
    let h = s.chars().take_while(|&c| c == '#').count();
    if h == 0 || h > 6 {
        return None;
    }
    let rest = &s[h..];
    if rest.is_empty() || rest.starts_with([' ', '\t']) {
        Some((h, rest.trim()))
    } else {
        None
    }
}

/// A line that is recognisably a note: (label, text after the label).
fn auto_note(format: Format, s: &str) -> Option<(String, &str)> {
    match format {
        Format::Markdown => {
            if let Some(rest) = s.strip_prefix("<sup>") {
                let end = rest.find("</sup>")?;
                let label = rest[..end].trim();
                let after = &rest[end + 6..];
                if label.is_empty() || !after.starts_with([' ', '\t']) {
                    return None;
                }
                return Some((label.to_string(), after.trim_start()));
            }
            let mut n = 0;
            let mut rest = s;
            while let Some(r) = rest.strip_prefix("\\*") {
                n += 1;
                rest = r;
            }
            (n > 0 && rest.starts_with([' ', '\t'])).then(|| ("*".repeat(n), rest.trim_start()))
        }
        Format::Plain => {
            let label: String = s.chars().map_while(superscript_digit).collect();
            if label.is_empty() {
                return None;
            }
            let bytes: usize = s
                .chars()
                .take(label.chars().count())
                .map(char::len_utf8)
                .sum();
            let rest = &s[bytes..];
            rest.starts_with([' ', '\t'])
                .then(|| (label, rest.trim_start()))
        }
    }
}

/// Strips a leading copy of `label` (plain, escaped or superscript) from a declared note line.
fn strip_label<'a>(format: Format, s: &'a str, label: &str) -> &'a str {
    if let Some((l, rest)) = auto_note(format, s) {
        if l == label {
            return rest;
        }
    }
    let escaped: String = label
        .chars()
        .flat_map(|c| {
            if c.is_ascii_punctuation() {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect();
    for cand in [escaped.as_str(), label] {
        if let Some(rest) = s.strip_prefix(cand) {
            if !cand.is_empty() {
                return rest.trim_start();
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::declared::read_declared;
    use crate::document::lines::{read_lines, split_lines};
    use crate::document::{Ctx, DocOptions, NoteRule};

    fn classify_text(format: Format, opts: &DocOptions, text: &str) -> Items {
        let source = split_lines(text);
        let mut cx = Ctx::new("t.txt", source.len() as u32);
        let lines = read_lines(opts, &source, &mut cx);
        let declared = read_declared(opts, &lines, &mut cx);
        assert!(cx.diags.is_empty());
        classify(format, &lines, &declared)
    }

    fn texts(pieces: &[(u32, String)]) -> Vec<(u32, &str)> {
        pieces.iter().map(|(l, s)| (*l, s.as_str())).collect()
    }

    #[test]
    fn recognises_page_breaks_headings_and_note_lines() {
        assert!(is_page_break(" ___ ") && is_page_break("---") && !is_page_break("--"));
        assert_eq!(atx_heading("## Two "), Some((2, "Two")));
        assert_eq!(atx_heading("#tag"), None);
        assert_eq!(
            auto_note(Format::Markdown, "<sup>3</sup> Text"),
            Some(("3".into(), "Text"))
        );
        assert_eq!(
            auto_note(Format::Markdown, "\\*\\* Star"),
            Some(("**".into(), "Star"))
        );
        assert_eq!(
            auto_note(Format::Plain, "¹² Twelve"),
            Some(("12".into(), "Twelve"))
        );
        assert_eq!(auto_note(Format::Plain, "12 Twelve"), None);
        assert_eq!(strip_label(Format::Plain, "* A star", "*"), "A star");
        assert_eq!(strip_label(Format::Markdown, "\\* A star", "*"), "A star");
        assert_eq!(strip_label(Format::Plain, "Text", "4"), "Text");
    }

    #[test]
    fn groups_paragraphs_headings_and_notes() {
        let text = "# Title\n\nOne\ntwo\n___\n<sup>1</sup> Note\nmore note\n\nThree\n";
        let items = classify_text(Format::Markdown, &DocOptions::default(), text);
        let body: Vec<_> = items
            .body
            .iter()
            .map(|b| (b.heading, texts(&b.pieces), b.interrupted))
            .collect();
        assert_eq!(
            body,
            vec![
                (Some(1), vec![(1, "Title")], false),
                (None, vec![(3, "One"), (4, "two")], false),
                (None, vec![(9, "Three")], true),
            ]
        );
        assert_eq!(items.notes.len(), 1);
        let n = &items.notes[0];
        assert_eq!(n.label.as_deref(), Some("1"));
        assert_eq!(texts(&n.pieces), vec![(6, "Note"), (7, "more note")]);
        assert_eq!(n.after, Some(1));
    }

    #[test]
    fn declared_lines_and_front_matter() {
        let opts = DocOptions {
            front: vec![[1, 1]],
            headings: vec![3],
            notes: vec![NoteRule {
                line: 5,
                label: Some("*".into()),
                front: true,
                ..Default::default()
            }],
            ..Default::default()
        };
        let text = "Title¹\n\nIntroduction\nBody.\n* Star note\n";
        let items = classify_text(Format::Plain, &opts, text);
        assert_eq!(items.front.markers.len(), 1);
        assert_eq!(items.front.markers[0].label, "1");
        assert_eq!(items.front.markers[0].offset, 0);
        assert_eq!(items.body[0].heading, Some(0));
        assert!(items.body[0].interrupted);
        assert_eq!(texts(&items.body[1].pieces), vec![(4, "Body.")]);
        let n = &items.notes[0];
        assert!(n.front);
        assert_eq!(texts(&n.pieces), vec![(5, "Star note")]);
    }
}
