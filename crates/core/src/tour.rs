//! Tours: an ordered list of steps a facilitator walks through, carried whole in a URL.
//!
//! A step is either a view (route, filters, layout, selection, quote... everything
//! `ViewState` holds except what belongs to the tour itself: mode, tour, step, theme, corpus
//! version) or a quote slide (one quote of one coding, shown large). Each step has a title and
//! a speaker note.
//!
//! Wire form (the value of the tour payload; ids, never labels):
//!
//! ```text
//! payload = "1" *( "!" step )                    ; "1" is the format version
//! step    = "v" "*" TITLE "*" NOTE "*" VIEW      ; a view step
//!         | "q" "*" TITLE "*" NOTE "*" CODING "." N   ; a quote slide
//! ```
//!
//! TITLE and NOTE are percent-encoded (a space as `+`). VIEW is the step's `url::encode`
//! fragment with `?v=1` left out and every `&` written as `;` (a view fragment never holds a
//! raw `;`, `!` or `*`, so the payload splits unambiguously). The payload contains no `&`, `#`
//! or space, so it can stand as one value in the URL fragment.
//!
//! `decode` never panics: it keeps every step it can use and reports each dropped or repaired
//! part as a `url::Notice` (at most `url::MAX_NOTICES` plus one "and N more").
//! `decode(encode(t)) == t` for every tour whose steps are valid for the corpus.

use crate::model::Corpus;
use crate::url::{self, percent_decode, percent_encode, Notice, NoticeKind};
use crate::view::{Mode, OpenQuote, ViewState};

/// Most steps a tour may have; further steps are dropped with a notice.
pub const MAX_STEPS: usize = 60;
/// Longest title kept, in chars.
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest speaker note kept, in chars.
pub const MAX_NOTE_CHARS: usize = 1200;
/// Longest payload read, in bytes (a longer one is cut at a step boundary).
pub const MAX_PAYLOAD_BYTES: usize = 32 * 1024;

/// What a step shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StepKind {
    /// A view of the explorer (normalised: see `Step::view`).
    View(Box<ViewState>),
    /// One quote of one coding, in large type (paper, section, paragraph, category and
    /// evidence come from the corpus).
    Quote(OpenQuote),
}

/// One step of a tour.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Step {
    /// Shown above the step.
    pub title: String,
    /// The speaker note (shown in the presenter window).
    pub note: String,
    /// What the step shows.
    pub kind: StepKind,
}

/// An ordered list of steps.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Tour {
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// The part of a view state a step keeps: mode, tour, step, theme and corpus version belong to
/// the presentation, not to the step.
pub fn normalise_view(state: &ViewState) -> ViewState {
    ViewState {
        mode: Mode::Explore,
        tour: None,
        step: 0,
        theme: None,
        cv: None,
        ..state.clone()
    }
}

impl Step {
    /// A view step of `state` (normalised).
    pub fn view(title: impl Into<String>, note: impl Into<String>, state: &ViewState) -> Step {
        Step {
            title: title.into(),
            note: note.into(),
            kind: StepKind::View(Box::new(normalise_view(state))),
        }
    }

    /// A quote slide.
    pub fn quote(title: impl Into<String>, note: impl Into<String>, quote: OpenQuote) -> Step {
        Step {
            title: title.into(),
            note: note.into(),
            kind: StepKind::Quote(quote),
        }
    }
}

fn text_encode(s: &str) -> String {
    percent_encode(s).replace("%20", "+")
}

fn view_encode(state: &ViewState) -> String {
    let full = url::encode(&normalise_view(state));
    let (path, query) = match full.split_once('?') {
        Some((p, q)) => (p, q),
        None => (full.as_str(), ""),
    };
    let query = query
        .strip_prefix("v=1")
        .map(|q| q.strip_prefix('&').unwrap_or(q))
        .unwrap_or(query);
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.replace('&', ";"))
    }
}

/// The compact wire form of a tour (see the module documentation).
pub fn encode(tour: &Tour) -> String {
    let mut out = String::from("1");
    for step in &tour.steps {
        out.push('!');
        let (tag, body) = match &step.kind {
            StepKind::View(v) => ('v', view_encode(v)),
            StepKind::Quote(q) => ('q', format!("{}.{}", percent_encode(&q.coding), q.quote)),
        };
        out.push(tag);
        out.push('*');
        out.push_str(&text_encode(&step.title));
        out.push('*');
        out.push_str(&text_encode(&step.note));
        out.push('*');
        out.push_str(&body);
    }
    out
}

#[derive(Default)]
struct Notes {
    list: Vec<Notice>,
    more: usize,
}

impl Notes {
    fn push(&mut self, key: &str, value: &str, reason: impl Into<String>, kind: NoticeKind) {
        let value: String = value
            .chars()
            .filter(|c| !c.is_control())
            .take(url::NOTICE_VALUE_CHARS)
            .collect();
        let n = Notice {
            key: key.to_string(),
            value,
            reason: reason.into(),
            kind,
        };
        if self.list.contains(&n) {
            return;
        }
        if self.list.len() < url::MAX_NOTICES {
            self.list.push(n);
        } else {
            self.more += 1;
        }
    }

