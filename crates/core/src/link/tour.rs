//! Tours: an ordered list of steps a facilitator walks through.
//!
//! A step is either a view (route, filters, layout, selection, quote... everything
//! `ViewState` holds except what belongs to the tour itself: mode, tour, step, theme, corpus
//! version) or a quote slide (one quote of one coding, shown large). Each step has a title and
//! speaker notes: the point (`Step::note`) and its `Parts` (what to show, the contrast, the
//! coding's judgement call, a question for the room, planned minutes).
//!
//! A tour travels in a link in one of two ways (the value of `tour=`, `ViewState::tour`):
//!
//! ```text
//! tour    = "@" NAME [ "." HASH ]                 ; a corpus tour (seeds/tours/NAME.toml) by name
//!         | payload                               ; the whole tour
//! payload = ( "1" | "2" ) *( "!" step )           ; "2" when a step has parts beyond the point
//!         | "3" BASE64URL                         ; raw deflate of a "1"/"2" payload
//! step    = "v" "*" TITLE "*" NOTES "*" VIEW      ; a view step
//!         | "q" "*" TITLE "*" NOTES "*" CODING "." N   ; a quote slide
//! NOTES   = POINT [ "," SHOW "," CONTRAST "," JUDGEMENT "," QUESTION "," MINUTES ]
//! ```
//!
//! HASH is `NamedTour::hash` (8 hex digits of the SHA-256 of the tour's payload, computed by the
//! build): a named tour the corpus no longer has, or whose hash differs, opens with a notice
//! (at the step, if the tour still exists). Texts are percent-encoded (a space as `+`, so a
//! `,` is `%2C`). VIEW is the step's `url::encode` fragment with `?v=1` left out and every `&`
//! written as `;` (a view fragment never holds a raw `;`, `!` or `*`, so the payload splits
//! unambiguously). `encode` writes "1" when no step has parts (the links made before parts
//! existed), and the "3" form when it is shorter. The payload contains no `&`, `#` or space,
//! so it can stand as one value in the URL fragment.
//!
//! `decode` never panics: it keeps every step it can use and reports each dropped or repaired
//! part as a `url::Notice` (at most `url::MAX_NOTICES` plus one "and N more").
//! `decode(encode(t)) == t` for every tour whose steps are valid for the corpus.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::link::fragment;
use crate::link::fragment::{percent_decode, percent_encode, Notice, NoticeKind};
use crate::model::{Corpus, NamedTour};
use crate::state::{Mode, OpenQuote, ViewState};
use crate::text::truncate_chars;

/// Most steps a tour may have; further steps are dropped with a notice.
pub const MAX_STEPS: usize = 60;
/// Longest title kept, in chars.
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest speaker note kept, in chars.
pub const MAX_NOTE_CHARS: usize = 1200;
/// Longest payload read, in bytes (a longer one is cut at a step boundary); also the most a
/// compressed payload may inflate to.
pub const MAX_PAYLOAD_BYTES: usize = 32 * 1024;
/// Longest part of a note (show, contrast, judgement, question) kept, in chars.
pub const MAX_PART_CHARS: usize = 1200;
/// Most planned minutes a step may have.
pub const MAX_MINUTES: u32 = 600;

/// What a step shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StepKind {
    /// A view of the explorer (normalised: see `Step::view`).
    View(Box<ViewState>),
    /// One quote of one coding, in large type (paper, section, paragraph, category and
    /// evidence come from the corpus).
    Quote(OpenQuote),
}

/// The parts of a step's speaker notes beyond the point (all optional in a link; a corpus
/// tour requires `question` and `minutes`, see `seeds::tours`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Parts {
    /// What to point at on screen.
    pub show: String,
    /// The contrast, or why it matters.
    pub contrast: String,
    /// The coding's judgement call to mention, if any.
    pub judgement: String,
    /// One question for the room.
    pub question: String,
    /// Planned minutes for the step.
    pub minutes: Option<u32>,
}

impl Parts {
    /// Whether no part is given.
    pub fn is_empty(&self) -> bool {
        *self == Parts::default()
    }
}

/// One step of a tour.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Step {
    /// Shown above the step.
    pub title: String,
    /// The point of the step's speaker notes (one or two sentences; shown in the presenter
    /// window, and the note of links made before notes had parts).
    pub note: String,
    /// The other parts of the speaker notes.
    pub parts: Parts,
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
            parts: Parts::default(),
            kind: StepKind::View(Box::new(normalise_view(state))),
        }
    }

    /// A quote slide.
    pub fn quote(title: impl Into<String>, note: impl Into<String>, quote: OpenQuote) -> Step {
        Step {
            title: title.into(),
            note: note.into(),
            parts: Parts::default(),
            kind: StepKind::Quote(quote),
        }
    }

    /// The step with these note parts.
    pub fn with_parts(self, parts: Parts) -> Step {
        Step { parts, ..self }
    }
}

