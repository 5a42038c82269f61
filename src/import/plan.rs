//! The import plan: converted rows checked with every rule `check` applies
//! to an entry file (the registry rules together with the entries already
//! there, the link rules on bodies), emitted, and located by spreadsheet row
//! and column.

use super::convert::{convert, header_name};
use super::emit::emit;
use super::row::Row;
use crate::diag::{Diagnostic, FileId, Span};
use crate::load::csv;
use crate::load::registry::RawAgreement;
use crate::load::Input;
use crate::tr;
use crate::validate::registry::{self as validate, Context, Entry, KnownIds, Spans};
use std::collections::{BTreeSet, HashSet};

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
    let ids = KnownIds::of(input);
    // A bad `[registry]` setting is the project's finding, which `check`
    // reports: not the import's.
    let ctx = Context::of(input, &ids, build_date, &mut Vec::new());
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
        // The row as the spreadsheet numbers it (header = 1), named so it
        // is not taken for the file line the location shows (a multi-line
        // cell makes them differ).
        let (id, en) = match col {
            Some(c) if n > 0 => (
                format!("baris {} lembar kerja, kolom `{c}`: ", n + 1),
                format!("spreadsheet row {}, column `{c}`: ", n + 1),
            ),
            _ => (
                format!("baris {} lembar kerja: ", n + 1),
                format!("spreadsheet row {}: ", n + 1),
            ),
        };
        d.message.id.insert_str(0, &id);
        d.message.en.insert_str(0, &en);
    }
}
