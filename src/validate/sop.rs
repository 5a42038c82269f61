//! Rules for SOP files, and their resolution into `model::Sop`.

use crate::diag::suggest::suggest;
use crate::diag::{Diagnostic, Lang, SourceMap, Span, Text};
use crate::load::raw::{RawDasarHukum, RawKeterkaitan, RawSop};
use crate::load::{Input, Loaded};
use crate::model::duration::{self, Duration, DurationError};
use crate::model::{
    Branch, Citation, Lane, LegalBasis, LegalStatus, Pengesah, Related, Sop, Step, StepKind,
    StepTime, Tanggal, TimeGroup, TotalDuration,
};
use crate::tr;
use std::collections::{BTreeMap, BTreeSet};

pub(super) struct Context<'a> {
    pub legal: &'a BTreeMap<&'a str, &'a LegalBasis>,
    pub sops: &'a BTreeSet<&'a str>,
    pub sources: &'a SourceMap,
    /// Files that exist but failed to parse: references to them are not errors.
    pub broken: &'a BTreeSet<String>,
    pub lang: Lang,
}

/// Collects diagnostics for one SOP with spans looked up by YAML path.
struct Checker<'a> {
    sop: &'a Loaded<RawSop>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn span(&self, path: &str) -> Option<Span> {
        self.sop.spans.get(path)
    }

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }
}

pub(super) fn resolve(loaded: &Loaded<RawSop>, ctx: &Context, diags: &mut Vec<Diagnostic>) -> Sop {
    let raw = &loaded.raw;
    let within = super::limits::check_sop(loaded, diags);
    let mut c = Checker { sop: loaded, diags };
    check_required(&mut c);
    // Over a count limit the flow is not checked (nor later drawn).
    let (lanes, langkah, groups, durasi) = if within {
        let lanes = resolve_lanes(&mut c);
        let before = c.diags.len();
        let mut langkah = resolve_steps(&mut c, &lanes);
        check_unused_lanes(&mut c, &lanes, &langkah);
        // A dropped arrow (SOP006, SOP015, SOP022) changes the flow: steps it
        // would reach or a loop it would leave are that error's echo, not
        // new ones, so the flow is checked once the arrows are right.
        if !c.diags[before..]
            .iter()
            .any(|d| ARROW_CODES.contains(&d.code))
        {
            check_flow(&mut c, &langkah);
        }
        let groups = resolve_groups(&mut c, &mut langkah);
        let durasi = total(&mut c, &langkah, &groups, ctx.lang);
        (lanes, langkah, groups, durasi)
    } else {
        let durasi = TotalDuration {
            computed: Duration::default(),
            tertulis: raw.total_tertulis.clone(),
            tertulis_durasi: None,
        };
        (Vec::new(), Vec::new(), Vec::new(), durasi)
    };
    let dasar_hukum = resolve_legal(&mut c, ctx);
    let keterkaitan = resolve_related(&mut c, ctx);
    let tanggal = Tanggal {
        pembuatan: raw.tanggal.pembuatan.clone(),
        revisi: raw.tanggal.revisi.clone(),
        efektif: raw.tanggal.efektif.clone(),
        pengesahan: raw.tanggal.pengesahan.clone(),
    };
    let disahkan_oleh = raw.disahkan_oleh.as_ref().map(|p| Pengesah {
        jabatan: p.jabatan.clone(),
        nama: p.nama.clone(),
        pangkat: p.pangkat.clone(),
        nip: p.nip.clone(),
    });
    Sop {
        id: loaded.id.clone(),
        file: ctx.sources.file(loaded.file).path.clone(),
        draf: raw.draf,
        nama: raw.nama.trim().to_owned(),
        nomor: raw.nomor.clone(),
        instansi: raw.instansi.clone(),
        unit: raw.unit.clone(),
        tanggal,
        disahkan_oleh,
        penetapan: raw.penetapan.clone(),
        sumber: raw.sumber.clone(),
        tahap: raw.tahap.clone(),
        dasar_hukum,
        keterkaitan,
        kualifikasi_pelaksana: raw.kualifikasi_pelaksana.clone(),
        peralatan: raw.peralatan.clone(),
        peringatan: raw.peringatan.clone(),
        pencatatan: raw.pencatatan.clone(),
        catatan: raw.catatan.clone(),
        pelaksana: lanes,
        langkah,
        waktu_kelompok: groups,
        durasi,
    }
}

fn empty_field(path: &str, what: &str) -> Diagnostic {
    let at = crate::diag::path::shown(path);
    Diagnostic::error("SOP001", tr!("`{}` kosong", "`{}` is empty", what)).help(Text::new(
        format!("isi {} dengan teks dari dokumen", at.id),
        format!("fill {} with the text of the document", at.en),
    ))
}

