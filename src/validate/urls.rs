//! Checks on the links and resources of Markdown bodies and front-matter
//! link fields, located at the link:
//!
//! - `URL001` (error): links that could run code (`javascript:`,
//!   `vbscript:`, `data:` and every scheme not on the allow-list);
//! - `URL002` (warning): images, frames and other resources the browser
//!   would load by itself from another host (a public government page
//!   should not tell third parties who reads it; a strict
//!   Content-Security-Policy blocks them anyway);
//! - `URL003` (warning): a heading or footnote id the theme uses or the
//!   page has already, published under another id (`markdown`).

mod html;

use crate::diag::{Diagnostic, FileId, Span};
use crate::load::Input;
use crate::markdown::{self, IdChange};
use crate::tr;
use std::ops::Range;

/// Schemes a published link may use (the same list ammonia allows in raw
/// HTML); a link without a scheme (a path, `#anchor`) is always fine.
pub(crate) const SAFE_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "ftp", "ftps", "geo", "irc", "ircs", "magnet", "news",
    "nntp", "sip", "sms", "smsto", "ssh", "webcal", "xmpp",
];

/// The scheme of `url` in lower case, read as a browser does: leading
/// spaces and control characters are skipped and tabs and line breaks
/// anywhere are ignored (`java\tscript:` is `javascript:` to a browser).
pub(crate) fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find(':')?;
    let s = &cleaned[..end];
    let valid = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| s.to_ascii_lowercase())
}

/// True when a link to `url` cannot run code when followed.
pub(crate) fn is_safe(url: &str) -> bool {
    match scheme(url) {
        // No scheme: a path, a query or an anchor on this site.
        None => true,
        Some(s) => SAFE_SCHEMES.contains(&s.as_str()),
    }
}

/// True for an absolute `http://` or `https://` URL.
pub(crate) fn is_http(url: &str) -> bool {
    matches!(scheme(url).as_deref(), Some("http" | "https"))
}

/// The host of the site's own `base_url`, when it is an absolute
/// `http(s)` URL: images from it are not from another host.
pub(crate) fn site_host(input: &Input) -> Option<String> {
    let base = input.config.as_ref()?.1.base_url.as_deref()?;
    is_http(base).then(|| host_of(base)).flatten()
}

/// The host (lower case, no user or port) of an absolute or
/// scheme-relative URL, as a browser reads it (`\` is `/`).
fn host_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let rest = match scheme(&cleaned) {
        Some(s) => &cleaned[s.len() + 1..],
        None => cleaned.strip_prefix("//")?,
    };
    let authority = rest
        .trim_start_matches('/')
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    Some(host.trim_end_matches('.').to_ascii_lowercase())
}

/// True when a browser would fetch `url` from a host other than `site`:
/// an absolute URL (any scheme that can fetch) or a scheme-relative one
/// (`//host/x`, also written `\\host/x`). Paths on this site are never.
pub(crate) fn other_host(url: &str, site: Option<&str>) -> bool {
    if !is_safe(url) {
        return false; // URL001 already; the renderer drops it
    }
    let relative = scheme(url).is_none();
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if relative
        && !(cleaned.starts_with("//") || cleaned.starts_with("/\\") || cleaned.starts_with("\\"))
    {
        return false;
    }
    match (host_of(url), site) {
        (Some(h), Some(site)) => h != site,
        _ => true,
    }
}

/// Everything `check` finds in one Markdown body, with byte ranges in the
/// body: `URL001`, `URL002` and `URL003` (see the module comment). `site`
/// is `site_host`; `trust_html` says whether raw HTML reaches the page as
/// written (then every loading tag counts) or sanitised (only `<img>`).
pub(crate) fn body_findings(
    body: &str,
    site: Option<&str>,
    trust_html: bool,
) -> Vec<(Range<usize>, Diagnostic)> {
    let mut out = Vec::new();
    let found = markdown::inspect(body);
    let mut links: Vec<&(Range<usize>, String)> = found.links.iter().chain(&found.images).collect();
    links.sort_by_key(|(r, _)| r.start);
    for (range, url) in links {
        if !is_safe(url) {
            out.push((range.clone(), unsafe_link(url, "markdown")));
        }
    }
    for (range, url) in &found.images {
        if other_host(url, site) {
            let at = url_in(body, range, url);
            out.push((at, third_party(url, "![…](…)")));
        }
    }
    for chunk in found.raw_html {
        for load in html::loads(&body[chunk.clone()], trust_html) {
            if other_host(&load.url, site) {
                let at = chunk.start + load.range.start..chunk.start + load.range.end;
                out.push((at, third_party(&load.url, &load.what)));
            }
        }
    }
    for id in found.ids {
        if let Some(change) = id.change() {
            let at = url_in(body, &id.range, &id.wanted);
            out.push((at, moved_id(&id, change)));
        }
    }
    out
}

