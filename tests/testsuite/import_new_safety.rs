//! What `sopkb import kerja-sama` and `sopkb new` write, through the real
//! binary: only files `check` accepts (hostile cells become plain values,
//! control characters are refused at their cell), all or nothing, never
//! over a file they were not told to replace, and never through a symbolic
//! link (a folder linked out of the project would receive the files).

use crate::common;

use common::{snapshot, Project};
use std::path::Path;

const HEAD: &str = "id,jenis,dokumen,judul,objek,pihak_nama,pihak_nomor,tanggal_tanda_tangan,tanggal_berakhir,kb,keterangan\n";

/// A project with a KB and a PKS under it (as the bad-input base `full`, `bad_input/bases/full/`).
fn project() -> Project {
    let p = Project::valid();
    p.write(
        "sopkb.toml",
        "title = \"Uji\"\nbuild_date = \"2026-01-15\"\n",
    );
    p.write(
        "content/kerja-sama/kb-induk.md",
        "---\njenis: KSDD\ndokumen: KB\njudul: Kesepakatan Induk\nobjek: Sampah\n\
         para_pihak:\n  - nama: Pemerintah Kabupaten Uji\n    nomor: \"K/1\"\n  \
         - nama: Pemerintah Kabupaten Mitra\n    nomor: \"K/2\"\n\
         tanggal:\n  tanda_tangan: 2024-03-01\n  berakhir: 2029-03-01\n---\n",
    );
    p.write(
        "content/kerja-sama/pks-anak.md",
        "---\njenis: KSDD\ndokumen: PKS\njudul: Perjanjian Anak\nobjek: TPA\n\
         para_pihak:\n  - nama: Pemerintah Kabupaten Uji\n    nomor: \"P/1\"\n  \
         - nama: Pemerintah Kabupaten Mitra\n    nomor: \"P/2\"\n\
         tanggal:\n  tanda_tangan: 2024-06-01\n  berakhir: 2026-12-31\nkb: kb-induk\n---\n",
    );
    p
}

/// One CSV row (`id` may be empty); `judul` and `keterangan` as given.
fn row(id: &str, judul: &str, keterangan: &str) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    format!(
        "{id},KSDD,KB,{},Objek,\"Pemerintah Kabupaten Uji\nPemerintah Kota Mitra {id}\",\"N/{id}/1\nN/{id}/2\",2025-01-02,2028-01-01,,{}\n",
        q(judul),
        q(keterangan)
    )
}

fn import(p: &Project, csv: &str, force: bool) -> common::Run {
    p.write("data.csv", csv);
    let path = p.path("data.csv").to_string_lossy().into_owned();
    let mut args = vec!["import", "kerja-sama", path.as_str()];
    if force {
        args.push("--force");
    }
    let run = p.run(&args);
    run.assert_no_panic();
    run
}

fn registry_files(p: &Project) -> Vec<String> {
    common::entries(&p.path("content/kerja-sama"))
}

/// Values a hand-written YAML emitter gets wrong, in a title and a body.
const HOSTILE: &[&str] = &[
    "Judul\n---\nstatus: dicabut",
    "\"\njenis: KSDPL",
    "a: b # c",
    "&anchor *alias !tag !!python/object:os.system",
    "{{ site.title }} {% raw %}",
    "[a, b] {c: d}",
    "- daftar",
    "null",
    "yes",
    "0x1F",
    "---",
    "...",
    "%YAML 1.1",
    "@ ` | > ? ~",
    "'kutip' \"ganda\" \\ garis miring",
    "<script>alert(1)</script>",
];

