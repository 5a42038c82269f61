//! Theme lookup: each template or asset is taken from the site
//! (`templates/`, `static/`), else the configured theme folder
//! (`themes/<name>/`), else the default theme built into the binary.

use crate::diag::{Diagnostic, Lang};
use crate::tr;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;

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
    "static/style.css",
    "static/print.css",
    "static/favicon.svg",
    "static/search.js",
    "static/search-worker.js",
    "static/registry.js",
    "i18n.toml",
);

pub struct Theme {
    pub tera: Tera,
    /// Theme assets, published under `assets/`.
    pub assets: Vec<(String, Vec<u8>)>,
    /// UI strings in the site's language.
    pub strings: BTreeMap<String, String>,
}

impl Theme {
    pub fn load(root: &Path, name: &str, lang: Lang) -> Result<Theme, Box<Diagnostic>> {
        let theme_dir = root.join("themes").join(name);
        let pick = |rel: &str, embedded: &[u8]| -> Result<(String, Vec<u8>), Box<Diagnostic>> {
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
                if candidate.is_file() {
                    let bytes = std::fs::read(&candidate).map_err(|e| {
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
                    return Ok((shown.display().to_string(), bytes));
                }
            }
            Ok((format!("<bawaan>/{rel}"), embedded.to_vec()))
        };
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        let mut assets = Vec::new();
        let mut templates = Vec::new();
        let mut strings_src = None;
        for (rel, embedded) in DEFAULT_THEME {
            let (shown, bytes) = pick(rel, embedded)?;
            if let Some(t) = rel.strip_prefix("templates/") {
                let text = String::from_utf8(bytes).map_err(|_| {
                    Box::new(Diagnostic::error(
                        "THEME002",
                        tr!(
                            "templat `{}` bukan UTF-8",
                            "template `{}` is not UTF-8",
                            shown
                        ),
                    ))
                })?;
                templates.push((t.to_owned(), text, shown));
            } else if let Some(a) = rel.strip_prefix("static/") {
                assets.push((a.to_owned(), bytes));
            } else {
                strings_src = Some((shown, bytes));
            }
        }
        tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                Box::new(
                    Diagnostic::error(
                        "THEME001",
                        tr!("templat tidak sah: {}", "invalid template: {}", chain(&e)),
                    )
                    .help(tr!(
                        "perbaiki sintaks Tera di templat yang disebut",
                        "fix the Tera syntax in the named template"
                    )),
                )
            })?;
        let (shown, bytes) = strings_src.expect("i18n.toml is embedded");
        let strings = parse_strings(&shown, &bytes, lang)?;
        Ok(Theme {
            tera,
            assets,
            strings,
        })
    }
}

fn parse_strings(
    shown: &str,
    bytes: &[u8],
    lang: Lang,
) -> Result<BTreeMap<String, String>, Box<Diagnostic>> {
    let table: BTreeMap<String, BTreeMap<String, String>> = std::str::from_utf8(bytes)
        .ok()
        .and_then(|t| toml::from_str(t).ok())
        .ok_or_else(|| {
            Box::new(Diagnostic::error(
                "THEME003",
                tr!("`{}` tidak sah", "`{}` is invalid", shown),
            ))
        })?;
    let key = match lang {
        Lang::Id => "id",
        Lang::En => "en",
    };
    table.get(key).cloned().ok_or_else(|| {
        Box::new(Diagnostic::error(
            "THEME003",
            tr!(
                "`{}` tidak memiliki bagian [{}]",
                "`{}` has no [{}] table",
                shown,
                key
            ),
        ))
    })
}

/// HTML escaping for text and quoted attributes. Unlike Tera's default it
/// leaves `/` alone, so URLs stay readable in the output.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Tera nests the useful message in its error sources.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}
