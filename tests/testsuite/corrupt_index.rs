//! `sopkb search` on a damaged index: each kind of damage is exit 2 with a
//! message naming the file and what is wrong (and `sopkb build`), never a
//! panic (exit 101) or a huge allocation.

use crate::common;

use common::{Project, Run};
use serde_json::Value;
use sopkb::cmd::search::{query as search_in_process, SearchOptions};
use sopkb::diag::Lang;
use sopkb_search::chunk::{chunk_name, seal_chunk, Manifest, TAG_LEN};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The minimal project with 12 more SOPs: an index of several chunks.
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

/// The last chunk: it holds `meta.json` (last in name order), which opening
/// the index always reads.
fn last_chunk(index: &Path) -> PathBuf {
    index.join(chunk_name(chunks(index) - 1))
}

/// Searches the damaged copy: exit 2, the file named (`file` may be a
/// prefix, e.g. `chunk-` for whichever chunk a read meets first), `wants`
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
        &chunk_name(chunks(built_index().join("search/index").as_path()) - 1),
        &["seharusnya 4100 (terpotong)"],
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
        &["versi format indeks 1; sopkb ini membaca versi 2"],
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
            std::fs::remove_file(i.join(chunk_name(1))).unwrap();
            mkfifo(&i.join(chunk_name(1)));
        },
        "chunk-00001.bin",
        &["bukan berkas biasa"],
    );
    fails(
        |i| {
            std::fs::remove_file(i.join(chunk_name(0))).unwrap();
            std::fs::create_dir(i.join(chunk_name(0))).unwrap();
        },
        "chunk-00000.bin",
        &["bukan berkas biasa"],
    );
}

#[test]
fn a_manifest_changed_after_the_build_fails_the_checksums() {
    fails(
        |i| edit_manifest(i, |m| m["docs"] = 1000.into()),
        "chunk-",
        &["checksum tidak cocok"],
    );
}

#[test]
fn damaged_chunks() {
    fails(
        |i| {
            let p = last_chunk(i);
            let mut b = std::fs::read(&p).unwrap();
            let n = b.len() / 2;
            b[n] ^= 0x20;
            std::fs::write(p, b).unwrap();
        },
        &chunk_name(chunks(&built_index().join("search/index")) - 1),
        &["checksum tidak cocok"],
    );
    fails(
        |i| std::fs::write(i.join(chunk_name(0)), vec![0x5a; 4096 + TAG_LEN]).unwrap(),
        "chunk-00000.bin",
        &["checksum tidak cocok"],
    );
    fails(
        |i| std::fs::write(i.join(chunk_name(0)), b"garbage").unwrap(),
        "chunk-00000.bin",
        &["7 byte, seharusnya 4100 (terpotong)"],
    );
    fails(
        |i| {
            let p = i.join(chunk_name(0));
            let mut b = std::fs::read(&p).unwrap();
            b.extend_from_slice(&[0; 100]);
            std::fs::write(p, b).unwrap();
        },
        "chunk-00000.bin",
        &["lebih dari 4100 byte yang seharusnya"],
    );
    fails(
        |i| std::fs::remove_file(i.join(chunk_name(1))).unwrap(),
        "chunk-00001.bin",
        &["berkas tidak ada"],
    );
    // Two chunks swapped: each fails its tag (the index is in it).
    fails(
        |i| {
            let (a, b) = (i.join(chunk_name(0)), i.join(chunk_name(1)));
            let (x, y) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
            std::fs::write(a, y).unwrap();
            std::fs::write(b, x).unwrap();
        },
        "chunk-0000",
        &["checksum tidak cocok"],
    );
}

#[test]
fn a_chunk_left_over_from_another_build() {
    let other = project();
    other.replace(common::SOP_PATH, "Mengajukan", "Menyampaikan");
    let run = other.run(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let theirs = other.path("public/search/index").join(chunk_name(0));
    fails(
        |i| {
            std::fs::copy(theirs, i.join(chunk_name(0))).unwrap();
        },
        "chunk-00000.bin",
        &["checksum tidak cocok", "build lain"],
    );
}

#[test]
fn messages_in_english() {
    let d = Damaged::new(|i| std::fs::remove_file(i.join(chunk_name(0))).unwrap());
    let run = d.search(&[("SOPKB_LANG", "en")]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("chunk-00000.bin: the file is missing; the search index is damaged or from another version: rebuild it with `sopkb build`"),
        "{}",
        run.stderr
    );
}

/// Chunk files re-cut from `pack` (the tantivy files back to back) and
/// sealed under `manifest`, as a forger would.
fn forge(index: &Path, manifest: &Manifest, pack: &[u8]) {
    std::fs::write(
        index.join("manifest.json"),
        serde_json::to_vec(manifest).unwrap(),
    )
    .unwrap();
    let key = manifest.key();
    for (n, c) in pack.chunks(manifest.chunk_size as usize).enumerate() {
        std::fs::write(index.join(chunk_name(n)), seal_chunk(key, n, c)).unwrap();
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
    let mut pack = Vec::new();
    for n in 0..chunks(&index) {
        let file = std::fs::read(index.join(chunk_name(n))).unwrap();
        pack.extend_from_slice(&file[..file.len() - TAG_LEN]);
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
