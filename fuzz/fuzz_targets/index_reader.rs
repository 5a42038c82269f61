//! The shipped search index reader on arbitrary files: the input is
//! `manifest.json`, a NUL byte, then the pack files back to back (cut at
//! the lengths the manifest gives them; the seed is a real index), each
//! read either by the range asked for or whole (a host ignoring `Range`). The
//! reader must turn any of it into an error: no panic, no allocation sized
//! by a number read from the input.
//!
//! The chunk tags keep damaged bytes from tantivy, so this reaches tantivy
//! only through a chunk whose CRC-32 tag the fuzzer guessed (or a manifest
//! naming no chunk). Forged indexes (tags recomputed) do panic tantivy; the
//! CLI catches that (`src/cmd/search.rs`, `tests/testsuite/corrupt_index.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sopkb_search::chunk::Manifest;
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
    // Manifest::parse validated that a pack is at most 256 MiB.
    let mut files: Vec<Vec<u8>> = Vec::new();
    let mut left = rest;
    for p in 0..manifest.pack_count() {
        if left.is_empty() {
            break;
        }
        let n = (manifest.pack_len(p) as usize).min(left.len());
        files.push(left[..n].to_vec());
        left = &left[n..];
    }
    let first = files.first().cloned();
    let whole = data.len() % 2 == 0;
    let Ok(dir) = ChunkDirectory::new(manifest, move |r| {
        let f = files
            .get(r.pack)
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
        let (a, b) = (r.bytes.start as usize, r.bytes.end as usize);
        Ok(match f.get(a..b.min(f.len())) {
            Some(part) if !whole => part.to_vec(),
            _ => f.clone(),
        })
    }) else {
        return;
    };
    if let Some(f) = first {
        let _ = dir.insert_bytes(0, 0, &f);
    }
    let _ = dir.insert_bytes(usize::MAX, 0, rest);
    let _ = dir.insert_bytes(0, 3, rest);
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
