//! What is wrong with a shipped index: the file and the problem, in English
//! (`Display`, for the browser and logs) and in Indonesian (the CLI's
//! default language).

use crate::chunk::{FORMAT_VERSION, MAX_CHUNKS, MAX_CHUNK_SIZE, MAX_PACK_BYTES};

/// A damaged (or foreign) index file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError {
    /// The file's name inside the index folder (`manifest.json`, `pack-00003.bin`).
    pub file: String,
    pub problem: Problem,
}

/// What is wrong with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file does not exist.
    Missing,
    /// Reading it failed (the system's message).
    Unreadable(String),
    /// A folder, device or pipe where a file belongs (a read could block).
    NotAFile,
    /// More bytes than a manifest may have.
    TooLarge { limit: u64 },
    /// Not JSON, or a field missing or of the wrong type (serde's message).
    NotManifest(String),
    /// Another format version (an older or newer sopkb wrote it).
    Version { found: u32 },
    /// `chunk_size` 0 or above [`MAX_CHUNK_SIZE`].
    ChunkSize { found: u64 },
    /// `pack_chunks` 0, or packs of more than [`MAX_PACK_BYTES`].
    PackSize { pack_chunks: u64, chunk_size: u64 },
    /// `total` needs more chunks than a reader can address.
    TooManyChunks { total: u64, chunk_size: u64 },
    /// The packed files are not in strictly increasing name order at `name`.
    Order { name: String },
    /// The packed file `name` does not start where the previous one ends.
    Offset {
        name: String,
        found: u64,
        expected: u64,
    },
    /// The packed file `name` reaches past the pack (or past 2^64).
    Outside { name: String, total: u64 },
    /// The packed files end before the pack does.
    End { end: u64, total: u64 },
    /// A pack file, or a read of one, of the wrong length (truncated, cut
    /// between chunks, or longer than the manifest says).
    ChunkLength { got: u64, want: u64 },
    /// Chunk `chunk` (of the whole index) fails its tag: damaged, moved, or
    /// from another build.
    Checksum { chunk: u64 },
    /// A pack past the last one (the index has `count`).
    NoChunk { count: u64 },
}

impl IndexError {
    pub fn new(file: impl Into<String>, problem: Problem) -> IndexError {
        IndexError {
            file: file.into(),
            problem,
        }
    }

    /// A failed read of `file`.
    pub fn io(file: impl Into<String>, e: &std::io::Error) -> IndexError {
        let problem = match e.kind() {
            std::io::ErrorKind::NotFound => Problem::Missing,
            _ => Problem::Unreadable(e.to_string()),
        };
        IndexError::new(file, problem)
    }

    /// The problem (without the file name) in English.
    pub fn english(&self) -> String {
        use Problem::*;
        match &self.problem {
            Missing => "the file is missing".into(),
            Unreadable(e) => format!("cannot be read: {e}"),
            NotAFile => "not a regular file".into(),
            TooLarge { limit } => format!("more than {limit} bytes: not a manifest"),
            NotManifest(e) => format!("not a valid manifest ({e})"),
            Version { found } => format!(
                "index format version {found}; this sopkb reads version {FORMAT_VERSION}"
            ),
            ChunkSize { found } => {
                format!("chunk_size {found} is outside 1..={MAX_CHUNK_SIZE}")
            }
            PackSize {
                pack_chunks,
                chunk_size,
            } => format!(
                "pack_chunks {pack_chunks} of {chunk_size} bytes: not 1 or more, or packs above {MAX_PACK_BYTES} bytes"
            ),
            TooManyChunks { total, chunk_size } => format!(
                "total {total} bytes in chunks of {chunk_size} makes more than {MAX_CHUNKS} chunks"
            ),
            Order { name } => {
                format!("files not in sorted name order (or a name repeated) at `{name}`")
            }
            Offset {
                name,
                found,
                expected,
            } => format!(
                "`{name}` starts at byte {found}, expected {expected} (where the previous file ends)"
            ),
            Outside { name, total } => {
                format!("`{name}` reaches past the end of the {total}-byte pack")
            }
            End { end, total } => format!("the files end at byte {end}, but total is {total}"),
            ChunkLength { got, want } if got < want => {
                format!("{got} bytes, expected {want} (truncated)")
            }
            ChunkLength { want, .. } => format!("more than the {want} bytes expected"),
            Checksum { chunk } => format!(
                "chunk {chunk}: checksum mismatch: the chunk is damaged, moved, or comes from \
                 another build than manifest.json"
            ),
            NoChunk { count } => format!("past the last pack (the index has {count})"),
        }
    }

    /// The problem (without the file name) in Indonesian.
    pub fn indonesian(&self) -> String {
        use Problem::*;
        match &self.problem {
            Missing => "berkas tidak ada".into(),
            Unreadable(e) => format!("tidak terbaca: {e}"),
            NotAFile => "bukan berkas biasa".into(),
            TooLarge { limit } => format!("lebih dari {limit} byte: bukan manifest"),
            NotManifest(e) => format!("bukan manifest yang sah ({e})"),
            Version { found } => {
                format!("versi format indeks {found}; sopkb ini membaca versi {FORMAT_VERSION}")
            }
            ChunkSize { found } => format!("chunk_size {found} di luar 1..={MAX_CHUNK_SIZE}"),
            PackSize {
                pack_chunks,
                chunk_size,
            } => format!(
                "pack_chunks {pack_chunks} dari {chunk_size} byte: bukan 1 atau lebih, atau paket melebihi {MAX_PACK_BYTES} byte"
            ),
            TooManyChunks { total, chunk_size } => format!(
                "total {total} byte dalam potongan {chunk_size} byte melebihi {MAX_CHUNKS} potongan"
            ),
            Order { name } => {
                format!("berkas tidak urut menurut nama (atau nama berulang) pada `{name}`")
            }
            Offset {
                name,
                found,
                expected,
            } => format!(
                "`{name}` mulai di byte {found}, seharusnya {expected} (akhir berkas sebelumnya)"
            ),
            Outside { name, total } => {
                format!("`{name}` melewati akhir paket yang {total} byte")
            }
            End { end, total } => {
                format!("berkas berakhir di byte {end}, padahal total {total}")
            }
            ChunkLength { got, want } if got < want => {
                format!("{got} byte, seharusnya {want} (terpotong)")
            }
            ChunkLength { want, .. } => {
                format!("lebih dari {want} byte yang seharusnya")
            }
            Checksum { chunk } => format!(
                "potongan {chunk}: checksum tidak cocok: potongan rusak, berpindah, atau berasal \
                 dari build lain daripada manifest.json"
            ),
            NoChunk { count } => format!("melewati paket terakhir (indeks berisi {count})"),
        }
    }
}

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.english())
    }
}

impl std::error::Error for IndexError {}
