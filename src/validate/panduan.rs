//! Rules for the cooperation navigator (`content/panduan.yaml`), codes
//! `PAN...`: every answer and rule has an id of its own, every list holds
//! something, every id it names exists, and every rule cites its source.

use super::refs::Known;
use crate::diag::Diagnostic;
use crate::load::panduan::{RawChoice, RawOutcome, RawSource};
use crate::load::{Input, YamlSpans};
use crate::model::panduan::{Choice, Cited, Outcome, Panduan, Source};
use crate::tr;
use std::collections::{BTreeMap, BTreeSet};

/// The ids a navigator may name, per kind.
struct Ids<'a> {
    legal: &'a BTreeSet<&'a str>,
    sops: &'a BTreeSet<&'a str>,
    templat: BTreeSet<&'a str>,
    pengetahuan: BTreeSet<&'a str>,
    mitra: BTreeSet<&'a str>,
    objek: BTreeSet<&'a str>,
    broken: &'a BTreeSet<String>,
}

/// What a reference names, for its message and the ids to suggest.
#[derive(Clone, Copy)]
enum What {
    Legal,
    Sop,
    Template,
    Article,
    Partner,
    Object,
}

pub(super) fn resolve(
    input: &Input,
    known: &Known,
    diags: &mut Vec<Diagnostic>,
) -> Option<Panduan> {
    let p = input.panduan.as_ref()?;
    let spans = &p.spans;
    let raw = &p.raw;
    let ids = Ids {
        legal: &known.legal,
        sops: &known.sops,
        templat: input.templat.iter().map(|t| t.doc.id.as_str()).collect(),
        pengetahuan: input
            .pengetahuan
            .iter()
            .map(|a| a.doc.id.as_str())
            .collect(),
        mitra: raw.mitra.iter().map(|c| c.id.trim()).collect(),
        objek: raw.objek.iter().map(|c| c.id.trim()).collect(),
        broken: known.broken,
    };
    let before = diags.len();
    let mitra = choices(&raw.mitra, "mitra", spans, diags);
    let objek = choices(&raw.objek, "objek", spans, diags);
    non_empty(raw.hasil.is_empty(), "hasil", spans, diags);
    let mut seen = BTreeMap::new();
    let hasil: Vec<Outcome> = raw
        .hasil
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let at = format!("hasil[{i}]");
            unique(&h.id, &at, &mut seen, spans, diags);
            outcome(h, &at, &ids, spans, diags)
        })
        .collect();
    // A navigator with an error is not shown; `check` reports them all.
    (diags.len() == before).then(|| Panduan {
        file: input.sources.file(p.file).path.clone(),
        pengantar: text(raw.pengantar.as_deref()),
        mitra,
        objek,
        hasil,
    })
}

