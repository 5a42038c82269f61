//! Rules for articles (`content/pengetahuan/*.md`), codes `ART...`.

use super::refs::{self, Known, RefKind};
use crate::diag::{Diagnostic, Span};
use crate::load::raw::RawArticle;
use crate::load::{Input, LoadedDoc};
use crate::markdown::Body;
use crate::model::Article;

/// The articles of `input`; `html` holds their bodies as HTML, in the
/// same order.
pub(super) fn resolve(
    input: &Input,
    known: &Known,
    bodies: Vec<Body>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Article> {
    let mut out: Vec<Article> = input
        .pengetahuan
        .iter()
        .zip(bodies)
        .map(|(a, body)| resolve_one(a, input, known, body, diags))
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// One article, its Markdown already converted (`body`).
pub(super) fn resolve_one(
    a: &LoadedDoc<RawArticle>,
    input: &Input,
    known: &Known,
    body: Body,
    diags: &mut Vec<Diagnostic>,
) -> Article {
    let raw = &a.doc.raw;
    let spans = &a.doc.spans;
    refs::require(&raw.judul, "judul", "ART001", spans, diags);
    refs::require(&raw.ringkasan, "ringkasan", "ART001", spans, diags);
    if a.body.trim().is_empty() {
        diags.push(refs::empty("isi artikel", "ART001").at(Span::new(
            a.doc.file,
            a.body_start,
            a.body_start,
        )));
    }
    let dasar_hukum = refs::check_ids(
        &raw.dasar_hukum,
        "dasar_hukum",
        RefKind::Legal,
        "ART002",
        known,
        spans,
        diags,
    );
    let terkait_sop = refs::check_ids(
        &raw.terkait_sop,
        "terkait_sop",
        RefKind::Sop,
        "ART003",
        known,
        spans,
        diags,
    );
    refs::check_date(&raw.diperbarui, "ART004", spans, diags);
    Article {
        id: a.doc.id.clone(),
        file: input.sources.file(a.doc.file).path.clone(),
        draf: raw.draf,
        judul: raw.judul.trim().to_owned(),
        ringkasan: raw.ringkasan.trim().to_owned(),
        urutan: raw.urutan,
        dasar_hukum,
        terkait_sop,
        sumber: refs::clean(&raw.sumber),
        diperbarui: raw.diperbarui.trim().to_owned(),
        isi_html: body.html,
        isi_text: body.text,
        bagian: body.sections,
    }
}
