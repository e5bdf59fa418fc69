//! Phase 8: the sweeps (`codebook/sweep-<paper id>.toml`): for each paper, every dated or
//! datable mention with its decision. Every paper has one; every locator is found in its
//! paper like a quote; each mention is either coded (existing coding ids of this paper) or
//! excluded for a reason from a fixed list, with a sentence saying why.

use serde::Deserialize;
use toml::Spanned;

use super::codings::Codings;
use super::diags::Diags;
use super::ids::lookup;
use super::papers::Papers;
use super::records::{
    did_you_mean, list, owned, parse_file, read_record, required, tables, At, List, Record, Str,
};
use super::SeedFile;
use crate::model::{Coding, Mention, MentionDecision, Sweep};

/// Why a mention is not coded.
pub const EXCLUSION_REASONS: &[&str] =
    &["background", "literature", "not-an-event", "outside-scope"];

#[derive(Deserialize, Default)]
#[serde(default)]
struct SweepFileRec {
    paper: Str,
}

/// A `[[mention]]` as written.
#[derive(Deserialize, Default)]
#[serde(default)]
struct MentionRec {
    locator: Str,
    coded: List,
    excluded: Str,
    why: Str,
}

const MENTION_KEYS: &[&str] = &["locator", "coded", "excluded", "why"];

/// What sweeps refer to: the papers and the codings (in their final order).
pub(super) struct SweepRefs<'a> {
    pub(super) papers: &'a Papers,
    pub(super) codings: &'a [Coding],
    /// What coding records named (a coding whose record was invalid is not reported again).
    pub(super) named: &'a Codings,
    /// The codebook directory's display path, for the name of a missing sweep file.
    pub(super) dir: &'a str,
}

/// Whether a codebook file is a sweep file.
pub(super) fn is_sweep_file(file: &SeedFile) -> bool {
    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
    name.starts_with("sweep-") && name.ends_with(".toml")
}

/// The sweeps, in paper order.
pub(super) struct Sweeps {
    pub(super) list: Vec<Sweep>,
}

/// Reads every sweep file; one sweep per paper.
pub(super) fn build(files: &[&SeedFile], refs: &SweepRefs, diags: &mut Diags) -> Sweeps {
    let mut by_paper: Vec<Option<(Sweep, String)>> = vec![None; refs.papers.list.len()];
    for file in files {
        let Some(sweep) = sweep_file(file, refs, diags) else {
            continue;
        };
        let p = sweep.paper;
        match &by_paper[p] {
            Some((_, first)) => diags.push(
                &file.path,
                1,
                format!(
                    "second sweep of paper `{}` (first in {first})",
                    refs.papers.list[p].id
                ),
                "one sweep file per paper",
            ),
            None => by_paper[p] = Some((sweep, file.path.clone())),
        }
    }
    let mut list = Vec::new();
    for (i, s) in by_paper.into_iter().enumerate() {
        match s {
            Some((s, _)) => list.push(s),
            None => {
                let id = &refs.papers.list[i].id;
                diags.push(
                    &format!("{}/sweep-{id}.toml", refs.dir),
                    1,
                    format!("paper `{id}` has no sweep file"),
                    format!("a file sweep-{id}.toml listing every dated mention of the paper with its decision (draft it with `cargo run -p evidence-core --bin draft-sweep -- seeds {id}`)"),
                );
            }
        }
    }
    Sweeps { list }
}

