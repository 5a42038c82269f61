//! The shipped index format and a read-only tantivy `Directory` over it.
//!
//! Format (`search/index/` of a built site), version 3: `manifest.json` lists
//! the tantivy files packed end to end in sorted name order; that byte
//! stream is cut into chunks of `chunk_size` bytes (the last one shorter),
//! each sealed with a 4-byte tag: the CRC-32 (little-endian) of the
//! manifest's key, the chunk's index and its bytes ([`chunk_tag`]). The
//! sealed chunks are shipped back to back in pack files of `pack_chunks`
//! chunks each (the last one fewer): `pack-00000.bin`, `pack-00001.bin`, ...
//! so chunk `i` is in pack `i / pack_chunks` at byte
//! `(i % pack_chunks) * (chunk_size + 4)`. A reader fetches byte ranges of a
//! pack (HTTP `Range` in the browser, a bounded read natively), the chunks
//! wanted by one read in one range when adjacent; a host that ignores
//! `Range` sends the whole pack, whose chunks are all kept.
//!
//! The key is the CRC-32 of the manifest as serialized, which holds the
//! CRC-32 of the whole stream: a chunk damaged, truncated, moved, in a
//! renamed pack or left over from another build fails its tag before
//! tantivy reads a byte of it, and so does every chunk under a damaged
//! manifest. The tag rides in the pack (not in the manifest): a browser
//! downloads 4 bytes per chunk it reads instead of a list as long as the
//! index.
//!
//! A reader fetches only the chunks holding the byte ranges tantivy asks for,
//! through a caller-supplied fetcher (disk natively, HTTP in the browser),
//! and keeps every fetched chunk. Every number of a manifest is checked
//! ([`Manifest::validate`]) and every offset computed with checked
//! arithmetic: a damaged index is an [`IndexError`] naming the file, never a
//! panic or an allocation sized by a corrupt number. The tags detect damage,
//! not forgery: whoever writes the index can recompute them.

pub use crate::error::{IndexError, Problem};
use crate::synonyms::Synonyms;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

mod joined;

/// The manifest's format version (3: tagged chunks in pack files).
pub const FORMAT_VERSION: u32 = 3;
/// Bytes per chunk. 4 KiB, with 4 KiB store blocks: on a 1,000-page site a
/// 10-hit query reads ~146 KB (8 KiB: ~205 KB, 16 KiB: ~350 KB, 64 KiB: ~980 KB)
/// at the cost of more, smaller reads.
pub const CHUNK_SIZE: u64 = 4096;
/// Chunks per pack file: 256 (~1 MiB). The count of files stays small (a
/// 10,000-page index: ~60 packs instead of ~15,000 chunk files), and a host
/// that ignores `Range` costs at most 1 MiB per pack a query touches.
pub const PACK_CHUNKS: u64 = 256;
/// Bytes of the tag after each chunk's bytes.
pub const TAG_LEN: usize = 4;
/// Largest `chunk_size` a reader accepts: a chunk is read whole into memory.
pub const MAX_CHUNK_SIZE: u64 = 64 << 20;
/// Largest pack file a reader accepts: a host ignoring `Range` sends one whole.
pub const MAX_PACK_BYTES: u64 = 256 << 20;
/// Most chunks an index may have (the browser host passes indexes as u32).
pub const MAX_CHUNKS: u64 = u32::MAX as u64;
/// Largest manifest a reader reads (the shipped one is a few KB of file list
/// and synonyms).
pub const MAX_MANIFEST_BYTES: u64 = 64 << 20;
/// The manifest's name inside the index folder.
pub const MANIFEST: &str = "manifest.json";

/// Pack file name: `pack-00042.bin`.
pub fn pack_name(index: usize) -> String {
    format!("pack-{index:05}.bin")
}

/// The tag of chunk `index` holding `bytes`, under a manifest's `key`.
pub fn chunk_tag(key: u32, index: usize, bytes: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(&key.to_le_bytes());
    h.update(&(index as u64).to_le_bytes());
    h.update(bytes);
    h.finalize()
}

/// Chunk `index` as shipped in its pack: its bytes, then their tag.
pub fn seal_chunk(key: u32, index: usize, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + TAG_LEN);
    out.extend_from_slice(bytes);
    out.extend_from_slice(&chunk_tag(key, index, bytes).to_le_bytes());
    out
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
    /// Chunks per pack file (the last pack may hold fewer).
    pub pack_chunks: u64,
    /// Bytes of the packed index files (tags not counted).
    pub total: u64,
    /// Documents in the index.
    pub docs: u64,
    /// CRC-32 of the packed index files: tells two builds apart in every
    /// chunk's tag (through [`Manifest::key`]).
    pub pack_crc32: u32,
    pub files: Vec<PackedFile>,
    pub synonyms: Synonyms,
}

/// One read of a pack file: chunks `chunks` (all in pack `pack`), which are
/// bytes `bytes` of the pack file (tags included, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkRequest {
    pub pack: usize,
    pub chunks: Range<usize>,
    pub bytes: Range<u64>,
}

