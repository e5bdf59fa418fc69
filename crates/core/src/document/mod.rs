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

mod inline;

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::{Block, BlockKind, Diagnostic, Document, Footnote, NoteRef, Section};
use inline::{is_finished, starts_lowercase, superscript_digit, Inline, Marker, Scanner};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Skip,
    Front,
}

/// A heading or paragraph before cleaning and joining.
#[derive(Debug, Default)]
struct BodyItem {
    /// `Some(hashes)` for headings (0 when declared in `headings`).
    heading: Option<usize>,
    pieces: Vec<(u32, String)>,
    inline: Inline,
    lines: Vec<u32>,
    /// Notes, page breaks or skipped lines stood between this and the previous body item.
    interrupted: bool,
}

#[derive(Debug, Default)]
struct NoteItem {
    label: Option<String>,
    front: bool,
    continues: bool,
    pieces: Vec<(u32, String)>,
    inline: Inline,
    line: u32,
    /// Index of the body item it stood after.
    after: Option<usize>,
}

#[derive(Debug)]
enum Open {
    None,
    Para(usize),
    Note(usize),
}

struct Ctx<'a> {
    file: &'a str,
    total: u32,
    diags: Vec<Diagnostic>,
    repairs: Vec<String>,
}

impl Ctx<'_> {
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