fn text_encode(s: &str) -> String {
    percent_encode(s).replace("%20", "+")
}

fn view_encode(state: &ViewState) -> String {
    let full = fragment::encode_with(&normalise_view(state), false);
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
        .and_then(plain_payload)
        .and_then(|t| step_view_text(&t, state.step).map(|v| v == view_encode(state)))
        .unwrap_or(false)
}

/// The "1"/"2" text of a tour value: itself, inflated ("3"), or the payload of the named tour
/// it refers to, as last resolved by `decode` (a name with its hash always names the same
/// payload). `None` when it cannot be read.
fn plain_payload(raw: &str) -> Option<Cow<'_, str>> {
    if raw.starts_with('@') {
        return RESOLVED
            .with(|r| r.borrow().get(raw).cloned())
            .map(Cow::Owned);
    }
    match raw.strip_prefix('3') {
        Some(packed) => inflate(packed).ok().map(Cow::Owned),
        None => Some(Cow::Borrowed(raw)),
    }
}

thread_local! {
    /// Named tour references (`@name.hash`) resolved so far, with their payloads.
    static RESOLVED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The reference a link writes for a corpus tour: `@name.hash`.
pub fn named_ref(t: &NamedTour) -> String {
    format!("@{}.{}", t.name, t.hash)
}

/// The name in a tour value that refers to a corpus tour (`@name…`), if it is one.
pub fn named_tour_name(raw: &str) -> Option<&str> {
    let rest = raw.strip_prefix('@')?;
    Some(rest.split_once('.').map_or(rest, |(n, _)| n))
}

/// Where the tour of a state comes from, as the UI says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A tour of the corpus, linked by name (its title).
    Named(String),
    /// A whole tour carried in the link.
    Link,
}

/// Where the tour value `raw` (`ViewState::tour`) comes from.
pub fn source(raw: &str, corpus: &Corpus) -> Source {
    match named_tour_name(raw).and_then(|n| corpus.tour_named(n)) {
        Some(t) => Source::Named(t.title.clone()),
        None => Source::Link,
    }
}

/// The compact wire form of a tour (see the module documentation): "1" or "2", or "3" (the
/// same, deflated) when that is shorter.
pub fn encode(tour: &Tour) -> String {
    let plain = encode_plain(tour);
    let packed = compress(&plain);
    if packed.len() < plain.len() {
        packed
    } else {
        plain
    }
}

/// The uncompressed wire form ("1" without parts, else "2").
pub fn encode_plain(tour: &Tour) -> String {
    let with_parts = tour.steps.iter().any(|s| !s.parts.is_empty());
    let mut out = String::from(if with_parts { "2" } else { "1" });
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
        if !step.parts.is_empty() {
            let p = &step.parts;
            for t in [&p.show, &p.contrast, &p.judgement, &p.question] {
                out.push(',');
                out.push_str(&text_encode(t));
            }
            out.push(',');
            if let Some(m) = p.minutes {
                out.push_str(&m.to_string());
            }
        }
        out.push('*');
        out.push_str(&body);
    }
    out
}

/// "3" and the base64url of the raw deflate of a "1"/"2" payload.
pub fn compress(plain: &str) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec(plain.as_bytes(), 9);
    format!("3{}", base64url_encode(&bytes))
}

