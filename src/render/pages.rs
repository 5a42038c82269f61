//! HTML pages: one Tera template per page kind, fed plain JSON views built
//! here. A page's context holds only what that page shows (never the whole
//! site), so rendering cost stays linear in the site size.

use super::theme::Theme;
use super::{swimlane, Files, RenderError};
use crate::model::{LegalStatus, Site, Sop};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub(crate) fn render_all(
    site: &Site,
    theme: &Theme,
    files: &mut Files,
    reuse: Option<&super::Reuse>,
    sink: Option<&dyn super::Sink>,
) -> Result<(), RenderError> {
    let r = Renderer::new(site, theme, sink);
    for (name, bytes) in &theme.assets {
        files.insert(format!("assets/{name}"), bytes.clone());
    }
    r.page_of(
        files,
        site.home.as_ref().map(|h| Origin::file(&h.file)),
        "index.html",
        "index.html",
        "",
        site.config.title.clone(),
        {
            let mut v = home(site);
            super::knowledge::extend_home(site, &mut v);
            v
        },
    )?;
    r.page(
        files,
        "404.html",
        "404.html",
        "404.html",
        r.t("tidak_ditemukan"),
        json!({}),
    )?;
    r.page(
        files,
        "search.html",
        "cari/index.html",
        "cari/",
        r.t("cari_judul"),
        super::search_assets::page_view(&site.config.base_url, &theme.strings),
    )?;
    r.page(
        files,
        "sop_list.html",
        "sop/index.html",
        "sop/",
        r.t("daftar_sop"),
        sop_list(site),
    )?;
    r.page(
        files,
        "compare.html",
        "sop/banding/index.html",
        "sop/banding/",
        r.t("banding"),
        compare(site),
    )?;
    super::book::render_all(&r, files)?;
    let span = crate::timings::span("render sops");
    let mut todo: Vec<&Sop> = Vec::new();
    for sop in &site.sops {
        if !reuse.is_some_and(|k| k.copy_sop(&sop.id, files)) {
            todo.push(sop);
        }
    }
    super::par::render_each(
        r.sink,
        &todo,
        files,
        || r.context(),
        |scratch, sop| sop_page(&r, scratch, sop),
    )?;
    drop(span);
    let span = crate::timings::span("render legal");
    r.page(
        files,
        "legal_list.html",
        "dasar-hukum/index.html",
        "dasar-hukum/",
        r.t("dasar_hukum"),
        legal_list(site),
    )?;
    super::par::render_each(
        r.sink,
        &site.legal,
        files,
        || r.context(),
        |scratch, l| {
            let path = format!("dasar-hukum/{}/", l.id);
            let html = r.render_in(
                scratch,
                "legal.html",
                &path,
                l.singkat(),
                Some(Origin::item(&l.file, l.draf)),
                legal_view(site, l),
            )?;
            Ok(vec![(format!("{path}index.html"), html)])
        },
    )?;
    drop(span);
    let span = crate::timings::span("render knowledge");
    super::knowledge::render_all(&r, files)?;
    super::panduan::render(&r, files)?;
    drop(span);
    let _span = crate::timings::span("render registry");
    super::registry::render_all(&r, files)?;
    Ok(())
}

