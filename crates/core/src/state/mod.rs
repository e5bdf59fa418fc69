//! The whole view state a URL carries, the actions that change it and the pure reducer.
//!
//! Everything here is ids (strings), never corpus indices, so a state stays meaningful across
//! builds of the corpus. `url` turns a `ViewState` into a fragment and back; `filter` and
//! `matrix` turn it into what the components render.

use std::collections::BTreeSet;

use crate::model::Corpus;

/// Which page is shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Route {
    /// The landing page.
    #[default]
    Home,
    /// The category-by-evidence matrix.
    Matrix,
    /// The reader for one paper, optionally scrolled to a block (paragraph or heading id).
    Read {
        /// Paper id.
        paper: String,
        /// Block id (`p12`, `s3`) of that paper.
        block: Option<String>,
    },
    /// The page of one evidence item.
    Evidence {
        /// Evidence id.
        id: String,
    },
    /// The overview: an evidence gap map of rows (categories or dimensions) against one
    /// attribute of the evidence.
    Overview,
    /// The methods page: papers, categories, crosswalk, coding rules, how numbers are made.
    About,
    /// The evidence on a time axis, in lanes.
    Timeline,
    /// Two papers side by side (paper ids; the first two papers when absent).
    Compare {
        /// Left paper id.
        left: Option<String>,
        /// Right paper id.
        right: Option<String>,
    },
}

/// A filterable facet. OR within a facet, AND across facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The paper that makes the coding.
    Paper,
    /// The category's partner (for example "NATO").
    Partner,
    /// The category itself.
    Category,
    /// The category's crosswalk dimension.
    Dimension,
    /// The evidence place.
    Place,
    /// The evidence kind (vocabulary).
    Kind,
    /// The evidence domain (vocabulary).
    Domain,
    /// One of the evidence actors.
    Actor,
}

impl Facet {
    /// Every facet, in display and URL order.
    pub const ALL: [Facet; 8] = [
        Facet::Paper,
        Facet::Partner,
        Facet::Category,
        Facet::Dimension,
        Facet::Place,
        Facet::Kind,
        Facet::Domain,
        Facet::Actor,
    ];

    /// Whether "" can be a value of this facet: only a place, for evidence whose sources give
    /// no place (the seed rules allow it there and nowhere else).
    pub fn takes_empty_value(self) -> bool {
        self == Facet::Place
    }

    /// The URL key of the facet (`paper`, `partner`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Facet::Paper => "paper",
            Facet::Partner => "partner",
            Facet::Category => "category",
            Facet::Dimension => "dimension",
            Facet::Place => "place",
            Facet::Kind => "kind",
            Facet::Domain => "domain",
            Facet::Actor => "actor",
        }
    }

    /// The facet with this URL key.
    pub fn from_key(key: &str) -> Option<Facet> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// A human label for headings ("Paper", "Partner", ...).
    pub fn label(self) -> &'static str {
        match self {
            Facet::Paper => "Paper",
            Facet::Partner => "Partner",
            Facet::Category => "Category",
            Facet::Dimension => "Dimension",
            Facet::Place => "Place",
            Facet::Kind => "Kind",
            Facet::Domain => "Domain",
            Facet::Actor => "Actor",
        }
    }

    /// Position of the facet in `Facet::ALL` (handy for arrays and bitmasks).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The active filters: one set of ids (or vocabulary values) per facet, plus a year range.
///
/// An empty set means "no constraint". One field per facet keeps the state canonical: there is
/// no difference between an absent and an empty set.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Filters {
    /// Paper ids.
    pub papers: BTreeSet<String>,
    /// Partner names (vocabulary).
    pub partners: BTreeSet<String>,
    /// Category ids.
    pub categories: BTreeSet<String>,
    /// Dimension ids.
    pub dimensions: BTreeSet<String>,
    /// Places (as written in the evidence).
    pub places: BTreeSet<String>,
    /// Kinds (vocabulary).
    pub kinds: BTreeSet<String>,
    /// Domains (vocabulary).
    pub domains: BTreeSet<String>,
    /// Actors (as written in the evidence).
    pub actors: BTreeSet<String>,
    /// Inclusive year range; an evidence item passes when its date span overlaps it.
    pub years: Option<(i32, i32)>,
    /// Only evidence that two or more papers cite (where papers can be compared).
    pub shared: bool,
}

