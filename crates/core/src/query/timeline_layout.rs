//! Where the timeline's drawing puts everything, in SVG units: the axis and its year ticks
//! (which ones carry a year), the lanes' boxes, each item's bar or dot, and its label. The
//! app only draws what this returns.
//!
//! Labels make the timeline readable without hovering (as TimelineJS and Kumu do): each item's
//! title, cut to `Geometry::max_label`, is written on its row inside its bar when the bar is
//! long enough, else right of the item, else left of it, and rows are packed so that no label
//! runs into another item or label. A lane opens new rows for labelled items up to
//! `Geometry::label_rows`; an item with no room on them is drawn without a label (its title
//! stays in its tooltip and accessible name). Items that reach past the axis (a range that
//! starts before a zoomed period) are cut at its ends and say so (`cut_before`, `cut_after`),
//! so the lane labels on the left are never covered.
//!
//! `busy_period` is the period most items fall in: the page offers to zoom to it, since one
//! long range (1982–2011) otherwise squeezes the years where most events are.

use crate::query::timeline::Timeline;

/// Sizes of the drawing (SVG units; the SVG scales to the page's width).
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// Width of the drawing.
    pub width: f64,
    /// Left end of the axis (lane labels are left of it).
    pub x0: f64,
    /// Right end of the axis.
    pub x1: f64,
    /// Height of the axis band above the lanes.
    pub axis: f64,
    /// Height of one row of items (a bar and the labels beside or inside it).
    pub row: f64,
    /// Padding above and below a lane's rows.
    pub pad: f64,
    /// Estimated width of one character of a label (font size 10 in the app's sans).
    pub char_w: f64,
    /// Longest label (a longer title is cut, with an ellipsis).
    pub max_label: f64,
    /// Rows of labelled items a lane takes at most.
    pub label_rows: usize,
    /// Least space between a year label and the next.
    pub tick_gap: f64,
    /// Space kept between items on a row.
    pub gap: f64,
    /// Distance between the repeated paper marks of a tall lane.
    pub mark_every: f64,
}

impl Default for Geometry {
    fn default() -> Self {
        Geometry {
            width: 1000.0,
            x0: 190.0,
            x1: 990.0,
            axis: 22.0,
            row: 16.0,
            pad: 5.0,
            char_w: 5.5,
            max_label: 160.0,
            label_rows: 30,
            tick_gap: 34.0,
            gap: 8.0,
            mark_every: 200.0,
        }
    }
}

/// One year line of the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// The year (its line is at the year's start).
    pub year: i32,
    /// x of the line.
    pub x: f64,
    /// Whether the year is written (every year when there is room, else every n-th).
    pub labelled: bool,
}

/// One lane's box.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneBox {
    /// Top of the lane.
    pub top: f64,
    /// Its height.
    pub height: f64,
    /// Tops of the lane's paper mark: at its top, and again every `Geometry::mark_every` down a
    /// tall lane, so that a mark is in view wherever the reader has scrolled to.
    pub marks: Vec<f64>,
}

/// A label under an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Left end of the text.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// The text (the title, cut to fit).
    pub text: String,
    /// Written inside the item's bar (drawn in the bar's text colour).
    pub inside: bool,
}

/// Where one item is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemBox {
    /// Index into `Timeline::items`.
    pub item: usize,
    /// Left end of the bar (the dot's centre for a point).
    pub x: f64,
    /// Width of the bar (0 for a point).
    pub w: f64,
    /// Vertical centre of the bar.
    pub y: f64,
    /// The item starts before the axis (cut at its left end).
    pub cut_before: bool,
    /// The item ends after the axis (cut at its right end).
    pub cut_after: bool,
    /// Its label, when there is room.
    pub label: Option<Label>,
}

/// The whole drawing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// Year lines, first to last (plus the line closing the last year).
    pub ticks: Vec<Tick>,
    /// One box per lane of the timeline.
    pub lanes: Vec<LaneBox>,
    /// One box per item of the timeline, in its order.
    pub items: Vec<ItemBox>,
    /// Height of the drawing.
    pub height: f64,
}

