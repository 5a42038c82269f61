//! The cooperation navigator page `panduan/` (from `content/panduan.yaml`):
//! one section per partner (`#panduan-mitra-<id>`) listing its outcomes as
//! linked cards (`#panduan-<id>`), every one reachable by plain links; `assets/panduan.js` adds the two-question form.

use super::pages::{legal_ref, Origin, Renderer};
use super::{Files, RenderError};
use crate::model::panduan::{Cited, Outcome, Panduan};
use crate::model::Site;
use serde_json::{json, Value};

/// The page's folder in the site.
pub(crate) const PATH: &str = "panduan/";

pub(super) fn render(r: &Renderer, files: &mut Files) -> Result<(), RenderError> {
    let Some(p) = &r.site.panduan else {
        return Ok(());
    };
    r.page_of(
        files,
        Some(Origin::file(&p.file)),
        "panduan.html",
        &format!("{PATH}index.html"),
        PATH,
        r.t("panduan"),
        view(r.site, p, &r.t("panduan_ringkas")),
    )
}

fn view(site: &Site, p: &Panduan, description: &str) -> Value {
    let label = |list: &[crate::model::panduan::Choice], id: &str| {
        list.iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_owned(), |c| c.label.clone())
    };
    let mitra: Vec<Value> = p
        .mitra
        .iter()
        .map(|m| {
            let cards: Vec<Value> = p
                .hasil
                .iter()
                .filter(|h| h.mitra == m.id)
                .map(|h| card(site, p, h, &label))
                .collect();
            json!({
                "id": m.id,
                "label": m.label,
                "keterangan": m.keterangan,
                "hasil": cards,
            })
        })
        .collect();
    json!({
        "og_description": description,
        "pengantar": p.pengantar,
        "mitra": mitra,
        "objek": p.objek.iter().map(|o| json!({
            "id": o.id, "label": o.label, "keterangan": o.keterangan,
        })).collect::<Vec<_>>(),
        "script_url": format!("{}assets/panduan.js", site.config.base_url),
    })
}

fn card(
    site: &Site,
    p: &Panduan,
    h: &Outcome,
    label: &dyn Fn(&[crate::model::panduan::Choice], &str) -> String,
) -> Value {
    let base = &site.config.base_url;
    let sop = |id: &str| {
        site.sops.iter().find(|s| s.id == id).map(|s| {
            json!({ "judul": s.nama, "instansi": s.instansi, "url": format!("{base}sop/{id}/") })
        })
    };
    let template = |id: &str| {
        site.templat
            .iter()
            .find(|t| t.id == id)
            .map(|t| json!({ "judul": t.judul, "url": format!("{base}templat/{id}/") }))
    };
    let article = |id: &str| {
        site.pengetahuan
            .iter()
            .find(|a| a.id == id)
            .map(|a| json!({ "judul": a.judul, "url": format!("{base}pengetahuan/{id}/") }))
    };
    let sumber: Vec<Value> = h
        .sumber
        .iter()
        .filter_map(|s| {
            let (judul, url) = match &s.cited {
                Cited::Legal(id) => {
                    let l = legal_ref(site, id);
                    (l["singkat"].clone(), l["url"].clone())
                }
                Cited::Sop(id) => sop(id).map(|v| (v["judul"].clone(), v["url"].clone()))?,
                Cited::Article(id) => {
                    article(id).map(|v| (v["judul"].clone(), v["url"].clone()))?
                }
            };
            Some(json!({ "judul": judul, "url": url, "bagian": s.bagian }))
        })
        .collect();
    json!({
        "id": h.id,
        "jenis": h.jenis,
        "ringkasan": h.ringkasan,
        "naskah": h.naskah,
        "di_luar_cakupan": h.di_luar_cakupan,
        "mitra": h.mitra,
        "objek": h.objek.iter().map(|o| label(&p.objek, o)).collect::<Vec<_>>(),
        "objek_ids": h.objek.join(" "),
        "dasar_hukum": h.dasar_hukum.iter().map(|id| legal_ref(site, id)).collect::<Vec<_>>(),
        "sop": h.sop.iter().filter_map(|id| sop(id)).collect::<Vec<_>>(),
        "templat": h.templat.iter().filter_map(|id| template(id)).collect::<Vec<_>>(),
        "pengetahuan": h.pengetahuan.iter().filter_map(|id| article(id)).collect::<Vec<_>>(),
        "catatan": h.catatan,
        "sumber": sumber,
    })
}
