//! Phase 5: the `[[coding]]` records: an evidence item under a category, with its quotes
//! located in the category's paper.

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;

use super::categories::Categories;
use super::diags::Diags;
use super::evidence::EvidenceItems;
use super::ids::{lookup, IdTable};
use super::papers::Papers;
use super::records::{list, owned, required, text, At, List, Record, Str};
use crate::model::Coding;

/// A `[[coding]]` record as written.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CodingRec {
    evidence: Str,
    category: Str,
    quotes: List,
    note: Str,
    rationale: Str,
}

pub(super) const CODING_KEYS: &[&str] = &["evidence", "category", "quotes", "note", "rationale"];

/// What codings refer to.
pub(super) struct CodingRefs<'a> {
    pub(super) papers: &'a Papers,
    pub(super) categories: &'a Categories,
    pub(super) evidence: &'a EvidenceItems,
}

/// The valid codings, and every `kind:id` any coding record names (valid or not), so that
/// one broken record does not cascade into "never coded" reports.
#[derive(Default)]
pub(super) struct Codings {
    pub(super) list: Vec<Coding>,
    pub(super) named: BTreeSet<String>,
    /// Evidence ids (as written) of coding records that did not make a coding: references
    /// to their codings elsewhere are not reported again.
    pub(super) broken: BTreeSet<String>,
}

/// The required reference field `(key, value)` resolved among the valid `ids`. An id that
/// was declared (in `declared`) but whose record is invalid is not reported again.
fn reference(
    at: &At,
    (key, value): (&str, &Str),
    (ids, declared): (&[String], &IdTable),
    expected: &str,
    diags: &mut Diags,
) -> Option<usize> {
    let v = required(at, key, value, diags)?;
    let quiet = declared.contains(v.get_ref());
    lookup(at, key, &v, ids, quiet, expected, diags)
}

/// Checks every coding record.
pub(super) fn build(recs: &[Record<CodingRec>], refs: &CodingRefs, diags: &mut Diags) -> Codings {
    let mut out = Codings::default();
    let mut pairs: HashMap<(usize, usize), (String, u32)> = HashMap::new();
    let ev_ids = refs.evidence.id_list();
    let cat_ids = refs.categories.id_list();
    for r in recs {
        let (at, f) = (&r.at, &r.fields);
        for (key, v) in [("evidence", &f.evidence), ("category", &f.category)] {
            if let Some(v) = v {
                out.named.insert(format!("{key}:{}", v.get_ref()));
            }
        }
        if let (Some(e), Some(c)) = (&f.evidence, &f.category) {
            out.named
                .insert(format!("coding:{}~{}", e.get_ref(), c.get_ref()));
        }
        let ev = reference(
            at,
            ("evidence", &f.evidence),
            (&ev_ids, &refs.evidence.ids),
            "the id of an [[evidence]] item",
            diags,
        );
        let cat = reference(
            at,
            ("category", &f.category),
            (&cat_ids, &refs.categories.ids),
            "the id of a [[category]]",
            diags,
        );
        let quotes = list(at, "quotes", &f.quotes, true, diags);
        let rationale = owned(required(at, "rationale", &f.rationale, diags));
        let broken = f.evidence.as_ref().map(|e| e.get_ref().clone());
        let (Some(ev), Some(cat)) = (ev, cat) else {
            out.broken.extend(broken);
            continue;
        };
        if let Some((file, line)) = pairs.get(&(ev, cat)) {
            diags.push(
                at.path(),
                at.line,
                format!(
                    "second coding of evidence `{}` under category `{}` (first at {file}:{line})",
                    ev_ids[ev], cat_ids[cat]
                ),
                "one [[coding]] per evidence and category; put all its quotes in one `quotes` list",
            );
            continue;
        }
        pairs.insert((ev, cat), (at.path().to_string(), at.line));
        if let Some(mut coding) = coding(at, (ev, cat), &quotes, text(&f.note), refs, diags) {
            coding.rationale = rationale;
            out.list.push(coding);
        } else {
            out.broken.extend(broken);
        }
    }
    out
}