/// One sweep file, when its paper is known.
fn sweep_file(file: &SeedFile, refs: &SweepRefs, diags: &mut Diags) -> Option<Sweep> {
    let top = parse_file(file, "valid TOML (see README, Adding a corpus)", diags)?;
    let at = At {
        file,
        line: 1,
        kind: "sweep",
    };
    let rec: Record<SweepFileRec> = read_record(at, &top, &["paper", "mention"], diags);
    let paper = required(&at, "paper", &rec.fields.paper, diags)?;
    let ids = refs.papers.ids();
    let expected = format!("one of: {}", ids.join(", "));
    let index = lookup(&at, "paper", &paper, &ids, false, &expected, diags)?;
    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
    let want = format!("sweep-{}.toml", paper.get_ref());
    if name != want {
        diags.push(
            &file.path,
            at.line_of(paper.span()),
            format!(
                "the sweep of paper `{}` is in a file named {name}",
                paper.get_ref()
            ),
            format!("the file name {want}"),
        );
    }
    let mut mentions = Vec::new();
    if let Some(value) = super::records::get(&top, "mention") {
        for (line, t) in tables(file, "mention", value, diags) {
            let at = At {
                file,
                line,
                kind: "mention",
            };
            let rec: Record<MentionRec> = read_record(at, t, MENTION_KEYS, diags);
            if let Some(m) = mention(&at, &rec.fields, index, refs, diags) {
                mentions.push(m);
            }
        }
    }
    Some(Sweep {
        paper: index,
        mentions,
    })
}

/// One mention: its locator found in the paper and its decision.
fn mention(
    at: &At,
    f: &MentionRec,
    paper: usize,
    refs: &SweepRefs,
    diags: &mut Diags,
) -> Option<Mention> {
    let locator = required(at, "locator", &f.locator, diags)
        .and_then(|q| refs.papers.texts[paper].locate(at, &q, "sweep locator", diags));
    let decision = match (&f.coded, &f.excluded) {
        (Some(_), Some(_)) | (None, None) => {
            let what = if f.coded.is_some() {
                "both `coded` and `excluded`"
            } else {
                "neither `coded` nor `excluded`"
            };
            diags.push(at.path(), at.line, format!("mention has {what}"), "exactly one of `coded = [\"<evidence>~<category>\", …]` or `excluded = \"<reason>\"` with `why`");
            None
        }
        (Some(_), None) => coded(at, &f.coded, paper, refs, diags),
        (None, Some(reason)) => excluded(at, reason, &f.why, diags),
    };
    Some(Mention {
        locator: locator?,
        decision: decision?,
    })
}

fn coded(
    at: &At,
    v: &List,
    paper: usize,
    refs: &SweepRefs,
    diags: &mut Diags,
) -> Option<MentionDecision> {
    let ids: Vec<String> = refs.codings.iter().map(|k| k.id.clone()).collect();
    let mut found = Vec::new();
    let mut ok = true;
    for id in list(at, "coded", v, true, diags) {
        let ev = id.get_ref().split('~').next().unwrap_or_default();
        let quiet = refs
            .named
            .named
            .contains(&format!("coding:{}", id.get_ref()))
            || refs.named.broken.contains(ev);
        match lookup(
            at,
            "coding",
            &id,
            &ids,
            quiet,
            "the id `<evidence>~<category>` of a [[coding]]",
            diags,
        ) {
            Some(k) if refs.codings[k].paper != paper => {
                let other = &refs.papers.list[refs.codings[k].paper].id;
                diags.push(
                    at.path(),
                    at.line_of(id.span()),
                    format!("coding `{}` is a coding of paper `{other}`", id.get_ref()),
                    "a coding of one of this paper's categories",
                );
                ok = false;
            }
            Some(k) => found.push(k),
            None => ok = false,
        }
    }
    (ok && !found.is_empty()).then_some(MentionDecision::Coded(found))
}

