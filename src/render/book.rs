//! The SOP book (`sop/buku/`, and `sop/buku/<slug>/` per issuing
//! instansi): takes the site's SOPs (drafts only when the run keeps them,
//! as every list) and promises one page per book that reads as a long page
//! on screen and prints as an A4 landscape book: cover (region, build
//! date), table of contents with page numbers, then per SOP its identity
//! page, its paginated flowchart (`swimlane::render_pages_svg`, not drawn
//! again) and its Mutu Baku table.
//!
//! Chromium does not implement CSS `target-counter()`, so the page numbers
//! of the contents are computed here: the print style sheet (`book.css`)
//! gives the cover one page, the contents `TOC_PER_PAGE` one-line entries a
//! page, each identity one page and each flowchart SVG one page (the
//! diagram's columns are the Mutu Baku on paper, as on a printed SOP page).

use super::pages::Renderer;
use super::{swimlane, Files, RenderError};
use crate::model::{registry::slug, Site, Sop};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Contents entries per printed page (one line each, `book.css`).
const TOC_PER_PAGE: usize = 18;

/// SOPs one book page holds in full. A bigger book lists its SOPs and links
/// to their pages instead: a single page of thousands of diagrams would
/// take minutes and hundreds of megabytes to write, and no one prints it.
pub(crate) const BOOK_LIMIT: usize = 200;

/// One issuing instansi: its name, its stable slug and its SOPs.
pub(crate) struct Region<'a> {
    pub instansi: &'a str,
    pub slug: String,
    pub sops: Vec<&'a Sop>,
}

/// The regions in name order. The slug is `registry::slug` of the name
/// ("instansi" when that is empty); a slug two names share gets `-2`,
/// `-3`… in name order, so a region keeps its address while its name does.
pub(crate) fn regions(site: &Site) -> Vec<Region<'_>> {
    let mut by_name: BTreeMap<&str, Vec<&Sop>> = BTreeMap::new();
    for s in &site.sops {
        by_name.entry(s.instansi.as_str()).or_default().push(s);
    }
    let slugs = unique_slugs(by_name.keys().copied());
    by_name
        .into_iter()
        .zip(slugs)
        .map(|((instansi, sops), slug)| Region {
            instansi,
            slug,
            sops,
        })
        .collect()
}

/// `registry::slug` of each name, "instansi" for an empty one, `-2`, `-3`…
/// added to a slug an earlier name took.
fn unique_slugs<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    names
        .map(|name| {
            let base = match slug(name) {
                s if s.is_empty() => "instansi".to_owned(),
                s => s,
            };
            let mut s = base.clone();
            let mut n = 1;
            while !taken.insert(s.clone()) {
                n += 1;
                s = format!("{base}-{n}");
            }
            s
        })
        .collect()
}

/// The URL path of a book (`None`: the whole site's).
pub(crate) fn path_of(region: Option<&Region>) -> String {
    match region {
        Some(r) => format!("sop/buku/{}/", r.slug),
        None => "sop/buku/".to_owned(),
    }
}

pub(super) fn render_all(r: &Renderer, files: &mut Files) -> Result<(), RenderError> {
    let regions = regions(r.site);
    let all: Vec<&Sop> = r.site.sops.iter().collect();
    let names: Vec<&str> = regions.iter().map(|g| g.instansi).collect();
    let mut ctx = r.context();
    let mut write = |path: String, title: String, view: Value| -> Result<(), RenderError> {
        let html = r.render_in(&mut ctx, "sop_book.html", &path, title, None, view)?;
        files.insert(format!("{path}index.html"), html);
        Ok(())
    };
    let title = r.t("buku_sop");
    write(path_of(None), title, book(r, &names, &all, &regions))?;
    for g in &regions {
        let title = format!("{} · {}", r.t("buku_sop"), g.instansi);
        write(
            path_of(Some(g)),
            title,
            book(r, &[g.instansi], &g.sops, &[]),
        )?;
    }
    Ok(())
}