fn check_required(c: &mut Checker) {
    let raw = &c.sop.raw;
    let mut missing = Vec::new();
    if raw.nama.trim().is_empty() {
        missing.push(("nama".to_owned(), "nama".to_owned()));
    }
    if raw.instansi.trim().is_empty() {
        missing.push(("instansi".to_owned(), "instansi".to_owned()));
    }
    for (i, s) in raw.langkah.iter().enumerate() {
        if s.kegiatan.trim().is_empty() {
            missing.push((
                format!("langkah[{i}].kegiatan"),
                format!("langkah {} kegiatan", i + 1),
            ));
        }
    }
    for (i, l) in raw.pelaksana.iter().enumerate() {
        if l.nama.trim().is_empty() {
            missing.push((
                format!("pelaksana[{i}].nama"),
                format!("pelaksana {} nama", i + 1),
            ));
        }
    }
    for (path, what) in missing {
        let span = c.span(&path);
        c.push(empty_field(&path, &what).at_opt(span));
    }
    if raw.langkah.is_empty() {
        let span = c.span("langkah");
        c.push(
            Diagnostic::error(
                "SOP003",
                tr!("SOP tidak memiliki langkah", "the SOP has no steps"),
            )
            .at_opt(span)
            .help(tr!(
                "salin setiap baris tabel SOP ke `langkah:`",
                "copy every table row into `langkah:`"
            )),
        );
    }
    if raw.pelaksana.is_empty() {
        let span = c.span("pelaksana");
        c.push(
            Diagnostic::error(
                "SOP003",
                tr!("SOP tidak memiliki pelaksana", "the SOP has no lanes"),
            )
            .at_opt(span)
            .help(tr!(
                "daftarkan kolom pelaksana di `pelaksana:`",
                "list the executor columns in `pelaksana:`"
            )),
        );
    }
}

fn resolve_lanes(c: &mut Checker) -> Vec<Lane> {
    let mut seen = BTreeMap::new();
    let mut lanes = Vec::new();
    for (i, l) in c.sop.raw.pelaksana.iter().enumerate() {
        let path = format!("pelaksana[{i}].id");
        let valid = !l.id.is_empty()
            && l.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            let span = c.span(&path);
            c.push(
                Diagnostic::error(
                    "SOP020",
                    tr!(
                        "id pelaksana `{}` tidak sah",
                        "lane id `{}` is invalid",
                        l.id
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "gunakan huruf kecil, angka dan `-`, mis. `bagian-hukum`",
                    "use lower-case letters, digits and `-`, e.g. `bagian-hukum`"
                )),
            );
        }
        if let Some(first) = seen.insert(l.id.clone(), i) {
            let span = c.span(&path);
            c.push(
                Diagnostic::error(
                    "SOP002",
                    tr!("id pelaksana `{}` ganda", "duplicate lane id `{}`", l.id),
                )
                .at_opt(span)
                .label(tr!("sudah dipakai", "already used"))
                .help(tr!(
                    "pelaksana ke-{} sudah memakai id ini; beri id lain",
                    "lane {} already uses this id; choose another",
                    first + 1
                )),
            );
            continue;
        }
        lanes.push(Lane {
            id: l.id.clone(),
            nama: l.nama.trim().to_owned(),
        });
    }
    lanes
}

