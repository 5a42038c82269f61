//! `data/jdihn.json`: the legal bases in the record shape JDIH portals
//! exchange with jdihn.go.id (README, "Output"). Every field is a string,
//! `""` when the front matter does not state it: sopkb invents no values.

use super::Files;
use crate::model::{LegalBasis, Site};
use serde_json::{json, Value};

pub(crate) fn render_all(site: &Site, files: &mut Files) {
    let records: Vec<Value> = site.legal.iter().map(|l| record(site, l)).collect();
    let mut text = serde_json::to_string_pretty(&records).expect("json serializes");
    text.push('\n');
    files.insert("data/jdihn.json".to_owned(), text.into_bytes());
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

pub(crate) fn record(site: &Site, l: &LegalBasis) -> Value {
    // The year of promulgation: from its date when known, else the year
    // in the regulation's number, which is the year it was set.
    let tahun = l
        .tanggal_pengundangan
        .map_or(l.tahun.to_string(), |d| d.year.to_string());
    json!({
        "idData": l.id,
        "tahun_pengundangan": tahun,
        "tanggal_pengundangan": l.tanggal_pengundangan.map(|d| d.to_string()).unwrap_or_default(),
        "tanggal_penetapan": l.tanggal_penetapan.map(|d| d.to_string()).unwrap_or_default(),
        "jenis": l.jenis,
        "noPeraturan": l.nomor,
        "judul": l.judul(),
        "noPanggil": "",
        "singkatanJenis": l.singkatan_jenis().to_uppercase(),
        "tempatTerbit": text(&l.tempat_terbit),
        "penerbit": "",
        "deskripsiFisik": "",
        "sumber": text(&l.sumber),
        "subjek": text(&l.subjek),
        "isbn": "",
        "status": if l.berlaku() { "Berlaku" } else { "Tidak Berlaku" },
        "bahasa": l.bahasa,
        "bidangHukum": text(&l.bidang_hukum),
        "teuBadan": text(&l.teu_badan),
        "pemrakarsa": text(&l.pemrakarsa),
        "nomorIndukBuku": "",
        "fileDownload": "",
        "urlDownload": "",
        "urlDetailPeraturan": format!("{}dasar-hukum/{}/", site.config.base_url, l.id),
        "operasi": "4",
        "display": "1",
    })
}