#[test]
fn hostile_cells_import_into_files_check_accepts_with_the_same_values() {
    let p = project();
    let mut csv = HEAD.to_owned();
    for (i, v) in HOSTILE.iter().enumerate() {
        csv.push_str(&row(&format!("e{i}"), v, v));
    }
    let run = import(&p, &csv, false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let (check, report) = p.check_json();
    assert_eq!(check.code, Some(0), "{:#?}", report.diagnostics);
    assert_eq!(report.errors, 0, "{:#?}", report.diagnostics);
    let build = p.run(&["build"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&p.read("public/data/kerja-sama.json")).unwrap();
    for (i, v) in HOSTILE.iter().enumerate() {
        let e = json["kerja_sama"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == format!("e{i}"))
            .unwrap_or_else(|| panic!("e{i} missing"));
        let want = v.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(e["judul"], want, "e{i}");
        assert_eq!(e["jenis"], "KSDD", "e{i}: a cell set another key");
        assert_eq!(e["keterangan"], v.trim(), "e{i}");
    }
}

#[test]
fn control_characters_are_refused_at_their_cell_and_nothing_is_written() {
    for (c, name) in [
        ('\u{0}', "NUL"),
        ('\u{1b}', "ESC"),
        ('\u{7}', "BEL"),
        ('\u{85}', "NEL"),
        ('\u{202e}', "RLO"),
        ('\u{2028}', "LS"),
    ] {
        let p = project();
        let before = registry_files(&p);
        let csv = format!(
            "{HEAD}{}{}",
            row("baik", "Judul baik", ""),
            row("buruk", &format!("Judul {c}buruk"), "")
        );
        let run = import(&p, &csv, false);
        assert_eq!(run.code, Some(1), "{name}: {}", run.stderr);
        let shown = p.path("data.csv").to_string_lossy().into_owned();
        // Row 3 starts on line 5 (rows hold two-line cells); the title is
        // the fourth cell: `buruk,KSDD,KB,"Judul ` is 21 characters.
        assert!(
            run.stderr.contains(&format!("--> {shown}:5:22")),
            "{name}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("kesalahan[KS114]: baris 3 lembar kerja, kolom `judul`"),
            "{name}: {}",
            run.stderr
        );
        // The terminal never gets the control itself (src/diag/human.rs
        // shows it visibly; a line separator is no terminal control).
        assert!(
            c == '\u{2028}' || !run.stderr.contains(c),
            "{name}: printed raw"
        );
        assert_eq!(registry_files(&p), before, "{name}: all or nothing");
    }
}

#[test]
fn a_row_that_breaks_an_entry_already_there_is_refused() {
    // Replacing the KB with one of another kind leaves the PKS under it
    // pointing at the wrong kind (KS008 in pks-anak.md): `check` would fail.
    let p = project();
    let csv =
        format!("{HEAD}{}", row("kb-induk", "KB baru", "")).replace(",KSDD,KB,", ",KSDPK,KB,");
    let before = p.read("content/kerja-sama/kb-induk.md");
    let run = import(&p, &csv, true);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("kesalahan[KS008]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> content/kerja-sama/pks-anak.md:"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("content/kerja-sama/kb-induk.md"), before);
}

#[test]
fn bodies_with_script_links_are_refused_and_third_party_images_warned() {
    let p = project();
    let csv = format!(
        "{HEAD}{}",
        row("a", "Judul", "Lihat [x](javascript:alert(1))")
    );
    let run = import(&p, &csv, false);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("kesalahan[URL001]"), "{}", run.stderr);
    assert!(!p.path("content/kerja-sama/a.md").exists());

    let csv = format!(
        "{HEAD}{}",
        row("a", "Judul", "![p](https://pelacak.id/p.gif)")
    );
    let run = import(&p, &csv, false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("peringatan[URL002]"), "{}", run.stderr);
    let (check, report) = p.check_json();
    assert_eq!(check.code, Some(0));
    assert!(report.diagnostics.iter().any(|d| d.code == "URL002"));
}

#[test]
fn a_failure_while_writing_leaves_no_partial_set() {
    let p = project();
    // `pks-anak.md` replaced with `--force` is a folder: the write fails
    // after the new entry was put in place; it must be taken back.
    p.remove("content/kerja-sama/pks-anak.md");
    p.write("content/kerja-sama/pks-anak.md/isi", "x");
    let before = snapshot(&p.path("content"));
    let csv = format!(
        "{HEAD}{}{}",
        row("baru", "Judul baru", ""),
        row("pks-anak", "Judul lain", "")
    );
    let run = import(&p, &csv, true);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(snapshot(&p.path("content")), before, "all or nothing");
    let hidden: Vec<String> = registry_files(&p)
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "temporary files left: {hidden:?}");
}

