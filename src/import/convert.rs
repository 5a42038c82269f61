//! CSV text to rows: the header, the size and characters of the sheet, and
//! the id of every row (explicit or derived from the title).

use super::row::{CsvSpans, Row, RowReader};
use crate::diag::{Diagnostic, FileId, Span, Text};
use crate::load::csv::{self, Record};
use crate::model::registry::slug;
use crate::render::open_data::COLUMNS;
use crate::tr;
use crate::validate::registry::Spans;
use std::collections::{BTreeMap, HashMap};

/// Longest explicit `id`: it becomes a file name (most file systems allow
/// 255 bytes, and the temporary name adds a few).
pub(super) const MAX_ID_BYTES: usize = 120;

/// Columns a row cannot do without.
const REQUIRED: &[&str] = &[
    "jenis",
    "dokumen",
    "judul",
    "objek",
    "pihak_nama",
    "pihak_nomor",
    "tanggal_tanda_tangan",
    "tanggal_berakhir",
];

/// KS116: more data rows than one import takes; located at the first row
/// over the limit, before any row is read.
fn too_many_rows(rows: usize, over: &csv::Record, file: FileId) -> Diagnostic {
    let max = crate::limits::MAX_IMPORT_ROWS;
    Diagnostic::error(
        "KS116",
        tr!(
            "CSV berisi {} baris data; satu impor paling banyak {} baris",
            "the CSV holds {} data rows; one import takes at most {}",
            rows,
            max
        ),
    )
    .at(Span::new(file, over.start, over.end))
    .label(tr!("baris pertama di atas batas", "the first row over the limit"))
    .help(tr!(
        "periksa bahwa ini ekspor daftar kerja sama yang benar; bagi berkas yang memang sebesar itu menjadi beberapa impor",
        "check that this is the right export of the registry; split a file that really is this large into several imports"
    ))
}

