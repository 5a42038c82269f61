//! Checks on the links and resources of Markdown bodies and front-matter
//! link fields, located at the link, against the URL policy of
//! `markdown::urls`:
//!
//! - `URL001` (error): links that could run code (`javascript:`,
//!   `vbscript:`, `data:` and every scheme not on the allow-list);
//! - `URL002` (warning): images, frames and other resources the browser
//!   would load by itself from another host (a public government page
//!   should not tell third parties who reads it; a strict
//!   Content-Security-Policy blocks them anyway);
//! - `URL003` (warning): a heading or footnote id the theme uses or the
//!   page has already, published under another id (`markdown`).
//!
//! The bodies validate turns into HTML are checked from that same pass
//! (`markdown::render`); only the others are parsed here.

use crate::diag::{Diagnostic, FileId, Span};
use crate::load::Input;
use crate::markdown::urls::{host_of, html, is_http, is_safe, other_host};
use crate::markdown::{self, ContentId, IdChange, Inspection};
use crate::tr;
use std::ops::Range;

/// The host of the site's own `base_url`, when it is an absolute
/// `http(s)` URL: images from it are not from another host.
pub(crate) fn site_host(input: &Input) -> Option<String> {
    let base = input.config.as_ref()?.1.base_url.as_deref()?;
    is_http(base).then(|| host_of(base)).flatten()
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
    findings(body, markdown::inspect(body), site, trust_html)
}

/// `body_findings` from what the Markdown pass `found` in `body`.
fn findings(
    body: &str,
    found: Inspection,
    site: Option<&str>,
    trust_html: bool,
) -> Vec<(Range<usize>, Diagnostic)> {
    let mut out = Vec::new();
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

/// What the Markdown pass found in the bodies validate turns into HTML,
/// each list in the order of its kind in `Input`.
pub(crate) struct Inspected {
    pub legal: Vec<Inspection>,
    pub templat: Vec<Inspection>,
    pub pengetahuan: Vec<Inspection>,
    pub home: Option<Inspection>,
}

/// Reports every finding of the project's links and bodies (the bodies
/// on all cores): from `inspected`, and for registry entries, whose HTML
/// the registry makes, from a parse here.
pub(crate) fn check(input: &Input, inspected: Inspected, diags: &mut Vec<Diagnostic>) {
    use rayon::prelude::*;
    let site = site_host(input);
    let trust = input.trust_html();
    type Body<'a> = (FileId, &'a str, usize, Option<Inspection>);
    let mut bodies: Vec<Body> = Vec::new();
    // A body without an inspection (none is) would be parsed below.
    let found = |list: Vec<Inspection>| {
        list.into_iter()
            .map(Some)
            .chain(std::iter::repeat_with(|| None))
    };
    bodies.extend(
        input
            .legal
            .iter()
            .zip(found(inspected.legal))
            .map(|(l, i)| (l.doc.file, l.body.as_str(), l.body_start, i)),
    );
    bodies.extend(
        input
            .templat
            .iter()
            .zip(found(inspected.templat))
            .map(|(t, i)| (t.doc.file, t.body.as_str(), t.body_start, i)),
    );
    bodies.extend(
        input
            .pengetahuan
            .iter()
            .zip(found(inspected.pengetahuan))
            .map(|(a, i)| (a.doc.file, a.body.as_str(), a.body_start, i)),
    );
    bodies.extend(
        input
            .kerja_sama
            .iter()
            .map(|k| (k.doc.file, k.body.as_str(), k.body_start, None)),
    );
    bodies.extend(
        input
            .home
            .iter()
            .zip([inspected.home])
            .map(|(h, i)| (h.doc.file, h.body.as_str(), h.body_start, i)),
    );
    let found: Vec<Vec<Diagnostic>> = bodies
        .into_par_iter()
        .map(|(file, text, start, inspection)| {
            let inspection = inspection.unwrap_or_else(|| markdown::inspect(text));
            findings(text, inspection, site.as_deref(), trust)
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

fn moved_id(id: &ContentId, change: IdChange) -> Diagnostic {
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
