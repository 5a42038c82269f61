//! Write the rendered site atomically: everything goes into a temporary
//! sibling folder which replaces the previous site only once complete, so a
//! failed build never leaves a half-written or destroyed site.

use crate::render::Files;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Writes `files` (plus the `static/` files) to `out`, replacing it whole.
pub fn write_site(out: &Path, files: &Files, statics: &[(PathBuf, PathBuf)]) -> io::Result<()> {
    Staging::begin(out)?.commit(files, statics)
}

/// A site being written: a temporary sibling folder of `out` that replaces
/// it whole on `commit`. Pages can be `put` from many threads while the
/// rest is still rendering (so `build` never holds every page in memory);
/// the remaining files come with `commit`. Dropped without a commit, the
/// temporary folder is removed and `out` is left as it was.
///
/// A file whose bytes equal those of the same path in the previous site is
/// hard-linked from it instead of written: no new inode or data blocks, and
/// deleting the previous site afterwards frees nothing for it (on a disk
/// mounted with online `discard`, creating and freeing files dominated the
/// build).
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// The previous site, if any.
    prev: Option<PathBuf>,
    /// Paths `put` so far.
    written: Mutex<BTreeSet<String>>,
    committed: bool,
}

impl Staging {
    pub fn begin(out: &Path) -> io::Result<Staging> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "output folder has no name")
            })?
            .to_string_lossy()
            .into_owned();
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.tmp-{pid}"));
        if tmp.exists() {
            remove_tree(&tmp)?;
        }
        std::fs::create_dir_all(&tmp)?;
        Ok(Staging {
            out: out.to_path_buf(),
            old: parent.join(format!(".{name}.old-{pid}")),
            prev: out.is_dir().then(|| out.to_path_buf()),
            tmp,
            written: Mutex::new(BTreeSet::new()),
            committed: false,
        })
    }

    /// Writes one file now (any thread).
    pub fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if let Some((dir, _)) = rel.rsplit_once('/') {
            std::fs::create_dir_all(self.tmp.join(dir))?;
        }
        place(&self.tmp, self.prev.as_deref(), rel, &Source::Bytes(bytes))?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned());
        Ok(())
    }

    /// Writes `files` and the `static/` files (except paths already `put`:
    /// a rendered file wins over a static one) and swaps the site in.
    pub fn commit(mut self, files: &Files, statics: &[(PathBuf, PathBuf)]) -> io::Result<()> {
        let span = crate::timings::span("write files");
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        fill(&self.tmp, self.prev.as_deref(), files, statics, &written)?;
        drop(span);
        let _span = crate::timings::span("write swap");
        swap(&self.tmp, &self.out, &self.old)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        Staging::put(self, path, bytes).map_err(|e| format!("{path}: {e}"))
    }
}

/// Fills `tmp` with the files not `written` yet, in parallel.
fn fill(
    tmp: &Path,
    prev: Option<&Path>,
    files: &Files,
    statics: &[(PathBuf, PathBuf)],
    written: &BTreeSet<String>,
) -> io::Result<()> {
    // Output path -> where its bytes come from; rendered files win over
    // static ones of the same path. A `put` file is in `files` as an empty
    // placeholder (for the sitemap) unless a later stage replaced it.
    let mut plan: BTreeMap<String, Source> = statics
        .iter()
        .map(|(src, rel)| {
            let key = rel.to_string_lossy().replace('\\', "/");
            (key, Source::Copy(src.as_path()))
        })
        .filter(|(key, _)| !written.contains(key))
        .collect();
    for (rel, bytes) in files {
        if !(bytes.is_empty() && written.contains(rel)) {
            plan.insert(rel.clone(), Source::Bytes(bytes));
        }
    }
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
    io_pool().install(|| {
        for level in &levels {
            level
                .par_iter()
                .try_for_each(|d| match std::fs::create_dir(tmp.join(d)) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
                    _ => Ok(()),
                })?;
        }
        plan.par_iter()
            .try_for_each(|(rel, src)| place(tmp, prev, rel, src))
    })
}