impl Manifest {
    /// Parses and validates `manifest.json`.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, IndexError> {
        let bad = |p| IndexError::new(MANIFEST, p);
        if bytes.len() as u64 > MAX_MANIFEST_BYTES {
            return Err(bad(Problem::TooLarge {
                limit: MAX_MANIFEST_BYTES,
            }));
        }
        // The version first: another format may differ in any other field.
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let version = serde_json::from_slice::<Version>(bytes)
            .map_err(|e| bad(Problem::NotManifest(e.to_string())))?;
        if version.version != FORMAT_VERSION {
            return Err(bad(Problem::Version {
                found: version.version,
            }));
        }
        let m: Manifest =
            serde_json::from_slice(bytes).map_err(|e| bad(Problem::NotManifest(e.to_string())))?;
        m.validate()?;
        Ok(m)
    }

    /// Checks what a reader relies on: the version, a chunk size a reader
    /// can hold, packs it can hold whole, a chunk count it can address, and
    /// files in sorted name order tiling the stream exactly (each starts
    /// where the previous ends, the last ends at `total`).
    pub fn validate(&self) -> Result<(), IndexError> {
        let bad = |p| Err(IndexError::new(MANIFEST, p));
        if self.version != FORMAT_VERSION {
            return bad(Problem::Version {
                found: self.version,
            });
        }
        if self.chunk_size == 0 || self.chunk_size > MAX_CHUNK_SIZE {
            return bad(Problem::ChunkSize {
                found: self.chunk_size,
            });
        }
        let pack_bytes = self
            .pack_chunks
            .checked_mul(self.chunk_size + TAG_LEN as u64);
        if self.pack_chunks == 0 || pack_bytes.is_none_or(|b| b > MAX_PACK_BYTES) {
            return bad(Problem::PackSize {
                pack_chunks: self.pack_chunks,
                chunk_size: self.chunk_size,
            });
        }
        if self.total.div_ceil(self.chunk_size) > MAX_CHUNKS {
            return bad(Problem::TooManyChunks {
                total: self.total,
                chunk_size: self.chunk_size,
            });
        }
        let mut end = 0u64;
        let mut previous: Option<&str> = None;
        for f in &self.files {
            if previous.is_some_and(|p| p >= f.name.as_str()) {
                return bad(Problem::Order {
                    name: f.name.clone(),
                });
            }
            if f.offset != end {
                return bad(Problem::Offset {
                    name: f.name.clone(),
                    found: f.offset,
                    expected: end,
                });
            }
            end = match f.offset.checked_add(f.len) {
                Some(e) if e <= self.total => e,
                _ => {
                    return bad(Problem::Outside {
                        name: f.name.clone(),
                        total: self.total,
                    })
                }
            };
            previous = Some(&f.name);
        }
        if end != self.total {
            return bad(Problem::End {
                end,
                total: self.total,
            });
        }
        Ok(())
    }

    /// The key of this manifest's chunk tags: the CRC-32 of its serialized
    /// form (as the writer writes it), so any change to it fails every tag.
    pub fn key(&self) -> u32 {
        // Serializing plain fields and a string map cannot fail; if it did,
        // the key would fail every tag: an error, not a panic.
        crc32fast::hash(&serde_json::to_vec(self).unwrap_or_default())
    }

    pub fn chunk_count(&self) -> usize {
        let n = match self.chunk_size {
            0 => 0,
            size => self.total.div_ceil(size),
        };
        usize::try_from(n).unwrap_or(usize::MAX)
    }

    /// Bytes of chunk `index` (its tag not counted), if the index has it.
    pub fn chunk_len(&self, index: usize) -> Option<u64> {
        let start = (index as u64).checked_mul(self.chunk_size)?;
        (start < self.total).then(|| (self.total - start).min(self.chunk_size))
    }

    /// Bytes of every pack file (tags included): what reading all costs.
    pub fn shipped_bytes(&self) -> u64 {
        self.total
            .saturating_add((self.chunk_count() as u64).saturating_mul(TAG_LEN as u64))
    }

    pub fn pack_count(&self) -> usize {
        match self.pack_chunks {
            0 => 0,
            n => usize::try_from((self.chunk_count() as u64).div_ceil(n)).unwrap_or(usize::MAX),
        }
    }

    /// The pack holding chunk `index`.
    pub fn pack_of(&self, index: usize) -> usize {
        match self.pack_chunks {
            0 => 0,
            n => usize::try_from(index as u64 / n).unwrap_or(usize::MAX),
        }
    }

    /// The chunks of pack `pack` (empty past the last pack).
    pub fn chunks_in_pack(&self, pack: usize) -> Range<usize> {
        let count = self.chunk_count() as u64;
        let index = |n: u64| usize::try_from(n.min(count)).unwrap_or(usize::MAX);
        let start = (pack as u64).saturating_mul(self.pack_chunks);
        index(start)..index(start.saturating_add(self.pack_chunks))
    }

    /// Where chunk `index` starts in its pack file.
    fn offset_in_pack(&self, index: usize) -> u64 {
        let within = match self.pack_chunks {
            0 => 0,
            n => index as u64 % n,
        };
        // Below `pack_chunks * (chunk_size + TAG_LEN)`, validated to fit.
        within.saturating_mul(self.chunk_size + TAG_LEN as u64)
    }

    /// Bytes of pack file `pack` (tags included; 0 past the last pack).
    pub fn pack_len(&self, pack: usize) -> u64 {
        let chunks = self.chunks_in_pack(pack);
        match chunks.clone().last() {
            Some(last) => {
                self.offset_in_pack(last) + self.chunk_len(last).unwrap_or(0) + TAG_LEN as u64
            }
            None => 0,
        }
    }

    /// The reads of pack files fetching `chunks` (sorted, without repeats):
    /// one per run of adjacent chunks in the same pack.
    pub fn requests(&self, chunks: &[usize]) -> Vec<ChunkRequest> {
        let mut out: Vec<ChunkRequest> = Vec::new();
        for &i in chunks {
            let Some(len) = self.chunk_len(i) else {
                continue;
            };
            let pack = self.pack_of(i);
            let start = self.offset_in_pack(i);
            let end = start + len + TAG_LEN as u64;
            match out.last_mut() {
                Some(r) if r.pack == pack && r.chunks.end == i => {
                    r.chunks.end = i + 1;
                    r.bytes.end = end;
                }
                _ => out.push(ChunkRequest {
                    pack,
                    chunks: i..i + 1,
                    bytes: start..end,
                }),
            }
        }
        out
    }

    pub fn file(&self, name: &str) -> Option<&PackedFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Chunks holding bytes `range` of the stream (bytes past `total` are in none).
    pub fn chunks_of(&self, range: Range<u64>) -> Range<usize> {
        let end = range.end.min(self.total);
        if range.start >= end || self.chunk_size == 0 {
            return 0..0;
        }
        let index = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        index(range.start / self.chunk_size)..index(end.div_ceil(self.chunk_size))
    }
}

