//! Escaping text for HTML.

/// Text made safe for HTML content and double-quoted attributes.
pub fn escape(t: &str) -> String {
    let mut o = String::with_capacity(t.len() + 8);
    for ch in t.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// The same, named for attribute values.
pub fn attr(t: &str) -> String {
    escape(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x&y")</script>'"#),
            "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;"
        );
        assert_eq!(escape("電子申請"), "電子申請");
    }
}
