//! Registry pages: the filterable list with its charts, one page per
//! agreement (timeline, related SOPs and templates) and one per partner.
//! Views are plain JSON; statuses and labels are computed here.

use super::chart::{self, Chart, Series};
use super::open_data::{mitra_url, url};
use super::pages::{legal_ref, sop_summary, Origin, Renderer};
use super::{Files, RenderError};
use crate::model::date::Date;
use crate::model::registry::{Agreement, Jenis, Status};
use crate::model::reminder::{self, Label};
use crate::model::Site;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn render_all(r: &Renderer, files: &mut Files) -> Result<(), RenderError> {
    let site = r.site;
    r.page(
        files,
        "kerja_sama_list.html",
        "kerja-sama/index.html",
        "kerja-sama/",
        r.t("ks_judul"),
        list_view(r),
    )?;
    // SOPs by instansi, built once (not one scan of all SOPs per entry).
    let mut by_instansi: BTreeMap<&str, Vec<&crate::model::Sop>> = BTreeMap::new();
    for s in &site.sops {
        by_instansi.entry(s.instansi.as_str()).or_default().push(s);
    }
    super::par::render_each(
        r.sink,
        &site.kerja_sama.entries,
        files,
        || r.context(),
        |scratch, a| {
            let dir = format!("kerja-sama/{}/", a.id);
            let html = r.render_in(
                scratch,
                "kerja_sama.html",
                &dir,
                a.judul.clone(),
                Some(Origin::item(&a.file, a.draf)),
                agreement_view(r, a, &by_instansi),
            )?;
            Ok(vec![(format!("{dir}index.html"), html)])
        },
    )?;
    let partners = partners(site);
    r.page(
        files,
        "kerja_sama_mitra_list.html",
        "kerja-sama/mitra/index.html",
        "kerja-sama/mitra/",
        r.t("ks_mitra"),
        json!({
            "og_description": r.t("ks_mitra_ringkas"),
            "items": partners.iter().map(|p| partner_summary(r, p)).collect::<Vec<_>>(),
        }),
    )?;
    let names: BTreeMap<&str, &str> = partners
        .iter()
        .map(|p| (p.slug.as_str(), p.nama.as_str()))
        .collect();
    super::par::render_each(
        r.sink,
        &partners,
        files,
        || r.context(),
        |scratch, p| {
            let dir = format!("kerja-sama/mitra/{}/", p.slug);
            let html = r.render_in(
                scratch,
                "kerja_sama_mitra.html",
                &dir,
                p.nama.clone(),
                None,
                partner_view(r, p, &names),
            )?;
            Ok(vec![(format!("{dir}index.html"), html)])
        },
    )?;
    Ok(())
}

fn status_label(r: &Renderer, s: Status) -> String {
    r.t(&format!("ks_status_{}", s.code()))
}

fn long(r: &Renderer, d: Date) -> String {
    d.long(r.site.config.lang)
}

/// "Rp 1.250.000.000".
pub(crate) fn rupiah(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("Rp {out}")
}

/// One table row of the list (also used on partner pages).
fn row(r: &Renderer, a: &Agreement) -> Value {
    let site = r.site;
    json!({
        "id": a.id,
        "url": url(site, &a.id),
        "judul": a.judul,
        "objek": a.objek,
        "jenis": a.jenis.code(),
        "jenis_nama": r.t(&format!("ks_jenis_{}", a.jenis.code())),
        "dokumen": a.dokumen.code(),
        "dokumen_nama": r.t(&format!("ks_dokumen_{}", a.dokumen.code())),
        "pihak": a.para_pihak.iter().map(|p| json!({"nama": p.nama, "url": mitra_url(site, &p.slug)})).collect::<Vec<_>>(),
        "mitra_keys": a.para_pihak.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>().join(" "),
        "opd": a.opd_pelaksana,
        "opd_keys": a.opd_pelaksana.iter().map(|o| crate::model::registry::slug(o)).collect::<Vec<_>>().join(" "),
        "tahun": a.year(),
        "tanda_tangan": a.tanda_tangan,
        "tanda_tangan_teks": long(r, a.tanda_tangan),
        "berakhir": a.berakhir,
        "berakhir_teks": long(r, a.berakhir),
        "status": a.status.code(),
        "status_label": status_label(r, a.status),
        "terlambat": a.pemantauan_terlambat,
        "pengingat": labels(r, a),
        "pengingat_keys": reminder::labels(a, site.kerja_sama.today).iter().map(|l| l.code()).collect::<Vec<_>>().join(" "),
        "contoh": a.contoh,
    })
}

