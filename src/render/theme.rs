//! Theme compilation: the templates `load::theme` read become one Tera
//! instance, with UI strings and assets; a failure is located in the
//! project's template it comes from. Nothing here touches the disk.

use super::tera_text;
use crate::diag::{Diagnostic, Lang, SourceMap, Span};
use crate::load::theme::{TemplateFile, ThemeFiles};
use crate::tr;
use std::collections::BTreeMap;
use tera::{ErrorKind, Tera};

pub(crate) struct Theme {
    pub tera: Tera,
    /// Theme assets, published under `assets/`.
    pub assets: Vec<(String, Vec<u8>)>,
    /// UI strings in the site's language.
    pub strings: BTreeMap<String, String>,
    /// Templates read from the project (site override or theme folder):
    /// name -> (path shown, text), to locate their errors.
    pub files: BTreeMap<String, (String, String)>,
    /// Every template's parent and the macro files it imports, as Tera
    /// parsed them: where a render failure of a page can come from.
    links: BTreeMap<String, (Option<String>, Vec<String>)>,
}

impl Theme {
    /// Compiles the theme `load::theme` read; a broken project template is
    /// reported at its line (its text is added to `sources`).
    pub(crate) fn compile(
        theme: ThemeFiles,
        lang: Lang,
        sources: &mut SourceMap,
    ) -> Result<Theme, Box<Diagnostic>> {
        let ThemeFiles {
            templates,
            assets,
            strings: (shown, bytes),
            warnings: _,
        } = theme;
        let files: BTreeMap<String, (String, String)> = templates
            .iter()
            .filter(|t| t.is_project())
            .map(|t| (t.name.clone(), (t.shown.clone(), t.text.clone())))
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
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(sopkb_search::escape::html_attr);
        confine(&mut tera);
        let mut links: BTreeMap<String, (Option<String>, Vec<String>)> = BTreeMap::new();
        // Each template is parsed on its own: the one that fails is the
        // call that failed, not a name read from the message.
        for t in &templates {
            let parsed = tera::Template::new(&t.name, None, &t.text).map_err(|e| {
                // Tera's own wording when it adds templates.
                let msg = format!("Failed to parse '{}': {}", t.name, chain(&e));
                let at = tera_text::parse_position(&msg).map(Position::LineColumn);
                invalid(&msg, t, at.unwrap_or(Position::Name(&msg)), &files, sources)
            })?;
            links.insert(
                t.name.clone(),
                (
                    parsed.parent.clone(),
                    parsed
                        .imported_macro_files
                        .iter()
                        .map(|(file, _)| file.clone())
                        .collect(),
                ),
            );
            // What `Tera::add_raw_templates` does, without parsing again.
            tera.templates.insert(t.name.clone(), parsed);
        }
        // Tera finds a loop of `extends` only from a template on it: from
        // one that merely leads to it, it recurses until the stack overflows.
        if let Some((tpl, parents)) = circular_extend(&templates, &links) {
            let msg = chain(&tera::Error::circular_extend(tpl, parents));
            let t = templates
                .iter()
                .find(|t| t.name == tpl)
                .expect("a template");
            return Err(invalid(&msg, t, Position::Start, &files, sources));
        }
        if let Err(e) = tera
            .build_inheritance_chains()
            .and_then(|()| tera.check_macro_files())
        {
            let msg = chain(&e);
            let culprit = match &e.kind {
                ErrorKind::MissingParent { current, .. } => Some(current.as_str()),
                ErrorKind::CircularExtend { tpl, .. } => Some(tpl.as_str()),
                // `check_macro_files`: a template imports a missing file.
                _ => links
                    .iter()
                    .find(|(_, (_, imports))| {
                        imports.iter().any(|f| !links.contains_key(f.as_str()))
                    })
                    .map(|(name, _)| name.as_str()),
            };
            let t = culprit.and_then(|c| templates.iter().find(|t| t.name == c));
            return Err(match t {
                Some(t) => invalid(&msg, t, Position::Start, &files, sources),
                None => Box::new(theme001(&msg, None)),
            });
        }
        let strings = parse_strings(&shown, &bytes, lang).map_err(|mut d| {
            // A project's own `i18n.toml`: point at the TOML error.
            if !ThemeFiles::built_in(&shown) {
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
            links,
        })
    }

    /// A render failure of page template `template` (Tera's `error`;
    /// `message` is the whole failure as printed) in a template the project
    /// supplies, as a content error located in that template; `None` when
    /// only built-in templates are involved (a bug of ours).
    pub(crate) fn render_error(
        &self,
        template: &str,
        error: &tera::Error,
        message: &str,
        sources: &mut SourceMap,
    ) -> Option<Diagnostic> {
        // Where it can come from: the page, its parents, their macro files.
        let mut candidates = vec![template.to_owned()];
        let mut at = 0;
        while at < candidates.len() {
            if let Some((parent, imports)) = self.links.get(&candidates[at]) {
                for next in parent.iter().chain(imports) {
                    if !candidates.contains(next) {
                        candidates.push(next.clone());
                    }
                }
            }
            at += 1;
        }
        candidates.retain(|c| self.files.contains_key(c));
        let names = failing_names(error);
        // The first project template holding a name the error gives, else
        // the nearest project template at its start.
        let (name, offset) = names
            .iter()
            .find_map(|n| {
                candidates
                    .iter()
                    .find_map(|c| self.files[c].1.find(n.as_str()).map(|o| (c, o)))
            })
            .or_else(|| candidates.first().map(|c| (c, 0)))?;
        let (shown, text) = &self.files[name];
        let file = sources.add(shown.clone(), text.clone());
        let span = Span::new(file, offset, offset + usize::from(offset < text.len()));
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
            .at(span)
            .help(tr!(
                "periksa nama variabel dan filter di templat ini; bandingkan dengan tema bawaan (`sopkb theme export DIR`) dan docs/THEME.md",
                "check the variable names and filters in this template; compare with the built-in theme (`sopkb theme export DIR`) and docs/THEME.md"
            )),
        )
    }
}

