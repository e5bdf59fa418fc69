//! Tour files: a tour saved from the editor as a small JSON file, and opened again (file
//! picker or drag and drop), for tours whose notes are too long for a link.
//!
//! ```json
//! {
//!   "format": "evidence-explorer-tour",
//!   "version": 1,
//!   "title": "Seminar, week 3",
//!   "corpus": "1a2b3c4d5e6f",
//!   "steps": [
//!     { "title": "…", "view": "#/matrix?v=1&…", "point": "…", "show": "…",
//!       "contrast": "…", "judgement": "…", "question": "…", "minutes": 2 },
//!     { "title": "…", "quote": { "coding": "evid~cat", "index": 0 }, "point": "…" }
//!   ]
//! }
//! ```
//!
//! The fields mirror a corpus tour's `[[step]]` (see `seeds::tours`); `view` is a fragment of
//! the app's own links, `quote` names a coding and the index of one of its quotes; `corpus` is
//! the corpus version the file was saved with. `read` never panics: a malformed or hostile
//! file gives the steps that can be used and a notice for everything dropped or repaired.

use serde_json::{json, Map, Value};

use crate::link::fragment::NoticeKind;
use crate::link::tour::{
    self, Parts, Step, StepKind, Tour, MAX_MINUTES, MAX_NOTE_CHARS, MAX_PART_CHARS, MAX_STEPS,
    MAX_TITLE_CHARS,
};
use crate::link::url;
use crate::model::Corpus;
use crate::state::OpenQuote;

/// The value of `format`.
pub const FORMAT: &str = "evidence-explorer-tour";
/// The version `write` writes.
pub const VERSION: u64 = 1;
/// Largest file read, in bytes.
pub const MAX_FILE_BYTES: usize = 512 * 1024;
/// Most notices `read` returns (then one "and N more").
pub const MAX_NOTICES: usize = 12;
/// Longest tour title kept, in chars.
pub const MAX_TOUR_TITLE_CHARS: usize = 200;

/// A tour read from a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TourFile {
    /// The tour's title ("" when the file has none).
    pub title: String,
    /// The steps that could be used.
    pub tour: Tour,
    /// What was dropped or repaired, in plain words.
    pub notices: Vec<String>,
}

/// The file name to save `title` under: its letters and digits, `-` between words.
pub fn file_name(title: &str) -> String {
    let mut out = String::new();
    for w in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + w.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_lowercase());
    }
    if out.is_empty() {
        out.push_str("tour");
    }
    format!("{out}.tour.json")
}

