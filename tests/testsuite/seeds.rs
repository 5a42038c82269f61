//! The ten shipped SOPs against figures read by hand off the regions'
//! published SOP documents (each SOP file's `sumber:` names its source):
//! rows, lanes, decisions, times, stated totals.

use sopkb::model::Sop;
use sopkb::pipeline;
use std::path::Path;

struct Expected {
    id: &'static str,
    steps: usize,
    lanes: usize,
    decisions: usize,
    menit: u64,
    hari: u64,
    tertulis: Option<&'static str>,
    labels: Option<&'static [&'static str]>,
}

const fn plain(
    id: &'static str,
    steps: usize,
    lanes: usize,
    decisions: usize,
    menit: u64,
    hari: u64,
) -> Expected {
    Expected {
        id,
        steps,
        lanes,
        decisions,
        menit,
        hari,
        tertulis: None,
        labels: None,
    }
}

const EXPECTED: &[Expected] = &[
    // Magetan: 13 rows; columns OPD, Bupati, Pihak II, Bagian Tapem, TKKSD, Bagian Hukum;
    // decisions at rows 2 and 6; 1+1+1+1+3+10+3+1+1+7+3+1+1 = 34 hari.
    plain("magetan-penawaran-kerja-sama", 13, 6, 2, 0, 34),
    // Bangka Belitung: 13 rows printed 1,2,3,4,5,7,8,7,8,9,10,11,12; 8 columns;
    // "jika setuju / tidak setuju" on the rows printed 8, 7, 8;
    // 5+30+15+60+15+15+15+180 (3 jam)+10+60+15+30+60 = 510 menit.
    Expected {
        labels: Some(&[
            "1", "2", "3", "4", "5", "7", "8", "7", "8", "9", "10", "11", "12",
        ]),
        ..plain("babel-penyusunan-pks-pihak-ketiga", 13, 8, 3, 510, 0)
    },
    // Paser: 36 rows, 8 columns, no decision; "Jumlah waktu (menit) 1,450", which the rows sum to.
    Expected {
        tertulis: Some("1,450 menit"),
        ..plain("paser-fasilitasi-kerja-sama", 36, 8, 0, 1450, 0)
    },
    // Kota Tangerang: rows printed 1,2,3,4,5,7,8,10; 4 columns; two approval decisions;
    // 15+120+15+15+15 menit and 2+7+1 hari; the form states "Total Waktu 11 Hari".
    Expected {
        tertulis: Some("11 Hari"),
        labels: Some(&["1", "2", "3", "4", "5", "7", "8", "10"]),
        ..plain(
            "tangerang-penyiapan-rancangan-kesepakatan-bersama",
            8,
            4,
            2,
            180,
            10,
        )
    },
    // Kota Yogyakarta 15/PDK/2021: 10 rows; 2 + (2..6: 1) + (7..10: 1) = 4 hari kerja.
    plain("yogyakarta-registrasi-website-ksd", 10, 4, 1, 0, 4),
    // 16/PDK/2021: 17 rows; (1..7: 7 = 1..4: 2 + 5..7: 5) + 2 + 1 + 1 + (12..14: 10) + 2 + 1 = 24.
    plain("yogyakarta-perencanaan-ksd", 17, 4, 2, 0, 24),
    // 17/PDK/2021: 9 rows; 1..7 states 11 = 5 + 1 + (5..7: 5).
    plain("yogyakarta-inisiasi-ksd", 9, 4, 1, 0, 11),
    // 18/PDK/2021: 20 rows; 5+5+10+5+1+5+5+1 = 37 hari kerja.
    plain("yogyakarta-persiapan-ksd", 20, 4, 1, 0, 37),
    // 19/PDK/2021: 11 rows printed 1..9 then 7, 8 again; (1..6: 1) + (7..9: 2) + 5 = 8.
    Expected {
        labels: Some(&["1", "2", "3", "4", "5", "6", "7", "8", "9", "7", "8"]),
        ..plain("yogyakarta-pemantauan-ksd", 11, 4, 0, 0, 8)
    },
    // 20/PDK/2021: 12 rows; (1..7: 5) + (8..10: 2) + 2 = 9.
    plain("yogyakarta-evaluasi-ksd", 12, 4, 0, 0, 9),
];

fn shipped() -> pipeline::Checked {
    pipeline::check(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("shipped content loads")
}

fn find<'a>(checked: &'a pipeline::Checked, id: &str) -> &'a Sop {
    checked
        .site
        .sop(id)
        .unwrap_or_else(|| panic!("SOP {id} is shipped"))
}

