//! Reading TOML into typed records with line numbers from the parser's spans.
//!
//! A file is parsed once into toml's spanned tree (`DeTable`: every key and value carries its
//! byte span). Each record (a `[[table]]` item, or a whole metadata file) is checked for
//! unknown keys at the key's own line, then deserialised with serde into a typed struct whose
//! fields are `Option<Spanned<…>>`, so every value keeps its exact line (each quote of a list
//! its own). A value of the wrong type is reported at its line and dropped, and the record
//! is read again without it, so one record can report several problems at once.

use std::ops::Range;

use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::diags::Diags;
use super::SeedFile;
use crate::model::diag::line_of;
use crate::text::suggest::nearest;

/// An optional string field with its span.
pub(super) type Str = Option<Spanned<String>>;
/// An optional list of strings, the list and each item with its span.
pub(super) type List = Option<Spanned<Vec<Spanned<String>>>>;

/// Where a record stands: its file, the line of its header and what kind of record it is.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    pub(super) file: &'a SeedFile,
    pub(super) line: u32,
    pub(super) kind: &'static str,
}

impl At<'_> {
    /// 1-based line of a span of this record's file.
    pub(super) fn line_of(&self, span: Range<usize>) -> u32 {
        line_of(&self.file.text, span.start)
    }

    /// Line of a field's value, or the record's line when the field is absent.
    pub(super) fn line_or_record<T>(&self, v: &Option<Spanned<T>>) -> u32 {
        v.as_ref().map_or(self.line, |s| self.line_of(s.span()))
    }

    /// The file's display path.
    pub(super) fn path(&self) -> &str {
        &self.file.path
    }
}

/// A typed record and where it stands.
pub(super) struct Record<'a, T> {
    pub(super) at: At<'a>,
    pub(super) fields: T,
}

/// A file parsed into the spanned tree; a syntax error is reported at its line.
pub(super) fn parse_file<'a>(
    file: &'a SeedFile,
    expected: &str,
    diags: &mut Diags,
) -> Option<DeTable<'a>> {
    match DeTable::parse(&file.text) {
        Ok(t) => Some(t.into_inner()),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(&file.text, s.start));
            diags.push(
                &file.path,
                line,
                format!("invalid TOML: {}", e.message().trim_end()),
                expected,
            );
            None
        }
    }
}

/// Reports every key of `table` that is not in `known`, at the key's line, with the nearest
/// known key as a suggestion.
pub(super) fn unknown_keys(at: &At, table: &DeTable, known: &[&str], diags: &mut Diags) {
    for key in table.keys() {
        let name: &str = key.get_ref();
        if !known.contains(&name) {
            diags.push(
                at.path(),
                at.line_of(key.span()),
                format!(
                    "unknown field `{name}` in {}{}",
                    at.kind,
                    did_you_mean(name, known.iter().copied())
                ),
                format!("only: {}", known.join(", ")),
            );
        }
    }
}

/// ` (did you mean `x`?)` when a known value is close to `got`, otherwise nothing.
pub(super) fn did_you_mean<'a>(got: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    nearest(got, known)
        .map(|k| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

/// Reads one record: unknown keys, then the typed fields (see the module docs).
pub(super) fn read_record<'a, T: DeserializeOwned + Default>(
    at: At<'a>,
    table: &DeTable<'_>,
    known: &[&str],
    diags: &mut Diags,
) -> Record<'a, T> {
    unknown_keys(&at, table, known, diags);
    let mut table: DeTable = table
        .iter()
        .filter(|(k, _)| known.contains(&k.get_ref().as_ref()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    loop {
        let whole = Spanned::new(0..0, table.clone());
        match T::deserialize(whole.into_deserializer()) {
            Ok(fields) => return Record { at, fields },
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let key = table
                    .iter()
                    .find(|(_, v)| v.span().start <= span.start && span.end <= v.span().end)
                    .map(|(k, _)| k.clone());
                let Some(key) = key else {
                    diags.push(
                        at.path(),
                        at.line,
                        format!("{} cannot be read: {}", at.kind, e.message().trim_end()),
                        "the fields described in README, Adding a corpus",
                    );
                    return Record {
                        at,
                        fields: T::default(),
                    };
                };
                let name = key.get_ref().to_string();
                diags.push(
                    at.path(),
                    at.line_of(span),
                    format!("`{name}` in {}: {}", at.kind, e.message().trim_end()),
                    expected_shape(&name, e.message()),
                );
                table.remove(&key);
            }
        }
    }
}