/// The JSON text of a tour file (pretty-printed, ends with a newline).
pub fn write(t: &Tour, title: &str, corpus_version: &str) -> String {
    let steps: Vec<Value> = t
        .steps
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("title".into(), json!(s.title));
            match &s.kind {
                StepKind::View(v) => {
                    m.insert("view".into(), json!(format!("#{}", url::encode(v))));
                }
                StepKind::Quote(q) => {
                    m.insert(
                        "quote".into(),
                        json!({ "coding": q.coding, "index": q.quote }),
                    );
                }
            }
            let p = &s.parts;
            for (k, v) in [
                ("point", &s.note),
                ("show", &p.show),
                ("contrast", &p.contrast),
                ("judgement", &p.judgement),
                ("question", &p.question),
            ] {
                if !v.is_empty() {
                    m.insert(k.into(), json!(v));
                }
            }
            if let Some(n) = p.minutes {
                m.insert("minutes".into(), json!(n));
            }
            Value::Object(m)
        })
        .collect();
    let doc = json!({
        "format": FORMAT,
        "version": VERSION,
        "title": title,
        "corpus": corpus_version,
        "steps": steps,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

struct Notes {
    list: Vec<String>,
    more: usize,
}

impl Notes {
    fn push(&mut self, s: impl Into<String>) {
        if self.list.len() < MAX_NOTICES {
            self.list.push(s.into());
        } else {
            self.more += 1;
        }
    }
}

/// Shortens `s` for a notice.
fn shown(s: &str) -> String {
    let t: String = s
        .chars()
        .filter(|c| !c.is_control())
        .take(crate::link::fragment::NOTICE_VALUE_CHARS)
        .collect();
    if t.chars().count() < s.chars().count() {
        format!("{t}…")
    } else {
        t
    }
}

fn text_field(
    step: &Map<String, Value>,
    key: &str,
    max: usize,
    n: usize,
    notes: &mut Notes,
) -> String {
    match step.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => {
            let clean: String = s
                .chars()
                .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
                .collect();
            if clean.chars().count() > max {
                notes.push(format!("step {n}: `{key}` cut to {max} characters"));
                crate::text::truncate_chars(&clean, max).to_string()
            } else {
                clean
            }
        }
        Some(_) => {
            notes.push(format!("step {n}: `{key}` is not text, left out"));
            String::new()
        }
    }
}

/// Reads a tour file (see the module docs). Never fails: what cannot be used is reported.
pub fn read(text: &str, corpus: &Corpus) -> TourFile {
    let mut notes = Notes {
        list: Vec::new(),
        more: 0,
    };
    let mut out = TourFile::default();
    if text.len() > MAX_FILE_BYTES {
        out.notices.push(format!(
            "The file is {} KB; a tour file is at most {} KB. Nothing was opened.",
            text.len() / 1024,
            MAX_FILE_BYTES / 1024
        ));
        return out;
    }
    let doc: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            out.notices.push(format!(
                "This is not a tour file (not JSON: {}). Nothing was opened.",
                shown(&e.to_string())
            ));
            return out;
        }
    };
    let Some(doc) = doc.as_object() else {
        out.notices
            .push("This is not a tour file (not a JSON object). Nothing was opened.".into());
        return out;
    };
    match doc.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(f) => notes.push(format!(
            "`format` is \"{}\", not \"{FORMAT}\": read as a tour file anyway",
            shown(f)
        )),
        None => notes.push(format!(
            "no `format`: read as a tour file (\"{FORMAT}\") anyway"
        )),
    }
    match doc.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(v) => notes.push(format!(
            "made by a newer version of the explorer (tour file version {v}): what this version understands was read"
        )),
        None => notes.push("no `version`: read as version 1".to_string()),
    }
    out.title = match doc.get("title") {
        Some(Value::String(s)) => s
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_TOUR_TITLE_CHARS)
            .collect(),
        _ => String::new(),
    };
    let steps = match doc.get("steps") {
        Some(Value::Array(a)) => a.as_slice(),
        _ => {
            notes.push("no `steps` list: the file holds no steps".to_string());
            &[]
        }
    };
    for (i, v) in steps.iter().enumerate() {
        let n = i + 1;
        if out.tour.steps.len() >= MAX_STEPS {
            notes.push(format!(
                "more than {MAX_STEPS} steps: step {n} and after were left out"
            ));
            break;
        }
        let Some(m) = v.as_object() else {
            notes.push(format!("step {n} is not an object, left out"));
            continue;
        };
        if let Some(s) = step(m, n, corpus, &mut notes) {
            out.tour.steps.push(s);
        }
    }
    if notes.more > 0 {
        notes.list.push(format!("and {} more", notes.more));
    }
    out.notices = notes.list;
    out
}

