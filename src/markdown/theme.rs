//! What the theme reserves in content: the ids its own elements carry and
//! the classes its interface uses. Markdown never publishes the first and
//! drops the second (unless the site trusts its HTML).

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
    "metadata-h",
    "mutu-h",
    "pengingat-h",
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
    "f-pengingat",
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
/// (`sl-…`), the cooperation navigator (`panduan-…`), the SOP book
/// (`buku-…`) and sopkb's own (`sopkb-…`).
pub(crate) const THEME_ID_PREFIXES: &[&str] = &[
    "langkah-", "isian-", "ks-", "cari-", "grafik-", "huruf-", "sl-", "sopkb-", "panduan-", "buku-",
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
    "book",
    "book-cont",
    "book-count",
    "book-cover",
    "book-date",
    "book-flow",
    "book-hint",
    "book-identity",
    "book-kicker",
    "book-mutu",
    "book-page",
    "book-pg",
    "book-regions",
    "book-regions-nav",
    "book-sop",
    "book-toc",
    "book-toc-page",
    "book-toc-region",
    "book-toc-title",
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
    "draft-banner",
    "edit-link",
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
    "panduan-cards",
    "panduan-cocok",
    "panduan-form",
    "panduan-hasil",
    "panduan-luar",
    "panduan-mitra",
    "panduan-status",
    "panduan-sumber",
    "panduan-toc",
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
/// `k-ksdd`, `s-berakhir`), status badges, step kinds, diagrams, `serve`,
/// the pages an SOP book reserves for an identity (`book-span-2`).
pub(crate) const THEME_CLASS_PREFIXES: &[&str] = &[
    "ks-",
    "k-",
    "s-",
    "badge-",
    "step-",
    "sl-",
    "sopkb-",
    "book-span-",
];

/// True when the theme styles or scripts elements with `class`.
pub(crate) fn is_theme_class(class: &str) -> bool {
    THEME_CLASSES.contains(&class) || THEME_CLASS_PREFIXES.iter().any(|p| class.starts_with(p))
}

/// True when the theme uses `id` (or may: see `THEME_ID_PREFIXES`).
pub(crate) fn is_theme_id(id: &str) -> bool {
    THEME_IDS.contains(&id) || THEME_ID_PREFIXES.iter().any(|p| id.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
