//! Phase 2: the crosswalk's `[[dimension]]` records.

use serde::Deserialize;

use super::diags::Diags;
use super::ids::IdTable;
use super::records::{owned, required, Record, Str};
use crate::model::Dimension;

/// A `[[dimension]]` record as written.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct DimensionRec {
    id: Str,
    label: Str,
    definition: Str,
}

pub(super) const DIMENSION_KEYS: &[&str] = &["id", "label", "definition"];

/// The valid dimensions, their ids, and where each was declared (its id line).
#[derive(Default)]
pub(super) struct Dimensions {
    pub(super) list: Vec<Dimension>,
    pub(super) ids: IdTable,
    pub(super) lines: Vec<(String, u32)>,
}

impl Dimensions {
    /// Dimension ids in order.
    pub(super) fn id_list(&self) -> Vec<String> {
        self.list.iter().map(|d| d.id.clone()).collect()
    }
}

/// Checks every dimension record.
pub(super) fn build(recs: &[Record<DimensionRec>], diags: &mut Diags) -> Dimensions {
    let mut out = Dimensions::default();
    for r in recs {
        let at = &r.at;
        let id = out.ids.declare(at, &r.fields.id, diags);
        let label = required(at, "label", &r.fields.label, diags);
        let definition = required(at, "definition", &r.fields.definition, diags);
        if let Some(id) = id {
            out.lines
                .push((at.path().to_string(), at.line_or_record(&r.fields.id)));
            out.list.push(Dimension {
                id,
                label: owned(label),
                definition: owned(definition),
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
    fn builds_and_checks_dimensions() {
        let (dims, d) = book_diags(
            "[[dimension]]\nid = \"a\"\nlabel = \"A\"\ndefinition = \"Def.\"\n\n[[dimension]]\nid = \"a\"\nlabel = \"\"\n",
            |book, d| build(&book.dimensions, d),
        );
        assert_eq!(dims.list.len(), 1);
        assert_eq!(dims.lines, vec![("cb.toml".to_string(), 2)]);
        assert_eq!(
            d,
            vec![
                "cb.toml:6: missing field `definition` in dimension; `definition = \"…\"`",
                "cb.toml:7: duplicate dimension id `a` (first at cb.toml:2); dimension ids unique",
                "cb.toml:8: empty `label` in dimension; a non-empty `label`",
            ]
        );
    }
}
