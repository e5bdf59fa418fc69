//! GUIDs of the export: UUID v5 (SHA-1, RFC 9562) of `<kind>:<id>` under one fixed namespace,
//! so that an unchanged corpus exports the same GUIDs, build after build, and a QDA package
//! can merge a later export into an earlier one.

use uuid::Uuid;

/// The namespace of every GUID of this project's exports: the UUID v5 of
/// `evidence-explorer:refi-qda` under the URL namespace. Never change it: every GUID of every
/// earlier export would change with it.
pub fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"evidence-explorer:refi-qda")
}

/// The GUID of a thing of kind `kind` (`paper`, `category`, `evidence`, …) with id `id`, in
/// the lowercase hyphenated form.
pub fn guid(kind: &str, id: &str) -> String {
    Uuid::new_v5(&namespace(), format!("{kind}:{id}").as_bytes())
        .hyphenated()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_distinct_and_version_5() {
        let a = guid("paper", "alpha");
        assert_eq!(a, guid("paper", "alpha"));
        assert_ne!(a, guid("category", "alpha"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "5");
        // Pinned: a change here would break every merge of a later export.
        assert_eq!(
            namespace().to_string(),
            Uuid::new_v5(&Uuid::NAMESPACE_URL, b"evidence-explorer:refi-qda").to_string()
        );
    }
}
