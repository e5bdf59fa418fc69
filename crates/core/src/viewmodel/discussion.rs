//! Reveal and spotlight on the matrix grid, for discussion in a workshop: which cells show
//! their marks, which are dimmed, and how far a reveal has come.
//!
//! Units are counted in screen order and only where there is something to reveal: a row unit
//! is an on-screen row with at least one mark, a column unit a column with at least one mark, a
//! cell unit a non-empty cell (reading order: row by row, left to right). So every "next"
//! reveals something the room has not seen.

use super::grid::Grid;
use crate::model::Corpus;
use crate::query::filter::FilterIndex;
use crate::query::matrix::build_matrix;
use crate::state::{Reveal, RevealBy, Route, Selection, ViewState};

/// Which marks of one on-screen row are revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowReveal {
    /// Every mark (no reveal in progress, or this row is revealed).
    #[default]
    All,
    /// The marks of the columns before this on-screen column.
    Before(usize),
    /// The first this-many non-empty cells of the row.
    First(usize),
}

/// Which cells of one on-screen row are in the light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lit {
    /// All of them (no spotlight, or the spotlight is on this row).
    #[default]
    All,
    /// Only the cell in this on-screen column.
    Column(usize),
    /// None: the row is dimmed.
    None,
}

/// How one on-screen row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowShow {
    /// Its revealed marks.
    pub reveal: RowReveal,
    /// Its cells in the light.
    pub lit: Lit,
}

impl RowShow {
    /// Whether the cell in on-screen column `col`, the `nth` non-empty cell of the row
    /// (0-based), shows its marks.
    pub fn revealed(&self, col: usize, nth: usize) -> bool {
        match self.reveal {
            RowReveal::All => true,
            RowReveal::Before(c) => col < c,
            RowReveal::First(n) => nth < n,
        }
    }

    /// Whether the cell in on-screen column `col` is dimmed by a spotlight.
    pub fn dimmed(&self, col: usize) -> bool {
        match self.lit {
            Lit::All => false,
            Lit::Column(c) => c != col,
            Lit::None => true,
        }
    }
}

/// Reveal and spotlight over the whole grid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Discussion {
    /// One per on-screen row.
    pub rows: Vec<RowShow>,
    /// Units there are to reveal (0 without a reveal).
    pub total: usize,
    /// Units revealed (at most `total`).
    pub shown: usize,
    /// The unit, when a reveal is in progress.
    pub by: Option<RevealBy>,
    /// The spotlight's on-screen position (row, column; -1 for a whole row or column).
    pub spot: Option<(i32, i32)>,
}

impl Discussion {
    /// What the grid shows for `reveal` and `spot` in the given orientation.
    pub fn new(
        grid: &Grid,
        transposed: bool,
        reveal: Option<Reveal>,
        spot: Option<&Selection>,
    ) -> Discussion {
        let (n_rows, n_cols) = grid.size(transposed);
        let (n_rows, n_cols) = (n_rows.max(0) as usize, n_cols.max(0) as usize);
        let per_row: Vec<usize> = (0..n_rows)
            .map(|r| grid.marks_in_row(transposed, r).len())
            .collect();
        let mut rows = vec![RowShow::default(); n_rows];
        let (mut total, mut shown) = (0, 0);
        if let Some(rv) = reveal {
            let units: Vec<usize> = match rv.by {
                RevealBy::Row | RevealBy::Cell => (0..n_rows).filter(|&r| per_row[r] > 0).collect(),
                RevealBy::Column => {
                    let mut has = vec![false; n_cols];
                    for r in 0..n_rows {
                        for (c, _) in grid.marks_in_row(transposed, r) {
                            if let Some(h) = has.get_mut(*c) {
                                *h = true;
                            }
                        }
                    }
                    (0..n_cols).filter(|&c| has[c]).collect()
                }
            };
            total = match rv.by {
                RevealBy::Cell => per_row.iter().sum(),
                _ => units.len(),
            };
            shown = rv.shown.min(total);
            let mut before = 0;
            for (r, show) in rows.iter_mut().enumerate() {
                show.reveal = match rv.by {
                    RevealBy::Row => {
                        let rank = units.iter().take_while(|&&u| u < r).count();
                        if rank < shown && per_row[r] > 0 {
                            RowReveal::All
                        } else {
                            RowReveal::First(0)
                        }
                    }
                    RevealBy::Column => {
                        RowReveal::Before(units.get(shown).copied().unwrap_or(n_cols))
                    }
                    RevealBy::Cell => RowReveal::First(shown.saturating_sub(before)),
                };
                before += per_row[r];
            }
        }
        let spot_pos = spot.and_then(|s| grid.position_of(transposed, s));
        if let Some((sr, sc)) = spot_pos {
            for (r, show) in rows.iter_mut().enumerate() {
                show.lit = match (sr, sc) {
                    (-1, c) => Lit::Column(c as usize),
                    (row, -1) if row == r as i32 => Lit::All,
                    (row, c) if row == r as i32 => Lit::Column(c as usize),
                    _ => Lit::None,
                };
            }
        }
        Discussion {
            rows,
            total,
            shown,
            by: reveal.map(|r| r.by),
            spot: spot_pos,
        }
    }

