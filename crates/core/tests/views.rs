//! The views' core functions (overview, methods figures, exports, version check) on the tiny
//! fixture corpus, built through the same code as the real one.

use std::path::Path;

use evidence_core::query::filter::FilterIndex;
use evidence_core::query::overview::{build_overview, year_bins};
use evidence_core::seeds::{build_corpus, read_seed_dir};
use evidence_core::state::{Measure, OverviewCols, RowGroup, RowKey, ViewState};
use evidence_core::testkit::overview_grid;
use evidence_core::Corpus;

fn tiny() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    build_corpus(&read_seed_dir(&dir, "seeds").expect("fixture readable")).expect("tiny corpus")
}

fn rows(c: &Corpus, s: &ViewState) -> Vec<(String, Vec<Option<usize>>, usize)> {
    let o = build_overview(c, &FilterIndex::new(c), s);
    overview_grid(&o, |k| match k {
        RowKey::Category(id) | RowKey::Dimension(id) => id.clone(),
    })
}

#[test]
fn tiny_overview_dimensions_by_paper_and_categories_by_kind() {
    let c = tiny();
    let mut s = ViewState::default();
    s.layout.rows = RowGroup::Dimension;
    s.overview.cols = OverviewCols::Paper;
    s.overview.measure = Measure::Quotes;
    assert_eq!(
        rows(&c, &s),
        vec![
            ("practice".into(), vec![Some(1), Some(1)], 2),
            // Beta's learning category is argued without evidence: a gap, not "does not apply".
            ("learning".into(), vec![Some(1), Some(0)], 1),
        ]
    );
    let o = build_overview(&c, &FilterIndex::new(&c), &s);
    let ctx: Vec<(String, Vec<Option<usize>>)> = o.context.groups[0]
        .rows
        .iter()
        .map(|r| (format!("{:?}", r.key), r.cells.clone()))
        .collect();
    assert_eq!(
        ctx,
        vec![("Category(\"a-context\")".into(), vec![Some(1), None])]
    );
    let mut s = ViewState::default();
    s.overview.cols = OverviewCols::Kind;
    s.overview.measure = Measure::Evidence;
    assert_eq!(
        rows(&c, &s),
        vec![
            ("a-practical".into(), vec![Some(1), Some(0), Some(0)], 1),
            ("a-teacher".into(), vec![Some(0), Some(1), Some(0)], 1),
            ("b-signal".into(), vec![Some(1), Some(0), Some(0)], 1),
            ("b-partnership".into(), vec![Some(0), Some(0), Some(0)], 0),
        ]
    );
    let o = build_overview(&c, &FilterIndex::new(&c), &s);
    assert_eq!(o.main.col_totals, vec![1, 1, 0]);
    assert_eq!(o.main.total, 2);
    // The context category (the 2008 review) is counted apart.
    assert_eq!(o.context.col_totals, vec![0, 0, 1]);
    assert_eq!(o.context.total, 1);
    let gap = o.main.groups[1]
        .rows
        .iter()
        .find(|r| r.label.contains("artnership"));
    assert!(gap.map(|r| r.no_evidence).unwrap_or(false));
}

#[test]
fn tiny_year_bins() {
    let c = tiny();
    assert_eq!(
        year_bins(&c, None),
        vec![
            (2003, 2003),
            (2004, 2004),
            (2005, 2005),
            (2006, 2006),
            (2007, 2007),
            (2008, 2008)
        ]
    );
}
