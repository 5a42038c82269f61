//! Open data: `data/sops.json` and `data/dasar-hukum.json` (README, "Output").

use super::Files;
use crate::diag::Lang;
use crate::model::{Site, Sop};
use serde_json::{json, Map, Value};

pub(crate) fn render_all(site: &Site, files: &mut Files) {
    let sops: Vec<Value> = {
        use rayon::prelude::*;
        site.sops.par_iter().map(|s| sop_json(site, s)).collect()
    };
    put(files, "data/sops.json", &json!({ "sops": sops }));
    let legal: Vec<Value> = site
        .legal
        .iter()
        .map(|l| {
            json!({
                "id": l.id,
                "url": format!("{}dasar-hukum/{}/", site.config.base_url, l.id),
                "judul": l.judul(),
                "singkat": l.singkat(),
                "jenis": l.jenis,
                "nomor": l.nomor,
                "tahun": l.tahun,
                "tentang": l.tentang,
                "daerah": l.daerah,
                "status": l.status,
                "diubah_oleh": l.diubah_oleh,
                "mengubah": l.mengubah,
                "mencabut": l.mencabut,
                "dicabut_oleh": l.dicabut_oleh,
                "mencabut_sebagian": l.mencabut_sebagian,
                "dicabut_sebagian_oleh": l.dicabut_sebagian_oleh,
                "tautan": l.tautan,
                "tanggal_penetapan": l.tanggal_penetapan,
                "tanggal_pengundangan": l.tanggal_pengundangan,
                "tempat_terbit": l.tempat_terbit,
                "sumber": l.sumber,
                "subjek": l.subjek,
                "bidang_hukum": l.bidang_hukum,
                "pemrakarsa": l.pemrakarsa,
                "teu_badan": l.teu_badan,
                "bahasa": l.bahasa,
                "dikutip_oleh": site.sops.iter().filter(|s| s.dasar_hukum.iter().any(|c| c.id == l.id)).map(|s| &s.id).collect::<Vec<_>>(),
            })
        })
        .collect();
    put(
        files,
        "data/dasar-hukum.json",
        &json!({ "dasar_hukum": legal }),
    );
}

fn put(files: &mut Files, path: &str, value: &Value) {
    let mut text = serde_json::to_string_pretty(value).expect("json serializes");
    text.push('\n');
    files.insert(path.to_owned(), text.into_bytes());
}

fn non_empty(list: &[String]) -> Value {
    if list.is_empty() {
        Value::Null
    } else {
        Value::String(list.join("\n"))
    }
}

pub(crate) fn sop_json(site: &Site, sop: &Sop) -> Value {
    let langkah: Vec<Value> = sop
        .langkah
        .iter()
        .map(|s| {
            let keputusan = s.keputusan.as_ref().map(|b| {
                Value::Object(b.iter().map(|b| (b.label.clone(), json!(b.target))).collect::<Map<_, _>>())
            });
            let waktu = match &s.waktu {
                Some(w) => json!({ "teks": w.teks, "menit": w.durasi.menit, "hari": w.durasi.hari }),
                None => json!({ "teks": null, "menit": null, "hari": null }),
            };
            json!({
                "no": s.no,
                "label": s.label,
                "kegiatan": s.kegiatan,
                "pelaksana": s.pelaksana,
                "kelengkapan": s.kelengkapan,
                "waktu": waktu,
                "output": s.output,
                "keterangan": non_empty(&s.keterangan),
                "keputusan": keputusan,
                "lanjut_ke": s.lanjut_ke,
                "jenis": s.kind.as_str(),
                "kelompok_waktu": s.kelompok.map(|k| json!({"dari": sop.waktu_kelompok[k].dari, "sampai": sop.waktu_kelompok[k].sampai})),
                "url": format!("{}sop/{}/#langkah-{}", site.config.base_url, sop.id, s.no),
            })
        })
        .collect();
    let d = &sop.durasi;
    json!({
        "id": sop.id,
        "url": format!("{}sop/{}/", site.config.base_url, sop.id),
        "nama": sop.nama,
        "nomor": sop.nomor,
        "instansi": sop.instansi,
        "unit": sop.unit,
        "tanggal": sop.tanggal,
        "disahkan_oleh": sop.disahkan_oleh,
        "penetapan": sop.penetapan,
        "tahap": sop.tahap,
        "pelaksana": sop.pelaksana,
        "langkah": langkah,
        "waktu_kelompok": sop.waktu_kelompok.iter().map(|g| json!({
            "dari": g.dari, "sampai": g.sampai, "teks": g.teks,
            "menit": g.durasi.menit, "hari": g.durasi.hari, "subtotal": g.subtotal,
        })).collect::<Vec<_>>(),
        "durasi_total": {
            "menit": d.computed.menit,
            "hari": d.computed.hari,
            "teks": d.computed.format(Lang::Id),
            "tertulis": d.tertulis,
            "tertulis_sama": d.tertulis_durasi.map(|t| t == d.computed),
        },
        "dasar_hukum": sop.dasar_hukum.iter().map(|c| &c.id).collect::<Vec<_>>(),
        "keterkaitan": sop.keterkaitan,
        "kualifikasi_pelaksana": sop.kualifikasi_pelaksana,
        "peralatan": sop.peralatan,
        "peringatan": sop.peringatan,
        "pencatatan": sop.pencatatan,
        "catatan": sop.catatan,
    })
}
