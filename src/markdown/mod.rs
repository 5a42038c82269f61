//! Markdown, turned into HTML once per body with pulldown-cmark, and the
//! URL policy both `validate` and `render` follow. Raw HTML in content is
//! sanitised with an allow-list (ammonia) unless the site trusts it
//! (`trust_html`); links that could run code (`javascript:`, `data:` ...)
//! never reach the page. Ids that content gives its elements (`## Judul
//! {#id}`, footnotes, raw HTML) are unique in the fragment and never one the
//! theme uses (`theme::THEME_IDS`); classes the theme uses are dropped from
//! content unless the site trusts its HTML.
//!
//! `render` is the one pass `validate` makes over a body: the HTML the
//! model keeps, and what the URL checks read (links, images, raw HTML,
//! ids), from the same events. Nothing of it depends on what is known only
//! at render time: glossary acronyms and template fields are added to the
//! HTML later, by `render`.

mod html;
mod ids;
mod inspect;
mod sanitise;
mod text;
pub(crate) mod theme;
pub(crate) mod urls;

/// Sections are part of the model (an article keeps its own).
pub(crate) use crate::model::knowledge::Section;
pub(crate) use ids::{ContentId, IdChange};
pub(crate) use inspect::Inspection;

use crate::model::marker;
use pulldown_cmark::{Event, Options, Parser};
use std::ops::Range;

/// A body's events with their byte ranges.
type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn parse(markdown: &str) -> Events<'_> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect()
}

/// A body as the page shows it and as search reads it.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub html: String,
    pub text: String,
    pub sections: Vec<Section>,
}

/// One body as HTML and what `check` looks at in it, from one parse.
#[derive(Debug)]
pub(crate) struct Document {
    pub html: String,
    /// The plain text search indexes (`text::collect`).
    pub text: String,
    pub sections: Vec<Section>,
    pub inspection: Inspection,
}

/// `markdown` as HTML and plain text, without the inspection.
pub(crate) fn body(markdown: &str, trust_html: bool) -> Body {
    let d = render(markdown, trust_html);
    Body {
        html: d.html,
        text: d.text,
        sections: d.sections,
    }
}

/// `markdown` as HTML (`to_html_with`), as plain text and inspected
/// (`inspect`), parsed once.
pub(crate) fn render(markdown: &str, trust_html: bool) -> Document {
    let events = parse(markdown);
    let mut plan = ids::plan_ids(&events);
    let mut inspection = inspect::collect(&events);
    inspection.ids = std::mem::take(&mut plan.list);
    let (text, sections) = text::collect(&events, &plan.at);
    let html = html::write(markdown.len(), events, plan, trust_html);
    Document {
        html,
        text,
        sections,
        inspection,
    }
}

/// A template body: its HTML with field `i` (`field(id)` is `Some(i)`)
/// as `marker::placeholder(i)` and other markers as `{{ id }}` (`render`
/// fills the fields in), and the inspection of `body` as written, where
/// the checks locate what they find. Replacing the markers changes the
/// text pulldown-cmark reads (a marker in a heading's `{…}` or a link
/// address), so the HTML is a second parse unless no marker changes.
pub(crate) fn render_template(
    body: &str,
    field: impl Fn(&str) -> Option<usize>,
    trust_html: bool,
) -> Document {
    let md = marker::replace(body, |id| match field(id) {
        Some(i) => marker::placeholder(i),
        None => format!("{{{{ {id} }}}}"),
    });
    if md == body {
        return render(body, trust_html);
    }
    let events = parse(&md);
    let plan = ids::plan_ids(&events);
    let (text, sections) = text::collect(&events, &plan.at);
    Document {
        html: html::write(md.len(), events, plan, trust_html),
        text,
        sections,
        inspection: inspect(body),
    }
}

/// Markdown to HTML, raw HTML sanitised: what every page uses by default.
#[cfg(test)]
pub(crate) fn to_html(markdown: &str) -> String {
    to_html_with(markdown, false)
}

