//! A damaged index never panics the reader: thousands of deterministic
//! pseudo-random mutations of a real pack (bit flips, truncations, garbage,
//! missing or swapped chunks, extreme numbers in the manifest), each opened
//! and searched, every file then read whole. The byte layer must turn each
//! into an error (`IndexError`), and tantivy must never see damaged bytes.
//! (The fuzz target `fuzz/fuzz_targets/index_reader.rs` does the same with
//! coverage guidance, on nightly.)
#![cfg(feature = "writer")]

use serde_json::Value;
use sopkb_search::writer::{build_with_chunk_size, Pack, SearchDoc};
use sopkb_search::{ChunkDirectory, Kind, Manifest, Searcher, Synonyms};
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use tantivy::Directory;

/// SplitMix64: a fixed seed gives the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn docs() -> Vec<SearchDoc> {
    (0..60)
        .map(|i| SearchDoc {
            body: format!(
                "Langkah {i}: naskah PKS dan perjanjian kerja sama daerah nomor {} disusun",
                i * 7
            ),
            extra: format!("Bagian Hukum {i} hari"),
            sop: Some(format!("sop-{}", i % 5)),
            step: Some(i),
            ..SearchDoc::new(
                if i % 3 == 0 { Kind::Sop } else { Kind::Langkah },
                format!("/sop/{}/#langkah-{i}", i % 5),
                format!("Menyusun rancangan {i} legal drafting"),
            )
        })
        .collect()
}

fn real_pack() -> Pack {
    // Small chunks: many chunks, reads across chunk boundaries.
    build_with_chunk_size(&docs(), &Synonyms::builtin(), 256).unwrap()
}

/// Opens and searches an index given as files, then reads every packed file
/// whole: `Ok` only when nothing was found wrong.
fn use_index(manifest: &[u8], chunks: &[Option<Vec<u8>>]) -> Result<usize, String> {
    let manifest = Manifest::parse(manifest).map_err(|e| e.to_string())?;
    let files: Vec<Option<Vec<u8>>> = chunks.to_vec();
    let dir = ChunkDirectory::over_chunks(manifest, move |i| {
        files
            .get(i)
            .cloned()
            .flatten()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    })
    .map_err(|e| e.to_string())?;
    let fail = |e: &dyn std::fmt::Display| match dir.damage() {
        Some(d) => d.to_string(),
        None => e.to_string(),
    };
    let s = Searcher::open_chunked(dir.clone()).map_err(|e| fail(&e))?;
    let mut hits = 0;
    for q in [
        "legal drafting",
        "\"perjanjian kerja\"",
        "PKS jenis:sop",
        "zzz",
    ] {
        hits += s.search(q, &[], usize::MAX).map_err(|e| fail(&e))?.len();
    }
    for f in &dir.manifest().files {
        dir.atomic_read(Path::new(&f.name)).map_err(|e| fail(&e))?;
    }
    Ok(hits)
}

#[derive(Clone)]
struct Files {
    manifest: Vec<u8>,
    chunks: Vec<Option<Vec<u8>>>,
}

impl Files {
    fn of(pack: &Pack) -> Files {
        Files {
            manifest: pack.manifest_bytes(),
            chunks: pack.chunks.iter().cloned().map(Some).collect(),
        }
    }
}

/// Numbers worth trying in a manifest field.
fn extreme(rng: &mut Rng, was: u64) -> u64 {
    match rng.below(8) {
        0 => u64::MAX,
        1 => u64::MAX - 1,
        2 => 0,
        3 => was.wrapping_add(1),
        4 => was.wrapping_sub(1),
        5 => 1 << rng.below(64),
        6 => (u32::MAX as u64) + 1,
        _ => rng.next(),
    }
}

/// Sets one numeric field of the manifest JSON to an extreme value.
fn edit_number(rng: &mut Rng, manifest: &[u8]) -> Vec<u8> {
    let Ok(mut v) = serde_json::from_slice::<Value>(manifest) else {
        return manifest.to_vec(); // an earlier mutation broke the JSON
    };
    let nfiles = v["files"].as_array().map_or(0, Vec::len);
    let fields = if nfiles == 0 { 6 } else { 8 };
    let slot: &mut Value = match rng.below(fields) {
        0 => &mut v["chunk_size"],
        5 => &mut v["pack_chunks"],
        1 => &mut v["total"],
        2 => &mut v["docs"],
        3 => &mut v["pack_crc32"],
        4 => &mut v["version"],
        6 => &mut v["files"][rng.below(nfiles)]["len"],
        _ => &mut v["files"][rng.below(nfiles)]["offset"],
    };
    let was = slot.as_u64().unwrap_or(0);
    *slot = Value::from(extreme(rng, was));
    serde_json::to_vec(&v).unwrap()
}

/// Structural edits of the file list.
fn edit_files(rng: &mut Rng, manifest: &[u8]) -> Vec<u8> {
    let Ok(mut v) = serde_json::from_slice::<Value>(manifest) else {
        return manifest.to_vec();
    };
    let Some(files) = v["files"].as_array_mut().filter(|f| !f.is_empty()) else {
        return manifest.to_vec();
    };
    let i = rng.below(files.len());
    let j = rng.below(files.len());
    match rng.below(5) {
        0 => {
            files.remove(i);
        }
        1 => {
            let f = files[i].clone();
            files.insert(j, f);
        }
        2 => files.swap(i, j),
        3 => files[i]["name"] = Value::from(format!("x{}", rng.next())),
        _ => {
            let (a, b) = (files[i]["len"].clone(), files[j]["len"].clone());
            files[i]["len"] = b;
            files[j]["len"] = a;
        }
    }
    serde_json::to_vec(&v).unwrap()
}

