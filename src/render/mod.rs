//! Render: turn the checked `Site` into output files in memory (HTML pages,
//! SVG diagrams, open data). Nothing here touches the disk.

pub mod data;
pub mod markdown;
pub mod pages;
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

pub fn render(site: &Site, theme: &theme::Theme) -> Result<Files, RenderError> {
    let mut files = Files::new();
    pages::render_all(site, theme, &mut files)?;
    data::render_all(site, &mut files);
    Ok(files)
}
