//! Phase 6: coverage. Every category and evidence item is coded, every dimension has a
//! category.

use super::categories::Categories;
use super::codings::Codings;
use super::diags::Diags;
use super::dimensions::Dimensions;
use super::evidence::EvidenceItems;

/// What coverage looks at: the built records and what the coding records name.
pub(super) struct Built<'a> {
    pub(super) dimensions: &'a Dimensions,
    pub(super) categories: &'a Categories,
    pub(super) evidence: &'a EvidenceItems,
    pub(super) codings: &'a Codings,
}

/// Reports every uncoded category or evidence item and every dimension without a category.
pub(super) fn check(b: &Built, diags: &mut Diags) {
    let uncoded = [
        (
            "category",
            b.categories.id_list(),
            &b.categories.lines,
            "has no coding",
        ),
        (
            "evidence",
            b.evidence.id_list(),
            &b.evidence.lines,
            "is never coded",
        ),
    ];
    for (kind, ids, lines, problem) in uncoded {
        for (id, (file, line)) in ids.iter().zip(lines) {
            if !b.codings.named.contains(&format!("{kind}:{id}")) {
                diags.push(
                    file,
                    *line,
                    format!("{kind} `{id}` {problem}"),
                    format!("at least one [[coding]] with `{kind}` = this id"),
                );
            }
        }
    }
    for (i, d) in b.dimensions.list.iter().enumerate() {
        if !b.categories.list.iter().any(|c| c.dimension == Some(i)) {
            let (file, line) = &b.dimensions.lines[i];
            diags.push(
                file,
                *line,
                format!("dimension `{}` has no category", d.id),
                "at least one [[category]] with `dimension` = this id",
            );
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
        check(
            &Built {
                dimensions: &dimensions,
                categories: &categories,
                evidence: &evidence,
                codings: &codings,
            },
            &mut d,
        );
        let text: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "cb.toml:2: dimension `d` has no category; at least one [[category]] with `dimension` = this id",
                "cb.toml:5: category `c` has no coding; at least one [[coding]] with `category` = this id",
            ]
        );
    }
}