impl Filters {
    /// The set of one facet.
    pub fn set(&self, facet: Facet) -> &BTreeSet<String> {
        match facet {
            Facet::Paper => &self.papers,
            Facet::Partner => &self.partners,
            Facet::Category => &self.categories,
            Facet::Dimension => &self.dimensions,
            Facet::Place => &self.places,
            Facet::Kind => &self.kinds,
            Facet::Domain => &self.domains,
            Facet::Actor => &self.actors,
        }
    }

    /// The set of one facet, mutable.
    pub fn set_mut(&mut self, facet: Facet) -> &mut BTreeSet<String> {
        match facet {
            Facet::Paper => &mut self.papers,
            Facet::Partner => &mut self.partners,
            Facet::Category => &mut self.categories,
            Facet::Dimension => &mut self.dimensions,
            Facet::Place => &mut self.places,
            Facet::Kind => &mut self.kinds,
            Facet::Domain => &mut self.domains,
            Facet::Actor => &mut self.actors,
        }
    }

    /// True when no facet value, no year range and no "shared only" is set.
    pub fn is_empty(&self) -> bool {
        self.years.is_none() && !self.shared && Facet::ALL.iter().all(|f| self.set(*f).is_empty())
    }
}

/// How matrix rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum RowGroup {
    /// One group per paper; rows ordered by partner (corpus order), then category order.
    #[default]
    Paper,
    /// One group per crosswalk dimension, each with an aggregate header row.
    Dimension,
}

/// How matrix columns are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ColGroup {
    /// By start year; items by start date.
    #[default]
    Date,
    /// By place, alphabetically.
    Place,
    /// By kind, in vocabulary order.
    Kind,
}

/// Matrix layout options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Layout {
    /// Row grouping.
    pub rows: RowGroup,
    /// Column grouping.
    pub cols: ColGroup,
    /// Swap rows and columns on screen (a pure view concern: the `MatrixView` is unchanged).
    pub transposed: bool,
    /// Dense cells without labels.
    pub compact: bool,
}

/// A matrix row: a category, or the aggregate header row of a dimension group.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RowKey {
    /// A category row (category id).
    Category(String),
    /// The aggregate row of a dimension group (dimension id).
    Dimension(String),
}

/// What is selected in the matrix (drives the drill-down panel).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Selection {
    /// One cell.
    Cell {
        /// Its row.
        row: RowKey,
        /// Its column (evidence id).
        evidence: String,
    },
    /// A whole row.
    Row(RowKey),
    /// A whole column (evidence id).
    Column(String),
}

/// The unit the matrix's hidden marks are revealed by, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RevealBy {
    /// One non-empty cell at a time, in reading order (row by row, left to right).
    Cell,
    /// One row at a time, top to bottom.
    Row,
    /// One column at a time, left to right.
    Column,
}

impl RevealBy {
    /// Every unit, in menu and URL order.
    pub const ALL: [RevealBy; 3] = [RevealBy::Cell, RevealBy::Row, RevealBy::Column];

    /// The URL value (`cell`, `row`, `col`).
    pub fn key(self) -> &'static str {
        match self {
            RevealBy::Cell => "cell",
            RevealBy::Row => "row",
            RevealBy::Column => "col",
        }
    }

    /// The unit in words ("cell").
    pub fn singular(self) -> &'static str {
        match self {
            RevealBy::Cell => "cell",
            RevealBy::Row => "row",
            RevealBy::Column => "column",
        }
    }

    /// The unit in words, plural ("cells").
    pub fn plural(self) -> &'static str {
        match self {
            RevealBy::Cell => "cells",
            RevealBy::Row => "rows",
            RevealBy::Column => "columns",
        }
    }

    /// The unit of a URL value.
    pub fn from_key(k: &str) -> Option<RevealBy> {
        RevealBy::ALL.into_iter().find(|r| r.key() == k)
    }
}

/// Marks hidden for discussion: the matrix shows its rows and columns, but only the first
/// `shown` units' marks (`viewmodel::grid::Discussion` says which cells those are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reveal {
    /// The unit.
    pub by: RevealBy,
    /// How many units are revealed.
    pub shown: usize,
}