fn resolve_steps(c: &mut Checker, lanes: &[Lane]) -> Vec<Step> {
    let n = c.sop.raw.langkah.len();
    let lane_list = lanes
        .iter()
        .map(|l| l.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut steps = Vec::with_capacity(n);
    for (i, s) in c.sop.raw.langkah.iter().enumerate() {
        let no = i + 1;
        let pelaksana_raw = s.pelaksana.clone();
        let is_list = matches!(pelaksana_raw, crate::load::raw::OneOrMany::Many(_));
        let mut lane_idx = BTreeSet::new();
        let ids = pelaksana_raw.into_vec();
        if ids.is_empty() {
            let span = c.span(&format!("langkah[{i}].pelaksana"));
            c.push(
                Diagnostic::error(
                    "SOP004",
                    tr!(
                        "langkah {} tidak memiliki pelaksana",
                        "step {} has no executor",
                        no
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "pelaksana yang ada: {}",
                    "declared lanes: {}",
                    lane_list
                )),
            );
        }
        for (j, id) in ids.iter().enumerate() {
            let path = if is_list {
                format!("langkah[{i}].pelaksana[{j}]")
            } else {
                format!("langkah[{i}].pelaksana")
            };
            match lanes.iter().position(|l| &l.id == id) {
                Some(k) => {
                    if !lane_idx.insert(k) {
                        let span = c.span(&path);
                        c.push(
                            Diagnostic::warning(
                                "SOP016",
                                tr!(
                                    "langkah {} menyebut pelaksana `{}` dua kali",
                                    "step {} names lane `{}` twice",
                                    no,
                                    id
                                ),
                            )
                            .at_opt(span),
                        );
                    }
                }
                None => {
                    let span = c.span(&path);
                    c.push(
                        Diagnostic::error(
                            "SOP004",
                            tr!(
                                "langkah {} memakai pelaksana `{}` yang tidak dideklarasikan",
                                "step {} uses lane `{}` which is not declared",
                                no,
                                id
                            ),
                        )
                        .at_opt(span)
                        .label(
                            suggest(id, lanes.iter().map(|l| l.id.as_str()), 1)
                                .label(tr!("tidak ada di `pelaksana:`", "not in `pelaksana:`")),
                        )
                        .help(tr!(
                            "pelaksana yang ada: {}",
                            "declared lanes: {}",
                            lane_list
                        )),
                    );
                }
            }
        }
        let waktu = s.waktu.as_ref().and_then(|t| {
            let path = format!("langkah[{i}].waktu");
            parse_time(c, t, &path).map(|d| StepTime {
                teks: t.trim().to_owned(),
                durasi: d,
                rentang: None,
            })
        });
        let keputusan = s.keputusan.as_ref().map(|k| resolve_branches(c, k, i, n));
        let lanjut_ke = resolve_jump(c, s, i, n);
        let kind = if keputusan.is_some() {
            StepKind::Keputusan
        } else if no == 1 {
            StepKind::Mulai
        } else if no == n || s.selesai {
            StepKind::Selesai
        } else {
            StepKind::Proses
        };
        let lanes_sorted: Vec<usize> = lane_idx.into_iter().collect();
        steps.push(Step {
            no,
            label: s.label.clone().unwrap_or_else(|| no.to_string()),
            kegiatan: s.kegiatan.trim().to_owned(),
            pelaksana: lanes_sorted.iter().map(|&k| lanes[k].id.clone()).collect(),
            lanes: lanes_sorted,
            kelengkapan: s.kelengkapan.clone().into_vec(),
            waktu,
            output: s.output.clone().into_vec(),
            keterangan: s.keterangan.clone().into_vec(),
            keputusan,
            lanjut_ke,
            kind,
            kelompok: None,
        });
    }
    steps
}

fn resolve_branches(
    c: &mut Checker,
    k: &indexmap::IndexMap<String, i64>,
    i: usize,
    n: usize,
) -> Vec<Branch> {
    let no = i + 1;
    if k.is_empty() {
        let span = c.span(&format!("langkah[{i}].keputusan"));
        c.push(
            Diagnostic::error(
                "SOP006",
                tr!(
                    "keputusan langkah {} tidak memiliki cabang",
                    "decision of step {} has no branches",
                    no
                ),
            )
            .at_opt(span)
            .help(tr!(
                "tulis mis. `keputusan: {{ Ya: {}, Tidak: 1 }}`",
                "write e.g. `keputusan: {{ Ya: {}, Tidak: 1 }}`",
                (no + 1).min(n)
            )),
        );
    }
    let mut out = Vec::new();
    for (label, &target) in k {
        let path = format!("langkah[{i}].keputusan.{label}");
        if target < 1 || target as usize > n {
            let span = c.span(&path);
            c.push(
                Diagnostic::error(
                    "SOP006",
                    tr!(
                        "cabang `{}` langkah {} menuju langkah {} yang tidak ada",
                        "branch `{}` of step {} targets step {} which does not exist",
                        label,
                        no,
                        target
                    ),
                )
                .at_opt(span)
                .label(tr!("di luar 1..{}", "outside 1..{}", n))
                .help(tr!(
                    "target adalah posisi langkah (1 sampai {}), bukan nomor cetak",
                    "targets are step positions (1 to {}), not printed numbers",
                    n
                )),
            );
            continue;
        }
        if target as usize == no {
            let span = c.span(&path);
            c.push(
                Diagnostic::error(
                    "SOP015",
                    tr!(
                        "cabang `{}` langkah {} menuju dirinya sendiri",
                        "branch `{}` of step {} targets itself",
                        label,
                        no
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "arahkan ke langkah sebelumnya atau berikutnya",
                    "point it at an earlier or later step"
                )),
            );
            continue;
        }
        if label.trim().is_empty() {
            let span = c.span(&format!("langkah[{i}].keputusan"));
            c.push(empty_field(&path, "label cabang").at_opt(span));
        }
        out.push(Branch {
            label: label.trim().to_owned(),
            target: target as usize,
        });
    }
    out
}

/// `lanjut_ke`: a jump of a process step; exclusive with decisions and ends.
fn resolve_jump(
    c: &mut Checker,
    s: &crate::load::raw::RawStep,
    i: usize,
    n: usize,
) -> Option<usize> {
    let to = s.lanjut_ke?;
    let path = format!("langkah[{i}].lanjut_ke");
    let no = i + 1;
    let problem = if to < 1 || to as usize > n {
        Some(tr!(
            "`lanjut_ke` langkah {} menuju langkah {} yang tidak ada",
            "`lanjut_ke` of step {} targets step {} which does not exist",
            no,
            to
        ))
    } else if to as usize == no {
        Some(tr!(
            "`lanjut_ke` langkah {} menuju dirinya sendiri",
            "`lanjut_ke` of step {} targets itself",
            no
        ))
    } else if s.keputusan.is_some() || s.selesai {
        Some(tr!(
            "langkah {} memakai `lanjut_ke` bersama `keputusan` atau `selesai`",
            "step {} combines `lanjut_ke` with `keputusan` or `selesai`",
            no
        ))
    } else {
        None
    };
    match problem {
        Some(msg) => {
            let span = c.span(&path);
            c.push(
                Diagnostic::error("SOP022", msg).at_opt(span).help(tr!(
                    "`lanjut_ke` adalah posisi langkah (1 sampai {}) untuk langkah proses yang alurnya melompat",
                    "`lanjut_ke` is a step position (1 to {}) for a process step whose flow jumps",
                    n
                )),
            );
            None
        }
        None => Some(to as usize),
    }
}

fn parse_time(c: &mut Checker, text: &str, path: &str) -> Option<Duration> {
    match duration::parse(text) {
        Ok(d) => Some(d),
        Err(e) => {
            let why = match e {
                DurationError::Empty => tr!("kosong", "empty"),
                DurationError::MissingNumber(w) => {
                    tr!("`{}` bukan angka", "`{}` is not a number", w)
                }
                DurationError::UnknownUnit(u) if u.is_empty() => {
                    tr!("satuan tidak ada", "missing unit")
                }
                DurationError::UnknownUnit(u) => {
                    tr!("satuan `{}` tidak dikenal", "unknown unit `{}`", u)
                }
                DurationError::Fraction(n) => tr!(
                    "`{}` bukan jumlah menit atau hari yang utuh",
                    "`{}` is no whole number of minutes or days",
                    n
                ),
                DurationError::TooLarge => tr!("terlalu besar", "too large"),
            };
            let span = c.span(path);
            c.push(
                Diagnostic::error(
                    "SOP010",
                    crate::diag::Text::new(
                        format!("waktu `{text}` tidak dapat dibaca: {}", why.id),
                        format!("cannot read time `{text}`: {}", why.en),
                    ),
                )
                    .at_opt(span)
                    .help(tr!(
                        "tulis `<angka> menit|jam|hari|hari kerja|minggu|bulan`, mis. `15 menit`, `2 (dua) hari`, `1-2 hari` atau `1,5 jam`",
                        "write `<number> menit|jam|hari|hari kerja|minggu|bulan`, e.g. `15 menit`, `2 (dua) hari`, `1-2 hari` or `1,5 jam`"
                    )),
            );
            None
        }
    }
}

fn check_unused_lanes(c: &mut Checker, lanes: &[Lane], steps: &[Step]) {
    for (k, lane) in lanes.iter().enumerate() {
        if !steps.iter().any(|s| s.lanes.contains(&k)) {
            let i = c
                .sop
                .raw
                .pelaksana
                .iter()
                .position(|l| l.id == lane.id)
                .unwrap_or(k);
            let span = c.span(&format!("pelaksana[{i}].id"));
            c.push(
                Diagnostic::warning(
                    "SOP005",
                    tr!(
                        "pelaksana `{}` tidak dipakai langkah mana pun",
                        "lane `{}` is used by no step",
                        lane.id
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "hapus kolom ini atau tetapkan ke langkah yang dilakukannya",
                    "remove the lane or assign it to its steps"
                )),
            );
        }
    }
}

/// Errors that drop an arrow of the flow (see `check_flow`).
const ARROW_CODES: &[&str] = &["SOP006", "SOP015", "SOP022"];

/// The flow from step 1 (linear in steps and arrows): every step is
/// reached (`SOP007`) and every reached step can go on to an end (`SOP025`).
fn check_flow(c: &mut Checker, steps: &[Step]) {
    let n = steps.len();
    if n == 0 {
        return;
    }
    // 0-based successors; resolution dropped targets outside 1..=n.
    let next: Vec<Vec<usize>> = steps
        .iter()
        .map(|s| {
            crate::model::successors(s, n)
                .into_iter()
                .filter(|&t| (1..=n).contains(&t))
                .map(|t| t - 1)
                .collect()
        })
        .collect();
    let reached = reachable(&next, [0]);
    for (i, &r) in reached.iter().enumerate().skip(1) {
        if !r {
            let p = i + 1;
            let span = c.span(&format!("langkah[{i}]"));
            c.push(
                Diagnostic::error("SOP007", tr!("langkah {} tidak dapat dicapai dari langkah 1", "step {} cannot be reached from step 1", p))
                    .at_opt(span)
                    .help(tr!(
                        "periksa cabang `keputusan` sebelumnya: alur harus bisa sampai ke setiap langkah",
                        "check the earlier `keputusan` branches: the flow must reach every step"
                    )),
            );
        }
    }
    check_exits(c, steps, &next, &reached);
}

/// Steps reachable from `from` along `next`.
fn reachable(next: &[Vec<usize>], from: impl IntoIterator<Item = usize>) -> Vec<bool> {
    let mut seen = vec![false; next.len()];
    let mut stack: Vec<usize> = from.into_iter().collect();
    while let Some(i) = stack.pop() {
        if !std::mem::replace(&mut seen[i], true) {
            stack.extend(next[i].iter().filter(|&&t| !seen[t]));
        }
    }
    seen
}

/// `SOP025` for each loop the flow can enter and never leave: a closed
/// group of reached steps none of which leads to an end step (a step with
/// no arrow out: `selesai: true` or the last step without `lanjut_ke`).
fn check_exits(c: &mut Checker, steps: &[Step], next: &[Vec<usize>], reached: &[bool]) {
    let n = next.len();
    let mut prev = vec![Vec::new(); n];
    for (i, targets) in next.iter().enumerate() {
        for &t in targets {
            prev[t].push(i);
        }
    }
    let ends = (0..n).filter(|&i| next[i].is_empty());
    let can_end = reachable(&prev, ends);
    let trapped: Vec<bool> = (0..n).map(|i| reached[i] && !can_end[i]).collect();
    if !trapped.contains(&true) {
        return;
    }
    for group in closed_loops(next, &trapped) {
        // Point at the loop's last step: usually the one that jumps back.
        let last = *group.iter().max().expect("non-empty");
        let field = if steps[last].keputusan.is_some() {
            ".keputusan"
        } else if steps[last].lanjut_ke.is_some() {
            ".lanjut_ke"
        } else {
            ""
        };
        let span = c.span(&format!("langkah[{last}]{field}"));
        let list = positions(&group);
        c.push(
            Diagnostic::error(
                "SOP025",
                tr!(
                    "langkah {} berputar tanpa jalan keluar: alurnya tidak pernah sampai ke langkah selesai",
                    "steps {} loop with no way out: the flow never reaches an end step",
                    list
                ),
            )
            .at_opt(span)
            .label(tr!("putaran kembali dari sini", "the loop goes back from here"))
            .help(tr!(
                "beri salah satu langkah putaran ini cabang `keputusan` ke langkah di luarnya, atau akhiri alur dengan `selesai: true`",
                "give a step of this loop a `keputusan` branch to a step outside it, or end the flow with `selesai: true`"
            )),
        );
    }
}

/// "2, 3, 5" (1-based positions, at most 10 then "…").
fn positions(group: &[usize]) -> String {
    let mut sorted = group.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<String> = sorted
        .iter()
        .take(10)
        .map(|i| (i + 1).to_string())
        .collect();
    if sorted.len() > 10 {
        out.push("…".into());
    }
    out.join(", ")
}

/// The strongly connected groups of the steps `inside` (closed under
/// `next`) that no arrow leaves: Tarjan's algorithm, iterative so a long
/// chain cannot overflow the stack.
fn closed_loops(next: &[Vec<usize>], inside: &[bool]) -> Vec<Vec<usize>> {
    const NONE: usize = usize::MAX;
    let n = next.len();
    let (mut index, mut low) = (vec![NONE; n], vec![0; n]);
    let mut group_of = vec![NONE; n];
    let mut on_stack = vec![false; n];
    let (mut stack, mut groups, mut counter) = (Vec::new(), Vec::<Vec<usize>>::new(), 0);
    for root in (0..n).filter(|&i| inside[i]) {
        if index[root] != NONE {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(v, e)) = work.last() {
            if let Some(&w) = next[v].get(e) {
                work.last_mut().expect("non-empty").1 += 1;
                if !inside[w] {
                    continue;
                }
                if index[w] == NONE {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(u, _)) = work.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    group_of[w] = groups.len();
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                groups.push(members);
            }
        }
    }
    groups
        .into_iter()
        .enumerate()
        .filter(|(k, members)| {
            members
                .iter()
                .all(|&v| next[v].iter().all(|&t| group_of[t] == *k))
        })
        .map(|(_, members)| members)
        .collect()
}

fn resolve_groups(c: &mut Checker, steps: &mut [Step]) -> Vec<TimeGroup> {
    let n = steps.len();
    let mut groups: Vec<TimeGroup> = Vec::new();
    for (i, g) in c.sop.raw.waktu_kelompok.iter().enumerate() {
        let path = format!("waktu_kelompok[{i}]");
        if g.dari < 1 || g.sampai as usize > n || g.sampai < 1 || g.dari > g.sampai {
            let span = c.span(&path);
            c.push(
                Diagnostic::error(
                    "SOP011",
                    tr!(
                        "rentang waktu {}..{} tidak sah",
                        "time range {}..{} is invalid",
                        g.dari,
                        g.sampai
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "`dari` dan `sampai` adalah posisi langkah 1..{} dengan dari <= sampai",
                    "`dari` and `sampai` are step positions 1..{} with dari <= sampai",
                    n
                )),
            );
            continue;
        }
        let Some(d) = parse_time(c, &g.waktu, &format!("{path}.waktu")) else {
            continue;
        };
        let (dari, sampai) = (g.dari as usize, g.sampai as usize);
        if let Some(other) = groups.iter().find(|o| {
            (o.dari < dari && dari <= o.sampai && o.sampai < sampai)
                || (dari < o.dari && o.dari <= sampai && sampai < o.sampai)
                || (o.dari == dari && o.sampai == sampai)
        }) {
            let span = c.span(&path);
            c.push(
                Diagnostic::error(
                    "SOP011",
                    tr!(
                        "rentang waktu {}..{} tumpang tindih dengan {}..{}",
                        "time range {}..{} overlaps {}..{}",
                        dari,
                        sampai,
                        other.dari,
                        other.sampai
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "rentang harus terpisah atau yang satu berada di dalam yang lain",
                    "ranges must be disjoint or nested"
                )),
            );
            continue;
        }
        groups.push(TimeGroup {
            dari,
            sampai,
            teks: g.waktu.trim().to_owned(),
            durasi: d,
            subtotal: false,
        });
    }
    // A range containing other ranges is a subtotal; innermost range per step.
    for k in 0..groups.len() {
        let (d, s) = (groups[k].dari, groups[k].sampai);
        groups[k].subtotal = groups
            .iter()
            .enumerate()
            .any(|(j, o)| j != k && d <= o.dari && o.sampai <= s);
    }
    for step in steps.iter_mut() {
        step.kelompok = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.dari <= step.no && step.no <= g.sampai)
            .min_by_key(|(_, g)| g.sampai - g.dari)
            .map(|(k, _)| k);
    }
    check_range_remarks(c, steps, &groups);
    // Check each subtotal against its parts.
    for (k, g) in groups.iter().enumerate() {
        if !g.subtotal {
            continue;
        }
        let parts = crate::model::range_duration(steps, &groups, g.dari, g.sampai, Some(k));
        if parts != g.durasi {
            let i = c
                .sop
                .raw
                .waktu_kelompok
                .iter()
                .position(|r| r.dari as usize == g.dari && r.sampai as usize == g.sampai)
                .unwrap_or(0);
            let span = c.span(&format!("waktu_kelompok[{i}].waktu"));
            c.push(
                Diagnostic::warning(
                    "SOP012",
                    tr!(
                        "subtotal langkah {}..{} tertulis {}, tetapi bagian-bagiannya berjumlah {}",
                        "subtotal of steps {}..{} states {}, but its parts sum to {}",
                        g.dari,
                        g.sampai,
                        g.durasi.format(Lang::Id),
                        parts.format(Lang::Id)
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "periksa angka di dokumen sumber",
                    "check the figures in the source document"
                )),
            );
        }
    }
    groups
}

