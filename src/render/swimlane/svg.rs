//! Swimlane SVG: takes a `Sop` and its `Layout`, promises standalone, deterministic, escaped SVG (whole diagram or one per printed page).

use super::layout::{
    header_label, wrap, Cell, ColumnKind, Connector, Edge, HeaderCell, HeaderKind, Layout, Page,
    Point, Rect, Shape, Symbol, LABEL_FONT_SIZE,
};
use crate::diag::Lang;
use crate::model::Sop;
use sopkb_search::escape::xml;
use std::fmt::Write;

const INK: &str = "#1f2937";
const GRID: &str = "#4b5563";

/// A coordinate with at most one decimal, so output does not depend on float noise.
pub(crate) fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_owned()
    } else if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The whole diagram (every page stacked) as one SVG.
pub(crate) fn render_svg(sop: &Sop, layout: &Layout, lang: Lang) -> String {
    let view = Rect {
        x: 0.0,
        y: 0.0,
        w: layout.width,
        h: layout.height,
    };
    let size = (num(layout.width), num(layout.height));
    document(
        sop,
        layout,
        lang,
        &layout.pages.iter().collect::<Vec<_>>(),
        view,
        size,
        "",
    )
}

/// One SVG per page of a paginated layout, sized as A4 landscape for print.
pub(crate) fn render_pages_svg(sop: &Sop, layout: &Layout, lang: Lang) -> Vec<String> {
    layout
        .pages
        .iter()
        .map(|page| {
            let view = Rect {
                x: 0.0,
                y: page.top,
                w: layout.width,
                h: page.bottom - page.top,
            };
            let size = ("297mm".to_owned(), "210mm".to_owned());
            document(
                sop,
                layout,
                lang,
                &[page],
                view,
                size,
                &format!("-p{}", page.index + 1),
            )
        })
        .collect()
}

fn document(
    sop: &Sop,
    layout: &Layout,
    lang: Lang,
    pages: &[&Page],
    view: Rect,
    size: (String, String),
    suffix: &str,
) -> String {
    let id = format!("sl-{}{suffix}", xml(&sop.id));
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="sl-diagram" viewBox="{} {} {} {}" width="{}" height="{}" role="img" aria-labelledby="{id}-title" font-family="sans-serif" font-size="{}">"#,
        num(view.x),
        num(view.y),
        num(view.w),
        num(view.h),
        size.0,
        size.1,
        num(layout.options.font_size)
    );
    let caption = match lang {
        Lang::Id => "Diagram alir SOP",
        Lang::En => "SOP flowchart",
    };
    let _ = write!(
        s,
        r#"<title id="{id}-title">{caption}: {}</title>"#,
        xml(&sop.nama)
    );
    let _ = write!(
        s,
        r#"<defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path class="sl-arrow" d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker></defs>"#
    );
    for page in pages {
        page_group(
            &mut s,
            sop,
            layout,
            lang,
            page,
            &format!("url(#{id}-arrow)"),
        );
    }
    s.push_str("</svg>\n");
    s
}