#[test]
fn shipped_content_has_no_errors_and_exactly_the_ten_seed_sops() {
    let checked = shipped();
    let errors: Vec<_> = checked.diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut ids: Vec<&str> = checked.site.sops.iter().map(|s| s.id.as_str()).collect();
    let mut want: Vec<&str> = EXPECTED.iter().map(|e| e.id).collect();
    ids.sort();
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn each_seed_sop_matches_the_figures_of_its_document() {
    let checked = shipped();
    for e in EXPECTED {
        let sop = find(&checked, e.id);
        assert_eq!(sop.langkah.len(), e.steps, "{}: steps", e.id);
        assert_eq!(sop.pelaksana.len(), e.lanes, "{}: lanes", e.id);
        assert_eq!(sop.decision_count(), e.decisions, "{}: decisions", e.id);
        assert_eq!(sop.durasi.computed.menit, e.menit, "{}: minutes", e.id);
        assert_eq!(sop.durasi.computed.hari, e.hari, "{}: days", e.id);
        assert_eq!(
            sop.durasi.tertulis.as_deref(),
            e.tertulis,
            "{}: stated total",
            e.id
        );
        if let Some(labels) = e.labels {
            let got: Vec<&str> = sop.langkah.iter().map(|s| s.label.as_str()).collect();
            assert_eq!(got, labels, "{}: printed numbers", e.id);
        }
    }
}

#[test]
fn stated_totals_are_checked_against_the_computed_ones() {
    let checked = shipped();
    // Paser's "1,450" matches its rows; Tangerang's "11 Hari" does not (10 days + 180 minutes).
    assert!(!find(&checked, "paser-fasilitasi-kerja-sama")
        .durasi
        .differs());
    assert!(find(
        &checked,
        "tangerang-penyiapan-rancangan-kesepakatan-bersama"
    )
    .durasi
    .differs());
    let warned: Vec<&str> = checked
        .diags
        .iter()
        .filter(|d| d.code == "SOP013")
        .map(|d| checked.sources.file(d.span.unwrap().file).path.as_str())
        .collect();
    assert_eq!(
        warned,
        ["sops/tangerang-penyiapan-rancangan-kesepakatan-bersama.yaml"]
    );
}

#[test]
fn every_step_is_reachable_and_every_decision_target_exists() {
    let checked = shipped();
    for sop in &checked.site.sops {
        let n = sop.langkah.len();
        for step in &sop.langkah {
            for t in sop.successors(step) {
                assert!((1..=n).contains(&t), "{} step {} -> {}", sop.id, step.no, t);
            }
            assert!(
                !step.pelaksana.is_empty(),
                "{} step {} has an executor",
                sop.id,
                step.no
            );
        }
    }
    assert!(!checked.diags.iter().any(|d| d.code == "SOP007"));
}

#[test]
fn early_end_and_jumps_of_yogyakarta_perencanaan_follow_the_document() {
    let checked = shipped();
    let sop = find(&checked, "yogyakarta-perencanaan-ksd");
    // Step 9 "Selesai proses pengajuan ... ditolak" ends the flow; step 8 repeats from 3.
    assert!(sop.successors(&sop.langkah[8]).is_empty());
    assert_eq!(sop.successors(&sop.langkah[7]), [3]);
}

#[test]
fn paser_cites_the_revoked_permendagri_22_2009_and_is_warned() {
    let checked = shipped();
    let paser = find(&checked, "paser-fasilitasi-kerja-sama");
    assert!(paser
        .dasar_hukum
        .iter()
        .any(|c| c.id == "permendagri-22-2009"));
    assert!(checked.diags.iter().any(|d| d.code == "SOP009"));
    let old = checked.site.legal_basis("permendagri-22-2009").unwrap();
    assert_eq!(old.dicabut_oleh, ["permendagri-22-2020"]);
}

#[test]
fn every_regulation_cited_by_a_seed_sop_has_a_page() {
    let checked = shipped();
    for sop in &checked.site.sops {
        for c in &sop.dasar_hukum {
            assert!(
                checked.site.legal_basis(&c.id).is_some(),
                "{} cites {}",
                sop.id,
                c.id
            );
        }
    }
    assert!(!checked.diags.iter().any(|d| d.code == "SOP008"));
}
