//! Phase 7: the canonical order of a valid corpus: evidence by date then id; codings by
//! paper, category (in codebook order), then evidence.

use crate::model::{Coding, Evidence};

/// Sorts the evidence and renumbers the codings' references to it, then sorts the codings.
pub(super) fn canonical(
    evidence: Vec<Evidence>,
    mut codings: Vec<Coding>,
) -> (Vec<Evidence>, Vec<Coding>) {
    let mut order: Vec<usize> = (0..evidence.len()).collect();
    order.sort_by(|&a, &b| {
        (evidence[a].date, &evidence[a].id).cmp(&(evidence[b].date, &evidence[b].id))
    });
    let mut new_pos = vec![0; evidence.len()];
    for (new, &old) in order.iter().enumerate() {
        new_pos[old] = new;
    }
    let evidence: Vec<Evidence> = order.iter().map(|&i| evidence[i].clone()).collect();
    for c in &mut codings {
        c.evidence = new_pos[c.evidence];
    }
    codings.sort_by_key(|c| (c.paper, c.category, c.evidence));
    (evidence, codings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DateSpan;

    fn ev(id: &str, year: i32) -> Evidence {
        let date = DateSpan {
            start: (year, 1, 1),
            end: (year, 12, 31),
        };
        Evidence {
            id: id.into(),
            date,
            ..Evidence::default()
        }
    }

    fn coding(paper: usize, category: usize, evidence: usize) -> Coding {
        Coding {
            paper,
            category,
            evidence,
            ..Coding::default()
        }
    }

    #[test]
    fn evidence_by_date_then_id_and_codings_follow() {
        let evidence = vec![ev("late", 2010), ev("b-early", 2001), ev("a-early", 2001)];
        let codings = vec![
            coding(1, 2, 0),
            coding(0, 1, 1),
            coding(0, 1, 2),
            coding(0, 0, 0),
        ];
        let (e, k) = canonical(evidence, codings);
        let ids: Vec<&str> = e.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, vec!["a-early", "b-early", "late"]);
        let keys: Vec<(usize, usize, usize)> = k
            .iter()
            .map(|c| (c.paper, c.category, c.evidence))
            .collect();
        assert_eq!(keys, vec![(0, 0, 2), (0, 1, 0), (0, 1, 1), (1, 2, 2)]);
    }
}
