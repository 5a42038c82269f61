//! Load: find the project, read every input file, split front matter and
//! parse YAML/TOML into raw types. The only stage that reads the disk (with
//! `output` the only one that writes) and the only user of the YAML parser.

pub mod csv;
pub(crate) mod drafts;
pub mod frontmatter;
pub(crate) mod guard;
pub(crate) mod import;
pub(crate) mod knowledge;
pub(crate) mod panduan;
mod par;
pub mod raw;
pub(crate) mod registry;
pub(crate) mod site_index;
pub(crate) mod theme;
pub mod yaml;

use crate::diag::{Diagnostic, FileId, SourceMap, Span};
use crate::tr;
use raw::{RawArticle, RawTemplate, RawTerm};
use raw::{RawConfig, RawLegalBasis, RawPage, RawSop};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
pub(crate) use yaml::YamlSpans;

/// A fatal problem that stops loading (not a content error).
#[derive(Debug)]
pub enum LoadError {
    /// An input folder cannot be listed; `dir` as shown (`sops`, `static/`).
    Walk { dir: String, source: walkdir::Error },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Walk { dir, source } => write!(f, "{dir}: {source}"),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Walk { source, .. } => Some(source),
        }
    }
}

pub struct Loaded<T> {
    pub id: String,
    pub file: FileId,
    pub raw: T,
    pub spans: YamlSpans,
}

/// A Markdown file: front matter plus body.
pub(crate) struct LoadedDoc<T> {
    pub doc: Loaded<T>,
    pub body: String,
    /// Byte offset of `body` in the file (to locate findings in the body).
    pub body_start: usize,
}

/// The kinds of content whose file name (without folder or extension) is
/// the id, and so the address of its page (`<url>/<id>/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    Sop,
    Legal,
    Template,
    Article,
    Agreement,
}

impl Kind {
    #[cfg(test)]
    pub(crate) const ALL: [Kind; 5] = [
        Kind::Sop,
        Kind::Legal,
        Kind::Template,
        Kind::Article,
        Kind::Agreement,
    ];

    /// The folder its files are read from (subfolders included).
    pub(crate) fn dir(self) -> &'static str {
        match self {
            Kind::Sop => "sops",
            Kind::Legal => "content/dasar-hukum",
            Kind::Template => "content/templat",
            Kind::Article => "content/pengetahuan",
            Kind::Agreement => "content/kerja-sama",
        }
    }

    /// The file extensions read there.
    pub(crate) fn exts(self) -> &'static [&'static str] {
        match self {
            Kind::Sop => &["yaml", "yml"],
            _ => &["md"],
        }
    }

    /// The folder of its pages in the site: `<url>/<id>/`.
    pub(crate) fn url(self) -> &'static str {
        match self {
            Kind::Sop => "sop",
            Kind::Legal => "dasar-hukum",
            Kind::Template => "templat",
            Kind::Article => "pengetahuan",
            Kind::Agreement => "kerja-sama",
        }
    }
}

/// One content file of a `Kind` and the id its name gives it. Every file
/// found is claimed, also one that failed to parse or repeats an id, so
/// the duplicate check (`validate/duplicates.rs`) sees every file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Claim {
    pub kind: Kind,
    pub id: String,
    pub file: FileId,
}

