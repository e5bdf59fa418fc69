//! The study on the inline paper `p`: "Since 1998 the councils have talked." (note 1:
//! "Minutes, 12 March 1999."), then "The lifeboat exercise of June 2003 was a first. Crews
//! trained together."

use super::*;
use crate::model::{Category, Dimension};
use crate::seeds::fixtures::papers;

fn categories() -> Vec<Category> {
    let cat = |id: &str, label: &str, dim: usize| Category {
        id: id.into(),
        label: label.into(),
        paper: 0,
        dimension: Some(dim),
        ..Category::default()
    };
    vec![cat("c1", "Practical", 0), cat("c2", "Political", 1)]
}

fn dimensions() -> Vec<Dimension> {
    let d = |id: &str| Dimension {
        id: id.into(),
        label: id.to_uppercase(),
        ..Dimension::default()
    };
    vec![d("d1"), d("d2")]
}

const FIRST: &str = r#"paper = "p"
source = "sweep-p.toml as of commit 0000000, before the comparison"

[[mention]]
locator = "The lifeboat exercise of June 2003"
coded = ["drill-2003~c1"]

[[mention]]
locator = "Since 1998 the councils have talked."
coded = ["councils-1998~c2"]

[[mention]]
locator = "Minutes, 12 March 1999."
excluded = "background"
why = "A source of the councils' talks."
"#;

const SECOND: &str = r#"paper = "p"
coder = "B"
made = "2026-12-07"
procedure = "From the texts, the rules and the definitions alone."

[[unit]]
locator = "was a first"
item = "Lifeboat exercise, June 2003"
decision = "evidence"
categories = ["c1", "c2"]
why = "A joint drill."

[[unit]]
locator = "Minutes, 12 March 1999"
item = "Council minutes, March 1999"
decision = "evidence"
categories = ["c2"]

[[unit]]
locator = "Since 1998 the councils"
decision = "excluded"
excluded = "background"
why = "A trend, not an event."
"#;

const CROSSWALK: &str = r#"coder = "B"
made = "2026-12-07"

[[link]]
category = "c1"
dimension = "d1"
stance = "positive"
why = "Drills are practical."

[[link]]
category = "c2"
dimension = "d1"
secondary = ["d2"]
stance = "mixed"
why = "Talks as practice."
"#;

const RESOLUTIONS: &str = r#"[[resolution]]
paper = "p"
locator = "Crews trained together."
outcome = "second-coder"
reason = "Only one resolution can name the sentence: this one is in the next sentence."

[[resolution]]
paper = "p"
locator = "The lifeboat exercise"
outcome = "first-coder"
reason = "The drill is practical only."

[[resolution]]
paper = "p"
locator = "12 March 1999"
outcome = "first-coder"
reason = "A source, not an event the paper uses."

[[resolution]]
paper = "p"
locator = "the councils have talked"
outcome = "neither"
reason = "Excluded as not-an-event: an undated trend."

[[resolution]]
crosswalk = "c2"
outcome = "first-coder"
reason = "The paper argues talks as political."
"#;

fn run(files: &[(&str, &str)], stances: &[&str]) -> (Option<AgreementStudy>, Vec<String>) {
    let p = papers();
    let cats = categories();
    let dims = dimensions();
    let stances: Vec<String> = stances.iter().map(|s| s.to_string()).collect();
    let texts: Vec<PaperText> = p.texts.iter().map(PaperText::locators).collect();
    let raw = vec![format!(
        "Masthead: No. 1, June 2003\n{}",
        crate::seeds::fixtures::PAPER_TEXT
    )];
    let refs = AgreementRefs {
        papers: &p,
        texts: &texts,
        raw: &raw,
        categories: &cats,
        dimensions: &dims,
        stances: &stances,
        dir: "a",
    };
    let files: Vec<SeedFile> = files
        .iter()
        .map(|(path, text)| SeedFile {
            path: format!("a/{path}"),
            text: text.to_string(),
        })
        .collect();
    let files = with_frozen(files);
    let mut d = Diags::default();
    let s = build(&files, &refs, &mut d);
    (s, d.into_sorted().iter().map(|x| x.to_string()).collect())
}