fn excluded(
    at: &At,
    reason: &Spanned<String>,
    why: &Str,
    diags: &mut Diags,
) -> Option<MentionDecision> {
    let note = owned(required(at, "why", why, diags));
    let r = reason.get_ref();
    if !EXCLUSION_REASONS.contains(&r.as_str()) {
        diags.push(
            at.path(),
            at.line_of(reason.span()),
            format!(
                "unknown exclusion reason `{r}`{}",
                did_you_mean(r, EXCLUSION_REASONS.iter().copied())
            ),
            format!("one of: {}", EXCLUSION_REASONS.join(", ")),
        );
        return None;
    }
    (!note.is_empty()).then(|| MentionDecision::Excluded {
        reason: r.clone(),
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::fixtures::papers;

    fn coding() -> Coding {
        Coding {
            id: "drill-2003~p-practical".into(),
            paper: 0,
            ..Coding::default()
        }
    }

    fn run(text: &str, name: &str) -> (Vec<Sweep>, Vec<String>) {
        let p = papers();
        let file = SeedFile {
            path: format!("cb/{name}"),
            text: text.into(),
        };
        let codings = [coding()];
        let named = Codings::default();
        let refs = SweepRefs {
            papers: &p,
            codings: &codings,
            named: &named,
            dir: "cb",
        };
        let mut d = Diags::default();
        let s = build(&[&file], &refs, &mut d).list;
        (s, d.into_sorted().iter().map(|x| x.to_string()).collect())
    }

    const SWEEP: &str = "paper = \"p\"\n\n[[mention]]\nlocator = \"The lifeboat exercise of June 2003\"\ncoded = [\"drill-2003~p-practical\"]\n\n[[mention]]\nlocator = \"Minutes, 12 March 1999.\"\nexcluded = \"background\"\nwhy = \"Council minutes cited as a source.\"\n";

    #[test]
    fn reads_coded_and_excluded_mentions() {
        let (s, d) = run(SWEEP, "sweep-p.toml");
        assert!(d.is_empty(), "{d:#?}");
        assert_eq!(s[0].mentions.len(), 2);
        assert_eq!(s[0].mentions[0].decision, MentionDecision::Coded(vec![0]));
        assert!(
            matches!(&s[0].mentions[1].decision, MentionDecision::Excluded { reason, .. } if reason == "background")
        );
    }

    #[test]
    fn reports_every_problem_of_a_sweep() {
        let text = SWEEP
            .replace("June 2003\"", "July 2003\"")
            .replace("drill-2003~p-practical", "drill-2003~p-practicl")
            .replace("\"background\"", "\"backgroud\"")
            + "\n[[mention]]\nlocator = \"Since 1998\"\n";
        let (_, d) = run(&text, "sweep-q.toml");
        assert_eq!(
            d,
            vec![
                "cb/sweep-q.toml:1: the sweep of paper `p` is in a file named sweep-q.toml; the file name sweep-p.toml",
                "cb/sweep-q.toml:4: sweep locator not found in p.txt: it matches up to «…The lifeboat exercise of Ju», then the quote has «ly 2003» where the paper has «ne 2003 was a first. Crews trained toget»; the exact words of one paragraph or footnote (only whitespace, quote marks and dashes may differ)",
                "cb/sweep-q.toml:5: unknown coding `drill-2003~p-practicl` (did you mean `drill-2003~p-practical`?); the id `<evidence>~<category>` of a [[coding]]",
                "cb/sweep-q.toml:9: unknown exclusion reason `backgroud` (did you mean `background`?); one of: background, literature, not-an-event, outside-scope",
                "cb/sweep-q.toml:12: mention has neither `coded` nor `excluded`; exactly one of `coded = [\"<evidence>~<category>\", …]` or `excluded = \"<reason>\"` with `why`",
            ]
        );
    }

    #[test]
    fn every_paper_needs_a_sweep() {
        let (_, d) = run("paper = \"nope\"\n", "sweep-nope.toml");
        assert_eq!(
            d,
            vec![
                "cb/sweep-nope.toml:1: unknown paper `nope`; one of: p",
                "cb/sweep-p.toml:1: paper `p` has no sweep file; a file sweep-p.toml listing every dated mention of the paper with its decision (draft it with `cargo run -p evidence-core --bin draft-sweep -- seeds p`)",
            ]
        );
    }
}
