//! Knowledge pages: the glossary, document templates (page, `.docx` and
//! `.md` downloads), articles, the extra home-page entry points, and the
//! backlinks and amendment timeline shown on legal-basis pages.

use super::doclinks::DocLinks;
use super::pages::{legal_ref, sop_summary, Origin, Renderer};
use super::{docx, Files, RenderError};
use crate::model::{marker, Article, LegalBasis, Site, Tahap, Template, Term};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn render_all(r: &Renderer, files: &mut Files) -> Result<(), RenderError> {
    let site = r.site;
    r.page_of(
        files,
        (!site.istilah.is_empty()).then(|| Origin::file("content/istilah.yaml")),
        "glossary.html",
        "istilah/index.html",
        "istilah/",
        r.t("istilah"),
        glossary(site, &r.t("istilah_ringkas")),
    )?;
    r.page(
        files,
        "template_list.html",
        "templat/index.html",
        "templat/",
        r.t("templat"),
        template_list(site, &r.t("templat_ringkas")),
    )?;
    // One pass over every step item, not one per template.
    let cited = citing_steps(site, &r.links);
    super::par::render_each(
        r.sink,
        &site.templat,
        files,
        || r.context(),
        |scratch, t| {
            let dir = format!("templat/{}/", t.id);
            let own = template_url(site, t);
            let steps = cited.get(own.as_str()).map_or(&[][..], Vec::as_slice);
            let html = r.render_in(
                scratch,
                "template.html",
                &dir,
                t.judul.clone(),
                Some(Origin::item(&t.file, t.draf)),
                template_view(site, t, steps),
            )?;
            Ok(vec![
                (format!("{dir}index.html"), html),
                (
                    format!("{dir}{}.docx", t.id),
                    docx::template_docx(t, &site.config.title),
                ),
                (format!("{dir}{}.md", t.id), t.source.clone().into_bytes()),
            ])
        },
    )?;
    r.page(
        files,
        "article_list.html",
        "pengetahuan/index.html",
        "pengetahuan/",
        r.t("pengetahuan"),
        article_list(site, &r.t("pengetahuan_ringkas")),
    )?;
    // Reading order computed once; each page gets its neighbours.
    let order = ordered_articles(site);
    let positions: Vec<usize> = (0..order.len()).collect();
    super::par::render_each(
        r.sink,
        &positions,
        files,
        || r.context(),
        |scratch, &pos| article_page(r, scratch, &order, pos),
    )?;
    Ok(())
}

/// The page of the article at `pos` of the reading order `order`.
fn article_page(
    r: &Renderer,
    scratch: &mut tera::Context,
    order: &[&Article],
    pos: usize,
) -> Result<super::par::Out, RenderError> {
    let a = order[pos];
    let dir = format!("pengetahuan/{}/", a.id);
    let html = r.render_in(
        scratch,
        "article.html",
        &dir,
        a.judul.clone(),
        Some(Origin::item(&a.file, a.draf)),
        article_view(r.site, order, pos),
    )?;
    Ok(vec![(format!("{dir}index.html"), html)])
}

/// The pages of the articles `ids` alone (`serve` previews an edit with
/// them); unknown ids are skipped.
pub(super) fn article_pages(r: &Renderer, ids: &[&str]) -> Result<Files, RenderError> {
    let order = ordered_articles(r.site);
    let mut files = Files::new();
    let mut scratch = r.context();
    for (pos, a) in order.iter().enumerate() {
        if ids.contains(&a.id.as_str()) {
            files.extend(article_page(r, &mut scratch, &order, pos)?);
        }
    }
    Ok(files)
}

fn url(site: &Site, path: &str) -> String {
    format!("{}{path}", site.config.base_url)
}

fn template_url(site: &Site, t: &Template) -> String {
    url(site, &format!("templat/{}/", t.id))
}

fn article_url(site: &Site, a: &Article) -> String {
    url(site, &format!("pengetahuan/{}/", a.id))
}

/// Articles in reading order: `urutan` first, then title.
fn ordered_articles(site: &Site) -> Vec<&Article> {
    let mut v: Vec<&Article> = site.pengetahuan.iter().collect();
    v.sort_by(|a, b| {
        (a.urutan.unwrap_or(i64::MAX), &a.judul, &a.id).cmp(&(
            b.urutan.unwrap_or(i64::MAX),
            &b.judul,
            &b.id,
        ))
    });
    v
}

