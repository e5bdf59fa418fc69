//! Phase 6: the joined body items become the document's blocks and sections.
//!
//! A heading's level is, in order of precedence: its `levels` rule; the position of the first
//! `enumeration` style its title matches (1 when none does); for `#` headings the number of
//! hashes relative to the shallowest heading; else 1. Paragraphs are `p1`, `p2`, …; headings
//! take their section's id `s1`, `s2`, …; a section's parent is the nearest earlier section of
//! a lower level.

use std::collections::{BTreeMap, BTreeSet};

use super::classify::BodyItem;
use super::inline::Marker;
use super::{Ctx, DocOptions};
use crate::{Block, BlockKind, Document, Section};

/// The document with its blocks and sections (no footnotes yet), and for each block its
/// markers and source lines.
#[derive(Debug, Default)]
pub(super) struct Blocks {
    /// Blocks and sections; footnotes and note references are added later.
    pub doc: Document,
    /// Footnote markers of each block, by offset.
    pub markers: Vec<Vec<Marker>>,
    /// Source lines of each block.
    pub lines: Vec<Vec<u32>>,
}

/// How heading levels are found.
struct Levels {
    styles: Vec<Style>,
    rules: BTreeMap<u32, u8>,
    min_hashes: usize,
}

/// Builds blocks and sections from the joined body items.
pub(super) fn build_blocks(opts: &DocOptions, body: Vec<BodyItem>, cx: &mut Ctx) -> Blocks {
    let levels = Levels {
        styles: parse_styles(opts, cx),
        rules: level_rules(opts, &body, cx),
        min_hashes: body
            .iter()
            .filter_map(|b| b.heading)
            .filter(|&h| h > 0)
            .min()
            .unwrap_or(1),
    };
    let mut out = Blocks::default();
    let mut current: Option<usize> = None;
    let mut paragraphs = 0;
    for item in body {
        let line = item.lines[0];
        let (kind, id) = match item.heading {
            Some(hashes) => {
                let level = levels.of(line, hashes, &item.inline.text, cx);
                let doc = &mut out.doc;
                let sid = format!("s{}", doc.sections.len() + 1);
                doc.sections.push(Section {
                    id: sid.clone(),
                    level,
                    title: item.inline.text.clone(),
                    parent: doc.sections.iter().rposition(|s| s.level < level),
                    block: doc.blocks.len(),
                });
                current = Some(doc.sections.len() - 1);
                (BlockKind::Heading, sid)
            }
            None => {
                paragraphs += 1;
                (BlockKind::Paragraph, format!("p{paragraphs}"))
            }
        };
        out.doc.blocks.push(Block {
            id,
            kind,
            text: item.inline.text,
            emphasis: item.inline.emphasis,
            notes: Vec::new(),
            section: current,
            line,
        });
        out.markers.push(item.inline.markers);
        out.lines.push(item.lines);
    }
    out
}

impl Levels {
    /// Level of the heading at `line` with `hashes` (0: declared) and `title`; reports a
    /// level by enumeration that differs from the `#` marking.
    fn of(&self, line: u32, hashes: usize, title: &str, cx: &mut Ctx) -> u8 {
        let marked = (hashes + 1).saturating_sub(self.min_hashes).max(1) as u8;
        let level = self.rules.get(&line).copied().unwrap_or_else(|| {
            if !self.styles.is_empty() {
                self.styles
                    .iter()
                    .position(|s| s.matches(title))
                    .map_or(1, |p| (p + 1) as u8)
            } else if hashes > 0 {
                marked
            } else {
                1
            }
        });
        if hashes > 0 && !self.rules.contains_key(&line) && marked != level {
            cx.repairs.push(format!(
                "Heading at line {line} ({title:?}) is level {level} by its enumeration; the source marks it level {marked}."
            ));
        }
        level
    }
}

fn parse_styles(opts: &DocOptions, cx: &mut Ctx) -> Vec<Style> {
    let mut styles: Vec<Style> = Vec::new();
    for s in &opts.enumeration {
        match Style::parse(s) {
            Some(st) => styles.push(st),
            None => cx.diag(
                1,
                format!("[document] enumeration style {s:?} is not understood"),
                "a prefix, one of 1 I i A a, and a suffix, such as \"1.\" or \"(1)\"",
            ),
        }
    }
    styles
}

/// The checked `levels` rules, by line.
fn level_rules(opts: &DocOptions, body: &[BodyItem], cx: &mut Ctx) -> BTreeMap<u32, u8> {
    let heading_line_set: BTreeSet<u32> = body
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
    level_rules
}

