//! The timeline: the evidence that passes the filters on a time axis, in lanes by paper or by
//! category. Each item keeps the precision its date has in the codebook (a day, a month, a
//! year, or a range), so that the drawing can show a year-only date as the whole year rather
//! than as a false point. Positions are in fractional years; items of one lane that would
//! overlap are stacked on rows.

use std::collections::BTreeSet;

use crate::model::{CategoryKind, Corpus, DateSpan};
use crate::query::filter::{filter_codings, FilterIndex};
use crate::query::matrix::selection_codings;
use crate::state::{TimelineLanes, ViewState};

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// A day (`2007-01-12`).
    Day,
    /// A month (`2006-05`).
    Month,
    /// A year (`2007`).
    Year,
    /// A range (`2001/2010`).
    Range,
}

impl Precision {
    /// Of a codebook date text.
    pub fn of(date_text: &str) -> Precision {
        if date_text.contains('/') {
            return Precision::Range;
        }
        match date_text.matches('-').count() {
            0 => Precision::Year,
            1 => Precision::Month,
            _ => Precision::Day,
        }
    }
    /// In words, for titles ("day", "month only", ...).
    pub fn words(self) -> &'static str {
        match self {
            Precision::Day => "exact day",
            Precision::Month => "month only",
            Precision::Year => "year only",
            Precision::Range => "date range",
        }
    }
}

/// Fractional year of the start of a day.
pub fn year_pos((y, m, d): (i32, u8, u8)) -> f64 {
    f64::from(y) + f64::from(m.clamp(1, 12) - 1) / 12.0 + f64::from(d.clamp(1, 31) - 1) / 372.0
}

/// (start, end) of a span in fractional years; the end is the end of its last day.
pub fn span_pos(span: &DateSpan) -> (f64, f64) {
    let a = year_pos(span.start);
    let b = year_pos(span.end) + 1.0 / 372.0;
    (a, b.max(a))
}

/// One lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// Paper id or category id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Index into `Corpus::papers` of the lane's paper (its mark).
    pub paper: usize,
    /// Stacked rows in the lane (at least 1).
    pub rows: usize,
}

/// One evidence item in one lane.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineItem {
    /// Index into `Corpus::evidence`.
    pub evidence: usize,
    /// Index into `Timeline::lanes`.
    pub lane: usize,
    /// Row inside the lane.
    pub row: usize,
    /// Start, fractional year.
    pub start: f64,
    /// End, fractional year.
    pub end: f64,
    /// Date precision.
    pub precision: Precision,
    /// Part of the selected cell, row or column.
    pub emphasised: bool,
}

/// Everything the timeline draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Lanes in display order (only lanes with items).
    pub lanes: Vec<Lane>,
    /// Items, lane by lane, by start.
    pub items: Vec<TimelineItem>,
    /// First year of the axis.
    pub first_year: i32,
    /// Last year of the axis (inclusive).
    pub last_year: i32,
}

/// Shortest width (in years) an item takes when rows are packed, so that points drawn as
/// markers do not collide.
pub const MIN_PACK_YEARS: f64 = 0.35;