/// A cell like "7 hari kerja (total untuk kegiatan nomor 1 s.d. nomor 7)"
/// states a range's time; it must match a `waktu_kelompok` entry, and then
/// counts only through that range (even when printed outside the range).
fn check_range_remarks(c: &mut Checker, steps: &mut [Step], groups: &[TimeGroup]) {
    let position =
        |label: &str, steps: &[Step]| steps.iter().find(|s| s.label == label).map(|s| s.no);
    for i in 0..steps.len() {
        let Some(w) = &steps[i].waktu else { continue };
        let Some((a, b)) = duration::range_remark(&w.teks) else {
            continue;
        };
        let range = position(&a, steps).zip(position(&b, steps));
        let found = range.and_then(|(d, s)| groups.iter().find(|g| g.dari == d && g.sampai == s));
        let path = format!("langkah[{i}].waktu");
        match found {
            Some(g) if g.durasi == w.durasi => {
                steps[i].waktu.as_mut().expect("checked").rentang = Some((g.dari, g.sampai))
            }
            Some(g) => {
                let span = c.span(&path);
                c.push(
                    Diagnostic::error(
                        "SOP021",
                        tr!(
                            "waktu langkah {} ({}) berbeda dari waktu_kelompok {}..{} ({})",
                            "time of step {} ({}) differs from waktu_kelompok {}..{} ({})",
                            i + 1,
                            w.durasi.format(Lang::Id),
                            g.dari,
                            g.sampai,
                            g.durasi.format(Lang::Id)
                        ),
                    )
                    .at_opt(span)
                    .help(tr!(
                        "samakan keduanya dengan dokumen sumber",
                        "make both match the source document"
                    )),
                );
            }
            None => {
                let span = c.span(&path);
                c.push(
                    Diagnostic::error(
                        "SOP021",
                        tr!(
                            "waktu langkah {} menyebut total untuk kegiatan {} s.d. {}, tetapi `waktu_kelompok` tidak memuat rentang itu",
                            "time of step {} states a total for activities {} to {}, but `waktu_kelompok` has no such range",
                            i + 1,
                            a,
                            b
                        ),
                    )
                    .at_opt(span)
                    .help(tr!(
                        "tambahkan `waktu_kelompok: [{{ dari: <posisi {}>, sampai: <posisi {}>, waktu: ... }}]`",
                        "add `waktu_kelompok: [{{ dari: <position of {}>, sampai: <position of {}>, waktu: ... }}]`",
                        a,
                        b
                    )),
                );
            }
        }
    }
}