/// The reminder labels of an entry ("Berakhir dalam 24 hari", …).
fn labels(r: &Renderer, a: &Agreement) -> Vec<Value> {
    reminder::labels(a, r.site.kerja_sama.today)
        .into_iter()
        .map(|l| {
            let text = r.t(&format!("ks_pengingat_{}", l.code()));
            let text = match l {
                Label::BerakhirDalam(n) => text.replace("{n}", &n.to_string()),
                _ => text,
            };
            json!({"code": l.code(), "label": text})
        })
        .collect()
}

/// The first `limit` reminders needing action (all when `None`), for the
/// list and the home page; the text is the theme's (`ks_pengingat_<kind>`).
pub(super) fn upcoming(site: &Site, limit: Option<usize>) -> Vec<Value> {
    let reg = &site.kerja_sama;
    reminder::upcoming(reg)
        .into_iter()
        .take(limit.unwrap_or(usize::MAX))
        .map(|x| {
            json!({
                "url": url(site, &x.entry.id),
                "judul": x.entry.judul,
                "kind": x.kind.code(),
                "tanggal": x.date,
                "tanggal_teks": x.date.long(site.config.lang),
                "hari": reg.today.days_until(x.date),
                "terlambat": x.overdue,
            })
        })
        .collect()
}

/// The reminder files and how many reminders need action.
pub(super) fn reminder_links(site: &Site) -> Value {
    json!({
        "ics_url": format!("{}{}", site.config.base_url, super::reminders::ICS_PATH),
        "atom_url": format!("{}{}", site.config.base_url, super::reminders::ATOM_PATH),
        "list_url": format!("{}kerja-sama/#ks-pengingat", site.config.base_url),
        "jumlah": reminder::upcoming(&site.kerja_sama).len(),
    })
}

/// Distinct (value, label) pairs for a filter, sorted by label.
fn options(pairs: impl Iterator<Item = (String, String)>) -> Vec<Value> {
    let set: BTreeMap<String, String> = pairs.map(|(v, l)| (l, v)).collect();
    set.into_iter()
        .map(|(l, v)| json!({"value": v, "label": l}))
        .collect()
}

fn list_view(r: &Renderer) -> Value {
    let site = r.site;
    let pengingat_filter: Vec<Value> = [
        Label::PerluDiperpanjang,
        Label::SudahBerakhir,
        Label::MonevBelumDilaporkan,
    ]
    .iter()
    .map(|l| json!({"value": l.code(), "label": r.t(&format!("ks_pengingat_{}", l.code()))}))
    .collect();
    let reg = &site.kerja_sama;
    let es = &reg.entries;
    let counts: Vec<Value> = Status::ALL
        .iter()
        .map(|s| json!({"status": s.code(), "label": status_label(r, *s), "n": es.iter().filter(|a| a.status == *s).count()}))
        .collect();
    let filters = json!({
        "jenis": Jenis::ALL.iter().filter(|j| es.iter().any(|a| a.jenis == **j)).map(|j| json!({"value": j.code(), "label": format!("{} — {}", j.code(), r.t(&format!("ks_jenis_{}", j.code())))})).collect::<Vec<_>>(),
        "mitra": options(es.iter().flat_map(|a| a.para_pihak.iter().map(|p| (p.slug.clone(), p.nama.clone())))),
        "opd": options(es.iter().flat_map(|a| a.opd_pelaksana.iter().map(|o| (crate::model::registry::slug(o), o.clone())))),
        "status": Status::ALL.iter().map(|s| json!({"value": s.code(), "label": status_label(r, *s)})).collect::<Vec<_>>(),
        "tahun": es.iter().map(|a| a.year()).collect::<BTreeSet<_>>().into_iter().rev().collect::<Vec<_>>(),
    });
    json!({
        "og_description": r.t("ks_ringkas"),
        "rows": es.iter().map(|a| row(r, a)).collect::<Vec<_>>(),
        "jumlah": es.len(),
        "contoh": es.iter().filter(|a| a.contoh).count(),
        "terlambat": es.iter().filter(|a| a.pemantauan_terlambat).count(),
        "counts": counts,
        "filters": filters,
        "tanggal_status": long(r, reg.today),
        "tanggal_status_iso": reg.today,
        "tanggal_tetap": reg.today_pinned,
        "akan_berakhir_hari": reg.akan_berakhir_hari,
        "charts": charts(r),
        "json_url": format!("{}data/kerja-sama.json", site.config.base_url),
        "csv_url": format!("{}data/kerja-sama.csv", site.config.base_url),
        "datapackage_url": format!("{}data/datapackage.json", site.config.base_url),
        "csvw_url": format!("{}data/kerja-sama.csv-metadata.json", site.config.base_url),
        "mitra_url": format!("{}kerja-sama/mitra/", site.config.base_url),
        "script_url": format!("{}assets/registry.js", site.config.base_url),
        "pengingat": upcoming(site, None),
        "pengingat_files": reminder_links(site),
        "pengingat_filter": pengingat_filter,
    })
}