fn step(m: &Map<String, Value>, n: usize, corpus: &Corpus, notes: &mut Notes) -> Option<Step> {
    let kind = match (m.get("view"), m.get("quote")) {
        (Some(Value::String(v)), None) => {
            let (state, view_notes) = url::decode(v, corpus);
            for x in view_notes {
                match x.kind {
                    NoticeKind::More => notes.push(format!("step {n}: more problems in the view")),
                    _ => notes.push(format!("step {n}: {x}")),
                }
            }
            StepKind::View(Box::new(tour::normalise_view(&state)))
        }
        (None, Some(Value::Object(q))) => {
            let coding = q.get("coding").and_then(Value::as_str).unwrap_or("");
            let index = q.get("index").and_then(Value::as_u64);
            let found = corpus.coding_idx(coding).and_then(|c| {
                let i = usize::try_from(index?).ok()?;
                (i < corpus.codings[c].quotes.len()).then_some(i)
            });
            match found {
                Some(i) => StepKind::Quote(OpenQuote {
                    coding: coding.to_string(),
                    quote: i,
                }),
                None => {
                    notes.push(format!(
                        "step {n}: no quote {} of coding \"{}\" in this corpus, step left out",
                        index.map_or("?".to_string(), |i| i.to_string()),
                        shown(coding)
                    ));
                    return None;
                }
            }
        }
        _ => {
            notes.push(format!(
                "step {n}: needs either a `view` (text) or a `quote` ({{ coding, index }}), step left out"
            ));
            return None;
        }
    };
    let minutes = match m.get("minutes") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64().filter(|&x| x <= u64::from(MAX_MINUTES)) {
            Some(x) => Some(x as u32),
            None => {
                notes.push(format!(
                    "step {n}: `minutes` is not a whole number from 0 to {MAX_MINUTES}, left out"
                ));
                None
            }
        },
    };
    Some(Step {
        title: text_field(m, "title", MAX_TITLE_CHARS, n, notes),
        note: text_field(m, "point", MAX_NOTE_CHARS, n, notes),
        parts: Parts {
            show: text_field(m, "show", MAX_PART_CHARS, n, notes),
            contrast: text_field(m, "contrast", MAX_PART_CHARS, n, notes),
            judgement: text_field(m, "judgement", MAX_PART_CHARS, n, notes),
            question: text_field(m, "question", MAX_PART_CHARS, n, notes),
            minutes,
        },
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Facet, Route, ViewState};
    use crate::testkit;

    fn sample(c: &Corpus) -> Tour {
        let mut v = ViewState {
            route: Route::Matrix,
            ..ViewState::default()
        };
        v.filters
            .set_mut(Facet::Paper)
            .insert(c.papers[0].id.clone());
        Tour {
            steps: vec![
                Step::view("A view, “quoted”", "The point.\n\nTwo paragraphs.", &v).with_parts(
                    Parts {
                        show: "The column".into(),
                        contrast: "Unlike the other".into(),
                        judgement: String::new(),
                        question: "Why?".into(),
                        minutes: Some(3),
                    },
                ),
                Step::quote(
                    "A quote",
                    "",
                    OpenQuote {
                        coding: c.codings[0].id.clone(),
                        quote: 0,
                    },
                ),
            ],
        }
    }

    #[test]
    fn a_saved_file_opens_as_the_same_tour() {
        let c = testkit::sample();
        let t = sample(&c);
        let text = write(&t, "Week 3", "abc");
        assert!(
            text.contains("\"format\": \"evidence-explorer-tour\""),
            "{text}"
        );
        assert!(text.contains("\"version\": 1"));
        let back = read(&text, &c);
        assert_eq!(back.notices, Vec::<String>::new());
        assert_eq!(back.title, "Week 3");
        assert_eq!(back.tour, t);
    }

    #[test]
    fn file_names_are_tame() {
        assert_eq!(
            file_name("Week 3: NATO & Japan"),
            "week-3-nato-japan.tour.json"
        );
        assert_eq!(file_name("../../etc"), "etc.tour.json");
        assert_eq!(file_name(""), "tour.tour.json");
    }

    #[test]
    fn hostile_files_open_what_can_be_used() {
        let c = testkit::sample();
        for (text, want) in [
            ("", "not JSON"),
            ("[1,2]", "not a JSON object"),
            ("{\"steps\": 5}", "no `steps` list"),
        ] {
            let r = read(text, &c);
            assert!(r.tour.steps.is_empty());
            assert!(
                r.notices.iter().any(|n| n.contains(want)),
                "{text}: {:?}",
                r.notices
            );
        }
        let big = format!("{{\"x\": \"{}\"}}", "a".repeat(MAX_FILE_BYTES));
        assert!(read(&big, &c).notices[0].contains("at most"));
        let coding = &c.codings[0].id;
        let text = format!(
            r##"{{"format": "other", "version": 7, "title": 3, "steps": [
                {{"title": "ok", "view": "#/matrix?v=1&paper=nope", "minutes": -1, "point": {{"x": 1}}}},
                {{"title": "no kind"}},
                {{"title": "bad quote", "quote": {{"coding": "{coding}", "index": 999}}}},
                {{"title": "{long}", "quote": {{"coding": "{coding}", "index": 0}}}},
                7
            ]}}"##,
            long = "t".repeat(MAX_TITLE_CHARS + 5)
        );
        let r = read(&text, &c);
        assert_eq!(r.tour.steps.len(), 2);
        assert_eq!(r.title, "");
        assert_eq!(r.tour.steps[1].title.chars().count(), MAX_TITLE_CHARS);
        let all = r.notices.join("\n");
        for want in [
            "`format` is \"other\"",
            "newer version",
            "step 1: ignored paper \"nope\"",
            "step 1: `minutes` is not a whole number",
            "step 1: `point` is not text",
            "step 2: needs either a `view`",
            "step 3: no quote 999 of coding",
            "step 4: `title` cut to",
            "step 5 is not an object",
        ] {
            assert!(all.contains(want), "missing {want:?} in:\n{all}");
        }
        // Far too many steps: the first MAX_STEPS, and the notices stay few.
        let steps = vec!["{\"title\": \"x\"}"; 300].join(",");
        let r = read(&format!("{{\"steps\": [{steps}]}}"), &c);
        assert!(r.tour.steps.is_empty());
        assert_eq!(r.notices.len(), MAX_NOTICES + 1);
    }
}
