//! `sopkb search` on a damaged index: each kind of damage is exit 2 with a
//! message naming the file and what is wrong (and `sopkb build`), never a
//! panic (exit 101) or a huge allocation.

use crate::common;

use common::{Project, Run};
use serde_json::Value;
use sopkb::cmd::search::{query as search_in_process, SearchOptions};
use sopkb::diag::Lang;
use sopkb_search::chunk::{pack_name, seal_chunk, Manifest, TAG_LEN};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The minimal project with 12 more SOPs: an index of several chunks (in
/// one pack file).
fn project() -> Project {
    let p = Project::valid();
    for n in 2..14 {
        let sop = common::SOP
            .replace("1/UJI/2024", &format!("{n}/UJI/2024"))
            .replace("Contoh Prosedur", &format!("Prosedur {n}"));
        p.write(&format!("sops/contoh-{n}.yaml"), &sop);
    }
    p
}

/// The search index of [`project`], built once.
fn built_index() -> &'static Path {
    static SITE: OnceLock<(Project, PathBuf)> = OnceLock::new();
    let (_, site) = SITE.get_or_init(|| {
        let p = project();
        let site = p.path("public");
        let run = p.run(&["build"]);
        run.assert_no_panic();
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        (p, site)
    });
    site
}

/// A copy of the built site's index, damaged by `damage(index_dir)`.
struct Damaged {
    _tmp: tempfile::TempDir,
    site: PathBuf,
}

impl Damaged {
    fn new(damage: impl FnOnce(&Path)) -> Damaged {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let index = site.join("search/index");
        std::fs::create_dir_all(&index).unwrap();
        for e in std::fs::read_dir(built_index().join("search/index")).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), index.join(e.file_name())).unwrap();
        }
        damage(&index);
        Damaged { _tmp: tmp, site }
    }

    fn search(&self, env: &[(&str, &str)]) -> Run {
        let site = self.site.to_str().unwrap();
        let run = common::run_in(
            self.site.parent().unwrap(),
            &["search", "--site", site, "kerja sama"],
            env,
        );
        run.assert_no_panic();
        run
    }
}

fn chunks(index: &Path) -> usize {
    manifest(index)["total"].as_u64().unwrap().div_ceil(4096) as usize
}

fn manifest(index: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(index.join("manifest.json")).unwrap()).unwrap()
}