/// The first template (in load order) whose `extends` chain loops, and
/// the chain from it back to itself, as Tera reports a loop.
fn circular_extend<'a>(
    templates: &'a [TemplateFile],
    links: &BTreeMap<String, (Option<String>, Vec<String>)>,
) -> Option<(&'a str, Vec<String>)> {
    let parent = |name: &str| links.get(name).and_then(|(p, _)| p.as_deref());
    for t in templates {
        let mut walked = vec![t.name.as_str()];
        while let Some(p) = parent(walked[walked.len() - 1]) {
            if let Some(at) = walked.iter().position(|w| *w == p) {
                let tpl = templates.iter().find(|t| t.name == p)?;
                let chain = walked[at + 1..].iter().chain([&p]).map(|s| s.to_string());
                return Some((tpl.name.as_str(), chain.collect()));
            }
            walked.push(p);
        }
    }
    None
}

/// Where a THEME001 points in its template.
enum Position<'a> {
    /// Tera's parse position.
    LineColumn((usize, usize)),
    /// The first mention of a name the message quotes, else the start.
    Name(&'a str),
    Start,
}

/// THEME001 of `msg` in template `t`, located when the project supplies it.
fn invalid(
    msg: &str,
    t: &TemplateFile,
    at: Position,
    files: &BTreeMap<String, (String, String)>,
    sources: &mut SourceMap,
) -> Box<Diagnostic> {
    if !t.is_project() {
        return Box::new(theme001(msg, None));
    }
    let file = sources.add(t.shown.clone(), t.text.clone());
    let offset = match at {
        Position::LineColumn((line, col)) => sources.file(file).offset_of(line, col),
        Position::Name(msg) => tera_text::quoted_names(msg)
            .filter(|q| !files.contains_key(*q) && !q.ends_with(".html"))
            .find_map(|q| t.text.find(q))
            .unwrap_or(0),
        Position::Start => 0,
    };
    let span = Span::new(file, offset, offset + usize::from(offset < t.text.len()));
    Box::new(theme001(msg, Some(span)))
}

fn theme001(msg: &str, span: Option<Span>) -> Diagnostic {
    Diagnostic::error(
        "THEME001",
        tr!("templat tidak sah: {}", "invalid template: {}", msg),
    )
    .at_opt(span)
    .help(tr!(
        "perbaiki sintaks Tera di templat yang disebut",
        "fix the Tera syntax in the named template"
    ))
}

/// The names a render error is about, most precise first: the filter,
/// function, test or template Tera names as data, then the names the
/// innermost generic message quotes (a variable: `tera_text`).
fn failing_names(error: &tera::Error) -> Vec<String> {
    let mut names = Vec::new();
    let mut generic = None;
    let mut at: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut outermost = true;
    while let Some(e) = at {
        match e.downcast_ref::<tera::Error>().map(|e| &e.kind) {
            Some(
                ErrorKind::FilterNotFound(n)
                | ErrorKind::FunctionNotFound(n)
                | ErrorKind::TestNotFound(n)
                | ErrorKind::CallFilter(n)
                | ErrorKind::CallFunction(n)
                | ErrorKind::CallTest(n)
                | ErrorKind::TemplateNotFound(n),
            ) => names.push(n.clone()),
            // The outermost message is Tera's "Failed to render …" frame,
            // not the cause; the innermost one is.
            Some(ErrorKind::Msg(m)) if !outermost => generic = Some(m.as_str()),
            _ => {}
        }
        outermost = false;
        at = e.source();
    }
    if let Some(m) = generic {
        names.extend(
            tera_text::quoted_names(m)
                .filter(|q| !q.ends_with(".html"))
                .map(str::to_owned),
        );
    }
    names.retain(|n| !n.is_empty());
    names
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
