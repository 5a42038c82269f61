//! The only writer of the site. Rule: no command ever deletes or overwrites
//! a file it did not write itself.
//!
//! - `guard`: the output folder is never the project, above it, an input,
//!   inside an input, or a file (checked before anything is loaded).
//! - `manifest`: `.sopkb-manifest` lists what sopkb wrote; a rebuild deletes
//!   or overwrites only what it lists. A non-empty folder without one is
//!   refused unless `--force`, and even then its files are kept.
//! - Writing: where the output folder is a real folder holding only
//!   sopkb's files (or nothing yet), the site is written into a temporary
//!   sibling folder that replaces it whole once complete, so a failed build
//!   never leaves a half-written or destroyed site. Where that cannot be
//!   done (a symbolic link to the folder, a mount point, files of others
//!   in it) the folder is updated in place, file by file (see `commit_in_place`).
//! - `interrupt`: SIGINT/SIGTERM stop the build at a safe point;
//!   `recover`: the next build cleans up after a killed one.
//! - `entries`: `sopkb import` writes registry entries all or none;
//!   `new_file`: `sopkb new` creates one file, never over another;
//!   `links`: files created in the project are never written through a
//!   symbolic link.

pub(crate) mod entries;
mod error;
mod guard;
pub(crate) mod interrupt;
mod links;
mod manifest;
pub(crate) mod new_file;
mod recover;

pub(crate) use error::OutputError;
pub(crate) use links::{link_refused, linked_folder};
pub(crate) use manifest::MANIFEST;

use crate::render::Files;
use manifest::{Entry, Manifest, MARKER, MARKER_TEXT};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Writes `files` (plus the `static/` files) to `out`, no project checks
/// (`Target::open`); refuses a non-empty folder sopkb did not write.
#[cfg(test)]
pub(crate) fn write_site(
    out: &Path,
    files: &Files,
    statics: &[(PathBuf, PathBuf)],
) -> Result<Written, OutputError> {
    Target::open(out, false)?.begin()?.commit(files, statics)
}

/// Where a site will be written, decided before anything is rendered.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// The output path as given (messages).
    shown: PathBuf,
    /// Resolved: absolute, links followed (may not exist yet).
    dir: PathBuf,
    mode: Mode,
    /// What the previous build wrote there (empty if none).
    prev: Manifest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A new folder replaces `dir` whole; `exists`: there is one to replace.
    Swap { exists: bool },
    /// `dir` is updated file by file.
    InPlace,
}

impl Target {
    /// The output folder `out` of the project in `root`, for `build` and
    /// `serve --out`: refuses unsafe places (see `guard`) and non-empty
    /// folders sopkb did not write (unless `force`), and cleans up after a
    /// killed build. Reads nothing of the project.
    pub(crate) fn prepare(root: &Path, out: &Path, force: bool) -> Result<Target, OutputError> {
        let resolved = guard::check(root, out)?;
        Target::classify(out, resolved, force)
    }

    /// `prepare` without a project: the folder rules only.
    #[cfg(test)]
    pub(crate) fn open(out: &Path, force: bool) -> Result<Target, OutputError> {
        let resolved = guard::resolve(out)?;
        Target::classify(out, resolved, force)
    }

    fn classify(out: &Path, resolved: guard::Resolved, force: bool) -> Result<Target, OutputError> {
        let dir = resolved.dir;
        if dir.parent().is_none() || dir.file_name().is_none() {
            return Err(OutputError::NotAFolder {
                out: out.to_path_buf(),
                path: dir,
            });
        }
        recover::recover(&dir)?;
        let meta = match std::fs::metadata(&dir) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Target {
                    shown: out.to_path_buf(),
                    dir,
                    mode: Mode::Swap { exists: false },
                    prev: Manifest::default(),
                })
            }
            Err(e) => return Err(OutputError::io(&dir, e)),
        };
        if !meta.is_dir() {
            return Err(OutputError::NotAFolder {
                out: out.to_path_buf(),
                path: out.to_path_buf(),
            });
        }
        let prev = Manifest::read(&dir)?;
        let empty = std::fs::read_dir(&dir)
            .map_err(|e| OutputError::io(&dir, e))?
            .next()
            .is_none();
        if prev.is_none() && !empty && !force {
            return Err(OutputError::NotEmpty {
                out: out.to_path_buf(),
            });
        }
        let prev = prev.unwrap_or_default();
        // Replacing the folder whole is safe only if it is exactly the
        // entry named, holds nothing of others, and can be renamed.
        let whole =
            resolved.direct && !mount_point(&dir) && (empty || manifest::only_listed(&dir, &prev));
        Ok(Target {
            shown: out.to_path_buf(),
            dir,
            mode: if whole {
                Mode::Swap { exists: true }
            } else {
                Mode::InPlace
            },
            prev,
        })
    }

    /// The resolved output folder.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts writing: creates the staging folder (with its marker).
    pub(crate) fn begin(mut self) -> Result<Staging, OutputError> {
        let pid = std::process::id();
        let io_err = |p: &Path, e: io::Error| OutputError::io(p, e);
        if let Mode::Swap { exists } = self.mode {
            let parent = self.dir.parent().unwrap_or(Path::new("/")).to_path_buf();
            std::fs::create_dir_all(&parent).map_err(|e| io_err(&parent, e))?;
            let tmp = recover::staging_beside(&self.dir, pid).unwrap_or_default();
            match make_staging(&tmp) {
                Ok(()) => {
                    let old = recover::old_beside(&self.dir, pid).unwrap_or_default();
                    return Ok(Staging::new(self, tmp, old));
                }
                // A folder whose parent is read-only can still be updated
                // in place (a deploy folder owned by the user in /var/www).
                Err(_) if exists => self.mode = Mode::InPlace,
                Err(e) => return Err(io_err(&tmp, e)),
            }
        }
        let tmp = recover::staging_inside(&self.dir, pid);
        make_staging(&tmp).map_err(|e| io_err(&tmp, e))?;
        Ok(Staging::new(self, tmp, PathBuf::new()))
    }
}

