//! The corpus version: a short hash of every file of the seeds directory.

use sha2::{Digest, Sha256};

/// SHA-256 over the files in order of their relative paths (each as path, a NUL byte, its
/// length as 8 bytes little-endian, its bytes), as the first 12 hex digits.
pub(super) fn tree_hash(files: &[(String, Vec<u8>)]) -> String {
    let mut h = Sha256::new();
    for (path, bytes) in files {
        h.update(path.as_bytes());
        h.update([0]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_short_stable_and_sensitive_to_paths_and_bytes() {
        let a = vec![
            ("a.txt".to_string(), b"x".to_vec()),
            ("b/c.toml".to_string(), b"y".to_vec()),
        ];
        let h = tree_hash(&a);
        assert_eq!(h.len(), 12);
        assert!(h.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(h, tree_hash(&a.clone()));
        let mut renamed = a.clone();
        renamed[0].0 = "a2.txt".into();
        assert_ne!(h, tree_hash(&renamed));
        let mut edited = a.clone();
        edited[1].1 = b"z".to_vec();
        assert_ne!(h, tree_hash(&edited));
        // Moving a byte from one file to the next changes the hash too.
        let moved = vec![
            ("a.txt".to_string(), b"xy".to_vec()),
            ("b/c.toml".to_string(), Vec::new()),
        ];
        assert_ne!(h, tree_hash(&moved));
    }
}