/// The files of one SOP: its page and its diagram.
fn sop_page(
    r: &Renderer,
    scratch: &mut tera::Context,
    sop: &Sop,
) -> Result<super::par::Out, RenderError> {
    let site = r.site;
    // `swimlane_svg` and `swimlane_pages_svg`, the full layout done once.
    let lang = site.config.lang;
    let opts = swimlane::LayoutOptions::default();
    let full = swimlane::layout(sop, &opts);
    let svg = swimlane::render_svg(sop, &full, lang);
    let paged = swimlane::layout(sop, &opts.a4_landscape(full.width));
    let mut ctx = sop_view(site, sop, &r.links);
    // What search engines and link previews show: whose SOP, how long.
    ctx["og_description"] = Value::String(format!(
        "{} · {} {} · {}",
        sop.instansi,
        sop.langkah.len(),
        r.t("jumlah_langkah").to_lowercase(),
        sop.durasi.computed.format(lang)
    ));
    ctx["swimlane_svg"] = Value::String(svg.clone());
    ctx["swimlane_pages"] = json!(swimlane::render_pages_svg(sop, &paged, lang));
    let path = format!("sop/{}/", sop.id);
    let html = r.render_in(
        scratch,
        "sop.html",
        &path,
        sop.nama.clone(),
        Some(Origin::item(&sop.file, sop.draf)),
        ctx,
    )?;
    Ok(vec![
        (format!("{path}index.html"), html),
        (format!("{path}swimlane.svg"), svg.into_bytes()),
    ])
}

/// The pages of the SOPs `sops` and the articles `articles` alone, exactly
/// as `render_all` renders them (`serve` previews an edit with them).
pub(crate) fn pages_of(
    site: &Site,
    theme: &Theme,
    sops: &[&str],
    articles: &[&str],
) -> Result<Files, RenderError> {
    let r = Renderer::new(site, theme, None);
    let mut files = Files::new();
    let mut scratch = r.context();
    for id in sops {
        if let Some(sop) = site.sop(id) {
            files.extend(sop_page(&r, &mut scratch, sop)?);
        }
    }
    if !articles.is_empty() {
        files.extend(super::knowledge::article_pages(&r, articles)?);
    }
    Ok(files)
}

pub(super) struct Renderer<'a> {
    pub(super) site: &'a Site,
    theme: &'a Theme,
    /// Glossary acronyms, wrapped in `<abbr>` on first use in each page.
    abbr: super::abbr::Abbreviations,
    /// Template names for SOP step items, built once per render.
    pub(super) links: super::doclinks::DocLinks,
    /// Where per-item pages go as soon as rendered (`build`), if anywhere.
    pub(super) sink: Option<&'a dyn super::Sink>,
    /// The context every page shares (`site`, `t`), built once: cloning it
    /// is cheaper than serialising the UI strings again for each page.
    base: serde_json::Map<String, Value>,
}

/// The project file a page is built from, and whether it is a draft.
#[derive(Clone, Copy)]
pub(super) struct Origin<'a> {
    file: &'a str,
    draft: bool,
}