/// The range of `needle` inside `range` of `body` (the address inside
/// `![alt](address)`), else `range`.
fn url_in(body: &str, range: &Range<usize>, needle: &str) -> Range<usize> {
    body.get(range.clone())
        .filter(|_| !needle.is_empty())
        .and_then(|s| s.rfind(needle))
        .map(|i| range.start + i..range.start + i + needle.len())
        .unwrap_or_else(|| range.clone())
}

/// Reports every finding of the project's links and bodies (the bodies
/// on all cores).
pub(crate) fn check(input: &Input, diags: &mut Vec<Diagnostic>) {
    use rayon::prelude::*;
    let site = site_host(input);
    let trust = input.trust_html();
    let mut bodies: Vec<(FileId, &str, usize)> = Vec::new();
    bodies.extend(
        input
            .legal
            .iter()
            .map(|l| (l.doc.file, l.body.as_str(), l.body_start)),
    );
    bodies.extend(
        input
            .templat
            .iter()
            .map(|t| (t.doc.file, t.body.as_str(), t.body_start)),
    );
    bodies.extend(
        input
            .pengetahuan
            .iter()
            .map(|a| (a.doc.file, a.body.as_str(), a.body_start)),
    );
    bodies.extend(
        input
            .kerja_sama
            .iter()
            .map(|k| (k.doc.file, k.body.as_str(), k.body_start)),
    );
    bodies.extend(
        input
            .home
            .iter()
            .map(|h| (h.doc.file, h.body.as_str(), h.body_start)),
    );
    let found: Vec<Vec<Diagnostic>> = bodies
        .par_iter()
        .map(|&(file, text, start)| {
            body_findings(text, site.as_deref(), trust)
                .into_iter()
                .map(|(r, d)| d.at(Span::new(file, start + r.start, start + r.end)))
                .collect()
        })
        .collect();
    diags.extend(found.into_iter().flatten());
    for l in &input.legal {
        if let Some(url) = l.doc.raw.tautan.as_deref().filter(|u| !is_safe(u)) {
            diags.push(unsafe_link(url, "tautan").at_opt(l.doc.spans.get("tautan")));
        }
    }
}

fn third_party(url: &str, what: &str) -> Diagnostic {
    let shown: String = url.chars().take(80).collect();
    Diagnostic::warning(
        "URL002",
        tr!(
            "`{}` dimuat dari situs lain: pembaca halaman ini ikut dilaporkan ke situs itu",
            "`{}` is loaded from another site: that site learns who reads this page",
            shown
        ),
    )
    .label(tr!("di `{}`", "in `{}`", what))
    .help(tr!(
        "simpan berkasnya di `static/` dan rujuk dengan jalur situs (mis. `/gambar/bagan.png`); untuk bahan di situs lain, pakai tautan biasa `[teks](https://…)`",
        "put the file in `static/` and use a site path (e.g. `/gambar/bagan.png`); for material on another site, use a plain link `[text](https://…)`"
    ))
}

fn moved_id(id: &markdown::ContentId, change: IdChange) -> Diagnostic {
    let msg = match change {
        IdChange::Theme => tr!(
            "id `{}` dipakai tema situs; diterbitkan sebagai `{}`",
            "id `{}` is used by the site's theme; published as `{}`",
            id.wanted,
            id.given
        ),
        IdChange::Repeated => tr!(
            "id `{}` sudah dipakai di halaman ini; yang ini diterbitkan sebagai `{}`",
            "id `{}` is already used on this page; this one is published as `{}`",
            id.wanted,
            id.given
        ),
    };
    Diagnostic::warning("URL003", msg).help(tr!(
        "pilih id lain yang unik di halaman ini, mis. `{{#tahap-penawaran}}`; tautan `#{}` di halaman ini sudah diarahkan ke id baru bila id ini dipakai tema",
        "choose another id, unique on this page, e.g. `{{#tahap-penawaran}}`; links `#{}` on this page already follow the new id when the theme uses this one",
        id.wanted
    ))
}

