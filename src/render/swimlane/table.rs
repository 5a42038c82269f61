//! The SOP AP table: takes a `Sop` and options, promises columns (No | Kegiatan | lanes | channel | Mutu Baku | Keterangan), header cells, measured rows and their pages.

use super::geom::Rect;
use super::layout::LayoutOptions;
use super::text::{plain, wrap, wrap_list, Line};
use crate::diag::Lang;
use crate::model::{Sop, Step};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnKind {
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
pub(crate) struct Column {
    pub kind: ColumnKind,
    pub x: f64,
    pub w: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderKind {
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
pub(crate) fn header_label(kind: HeaderKind, lang: Lang) -> &'static str {
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
pub(crate) struct HeaderCell {
    pub kind: HeaderKind,
    pub rect: Rect,
    /// Wrapped lane name (lane cells only; fixed words depend on the language).
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub column: ColumnKind,
    pub rect: Rect,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// 1-based step position.
    pub step: usize,
    pub page: usize,
    pub rect: Rect,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    pub index: usize,
    /// Indexes into `Layout::rows`.
    pub rows: Range<usize>,
    pub top: f64,
    pub bottom: f64,
    pub header: Vec<HeaderCell>,
    /// The table under the header: connector bands and rows (the page may be taller).
    pub body: Rect,
}

pub(super) fn lane_count(sop: &Sop) -> usize {
    sop.pelaksana.len().max(1)
}

/// The columns; the side channel, when there are `tracks`, is
/// `extra_channel` wider than they need (room for branch labels).
pub(super) fn columns(
    sop: &Sop,
    opts: &LayoutOptions,
    tracks: usize,
    extra_channel: f64,
) -> Vec<Column> {
    let mut kinds = vec![
        (ColumnKind::No, opts.no_width),
        (ColumnKind::Kegiatan, opts.kegiatan_width),
    ];
    kinds.extend((0..lane_count(sop)).map(|i| (ColumnKind::Lane(i), opts.lane_width)));
    if tracks > 0 {
        kinds.push((
            ColumnKind::Channel,
            opts.track_gap * tracks as f64 + extra_channel,
        ));
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

pub(super) fn col(cols: &[Column], kind: ColumnKind) -> Column {
    *cols
        .iter()
        .find(|c| c.kind == kind)
        .expect("every column kind is laid out")
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
    for (k, c) in [
        (HeaderKind::Kelengkapan, ColumnKind::Kelengkapan),
        (HeaderKind::Waktu, ColumnKind::Waktu),
        (HeaderKind::Output, ColumnKind::Output),
    ] {
        lines2 = lines2.max(label_lines(k, col(cols, c).w));
    }
    let lanes_x = col(cols, ColumnKind::Lane(0)).x;
    let lanes_end = col(cols, ColumnKind::Kelengkapan).x;
    let mutu_x = lanes_end;
    let mutu_end = col(cols, ColumnKind::Keterangan).x;
    let lines1 = label_lines(HeaderKind::Pelaksana, lanes_end - lanes_x)
        .max(label_lines(HeaderKind::MutuBaku, mutu_end - mutu_x));
    let h1 = text_height(lines1, opts);
    let h2 = text_height(lines2, opts);
    let mut cells = Vec::new();
    let full = |c: Column| Rect {
        x: c.x,
        y: 0.0,
        w: c.w,
        h: h1 + h2,
    };
    let low = |c: Column| Rect {
        x: c.x,
        y: h1,
        w: c.w,
        h: h2,
    };
    let cell = |kind, rect| HeaderCell {
        kind,
        rect,
        lines: Vec::new(),
    };
    cells.push(cell(HeaderKind::No, full(col(cols, ColumnKind::No))));
    cells.push(cell(
        HeaderKind::Kegiatan,
        full(col(cols, ColumnKind::Kegiatan)),
    ));
    cells.push(cell(
        HeaderKind::Pelaksana,
        Rect {
            x: lanes_x,
            y: 0.0,
            w: lanes_end - lanes_x,
            h: h1,
        },
    ));
    for (i, lines) in lane_names.into_iter().enumerate() {
        cells.push(HeaderCell {
            kind: HeaderKind::Lane(i),
            rect: low(col(cols, ColumnKind::Lane(i))),
            lines,
        });
    }
    if let Some(c) = cols.iter().find(|c| c.kind == ColumnKind::Channel) {
        cells.push(cell(HeaderKind::Channel, low(*c)));
    }
    cells.push(cell(
        HeaderKind::MutuBaku,
        Rect {
            x: mutu_x,
            y: 0.0,
            w: mutu_end - mutu_x,
            h: h1,
        },
    ));
    for (k, c) in [
        (HeaderKind::Kelengkapan, ColumnKind::Kelengkapan),
        (HeaderKind::Waktu, ColumnKind::Waktu),
        (HeaderKind::Output, ColumnKind::Output),
    ] {
        cells.push(cell(k, low(col(cols, c))));
    }
    cells.push(cell(
        HeaderKind::Keterangan,
        full(col(cols, ColumnKind::Keterangan)),
    ));
    (cells, h1 + h2)
}

/// Text cells of a step (relative to the row top) and the row height they need.
fn row_cells(step: &Step, cols: &[Column], opts: &LayoutOptions) -> (Vec<Cell>, f64) {
    let inner = |c: ColumnKind| col(cols, c).w - 2.0 * opts.cell_padding;
    let texts = [
        (
            ColumnKind::No,
            plain(wrap(&step.label, inner(ColumnKind::No), opts)),
        ),
        (
            ColumnKind::Kegiatan,
            plain(wrap(&step.kegiatan, inner(ColumnKind::Kegiatan), opts)),
        ),
        (
            ColumnKind::Kelengkapan,
            wrap_list(&step.kelengkapan, inner(ColumnKind::Kelengkapan), opts),
        ),
        (
            ColumnKind::Waktu,
            step.waktu
                .as_ref()
                .map(|w| plain(wrap(&w.teks, inner(ColumnKind::Waktu), opts)))
                .unwrap_or_default(),
        ),
        (
            ColumnKind::Output,
            wrap_list(&step.output, inner(ColumnKind::Output), opts),
        ),
        (
            ColumnKind::Keterangan,
            wrap_list(&step.keterangan, inner(ColumnKind::Keterangan), opts),
        ),
    ];
    let symbol_h = if step.keputusan.is_some() {
        opts.decision_height
    } else {
        opts.symbol_height
    };
    let mut h = symbol_h + 2.0 * opts.symbol_gap;
    for (_, lines) in &texts {
        h = h.max(text_height(lines.len(), opts));
    }
    let cells = texts
        .into_iter()
        .map(|(kind, lines)| {
            let c = col(cols, kind);
            Cell {
                column: kind,
                rect: Rect {
                    x: c.x,
                    y: 0.0,
                    w: c.w,
                    h,
                },
                lines,
            }
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

impl Column {
    pub(crate) fn right(&self) -> f64 {
        self.x + self.w
    }
}

/// Which rows go on which page; decided before routing, which depends on it.
pub(super) struct Paging {
    pub ranges: Vec<Range<usize>>,
    /// Page index of each row.
    pub row_page: Vec<usize>,
    pub header_h: f64,
    /// Height of the connector band above and below the rows of a page (0 unpaginated).
    pub band: f64,
}

/// Measures rows with channel-less columns: the channel does not change any text width.
pub(super) fn paging(sop: &Sop, opts: &LayoutOptions) -> Paging {
    let cols = columns(sop, opts, 0, 0.0);
    let heights: Vec<f64> = sop
        .langkah
        .iter()
        .map(|s| row_cells(s, &cols, opts).1)
        .collect();
    let (_, header_h) = header(sop, &cols, opts);
    let band = if opts.page_height.is_some() {
        opts.connector_height + 2.0 * BAND_PAD
    } else {
        0.0
    };
    let ranges = paginate(
        &heights,
        opts.page_height.map(|ph| ph - header_h - 2.0 * band),
    );
    let mut row_page = vec![0; heights.len()];
    for (p, r) in ranges.iter().enumerate() {
        row_page[r.clone()].iter_mut().for_each(|x| *x = p);
    }
    Paging {
        ranges,
        row_page,
        header_h,
        band,
    }
}

/// Free space between a connector and the edge of its band.
pub(super) const BAND_PAD: f64 = 6.0;

/// Stacks the pages: header, top band, rows, bottom band; each page at least `page_height` tall.
pub(super) fn place(
    sop: &Sop,
    opts: &LayoutOptions,
    cols: &[Column],
    paging: &Paging,
) -> (Vec<Page>, Vec<Row>) {
    let width = cols.last().map(Column::right).unwrap_or(0.0);
    let (header_cells, header_h) = header(sop, cols, opts);
    let band = paging.band;
    let mut pages = Vec::new();
    let mut rows = Vec::new();
    let mut y = 0.0;
    for (p, range) in paging.ranges.iter().enumerate() {
        let top = y;
        let header = header_cells
            .iter()
            .map(|c| HeaderCell {
                rect: Rect {
                    y: c.rect.y + top,
                    ..c.rect
                },
                ..c.clone()
            })
            .collect();
        y += header_h + band;
        for i in range.clone() {
            let (cells, h) = row_cells(&sop.langkah[i], cols, opts);
            let cells = cells
                .into_iter()
                .map(|c| Cell {
                    rect: Rect { y, ..c.rect },
                    ..c
                })
                .collect();
            rows.push(Row {
                step: i + 1,
                page: p,
                rect: Rect {
                    x: 0.0,
                    y,
                    w: width,
                    h,
                },
                cells,
            });
            y += h;
        }
        y += band;
        let body = Rect {
            x: 0.0,
            y: top + header_h,
            w: width,
            h: y - top - header_h,
        };
        let bottom = match opts.page_height {
            Some(ph) => y.max(top + ph),
            None => y,
        };
        pages.push(Page {
            index: p,
            rows: range.clone(),
            top,
            bottom,
            header,
            body,
        });
        y = bottom + opts.page_gap;
    }
    (pages, rows)
}
