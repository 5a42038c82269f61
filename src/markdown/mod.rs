//! Markdown to HTML with pulldown-cmark. Raw HTML in content is sanitised
//! with an allow-list (ammonia) unless the site trusts it (`trust_html`);
//! links that could run code (`javascript:`, `data:` ...) never reach the
//! page. Ids that content gives its elements (`## Judul {#id}`, footnotes,
//! raw HTML) are unique in the fragment and never one the theme uses
//! (`THEME_IDS`); classes the theme uses (`THEME_CLASSES`) are dropped from
//! content unless the site trusts its HTML.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, Mutex};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Ids the theme gives its own elements on pages that show Markdown (and
/// on the others: a theme may move things). A content id among these would
/// be a second element with the id: `#isi` (the skip link's target) or the
/// search form's ids would reach the wrong element. Generic landmark ids
/// (`main`, `content`, `top`, ...) are reserved too, for site templates in
/// `theme-overrides/`. A test checks every id of `themes/default/` is
/// covered by this list or `THEME_ID_PREFIXES`.
pub(crate) const THEME_IDS: &[&str] = &[
    // base.html, search, 404
    "isi",
    "site-search-q",
    "cari",
    "nf-q",
    // section headings of the page templates
    "dh-h",
    "diagram-h",
    "dipakai-h",
    "dokumen-h",
    "editor-h",
    "isian-h",
    "mutu-h",
    "publik-h",
    "riwayat-h",
    "sop-h",
    "staf-h",
    "steps-h",
    "sumber-h",
    // registry filters
    "f-jenis",
    "f-mitra",
    "f-opd",
    "f-status",
    "f-tahun",
    // `sopkb serve`'s error overlay
    "sopkb-overlay",
    // common landmark ids of other site templates
    "main",
    "content",
    "top",
    "header",
    "footer",
    "nav",
    "navigation",
    "search",
    "skip-link",
];

/// Prefixes of ids the theme makes from data: SOP steps (`langkah-3`),
/// template fields (`isian-nomor`), the registry (`ks-…`), search
/// (`cari-…`), charts (`grafik-…`), glossary letters (`huruf-a`), diagrams
/// (`sl-…`) and sopkb's own (`sopkb-…`).
pub(crate) const THEME_ID_PREFIXES: &[&str] = &[
    "langkah-", "isian-", "ks-", "cari-", "grafik-", "huruf-", "sl-", "sopkb-",
];

/// What a content id the theme reserves becomes: `isi` -> `konten-isi`.
/// No theme id starts with it.
pub(crate) const CONTENT_ID_PREFIX: &str = "konten-";

/// Classes of the theme's interface (`themes/default`: style sheets,
/// templates, scripts, diagrams). Content may not wear them: `ks-sr` hides
/// text from sighted readers, `skip` moves it off screen, `badge-berlaku`
/// or `ks-aktif` paint a legal or registry status, `site-header` and `hit`
/// imitate the site's own navigation and search. Other classes (for a
/// site's own style sheet) stay. A test checks the list follows the theme.
pub(crate) const THEME_CLASSES: &[&str] = &[
    "actions",
    "anchor",
    "article-list",
    "axis",
    "badge",
    "base",
    "brand",
    "button",
    "card",
    "card-meta",
    "card-title",
    "cards",
    "cell-list",
    "chart",
    "crumbs",
    "current",
    "data",
    "doc-link",
    "document",
    "downloads",
    "entry",
    "entry-points",
    "facts",
    "fields",
    "flag",
    "glossary",
    "grid",
    "group",
    "hero",
    "hint",
    "hit",
    "hit-kind",
    "hit-link",
    "hit-meta",
    "hit-snippet",
    "id-cell",
    "id-grid",
    "id-head",
    "id-instansi",
    "id-meta",
    "id-org",
    "id-unit",
    "identity",
    "isian",
    "layout",
    "lead",
    "legal-list",
    "letters",
    "meanings",
    "muted",
    "mutu",
    "mutu-table",
    "notfound-search",
    "num",
    "pager",
    "prose",
    "rata-kanan",
    "rata-kiri",
    "rata-tengah",
    "search-form",
    "search-kinds",
    "search-more",
    "search-noscript",
    "search-page",
    "search-results",
    "search-row",
    "search-status",
    "secondary",
    "site-footer",
    "site-header",
    "site-search",
    "site-search-label",
    "skip",
    "source",
    "stats",
    "step",
    "steps",
    "swimlane",
    "swimlane-page",
    "swimlane-print",
    "swimlane-screen",
    "swimlane-scroll",
    "table-scroll",
    "timeline",
    "totals",
    "value",
    "what",
    "wrap",
    "year",
];

