//! The import command's own disk access, kept apart from the pure stages:
//! reading the spreadsheet file, listing entry files, and writing all new
//! entries or none (each goes to a temporary file first, then is renamed).

use std::io;
use std::path::{Path, PathBuf};

/// What `read_csv` found.
pub enum Csv {
    Text(String),
    /// Not UTF-8: the byte offset of the first bad byte.
    NotUtf8(usize),
    /// Over `load::guard::MAX_FILE_BYTES`: the size read.
    TooLarge(u64),
}

/// The CSV as text, or why not.
pub fn read_csv(path: &Path) -> io::Result<Csv> {
    let bytes = match crate::load::guard::read_limited(path)? {
        crate::load::guard::Limited::Bytes(b) => b,
        crate::load::guard::Limited::TooLarge(len) => return Ok(Csv::TooLarge(len)),
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(t) => Csv::Text(t.to_owned()),
        Err(e) => Csv::NotUtf8(e.valid_up_to()),
    })
}

/// Ids of `content/kerja-sama/*.md` files, whether they parse or not.
pub fn existing_ids(dir: &Path) -> io::Result<std::collections::BTreeSet<String>> {
    let mut ids = std::collections::BTreeSet::new();
    if !dir.is_dir() {
        return Ok(ids);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "md") {
            if let Some(stem) = path.file_stem() {
                ids.insert(stem.to_string_lossy().into_owned());
            }
        }
    }
    Ok(ids)
}

/// Writes `files` (name -> text) into `dir`: all are first written to
/// temporary files, then renamed into place; on any failure the temporary
/// files are removed and nothing is renamed.
pub fn write_all(dir: &Path, files: &[(String, String)]) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let pid = std::process::id();
    let mut temps = Vec::new();
    let result = (|| {
        for (name, text) in files {
            let tmp = dir.join(format!(".{name}.tmp-{pid}"));
            temps.push((tmp.clone(), dir.join(name)));
            std::fs::write(&tmp, text)?;
        }
        Ok::<(), io::Error>(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &temps {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    let mut done = Vec::new();
    for (tmp, dest) in temps {
        std::fs::rename(&tmp, &dest)?;
        done.push(dest);
    }
    Ok(done)
}
