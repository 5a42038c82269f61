//! What `sopkb import` reads: the spreadsheet file (through the same size
//! limit as content files) and the names of the existing registry entries.

use std::io;
use std::path::Path;

/// What `read_csv` found.
pub(crate) enum Csv {
    Text(String),
    /// Not UTF-8: the byte offset of the first bad byte.
    NotUtf8(usize),
    /// Over `load::guard::MAX_FILE_BYTES`: the size read.
    TooLarge(u64),
}

/// The CSV as text, or why not.
pub(crate) fn read_csv(path: &Path) -> io::Result<Csv> {
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
pub(crate) fn existing_ids(dir: &Path) -> io::Result<std::collections::BTreeSet<String>> {
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
