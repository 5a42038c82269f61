//! The rebuild side of `serve`: keeps the last good site in memory and, for
//! each batch of changes, does the least work that is still exact. A static
//! file re-reads only that file. An edit of SOPs is published twice: first a
//! preview of just those SOPs' pages (rendered from the site cut down to
//! them and the SOPs they cite), so the open tab reloads at once; then the
//! exact site: those pages, the SOP pages linking to them and every
//! site-wide page (lists, open data, search index, sitemap), reusing all
//! other SOP pages. Any other change re-runs the whole pipeline (the theme
//! is reloaded only when templates, themes or the config changed). Content
//! errors keep the last good pages and produce an overlay instead.

use super::overlay;
use super::watch::{Batch, Change};
use crate::diag::{self, Diagnostic, Lang};
use crate::pipeline::{self, BuildError, BuildOptions, Checked};
use crate::render::{theme::Theme, Files, Reuse};
use memchr::memmem;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Files of `static/`, relative to it, `/`-separated.
pub(crate) type Statics = BTreeMap<String, Arc<Vec<u8>>>;

/// Rendered files as `serve` keeps them: each shared, so an exact build
/// keeps the pages it reuses without a copy, and the site is in memory
/// once (plus the pages a rebuild renders again), not twice.
pub(crate) type Pages = BTreeMap<String, Arc<Vec<u8>>>;

/// What the server shows after a rebuild.
#[derive(Clone, Default)]
pub(crate) struct Site {
    /// The rendered files of the last good build (empty before the first).
    pub files: Arc<Pages>,
    /// Preview pages that supersede `files` until the exact build is done.
    pub fresh: Option<Arc<Files>>,
    pub statics: Arc<Statics>,
    /// Overlay markup while the content does not build.
    pub overlay: Option<Arc<str>>,
}

/// How a rebuild went, for the terminal.
pub(crate) struct Report {
    pub work: Work,
    pub elapsed: Duration,
    /// Output paths whose bytes changed (rendered or static), and removed ones.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// Human-readable diagnostics when the build failed.
    pub failure: Option<String>,
    pub warnings: usize,
    /// The warnings, as `check` prints them, when this build is the first
    /// or its warnings differ from the last printed ones (not every save
    /// reprints the same warnings).
    pub new_warnings: Option<String>,
    pub lang: Lang,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Work {
    /// The pages of these edited SOPs, ahead of the exact build.
    Preview(Vec<String>),
    /// Only files of `static/` were read again.
    Statics,
    /// The pipeline ran; SOP pages were rendered for this many SOPs, the
    /// others reused.
    Partial {
        rendered: usize,
        reused: usize,
    },
    Full,
    Failed,
}

pub(crate) struct Builder {
    opts: BuildOptions,
    lang: Option<Lang>,
    theme: Option<Theme>,
    /// SOP ids and files of the last good build.
    good: Option<(BTreeSet<String>, Arc<Pages>)>,
    statics: Arc<Statics>,
    overlay: Option<Arc<str>>,
    /// Changes since the last good build (a failed build renders nothing).
    pending: Batch,
    /// Every static file must be read again (a folder moved, events lost).
    rescan: bool,
    last_lang: Lang,
    /// The loaded project, kept in step with SOP and article edits file by
    /// file, so neither a preview nor the exact build after it reads the
    /// whole project again. Dropped on any other change (and when an edited
    /// file reads with a diagnostic); loaded again by the next build.
    cache: Option<crate::load::Input>,
    /// The checked site of the last good build, with previewed edits laid
    /// over it: a preview checks and renders only the edited SOPs and
    /// articles against it (what a page shows of other items comes from it).
    model: Option<crate::model::Site>,
    /// The search index, kept across rebuilds: an edit re-indexes the
    /// documents that changed, and a preview publishes it with the pages.
    search: Option<crate::search::LiveSearch>,
    /// The warnings of the last good build, as printed ([`Report::new_warnings`]).
    shown_warnings: Option<String>,
    /// Set by a build whose warnings differ from `shown_warnings`.
    fresh_warnings: Option<String>,
}

impl Builder {
    /// `root` is served at `/`, whatever `base_url` says; `lang` overrides
    /// the site's language for the overlay and the terminal.
    pub(crate) fn new(root: PathBuf, lang: Option<Lang>) -> Builder {
        Builder {
            opts: BuildOptions {
                root,
                out: None,
                base_url: Some("/".into()),
                force: false,
                deny_warnings: false,
                today: None,
                drafts: true,
            },
            lang,
            theme: None,
            good: None,
            statics: Arc::default(),
            overlay: None,
            pending: Batch::new(),
            rescan: true,
            last_lang: lang.unwrap_or_default(),
            cache: None,
            model: None,
            search: None,
            shown_warnings: None,
            fresh_warnings: None,
        }
    }

    pub(crate) fn site(&self) -> Site {
        Site {
            files: self
                .good
                .as_ref()
                .map(|(_, f)| Arc::clone(f))
                .unwrap_or_default(),
            fresh: None,
            statics: Arc::clone(&self.statics),
            overlay: self.overlay.clone(),
        }
    }

    /// The first build: everything.
    pub(crate) fn initial(&mut self) -> Report {
        self.pending.insert(Change::Config);
        self.rescan = true;
        let mut last = None;
        self.run(Instant::now(), Site::default(), &mut |_, r| last = Some(r));
        last.expect("a build reports")
    }

