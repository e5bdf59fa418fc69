//! The methods record of the `[corpus]` table: the report sections (`[[corpus.method]]`), the
//! coding rules (`[[corpus.rule]]`) and the changelog (`[[corpus.changelog]]`), each checked at
//! its own line: slugs unique within their list, titles and texts present, every changelog
//! entry dated (`YYYY-MM-DD`), versions unique, newest first, the newest being the corpus
//! version.

use serde::Deserialize;
use toml::Spanned;

use super::dates::parse_date;
use super::diags::Diags;
use super::ids::is_slug;
use super::records::{list, owned, required, At, List, Str};
use crate::model::{ChangelogEntry, MethodNote};

/// A `[[corpus.method]]` or `[[corpus.rule]]` as written.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub(super) struct NoteRec {
    id: Str,
    title: Str,
    text: Str,
}

/// A `[[corpus.changelog]]` entry as written.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub(super) struct ChangeRec {
    version: Str,
    date: Str,
    changes: List,
}

/// The notes of one list (`kind` is "method" or "rule"), in order.
pub(super) fn notes(
    at: &At,
    kind: &'static str,
    v: &Option<Vec<Spanned<NoteRec>>>,
    diags: &mut Diags,
) -> Vec<MethodNote> {
    let mut out: Vec<MethodNote> = Vec::new();
    for rec in v.iter().flatten() {
        let at = At {
            line: at.line_of(rec.span()),
            kind,
            ..*at
        };
        let f = rec.get_ref();
        let id = required(&at, "id", &f.id, diags).and_then(|id| {
            let line = at.line_of(id.span());
            if !is_slug(id.get_ref()) {
                diags.push(
                    at.path(),
                    line,
                    format!("`{}` is not a slug", id.get_ref()),
                    "lower-case letters, digits and hyphens",
                );
                None
            } else if out.iter().any(|n| &n.id == id.get_ref()) {
                diags.push(
                    at.path(),
                    line,
                    format!("{kind} `{}` listed twice", id.get_ref()),
                    format!("each {kind} id once"),
                );
                None
            } else {
                Some(id.into_inner())
            }
        });
        let title = owned(required(&at, "title", &f.title, diags));
        let text = owned(required(&at, "text", &f.text, diags));
        if let Some(id) = id {
            out.push(MethodNote { id, title, text });
        }
    }
    out
}

