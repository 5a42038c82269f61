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
    let result = fill(&tmp, files, statics).and_then(|()| swap(&tmp, out, &old));
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