    /// Applies one batch of changes; `publish` gets each site worth showing
    /// (a preview, then the exact one) with its report.
    pub(crate) fn apply(&mut self, batch: &Batch, publish: &mut dyn FnMut(&Site, Report)) {
        let start = Instant::now();
        let before = self.site();
        let mut build = self.good.is_none();
        for change in batch {
            match change {
                Change::Static(rel) => {
                    let had = self.statics.contains_key(rel);
                    if !self.update_static(rel) {
                        self.rescan = true;
                        build = true;
                    }
                    if had != self.statics.contains_key(rel) || self.rescan {
                        self.cache = None; // the list of static files changed
                                           // A static file that comes or goes may make or end
                                           // a clash with a rendered file (FILE010): checked
                                           // by a build when it clashes or the site has errors.
                        if self.overlay.is_some() || self.clashes(rel) {
                            build = true;
                        }
                    }
                }
                Change::Sop(id) => {
                    self.reload_cached(|input, diags| crate::load::reload_sop(input, id, diags));
                    self.pending.insert(change.clone());
                    build = true;
                }
                Change::Article(id) => {
                    self.reload_cached(|input, diags| {
                        crate::load::reload_article(input, id, diags)
                    });
                    self.pending.insert(change.clone());
                    build = true;
                }
                other => {
                    self.cache = None;
                    self.pending.insert(other.clone());
                    build = true;
                }
            }
        }
        if build {
            return self.run(start, before, publish);
        }
        let site = self.site();
        let (changed, removed) = diff(&before, &site);
        let report = Report {
            work: Work::Statics,
            elapsed: start.elapsed(),
            changed,
            removed,
            failure: None,
            warnings: 0,
            new_warnings: None,
            lang: self.last_lang,
        };
        publish(&site, report);
    }

    fn run(&mut self, start: Instant, mut before: Site, publish: &mut dyn FnMut(&Site, Report)) {
        let mut preview = |site: &Site, sops: Vec<String>, lang: Lang| {
            let (changed, removed) = diff(&before, site);
            let report = Report {
                work: Work::Preview(sops),
                elapsed: start.elapsed(),
                changed,
                removed,
                failure: None,
                warnings: 0,
                new_warnings: None,
                lang,
            };
            publish(site, report);
            before = site.clone();
        };
        let (work, failure, warnings) = self.rebuild(&mut preview);
        let site = self.site();
        let (changed, removed) = diff(&before, &site);
        let report = Report {
            work,
            elapsed: start.elapsed(),
            changed,
            removed,
            failure,
            warnings,
            new_warnings: self.fresh_warnings.take(),
            lang: self.last_lang,
        };
        publish(&site, report);
    }

    /// Reads one edited file again into the kept project. The project is
    /// dropped (the next build reads everything) unless the file was known
    /// and reads without any diagnostic: the kept project must equal a fresh
    /// load for the exact build to start from it.
    fn reload_cached(
        &mut self,
        reload: impl FnOnce(&mut crate::load::Input, &mut Vec<Diagnostic>) -> bool,
    ) {
        let Some(input) = &mut self.cache else {
            return;
        };
        let mut diags = Vec::new();
        if !reload(input, &mut diags) || !diags.is_empty() {
            self.cache = None;
        }
    }

    /// Load + validate for a rebuild: from the kept project when there is
    /// one (only the edited files were read again), else from disk (kept
    /// for the next edit when it loads without a diagnostic).
    fn check(&mut self) -> Result<Checked, BuildError> {
        let checked = match &self.cache {
            Some(input) => pipeline::check_input(input, Vec::new()),
            None => {
                let mut diags = Vec::new();
                let _span = crate::timings::span("load");
                let input = crate::load::load(&self.opts.root, &mut diags)
                    .map_err(|e| BuildError::Failure(pipeline::Failure::Load(e)))?;
                let clean = diags.is_empty();
                let checked = pipeline::check_input(&input, diags);
                if clean {
                    self.cache = Some(input);
                }
                checked
            }
        };
        Ok(pipeline::with_options(checked, &self.opts))
    }

