//! Search: the checked site -> one document per SOP step, SOP, legal basis,
//! template, article and glossary term -> the shipped chunked tantivy index
//! under `search/index/` (format: `sopkb_search::chunk`), which `sopkb
//! search` reads (`load::site_index`, `cmd::search`).

mod docs;

use crate::model::Site;

pub(crate) use docs::{documents, synonyms};

/// Folder of the shipped index inside the site.
pub(crate) const INDEX_DIR: &str = "search/index";

/// The index files of `site`: output path -> bytes (`search/index/manifest.json`,
/// `search/index/pack-00000.bin`, ...). Byte-identical for the same site.
pub(crate) fn index_files(site: &Site) -> sopkb_search::tantivy::Result<Vec<(String, Vec<u8>)>> {
    let pack = sopkb_search::writer::build_from(
        docs::each_document(site),
        &synonyms(site),
        sopkb_search::chunk::CHUNK_SIZE,
    )?;
    Ok(pack
        .into_files()
        .into_iter()
        .map(|(name, bytes)| (format!("{INDEX_DIR}/{name}"), bytes))
        .collect())
}

/// The search index of `serve`: kept across rebuilds and brought in step
/// with each new site by the documents that changed (`sopkb_search::live`),
/// its files packed again after each change. Not byte-identical to the
/// index `build` ships (segments and deletes left by edits).
pub(crate) struct LiveSearch {
    index: sopkb_search::live::LiveIndex,
    /// The packed files of the current index (`index_files`' names),
    /// shared with the pages that serve them.
    files: Shared,
}

impl LiveSearch {
    pub(crate) fn new(site: &Site) -> sopkb_search::tantivy::Result<LiveSearch> {
        let index = sopkb_search::live::LiveIndex::new(&documents(site), &synonyms(site))?;
        let files = packed(&index)?;
        Ok(LiveSearch { index, files })
    }

    /// Brings the index in step with `site` (built again whole when the
    /// glossary's synonyms changed).
    pub(crate) fn update(&mut self, site: &Site) -> sopkb_search::tantivy::Result<()> {
        let update = self.index.update(&documents(site), &synonyms(site))?;
        if update.changed() {
            self.files = packed(&self.index)?;
        }
        Ok(())
    }

    /// Replaces the documents of the SOPs `sops` and articles `articles`
    /// (as `site` has them) only: a preview's edit, without reading the
    /// other documents. Other documents that show them wait for `update`.
    /// True when the index files changed.
    pub(crate) fn update_pages(
        &mut self,
        site: &Site,
        sops: &[&str],
        articles: &[&str],
    ) -> sopkb_search::tantivy::Result<bool> {
        let (pages, docs) = docs::documents_of(site, sops, articles);
        let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
        let changed = self.index.replace_pages(&pages, &docs)?.changed();
        if changed {
            self.files = packed(&self.index)?;
        }
        Ok(changed)
    }

    /// The index files, as `index_files` names them.
    pub(crate) fn files(&self) -> &[(String, std::sync::Arc<Vec<u8>>)] {
        &self.files
    }
}

type Shared = Vec<(String, std::sync::Arc<Vec<u8>>)>;

fn packed(index: &sopkb_search::live::LiveIndex) -> sopkb_search::tantivy::Result<Shared> {
    Ok(index
        .pack()?
        .into_files()
        .into_iter()
        .map(|(name, bytes)| (format!("{INDEX_DIR}/{name}"), std::sync::Arc::new(bytes)))
        .collect())
}
