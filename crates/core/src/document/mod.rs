//! Cleaning a paper's text into a structured [`Document`]: headings, paragraphs and footnotes
//! with stable ids, clean text and inline annotations (emphasis, footnote references).
//!
//! The seed `.txt` is never edited. Everything specific to one paper lives in the `[document]`
//! table of its seed `.toml` ([`DocOptions`]); the code here only implements generic rules.
//!
//! # Generic rules
//!
//! Both formats:
//! - Paragraphs are runs of non-blank lines separated by blank lines. Whitespace runs fold to
//!   one space.
//! - `*text*` is emphasis (a range in [`crate::Block::emphasis`]); `**` (bold) is dropped.
//! - Superscript digits (`¹⁰`) in body text are footnote markers; a space before the marker is
//!   dropped, so the marker stands right after the word or punctuation it follows.
//! - Character references are decoded, including the mangled `^{&#}x27;` some PDF extractions
//!   leave for a quote mark: `^{&#}xHH;`, `&#xHH;`, `&#DD;` become the character.
//! - Page breaks: a line of only `_` (one or more) or of three or more `-` is dropped.
//! - A paragraph cut by a page break is rejoined: when a paragraph does not end a sentence
//!   (its last character, ignoring closing quotes and brackets, is not `.` `!` `?` `:` `;`) or
//!   the next paragraph starts with a lowercase letter, the next paragraph (after any notes,
//!   page breaks or skipped lines in between, but never across a heading) is its
//!   continuation. The two parts are joined with one space, or with none after a hyphen or an
//!   unspaced dash (`NATO-` + `Japan` gives `NATO-Japan`: a real hyphen stays).
//! - Footnote numbering lost by the source is recovered from the sequence only when it is
//!   certain: a run of notes without a number standing between notes `a` and `b` (in source
//!   order) is numbered `a+1 … b-1` when there are exactly `b-a-1` of them. After the last
//!   numbered note, `b-1` is the highest marker number in the text. Otherwise the notes stay
//!   unnumbered (label `?`, `numbered = false`, id `nu<k>`), placed after the block they stood
//!   after, and [`Document::repairs`] says so.
//!
//! Markdown (`format = "markdown"`):
//! - `#`… lines are headings; by default their level is the number of `#` relative to the
//!   shallowest heading of the body (see `enumeration` and `levels` to normalise).
//! - `<sup>n</sup>` is a footnote marker (also in headings: it becomes a reference of the
//!   heading block). A run of escaped stars `\*` / `\*\*` right after a word and before a space
//!   or the line end is a star marker labelled `*` / `**`. Other `\x` escapes are unescaped.
//! - A line starting with `<sup>n</sup>` or with `\*`… and a space is the text of note `n`,
//!   `*`, `**`.
//!
//! Plain text (`format = "plain"`, PDF extraction):
//! - A line starting with superscript digits and a space is the text of that numbered note.
//! - Plain digits are a footnote marker only when they follow sentence punctuation and one
//!   space, are followed by a space and a capital (or end the line), and continue the marker
//!   sequence exactly (the previous marker plus one): `…under ISAF. 11 Japanese aid…`.
//! - Headings and notes that lost their number cannot be told from paragraphs: declare them.
//!
//! # Pipeline
//!
//! [`parse_document`] runs these phases in order, each in its own module, each taking the
//! previous phase's output; diagnostics and repairs are collected on the way, in this order:
//!
//! 1. `lines`: split the seed into lines; apply `skip`, `front` and `keep_from`.
//! 2. `declared`: check the `[[document.note]]` and `headings` declarations.
//! 3. `classify`: group lines into headings, paragraphs and notes (blank lines, page breaks,
//!    `#` headings, note lines); read the front matter's markers.
//! 4. `clean`: inline cleaning in reading order (`inline` holds the inline rules).
//! 5. `join`: rejoin paragraphs cut by page breaks (`join`, `no_join`).
//! 6. `sections`: blocks, sections and heading levels (`enumeration`, `levels`).
//! 7. `markers`: restore lost markers (`[[document.marker]]`).
//! 8. `notes`: note continuations, front references, label index.
//! 9. `numbering`: recover lost footnote numbers from the sequence.
//! 10. `footnotes`: resolve markers to notes (`unreferenced`), order and id the footnotes.
//!
//! # Repair vocabulary (`[document]` table)
//!
//! All line numbers are 1-based lines of the seed `.txt` (as `cat -n` shows them). Every rule
//! is checked: a rule pointing at a line that does not exist, is blank, or does not contain
//! what the rule says, is reported as a [`Diagnostic`] `file:line: problem; expected`.
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `format` | `"markdown"` \| `"plain"` | the text's format (required) |
//! | `skip` | `[[first, last], …]` | line ranges that are not body: cover, masthead, debris |
//! | `front` | `[[first, last], …]` | front matter (title, byline) shown as metadata, not body; footnote markers found there are kept and stand at the start of the first block |
//! | `keep_from` | `[{ line, text }, …]` | keep only the part of `line` starting at `text` (what precedes is debris) |
//! | `headings` | `[line, …]` | lines that are headings (plain text has no heading markup) |
//! | `enumeration` | `["I.", "1.", "(1)", …]` | heading level from the enumeration style of the title: the first style is level 1, the second level 2, …; unenumerated headings are level 1. A style is a prefix, one of `1` `I` `i` `A` `a`, and a suffix |
//! | `levels` | `[{ line, level }, …]` | explicit level of the heading at `line` (wins over the rest) |
//! | `[[document.note]]` | `line`, `label`?, `front`?, `continues`? | `line` is footnote text. Without `label` its number was lost (recovered from the sequence when certain, else `?`). With `label` (e.g. `"*"`) it is that note (a leading copy of the label is stripped). `front = true`: the note has no marker in the body (it belongs to the title or byline) and is referenced from the start of the first block. `continues = true`: the line continues the previous note (a note split by a page break) |
//! | `[[document.marker]]` | `line`, `after`, `label`, `why` | restore a marker the source lost: note `label` is referenced right after the (unique) text `after` in the block containing `line`; `why` is shown in the repairs |
//! | `unreferenced` | `["label", …]` | notes that are knowingly left without a marker (no diagnostic) |
//! | `join` | `[line, …]` | the paragraph starting at `line` continues the previous paragraph (force a join) |
//! | `no_join` | `[line, …]` | the paragraph starting at `line` is a new paragraph (prevent an automatic join) |
//!
//! Rules never overlap: a line cannot be both skipped and a declared note or heading.
//! Diagnostics point at the seed text's line a rule names; problems with no line (an unknown
//! `format`, a bad `enumeration` style, an `unreferenced` label that matches no note) are
//! reported at line 1.
//!
//! # Ids and references
//!
//! Paragraphs are `p1`, `p2`, … in order; headings take their section's id `s1`, `s2`, ….
//! Footnotes are `n<label>` (`n12`), `n-star` / `n-star2` for `*` / `**`, and `nu<k>` for the
//! k-th note whose number stays lost. Footnotes are ordered by first reference, unreferenced
//! ones last in source order. [`Block::line`] is the line where the block starts and
//! [`Footnote::block`] the block holding the first marker (or, for a note without marker, the
//! block it stood after).