/// The "1"/"2" payload inside the base64url text of a "3" payload.
fn inflate(packed: &str) -> Result<String, &'static str> {
    let bytes = base64url_decode(packed).ok_or("not base64url")?;
    let out = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_PAYLOAD_BYTES)
        .map_err(|_| "not a deflate stream, or longer than the limit")?;
    let text = String::from_utf8(out).map_err(|_| "not UTF-8 text")?;
    if text.starts_with(['1', '2']) {
        Ok(text)
    } else {
        Err("not a tour payload")
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(B64[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
    }
    out
}

/// base64url (padding, if any, ignored); `None` on any other character or a dangling one.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = B64.iter().position(|&b| b == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 6).then_some(out)
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
            .take(fragment::NOTICE_VALUE_CHARS)
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
        if self.list.len() < fragment::MAX_NOTICES {
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
        truncate_chars(&clean, max).to_string()
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
    let (state, view_notes) = fragment::decode_view(&fragment, corpus);
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

/// Reads a tour value: a payload, or a reference to a corpus tour (`@name.hash`). Never fails,
/// never panics: keeps the steps it can use and explains what it dropped or repaired. Ids are
/// checked against `corpus`.
pub fn decode(payload: &str, corpus: &Corpus) -> (Tour, Vec<Notice>) {
    let mut notes = Notes::default();
    let tour = decode_into(payload.trim(), corpus, &mut notes);
    (tour, notes.finish())
}

/// One tour value decoded and kept: everything that shows a state's tour (the shell and its
/// tour bar, the presenter's console, the editor, the handout, the phone's steps) reads it
/// from here, so the state's tour is decoded once, not once per reader and render. Keep one
/// beside each corpus (it does not tell corpora apart).
#[derive(Debug, Default)]
pub struct Memo {
    last: RefCell<Option<(String, std::rc::Rc<Tour>)>>,
}

impl Memo {
    /// `decode(payload, corpus)`'s tour; decoded again only for another payload than the last.
    pub fn get(&self, payload: &str, corpus: &Corpus) -> std::rc::Rc<Tour> {
        if let Some((p, t)) = &*self.last.borrow() {
            if p == payload {
                return t.clone();
            }
        }
        let t = std::rc::Rc::new(decode(payload, corpus).0);
        *self.last.borrow_mut() = Some((payload.to_string(), t.clone()));
        t
    }

    /// The tour of `state` (`ViewState::tour`, decoded), if it has one.
    pub fn of(&self, state: &ViewState, corpus: &Corpus) -> Option<std::rc::Rc<Tour>> {
        state.tour.as_deref().map(|p| self.get(p, corpus))
    }
}

/// The canonical tour value for what `decode` read from `raw`: a reference to the corpus tour's
/// current version for a named tour the corpus has, else `encode(tour)`.
pub fn canonical(raw: &str, tour: &Tour, corpus: &Corpus) -> String {
    match named_tour_name(raw.trim()).and_then(|n| corpus.tour_named(n)) {
        Some(t) => named_ref(t),
        None => encode(tour),
    }
}

fn decode_into(payload: &str, corpus: &Corpus, notes: &mut Notes) -> Tour {
    if let Some(rest) = payload.strip_prefix('@') {
        return decode_named(rest, corpus, notes);
    }
    if let Some(packed) = payload.strip_prefix('3') {
        return match inflate(packed) {
            Ok(plain) => decode_plain(&plain, corpus, notes),
            Err(why) => {
                notes.ignored(
                    "tour",
                    packed,
                    format!("compressed tour cannot be read: {why}"),
                );
                Tour::default()
            }
        };
    }
    decode_plain(payload, corpus, notes)
}

/// `@name[.hash]`: the corpus tour of that name, with a notice when the corpus has none or it
/// has changed since the link was made.
fn decode_named(rest: &str, corpus: &Corpus, notes: &mut Notes) -> Tour {
    let (name, hash) = rest
        .split_once('.')
        .map_or((rest, None), |(n, h)| (n, Some(h)));
    let Some(t) = corpus.tour_named(name) else {
        let names: Vec<&str> = corpus.tours.iter().map(|t| t.name.as_str()).collect();
        let has = if names.is_empty() {
            "this corpus has no tours".to_string()
        } else {
            format!("this corpus's tours are {}", names.join(", "))
        };
        notes.ignored(
            "tour",
            &format!("@{name}"),
            format!("no tour of this name in this corpus ({has})"),
        );
        return Tour::default();
    };
    if hash.is_some_and(|h| h != t.hash) {
        notes.adjusted(
            "tour",
            &format!("@{name}"),
            format!(
                "\"{}\" has changed since the link was made: its current version is shown",
                t.title
            ),
        );
    }
    RESOLVED.with(|r| r.borrow_mut().insert(named_ref(t), t.payload.clone()));
    decode_plain(&t.payload, corpus, notes)
}

/// A "1"/"2" payload.
fn decode_plain(payload: &str, corpus: &Corpus, notes: &mut Notes) -> Tour {
    let mut tour = Tour::default();
    let mut payload = payload;
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
        return tour;
    }
    let mut parts = payload.split('!');
    let version = parts.next().unwrap_or("");
    if version != "1" && version != "2" {
        notes.adjusted("tour", version, "unknown tour version, read as version 2");
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
        let title = text_decode(title, "title", MAX_TITLE_CHARS, number, notes);
        let (note, parts) = notes_decode(note, number, notes);
        let kind = match tag {
            "v" => StepKind::View(Box::new(view_decode(body, corpus, number, notes))),
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
        tour.steps.push(Step {
            title,
            note,
            parts,
            kind,
        });
    }
    tour
}

/// NOTES: the point, then (version 2) show, contrast, judgement, question and minutes.
fn notes_decode(raw: &str, step: usize, notes: &mut Notes) -> (String, Parts) {
    let mut fields = raw.split(',');
    let point = text_decode(
        fields.next().unwrap_or(""),
        "note",
        MAX_NOTE_CHARS,
        step,
        notes,
    );
    let mut text = |key: &str, f: Option<&str>| {
        f.map(|f| text_decode(f, key, MAX_PART_CHARS, step, notes))
            .unwrap_or_default()
    };
    let show = text("show", fields.next());
    let contrast = text("contrast", fields.next());
    let judgement = text("judgement", fields.next());
    let question = text("question", fields.next());
    let minutes = match fields.next().filter(|m| !m.is_empty()) {
        None => None,
        Some(m) => match m.parse::<u32>() {
            Ok(n) if n <= MAX_MINUTES && m.len() <= 4 => Some(n),
            _ => {
                notes.ignored(
                    "minutes",
                    m,
                    format!("step {step}: expected 0 to {MAX_MINUTES}"),
                );
                None
            }
        },
    };
    if let Some(extra) = fields.next() {
        notes.ignored(
            "note",
            extra,
            format!("step {step}: more note parts than expected"),
        );
    }
    (
        point,
        Parts {
            show,
            contrast,
            judgement,
            question,
            minutes,
        },
    )
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
        tour: Some(tour_value(tour, base)),
        step,
        theme: base.theme,
        cv: base.cv.clone(),
        open_at: base.open_at.clone(),
        ..view
    })
}