/// One book's view: `names` on the cover, `sops` inside, `regions` the
/// per-region books it links to (the whole site's book only).
fn book(r: &Renderer, names: &[&str], sops: &[&Sop], regions: &[Region]) -> Value {
    let site = r.site;
    let base = &site.config.base_url;
    let full = sops.len() <= BOOK_LIMIT;
    let toc_pages = sops.len().div_ceil(TOC_PER_PAGE).max(1);
    // Cover, then the contents, then each SOP from its identity page.
    let mut page = 1 + toc_pages + 1;
    let mut toc = Vec::new();
    let mut chapters = Vec::new();
    for (i, sop) in sops.iter().enumerate() {
        let anchor = format!("buku-{}", sop.id);
        let pages = if full { flow_pages(r, sop) } else { Vec::new() };
        toc.push(json!({
            "n": i + 1,
            "nama": sop.nama,
            "instansi": sop.instansi,
            "url": if full { format!("#{anchor}") } else { format!("{base}sop/{}/", sop.id) },
            "halaman": full.then_some(page),
        }));
        if full {
            let mut v = super::pages::sop_view(site, sop, &r.links);
            let identity = identity_pages(sop, &v);
            page += identity + pages.len();
            v["identity_pages"] = json!(identity);
            v["url"] = json!(format!("{base}sop/{}/", sop.id));
            v["flow_pages"] = json!(pages);
            chapters.push(v);
        }
    }
    let toc: Vec<Value> = toc
        .chunks(TOC_PER_PAGE)
        .map(|c| json!({ "start": c[0]["n"], "items": c }))
        .collect();
    let today = site.kerja_sama.today;
    json!({
        "regions": names,
        "tanggal": today.long(site.config.lang),
        "tanggal_iso": today,
        "jumlah": sops.len(),
        "lengkap": full,
        "batas": BOOK_LIMIT,
        "halaman": page - 1,
        "toc": toc,
        "sops": chapters,
        "buku_daerah": regions.iter().map(|g| json!({
            "instansi": g.instansi,
            "url": format!("{base}{}", path_of(Some(g))),
            "jumlah": g.sops.len(),
        })).collect::<Vec<_>>(),
    })
}

/// Printed height of a page's content (A4 landscape, `book.css` margins).
const PAGE_MM: f64 = 184.0;

/// How many pages the identity block takes in print, estimated high from
/// its text (`book.css`: 8.5 pt type, the six cells in three columns, at
/// most 45 characters and 4 mm a line there); the page reserves them
/// (`book-span-N`), so the numbers after it hold whatever the text holds
/// as long as the estimate is not short.
fn identity_pages(sop: &Sop, view: &Value) -> usize {
    let lines = |items: &mut dyn Iterator<Item = &str>, width: usize| -> usize {
        items
            .map(|t| t.chars().count().div_ceil(width).max(1))
            .sum()
    };
    let strs = |v: &Value, keys: &[&str]| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| keys.iter().find_map(|k| e[*k].as_str()).map(str::to_owned))
            .collect()
    };
    let legal = strs(&view["legal"], &["tertulis", "judul"]);
    let related = strs(&view["related"], &["teks"]);
    let cell = |items: &[String]| {
        7.0 + 4.0 * lines(&mut items.iter().map(String::as_str), 45).max(1) as f64
    };
    let row1 = [&legal, &sop.kualifikasi_pelaksana, &related].map(|c| cell(c));
    let row2 = [&sop.peralatan, &sop.peringatan, &sop.pencatatan].map(|c| cell(c));
    let max = |r: [f64; 3]| r.into_iter().fold(0.0, f64::max);
    // Title (two lines at most), part heading, the form's head (about ten
    // table rows; long names wrap at 50 characters).
    let head_texts = [Some(&sop.nama), sop.nomor.as_ref(), sop.penetapan.as_ref()];
    let head = 60.0
        + 4.0
            * head_texts
                .iter()
                .flatten()
                .map(|t| t.chars().count() / 50)
                .sum::<usize>() as f64;
    let title = 6.0 * sop.nama.chars().count().div_ceil(60).max(1) as f64 + 6.0;
    let mm = title + head + max(row1) + max(row2);
    ((mm / PAGE_MM).ceil() as usize).clamp(1, MAX_SPAN)
}

/// The most pages `book.css` can reserve for an identity (`book-span-6`).
const MAX_SPAN: usize = 6;

/// The SOP's flowchart, one A4 landscape SVG per page: the same drawing as
/// the printed SOP page (`swimlane_pages_svg`), with its lettered
/// off-page connectors.
fn flow_pages(r: &Renderer, sop: &Sop) -> Vec<String> {
    swimlane::swimlane_pages_svg(sop, r.site.config.lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_and_distinct() {
        let names = [
            "Pemerintah Kota Yogyakarta",
            "Pemerintah kota Yogyakarta",
            "—",
            "Pemerintah Kota Yogyakarta!",
        ];
        assert_eq!(
            unique_slugs(names.into_iter()),
            [
                "pemerintah-kota-yogyakarta",
                "pemerintah-kota-yogyakarta-2",
                "instansi",
                "pemerintah-kota-yogyakarta-3"
            ]
        );
    }
}
