//! Phase 9: agreement between coders (`agreement/<paper id>.toml`). The units are every
//! (evidence item, category of the paper) pair over the evidence items the paper's sweep
//! codes; the first coder's decision is the codebook, the second coder's is the file's
//! `[[coding]]` list. The build computes units, agreed and Cohen's kappa, and requires a
//! `[[resolution]]` for every disagreement (and for nothing else).

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use toml::Spanned;

use super::codings::Codings;
use super::diags::Diags;
use super::ids::lookup;
use super::papers::Papers;
use super::records::{get, owned, parse_file, read_record, required, tables, At, Record, Str};
use super::sweeps::Sweeps;
use super::SeedFile;
use crate::model::{Agreement, Category, Coding, Disagreement, Evidence};

#[derive(Deserialize, Default)]
#[serde(default)]
struct AgreementRec {
    paper: Str,
    procedure: Str,
}

/// A second coder's `[[coding]]` or a `[[resolution]]` (one shape: the pair and its text).
#[derive(Deserialize, Default)]
#[serde(default)]
struct PairRec {
    evidence: Str,
    category: Str,
    quote: Str,
    resolution: Str,
}

/// What agreement files refer to (codings and evidence in their final order).
pub(super) struct AgreementRefs<'a> {
    pub(super) papers: &'a Papers,
    pub(super) sweeps: &'a Sweeps,
    pub(super) categories: &'a [Category],
    pub(super) evidence: &'a [Evidence],
    pub(super) codings: &'a [Coding],
    /// What coding records named: the first coding as written (a broken record still counts,
    /// and its evidence is not reported again).
    pub(super) named: &'a Codings,
}

/// Cohen's kappa for two coders' yes/no decisions on `units` units: `agreed` equal
/// decisions, `first` and `second` the number of yes of each. 1 when chance agreement is
/// already total and the coders agree on everything.
pub fn cohens_kappa(units: usize, agreed: usize, first: usize, second: usize) -> f64 {
    if units == 0 {
        return 0.0;
    }
    let n = units as f64;
    let po = agreed as f64 / n;
    let (p1, p2) = (first as f64 / n, second as f64 / n);
    let pe = p1 * p2 + (1.0 - p1) * (1.0 - p2);
    if (1.0 - pe).abs() < f64::EPSILON {
        return if agreed == units { 1.0 } else { 0.0 };
    }
    (po - pe) / (1.0 - pe)
}

/// Reads every agreement file.
pub(super) fn build(files: &[SeedFile], refs: &AgreementRefs, diags: &mut Diags) -> Vec<Agreement> {
    files
        .iter()
        .filter_map(|f| agreement(f, refs, diags))
        .collect()
}

/// The pairs (evidence, category) of one side, with the line where each stands.
type Pairs = BTreeMap<(usize, usize), u32>;

fn agreement(file: &SeedFile, refs: &AgreementRefs, diags: &mut Diags) -> Option<Agreement> {
    let top = parse_file(file, "valid TOML (see README, Adding a corpus)", diags)?;
    let at = At {
        file,
        line: 1,
        kind: "agreement",
    };
    let keys = ["paper", "procedure", "coding", "resolution"];
    let rec: Record<AgreementRec> = read_record(at, &top, &keys, diags);
    let procedure = owned(required(&at, "procedure", &rec.fields.procedure, diags));
    let paper_v = required(&at, "paper", &rec.fields.paper, diags)?;
    let ids = refs.papers.ids();
    let paper = lookup(
        &at,
        "paper",
        &paper_v,
        &ids,
        false,
        &format!("one of: {}", ids.join(", ")),
        diags,
    )?;
    let at = At {
        line: at.line_of(paper_v.span()),
        ..at
    };
    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
    let want = format!("{}.toml", paper_v.get_ref());
    if name != want {
        diags.push(
            at.path(),
            at.line,
            format!(
                "the agreement study of paper `{}` is in a file named {name}",
                paper_v.get_ref()
            ),
            format!("the file name {want}"),
        );
    }
    let mut units = Units::of(paper, refs);
    if units.evidence.is_empty() || units.categories.is_empty() {
        diags.push(
            at.path(),
            at.line,
            format!("no units to compare for paper `{}`", paper_v.get_ref()),
            "a sweep of the paper that codes evidence, and categories of the paper",
        );
        return None;
    }
    let second = pairs(file, &top, "coding", &units, refs, diags);
    // The units are the items either coder codes (the first coder's sweep, the second coder's
    // codings) × the paper's categories: an item only the second coder saw is a disagreement
    // to resolve, not an error.
    units.evidence.extend(second.keys().map(|&(e, _)| e));
    let resolutions = resolutions(file, &top, &units, refs, diags);
    let mut result = compare(&units, &second, &resolutions, refs);
    result.paper = paper;
    result.procedure = procedure;
    for d in &result.disagreements {
        let broken = refs.named.broken.contains(&refs.evidence[d.evidence].id);
        if d.resolution.is_empty() && !broken {
            let line = second
                .get(&(d.evidence, d.category))
                .copied()
                .unwrap_or(at.line);
            let (e, c) = (
                &refs.evidence[d.evidence].id,
                &refs.categories[d.category].id,
            );
            let side = |b: bool| if b { "coded" } else { "not coded" };
            diags.push(at.path(), line, format!("disagreement on `{e}` under `{c}` (first coder: {}, second: {}) has no [[resolution]]", side(d.first), side(d.second)), "a [[resolution]] with this evidence and category saying what was decided and why");
        }
    }
    for ((e, c), line) in &resolutions {
        if !result
            .disagreements
            .iter()
            .any(|d| (d.evidence, d.category) == (*e, *c))
        {
            let (e, c) = (&refs.evidence[*e].id, &refs.categories[*c].id);
            diags.push(
                at.path(),
                line.0,
                format!("resolution for `{e}` under `{c}`, on which the coders agree"),
                "resolutions only for the pairs on which the coders disagree",
            );
        }
    }
    Some(result)
}

