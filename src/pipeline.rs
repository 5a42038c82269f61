//! The stages wired together: `check` stops after validation, `build` goes on
//! to render and write. `serve` (later) reuses the same functions.

use crate::diag::{self, Diagnostic, Lang, SourceMap};
use crate::load::{self, LoadError};
use crate::model::Site;
use crate::render::{self, theme::Theme};
use crate::{output, tr};
use std::path::{Path, PathBuf};

/// The result of load + validate: the site and every diagnostic, sorted.
pub struct Checked {
    pub sources: SourceMap,
    pub site: Site,
    pub diags: Vec<Diagnostic>,
    pub statics: Vec<PathBuf>,
    pub root: PathBuf,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        diag::count_errors(&self.diags) > 0
    }

    pub fn lang(&self) -> Lang {
        self.site.config.lang
    }
}

/// Loads and validates everything under `root`.
pub fn check(root: &Path) -> Result<Checked, LoadError> {
    let mut diags = Vec::new();
    let input = load::load(root, &mut diags)?;
    let site = crate::validate::validate(&input, &mut diags);
    diag::sort(&mut diags, &input.sources);
    Ok(Checked {
        sources: input.sources,
        site,
        diags,
        statics: input.statics,
        root: input.root,
    })
}

pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; default `<root>/public`.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` of `sopkb.toml`.
    pub base_url: Option<String>,
}

pub enum BuildError {
    /// Content errors: nothing was written.
    Content(Box<Checked>),
    /// I/O or internal failure: nothing was replaced.
    Failure(String),
}

pub struct BuildReport {
    pub checked: Checked,
    pub out: PathBuf,
    pub files: usize,
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut checked = check(&opts.root).map_err(|e| BuildError::Failure(e.to_string()))?;
    if let Some(url) = &opts.base_url {
        checked.site.config.base_url = crate::validate::normalise_base_url(url);
    }
    let theme = match Theme::load(&checked.root, &checked.site.config.theme, checked.lang()) {
        Ok(t) => Some(t),
        Err(d) => {
            checked.diags.push(*d);
            None
        }
    };
    let Some(theme) = theme.filter(|_| !checked.has_errors()) else {
        return Err(BuildError::Content(Box::new(checked)));
    };
    let files = render::render(&checked.site, &theme).map_err(|e| {
        BuildError::Failure(
            tr!("gagal merender: {}", "render failed: {}", e.0)
                .get(checked.lang())
                .to_owned(),
        )
    })?;
    let out = opts
        .out
        .clone()
        .unwrap_or_else(|| checked.root.join("public"));
    let statics: Vec<(PathBuf, PathBuf)> = checked
        .statics
        .iter()
        .map(|rel| (checked.root.join("static").join(rel), rel.clone()))
        .collect();
    output::write_site(&out, &files, &statics)
        .map_err(|e| BuildError::Failure(format!("{}: {e}", out.display())))?;
    Ok(BuildReport {
        files: files.len() + statics.len(),
        checked,
        out,
    })
}
