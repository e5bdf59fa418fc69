//! The URL fragment: a versioned, human-readable wire format for `ViewState`, without the
//! reading of its tour (`url` adds that; the tour codec reads its steps' views with this one).
//!
//! Grammar (the fragment without its `#`; every part optional, defaults omitted):
//!
//! ```text
//! fragment = path [ "?" query ]
//! path     = "/" | "/matrix" | "/read/" PAPER [ "/" BLOCK ] | "/evidence/" EVIDENCE
//!          | "/overview" | "/about" | "/timeline" | "/compare" [ "/" PAPER [ "/" PAPER ] ]
//! query    = "v=1" *( "&" pair )                 ; pairs in this order when encoding
//! pair     = "paper=" ids | "partner=" ids | "category=" ids | "dimension=" ids
//!          | "place=" ids | "kind=" ids | "domain=" ids | "actor=" ids   ; ids = id *( "," id ), sorted
//!          | "years=" YEAR [ "-" YEAR ]           ; 1000..=3000, inclusive, overlap semantics
//!          | "shared=1"                            ; only evidence two or more papers cite
//!          | "q=" TEXT                            ; search as typed
//!          | "rows=dim" | "cols=place" | "cols=kind"   ; (rows=paper, cols=date are defaults)
//!          | "t=1" | "compact=1" | "present=1"    ; transposed, compact, presentation mode
//!          | "sel=" selection
//!          | "quote=" CODING "." N                ; N = index of the quote in the coding
//!          | "reveal=" ( "cell" | "row" | "col" ) "." N   ; marks hidden, N units revealed
//!          | "spot=" selection                    ; spotlight (same form as sel), the rest dimmed
//!          | "tour=" TOUR | "step=" N             ; TOUR = `tour::encode` or "@" NAME "." HASH
//!                                                ; (a corpus tour, see `tour`), read raw
//!          | "ocols=" ( "domain" | "place" | "paper" | "years" )   ; overview columns (kind default)
//!          | "count=" ( "codings" | "quotes" | "presence" )        ; overview measure (evidence default)
//!          | "cv=" HASH                           ; corpus version the link was made with
//!          | "lanes=category"                     ; timeline lanes (paper default)
//!          | "theme=" ( "light" | "dark" | "projector" )   ; absent: follow the system
//!          | "at=" ADDRESS                       ; where participants open the explorer
//!                                                ; (http or https, `handout::clean_address`)
//! selection = "cell:" rowkey "~" EVIDENCE | "row:" rowkey | "col:" EVIDENCE
//! rowkey   = CATEGORY | "dim:" DIMENSION
//! ```
//!
//! Every component is percent-encoded: only `A-Z a-z 0-9 - _ . ~` stay as they are (inside
//! `sel`, `~` and `:` are escaped too), so `,` `&` `=` `#` `%` `/` and non-ASCII are safe.
//! Decoding also reads `+` as a space. Encoding is canonical, so `decode(encode(s)) == s` for
//! every state whose ids exist in the corpus and whose encoding fits in `MAX_FRAGMENT_BYTES`.
//!
//! `decode` never fails and never panics: it keeps what it can and reports every dropped or
//! adjusted part as a plain-text `Notice`.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::fmt;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::model::Corpus;
use crate::query::filter::corpus_facet_values;
use crate::state::*;
use crate::text::{search_key, truncate_chars};

/// The format version `encode` writes.
pub const VERSION: u32 = 1;
/// Longest fragment read; the rest is dropped (with a notice). Room for a tour made in the
/// editor, compressed, with long notes (15 steps of 300-character notes take about 4,000).
pub const MAX_FRAGMENT_BYTES: usize = 16 * 1024;
/// Most values read per facet.
pub const MAX_VALUES_PER_FACET: usize = 200;
/// Most notices returned (then one "and N more").
pub const MAX_NOTICES: usize = 20;
/// Longest value quoted in a notice, in chars.
pub const NOTICE_VALUE_CHARS: usize = 60;

/// What happened to the part a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// The part was dropped.
    Ignored,
    /// The part was dropped: it names something this corpus does not have (a link from
    /// another corpus version lists these).
    Missing,
    /// The part was used after a repair (swapped, cut, read as another version).
    Adjusted,
    /// Stands for `value` further notices that were not listed.
    More,
}

/// One thing `decode` dropped or repaired. All fields are plain text, safe to show as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Notice {
    /// The URL key (`paper`, `years`, ...), or `route`, `block`, `url` for the path and input.
    pub key: String,
    /// The offending value, cut to about `NOTICE_VALUE_CHARS` chars, control chars removed.
    pub value: String,
    /// Why, in a few words.
    pub reason: String,
    /// Dropped, repaired, or a summary of further notices.
    pub kind: NoticeKind,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            NoticeKind::Ignored | NoticeKind::Missing => {
                write!(
                    f,
                    "ignored {} \"{}\": {}",
                    self.key, self.value, self.reason
                )
            }
            NoticeKind::Adjusted => write!(f, "{} \"{}\": {}", self.key, self.value, self.reason),
            NoticeKind::More => write!(f, "and {} more", self.value),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Percent codec.

/// Escaped in every component: everything but `A-Z a-z 0-9 - _ . ~`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
/// Escaped inside `sel`, where `~` and `:` separate the parts.
const SEL_COMPONENT: &AsciiSet = &COMPONENT.add(b'~').add(b':');

/// Percent-encodes one component: keeps `A-Z a-z 0-9 - _ . ~`, escapes the rest byte by byte
/// (`%2C`, `%C3%A9`).
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// What was wrong with a percent-encoded string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentError {
    /// A `%` not followed by two hex digits (kept literally).
    BadEscape,
    /// The escapes made bytes that are not UTF-8 (replaced by U+FFFD).
    BadUtf8,
}