fn total(c: &mut Checker, steps: &[Step], groups: &[TimeGroup], _lang: Lang) -> TotalDuration {
    let computed = if steps.is_empty() {
        Duration::default()
    } else {
        crate::model::range_duration(steps, groups, 1, steps.len(), None)
    };
    let tertulis = c.sop.raw.total_tertulis.clone();
    let tertulis_durasi = tertulis.as_ref().and_then(|t| match duration::parse(t) {
        Ok(d) => Some(d),
        Err(_) => {
            let span = c.span("total_tertulis");
            c.push(
                Diagnostic::warning(
                    "SOP019",
                    tr!(
                        "total tertulis `{}` tidak dapat dibaca",
                        "cannot read stated total `{}`",
                        t
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "tulis mis. `11 Hari` atau `1.450 menit`",
                    "write e.g. `11 Hari` or `1.450 menit`"
                )),
            );
            None
        }
    });
    let t = TotalDuration {
        computed,
        tertulis,
        tertulis_durasi,
    };
    if t.differs() {
        let span = c.span("total_tertulis");
        c.push(
            Diagnostic::warning(
                "SOP013",
                tr!(
                    "total tertulis {} berbeda dari jumlah langkah {}",
                    "stated total {} differs from the sum of steps {}",
                    t.tertulis_durasi.unwrap_or_default().format(Lang::Id),
                    computed.format(Lang::Id)
                ),
            )
            .at_opt(span)
            .label(tr!(
                "dihitung: {}",
                "computed: {}",
                computed.format(Lang::Id)
            ))
            .help(tr!(
                "biarkan bila dokumen memang mencetak angka ini; halaman SOP menampilkan keduanya",
                "keep it if the document prints this figure; the SOP page shows both"
            )),
        );
    }
    t
}

