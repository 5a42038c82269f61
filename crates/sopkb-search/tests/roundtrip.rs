//! Writer -> chunked pack -> reader, in memory.
#![cfg(feature = "writer")]

use sopkb_search::writer::{build, build_with_chunk_size, SearchDoc};
use sopkb_search::{ChunkDirectory, Kind, Searcher, Synonyms};

mod common;
use common::{numbers, word};

fn step(n: u64, kegiatan: &str, body: &str, pelaksana: &str) -> SearchDoc {
    SearchDoc {
        body: body.into(),
        extra: format!("{pelaksana} 1 hari"),
        sop: Some("magetan".into()),
        step: Some(n),
        sop_nama: Some("Penawaran Kerja Sama".into()),
        pelaksana: Some(pelaksana.into()),
        waktu: Some("1 hari".into()),
        ..SearchDoc::new(
            Kind::Langkah,
            format!("/sop/magetan/#langkah-{n}"),
            kegiatan,
        )
    }
}

fn docs() -> Vec<SearchDoc> {
    vec![
        step(
            1,
            "Mengajukan permohonan fasilitasi Kerja Sama",
            "Surat Permohonan",
            "OPD",
        ),
        step(
            8,
            "Meminta Legal Drafting Naskah Kerja Sama ke Bagian Hukum",
            "Rancangan Naskah Kerja Sama yang telah mendapat Legal Drafting",
            "Bagian Hukum",
        ),
        step(
            11,
            "Meminta Legal Drafting Naskah PKS ke Bagian Hukum",
            "Naskah PKS yang telah mendapat Legal Drafting",
            "Bagian Hukum",
        ),
        step(
            12,
            "Penandatanganan Naskah PKS",
            "Naskah PKS yang telah ditandatangani oleh Para Pihak",
            "Bupati",
        ),
        SearchDoc {
            body: "Peraturan Pemerintah tentang Kerja Sama Daerah".into(),
            ..SearchDoc::new(Kind::DasarHukum, "/dasar-hukum/pp-28-2018/", "PP 28/2018")
        },
    ]
}

fn open(chunk: u64) -> (Searcher, ChunkDirectory) {
    let pack = build_with_chunk_size(&docs(), &Synonyms::builtin(), chunk).unwrap();
    let chunks = pack.chunks.clone();
    let dir =
        ChunkDirectory::over_chunks(pack.manifest.clone(), move |i| Ok(chunks[i].clone())).unwrap();
    (Searcher::open_chunked(dir.clone()).unwrap(), dir)
}

#[test]
fn two_builds_are_byte_identical() {
    let a = build(&docs(), &Synonyms::builtin()).unwrap();
    let b = build(&docs(), &Synonyms::builtin()).unwrap();
    let (fa, fb) = (a.files(), b.files());
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&fa), names(&fb));
    for ((n, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(x == y, "{n} differs between two builds");
    }
    assert!(a.manifest.files.iter().any(|f| f.name == "meta.json"));
}

#[test]
fn finds_a_step_by_its_words_with_its_executor_and_time() {
    let (s, _) = open(1024);
    assert_eq!(s.num_docs(), 5);
    let hits = s.search("legal drafting", &[], 10).unwrap();
    assert_eq!(hits[0].step, Some(8), "{hits:#?}");
    assert_eq!(hits[0].url, "/sop/magetan/#langkah-8");
    assert_eq!(hits[0].pelaksana.as_deref(), Some("Bagian Hukum"));
    assert_eq!(hits[0].waktu.as_deref(), Some("1 hari"));
    assert!(
        hits[0]
            .snippet
            .contains("<mark>Legal</mark> <mark>Drafting</mark>"),
        "{}",
        hits[0].snippet
    );
}

#[test]
fn pks_finds_perjanjian_kerja_sama_and_back() {
    let (s, _) = open(1024);
    let hits = s
        .search("perjanjian kerja sama", &[Kind::Langkah], 10)
        .unwrap();
    assert!(hits.iter().any(|h| h.step == Some(11)), "{hits:#?}");
    let hits = s.search("\"perjanjian kerja sama\"", &[], 10).unwrap();
    assert!(hits.iter().any(|h| h.step == Some(12)), "{hits:#?}");
}

