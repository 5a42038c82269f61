//! Swimlane geometry: takes a checked `Sop` and options, promises plain coordinates (table, symbols, orthogonal edges, pages, off-page connectors) and no SVG.

use crate::diag::Lang;
use crate::model::{Sop, Step, StepKind};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// Whether `other` lies inside `self` (borders may touch).
    pub fn contains_rect(&self, other: &Rect) -> bool {
        const EPS: f64 = 1e-6;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }
}

/// Sizes in SVG user units; text is measured as `char_width × font_size` per character.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    pub font_size: f64,
    /// Average glyph width as a fraction of the font size.
    pub char_width: f64,
    /// Line pitch as a fraction of the font size.
    pub line_height: f64,
    pub cell_padding: f64,
    pub no_width: f64,
    pub kegiatan_width: f64,
    pub lane_width: f64,
    pub kelengkapan_width: f64,
    pub waktu_width: f64,
    pub output_width: f64,
    pub keterangan_width: f64,
    pub symbol_height: f64,
    pub decision_height: f64,
    /// Horizontal inset of a symbol inside its lane column.
    pub symbol_inset: f64,
    /// Minimum free space above and below a symbol (room for arrows and branch labels).
    pub symbol_gap: f64,
    /// Distance between two back-edge tracks in the side channel; at least the connector width.
    pub track_gap: f64,
    pub connector_width: f64,
    pub connector_height: f64,
    /// Split rows into pages no taller than this (header and connector bands included).
    pub page_height: Option<f64>,
    /// Space between stacked pages when all pages are drawn in one picture.
    pub page_gap: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            font_size: 10.0,
            // Wide enough for DejaVu Sans, the widest common fallback; narrower fonts just leave slack.
            char_width: 0.6,
            line_height: 1.3,
            cell_padding: 5.0,
            no_width: 32.0,
            kegiatan_width: 190.0,
            lane_width: 90.0,
            kelengkapan_width: 120.0,
            waktu_width: 64.0,
            output_width: 120.0,
            keterangan_width: 140.0,
            symbol_height: 26.0,
            decision_height: 40.0,
            symbol_inset: 12.0,
            symbol_gap: 16.0,
            track_gap: 18.0,
            connector_width: 14.0,
            connector_height: 16.0,
            page_height: None,
            page_gap: 24.0,
        }
    }
}

impl LayoutOptions {
    pub fn line_pitch(&self) -> f64 {
        self.font_size * self.line_height
    }