fn text(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn choices(
    list: &[RawChoice],
    key: &str,
    spans: &YamlSpans,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Choice> {
    non_empty(list.is_empty(), key, spans, diags);
    let mut seen = BTreeMap::new();
    list.iter()
        .enumerate()
        .map(|(i, c)| {
            let at = format!("{key}[{i}]");
            unique(&c.id, &at, &mut seen, spans, diags);
            required(&c.label, &format!("{at}.label"), spans, diags);
            Choice {
                id: c.id.trim().to_owned(),
                label: c.label.trim().to_owned(),
                keterangan: text(c.keterangan.as_deref()),
            }
        })
        .collect()
}

fn outcome(
    h: &RawOutcome,
    at: &str,
    ids: &Ids,
    spans: &YamlSpans,
    diags: &mut Vec<Diagnostic>,
) -> Outcome {
    required(&h.jenis, &format!("{at}.jenis"), spans, diags);
    required(&h.ringkasan, &format!("{at}.ringkasan"), spans, diags);
    let mitra = h.mitra.trim();
    if required(mitra, &format!("{at}.mitra"), spans, diags) {
        reference(
            mitra,
            What::Partner,
            &format!("{at}.mitra"),
            ids,
            spans,
            diags,
        );
    }
    non_empty(h.objek.is_empty(), &format!("{at}.objek"), spans, diags);
    let objek = refs(
        Some(&h.objek),
        What::Object,
        &format!("{at}.objek"),
        ids,
        spans,
        diags,
    );
    let list = |l: &Option<Vec<String>>, what, key: &str, diags: &mut Vec<Diagnostic>| {
        let path = format!("{at}.{key}");
        non_empty(l.as_ref().is_some_and(Vec::is_empty), &path, spans, diags);
        refs(l.as_ref(), what, &path, ids, spans, diags)
    };
    let dasar_hukum = list(&h.dasar_hukum, What::Legal, "dasar_hukum", diags);
    let sop = list(&h.sop, What::Sop, "sop", diags);
    let templat = list(&h.templat, What::Template, "templat", diags);
    let pengetahuan = list(&h.pengetahuan, What::Article, "pengetahuan", diags);
    let catatan = h.catatan.as_deref().unwrap_or_default();
    non_empty(
        h.catatan.as_ref().is_some_and(Vec::is_empty),
        &format!("{at}.catatan"),
        spans,
        diags,
    );
    for (i, c) in catatan.iter().enumerate() {
        required(c, &format!("{at}.catatan[{i}]"), spans, diags);
    }
    let sumber = sources(h.sumber.as_deref(), at, ids, spans, diags);
    Outcome {
        id: h.id.trim().to_owned(),
        mitra: mitra.to_owned(),
        objek,
        jenis: h.jenis.trim().to_owned(),
        ringkasan: h.ringkasan.trim().to_owned(),
        naskah: text(h.naskah.as_deref()),
        di_luar_cakupan: h.di_luar_cakupan,
        dasar_hukum,
        sop,
        templat,
        pengetahuan,
        catatan: catatan.iter().map(|c| c.trim().to_owned()).collect(),
        sumber,
    }
}

/// PAN004: a rule without `sumber`, or a source that does not name exactly
/// one legal basis (with its `bagian`), SOP or article.
fn sources(
    list: Option<&[RawSource]>,
    at: &str,
    ids: &Ids,
    spans: &YamlSpans,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Source> {
    let list = list.unwrap_or_default();
    if list.is_empty() {
        diags.push(
            Diagnostic::error(
                "PAN004",
                tr!("aturan panduan tanpa `sumber`", "a navigator rule without `sumber`"),
            )
            .at_opt(spans.key(&format!("{at}.sumber")).or_else(|| spans.key(&format!("{at}.id"))))
            .label(tr!("aturan ini", "this rule"))
            .help(tr!(
                "tambahkan `sumber:` dengan sedikitnya satu butir `dasar_hukum` (beserta `bagian`, mis. pasalnya), `sop` atau `pengetahuan`",
                "add `sumber:` with at least one item naming a `dasar_hukum` (with its `bagian`, e.g. the pasal), an `sop` or a `pengetahuan` article"
            )),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, s) in list.iter().enumerate() {
        let path = format!("{at}.sumber[{i}]");
        let named: Vec<(&str, What, &String)> = [
            ("dasar_hukum", What::Legal, &s.dasar_hukum),
            ("sop", What::Sop, &s.sop),
            ("pengetahuan", What::Article, &s.pengetahuan),
        ]
        .into_iter()
        .filter_map(|(k, w, v)| v.as_ref().map(|v| (k, w, v)))
        .collect();
        let bagian = text(s.bagian.as_deref());
        let [(key, what, id)] = named[..] else {
            diags.push(bad_source(named.len()).at_opt(spans.get(&path)));
            continue;
        };
        if matches!(what, What::Legal) && bagian.is_none() {
            diags.push(
                Diagnostic::error(
                    "PAN004",
                    tr!(
                        "sumber dasar hukum `{}` tanpa `bagian`",
                        "legal-basis source `{}` without `bagian`",
                        id.trim()
                    ),
                )
                .at_opt(spans.get(&format!("{path}.{key}")))
                .help(tr!(
                    "tulis `bagian:` dengan pasal atau bagian yang dirujuk, sebagaimana dinyatakan halaman dasar hukumnya",
                    "write `bagian:` with the pasal or part cited, as its legal-basis page states it"
                )),
            );
            continue;
        }
        if reference(id.trim(), what, &format!("{path}.{key}"), ids, spans, diags) {
            let id = id.trim().to_owned();
            let cited = match what {
                What::Legal => Cited::Legal(id),
                What::Sop => Cited::Sop(id),
                _ => Cited::Article(id),
            };
            out.push(Source { cited, bagian });
        }
    }
    out
}

fn bad_source(count: usize) -> Diagnostic {
    Diagnostic::error(
        "PAN004",
        tr!(
            "butir `sumber` menyebut {} rujukan; harus tepat satu",
            "a `sumber` item names {} references; it must name exactly one",
            count
        ),
    )
    .help(tr!(
        "tulis satu dari `dasar_hukum` (dengan `bagian`), `sop` atau `pengetahuan` per butir",
        "write one of `dasar_hukum` (with `bagian`), `sop` or `pengetahuan` per item"
    ))
}

/// The known ids of `list`, without repeats; PAN002 for the others.
fn refs(
    list: Option<&Vec<String>>,
    what: What,
    key: &str,
    ids: &Ids,
    spans: &YamlSpans,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, id) in list.map_or(&[][..], Vec::as_slice).iter().enumerate() {
        let id = id.trim();
        if reference(id, what, &format!("{key}[{i}]"), ids, spans, diags)
            && !out.iter().any(|o| o == id)
        {
            out.push(id.to_owned());
        }
    }
    out
}

/// Whether `id` names a `what`; PAN002 with the nearest id when it does not.
fn reference(
    id: &str,
    what: What,
    path: &str,
    ids: &Ids,
    spans: &YamlSpans,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let set = match what {
        What::Legal => ids.legal,
        What::Sop => ids.sops,
        What::Template => &ids.templat,
        What::Article => &ids.pengetahuan,
        What::Partner => &ids.mitra,
        What::Object => &ids.objek,
    };
    if set.contains(id) {
        return true;
    }
    if matches!(what, What::Legal | What::Sop) && ids.broken.contains(id) {
        return false; // its file failed to parse, already reported
    }
    let (msg, help) = match what {
        What::Legal => (
            tr!(
                "dasar hukum `{}` tidak dikenal",
                "unknown legal basis `{}`",
                id
            ),
            tr!(
                "tulis id halaman di content/dasar-hukum/ (nama berkas tanpa .md)",
                "write the id of a page in content/dasar-hukum/ (its file name without .md)"
            ),
        ),
        What::Sop => (
            tr!("SOP `{}` tidak dikenal", "unknown SOP `{}`", id),
            tr!(
                "tulis id SOP (nama berkas di sops/ tanpa .yaml)",
                "write an SOP id (a file name in sops/ without .yaml)"
            ),
        ),
        What::Template => (
            tr!("templat `{}` tidak dikenal", "unknown template `{}`", id),
            tr!(
                "tulis id templat (nama berkas di content/templat/ tanpa .md)",
                "write a template id (a file name in content/templat/ without .md)"
            ),
        ),
        What::Article => (
            tr!("artikel `{}` tidak dikenal", "unknown article `{}`", id),
            tr!(
                "tulis id artikel (nama berkas di content/pengetahuan/ tanpa .md)",
                "write an article id (a file name in content/pengetahuan/ without .md)"
            ),
        ),
        What::Partner => (
            tr!(
                "mitra `{}` tidak ada di daftar `mitra`",
                "partner `{}` is not in the `mitra` list",
                id
            ),
            tr!(
                "tulis `id` salah satu butir `mitra`",
                "write the `id` of an item of `mitra`"
            ),
        ),
        What::Object => (
            tr!(
                "objek `{}` tidak ada di daftar `objek`",
                "object `{}` is not in the `objek` list",
                id
            ),
            tr!(
                "tulis `id` salah satu butir `objek`",
                "write the `id` of an item of `objek`"
            ),
        ),
    };
    let known = crate::diag::suggest::suggest(id, set.iter().copied(), 12);
    diags.push(
        Diagnostic::error("PAN002", msg)
            .at_opt(spans.get(path))
            .label(known.label(tr!("tidak dikenal", "unknown")))
            .help(help),
    );
    false
}

/// PAN001 when the text at `path` is blank; whether it is not.
fn required(value: &str, path: &str, spans: &YamlSpans, diags: &mut Vec<Diagnostic>) -> bool {
    if value.trim().is_empty() {
        diags.push(super::refs::empty(path, "PAN001").at_opt(spans.get(path)));
        return false;
    }
    true
}

/// PAN001 for a list written with nothing in it.
fn non_empty(empty: bool, path: &str, spans: &YamlSpans, diags: &mut Vec<Diagnostic>) {
    if empty {
        diags.push(
            Diagnostic::error("PAN001", tr!("daftar `{}` kosong", "list `{}` is empty", path))
                .at_opt(spans.get(path))
                .help(tr!(
                    "isi sedikitnya satu butir, atau hapus kuncinya bila tidak wajib; lihat docs/FORMAT.md",
                    "give at least one item, or remove the key when it is optional; see docs/FORMAT.md"
                )),
        );
    }
}

/// PAN003 for an id used before in the same list; PAN005 for one that
/// cannot be an anchor (lower-case letters, digits and `-`).
fn unique<'a>(
    id: &'a str,
    at: &str,
    seen: &mut BTreeMap<&'a str, usize>,
    spans: &YamlSpans,
    diags: &mut Vec<Diagnostic>,
) {
    let path = format!("{at}.id");
    let id = id.trim();
    if !required(id, &path, spans, diags) {
        return;
    }
    let ok = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.len() <= 64;
    if !ok {
        diags.push(
            Diagnostic::error(
                "PAN005",
                tr!(
                    "id `{}` harus huruf kecil, angka dan `-` (paling panjang 64)",
                    "id `{}` must be lower-case letters, digits and `-` (at most 64)",
                    id
                ),
            )
            .at_opt(spans.get(&path))
            .help(tr!(
                "id menjadi jangkar di alamat halaman, mis. `daerah-lain`",
                "the id becomes an anchor in the page's address, e.g. `daerah-lain`"
            )),
        );
    }
    let line = spans.get(&path);
    if let Some(first) = seen.get(id) {
        diags.push(
            Diagnostic::error(
                "PAN003",
                tr!(
                    "id `{}` ditulis dua kali (sama dengan butir ke-{})",
                    "id `{}` is written twice (same as item {})",
                    id,
                    first + 1
                ),
            )
            .at_opt(line)
            .label(tr!("pengulangan", "repeated here"))
            .help(tr!(
                "beri setiap butir id sendiri",
                "give every item an id of its own"
            )),
        );
        return;
    }
    let index = at
        .rsplit_once('[')
        .and_then(|(_, n)| n.trim_end_matches(']').parse().ok())
        .unwrap_or(0);
    seen.insert(id, index);
}
