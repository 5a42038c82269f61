//! The shipped search index reader on arbitrary files: the input is
//! `manifest.json`, a NUL byte, then the chunk files back to back (cut at
//! the manifest's chunk size plus the tag; the seed is a real index). The
//! reader must turn any of it into an error: no panic, no allocation sized
//! by a number read from the input.
//!
//! The chunk tags keep damaged bytes from tantivy, so this reaches tantivy
//! only through a chunk whose CRC-32 tag the fuzzer guessed (or a manifest
//! naming no chunk). Forged indexes (tags recomputed) do panic tantivy; the
//! CLI catches that (`src/cmd/search.rs`, `tests/testsuite/corrupt_index.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopkb_search::chunk::{Manifest, TAG_LEN};
use sopkb_search::tantivy::Directory;
use sopkb_search::{ChunkDirectory, Searcher};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let (manifest, rest) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(manifest) = Manifest::parse(manifest) else {
        return;
    };
    // Manifest::parse validated chunk_size <= 64 MiB.
    let file_len = manifest.chunk_size as usize + TAG_LEN;
    let files: Vec<Vec<u8>> = rest.chunks(file_len).map(<[u8]>::to_vec).collect();
    let first = files.first().cloned();
    let Ok(dir) = ChunkDirectory::new(manifest, move |i| {
        files
            .get(i)
            .cloned()
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    }) else {
        return;
    };
    if let Some(f) = first {
        let _ = dir.insert_chunk(0, f);
    }
    let _ = dir.insert_chunk(usize::MAX, rest.to_vec());
    if let Ok(s) = Searcher::open_chunked(dir.clone()) {
        for q in [
            "legal drafting",
            "\"perjanjian kerja\" jenis:langkah",
            "PKS",
        ] {
            let _ = s.search(q, &[], usize::MAX);
        }
    }
    for f in &dir.manifest().files {
        let _ = dir.atomic_read(Path::new(&f.name));
        let span = dir
            .manifest()
            .chunks_of(f.offset..f.offset.saturating_add(f.len));
        assert!(span.end <= dir.manifest().chunk_count());
    }
    let _ = dir.damage().map(|d| (d.to_string(), d.indonesian()));
});