fn resolve_legal(c: &mut Checker, ctx: &Context) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, item) in c.sop.raw.dasar_hukum.iter().enumerate() {
        let (id, tertulis, path) = match item {
            RawDasarHukum::Id(id) => (id.clone(), None, format!("dasar_hukum[{i}]")),
            RawDasarHukum::Cited(x) => (
                x.id.clone(),
                x.tertulis.clone(),
                format!("dasar_hukum[{i}].id"),
            ),
        };
        match ctx.legal.get(id.as_str()) {
            None if ctx.broken.contains(&id) => continue,
            None => {
                let span = c.span(&path);
                let known = suggest(&id, ctx.legal.keys().copied(), 12);
                c.push(
                    Diagnostic::error("SOP008", tr!("dasar hukum `{}` tidak dikenal", "unknown legal basis `{}`", id))
                        .at_opt(span)
                        .label(known.label(tr!("tidak ada di content/dasar-hukum/", "not in content/dasar-hukum/")))
                        .help(tr!(
                            "buat content/dasar-hukum/{}.md (`sopkb new dasar-hukum {}`) atau pakai salah satu: {}",
                            "create content/dasar-hukum/{}.md (`sopkb new dasar-hukum {}`) or use one of: {}",
                            id,
                            id,
                            known.listing
                        )),
                );
                continue;
            }
            Some(l) if l.status == LegalStatus::Dicabut => {
                let by = if l.dicabut_oleh.is_empty() {
                    String::from("?")
                } else {
                    l.dicabut_oleh.join(", ")
                };
                let span = c.span(&path);
                c.push(
                    Diagnostic::warning(
                        "SOP009",
                        tr!("SOP mengutip `{}` yang sudah dicabut (oleh {})", "the SOP cites `{}` which is revoked (by {})", id, by),
                    )
                    .at_opt(span)
                    .help(tr!(
                        "biarkan bila dokumen memang mengutipnya; halaman SOP menandainya sebagai dicabut",
                        "keep it if the document cites it; the SOP page marks it as revoked"
                    )),
                );
            }
            Some(_) => {}
        }
        if !seen.insert(id.clone()) {
            let span = c.span(&path);
            c.push(
                Diagnostic::warning(
                    "SOP018",
                    tr!(
                        "dasar hukum `{}` disebut dua kali",
                        "legal basis `{}` listed twice",
                        id
                    ),
                )
                .at_opt(span),
            );
            continue;
        }
        out.push(Citation { id, tertulis });
    }
    out
}