/// The units of one paper: the evidence its sweep codes × its categories.
struct Units {
    evidence: BTreeSet<usize>,
    categories: Vec<usize>,
    paper: usize,
}

impl Units {
    fn of(paper: usize, refs: &AgreementRefs) -> Units {
        let named = &refs.sweeps.coded_evidence[paper];
        let evidence = (0..refs.evidence.len())
            .filter(|&e| named.contains(&refs.evidence[e].id))
            .collect();
        let categories = (0..refs.categories.len())
            .filter(|&c| refs.categories[c].paper == paper)
            .collect();
        Units {
            evidence,
            categories,
            paper,
        }
    }
}

/// One record's pair, checked: known ids, a category of the paper, and (for a resolution) an
/// evidence item of the units. The second coder may code an item the first coder's sweep does
/// not: that item joins the units (`open_units`).
fn pair(
    at: &At,
    f: &PairRec,
    units: &Units,
    open_units: bool,
    refs: &AgreementRefs,
    diags: &mut Diags,
) -> Option<(usize, usize)> {
    let ev_ids: Vec<String> = refs.evidence.iter().map(|e| e.id.clone()).collect();
    let cat_ids: Vec<String> = refs.categories.iter().map(|c| c.id.clone()).collect();
    let e = required(at, "evidence", &f.evidence, diags);
    let e = e.and_then(|e| {
        // An item whose record is invalid (already reported) is not reported again.
        let quiet = refs
            .named
            .named
            .contains(&format!("evidence:{}", e.get_ref()));
        lookup(
            at,
            "evidence",
            &e,
            &ev_ids,
            quiet,
            "the id of an [[evidence]] item",
            diags,
        )
        .map(|i| (i, e))
    });
    let c = required(at, "category", &f.category, diags);
    let c = c.and_then(|c| {
        let quiet = refs
            .named
            .named
            .contains(&format!("category:{}", c.get_ref()));
        lookup(
            at,
            "category",
            &c,
            &cat_ids,
            quiet,
            "the id of a [[category]]",
            diags,
        )
        .map(|i| (i, c))
    });
    let ((e, ev), (c, cv)) = (e?, c?);
    let paper = &refs.papers.list[units.paper].id;
    if !units.categories.contains(&c) {
        diags.push(
            at.path(),
            at.line_of(cv.span()),
            format!(
                "category `{}` is not a category of paper `{paper}`",
                cv.get_ref()
            ),
            "one of the paper's categories",
        );
        return None;
    }
    if !open_units && !units.evidence.contains(&e) {
        diags.push(at.path(), at.line_of(ev.span()), format!("evidence `{}` is not a unit: neither the sweep of paper `{paper}` nor the second coding codes it", ev.get_ref()), "an evidence item one of the coders codes (the units are those items × the paper's categories)");
        return None;
    }
    Some((e, c))
}

