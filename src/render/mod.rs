//! Render: turn the checked `Site` into output files in memory (HTML pages,
//! SVG diagrams, open data). Nothing here touches the disk.

pub mod abbr;
pub(crate) mod book;
pub(crate) mod chart;
pub(crate) mod data;
pub(crate) mod doclinks;
pub(crate) mod docx;
pub(crate) mod feeds;
pub(crate) mod ics;
pub(crate) mod jdihn;
pub(crate) mod jsonld;
pub(crate) mod knowledge;
pub(crate) mod offline;
pub mod open_data;
pub(crate) mod pages;
pub(crate) mod panduan;
mod par;
pub(crate) mod registry;
pub(crate) mod reminders;
pub(crate) mod search_assets;
pub mod swimlane;
pub(crate) mod tera_text;
pub(crate) mod theme;
#[cfg(test)]
mod theme_doc;

/// `registry/validate.rs` still names Markdown by its old path; remove
/// this once the registry's rules move to `validate`.
use crate::model::Site;
use std::collections::BTreeMap;

/// The rendered site: output path (relative, `/`-separated) -> bytes.
pub(crate) type Files = BTreeMap<String, Vec<u8>>;

/// A render failure; content errors are caught earlier.
#[derive(Debug)]
pub(crate) enum RenderError {
    /// The site template `template` failed (Tera's error; the message
    /// holds its whole chain, as `theme::chain` writes it).
    Template {
        template: String,
        source: tera::Error,
    },
    /// A page the sink could not take (`build` writes while rendering).
    Write(WriteError),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template { template, source } => {
                write!(f, "{template}: {}", theme::chain(source))
            }
            RenderError::Write(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RenderError::Template { source, .. } => Some(source),
            RenderError::Write(e) => Some(e),
        }
    }
}

/// A file a [`Sink`] could not write.
#[derive(Debug)]
pub(crate) struct WriteError {
    /// The output path (relative, `/`-separated).
    pub path: String,
    pub source: std::io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.source)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// SOP pages `serve` keeps from its previous render instead of rendering
/// them again (an edit of one SOP cannot have changed them): for each id in
/// `sops`, every file under `sop/<id>/` is copied from `files`. Every other
/// page is always rendered, so lists, links and the sitemap stay whole.
pub(crate) struct Reuse<'a> {
    pub sops: std::collections::BTreeSet<String>,
    pub files: &'a Files,
}

impl Reuse<'_> {
    /// Copies the kept files of SOP `id` into `out`; false when not kept.
    pub(crate) fn copy_sop(&self, id: &str, out: &mut Files) -> bool {
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

/// Where `build` sends pages as soon as they are rendered (`output::Staging`),
/// so the whole site is never in memory at once. A page given to a sink
/// stays in `Files` as an empty placeholder: the sitemap still lists it.
pub(crate) trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError>;
}

/// Gives `files` to `sink` on all cores; returns them as placeholders.
pub(crate) fn hand_over(
    sink: &dyn Sink,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<(String, Vec<u8>)>, WriteError> {
    use rayon::prelude::*;
    files
        .into_par_iter()
        .map(|(path, bytes)| sink.put(&path, &bytes).map(|()| (path, Vec::new())))
        .collect()
}

/// The pages of some SOPs and articles alone, as `render` makes them: what
/// `serve` shows while the exact rebuild runs (`pages::pages_of`).
pub(crate) use pages::pages_of;

/// `render_reusing`, handing the per-item pages (SOPs, legal bases,
/// templates, articles, registry entries and partners) to `sink` if given.
pub(crate) fn render_into(
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
    open_data::render_all(site, &mut files);
    jdihn::render_all(site, &mut files);
    reminders::render_all(site, &mut files);
    search_assets::render_all(&mut files);
    drop(span);
    let _span = crate::timings::span("render feeds");
    // Keep last: the sitemap lists every HTML page rendered before it.
    feeds::render_all(site, &mut files);
    Ok(files)
}