    /// These options with pages of A4 landscape proportions for a table of `width`.
    pub fn a4_landscape(&self, width: f64) -> LayoutOptions {
        LayoutOptions {
            page_height: Some(width * 210.0 / 297.0),
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    No,
    Kegiatan,
    Lane(usize),
    /// The corridor right of the lanes where back-edges and skips run.
    Channel,
    Kelengkapan,
    Waktu,
    Output,
    Keterangan,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub kind: ColumnKind,
    pub x: f64,
    pub w: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderKind {
    No,
    Kegiatan,
    Pelaksana,
    Lane(usize),
    Channel,
    MutuBaku,
    Kelengkapan,
    Waktu,
    Output,
    Keterangan,
}

/// The fixed header words; lane names come from the SOP.
pub fn header_label(kind: HeaderKind, lang: Lang) -> &'static str {
    let (id, en) = match kind {
        HeaderKind::No => ("No", "No"),
        HeaderKind::Kegiatan => ("Kegiatan", "Activity"),
        HeaderKind::Pelaksana => ("Pelaksana", "Performers"),
        HeaderKind::MutuBaku => ("Mutu Baku", "Quality Standards"),
        HeaderKind::Kelengkapan => ("Kelengkapan", "Requirements"),
        HeaderKind::Waktu => ("Waktu", "Time"),
        HeaderKind::Output => ("Output", "Output"),
        HeaderKind::Keterangan => ("Keterangan", "Remarks"),
        HeaderKind::Lane(_) | HeaderKind::Channel => ("", ""),
    };
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeaderCell {
    pub kind: HeaderKind,
    pub rect: Rect,
    /// Wrapped lane name (lane cells only; fixed words depend on the language).
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub column: ColumnKind,
    pub rect: Rect,
    pub lines: Vec<Line>,
}

/// A wrapped line of a cell; `indent` is the hanging indent under a bullet.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub indent: f64,
}

fn plain(lines: Vec<String>) -> Vec<Line> {
    lines.into_iter().map(|text| Line { text, indent: 0.0 }).collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based step position.
    pub step: usize,
    pub page: usize,
    pub rect: Rect,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub index: usize,
    /// Indexes into `Layout::rows`.
    pub rows: Range<usize>,
    pub top: f64,
    pub bottom: f64,
    pub header: Vec<HeaderCell>,
    /// The table under the header: connector bands and rows (the page may be taller).
    pub body: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Capsule,
    Box,
    Diamond,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    pub step: usize,
    pub lanes: Vec<usize>,
    pub kind: StepKind,
    pub shape: Shape,
    pub rect: Rect,
    pub page: usize,
}

impl Symbol {
    fn radius(&self) -> f64 {
        match self.shape {
            Shape::Capsule => self.rect.h / 2.0,
            _ => 0.0,
        }
    }

    /// The point of the right-hand outline at height `y` (inside the symbol's span).
    pub fn right_border_at(&self, y: f64) -> Point {
        let r = &self.rect;
        let dy = (y - r.cy()).abs();
        let x = match self.shape {
            Shape::Box => r.right(),
            Shape::Diamond => r.cx() + r.w / 2.0 * (1.0 - dy / (r.h / 2.0)),
            Shape::Capsule => {
                let rad = self.radius();
                r.right() - rad + (rad * rad - dy * dy).max(0.0).sqrt()
            }
        };
        Point { x, y }
    }

    /// The x range of the flat top/bottom outline (a diamond only has its vertex).
    pub fn flat_range(&self) -> (f64, f64) {
        let r = &self.rect;
        match self.shape {
            Shape::Diamond => (r.cx(), r.cx()),
            _ => (r.x + self.radius(), r.right() - self.radius()),
        }
    }

    /// Whether `p` is strictly inside the outline (by more than `eps`).
    pub fn contains(&self, p: Point, eps: f64) -> bool {
        let r = &self.rect;
        if p.x <= r.x + eps || p.x >= r.right() - eps || p.y <= r.y + eps || p.y >= r.bottom() - eps {
            return false;
        }
        match self.shape {
            Shape::Box => true,
            Shape::Diamond => {
                let d = (p.x - r.cx()).abs() / (r.w / 2.0) + (p.y - r.cy()).abs() / (r.h / 2.0);
                d < 1.0 - eps / r.h.min(r.w)
            }
            Shape::Capsule => {
                let rad = self.radius();
                let cx = p.x.clamp(r.x + rad, r.right() - rad);
                let (dx, dy) = (p.x - cx, p.y - r.cy());
                (dx * dx + dy * dy).sqrt() < rad - eps
            }
        }
    }

    /// Whether `p` lies on the outline (within `eps`).
    pub fn on_border(&self, p: Point, eps: f64) -> bool {
        let r = &self.rect;
        let inflated = Rect { x: r.x - eps, y: r.y - eps, w: r.w + 2.0 * eps, h: r.h + 2.0 * eps };
        if !inflated.contains_rect(&Rect { x: p.x, y: p.y, w: 0.0, h: 0.0 }) {
            return false;
        }
        match self.shape {
            Shape::Box => {
                (p.x - r.x).abs() <= eps
                    || (p.x - r.right()).abs() <= eps
                    || (p.y - r.y).abs() <= eps
                    || (p.y - r.bottom()).abs() <= eps
            }
            Shape::Diamond => {
                let d = (p.x - r.cx()).abs() / (r.w / 2.0) + (p.y - r.cy()).abs() / (r.h / 2.0);
                (d - 1.0).abs() * r.h.min(r.w) / 2.0 <= eps
            }
            Shape::Capsule => {
                let rad = self.radius();
                let cx = p.x.clamp(r.x + rad, r.right() - rad);
                let (dx, dy) = (p.x - cx, p.y - r.cy());
                ((dx * dx + dy * dy).sqrt() - rad).abs() <= eps
            }
        }
    }
}

/// Where a leg of an edge starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// A step's symbol (1-based position).
    Symbol(usize),
    /// An index into `Layout::connectors`.
    Connector(usize),
}

/// One drawn polyline of an edge, on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Leg {
    pub page: usize,
    pub start: End,
    pub end: End,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgeLabel {
    pub text: String,
    /// Baseline start of the text.
    pub at: Point,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Index into the source's `keputusan` branches.
    pub branch: Option<usize>,
    pub label: Option<EdgeLabel>,
    /// Side-channel track for edges that skip rows or go back.
    pub track: Option<usize>,
    /// One leg, or two joined by a pair of off-page connectors.
    pub legs: Vec<Leg>,
}

impl Edge {
    /// All points of all legs, for callers that do not care about pages.
    pub fn points(&self) -> impl Iterator<Item = &Point> {
        self.legs.iter().flat_map(|l| l.points.iter())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectorRole {
    /// At the bottom of the source page: the flow leaves here.
    Exit,
    /// At the top of the target page: the flow resumes here.
    Entry,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Connector {
    pub letter: String,
    pub page: usize,
    /// Bounding box of the pentagon (pointing down).
    pub rect: Rect,
    /// The step on this page the connector continues from or to.
    pub step: usize,
    pub role: ConnectorRole,
    /// Index into `Layout::edges`.
    pub edge: usize,
}

impl Connector {
    /// Pentagon outline: a box whose bottom narrows to a point.
    pub fn outline(&self) -> [Point; 5] {
        let r = &self.rect;
        let shoulder = r.y + r.h * 0.6;
        [
            Point { x: r.x, y: r.y },
            Point { x: r.right(), y: r.y },
            Point { x: r.right(), y: shoulder },
            Point { x: r.cx(), y: r.bottom() },
            Point { x: r.x, y: shoulder },
        ]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// The options this layout was made with (text metrics for the renderer).
    pub options: LayoutOptions,
    pub columns: Vec<Column>,
    pub pages: Vec<Page>,
    /// One per step, in step order.
    pub rows: Vec<Row>,
    /// One per step, in step order.
    pub symbols: Vec<Symbol>,
    pub edges: Vec<Edge>,
    pub connectors: Vec<Connector>,
    pub tracks: usize,
}

impl Layout {
    pub fn column(&self, kind: ColumnKind) -> Option<&Column> {
        self.columns.iter().find(|c| c.kind == kind)
    }

    /// The x range of the lane columns and the side channel.
    pub fn channel(&self) -> Option<&Column> {
        self.column(ColumnKind::Channel)
    }

    pub fn symbol(&self, step: usize) -> Option<&Symbol> {
        self.symbols.get(step.checked_sub(1)?)
    }
}

/// Greedy word wrap for an approximate monospace measure; words longer than a line are cut.
pub fn wrap(text: &str, width: f64, opts: &LayoutOptions) -> Vec<String> {
    let max = ((width / (opts.font_size * opts.char_width) + 1e-9).floor() as usize).max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0;
    for word in text.split_whitespace() {
        let mut chars: Vec<char> = word.chars().collect();
        while chars.len() > max {
            if cur_len > 0 {
                lines.push(std::mem::take(&mut cur));
                cur_len = 0;
            }
            lines.push(chars[..max].iter().collect());
            chars.drain(..max);
        }
        if chars.is_empty() {
            continue;
        }
        if cur_len > 0 && cur_len + 1 + chars.len() <= max {
            cur.push(' ');
            cur_len += 1;
        } else if cur_len > 0 {
            lines.push(std::mem::take(&mut cur));
            cur_len = 0;
        }
        cur_len += chars.len();
        cur.extend(chars);
    }
    if cur_len > 0 {
        lines.push(cur);
    }
    lines
}

/// One line group per item, bulleted with a hanging indent when there are several.
fn wrap_list(items: &[String], width: f64, opts: &LayoutOptions) -> Vec<Line> {
    if items.len() == 1 {
        return plain(wrap(&items[0], width, opts));
    }
    let indent = 2.0 * opts.font_size * opts.char_width;
    let mut out = Vec::new();
    for item in items {
        for (k, text) in wrap(item, width - indent, opts).into_iter().enumerate() {
            out.push(if k == 0 { Line { text: format!("• {text}"), indent: 0.0 } } else { Line { text, indent } });
        }
    }
    out
}

fn lane_count(sop: &Sop) -> usize {
    sop.pelaksana.len().max(1)
}

fn columns(sop: &Sop, opts: &LayoutOptions, tracks: usize) -> Vec<Column> {
    let mut kinds = vec![(ColumnKind::No, opts.no_width), (ColumnKind::Kegiatan, opts.kegiatan_width)];
    kinds.extend((0..lane_count(sop)).map(|i| (ColumnKind::Lane(i), opts.lane_width)));
    if tracks > 0 {
        kinds.push((ColumnKind::Channel, opts.track_gap * tracks as f64));
    }
    kinds.extend([
        (ColumnKind::Kelengkapan, opts.kelengkapan_width),
        (ColumnKind::Waktu, opts.waktu_width),
        (ColumnKind::Output, opts.output_width),
        (ColumnKind::Keterangan, opts.keterangan_width),
    ]);
    let mut x = 0.0;
    kinds
        .into_iter()
        .map(|(kind, w)| {
            let c = Column { kind, x, w };
            x += w;
            c
        })
        .collect()
}

fn col(cols: &[Column], kind: ColumnKind) -> Column {
    *cols.iter().find(|c| c.kind == kind).expect("every column kind is laid out")
}

fn text_height(lines: usize, opts: &LayoutOptions) -> f64 {
    lines.max(1) as f64 * opts.line_pitch() + 2.0 * opts.cell_padding
}

/// Header cells relative to y = 0, and the header height.
fn header(sop: &Sop, cols: &[Column], opts: &LayoutOptions) -> (Vec<HeaderCell>, f64) {
    let pad = opts.cell_padding;
    let label_lines = |kind: HeaderKind, w: f64| {
        [Lang::Id, Lang::En]
            .iter()
            .map(|&l| wrap(header_label(kind, l), w - 2.0 * pad, opts).len())
            .max()
            .unwrap_or(1)
    };
    let lane_names: Vec<Vec<String>> = (0..lane_count(sop))
        .map(|i| {
            let name = sop.pelaksana.get(i).map(|l| l.nama.as_str()).unwrap_or("");
            wrap(name, opts.lane_width - 2.0 * pad, opts)
        })
        .collect();
    let mut lines2 = lane_names.iter().map(Vec::len).max().unwrap_or(1);
    for (k, c) in [(HeaderKind::Kelengkapan, ColumnKind::Kelengkapan), (HeaderKind::Waktu, ColumnKind::Waktu), (HeaderKind::Output, ColumnKind::Output)] {
        lines2 = lines2.max(label_lines(k, col(cols, c).w));
    }
    let lanes_x = col(cols, ColumnKind::Lane(0)).x;
    let lanes_end = col(cols, ColumnKind::Kelengkapan).x;
    let mutu_x = lanes_end;
    let mutu_end = col(cols, ColumnKind::Keterangan).x;
    let lines1 = label_lines(HeaderKind::Pelaksana, lanes_end - lanes_x).max(label_lines(HeaderKind::MutuBaku, mutu_end - mutu_x));
    let h1 = text_height(lines1, opts);
    let h2 = text_height(lines2, opts);
    let mut cells = Vec::new();
    let full = |c: Column| Rect { x: c.x, y: 0.0, w: c.w, h: h1 + h2 };
    let low = |c: Column| Rect { x: c.x, y: h1, w: c.w, h: h2 };
    let cell = |kind, rect| HeaderCell { kind, rect, lines: Vec::new() };
    cells.push(cell(HeaderKind::No, full(col(cols, ColumnKind::No))));
    cells.push(cell(HeaderKind::Kegiatan, full(col(cols, ColumnKind::Kegiatan))));
    cells.push(cell(HeaderKind::Pelaksana, Rect { x: lanes_x, y: 0.0, w: lanes_end - lanes_x, h: h1 }));
    for (i, lines) in lane_names.into_iter().enumerate() {
        cells.push(HeaderCell { kind: HeaderKind::Lane(i), rect: low(col(cols, ColumnKind::Lane(i))), lines });
    }
    if let Some(c) = cols.iter().find(|c| c.kind == ColumnKind::Channel) {
        cells.push(cell(HeaderKind::Channel, low(*c)));
    }
    cells.push(cell(HeaderKind::MutuBaku, Rect { x: mutu_x, y: 0.0, w: mutu_end - mutu_x, h: h1 }));
    for (k, c) in [(HeaderKind::Kelengkapan, ColumnKind::Kelengkapan), (HeaderKind::Waktu, ColumnKind::Waktu), (HeaderKind::Output, ColumnKind::Output)] {
        cells.push(cell(k, low(col(cols, c))));
    }
    cells.push(cell(HeaderKind::Keterangan, full(col(cols, ColumnKind::Keterangan))));
    (cells, h1 + h2)
}

/// Text cells of a step (relative to the row top) and the row height they need.
fn row_cells(step: &Step, cols: &[Column], opts: &LayoutOptions) -> (Vec<Cell>, f64) {
    let inner = |c: ColumnKind| col(cols, c).w - 2.0 * opts.cell_padding;
    let texts = [
        (ColumnKind::No, plain(wrap(&step.label, inner(ColumnKind::No), opts))),
        (ColumnKind::Kegiatan, plain(wrap(&step.kegiatan, inner(ColumnKind::Kegiatan), opts))),
        (ColumnKind::Kelengkapan, wrap_list(&step.kelengkapan, inner(ColumnKind::Kelengkapan), opts)),
        (
            ColumnKind::Waktu,
            step.waktu.as_ref().map(|w| plain(wrap(&w.teks, inner(ColumnKind::Waktu), opts))).unwrap_or_default(),
        ),
        (ColumnKind::Output, wrap_list(&step.output, inner(ColumnKind::Output), opts)),
        (ColumnKind::Keterangan, wrap_list(&step.keterangan, inner(ColumnKind::Keterangan), opts)),
    ];
    let symbol_h = if step.keputusan.is_some() { opts.decision_height } else { opts.symbol_height };
    let mut h = symbol_h + 2.0 * opts.symbol_gap;
    for (_, lines) in &texts {
        h = h.max(text_height(lines.len(), opts));
    }
    let cells = texts
        .into_iter()
        .map(|(kind, lines)| {
            let c = col(cols, kind);
            Cell { column: kind, rect: Rect { x: c.x, y: 0.0, w: c.w, h }, lines }
        })
        .collect();
    (cells, h)
}

/// Greedy pagination: rows in order, a new page when the next row does not fit.
fn paginate(heights: &[f64], avail: Option<f64>) -> Vec<Range<usize>> {
    let Some(avail) = avail else {
        let all = 0..heights.len();
        return vec![all];
    };
    let mut pages = Vec::new();
    let (mut start, mut used) = (0, 0.0);
    for (i, h) in heights.iter().enumerate() {
        if i > start && used + h > avail + 1e-9 {
            pages.push(start..i);
            start = i;
            used = 0.0;
        }
        used += h;
    }
    pages.push(start..heights.len());
    pages
}

fn shape_of(step: &Step, n: usize) -> Shape {
    match step.kind {
        StepKind::Keputusan => Shape::Diamond,
        StepKind::Mulai | StepKind::Selesai => Shape::Capsule,
        StepKind::Proses if step.no == 1 || step.no == n => Shape::Capsule,
        StepKind::Proses => Shape::Box,
    }
}

/// One flow arrow before routing.
struct Plan {
    from: usize,
    to: usize,
    branch: Option<usize>,
    /// Straight to the next row (else through the side channel).
    down: bool,
    cross: bool,
}

fn plans(sop: &Sop, row_page: &[usize]) -> Vec<Plan> {
    let n = sop.langkah.len();
    let mut out = Vec::new();
    for step in &sop.langkah {
        let targets: Vec<(Option<usize>, usize)> = match &step.keputusan {
            Some(bs) => bs.iter().enumerate().map(|(i, b)| (Some(i), b.target)).collect(),
            None => sop.successors(step).into_iter().map(|t| (None, t)).collect(),
        };
        let mut has_down = false;
        for (branch, to) in targets {
            if to == 0 || to > n {
                continue;
            }
            // A second arrow to the next row would overlap the first: it takes the channel.
            let down = to == step.no + 1 && !has_down;
            has_down |= down;
            let cross = row_page[step.no - 1] != row_page[to - 1];
            out.push(Plan { from: step.no, to, branch, down, cross });
        }
    }
    out
}

/// Spreading letters: A..Z, then AA, AB, ...
fn letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

/// A place on a symbol's right outline used by a side-channel edge.
struct Attach {
    plan: usize,
    out: bool,
    /// The vertical part of the edge leaves this point upwards.
    up: bool,
    track: usize,
}

/// Orders attachments so edges of one symbol do not cross each other:
/// upward edges on top (inner tracks first), downward ones below (inner tracks last).
fn attach_points(sym: &Symbol, mut list: Vec<Attach>) -> Vec<(usize, bool, Point)> {
    list.sort_by(|a, b| {
        let key = |x: &Attach| (!x.up, if x.up { x.track as i64 } else { -(x.track as i64) }, x.plan, x.out);
        key(a).cmp(&key(b))
    });
    let n = list.len() as f64;
    list.iter()
        .enumerate()
        .map(|(k, a)| {
            let y = sym.rect.y + sym.rect.h * (k as f64 + 1.0) / (n + 1.0);
            (a.plan, a.out, sym.right_border_at(y))
        })
        .collect()
}

pub fn layout(sop: &Sop, opts: &LayoutOptions) -> Layout {
    let n = sop.langkah.len();
    let lanes = lane_count(sop);

    // Rows and pages first: routing depends on which page each row lands on.
    let probe_cols = columns(sop, opts, 0);
    let measured: Vec<(Vec<Cell>, f64)> = sop.langkah.iter().map(|s| row_cells(s, &probe_cols, opts)).collect();
    let heights: Vec<f64> = measured.iter().map(|m| m.1).collect();
    let (_, header_h) = header(sop, &probe_cols, opts);
    let band = if opts.page_height.is_some() { opts.connector_height + 12.0 } else { 0.0 };
    let avail = opts.page_height.map(|ph| ph - header_h - 2.0 * band);
    let page_rows = paginate(&heights, avail);
    let mut row_page = vec![0; n];
    for (p, r) in page_rows.iter().enumerate() {
        row_page[r.clone()].iter_mut().for_each(|x| *x = p);
    }

    let plans = plans(sop, &row_page);
    // One track per side edge; short spans nearest the lanes so nested loops do not cross.
    let mut side: Vec<usize> = (0..plans.len()).filter(|&i| !plans[i].down).collect();
    side.sort_by_key(|&i| (plans[i].from.abs_diff(plans[i].to), plans[i].from, i));
    let mut track_of = vec![None; plans.len()];
    for (t, &i) in side.iter().enumerate() {
        track_of[i] = Some(t);
    }
    let tracks = side.len();
    let cols = columns(sop, opts, tracks);
    let width = cols.last().map(|c| c.right()).unwrap_or(0.0);
    let (header_cells, _) = header(sop, &cols, opts);

    // Vertical placement, page by page.
    let mut pages = Vec::new();
    let mut rows = Vec::new();
    let mut y = 0.0;
    for (p, range) in page_rows.iter().enumerate() {
        let top = y;
        let header = header_cells
            .iter()
            .map(|c| HeaderCell { rect: Rect { y: c.rect.y + top, ..c.rect }, ..c.clone() })
            .collect();
        y += header_h + band;
        for i in range.clone() {
            let (cells, h) = row_cells(&sop.langkah[i], &cols, opts);
            let cells = cells.into_iter().map(|c| Cell { rect: Rect { y, ..c.rect }, ..c }).collect();
            rows.push(Row { step: i + 1, page: p, rect: Rect { x: 0.0, y, w: width, h }, cells });
            y += h;
        }
        y += band;
        let body = Rect { x: 0.0, y: top + header_h, w: width, h: y - top - header_h };
        let bottom = match opts.page_height {
            Some(ph) => y.max(top + ph),
            None => y,
        };
        pages.push(Page { index: p, rows: range.clone(), top, bottom, header, body });
        y = bottom + opts.page_gap;
    }
    let height = pages.last().map(|p| p.bottom).unwrap_or(header_h);

    let symbols: Vec<Symbol> = sop
        .langkah
        .iter()
        .map(|step| {
            let first = step.lanes.first().copied().unwrap_or(0).min(lanes - 1);
            let last = step.lanes.last().copied().unwrap_or(0).min(lanes - 1);
            let (a, b) = (col(&cols, ColumnKind::Lane(first)), col(&cols, ColumnKind::Lane(last)));
            let row = &rows[step.no - 1].rect;
            let h = if step.keputusan.is_some() { opts.decision_height } else { opts.symbol_height };
            let x = a.x + opts.symbol_inset;
            Symbol {
                step: step.no,
                lanes: if step.lanes.is_empty() { vec![0] } else { step.lanes.clone() },
                kind: step.kind,
                shape: shape_of(step, n),
                rect: Rect { x, y: row.cy() - h / 2.0, w: b.right() - opts.symbol_inset - x, h },
                page: row_page[step.no - 1],
            }
        })
        .collect();

    // Right-outline attachment points of side edges, per symbol.
    let mut attach: Vec<Vec<Attach>> = (0..n).map(|_| Vec::new()).collect();
    for (i, pl) in plans.iter().enumerate() {
        let Some(track) = track_of[i] else { continue };
        let (s, t) = (pl.from - 1, pl.to - 1);
        let out_up = !pl.cross && t < s;
        let in_up = pl.cross || s < t;
        attach[s].push(Attach { plan: i, out: true, up: out_up, track });
        attach[t].push(Attach { plan: i, out: false, up: in_up, track });
    }
    let mut exit_pt = vec![None; plans.len()];
    let mut entry_pt = vec![None; plans.len()];
    for (k, list) in attach.into_iter().enumerate() {
        for (plan, out, p) in attach_points(&symbols[k], list) {
            if out {
                exit_pt[plan] = Some(p);
            } else {
                entry_pt[plan] = Some(p);
            }
        }
    }

    let channel_x = cols.iter().find(|c| c.kind == ColumnKind::Channel).map(|c| c.x).unwrap_or(0.0);
    let track_x = |t: usize| channel_x + opts.track_gap * (t as f64 + 0.5);
    let mut edges = Vec::new();
    let mut connectors = Vec::new();
    let mut next_letter = 0;
    for (i, pl) in plans.iter().enumerate() {
        let (s, t) = (&symbols[pl.from - 1], &symbols[pl.to - 1]);
        let branch_text = pl.branch.and_then(|b| sop.langkah[pl.from - 1].keputusan.as_ref().map(|k| k[b].label.clone()));
        let edge = edges.len();
        let mut pair = |xs: f64, xt: f64| {
            let l = letter(next_letter);
            next_letter += 1;
            let exit_y = rows[pages[s.page].rows.end - 1].rect.bottom() + 6.0;
            let entry_y = pages[t.page].top + header_h + 6.0;
            let conn = |page, x: f64, y, step, role| Connector {
                letter: l.clone(),
                page,
                rect: Rect { x: x - opts.connector_width / 2.0, y, w: opts.connector_width, h: opts.connector_height },
                step,
                role,
                edge,
            };
            connectors.push(conn(s.page, xs, exit_y, s.step, ConnectorRole::Exit));
            connectors.push(conn(t.page, xt, entry_y, t.step, ConnectorRole::Entry));
            let k = connectors.len();
            (k - 2, connectors[k - 2].rect, k - 1, connectors[k - 1].rect)
        };
        let (legs, label_at) = if pl.down {
            let (xs, xt) = down_xs(s, t);
            let start = Point { x: xs, y: s.rect.bottom() };
            let label_at = Point { x: xs + 4.0, y: start.y + opts.font_size };
            if pl.cross {
                let (c1, r1, c2, r2) = pair(xs, xt);
                let legs = vec![
                    Leg { page: s.page, start: End::Symbol(s.step), end: End::Connector(c1), points: vec![start, Point { x: xs, y: r1.y }] },
                    Leg {
                        page: t.page,
                        start: End::Connector(c2),
                        end: End::Symbol(t.step),
                        points: vec![Point { x: xt, y: r2.bottom() }, Point { x: xt, y: t.rect.y }],
                    },
                ];
                (legs, label_at)
            } else {
                let end = Point { x: xt, y: t.rect.y };
                let mut points = vec![start];
                if (xs - xt).abs() > 1e-9 {
                    // Jog in the free band above the target symbol.
                    let ym = (rows[t.step - 1].rect.y + t.rect.y) / 2.0;
                    points.push(Point { x: xs, y: ym });
                    points.push(Point { x: xt, y: ym });
                }
                points.push(end);
                (vec![Leg { page: s.page, start: End::Symbol(s.step), end: End::Symbol(t.step), points }], label_at)
            }
        } else {
            let tx = track_x(track_of[i].expect("side edges have a track"));
            let a = exit_pt[i].expect("side edges have an exit");
            let b = entry_pt[i].expect("side edges have an entry");
            // Above the line on the upper half of the outline, below it on the lower
            // half: there the outline recedes left, so the text never covers the symbol.
            let label_y = if a.y > s.rect.cy() + 1e-9 { a.y + opts.font_size } else { a.y - 3.0 };
            let label_at = Point { x: a.x + 3.0, y: label_y };
            if pl.cross {
                let (c1, r1, c2, r2) = pair(tx, tx);
                let legs = vec![
                    Leg {
                        page: s.page,
                        start: End::Symbol(s.step),
                        end: End::Connector(c1),
                        points: vec![a, Point { x: tx, y: a.y }, Point { x: tx, y: r1.y }],
                    },
                    Leg {
                        page: t.page,
                        start: End::Connector(c2),
                        end: End::Symbol(t.step),
                        points: vec![Point { x: tx, y: r2.bottom() }, Point { x: tx, y: b.y }, b],
                    },
                ];
                (legs, label_at)
            } else {
                let points = vec![a, Point { x: tx, y: a.y }, Point { x: tx, y: b.y }, b];
                (vec![Leg { page: s.page, start: End::Symbol(s.step), end: End::Symbol(t.step), points }], label_at)
            }
        };
        edges.push(Edge {
            from: pl.from,
            to: pl.to,
            branch: pl.branch,
            label: branch_text.map(|text| EdgeLabel { text, at: label_at }),
            track: track_of[i],
            legs,
        });
    }

    Layout {
        width,
        height,
        options: opts.clone(),
        columns: cols,
        pages,
        rows,
        symbols,
        edges,
        connectors,
        tracks,
    }
}

/// x of the start (source bottom) and end (target top) of a downward edge: one
/// straight line when a flat part of one outline lies above/below the other's centre.
fn down_xs(s: &Symbol, t: &Symbol) -> (f64, f64) {
    let (sc, tc) = (s.rect.cx(), t.rect.cx());
    let (t0, t1) = t.flat_range();
    let (s0, s1) = s.flat_range();
    if (sc - tc).abs() < 1e-9 || (t0..=t1).contains(&sc) {
        (sc, sc)
    } else if (s0..=s1).contains(&tc) {
        (tc, tc)
    } else {
        (sc, tc)
    }
}

impl Column {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
}
