//! Figures the methods page reports: the completeness sweep per paper and the judgement calls,
//! computed from what the corpus records (nothing is shown when nothing is recorded). The
//! agreement study's words and numbers are in `agreement.rs`.

use std::collections::BTreeMap;

use crate::model::{Corpus, MentionDecision};

/// One paper's sweep in numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SweepSummary {
    /// Index into `Corpus::papers`.
    pub paper: usize,
    /// Mentions the sweep lists.
    pub mentions: usize,
    /// Mentions coded (belonging to at least one coding).
    pub coded: usize,
    /// Excluded mentions per reason, alphabetical.
    pub excluded: Vec<(String, usize)>,
}

/// The sweep of every paper that has one, in paper order.
pub fn sweep_summaries(corpus: &Corpus) -> Vec<SweepSummary> {
    let mut out: Vec<SweepSummary> = corpus
        .sweeps
        .iter()
        .map(|s| {
            let mut excluded: BTreeMap<String, usize> = BTreeMap::new();
            let mut coded = 0;
            for m in &s.mentions {
                match &m.decision {
                    MentionDecision::Coded(_) => coded += 1,
                    MentionDecision::Excluded { reason, .. } => {
                        *excluded.entry(reason.clone()).or_default() += 1
                    }
                }
            }
            SweepSummary {
                paper: s.paper,
                mentions: s.mentions.len(),
                coded,
                excluded: excluded.into_iter().collect(),
            }
        })
        .collect();
    crate::model::order::sort_by_key(&mut out, |s| s.paper);
    out
}

/// The analyst's notes recorded in the codebook (judgement calls), as (what, note): evidence
/// notes, coding notes, series notes, in corpus order; empty notes left out.
pub fn judgement_calls(corpus: &Corpus) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in &corpus.evidence {
        if !e.note.trim().is_empty() {
            out.push((format!("Evidence: {}", e.title), e.note.clone()));
        }
    }
    for k in &corpus.codings {
        if !k.note.trim().is_empty() {
            let cat = corpus.categories.get(k.category).map(|c| c.label.as_str());
            let ev = corpus.evidence.get(k.evidence).map(|e| e.title.as_str());
            out.push((
                format!(
                    "Coding: {} under “{}”",
                    ev.unwrap_or_default(),
                    cat.unwrap_or_default()
                ),
                k.note.clone(),
            ));
        }
    }
    for s in &corpus.series {
        if !s.note.trim().is_empty() {
            out.push((format!("Series: {}", s.title), s.note.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mention, Series, Sweep};
    use crate::testkit;

    #[test]
    fn sweeps_are_summarised_per_paper() {
        let mut c = testkit::sample();
        assert!(sweep_summaries(&c).is_empty());
        let ex = |r: &str| Mention {
            decision: MentionDecision::Excluded {
                reason: r.into(),
                note: "why".into(),
            },
            ..Mention::default()
        };
        let coded = Mention {
            decision: MentionDecision::Coded(vec![0]),
            ..Mention::default()
        };
        c.sweeps = vec![
            Sweep {
                paper: 1,
                mentions: vec![coded.clone()],
            },
            Sweep {
                paper: 0,
                mentions: vec![coded, ex("literature"), ex("background"), ex("literature")],
            },
        ];
        assert_eq!(
            sweep_summaries(&c),
            vec![
                SweepSummary {
                    paper: 0,
                    mentions: 4,
                    coded: 1,
                    excluded: vec![("background".into(), 1), ("literature".into(), 2)],
                },
                SweepSummary {
                    paper: 1,
                    mentions: 1,
                    coded: 1,
                    excluded: vec![],
                },
            ]
        );
    }

    #[test]
    fn judgement_calls_come_from_the_notes() {
        let mut c = testkit::sample();
        assert!(judgement_calls(&c).is_empty());
        c.evidence[0].note = "Date from the press release.".into();
        c.codings[1].note = "Read as political.".into();
        c.series.push(Series {
            id: "s".into(),
            title: "A series".into(),
            note: "Phases kept apart.".into(),
        });
        let calls = judgement_calls(&c);
        assert_eq!(calls.len(), 3);
        assert_eq!(calls[0].1, "Date from the press release.");
        assert_eq!(
            calls[1].0,
            "Coding: Abe addresses the North Atlantic Council under “Political dialogue with NATO”"
        );
        assert_eq!(
            calls[2],
            ("Series: A series".into(), "Phases kept apart.".into())
        );
    }
}
