//! Markdown to HTML with pulldown-cmark. Raw HTML in content is sanitised
//! with an allow-list (ammonia) unless the site trusts it (`trust_html`);
//! links that could run code (`javascript:`, `data:` ...) never reach the
//! page, and heading attributes are limited to `id` and classes.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};
use std::ops::Range;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Markdown to HTML, raw HTML sanitised: what every page uses by default.
pub fn to_html(markdown: &str) -> String {
    to_html_with(markdown, false)
}

/// Markdown to HTML; `trust_html` keeps raw HTML as written (`sopkb.toml`:
/// `trust_html = true`), else it passes through the allow-list.
pub fn to_html_with(markdown: &str, trust_html: bool) -> String {
    let mut raw = false;
    let events = Parser::new_ext(markdown, options()).map(|ev| match ev {
        Event::Html(_) | Event::InlineHtml(_) => {
            raw = true;
            ev
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: defuse(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: defuse(dest_url),
            title,
            id,
        }),
        // `{#id .class}` stays; `{onclick=...}` would be an event handler.
        Event::Start(Tag::Heading {
            level, id, classes, ..
        }) => Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs: Vec::new(),
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    let out = align_classes(&out);
    if raw && !trust_html {
        sanitiser().clean(&out).to_string()
    } else {
        out
    }
}

/// Every link and image destination of `markdown` with its byte range.
pub fn links(markdown: &str) -> Vec<(Range<usize>, String)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((range, dest_url.into_string()))
            }
            _ => None,
        })
        .collect()
}

/// An unsafe destination becomes `#` (validation reports it as URL001).
fn defuse(url: CowStr<'_>) -> CowStr<'_> {
    if crate::validate::urls::is_safe(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

/// pulldown-cmark aligns table cells with inline `style` attributes, which
/// a strict Content-Security-Policy (`style-src 'self'`) blocks: classes
/// instead (styled by the theme). User text cannot contain these exact
/// strings: its quotes are escaped.
fn align_classes(html: &str) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html.to_owned();
    }
    html.replace(" style=\"text-align: left\"", " class=\"rata-kiri\"")
        .replace(" style=\"text-align: center\"", " class=\"rata-tengah\"")
        .replace(" style=\"text-align: right\"", " class=\"rata-kanan\"")
}

/// The allow-list for raw HTML: what Markdown itself can produce, plus
/// common inline formatting; no scripts, styles, forms, frames or event
/// handlers, and links only with the schemes of `validate::urls`.
fn sanitiser() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::empty();
    b.add_tags([
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "sub",
        "sup",
        "small",
        "mark",
        "kbd",
        "abbr",
        "cite",
        "q",
        "dfn",
        "span",
        "div",
        "ol",
        "ul",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "a",
        "img",
        "figure",
        "figcaption",
        "details",
        "summary",
    ])
    .add_generic_attributes(["class", "title", "lang", "dir"])
    .add_tag_attributes("a", ["href"])
    .add_tag_attributes("img", ["src", "alt", "width", "height"])
    .add_tag_attributes("ol", ["start"])
    .add_tag_attributes("th", ["colspan", "rowspan"])
    .add_tag_attributes("td", ["colspan", "rowspan"])
    // Heading anchors and footnotes link to these.
    .add_tag_attributes("h1", ["id"])
    .add_tag_attributes("h2", ["id"])
    .add_tag_attributes("h3", ["id"])
    .add_tag_attributes("h4", ["id"])
    .add_tag_attributes("h5", ["id"])
    .add_tag_attributes("h6", ["id"])
    .add_tag_attributes("div", ["id"])
    .url_schemes(
        crate::validate::urls::SAFE_SCHEMES
            .iter()
            .copied()
            .collect(),
    )
    .link_rel(None);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_and_sanitises_raw_html() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>x</script>\n");
        assert!(html.contains("<table>"));
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn keeps_harmless_raw_html_and_drops_handlers_and_script_links() {
        let html = to_html(
            "Teks <b onclick=\"alert(1)\">tebal</b> <a href=\"javascript:alert(1)\">x</a> \
             <img src=x onerror=alert(1)> <iframe src=\"/\"></iframe><style>p{}</style>\n",
        );
        assert!(html.contains("<b>tebal</b>"), "{html}");
        for bad in ["onclick", "javascript:", "onerror", "<iframe", "<style"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn trusted_html_is_kept_as_written() {
        let html = to_html_with("<div class=\"x\" data-a=\"1\">a</div>\n", true);
        assert!(
            html.contains("<div class=\"x\" data-a=\"1\">a</div>"),
            "{html}"
        );
    }

    #[test]
    fn refuses_script_links_and_heading_handlers() {
        let html = to_html(
            "[a](javascript:alert(1)) [b](JaVaScRiPt&#58;alert(1)) <javascript:alert(2)> \
             ![c](data:text/html,x) [ok](https://x.id/a)\n\n# Judul {#j .k onclick=alert(1)}\n",
        );
        // The autolink's text stays as inert text; no destination survives.
        assert!(!html.to_lowercase().contains("href=\"javascript"), "{html}");
        assert_eq!(html.matches("href=\"#\"").count(), 3, "{html}");
        assert!(!html.contains("src=\"data:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("href=\"https://x.id/a\""), "{html}");
        assert!(html.contains("<h1 id=\"j\" class=\"k\">"), "{html}");
    }

    #[test]
    fn aligns_table_cells_with_classes_not_inline_styles() {
        let html = to_html("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("<th class=\"rata-tengah\">b</th>"), "{html}");
        assert!(html.contains("<td class=\"rata-kanan\">3</td>"), "{html}");
    }

    #[test]
    fn lists_links_with_their_source_ranges() {
        let md = "Lihat [PP](https://a.id) dan ![g](javascript:x).\n";
        let links = links(md);
        assert_eq!(links.len(), 2);
        assert_eq!(&md[links[0].0.clone()], "[PP](https://a.id)");
        assert_eq!(links[1].1, "javascript:x");
    }
}
