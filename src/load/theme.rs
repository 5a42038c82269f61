//! Theme files: each template or asset is taken from the site
//! (`templates/`, `theme-overrides/`), else the configured theme folder
//! (`themes/<name>/`), else the default theme built into the binary. Read
//! here; `render::theme` compiles the text and never touches the disk.

use crate::diag::{Diagnostic, SourceMap, Span};
use crate::tr;
use std::path::Path;

/// Files of `themes/default/`, embedded so the binary works anywhere.
macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

const DEFAULT_THEME: &[(&str, &[u8])] = embedded!(
    "templates/base.html",
    "templates/macros.html",
    "templates/index.html",
    "templates/sop.html",
    "templates/sop_list.html",
    "templates/compare.html",
    "templates/sop_book.html",
    "templates/sop_parts.html",
    "templates/legal.html",
    "templates/legal_list.html",
    "templates/404.html",
    "templates/glossary.html",
    "templates/template_list.html",
    "templates/template.html",
    "templates/article_list.html",
    "templates/article.html",
    "templates/search.html",
    "templates/kerja_sama_list.html",
    "templates/kerja_sama.html",
    "templates/kerja_sama_mitra_list.html",
    "templates/kerja_sama_mitra.html",
    "templates/panduan.html",
    "static/style.css",
    "static/print.css",
    "static/book.css",
    "static/favicon.svg",
    "static/search.js",
    "static/search-worker.js",
    "static/registry.js",
    "static/panduan.js",
    "static/site.js",
    "i18n.toml",
);

/// Prefix of the path shown for a file of the built-in theme.
const BUILT_IN: &str = "<bawaan>";

/// One template of the theme, as read.
pub(crate) struct TemplateFile {
    /// Tera's name (`sop.html`).
    pub name: String,
    /// The path shown in diagnostics (`templates/sop.html`,
    /// `themes/<name>/templates/sop.html`, `<bawaan>/templates/sop.html`).
    pub shown: String,
    pub text: String,
}

impl TemplateFile {
    /// The project supplies it (a site override or its theme folder): its
    /// errors are the project's, located in it.
    pub(crate) fn is_project(&self) -> bool {
        !self.shown.starts_with(BUILT_IN)
    }
}

/// The theme as read, in the order of `DEFAULT_THEME`, then the assets an
/// override folder adds.
pub(crate) struct ThemeFiles {
    pub templates: Vec<TemplateFile>,
    /// Theme assets, published under `assets/`: name and bytes.
    pub assets: Vec<(String, Vec<u8>)>,
    /// `i18n.toml`: path shown and bytes.
    pub strings: (String, Vec<u8>),
    /// THEME006: templates in an override folder that sopkb never renders
    /// (a misspelt name would otherwise be ignored silently).
    pub warnings: Vec<Diagnostic>,
}

/// Every file of the built-in default theme (`sopkb theme export`): its
/// path below the theme folder and its bytes.
pub(crate) fn default_theme() -> &'static [(&'static str, &'static [u8])] {
    DEFAULT_THEME
}

impl ThemeFiles {
    /// Whether `shown` names a file of the built-in theme.
    pub(crate) fn built_in(shown: &str) -> bool {
        shown.starts_with(BUILT_IN)
    }
}

