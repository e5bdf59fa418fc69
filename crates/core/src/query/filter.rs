//! Faceted filtering of codings: OR within a facet, AND across facets, plus the year range and
//! the search. Also the facet counts a filter panel shows and the year histogram.
//!
//! `FilterIndex` is built once per corpus: it holds every coding's facet values as indices
//! and the `SearchIndex`. A state's filters are then resolved to per-value flags, and each
//! coding gets a bitmask of the constraints it fails, so "passes everything" and "passes
//! everything but facet F" (for counts) are one mask test each.

use std::collections::BTreeSet;

use crate::model::Corpus;
use crate::query::search::{Query, SearchIndex};
use crate::state::{Facet, Filters, ViewState, MAX_YEAR, MIN_YEAR};
use crate::text::search_key;

/// Bit of the year constraint in a fail mask (facets use bits 0-7, `Facet::index`).
const YEARS_BIT: u16 = 1 << 8;
/// Bit of the search constraint in a fail mask.
const SEARCH_BIT: u16 = 1 << 9;
/// Bit of the "cited by two or more papers" constraint in a fail mask.
const SHARED_BIT: u16 = 1 << 10;

/// Precomputed facet values of the corpus, built once.
#[derive(Debug, Clone, Default)]
pub struct FilterIndex {
    /// The search index.
    pub search: SearchIndex,
    /// Distinct places, alphabetical (folded order, then as written).
    pub places: Vec<String>,
    /// Distinct actors, alphabetical (folded order, then as written).
    pub actors: Vec<String>,
    /// Per evidence: index into `places`.
    ev_place: Vec<usize>,
    /// Per evidence: indices into `actors`.
    ev_actors: Vec<Vec<usize>>,
    /// Per evidence: first and last year of its date span.
    ev_years: Vec<(i32, i32)>,
    /// Per evidence: how many papers cite it.
    ev_papers: Vec<usize>,
}

/// Fewest papers that cite an evidence item for it to count as shared (the papers can be
/// compared on it): the "only evidence two or more papers cite" filter.
pub const SHARED_MIN_PAPERS: usize = 2;

/// Every value of a facet as the corpus writes it, as (id, label): the paper's short title,
/// the category's and dimension's labels, the value itself for vocabularies, places and
/// actors. Corpus order; places and actors once per evidence item that has them (so they may
/// repeat). `FilterIndex::facet_values` gives the distinct values in display order.
pub fn corpus_facet_values(
    corpus: &Corpus,
    facet: Facet,
) -> Box<dyn Iterator<Item = (&str, &str)> + '_> {
    fn same(v: &str) -> (&str, &str) {
        (v, v)
    }
    match facet {
        Facet::Paper => Box::new(
            corpus
                .papers
                .iter()
                .map(|p| (p.id.as_str(), p.short_title.as_str())),
        ),
        Facet::Partner => Box::new(corpus.partners.iter().map(|v| same(v))),
        Facet::Category => Box::new(
            corpus
                .categories
                .iter()
                .map(|c| (c.id.as_str(), c.label.as_str())),
        ),
        Facet::Dimension => Box::new(
            corpus
                .dimensions
                .iter()
                .map(|d| (d.id.as_str(), d.label.as_str())),
        ),
        Facet::Place => Box::new(
            corpus
                .evidence
                .iter()
                .map(|e| (e.place.as_str(), crate::model::place_label(&e.place))),
        ),
        Facet::Kind => Box::new(corpus.kinds.iter().map(|v| same(v))),
        Facet::Domain => Box::new(corpus.domains.iter().map(|v| same(v))),
        Facet::Actor => Box::new(
            corpus
                .evidence
                .iter()
                .flat_map(|e| e.actors.iter().map(|v| same(v))),
        ),
    }
}

/// The label of one value of a facet (see `corpus_facet_values`), None when the corpus has no
/// such value.
pub fn facet_label<'a>(corpus: &'a Corpus, facet: Facet, id: &str) -> Option<&'a str> {
    corpus_facet_values(corpus, facet).find_map(|(v, label)| (v == id).then_some(label))
}

/// A value's label that says what it is outside its facet's list (chips, the filter line,
/// printouts and exports): a category with its paper's mark in front (`U · Framing`), since
/// papers reuse labels; every other value as `facet_label` says.
pub fn qualified_label(corpus: &Corpus, facet: Facet, id: &str) -> Option<String> {
    if facet == Facet::Category {
        let k = corpus.category_idx(id)?;
        let cat = &corpus.categories[k];
        return Some(match corpus.papers.get(cat.paper) {
            Some(p) => format!("{} · {}", p.mark, cat.label),
            None => cat.label.clone(),
        });
    }
    facet_label(corpus, facet, id).map(str::to_string)
}