/// The second coder's pairs, each with its quote located in the paper.
fn pairs(
    file: &SeedFile,
    top: &toml::de::DeTable,
    key: &str,
    units: &Units,
    refs: &AgreementRefs,
    diags: &mut Diags,
) -> Pairs {
    let mut out = Pairs::new();
    let Some(value) = get(top, key) else {
        return out;
    };
    for (line, t) in tables(file, key, value, diags) {
        let at = At {
            file,
            line,
            kind: "second coding",
        };
        let rec: Record<PairRec> = read_record(at, t, &["evidence", "category", "quote"], diags);
        let quote = required(&at, "quote", &rec.fields.quote, diags);
        let quote =
            quote.and_then(|q| refs.papers.texts[units.paper].locate(&at, &q, "quote", diags));
        let Some(p) = pair(&at, &rec.fields, units, true, refs, diags) else {
            continue;
        };
        if let Some(first) = out.get(&p) {
            diags.push(
                at.path(),
                line,
                format!(
                    "second [[coding]] of `{}` under `{}` (first at line {first})",
                    refs.evidence[p.0].id, refs.categories[p.1].id
                ),
                "each pair once",
            );
        } else if quote.is_some() {
            out.insert(p, line);
        }
    }
    out
}

/// The resolutions, each with its line and text.
fn resolutions(
    file: &SeedFile,
    top: &toml::de::DeTable,
    units: &Units,
    refs: &AgreementRefs,
    diags: &mut Diags,
) -> BTreeMap<(usize, usize), (u32, String)> {
    let mut out = BTreeMap::new();
    let Some(value) = get(top, "resolution") else {
        return out;
    };
    for (line, t) in tables(file, "resolution", value, diags) {
        let at = At {
            file,
            line,
            kind: "resolution",
        };
        let rec: Record<PairRec> =
            read_record(at, t, &["evidence", "category", "resolution"], diags);
        let text =
            required(&at, "resolution", &rec.fields.resolution, diags).map(Spanned::into_inner);
        let (Some(p), Some(text)) = (pair(&at, &rec.fields, units, false, refs, diags), text)
        else {
            continue;
        };
        if let std::collections::btree_map::Entry::Vacant(slot) = out.entry(p) {
            slot.insert((line, text));
        } else {
            diags.push(
                at.path(),
                line,
                format!(
                    "second [[resolution]] of `{}` under `{}`",
                    refs.evidence[p.0].id, refs.categories[p.1].id
                ),
                "one resolution per disagreement",
            );
        }
    }
    out
}