/// The tour value a state presenting `tour` carries: `base`'s reference to a corpus tour when
/// `tour` is exactly that tour (as `decode` resolved it), else the whole tour (`encode`).
fn tour_value(tour: &Tour, base: &ViewState) -> String {
    if let Some(r) = base.tour.as_deref().filter(|r| r.starts_with('@')) {
        let same = RESOLVED.with(|m| m.borrow().get(r).is_some_and(|p| *p == encode_plain(tour)));
        if same {
            return r.to_string();
        }
    }
    encode(tour)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::url::{self, default_tour_fragment, start_fragment};
    use crate::state::{Facet, Route, Selection};
    use crate::testkit;

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
                    v.selection = Some(Selection::Row(crate::state::RowKey::Category(
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
        assert!(f.contains("&present=1&tour="), "{f}");
        let (s, notes) = url::decode(&f, &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(s, step_state(&t, 0, &ViewState::default()).unwrap());
        assert_eq!(start_fragment(&Tour::default()), None);
        let mut c2 = c.clone();
        c2.tours.push(crate::model::NamedTour {
            name: "default".into(),
            title: "T".into(),
            payload: encode_plain(&t),
            steps: 3,
            minutes: 0,
            hash: "0123abcd".into(),
        });
        let named = default_tour_fragment(&c2).unwrap();
        assert_eq!(named, "/tour?v=1&present=1&tour=@default.0123abcd");
        let (s2, notes) = url::decode(&named, &c2);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            ViewState { tour: None, ..s2 },
            ViewState { tour: None, ..s }
        );
        assert_eq!(default_tour_fragment(&c), None);
    }

    fn with_parts(t: Tour, note_chars: usize) -> Tour {
        let words = "The papers read this event differently, and the coding says why; ";
        let text: String = words.chars().cycle().take(note_chars).collect();
        Tour {
            steps: t
                .steps
                .into_iter()
                .enumerate()
                .map(|(i, s)| Step {
                    note: text.clone(),
                    ..s.with_parts(Parts {
                        show: format!("The column of step {i}, a, b"),
                        contrast: text.clone(),
                        judgement: if i % 2 == 0 {
                            String::new()
                        } else {
                            "A call, 50%".into()
                        },
                        question: "Which reading convinces you?".into(),
                        minutes: Some(2 + i as u32 % 3),
                    })
                })
                .collect(),
        }
    }

    #[test]
    fn parts_round_trip_plain_and_compressed() {
        let c = corpus();
        let t = with_parts(sample_tour(&c, 15), 300);
        let plain = encode_plain(&t);
        assert!(plain.starts_with("2!"), "{plain}");
        let packed = compress(&plain);
        assert!(packed.starts_with('3'));
        for payload in [&plain, &packed, &encode(&t)] {
            let (back, notes) = decode(payload, &c);
            assert!(notes.is_empty(), "{notes:?}");
            assert_eq!(back, t);
        }
        // A tour without parts still writes version 1, as links always have.
        assert!(encode_plain(&sample_tour(&c, 2)).starts_with("1!"));
    }

    #[test]
    fn encode_writes_the_shorter_form() {
        let c = corpus();
        let t = with_parts(sample_tour(&c, 15), 300);
        let (plain, packed) = (encode_plain(&t), compress(&encode_plain(&t)));
        assert!(packed.len() < plain.len());
        assert_eq!(encode(&t), packed);
        // Short tours stay readable: compression does not pay.
        let tiny = Tour {
            steps: vec![Step::view("a", "b", &ViewState::default())],
        };
        assert_eq!(encode(&tiny), "1!v*a*b*/");
    }

    #[test]
    fn links_made_before_parts_and_compression_still_decode() {
        let c = corpus();
        let coding = &c.codings[0].id;
        let paper = &c.papers[0].id;
        // Version 1 payloads as the app wrote them.
        let old = format!("1!v*Start*Say+hello%2C+all*/matrix?paper={paper};compact=1!q*A+quote*Read+it*{coding}.0");
        let (t, notes) = decode(&old, &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(t.steps.len(), 2);
        assert_eq!(t.steps[0].note, "Say hello, all");
        assert_eq!(t.steps[0].parts, Parts::default());
        assert_eq!(encode(&t), old, "an old link is still canonical");
        let (s, notes) = url::decode(&format!("/tour?v=1&present=1&tour={old}&step=1"), &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            s.quote.as_ref().map(|q| q.coding.as_str()),
            Some(coding.as_str())
        );
    }

    #[test]
    fn hostile_parts_and_compressed_payloads_open_with_notices() {
        let c = corpus();
        let (t, notes) = decode("2!v*t*p,s,c,j,q,99999,extra*/", &c);
        assert_eq!(t.steps.len(), 1);
        assert_eq!(t.steps[0].parts.question, "q");
        assert_eq!(t.steps[0].parts.minutes, None);
        let text: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "ignored minutes \"99999\": step 1: expected 0 to 600",
                "ignored note \"extra\": step 1: more note parts than expected",
            ]
        );
        for bad in [
            "3",
            "3!!!",
            "3AAAA",
            "3%%%",
            &compress("junk"),
            &compress(&compress("1!v*a*b*/")),
        ] {
            let (t, notes) = decode(bad, &c);
            assert!(t.steps.is_empty(), "{bad}");
            assert_eq!(notes.len(), 1, "{bad}: {notes:?}");
            assert!(
                notes[0]
                    .reason
                    .starts_with("compressed tour cannot be read"),
                "{notes:?}"
            );
        }
        // A deflate bomb inflates no further than the limit.
        let bomb = compress(&format!("1!v*t*{}*/", "a".repeat(MAX_PAYLOAD_BYTES * 4)));
        let (t, notes) = decode(&bomb, &c);
        assert!(t.steps.is_empty());
        assert!(
            notes[0].reason.contains("longer than the limit"),
            "{notes:?}"
        );
    }

    #[test]
    fn base64url_round_trips() {
        for n in 0..70u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37) ^ 0xa5).collect();
            let text = base64url_encode(&bytes);
            assert!(text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            assert_eq!(base64url_decode(&text), Some(bytes));
        }
        assert_eq!(base64url_encode(b"hello"), "aGVsbG8");
        assert_eq!(base64url_decode("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(base64url_decode("a"), None);
        assert_eq!(base64url_decode("a+b/"), None);
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
        let (t, notes) = decode("9!x*a*b*c!q*t*n*nope.0!v*ok*fine*/matrix!junk", &c);
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
            theme: Some(crate::state::Theme::Projector),
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

    #[test]
    fn a_memo_decodes_each_payload_once() {
        let c = testkit::sample();
        let memo = Memo::default();
        let v = ViewState::default();
        let one = encode(&Tour {
            steps: vec![Step::view("One", "", &v)],
        });
        let two = encode(&Tour {
            steps: vec![Step::view("One", "", &v), Step::view("Two", "", &v)],
        });
        let a = memo.get(&one, &c);
        assert_eq!(*a, decode(&one, &c).0);
        assert!(std::rc::Rc::ptr_eq(&a, &memo.get(&one, &c)), "kept");
        let b = memo.get(&two, &c);
        assert_eq!(b.steps.len(), 2, "another payload is decoded");
        assert!(!std::rc::Rc::ptr_eq(&a, &memo.get(&one, &c)));
        let state = ViewState {
            tour: Some(two.clone()),
            ..ViewState::default()
        };
        assert_eq!(memo.of(&state, &c).map(|t| t.steps.len()), Some(2));
        assert_eq!(memo.of(&v, &c), None, "no tour");
    }
}