/// Creates a staging folder that did not exist, marked as sopkb's.
fn make_staging(tmp: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(tmp).is_ok() {
        recover::remove_ours(tmp)?;
    }
    std::fs::create_dir(tmp)?;
    std::fs::write(tmp.join(MARKER), MARKER_TEXT)
}

/// Whether `dir` is on another file system than its parent (a mount point
/// cannot be renamed).
#[cfg(unix)]
fn mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let dev = |p: &Path| std::fs::metadata(p).map(|m| m.dev()).ok();
    dir.parent().is_some_and(|p| dev(dir) != dev(p))
}

#[cfg(not(unix))]
fn mount_point(_: &Path) -> bool {
    false
}

/// A site being written into a staging folder. Pages can be `put` from
/// many threads while the rest is still rendering (so `build` never holds
/// every page in memory); the remaining files come with `commit`. Dropped
/// without a commit, the staging folder is removed and the output folder
/// is left as it was.
///
/// Whole-folder swap: a file whose bytes equal those of the same path in
/// the previous site is hard-linked from it instead of written: no new
/// inode or data blocks, and deleting the previous site afterwards frees
/// nothing for it (on a disk mounted with online `discard`, creating and
/// freeing files dominated the build). In place, such a file is not
/// touched at all.
pub(crate) struct Staging {
    target: Target,
    tmp: PathBuf,
    /// Where the previous site waits during a swap.
    old: PathBuf,
    /// Paths `put` so far; true when written to `tmp` (false: unchanged).
    written: Mutex<BTreeMap<String, bool>>,
}

/// What a commit left: the folder and its manifest, for later updates
/// (`serve --out`).
#[derive(Debug)]
pub(crate) struct Written {
    dir: PathBuf,
    shown: PathBuf,
    manifest: Manifest,
}

impl Staging {
    fn new(target: Target, tmp: PathBuf, old: PathBuf) -> Staging {
        Staging {
            target,
            tmp,
            old,
            written: Mutex::new(BTreeMap::new()),
        }
    }