/// Shortest bar drawn (a month is about 5 units on a 15-year axis).
const MIN_BAR: f64 = 3.0;
/// Half the width a dot takes.
const DOT: f64 = 4.0;
/// Space between an item and its label.
const LABEL_GAP: f64 = 4.0;

impl Geometry {
    /// x of a fractional year on an axis from `first` to the end of `last`.
    pub fn x_of(&self, first: i32, last: i32, year: f64) -> f64 {
        let span = f64::from(last + 1 - first).max(1.0);
        self.x0 + (year - f64::from(first)) / span * (self.x1 - self.x0)
    }

    /// The fractional year under x (the inverse of `x_of`).
    pub fn year_of(&self, first: i32, last: i32, x: f64) -> f64 {
        let span = f64::from(last + 1 - first).max(1.0);
        f64::from(first) + (x - self.x0) / (self.x1 - self.x0) * span
    }

    /// A title cut to the longest label (chars kept whole, an ellipsis when cut).
    pub fn label_text(&self, title: &str) -> String {
        let max = (self.max_label / self.char_w).floor().max(2.0) as usize;
        if title.chars().count() <= max {
            title.to_string()
        } else {
            format!(
                "{}…",
                crate::text::truncate_chars(title, max - 1).trim_end()
            )
        }
    }

    /// The estimated width of a label's text.
    pub fn text_width(&self, text: &str) -> f64 {
        text.chars().count() as f64 * self.char_w
    }
}

/// Lays out a timeline; `title` gives an item's title (by index into `Timeline::items`).
pub fn layout<'a>(t: &Timeline, title: impl Fn(usize) -> &'a str, g: &Geometry) -> Layout {
    if t.items.is_empty() {
        return Layout::default();
    }
    let (first, last) = (t.first_year, t.last_year);
    let per_year = (g.x1 - g.x0) / f64::from(last + 1 - first).max(1.0);
    let step = ((g.tick_gap / per_year).ceil() as i32).max(1);
    let ticks = (first..=last + 1)
        .map(|year| Tick {
            year,
            x: g.x_of(first, last, f64::from(year)),
            labelled: year <= last && (year - first) % step == 0,
        })
        .collect();

    let mut lanes = Vec::with_capacity(t.lanes.len());
    let mut items: Vec<Option<ItemBox>> = vec![None; t.items.len()];
    let mut top = g.axis + 4.0;
    for lane in 0..t.lanes.len() {
        // The right end of what is on each row so far (items come by start).
        let mut rows: Vec<f64> = Vec::new();
        let mut placed: Vec<(usize, ItemBox)> = Vec::new();
        for (i, it) in t.items.iter().enumerate().filter(|(_, it)| it.lane == lane) {
            let (xa_raw, xb_raw) = (g.x_of(first, last, it.start), g.x_of(first, last, it.end));
            let cut_before = xa_raw < g.x0 - 0.01;
            let cut_after = xb_raw > g.x1 + 0.01;
            let xa = xa_raw.clamp(g.x0, g.x1);
            let point = it.precision == crate::query::timeline::Precision::Day;
            let (bar_l, bar_r, x, w) = if point {
                (xa - DOT, xa + DOT, xa, 0.0)
            } else {
                let xb = xb_raw.clamp(g.x0, g.x1).max(xa + MIN_BAR);
                (xa, xb, xa, xb - xa)
            };
            let text = g.label_text(title(i));
            let tw = g.text_width(&text);
            // Where the label may go, best first: inside a bar long enough, right of the item,
            // left of it; each as (label x, left and right end of what the item then takes).
            let inside = bar_r - bar_l >= tw + 2.0 * LABEL_GAP;
            let mut spots: Vec<(f64, f64, f64)> = Vec::with_capacity(3);
            if inside {
                spots.push((bar_l + LABEL_GAP, bar_l, bar_r));
            }
            if bar_r + LABEL_GAP + tw <= g.x1 {
                spots.push((bar_r + LABEL_GAP, bar_l, bar_r + LABEL_GAP + tw));
            }
            if bar_l - LABEL_GAP - tw >= g.x0 {
                spots.push((bar_l - LABEL_GAP - tw, bar_l - LABEL_GAP - tw, bar_r));
            }
            let fits = |end: f64, from: f64| end + g.gap <= from;
            // The first row with room for the item and its label; else a new row while the
            // lane has fewer than `label_rows`; else the item alone, on the first row with room.
            let mut choice: Option<(usize, Option<f64>, f64)> = None;
            'rows: for (r, &end) in rows.iter().enumerate() {
                for &(lx, l, rt) in &spots {
                    if fits(end, l) {
                        choice = Some((r, Some(lx), rt));
                        break 'rows;
                    }
                }
            }
            if choice.is_none() && rows.len() < g.label_rows {
                if let Some(&(lx, _, rt)) = spots.first() {
                    rows.push(f64::MIN);
                    choice = Some((rows.len() - 1, Some(lx), rt));
                }
            }
            let (row, lx, right) =
                choice.unwrap_or_else(|| match rows.iter().position(|&end| fits(end, bar_l)) {
                    Some(r) => (r, None, bar_r),
                    None => {
                        rows.push(f64::MIN);
                        (rows.len() - 1, None, bar_r)
                    }
                });
            rows[row] = right;
            placed.push((
                row,
                ItemBox {
                    item: i,
                    x,
                    w,
                    y: 0.0,
                    cut_before,
                    cut_after,
                    label: lx.map(|x| Label {
                        x,
                        y: 0.0,
                        text,
                        inside: inside && x == bar_l + LABEL_GAP,
                    }),
                },
            ));
        }
        let height = 2.0 * g.pad + rows.len().max(1) as f64 * g.row;
        for (r, mut b) in placed {
            let y0 = top + g.pad + r as f64 * g.row;
            b.y = y0 + g.row / 2.0;
            if let Some(l) = b.label.as_mut() {
                l.y = b.y + 3.5;
            }
            let at = b.item;
            items[at] = Some(b);
        }
        let mut marks = vec![top + g.pad];
        while marks[marks.len() - 1] + g.mark_every + g.row <= top + height {
            let next = marks[marks.len() - 1] + g.mark_every;
            marks.push(next);
        }
        lanes.push(LaneBox { top, height, marks });
        top += height;
    }
    Layout {
        ticks,
        lanes,
        items: items.into_iter().flatten().collect(),
        height: top + 4.0,
    }
}