mod classify;
mod clean;
mod declared;
mod footnotes;
mod inline;
mod join;
mod lines;
mod markers;
mod notes;
mod numbering;
mod sections;

use serde::Deserialize;

use crate::{Diagnostic, Document};

/// How to clean one paper: the `[document]` table of its seed `.toml`. See the module docs for
/// the meaning of each key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocOptions {
    /// `markdown` or `plain`.
    pub format: String,
    /// Inclusive line ranges that are not body text (cover, masthead, debris).
    pub skip: Vec<[u32; 2]>,
    /// Inclusive line ranges of front matter (title, byline); markers found there are kept.
    pub front: Vec<[u32; 2]>,
    /// Lines to keep only from a given text on.
    pub keep_from: Vec<KeepFrom>,
    /// Lines that are headings (needed for plain text).
    pub headings: Vec<u32>,
    /// Enumeration styles giving heading levels, outermost first (`"I."`, `"1."`, `"(1)"`).
    pub enumeration: Vec<String>,
    /// Explicit heading levels.
    pub levels: Vec<LevelRule>,
    /// Lines that are footnote text the generic rules cannot recognise.
    #[serde(rename = "note")]
    pub notes: Vec<NoteRule>,
    /// Markers the source lost, restored.
    #[serde(rename = "marker")]
    pub markers: Vec<MarkerRule>,
    /// Labels of notes knowingly left without a marker.
    pub unreferenced: Vec<String>,
    /// Paragraph start lines that continue the previous paragraph.
    pub join: Vec<u32>,
    /// Paragraph start lines that must not be joined to the previous paragraph.
    pub no_join: Vec<u32>,
}

/// Keep only the part of `line` that starts at `text`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeepFrom {
    /// 1-based source line.
    pub line: u32,
    /// Text where the kept part starts (must occur on the line).
    pub text: String,
}

