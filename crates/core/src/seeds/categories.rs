//! Phase 3: each paper's `[[category]]` records: the paper, partner, section and dimension
//! they refer to, their kind, their definition, crosswalk and honest-gap quotes located in the
//! paper, and their secondary crosswalk links (`[[category.secondary]]`).

use serde::Deserialize;
use toml::Spanned;

use super::diags::Diags;
use super::dimensions::Dimensions;
use super::ids::{lookup, IdTable};
use super::papers::Papers;
use super::records::{did_you_mean, owned, required, text, At, Record, Str};
use crate::model::{Category, CategoryKind, CrosswalkLink, Section, Stance};
use crate::text::search_key;

/// A `[[category]]` record as written.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CategoryRec {
    id: Str,
    paper: Str,
    label: Str,
    partner: Str,
    section: Str,
    definition: Str,
    dimension: Str,
    crosswalk_note: Str,
    crosswalk_quote: Str,
    kind: Str,
    no_evidence: Str,
    stance: Str,
    secondary: Option<Vec<Spanned<SecondaryRec>>>,
}

/// A `[[category.secondary]]` link as written.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct SecondaryRec {
    dimension: Str,
    note: Str,
    quote: Str,
    stance: Str,
}

/// The kinds of category, as written in `kind`.
const KINDS: &[(&str, CategoryKind)] = &[
    ("analytic", CategoryKind::Analytic),
    ("descriptive", CategoryKind::Descriptive),
    ("context", CategoryKind::Context),
];

pub(super) const CATEGORY_KEYS: &[&str] = &[
    "id",
    "paper",
    "label",
    "partner",
    "section",
    "definition",
    "dimension",
    "crosswalk_note",
    "crosswalk_quote",
    "kind",
    "no_evidence",
    "stance",
    "secondary",
];

/// What categories refer to: the papers, the partner vocabulary and the dimensions.
pub(super) struct CategoryRefs<'a> {
    pub(super) papers: &'a Papers,
    pub(super) partners: &'a [String],
    pub(super) dimensions: &'a Dimensions,
}

/// The valid categories, their ids, and where each record starts.
#[derive(Default)]
pub(super) struct Categories {
    pub(super) list: Vec<Category>,
    pub(super) ids: IdTable,
    pub(super) lines: Vec<(String, u32)>,
}

impl Categories {
    /// Category ids in order.
    pub(super) fn id_list(&self) -> Vec<String> {
        self.list.iter().map(|c| c.id.clone()).collect()
    }
}

/// Checks every category record.
pub(super) fn build(
    recs: &[Record<CategoryRec>],
    refs: &CategoryRefs,
    diags: &mut Diags,
) -> Categories {
    let mut out = Categories::default();
    for r in recs {
        let id = out.ids.declare(&r.at, &r.fields.id, diags);
        if let Some(cat) = category(&r.at, &r.fields, refs, diags) {
            if let Some(id) = id {
                out.lines.push((r.at.path().to_string(), r.at.line));
                out.list.push(Category { id, ..cat });
            }
        }
    }
    out
}

/// One category (without its id), or none when its paper or (analytic or descriptive) its
/// dimension is unknown.
fn category(at: &At, f: &CategoryRec, refs: &CategoryRefs, diags: &mut Diags) -> Option<Category> {
    let label = owned(required(at, "label", &f.label, diags));
    let paper_ids = refs.papers.ids();
    let paper = required(at, "paper", &f.paper, diags).and_then(|p| {
        let expected = format!("one of: {}", paper_ids.join(", "));
        lookup(at, "paper", &p, &paper_ids, false, &expected, diags)
    });
    let partner = partner(at, &f.partner, refs.partners, diags);
    let kind = kind(at, &f.kind, diags);
    let crosswalk = crosswalk(at, f, kind, refs, diags);
    let definition = required(at, "definition", &f.definition, diags);
    let paper = paper?;
    let section = section(at, &f.section, (paper, kind), refs.papers, diags);
    let text = &refs.papers.texts[paper];
    let locate = |q: Option<Spanned<String>>, what, diags: &mut Diags| {
        q.and_then(|q| text.locate(at, &q, what, diags))
            .unwrap_or_default()
    };
    let definition = locate(definition, "definition quote", diags);
    let crosswalk_quote = locate(crosswalk.quote, "crosswalk quote", diags);
    let no_evidence = required_if_present(at, "no_evidence", &f.no_evidence, diags)
        .map(|q| locate(Some(q), "no_evidence quote", diags));
    let secondary = secondary(at, &f.secondary, refs, paper, diags);
    Some(Category {
        id: String::new(),
        paper,
        label,
        partner,
        section,
        definition,
        dimension: crosswalk.dimension?,
        crosswalk_note: crosswalk.note,
        crosswalk_quote,
        stance: crosswalk.stance,
        kind,
        secondary,
        no_evidence,
    })
}

