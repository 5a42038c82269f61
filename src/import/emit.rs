//! Rows to entry files: the front matter is written by serde-saphyr and every
//! file is read back with the loader's own parser (`KS115` when it would not
//! give the same entry).

use super::row::Row;
use crate::diag::Diagnostic;
use crate::load::registry::RawAgreement;
use crate::tr;

/// The file text of every row, each read back with the loader's parser:
/// a row whose text would not give the same entry is refused (`KS115`).
pub(super) fn emit(rows: &[Row], diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    emit_checked(rows, diags, reads_back)
}

/// `emit` with the read-back check as a parameter, so a test can make it
/// fail (no input does: KS115 reports a sopkb bug).
pub(super) fn emit_checked(
    rows: &[Row],
    diags: &mut Vec<Diagnostic>,
    check: impl Fn(&str, &Row) -> Result<(), String>,
) -> Vec<(String, String)> {
    let mut files = Vec::with_capacity(rows.len());
    for r in rows {
        match to_markdown(&r.raw, &r.body)
            .map_err(|e| e.to_string())
            .and_then(|text| check(&text, r).map(|()| text))
        {
            Ok(text) => files.push((format!("{}.md", r.id), text)),
            Err(why) => diags.push(
                Diagnostic::error(
                    "KS115",
                    tr!(
                        "baris ini tidak dapat ditulis sebagai berkas yang terbaca kembali sama: {}",
                        "this row cannot be written as a file that reads back the same: {}",
                        why
                    ),
                )
                .at(r.origin)
                .help(tr!(
                    "ini kesalahan sopkb, bukan isian Anda: laporkan bersama baris ini; sementara itu tulis entrinya dengan `sopkb new kerja-sama`",
                    "this is a sopkb bug, not your data: report it with this row; meanwhile write the entry with `sopkb new kerja-sama`"
                )),
            ),
        }
    }
    files
}

/// Reads `text` as `load` reads `content/kerja-sama/<id>.md` and compares.
fn reads_back(text: &str, r: &Row) -> Result<(), String> {
    let doc = crate::load::parse_doc::<RawAgreement>(r.origin.file, text, r.id.clone())
        .map_err(|d| d.message.en)?;
    let body = if r.body.is_empty() {
        String::new()
    } else {
        format!("{}\n", r.body)
    };
    if doc.doc.raw != r.raw {
        return Err("front matter differs".into());
    }
    if doc.body != body {
        return Err("body differs".into());
    }
    Ok(())
}

/// The content file for one entry: front matter, then the body. The YAML
/// is written by serde-saphyr's serializer, never by hand: it quotes and
/// escapes whatever a cell holds (`: `, `#`, `&`, `*`, `!`, `{{`, `---`,
/// line breaks, YAML 1.1 words like `null`), so a cell cannot add keys or
/// end the front matter. Defaults (`contoh: false`, empty lists, absent
/// values) are left out, as an editor would.
pub(crate) fn to_markdown(r: &RawAgreement, body: &str) -> Result<String, EmitError> {
    // JSON is the exact intermediate: it keeps the fields in the struct's
    // order and every value's type, so the defaults can be dropped.
    let json = serde_json::to_string(r).map_err(EmitError::Json)?;
    let mut value: Tree = serde_json::from_str(&json).map_err(EmitError::Json)?;
    if let Tree::Map(m) = &mut value {
        m.retain(|k, v| k == "para_pihak" || !is_default(v));
        for (_, v) in m.iter_mut() {
            prune(v);
        }
    }
    // YAML 1.2, which sopkb reads: dates stay unquoted (`2025-09-16`), as
    // an editor writes them; `null`, `true` and numbers in text are quoted.
    let options = serde_saphyr::ser_options! { yaml_12: true, no_lang_directive: true };
    let yaml = serde_saphyr::to_string_with_options(&value, options).map_err(EmitError::Yaml)?;
    let mut s = String::with_capacity(yaml.len() + body.len() + 80);
    s.push_str("---\n# Dibuat oleh `sopkb import kerja-sama`; format: docs/FORMAT.md.\n");
    s.push_str(&yaml);
    s.push_str("---\n");
    if !body.is_empty() {
        s.push_str(body);
        s.push('\n');
    }
    Ok(s)
}

/// Why an entry could not be written as front matter.
#[derive(Debug)]
pub(crate) enum EmitError {
    Json(serde_json::Error),
    Yaml(serde_saphyr::SerializeError),
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EmitError::Json(e) => write!(f, "{e}"),
            EmitError::Yaml(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for EmitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EmitError::Json(e) => Some(e),
            EmitError::Yaml(e) => Some(e),
        }
    }
}

/// A front matter value between JSON and YAML.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
enum Tree {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Tree>),
    Map(indexmap::IndexMap<String, Tree>),
}

/// `false`, null or an empty list: what `#[serde(default)]` gives back.
fn is_default(v: &Tree) -> bool {
    match v {
        Tree::Null | Tree::Bool(false) => true,
        Tree::Seq(s) => s.is_empty(),
        _ => false,
    }
}