/// Most units a reveal counts (a URL cannot ask for more).
pub const MAX_REVEAL: usize = 100_000;

/// The quote highlighted in the reader.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct OpenQuote {
    /// Coding id.
    pub coding: String,
    /// Index into the coding's quotes.
    pub quote: usize,
}

/// Exploring or presenting (large type, no chrome).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Mode {
    /// The normal interface.
    #[default]
    Explore,
    /// Presentation mode.
    Present,
}

/// The colour theme. Without one (`ViewState::theme` is `None`) the page follows the
/// system's `prefers-color-scheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Theme {
    /// Dark text on a light page.
    Light,
    /// Light text on a dark page.
    Dark,
    /// High contrast for projectors (text contrast at least 7:1, heavy lines).
    Projector,
}

impl Theme {
    /// Every theme, in menu and URL order.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Projector];

    /// The URL value (`light`, `dark`, `projector`), also the `data-theme` attribute.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Projector => "projector",
        }
    }

    /// The theme with this URL value (ASCII case-insensitive).
    pub fn from_key(key: &str) -> Option<Theme> {
        Self::ALL
            .into_iter()
            .find(|t| t.key().eq_ignore_ascii_case(key))
    }

    /// A human label for menus.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::Projector => "Projector",
        }
    }
}

/// The attribute of the evidence the overview's columns show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum OverviewCols {
    /// The evidence kind (vocabulary order).
    #[default]
    Kind,
    /// The evidence domain (vocabulary order).
    Domain,
    /// The evidence place (alphabetical).
    Place,
    /// The paper that makes the coding.
    Paper,
    /// Bins of years (an item dated as a range counts in every bin it overlaps).
    Years,
}

impl OverviewCols {
    /// Every choice, in display order.
    pub const ALL: [OverviewCols; 5] = [
        OverviewCols::Kind,
        OverviewCols::Domain,
        OverviewCols::Place,
        OverviewCols::Paper,
        OverviewCols::Years,
    ];
    /// The URL value (`ocols=`).
    pub fn key(self) -> &'static str {
        match self {
            OverviewCols::Kind => "kind",
            OverviewCols::Domain => "domain",
            OverviewCols::Place => "place",
            OverviewCols::Paper => "paper",
            OverviewCols::Years => "years",
        }
    }
    /// The choice with this URL value.
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == k)
    }
    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            OverviewCols::Kind => "Kind",
            OverviewCols::Domain => "Domain",
            OverviewCols::Place => "Place",
            OverviewCols::Paper => "Paper",
            OverviewCols::Years => "Years",
        }
    }
}

/// What an overview cell counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Measure {
    /// Distinct evidence items.
    #[default]
    Evidence,
    /// Codings: (evidence item, category) links made by a paper.
    Codings,
    /// Verbatim quotes behind those codings.
    Quotes,
    /// Whether any evidence is cited at all.
    Presence,
}

impl Measure {
    /// Every choice, in display order.
    pub const ALL: [Measure; 4] = [
        Measure::Evidence,
        Measure::Codings,
        Measure::Quotes,
        Measure::Presence,
    ];
    /// The URL value (`count=`).
    pub fn key(self) -> &'static str {
        match self {
            Measure::Evidence => "evidence",
            Measure::Codings => "codings",
            Measure::Quotes => "quotes",
            Measure::Presence => "presence",
        }
    }
    /// The choice with this URL value.
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == k)
    }
    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Measure::Evidence => "Evidence items",
            Measure::Codings => "Codings",
            Measure::Quotes => "Quotes",
            Measure::Presence => "Present / absent",
        }
    }
}

/// The timeline's lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum TimelineLanes {
    /// One lane per paper.
    #[default]
    Paper,
    /// One lane per category.
    Category,
}

/// Overview options (rows follow `Layout::rows`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct OverviewLayout {
    /// The attribute of the columns.
    pub cols: OverviewCols,
    /// What a cell counts.
    pub measure: Measure,
}