/// The coding when every quote is located in the category's paper.
fn coding(
    at: &At,
    (ev, cat): (usize, usize),
    quotes: &[toml::Spanned<String>],
    note: String,
    refs: &CodingRefs,
    diags: &mut Diags,
) -> Option<Coding> {
    let paper = refs.categories.list[cat].paper;
    let text = &refs.papers.texts[paper];
    let located: Vec<_> = quotes
        .iter()
        .filter_map(|q| text.locate(at, q, "quote", diags))
        .collect();
    (located.len() == quotes.len() && !located.is_empty()).then(|| Coding {
        id: format!(
            "{}~{}",
            refs.evidence.list[ev].id, refs.categories.list[cat].id
        ),
        paper,
        category: cat,
        evidence: ev,
        quotes: located,
        note,
        rationale: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::fixtures::{book_diags, papers};
    use crate::seeds::vocabulary::Vocabulary;
    use crate::seeds::{categories, dimensions, evidence};

    const BOOK: &str = "[[dimension]]\nid = \"practice\"\nlabel = \"P\"\ndefinition = \"D\"\n\n[[category]]\nid = \"p-practical\"\npaper = \"p\"\nlabel = \"Practical\"\npartner = \"\"\nsection = \"Practical partner\"\ndefinition = \"Crews trained together\"\ndimension = \"practice\"\ncrosswalk_note = \"N\"\ncrosswalk_quote = \"a first\"\nstance = \"positive\"\n\n[[evidence]]\nid = \"drill-2003\"\ntitle = \"Drill\"\ndate = \"2003-06\"\nplace = \"Port\"\nactors = [\"Council\"]\nkind = \"exercise\"\ndomain = \"civilian\"\n\n[[coding]]\nevidence = \"drill-2003\"\ncategory = \"p-practical\"\nrationale = \"R\"\nquotes = [\n  \"The lifeboat exercise of June 2003\",\n  \"The lifeboat exercise of June 2003 was a first\",\n]\n";

    fn run(book: &str) -> (Codings, Vec<String>) {
        let p = papers();
        let vocab = Vocabulary {
            kinds: vec!["exercise".into()],
            domains: vec!["civilian".into()],
            ..Vocabulary::default()
        };
        book_diags(book, |b, d| {
            let dims = dimensions::build(&b.dimensions, d);
            let refs = categories::CategoryRefs {
                papers: &p,
                partners: &[],
                dimensions: &dims,
            };
            let cats = categories::build(&b.categories, &refs, d);
            let series = crate::seeds::series::SeriesList::default();
            let ev_refs = evidence::EvidenceRefs {
                vocab: &vocab,
                series: &series,
            };
            let ev = evidence::build(&b.evidence, &ev_refs, d);
            build(
                &b.codings,
                &CodingRefs {
                    papers: &p,
                    categories: &cats,
                    evidence: &ev,
                },
                d,
            )
        })
    }

    #[test]
    fn builds_a_coding_with_its_quotes() {
        let (k, d) = run(BOOK);
        assert!(d.is_empty(), "{d:#?}");
        assert_eq!(k.list[0].id, "drill-2003~p-practical");
        assert_eq!(k.list[0].quotes.len(), 2);
        assert!(k.named.contains("category:p-practical"));
    }

    #[test]
    fn two_quotes_that_begin_alike_are_reported_at_their_own_lines() {
        let book = BOOK.replace("2003 was a first", "2003 was a second");
        let (k, d) = run(&book);
        assert!(k.list.is_empty());
        assert_eq!(d.len(), 1);
        assert!(
            d[0].starts_with("cb.toml:33: quote not found in p.txt"),
            "{d:#?}"
        );
    }

    #[test]
    fn second_coding_and_unknown_references() {
        let second = "\n[[coding]]\nevidence = \"drill-2003\"\ncategory = \"p-practical\"\nrationale = \"R\"\nquotes = [\"a first\"]\n\n[[coding]]\nevidence = \"dril-2003\"\ncategory = \"p-practical\"\nrationale = \"R\"\nquotes = [\"a first\"]\n";
        let (_, d) = run(&format!("{BOOK}{second}"));
        assert_eq!(
            d,
            vec![
                "cb.toml:36: second coding of evidence `drill-2003` under category `p-practical` (first at cb.toml:27); one [[coding]] per evidence and category; put all its quotes in one `quotes` list",
                "cb.toml:43: unknown evidence `dril-2003` (did you mean `drill-2003`?); the id of an [[evidence]] item",
            ]
        );
    }
}