fn unsafe_link(url: &str, field: &str) -> Diagnostic {
    let shown: String = url.chars().take(60).collect();
    Diagnostic::error(
        "URL001",
        tr!(
            "tautan `{}` ditolak: skema ini dapat menjalankan kode",
            "link `{}` refused: this scheme can run code",
            shown
        ),
    )
    .label(tr!("di `{}`", "in `{}`", field))
    .help(tr!(
        "gunakan https://..., mailto:..., atau jalur di situs ini (mis. /dasar-hukum/pp-28-2018/)",
        "use https://..., mailto:..., or a path on this site (e.g. /dasar-hukum/pp-28-2018/)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_script_schemes_however_they_are_spelled() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/svg+xml;base64,AAAA",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe(bad), "{bad:?}");
        }
        for good in [
            "https://peraturan.bpk.go.id/Details/1",
            "http://x.id",
            "mailto:a@b.id",
            "/dasar-hukum/pp-28-2018/",
            "../istilah/#pks",
            "#langkah-3",
            "berkas.pdf",
            "/a:b",
            "?q=a:b",
        ] {
            assert!(is_safe(good), "{good:?}");
        }
        assert!(is_http("HTTPS://x.id") && !is_http("/x"));
    }

    #[test]
    fn tells_other_hosts_from_this_site_as_a_browser_would() {
        let site = Some("kb.contoh.go.id");
        for other in [
            "https://pelacak.id/p.gif",
            "HTTP://pelacak.id",
            "//pelacak.id/p.gif",
            " //pelacak.id/p.gif",
            "/\\pelacak.id/p.gif",
            "\\\\pelacak.id/p.gif",
            "/\t/pelacak.id/p.gif",
            "https://kb.contoh.go.id.pelacak.id/x",
            "https://kb.contoh.go.id@pelacak.id/x",
            "ftp://pelacak.id/x.png",
        ] {
            assert!(other_host(other, site), "{other:?}");
            assert!(other_host(other, None), "{other:?}");
        }
        for own in [
            "/gambar/a.png",
            "gambar/a.png",
            "../a.png",
            "?a=//x",
            "#a",
            "https://KB.contoh.go.id/a.png",
            "https://user@kb.contoh.go.id:443/a.png",
            "//kb.contoh.go.id/a.png",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
        ] {
            assert!(!other_host(own, site), "{own:?}");
        }
    }

    fn codes(body: &str, trust: bool) -> Vec<(&'static str, String)> {
        body_findings(body, Some("kb.id"), trust)
            .into_iter()
            .map(|(r, d)| (d.code, body[r].to_owned()))
            .collect()
    }

    #[test]
    fn reports_resources_from_other_hosts_not_links_to_them() {
        let body = "[tautan](https://bpk.go.id/) <https://bpk.go.id/>\n\n\
                    ![gambar](//pelacak.id/p.gif \"judul\") ![lokal](/a.png) ![sendiri](https://kb.id/a.png)\n\n\
                    [ref]: https://x.id/r.png\n\n![r][ref]\n\n\
                    <p><img src=\"https://y.id/i.png\"> <a href=\"https://z.id/\">z</a></p>\n\n\
                    <iframe src=\"https://video.id/e\"></iframe>\n";
        assert_eq!(
            codes(body, false),
            [
                ("URL002", "//pelacak.id/p.gif".to_owned()),
                ("URL002", "![r][ref]".to_owned()),
                ("URL002", "src".to_owned()),
            ]
        );
        // Trusted raw HTML reaches the page: the frame loads too.
        assert_eq!(codes(body, true).len(), 4);
        assert_eq!(codes(body, true)[3], ("URL002", "src".to_owned()));
        let d = &body_findings(body, None, false)[0].1;
        assert!(!d.is_error(), "a warning");
    }

    #[test]
    fn reports_ids_the_theme_uses_or_the_page_repeats() {
        let body = "## A {#isi}\n\n## B {#b}\n\n## C {#b}\n";
        assert_eq!(
            codes(body, false),
            [("URL003", "isi".to_owned()), ("URL003", "b".to_owned())]
        );
        let f = body_findings(body, None, false);
        assert_eq!(f[1].0.start, body.rfind("b}").unwrap());
        assert!(f[0].1.message.en.contains("`konten-isi`"));
        assert!(f[1].1.message.en.contains("`b-2`"));
    }
}