/// Builds the timeline for a state (filters, search, selection, lanes).
pub fn build_timeline(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> Timeline {
    let pass = filter_codings(corpus, index, state);
    let emph: BTreeSet<usize> = match &state.selection {
        Some(sel) => selection_codings(corpus, index, state, sel)
            .into_iter()
            .map(|c| corpus.codings[c].evidence)
            .collect(),
        None => BTreeSet::new(),
    };
    // (lane key order, lane id, label, paper) per coding.
    let lane_of = |c: usize| -> (usize, String, String, usize) {
        let k = &corpus.codings[c];
        match state.timeline_lanes {
            TimelineLanes::Paper => {
                let p = &corpus.papers[k.paper];
                (k.paper, p.id.clone(), p.short_title.clone(), k.paper)
            }
            TimelineLanes::Category => {
                // Context categories (framing, not evidence) follow every analytic lane.
                let cat = &corpus.categories[k.category];
                let context = cat.kind == CategoryKind::Context;
                let label = if context {
                    format!("{} (framing, not evidence)", cat.label)
                } else {
                    cat.label.clone()
                };
                (
                    usize::from(context) * 100_000_000 + cat.paper * 100_000 + k.category,
                    cat.id.clone(),
                    label,
                    cat.paper,
                )
            }
        }
    };
    let mut pairs: BTreeSet<((usize, String, String, usize), usize)> = BTreeSet::new();
    for c in (0..corpus.codings.len()).filter(|&c| pass[c]) {
        pairs.insert((lane_of(c), corpus.codings[c].evidence));
    }
    let mut lanes: Vec<Lane> = Vec::new();
    let mut items: Vec<TimelineItem> = Vec::new();
    let mut first = i32::MAX;
    let mut last = i32::MIN;
    let mut current: Option<usize> = None;
    let mut lane_items: Vec<TimelineItem> = Vec::new();
    let flush = |lane_items: &mut Vec<TimelineItem>,
                 lanes: &mut Vec<Lane>,
                 items: &mut Vec<TimelineItem>| {
        crate::model::order::sort_by(lane_items, |a, b| {
            a.start
                .total_cmp(&b.start)
                .then(a.evidence.cmp(&b.evidence))
        });
        let mut row_ends: Vec<f64> = Vec::new();
        for it in lane_items.iter_mut() {
            let end = it.end.max(it.start + MIN_PACK_YEARS);
            match row_ends.iter().position(|&e| e <= it.start) {
                Some(r) => {
                    it.row = r;
                    row_ends[r] = end;
                }
                None => {
                    it.row = row_ends.len();
                    row_ends.push(end);
                }
            }
        }
        if let Some(l) = lanes.last_mut() {
            l.rows = row_ends.len().max(1);
        }
        items.append(lane_items);
    };
    for ((key, id, label, paper), e) in pairs {
        if current != Some(key) {
            flush(&mut lane_items, &mut lanes, &mut items);
            current = Some(key);
            lanes.push(Lane {
                id,
                label,
                paper,
                rows: 1,
            });
        }
        let ev = &corpus.evidence[e];
        let (start, end) = span_pos(&ev.date);
        first = first.min(ev.date.start.0);
        last = last.max(ev.date.end.0.max(ev.date.start.0));
        lane_items.push(TimelineItem {
            evidence: e,
            lane: lanes.len() - 1,
            row: 0,
            start,
            end,
            precision: Precision::of(&ev.date_text),
            emphasised: emph.contains(&e),
        });
    }
    flush(&mut lane_items, &mut lanes, &mut items);
    if let Some((a, b)) = state.filters.years {
        first = first.max(a);
        last = last.min(b);
    }
    if items.is_empty() {
        return Timeline::default();
    }
    Timeline {
        lanes,
        items,
        first_year: first,
        last_year: last.max(first),
    }
}

/// The inclusive year range a drag across the axis selects: from the year under the start to
/// the year under the end, in either direction, within the axis.
pub fn brush_years(t: &Timeline, from: f64, to: f64) -> Option<(i32, i32)> {
    if t.items.is_empty() || !from.is_finite() || !to.is_finite() {
        return None;
    }
    let clamp = |x: f64| (x.floor() as i32).clamp(t.first_year, t.last_year);
    let (a, b) = (clamp(from.min(to)), clamp(from.max(to)));
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action, Facet, RowKey, Selection};
    use crate::testkit;

    fn build(s: &ViewState) -> (Corpus, Timeline) {
        let c = testkit::sample();
        let t = build_timeline(&c, &FilterIndex::new(&c), s);
        (c, t)
    }

    #[test]
    fn precision_of_dates() {
        assert_eq!(Precision::of("2007-01-12"), Precision::Day);
        assert_eq!(Precision::of("2010-10"), Precision::Month);
        assert_eq!(Precision::of("2012"), Precision::Year);
        assert_eq!(Precision::of("2009/2010"), Precision::Range);
        assert_eq!(year_pos((2007, 1, 1)), 2007.0);
        assert_eq!(year_pos((2007, 7, 1)), 2007.5);
        let (a, b) = span_pos(&DateSpan {
            start: (2009, 1, 1),
            end: (2010, 12, 31),
        });
        assert_eq!(a, 2009.0);
        assert!((b - 2011.0).abs() < 1e-9);
    }

    #[test]
    fn context_lanes_follow_the_analytic_ones_and_say_so() {
        let mut c = testkit::sample();
        let k = c.codings[0].category;
        c.categories[k].kind = CategoryKind::Context;
        let s = ViewState {
            timeline_lanes: TimelineLanes::Category,
            ..ViewState::default()
        };
        let t = build_timeline(&c, &FilterIndex::new(&c), &s);
        let last = t.lanes.last().unwrap();
        assert_eq!(last.id, c.categories[k].id);
        assert!(
            last.label.ends_with("(framing, not evidence)"),
            "{}",
            last.label
        );
        assert_eq!(
            t.lanes
                .iter()
                .filter(|l| l.label.contains("framing"))
                .count(),
            1
        );
    }

    #[test]
    fn lanes_by_paper_with_stacking() {
        let (c, t) = build(&ViewState::default());
        let ids: Vec<&str> = t.lanes.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["alpha", "beta", "gamma"]);
        assert_eq!((t.first_year, t.last_year), (2007, 2011));
        let lane = |l: usize| -> Vec<(String, usize, Precision)> {
            t.items
                .iter()
                .filter(|i| i.lane == l)
                .map(|i| (c.evidence[i.evidence].id.clone(), i.row, i.precision))
                .collect()
        };
        // Alpha: the speech (a day) and Bamyán (2007-03 to 2008-12) overlap: two rows; the
        // escort (2009-2010) and the visit (May 2011) fit on the first row again.
        assert_eq!(
            lane(0),
            vec![
                ("abe-speech-2007".into(), 0, Precision::Day),
                ("bamyan-prt-2007".into(), 1, Precision::Range),
                ("aden-escort-2009".into(), 0, Precision::Range),
                ("visit-2011".into(), 0, Precision::Day),
            ]
        );
        assert_eq!(t.lanes[0].rows, 2);
        // Beta: the escort (2009-2010) and the exercise (2010-10) overlap.
        assert_eq!(
            lane(1),
            vec![
                ("abe-speech-2007".into(), 0, Precision::Day),
                ("aden-escort-2009".into(), 0, Precision::Range),
                ("exercise-2010".into(), 1, Precision::Month),
            ]
        );
        assert!(t.items.iter().all(|i| !i.emphasised));
    }

    #[test]
    fn lanes_by_category_follow_filters_and_emphasise_the_selection() {
        let mut s = ViewState {
            timeline_lanes: TimelineLanes::Category,
            ..ViewState::default()
        };
        s = reduce(&s, Action::ToggleFacet(Facet::Paper, "beta".into()));
        s = reduce(
            &s,
            Action::Select(Some(Selection::Row(RowKey::Category("b-eu-crisis".into())))),
        );
        let (c, t) = build(&s);
        let ids: Vec<&str> = t.lanes.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["b-eu-crisis", "b-nato-political"]);
        let em: Vec<(&str, bool)> = t
            .items
            .iter()
            .map(|i| (c.evidence[i.evidence].id.as_str(), i.emphasised))
            .collect();
        assert_eq!(
            em,
            vec![
                ("aden-escort-2009", true),
                ("exercise-2010", true),
                ("abe-speech-2007", false)
            ]
        );
        let s = reduce(&s, Action::SetYears(Some((2010, 2010))));
        let (_, t) = build(&s);
        assert_eq!((t.first_year, t.last_year), (2010, 2010));
        assert_eq!(t.items.len(), 2);
    }

    #[test]
    fn brushing_selects_whole_years_inside_the_axis() {
        let (_, t) = build(&ViewState::default());
        assert_eq!(brush_years(&t, 2009.7, 2008.2), Some((2008, 2009)));
        assert_eq!(brush_years(&t, 1990.0, 2030.0), Some((2007, 2011)));
        assert_eq!(brush_years(&t, f64::NAN, 2008.0), None);
        assert_eq!(brush_years(&Timeline::default(), 2008.0, 2009.0), None);
    }
}
