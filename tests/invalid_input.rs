//! `sopkb check` on invalid input: each case is one small mutation of the
//! valid project of `common`, with the exit code, diagnostic code, file and
//! line (sometimes column) it must produce, in both output formats.

mod common;

use common::{line_of, Diag, Project, LEGAL, LEGAL_PATH, SOP, SOP_PATH};

/// One change to the valid project.
enum Op {
    /// Replace the single occurrence of `.1` in file `.0` by `.2`.
    Replace(&'static str, &'static str, &'static str),
    /// Write (or overwrite) a file.
    Write(&'static str, &'static str),
    Remove(&'static str),
    /// Anything else (bytes, computed text).
    With(fn(&Project)),
}

/// Where the diagnostic must point.
enum Line {
    /// The first line of the (mutated) file that contains this text.
    Of(&'static str),
    N(usize),
    /// The diagnostic has no location.
    Nowhere,
}

struct Case {
    ops: &'static [Op],
    exit: i32,
    /// `None`: no diagnostic at all.
    code: Option<&'static str>,
    file: &'static str,
    line: Line,
    /// The 1-based character column where this text starts on that line.
    col_of: Option<&'static str>,
}

const CASE: Case = Case {
    ops: &[],
    exit: 1,
    code: None,
    file: SOP_PATH,
    line: Line::Nowhere,
    col_of: None,
};

fn run_case(case: Case) {
    let p = Project::valid();
    for op in case.ops {
        match op {
            Op::Replace(file, from, to) => p.replace(file, from, to),
            Op::Write(file, text) => p.write(file, text),
            Op::Remove(file) => p.remove(file),
            Op::With(f) => f(&p),
        }
    }
    let (json_run, report) = p.check_json();
    let all = format!("{:#?}\nstderr:\n{}", report.diagnostics, json_run.stderr);
    assert_eq!(
        json_run.code,
        Some(case.exit),
        "exit code of check --format json; diagnostics: {all}"
    );

    let human = p.run(&["check"]);
    human.assert_no_panic();
    assert_eq!(
        human.code,
        Some(case.exit),
        "exit code of check (human):\n{}",
        human.stderr
    );

    let Some(code) = case.code else {
        assert!(
            report.diagnostics.is_empty(),
            "expected no diagnostics, got {all}"
        );
        assert!(
            human.stderr.contains("0 kesalahan, 0 peringatan"),
            "{}",
            human.stderr
        );
        return;
    };
    let d: &Diag = report
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} diagnostic; got {all}"));
    let expected_severity = if case.exit == 0 { "warning" } else { "error" };
    assert_eq!(d.severity, expected_severity, "{d:#?}");
    // No unrelated errors: one mistake must not cascade into others.
    let others: Vec<&Diag> = report
        .diagnostics
        .iter()
        .filter(|o| o.severity == "error" && o.code != code)
        .collect();
    assert!(
        others.is_empty(),
        "unexpected other errors besides {code}: {others:#?}"
    );

    match case.line {
        Line::Nowhere => {
            assert_eq!((d.file.as_deref(), d.line), (None, None), "{d:#?}");
        }
        Line::N(_) | Line::Of(_) => {
            let bytes = std::fs::read(p.path(case.file)).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            let line = match case.line {
                Line::N(n) => n,
                Line::Of(needle) => line_of(&text, needle),
                Line::Nowhere => unreachable!(),
            };
            assert_eq!(d.file.as_deref(), Some(case.file), "file of {code}: {d:#?}");
            assert_eq!(d.line, Some(line), "line of {code}: {d:#?}\nfile:\n{text}");
            if let Some(needle) = case.col_of {
                let line_text = text.lines().nth(line - 1).unwrap_or_default();
                let byte = line_text.find(needle).expect("column needle on the line");
                let col = line_text[..byte].chars().count() + 1;
                assert_eq!(d.column, Some(col), "column of {code}: {d:#?}");
            }
            let col = d.column.expect("a located diagnostic has a column");
            let arrow = format!("--> {}:{}:{}", case.file, line, col);
            assert!(
                human.stderr.contains(&arrow),
                "human output lacks `{arrow}`:\n{}",
                human.stderr
            );
        }
    }
    let word = if case.exit == 0 {
        "peringatan"
    } else {
        "kesalahan"
    };
    let head = format!("{word}[{code}]");
    assert!(
        human.stderr.contains(&head),
        "human output lacks `{head}`:\n{}",
        human.stderr
    );
}

/// Each entry becomes its own `#[test]`, so a known bug can be ignored alone.
macro_rules! cases {
    ($( $(#[$attr:meta])* $name:ident => $case:expr; )*) => {
        $( $(#[$attr])* #[test] fn $name() { run_case($case) } )*
    };
}

const LEGAL_UU: &str = "content/dasar-hukum/uu-23-2014.md";

cases! {
    // ---- YAML shape (load) ----
    reports_yaml_syntax_error_as_yaml001_on_its_line => Case {
        ops: &[Op::Replace(SOP_PATH, "unit: Bagian Tata Pemerintahan", "unit: Bagian: Tata Pemerintahan")],
        code: Some("YAML001"), line: Line::Of("unit: Bagian:"), ..CASE
    };
    reports_tab_indentation_as_yaml001_on_its_line => Case {
        ops: &[Op::Replace(SOP_PATH, "  - { id: tapem, nama: Bagian Tapem }", "\t- { id: tapem, nama: Bagian Tapem }")],
        code: Some("YAML001"), line: Line::Of("\t- { id: tapem"), ..CASE
    };
    reports_unknown_top_level_key_as_yaml002_on_the_key => Case {
        ops: &[Op::Replace(SOP_PATH, "unit: Bagian Tata Pemerintahan\n", "unit: Bagian Tata Pemerintahan\npenulis: Saya\n")],
        code: Some("YAML002"), line: Line::Of("penulis:"), col_of: Some("penulis"), ..CASE
    };
    reports_unknown_step_key_as_yaml002_on_the_key => Case {
        ops: &[Op::Replace(SOP_PATH, "    output: Hasil pemeriksaan\n", "    output: Hasil pemeriksaan\n    pelaksna: tapem\n")],
        code: Some("YAML002"), line: Line::Of("pelaksna:"), col_of: Some("pelaksna"), ..CASE
    };
    reports_list_where_text_is_expected_as_yaml003 => Case {
        ops: &[Op::Replace(SOP_PATH, "nama: Contoh Prosedur Kerja Sama", "nama: [Contoh, Prosedur]")],
        code: Some("YAML003"), line: Line::Of("nama: [Contoh"), ..CASE
    };
    reports_text_where_a_step_number_is_expected_as_yaml003 => Case {
        ops: &[Op::Replace(SOP_PATH, "      Ya: 4", "      Ya: empat")],
        code: Some("YAML003"), line: Line::Of("Ya: empat"), ..CASE
    };
    reports_missing_nama_as_yaml003 => Case {
        ops: &[Op::Replace(SOP_PATH, "nama: Contoh Prosedur Kerja Sama\n", "")],
        // The top-level mapping that lacks the key starts on line 2.
        code: Some("YAML003"), line: Line::N(2), ..CASE
    };
    reports_missing_langkah_as_yaml003 => Case {
        ops: &[Op::With(|p| {
            let start = SOP.find("langkah:\n").unwrap();
            let end = SOP.find("waktu_kelompok:").unwrap();
            p.write(SOP_PATH, &format!("{}{}", &SOP[..start], &SOP[end..]));
        })],
        code: Some("YAML003"), line: Line::N(2), ..CASE
    };
    reports_missing_step_key_on_the_step_as_yaml003 => Case {
        ops: &[Op::Replace(SOP_PATH, "    pelaksana: bupati\n", "")],
        code: Some("YAML003"), line: Line::Of("kegiatan: Menandatangani"), col_of: Some("kegiatan"), ..CASE
    };
    reports_unknown_key_column_in_characters_after_non_ascii_text => Case {
        ops: &[Op::Replace(
            SOP_PATH,
            "  - kegiatan: Memeriksa kelengkapan dokumen\n    pelaksana: tapem\n    kelengkapan: Surat Permohonan\n    waktu: 30 menit\n    output: Hasil pemeriksaan\n",
            "  - { kegiatan: “Memeriksa” — dokumen, pelaksna: tapem }\n",
        )],
        code: Some("YAML002"), line: Line::Of("“Memeriksa”"), col_of: Some("pelaksna"), ..CASE
    };
    reports_a_file_that_is_not_a_mapping_as_yaml003 => Case {
        ops: &[Op::Write(SOP_PATH, "hanya teks\n")],
        code: Some("YAML003"), line: Line::N(1), ..CASE
    };
    reports_duplicate_key_on_the_repeated_key => Case {
        ops: &[Op::Replace(SOP_PATH, "    waktu: 30 menit\n", "    waktu: 30 menit\n    waktu: 1 jam\n")],
        code: Some("YAML005"), line: Line::Of("waktu: 1 jam"), col_of: Some("waktu"), ..CASE
    };
    reports_unknown_tahap_value_as_yaml004 => Case {
        ops: &[Op::Replace(SOP_PATH, "tahap: [penawaran]", "tahap: [penawaran, negosiasi]")],
        code: Some("YAML004"), line: Line::Of("tahap:"), ..CASE
    };

    // ---- files ----
    reports_empty_file_as_file003 => Case {
        ops: &[Op::Write(SOP_PATH, "")],
        code: Some("FILE003"), line: Line::N(1), ..CASE
    };
    reports_whitespace_only_file_as_file003 => Case {
        ops: &[Op::Write(SOP_PATH, "\n   \n\n")],
        code: Some("FILE003"), line: Line::N(1), ..CASE
    };
    reports_invalid_utf8_as_file001_on_the_line_of_the_bad_byte => Case {
        ops: &[Op::With(|p| {
            let mut bytes = SOP.as_bytes().to_vec();
            let at = SOP.find("kelengkapan dokumen").unwrap();
            bytes.insert(at, 0xFF);
            p.write_bytes(SOP_PATH, &bytes);
        })],
        code: Some("FILE001"), line: Line::Of("Memeriksa "), col_of: Some("\u{FFFD}"), ..CASE
    };
    accepts_a_bom_prefixed_file => Case {
        ops: &[Op::With(|p| {
            p.write_bytes(SOP_PATH, &[b"\xEF\xBB\xBF".as_slice(), SOP.as_bytes()].concat());
            p.write_bytes(LEGAL_PATH, &[b"\xEF\xBB\xBF".as_slice(), LEGAL.as_bytes()].concat());
        })],
        exit: 0, code: None, ..CASE
    };
    reports_positions_after_a_bom_without_counting_it => Case {
        ops: &[Op::With(|p| {
            let text = SOP.replace("      Tidak: 1", "      Tidak: 9");
            p.write_bytes(SOP_PATH, &[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat());
        })],
        code: Some("SOP006"), line: Line::Of("Tidak: 9"), col_of: Some("9"), ..CASE
    };
    reports_invalid_file_name_id_as_file004_located_in_that_file => Case {
        ops: &[Op::With(|p| p.write("sops/Bad_Name.yaml", &another_sop()))],
        code: Some("FILE004"), file: "sops/Bad_Name.yaml", line: Line::N(1), ..CASE
    };

    // ---- SOP rules ----
    reports_lines_of_crlf_files => Case {
        ops: &[Op::With(|p| {
            let text = SOP.replace("    pelaksana: bupati\n", "    pelaksana: sekda\n").replace('\n', "\r\n");
            p.write(SOP_PATH, &text);
            p.write(LEGAL_PATH, &LEGAL.replace('\n', "\r\n"));
        })],
        code: Some("SOP004"), line: Line::Of("pelaksana: sekda"), col_of: Some("sekda"), ..CASE
    };

    reports_unknown_lane_on_the_value_as_sop004 => Case {
        ops: &[Op::Replace(SOP_PATH, "    pelaksana: tapem\n    kelengkapan: Surat Permohonan", "    pelaksana: keuangan\n    kelengkapan: Surat Permohonan")],
        code: Some("SOP004"), line: Line::Of("pelaksana: keuangan"), col_of: Some("keuangan"), ..CASE
    };
    reports_unknown_lane_column_in_characters_after_non_ascii_text => Case {
        ops: &[Op::Replace(
            SOP_PATH,
            "  - kegiatan: Memeriksa kelengkapan dokumen\n    pelaksana: tapem\n    kelengkapan: Surat Permohonan\n    waktu: 30 menit\n    output: Hasil pemeriksaan\n",
            "  - { kegiatan: “Memeriksa” — dokumen, pelaksana: keuangan, waktu: 30 menit }\n",
        )],
        code: Some("SOP004"), line: Line::Of("“Memeriksa”"), col_of: Some("keuangan"), ..CASE
    };
    reports_unknown_lane_inside_a_lane_list => Case {
        ops: &[Op::Replace(SOP_PATH, "    pelaksana: bupati\n", "    pelaksana: [bupati, sekda]\n")],
        code: Some("SOP004"), line: Line::Of("[bupati, sekda]"), col_of: Some("sekda"), ..CASE
    };
    reports_duplicate_lane_id_as_sop002 => Case {
        ops: &[Op::Replace(SOP_PATH, "  - { id: bupati, nama: Bupati }\n", "  - { id: bupati, nama: Bupati }\n  - { id: tapem, nama: Tapem Lagi }\n")],
        code: Some("SOP002"), line: Line::Of("Tapem Lagi"), col_of: Some("tapem, nama: Tapem Lagi"), ..CASE
    };
    warns_on_unused_lane_as_sop005 => Case {
        ops: &[Op::Replace(SOP_PATH, "  - { id: bupati, nama: Bupati }\n", "  - { id: bupati, nama: Bupati }\n  - { id: hukum, nama: Bagian Hukum }\n")],
        exit: 0, code: Some("SOP005"), line: Line::Of("id: hukum"), col_of: Some("hukum"), ..CASE
    };
    reports_decision_target_out_of_range_as_sop006 => Case {
        ops: &[Op::Replace(SOP_PATH, "      Tidak: 1", "      Tidak: 9")],
        code: Some("SOP006"), line: Line::Of("Tidak: 9"), col_of: Some("9"), ..CASE
    };
    reports_decision_target_zero_as_sop006 => Case {
        ops: &[Op::Replace(SOP_PATH, "      Tidak: 1", "      Tidak: 0")],
        code: Some("SOP006"), line: Line::Of("Tidak: 0"), ..CASE
    };
    reports_decision_targeting_itself_as_sop015 => Case {
        ops: &[Op::Replace(SOP_PATH, "      Tidak: 1", "      Tidak: 3")],
        code: Some("SOP015"), line: Line::Of("Tidak: 3"), ..CASE
    };
    reports_unreachable_step_as_sop007 => Case {
        ops: &[Op::Replace(SOP_PATH, "      Ya: 4", "      Ya: 5")],
        code: Some("SOP007"), line: Line::Of("kegiatan: Menyusun surat"), ..CASE
    };
    reports_unknown_dasar_hukum_as_sop008 => Case {
        ops: &[Op::Replace(SOP_PATH, "  - pp-28-2018", "  - pp-99-2099")],
        code: Some("SOP008"), line: Line::Of("pp-99-2099"), col_of: Some("pp-99"), ..CASE
    };
    reports_unknown_dasar_hukum_in_long_form_as_sop008 => Case {
        ops: &[Op::Replace(SOP_PATH, "  - pp-28-2018\n", "  - pp-28-2018\n  - id: uu-1-1900\n    tertulis: Undang-Undang lama\n")],
        code: Some("SOP008"), line: Line::Of("uu-1-1900"), col_of: Some("uu-1-1900"), ..CASE
    };
    warns_on_citing_a_revoked_regulation_as_sop009 => Case {
        ops: &[
            Op::Write("content/dasar-hukum/pp-50-2007.md", "---\njenis: Peraturan Pemerintah\nnomor: \"50\"\ntahun: 2007\ntentang: Tata Cara Pelaksanaan Kerja Sama Daerah\nstatus: dicabut\n---\nDicabut.\n"),
            Op::Replace(SOP_PATH, "  - pp-28-2018\n", "  - pp-28-2018\n  - pp-50-2007\n"),
        ],
        exit: 0, code: Some("SOP009"), line: Line::Of("pp-50-2007"), ..CASE
    };
    reports_unparseable_waktu_as_sop010 => Case {
        ops: &[Op::Replace(SOP_PATH, "waktu: 30 menit", "waktu: sehari")],
        code: Some("SOP010"), line: Line::Of("waktu: sehari"), col_of: Some("sehari"), ..CASE
    };
    reports_unknown_time_unit_as_sop010 => Case {
        ops: &[Op::Replace(SOP_PATH, "waktu: 15 menit", "waktu: 2 detik")],
        code: Some("SOP010"), line: Line::Of("2 detik"), ..CASE
    };
    reports_waktu_kelompok_out_of_range_as_sop011 => Case {
        ops: &[Op::Replace(SOP_PATH, "waktu: 1 hari kerja }\n", "waktu: 1 hari kerja }\n  - { dari: 6, sampai: 7, waktu: 1 jam }\n")],
        code: Some("SOP011"), line: Line::Of("dari: 6"), ..CASE
    };
    reports_reversed_waktu_kelompok_as_sop011 => Case {
        ops: &[Op::Replace(SOP_PATH, "waktu: 1 hari kerja }\n", "waktu: 1 hari kerja }\n  - { dari: 3, sampai: 2, waktu: 1 jam }\n")],
        code: Some("SOP011"), line: Line::Of("dari: 3"), ..CASE
    };
    reports_overlapping_waktu_kelompok_as_sop011 => Case {
        ops: &[Op::Replace(SOP_PATH, "waktu: 1 hari kerja }\n", "waktu: 1 hari kerja }\n  - { dari: 3, sampai: 4, waktu: 15 menit }\n")],
        code: Some("SOP011"), line: Line::Of("dari: 3"), ..CASE
    };
    warns_on_subtotal_mismatch_as_sop012 => Case {
        ops: &[Op::Replace(SOP_PATH, "waktu: 1 hari kerja }\n", "waktu: 1 hari kerja }\n  - { dari: 3, sampai: 5, waktu: 3 hari }\n")],
        exit: 0, code: Some("SOP012"), line: Line::Of("dari: 3"), col_of: Some("3 hari"), ..CASE
    };
    warns_on_total_tertulis_mismatch_as_sop013 => Case {
        ops: &[Op::Replace(SOP_PATH, "total_tertulis: 2 hari 45 menit", "total_tertulis: 5 hari")],
        exit: 0, code: Some("SOP013"), line: Line::Of("total_tertulis"), col_of: Some("5 hari"), ..CASE
    };
    reports_unknown_keterkaitan_sop_as_sop014 => Case {
        ops: &[Op::Replace(SOP_PATH, "dasar_hukum:\n", "keterkaitan:\n  - SOP Pengadministrasian Surat Masuk\n  - sop: tidak-ada\ndasar_hukum:\n")],
        code: Some("SOP014"), line: Line::Of("sop: tidak-ada"), col_of: Some("tidak-ada"), ..CASE
    };
    reports_range_remark_without_waktu_kelompok_as_sop021 => Case {
        ops: &[Op::Replace(SOP_PATH, "waktu: 30 menit", "waktu: 30 menit (total untuk kegiatan nomor 1 s.d. nomor 2)")],
        code: Some("SOP021"), line: Line::Of("nomor 1 s.d. nomor 2"), ..CASE
    };
    reports_range_remark_with_a_different_time_as_sop021 => Case {
        ops: &[Op::Replace(SOP_PATH, "waktu: 1 hari kerja (total untuk kegiatan nomor 4 s.d. nomor 5)\n    output: Rancangan", "waktu: 2 hari kerja (total untuk kegiatan nomor 4 s.d. nomor 5)\n    output: Rancangan")],
        code: Some("SOP021"), line: Line::Of("2 hari kerja (total"), ..CASE
    };
    reports_empty_kegiatan_as_sop001 => Case {
        ops: &[Op::Replace(SOP_PATH, "kegiatan: Memeriksa kelengkapan dokumen", "kegiatan: \"\"")],
        code: Some("SOP001"), line: Line::Of("kegiatan: \"\""), ..CASE
    };
    reports_empty_lane_name_as_sop001 => Case {
        ops: &[Op::Replace(SOP_PATH, "nama: Bupati }", "nama: \" \" }")],
        code: Some("SOP001"), line: Line::Of("id: bupati"), ..CASE
    };

    // ---- legal bases (front matter) ----
    reports_missing_front_matter_as_fm001 => Case {
        ops: &[Op::Write(LEGAL_UU, "Undang-Undang tentang Pemerintahan Daerah.\n")],
        code: Some("FM001"), file: LEGAL_UU, line: Line::N(1), ..CASE
    };
    reports_unterminated_front_matter_as_fm001 => Case {
        ops: &[Op::Write(LEGAL_UU, "---\njenis: Undang-Undang\nnomor: \"23\"\ntahun: 2014\ntentang: Pemerintahan Daerah\nstatus: berlaku\n\nIsi.\n")],
        code: Some("FM001"), file: LEGAL_UU, line: Line::N(1), ..CASE
    };
    // An uncited legal basis; a broken cited one is covered by
    // `broken_cited_legal_basis_does_not_make_its_citations_unknown`.
    reports_unknown_front_matter_key_on_its_line_as_yaml002 => Case {
        ops: &[Op::Write(LEGAL_UU, "---\njenis: Undang-Undang\nnomor: \"23\"\ntahun: 2014\njudul: Pemda\ntentang: Pemerintahan Daerah\nstatus: berlaku\n---\nIsi.\n")],
        code: Some("YAML002"), file: LEGAL_UU, line: Line::N(5), col_of: Some("judul"), ..CASE
    };
    reports_wrong_front_matter_type_on_its_line_as_yaml003 => Case {
        ops: &[Op::Write(LEGAL_UU, "---\njenis: Undang-Undang\nnomor: \"23\"\ntahun: dua ribu empat belas\ntentang: Pemerintahan Daerah\nstatus: berlaku\n---\nIsi.\n")],
        code: Some("YAML003"), file: LEGAL_UU, line: Line::N(4), ..CASE
    };
    reports_unknown_legal_status_as_yaml004 => Case {
        ops: &[Op::Write(LEGAL_UU, "---\njenis: Undang-Undang\nnomor: \"23\"\ntahun: 2014\ntentang: Pemerintahan Daerah\nstatus: berlaku-sebagian\n---\nIsi.\n")],
        code: Some("YAML004"), file: LEGAL_UU, line: Line::N(6), ..CASE
    };
    reports_front_matter_syntax_error_on_its_line_as_yaml001 => Case {
        ops: &[Op::Write(LEGAL_UU, "---\njenis: Undang-Undang\nnomor: \"23\"\ntahun: 2014\ntentang: Pemerintahan: Daerah\nstatus: berlaku\n---\nIsi.\n")],
        code: Some("YAML001"), file: LEGAL_UU, line: Line::N(5), ..CASE
    };
    reports_unknown_diubah_oleh_id_as_huk001 => Case {
        ops: &[Op::Replace(LEGAL_PATH, "status: berlaku\n", "status: berlaku\ndiubah_oleh: [uu-99-2099]\n")],
        code: Some("HUK001"), file: LEGAL_PATH, line: Line::Of("diubah_oleh"), col_of: Some("uu-99-2099"), ..CASE
    };

    // ---- sopkb.toml ----
    reports_unknown_config_key_as_cfg002 => Case {
        ops: &[Op::Write("sopkb.toml", "title = \"Uji\"\nauthor = \"Saya\"\n")],
        code: Some("CFG002"), file: "sopkb.toml", line: Line::N(2), col_of: Some("author"), ..CASE
    };
    reports_unsupported_language_as_cfg003 => Case {
        ops: &[Op::Write("sopkb.toml", "title = \"Uji\"\nlanguage = \"fr\"\n")],
        code: Some("CFG003"), file: "sopkb.toml", line: Line::N(2), ..CASE
    };
    reports_missing_config_as_cfg001 => Case {
        ops: &[Op::Remove("sopkb.toml")],
        code: Some("CFG001"), line: Line::Nowhere, ..CASE
    };
}

/// An SOP other than `SOP` (its own name, no number): a copy with the same
/// `instansi` and `nama` would be SOP023, the same number SOP017.
fn another_sop() -> String {
    SOP.replace("nomor: \"1/UJI/2024\"\n", "")
        .replace("nama: Contoh Prosedur Kerja Sama", "nama: Prosedur Lain")
}

#[test]
fn reports_invalid_file_name_id_as_file004_naming_the_file() {
    let p = Project::valid();
    p.write("sops/Bad_Name.yaml", &another_sop());
    let (run, report) = p.check_json();
    assert_eq!(run.code, Some(1));
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["FILE004"], "{report:#?}");
    assert!(
        report.diagnostics[0].message.contains("sops/Bad_Name.yaml"),
        "{report:#?}"
    );
    let human = p.run(&["check"]);
    human.assert_no_panic();
    assert!(
        human.stderr.contains("kesalahan[FILE004]") && human.stderr.contains("Bad_Name.yaml"),
        "{}",
        human.stderr
    );
}

#[test]
fn broken_cited_legal_basis_does_not_make_its_citations_unknown() {
    let p = Project::valid();
    p.replace(LEGAL_PATH, "status: berlaku", "status: berlaku-sebagian");
    let (run, report) = p.check_json();
    assert_eq!(run.code, Some(1));
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["YAML004"], "{report:#?}");
}

#[test]
fn valid_project_checks_clean() {
    let p = Project::valid();
    let (run, report) = p.check_json();
    assert_eq!(run.code, Some(0), "{report:#?}");
    assert!(report.diagnostics.is_empty(), "{report:#?}");
    assert_eq!((report.errors, report.warnings), (0, 0));
    let human = p.run(&["check"]);
    human.assert_no_panic();
    assert_eq!(human.code, Some(0));
    assert!(
        human.stderr.contains("0 kesalahan, 0 peringatan"),
        "{}",
        human.stderr
    );
}

/// Errors in the SOP emitted by the validator out of line order, plus errors
/// in a legal basis: everything comes in one run, sorted by file then line.
fn project_with_errors_in_two_files() -> Project {
    let p = Project::valid();
    // Step 5 gets an unknown lane (late line), the citation an unknown id
    // (early line, but checked after the steps), step 2 an unreadable time.
    p.replace(
        SOP_PATH,
        "    pelaksana: bupati\n",
        "    pelaksana: sekda\n",
    );
    p.replace(
        SOP_PATH,
        "  - pp-28-2018\n",
        "  - pp-28-2018\n  - pp-99-2099\n",
    );
    p.replace(SOP_PATH, "waktu: 30 menit", "waktu: sehari");
    p.replace(
        LEGAL_PATH,
        "status: berlaku\n",
        "status: berlaku\ndiubah_oleh: [uu-99-2099]\nmencabut: [pp-1-1900]\n",
    );
    p
}

#[test]
fn reports_all_errors_of_two_files_in_one_run_sorted_by_file_and_line() {
    let p = project_with_errors_in_two_files();
    let (run, report) = p.check_json();
    assert_eq!(run.code, Some(1));
    let got: Vec<(String, String, usize)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.file.clone().unwrap_or_default(),
                d.code.clone(),
                d.line.unwrap_or(0),
            )
        })
        .collect();
    let sop = p.read(SOP_PATH);
    let legal = p.read(LEGAL_PATH);
    let expected = vec![
        (
            LEGAL_PATH.to_owned(),
            "HUK001".to_owned(),
            line_of(&legal, "diubah_oleh"),
        ),
        (
            LEGAL_PATH.to_owned(),
            "HUK001".to_owned(),
            line_of(&legal, "mencabut"),
        ),
        (
            SOP_PATH.to_owned(),
            "SOP008".to_owned(),
            line_of(&sop, "pp-99-2099"),
        ),
        (
            SOP_PATH.to_owned(),
            "SOP010".to_owned(),
            line_of(&sop, "sehari"),
        ),
        (
            SOP_PATH.to_owned(),
            "SOP004".to_owned(),
            line_of(&sop, "sekda"),
        ),
        // `bupati` is now used by no step.
        (
            SOP_PATH.to_owned(),
            "SOP005".to_owned(),
            line_of(&sop, "id: bupati"),
        ),
        // Step 2 has no readable time, so the sum no longer matches.
        (
            SOP_PATH.to_owned(),
            "SOP013".to_owned(),
            line_of(&sop, "total_tertulis"),
        ),
    ];
    let mut expected_sorted = expected.clone();
    expected_sorted.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
    assert_eq!(got, expected_sorted, "{report:#?}");
    assert_eq!((report.errors, report.warnings), (5, 2));
}

#[test]
fn json_and_human_formats_report_the_same_codes_in_the_same_order() {
    let p = project_with_errors_in_two_files();
    let (_, report) = p.check_json();
    let json_codes: Vec<String> = report.diagnostics.iter().map(|d| d.code.clone()).collect();
    let human = p.run(&["check", "--format", "human"]);
    human.assert_no_panic();
    assert_eq!(human.code, Some(1));
    assert!(
        human.stdout.is_empty(),
        "human diagnostics go to stderr: {}",
        human.stdout
    );
    let human_codes: Vec<String> = human
        .stderr
        .lines()
        .filter_map(|l| {
            let rest = l
                .strip_prefix("kesalahan[")
                .or_else(|| l.strip_prefix("peringatan["))?;
            Some(rest.split(']').next()?.to_owned())
        })
        .collect();
    assert_eq!(json_codes, human_codes, "{}", human.stderr);
    // The locations agree too.
    for d in &report.diagnostics {
        let arrow = format!(
            "--> {}:{}:{}",
            d.file.as_deref().unwrap(),
            d.line.unwrap(),
            d.column.unwrap()
        );
        assert!(
            human.stderr.contains(&arrow),
            "missing `{arrow}`:\n{}",
            human.stderr
        );
    }
    assert!(
        human.stderr.contains("5 kesalahan, 2 peringatan"),
        "{}",
        human.stderr
    );
}

#[test]
fn sopkb_lang_en_switches_messages_to_english() {
    let p = Project::valid();
    p.replace(
        SOP_PATH,
        "    pelaksana: bupati\n",
        "    pelaksana: [bupati, sekda]\n",
    );
    let en = p.run_env(&["check"], &[("SOPKB_LANG", "en")]);
    en.assert_no_panic();
    assert_eq!(en.code, Some(1));
    assert!(en.stderr.contains("error[SOP004]"), "{}", en.stderr);
    assert!(en.stderr.contains("not declared"), "{}", en.stderr);
    assert!(
        en.stderr.contains("1 error(s), 0 warning(s)"),
        "{}",
        en.stderr
    );
    assert!(!en.stderr.contains("kesalahan"), "{}", en.stderr);

    let (_, report) = common::check_json_in(p.root(), &[("SOPKB_LANG", "en")]);
    assert!(
        report.diagnostics[0].message.contains("not declared"),
        "{report:#?}"
    );

    let id = p.run(&["check"]);
    assert!(id.stderr.contains("kesalahan[SOP004]"), "{}", id.stderr);
    assert!(id.stderr.contains("tidak dideklarasikan"), "{}", id.stderr);
}

#[test]
fn config_language_en_switches_messages_and_env_overrides_it() {
    let p = Project::valid();
    p.write("sopkb.toml", "title = \"Uji\"\nlanguage = \"en\"\n");
    p.replace(SOP_PATH, "waktu: 30 menit", "waktu: sehari");
    let en = p.run(&["check"]);
    assert_eq!(en.code, Some(1));
    assert!(
        en.stderr.contains("error[SOP010]") && en.stderr.contains("cannot read time"),
        "{}",
        en.stderr
    );
    let id = p.run_env(&["check"], &[("SOPKB_LANG", "id")]);
    assert!(id.stderr.contains("kesalahan[SOP010]"), "{}", id.stderr);
}

#[test]
fn missing_root_folder_is_not_accepted() {
    let p = Project::empty();
    let run = common::run_in(&p.path("tidak-ada"), &["check"], &[]);
    run.assert_no_panic();
    assert_ne!(run.code, Some(0), "{run:?}");
}

#[test]
fn missing_root_folder_is_a_failure_exit_2() {
    let p = Project::empty();
    let run = common::run_in(&p.path("tidak-ada"), &["check"], &[]);
    run.assert_no_panic();
    assert_eq!(run.code, Some(2), "{run:?}");
}
