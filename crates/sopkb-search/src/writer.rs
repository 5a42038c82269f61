//! The writer (feature `writer`, native only): documents in, the shipped
//! chunked pack out, byte-identical for the same input.
//!
//! Built in a `RamDirectory` with one indexing thread, no merge policy and a
//! budget large enough for one segment; the segment's random UUID is then
//! replaced by a fixed one in its file names and in `meta.json`.

use crate::analyzer::Analyzer;
use crate::chunk::{
    pack_name, seal_chunk, Manifest, PackedFile, CHUNK_SIZE, FORMAT_VERSION, MANIFEST, PACK_CHUNKS,
};
use crate::reader::register_analyzer;
use crate::schema::{schema, Fields, Kind};
use crate::synonyms::Synonyms;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tantivy::directory::RamDirectory;
use tantivy::indexer::NoMergePolicy;
use tantivy::{doc, Directory, Index, IndexSettings, IndexWriter, TantivyDocument, TantivyError};

/// The segment id every shipped index uses.
pub const FIXED_SEGMENT_ID: &str = "5e9c0000000040008000000000000001";
/// Indexing memory budget: one segment up to tens of thousands of pages.
const MEMORY_BUDGET: usize = 400_000_000;

/// One searchable thing.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub kind: Kind,
    /// Site URL of the result (with `#langkah-N` for steps).
    pub url: String,
    pub title: String,
    /// Searched and shown (the snippet source).
    pub body: String,
    /// Searched, never shown (names, times, related labels).
    pub extra: String,
    pub sop: Option<String>,
    pub step: Option<u64>,
    pub sop_nama: Option<String>,
    pub pelaksana: Option<String>,
    pub waktu: Option<String>,
}

impl SearchDoc {
    pub fn new(kind: Kind, url: impl Into<String>, title: impl Into<String>) -> SearchDoc {
        SearchDoc {
            kind,
            url: url.into(),
            title: title.into(),
            body: String::new(),
            extra: String::new(),
            sop: None,
            step: None,
            sop_nama: None,
            pelaksana: None,
            waktu: None,
        }
    }
}

/// The shipped index: manifest plus sealed chunks (shipped in pack files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    pub manifest: Manifest,
    /// The sealed chunks: each chunk's bytes, then its tag (`chunk::seal_chunk`).
    pub chunks: Vec<Vec<u8>>,
}

impl Pack {
    /// File name (inside the index folder) -> bytes: `manifest.json`, then
    /// `pack-*.bin`, each `manifest.pack_chunks` sealed chunks back to back.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = vec![(MANIFEST.to_owned(), self.manifest_bytes())];
        // Validated: at least 1, and a pack's bytes fit in memory.
        let per_pack = usize::try_from(self.manifest.pack_chunks.max(1)).unwrap_or(usize::MAX);
        for (p, chunks) in self.chunks.chunks(per_pack).enumerate() {
            out.push((pack_name(p), chunks.concat()));
        }
        out
    }

    /// [`Pack::files`], consuming the pack: each pack file is made from
    /// chunks that are then freed, so the index is not held twice (600 MB
    /// at 100,000 articles).
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let mut out = vec![(MANIFEST.to_owned(), self.manifest_bytes())];
        let per_pack = usize::try_from(self.manifest.pack_chunks.max(1)).unwrap_or(usize::MAX);
        let mut chunks = self.chunks.into_iter().peekable();
        let mut p = 0;
        while chunks.peek().is_some() {
            let mut bytes = Vec::new();
            for c in chunks.by_ref().take(per_pack) {
                bytes.extend_from_slice(&c);
            }
            out.push((pack_name(p), bytes));
            p += 1;
        }
        out
    }

    /// `manifest.json` as written: the form [`Manifest::key`] hashes.
    pub fn manifest_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&self.manifest).unwrap_or_default()
    }
}

