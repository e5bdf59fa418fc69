//! `annotations.jsonld`: every quote of every coding as a W3C Web Annotation (Web Annotation
//! Data Model, 2017), in one `AnnotationCollection` with one page.
//!
//! Each annotation targets its paper's plain text (`plain::plain_text`, the text of the
//! `.qdpx` source, identified by the same GUID as `urn:uuid:<guid>`) with a
//! `TextQuoteSelector` (exact, and up to 32 code points of prefix and suffix) and a
//! `TextPositionSelector` counted, as the W3C model says, in Unicode code points (not UTF-16
//! units), end exclusive. Bodies: the category and the evidence item as `TextualBody` with
//! purpose `tagging`, the rationale (and the note, if any) with purpose `commenting`.
//! Ids are `urn:uuid:` of the same UUID v5 GUIDs as the REFI-QDA selections.

use serde_json::{json, Value};

use super::guid::guid;
use super::plain::{plain_text, PlainText};
use super::refi::{selection_guid, source_guid, user_guid, Scope};
use crate::model::Corpus;

/// Code points of context kept before and after a quote.
pub const CONTEXT: usize = 32;

/// The collection as pretty JSON (keys sorted, so the same corpus gives the same bytes).
pub fn annotations_jsonld(c: &Corpus, s: &Scope) -> String {
    let texts: Vec<PlainText> = c.papers.iter().map(|p| plain_text(&p.doc)).collect();
    let creator = json!({
        "id": format!("urn:uuid:{}", user_guid(c)),
        "type": "Person",
        "name": format!("Coder of {}", c.about.title),
    });
    let mut items = Vec::new();
    for &k in &s.codings {
        let coding = &c.codings[k];
        let t = &texts[coding.paper];
        let chars: Vec<char> = t.text.chars().collect();
        let cat = &c.categories[coding.category];
        let ev = &c.evidence[coding.evidence];
        for (q, quote) in coding.quotes.iter().enumerate() {
            let Some((a, b)) = t.char_range(quote) else {
                continue;
            };
            let slice = |x: usize, y: usize| chars[x..y].iter().collect::<String>();
            let mut body = vec![
                json!({"type": "TextualBody", "purpose": "tagging", "value": cat.label,
                       "id": format!("urn:uuid:{}", guid("category", &cat.id))}),
                json!({"type": "TextualBody", "purpose": "tagging", "value": ev.title,
                       "id": format!("urn:uuid:{}", guid("evidence", &ev.id))}),
            ];
            if !coding.rationale.is_empty() {
                body.push(json!({"type": "TextualBody", "purpose": "commenting", "value": coding.rationale}));
            }
            if !coding.note.is_empty() {
                body.push(
                    json!({"type": "TextualBody", "purpose": "commenting", "value": coding.note}),
                );
            }
            items.push(json!({
                "id": format!("urn:uuid:{}", selection_guid(c, k, q)),
                "type": "Annotation",
                "motivation": "classifying",
                "creator": creator,
                "body": body,
                "target": {
                    "source": format!("urn:uuid:{}", source_guid(c, coding.paper)),
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": slice(a, b),
                         "prefix": slice(a.saturating_sub(CONTEXT), a),
                         "suffix": slice(b, (b + CONTEXT).min(chars.len()))},
                        {"type": "TextPositionSelector", "start": a, "end": b},
                    ],
                },
            }));
        }
    }
    let doc: Value = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:uuid:{}", guid("annotations", &c.about.title)),
        "type": "AnnotationCollection",
        "label": format!("{} — codings as Web Annotations (positions in Unicode code points, end exclusive)", c.about.title),
        "total": items.len(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