fn article_summary(site: &Site, a: &Article) -> Value {
    json!({
        "id": a.id,
        "url": article_url(site, a),
        "judul": a.judul,
        "ringkasan": a.ringkasan,
        "diperbarui": a.diperbarui,
    })
}

fn template_summary(site: &Site, t: &Template) -> Value {
    json!({
        "id": t.id,
        "url": template_url(site, t),
        "judul": t.judul,
        "jenis_dokumen": t.jenis_dokumen,
        "ringkasan": t.ringkasan,
        "isian": t.isian.len(),
        "docx_url": format!("{}{}.docx", template_url(site, t), t.id),
        "diperbarui": t.diperbarui,
    })
}

fn legal_refs(site: &Site, ids: &[String]) -> Vec<Value> {
    ids.iter().map(|id| legal_ref(site, id)).collect()
}

fn sop_refs(site: &Site, ids: &[String]) -> Vec<Value> {
    ids.iter()
        .filter_map(|id| site.sop(id))
        .map(|s| sop_summary(site, s))
        .collect()
}

// --- Glossary ---

fn glossary(site: &Site, description: &str) -> Value {
    // One entry per acronym (or plain term), its meanings together.
    let mut by_anchor: BTreeMap<String, (String, Vec<&Term>)> = BTreeMap::new();
    for term in &site.istilah {
        by_anchor
            .entry(term.anchor())
            .or_insert_with(|| (term.kata().to_owned(), Vec::new()))
            .1
            .push(term);
    }
    let mut entries: Vec<(String, String, Vec<&Term>)> = by_anchor
        .into_iter()
        .map(|(anchor, (kata, terms))| (kata, anchor, terms))
        .collect();
    entries.sort_by(|a, b| (a.0.to_lowercase(), &a.0).cmp(&(b.0.to_lowercase(), &b.0)));
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    for (kata, anchor, terms) in entries {
        let letter: String = kata
            .chars()
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        let entry = json!({
            "kata": kata,
            "anchor": anchor,
            "singkatan": terms[0].singkatan.is_some(),
            "arti": terms.iter().map(|t| json!({
                "kepanjangan": t.kepanjangan,
                "definisi": t.definisi,
                "sinonim": t.sinonim,
                "dasar_hukum": legal_refs(site, &t.dasar_hukum),
            })).collect::<Vec<_>>(),
        });
        match groups.last_mut() {
            Some((l, list)) if *l == letter => list.push(entry),
            _ => groups.push((letter, vec![entry])),
        }
    }
    json!({
        "og_description": description,
        "count": site.istilah.len(),
        "groups": groups.into_iter().map(|(huruf, entries)| json!({
            "huruf": huruf,
            "anchor": format!("huruf-{}", huruf.to_lowercase()),
            "entries": entries,
        })).collect::<Vec<_>>(),
    })
}

// --- Templates ---

fn template_list(site: &Site, description: &str) -> Value {
    let mut by_stage: BTreeMap<Option<Tahap>, Vec<Value>> = BTreeMap::new();
    for t in &site.templat {
        if t.tahap.is_empty() {
            by_stage
                .entry(None)
                .or_default()
                .push(template_summary(site, t));
        }
        for s in &t.tahap {
            by_stage
                .entry(Some(*s))
                .or_default()
                .push(template_summary(site, t));
        }
    }
    // Stages in the order of the procedure; templates without one last.
    let mut groups: Vec<(Option<Tahap>, Vec<Value>)> = by_stage.into_iter().collect();
    groups.sort_by_key(|(s, _)| (s.is_none(), *s));
    json!({
        "og_description": description,
        "count": site.templat.len(),
        "groups": groups.into_iter().map(|(tahap, items)| json!({
            "tahap": tahap,
            "items": items,
        })).collect::<Vec<_>>(),
    })
}

