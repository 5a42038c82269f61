//! The one description of `data/kerja-sama.csv`: each column's name, type,
//! constraints, meaning and cell. The CSV writer, the Table Schema of
//! `data/datapackage.json`, the CSVW metadata and `import`'s list of known
//! columns all read it, so they cannot disagree.

use super::{party_column, record_lines, url};
use crate::model::registry::{Agreement, Dokumen, Jenis, Status};
use crate::model::Site;

/// The values a column holds, as the metadata files type them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Type {
    String,
    /// `YYYY-MM-DD`.
    Date,
    /// `ya` or `tidak`.
    Boolean,
    /// A whole number of rupiah, at least 0.
    Integer,
}

/// An id (`a-z`, `0-9`, `-`; no `-` at either end), as file names give them.
pub(crate) const ID: &str = "[a-z0-9]+(-[a-z0-9]+)*";
/// Several ids, one per line.
const IDS: &str = "[a-z0-9]+(-[a-z0-9]+)*(\\n[a-z0-9]+(-[a-z0-9]+)*)*";
/// Dated records, one per line: `YYYY-MM-DD: catatan`.
const RECORDS: &str =
    "[0-9]{4}-[0-9]{2}-[0-9]{2}: [^\\n]*(\\n[0-9]{4}-[0-9]{2}-[0-9]{2}: [^\\n]*)*";
/// Region codes in the dotted form, one line per party (empty lines for
/// parties without one).
const KODE_WILAYAH_LINES: &str = "([0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?)?(\\n([0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?)?)*";

pub(crate) struct Column {
    pub name: &'static str,
    pub kind: Type,
    /// Never empty.
    pub required: bool,
    /// The only values allowed, for coded columns.
    pub values: Option<fn() -> Vec<&'static str>>,
    /// A regular expression a whole non-empty cell matches (XML Schema
    /// syntax, which Table Schema and CSVW both read; not anchored).
    pub pattern: Option<&'static str>,
    /// Indonesian and English.
    pub description: (&'static str, &'static str),
    pub cell: fn(&Site, &Agreement) -> String,
}

fn yes_no(b: bool) -> String {
    if b { "ya" } else { "tidak" }.into()
}