/// Everything the URL carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ViewState {
    /// The page.
    pub route: Route,
    /// Facet filters and year range.
    pub filters: Filters,
    /// Free-text search as typed (see `search::Query` for its meaning).
    pub search: String,
    /// Matrix layout.
    pub layout: Layout,
    /// Matrix selection.
    pub selection: Option<Selection>,
    /// The quote highlighted in the reader.
    pub quote: Option<OpenQuote>,
    /// Explore or present.
    pub mode: Mode,
    /// The tour being presented, as its canonical payload (`tour::encode`), or `None`.
    pub tour: Option<String>,
    /// Step in the tour (0 when there is no tour).
    pub step: usize,
    /// Colour theme; `None` follows the system setting.
    pub theme: Option<Theme>,
    /// Overview columns and measure.
    pub overview: OverviewLayout,
    /// Corpus version the link was made with (`cv=`): the app writes its own corpus hash here
    /// and compares a link's value with it (see `version`).
    pub cv: Option<String>,
    /// The timeline's lanes.
    pub timeline_lanes: TimelineLanes,
    /// Matrix marks hidden and revealed unit by unit (for discussion), or all shown.
    pub reveal: Option<Reveal>,
    /// The cell, row or column in the spotlight (the rest of the matrix is dimmed), or none.
    pub spot: Option<Selection>,
    /// Where participants open the explorer (`at=`: an `http(s)` address of a copy they can
    /// reach, checked by `handout::clean_address`): printed links and QR codes start with it
    /// instead of this page's own address. Part of the presentation, like the theme: a tour's
    /// link carries it, a step does not.
    pub open_at: Option<String>,
}

/// Lowest year a year range may hold.
pub const MIN_YEAR: i32 = 1000;
/// Highest year a year range may hold.
pub const MAX_YEAR: i32 = 3000;
/// Longest search string kept, in chars.
pub const MAX_SEARCH_CHARS: usize = 256;

/// Something the user did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Go to a page. Keeps filters, search, layout and selection; clears the open quote unless
    /// the new route reads the same paper as before.
    Navigate(Route),
    /// Add or remove one value of a facet (empty values are ignored).
    ToggleFacet(Facet, String),
    /// Clear one facet.
    ClearFacet(Facet),
    /// Clear every facet, the year range and the search.
    ClearAll,
    /// Set or clear the year range (reversed bounds are swapped, bounds clamped to
    /// `MIN_YEAR..=MAX_YEAR`).
    SetYears(Option<(i32, i32)>),
    /// Show only evidence cited by two or more papers, or everything.
    SetShared(bool),
    /// Set the search string (cut to `MAX_SEARCH_CHARS`).
    SetSearch(String),
    /// Set the row grouping.
    SetRows(RowGroup),
    /// Set the column grouping.
    SetCols(ColGroup),
    /// Swap rows and columns on screen.
    ToggleTransposed,
    /// Toggle compact cells.
    ToggleCompact,
    /// Select a cell, row or column, or clear the selection.
    Select(Option<Selection>),
    /// Highlight a quote in the reader, or clear it. Only sets `quote`: moving to the quote's
    /// paper and block is the caller's job (`quote_route` computes the route; dispatch
    /// `Navigate` first, then `OpenQuote`).
    OpenQuote(Option<OpenQuote>),
    /// Explore or present.
    SetMode(Mode),
    /// Replace the whole state (for example from a URL the user edited).
    Replace(Box<ViewState>),
    /// Choose a colour theme, or follow the system (`None`).
    SetTheme(Option<Theme>),
    /// Set or clear where participants open the explorer (`ViewState::open_at`; a value
    /// `handout::clean_address` refuses clears it).
    SetOpenAt(Option<String>),
    /// Set the overview's column attribute.
    SetOverviewCols(OverviewCols),
    /// Set what the overview counts.
    SetMeasure(Measure),
    /// Set one facet to exactly these values (empty clears it).
    SetFacet(Facet, BTreeSet<String>),
    /// Set the timeline's lanes.
    SetLanes(TimelineLanes),
    /// Hide the matrix's marks to reveal them by this unit (from none revealed), or show all.
    SetReveal(Option<RevealBy>),
    /// Reveal one more unit (positive) or hide the last one (negative), within `0..=total`.
    RevealStep(i32, usize),
    /// Put a cell, row or column in the spotlight, or clear it.
    Spotlight(Option<Selection>),
}