/// Decodes `%XX` escapes and `+` (as a space). Never fails: a bad escape is kept literally,
/// invalid UTF-8 becomes U+FFFD, and the first problem is returned beside the text.
pub fn percent_decode(s: &str) -> (String, Option<PercentError>) {
    let bytes = s.as_bytes();
    let bad_escape = s.match_indices('%').any(|(i, _)| {
        !bytes
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    let spaced = s.replace('+', " ");
    let decoded = percent_decode_str(&spaced);
    let (text, bad_utf8) = match decoded.clone().decode_utf8() {
        Ok(t) => (t.into_owned(), false),
        Err(_) => (decoded.decode_utf8_lossy().into_owned(), true),
    };
    let err = if bad_escape {
        Some(PercentError::BadEscape)
    } else if bad_utf8 {
        Some(PercentError::BadUtf8)
    } else {
        None
    };
    (text, err)
}

// ---------------------------------------------------------------------------------------------
// Encoding.

fn sel_enc(s: &str) -> String {
    utf8_percent_encode(s, SEL_COMPONENT).to_string()
}

fn row_key_text(k: &RowKey) -> String {
    match k {
        RowKey::Category(id) => sel_enc(id),
        RowKey::Dimension(id) => format!("dim:{}", sel_enc(id)),
    }
}

fn selection_text(sel: &Selection) -> String {
    match sel {
        Selection::Cell { row, evidence } => {
            format!("cell:{}~{}", row_key_text(row), sel_enc(evidence))
        }
        Selection::Row(row) => format!("row:{}", row_key_text(row)),
        Selection::Column(ev) => format!("col:{}", sel_enc(ev)),
    }
}

/// The fragment for a state, without the `#`. Canonical: defaults omitted, sets sorted, keys
/// in grammar order, `v=1` first whenever there is a query.
/// `elide`: write `/tour` instead of the view (a tour link showing its step's view as stored;
/// `url::encode` decides).
pub fn encode_with(state: &ViewState, elide: bool) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !elide {
        view_pairs(state, &mut pairs);
    }
    presentation_pairs(state, elide, &mut pairs);
    let mut out = if elide {
        TOUR_VIEW_PATH.to_string()
    } else {
        route_path(&state.route)
    };
    if !pairs.is_empty() {
        out.push_str("?v=");
        out.push_str(&VERSION.to_string());
        for (k, v) in pairs {
            out.push('&');
            out.push_str(k);
            out.push('=');
            out.push_str(&v);
        }
    }
    out
}

/// The path of a tour link whose view is its step's (see `encode`).
pub const TOUR_VIEW_PATH: &str = "/tour";

/// The path of `route`.
fn route_path(route: &Route) -> String {
    match route {
        Route::Home => "/".to_string(),
        Route::Matrix => "/matrix".to_string(),
        Route::Read { paper, block } => match block {
            Some(b) => format!("/read/{}/{}", percent_encode(paper), percent_encode(b)),
            None => format!("/read/{}", percent_encode(paper)),
        },
        Route::Evidence { id } => format!("/evidence/{}", percent_encode(id)),
        Route::Overview => "/overview".to_string(),
        Route::About => "/about".to_string(),
        Route::Timeline => "/timeline".to_string(),
        Route::Compare { left, right } => match (left, right) {
            (Some(a), Some(b)) => format!("/compare/{}/{}", percent_encode(a), percent_encode(b)),
            (Some(a), None) => format!("/compare/{}", percent_encode(a)),
            (None, Some(b)) => format!("/compare/-/{}", percent_encode(b)),
            (None, None) => "/compare".to_string(),
        },
    }
}

/// The pairs of the view part of `state` (what a tour step keeps), in encoding order, except
/// the overview's and timeline's settings (`presentation_pairs` writes them after the tour, as
/// links have always had them).
fn view_pairs(state: &ViewState, pairs: &mut Vec<(&'static str, String)>) {
    for facet in Facet::ALL {
        let set = state.filters.set(facet);
        if !set.is_empty() {
            let list: Vec<String> = set.iter().map(|v| percent_encode(v)).collect();
            pairs.push((facet.key(), list.join(",")));
        }
    }
    if let Some((a, b)) = state.filters.years {
        let text = if a == b {
            a.to_string()
        } else {
            format!("{a}-{b}")
        };
        pairs.push(("years", text));
    }
    if state.filters.shared {
        pairs.push(("shared", "1".into()));
    }
    if !state.search.is_empty() {
        pairs.push(("q", percent_encode(&state.search)));
    }
    if state.layout.rows == RowGroup::Dimension {
        pairs.push(("rows", "dim".into()));
    }
    match state.layout.cols {
        ColGroup::Date => {}
        ColGroup::Place => pairs.push(("cols", "place".into())),
        ColGroup::Kind => pairs.push(("cols", "kind".into())),
    }
    if state.layout.transposed {
        pairs.push(("t", "1".into()));
    }
    if state.layout.compact {
        pairs.push(("compact", "1".into()));
    }
    if let Some(sel) = &state.selection {
        pairs.push(("sel", selection_text(sel)));
    }
    if let Some(q) = &state.quote {
        pairs.push((
            "quote",
            format!("{}.{}", percent_encode(&q.coding), q.quote),
        ));
    }
    if let Some(r) = state.reveal {
        pairs.push(("reveal", format!("{}.{}", r.by.key(), r.shown)));
    }
    if let Some(sel) = &state.spot {
        pairs.push(("spot", selection_text(sel)));
    }
}

/// The pairs after the view: mode, tour and step, then (unless the view is elided) the
/// overview's and timeline's settings, then corpus version and theme.
fn presentation_pairs(state: &ViewState, elide: bool, pairs: &mut Vec<(&'static str, String)>) {
    if state.mode == Mode::Present {
        pairs.push(("present", "1".into()));
    }
    if let Some(t) = &state.tour {
        // A tour payload (`tour::encode`) is URL-safe as it is; anything else is escaped.
        let safe = t
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'&' && b != b'#');
        pairs.push(("tour", if safe { t.clone() } else { percent_encode(t) }));
    }
    if state.step != 0 {
        pairs.push(("step", state.step.to_string()));
    }
    if !elide {
        settings_pairs(state, pairs);
    }
    if let Some(cv) = &state.cv {
        pairs.push(("cv", percent_encode(cv)));
    }
    if let Some(t) = state.theme {
        pairs.push(("theme", t.key().to_string()));
    }
    if let Some(a) = &state.open_at {
        pairs.push(("at", percent_encode(a)));
    }
}

/// The overview's and the timeline's settings (part of the view).
fn settings_pairs(state: &ViewState, pairs: &mut Vec<(&'static str, String)>) {
    if state.overview.cols != OverviewCols::default() {
        pairs.push(("ocols", state.overview.cols.key().into()));
    }
    if state.overview.measure != Measure::default() {
        pairs.push(("count", state.overview.measure.key().into()));
    }
    if state.timeline_lanes == TimelineLanes::Category {
        pairs.push(("lanes", "category".into()));
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding.

/// Every key `decode` understands.
pub const KEYS: [&str; 29] = [
    "v",
    "paper",
    "partner",
    "category",
    "dimension",
    "place",
    "kind",
    "domain",
    "actor",
    "years",
    "shared",
    "q",
    "rows",
    "cols",
    "t",
    "compact",
    "sel",
    "quote",
    "reveal",
    "spot",
    "present",
    "tour",
    "step",
    "ocols",
    "count",
    "cv",
    "lanes",
    "theme",
    "at",
];

/// Collects notices: sanitised, deduplicated, capped.
#[derive(Default)]
pub struct Notes {
    list: Vec<Notice>,
    seen: HashSet<Notice>,
    more: usize,
}

fn sanitise(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
        out.push(if c.is_control() || bidi { ' ' } else { c });
    }
    out
}

impl Notes {
    fn push(&mut self, kind: NoticeKind, key: &str, value: &str, reason: impl Into<String>) {
        let n = Notice {
            key: sanitise(key, 30),
            value: sanitise(value, NOTICE_VALUE_CHARS),
            reason: reason.into(),
            kind,
        };
        if self.seen.contains(&n) {
            return;
        }
        if self.list.len() < MAX_NOTICES {
            self.seen.insert(n.clone());
            self.list.push(n);
        } else {
            self.seen.insert(n);
            self.more += 1;
        }
    }
    /// Records that `key`'s `value` was ignored and why.
    pub fn ignored(&mut self, key: &str, value: &str, reason: impl Into<String>) {
        self.push(NoticeKind::Ignored, key, value, reason)
    }
    /// Records that `key`'s `value` names nothing in this corpus.
    pub fn missing(&mut self, key: &str, value: &str, reason: impl Into<String>) {
        self.push(NoticeKind::Missing, key, value, reason)
    }
    /// Records that `key`'s `value` was adjusted and why.
    pub fn adjusted(&mut self, key: &str, value: &str, reason: impl Into<String>) {
        self.push(NoticeKind::Adjusted, key, value, reason)
    }
    fn finish(mut self) -> Vec<Notice> {
        if self.more > 0 {
            self.list.push(Notice {
                key: String::new(),
                value: self.more.to_string(),
                reason: "further problems not listed".into(),
                kind: NoticeKind::More,
            });
        }
        self.list
    }
    /// Decodes a component, noting percent-encoding debris.
    fn decode(&mut self, key: &str, raw: &str) -> String {
        let (s, err) = percent_decode(raw);
        match err {
            Some(PercentError::BadEscape) => {
                self.adjusted(key, raw, "malformed %-escape, read literally")
            }
            Some(PercentError::BadUtf8) => {
                self.adjusted(key, raw, "%-escapes are not UTF-8, replaced")
            }
            None => {}
        }
        s
    }
}

/// Values one can look up exactly, or else by their folded form (case, diacritics). The folded
/// map is built on the first miss only, so decoding a valid URL folds nothing.
struct Lookup<'a> {
    exact: HashSet<&'a str>,
    folded: OnceCell<HashMap<String, &'a str>>,
}

impl<'a> Lookup<'a> {
    fn new(values: impl IntoIterator<Item = &'a str>) -> Self {
        Lookup {
            exact: values.into_iter().collect(),
            folded: OnceCell::new(),
        }
    }
    fn get(&self, v: &str) -> Option<&'a str> {
        if let Some(s) = self.exact.get(v) {
            return Some(s);
        }
        let folded = self.folded.get_or_init(|| {
            let mut sorted: Vec<&'a str> = self.exact.iter().copied().collect();
            crate::model::order::sort(&mut sorted);
            let mut m = HashMap::new();
            for s in sorted {
                m.entry(search_key(s)).or_insert(s);
            }
            m
        });
        folded.get(&search_key(v)).copied()
    }
}

/// The corpus vocabularies `decode` validates against.
struct Vocab<'a> {
    corpus: &'a Corpus,
    facets: Vec<Lookup<'a>>,
}

impl<'a> Vocab<'a> {
    fn new(c: &'a Corpus) -> Self {
        let facets = Facet::ALL
            .iter()
            .map(|&f| Lookup::new(corpus_facet_values(c, f).map(|(id, _)| id)))
            .collect();
        Vocab { corpus: c, facets }
    }
}

fn no_such(facet: Facet) -> &'static str {
    match facet {
        Facet::Paper => "no such paper",
        Facet::Partner => "no such partner",
        Facet::Category => "no such category",
        Facet::Dimension => "no such dimension",
        Facet::Place => "no evidence has this place",
        Facet::Kind => "no such kind",
        Facet::Domain => "no such domain",
        Facet::Actor => "no evidence has this actor",
    }
}

