//! The shipped index format and a read-only tantivy `Directory` over it.
//!
//! Format (`search/index/` of a built site): `manifest.json` lists the tantivy
//! files packed end to end in sorted name order; the pack is cut into
//! `chunk-00000.bin`, `chunk-00001.bin`, ... of `chunk_size` bytes (the last
//! one shorter). A reader fetches only the chunks holding the byte ranges
//! tantivy asks for, through a caller-supplied fetcher (disk natively, HTTP in
//! the browser), and keeps every fetched chunk.

use crate::synonyms::Synonyms;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// The manifest's format version.
pub const FORMAT_VERSION: u32 = 1;
/// Bytes per chunk. 4 KiB, with 4 KiB store blocks: on a 1,000-page site a
/// 10-hit query reads ~146 KB (8 KiB: ~205 KB, 16 KiB: ~350 KB, 64 KiB: ~980 KB)
/// at the cost of more, smaller requests (~36 instead of ~22).
pub const CHUNK_SIZE: u64 = 4096;
/// The manifest's name inside the index folder.
pub const MANIFEST: &str = "manifest.json";

/// Chunk file name: `chunk-00042.bin`.
pub fn chunk_name(index: usize) -> String {
    format!("chunk-{index:05}.bin")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackedFile {
    pub name: String,
    pub offset: u64,
    pub len: u64,
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub chunk_size: u64,
    /// Bytes of the whole pack.
    pub total: u64,
    /// Documents in the index.
    pub docs: u64,
    pub files: Vec<PackedFile>,
    pub synonyms: Synonyms,
}

impl Manifest {
    pub fn parse(bytes: &[u8]) -> io::Result<Manifest> {
        let m: Manifest = serde_json::from_slice(bytes)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        if m.version != FORMAT_VERSION {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("unsupported index version {}", m.version),
            ));
        }
        if m.chunk_size == 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "chunk_size 0"));
        }
        Ok(m)
    }

    pub fn chunk_count(&self) -> usize {
        self.total.div_ceil(self.chunk_size) as usize
    }

    pub fn file(&self, name: &str) -> Option<&PackedFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Chunks holding bytes `range` of the pack.
    pub fn chunks_of(&self, range: Range<u64>) -> Range<usize> {
        if range.start >= range.end {
            return 0..0;
        }
        (range.start / self.chunk_size) as usize..range.end.div_ceil(self.chunk_size) as usize
    }
}

/// Fetches chunk `i` of the pack (its whole bytes).
pub type ChunkFetcher = Arc<dyn Fn(usize) -> io::Result<Vec<u8>> + Send + Sync>;

/// Chunks and bytes fetched so far (the manifest not included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadStats {
    pub chunks: usize,
    pub bytes: u64,
}

/// A read-only tantivy directory over a chunked pack; cheap to clone (the
/// chunk cache is shared).
#[derive(Clone)]
pub struct ChunkDirectory {
    inner: Arc<Inner>,
}

struct Inner {
    manifest: Manifest,
    fetch: ChunkFetcher,
    cache: Mutex<BTreeMap<usize, Arc<[u8]>>>,
    stats: Mutex<ReadStats>,
}

impl std::fmt::Debug for ChunkDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ChunkDirectory({} files, {} bytes)",
            self.inner.manifest.files.len(),
            self.inner.manifest.total
        )
    }
}

impl ChunkDirectory {
    pub fn new(
        manifest: Manifest,
        fetch: impl Fn(usize) -> io::Result<Vec<u8>> + Send + Sync + 'static,
    ) -> ChunkDirectory {
        ChunkDirectory {
            inner: Arc::new(Inner {
                manifest,
                fetch: Arc::new(fetch),
                cache: Mutex::new(BTreeMap::new()),
                stats: Mutex::new(ReadStats::default()),
            }),
        }
    }

    /// Reads a shipped index from a folder on disk (`<site>/search/index`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn open_folder(dir: &Path) -> io::Result<ChunkDirectory> {
        let manifest = Manifest::parse(&std::fs::read(dir.join(MANIFEST))?)?;
        let dir = dir.to_path_buf();
        Ok(ChunkDirectory::new(manifest, move |i| {
            std::fs::read(dir.join(chunk_name(i)))
        }))
    }

    pub fn manifest(&self) -> &Manifest {
        &self.inner.manifest
    }

    pub fn stats(&self) -> ReadStats {
        *self.inner.stats.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Puts a chunk fetched elsewhere (e.g. asynchronously) into the cache.
    pub fn insert_chunk(&self, index: usize, bytes: Vec<u8>) {
        let mut cache = self.inner.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.entry(index).or_insert_with(|| bytes.into());
    }

    /// Indexes of the chunks in the cache, sorted.
    pub fn cached_chunks(&self) -> Vec<usize> {
        let cache = self.inner.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.keys().copied().collect()
    }

    /// Whether chunk `index` is in the cache.
    pub fn has_chunk(&self, index: usize) -> bool {
        let cache = self.inner.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.contains_key(&index)
    }

    fn chunk(&self, index: usize) -> io::Result<Arc<[u8]>> {
        if let Some(c) = self
            .inner
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&index)
        {
            return Ok(c.clone());
        }
        let bytes: Arc<[u8]> = (self.inner.fetch)(index)?.into();
        let m = &self.inner.manifest;
        let want = (m.total - index as u64 * m.chunk_size).min(m.chunk_size);
        if bytes.len() as u64 != want {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{}: {} bytes, expected {want}",
                    chunk_name(index),
                    bytes.len()
                ),
            ));
        }
        {
            let mut s = self.inner.stats.lock().unwrap_or_else(|e| e.into_inner());
            s.chunks += 1;
            s.bytes += bytes.len() as u64;
        }
        let mut cache = self.inner.cache.lock().unwrap_or_else(|e| e.into_inner());
        Ok(cache.entry(index).or_insert(bytes).clone())
    }

    /// Bytes `range` of the pack.
    fn read_pack(&self, range: Range<u64>) -> io::Result<OwnedBytes> {
        let size = self.inner.manifest.chunk_size;
        let chunks = self.inner.manifest.chunks_of(range.clone());
        if chunks.len() == 1 {
            // Within one chunk: share its bytes, no copy.
            let base = chunks.start as u64 * size;
            let c = self.chunk(chunks.start)?;
            let bytes = OwnedBytes::new(c);
            return Ok(bytes.slice((range.start - base) as usize..(range.end - base) as usize));
        }
        let mut out = Vec::with_capacity((range.end - range.start) as usize);
        for i in chunks {
            let c = self.chunk(i)?;
            let base = i as u64 * size;
            let from = range.start.max(base) - base;
            let to = range.end.min(base + c.len() as u64) - base;
            out.extend_from_slice(&c[from as usize..to as usize]);
        }
        Ok(OwnedBytes::new(out))
    }

    fn packed(&self, path: &Path) -> Result<&PackedFile, OpenReadError> {
        path.to_str()
            .and_then(|name| self.inner.manifest.file(name))
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))
    }
}