/// Applies an action. Pure: no side effects, never panics.
pub fn reduce(state: &ViewState, action: Action) -> ViewState {
    let mut next = state.clone();
    match action {
        Action::Navigate(route) => {
            let same_paper = matches!(
                (&state.route, &route),
                (Route::Read { paper: a, .. }, Route::Read { paper: b, .. }) if a == b
            );
            if !same_paper {
                next.quote = None;
            }
            next.route = route;
        }
        Action::ToggleFacet(facet, value) => {
            if !value.is_empty() || facet.takes_empty_value() {
                let set = next.filters.set_mut(facet);
                if !set.remove(&value) {
                    set.insert(value);
                }
            }
        }
        Action::ClearFacet(facet) => next.filters.set_mut(facet).clear(),
        Action::ClearAll => {
            next.filters = Filters::default();
            next.search.clear();
        }
        Action::SetYears(years) => next.filters.years = years.map(normalise_years),
        Action::SetShared(on) => next.filters.shared = on,
        Action::SetSearch(s) => {
            next.search = crate::text::truncate_chars(&s, MAX_SEARCH_CHARS).to_string()
        }
        Action::SetRows(rows) => next.layout.rows = rows,
        Action::SetCols(cols) => next.layout.cols = cols,
        Action::ToggleTransposed => next.layout.transposed = !next.layout.transposed,
        Action::ToggleCompact => next.layout.compact = !next.layout.compact,
        Action::Select(sel) => next.selection = sel,
        Action::OpenQuote(q) => next.quote = q,
        Action::SetMode(mode) => next.mode = mode,
        Action::Replace(s) => next = *s,
        Action::SetTheme(t) => next.theme = t,
        Action::SetOpenAt(a) => next.open_at = a.and_then(|a| clean_address(&a).ok()),
        Action::SetOverviewCols(c) => next.overview.cols = c,
        Action::SetMeasure(m) => next.overview.measure = m,
        Action::SetLanes(l) => next.timeline_lanes = l,
        Action::SetReveal(by) => next.reveal = by.map(|by| Reveal { by, shown: 0 }),
        Action::RevealStep(delta, total) => {
            if let Some(r) = next.reveal.as_mut() {
                let shown = r.shown.min(total) as i64 + i64::from(delta);
                r.shown = shown.clamp(0, total.min(MAX_REVEAL) as i64) as usize;
            }
        }
        Action::Spotlight(sel) => next.spot = sel,
        Action::SetFacet(facet, values) => {
            *next.filters.set_mut(facet) = values.into_iter().filter(|v| !v.is_empty()).collect()
        }
    }
    next
}

/// Orders the bounds and clamps them to `MIN_YEAR..=MAX_YEAR`.
pub fn normalise_years((a, b): (i32, i32)) -> (i32, i32) {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    (a.clamp(MIN_YEAR, MAX_YEAR), b.clamp(MIN_YEAR, MAX_YEAR))
}

/// The name of a page in words ("Start", "Matrix", "Paper", "Evidence card", …), as the top
/// bar names it: printouts, Markdown titles, the tour editor's step list.
pub fn route_label(route: &Route) -> &'static str {
    match route {
        Route::Home => "Start",
        Route::Matrix => "Matrix",
        Route::Read { .. } => "Paper",
        Route::Evidence { .. } => "Evidence card",
        Route::Overview => "Overview",
        Route::About => "Methods",
        Route::Timeline => "Timeline",
        Route::Compare { .. } => "Compare",
    }
}

/// The route's kind as one lowercase word (its first path segment; `home` for the start page),
/// written on the page (`data-route`) for styles and tests.
pub fn route_key(route: &Route) -> &'static str {
    match route {
        Route::Home => "home",
        Route::Matrix => "matrix",
        Route::Read { .. } => "read",
        Route::Evidence { .. } => "evidence",
        Route::Overview => "overview",
        Route::About => "about",
        Route::Timeline => "timeline",
        Route::Compare { .. } => "compare",
    }
}

/// Whether going from `from` to `to` opens another page, which then starts at its top (a
/// page that selects something further down scrolls to it itself): another kind of page,
/// another paper, evidence item or pair of papers. Moving within one paper's reader (to a
/// block) is not.
pub fn opens_new_page(from: &Route, to: &Route) -> bool {
    match (from, to) {
        (Route::Read { paper: a, .. }, Route::Read { paper: b, .. }) => a != b,
        _ => from != to,
    }
}