fn joined(list: &[String]) -> String {
    list.join("\n")
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

const fn col(
    name: &'static str,
    kind: Type,
    required: bool,
    description: (&'static str, &'static str),
    cell: fn(&Site, &Agreement) -> String,
) -> Column {
    Column {
        name,
        kind,
        required,
        values: None,
        pattern: None,
        description,
        cell,
    }
}

const fn coded(mut c: Column, values: fn() -> Vec<&'static str>) -> Column {
    c.values = Some(values);
    c
}

const fn patterned(mut c: Column, pattern: &'static str) -> Column {
    c.pattern = Some(pattern);
    c
}

use Type::{Boolean, Date, Integer, String as Text};

/// The columns, in the CSV's order. New columns go at the end, so readers
/// that address columns by position keep working.
pub(crate) const SCHEMA: [Column; 29] = [
    patterned(
        col(
            "id",
            Text,
            true,
            ("Id entri (nama berkas di content/kerja-sama/)", "Entry id (its file name in content/kerja-sama/)"),
            |_, a| a.id.clone(),
        ),
        ID,
    ),
    col(
        "contoh",
        Boolean,
        true,
        ("`ya` bila entri ilustrasi, bukan kesepakatan nyata", "`ya` for an illustrative entry, not a real agreement"),
        |_, a| yes_no(a.contoh),
    ),
    coded(
        col(
            "jenis",
            Text,
            true,
            ("Jenis kerja sama (PP 28/2018)", "Kind of cooperation (PP 28/2018)"),
            |_, a| a.jenis.code().into(),
        ),
        || Jenis::ALL.iter().map(|j| j.code()).collect(),
    ),
    coded(
        col(
            "dokumen",
            Text,
            true,
            ("Dokumen: KB (Kesepakatan Bersama), NK (Nota Kesepakatan), PKS (Perjanjian Kerja Sama), RK (Rencana Kerja)", "Document: KB (joint agreement), NK (memorandum), PKS (cooperation agreement), RK (work plan)"),
            |_, a| a.dokumen.code().into(),
        ),
        || Dokumen::ALL.iter().map(|d| d.code()).collect(),
    ),
    col("judul", Text, true, ("Judul dokumen", "Title of the document"), |_, a| a.judul.clone()),
    col("objek", Text, true, ("Objek kerja sama", "Object of the cooperation"), |_, a| a.objek.clone()),
    col(
        "bidang_urusan",
        Text,
        false,
        ("Urusan pemerintahan yang dilayani", "Government affair it serves"),
        |_, a| opt(&a.bidang_urusan),
    ),
    col(
        "pihak_nama",
        Text,
        true,
        ("Para pihak, satu baris per pihak", "The parties, one line each"),
        |_, a| a.para_pihak.iter().map(|p| p.nama.as_str()).collect::<Vec<_>>().join("\n"),
    ),
    col(
        "pihak_nomor",
        Text,
        true,
        ("Nomor dokumen tiap pihak, baris sejajar `pihak_nama`", "Each party's document number, lines aligned with `pihak_nama`"),
        |_, a| a.para_pihak.iter().map(|p| p.nomor.as_str()).collect::<Vec<_>>().join("\n"),
    ),
    col(
        "pihak_ppksd",
        Text,
        false,
        ("Perangkat daerah pengelola KSD tiap pihak, baris sejajar `pihak_nama`", "Each party's cooperation unit, lines aligned with `pihak_nama`"),
        |_, a| party_column(a, |p| p.ppksd.as_deref()),
    ),
    col(
        "pihak_penandatangan",
        Text,
        false,
        ("Penanda tangan tiap pihak, baris sejajar `pihak_nama`", "Each party's signatory, lines aligned with `pihak_nama`"),
        |_, a| party_column(a, |p| p.penandatangan.as_deref()),
    ),
    col(
        "opd_pelaksana",
        Text,
        false,
        ("Perangkat daerah pelaksana, satu baris masing-masing", "Implementing units, one line each"),
        |_, a| joined(&a.opd_pelaksana),
    ),
    col("tanggal_tanda_tangan", Date, true, ("Tanggal penandatanganan", "Signing date"), |_, a| a.tanda_tangan.to_string()),
    col("tanggal_mulai", Date, true, ("Tanggal mulai berlaku", "First day in force"), |_, a| a.mulai.to_string()),
    col("tanggal_berakhir", Date, true, ("Tanggal terakhir berlaku", "Last day in force"), |_, a| a.berakhir.to_string()),
    col(
        "nilai",
        Integer,
        false,
        ("Nilai kerja sama dalam rupiah, bila dinyatakan", "Value in rupiah, if stated"),
        |_, a| a.nilai.map(|n| n.to_string()).unwrap_or_default(),
    ),
    patterned(
        col(
            "kb",
            Text,
            false,
            ("Id kesepakatan induk (KB/NK) yang dilaksanakan", "Id of the umbrella agreement (KB/NK) it implements"),
            |_, a| opt(&a.kb),
        ),
        ID,
    ),
    patterned(
        col("terkait_sop", Text, false, ("Id SOP terkait, satu baris masing-masing", "Ids of related SOPs, one line each"), |_, a| joined(&a.terkait_sop)),
        IDS,
    ),
    patterned(
        col("terkait_templat", Text, false, ("Id templat dokumen terkait", "Ids of related document templates"), |_, a| joined(&a.terkait_templat)),
        IDS,
    ),
    patterned(
        col("dasar_hukum", Text, false, ("Id dasar hukum", "Ids of legal bases"), |_, a| joined(&a.dasar_hukum)),
        IDS,
    ),
    col("berkas", Text, false, ("Tautan pindaian dokumen", "Link to the scanned document"), |_, a| opt(&a.berkas)),
    patterned(
        col(
            "pemantauan",
            Text,
            false,
            ("Catatan pemantauan, satu baris masing-masing: `TTTT-BB-HH: catatan`", "Monitoring records, one line each: `YYYY-MM-DD: note`"),
            |_, a| record_lines(&a.pemantauan),
        ),
        RECORDS,
    ),
    patterned(
        col(
            "evaluasi",
            Text,
            false,
            ("Catatan evaluasi, satu baris masing-masing: `TTTT-BB-HH: catatan`", "Evaluation records, one line each: `YYYY-MM-DD: note`"),
            |_, a| record_lines(&a.evaluasi),
        ),
        RECORDS,
    ),
    col("keterangan", Text, false, ("Keterangan (Markdown)", "Remarks (Markdown)"), |_, a| a.keterangan.clone()),
    coded(
        col(
            "status",
            Text,
            true,
            ("Status pada tanggal status data (dihitung)", "Status on the data's status date (computed)"),
            |_, a| a.status.code().into(),
        ),
        || Status::ALL.iter().map(|s| s.code()).collect(),
    ),
    col(
        "pemantauan_berikutnya",
        Date,
        false,
        ("Batas pemantauan berikutnya, untuk kerja sama yang berlaku (dihitung)", "When the next monitoring record is due, for agreements in force (computed)"),
        |_, a| a.pemantauan_berikutnya.map(|d| d.to_string()).unwrap_or_default(),
    ),
    col(
        "pemantauan_terlambat",
        Boolean,
        true,
        ("`ya` bila pemantauan terlambat (dihitung)", "`ya` when monitoring is overdue (computed)"),
        |_, a| yes_no(a.pemantauan_terlambat),
    ),
    col("url", Text, true, ("Alamat halaman entri", "Address of the entry's page"), |s, a| url(s, &a.id)),
    patterned(
        col(
            "pihak_kode_wilayah",
            Text,
            false,
            ("Kode wilayah pemerintah daerah tiap pihak (Permendagri 137/2017, mis. 35.20), baris sejajar `pihak_nama`; kosong untuk pihak lain", "Each regional government party's region code (Permendagri 137/2017, e.g. 35.20), lines aligned with `pihak_nama`; empty for other parties"),
            |_, a| party_column(a, |p| p.kode_wilayah.as_deref()),
        ),
        KODE_WILAYAH_LINES,
    ),
];

const fn names<const N: usize>(cols: &[Column; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = cols[i].name;
        i += 1;
    }
    out
}

/// The column names, in order.
pub(crate) const NAMES: [&str; SCHEMA.len()] = names(&SCHEMA);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_coded_columns_are_text() {
        let mut seen = std::collections::BTreeSet::new();
        for c in &SCHEMA {
            assert!(seen.insert(c.name), "{} twice", c.name);
            assert!(c.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(c.values.is_none() || c.kind == Type::String, "{}", c.name);
            assert!(!c.description.0.is_empty() && !c.description.1.is_empty());
        }
    }
}
