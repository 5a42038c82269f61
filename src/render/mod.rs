//! Render: turn the checked `Site` into output files in memory (HTML pages,
//! SVG diagrams, open data). Nothing here touches the disk.

pub mod abbr;
pub mod data;
pub mod doclinks;
pub mod docx;
pub mod feeds;
pub mod knowledge;
pub mod markdown;
pub mod pages;
mod par;
pub mod registry;
pub mod search_assets;
pub mod swimlane;
pub mod theme;

use crate::model::Site;
use std::collections::BTreeMap;

/// The rendered site: output path (relative, `/`-separated) -> bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// A render failure (a broken template); content errors are caught earlier.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// SOP pages `serve` keeps from its previous render instead of rendering
/// them again (an edit of one SOP cannot have changed them): for each id in
/// `sops`, every file under `sop/<id>/` is copied from `files`. Every other
/// page is always rendered, so lists, links and the sitemap stay whole.
pub struct Reuse<'a> {
    pub sops: std::collections::BTreeSet<String>,
    pub files: &'a Files,
}

impl Reuse<'_> {
    /// Copies the kept files of SOP `id` into `out`; false when not kept.
    pub fn copy_sop(&self, id: &str, out: &mut Files) -> bool {
        if !self.sops.contains(id) {
            return false;
        }
        let prefix = format!("sop/{id}/");
        for (path, bytes) in self.files.range(prefix.clone()..) {
            if !path.starts_with(&prefix) {
                break;
            }
            out.insert(path.clone(), bytes.clone());
        }
        true
    }
}

pub fn render(site: &Site, theme: &theme::Theme) -> Result<Files, RenderError> {
    render_reusing(site, theme, None)
}

/// `render`, copying the SOP pages named by `reuse` instead of rendering them.
pub fn render_reusing(
    site: &Site,
    theme: &theme::Theme,
    reuse: Option<&Reuse>,
) -> Result<Files, RenderError> {
    render_into(site, theme, reuse, None)
}

/// Where `build` sends pages as soon as they are rendered (`output::Staging`),
/// so the whole site is never in memory at once. A page given to a sink
/// stays in `Files` as an empty placeholder: the sitemap still lists it.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), String>;
}

/// Gives `files` to `sink` on all cores; returns them as placeholders.
pub fn hand_over(
    sink: &dyn Sink,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    use rayon::prelude::*;
    files
        .into_par_iter()
        .map(|(path, bytes)| sink.put(&path, &bytes).map(|()| (path, Vec::new())))
        .collect()
}

/// The pages of some SOPs and articles alone, as `render` makes them: what
/// `serve` shows while the exact rebuild runs (`pages::pages_of`).
pub use pages::pages_of;

/// `render_reusing`, handing the per-item pages (SOPs, legal bases,
/// templates, articles, registry entries and partners) to `sink` if given.
pub fn render_into(
    site: &Site,
    theme: &theme::Theme,
    reuse: Option<&Reuse>,
    sink: Option<&dyn Sink>,
) -> Result<Files, RenderError> {
    let mut files = Files::new();
    let span = crate::timings::span("render pages");
    pages::render_all(site, theme, &mut files, reuse, sink)?;
    drop(span);
    let span = crate::timings::span("render data");
    data::render_all(site, &mut files);
    crate::registry::data::render_all(site, &mut files);
    search_assets::render_all(&mut files);
    drop(span);
    let _span = crate::timings::span("render feeds");
    // Keep last: the sitemap lists every HTML page rendered before it.
    feeds::render_all(site, &mut files);
    Ok(files)
}