/// A theme is a folder of `themes/`: a plain name, never a path.
pub(crate) fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Reads the theme `name` of the project at `root`; an unreadable, too
/// large or non-UTF-8 template is reported (its text is added to
/// `sources`). Files are read as by the rest of `load`: no symbolic link is
/// followed, none over the size limit is read.
pub(crate) fn read(
    root: &Path,
    name: &str,
    sources: &mut SourceMap,
) -> Result<ThemeFiles, Box<Diagnostic>> {
    // `theme` is a folder name (CFG006 reports others): never a path
    // that could leave `themes/`.
    let theme_dir = if is_theme_name(name) {
        root.join("themes").join(name)
    } else {
        root.join("themes").join("default")
    };
    let pick = |rel: &str,
                embedded: &[u8],
                sources: &mut SourceMap|
     -> Result<(String, Vec<u8>), Box<Diagnostic>> {
        let site_override = match rel.strip_prefix("templates/") {
            Some(t) => root.join("templates").join(t),
            None => root.join("theme-overrides").join(rel),
        };
        for (candidate, shown) in [
            (
                site_override.clone(),
                site_override
                    .strip_prefix(root)
                    .unwrap_or(&site_override)
                    .to_path_buf(),
            ),
            (
                theme_dir.join(rel),
                Path::new("themes").join(name).join(rel),
            ),
        ] {
            if super::guard::real_file(root, &candidate) {
                let read = super::guard::read_limited(&candidate).map_err(|e| {
                    Box::new(Diagnostic::error(
                        "THEME002",
                        tr!(
                            "tidak dapat membaca `{}`: {}",
                            "cannot read `{}`: {}",
                            shown.display(),
                            e
                        ),
                    ))
                })?;
                let shown = shown.display().to_string();
                return match read {
                    super::guard::Limited::Bytes(bytes) => Ok((shown, bytes)),
                    super::guard::Limited::TooLarge(len) => {
                        Err(Box::new(super::guard::too_large(sources, &shown, len)))
                    }
                };
            }
        }
        Ok((format!("{BUILT_IN}/{rel}"), embedded.to_vec()))
    };
    let mut assets = Vec::new();
    let mut templates = Vec::new();
    let mut strings = None;
    for (rel, embedded) in DEFAULT_THEME {
        let (shown, bytes) = pick(rel, embedded, sources)?;
        if let Some(t) = rel.strip_prefix("templates/") {
            let text = String::from_utf8(bytes).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
                let file = sources.add(shown.clone(), prefix);
                Box::new(
                    Diagnostic::error(
                        "THEME002",
                        tr!(
                            "templat `{}` bukan UTF-8 (byte ke-{})",
                            "template `{}` is not UTF-8 (byte {})",
                            shown,
                            at
                        ),
                    )
                    .at(Span::new(file, at, at))
                    .help(tr!(
                        "simpan ulang berkas dengan pengodean UTF-8",
                        "save the file again with UTF-8 encoding"
                    )),
                )
            })?;
            templates.push(TemplateFile {
                name: t.to_owned(),
                shown,
                text,
            });
        } else if let Some(a) = rel.strip_prefix("static/") {
            assets.push((a.to_owned(), bytes));
        } else {
            strings = Some((shown, bytes));
        }
    }
    let mut warnings = Vec::new();
    let folders = [
        (
            root.join("templates"),
            "templates/".to_owned(),
            "templates/",
        ),
        (
            root.join("theme-overrides/static"),
            "theme-overrides/static/".to_owned(),
            "static/",
        ),
        (
            theme_dir.join("templates"),
            format!("themes/{name}/templates/"),
            "templates/",
        ),
        (
            theme_dir.join("static"),
            format!("themes/{name}/static/"),
            "static/",
        ),
    ];
    for (dir, shown_dir, kind) in folders {
        for rel in extra_files(root, &dir) {
            let known = DEFAULT_THEME
                .iter()
                .any(|(p, _)| *p == format!("{kind}{rel}"));
            let shown = format!("{shown_dir}{rel}");
            if known {
                continue;
            }
            if kind == "static/" {
                // A new asset: published beside the theme's own (the site
                // override wins over the theme folder, as for the others).
                if assets.iter().any(|(a, _)| *a == rel) {
                    continue;
                }
                match super::guard::read_limited(&dir.join(&rel)) {
                    Ok(super::guard::Limited::Bytes(bytes)) => assets.push((rel, bytes)),
                    Ok(super::guard::Limited::TooLarge(len)) => {
                        return Err(Box::new(super::guard::too_large(sources, &shown, len)))
                    }
                    Err(e) => {
                        return Err(Box::new(Diagnostic::error(
                            "THEME002",
                            tr!(
                                "tidak dapat membaca `{}`: {}",
                                "cannot read `{}`: {}",
                                shown,
                                e
                            ),
                        )))
                    }
                }
            } else {
                // Its text only for the excerpt; a file too big or unreadable shows none.
                let text = match super::guard::read_limited(&dir.join(&rel)) {
                    Ok(super::guard::Limited::Bytes(b)) => String::from_utf8_lossy(&b).into_owned(),
                    _ => String::new(),
                };
                let file = sources.add(shown.clone(), text);
                warnings.push(unknown_template(file, &shown, &rel));
            }
        }
    }
    Ok(ThemeFiles {
        templates,
        assets,
        strings: strings.expect("i18n.toml is embedded"),
        warnings,
    })
}

/// Files below `dir` (relative, `/`-separated, sorted); none when it is
/// missing or not a real folder of the project.
fn extra_files(root: &Path, dir: &Path) -> Vec<String> {
    if !super::guard::real_dir(root, dir) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            if let Ok(rel) = entry.path().strip_prefix(dir) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.push(rel);
            }
        }
    }
    out
}

/// THEME006: `shown` (the template `name`) is not a template sopkb renders.
fn unknown_template(file: crate::diag::FileId, shown: &str, name: &str) -> Diagnostic {
    let all: Vec<&str> = DEFAULT_THEME
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("templates/"))
        .collect();
    // The names sharing the longest start with it ("sop_detail.html" ->
    // sop.html, sop_list.html), else all of them.
    let shared = |n: &&str| {
        n.bytes()
            .zip(name.bytes())
            .take_while(|(a, b)| a == b)
            .count()
    };
    let best = all.iter().map(shared).max().unwrap_or(0);
    let names: Vec<&str> = if best >= 3 {
        all.iter().filter(|n| shared(n) == best).copied().collect()
    } else {
        all
    };
    Diagnostic::warning(
        "THEME006",
        tr!(
            "`{}` bukan templat yang dirender sopkb: berkas ini diabaikan",
            "`{}` is not a template sopkb renders: the file is ignored",
            shown
        ),
    )
    .at(Span::new(file, 0, 0))
    .help(tr!(
        "beri nama salah satu templat bawaan ({}); `sopkb theme export DIR` menulis semuanya",
        "name it after a built-in template ({}); `sopkb theme export DIR` writes them all",
        names.join(", ")
    ))
}
