//! Rules for legal-basis pages (`content/dasar-hukum/*.md`).

use crate::diag::Diagnostic;
use crate::load::Input;
use crate::markdown::Body;
use crate::model::date::{Date, DateError};
use crate::model::{LegalBasis, LegalStatus};
use crate::tr;
use std::collections::BTreeSet;

mod relations;

/// The relation keys of one file with their lists.
fn relation_lists(raw: &crate::load::raw::RawLegalBasis) -> [(&'static str, &Vec<String>); 6] {
    [
        ("diubah_oleh", &raw.diubah_oleh),
        ("mencabut", &raw.mencabut),
        ("mengubah", &raw.mengubah),
        ("dicabut_oleh", &raw.dicabut_oleh),
        ("mencabut_sebagian", &raw.mencabut_sebagian),
        ("dicabut_sebagian_oleh", &raw.dicabut_sebagian_oleh),
    ]
}

/// The legal bases of `input`; `bodies` holds their converted bodies, in
/// the same order.
pub(super) fn resolve(
    input: &Input,
    bodies: Vec<Body>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<LegalBasis> {
    let ids: BTreeSet<&str> = input.legal.iter().map(|l| l.doc.id.as_str()).collect();
    let mut out: Vec<LegalBasis> = input
        .legal
        .iter()
        .zip(bodies)
        .map(|(l, body)| {
            let raw = &l.doc.raw;
            for (key, list) in relation_lists(raw) {
                for (i, target) in list.iter().enumerate() {
                    if !ids.contains(target.as_str()) {
                        diags.push(
                            Diagnostic::error(
                                "HUK001",
                                tr!(
                                    "`{}` menyebut dasar hukum `{}` yang tidak ada",
                                    "`{}` names legal basis `{}` which does not exist",
                                    key,
                                    target
                                ),
                            )
                            .at_opt(l.doc.spans.get(&format!("{key}[{i}]")))
                            .help(tr!(
                                "buat content/dasar-hukum/{}.md atau perbaiki id-nya",
                                "create content/dasar-hukum/{}.md or fix the id",
                                target
                            )),
                        );
                    }
                }
            }
            if raw.tentang.trim().is_empty()
                || raw.jenis.trim().is_empty()
                || raw.nomor.trim().is_empty()
            {
                diags.push(
                    Diagnostic::error(
                        "HUK003",
                        tr!(
                            "`jenis`, `nomor` dan `tentang` wajib diisi",
                            "`jenis`, `nomor` and `tentang` are required"
                        ),
                    )
                    .at_opt(l.doc.spans.get("")),
                );
            }
            let (tanggal_penetapan, tanggal_pengundangan) = dates(l, diags);
            let text = |v: &Option<String>| {
                v.as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            LegalBasis {
                id: l.doc.id.clone(),
                file: input.sources.file(l.doc.file).path.clone(),
                draf: raw.draf,
                jenis: raw.jenis.clone(),
                nomor: raw.nomor.clone(),
                tahun: raw.tahun,
                tentang: raw.tentang.clone(),
                daerah: raw.daerah.clone(),
                status: raw.status,
                diubah_oleh: Vec::new(),
                mengubah: Vec::new(),
                mencabut: Vec::new(),
                dicabut_oleh: Vec::new(),
                mencabut_sebagian: Vec::new(),
                dicabut_sebagian_oleh: Vec::new(),
                tautan: raw.tautan.clone(),
                tanggal_penetapan,
                tanggal_pengundangan,
                tempat_terbit: text(&raw.tempat_terbit),
                sumber: text(&raw.sumber),
                subjek: text(&raw.subjek),
                bidang_hukum: text(&raw.bidang_hukum),
                pemrakarsa: text(&raw.pemrakarsa),
                teu_badan: text(&raw.teu_badan),
                bahasa: text(&raw.bahasa).unwrap_or_else(|| "Indonesia".to_owned()),
                isi_html: body.html,
                isi_text: body.text,
            }
        })
        .collect();
    relations::resolve(input, &mut out, diags);
    // `out` is still in the order of `input.legal`.
    for (l, file) in out.iter().zip(&input.legal) {
        if l.status == LegalStatus::Diubah && l.diubah_oleh.is_empty() {
            diags.push(
                Diagnostic::warning(
                    "HUK002",
                    tr!(
                        "status `diubah` tanpa `diubah_oleh`",
                        "status `diubah` without `diubah_oleh`"
                    ),
                )
                .at_opt(file.doc.spans.get("status"))
                .help(tr!(
                    "sebutkan peraturan yang mengubahnya",
                    "name the amending regulation"
                )),
            );
        }
        if !l.dicabut_oleh.is_empty() && l.status != LegalStatus::Dicabut {
            diags.push(
                Diagnostic::warning(
                    "HUK004",
                    tr!(
                        "`{}` dicabut oleh {} tetapi berstatus bukan `dicabut`",
                        "`{}` is revoked by {} but its status is not `dicabut`",
                        l.id,
                        l.dicabut_oleh.join(", ")
                    ),
                )
                .at_opt(file.doc.spans.get("status")),
            );
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// `tanggal_penetapan` and `tanggal_pengundangan`, checked (HUK006): a
/// real YYYY-MM-DD date each, and promulgation not before enactment.
fn dates(
    l: &crate::load::LoadedDoc<crate::load::raw::RawLegalBasis>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Date>, Option<Date>) {
    let raw = &l.doc.raw;
    let mut one = |key: &str, value: &Option<String>| -> Option<Date> {
        let value = value.as_deref()?.trim();
        match Date::parse_iso(value) {
            Ok(d) => Some(d),
            Err(err) => {
                let msg = match err {
                    DateError::Impossible => tr!(
                        "`{}`: tanggal `{}` tidak ada di kalender",
                        "`{}`: date `{}` does not exist",
                        key,
                        value
                    ),
                    DateError::Format => tr!(
                        "`{}`: `{}` bukan tanggal TTTT-BB-HH",
                        "`{}`: `{}` is not a YYYY-MM-DD date",
                        key,
                        value
                    ),
                };
                diags.push(
                    Diagnostic::error("HUK006", msg)
                        .at_opt(l.doc.spans.get(key))
                        .help(tr!(
                            "tulis tanggal seperti di naskah peraturan, mis. 2018-04-24; kosongkan bila tidak pasti",
                            "write the date as the regulation states it, e.g. 2018-04-24; leave it out when unsure"
                        )),
                );
                None
            }
        }
    };
    let set = one("tanggal_penetapan", &raw.tanggal_penetapan);
    let promulgated = one("tanggal_pengundangan", &raw.tanggal_pengundangan);
    if let (Some(a), Some(b)) = (set, promulgated) {
        if b < a {
            diags.push(
                Diagnostic::error(
                    "HUK006",
                    tr!(
                        "`tanggal_pengundangan` ({}) sebelum `tanggal_penetapan` ({})",
                        "`tanggal_pengundangan` ({}) is before `tanggal_penetapan` ({})",
                        b,
                        a
                    ),
                )
                .at_opt(l.doc.spans.get("tanggal_pengundangan"))
                .help(tr!(
                    "peraturan diundangkan pada atau sesudah tanggal penetapannya; periksa kedua tanggal",
                    "a regulation is promulgated on or after the day it is set; check both dates"
                )),
            );
        }
    }
    (set, promulgated)
}