    /// Writes one file now (any thread).
    pub(crate) fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        interrupt::check_io()?;
        if !manifest::valid_rel(rel) || manifest::is_reserved(rel) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a site path",
            ));
        }
        if let Some((dir, _)) = rel.rsplit_once('/') {
            std::fs::create_dir_all(self.tmp.join(dir))?;
        }
        let staged = self.place(rel, bytes)?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned(), staged);
        crate::progress::file_written();
        Ok(())
    }

    /// Writes `rel` into the staging folder unless the previous site has
    /// it already (true: written).
    fn place(&self, rel: &str, bytes: &[u8]) -> io::Result<bool> {
        let t = &self.target;
        let dest = self.tmp.join(rel);
        match t.mode {
            Mode::Swap { exists: true } => {
                let prev = t.dir.join(rel);
                if same_file_bytes(&prev, bytes) && std::fs::hard_link(&prev, &dest).is_ok() {
                    return Ok(true);
                }
                // A path placed twice may be a link to the previous site's
                // file by now: never write through it.
                if let Err(e) = std::fs::remove_file(&dest) {
                    if e.kind() != io::ErrorKind::NotFound {
                        return Err(e);
                    }
                }
            }
            Mode::Swap { exists: false } => {}
            Mode::InPlace => {
                if t.prev.files.contains(rel)
                    && manifest::entry(&t.dir, rel) == Entry::File
                    && same_file_bytes(&t.dir.join(rel), bytes)
                {
                    return Ok(false);
                }
            }
        }
        std::fs::write(dest, bytes)?;
        Ok(true)
    }

    /// Writes `files` and the `static/` files (except paths already `put`:
    /// a rendered file wins over a static one) and puts the site in place.
    pub(crate) fn commit(
        mut self,
        files: &Files,
        statics: &[(PathBuf, PathBuf)],
    ) -> Result<Written, OutputError> {
        interrupt::check()?;
        let span = crate::timings::span("write files");
        let mut written =
            std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let plan = plan(files, statics, &written);
        for rel in plan.keys() {
            if !manifest::valid_rel(rel) || manifest::is_reserved(rel) {
                return Err(OutputError::Reserved { path: rel.clone() });
            }
        }
        let placed = self.fill(&plan).map_err(|e| self.fail(e))?;
        written.extend(placed);
        drop(span);
        let _span = crate::timings::span("write swap");
        let result = match self.target.mode {
            Mode::Swap { .. } => self.commit_swap(&written),
            Mode::InPlace => self.commit_in_place(&written),
        };
        let manifest = result?;
        Ok(Written {
            dir: self.target.dir.clone(),
            shown: self.target.shown.clone(),
            manifest,
        })
    }

    /// An I/O error, or the signal that caused it.
    fn fail(&self, e: io::Error) -> OutputError {
        match interrupt::check() {
            Err(stop) => stop,
            Ok(()) => OutputError::io(&self.target.shown, e),
        }
    }

    /// Fills the staging folder with the files of `plan`, in parallel;
    /// returns them (true: written, false: unchanged in place).
    fn fill(&self, plan: &BTreeMap<String, Source>) -> io::Result<Vec<(String, bool)>> {
        // Every folder once, a level at a time (parents before children).
        let mut levels: Vec<BTreeSet<&str>> = Vec::new();
        for k in plan.keys() {
            let mut d = k.as_str();
            while let Some((parent, _)) = d.rsplit_once('/') {
                let depth = parent.matches('/').count();
                if levels.len() <= depth {
                    levels.resize_with(depth + 1, BTreeSet::new);
                }
                if !levels[depth].insert(parent) {
                    break; // its ancestors are in already
                }
                d = parent;
            }
        }
        let plan: Vec<(&String, &Source)> = plan.iter().collect();
        on_io_pool(|| {
            for level in &levels {
                level
                    .par_iter()
                    .try_for_each(|d| match std::fs::create_dir(self.tmp.join(d)) {
                        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
                        _ => Ok(()),
                    })?;
            }
            plan.par_iter()
                .map(|(rel, src)| {
                    interrupt::check_io()?;
                    let read;
                    let bytes: &[u8] = match src {
                        Source::Bytes(b) => b,
                        Source::Copy(p) => {
                            read = std::fs::read(p)?;
                            &read
                        }
                    };
                    let staged = self.place(rel, bytes)?;
                    crate::progress::file_written();
                    Ok(((*rel).clone(), staged))
                })
                .collect()
        })
    }

    /// Replaces the output folder with the staging folder.
    fn commit_swap(&mut self, written: &BTreeMap<String, bool>) -> Result<Manifest, OutputError> {
        let files: BTreeSet<String> = written.keys().cloned().collect();
        let manifest = Manifest {
            dirs: Manifest::parents(&files),
            files,
        };
        let tmp = &self.tmp;
        let err = |p: &Path, e: io::Error| OutputError::io(p, e);
        std::fs::write(tmp.join(MANIFEST), manifest.render()).map_err(|e| err(tmp, e))?;
        // From here the folder is a complete site (the manifest proves it
        // is sopkb's), so it no longer needs the marker.
        std::fs::remove_file(tmp.join(MARKER)).map_err(|e| err(tmp, e))?;
        interrupt::test_pause(interrupt::Pause::BeforeSwap);
        if let Err(stop) = interrupt::check() {
            let _ = remove_tree(tmp);
            return Err(stop);
        }
        swap(tmp, &self.target.dir, &self.old).map_err(|e| {
            let _ = recover::remove_ours(tmp);
            err(&self.target.shown, e)
        })?;
        Ok(manifest)
    }

    /// Updates the output folder in place, because it cannot be replaced
    /// whole: it is reached through a symbolic link (the link's target must
    /// keep its identity, permissions and other files), is a mount point,
    /// or holds files sopkb did not write (which must stay). Files of
    /// others are never overwritten: any in the way fails the commit before
    /// anything changes. Then each new or changed file is renamed over its
    /// old version (a reader never sees half a file), files of the previous
    /// manifest no longer produced are deleted, and the manifest comes
    /// last. During the update a manifest listing the old and the new files
    /// is in place, so a killed update leaves nothing the next build would
    /// take for another's file.
    fn commit_in_place(
        &mut self,
        written: &BTreeMap<String, bool>,
    ) -> Result<Manifest, OutputError> {
        let (dir, prev) = (&self.target.dir, &self.target.prev);
        let planned: BTreeSet<String> = written.keys().cloned().collect();
        let planned_dirs = Manifest::parents(&planned);
        let foreign = foreign_in_the_way(dir, prev, &planned, &planned_dirs);
        if !foreign.is_empty() {
            return Err(OutputError::Foreign {
                out: self.target.shown.clone(),
                total: foreign.len(),
                paths: foreign.into_iter().take(5).collect(),
            });
        }
        interrupt::test_pause(interrupt::Pause::BeforeSwap);
        interrupt::check()?;
        let err = |e: io::Error| OutputError::io(&self.target.shown, e);
        // Folders: ours if we made them before, or make them now.
        let dirs: BTreeSet<String> = planned_dirs
            .iter()
            .filter(|d| prev.dirs.contains(*d) || manifest::entry(dir, d) != Entry::Dir)
            .cloned()
            .collect();
        let union = Manifest {
            files: prev.files.union(&planned).cloned().collect(),
            dirs: prev.dirs.union(&dirs).cloned().collect(),
        };
        self.write_manifest(&union).map_err(err)?;
        let stale: Vec<&String> = prev.files.difference(&planned).collect();
        let stale_dirs: Vec<&String> = prev.dirs.difference(&planned_dirs).collect();
        manifest::remove_listed(dir, stale, stale_dirs).map_err(err)?;
        interrupt::test_pause(interrupt::Pause::InSwap);
        for d in &planned_dirs {
            match std::fs::create_dir(dir.join(d)) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(err(e)),
                _ => {}
            }
        }
        let staged: Vec<&String> = written
            .iter()
            .filter(|(_, s)| **s)
            .map(|(p, _)| p)
            .collect();
        on_io_pool(|| {
            staged
                .par_iter()
                .try_for_each(|rel| std::fs::rename(self.tmp.join(rel), dir.join(rel)))
        })
        .map_err(err)?;
        // A stale folder of ours that still holds files of others stays
        // ours: it goes once it is empty.
        let mut dirs = dirs;
        dirs.extend(
            prev.dirs
                .difference(&planned_dirs)
                .filter(|d| manifest::entry(dir, d) == Entry::Dir)
                .cloned(),
        );
        let manifest = Manifest {
            files: planned,
            dirs,
        };
        self.write_manifest(&manifest).map_err(err)?;
        remove_tree(&self.tmp).map_err(err)?;
        Ok(manifest)
    }

    /// Puts `m` in place as the output folder's manifest (written in the
    /// staging folder, renamed over).
    fn write_manifest(&self, m: &Manifest) -> io::Result<()> {
        put_manifest(&self.tmp, &self.target.dir, m)
    }
}