fn flip_bits(rng: &mut Rng, bytes: &mut [u8]) {
    if bytes.is_empty() {
        return;
    }
    for _ in 0..1 + rng.below(3) {
        let i = rng.below(bytes.len());
        bytes[i] ^= 1 << rng.below(8);
    }
}

/// One mutation of `f` (the name says which, for failure messages).
fn mutate(rng: &mut Rng, f: &mut Files) -> &'static str {
    let n = f.chunks.len();
    let c = rng.below(n);
    match rng.below(11) {
        0 => {
            if let Some(b) = f.chunks[c].as_mut() {
                flip_bits(rng, b);
            }
            "chunk bit flip"
        }
        1 => {
            if let Some(b) = f.chunks[c].as_mut() {
                let keep = rng.below(b.len());
                b.truncate(keep);
            }
            "chunk truncated"
        }
        2 => {
            if let Some(b) = f.chunks[c].as_mut() {
                for _ in 0..1 + rng.below(300) {
                    b.push(rng.next() as u8);
                }
            }
            "chunk extended"
        }
        3 => {
            f.chunks[c] = None;
            "chunk missing"
        }
        4 => {
            let other = f.chunks[rng.below(n)].clone();
            if other == f.chunks[c] {
                f.chunks[c] = None;
            } else {
                f.chunks[c] = other;
            }
            "chunk replaced by another"
        }
        5 => {
            if let Some(b) = f.chunks[c].as_mut() {
                let len = b.len();
                *b = (0..len).map(|_| rng.next() as u8).collect();
            }
            "chunk garbage"
        }
        6 => {
            f.manifest = edit_number(rng, &f.manifest);
            "manifest number"
        }
        7 => {
            f.manifest = edit_files(rng, &f.manifest);
            "manifest file list"
        }
        8 => {
            flip_bits(rng, &mut f.manifest);
            "manifest bit flip"
        }
        9 => {
            let keep = rng.below(f.manifest.len());
            f.manifest.truncate(keep);
            "manifest truncated"
        }
        _ => {
            f.chunks.pop();
            "last chunk gone"
        }
    }
}

#[test]
fn the_intact_pack_reads() {
    let f = Files::of(&real_pack());
    let hits = use_index(&f.manifest, &f.chunks).unwrap();
    assert!(hits > 0);
}

#[test]
fn thousands_of_mutations_never_panic_and_are_all_detected() {
    let pack = real_pack();
    let intact = Files::of(&pack);
    assert!(intact.chunks.len() > 20, "{} chunks", intact.chunks.len());
    let mut rng = Rng(0x5eed_50bc);
    let mut panics = Vec::new();
    let mut undetected = Vec::new();
    let runs = 3000;
    for run in 0..runs {
        let mut f = intact.clone();
        let mut what = Vec::new();
        for _ in 0..1 + rng.below(2) {
            what.push(mutate(&mut rng, &mut f));
        }
        let same_manifest = Manifest::parse(&f.manifest).ok() == Some(pack.manifest.clone());
        let unchanged = same_manifest && f.chunks == intact.chunks;
        match catch_unwind(AssertUnwindSafe(|| use_index(&f.manifest, &f.chunks))) {
            Err(_) => panics.push((run, what)),
            Ok(Ok(_)) if !unchanged => undetected.push((run, what)),
            Ok(_) => {}
        }
    }
    assert!(
        panics.is_empty(),
        "{} panics: {:?}",
        panics.len(),
        &panics[..panics.len().min(10)]
    );
    assert!(
        undetected.is_empty(),
        "{} mutations read without error: {:?}",
        undetected.len(),
        &undetected[..undetected.len().min(10)]
    );
}

/// A manifest's synonyms reach the analyzer as written (deserializing skips
/// `Synonyms::insert`'s clean-up): keys with spaces, capitals or nothing,
/// empty or self-referring expansions must analyze, parse and snippet
/// any text without a panic.
#[test]
fn arbitrary_synonyms_never_panic_the_analyzer() {
    use sopkb_search::{query, snippet, Analyzer};
    use std::collections::BTreeSet;
    const WORDS: &[&str] = &[
        "pks",
        "PKS",
        "perjanjian",
        "kerja",
        "sama",
        "",
        " ",
        "é",
        "ǅ",
        "kerjasama",
        "a",
        "1",
        "ß",
        "İ",
        "naskah",
        "\"",
        "jenis:sop",
        "-",
        "ﬁ",
        "\u{301}",
    ];
    let mut rng = Rng(0xa115_eed0);
    let phrase = |rng: &mut Rng, max: usize| -> String {
        let seps = [" ", "", "-", "/", "\n", " \u{a0}"];
        (0..rng.below(max + 1))
            .map(|_| {
                format!(
                    "{}{}",
                    WORDS[rng.below(WORDS.len())],
                    seps[rng.below(seps.len())]
                )
            })
            .collect()
    };
    for _ in 0..2000 {
        let mut map = serde_json::Map::new();
        for _ in 0..rng.below(5) {
            let key = phrase(&mut rng, 2);
            let values: Vec<Value> = (0..rng.below(4))
                .map(|_| Value::from(phrase(&mut rng, 4)))
                .collect();
            map.insert(key, Value::from(values));
        }
        let synonyms: Synonyms = serde_json::from_value(Value::Object(map)).unwrap();
        let a = Analyzer::new(&synonyms);
        let text = phrase(&mut rng, 12);
        let tokens = a.tokens(&text);
        for t in &tokens {
            assert!(
                text.get(t.offset_from..t.offset_to).is_some(),
                "{text:?}: {t:?}"
            );
        }
        let terms: BTreeSet<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let _ = snippet::snippet(&a, &text, &terms, 1 + rng.below(40));
        let _ = query::parse(&a, &text);
        let _ = a.query_tokens(&text);
    }
}
