//! Stable sorting through one shared sort of indices. Each `slice::sort_by` call site with its
//! own element type and comparator gets its own copy of the standard library's sort (several
//! KB of wasm each); these wrappers keep one copy, plus a small permutation step per call site.
//! Same result as `slice::sort_by` / `sort_by_key` for any comparator that is a total order.

use std::cmp::Ordering;

/// Indices `0..n` in the order a stable sort by `cmp` puts them.
#[inline(never)]
fn stable_permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Stable sort of `v` by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let idx = stable_permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(idx.into_iter().filter_map(|i| slots[i].take()));
}

/// Sort of `v`, like `v.sort()`; also the same as `v.sort_unstable()` for types whose equal
/// values cannot be told apart (integers, strings, tuples and arrays of them).
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// Stable sort of `v` by `key`, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // Many ties, so stability shows.
        let v: Vec<(u32, u32)> = (0..500u32).map(|i| ((i * 7919) % 13, i)).collect();
        let mut want = v.clone();
        want.sort_by_key(|p| p.0);
        let mut got = v.clone();
        sort_by_key(&mut got, |p| p.0);
        assert_eq!(got, want);
        let descending = |a: &(u32, u32), b: &(u32, u32)| a.0.cmp(&b.0).reverse();
        let mut want = v.clone();
        want.sort_by(descending);
        let mut got = v;
        sort_by(&mut got, descending);
        assert_eq!(got, want);
        let mut ints: Vec<(usize, usize)> = (0..300).map(|i| (i * 31 % 17, i % 5)).collect();
        let mut want = ints.clone();
        want.sort_unstable();
        sort(&mut ints);
        assert_eq!(ints, want);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |&x| x);
        assert!(empty.is_empty());
    }
}