/// Indexes `docs` (in this order) and packs the index into 4 KiB chunks,
/// [`PACK_CHUNKS`] per pack file.
pub fn build(docs: &[SearchDoc], synonyms: &Synonyms) -> tantivy::Result<Pack> {
    build_with_chunk_size(docs, synonyms, CHUNK_SIZE)
}

pub fn build_with_chunk_size(
    docs: &[SearchDoc],
    synonyms: &Synonyms,
    chunk_size: u64,
) -> tantivy::Result<Pack> {
    build_from(docs.iter().cloned(), synonyms, chunk_size)
}

/// [`build`] over documents made as the indexer takes them (a site's
/// texts are not all held a second time as documents).
pub fn build_from(
    docs: impl IntoIterator<Item = SearchDoc>,
    synonyms: &Synonyms,
    chunk_size: u64,
) -> tantivy::Result<Pack> {
    let (files, count) = index_files_from(docs, synonyms)?;
    pack(files, count, synonyms, chunk_size)
}

/// Packs index files (name -> bytes, sorted by name) end to end and cuts
/// them into sealed chunks of `chunk_size` bytes, [`PACK_CHUNKS`] per pack.
pub fn pack(
    files: BTreeMap<String, Vec<u8>>,
    docs: u64,
    synonyms: &Synonyms,
    chunk_size: u64,
) -> tantivy::Result<Pack> {
    pack_with(files, docs, synonyms, chunk_size, PACK_CHUNKS)
}

/// [`pack`] with `pack_chunks` chunks per pack file.
pub fn pack_with(
    files: BTreeMap<String, Vec<u8>>,
    docs: u64,
    synonyms: &Synonyms,
    chunk_size: u64,
    pack_chunks: u64,
) -> tantivy::Result<Pack> {
    let mut pack = Vec::with_capacity(files.values().map(Vec::len).sum());
    let mut packed = Vec::new();
    for (name, bytes) in files {
        packed.push(PackedFile {
            name,
            offset: pack.len() as u64,
            len: bytes.len() as u64,
        });
        pack.extend_from_slice(&bytes);
    }
    let manifest = Manifest {
        version: FORMAT_VERSION,
        chunk_size,
        pack_chunks,
        total: pack.len() as u64,
        docs,
        pack_crc32: crc32fast::hash(&pack),
        files: packed,
        synonyms: synonyms.clone(),
    };
    // What a reader refuses, the writer never ships (e.g. a chunk size of 0).
    manifest
        .validate()
        .map_err(|e| TantivyError::InvalidArgument(e.to_string()))?;
    let key = manifest.key();
    let chunks = pack
        .chunks(chunk_size as usize)
        .enumerate()
        .map(|(i, c)| seal_chunk(key, i, c))
        .collect();
    Ok(Pack { manifest, chunks })
}

/// The index's files (name -> bytes, sorted by name), segment id fixed.
pub fn index_files(
    docs: &[SearchDoc],
    synonyms: &Synonyms,
) -> tantivy::Result<BTreeMap<String, Vec<u8>>> {
    Ok(index_files_from(docs.iter().cloned(), synonyms)?.0)
}

/// An empty index in memory with the shipped schema and settings, the
/// analyzer of `synonyms`, and its one-thread writer of `budget` bytes
/// (no merge policy: the caller merges). Shared with the live index of
/// `serve`.
pub(crate) struct NewIndex {
    pub dir: RamDirectory,
    pub index: Index,
    pub fields: Fields,
    pub writer: IndexWriter<TantivyDocument>,
}

pub(crate) fn new_index(synonyms: &Synonyms, budget: usize) -> tantivy::Result<NewIndex> {
    let dir = RamDirectory::create();
    // Small store blocks: a result costs the chunks of its block, so 4 KiB
    // blocks (instead of 16 KiB) cut the bytes a browser downloads per hit.
    let settings = IndexSettings {
        docstore_blocksize: 4096,
        ..IndexSettings::default()
    };
    let index = Index::create(dir.clone(), schema(), settings)?;
    register_analyzer(&index, &Analyzer::new(synonyms));
    let fields = Fields::of(&index.schema())?;
    let writer = index.writer_with_num_threads::<TantivyDocument>(1, budget)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    Ok(NewIndex {
        dir,
        index,
        fields,
        writer,
    })
}

