//! Synthetic corpora for the benchmark (`scripts/bench.sh`): the real corpus repeated `k`
//! times, so that papers, categories, evidence, codings and quotes all grow `k`-fold while the
//! shape stays real (the same texts, quotes and sharing between papers within each copy).
//! Build-time only (behind the `seeds` feature, used by `build.rs` when `EVIDENCE_SCALE` is
//! set); never in the shipped app.
//!
//! Copy 0 keeps the original ids and indices; copy `j` appends `-x<j>` to every id. Papers and
//! categories are laid out copy by copy; each evidence item is followed by its copies, so the
//! evidence stays in date order. Sweeps and agreement stay those of copy 0.

use crate::model::*;

/// The corpus repeated `k` times (`k` <= 1 returns a copy of it).
pub fn scaled(c: &Corpus, k: usize) -> Corpus {
    let k = k.max(1);
    if k == 1 {
        return c.clone();
    }
    let (np, nc) = (c.papers.len(), c.categories.len());
    let sfx = |id: &str, j: usize| {
        if j == 0 {
            id.to_string()
        } else {
            format!("{id}-x{j}")
        }
    };
    let ev = |e: usize, j: usize| e * k + j;
    let mut out = Corpus {
        papers: Vec::with_capacity(np * k),
        categories: Vec::with_capacity(nc * k),
        evidence: Vec::with_capacity(c.evidence.len() * k),
        codings: Vec::with_capacity(c.codings.len() * k),
        ..c.clone()
    };
    for j in 0..k {
        for p in &c.papers {
            let mut p = p.clone();
            p.id = sfx(&p.id, j);
            if j > 0 {
                p.title = format!("{} (copy {j})", p.title);
                p.short_title = format!("{} ({j})", p.short_title);
            }
            out.papers.push(p);
        }
        for cat in &c.categories {
            let mut cat = cat.clone();
            cat.id = sfx(&cat.id, j);
            cat.paper += j * np;
            out.categories.push(cat);
        }
    }
    for e in &c.evidence {
        for j in 0..k {
            let mut e = e.clone();
            e.id = sfx(&e.id, j);
            if j > 0 {
                e.title = format!("{} ({j})", e.title);
            }
            out.evidence.push(e);
        }
    }
    for j in 0..k {
        for cd in &c.codings {
            let mut cd = cd.clone();
            cd.paper += j * np;
            cd.category += j * nc;
            cd.evidence = ev(cd.evidence, j);
            cd.id = format!(
                "{}~{}",
                out.evidence[cd.evidence].id, out.categories[cd.category].id
            );
            out.codings.push(cd);
        }
    }
    out.about.title = format!("{} (synthetic, {k}x)", c.about.title);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn scaled_corpus_grows_k_fold_with_valid_indices_and_unique_ids() {
        let c = crate::testkit::sample();
        let s = scaled(&c, 3);
        assert_eq!(s.papers.len(), 3 * c.papers.len());
        assert_eq!(s.categories.len(), 3 * c.categories.len());
        assert_eq!(s.evidence.len(), 3 * c.evidence.len());
        assert_eq!(s.codings.len(), 3 * c.codings.len());
        let quotes = |c: &Corpus| c.codings.iter().map(|x| x.quotes.len()).sum::<usize>();
        assert_eq!(quotes(&s), 3 * quotes(&c));
        let ids = |v: Vec<&str>| v.iter().collect::<HashSet<_>>().len() == v.len();
        assert!(ids(s.papers.iter().map(|p| p.id.as_str()).collect()));
        assert!(ids(s.categories.iter().map(|p| p.id.as_str()).collect()));
        assert!(ids(s.evidence.iter().map(|p| p.id.as_str()).collect()));
        assert!(ids(s.codings.iter().map(|p| p.id.as_str()).collect()));
        for cd in &s.codings {
            assert_eq!(s.categories[cd.category].paper, cd.paper);
            assert_eq!(
                cd.id,
                format!(
                    "{}~{}",
                    s.evidence[cd.evidence].id, s.categories[cd.category].id
                )
            );
        }
        // Copy 0 is the original; the evidence stays in date order.
        assert_eq!(s.papers[..c.papers.len()], c.papers[..]);
        for (e, item) in c.evidence.iter().enumerate() {
            for j in 0..3 {
                assert_eq!(
                    s.evidence[e * 3 + j].date,
                    item.date,
                    "copies follow their original"
                );
            }
        }
        assert_eq!(scaled(&c, 1), c);
    }
}
