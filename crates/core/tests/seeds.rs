//! The seeds pipeline on a tiny invented corpus (two papers, a codebook): it builds through
//! the same code as the real one, and broken codebooks fail with exact `file:line` messages.

use std::path::Path;

use evidence_core::seeds::build_corpus;
use evidence_core::share::export::{evidence_csv, COLUMNS};
use evidence_core::text::quote_fold;
use evidence_core::{CategoryKind, MentionDecision, Outcome, QuotePlace};

#[path = "common/seedset.rs"]
mod seedset;
use seedset::{build_errors, tiny};

/// The tiny corpus with `from` replaced by `to` in its codebook (which must contain `from`).
fn broken(from: &str, to: &str) -> Vec<String> {
    let mut s = tiny();
    let cb = &mut s.codebook[0];
    assert!(cb.text.contains(from), "fixture lacks {from:?}");
    cb.text = cb.text.replacen(from, to, 1);
    match build_corpus(&s) {
        Ok(_) => panic!("expected the build to fail after replacing {from:?}"),
        Err(d) => d.iter().map(|x| x.to_string()).collect(),
    }
}

/// 1-based line of the first occurrence of `needle` in the tiny codebook after a replacement.
fn line_in_codebook(from: &str, to: &str, needle: &str) -> usize {
    let text = tiny().codebook[0].text.replacen(from, to, 1);
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

#[test]
fn tiny_corpus_builds_through_the_same_code() {
    let c = build_corpus(&tiny()).expect("tiny corpus is valid");
    assert_eq!(c.papers.len(), 2);
    assert_eq!(c.papers[0].id, "alpha");
    assert_eq!(c.dimensions.len(), 2);
    // Three analytic categories, one context category, one honest gap (`no_evidence`).
    assert_eq!(c.categories.len(), 5);
    assert_eq!(c.evidence.len(), 3);
    assert_eq!(c.codings.len(), 4);
    // Evidence sorted by date: the 2003 exercise before the 2005/2006 course.
    assert_eq!(c.evidence[0].id, "lifeboat-exercise-2003");
    assert_eq!(c.evidence[1].date.start, (2005, 1, 1));
    assert_eq!(c.evidence[1].date.end, (2006, 12, 31));
    // A paper without headings has categories without a section.
    let b = c.categories.iter().find(|k| k.id == "b-signal").unwrap();
    assert_eq!(b.section, None);
    // The same event is one evidence item coded by both papers.
    let shared: Vec<_> = c
        .codings
        .iter()
        .filter(|k| k.evidence == 0)
        .map(|k| k.paper)
        .collect();
    assert_eq!(shared, vec![0, 1]);
    // Every quote is located and its range holds the quoted words.
    for k in &c.codings {
        for q in &k.quotes {
            let doc = &c.papers[k.paper].doc;
            let text = match q.place {
                QuotePlace::Block => &doc.blocks[q.index].text,
                QuotePlace::Note => &doc.footnotes[q.index].text,
            };
            assert_eq!(
                quote_fold(&text[q.range.0..q.range.1]).text,
                quote_fold(&q.text).text
            );
        }
    }
}

#[test]
fn csv_has_the_documented_header_and_every_quote_is_in_its_paper() {
    let c = build_corpus(&tiny()).unwrap();
    let csv = evidence_csv(&c);
    assert!(csv.ends_with("\r\n"), "CRLF line ends");
    assert!(
        csv.starts_with('\u{feff}'),
        "UTF-8 byte-order mark for Excel"
    );
    // The original columns keep their names and order; rationale and corpus_version follow.
    assert_eq!(
        COLUMNS.join(","),
        "paper_id,paper_title,section,category_id,category_label,partner,dimension,evidence_id,evidence_title,date,theatre,kind,domain,quote,link,rationale,corpus_version"
    );
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, COLUMNS[..header.len()]);
    assert_eq!(header.len(), COLUMNS.len());
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        rows += 1;
        let paper = c.papers.iter().find(|p| p.id == rec[0]).unwrap();
        let folded = quote_fold(&rec[13]).text;
        let found = paper
            .doc
            .blocks
            .iter()
            .map(|b| &b.text)
            .chain(paper.doc.footnotes.iter().map(|n| &n.text))
            .any(|t| quote_fold(t).text.contains(&folded));
        assert!(found, "quote {:?} not in {}", &rec[13], paper.id);
        assert!(
            rec[14].starts_with("index.html#/read/"),
            "link {:?}",
            &rec[14]
        );
        assert!(rec[14].contains("quote="), "link {:?}", &rec[14]);
    }
    assert_eq!(rows, 4);
}