    /// Runs the pipeline over `pending`; (work, failure text, warnings).
    /// `preview` gets the preview site of an SOP edit, if there is one.
    fn rebuild(
        &mut self,
        preview: &mut dyn FnMut(&Site, Vec<String>, Lang),
    ) -> (Work, Option<String>, usize) {
        if let Some((site, sops)) = self.preview_site() {
            preview(&site, sops, self.last_lang);
        }
        let mut checked = match self.check() {
            Ok(c) => c,
            Err(e) => return self.fail_with(e),
        };
        self.last_lang = self.lang.unwrap_or(checked.lang());
        self.sync_statics(&checked.statics);
        if self
            .pending
            .iter()
            .any(|c| matches!(c, Change::Theme | Change::Config))
        {
            self.theme = None;
        }
        let theme_reloaded = self.theme.is_none();
        if !checked.has_errors() && theme_reloaded {
            self.theme = pipeline::load_theme(&mut checked);
        }
        if checked.has_errors() {
            return self.fail_with(BuildError::Content(Box::new(checked)));
        }
        let Some(theme) = self.theme.as_ref() else {
            unreachable!("a theme that fails to load is an error diagnostic")
        };
        let keep = if theme_reloaded {
            None
        } else {
            self.reusable(&checked)
        };
        // Kept SOP pages are rendered as empty placeholders (so lists and
        // the sitemap still see them) and then shared from the last build.
        let kept: Files = match (&keep, &self.good) {
            (Some(sops), Some((_, old))) => sops
                .iter()
                .flat_map(|id| {
                    let prefix = format!("sop/{id}/");
                    old.range(prefix.clone()..)
                        .take_while(move |(k, _)| k.starts_with(&prefix))
                        .map(|(k, _)| (k.clone(), Vec::new()))
                })
                .collect(),
            _ => Files::new(),
        };
        let reuse = keep.as_ref().map(|sops| Reuse {
            sops: sops.clone(),
            files: &kept,
        });
        let sink = Collect::default();
        let search = &mut self.search;
        let index = |site: &crate::model::Site| {
            let updated = match search.as_mut() {
                Some(s) => s.update(site),
                None => crate::search::LiveSearch::new(site).map(|s| *search = Some(s)),
            };
            if let Err(e) = updated {
                *search = None; // built again whole by the next build
                return Err(e);
            }
            // Placeholders: the files are shared from the live index below.
            Ok(search
                .as_ref()
                .map(|s| {
                    s.files()
                        .iter()
                        .map(|(k, _)| (k.clone(), Vec::new()))
                        .collect()
                })
                .unwrap_or_default())
        };
        let files = match pipeline::render_files_indexed(
            &checked,
            theme,
            reuse.as_ref(),
            Some(&sink),
            index,
        ) {
            Ok(f) => f,
            Err(e) => return self.fail_with(e),
        };
        if pipeline::check_statics(&mut checked, &files) {
            return self.fail_with(BuildError::Content(Box::new(checked)));
        }
        let ids: BTreeSet<String> = checked.site.sops.iter().map(|s| s.id.clone()).collect();
        let work = match &keep {
            Some(kept) => Work::Partial {
                rendered: ids.len() - kept.len(),
                reused: kept.len(),
            },
            None => Work::Full,
        };
        let warnings = checked.diags.len();
        let text = (warnings > 0)
            .then(|| diag::render_terminal(&checked.diags, &checked.sources, self.last_lang));
        if text != self.shown_warnings {
            self.fresh_warnings.clone_from(&text);
            self.shown_warnings = text;
        }
        let index = self.search.as_ref().map(|s| s.files()).unwrap_or_default();
        let old = self.good.as_ref().map(|(_, f)| f.as_ref());
        let pages = gather(files, sink, &kept, old, index);
        self.good = Some((ids, Arc::new(pages)));
        self.model = Some(checked.site);
        self.overlay = None;
        self.pending.clear();
        (work, None, warnings)
    }

    /// The preview of an SOP or article edit: the pages of the edited SOPs
    /// and articles, each checked alone against the last good site (the
    /// edited files read again into the kept project) and rendered over it,
    /// laid over the last good files: it costs the edited pages, not the
    /// site. `None` unless every pending change is an SOP or an article, and
    /// each edited one still loads and checks without error. The exact build
    /// follows and corrects anything other pages show of the edited items
    /// (lists, neighbours, backlinks).
    fn preview_site(&mut self) -> Option<(Site, Vec<String>)> {
        let (_, old_files) = self.good.as_ref()?;
        let theme = self.theme.as_ref()?;
        let input = self.cache.as_ref()?;
        let model = self.model.as_mut()?;
        let (mut sops, mut articles) = (Vec::new(), Vec::new());
        for c in &self.pending {
            match c {
                // New items change lists and links: only the exact build.
                Change::Sop(id) if model.sop(id).is_some() => sops.push(id.clone()),
                Change::Article(id) if model.pengetahuan.iter().any(|a| &a.id == id) => {
                    articles.push(id.clone())
                }
                Change::Sop(_) | Change::Article(_) => {}
                _ => return None,
            }
        }
        let mut diags = Vec::new();
        let mut new_sops = Vec::new();
        for id in &sops {
            new_sops.push(crate::validate::resolve_sop(input, id, model, &mut diags)?);
        }
        let mut new_articles = Vec::new();
        for id in &articles {
            new_articles.push(crate::validate::resolve_article(
                input, id, model, &mut diags,
            )?);
        }
        if (sops.is_empty() && articles.is_empty()) || diag::count_errors(&diags) > 0 {
            return None;
        }
        for s in new_sops {
            let at = model.sops.iter().position(|x| x.id == s.id)?;
            model.sops[at] = s;
        }
        for a in new_articles {
            let at = model.pengetahuan.iter().position(|x| x.id == a.id)?;
            model.pengetahuan[at] = a;
        }
        let sop_ids: Vec<&str> = sops.iter().map(String::as_str).collect();
        let article_ids: Vec<&str> = articles.iter().map(String::as_str).collect();
        let fresh = crate::render::pages_of(model, theme, &sop_ids, &article_ids).ok()?;
        // The search index follows the pages: the edited documents are
        // replaced in the live index and its files swapped into the last
        // good files (shared, not copied; chunks past the new count go).
        let mut files = Arc::clone(old_files);
        if let Some(search) = &mut self.search {
            match search.update_pages(model, &sop_ids, &article_ids) {
                Ok(false) => {}
                Ok(true) => {
                    let pages = Arc::make_mut(&mut files);
                    let dir = format!("{}/", crate::search::INDEX_DIR);
                    pages.retain(|k, _| !k.starts_with(&dir));
                    pages.extend(search.files().iter().cloned());
                }
                Err(_) => self.search = None, // built again whole by the exact build
            }
        }
        let site = Site {
            files,
            fresh: Some(Arc::new(fresh)),
            statics: Arc::clone(&self.statics),
            overlay: None,
        };
        Some((site, sops.into_iter().chain(articles).collect()))
    }