/// Drops defaults from the mappings nested in `v` (parties, dates, records).
fn prune(v: &mut Tree) {
    match v {
        Tree::Map(m) => m.retain(|_, v| !is_default(v)),
        Tree::Seq(items) => items.iter_mut().for_each(prune),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;
    use crate::load::registry::{RawCatatan, RawPihak, RawTanggalKs};

    #[test]
    fn emitted_front_matter_parses_back_to_the_same_entry() {
        let raw = RawAgreement {
            draf: false,
            contoh: true,
            jenis: "KSDD".into(),
            dokumen: "PKS".into(),
            judul: "Perjanjian: \"Sampah\" # 1".into(),
            objek: "yes".into(),
            bidang_urusan: Some("Lingkungan Hidup".into()),
            para_pihak: vec![
                RawPihak {
                    nama: "Pemerintah Kabupaten Magetan".into(),
                    nomor: "180/15/403.012/2025".into(),
                    ppksd: Some("Bagian Tata Pemerintahan".into()),
                    penandatangan: None,
                    kode_wilayah: Some("35.20".into()),
                },
                RawPihak {
                    nama: "PT. Air Bersih [Persero]".into(),
                    nomor: "- 7 -".into(),
                    ppksd: None,
                    penandatangan: Some("Direktur Utama".into()),
                    kode_wilayah: None,
                },
            ],
            opd_pelaksana: vec!["Dinas Lingkungan Hidup".into()],
            tanggal: RawTanggalKs {
                tanda_tangan: "2025-01-02".into(),
                mulai: Some("2025-01-03".into()),
                berakhir: "2027-01-02".into(),
            },
            nilai: Some(1_250_000_000),
            kb: Some("magetan-kb".into()),
            terkait_sop: vec!["a-b".into(), "c".into()],
            terkait_templat: vec![],
            dasar_hukum: vec!["pp-28-2018".into()],
            berkas: Some("https://contoh.go.id/pks.pdf".into()),
            pemantauan: vec![RawCatatan {
                tanggal: "2025-06-01".into(),
                catatan: "Rapat: baik".into(),
            }],
            evaluasi: vec![],
        };
        let md = to_markdown(&raw, "Isi *keterangan*.").unwrap();
        let split = crate::load::frontmatter::split(&md).unwrap();
        let (back, _) = crate::load::yaml::parse::<RawAgreement>(FileId(0), split.yaml, 0).unwrap();
        assert_eq!(back, raw);
        assert_eq!(split.body, "Isi *keterangan*.\n");
    }

    /// Values that a hand-written emitter gets wrong: YAML indicators,
    /// keys and document markers inside values, YAML 1.1 words, numbers,
    /// line breaks of every kind, escapes and Markdown that looks like YAML.
    const HOSTILE: &[&str] = &[
        "a: b",
        "x\n---\nstatus: dicabut",
        "\"\nstatus: x",
        "&anchor",
        "*alias",
        "!tag x",
        "!!python/object:os.system",
        "{{ x }}",
        "[a, b]",
        "- item",
        "# komentar",
        "a #b",
        "%YAML 1.1",
        "@x",
        "`x`",
        "| x",
        "> x",
        "? x",
        "---",
        "...",
        "null",
        "~",
        "yes",
        "No",
        "0x1F",
        "1e3",
        ".inf",
        "012",
        "2025-01-01 10:00:00",
        "x\u{85}y: z",
        "x\u{2028}y",
        "x\ry",
        "x\u{0}y\u{1b}[2J\u{7f}",
        "\u{feff}x",
        "x\u{202e}y",
        "tab\tdi tengah",
        "'kutip' \"ganda\" \\ garis",
        "akhir:",
        "  spasi  ",
        "<script>alert(1)</script>",
    ];

    #[test]
    fn every_hostile_value_reads_back_unchanged_with_the_loader() {
        for v in HOSTILE {
            let s = |x: &str| format!("{x}{v}");
            let raw = RawAgreement {
                jenis: v.to_string(),
                dokumen: s("d"),
                judul: v.to_string(),
                objek: s("o "),
                bidang_urusan: Some(v.to_string()),
                para_pihak: vec![RawPihak {
                    nama: v.to_string(),
                    nomor: v.to_string(),
                    ppksd: Some(v.to_string()),
                    penandatangan: Some(s("p")),
                    kode_wilayah: Some(v.to_string()),
                }],
                opd_pelaksana: vec![v.to_string(), s("o")],
                tanggal: RawTanggalKs {
                    tanda_tangan: v.to_string(),
                    mulai: Some(v.to_string()),
                    berakhir: v.to_string(),
                },
                kb: Some(v.to_string()),
                terkait_sop: vec![v.to_string()],
                berkas: Some(v.to_string()),
                evaluasi: vec![RawCatatan {
                    tanggal: v.to_string(),
                    catatan: v.to_string(),
                }],
                ..Default::default()
            };
            let body = format!("{v}\n---\njenis: x");
            let md = to_markdown(&raw, &body).unwrap();
            let doc = crate::load::parse_doc::<RawAgreement>(FileId(0), &md, "x".into())
                .unwrap_or_else(|d| panic!("{v:?}: {}\n{md}", d.message.en));
            assert_eq!(doc.doc.raw, raw, "{v:?}\n{md}");
            assert_eq!(doc.body, format!("{body}\n"), "{v:?}");
        }
    }
}