/// "`key` as a string" from serde's "…, expected a string".
fn expected_shape(key: &str, message: &str) -> String {
    let want = message
        .rsplit_once("expected ")
        .map_or("the form in README, Adding a corpus", |(_, w)| w.trim_end());
    let want = match want {
        "a sequence" => "a list",
        w => w,
    };
    format!("`{key}` as {want}")
}

/// The items of an array-of-tables key (`[[key]]`) as (header line, table). A value of
/// another shape is reported.
pub(super) fn tables<'t, 'i>(
    file: &SeedFile,
    key: &str,
    value: &'t Spanned<DeValue<'i>>,
    diags: &mut Diags,
) -> Vec<(u32, &'t DeTable<'i>)> {
    let line = line_of(&file.text, value.span().start);
    let bad = |diags: &mut Diags, what: &str| {
        diags.push(
            &file.path,
            line,
            format!("`{key}` is {what}"),
            format!("an array of tables, each starting with [[{key}]]"),
        )
    };
    let Some(items) = value.get_ref().as_array() else {
        bad(diags, &article(value.get_ref().type_str()));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        match item.get_ref().as_table() {
            Some(t) => out.push((line_of(&file.text, item.span().start), t)),
            None => bad(
                diags,
                &format!("a list holding {}", article(item.get_ref().type_str())),
            ),
        }
    }
    out
}

/// The value of `key` in `table`.
pub(super) fn get<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// "a string", "an integer".
pub(super) fn article(type_str: &str) -> String {
    let an = type_str.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {type_str}", if an { "an" } else { "a" })
}

/// Checks that a required string field is present and not blank.
pub(super) fn required(at: &At, key: &str, v: &Str, diags: &mut Diags) -> Option<Spanned<String>> {
    match v {
        None => {
            diags.push(
                at.path(),
                at.line,
                format!("missing field `{key}` in {}", at.kind),
                format!("`{key} = \"…\"`"),
            );
            None
        }
        Some(s) if s.get_ref().trim().is_empty() => {
            diags.push(
                at.path(),
                at.line_of(s.span()),
                format!("empty `{key}` in {}", at.kind),
                format!("a non-empty `{key}`"),
            );
            None
        }
        Some(s) => Some(s.clone()),
    }
}

/// The value of an optional string field, or "".
pub(super) fn text(v: &Str) -> String {
    v.as_ref().map(|s| s.get_ref().clone()).unwrap_or_default()
}

/// The string of a checked field, or "" when it was missing or invalid.
pub(super) fn owned(v: Option<Spanned<String>>) -> String {
    v.map(Spanned::into_inner).unwrap_or_default()
}

