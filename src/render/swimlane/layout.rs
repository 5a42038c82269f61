//! Swimlane layout: takes a checked `Sop` and options, promises plain coordinates (table, symbols, orthogonal edges, pages, off-page connectors) and no SVG.

pub(crate) use super::geom::{Point, Rect, Shape, Symbol};
pub(crate) use super::route::{Connector, Edge};
pub(crate) use super::table::{
    header_label, Cell, Column, ColumnKind, HeaderCell, HeaderKind, Page, Row,
};
pub(crate) use super::text::wrap;

use super::route::{assign_tracks, plans, route, Frame};
use super::table::{col, columns, lane_count, paging, place};
use crate::model::{Sop, Step, StepKind};

/// Sizes in SVG user units; text is measured as `char_width × font_size` per character.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LayoutOptions {
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
    pub(crate) fn line_pitch(&self) -> f64 {
        self.font_size * self.line_height
    }

    /// These options with pages of A4 landscape proportions for a table of `width`.
    pub(crate) fn a4_landscape(&self, width: f64) -> LayoutOptions {
        LayoutOptions {
            page_height: Some(width * 210.0 / 297.0),
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
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
    pub(crate) fn column(&self, kind: ColumnKind) -> Option<&Column> {
        self.columns.iter().find(|c| c.kind == kind)
    }

    /// The corridor right of the lanes where side edges run (absent when there are none).
    #[cfg(test)]
    pub(crate) fn channel(&self) -> Option<&Column> {
        self.column(ColumnKind::Channel)
    }

    pub(crate) fn symbol(&self, step: usize) -> Option<&Symbol> {
        self.symbols.get(step.checked_sub(1)?)
    }
}

/// Lays out the whole table: pages first (routing depends on them), then columns
/// with one channel track per side edge, then symbols, then edges.
pub(crate) fn layout(sop: &Sop, opts: &LayoutOptions) -> Layout {
    let first = layout_with(sop, opts, 0.0);
    // A branch label on a side edge that would run into the Mutu Baku
    // columns widens the channel instead (lanes, symbols and rows stay put).
    match label_overflow(&first) {
        Some(over) => layout_with(sop, opts, over),
        None => first,
    }
}

/// Font size of branch labels (smaller than cell text).
pub(crate) const LABEL_FONT_SIZE: f64 = 9.0;

/// How far the widest side-edge label runs past the lane area, if it does.
fn label_overflow(l: &Layout) -> Option<f64> {
    let end = l.column(ColumnKind::Kelengkapan)?.x;
    let char_w = LABEL_FONT_SIZE * l.options.char_width;
    l.edges
        .iter()
        .filter(|e| e.track.is_some())
        .filter_map(|e| e.label.as_ref())
        .map(|lb| lb.at.x + lb.text.chars().count() as f64 * char_w + 3.0 - end)
        .filter(|&over| over > 0.0)
        .reduce(f64::max)
        .map(f64::ceil)
}

/// `layout`, with the channel `extra_channel` wider than its tracks need.
fn layout_with(sop: &Sop, opts: &LayoutOptions, extra_channel: f64) -> Layout {
    let paging = paging(sop, opts);
    let plans = plans(sop, &paging.row_page);
    let tracks = assign_tracks(&plans);
    let track_count = tracks.iter().flatten().count();
    let cols = columns(sop, opts, track_count, extra_channel);
    let (pages, rows) = place(sop, opts, &cols, &paging);
    let symbols: Vec<Symbol> = sop
        .langkah
        .iter()
        .map(|s| symbol(sop, s, opts, &cols, &rows[s.no - 1]))
        .collect();
    let channel_x = cols
        .iter()
        .find(|c| c.kind == ColumnKind::Channel)
        .map_or(0.0, |c| c.x);
    let frame = Frame {
        symbols: &symbols,
        rows: &rows,
        pages: &pages,
        header_h: paging.header_h,
        channel_x,
    };
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
    let (a, b) = (
        col(cols, ColumnKind::Lane(first)),
        col(cols, ColumnKind::Lane(last)),
    );
    let h = if step.keputusan.is_some() {
        opts.decision_height
    } else {
        opts.symbol_height
    };
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
        lanes: if step.lanes.is_empty() {
            vec![first]
        } else {
            step.lanes.clone()
        },
        kind: step.kind,
        shape,
        rect: Rect {
            x,
            y: row.rect.cy() - h / 2.0,
            w: b.right() - opts.symbol_inset - x,
            h,
        },
        page: row.page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Lang;
    use crate::render::swimlane::svg::render_svg;
    use crate::render::swimlane::testkit::{
        assert_well_formed, check, check_svg, s, shipped_sops, sop, tangled,
    };

    #[test]
    fn lays_out_a_straight_flow_without_side_channel() {
        let sop = sop(
            &["a", "b"],
            vec![s(&["a"]), s(&["b"]), s(&["a"]), s(&["b"])],
        );
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
        assert_eq!(
            kinds,
            [
                No,
                Kegiatan,
                Lane(0),
                Lane(1),
                Lane(2),
                Lane(3),
                Channel,
                Kelengkapan,
                Waktu,
                Output,
                Keterangan
            ]
        );
        for w in l.columns.windows(2) {
            assert!(
                (w[0].right() - w[1].x).abs() < 1e-9,
                "columns are contiguous"
            );
        }
    }

    #[test]
    fn rows_grow_to_fit_their_longest_cell() {
        let long = "kata ".repeat(80);
        let sop = sop(&["a"], vec![s(&["a"]), s(&["a"]).text(&long), s(&["a"])]);
        let l = layout(&sop, &LayoutOptions::default());
        let o = &l.options;
        let cell = l.rows[1]
            .cells
            .iter()
            .find(|c| c.column == ColumnKind::Kegiatan)
            .expect("kegiatan");
        assert!(cell.lines.len() > 5);
        assert!(
            l.rows[1].rect.h >= cell.lines.len() as f64 * o.line_pitch() + 2.0 * o.cell_padding
        );
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
        let (b, p) = (
            l.column(ColumnKind::Lane(2)).expect("lane"),
            l.column(ColumnKind::Lane(3)).expect("lane"),
        );
        assert!(
            span.rect.x < b.right() && span.rect.right() > p.x,
            "a two-lane step is one wide symbol"
        );
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
            assert!(
                d < 3.0 * l.options.font_size,
                "label {} is {d} away from its edge start",
                label.text
            );
        }
    }

    #[test]
    fn paginated_layouts_keep_rows_whole_and_pair_connectors() {
        let sop = tangled();
        let base = LayoutOptions::default();
        for ph in [180.0, 230.0, 300.0, 420.0] {
            let l = layout(
                &sop,
                &LayoutOptions {
                    page_height: Some(ph),
                    ..base.clone()
                },
            );
            assert!(l.pages.len() > 1, "page height {ph} splits the table");
            check(&sop, &l);
            assert!(!l.connectors.is_empty());
            assert_eq!(l.connectors[0].letter, "A");
        }
    }

    #[test]
    fn a_row_taller_than_a_page_gets_a_page_of_its_own() {
        let long = "kata ".repeat(300);
        let sop = sop(
            &["a", "b"],
            vec![s(&["a"]), s(&["b"]).text(&long), s(&["a"])],
        );
        let l = layout(
            &sop,
            &LayoutOptions {
                page_height: Some(200.0),
                ..LayoutOptions::default()
            },
        );
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
    fn handles_an_empty_sop() {
        let sop = sop(&["a"], vec![]);
        let l = layout(&sop, &LayoutOptions::default());
        assert!(l.symbols.is_empty() && l.edges.is_empty());
        assert_well_formed(&render_svg(&sop, &l, Lang::Id));
    }

    #[test]
    fn shipped_sops_lay_out_cleanly_on_screen_and_in_print() {
        let sops = shipped_sops();
        assert!(
            sops.iter().any(|s| s.id == "magetan-penawaran-kerja-sama"),
            "the Magetan SOP loads"
        );
        for sop in &sops {
            let base = LayoutOptions::default();
            let l = layout(sop, &base);
            check(sop, &l);
            check_svg(sop, &render_svg(sop, &l, Lang::Id));
            let printed = layout(sop, &base.a4_landscape(l.width));
            check(sop, &printed);
            for ph in [250.0, 400.0] {
                check(
                    sop,
                    &layout(
                        sop,
                        &LayoutOptions {
                            page_height: Some(ph),
                            ..base.clone()
                        },
                    ),
                );
            }
        }
    }

    #[test]
    fn magetan_decisions_return_to_the_first_step_through_the_channel() {
        let sops = shipped_sops();
        let sop = sops
            .iter()
            .find(|s| s.id == "magetan-penawaran-kerja-sama")
            .expect("magetan");
        let l = layout(sop, &LayoutOptions::default());
        let back: Vec<(usize, usize)> = l
            .edges
            .iter()
            .filter(|e| e.track.is_some())
            .map(|e| (e.from, e.to))
            .collect();
        assert_eq!(back, [(2, 1), (6, 1)]);
        let spans: Vec<usize> = l
            .symbols
            .iter()
            .filter(|s| s.lanes.len() > 1)
            .map(|s| s.step)
            .collect();
        assert_eq!(spans, [9, 12]);
    }
}