#[test]
fn drifted_quote_is_reported_with_its_line_and_where_it_drifts() {
    let (from, to) = ("crews trained together", "crews trained jointly");
    let d = broken(from, to);
    let line = line_in_codebook(from, to, "crews trained jointly");
    assert_eq!(
        d,
        vec![format!(
            "seeds/codebook/codebook.toml:{line}: quote not found in alpha.txt: it matches up to «…June 2003, when crews trained », then the quote has «jointly for the first time» where the paper has «together for the first time. The exercis»; the exact words of one paragraph or footnote (only whitespace, quote marks and dashes may differ)"
        )]
    );
}

#[test]
fn duplicate_id_is_reported_with_both_places() {
    let (from, to) = ("id = \"pilot-course\"", "id = \"lifeboat-exercise-2003\"");
    let d = broken(from, to);
    let text = tiny().codebook[0].text.replacen(from, to, 1);
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id = \"lifeboat-exercise-2003\"") && !l.contains("evidence"))
        .map(|(i, _)| i + 1)
        .collect();
    let (first, second) = (lines[0], lines[1]);
    assert!(
        d.contains(&format!(
            "seeds/codebook/codebook.toml:{second}: duplicate evidence id `lifeboat-exercise-2003` (first at seeds/codebook/codebook.toml:{first}); evidence ids unique"
        )),
        "{d:#?}"
    );
}

#[test]
fn unknown_category_suggests_the_nearest_and_leaves_a_category_uncoded() {
    let (from, to) = ("category = \"a-teacher\"", "category = \"a-teachr\"");
    let d = broken(from, to);
    let line = line_in_codebook(from, to, "a-teachr");
    let cat_line = line_in_codebook(from, to, "id = \"a-teacher\"") - 1;
    assert_eq!(
        d,
        vec![
            format!("seeds/codebook/codebook.toml:{cat_line}: category `a-teacher` has no coding; at least one [[coding]] with `category` = this id, or `no_evidence = \"…\"` (the author's words) when the paper cites no concrete evidence for it"),
            format!("seeds/codebook/codebook.toml:{line}: unknown category `a-teachr` (did you mean `a-teacher`?); the id of a [[category]]"),
        ]
    );
}

#[test]
fn bad_date_is_reported_with_the_expected_forms() {
    let (from, to) = ("date = \"2003-06\"", "date = \"2003-13\"");
    let d = broken(from, to);
    let line = line_in_codebook(from, to, "2003-13");
    assert!(
        d.contains(&format!(
            "seeds/codebook/codebook.toml:{line}: bad date: month 13 out of range in `2003-13`; a date as YYYY, YYYY-MM or YYYY-MM-DD, or a range START/END"
        )),
        "{d:#?}"
    );
}