enum Source<'a> {
    Bytes(&'a [u8]),
    /// A `static/` file, copied.
    Copy(&'a Path),
}

fn place(tmp: &Path, prev: Option<&Path>, rel: &str, src: &Source) -> io::Result<()> {
    let dest = tmp.join(rel);
    let read;
    let bytes: &[u8] = match src {
        Source::Bytes(b) => b,
        Source::Copy(p) => {
            read = std::fs::read(p)?;
            &read
        }
    };
    if let Some(prev) = prev.map(|p| p.join(rel)) {
        if same_file_bytes(&prev, bytes) && std::fs::hard_link(&prev, &dest).is_ok() {
            return Ok(());
        }
    }
    std::fs::write(dest, bytes)
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

/// Threads for file-system work, more than cores: creating and deleting
/// files mostly waits on the disk (on a disk mounted with online `discard`,
/// every freed block is a synchronous TRIM), and waits overlap.
fn io_pool() -> rayon::ThreadPool {
    let threads = std::env::var("SOPKB_IO_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|_| {
            rayon::ThreadPoolBuilder::new()
                .build()
                .expect("a thread pool")
        })
}

/// `remove_dir_all`, in parallel: files first, then folders deepest first.
/// Never follows symlinks (they are removed as links).
fn remove_tree(dir: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    let mut levels: Vec<Vec<PathBuf>> = Vec::new();
    let mut todo = vec![(dir.to_path_buf(), 0usize)];
    while let Some((d, depth)) = todo.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                if levels.len() <= depth {
                    levels.resize_with(depth + 1, Vec::new);
                }
                levels[depth].push(entry.path());
                todo.push((entry.path(), depth + 1));
            } else {
                files.push(entry.path());
            }
        }
    }
    let gone = |r: io::Result<()>| match r {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    };
    let result = io_pool().install(|| {
        files
            .par_iter()
            .try_for_each(|f| gone(std::fs::remove_file(f)))?;
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

/// Moves the old site aside, moves the new one in, then deletes the old one.
fn swap(tmp: &Path, out: &Path, old: &Path) -> io::Result<()> {
    if out.exists() {
        if old.exists() {
            remove_tree(old)?;
        }
        std::fs::rename(out, old)?;
        if let Err(e) = std::fs::rename(tmp, out) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(old, out);
            return Err(e);
        }
        remove_tree(old)?;
    } else {
        std::fs::rename(tmp, out)?;
    }
    Ok(())
}

/// Brings an existing site folder up to date file by file (`serve --out`):
/// writes `changed` (each through a temporary file renamed into place, so a
/// reader never sees half a file) and deletes `removed` and the folders it
/// empties. Paths are relative, `/`-separated, as in `Files`.
pub fn update_files<'a>(
    out: &Path,
    changed: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    removed: impl IntoIterator<Item = &'a str>,
) -> io::Result<()> {
    for (rel, bytes) in changed {
        let dest = out.join(rel);
        let dir = dest.parent().unwrap_or(out);
        std::fs::create_dir_all(dir)?;
        let name = dest.file_name().unwrap_or_default().to_string_lossy();
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &dest)?;
    }
    for rel in removed {
        let dest = out.join(rel);
        match std::fs::remove_file(&dest) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut dir = dest.parent();
        while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
            if std::fs::remove_dir(d).is_err() {
                break; // not empty
            }
            dir = d.parent();
        }
    }
    Ok(())
}

/// Writes a new file (`sopkb new`), creating its folders; never overwrites:
/// an existing file is an `AlreadyExists` error.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
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
        let staging = Staging::begin(&out).unwrap();
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
        let staging = Staging::begin(&out).unwrap();
        staging.put("index.html", b"v2").unwrap();
        drop(staging); // the build failed before its commit
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"v1");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }
}
