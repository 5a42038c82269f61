//! Swimlane tests: geometric invariants on hand-built and shipped SOPs, and SVG well-formedness.

use super::layout::{layout, ColumnKind, ConnectorRole, End, Layout, LayoutOptions, Point, Shape};
use super::svg::{num, render_pages_svg, render_svg};
use super::{swimlane_pages_svg, swimlane_svg};
use crate::diag::Lang;
use crate::model::{Branch, Duration, Lane, Sop, Step, StepKind, StepTime, Tanggal, TotalDuration};

// ---------- a small builder of hand-made SOPs ----------

struct S {
    lanes: Vec<&'static str>,
    branches: Option<Vec<(&'static str, usize)>>,
    end: bool,
    goto: Option<usize>,
    text: String,
}

fn s(lanes: &[&'static str]) -> S {
    S { lanes: lanes.to_vec(), branches: None, end: false, goto: None, text: "Melakukan kegiatan".to_owned() }
}

impl S {
    fn decide(mut self, b: &[(&'static str, usize)]) -> S {
        self.branches = Some(b.to_vec());
        self
    }
    fn end(mut self) -> S {
        self.end = true;
        self
    }
    fn goto(mut self, to: usize) -> S {
        self.goto = Some(to);
        self
    }
    fn text(mut self, t: &str) -> S {
        self.text = t.to_owned();
        self
    }
}

fn sop(lanes: &[&str], steps: Vec<S>) -> Sop {
    let n = steps.len();
    let langkah = steps
        .into_iter()
        .enumerate()
        .map(|(i, st)| {
            let no = i + 1;
            let mut idx: Vec<usize> = st.lanes.iter().map(|l| lanes.iter().position(|x| x == l).expect("known lane")).collect();
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
                kelengkapan: vec!["Surat Permohonan".into(), "Kerangka Acuan Kerja & <lampiran>".into()],
                waktu: Some(StepTime { teks: "1 hari".into(), durasi: Duration { menit: 0, hari: 1 }, rentang: None }),
                output: vec!["Arahan \"pimpinan\"".into()],
                keterangan: Vec::new(),
                keputusan: st.branches.map(|b| b.into_iter().map(|(l, t)| Branch { label: l.into(), target: t }).collect()),
                lanjut_ke: st.goto,
                kind,
                kelompok: None,
            }
        })
        .collect();
    Sop {
        id: "uji".into(),
        file: "sops/uji.yaml".into(),
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
        pelaksana: lanes.iter().map(|l| Lane { id: (*l).into(), nama: format!("Bagian {l}") }).collect(),
        langkah,
        waktu_kelompok: Vec::new(),
        durasi: TotalDuration { computed: Duration::default(), tertulis: None, tertulis_durasi: None },
    }
}

/// Magetan-like: decisions going back, a jump back, a two-lane step, a skip forward, an early end, a self-loop.
fn tangled() -> Sop {
    sop(
        &["opd", "tapem", "bupati", "pihak"],
        vec![
            s(&["opd"]),
            s(&["tapem"]).decide(&[("Ya", 3), ("Tidak", 1)]),
            s(&["bupati", "pihak"]).text("Penandatanganan Naskah oleh Bupati dan Pihak II bersama-sama secara tatap muka"),
            s(&["pihak"]).decide(&[("Lengkap", 6), ("Perbaiki", 5)]),
            s(&["tapem"]).text("Perbaikan (ulangi lagi mulai kegiatan nomor 2)").goto(2),
            s(&["opd"]).decide(&[("Ya", 7), ("Tidak", 8)]),
            s(&["tapem"]).text("Selesai proses, permohonan ditolak").end(),
            s(&["bupati"]),
            s(&["opd", "tapem"]).decide(&[("Ya", 10), ("Ulang", 9)]),
            s(&["pihak"]),
        ],
    )
}

// ---------- invariant checks ----------

const EPS: f64 = 0.01;

fn end_point_ok(l: &Layout, end: End, p: Point, start: bool) -> bool {
    match end {
        End::Symbol(k) => l.symbol(k).is_some_and(|s| s.on_border(p, EPS)),
        End::Connector(c) => {
            let r = l.connectors[c].rect;
            let anchor = if start { Point { x: r.cx(), y: r.bottom() } } else { Point { x: r.cx(), y: r.y } };
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

fn check(sop: &Sop, l: &Layout) {
    let name = &sop.id;
    assert_eq!(l.symbols.len(), sop.langkah.len(), "{name}: one symbol per step");
    assert_eq!(l.rows.len(), sop.langkah.len(), "{name}: one row per step");

    // Symbols: apart, inside their lanes and their row.
    for (i, a) in l.symbols.iter().enumerate() {
        for b in &l.symbols[i + 1..] {
            assert!(!a.rect.intersects(&b.rect), "{name}: symbols {} and {} overlap", a.step, b.step);
        }
        let first = l.column(ColumnKind::Lane(a.lanes[0])).expect("lane column");
        let last = l.column(ColumnKind::Lane(*a.lanes.last().expect("lane"))).expect("lane column");
        assert!(a.rect.x >= first.x && a.rect.right() <= last.right(), "{name}: symbol {} leaves its lanes", a.step);
        assert!(l.rows[a.step - 1].rect.contains_rect(&a.rect), "{name}: symbol {} leaves its row", a.step);
        let want = match a.kind {
            StepKind::Keputusan => Shape::Diamond,
            StepKind::Mulai | StepKind::Selesai => Shape::Capsule,
            StepKind::Proses => Shape::Box,
        };
        assert_eq!(a.shape, want, "{name}: symbol {} shape", a.step);
    }

    let channel = l.channel();
    for (ei, e) in l.edges.iter().enumerate() {
        let what = format!("{name}: edge {} -> {}", e.from, e.to);
        assert!(!e.legs.is_empty(), "{what}: no legs");
        assert_eq!(e.legs[0].start, End::Symbol(e.from), "{what}: starts at its source");
        assert_eq!(e.legs.last().expect("leg").end, End::Symbol(e.to), "{what}: ends at its target");
        for leg in &e.legs {
            assert!(leg.points.len() >= 2, "{what}: a leg needs two points");
            assert!(end_point_ok(l, leg.start, leg.points[0], true), "{what}: starts off the border");
            assert!(end_point_ok(l, leg.end, *leg.points.last().expect("point"), false), "{what}: ends off the border");
            for (a, b) in segments(&leg.points) {
                assert!((a.x - b.x).abs() < EPS || (a.y - b.y).abs() < EPS, "{what}: segment {a:?}-{b:?} is not orthogonal");
                let len = (a.x - b.x).abs() + (a.y - b.y).abs();
                let steps = (len.ceil() as usize).max(1) * 2;
                for k in 0..=steps {
                    let t = k as f64 / steps as f64;
                    let p = Point { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
                    for sym in &l.symbols {
                        assert!(!sym.contains(p, EPS), "{what}: crosses symbol {} at {p:?}", sym.step);
                    }
                    for c in &l.connectors {
                        let r = c.rect;
                        let inside = p.x > r.x + EPS && p.x < r.right() - EPS && p.y > r.y + EPS && p.y < r.bottom() - EPS;
                        assert!(!inside, "{what}: crosses connector {}", c.letter);
                    }
                }
            }
            // Legs of different edges never run along each other.
            for (fj, f) in l.edges.iter().enumerate().filter(|(j, _)| *j != ei) {
                for other in f.legs.iter().filter(|o| o.page == leg.page) {
                    for a in segments(&leg.points) {
                        for b in segments(&other.points) {
                            assert!(!overlap(a, b), "{what}: overlaps edge {fj} ({} -> {})", f.from, f.to);
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
            let verticals: Vec<_> = e.legs.iter().flat_map(|g| segments(&g.points)).filter(|(a, b)| (a.x - b.x).abs() < EPS).collect();
            assert!(!verticals.is_empty(), "{what}: no vertical part");
            for (a, _) in verticals {
                assert!(a.x > ch.x && a.x < ch.right(), "{what}: vertical at x={} outside the channel", a.x);
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
        let got: Vec<usize> = l.edges.iter().filter(|e| e.from == st.no).map(|e| e.to).collect();
        assert_eq!(got, want, "{name}: edges of step {}", st.no);
        if let Some(bs) = &st.keputusan {
            for (i, b) in bs.iter().enumerate() {
                let e = l.edges.iter().find(|e| e.from == st.no && e.branch == Some(i)).expect("an edge per branch");
                assert_eq!(e.to, b.target);
                assert_eq!(e.label.as_ref().map(|x| x.text.as_str()), Some(b.label.as_str()));
            }
        }
    }

    // Pages: rows whole and in order; connector letters pair up across pages.
    let mut next = 0;
    for p in &l.pages {
        assert_eq!(p.rows.start, next, "{name}: pages cover rows in order");
        next = p.rows.end;
        for r in &l.rows[p.rows.clone()] {
            assert!(p.body.contains_rect(&r.rect), "{name}: row {} cut by page {}", r.step, p.index);
            assert_eq!(r.page, p.index);
        }
        if let Some(ph) = l.options.page_height {
            assert!(p.bottom - p.top <= ph + EPS || p.rows.len() == 1, "{name}: page {} too tall", p.index);
        }
    }
    assert_eq!(next, l.rows.len(), "{name}: every row on a page");
    for e in &l.edges {
        let (ps, pt) = (l.symbols[e.from - 1].page, l.symbols[e.to - 1].page);
        if ps == pt {
            assert_eq!(e.legs.len(), 1, "{name}: same-page edge {} -> {} is one leg", e.from, e.to);
            continue;
        }
        assert_eq!(e.legs.len(), 2, "{name}: cross-page edge {} -> {} has two legs", e.from, e.to);
        let (End::Connector(a), End::Connector(b)) = (e.legs[0].end, e.legs[1].start) else {
            panic!("{name}: cross-page edge without connectors");
        };
        let (a, b) = (&l.connectors[a], &l.connectors[b]);
        assert_eq!(a.letter, b.letter, "{name}: connector letters match");
        assert_eq!((a.role, a.page, b.role, b.page), (ConnectorRole::Exit, ps, ConnectorRole::Entry, pt));
        let page = &l.pages[ps];
        assert!(a.rect.y >= l.rows[page.rows.end - 1].rect.bottom(), "{name}: exit connector below the last row");
        let page = &l.pages[pt];
        assert!(b.rect.bottom() <= l.rows[page.rows.start].rect.y, "{name}: entry connector above the first row");
    }
    let mut letters: Vec<&str> = l.connectors.iter().map(|c| c.letter.as_str()).collect();
    letters.sort_unstable();
    for pair in letters.chunks(2) {
        assert!(pair.len() == 2 && pair[0] == pair[1], "{name}: letters come in pairs: {letters:?}");
    }
    assert_eq!(l.connectors.len(), 2 * letters.chunks(2).count());
    let mut uniq = letters.clone();
    uniq.dedup();
    assert_eq!(uniq.len() * 2, letters.len(), "{name}: one letter per pair");
}

/// A small XML well-formedness check: balanced tags, quoted attributes, known entities.
fn assert_well_formed(xml: &str) {
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
                assert_eq!(stack.pop().as_deref(), Some(name.trim()), "mismatched close tag");
                continue;
            }
            let name: String = tag.chars().take_while(|c| !c.is_whitespace() && *c != '/').collect();
            assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'), "bad tag name {name}");
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
        let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|e| ent.starts_with(e));
        assert!(ok, "bare & in {t}");
    }
}

fn check_svg(sop: &Sop, svg: &str) {
    assert_well_formed(svg);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    for st in &sop.langkah {
        let needle = format!("data-step=\"{}\"", st.no);
        assert_eq!(svg.matches(&needle).count(), 1, "one {needle}");
    }
    assert_eq!(svg.matches("data-step=").count(), sop.langkah.len());
    assert!(!svg.contains("style="), "no inline style attributes");
}

fn shipped_sops() -> Vec<Sop> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diags = Vec::new();
    let input = crate::load::load(root, &mut diags).expect("the project loads");
    crate::validate::validate(&input, &mut diags).sops
}

// ---------- tests ----------

#[test]
fn wraps_text_to_the_width_and_cuts_long_words() {
    let o = LayoutOptions::default();
    let per_char = o.font_size * o.char_width;
    let lines = super::layout::wrap("Mengajukan permohonan fasilitasi Kerja Sama", 20.0 * per_char, &o);
    assert_eq!(lines, ["Mengajukan", "permohonan", "fasilitasi Kerja", "Sama"]);
    let lines = super::layout::wrap("Penandatanganan xx", 6.0 * per_char, &o);
    assert_eq!(lines, ["Penand", "atanga", "nan xx"]);
    assert!(super::layout::wrap("  ", 50.0, &o).is_empty());
}

#[test]
fn lays_out_a_straight_flow_without_side_channel() {
    let sop = sop(&["a", "b"], vec![s(&["a"]), s(&["b"]), s(&["a"]), s(&["b"])]);
    let l = layout(&sop, &LayoutOptions::default());
    check(&sop, &l);
    assert_eq!(l.tracks, 0);
    assert!(l.channel().is_none());
    assert_eq!(l.edges.len(), 3);
    assert_eq!(l.symbols[0].shape, Shape::Capsule);
    assert_eq!(l.symbols[1].shape, Shape::Box);
    assert_eq!(l.symbols[3].shape, Shape::Capsule);
}

#[test]
fn columns_follow_the_permenpan_form() {
    let sop = tangled();
    let l = layout(&sop, &LayoutOptions::default());
    let kinds: Vec<ColumnKind> = l.columns.iter().map(|c| c.kind).collect();
    use ColumnKind::*;
    assert_eq!(kinds, [No, Kegiatan, Lane(0), Lane(1), Lane(2), Lane(3), Channel, Kelengkapan, Waktu, Output, Keterangan]);
    for w in l.columns.windows(2) {
        assert!((w[0].right() - w[1].x).abs() < 1e-9, "columns are contiguous");
    }
}

#[test]
fn rows_grow_to_fit_their_longest_cell() {
    let long = "kata ".repeat(80);
    let sop = sop(&["a"], vec![s(&["a"]), s(&["a"]).text(&long), s(&["a"])]);
    let l = layout(&sop, &LayoutOptions::default());
    let o = &l.options;
    let cell = l.rows[1].cells.iter().find(|c| c.column == ColumnKind::Kegiatan).expect("kegiatan");
    assert!(cell.lines.len() > 5);
    assert!(l.rows[1].rect.h >= cell.lines.len() as f64 * o.line_pitch() + 2.0 * o.cell_padding);
    assert!(l.rows[1].rect.h > l.rows[0].rect.h);
}

#[test]
fn routes_back_edges_skips_and_spans_without_crossing_symbols() {
    let sop = tangled();
    let l = layout(&sop, &LayoutOptions::default());
    check(&sop, &l);
    // 2 -> 1, 4 -> 6, 5 -> 2, 6 -> 8, 9 -> 9: five side edges.
    assert_eq!(l.tracks, 5);
    let span = &l.symbols[2];
    let (b, p) = (l.column(ColumnKind::Lane(2)).expect("lane"), l.column(ColumnKind::Lane(3)).expect("lane"));
    assert!(span.rect.x < b.right() && span.rect.right() > p.x, "a two-lane step is one wide symbol");
}

#[test]
fn an_early_end_has_no_outgoing_edge() {
    let sop = tangled();
    let l = layout(&sop, &LayoutOptions::default());
    assert_eq!(l.symbols[6].shape, Shape::Capsule);
    assert!(l.edges.iter().all(|e| e.from != 7));
}

#[test]
fn branch_labels_sit_near_the_start_of_their_edge() {
    let sop = tangled();
    let l = layout(&sop, &LayoutOptions::default());
    for e in l.edges.iter().filter(|e| e.branch.is_some()) {
        let label = e.label.as_ref().expect("decision edges are labelled");
        let start = e.legs[0].points[0];
        let d = (label.at.x - start.x).abs() + (label.at.y - start.y).abs();
        assert!(d < 3.0 * l.options.font_size, "label {} is {d} away from its edge start", label.text);
    }
}

#[test]
fn paginated_layouts_keep_rows_whole_and_pair_connectors() {
    let sop = tangled();
    let base = LayoutOptions::default();
    for ph in [180.0, 230.0, 300.0, 420.0] {
        let l = layout(&sop, &LayoutOptions { page_height: Some(ph), ..base.clone() });
        assert!(l.pages.len() > 1, "page height {ph} splits the table");
        check(&sop, &l);
        assert!(!l.connectors.is_empty());
        assert_eq!(l.connectors[0].letter, "A");
    }
}

#[test]
fn a_row_taller_than_a_page_gets_a_page_of_its_own() {
    let long = "kata ".repeat(300);
    let sop = sop(&["a", "b"], vec![s(&["a"]), s(&["b"]).text(&long), s(&["a"])]);
    let l = layout(&sop, &LayoutOptions { page_height: Some(200.0), ..LayoutOptions::default() });
    check(&sop, &l);
    assert_eq!(l.pages.len(), 3);
    assert_eq!(l.pages[1].rows, 1..2);
}

#[test]
fn unpaginated_layout_is_one_page_without_connectors() {
    let sop = tangled();
    let l = layout(&sop, &LayoutOptions::default());
    assert_eq!(l.pages.len(), 1);
    assert!(l.connectors.is_empty());
    assert!(l.edges.iter().all(|e| e.legs.len() == 1));
}

#[test]
fn svg_is_well_formed_escaped_and_marks_every_step() {
    let sop = tangled();
    let svg = swimlane_svg(&sop, Lang::Id);
    check_svg(&sop, &svg);
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("aria-labelledby=\"sl-uji-title\""));
    assert!(svg.contains("<title id=\"sl-uji-title\">Diagram alir SOP: SOP Uji &amp; &lt;Coba&gt;</title>"));
    assert!(svg.contains("&quot;pimpinan&quot;"));
    assert!(svg.contains(r#"data-step="3" data-lane="bupati" data-lanes="bupati pihak" data-kind="proses""#));
    assert!(svg.contains(r#"data-step="1" data-lane="opd" data-kind="mulai""#));
    assert!(svg.contains(r#"data-kind="keputusan""#) && svg.contains(r#"data-kind="selesai""#));
    for word in ["Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan", "Kegiatan", "Bagian tapem"] {
        assert!(svg.contains(word), "header has {word}");
    }
    assert!(svg.contains("<marker"));
    assert!(svg.contains("marker-end="));
    assert!(svg.contains(">Tidak</text>"));
}

#[test]
fn svg_speaks_english_when_asked() {
    let svg = swimlane_svg(&tangled(), Lang::En);
    assert!(svg.contains("Remarks") && svg.contains("Quality") && svg.contains("SOP flowchart"));
    assert!(!svg.contains("Keterangan"));
}

#[test]
fn svg_output_is_deterministic_with_short_numbers() {
    let sop = tangled();
    let a = swimlane_svg(&sop, Lang::Id);
    assert_eq!(a, swimlane_svg(&sop, Lang::Id));
    for attr in a.split('"').skip(1).step_by(2) {
        for tok in attr.split([' ', ',']) {
            if let Some((_, frac)) = tok.split_once('.') {
                if tok.parse::<f64>().is_ok() {
                    assert!(frac.len() <= 1, "{tok} has more than one decimal");
                }
            }
        }
    }
    assert_eq!(num(12.345), "12.3");
    assert_eq!(num(-0.04), "0");
    assert_eq!(num(7.0), "7");
}

#[test]
fn page_svgs_repeat_the_header_and_draw_connectors() {
    let sop = tangled();
    let l = layout(&sop, &LayoutOptions { page_height: Some(260.0), ..LayoutOptions::default() });
    let pages = render_pages_svg(&sop, &l, Lang::Id);
    assert_eq!(pages.len(), l.pages.len());
    let mut steps = 0;
    for (i, p) in pages.iter().enumerate() {
        assert_well_formed(p);
        assert!(p.contains("Mutu Baku"), "page {i} repeats the header");
        assert!(p.contains("width=\"297mm\""));
        steps += p.matches("data-step=").count();
    }
    assert_eq!(steps, sop.langkah.len(), "every step on exactly one page");
    let all: String = pages.concat();
    for c in &l.connectors {
        assert!(all.contains(&format!("data-letter=\"{}\"", c.letter)));
    }
    // The stacked rendering shows all pages in one picture.
    check_svg(&sop, &render_svg(&sop, &l, Lang::Id));
}

#[test]
fn a4_pages_fit_the_width_of_the_table() {
    let sop = tangled();
    let pages = swimlane_pages_svg(&sop, Lang::Id);
    assert!(!pages.is_empty());
    pages.iter().for_each(|p| assert_well_formed(p));
}

#[test]
fn handles_an_empty_sop() {
    let sop = sop(&["a"], vec![]);
    let l = layout(&sop, &LayoutOptions::default());
    assert!(l.symbols.is_empty() && l.edges.is_empty());
    assert_well_formed(&render_svg(&sop, &l, Lang::Id));
}

#[test]
fn shipped_sops_lay_out_cleanly_on_screen_and_in_print() {
    let sops = shipped_sops();
    assert!(sops.iter().any(|s| s.id == "magetan-penawaran-kerja-sama"), "the Magetan SOP loads");
    for sop in &sops {
        let base = LayoutOptions::default();
        let l = layout(sop, &base);
        check(sop, &l);
        check_svg(sop, &render_svg(sop, &l, Lang::Id));
        let printed = layout(sop, &base.a4_landscape(l.width));
        check(sop, &printed);
        for ph in [250.0, 400.0] {
            check(sop, &layout(sop, &LayoutOptions { page_height: Some(ph), ..base.clone() }));
        }
    }
}

#[test]
fn magetan_decisions_return_to_the_first_step_through_the_channel() {
    let sops = shipped_sops();
    let sop = sops.iter().find(|s| s.id == "magetan-penawaran-kerja-sama").expect("magetan");
    let l = layout(sop, &LayoutOptions::default());
    let back: Vec<(usize, usize)> = l.edges.iter().filter(|e| e.track.is_some()).map(|e| (e.from, e.to)).collect();
    assert_eq!(back, [(2, 1), (6, 1)]);
    let spans: Vec<usize> = l.symbols.iter().filter(|s| s.lanes.len() > 1).map(|s| s.step).collect();
    assert_eq!(spans, [9, 12]);
}

#[test]
#[ignore]
fn dump_for_eyes() {
    let dir = std::path::Path::new("/tmp/sl");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("tangled.svg"), swimlane_svg(&tangled(), Lang::Id)).unwrap();
    for sop in shipped_sops() {
        std::fs::write(dir.join(format!("{}.svg", sop.id)), swimlane_svg(&sop, Lang::Id)).unwrap();
        for (i, p) in swimlane_pages_svg(&sop, Lang::Id).iter().enumerate() {
            std::fs::write(dir.join(format!("{}-p{}.svg", sop.id, i + 1)), p).unwrap();
        }
    }
    let l = layout(&tangled(), &LayoutOptions { page_height: Some(300.0), ..LayoutOptions::default() });
    std::fs::write(dir.join("tangled-paged.svg"), render_svg(&tangled(), &l, Lang::Id)).unwrap();
}