/// Splits into lines (a final newline does not start a line), dropping `\r`.
fn split_lines(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if text.ends_with('\n') || text.is_empty() {
        v.pop();
    }
    v
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

/// An enumeration style: prefix, kind (`1`, `I`, `i`, `A`, `a`), suffix.
struct Style {
    prefix: String,
    kind: char,
    suffix: String,
}

fn parse_style(s: &str) -> Option<Style> {
    let pos = s.find(['1', 'I', 'i', 'A', 'a'])?;
    let kind = s[pos..].chars().next()?;
    let (prefix, suffix) = (&s[..pos], &s[pos + 1..]);
    let ok = |p: &str| {
        p.chars()
            .all(|c| !c.is_alphanumeric() && !c.is_whitespace())
    };
    (ok(prefix) && ok(suffix)).then(|| Style {
        prefix: prefix.to_string(),
        kind,
        suffix: suffix.to_string(),
    })
}

fn style_matches(style: &Style, title: &str) -> bool {
    let Some(rest) = title.strip_prefix(style.prefix.as_str()) else {
        return false;
    };
    let accept = |c: char| match style.kind {
        '1' => c.is_ascii_digit(),
        'I' => "IVXLCDM".contains(c),
        'i' => "ivxlcdm".contains(c),
        'A' => c.is_ascii_uppercase(),
        _ => c.is_ascii_lowercase(),
    };
    let n = rest.chars().take_while(|&c| accept(c)).count();
    if n == 0 || (matches!(style.kind, 'A' | 'a') && n != 1) {
        return false;
    }
    let Some(rest) = rest[n..].strip_prefix(style.suffix.as_str()) else {
        return false;
    };
    rest.is_empty() || rest.starts_with(char::is_whitespace)
}

fn note_id(label: &str) -> String {
    if !label.is_empty() && label.chars().all(|c| c == '*') {
        let n = label.len();
        return if n == 1 {
            "n-star".to_string()
        } else {
            format!("n-star{n}")
        };
    }
    let clean: String = label.chars().filter(|c| c.is_alphanumeric()).collect();
    format!("n{clean}")
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
    let lines = split_lines(text);
    let total = lines.len() as u32;
    let mut cx = Ctx {
        file,
        total,
        diags: Vec::new(),
        repairs: Vec::new(),
    };
    let format = match opts.format.as_str() {
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
    };

    // ---- Line roles: skipped, front matter, body.
    let mut role = vec![Role::Body; lines.len() + 1];
    for (key, ranges, r) in [
        ("skip", &opts.skip, Role::Skip),
        ("front", &opts.front, Role::Front),
    ] {
        for &[a, b] in ranges {
            if a == 0 || a > b {
                cx.diag(
                    a,
                    format!("[document] {key} range [{a}, {b}] is empty"),
                    "[first, last] with 1 <= first <= last",
                );
                continue;
            }
            if !cx.line_exists(key, b) {
                continue;
            }
            for l in a..=b {
                if role[l as usize] != Role::Body {
                    cx.diag(
                        l,
                        format!("[document] {key} range [{a}, {b}] overlaps another range"),
                        "disjoint skip and front ranges",
                    );
                    break;
                }
                role[l as usize] = r;
            }
            let what = if r == Role::Skip {
                "are not body text (cover, masthead or debris) and were dropped"
            } else {
                "are front matter (title, byline): metadata, not body"
            };
            let span = if a == b {
                format!("Line {a}")
            } else {
                format!("Lines {a}–{b}")
            };
            cx.repairs.push(format!("{span} {what}."));
        }
    }

    // ---- Line contents (keep_from).
    let mut content: Vec<&str> = std::iter::once("").chain(lines.iter().copied()).collect();
    for k in &opts.keep_from {
        if !cx.line_exists("keep_from", k.line) {
            continue;
        }
        let l = k.line as usize;
        if role[l] != Role::Body {
            cx.diag(
                k.line,
                format!(
                    "[document] keep_from points at line {}, which is skipped",
                    k.line
                ),
                "a body line",
            );
            continue;
        }
        match (!k.text.is_empty())
            .then(|| content[l].find(&k.text))
            .flatten()
        {
            Some(pos) => {
                content[l] = &content[l][pos..];
                cx.repairs.push(format!(
                    "Line {}: the text before {:?} is debris and was dropped.",
                    k.line, k.text
                ));
            }
            None => cx.diag(
                k.line,
                format!(
                    "[document] keep_from text {:?} does not occur on line {}",
                    k.text, k.line
                ),
                "text copied exactly from that line",
            ),
        }
    }

    // ---- Declared notes and headings.
    let mut note_rules: BTreeMap<u32, &NoteRule> = BTreeMap::new();
    for r in &opts.notes {
        if !cx.line_exists("note", r.line) {
            continue;
        }
        if content[r.line as usize].trim().is_empty() {
            cx.diag(
                r.line,
                format!("[document] note points at line {}, which is blank", r.line),
                "a line with the note's text",
            );
        } else if role[r.line as usize] != Role::Body {
            cx.diag(
                r.line,
                format!(
                    "[document] line {} is both skipped and declared a note",
                    r.line
                ),
                "a line outside skip and front ranges",
            );
        } else if note_rules.insert(r.line, r).is_some() {
            cx.diag(
                r.line,
                format!("[document] line {} is declared a note twice", r.line),
                "one note rule per line",
            );
        }
    }
    let mut heading_lines: BTreeSet<u32> = BTreeSet::new();
    for &h in &opts.headings {
        if !cx.line_exists("headings", h) {
            continue;
        }
        if content[h as usize].trim().is_empty() {
            cx.diag(
                h,
                format!("[document] headings points at line {h}, which is blank"),
                "a line with the heading's text",
            );
        } else if role[h as usize] != Role::Body {
            cx.diag(
                h,
                format!("[document] line {h} is both skipped and declared a heading"),
                "a line outside skip and front ranges",
            );
        } else if note_rules.contains_key(&h) {
            cx.diag(
                h,
                format!("[document] line {h} is declared both a heading and a note"),
                "one role per line",
            );
        } else {
            heading_lines.insert(h);
        }
    }

    // ---- Classify lines into body items and notes.
    let mut body: Vec<BodyItem> = Vec::new();
    let mut notes: Vec<NoteItem> = Vec::new();
    let mut front_markers: Vec<Marker> = Vec::new();
    let mut front_scanner = Scanner::new(format);
    let mut open = Open::None;
    let mut interrupted = false;
    for l in 1..=total {
        let li = l as usize;
        match role[li] {
            Role::Skip => {
                open = Open::None;
                interrupted = true;
                continue;
            }
            Role::Front => {
                open = Open::None;
                interrupted = true;
                let scanned = front_scanner.clean(content[li], l, true);
                front_markers.extend(
                    scanned
                        .markers
                        .into_iter()
                        .map(|m| Marker { offset: 0, ..m }),
                );
                continue;
            }
            Role::Body => {}
        }
        let s = content[li];
        if let Some(rule) = note_rules.get(&l) {
            let text = match &rule.label {
                Some(label) => strip_label(format, s, label),
                None => s,
            };
            notes.push(NoteItem {
                label: rule.label.clone(),
                front: rule.front,
                continues: rule.continues,
                pieces: vec![(l, text.to_string())],
                line: l,
                after: body.len().checked_sub(1),
                ..Default::default()
            });
            open = Open::Note(notes.len() - 1);
            interrupted = true;
            continue;
        }
        if s.trim().is_empty() {
            open = Open::None;
            continue;
        }
        let heading = if heading_lines.contains(&l) {
            Some((0, s.trim()))
        } else if format == Format::Markdown {
            atx_heading(s)
        } else {
            None
        };
        if let Some((hashes, title)) = heading {
            body.push(BodyItem {
                heading: Some(hashes),
                pieces: vec![(l, title.to_string())],
                lines: vec![l],
                interrupted,
                ..Default::default()
            });
            interrupted = false;
            open = Open::None;
            continue;
        }
        if is_page_break(s) {
            open = Open::None;
            interrupted = true;
            continue;
        }
        if let Some((label, rest)) = auto_note(format, s) {
            notes.push(NoteItem {
                label: Some(label),
                pieces: vec![(l, rest.to_string())],
                line: l,
                after: body.len().checked_sub(1),
                ..Default::default()
            });
            open = Open::Note(notes.len() - 1);
            interrupted = true;
            continue;
        }
        match open {
            Open::Para(i) => {
                body[i].pieces.push((l, s.to_string()));
                body[i].lines.push(l);
            }
            Open::Note(i) => notes[i].pieces.push((l, s.to_string())),
            Open::None => {
                body.push(BodyItem {
                    heading: None,
                    pieces: vec![(l, s.to_string())],
                    lines: vec![l],
                    interrupted,
                    ..Default::default()
                });
                interrupted = false;
                open = Open::Para(body.len() - 1);
            }
        }
    }

    // ---- Inline cleaning, in reading order.
    let mut scanner = Scanner::new(format);
    for item in &mut body {
        for (l, raw) in std::mem::take(&mut item.pieces) {
            let piece = scanner.clean(&raw, l, true);
            item.inline.append(piece);
        }
    }
    for note in &mut notes {
        for (l, raw) in std::mem::take(&mut note.pieces) {
            let piece = scanner.clean(&raw, l, false);
            note.inline.append(piece);
        }
    }
    let mut decoded = scanner.decoded_lines.clone();
    decoded.extend(&front_scanner.decoded_lines);
    decoded.sort_unstable();
    if !decoded.is_empty() {
        cx.repairs.push(format!(
            "Mangled character references (such as ^{{&#}}x27; for ') decoded on lines {}.",
            fmt_lines(&decoded)
        ));
    }
    if !scanner.plain_markers.is_empty() {
        let list: Vec<String> = scanner
            .plain_markers
            .iter()
            .map(|(l, lab)| format!("{lab} (line {l})"))
            .collect();
        cx.repairs.push(format!(
            "Plain digits read as footnote markers because they continue the marker sequence: {}.",
            list.join(", ")
        ));
    }

    // ---- Join paragraphs cut by page breaks.
    let para_starts: BTreeSet<u32> = body
        .iter()
        .filter(|b| b.heading.is_none())
        .map(|b| b.lines[0])
        .collect();
    for (key, set) in [("join", &opts.join), ("no_join", &opts.no_join)] {
        for &l in set.iter() {
            if cx.line_exists(key, l) && !para_starts.contains(&l) {
                cx.diag(
                    l,
                    format!("[document] {key}: line {l} does not start a paragraph"),
                    "the first line of a paragraph",
                );
            }
        }
    }
    let mut merged: Vec<BodyItem> = Vec::with_capacity(body.len());
    let mut remap: Vec<usize> = Vec::with_capacity(body.len());
    for item in body {
        let first = item.lines[0];
        if let Some(prev) = merged.last_mut() {
            let forced = opts.join.contains(&first);
            if item.heading.is_none() && prev.heading.is_none() {
                let banned = opts.no_join.contains(&first);
                let auto = !is_finished(&prev.inline.text) || starts_lowercase(&item.inline.text);
                if forced || (auto && !banned) {
                    let last = prev.lines.last().copied().unwrap_or(first);
                    let how = if item.interrupted {
                        " (cut by a page break)"
                    } else {
                        ""
                    };
                    cx.repairs.push(format!(
                        "Rejoined the paragraph ending at line {last} with its continuation at line {first}{how}."
                    ));
                    prev.inline.append(item.inline);
                    prev.lines.extend(item.lines);
                    remap.push(merged.len() - 1);
                    continue;
                }
            } else if forced {
                cx.diag(
                    first,
                    format!("[document] join: the paragraph at line {first} follows a heading"),
                    "a paragraph that follows a paragraph",
                );
            }
        }
        remap.push(merged.len());
        merged.push(item);
    }
    for n in &mut notes {
        n.after = n.after.and_then(|i| remap.get(i).copied());
    }

    // ---- Sections and blocks.
    let mut styles: Vec<Style> = Vec::new();
    for s in &opts.enumeration {
        match parse_style(s) {
            Some(st) => styles.push(st),
            None => cx.diag(
                1,
                format!("[document] enumeration style {s:?} is not understood"),
                "a prefix, one of 1 I i A a, and a suffix, such as \"1.\" or \"(1)\"",
            ),
        }
    }
    let heading_line_set: BTreeSet<u32> = merged
        .iter()
        .filter(|b| b.heading.is_some())
        .map(|b| b.lines[0])
        .collect();
    let mut level_rules: BTreeMap<u32, u8> = BTreeMap::new();
    for r in &opts.levels {
        if !cx.line_exists("levels", r.line) {
            continue;
        }
        if !heading_line_set.contains(&r.line) {
            cx.diag(
                r.line,
                format!("[document] levels: line {} is not a heading", r.line),
                "a heading line (`#` in Markdown, or listed in headings)",
            );
        } else if r.level == 0 {
            cx.diag(r.line, "[document] levels: level 0", "a level of 1 or more");
        } else {
            level_rules.insert(r.line, r.level);
        }
    }
    let min_hashes = merged
        .iter()
        .filter_map(|b| b.heading)
        .filter(|&h| h > 0)
        .min()
        .unwrap_or(1);

    let mut doc = Document::default();
    let mut block_markers: Vec<Vec<Marker>> = Vec::new();
    let mut block_lines: Vec<Vec<u32>> = Vec::new();
    let mut current: Option<usize> = None;
    let mut paragraphs = 0;
    for item in merged {
        let line = item.lines[0];
        let idx = doc.blocks.len();
        let (kind, id, section) = match item.heading {
            Some(hashes) => {
                let level = level_rules.get(&line).copied().unwrap_or_else(|| {
                    if !styles.is_empty() {
                        styles
                            .iter()
                            .position(|s| style_matches(s, &item.inline.text))
                            .map_or(1, |p| (p + 1) as u8)
                    } else if hashes > 0 {
                        (hashes + 1).saturating_sub(min_hashes).max(1) as u8
                    } else {
                        1
                    }
                });
                if hashes > 0 && !level_rules.contains_key(&line) {
                    let marked = (hashes + 1).saturating_sub(min_hashes).max(1) as u8;
                    if marked != level {
                        cx.repairs.push(format!(
                            "Heading at line {line} ({:?}) is level {level} by its enumeration; the source marks it level {marked}.",
                            item.inline.text
                        ));
                    }
                }
                let parent = doc.sections.iter().rposition(|s| s.level < level);
                let sid = format!("s{}", doc.sections.len() + 1);
                doc.sections.push(Section {
                    id: sid.clone(),
                    level,
                    title: item.inline.text.clone(),
                    parent,
                    block: idx,
                });
                current = Some(doc.sections.len() - 1);
                (BlockKind::Heading, sid, current)
            }
            None => {
                paragraphs += 1;
                (BlockKind::Paragraph, format!("p{paragraphs}"), current)
            }
        };
        doc.blocks.push(Block {
            id,
            kind,
            text: item.inline.text,
            emphasis: item.inline.emphasis,
            notes: Vec::new(),
            section,
            line,
        });
        block_markers.push(item.inline.markers);
        block_lines.push(item.lines);
    }

    // ---- Restore lost markers (data).
    for r in &opts.markers {
        if !cx.line_exists("marker", r.line) {
            continue;
        }
        let Some(b) = block_lines.iter().position(|ls| ls.contains(&r.line)) else {
            cx.diag(
                r.line,
                format!(
                    "[document] marker {}: line {} is not in a paragraph or heading",
                    r.label, r.line
                ),
                "a line of the body text",
            );
            continue;
        };
        if r.label.is_empty() || r.after.is_empty() {
            cx.diag(
                r.line,
                "[document] marker: empty label or after",
                "a label and the text the marker follows",
            );
            continue;
        }
        if let Some(m) = block_markers
            .iter()
            .flatten()
            .chain(front_markers.iter())
            .find(|m| m.label == r.label)
        {
            cx.diag(
                r.line,
                format!(
                    "[document] marker {}: the text already has marker {} (line {})",
                    r.label, r.label, m.line
                ),
                "a marker the source lost",
            );
            continue;
        }
        let hits: Vec<usize> = doc.blocks[b]
            .text
            .match_indices(r.after.as_str())
            .map(|(i, _)| i)
            .collect();
        match hits.as_slice() {
            [pos] => {
                block_markers[b].push(Marker {
                    offset: pos + r.after.len(),
                    label: r.label.clone(),
                    line: r.line,
                });
                block_markers[b].sort_by_key(|m| m.offset);
                let why = if r.why.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", r.why)
                };
                cx.repairs.push(format!(
                    "Marker {} was lost in the source; restored after {:?} (line {}){}.",
                    r.label, r.after, r.line, why
                ));
            }
            [] => cx.diag(
                r.line,
                format!(
                    "[document] marker {}: {:?} does not occur in the block at line {}",
                    r.label, r.after, r.line
                ),
                "text copied from that paragraph's clean text (no markup)",
            ),
            many => cx.diag(
                r.line,
                format!(
                    "[document] marker {}: {:?} occurs {} times in the block at line {}",
                    r.label,
                    r.after,
                    many.len(),
                    r.line
                ),
                "a longer snippet that occurs once",
            ),
        }
    }

    // ---- Notes: continuations.
    let mut kept: Vec<NoteItem> = Vec::with_capacity(notes.len());
    for n in notes {
        if n.continues {
            match kept.last_mut() {
                Some(prev) => {
                    cx.repairs.push(format!(
                        "The note at line {} continues at line {} (split by a page break); joined.",
                        prev.line, n.line
                    ));
                    prev.inline.append(n.inline);
                }
                None => cx.diag(
                    n.line,
                    format!(
                        "[document] note at line {} continues no earlier note",
                        n.line
                    ),
                    "continues = true only after another note",
                ),
            }
            continue;
        }
        kept.push(n);
    }
    let mut notes = kept;

    // ---- Front references: markers in front matter and notes declared `front`.
    let mut front: Vec<Marker> = front_markers;
    for n in &notes {
        if n.front {
            match &n.label {
                Some(label) => {
                    front.push(Marker {
                        offset: 0,
                        label: label.clone(),
                        line: n.line,
                    });
                    cx.repairs.push(format!(
                        "The note at line {} ({label}) has no marker in the body; it is referenced from the start of the text.",
                        n.line
                    ));
                }
                None => cx.diag(
                    n.line,
                    format!("[document] front note at line {} has no label", n.line),
                    "a label such as \"*\" for a front note",
                ),
            }
        }
    }
    if !front.is_empty() {
        if doc.blocks.is_empty() {
            cx.diag(
                1,
                "front-matter notes but no body text",
                "a body to attach them to",
            );
            front.clear();
        } else if front.iter().any(|m| role[m.line as usize] == Role::Front) {
            let labels: Vec<&str> = front
                .iter()
                .filter(|m| role[m.line as usize] == Role::Front)
                .map(|m| m.label.as_str())
                .collect();
            cx.repairs.push(format!(
                "Note markers {} of the front matter stand at the start of the text.",
                labels.join(" ")
            ));
        }
    }

    // ---- Duplicate labels.
    let mut first_with: BTreeMap<String, usize> = BTreeMap::new();
    for (i, n) in notes.iter().enumerate() {
        if let Some(label) = &n.label {
            if let Some(&j) = first_with.get(label) {
                cx.diag(
                    n.line,
                    format!(
                        "two notes are labelled {label} (lines {} and {})",
                        notes[j].line, n.line
                    ),
                    "one note per label",
                );
            } else {
                first_with.insert(label.clone(), i);
            }
        }
    }

    // ---- Recover lost numbers from the sequence.
    let max_marker = block_markers
        .iter()
        .flatten()
        .chain(front.iter())
        .filter_map(|m| m.label.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    let seq: Vec<usize> = (0..notes.len())
        .filter(|&i| {
            notes[i]
                .label
                .as_ref()
                .is_none_or(|l| l.parse::<u32>().is_ok())
        })
        .collect();
    let mut k = 0;
    while k < seq.len() {
        if notes[seq[k]].label.is_some() {
            k += 1;
            continue;
        }
        let start = k;
        while k < seq.len() && notes[seq[k]].label.is_none() {
            k += 1;
        }
        let run: Vec<usize> = seq[start..k].to_vec();
        let num = |i: usize| -> u32 {
            notes[i]
                .label
                .as_ref()
                .and_then(|l| l.parse().ok())
                .unwrap_or(0)
        };
        let a = if start > 0 { num(seq[start - 1]) } else { 0 };
        let (b, bound) = if k < seq.len() {
            (
                num(seq[k]),
                format!("between notes {a} and {}", num(seq[k])),
            )
        } else {
            (
                max_marker.max(a) + 1,
                format!("after note {a}; the text's markers end at {max_marker}"),
            )
        };
        let lines: Vec<u32> = run.iter().map(|&i| notes[i].line).collect();
        let what = if run.len() == 1 {
            format!("The note at line {} lost its number", lines[0])
        } else {
            format!(
                "The notes at lines {} lost their numbers",
                fmt_lines(&lines)
            )
        };
        let slots = b.saturating_sub(a).saturating_sub(1) as usize;
        let free = (a + 1..b).all(|v| !first_with.contains_key(&v.to_string()));
        if b > a && slots == run.len() && free {
            for (off, &i) in run.iter().enumerate() {
                let label = (a + 1 + off as u32).to_string();
                first_with.insert(label.clone(), i);
                notes[i].label = Some(label);
            }
            let range = if run.len() == 1 {
                format!("{}", a + 1)
            } else {
                format!("{}–{}", a + 1, b - 1)
            };
            cx.repairs.push(format!(
                "{what}; numbered {range} from the sequence (they stand {bound})."
            ));
        } else {
            cx.repairs.push(format!(
                "{what} and the sequence ({bound}) does not settle them: shown unnumbered (?) after the block they stood after."
            ));
        }
    }

    // ---- Resolve references.
    let mut refs: Vec<(usize, usize, usize)> = Vec::new(); // (block, offset, note)
    let all_markers = front.iter().map(|m| (0usize, m)).chain(
        block_markers
            .iter()
            .enumerate()
            .flat_map(|(b, ms)| ms.iter().map(move |m| (b, m))),
    );
    for (b, m) in all_markers {
        match first_with.get(&m.label) {
            Some(&i) => refs.push((b, m.offset, i)),
            None => cx.diag(
                m.line,
                format!("footnote marker {} has no note", m.label),
                format!(
                    "a note labelled {} (a note line, or declared in [[document.note]])",
                    m.label
                ),
            ),
        }
    }
    let referenced: BTreeSet<usize> = refs.iter().map(|r| r.2).collect();
    for label in &opts.unreferenced {
        match first_with.get(label) {
            None => cx.diag(
                1,
                format!("[document] unreferenced lists {label}, but there is no such note"),
                "labels of existing notes",
            ),
            Some(i) if referenced.contains(i) => cx.diag(
                notes[*i].line,
                format!("[document] unreferenced lists {label}, but the text has its marker"),
                "only notes without a marker",
            ),
            Some(_) => {}
        }
    }
    for (i, n) in notes.iter().enumerate() {
        if let Some(label) = &n.label {
            if !referenced.contains(&i)
                && first_with.get(label) == Some(&i)
                && !opts.unreferenced.contains(label)
            {
                cx.diag(
                    n.line,
                    format!("note {label} is never referenced"),
                    format!(
                        "a marker {label} in the text, a [[document.marker]] rule restoring it, or \"{label}\" in unreferenced"
                    ),
                );
            }
        }
    }

    // ---- Footnotes in order of first reference, then unreferenced in source order.
    let mut order: Vec<usize> = Vec::with_capacity(notes.len());
    for &(_, _, i) in &refs {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    for i in 0..notes.len() {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    let mut new_index = vec![0usize; notes.len()];
    let mut unnumbered = 0;
    let mut used_ids: BTreeSet<String> = BTreeSet::new();
    for (pos, &i) in order.iter().enumerate() {
        new_index[i] = pos;
        let n = &mut notes[i];
        let first_block = refs.iter().find(|r| r.2 == i).map(|r| r.0);
        let (id, label, numbered) = match &n.label {
            Some(l) => (note_id(l), l.clone(), true),
            None => {
                unnumbered += 1;
                (format!("nu{unnumbered}"), "?".to_string(), false)
            }
        };
        let mut id = id;
        if used_ids.contains(&id) {
            id = format!("{id}-{}", pos + 1);
        }
        used_ids.insert(id.clone());
        doc.footnotes.push(Footnote {
            id,
            label,
            numbered,
            text: std::mem::take(&mut n.inline.text),
            emphasis: std::mem::take(&mut n.inline.emphasis),
            block: first_block.or(n.after),
            line: n.line,
        });
    }
    for (b, offset, i) in refs {
        if let Some(block) = doc.blocks.get_mut(b) {
            block.notes.push(NoteRef {
                offset,
                note: new_index[i],
            });
        }
    }
    for block in &mut doc.blocks {
        block.notes.sort_by_key(|r| r.offset);
    }

    doc.repairs = cx.repairs;
    (doc, cx.diags)
}
