//! The agreement study in words and numbers for the methods view and the summary: one way to
//! write an estimate with its interval, the resolutions counted by outcome, and which papers
//! are double-coded. The figures themselves are computed by the build (`seeds::agreement`).

use crate::model::{AgreementStudy, Corpus, DisagreementKind, Estimate, Outcome, Tally};

/// A statistic with two decimals, or "not defined" (no units, or no variation to correct
/// for chance).
pub fn value_text(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v:.2}"),
        _ => "not defined".into(),
    }
}

/// An estimate and its 95% interval: "0.82 (0.71–0.90)"; "1.00 (no interval)" when the
/// bootstrap gives none; "not defined" when the statistic is not.
pub fn estimate_text(e: &Estimate) -> String {
    match (e.value.filter(|v| v.is_finite()), e.ci) {
        (None, _) => "not defined".into(),
        (Some(v), Some((lo, hi))) => format!("{v:.2} ({lo:.2}–{hi:.2})"),
        (Some(v), None) => format!("{v:.2} (no interval)"),
    }
}

/// "12 both · 3 first only · 5 second only".
pub fn tally_text(t: &Tally) -> String {
    format!(
        "{} both · {} first only · {} second only",
        t.both, t.only_first, t.only_second
    )
}

/// The outcome's name as the resolutions file writes it and as the view shows it.
pub fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::FirstCoder => "first coder",
        Outcome::SecondCoder => "second coder",
        Outcome::Neither => "neither (new decision)",
    }
}

/// The kind of a disagreement in words.
pub fn kind_label(k: DisagreementKind) -> &'static str {
    match k {
        DisagreementKind::Unitizing => "unitizing (evidence or not)",
        DisagreementKind::Categories => "categories of a unit both found",
        DisagreementKind::Crosswalk => "crosswalk link",
    }
}

/// How many disagreements went each way, per kind: rows (kind, [first, second, neither]).
pub fn outcome_counts(s: &AgreementStudy) -> Vec<(DisagreementKind, [usize; 3])> {
    let kinds = [
        DisagreementKind::Unitizing,
        DisagreementKind::Categories,
        DisagreementKind::Crosswalk,
    ];
    kinds
        .iter()
        .map(|&k| {
            let mut n = [0; 3];
            for d in s.disagreements.iter().filter(|d| d.kind == k) {
                n[match d.outcome {
                    Outcome::FirstCoder => 0,
                    Outcome::SecondCoder => 1,
                    Outcome::Neither => 2,
                }] += 1;
            }
            (k, n)
        })
        .collect()
}

/// The short titles of the double-coded papers and of those that are not.
pub fn double_coded(c: &Corpus) -> (Vec<String>, Vec<String>) {
    let coded: Vec<usize> = c
        .agreement
        .as_ref()
        .map(|s| s.papers.iter().map(|p| p.paper).collect())
        .unwrap_or_default();
    let (yes, no): (Vec<usize>, Vec<usize>) = (0..c.papers.len()).partition(|p| coded.contains(p));
    let title = |p: usize| c.papers[p].short_title.clone();
    (
        yes.into_iter().map(title).collect(),
        no.into_iter().map(title).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Disagreement, PaperAgreement};

    #[test]
    fn estimates_are_written_one_way() {
        let e = |value, ci| Estimate { value, ci };
        assert_eq!(
            estimate_text(&e(Some(0.8249), Some((0.7, 0.9)))),
            "0.82 (0.70–0.90)"
        );
        assert_eq!(estimate_text(&e(Some(1.0), None)), "1.00 (no interval)");
        assert_eq!(estimate_text(&e(None, None)), "not defined");
        assert_eq!(estimate_text(&e(Some(f64::NAN), None)), "not defined");
        assert_eq!(value_text(None), "not defined");
        assert_eq!(
            tally_text(&Tally {
                both: 3,
                only_first: 1,
                only_second: 0
            }),
            "3 both · 1 first only · 0 second only"
        );
    }

    #[test]
    fn resolutions_are_counted_by_kind_and_outcome() {
        let d = |kind, outcome| Disagreement {
            kind,
            outcome,
            ..Disagreement::default()
        };
        let s = AgreementStudy {
            disagreements: vec![
                d(DisagreementKind::Unitizing, Outcome::FirstCoder),
                d(DisagreementKind::Unitizing, Outcome::SecondCoder),
                d(DisagreementKind::Categories, Outcome::Neither),
                d(DisagreementKind::Unitizing, Outcome::SecondCoder),
            ],
            ..AgreementStudy::default()
        };
        assert_eq!(
            outcome_counts(&s),
            vec![
                (DisagreementKind::Unitizing, [1, 2, 0]),
                (DisagreementKind::Categories, [0, 0, 1]),
                (DisagreementKind::Crosswalk, [0, 0, 0]),
            ]
        );
    }

    #[test]
    fn double_coded_papers_are_named() {
        let mut c = crate::testkit::sample();
        assert_eq!(double_coded(&c).0, Vec::<String>::new());
        c.agreement = Some(AgreementStudy {
            papers: vec![PaperAgreement {
                paper: 1,
                ..PaperAgreement::default()
            }],
            ..AgreementStudy::default()
        });
        let (yes, no) = double_coded(&c);
        assert_eq!(yes, vec![c.papers[1].short_title.clone()]);
        assert_eq!(no.len(), c.papers.len() - 1);
    }
}
