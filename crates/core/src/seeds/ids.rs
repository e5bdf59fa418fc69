//! Ids: the slug rule, a table of declared ids (with where each was declared), and lookups of
//! references that suggest the nearest id.

use std::collections::HashMap;

use toml::Spanned;

use super::diags::Diags;
use super::records::{did_you_mean, At};

/// Checks that an id is a URL-friendly slug: lowercase ASCII letters, digits and `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The ids declared by one kind of record, in order, with where each was declared.
#[derive(Debug, Default, Clone)]
pub(super) struct IdTable {
    /// Id → (file, line of its `id = …`).
    declared: HashMap<String, (String, u32)>,
}

impl IdTable {
    /// Declares the record's `id`: it must be a slug and unique. Returns the id when it is.
    pub(super) fn declare(
        &mut self,
        at: &At,
        id: &Option<Spanned<String>>,
        diags: &mut Diags,
    ) -> Option<String> {
        let id = super::records::required(at, "id", id, diags)?;
        let line = at.line_of(id.span());
        let id = id.into_inner();
        if !is_slug(&id) {
            diags.push(
                at.path(),
                line,
                format!("{} id `{id}` is not a slug", at.kind),
                "lowercase letters, digits and `-` only (it appears in links)",
            );
            return None;
        }
        if let Some((file, first)) = self.declared.get(&id) {
            diags.push(
                at.path(),
                line,
                format!("duplicate {} id `{id}` (first at {file}:{first})", at.kind),
                format!("{} ids unique", at.kind),
            );
            return None;
        }
        self.declared
            .insert(id.clone(), (at.path().to_string(), line));
        Some(id)
    }

    /// Whether `id` was declared (even by a record that later proved invalid).
    pub(super) fn contains(&self, id: &str) -> bool {
        self.declared.contains_key(id)
    }
}

/// Position of `value` among `ids`; otherwise a problem at the value's line naming the nearest
/// id (unless `quiet`: the id was declared but its record was invalid and already reported).
pub(super) fn lookup(
    at: &At,
    key: &str,
    value: &Spanned<String>,
    ids: &[String],
    quiet: bool,
    expected: &str,
    diags: &mut Diags,
) -> Option<usize> {
    let v = value.get_ref();
    let found = ids.iter().position(|x| x == v);
    if found.is_none() && !quiet {
        let sugg = did_you_mean(v, ids.iter().map(String::as_str));
        diags.push(
            at.path(),
            at.line_of(value.span()),
            format!("unknown {key} `{v}`{sugg}"),
            expected,
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::SeedFile;

    #[test]
    fn slugs() {
        assert!(is_slug("isaf-2003"));
        assert!(!is_slug("Isaf"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }

    #[test]
    fn duplicates_name_the_first_place_and_lookups_suggest() {
        let f = SeedFile {
            path: "c.toml".into(),
            text: "id = \"a-b\"\nid = \"a-b\"\nx = \"a-c\"\n".into(),
        };
        let at = At {
            file: &f,
            line: 1,
            kind: "thing",
        };
        let mut ids = IdTable::default();
        let mut d = Diags::default();
        let first = Some(Spanned::new(5..10, "a-b".to_string()));
        let second = Some(Spanned::new(16..21, "a-b".to_string()));
        assert_eq!(ids.declare(&at, &first, &mut d).as_deref(), Some("a-b"));
        assert_eq!(ids.declare(&at, &second, &mut d), None);
        let known = vec!["a-b".to_string()];
        let r = Spanned::new(27..32, "a-c".to_string());
        assert_eq!(
            lookup(&at, "thing", &r, &known, false, "an id", &mut d),
            None
        );
        let text: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "c.toml:2: duplicate thing id `a-b` (first at c.toml:1); thing ids unique",
                "c.toml:3: unknown thing `a-c` (did you mean `a-b`?); an id",
            ]
        );
    }
}