/// The known key nearest to `key` (the core's one suggestion rule, `suggest::nearest`).
fn suggest_key(key: &str) -> Option<&'static str> {
    crate::text::suggest::nearest(key, KEYS.iter().copied())
}

fn parse_year(s: &str) -> Option<i32> {
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_bool(notes: &mut Notes, key: &str, v: &str) -> Option<bool> {
    match v {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => {
            notes.ignored(key, v, "expected 1 or 0");
            None
        }
    }
}

fn decode_route(path: &str, vocab: &Vocab, notes: &mut Notes) -> Route {
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| notes.decode("route", s))
        .collect();
    let extra = |notes: &mut Notes, n: usize| {
        if segments.len() > n {
            notes.ignored("route", &segments[n..].join("/"), "extra path segments");
        }
    };
    let corpus = vocab.corpus;
    match segments.first().map(String::as_str) {
        None => Route::Home,
        Some("matrix") => {
            extra(notes, 1);
            Route::Matrix
        }
        Some("overview") => {
            extra(notes, 1);
            Route::Overview
        }
        Some("about") => {
            extra(notes, 1);
            Route::About
        }
        Some("timeline") => {
            extra(notes, 1);
            Route::Timeline
        }
        Some("compare") => {
            extra(notes, 3);
            let mut paper = |i: usize| {
                let id = segments.get(i).filter(|s| s.as_str() != "-")?;
                if corpus.paper_idx(id).is_some() {
                    Some(id.clone())
                } else {
                    notes.missing("paper", id, "no such paper");
                    None
                }
            };
            let left = paper(1);
            let right = paper(2);
            Route::Compare { left, right }
        }
        Some("read") => {
            let Some(pid) = segments.get(1) else {
                notes.ignored("route", path, "missing paper id");
                return Route::Home;
            };
            let Some(p) = corpus.paper_idx(pid) else {
                notes.missing("paper", pid, "no such paper");
                return Route::Home;
            };
            extra(notes, 3);
            let block = segments.get(2).and_then(|b| {
                let doc = &corpus.papers[p].doc;
                if doc.block_idx(b).is_some() {
                    Some(b.clone())
                } else {
                    notes.missing("block", b, format!("no such block in paper {pid}"));
                    None
                }
            });
            Route::Read {
                paper: pid.clone(),
                block,
            }
        }
        Some("evidence") => {
            let Some(id) = segments.get(1) else {
                notes.ignored("route", path, "missing evidence id");
                return Route::Home;
            };
            if corpus.evidence_idx(id).is_none() {
                notes.missing("evidence", id, "no such evidence item");
                return Route::Home;
            }
            extra(notes, 2);
            Route::Evidence { id: id.clone() }
        }
        Some(other) => {
            notes.ignored("route", other, "unknown page");
            Route::Home
        }
    }
}

fn decode_facet(facet: Facet, raw: &str, vocab: &Vocab, notes: &mut Notes, f: &mut Filters) {
    let key = facet.key();
    let lookup = &vocab.facets[facet.index()];
    let mut count = 0;
    for item in raw.split(',') {
        let v = notes.decode(key, item);
        // The empty item is a value only where the corpus has it (evidence whose sources give
        // no place): `place=` or `place=,Kabul` select "no place given".
        if v.is_empty() && !(facet.takes_empty_value() && lookup.get("").is_some()) {
            notes.ignored(key, "", "empty value");
            continue;
        }
        if count == MAX_VALUES_PER_FACET {
            notes.ignored(key, &v, format!("more than {MAX_VALUES_PER_FACET} values"));
            break;
        }
        count += 1;
        match lookup.get(&v) {
            Some(canonical) => {
                if !f.set_mut(facet).insert(canonical.to_string()) {
                    notes.ignored(key, &v, "listed twice");
                }
            }
            None => notes.missing(key, &v, no_such(facet)),
        }
    }
}