impl Drop for Staging {
    /// The staging folder goes whatever happened (after a swap it is the
    /// output folder and no longer there).
    fn drop(&mut self) {
        let _ = remove_tree(&self.tmp);
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), crate::render::WriteError> {
        Staging::put(self, path, bytes).map_err(|source| crate::render::WriteError {
            path: path.to_owned(),
            source,
        })
    }
}

/// Paths of `dir` that sopkb did not write and that the new site would
/// replace (a file or folder at a file's path, something that is not a
/// folder where a folder goes), sorted. Something the previous manifest
/// lists and the new site no longer has is no obstacle: it goes first.
fn foreign_in_the_way(
    dir: &Path,
    prev: &Manifest,
    planned: &BTreeSet<String>,
    planned_dirs: &BTreeSet<String>,
) -> Vec<String> {
    let stale_file = |p: &String| prev.files.contains(p) && !planned.contains(p);
    let mut foreign: Vec<String> = Vec::new();
    for p in planned {
        let free = match manifest::entry(dir, p) {
            // Something on the way: reported for the folder it blocks.
            Entry::Missing | Entry::Blocked => true,
            Entry::File => prev.files.contains(p),
            // One of ours that empties once its stale files are gone.
            Entry::Dir => prev.dirs.contains(p) && only_stale_below(dir, p, prev, planned),
            Entry::Other => false,
        };
        if !free {
            foreign.push(p.clone());
        }
    }
    for d in planned_dirs {
        let free = match manifest::entry(dir, d) {
            Entry::Missing | Entry::Blocked | Entry::Dir => true,
            Entry::File => stale_file(d),
            Entry::Other => false,
        };
        if !free {
            foreign.push(d.clone());
        }
    }
    foreign.sort();
    foreign
}

