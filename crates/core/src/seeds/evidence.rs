//! Phase 4b: the `[[evidence]]` records: dates, place, vocabulary kind and domain, actors,
//! sources, and the series an item belongs to.

use serde::Deserialize;

use super::dates::{parse_date, DATE_EXPECTED};
use super::diags::Diags;
use super::ids::{lookup, IdTable};
use super::records::{list, owned, required, strings, text, At, List, Record, Str};
use super::series::SeriesList;
use super::vocabulary::Vocabulary;
use crate::model::{DateSpan, Evidence};

/// An `[[evidence]]` record as written.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct EvidenceRec {
    id: Str,
    title: Str,
    date: Str,
    place: Str,
    actors: List,
    kind: Str,
    domain: Str,
    sources: List,
    note: Str,
    series: Str,
}

pub(super) const EVIDENCE_KEYS: &[&str] = &[
    "id", "title", "date", "place", "actors", "kind", "domain", "sources", "note", "series",
];

/// The valid evidence items (in codebook order), their ids, and where each record starts.
#[derive(Default)]
pub(super) struct EvidenceItems {
    pub(super) list: Vec<Evidence>,
    pub(super) ids: IdTable,
    pub(super) lines: Vec<(String, u32)>,
}

impl EvidenceItems {
    /// Evidence ids in order.
    pub(super) fn id_list(&self) -> Vec<String> {
        self.list.iter().map(|e| e.id.clone()).collect()
    }
}

/// What evidence items refer to: the vocabulary and the series.
pub(super) struct EvidenceRefs<'a> {
    pub(super) vocab: &'a Vocabulary,
    pub(super) series: &'a SeriesList,
}

/// Checks every evidence record.
pub(super) fn build(
    recs: &[Record<EvidenceRec>],
    refs: &EvidenceRefs,
    diags: &mut Diags,
) -> EvidenceItems {
    let mut out = EvidenceItems::default();
    for r in recs {
        let id = out.ids.declare(&r.at, &r.fields.id, diags);
        if let (Some(id), Some(ev)) = (id, item(&r.at, &r.fields, refs, diags)) {
            out.lines.push((r.at.path().to_string(), r.at.line));
            out.list.push(Evidence { id, ..ev });
        }
    }
    out
}

/// One evidence item (without its id), or none when its date, kind or domain is invalid.
fn item(at: &At, f: &EvidenceRec, refs: &EvidenceRefs, diags: &mut Diags) -> Option<Evidence> {
    let vocab = refs.vocab;
    let title = owned(required(at, "title", &f.title, diags));
    let date_text = owned(required(at, "date", &f.date, diags));
    let date = date(at, f, diags);
    let place = place(at, f, diags);
    let actors = strings(&list(at, "actors", &f.actors, true, diags));
    let kind = vocab_value(at, "kind", &f.kind, "kinds", &vocab.kinds, diags);
    let domain = vocab_value(at, "domain", &f.domain, "domains", &vocab.domains, diags);
    let sources = strings(&list(at, "sources", &f.sources, false, diags));
    Some(Evidence {
        id: String::new(),
        title,
        date_text,
        date: date?,
        place,
        actors,
        kind: kind?,
        domain: domain?,
        sources,
        note: text(&f.note),
        series: series(at, &f.series, refs.series, diags),
    })
}

/// `place`: required; "" (the sources support no place) only with a `note` that says so.
fn place(at: &At, f: &EvidenceRec, diags: &mut Diags) -> String {
    let Some(p) = &f.place else {
        diags.push(
            at.path(),
            at.line,
            "missing field `place` in evidence",
            "`place = \"…\"`",
        );
        return String::new();
    };
    if p.get_ref().trim().is_empty() && text(&f.note).trim().is_empty() {
        diags.push(
            at.path(),
            at.line_of(p.span()),
            "empty `place` and no `note`",
            "the place the sources support, or \"\" with a `note` saying they support none",
        );
    }
    p.get_ref().trim().to_string()
}

/// `series`: optional, the id of a `[[series]]`.
fn series(at: &At, v: &Str, series: &SeriesList, diags: &mut Diags) -> Option<usize> {
    let s = v.as_ref()?;
    lookup(
        at,
        "series",
        s,
        &series.id_list(),
        false,
        "the id of a [[series]]",
        diags,
    )
}

fn date(at: &At, f: &EvidenceRec, diags: &mut Diags) -> Option<DateSpan> {
    let d = f.date.as_ref().filter(|d| !d.get_ref().trim().is_empty())?;
    parse_date(d.get_ref())
        .map_err(|e| {
            diags.push(
                at.path(),
                at.line_of(d.span()),
                format!("bad date: {e}"),
                DATE_EXPECTED,
            )
        })
        .ok()
}

fn vocab_value(
    at: &At,
    key: &str,
    v: &Str,
    vocab: &str,
    values: &[String],
    diags: &mut Diags,
) -> Option<usize> {
    let v = required(at, key, v, diags)?;
    let expected = format!("one of the vocabulary {vocab}: {}", values.join(", "));
    lookup(at, key, &v, values, false, &expected, diags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::fixtures::book_diags;

    const BOOK: &str = "[[evidence]]\nid = \"drill-2003\"\ntitle = \"Drill\"\ndate = \"2003-06\"\nplace = \"Port\"\nactors = [\"Council\"]\nkind = \"exercise\"\ndomain = \"civilian\"\nsources = [\"Report\"]\n";

    fn run(book: &str) -> (EvidenceItems, Vec<String>) {
        let vocab = Vocabulary {
            partners: vec![],
            kinds: vec!["exercise".into()],
            domains: vec!["civilian".into()],
        };
        let series = SeriesList::default();
        book_diags(book, |b, d| {
            build(
                &b.evidence,
                &EvidenceRefs {
                    vocab: &vocab,
                    series: &series,
                },
                d,
            )
        })
    }

    #[test]
    fn builds_an_item() {
        let (ev, d) = run(BOOK);
        assert!(d.is_empty(), "{d:#?}");
        assert_eq!(ev.list[0].date.end, (2003, 6, 30));
        assert_eq!(ev.list[0].sources, vec!["Report"]);
        assert_eq!(ev.lines, vec![("cb.toml".to_string(), 1)]);
    }

    #[test]
    fn reports_date_vocabulary_and_list_problems() {
        let book = BOOK
            .replace("2003-06", "2003-13")
            .replace("\"exercise\"", "\"exercice\"")
            .replace("[\"Council\"]", "[]");
        let (ev, d) = run(&book);
        assert!(ev.list.is_empty());
        assert_eq!(
            d,
            vec![
                "cb.toml:4: bad date: month 13 out of range in `2003-13`; a date as YYYY, YYYY-MM or YYYY-MM-DD, or a range START/END",
                "cb.toml:6: empty `actors` in evidence; at least one item in `actors`",
                "cb.toml:7: unknown kind `exercice` (did you mean `exercise`?); one of the vocabulary kinds: exercise",
            ]
        );
    }
}