/// The body as HTML (made by `validate`) with every field shown as
/// `<mark class="isian">label</mark>`.
fn template_html(t: &Template) -> String {
    let html = &t.body_html;
    let mut out = String::with_capacity(html.len() + 64 * t.isian.len());
    for (text, field) in marker::split_placeholders(html) {
        match field.and_then(|i| t.isian.get(i)) {
            Some(f) => {
                use sopkb_search::escape::{html_attr, html_text};
                out.push_str(&format!(
                    "<mark class=\"isian\" data-isian=\"{}\" title=\"{}\">{}</mark>",
                    html_attr(&f.id),
                    html_attr(f.keterangan.as_deref().unwrap_or(&f.label)),
                    html_text(&f.label)
                ));
            }
            None => out.push_str(text),
        }
    }
    out
}

/// For each template URL, the SOP steps whose `kelengkapan` or `output`
/// names it, in SOP and step order.
fn citing_steps<'l>(site: &Site, links: &'l DocLinks) -> BTreeMap<&'l str, Vec<Value>> {
    let mut out: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for s in &site.sops {
        for st in &s.langkah {
            let kelengkapan: BTreeSet<&str> = st
                .kelengkapan
                .iter()
                .filter_map(|i| links.url_for(i))
                .collect();
            let output: BTreeSet<&str> =
                st.output.iter().filter_map(|i| links.url_for(i)).collect();
            for url in kelengkapan.union(&output) {
                let mut roles = Vec::new();
                if kelengkapan.contains(url) {
                    roles.push("kelengkapan");
                }
                if output.contains(url) {
                    roles.push("output");
                }
                out.entry(url).or_default().push(json!({
                    "sop": s.nama,
                    "instansi": s.instansi,
                    "url": format!("{}sop/{}/#langkah-{}", site.config.base_url, s.id, st.no),
                    "label": st.label,
                    "kegiatan": st.kegiatan,
                    "peran": roles,
                }));
            }
        }
    }
    out
}

fn template_view(site: &Site, t: &Template, steps: &[Value]) -> Value {
    let base = template_url(site, t);
    json!({
        "t": {
            "id": t.id,
            "judul": t.judul,
            "jenis_dokumen": t.jenis_dokumen,
            "ringkasan": t.ringkasan,
            "diperbarui": t.diperbarui,
            "tahap": t.tahap,
            "nama_lain": t.nama_lain,
        },
        "og_description": t.ringkasan,
        "isi_html": template_html(t),
        "isian": t.isian,
        "docx_url": format!("{base}{}.docx", t.id),
        "md_url": format!("{base}{}.md", t.id),
        "docx_nama": format!("{}.docx", t.id),
        "md_nama": format!("{}.md", t.id),
        "legal": legal_refs(site, &t.dasar_hukum),
        "sops": sop_refs(site, &t.terkait_sop),
        "langkah": steps,
    })
}

// --- Articles ---

fn article_list(site: &Site, description: &str) -> Value {
    json!({
        "og_description": description,
        "items": ordered_articles(site).into_iter().map(|a| article_summary(site, a)).collect::<Vec<_>>(),
    })
}

/// The article at `pos` of the reading order `order`.
fn article_view(site: &Site, order: &[&Article], pos: usize) -> Value {
    let a = order[pos];
    let prev = pos.checked_sub(1).map(|p| article_summary(site, order[p]));
    let next = order.get(pos + 1).map(|x| article_summary(site, x));
    json!({
        "a": a,
        "og_description": a.ringkasan,
        "og_type": "article",
        "legal": legal_refs(site, &a.dasar_hukum),
        "sops": sop_refs(site, &a.terkait_sop),
        "sebelumnya": prev,
        "berikutnya": next,
    })
}

// --- Home page ---

/// Adds the entry points of the knowledge pages to the home view.
pub(super) fn extend_home(site: &Site, view: &mut Value) {
    view["artikel"] = json!(ordered_articles(site)
        .into_iter()
        .take(6)
        .map(|a| article_summary(site, a))
        .collect::<Vec<_>>());
    view["artikel_count"] = json!(site.pengetahuan.len());
    view["templat_count"] = json!(site.templat.len());
    view["istilah_count"] = json!(site.istilah.len());
    view["templat"] = json!(site
        .templat
        .iter()
        .map(|t| template_summary(site, t))
        .collect::<Vec<_>>());
    view["feed_url"] = json!(url(site, "feed.xml"));
    view["pengingat"] = json!(super::registry::upcoming(site, Some(5)));
    view["pengingat_files"] = super::registry::reminder_links(site);
}