/// Everything read from a project, parsed but not yet checked.
pub struct Input {
    pub(crate) root: PathBuf,
    pub sources: SourceMap,
    pub(crate) config: Option<(FileId, RawConfig)>,
    pub sops: Vec<Loaded<RawSop>>,
    pub(crate) legal: Vec<LoadedDoc<RawLegalBasis>>,
    pub(crate) home: Option<LoadedDoc<RawPage>>,
    /// `content/istilah.yaml`, when present and parseable.
    pub(crate) istilah: Option<Loaded<Vec<RawTerm>>>,
    /// `content/panduan.yaml` (the cooperation navigator), when present and parseable.
    pub(crate) panduan: Option<Loaded<panduan::RawPanduan>>,
    /// `content/templat/**/*.md`, sorted by path.
    pub(crate) templat: Vec<LoadedDoc<RawTemplate>>,
    /// `content/pengetahuan/**/*.md`, sorted by path.
    pub(crate) pengetahuan: Vec<LoadedDoc<RawArticle>>,
    /// `content/kerja-sama/**/*.md` (the registry), sorted by path.
    pub(crate) kerja_sama: Vec<LoadedDoc<registry::RawAgreement>>,
    /// Every SOP, legal-basis, template, article and registry file with its
    /// id (any order). `sops` … `kerja_sama` hold one file per id (the
    /// first by path): a later file of the same id is only claimed here.
    pub(crate) claims: Vec<Claim>,
    /// Files under `static/`, relative to it, sorted.
    pub(crate) statics: Vec<PathBuf>,
    /// The editor guides present (`docs/PANDUAN.md`, `docs/FORMAT.md`): the
    /// footer links them on the git host (`repo_url`).
    pub(crate) guides: Vec<String>,
    /// Ids of SOPs and legal bases whose file exists but failed to parse
    /// (already reported): references to them are not reported again.
    pub(crate) broken_ids: std::collections::BTreeSet<String>,
}

impl Input {
    /// A project under `root` with nothing read yet.
    pub fn empty(root: PathBuf) -> Input {
        Input {
            root,
            sources: SourceMap::default(),
            config: None,
            sops: Vec::new(),
            legal: Vec::new(),
            home: None,
            istilah: None,
            panduan: None,
            templat: Vec::new(),
            pengetahuan: Vec::new(),
            kerja_sama: Vec::new(),
            claims: Vec::new(),
            statics: Vec::new(),
            guides: Vec::new(),
            broken_ids: Default::default(),
        }
    }

    /// `trust_html = true` in `sopkb.toml`: raw HTML in Markdown is kept.
    pub(crate) fn trust_html(&self) -> bool {
        self.config.as_ref().is_some_and(|(_, c)| c.trust_html)
    }
}

/// Finds the project root: `dir` itself or the nearest ancestor holding `sopkb.toml`.
pub(crate) fn find_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join("sopkb.toml").is_file())
        .map(Path::to_path_buf)
}

/// Reads the SOP `sops/…/<id>.yaml` (or `.yml`) again into an already
/// loaded `input`, replacing its entry: `serve` previews an edit without
/// loading the whole project. False when that cannot be done exactly, the
/// caller then loads everything again: the file is gone, new, moved, does
/// not parse, or its id is claimed by any other file (case-insensitively:
/// a duplicate must reach the duplicate check of a full load).
pub(crate) fn reload_sop(input: &mut Input, id: &str, diags: &mut Vec<Diagnostic>) -> bool {
    let Some((path, at)) = sole_file(input, Kind::Sop, id) else {
        return false;
    };
    let Some((file, text)) = read_text(input, &path, diags) else {
        return false;
    };
    check_id(id, file, &input.sources, diags);
    match yaml::parse::<RawSop>(file, &text, 0) {
        Ok((raw, spans)) => {
            input.broken_ids.remove(id);
            let old = std::mem::replace(
                &mut input.sops[at],
                Loaded {
                    id: id.to_owned(),
                    file,
                    raw,
                    spans,
                },
            );
            reclaim(input, old.file, file);
            true
        }
        Err(d) => {
            diags.push(*d);
            false
        }
    }
}

/// `reload_sop` for the article `content/pengetahuan/…/<id>.md`.
pub(crate) fn reload_article(input: &mut Input, id: &str, diags: &mut Vec<Diagnostic>) -> bool {
    let Some((path, at)) = sole_file(input, Kind::Article, id) else {
        return false;
    };
    match read_doc::<RawArticle>(input, &path, diags) {
        Some(doc) if doc.doc.id == id => {
            let old = std::mem::replace(&mut input.pengetahuan[at], doc);
            reclaim(input, old.doc.file, input.pengetahuan[at].doc.file);
            true
        }
        _ => false,
    }
}

