//! Rules for legal-basis pages (`content/dasar-hukum/*.md`).

use crate::diag::Diagnostic;
use crate::load::Input;
use crate::markdown::Body;
use crate::model::{LegalBasis, LegalStatus};
use crate::tr;
use std::collections::BTreeSet;

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
            for (key, list) in [
                ("diubah_oleh", &raw.diubah_oleh),
                ("mencabut", &raw.mencabut),
            ] {
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
            if raw.status == LegalStatus::Diubah && raw.diubah_oleh.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        "HUK002",
                        tr!(
                            "status `diubah` tanpa `diubah_oleh`",
                            "status `diubah` without `diubah_oleh`"
                        ),
                    )
                    .at_opt(l.doc.spans.get("status"))
                    .help(tr!(
                        "sebutkan peraturan yang mengubahnya",
                        "name the amending regulation"
                    )),
                );
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
                diubah_oleh: raw.diubah_oleh.clone(),
                mencabut: raw.mencabut.clone(),
                mengubah: Vec::new(),
                dicabut_oleh: Vec::new(),
                tautan: raw.tautan.clone(),
                isi_html: body.html,
                isi_text: body.text,
            }
        })
        .collect();
    // Derive the reverse relations so each is written once by editors.
    let pairs: Vec<(String, String, bool)> = out
        .iter()
        .flat_map(|l| {
            let amended = l
                .diubah_oleh
                .iter()
                .map(move |by| (by.clone(), l.id.clone(), true));
            let revoked = l
                .mencabut
                .iter()
                .map(move |old| (old.clone(), l.id.clone(), false));
            amended.chain(revoked)
        })
        .collect();
    // By id, not by search: 5,000 pages of 30 relations each were quadratic.
    let index: std::collections::HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.clone(), i))
        .collect();
    for (target, source, amends) in pairs {
        if let Some(t) = index.get(&target).map(|&i| &mut out[i]) {
            if amends {
                t.mengubah.push(source);
            } else {
                t.dicabut_oleh.push(source);
            }
        }
    }
    // `out` is still in the order of `input.legal`.
    for (l, file) in out.iter_mut().zip(&input.legal) {
        l.mengubah.sort();
        l.dicabut_oleh.sort();
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