/// Markdown to HTML; `trust_html` keeps raw HTML as written (`sopkb.toml`:
/// `trust_html = true`), else it passes through the allow-list.
pub fn to_html_with(markdown: &str, trust_html: bool) -> String {
    let events = parse(markdown);
    let plan = ids::plan_ids(&events);
    html::write(markdown.len(), events, plan, trust_html)
}

/// What `check` looks at in `markdown`, without its HTML.
pub(crate) fn inspect(markdown: &str) -> Inspection {
    let events = parse(markdown);
    let mut out = inspect::collect(&events);
    out.ids = ids::plan_ids(&events).list;
    out
}

/// Every link and image destination of `markdown` with its byte range.
pub fn links(markdown: &str) -> Vec<(Range<usize>, String)> {
    let i = inspect(markdown);
    let mut all = i.links;
    all.extend(i.images);
    all.sort_by_key(|(r, _)| r.start);
    all
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

    /// Every `id="…"` of `html`.
    fn ids(html: &str) -> Vec<&str> {
        html.split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect()
    }

    #[test]
    fn content_ids_never_take_a_theme_id_and_never_repeat() {
        let md = "# A {#isi}\n\n## B {#main}\n\n## C {#x}\n\n## D {#x}\n\n## E {#x-2}\n\n\
                  ## F {#langkah}\n\n## G {#langkah}\n\n## H {#langkah-3}\n\n\
                  Catatan[^x] dan [ke A](#isi) [ke X](#x) [luar](#cari).\n\n[^x]: Kaki.\n";
        for trust in [false, true] {
            let html = to_html_with(md, trust);
            assert_eq!(
                ids(&html),
                [
                    "konten-isi",
                    "konten-main",
                    "x",
                    "x-2",
                    "x-2-2",
                    "langkah",
                    "konten-langkah-2",
                    "konten-langkah-3",
                    "x-3",
                ],
                "{html}"
            );
            // A link to an id the fragment defines follows it when the theme
            // took it; a link to the theme's own element stays.
            assert!(html.contains("href=\"#konten-isi\""), "{html}");
            assert!(html.contains("href=\"#x\""), "{html}");
            assert!(html.contains("href=\"#cari\""), "{html}");
            // The footnote reference follows its renamed definition.
            assert!(html.contains("<a href=\"#x-3\">1</a>"), "{html}");
        }
        let changed: Vec<(String, Option<IdChange>)> = inspect(md)
            .ids
            .into_iter()
            .map(|c| (c.given.clone(), c.change()))
            .collect();
        assert_eq!(changed[0], ("konten-isi".into(), Some(IdChange::Theme)));
        assert_eq!(changed[2], ("x".into(), None));
        assert_eq!(changed[3], ("x-2".into(), Some(IdChange::Repeated)));
        assert_eq!(changed[8], ("x-3".into(), Some(IdChange::Repeated)));
        assert_eq!(&md[inspect(md).ids[0].range.clone()], "# A {#isi}\n");
    }

    #[test]
    fn many_repeated_ids_are_numbered_in_one_pass() {
        let md = "## a {#x}\n\n".repeat(20_000) + "## b {#x-3}\n";
        let html = to_html(&md);
        let ids = ids(&html);
        assert_eq!(ids.len(), 20_001);
        assert_eq!(ids[..3], ["x", "x-2", "x-3"]);
        assert_eq!(ids[19_999], "x-20000");
        assert_eq!(ids[20_000], "x-3-2");
    }

    #[test]
    fn headings_without_an_id_get_their_texts_slug_after_written_ids() {
        let md = "## Ringkasan\n\n## 1. Siapa *yang* menandatangani?\n\n## Isi\n\n## Ringkasan\n\n### ?!\n\n## Lain {#ringkasan}\n";
        let html = to_html(md);
        assert_eq!(
            ids(&html),
            [
                "ringkasan-2",
                "1-siapa-yang-menandatangani",
                "konten-isi",
                "ringkasan-3",
                "bagian",
                "ringkasan"
            ],
            "{html}"
        );
        // Only written ids are reported when they move.
        assert!(inspect(md).ids.iter().all(|i| i.change().is_none()));
    }

    #[test]
    fn raw_html_ids_are_claimed_too_and_theme_classes_dropped_unless_trusted() {
        let md = "## Judul {#bab .skip .peta}\n\n<div id=\"isi\" class=\"ks-sr peta badge-berlaku\">a</div>\n\n\
                  <h2 id=\"bab\">b</h2>\n\n| a |\n|:-:|\n| 1 |\n\nx[^n]\n\n[^n]: y\n\n```rust\nfn\n```\n";
        let html = to_html(md);
        assert_eq!(ids(&html), ["bab", "konten-isi", "bab-2", "n"], "{html}");
        assert!(html.contains("<h2 id=\"bab\" class=\"peta\">"), "{html}");
        assert!(
            html.contains("<div id=\"konten-isi\" class=\"peta\">"),
            "{html}"
        );
        for kept in [
            "class=\"rata-tengah\"",
            "class=\"footnote-definition\"",
            "class=\"footnote-reference\"",
            "class=\"language-rust\"",
        ] {
            assert!(html.contains(kept), "{kept} in {html}");
        }
        // Without raw HTML, the same rule applies to heading classes.
        let html = to_html("# A {.skip .peta .ks-aktif}\n");
        assert_eq!(html, "<h1 id=\"a\" class=\"peta\">A</h1>\n");
        // Trusted HTML is as written; Markdown ids are still made unique.
        let html = to_html_with(md, true);
        assert!(
            html.contains("<h2 id=\"bab\" class=\"skip peta\">"),
            "{html}"
        );
        assert!(
            html.contains("<div id=\"isi\" class=\"ks-sr peta badge-berlaku\">"),
            "{html}"
        );
    }

    #[test]
    fn lists_images_and_raw_html_with_their_ranges() {
        let md = "![a](//x.id/a.png) [b](//y.id/)\n\n<div>\n<img src=//z.id/z.png>\n</div>\n\nteks <img src=/s.png> akhir\n";
        let imgs = inspect(md).images;
        assert_eq!(imgs.len(), 1);
        assert_eq!(imgs[0].1, "//x.id/a.png");
        let raw: Vec<&str> = inspect(md).raw_html.into_iter().map(|r| &md[r]).collect();
        assert_eq!(
            raw,
            [
                "<div>\n<img src=//z.id/z.png>\n</div>\n",
                "<img src=/s.png>"
            ]
        );
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

    /// The one pass gives what the HTML pass and the inspection give alone.
    #[test]
    fn one_pass_gives_the_html_and_the_inspection() {
        let md = "# A {#isi}\n\n[x](#isi) [j](javascript:x) ![i](//a.id/i.png)\n\n\
                  <div id=\"isi\"><img src=//b.id/b.png></div>\n\nx[^n] <b>c</b>\n\n[^n]: y\n";
        for trust in [false, true] {
            let d = render(md, trust);
            assert_eq!(d.html, to_html_with(md, trust));
            assert_eq!(format!("{:?}", d.inspection), format!("{:?}", inspect(md)));
        }
    }

    #[test]
    fn template_fields_become_placeholders_and_the_body_is_inspected_as_written() {
        let body = "## {{ a }} {#isi}\n\n[x]({{b}}) {{ c }} {{d}}\n";
        let field = |id: &str| ["a", "b"].iter().position(|f| *f == id);
        let d = render_template(body, field, false);
        let md = "## \u{E000}0\u{E001} {#isi}\n\n[x](\u{E000}1\u{E001}) {{ c }} {{ d }}\n";
        assert_eq!(d.html, to_html_with(md, false));
        assert_eq!(
            format!("{:?}", d.inspection),
            format!("{:?}", inspect(body))
        );
        assert_eq!(d.inspection.links[0].1, "{{b}}");
        // No marker to replace: one parse gives both.
        let d = render_template("[x](#y) {{ c }}\n", field, false);
        assert_eq!(d.html, to_html_with("[x](#y) {{ c }}\n", false));
    }
}