/// The reader route that shows a quote: its paper, at the block that holds it (for a quote in
/// a footnote, the block that references the footnote). None when the quote does not exist.
pub fn quote_route(corpus: &Corpus, q: &OpenQuote) -> Option<Route> {
    let coding = corpus.codings.get(corpus.coding_idx(&q.coding)?)?;
    let quote = coding.quotes.get(q.quote)?;
    let paper = corpus.papers.get(coding.paper)?;
    let block = paper
        .doc
        .holding_block(quote.place, quote.index)
        .map(|b| paper.doc.blocks[b].id.clone());
    Some(Route::Read {
        paper: paper.id.clone(),
        block,
    })
}

/// Longest participants' address kept, in chars.
pub const MAX_ADDRESS_CHARS: usize = 300;

/// Checks an address where participants open the explorer (`ViewState::open_at`): `http://`
/// or `https://`, a host, no spaces or control characters, at most `MAX_ADDRESS_CHARS`; any
/// fragment is dropped (links add their own). Surrounding spaces are trimmed. Err says what
/// was expected, in words (for the notice of a link that carries a bad one).
pub fn clean_address(raw: &str) -> Result<String, String> {
    let a = raw.trim();
    let a = a.split_once('#').map_or(a, |(base, _)| base);
    if a.is_empty() {
        return Err("empty address".into());
    }
    if a.chars().count() > MAX_ADDRESS_CHARS {
        return Err(format!("longer than {MAX_ADDRESS_CHARS} characters"));
    }
    if a.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("an address has no spaces".into());
    }
    let lower = a.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.starts_with('/') => Ok(a.to_string()),
        _ => Err("expected an http:// or https:// address".into()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_page_starts_at_its_top_but_a_move_within_the_reader_does_not() {
        use super::{opens_new_page, Route};
        let read = |p: &str, b: Option<&str>| Route::Read {
            paper: p.into(),
            block: b.map(Into::into),
        };
        assert!(opens_new_page(&Route::Home, &Route::Matrix));
        assert!(!opens_new_page(&Route::Matrix, &Route::Matrix));
        assert!(!opens_new_page(&read("a", None), &read("a", Some("p3"))));
        assert!(opens_new_page(&read("a", None), &read("b", None)));
        let cmp = |l: &str| Route::Compare {
            left: Some(l.into()),
            right: None,
        };
        assert!(opens_new_page(&cmp("a"), &cmp("b")));
        assert!(opens_new_page(
            &Route::Evidence { id: "x".into() },
            &Route::Evidence { id: "y".into() }
        ));
    }

    use super::*;

    fn read(paper: &str) -> Route {
        Route::Read {
            paper: paper.into(),
            block: None,
        }
    }

    #[test]
    fn navigate_keeps_filters_and_layout() {
        let mut s = ViewState::default();
        s = reduce(&s, Action::ToggleFacet(Facet::Paper, "a".into()));
        s = reduce(&s, Action::SetRows(RowGroup::Dimension));
        let t = reduce(&s, Action::Navigate(read("a")));
        assert_eq!(t.route, read("a"));
        assert_eq!(t.filters, s.filters);
        assert_eq!(t.layout, s.layout);
    }

    #[test]
    fn navigate_clears_quote_unless_same_paper() {
        let q = OpenQuote {
            coding: "e~c".into(),
            quote: 0,
        };
        let mut s = reduce(&ViewState::default(), Action::Navigate(read("a")));
        s = reduce(&s, Action::OpenQuote(Some(q.clone())));
        let same = reduce(
            &s,
            Action::Navigate(Route::Read {
                paper: "a".into(),
                block: Some("p2".into()),
            }),
        );
        assert_eq!(same.quote, Some(q));
        assert_eq!(reduce(&s, Action::Navigate(read("b"))).quote, None);
        assert_eq!(reduce(&s, Action::Navigate(Route::Matrix)).quote, None);
    }

    #[test]
    fn toggle_facet_adds_then_removes() {
        let s = reduce(
            &ViewState::default(),
            Action::ToggleFacet(Facet::Kind, "x".into()),
        );
        assert!(s.filters.kinds.contains("x"));
        let s = reduce(&s, Action::ToggleFacet(Facet::Kind, "x".into()));
        assert_eq!(s, ViewState::default());
        let s = reduce(&s, Action::ToggleFacet(Facet::Kind, String::new()));
        assert_eq!(s, ViewState::default());
        // The empty place ("no place given") is a value like any other.
        let s = reduce(&s, Action::ToggleFacet(Facet::Place, String::new()));
        assert!(s.filters.places.contains(""));
        let s = reduce(&s, Action::ToggleFacet(Facet::Place, String::new()));
        assert_eq!(s, ViewState::default());
    }

    #[test]
    fn clear_all_clears_filters_and_search_only() {
        let mut s = ViewState::default();
        for a in [
            Action::ToggleFacet(Facet::Actor, "x".into()),
            Action::SetYears(Some((2001, 2002))),
            Action::SetSearch("abc".into()),
            Action::ToggleCompact,
        ] {
            s = reduce(&s, a);
        }
        let t = reduce(&s, Action::ClearAll);
        assert!(t.filters.is_empty());
        assert!(t.search.is_empty());
        assert!(t.layout.compact);
    }

    #[test]
    fn shared_only_is_a_filter_that_clear_all_resets() {
        let s = reduce(&ViewState::default(), Action::SetShared(true));
        assert!(s.filters.shared);
        assert!(!s.filters.is_empty());
        let s = reduce(&s, Action::ClearAll);
        assert!(!s.filters.shared);
        assert!(s.filters.is_empty());
    }

    #[test]
    fn set_years_swaps_and_clamps() {
        let s = reduce(&ViewState::default(), Action::SetYears(Some((2010, 2001))));
        assert_eq!(s.filters.years, Some((2001, 2010)));
        let s = reduce(&s, Action::SetYears(Some((-5, 99999))));
        assert_eq!(s.filters.years, Some((MIN_YEAR, MAX_YEAR)));
    }

    #[test]
    fn set_search_is_capped() {
        let s = reduce(&ViewState::default(), Action::SetSearch("é".repeat(1000)));
        assert_eq!(s.search.chars().count(), MAX_SEARCH_CHARS);
    }

    #[test]
    fn toggles_and_replace() {
        let s = reduce(&ViewState::default(), Action::ToggleTransposed);
        assert!(s.layout.transposed);
        let s = reduce(&s, Action::SetMode(Mode::Present));
        assert_eq!(s.mode, Mode::Present);
        assert_eq!(
            reduce(&s, Action::Replace(Box::default())),
            ViewState::default()
        );
    }

    #[test]
    fn theme_is_set_and_cleared() {
        let s = reduce(
            &ViewState::default(),
            Action::SetTheme(Some(Theme::Projector)),
        );
        assert_eq!(s.theme, Some(Theme::Projector));
        assert_eq!(reduce(&s, Action::SetTheme(None)).theme, None);
        for t in Theme::ALL {
            assert_eq!(Theme::from_key(t.key()), Some(t));
            assert_eq!(Theme::from_key(&t.key().to_uppercase()), Some(t));
        }
        assert_eq!(Theme::from_key("sepia"), None);
    }

    #[test]
    fn overview_options_and_set_facet() {
        let s = reduce(
            &ViewState::default(),
            Action::SetOverviewCols(OverviewCols::Years),
        );
        let s = reduce(&s, Action::SetMeasure(Measure::Quotes));
        assert_eq!(s.overview.cols, OverviewCols::Years);
        assert_eq!(s.overview.measure, Measure::Quotes);
        let s = reduce(&s, Action::ToggleFacet(Facet::Kind, "a".into()));
        let set: BTreeSet<String> = ["b".to_string(), String::new()].into();
        let s = reduce(&s, Action::SetFacet(Facet::Kind, set));
        assert_eq!(s.filters.kinds, ["b".to_string()].into());
        for c in OverviewCols::ALL {
            assert_eq!(OverviewCols::from_key(c.key()), Some(c));
        }
        for m in Measure::ALL {
            assert_eq!(Measure::from_key(m.key()), Some(m));
        }
    }

    #[test]
    fn facet_keys_round_trip() {
        for f in Facet::ALL {
            assert_eq!(Facet::from_key(f.key()), Some(f));
            assert_eq!(Facet::ALL[f.index()], f);
        }
    }
}
