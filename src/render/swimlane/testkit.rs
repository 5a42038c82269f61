//! Test support for the swimlane: a builder of hand-made SOPs, the shipped SOPs, and checkers of layout invariants and XML well-formedness.

use super::layout::{ColumnKind, Layout, Point, Shape};
use super::route::{ConnectorRole, End};
use crate::model::{Branch, Duration, Lane, Sop, Step, StepKind, StepTime, Tanggal, TotalDuration};

pub(super) struct S {
    lanes: Vec<&'static str>,
    branches: Option<Vec<(&'static str, usize)>>,
    end: bool,
    goto: Option<usize>,
    text: String,
}

pub(super) fn s(lanes: &[&'static str]) -> S {
    S {
        lanes: lanes.to_vec(),
        branches: None,
        end: false,
        goto: None,
        text: "Melakukan kegiatan".to_owned(),
    }
}

impl S {
    pub(super) fn decide(mut self, b: &[(&'static str, usize)]) -> S {
        self.branches = Some(b.to_vec());
        self
    }
    pub(super) fn end(mut self) -> S {
        self.end = true;
        self
    }
    pub(super) fn goto(mut self, to: usize) -> S {
        self.goto = Some(to);
        self
    }
    pub(super) fn text(mut self, t: &str) -> S {
        self.text = t.to_owned();
        self
    }
}

pub(super) fn sop(lanes: &[&str], steps: Vec<S>) -> Sop {
    let n = steps.len();
    let langkah = steps
        .into_iter()
        .enumerate()
        .map(|(i, st)| {
            let no = i + 1;
            let mut idx: Vec<usize> = st
                .lanes
                .iter()
                .map(|l| lanes.iter().position(|x| x == l).expect("known lane"))
                .collect();
            idx.sort_unstable();
            let kind = if st.branches.is_some() {
                StepKind::Keputusan
            } else if no == 1 {
                StepKind::Mulai
            } else if no == n || st.end {
                StepKind::Selesai
            } else {
                StepKind::Proses
            };
            Step {
                no,
                label: no.to_string(),
                kegiatan: st.text,
                pelaksana: idx.iter().map(|&k| lanes[k].to_owned()).collect(),
                lanes: idx,
                kelengkapan: vec![
                    "Surat Permohonan".into(),
                    "Kerangka Acuan Kerja & <lampiran>".into(),
                ],
                waktu: Some(StepTime {
                    teks: "1 hari".into(),
                    durasi: Duration { menit: 0, hari: 1 },
                    rentang: None,
                }),
                output: vec!["Arahan \"pimpinan\"".into()],
                keterangan: Vec::new(),
                keputusan: st.branches.map(|b| {
                    b.into_iter()
                        .map(|(l, t)| Branch {
                            label: l.into(),
                            target: t,
                        })
                        .collect()
                }),
                lanjut_ke: st.goto,
                kind,
                kelompok: None,
            }
        })
        .collect();
    Sop {
        id: "uji".into(),
        file: "sops/uji.yaml".into(),
        draf: false,
        nama: "SOP Uji & <Coba>".into(),
        nomor: None,
        instansi: "Pemda".into(),
        unit: None,
        tanggal: Tanggal::default(),
        disahkan_oleh: None,
        penetapan: None,
        sumber: None,
        tahap: Vec::new(),
        dasar_hukum: Vec::new(),
        keterkaitan: Vec::new(),
        kualifikasi_pelaksana: Vec::new(),
        peralatan: Vec::new(),
        peringatan: Vec::new(),
        pencatatan: Vec::new(),
        catatan: Vec::new(),
        pelaksana: lanes
            .iter()
            .map(|l| Lane {
                id: (*l).into(),
                nama: format!("Bagian {l}"),
            })
            .collect(),
        langkah,
        waktu_kelompok: Vec::new(),
        durasi: TotalDuration {
            computed: Duration::default(),
            tertulis: None,
            tertulis_durasi: None,
        },
    }
}

/// Magetan-like: decisions going back, a jump back, a two-lane step, a skip forward, an early end, a self-loop.
pub(super) fn tangled() -> Sop {
    sop(
        &["opd", "tapem", "bupati", "pihak"],
        vec![
            s(&["opd"]),
            s(&["tapem"]).decide(&[("Ya", 3), ("Tidak", 1)]),
            s(&["bupati", "pihak"]).text(
                "Penandatanganan Naskah oleh Bupati dan Pihak II bersama-sama secara tatap muka",
            ),
            s(&["pihak"]).decide(&[("Lengkap", 6), ("Perbaiki", 5)]),
            s(&["tapem"])
                .text("Perbaikan (ulangi lagi mulai kegiatan nomor 2)")
                .goto(2),
            s(&["opd"]).decide(&[("Ya", 7), ("Tidak", 8)]),
            s(&["tapem"])
                .text("Selesai proses, permohonan ditolak")
                .end(),
            s(&["bupati"]),
            s(&["opd", "tapem"]).decide(&[("Ya", 10), ("Ulang", 9)]),
            s(&["pihak"]),
        ],
    )
}

const EPS: f64 = 0.01;

fn end_point_ok(l: &Layout, end: End, p: Point, start: bool) -> bool {
    match end {
        End::Symbol(k) => l.symbol(k).is_some_and(|s| s.on_border(p, EPS)),
        End::Connector(c) => {
            let r = l.connectors[c].rect;
            let anchor = if start {
                Point {
                    x: r.cx(),
                    y: r.bottom(),
                }
            } else {
                Point { x: r.cx(), y: r.y }
            };
            (anchor.x - p.x).abs() < EPS && (anchor.y - p.y).abs() < EPS
        }
    }
}

fn segments(points: &[Point]) -> impl Iterator<Item = (Point, Point)> + '_ {
    points.windows(2).map(|w| (w[0], w[1]))
}

/// Collinear segments sharing more than a point.
fn overlap(a: (Point, Point), b: (Point, Point)) -> bool {
    let span = |p: f64, q: f64| (p.min(q), p.max(q));
    let shared = |(a0, a1): (f64, f64), (b0, b1): (f64, f64)| a1.min(b1) - a0.max(b0) > EPS;
    let (av, bv) = ((a.0.x - a.1.x).abs() < EPS, (b.0.x - b.1.x).abs() < EPS);
    if av && bv && (a.0.x - b.0.x).abs() < EPS {
        return shared(span(a.0.y, a.1.y), span(b.0.y, b.1.y));
    }
    if !av && !bv && (a.0.y - b.0.y).abs() < EPS {
        return shared(span(a.0.x, a.1.x), span(b.0.x, b.1.x));
    }
    false
}

pub(super) fn check(sop: &Sop, l: &Layout) {
    let name = &sop.id;
    assert_eq!(
        l.symbols.len(),
        sop.langkah.len(),
        "{name}: one symbol per step"
    );
    assert_eq!(l.rows.len(), sop.langkah.len(), "{name}: one row per step");

    // Symbols: apart, inside their lanes and their row.
    for (i, a) in l.symbols.iter().enumerate() {
        for b in &l.symbols[i + 1..] {
            assert!(
                !a.rect.intersects(&b.rect),
                "{name}: symbols {} and {} overlap",
                a.step,
                b.step
            );
        }
        let first = l.column(ColumnKind::Lane(a.lanes[0])).expect("lane column");
        let last = l
            .column(ColumnKind::Lane(*a.lanes.last().expect("lane")))
            .expect("lane column");
        assert!(
            a.rect.x >= first.x && a.rect.right() <= last.right(),
            "{name}: symbol {} leaves its lanes",
            a.step
        );
        assert!(
            l.rows[a.step - 1].rect.contains_rect(&a.rect),
            "{name}: symbol {} leaves its row",
            a.step
        );
        let want = match a.kind {
            StepKind::Keputusan => Shape::Diamond,
            StepKind::Mulai | StepKind::Selesai => Shape::Capsule,
            StepKind::Proses => Shape::Box,
        };
        assert_eq!(a.shape, want, "{name}: symbol {} shape", a.step);
    }

    let channel = l.channel();
    let lanes_end = l
        .column(ColumnKind::Kelengkapan)
        .expect("a Kelengkapan column")
        .x;
    for (ei, e) in l.edges.iter().enumerate() {
        let what = format!("{name}: edge {} -> {}", e.from, e.to);
        assert!(!e.legs.is_empty(), "{what}: no legs");
        // Side-edge labels stay in the lane area, off the Mutu Baku text.
        if let (Some(_), Some(label)) = (e.track, &e.label) {
            let w = label.text.chars().count() as f64
                * super::layout::LABEL_FONT_SIZE
                * l.options.char_width;
            assert!(
                label.at.x + w <= lanes_end,
                "{what}: label {:?} runs into the Mutu Baku columns",
                label.text
            );
        }
        assert_eq!(
            e.legs[0].start,
            End::Symbol(e.from),
            "{what}: starts at its source"
        );
        assert_eq!(
            e.legs.last().expect("leg").end,
            End::Symbol(e.to),
            "{what}: ends at its target"
        );
        for leg in &e.legs {
            assert!(leg.points.len() >= 2, "{what}: a leg needs two points");
            assert!(
                end_point_ok(l, leg.start, leg.points[0], true),
                "{what}: starts off the border"
            );
            assert!(
                end_point_ok(l, leg.end, *leg.points.last().expect("point"), false),
                "{what}: ends off the border"
            );
            for (a, b) in segments(&leg.points) {
                assert!(
                    (a.x - b.x).abs() < EPS || (a.y - b.y).abs() < EPS,
                    "{what}: segment {a:?}-{b:?} is not orthogonal"
                );
                let len = (a.x - b.x).abs() + (a.y - b.y).abs();
                let steps = (len.ceil() as usize).max(1) * 2;
                for k in 0..=steps {
                    let t = k as f64 / steps as f64;
                    let p = Point {
                        x: a.x + (b.x - a.x) * t,
                        y: a.y + (b.y - a.y) * t,
                    };
                    for sym in &l.symbols {
                        assert!(
                            !sym.contains(p, EPS),
                            "{what}: crosses symbol {} at {p:?}",
                            sym.step
                        );
                    }
                    for c in &l.connectors {
                        let r = c.rect;
                        let inside = p.x > r.x + EPS
                            && p.x < r.right() - EPS
                            && p.y > r.y + EPS
                            && p.y < r.bottom() - EPS;
                        assert!(!inside, "{what}: crosses connector {}", c.letter);
                    }
                }
            }
            // Legs of different edges never run along each other.
            for (fj, f) in l.edges.iter().enumerate().filter(|(j, _)| *j != ei) {
                for other in f.legs.iter().filter(|o| o.page == leg.page) {
                    for a in segments(&leg.points) {
                        for b in segments(&other.points) {
                            assert!(
                                !overlap(a, b),
                                "{what}: overlaps edge {fj} ({} -> {})",
                                f.from,
                                f.to
                            );
                        }
                    }
                }
            }
        }
        // Skips and back-edges run their vertical part in the side channel.
        let adjacent = e.to == e.from + 1;
        if !adjacent || e.track.is_some() {
            let ch = channel.expect("a channel when there are side edges");
            assert!(e.track.is_some(), "{what}: skips rows without a track");
            let verticals: Vec<_> = e
                .legs
                .iter()
                .flat_map(|g| segments(&g.points))
                .filter(|(a, b)| (a.x - b.x).abs() < EPS)
                .collect();
            assert!(!verticals.is_empty(), "{what}: no vertical part");
            for (a, _) in verticals {
                assert!(
                    a.x > ch.x && a.x < ch.right(),
                    "{what}: vertical at x={} outside the channel",
                    a.x
                );
            }
        }
    }
    let mut tracks: Vec<usize> = l.edges.iter().filter_map(|e| e.track).collect();
    let count = tracks.len();
    tracks.sort_unstable();
    tracks.dedup();
    assert_eq!(tracks.len(), count, "{name}: one track per side edge");

    // Every branch of every decision has its own edge to its target.
    for st in &sop.langkah {
        let want: Vec<usize> = sop.successors(st);
        let got: Vec<usize> = l
            .edges
            .iter()
            .filter(|e| e.from == st.no)
            .map(|e| e.to)
            .collect();
        assert_eq!(got, want, "{name}: edges of step {}", st.no);
        if let Some(bs) = &st.keputusan {
            for (i, b) in bs.iter().enumerate() {
                let e = l
                    .edges
                    .iter()
                    .find(|e| e.from == st.no && e.branch == Some(i))
                    .expect("an edge per branch");
                assert_eq!(e.to, b.target);
                assert_eq!(
                    e.label.as_ref().map(|x| x.text.as_str()),
                    Some(b.label.as_str())
                );
            }
        }
    }

    // Pages: rows whole and in order; connector letters pair up across pages.
    let mut next = 0;
    for p in &l.pages {
        assert_eq!(p.rows.start, next, "{name}: pages cover rows in order");
        next = p.rows.end;
        for r in &l.rows[p.rows.clone()] {
            assert!(
                p.body.contains_rect(&r.rect),
                "{name}: row {} cut by page {}",
                r.step,
                p.index
            );
            assert_eq!(r.page, p.index);
        }
        if let Some(ph) = l.options.page_height {
            assert!(
                p.bottom - p.top <= ph + EPS || p.rows.len() == 1,
                "{name}: page {} too tall",
                p.index
            );
        }
    }
    assert_eq!(next, l.rows.len(), "{name}: every row on a page");
    for e in &l.edges {
        let (ps, pt) = (l.symbols[e.from - 1].page, l.symbols[e.to - 1].page);
        if ps == pt {
            assert_eq!(
                e.legs.len(),
                1,
                "{name}: same-page edge {} -> {} is one leg",
                e.from,
                e.to
            );
            continue;
        }
        assert_eq!(
            e.legs.len(),
            2,
            "{name}: cross-page edge {} -> {} has two legs",
            e.from,
            e.to
        );
        let (End::Connector(a), End::Connector(b)) = (e.legs[0].end, e.legs[1].start) else {
            panic!("{name}: cross-page edge without connectors");
        };
        let (a, b) = (&l.connectors[a], &l.connectors[b]);
        assert_eq!(a.letter, b.letter, "{name}: connector letters match");
        assert_eq!(
            (a.role, a.page, b.role, b.page),
            (ConnectorRole::Exit, ps, ConnectorRole::Entry, pt)
        );
        let page = &l.pages[ps];
        assert!(
            a.rect.y >= l.rows[page.rows.end - 1].rect.bottom(),
            "{name}: exit connector below the last row"
        );
        let page = &l.pages[pt];
        assert!(
            b.rect.bottom() <= l.rows[page.rows.start].rect.y,
            "{name}: entry connector above the first row"
        );
    }
    let mut letters: Vec<&str> = l.connectors.iter().map(|c| c.letter.as_str()).collect();
    letters.sort_unstable();
    for pair in letters.chunks(2) {
        assert!(
            pair.len() == 2 && pair[0] == pair[1],
            "{name}: letters come in pairs: {letters:?}"
        );
    }
    assert_eq!(l.connectors.len(), 2 * letters.chunks(2).count());
    let mut uniq = letters.clone();
    uniq.dedup();
    assert_eq!(uniq.len() * 2, letters.len(), "{name}: one letter per pair");
}

/// A small XML well-formedness check: balanced tags, quoted attributes, known entities.
pub(super) fn assert_well_formed(xml: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml.trim();
    let mut roots = 0;
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix('<') {
            let mut quote = None;
            let end = tail
                .char_indices()
                .find(|&(_, c)| match (quote, c) {
                    (None, '"' | '\'') => {
                        quote = Some(c);
                        false
                    }
                    (Some(q), c) if c == q => {
                        quote = None;
                        false
                    }
                    (None, '>') => true,
                    _ => false,
                })
                .map(|(i, _)| i)
                .expect("unterminated tag");
            let tag = &tail[..end];
            rest = &tail[end + 1..];
            assert!(!tag.contains('<'), "stray < in tag {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(name.trim()),
                    "mismatched close tag"
                );
                continue;
            }
            let name: String = tag
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/')
                .collect();
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
                "bad tag name {name}"
            );
            check_attrs(tag[name.len()..].trim_end_matches('/'));
            if stack.is_empty() {
                roots += 1;
            }
            if !tag.ends_with('/') {
                stack.push(name);
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            assert!(!stack.is_empty(), "text outside the root");
            check_text(&rest[..end]);
            rest = &rest[end..];
        }
    }
    assert!(stack.is_empty(), "unclosed tags {stack:?}");
    assert_eq!(roots, 1, "one root element");
}

fn check_attrs(mut s: &str) {
    let mut seen = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return;
        }
        let eq = s.find('=').expect("attribute without value");
        let name = s[..eq].trim();
        assert!(!seen.contains(&name), "duplicate attribute {name}");
        seen.push(name);
        let v = &s[eq + 1..];
        let q = v.chars().next().expect("value");
        assert!(q == '"' || q == '\'', "unquoted attribute {name}");
        let close = v[1..].find(q).expect("unterminated value") + 1;
        check_text(&v[1..close]);
        assert!(!v[1..close].contains('<'));
        s = &v[close + 1..];
    }
}

fn check_text(t: &str) {
    assert!(!t.contains('<'), "raw < in text");
    for (i, _) in t.match_indices('&') {
        let ent = &t[i..];
        let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
            .iter()
            .any(|e| ent.starts_with(e));
        assert!(ok, "bare & in {t}");
    }
}

pub(super) fn check_svg(sop: &Sop, svg: &str) {
    assert_well_formed(svg);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    for st in &sop.langkah {
        let needle = format!("data-step=\"{}\"", st.no);
        assert_eq!(svg.matches(&needle).count(), 1, "one {needle}");
    }
    assert_eq!(svg.matches("data-step=").count(), sop.langkah.len());
    assert!(!svg.contains("style="), "no inline style attributes");
}

pub(super) fn shipped_sops() -> Vec<Sop> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diags = Vec::new();
    let input = crate::load::load(root, &mut diags).expect("the project loads");
    crate::validate::validate(&input, &mut diags).sops
}