#[test]
fn missing_field_is_reported_at_its_record() {
    let (from, to) = ("place = \"Eastport\"\n", "");
    let d = broken(from, to);
    let line = line_in_codebook(from, to, "id = \"pilot-course\"") - 1;
    assert_eq!(
        d,
        vec![format!(
            "seeds/codebook/codebook.toml:{line}: missing field `place` in evidence; `place = \"…\"`"
        )]
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let mut s = tiny();
    let cb = &mut s.codebook[0];
    cb.text = cb
        .text
        .replacen("date = \"2003-06\"", "date = \"June 2003\"", 1)
        .replacen("kind = \"course\"", "kind = \"lecture\"", 1)
        .replacen("category = \"b-signal\"", "category = \"nope\"", 1)
        .replacen("dimension = \"learning\"", "dimension = \"learnin\"", 1);
    let d = build_corpus(&s).unwrap_err();
    let text: Vec<String> = d.iter().map(|x| x.to_string()).collect();
    let has = |needle: &str| text.iter().any(|t| t.contains(needle));
    assert!(has("bad date: bad year `June 2003`"), "{text:#?}");
    assert!(has("unknown kind `lecture`"), "{text:#?}");
    assert!(has("unknown category `nope`"), "{text:#?}");
    assert!(
        has("unknown dimension `learnin` (did you mean `learning`?)"),
        "{text:#?}"
    );
    assert!(text.len() >= 4);
}

#[test]
fn unknown_field_and_table_are_reported() {
    let d = broken("place = \"Eastport\"", "plac = \"Eastport\"");
    assert!(
        d.iter()
            .any(|x| x.contains("unknown field `plac` in evidence (did you mean `place`?)")),
        "{d:#?}"
    );
    let d = broken("[[coding]]", "[[codings]]");
    assert!(
        d.iter()
            .any(|x| x.contains("unknown table `codings` (did you mean `coding`?)")),
        "{d:#?}"
    );
}

// ------------------------------------------------------------------- codebook schema v2

/// The tiny corpus with `from` replaced by `to` in the file whose path ends with `file`;
/// returns every problem as text (the build must fail).
fn broken_in(file: &str, from: &str, to: &str) -> Vec<String> {
    let mut s = tiny();
    let f = s
        .codebook
        .iter_mut()
        .chain(s.agreement.iter_mut())
        .find(|f| f.path.ends_with(file))
        .expect("fixture file");
    assert!(f.text.contains(from), "{file} lacks {from:?}");
    f.text = f.text.replacen(from, to, 1);
    match build_corpus(&s) {
        Ok(_) => panic!("expected the build to fail after replacing {from:?} in {file}"),
        Err(d) => d.iter().map(|x| x.to_string()).collect(),
    }
}

/// 1-based line of the first line containing `needle` in the fixture file `file` after the
/// replacement.
fn line_in(file: &str, from: &str, to: &str, needle: &str) -> usize {
    let s = tiny();
    let f = s
        .codebook
        .iter()
        .chain(&s.agreement)
        .find(|f| f.path.ends_with(file))
        .unwrap();
    let text = f.text.replacen(from, to, 1);
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

#[test]
fn tiny_corpus_has_every_v2_feature() {
    let c = build_corpus(&tiny()).expect("tiny corpus is valid");
    let cat = |id: &str| c.categories.iter().find(|k| k.id == id).unwrap();
    // A context category maps onto no dimension and is coded like the others.
    assert_eq!(cat("a-context").kind, CategoryKind::Context);
    assert_eq!(cat("a-context").dimension, None);
    assert!(c
        .codings
        .iter()
        .any(|k| c.categories[k.category].id == "a-context"));
    // An honest gap: the author's words, located, and no coding.
    let gap = cat("b-partnership")
        .no_evidence
        .as_ref()
        .expect("no_evidence");
    assert_eq!(gap.place, QuotePlace::Block);
    assert!(!c
        .codings
        .iter()
        .any(|k| c.categories[k.category].id == "b-partnership"));
    // A secondary crosswalk link with its own quote.
    let sec = &cat("a-teacher").secondary;
    assert_eq!(sec.len(), 1);
    assert_eq!(c.dimensions[sec[0].dimension].id, "practice");
    // A series groups two items; an item with no place says why in its note.
    assert_eq!(c.series.len(), 1);
    assert_eq!(c.evidence.iter().filter(|e| e.series == Some(0)).count(), 2);
    let review = c
        .evidence
        .iter()
        .find(|e| e.id == "joint-review-2008")
        .unwrap();
    assert_eq!(review.place, "");
    assert!(!review.note.is_empty());
    // Every coding has its rationale.
    assert!(c.codings.iter().all(|k| !k.rationale.is_empty()));
    // Sweeps: one per paper, coded and excluded mentions.
    assert_eq!(c.sweeps.len(), 2);
    assert_eq!(c.sweeps[0].mentions.len(), 6);
    let excluded = c.sweeps[0]
        .mentions
        .iter()
        .filter(|m| matches!(m.decision, MentionDecision::Excluded { .. }))
        .count();
    assert_eq!(excluded, 3);
    // Agreement: the three evidence mentions of alpha are found by both coders (same
    // sentences); the second coder adds `a-teacher` to the exercise. Categories as one
    // nominal value: [P] [T] [C] against [P,T] [T] [C]: po = 2/3, pe = 2/9, kappa = 4/7;
    // alpha = 1 - 5 * 2 / (36 - 10) = 8/13. Decisions: 3 both, 1 second only: PA = 6/7.
    let a = c.agreement.as_ref().expect("agreement study");
    let f = &a.papers[0].figures;
    assert_eq!(
        (
            a.papers[0].paper,
            f.units.both,
            f.units.only_first,
            f.units.only_second
        ),
        (0, 3, 0, 0)
    );
    assert_eq!(f.agreed, 2);
    assert!(
        (f.kappa.value.unwrap() - 4.0 / 7.0).abs() < 1e-9,
        "{:?}",
        f.kappa
    );
    assert!(
        (f.alpha.value.unwrap() - 8.0 / 13.0).abs() < 1e-9,
        "{:?}",
        f.alpha
    );
    assert!((f.decisions_pa.value.unwrap() - 6.0 / 7.0).abs() < 1e-9);
    assert_eq!(
        (f.items.both, f.items.only_first, f.items.only_second),
        (3, 0, 0)
    );
    let w = a.crosswalk.as_ref().expect("crosswalk");
    assert_eq!((w.links, w.agreed), (4, 3));
    // A category the crosswalk places alike but weighs differently (the stance) is a
    // disagreement too.
    assert_eq!(a.disagreements.len(), 3);
    assert!(a
        .disagreements
        .iter()
        .all(|d| d.outcome == Outcome::FirstCoder));
    // The corpus version: a short hash of the seeds directory, in every CSV row.
    assert_eq!(c.about.hash.len(), 12);
    let csv = evidence_csv(&c);
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    for row in rdr.records() {
        let row = row.unwrap();
        assert_eq!(&row[16], c.about.hash);
        assert!(!row[15].is_empty(), "rationale");
    }
}

#[test]
fn context_category_takes_no_dimension_and_analytic_needs_one() {
    let (from, to) = (
        "kind = \"context\"\n",
        "kind = \"context\"\ndimension = \"practice\"\n",
    );
    let line = line_in("codebook.toml", from, to, "kind = \"context\"") + 1;
    assert_eq!(
        broken_in("codebook.toml", from, to),
        vec![format!("seeds/codebook/codebook.toml:{line}: a context category has a `dimension`; no `dimension` (context frames the argument and maps onto no dimension)")]
    );
    let d = broken_in("codebook.toml", "kind = \"context\"", "kind = \"contxt\"");
    let line = line_in(
        "codebook.toml",
        "kind = \"context\"",
        "kind = \"contxt\"",
        "contxt",
    );
    assert!(
        d.contains(&format!("seeds/codebook/codebook.toml:{line}: unknown kind `contxt` (did you mean `context`?); one of: analytic, descriptive, context")),
        "{d:#?}"
    );
}

#[test]
fn honest_gap_and_codings_exclude_each_other() {
    let (from, to) = ("category = \"b-signal\"", "category = \"b-partnership\"");
    let gap = line_in("codebook.toml", from, to, "id = \"b-partnership\"") - 1;
    let signal = line_in("codebook.toml", from, to, "id = \"b-signal\"") - 1;
    let d = broken_in("codebook.toml", from, to);
    assert!(d.contains(&format!("seeds/codebook/codebook.toml:{gap}: category `b-partnership` has `no_evidence` and codings; either codings or `no_evidence` (an honest gap), not both")), "{d:#?}");
    assert!(d.contains(&format!("seeds/codebook/codebook.toml:{signal}: category `b-signal` has no coding; at least one [[coding]] with `category` = this id, or `no_evidence = \"…\"` (the author's words) when the paper cites no concrete evidence for it")), "{d:#?}");
}

#[test]
fn rationale_place_series_and_secondary_are_checked() {
    let from = "rationale = \"Beta reads the exercise as a signal to both publics.\"\n";
    let line = line_in("codebook.toml", from, "", "The exercise at Port Alder told") - 3;
    assert_eq!(
        broken_in("codebook.toml", from, ""),
        vec![format!("seeds/codebook/codebook.toml:{line}: missing field `rationale` in coding; `rationale = \"…\"`")]
    );
    let (from, to) = ("note = \"The paper names no place for the review.\"\n", "");
    let line = line_in("codebook.toml", from, to, "place = \"\"");
    assert_eq!(
        broken_in("codebook.toml", from, to),
        vec![format!("seeds/codebook/codebook.toml:{line}: empty `place` and no `note`; the place the sources support, or \"\" with a `note` saying they support none")]
    );
    let (from, to) = (
        "series = \"harbour-training\"",
        "series = \"harbour-trainin\"",
    );
    let line = line_in("codebook.toml", from, to, "harbour-trainin\"");
    assert_eq!(
        broken_in("codebook.toml", from, to),
        vec![format!("seeds/codebook/codebook.toml:{line}: unknown series `harbour-trainin` (did you mean `harbour-training`?); the id of a [[series]]")]
    );
    let (from, to) = (
        "[[category.secondary]]\ndimension = \"practice\"",
        "[[category.secondary]]\ndimension = \"practis\"",
    );
    let line = line_in("codebook.toml", from, to, "practis");
    assert_eq!(
        broken_in("codebook.toml", from, to),
        vec![format!("seeds/codebook/codebook.toml:{line}: unknown dimension `practis` (did you mean `practice`?); the id of a [[dimension]]")]
    );
}

#[test]
fn sweep_problems_are_reported_at_their_lines() {
    let (from, to) = ("storm of 1998\"", "storm of 1997\"");
    let line = line_in("sweep-alpha.toml", from, to, "1997");
    assert_eq!(
        broken_in("sweep-alpha.toml", from, to),
        vec![format!("seeds/codebook/sweep-alpha.toml:{line}: sweep locator not found in alpha.txt: it matches up to «… safety since the storm of 199», then the quote has «7» where the paper has «8. This short invented paper argues that»; the exact words of one paragraph or footnote (only whitespace, quote marks and dashes may differ)")]
    );
    let (from, to) = (
        "excluded = \"literature\"",
        "excluded = \"literature\"\ncoded = [\"pilot-course~a-teacher\"]",
    );
    let line = line_in("sweep-alpha.toml", from, to, "Council minutes") - 1;
    assert_eq!(
        broken_in("sweep-alpha.toml", from, to),
        vec![format!("seeds/codebook/sweep-alpha.toml:{line}: mention has both `coded` and `excluded`; exactly one of `coded = [\"<evidence>~<category>\", …]` or `excluded = \"<reason>\"` with `why`")]
    );
    let (from, to) = (
        "coded = [\"pilot-course~a-teacher\"]",
        "coded = [\"lifeboat-exercise-2003~b-signal\"]",
    );
    let line = line_in("sweep-alpha.toml", from, to, "b-signal");
    assert_eq!(
        broken_in("sweep-alpha.toml", from, to),
        vec![format!("seeds/codebook/sweep-alpha.toml:{line}: coding `lifeboat-exercise-2003~b-signal` is a coding of paper `beta`; a coding of one of this paper's categories")]
    );
    let (from, to) = ("excluded = \"background\"", "excluded = \"context\"");
    let line = line_in("sweep-alpha.toml", from, to, "\"context\"");
    assert_eq!(
        broken_in("sweep-alpha.toml", from, to),
        vec![format!("seeds/codebook/sweep-alpha.toml:{line}: unknown exclusion reason `context`; one of: background, literature, not-an-event, outside-scope")]
    );
}

#[test]
fn every_paper_needs_its_sweep() {
    let mut s = tiny();
    s.codebook.retain(|f| !f.path.ends_with("sweep-beta.toml"));
    let d = build_errors(&s);
    assert_eq!(
        d,
        vec!["seeds/codebook/sweep-beta.toml:1: paper `beta` has no sweep file; a file sweep-beta.toml listing every dated mention of the paper with its decision (draft it with `cargo run -p evidence-core --bin draft-sweep -- seeds beta`)"]
    );
}

#[test]
fn agreement_needs_a_resolution_for_every_disagreement() {
    let from = "[[resolution]]\ncrosswalk";
    let d = broken_in(
        "agreement/resolutions.toml",
        from,
        "[[unresolved]]\ncrosswalk",
    );
    let link_line = line_in("agreement/coder2/crosswalk.toml", "", "", "b-signal") - 1;
    let top_line = line_in(
        "agreement/resolutions.toml",
        from,
        "[[unresolved]]",
        "unresolved",
    );
    assert_eq!(
        d,
        vec![
            format!("seeds/agreement/coder2/crosswalk.toml:{link_line}: unresolved disagreement (crosswalk) in `beta` at category `b-signal`: first coder: “Practical cooperation” (positive); second coder: “Learning” (mixed); a [[resolution]] in seeds/agreement/resolutions.toml naming it (paper + locator, or crosswalk), with outcome and reason"),
            format!("seeds/agreement/resolutions.toml:{top_line}: unknown field `unresolved` in resolutions; only: coder, made, procedure, resolution"),
        ]
    );
    let (from, to) = (
        "categories = [\"a-teacher\"]",
        "categories = [\"b-signal\"]",
    );
    let line = line_in("agreement/coder2/alpha.toml", from, to, "b-signal");
    let d = broken_in("agreement/coder2/alpha.toml", from, to);
    assert!(d.contains(&format!("seeds/agreement/coder2/alpha.toml:{line}: unknown category `b-signal`; a category of paper `alpha`")), "{d:#?}");
}

#[test]
fn drafted_sweeps_have_locators_the_build_finds() {
    let mut s = tiny();
    let c = build_corpus(&s).unwrap();
    s.agreement.clear();
    for p in &c.papers {
        let draft = evidence_core::seeds::draft_sweep(p);
        assert!(draft.contains("[[mention]]"), "{draft}");
        // Undecided, the draft fails the build: one problem per mention.
        let decided = draft.replace(
            "# excluded = \"\"\n# why = \"\"",
            "excluded = \"background\"\nwhy = \"Decided in a test.\"",
        );
        let f = s
            .codebook
            .iter_mut()
            .find(|f| f.path.ends_with(&format!("sweep-{}.toml", p.id)))
            .unwrap();
        f.text = decided;
    }
    let c2 = build_corpus(&s).expect("every drafted locator is found");
    let mentions: usize = c2.sweeps.iter().map(|w| w.mentions.len()).sum();
    assert!(mentions >= 6, "{mentions}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn corpus_version_is_a_hash_of_every_file_under_the_seeds_directory() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    let base = std::env::temp_dir().join(format!("seeds-hash-{}", std::process::id()));
    let (a, b) = (base.join("a"), base.join("b"));
    copy_dir(&src, &a);
    copy_dir(&src, &b);
    let hash = |d: &Path| evidence_core::seeds::load(d).expect("valid").about.hash;
    let original = hash(&a);
    // The same files elsewhere: the same version (only paths relative to the directory count).
    assert_eq!(hash(&b), original);
    assert_eq!(original, tiny().hash);
    // Any byte of any file changes it, including files the build does not read.
    std::fs::write(b.join("notes.md"), "a file the build does not read").unwrap();
    assert_ne!(hash(&b), original);
    let text = std::fs::read_to_string(a.join("beta.txt")).unwrap();
    std::fs::write(
        a.join("beta.txt"),
        text.replace("matters less", "matters  less"),
    )
    .unwrap();
    assert_ne!(hash(&a), original);
    std::fs::remove_dir_all(&base).unwrap();
}