    /// The row's show (every mark, in the light, for a row out of range).
    pub fn row(&self, r: usize) -> RowShow {
        self.rows.get(r).copied().unwrap_or_default()
    }

    /// "Revealed 3 of 17 rows", or None without a reveal.
    pub fn progress(&self) -> Option<String> {
        self.by
            .map(|by| format!("Revealed {} of {} {}", self.shown, self.total, by.plural()))
    }

    /// True when a reveal is in progress and something is still hidden.
    pub fn more_to_reveal(&self) -> bool {
        self.by.is_some() && self.shown < self.total
    }
}

/// The units the state's reveal counts in its matrix (0 without a reveal, or off the matrix):
/// what "reveal next" and the presentation keys step through.
pub fn reveal_total(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> usize {
    if state.reveal.is_none() || state.route != Route::Matrix {
        return 0;
    }
    let grid = Grid::new(corpus, &build_matrix(corpus, index, state));
    Discussion::new(&grid, state.layout.transposed, state.reveal, None).total
}

/// What a "next" in presentation mode does to a state with a reveal: reveal one more unit
/// (`Some(+1)`), or nothing (`None`: move on to the next step). `back` asks for "previous":
/// hide the last revealed unit (`Some(-1)`) while any is shown.
pub fn reveal_move(state: &ViewState, total: usize, back: bool) -> Option<i32> {
    let r = state.reveal?;
    let shown = r.shown.min(total);
    match back {
        false if shown < total => Some(1),
        true if shown > 0 => Some(-1),
        _ => None,
    }
}

/// What a presented matrix cannot show: "12 of 87 columns and 3 of 20 rows are off screen",
/// from the counts the browser measured; None when everything is on screen. A presentation
/// says so instead of cutting the grid silently.
pub fn offscreen_note(
    rows_off: usize,
    rows: usize,
    cols_off: usize,
    cols: usize,
) -> Option<String> {
    let part = |off: usize, all: usize, one: &str, many: &str| {
        (off > 0).then(|| format!("{off} of {all} {}", if all == 1 { one } else { many }))
    };
    let parts: Vec<String> = [
        part(cols_off, cols, "column", "columns"),
        part(rows_off, rows, "row", "rows"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        return None;
    }
    let verb = if parts.len() == 1 && rows_off + cols_off == 1 {
        "is"
    } else {
        "are"
    };
    Some(format!(
        "{} {verb} off screen: filter the view or use the compact layout to show them",
        parts.join(" and ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::RowKey;
    use crate::testkit;

    /// The grid of the sample corpus and, per on-screen row, its cells as `x` (mark) or `.`.
    fn grid() -> (Grid, Vec<String>) {
        let c = testkit::sample();
        let idx = FilterIndex::new(&c);
        let g = Grid::new(&c, &build_matrix(&c, &idx, &ViewState::default()));
        let (rows, _) = g.size(false);
        let pic = (0..rows as usize)
            .map(|r| {
                let (cells, _) = g.row(false, r);
                cells
                    .iter()
                    .map(|c| if c.is_some() { 'x' } else { '.' })
                    .collect()
            })
            .collect();
        (g, pic)
    }

    /// What shows: per row, `x` revealed mark, `?` hidden mark, `.` empty; dimmed in upper case
    /// (`X`, `?` stays, `_` for a dimmed empty cell).
    fn shows(g: &Grid, d: &Discussion) -> Vec<String> {
        let (rows, _) = g.size(false);
        (0..rows as usize)
            .map(|r| {
                let show = d.row(r);
                let mut nth = 0;
                let (cells, _) = g.row(false, r);
                cells
                    .iter()
                    .enumerate()
                    .map(|(col, c)| {
                        let dim = show.dimmed(col);
                        match c {
                            None => {
                                if dim {
                                    '_'
                                } else {
                                    '.'
                                }
                            }
                            Some(_) => {
                                let open = show.revealed(col, nth);
                                nth += 1;
                                match (open, dim) {
                                    (true, false) => 'x',
                                    (true, true) => 'X',
                                    (false, _) => '?',
                                }
                            }
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn without_reveal_or_spotlight_everything_shows() {
        let (g, pic) = grid();
        let d = Discussion::new(&g, false, None, None);
        assert_eq!(shows(&g, &d), pic);
        assert_eq!((d.progress(), d.more_to_reveal()), (None, false));
    }

    #[test]
    fn reveal_by_cell_goes_in_reading_order() {
        let (g, pic) = grid();
        let n: usize = pic.iter().map(|r| r.matches('x').count()).sum();
        assert!(n >= 3, "the sample grid has cells: {pic:?}");
        for shown in [0, 1, 2, n, n + 5] {
            let d = Discussion::new(
                &g,
                false,
                Some(Reveal {
                    by: RevealBy::Cell,
                    shown,
                }),
                None,
            );
            let got = shows(&g, &d);
            let revealed: usize = got.iter().map(|r| r.matches('x').count()).sum();
            assert_eq!(revealed, shown.min(n), "{got:?}");
            // The revealed marks are the first ones in reading order.
            let flat: String = got.concat().chars().filter(|c| *c != '.').collect();
            assert_eq!(
                flat,
                format!(
                    "{}{}",
                    "x".repeat(shown.min(n)),
                    "?".repeat(n - shown.min(n))
                )
            );
            assert_eq!(d.total, n);
            assert_eq!(d.more_to_reveal(), shown < n);
        }
        let d = Discussion::new(
            &g,
            false,
            Some(Reveal {
                by: RevealBy::Cell,
                shown: 1,
            }),
            None,
        );
        assert_eq!(d.progress().unwrap(), format!("Revealed 1 of {n} cells"));
    }

    #[test]
    fn reveal_by_row_and_by_column_counts_only_units_with_marks() {
        let (g, pic) = grid();
        let rows_with: Vec<usize> = (0..pic.len()).filter(|&r| pic[r].contains('x')).collect();
        let d = Discussion::new(
            &g,
            false,
            Some(Reveal {
                by: RevealBy::Row,
                shown: 1,
            }),
            None,
        );
        assert_eq!(d.total, rows_with.len());
        let got = shows(&g, &d);
        for (r, line) in got.iter().enumerate() {
            if r == rows_with[0] {
                assert_eq!(line, &pic[r], "the first row with marks is revealed");
            } else {
                assert!(!line.contains('x'), "row {r} stays hidden: {line}");
            }
        }
        let n_cols = pic[0].len();
        let cols_with: Vec<usize> = (0..n_cols)
            .filter(|&c| pic.iter().any(|r| r.as_bytes()[c] == b'x'))
            .collect();
        let d = Discussion::new(
            &g,
            false,
            Some(Reveal {
                by: RevealBy::Column,
                shown: 2,
            }),
            None,
        );
        assert_eq!(d.total, cols_with.len());
        let got = shows(&g, &d);
        for (line, want) in got.iter().zip(&pic) {
            for (c, (a, b)) in line.chars().zip(want.chars()).enumerate() {
                let open = c < cols_with.get(2).copied().unwrap_or(n_cols);
                assert_eq!(
                    a,
                    if b == '.' {
                        '.'
                    } else if open {
                        'x'
                    } else {
                        '?'
                    },
                    "column {c}"
                );
            }
        }
    }

    #[test]
    fn spotlight_dims_everything_but_its_cell_row_or_column() {
        let c = testkit::sample();
        let (g, pic) = grid();
        let cat = c.categories[0].id.clone();
        let row = g
            .position_of(false, &Selection::Row(RowKey::Category(cat.clone())))
            .unwrap();
        let d = Discussion::new(
            &g,
            false,
            None,
            Some(&Selection::Row(RowKey::Category(cat))),
        );
        let got = shows(&g, &d);
        for (r, line) in got.iter().enumerate() {
            if r as i32 == row.0 {
                assert_eq!(line, &pic[r]);
            } else {
                assert!(
                    line.chars().all(|ch| ch == 'X' || ch == '_'),
                    "row {r} dimmed: {line}"
                );
            }
        }
        let ev = c.evidence[0].id.clone();
        let col = g
            .position_of(false, &Selection::Column(ev.clone()))
            .unwrap()
            .1 as usize;
        let d = Discussion::new(&g, false, None, Some(&Selection::Column(ev)));
        assert_eq!(d.spot, Some((-1, col as i32)));
        for line in shows(&g, &d) {
            for (i, ch) in line.chars().enumerate() {
                assert_eq!(i == col, ch == 'x' || ch == '.', "{line}");
            }
        }
    }

    #[test]
    fn presentation_keys_reveal_before_they_move_on() {
        let c = testkit::sample();
        let idx = FilterIndex::new(&c);
        let mut s = ViewState {
            route: Route::Matrix,
            ..ViewState::default()
        };
        assert_eq!(reveal_total(&c, &idx, &s), 0, "no reveal, nothing to count");
        assert_eq!(reveal_move(&s, 0, false), None);
        s.reveal = Some(Reveal {
            by: RevealBy::Row,
            shown: 0,
        });
        let total = reveal_total(&c, &idx, &s);
        assert!(total > 0);
        assert_eq!(reveal_move(&s, total, false), Some(1));
        assert_eq!(
            reveal_move(&s, total, true),
            None,
            "nothing shown: back moves on"
        );
        s = crate::state::reduce(&s, crate::state::Action::RevealStep(1, total));
        assert_eq!(s.reveal.unwrap().shown, 1);
        assert_eq!(reveal_move(&s, total, true), Some(-1));
        for _ in 0..total + 3 {
            s = crate::state::reduce(&s, crate::state::Action::RevealStep(1, total));
        }
        assert_eq!(s.reveal.unwrap().shown, total, "never past the last unit");
        assert_eq!(
            reveal_move(&s, total, false),
            None,
            "all shown: next moves on"
        );
        s.route = Route::Overview;
        assert_eq!(reveal_total(&c, &idx, &s), 0, "only the matrix reveals");
    }

    #[test]
    fn off_screen_parts_are_named_never_hidden() {
        assert_eq!(offscreen_note(0, 20, 0, 87), None);
        assert_eq!(
            offscreen_note(0, 20, 12, 87).unwrap(),
            "12 of 87 columns are off screen: filter the view or use the compact layout to show them"
        );
        assert_eq!(
            offscreen_note(3, 20, 12, 87).unwrap(),
            "12 of 87 columns and 3 of 20 rows are off screen: filter the view or use the compact layout to show them"
        );
        assert!(offscreen_note(1, 20, 0, 87)
            .unwrap()
            .starts_with("1 of 20 rows is off screen"));
    }
}
