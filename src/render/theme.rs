//! Theme lookup: each template or asset is taken from the site
//! (`templates/`, `static/`), else the configured theme folder
//! (`themes/<name>/`), else the default theme built into the binary.

use crate::diag::{Diagnostic, Lang, SourceMap, Span};
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

pub(crate) struct Theme {
    pub tera: Tera,
    /// Theme assets, published under `assets/`.
    pub assets: Vec<(String, Vec<u8>)>,
    /// UI strings in the site's language.
    pub strings: BTreeMap<String, String>,
    /// Templates read from the project (site override or theme folder):
    /// name -> (path shown, text), to locate their errors.
    pub files: BTreeMap<String, (String, String)>,
}

impl Theme {
    /// Loads the theme; a broken site template is reported at its line
    /// (its text is added to `sources`). Files are read as by `load`: no
    /// symbolic link is followed, none over the size limit is read.
    pub(crate) fn load_located(
        root: &Path,
        name: &str,
        lang: Lang,
        sources: &mut SourceMap,
    ) -> Result<Theme, Box<Diagnostic>> {
        // `theme` is a folder name (CFG006 reports others): never a path
        // that could leave `themes/`.
        let theme_dir = if crate::load::raw::is_theme_name(name) {
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
                if crate::load::guard::real_file(root, &candidate) {
                    let read = crate::load::guard::read_limited(&candidate).map_err(|e| {
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
                        crate::load::guard::Limited::Bytes(bytes) => Ok((shown, bytes)),
                        crate::load::guard::Limited::TooLarge(len) => Err(Box::new(
                            crate::load::guard::too_large(sources, &shown, len),
                        )),
                    };
                }
            }
            Ok((format!("<bawaan>/{rel}"), embedded.to_vec()))
        };
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(sopkb_search::escape::html_attr);
        confine(&mut tera);
        let mut assets = Vec::new();
        let mut templates = Vec::new();
        let mut strings_src = None;
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
                templates.push((t.to_owned(), text, shown));
            } else if let Some(a) = rel.strip_prefix("static/") {
                assets.push((a.to_owned(), bytes));
            } else {
                strings_src = Some((shown, bytes));
            }
        }
        let files: BTreeMap<String, (String, String)> = templates
            .iter()
            .filter(|(_, _, shown)| !shown.starts_with("<bawaan>"))
            .map(|(n, t, shown)| (n.clone(), (shown.clone(), t.clone())))
            .collect();
        if let Some((shown, text, at, name)) = recursive_macro(&files) {
            let file = sources.add(shown.clone(), text.clone());
            return Err(Box::new(
                Diagnostic::error(
                    "THEME005",
                    tr!(
                        "makro `{}` memanggil dirinya sendiri (langsung atau lewat makro lain)",
                        "macro `{}` calls itself (directly or through other macros)",
                        name
                    ),
                )
                .at(Span::new(file, at, at + 1))
                .help(tr!(
                    "makro rekursif tidak didukung: tanpa batas kedalaman, build akan berhenti mendadak",
                    "recursive macros are not supported: Tera has no depth limit, the build would crash"
                )),
            ));
        }
        tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                let msg = chain(&e);
                Box::new(
                    Diagnostic::error(
                        "THEME001",
                        tr!("templat tidak sah: {}", "invalid template: {}", msg),
                    )
                    .at_opt(locate(&files, &msg, sources))
                    .help(tr!(
                        "perbaiki sintaks Tera di templat yang disebut",
                        "fix the Tera syntax in the named template"
                    )),
                )
            })?;
        let (shown, bytes) = strings_src.expect("i18n.toml is embedded");
        let strings = parse_strings(&shown, &bytes, lang).map_err(|mut d| {
            // A project's own `i18n.toml`: point at the TOML error.
            if !shown.starts_with("<bawaan>") {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let at = toml::from_str::<toml::Table>(&text)
                    .err()
                    .and_then(|e| e.span())
                    .map_or(0, |r| r.start);
                let file = sources.add(shown.clone(), text);
                d.span = Some(Span::new(file, at, at));
            }
            d
        })?;
        Ok(Theme {
            tera,
            assets,
            strings,
            files,
        })
    }

    /// A render failure (`"<template>: <tera error>"`, as `pages` reports
    /// it) of a template the project supplies, as a content error located
    /// in that template; `None` for the built-in templates (a bug of ours).
    pub(crate) fn render_error(
        &self,
        message: &str,
        sources: &mut SourceMap,
    ) -> Option<Diagnostic> {
        let (name, _) = mentioned(&self.files, message)?;
        let (shown, _) = &self.files[name];
        let span = locate(&self.files, message, sources);
        Some(
            Diagnostic::error(
                "THEME004",
                tr!(
                    "templat `{}` gagal dirender: {}",
                    "template `{}` failed to render: {}",
                    shown,
                    message
                ),
            )
            .at_opt(span)
            .help(tr!(
                "periksa nama variabel dan filter di templat ini; bandingkan dengan themes/default/templates/",
                "check the variable names and filters in this template; compare with themes/default/templates/"
            )),
        )
    }
}