/// Checks a list of strings: no blank items, and at least one item when `needed`.
pub(super) fn list(
    at: &At,
    key: &str,
    v: &List,
    needed: bool,
    diags: &mut Diags,
) -> Vec<Spanned<String>> {
    let Some(items) = v else {
        if needed {
            diags.push(
                at.path(),
                at.line,
                format!("missing field `{key}` in {}", at.kind),
                format!("`{key} = [\"…\"]`"),
            );
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.get_ref() {
        if item.get_ref().trim().is_empty() {
            diags.push(
                at.path(),
                at.line_of(item.span()),
                format!("`{key}` has an item that is not a non-empty string"),
                format!("`{key} = [\"…\", \"…\"]`"),
            );
        } else {
            out.push(item.clone());
        }
    }
    if needed && out.is_empty() {
        diags.push(
            at.path(),
            at.line_of(items.span()),
            format!("empty `{key}` in {}", at.kind),
            format!("at least one item in `{key}`"),
        );
    }
    out
}

/// The plain strings of a checked list.
pub(super) fn strings(items: &[Spanned<String>]) -> Vec<String> {
    items.iter().map(|s| s.get_ref().clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Rec {
        id: Str,
        quotes: List,
        n: Str,
    }

    fn file(text: &str) -> SeedFile {
        SeedFile {
            path: "t.toml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn every_list_item_has_its_own_line() {
        // Two quotes that begin alike: each is reported at its own line.
        let f = file("[[r]]\nid = \"a\"\nquotes = [\n  \"the same start, one\",\n  \"the same start, two\",\n]\n");
        let mut d = Diags::default();
        let top = parse_file(&f, "toml", &mut d).unwrap();
        let items = tables(&f, "r", get(&top, "r").unwrap(), &mut d);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].0, 1);
        let at = At {
            file: &f,
            line: items[0].0,
            kind: "r",
        };
        let r: Record<Rec> = read_record(at, items[0].1, &["id", "quotes", "n"], &mut d);
        let q = list(&at, "quotes", &r.fields.quotes, true, &mut d);
        let lines: Vec<u32> = q.iter().map(|s| at.line_of(s.span())).collect();
        assert_eq!(lines, vec![4, 5]);
        assert_eq!(at.line_or_record(&r.fields.id), 2);
        assert!(d.is_empty());
    }

    #[test]
    fn wrong_types_and_unknown_keys_are_all_reported() {
        let f = file("[[r]]\nid = 3\nn = true\nidd = \"x\"\nquotes = [\"ok\"]\n");
        let mut d = Diags::default();
        let top = parse_file(&f, "toml", &mut d).unwrap();
        let items = tables(&f, "r", get(&top, "r").unwrap(), &mut d);
        let at = At {
            file: &f,
            line: items[0].0,
            kind: "r",
        };
        let r: Record<Rec> = read_record(at, items[0].1, &["id", "quotes", "n"], &mut d);
        assert_eq!(
            strings(&list(&at, "quotes", &r.fields.quotes, true, &mut d)),
            vec!["ok"]
        );
        let text: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "t.toml:2: `id` in r: invalid type: integer `3`, expected a string; `id` as a string",
                "t.toml:3: `n` in r: invalid type: boolean `true`, expected a string; `n` as a string",
                "t.toml:4: unknown field `idd` in r (did you mean `id`?); only: id, quotes, n",
            ]
        );
    }

    #[test]
    fn syntax_errors_and_wrong_shapes_are_reported_at_their_line() {
        let f = file("a = \"x\"\nb = \n");
        let mut d = Diags::default();
        assert!(parse_file(&f, "valid TOML", &mut d).is_none());
        assert_eq!(d.into_sorted()[0].line, 2);
        let f = file("\nr = \"x\"\n");
        let mut d = Diags::default();
        let top = parse_file(&f, "toml", &mut d).unwrap();
        assert!(tables(&f, "r", get(&top, "r").unwrap(), &mut d).is_empty());
        assert_eq!(
            d.into_sorted()[0].to_string(),
            "t.toml:2: `r` is a string; an array of tables, each starting with [[r]]"
        );
    }

    #[test]
    fn required_fields_report_missing_and_blank() {
        let f = file("[[r]]\nid = \" \"\n");
        let mut d = Diags::default();
        let at = At {
            file: &f,
            line: 1,
            kind: "r",
        };
        let blank = Some(Spanned::new(6..9, " ".to_string()));
        assert!(required(&at, "id", &blank, &mut d).is_none());
        assert!(required(&at, "title", &None, &mut d).is_none());
        let text: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "t.toml:1: missing field `title` in r; `title = \"…\"`",
                "t.toml:2: empty `id` in r; a non-empty `id`",
            ]
        );
    }
}
