//! `sitemap.xml` (every HTML page rendered so far), `robots.txt` and the
//! Atom `feed.xml` of templates and articles by `diperbarui`. Deterministic:
//! dates come from the content (or `build_date`), never from the clock.

use super::Files;
use crate::model::{knowledge::anchor_of, Site};
use sopkb_search::escape::xml;
use std::collections::BTreeMap;

/// How many entries the feed keeps.
const FEED_LEN: usize = 50;

pub(crate) fn render_all(site: &Site, files: &mut Files) {
    let sitemap = sitemap(site, files);
    files.insert("sitemap.xml".into(), sitemap.into_bytes());
    files.insert("robots.txt".into(), robots(site).into_bytes());
    files.insert("feed.xml".into(), feed(site).into_bytes());
}

pub(crate) fn is_absolute(base_url: &str) -> bool {
    base_url.starts_with("https://") || base_url.starts_with("http://")
}

/// The URL of an output file: `a/index.html` -> `<base>a/`.
fn page_url(base: &str, path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("{base}{dir}"),
        None => format!("{base}{path}"),
    }
}

/// Every HTML page except `404.html`, with `lastmod` where the content has
/// a date. The sitemaps.org protocol wants absolute URLs: with a path-only
/// `base_url` the locations are root-relative (see README, "Output").
fn sitemap(site: &Site, files: &Files) -> String {
    let base = &site.config.base_url;
    let mut dates: BTreeMap<String, &str> = BTreeMap::new();
    for t in &site.templat {
        dates.insert(format!("templat/{}/index.html", t.id), &t.diperbarui);
    }
    for a in &site.pengetahuan {
        dates.insert(format!("pengetahuan/{}/index.html", a.id), &a.diperbarui);
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in files.keys() {
        if !path.ends_with(".html") || path == "404.html" || !path.ends_with("index.html") {
            continue;
        }
        out.push_str("  <url><loc>");
        out.push_str(&xml(&page_url(base, path)));
        out.push_str("</loc>");
        if let Some(d) = dates.get(path.as_str()) {
            out.push_str(&format!("<lastmod>{}</lastmod>", xml(d)));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// Crawlers read `robots.txt` only at the root of a host, and the `Sitemap:`
/// line must be an absolute URL: it is written only when `base_url` is absolute.
fn robots(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if base.starts_with("http://") || base.starts_with("https://") {
        out.push_str(&format!("\nSitemap: {base}sitemap.xml\n"));
    }
    out
}

struct Entry {
    kind: &'static str,
    id: String,
    title: String,
    summary: String,
    date: String,
    path: String,
}

fn feed(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut entries: Vec<Entry> = site
        .templat
        .iter()
        .map(|t| Entry {
            kind: "templat",
            id: t.id.clone(),
            title: t.judul.clone(),
            summary: t.ringkasan.clone(),
            date: t.diperbarui.clone(),
            path: format!("templat/{}/", t.id),
        })
        .chain(site.pengetahuan.iter().map(|a| Entry {
            kind: "pengetahuan",
            id: a.id.clone(),
            title: a.judul.clone(),
            summary: a.ringkasan.clone(),
            date: a.diperbarui.clone(),
            path: format!("pengetahuan/{}/", a.id),
        }))
        .collect();
    // Newest first; ties by kind and id so the order is stable.
    entries.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then(a.kind.cmp(b.kind))
            .then(a.id.cmp(&b.id))
    });
    entries.truncate(FEED_LEN);
    let updated = entries
        .first()
        .map(|e| e.date.clone())
        .or_else(|| site.config.build_date.clone())
        .unwrap_or_else(|| "1970-01-01".into());
    let slug = anchor_of(&site.config.title);
    let id_of = |path: &str| {
        if is_absolute(base) {
            format!("{base}{path}")
        } else {
            let rest = path.trim_end_matches('/').replace('/', ":");
            if rest.is_empty() {
                format!("urn:sopkb:{slug}")
            } else {
                format!("urn:sopkb:{slug}:{rest}")
            }
        }
    };
    let lang = match site.config.lang {
        crate::diag::Lang::Id => "id",
        crate::diag::Lang::En => "en",
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{}</title>\n",
        xml(&site.config.title)
    );
    if !site.config.description.is_empty() {
        out.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml(&site.config.description)
        ));
    }
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}T00:00:00Z</updated>\n  <author><name>{}</name></author>\n  <generator>sopkb</generator>\n",
        xml(base),
        xml(base),
        xml(&id_of("")),
        xml(&updated),
        xml(&site.config.title)
    ));
    for e in &entries {
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}T00:00:00Z</updated>\n    <category term=\"{}\"/>\n    <summary>{}</summary>\n  </entry>\n",
            xml(&e.title),
            xml(&format!("{base}{}", e.path)),
            xml(&id_of(&e.path)),
            xml(&e.date),
            e.kind,
            xml(&e.summary)
        ));
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_drop_index_html() {
        assert_eq!(page_url("/kb/", "index.html"), "/kb/");
        assert_eq!(
            page_url("https://x.id/", "sop/a/index.html"),
            "https://x.id/sop/a/"
        );
    }

    #[test]
    fn absolute_base_urls_are_recognised() {
        assert!(is_absolute("https://x.id/kb/"));
        assert!(!is_absolute("/kb/"));
    }
}