/// The heading at `line` has level `level`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    /// 1-based source line of a heading.
    pub line: u32,
    /// 1 = top-level section, 2 = subsection, ...
    pub level: u8,
}

/// `line` is footnote text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteRule {
    /// 1-based source line.
    pub line: u32,
    /// The note's label; none when the source lost its number.
    #[serde(default)]
    pub label: Option<String>,
    /// The note has no marker in the body: reference it from the start of the first block.
    #[serde(default)]
    pub front: bool,
    /// The line continues the previous note (split by a page break).
    #[serde(default)]
    pub continues: bool,
}

/// Restore a lost marker: note `label` is referenced right after `after` in the block that
/// contains `line`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkerRule {
    /// 1-based source line inside the block.
    pub line: u32,
    /// Clean text (no markup) the marker follows; must occur exactly once in the block.
    pub after: String,
    /// Label of the note.
    pub label: String,
    /// Why the marker belongs there (shown in the repairs).
    #[serde(default)]
    pub why: String,
}
/// Text format of a seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Markdown,
    Plain,
}

impl Format {
    /// The format named by `format`; an unknown name is reported and read as plain text.
    fn from_options(opts: &DocOptions, cx: &mut Ctx) -> Format {
        match opts.format.as_str() {
            "markdown" => Format::Markdown,
            "plain" => Format::Plain,
            other => {
                cx.diag(
                    1,
                    format!("[document] format {other:?} is not supported"),
                    "format = \"markdown\" or \"plain\"",
                );
                Format::Plain
            }
        }
    }
}

/// What the phases report: diagnostics on the seed's `[document]` rules, and repairs.
struct Ctx<'a> {
    file: &'a str,
    total: u32,
    diags: Vec<Diagnostic>,
    repairs: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// Reports for the seed `file` of `total` lines.
    fn new(file: &'a str, total: u32) -> Self {
        Ctx {
            file,
            total,
            diags: Vec::new(),
            repairs: Vec::new(),
        }
    }

    fn diag(&mut self, line: u32, message: impl Into<String>, expected: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(self.file, line, message, expected));
    }

    /// Checks that a rule's line exists; reports it otherwise.
    fn line_exists(&mut self, key: &str, line: u32) -> bool {
        if line >= 1 && line <= self.total {
            return true;
        }
        let total = self.total;
        self.diag(
            line,
            format!("[document] {key} points at line {line}, but the text has {total} lines"),
            format!("a line number from 1 to {total}"),
        );
        false
    }
}

/// Test helper: the diagnostics are exactly `want`, one each, in order (each message
/// contains its `want` text).
#[cfg(test)]
fn assert_messages(msgs: &[String], want: &[&str]) {
    assert_eq!(msgs.len(), want.len(), "{msgs:#?}");
    for (m, w) in msgs.iter().zip(want) {
        assert!(m.contains(w), "{m} / {w}");
    }
}

fn fmt_lines(lines: &[u32]) -> String {
    lines
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses `text` (the seed file `file`, used in diagnostics) into a clean document.
///
/// Pure: no I/O, never panics. Every problem is collected as a [`Diagnostic`] (the document is
/// still built as well as possible); honest notes on what was repaired, or could not be, go to
/// [`Document::repairs`].
pub fn parse_document(opts: &DocOptions, text: &str, file: &str) -> (Document, Vec<Diagnostic>) {
    let source = lines::split_lines(text);
    let mut cx = Ctx::new(file, source.len() as u32);
    let format = Format::from_options(opts, &mut cx);
    let lines = lines::read_lines(opts, &source, &mut cx);
    let declared = declared::read_declared(opts, &lines, &mut cx);
    let items = classify::classify(format, &lines, &declared);
    let items = clean::clean_items(format, items, &mut cx);
    let items = join::join_paragraphs(opts, items, &mut cx);
    let blocks = sections::build_blocks(opts, items.body, &mut cx);
    let blocks = markers::restore_markers(&opts.markers, blocks, &items.front.markers, &mut cx);
    let notes = notes::join_continuations(items.notes, &mut cx);
    let has_body = !blocks.doc.blocks.is_empty();
    let front = notes::front_references(&notes, items.front.markers, has_body, &mut cx);
    let notes = notes::index_labels(notes, &mut cx);
    let max_marker = numbering::max_marker(&blocks.markers, &front);
    let notes = numbering::recover_numbers(notes, max_marker, &mut cx);
    let mut doc = footnotes::attach_footnotes(opts, blocks, &front, notes, &mut cx);
    doc.repairs = cx.repairs;
    (doc, cx.diags)
}