fn edit_manifest(index: &Path, edit: impl FnOnce(&mut Value)) {
    let mut m = manifest(index);
    edit(&mut m);
    std::fs::write(index.join("manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
}

/// Bytes of pack 0 (tags included): the whole index here.
fn pack_len(index: &Path) -> u64 {
    let m = manifest(index);
    assert!(chunks(index) as u64 <= m["pack_chunks"].as_u64().unwrap());
    m["total"].as_u64().unwrap() + (TAG_LEN * chunks(index)) as u64
}

/// Edits bytes of pack 0.
fn edit_pack(index: &Path, edit: impl FnOnce(&mut Vec<u8>)) {
    let p = index.join(pack_name(0));
    let mut b = std::fs::read(&p).unwrap();
    edit(&mut b);
    std::fs::write(p, b).unwrap();
}

/// Where chunk `n` starts in pack 0.
fn at(n: usize) -> usize {
    n * (4096 + TAG_LEN)
}

/// Searches the damaged copy: exit 2, the file named (`file` may be a
/// prefix), `wants`
/// in the message, a rebuild suggested.
fn fails(damage: impl FnOnce(&Path), file: &str, wants: &[&str]) {
    let d = Damaged::new(damage);
    let run = d.search(&[]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    let file = d.site.join("search/index").join(file);
    let err = &run.stderr;
    assert!(
        err.contains(&format!("sopkb: {}", file.display())),
        "{file:?} not named: {err}"
    );
    assert!(err.contains("sopkb build"), "{err}");
    for w in wants {
        assert!(err.contains(w), "`{w}` missing: {err}");
    }
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_intact_copy_searches() {
    let d = Damaged::new(|_| {});
    let run = d.search(&[]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.contains("/sop/contoh-13/"), "{run:?}");
}

#[test]
fn manifest_numbers_past_every_bound() {
    fails(
        |i| edit_manifest(i, |m| m["files"][1]["offset"] = u64::MAX.into()),
        "manifest.json",
        &["mulai di byte 18446744073709551615"],
    );
    fails(
        |i| edit_manifest(i, |m| m["files"][0]["len"] = u64::MAX.into()),
        "manifest.json",
        &["melewati akhir paket"],
    );
    fails(
        |i| {
            edit_manifest(i, |m| {
                m["chunk_size"] = 1.into();
                m["total"] = u64::MAX.into();
            })
        },
        "manifest.json",
        &["melebihi 4294967295 potongan"],
    );
    fails(
        |i| edit_manifest(i, |m| m["chunk_size"] = 0.into()),
        "manifest.json",
        &["chunk_size 0 di luar"],
    );
    fails(
        |i| edit_manifest(i, |m| m["total"] = (1u64 << 40).into()),
        "manifest.json",
        &["padahal total 1099511627776"],
    );
}

#[test]
fn a_huge_but_consistent_manifest_allocates_nothing() {
    // The last file grows by 1 TiB, `total` with it: a tiling a reader
    // accepts, of 2^28 more chunks than exist. The first short or missing
    // one stops the check.
    fails(
        |i| {
            edit_manifest(i, |m| {
                let files = m["files"].as_array_mut().unwrap();
                let last = files.last_mut().unwrap();
                last["len"] = (last["len"].as_u64().unwrap() + (1 << 40)).into();
                m["total"] = (m["total"].as_u64().unwrap() + (1 << 40)).into();
            })
        },
        &pack_name(0),
        &["seharusnya 1049600 (terpotong)"],
    );
}

#[test]
fn a_manifest_that_is_no_manifest() {
    fails(
        |i| std::fs::write(i.join("manifest.json"), "bukan json").unwrap(),
        "manifest.json",
        &["bukan manifest yang sah"],
    );
    fails(
        |i| std::fs::write(i.join("manifest.json"), [0xff, 0, 7]).unwrap(),
        "manifest.json",
        &["bukan manifest yang sah"],
    );
    fails(
        |i| edit_manifest(i, |m| m["files"] = "x".into()),
        "manifest.json",
        &["bukan manifest yang sah"],
    );
    fails(
        |i| edit_manifest(i, |m| m["version"] = 1.into()),
        "manifest.json",
        &["versi format indeks 1; sopkb ini membaca versi 3"],
    );
    // Bigger than any manifest: not read past 64 MiB.
    fails(
        |i| {
            let f = std::fs::File::create(i.join("manifest.json")).unwrap();
            f.set_len((64 << 20) + 1).unwrap();
        },
        "manifest.json",
        &["lebih dari 67108864 byte: bukan manifest"],
    );
}

/// A pipe would block a read for ever: refused before reading.
#[cfg(unix)]
#[test]
fn a_pipe_or_folder_instead_of_a_file() {
    let mkfifo = |p: &Path| {
        let ok = std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "mkfifo {p:?}");
    };
    fails(
        |i| {
            std::fs::remove_file(i.join("manifest.json")).unwrap();
            mkfifo(&i.join("manifest.json"));
        },
        "manifest.json",
        &["bukan berkas biasa"],
    );
    fails(
        |i| {
            std::fs::remove_file(i.join(pack_name(0))).unwrap();
            mkfifo(&i.join(pack_name(0)));
        },
        "pack-00000.bin",
        &["bukan berkas biasa"],
    );
    fails(
        |i| {
            std::fs::remove_file(i.join(pack_name(0))).unwrap();
            std::fs::create_dir(i.join(pack_name(0))).unwrap();
        },
        "pack-00000.bin",
        &["bukan berkas biasa"],
    );
}

#[test]
fn a_manifest_changed_after_the_build_fails_the_checksums() {
    fails(
        |i| edit_manifest(i, |m| m["docs"] = 1000.into()),
        "pack-00000.bin",
        &["checksum tidak cocok"],
    );
}

#[test]
fn damaged_packs() {
    let index = built_index().join("search/index");
    let (n, len) = (chunks(&index), pack_len(&index));
    assert!(n >= 3, "{n} chunks");
    // The last chunk holds `meta.json` (last in name order), which opening
    // the index always reads.
    fails(
        |i| edit_pack(i, |b| b[at(n - 1) + 10] ^= 0x20),
        "pack-00000.bin",
        &["potongan", "checksum tidak cocok"],
    );
    fails(
        |i| edit_pack(i, |b| b[..at(1)].fill(0x5a)),
        "pack-00000.bin",
        &["checksum tidak cocok"],
    );
    fails(
        |i| std::fs::write(i.join(pack_name(0)), b"garbage").unwrap(),
        "pack-00000.bin",
        &[format!("7 byte, seharusnya {len} (terpotong)").as_str()],
    );
    fails(
        |i| edit_pack(i, |b| b.truncate(at(n - 1))),
        "pack-00000.bin",
        &["(terpotong)"],
    );
    fails(
        |i| edit_pack(i, |b| b.extend_from_slice(&[0; 100])),
        "pack-00000.bin",
        &[format!("lebih dari {len} byte yang seharusnya").as_str()],
    );
    fails(
        |i| std::fs::remove_file(i.join(pack_name(0))).unwrap(),
        "pack-00000.bin",
        &["berkas tidak ada"],
    );
    // Two chunks swapped: each fails its tag (its index is in it).
    fails(
        |i| {
            edit_pack(i, |b| {
                let first = b[..at(1)].to_vec();
                let second = b[at(1)..at(2)].to_vec();
                b[..at(1)].copy_from_slice(&second);
                b[at(1)..at(2)].copy_from_slice(&first);
            })
        },
        "pack-00000.bin",
        &["checksum tidak cocok"],
    );
    // A pack under another name: its chunks' indexes are not theirs.
    fails(
        |i| {
            std::fs::rename(i.join(pack_name(0)), i.join(pack_name(1))).unwrap();
        },
        "pack-00000.bin",
        &["berkas tidak ada"],
    );
}

#[test]
fn a_pack_left_over_from_another_build() {
    let other = project();
    other.replace(common::SOP_PATH, "Mengajukan", "Menyampaikan");
    let run = other.run(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let theirs = std::fs::read(other.path("public/search/index").join(pack_name(0))).unwrap();
    // Their first chunk in place of ours (same length): its tag fails.
    let first = theirs[..at(1)].to_vec();
    fails(
        move |i| edit_pack(i, |b| b[..at(1)].copy_from_slice(&first)),
        "pack-00000.bin",
        &["checksum tidak cocok", "build lain"],
    );
    // Their whole pack: another length, or tags of another build.
    fails(
        move |i| std::fs::write(i.join(pack_name(0)), theirs).unwrap(),
        "pack-00000.bin",
        &[],
    );
}

#[test]
fn messages_in_english() {
    let d = Damaged::new(|i| std::fs::remove_file(i.join(pack_name(0))).unwrap());
    let run = d.search(&[("SOPKB_LANG", "en")]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("pack-00000.bin: the file is missing; the search index is damaged or from another version: rebuild it with `sopkb build`"),
        "{}",
        run.stderr
    );
}

/// Pack files re-cut from `pack` (the tantivy files back to back) and
/// sealed under `manifest`, as a forger would.
fn forge(index: &Path, manifest: &Manifest, pack: &[u8]) {
    std::fs::write(
        index.join("manifest.json"),
        serde_json::to_vec(manifest).unwrap(),
    )
    .unwrap();
    let key = manifest.key();
    let sealed: Vec<Vec<u8>> = pack
        .chunks(manifest.chunk_size as usize)
        .enumerate()
        .map(|(n, c)| seal_chunk(key, n, c))
        .collect();
    for (p, chunks) in sealed.chunks(manifest.pack_chunks as usize).enumerate() {
        std::fs::write(index.join(pack_name(p)), chunks.concat()).unwrap();
    }
}

/// A forged index (damaged bytes under recomputed tags) reaches tantivy,
/// which panics on some: `sopkb search` reports it (exit 2), never
/// panics. The first such forgery of a fixed sequence of bit flips is found
/// in process, then run through the binary.
#[test]
fn tantivy_panicking_on_a_forged_index_is_an_error() {
    let index = built_index().join("search/index");
    let manifest = Manifest::parse(&std::fs::read(index.join("manifest.json")).unwrap()).unwrap();
    let file = std::fs::read(index.join(pack_name(0))).unwrap();
    let mut pack = Vec::new();
    for sealed in file.chunks(4096 + TAG_LEN) {
        pack.extend_from_slice(&sealed[..sealed.len() - TAG_LEN]);
    }
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let forged = site.join("search/index");
    std::fs::create_dir_all(&forged).unwrap();
    let mut found = false;
    for _ in 0..500 {
        let mut bytes = pack.clone();
        let at = (next() % bytes.len() as u64) as usize;
        bytes[at] ^= 1 << (next() % 8);
        forge(&forged, &manifest, &bytes);
        let opts = SearchOptions {
            site: site.clone(),
            query: "kerja sama permohonan".into(),
            kinds: Vec::new(),
            limit: 10,
            json: false,
            stats: false,
        };
        if let Err(e) = search_in_process(&opts, Lang::En) {
            if e.contains("its reader failed") {
                found = true;
                break;
            }
        }
    }
    assert!(found, "no forgery made tantivy panic");
    let run = common::run_in(
        tmp.path(),
        &[
            "search",
            "--site",
            site.to_str().unwrap(),
            "kerja sama permohonan",
        ],
        &[],
    );
    run.assert_no_panic();
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr
            .contains("indeks pencarian rusak: pembacanya gagal"),
        "{}",
        run.stderr
    );
}