fn resolve_related(c: &mut Checker, ctx: &Context) -> Vec<Related> {
    let mut out = Vec::new();
    for (i, item) in c.sop.raw.keterkaitan.iter().enumerate() {
        match item {
            RawKeterkaitan::Text(t) => out.push(Related {
                sop: None,
                teks: t.trim().to_owned(),
            }),
            RawKeterkaitan::Sop(r) => {
                if ctx.broken.contains(&r.sop) {
                    continue;
                }
                if !ctx.sops.contains(r.sop.as_str()) {
                    let span = c.span(&format!("keterkaitan[{i}].sop"));
                    let known = suggest(&r.sop, ctx.sops.iter().copied(), 12);
                    c.push(
                        Diagnostic::error("SOP014", tr!("SOP terkait `{}` tidak ada", "related SOP `{}` does not exist", r.sop))
                            .at_opt(span)
                            .label(known.label(tr!("tidak ada di sops/", "not in sops/")))
                            .help(tr!(
                                "id adalah nama berkas di sops/ tanpa `.yaml` (ada: {}); untuk SOP yang tidak diterbitkan tulis teks biasa",
                                "ids are file names in sops/ without `.yaml` (known: {}); for an SOP not published here write plain text",
                                known.listing
                            )),
                    );
                    continue;
                }
                out.push(Related {
                    sop: Some(r.sop.clone()),
                    teks: r.tertulis.clone().unwrap_or_else(|| r.sop.clone()),
                });
            }
        }
    }
    out
}