/// [`index_files`] over an iterator, with the number of documents.
fn index_files_from(
    docs: impl IntoIterator<Item = SearchDoc>,
    synonyms: &Synonyms,
) -> tantivy::Result<(BTreeMap<String, Vec<u8>>, u64)> {
    let NewIndex {
        dir,
        index,
        fields: f,
        mut writer,
    } = new_index(synonyms, MEMORY_BUDGET)?;
    let mut count = 0u64;
    for d in docs {
        writer.add_document(to_document(&f, &d))?;
        count += 1;
    }
    writer.commit()?;
    let ids = index.searchable_segment_ids()?;
    if ids.len() > 1 {
        writer.merge(&ids).wait()?;
    }
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()?;
    // Only the directory's files are read from here on.
    let metas = index.load_metas()?;
    drop(index);
    let segment = match metas.segments.as_slice() {
        [] => None,
        [one] => Some(one.id().uuid_string()),
        more => {
            return Err(TantivyError::InternalError(format!(
                "expected one segment, found {}",
                more.len()
            )))
        }
    };
    // File names use the simple form of the UUID, meta.json the hyphenated one.
    let rename = |s: &str| match &segment {
        Some(id) => s
            .replace(id.as_str(), FIXED_SEGMENT_ID)
            .replace(&hyphenated(id), &hyphenated(FIXED_SEGMENT_ID)),
        None => s.to_owned(),
    };
    let mut out = BTreeMap::new();
    let meta = dir.atomic_read(Path::new("meta.json"))?;
    out.insert(
        "meta.json".to_owned(),
        rename(&String::from_utf8_lossy(&meta)).into_bytes(),
    );
    if let Some(id) = &segment {
        let managed = dir.atomic_read(Path::new(".managed.json"))?;
        let managed: Vec<PathBuf> = serde_json::from_slice(&managed)
            .map_err(|e| TantivyError::InternalError(e.to_string()))?;
        for path in managed {
            let name = path.to_string_lossy().into_owned();
            if !name.starts_with(id.as_str()) {
                continue;
            }
            let bytes = dir.open_read(&path)?.read_bytes()?;
            out.insert(rename(&name), bytes.as_slice().to_vec());
            // Copied: freed from the directory now rather than when it is
            // dropped (the store is most of the index); should the delete
            // fail, the drop still frees it.
            drop(bytes);
            let _ = dir.delete(&path);
        }
    }
    Ok((out, count))
}

/// The tantivy document of `d` (shared with the live index of `serve`).
pub(crate) fn to_document(f: &Fields, d: &SearchDoc) -> TantivyDocument {
    let mut doc = doc!(
        f.kind => d.kind.as_str(),
        f.url => d.url.as_str(),
        f.title => d.title.as_str(),
        f.body => d.body.as_str(),
        f.extra => d.extra.as_str(),
    );
    let optional = [
        (f.sop, &d.sop),
        (f.sop_nama, &d.sop_nama),
        (f.pelaksana, &d.pelaksana),
        (f.waktu, &d.waktu),
    ];
    for (field, value) in optional {
        if let Some(v) = value {
            doc.add_text(field, v);
        }
    }
    if let Some(step) = d.step {
        doc.add_u64(f.step, step);
    }
    doc
}

/// "5e9c0000000040008000000000000001" -> "5e9c0000-0000-4000-8000-000000000001".
fn hyphenated(simple: &str) -> String {
    let s = simple;
    format!(
        "{}-{}-{}-{}-{}",
        &s[..8],
        &s[8..12],
        &s[12..16],
        &s[16..20],
        &s[20..]
    )
}
