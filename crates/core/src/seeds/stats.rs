//! Agreement statistics: Cohen's kappa, Krippendorff's alpha (nominal), positive (specific)
//! agreement, and percentile bootstrap confidence intervals that resample clusters of units
//! with a seeded, deterministic generator (so every build prints the same interval).
//!
//! Every statistic returns `None` where it is not defined (no units; chance agreement already
//! total), never NaN: the views show "not defined" with the reason instead of a number.

use std::collections::BTreeMap;

/// Cohen's kappa for two coders' nominal values on the same units: (po − pe) / (1 − pe),
/// with pe from each coder's own marginal distribution. `None` for no units, or when pe = 1
/// (both coders use one and the same value throughout: nothing to correct for chance).
pub fn cohens_kappa<V: Ord>(pairs: &[(V, V)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut first: BTreeMap<&V, f64> = BTreeMap::new();
    let mut second: BTreeMap<&V, f64> = BTreeMap::new();
    let mut agreed = 0.0;
    for (a, b) in pairs {
        *first.entry(a).or_default() += 1.0;
        *second.entry(b).or_default() += 1.0;
        if a == b {
            agreed += 1.0;
        }
    }
    let po = agreed / n;
    let pe: f64 = first
        .iter()
        .map(|(v, c)| c / n * second.get(v).copied().unwrap_or(0.0) / n)
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

/// Krippendorff's alpha for nominal data: each unit holds the values the coders gave it (any
/// number of coders; a missing value is simply absent). Units with fewer than two values are
/// not pairable and are left out. alpha = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k over
/// the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's alpha-reliability").
/// `None` when no unit is pairable or every pairable value is the same (no variation).
pub fn krippendorff_alpha_nominal<V: Ord>(units: &[Vec<V>]) -> Option<f64> {
    // Observed disagreement (off-diagonal coincidences) and the value totals n_c.
    let mut totals: BTreeMap<&V, f64> = BTreeMap::new();
    let mut off_diagonal = 0.0;
    for u in units.iter().filter(|u| u.len() >= 2) {
        let m = u.len() as f64;
        for (i, a) in u.iter().enumerate() {
            *totals.entry(a).or_default() += 1.0;
            for (j, b) in u.iter().enumerate() {
                if i != j && a != b {
                    off_diagonal += 1.0 / (m - 1.0);
                }
            }
        }
    }
    let n: f64 = totals.values().sum();
    if n < 2.0 {
        return None;
    }
    let sum_sq: f64 = totals.values().map(|c| c * c).sum();
    let expected = n * n - sum_sq; // Σ_{c≠k} n_c n_k
    if expected <= 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * off_diagonal / expected)
}

/// Positive (specific) agreement: 2a / (2a + b + c), where `a` counts what both coders mark
/// and `b`, `c` what only one does. The share of one coder's positives the other also has,
/// averaged over both coders; it ignores what neither marks. `None` when nobody marks
/// anything.
pub fn positive_agreement(both: usize, only_first: usize, only_second: usize) -> Option<f64> {
    let d = 2 * both + only_first + only_second;
    (d > 0).then(|| 2.0 * both as f64 / d as f64)
}

/// SplitMix64: a small, fast generator with a fixed sequence for a given seed.
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (n > 0), without modulo bias.
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return (x % n) as usize;
            }
        }
    }
}

