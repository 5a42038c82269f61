//! Rules for document templates (`content/templat/*.md`), codes `TPL...`:
//! required text, field ids, every marker declared and every field used,
//! references, dates, and names shared by two templates.

use super::refs::{self, Known, RefKind};
use crate::diag::{Diagnostic, Span};
use crate::load::raw::RawTemplate;
use crate::load::{Input, LoadedDoc};
use crate::markdown::{self, Inspection};
use crate::model::{marker, Field, Template};
use crate::tr;
use std::collections::{BTreeMap, BTreeSet};

/// The templates of `input`, and what the Markdown pass found in their
/// bodies (in `input`'s order, for `urls::check`).
pub(super) fn resolve(
    input: &Input,
    known: &Known,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Template>, Vec<Inspection>) {
    use rayon::prelude::*;
    let mut out: Vec<Template> = input
        .templat
        .iter()
        .map(|t| resolve_one(input, t, known, diags))
        .collect();
    check_shared_names(input, diags);
    // The bodies as HTML once their fields are known, on all cores.
    let trust = input.trust_html();
    let found = out
        .par_iter_mut()
        .map(|t| {
            let index = t.field_positions();
            let field = |id: &str| index.get(id).copied();
            let d = markdown::render_template(&t.body, field, trust);
            t.body_html = d.html;
            d.inspection
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    (out, found)
}

fn resolve_one(
    input: &Input,
    t: &LoadedDoc<RawTemplate>,
    known: &Known,
    diags: &mut Vec<Diagnostic>,
) -> Template {
    let raw = &t.doc.raw;
    let spans = &t.doc.spans;
    for key in ["judul", "jenis_dokumen", "ringkasan"] {
        let value = match key {
            "judul" => &raw.judul,
            "jenis_dokumen" => &raw.jenis_dokumen,
            _ => &raw.ringkasan,
        };
        refs::require(value, key, "TPL001", spans, diags);
    }
    if t.body.trim().is_empty() {
        diags.push(refs::empty("isi templat", "TPL001").at(Span::new(
            t.doc.file,
            t.body_start,
            t.body_start,
        )));
    }
    refs::check_date(&raw.diperbarui, "TPL009", spans, diags);
    let dasar_hukum = refs::check_ids(
        &raw.dasar_hukum,
        "dasar_hukum",
        RefKind::Legal,
        "TPL007",
        known,
        spans,
        diags,
    );
    let terkait_sop = refs::check_ids(
        &raw.terkait_sop,
        "terkait_sop",
        RefKind::Sop,
        "TPL008",
        known,
        spans,
        diags,
    );
    let isian = check_fields(t, diags);
    check_markers(t, diags);
    Template {
        id: t.doc.id.clone(),
        file: input.sources.file(t.doc.file).path.clone(),
        draf: raw.draf,
        judul: raw.judul.trim().to_owned(),
        jenis_dokumen: raw.jenis_dokumen.trim().to_owned(),
        ringkasan: raw.ringkasan.trim().to_owned(),
        tahap: raw.tahap.clone(),
        dasar_hukum,
        terkait_sop,
        nama_lain: refs::clean(&raw.nama_lain),
        diperbarui: raw.diperbarui.trim().to_owned(),
        isian,
        body: t.body.clone(),
        body_html: String::new(),
        source: input.sources.file(t.doc.file).text.clone(),
    }
}

/// Field ids (TPL004), repeats (TPL005), labels (TPL001), unused fields (TPL003).
fn check_fields(t: &LoadedDoc<RawTemplate>, diags: &mut Vec<Diagnostic>) -> Vec<Field> {
    let spans = &t.doc.spans;
    let (markers, _) = marker::scan(&t.body);
    let used: BTreeSet<&str> = markers.iter().map(|m| m.id.as_str()).collect();
    let mut seen = BTreeMap::new();
    let mut out = Vec::new();
    for (i, f) in t.doc.raw.isian.iter().enumerate() {
        let id = f.id.trim();
        let at = format!("isian[{i}].id");
        refs::require(
            &f.label,
            &format!("isian[{i}].label"),
            "TPL001",
            spans,
            diags,
        );
        if !marker::is_field_id(id) {
            diags.push(
                Diagnostic::error(
                    "TPL004",
                    tr!("id isian `{}` tidak sah", "field id `{}` is invalid", id),
                )
                .at_opt(spans.get(&at))
                .help(tr!(
                    "gunakan huruf kecil, angka dan `_`, diawali huruf, mis. `nomor_surat`",
                    "use lower-case letters, digits and `_`, starting with a letter, e.g. `nomor_surat`"
                )),
            );
            continue;
        }
        if let Some(first) = seen.insert(id.to_owned(), i) {
            diags.push(
                Diagnostic::error(
                    "TPL005",
                    tr!("id isian `{}` ganda", "duplicate field id `{}`", id),
                )
                .at_opt(spans.get(&at))
                .label(tr!("sudah dipakai", "already used"))
                .help(tr!(
                    "isian ke-{} sudah memakai id ini; satu isian boleh dipakai berkali-kali di isi",
                    "field {} already uses this id; one field may appear many times in the body",
                    first + 1
                )),
            );
            continue;
        }
        if !used.contains(id) {
            diags.push(
                Diagnostic::error(
                    "TPL003",
                    tr!(
                        "isian `{}` tidak dipakai di isi templat",
                        "field `{}` is not used in the template body",
                        id
                    ),
                )
                .at_opt(spans.get(&at))
                .help(tr!(
                    "tulis `{{{{ {} }}}}` di tempat isian itu diisi, atau hapus isian ini",
                    "write `{{{{ {} }}}}` where the field is filled in, or remove it",
                    id
                )),
            );
        }
        out.push(Field {
            id: id.to_owned(),
            label: f.label.trim().to_owned(),
            contoh: f
                .contoh
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            keterangan: f
                .keterangan
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        });
    }
    out
}

/// Markers not declared in `isian` (TPL002) and malformed markers (TPL006).
fn check_markers(t: &LoadedDoc<RawTemplate>, diags: &mut Vec<Diagnostic>) {
    let declared: BTreeSet<&str> = t.doc.raw.isian.iter().map(|f| f.id.trim()).collect();
    let (markers, bad) = marker::scan(&t.body);
    let span = |s: usize, e: usize| Span::new(t.doc.file, t.body_start + s, t.body_start + e);
    let mut reported = BTreeSet::new();
    for m in &markers {
        if declared.contains(m.id.as_str()) || !reported.insert(m.id.clone()) {
            continue;
        }
        let known = crate::diag::suggest::suggest(&m.id, declared.iter().copied(), 20);
        diags.push(
            Diagnostic::error(
                "TPL002",
                tr!(
                    "penanda `{}` tidak dideklarasikan di `isian`",
                    "marker `{}` is not declared in `isian`",
                    m.id
                ),
            )
            .at(span(m.start, m.end))
            .label(known.label(tr!("tidak ada di `isian:`", "not in `isian:`")))
            .help(tr!(
                "tambahkan `- {{ id: {}, label: ... }}` ke `isian:`; isian yang ada: {}",
                "add `- {{ id: {}, label: ... }}` to `isian:`; declared fields: {}",
                m.id,
                known.listing
            )),
        );
    }
    for b in bad {
        diags.push(
            Diagnostic::error(
                "TPL006",
                tr!(
                    "penanda isian tidak sah: `{{{{{}`",
                    "invalid field marker: `{{{{{}`",
                    shorten(&b.text)
                ),
            )
            .at(span(b.start, b.end))
            .help(tr!(
                "tulis penanda sebagai `{{{{ id_isian }}}}` dalam satu baris (huruf kecil, angka, `_`)",
                "write a marker as `{{{{ field_id }}}}` on one line (lower-case letters, digits, `_`)"
            )),
        );
    }
}

/// A malformed marker as quoted in a message: it runs to the end of its
/// line, which may be the whole file.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// TPL010 (warning): two templates claim the same name, so SOP steps that
/// cite it cannot be linked unambiguously.
fn check_shared_names(input: &Input, diags: &mut Vec<Diagnostic>) {
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    for t in &input.templat {
        let raw = &t.doc.raw;
        let names = std::iter::once((raw.judul.as_str(), "judul".to_owned())).chain(
            raw.nama_lain
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_str(), format!("nama_lain[{i}]"))),
        );
        let mut mine = BTreeSet::new();
        for (name, path) in names {
            let key = name.trim().to_lowercase();
            if key.is_empty() || !mine.insert(key.clone()) {
                continue;
            }
            match owner.get(&key) {
                Some(other) if *other != t.doc.id => diags.push(
                    Diagnostic::warning(
                        "TPL010",
                        tr!(
                            "nama `{}` juga dipakai templat `{}`",
                            "name `{}` is also used by template `{}`",
                            name.trim(),
                            other
                        ),
                    )
                    .at_opt(t.doc.spans.get(&path))
                    .help(tr!(
                        "langkah SOP yang menyebut nama ini ditautkan ke templat pertama; beri nama yang khas",
                        "SOP steps citing this name link to the first template; use a distinct name"
                    )),
                ),
                Some(_) => {}
                None => {
                    owner.insert(key, &t.doc.id);
                }
            }
        }
    }
}