    /// SOPs whose pages can be reused: `None` unless every pending change is
    /// an edit of an SOP that existed and still exists, or of an article.
    /// The changed SOPs and every SOP page linking to a changed SOP or
    /// article (it shows its name) are rendered.
    fn reusable(&self, checked: &Checked) -> Option<BTreeSet<String>> {
        let (old_ids, old_files) = self.good.as_ref()?;
        let base = &checked.site.config.base_url;
        let mut changed = BTreeSet::new();
        let mut urls = Vec::new();
        for c in &self.pending {
            match c {
                Change::Sop(id) => {
                    changed.insert(id.as_str());
                    urls.push(format!("{base}sop/{id}/"));
                }
                Change::Article(id) => urls.push(format!("{base}pengetahuan/{id}/")),
                _ => return None,
            };
        }
        let ids: BTreeSet<&str> = checked.site.sops.iter().map(|s| s.id.as_str()).collect();
        if !ids.iter().copied().eq(old_ids.iter().map(String::as_str)) {
            return None;
        }
        let finders: Vec<memmem::Finder> = urls
            .iter()
            .map(|url| memmem::Finder::new(url.as_bytes()).into_owned())
            .collect();
        let keep = checked
            .site
            .sops
            .iter()
            .filter(|s| !changed.contains(s.id.as_str()))
            .filter(|s| {
                !s.keterkaitan
                    .iter()
                    .any(|r| r.sop.as_deref().is_some_and(|id| changed.contains(id)))
            })
            .filter(
                |s| match old_files.get(&format!("sop/{}/index.html", s.id)) {
                    Some(page) => !finders.iter().any(|f| f.find(page.as_slice()).is_some()),
                    None => false,
                },
            )
            .map(|s| s.id.clone())
            .collect();
        Some(keep)
    }

    fn fail_with(&mut self, e: BuildError) -> (Work, Option<String>, usize) {
        let kept = self.good.is_some();
        let (overlay, text) = match e {
            BuildError::Content(c) => {
                self.last_lang = self.lang.unwrap_or(c.lang());
                (
                    overlay::for_diagnostics(&c.diags, &c.sources, self.last_lang, kept),
                    diag::render_terminal(&c.diags, &c.sources, self.last_lang),
                )
            }
            BuildError::Failure(f) => (
                overlay::for_failure(&f.to_string(), self.last_lang, kept),
                format!("sopkb: {f}\n"),
            ),
            // Only `build` writes a folder; shown like any failure.
            BuildError::Output(o) => (
                overlay::for_failure(&o.to_string(), self.last_lang, kept),
                format!("sopkb: {o}\n"),
            ),
        };
        self.overlay = Some(overlay.into());
        (Work::Failed, Some(text), 0)
    }

    /// True when the static file `rel` (present now) takes the output path
    /// of a rendered file of the last good build (FILE010).
    fn clashes(&self, rel: &str) -> bool {
        let Some((_, files)) = &self.good else {
            return false;
        };
        self.statics.contains_key(rel)
            && !crate::validate::static_clashes(
                &[PathBuf::from(rel)],
                files.keys(),
                &mut Default::default(),
            )
            .is_empty()
    }

    /// Re-reads one static file; false when `rel` is the folder itself or a
    /// folder in it (the caller rescans).
    fn update_static(&mut self, rel: &str) -> bool {
        let path = self.opts.root.join("static").join(rel);
        if rel.is_empty() || path.is_dir() {
            return false;
        }
        let statics = Arc::make_mut(&mut self.statics);
        match crate::load::read_static(&self.opts.root, Path::new(rel)) {
            Ok(Some(bytes)) => {
                statics.insert(rel.to_owned(), Arc::new(bytes));
            }
            // Gone (with everything under it, if it was a folder), a
            // symlink, or unreadable: not served.
            _ => {
                let prefix = format!("{rel}/");
                statics.retain(|k, _| k != rel && !k.starts_with(&prefix));
            }
        }
        true
    }

    /// Makes the static files match the list `load` found.
    fn sync_statics(&mut self, listed: &[PathBuf]) {
        let listed: BTreeMap<String, &PathBuf> = listed
            .iter()
            .map(|p| (p.to_string_lossy().replace('\\', "/"), p))
            .collect();
        let rescan = std::mem::take(&mut self.rescan);
        let root = self.opts.root.clone();
        let statics = Arc::make_mut(&mut self.statics);
        statics.retain(|k, _| listed.contains_key(k));
        for (key, rel) in listed {
            if rescan || !statics.contains_key(&key) {
                match crate::load::read_static(&root, rel) {
                    Ok(Some(bytes)) => {
                        statics.insert(key, Arc::new(bytes));
                    }
                    _ => {
                        statics.remove(&key);
                    }
                }
            }
        }
    }
}

/// The pages of an exact build: `files` as rendered, with its placeholders
/// filled by the search index files (shared with the live index), the
/// pages handed to `sink` and the kept SOP pages of the last build.
fn gather(
    files: Files,
    sink: Collect,
    kept: &Files,
    old: Option<&Pages>,
    index: &[(String, Arc<Vec<u8>>)],
) -> Pages {
    let mut sunk = sink.0.into_inner().unwrap_or_else(|e| e.into_inner());
    let index: BTreeMap<&str, &Arc<Vec<u8>>> = index.iter().map(|(k, v)| (k.as_str(), v)).collect();
    files
        .into_iter()
        .map(|(path, bytes)| {
            let page = if let Some(file) = index.get(path.as_str()) {
                Arc::clone(file)
            } else if let Some(page) = sunk.remove(&path) {
                page
            } else if kept.contains_key(&path) {
                old.and_then(|o| o.get(&path)).cloned().unwrap_or_default()
            } else {
                Arc::new(bytes)
            };
            (path, page)
        })
        .collect()
}

/// The pages `render` hands over as it renders them (`render::Sink`).
#[derive(Default)]
struct Collect(std::sync::Mutex<std::collections::HashMap<String, Arc<Vec<u8>>>>);

impl crate::render::Sink for Collect {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), crate::render::WriteError> {
        let page = Arc::new(bytes.to_vec());
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_owned(), page);
        Ok(())
    }
}

