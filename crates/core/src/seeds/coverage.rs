//! Phase 6: coverage. Every category is coded or is an honest gap (`no_evidence`, and then
//! has no coding), every evidence item is coded, every dimension has a category (primary or
//! secondary link), every series has an item.

use super::categories::Categories;
use super::codings::Codings;
use super::diags::Diags;
use super::dimensions::Dimensions;
use super::evidence::EvidenceItems;
use super::series::SeriesList;

/// What coverage looks at: the built records and what the coding records name.
pub(super) struct Built<'a> {
    pub(super) dimensions: &'a Dimensions,
    pub(super) categories: &'a Categories,
    pub(super) evidence: &'a EvidenceItems,
    pub(super) codings: &'a Codings,
    pub(super) series: &'a SeriesList,
}

/// Reports every gap in the coverage.
pub(super) fn check(b: &Built, diags: &mut Diags) {
    categories(b, diags);
    for (e, (file, line)) in b.evidence.list.iter().zip(&b.evidence.lines) {
        if !b.codings.named.contains(&format!("evidence:{}", e.id)) {
            diags.push(
                file,
                *line,
                format!("evidence `{}` is never coded", e.id),
                "at least one [[coding]] with `evidence` = this id",
            );
        }
    }
    for (i, d) in b.dimensions.list.iter().enumerate() {
        let used = b
            .categories
            .list
            .iter()
            .any(|c| c.dimension == Some(i) || c.secondary.iter().any(|s| s.dimension == i));
        if !used {
            let (file, line) = &b.dimensions.lines[i];
            diags.push(
                file,
                *line,
                format!("dimension `{}` has no category", d.id),
                "at least one [[category]] with `dimension` = this id",
            );
        }
    }
    for (i, s) in b.series.list.iter().enumerate() {
        if !b.evidence.list.iter().any(|e| e.series == Some(i)) {
            let (file, line) = &b.series.lines[i];
            diags.push(
                file,
                *line,
                format!("series `{}` has no evidence item", s.id),
                "at least one [[evidence]] with `series` = this id",
            );
        }
    }
}

/// A category has codings, or `no_evidence` (an honest gap), never both and never neither.
fn categories(b: &Built, diags: &mut Diags) {
    for (c, (file, line)) in b.categories.list.iter().zip(&b.categories.lines) {
        let coded = b.codings.named.contains(&format!("category:{}", c.id));
        match (coded, c.no_evidence.is_some()) {
            (false, false) => diags.push(
                file,
                *line,
                format!("category `{}` has no coding", c.id),
                "at least one [[coding]] with `category` = this id, or `no_evidence = \"…\"` (the author's words) when the paper cites no concrete evidence for it",
            ),
            (true, true) => diags.push(
                file,
                *line,
                format!("category `{}` has `no_evidence` and codings", c.id),
                "either codings or `no_evidence` (an honest gap), not both",
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Dimension, Evidence};

    #[test]
    fn reports_what_is_not_used() {
        let dimensions = Dimensions {
            list: vec![Dimension {
                id: "d".into(),
                ..Dimension::default()
            }],
            lines: vec![("cb.toml".into(), 2)],
            ..Dimensions::default()
        };
        let categories = Categories {
            list: vec![Category {
                id: "c".into(),
                dimension: None,
                ..Category::default()
            }],
            lines: vec![("cb.toml".into(), 5)],
            ..Categories::default()
        };
        let evidence = EvidenceItems {
            list: vec![Evidence {
                id: "e".into(),
                ..Evidence::default()
            }],
            lines: vec![("cb.toml".into(), 9)],
            ..EvidenceItems::default()
        };
        let mut codings = Codings::default();
        codings.named.insert("evidence:e".into());
        let mut d = Diags::default();
        let series = SeriesList::default();
        check(
            &Built {
                dimensions: &dimensions,
                categories: &categories,
                evidence: &evidence,
                codings: &codings,
                series: &series,
            },
            &mut d,
        );
        let text: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "cb.toml:2: dimension `d` has no category; at least one [[category]] with `dimension` = this id",
                "cb.toml:5: category `c` has no coding; at least one [[coding]] with `category` = this id, or `no_evidence = \"…\"` (the author's words) when the paper cites no concrete evidence for it",
            ]
        );
    }
}