fn alphabetical<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let set: BTreeSet<&str> = values.collect();
    let mut v: Vec<(String, &str)> = set.into_iter().map(|s| (search_key(s), s)).collect();
    crate::model::order::sort(&mut v);
    v.into_iter().map(|(_, s)| s.to_string()).collect()
}

/// Looks values up in a list by their index in it (0 for a value not in the list).
fn positions(list: &[String]) -> impl Fn(&str) -> usize + '_ {
    let at: std::collections::HashMap<&str, usize> = list
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    move |v| at.get(v).copied().unwrap_or(0)
}

impl FilterIndex {
    /// Indexes the corpus.
    pub fn new(corpus: &Corpus) -> Self {
        let places = alphabetical(corpus_facet_values(corpus, Facet::Place).map(|v| v.0));
        let actors = alphabetical(corpus_facet_values(corpus, Facet::Actor).map(|v| v.0));
        let (ev_place, ev_actors) = {
            let (place_at, actor_at) = (positions(&places), positions(&actors));
            let ev_place = corpus.evidence.iter().map(|e| place_at(&e.place)).collect();
            let ev_actors = corpus
                .evidence
                .iter()
                .map(|e| e.actors.iter().map(|a| actor_at(a)).collect())
                .collect();
            (ev_place, ev_actors)
        };
        let ev_years = corpus
            .evidence
            .iter()
            .map(|e| (e.date.start.0, e.date.end.0.max(e.date.start.0)))
            .collect();
        // Papers citing each evidence item, in one pass over the codings.
        let mut cited: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); corpus.evidence.len()];
        for k in &corpus.codings {
            if let Some(set) = cited.get_mut(k.evidence) {
                set.insert(k.paper);
            }
        }
        let ev_papers = cited.iter().map(BTreeSet::len).collect();
        FilterIndex {
            search: SearchIndex::default(),
            ev_papers,
            places,
            actors,
            ev_place,
            ev_actors,
            ev_years,
        }
    }

    /// The values a facet can take, as (id, label), in display order: corpus order for papers,
    /// partners, categories, dimensions, kinds and domains; alphabetical for places, actors.
    pub fn facet_values<'a>(&'a self, corpus: &'a Corpus, facet: Facet) -> Vec<(&'a str, &'a str)> {
        let same = |v: &'a String| (v.as_str(), v.as_str());
        match facet {
            Facet::Place => self
                .places
                .iter()
                .map(|p| (p.as_str(), crate::model::place_label(p)))
                .collect(),
            Facet::Actor => self.actors.iter().map(same).collect(),
            _ => corpus_facet_values(corpus, facet).collect(),
        }
    }

    /// Calls `f` with each value (index into `facet_values`) coding `c` has for `facet`.
    fn each_value(&self, corpus: &Corpus, facet: Facet, c: usize, mut f: impl FnMut(usize)) {
        let Some(coding) = corpus.codings.get(c) else {
            return;
        };
        let cat = corpus.categories.get(coding.category);
        let ev = corpus.evidence.get(coding.evidence);
        match facet {
            Facet::Paper => f(coding.paper),
            Facet::Partner => {
                if let Some(p) = cat.and_then(|k| k.partner) {
                    f(p)
                }
            }
            Facet::Category => f(coding.category),
            Facet::Dimension => {
                if let Some(d) = cat.and_then(|k| k.dimension) {
                    f(d)
                }
            }
            Facet::Place => {
                if let Some(&t) = self.ev_place.get(coding.evidence) {
                    f(t)
                }
            }
            Facet::Kind => {
                if let Some(e) = ev {
                    f(e.kind)
                }
            }
            Facet::Domain => {
                if let Some(e) = ev {
                    f(e.domain)
                }
            }
            Facet::Actor => {
                for &a in self.ev_actors.get(coding.evidence).into_iter().flatten() {
                    f(a)
                }
            }
        }
    }

    /// How many papers cite evidence item `e`.
    pub fn evidence_papers(&self, e: usize) -> usize {
        self.ev_papers.get(e).copied().unwrap_or(0)
    }

    /// Whether evidence item `e` is shared: cited by `SHARED_MIN_PAPERS` or more papers.
    pub fn is_shared(&self, e: usize) -> bool {
        self.evidence_papers(e) >= SHARED_MIN_PAPERS
    }

    /// Year span (first, last) of evidence item `e`.
    pub fn evidence_years(&self, e: usize) -> Option<(i32, i32)> {
        self.ev_years.get(e).copied()
    }
}