/// Fetches one read of a pack file: exactly `request.bytes`, or the whole
/// pack file (what a host ignoring `Range` sends).
pub type PackFetcher = Arc<dyn Fn(&ChunkRequest) -> io::Result<Vec<u8>> + Send + Sync>;

/// Reads of pack files so far, the chunks they brought (and kept) and the
/// bytes received (the manifest not included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadStats {
    pub requests: usize,
    pub chunks: usize,
    pub bytes: u64,
}

/// A read-only tantivy directory over a packed index; cheap to clone (the
/// chunk cache is shared).
#[derive(Clone)]
pub struct ChunkDirectory {
    inner: Arc<Inner>,
}

struct Inner {
    manifest: Manifest,
    key: u32,
    fetch: PackFetcher,
    cache: Mutex<BTreeMap<usize, Arc<[u8]>>>,
    stats: Mutex<ReadStats>,
    /// The first damage found: tantivy wraps our errors in its own, this
    /// keeps the precise one for the message.
    damage: Mutex<Option<IndexError>>,
    /// While [`ChunkDirectory::deferring`] runs: the chunks reads wanted and
    /// did not find (they fail instead of fetching).
    deferred: Mutex<Option<BTreeSet<usize>>>,
    /// Reads of several chunks, joined (`joined`).
    joined: Mutex<joined::Joined>,
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

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// An error a tantivy `Directory` returns, carrying `e`.
fn io_error(e: IndexError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

impl ChunkDirectory {
    /// A directory over the index of `manifest` (validated first), reading
    /// pack files through `fetch`.
    pub fn new(
        manifest: Manifest,
        fetch: impl Fn(&ChunkRequest) -> io::Result<Vec<u8>> + Send + Sync + 'static,
    ) -> Result<ChunkDirectory, IndexError> {
        manifest.validate()?;
        Ok(ChunkDirectory {
            inner: Arc::new(Inner {
                key: manifest.key(),
                manifest,
                fetch: Arc::new(fetch),
                cache: Mutex::new(BTreeMap::new()),
                stats: Mutex::new(ReadStats::default()),
                damage: Mutex::new(None),
                deferred: Mutex::new(None),
                joined: Mutex::default(),
            }),
        })
    }

    /// A directory whose reads get each sealed chunk from `chunk(i)` (tests,
    /// benchmarks: the chunks in memory); a read of several chunks is one
    /// request.
    pub fn over_chunks(
        manifest: Manifest,
        chunk: impl Fn(usize) -> io::Result<Vec<u8>> + Send + Sync + 'static,
    ) -> Result<ChunkDirectory, IndexError> {
        ChunkDirectory::new(manifest, move |r| {
            let mut out = Vec::new();
            for i in r.chunks.clone() {
                out.extend_from_slice(&chunk(i)?);
            }
            Ok(out)
        })
    }

    /// Reads a shipped index from a folder on disk (`<site>/search/index`).
    /// Every pack file must be there with its size (a `stat` each: a missing
    /// or cut pack is found whatever a query reads); a read of a pack gets
    /// only the bytes asked for, and the manifest's read stops past its limit.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn open_folder(dir: &Path) -> Result<ChunkDirectory, IndexError> {
        file_len(dir, MANIFEST)?;
        let bytes = read_at_most(&dir.join(MANIFEST), 0, MAX_MANIFEST_BYTES + 1)
            .map_err(|e| IndexError::io(MANIFEST, &e))?;
        let manifest = Manifest::parse(&bytes)?;
        // Stops at the first bad one: a huge count meets a missing file soon.
        for p in 0..manifest.pack_count() {
            let name = pack_name(p);
            let got = file_len(dir, &name)?;
            let want = manifest.pack_len(p);
            if got != want {
                return Err(IndexError::new(name, Problem::ChunkLength { got, want }));
            }
        }
        let dir = dir.to_path_buf();
        ChunkDirectory::new(manifest, move |r| {
            read_at_most(
                &dir.join(pack_name(r.pack)),
                r.bytes.start,
                r.bytes.end - r.bytes.start,
            )
        })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.inner.manifest
    }

    pub fn stats(&self) -> ReadStats {
        *lock(&self.inner.stats)
    }

    /// The first damage a read found, if any (the cause of a tantivy error).
    pub fn damage(&self) -> Option<IndexError> {
        lock(&self.inner.damage).clone()
    }

    /// Puts bytes `start..` of pack file `pack`, fetched elsewhere (e.g.
    /// asynchronously), into the cache: whole chunks from a chunk boundary.
    /// Every chunk passing its checks is kept; the first one failing is the
    /// error. Returns the chunks kept.
    pub fn insert_bytes(&self, pack: usize, start: u64, bytes: &[u8]) -> Result<usize, IndexError> {
        let all = self.inner.manifest.chunks_in_pack(pack);
        self.store(pack, start, bytes, all)
    }

    /// Runs `f` with reads that fetch nothing: a read wanting a chunk not in
    /// the cache fails (`WouldBlock`, not damage) and its chunks are noted.
    /// Returns `f`'s value and the chunks noted, sorted: what a host can
    /// fetch in one parallel batch (`Manifest::requests`) before running
    /// `f` for real. A nested call notes into the outer one.
    pub fn deferring<T>(&self, f: impl FnOnce() -> T) -> (T, Vec<usize>) {
        let outer = lock(&self.inner.deferred).is_some();
        if !outer {
            *lock(&self.inner.deferred) = Some(BTreeSet::new());
        }
        let value = f();
        if outer {
            return (value, Vec::new());
        }
        let noted = lock(&self.inner.deferred).take().unwrap_or_default();
        (value, noted.into_iter().collect())
    }

    /// Whether the running [`ChunkDirectory::deferring`] noted a chunk.
    pub(crate) fn noted_any(&self) -> bool {
        lock(&self.inner.deferred)
            .as_ref()
            .is_some_and(|n| !n.is_empty())
    }

    /// Indexes of the chunks in the cache, sorted.
    pub fn cached_chunks(&self) -> Vec<usize> {
        lock(&self.inner.cache).keys().copied().collect()
    }

    /// Whether chunk `index` is in the cache.
    pub fn has_chunk(&self, index: usize) -> bool {
        lock(&self.inner.cache).contains_key(&index)
    }

    /// Splits `bytes` (from byte `start` of pack `pack`) into sealed chunks,
    /// checks each (length, tag) and caches those passing. A chunk of
    /// `wanted` failing, or bytes not made of whole chunks of the pack, is an
    /// error; other chunks failing are just not kept (a whole pack sent for
    /// a range may hold damage the reader never needs).
    fn store(
        &self,
        pack: usize,
        start: u64,
        bytes: &[u8],
        wanted: Range<usize>,
    ) -> Result<usize, IndexError> {
        let m = &self.inner.manifest;
        let name = || pack_name(pack);
        let chunks = m.chunks_in_pack(pack);
        if chunks.is_empty() {
            let count = m.pack_count() as u64;
            return Err(IndexError::new(name(), Problem::NoChunk { count }));
        }
        let mut at = start;
        let mut rest = bytes;
        let mut kept = 0;
        let mut first_error = None;
        for i in chunks {
            let from = m.offset_in_pack(i);
            if from < at {
                continue;
            }
            if rest.is_empty() {
                break;
            }
            if from != at {
                // Not at a chunk boundary.
                let got = bytes.len() as u64;
                let want = m.pack_len(pack).saturating_sub(start);
                return Err(IndexError::new(name(), Problem::ChunkLength { got, want }));
            }
            // Validated: at most `MAX_CHUNK_SIZE`, it fits a usize.
            let len = m.chunk_len(i).unwrap_or(0) as usize + TAG_LEN;
            if rest.len() < len {
                let got = bytes.len() as u64;
                let want = at - start + len as u64;
                return Err(IndexError::new(name(), Problem::ChunkLength { got, want }));
            }
            let (sealed, tail) = rest.split_at(len);
            let (body, tag) = sealed.split_at(len - TAG_LEN);
            if tag == chunk_tag(self.inner.key, i, body).to_le_bytes() {
                lock(&self.inner.cache)
                    .entry(i)
                    .or_insert_with(|| body.into());
                kept += 1;
            } else if wanted.contains(&i) && first_error.is_none() {
                let chunk = i as u64;
                first_error = Some(IndexError::new(name(), Problem::Checksum { chunk }));
            }
            at += len as u64;
            rest = tail;
        }
        if !rest.is_empty() {
            let got = bytes.len() as u64;
            let want = at - start;
            return Err(IndexError::new(name(), Problem::ChunkLength { got, want }));
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(kept),
        }
    }

    /// Remembers the first damage and turns it into the error tantivy gets.
    fn damaged(&self, e: IndexError) -> io::Error {
        lock(&self.inner.damage).get_or_insert_with(|| e.clone());
        io_error(e)
    }

    /// Fetches one read and caches its chunks: the bytes asked for, or the
    /// whole pack file from a host that ignored the range.
    fn fetch(&self, r: &ChunkRequest) -> Result<(), IndexError> {
        let m = &self.inner.manifest;
        let name = pack_name(r.pack);
        let file = (self.inner.fetch)(r).map_err(|e| IndexError::io(&name, &e))?;
        let got = file.len() as u64;
        {
            let mut s = lock(&self.inner.stats);
            s.requests += 1;
            s.bytes += got;
        }
        let want = r.bytes.end - r.bytes.start;
        let start = if got == want {
            r.bytes.start
        } else if got == m.pack_len(r.pack) {
            0
        } else {
            return Err(IndexError::new(name, Problem::ChunkLength { got, want }));
        };
        let kept = self.store(r.pack, start, &file, r.chunks.clone())?;
        lock(&self.inner.stats).chunks += kept;
        Ok(())
    }

    fn cached(&self, index: usize) -> io::Result<Arc<[u8]>> {
        lock(&self.inner.cache).get(&index).cloned().ok_or_else(|| {
            let pack = self.inner.manifest.pack_of(index);
            let chunk = index as u64;
            self.damaged(IndexError::new(
                pack_name(pack),
                Problem::Checksum { chunk },
            ))
        })
    }

    /// Bytes `range` of the stream.
    fn read_pack(&self, range: Range<u64>) -> io::Result<OwnedBytes> {
        let m = &self.inner.manifest;
        if range.start >= range.end {
            return Ok(OwnedBytes::empty());
        }
        if range.end > m.total {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("bytes {range:?} outside an index of {} bytes", m.total),
            ));
        }
        let size = m.chunk_size;
        let chunks = m.chunks_of(range.clone());
        // The missing chunks first, adjacent ones in one read: a missing
        // one fails before anything is allocated.
        let missing: Vec<usize> = {
            let cache = lock(&self.inner.cache);
            chunks.clone().filter(|i| !cache.contains_key(i)).collect()
        };
        if !missing.is_empty() {
            if let Some(noted) = lock(&self.inner.deferred).as_mut() {
                noted.extend(missing);
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    "chunks deferred to a batch",
                ));
            }
        }
        for r in m.requests(&missing) {
            self.fetch(&r).map_err(|e| self.damaged(e))?;
        }
        // Where `range` falls in chunk `i` (validated lengths keep it inside).
        let within = |i: usize, c: &[u8]| -> io::Result<Range<usize>> {
            let base = i as u64 * size;
            let from = range.start.max(base) - base;
            let to = range.end.min(base + c.len() as u64) - base;
            if from > to || to > c.len() as u64 {
                return Err(io::Error::other(format!("chunk {i}: short chunk")));
            }
            Ok(from as usize..to as usize)
        };
        if chunks.len() == 1 {
            // Within one chunk: share its bytes, no copy.
            let c = self.cached(chunks.start)?;
            let r = within(chunks.start, &c)?;
            return Ok(OwnedBytes::new(c).slice(r));
        }
        if let Some(b) = lock(&self.inner.joined).get(&range) {
            return Ok(b);
        }
        let parts = chunks
            .map(|i| self.cached(i).map(|c| (i, c)))
            .collect::<io::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity((range.end - range.start) as usize);
        for (i, c) in &parts {
            out.extend_from_slice(&c[within(*i, c)?]);
        }
        let out = OwnedBytes::new(out);
        lock(&self.inner.joined).keep(&range, &out);
        Ok(out)
    }

    fn packed(&self, path: &Path) -> Result<&PackedFile, OpenReadError> {
        path.to_str()
            .and_then(|name| self.inner.manifest.file(name))
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))
    }
}