/// Makes `at` a symbolic link to `target`, replacing what is there.
#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    if at.is_dir() {
        std::fs::remove_dir_all(at).unwrap();
    }
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[cfg(unix)]
#[test]
fn import_never_writes_through_a_linked_folder() {
    for at in ["content", "content/kerja-sama"] {
        let p = Project::valid();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(outside.path().join("kerja-sama")).unwrap();
        let target = if at == "content" {
            outside.path().to_path_buf()
        } else {
            outside.path().join("kerja-sama")
        };
        link(&target, &p.path(at));
        let run = import(&p, &format!("{HEAD}{}", row("a", "Judul", "")), false);
        assert_eq!(run.code, Some(2), "{at}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("`{at}` adalah tautan simbolik")),
            "{at}: {}",
            run.stderr
        );
        assert!(
            snapshot(outside.path()).is_empty(),
            "{at}: written outside the project"
        );
        let run = p.run_env(
            &["import", "kerja-sama", p.path("data.csv").to_str().unwrap()],
            &[("SOPKB_LANG", "en")],
        );
        assert!(
            run.stderr.contains("does not write through it"),
            "{}",
            run.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn new_never_writes_through_a_linked_folder_or_over_a_link() {
    for (kind, at) in [
        ("sop", "sops"),
        ("pengetahuan", "content"),
        ("pengetahuan", "content/pengetahuan"),
        ("kerja-sama", "content/kerja-sama"),
    ] {
        let p = Project::valid();
        let outside = tempfile::tempdir().unwrap();
        link(outside.path(), &p.path(at));
        let run = p.run(&["new", kind, "baru"]);
        run.assert_no_panic();
        assert_eq!(run.code, Some(2), "{at}: {run:?}");
        assert!(
            run.stderr.contains(&format!("`{at}`")),
            "{at}: {}",
            run.stderr
        );
        assert!(snapshot(outside.path()).is_empty(), "{at}: written outside");
        assert!(run.stdout.is_empty());
    }
    // A link inside the project is not written through either.
    let p = Project::valid();
    std::fs::create_dir_all(p.path("lain")).unwrap();
    link(&p.path("lain"), &p.path("content/templat"));
    let run = p.run(&["new", "templat", "baru"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(!p.path("lain/baru.md").exists());
    // The file name itself a (dangling) link: never followed, never replaced.
    let p = Project::valid();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("dibuat.yaml");
    link(&target, &p.path("sops/baru.yaml"));
    let run = p.run(&["new", "sop", "baru"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(!target.exists(), "written through the link");
    assert!(std::fs::symlink_metadata(p.path("sops/baru.yaml"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn new_refuses_names_that_would_leave_the_folder() {
    let p = Project::valid();
    let outside = tempfile::tempdir().unwrap();
    let abs = outside.path().join("x").to_string_lossy().into_owned();
    for bad in [
        "..",
        ".",
        "../../x",
        "a/../../x",
        abs.as_str(),
        "a\\..\\x",
        "%2e%2e",
    ] {
        let run = p.run(&["new", "pengetahuan", bad]);
        run.assert_no_panic();
        assert_eq!(run.code, Some(2), "{bad:?}: {run:?}");
    }
    assert!(snapshot(outside.path()).is_empty());
    assert!(!p.path("content/pengetahuan").exists());
}
