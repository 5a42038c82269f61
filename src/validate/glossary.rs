//! Rules for the glossary (`content/istilah.yaml`), codes `IST...`.

use super::refs::{self, Known, RefKind};
use crate::diag::Diagnostic;
use crate::load::Input;
use crate::model::Term;
use crate::tr;
use std::collections::BTreeMap;

pub(super) fn resolve(input: &Input, known: &Known, diags: &mut Vec<Diagnostic>) -> Vec<Term> {
    let Some(g) = &input.istilah else {
        return Vec::new();
    };
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, raw) in g.raw.iter().enumerate() {
        let at = |key: &str| format!("[{i}].{key}");
        if let Some(s) = &raw.singkatan {
            refs::require(s, &at("singkatan"), "IST001", &g.spans, diags);
        }
        refs::require(
            &raw.kepanjangan,
            &at("kepanjangan"),
            "IST001",
            &g.spans,
            diags,
        );
        refs::require(&raw.definisi, &at("definisi"), "IST001", &g.spans, diags);
        let dasar_hukum = refs::check_ids(
            &raw.dasar_hukum,
            &at("dasar_hukum"),
            RefKind::Legal,
            "IST002",
            known,
            &g.spans,
            diags,
        );
        let singkatan = raw
            .singkatan
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let key = (
            singkatan.unwrap_or("").to_lowercase(),
            raw.kepanjangan.trim().to_lowercase(),
        );
        if let Some(first) = seen.get(&key) {
            diags.push(duplicate(*first, &raw.kepanjangan).at_opt(g.spans.get(&at("kepanjangan"))));
            continue;
        }
        seen.insert(key, i);
        out.push(Term {
            singkatan: singkatan.map(str::to_owned),
            kepanjangan: raw.kepanjangan.trim().to_owned(),
            definisi: raw.definisi.trim().to_owned(),
            dasar_hukum,
            sinonim: refs::clean(&raw.sinonim),
        });
    }
    out
}

fn duplicate(first: usize, kepanjangan: &str) -> Diagnostic {
    Diagnostic::error(
        "IST003",
        tr!(
            "istilah `{}` ditulis dua kali (sama dengan entri ke-{})",
            "term `{}` is written twice (same as entry {})",
            kepanjangan.trim(),
            first + 1
        ),
    )
    .label(tr!("pengulangan", "repeated here"))
    .help(tr!(
        "hapus salah satu; singkatan dengan dua arti ditulis sebagai dua entri dengan `kepanjangan` berbeda",
        "remove one; an acronym with two meanings is two entries with different `kepanjangan`"
    ))
}