/// The size of the regular file `name` in `dir` (a pipe or device there
/// could block a read, or never end).
#[cfg(not(target_arch = "wasm32"))]
fn file_len(dir: &Path, name: &str) -> Result<u64, IndexError> {
    let meta = std::fs::metadata(dir.join(name)).map_err(|e| IndexError::io(name, &e))?;
    if !meta.is_file() {
        return Err(IndexError::new(name, Problem::NotAFile));
    }
    Ok(meta.len())
}

/// At most `len` bytes of the file at `path` from byte `start` (fewer when
/// it is shorter).
#[cfg(not(target_arch = "wasm32"))]
fn read_at_most(path: &Path, start: u64, len: u64) -> io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    if start > 0 {
        file.seek(SeekFrom::Start(start))?;
    }
    let mut out = Vec::new();
    file.take(len).read_to_end(&mut out)?;
    Ok(out)
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
        // In the pack (`offset + len <= total` was validated).
        let at = |n: usize| self.offset.checked_add(n as u64);
        match (at(range.start), at(range.end)) {
            (Some(start), Some(end)) => self.dir.read_pack(start..end),
            _ => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "range past 2^64",
            )),
        }
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
        // Only a 32-bit reader (wasm32) meets a file it cannot address.
        let len = usize::try_from(f.len).map_err(|_| OpenReadError::IoError {
            io_error: Arc::new(io::Error::new(
                io::ErrorKind::Unsupported,
                format!("{} bytes: too large for this reader", f.len),
            )),
            filepath: path.to_path_buf(),
        })?;
        Ok(Arc::new(ChunkFile {
            dir: self.clone(),
            offset: f.offset,
            len,
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
        let io_error = |e: io::Error| OpenReadError::IoError {
            io_error: Arc::new(e),
            filepath: path.to_path_buf(),
        };
        let end = f.offset.checked_add(f.len).ok_or_else(|| {
            io_error(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "file past 2^64",
            ))
        })?;
        self.read_pack(f.offset..end)
            .map(|b| b.as_slice().to_vec())
            .map_err(io_error)
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
            pack_chunks: 3,
            total: total as u64,
            docs: 0,
            pack_crc32: crc32fast::hash(&data),
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

    /// The sealed chunks of `data` under `m`.
    fn files(m: &Manifest, data: &[u8]) -> Vec<Vec<u8>> {
        let key = m.key();
        data.chunks(m.chunk_size as usize)
            .enumerate()
            .map(|(i, c)| seal_chunk(key, i, c))
            .collect()
    }

    /// The pack files of sealed chunks `files`.
    fn packs(m: &Manifest, files: &[Vec<u8>]) -> Vec<Vec<u8>> {
        files
            .chunks(m.pack_chunks as usize)
            .map(|p| p.concat())
            .collect()
    }

    fn dir_of(m: Manifest, files: Vec<Vec<u8>>) -> ChunkDirectory {
        ChunkDirectory::over_chunks(m, move |i| {
            files
                .get(i)
                .cloned()
                .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
        })
        .unwrap()
    }

    fn dir(total: usize, chunk: u64) -> (ChunkDirectory, Vec<u8>) {
        let (m, data) = pack(total, chunk);
        let f = files(&m, &data);
        (dir_of(m, f), data)
    }

    fn problem(e: IndexError) -> Problem {
        e.problem
    }

    #[test]
    fn reads_ranges_across_chunk_boundaries() {
        let (dir, data) = dir(100, 16);
        let f = dir.open_read(Path::new("b")).unwrap();
        assert_eq!(f.len(), 90);
        let got = f.slice(5..60).read_bytes().unwrap();
        assert_eq!(got.as_slice(), &data[15..70]);
        assert_eq!(dir.atomic_read(Path::new("a")).unwrap(), &data[..10]);
        assert_eq!(dir.damage(), None);
    }

    #[test]
    fn fetches_only_the_chunks_it_needs_and_once() {
        let (dir, _) = dir(100, 16);
        let f = dir.open_read(Path::new("b")).unwrap();
        f.slice(0..4).read_bytes().unwrap(); // index bytes 10..14: chunk 0
        f.slice(2..4).read_bytes().unwrap();
        let tag = TAG_LEN as u64;
        assert_eq!(
            dir.stats(),
            ReadStats {
                requests: 1,
                chunks: 1,
                bytes: 16 + tag
            }
        );
        // Index bytes 90..100: chunks 5 (pack 1) and 6 (pack 2), two reads.
        f.slice(80..90).read_bytes().unwrap();
        assert_eq!(
            dir.stats(),
            ReadStats {
                requests: 3,
                chunks: 3,
                bytes: 16 + 16 + 4 + 3 * tag
            }
        );
        assert_eq!(dir.manifest().shipped_bytes(), 100 + 7 * tag);
    }

    #[test]
    fn deferring_notes_missing_chunks_and_fetches_nothing() {
        let (dir, data) = dir(100, 16);
        let f = dir.open_read(Path::new("b")).unwrap();
        f.slice(0..4).read_bytes().unwrap(); // chunk 0, fetched
        let (results, noted) = dir.deferring(|| {
            let a = f.slice(2..4).read_bytes().map(|b| b.as_slice().to_vec());
            let b = f.slice(20..40).read_bytes(); // index bytes 30..50: chunks 1..4
            let c = f.slice(80..90).read_bytes(); // chunks 5, 6
            (a, b.map(|_| ()), c.map(|_| ()))
        });
        assert_eq!(results.0.unwrap(), data[12..14].to_vec());
        assert_eq!(results.1.unwrap_err().kind(), io::ErrorKind::WouldBlock);
        assert!(results.2.is_err());
        assert_eq!(noted, vec![1, 2, 3, 5, 6]);
        assert_eq!(dir.stats().requests, 1);
        assert!(dir.damage().is_none());
        // Afterwards reads fetch again.
        f.slice(80..90).read_bytes().unwrap();
        assert_eq!(dir.stats().requests, 3);
    }

    #[test]
    fn rejects_a_chunk_of_the_wrong_size_and_remembers_why() {
        let (m, _) = pack(100, 16);
        let dir = ChunkDirectory::new(m, |_| Ok(vec![0; 3])).unwrap();
        assert!(dir.atomic_read(Path::new("a")).is_err());
        let damage = dir.damage().unwrap();
        assert_eq!(damage.file, "pack-00000.bin");
        assert_eq!(damage.problem, Problem::ChunkLength { got: 3, want: 20 });
    }

    #[test]
    fn rejects_a_damaged_chunk_and_one_of_another_build() {
        let (m, data) = pack(100, 16);
        let mut f = files(&m, &data);
        f[1][3] ^= 0x10;
        let dir = dir_of(m.clone(), f);
        assert!(dir.atomic_read(Path::new("a")).is_ok(), "chunk 0 intact");
        assert!(dir.open_read(Path::new("b")).unwrap().read_bytes().is_err());
        assert_eq!(
            dir.damage().unwrap().problem,
            Problem::Checksum { chunk: 1 }
        );
        assert_eq!(dir.damage().unwrap().file, "pack-00000.bin");

        // Same layout, other bytes: chunk 1 of that build under this manifest.
        let mut other_data = data.clone();
        other_data[20] ^= 1;
        let mut other = m.clone();
        other.pack_crc32 = crc32fast::hash(&other_data);
        let mut f = files(&m, &data);
        f[1] = files(&other, &other_data)[1].clone();
        let dir = dir_of(m.clone(), f.clone());
        assert!(dir.open_read(Path::new("b")).unwrap().read_bytes().is_err());
        // A chunk under another name.
        f.swap(2, 3);
        let dir = dir_of(m, f);
        let r = dir
            .open_read(Path::new("b"))
            .unwrap()
            .slice(30..40)
            .read_bytes();
        assert!(r.is_err());
        assert_eq!(dir.damage().unwrap().file, "pack-00000.bin");
        assert_eq!(
            dir.damage().unwrap().problem,
            Problem::Checksum { chunk: 2 }
        );
        // Two packs of the same length swapped (a renamed pack).
        let (m, data) = pack(96, 16); // 6 chunks: packs 0 and 1 of 3 each
        let mut p = packs(&m, &files(&m, &data));
        p.swap(0, 1);
        let dir = ChunkDirectory::new(m, move |r| Ok(p[r.pack].clone())).unwrap();
        assert!(dir.atomic_read(Path::new("a")).is_err());
        assert_eq!(
            dir.damage().unwrap().problem,
            Problem::Checksum { chunk: 0 }
        );
    }

    #[test]
    fn reads_adjacent_chunks_of_a_pack_in_one_request() {
        let (m, data) = pack(100, 16);
        let p = packs(&m, &files(&m, &data));
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = asked.clone();
        let dir = ChunkDirectory::new(m, move |r| {
            lock(&log).push(r.clone());
            let b = r.bytes.start as usize..r.bytes.end as usize;
            Ok(p[r.pack][b].to_vec())
        })
        .unwrap();
        // Index bytes 0..40: chunks 0, 1, 2 (pack 0), then 3 (pack 1).
        let got = dir
            .open_read(Path::new("b"))
            .unwrap()
            .slice(0..54)
            .read_bytes()
            .unwrap();
        assert_eq!(got.as_slice(), &data[10..64]);
        let req = |pack, chunks, bytes| ChunkRequest {
            pack,
            chunks,
            bytes,
        };
        assert_eq!(
            *lock(&asked),
            vec![req(0, 0..3, 0..60), req(1, 3..4, 0..20)]
        );
        assert_eq!(dir.stats().requests, 2);
        assert_eq!(dir.stats().bytes, 80);
    }

    #[test]
    fn keeps_every_chunk_of_a_whole_pack_sent_for_a_range() {
        let (m, data) = pack(100, 16);
        let mut f = files(&m, &data);
        f[5][0] ^= 1; // damage a chunk the read does not need
        let p = packs(&m, &f);
        let dir = ChunkDirectory::new(m, move |r| Ok(p[r.pack].clone())).unwrap();
        let b = dir.open_read(Path::new("b")).unwrap();
        // Index bytes 50..60: chunk 3, in pack 1 (chunks 3, 4, 5).
        assert_eq!(
            b.slice(40..50).read_bytes().unwrap().as_slice(),
            &data[50..60]
        );
        assert_eq!(dir.cached_chunks(), vec![3, 4]);
        assert_eq!(dir.stats().requests, 1);
        // Chunk 4 comes from the cache; chunk 5 is fetched again and fails.
        b.slice(60..70).read_bytes().unwrap();
        assert_eq!(dir.stats().requests, 1);
        assert!(b.slice(75..85).read_bytes().is_err());
        assert_eq!(
            dir.damage().unwrap().problem,
            Problem::Checksum { chunk: 5 }
        );
        assert_eq!(dir.damage().unwrap().file, "pack-00001.bin");
    }

    #[test]
    fn packs_have_the_lengths_the_manifest_gives() {
        let (m, data) = pack(100, 16);
        let p = packs(&m, &files(&m, &data));
        assert_eq!(m.pack_count(), 3);
        assert_eq!(p.len(), 3);
        for (i, bytes) in p.iter().enumerate() {
            assert_eq!(m.pack_len(i), bytes.len() as u64);
        }
        assert_eq!(m.pack_len(3), 0);
        assert_eq!(m.chunks_in_pack(2), 6..7);
        assert_eq!(m.chunks_in_pack(usize::MAX), 7..7);
    }

    #[test]
    fn insert_checks_what_it_caches() {
        let (m, data) = pack(100, 16);
        let f = files(&m, &data);
        let dir = dir_of(m, f.clone());
        let mut bad = f[2].clone();
        bad[0] ^= 1;
        assert_eq!(
            dir.insert_bytes(0, 40, &bad).map_err(problem),
            Err(Problem::Checksum { chunk: 2 })
        );
        assert_eq!(
            dir.insert_bytes(0, 40, &vec![1; 1 << 20]).map_err(problem),
            Err(Problem::ChunkLength {
                got: 1 << 20,
                want: 20
            })
        );
        assert_eq!(
            dir.insert_bytes(0, 3, &f[0]).map_err(problem),
            Err(Problem::ChunkLength { got: 20, want: 57 })
        );
        assert_eq!(
            dir.insert_bytes(usize::MAX, 0, &f[0]).map_err(problem),
            Err(Problem::NoChunk { count: 3 })
        );
        assert!(dir.cached_chunks().is_empty());
        assert_eq!(dir.insert_bytes(0, 40, &f[2]), Ok(1));
        assert_eq!(
            dir.insert_bytes(1, 0, &[f[3].clone(), f[4].clone()].concat()),
            Ok(2)
        );
        assert_eq!(dir.cached_chunks(), vec![2, 3, 4]);
        assert_eq!(dir.stats(), ReadStats::default());
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
        assert_eq!(m.chunks_of(90..u64::MAX), 5..7);
        assert_eq!(m.chunk_len(6), Some(4));
        assert_eq!(m.chunk_len(7), None);
        assert_eq!(m.chunk_len(usize::MAX), None);
    }

    fn invalid(edit: impl FnOnce(&mut Manifest)) -> Problem {
        let (mut m, _) = pack(100, 16);
        edit(&mut m);
        let e = m.validate().unwrap_err();
        assert_eq!(e.file, MANIFEST);
        // Parsing the same text finds the same problem.
        let text = serde_json::to_vec(&m).unwrap();
        assert_eq!(Manifest::parse(&text).unwrap_err(), e);
        assert!(ChunkDirectory::new(m, |_| Ok(Vec::new())).is_err());
        e.problem
    }

    #[test]
    fn rejects_manifests_a_reader_cannot_trust() {
        assert_eq!(invalid(|m| m.version = 1), Problem::Version { found: 1 });
        assert_eq!(
            invalid(|m| m.chunk_size = 0),
            Problem::ChunkSize { found: 0 }
        );
        assert_eq!(
            invalid(|m| m.chunk_size = u64::MAX),
            Problem::ChunkSize { found: u64::MAX }
        );
        assert_eq!(
            invalid(|m| m.pack_chunks = 0),
            Problem::PackSize {
                pack_chunks: 0,
                chunk_size: 16
            }
        );
        assert_eq!(
            invalid(|m| m.pack_chunks = u64::MAX / 2),
            Problem::PackSize {
                pack_chunks: u64::MAX / 2,
                chunk_size: 16
            }
        );
        assert!(matches!(
            invalid(|m| {
                m.chunk_size = 1;
                m.total = u64::MAX;
                m.files[1].len = u64::MAX - 10;
            }),
            Problem::TooManyChunks { .. }
        ));
        assert_eq!(
            invalid(|m| m.files[1].offset = u64::MAX),
            Problem::Offset {
                name: "b".into(),
                found: u64::MAX,
                expected: 10
            }
        );
        assert_eq!(
            invalid(|m| m.files[1].len = u64::MAX),
            Problem::Outside {
                name: "b".into(),
                total: 100
            }
        );
        assert_eq!(
            invalid(|m| m.files[1].offset = 5),
            Problem::Offset {
                name: "b".into(),
                found: 5,
                expected: 10
            }
        );
        assert_eq!(
            invalid(|m| m.files[0].name = "c".into()),
            Problem::Order { name: "b".into() }
        );
        assert_eq!(
            invalid(|m| m.files[1].name = "a".into()),
            Problem::Order { name: "a".into() }
        );
        assert_eq!(
            invalid(|m| m.files[1].len = 80),
            Problem::End {
                end: 90,
                total: 100
            }
        );
        assert_eq!(
            invalid(|m| m.total = 1 << 30),
            Problem::End {
                end: 100,
                total: 1 << 30
            }
        );
    }

    #[test]
    fn parse_names_what_is_not_a_manifest() {
        let bad = |bytes: &[u8]| Manifest::parse(bytes).unwrap_err().problem;
        assert!(matches!(bad(b"\x00\xff garbage"), Problem::NotManifest(_)));
        assert!(matches!(bad(b""), Problem::NotManifest(_)));
        assert!(matches!(bad(b"{\"version\":3}"), Problem::NotManifest(_)));
        assert!(matches!(
            bad(b"{\"version\":3,\"chunk_size\":-1}"),
            Problem::NotManifest(_)
        ));
        assert_eq!(bad(b"{\"version\":7}"), Problem::Version { found: 7 });
        assert_eq!(bad(b"{\"version\":2}"), Problem::Version { found: 2 });
        let deep = "[".repeat(100_000);
        assert!(matches!(bad(deep.as_bytes()), Problem::NotManifest(_)));
        let huge = vec![b' '; MAX_MANIFEST_BYTES as usize + 1];
        assert_eq!(
            bad(&huge),
            Problem::TooLarge {
                limit: MAX_MANIFEST_BYTES
            }
        );
    }

    #[test]
    fn a_manifest_changed_after_the_build_fails_every_tag() {
        let (m, data) = pack(100, 16);
        let f = files(&m, &data);
        let mut changed = m.clone();
        changed.docs = 1;
        let dir = dir_of(changed, f);
        assert!(dir.atomic_read(Path::new("a")).is_err());
        assert_eq!(
            dir.damage().unwrap().problem,
            Problem::Checksum { chunk: 0 }
        );
    }

    #[test]
    fn messages_name_the_problem_in_both_languages() {
        let e = IndexError::new(
            "pack-00003.bin",
            Problem::ChunkLength {
                got: 17,
                want: 4100,
            },
        );
        assert_eq!(
            e.to_string(),
            "pack-00003.bin: 17 bytes, expected 4100 (truncated)"
        );
        assert_eq!(e.indonesian(), "17 byte, seharusnya 4100 (terpotong)");
    }
}