/// The one file of `kind` with the id `id` and the index of its entry in
/// `input`, when re-reading it alone gives what a full load would: it is
/// the only file on disk and in `input` whose id is `id` in any letter
/// case, and `input` holds it, parsed, from the same path.
fn sole_file(input: &Input, kind: Kind, id: &str) -> Option<(PathBuf, usize)> {
    let key = id.to_lowercase();
    let mut claims = input
        .claims
        .iter()
        .filter(|c| c.kind == kind && c.id.to_lowercase() == key);
    let claim = claims.next()?;
    if claims.next().is_some() {
        return None;
    }
    let rel = &input.sources.file(claim.file).path;
    let on_disk = list_files(&input.root, kind.dir(), kind.exts()).ok()?;
    let mut on_disk = on_disk
        .into_iter()
        .filter(|p| file_id(p).to_lowercase() == key);
    let path = on_disk.next()?;
    if on_disk.next().is_some() || relative(&input.root, &path) != *rel || claim.id != id {
        return None;
    }
    let at = match kind {
        Kind::Sop => input.sops.iter().position(|s| s.file == claim.file),
        Kind::Article => input
            .pengetahuan
            .iter()
            .position(|a| a.doc.file == claim.file),
        _ => None,
    }?;
    Some((path, at))
}

/// Points the claim of the source `old` at `new` (the same file read again).
fn reclaim(input: &mut Input, old: FileId, new: FileId) {
    for c in input.claims.iter_mut().filter(|c| c.file == old) {
        c.file = new;
    }
}

/// Reads one file of `static/` (`rel` relative to it) for `serve`, which keeps
/// the site in memory. `None` when it is gone or is not a regular file: a
/// symlink, in the path or at the end, is never followed (as in `load`).
pub(crate) fn read_static(root: &Path, rel: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let mut path = root.join("static");
    for part in rel.components() {
        let std::path::Component::Normal(part) = part else {
            return Ok(None);
        };
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => return Ok(None),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        }
    }
    if !std::fs::symlink_metadata(&path)?.is_file() {
        return Ok(None);
    }
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads and parses everything under `root`. Content errors go to `diags`;
/// only unreadable folders are fatal.
pub(crate) fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Result<Input, LoadError> {
    let mut input = Input::empty(root.to_path_buf());
    load_config(&mut input, diags);
    guard::report_links(root, &mut input.sources, diags);
    // Each kind's files are read and parsed in parallel (`par`).
    let paths = list_files(root, Kind::Sop.dir(), Kind::Sop.exts())?;
    let reads = par::read_yaml::<RawSop>(&mut input, &paths, diags);
    input.sops = admit(&mut input, Kind::Sop, &paths, reads, |s| &s.id, true);
    let paths = list_files(root, Kind::Legal.dir(), Kind::Legal.exts())?;
    let reads = par::read_docs::<RawLegalBasis>(&mut input, &paths, diags);
    input.legal = admit(&mut input, Kind::Legal, &paths, reads, |d| &d.doc.id, true);
    knowledge::load(root, &mut input, diags)?;
    panduan::load(root, &mut input, diags);
    let paths = list_files(root, Kind::Agreement.dir(), Kind::Agreement.exts())?;
    let reads = par::read_docs::<registry::RawAgreement>(&mut input, &paths, diags);
    input.kerja_sama = admit(
        &mut input,
        Kind::Agreement,
        &paths,
        reads,
        |d| &d.doc.id,
        true,
    );
    let home = root.join("content/_index.md");
    if guard::real_file(root, &home) {
        input.home = read_doc::<RawPage>(&mut input, &home, diags);
    }
    for guide in ["docs/PANDUAN.md", "docs/FORMAT.md"] {
        if guard::real_file(root, &root.join(guide)) {
            input.guides.push(guide.to_owned());
        }
    }
    let static_dir = root.join("static");
    if guard::real_dir(root, &static_dir) {
        for entry in walkdir::WalkDir::new(&static_dir).sort_by_file_name() {
            let entry = entry.map_err(|source| LoadError::Walk {
                dir: "static/".to_owned(),
                source,
            })?;
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&static_dir)
                    .expect("under static");
                input.statics.push(rel.to_path_buf());
            }
        }
    }
    Ok(input)
}

