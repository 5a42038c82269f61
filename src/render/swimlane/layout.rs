//! Swimlane layout: takes a checked `Sop` and options, promises plain coordinates (table, symbols, orthogonal edges, pages, off-page connectors) and no SVG.

pub use super::geom::{Point, Rect, Shape, Symbol};
pub use super::route::{Connector, ConnectorRole, Edge, EdgeLabel, End, Leg};
pub use super::table::{header_label, Cell, Column, ColumnKind, HeaderCell, HeaderKind, Page, Row};
pub use super::text::{wrap, Line};

use super::route::{assign_tracks, plans, route, Frame};
use super::table::{col, columns, lane_count, paging, place};
use crate::model::{Sop, Step, StepKind};

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

    /// The corridor right of the lanes where side edges run (absent when there are none).
    pub fn channel(&self) -> Option<&Column> {
        self.column(ColumnKind::Channel)
    }

    pub fn symbol(&self, step: usize) -> Option<&Symbol> {
        self.symbols.get(step.checked_sub(1)?)
    }
}

/// Lays out the whole table: pages first (routing depends on them), then columns
/// with one channel track per side edge, then symbols, then edges.
pub fn layout(sop: &Sop, opts: &LayoutOptions) -> Layout {
    let paging = paging(sop, opts);
    let plans = plans(sop, &paging.row_page);
    let tracks = assign_tracks(&plans);
    let track_count = tracks.iter().flatten().count();
    let cols = columns(sop, opts, track_count);
    let (pages, rows) = place(sop, opts, &cols, &paging);
    let symbols: Vec<Symbol> = sop.langkah.iter().map(|s| symbol(sop, s, opts, &cols, &rows[s.no - 1])).collect();
    let channel_x = cols.iter().find(|c| c.kind == ColumnKind::Channel).map_or(0.0, |c| c.x);
    let frame = Frame { symbols: &symbols, rows: &rows, pages: &pages, header_h: paging.header_h, channel_x };
    let (edges, connectors) = route(sop, opts, &plans, &tracks, &frame);
    Layout {
        width: cols.last().map_or(0.0, Column::right),
        height: pages.last().map_or(paging.header_h, |p| p.bottom),
        options: opts.clone(),
        columns: cols,
        pages,
        rows,
        symbols,
        edges,
        connectors,
        tracks: track_count,
    }
}

/// A step's symbol: centred in its row, spanning from its leftmost to its rightmost lane.
fn symbol(sop: &Sop, step: &Step, opts: &LayoutOptions, cols: &[Column], row: &Row) -> Symbol {
    let lanes = lane_count(sop);
    let first = step.lanes.first().copied().unwrap_or(0).min(lanes - 1);
    let last = step.lanes.last().copied().unwrap_or(0).min(lanes - 1);
    let (a, b) = (col(cols, ColumnKind::Lane(first)), col(cols, ColumnKind::Lane(last)));
    let h = if step.keputusan.is_some() { opts.decision_height } else { opts.symbol_height };
    let x = a.x + opts.symbol_inset;
    let n = sop.langkah.len();
    let shape = match step.kind {
        StepKind::Keputusan => Shape::Diamond,
        StepKind::Mulai | StepKind::Selesai => Shape::Capsule,
        StepKind::Proses if step.no == 1 || step.no == n => Shape::Capsule,
        StepKind::Proses => Shape::Box,
    };
    Symbol {
        step: step.no,
        lanes: if step.lanes.is_empty() { vec![first] } else { step.lanes.clone() },
        kind: step.kind,
        shape,
        rect: Rect { x, y: row.rect.cy() - h / 2.0, w: b.right() - opts.symbol_inset - x, h },
        page: row.page,
    }
}