/// Prefixes of theme classes made from data: registry (`ks-aktif`,
/// `k-ksdd`, `s-berakhir`), status badges, step kinds, diagrams, `serve`.
pub(crate) const THEME_CLASS_PREFIXES: &[&str] =
    &["ks-", "k-", "s-", "badge-", "step-", "sl-", "sopkb-"];

/// True when the theme styles or scripts elements with `class`.
pub(crate) fn is_theme_class(class: &str) -> bool {
    THEME_CLASSES.contains(&class) || THEME_CLASS_PREFIXES.iter().any(|p| class.starts_with(p))
}

/// True when the theme uses `id` (or may: see `THEME_ID_PREFIXES`).
pub(crate) fn is_theme_id(id: &str) -> bool {
    THEME_IDS.contains(&id) || THEME_ID_PREFIXES.iter().any(|p| id.starts_with(p))
}

/// Hands out the ids of one fragment: each once, never a theme id.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    /// The suffix to try next for an id asked for before: 10,000 headings
    /// `{#x}` cost 10,000 claims, not 50 million.
    next: HashMap<String, u32>,
}

impl Ids {
    /// `wanted`, else `konten-wanted` when the theme uses it, else the first
    /// free `wanted-2`, `wanted-3`, ... (as GitHub numbers repeated anchors).
    fn claim(&mut self, wanted: &str) -> String {
        let mut n = self.next.get(wanted).copied().unwrap_or(1);
        loop {
            let id = match n {
                1 => wanted.to_owned(),
                _ => format!("{wanted}-{n}"),
            };
            let id = if is_theme_id(&id) {
                format!("{CONTENT_ID_PREFIX}{id}")
            } else {
                id
            };
            if self.taken.insert(id.clone()) {
                self.next.insert(wanted.to_owned(), n.saturating_add(1));
                return id;
            }
            n = n.saturating_add(1);
        }
    }
}

/// Why a content id was changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdChange {
    /// The theme uses it.
    Theme,
    /// An element before it in the same page has it.
    Repeated,
}

/// One id as written and as published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ContentId {
    /// Byte range of the element that asks for it (heading, footnote).
    pub range: Range<usize>,
    pub wanted: String,
    pub given: String,
}

impl ContentId {
    pub(crate) fn change(&self) -> Option<IdChange> {
        if self.given == self.wanted {
            None
        } else if self.given == format!("{CONTENT_ID_PREFIX}{}", self.wanted) {
            Some(IdChange::Theme)
        } else {
            Some(IdChange::Repeated)
        }
    }
}

/// The ids of a fragment's events, decided before any is written (a
/// footnote is referenced before it is defined).
#[derive(Default)]
struct IdPlan {
    /// Event index -> id, for headings with `{#id}` and footnote definitions.
    at: HashMap<usize, String>,
    /// Footnote label -> the id of its (first) definition.
    footnotes: HashMap<String, String>,
    /// `wanted -> given` for the first element asking for `wanted`, when
    /// the theme's id made it move: `[x](#wanted)` in the fragment follows.
    moved: HashMap<String, String>,
    list: Vec<ContentId>,
    /// Every id handed out: raw HTML's ids are claimed after these.
    ids: Ids,
}