/// The three charts, each with the table that says the same.
fn charts(r: &Renderer) -> Vec<Value> {
    let reg = &r.site.kerja_sama;
    let es = &reg.entries;
    let mut out = Vec::new();
    if es.is_empty() {
        return out;
    }
    // 1. Agreements per year of signing, by kind.
    let years: Vec<i32> = match (
        es.iter().map(|a| a.year()).min(),
        es.iter().map(|a| a.year()).max(),
    ) {
        (Some(lo), Some(hi)) => (lo..=hi).collect(),
        _ => Vec::new(),
    };
    let kinds: Vec<Jenis> = Jenis::ALL
        .into_iter()
        .filter(|j| es.iter().any(|a| a.jenis == *j))
        .collect();
    let count =
        |y: i32, j: Jenis| es.iter().filter(|a| a.year() == y && a.jenis == j).count() as u32;
    let per_year = Chart {
        id: "grafik-tahun",
        title: r.t("ks_grafik_tahun"),
        desc: years
            .iter()
            .map(|y| {
                let n: u32 = kinds.iter().map(|j| count(*y, *j)).sum();
                format!("{y}: {n}")
            })
            .collect::<Vec<_>>()
            .join("; "),
        categories: years.iter().map(i32::to_string).collect(),
        series: kinds
            .iter()
            .map(|j| Series {
                class: format!("k-{}", j.code().to_lowercase()),
                label: j.code().to_owned(),
                values: years.iter().map(|y| count(*y, *j)).collect(),
            })
            .collect(),
        legend: true,
    };
    let mut head = vec![r.t("ks_tahun")];
    head.extend(kinds.iter().map(|j| j.code().to_owned()));
    head.push(r.t("ks_jumlah"));
    let rows: Vec<Vec<String>> = years
        .iter()
        .map(|y| {
            let mut cells = vec![y.to_string()];
            cells.extend(kinds.iter().map(|j| count(*y, *j).to_string()));
            cells.push(es.iter().filter(|a| a.year() == *y).count().to_string());
            cells
        })
        .collect();
    out.push(json!({"id": "grafik-tahun", "title": per_year.title, "svg": chart::svg(&per_year), "head": head, "rows": rows}));

    // 2. In force against ended (and not yet started).
    let statuses = [
        Status::Aktif,
        Status::AkanBerakhir,
        Status::BelumMulai,
        Status::Berakhir,
    ];
    let n_of = |s: Status| es.iter().filter(|a| a.status == s).count() as u32;
    let by_status = Chart {
        id: "grafik-status",
        title: r.t("ks_grafik_status"),
        desc: statuses
            .iter()
            .map(|s| format!("{}: {}", status_label(r, *s), n_of(*s)))
            .collect::<Vec<_>>()
            .join("; "),
        categories: statuses.iter().map(|s| status_label(r, *s)).collect(),
        series: statuses
            .iter()
            .enumerate()
            .map(|(i, s)| Series {
                class: format!("s-{}", s.code()),
                label: status_label(r, *s),
                values: (0..statuses.len())
                    .map(|k| if k == i { n_of(*s) } else { 0 })
                    .collect(),
            })
            .collect(),
        legend: false,
    };
    out.push(json!({
        "id": "grafik-status",
        "title": by_status.title,
        "svg": chart::svg(&by_status),
        "head": [r.t("status"), r.t("ks_jumlah")],
        "rows": statuses.iter().map(|s| vec![status_label(r, *s), n_of(*s).to_string()]).collect::<Vec<_>>(),
    }));

    // 3. What ends in the next twelve months, by month.
    let start = Date {
        year: reg.today.year,
        month: reg.today.month,
        day: 1,
    };
    let months: Vec<Date> = (0..12).map(|k| start.add_months(k)).collect();
    let lang = r.site.config.lang;
    let month_name = |d: Date| {
        let names = match lang {
            crate::diag::Lang::Id => &crate::model::date::MONTHS_ID,
            crate::diag::Lang::En => &crate::model::date::MONTHS_EN,
        };
        format!("{} {}", &names[d.month as usize - 1][..3], d.year)
    };
    // On the axis: the month over its year, so twelve labels fit.
    let axis_name = |d: Date| month_name(d).replacen(' ', "\n", 1);
    let ending = |m: Date| -> Vec<&Agreement> {
        es.iter()
            .filter(|a| {
                a.berakhir.year == m.year && a.berakhir.month == m.month && a.berakhir >= reg.today
            })
            .collect()
    };
    let expiring = Chart {
        id: "grafik-berakhir",
        title: r.t("ks_grafik_berakhir"),
        desc: months
            .iter()
            .filter(|m| !ending(**m).is_empty())
            .map(|m| format!("{}: {}", month_name(*m), ending(*m).len()))
            .collect::<Vec<_>>()
            .join("; "),
        categories: months.iter().map(|m| axis_name(*m)).collect(),
        series: vec![Series {
            class: "s-akan-berakhir".into(),
            label: r.t("ks_berakhir_bulan_ini"),
            values: months.iter().map(|m| ending(*m).len() as u32).collect(),
        }],
        legend: false,
    };
    let rows: Vec<Value> = months
        .iter()
        .filter(|m| !ending(**m).is_empty())
        .map(|m| {
            json!({
                "bulan": month_name(*m),
                "items": ending(*m).iter().map(|a| json!({"url": url(r.site, &a.id), "judul": a.judul, "berakhir": long(r, a.berakhir)})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut desc = expiring.desc.clone();
    if desc.is_empty() {
        desc = r.t("ks_tidak_ada_berakhir");
    }
    let expiring = Chart { desc, ..expiring };
    out.push(json!({
        "id": "grafik-berakhir",
        "title": expiring.title,
        "svg": chart::svg(&expiring),
        "months": rows,
    }));
    out
}

/// One event of an agreement's life, in date order.
fn event(r: &Renderer, d: Date, kind: &str, label: String, catatan: Option<&str>) -> Value {
    json!({
        "tanggal": d,
        "tanggal_teks": long(r, d),
        "jenis": kind,
        "label": label,
        "catatan": catatan,
        "lewat": d <= r.site.kerja_sama.today,
    })
}

fn timeline(r: &Renderer, a: &Agreement) -> Vec<Value> {
    let today = r.site.kerja_sama.today;
    // (date, order on the same day, event)
    let mut ev: Vec<(Date, u8, Value)> = vec![
        (
            a.tanda_tangan,
            0,
            event(r, a.tanda_tangan, "ttd", r.t("ks_ditandatangani"), None),
        ),
        (
            a.mulai,
            1,
            event(r, a.mulai, "mulai", r.t("ks_mulai_berlaku"), None),
        ),
        (
            a.berakhir,
            5,
            event(r, a.berakhir, "berakhir", r.t("ks_berakhir"), None),
        ),
    ];
    for c in &a.pemantauan {
        ev.push((
            c.tanggal,
            2,
            event(
                r,
                c.tanggal,
                "pemantauan",
                r.t("ks_pemantauan"),
                Some(&c.catatan),
            ),
        ));
    }
    for c in &a.evaluasi {
        ev.push((
            c.tanggal,
            3,
            event(
                r,
                c.tanggal,
                "evaluasi",
                r.t("ks_evaluasi"),
                Some(&c.catatan),
            ),
        ));
    }
    if let Some(due) = a.pemantauan_berikutnya {
        let label = if a.pemantauan_terlambat {
            r.t("ks_pemantauan_terlambat")
        } else {
            r.t("ks_pemantauan_berikutnya")
        };
        let mut v = event(r, due, "jatuh-tempo", label, None);
        v["terlambat"] = json!(a.pemantauan_terlambat);
        ev.push((due, 4, v));
    }
    let mut v = event(r, today, "hari-ini", r.t("ks_tanggal_status"), None);
    v["hari_ini"] = json!(true);
    ev.push((today, 6, v));
    ev.sort_by_key(|x| (x.0, x.1));
    ev.into_iter().map(|e| e.2).collect()
}

fn agreement_view(
    r: &Renderer,
    a: &Agreement,
    by_instansi: &BTreeMap<&str, Vec<&crate::model::Sop>>,
) -> Value {
    let site = r.site;
    let reg = &site.kerja_sama;
    let link = |x: &Agreement| json!({"url": url(site, &x.id), "judul": x.judul, "dokumen": x.dokumen.code(), "status_label": status_label(r, x.status), "status": x.status.code()});
    let party_names: BTreeSet<&str> = a.para_pihak.iter().map(|p| p.nama.as_str()).collect();
    let sops: Vec<Value> = a
        .terkait_sop
        .iter()
        .filter_map(|id| site.sop(id))
        .map(|s| sop_summary(site, s))
        .collect();
    // SOPs published by one of the parties, other than those named, in
    // SOP (id) order.
    let mut own: Vec<&crate::model::Sop> = party_names
        .iter()
        .filter_map(|n| by_instansi.get(n))
        .flatten()
        .copied()
        .filter(|s| !a.terkait_sop.contains(&s.id))
        .collect();
    own.sort_by(|x, y| x.id.cmp(&y.id));
    own.dedup_by(|x, y| x.id == y.id);
    let sop_pihak: Vec<Value> = own.into_iter().map(|s| sop_summary(site, s)).collect();
    // The template of this kind of document, those the entry names, then
    // those of its related SOPs.
    let mut templat: Vec<Value> = Vec::new();
    let mut seen = BTreeSet::new();
    let kind = a.dokumen.nama().to_lowercase();
    let same_kind = site.templat.iter().filter(|t| {
        t.jenis_dokumen.to_lowercase() == kind
            || t.nama_lain.iter().any(|n| n.to_lowercase() == kind)
    });
    let named = a
        .terkait_templat
        .iter()
        .filter_map(|id| site.templat.iter().find(|t| &t.id == id));
    let via_sop = site
        .templat
        .iter()
        .filter(|t| t.terkait_sop.iter().any(|s| a.terkait_sop.contains(s)));
    for t in same_kind.chain(named).chain(via_sop) {
        if seen.insert(t.id.clone()) {
            templat.push(json!({"url": format!("{}templat/{}/", site.config.base_url, t.id), "judul": t.judul, "jenis_dokumen": t.jenis_dokumen}));
        }
    }
    json!({
        "og_description": format!("{} {} — {}", a.dokumen.code(), a.jenis.code(), a.objek),
        "a": a,
        "row": row(r, a),
        "jenis_nama": r.t(&format!("ks_jenis_{}", a.jenis.code())),
        "dokumen_nama": r.t(&format!("ks_dokumen_{}", a.dokumen.code())),
        "status_label": status_label(r, a.status),
        "tanggal_status": long(r, reg.today),
        "tanda_tangan": long(r, a.tanda_tangan),
        "mulai": long(r, a.mulai),
        "berakhir": long(r, a.berakhir),
        "pemantauan_berikutnya": a.pemantauan_berikutnya.map(|d| long(r, d)),
        "evaluasi_berikutnya": a.evaluasi_berikutnya.map(|d| long(r, d)),
        "pengingat": labels(r, a),
        "pengingat_files": reminder_links(site),
        "nilai": a.nilai.map(rupiah),
        "pihak": a.para_pihak.iter().map(|p| json!({"nama": p.nama, "nomor": p.nomor, "ppksd": p.ppksd, "penandatangan": p.penandatangan, "url": mitra_url(site, &p.slug)})).collect::<Vec<_>>(),
        "kb": a.kb.as_deref().and_then(|id| reg.get(id)).map(link),
        "turunan": reg.turunan(&a.id).into_iter().map(link).collect::<Vec<_>>(),
        "timeline": timeline(r, a),
        "sops": sops,
        "sop_pihak": sop_pihak,
        "templat": templat,
        "legal": a.dasar_hukum.iter().map(|id| legal_ref(site, id)).collect::<Vec<_>>(),
        "pemantauan": a.pemantauan.iter().map(|c| json!({"tanggal": long(r, c.tanggal), "catatan": c.catatan})).collect::<Vec<_>>(),
        "evaluasi": a.evaluasi.iter().map(|c| json!({"tanggal": long(r, c.tanggal), "catatan": c.catatan})).collect::<Vec<_>>(),
        "list_url": format!("{}kerja-sama/", site.config.base_url),
        "json_url": format!("{}data/kerja-sama.json", site.config.base_url),
    })
}

/// A partner: one party name across the registry.
struct Partner<'a> {
    slug: String,
    nama: String,
    entries: Vec<&'a Agreement>,
}

fn partners(site: &Site) -> Vec<Partner<'_>> {
    let mut map: BTreeMap<String, Partner> = BTreeMap::new();
    for a in &site.kerja_sama.entries {
        for p in &a.para_pihak {
            let e = map.entry(p.slug.clone()).or_insert_with(|| Partner {
                slug: p.slug.clone(),
                nama: p.nama.clone(),
                entries: Vec::new(),
            });
            e.entries.push(a);
        }
    }
    map.into_values().collect()
}

fn partner_summary(r: &Renderer, p: &Partner) -> Value {
    json!({
        "nama": p.nama,
        "url": mitra_url(r.site, &p.slug),
        "jumlah": p.entries.len(),
        "berjalan": p.entries.iter().filter(|a| a.status.running()).count(),
    })
}

/// `names`: every partner's name by slug.
fn partner_view(r: &Renderer, p: &Partner, names: &BTreeMap<&str, &str>) -> Value {
    // Co-partners from this partner's own entries (never a scan of all
    // partners): the entries each other party shares with it, by slug.
    let mut shared: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for a in &p.entries {
        for x in a.para_pihak.iter().filter(|x| x.slug != p.slug) {
            shared
                .entry(x.slug.as_str())
                .or_default()
                .insert(a.id.as_str());
        }
    }
    let co: Vec<Value> = shared
        .into_iter()
        .map(|(slug, ids)| {
            let nama = names.get(slug).copied().unwrap_or(slug);
            json!({"nama": nama, "url": mitra_url(r.site, slug), "jumlah": ids.len()})
        })
        .collect();
    let ppksd: BTreeSet<&str> = p
        .entries
        .iter()
        .flat_map(|a| a.para_pihak.iter())
        .filter(|x| x.slug == p.slug)
        .filter_map(|x| x.ppksd.as_deref())
        .collect();
    let counts: Vec<Value> = Status::ALL
        .iter()
        .map(|s| json!({"label": status_label(r, *s), "status": s.code(), "n": p.entries.iter().filter(|a| a.status == *s).count()}))
        .filter(|v| v["n"] != 0)
        .collect();
    json!({
        "og_description": format!("{}: {} {}", p.nama, p.entries.len(), r.t("ks_judul").to_lowercase()),
        "nama": p.nama,
        "rows": p.entries.iter().map(|a| row(r, a)).collect::<Vec<_>>(),
        "mitra": co,
        "ppksd": ppksd,
        "counts": counts,
        "contoh": p.entries.iter().any(|a| a.contoh),
        "list_url": format!("{}kerja-sama/", r.site.config.base_url),
        "mitra_url": format!("{}kerja-sama/mitra/", r.site.config.base_url),
    })
}

#[cfg(test)]
mod tests {
    use super::rupiah;

    #[test]
    fn rupiah_groups_thousands_with_dots() {
        assert_eq!(rupiah(0), "Rp 0");
        assert_eq!(rupiah(950), "Rp 950");
        assert_eq!(rupiah(1_250_000_000), "Rp 1.250.000.000");
    }
}
