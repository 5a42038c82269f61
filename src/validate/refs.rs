//! Shared checks of the knowledge content: references to legal bases and
//! SOPs by id, required text, and `diperbarui` dates.

use crate::diag::Diagnostic;
use crate::load::YamlSpans;
use crate::tr;
use std::collections::BTreeSet;

/// Ids that references may name.
pub(super) struct Known<'a> {
    pub legal: BTreeSet<&'a str>,
    pub sops: BTreeSet<&'a str>,
    /// Files that exist but failed to parse (already reported).
    pub broken: &'a BTreeSet<String>,
}

/// What kind of thing a list of ids names.
#[derive(Clone, Copy)]
pub(super) enum RefKind {
    Legal,
    Sop,
}

/// Reports every id of `list` (at YAML path `key[i]`) that is not known,
/// under `code`; returns the known ids, without repeats, in order.
pub(super) fn check_ids(
    list: &[String],
    key: &str,
    kind: RefKind,
    code: &'static str,
    known: &Known,
    spans: &YamlSpans,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let set = match kind {
        RefKind::Legal => &known.legal,
        RefKind::Sop => &known.sops,
    };
    for (i, id) in list.iter().enumerate() {
        let id = id.trim();
        if set.contains(id) {
            if !out.iter().any(|o| o == id) {
                out.push(id.to_owned());
            }
            continue;
        }
        if known.broken.contains(id) {
            continue;
        }
        let known = crate::diag::suggest::suggest(id, set.iter().copied(), 12);
        // "e.g.: a, b" only when there is something to suggest.
        let some = if known.listing.is_empty() {
            "-".to_owned()
        } else {
            known.listing.clone()
        };
        let (msg, help) = match kind {
            RefKind::Legal => (
                tr!(
                    "dasar hukum `{}` tidak dikenal",
                    "unknown legal basis `{}`",
                    id
                ),
                tr!(
                    "buat content/dasar-hukum/{}.md atau pakai salah satu: {}",
                    "create content/dasar-hukum/{}.md or use one of: {}",
                    id,
                    some
                ),
            ),
            RefKind::Sop => (
                tr!("SOP `{}` tidak dikenal", "unknown SOP `{}`", id),
                tr!(
                    "tulis id SOP (nama berkas di sops/ tanpa .yaml), mis.: {}",
                    "write an SOP id (a file name in sops/ without .yaml), e.g.: {}",
                    some
                ),
            ),
        };
        diags.push(
            Diagnostic::error(code, msg)
                .at_opt(spans.get(&format!("{key}[{i}]")))
                .label(known.label(tr!("tidak dikenal", "unknown")))
                .help(help),
        );
    }
    out
}

/// An error `code` at `path` when `value` is blank.
pub(super) fn require(
    value: &str,
    path: &str,
    code: &'static str,
    spans: &YamlSpans,
    diags: &mut Vec<Diagnostic>,
) {
    if value.trim().is_empty() {
        diags.push(empty(path, code).at_opt(spans.get(path)));
    }
}

pub(super) fn empty(what: &str, code: &'static str) -> Diagnostic {
    Diagnostic::error(code, tr!("`{}` kosong", "`{}` is empty", what)).help(tr!(
        "isi `{}`; lihat docs/FORMAT.md",
        "fill in `{}`; see docs/FORMAT.md",
        what
    ))
}

/// An error `code` when `diperbarui` is not `YYYY-MM-DD`.
pub(super) fn check_date(
    value: &str,
    code: &'static str,
    spans: &YamlSpans,
    diags: &mut Vec<Diagnostic>,
) {
    if !super::config::is_iso_date(value.trim()) {
        diags.push(
            Diagnostic::error(
                code,
                tr!(
                    "`diperbarui` `{}` bukan tanggal TTTT-BB-HH",
                    "`diperbarui` `{}` is not a YYYY-MM-DD date",
                    value
                ),
            )
            .at_opt(spans.get("diperbarui"))
            .help(tr!(
                "tulis tanggal perubahan terakhir, mis. 2026-11-01",
                "write the date of the last change, e.g. 2026-11-01"
            )),
        );
    }
}

/// Trimmed, non-empty strings.
pub(super) fn clean(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}