fn plan_ids(events: &[(Event<'_>, Range<usize>)]) -> IdPlan {
    let mut plan = IdPlan::default();
    let ids = &mut plan.ids;
    let mut seen = HashSet::new();
    for (i, (ev, range)) in events.iter().enumerate() {
        let wanted = match ev {
            Event::Start(Tag::Heading { id: Some(id), .. }) if !id.is_empty() => id,
            Event::Start(Tag::FootnoteDefinition(label)) => label,
            _ => continue,
        };
        let given = ids.claim(wanted);
        if let Event::Start(Tag::FootnoteDefinition(label)) = ev {
            plan.footnotes
                .entry(label.to_string())
                .or_insert_with(|| given.clone());
        }
        let first = seen.insert(wanted.to_string());
        if first && given != **wanted {
            plan.moved.insert(wanted.to_string(), given.clone());
        }
        plan.list.push(ContentId {
            range: range.clone(),
            wanted: wanted.to_string(),
            given: given.clone(),
        });
        plan.at.insert(i, given);
    }
    plan
}

/// Markdown to HTML, raw HTML sanitised: what every page uses by default.
#[cfg(test)]
pub(crate) fn to_html(markdown: &str) -> String {
    to_html_with(markdown, false)
}

/// Markdown to HTML; `trust_html` keeps raw HTML as written (`sopkb.toml`:
/// `trust_html = true`), else it passes through the allow-list.
pub fn to_html_with(markdown: &str, trust_html: bool) -> String {
    let parsed: Vec<_> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();
    let mut plan = plan_ids(&parsed);
    let ids = std::mem::take(&mut plan.ids);
    let mut raw = false;
    let events = parsed.into_iter().enumerate().map(|(i, (ev, _))| match ev {
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
            dest_url: defuse(follow_moved(dest_url, &plan.moved)),
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
        // `{#id}` stays (made unique); `{.class}` unless the theme uses it
        // (all on a trusted site); `{onclick=...}` would be an event handler.
        Event::Start(Tag::Heading {
            level, mut classes, ..
        }) => {
            if !trust_html {
                classes.retain(|c| !is_theme_class(c));
            }
            Event::Start(Tag::Heading {
                level,
                id: plan.at.get(&i).map(|id| CowStr::from(id.clone())),
                classes,
                attrs: Vec::new(),
            })
        }
        Event::Start(Tag::FootnoteDefinition(label)) => Event::Start(Tag::FootnoteDefinition(
            plan.at.get(&i).map_or(label, |id| CowStr::from(id.clone())),
        )),
        Event::FootnoteReference(label) => Event::FootnoteReference(
            plan.footnotes
                .get(label.as_ref())
                .map_or(label, |id| CowStr::from(id.clone())),
        ),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    let out = align_classes(&out);
    if raw && !trust_html {
        let ours: HashSet<String> = plan.at.into_values().collect();
        sanitiser(ours, ids).clean(&out).to_string()
    } else {
        out
    }
}

/// `#wanted` in a fragment whose element `wanted` moved (the theme uses
/// the id) follows it: the author meant their own element.
fn follow_moved<'a>(url: CowStr<'a>, moved: &HashMap<String, String>) -> CowStr<'a> {
    match url.strip_prefix('#').and_then(|f| moved.get(f)) {
        Some(id) => CowStr::from(format!("#{id}")),
        None => url,
    }
}

/// What `check` looks at in a body, from one parse: link and image
/// destinations, raw HTML, and the ids the body gives its elements; each
/// with its byte range.
#[derive(Debug, Default)]
pub(crate) struct Inspection {
    /// Link destinations (`[t](url)`, `<url>`, references).
    pub links: Vec<(Range<usize>, String)>,
    /// Image destinations: pictures the browser loads by itself.
    pub images: Vec<(Range<usize>, String)>,
    /// Raw HTML: whole HTML blocks, and each inline tag.
    pub raw_html: Vec<Range<usize>>,
    /// Ids of headings (`{#id}`) and footnotes, as written and as
    /// published, in document order.
    pub ids: Vec<ContentId>,
}

pub(crate) fn inspect(markdown: &str) -> Inspection {
    let events: Vec<_> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();
    let mut out = Inspection::default();
    let mut block: Option<usize> = None;
    for (ev, range) in &events {
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.links.push((range.clone(), dest_url.to_string()))
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.images.push((range.clone(), dest_url.to_string()))
            }
            Event::Start(Tag::HtmlBlock) => block = Some(range.start),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(start) = block.take() {
                    out.raw_html.push(start..range.end.max(start));
                }
            }
            Event::InlineHtml(_) => out.raw_html.push(range.clone()),
            Event::Html(_) if block.is_none() => out.raw_html.push(range.clone()),
            _ => {}
        }
    }
    out.ids = plan_ids(&events).list;
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

/// Classes sopkb's own Markdown output carries (footnotes, table cell
/// alignment, a code block's language); any other class came from content.
fn generated_class(element: &str, class: &str) -> bool {
    matches!(
        class,
        "footnote-definition"
            | "footnote-definition-label"
            | "footnote-reference"
            | "rata-kiri"
            | "rata-tengah"
            | "rata-kanan"
    ) || (element == "code" && class.starts_with("language-"))
}

