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

/// The part of a view state a step keeps: mode, tour, step, theme, corpus version and the
/// participants' address belong to the presentation, not to the step.
pub fn normalise_view(state: &ViewState) -> ViewState {
    ViewState {
        mode: Mode::Explore,
        tour: None,
        step: 0,
        theme: None,
        cv: None,
        open_at: None,
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

/// The stored view (`view_encode` form) of step `step` of the payload, if it is a view step.
fn step_view_text(payload: &str, step: usize) -> Option<&str> {
    let mut fields = payload.split('!').nth(step + 1)?.split('*');
    let tag = fields.next()?;
    let body = fields.nth(2)?;
    (tag == "v" && fields.next().is_none()).then_some(body)
}

/// Whether `state` holds a tour and shows its current step's view exactly as the tour stores
/// it, so that its link need not write the view (`url::encode` writes `/tour` instead).
pub fn shows_step_view(state: &ViewState) -> bool {
    state
        .tour
        .as_deref()
        .and_then(|t| step_view_text(t, state.step))
        .is_some_and(|v| v == view_encode(state))
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
        let cut = payload.floor_char_boundary(MAX_PAYLOAD_BYTES);
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

/// A move in presentation mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The next step (Right, Space, PageDown).
    Next,
    /// The previous step (Left, PageUp).
    Prev,
    /// The first step (Home).
    First,
    /// The last step (End).
    Last,
    /// Step `n`, counted from 1 as shown ("a number then Enter").
    Jump(usize),
}

/// What a key does in presentation mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Move between steps.
    Go(Nav),
    /// Black the screen, or bring it back (B or `.`).
    Black,
    /// Leave presentation mode (Escape).
    Leave,
    /// A digit was typed (kept for a jump); nothing moves yet.
    Digit,
}

/// Most digits kept for a jump.
const MAX_JUMP_DIGITS: usize = 4;

/// Reads a key (the DOM `KeyboardEvent.key`) in presentation mode. `digits` holds the number
/// typed so far; Enter turns it into a jump, any other key clears it.
pub fn key_action(key: &str, digits: &mut String) -> Option<KeyAction> {
    if key.len() == 1 && key.as_bytes()[0].is_ascii_digit() {
        if digits.len() < MAX_JUMP_DIGITS {
            digits.push_str(key);
        }
        return Some(KeyAction::Digit);
    }
    let typed = std::mem::take(digits);
    Some(match key {
        "Enter" => KeyAction::Go(Nav::Jump(typed.parse().ok()?)),
        "ArrowRight" | " " | "Spacebar" | "PageDown" => KeyAction::Go(Nav::Next),
        "ArrowLeft" | "PageUp" => KeyAction::Go(Nav::Prev),
        "Home" => KeyAction::Go(Nav::First),
        "End" => KeyAction::Go(Nav::Last),
        "b" | "B" | "." => KeyAction::Black,
        "Escape" => KeyAction::Leave,
        _ => return None,
    })
}

/// The step (0-based) after `nav` from `step` in a tour of `len` steps; stays in range (0 for an
/// empty tour). A jump past the end goes to the last step, a jump to 0 to the first.
pub fn navigate(step: usize, len: usize, nav: Nav) -> usize {
    let last = len.saturating_sub(1);
    match nav {
        Nav::Next => (step + 1).min(last),
        Nav::Prev => step.min(last).saturating_sub(1),
        Nav::First => 0,
        Nav::Last => last,
        Nav::Jump(n) => n.saturating_sub(1).min(last),
    }
}

/// The step indicator: "Step k of n" and the share done, 0.0 to 1.0.
pub fn indicator(step: usize, len: usize) -> (String, f64) {
    if len == 0 {
        return ("No steps".to_string(), 0.0);
    }
    let k = step.min(len - 1) + 1;
    (format!("Step {k} of {len}"), k as f64 / len as f64)
}

/// The view state that shows `step` of `tour` in presentation mode: the step's view (for a
/// quote slide, `base`'s view with the quote open) with the presentation parts (mode, tour,
/// step, theme, corpus version) taken from `base`. `None` when the step does not exist.
pub fn step_state(tour: &Tour, step: usize, base: &ViewState) -> Option<ViewState> {
    let s = tour.steps.get(step)?;
    let view = match &s.kind {
        StepKind::View(v) => (**v).clone(),
        StepKind::Quote(q) => ViewState {
            quote: Some(q.clone()),
            ..normalise_view(base)
        },
    };
    Some(ViewState {
        mode: Mode::Present,
        tour: Some(encode(tour)),
        step,
        theme: base.theme,
        cv: base.cv.clone(),
        open_at: base.open_at.clone(),
        ..view
    })
}

/// The fragment (without `#`) that starts `tour` at its first step in presentation mode:
/// `step_state` of step 0 through `url::encode`. `None` for an empty tour.
pub fn start_fragment(tour: &Tour) -> Option<String> {
    step_state(tour, 0, &ViewState::default()).map(|s| url::encode(&s))
}

/// The fragment that starts the corpus's default tour (`Corpus::default_tour`), if it has one.
pub fn default_tour_fragment(corpus: &Corpus) -> Option<String> {
    let d = corpus.default_tour.as_ref()?;
    let (tour, _) = decode(&d.payload, corpus);
    start_fragment(&tour)
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
    fn the_start_fragment_presents_step_0() {
        let c = corpus();
        let t = sample_tour(&c, 3);
        let f = start_fragment(&t).unwrap();
        assert!(f.contains("&present=1&tour=1!"), "{f}");
        let (s, notes) = url::decode(&f, &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(s, step_state(&t, 0, &ViewState::default()).unwrap());
        assert_eq!(start_fragment(&Tour::default()), None);
        let mut c2 = c.clone();
        c2.default_tour = Some(crate::model::DefaultTour {
            title: "T".into(),
            payload: encode(&t),
            steps: 3,
        });
        assert_eq!(default_tour_fragment(&c2), Some(f));
        assert_eq!(default_tour_fragment(&c), None);
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

    #[test]
    fn keys_map_to_moves() {
        let mut d = String::new();
        assert_eq!(
            key_action("ArrowRight", &mut d),
            Some(KeyAction::Go(Nav::Next))
        );
        assert_eq!(key_action(" ", &mut d), Some(KeyAction::Go(Nav::Next)));
        assert_eq!(
            key_action("PageDown", &mut d),
            Some(KeyAction::Go(Nav::Next))
        );
        assert_eq!(
            key_action("ArrowLeft", &mut d),
            Some(KeyAction::Go(Nav::Prev))
        );
        assert_eq!(key_action("PageUp", &mut d), Some(KeyAction::Go(Nav::Prev)));
        assert_eq!(key_action("Home", &mut d), Some(KeyAction::Go(Nav::First)));
        assert_eq!(key_action("End", &mut d), Some(KeyAction::Go(Nav::Last)));
        assert_eq!(key_action("b", &mut d), Some(KeyAction::Black));
        assert_eq!(key_action(".", &mut d), Some(KeyAction::Black));
        assert_eq!(key_action("Escape", &mut d), Some(KeyAction::Leave));
        assert_eq!(key_action("x", &mut d), None);
    }

    #[test]
    fn a_number_then_enter_jumps_and_other_keys_clear_it() {
        let mut d = String::new();
        assert_eq!(key_action("1", &mut d), Some(KeyAction::Digit));
        assert_eq!(key_action("2", &mut d), Some(KeyAction::Digit));
        assert_eq!(
            key_action("Enter", &mut d),
            Some(KeyAction::Go(Nav::Jump(12)))
        );
        assert!(d.is_empty());
        key_action("3", &mut d);
        key_action("ArrowRight", &mut d);
        assert_eq!(key_action("Enter", &mut d), None);
        for _ in 0..10 {
            key_action("9", &mut d);
        }
        assert_eq!(
            key_action("Enter", &mut d),
            Some(KeyAction::Go(Nav::Jump(9999)))
        );
    }

    #[test]
    fn navigation_stays_in_range() {
        assert_eq!(navigate(0, 5, Nav::Next), 1);
        assert_eq!(navigate(4, 5, Nav::Next), 4);
        assert_eq!(navigate(0, 5, Nav::Prev), 0);
        assert_eq!(navigate(3, 5, Nav::Prev), 2);
        assert_eq!(navigate(9, 5, Nav::Prev), 3);
        assert_eq!(navigate(2, 5, Nav::First), 0);
        assert_eq!(navigate(2, 5, Nav::Last), 4);
        assert_eq!(navigate(2, 5, Nav::Jump(1)), 0);
        assert_eq!(navigate(2, 5, Nav::Jump(0)), 0);
        assert_eq!(navigate(2, 5, Nav::Jump(99)), 4);
        assert_eq!(navigate(0, 0, Nav::Next), 0);
        assert_eq!(navigate(0, 0, Nav::Last), 0);
    }

    #[test]
    fn indicator_counts_from_one() {
        assert_eq!(indicator(0, 4), ("Step 1 of 4".to_string(), 0.25));
        assert_eq!(indicator(3, 4), ("Step 4 of 4".to_string(), 1.0));
        assert_eq!(indicator(7, 4).0, "Step 4 of 4");
        assert_eq!(indicator(0, 0).0, "No steps");
    }

    #[test]
    fn step_state_presents_the_step() {
        let c = corpus();
        let t = sample_tour(&c, 3);
        let base = ViewState {
            theme: Some(crate::view::Theme::Projector),
            search: "left over".into(),
            ..ViewState::default()
        };
        let s0 = step_state(&t, 0, &base).unwrap();
        let StepKind::View(v0) = &t.steps[0].kind else {
            panic!()
        };
        assert_eq!(s0.filters, v0.filters);
        assert_eq!(s0.mode, Mode::Present);
        assert_eq!(s0.step, 0);
        assert_eq!(s0.theme, base.theme);
        assert_eq!(s0.tour.as_deref(), Some(encode(&t).as_str()));
        let s2 = step_state(&t, 2, &base).unwrap();
        let StepKind::Quote(q) = &t.steps[2].kind else {
            panic!()
        };
        assert_eq!(s2.quote.as_ref(), Some(q));
        assert_eq!(s2.step, 2);
        assert!(step_state(&t, 3, &base).is_none());
        // The state survives the URL.
        let (back, notes) = url::decode(&url::encode(&s2), &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s2);
    }
}