// --- Legal bases ---

/// Templates and articles that cite the legal basis `id`.
pub(super) fn legal_backlinks(site: &Site, id: &str) -> (Vec<Value>, Vec<Value>) {
    let templates = site
        .templat
        .iter()
        .filter(|t| t.dasar_hukum.iter().any(|d| d == id))
        .map(|t| template_summary(site, t))
        .collect();
    let articles = site
        .pengetahuan
        .iter()
        .filter(|a| a.dasar_hukum.iter().any(|d| d == id))
        .map(|a| article_summary(site, a))
        .collect();
    (templates, articles)
}

/// Regulations in one timeline: a real chain of amendments has a handful;
/// without a bound, every page of a chain of 5,000 listed all 5,000.
const MAX_TIMELINE: usize = 50;

/// The regulations linked to `l` by amendment or revocation, directly or
/// through others (the `MAX_TIMELINE` nearest), oldest first, each with
/// what it did; empty when `l` stands alone.
pub(super) fn legal_timeline(site: &Site, l: &LegalBasis) -> Vec<Value> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut todo = std::collections::VecDeque::from([l.id.as_str()]);
    while let Some(id) = todo.pop_front() {
        if seen.len() >= MAX_TIMELINE {
            break;
        }
        if !seen.insert(id) {
            continue;
        }
        if let Some(x) = site.legal_basis(id) {
            for n in x
                .diubah_oleh
                .iter()
                .chain(&x.mengubah)
                .chain(&x.mencabut)
                .chain(&x.dicabut_oleh)
                .chain(&x.mencabut_sebagian)
                .chain(&x.dicabut_sebagian_oleh)
            {
                if site.legal_basis(n).is_some() && !seen.contains(n.as_str()) {
                    todo.push_back(n);
                }
            }
        }
    }
    if seen.len() < 2 {
        return Vec::new();
    }
    let mut chain: Vec<&LegalBasis> = seen.iter().filter_map(|id| site.legal_basis(id)).collect();
    chain.sort_by(|a, b| (a.tahun, &a.id).cmp(&(b.tahun, &b.id)));
    chain
        .into_iter()
        .map(|x| {
            let short = |ids: &[String]| -> Vec<Value> {
                ids.iter()
                    .filter_map(|i| site.legal_basis(i))
                    .take(MAX_TIMELINE)
                    .map(|o| json!({ "singkat": o.singkat(), "url": url(site, &format!("dasar-hukum/{}/", o.id)), "ini": o.id == l.id }))
                    .collect()
            };
            let mut v = legal_ref(site, &x.id);
            v["tahun"] = json!(x.tahun);
            v["ini"] = json!(x.id == l.id);
            v["mengubah"] = json!(short(&x.mengubah));
            v["mencabut"] = json!(short(&x.mencabut));
            v["mencabut_sebagian"] = json!(short(&x.mencabut_sebagian));
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    fn template(body: &str) -> Template {
        Template {
            id: "t".into(),
            file: "content/templat/t.md".into(),
            draf: false,
            judul: "T".into(),
            jenis_dokumen: "Surat".into(),
            ringkasan: "r".into(),
            tahap: vec![],
            dasar_hukum: vec![],
            terkait_sop: vec![],
            nama_lain: vec![],
            diperbarui: "2026-11-01".into(),
            isian: vec![Field {
                id: "nomor".into(),
                label: "Nomor <surat>".into(),
                contoh: None,
                keterangan: None,
            }],
            body: body.into(),
            // As `validate` makes it: the one field is `nomor`.
            body_html: crate::markdown::render_template(
                body,
                |id| (id == "nomor").then_some(0),
                false,
            )
            .html,
            source: String::new(),
        }
    }

    #[test]
    fn fields_are_highlighted_marks_with_escaped_labels() {
        let html = template_html(&template("Nomor: **{{ nomor }}**\n"));
        assert_eq!(
            html,
            "<p>Nomor: <strong><mark class=\"isian\" data-isian=\"nomor\" title=\"Nomor &lt;surat&gt;\">Nomor &lt;surat&gt;</mark></strong></p>\n"
        );
    }
}
