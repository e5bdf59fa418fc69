//! The drill-down panel's view model: what the selection is called, and the summary of the
//! codings behind it.

use super::count;
use crate::model::Corpus;
use crate::state::{RowKey, Selection};

/// The panel's heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelHead {
    /// What is selected: "Cell", "Row" or "Evidence".
    pub kicker: &'static str,
    /// Its name: "row × evidence", the row's label, or the evidence title.
    pub title: String,
    /// The evidence item whose card the panel links to (cells and columns).
    pub evidence: Option<String>,
}

/// The label of a matrix row: the category's, or "<dimension> (all categories)".
pub fn row_label(corpus: &Corpus, key: &RowKey) -> String {
    match key {
        RowKey::Category(id) => corpus
            .category_idx(id)
            .map(|i| corpus.categories[i].label.clone())
            .unwrap_or_default(),
        RowKey::Dimension(id) => corpus
            .dimension_idx(id)
            .map(|i| format!("{} (all categories)", corpus.dimensions[i].label))
            .unwrap_or_default(),
    }
}

/// The heading of the panel for a selection.
pub fn head(corpus: &Corpus, sel: &Selection) -> PanelHead {
    let ev_title = |id: &str| {
        corpus
            .evidence_idx(id)
            .map(|i| corpus.evidence[i].title.clone())
            .unwrap_or_default()
    };
    match sel {
        Selection::Cell { row, evidence } => PanelHead {
            kicker: "Cell",
            title: format!("{} × {}", row_label(corpus, row), ev_title(evidence)),
            evidence: Some(evidence.clone()),
        },
        Selection::Row(row) => PanelHead {
            kicker: "Row",
            title: row_label(corpus, row),
            evidence: None,
        },
        Selection::Column(e) => PanelHead {
            kicker: "Evidence",
            title: ev_title(e),
            evidence: Some(e.clone()),
        },
    }
}

/// The papers of some codings, each once, in the codings' order.
pub fn papers(corpus: &Corpus, codings: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &k in codings {
        let p = corpus.codings[k].paper;
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// "2 codings · 3 quotes · 1 paper".
pub fn summary(corpus: &Corpus, codings: &[usize]) -> String {
    let n_quotes: usize = codings
        .iter()
        .map(|&k| corpus.codings[k].quotes.len())
        .sum();
    format!(
        "{} · {} · {}",
        count(codings.len(), "coding", "codings"),
        count(n_quotes, "quote", "quotes"),
        count(papers(corpus, codings).len(), "paper", "papers")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;

    #[test]
    fn heads_name_cells_rows_and_columns() {
        let c = testkit::sample();
        let cell = Selection::Cell {
            row: RowKey::Dimension("political".into()),
            evidence: "abe-speech-2007".into(),
        };
        assert_eq!(
            head(&c, &cell),
            PanelHead {
                kicker: "Cell",
                title: "Political partnership (all categories) × Abe addresses the North Atlantic Council".into(),
                evidence: Some("abe-speech-2007".into()),
            }
        );
        let row = head(&c, &Selection::Row(RowKey::Category("g-nato".into())));
        assert_eq!(
            (row.kicker, row.title.as_str(), row.evidence),
            ("Row", "NATO prospects", None)
        );
        let col = head(&c, &Selection::Column("visit-2011".into()));
        assert_eq!(
            (col.kicker, col.title.as_str()),
            ("Evidence", "Ministerial visit to Brussels")
        );
        assert_eq!(row_label(&c, &RowKey::Category("nope".into())), "");
    }

    #[test]
    fn summaries_count_codings_quotes_and_papers() {
        let c = testkit::sample();
        let k = |id: &str| c.coding_idx(id).unwrap();
        let one = [k("bamyan-prt-2007~a-eu-civilian")];
        assert_eq!(summary(&c, &one), "1 coding · 1 quote · 1 paper");
        let aden = [
            k("aden-escort-2009~a-nato-operational"),
            k("aden-escort-2009~b-eu-crisis"),
            k("aden-escort-2009~g-nato"),
        ];
        assert_eq!(summary(&c, &aden), "3 codings · 4 quotes · 3 papers");
        assert_eq!(papers(&c, &aden), [0, 1, 2]);
        assert_eq!(summary(&c, &[]), "0 codings · 0 quotes · 0 papers");
    }
}