/// Two SOPs with the same printed number are almost always a copy-paste slip.
pub(super) fn check_unique_numbers(sops: &[Sop], input: &Input, diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for (sop, loaded) in sops.iter().zip(&input.sops) {
        let Some(nomor) = sop.nomor.as_deref() else {
            continue;
        };
        if let Some(first) = seen.insert((sop.instansi.as_str(), nomor), sop.id.as_str()) {
            diags.push(
                Diagnostic::warning(
                    "SOP017",
                    tr!(
                        "nomor SOP `{}` juga dipakai oleh `{}`",
                        "SOP number `{}` is also used by `{}`",
                        nomor,
                        first
                    ),
                )
                .at_opt(loaded.spans.get("nomor")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The diagnostics of one SOP (`steps` under two lanes `a`, `b`),
    /// with the line of each.
    fn check(steps: &str) -> Vec<(&'static str, usize, String)> {
        let yaml = format!(
            "nama: A\ninstansi: B\npelaksana:\n  - {{ id: a, nama: A }}\n  - {{ id: b, nama: B }}\nlangkah:\n{steps}"
        );
        let mut sources = SourceMap::default();
        let file = sources.add("sops/a.yaml".into(), yaml.clone());
        let (raw, spans) = crate::load::yaml::parse::<RawSop>(file, &yaml, 0).expect("parses");
        let loaded = Loaded {
            id: "a".into(),
            file,
            raw,
            spans,
        };
        let (legal, sops, broken) = (BTreeMap::new(), BTreeSet::new(), BTreeSet::new());
        let ctx = Context {
            legal: &legal,
            sops: &sops,
            sources: &sources,
            broken: &broken,
            lang: Lang::Id,
        };
        let mut diags = Vec::new();
        resolve(&loaded, &ctx, &mut diags);
        diags
            .iter()
            .map(|d| {
                let line = d.span.map_or(0, |s| sources.file(file).line_col(s.start).0);
                (d.code, line, d.message.en.clone())
            })
            .collect()
    }

    fn codes(diags: &[(&'static str, usize, String)], code: &str) -> Vec<(usize, String)> {
        diags
            .iter()
            .filter(|d| d.0 == code)
            .map(|d| (d.1, d.2.clone()))
            .collect()
    }

    #[test]
    fn a_jump_back_from_the_last_step_loops_without_exit() {
        let diags = check(
            "  - { kegiatan: s1, pelaksana: a }\n  - { kegiatan: s2, pelaksana: b }\n  - { kegiatan: s3, pelaksana: a, lanjut_ke: 2 }\n",
        );
        assert_eq!(
            codes(&diags, "SOP025"),
            [(
                9,
                "steps 2, 3 loop with no way out: the flow never reaches an end step".to_owned()
            )],
            "{diags:?}"
        );
    }

    #[test]
    fn a_decision_whose_branches_all_go_back_loops_without_exit() {
        let diags = check(
            "  - { kegiatan: s1, pelaksana: a }\n  - { kegiatan: s2, pelaksana: b }\n  - { kegiatan: s3, pelaksana: a, keputusan: { Ya: 2, Tidak: 1 } }\n  - { kegiatan: s4, pelaksana: b }\n",
        );
        let loops = codes(&diags, "SOP025");
        assert_eq!(loops.len(), 1, "{diags:?}");
        assert_eq!(loops[0].0, 9);
        assert!(loops[0].1.starts_with("steps 1, 2, 3 loop"), "{diags:?}");
        assert_eq!(codes(&diags, "SOP007").len(), 1, "{diags:?}");
    }

    #[test]
    fn each_closed_loop_is_reported_once_and_loops_with_an_exit_are_fine() {
        // 2 splits into the loop 3<->4 and the loop 5<->6; 7 is never reached.
        let diags = check(
            "  - { kegiatan: s1, pelaksana: a }\n  - { kegiatan: s2, pelaksana: b, keputusan: { Ya: 3, Tidak: 5 } }\n  - { kegiatan: s3, pelaksana: a }\n  - { kegiatan: s4, pelaksana: b, lanjut_ke: 3 }\n  - { kegiatan: s5, pelaksana: a }\n  - { kegiatan: s6, pelaksana: b, lanjut_ke: 5 }\n  - { kegiatan: s7, pelaksana: a }\n",
        );
        let loops: Vec<usize> = codes(&diags, "SOP025").iter().map(|d| d.0).collect();
        assert_eq!(loops, [10, 12], "{diags:?}");
        let fine = check(
            "  - { kegiatan: s1, pelaksana: a }\n  - { kegiatan: s2, pelaksana: b }\n  - { kegiatan: s3, pelaksana: a, keputusan: { Ya: 4, Tidak: 2 } }\n  - { kegiatan: s4, pelaksana: b, selesai: true }\n  - { kegiatan: s5, pelaksana: a, lanjut_ke: 2 }\n",
        );
        assert!(codes(&fine, "SOP025").is_empty(), "{fine:?}");
    }

    #[test]
    fn a_broken_arrow_is_reported_alone_not_with_its_echoes() {
        // Without the broken `Tidak: 9`, 1<->2 would loop (SOP025) and 3, 4
        // be unreached (SOP007): both only echo SOP006.
        let broken = "  - { kegiatan: s1, pelaksana: a }\n  - { kegiatan: s2, pelaksana: b, keputusan: { Ya: 1, Tidak: 9 } }\n  - { kegiatan: s3, pelaksana: a }\n  - { kegiatan: s4, pelaksana: b }\n";
        let diags = check(broken);
        let found: Vec<_> = diags.iter().map(|d| d.0).collect();
        assert_eq!(found, ["SOP006"], "{diags:?}");
        let jump = check(
            "  - { kegiatan: s1, pelaksana: a }\n  - { kegiatan: s2, pelaksana: b, lanjut_ke: 0 }\n  - { kegiatan: s3, pelaksana: a, lanjut_ke: 1 }\n",
        );
        let found: Vec<_> = jump.iter().map(|d| d.0).collect();
        assert_eq!(found, ["SOP022"], "{jump:?}");
        // Once the arrow is right, the flow is checked again.
        let fixed = check(&broken.replace("Tidak: 9", "Tidak: 1"));
        assert_eq!(codes(&fixed, "SOP025").len(), 1, "{fixed:?}");
        assert_eq!(codes(&fixed, "SOP007").len(), 2, "{fixed:?}");
    }

    #[test]
    fn over_a_count_limit_the_steps_are_not_checked_one_by_one() {
        let steps = "  - { kegiatan: x, pelaksana: zz }\n".repeat(crate::limits::MAX_STEPS + 1);
        let diags = check(&steps);
        assert_eq!(diags.len(), 1, "{:?}", &diags[..diags.len().min(3)]);
        assert_eq!(diags[0].0, "SOP024");
    }
}
