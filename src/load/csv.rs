//! A small RFC 4180 CSV reader that keeps the byte span of every cell (so
//! import errors point at row and column), delimiter detection, and a writer
//! whose cells are safe against spreadsheet formula injection.

/// One cell: its decoded text and where it sits in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// Byte range of the raw cell, quotes included.
    pub start: usize,
    pub end: usize,
    pub quoted: bool,
}

impl Cell {
    /// Source byte offset of byte `i` of the decoded text (`i == len` gives
    /// the end): skips the opening quote, `""` escapes and `\r` of CRLF.
    pub fn raw_offset(&self, src: &str, i: usize) -> usize {
        let raw = src.as_bytes();
        let mut pos = self.start + usize::from(self.quoted);
        let end = if self.quoted {
            self.end.saturating_sub(1)
        } else {
            self.end
        };
        let mut k = 0;
        while k < i && pos < end {
            // `""` (quoted) and CRLF each decode to one byte.
            let pair = (self.quoted && raw[pos] == b'"')
                || (raw[pos] == b'\r' && raw.get(pos + 1) == Some(&b'\n'));
            pos += if pair { 2 } else { 1 };
            k += 1;
        }
        pos.min(end.max(self.start))
    }

    /// Source byte range of the `k`-th line (0-based) of the decoded text.
    pub fn line_span(&self, src: &str, k: usize) -> (usize, usize) {
        let mut at = 0;
        for (n, line) in self.text.split('\n').enumerate() {
            if n == k {
                return (
                    self.raw_offset(src, at),
                    self.raw_offset(src, at + line.len()),
                );
            }
            at += line.len() + 1;
        }
        (self.start, self.end)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub cells: Vec<Cell>,
    /// Byte range of the whole record, without its line break.
    pub start: usize,
    pub end: usize,
}

/// A syntax error: a quote that is never closed, or text after a closing quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    Unclosed { at: usize },
    AfterQuote { at: usize },
}

/// `;` when the first line has more semicolons than commas outside quotes
/// (spreadsheets with a decimal comma export that way), else `,`.
pub(crate) fn detect_delimiter(text: &str) -> char {
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if semis > commas {
        ';'
    } else {
        ','
    }
}

/// Parses `text` into records. Blank lines are skipped; `\r\n` and `\n`
/// both end a record.
pub fn parse(text: &str, delim: char) -> Result<Vec<Record>, CsvError> {
    let bytes = text.as_bytes();
    let d = delim as u8;
    let mut records = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let rec_start = pos;
        let mut cells = Vec::new();
        loop {
            let start = pos;
            let mut value = String::new();
            let quoted = bytes.get(pos) == Some(&b'"');
            if quoted {
                pos += 1;
                let mut seg = pos;
                loop {
                    match bytes.get(pos) {
                        None => return Err(CsvError::Unclosed { at: start }),
                        Some(b'"') if bytes.get(pos + 1) == Some(&b'"') => {
                            value.push_str(&text[seg..=pos]);
                            pos += 2;
                            seg = pos;
                        }
                        Some(b'"') => {
                            value.push_str(&text[seg..pos]);
                            pos += 1;
                            break;
                        }
                        Some(_) => pos += 1,
                    }
                }
                match bytes.get(pos) {
                    None | Some(b'\n') => {}
                    Some(b'\r') if matches!(bytes.get(pos + 1), None | Some(b'\n')) => {}
                    Some(&b) if b == d => {}
                    Some(_) => return Err(CsvError::AfterQuote { at: pos }),
                }
            } else {
                while let Some(&b) = bytes.get(pos) {
                    if b == d || b == b'\n' || (b == b'\r' && bytes.get(pos + 1) == Some(&b'\n')) {
                        break;
                    }
                    pos += 1;
                }
                value.push_str(&text[start..pos]);
            }
            // CRLF inside quoted cells stays as written; normalise to LF.
            let value = value.replace("\r\n", "\n");
            cells.push(Cell {
                text: value,
                start,
                end: pos,
                quoted,
            });
            match bytes.get(pos) {
                Some(&b) if b == d => pos += 1,
                _ => break,
            }
        }
        let rec_end = pos;
        if bytes.get(pos) == Some(&b'\r') {
            pos += 1;
        }
        if bytes.get(pos) == Some(&b'\n') {
            pos += 1;
        }
        let blank = cells.len() == 1 && !cells[0].quoted && cells[0].text.trim().is_empty();
        if !blank {
            records.push(Record {
                cells,
                start: rec_start,
                end: rec_end,
            });
        }
    }
    Ok(records)
}

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Prefixes `'` to a cell a spreadsheet would run as a formula (and to one
/// that already starts with `'`, which spreadsheets hide), so that import can
/// undo it exactly.
pub(crate) fn defuse(cell: &str) -> String {
    if cell.starts_with(FORMULA_START) || cell.starts_with('\'') {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Undoes `defuse`.
pub(crate) fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// Appends one record (comma-separated, CRLF) to `out`.
pub(crate) fn write_record(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let c = defuse(c);
        let needs_quotes =
            c.contains([',', ';', '"', '\n', '\r']) || c.starts_with(' ') || c.ends_with(' ');
        if needs_quotes {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&c);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(r: &Record) -> Vec<&str> {
        r.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn parses_quotes_escapes_and_multi_line_cells_with_spans() {
        let src = "a,b,c\r\n1,\"x, \"\"y\"\"\",\"l1\nl2\"\n\n2,,z\n";
        let recs = parse(src, ',').unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(texts(&recs[0]), ["a", "b", "c"]);
        assert_eq!(texts(&recs[1]), ["1", "x, \"y\"", "l1\nl2"]);
        assert_eq!(texts(&recs[2]), ["2", "", "z"]);
        let c = &recs[1].cells[1];
        assert_eq!(&src[c.start..c.end], "\"x, \"\"y\"\"\"");
        let ml = &recs[1].cells[2];
        let (s, e) = ml.line_span(src, 1);
        assert_eq!(&src[s..e], "l2");
        let (s, e) = ml.line_span(src, 0);
        assert_eq!(&src[s..e], "l1");
    }

    #[test]
    fn detects_semicolons_and_reports_unclosed_quotes() {
        assert_eq!(detect_delimiter("a;b;\"c,d\"\n1,2"), ';');
        assert_eq!(detect_delimiter("a,b;c,d\n"), ',');
        let recs = parse("a;b\n1;\"2;3\"\n", ';').unwrap();
        assert_eq!(texts(&recs[1]), ["1", "2;3"]);
        assert_eq!(parse("a,\"b\n", ','), Err(CsvError::Unclosed { at: 2 }));
        assert_eq!(
            parse("a,\"b\"x\n", ','),
            Err(CsvError::AfterQuote { at: 5 })
        );
    }

    #[test]
    fn written_cells_are_defused_and_read_back() {
        for v in [
            "=1+1", "+62 812", "-5", "@SUM(A1)", "'=x", "plain", "'quoted", "''x",
        ] {
            let mut out = String::new();
            write_record(&mut out, &[v.to_owned(), "b".into()]);
            let first = out.split(',').next().unwrap();
            assert!(!first.starts_with(FORMULA_START), "{v} exported as {first}");
            let recs = parse(&out, ',').unwrap();
            assert_eq!(restore(&recs[0].cells[0].text), v);
        }
    }
}
