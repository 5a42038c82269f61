//! A query's reads fetched in parallel batches (`Searcher::search_batched`):
//! a few rounds, nothing fetched outside them, the hits of a plain search,
//! and exactly the chunks a plain search reads (no extra bytes).
#![cfg(feature = "writer")]

use sopkb_search::writer::{build, Pack, SearchDoc};
use sopkb_search::{Batched, ChunkDirectory, Kind, Searcher, Synonyms};

mod common;
use common::{numbers, word};

fn large() -> (Vec<SearchDoc>, Pack) {
    let mut next = numbers(11);
    let docs: Vec<SearchDoc> = (0..3000)
        .map(|i| {
            let body: Vec<String> = (0..120).map(|_| word(next() % 5_000)).collect();
            let kind = if i % 3 == 0 {
                Kind::Langkah
            } else {
                Kind::Pengetahuan
            };
            SearchDoc {
                body: format!("{} kerja sama daerah", body.join(" ")),
                ..SearchDoc::new(
                    kind,
                    format!("/p/{i}/"),
                    format!("Halaman {} {}", word(i), word(i * 7)),
                )
            }
        })
        .collect();
    let pack = build(&docs, &Synonyms::builtin()).unwrap();
    (docs, pack)
}

fn open(pack: &Pack) -> (Searcher, ChunkDirectory) {
    let chunks = pack.chunks.clone();
    let dir =
        ChunkDirectory::over_chunks(pack.manifest.clone(), move |i| Ok(chunks[i].clone())).unwrap();
    (Searcher::open_chunked(dir.clone()).unwrap(), dir)
}

/// Hands `chunks` of `pack` to `dir`, one read per run of adjacent chunks.
fn insert(dir: &ChunkDirectory, pack: &Pack, chunks: &[usize]) {
    for r in dir.manifest().requests(chunks) {
        let bytes: Vec<u8> = r
            .chunks
            .clone()
            .flat_map(|c| pack.chunks[c].clone())
            .collect();
        dir.insert_bytes(r.pack, r.bytes.start, &bytes).unwrap();
    }
}

#[test]
fn a_query_fetches_in_a_few_batches_exactly_what_it_reads() {
    let (docs, pack) = large();
    let queries = [
        docs[1234].body[..30].to_owned(),
        format!("\"{}\"", &docs[99].title),
        "kerja sama".to_owned(),
        format!("jenis:langkah {}", &docs[7].body[..12]),
        "tidakadasamasekali".to_owned(),
    ];
    // Each query on a fresh pair of readers: the first cold, the others
    // after another query.
    for (i, q) in queries.iter().enumerate() {
        let (plain, plain_dir) = open(&pack);
        let (batched, dir) = open(&pack);
        if i > 0 {
            let warm_up = &queries[(i + 1) % queries.len()];
            plain.search(warm_up, &[], 10).unwrap();
            batched.search(warm_up, &[], 10).unwrap();
        }
        // The term dictionaries first, as the browser worker opens them: a
        // few dependent reads, every field at once.
        let mut opening = 0;
        loop {
            let missing = batched.open_fields_batched(&dir);
            if missing.is_empty() {
                break;
            }
            opening += 1;
            assert!(
                opening <= 5,
                "{q}: opening round {opening} misses {missing:?}"
            );
            insert(&dir, &pack, &missing);
        }
        let opened = dir.stats();
        let mut rounds = 0;
        let hits = loop {
            match batched.search_batched(&dir, q, &[], 10).unwrap() {
                Batched::Hits(hits) => break hits,
                Batched::Fetch(missing) => {
                    rounds += 1;
                    // Term entries, postings with norms, positions (a phrase
                    // only: read after the postings), stored documents.
                    let most = if q.starts_with('"') { 4 } else { 3 };
                    assert!(
                        rounds <= most,
                        "{q}: round {rounds} still misses {missing:?}"
                    );
                    insert(&dir, &pack, &missing);
                }
            }
        };
        assert_eq!(dir.stats(), opened, "{q}: fetched outside the batches");
        assert_eq!(hits, plain.search(q, &[], 10).unwrap(), "{q}");
        assert_eq!(
            dir.cached_chunks(),
            plain_dir.cached_chunks(),
            "{q}: the batches fetched other chunks than the search reads"
        );
    }
}

#[test]
fn a_query_with_everything_cached_answers_at_once() {
    let (_, pack) = large();
    let (s, dir) = open(&pack);
    let hits = s.search("kerja sama daerah", &[Kind::Langkah], 5).unwrap();
    assert_eq!(hits.len(), 5);
    let again = s.search_batched(&dir, "kerja sama daerah", &[Kind::Langkah], 5);
    assert_eq!(again.unwrap(), Batched::Hits(hits));
    let empty = s.search_batched(&dir, "", &[], 5);
    assert_eq!(empty.unwrap(), Batched::Hits(Vec::new()));
}
