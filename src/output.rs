//! Write the rendered site atomically: everything goes into a temporary
//! sibling folder which replaces the previous site only once complete, so a
//! failed build never leaves a half-written or destroyed site.

use crate::render::Files;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `files` (plus the `static/` files) to `out`, replacing it whole.
pub fn write_site(out: &Path, files: &Files, statics: &[(PathBuf, PathBuf)]) -> io::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "output folder has no name"))?
        .to_string_lossy()
        .into_owned();
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let span = crate::timings::span("write files");
    let filled = fill(&tmp, files, statics);
    drop(span);
    let _span = crate::timings::span("write swap");
    let result = filled.and_then(|()| swap(&tmp, out, &old));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

fn fill(tmp: &Path, files: &Files, statics: &[(PathBuf, PathBuf)]) -> io::Result<()> {
    if tmp.exists() {
        std::fs::remove_dir_all(tmp)?;
    }
    std::fs::create_dir_all(tmp)?;
    for (src, rel) in statics {
        let dest = tmp.join(rel);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::copy(src, dest)?;
    }
    for (rel, bytes) in files {
        let dest = tmp.join(rel);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(dest, bytes)?;
    }
    Ok(())
}

/// Moves the old site aside, moves the new one in, then deletes the old one.
fn swap(tmp: &Path, out: &Path, old: &Path) -> io::Result<()> {
    if out.exists() {
        if old.exists() {
            std::fs::remove_dir_all(old)?;
        }
        std::fs::rename(out, old)?;
        if let Err(e) = std::fs::rename(tmp, out) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(old, out);
            return Err(e);
        }
        std::fs::remove_dir_all(old)?;
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
}
