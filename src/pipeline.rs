//! The stages wired together: `check` stops after validation, `build` goes on
//! to render and write. `serve` reuses the same functions (`prepare`,
//! `load_theme`, `render_files`) and keeps the result in memory.

use crate::diag::{self, Diagnostic, Lang, SourceMap};
use crate::load::{self, LoadError};
use crate::model::Site;
use crate::render::{self, theme::Theme, RenderError};
use crate::validate::skeleton;
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
    pub(crate) fn has_errors(&self) -> bool {
        diag::count_errors(&self.diags) > 0
    }

    pub(crate) fn lang(&self) -> Lang {
        self.site.config.lang
    }
}

/// Which drafts (`draf: true`) a run sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Drafts {
    /// `build`: as if their files were absent (`load::drafts`).
    Leave,
    /// `build --drafts`, `serve`: like any other file.
    Include,
    /// `check`: everything, drafts included, and also what `build` would
    /// refuse without them (a published page naming a draft).
    Check,
}

/// Loads and validates everything under `root`, as `check` does.
pub fn check(root: &Path) -> Result<Checked, LoadError> {
    check_on(root, None, Drafts::Check)
}

/// `check` as of the day `today` (`YYYY-MM-DD`, `--today`), which replaces
/// `build_date` of `sopkb.toml` (the registry's statuses and reminders),
/// with `drafts` seen as that mode says.
pub(crate) fn check_on(
    root: &Path,
    today: Option<&str>,
    drafts: Drafts,
) -> Result<Checked, LoadError> {
    let mut diags = Vec::new();
    let span = crate::timings::span("load");
    let mut input = load::load(root, &mut diags)?;
    drop(span);
    if let (Some(day), Some((_, config))) = (today, input.config.as_mut()) {
        config.build_date = Some(day.to_owned());
    }
    // Skeleton placeholders: `check` warns, `build` refuses (drafts aside).
    let stage = match drafts {
        Drafts::Check => skeleton::Stage::Check,
        Drafts::Leave | Drafts::Include => skeleton::Stage::Build,
    };
    let mut checked = match drafts {
        Drafts::Include => check_input(&input, diags),
        Drafts::Leave => {
            let held = input.hold_back_drafts().ids();
            let mut checked = check_input(&input, diags);
            name_drafts(&mut checked.diags, &held, &checked.sources);
            checked
        }
        Drafts::Check => {
            let held = input.hold_back_drafts();
            let ids = held.ids();
            // What `build` would say, where it differs from the whole check.
            let mut published = Vec::new();
            if !ids.is_empty() {
                let _span = crate::timings::span("validate without drafts");
                crate::validate::validate(&input, &mut published);
            }
            input.restore_drafts(held);
            let mut checked = check_input(&input, diags);
            let mut refused: Vec<Diagnostic> = published
                .into_iter()
                .filter(|d| !checked.diags.contains(d))
                .collect();
            name_drafts(&mut refused, &ids, &checked.sources);
            checked.diags.extend(refused);
            checked
        }
    };
    skeleton::report(&input, stage, &mut checked.diags);
    diag::sort(&mut checked.diags, &checked.sources);
    // Rendering reads the model, never the sources: only the files that
    // diagnostics point into are kept, once `input` lets go of the rest.
    let shown: std::collections::BTreeSet<diag::FileId> = checked
        .diags
        .iter()
        .flat_map(|d| {
            d.span
                .iter()
                .chain(d.notes.iter().filter_map(|n| n.span.as_ref()))
        })
        .map(|s| s.file)
        .collect();
    checked.sources.release_texts(|id| shown.contains(&id));
    Ok(checked)
}

/// A note on each diagnostic naming a held-back draft (its message quotes
/// the id, as every reference diagnostic does): the item exists, as a draft.
fn name_drafts(diags: &mut [Diagnostic], held: &[(String, diag::FileId)], sources: &SourceMap) {
    for d in diags.iter_mut() {
        let message = d.message.get(Lang::Id).to_owned();
        for (id, file) in held {
            if message.contains(&format!("`{id}`")) {
                let path = sources.file(*file).path.clone();
                d.notes.push(diag::Note {
                    message: tr!(
                        "`{}` masih draf (`draf: true` di {}): `sopkb build` tidak menerbitkannya; hapus `draf: true` atau rujukannya, atau bangun dengan `--drafts`",
                        "`{}` is a draft (`draf: true` in {}): `sopkb build` does not publish it; remove `draf: true` or the reference, or build with `--drafts`",
                        id,
                        path
                    ),
                    span: None,
                });
            }
        }
    }
}

/// Validates a loaded project; `diags` are those of its loading. The input
/// is only borrowed (`serve` keeps it and re-reads edited files into it);
/// the source texts are shared, not copied.
pub(crate) fn check_input(input: &load::Input, mut diags: Vec<Diagnostic>) -> Checked {
    let span = crate::timings::span("validate");
    let site = crate::validate::validate(input, &mut diags);
    drop(span);
    diag::sort(&mut diags, &input.sources);
    Checked {
        sources: input.sources.clone(),
        site,
        diags,
        statics: input.statics.clone(),
        root: input.root.clone(),
    }
}