/// The filters of a state resolved against the corpus: per facet, which values are allowed.
#[derive(Debug, Clone)]
struct Resolved {
    /// Per facet: None when the facet is unconstrained, else a flag per value.
    allowed: Vec<Option<Vec<bool>>>,
}

impl Resolved {
    fn new(corpus: &Corpus, index: &FilterIndex, filters: &Filters) -> Self {
        let allowed = Facet::ALL
            .iter()
            .map(|&f| {
                let set = filters.set(f);
                (!set.is_empty()).then(|| {
                    index
                        .facet_values(corpus, f)
                        .iter()
                        .map(|(id, _)| set.contains(*id))
                        .collect()
                })
            })
            .collect();
        Resolved { allowed }
    }

    fn allows(&self, facet: Facet, v: usize) -> bool {
        match &self.allowed[facet.index()] {
            None => true,
            Some(flags) => flags.get(v).copied().unwrap_or(false),
        }
    }
}

/// For each coding, the constraints it fails (bit `Facet::index` per facet, then years and
/// search). Zero means the coding passes.
fn fail_masks(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> Vec<u16> {
    let resolved = Resolved::new(corpus, index, &state.filters);
    let query = Query::parse(&state.search);
    let search = (!query.is_empty()).then(|| index.search.coding_matches(corpus, &query));
    (0..corpus.codings.len())
        .map(|c| {
            let mut mask = 0u16;
            for facet in Facet::ALL {
                if resolved.allowed[facet.index()].is_none() {
                    continue;
                }
                let mut any = false;
                index.each_value(corpus, facet, c, |v| any |= resolved.allows(facet, v));
                if !any {
                    mask |= 1 << facet.index();
                }
            }
            if let Some((a, b)) = state.filters.years {
                let e = corpus.codings[c].evidence;
                let overlaps = index
                    .evidence_years(e)
                    .is_some_and(|(s, t)| s <= b && t >= a);
                if !overlaps {
                    mask |= YEARS_BIT;
                }
            }
            if let Some(m) = &search {
                if !m.get(c).copied().unwrap_or(false) {
                    mask |= SEARCH_BIT;
                }
            }
            if state.filters.shared && !index.is_shared(corpus.codings[c].evidence) {
                mask |= SHARED_BIT;
            }
            mask
        })
        .collect()
}

/// For every coding, whether it passes the state's filters and search.
pub fn filter_codings(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> Vec<bool> {
    fail_masks(corpus, index, state)
        .into_iter()
        .map(|m| m == 0)
        .collect()
}

/// Indices of the codings that pass, in corpus order.
pub fn passing_codings(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> Vec<usize> {
    let pass = filter_codings(corpus, index, state);
    (0..pass.len()).filter(|&c| pass[c]).collect()
}

/// Whether category `k` passes the category-level facets (paper, partner, category,
/// dimension). Such a category keeps its matrix row even when no coding passes.
pub fn category_passes(corpus: &Corpus, filters: &Filters, k: usize) -> bool {
    let Some(cat) = corpus.categories.get(k) else {
        return false;
    };
    let ok = |set: &BTreeSet<String>, id: Option<&String>| {
        set.is_empty() || id.is_some_and(|id| set.contains(id))
    };
    ok(&filters.papers, corpus.papers.get(cat.paper).map(|p| &p.id))
        && ok(
            &filters.partners,
            cat.partner.and_then(|p| corpus.partners.get(p)),
        )
        && ok(&filters.categories, Some(&cat.id))
        && ok(
            &filters.dimensions,
            cat.dimension
                .and_then(|d| corpus.dimensions.get(d))
                .map(|d| &d.id),
        )
}

/// One value of a facet with its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The id written in the URL and in `Filters`.
    pub id: String,
    /// Human label (the paper's short title, the category label, ...).
    pub label: String,
    /// Evidence items that have this value and pass every other facet, the years and search.
    pub count: usize,
    /// Whether the value is in the facet's set.
    pub selected: bool,
    /// The paper a category belongs to (index into `Corpus::papers`); None for other facets.
    /// The side bar groups categories under their paper: labels repeat across papers.
    pub paper: Option<usize>,
}

/// Counts for one facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValues {
    /// The facet.
    pub facet: Facet,
    /// Every value present in the corpus, in display order.
    pub values: Vec<FacetValue>,
}

/// What the filter panel shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FacetCounts {
    /// One entry per facet, in `Facet::ALL` order.
    pub facets: Vec<FacetValues>,
    /// (year, evidence items active that year) for every year from the earliest start to the
    /// latest end in the corpus, counting items that pass everything but the year range.
    pub years: Vec<(i32, usize)>,
    /// Evidence items that pass everything.
    pub n_evidence: usize,
    /// Evidence items in the corpus.
    pub n_evidence_total: usize,
    /// Evidence items cited by two or more papers that pass everything else (what "shared
    /// only" would leave).
    pub n_shared: usize,
}

