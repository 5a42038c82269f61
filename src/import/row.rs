//! One CSV record read into a `RawAgreement`, with the CSV span of every
//! value by its registry path, so the registry rules point into the sheet.

use crate::diag::{Diagnostic, FileId, Span};
use crate::load::csv::{self, Cell, Record};
use crate::load::registry::{RawAgreement, RawCatatan, RawPihak, RawTanggalKs};
use crate::model::date::{Date, DateError};
use crate::tr;
use crate::validate::registry::Spans;
use std::collections::HashMap;

/// Spans of one CSV row by registry path; unknown paths fall back to the row.
#[derive(Debug, Default)]
pub(crate) struct CsvSpans {
    pub(super) row: Option<Span>,
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
    pub(super) body_at: Option<(Cell, usize)>,
}

impl Row {
    /// The CSV span of bytes `a..b` of `body`.
    pub(super) fn body_span(&self, src: &str, a: usize, b: usize) -> Option<Span> {
        let (cell, lead) = self.body_at.as_ref()?;
        Some(Span::new(
            self.origin.file,
            cell.raw_offset(src, lead + a),
            cell.raw_offset(src, lead + b),
        ))
    }
}

/// Reads the cells of one record into a `RawAgreement`.
pub(super) struct RowReader<'a> {
    pub(super) src: &'a str,
    pub(super) file: FileId,
    pub(super) rec: &'a Record,
    pub(super) cols: &'a HashMap<String, usize>,
    pub(super) spans: CsvSpans,
    pub(super) diags: &'a mut Vec<Diagnostic>,
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
    pub(super) fn body_at(&self) -> Option<(Cell, usize)> {
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
    pub(super) fn text(&mut self, col: &str) -> Option<String> {
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
                // A US-locale export writes month first: say so, since its
                // other dates (day <= 12) would read as a different day.
                let help = match Date::month_first_only(value) {
                    Some(d) => tr!(
                        "`{}` tampak ditulis bulan/hari/tahun (format AS); impor membaca hari/bulan/tahun: tulis {:02}/{:02}/{} atau {}, dan periksa tanggal lain di berkas ini",
                        "`{}` looks like month/day/year (US format); the import reads day/month/year: write {:02}/{:02}/{} or {}, and check the other dates of this file",
                        value,
                        d.day,
                        d.month,
                        d.year,
                        d
                    ),
                    None => tr!(
                        "bentuk yang diterima: 16/09/2021, 16-09-2021, 2021-09-16, 16 September 2021, 16 Sep 2021",
                        "accepted forms: 16/09/2021, 16-09-2021, 2021-09-16, 16 September 2021, 16 Sep 2021"
                    ),
                };
                self.diags
                    .push(Diagnostic::error("KS106", msg).at_opt(span).help(help));
                value.to_owned()
            }
        }
    }

    pub(super) fn read(&mut self) -> (RawAgreement, String) {
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
            draf: false,
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
        let kode = aligned("pihak_kode_wilayah", false);
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
                kode_wilayah: field("pihak_kode_wilayah", "kode_wilayah", &kode[i]),
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