fn page_group(s: &mut String, sop: &Sop, layout: &Layout, lang: Lang, page: &Page, arrow: &str) {
    let _ = write!(s, r#"<g class="sl-page" data-page="{}">"#, page.index + 1);
    let _ = write!(
        s,
        r##"<rect class="sl-page-bg" {} fill="#fff"/>"##,
        rect_attrs(&Rect {
            x: 0.0,
            y: page.top,
            w: layout.width,
            h: page.bottom - page.top
        })
    );
    for cell in &page.header {
        header_cell(s, layout, lang, cell);
    }
    grid(s, layout, page);
    let rows = &layout.rows[page.rows.clone()];
    s.push_str(r#"<g class="sl-cells">"#);
    for cell in rows.iter().flat_map(|r| &r.cells) {
        text_cell(s, layout, cell);
    }
    s.push_str("</g>");
    for row in rows {
        if let Some(sym) = layout.symbol(row.step) {
            symbol(s, sop, layout, sym);
        }
    }
    for c in layout.connectors.iter().filter(|c| c.page == page.index) {
        connector(s, c);
    }
    for e in &layout.edges {
        edge(s, e, page.index, arrow);
    }
    s.push_str("</g>");
}

fn rect_attrs(r: &Rect) -> String {
    format!(
        r#"x="{}" y="{}" width="{}" height="{}""#,
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h)
    )
}

/// `<tspan>` lines (text, x offset) starting at the first baseline `y`.
fn tspans<'a>(
    s: &mut String,
    lines: impl Iterator<Item = (&'a str, f64)>,
    x: f64,
    y: f64,
    pitch: f64,
) {
    for (i, (line, dx)) in lines.enumerate() {
        let _ = write!(
            s,
            r#"<tspan x="{}" y="{}">{}</tspan>"#,
            num(x + dx),
            num(y + pitch * i as f64),
            xml(line)
        );
    }
}

/// Baseline of the first line of `n` lines centred vertically in `r`.
fn centred_baseline(r: &Rect, n: usize, layout: &Layout) -> f64 {
    r.cy() - layout.options.line_pitch() * (n as f64 - 1.0) / 2.0 + layout.options.font_size * 0.35
}

fn header_cell(s: &mut String, layout: &Layout, lang: Lang, cell: &HeaderCell) {
    if cell.kind == HeaderKind::Channel {
        // The side channel is the margin of the lane area, not an unnamed
        // lane: its cell has no border and covers the divider on its left
        // (a whole pixel, as antialiasing spreads a stroke over two), and
        // leaves the borders above and below whole.
        let r = &cell.rect;
        let gutter = Rect {
            x: r.x - 1.0,
            y: r.y + 1.0,
            w: r.w + 1.0,
            h: r.h - 2.0,
        };
        let _ = write!(
            s,
            r##"<rect class="sl-header-gutter" {} fill="#e5e7eb"/><path class="sl-header-gutter-border" d="M{x0},{y0}H{x1}M{x0},{y1}H{x1}" stroke="{GRID}"/>"##,
            rect_attrs(&gutter),
            x0 = num(r.x),
            x1 = num(r.x + r.w),
            y0 = num(r.y),
            y1 = num(r.y + r.h),
        );
        return;
    }
    let _ = write!(
        s,
        r##"<g class="sl-header"><rect class="sl-header-cell" {} fill="#e5e7eb" stroke="{GRID}"/>"##,
        rect_attrs(&cell.rect)
    );
    let lines = match cell.kind {
        HeaderKind::Lane(_) => cell.lines.clone(),
        kind => wrap(
            header_label(kind, lang),
            cell.rect.w - 2.0 * layout.options.cell_padding,
            &layout.options,
        ),
    };
    if !lines.is_empty() {
        let _ = write!(
            s,
            r#"<text class="sl-header-text" text-anchor="middle" font-weight="bold" fill="{INK}">"#
        );
        tspans(
            s,
            lines.iter().map(|l| (l.as_str(), 0.0)),
            cell.rect.cx(),
            centred_baseline(&cell.rect, lines.len(), layout),
            layout.options.line_pitch(),
        );
        s.push_str("</text>");
    }
    s.push_str("</g>");
}

fn grid(s: &mut String, layout: &Layout, page: &Page) {
    let body = &page.body;
    let _ = write!(
        s,
        r#"<g class="sl-grid" fill="none" stroke="{GRID}" stroke-width="1">"#
    );
    let _ = write!(s, "<rect {}/>", rect_attrs(body));
    // No line between the last lane and the side channel (see `header_cell`).
    for c in layout.columns.iter().skip(1) {
        if c.kind == ColumnKind::Channel {
            continue;
        }
        let _ = write!(
            s,
            r#"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>"#,
            num(c.x),
            num(body.y),
            num(body.bottom())
        );
    }
    for row in &layout.rows[page.rows.clone()] {
        for y in [row.rect.y, row.rect.bottom()] {
            let _ = write!(
                s,
                r#"<line x1="0" y1="{0}" x2="{1}" y2="{0}"/>"#,
                num(y),
                num(layout.width)
            );
        }
    }
    s.push_str("</g>");
}

fn text_cell(s: &mut String, layout: &Layout, cell: &Cell) {
    if cell.lines.is_empty() {
        return;
    }
    let pad = layout.options.cell_padding;
    let first = cell.rect.y + pad + layout.options.font_size * 0.85;
    let col = match cell.column {
        ColumnKind::No => "no",
        ColumnKind::Kegiatan => "kegiatan",
        ColumnKind::Kelengkapan => "kelengkapan",
        ColumnKind::Waktu => "waktu",
        ColumnKind::Output => "output",
        _ => "keterangan",
    };
    if cell.column == ColumnKind::No {
        let _ = write!(
            s,
            r#"<text class="sl-cell sl-col-{col}" text-anchor="middle" fill="{INK}">"#
        );
        tspans(
            s,
            cell.lines.iter().map(|l| (l.text.as_str(), 0.0)),
            cell.rect.cx(),
            first,
            layout.options.line_pitch(),
        );
    } else {
        let _ = write!(s, r#"<text class="sl-cell sl-col-{col}" fill="{INK}">"#);
        tspans(
            s,
            cell.lines.iter().map(|l| (l.text.as_str(), l.indent)),
            cell.rect.x + pad,
            first,
            layout.options.line_pitch(),
        );
    }
    s.push_str("</text>");
}

fn symbol(s: &mut String, sop: &Sop, layout: &Layout, sym: &Symbol) {
    let step = &sop.langkah[sym.step - 1];
    let ids: Vec<String> = sym
        .lanes
        .iter()
        .map(|&i| {
            sop.pelaksana
                .get(i)
                .map(|l| l.id.clone())
                .unwrap_or_default()
        })
        .collect();
    let kind = sym.kind.as_str();
    let _ = write!(
        s,
        r#"<g class="sl-symbol sl-{kind}" data-step="{}" data-lane="{}""#,
        sym.step,
        xml(ids.first().map(String::as_str).unwrap_or(""))
    );
    if ids.len() > 1 {
        let _ = write!(s, r#" data-lanes="{}""#, xml(&ids.join(" ")));
    }
    let _ = write!(
        s,
        r#" data-kind="{kind}"><title>{}. {}</title>"#,
        xml(&step.label),
        xml(&step.kegiatan)
    );
    let fill = match sym.shape {
        Shape::Capsule => "#dcfce7",
        Shape::Diamond => "#fef3c7",
        Shape::Box => "#dbeafe",
    };
    let r = &sym.rect;
    match sym.shape {
        Shape::Diamond => {
            let _ = write!(
                s,
                r#"<polygon class="sl-shape" points="{},{} {},{} {},{} {},{}" fill="{fill}" stroke="{INK}" stroke-width="1.2"/>"#,
                num(r.cx()),
                num(r.y),
                num(r.right()),
                num(r.cy()),
                num(r.cx()),
                num(r.bottom()),
                num(r.x),
                num(r.cy())
            );
        }
        shape => {
            let rx = if shape == Shape::Capsule {
                r.h / 2.0
            } else {
                0.0
            };
            let _ = write!(
                s,
                r#"<rect class="sl-shape" {} rx="{}" fill="{fill}" stroke="{INK}" stroke-width="1.2"/>"#,
                rect_attrs(r),
                num(rx)
            );
        }
    }
    let _ = write!(
        s,
        r#"<text class="sl-symbol-text" x="{}" y="{}" text-anchor="middle" fill="{INK}">{}</text></g>"#,
        num(r.cx()),
        num(r.cy() + layout.options.font_size * 0.35),
        xml(&step.label)
    );
}

fn points_attr(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn edge(s: &mut String, e: &Edge, page: usize, arrow: &str) {
    for (i, leg) in e.legs.iter().enumerate().filter(|(_, l)| l.page == page) {
        let _ = write!(
            s,
            r#"<g class="sl-edge" data-from="{}" data-to="{}""#,
            e.from, e.to
        );
        if e.track.is_some() {
            s.push_str(r#" data-side="true""#);
        }
        let _ = write!(
            s,
            r#"><polyline class="sl-edge sl-edge-line" points="{}" fill="none" stroke="{INK}" stroke-width="1.2" marker-end="{arrow}"/>"#,
            points_attr(&leg.points)
        );
        if let (0, Some(label)) = (i, &e.label) {
            let _ = write!(
                s,
                r##"<text class="sl-label" x="{}" y="{}" font-size="{}" fill="{INK}" stroke="#fff" stroke-width="3" paint-order="stroke">{}</text>"##,
                num(label.at.x),
                num(label.at.y),
                num(LABEL_FONT_SIZE),
                xml(&label.text)
            );
        }
        s.push_str("</g>");
    }
}

fn connector(s: &mut String, c: &Connector) {
    let _ = write!(
        s,
        r##"<g class="sl-connector" data-letter="{}" data-connects="{}"><polygon class="sl-shape" points="{}" fill="#fff" stroke="{INK}" stroke-width="1.2"/><text class="sl-connector-text" x="{}" y="{}" text-anchor="middle" font-size="9" font-weight="bold" fill="{INK}">{}</text></g>"##,
        xml(&c.letter),
        c.step,
        points_attr(&c.outline()),
        num(c.rect.cx()),
        num(c.rect.y + c.rect.h * 0.5),
        xml(&c.letter)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::swimlane::layout::{layout, LayoutOptions};
    use crate::render::swimlane::testkit::{assert_well_formed, check_svg, tangled};
    use crate::render::swimlane::{swimlane_pages_svg, swimlane_svg};

    #[test]
    fn svg_is_well_formed_escaped_and_marks_every_step() {
        let sop = tangled();
        let svg = swimlane_svg(&sop, Lang::Id);
        check_svg(&sop, &svg);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"sl-uji-title\""));
        assert!(svg.contains(
            "<title id=\"sl-uji-title\">Diagram alir SOP: SOP Uji &amp; &lt;Coba&gt;</title>"
        ));
        assert!(svg.contains("&quot;pimpinan&quot;"));
        assert!(svg.contains(
            r#"data-step="3" data-lane="bupati" data-lanes="bupati pihak" data-kind="proses""#
        ));
        assert!(svg.contains(r#"data-step="1" data-lane="opd" data-kind="mulai""#));
        assert!(svg.contains(r#"data-kind="keputusan""#) && svg.contains(r#"data-kind="selesai""#));
        for word in [
            "Mutu Baku",
            "Kelengkapan",
            "Waktu",
            "Output",
            "Keterangan",
            "Kegiatan",
            "Bagian tapem",
        ] {
            assert!(svg.contains(word), "header has {word}");
        }
        assert!(svg.contains("<marker"));
        assert!(svg.contains("marker-end="));
        assert!(svg.contains(">Tidak</text>"));
    }

    #[test]
    fn svg_speaks_english_when_asked() {
        let svg = swimlane_svg(&tangled(), Lang::En);
        assert!(
            svg.contains("Remarks") && svg.contains("Quality") && svg.contains("SOP flowchart")
        );
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
        let l = layout(
            &sop,
            &LayoutOptions {
                page_height: Some(260.0),
                ..LayoutOptions::default()
            },
        );
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
    fn the_side_channel_is_a_margin_of_the_lanes_not_an_unnamed_lane() {
        let sop = tangled();
        let l = layout(&sop, &LayoutOptions::default());
        let ch = l.channel().expect("tangled has back-edges");
        let svg = render_svg(&sop, &l, Lang::Id);
        let x = num(ch.x);
        // No grid line and no bordered header cell on its left edge.
        assert!(!svg.contains(&format!(r#"<line x1="{x}" y1="#)), "{svg}");
        assert!(!svg.contains(&format!(r#"<rect class="sl-header-cell" x="{x}""#)));
        assert_eq!(svg.matches("sl-header-gutter\"").count(), 1);
        // Every lane keeps its divider.
        for c in l
            .columns
            .iter()
            .filter(|c| matches!(c.kind, ColumnKind::Lane(i) if i > 0))
        {
            assert!(svg.contains(&format!(r#"<line x1="{}" y1="#, num(c.x))));
        }
    }

    #[test]
    fn a4_pages_fit_the_width_of_the_table() {
        let sop = tangled();
        let pages = swimlane_pages_svg(&sop, Lang::Id);
        assert!(!pages.is_empty());
        pages.iter().for_each(|p| assert_well_formed(p));
    }
}
