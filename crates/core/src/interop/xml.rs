//! XML text and attribute values. `quick_xml::escape::escape` escapes `< > & ' "`; on top of
//! that, CR (and in attributes LF and TAB) are written as character references, since an XML
//! parser folds a literal CR LF to LF in text and every line break or tab to a space in an
//! attribute. Characters XML 1.0 forbids (C0 controls other than TAB, LF, CR) cannot be written
//! at all and are replaced by U+FFFD (the core's clean texts have none).

/// Text content.
pub fn text(s: &str) -> String {
    let s = legal(s);
    quick_xml::escape::escape(s.as_str()).replace('\r', "&#13;")
}

/// An attribute value (to stand between double quotes).
pub fn attr(s: &str) -> String {
    text(s).replace('\n', "&#10;").replace('\t', "&#9;")
}

fn legal(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_and_line_ends_survive() {
        assert_eq!(
            super::text("a<b & \"c\"\r\n"),
            "a&lt;b &amp; &quot;c&quot;&#13;\n"
        );
        assert_eq!(super::attr("x\ny\tz"), "x&#10;y&#9;z");
        assert_eq!(super::text("\u{1}"), "\u{fffd}");
    }
}
