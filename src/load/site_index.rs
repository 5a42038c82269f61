//! The search index of a built site, for `sopkb search`: the manifest is
//! read and every pack file's length checked here; the chunks themselves
//! are read on demand while searching (`ChunkDirectory`: bounded reads at
//! their offsets in the pack files, adjacent chunks of one read together),
//! so `--stats` counts what a cold browser would download.

use crate::diag::{Lang, Text};
use crate::tr;
use sopkb_search::chunk::MANIFEST;
use sopkb_search::{ChunkDirectory, IndexError};
use std::io;
use std::path::{Path, PathBuf};

/// An opened index: its chunks are read from the packs when a search needs them.
pub(crate) struct SiteIndex {
    pub(crate) dir: ChunkDirectory,
    /// Size of `manifest.json` (read whole when opening).
    pub(crate) manifest_len: u64,
}

/// Why an index cannot be used.
#[derive(Debug)]
pub(crate) enum SiteIndexError {
    /// The manifest cannot be read: no index there (not built yet?).
    Unreadable {
        manifest: PathBuf,
        source: io::Error,
    },
    /// The files in `dir` are no index sopkb wrote: damaged, or from
    /// another version (found when opening, or by a read while searching).
    Damaged { dir: PathBuf, source: IndexError },
}

impl SiteIndexError {
    pub(crate) fn text(&self) -> Text {
        match self {
            SiteIndexError::Unreadable { manifest, source } => tr!(
                "{}: indeks pencarian tidak terbaca ({}); jalankan `sopkb build` dahulu",
                "{}: cannot read the search index ({}); run `sopkb build` first",
                manifest.display(),
                source
            ),
            SiteIndexError::Damaged { dir, source } => {
                let file = dir.join(&source.file);
                Text::new(
                    format!(
                        "{}: {}; indeks pencarian rusak atau dari versi lain: bangun ulang dengan `sopkb build`",
                        file.display(),
                        source.indonesian()
                    ),
                    format!(
                        "{}: {}; the search index is damaged or from another version: rebuild it with `sopkb build`",
                        file.display(),
                        source.english()
                    ),
                )
            }
        }
    }
}

impl std::fmt::Display for SiteIndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().get(Lang::from_env(Lang::Id)))
    }
}

impl std::error::Error for SiteIndexError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SiteIndexError::Unreadable { source, .. } => Some(source),
            SiteIndexError::Damaged { source, .. } => Some(source),
        }
    }
}

/// Opens the index in `dir` (a site's `search/index/`).
pub(crate) fn open(dir: &Path) -> Result<SiteIndex, SiteIndexError> {
    let manifest = dir.join(MANIFEST);
    let manifest_len = match std::fs::metadata(&manifest) {
        Ok(m) => m.len(),
        Err(source) => return Err(SiteIndexError::Unreadable { manifest, source }),
    };
    let chunks = ChunkDirectory::open_folder(dir).map_err(|source| SiteIndexError::Damaged {
        dir: dir.to_path_buf(),
        source,
    })?;
    Ok(SiteIndex {
        dir: chunks,
        manifest_len,
    })
}