impl FacetCounts {
    /// The counts of one facet.
    pub fn facet(&self, facet: Facet) -> Option<&FacetValues> {
        self.facets.iter().find(|f| f.facet == facet)
    }
}

/// Longest year histogram returned (guards against absurd date spans).
const MAX_HISTOGRAM_YEARS: i32 = 500;

/// Facet counts for the state (standard faceted search: for each facet, apply every other
/// facet, the year range and the search, then count the evidence items having each value).
pub fn facet_counts(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> FacetCounts {
    let masks = fail_masks(corpus, index, state);
    let n_ev = corpus.evidence.len();
    let mut facets = Vec::with_capacity(Facet::ALL.len());
    for facet in Facet::ALL {
        let bit = 1u16 << facet.index();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (c, &m) in masks.iter().enumerate() {
            if m & !bit == 0 {
                let e = corpus.codings[c].evidence;
                index.each_value(corpus, facet, c, |v| pairs.push((v, e)));
            }
        }
        crate::model::order::sort(&mut pairs);
        pairs.dedup();
        let set = state.filters.set(facet);
        let values = index
            .facet_values(corpus, facet)
            .into_iter()
            .enumerate()
            .map(|(v, (id, label))| {
                let lo = pairs.partition_point(|&(x, _)| x < v);
                let hi = pairs.partition_point(|&(x, _)| x <= v);
                FacetValue {
                    id: id.to_string(),
                    label: label.to_string(),
                    count: hi - lo,
                    selected: set.contains(id),
                    paper: (facet == Facet::Category)
                        .then(|| corpus.category_idx(id).map(|k| corpus.categories[k].paper))
                        .flatten(),
                }
            })
            .collect();
        facets.push(FacetValues { facet, values });
    }

    let mut passing = vec![false; n_ev];
    let mut in_years = vec![false; n_ev];
    let mut shared = vec![false; n_ev];
    for (c, &m) in masks.iter().enumerate() {
        let e = corpus.codings[c].evidence;
        if e < n_ev {
            passing[e] |= m == 0;
            in_years[e] |= m & !YEARS_BIT == 0;
            shared[e] |= m & !SHARED_BIT == 0 && index.is_shared(e);
        }
    }
    let spans = || (0..n_ev).filter_map(|e| index.evidence_years(e));
    let first = spans().map(|s| s.0).min().unwrap_or(0).max(MIN_YEAR);
    let last = spans().map(|s| s.1).max().unwrap_or(0).min(MAX_YEAR);
    let last = last.min(first.saturating_add(MAX_HISTOGRAM_YEARS - 1));
    let mut years: Vec<(i32, usize)> = (first..=last).map(|y| (y, 0)).collect();
    for e in (0..n_ev).filter(|&e| in_years[e]) {
        if let Some((s, t)) = index.evidence_years(e) {
            for y in s.max(first)..=t.min(last) {
                years[(y - first) as usize].1 += 1;
            }
        }
    }
    FacetCounts {
        facets,
        years,
        n_evidence: passing.iter().filter(|&&p| p).count(),
        n_evidence_total: n_ev,
        n_shared: shared.iter().filter(|&&x| x).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;
    use crate::testkit::{self, state};

    fn toggle(f: Facet, v: &str) -> Action {
        Action::ToggleFacet(f, v.into())
    }

    /// Checks which codings (ids) pass after `actions`.
    fn check(actions: Vec<Action>, want: &[&str]) {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let s = state(actions);
        let got: Vec<&str> = passing_codings(&c, &index, &s)
            .into_iter()
            .map(|i| c.codings[i].id.as_str())
            .collect();
        assert_eq!(got, want, "filters {:?} search {:?}", s.filters, s.search);
    }

    #[test]
    fn no_filter_passes_everything() {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let pass = filter_codings(&c, &index, &ViewState::default());
        assert!(pass.iter().all(|&p| p));
    }

    #[test]
    fn shared_only_keeps_evidence_cited_by_two_or_more_papers() {
        // Abe's speech and the Aden escorts are cited by papers a, b and g; the PRT, the
        // exercise and the visit by one paper each.
        let shared = [
            "abe-speech-2007~a-nato-political",
            "abe-speech-2007~b-nato-political",
            "abe-speech-2007~g-nato",
            "aden-escort-2009~a-nato-operational",
            "aden-escort-2009~b-eu-crisis",
            "aden-escort-2009~g-nato",
        ];
        check(vec![Action::SetShared(true)], &shared);
        // AND with the other filters: only paper b's codings of shared evidence.
        check(
            vec![Action::SetShared(true), toggle(Facet::Paper, "beta")],
            &[
                "abe-speech-2007~b-nato-political",
                "aden-escort-2009~b-eu-crisis",
            ],
        );
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let counts = facet_counts(&c, &index, &ViewState::default());
        assert_eq!(counts.n_shared, 2, "two evidence items are shared");
    }

    #[test]
    fn or_within_a_facet() {
        check(
            vec![
                toggle(Facet::Kind, "speech"),
                toggle(Facet::Kind, "exercise"),
            ],
            &[
                "abe-speech-2007~a-nato-political",
                "abe-speech-2007~b-nato-political",
                "abe-speech-2007~g-nato",
                "exercise-2010~b-eu-crisis",
            ],
        );
        // Any actor of the evidence counts.
        check(
            vec![
                toggle(Facet::Actor, "ISAF"),
                toggle(Facet::Actor, "Koichiro Gemba"),
            ],
            &["bamyan-prt-2007~a-eu-civilian", "visit-2011~a-general"],
        );
    }

    #[test]
    fn and_across_facets() {
        check(
            vec![
                toggle(Facet::Paper, "beta"),
                toggle(Facet::Place, "Gulf of Aden"),
            ],
            &["aden-escort-2009~b-eu-crisis", "exercise-2010~b-eu-crisis"],
        );
        check(
            vec![
                toggle(Facet::Partner, "NATO"),
                toggle(Facet::Domain, "military"),
            ],
            &[
                "aden-escort-2009~a-nato-operational",
                "aden-escort-2009~g-nato",
            ],
        );
        check(
            vec![
                toggle(Facet::Dimension, "capacity"),
                toggle(Facet::Category, "a-eu-civilian"),
            ],
            &["bamyan-prt-2007~a-eu-civilian"],
        );
        // A category without partner never passes a partner filter.
        check(
            vec![toggle(Facet::Partner, "EU"), toggle(Facet::Paper, "gamma")],
            &[],
        );
        // Unknown ids match nothing.
        check(vec![toggle(Facet::Paper, "nope")], &[]);
        // Search is one more AND.
        check(
            vec![
                toggle(Facet::Paper, "alpha"),
                Action::SetSearch("aden".into()),
            ],
            &["aden-escort-2009~a-nato-operational"],
        );
    }

    #[test]
    fn year_range_overlaps_inclusive_at_both_ends() {
        let years = |a, b| Action::SetYears(Some((a, b)));
        // The Bamyán span 2007-03/2008-12 overlaps 2008 only at its end.
        check(vec![years(2008, 2008)], &["bamyan-prt-2007~a-eu-civilian"]);
        // 2009/2010 overlaps a range that starts in its last year.
        check(
            vec![years(2010, 2011)],
            &[
                "aden-escort-2009~a-nato-operational",
                "aden-escort-2009~b-eu-crisis",
                "aden-escort-2009~g-nato",
                "exercise-2010~b-eu-crisis",
                "visit-2011~a-general",
            ],
        );
        check(vec![years(2012, 2020)], &[]);
        check(
            vec![years(1990, 2007), toggle(Facet::Paper, "gamma")],
            &["abe-speech-2007~g-nato"],
        );
    }

    #[test]
    fn category_level_facets() {
        let c = testkit::sample();
        let s = state(vec![toggle(Facet::Paper, "gamma")]);
        let ids: Vec<&str> = (0..c.categories.len())
            .filter(|&k| category_passes(&c, &s.filters, k))
            .map(|k| c.categories[k].id.as_str())
            .collect();
        assert_eq!(ids, ["g-nato", "g-empty"]);
        assert!(!category_passes(&c, &s.filters, 99));
    }

    /// Counts of one facet as (id, count) after `actions`.
    fn check_counts(actions: Vec<Action>, facet: Facet, want: &[(&str, usize)]) {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let counts = facet_counts(&c, &index, &state(actions));
        let got: Vec<(&str, usize)> = counts
            .facet(facet)
            .unwrap()
            .values
            .iter()
            .map(|v| (v.id.as_str(), v.count))
            .collect();
        assert_eq!(got, want, "facet {facet:?}");
    }

    #[test]
    fn facet_counts_ignore_their_own_facet() {
        // Selecting a paper does not shrink the paper counts.
        check_counts(
            vec![toggle(Facet::Paper, "gamma")],
            Facet::Paper,
            &[("alpha", 4), ("beta", 3), ("gamma", 2)],
        );
        // ... but shrinks the others.
        check_counts(
            vec![toggle(Facet::Paper, "gamma")],
            Facet::Place,
            &[
                ("Bamyán", 0),
                ("Brussels", 1),
                ("Gulf of Aden", 1),
                ("Tokyo", 0),
            ],
        );
        check_counts(
            vec![],
            Facet::Kind,
            &[
                ("speech", 1),
                ("visit", 1),
                ("operation", 2),
                ("exercise", 1),
            ],
        );
        check_counts(
            vec![Action::SetSearch("jmsdf".into())],
            Facet::Actor,
            &[
                ("EU NAVFOR", 2),
                ("ISAF", 0),
                ("Japan", 0),
                ("JMSDF", 2),
                ("Koichiro Gemba", 0),
                ("North Atlantic Council", 0),
                ("Shinzo Abe", 0),
            ],
        );
    }

    #[test]
    fn facet_counts_labels_selection_and_totals() {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let s = state(vec![toggle(Facet::Partner, "EU")]);
        let counts = facet_counts(&c, &index, &s);
        let partner = counts.facet(Facet::Partner).unwrap();
        assert_eq!(partner.values[1].label, "EU");
        assert!(partner.values[1].selected && !partner.values[0].selected);
        let papers = counts.facet(Facet::Paper).unwrap();
        assert_eq!(papers.values[0].label, "alpha (short)");
        assert_eq!(counts.n_evidence, 3);
        assert_eq!(counts.n_evidence_total, 6);
    }

    #[test]
    fn year_histogram_ignores_the_year_range_only() {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let s = state(vec![
            Action::SetYears(Some((2011, 2011))),
            toggle(Facet::Domain, "military"),
        ]);
        let counts = facet_counts(&c, &index, &s);
        assert_eq!(counts.years.first(), Some(&(2007, 0)));
        assert_eq!(counts.years.last(), Some(&(2012, 0)));
        let active: Vec<(i32, usize)> = counts.years.iter().copied().filter(|y| y.1 > 0).collect();
        assert_eq!(active, [(2009, 1), (2010, 2)]);
        assert_eq!(counts.n_evidence, 0);
    }

    #[test]
    fn on_300_codings_each_facet_narrows_and_none_widens() {
        // AND across facets: every action can only keep or drop codings, never add one, and
        // the result on a large corpus is the same on every run. (Speed is measured by
        // scripts/bench.sh, never asserted here.)
        let c = testkit::scaled(3, 8, 100, 3);
        let index = FilterIndex::new(&c);
        let steps = [
            toggle(Facet::Partner, "EU"),
            toggle(Facet::Place, "Gulf of Aden"),
            Action::SetSearch("gulf".into()),
        ];
        let mut previous = vec![true; c.codings.len()];
        let mut actions = Vec::new();
        for a in steps {
            actions.push(a);
            let now = filter_codings(&c, &index, &state(actions.clone()));
            assert_eq!(now.len(), c.codings.len());
            assert!(
                now.iter().zip(&previous).all(|(n, p)| !n || *p),
                "{actions:?} widened"
            );
            assert_eq!(now, filter_codings(&c, &index, &state(actions.clone())));
            previous = now;
        }
        assert!(
            previous.iter().any(|k| *k),
            "the three facets still leave codings"
        );
        assert!(previous.iter().any(|k| !*k), "and drop some");
    }
}
