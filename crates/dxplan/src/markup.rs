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

/// An SVG with `layer` drawn last (inserted before the closing `</svg>`);
/// the SVG unchanged when it has no closing tag.
pub fn with_layer(svg: &str, layer: &str) -> String {
    match svg.rfind("</svg>") {
        Some(i) => format!("{}{layer}{}", &svg[..i], &svg[i..]),
        None => svg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layer_is_drawn_last() {
        assert_eq!(
            with_layer("<svg><a/></svg>\n", "<b/>"),
            "<svg><a/><b/></svg>\n"
        );
        assert_eq!(with_layer("<svg/>", "<b/>"), "<svg/>");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x&y")</script>'"#),
            "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;"
        );
        assert_eq!(escape("電子申請\u{1}\n"), "電子申請\n");
    }
}
