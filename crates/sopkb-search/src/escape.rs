//! Escaping for every output context, in one place: HTML text, HTML
//! attribute values and XML (SVG, the sitemap and Atom feed, `.docx`
//! parts). The site generator, the search snippets and the search page's
//! WASM view (`unescape_html`) all use it; it lives in this crate because
//! the WASM module is built from this crate and the site generator already
//! depends on it.
//!
//! Every function drops the characters XML 1.0 forbids (C0 controls other
//! than tab, line feed and carriage return; U+FFFE and U+FFFF): pages embed
//! SVG, feeds copy titles, and one such character makes an XML reader
//! reject the whole document. Other text, non-ASCII included, is copied
//! unchanged (all output is UTF-8). `/` is never escaped, so URLs stay
//! readable.

/// Text between HTML tags: `&`, `<`, `>`.
pub fn html_text(s: &str) -> String {
    escape(s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    })
}

/// An HTML attribute value in double or single quotes, and HTML whose
/// place is not known: the template engine's autoescape (it cannot tell
/// text from attributes) and search snippets. `&`, `<`, `>`, `"` and `'`
/// (as `&#39;`: HTML 4 has no `&apos;`).
pub fn html_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_html_attr(&mut out, s);
    out
}

/// [`html_attr`], appended to `out`.
pub fn push_html_attr(out: &mut String, s: &str) {
    push(out, s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

/// XML text and attribute values in either quotes (SVG, feeds, `.docx`):
/// `&`, `<`, `>`, `"` and `'` (as `&apos;`).
pub fn xml(s: &str) -> String {
    escape(s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        _ => None,
    })
}

/// The text of HTML escaped by [`html_text`] or [`html_attr`]: each of
/// their entities decoded once (`&amp;lt;` is `&lt;`); anything else is
/// kept as written.
pub fn unescape_html(s: &str) -> String {
    const ENTITIES: [(&str, char); 5] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether XML 1.0 allows `c` (Rust's `char` already excludes surrogates).
fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

fn escape(s: &str, entity: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push(&mut out, s, entity);
    out
}

fn push(out: &mut String, s: &str, entity: impl Fn(char) -> Option<&'static str>) {
    for c in s.chars() {
        match entity(c) {
            Some(e) => out.push_str(e),
            None if xml_allowed(c) => out.push(c),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each forbidden character, and the three controls XML allows.
    const CONTROLS: &str = "a\u{0}b\u{1}c\u{8}d\u{b}e\u{c}f\u{1f}g\u{fffe}h\u{ffff}i\t\n\rj";
    const CONTROLS_KEPT: &str = "abcdefghi\t\n\rj";
    const NON_ASCII: &str = "Kerja sama — «Pemda» ü 日本 🙂 \u{7f}\u{85}\u{a0}\u{fffd}\u{10ffff}";

    #[test]
    fn html_text_escapes_markup_only() {
        assert_eq!(
            html_text(r#"a & b < c > d "e" 'f' /g"#),
            r#"a &amp; b &lt; c &gt; d "e" 'f' /g"#
        );
        assert_eq!(html_text("&amp;"), "&amp;amp;");
        assert_eq!(html_text(CONTROLS), CONTROLS_KEPT);
        assert_eq!(html_text(NON_ASCII), NON_ASCII);
        assert_eq!(html_text(""), "");
    }

    #[test]
    fn html_attr_escapes_both_quotes() {
        assert_eq!(
            html_attr(r#"a & b < c > d "e" 'f' /g"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; /g"
        );
        assert_eq!(html_attr(CONTROLS), CONTROLS_KEPT);
        assert_eq!(html_attr(NON_ASCII), NON_ASCII);
        let mut out = String::from("x=");
        push_html_attr(&mut out, "\"<\u{1}");
        assert_eq!(out, "x=&quot;&lt;");
    }

    #[test]
    fn xml_escapes_both_quotes_with_xml_entities() {
        assert_eq!(
            xml(r#"a & b < c > d "e" 'f' /g"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; /g"
        );
        assert_eq!(xml(CONTROLS), CONTROLS_KEPT);
        assert_eq!(xml(NON_ASCII), NON_ASCII);
    }

    #[test]
    fn unescape_html_inverts_both_html_escapers() {
        let texts = [
            r#"a & b < c > d "e" 'f' /g"#,
            "&amp; &lt;x&gt;",
            NON_ASCII,
            "&#39;&",
        ];
        for t in texts {
            assert_eq!(unescape_html(&html_attr(t)), t);
            assert_eq!(unescape_html(&html_text(t)), t);
        }
        assert_eq!(unescape_html("&amp;lt; &&lt; &nbsp; &"), "&lt; &< &nbsp; &");
    }
}
