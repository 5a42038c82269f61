//! `sopkb import kerja-sama FILE.csv`: spreadsheet rows to registry entries.
//! Every row is converted and checked with the rules `check` applies to an
//! entry file (spans point into the CSV): cells with control characters are
//! refused, the front matter is written by serde_yaml and read back with the
//! loader, and entries are written only when no row has an error, so an
//! import never leaves a file `check` rejects.

use super::csv::{self, Cell, Record};
use super::data::COLUMNS;
use super::date::{Date, DateError};
use super::model::slug;
use super::raw::{RawAgreement, RawCatatan, RawPihak, RawTanggalKs};
use super::validate::{self, Context, Entry, Spans};
use crate::diag::{Diagnostic, FileId, Lang, SourceMap, Span, Text};
use crate::load::Input;
use crate::tr;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Longest explicit `id`: it becomes a file name (most file systems allow
/// 255 bytes, and the temporary name adds a few).
const MAX_ID_BYTES: usize = 120;

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

/// Spans of one CSV row by registry path; unknown paths fall back to the row.
#[derive(Debug, Default)]
pub(crate) struct CsvSpans {
    row: Option<Span>,
    nodes: HashMap<String, Span>,
}

impl Spans for CsvSpans {
    fn get(&self, path: &str) -> Option<Span> {
        let mut p = path;
        loop {
            if let Some(s) = self.nodes.get(p) {
                return Some(*s);
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.row,
            }
        }
    }
}

/// One converted row.
pub(crate) struct Row {
    pub id: String,
    pub raw: RawAgreement,
    pub body: String,
    pub spans: CsvSpans,
    pub origin: Span,
    /// Where `body` sits in the CSV: the `keterangan` cell and the decoded
    /// byte offset of the body's first byte in it (formula guard and leading
    /// space skipped).
    body_at: Option<(Cell, usize)>,
}

impl Row {
    /// The CSV span of bytes `a..b` of `body`.
    fn body_span(&self, src: &str, a: usize, b: usize) -> Option<Span> {
        let (cell, lead) = self.body_at.as_ref()?;
        Some(Span::new(
            self.origin.file,
            cell.raw_offset(src, lead + a),
            cell.raw_offset(src, lead + b),
        ))
    }
}

/// The result of planning an import: the entries to write (file name ->
/// text) or the reasons not to.
pub struct Plan {
    pub files: Vec<(String, String)>,
    pub diags: Vec<Diagnostic>,
    /// Ids that replace an existing entry (`--force`).
    pub replaced: Vec<String>,
}

impl Plan {
    pub(crate) fn has_errors(&self) -> bool {
        crate::diag::count_errors(&self.diags) > 0
    }
}

/// KS116: more data rows than one import takes; located at the first row
/// over the limit, before any row is read.
fn too_many_rows(rows: usize, over: &csv::Record, file: FileId) -> Diagnostic {
    let max = crate::validate::limits::MAX_IMPORT_ROWS;
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

/// Plans the import of CSV file `file` (already in `input.sources`) into
/// the project `input`. `existing` holds ids with a file in
/// `content/kerja-sama/`, parsed or not.
///
/// The plan holds files only `check` accepts: every row is checked with the
/// registry rules together with the entries already there, its Markdown body
/// with the link rules of `check`, and the file text emitted for it is read
/// back with the loader's own parser and must give the same entry.
pub fn plan(
    input: &Input,
    file: FileId,
    existing: &BTreeSet<String>,
    force: bool,
    build_date: Option<&str>,
) -> Plan {
    let src = input.sources.file(file).text.clone();
    let mut diags = Vec::new();
    let rows = convert(&src, file, &mut diags);
    let replaced = check_existing(&rows, existing, force, &mut diags);
    check_registry(input, file, &rows, build_date, &mut diags);
    check_bodies(input, &src, &rows, &mut diags);
    let files = emit(&rows, &mut diags);
    name_row_and_column(&mut diags, &src, file);
    crate::diag::sort(&mut diags, &input.sources);
    Plan {
        files,
        diags,
        replaced,
    }
}

/// KS113 for rows whose entry exists (unless `force`); returns the ids
/// `force` replaces.
fn check_existing(
    rows: &[Row],
    existing: &BTreeSet<String>,
    force: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut replaced = Vec::new();
    for r in rows.iter().filter(|r| existing.contains(&r.id)) {
        if force {
            replaced.push(r.id.clone());
            continue;
        }
        diags.push(
            Diagnostic::error(
                "KS113",
                tr!(
                    "entri `{}` sudah ada (content/kerja-sama/{}.md)",
                    "entry `{}` already exists (content/kerja-sama/{}.md)",
                    r.id,
                    r.id
                ),
            )
            .at_opt(r.spans.get("id").or(Some(r.origin)))
            .help(tr!(
                "ubah `id`, hapus berkasnya, atau jalankan lagi dengan `--force` untuk menimpanya",
                "change the `id`, delete the file, or run again with `--force` to overwrite it"
            )),
        );
    }
    replaced
}

/// The registry rules on the rows together with the entries they do not
/// replace. Besides what the rows get wrong, a finding the rows cause in an
/// entry already there (a `kb` that now names a replaced entry, say) is
/// reported too: `check` would report it after the import.
fn check_registry(
    input: &Input,
    file: FileId,
    rows: &[Row],
    build_date: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    let csv_ids: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let sops: BTreeSet<&str> = input.sops.iter().map(|s| s.id.as_str()).collect();
    let legal: BTreeSet<&str> = input.legal.iter().map(|l| l.doc.id.as_str()).collect();
    let templat: BTreeSet<&str> = input.templat.iter().map(|t| t.doc.id.as_str()).collect();
    let ctx = Context {
        sops: &sops,
        templat: &templat,
        legal: &legal,
        broken: &input.broken_ids,
        sources: &input.sources,
        today: build_date
            .and_then(|d| Date::parse_iso(d).ok())
            .unwrap_or_else(Date::today),
        today_pinned: build_date.is_some(),
        akan_berakhir_hari: super::model::DEFAULT_AKAN_BERAKHIR_HARI,
        trust_html: input.trust_html(),
    };
    // What `check` reports in the other files today: not the import's doing.
    let before: Vec<Entry> = input.kerja_sama.iter().map(on_disk).collect();
    let mut old = Vec::new();
    validate::resolve(&before, &ctx, &mut old);
    let old: HashSet<DiagKey> = old.iter().map(key).collect();

    let mut entries: Vec<Entry> = input
        .kerja_sama
        .iter()
        .filter(|d| !csv_ids.contains(d.doc.id.as_str()))
        .map(on_disk)
        .collect();
    entries.extend(rows.iter().map(|r| Entry {
        id: &r.id,
        file,
        raw: &r.raw,
        body: &r.body,
        spans: &r.spans,
        origin: r.origin,
    }));
    let mut checked = Vec::new();
    validate::resolve(&entries, &ctx, &mut checked);
    // A date already refused by the conversion is not reported twice.
    let refused: BTreeSet<(usize, usize)> = diags
        .iter()
        .filter(|d| d.code == "KS106")
        .filter_map(|d| d.span.map(|s| (s.start, s.end)))
        .collect();
    diags.extend(checked.into_iter().filter(|d| match d.span {
        Some(s) if s.file == file => !(d.code == "KS001" && refused.contains(&(s.start, s.end))),
        _ => !old.contains(&key(d)),
    }));
}

/// An entry of `content/kerja-sama/` as the rules see it.
fn on_disk(d: &crate::load::LoadedDoc<RawAgreement>) -> Entry<'_> {
    Entry {
        id: &d.doc.id,
        file: d.doc.file,
        raw: &d.doc.raw,
        body: &d.body,
        spans: &d.doc.spans,
        origin: Span::new(d.doc.file, 0, 0),
    }
}

/// What identifies a finding across two runs of the rules.
type DiagKey = (&'static str, Option<(FileId, usize, usize)>, String);

fn key(d: &Diagnostic) -> DiagKey {
    (
        d.code,
        d.span.map(|s| (s.file, s.start, s.end)),
        d.message.en.clone(),
    )
}

/// The rules `check` applies to every Markdown body (links that could run
/// code, resources from other hosts, ids), located in the `keterangan` cell.
fn check_bodies(input: &Input, src: &str, rows: &[Row], diags: &mut Vec<Diagnostic>) {
    let host = crate::validate::urls::site_host(input);
    let trust = input.trust_html();
    for r in rows.iter().filter(|r| !r.body.is_empty()) {
        for (range, d) in crate::validate::urls::body_findings(&r.body, host.as_deref(), trust) {
            let span = r.body_span(src, range.start, range.end).unwrap_or(r.origin);
            diags.push(d.at(span));
        }
    }
}

/// The file text of every row, each read back with the loader's parser:
/// a row whose text would not give the same entry is refused (`KS115`).
fn emit(rows: &[Row], diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    emit_checked(rows, diags, reads_back)
}

/// `emit` with the read-back check as a parameter, so a test can make it
/// fail (no input does: KS115 reports a sopkb bug).
fn emit_checked(
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

/// Prefixes each CSV diagnostic with its spreadsheet row and column name.
fn name_row_and_column(diags: &mut [Diagnostic], src: &str, file: FileId) {
    let delim = csv::detect_delimiter(src);
    let Ok(records) = csv::parse(src, delim) else {
        return;
    };
    let header: Vec<String> = records
        .first()
        .map(|r| r.cells.iter().map(|c| header_name(&c.text)).collect())
        .unwrap_or_default();
    for d in diags.iter_mut() {
        let Some(span) = d.span.filter(|s| s.file == file) else {
            continue;
        };
        let Some((n, rec)) = records
            .iter()
            .enumerate()
            .find(|(_, r)| r.start <= span.start && span.start <= r.end)
        else {
            continue;
        };
        let col = rec
            .cells
            .iter()
            .position(|c| c.start <= span.start && span.start <= c.end.max(c.start))
            .and_then(|i| header.get(i));
        let (id, en) = match col {
            Some(c) if n > 0 => (
                format!("baris {}, kolom `{c}`: ", n + 1),
                format!("row {}, column `{c}`: ", n + 1),
            ),
            _ => (format!("baris {}: ", n + 1), format!("row {}: ", n + 1)),
        };
        d.message.id.insert_str(0, &id);
        d.message.en.insert_str(0, &en);
    }
}

/// "Tanggal Tanda Tangan" -> "tanggal_tanda_tangan".
fn header_name(s: &str) -> String {
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
    if let Some(over) = data.get(crate::validate::limits::MAX_IMPORT_ROWS) {
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

/// Reads the cells of one record into a `RawAgreement`.
struct RowReader<'a> {
    src: &'a str,
    file: FileId,
    rec: &'a Record,
    cols: &'a HashMap<String, usize>,
    spans: CsvSpans,
    diags: &'a mut Vec<Diagnostic>,
}

impl RowReader<'_> {
    fn cell(&self, col: &str) -> Option<&Cell> {
        self.cols.get(col).map(|&i| &self.rec.cells[i])
    }

    /// Source span of the decoded byte range `a..b` of a cell's restored text.
    fn sub_span(&self, col: &str, a: usize, b: usize) -> Option<Span> {
        let c = self.cell(col)?;
        let shift = c.text.len() - csv::restore(&c.text).len();
        Some(Span::new(
            self.file,
            c.raw_offset(self.src, a + shift),
            c.raw_offset(self.src, b + shift),
        ))
    }

    /// The `keterangan` cell and the decoded offset of the trimmed body in it.
    fn body_at(&self) -> Option<(Cell, usize)> {
        let c = self.cell("keterangan")?;
        let restored = csv::restore(&c.text);
        let shift = c.text.len() - restored.len();
        let lead = restored.len() - restored.trim_start().len();
        Some((c.clone(), shift + lead))
    }

    fn cell_span(&self, col: &str) -> Option<Span> {
        self.cell(col).map(|c| Span::new(self.file, c.start, c.end))
    }

    /// The cell's text with the formula guard undone, or "".
    fn restored(&self, col: &str) -> &str {
        self.cell(col).map(|c| csv::restore(&c.text)).unwrap_or("")
    }

    /// The trimmed text, `None` when empty; records the span under `col`.
    fn text(&mut self, col: &str) -> Option<String> {
        self.text_at(col, col)
    }

    fn text_at(&mut self, col: &str, path: &str) -> Option<String> {
        if let Some(s) = self.cell_span(col) {
            self.spans.nodes.insert(path.to_owned(), s);
        }
        let t = self.restored(col).trim();
        (!t.is_empty()).then(|| t.to_owned())
    }

    /// Non-empty lines with their decoded byte ranges.
    fn lines(&self, col: &str) -> Vec<(usize, usize, String)> {
        let text = self.restored(col);
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split('\n') {
            let t = line.trim();
            if !t.is_empty() {
                let lead = line.len() - line.trim_start().len();
                out.push((at + lead, at + lead + t.len(), t.to_owned()));
            }
            at += line.len() + 1;
        }
        out
    }

    /// All lines (empty ones kept, for per-party columns).
    fn all_lines(&self, col: &str) -> Vec<(usize, usize, String)> {
        let text = self.restored(col);
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split('\n') {
            out.push((at, at + line.len(), line.trim().to_owned()));
            at += line.len() + 1;
        }
        out
    }

    fn date(&mut self, col: &str, path: &str) -> Option<String> {
        let value = self.text_at(col, path)?;
        Some(self.date_value(&value, self.spans.nodes.get(path).copied()))
    }

    /// A date in any accepted form, as YYYY-MM-DD; the text unchanged when refused.
    fn date_value(&mut self, value: &str, span: Option<Span>) -> String {
        match Date::parse_loose(value) {
            Ok(d) => d.to_string(),
            Err(e) => {
                let msg = match e {
                    DateError::Impossible => tr!(
                        "tanggal `{}` tidak ada di kalender",
                        "date `{}` does not exist",
                        value
                    ),
                    DateError::Format => tr!(
                        "`{}` bukan tanggal yang dikenali",
                        "`{}` is not a recognised date",
                        value
                    ),
                };
                self.diags.push(
                    Diagnostic::error("KS106", msg).at_opt(span).help(tr!(
                        "bentuk yang diterima: 16/09/2021, 16-09-2021, 2021-09-16, 16 September 2021, 16 Sep 2021",
                        "accepted forms: 16/09/2021, 16-09-2021, 2021-09-16, 16 September 2021, 16 Sep 2021"
                    )),
                );
                value.to_owned()
            }
        }
    }

    fn read(&mut self) -> (RawAgreement, String) {
        let contoh = match self.text("contoh").map(|s| s.to_lowercase()) {
            None => false,
            Some(v) if ["ya", "y", "true", "1", "benar"].contains(&v.as_str()) => true,
            Some(v)
                if ["tidak", "t", "n", "false", "0", "salah", "bukan"].contains(&v.as_str()) =>
            {
                false
            }
            Some(v) => {
                self.diags.push(
                    Diagnostic::error(
                        "KS108",
                        tr!("`contoh` bernilai `{}`", "`contoh` has the value `{}`", v),
                    )
                    .at_opt(self.spans.get("contoh"))
                    .help(tr!("tulis `ya` atau `tidak`", "write `ya` or `tidak`")),
                );
                false
            }
        };
        let para_pihak = self.parties();
        let opd_pelaksana = self.list_lines("opd_pelaksana", "opd_pelaksana");
        let tanda_tangan = self
            .date("tanggal_tanda_tangan", "tanggal.tanda_tangan")
            .unwrap_or_default();
        let mulai = self.date("tanggal_mulai", "tanggal.mulai");
        let berakhir = self
            .date("tanggal_berakhir", "tanggal.berakhir")
            .unwrap_or_default();
        let nilai = self.nilai();
        let raw = RawAgreement {
            contoh,
            jenis: self.text("jenis").unwrap_or_default(),
            dokumen: self.text("dokumen").unwrap_or_default(),
            judul: self.text("judul").unwrap_or_default(),
            objek: self.text("objek").unwrap_or_default(),
            bidang_urusan: self.text("bidang_urusan"),
            para_pihak,
            opd_pelaksana,
            tanggal: RawTanggalKs {
                tanda_tangan,
                mulai,
                berakhir,
            },
            nilai,
            kb: self.text("kb"),
            terkait_sop: self.ids("terkait_sop"),
            terkait_templat: self.ids("terkait_templat"),
            dasar_hukum: self.ids("dasar_hukum"),
            berkas: self.text("berkas"),
            pemantauan: self.records("pemantauan"),
            evaluasi: self.records("evaluasi"),
        };
        if let Some(s) = self.cell_span("tanggal_tanda_tangan") {
            self.spans.nodes.insert("tanggal".into(), s);
        }
        let body = self.restored("keterangan").trim().to_owned();
        (raw, body)
    }

    fn list_lines(&mut self, col: &str, path: &str) -> Vec<String> {
        if let Some(s) = self.cell_span(col) {
            self.spans.nodes.insert(path.to_owned(), s);
        }
        let lines = self.lines(col);
        lines
            .into_iter()
            .enumerate()
            .map(|(i, (a, b, t))| {
                if let Some(s) = self.sub_span(col, a, b) {
                    self.spans.nodes.insert(format!("{path}[{i}]"), s);
                }
                t
            })
            .collect()
    }

    /// Ids separated by line breaks, commas, semicolons or spaces.
    fn ids(&mut self, col: &str) -> Vec<String> {
        if let Some(s) = self.cell_span(col) {
            self.spans.nodes.insert(col.to_owned(), s);
        }
        let text = self.restored(col).to_owned();
        let mut out = Vec::new();
        let mut at = 0;
        for tok in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
            if !tok.is_empty() {
                if let Some(s) = self.sub_span(col, at, at + tok.len()) {
                    self.spans.nodes.insert(format!("{col}[{}]", out.len()), s);
                }
                out.push(tok.to_owned());
            }
            at += tok.len() + 1;
        }
        out
    }

    /// Parties: one per line of `pihak_nama`, aligned with the lines of the
    /// other `pihak_*` columns.
    fn parties(&mut self) -> Vec<RawPihak> {
        if let Some(s) = self.cell_span("pihak_nama") {
            self.spans.nodes.insert("para_pihak".into(), s);
        }
        let names = self.lines("pihak_nama");
        let n = names.len();
        let mut aligned = |col: &str, required: bool| -> Vec<Option<(usize, usize, String)>> {
            let lines = self.all_lines(col);
            let empty = lines.iter().all(|l| l.2.is_empty());
            if empty && !required {
                return vec![None; n];
            }
            let mut lines = if empty { Vec::new() } else { lines };
            // Trailing empty lines beyond the parties do not count.
            while lines.len() > n && lines.last().is_some_and(|l| l.2.is_empty()) {
                lines.pop();
            }
            // An optional column may stop early: the last parties have none.
            let short_ok = !required && lines.len() < n;
            if lines.len() != n && n > 0 && !short_ok {
                self.diags.push(
                    Diagnostic::error(
                        "KS109",
                        tr!(
                            "`{}` berisi {} baris, `pihak_nama` {} pihak",
                            "`{}` has {} lines, `pihak_nama` {} parties",
                            col,
                            lines.len(),
                            n
                        ),
                    )
                    .at_opt(self.cell_span(col))
                    .help(tr!(
                        "tulis satu baris per pihak, dalam urutan `pihak_nama` (Alt+Enter di spreadsheet)",
                        "write one line per party, in the order of `pihak_nama` (Alt+Enter in a spreadsheet)"
                    )),
                );
            }
            let mut out: Vec<_> = lines.into_iter().map(Some).collect();
            out.resize(n, None);
            out
        };
        let nomor = aligned("pihak_nomor", true);
        let ppksd = aligned("pihak_ppksd", false);
        let ttd = aligned("pihak_penandatangan", false);
        let mut out = Vec::new();
        for (i, (a, b, nama)) in names.into_iter().enumerate() {
            let mut field = |col: &str, key: &str, v: &Option<(usize, usize, String)>| {
                if let Some(s) = v
                    .as_ref()
                    .and_then(|(a, b, _)| self.sub_span(col, *a, *b))
                    .or_else(|| self.cell_span(col))
                {
                    self.spans.nodes.insert(format!("para_pihak[{i}].{key}"), s);
                }
                v.as_ref().map(|x| x.2.clone()).filter(|s| !s.is_empty())
            };
            let p = RawPihak {
                nomor: field("pihak_nomor", "nomor", &nomor[i]).unwrap_or_default(),
                ppksd: field("pihak_ppksd", "ppksd", &ppksd[i]),
                penandatangan: field("pihak_penandatangan", "penandatangan", &ttd[i]),
                nama,
            };
            if let Some(s) = self.sub_span("pihak_nama", a, b) {
                self.spans.nodes.insert(format!("para_pihak[{i}].nama"), s);
            }
            out.push(p);
        }
        out
    }

    /// "Rp 1.250.000.000", "1.250.000.000,00", "1,250,000,000" or digits.
    fn nilai(&mut self) -> Option<u64> {
        let text = self.text("nilai")?;
        let parsed = parse_rupiah(&text);
        if parsed.is_none() {
            self.diags.push(
                Diagnostic::error(
                    "KS107",
                    tr!(
                        "`nilai` `{}` bukan jumlah rupiah",
                        "`nilai` `{}` is not an amount in rupiah",
                        text
                    ),
                )
                .at_opt(self.spans.get("nilai"))
                .help(tr!(
                    "tulis mis. 1250000000, 1.250.000.000 atau Rp 1.250.000.000; kosongkan bila tidak ada nilai",
                    "write e.g. 1250000000, 1.250.000.000 or Rp 1.250.000.000; leave empty when there is none"
                )),
            );
        }
        parsed
    }

    /// Lines "tanggal: catatan".
    fn records(&mut self, col: &str) -> Vec<RawCatatan> {
        if let Some(s) = self.cell_span(col) {
            self.spans.nodes.insert(col.to_owned(), s);
        }
        let mut out = Vec::new();
        for (a, b, line) in self.lines(col) {
            let i = out.len();
            let span = self.sub_span(col, a, b);
            if let Some(s) = span {
                self.spans.nodes.insert(format!("{col}[{i}]"), s);
            }
            let Some((date, note)) = line.split_once(':') else {
                self.diags.push(
                    Diagnostic::error(
                        "KS110",
                        tr!(
                            "catatan {} `{}` tanpa tanggal",
                            "{} record `{}` has no date",
                            col,
                            line
                        ),
                    )
                    .at_opt(span)
                    .help(tr!(
                        "satu catatan per baris: `2026-03-31: Rapat pemantauan triwulan I`",
                        "one record per line: `2026-03-31: First-quarter monitoring meeting`"
                    )),
                );
                continue;
            };
            let date_span = self.sub_span(col, a, a + date.trim_end().len());
            if let Some(s) = date_span {
                self.spans.nodes.insert(format!("{col}[{i}].tanggal"), s);
            }
            let tanggal = self.date_value(date.trim(), date_span);
            out.push(RawCatatan {
                tanggal,
                catatan: note.trim().to_owned(),
            });
        }
        out
    }
}

pub(crate) fn parse_rupiah(text: &str) -> Option<u64> {
    let t = text.trim();
    let t = t
        .strip_prefix("Rp.")
        .or_else(|| t.strip_prefix("Rp"))
        .or_else(|| t.strip_prefix("rp"))
        .unwrap_or(t)
        .trim();
    let t = t
        .strip_suffix(",00")
        .or_else(|| t.strip_suffix(",-"))
        .unwrap_or(t);
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    for sep in ['.', ','] {
        let groups: Vec<&str> = t.split(sep).collect();
        let ok = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups
                .iter()
                .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
            && groups[1..].iter().all(|g| g.len() == 3);
        if ok {
            return groups.concat().parse().ok();
        }
    }
    None
}

/// The content file for one entry: front matter, then the body. The YAML
/// is written by serde-saphyr's serializer, never by hand: it quotes and
/// escapes whatever a cell holds (`: `, `#`, `&`, `*`, `!`, `{{`, `---`,
/// line breaks, YAML 1.1 words like `null`), so a cell cannot add keys or
/// end the front matter. Defaults (`contoh: false`, empty lists, absent
/// values) are left out, as an editor would.
pub(crate) fn to_markdown(r: &RawAgreement, body: &str) -> Result<String, String> {
    // JSON is the exact intermediate: it keeps the fields in the struct's
    // order and every value's type, so the defaults can be dropped.
    let json = serde_json::to_string(r).map_err(|e| e.to_string())?;
    let mut value: Tree = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    if let Tree::Map(m) = &mut value {
        m.retain(|k, v| k == "para_pihak" || !is_default(v));
        for (_, v) in m.iter_mut() {
            prune(v);
        }
    }
    // YAML 1.2, which sopkb reads: dates stay unquoted (`2025-09-16`), as
    // an editor writes them; `null`, `true` and numbers in text are quoted.
    let options = serde_saphyr::ser_options! { yaml_12: true, no_lang_directive: true };
    let yaml = serde_saphyr::to_string_with_options(&value, options).map_err(|e| e.to_string())?;
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

/// The project's UI language for messages: `SOPKB_LANG`, else `sopkb.toml`.
pub(crate) fn lang(input: &Input) -> Lang {
    match std::env::var("SOPKB_LANG").as_deref() {
        Ok("en") => Lang::En,
        Ok("id") => Lang::Id,
        _ => match input.config.as_ref().and_then(|c| c.1.language.as_deref()) {
            Some("en") => Lang::En,
            _ => Lang::Id,
        },
    }
}

/// Registers the CSV text in the project's source map (BOM dropped).
pub fn add_source(sources: &mut SourceMap, shown: String, text: &str) -> FileId {
    sources.add(shown, text.trim_start_matches('\u{feff}').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;

    #[test]
    fn emitted_front_matter_parses_back_to_the_same_entry() {
        let raw = RawAgreement {
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
                },
                RawPihak {
                    nama: "PT. Air Bersih [Persero]".into(),
                    nomor: "- 7 -".into(),
                    ppksd: None,
                    penandatangan: Some("Direktur Utama".into()),
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

    #[test]
    fn a_row_that_would_not_read_back_is_ks115_and_not_written() {
        let csv = format!(
            "{HEAD}KSDD,KB,Judul,Objek,Pemerintah Kabupaten Uji,1/2025,2025-01-02,2027-01-02,\n"
        );
        let mut sources = SourceMap::default();
        let file = add_source(&mut sources, "data.csv".into(), &csv);
        let mut diags = Vec::new();
        let rows = convert(&csv, file, &mut diags);
        assert_eq!(rows.len(), 1, "{diags:?}");
        // The real check accepts the row ...
        assert_eq!(emit(&rows, &mut diags).len(), 1, "{diags:?}");
        // ... a check that finds a difference refuses it, located at the row.
        let files = emit_checked(&rows, &mut diags, |_, _| Err("body differs".into()));
        assert!(files.is_empty());
        let d = diags.last().expect("a diagnostic");
        assert_eq!(Some(d.code), Some("KS115"));
        assert_eq!(d.span, Some(rows[0].origin));
    }

    #[test]
    fn a_sheet_over_the_row_limit_is_ks116_at_the_first_row_over_it() {
        let max = crate::validate::limits::MAX_IMPORT_ROWS;
        let row = "KSDD,KB,Judul,Objek,Pemerintah Kabupaten Uji,1/2025,2025-01-02,2027-01-02,\n";
        let csv = format!("{HEAD}{}", row.repeat(max + 3));
        let (plan, sources) = plan_of(&csv);
        assert!(plan.files.is_empty());
        let d = plan
            .diags
            .iter()
            .find(|d| d.code == "KS116")
            .expect("KS116");
        let span = d.span.expect("located");
        // Header is line 1, so the first row over the limit is line max + 2.
        assert_eq!(sources.file(span.file).line_col(span.start).0, max + 2);
        let (fine, _) = plan_of(&format!("{HEAD}{}", row.repeat(2)));
        assert!(fine.diags.iter().all(|d| d.code != "KS116"));
    }

    fn plan_of(csv: &str) -> (Plan, SourceMap) {
        let mut sources = SourceMap::default();
        let file = add_source(&mut sources, "data.csv".into(), csv);
        let input = Input {
            sources,
            ..Input::empty("/nonexistent".into())
        };
        let plan = plan(&input, file, &Default::default(), false, Some("2026-01-01"));
        (plan, input.sources)
    }

    const HEAD: &str = "jenis,dokumen,judul,objek,pihak_nama,pihak_nomor,tanggal_tanda_tangan,tanggal_berakhir,keterangan\n";

    #[test]
    fn control_characters_are_refused_at_the_character() {
        for c in [
            '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}',
            '\u{2028}', '\u{feff}', '\r',
        ] {
            let csv = format!(
                "{HEAD}KSDD,KB,\"Ju\"\"dul{c}x\",Objek,\"A\nB\",\"1\n2\",2024-01-01,2025-01-01,\n"
            );
            let (plan, sources) = plan_of(&csv);
            let d = plan
                .diags
                .iter()
                .find(|d| d.code == "KS114")
                .unwrap_or_else(|| panic!("{c:?}: {:?}", plan.diags));
            let span = d.span.unwrap();
            assert_eq!(&csv[span.start..span.end], c.to_string(), "{c:?}");
            assert_eq!(
                sources.file(span.file).line_col(span.start),
                (2, 17),
                "{c:?}"
            );
            assert!(
                d.message.en.starts_with("row 2, column `judul`: "),
                "{}",
                d.message.en
            );
            assert!(plan.has_errors());
        }
        // Tabs and line breaks inside a cell are text.
        let csv = format!("{HEAD}KSDD,KB,\"Judul\tx\",Objek,\"A\r\nB\",\"1\n2\",2024-01-01,2025-01-01,\"a\n\nb\"\n");
        let (plan, _) = plan_of(&csv);
        assert!(!plan.has_errors(), "{:?}", plan.diags);
    }

    #[test]
    fn yaml_lookalikes_in_cells_become_plain_values_of_the_entry() {
        let csv = format!(
            "{HEAD}KSDD,KB,\"Judul\n---\nstatus: x\",\"&a *b !c {{{{ d }}}}\",\"A\nB\",\"1\n2\",2024-01-01,2025-01-01,\"isi\n---\njenis: KSDPL\"\n"
        );
        let (plan, _) = plan_of(&csv);
        assert!(!plan.has_errors(), "{:?}", plan.diags);
        let (name, text) = &plan.files[0];
        assert_eq!(name, "judul-status-x.md");
        let doc = crate::load::parse_doc::<RawAgreement>(FileId(0), text, "x".into()).unwrap();
        assert_eq!(doc.doc.raw.judul, "Judul\n---\nstatus: x");
        assert_eq!(doc.doc.raw.objek, "&a *b !c {{ d }}");
        assert_eq!(doc.doc.raw.jenis, "KSDD");
        assert_eq!(doc.body, "isi\n---\njenis: KSDPL\n");
    }

    #[test]
    fn bodies_get_the_link_rules_of_check_located_in_the_cell() {
        let csv = format!(
            "{HEAD}KSDD,KB,Judul,Objek,\"A\nB\",\"1\n2\",2024-01-01,2025-01-01,\"'-  Lihat [x](javascript:alert(1))\n![p](//pelacak.id/p.gif)\"\n"
        );
        let (plan, sources) = plan_of(&csv);
        let at = |code: &str| {
            let d = plan.diags.iter().find(|d| d.code == code).unwrap();
            let s = d.span.unwrap();
            (&csv[s.start..s.end], sources.file(s.file).line_col(s.start))
        };
        assert_eq!(at("URL001").0, "[x](javascript:alert(1))");
        assert_eq!(at("URL002"), ("//pelacak.id/p.gif", (5, 6)));
        assert!(plan.has_errors());
    }

    #[test]
    fn long_ids_are_refused() {
        let id = "a".repeat(MAX_ID_BYTES + 1);
        let csv =
            format!("id,{HEAD}{id},KSDD,KB,Judul,Objek,\"A\nB\",\"1\n2\",2024-01-01,2025-01-01,\n");
        let (plan, _) = plan_of(&csv);
        assert!(
            plan.diags.iter().any(|d| d.code == "KS111"),
            "{:?}",
            plan.diags
        );
    }

    #[test]
    fn rupiah_amounts_in_common_spellings() {
        assert_eq!(parse_rupiah("1250000000"), Some(1_250_000_000));
        assert_eq!(parse_rupiah("Rp 1.250.000.000"), Some(1_250_000_000));
        assert_eq!(parse_rupiah("Rp1.250.000.000,00"), Some(1_250_000_000));
        assert_eq!(parse_rupiah("1,250,000"), Some(1_250_000));
        assert_eq!(parse_rupiah("1,5"), None);
        assert_eq!(parse_rupiah("satu juta"), None);
        assert_eq!(parse_rupiah("12.34.567"), None);
    }

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