/// An enumeration style: prefix, kind (`1`, `I`, `i`, `A`, `a`), suffix.
struct Style {
    prefix: String,
    kind: char,
    suffix: String,
}

impl Style {
    fn parse(s: &str) -> Option<Style> {
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

    /// Whether `title` starts with an enumeration in this style.
    fn matches(&self, title: &str) -> bool {
        let Some(rest) = title.strip_prefix(self.prefix.as_str()) else {
            return false;
        };
        let accept = |c: char| match self.kind {
            '1' => c.is_ascii_digit(),
            'I' => "IVXLCDM".contains(c),
            'i' => "ivxlcdm".contains(c),
            'A' => c.is_ascii_uppercase(),
            _ => c.is_ascii_lowercase(),
        };
        let n = rest.chars().take_while(|&c| accept(c)).count();
        if n == 0 || (matches!(self.kind, 'A' | 'a') && n != 1) {
            return false;
        }
        let Some(rest) = rest[n..].strip_prefix(self.suffix.as_str()) else {
            return false;
        };
        rest.is_empty() || rest.starts_with(char::is_whitespace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::LevelRule;

    fn item(heading: Option<usize>, line: u32, text: &str) -> BodyItem {
        BodyItem::cleaned(heading, line, text)
    }

    fn outline(b: &Blocks) -> Vec<(&str, u8, Option<usize>)> {
        let s = &b.doc.sections;
        s.iter()
            .map(|s| (s.title.as_str(), s.level, s.parent))
            .collect()
    }

    #[test]
    fn styles_parse_and_match() {
        let roman = Style::parse("I.").unwrap();
        assert!(roman.matches("IV. Four") && !roman.matches("4. Four"));
        let paren = Style::parse("(1)").unwrap();
        assert!(paren.matches("(12) Twelve") && !paren.matches("(12)x"));
        let letter = Style::parse("a)").unwrap();
        assert!(letter.matches("b) Bee") && !letter.matches("bb) Bee"));
        assert!(Style::parse("x").is_none() && Style::parse("1 .").is_none());
    }

    #[test]
    fn hashes_are_relative_and_ids_follow_sections() {
        let body = vec![
            item(Some(2), 1, "Top"),
            item(None, 2, "Para"),
            item(Some(3), 3, "Sub"),
            item(None, 4, "More"),
        ];
        let mut cx = Ctx::new("t.txt", 4);
        let b = build_blocks(&DocOptions::default(), body, &mut cx);
        assert_eq!(outline(&b), vec![("Top", 1, None), ("Sub", 2, Some(0))]);
        let ids: Vec<(&str, Option<usize>)> = b
            .doc
            .blocks
            .iter()
            .map(|b| (b.id.as_str(), b.section))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("s1", Some(0)),
                ("p1", Some(0)),
                ("s2", Some(1)),
                ("p2", Some(1))
            ]
        );
        assert_eq!(b.lines, vec![vec![1], vec![2], vec![3], vec![4]]);
        assert!(cx.repairs.is_empty() && cx.diags.is_empty());
    }

    #[test]
    fn enumeration_and_level_rules_win_over_hashes() {
        let opts = DocOptions {
            enumeration: vec!["I.".into(), "1.".into(), "?".into()],
            levels: vec![
                LevelRule { line: 3, level: 3 },
                LevelRule { line: 2, level: 1 },
            ],
            ..Default::default()
        };
        let body = vec![
            item(Some(1), 1, "I. One"),
            item(None, 2, "Para"),
            item(Some(1), 3, "Odd"),
            item(Some(1), 4, "1. Sub"),
        ];
        let mut cx = Ctx::new("t.txt", 4);
        let b = build_blocks(&opts, body, &mut cx);
        assert_eq!(
            outline(&b),
            vec![
                ("I. One", 1, None),
                ("Odd", 3, Some(0)),
                ("1. Sub", 2, Some(0))
            ]
        );
        let msgs: Vec<String> = cx.diags.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 2, "{msgs:#?}");
        assert!(msgs[0].contains("enumeration style \"?\" is not understood"));
        assert!(msgs[1].contains("levels: line 2 is not a heading"));
        assert_eq!(cx.repairs.len(), 1);
        assert!(cx.repairs[0].starts_with("Heading at line 4 (\"1. Sub\") is level 2"));
    }
}