/// Everything under `dir/sub` is a stale file or folder of `prev`.
fn only_stale_below(dir: &Path, sub: &str, prev: &Manifest, planned: &BTreeSet<String>) -> bool {
    walkdir::WalkDir::new(dir.join(sub))
        .min_depth(1)
        .into_iter()
        .all(|e| {
            let Ok(e) = e else { return false };
            let Ok(rel) = e.path().strip_prefix(dir) else {
                return false;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let t = e.file_type();
            (t.is_file() && prev.files.contains(&rel) && !planned.contains(&rel))
                || (t.is_dir() && prev.dirs.contains(&rel))
        })
}

impl Written {
    /// Brings the folder up to date file by file (`serve --out`): writes
    /// `changed` (each staged, then renamed over its old version, so a
    /// reader never sees half a file) and deletes `removed`, both only
    /// where sopkb wrote: a changed file whose path holds a file of others
    /// is skipped and reported. Paths are relative, `/`-separated.
    pub(crate) fn update<'a>(
        &mut self,
        changed: impl IntoIterator<Item = (&'a str, &'a [u8])>,
        removed: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), OutputError> {
        let dir = self.dir.clone();
        let shown = self.shown.clone();
        let err = |e: io::Error| OutputError::io(&shown, e);
        let mut foreign = Vec::new();
        let mut writes: Vec<(&str, &[u8])> = Vec::new();
        for (rel, bytes) in changed {
            let parents = Manifest::parents([rel]);
            let ours = |p: &str, e: Entry| match e {
                Entry::Missing => true,
                Entry::File => self.manifest.files.contains(p),
                _ => false,
            };
            let blocked = !manifest::valid_rel(rel)
                || manifest::is_reserved(rel)
                || !ours(rel, manifest::entry(&dir, rel))
                || parents
                    .iter()
                    .any(|d| !matches!(manifest::entry(&dir, d), Entry::Missing | Entry::Dir));
            if blocked {
                foreign.push(rel.to_owned());
            } else {
                writes.push((rel, bytes));
            }
        }
        let removed: Vec<String> = removed
            .into_iter()
            .filter(|r| self.manifest.files.contains(*r))
            .map(str::to_owned)
            .collect();
        let new_dirs: BTreeSet<String> = Manifest::parents(writes.iter().map(|(r, _)| *r))
            .into_iter()
            .filter(|d| manifest::entry(&dir, d) == Entry::Missing)
            .collect();
        if !writes.is_empty() || !removed.is_empty() {
            let tmp = recover::staging_inside(&dir, std::process::id());
            make_staging(&tmp).map_err(err)?;
            let result = self.apply(&tmp, &writes, &removed, new_dirs);
            let _ = remove_tree(&tmp);
            result.map_err(err)?;
        }
        if foreign.is_empty() {
            return Ok(());
        }
        Err(OutputError::Foreign {
            out: self.shown.clone(),
            total: foreign.len(),
            paths: foreign.into_iter().take(5).collect(),
        })
    }

    fn apply(
        &mut self,
        tmp: &Path,
        writes: &[(&str, &[u8])],
        removed: &[String],
        new_dirs: BTreeSet<String>,
    ) -> io::Result<()> {
        let dir = &self.dir;
        let m = &mut self.manifest;
        m.files.extend(writes.iter().map(|(r, _)| r.to_string()));
        m.dirs.extend(new_dirs.iter().cloned());
        put_manifest(tmp, dir, m)?;
        for d in &new_dirs {
            std::fs::create_dir_all(dir.join(d))?;
        }
        for (i, (rel, bytes)) in writes.iter().enumerate() {
            let staged = tmp.join(i.to_string());
            std::fs::write(&staged, bytes)?;
            std::fs::rename(&staged, dir.join(rel))?;
        }
        for rel in removed {
            m.files.remove(rel);
        }
        let used = Manifest::parents(&m.files);
        let empty: Vec<String> = Manifest::parents(removed)
            .into_iter()
            .filter(|d| m.dirs.contains(d) && !used.contains(d))
            .collect();
        manifest::remove_listed(dir, removed, empty.iter())?;
        for d in &empty {
            if manifest::entry(dir, d) == Entry::Missing {
                m.dirs.remove(d);
            }
        }
        put_manifest(tmp, dir, m)
    }
}

/// Writes `m` in the staging folder `tmp`, then renames it over the
/// manifest of `dir` (never half a manifest).
fn put_manifest(tmp: &Path, dir: &Path, m: &Manifest) -> io::Result<()> {
    let staged = tmp.join(MANIFEST);
    std::fs::write(&staged, m.render())?;
    std::fs::rename(&staged, dir.join(MANIFEST))
}

