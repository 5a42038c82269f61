//! Search: the checked site -> one document per SOP step, SOP, legal basis,
//! template, article and glossary term -> the shipped chunked tantivy index
//! under `search/index/` (format: `sopkb_search::chunk`), which `sopkb
//! search` reads (`load::site_index`, `cmd::search`).

mod docs;
mod text;

use crate::model::Site;

pub(crate) use docs::{documents, synonyms};

/// Folder of the shipped index inside the site.
pub(crate) const INDEX_DIR: &str = "search/index";

/// The index files of `site`: output path -> bytes (`search/index/manifest.json`,
/// `search/index/pack-00000.bin`, ...). Byte-identical for the same site.
pub(crate) fn index_files(site: &Site) -> sopkb_search::tantivy::Result<Vec<(String, Vec<u8>)>> {
    let pack = sopkb_search::writer::build(&documents(site), &synonyms(site))?;
    Ok(pack
        .files()
        .into_iter()
        .map(|(name, bytes)| (format!("{INDEX_DIR}/{name}"), bytes))
        .collect())
}