/// Where a Tera error points in a project template: its `--> line:col`
/// when the parser gives one, else the first mention of a name the
/// message quotes (a variable, a parent template), else the file start.
fn locate(
    files: &BTreeMap<String, (String, String)>,
    msg: &str,
    sources: &mut SourceMap,
) -> Option<Span> {
    let (_, (shown, text)) = mentioned(files, msg)?;
    let file = sources.add(shown.clone(), text.clone());
    let src = sources.file(file);
    let at = msg
        .split("--> ")
        .nth(1)
        .and_then(|rest| {
            let (line, rest) = rest.split_once(':')?;
            let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some(src.offset_of(line.trim().parse().ok()?, col.parse().ok()?))
        })
        .or_else(|| {
            // Names in backticks (variables, filters, functions), then in
            // quotes (a parent template); never a template's own name.
            let ticks = msg.split('`').skip(1).step_by(2);
            let quotes = msg.split(['\'', '"']).skip(1).step_by(2);
            ticks
                .chain(quotes)
                .filter(|q| q.len() > 1 && !files.contains_key(*q) && !q.ends_with(".html"))
                .find_map(|q| text.find(q))
        })
        .unwrap_or(0);
    Some(Span::new(file, at, at + usize::from(at < text.len())))
}

/// The project template a Tera message names last (the innermost one:
/// "Failed to render 'sop.html': ... while rendering 'base.html'").
fn mentioned<'a>(
    files: &'a BTreeMap<String, (String, String)>,
    msg: &str,
) -> Option<(&'a String, &'a (String, String))> {
    files
        .iter()
        .filter_map(|(name, f)| {
            let at = [
                format!("'{name}'"),
                format!("\"{name}\""),
                format!("{name}: "),
            ]
            .iter()
            .filter_map(|p| msg.rfind(p.as_str()))
            .max()?;
            Some((at, (name, f)))
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, found)| found)
        .or_else(|| {
            // "(error happened in a parent template)" names the child only:
            // the project template that holds the quoted variable is it.
            let quoted: Vec<&str> = msg.split('`').skip(1).step_by(2).collect();
            files
                .iter()
                .find(|(_, (_, text))| quoted.iter().any(|q| !q.is_empty() && text.contains(q)))
        })
}

/// A macro of the project's templates that can call itself, directly or
/// through others (Tera has no depth limit: the process would overflow its
/// stack and abort): (shown path, text, offset, name). Macros are matched by
/// name across files, which over-approximates calls through namespaces.
fn recursive_macro(
    files: &BTreeMap<String, (String, String)>,
) -> Option<(String, String, usize, String)> {
    let mut defs: BTreeMap<String, (String, String, usize)> = BTreeMap::new();
    let mut calls: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (shown, text) in files.values() {
        let mut pos = 0;
        while let Some(i) = text[pos..].find("macro ") {
            let at = pos + i;
            pos = at + 6;
            let tag_open = text[..at].trim_end_matches([' ', '-']).ends_with("{%");
            if !tag_open {
                continue;
            }
            let name: String = text[pos..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let end = text[pos..].find("endmacro").map_or(text.len(), |e| pos + e);
            let body = &text[pos..end];
            let called = body
                .match_indices("::")
                .map(|(k, _)| {
                    body[k + 2..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .filter(|c| !c.is_empty())
                .collect();
            calls.insert(name.clone(), called);
            defs.insert(name, (shown.clone(), text.clone(), at));
        }
    }
    // Depth-first search for a cycle from each macro.
    for start in calls.keys() {
        let mut stack = vec![start.as_str()];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(m) = stack.pop() {
            for c in calls.get(m).into_iter().flatten() {
                if c == start {
                    let (shown, text, at) = defs[start].clone();
                    return Some((shown, text, at, start.clone()));
                }
                if seen.insert(c.as_str()) {
                    stack.push(c);
                }
            }
        }
    }
    None
}

/// Largest list `range()` may build in a template.
const MAX_RANGE: usize = 100_000;

/// Tera's built-ins, fenced: a template must not read the environment
/// (`get_env` could publish a CI secret), and `range` is bounded (Tera's
/// own loops forever on `step_by=0` and allocates whatever `end` asks).
fn confine(tera: &mut Tera) {
    tera.register_function(
        "get_env",
        |_: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
            Err(tera::Error::msg(
                "`get_env` is disabled in sopkb templates / `get_env` tidak tersedia",
            ))
        },
    );
    tera.register_function(
        "range",
        |args: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
            let num = |key: &str, default: Option<u64>| -> tera::Result<u64> {
                match args.get(key) {
                    Some(v) => v.as_u64().ok_or_else(|| {
                        tera::Error::msg(format!("`range`: `{key}` must be a whole number"))
                    }),
                    None => default
                        .ok_or_else(|| tera::Error::msg(format!("`range`: `{key}` is required"))),
                }
            };
            let (start, end, step) = (
                num("start", Some(0))?,
                num("end", None)?,
                num("step_by", Some(1))?,
            );
            if step == 0 || start > end {
                return Err(tera::Error::msg(
                    "`range`: needs start <= end and step_by >= 1",
                ));
            }
            if (end - start) / step >= MAX_RANGE as u64 {
                return Err(tera::Error::msg(format!(
                    "`range`: more than {MAX_RANGE} items"
                )));
            }
            let items: Vec<u64> = (start..end).step_by(step as usize).collect();
            Ok(tera::Value::from(items))
        },
    );
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

/// Tera nests the useful message in its error sources.
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}
