//! Addresses the buyer pastes (the listing, the parcel's tracking page). Only http and https
//! addresses ever become links: anything else (`javascript:`, `data:`, a typo) stays plain text.

/// Longer than any real listing or tracking address.
pub const MAX_LINK_CHARS: usize = 2_000;

/// `text` as a web address safe to put in a link's `href`, or `None`.
///
/// The text must start with `http://` or `https://` (any case), name a host and hold no spaces
/// or control characters, so the browser cannot read it as another scheme.
pub fn web_link(text: &str) -> Option<&str> {
    let text = text.trim();
    let rest = ["https://", "http://"].iter().find_map(|scheme| {
        text.get(..scheme.len()).filter(|start| start.eq_ignore_ascii_case(scheme)).map(|_| &text[scheme.len()..])
    })?;
    let host_ends = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let clean = !text.chars().any(|c| c.is_whitespace() || c.is_control());
    (clean && host_ends > 0 && text.chars().count() <= MAX_LINK_CHARS).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_become_links() {
        assert_eq!(
            web_link("https://www.aliexpress.com/item/100500.html"),
            Some("https://www.aliexpress.com/item/100500.html")
        );
        assert_eq!(web_link("  HTTP://t.17track.net/en#nums=LP00123  "), Some("HTTP://t.17track.net/en#nums=LP00123"));
    }

    #[test]
    fn anything_else_stays_text() {
        for hostile in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//evil.example/path",
            "https://",
            "https:///path-without-host",
            "https://ex ample.com",
            "https://example.com/\u{0}",
            "www.aliexpress.com/item/1.html",
            "",
        ] {
            assert_eq!(web_link(hostile), None, "{hostile:?}");
        }
        assert_eq!(web_link(&format!("https://example.com/{}", "a".repeat(MAX_LINK_CHARS))), None);
    }
}
