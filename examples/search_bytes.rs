//! Bytes a cold query reads from a built site's shipped index, for several
//! chunk sizes (the pack re-cut in memory):
//! `cargo run --release --example search_bytes -- SITE_DIR LIMIT QUERY...`;
//! then, per query, which index files (postings, positions, fieldnorms,
//! store) the chunks it read belong to.

use sopkb_search::chunk::{chunk_name, seal_chunk, Manifest, MANIFEST, TAG_LEN};
use sopkb_search::{ChunkDirectory, Searcher};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, limit, queries @ ..] = args.as_slice() else {
        eprintln!("usage: search_bytes SITE_DIR LIMIT QUERY...");
        std::process::exit(2);
    };
    let limit: usize = limit.parse().expect("LIMIT is a number");
    let dir = Path::new(site).join("search/index");
    let manifest = Manifest::parse(&std::fs::read(dir.join(MANIFEST)).unwrap()).unwrap();
    let mut pack = Vec::new();
    for i in 0..manifest.chunk_count() {
        let file = std::fs::read(dir.join(chunk_name(i))).unwrap();
        pack.extend_from_slice(&file[..file.len() - TAG_LEN]);
    }
    println!("index {} bytes, {} docs", manifest.total, manifest.docs);
    for size in [65536u64, 32768, 16384, 8192, 4096] {
        let mut m = manifest.clone();
        m.chunk_size = size;
        let mut line = format!("chunk {size:>6}:");
        for q in queries {
            let data = pack.clone();
            let key = m.key();
            let d = ChunkDirectory::new(m.clone(), move |i| {
                let s = i * size as usize;
                Ok(seal_chunk(
                    key,
                    i,
                    &data[s..(s + size as usize).min(data.len())],
                ))
            })
            .unwrap();
            let s = Searcher::open_chunked(d.clone()).unwrap();
            let opened = d.stats();
            let hits = s.search(q, &[], limit).unwrap();
            let st = d.stats();
            // Warm latency (every chunk cached): the median of 21 runs.
            let mut times: Vec<u128> = (0..21)
                .map(|_| {
                    let t = std::time::Instant::now();
                    s.search(q, &[], limit).unwrap();
                    t.elapsed().as_micros()
                })
                .collect();
            times.sort_unstable();
            line.push_str(&format!(
                "  [{q}] open {}K, total {}K in {} chunks, {} hits, warm {} µs;",
                opened.bytes / 1024,
                st.bytes / 1024,
                st.chunks,
                hits.len(),
                times[10]
            ));
        }
        println!("{line}");
    }
    // Where a cold query's chunks fall, by index file (at the shipped size).
    for q in queries {
        let data = pack.clone();
        let size = manifest.chunk_size as usize;
        let key = manifest.key();
        let d = ChunkDirectory::new(manifest.clone(), move |i| {
            Ok(seal_chunk(
                key,
                i,
                &data[i * size..((i + 1) * size).min(data.len())],
            ))
        })
        .unwrap();
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
}