#[test]
fn stemming_finds_signing_steps() {
    let (s, _) = open(1024);
    let hits = s.search("tanda tangan", &[], 10).unwrap();
    assert_eq!(hits[0].step, Some(12), "{hits:#?}");
}

#[test]
fn kind_filter_keeps_only_that_kind() {
    let (s, _) = open(1024);
    let hits = s.search("kerja sama", &[Kind::DasarHukum], 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, Kind::DasarHukum);
    let hits = s.search("jenis:dasar-hukum kerja sama", &[], 10).unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn limit_caps_the_hits_and_empty_queries_find_nothing() {
    let (s, _) = open(1024);
    assert_eq!(s.search("kerja sama", &[], 2).unwrap().len(), 2);
    assert!(s.search("yang dan", &[], 10).unwrap().is_empty());
}

#[test]
fn reads_through_the_chunk_cache_only() {
    let (s, dir) = open(512);
    s.search("legal drafting", &[], 3).unwrap();
    let st = dir.stats();
    assert!(st.chunks >= 1 && st.bytes <= dir.manifest().shipped_bytes());
}

#[test]
fn a_query_reads_a_small_fraction_of_a_large_index() {
    let mut next = numbers(7);
    let docs: Vec<SearchDoc> = (0..3000)
        .map(|i| {
            let body: Vec<String> = (0..150).map(|_| word(next() % 20_000)).collect();
            SearchDoc {
                body: body.join(" "),
                ..SearchDoc::new(
                    Kind::Pengetahuan,
                    format!("/p/{i}/"),
                    format!("Halaman {i}"),
                )
            }
        })
        .collect();
    let pack = build(&docs, &Synonyms::builtin()).unwrap();
    let total = pack.manifest.total;
    assert!(pack.chunks.len() > 40, "index too small: {total} bytes");
    let chunks = pack.chunks.clone();
    let dir =
        ChunkDirectory::over_chunks(pack.manifest.clone(), move |i| Ok(chunks[i].clone())).unwrap();
    let s = Searcher::open_chunked(dir.clone()).unwrap();
    let hits = s.search(&docs[1234].body[..20], &[], 5).unwrap();
    assert!(!hits.is_empty());
    let read = dir.stats().bytes;
    assert!(
        read * 4 < total,
        "read {read} of {total} bytes ({} of {} chunks)",
        dir.stats().chunks,
        pack.chunks.len()
    );
}

#[test]
fn a_large_index_ignores_very_common_terms_next_to_rare_ones() {
    let docs: Vec<SearchDoc> = (0..2100)
        .map(|i| SearchDoc {
            body: if i == 777 {
                "umum langka".to_owned()
            } else {
                format!("umum biasa {}", word(i))
            },
            ..SearchDoc::new(
                Kind::Pengetahuan,
                format!("/p/{i}/"),
                format!("Halaman {i}"),
            )
        })
        .collect();
    let pack = build(&docs, &Synonyms::builtin()).unwrap();
    let chunks = pack.chunks.clone();
    let dir =
        ChunkDirectory::over_chunks(pack.manifest.clone(), move |i| Ok(chunks[i].clone())).unwrap();
    let s = Searcher::open_chunked(dir).unwrap();
    let both = s.search("umum langka", &[], 5).unwrap();
    let rare = s.search("langka", &[], 5).unwrap();
    assert_eq!(both.len(), 1, "{both:#?}");
    assert_eq!(both[0].url, "/p/777/");
    assert_eq!(both[0].score, rare[0].score);
    // The dropped term is still highlighted.
    assert!(
        both[0].snippet.contains("<mark>umum</mark>"),
        "{}",
        both[0].snippet
    );
    // Alone, a common term is searched.
    assert_eq!(s.search("umum", &[], 5).unwrap().len(), 5);
}