/// Output path -> where its bytes come from, for the files not `put` yet;
/// rendered files win over static ones of the same path. A `put` file is
/// in `files` as an empty placeholder (for the sitemap) unless a later
/// stage replaced it.
fn plan<'a>(
    files: &'a Files,
    statics: &'a [(PathBuf, PathBuf)],
    written: &BTreeMap<String, bool>,
) -> BTreeMap<String, Source<'a>> {
    let mut plan: BTreeMap<String, Source> = statics
        .iter()
        .map(|(src, rel)| {
            let key = rel.to_string_lossy().replace('\\', "/");
            (key, Source::Copy(src.as_path()))
        })
        .filter(|(key, _)| !written.contains_key(key))
        .collect();
    for (rel, bytes) in files {
        if !(bytes.is_empty() && written.contains_key(rel)) {
            plan.insert(rel.clone(), Source::Bytes(bytes));
        }
    }
    plan
}

enum Source<'a> {
    Bytes(&'a [u8]),
    /// A `static/` file, copied.
    Copy(&'a Path),
}

/// Whether `path` is a regular file (never a symlink) holding `bytes`.
fn same_file_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|b| b == bytes)
        }
        _ => false,
    }
}

/// Runs `work` on a pool of threads for file-system work, more than cores:
/// creating and deleting files mostly waits on the disk (on a disk mounted
/// with online `discard`, every freed block is a synchronous TRIM), and
/// waits overlap. When no thread can be started (a memory or process
/// limit), the calling thread does the work alone: slower, never a panic.
fn on_io_pool<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    let threads = std::env::var("SOPKB_IO_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// `remove_dir_all`, in parallel: files first, then folders deepest first.
/// Never follows symlinks (they are removed as links). Only for folders
/// that are provably sopkb's (staging folders).
fn remove_tree(dir: &Path) -> io::Result<()> {
    let Some((files, levels)) = walk(dir)? else {
        return Ok(());
    };
    let gone = |r: io::Result<()>| match r {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    };
    let result = on_io_pool(|| {
        files
            .par_iter()
            .try_for_each(|(f, _)| gone(std::fs::remove_file(f)))?;
        for level in levels.iter().rev() {
            level
                .par_iter()
                .try_for_each(|d| gone(std::fs::remove_dir(d)))?;
        }
        gone(std::fs::remove_dir(dir))
    });
    // Whatever is left (an entry created meanwhile), the plain way.
    result.or_else(|_| std::fs::remove_dir_all(dir))
}

/// Deletes, in parallel, the plain files under `dir` that `m` lists (and
/// the manifest), then the listed folders that are empty, deepest first,
/// then `dir` if empty: a previous site moved aside. One walk, no link
/// followed; anything unlisted stays.
fn remove_site(dir: &Path, m: &Manifest) -> io::Result<()> {
    let Some((files, levels)) = walk(dir)? else {
        return Ok(());
    };
    let rel = |p: &Path| {
        p.strip_prefix(dir)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default()
    };
    on_io_pool(|| {
        files.par_iter().try_for_each(|(f, is_file)| {
            let r = rel(f);
            if !*is_file || !(m.files.contains(&r) || r == MANIFEST) {
                return Ok(());
            }
            match std::fs::remove_file(f) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        })?;
        for level in levels.iter().rev() {
            level.par_iter().for_each(|d| {
                if m.dirs.contains(&rel(d)) {
                    let _ = std::fs::remove_dir(d); // kept when not empty
                }
            });
        }
        Ok::<(), io::Error>(())
    })?;
    let _ = std::fs::remove_dir(dir);
    Ok(())
}

/// Everything under `dir`, links not followed: non-folders (with whether
/// each is a plain file) and folders by depth; `None` if `dir` is gone.
#[allow(clippy::type_complexity)]
fn walk(dir: &Path) -> io::Result<Option<(Vec<(PathBuf, bool)>, Vec<Vec<PathBuf>>)>> {
    let mut files = Vec::new();
    let mut levels: Vec<Vec<PathBuf>> = Vec::new();
    let mut todo = vec![(dir.to_path_buf(), 0usize)];
    while let Some((d, depth)) = todo.pop() {
        let entries = match std::fs::read_dir(&d) {
            Err(e) if e.kind() == io::ErrorKind::NotFound && d == dir => return Ok(None),
            r => r?,
        };
        for entry in entries {
            let entry = entry?;
            let t = entry.file_type()?;
            if t.is_dir() {
                if levels.len() <= depth {
                    levels.resize_with(depth + 1, Vec::new);
                }
                levels[depth].push(entry.path());
                todo.push((entry.path(), depth + 1));
            } else {
                files.push((entry.path(), t.is_file()));
            }
        }
    }
    Ok(Some((files, levels)))
}

/// Moves the old site aside, moves the new one in, then deletes the old
/// one (what its manifest lists). Not interruptible: a signal is looked at
/// after it.
fn swap(tmp: &Path, out: &Path, old: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(tmp, out);
    }
    if std::fs::symlink_metadata(old).is_ok() {
        recover::remove_ours(old)?;
    }
    std::fs::rename(out, old)?;
    interrupt::test_pause(interrupt::Pause::InSwap);
    if let Err(e) = std::fs::rename(tmp, out) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(old, out);
        return Err(e);
    }
    recover::remove_ours(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_previous_site_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = Files::new();
        files.insert("a/index.html".into(), b"1".to_vec());
        files.insert("stale.html".into(), b"x".to_vec());
        write_site(&out, &files, &[]).unwrap();
        files.remove("stale.html");
        files.insert("a/index.html".into(), b"2".to_vec());
        write_site(&out, &files, &[]).unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"2");
        assert!(!out.join("stale.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_from_the_previous_site_and_changed_ones_written() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = Files::new();
        files.insert("same/index.html".into(), b"same".to_vec());
        files.insert("edit/index.html".into(), b"old".to_vec());
        write_site(&out, &files, &[]).unwrap();
        let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
        let (same, edit) = (inode("same/index.html"), inode("edit/index.html"));
        files.insert("edit/index.html".into(), b"new".to_vec());
        write_site(&out, &files, &[]).unwrap();
        assert_eq!(inode("same/index.html"), same, "unchanged: the same file");
        assert_ne!(inode("edit/index.html"), edit, "changed: a new file");
        assert_eq!(std::fs::read(out.join("edit/index.html")).unwrap(), b"new");
        // The previous site is gone: the kept file has one link again.
        let links = std::fs::metadata(out.join("same/index.html"))
            .unwrap()
            .nlink();
        assert_eq!(links, 1);
    }

    #[test]
    fn files_put_while_rendering_are_kept_and_rendered_files_win_over_static_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("page.html"), b"static").unwrap();
        let out = dir.path().join("public");
        let staging = Target::open(&out, false).unwrap().begin().unwrap();
        staging.put("a/b/index.html", b"early").unwrap();
        let mut files = Files::new();
        // A placeholder of a page already put, and a late file.
        files.insert("a/b/index.html".into(), Vec::new());
        files.insert("page.html".into(), b"rendered".to_vec());
        let statics = [(dir.path().join("page.html"), PathBuf::from("page.html"))];
        staging.commit(&files, &statics).unwrap();
        assert_eq!(std::fs::read(out.join("a/b/index.html")).unwrap(), b"early");
        assert_eq!(std::fs::read(out.join("page.html")).unwrap(), b"rendered");
    }

    #[test]
    fn an_unfinished_build_leaves_the_previous_site_and_no_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = Files::new();
        files.insert("index.html".into(), b"v1".to_vec());
        write_site(&out, &files, &[]).unwrap();
        let staging = Target::open(&out, false).unwrap().begin().unwrap();
        staging.put("index.html", b"v2").unwrap();
        drop(staging); // the build failed before its commit
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"v1");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    fn site(pairs: &[(&str, &str)]) -> Files {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    fn manifest_lines(out: &Path) -> Vec<String> {
        std::fs::read_to_string(out.join(MANIFEST))
            .unwrap()
            .lines()
            .skip(1)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn the_manifest_lists_every_file_and_folder_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let statics = [(dir.path().join("s.css"), PathBuf::from("css/s.css"))];
        std::fs::write(&statics[0].0, "css").unwrap();
        write_site(
            &out,
            &site(&[("a/b/index.html", "1"), ("x.html", "2")]),
            &statics,
        )
        .unwrap();
        assert_eq!(
            manifest_lines(&out),
            [
                "a/",
                "a/b/",
                "a/b/index.html",
                "css/",
                "css/s.css",
                "x.html"
            ]
        );
    }

    #[test]
    fn a_non_empty_folder_without_manifest_is_refused_unless_forced_and_its_files_stay() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("docs")).unwrap();
        std::fs::write(out.join("docs/upload.pdf"), "pdf").unwrap();
        let refused = Target::open(&out, false).unwrap_err();
        assert!(
            matches!(refused, OutputError::NotEmpty { .. }),
            "{refused:?}"
        );
        let files = site(&[("index.html", "v1"), ("docs/index.html", "d")]);
        Target::open(&out, true)
            .unwrap()
            .begin()
            .unwrap()
            .commit(&files, &[])
            .unwrap();
        assert_eq!(std::fs::read(out.join("docs/upload.pdf")).unwrap(), b"pdf");
        assert_eq!(
            manifest_lines(&out),
            ["docs/index.html", "index.html"],
            "docs/ is not ours"
        );
        // Next build: no --force needed; stale files of ours go, the foreign one stays.
        write_site(&out, &site(&[("index.html", "v2")]), &[]).unwrap();
        assert!(!out.join("docs/index.html").exists());
        assert_eq!(std::fs::read(out.join("docs/upload.pdf")).unwrap(), b"pdf");
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"v2");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
        assert_eq!(
            common_entries(&out),
            [".sopkb-manifest", "docs", "index.html"]
        );
    }

    fn common_entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_file_of_others_in_the_way_refuses_the_commit_before_anything_changes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("robots.txt"), "mine").unwrap();
        std::fs::write(out.join("keep.txt"), "k").unwrap();
        let files = site(&[("index.html", "i"), ("robots.txt", "generated")]);
        let err = Target::open(&out, true)
            .unwrap()
            .begin()
            .unwrap()
            .commit(&files, &[])
            .unwrap_err();
        match &err {
            OutputError::Foreign { paths, total, .. } => {
                assert_eq!(
                    (paths.as_slice(), *total),
                    (&["robots.txt".to_string()][..], 1)
                );
            }
            e => panic!("{e:?}"),
        }
        assert_eq!(std::fs::read(out.join("robots.txt")).unwrap(), b"mine");
        assert_eq!(
            common_entries(&out),
            ["keep.txt", "robots.txt"],
            "nothing written, no staging left"
        );
        assert!(err.message(crate::diag::Lang::En).contains("robots.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_output_folder_is_written_through_and_keeps_its_identity() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("www");
        std::fs::create_dir(&target).unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o750)).unwrap();
        std::fs::write(target.join("upload.pdf"), "pdf").unwrap();
        let out = dir.path().join("public");
        std::os::unix::fs::symlink(&target, &out).unwrap();
        let before = std::fs::metadata(&target).unwrap();
        let first = site(&[("index.html", "1"), ("old/index.html", "o")]);
        Target::open(&out, true)
            .unwrap()
            .begin()
            .unwrap()
            .commit(&first, &[])
            .unwrap();
        write_site(&out, &site(&[("index.html", "2")]), &[]).unwrap();
        let after = std::fs::metadata(&target).unwrap();
        assert_eq!((before.ino(), before.mode()), (after.ino(), after.mode()));
        assert!(std::fs::symlink_metadata(&out)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"2");
        assert!(!target.join("old").exists(), "a stale folder of ours goes");
        assert_eq!(std::fs::read(target.join("upload.pdf")).unwrap(), b"pdf");
        assert_eq!(
            common_entries(&target),
            [".sopkb-manifest", "index.html", "upload.pdf"]
        );
    }

    #[test]
    fn a_reserved_or_escaping_static_name_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let src = dir.path().join("x");
        std::fs::write(&src, "x").unwrap();
        for name in [".sopkb-manifest", "../escape", ".sopkb-tmp-1/x"] {
            let statics = [(src.clone(), PathBuf::from(name))];
            let err = write_site(&out, &site(&[("index.html", "i")]), &statics).unwrap_err();
            assert!(
                matches!(err, OutputError::Reserved { .. }),
                "{name}: {err:?}"
            );
        }
        assert!(!dir.path().join("escape").exists());
        assert_eq!(common_entries(dir.path()), ["x"]);
    }

    #[test]
    fn updates_write_and_delete_only_what_sopkb_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut w = write_site(
            &out,
            &site(&[("index.html", "1"), ("a/b/page.html", "p")]),
            &[],
        )
        .unwrap();
        std::fs::write(out.join("theirs.txt"), "t").unwrap();
        std::fs::write(out.join("a/theirs.txt"), "t").unwrap();
        let err = w
            .update(
                [("theirs.txt", &b"x"[..]), ("new/page.html", &b"n"[..])],
                ["a/b/page.html", "a/theirs.txt"],
            )
            .unwrap_err();
        assert!(matches!(err, OutputError::Foreign { .. }), "{err:?}");
        assert_eq!(std::fs::read(out.join("theirs.txt")).unwrap(), b"t");
        assert_eq!(std::fs::read(out.join("a/theirs.txt")).unwrap(), b"t");
        assert_eq!(std::fs::read(out.join("new/page.html")).unwrap(), b"n");
        assert!(!out.join("a/b").exists(), "its emptied folder went");
        assert_eq!(
            manifest_lines(&out),
            ["a/", "index.html", "new/", "new/page.html"]
        );
        assert_eq!(
            common_entries(&out),
            [".sopkb-manifest", "a", "index.html", "new", "theirs.txt"]
        );
    }

    #[test]
    fn a_path_put_twice_never_writes_into_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &site(&[("a.html", "same")]), &[]).unwrap();
        let staging = Target::open(&out, false).unwrap().begin().unwrap();
        staging.put("a.html", b"same").unwrap(); // linked from the previous site
        staging.put("a.html", b"other").unwrap();
        drop(staging); // the build failed
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"same");
    }
}