/// A 95% percentile bootstrap interval: `resamples` times, draw as many clusters as there are,
/// with replacement, pool their units and compute `stat`; the interval runs from the 2.5th to
/// the 97.5th percentile of the defined results (nearest rank). Resamples on which `stat` is
/// not defined are left out; `None` when fewer than half are defined or there are no clusters.
pub fn bootstrap_ci<T: Clone>(
    clusters: &[Vec<T>],
    stat: impl Fn(&[T]) -> Option<f64>,
    resamples: usize,
    seed: u64,
) -> Option<(f64, f64)> {
    if clusters.is_empty() || resamples == 0 {
        return None;
    }
    let mut rng = Rng::new(seed);
    let mut values = Vec::with_capacity(resamples);
    let mut pool: Vec<T> = Vec::new();
    for _ in 0..resamples {
        pool.clear();
        for _ in 0..clusters.len() {
            pool.extend(clusters[rng.below(clusters.len())].iter().cloned());
        }
        if let Some(v) = stat(&pool).filter(|v| v.is_finite()) {
            values.push(v);
        }
    }
    if values.len() * 2 < resamples {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let rank = |p: f64| {
        let k = (p * values.len() as f64).ceil() as usize;
        values[k.clamp(1, values.len()) - 1]
    };
    Some((rank(0.025), rank(0.975)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 5e-4)
    }

    #[test]
    fn kappa_of_the_textbook_two_by_two() {
        // Wikipedia, "Cohen's kappa", first example: 50 proposals, yes/yes 20, yes/no 5,
        // no/yes 10, no/no 15: po = 0.7, pe = 0.5, kappa = 0.4.
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n(("y", "y"), 20));
        pairs.extend(std::iter::repeat_n(("y", "n"), 5));
        pairs.extend(std::iter::repeat_n(("n", "y"), 10));
        pairs.extend(std::iter::repeat_n(("n", "n"), 15));
        assert!(close(cohens_kappa(&pairs), 0.4));
    }

    #[test]
    fn kappa_with_three_values() {
        // 3×3 table (rows first coder, columns second): [[25,2,3],[3,20,2],[2,3,40]], n = 100:
        // po = 0.85; marginals 30/25/45 and 30/25/45: pe = 0.09 + 0.0625 + 0.2025 = 0.355;
        // kappa = 0.495 / 0.645.
        let table = [[25, 2, 3], [3, 20, 2], [2, 3, 40]];
        let mut pairs = Vec::new();
        for (i, row) in table.iter().enumerate() {
            for (j, &n) in row.iter().enumerate() {
                pairs.extend(std::iter::repeat_n((i, j), n));
            }
        }
        assert!(close(cohens_kappa(&pairs), 0.495 / 0.645));
    }

    #[test]
    fn alpha_of_krippendorffs_binary_example() {
        // Krippendorff (2011), section C: two observers, ten units, binary.
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        let units: Vec<Vec<i32>> = a.iter().zip(b).map(|(&x, y)| vec![x, y]).collect();
        assert!(close(krippendorff_alpha_nominal(&units), 0.095));
    }

    #[test]
    fn alpha_of_krippendorffs_example_with_missing_values() {
        // Krippendorff (2011), section E: four observers, twelve units, values missing;
        // nominal alpha = 0.743.
        let rows: [[i32; 12]; 4] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
            [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
        ];
        let units: Vec<Vec<i32>> = (0..12)
            .map(|u| rows.iter().map(|r| r[u]).filter(|&v| v != 0).collect())
            .collect();
        assert!(close(krippendorff_alpha_nominal(&units), 0.743));
    }

    #[test]
    fn degenerate_cases_are_not_defined_rather_than_nan() {
        let none: [(u8, u8); 0] = [];
        assert_eq!(cohens_kappa(&none), None);
        assert_eq!(krippendorff_alpha_nominal::<u8>(&[]), None);
        // One value throughout: perfect agreement, nothing to correct for chance.
        assert_eq!(cohens_kappa(&[("a", "a"), ("a", "a")]), None);
        assert_eq!(
            krippendorff_alpha_nominal(&[vec!["a", "a"], vec!["a", "a"]]),
            None
        );
        // Perfect agreement on two values.
        assert_eq!(cohens_kappa(&[("a", "a"), ("b", "b")]), Some(1.0));
        assert_eq!(
            krippendorff_alpha_nominal(&[vec!["a", "a"], vec!["b", "b"]]),
            Some(1.0)
        );
        // A single unit is not enough for alpha; an unpaired value is left out.
        assert_eq!(krippendorff_alpha_nominal(&[vec!["a"]]), None);
        assert_eq!(positive_agreement(0, 0, 0), None);
        assert_eq!(positive_agreement(3, 0, 0), Some(1.0));
        assert!(close(positive_agreement(4, 1, 3), 8.0 / 12.0));
    }

    #[test]
    fn bootstrap_is_deterministic_and_brackets_the_estimate() {
        let clusters: Vec<Vec<(u8, u8)>> = (0..40)
            .map(|i| vec![(i % 3, if i % 7 == 0 { (i + 1) % 3 } else { i % 3 })])
            .collect();
        let stat = |u: &[(u8, u8)]| cohens_kappa(u);
        let all: Vec<(u8, u8)> = clusters.iter().flatten().copied().collect();
        let k = cohens_kappa(&all).unwrap();
        let a = bootstrap_ci(&clusters, stat, 2000, 7).unwrap();
        let b = bootstrap_ci(&clusters, stat, 2000, 7).unwrap();
        assert_eq!(a, b);
        assert!(a.0 <= k && k <= a.1 && a.0 < a.1, "{a:?} {k}");
        // Perfect agreement on one value: kappa is never defined, so no interval.
        let same = vec![vec![(0u8, 0u8)]; 5];
        assert_eq!(bootstrap_ci(&same, stat, 100, 1), None);
        assert_eq!(bootstrap_ci::<(u8, u8)>(&[], stat, 100, 1), None);
    }

    #[test]
    fn rng_draws_every_index_without_bias_at_the_edges() {
        let mut r = Rng::new(1);
        let mut seen = [0usize; 3];
        for _ in 0..3000 {
            seen[r.below(3)] += 1;
        }
        assert!(seen.iter().all(|&n| n > 900), "{seen:?}");
    }
}
