//! Validate: check raw input against every rule and resolve it into the
//! model. Each rule is a function with a stable diagnostic code; all content
//! errors are collected, none stops the others.

mod article;
mod bodies;
mod config;
mod duplicates;
mod glossary;
mod legal;
mod limits;
mod panduan;
mod refs;
pub(crate) mod registry;
mod repo;
pub(crate) mod skeleton;
mod sop;
mod template;
pub(crate) mod urls;
mod wilayah;

pub(crate) use config::normalise_base_url;
pub(crate) use duplicates::static_clashes;

use crate::diag::Diagnostic;
use crate::load::Input;
use crate::markdown;
use crate::model::{Page, Site};

/// Resolves `input` into a `Site`. Diagnostics (errors and warnings) go to
/// `diags`; the site is returned even with errors so `check` can report all.
pub fn validate(input: &Input, diags: &mut Vec<Diagnostic>) -> Site {
    crate::diag::suggest::new_pass();
    let config = config::resolve(input, diags);
    duplicates::check(input, diags);
    let bodies = bodies::render(input);
    let legal = legal::resolve(input, bodies.legal.bodies, diags);
    let legal_ids: std::collections::BTreeMap<&str, &crate::model::LegalBasis> =
        legal.iter().map(|l| (l.id.as_str(), l)).collect();
    let sop_ids: std::collections::BTreeSet<&str> =
        input.sops.iter().map(|s| s.id.as_str()).collect();
    let ctx = sop::Context {
        legal: &legal_ids,
        sops: &sop_ids,
        sources: &input.sources,
        broken: &input.broken_ids,
        lang: config.lang,
    };
    let mut sops: Vec<_> = input
        .sops
        .iter()
        .map(|s| sop::resolve(s, &ctx, diags))
        .collect();
    sop::check_unique_numbers(&sops, input, diags);
    sops.sort_by(|a, b| a.id.cmp(&b.id));
    let (home_html, home_found) = bodies.home.map(|d| (d.html, d.inspection)).unzip();
    let home = input
        .home
        .as_ref()
        .zip(home_html)
        .map(|(h, isi_html)| Page {
            file: input.sources.file(h.doc.file).path.clone(),
            judul: h.doc.raw.judul.clone(),
            ringkasan: h.doc.raw.ringkasan.clone(),
            isi_html,
        });
    let known = refs::Known {
        legal: legal_ids.keys().copied().collect(),
        sops: sop_ids.clone(),
        broken: &input.broken_ids,
    };
    let istilah = glossary::resolve(input, &known, diags);
    let (templat, templat_found) = template::resolve(input, &known, diags);
    let pengetahuan = article::resolve(input, &known, bodies.pengetahuan.bodies, diags);
    let panduan = panduan::resolve(input, &known, diags);
    let kerja_sama = registry::resolve_input(input, config.build_date.as_deref(), diags);
    let inspected = urls::Inspected {
        legal: bodies.legal.found,
        templat: templat_found,
        pengetahuan: bodies.pengetahuan.found,
        home: home_found,
    };
    urls::check(input, inspected, diags);
    Site {
        config,
        sops,
        legal,
        home,
        istilah,
        templat,
        pengetahuan,
        kerja_sama,
        panduan,
    }
}

/// The SOP `id` of `input` checked and resolved against the ids of `site`,
/// a site built before from the same project: `serve` previews an SOP edit
/// without checking everything again. `None` when `input` has no such SOP.
pub(crate) fn resolve_sop(
    input: &Input,
    id: &str,
    site: &Site,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::model::Sop> {
    let loaded = input.sops.iter().find(|s| s.id == id)?;
    let legal: std::collections::BTreeMap<&str, &crate::model::LegalBasis> =
        site.legal.iter().map(|l| (l.id.as_str(), l)).collect();
    let sops: std::collections::BTreeSet<&str> = site.sops.iter().map(|s| s.id.as_str()).collect();
    let ctx = sop::Context {
        legal: &legal,
        sops: &sops,
        sources: &input.sources,
        broken: &input.broken_ids,
        lang: site.config.lang,
    };
    Some(sop::resolve(loaded, &ctx, diags))
}

/// `resolve_sop` for the article `id` (`content/pengetahuan/<id>.md`).
pub(crate) fn resolve_article(
    input: &Input,
    id: &str,
    site: &Site,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::model::Article> {
    let a = input.pengetahuan.iter().find(|a| a.doc.id == id)?;
    let known = refs::Known {
        legal: site.legal.iter().map(|l| l.id.as_str()).collect(),
        sops: site.sops.iter().map(|s| s.id.as_str()).collect(),
        broken: &input.broken_ids,
    };
    let body = markdown::body(&a.body, input.trust_html());
    Some(article::resolve_one(a, input, &known, body, diags))
}
