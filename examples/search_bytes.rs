//! Bytes and requests a cold query costs on a built site's shipped index,
//! for several chunk sizes (the index re-cut in memory, packed as shipped):
//! `cargo run --release --example search_bytes -- SITE_DIR LIMIT QUERY...`;
//! then, at the shipped chunk size, what a host ignoring `Range` costs for
//! several pack sizes (each read gets the whole pack), and per query which
//! index files (postings, positions, fieldnorms, store) its chunks belong to.
//!
//! Last, per query at the shipped sizes: the reads one after another (what
//! the browser did before batches) against the batches of
//! `Searcher::missing_chunks` (what the search worker does: each batch one
//! parallel round trip), with the bytes of each.
//!
//! `requests` counts reads of pack files (HTTP requests in the browser:
//! adjacent chunks of one read in one range); `chunks` counts the chunks
//! fetched, which is what format 2 (a file per chunk) requested.

use sopkb_search::chunk::{pack_name, seal_chunk, ChunkRequest, Manifest, MANIFEST, TAG_LEN};
use sopkb_search::{Batched, ChunkDirectory, ReadStats, Searcher};
use std::path::Path;

/// The packed index files without tags, read from the pack files.
fn stream(dir: &Path, m: &Manifest) -> Vec<u8> {
    let mut out = Vec::with_capacity(m.total as usize);
    for p in 0..m.pack_count() {
        let file = std::fs::read(dir.join(pack_name(p))).unwrap();
        let mut rest = &file[..];
        for i in m.chunks_in_pack(p) {
            let len = m.chunk_len(i).unwrap() as usize;
            out.extend_from_slice(&rest[..len]);
            rest = &rest[len + TAG_LEN..];
        }
    }
    out
}

/// The pack files of `data` under `m` (in memory).
fn packs(m: &Manifest, data: &[u8]) -> Vec<Vec<u8>> {
    let key = m.key();
    let sealed: Vec<Vec<u8>> = data
        .chunks(m.chunk_size as usize)
        .enumerate()
        .map(|(i, c)| seal_chunk(key, i, c))
        .collect();
    sealed
        .chunks(m.pack_chunks as usize)
        .map(|p| p.concat())
        .collect()
}

/// A directory over in-memory packs; `whole`: a host ignoring `Range`.
fn directory(m: &Manifest, data: &[u8], whole: bool) -> ChunkDirectory {
    let packs = packs(m, data);
    ChunkDirectory::new(m.clone(), move |r: &ChunkRequest| {
        let p = &packs[r.pack];
        Ok(if whole {
            p.clone()
        } else {
            p[r.bytes.start as usize..r.bytes.end as usize].to_vec()
        })
    })
    .unwrap()
}

fn cold(
    m: &Manifest,
    data: &[u8],
    whole: bool,
    q: &str,
    limit: usize,
) -> (ReadStats, ReadStats, usize) {
    let d = directory(m, data, whole);
    let s = Searcher::open_chunked(d.clone()).unwrap();
    let opened = d.stats();
    let hits = s.search(q, &[], limit).unwrap();
    (opened, d.stats(), hits.len())
}

/// A cold query fetched in batches, after opening: batches, requests, bytes.
fn batched(m: &Manifest, data: &[u8], q: &str, limit: usize) -> (usize, usize, u64) {
    let packs = packs(m, data);
    let d = directory(m, data, false);
    let s = Searcher::open_chunked(d.clone()).unwrap();
    let (mut rounds, mut requests, mut bytes) = (0, 0, 0);
    while let Batched::Fetch(missing) = s.search_batched(&d, q, &[], limit).unwrap() {
        rounds += 1;
        for r in m.requests(&missing) {
            let b = &packs[r.pack][r.bytes.start as usize..r.bytes.end as usize];
            d.insert_bytes(r.pack, r.bytes.start, b).unwrap();
            requests += 1;
            bytes += b.len() as u64;
        }
    }
    (rounds, requests, bytes)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, limit, queries @ ..] = args.as_slice() else {
        eprintln!("usage: search_bytes SITE_DIR LIMIT QUERY...");
        std::process::exit(2);
    };
    let limit: usize = limit.parse().expect("LIMIT is a number");
    let dir = Path::new(site).join("search/index");
    let manifest = Manifest::parse(&std::fs::read(dir.join(MANIFEST)).unwrap()).unwrap();
    let data = stream(&dir, &manifest);
    println!(
        "index {} bytes, {} docs, {} chunks in {} packs",
        manifest.total,
        manifest.docs,
        manifest.chunk_count(),
        manifest.pack_count()
    );
    for size in [65536u64, 32768, 16384, 8192, 4096] {
        let mut m = manifest.clone();
        m.chunk_size = size;
        let mut line = format!("chunk {size:>6}:");
        for q in queries {
            let (opened, st, hits) = cold(&m, &data, false, q, limit);
            let s = Searcher::open_chunked(directory(&m, &data, false)).unwrap();
            // Warm latency (every chunk cached): the median of 21 runs.
            s.search(q, &[], limit).unwrap();
            let mut times: Vec<u128> = (0..21)
                .map(|_| {
                    let t = std::time::Instant::now();
                    s.search(q, &[], limit).unwrap();
                    t.elapsed().as_micros()
                })
                .collect();
            times.sort_unstable();
            line.push_str(&format!(
                "  [{q}] open {}K in {} req, total {}K: {} chunks in {} requests, {} hits, warm {} µs;",
                opened.bytes / 1024,
                opened.requests,
                st.bytes / 1024,
                st.chunks,
                st.requests,
                hits,
                times[10]
            ));
        }
        println!("{line}");
    }
    // A host ignoring Range: every read brings its whole pack.
    for pack_chunks in [16u64, 64, 256, 1024] {
        let mut m = manifest.clone();
        m.pack_chunks = pack_chunks;
        let mut line = format!(
            "no Range, {pack_chunks:>4} chunks/pack ({} packs):",
            m.pack_count()
        );
        for q in queries {
            let (_, st, _) = cold(&m, &data, true, q, limit);
            line.push_str(&format!(
                "  [{q}] {}K in {} requests;",
                st.bytes / 1024,
                st.requests
            ));
        }
        println!("{line}");
    }
    // Where a cold query's chunks fall, by index file (as shipped).
    for q in queries {
        let d = directory(&manifest, &data, false);
        let s = Searcher::open_chunked(d.clone()).unwrap();
        s.search(q, &[], limit).unwrap();
        let mut line = format!("[{q}] chunks by file:");
        for f in &manifest.files {
            let range = manifest.chunks_of(f.offset..f.offset + f.len);
            let n = d
                .cached_chunks()
                .iter()
                .filter(|c| range.contains(c))
                .count();
            if n > 0 {
                let ext = f.name.rsplit('.').next().unwrap_or(&f.name);
                line.push_str(&format!(" {ext} {n} of {};", range.len()));
            }
        }
        println!("{line}");
    }
    // One after another, against batches of parallel reads.
    for q in queries {
        let (opened, st, _) = cold(&manifest, &data, false, q, limit);
        let (rounds, requests, bytes) = batched(&manifest, &data, q, limit);
        println!(
            "[{q}] after opening: one by one {} requests, {} bytes; batched {rounds} round trips, {requests} requests, {bytes} bytes",
            st.requests - opened.requests,
            st.bytes - opened.bytes,
        );
    }
}