/// The primary crosswalk of a category: `dimension` is `Some(None)` for a context category
/// (which maps onto no dimension), `None` when it is missing or unknown.
struct Crosswalk {
    dimension: Option<Option<usize>>,
    note: String,
    quote: Option<Spanned<String>>,
    stance: Stance,
}

fn crosswalk(
    at: &At,
    f: &CategoryRec,
    kind: CategoryKind,
    refs: &CategoryRefs,
    diags: &mut Diags,
) -> Crosswalk {
    if kind == CategoryKind::Context {
        if let Some(d) = &f.dimension {
            diags.push(
                at.path(),
                at.line_of(d.span()),
                "a context category has a `dimension`",
                "no `dimension` (context frames the argument and maps onto no dimension)",
            );
        }
        if let Some(v) = &f.stance {
            diags.push(
                at.path(),
                at.line_of(v.span()),
                "a context category has a `stance`",
                "no `stance` (a stance qualifies a crosswalk link, and context has none)",
            );
        }
        return Crosswalk {
            dimension: Some(None),
            note: text(&f.crosswalk_note),
            quote: f
                .crosswalk_quote
                .clone()
                .filter(|q| !q.get_ref().trim().is_empty()),
            stance: Stance::default(),
        };
    }
    let dim_ids = refs.dimensions.id_list();
    let dimension = dimension_ref(at, &f.dimension, &dim_ids, diags);
    Crosswalk {
        dimension: dimension.map(Some),
        note: owned(required(at, "crosswalk_note", &f.crosswalk_note, diags)),
        quote: required(at, "crosswalk_quote", &f.crosswalk_quote, diags),
        stance: stance(at, &f.stance, diags),
    }
}

/// The required `stance` of a crosswalk link: positive, negative or mixed.
fn stance(at: &At, v: &Str, diags: &mut Diags) -> Stance {
    let Some(s) = required(at, "stance", v, diags) else {
        return Stance::default();
    };
    if let Some(found) = Stance::from_id(s.get_ref()) {
        return found;
    }
    let names = Stance::ALL.map(Stance::id);
    diags.push(
        at.path(),
        at.line_of(s.span()),
        format!(
            "unknown stance `{}`{}",
            s.get_ref(),
            did_you_mean(s.get_ref(), names.iter().copied())
        ),
        format!(
            "one of: {} (how the paper weighs the dimension)",
            names.join(", ")
        ),
    );
    Stance::default()
}

/// `kind`: analytic (the default), descriptive or context.
/// The required `dimension` of a record, resolved to its index (a diagnostic otherwise).
fn dimension_ref(at: &At, v: &Str, dim_ids: &[String], diags: &mut Diags) -> Option<usize> {
    required(at, "dimension", v, diags).and_then(|d| {
        lookup(
            at,
            "dimension",
            &d,
            dim_ids,
            false,
            "the id of a [[dimension]]",
            diags,
        )
    })
}

fn kind(at: &At, v: &Str, diags: &mut Diags) -> CategoryKind {
    let Some(k) = v else {
        return CategoryKind::Analytic;
    };
    if let Some((_, kind)) = KINDS.iter().find(|(name, _)| name == k.get_ref()) {
        return *kind;
    }
    let names: Vec<&str> = KINDS.iter().map(|(n, _)| *n).collect();
    diags.push(
        at.path(),
        at.line_of(k.span()),
        format!(
            "unknown kind `{}`{}",
            k.get_ref(),
            did_you_mean(k.get_ref(), names.iter().copied())
        ),
        format!("one of: {}", names.join(", ")),
    );
    CategoryKind::Analytic
}

/// An optional field that, when present, must not be blank.
fn required_if_present(at: &At, key: &str, v: &Str, diags: &mut Diags) -> Option<Spanned<String>> {
    v.as_ref()?;
    required(at, key, v, diags)
}

/// The `[[category.secondary]]` links: a known dimension, a note and a quote of the paper.
fn secondary(
    at: &At,
    v: &Option<Vec<Spanned<SecondaryRec>>>,
    refs: &CategoryRefs,
    paper: usize,
    diags: &mut Diags,
) -> Vec<CrosswalkLink> {
    let dim_ids = refs.dimensions.id_list();
    let mut out = Vec::new();
    for link in v.iter().flatten() {
        let at = At {
            line: at.line_of(link.span()),
            kind: "secondary crosswalk link",
            ..*at
        };
        let f = link.get_ref();
        let dimension = dimension_ref(&at, &f.dimension, &dim_ids, diags);
        let note = owned(required(&at, "note", &f.note, diags));
        let stance = stance(&at, &f.stance, diags);
        let quote = required(&at, "quote", &f.quote, diags).and_then(|q| {
            refs.papers.texts[paper].locate(&at, &q, "secondary crosswalk quote", diags)
        });
        if let (Some(dimension), Some(quote)) = (dimension, quote) {
            out.push(CrosswalkLink {
                dimension,
                note,
                quote,
                stance,
            });
        }
    }
    out
}

