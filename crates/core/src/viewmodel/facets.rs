//! The facet sidebar's view model: the span of the year inputs, the range a typed year makes,
//! which facets start open, and each checkbox's element id.

use crate::query::filter::{FacetCounts, FacetValue};
use crate::state::Facet;

/// A facet's values as the side bar draws them: categories grouped under their paper (papers
/// in corpus order, categories in their order), since papers reuse labels ("Framing and
/// background" in each); every other facet is one group without a paper.
pub fn value_groups(values: &[FacetValue]) -> Vec<(Option<usize>, Vec<&FacetValue>)> {
    let mut groups: Vec<(Option<usize>, Vec<&FacetValue>)> = Vec::new();
    let mut papers: Vec<Option<usize>> = values.iter().map(|v| v.paper).collect();
    crate::model::order::sort(&mut papers);
    papers.dedup();
    for p in papers {
        groups.push((p, values.iter().filter(|v| v.paper == p).collect()));
    }
    groups
}

/// The first and last year of the corpus's year histogram ((0, 0) without dated evidence): the
/// bounds of the year inputs and what an untouched input shows.
pub fn year_span(counts: &FacetCounts) -> (i32, i32) {
    let first = counts.years.first().map(|y| y.0).unwrap_or(0);
    let last = counts.years.last().map(|y| y.0).unwrap_or(0);
    (first, last)
}

/// The year range after the user typed `text` into the start (`is_start`) or end input:
/// the other bound is kept (from `current`, else the corpus's `span`); text that is not a
/// year clears the range.
pub fn years_after_input(
    current: Option<(i32, i32)>,
    span: (i32, i32),
    is_start: bool,
    text: &str,
) -> Option<(i32, i32)> {
    let year = text.trim().parse::<i32>().ok()?;
    let (from, to) = current.unwrap_or(span);
    Some(if is_start { (year, to) } else { (from, year) })
}

/// Whether a facet's list starts open: when a value is selected, and always for the facets
/// with few values that most questions start from.
pub fn open_by_default(facet: Facet, n_selected: usize) -> bool {
    n_selected > 0
        || matches!(
            facet,
            Facet::Paper | Facet::Partner | Facet::Dimension | Facet::Kind
        )
}

/// The element id of a value's checkbox: the facet's key and the value in hex, so any value
/// (spaces, quotes, non-ASCII) makes a valid, unique id.
pub fn checkbox_id(facet: Facet, value: &str) -> String {
    let hex: String = value.bytes().map(|b| format!("{b:02x}")).collect();
    format!("f-{}-{hex}", facet.key())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::{facet_counts, FilterIndex};
    use crate::state::ViewState;
    use crate::testkit;

    #[test]
    fn the_year_inputs_span_the_corpus() {
        let c = testkit::sample();
        let counts = facet_counts(&c, &FilterIndex::new(&c), &ViewState::default());
        assert_eq!(year_span(&counts), (2007, 2012));
        assert_eq!(year_span(&FacetCounts::default()), (0, 0));
    }

    #[test]
    fn a_typed_year_sets_one_bound_and_keeps_the_other() {
        let span = (2007, 2012);
        assert_eq!(
            years_after_input(None, span, true, " 2009 "),
            Some((2009, 2012))
        );
        assert_eq!(
            years_after_input(None, span, false, "2010"),
            Some((2007, 2010))
        );
        assert_eq!(
            years_after_input(Some((2008, 2011)), span, false, "2010"),
            Some((2008, 2010))
        );
        assert_eq!(
            years_after_input(Some((2008, 2011)), span, true, ""),
            None,
            "cleared"
        );
        assert_eq!(
            years_after_input(Some((2008, 2011)), span, true, "20x9"),
            None
        );
    }

    #[test]
    fn categories_are_grouped_under_their_paper() {
        let c = testkit::sample();
        let counts = facet_counts(&c, &FilterIndex::new(&c), &ViewState::default());
        let cats = counts.facet(Facet::Category).unwrap();
        let groups = value_groups(&cats.values);
        let papers: Vec<Option<usize>> = groups.iter().map(|g| g.0).collect();
        assert_eq!(papers, [Some(0), Some(1), Some(2)]);
        for (p, vs) in &groups {
            assert!(vs
                .iter()
                .all(|v| c.categories[c.category_idx(&v.id).unwrap()].paper == p.unwrap()));
        }
        assert_eq!(
            groups.iter().map(|g| g.1.len()).sum::<usize>(),
            c.categories.len()
        );
        let kinds = counts.facet(Facet::Kind).unwrap();
        let groups = value_groups(&kinds.values);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].0, None);
    }

    #[test]
    fn some_facets_start_open_and_every_selected_one_does() {
        assert!(open_by_default(Facet::Paper, 0));
        assert!(!open_by_default(Facet::Actor, 0));
        assert!(open_by_default(Facet::Actor, 1));
    }

    #[test]
    fn checkbox_ids_are_valid_for_any_value() {
        assert_eq!(
            checkbox_id(Facet::Place, "Gulf of Aden"),
            "f-place-47756c66206f66204164656e"
        );
        assert_eq!(checkbox_id(Facet::Place, "é"), "f-place-c3a9");
        assert_ne!(
            checkbox_id(Facet::Kind, "a b"),
            checkbox_id(Facet::Kind, "a_b")
        );
    }
}