/// The allow-list for raw HTML: what Markdown itself can produce, plus
/// common inline formatting; no scripts, styles, forms, frames or event
/// handlers, and links only with the schemes of `validate::urls`. `ours`
/// holds the ids the fragment's Markdown was given (`ids` hands out the
/// rest): each keeps its id once; any other `id` (raw HTML's) is claimed
/// like a Markdown one, so it never repeats nor takes a theme id. Classes
/// the theme uses are dropped unless sopkb wrote them itself.
fn sanitiser(ours: HashSet<String>, ids: Ids) -> ammonia::Builder<'static> {
    let state = Arc::new(Mutex::new((ours, ids)));
    let mut b = ammonia::Builder::empty();
    b.attribute_filter(move |element, attribute, value| match attribute {
        "id" => {
            let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
            let (ours, ids) = &mut *state;
            if ours.remove(value) {
                Some(value.into())
            } else if value.is_empty() {
                None
            } else {
                Some(ids.claim(value).into())
            }
        }
        "class" => {
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|c| generated_class(element, c) || !is_theme_class(c))
                .collect();
            (!kept.is_empty()).then(|| kept.join(" ").into())
        }
        _ => Some(value.into()),
    });
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
        assert_eq!(html, "<h1 class=\"peta\">A</h1>\n");
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

    /// The reserved ids follow the theme: every id `themes/default` writes
    /// or its scripts look up is a theme id, and none is a content id.
    #[test]
    fn every_id_of_the_default_theme_is_reserved() {
        let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut texts = Vec::new();
        for dir in ["templates", "static"] {
            for e in std::fs::read_dir(theme.join(dir)).unwrap() {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                texts.push((name, std::fs::read_to_string(&p).unwrap_or_default()));
            }
        }
        texts.push((
            "overlay.rs".into(),
            include_str!("../serve/overlay.rs").to_owned(),
        ));
        let mut seen = 0;
        for (name, text) in &texts {
            let found = text
                .split("id=\"")
                .skip(1)
                .chain(text.split("getElementById(").skip(1))
                .map(|s| s.trim_start_matches(['\'', '"']))
                .map(|s| &s[..s.find(['"', '\'']).unwrap_or(s.len())]);
            for id in found {
                seen += 1;
                match id.find("{{") {
                    None => assert!(is_theme_id(id), "{name}: `{id}` is not reserved"),
                    Some(0) => assert!(
                        // Chart figures (`grafik-…-fig`) and glossary anchors:
                        // the glossary page shows no Markdown.
                        id.starts_with("{{ c.id }}")
                            || (name == "glossary.html" && id.ends_with("anchor }}")),
                        "{name}: `{id}` is made from data: reserve its prefix"
                    ),
                    Some(i) => assert!(
                        THEME_ID_PREFIXES.iter().any(|p| id[..i].starts_with(p)),
                        "{name}: `{id}` has no reserved prefix"
                    ),
                }
                assert!(!id.starts_with(CONTENT_ID_PREFIX), "{name}: `{id}`");
            }
        }
        assert!(seen > 40, "ids found: {seen}");
        // Classes: style sheet selectors, template attributes, script names.
        let mut classes = 0;
        for (name, text) in &texts {
            let mut found: Vec<String> = Vec::new();
            if name.ends_with(".css") {
                let rules = text.split('{').map(|r| r.rsplit('}').next().unwrap_or(""));
                for selector in rules {
                    for part in selector.split('.').skip(1) {
                        let c: String = part
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                            .collect();
                        if c.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                            found.push(c);
                        }
                    }
                }
            }
            for attr in text
                .split("class=\"")
                .skip(1)
                .chain(text.split("className = \"").skip(1))
            {
                let value = &attr[..attr.find('"').unwrap_or(0)];
                // Template code goes: `{% if %}` entirely, `{{ x }}` as a mark.
                let value: String = value
                    .split("{%")
                    .map(|s| s.rsplit("%}").next().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(" ");
                let value: String = value
                    .split("{{")
                    .enumerate()
                    .map(|(i, s)| match i {
                        0 => s.to_owned(),
                        _ => format!("\u{1}{}", s.split_once("}}").map_or("", |p| p.1)),
                    })
                    .collect();
                for token in value.split_whitespace() {
                    // `ks-{{ status }}`: the literal prefix is what counts.
                    let literal = token.split('\u{1}').next().unwrap_or("");
                    if !literal.is_empty() {
                        found.push(literal.to_owned());
                    }
                }
            }
            for c in found {
                classes += 1;
                let dynamic = c.ends_with('-');
                assert!(
                    if dynamic {
                        THEME_CLASS_PREFIXES.iter().any(|p| c.starts_with(p))
                    } else {
                        is_theme_class(&c)
                    },
                    "{name}: class `{c}` is not in THEME_CLASSES"
                );
            }
        }
        assert!(classes > 100, "classes found: {classes}");
        assert!(THEME_ID_PREFIXES
            .iter()
            .chain(THEME_IDS)
            .all(|p| !CONTENT_ID_PREFIX.starts_with(p) && !p.starts_with(CONTENT_ID_PREFIX)));
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
}
