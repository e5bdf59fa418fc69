//! Shared by the property tests: text mutations (deletions, insertions, truncation, repeats,
//! line shuffles, replaced values) that turn valid input into plausible damaged input.
#![allow(dead_code)] // Each test crate uses the variants it needs.

/// One edit of a text; positions are taken modulo the text's length.
#[derive(Debug, Clone)]
pub enum Mutation {
    Delete(usize, usize),
    Insert(usize, &'static str),
    Truncate(usize),
    Repeat(usize, usize),
    SwapLines(usize, usize),
    DuplicateLine(usize),
    DropLine(usize),
    /// Replace the value after the n-th `=` with a token.
    Value(usize, &'static str),
}

/// Applies `muts` to `s` in order.
pub fn mutate(s: &str, muts: &[Mutation]) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for m in muts {
        let len = chars.len().max(1);
        match *m {
            Mutation::Delete(a, n) => {
                let a = a % len;
                let b = (a + n).min(chars.len());
                if a < b {
                    chars.drain(a..b);
                }
            }
            Mutation::Insert(a, t) => {
                let a = a % (chars.len() + 1);
                chars.splice(a..a, t.chars());
            }
            Mutation::Truncate(a) => chars.truncate(a % len),
            Mutation::Repeat(a, n) => {
                let a = a % len;
                let b = (a + n).min(chars.len());
                if a < b {
                    let piece: Vec<char> = chars[a..b].to_vec();
                    chars.splice(b..b, piece);
                }
            }
            Mutation::SwapLines(a, b) => {
                let text: String = chars.iter().collect();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let n = lines.len();
                lines.swap(a % n, b % n);
                chars = lines.join("\n").chars().collect();
            }
            Mutation::DuplicateLine(a) => {
                let text: String = chars.iter().collect();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let i = a % lines.len();
                lines.insert(i, lines[i]);
                chars = lines.join("\n").chars().collect();
            }
            Mutation::DropLine(a) => {
                let text: String = chars.iter().collect();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let i = a % lines.len();
                lines.remove(i);
                chars = lines.join("\n").chars().collect();
            }
            Mutation::Value(n, t) => {
                let eqs: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == '=').collect();
                if !eqs.is_empty() {
                    let at = eqs[n % eqs.len()];
                    let end = (at..chars.len())
                        .find(|&i| chars[i] == '\n')
                        .unwrap_or(chars.len());
                    let value: Vec<char> = t.trim_start_matches([' ', '=']).chars().collect();
                    let mut new: Vec<char> = "= ".chars().collect();
                    new.extend(value);
                    chars.splice(at..end, new);
                }
            }
        }
    }
    chars.into_iter().collect()
}