/// The period most of the items fall in: the shortest run of whole years that holds at least
/// four in five items (an item counts for the year it starts, and a range also for the year it
/// ends), when that is at most half the axis; None when the axis is already that period.
pub fn busy_period(t: &Timeline) -> Option<(i32, i32)> {
    if t.items.is_empty() {
        return None;
    }
    let years_of = |it: &crate::query::timeline::TimelineItem| -> (i32, i32) {
        (it.start.floor() as i32, (it.end - 1e-9).floor() as i32)
    };
    let n = t.items.len();
    let need = (n * 4).div_ceil(5);
    let span = t.last_year - t.first_year + 1;
    let mut best: Option<(i32, i32)> = None;
    for a in t.first_year..=t.last_year {
        for b in a..=t.last_year {
            if best.is_some_and(|(x, y)| y - x <= b - a) {
                break;
            }
            let inside = t
                .items
                .iter()
                .filter(|it| {
                    let (s, e) = years_of(it);
                    (a..=b).contains(&s) || (a..=b).contains(&e)
                })
                .count();
            if inside >= need {
                best = Some((a, b));
                break;
            }
        }
    }
    best.filter(|(a, b)| 2 * (b - a + 1) <= span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::FilterIndex;
    use crate::query::timeline::{build_timeline, Precision, TimelineItem};
    use crate::state::{reduce, Action, ViewState};
    use crate::testkit;

    fn sample() -> (crate::model::Corpus, Timeline) {
        let c = testkit::sample();
        let t = build_timeline(&c, &FilterIndex::new(&c), &ViewState::default());
        (c, t)
    }

    fn boxes_overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    }

    fn label_box(g: &Geometry, l: &Label) -> (f64, f64, f64, f64) {
        (l.x, l.y - 9.0, l.x + g.text_width(&l.text), l.y + 2.0)
    }

    #[test]
    fn every_item_of_the_sample_has_a_label_and_no_two_labels_overlap() {
        let (c, t) = sample();
        let g = Geometry::default();
        let l = layout(&t, |i| c.evidence[t.items[i].evidence].title.as_str(), &g);
        assert_eq!(l.items.len(), t.items.len());
        assert_eq!(l.lanes.len(), t.lanes.len());
        assert!(l.items.iter().all(|b| b.label.is_some()));
        let labels: Vec<_> = l
            .items
            .iter()
            .filter_map(|b| b.label.as_ref())
            .map(|x| label_box(&g, x))
            .collect();
        for (i, a) in labels.iter().enumerate() {
            assert!(a.0 >= g.x0 && a.2 <= g.x1 + 0.01, "{a:?} inside the axis");
            for b in &labels[i + 1..] {
                assert!(!boxes_overlap(*a, *b), "{a:?} and {b:?}");
            }
        }
        // Nor does a label run into another item's bar or dot (its own bar may hold it).
        for x in &l.items {
            let Some(lab) = &x.label else { continue };
            let a = label_box(&g, lab);
            for y in l.items.iter().filter(|y| y.item != x.item) {
                let bar = (y.x - DOT, y.y - 4.0, y.x + y.w.max(DOT), y.y + 4.0);
                assert!(!boxes_overlap(a, bar), "{lab:?} and {y:?}");
            }
        }
        // Lanes follow each other and the drawing holds them; each has its paper's mark.
        for w in l.lanes.windows(2) {
            assert!((w[0].top + w[0].height - w[1].top).abs() < 1e-9);
        }
        assert!(l.lanes.iter().all(|b| b.marks == [b.top + g.pad]));
        let last = l.lanes.last().unwrap();
        assert!(l.height >= last.top + last.height);
    }

    #[test]
    fn ticks_are_every_year_and_written_where_there_is_room() {
        let (c, t) = sample();
        let g = Geometry::default();
        let l = layout(&t, |i| c.evidence[t.items[i].evidence].title.as_str(), &g);
        // 2007-2011: five years, each written, plus the line closing 2011.
        let years: Vec<(i32, bool)> = l.ticks.iter().map(|k| (k.year, k.labelled)).collect();
        assert_eq!(
            years,
            [
                (2007, true),
                (2008, true),
                (2009, true),
                (2010, true),
                (2011, true),
                (2012, false)
            ]
        );
        assert_eq!(l.ticks[0].x, g.x0);
        assert!((l.ticks[5].x - g.x1).abs() < 1e-9);
        // Forty years: every second year at most is written, never closer than the gap.
        let long = Timeline {
            first_year: 1980,
            last_year: 2019,
            ..t.clone()
        };
        let l = layout(
            &long,
            |i| c.evidence[t.items[i].evidence].title.as_str(),
            &g,
        );
        let written: Vec<f64> = l.ticks.iter().filter(|k| k.labelled).map(|k| k.x).collect();
        assert!(written.len() < 40 && written.len() >= 10);
        assert!(written.windows(2).all(|w| w[1] - w[0] >= g.tick_gap));
    }

    #[test]
    fn a_zoomed_period_fills_the_axis_and_cuts_what_reaches_past_it() {
        let c = testkit::sample();
        let s = reduce(&ViewState::default(), Action::SetYears(Some((2009, 2010))));
        let t = build_timeline(&c, &FilterIndex::new(&c), &s);
        assert_eq!((t.first_year, t.last_year), (2009, 2010));
        let g = Geometry::default();
        let l = layout(&t, |i| c.evidence[t.items[i].evidence].title.as_str(), &g);
        // 2009 starts at the left end and 2010 ends at the right end.
        assert_eq!(l.ticks.first().map(|k| k.x), Some(g.x0));
        assert!((l.ticks.last().unwrap().x - g.x1).abs() < 1e-9);
        for b in &l.items {
            assert!(b.x >= g.x0 - DOT && b.x + b.w <= g.x1 + 1e-9, "{b:?}");
        }
        // Bamyán (2007-03 to 2008-12) is not in 2009-2010; the escort (2009-2010) fills it.
        let escort = t
            .items
            .iter()
            .position(|it| c.evidence[it.evidence].id == "aden-escort-2009")
            .unwrap();
        let b = l.items.iter().find(|b| b.item == escort).unwrap();
        assert!((b.w - (g.x1 - g.x0)).abs() < 1.0, "{b:?}");
        assert!(!b.cut_before && !b.cut_after);
        // Its title fits inside its bar, so it is written there.
        let lab = b.label.as_ref().unwrap();
        assert!(lab.inside && lab.x > b.x && lab.x + g.text_width(&lab.text) < b.x + b.w);
    }

    #[test]
    fn an_item_past_the_axis_is_cut_and_says_so() {
        let (c, mut t) = sample();
        t.first_year = 2009;
        let g = Geometry::default();
        let l = layout(&t, |i| c.evidence[t.items[i].evidence].title.as_str(), &g);
        let bamyan = l
            .items
            .iter()
            .find(|b| c.evidence[t.items[b.item].evidence].id == "bamyan-prt-2007")
            .unwrap();
        assert!(bamyan.cut_before && !bamyan.cut_after);
        assert_eq!(bamyan.x, g.x0);
    }

    #[test]
    fn a_crowded_lane_labels_what_it_can_and_draws_the_rest_bare() {
        let (c, t) = sample();
        // Forty items on the same day in one lane: `label_rows` labelled rows, the rest bare.
        let mut crowded = t.clone();
        crowded.items = (0..40)
            .map(|_| TimelineItem {
                lane: 0,
                precision: Precision::Day,
                ..t.items[0].clone()
            })
            .collect();
        let g = Geometry::default();
        let l = layout(
            &crowded,
            |i| c.evidence[crowded.items[i].evidence].title.as_str(),
            &g,
        );
        assert_eq!(
            l.items.iter().filter(|b| b.label.is_some()).count(),
            g.label_rows
        );
        assert_eq!(l.items.len(), 40);
        let ys: std::collections::BTreeSet<i64> =
            l.items.iter().map(|b| (b.y * 100.0) as i64).collect();
        assert_eq!(ys.len(), 40, "each on its own row");
        // The tall lane repeats its mark down its length.
        let lane = &l.lanes[0];
        assert!(lane.marks.len() >= 2, "{lane:?}");
        assert!(lane
            .marks
            .windows(2)
            .all(|w| (w[1] - w[0] - g.mark_every).abs() < 1e-9));
        assert!(*lane.marks.last().unwrap() + g.row <= lane.top + lane.height);
    }

    #[test]
    fn long_titles_are_cut_with_an_ellipsis() {
        let g = Geometry::default();
        let long = "x".repeat(200);
        let cut = g.label_text(&long);
        assert!(cut.ends_with('…'));
        assert!(g.text_width(&cut) <= g.max_label);
        assert_eq!(g.label_text("Short"), "Short");
    }

    #[test]
    fn the_busy_period_leaves_out_one_long_range() {
        let (_, t) = sample();
        // The sample spans 2007-2011 with its items spread: no zoom offered.
        assert_eq!(busy_period(&t), None);
        // Nine items in 2005-2010 and one range from 1982 to 2011.
        let mut t2 = t.clone();
        let item = |start: f64, end: f64| TimelineItem {
            start,
            end,
            ..t.items[0].clone()
        };
        t2.items = (0..9)
            .map(|k| item(2005.0 + f64::from(k) * 0.6, 2005.2 + f64::from(k) * 0.6))
            .chain([item(1982.0, 2012.0)])
            .collect();
        t2.first_year = 1982;
        t2.last_year = 2011;
        assert_eq!(busy_period(&t2), Some((2005, 2009)));
        assert_eq!(busy_period(&Timeline::default()), None);
    }
}