fn decode_years(raw: &str, notes: &mut Notes) -> Option<(i32, i32)> {
    let v = notes.decode("years", raw);
    let v = v.trim();
    let (a, b) = match v.split_once('-') {
        Some((a, b)) => (parse_year(a.trim()), parse_year(b.trim())),
        None => (parse_year(v), parse_year(v)),
    };
    let (Some(a), Some(b)) = (a, b) else {
        notes.ignored("years", v, "expected YYYY or YYYY-YYYY");
        return None;
    };
    let range = MIN_YEAR..=MAX_YEAR;
    if !range.contains(&a) || !range.contains(&b) {
        notes.ignored(
            "years",
            v,
            format!("years must lie in {MIN_YEAR}-{MAX_YEAR}"),
        );
        return None;
    }
    if a > b {
        notes.adjusted("years", v, format!("reversed, read as {b}-{a}"));
        return Some((b, a));
    }
    Some((a, b))
}

fn decode_row_key(key: &str, raw: &str, vocab: &Vocab, notes: &mut Notes) -> Option<RowKey> {
    let c = vocab.corpus;
    if let Some(d) = raw.strip_prefix("dim:") {
        let d = notes.decode(key, d);
        if c.dimension_idx(&d).is_some() {
            return Some(RowKey::Dimension(d));
        }
        notes.missing(key, &d, "no such dimension");
        return None;
    }
    let id = notes.decode(key, raw);
    if c.category_idx(&id).is_some() {
        return Some(RowKey::Category(id));
    }
    notes.missing(key, &id, "no such category");
    None
}

fn decode_evidence_id(key: &str, raw: &str, vocab: &Vocab, notes: &mut Notes) -> Option<String> {
    let id = notes.decode(key, raw);
    if vocab.corpus.evidence_idx(&id).is_some() {
        return Some(id);
    }
    notes.missing(key, &id, "no such evidence item");
    None
}

/// A selection (`sel=`, also the spotlight `spot=`; `key` names it in notices).
fn decode_selection(key: &str, raw: &str, vocab: &Vocab, notes: &mut Notes) -> Option<Selection> {
    if let Some(rest) = raw.strip_prefix("cell:") {
        if let Some((row, ev)) = rest.split_once('~') {
            let row = decode_row_key(key, row, vocab, notes);
            let ev = decode_evidence_id(key, ev, vocab, notes);
            return Some(Selection::Cell {
                row: row?,
                evidence: ev?,
            });
        }
    } else if let Some(rest) = raw.strip_prefix("row:") {
        return decode_row_key(key, rest, vocab, notes).map(Selection::Row);
    } else if let Some(rest) = raw.strip_prefix("col:") {
        return decode_evidence_id(key, rest, vocab, notes).map(Selection::Column);
    }
    let shown = percent_decode(raw).0;
    notes.ignored(
        key,
        &shown,
        "expected cell:ROW~EVIDENCE, row:ROW or col:EVIDENCE",
    );
    None
}

/// `reveal=UNIT.N` (UNIT `cell`, `row` or `col`; N revealed so far, at most `MAX_REVEAL`).
fn decode_reveal(v: &str, notes: &mut Notes) -> Option<Reveal> {
    let (by, n) = v.split_once('.').unwrap_or((v, "0"));
    let Some(by) = RevealBy::from_key(by) else {
        notes.ignored("reveal", v, "expected cell.N, row.N or col.N");
        return None;
    };
    let digits = !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit());
    let Some(shown) = n.parse::<usize>().ok().filter(|_| digits) else {
        notes.ignored("reveal", v, "expected cell.N, row.N or col.N");
        return None;
    };
    if shown > MAX_REVEAL {
        notes.adjusted(
            "reveal",
            v,
            format!("more than {MAX_REVEAL}, read as {MAX_REVEAL}"),
        );
    }
    Some(Reveal {
        by,
        shown: shown.min(MAX_REVEAL),
    })
}

fn decode_quote(raw: &str, vocab: &Vocab, notes: &mut Notes) -> Option<OpenQuote> {
    let v = notes.decode("quote", raw);
    let Some((coding, n)) = v.rsplit_once('.') else {
        notes.ignored("quote", &v, "expected CODING.N");
        return None;
    };
    let digits = !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit());
    let Some(n) = n.parse::<usize>().ok().filter(|_| digits) else {
        notes.ignored("quote", &v, "expected CODING.N");
        return None;
    };
    let Some(c) = vocab.corpus.coding_idx(coding) else {
        notes.missing("quote", &v, "no such coding");
        return None;
    };
    let len = vocab.corpus.codings[c].quotes.len();
    if n >= len {
        notes.ignored("quote", &v, format!("the coding has {len} quote(s)"));
        return None;
    }
    Some(OpenQuote {
        coding: coding.to_string(),
        quote: n,
    })
}

fn is_tour_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// How a fragment's tour is read: `url` reads it with the tour codec (`link::tour`), which reads
/// its steps' views with `decode_view`, where a tour has no place. The tour codec sits between
/// this module and `url`, so neither imports the other.
pub trait TourKeys {
    /// A tour as the tour codec reads it.
    type Tour;
    /// The `tour` key, read raw (once: a `/tour` link's view is its step of this tour): the
    /// tour, when it has a usable step (the state then carries it).
    fn tour(
        &self,
        raw: &str,
        corpus: &Corpus,
        notes: &mut Notes,
        state: &mut ViewState,
    ) -> Option<Self::Tour>;
    /// A `/tour` link: the view of step `state.step` of `tour`, the link's tour.
    fn step_view(&self, state: ViewState, tour: Option<Self::Tour>, notes: &mut Notes)
        -> ViewState;
}

/// A tour step's view: it holds no tour of its own.
struct NoTours;

impl TourKeys for NoTours {
    type Tour = ();
    fn tour(&self, raw: &str, _: &Corpus, notes: &mut Notes, _: &mut ViewState) -> Option<()> {
        notes.ignored("tour", &percent_decode(raw).0, "a tour step holds no tour");
        None
    }
    fn step_view(&self, state: ViewState, _: Option<()>, notes: &mut Notes) -> ViewState {
        notes.ignored(
            "route",
            TOUR_VIEW_PATH,
            "a tour step holds no tour, the start page is shown",
        );
        state
    }
}

/// Reads the view of a tour step (a `tour` key in it is ignored with a notice), as
/// `decode_with`.
pub fn decode_view(fragment: &str, corpus: &Corpus) -> (ViewState, Vec<Notice>) {
    decode_with(fragment, corpus, &NoTours)
}

