//! `seeds-check [DIR]`: validates a seeds directory (default `seeds`). Problems go to stderr
//! as `file:line: problem; expected` with exit status 1; a valid corpus prints its counts on
//! stdout, with each paper's sweep and the agreement figures (recomputed from `agreement/` on
//! every run).

use std::path::PathBuf;

use evidence_core::query::agreement::{estimate_text, kind_label, outcome_counts, tally_text};
use evidence_core::seeds::{exit_with_problems, load};
use evidence_core::{BlockKind, Corpus, MentionDecision};

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "seeds".into()));
    let c = load(&dir).unwrap_or_else(|d| exit_with_problems(&d));
    let quotes: usize = c.codings.iter().map(|k| k.quotes.len()).sum();
    println!(
        "ok: {} papers, {} dimensions, {} categories, {} evidence items, {} codings, {} quotes",
        c.papers.len(),
        c.dimensions.len(),
        c.categories.len(),
        c.evidence.len(),
        c.codings.len(),
        quotes
    );
    for (i, p) in c.papers.iter().enumerate() {
        let n = c.categories.iter().filter(|k| k.paper == i).count();
        let paras = p
            .doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count();
        println!(
            "  {}: {} categories, {} sections, {} paragraphs, {} footnotes",
            p.id,
            n,
            p.doc.sections.len(),
            paras,
            p.doc.footnotes.len()
        );
    }
    audit(&c);
}

/// The sweeps' decisions and the agreement figures.
fn audit(c: &Corpus) {
    for s in &c.sweeps {
        let coded = s
            .mentions
            .iter()
            .filter(|m| matches!(m.decision, MentionDecision::Coded(_)))
            .count();
        println!(
            "  sweep {}: {} mentions, {} coded, {} excluded",
            c.papers[s.paper].id,
            s.mentions.len(),
            coded,
            s.mentions.len() - coded
        );
    }
    if let Some(s) = &c.agreement {
        let rows = s
            .papers
            .iter()
            .map(|p| (c.papers[p.paper].id.as_str(), &p.figures))
            .chain(std::iter::once(("overall", &s.overall)));
        for (name, f) in rows {
            println!(
                "  agreement {name}: units {}, positive agreement {}; categories on {} units both found: {} agreed, kappa {}, alpha {}, positive agreement {}; items {}, positive agreement {}",
                tally_text(&f.units),
                estimate_text(&f.units_pa),
                f.units.both,
                f.agreed,
                estimate_text(&f.kappa),
                estimate_text(&f.alpha),
                estimate_text(&f.decisions_pa),
                tally_text(&f.items),
                estimate_text(&f.items_pa),
            );
        }
        if let Some(w) = &s.crosswalk {
            println!(
                "  crosswalk: {} of {} primary dimensions agreed, kappa {}, alpha {}",
                w.agreed,
                w.links,
                estimate_text(&w.kappa),
                estimate_text(&w.alpha)
            );
        }
        for (kind, n) in outcome_counts(s) {
            println!(
                "  resolved ({}): {} first coder, {} second coder, {} neither",
                kind_label(kind),
                n[0],
                n[1],
                n[2]
            );
        }
    }
    for t in &c.tours {
        let link = evidence_core::link::url::named_tour_fragment(t, c).unwrap_or_default();
        println!(
            "  tour @{} \"{}\": {} steps, {} minutes planned, link {} characters",
            t.name,
            t.title,
            t.steps,
            t.minutes,
            link.chars().count()
        );
    }
}