/// "Tanggal Tanda Tangan" -> "tanggal_tanda_tangan".
pub(super) fn header_name(s: &str) -> String {
    s.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Reads the header and converts every data row; problems go to `diags`.
pub(crate) fn convert(src: &str, file: FileId, diags: &mut Vec<Diagnostic>) -> Vec<Row> {
    let delim = csv::detect_delimiter(src);
    let records = match csv::parse(src, delim) {
        Ok(r) => r,
        Err(e) => {
            let at = match e {
                csv::CsvError::Unclosed { at } | csv::CsvError::AfterQuote { at } => at,
            };
            diags.push(
                Diagnostic::error(
                    "KS102",
                    tr!("sintaks CSV tidak sah", "invalid CSV syntax"),
                )
                .at(Span::new(file, at, at + 1))
                .help(tr!(
                    "tanda kutip `\"` pembuka perlu penutup; kutip di dalam sel ditulis dua kali (`\"\"`)",
                    "an opening quote `\"` needs a closing one; quotes inside a cell are doubled (`\"\"`)"
                )),
            );
            return Vec::new();
        }
    };
    check_characters(&records, src, file, diags);
    let Some((head, data)) = records.split_first() else {
        diags.push(
            Diagnostic::error("KS104", tr!("berkas CSV kosong", "the CSV file is empty"))
                .at(Span::new(file, 0, 0))
                .help(tr!(
                    "baris pertama berisi nama kolom: {}",
                    "the first row names the columns: {}",
                    COLUMNS.join(", ")
                )),
        );
        return Vec::new();
    };
    if let Some(over) = data.get(crate::limits::MAX_IMPORT_ROWS) {
        diags.push(too_many_rows(data.len(), over, file));
        return Vec::new();
    }
    let mut cols: HashMap<String, usize> = HashMap::new();
    for (i, c) in head.cells.iter().enumerate() {
        let name = header_name(&c.text);
        let span = Span::new(file, c.start, c.end);
        if !COLUMNS.contains(&name.as_str()) {
            diags.push(
                Diagnostic::error(
                    "KS103",
                    tr!(
                        "kolom `{}` tidak dikenal",
                        "unknown column `{}`",
                        c.text.trim()
                    ),
                )
                .at(span)
                .help(tr!(
                    "kolom yang boleh: {}",
                    "allowed columns: {}",
                    COLUMNS.join(", ")
                )),
            );
        } else if cols.insert(name.clone(), i).is_some() {
            diags.push(
                Diagnostic::error(
                    "KS103",
                    tr!(
                        "kolom `{}` ditulis dua kali",
                        "column `{}` appears twice",
                        name
                    ),
                )
                .at(span),
            );
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| !cols.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        diags.push(
            Diagnostic::error(
                "KS104",
                tr!(
                    "kolom wajib tidak ada: {}",
                    "required columns are missing: {}",
                    missing.join(", ")
                ),
            )
            .at(Span::new(file, head.start, head.end))
            .help(tr!(
                "urutan kolom ekspor: {}",
                "the export's columns, in order: {}",
                COLUMNS.join(", ")
            )),
        );
        return Vec::new();
    }
    if data.is_empty() {
        diags.push(
            Diagnostic::error(
                "KS104",
                tr!("CSV tidak berisi baris data", "the CSV has no data rows"),
            )
            .at(Span::new(file, head.start, head.end)),
        );
    }
    let mut rows = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for (k, rec) in data.iter().enumerate() {
        let number = k + 2;
        if rec.cells.len() != head.cells.len() {
            diags.push(
                Diagnostic::error(
                    "KS105",
                    tr!(
                        "baris {} berisi {} sel, judul kolom {}",
                        "row {} has {} cells, the header {}",
                        number,
                        rec.cells.len(),
                        head.cells.len()
                    ),
                )
                .at(Span::new(file, rec.start, rec.end))
                .help(tr!(
                    "sel yang memuat pemisah (`,` atau `;`) atau baris baru harus diapit tanda kutip",
                    "cells containing the separator (`,` or `;`) or line breaks must be quoted"
                )),
            );
            continue;
        }
        let mut row = RowReader {
            src,
            file,
            rec,
            cols: &cols,
            spans: CsvSpans::default(),
            diags: &mut *diags,
        };
        let origin = Span::new(file, rec.start, rec.end);
        row.spans.row = Some(origin);
        let (raw, body) = row.read();
        let explicit = row.text("id");
        let body_at = row.body_at();
        let spans = row.spans;
        let id = match explicit {
            Some(id) => {
                if id.len() > MAX_ID_BYTES {
                    diags.push(
                        Diagnostic::error(
                            "KS111",
                            tr!(
                                "id terlalu panjang ({} byte; paling banyak {})",
                                "id too long ({} bytes; at most {})",
                                id.len(),
                                MAX_ID_BYTES
                            ),
                        )
                        .at_opt(spans.get("id"))
                        .help(tr!(
                            "id menjadi nama berkas: pakai beberapa kata kunci, mis. `magetan-ngawi-pks-sampah`",
                            "the id becomes a file name: use a few key words, e.g. `magetan-ngawi-pks-sampah`"
                        )),
                    );
                } else if !valid_id(&id) {
                    diags.push(
                        Diagnostic::error(
                            "KS111",
                            tr!("`{}` bukan id yang sah", "`{}` is not a valid id", id),
                        )
                        .at_opt(spans.get("id"))
                        .help(tr!(
                            "huruf kecil, angka dan `-`, mis. `magetan-ngawi-pks-sampah`; atau kosongkan agar dibuat dari judul",
                            "lower-case letters, digits and `-`, e.g. `magetan-ngawi-pks-sampah`; or leave it empty to derive it from the title"
                        )),
                    );
                }
                if let Some(first) = ids.insert(id.clone(), number) {
                    diags.push(
                        Diagnostic::error(
                            "KS112",
                            tr!(
                                "id `{}` sudah dipakai baris {}",
                                "id `{}` is already used by row {}",
                                id,
                                first
                            ),
                        )
                        .at_opt(spans.get("id")),
                    );
                }
                id
            }
            None => {
                let base = derive_id(&raw.judul, number);
                let mut id = base.clone();
                let mut n = 2;
                while ids.contains_key(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                ids.insert(id.clone(), number);
                id
            }
        };
        rows.push(Row {
            id,
            raw,
            body,
            spans,
            origin,
            body_at,
        });
    }
    rows
}

/// Characters no cell may hold (`KS114`): control characters other than
/// tab and line feed (NUL, ESC, BEL, DEL, the C1 range with NEL, a CR not
/// part of a line end), the invisible bidirectional controls that make text
/// read differently from what it is ("Trojan Source"), the line and
/// paragraph separators YAML 1.1 takes as line breaks, a byte-order mark
/// inside text and the noncharacters U+FFFE/U+FFFF. None belongs in a
/// registry entry; most come from copying out of other programs.
pub(crate) fn forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{FEFF}'
                | '\u{FFFE}'
                | '\u{FFFF}'
        )
}

/// KS114 for the first forbidden character of every cell, located at the
/// character itself.
fn check_characters(records: &[Record], src: &str, file: FileId, diags: &mut Vec<Diagnostic>) {
    for cell in records.iter().flat_map(|r| &r.cells) {
        let Some((i, c)) = cell.text.char_indices().find(|&(_, c)| forbidden_char(c)) else {
            continue;
        };
        let at = cell.raw_offset(src, i);
        let what = if c.is_control() {
            tr!("karakter kendali", "control character")
        } else {
            tr!("karakter format tak terlihat", "invisible format character")
        };
        let code = format!("U+{:04X}", c as u32);
        let message = Text::new(
            format!("{} {code} tidak boleh ada di sel", what.id),
            format!("{} {code} is not allowed in a cell", what.en),
        );
        diags.push(
            Diagnostic::error("KS114", message)
            .at(Span::new(file, at, at + c.len_utf8()))
            .label(tr!("di sini", "here"))
            .help(tr!(
                "hapus karakter tak terlihat ini (biasanya terbawa saat menyalin dari program lain), lalu simpan ulang CSV",
                "delete this invisible character (usually carried over when copying from another program), then save the CSV again"
            )),
        );
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// An id from the title: its slug cut at a word boundary to 60 bytes.
fn derive_id(judul: &str, row: usize) -> String {
    let mut s = slug(judul);
    if s.len() > 60 {
        let cut = s[..=60].rfind('-').unwrap_or(60);
        s.truncate(cut);
    }
    if s.is_empty() {
        format!("kerja-sama-baris-{row}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_normalised_and_ids_derived() {
        assert_eq!(
            header_name(" Tanggal Tanda Tangan "),
            "tanggal_tanda_tangan"
        );
        assert_eq!(header_name("pihak-nama"), "pihak_nama");
        assert_eq!(
            derive_id("Kesepakatan Bersama tentang Pengelolaan Sampah", 2),
            "kesepakatan-bersama-tentang-pengelolaan-sampah"
        );
        assert!(derive_id(&"kata ".repeat(40), 2).len() <= 60);
        assert_eq!(derive_id("", 7), "kerja-sama-baris-7");
    }
}
