//! Text made safe for HTML, SVG and XML: one escaping for the web page, the
//! progress report and the `inspect` drawing.

/// Text for element content and double- or single-quoted attributes:
/// `& < > " '` escaped, and control characters other than tab and line
/// breaks (which XML does not allow) left out.
pub fn escape(t: &str) -> String {
    let mut o = String::with_capacity(t.len() + 8);
    for ch in t.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\t' | '\n' | '\r' => o.push(ch),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
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
        assert_eq!(escape("電子申請\u{1}\n"), "電子申請\n");
    }
}