/// The partner: a vocabulary value, or "" for none (the field itself is required).
fn partner(at: &At, v: &Str, partners: &[String], diags: &mut Diags) -> Option<usize> {
    let Some(p) = v else {
        diags.push(
            at.path(),
            at.line,
            "missing field `partner` in category",
            "`partner = \"…\"` (a vocabulary partner, or \"\" for none)",
        );
        return None;
    };
    if p.get_ref().is_empty() {
        return None;
    }
    let found = partners.iter().position(|x| x == p.get_ref());
    if found.is_none() {
        diags.push(
            at.path(),
            at.line_of(p.span()),
            format!("unknown partner `{}`", p.get_ref()),
            format!(
                "one of the vocabulary partners ({}) or \"\"",
                partners.join(", ")
            ),
        );
    }
    found
}

/// The heading the category is discussed under (with or without its enumeration), or none
/// for "" in a paper without headings (or for a context category, which may frame the whole
/// paper).
fn section(
    at: &At,
    v: &Str,
    (paper, kind): (usize, CategoryKind),
    papers: &Papers,
    diags: &mut Diags,
) -> Option<usize> {
    let Some(s) = v else {
        diags.push(
            at.path(),
            at.line,
            "missing field `section` in category",
            "`section = \"…\"` (a heading of the paper, or \"\" if it has none)",
        );
        return None;
    };
    let secs = &papers.list[paper].doc.sections;
    if s.get_ref().trim().is_empty() {
        if !secs.is_empty() && kind != CategoryKind::Context {
            diags.push(
                at.path(),
                at.line_of(s.span()),
                "empty `section` but the paper has headings",
                "the heading under which the category is discussed",
            );
        }
        return None;
    }
    let found = find_heading(secs, s.get_ref());
    if found.is_none() {
        no_heading(at, s, &papers.list[paper].id, secs, diags);
    }
    found
}

fn find_heading(secs: &[Section], title: &str) -> Option<usize> {
    let want = search_key(title);
    secs.iter().position(|x| {
        search_key(&x.title) == want || search_key(strip_enumeration(&x.title)) == want
    })
}

fn no_heading(at: &At, s: &Spanned<String>, paper: &str, secs: &[Section], diags: &mut Diags) {
    let titles: Vec<String> = secs
        .iter()
        .map(|x| format!("\"{}\"", strip_enumeration(&x.title)))
        .collect();
    let titles = if titles.is_empty() {
        "none: use \"\"".to_string()
    } else {
        titles.join(", ")
    };
    diags.push(
        at.path(),
        at.line_of(s.span()),
        format!("no heading `{}` in paper `{paper}`", s.get_ref()),
        format!("one of its headings: {titles}"),
    );
}