    fn ignored(&mut self, key: &str, value: &str, reason: impl Into<String>) {
        self.push(key, value, reason, NoticeKind::Ignored);
    }

    fn adjusted(&mut self, key: &str, value: &str, reason: impl Into<String>) {
        self.push(key, value, reason, NoticeKind::Adjusted);
    }

    fn finish(mut self) -> Vec<Notice> {
        if self.more > 0 {
            self.list.push(Notice {
                key: String::new(),
                value: self.more.to_string(),
                reason: String::new(),
                kind: NoticeKind::More,
            });
        }
        self.list
    }
}

fn text_decode(raw: &str, key: &str, max: usize, step: usize, notes: &mut Notes) -> String {
    let (text, err) = percent_decode(raw);
    if err.is_some() {
        notes.adjusted(key, &text, format!("step {step}: bad escape repaired"));
    }
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() > max {
        notes.adjusted(key, &clean, format!("step {step}: cut to {max} characters"));
        clean.chars().take(max).collect()
    } else {
        clean
    }
}

fn quote_decode(raw: &str, corpus: &Corpus) -> Result<OpenQuote, String> {
    let (coding, n) = raw.rsplit_once('.').ok_or("expected CODING.N")?;
    let (coding, _) = percent_decode(coding);
    let digits = !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit());
    let n: usize = n
        .parse()
        .ok()
        .filter(|_| digits)
        .ok_or("expected CODING.N")?;
    let c = corpus.coding_idx(&coding).ok_or("no such coding")?;
    let len = corpus.codings[c].quotes.len();
    if n >= len {
        return Err(format!("the coding has {len} quote(s)"));
    }
    Ok(OpenQuote { coding, quote: n })
}

fn view_decode(raw: &str, corpus: &Corpus, step: usize, notes: &mut Notes) -> ViewState {
    let fragment = match raw.split_once('?') {
        Some((path, query)) if !query.is_empty() => {
            format!("{path}?v=1&{}", query.replace(';', "&"))
        }
        Some((path, _)) => path.to_string(),
        None => raw.to_string(),
    };
    let (state, view_notes) = url::decode(&fragment, corpus);
    for n in view_notes {
        match n.kind {
            NoticeKind::More => notes.ignored("view", &n.value, format!("step {step}: more")),
            _ => notes.push(
                &n.key,
                &n.value,
                format!("step {step}: {}", n.reason),
                n.kind,
            ),
        }
    }
    normalise_view(&state)
}

