//! Open data: `data/kerja-sama.json` and `data/kerja-sama.csv` (UTF-8 with
//! BOM, one row per agreement, the stable column order of `COLUMNS`), and
//! their metadata (`metadata.rs`): `data/datapackage.json` and
//! `data/kerja-sama.csv-metadata.json`, from the columns of `columns.rs`.

pub(crate) mod columns;
mod metadata;

use crate::load::csv;
use crate::model::registry::{Agreement, Catatan, Pihak, Registry};
use crate::model::Site;
use crate::render::Files;
use serde_json::{json, Value};

/// CSV columns, in order (`columns::SCHEMA` describes each). `import`
/// reads the same columns; the computed ones are written for readers and
/// ignored on import.
pub const COLUMNS: &[&str] = &columns::NAMES;

pub(crate) fn render_all(site: &Site, files: &mut Files) {
    let reg = &site.kerja_sama;
    let list: Vec<Value> = reg
        .entries
        .iter()
        .map(|a| agreement_json(site, a))
        .collect();
    let doc = json!({
        "tanggal_status": reg.today,
        "tanggal_status_tetap": reg.today_pinned,
        "akan_berakhir_hari": reg.akan_berakhir_hari,
        "kerja_sama": list,
    });
    let mut text = serde_json::to_string_pretty(&doc).expect("json serializes");
    text.push('\n');
    files.insert("data/kerja-sama.json".into(), text.into_bytes());
    files.insert("data/kerja-sama.csv".into(), to_csv(site, reg).into_bytes());
    metadata::render_all(site, files);
}

pub(crate) fn url(site: &Site, id: &str) -> String {
    format!("{}kerja-sama/{id}/", site.config.base_url)
}

pub(crate) fn mitra_url(site: &Site, slug: &str) -> String {
    format!("{}kerja-sama/mitra/{slug}/", site.config.base_url)
}

pub(crate) fn agreement_json(site: &Site, a: &Agreement) -> Value {
    let reg = &site.kerja_sama;
    json!({
        "id": a.id,
        "url": url(site, &a.id),
        "contoh": a.contoh,
        "jenis": a.jenis,
        "jenis_nama": a.jenis.nama(),
        "dokumen": a.dokumen,
        "dokumen_nama": a.dokumen.nama(),
        "judul": a.judul,
        "objek": a.objek,
        "bidang_urusan": a.bidang_urusan,
        "para_pihak": a.para_pihak.iter().map(|p| json!({
            "nama": p.nama,
            "nomor": p.nomor,
            "ppksd": p.ppksd,
            "penandatangan": p.penandatangan,
            "kode_wilayah": p.kode_wilayah,
            "mitra_url": mitra_url(site, &p.slug),
        })).collect::<Vec<_>>(),
        "opd_pelaksana": a.opd_pelaksana,
        "tanggal": {
            "tanda_tangan": a.tanda_tangan,
            "mulai": a.mulai,
            "berakhir": a.berakhir,
        },
        "nilai": a.nilai,
        "kb": a.kb,
        "turunan": reg.turunan(&a.id).iter().map(|t| &t.id).collect::<Vec<_>>(),
        "terkait_sop": a.terkait_sop,
        "terkait_templat": a.terkait_templat,
        "dasar_hukum": a.dasar_hukum,
        "berkas": a.berkas,
        "pemantauan": a.pemantauan,
        "evaluasi": a.evaluasi,
        "keterangan": a.keterangan,
        "status": a.status,
        "pemantauan_berikutnya": a.pemantauan_berikutnya,
        "pemantauan_terlambat": a.pemantauan_terlambat,
    })
}

/// Per-party values, one line each; empty when no party has one.
fn party_column(a: &Agreement, f: impl Fn(&Pihak) -> Option<&str>) -> String {
    if a.para_pihak.iter().all(|p| f(p).is_none()) {
        return String::new();
    }
    a.para_pihak
        .iter()
        .map(|p| f(p).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn record_lines(list: &[Catatan]) -> String {
    list.iter()
        .map(|c| format!("{}: {}", c.tanggal, c.catatan))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cells of one agreement, in `COLUMNS` order.
pub(crate) fn csv_row(site: &Site, a: &Agreement) -> Vec<String> {
    columns::SCHEMA.iter().map(|c| (c.cell)(site, a)).collect()
}

/// The whole registry as CSV, with a BOM so spreadsheet programs read UTF-8.
pub(crate) fn to_csv(site: &Site, reg: &Registry) -> String {
    let mut out = String::from("\u{feff}");
    csv::write_record(
        &mut out,
        &COLUMNS.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>(),
    );
    for a in &reg.entries {
        csv::write_record(&mut out, &csv_row(site, a));
    }
    out
}
