//! Drafting a sweep file from a paper's text: every sentence of the body and of the notes
//! that mentions a year, a month or a date becomes a `[[mention]]` with that sentence as its
//! verbatim locator, and the decision left to the coder (so the draft does not build until
//! every mention is decided).

use crate::model::{BlockKind, Paper};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `s` mentions a year (1900–2099, also as a decade such as `1990s`) or a month.
pub fn mentions_a_date(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let run = &s[start..i];
            if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
                return true;
            }
        } else {
            i += 1;
        }
    }
    s.split(|c: char| !c.is_alphabetic())
        .any(|w| (MONTHS.contains(&w) && w != "May") || (w == "May" && has_day_or_year_near(s)))
}

/// "May" is also a verb: count it only next to a number.
fn has_day_or_year_near(s: &str) -> bool {
    s.match_indices("May").any(|(i, _)| {
        let before = s[..i].trim_end().chars().last();
        let after = s[i + 3..].trim_start().chars().next();
        before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// The sentences of a text, each a verbatim slice (split after `.`, `?` or `!` followed by a
/// space and a capital letter, a digit or an opening quote).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, end), (_, space), (next_pos, next)] = [w[0], w[1], w[2]];
        let opens = next.is_uppercase() || next.is_ascii_digit() || "\"“‘(".contains(next);
        if ".?!".contains(end) && space == ' ' && opens && !abbreviation(&text[start..next_pos]) {
            out.push(text[start..next_pos].trim());
            start = next_pos;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Words that end with a full stop without ending a sentence (citations, initials).
const ABBREVIATIONS: &[&str] = &[
    "p", "pp", "para", "paras", "vol", "no", "nos", "chap", "ch", "ed", "eds", "cf", "e.g", "i.e",
    "mr", "mrs", "ms", "dr", "st", "op", "cit", "ibid", "art", "fig", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.u",
];

/// Whether the text (up to and including a full stop and a space) ends with an abbreviation
/// or an initial, so the full stop does not end a sentence.
fn abbreviation(text: &str) -> bool {
    let word = text.trim_end().trim_end_matches('.');
    let word = word
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&lower.as_str())
}

/// A TOML basic string (the draft sweep files and the `.qdpx` import write through it).
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The draft sweep file of `paper`.
pub fn draft_sweep(paper: &Paper) -> String {
    let mut out = format!(
        "# Sweep of {}: every sentence of the body and notes that mentions a year, a month or a\n# date (drafted by draft-sweep). For each [[mention]], keep the locator verbatim (shorten it\n# to the words that name the event if you like) and decide: either\n#   coded = [\"<evidence id>~<category id>\"]\n# or\n#   excluded = \"background\" | \"literature\" | \"not-an-event\" | \"outside-scope\"\n#   why = \"One sentence.\"\n# Delete a mention only if it is a duplicate of another; add any undated event the draft\n# missed. The build fails until every mention is decided.\n\npaper = {}\n",
        paper.id,
        toml_string(&paper.id)
    );
    let body = paper
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| (format!("paragraph {}", b.id), &b.text));
    let notes = paper
        .doc
        .footnotes
        .iter()
        .map(|n| (format!("note {}", n.label), &n.text));
    for (place, text) in body.chain(notes) {
        for s in sentences(text).into_iter().filter(|s| mentions_a_date(s)) {
            out.push_str(&format!("\n[[mention]]  # {place}\nlocator = {}\n# coded = [\"\"]\n# excluded = \"\"\n# why = \"\"\n", toml_string(s)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Document, Footnote};

    #[test]
    fn finds_years_decades_and_months_but_not_other_numbers() {
        assert!(mentions_a_date("In 2003 the exercise began."));
        assert!(mentions_a_date("Since the late 1990s."));
        assert!(mentions_a_date("In March the council met."));
        assert!(mentions_a_date("On 12 May the council met."));
        assert!(!mentions_a_date("Officials may meet again."));
        assert!(!mentions_a_date("It cost 12000 yen, page 1850."));
        assert!(!mentions_a_date("No date here."));
    }

    #[test]
    fn citations_and_initials_do_not_end_sentences() {
        let t = "See J. Smith, Vol. 3, pp. 4-5, 8 December 2007, para. 20. Then 2008.";
        assert_eq!(
            sentences(t),
            vec![
                "See J. Smith, Vol. 3, pp. 4-5, 8 December 2007, para. 20.",
                "Then 2008."
            ]
        );
    }

    #[test]
    fn sentences_are_verbatim_slices() {
        let t = "The exercise of June 2003 was a first. It worked! \"Next\" came in 2005? Yes.";
        assert_eq!(
            sentences(t),
            vec![
                "The exercise of June 2003 was a first.",
                "It worked!",
                "\"Next\" came in 2005?",
                "Yes."
            ]
        );
    }

    #[test]
    fn draft_lists_dated_sentences_of_body_and_notes_undecided() {
        let paper = Paper {
            id: "p".into(),
            doc: Document {
                blocks: vec![Block {
                    id: "p1".into(),
                    text: "Talks began in 1998. They \"matter\" still.".into(),
                    ..Block::default()
                }],
                footnotes: vec![Footnote {
                    label: "1".into(),
                    text: "Minutes, 12 March 1999.".into(),
                    ..Footnote::default()
                }],
                ..Document::default()
            },
            ..Paper::default()
        };
        let d = draft_sweep(&paper);
        assert!(d.contains("paper = \"p\"\n"));
        assert!(d.contains("[[mention]]  # paragraph p1\nlocator = \"Talks began in 1998.\"\n"));
        assert!(d.contains("[[mention]]  # note 1\nlocator = \"Minutes, 12 March 1999.\"\n"));
        assert!(!d.contains("matter"));
        // The draft is valid TOML.
        assert!(toml::de::DeTable::parse(&d).is_ok());
    }
}