impl<'a> Origin<'a> {
    pub(super) fn item(file: &'a str, draft: bool) -> Origin<'a> {
        Origin { file, draft }
    }

    /// A file that cannot be a draft (the home page, the glossary).
    pub(super) fn file(file: &'a str) -> Origin<'a> {
        Origin { file, draft: false }
    }
}

/// The footer's "Cara menyunting" links: the editor guide and the format
/// reference the project holds, shown on its git host (`repo_url`).
fn guides(cfg: &crate::model::Config) -> Vec<Value> {
    let Some(repo) = &cfg.repo else {
        return Vec::new();
    };
    cfg.guides
        .iter()
        .filter_map(|path| {
            let key = if path.ends_with("PANDUAN.md") {
                "panduan_penyunting"
            } else {
                "referensi_format"
            };
            Some(json!({ "key": key, "url": repo.view_of(path)? }))
        })
        .collect()
}

impl<'a> Renderer<'a> {
    pub(super) fn new(
        site: &'a Site,
        theme: &'a Theme,
        sink: Option<&'a dyn super::Sink>,
    ) -> Renderer<'a> {
        let cfg = &site.config;
        let mut base = serde_json::Map::new();
        base.insert("site".into(), json!({
            "title": cfg.title,
            "description": cfg.description,
            "base_url": cfg.base_url,
            "lang": match cfg.lang { crate::diag::Lang::Id => "id", crate::diag::Lang::En => "en" },
            "guides": guides(cfg),
            "license": cfg.license,
            "search": super::search_assets::urls(&cfg.base_url),
            // The navigator's nav entry shows only when it exists.
            "panduan": site.panduan.is_some(),
        }));
        base.insert("t".into(), json!(theme.strings));
        Renderer {
            site,
            theme,
            abbr: super::abbr::Abbreviations::new(&site.istilah),
            links: super::doclinks::DocLinks::new(site),
            sink,
            base,
        }
    }

    pub(super) fn t(&self, key: &str) -> String {
        self.theme
            .strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    pub(super) fn page(
        &self,
        files: &mut Files,
        template: &str,
        out: &str,
        url_path: &str,
        title: String,
        view: Value,
    ) -> Result<(), RenderError> {
        self.page_of(files, None, template, out, url_path, title, view)
    }

    /// `page` for a page built from the project file `source`.
    #[allow(clippy::too_many_arguments)] // `page`'s, and the source
    pub(super) fn page_of(
        &self,
        files: &mut Files,
        source: Option<Origin>,
        template: &str,
        out: &str,
        url_path: &str,
        title: String,
        view: Value,
    ) -> Result<(), RenderError> {
        let html = self.render_in(&mut self.context(), template, url_path, title, source, view)?;
        files.insert(out.to_owned(), html);
        Ok(())
    }

    /// A context holding what every page shares; `render_in` reuses it for
    /// many pages (the UI strings are not copied again for each page).
    pub(super) fn context(&self) -> tera::Context {
        tera::Context::from_value(Value::Object(self.base.clone())).expect("an object")
    }

    /// One page's bytes, in `ctx` from `context` (thread-safe: pages render
    /// in parallel, each thread with its own context). `source` is the
    /// project file the page shows, if one: with `repo_url`, the page links
    /// to its edit page on the git host (`page.edit_url`); a draft's page
    /// carries a banner and is kept out of search engines (`page.draf`).
    pub(super) fn render_in(
        &self,
        ctx: &mut tera::Context,
        template: &str,
        url_path: &str,
        title: String,
        source: Option<Origin>,
        view: Value,
    ) -> Result<Vec<u8>, RenderError> {
        let cfg = &self.site.config;
        let edit_url = cfg
            .repo
            .as_ref()
            .zip(source)
            .map(|(repo, o)| repo.edit_of(o.file));
        let draft = source.is_some_and(|o| o.draft);
        // Replaces the previous page's `page` and `v`; moves, never copies.
        let page = json!({
            "page": {
                "title": title,
                "path": url_path,
                "url": format!("{}{}", cfg.base_url, url_path),
                "edit_url": edit_url,
                "draf": draft,
            },
            "v": view,
        });
        #[cfg(test)]
        super::theme_doc::record(self.site, template, &page);
        ctx.extend(
            tera::Context::from_value(page).map_err(|source| RenderError::Template {
                template: template.to_owned(),
                source,
            })?,
        );
        let html =
            self.theme
                .tera
                .render(template, ctx)
                .map_err(|source| RenderError::Template {
                    template: template.to_owned(),
                    source,
                })?;
        // The glossary itself defines the acronyms: no tooltips there.
        let html = if template == "glossary.html" {
            html
        } else {
            self.abbr.annotate_main(&html)
        };
        Ok(html.into_bytes())
    }
}

fn home(site: &Site) -> Value {
    json!({
        "intro_html": site.home.as_ref().map(|h| h.isi_html.clone()),
        "sop_count": site.sops.len(),
        "step_count": site.sops.iter().map(|s| s.langkah.len()).sum::<usize>(),
        "legal_count": site.legal.len(),
        "groups": sop_groups(site),
    })
}

pub(super) fn sop_summary(site: &Site, s: &Sop) -> Value {
    json!({
        "id": s.id,
        "url": format!("{}sop/{}/", site.config.base_url, s.id),
        "nama": s.nama,
        "nomor": s.nomor,
        "unit": s.unit,
        "instansi": s.instansi,
        "langkah": s.langkah.len(),
        "pelaksana": s.pelaksana.iter().map(|l| &l.nama).collect::<Vec<_>>(),
        "keputusan": s.decision_count(),
        "total": s.durasi.computed.format(site.config.lang),
        "tertulis": s.durasi.tertulis,
        "tahap": s.tahap,
    })
}

fn sop_groups(site: &Site) -> Vec<Value> {
    let mut groups: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for s in &site.sops {
        groups
            .entry(s.instansi.as_str())
            .or_default()
            .push(sop_summary(site, s));
    }
    groups
        .into_iter()
        .map(|(instansi, sops)| json!({ "instansi": instansi, "sops": sops }))
        .collect()
}

/// The SOP list: the groups, each with its region's book.
fn sop_list(site: &Site) -> Value {
    let base = &site.config.base_url;
    let books: BTreeMap<&str, String> = super::book::regions(site)
        .iter()
        .map(|g| (g.instansi, super::book::path_of(Some(g))))
        .collect();
    let mut groups = sop_groups(site);
    for g in &mut groups {
        let path = g["instansi"].as_str().and_then(|i| books.get(i));
        g["buku_url"] = json!(path.map(|p| format!("{base}{p}")));
    }
    json!({ "groups": groups, "buku_url": format!("{base}{}", super::book::path_of(None)) })
}

/// How surely a step is the signing itself: 3 "Penandatanganan ..." or
/// "Menandatangani ..." as the activity, 2 the words inside it, 1 a mere
/// mention of "tanda tangan"; preparing a signing ("persiapan") scores lower.
fn signing_score(kegiatan: &str) -> u8 {
    let k = kegiatan.to_lowercase();
    let signs = k.contains("penandatangan") || k.contains("menandatangani");
    if k.starts_with("penandatangan") || k.starts_with("menandatangani") {
        3
    } else if signs && !k.contains("persiapan") && !k.contains("menyiapkan") {
        2
    } else if signs || k.contains("tanda tangan") || k.contains("tandatangan") {
        1
    } else {
        0
    }
}

/// The step where the agreement is signed: the best-scoring one, earliest on ties.
fn signing_step(sop: &Sop) -> Option<&crate::model::Step> {
    let best = sop
        .langkah
        .iter()
        .map(|st| signing_score(&st.kegiatan))
        .max()
        .filter(|&b| b > 0)?;
    sop.langkah
        .iter()
        .find(|st| signing_score(&st.kegiatan) == best)
}

/// SOPs that share a stage, side by side: steps, signer and time to signature.
fn compare(site: &Site) -> Value {
    let mut by_stage: BTreeMap<crate::model::Tahap, Vec<&Sop>> = BTreeMap::new();
    for s in &site.sops {
        for t in &s.tahap {
            by_stage.entry(*t).or_default().push(s);
        }
    }
    let stages: Vec<Value> = by_stage
        .into_iter()
        .filter(|(_, sops)| sops.iter().map(|s| &s.instansi).collect::<std::collections::BTreeSet<_>>().len() > 1)
        .map(|(tahap, sops)| {
            let rows: Vec<Value> = sops
                .iter()
                .map(|s| {
                    let sign = signing_step(s);
                    let mut v = sop_summary(site, s);
                    v["ttd"] = match sign {
                        Some(st) => json!({
                            "label": st.label,
                            "no": st.no,
                            "kegiatan": st.kegiatan,
                            "pelaksana": st.pelaksana.iter().filter_map(|id| s.pelaksana.iter().find(|l| &l.id == id)).map(|l| &l.nama).collect::<Vec<_>>(),
                            "waktu": s.duration_of(1, st.no).format(site.config.lang),
                        }),
                        None => Value::Null,
                    };
                    v
                })
                .collect();
            json!({ "tahap": tahap, "sops": rows })
        })
        .collect();
    json!({ "stages": stages })
}

pub(super) fn legal_ref(site: &Site, id: &str) -> Value {
    match site.legal_basis(id) {
        Some(l) => json!({
            "id": l.id,
            "url": format!("{}dasar-hukum/{}/", site.config.base_url, l.id),
            "judul": l.judul(),
            "singkat": l.singkat(),
            "status": l.status,
        }),
        None => json!({ "id": id, "judul": id, "singkat": id }),
    }
}

pub(super) fn sop_view(site: &Site, sop: &Sop, links: &super::doclinks::DocLinks) -> Value {
    let lang = site.config.lang;
    let lane_name = |id: &str| {
        sop.pelaksana
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.nama.clone())
            .unwrap_or_default()
    };
    // Items naming a document template link to it.
    let docs = |items: &[String]| {
        items
            .iter()
            .map(|i| json!({ "teks": i, "url": links.url_for(i) }))
            .collect::<Vec<_>>()
    };
    let steps: Vec<Value> = sop
        .langkah
        .iter()
        .map(|s| {
            let group = s.kelompok.map(|k| &sop.waktu_kelompok[k]);
            json!({
                "no": s.no,
                "label": s.label,
                "kegiatan": s.kegiatan,
                "pelaksana": s.pelaksana.iter().map(|p| lane_name(p)).collect::<Vec<_>>(),
                "kelengkapan": docs(&s.kelengkapan),
                "waktu": s.waktu.as_ref().map(|w| &w.teks),
                "kelompok": group.map(|g| json!({"dari": sop.langkah[g.dari - 1].label, "sampai": sop.langkah[g.sampai - 1].label, "teks": g.teks})),
                "output": docs(&s.output),
                "keterangan": s.keterangan,
                "jenis": s.kind.as_str(),
                "keputusan": s.keputusan.as_ref().map(|b| b.iter().map(|b| json!({
                    "label": b.label, "target": b.target, "target_label": sop.langkah[b.target - 1].label,
                })).collect::<Vec<_>>()),
                "berikut": sop.successors(s),
            })
        })
        .collect();
    let legal: Vec<Value> = sop
        .dasar_hukum
        .iter()
        .map(|c| {
            let mut v = legal_ref(site, &c.id);
            v["tertulis"] = json!(c.tertulis);
            v
        })
        .collect();
    let related: Vec<Value> = sop
        .keterkaitan
        .iter()
        .map(|r| match r.sop.as_deref().and_then(|id| site.sop(id)) {
            Some(other) => json!({ "teks": r.teks, "url": format!("{}sop/{}/", site.config.base_url, other.id), "nama": other.nama }),
            None => json!({ "teks": r.teks }),
        })
        .collect();
    let d = &sop.durasi;
    json!({
        "sop": sop,
        "steps": steps,
        "legal": legal,
        "related": related,
        "total": d.computed.format(lang),
        "total_menit": d.computed.menit,
        "total_hari": d.computed.hari,
        "tertulis": d.tertulis,
        "tertulis_beda": d.differs(),
        "data_url": format!("{}data/sops.json", site.config.base_url),
        "svg_url": format!("{}sop/{}/swimlane.svg", site.config.base_url, sop.id),
    })
}

/// Groups regulations by level, from the constitution down.
fn level(jenis: &str) -> (u8, &'static str) {
    match jenis {
        "Undang-Undang" | "Peraturan Pemerintah Pengganti Undang-Undang" => (1, "Undang-Undang"),
        "Peraturan Pemerintah" => (2, "Peraturan Pemerintah"),
        "Peraturan Menteri Dalam Negeri" => (3, "Peraturan Menteri Dalam Negeri"),
        j if j.starts_with("Peraturan Menteri") => (4, "Peraturan Menteri lainnya"),
        "Peraturan Daerah" => (5, "Peraturan Daerah"),
        "Peraturan Bupati"
        | "Peraturan Wali Kota"
        | "Peraturan Walikota"
        | "Peraturan Gubernur" => (6, "Peraturan Kepala Daerah"),
        _ => (7, "Keputusan dan lainnya"),
    }
}

fn legal_list(site: &Site) -> Value {
    let mut groups: BTreeMap<(u8, &str), Vec<Value>> = BTreeMap::new();
    let mut sorted: Vec<_> = site.legal.iter().collect();
    sorted.sort_by(|a, b| (b.tahun, &a.id).cmp(&(a.tahun, &b.id)));
    for l in sorted {
        let mut v = legal_ref(site, &l.id);
        v["dikutip"] = json!(site
            .sops
            .iter()
            .filter(|s| s.dasar_hukum.iter().any(|c| c.id == l.id))
            .count());
        let (tpl, art) = super::knowledge::legal_backlinks(site, &l.id);
        v["dirujuk"] = json!(tpl.len() + art.len());
        groups.entry(level(&l.jenis)).or_default().push(v);
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|((_, name), items)| json!({ "tingkat": name, "items": items }))
        .collect();
    json!({ "groups": groups })
}

/// The JDIHN metadata the file states, as (label key, text) rows.
fn legal_metadata(site: &Site, l: &crate::model::LegalBasis) -> Vec<Value> {
    let lang = site.config.lang;
    let date = |d: Option<crate::model::date::Date>| d.map(|d| d.long(lang));
    let jdih = if l.berlaku() {
        "jdih_berlaku"
    } else {
        "jdih_tidak_berlaku"
    };
    let rows: [(&str, Option<String>); 10] = [
        ("tanggal_penetapan", date(l.tanggal_penetapan)),
        ("tanggal_pengundangan", date(l.tanggal_pengundangan)),
        ("tempat_terbit", l.tempat_terbit.clone()),
        ("sumber_pengundangan", l.sumber.clone()),
        ("subjek", l.subjek.clone()),
        ("bidang_hukum", l.bidang_hukum.clone()),
        ("pemrakarsa", l.pemrakarsa.clone()),
        ("teu_badan", l.teu_badan.clone()),
        ("bahasa", Some(l.bahasa.clone())),
        ("status_jdih", Some(String::new())),
    ];
    rows.into_iter()
        .filter_map(|(key, text)| {
            let text = text?;
            Some(if key == "status_jdih" {
                json!({ "key": key, "text_key": jdih })
            } else {
                json!({ "key": key, "text": text })
            })
        })
        .collect()
}

fn legal_view(site: &Site, l: &crate::model::LegalBasis) -> Value {
    let refs = |ids: &[String]| ids.iter().map(|id| legal_ref(site, id)).collect::<Vec<_>>();
    let cited_by: Vec<Value> = site
        .sops
        .iter()
        .filter_map(|s| {
            let c = s.dasar_hukum.iter().find(|c| c.id == l.id)?;
            let mut v = sop_summary(site, s);
            v["tertulis"] = json!(c.tertulis);
            Some(v)
        })
        .collect();
    json!({
        "l": l,
        "judul": l.judul(),
        "singkat": l.singkat(),
        "dicabut": l.status == LegalStatus::Dicabut,
        "diubah_oleh": refs(&l.diubah_oleh),
        "mengubah": refs(&l.mengubah),
        "mencabut": refs(&l.mencabut),
        "dicabut_oleh": refs(&l.dicabut_oleh),
        "mencabut_sebagian": refs(&l.mencabut_sebagian),
        "dicabut_sebagian_oleh": refs(&l.dicabut_sebagian_oleh),
        "metadata": legal_metadata(site, l),
        "json_ld": super::jsonld::legislation(site, l),
        "dikutip_oleh": cited_by,
        "dipakai_templat": super::knowledge::legal_backlinks(site, &l.id).0,
        "dipakai_pengetahuan": super::knowledge::legal_backlinks(site, &l.id).1,
        "riwayat": super::knowledge::legal_timeline(site, l),
    })
}
