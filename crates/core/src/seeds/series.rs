//! Phase 4a: the `[[series]]` records: groups of evidence items that belong to one larger
//! thing (an operation and its phases). They may stand in any codebook file.

use serde::Deserialize;

use super::diags::Diags;
use super::ids::IdTable;
use super::records::{owned, required, text, Record, Str};
use crate::model::Series;

/// A `[[series]]` record as written.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SeriesRec {
    id: Str,
    title: Str,
    note: Str,
}

pub(super) const SERIES_KEYS: &[&str] = &["id", "title", "note"];

/// The valid series, their ids, and where each was declared (its record line).
#[derive(Default)]
pub(super) struct SeriesList {
    pub(super) list: Vec<Series>,
    pub(super) ids: IdTable,
    pub(super) lines: Vec<(String, u32)>,
}

impl SeriesList {
    /// Series ids in order.
    pub(super) fn id_list(&self) -> Vec<String> {
        self.list.iter().map(|s| s.id.clone()).collect()
    }
}

/// Checks every series record.
pub(super) fn build(recs: &[Record<SeriesRec>], diags: &mut Diags) -> SeriesList {
    let mut out = SeriesList::default();
    for r in recs {
        let id = out.ids.declare(&r.at, &r.fields.id, diags);
        let title = owned(required(&r.at, "title", &r.fields.title, diags));
        if let Some(id) = id {
            out.lines.push((r.at.path().to_string(), r.at.line));
            out.list.push(Series {
                id,
                title,
                note: text(&r.fields.note),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::fixtures::book_diags;

    #[test]
    fn builds_series_and_reports_missing_titles() {
        let (s, d) = book_diags(
            "[[series]]\nid = \"mission\"\ntitle = \"Mission\"\n\n[[series]]\nid = \"other\"\n",
            |b, d| build(&b.series, d),
        );
        assert_eq!(s.id_list(), vec!["mission", "other"]);
        assert_eq!(
            d,
            vec!["cb.toml:5: missing field `title` in series; `title = \"…\"`"]
        );
    }
}