/// Strips a leading enumeration (`1.`, `(1)`, `II.`, `a)`) from a heading title.
pub(super) fn strip_enumeration(title: &str) -> &str {
    let t = title.trim_start();
    let Some((first, rest)) = t.split_once(char::is_whitespace) else {
        return t;
    };
    let core = first.trim_start_matches('(').trim_end_matches(['.', ')']);
    let enumerated = first != core
        && !core.is_empty()
        && (core.bytes().all(|c| c.is_ascii_digit())
            || core.bytes().all(|c| b"IVXLivxl".contains(&c))
            || (core.len() == 1 && core.bytes().all(|c| c.is_ascii_alphabetic())));
    if enumerated {
        rest.trim_start()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::dimensions;
    use crate::seeds::fixtures::{book_diags, papers};

    const BOOK: &str = "[[dimension]]\nid = \"practice\"\nlabel = \"P\"\ndefinition = \"D\"\n\n[[category]]\nid = \"p-practical\"\npaper = \"p\"\nlabel = \"Practical\"\npartner = \"Council\"\nsection = \"Practical partner\"\ndefinition = \"Crews trained together\"\ndimension = \"practice\"\ncrosswalk_note = \"N\"\ncrosswalk_quote = \"a first\"\nstance = \"positive\"\n";

    fn run(book: &str) -> (Categories, Vec<String>) {
        let p = papers();
        book_diags(book, |b, d| {
            let dims = dimensions::build(&b.dimensions, d);
            let refs = CategoryRefs {
                papers: &p,
                partners: &["Council".to_string()],
                dimensions: &dims,
            };
            build(&b.categories, &refs, d)
        })
    }

    #[test]
    fn builds_a_category_with_located_quotes_and_section() {
        let (cats, d) = run(BOOK);
        assert!(d.is_empty(), "{d:#?}");
        let c = &cats.list[0];
        assert_eq!(
            (c.paper, c.partner, c.section, c.dimension),
            (0, Some(0), Some(2), Some(0))
        );
        assert_eq!(c.definition.text, "Crews trained together");
        assert_eq!(cats.lines, vec![("cb.toml".to_string(), 6)]);
    }

    #[test]
    fn reports_each_reference_at_its_line() {
        let book = BOOK
            .replace("\"Council\"", "\"Counsel\"")
            .replace("\"Practical partner\"", "\"Practical partners\"")
            .replace("dimension = \"practice\"", "dimension = \"practise\"")
            .replace("\"a first\"", "\"a second\"");
        let (cats, d) = run(&book);
        assert!(cats.list.is_empty());
        assert_eq!(
            d,
            vec![
                "cb.toml:10: unknown partner `Counsel`; one of the vocabulary partners (Council) or \"\"",
                "cb.toml:11: no heading `Practical partners` in paper `p`; one of its headings: \"Title\", \"Introduction\", \"Practical partner\"",
                "cb.toml:13: unknown dimension `practise` (did you mean `practice`?); the id of a [[dimension]]",
                "cb.toml:15: crosswalk quote not found in p.txt: «a second»; the exact words of one paragraph or footnote (only whitespace, quote marks and dashes may differ)",
            ]
        );
    }

    #[test]
    fn a_context_category_has_no_dimension_and_may_frame_the_whole_paper() {
        let ctx = "\n[[category]]\nid = \"x-context\"\npaper = \"p\"\nkind = \"context\"\nlabel = \"Framing\"\npartner = \"\"\nsection = \"\"\ndefinition = \"Since 1998 the councils have talked.\"\n";
        let (cats, d) = run(&format!("{BOOK}{ctx}"));
        assert!(d.is_empty(), "{d:#?}");
        let c = &cats.list[1];
        assert_eq!(
            (c.kind, c.dimension, c.section),
            (CategoryKind::Context, None, None)
        );
        // An analytic category needs its dimension and crosswalk.
        let analytic = ctx
            .replace("kind = \"context\"\n", "")
            .replace("section = \"\"", "section = \"Introduction\"");
        let (_, d) = run(&format!("{BOOK}{analytic}"));
        assert_eq!(
            d,
            vec![
                "cb.toml:18: missing field `crosswalk_note` in category; `crosswalk_note = \"…\"`",
                "cb.toml:18: missing field `crosswalk_quote` in category; `crosswalk_quote = \"…\"`",
                "cb.toml:18: missing field `dimension` in category; `dimension = \"…\"`",
                "cb.toml:18: missing field `stance` in category; `stance = \"…\"`",
            ]
        );
    }

    #[test]
    fn every_crosswalk_link_has_a_known_stance_and_context_has_none() {
        let secondary = "[[category.secondary]]\ndimension = \"practice\"\nnote = \"N2\"\nquote = \"a first\"\nstance = \"mixed\"\n";
        let (cats, d) = run(&format!("{BOOK}{secondary}"));
        assert!(d.is_empty(), "{d:#?}");
        assert_eq!(cats.list[0].stance, Stance::Positive);
        assert_eq!(cats.list[0].secondary[0].stance, Stance::Mixed);
        let bad = BOOK.replace("stance = \"positive\"", "stance = \"postive\"");
        let (_, d) = run(&format!(
            "{bad}{}",
            secondary.replace("stance = \"mixed\"\n", "")
        ));
        assert_eq!(
            d,
            vec![
                "cb.toml:16: unknown stance `postive` (did you mean `positive`?); one of: positive, negative, mixed (how the paper weighs the dimension)",
                "cb.toml:17: missing field `stance` in secondary crosswalk link; `stance = \"…\"`",
            ]
        );
        let ctx = "\n[[category]]\nid = \"x-context\"\npaper = \"p\"\nkind = \"context\"\nlabel = \"Framing\"\npartner = \"\"\nsection = \"\"\ndefinition = \"Since 1998 the councils have talked.\"\nstance = \"negative\"\n";
        let (_, d) = run(&format!("{BOOK}{ctx}"));
        assert_eq!(
            d,
            vec!["cb.toml:26: a context category has a `stance`; no `stance` (a stance qualifies a crosswalk link, and context has none)"]
        );
    }

    #[test]
    fn enumerations_are_stripped_from_headings() {
        assert_eq!(
            strip_enumeration("(1) Practical partner"),
            "Practical partner"
        );
        assert_eq!(strip_enumeration("II. Aspects"), "Aspects");
        assert_eq!(strip_enumeration("NATO. Partner"), "NATO. Partner");
    }
}