fn load_config(input: &mut Input, diags: &mut Vec<Diagnostic>) {
    let path = input.root.join("sopkb.toml");
    if !guard::real_file(&input.root, &path) {
        diags.push(
            Diagnostic::error(
                "CFG001",
                tr!(
                    "berkas `sopkb.toml` tidak ditemukan",
                    "`sopkb.toml` not found"
                ),
            )
            .help(tr!(
                "jalankan sopkb di folder proyek atau berikan `--root FOLDER`",
                "run sopkb in the project folder or pass `--root DIR`"
            )),
        );
        return;
    }
    let Some((file, text)) = read_text(input, &path, diags) else {
        return;
    };
    match toml::from_str::<RawConfig>(&text) {
        Ok(cfg) => input.config = Some((file, cfg)),
        Err(e) => {
            let span = e.span().map(|r| Span::new(file, r.start, r.end));
            let msg = e.message().to_owned();
            diags.push(
                Diagnostic::error(
                    "CFG002",
                    tr!(
                        "`sopkb.toml` tidak sah: {}",
                        "invalid `sopkb.toml`: {}",
                        msg
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "kunci yang boleh: title, description, base_url, language, theme, build_date, trust_html, repo_url, repo_branch, edit_url, [registry]",
                    "allowed keys: title, description, base_url, language, theme, build_date, trust_html, repo_url, repo_branch, edit_url, [registry]"
                )),
            );
        }
    }
}

/// Files with one of `exts` under `root/dir`, sorted; a missing folder is empty.
fn list_files(root: &Path, dir: &str, exts: &[&str]) -> Result<Vec<PathBuf>, LoadError> {
    let base = root.join(dir);
    if !guard::real_dir(root, &base) {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
        let entry = entry.map_err(|source| LoadError::Walk {
            dir: dir.to_owned(),
            source,
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        // Editors' backup and temp files are not content.
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let ext_ok = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e));
        if entry.file_type().is_file() && ext_ok {
            files.push(path.to_path_buf());
        }
    }
    Ok(files)
}

/// The files of one kind read by `par` (`reads`, in the order of `paths`,
/// which is path order), claimed in `input`; the parsed ones returned, one
/// per id: a later file of an id already kept is only claimed (validation
/// reports the pair, and one page is made). A file that failed is a broken
/// id when `broken` (references to it are not reported again).
fn admit<T>(
    input: &mut Input,
    kind: Kind,
    paths: &[PathBuf],
    reads: Vec<par::Read<T>>,
    id_of: fn(&T) -> &str,
    broken: bool,
) -> Vec<T> {
    let mut kept = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for (path, read) in paths.iter().zip(reads) {
        let id = file_id(path);
        if let Some(file) = read.file {
            input.claims.push(Claim {
                kind,
                id: id.clone(),
                file,
            });
        }
        match read.item {
            Some(item) if ids.insert(id_of(&item).to_owned()) => kept.push(item),
            Some(_) => {} // a later file of a kept id
            None if broken => {
                input.broken_ids.insert(id);
            }
            None => {}
        }
    }
    kept
}

/// `path` relative to `root`, `/`-separated, as the source map names it.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn check_id(id: &str, file: FileId, sources: &SourceMap, diags: &mut Vec<Diagnostic>) {
    let valid = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if !valid {
        let path = &sources.file(file).path;
        diags.push(
            Diagnostic::error(
                "FILE004",
                tr!(
                    "nama berkas `{}` bukan id yang sah",
                    "file name `{}` is not a valid id",
                    path
                ),
            )
            .help(tr!(
                "gunakan huruf kecil, angka dan tanda `-` saja, mis. `magetan-penawaran.yaml`",
                "use lower-case letters, digits and `-` only, e.g. `magetan-penawaran.yaml`"
            ))
            .at(Span::new(file, 0, 0)),
        );
    }
}