/// Reads a fragment (a leading `#` is optional). Never fails, never panics: keeps what it can
/// and explains everything it dropped or repaired in the notices (deduplicated, at most
/// `MAX_NOTICES` plus one "and N more"). Ids are validated against `corpus`; the tour keys go
/// to `tours`.
pub fn decode_with<T: TourKeys>(
    fragment: &str,
    corpus: &Corpus,
    tours: &T,
) -> (ViewState, Vec<Notice>) {
    let mut notes = Notes::default();
    let mut state = ViewState::default();
    let vocab = Vocab::new(corpus);

    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let fragment = if fragment.len() > MAX_FRAGMENT_BYTES {
        notes.adjusted(
            "url",
            &format!("{} bytes", fragment.len()),
            format!("too long, only the first {MAX_FRAGMENT_BYTES} bytes were read"),
        );
        &fragment[..fragment.floor_char_boundary(MAX_FRAGMENT_BYTES)]
    } else {
        fragment
    };
    let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
    let tour_view = path == TOUR_VIEW_PATH;
    let mut tour = None;
    if !tour_view {
        state.route = decode_route(path, &vocab, &mut notes);
    }

    let mut seen: HashSet<String> = HashSet::new();
    for pair in query.split('&') {
        if pair.is_empty() {
            continue;
        }
        let (raw_key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let mut key = percent_decode(raw_key).0.to_ascii_lowercase();
        // Links made before the facet was renamed say "theatre"; they still open.
        if key == "theatre" {
            key = "place".to_string();
        }
        if !seen.insert(key.clone()) {
            let shown = percent_decode(raw).0;
            notes.ignored(&key, &shown, "repeated key, the first one is used");
            continue;
        }
        let known = KEYS.contains(&key.as_str());
        let empty_is_value = Facet::from_key(&key)
            .is_some_and(|f| f.takes_empty_value() && vocab.facets[f.index()].get("").is_some());
        if known && raw.is_empty() && !empty_is_value {
            notes.ignored(&key, "", "empty value");
            continue;
        }
        if let Some(facet) = Facet::from_key(&key) {
            decode_facet(facet, raw, &vocab, &mut notes, &mut state.filters);
            continue;
        }
        if key == "tour" {
            // Read once: a `/tour` link's view below is its step of this tour.
            tour = tours.tour(raw, corpus, &mut notes, &mut state).or(tour);
            continue;
        }
        decode_key(&key, raw, &vocab, &mut notes, &mut state);
    }
    if tour_view {
        state = tours.step_view(state, tour, &mut notes);
    }
    (state, notes.finish())
}

/// Reads the value `raw` of the (known or unknown) query key `key` into `state`.
fn decode_key(key: &str, raw: &str, vocab: &Vocab, notes: &mut Notes, state: &mut ViewState) {
    match key {
        "v" => {
            let v = notes.decode("v", raw);
            match v.parse::<u32>() {
                Ok(VERSION) => {}
                Ok(_) => notes.adjusted(
                    "v",
                    &v,
                    format!("unsupported version, read as version {VERSION}"),
                ),
                Err(_) => notes.ignored("v", &v, "not a version number"),
            }
        }
        "years" => state.filters.years = decode_years(raw, notes),
        "q" => {
            let q = notes.decode("q", raw);
            let cut = truncate_chars(&q, MAX_SEARCH_CHARS);
            if cut.len() < q.len() {
                let why = format!("longer than {MAX_SEARCH_CHARS} characters, cut");
                notes.adjusted("q", &q, why);
            }
            state.search = cut.to_string();
        }
        "rows" => match notes.decode("rows", raw).as_str() {
            "paper" => state.layout.rows = RowGroup::Paper,
            "dim" | "dimension" => state.layout.rows = RowGroup::Dimension,
            v => notes.ignored("rows", v, "expected paper or dim"),
        },
        "cols" => match notes.decode("cols", raw).as_str() {
            "date" => state.layout.cols = ColGroup::Date,
            "place" | "theatre" => state.layout.cols = ColGroup::Place,
            "kind" => state.layout.cols = ColGroup::Kind,
            v => notes.ignored("cols", v, "expected date, place or kind"),
        },
        "t" | "compact" | "present" | "shared" => {
            let v = notes.decode(key, raw);
            if let Some(b) = parse_bool(notes, key, &v) {
                match key {
                    "t" => state.layout.transposed = b,
                    "compact" => state.layout.compact = b,
                    "shared" => state.filters.shared = b,
                    _ => state.mode = if b { Mode::Present } else { Mode::Explore },
                }
            }
        }
        "sel" => state.selection = decode_selection("sel", raw, vocab, notes),
        "spot" => state.spot = decode_selection("spot", raw, vocab, notes),
        "reveal" => state.reveal = decode_reveal(&notes.decode("reveal", raw), notes),
        "quote" => state.quote = decode_quote(raw, vocab, notes),
        _ => decode_view_key(key, raw, notes, state),
    }
}

/// The overview, timeline, corpus-version, step and theme keys; other keys are unknown.
fn decode_view_key(key: &str, raw: &str, notes: &mut Notes, state: &mut ViewState) {
    match key {
        "ocols" => {
            let v = notes.decode("ocols", raw);
            match OverviewCols::from_key(&v) {
                Some(c) => state.overview.cols = c,
                None => notes.ignored("ocols", &v, "expected kind, domain, place, paper or years"),
            }
        }
        "count" => {
            let v = notes.decode("count", raw);
            match Measure::from_key(&v) {
                Some(m) => state.overview.measure = m,
                None => notes.ignored(
                    "count",
                    &v,
                    "expected evidence, codings, quotes or presence",
                ),
            }
        }
        "lanes" => match notes.decode("lanes", raw).as_str() {
            "paper" => state.timeline_lanes = TimelineLanes::Paper,
            "category" => state.timeline_lanes = TimelineLanes::Category,
            v => notes.ignored("lanes", v, "expected paper or category"),
        },
        "cv" => {
            let v = notes.decode("cv", raw);
            if is_tour_id(&v) {
                state.cv = Some(v);
            } else {
                notes.ignored("cv", &v, "not a corpus version");
            }
        }
        "step" => {
            let v = notes.decode("step", raw);
            match v.parse::<u32>() {
                Ok(n) if !v.starts_with('+') => state.step = n as usize,
                _ => notes.ignored("step", &v, "not a step number"),
            }
        }
        "at" => {
            let v = notes.decode("at", raw);
            match crate::state::clean_address(&v) {
                Ok(a) => state.open_at = Some(a),
                Err(why) => notes.ignored("at", &v, why),
            }
        }
        "theme" => {
            let v = notes.decode("theme", raw);
            match Theme::from_key(v.trim()) {
                Some(t) => state.theme = Some(t),
                None => notes.ignored(
                    "theme",
                    &v,
                    "expected light, dark or projector; following the system setting",
                ),
            }
        }
        _ => {
            let shown = percent_decode(raw).0;
            let reason = match suggest_key(key) {
                Some(k) => format!("unknown key (did you mean \"{k}\"?)"),
                None => "unknown key".to_string(),
            };
            notes.ignored(key, &shown, reason);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::url::{decode, encode};

    #[test]
    fn ids_this_corpus_lacks_are_missing_other_problems_ignored() {
        let c = testkit::sample();
        let (_, notices) = decode(
            "/matrix?v=1&paper=nope&kind=nope2&years=abc&sel=col:gone",
            &c,
        );
        let kinds: Vec<(&str, NoticeKind)> =
            notices.iter().map(|n| (n.key.as_str(), n.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("paper", NoticeKind::Missing),
                ("kind", NoticeKind::Missing),
                ("years", NoticeKind::Ignored),
                ("sel", NoticeKind::Missing),
            ]
        );
        assert!(
            notices[0].to_string().starts_with("ignored paper"),
            "shown as before"
        );
    }
    use crate::testkit;

    fn corpus() -> Corpus {
        testkit::sample()
    }

    /// Decodes `input` and checks the state part named by `get` and the notices' texts.
    fn check<T: PartialEq + fmt::Debug>(
        input: &str,
        get: impl Fn(&ViewState) -> T,
        want: T,
        want_notices: &[&str],
    ) {
        let (s, notices) = decode(input, &corpus());
        assert_eq!(get(&s), want, "state for {input:?}");
        let texts: Vec<String> = notices.iter().map(|n| n.to_string()).collect();
        assert_eq!(texts, want_notices, "notices for {input:?}");
    }

    fn full_state() -> ViewState {
        let s = ViewState {
            route: Route::Read {
                paper: "alpha".into(),
                block: Some("p2".into()),
            },
            search: "piracy “Gulf” & co, 100% #1 é".into(),
            selection: Some(Selection::Cell {
                row: RowKey::Dimension("political".into()),
                evidence: "aden-escort-2009".into(),
            }),
            quote: Some(OpenQuote {
                coding: "aden-escort-2009~a-nato-operational".into(),
                quote: 1,
            }),
            mode: Mode::Present,
            tour: Some("1!v*a*b*/".into()),
            step: 3,
            theme: Some(Theme::Projector),
            ..ViewState::default()
        };
        with_example_filters(s, &["alpha", "gamma"], &["Gulf of Aden", "Bamyán"])
    }

    /// `s` with the papers and places given, partner NATO, 2001-2010, rows by dimension,
    /// columns by place, transposed and compact.
    fn with_example_filters(mut s: ViewState, papers: &[&str], places: &[&str]) -> ViewState {
        s.filters.papers = papers.iter().map(|p| p.to_string()).collect();
        s.filters.places = places.iter().map(|p| p.to_string()).collect();
        s.filters.partners = ["NATO".to_string()].into();
        s.filters.years = Some((2001, 2010));
        s.layout = Layout {
            rows: RowGroup::Dimension,
            cols: ColGroup::Place,
            transposed: true,
            compact: true,
        };
        s
    }

    #[test]
    fn encodes_the_documented_example_shape() {
        let base = ViewState {
            route: Route::Matrix,
            search: "piracy".into(),
            ..ViewState::default()
        };
        let mut s = with_example_filters(base, &["alpha", "beta"], &["Gulf of Aden"]);
        s.selection = Some(Selection::Cell {
            row: RowKey::Category("a-nato-operational".into()),
            evidence: "aden-escort-2009".into(),
        });
        assert_eq!(
            encode(&s),
            "/matrix?v=1&paper=alpha,beta&partner=NATO&place=Gulf%20of%20Aden&years=2001-2010\
             &q=piracy&rows=dim&cols=place&t=1&compact=1&sel=cell:a-nato-operational~aden-escort-2009"
        );
        assert_eq!(decode(&encode(&s), &corpus()), (s, vec![]));
    }

    #[test]
    fn default_state_is_a_slash() {
        assert_eq!(encode(&ViewState::default()), "/");
        assert_eq!(decode("", &corpus()), (ViewState::default(), vec![]));
        assert_eq!(decode("#/", &corpus()), (ViewState::default(), vec![]));
    }

    #[test]
    fn full_state_round_trips() {
        let s = full_state();
        let text = encode(&s);
        assert!(
            text.contains("quote=aden-escort-2009~a-nato-operational.1"),
            "{text}"
        );
        assert!(
            text.contains("sel=cell:dim:political~aden-escort-2009"),
            "{text}"
        );
        assert_eq!(decode(&text, &corpus()), (s.clone(), vec![]));
        assert_eq!(decode(&format!("#{text}"), &corpus()), (s, vec![]));
    }

    #[test]
    fn routes_round_trip() {
        for route in [
            Route::Home,
            Route::Matrix,
            Route::Read {
                paper: "beta".into(),
                block: None,
            },
            Route::Read {
                paper: "alpha".into(),
                block: Some("s2".into()),
            },
            Route::Evidence {
                id: "visit-2011".into(),
            },
            Route::Overview,
            Route::About,
            Route::Timeline,
            Route::Compare {
                left: None,
                right: None,
            },
            Route::Compare {
                left: Some("gamma".into()),
                right: Some("alpha".into()),
            },
            Route::Compare {
                left: None,
                right: Some("beta".into()),
            },
            Route::Compare {
                left: Some("beta".into()),
                right: None,
            },
        ] {
            let s = ViewState {
                route,
                ..ViewState::default()
            };
            assert_eq!(decode(&encode(&s), &corpus()), (s, vec![]));
        }
    }

    #[test]
    fn percent_codec_escapes_separators_and_reports_debris() {
        assert_eq!(
            percent_encode("a,b&c=d#e%f é"),
            "a%2Cb%26c%3Dd%23e%25f%20%C3%A9"
        );
        assert_eq!(percent_decode("a%2Cb+c"), ("a,b c".to_string(), None));
        assert_eq!(percent_decode("%zz").1, Some(PercentError::BadEscape));
        assert_eq!(percent_decode("%4").0, "%4");
        assert_eq!(percent_decode("%ff").1, Some(PercentError::BadUtf8));
    }

    #[test]
    fn unknown_ids_are_dropped_with_a_notice() {
        let paper = |s: &ViewState| s.filters.papers.clone();
        check(
            "/matrix?paper=foo,alpha",
            paper,
            ["alpha".to_string()].into(),
            &["ignored paper \"foo\": no such paper"],
        );
        check(
            "/matrix?kind=nope&actor=Nobody",
            |s| s.filters.clone(),
            Filters::default(),
            &[
                "ignored kind \"nope\": no such kind",
                "ignored actor \"Nobody\": no evidence has this actor",
            ],
        );
        check(
            "/read/nope",
            |s| s.route.clone(),
            Route::Home,
            &["ignored paper \"nope\": no such paper"],
        );
        check(
            "/read/alpha/p99",
            |s| s.route.clone(),
            Route::Read {
                paper: "alpha".into(),
                block: None,
            },
            &["ignored block \"p99\": no such block in paper alpha"],
        );
        check(
            "/evidence/x",
            |s| s.route.clone(),
            Route::Home,
            &["ignored evidence \"x\": no such evidence item"],
        );
        check(
            "/elsewhere/x",
            |s| s.route.clone(),
            Route::Home,
            &["ignored route \"elsewhere\": unknown page"],
        );
        check(
            "/matrix/x",
            |s| s.route.clone(),
            Route::Matrix,
            &["ignored route \"x\": extra path segments"],
        );
    }

    #[test]
    fn vocabulary_values_match_case_and_diacritic_insensitively() {
        check(
            "/?place=bamyan&partner=nato",
            |s| (s.filters.places.clone(), s.filters.partners.clone()),
            (["Bamyán".to_string()].into(), ["NATO".to_string()].into()),
            &[],
        );
    }

    #[test]
    fn links_from_before_the_place_rename_still_open() {
        check(
            "/matrix?theatre=bamyan&cols=theatre",
            |s| (s.filters.places.clone(), s.layout.cols),
            (["Bamyán".to_string()].into(), ColGroup::Place),
            &[],
        );
    }

    #[test]
    fn selections_and_quotes_are_validated() {
        let sel = |s: &ViewState| s.selection.clone();
        check(
            "/?sel=row:dim:political",
            sel,
            Some(Selection::Row(RowKey::Dimension("political".into()))),
            &[],
        );
        check(
            "/?sel=col:visit-2011",
            sel,
            Some(Selection::Column("visit-2011".into())),
            &[],
        );
        check(
            "/?sel=cell:nope~visit-2011",
            sel,
            None,
            &["ignored sel \"nope\": no such category"],
        );
        check(
            "/?sel=cell:g-nato~nope",
            sel,
            None,
            &["ignored sel \"nope\": no such evidence item"],
        );
        check(
            "/?sel=row:dim:nope",
            sel,
            None,
            &["ignored sel \"nope\": no such dimension"],
        );
        check(
            "/?sel=blah",
            sel,
            None,
            &["ignored sel \"blah\": expected cell:ROW~EVIDENCE, row:ROW or col:EVIDENCE"],
        );
        let quote = |s: &ViewState| s.quote.clone();
        check(
            "/?quote=visit-2011~a-general.1",
            quote,
            Some(OpenQuote {
                coding: "visit-2011~a-general".into(),
                quote: 1,
            }),
            &[],
        );
        check(
            "/?quote=visit-2011~a-general.2",
            quote,
            None,
            &["ignored quote \"visit-2011~a-general.2\": the coding has 2 quote(s)"],
        );
        check(
            "/?quote=nope.0",
            quote,
            None,
            &["ignored quote \"nope.0\": no such coding"],
        );
        check(
            "/?quote=visit-2011~a-general.x",
            quote,
            None,
            &["ignored quote \"visit-2011~a-general.x\": expected CODING.N"],
        );
    }

    #[test]
    fn bad_numbers_and_ranges() {
        let years = |s: &ViewState| s.filters.years;
        check("/?years=2005", years, Some((2005, 2005)), &[]);
        check(
            "/?years=abc",
            years,
            None,
            &["ignored years \"abc\": expected YYYY or YYYY-YYYY"],
        );
        check(
            "/?years=2010-2001",
            years,
            Some((2001, 2010)),
            &["years \"2010-2001\": reversed, read as 2001-2010"],
        );
        check(
            "/?years=999-2001",
            years,
            None,
            &["ignored years \"999-2001\": years must lie in 1000-3000"],
        );
        check(
            "/?years=-5-2001",
            years,
            None,
            &["ignored years \"-5-2001\": expected YYYY or YYYY-YYYY"],
        );
        check(
            "/?step=-1&t=2",
            |s| (s.step, s.layout.transposed),
            (0, false),
            &[
                "ignored step \"-1\": not a step number",
                "ignored t \"2\": expected 1 or 0",
            ],
        );
    }

    #[test]
    fn unknown_and_misspelt_keys() {
        check(
            "/?pappr=alpha&zzzzzz=1&x=1",
            |s| s.clone(),
            ViewState::default(),
            &[
                "ignored pappr \"alpha\": unknown key (did you mean \"paper\"?)",
                "ignored zzzzzz \"1\": unknown key",
                "ignored x \"1\": unknown key",
            ],
        );
    }

    #[test]
    fn duplicate_keys_and_values() {
        check(
            "/?q=first&q=second&paper=alpha,alpha",
            |s| (s.search.clone(), s.filters.papers.clone()),
            ("first".to_string(), ["alpha".to_string()].into()),
            &[
                "ignored q \"second\": repeated key, the first one is used",
                "ignored paper \"alpha\": listed twice",
            ],
        );
    }

    #[test]
    fn the_empty_place_is_a_value_where_the_corpus_has_it_and_round_trips() {
        // The sample corpus with one item whose sources give no place.
        let mut c = corpus();
        c.evidence[0].place.clear();
        let kabul = c.evidence[1].place.clone();
        for (places, link) in [(vec![""], "/?v=1&place="), (vec!["", kabul.as_str()], "")] {
            let mut s = ViewState::default();
            s.filters.places = places.iter().map(|p| p.to_string()).collect();
            let encoded = encode(&s);
            if !link.is_empty() {
                assert_eq!(encoded, link);
            }
            let (back, notices) = decode(&encoded, &c);
            assert_eq!(back.filters.places, s.filters.places, "{encoded}");
            assert!(notices.is_empty(), "{encoded}: {notices:?}");
        }
        // Where every item has a place, the empty value is still ignored with a notice.
        let (s, notices) = decode("/?place=", &corpus());
        assert!(s.filters.places.is_empty());
        let texts: Vec<String> = notices.iter().map(|n| n.to_string()).collect();
        assert_eq!(texts, ["ignored place \"\": empty value"]);
    }

    #[test]
    fn percent_debris_and_empty_values() {
        check(
            "/?q=a%zz&paper=&kind=speech,,visit",
            |s| (s.search.clone(), s.filters.kinds.len()),
            ("a%zz".to_string(), 2),
            &[
                "q \"a%zz\": malformed %-escape, read literally",
                "ignored paper \"\": empty value",
                "ignored kind \"\": empty value",
            ],
        );
        check(
            "/?q=%4",
            |s| s.search.clone(),
            "%4".to_string(),
            &["q \"%4\": malformed %-escape, read literally"],
        );
    }

    #[test]
    fn unsupported_version_is_tried_anyway() {
        check(
            "/matrix?v=9&rows=dim",
            |s| s.layout.rows,
            RowGroup::Dimension,
            &["v \"9\": unsupported version, read as version 1"],
        );
    }

    #[test]
    fn oversize_input_is_cut_at_a_char_boundary() {
        let long = format!("/matrix?q={}", "é".repeat(MAX_FRAGMENT_BYTES));
        let (s, notices) = decode(&long, &corpus());
        assert_eq!(s.route, Route::Matrix);
        assert_eq!(s.search.chars().count(), MAX_SEARCH_CHARS);
        assert_eq!(notices[0].key, "url");
        assert_eq!(notices.len(), 2);
    }

    #[test]
    fn values_per_facet_are_capped() {
        let many: Vec<String> = (0..300).map(|i| format!("x{i}")).collect();
        let (_, notices) = decode(&format!("/?actor={}", many.join(",")), &corpus());
        assert_eq!(notices.len(), MAX_NOTICES + 1);
        assert_eq!(notices.last().unwrap().to_string(), "and 181 more");
    }

    #[test]
    fn script_payloads_are_plain_truncated_notices() {
        let payload = format!("<script>alert('x')</script>{}", "a".repeat(100));
        let url = format!("/?paper={}", percent_encode(&payload));
        let (s, notices) = decode(&url, &corpus());
        assert_eq!(s, ViewState::default());
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].value.chars().count(), NOTICE_VALUE_CHARS + 1);
        assert!(notices[0].value.starts_with("<script>"));
        // Control chars never reach a notice.
        let (_, notices) = decode("/?paper=a%0Ab%1B", &corpus());
        assert_eq!(notices[0].value, "a b ");
    }

    #[test]
    fn notices_are_deduplicated() {
        let (_, notices) = decode("/?paper=foo,foo&kind=", &corpus());
        let texts: Vec<String> = notices.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            texts,
            [
                "ignored paper \"foo\": no such paper",
                "ignored kind \"\": empty value"
            ]
        );
    }

    #[test]
    fn overview_options_and_corpus_version_round_trip() {
        let mut s = ViewState {
            route: Route::Overview,
            cv: Some("ab12cd34".into()),
            ..ViewState::default()
        };
        s.overview.cols = OverviewCols::Years;
        s.overview.measure = Measure::Presence;
        s.timeline_lanes = TimelineLanes::Category;
        let text = encode(&s);
        assert_eq!(
            text,
            "/overview?v=1&ocols=years&count=presence&lanes=category&cv=ab12cd34"
        );
        assert_eq!(decode(&text, &corpus()), (s, vec![]));
        check(
            "/overview?ocols=nope&count=x&cv=%3Cb%3E",
            |s| (s.overview, s.cv.clone()),
            (OverviewLayout::default(), None),
            &[
                "ignored ocols \"nope\": expected kind, domain, place, paper or years",
                "ignored count \"x\": expected evidence, codings, quotes or presence",
                "ignored cv \"<b>\": not a corpus version",
            ],
        );
    }

    #[test]
    fn compare_route_drops_unknown_papers() {
        check(
            "/compare/nope/beta",
            |s| s.route.clone(),
            Route::Compare {
                left: None,
                right: Some("beta".into()),
            },
            &["ignored paper \"nope\": no such paper"],
        );
    }

    #[test]
    fn tour_and_step() {
        check(
            "/?tour=1!v*Start*Say+hello*/matrix?paper=alpha&step=2",
            |s| (s.tour.clone(), s.step),
            (
                Some("1!v*Start*Say+hello*/matrix?paper=alpha".to_string()),
                2,
            ),
            &[],
        );
        check(
            "/?tour=%3Cb%3E",
            |s| s.tour.clone(),
            None,
            &[
                "tour \"%3Cb%3E\": unknown tour version, read as version 2",
                "ignored tour \"<b>\": no usable step",
            ],
        );
    }

    #[test]
    fn a_tour_link_at_its_steps_view_writes_tour_instead_of_the_view() {
        let c = corpus();
        let payload = "1!v*Start*Say+hello*/matrix?paper=alpha!v*Next*x*/overview";
        let at = |frag: &str| decode(frag, &c);
        let (s, notes) = at(&format!("/matrix?v=1&paper=alpha&present=1&tour={payload}"));
        assert!(notes.is_empty(), "{notes:?}");
        let short = format!("/tour?v=1&present=1&tour={payload}");
        assert_eq!(encode(&s), short, "the view is written once, in the tour");
        assert_eq!(at(&short), (s.clone(), vec![]), "and reads back the same");
        // Not presenting (the editor), and at another step.
        let editing = ViewState {
            mode: Mode::Explore,
            ..s.clone()
        };
        assert_eq!(encode(&editing), format!("/tour?v=1&tour={payload}"));
        assert_eq!(at(&encode(&editing)).0, editing);
        let (second, _) = at(&format!("/tour?v=1&present=1&tour={payload}&step=1"));
        assert_eq!(second.route, Route::Overview);
        // A view that differs from the step's (a filter added) is written out in full.
        let mut changed = s.clone();
        changed.filters.shared = true;
        assert!(encode(&changed).starts_with("/matrix?v=1&paper=alpha&shared=1&present=1"));
        assert_eq!(at(&encode(&changed)).0, changed);
        // Hostile or stale: no tour, a step that does not exist, view keys beside `/tour`.
        check(
            "/tour?v=1&present=1",
            |s| s.route.clone(),
            Route::Home,
            &["ignored route \"/tour\": no tour step to show, the start page is shown"],
        );
        check(
            &format!("/tour?v=1&tour={payload}&step=7"),
            |s| (s.route.clone(), s.step),
            (Route::Overview, 1),
            &["step \"7\": no such step, the last one is shown"],
        );
        check(
            &format!("/tour?v=1&shared=1&tour={payload}"),
            |s| (s.route.clone(), s.filters.shared),
            (Route::Matrix, false),
            &["ignored route \"/tour\": the link's own view keys give way to its tour step's view"],
        );
    }

    #[test]
    fn theme_round_trips_and_bad_values_give_a_notice() {
        for t in Theme::ALL {
            let s = ViewState {
                route: Route::Matrix,
                theme: Some(t),
                ..ViewState::default()
            };
            let frag = encode(&s);
            assert_eq!(frag, format!("/matrix?v=1&theme={}", t.key()));
            assert_eq!(decode(&frag, &corpus()), (s, vec![]));
        }
        check("/?theme=DARK", |s| s.theme, Some(Theme::Dark), &[]);
        check(
            "/?theme=%3Cscript%3E&step=1",
            |s| (s.theme, s.step),
            (None, 1),
            &["ignored theme \"<script>\": expected light, dark or projector; following the system setting"],
        );
        check(
            "/?theme=",
            |s| s.theme,
            None,
            &["ignored theme \"\": empty value"],
        );
        check(
            "/?thme=dark",
            |s| s.theme,
            None,
            &["ignored thme \"dark\": unknown key (did you mean \"theme\"?)"],
        );
        // No theme: the key is omitted, so the page follows the system setting.
        assert!(!encode(&ViewState::default()).contains("theme"));
    }
}