/// The changelog, newest first; `version` is the `[corpus] version` the newest entry must
/// carry (with its line).
pub(super) fn changelog(
    at: &At,
    v: &Option<Vec<Spanned<ChangeRec>>>,
    version: Option<&Spanned<String>>,
    diags: &mut Diags,
) -> Vec<ChangelogEntry> {
    let mut out: Vec<ChangelogEntry> = Vec::new();
    let mut previous: Option<((i32, u8, u8), String)> = None;
    for rec in v.iter().flatten() {
        let at = At {
            line: at.line_of(rec.span()),
            kind: "changelog entry",
            ..*at
        };
        let f = rec.get_ref();
        let ver = required(&at, "version", &f.version, diags);
        if let Some(ver) = &ver {
            if out.iter().any(|e| &e.version == ver.get_ref()) {
                diags.push(
                    at.path(),
                    at.line_of(ver.span()),
                    format!("version `{}` listed twice in the changelog", ver.get_ref()),
                    "one changelog entry per version",
                );
            }
        }
        let date = required(&at, "date", &f.date, diags).and_then(|d| {
            let line = at.line_of(d.span());
            let day = d.get_ref().len() == 10;
            match parse_date(d.get_ref()) {
                Ok(span) if day && span.start == span.end => Some((d, span.start)),
                Ok(_) | Err(_) => {
                    diags.push(
                        at.path(),
                        line,
                        format!("bad changelog date `{}`", d.get_ref()),
                        "the day the version was made, `YYYY-MM-DD`",
                    );
                    None
                }
            }
        });
        if let Some((d, ymd)) = &date {
            if let Some((prev, prev_text)) = &previous {
                if ymd > prev {
                    diags.push(
                        at.path(),
                        at.line_of(d.span()),
                        format!(
                            "changelog entry of {} stands after one of {prev_text}",
                            d.get_ref()
                        ),
                        "entries newest first",
                    );
                }
            }
            previous = Some((*ymd, d.get_ref().clone()));
        }
        let changes: Vec<String> = list(&at, "changes", &f.changes, true, diags)
            .into_iter()
            .map(Spanned::into_inner)
            .collect();
        out.push(ChangelogEntry {
            version: owned(ver),
            date: date.map(|(d, _)| d.into_inner()).unwrap_or_default(),
            changes,
        });
    }
    if let (Some(first), Some(version)) = (out.first(), version) {
        if !first.version.is_empty() && &first.version != version.get_ref() {
            diags.push(
                at.path(),
                at.line_of(version.span()),
                format!(
                    "corpus version `{}` but the newest changelog entry is `{}`",
                    version.get_ref(),
                    first.version
                ),
                "a changelog entry (newest first) for the current version",
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::codebook::read_codebook;
    use super::super::SeedFile;
    use super::*;

    fn run(corpus: &str) -> (crate::model::CorpusInfo, Vec<String>) {
        let text = format!(
            "[vocabulary]\npartners = [\"P\"]\nkinds = [\"k\"]\ndomains = [\"x\"]\n\n{corpus}"
        );
        let files = [SeedFile {
            path: "cb.toml".into(),
            text,
        }];
        let mut d = Diags::default();
        let book = read_codebook(&files, "cb", &mut d);
        let msgs = d.into_sorted().iter().map(|x| x.to_string()).collect();
        (book.info.map(|(i, _)| i).unwrap_or_default(), msgs)
    }

    const GOOD: &str = "[corpus]\ntitle = \"T\"\nversion = \"2.1\"\n\n[[corpus.method]]\nid = \"question\"\ntitle = \"Question\"\ntext = \"What do the papers cite?\"\n\n[[corpus.rule]]\nid = \"evidence\"\ntitle = \"What counts\"\ntext = \"A dated item.\"\n\n[[corpus.changelog]]\nversion = \"2.1\"\ndate = \"2026-12-07\"\nchanges = [\"One rule for footnotes.\"]\n\n[[corpus.changelog]]\nversion = \"2.0\"\ndate = \"2026-11-30\"\nchanges = [\"Sweeps.\"]\n";

    #[test]
    fn reads_methods_rules_and_changelog() {
        let (info, d) = run(GOOD);
        assert!(d.is_empty(), "{d:#?}");
        assert_eq!(info.methods[0].title, "Question");
        assert_eq!(info.rules[0].text, "A dated item.");
        assert_eq!(
            info.changelog
                .iter()
                .map(|e| (e.version.as_str(), e.date.as_str()))
                .collect::<Vec<_>>(),
            [("2.1", "2026-12-07"), ("2.0", "2026-11-30")]
        );
    }

    #[test]
    fn reports_every_problem_of_the_record_at_its_line() {
        let bad = GOOD
            .replace(
                "version = \"2.1\"\n\n[[corpus.method]]",
                "version = \"2.2\"\n\n[[corpus.method]]",
            )
            .replace("id = \"evidence\"", "id = \"Evidence\"")
            .replace("date = \"2026-11-30\"", "date = \"2026-12\"")
            .replace("changes = [\"Sweeps.\"]\n", "changes = []\n")
            .replace("text = \"What do the papers cite?\"\n", "");
        let (_, d) = run(&bad);
        assert_eq!(
            d,
            vec![
                "cb.toml:8: corpus version `2.2` but the newest changelog entry is `2.1`; a changelog entry (newest first) for the current version",
                "cb.toml:10: missing field `text` in method; `text = \"…\"`",
                "cb.toml:15: `Evidence` is not a slug; lower-case letters, digits and hyphens",
                "cb.toml:26: bad changelog date `2026-12`; the day the version was made, `YYYY-MM-DD`",
                "cb.toml:27: empty `changes` in changelog entry; at least one item in `changes`",
            ]
        );
    }

    #[test]
    fn dates_must_be_days_and_newest_first() {
        let bad = GOOD.replace("date = \"2026-11-30\"", "date = \"2026-12-08\"");
        let (_, d) = run(&bad);
        assert_eq!(
            d,
            vec!["cb.toml:27: changelog entry of 2026-12-08 stands after one of 2026-12-07; entries newest first"]
        );
        let bad = GOOD.replace("date = \"2026-11-30\"", "date = \"2026-11\"");
        let (_, d) = run(&bad);
        assert_eq!(
            d,
            vec!["cb.toml:27: bad changelog date `2026-11`; the day the version was made, `YYYY-MM-DD`"]
        );
    }
}