/// Reads a file as UTF-8 (a leading BOM is dropped). Invalid UTF-8 is a
/// located content error; the valid prefix is kept for the report.
fn read_text(
    input: &mut Input,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(FileId, String)> {
    text_of(input, path, guard::read_limited(path), diags)
}

/// `read_text` for bytes already read (`par` reads many files at once).
fn text_of(
    input: &mut Input,
    path: &Path,
    read: std::io::Result<guard::Limited>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(FileId, String)> {
    match source_of(input, path, read, diags) {
        (Some(file), Some(text)) => Some((file, text)),
        _ => None,
    }
}

/// Registers the bytes read from `path` in the source map: its file id
/// (also for an empty, undecodable or too large file, located by its
/// diagnostic; `None` when it could not be read) and its text when usable.
fn source_of(
    input: &mut Input,
    path: &Path,
    read: std::io::Result<guard::Limited>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<FileId>, Option<String>) {
    let rel = relative(&input.root, path);
    let bytes = match read {
        Ok(guard::Limited::Bytes(b)) => b,
        Ok(guard::Limited::TooLarge(len)) => {
            let d = guard::too_large(&mut input.sources, &rel, len);
            let file = d.span.map(|s| s.file);
            diags.push(d);
            return (file, None);
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                "FILE002",
                tr!(
                    "tidak dapat membaca `{}`: {}",
                    "cannot read `{}`: {}",
                    rel,
                    e
                ),
            ));
            return (None, None);
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let file = input.sources.add(rel, text.to_owned());
            if text.trim().is_empty() {
                diags.push(
                    Diagnostic::error("FILE003", tr!("berkas kosong", "empty file"))
                        .at(Span::new(file, 0, 0))
                        .help(tr!(
                            "isi berkas ini atau hapus; `sopkb new` membuat kerangka yang sah",
                            "fill this file or delete it; `sopkb new` writes a valid skeleton"
                        )),
                );
                return (Some(file), None);
            }
            (Some(file), Some(text.to_owned()))
        }
        Err(e) => {
            let valid = e.valid_up_to();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = input.sources.add(rel, prefix);
            diags.push(
                Diagnostic::error(
                    "FILE001",
                    tr!(
                        "berkas bukan UTF-8 yang sah (byte ke-{})",
                        "file is not valid UTF-8 (byte {})",
                        valid
                    ),
                )
                .at(Span::new(file, valid, valid))
                .help(tr!(
                    "simpan ulang berkas dengan pengodean UTF-8",
                    "save the file again with UTF-8 encoding"
                )),
            );
            (Some(file), None)
        }
    }
}

fn read_doc<T: serde::de::DeserializeOwned>(
    input: &mut Input,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<LoadedDoc<T>> {
    let (file, text) = read_text(input, path, diags)?;
    let id = file_id(path);
    if id != "_index" {
        check_id(&id, file, &input.sources, diags);
    }
    match parse_doc(file, &text, id) {
        Ok(doc) => Some(doc),
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}

/// Splits the front matter of `text` (file `file`, id `id`) and parses it:
/// no side effects, so `par` runs it on many files at once.
pub(crate) fn parse_doc<T: serde::de::DeserializeOwned>(
    file: FileId,
    text: &str,
    id: String,
) -> Result<LoadedDoc<T>, Box<Diagnostic>> {
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(e) => {
            let (msg, help) = match e {
                frontmatter::SplitError::Missing => (
                    tr!("front matter tidak ada", "front matter is missing"),
                    tr!(
                        "awali berkas dengan baris `---`, kunci YAML, lalu baris `---`",
                        "start the file with a `---` line, YAML keys, then a `---` line"
                    ),
                ),
                frontmatter::SplitError::Unterminated => (
                    tr!("front matter tidak ditutup", "front matter is not closed"),
                    tr!(
                        "tambahkan baris `---` setelah kunci YAML",
                        "add a `---` line after the YAML keys"
                    ),
                ),
            };
            return Err(Box::new(
                Diagnostic::error("FM001", msg)
                    .at(Span::new(file, 0, 3))
                    .help(help),
            ));
        }
    };
    let (raw, spans) = yaml::parse::<T>(file, split.yaml, split.yaml_start)?;
    crate::limits::check_markdown(file, split.body, split.body_start)?;
    Ok(LoadedDoc {
        doc: Loaded {
            id,
            file,
            raw,
            spans,
        },
        body: split.body.to_owned(),
        body_start: split.body_start,
    })
}