/// The files a request can get: rendered ones win over static ones (as
/// when `build` writes them).
pub(crate) fn lookup<'a>(site: &'a Site, path: &str) -> Option<&'a [u8]> {
    site.fresh
        .as_ref()
        .and_then(|f| f.get(path))
        .map(Vec::as_slice)
        .or_else(|| site.files.get(path).map(|b| b.as_slice()))
        .or_else(|| site.statics.get(path).map(|b| b.as_slice()))
}

/// Output paths whose bytes differ between two sites, and removed ones.
/// Layers the two share (the same `Arc`) are not compared: a preview or a
/// static edit costs what it changed, not the size of the site.
pub(crate) fn diff(old: &Site, new: &Site) -> (Vec<String>, Vec<String>) {
    let mut keys: BTreeSet<&str> = BTreeSet::new();
    for f in [&old.fresh, &new.fresh].into_iter().flatten() {
        keys.extend(f.keys().map(String::as_str));
    }
    if !Arc::ptr_eq(&old.files, &new.files) {
        keys.extend(old.files.keys().chain(new.files.keys()).map(String::as_str));
    }
    if !Arc::ptr_eq(&old.statics, &new.statics) {
        keys.extend(
            old.statics
                .keys()
                .chain(new.statics.keys())
                .map(String::as_str),
        );
    }
    let same = |a: &[u8], b: &[u8]| (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b;
    let (mut changed, mut removed) = (Vec::new(), Vec::new());
    for k in keys {
        match (lookup(old, k), lookup(new, k)) {
            (Some(a), Some(b)) if same(a, b) => {}
            (_, Some(_)) => changed.push(k.to_owned()),
            (Some(_), None) => removed.push(k.to_owned()),
            (None, None) => {}
        }
    }
    (changed, removed)
}

/// Every file of a site as `build` would write it.
pub(crate) fn all_files(site: &Site) -> Files {
    let mut files: Files = site
        .statics
        .iter()
        .map(|(k, v)| (k.clone(), v.as_ref().clone()))
        .collect();
    files.extend(
        site.files
            .iter()
            .map(|(k, v)| (k.clone(), v.as_ref().clone())),
    );
    if let Some(fresh) = &site.fresh {
        files.extend(fresh.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "title = \"Uji\"\n";

    fn sop(nama: &str, related: Option<&str>) -> String {
        let related = related
            .map(|id| format!("keterkaitan:\n  - sop: {id}\n"))
            .unwrap_or_default();
        format!(
            "nama: {nama}\ninstansi: Pemerintah Kabupaten Uji\nunit: Bagian Tapem\n{related}\
             pelaksana:\n  - {{ id: opd, nama: OPD }}\n  - {{ id: tapem, nama: Tapem }}\n\
             langkah:\n  - kegiatan: Mengajukan permohonan\n    pelaksana: opd\n    waktu: 1 hari\n\
             \x20 - kegiatan: Memeriksa permohonan\n    pelaksana: tapem\n    waktu: 2 jam\n"
        )
    }

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        w("sopkb.toml", CONFIG);
        w("sops/a.yaml", &sop("Prosedur A", None));
        w("sops/b.yaml", &sop("Prosedur B", Some("a")));
        w("sops/c.yaml", &sop("Prosedur C", None));
        w("static/img/logo.svg", "<svg/>");
        dir
    }

    const MANIFEST: &str = "search/index/manifest.json";

    /// Changed paths but the search index's.
    fn without_index(paths: &[String]) -> Vec<&str> {
        paths
            .iter()
            .map(String::as_str)
            .filter(|p| !p.starts_with("search/index/"))
            .collect()
    }

    /// Urls found for `q` in the search index of `files`, sorted.
    fn hits(files: &Files, q: &str) -> Vec<String> {
        let manifest = sopkb_search::Manifest::parse(&files[MANIFEST]).unwrap();
        let packs: Vec<Vec<u8>> = (0..manifest.pack_count())
            .map(|i| files[&format!("search/index/{}", sopkb_search::chunk::pack_name(i))].clone())
            .collect();
        let dir = sopkb_search::ChunkDirectory::new(manifest, move |r| {
            let (start, end) = (r.bytes.start as usize, r.bytes.end as usize);
            Ok(packs[r.pack][start..end].to_vec())
        })
        .unwrap();
        let s = sopkb_search::Searcher::open_chunked(dir).unwrap();
        let mut urls: Vec<String> = s
            .search(q, &[], 100)
            .unwrap()
            .into_iter()
            .map(|h| h.url)
            .collect();
        urls.sort();
        urls
    }

    /// `serve`'s files equal a fresh build's: the pages byte for byte, the
    /// search index (not byte-identical: edits leave segments) by what it
    /// finds.
    fn assert_same(served: &Files, fresh: &Files) {
        let pages = |f: &Files| -> Vec<(String, Vec<u8>)> {
            f.iter()
                .filter(|(k, _)| !k.starts_with("search/index/"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        assert!(
            pages(served) == pages(fresh),
            "pages differ from a full build"
        );
        let docs = |f: &Files| sopkb_search::Manifest::parse(&f[MANIFEST]).unwrap().docs;
        assert_eq!(docs(served), docs(fresh));
        for q in ["prosedur", "permohonan", "pks", "artikel", "memeriksa"] {
            assert_eq!(hits(served, q), hits(fresh, q), "{q}");
        }
    }

    fn full(root: &Path) -> Files {
        let mut b = Builder::new(root.to_path_buf(), None);
        let r = b.initial();
        assert!(r.failure.is_none(), "{:?}", r.failure);
        all_files(&b.site())
    }

    /// Applies `changes`; every (site, report) published, in order.
    fn apply(b: &mut Builder, changes: &[Change]) -> Vec<(Site, Report)> {
        let mut out = Vec::new();
        let batch: Batch = changes.iter().cloned().collect();
        b.apply(&batch, &mut |site, report| out.push((site.clone(), report)));
        out
    }

    fn last(mut published: Vec<(Site, Report)>) -> Report {
        published.pop().expect("something published").1
    }

    #[test]
    fn an_sop_edit_is_previewed_then_built_exactly_reusing_other_sop_pages() {
        let dir = project();
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        assert_eq!(b.initial().work, Work::Full);
        std::fs::write(dir.path().join("sops/a.yaml"), sop("Prosedur A Baru", None)).unwrap();
        let mut published = apply(&mut b, &[Change::Sop("a".into())]);
        assert_eq!(published.len(), 2);
        let (final_site, exact) = published.pop().unwrap();
        let (preview_site, preview) = published.pop().unwrap();
        assert_eq!(preview.work, Work::Preview(vec!["a".into()]));
        assert_eq!(
            without_index(&preview.changed),
            ["sop/a/index.html", "sop/a/swimlane.svg"]
        );
        assert!(preview.changed.contains(&MANIFEST.to_owned()));
        // The SOP's name is searched in its steps too.
        assert_eq!(
            hits(&all_files(&preview_site), "baru"),
            ["/sop/a/", "/sop/a/#langkah-1", "/sop/a/#langkah-2"]
        );
        let page = |s: &Site| lookup(s, "sop/a/index.html").unwrap().to_vec();
        assert!(String::from_utf8(page(&preview_site))
            .unwrap()
            .contains("Prosedur A Baru"));
        assert_eq!(
            page(&preview_site),
            page(&final_site),
            "the preview page is exact here"
        );
        // a changed, b links to a; c is reused. The lists changed too.
        assert_eq!(
            exact.work,
            Work::Partial {
                rendered: 2,
                reused: 1
            }
        );
        assert!(
            exact.changed.contains(&"sop/index.html".to_owned()),
            "{:?}",
            exact.changed
        );
        assert!(
            !exact.changed.contains(&"sop/a/index.html".to_owned()),
            "already previewed"
        );
        assert!(!exact.changed.contains(&"sop/c/index.html".to_owned()));
        assert_same(&all_files(&b.site()), &full(dir.path()));
    }

    fn article(judul: &str, sop: &str) -> String {
        format!(
            "---\njudul: {judul}\nringkasan: Ringkas.\nterkait_sop: [{sop}]\ndiperbarui: 2026-01-01\n---\nIsi tentang PKS.\n"
        )
    }

    #[test]
    fn an_article_edit_is_previewed_alone_then_built_exactly() {
        let dir = project();
        let w = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        w("content/pengetahuan/x.md", &article("Artikel X", "a"));
        w("content/pengetahuan/y.md", &article("Artikel Y", "b"));
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        assert_eq!(b.initial().work, Work::Full);
        // A new title moves x after y in the reading order.
        w("content/pengetahuan/x.md", &article("Artikel Z", "c"));
        let mut published = apply(&mut b, &[Change::Article("x".into())]);
        assert_eq!(published.len(), 2);
        let (final_site, exact) = published.pop().unwrap();
        let (preview_site, preview) = published.pop().unwrap();
        assert_eq!(preview.work, Work::Preview(vec!["x".into()]));
        assert_eq!(
            without_index(&preview.changed),
            ["pengetahuan/x/index.html"]
        );
        // The search index comes with the page.
        assert_eq!(hits(&all_files(&preview_site), "z"), ["/pengetahuan/x/"]);
        let page = |s: &Site| lookup(s, "pengetahuan/x/index.html").unwrap().to_vec();
        assert_eq!(
            page(&preview_site),
            page(&final_site),
            "the preview page is the exact page"
        );
        assert!(String::from_utf8(page(&final_site))
            .unwrap()
            .contains("Artikel Z"));
        // SOP pages show no article: all three are reused.
        assert_eq!(
            exact.work,
            Work::Partial {
                rendered: 0,
                reused: 3
            }
        );
        // The exact build corrects the rest: the list and the neighbour.
        assert!(exact.changed.contains(&"pengetahuan/index.html".to_owned()));
        assert!(exact
            .changed
            .contains(&"pengetahuan/y/index.html".to_owned()));
        assert_same(&all_files(&b.site()), &full(dir.path()));
    }

    #[test]
    fn an_article_edit_replaces_all_its_sections_in_the_search_index() {
        let dir = project();
        let path = dir.path().join("content/pengetahuan/x.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let body = |rest: &str| article("Artikel X", "a").replace("Isi tentang PKS.\n", rest);
        std::fs::write(&path, body("Awal.\n\n## Satu\n\nkuda\n\n## Dua\n\ngajah\n")).unwrap();
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        assert_eq!(
            hits(&all_files(&b.site()), "gajah"),
            ["/pengetahuan/x/#dua"]
        );
        std::fs::write(
            &path,
            body("Awal.\n\n## Satu\n\nkuda\n\n## Tiga\n\nzebra\n"),
        )
        .unwrap();
        let mut published = apply(&mut b, &[Change::Article("x".into())]);
        let (final_site, _) = published.pop().unwrap();
        let (preview_site, preview) = published.pop().unwrap();
        assert_eq!(preview.work, Work::Preview(vec!["x".into()]));
        for site in [&preview_site, &final_site] {
            let files = all_files(site);
            assert!(hits(&files, "gajah").is_empty(), "a stale section");
            assert_eq!(hits(&files, "zebra"), ["/pengetahuan/x/#tiga"]);
            assert_eq!(hits(&files, "kuda"), ["/pengetahuan/x/#satu"]);
        }
    }

    #[test]
    fn an_article_edit_with_an_error_is_not_previewed() {
        let dir = project();
        let path = dir.path().join("content/pengetahuan/x.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, article("Artikel X", "a")).unwrap();
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        std::fs::write(&path, article("Artikel X", "tidak-ada")).unwrap();
        let published = apply(&mut b, &[Change::Article("x".into())]);
        assert_eq!(published.len(), 1, "no preview, only the failed build");
        assert_eq!(published[0].1.work, Work::Failed);
    }

    #[test]
    fn warnings_are_printed_at_start_and_not_again_while_unchanged() {
        // The shipped site cites a revoked regulation (SOP009 warnings).
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut b = Builder::new(root.to_path_buf(), Some(Lang::Id));
        let first = b.initial();
        assert!(first.warnings > 0);
        let text = first.new_warnings.expect("the first build shows them");
        assert!(text.contains("SOP009"), "{text}");
        // A save that changes nothing in the warnings does not repeat them.
        let again = last(apply(&mut b, &[Change::Article("tanya-jawab".into())]));
        assert!(again.failure.is_none(), "{:?}", again.failure);
        assert_eq!(again.warnings, first.warnings);
        assert_eq!(again.new_warnings, None);
    }

    #[test]
    fn previews_of_the_shipped_sops_equal_their_exact_pages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut b = Builder::new(root.to_path_buf(), None);
        let r = b.initial();
        assert!(r.failure.is_none(), "{:?}", r.failure);
        let ids: Vec<String> = b
            .site()
            .files
            .keys()
            .filter_map(|k| k.strip_prefix("sop/")?.strip_suffix("/swimlane.svg"))
            .map(str::to_owned)
            .collect();
        assert!(ids.len() >= 10, "{ids:?}");
        let before = all_files(&b.site());
        let changes: Vec<Change> = ids.iter().map(|id| Change::Sop(id.clone())).collect();
        let published = apply(&mut b, &changes);
        assert_eq!(published.len(), 2);
        for (site, report) in &published {
            assert!(
                report.changed.is_empty() && report.removed.is_empty(),
                "{:?}",
                report.changed
            );
            assert!(all_files(site) == before);
        }
    }

    #[test]
    fn a_static_edit_reads_only_that_file() {
        let dir = project();
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        let before = Arc::clone(&b.site().files);
        std::fs::write(dir.path().join("static/img/logo.svg"), "<svg id=\"x\"/>").unwrap();
        let r = last(apply(&mut b, &[Change::Static("img/logo.svg".into())]));
        assert_eq!(r.work, Work::Statics);
        assert_eq!(r.changed, vec!["img/logo.svg".to_owned()]);
        assert!(
            Arc::ptr_eq(&before, &b.site().files),
            "pages were rendered again"
        );
        std::fs::remove_dir_all(dir.path().join("static/img")).unwrap();
        let r = last(apply(&mut b, &[Change::Static("img".into())]));
        assert_eq!(r.removed, vec!["img/logo.svg".to_owned()]);
    }

    #[cfg(unix)]
    #[test]
    fn static_symlinks_are_never_served() {
        let dir = project();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let link =
            |to: &Path, at: &str| std::os::unix::fs::symlink(to, dir.path().join(at)).unwrap();
        link(&outside.path().join("secret.txt"), "static/leak.txt");
        link(outside.path(), "static/dir");
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        apply(
            &mut b,
            &[
                Change::Static("leak.txt".into()),
                Change::Static("dir/secret.txt".into()),
            ],
        );
        let site = b.site();
        assert!(lookup(&site, "leak.txt").is_none());
        assert!(lookup(&site, "dir/secret.txt").is_none());
        assert!(lookup(&site, "img/logo.svg").is_some());
    }

    #[test]
    fn errors_keep_the_last_good_pages_with_an_overlay_until_fixed() {
        let dir = project();
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        let good = Arc::clone(&b.site().files);
        std::fs::write(dir.path().join("sops/c.yaml"), "nama: [\n").unwrap();
        let published = apply(&mut b, &[Change::Sop("c".into())]);
        assert_eq!(published.len(), 1, "no preview of a broken site");
        let r = last(published);
        assert_eq!(r.work, Work::Failed);
        assert!(r.failure.as_deref().unwrap().contains("sops/c.yaml"));
        let site = b.site();
        assert!(Arc::ptr_eq(&good, &site.files));
        assert!(site
            .overlay
            .as_deref()
            .unwrap()
            .contains("data-file=\"sops/c.yaml\""));
        // Meanwhile another SOP is edited; the fix must render both.
        std::fs::write(dir.path().join("sops/a.yaml"), sop("Prosedur A2", None)).unwrap();
        apply(&mut b, &[Change::Sop("a".into())]);
        std::fs::write(dir.path().join("sops/c.yaml"), sop("Prosedur C2", None)).unwrap();
        let r = last(apply(&mut b, &[Change::Sop("c".into())]));
        assert!(r.failure.is_none());
        assert!(b.site().overlay.is_none());
        assert_same(&all_files(&b.site()), &full(dir.path()));
    }

    /// An edit that gives a second file an SOP's id fails like a full build
    /// (FILE008, both files named), however the kept project was reloaded.
    #[test]
    fn an_edit_that_makes_a_duplicate_id_shows_the_error_until_fixed() {
        let dir = project();
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        for (copy, id) in [
            ("sops/sub/a.yaml", "a"),
            ("sops/a.yml", "a"),
            ("sops/A.yaml", "A"),
        ] {
            let good = Arc::clone(&b.site().files);
            let path = dir.path().join(copy);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, sop("Prosedur A Lain", None)).unwrap();
            let published = apply(&mut b, &[Change::Sop(id.into())]);
            let r = last(published);
            assert_eq!(r.work, Work::Failed, "{copy}");
            let text = r.failure.unwrap();
            assert!(text.contains("kesalahan[FILE008]"), "{copy}: {text}");
            assert!(text.contains("sops/a.yaml:1:1"), "{copy}: {text}");
            assert!(text.contains(&format!("{copy}:1:1")), "{copy}: {text}");
            assert!(text.contains("= catatan: juga didefinisikan di"), "{text}");
            let site = b.site();
            assert!(Arc::ptr_eq(&good, &site.files));
            assert!(site.overlay.as_deref().unwrap().contains("FILE008"));
            // Editing the first file again keeps the error.
            std::fs::write(dir.path().join("sops/a.yaml"), sop("Prosedur A", None)).unwrap();
            let r = last(apply(&mut b, &[Change::Sop("a".into())]));
            assert_eq!(r.work, Work::Failed, "{copy}");
            std::fs::remove_file(&path).unwrap();
            let r = last(apply(&mut b, &[Change::Sop(id.into())]));
            assert!(r.failure.is_none(), "{copy}: {:?}", r.failure);
            assert!(b.site().overlay.is_none());
        }
        assert_same(&all_files(&b.site()), &full(dir.path()));
    }

    #[test]
    fn an_article_copied_into_another_folder_is_an_error() {
        let dir = project();
        let w = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        w("content/pengetahuan/x.md", &article("Artikel X", "a"));
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        w(
            "content/pengetahuan/arsip/x.md",
            &article("Artikel X Lama", "a"),
        );
        let published = apply(&mut b, &[Change::Article("x".into())]);
        assert_eq!(published.len(), 1, "no preview of a duplicate");
        let text = last(published).failure.unwrap();
        assert!(text.contains("kesalahan[FILE008]"), "{text}");
        assert!(text.contains("content/pengetahuan/x.md:1:1"), "{text}");
        assert!(
            text.contains("content/pengetahuan/arsip/x.md:1:1"),
            "{text}"
        );
    }

    #[test]
    fn an_sop_in_a_subfolder_is_previewed_alone() {
        let dir = project();
        let path = dir.path().join("sops/sub/d.yaml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, sop("Prosedur D", None)).unwrap();
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        std::fs::write(&path, sop("Prosedur D Baru", None)).unwrap();
        let published = apply(&mut b, &[Change::Sop("d".into())]);
        assert_eq!(published.len(), 2, "a preview, then the exact build");
        assert_eq!(published[0].1.work, Work::Preview(vec!["d".into()]));
        assert_same(&all_files(&b.site()), &full(dir.path()));
    }

    /// A static file added over a rendered file is FILE010 at once (a static
    /// change alone renders nothing), and removing it clears the error.
    #[test]
    fn a_static_file_over_a_rendered_file_shows_the_error_until_removed() {
        let dir = project();
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        let path = dir.path().join("static/sop/a/index.html");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "<p>lama</p>").unwrap();
        let r = last(apply(&mut b, &[Change::Static("sop/a/index.html".into())]));
        assert_eq!(r.work, Work::Failed);
        let text = r.failure.unwrap();
        assert!(text.contains("kesalahan[FILE010]"), "{text}");
        assert!(text.contains("--> static/sop/a/index.html:1:1"), "{text}");
        assert!(b.site().overlay.is_some());
        std::fs::remove_file(&path).unwrap();
        let r = last(apply(&mut b, &[Change::Static("sop/a/index.html".into())]));
        assert!(r.failure.is_none(), "{:?}", r.failure);
        assert!(b.site().overlay.is_none());
        // Any other new static file is still only read.
        std::fs::write(dir.path().join("static/img/baru.svg"), "<svg/>").unwrap();
        let r = last(apply(&mut b, &[Change::Static("img/baru.svg".into())]));
        assert_eq!(r.work, Work::Statics);
    }

    #[test]
    fn a_new_sop_or_a_template_change_rebuilds_everything() {
        let dir = project();
        let mut b = Builder::new(dir.path().to_path_buf(), None);
        b.initial();
        std::fs::write(dir.path().join("sops/d.yaml"), sop("Prosedur D", None)).unwrap();
        let r = last(apply(&mut b, &[Change::Sop("d".into())]));
        assert_eq!(r.work, Work::Full);
        assert!(lookup(&b.site(), "sop/d/index.html").is_some());
        let published = apply(&mut b, &[Change::Theme]);
        assert_eq!(published.len(), 1, "no preview after a theme change");
        let r = last(published);
        assert_eq!(r.work, Work::Full);
        assert!(r.changed.is_empty(), "{:?}", r.changed);
        assert_same(&all_files(&b.site()), &full(dir.path()));
    }
}