/// Reads a tour payload. Never fails, never panics: keeps the steps it can use and explains
/// what it dropped or repaired. Ids are checked against `corpus`.
pub fn decode(payload: &str, corpus: &Corpus) -> (Tour, Vec<Notice>) {
    let mut notes = Notes::default();
    let mut tour = Tour::default();
    let mut payload = payload.trim();
    if payload.len() > MAX_PAYLOAD_BYTES {
        let mut cut = MAX_PAYLOAD_BYTES;
        while !payload.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &payload[..cut];
        payload = head.rfind('!').map_or(head, |i| &head[..i]);
        notes.adjusted(
            "tour",
            "",
            format!("longer than {MAX_PAYLOAD_BYTES} bytes: cut"),
        );
    }
    if payload.is_empty() {
        return (tour, notes.finish());
    }
    let mut parts = payload.split('!');
    let version = parts.next().unwrap_or("");
    if version != "1" {
        notes.adjusted("tour", version, "unknown tour version, read as version 1");
    }
    for (i, part) in parts.enumerate() {
        let number = i + 1;
        if tour.steps.len() >= MAX_STEPS {
            notes.ignored("tour", part, format!("more than {MAX_STEPS} steps"));
            break;
        }
        let fields: Vec<&str> = part.splitn(4, '*').collect();
        let [tag, title, note, body] = fields[..] else {
            notes.ignored(
                "step",
                part,
                format!("step {number}: expected KIND*TITLE*NOTE*BODY"),
            );
            continue;
        };
        let title = text_decode(title, "title", MAX_TITLE_CHARS, number, &mut notes);
        let note = text_decode(note, "note", MAX_NOTE_CHARS, number, &mut notes);
        let kind = match tag {
            "v" => StepKind::View(Box::new(view_decode(body, corpus, number, &mut notes))),
            "q" => match quote_decode(body, corpus) {
                Ok(q) => StepKind::Quote(q),
                Err(why) => {
                    notes.ignored("quote", body, format!("step {number}: {why}"));
                    continue;
                }
            },
            _ => {
                notes.ignored("step", tag, format!("step {number}: unknown step kind"));
                continue;
            }
        };
        tour.steps.push(Step { title, note, kind });
    }
    (tour, notes.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;
    use crate::view::{Facet, Route, Selection};

    fn corpus() -> Corpus {
        testkit::sample()
    }

    fn sample_tour(c: &Corpus, n: usize) -> Tour {
        let mut steps = Vec::new();
        for i in 0..n {
            let title = format!("Step {i}: what the papers share");
            let note = "Two papers cite this; one as proof, one as a caveat.".to_string();
            if i % 3 == 2 {
                let coding = &c.codings[i % c.codings.len()];
                steps.push(Step::quote(
                    title,
                    note,
                    OpenQuote {
                        coding: coding.id.clone(),
                        quote: 0,
                    },
                ));
            } else {
                let mut v = ViewState {
                    route: Route::Matrix,
                    ..ViewState::default()
                };
                let cat = &c.categories[i % c.categories.len()];
                v.filters
                    .set_mut(Facet::Paper)
                    .insert(c.papers[i % c.papers.len()].id.clone());
                if i % 2 == 0 {
                    v.selection = Some(Selection::Row(crate::view::RowKey::Category(
                        cat.id.clone(),
                    )));
                }
                steps.push(Step::view(title, note, &v));
            }
        }
        Tour { steps }
    }

    #[test]
    fn round_trip() {
        let c = corpus();
        let t = sample_tour(&c, 15);
        let (back, notes) = decode(&encode(&t), &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, t);
    }

    #[test]
    fn empty_tour_round_trips() {
        let c = corpus();
        assert_eq!(encode(&Tour::default()), "1");
        assert_eq!(decode("1", &c), (Tour::default(), vec![]));
        assert_eq!(decode("", &c), (Tour::default(), vec![]));
    }

    #[test]
    fn fifteen_steps_with_short_notes_fit_in_2000_chars() {
        let c = corpus();
        let s = encode(&sample_tour(&c, 15));
        assert!(s.len() < 2000, "{} chars: {s}", s.len());
        assert!(!s.contains(['&', '#', ' ']), "{s}");
    }

    #[test]
    fn step_views_are_normalised() {
        let v = ViewState {
            mode: Mode::Present,
            tour: Some("x".into()),
            step: 4,
            cv: Some("abc".into()),
            ..ViewState::default()
        };
        let Step { kind, .. } = Step::view("a", "b", &v);
        assert_eq!(kind, StepKind::View(Box::default()));
    }

    #[test]
    fn text_with_separators_survives() {
        let c = corpus();
        let t = Tour {
            steps: vec![Step::view(
                "a!b*c;d&e#f%g+h é",
                "line one\u{2014}“quoted” 50% * 2!",
                &ViewState::default(),
            )],
        };
        let (back, notes) = decode(&encode(&t), &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, t);
    }

    #[test]
    fn bad_steps_are_dropped_with_notices() {
        let c = corpus();
        let (t, notes) = decode("2!x*a*b*c!q*t*n*nope.0!v*ok*fine*/matrix!junk", &c);
        assert_eq!(t.steps.len(), 1);
        assert_eq!(t.steps[0].title, "ok");
        let text: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
        assert!(
            text.iter().any(|s| s.contains("unknown tour version")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|s| s.contains("unknown step kind")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|s| s.contains("no such coding")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|s| s.contains("expected KIND*TITLE*NOTE*BODY")),
            "{text:?}"
        );
    }

    #[test]
    fn quote_index_out_of_range_is_dropped() {
        let c = corpus();
        let coding = &c.codings[0];
        let n = coding.quotes.len();
        let (t, notes) = decode(&format!("1!q*t*n*{}.{n}", coding.id), &c);
        assert!(t.steps.is_empty());
        assert_eq!(notes.len(), 1);
        assert!(notes[0].to_string().contains("quote(s)"), "{notes:?}");
    }

    #[test]
    fn view_problems_are_reported_per_step() {
        let c = corpus();
        let (t, notes) = decode("1!v*a*b*/matrix?paper=no-such-paper", &c);
        assert_eq!(t.steps.len(), 1);
        assert!(
            notes.iter().any(|n| n.reason.starts_with("step 1:")),
            "{notes:?}"
        );
    }

    #[test]
    fn long_notes_are_cut() {
        let c = corpus();
        let long = "a".repeat(MAX_NOTE_CHARS + 10);
        let (t, notes) = decode(&format!("1!v*t*{long}*/"), &c);
        assert_eq!(t.steps[0].note.chars().count(), MAX_NOTE_CHARS);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].reason.contains("cut to"), "{notes:?}");
    }

    #[test]
    fn too_many_steps_are_dropped() {
        let c = corpus();
        let s = format!("1{}", "!v*t*n*/".repeat(MAX_STEPS + 5));
        let (t, notes) = decode(&s, &c);
        assert_eq!(t.steps.len(), MAX_STEPS);
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn an_oversized_payload_is_cut_at_a_step() {
        let c = corpus();
        let note = "é".repeat(MAX_NOTE_CHARS);
        let s = format!("1{}", format!("!v*t*{note}*/").repeat(40));
        let (t, notes) = decode(&s, &c);
        assert!(!t.steps.is_empty() && t.steps.len() < 40);
        assert!(t.steps.iter().all(|s| s.note == note));
        assert!(
            notes.iter().any(|n| n.reason.contains("bytes: cut")),
            "{notes:?}"
        );
    }
}