pub(crate) struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; default `<root>/public`.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` of `sopkb.toml`.
    pub base_url: Option<String>,
    /// Write into a non-empty output folder sopkb did not write (its files
    /// are kept; see `output`).
    pub force: bool,
    /// Warnings stop the build as errors do (`--deny-warnings`): nothing
    /// is written.
    pub deny_warnings: bool,
    /// `--today`: the day statuses are computed at, over `build_date`.
    pub today: Option<String>,
    /// `--drafts`: publish drafts too (`serve` always shows them).
    pub drafts: bool,
}

pub(crate) enum BuildError {
    /// Content errors: nothing was written.
    Content(Box<Checked>),
    /// I/O or internal failure: nothing was replaced.
    Failure(Failure),
    /// The output stage refused (an unsafe output folder, files of others
    /// in the way), failed, or was interrupted by a signal.
    Output(output::OutputError),
}

/// A build that failed for a reason other than content or the output
/// folder. `Display` is the whole message (printed after `sopkb: `), cause
/// included; `source()` gives the cause itself.
#[derive(Debug)]
pub(crate) enum Failure {
    /// An input folder could not be listed.
    Load(LoadError),
    /// Rendering stopped (a broken template, a page that could not be
    /// written); `lang` is the site's, for the message.
    Render { lang: Lang, source: RenderError },
    /// The search index could not be built or written.
    Index { lang: Lang, source: IndexFailure },
}

/// Why the search index files are missing from a build.
#[derive(Debug)]
pub(crate) enum IndexFailure {
    Build(sopkb_search::tantivy::TantivyError),
    Write(render::WriteError),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Load(e) => e.fmt(f),
            Failure::Render { lang, source } => {
                f.write_str(tr!("gagal merender: {}", "render failed: {}", source).get(*lang))
            }
            Failure::Index { lang, source } => f.write_str(
                tr!(
                    "gagal membangun indeks pencarian: {}",
                    "search index failed: {}",
                    source
                )
                .get(*lang),
            ),
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::Load(e) => Some(e),
            Failure::Render { source, .. } => Some(source),
            Failure::Index { source, .. } => Some(source),
        }
    }
}

impl std::fmt::Display for IndexFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexFailure::Build(e) => e.fmt(f),
            IndexFailure::Write(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for IndexFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            IndexFailure::Build(e) => Some(e),
            IndexFailure::Write(e) => Some(e),
        }
    }
}

pub(crate) struct BuildReport {
    pub checked: Checked,
    pub out: PathBuf,
    pub files: usize,
}

pub(crate) fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    // From here SIGINT/SIGTERM stop the build at a safe point (`output`).
    output::interrupt::install();
    let out = opts.out.clone().unwrap_or_else(|| opts.root.join("public"));
    // Before anything is read: the output folder must be a safe place, and
    // what a killed earlier build left there is cleaned up.
    let target =
        output::Target::prepare(&opts.root, &out, opts.force).map_err(BuildError::Output)?;
    interrupted()?;
    let mut checked = prepare(opts)?;
    interrupted()?;
    let theme = load_theme(&mut checked);
    let denied = opts.deny_warnings && !checked.diags.is_empty();
    let Some(theme) = theme.filter(|_| !checked.has_errors() && !denied) else {
        return Err(BuildError::Content(Box::new(checked)));
    };
    // Pages go to disk as they are rendered (never the whole site in memory).
    let staging = target.begin().map_err(BuildError::Output)?;
    let rendered = render_files_into(&checked, &theme, None, Some(&staging));
    interrupted()?;
    let files = match rendered {
        Ok(files) => files,
        // A site template that fails to render is the project's content
        // error (exit 1, located), not an internal failure.
        Err(BuildError::Failure(failure)) => {
            let failed = match &failure {
                Failure::Render {
                    source: RenderError::Template { template, source },
                    ..
                } => {
                    theme.render_error(template, source, &failure.to_string(), &mut checked.sources)
                }
                _ => None,
            };
            let Some(d) = failed else {
                return Err(BuildError::Failure(failure));
            };
            checked.diags.push(d);
            return Err(BuildError::Content(Box::new(checked)));
        }
        Err(e) => return Err(e),
    };
    if check_statics(&mut checked, &files) {
        return Err(BuildError::Content(Box::new(checked)));
    }
    let statics: Vec<(PathBuf, PathBuf)> = checked
        .statics
        .iter()
        .map(|rel| (checked.root.join("static").join(rel), rel.clone()))
        .collect();
    let _span = crate::timings::span("write");
    staging
        .commit(&files, &statics)
        .map_err(BuildError::Output)?;
    // A signal during the swap: the new site is complete, but say so.
    if let Some(signal) = output::interrupt::pending() {
        return Err(BuildError::Output(output::OutputError::Interrupted {
            signal,
            complete: true,
        }));
    }
    Ok(BuildReport {
        files: files.len() + statics.len(),
        checked,
        out,
    })
}

/// FILE010: files of `static/` whose output path a rendered file (or another
/// static file) takes, added to the diagnostics of `checked`; true when
/// there is one. Needs the rendered `files`: `build` and `serve` call it
/// after rendering (`check` does not render, so it cannot see these).
pub(crate) fn check_statics(checked: &mut Checked, files: &render::Files) -> bool {
    let found =
        crate::validate::static_clashes(&checked.statics, files.keys(), &mut checked.sources);
    if found.is_empty() {
        return false;
    }
    checked.diags.extend(found);
    diag::sort(&mut checked.diags, &checked.sources);
    true
}

/// A safe point of `build`: stop if SIGINT or SIGTERM came.
fn interrupted() -> Result<(), BuildError> {
    output::interrupt::check().map_err(BuildError::Output)
}

/// `check`, with the `base_url` override of `opts` applied: the first stage
/// of `build`, and of every rebuild of `serve`.
pub(crate) fn prepare(opts: &BuildOptions) -> Result<Checked, BuildError> {
    let drafts = if opts.drafts {
        Drafts::Include
    } else {
        Drafts::Leave
    };
    let checked = check_on(&opts.root, opts.today.as_deref(), drafts)
        .map_err(|e| BuildError::Failure(Failure::Load(e)))?;
    Ok(with_options(checked, opts))
}

/// Applies the `base_url` override of `opts` to a checked site.
pub(crate) fn with_options(mut checked: Checked, opts: &BuildOptions) -> Checked {
    if let Some(url) = &opts.base_url {
        checked.site.config.base_url = crate::validate::normalise_base_url(url);
    }
    checked
}

/// The site's theme; a broken one becomes a diagnostic of `checked`.
pub(crate) fn load_theme(checked: &mut Checked) -> Option<Theme> {
    let (root, lang) = (checked.root.clone(), checked.lang());
    let sources = &mut checked.sources;
    let read = load::theme::read(&root, &checked.site.config.theme, sources).map(|mut files| {
        checked.diags.append(&mut files.warnings);
        files
    });
    match read.and_then(|files| Theme::compile(files, lang, &mut checked.sources)) {
        Ok(t) => Some(t),
        Err(d) => {
            checked.diags.push(*d);
            None
        }
    }
}

/// Every output file of a checked site, in memory: what `build` writes and
/// what `serve` serves (static files aside). New output stages go here so
/// both get them. `reuse` lets `serve` keep SOP pages an edit cannot have
/// changed (see `render::Reuse`); `build` passes `None`. `serve` indexes
/// with its live index (`render_files_indexed`); this is the tests' form.
#[cfg(test)]
pub(crate) fn render_files(
    checked: &Checked,
    theme: &Theme,
    reuse: Option<&render::Reuse>,
) -> Result<render::Files, BuildError> {
    render_files_into(checked, theme, reuse, None)
}

/// Every output file (see `render_files`), handing pages to `sink` as soon as they are rendered
/// (see `render::Sink`): `build` writes them while the rest renders.
pub(crate) fn render_files_into(
    checked: &Checked,
    theme: &Theme,
    reuse: Option<&render::Reuse>,
    sink: Option<&dyn render::Sink>,
) -> Result<render::Files, BuildError> {
    render_files_indexed(checked, theme, reuse, sink, crate::search::index_files)
}

/// `render_files_into` with the search index files made by `index`
/// (`search::index_files`, or `serve`'s live index).
pub(crate) fn render_files_indexed(
    checked: &Checked,
    theme: &Theme,
    reuse: Option<&render::Reuse>,
    sink: Option<&dyn render::Sink>,
    index: impl FnOnce(&crate::model::Site) -> sopkb_search::tantivy::Result<Vec<(String, Vec<u8>)>>
        + Send,
) -> Result<render::Files, BuildError> {
    // render and index at the same time: the index writer is one thread,
    // pages render on the other cores (rayon).
    let (rendered, index) = rayon::join(
        || {
            let _span = crate::timings::span("render");
            render::render_into(&checked.site, theme, reuse, sink)
        },
        || {
            let _span = crate::timings::span("search index");
            let index = index(&checked.site).map_err(IndexFailure::Build)?;
            // Taken before the files may go to the writer (offline worker's version).
            let fingerprint = render::offline::index_fingerprint(&index);
            match sink {
                // Written while the pages still render.
                Some(sink) => render::hand_over(sink, index).map_err(IndexFailure::Write),
                None => Ok(index),
            }
            .map(|files| (files, fingerprint))
        },
    );
    let lang = checked.lang();
    let mut files =
        rendered.map_err(|source| BuildError::Failure(Failure::Render { lang, source }))?;
    // index: the search index files join the rendered site (src/search/).
    let (index, fingerprint) =
        index.map_err(|source| BuildError::Failure(Failure::Index { lang, source }))?;
    files.extend(index);
    // Last: the offline worker's version covers every file above.
    render::offline::render_all(&checked.site.config, &mut files, fingerprint);
    Ok(files)
}