/// Compares the two codings over the units.
fn compare(
    units: &Units,
    second: &Pairs,
    resolutions: &BTreeMap<(usize, usize), (u32, String)>,
    refs: &AgreementRefs,
) -> Agreement {
    let mut first: BTreeSet<(usize, usize)> = refs
        .codings
        .iter()
        .map(|k| (k.evidence, k.category))
        .collect();
    for &e in &units.evidence {
        for &c in &units.categories {
            let id = format!("coding:{}~{}", refs.evidence[e].id, refs.categories[c].id);
            if refs.named.named.contains(&id) {
                first.insert((e, c));
            }
        }
    }
    let (mut n, mut agreed, mut yes1, mut yes2) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    for &e in &units.evidence {
        for &c in &units.categories {
            let (a, b) = (first.contains(&(e, c)), second.contains_key(&(e, c)));
            n += 1;
            yes1 += usize::from(a);
            yes2 += usize::from(b);
            if a == b {
                agreed += 1;
            } else {
                let resolution = resolutions
                    .get(&(e, c))
                    .map(|r| r.1.clone())
                    .unwrap_or_default();
                disagreements.push(Disagreement {
                    evidence: e,
                    category: c,
                    first: a,
                    second: b,
                    resolution,
                });
            }
        }
    }
    Agreement {
        paper: units.paper,
        procedure: String::new(),
        units: n,
        agreed,
        kappa: cohens_kappa(n, agreed, yes1, yes2),
        disagreements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::fixtures::papers;

    #[test]
    fn kappa_matches_hand_computation() {
        // 10 units, 8 agreed; first says yes 4 times, second 4 times:
        // po = 0.8, pe = 0.4*0.4 + 0.6*0.6 = 0.52, kappa = 0.28/0.48.
        assert!((cohens_kappa(10, 8, 4, 4) - 0.28 / 0.48).abs() < 1e-12);
        assert_eq!(cohens_kappa(5, 5, 0, 0), 1.0);
        assert_eq!(cohens_kappa(0, 0, 0, 0), 0.0);
    }

    fn fixture() -> (Papers, Sweeps, Vec<Category>, Vec<Evidence>, Vec<Coding>) {
        let cat = |id: &str| Category {
            id: id.into(),
            paper: 0,
            ..Category::default()
        };
        let ev = |id: &str| Evidence {
            id: id.into(),
            ..Evidence::default()
        };
        let codings = vec![
            Coding {
                id: "a~c1".into(),
                evidence: 0,
                category: 0,
                ..Coding::default()
            },
            Coding {
                id: "b~c2".into(),
                evidence: 1,
                category: 1,
                ..Coding::default()
            },
        ];
        let sweeps = Sweeps {
            list: Vec::new(),
            coded_evidence: vec![["a".to_string(), "b".to_string()].into_iter().collect()],
        };
        (
            papers(),
            sweeps,
            vec![cat("c1"), cat("c2")],
            vec![ev("a"), ev("b"), ev("z")],
            codings,
        )
    }

    fn run(text: &str) -> (Vec<Agreement>, Vec<String>) {
        run_at("agreement/p.toml", text)
    }

    fn run_at(path: &str, text: &str) -> (Vec<Agreement>, Vec<String>) {
        let (papers, sweeps, categories, evidence, codings) = fixture();
        let named = Codings::default();
        let refs = AgreementRefs {
            papers: &papers,
            sweeps: &sweeps,
            categories: &categories,
            evidence: &evidence,
            codings: &codings,
            named: &named,
        };
        let file = SeedFile {
            path: path.into(),
            text: text.into(),
        };
        let mut d = Diags::default();
        let a = build(std::slice::from_ref(&file), &refs, &mut d);
        (a, d.into_sorted().iter().map(|x| x.to_string()).collect())
    }

    const FILE: &str = "paper = \"p\"\nprocedure = \"Coded from the rules alone.\"\n\n[[coding]]\nevidence = \"a\"\ncategory = \"c1\"\nquote = \"a first\"\n\n[[coding]]\nevidence = \"a\"\ncategory = \"c2\"\nquote = \"Crews trained together\"\n\n[[resolution]]\nevidence = \"a\"\ncategory = \"c2\"\nresolution = \"Dropped: the drill is practical, not the second category.\"\n\n[[resolution]]\nevidence = \"b\"\ncategory = \"c2\"\nresolution = \"Kept: the first coding stands.\"\n";

    #[test]
    fn computes_units_agreement_and_kappa() {
        let (a, d) = run(FILE);
        assert!(d.is_empty(), "{d:#?}");
        let a = &a[0];
        // Units: {a, b} × {c1, c2}. First: a~c1, b~c2. Second: a~c1, a~c2.
        assert_eq!((a.units, a.agreed), (4, 2));
        assert!((a.kappa - cohens_kappa(4, 2, 2, 2)).abs() < 1e-12);
        let pairs: Vec<(usize, usize, bool, bool)> = a
            .disagreements
            .iter()
            .map(|x| (x.evidence, x.category, x.first, x.second))
            .collect();
        assert_eq!(pairs, vec![(0, 1, false, true), (1, 1, true, false)]);
        assert!(a.disagreements[1].resolution.starts_with("Kept"));
    }

    #[test]
    fn an_item_only_the_second_coder_codes_joins_the_units() {
        let text = FILE.replacen(
            "[[resolution]]",
            "[[coding]]\nevidence = \"z\"\ncategory = \"c1\"\nquote = \"a first\"\n\n[[resolution]]",
            1,
        );
        let (_, d) = run(&text);
        assert!(
            d.iter().any(|x| x.contains("disagreement on `z` under `c1` (first coder: not coded, second: coded) has no [[resolution]]")),
            "{d:#?}"
        );
        let text = format!("{text}\n[[resolution]]\nevidence = \"z\"\ncategory = \"c1\"\nresolution = \"Dropped: z is background.\"\n");
        let (a, d) = run(&text);
        assert!(d.is_empty(), "{d:#?}");
        // Units: {a, b, z} × {c1, c2}; the coders differ on a~c2, b~c2 and z~c1.
        assert_eq!((a[0].units, a[0].agreed), (6, 3));
        assert!((a[0].kappa - cohens_kappa(6, 3, 2, 3)).abs() < 1e-12);
    }

    #[test]
    fn the_file_is_named_for_its_paper() {
        let (_, d) = run_at("agreement/q.toml", FILE);
        assert_eq!(d, vec!["agreement/q.toml:1: the agreement study of paper `p` is in a file named q.toml; the file name p.toml"]);
    }

    #[test]
    fn reports_unresolved_disagreements_and_non_units() {
        let text = FILE.replacen(
            "[[resolution]]\nevidence = \"b\"",
            "[[resolution]]\nevidence = \"z\"",
            1,
        );
        let (_, d) = run(&text);
        assert_eq!(
            d,
            vec![
                "agreement/p.toml:1: disagreement on `b` under `c2` (first coder: coded, second: not coded) has no [[resolution]]; a [[resolution]] with this evidence and category saying what was decided and why",
                "agreement/p.toml:20: evidence `z` is not a unit: neither the sweep of paper `p` nor the second coding codes it; an evidence item one of the coders codes (the units are those items × the paper's categories)",
            ]
        );
    }
}