/// Adds `frozen.toml` recording the compared files as they are, unless the test gives one.
fn with_frozen(mut files: Vec<SeedFile>) -> Vec<SeedFile> {
    use sha2::{Digest, Sha256};
    if files.iter().any(|f| f.path.ends_with("frozen.toml")) {
        return files;
    }
    let mut text = String::new();
    for f in &files {
        let rel = f.path.trim_start_matches("a/");
        if rel.starts_with("coder1/") || rel.starts_with("coder2/") {
            let h: String = Sha256::digest(f.text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            text += &format!("[[file]]\npath = \"{rel}\"\nsha256 = \"{h}\"\n\n");
        }
    }
    if !text.is_empty() {
        files.push(SeedFile {
            path: "a/frozen.toml".into(),
            text,
        });
    }
    files
}

#[test]
fn the_compared_files_are_frozen() {
    let frozen = with_frozen(vec![
        SeedFile {
            path: "a/coder1/p.toml".into(),
            text: FIRST.into(),
        },
        SeedFile {
            path: "a/coder2/p.toml".into(),
            text: SECOND.into(),
        },
    ])
    .pop()
    .unwrap()
    .text;
    let edited = SECOND.replace("A joint drill.", "A joint drill, really.");
    let (_, d) = run(
        &[
            ("coder1/p.toml", FIRST),
            ("coder2/p.toml", &edited),
            (
                "frozen.toml",
                &frozen.replace("coder1/p.toml", "coder1/q.toml"),
            ),
        ],
        &[],
    );
    let d: Vec<&String> = d.iter().filter(|x| !x.contains("unresolved")).collect();
    assert_eq!(d.len(), 3, "{d:#?}");
    assert!(d[0].starts_with("a/coder1/p.toml:1: coder1/p.toml is not recorded in frozen.toml"));
    assert!(d[1].starts_with("a/frozen.toml:2: frozen file coder1/q.toml is not there"));
    assert!(d[2].starts_with("a/frozen.toml:7: a/coder2/p.toml was changed after it was frozen"));
    // Without frozen.toml at all.
    let p = papers();
    let cats = categories();
    let dims = dimensions();
    let texts: Vec<PaperText> = p.texts.iter().map(PaperText::locators).collect();
    let refs = AgreementRefs {
        papers: &p,
        texts: &texts,
        raw: &[],
        categories: &cats,
        dimensions: &dims,
        stances: &[],
        dir: "a",
    };
    let mut diags = Diags::default();
    let files = [SeedFile {
        path: "a/coder2/p.toml".into(),
        text: SECOND.into(),
    }];
    build(&files, &refs, &mut diags);
    assert!(diags
        .into_sorted()
        .iter()
        .any(|x| x.to_string().starts_with(
            "a/frozen.toml:1: the compared files (coder1/, coder2/) have no recorded hashes"
        )));
}

fn resolved() -> String {
    // Without the resolution that names nothing (the first one).
    RESOLUTIONS
        .splitn(3, "[[resolution]]")
        .nth(2)
        .map(|r| format!("[[resolution]]{r}"))
        .unwrap()
}

#[test]
fn both_stages_whole_items_and_crosswalk() {
    let res = resolved();
    let (s, d) = run(
        &[
            ("coder1/p.toml", FIRST),
            ("coder2/p.toml", SECOND),
            ("coder2/crosswalk.toml", CROSSWALK),
            ("resolutions.toml", &res),
        ],
        &[],
    );
    assert!(d.is_empty(), "{d:#?}");
    let s = s.unwrap();
    assert_eq!(s.papers.len(), 1);
    let f = &s.papers[0].figures;
    assert_eq!((f.first_mentions, f.second_mentions), (2, 2));
    // Units: the lifeboat sentence (both), the councils sentence (first only), the note
    // (second only).
    let t = |both, only_first, only_second| Tally {
        both,
        only_first,
        only_second,
    };
    assert_eq!(f.units, t(1, 1, 1));
    assert_eq!(f.units_pa.value, Some(0.5));
    // Categories on the one unit both found: {c1} against {c1, c2}: no agreement, and with one
    // unit kappa and alpha are both 0 (pe = 0; one disagreeing pair).
    assert_eq!(f.agreed, 0);
    assert_eq!(f.kappa.value, Some(0.0));
    assert_eq!(f.alpha.value, Some(0.0));
    assert_eq!(f.decisions, t(1, 0, 1));
    assert!((f.decisions_pa.value.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    // Items: drill-2003 = "Lifeboat exercise, June 2003"; one item each found alone.
    assert_eq!(f.items, t(1, 1, 1));
    assert_eq!(f.clusters, 3);
    assert_eq!(s.overall.units, f.units);
    let per: Vec<(usize, Tally)> = s.papers[0]
        .categories
        .iter()
        .map(|c| (c.category, c.tally))
        .collect();
    assert_eq!(per, vec![(0, t(1, 0, 0)), (1, t(0, 0, 1))]);
    // Crosswalk: c1 agrees, c2 does not; the codebook gives no stance, so none compared.
    let w = s.crosswalk.as_ref().unwrap();
    assert_eq!((w.links, w.agreed, w.stances), (2, 1, (0, 0)));
    assert_eq!(w.secondary, t(0, 0, 1));
    // Every disagreement resolved, in text order, then the crosswalk.
    let got: Vec<(DisagreementKind, Outcome, &str)> = s
        .disagreements
        .iter()
        .map(|x| (x.kind, x.outcome, x.second.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                DisagreementKind::Unitizing,
                Outcome::Neither,
                "excluded (background: A trend, not an event.)"
            ),
            (
                DisagreementKind::Categories,
                Outcome::FirstCoder,
                "evidence (lifeboat exercise, june 2003) under “Practical”, “Political”"
            ),
            (
                DisagreementKind::Unitizing,
                Outcome::FirstCoder,
                "evidence (council minutes, march 1999) under “Political”"
            ),
            (
                DisagreementKind::Crosswalk,
                Outcome::FirstCoder,
                "“D1” (mixed)"
            ),
        ]
    );
    assert_eq!(
        s.disagreements[2].first,
        "excluded (background: A source of the councils' talks.)"
    );
}

#[test]
fn stances_are_compared_where_both_coders_give_one() {
    let res = resolved().replace(
        "[[resolution]]\ncrosswalk = \"c2\"",
        "[[resolution]]\ncrosswalk = \"c1\"\noutcome = \"second-coder\"\nreason = \"Positive.\"\n\n[[resolution]]\ncrosswalk = \"c2\"",
    );
    let (s, d) = run(
        &[
            ("coder1/p.toml", FIRST),
            ("coder2/p.toml", SECOND),
            ("coder2/crosswalk.toml", CROSSWALK),
            ("resolutions.toml", &res),
        ],
        &["negative", ""],
    );
    assert!(d.is_empty(), "{d:#?}");
    let w = s.unwrap().crosswalk.unwrap();
    assert_eq!(w.stances, (1, 0));
}

#[test]
fn every_disagreement_needs_a_resolution_and_every_resolution_a_disagreement() {
    let (_, d) = run(
        &[
            ("coder1/p.toml", FIRST),
            ("coder2/p.toml", SECOND),
            ("coder2/crosswalk.toml", CROSSWALK),
            ("resolutions.toml", RESOLUTIONS),
        ],
        &[],
    );
    assert_eq!(d, vec!["a/resolutions.toml:1: resolution for the unit at this locator, on which the coders do not disagree; resolutions only for disagreements (the build lists those without one)"]);
    let (_, d) = run(
        &[
            ("coder1/p.toml", FIRST),
            ("coder2/p.toml", SECOND),
            ("coder2/crosswalk.toml", CROSSWALK),
        ],
        &[],
    );
    assert_eq!(
        d,
        vec![
            "a/coder1/p.toml:8: unresolved disagreement (unitizing) in `p` at «Since 1998 the councils have talked.»: first coder: evidence (councils-1998) under “Political”; second coder: excluded (background: A trend, not an event.); a [[resolution]] in a/resolutions.toml naming it (paper + locator, or crosswalk), with outcome and reason",
            "a/coder2/crosswalk.toml:10: unresolved disagreement (crosswalk) in `p` at category `c2`: first coder: “D2”; second coder: “D1” (mixed); a [[resolution]] in a/resolutions.toml naming it (paper + locator, or crosswalk), with outcome and reason",
            "a/coder2/p.toml:6: unresolved disagreement (categories) in `p` at «The lifeboat exercise of June 2003»: first coder: evidence (drill-2003) under “Practical”; second coder: evidence (lifeboat exercise, june 2003) under “Practical”, “Political”; a [[resolution]] in a/resolutions.toml naming it (paper + locator, or crosswalk), with outcome and reason",
            "a/coder2/p.toml:13: unresolved disagreement (unitizing) in `p` at «Minutes, 12 March 1999»: first coder: excluded (background: A source of the councils' talks.); second coder: evidence (council minutes, march 1999) under “Political”; a [[resolution]] in a/resolutions.toml naming it (paper + locator, or crosswalk), with outcome and reason",
        ]
    );
}

#[test]
fn a_second_coding_is_checked_like_any_seed() {
    let bad = SECOND
        .replace("locator = \"was a first\"", "locator = \"e\"")
        .replace("categories = [\"c2\"]", "categories = [\"c3\"]")
        .replace("decision = \"excluded\"", "decision = \"exclude\"")
        + "\n[[unit]]\nlocator = \"Crews trained apart\"\ndecision = \"evidence\"\n";
    let (_, d) = run(&[("coder1/p.toml", FIRST), ("coder2/q.toml", &bad)], &[]);
    let d: Vec<&String> = d.iter().filter(|x| x.starts_with("a/coder2/")).collect();
    assert_eq!(
        d,
        vec![
            "a/coder2/q.toml:1: the file of paper `p` is named q.toml; the file name p.toml",
            "a/coder2/q.toml:7: second coder's locator stands 17 times in p.txt: «e»; words that stand once in the paper (a longer stretch of the same sentence)",
            "a/coder2/q.toml:17: unknown category `c3` (did you mean `c1`?); a category of paper `p`",
            "a/coder2/q.toml:21: unknown decision `exclude` (did you mean `excluded`?); `evidence` or `excluded`",
            "a/coder2/q.toml:25: missing field `categories` in unit; `categories = [\"…\"]`",
            "a/coder2/q.toml:25: missing field `item` in unit; `item = \"…\"`",
            "a/coder2/q.toml:26: second coder's locator not found in p.txt: it matches up to «…Crews trained », then the quote has «apart» where the paper has «together.»; the exact words of one paragraph or footnote (only whitespace, quote marks and dashes may differ)",
        ]
    );
}

#[test]
fn a_second_coding_without_a_first_is_reported_and_no_files_is_no_study() {
    let (s, d) = run(&[("coder2/p.toml", SECOND)], &[]);
    assert_eq!(d, vec!["a/coder2/p.toml:1: paper `p` has a second coding but no first coding to compare it with; a/coder1/p.toml: the first coder's sweep as it stood before the comparison"]);
    assert!(s.unwrap().papers.is_empty());
    assert_eq!(run(&[], &[]).0, None);
    let (_, d) = run(&[("notes.toml", "")], &[]);
    assert_eq!(d, vec!["a/notes.toml:1: unknown agreement file notes.toml; coder1/<paper id>.toml, coder2/<paper id>.toml, coder2/crosswalk.toml, frozen.toml or resolutions.toml"]);
}

#[test]
fn the_first_coding_alone_gives_figures_that_are_not_defined_rather_than_nan() {
    let empty = "paper = \"p\"\ncoder = \"B\"\nmade = \"x\"\nprocedure = \"y\"\n";
    let res = "[[resolution]]\npaper = \"p\"\nlocator = \"The lifeboat\"\noutcome = \"first-coder\"\nreason = \"r\"\n\n[[resolution]]\npaper = \"p\"\nlocator = \"Since 1998\"\noutcome = \"first-coder\"\nreason = \"r\"\n";
    let (s, d) = run(
        &[
            ("coder1/p.toml", FIRST),
            ("coder2/p.toml", empty),
            ("resolutions.toml", res),
        ],
        &[],
    );
    assert!(d.is_empty(), "{d:#?}");
    let f = &s.unwrap().papers[0].figures;
    assert_eq!(f.units_pa.value, Some(0.0));
    assert_eq!(
        (f.kappa.value, f.alpha.value, f.decisions_pa.value),
        (None, None, None)
    );
    assert_eq!(f.items.only_first, 2);
}

#[test]
fn matching_by_sentence_and_items_by_maximum_matching() {
    // One sentence naming two events: the first coder lists both under one locator, the
    // second coder gives each its own unit in the same sentence: one unit, two items matched.
    let first = "paper = \"p\"\nsource = \"s\"\n\n[[mention]]\nlocator = \"The lifeboat exercise\"\ncoded = [\"drill-2003~c1\", \"first-2003~c1\"]\n";
    let second = "paper = \"p\"\ncoder = \"B\"\nmade = \"x\"\nprocedure = \"y\"\n\n[[unit]]\nlocator = \"June 2003\"\nitem = \"Drill\"\ndecision = \"evidence\"\ncategories = [\"c1\"]\n\n[[unit]]\nlocator = \"was a first\"\nitem = \"First drill\"\ndecision = \"evidence\"\ncategories = [\"c1\"]\n\n[[unit]]\nlocator = \"Crews trained together\"\nitem = \"drill \"\ndecision = \"evidence\"\ncategories = [\"c1\"]\n";
    let res = "[[resolution]]\npaper = \"p\"\nlocator = \"Crews trained\"\noutcome = \"first-coder\"\nreason = \"The same drill, named again.\"\n";
    let (s, d) = run(
        &[
            ("coder1/p.toml", first),
            ("coder2/p.toml", second),
            ("resolutions.toml", res),
        ],
        &[],
    );
    assert!(d.is_empty(), "{d:#?}");
    let f = &s.unwrap().papers[0].figures;
    // The next sentence is a unit of its own (second coder only), but its item ("drill ",
    // folded) is the same item as the first sentence's, so both units are one cluster.
    assert_eq!((f.units.both, f.units.only_second), (1, 1));
    assert_eq!(f.clusters, 1);
    assert_eq!(
        (f.items.both, f.items.only_first, f.items.only_second),
        (2, 0, 0)
    );
}

#[test]
fn maximum_matching_finds_augmenting_paths() {
    // Left 0 can take right 0 or 1, left 1 only right 0: both are matched.
    assert_eq!(
        max_matching(&[vec![0, 1], vec![0]], 2),
        vec![Some(1), Some(0)]
    );
    assert_eq!(max_matching(&[vec![], vec![0]], 1), vec![None, Some(0)]);
}

#[test]
fn locators_point_rather_than_quote() {
    // Single and double quote marks count as one; an excluded mention in what the cleaning
    // leaves out (the masthead of the text file) is left out; an evidence mention there is not
    // found.
    let second = SECOND.replace("locator = \"was a first\"", "locator = \"was a first. Crews trained together.\"")
        + "\n[[unit]]\nlocator = \"Masthead: No. 1, June 2003\"\ndecision = \"excluded\"\nexcluded = \"not-an-event\"\nwhy = \"The issue date.\"\n\n[[unit]]\nlocator = \"No. 1, June 2003\"\nitem = \"Issue\"\ndecision = \"evidence\"\ncategories = [\"c1\"]\n";
    let first = FIRST.replace(
        "locator = \"Minutes, 12 March 1999.\"",
        "locator = 'Minutes, 12 March 1999.'",
    );
    let (_, d) = run(
        &[("coder1/p.toml", &first), ("coder2/p.toml", &second)],
        &[],
    );
    let d: Vec<&String> = d.iter().filter(|x| !x.contains("unresolved")).collect();
    assert_eq!(d, vec!["a/coder2/p.toml:32: second coder's locator not found in p.txt: «No. 1, June 2003»; the exact words of one paragraph or footnote (only whitespace, quote marks and dashes may differ)"]);
    let p = papers();
    let t = p.texts[0].locators();
    assert!(!t.contains("the \"lifeboat' exercise"));
    assert!(t.contains("Crews trained together."));
    let doc = "It's a \"test\".";
    let folded = PaperText::new(
        "x.txt",
        &crate::model::Document {
            blocks: vec![crate::model::Block {
                text: doc.into(),
                ..crate::model::Block::default()
            }],
            ..crate::model::Document::default()
        },
    );
    assert!(!folded.contains("a 'test'"));
    assert!(folded.locators().contains("a 'test'"));
    assert!(folded.locators().contains("It\"s"));
}