/// One packed file, read through the directory's chunks.
#[derive(Debug)]
struct ChunkFile {
    dir: ChunkDirectory,
    offset: u64,
    len: usize,
}

impl HasLen for ChunkFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ChunkFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.end > self.len || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("range {range:?} outside a file of {} bytes", self.len),
            ));
        }
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        self.dir
            .read_pack(self.offset + range.start as u64..self.offset + range.end as u64)
    }
}

fn read_only(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("{}: the shipped index is read-only", path.display()),
    )
}

impl Directory for ChunkDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let f = self.packed(path)?;
        Ok(Arc::new(ChunkFile {
            dir: self.clone(),
            offset: f.offset,
            len: f.len as usize,
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.packed(path).is_ok())
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: Arc::new(read_only(path)),
            filepath: PathBuf::from(path),
        })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let f = self.packed(path)?;
        self.read_pack(f.offset..f.offset + f.len)
            .map(|b| b.as_slice().to_vec())
            .map_err(|e| OpenReadError::IoError {
                io_error: Arc::new(e),
                filepath: path.to_path_buf(),
            })
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only(path))
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    /// Nothing writes, so locks are free.
    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _cb: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(total: usize, chunk: u64) -> (Manifest, Vec<u8>) {
        let data: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();
        let m = Manifest {
            version: FORMAT_VERSION,
            chunk_size: chunk,
            total: total as u64,
            docs: 0,
            files: vec![
                PackedFile {
                    name: "a".into(),
                    offset: 0,
                    len: 10,
                },
                PackedFile {
                    name: "b".into(),
                    offset: 10,
                    len: total as u64 - 10,
                },
            ],
            synonyms: Synonyms::new(),
        };
        (m, data)
    }

    fn dir(total: usize, chunk: u64) -> (ChunkDirectory, Vec<u8>) {
        let (m, data) = pack(total, chunk);
        let d = data.clone();
        let dir = ChunkDirectory::new(m, move |i| {
            let s = i * chunk as usize;
            Ok(d[s..(s + chunk as usize).min(d.len())].to_vec())
        });
        (dir, data)
    }

    #[test]
    fn reads_ranges_across_chunk_boundaries() {
        let (dir, data) = dir(100, 16);
        let f = dir.open_read(Path::new("b")).unwrap();
        assert_eq!(f.len(), 90);
        let got = f.slice(5..60).read_bytes().unwrap();
        assert_eq!(got.as_slice(), &data[15..70]);
        assert_eq!(dir.atomic_read(Path::new("a")).unwrap(), &data[..10]);
    }

    #[test]
    fn fetches_only_the_chunks_it_needs_and_once() {
        let (dir, _) = dir(100, 16);
        let f = dir.open_read(Path::new("b")).unwrap();
        f.slice(0..4).read_bytes().unwrap(); // pack bytes 10..14: chunk 0
        f.slice(2..4).read_bytes().unwrap();
        assert_eq!(
            dir.stats(),
            ReadStats {
                chunks: 1,
                bytes: 16
            }
        );
        f.slice(80..90).read_bytes().unwrap(); // pack 90..100: chunks 5, 6
        assert_eq!(
            dir.stats(),
            ReadStats {
                chunks: 3,
                bytes: 16 + 16 + 4
            }
        );
    }

    #[test]
    fn rejects_a_chunk_of_the_wrong_size() {
        let (m, _) = pack(100, 16);
        let dir = ChunkDirectory::new(m, |_| Ok(vec![0; 3]));
        assert!(dir.atomic_read(Path::new("a")).is_err());
    }

    #[test]
    fn is_read_only_and_reports_missing_files() {
        let (dir, _) = dir(100, 16);
        assert!(dir.atomic_write(Path::new("meta.json"), b"{}").is_err());
        assert!(matches!(
            dir.open_read(Path::new("nope")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
        assert!(dir.exists(Path::new("a")).unwrap());
    }

    #[test]
    fn counts_chunks_of_a_range() {
        let (m, _) = pack(100, 16);
        assert_eq!(m.chunk_count(), 7);
        assert_eq!(m.chunks_of(0..16), 0..1);
        assert_eq!(m.chunks_of(15..17), 0..2);
        assert_eq!(m.chunks_of(5..5), 0..0);
    }
}
